/*
 * test/ktest/semaphore.c - Mach semaphores (kernel/sync/semaphore.h):
 * creation and the zone, bad arguments, counting, wake order, signal_all
 * and signal_thread, timeouts and polls, destroy, interruption, the
 * wait-then-signal step, a cross-hart stress and the races of a deadline
 * or an interrupt against a signal.
 *
 * Helper threads wait with a deadline (LIMIT_NS or more) or on a
 * semaphore the test destroys before joining, so a lost wake-up fails a
 * test instead of hanging the boot.  Every thread a test starts is joined
 * and deallocated before it returns: between creation and join only
 * KT_EXPECT_* is used.
 */
#include "kernel/cpu.h"
#include "kernel/ktest/ktest.h"
#include "kernel/lib/string.h"
#include "kernel/sched/sched.h"
#include "kernel/sched/timer.h"
#include "kernel/sync/semaphore.h"
#include "kernel/vm/vm_page.h"
#include "kernel/vm/zone.h"
#include "test/ktest/sched_util.h"

#define SLACK_NS	NSEC_PER_SEC

/* --- helpers --- */

static const mach_timespec_t poll_ts = { 0, 0 };
static const mach_timespec_t limit_ts = { (unsigned)(LIMIT_NS / NSEC_PER_SEC), 0 };

static mach_timespec_t
ts_ns(uint64_t ns)
{
	return (mach_timespec_t){ (unsigned)(ns / NSEC_PER_SEC),
	    (clock_res_t)(ns % NSEC_PER_SEC) };
}

struct zone_find {
	const char *name;
	struct zone_stats st;
};

static void
zone_find_fn(struct zone *z, void *arg)
{
	struct zone_find *f = arg;

	if (strcmp(zone_name(z), f->name) == 0)
		zone_get_stats(z, &f->st);
}

/* the "semaphores" zone's counters */
static struct zone_stats
sema_zone(void)
{
	struct zone_find f = { .name = "semaphores" };

	zone_foreach(zone_find_fn, &f);
	return f.st;
}

/* the count and the queue length, read under the lock */
static int
sem_count(semaphore_t s)
{
	int c;

	spin_lock(&s->lock);
	c = s->count;
	spin_unlock(&s->lock);
	return c;
}

static uint32_t
sem_waiters(semaphore_t s)
{
	return __atomic_load_n(&s->nwaiters, __ATOMIC_RELAXED);
}

/* poll (sleeping) until n threads wait on s */
static bool
sem_wait_waiters(semaphore_t s, uint32_t n)
{
	uint64_t end = nanotime() + LIMIT_NS;

	while (sem_waiters(s) != n) {
		if (nanotime() > end)
			return false;
		thread_sleep_ns(POLL_NS);
	}
	return true;
}

static semaphore_t
sem_new(int policy, int value)
{
	semaphore_t s = SEMAPHORE_NULL;

	if (semaphore_create_internal(policy, value, &s) != KERN_SUCCESS)
		return SEMAPHORE_NULL;
	return s;
}

/* a helper thread that makes one semaphore call and records how it ended */
enum sw_op { SW_WAIT, SW_TIMEDWAIT, SW_WAIT_SIGNAL, SW_TIMEDWAIT_SIGNAL };

struct sw {
	semaphore_t	s, sig;
	enum sw_op	op;
	mach_timespec_t	ts;
	volatile kern_return_t kr;
	volatile uint32_t order;	/* 1 + how many returned before it */
	volatile uint64_t start, end;
};

static volatile uint32_t sw_returned;

static void
sw_fn(void *arg)
{
	struct sw *w = arg;
	kern_return_t kr;

	w->start = nanotime();
	switch (w->op) {
	case SW_WAIT:
		kr = semaphore_wait(w->s);
		break;
	case SW_TIMEDWAIT:
		kr = semaphore_timedwait(w->s, w->ts);
		break;
	case SW_WAIT_SIGNAL:
		kr = semaphore_wait_signal(w->s, w->sig);
		break;
	default:
		kr = semaphore_timedwait_signal(w->s, w->sig, w->ts);
		break;
	}
	w->end = nanotime();
	w->kr = kr;
	__atomic_store_n(&w->order, __atomic_add_fetch(&sw_returned, 1,
	    __ATOMIC_ACQ_REL), __ATOMIC_RELEASE);
}

/* start w on a thread and wait until it is the n-th waiter on w->s */
static bool
sw_start(struct sw *w, thread_t *t, uint32_t n)
{
	w->kr = -5;
	w->order = 0;
	if (kernel_thread_start(sw_fn, w, t) != KERN_SUCCESS)
		return false;
	return sem_wait_waiters(w->s, n) && kt_wait_blocked(*t);
}

/* --- creation, references, the zone --- */

/* every operation on a destroyed semaphore returns KERN_TERMINATED */
static void
expect_terminated(struct ktest_ctx *kt, semaphore_t s)
{
	semaphore_t live = sem_new(SYNC_POLICY_FIFO, 1);

	KT_EXPECT_EQ(semaphore_signal(s), KERN_TERMINATED);
	KT_EXPECT_EQ(semaphore_signal_all(s), KERN_TERMINATED);
	KT_EXPECT_EQ(semaphore_signal_thread(s, THREAD_NULL), KERN_TERMINATED);
	KT_EXPECT_EQ(semaphore_signal_thread(s, current_thread()),
	    KERN_TERMINATED);
	KT_EXPECT_EQ(semaphore_wait(s), KERN_TERMINATED);
	KT_EXPECT_EQ(semaphore_timedwait(s, poll_ts), KERN_TERMINATED);
	KT_EXPECT_EQ(semaphore_timedwait(s, limit_ts), KERN_TERMINATED);
	KT_EXPECT_EQ(semaphore_wait_signal(s, SEMAPHORE_NULL), KERN_TERMINATED);
	KT_EXPECT_EQ(semaphore_destroy(s), KERN_TERMINATED);
	KT_EXPECT_EQ(sem_count(s), 0);
	if (live == SEMAPHORE_NULL) {
		KT_EXPECT(live != SEMAPHORE_NULL);
		return;
	}
	/* a dead wait semaphore: the signal still goes out (XNU) */
	KT_EXPECT_EQ(semaphore_wait_signal(s, live), KERN_TERMINATED);
	KT_EXPECT_EQ(sem_count(live), 2);
	/* a dead signal semaphore after a wait that did not sleep: its result */
	KT_EXPECT_EQ(semaphore_wait_signal(live, s), KERN_SUCCESS);
	KT_EXPECT_EQ(semaphore_timedwait_signal(live, s, poll_ts), KERN_SUCCESS);
	KT_EXPECT_EQ(semaphore_timedwait_signal(live, s, poll_ts),
	    KERN_OPERATION_TIMED_OUT);
	semaphore_deallocate(live);
}

