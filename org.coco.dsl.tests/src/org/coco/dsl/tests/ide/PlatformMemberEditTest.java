package org.coco.dsl.tests.ide;

import static org.coco.dsl.tests.ide.PartialReparsingTest.assertSameAsFullParse;
import static org.coco.dsl.tests.ide.PartialReparsingTest.issues;
import static org.coco.dsl.tests.ide.PartialReparsingTest.load;
import static org.coco.dsl.tests.ide.PartialReparsingTest.newSet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.coco.dsl.coco.CocoPackage;
import org.coco.dsl.coco.Device;
import org.coco.dsl.coco.Scenario;
import org.coco.dsl.ide.CocoIdeSetup;
import org.coco.dsl.ide.server.CocoLanguageServer;
import org.coco.dsl.ide.server.PartialReparsingBuilder;
import org.coco.dsl.ide.server.PartReusingScopeProvider;
import org.coco.dsl.ide.server.ReusingResourceDescription;
import org.coco.dsl.linking.RelinkingResource;
import org.coco.dsl.tests.CocoInjectorProvider;
import org.coco.dsl.tests.Examples;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.ide.server.UriExtensions;
import org.eclipse.xtext.ide.server.WorkspaceManager;
import org.eclipse.xtext.resource.IEObjectDescription;
import org.eclipse.xtext.resource.IReferenceDescription;
import org.eclipse.xtext.resource.IResourceServiceProvider;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.resource.impl.ResourceServiceProviderRegistryImpl;
import org.eclipse.xtext.scoping.IScopeProvider;
import org.eclipse.xtext.scoping.impl.AbstractDeclarativeScopeProvider;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.eclipse.xtext.util.CancelIndicator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.name.Names;
import com.google.inject.util.Modules;

/**
 * An edit strictly inside one member of a platform links that member alone, and again every reference of
 * the file that names it before or after the edit (RelinkingResource); the index describes the other members
 * as before (ReusingResourceDescription). Diagnostics, model and index description are those of the same text
 * loaded from scratch: renames that scenarios, other members and other files refer to, names made duplicate,
 * references retargeted, random edits of every example; a build that changes two files links the whole model.
 */
@ExtendWith(InjectionExtension.class)
@InjectWith(CocoInjectorProvider.class)
class PlatformMemberEditTest {

	static final int EDITS = 30;

	@BeforeEach
	void injector() {
		PartialReparsingTest.ide = new CocoIdeSetup().createInjector();
	}

	@Test
	void aRenamedDeviceRelinksTheScenariosThatNameIt() throws Exception {
		String text = Files.readString(Examples.dir().resolve("cca-realm.coco"));
		XtextResource r = load(newSet(), "mem:/cca.coco", text);
		RelinkingResource relinking = (RelinkingResource) r;
		List<String> before = issues(r);
		assertSameDescriptionAsFullParse(r, text);
		int whole = relinking.wholeLinkings();

		String renamed = text.replace("device nic : pci", "device nic2 : pci");
		assertNotEquals(text, renamed);
		assertTrue(PartialReparsingBuilder.reparse(r, renamed), "re-parsed partially");
		assertEquals(whole, relinking.wholeLinkings(), "the member was linked alone");
		assertTrue(relinking.partsLinkedAlone().stream().anyMatch(Scenario.class::isInstance),
				"the scenarios that name nic were linked again");
		List<String> after = issues(r);
		assertNotEquals(before, after);
		assertTrue(after.stream().anyMatch(i -> i.contains("'nic'")), "the lost name is reported: " + after);
		assertSameAsFullParse(r, renamed, "nic renamed");
		assertSameDescriptionAsFullParse(r, renamed);

		// the name back, then a name another device has: the first of the two wins, as in a full parse
		assertTrue(PartialReparsingBuilder.reparse(r, text));
		assertEquals(whole, relinking.wholeLinkings());
		assertSameAsFullParse(r, text, "renamed back");
		assertEquals(before, issues(r));
		String duplicate = text.replace("device dev32 : pci", "device nic : pci");
		assertNotEquals(text, duplicate);
		assertTrue(PartialReparsingBuilder.reparse(r, duplicate));
		assertEquals(whole, relinking.wholeLinkings());
		assertSameAsFullParse(r, duplicate, "dev32 renamed nic");
		assertSameDescriptionAsFullParse(r, duplicate);
	}

