package org.coco.dsl.bench;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A synthetic fleet of a given size: one SEV-SNP platform with many PCI devices and restricted-dma
 * pools, and scenarios that allocate, map, unmap and free on them. The same platform can be written
 * as a device-tree source (.dts, pools as reserved-memory restricted-dma-pool nodes) for dtc.
 *
 * Sizes are chosen from a target line count so that benchmarks grow every part of the model
 * together: about half the lines are devices, a twentieth pools, the rest scenarios.
 */
public record SyntheticModel(int devices, int pools, int scenarios, int stepsPerScenario) {

	/** Lines of one device block in the .coco text. */
	static final int DEVICE_LINES = 5;
	/** Steps per buffer cycle: alloc, map, unmap, free. */
	static final int CYCLE = 4;
	/** Each pool is 4 MiB; pools are laid out back to back from 4 GiB, so they never overlap. */
	static final long POOL_SIZE = 4L << 20;
	static final long POOL_BASE = 1L << 32;

	/** A model of about `lines` lines of .coco text. */
	public static SyntheticModel ofLines(int lines) {
		int devices = Math.max(1, lines / 2 / DEVICE_LINES);
		int pools = Math.max(1, lines / 20);
		int steps = 40;
		int scenarioLines = lines - devices * DEVICE_LINES - pools - 12;
		int scenarios = Math.max(1, scenarioLines / (steps + 3));
		return new SyntheticModel(devices, pools, scenarios, steps);
	}

	/** The same platform without scenarios: what a device tree can also say. */
	public SyntheticModel platformOnly() {
		return new SyntheticModel(devices, pools, 0, 0);
	}

	public void writeCoco(Path file) throws IOException {
		try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
			writeCoco(w);
		}
	}

	public void writeCoco(Appendable w) throws IOException {
		w.append("// synthetic fleet: ").append(toString()).append('\n');
		w.append("platform Fleet {\n");
		w.append("    technology sev-snp\n    c-bit 51\n    phys-bits 52\n    profile series-v7\n");
		w.append("    config DMA_RESTRICTED_POOL\n");
		w.append("    pool swiotlb default size 64M at 0x8000_0000\n    heap system\n");
		for (int p = 0; p < pools; p++) {
			w.append("    pool restricted rp").append(Integer.toString(p)).append(" size 4M at 0x")
					.append(Long.toHexString(POOL_BASE + p * POOL_SIZE)).append(" shared\n");
		}
		for (int d = 0; d < devices; d++) {
			w.append("    device d").append(Integer.toString(d)).append(" : pci {\n");
			w.append("        dma-mask ").append(d % 3 == 0 ? "32" : "64").append('\n');
			w.append("        coherent\n");
			// half the devices bounce through a restricted pool, half through the default swiotlb pool
			w.append(d % 2 == 0 ? "        restricted-pool rp" + (d / 2 % pools) : "        untrusted").append('\n');
			w.append("    }\n");
		}
		w.append("}\n");
		for (int s = 0; s < scenarios; s++) {
			w.append("scenario \"s").append(Integer.toString(s)).append("\" on Fleet {\n");
			for (int i = 0; i < stepsPerScenario / CYCLE; i++) {
				String dev = "d" + ((s * 7 + i) % devices);
				w.append("    b").append(Integer.toString(i)).append(" = alloc pages 8K\n");
				w.append("    m").append(Integer.toString(i)).append(" = map b").append(Integer.toString(i))
						.append(" -> ").append(dev).append(" to-device\n");
				w.append("    unmap m").append(Integer.toString(i)).append('\n');
				w.append("    free b").append(Integer.toString(i)).append('\n');
			}
			w.append("}\n\n");
		}
	}

	/**
	 * dtc's parser (bison, right-recursive node lists, 10,000-deep stack) fails with "memory
	 * exhausted" on a node with more than about 10,000 children, so devices and pools are grouped
	 * by a thousand: soc/bus@N and reserved-memory/pools@N.
	 */
	static final int DTS_GROUP = 1000;

	/** The platform as a device tree: restricted-dma pools under reserved-memory, devices referring to them. */
	public void writeDts(Path file) throws IOException {
		try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
			w.append("/dts-v1/;\n\n/ {\n    #address-cells = <2>;\n    #size-cells = <2>;\n");
			w.append("    compatible = \"coco,synthetic-fleet\";\n\n");
			w.append("    reserved-memory {\n        #address-cells = <2>;\n        #size-cells = <2>;\n        ranges;\n");
			for (int p = 0; p < pools; p++) {
				if (p % DTS_GROUP == 0) {
					w.append("        pools@").append(Integer.toHexString(p / DTS_GROUP))
							.append(" {\n            #address-cells = <2>;\n            #size-cells = <2>;\n            ranges;\n");
				}
				long base = POOL_BASE + p * POOL_SIZE;
				w.append("            rp").append(Integer.toString(p)).append(": restricted-dma@")
						.append(Long.toHexString(base)).append(" {\n");
				w.append("                compatible = \"restricted-dma-pool\";\n");
				w.append("                reg = <0x").append(Long.toHexString(base >>> 32)).append(" 0x")
						.append(Long.toHexString(base & 0xffff_ffffL)).append(" 0x0 0x")
						.append(Long.toHexString(POOL_SIZE)).append(">;\n");
				w.append("            };\n");
				if (p % DTS_GROUP == DTS_GROUP - 1 || p == pools - 1) {
					w.append("        };\n");
				}
			}
			w.append("    };\n\n    soc {\n        #address-cells = <2>;\n        #size-cells = <2>;\n        ranges;\n");
			for (int d = 0; d < devices; d++) {
				if (d % DTS_GROUP == 0) {
					w.append("        bus@").append(Integer.toHexString(d / DTS_GROUP))
							.append(" {\n            #address-cells = <2>;\n            #size-cells = <2>;\n            ranges;\n");
				}
				w.append("            d").append(Integer.toString(d)).append("@").append(Integer.toHexString(d)).append(" {\n");
				w.append("                compatible = \"pci-device\";\n");
				w.append("                reg = <0x0 0x").append(Integer.toHexString(d)).append(" 0x0 0x1>;\n");
				w.append("                dma-coherent;\n");
				w.append(d % 2 == 0 ? "                memory-region = <&rp" + (d / 2 % pools) + ">;\n"
						: "                untrusted;\n");
				w.append("            };\n");
				if (d % DTS_GROUP == DTS_GROUP - 1 || d == devices - 1) {
					w.append("        };\n");
				}
			}
			w.append("    };\n};\n");
		}
	}

	static long countLines(Path file) throws IOException {
		try (var lines = Files.lines(file)) {
			return lines.count();
		}
	}

	/** `SyntheticModel LINES OUT.coco [OUT.dts]`: writes a model of about LINES lines. */
	public static void main(String[] args) throws IOException {
		if (args.length < 2) {
			System.err.println("usage: SyntheticModel LINES OUT.coco [OUT.dts]");
			System.exit(2);
		}
		SyntheticModel m = ofLines(Integer.parseInt(args[0].replace("_", "")));
		m.writeCoco(Path.of(args[1]));
		if (args.length > 2) {
			m.writeDts(Path.of(args[2]));
		}
		System.out.println(m + ": " + countLines(Path.of(args[1])) + " lines");
	}
}
