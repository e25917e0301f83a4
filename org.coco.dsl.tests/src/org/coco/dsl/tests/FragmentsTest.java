package org.coco.dsl.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;

import org.coco.dsl.coco.Model;
import org.coco.dsl.coco.Platform;
import org.coco.dsl.scoping.CocoFragmentProvider;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.resource.impl.ResourceImpl;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.xtext.resource.IFragmentProvider;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.eclipse.xtext.testing.util.ParseHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.google.inject.Inject;

/**
 * CocoFragmentProvider gives every object of a large model exactly the URI fragment EMF's own code
 * gives it (on a copy in a plain EMF resource), fragments resolve back to their object, and they stay
 * right after the lists change.
 */
@ExtendWith(InjectionExtension.class)
@InjectWith(CocoInjectorProvider.class)
class FragmentsTest {

	@Inject
	private ParseHelper<Model> parser;

	@Inject
	private IFragmentProvider fragments;

	private static String model() {
		StringBuilder text = new StringBuilder("platform Fleet {\n    technology sev-snp\n    c-bit 51\n");
		for (int d = 0; d < 300; d++) {
			text.append("    device d").append(d).append(" : pci {\n        dma-mask 64\n    }\n");
			if (d % 3 == 0) {
				text.append("    pool restricted rp").append(d).append(" size 4M at 0x").append(Long.toHexString(0x1_0000_0000L + d * 0x40_0000L))
						.append(" shared\n");
			}
		}
		text.append("}\n");
		for (int s = 0; s < 40; s++) {
			text.append("scenario \"s").append(s).append("\" on Fleet {\n");
			for (int i = 0; i < 12; i++) {
				text.append("    b").append(i).append(" = alloc pages 4K\n    m").append(i).append(" = map b").append(i)
						.append(" -> d").append((s * 7 + i) % 300).append(" to-device\n    unmap m").append(i).append("\n    free b").append(i).append('\n');
			}
			text.append("}\n");
		}
		return text.toString();
	}

	@Test
	void fragmentsAreEmfsOwn() throws Exception {
		assertEquals(CocoFragmentProvider.class, fragments.getClass());
		Model model = parser.parse(model());
		Resource resource = model.eResource();
		assertEquals(List.of(), resource.getErrors());
		assertSameFragmentsAsEmf(model);
	}

	@Test
	void fragmentsFollowChangesToTheLists() throws Exception {
		Model model = parser.parse(model());
		Resource resource = model.eResource();
		assertSameFragmentsAsEmf(model); // fills the position index
		Platform fleet = (Platform) model.getElements().get(0);
		// shift every position: drop the first member, move the last scenario to the front
		fleet.getMembers().remove(0);
		model.getElements().move(1, model.getElements().size() - 1);
		assertSameFragmentsAsEmf(model);
		for (var it = model.eAllContents(); it.hasNext();) {
			EObject o = it.next();
			assertSame(o, resource.getEObject(resource.getURIFragment(o)));
		}
	}

	/** The same objects in a plain EMF resource: EMF's default fragments, computed by EMF. */
	private static void assertSameFragmentsAsEmf(Model model) {
		Resource plain = new ResourceImpl();
		Model copy = EcoreUtil.copy(model);
		plain.getContents().add(copy);
		List<String> ours = new ArrayList<>();
		List<String> emfs = new ArrayList<>();
		ours.add(model.eResource().getURIFragment(model));
		emfs.add(plain.getURIFragment(copy));
		var a = model.eAllContents();
		var b = copy.eAllContents();
		while (a.hasNext()) {
			ours.add(model.eResource().getURIFragment(a.next()));
			emfs.add(plain.getURIFragment(b.next()));
		}
		assertEquals(emfs.size(), ours.size());
		assertEquals(emfs, ours);
	}
}
