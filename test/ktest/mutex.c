/*
 * test/ktest/mutex.c - blocking mutexes and counting semaphores.
 *
 * Every thread a test starts is joined and deallocated before it returns:
 * between creation and join only KT_EXPECT_* is used.
 */
#include "kernel/cpu.h"
#include "kernel/ktest/ktest.h"
#include "test/ktest/sched_util.h"
#include "kernel/sched/sched.h"
#include "kernel/sched/timer.h"
#include "kernel/sync/mutex.h"

#define SLACK_NS	NSEC_PER_SEC

/* --- helpers --- */

/* --- mutex --- */

KTEST(mutex, lock_unlock_owned)
{
	struct mutex m;

	mutex_init(&m, "kt");
	KT_EXPECT(!mutex_owned(&m));
	mutex_lock(&m);
	KT_EXPECT(mutex_owned(&m));
	KT_EXPECT(mutex_owned(&m));
	mutex_unlock(&m);
	KT_EXPECT(!mutex_owned(&m));
	KT_EXPECT((m.word & ~MUTEX_WAITERS) == 0);
	KT_EXPECT(mutex_trylock(&m));
	KT_EXPECT(mutex_owned(&m));
	mutex_unlock(&m);
	KT_EXPECT(!mutex_owned(&m));
	KT_EXPECT_EQ(m.waiters, 0);
	/* a mutex is not a spinlock: nothing is left disabled */
	KT_EXPECT(intr_enabled());
	KT_EXPECT_EQ(cpu_current()->intr_depth, 0);
}

struct holder {
	struct mutex	*m;
	uint64_t	hold_ns;	/* sleep this long holding it */
	volatile uint32_t held;
	volatile uint32_t release;	/* 0: release after hold_ns */
	volatile uint32_t releasing;	/* about to unlock */
	volatile uint32_t owned_inside;
};

static void
holder_fn(void *arg)
{
	struct holder *h = arg;

	mutex_lock(h->m);
	h->owned_inside = mutex_owned(h->m);
	kt_flag_set(&h->held);
	if (h->hold_ns != 0)
		thread_sleep_ns(h->hold_ns);
	else
		kt_flag_wait(&h->release);
	__atomic_store_n(&h->releasing, 1, __ATOMIC_RELEASE);
	mutex_unlock(h->m);
}

/* trylock fails while another thread holds the mutex, succeeds after */
KTEST(mutex, trylock_contended)
{
	static struct mutex m;
	static struct holder h;
	thread_t t = THREAD_NULL;

	mutex_init(&m, "kt-try");
	h = (struct holder){ .m = &m };
	KT_ASSERT_EQ(kernel_thread_start(holder_fn, &h, &t), KERN_SUCCESS);
	kt_flag_wait(&h.held);
	KT_EXPECT(!mutex_trylock(&m));
	KT_EXPECT(!mutex_owned(&m));
	kt_flag_set(&h.release);
	kt_join(&t);
	KT_EXPECT_EQ(h.owned_inside, 1);
	KT_EXPECT(mutex_trylock(&m));
	KT_EXPECT(mutex_owned(&m));
	mutex_unlock(&m);
}

/*
 * A mutex held across a sleep still excludes: our mutex_lock blocks until
 * the holder, done sleeping, unlocks.
 */
KTEST(mutex, held_across_sleep)
{
	static struct mutex m;
	static struct holder h;
	thread_t t = THREAD_NULL;
	uint32_t releasing;

	mutex_init(&m, "kt-sleep");
	h = (struct holder){ .m = &m, .hold_ns = 20 * NSEC_PER_MSEC };
	KT_ASSERT_EQ(kernel_thread_start(holder_fn, &h, &t), KERN_SUCCESS);
	kt_flag_wait(&h.held);
	mutex_lock(&m);
	releasing = __atomic_load_n(&h.releasing, __ATOMIC_ACQUIRE);
	KT_EXPECT(mutex_owned(&m));
	mutex_unlock(&m);
	kt_join(&t);
	KT_EXPECT_EQ(releasing, 1);
}

/* a thread blocked in mutex_lock sleeps (TH_WAIT), and gets it on unlock */
KTEST(mutex, waiter_sleeps_until_unlock)
{
	static struct mutex m;
	static struct holder h;
	thread_t t = THREAD_NULL;

	mutex_init(&m, "kt-wait");
	h = (struct holder){ .m = &m };
	mutex_lock(&m);
	KT_ASSERT_EQ(kernel_thread_start(holder_fn, &h, &t), KERN_SUCCESS);
	KT_EXPECT(kt_wait_blocked(t));
	KT_EXPECT_EQ(h.held, 0);
	mutex_unlock(&m);
	KT_EXPECT(!mutex_owned(&m));
	kt_flag_wait(&h.held);
	kt_flag_set(&h.release);
	kt_join(&t);
	KT_EXPECT_EQ(h.owned_inside, 1);
	KT_EXPECT((m.word & ~MUTEX_WAITERS) == 0);
}

