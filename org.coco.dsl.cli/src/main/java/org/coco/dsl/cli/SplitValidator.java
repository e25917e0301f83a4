package org.coco.dsl.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

import org.coco.dsl.MetamodelTables;
import org.coco.dsl.coco.Model;
import org.coco.dsl.coco.Platform;
import org.coco.dsl.coco.Scenario;
import org.coco.dsl.coco.TopLevel;
import org.eclipse.emf.common.util.BasicDiagnostic;
import org.eclipse.emf.common.util.Diagnostic;
import org.eclipse.emf.common.util.DiagnosticChain;
import org.eclipse.emf.ecore.EClass;
import org.eclipse.emf.ecore.EObject;
import org.eclipse.emf.ecore.EValidator;
import org.eclipse.xtext.EcoreUtil2;
import org.eclipse.xtext.diagnostics.Severity;
import org.eclipse.xtext.nodemodel.ICompositeNode;
import org.eclipse.xtext.nodemodel.util.NodeModelUtils;
import org.eclipse.xtext.resource.XtextResource;
import org.eclipse.xtext.util.CancelIndicator;
import org.eclipse.xtext.util.IAcceptor;
import org.eclipse.xtext.validation.AbstractInjectableValidator;
import org.eclipse.xtext.validation.CancelableDiagnostician;
import org.eclipse.xtext.validation.CheckMode;
import org.eclipse.xtext.validation.IDiagnosticConverter;
import org.eclipse.xtext.validation.Issue;
import org.eclipse.xtext.validation.impl.ConcreteSyntaxEValidator;

import com.google.inject.Inject;
import com.google.inject.Injector;

/**
 * Validates a large file on two cores: what Xtext's ResourceValidatorImpl does (resource diagnostics, then the
 * Diagnostician over the model), with the model's top-level elements cut in two halves of about equal size. The
 * main thread validates the model object, its imports and the first half; a second thread the rest. Each half has
 * its own context map (the validators' per-run caches, the interpreter's boot image), so the threads share only
 * the linked model, which they read. The issues are the same and in the same order as one thread's: the first
 * half's, then the second's, which is the order in which one Diagnostician visits them.
 */
final class SplitValidator {

	/** Below this many platform members and scenario steps, a second thread costs more than it saves. */
	static final int MIN_WEIGHT = 4_000;

	private final Halves diagnostician;
	private final IDiagnosticConverter converter;

	SplitValidator(Injector injector) {
		diagnostician = injector.getInstance(Halves.class);
		converter = injector.getInstance(IDiagnosticConverter.class);
	}

	/**
	 * The issues of the resource, or null when it is too small to split (minWeight), has no second processor to
	 * run on, or a validator failed in a half: then the caller runs Xtext's own validator, which reports that.
	 */
	List<Issue> validate(XtextResource resource, int minWeight) {
		if (Runtime.getRuntime().availableProcessors() < 2 || resource.getContents().size() != 1
				|| !(resource.getContents().get(0) instanceof Model model)) {
			return null;
		}
		int cut = cut(model, minWeight);
		if (cut < 0) {
			return null;
		}
		EcoreUtil2.resolveLazyCrossReferences(resource, CancelIndicator.NullImpl);
		prepareSharedState(resource);
		int contents = model.eContents().size();
		FutureTask<BasicDiagnostic> second = new FutureTask<>(() -> half(resource, model, cut, contents, false));
		Thread thread = new Thread(second, "coco-validate");
		thread.setDaemon(true);
		thread.start();
		BasicDiagnostic first;
		try {
			first = half(resource, model, 0, cut, true);
		} catch (RuntimeException e) {
			first = null;
		}
		BasicDiagnostic rest;
		try {
			rest = second.get();
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return null;
		} catch (ExecutionException e) {
			return null;
		}
		if (first == null) {
			return null;
		}
		List<Issue> result = new ArrayList<>();
		// (as ResourceValidatorImpl's acceptor: a converter may pass null)
		IAcceptor<Issue> accept = issue -> {
			if (issue != null) {
				result.add(issue);
			}
		};
		for (int i = 0; i < resource.getErrors().size(); i++) {
			converter.convertResourceDiagnostic(resource.getErrors().get(i), Severity.ERROR, accept);
		}
		for (int i = 0; i < resource.getWarnings().size(); i++) {
			converter.convertResourceDiagnostic(resource.getWarnings().get(i), Severity.WARNING, accept);
		}
		for (BasicDiagnostic d : List.of(first, rest)) {
			for (Diagnostic child : d.getChildren()) {
				converter.convertValidatorDiagnostic(child, accept);
			}
		}
		return result;
	}