KTEST(semaphore, create_destroy_back_to_baseline)
{
	uint64_t base;
	semaphore_t s;

	semaphore_deallocate(sem_new(SYNC_POLICY_FIFO, 0));	/* the zone grows once */
	base = sema_zone().in_use;
	for (int i = 0; i < 200; i++) {
		KT_ASSERT_EQ(semaphore_create_internal(i % 4, i, &s), KERN_SUCCESS);
		KT_EXPECT_EQ(sem_count(s), i);
		KT_EXPECT_EQ(s->policy, i % 4);
		KT_EXPECT(s->active);
		KT_EXPECT_EQ(sem_waiters(s), 0);
		KT_EXPECT_EQ(s->refs, 1);
		KT_EXPECT(s->port == NULL);
		KT_EXPECT_EQ(sema_zone().in_use, base + 1);
		if (i % 2 == 0) {
			/* destroyed, the object stays while referenced */
			semaphore_reference(s);
			KT_EXPECT_EQ(semaphore_destroy(s), KERN_SUCCESS);
			KT_EXPECT(!s->active);
			semaphore_deallocate(s);
			KT_EXPECT_EQ(sema_zone().in_use, base + 1);
			if (i < 8)
				expect_terminated(kt, s);
		}
		/* the last reference frees it, destroyed or not */
		semaphore_deallocate(s);
		KT_EXPECT_EQ(sema_zone().in_use, base);
	}
	semaphore_reference(SEMAPHORE_NULL);
	semaphore_deallocate(SEMAPHORE_NULL);
	KT_EXPECT_EQ(sema_zone().in_use, base);
}

KTEST(semaphore, bad_arguments)
{
	static const int bad_policies[] = { 4, 5, 8, 0x10, -1, 0x7fffffff };
	semaphore_t s = (semaphore_t)0x1234, ok;
	mach_timespec_t ts;
	uint64_t base = sema_zone().in_use, failed = sema_zone().failed;

	KT_EXPECT_EQ(semaphore_create_internal(SYNC_POLICY_FIFO, -1, &s),
	    KERN_INVALID_ARGUMENT);
	KT_EXPECT(s == SEMAPHORE_NULL);
	for (unsigned i = 0; i < ARRAY_SIZE(bad_policies); i++) {
		s = (semaphore_t)0x1234;
		KT_EXPECT_EQ(semaphore_create_internal(bad_policies[i], 0, &s),
		    KERN_INVALID_ARGUMENT);
		KT_EXPECT(s == SEMAPHORE_NULL);
	}
	KT_EXPECT_EQ(semaphore_create_internal(SYNC_POLICY_FIFO, 0, NULL),
	    KERN_INVALID_ARGUMENT);
	KT_EXPECT_EQ(sema_zone().in_use, base);
	KT_EXPECT_EQ(sema_zone().failed, failed);
	/* XNU's accepted policies, FIXED_PRIORITY | REVERSED included */
	for (int p = 0; p <= SYNC_POLICY_ORDER_MASK; p++) {
		KT_EXPECT_EQ(semaphore_create_internal(p, 0, &s), KERN_SUCCESS);
		semaphore_deallocate(s);
	}

	KT_EXPECT_EQ(semaphore_destroy(SEMAPHORE_NULL), KERN_INVALID_ARGUMENT);
	KT_EXPECT_EQ(semaphore_signal(SEMAPHORE_NULL), KERN_INVALID_ARGUMENT);
	KT_EXPECT_EQ(semaphore_signal_all(SEMAPHORE_NULL), KERN_INVALID_ARGUMENT);
	KT_EXPECT_EQ(semaphore_signal_thread(SEMAPHORE_NULL, THREAD_NULL),
	    KERN_INVALID_ARGUMENT);
	KT_EXPECT_EQ(semaphore_wait(SEMAPHORE_NULL), KERN_INVALID_ARGUMENT);
	KT_EXPECT_EQ(semaphore_timedwait(SEMAPHORE_NULL, poll_ts),
	    KERN_INVALID_ARGUMENT);

	KT_ASSERT_NOT_NULL(ok = sem_new(SYNC_POLICY_FIFO, 1));
	KT_EXPECT_EQ(semaphore_wait_signal(SEMAPHORE_NULL, ok),
	    KERN_INVALID_ARGUMENT);
	KT_EXPECT_EQ(semaphore_timedwait_signal(SEMAPHORE_NULL, ok, poll_ts),
	    KERN_INVALID_ARGUMENT);
	/* a bad timeout: refused before anything is taken or signalled */
	ts = (mach_timespec_t){ 0, (clock_res_t)NSEC_PER_SEC };
	KT_EXPECT_EQ(semaphore_timedwait(ok, ts), KERN_INVALID_VALUE);
	KT_EXPECT_EQ(semaphore_timedwait_signal(ok, ok, ts), KERN_INVALID_VALUE);
	ts = (mach_timespec_t){ 1, -1 };
	KT_EXPECT_EQ(semaphore_timedwait(ok, ts), KERN_INVALID_VALUE);
	KT_EXPECT_EQ(semaphore_timedwait_signal(ok, ok, ts), KERN_INVALID_VALUE);
	KT_EXPECT_EQ(sem_count(ok), 1);
	/* the largest valid nanoseconds, with a unit there: taken at once */
	ts = (mach_timespec_t){ 0, (clock_res_t)(NSEC_PER_SEC - 1) };
	KT_EXPECT_EQ(semaphore_timedwait(ok, ts), KERN_SUCCESS);
	KT_EXPECT_EQ(sem_count(ok), 0);
	semaphore_deallocate(ok);
	KT_EXPECT_EQ(sema_zone().in_use, base);
}

/* a full zone is KERN_RESOURCE_SHORTAGE, not a panic; nothing leaks */
#define PTRS_PER_PAGE	(PAGE_SIZE / sizeof(semaphore_t))
#define EXHAUST_PAGES	((SEMAPHORE_MAX + PTRS_PER_PAGE - 1) / PTRS_PER_PAGE + 1)

