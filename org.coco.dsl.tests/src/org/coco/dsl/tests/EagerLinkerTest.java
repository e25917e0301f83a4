package org.coco.dsl.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.coco.dsl.coco.CocoPackage;
import org.coco.dsl.coco.MapStep;
import org.coco.dsl.coco.Model;
import org.coco.dsl.coco.Scenario;
import org.coco.dsl.linking.EagerLinker;
import org.eclipse.emf.common.util.TreeIterator;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EReference;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.validation.CheckMode;
import org.eclipse.xtext.validation.Issue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.google.inject.Inject;
import com.google.inject.Provider;

/**
 * The batch commands' EagerLinker sets the references a file decides itself at once and leaves the rest to
 * Xtext's lazy proxies: every reference must end up where Xtext's lazy linking puts it, with the same
 * linking and validation diagnostics, whatever the files, their order, packages, imports and unknown names;
 * and resolving the proxies it made must leave none that a walk over the whole model would resolve.
 */
@ExtendWith(InjectionExtension.class)
@InjectWith(CocoInjectorProvider.class)
class EagerLinkerTest {

	@Inject
	private Provider<XtextResourceSet> resourceSets;

	@Inject
	private Provider<EagerLinker> eagerLinkers;

	/** Where the files seem to be: they are loaded from text, never read from there. */
	private final Path dir = Path.of(System.getProperty("java.io.tmpdir"), "coco-eager-linker-test");

	@Test
	void everyExampleLinksAsXtextDoes() throws IOException {
		Map<String, String> files = new LinkedHashMap<>();
		for (Path p : Examples.all()) {
			files.put(Examples.dir().relativize(p).toString().replace('\\', '_').replace('/', '_'), Files.readString(p));
		}
		assertSameLinks(files);
		// the multi-file example with the scenarios' file first: its platform is not loaded when it is parsed
		Path dir = Examples.dir().resolve("multi-file");
		Map<String, String> reversed = new LinkedHashMap<>();
		reversed.put("lab-scenarios.coco", Files.readString(dir.resolve("lab-scenarios.coco")));
		reversed.put("lab-platforms.coco", Files.readString(dir.resolve("lab-platforms.coco")));
		assertSameLinks(reversed);
	}

	@Test
	void stepsAreLinkedWithoutProxies() throws IOException {
		String text = Files.readString(Examples.dir().resolve("sev-snp-guest.coco"));
		XtextResourceSet set = resourceSets.get();
		EagerLinker linker = eagerLinkers.get();
		XtextResource r = load(set, uri("a.coco"), text, linker);
		linker.linkDeferred();
		int references = 0;
		for (TreeIterator<EObject> it = r.getAllContents(); it.hasNext();) {
			if (it.next() instanceof MapStep map) {
				EObject device = (EObject) map.eGet(CocoPackage.Literals.MAP_STEP__DEVICE, false);
				assertFalse(device.eIsProxy(), "a step's device is set at once");
				references++;
			}
		}
		assertTrue(references > 0);
		Scenario scenario = (Scenario) ((Model) r.getContents().get(0)).getElements().stream()
				.filter(Scenario.class::isInstance).findFirst().orElseThrow();
		assertFalse(((EObject) scenario.eGet(CocoPackage.Literals.SCENARIO__PLATFORM, false)).eIsProxy(),
				"a platform of the same file is set at once");
	}

	/** Platforms of one name in several packages, imports, no package, unknown names, shadowing. */
	@Test
	void packagesImportsAndUnknownNamesLinkAsXtextDoes() throws IOException {
		String platform = """
				platform %s {
				    technology sev-snp
				    pool swiotlb default size 64M at 0x8000_0000
				    pool restricted rp size 4M at 0x9000_0000
				    device nic : pci {
				        dma-mask 64
				        restricted-pool rp
				    }
				    device %s : pci {
				        dma-mask 32
				    }
				    mmio regs at 0xfc00_0000 size 1M shared of nic
				}
				""";
		String scenarios = """
				scenario "s1" on %s {
				    buf = alloc pages 8K
				    m = map buf -> nic to-device
				    unmap m
				    r = map resource regs -> %s bidirectional attrs MMIO
				    unmap r attrs MMIO
				    free buf
				}
				scenario "s2" on %s {
				    m = map buf -> nosuch to-device
				    unmap nobuf
				}
				""";
		Map<String, String> files = new LinkedHashMap<>();
		files.put("a.coco", "package lab.a\n" + platform.formatted("P", "disk") + scenarios.formatted("P", "disk", "lab.b.P"));
		files.put("b.coco", "package lab.b\nimport lab.a.*\n" + platform.formatted("P", "gpu") + scenarios.formatted("P", "gpu", "Q"));
		files.put("c.coco", "import lab.b.*\n" + platform.formatted("P", "tpu") + scenarios.formatted("P", "tpu", "lab.a.P"));
		files.put("d.coco", platform.formatted("P", "nvme") + platform.formatted("P", "fpga") + scenarios.formatted("P", "nvme", "R"));
		files.put("e.coco", "import lab.a.P\n" + scenarios.formatted("P", "disk", "P"));
		List<String> diagnostics = assertSameLinks(files);
		// Xtext's scoping, as CocoScopeProvider must keep it: an import shadows a platform of a file without a
		// package (c), the own package comes first (a, b), the first of two platforms P is taken (d)
		assertTrue(diagnostics.stream().anyMatch(d -> d.startsWith("c.coco") && d.contains("Device 'tpu'")), diagnostics.toString());
		assertTrue(diagnostics.stream().noneMatch(d -> d.contains("Device 'disk'") || d.contains("Device 'gpu'") || d.contains("Device 'nvme'")), diagnostics.toString());
		List<String> names = new ArrayList<>(files.keySet());
		Random random = new Random(7);
		for (int i = 0; i < 6; i++) {
			java.util.Collections.shuffle(names, random);
			Map<String, String> shuffled = new LinkedHashMap<>();
			names.forEach(n -> shuffled.put(n, files.get(n)));
			assertSameLinks(shuffled);
		}
	}