	/**
	 * The index in the model's contents where the second half starts, or -1: weights are platform members and
	 * scenario steps (validation time per member and per step is about the same), imports come first and stay in
	 * the first half.
	 */
	static int cut(Model model, int minWeight) {
		List<TopLevel> elements = model.getElements();
		long total = 0;
		for (TopLevel e : elements) {
			total += weight(e);
		}
		if (elements.size() < 2 || total < Math.max(1, minWeight)) {
			return -1;
		}
		long sum = 0;
		int i = 0;
		while (i < elements.size() - 1 && 2 * (sum + weight(elements.get(i))) <= total) {
			sum += weight(elements.get(i));
			i++;
		}
		if (i == 0) {
			i = 1;
		}
		return model.getImports().size() + i;
	}

	private static long weight(TopLevel e) {
		if (e instanceof Platform p) {
			return 1 + p.getMembers().size();
		}
		if (e instanceof Scenario s) {
			return 1 + s.getSteps().size();
		}
		return 1;
	}

	/**
	 * Lazily computed state that both threads would otherwise compute at once: the node model's line index and
	 * EMF's per-class feature tables. Computed here, before the second thread starts, they are only read.
	 */
	private static void prepareSharedState(XtextResource resource) {
		ICompositeNode root = resource.getParseResult() == null ? null : resource.getParseResult().getRootNode();
		if (root != null) {
			NodeModelUtils.getLineAndColumn(root, root.getTotalEndOffset());
		}
		MetamodelTables.build();
	}

	/** Contents [from, to) of the model (and, for the first half, the model's own checks). */
	private BasicDiagnostic half(XtextResource resource, Model model, int from, int to, boolean withModel) {
		// Diagnostician.validate(EObject, Map) with the options of ResourceValidatorImpl.validate(Resource, EObject, ...)
		Map<Object, Object> options = diagnostician.createDefaultContext();
		options.put(CheckMode.KEY, CheckMode.ALL);
		options.put(CancelableDiagnostician.CANCEL_INDICATOR, CancelIndicator.NullImpl);
		options.put(ConcreteSyntaxEValidator.DISABLE_CONCRETE_SYNTAX_EVALIDATOR, Boolean.TRUE);
		options.put(EValidator.class, diagnostician);
		options.put(AbstractInjectableValidator.CURRENT_LANGUAGE_NAME, resource.getLanguageName());
		options.put(Halves.PART, new Part(model, from, to, withModel));
		BasicDiagnostic chain = diagnostician.createDefaultDiagnostic(model);
		diagnostician.validate(model, chain, options);
		return chain;
	}

	private record Part(Model model, int from, int to, boolean withModel) {
	}

	/** Xtext's diagnostician that visits only one part of the model's contents. */
	static final class Halves extends CancelableDiagnostician {
		static final String PART = "coco.validation.part";

		@Inject
		Halves(EValidator.Registry registry) {
			super(registry);
		}

		@Override
		protected boolean doValidate(EValidator validator, EClass eClass, EObject object, DiagnosticChain diagnostics,
				Map<Object, Object> context) {
			if (context.get(PART) instanceof Part p && p.model() == object && !p.withModel()) {
				return true;
			}
			return super.doValidate(validator, eClass, object, diagnostics, context);
		}

		@Override
		protected boolean doValidateContents(EObject object, DiagnosticChain diagnostics, Map<Object, Object> context) {
			if (context.get(PART) instanceof Part p && p.model() == object) {
				boolean result = true;
				List<EObject> contents = object.eContents();
				for (int i = p.from(); i < p.to(); i++) {
					checkCanceled(context);
					result &= validate(contents.get(i), diagnostics, context);
				}
				return result;
			}
			return super.doValidateContents(object, diagnostics, context);
		}
	}
}
