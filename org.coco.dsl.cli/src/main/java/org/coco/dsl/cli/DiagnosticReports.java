package org.coco.dsl.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.coco.dsl.generator.Json;

/** validate's machine-readable reports: coco's own JSON and SARIF 2.1.0 for CI code scanning. */
final class DiagnosticReports {
	private DiagnosticReports() {
	}

	static final String SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

	static String json(List<Diagnostic> all, int files) {
		Map<String, Object> doc = new LinkedHashMap<>();
		doc.put("format", "coco-diagnostics");
		doc.put("version", 1);
		doc.put("files", files);
		doc.put("errors", all.stream().filter(Diagnostic::isError).count());
		doc.put("warnings", all.stream().filter(d -> "warning".equals(d.severity())).count());
		List<Object> list = new ArrayList<>();
		for (Diagnostic d : all) {
			Map<String, Object> m = new LinkedHashMap<>();
			m.put("file", d.file());
			m.put("line", d.line());
			m.put("column", d.column());
			m.put("severity", d.severity());
			m.put("code", d.code());
			m.put("message", d.message());
			list.add(m);
		}
		doc.put("diagnostics", list);
		return Json.write(doc);
	}

	/**
	 * One run of tool "coco"; each diagnostic a result whose ruleId is its stable code, located by an
	 * artifact URI relative to the working directory (what code scanning expects of a checkout) or a
	 * file: URI for files outside it.
	 */
	static String sarif(List<Diagnostic> all, String version) {
		Map<String, Object> doc = new LinkedHashMap<>();
		doc.put("$schema", SARIF_SCHEMA);
		doc.put("version", "2.1.0");
		Map<String, Object> driver = new LinkedHashMap<>();
		driver.put("name", "coco");
		driver.put("semanticVersion", version);
		Map<String, Integer> ruleIndex = new TreeMap<>();
		for (Diagnostic d : all) {
			ruleIndex.putIfAbsent(d.code(), 0);
		}
		List<Object> rules = new ArrayList<>();
		int i = 0;
		for (String code : ruleIndex.keySet()) {
			ruleIndex.put(code, i++);
			Map<String, Object> r = new LinkedHashMap<>();
			r.put("id", code);
			r.put("shortDescription", Map.of("text", "coco diagnostic " + code));
			rules.add(r);
		}
		driver.put("rules", rules);
		List<Object> results = new ArrayList<>();
		for (Diagnostic d : all) {
			Map<String, Object> res = new LinkedHashMap<>();
			res.put("ruleId", d.code());
			res.put("ruleIndex", ruleIndex.get(d.code()));
			res.put("level", switch (d.severity()) {
			case "error" -> "error";
			case "warning" -> "warning";
			default -> "note";
			});
			res.put("message", Map.of("text", d.message()));
			Map<String, Object> artifact = new LinkedHashMap<>();
			artifact.put("uri", uri(d.file()));
			Map<String, Object> region = new LinkedHashMap<>();
			region.put("startLine", d.line());
			region.put("startColumn", d.column());
			Map<String, Object> physical = new LinkedHashMap<>();
			physical.put("artifactLocation", artifact);
			physical.put("region", region);
			res.put("locations", List.of(Map.of("physicalLocation", physical)));
			results.add(res);
		}
		Map<String, Object> run = new LinkedHashMap<>();
		run.put("tool", Map.of("driver", driver));
		run.put("columnKind", "unicodeCodePoints");
		run.put("results", results);
		doc.put("runs", List.of(run));
		return Json.write(doc);
	}

	/** A relative path as a relative URI reference (forward slashes, percent-encoded); else a file: URI. */
	static String uri(String file) {
		Path p = Path.of(file);
		if (p.isAbsolute()) {
			Path cwd = Path.of("").toAbsolutePath();
			if (p.normalize().startsWith(cwd)) {
				p = cwd.relativize(p.normalize());
			} else {
				return p.toUri().toString();
			}
		}
		StringBuilder sb = new StringBuilder();
		for (Path seg : p.normalize()) {
			if (sb.length() > 0) {
				sb.append('/');
			}
			sb.append(org.eclipse.emf.common.util.URI.encodeSegment(seg.toString(), false));
		}
		return sb.toString();
	}
}