KTEST(semaphore, zone_exhaustion_is_resource_shortage)
{
	semaphore_t *pages[EXHAUST_PAGES] = { 0 };
	struct zone_stats st0 = sema_zone(), st;
	uint64_t made = 0;
	kern_return_t kr = KERN_SUCCESS;
	semaphore_t s;

	KT_ASSERT_EQ(st0.max_elems, SEMAPHORE_MAX);
	while (made <= SEMAPHORE_MAX) {
		semaphore_t **slot = &pages[made / PTRS_PER_PAGE];

		if (*slot == NULL && (*slot = kpage_alloc()) == NULL)
			break;
		s = (semaphore_t)0x1234;
		kr = semaphore_create_internal(SYNC_POLICY_FIFO, 0, &s);
		if (kr != KERN_SUCCESS) {
			KT_EXPECT(s == SEMAPHORE_NULL);
			break;
		}
		(*slot)[made % PTRS_PER_PAGE] = s;
		made++;
	}
	st = sema_zone();
	KT_EXPECT_EQ(kr, KERN_RESOURCE_SHORTAGE);
	KT_EXPECT_EQ(made, SEMAPHORE_MAX - st0.in_use);
	KT_EXPECT_EQ(st.in_use, SEMAPHORE_MAX);
	KT_EXPECT_EQ(st.failed, st0.failed + 1);
	for (uint64_t i = 0; i < made; i++)
		semaphore_deallocate(pages[i / PTRS_PER_PAGE][i % PTRS_PER_PAGE]);
	for (unsigned i = 0; i < EXHAUST_PAGES; i++)
		if (pages[i] != NULL)
			kpage_free(pages[i]);
	KT_EXPECT_EQ(sema_zone().in_use, st0.in_use);
	/* and creation works again */
	KT_EXPECT_EQ(semaphore_create_internal(SYNC_POLICY_FIFO, 0, &s),
	    KERN_SUCCESS);
	semaphore_deallocate(s);
}

/* --- counting --- */

KTEST(semaphore, signal_before_wait_counts)
{
	semaphore_t s;

	KT_ASSERT_NOT_NULL(s = sem_new(SYNC_POLICY_FIFO, 0));
	for (int i = 0; i < 3; i++)
		KT_EXPECT_EQ(semaphore_signal(s), KERN_SUCCESS);
	KT_EXPECT_EQ(sem_count(s), 3);
	/* nobody waits: signal_all and signal_thread change nothing */
	KT_EXPECT_EQ(semaphore_signal_all(s), KERN_SUCCESS);
	KT_EXPECT_EQ(semaphore_signal_thread(s, THREAD_NULL), KERN_NOT_WAITING);
	KT_EXPECT_EQ(semaphore_signal_thread(s, current_thread()),
	    KERN_NOT_WAITING);
	KT_EXPECT_EQ(sem_count(s), 3);
	/* three units: three waits that do not block, then a poll that fails */
	KT_EXPECT_EQ(semaphore_wait(s), KERN_SUCCESS);
	KT_EXPECT_EQ(semaphore_timedwait(s, poll_ts), KERN_SUCCESS);
	KT_EXPECT_EQ(semaphore_timedwait(s, limit_ts), KERN_SUCCESS);
	KT_EXPECT_EQ(semaphore_timedwait(s, poll_ts), KERN_OPERATION_TIMED_OUT);
	KT_EXPECT_EQ(sem_count(s), 0);
	KT_EXPECT_EQ(semaphore_signal_all(s), KERN_SUCCESS);
	KT_EXPECT_EQ(sem_count(s), 0);
	KT_EXPECT_EQ(sem_waiters(s), 0);
	semaphore_deallocate(s);

	/* an initial value is units to take */
	KT_ASSERT_NOT_NULL(s = sem_new(SYNC_POLICY_LIFO, 2));
	KT_EXPECT_EQ(semaphore_timedwait(s, poll_ts), KERN_SUCCESS);
	KT_EXPECT_EQ(semaphore_wait(s), KERN_SUCCESS);
	KT_EXPECT_EQ(semaphore_timedwait(s, poll_ts), KERN_OPERATION_TIMED_OUT);
	semaphore_deallocate(s);

	/* the count is an int: the signal past INT_MAX is refused */
	KT_ASSERT_NOT_NULL(s = sem_new(SYNC_POLICY_FIFO, 0x7fffffff));
	KT_EXPECT_EQ(semaphore_signal(s), KERN_RESOURCE_SHORTAGE);
	KT_EXPECT_EQ(sem_count(s), 0x7fffffff);
	KT_EXPECT_EQ(semaphore_timedwait(s, poll_ts), KERN_SUCCESS);
	KT_EXPECT_EQ(semaphore_signal(s), KERN_SUCCESS);
	semaphore_deallocate(s);
}

/* --- wake order, signal_all, signal_thread --- */

#define ORDER_N		4

/*
 * ORDER_N waiters queue one after the other; each signal wakes the one
 * the policy puts first, and only that one.
 */
static void
order_case(struct ktest_ctx *kt, int policy, bool reversed)
{
	static struct sw w[ORDER_N];
	thread_t t[ORDER_N] = { 0 };
	semaphore_t s;

	KT_ASSERT_NOT_NULL(s = sem_new(policy, 0));
	for (int i = 0; i < ORDER_N; i++) {
		w[i] = (struct sw){ .s = s, .op = SW_TIMEDWAIT, .ts = limit_ts };
		KT_EXPECT(sw_start(&w[i], &t[i], (uint32_t)i + 1));
	}
	for (int k = 0; k < ORDER_N; k++) {
		int i = reversed ? ORDER_N - 1 - k : k;

		KT_EXPECT_EQ(semaphore_signal(s), KERN_SUCCESS);
		kt_join(&t[i]);
		KT_EXPECT_EQ(w[i].kr, KERN_SUCCESS);
		KT_EXPECT_EQ(sem_waiters(s), (uint32_t)(ORDER_N - 1 - k));
		for (int j = 0; j < ORDER_N; j++)
			if (t[j] != THREAD_NULL)
				KT_EXPECT_EQ(w[j].order, 0);
	}
	semaphore_destroy(s);
	for (int i = 0; i < ORDER_N; i++)
		kt_join(&t[i]);
	KT_EXPECT_EQ(sem_count(s), 0);
	semaphore_deallocate(s);
}

KTEST(semaphore, fifo_order)
{
	order_case(kt, SYNC_POLICY_FIFO, false);
}

/* XNU accepts FIXED_PRIORITY but wakes in FIFO order; so does rvmach */
KTEST(semaphore, fixed_priority_is_fifo)
{
	order_case(kt, SYNC_POLICY_FIXED_PRIORITY, false);
}

KTEST(semaphore, lifo_order)
{
	order_case(kt, SYNC_POLICY_LIFO, true);
}

KTEST(semaphore, signal_all_wakes_every_waiter)
{
	static struct sw w[ORDER_N];
	thread_t t[ORDER_N] = { 0 };
	semaphore_t s;

	KT_ASSERT_NOT_NULL(s = sem_new(SYNC_POLICY_FIFO, 0));
	for (int i = 0; i < ORDER_N; i++) {
		w[i] = (struct sw){ .s = s, .op = i % 2 ? SW_WAIT : SW_TIMEDWAIT,
		    .ts = limit_ts };
		KT_EXPECT(sw_start(&w[i], &t[i], (uint32_t)i + 1));
	}
	KT_EXPECT_EQ(semaphore_signal_all(s), KERN_SUCCESS);
	KT_EXPECT_EQ(sem_waiters(s), 0);
	semaphore_destroy(s);		/* rescues any that were not woken */
	for (int i = 0; i < ORDER_N; i++) {
		kt_join(&t[i]);
		KT_EXPECT_EQ(w[i].kr, KERN_SUCCESS);
	}
	/* the count did not go up */
	KT_EXPECT_EQ(sem_count(s), 0);
	semaphore_deallocate(s);
}

