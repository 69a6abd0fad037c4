/*
 * kernel/ktest/ktest.c - run the selected in-kernel tests, report KTAP v1.
 */
#include "kernel/cpu.h"
#include "kernel/kernel.h"
#include "kernel/ktest/ktest.h"
#include "kernel/lib/printf.h"
#include "kernel/lib/string.h"
#include "kernel/panic.h"
#include "kernel/sched/sched.h"
#include "kernel/sched/timer.h"

extern const struct ktest __ktest_start[], __ktest_end[];

#define KTEST_NAME_MAX	96

/* glob with '*' and '?' */
static bool
glob_match(const char *p, const char *s)
{
	const char *star = NULL, *resume = NULL;

	while (*s) {
		if (*p == '?' || *p == *s) {
			p++;
			s++;
		} else if (*p == '*') {
			star = p++;
			resume = s;
		} else if (star != NULL) {
			p = star + 1;
			s = ++resume;
		} else {
			return false;
		}
	}
	while (*p == '*')
		p++;
	return *p == '\0';
}

/* does full match one of the comma-separated globs in sel ("all": any)? */
bool
ktest_match(const char *sel, const char *full)
{
	char pat[KTEST_NAME_MAX];

	while (*sel) {
		const char *end = strchr(sel, ',');
		size_t n = end != NULL ? (size_t)(end - sel) : strlen(sel);

		if (n < sizeof(pat)) {
			memcpy(pat, sel, n);
			pat[n] = '\0';
			if (strcmp(pat, "all") == 0 || glob_match(pat, full))
				return true;
		}
		sel += n;
		if (*sel == ',')
			sel++;
	}
	return false;
}

/* crash, long and self tests run only when a pattern other than "all" names them */
static bool
ktest_selected_t(const char *sel, const struct ktest *t)
{
	char full[KTEST_NAME_MAX];

	snprintf(full, sizeof(full), "%s.%s", t->suite, t->name);
	if ((t->flags & KTEST_F_NOT_ALL) && strcmp(sel, "all") == 0)
		return false;
	return ktest_match(sel, full);
}

void
ktest_fail(struct ktest_ctx *kt, const char *file, int line, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	__atomic_fetch_add(&kt->failed, 1, __ATOMIC_RELAXED);
	printf("    # %s:%d: hart %u: %s\n", file, line, cpu_current()->hartid, msg);
}

void
ktest_log(struct ktest_ctx *kt __unused, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	printf("    # %s\n", msg);
}

/* the reason goes on the result line: keep it to one line */
static void
skip_reason_set(struct ktest_ctx *kt, const char *msg)
{
	char *r = kt->skip_reason;

	strlcpy(r, msg, sizeof(kt->skip_reason));
	for (; *r != '\0'; r++) {
		if (*r == '\n' || *r == '\r' || *r == '#')
			*r = ' ';
	}
}

