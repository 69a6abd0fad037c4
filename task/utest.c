/*
 * task/utest.c - running the user test programs of the initrd as KTAP
 * suites of the boot (ktest=... utest=all).
 *
 * A test program is a regular file test/NAME in the initrd, NAME not
 * starting with "crash_" (those end by a fault on purpose and a kernel
 * test runs them) or "bench_" (the user side of benchmarks, which the
 * KBENCHes of test/bench/ run under `make bench`) or "peer_" (one side of
 * a test between tasks, which a kernel test sets up).  Each one prints its
 * own suite, numbered by the KTAP_SUITE environment variable, and exits 0
 * when it passed (test/user/ktap.h).  One that dies instead, or runs
 * past the time limit (then terminated), gets its result line from here.
 */
#include <machine/machine.h>
#include <machine/vmparam.h>
#include "kernel/ktest/ktest.h"
#include "kernel/lib/cpio.h"
#include "kernel/lib/printf.h"
#include "kernel/lib/string.h"
#include "kernel/sched/timer.h"
#include "kernel/startup.h"
#include "task/exec.h"

#define UTEST_DIR		"test/"
#define UTEST_LIMIT_NS		(120 * NSEC_PER_SEC)

/* the program name of initrd entry e if it is a test program, else NULL */
static const char *
utest_name(const struct cpio_entry *e, const char *sel)
{
	const char *n = e->name;

	if (n[0] == '.' && n[1] == '/')
		n += 2;
	if (strncmp(n, UTEST_DIR, strlen(UTEST_DIR)) != 0)
		return NULL;
	n += strlen(UTEST_DIR);
	if (*n == '\0' || strchr(n, '/') != NULL ||
	    strncmp(n, "crash_", 6) == 0 || strncmp(n, "bench_", 6) == 0 ||
	    strncmp(n, "peer_", 5) == 0 ||
	    (e->mode & CPIO_S_IFMT) != CPIO_S_IFREG)
		return NULL;
	return ktest_match(sel, n) ? n : NULL;
}

/* call fn for each selected program, in archive order; the count */
static int
utest_each(const char *sel, void (*fn)(const char *name, void *arg), void *arg)
{
	struct cpio_entry e;
	size_t off = 0;
	paddr_t pa;
	uint64_t size;
	int n = 0;

	if (!machine_initrd(&pa, &size))
		return 0;
	while (cpio_next(phys_to_kva(pa), size, &off, &e, NULL) == CPIO_OK) {
		const char *name = utest_name(&e, sel);

		if (name == NULL)
			continue;
		n++;
		if (fn != NULL)
			fn(name, arg);
	}
	return n;
}

static int
utest_count(const char *sel)
{
	return utest_each(sel, NULL, NULL);
}

struct utest_run {
	int	no;
	int	*passed;
	int	*failed;
};

/* wait for t to end, at most the limit; false: it did not, and was terminated */
static bool
utest_wait(task_t t)
{
	uint64_t end = nanotime() + UTEST_LIMIT_NS;

	while (nanotime() < end) {
		struct task_basic_info_rv info;

		task_info_basic(t, &info);
		if (info.thread_count == 0)
			break;
		thread_sleep_ns(5 * NSEC_PER_MSEC);
	}
	if (nanotime() >= end) {
		task_terminate(t);
		return false;
	}
	task_wait_empty(t);
	return true;
}

static void
utest_one(const char *name, void *arg)
{
	struct utest_run *r = arg;
	char path[64], env[32];
	const char *argv[] = { name, NULL };
	const char *envp[] = { env, NULL };
	const char *why;
	task_t t;
	int no = r->no++, status;
	bool finished;

	snprintf(path, sizeof(path), "%s%s", UTEST_DIR, name);
	snprintf(env, sizeof(env), "KTAP_SUITE=%d", no);
	if (task_spawn_initrd(path, argv, envp, &t, &why) != KERN_SUCCESS) {
		printf("    KTAP version 1\n    # Subtest: %s\n    1..0\n"
		    "    # cannot start %s: %s\nnot ok %d %s\n", name, path, why,
		    no, name);
		(*r->failed)++;
		return;
	}
	finished = utest_wait(t);
	spin_lock(&t->lock);
	status = t->exit_status;
	spin_unlock(&t->lock);
	task_deallocate(t);
	if (finished && status == 0) {
		(*r->passed)++;
		return;
	}
	(*r->failed)++;
	/* a program that ended normally printed its own result line */
	if (!finished)
		printf("    # %s: still running after %lu s: terminated\n"
		    "not ok %d %s\n", name, (unsigned long)(UTEST_LIMIT_NS / NSEC_PER_SEC), no, name);
	else if (status >= 128)
		printf("    # %s: ended by exception %d\nnot ok %d %s\n", name,
		    status - 128, no, name);
}

static void
utest_run(const char *sel, int first_no, int *passed, int *failed)
{
	struct utest_run r = { first_no, passed, failed };

	utest_each(sel, utest_one, &r);
}

static const struct ktest_user_runner utest_runner = {
	.count = utest_count,
	.run = utest_run,
};

static void
utest_init(void)
{
	ktest_register_user_runner(&utest_runner);
}
STARTUP(TASKS, utest_init);
