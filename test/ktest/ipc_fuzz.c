/*
 * test/ktest/ipc_fuzz.c - the IPC fuzzer (test/user/ipcfuzz.c) run from
 * the kernel with every counter back at its baseline afterwards: ports,
 * dead-name requests, names and their tables, messages, kalloc bytes, the
 * ipc.* zones, pages, the VM zones, tasks and threads.
 *
 * The boot argument ipcfuzz=SEED,COUNT picks the seed and the number of
 * calls of each fuzz task (docs/ipc.md, "Fuzzing"), ipcfuzz=SEED,COUNT,verbose
 * also each call's results; without it a short run of a fixed seed.
 */
#include <mach/port.h>
#include "kernel/kernel.h"
#include "kernel/ipc/mach_port.h"
#include "kernel/ktest/ktest.h"
#include "kernel/lib/printf.h"
#include "kernel/lib/string.h"
#include "kernel/sched/timer.h"
#include "task/exec.h"
#include "task/task.h"
#include "test/ktest/ipc_util.h"
#include "test/ktest/vm_util.h"

#define FUZZ_PATH		"test/ipcfuzz"
#define FUZZ_SEED		0x5eedull
#define FUZZ_COUNT		400
#define FUZZ_TASKS		3		/* in the terminate case */
/* the names the linked tasks find their rights under (the first page) */
#define FUZZ_HUB		MACH_PORT_MAKE(150, 0)
#define FUZZ_PEER		MACH_PORT_MAKE(151, 0)
/* the victim runs this many times longer, so it is cut short */
#define FUZZ_VICTIM_FACTOR	50
#define FUZZ_KILL_AFTER_NS	(300 * NSEC_PER_MSEC)
/* a fuzz task may take this long (plus per call) before it counts as hung */
#define FUZZ_LIMIT_NS		(120 * NSEC_PER_SEC)
#define FUZZ_LIMIT_PER_CALL_NS	(2 * NSEC_PER_MSEC)

struct fuzz_args {
	uint64_t seed;
	uint64_t count;
	bool	verbose;	/* ipcfuzz=SEED,COUNT,verbose: results per call too */
};

static bool
parse_u64(const char **sp, uint64_t *out)
{
	const char *s = *sp;
	unsigned base = 10;
	uint64_t v = 0;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	}
	if (*s == '\0' || *s == ',')
		return false;
	for (; *s != '\0' && *s != ','; s++) {
		unsigned d;

		if (*s >= '0' && *s <= '9')
			d = (unsigned)(*s - '0');
		else if (base == 16 && (*s | 0x20) >= 'a' && (*s | 0x20) <= 'f')
			d = (unsigned)((*s | 0x20) - 'a' + 10);
		else
			return false;
		v = v * base + d;
	}
	*sp = s;
	*out = v;
	return true;
}

/* ipcfuzz=SEED,COUNT, or the short default */
static void
fuzz_args_get(struct ktest_ctx *kt, struct fuzz_args *a)
{
	const char *s = bootarg("ipcfuzz");
	struct fuzz_args b;

	a->seed = FUZZ_SEED;
	a->count = FUZZ_COUNT;
	a->verbose = false;
	if (s == NULL)
		return;
	b.verbose = false;
	if (parse_u64(&s, &b.seed) && *s++ == ',' && parse_u64(&s, &b.count) &&
	    (*s == '\0' || strcmp(s, ",verbose") == 0)) {
		b.verbose = *s != '\0';
		*a = b;
		return;
	}
	ktest_log(kt, "ipcfuzz=%s: not SEED,COUNT; using %#lx,%lu",
	    bootarg("ipcfuzz"), (unsigned long)a->seed, (unsigned long)a->count);
}