	@Test
	void aPoolReferenceEditedLinksThatDeviceAlone() throws Exception {
		String text = Files.readString(Examples.dir().resolve("cca-realm.coco"));
		XtextResource r = load(newSet(), "mem:/cca.coco", text);
		RelinkingResource relinking = (RelinkingResource) r;
		issues(r);
		Device nic = device(r, "nic");
		Scenario first = EcoreUtil2.getAllContentsOfType(r.getContents().get(0), Scenario.class).get(0);
		EObject linkedTarget = firstCrossReference(first);
		int whole = relinking.wholeLinkings();

		Matcher pool = Pattern.compile("restricted-pool (\\w+)").matcher(text);
		assertTrue(pool.find(), "a device with a restricted pool");
		String edited = text.substring(0, pool.start(1)) + "nosuchpool" + text.substring(pool.end(1));
		assertTrue(PartialReparsingBuilder.reparse(r, edited));
		assertEquals(whole, relinking.wholeLinkings(), "linked alone");
		assertSame(nic, device(r, "nic"), "another member is the same object");
		assertSame(linkedTarget, firstCrossReference(first), "a scenario's reference was not linked again");
		assertTrue(issues(r).stream().anyMatch(i -> i.contains("nosuchpool")));
		assertSameAsFullParse(r, edited, "pool reference edited");
		assertSameDescriptionAsFullParse(r, edited);
	}

	@ParameterizedTest
	@MethodSource("org.coco.dsl.tests.Examples#all")
	void randomMemberEditsGiveWhatAFullParseGives(Path example) throws Exception {
		String original = Files.readString(example);
		Random random = new Random(example.getFileName().toString().hashCode() * 31L);
		XtextResource r = load(newSet(), "mem:/edited.coco", original);
		String text = original;
		int alone = 0;
		for (int i = 0; i < EDITS; i++) {
			String next = MemberEdit.apply(text, random);
			if (next == null) {
				return; // no platform member to edit
			}
			RelinkingResource relinking = (RelinkingResource) r;
			int whole = relinking.wholeLinkings();
			int parts = relinking.partsLinkedAlone().size();
			if (!PartialReparsingBuilder.reparse(r, next)) {
				r = PartialReparsingTest.reload(r, next);
			} else if (relinking.wholeLinkings() == whole && relinking.partsLinkedAlone().size() > parts) {
				alone++;
			}
			String what = example.getFileName() + " edit " + i;
			assertSameAsFullParse(r, next, what);
			assertSameDescriptionAsFullParse(r, next);
			if (random.nextInt(3) > 0) {
				text = next;
			} else if (!PartialReparsingBuilder.reparse(r, text)) { // undone
				r = PartialReparsingTest.reload(r, text);
			}
		}
		assertTrue(alone > 0, "no member was linked alone in " + example.getFileName());
	}

	/** Through the language server's builder: a device of the platforms file renamed, the scenarios file follows. */
	@Test
	void anotherFileFollowsARenamedMember() throws Exception {
		MultiFile m = MultiFile.start();
		String platforms = m.platforms();
		String scenarios = m.scenarios();
		Map<String, List<String>> published = m.published();
		WorkspaceManager workspace = m.workspace();
		URI p = m.uri("lab-platforms.coco");
		assertEquals(fromScratch(platforms, scenarios), published.get("lab-scenarios.coco"));
		RelinkingResource resource = m.open("lab-platforms.coco", platforms);
		int whole = resource.wholeLinkings();

		int version = 1;
		String renamed = platforms.replace("device virtio_net : pci", "device virtio_net2 : pci");
		String masked = platforms.replace("dma-mask 64", "dma-mask 32");
		assertNotEquals(platforms, renamed);
		assertNotEquals(platforms, masked);
		assertNotEquals(fromScratch(platforms, scenarios), fromScratch(renamed, scenarios), "the other file loses virtio_net");
		for (String edited : List.of(renamed, platforms, masked)) {
			workspace.didChangeTextDocumentContent(p, ++version, List.of(new TextDocumentContentChangeEvent(edited)))
					.build(CancelIndicator.NullImpl);
			assertSame(resource, workspace.getProjectManager(p).getResource(p));
			assertEquals(whole, resource.wholeLinkings(), "linked alone");
			assertEquals(fromScratch(edited, scenarios), published.get("lab-scenarios.coco"), "the other file");
			assertEquals(fromScratchOwn(edited, scenarios), published.get("lab-platforms.coco"), "the edited file");
			assertEquals(names(load(newSet(), p.toString(), edited)), names(resource), "table of qualified names");
		}
	}