/*
 * Threads (more than harts, so some share one and get preempted inside the
 * critical section) increment a counter under the mutex: the total is exact
 * and nobody is ever inside with another.
 */
#define MC_THREADS_MAX	16
#define MC_ROUNDS	200u

static struct mutex mc_lock;
static volatile uint64_t mc_counter;
static volatile uint32_t mc_inside, mc_overlap, mc_not_owned;

static void
mc_round(uint32_t i)
{
	mutex_lock(&mc_lock);
	if (__atomic_add_fetch(&mc_inside, 1, __ATOMIC_RELAXED) != 1)
		__atomic_fetch_add(&mc_overlap, 1, __ATOMIC_RELAXED);
	if (!mutex_owned(&mc_lock))
		__atomic_fetch_add(&mc_not_owned, 1, __ATOMIC_RELAXED);
	mc_counter = mc_counter + 1;
	if (i % 32 == 31)
		thread_yield();		/* let others find it held */
	__atomic_sub_fetch(&mc_inside, 1, __ATOMIC_RELAXED);
	mutex_unlock(&mc_lock);
}

static void
mc_fn(void *arg __unused)
{
	for (uint32_t i = 0; i < MC_ROUNDS; i++)
		mc_round(i);
}

KTEST(mutex, exact_total_threads)
{
	thread_t t[MC_THREADS_MAX] = { 0 };
	uint32_t n = MIN(MAX(2 * cpus_online(), 4u), (uint32_t)MC_THREADS_MAX);
	uint32_t started = 0;

	mutex_init(&mc_lock, "kt-count");
	mc_counter = 0;
	mc_inside = mc_overlap = mc_not_owned = 0;
	for (uint32_t i = 0; i < n; i++)
		started += kernel_thread_start(mc_fn, NULL, &t[i]) == KERN_SUCCESS;
	for (uint32_t i = 0; i < n; i++)
		kt_join(&t[i]);
	KT_EXPECT_EQ(started, n);
	KT_EXPECT_EQ(mc_counter, (uint64_t)started * MC_ROUNDS);
	KT_EXPECT_EQ(mc_overlap, 0);
	KT_EXPECT_EQ(mc_not_owned, 0);
	KT_EXPECT(mc_lock.word == 0);
}

/* one bound thread per hart, all hammering one mutex */
KTEST_SMP(mutex, exact_total_every_hart)
{
	if (cpu_number() == 0) {
		mutex_init(&mc_lock, "kt-smp");
		mc_counter = 0;
		mc_inside = mc_overlap = mc_not_owned = 0;
	}
	KT_BARRIER();
	for (uint32_t i = 0; i < MC_ROUNDS; i++)
		mc_round(i);
	KT_BARRIER();
	KT_EXPECT_EQ(mc_counter, (uint64_t)MC_ROUNDS * kt->ncpus);
	KT_EXPECT_EQ(mc_overlap, 0);
	KT_EXPECT_EQ(mc_not_owned, 0);
	KT_BARRIER();
}

/* --- ksem --- */

KTEST(mutex, ksem_counts)
{
	struct ksem s;
	uint64_t t0;

	ksem_init(&s, 3);
	t0 = nanotime();
	for (int i = 0; i < 3; i++)
		ksem_wait(&s);			/* three are there: no blocking */
	KT_EXPECT_EQ(s.count, 0);
	KT_EXPECT_LE(nanotime() - t0, SLACK_NS);
	/* a deadline in the past with nothing to take: at once, timed out */
	KT_EXPECT_EQ(ksem_wait_deadline(&s, nanotime() - 1), THREAD_TIMED_OUT);
	ksem_signal(&s);
	ksem_signal(&s);
	KT_EXPECT_EQ(s.count, 2);
	/* with something to take, a past deadline does not matter */
	KT_EXPECT_EQ(ksem_wait_deadline(&s, nanotime() - 1), THREAD_AWAKENED);
	KT_EXPECT_EQ(ksem_wait_deadline(&s, nanotime() + NSEC_PER_MSEC),
	    THREAD_AWAKENED);
	KT_EXPECT_EQ(s.count, 0);
	KT_EXPECT_EQ(s.waiters, 0);
}