KTEST(semaphore, signal_thread_wakes_that_thread)
{
	static struct sw w[2];
	thread_t t[2] = { 0 }, b;
	semaphore_t s;

	KT_ASSERT_NOT_NULL(s = sem_new(SYNC_POLICY_FIFO, 0));
	for (int i = 0; i < 2; i++) {
		w[i] = (struct sw){ .s = s, .op = SW_TIMEDWAIT, .ts = limit_ts };
		KT_EXPECT(sw_start(&w[i], &t[i], (uint32_t)i + 1));
	}
	b = t[1];
	thread_reference(b);
	/* the second waiter, not the first */
	KT_EXPECT_EQ(semaphore_signal_thread(s, b), KERN_SUCCESS);
	kt_join(&t[1]);
	KT_EXPECT_EQ(w[1].kr, KERN_SUCCESS);
	KT_EXPECT_EQ(w[0].order, 0);
	KT_EXPECT_EQ(sem_waiters(s), 1);
	/* threads that do not wait on s */
	KT_EXPECT_EQ(semaphore_signal_thread(s, b), KERN_NOT_WAITING);
	KT_EXPECT_EQ(semaphore_signal_thread(s, current_thread()),
	    KERN_NOT_WAITING);
	thread_deallocate(b);
	/* THREAD_NULL: whoever waits */
	KT_EXPECT_EQ(semaphore_signal_thread(s, THREAD_NULL), KERN_SUCCESS);
	kt_join(&t[0]);
	KT_EXPECT_EQ(w[0].kr, KERN_SUCCESS);
	KT_EXPECT_EQ(semaphore_signal_thread(s, THREAD_NULL), KERN_NOT_WAITING);
	KT_EXPECT_EQ(sem_count(s), 0);
	KT_EXPECT_EQ(sem_waiters(s), 0);
	semaphore_destroy(s);
	semaphore_deallocate(s);
}

/* --- timeouts, polls --- */

KTEST(semaphore, timedwait_times_out)
{
	struct semaphore_stats st0, st;
	uint64_t deadline;
	semaphore_t s;

	KT_ASSERT_NOT_NULL(s = sem_new(SYNC_POLICY_FIFO, 0));
	semaphore_get_stats(&st0);
	deadline = nanotime() + 5 * NSEC_PER_MSEC;
	KT_EXPECT_EQ(semaphore_timedwait(s, ts_ns(5 * NSEC_PER_MSEC)),
	    KERN_OPERATION_TIMED_OUT);
	KT_EXPECT_GE(nanotime(), deadline);
	KT_EXPECT_LE(nanotime() - deadline, SLACK_NS);
	semaphore_get_stats(&st);
	KT_EXPECT_EQ(st.timeouts, st0.timeouts + 1);
	KT_EXPECT_EQ(sem_count(s), 0);
	KT_EXPECT_EQ(sem_waiters(s), 0);
	/* the timed-out wait left no debt: one signal, one unit */
	KT_EXPECT_EQ(semaphore_signal(s), KERN_SUCCESS);
	KT_EXPECT_EQ(sem_count(s), 1);
	KT_EXPECT_EQ(semaphore_timedwait(s, ts_ns(NSEC_PER_MSEC)), KERN_SUCCESS);
	/* a deadline as good as past: over at once */
	KT_EXPECT_EQ(semaphore_timedwait(s, ts_ns(1)), KERN_OPERATION_TIMED_OUT);
	KT_EXPECT_EQ(sem_waiters(s), 0);
	/* seconds count too: with a unit there it returns at once */
	semaphore_signal(s);
	KT_EXPECT_EQ(semaphore_timedwait(s, (mach_timespec_t){ 30, 0 }),
	    KERN_SUCCESS);
	semaphore_deallocate(s);
}

KTEST(semaphore, zero_timeout_polls)
{
	struct semaphore_stats st0, st;
	thread_t me = current_thread();
	uint64_t t0, sw0;
	semaphore_t s;

	KT_ASSERT_NOT_NULL(s = sem_new(SYNC_POLICY_FIFO, 0));
	semaphore_get_stats(&st0);
	t0 = nanotime();
	sw0 = thread_switches(me);
	for (int i = 0; i < 100; i++)
		KT_EXPECT_EQ(semaphore_timedwait(s, poll_ts),
		    KERN_OPERATION_TIMED_OUT);
	/* never queued, never slept (the tick may preempt us, rarely) */
	semaphore_get_stats(&st);
	KT_EXPECT_EQ(st.timeouts, st0.timeouts);
	KT_EXPECT_LE(thread_switches(me) - sw0, 2);
	KT_EXPECT_LE(nanotime() - t0, SLACK_NS);
	KT_EXPECT_EQ(sem_waiters(s), 0);
	semaphore_signal(s);
	KT_EXPECT_EQ(semaphore_timedwait(s, poll_ts), KERN_SUCCESS);
	KT_EXPECT_EQ(sem_count(s), 0);
	semaphore_deallocate(s);
}

/* --- destroy, interrupt --- */

#define DESTROY_N	6

KTEST(semaphore, destroy_wakes_every_waiter)
{
	static struct sw w[DESTROY_N];
	thread_t t[DESTROY_N] = { 0 };
	semaphore_t s, other;
	mach_timespec_t long_ts = { 30, 0 };

	KT_ASSERT_NOT_NULL(s = sem_new(SYNC_POLICY_FIFO, 0));
	KT_ASSERT_NOT_NULL(other = sem_new(SYNC_POLICY_FIFO, 0));
	for (int i = 0; i < DESTROY_N; i++) {
		w[i] = (struct sw){ .s = s, .sig = other, .op = (enum sw_op)(i % 4),
		    .ts = long_ts };
		KT_EXPECT(sw_start(&w[i], &t[i], (uint32_t)i + 1));
	}
	KT_EXPECT_EQ(semaphore_destroy(s), KERN_SUCCESS);
	KT_EXPECT_EQ(sem_waiters(s), 0);
	for (int i = 0; i < DESTROY_N; i++) {
		kt_join(&t[i]);
		KT_EXPECT_EQ(w[i].kr, KERN_TERMINATED);
		KT_EXPECT_LE(w[i].end - w[i].start, SLACK_NS + LIMIT_NS);
	}
	/* the wait_signal callers signalled other before they slept */
	KT_EXPECT_EQ(sem_count(other), 2);
	expect_terminated(kt, s);
	semaphore_deallocate(s);
	semaphore_deallocate(other);
}

