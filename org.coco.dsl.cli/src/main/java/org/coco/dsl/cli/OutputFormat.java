package org.coco.dsl.cli;

/** --format of validate and run. */
enum OutputFormat {
	text, json, sarif
}