static task_t
fuzz_spawn(struct ktest_ctx *kt, const struct fuzz_args *a, uint64_t seed,
    uint64_t count, bool linked)
{
	char sseed[24], scount[24], shub[24], speer[24];
	const char *argv[7] = { FUZZ_PATH, sseed, scount };
	int n = 3;

	snprintf(sseed, sizeof(sseed), "%lu", (unsigned long)seed);
	snprintf(scount, sizeof(scount), "%lu", (unsigned long)count);
	snprintf(shub, sizeof(shub), "hub=%#x", FUZZ_HUB);
	snprintf(speer, sizeof(speer), "peer=%#x", FUZZ_PEER);
	if (linked) {
		argv[n++] = shub;
		argv[n++] = speer;
	}
	if (a->verbose)
		argv[n++] = "verbose";
	argv[n] = NULL;
	return kt_spawn_argv(kt, FUZZ_PATH, argv);
}

/*
 * a ring: task i gets the receive right of a new port as FUZZ_HUB, and
 * task i - 1 a send right to it as FUZZ_PEER (each waits for both)
 */
static bool
fuzz_link(struct ktest_ctx *kt, task_t *t, int n)
{
	ipc_space_t tmp;
	bool ok = true;

	if (ipc_space_create(NULL, &tmp) != KERN_SUCCESS)
		return false;
	for (int i = 0; i < n && ok; i++) {
		ipc_space_t prev = t[(i + n - 1) % n]->itk_space;
		mach_port_name_t p;
		kern_return_t k1, k2 = KERN_FAILURE, k3 = KERN_FAILURE;

		k1 = mach_port_allocate(tmp, MACH_PORT_RIGHT_RECEIVE, &p);
		if (k1 == KERN_SUCCESS)
			k2 = mach_port_insert_right(prev, FUZZ_PEER, tmp, p,
			    MACH_MSG_TYPE_MAKE_SEND);
		if (k2 == KERN_SUCCESS)
			k3 = mach_port_insert_right(t[i]->itk_space, FUZZ_HUB, tmp, p,
			    MACH_MSG_TYPE_MOVE_RECEIVE);
		if (k3 != KERN_SUCCESS) {
			ktest_log(kt, "link %d: allocate %#x, send %#x, receive %#x",
			    i, k1, k2, k3);
			ok = false;
		}
	}
	ipc_space_terminate(tmp);
	ipc_space_release(tmp);
	return ok;
}

/*
 * the highest task id alive now: tasks above it later are the fuzzers'
 * and their children (task_create), which outlive a fuzzer terminated
 * midway, or one that lost a child's name to another of its calls (a
 * Mach task ends only when terminated or when its last thread does)
 */
static uint64_t
fuzz_last_task_id(void)
{
	task_t list[64];
	uint32_t n = tasks_snapshot(list, 64);
	uint64_t id = 0;

	for (uint32_t i = 0; i < n && i < 64; i++) {
		if (list[i]->task_id > id)
			id = list[i]->task_id;
		task_deallocate(list[i]);
	}
	return id;
}

/*
 * end every task above after (the fuzzers have ended), 64 at a time
 * until none is left: how many there were
 */
static uint32_t
fuzz_end_children(struct ktest_ctx *kt, uint64_t after)
{
	task_t list[64];
	uint32_t n, ended = 0, round;

	do {
		round = 0;
		n = tasks_snapshot(list, 64);	/* (once: MIN would call it twice) */
		n = MIN(n, 64u);
		for (uint32_t i = 0; i < n; i++) {
			if (list[i]->task_id > after) {
				task_terminate(list[i]);
				task_wait_empty(list[i]);
				round++;
			}
			task_deallocate(list[i]);
		}
		ended += round;
	} while (round != 0);
	if (ended != 0)
		ktest_log(kt, "%u child tasks of the fuzzers ended", ended);
	return ended;
}

/*
 * a clock_alarm a fuzzer set just before it ended (one terminated midway
 * cannot wait for its own, as an exiting one does) holds its reply and
 * port until it fires: within 2 ms and a few 10 ms ticks
 */
static void
fuzz_alarms_settle(void)
{
	thread_sleep_ns(100 * NSEC_PER_MSEC);
}

