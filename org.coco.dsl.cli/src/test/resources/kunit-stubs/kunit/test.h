/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Minimal stand-in for the kernel's <kunit/test.h>, enough for `gcc -fsyntax-only` to check the
 * KUnit suites that `coco generate --target kunit` writes. It mirrors the kernel's declarations
 * (struct kunit, kunit_case, kunit_suite, KUNIT_ARRAY_PARAM, KUNIT_CASE_PARAM, the EXPECT/ASSERT
 * macros) in shape, not in behaviour. In a kernel tree the real header is used instead.
 */
#ifndef _COCO_STUB_KUNIT_TEST_H
#define _COCO_STUB_KUNIT_TEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;

#define ARRAY_SIZE(arr) (sizeof(arr) / sizeof((arr)[0]))
#define KUNIT_PARAM_DESC_SIZE 128

struct kunit {
	void *priv;
	const char *name;
	void *param_value;
	int param_index;
};

struct kunit_case {
	void (*run_case)(struct kunit *test);
	const char *name;
	const void *(*generate_params)(const void *prev, char *desc);
};

struct kunit_suite {
	const char name[256];
	int (*suite_init)(struct kunit_suite *suite);
	void (*suite_exit)(struct kunit_suite *suite);
	int (*init)(struct kunit *test);
	void (*exit)(struct kunit *test);
	struct kunit_case *test_cases;
};

void kunit_fail(struct kunit *test, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void kunit_abort(struct kunit *test) __attribute__((noreturn));

#define KUNIT_CASE_PARAM(test_name, gen_params) \
	{ .run_case = test_name, .name = #test_name, .generate_params = gen_params }

#define KUNIT_ARRAY_PARAM(name, array, get_desc)						\
	static const void *name##_gen_params(const void *prev, char *desc)			\
	{											\
		typeof((array)[0]) *__next = prev ? ((typeof(__next)) prev) + 1 : (array);	\
		if (__next - (array) < (long)ARRAY_SIZE((array))) {				\
			void (*__get_desc)(typeof(__next), char *) = get_desc;			\
			if (__get_desc)								\
				__get_desc(__next, desc);					\
			return __next;								\
		}										\
		return NULL;									\
	}

#define KUNIT_EXPECT_EQ_MSG(test, left, right, fmt, ...)				\
	do {										\
		if (!((left) == (right)))						\
			kunit_fail(test, "%s:%d: " fmt, __FILE__, __LINE__, ##__VA_ARGS__);	\
	} while (0)

#define KUNIT_ASSERT_EQ_MSG(test, left, right, fmt, ...)				\
	do {										\
		if (!((left) == (right))) {						\
			kunit_fail(test, "%s:%d: " fmt, __FILE__, __LINE__, ##__VA_ARGS__);	\
			kunit_abort(test);						\
		}									\
	} while (0)

#define KUNIT_EXPECT_EQ(test, left, right) KUNIT_EXPECT_EQ_MSG(test, left, right, "%s", #left " == " #right)

#define kunit_test_suites(...)								\
	static struct kunit_suite *__coco_kunit_suites[] __attribute__((used)) = { __VA_ARGS__ }
#define kunit_test_suite(suite) kunit_test_suites(&suite)

#define MODULE_LICENSE(license) static const char __coco_module_license[] __attribute__((used)) = license
#define MODULE_DESCRIPTION(desc) static const char __coco_module_description[] __attribute__((used)) = desc

#endif
