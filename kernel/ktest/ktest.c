/*
 * kernel/ktest/ktest.c - run the selected in-kernel tests, report KTAP v1.
 */
#include "kernel/cpu.h"
#include "kernel/ktest/ktest.h"
#include "kernel/lib/printf.h"
#include "kernel/lib/string.h"
#include "kernel/panic.h"

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

/* crash tests run only when a pattern other than "all" names them */
static bool
ktest_selected_t(const char *sel, const struct ktest *t)
{
	char full[KTEST_NAME_MAX];

	snprintf(full, sizeof(full), "%s.%s", t->suite, t->name);
	if ((t->flags & KTEST_F_CRASH) && strcmp(sel, "all") == 0)
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

/* sense-reversing barrier over kt->ncpus harts */
void
ktest_barrier(struct ktest_ctx *kt)
{
	uint32_t gen = __atomic_load_n(&kt->barrier[1], __ATOMIC_ACQUIRE);

	if (__atomic_add_fetch(&kt->barrier[0], 1, __ATOMIC_ACQ_REL) == kt->ncpus) {
		__atomic_store_n(&kt->barrier[0], 0, __ATOMIC_RELAXED);
		__atomic_store_n(&kt->barrier[1], gen + 1, __ATOMIC_RELEASE);
		return;
	}
	while (__atomic_load_n(&kt->barrier[1], __ATOMIC_ACQUIRE) == gen)
		cpu_relax();
}

static void
ktest_smp_entry(void *arg)
{
	struct ktest_ctx *kt = arg;

	kt->test->fn(kt);
}

static void
ktest_run_one(const struct ktest *t, struct ktest_ctx *kt)
{
	uint32_t started[MAX_CPUS], n = 0;

	memset(kt, 0, sizeof(*kt));
	kt->test = t;
	kt->ncpus = 1;
	if (!(t->flags & KTEST_F_SMP)) {
		t->fn(kt);
		return;
	}
	kt->ncpus = cpus_online();
	for (uint32_t i = 0; i < ncpus; i++) {
		if (i == cpu_number() || !cpus[i].online)
			continue;
		if (cpu_dispatch(i, ktest_smp_entry, kt) != 0)
			panic("ktest: hart %u busy, cannot run %s.%s",
			    cpus[i].hartid, t->suite, t->name);
		started[n++] = i;
	}
	t->fn(kt);
	for (uint32_t i = 0; i < n; i++) {
		while (cpu_dispatch_busy(started[i]))
			cpu_relax();
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

static int
run_suite(const char *sel, const char *suite, int suite_no, int *npass)
{
	static struct ktest_ctx kt;
	int n = 0, failed = 0;

	printf("    KTAP version 1\n    # Subtest: %s\n    1..%d\n", suite,
	    count_selected(sel, suite));
	for (const struct ktest *t = __ktest_start; t < __ktest_end; t++) {
		if (strcmp(t->suite, suite) != 0 ||
		    !ktest_selected_t(sel, t))
			continue;
		ktest_run_one(t, &kt);
		if (cpu_current()->intr_depth != 0)
			panic("ktest %s.%s: returned holding a spinlock",
			    t->suite, t->name);
		n++;
		if (kt.failed) {
			failed++;
			printf("    not ok %d %s\n", n, t->name);
		} else {
			(*npass)++;
			printf("    ok %d %s\n", n, t->name);
		}
	}
	printf("%s %d %s\n", failed ? "not ok" : "ok", suite_no, suite);
	return failed;
}

int
ktest_run(const char *sel)
{
	int nsuites = 0, suite_no = 0, failed = 0, passed = 0;

	for (const struct ktest *t = __ktest_start; t < __ktest_end; t++) {
		if (ktest_selected_t(sel, t) && !suite_seen(sel, t))
			nsuites++;
	}
	printf("KTAP version 1\n1..%d\n", nsuites);
	for (const struct ktest *t = __ktest_start; t < __ktest_end; t++) {
		if (ktest_selected_t(sel, t) && !suite_seen(sel, t))
			failed += run_suite(sel, t->suite, ++suite_no, &passed);
	}
	printf("# ktest: %d passed, %d failed\n", passed, failed);
	if (nsuites == 0)
		printf("# ktest: warning: no test matches '%s'\n", sel);
	return failed;
}