KTEST(semaphore, interrupt_aborts_wait)
{
	static struct sw w[2];
	struct semaphore_stats st0, st;
	thread_t t[2] = { 0 };
	semaphore_t s;

	KT_ASSERT_NOT_NULL(s = sem_new(SYNC_POLICY_FIFO, 0));
	semaphore_get_stats(&st0);
	w[0] = (struct sw){ .s = s, .op = SW_WAIT };
	w[1] = (struct sw){ .s = s, .op = SW_TIMEDWAIT, .ts = limit_ts };
	for (int i = 0; i < 2; i++) {
		KT_EXPECT(sw_start(&w[i], &t[i], 1));
		KT_EXPECT_EQ(thread_interrupt(t[i]), KERN_SUCCESS);
		kt_join(&t[i]);
		KT_EXPECT_EQ(w[i].kr, KERN_ABORTED);
		KT_EXPECT_EQ(sem_waiters(s), 0);
	}
	semaphore_get_stats(&st);
	KT_EXPECT_EQ(st.aborts, st0.aborts + 2);
	/* nothing was taken: the next signal is counted */
	KT_EXPECT_EQ(sem_count(s), 0);
	semaphore_signal(s);
	KT_EXPECT_EQ(sem_count(s), 1);
	semaphore_destroy(s);
	semaphore_deallocate(s);
}

/*
 * a thread asked to stop for good (AST_ABORT, then thread_interrupt)
 * before its wait began: thread_interrupt found no wait to end, so the
 * wait must see the AST itself and end at once with KERN_ABORTED.  It
 * slept instead, and a task being terminated waited forever for its
 * thread asleep in semaphore_wait (usema's child_gone_our_semaphores_live
 * at -smp 8).  The waits here have a deadline: the bug fails the test.
 */
KTEST(semaphore, abort_asked_before_the_wait_ends_it)
{
	struct semaphore_stats st0, st;
	semaphore_t s, other;
	kern_return_t kr1, kr2;
	uint64_t t0;

	KT_ASSERT_NOT_NULL(s = sem_new(SYNC_POLICY_FIFO, 0));
	KT_ASSERT_NOT_NULL(other = sem_new(SYNC_POLICY_FIFO, 0));
	semaphore_get_stats(&st0);
	t0 = nanotime();
	thread_ast_set(current_thread(), AST_ABORT);
	kr1 = semaphore_timedwait(s, limit_ts);
	kr2 = semaphore_timedwait_signal(s, other, limit_ts);
	(void)thread_ast_take(current_thread());
	KT_EXPECT_EQ(kr1, KERN_ABORTED);
	KT_EXPECT_EQ(kr2, KERN_ABORTED);
	KT_EXPECT_LE(nanotime() - t0, LIMIT_NS);
	semaphore_get_stats(&st);
	KT_EXPECT_EQ(st.aborts, st0.aborts + 2);
	KT_EXPECT_EQ(sem_waiters(s), 0);
	KT_EXPECT_EQ(sem_count(s), 0);
	/* the signal half ran before the wait: its unit is there */
	KT_EXPECT_EQ(sem_count(other), 1);
	semaphore_destroy(s);
	semaphore_destroy(other);
	semaphore_deallocate(s);
	semaphore_deallocate(other);
}

/* --- wait_signal --- */

KTEST(semaphore, wait_signal_edges)
{
	static struct sw w;
	thread_t t = THREAD_NULL;
	semaphore_t ws, ss, dead;
	uint64_t t0;

	KT_ASSERT_NOT_NULL(ws = sem_new(SYNC_POLICY_FIFO, 1));
	KT_ASSERT_NOT_NULL(ss = sem_new(SYNC_POLICY_FIFO, 0));
	KT_ASSERT_NOT_NULL(dead = sem_new(SYNC_POLICY_FIFO, 0));
	semaphore_destroy(dead);
	/* a unit on ws: no sleep, and ss is signalled all the same */
	KT_EXPECT_EQ(semaphore_wait_signal(ws, ss), KERN_SUCCESS);
	KT_EXPECT_EQ(sem_count(ws), 0);
	KT_EXPECT_EQ(sem_count(ss), 1);
	/* a poll that fails still signals */
	KT_EXPECT_EQ(semaphore_timedwait_signal(ws, ss, poll_ts),
	    KERN_OPERATION_TIMED_OUT);
	KT_EXPECT_EQ(sem_count(ss), 2);
	/* a dead signal semaphore: no sleep (nobody would wake us), TERMINATED */
	t0 = nanotime();
	KT_EXPECT_EQ(semaphore_wait_signal(ws, dead), KERN_TERMINATED);
	KT_EXPECT_EQ(semaphore_timedwait_signal(ws, dead, limit_ts),
	    KERN_TERMINATED);
	KT_EXPECT_LE(nanotime() - t0, SLACK_NS);
	KT_EXPECT_EQ(sem_waiters(ws), 0);
	KT_EXPECT_EQ(sem_count(ws), 0);
	/* the same semaphore both ways: our signal comes back to us */
	KT_EXPECT_EQ(semaphore_timedwait_signal(ws, ws, limit_ts), KERN_SUCCESS);
	KT_EXPECT_EQ(sem_count(ws), 0);
	KT_EXPECT_EQ(sem_waiters(ws), 0);
	/* with a waiter ahead of us on ws, it gets our signal and we sleep */
	w = (struct sw){ .s = ws, .op = SW_TIMEDWAIT, .ts = limit_ts };
	KT_EXPECT(sw_start(&w, &t, 1));
	KT_EXPECT_EQ(semaphore_timedwait_signal(ws, ws, ts_ns(NSEC_PER_MSEC)),
	    KERN_OPERATION_TIMED_OUT);
	kt_join(&t);
	KT_EXPECT_EQ(w.kr, KERN_SUCCESS);
	KT_EXPECT_EQ(sem_count(ws), 0);
	KT_EXPECT_EQ(sem_waiters(ws), 0);
	semaphore_deallocate(ws);
	semaphore_deallocate(ss);
	semaphore_deallocate(dead);
}

/*
 * A calls semaphore_timedwait_signal(ws, ss) again and again; B waits on
 * ss and, each time it wakes, checks that A is queued on ws already, then
 * signals ws.  The wait is in place before the signal, so B always finds A
 * queued, and no wake-up is lost (every call returns KERN_SUCCESS).  On one
 * hart, and with B on another hart when there is one.  WS_ROUNDS rounds,
 * fewer (not under WS_MIN_ROUNDS) past WS_BUDGET_NS, as sched's ping-pong
 * does: a cross-hart wake-up on a loaded host can take milliseconds.
 */