/* ksem_wait_deadline on an empty ksem times out, never early, and takes nothing */
KTEST(mutex, ksem_deadline_times_out)
{
	struct ksem s;
	uint64_t deadline;

	ksem_init(&s, 0);
	deadline = nanotime() + 5 * NSEC_PER_MSEC;
	KT_EXPECT_EQ(ksem_wait_deadline(&s, deadline), THREAD_TIMED_OUT);
	KT_EXPECT_GE(nanotime(), deadline);
	KT_EXPECT_LE(nanotime() - deadline, SLACK_NS);
	KT_EXPECT_EQ(s.count, 0);
	KT_EXPECT_EQ(s.waiters, 0);
	/* the timed-out wait left no debt: one signal, one take */
	ksem_signal(&s);
	KT_EXPECT_EQ(ksem_wait_deadline(&s, nanotime() + NSEC_PER_MSEC),
	    THREAD_AWAKENED);
	KT_EXPECT_EQ(ksem_wait_deadline(&s, nanotime() + NSEC_PER_MSEC),
	    THREAD_TIMED_OUT);
}

struct ksem_waiter {
	struct ksem	*s;
	uint64_t	timeout_ns;	/* 0: ksem_wait */
	volatile wait_result_t r;
	volatile uint64_t deadline, end;
};

static void
ksem_waiter_fn(void *arg)
{
	struct ksem_waiter *w = arg;

	if (w->timeout_ns == 0) {
		ksem_wait(w->s);
		w->r = THREAD_AWAKENED;
	} else {
		w->deadline = nanotime() + w->timeout_ns;
		w->r = ksem_wait_deadline(w->s, w->deadline);
	}
	w->end = nanotime();
}

/* a blocked ksem_wait / ksem_wait_deadline is woken by ksem_signal */
KTEST(mutex, ksem_signal_wakes_waiter)
{
	static struct ksem s;
	static struct ksem_waiter w[2];
	thread_t t[2] = { 0 };

	ksem_init(&s, 0);
	w[0] = (struct ksem_waiter){ .s = &s, .r = -5 };
	w[1] = (struct ksem_waiter){ .s = &s, .r = -5, .timeout_ns = LIMIT_NS };
	for (int i = 0; i < 2; i++) {
		KT_EXPECT_EQ(kernel_thread_start(ksem_waiter_fn, &w[i], &t[i]),
		    KERN_SUCCESS);
	}
	for (int i = 0; i < 2; i++)
		KT_EXPECT(t[i] == THREAD_NULL || kt_wait_blocked(t[i]));
	KT_EXPECT_EQ(s.waiters, 2);
	ksem_signal(&s);
	ksem_signal(&s);
	for (int i = 0; i < 2; i++)
		kt_join(&t[i]);
	KT_EXPECT_EQ(w[0].r, THREAD_AWAKENED);
	KT_EXPECT_EQ(w[1].r, THREAD_AWAKENED);
	KT_EXPECT_LE(w[1].end, w[1].deadline);
	KT_EXPECT_EQ(s.count, 0);
	KT_EXPECT_EQ(s.waiters, 0);
}

/*
 * Producers signal and consumers wait, unbound, on all harts: every signal
 * is taken exactly once and the ksem ends empty.
 */
#define PC_PRODUCERS	2
#define PC_CONSUMERS	3
#define PC_ITEMS	240u		/* divisible by both */

static struct ksem pc_sem;
static volatile uint32_t pc_taken;

static void
pc_producer(void *arg __unused)
{
	for (uint32_t i = 0; i < PC_ITEMS / PC_PRODUCERS; i++) {
		ksem_signal(&pc_sem);
		if (i % 16 == 15)
			thread_yield();
	}
}

static void
pc_consumer(void *arg __unused)
{
	for (uint32_t i = 0; i < PC_ITEMS / PC_CONSUMERS; i++) {
		/* a deadline, so that a lost signal fails instead of hanging */
		if (ksem_wait_deadline(&pc_sem, nanotime() + LIMIT_NS) !=
		    THREAD_AWAKENED)
			break;
		__atomic_fetch_add(&pc_taken, 1, __ATOMIC_RELAXED);
	}
}

KTEST(mutex, ksem_producer_consumer)
{
	thread_t t[PC_PRODUCERS + PC_CONSUMERS] = { 0 };

	ksem_init(&pc_sem, 0);
	pc_taken = 0;
	for (int i = 0; i < PC_CONSUMERS; i++) {
		KT_EXPECT_EQ(kernel_thread_start(pc_consumer, NULL, &t[i]),
		    KERN_SUCCESS);
	}
	for (int i = 0; i < PC_PRODUCERS; i++) {
		KT_EXPECT_EQ(kernel_thread_start(pc_producer, NULL,
		    &t[PC_CONSUMERS + i]), KERN_SUCCESS);
	}
	for (int i = 0; i < PC_PRODUCERS + PC_CONSUMERS; i++)
		kt_join(&t[i]);
	KT_EXPECT_EQ(pc_taken, PC_ITEMS);
	KT_EXPECT_EQ(pc_sem.count, 0);
	KT_EXPECT_EQ(pc_sem.waiters, 0);
	KT_EXPECT_EQ(ksem_wait_deadline(&pc_sem, nanotime()), THREAD_TIMED_OUT);
}
