package org.coco.dsl.tests.ide;

import static org.coco.dsl.tests.ide.PartialReparsingTest.load;
import static org.coco.dsl.tests.ide.PartialReparsingTest.newSet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.coco.dsl.coco.Device;
import org.coco.dsl.ide.CocoIdeSetup;
import org.coco.dsl.ide.server.PartialReparsingBuilder;
import org.coco.dsl.ide.server.ReusingResourceDescription;
import org.coco.dsl.linking.RelinkingResource;
import org.coco.dsl.tests.CocoInjectorProvider;
import org.coco.dsl.tests.Examples;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.build.ResolvedResourceDescription;
import org.eclipse.xtext.naming.QualifiedName;
import org.eclipse.xtext.resource.IDefaultResourceDescriptionStrategy;
import org.eclipse.xtext.resource.IEObjectDescription;
import org.eclipse.xtext.resource.IReferenceDescription;
import org.eclipse.xtext.resource.IResourceDescription;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.resource.impl.DefaultResourceDescription;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.eclipse.xtext.util.CancelIndicator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The language server's description of a file (ReusingResourceDescription) holds what Xtext's computes
 * (exported objects and their copies for the index, reference descriptions, in the same order; imported names), after edits inside a scenario (which reuse
 * the other elements' reference descriptions) and after any other edit: scenarios referring to a
 * platform in another file, edited in place as the language server does.
 */
@ExtendWith(InjectionExtension.class)
@InjectWith(CocoInjectorProvider.class)
class ReusingResourceDescriptionTest {

	private static final Path DIR = Examples.dir().resolve("multi-file");

	@BeforeEach
	void injector() {
		PartialReparsingTest.ide = new CocoIdeSetup().createInjector();
	}

	/** The multi-file example's scenarios, five times under other names. */
	private static String scenarios() throws Exception {
		String text = Files.readString(DIR.resolve("lab-scenarios.coco"));
		int first = text.indexOf("// §4.2 base step 1");
		String header = text.substring(0, first);
		String body = text.substring(first);
		StringBuilder all = new StringBuilder(header);
		for (int i = 0; i < 5; i++) {
			all.append(body.replace("scenario \"", "scenario \"" + i + " ")).append('\n');
		}
		return all.toString();
	}

	@Test
	void anEditInsideAScenarioGivesXtextsReferenceDescriptions() throws Exception {
		XtextResourceSet set = newSet();
		load(set, "mem:/lab-platforms.coco", Files.readString(DIR.resolve("lab-platforms.coco")));
		String text = scenarios();
		XtextResource s = load(set, "mem:/lab-scenarios.coco", text);
		List<String> before = assertAsXtext(s);
		assertFalse(before.isEmpty(), "references into the platforms file");

		RelinkingResource r = (RelinkingResource) s;
		int wholeLinkings = r.wholeLinkings();
		// the third scenario maps to a device the platform lacks: that reference is described no more
		int at = text.indexOf("map buf -> virtio_net", text.indexOf("scenario \"2 "));
		String edited = text.substring(0, at) + "map buf -> nvme" + text.substring(at + "map buf -> virtio_net".length());
		assertTrue(PartialReparsingBuilder.reparse(s, edited), "re-parsed partially");
		assertEquals(wholeLinkings, r.wholeLinkings(), "the scenario was linked alone");
		assertEquals(1, r.partsLinkedAlone().size());
		List<String> after = assertAsXtext(s);
		assertNotEquals(before, after, "the edited scenario's references are described anew");

		// an edit of the header links the whole model: everything is described anew
		String header = edited.replace("package lab.scenarios", "package lab.scenarios2");
		assertTrue(PartialReparsingBuilder.reparse(s, header));
		assertNotEquals(wholeLinkings, r.wholeLinkings());
		assertAsXtext(s);
	}

	@Test
	void aModelChangedInPlaceIsDescribedAnew() throws Exception {
		// a rename (Xtext's change serializer) sets the new name on the model, with no linking
		XtextResourceSet set = newSet();
		XtextResource p = load(set, "mem:/lab-platforms.coco", Files.readString(DIR.resolve("lab-platforms.coco")));
		assertAsXtext(p);
		Device nic = EcoreUtil2.getAllContentsOfType(p.getContents().get(0), Device.class).get(0);
		nic.setName("renamed");
		assertAsXtext(p);
		assertTrue(exports(((ReusingResourceDescription) p.getResourceServiceProvider().getResourceDescriptionManager()
				.getResourceDescription(p)).resolvedExports()).stream().anyMatch(e -> e.contains("renamed")));
	}

	@Test
	void randomEditsGiveXtextsReferenceDescriptions() throws Exception {
		XtextResourceSet set = newSet();
		load(set, "mem:/lab-platforms.coco", Files.readString(DIR.resolve("lab-platforms.coco")));
		String text = scenarios();
		XtextResource s = load(set, "mem:/lab-scenarios.coco", text);
		assertAsXtext(s);
		Random random = new Random(42);
		int alone = 0;
		for (int i = 0; i < 40; i++) {
			// an edit of the original text, then back to it
			for (String next : List.of(PartialReparsingTest.RandomEdit.apply(text, random), text)) {
				int linkedAlone = ((RelinkingResource) s).partsLinkedAlone().size();
				if (!PartialReparsingBuilder.reparse(s, next)) {
					s = PartialReparsingTest.reload(s, next);
				} else if (((RelinkingResource) s).partsLinkedAlone().size() > linkedAlone) {
					alone++;
				}
				assertAsXtext(s);
			}
		}
		assertTrue(alone > 20, "edits inside scenarios: " + alone);
	}

	/** The description the language server indexes equals Xtext's for the same resource; returns its references. */
	private static List<String> assertAsXtext(XtextResource s) {
		// as the builder: the exports copied (Indexer), every reference resolved, then the description copied
		IResourceDescription description = s.getResourceServiceProvider().getResourceDescriptionManager().getResourceDescription(s);
		ReusingResourceDescription reusing = assertInstanceOf(ReusingResourceDescription.class, description);
		List<String> exports = exports(reusing.resolvedExports());
		EcoreUtil2.resolveLazyCrossReferences(s, CancelIndicator.NullImpl);
		reusing.resolved();
		List<String> references = strings(description.getReferenceDescriptions());
		List<QualifiedName> imported = new ArrayList<>();
		description.getImportedNames().forEach(imported::add);

		DefaultResourceDescription xtext = new DefaultResourceDescription(s,
				PartialReparsingTest.ide.getInstance(IDefaultResourceDescriptionStrategy.class));
		assertEquals(exports(new ResolvedResourceDescription(xtext).getExportedObjects()), exports);
		assertEquals(exports(xtext.getExportedObjects()), exports(description.getExportedObjects()));
		assertEquals(strings(xtext.getReferenceDescriptions()), references);
		List<QualifiedName> xtextImported = new ArrayList<>();
		xtext.getImportedNames().forEach(xtextImported::add);
		assertEquals(xtextImported, imported);
		return references;
	}

	private static List<String> exports(Iterable<IEObjectDescription> exported) {
		List<String> result = new ArrayList<>();
		for (IEObjectDescription d : exported) {
			StringBuilder b = new StringBuilder(d.getQualifiedName() + " " + d.getEClass().getName() + " " + d.getEObjectURI());
			for (String key : d.getUserDataKeys()) {
				b.append(' ').append(key).append('=').append(d.getUserData(key));
			}
			result.add(b.toString());
		}
		assertFalse(result.isEmpty());
		return result;
	}

	private static List<String> strings(Iterable<IReferenceDescription> references) {
		List<String> result = new ArrayList<>();
		for (IReferenceDescription d : references) {
			result.add(d.getSourceEObjectUri() + " -" + d.getEReference().getName() + "[" + d.getIndexInList() + "]-> "
					+ d.getTargetEObjectUri() + " in " + d.getContainerEObjectURI());
		}
		return result;
	}
}
