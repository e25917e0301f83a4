package org.coco.dsl.validation;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.coco.dsl.coco.AtomicPool;
import org.coco.dsl.coco.CocoPackage;
import org.coco.dsl.coco.Device;
import org.coco.dsl.coco.Heap;
import org.coco.dsl.coco.Import;
import org.coco.dsl.coco.Model;
import org.coco.dsl.coco.Platform;
import org.coco.dsl.coco.PlatformMember;
import org.coco.dsl.coco.Pool;
import org.coco.dsl.coco.RestrictedPool;
import org.coco.dsl.coco.Scenario;
import org.coco.dsl.coco.TopLevel;
import org.coco.dsl.semantics.PlatformFacts;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EStructuralFeature;
import org.eclipse.xtext.naming.IQualifiedNameConverter;
import org.eclipse.xtext.naming.QualifiedName;
import org.eclipse.xtext.resource.IEObjectDescription;
import org.eclipse.xtext.resource.IResourceDescriptions;
import org.eclipse.xtext.resource.impl.ResourceDescriptionsProvider;
import org.eclipse.xtext.validation.Check;

import com.google.inject.Inject;

/** Names: duplicates, members no scenario uses, imports that name nothing. */
public class NamesValidator extends CocoCheck {

	private static final CocoPackage COCO = CocoPackage.eINSTANCE;

	@Inject
	private ResourceDescriptionsProvider index;

	@Inject
	private IQualifiedNameConverter names;

	@Check
	public void topLevelNamesUnique(Model model) {
		Map<String, TopLevel> platforms = new HashMap<>();
		Map<String, TopLevel> scenarios = new HashMap<>();
		for (TopLevel t : model.getElements()) {
			if (t.getName() == null) {
				continue;
			}
			Map<String, TopLevel> seen = t instanceof Platform ? platforms : scenarios;
			TopLevel first = seen.putIfAbsent(t.getName(), t);
			if (first != null) {
				errorAt((t instanceof Platform ? "platform " : "scenario ") + "\"" + t.getName() + "\" is declared twice (first on line "
						+ line(first) + "): rename one", t, node(t, COCO.getTopLevel_Name()), IssueCodes.DUPLICATE_NAME);
			}
		}
	}

	@Check
	public void memberNamesUnique(Platform p) {
		Map<String, EObject> devices = new HashMap<>(), pools = new HashMap<>(), mmios = new HashMap<>();
		Set<Object> heaps = new HashSet<>(), zones = new HashSet<>();
		for (PlatformMember m : p.getMembers()) {
			EStructuralFeature nameF = m.eClass().getEStructuralFeature("name");
			if (m instanceof Heap h) {
				if (!heaps.add(PlatformFacts.canonical(h.getKind()))) {
					errorAt("heap " + h.getKind().getLiteral() + " is declared twice in platform " + p.getName() + ": remove one", h,
							node(h, COCO.getHeap_Kind()), IssueCodes.DUPLICATE_NAME);
				}
				continue;
			}
			if (m instanceof AtomicPool a) {
				if (!zones.add(a.getZone())) {
					errorAt("atomic pool " + a.getZone().getLiteral() + " is declared twice in platform " + p.getName() + ": remove one",
							a, node(a, COCO.getAtomicPool_Zone()), IssueCodes.DUPLICATE_NAME);
				}
				continue;
			}
			if (nameF == null || !(m.eGet(nameF) instanceof String name)) {
				continue;
			}
			Map<String, EObject> seen = m instanceof Device ? devices : m instanceof Pool ? pools : mmios;
			EObject first = seen.putIfAbsent(name, m);
			if (first != null) {
				String kind = m instanceof Device ? "device" : m instanceof Pool ? "pool" : "mmio";
				errorAt(kind + " " + name + " is declared twice in platform " + p.getName() + " (first on line " + line(first)
						+ "): rename one", m, node(m, nameF), IssueCodes.DUPLICATE_NAME);
			}
		}
	}

	private static int line(EObject o) {
		var n = whole(o);
		return n == null ? 0 : n.getStartLine();
	}

	/**
	 * Judged against the scenarios that run on the platform (in every loaded file): a platform nobody
	 * runs yet is a library, not dead code. A restricted pool no device uses is never attached at all.
	 * Heaps are not flagged: a `heap` line says which heap drivers the kernel is built with, which
	 * matters to a platform whether or not a scenario allocates from it.
	 */
	@Check
	public void membersAreUsed(Platform p) {
		Set<EObject> used = new HashSet<>();
		List<Scenario> scenarios = PlatformUsage.scenariosOn(p);
		for (Scenario s : scenarios) {
			for (var it = s.eAllContents(); it.hasNext();) {
				EObject o = it.next();
				used.addAll(o.eCrossReferences());
			}
		}
		for (PlatformMember m : p.getMembers()) {
			used.addAll(m.eCrossReferences()); // restricted-pool of a device, `for` of a pool, `of` of an mmio
		}
		for (PlatformMember m : p.getMembers()) {
			if (m instanceof RestrictedPool rp && !used.contains(rp)) {
				warnAt("restricted pool " + rp.getName() + " is attached to no device, so the kernel never sets it up (§3): "
						+ "give a device restricted-pool " + rp.getName() + ", or remove it", rp,
						node(rp, COCO.getRestrictedPool_Name()), IssueCodes.UNUSED_MEMBER);
			}
			if (scenarios.isEmpty()) {
				continue;
			}
			if (m instanceof Device d && !used.contains(d)) {
				warnAt("device " + d.getName() + " is used by no scenario on " + p.getName() + ": use it or remove it", d,
						node(d, COCO.getDevice_Name()), IssueCodes.UNUSED_MEMBER);
			}
		}
	}

	@Check
	public void importsResolve(Import imp) {
		String ns = imp.getImportedNamespace();
		if (ns == null || imp.eResource() == null) {
			return;
		}
		boolean wildcard = ns.endsWith(".*");
		QualifiedName name = names.toQualifiedName(wildcard ? ns.substring(0, ns.length() - 2) : ns);
		if (imp.eContainer() instanceof Model m && m.getName() != null && names.toQualifiedName(m.getName()).startsWith(name)) {
			return;
		}
		IResourceDescriptions all = index.getResourceDescriptions(imp.eResource());
		for (IEObjectDescription d : all.getExportedObjects()) {
			if (wildcard ? d.getName().startsWith(name) && d.getName().getSegmentCount() > name.getSegmentCount()
					: d.getName().equals(name)) {
				return;
			}
		}
		errorAt("import " + ns + " names no " + (wildcard ? "package" : "platform") + " of the loaded files: check the "
				+ "spelling, or load the file that declares it", imp, node(imp, COCO.getImport_ImportedNamespace()),
				IssueCodes.UNRESOLVED_IMPORT);
	}
}