	/**
	 * The builder makes the table of qualified names after a whole-model linking (the file opened,
	 * PartReusingScopeProvider.prepare); an unknown pool name added to a device afterwards is linked alone, and its
	 * diagnostics and table are a from-scratch load's.
	 */
	@Test
	void anUnknownNameAfterOpeningIsWhatAFullParseGives() throws Exception {
		MultiFile m = MultiFile.start();
		String platforms = m.platforms();
		URI p = m.uri("lab-platforms.coco");
		RelinkingResource resource = m.open("lab-platforms.coco", platforms);
		String edited = platforms.replace("        coherent-mask 64\n", "        coherent-mask 64\n        restricted-pool nosuchpool\n");
		assertNotEquals(platforms, edited);
		int whole = resource.wholeLinkings();
		m.workspace().didChangeTextDocumentContent(p, 2, List.of(new TextDocumentContentChangeEvent(edited))).build(CancelIndicator.NullImpl);
		assertEquals(whole, resource.wholeLinkings(), "the device linked alone");
		assertTrue(m.published().get("lab-platforms.coco").stream().anyMatch(i -> i.contains("nosuchpool")));
		assertEquals(fromScratchOwn(edited, m.scenarios()), m.published().get("lab-platforms.coco"));
		assertEquals(names(load(newSet(), p.toString(), edited)), names(resource));
	}

	/**
	 * The table made after a whole-model linking where nothing asked for it (PartReusingScopeProvider.prepare, as
	 * the builder does) is what the first unknown name of an edit inside a member starts from: the other members'
	 * entries are kept, and the table is a from-scratch load's.
	 */
	@Test
	void theFirstUnknownNameAfterPreparingKeepsTheOtherMembersNames() throws Exception {
		String text = Files.readString(Examples.dir().resolve("cca-realm.coco"));
		XtextResource r = load(newSet(), "mem:/cca.coco", text);
		issues(r); // no unknown name: nothing asks for the table
		scoping().prepare(r);
		Map<String, IEObjectDescription> prepared = byName(namesTable(r));
		Matcher pool = Pattern.compile("restricted-pool (\\w+)").matcher(text);
		assertTrue(pool.find(), "a device with a restricted pool");
		String edited = text.substring(0, pool.start(1)) + "nosuchpool" + text.substring(pool.end(1));
		int whole = ((RelinkingResource) r).wholeLinkings();
		assertTrue(PartialReparsingBuilder.reparse(r, edited));
		assertEquals(whole, ((RelinkingResource) r).wholeLinkings(), "linked alone");
		assertTrue(issues(r).stream().anyMatch(i -> i.contains("nosuchpool")));
		Map<String, IEObjectDescription> after = byName(namesTable(r));
		for (String member : List.of("nic", "dev32", "default")) {
			String name = "CcaRealm." + member;
			assertTrue(prepared.containsKey(name), name + " in " + prepared.keySet());
			assertSame(prepared.get(name), after.get(name), name + " kept");
		}
		assertSameDescriptionAsFullParse(r, edited);
	}

