/*
 * kernel/ktest/ktest.h - the in-kernel test framework.
 *
 *	KTEST(suite, name) { ... KT_ASSERT_EQ(a, b); ... }
 *	KTEST_SMP(suite, name) { ... runs on every online hart at once ... }
 *
 * Tests are gathered from the "ktest_set" linker section, selected by the
 * boot argument ktest= (comma-separated globs over "suite.name"), and
 * reported in KTAP v1.  Inside a test body the context is `kt`.
 * A failed KT_ASSERT_* returns from the test; KT_EXPECT_* carries on;
 * KT_SKIP(reason) ends a test that cannot judge this run (a race it lost).
 */
#ifndef KERNEL_KTEST_KTEST_H
#define KERNEL_KTEST_KTEST_H

#include "kernel/lib/types.h"

struct ktest_ctx;

struct ktest {
	const char *suite;
	const char *name;
	void (*fn)(struct ktest_ctx *kt);
	uint32_t flags;
};
#define KTEST_F_SMP	0x1		/* run on every online hart at once */
#define KTEST_F_CRASH	0x2		/* ends in a panic: never part of "all" */
#define KTEST_F_LONG	0x4		/* too long for every boot: not in "all" */
#define KTEST_F_SELFTEST 0x8		/* ktest's own outcomes: not in "all" */
#define KTEST_F_NOT_ALL	(KTEST_F_CRASH | KTEST_F_LONG | KTEST_F_SELFTEST)

#define KTEST_SKIP_MAX	96

/*
 * One running test, shared by the harts that run it.
 *	[c] set by the runner before the test's threads start
 *	[a] atomic
 *	[s] written once, by the hart that set `skipped` (read after the join)
 */
struct ktest_ctx {
	const struct ktest *test;	/* [c] */
	uint32_t ncpus;			/* [c] harts running this test */
	volatile uint32_t failed;	/* [a] assertions that failed */
	volatile uint32_t skipped;	/* [a] 1: ktest_skip() was called */
	volatile uint32_t left;		/* [a] harts whose body has returned */
	volatile uint32_t abandoned;	/* [a] 1: a barrier gave up */
	volatile uint32_t barrier[2];	/* [a] for ktest_barrier() */
	char skip_reason[KTEST_SKIP_MAX]; /* [s] */
};

#define KTEST_DEFINE(suite_, name_, flags_)				\
	static void ktest_fn_##suite_##_##name_(struct ktest_ctx *kt);	\
	static const struct ktest ktest_##suite_##_##name_		\
	    __used __section("ktest_set") __aligned(8) = {		\
		.suite = #suite_, .name = #name_,			\
		.fn = ktest_fn_##suite_##_##name_, .flags = (flags_) };	\
	static void ktest_fn_##suite_##_##name_(struct ktest_ctx *kt __unused)

#define KTEST(suite, name)	KTEST_DEFINE(suite, name, 0)
#define KTEST_SMP(suite, name)	KTEST_DEFINE(suite, name, KTEST_F_SMP)
/* a test that must panic; selected only by name (ktest=panic.stack_overflow) */
#define KTEST_CRASH(suite, name) KTEST_DEFINE(suite, name, KTEST_F_CRASH)
/* a test too long for every boot; selected only by name, by a boot of its own */
#define KTEST_LONG(suite, name)	KTEST_DEFINE(suite, name, KTEST_F_LONG)
/* a test of ktest itself that skips or fails on purpose; selected only by name */
#define KTEST_SELFTEST(suite, name) KTEST_DEFINE(suite, name, KTEST_F_SELFTEST)
#define KTEST_SELFTEST_SMP(suite, name)					\
	KTEST_DEFINE(suite, name, KTEST_F_SELFTEST | KTEST_F_SMP)

void ktest_fail(struct ktest_ctx *kt, const char *file, int line,
    const char *fmt, ...) __printflike(4, 5);
/* ktest_log - a KTAP diagnostic line ("# ...") under the current test. */
void ktest_log(struct ktest_ctx *kt, const char *fmt, ...) __printflike(2, 3);
/*
 * ktest_skip - this run cannot judge the test (a race it lost, a machine
 * without what it needs): report "ok N name # SKIP reason" unless an
 * assertion failed.  The first reason is kept.  It only records: return
 * from the test after it, or use KT_SKIP(fmt, ...), which does both.
 */
void ktest_skip(struct ktest_ctx *kt, const char *fmt, ...) __printflike(2, 3);
#define KT_SKIP(...) do {						\
	ktest_skip(kt, __VA_ARGS__);					\
	return;								\
} while (0)
/*
 * ktest_barrier - in a KTEST_SMP test, wait until every hart reaches it.
 * Returns true when they all did.  Returns false, at once, when the test
 * is being abandoned because one of its harts has returned (a failed
 * KT_ASSERT, a KT_SKIP) and so will never arrive: the caller must return
 * now, and every later barrier of the test returns false too.  An
 * abandoned test fails unless a hart failed or skipped already.
 * KT_BARRIER() waits and returns from the test when abandoned.
 */
