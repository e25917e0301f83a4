package org.coco.dsl.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import org.coco.dsl.coco.CocoPackage;
import org.coco.dsl.coco.Model;
import org.eclipse.emf.common.util.URI;
import org.eclipse.emf.ecore.EPackage;
import org.eclipse.emf.ecore.resource.Resource;
import org.eclipse.emf.ecore.util.EcoreUtil;
import org.eclipse.emf.ecore.xmi.impl.XMIResourceImpl;
import org.eclipse.xtext.resource.XtextResourceSet;
import org.eclipse.xtext.testing.InjectWith;
import org.eclipse.xtext.testing.extensions.InjectionExtension;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

import com.google.inject.Inject;

/**
 * The EMF model generated from the grammar is usable without the parser: every example saved as
 * XMI loads back structurally equal, references between steps and to other files included.
 */
@ExtendWith(InjectionExtension.class)
@InjectWith(CocoInjectorProvider.class)
class XmiRoundTripTest {

	@Inject
	private CocoFiles files;

	@TestFactory
	Stream<DynamicTest> everyExampleSurvivesXmi() throws IOException {
		XtextResourceSet set = files.loadExamples();
		return Examples.all().stream().map(file -> dynamicTest(Examples.dir().relativize(file).toString(), () -> {
			Model original = CocoFiles.model(set, file);
			Model loaded = throughXmi(set, file, original);
			assertTrue(CocoFiles.equal(original, loaded), "XMI copy differs from the parsed model");
			assertTrue(EcoreUtil.UnresolvedProxyCrossReferencer.find(loaded.eResource()).isEmpty());
		}));
	}

	/** Saves a copy as XMI (its references to other .coco files become hrefs) and loads it back. */
	private static Model throughXmi(XtextResourceSet set, Path file, Model original) throws IOException {
		Resource out = new XMIResourceImpl(URI.createURI("out-" + file.getFileName() + ".xmi"));
		set.getResources().add(out);
		out.getContents().add(EcoreUtil.copy(original));
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		out.save(bytes, Map.of());
		Resource in = new XMIResourceImpl(URI.createURI("in-" + file.getFileName() + ".xmi"));
		set.getResources().add(in);
		in.load(new ByteArrayInputStream(bytes.toByteArray()), Map.of());
		EcoreUtil.resolveAll(in);
		return (Model) in.getContents().get(0);
	}

	@Test
	void thePackageIsRegisteredByItsNsUri() {
		assertEquals(CocoPackage.eINSTANCE, EPackage.Registry.INSTANCE.getEPackage(CocoPackage.eNS_URI));
	}

	/** In OSGi the bundle ships the Ecore and GenModel that plugin.xml names. */
	@Test
	void theBundleShipsTheEcoreModel() {
		Bundle bundle = FrameworkUtil.getBundle(CocoPackage.class);
		org.junit.jupiter.api.Assumptions.assumeTrue(bundle != null, "not running in OSGi");
		assertNotNull(bundle.getEntry("model/generated/Coco.ecore"));
		assertNotNull(bundle.getEntry("model/generated/Coco.genmodel"));
		assertNotNull(bundle.getEntry("plugin.xml"));
	}
}