#define WS_ROUNDS	2000u
#define WS_MIN_ROUNDS	200u
#define WS_BUDGET_NS	(500 * NSEC_PER_MSEC)	/* then stop, past the minimum */

struct ws_pair {
	semaphore_t	ws, ss;
	int		cpu_b;
	volatile uint32_t last;		/* A's last round is under way */
	volatile uint32_t b_rounds, b_not_queued, b_failed;
};

static void
ws_b(void *arg)
{
	struct ws_pair *p = arg;

	thread_bind(current_thread(), p->cpu_b);
	for (bool last = false; !last; ) {
		if (semaphore_timedwait(p->ss, limit_ts) != KERN_SUCCESS) {
			p->b_failed++;
			break;
		}
		if (sem_waiters(p->ws) != 1)
			p->b_not_queued++;
		p->b_rounds++;
		/*
		 * A sets it before its last call, which is what woke us; read
		 * before our signal lets A go on
		 */
		last = __atomic_load_n(&p->last, __ATOMIC_ACQUIRE);
		semaphore_signal(p->ws);
	}
}

static void
ws_case(struct ktest_ctx *kt, int cpu_b)
{
	static struct ws_pair p;
	thread_t me = current_thread(), t = THREAD_NULL;
	uint32_t a_failed = 0, rounds = 0;
	uint64_t end = nanotime() + WS_BUDGET_NS;

	p = (struct ws_pair){ .cpu_b = cpu_b };
	KT_ASSERT_NOT_NULL(p.ws = sem_new(SYNC_POLICY_FIFO, 0));
	KT_ASSERT_NOT_NULL(p.ss = sem_new(SYNC_POLICY_FIFO, 0));
	KT_ASSERT_EQ(thread_bind(me, (int)cpu_number()), KERN_SUCCESS);
	KT_EXPECT_EQ(kernel_thread_start(ws_b, &p, &t), KERN_SUCCESS);
	while (t != THREAD_NULL && !p.last) {
		rounds++;
		if (rounds == WS_ROUNDS || (rounds >= WS_MIN_ROUNDS &&
		    nanotime() > end))
			__atomic_store_n(&p.last, 1, __ATOMIC_RELEASE);
		if (semaphore_timedwait_signal(p.ws, p.ss, limit_ts) !=
		    KERN_SUCCESS) {
			a_failed++;
			break;
		}
	}
	kt_join(&t);
	thread_bind(me, -1);
	KT_EXPECT_EQ(a_failed, 0);
	KT_EXPECT_EQ(p.b_failed, 0);
	KT_EXPECT_EQ(p.b_rounds, rounds);
	if (rounds < WS_ROUNDS)
		ktest_log(kt, "%u rounds (the host is slow)", rounds);
	KT_EXPECT_EQ(p.b_not_queued, 0);
	KT_EXPECT_EQ(sem_count(p.ws), 0);
	KT_EXPECT_EQ(sem_count(p.ss), 0);
	KT_EXPECT_EQ(sem_waiters(p.ws), 0);
	KT_EXPECT_EQ(sem_waiters(p.ss), 0);
	semaphore_deallocate(p.ws);
	semaphore_deallocate(p.ss);
}

KTEST(semaphore, wait_signal_queues_before_signalling_same_hart)
{
	ws_case(kt, (int)cpu_number());
}

KTEST(semaphore, wait_signal_queues_before_signalling_two_harts)
{
	int other = kt_next_cpu((int)cpu_number());

	if (other == (int)cpu_number())
		KT_SKIP("one hart: the same-hart case covers it");
	ws_case(kt, other);
}

/*
 * The wait_signal handoff pulls the waiter onto our hart.  B blocks on ss
 * unbound, having last run on another hart, which stays idle.  A plain
 * wake-up (clear_wait) would run B there, on its idle last hart; our
 * semaphore_timedwait_signal(ws, ss) hands our hart to B instead, so B
 * runs here while we sleep queued on ws, and B's signal of ws wakes us.
 */
struct ho_pair {
	semaphore_t	ws, ss;
	int		home, away;
	thread_t	a;
	volatile uint32_t b_cpu, a_queued, a_blocked;
	volatile kern_return_t b_kr;
};

static void
ho_b(void *arg)
{
	struct ho_pair *p = arg;

	thread_bind(current_thread(), p->away);
	thread_bind(current_thread(), -1);
	p->b_kr = semaphore_timedwait(p->ss, limit_ts);
	p->b_cpu = cpu_number();
	p->a_queued = sem_waiters(p->ws);
	p->a_blocked = (thread_state(p->a) & (TH_WAIT | TH_RUN)) == TH_WAIT;
	semaphore_signal(p->ws);
}

KTEST(semaphore, wait_signal_hands_off_to_the_waiter)
{
	static struct ho_pair p;
	thread_t me = current_thread(), t = THREAD_NULL;

	p = (struct ho_pair){ .home = (int)cpu_number(), .a = me, .b_kr = -5 };
	p.away = kt_next_cpu(p.home);
	if (p.away == p.home)
		KT_SKIP("one hart: where the waiter runs shows nothing");
	KT_ASSERT_NOT_NULL(p.ws = sem_new(SYNC_POLICY_FIFO, 0));
	KT_ASSERT_NOT_NULL(p.ss = sem_new(SYNC_POLICY_FIFO, 0));
	KT_ASSERT_EQ(thread_bind(me, p.home), KERN_SUCCESS);
	KT_EXPECT_EQ(kernel_thread_start(ho_b, &p, &t), KERN_SUCCESS);
	KT_EXPECT(sem_wait_waiters(p.ss, 1));
	KT_EXPECT(t == THREAD_NULL || kt_wait_blocked(t));
	KT_EXPECT(t == THREAD_NULL || thread_last_cpu(t) == p.away);
	KT_EXPECT_EQ(semaphore_timedwait_signal(p.ws, p.ss, limit_ts),
	    KERN_SUCCESS);
	kt_join(&t);
	thread_bind(me, -1);
	KT_EXPECT_EQ(p.b_kr, KERN_SUCCESS);
	KT_EXPECT_EQ(p.b_cpu, (uint32_t)p.home);
	KT_EXPECT_EQ(p.a_queued, 1);
	KT_EXPECT_EQ(p.a_blocked, 1);
	semaphore_deallocate(p.ws);
	semaphore_deallocate(p.ss);
}

/* --- cross-hart stress --- */