	/** A build that changes two files links the edited one whole: references into the other are linked by name. */
	@Test
	void aBuildOfTwoChangedFilesLinksTheWholeModel() throws Exception {
		MultiFile m = MultiFile.start();
		String platforms = m.platforms();
		String scenarios = m.scenarios();
		Map<String, List<String>> published = m.published();
		WorkspaceManager workspace = m.workspace();
		URI p = m.uri("lab-platforms.coco");
		URI s = m.uri("lab-scenarios.coco");
		RelinkingResource resource = m.open("lab-platforms.coco", platforms);
		m.open("lab-scenarios.coco", scenarios);
		int whole = resource.wholeLinkings();

		String edited = platforms.replace("device virtio_net : pci", "device nic3 : pci");
		assertNotEquals(platforms, edited);
		String otherEdited = scenarios.replace("-> virtio_net to-device expect bounce via default\n",
				"-> nic3 to-device expect bounce via default\n");
		assertNotEquals(scenarios, otherEdited);
		workspace.didChangeTextDocumentContent(p, 2, List.of(new TextDocumentContentChangeEvent(edited)));
		workspace.didChangeTextDocumentContent(s, 2, List.of(new TextDocumentContentChangeEvent(otherEdited)))
				.build(CancelIndicator.NullImpl);
		assertTrue(resource.wholeLinkings() > whole, "linked whole");
		assertEquals(fromScratch(edited, otherEdited), published.get("lab-scenarios.coco"));
		assertEquals(fromScratchOwn(edited, otherEdited), published.get("lab-platforms.coco"));
	}

	/** The multi-file example copied to a folder, and the language server's workspace over it (publications by file name). */
	private record MultiFile(Path dir, String platforms, String scenarios, Map<String, List<String>> published,
			WorkspaceManager workspace) {
		static MultiFile start() throws IOException {
			Path dir = Files.createTempDirectory("coco-member");
			Path source = Examples.dir().resolve("multi-file");
			String platforms = Files.readString(source.resolve("lab-platforms.coco"));
			String scenarios = Files.readString(source.resolve("lab-scenarios.coco"));
			Files.writeString(dir.resolve("lab-platforms.coco"), platforms);
			Files.writeString(dir.resolve("lab-scenarios.coco"), scenarios);
			Map<String, List<String>> published = new HashMap<>();
			return new MultiFile(dir, platforms, scenarios, published, PlatformMemberEditTest.start(dir, published));
		}

		URI uri(String file) {
			return PlatformMemberEditTest.uri(dir.resolve(file));
		}

		/** Opens the file with this text and builds: its resource in the workspace. */
		RelinkingResource open(String file, String text) {
			URI u = uri(file);
			workspace.didOpen(u, 1, text).build(CancelIndicator.NullImpl);
			return (RelinkingResource) workspace.getProjectManager(u).getResource(u);
		}
	}

	private static WorkspaceManager start(Path dir, Map<String, List<String>> published) {
		Injector ide = PartialReparsingTest.ide;
		IResourceServiceProvider.Registry registry = new ResourceServiceProviderRegistryImpl();
		registry.getExtensionToFactoryMap().put("coco", ide.getInstance(IResourceServiceProvider.class));
		Injector server = Guice.createInjector(Modules.override(CocoLanguageServer.module())
				.with(b -> b.bind(IResourceServiceProvider.Registry.class).toInstance(registry)));
		WorkspaceManager workspace = server.getInstance(WorkspaceManager.class);
		workspace.initialize(uri(dir), (uri, issues) -> published.put(uri.lastSegment(), UnchangedFileBuildTest.describe(issues)),
				CancelIndicator.NullImpl);
		return workspace;
	}

	private static URI uri(Path path) {
		return new UriExtensions().toUri(path.toUri().toString());
	}

	/** The scenarios file's diagnostics, both files loaded from scratch. */
	private static List<String> fromScratch(String platforms, String scenarios) throws Exception {
		XtextResourceSet set = newSet();
		load(set, "mem:/lab-platforms.coco", platforms);
		return UnchangedFileBuildTest.describe(validate(load(set, "mem:/lab-scenarios.coco", scenarios)));
	}

	/** The platforms file's diagnostics, both files loaded from scratch. */
	private static List<String> fromScratchOwn(String platforms, String scenarios) throws Exception {
		XtextResourceSet set = newSet();
		XtextResource p = load(set, "mem:/lab-platforms.coco", platforms);
		load(set, "mem:/lab-scenarios.coco", scenarios);
		return UnchangedFileBuildTest.describe(validate(p));
	}

