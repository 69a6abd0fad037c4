/*
 * test/ktest/thread.c - thread objects: creation, references, names,
 * priorities, binding, termination, the reaper, and bad arguments.
 *
 * Every thread a test starts is joined and deallocated before the test
 * returns, failed checks included: between a thread's creation and its join
 * only KT_EXPECT_* is used (a KT_ASSERT_* would return while the thread can
 * still write to the test's stack).
 */
#include <machine/pmap.h>
#include "kernel/cpu.h"
#include "kernel/ktest/ktest.h"
#include "test/ktest/sched_util.h"
#include "kernel/lib/string.h"
#include "kernel/sched/sched.h"
#include "kernel/sched/timer.h"
#include "kernel/vm/vm_page.h"
#include "kernel/vm/zone.h"

/* sanity bound on how long anything may take: only catches "never" */

/* --- helpers --- */

/* poll (sleeping) until threads_alive() is down to n */
static bool
wait_alive(uint64_t n)
{
	uint64_t end = nanotime() + LIMIT_NS;

	while (threads_alive() > n) {
		if (nanotime() > end)
			return false;
		thread_sleep_ns(NSEC_PER_MSEC);
	}
	return true;
}

static void
nop(void *arg __unused)
{
}

struct ran {
	volatile uint32_t count;
	thread_t volatile self;
	volatile int cpu;
};

static void
note_ran(void *arg)
{
	struct ran *r = arg;

	r->self = current_thread();
	r->cpu = (int)cpu_number();
	__atomic_fetch_add(&r->count, 1, __ATOMIC_RELEASE);
}

/* --- tests --- */

KTEST(thread, start_run_join)
{
	struct ran r = { 0 };
	thread_t t = THREAD_NULL;

	KT_ASSERT_EQ(kernel_thread_start(note_ran, &r, &t), KERN_SUCCESS);
	KT_ASSERT_NOT_NULL(t);
	KT_EXPECT_EQ(thread_join(t), KERN_SUCCESS);
	KT_EXPECT_EQ(r.count, 1);
	KT_EXPECT(r.self == t);
	KT_EXPECT(thread_state(t) & TH_TERMINATE);
	KT_EXPECT_EQ(thread_last_cpu(t), r.cpu);
	KT_EXPECT_GE(thread_switches(t), 1);
	KT_EXPECT_EQ(thread_priority(t), BASEPRI_DEFAULT);
	/* joining a thread that has already ended returns at once */
	KT_EXPECT_EQ(thread_join(t), KERN_SUCCESS);
	thread_deallocate(t);
}

/* out == NULL: the thread runs, nobody holds a reference, the reaper frees it */
KTEST(thread, start_without_reference)
{
	static struct ran r;
	uint64_t end = nanotime() + LIMIT_NS;

	memset(&r, 0, sizeof(r));
	KT_ASSERT_EQ(kernel_thread_start_priority(note_ran, &r, BASEPRI_DEFAULT,
	    NULL), KERN_SUCCESS);
	while (__atomic_load_n(&r.count, __ATOMIC_ACQUIRE) == 0 && nanotime() < end)
		thread_sleep_ns(POLL_NS);
	KT_EXPECT_EQ(r.count, 1);
}

KTEST(thread, current_thread_is_self)
{
	thread_t me = current_thread();

	KT_ASSERT_NOT_NULL(me);
	KT_EXPECT(thread_state(me) & TH_RUN);
	KT_EXPECT(!(thread_state(me) & (TH_WAIT | TH_TERMINATE | TH_IDLE)));
	KT_EXPECT_EQ(thread_last_cpu(me), (int)cpu_number());
	KT_EXPECT_GE(thread_priority(me), MINPRI);
	KT_EXPECT_LE(thread_priority(me), MAXPRI);
}

static void
exit_early(void *arg)
{
	volatile uint32_t *steps = arg;

	__atomic_store_n(steps, 1, __ATOMIC_RELEASE);
	thread_terminate_self();
}

KTEST(thread, terminate_self)
{
	volatile uint32_t steps = 0;
	thread_t t;

	KT_ASSERT_EQ(kernel_thread_start(exit_early, (void *)&steps, &t),
	    KERN_SUCCESS);
	KT_EXPECT_EQ(thread_join(t), KERN_SUCCESS);
	KT_EXPECT_EQ(steps, 1);
	KT_EXPECT(thread_state(t) & TH_TERMINATE);
	thread_deallocate(t);
}

struct parked {
	volatile uint32_t go;
	volatile uint32_t cpu_after;
};

/* wait for go, then sleep once (a scheduling point), then note the hart */
static void
parked_fn(void *arg)
{
	struct parked *p = arg;

	kt_flag_wait(&p->go);
	thread_sleep_ns(NSEC_PER_MSEC);
	p->cpu_after = cpu_number();
}