/* wait for t to end within limit ns; its status, or -1 (then terminated) */
static int
fuzz_wait(struct ktest_ctx *kt, task_t t, uint64_t limit)
{
	uint64_t end = nanotime() + limit;

	for (;;) {
		struct task_basic_info_rv info;

		task_info_basic(t, &info);
		if (info.thread_count == 0)
			return task_wait_exit(t);
		if (nanotime() > end)
			break;
		thread_sleep_ns(10 * NSEC_PER_MSEC);
	}
	ktest_log(kt, "%s[%lu] still running after %lu s: terminated", t->name,
	    (unsigned long)t->task_id, (unsigned long)(limit / NSEC_PER_SEC));
	task_terminate(t);
	task_wait_exit(t);
	return -1;
}

static uint64_t
fuzz_limit(uint64_t count)
{
	return FUZZ_LIMIT_NS + count * FUZZ_LIMIT_PER_CALL_NS;
}

/* one fuzz task on its own: it exits 0, and nothing is left */
KTEST(ipc_fuzz, one_task_back_to_baseline)
{
	struct ipc_baseline base;
	struct vm_baseline vbase;
	struct fuzz_args a;
	uint64_t last;
	task_t t;

	if (!kt_have_initrd())
		KT_SKIP("no initrd (boot with -initrd build/user/initrd.cpio)");
	fuzz_args_get(kt, &a);
	last = fuzz_last_task_id();
	vm_baseline_take(&vbase);
	ipc_baseline_take(&base);
	KT_ASSERT_NOT_NULL(t = fuzz_spawn(kt, &a, a.seed, a.count, false));
	KT_EXPECT_EQ(fuzz_wait(kt, t, fuzz_limit(a.count)), 0);
	task_deallocate(t);
	/* children whose names the fuzzer lost (another call took them) */
	(void)fuzz_end_children(kt, last);
	fuzz_alarms_settle();
	KT_EXPECT(ipc_baseline_same(kt, &base));
	KT_EXPECT(vm_baseline_same(kt, &vbase));
}

/*
 * three fuzz tasks sending rights to each other around a ring; the third
 * is terminated midway, with messages queued to its ports and its
 * threads blocked in mach_msg.  The other two exit 0, and nothing is left.
 */
KTEST(ipc_fuzz, tasks_one_terminated_back_to_baseline)
{
	struct ipc_baseline base;
	struct vm_baseline vbase;
	struct fuzz_args a;
	task_t t[FUZZ_TASKS] = { NULL };
	int n = 0;
	uint64_t last;
	bool linked;

	if (!kt_have_initrd())
		KT_SKIP("no initrd (boot with -initrd build/user/initrd.cpio)");
	fuzz_args_get(kt, &a);
	last = fuzz_last_task_id();
	vm_baseline_take(&vbase);
	ipc_baseline_take(&base);
	for (; n < FUZZ_TASKS; n++) {
		uint64_t count = n == FUZZ_TASKS - 1 ?
		    a.count * FUZZ_VICTIM_FACTOR : a.count;

		t[n] = fuzz_spawn(kt, &a, a.seed + (uint64_t)n, count, true);
		if (t[n] == NULL)
			break;
	}
	linked = n == FUZZ_TASKS && fuzz_link(kt, t, n);
	KT_EXPECT(linked);
	if (linked) {
		thread_sleep_ns(FUZZ_KILL_AFTER_NS);
		KT_EXPECT_EQ(task_terminate(t[n - 1]), KERN_SUCCESS);
	}
	for (int i = 0; i < n; i++) {
		int status = fuzz_wait(kt, t[i], linked ? fuzz_limit(a.count) :
		    NSEC_PER_SEC);

		if (linked && i < n - 1)
			KT_EXPECT_EQ(status, 0);
		task_deallocate(t[i]);
	}
	(void)fuzz_end_children(kt, last);
	fuzz_alarms_settle();
	KT_EXPECT(ipc_baseline_same(kt, &base));
	KT_EXPECT(vm_baseline_same(kt, &vbase));
}
