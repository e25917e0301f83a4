package org.coco.dsl.cli;

import java.util.concurrent.Callable;

import org.coco.dsl.ide.server.CocoLanguageServer;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "lsp", mixinStandardHelpOptions = true,
		description = "Start the coco language server: on stdio by default, or on a TCP port bound to 127.0.0.1 only.")
final class LspCommand implements Callable<Integer> {

	@Option(names = "--socket", paramLabel = "PORT", description = "listen on 127.0.0.1:PORT instead of stdio (0 picks a free port)")
	Integer port;

	@Option(names = "--trace", description = "log the LSP messages to stderr")
	boolean trace;

	@Override
	public Integer call() throws Exception {
		if (port == null) {
			CocoLanguageServer.runStdio(System.in, System.out, trace);
		} else {
			CocoLanguageServer.runSocket(port, trace,
					p -> System.err.println("coco language server listening on 127.0.0.1:" + p));
		}
		return CocoCli.OK;
	}
}