	private static List<org.eclipse.xtext.validation.Issue> validate(XtextResource r) {
		return r.getResourceServiceProvider().getResourceValidator().validate(r, org.eclipse.xtext.validation.CheckMode.ALL,
				CancelIndicator.NullImpl);
	}

	/**
	 * The index description (exported objects as indexed, reference descriptions) equals a fresh load's, and so
	 * does the table of qualified names that scoping looks a name up in when its platform has no such member
	 * (PartReusingScopeProvider, which keeps the unchanged members' entries).
	 */
	static void assertSameDescriptionAsFullParse(XtextResource edited, String text) throws Exception {
		XtextResource fresh = load(newSet(), edited.getURI().toString(), text);
		assertEquals(describe(fresh), describe(edited), "index description");
		assertEquals(names(fresh), names(edited), "table of qualified names");
	}

	/** The file's table of qualified names in order: name, class and object (its fragment) of each entry. */
	static List<String> names(XtextResource r) {
		List<String> out = new ArrayList<>();
		for (IEObjectDescription e : namesTable(r)) {
			out.add(e.getQualifiedName() + " " + e.getEClass().getName() + " " + r.getURIFragment(e.getEObjectOrProxy()));
		}
		assertFalse(out.isEmpty());
		return out;
	}

	private static Iterable<IEObjectDescription> namesTable(XtextResource r) {
		return scoping().allDescriptions(r).getExportedObjects();
	}

	/** The IDE's namespace-aware scoping (the table is kept with the resource, whichever instance makes it). */
	private static PartReusingScopeProvider scoping() {
		return (PartReusingScopeProvider) PartialReparsingTest.ide.getInstance(Key.get(IScopeProvider.class,
				Names.named(AbstractDeclarativeScopeProvider.NAMED_DELEGATE)));
	}

	/**
	 * An edit inside one member keeps the other members' entries of the table of qualified names (the same
	 * description objects), and makes the edited member's anew; a rename of the platform, an edit outside its
	 * members, makes every entry anew. Each table is the one a fresh load makes.
	 */
	@Test
	void theTableOfQualifiedNamesKeepsTheUnchangedMembers() throws Exception {
		String text = Files.readString(Examples.dir().resolve("cca-realm.coco"));
		XtextResource r = load(newSet(), "mem:/cca.coco", text);
		issues(r);
		Map<String, IEObjectDescription> before = byName(namesTable(r));
		assertTrue(before.containsKey("nic") || before.keySet().stream().anyMatch(n -> n.endsWith(".nic")), "nic named: " + before.keySet());

		String renamed = text.replace("device nic : pci", "device nic2 : pci");
		assertTrue(PartialReparsingBuilder.reparse(r, renamed));
		issues(r);
		Map<String, IEObjectDescription> after = byName(namesTable(r));
		assertSameDescriptionAsFullParse(r, renamed);
		int kept = 0;
		for (var e : after.entrySet()) {
			if (e.getKey().endsWith("nic2")) {
				assertFalse(before.containsKey(e.getKey()));
			} else if (e.getValue() == before.get(e.getKey())) {
				kept++;
			}
		}
		// (the platform's own entry is made anew each time, and so are the parts that name nic: linked again)
		assertTrue(kept > 0, "entries kept");
		for (String member : List.of("virtio_blk", "dev32", "blk_pool", "swiotlb")) {
			String name = "CcaRealm." + member;
			assertSame(before.get(name), after.get(name), name + " kept");
		}
		assertTrue(after.keySet().stream().noneMatch(n -> n.equals("nic") || n.endsWith(".nic")), "nic is gone: " + after.keySet());

		Matcher platform = Pattern.compile("platform (\\w+)").matcher(renamed);
		assertTrue(platform.find());
		String header = renamed.substring(0, platform.start(1)) + platform.group(1) + "X" + renamed.substring(platform.end(1));
		if (!PartialReparsingBuilder.reparse(r, header)) {
			r = PartialReparsingTest.reload(r, header);
		}
		issues(r);
		Map<String, IEObjectDescription> renamedPlatform = byName(namesTable(r));
		for (var e : renamedPlatform.entrySet()) {
			assertFalse(after.containsValue(e.getValue()), "nothing kept after a header edit: " + e.getKey());
		}
		assertSameDescriptionAsFullParse(r, header);
	}