KTEST(thread, name_and_priority)
{
	struct parked p = { 0 };
	thread_t t;

	KT_ASSERT_EQ(kernel_thread_start_priority(parked_fn, &p, 12, &t),
	    KERN_SUCCESS);
	KT_EXPECT_EQ(thread_priority(t), 12);
	thread_set_name(t, "kt-named");
	KT_EXPECT(strcmp(thread_name(t), "kt-named") == 0);
	KT_EXPECT_EQ(thread_set_priority(t, MAXPRI), KERN_SUCCESS);
	KT_EXPECT_EQ(thread_priority(t), MAXPRI);
	KT_EXPECT_EQ(thread_set_priority(t, MINPRI), KERN_SUCCESS);
	KT_EXPECT_EQ(thread_priority(t), MINPRI);
	KT_EXPECT_EQ(thread_set_priority(t, 40), KERN_SUCCESS);
	kt_flag_set(&p.go);
	KT_EXPECT_EQ(thread_join(t), KERN_SUCCESS);
	KT_EXPECT_EQ(thread_priority(t), 40);
	thread_deallocate(t);
}

KTEST(thread, bad_arguments)
{
	thread_t me = current_thread();
	thread_t t = THREAD_NULL;
	int pri = thread_priority(me);

	KT_EXPECT_EQ(kernel_thread_start_priority(nop, NULL, -1, &t),
	    KERN_INVALID_ARGUMENT);
	KT_EXPECT_EQ(kernel_thread_start_priority(nop, NULL, MAXPRI + 1, &t),
	    KERN_INVALID_ARGUMENT);
	KT_EXPECT_EQ(kernel_thread_start_priority(NULL, NULL, BASEPRI_DEFAULT, &t),
	    KERN_INVALID_ARGUMENT);
	KT_EXPECT_EQ(kernel_thread_start(NULL, NULL, &t), KERN_INVALID_ARGUMENT);
	KT_EXPECT_EQ(thread_set_priority(me, -1), KERN_INVALID_ARGUMENT);
	KT_EXPECT_EQ(thread_set_priority(me, MAXPRI + 1), KERN_INVALID_ARGUMENT);
	KT_EXPECT_EQ(thread_priority(me), pri);
	KT_EXPECT_EQ(thread_bind(me, (int)ncpus), KERN_INVALID_ARGUMENT);
	KT_EXPECT_EQ(thread_bind(me, MAX_CPUS), KERN_INVALID_ARGUMENT);
	KT_EXPECT_EQ(thread_bind(me, MAX_CPUS + 7), KERN_INVALID_ARGUMENT);
	/* a hart the platform lists but that never came online */
	for (uint32_t i = 0; i < ncpus; i++) {
		if (!cpus[i].online)
			KT_EXPECT_EQ(thread_bind(me, (int)i), KERN_INVALID_ARGUMENT);
	}
	if (ncpus == 1)
		KT_EXPECT_EQ(thread_bind(me, 1), KERN_INVALID_ARGUMENT);
	KT_EXPECT_EQ(thread_join(me), KERN_INVALID_ARGUMENT);
	/* nothing above may have moved us */
	KT_EXPECT_EQ(thread_last_cpu(me), (int)cpu_number());
}

/* a joined thread we still hold a reference to: everything says TERMINATED */
KTEST(thread, terminated_thread)
{
	thread_t t;

	KT_ASSERT_EQ(kernel_thread_start(nop, NULL, &t), KERN_SUCCESS);
	KT_EXPECT_EQ(thread_join(t), KERN_SUCCESS);
	KT_EXPECT_EQ(thread_set_priority(t, 20), KERN_TERMINATED);
	KT_EXPECT_EQ(thread_bind(t, (int)cpu_number()), KERN_TERMINATED);
	KT_EXPECT_EQ(thread_bind(t, -1), KERN_TERMINATED);
	KT_EXPECT_EQ(thread_switch(t), KERN_TERMINATED);
	KT_EXPECT_EQ(thread_interrupt(t), KERN_TERMINATED);
	KT_EXPECT(thread_state(t) & TH_TERMINATE);
	KT_EXPECT(!(thread_state(t) & (TH_RUN | TH_WAIT)));
	/* let the reaper have run: the object must survive while referenced */
	thread_sleep_ns(2 * NSEC_PER_MSEC);
	KT_EXPECT(thread_state(t) & TH_TERMINATE);
	KT_EXPECT_EQ(thread_set_priority(t, 20), KERN_TERMINATED);
	thread_deallocate(t);
}

/* extra references keep the object; the last deallocate lets it go */
KTEST(thread, references)
{
	uint64_t base = threads_alive();
	thread_t t;

	KT_ASSERT_EQ(kernel_thread_start(nop, NULL, &t), KERN_SUCCESS);
	thread_reference(t);
	thread_reference(t);
	KT_EXPECT_EQ(thread_join(t), KERN_SUCCESS);
	thread_deallocate(t);
	thread_deallocate(t);
	KT_EXPECT(thread_state(t) & TH_TERMINATE);
	thread_deallocate(t);
	KT_EXPECT(wait_alive(base));
}