	/** The lazily linked files' diagnostics, after checking that the eager linker gives the same. */
	private List<String> assertSameLinks(Map<String, String> files) throws IOException {
		XtextResourceSet lazySet = resourceSets.get();
		List<XtextResource> lazy = new ArrayList<>();
		for (var f : files.entrySet()) {
			lazy.add(load(lazySet, uri(f.getKey()), f.getValue(), null));
		}
		EcoreUtil.resolveAll(lazySet);

		XtextResourceSet eagerSet = resourceSets.get();
		List<XtextResource> eager = new ArrayList<>();
		List<EagerLinker> linkers = new ArrayList<>();
		for (var f : files.entrySet()) {
			EagerLinker linker = eagerLinkers.get();
			linkers.add(linker);
			eager.add(load(eagerSet, uri(f.getKey()), f.getValue(), linker));
		}
		linkers.forEach(EagerLinker::linkDeferred);
		linkers.forEach(EagerLinker::resolveProxies); // as the CLI does: no walk with EcoreUtil.resolveAll

		List<String> all = new ArrayList<>();
		for (int i = 0; i < lazy.size(); i++) {
			String file = lazy.get(i).getURI().toString();
			assertEquals(links(lazy.get(i)), links(eager.get(i)), file);
			List<String> diagnostics = diagnostics(lazy.get(i));
			assertEquals(diagnostics, diagnostics(eager.get(i)), file);
			String name = lazy.get(i).getURI().lastSegment();
			diagnostics.forEach(d -> all.add(name + " " + d));
		}
		return all;
	}

	/** File URIs, as the CLI's: Xtext's global scope sees the other files of the set through them. */
	private String uri(String name) {
		return URI.createFileURI(dir.resolve(name).toAbsolutePath().toString()).toString();
	}

	private static XtextResource load(XtextResourceSet set, String uri, String text, EagerLinker linker) throws IOException {
		XtextResource r = (XtextResource) set.createResource(URI.createURI(uri));
		if (linker != null) {
			r.setLinker(linker);
		}
		r.load(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), null);
		return r;
	}

	/** Each cross-reference of each object: where it points (unresolved: the proxy's own fragment kind). */
	private static List<String> links(Resource r) {
		List<String> links = new ArrayList<>();
		for (TreeIterator<EObject> it = r.getAllContents(); it.hasNext();) {
			EObject o = it.next();
			for (EReference ref : o.eClass().getEAllReferences()) {
				if (ref.isContainment() || ref.isContainer() || !o.eIsSet(ref)) {
					continue;
				}
				List<?> values = ref.isMany() ? (List<?>) o.eGet(ref, false) : List.of(o.eGet(ref, false));
				for (Object v : values) {
					EObject target = (EObject) v;
					String where = target.eIsProxy() ? "unresolved " + target.eClass().getName()
							: EcoreUtil.getURI(target).toString();
					links.add(r.getURIFragment(o) + "." + ref.getName() + " -> " + where);
				}
			}
		}
		return links;
	}

	private static List<String> diagnostics(XtextResource r) {
		List<String> all = new ArrayList<>();
		r.getErrors().forEach(d -> all.add("error " + d.getLine() + ":" + d.getColumn() + " " + d.getMessage()));
		r.getWarnings().forEach(d -> all.add("warning " + d.getLine() + ":" + d.getColumn() + " " + d.getMessage()));
		for (Issue issue : r.getResourceServiceProvider().getResourceValidator().validate(r, CheckMode.ALL,
				CancelIndicator.NullImpl)) {
			all.add(issue.getSeverity() + " " + issue.getLineNumber() + ":" + issue.getColumn() + " " + issue.getCode()
					+ " " + issue.getMessage());
		}
		all.sort(null);
		return all;
	}
}
