/*
 * test/user/ktap.h - KTAP v1 from a user test program.
 *
 * A program is one suite, printed exactly as the kernel's ktest prints a
 * suite (kernel/ktest/ktest.c, run_suite):
 *
 *	    KTAP version 1
 *	    # Subtest: SUITE
 *	    1..N
 *	    ok 1 NAME
 *	    not ok 2 NAME
 *	    # a diagnostic
 *	not ok K SUITE
 *
 * The top-level "KTAP version 1" and "1..M" lines belong to whoever runs
 * several suites in one boot (the kernel's test runner or init), which
 * counts the suites first; a program never prints them.  K, the suite's
 * number in that run, comes from the environment variable KTAP_SUITE
 * (1 when unset).  The exit status is 0 when every test passed, 1
 * otherwise, so the runner can also tell without reading the output.  A
 * program that dies before ktap_done (fault) leaves its suite open: the
 * runner reports the result line for it.
 *
 * One suite per program: the state is static.
 */
#ifndef TEST_USER_KTAP_H
#define TEST_USER_KTAP_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

static struct {
	const char	*suite;
	int		planned;
	int		n;		/* tests reported so far */
	int		failed;
} ktap;

/* the suite's header: name and number of tests */
static inline void
ktap_plan(const char *suite, int ntests)
{
	ktap.suite = suite;
	ktap.planned = ntests;
	printf("    KTAP version 1\n    # Subtest: %s\n    1..%d\n", suite,
	    ntests);
}

/* a diagnostic line inside the suite */
static inline __attribute__((format(printf, 1, 2))) void
ktap_diag(const char *fmt, ...)
{
	va_list ap;

	printf("    # ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
}

/* one test's result; returns cond */
static inline __attribute__((format(printf, 2, 3))) int
ktap_ok(int cond, const char *name, ...)
{
	va_list ap;

	ktap.n++;
	if (!cond)
		ktap.failed++;
	printf("    %s %d ", cond ? "ok" : "not ok", ktap.n);
	va_start(ap, name);
	vprintf(name, ap);
	va_end(ap);
	printf("\n");
	return cond;
}

/*
 * a test that could prove nothing in this run (not a pass): "ok N NAME
 * # SKIP reason", as the kernel's ktest prints a skip
 */
static inline __attribute__((format(printf, 2, 3))) void
ktap_skip(const char *name, const char *reason, ...)
{
	va_list ap;

	ktap.n++;
	printf("    ok %d %s # SKIP ", ktap.n, name);
	va_start(ap, reason);
	vprintf(reason, ap);
	va_end(ap);
	printf("\n");
}

/* the suite's number in the run (KTAP_SUITE, default 1) */
static inline int
ktap_suite_no(void)
{
	const char *s = getenv("KTAP_SUITE");
	int k = s != NULL ? atoi(s) : 0;

	return k > 0 ? k : 1;
}

/* the suite's result line; returns the exit status (0: all passed) */
static inline int
ktap_done(void)
{
	int bad = ktap.failed != 0 || ktap.n != ktap.planned;

	if (ktap.n != ktap.planned)
		ktap_diag("planned %d tests, ran %d", ktap.planned, ktap.n);
	printf("%s %d %s\n", bad ? "not ok" : "ok", ktap_suite_no(), ktap.suite);
	fflush(stdout);
	return bad;
}

#endif /* TEST_USER_KTAP_H */