void
ktest_skip(struct ktest_ctx *kt, const char *fmt, ...)
{
	char msg[KTEST_SKIP_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (__atomic_exchange_n(&kt->skipped, 1, __ATOMIC_ACQ_REL) == 0)
		skip_reason_set(kt, msg);
	else
		printf("    # hart %u: skip: %s\n", cpu_current()->hartid, msg);
}

/*
 * A hart of the test has returned, so the barrier can never fill: say so
 * once, and fail the test unless that hart failed or skipped (a test that
 * returns early without either is broken).
 */
static void
barrier_abandon(struct ktest_ctx *kt)
{
	if (__atomic_exchange_n(&kt->abandoned, 1, __ATOMIC_ACQ_REL) != 0)
		return;
	if (__atomic_load_n(&kt->failed, __ATOMIC_ACQUIRE) != 0 ||
	    __atomic_load_n(&kt->skipped, __ATOMIC_ACQUIRE) != 0) {
		printf("    # hart %u: ktest_barrier: a hart of the test has "
		    "returned; abandoning the test\n", cpu_current()->hartid);
		return;
	}
	ktest_fail(kt, __FILE__, __LINE__, "ktest_barrier: a hart returned "
	    "without failing or skipping; it will never arrive");
}

static bool
barrier_left(struct ktest_ctx *kt)
{
	return __atomic_load_n(&kt->left, __ATOMIC_ACQUIRE) != 0;
}

/*
 * Sense-reversing barrier over kt->ncpus harts.  Once a hart has left the
 * test no barrier can fill again, so a new one gives up at once and a
 * waiting one as soon as it sees the departure.  The generation is read
 * again after the departure: a hart that passed this barrier and then
 * returned was released by it (the releaser's generation store precedes
 * the departure), so the waiter was released too.
 */
bool
ktest_barrier(struct ktest_ctx *kt)
{
	uint32_t gen = __atomic_load_n(&kt->barrier[1], __ATOMIC_ACQUIRE);

	if (barrier_left(kt)) {
		barrier_abandon(kt);
		return false;
	}
	if (__atomic_add_fetch(&kt->barrier[0], 1, __ATOMIC_ACQ_REL) == kt->ncpus) {
		__atomic_store_n(&kt->barrier[0], 0, __ATOMIC_RELAXED);
		__atomic_store_n(&kt->barrier[1], gen + 1, __ATOMIC_RELEASE);
		return true;
	}
	for (;;) {
		if (__atomic_load_n(&kt->barrier[1], __ATOMIC_ACQUIRE) != gen)
			return true;
		if (barrier_left(kt)) {
			if (__atomic_load_n(&kt->barrier[1], __ATOMIC_ACQUIRE) != gen)
				return true;
			barrier_abandon(kt);
			return false;
		}
		cpu_relax();
	}
}

struct ktest_thread_arg {
	struct ktest_ctx *kt;
	int	cpu;			/* -1: anywhere */
};

static volatile bool ktest_go;		/* [a] all the test's threads exist */

/* a test body runs in a thread of its own, so it may block */
static void
ktest_thread(void *arg)
{
	struct ktest_thread_arg *a = arg;

	if (a->cpu >= 0)
		thread_bind(current_thread(), a->cpu);
	/* start together, once every stack is allocated (tests count pages) */
	while (!__atomic_load_n(&ktest_go, __ATOMIC_ACQUIRE)) {
		assert_wait((event_t)&ktest_go, THREAD_UNINT);
		if (__atomic_load_n(&ktest_go, __ATOMIC_ACQUIRE))
			thread_wakeup((event_t)&ktest_go);	/* ends our own wait */
		thread_block();
	}
	a->kt->test->fn(a->kt);
	if (cpu_current()->intr_depth != 0)
		panic("ktest %s.%s: returned holding a spinlock",
		    a->kt->test->suite, a->kt->test->name);
	/* after the body's last store: ktest_barrier reads it (see there) */
	__atomic_fetch_add(&a->kt->left, 1, __ATOMIC_RELEASE);
}

static void
ktest_run_one(const struct ktest *t, struct ktest_ctx *kt)
{
	static struct ktest_thread_arg args[MAX_CPUS];
	static thread_t threads[MAX_CPUS];
	uint32_t n = 0;

	thread_reap_wait();		/* counters settle before the test reads them */
	__atomic_store_n(&ktest_go, false, __ATOMIC_RELEASE);
	memset(kt, 0, sizeof(*kt));
	kt->test = t;
	kt->ncpus = (t->flags & KTEST_F_SMP) ? cpus_online() : 1;
	for (uint32_t i = 0; i < ncpus && n < kt->ncpus; i++) {
		if ((t->flags & KTEST_F_SMP) && !cpus[i].online)
			continue;
		args[n].kt = kt;
		args[n].cpu = (t->flags & KTEST_F_SMP) ? (int)i : -1;
		if (kernel_thread_start(ktest_thread, &args[n], &threads[n]) !=
		    KERN_SUCCESS)
			panic("ktest: no memory for a thread to run %s.%s",
			    t->suite, t->name);
		n++;
	}
	__atomic_store_n(&ktest_go, true, __ATOMIC_RELEASE);
	thread_wakeup((event_t)&ktest_go);
	for (uint32_t i = 0; i < n; i++) {
		thread_join(threads[i]);
		thread_deallocate(threads[i]);
	}
}

static int
count_selected(const char *sel, const char *suite)
{
	int n = 0;

	for (const struct ktest *t = __ktest_start; t < __ktest_end; t++) {
		if ((suite == NULL || strcmp(t->suite, suite) == 0) &&
		    ktest_selected_t(sel, t))
			n++;
	}
	return n;
}

/* has a selected test of this suite appeared before t? */
static bool
suite_seen(const char *sel, const struct ktest *t)
{
	for (const struct ktest *u = __ktest_start; u < t; u++) {
		if (strcmp(u->suite, t->suite) == 0 &&
		    ktest_selected_t(sel, u))
			return true;
	}
	return false;
}

struct ktest_totals {
	int	passed;
	int	failed;
	int	skipped;
};

/* one test's KTAP result line; counts it */
static void
report_test(const struct ktest *t, const struct ktest_ctx *kt, int n,
    struct ktest_totals *tot)
{
	if (kt->failed) {
		tot->failed++;
		printf("    not ok %d %s\n", n, t->name);
	} else if (kt->skipped) {
		tot->skipped++;
		printf("    ok %d %s # SKIP %s\n", n, t->name, kt->skip_reason);
	} else {
		tot->passed++;
		printf("    ok %d %s\n", n, t->name);
	}
}

/* a suite is ok when none of its tests failed (passed or skipped) */
static void
run_suite(const char *sel, const char *suite, int suite_no,
    struct ktest_totals *tot)
{
	static struct ktest_ctx kt;
	int n = 0, failed_before = tot->failed;

	printf("    KTAP version 1\n    # Subtest: %s\n    1..%d\n", suite,
	    count_selected(sel, suite));
	for (const struct ktest *t = __ktest_start; t < __ktest_end; t++) {
		if (strcmp(t->suite, suite) != 0 ||
		    !ktest_selected_t(sel, t))
			continue;
		uint64_t t0 = nanotime();

		ktest_run_one(t, &kt);
		n++;
		if (nanotime() - t0 > NSEC_PER_SEC)
			printf("    # %s took %lu ms\n", t->name,
			    (unsigned long)((nanotime() - t0) / NSEC_PER_MSEC));
		report_test(t, &kt, n, tot);
	}
	printf("%s %d %s\n", tot->failed > failed_before ? "not ok" : "ok",
	    suite_no, suite);
}

static const struct ktest_user_runner *user_runner;

void
ktest_register_user_runner(const struct ktest_user_runner *r)
{
	user_runner = r;
}

int
ktest_run(const char *sel)
{
	struct ktest_totals tot = { 0 };
	int nsuites = 0, suite_no = 0, nuser = 0, upassed = 0, ufailed = 0;
	const char *usel = bootarg("utest");

	for (const struct ktest *t = __ktest_start; t < __ktest_end; t++) {
		if (ktest_selected_t(sel, t) && !suite_seen(sel, t))
			nsuites++;
	}
	if (usel != NULL && user_runner != NULL)
		nuser = user_runner->count(usel);
	printf("KTAP version 1\n1..%d\n", nsuites + nuser);
	for (const struct ktest *t = __ktest_start; t < __ktest_end; t++) {
		if (ktest_selected_t(sel, t) && !suite_seen(sel, t))
			run_suite(sel, t->suite, ++suite_no, &tot);
	}
	if (nuser > 0) {
		/* the harness tells user suites (counted as suites) from here */
		printf("# utest: %d user test programs\n", nuser);
		user_runner->run(usel, suite_no + 1, &upassed, &ufailed);
		printf("# utest: %d passed, %d failed\n", upassed, ufailed);
		tot.failed += ufailed;
	}
	nsuites += nuser;
	printf("# ktest: %d passed, %d failed, %d skipped\n", tot.passed,
	    tot.failed - ufailed, tot.skipped);
	if (nsuites == 0)
		printf("# ktest: warning: no test matches '%s'\n", sel);
	return tot.failed;
}