/* binding the current thread moves it before thread_bind returns */
KTEST(thread, bind_current_moves)
{
	thread_t me = current_thread();
	int home = (int)cpu_number();

	for (uint32_t i = 0; i < ncpus; i++) {
		if (!cpus[i].online)
			continue;
		KT_EXPECT_EQ(thread_bind(me, (int)i), KERN_SUCCESS);
		KT_EXPECT_EQ(cpu_number(), i);
		KT_EXPECT_EQ(thread_last_cpu(me), (int)i);
		/* stays there across a sleep and a yield */
		thread_sleep_ns(NSEC_PER_MSEC);
		thread_yield();
		KT_EXPECT_EQ(cpu_number(), i);
	}
	KT_EXPECT_EQ(thread_bind(me, home), KERN_SUCCESS);
	KT_EXPECT_EQ((int)cpu_number(), home);
	KT_EXPECT_EQ(thread_bind(me, -1), KERN_SUCCESS);
}

/* binding another (waiting) thread: it runs on that hart from its next wake-up */
KTEST(thread, bind_other_thread)
{
	struct parked p = { 0 };
	int target = kt_next_cpu((int)cpu_number());
	thread_t t;

	KT_ASSERT_EQ(kernel_thread_start(parked_fn, &p, &t), KERN_SUCCESS);
	KT_EXPECT(kt_wait_blocked(t));
	KT_EXPECT_EQ(thread_bind(t, target), KERN_SUCCESS);
	kt_flag_set(&p.go);
	KT_EXPECT_EQ(thread_join(t), KERN_SUCCESS);
	KT_EXPECT_EQ(p.cpu_after, (uint32_t)target);
	KT_EXPECT_EQ(thread_last_cpu(t), target);
	thread_deallocate(t);
}

/*
 * 1,000 threads created, run and terminated in batches of 100, each batch
 * joined and deallocated and the reaper waited for; afterwards the threads
 * alive and the free pages are back to the baseline.  One warm-up batch
 * comes first: stack-window page tables and zone slabs it allocates stay.
 */
#define BATCH		100
#define BATCHES		10

static volatile uint32_t batch_ran;
static thread_t batch[BATCH];

static void
batch_fn(void *arg __unused)
{
	__atomic_fetch_add(&batch_ran, 1, __ATOMIC_RELAXED);
}

static uint32_t
run_batch(void)
{
	uint32_t n;

	for (n = 0; n < BATCH; n++) {
		if (kernel_thread_start(batch_fn, NULL, &batch[n]) != KERN_SUCCESS)
			break;
	}
	for (uint32_t i = 0; i < n; i++) {
		thread_join(batch[i]);
		thread_deallocate(batch[i]);
	}
	return n;
}

struct zone_count {
	const char *name;
	uint64_t in_use;
};

static void
zone_count_fn(struct zone *z, void *arg)
{
	struct zone_count *zc = arg;
	struct zone_stats st;

	if (strcmp(zone_name(z), zc->name) == 0) {
		zone_get_stats(z, &st);
		zc->in_use = st.in_use;
	}
}

static uint64_t
zone_in_use(const char *name)
{
	struct zone_count zc = { .name = name, .in_use = 0 };

	zone_foreach(zone_count_fn, &zc);
	return zc.in_use;
}

/*
 * Once threads_alive() is back at the baseline, so is the thread zone:
 * the reaper used to count a thread dead before freeing it, and the next
 * batch then found the zone short and grew it by a page (free pages one
 * below the baseline, a boot in about seven of one configuration).
 */
KTEST(thread, create_1000_reaped)
{
	struct vm_page_stats before, after;
	uint64_t base = threads_alive(), zbase, pt;
	uint32_t started = 0;

	batch_ran = 0;
	KT_ASSERT_EQ(run_batch(), BATCH);
	KT_ASSERT(wait_alive(base));
	zbase = zone_in_use("threads");
	pt = pmap_kernel_pt_pages();
	vm_page_get_stats(&before);
	batch_ran = 0;
	for (int b = 0; b < BATCHES; b++) {
		started += run_batch();
		KT_ASSERT(wait_alive(base));
		KT_EXPECT_EQ(zone_in_use("threads"), zbase);
	}
	KT_EXPECT_EQ(started, BATCH * BATCHES);
	KT_EXPECT_EQ(batch_ran, BATCH * BATCHES);
	KT_EXPECT_LE(threads_alive(), base);
	vm_page_get_stats(&after);
	/* stack-window tables for a batch that overlapped more than the warm-up */
	pt = pmap_kernel_pt_pages() - pt;
	if (pt != 0)
		ktest_log(kt, "%lu new stack-window table pages", pt);
	KT_EXPECT_GE(after.free + pt, before.free);
}