	private static Map<String, IEObjectDescription> byName(Iterable<IEObjectDescription> table) {
		Map<String, IEObjectDescription> out = new java.util.LinkedHashMap<>();
		table.forEach(e -> out.putIfAbsent(e.getQualifiedName().toString(), e));
		return out;
	}

	private static List<String> describe(XtextResource r) {
		ReusingResourceDescription d = (ReusingResourceDescription) r.getResourceServiceProvider().getResourceDescriptionManager()
				.getResourceDescription(r);
		List<String> out = new ArrayList<>();
		for (IEObjectDescription e : d.resolvedExports()) {
			out.add("export " + e.getQualifiedName() + " " + e.getEClass().getName() + " " + e.getEObjectURI());
		}
		EcoreUtil2.resolveLazyCrossReferences(r, CancelIndicator.NullImpl);
		d.resolved();
		for (IReferenceDescription ref : d.getReferenceDescriptions()) {
			out.add("reference " + ref.getSourceEObjectUri() + " -" + ref.getEReference().getName() + "-> "
					+ ref.getTargetEObjectUri() + " in " + ref.getContainerEObjectURI());
		}
		assertFalse(out.isEmpty());
		return out;
	}

	private static Device device(XtextResource r, String name) {
		return EcoreUtil2.getAllContentsOfType(r.getContents().get(0), Device.class).stream().filter(d -> name.equals(d.getName()))
				.findFirst().orElseThrow();
	}

	/** The scenario's first cross-referenced object as the model holds it (not resolved). */
	private static EObject firstCrossReference(Scenario s) {
		for (var it = s.eAllContents(); it.hasNext();) {
			EObject o = it.next();
			for (var ref : o.eClass().getEAllReferences()) {
				if (!ref.isContainment() && !ref.isContainer() && !ref.isMany() && ref != CocoPackage.Literals.SCENARIO__PLATFORM
						&& o.eIsSet(ref)) {
					EObject target = (EObject) o.eGet(ref, false);
					assertFalse(target.eIsProxy(), "resolved");
					return target;
				}
			}
		}
		throw new AssertionError("no reference in " + s.getName());
	}

	/**
	 * An edit inside a platform member as a user makes one: a member's name, or a name it refers to (restricted
	 * pool, coherent pool's device, MMIO's device), replaced by another name of the file (a duplicate, a
	 * retargeted reference), changed (an unknown name) or cut short; a mask or size changed.
	 */
	static final class MemberEdit {
		private static final Pattern SLOT = Pattern.compile(
				"(device|restricted-pool|pool restricted|pool coherent|mmio|for|of|dma-mask|coherent-mask|size|iommu-leaf) (\\w+)");

		static String apply(String text, Random random) {
			Matcher m = SLOT.matcher(text);
			List<int[]> slots = new ArrayList<>();
			List<String> names = new ArrayList<>();
			while (m.find()) {
				if (insidePlatform(text, m.start())) {
					slots.add(new int[] { m.start(2), m.end(2) });
					if (!Character.isDigit(m.group(2).charAt(0))) {
						names.add(m.group(2));
					}
				}
			}
			if (slots.isEmpty() || names.isEmpty()) {
				return null;
			}
			int[] slot = slots.get(random.nextInt(slots.size()));
			String word = text.substring(slot[0], slot[1]);
			String replacement;
			if (Character.isDigit(word.charAt(0))) {
				replacement = random.nextBoolean() ? "63" : word.replaceAll("[^0-9].*", "") + "1";
			} else {
				replacement = switch (random.nextInt(3)) {
				case 0 -> names.get(random.nextInt(names.size()));
				case 1 -> word + "x";
				default -> word.substring(0, Math.max(1, word.length() - 1));
				};
			}
			return text.substring(0, slot[0]) + replacement + text.substring(slot[1]);
		}

		/** After the start of a platform and before any scenario that follows it. */
		private static boolean insidePlatform(String text, int at) {
			int platform = Math.max(text.lastIndexOf("\nplatform ", at), text.startsWith("platform ") ? 0 : -1);
			return platform >= 0 && platform > text.lastIndexOf("\nscenario ", at);
		}
	}
}
