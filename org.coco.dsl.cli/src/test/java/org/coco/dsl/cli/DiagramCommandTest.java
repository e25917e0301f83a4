package org.coco.dsl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** coco diagram: SVG pictures laid out by ELK. */
class DiagramCommandTest {

	@TempDir
	Path tmp;

	private static Document svg(Path file) throws Exception {
		var f = DocumentBuilderFactory.newInstance();
		f.setNamespaceAware(true);
		return f.newDocumentBuilder().parse(file.toFile());
	}

	private static String texts(Document d) {
		StringBuilder sb = new StringBuilder();
		NodeList list = d.getElementsByTagNameNS("http://www.w3.org/2000/svg", "text");
		for (int i = 0; i < list.getLength(); i++) {
			sb.append(list.item(i).getTextContent()).append('\n');
		}
		return sb.toString();
	}

	@Test
	void platformAndTsmPicturesOfTheSnpExample() throws Exception {
		var r = CliProcess.run(tmp, "diagram", CliProcess.examples().resolve("sev-snp-guest.coco").toString(), "-o", "pics");
		assertEquals(0, r.exit(), r.out() + r.err());
		List<String> names;
		try (Stream<Path> s = Files.list(tmp.resolve("pics"))) {
			names = s.map(p -> p.getFileName().toString()).sorted().toList();
		}
		assertEquals(List.of("snpguest.nic.tsm.svg", "snpguest.nvme.tsm.svg", "snpguest.platform.svg"), names);

		Document platform = svg(tmp.resolve("pics/snpguest.platform.svg"));
		String text = texts(platform);
		assertTrue(text.contains("device nic (T=0)"), text);
		assertTrue(text.contains("device legacy (T=0)"), text);
		assertTrue(text.contains("swiotlb default"), text);
		assertTrue(text.contains("heap system_cc_shared"), text);
		assertTrue(text.contains("mmio nic_bar"), text);
		assertTrue(text.contains("private memory") && text.contains("shared memory"), text);
		assertTrue(text.contains("private buffers bounce"), text);
		assertTrue(text.contains("BAR"), text);
		// ELK placed the boxes: no two share a position
		NodeList rects = platform.getElementsByTagNameNS("http://www.w3.org/2000/svg", "rect");
		Set<String> positions = new HashSet<>();
		int boxes = 0;
		for (int i = 0; i < rects.getLength(); i++) {
			Element e = (Element) rects.item(i);
			if ("6".equals(e.getAttribute("rx"))) {
				boxes++;
				positions.add(e.getAttribute("x") + "," + e.getAttribute("y"));
			}
		}
		assertEquals(9, boxes, "2 memories, 1 pool, 2 heaps, 1 MMIO region, 3 devices");
		assertEquals(boxes, positions.size(), "overlapping boxes");

		String tsm = texts(svg(tmp.resolve("pics/snpguest.nic.tsm.svg")));
		assertTrue(tsm.contains("UNLOCKED (T=0)"), tsm);
		assertTrue(tsm.contains("LOCKED (T=0)"), tsm);
		assertTrue(tsm.contains("RUN (T=1)"), tsm);
		assertTrue(tsm.contains("lock") && tsm.contains("accept") && tsm.contains("unlock"), tsm);
	}

	@Test
	void errorsAndMissingFiles() throws Exception {
		var missing = CliProcess.run(tmp, "diagram", "nope.coco", "-o", "pics");
		assertEquals(2, missing.exit());
		assertTrue(missing.err().contains("nope.coco:1:1: error coco.unreadable-input no such file"), missing.err());
		Files.writeString(tmp.resolve("broken.coco"), "platform P {\n  device d : pci { dma-mask }\n}\n");
		var broken = CliProcess.run(tmp, "diagram", "broken.coco", "-o", "pics");
		assertEquals(1, broken.exit());
		assertTrue(broken.err().contains("broken.coco:2:"), broken.err());
		assertTrue(!Files.exists(tmp.resolve("pics")));
	}
}