bool ktest_barrier(struct ktest_ctx *kt) __attribute__((warn_unused_result));
#define KT_BARRIER() do {						\
	if (!ktest_barrier(kt))						\
		return;							\
} while (0)

/* ktest_match - does full match one of the comma-separated globs in sel? */
bool ktest_match(const char *sel, const char *full);
/*
 * ktest_run - run the tests selected by the glob list, then the user test
 * programs selected by the boot argument utest= (a runner the task layer
 * registers); prints KTAP and "# ktest: N passed, N failed, N skipped";
 * returns the number failed.
 */
int ktest_run(const char *selection);

/*
 * A runner of user test programs (task/utest.c): each program is one KTAP
 * suite of the boot's document.  count: programs sel selects; run: run
 * them as suites first_no, first_no + 1, ..., counting into passed, failed.
 */
struct ktest_user_runner {
	int	(*count)(const char *sel);
	void	(*run)(const char *sel, int first_no, int *passed, int *failed);
};
void ktest_register_user_runner(const struct ktest_user_runner *r);

#define KT__CMP(kind, a, op, b, onfail) do {				\
	__typeof__(a) _ka = (a);					\
	__typeof__(b) _kb = (b);					\
	_Pragma("GCC diagnostic push")					\
	_Pragma("GCC diagnostic ignored \"-Wsign-compare\"")		\
	bool _kok = (_ka op _kb);					\
	_Pragma("GCC diagnostic pop")					\
	if (!_kok) {							\
		ktest_fail(kt, __FILE__, __LINE__,			\
		    "expected %s %s %s, got %#lx %s %#lx (%ld vs %ld)",	\
		    #a, #op, #b, (unsigned long)_ka, #op,		\
		    (unsigned long)_kb, (long)_ka, (long)_kb);		\
		onfail;							\
	}								\
} while (0)

#define KT__TRUE(c, onfail) do {					\
	if (!(c)) {							\
		ktest_fail(kt, __FILE__, __LINE__, "expected %s", #c);	\
		onfail;							\
	}								\
} while (0)

#define KT_ASSERT(c)		KT__TRUE(c, return)
#define KT_ASSERT_EQ(a, b)	KT__CMP(eq, a, ==, b, return)
#define KT_ASSERT_NE(a, b)	KT__CMP(ne, a, !=, b, return)
#define KT_ASSERT_LT(a, b)	KT__CMP(lt, a, <, b, return)
#define KT_ASSERT_LE(a, b)	KT__CMP(le, a, <=, b, return)
#define KT_ASSERT_GT(a, b)	KT__CMP(gt, a, >, b, return)
#define KT_ASSERT_GE(a, b)	KT__CMP(ge, a, >=, b, return)
#define KT_ASSERT_NULL(p)	KT__TRUE((p) == NULL, return)
#define KT_ASSERT_NOT_NULL(p)	KT__TRUE((p) != NULL, return)
#define KT_EXPECT(c)		KT__TRUE(c, (void)0)
#define KT_EXPECT_EQ(a, b)	KT__CMP(eq, a, ==, b, (void)0)
#define KT_EXPECT_NE(a, b)	KT__CMP(ne, a, !=, b, (void)0)
#define KT_EXPECT_LE(a, b)	KT__CMP(le, a, <=, b, (void)0)
#define KT_EXPECT_GE(a, b)	KT__CMP(ge, a, >=, b, (void)0)
#define KT_ASSERT_STREQ(a, b) do {					\
	const char *_sa = (a), *_sb = (b);				\
	if (strcmp(_sa, _sb) != 0) {					\
		ktest_fail(kt, __FILE__, __LINE__,			\
		    "expected %s == %s, got \"%s\" vs \"%s\"",		\
		    #a, #b, _sa, _sb);					\
		return;							\
	}								\
} while (0)

#endif /* KERNEL_KTEST_KTEST_H */
