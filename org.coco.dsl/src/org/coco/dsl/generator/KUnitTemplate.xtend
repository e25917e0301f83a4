package org.coco.dsl.generator

import org.eclipse.emf.ecore.resource.Resource

/**
 * A KUnit suite (C) per .coco file, in the shape of the kernel/dma tests: a parameter table with one
 * case per scenario step and the outcome the coco interpreter computed for it. The harness provides
 * coco_dma_replay(), which performs a step on the kernel under test; cases come in table order, so the
 * harness replays a scenario's steps in sequence.
 */
class KUnitTemplate {

	def CharSequence generate(Resource resource) {
		val source = GeneratedNames.sourceName(resource)
		val id = GeneratedNames.cIdentifier(GeneratedNames.fileBase(resource))
		val cases = Fixtures.stepCases(resource)
		'''
			// SPDX-License-Identifier: GPL-2.0
			// «GeneratedNames.MARKER» from «Literals.comment(source)»: do not edit; regenerate with `coco generate --target kunit`.
			/*
			 * KUnit cases for kernel/dma from the coco scenarios of «Literals.comment(source)»: one parameterised
			 * case per scenario step with the outcome the coco interpreter expects. The harness provides
			 * coco_dma_replay(); KUnit runs the cases in table order, so it replays each scenario step by step.
			 */
			#include <kunit/test.h>

			#ifndef COCO_KUNIT_TYPES
			#define COCO_KUNIT_TYPES
			enum coco_outcome {
				COCO_DIRECT, COCO_BOUNCE, COCO_IOVA, COCO_OPS, COCO_ALLOCATED, COCO_ERROR, COCO_NULL,
				COCO_LEAK, COCO_OK, COCO_FAILED, COCO_DATA, COCO_UNKNOWN, COCO_SG,
			};

			struct coco_dma_case {
				const char *scenario;	/* scenario name */
				int step;		/* 1-based step in the scenario */
				const char *source;	/* file.coco:LINE of the step */
				const char *op;		/* the step as coco prints it */
				enum coco_outcome expected;
				bool has_addr;		/* dma_addr is meaningful */
				u64 dma_addr;		/* expected DMA address or allocation handle */
				const char *pool;	/* swiotlb pool a bounce goes through, or NULL */
				int err;		/* expected -errno of a failed call, or 0 */
				const char *rule;	/* reference rule that decided the outcome */
			};

			struct coco_dma_result {
				enum coco_outcome outcome;
				u64 dma_addr;
				int err;
			};

			/* Performs c on the kernel under test and fills r; returns 0, or -errno if the step cannot be replayed. */
			int coco_dma_replay(struct kunit *test, const struct coco_dma_case *c, struct coco_dma_result *r);
			#endif

			static const struct coco_dma_case «id»_cases[] = {
				«FOR c : cases»
					{ .scenario = «Literals.c(c.scenario)», .step = «c.step», .source = «Literals.c(c.source)»,
					  .op = «Literals.c(c.op)»,
					  .expected = COCO_«c.kind.toUpperCase»,«IF c.address !== null» .has_addr = true, .dma_addr = «c.address»ULL,«ENDIF»
					  .pool = «Literals.c(c.pool)», .err = «c.errno», .rule = «Literals.c(c.rule)» },
				«ENDFOR»
			};

			static void «id»_case_desc(const struct coco_dma_case *c, char *desc)
			{
				snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%s #%d", c->scenario, c->step);
			}

			KUNIT_ARRAY_PARAM(«id», «id»_cases, «id»_case_desc);

			static void «id»_step(struct kunit *test)
			{
				const struct coco_dma_case *c = test->param_value;
				struct coco_dma_result r = { 0 };

				KUNIT_ASSERT_EQ_MSG(test, coco_dma_replay(test, c, &r), 0, "%s: cannot replay %s", c->source, c->op);
				KUNIT_EXPECT_EQ_MSG(test, r.outcome, c->expected, "%s: %s", c->source, c->op);
				if (c->has_addr)
					KUNIT_EXPECT_EQ_MSG(test, r.dma_addr, c->dma_addr, "%s: %s", c->source, c->op);
				KUNIT_EXPECT_EQ_MSG(test, r.err, c->err, "%s: %s", c->source, c->op);
			}

			static struct kunit_case «id»_test_cases[] = {
				KUNIT_CASE_PARAM(«id»_step, «id»_gen_params),
				{}
			};

			static struct kunit_suite «id»_suite = {
				.name = "coco-«id.replace('_', '-')»",
				.test_cases = «id»_test_cases,
			};
			kunit_test_suite(«id»_suite);

			MODULE_LICENSE("GPL");
			MODULE_DESCRIPTION(«Literals.c("coco scenarios of " + source)»);
		'''
	}
}