/*
 * Each hart's thread signals and waits STRESS_OPS times in each of two
 * phases, every semaphore shared with other harts:
 *	1  all harts on one semaphore, each op a signal then a take (four
 *	   ways to take); the count only runs dry while another hart holds a
 *	   unit it is about to give back, so every take succeeds
 *	2  a ring: hart i takes from ring[i] and gives to ring[next] in one
 *	   semaphore_timedwait_signal, each ring semaphore starting with
 *	   RING_SLACK units, so a hart blocks only when it runs ahead of the
 *	   one before it (cross-hart wake-ups and handoff attempts, but not
 *	   one per op)
 * The units are conserved: every call succeeds, st_shared ends at 0 and
 * each ring semaphore at RING_SLACK, nobody queued.
 *
 * Each phase stops early once it has run STRESS_BUDGET_NS, as sched's
 * ping-pong does: eight harts on one lock, or a chain of cross-hart
 * wake-ups, ran a hundred times slower on an overloaded host (eight vCPUs
 * on two busy cores; a ticket lock waits for whichever vCPU holds the next
 * ticket, and one starved vCPU took over a minute for 200 ops).  In phase
 * 1 each hart stops on its own (every op gives back what it takes, so no
 * hart can be left waiting); in phase 2 the harts go in chunks of
 * STRESS_CHUNK between barriers, all the same number (at least one
 * chunk), or a hart could wait for a unit its stopped predecessor never
 * gives.  How far they got is logged when it is short of STRESS_OPS.
 */
#define STRESS_OPS	10000u
#define STRESS_CHUNK	100u
#define STRESS_BUDGET_NS (5 * NSEC_PER_SEC)
#define RING_SLACK	16

/* a lost wake-up shows as a wait this long; no hand-over takes near it */
static const mach_timespec_t stress_ts = { 20, 0 };
static semaphore_t st_shared;
static semaphore_t st_ring[MAX_CPUS];
static volatile uint32_t st_failed, st_takes, st_ops, st_more;
static uint64_t st_end;
static struct semaphore_stats st_stats0;

static void
stress_op(uint32_t i)
{
	kern_return_t kr;

	semaphore_signal(st_shared);
	switch (i % 4) {
	case 0:
		kr = semaphore_timedwait(st_shared, stress_ts);
		break;
	case 1:
		kr = semaphore_timedwait(st_shared, poll_ts);
		if (kr == KERN_OPERATION_TIMED_OUT)
			kr = semaphore_timedwait(st_shared, stress_ts);
		break;
	case 2:
		kr = semaphore_timedwait_signal(st_shared, SEMAPHORE_NULL,
		    stress_ts);
		break;
	default:
		kr = semaphore_wait(st_shared);
		break;
	}
	if (kr == KERN_SUCCESS)
		__atomic_fetch_add(&st_takes, 1, __ATOMIC_RELAXED);
	else
		__atomic_fetch_add(&st_failed, 1, __ATOMIC_RELAXED);
}

/*
 * stress_chunk_go - before each chunk: the first hart decides for all
 * whether another one runs (done: ops so far, each hart); false also when
 * a barrier gave up (a hart failed).  The second barrier keeps the first
 * hart from deciding again before every hart has read the decision.
 */
static bool
stress_chunk_go(struct ktest_ctx *kt, bool first, uint32_t done)
{
	bool more;

	if (first) {
		if (done == 0)
			st_end = nanotime() + STRESS_BUDGET_NS;
		__atomic_store_n(&st_more, done < STRESS_OPS &&
		    (done == 0 || nanotime() < st_end), __ATOMIC_RELEASE);
	}
	if (!ktest_barrier(kt))
		return false;
	more = __atomic_load_n(&st_more, __ATOMIC_ACQUIRE);
	return ktest_barrier(kt) && more;
}

KTEST_SMP(semaphore, cross_hart_stress)
{
	int me = (int)cpu_number(), next = kt_next_cpu(me);
	uint32_t n = kt->ncpus, failed = 0, ops1 = 0, ops2 = 0;
	uint64_t end1;
	bool first = kt_next_cpu(-1) == me;	/* the lowest online hart */

	if (n < 2)
		KT_SKIP("one hart: nothing crosses harts");
	if (first) {
		st_failed = st_takes = st_ops = 0;
		st_shared = sem_new(SYNC_POLICY_FIFO, 0);
		for (uint32_t c = 0; c < ncpus; c++)
			st_ring[c] = cpus[c].online ?
			    sem_new(SYNC_POLICY_FIFO, RING_SLACK) : SEMAPHORE_NULL;
	}
	if (first)
		semaphore_get_stats(&st_stats0);
	KT_BARRIER();
	KT_ASSERT_NOT_NULL(st_shared);
	KT_ASSERT_NOT_NULL(st_ring[me]);
	KT_ASSERT_NOT_NULL(st_ring[next]);
	end1 = nanotime() + STRESS_BUDGET_NS;
	for (; ops1 < STRESS_OPS && nanotime() < end1; ops1++)
		stress_op(ops1 + (uint32_t)me);
	__atomic_fetch_add(&st_ops, ops1, __ATOMIC_RELAXED);
	for (; stress_chunk_go(kt, first, ops2); ops2 += STRESS_CHUNK) {
		for (uint32_t i = 0; i < STRESS_CHUNK; i++) {
			if (semaphore_timedwait_signal(st_ring[me],
			    st_ring[next], stress_ts) != KERN_SUCCESS)
				failed++;
		}
	}
	if (kt->abandoned)
		return;
	KT_EXPECT_EQ(failed, 0);
	if (first) {
		struct semaphore_stats st;

		/* no wait ran to its deadline, chosen or not */
		semaphore_get_stats(&st);
		KT_EXPECT_EQ(st.timeouts, st_stats0.timeouts);
		KT_EXPECT_EQ(st.signal_won_race, st_stats0.signal_won_race);
		KT_EXPECT_EQ(st_failed, 0);
		KT_EXPECT_EQ(st_takes, st_ops);
		KT_EXPECT_EQ(sem_count(st_shared), 0);
		KT_EXPECT_EQ(sem_waiters(st_shared), 0);
		for (uint32_t c = 0; c < ncpus; c++) {
			if (st_ring[c] == SEMAPHORE_NULL)
				continue;
			KT_EXPECT_EQ(sem_count(st_ring[c]), RING_SLACK);
			KT_EXPECT_EQ(sem_waiters(st_ring[c]), 0);
		}
		if (st_ops < STRESS_OPS * n || ops2 < STRESS_OPS)
			ktest_log(kt, "%u ops on one semaphore, %u per hart around "
			    "the ring (the host is slow)", st_ops, ops2);
	}
	KT_BARRIER();
	if (first) {
		semaphore_deallocate(st_shared);
		for (uint32_t c = 0; c < ncpus; c++)
			semaphore_deallocate(st_ring[c]);
	}
}

/* --- a deadline or an interrupt racing a signal --- */

/*
 * W waits on s with a short deadline, round after round; we end each wait
 * one of five ways, timed to meet the deadline or an interrupt:
 *	0  signal a little before the deadline
 *	1  spin to a little after the deadline, then signal: on W's hart
 *	   (-smp 1) W's timer has ended its wait but W cannot run yet, so the
 *	   signal finds W still queued and chooses it; on another hart the two
 *	   meet for real
 *	2  sleep past the deadline, then signal: W has left the queue, the
 *	   unit is counted
 *	3  thread_interrupt then signal at once (the same race as 1)
 *	4  thread_interrupt, sleep, then signal (as 2)
 * Whatever happens, no unit is lost or made: W got KERN_SUCCESS and the
 * count is 0, or W timed out / was aborted and the count is 1.  The test
 * proves something only if the race went both ways (semaphore_stats
 * counts the waits whose deadline or interrupt lost to a signal).
 * RACE_ROUNDS rounds, or fewer (not under RACE_MIN_ROUNDS) past
 * RACE_BUDGET_NS: each round is two cross-hart wake-ups, milliseconds
 * each on a loaded host.
 */
#define RACE_ROUNDS	1500u
#define RACE_MIN_ROUNDS	500u
#define RACE_BUDGET_NS	(3 * NSEC_PER_SEC)	/* then stop, past the minimum */

struct race {
	semaphore_t	s, go, done;
	int		cpu;
	uint64_t	wait_ns;
	volatile uint64_t deadline;
	volatile kern_return_t kr;
	volatile uint32_t stop;
};

static void
race_w(void *arg)
{
	struct race *r = arg;
	kern_return_t kr;

	thread_bind(current_thread(), r->cpu);
	for (;;) {
		/*
		 * an interrupt meant for the wait on s lands here when that
		 * wait had timed out first: it only ends this wait
		 */
		while ((kr = semaphore_timedwait(r->go, limit_ts)) == KERN_ABORTED)
			;
		if (kr != KERN_SUCCESS || r->stop)
			return;
		__atomic_store_n(&r->deadline, nanotime() + r->wait_ns,
		    __ATOMIC_RELEASE);
		r->kr = semaphore_timedwait(r->s, ts_ns(r->wait_ns));
		semaphore_signal(r->done);
	}
}

/* wait (yielding) until W is queued on s, or done already; false: W is stuck */
static bool
race_queued(struct race *r)
{
	uint64_t end = nanotime() + LIMIT_NS;

	while (sem_waiters(r->s) == 0 && sem_count(r->done) == 0) {
		if (nanotime() > end)
			return false;
		thread_yield();
	}
	return true;
}

static void
spin_until(uint64_t t)
{
	while (nanotime() < t)
		cpu_relax();
}

KTEST(semaphore, timeout_and_interrupt_race_signal)
{
	static struct race r;
	struct semaphore_stats st0, st;
	thread_t me = current_thread(), t = THREAD_NULL;
	uint32_t lost = 0, bad_kr = 0, got[5] = { 0 }, missed[5] = { 0 };
	uint64_t rnd = 0x9e3779b97f4a7c15ull, end = nanotime() + RACE_BUDGET_NS;
	uint32_t rounds = 0;
	int home = (int)cpu_number();

	r = (struct race){ .cpu = kt_next_cpu(home) };
	KT_ASSERT_NOT_NULL(r.s = sem_new(SYNC_POLICY_FIFO, 0));
	KT_ASSERT_NOT_NULL(r.go = sem_new(SYNC_POLICY_FIFO, 0));
	KT_ASSERT_NOT_NULL(r.done = sem_new(SYNC_POLICY_FIFO, 0));
	KT_ASSERT_EQ(thread_bind(me, home), KERN_SUCCESS);
	semaphore_get_stats(&st0);
	KT_EXPECT_EQ(kernel_thread_start(race_w, &r, &t), KERN_SUCCESS);
	for (uint32_t i = 0; i < RACE_ROUNDS && t != THREAD_NULL; i++) {
		if (i >= RACE_MIN_ROUNDS && nanotime() > end)
			break;
		rounds++;
		uint32_t mode = i % 5;
		uint64_t d;
		int c;

		rnd ^= rnd << 13;
		rnd ^= rnd >> 7;
		rnd ^= rnd << 17;
		r.wait_ns = 200 * NSEC_PER_USEC + rnd % (300 * NSEC_PER_USEC);
		r.deadline = 0;
		semaphore_signal(r.go);
		/* until W is queued (yielding: on one hart W runs meanwhile) */
		if (!race_queued(&r)) {
			lost++;
			break;
		}
		d = __atomic_load_n(&r.deadline, __ATOMIC_ACQUIRE);
		switch (mode) {
		case 0:
			spin_until(d - MIN(d, 20 * NSEC_PER_USEC + rnd % 50000));
			break;
		case 1:
			spin_until(d + rnd % (30 * NSEC_PER_USEC));
			break;
		case 2:
			thread_sleep_ns(2 * r.wait_ns);
			break;
		case 3:
			thread_interrupt(t);
			break;
		default:
			thread_interrupt(t);
			thread_sleep_ns(r.wait_ns / 4);
			break;
		}
		semaphore_signal(r.s);
		if (semaphore_timedwait(r.done, limit_ts) != KERN_SUCCESS) {
			lost++;
			break;
		}
		c = sem_count(r.s);
		if (r.kr == KERN_SUCCESS) {
			got[mode]++;
			lost += c != 0;
		} else {
			missed[mode]++;
			/* a host stall may let the deadline beat an interrupt */
			bad_kr += r.kr != KERN_OPERATION_TIMED_OUT &&
			    (r.kr != KERN_ABORTED || mode < 3);
			lost += c != 1;
			if (c > 0)
				semaphore_timedwait(r.s, poll_ts);
		}
		lost += sem_waiters(r.s) != 0;
	}
	r.stop = 1;
	semaphore_signal(r.go);
	kt_join(&t);
	thread_bind(me, -1);
	semaphore_get_stats(&st);
	KT_EXPECT_EQ(lost, 0);
	KT_EXPECT_EQ(bad_kr, 0);
	KT_EXPECT_EQ(sem_count(r.s), 0);
	ktest_log(kt, "%u rounds, W on hart %d, we on %d; succeeded/failed by mode: "
	    "%u/%u %u/%u %u/%u %u/%u %u/%u; signal won the race %lu times",
	    rounds, r.cpu, home, got[0], missed[0], got[1], missed[1], got[2],
	    missed[2], got[3], missed[3], got[4], missed[4],
	    (unsigned long)(st.signal_won_race - st0.signal_won_race));
	semaphore_deallocate(r.s);
	semaphore_deallocate(r.go);
	semaphore_deallocate(r.done);
	if (st.signal_won_race == st0.signal_won_race)
		KT_SKIP("no deadline or interrupt ever lost to a signal in %u "
		    "rounds: the race was not run", rounds);
	if (st.timeouts == st0.timeouts || st.aborts == st0.aborts)
		KT_SKIP("no wait ever timed out or was aborted before the "
		    "signal: only one side of the race was run");
}
