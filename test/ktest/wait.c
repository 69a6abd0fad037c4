/*
 * test/ktest/wait.c - waiting on events: assert_wait / thread_block /
 * thread_wakeup, deadlines, interruption, wake-one; waits on no event
 * (thread_will_wait / clear_wait); and a stress run of wake-ups racing with
 * timeouts, interrupts and thread terminations.
 *
 * Deadline checks are one-sided: a wait never ends before its deadline;
 * lateness is bounded only by SLACK_NS (QEMU's virtual time follows the
 * host clock).  Every thread a test starts is joined and deallocated before
 * it returns: between creation and join only KT_EXPECT_* is used.
 */
#include "kernel/cpu.h"
#include "kernel/ktest/ktest.h"
#include "test/ktest/sched_util.h"
#include "kernel/sched/sched.h"
#include "kernel/sched/timer.h"

#define SLACK_NS	NSEC_PER_SEC

/* --- helpers --- */

static uint64_t
rnd(uint64_t *s)
{
	uint64_t x = *s;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	return *s = x;
}

/*
 * waiter - a thread that waits once on ev (deadline 0: none) and records
 * the result and when the wait ended.
 */
struct waiter {
	uint64_t	ev;		/* its address is the default event */
	event_t		event;		/* the event waited on (NULL: &ev) */
	bool		anon;		/* thread_will_wait: on no event */
	wait_interrupt_t intr;
	uint64_t	timeout_ns;	/* 0: no deadline */
	int		cpu;		/* bind here, -1: anywhere */
	volatile uint32_t asserted;
	volatile wait_result_t asserted_r;
	volatile wait_result_t result;
	volatile uint64_t start, deadline, end;
	/* then: a second, uninterrupted wait for second_ns on another event */
	uint64_t	second_ns;
	uint64_t	ev2;
	volatile wait_result_t result2;
	volatile uint64_t deadline2, end2;
};

static void
waiter_fn(void *arg)
{
	struct waiter *w = arg;

	if (w->cpu >= 0)
		thread_bind(current_thread(), w->cpu);
	w->start = nanotime();
	w->deadline = w->timeout_ns ? w->start + w->timeout_ns : 0;
	if (w->anon)
		w->asserted_r = thread_will_wait_deadline(w->intr, w->deadline);
	else
		w->asserted_r = assert_wait_deadline(w->event, w->intr,
		    w->deadline);
	__atomic_store_n(&w->asserted, 1, __ATOMIC_RELEASE);
	w->result = thread_block();
	w->end = nanotime();
	if (w->second_ns == 0)
		return;
	w->deadline2 = nanotime() + w->second_ns;
	assert_wait_deadline(&w->ev2, THREAD_UNINT, w->deadline2);
	w->result2 = thread_block();
	w->end2 = nanotime();
}

static kern_return_t
waiter_start(struct waiter *w, thread_t *t)
{
	w->result = w->result2 = -5;
	w->asserted_r = -5;
	if (w->event == NO_EVENT)
		w->event = &w->ev;
	return kernel_thread_start(waiter_fn, w, t);
}

/* --- sleeping and deadlines --- */

KTEST(wait, sleep_never_early)
{
	for (int i = 0; i < 3; i++) {
		uint64_t t0 = nanotime();
		wait_result_t r = thread_sleep_ns(5 * NSEC_PER_MSEC);
		uint64_t dt = nanotime() - t0;

		KT_EXPECT_EQ(r, THREAD_TIMED_OUT);
		KT_EXPECT_GE(dt, 5 * NSEC_PER_MSEC);
		KT_EXPECT_LE(dt, 5 * NSEC_PER_MSEC + SLACK_NS);
	}
	/* 0: returns at once */
	uint64_t t0 = nanotime();

	thread_sleep_ns(0);
	KT_EXPECT_LE(nanotime() - t0, SLACK_NS);
}

/* every hart's thread sleeps at once: per-hart timers, never early */
KTEST_SMP(wait, sleep_every_hart)
{
	uint32_t me = cpu_number();

	KT_BARRIER();
	for (int i = 0; i < 4; i++) {
		uint64_t ns = (uint64_t)(1 + (me + (uint32_t)i) % 3) * NSEC_PER_MSEC;
		uint64_t t0 = nanotime();
		wait_result_t r = thread_sleep_ns(ns);
		uint64_t dt = nanotime() - t0;

		KT_EXPECT_EQ(r, THREAD_TIMED_OUT);
		KT_EXPECT_GE(dt, ns);
		KT_EXPECT_LE(dt, ns + SLACK_NS);
	}
	KT_EXPECT_EQ(cpu_number(), me);
	KT_BARRIER();
}

KTEST(wait, deadline_nobody_wakes)
{
	static uint64_t ev;
	uint64_t t0 = nanotime(), deadline = t0 + 5 * NSEC_PER_MSEC;
	wait_result_t r;

	KT_ASSERT_EQ(assert_wait_deadline(&ev, THREAD_UNINT, deadline),
	    THREAD_WAITING);
	KT_EXPECT(thread_state(current_thread()) & TH_WAIT);
	r = thread_block();
	KT_EXPECT_EQ(r, THREAD_TIMED_OUT);
	KT_EXPECT_GE(nanotime(), deadline);
	KT_EXPECT_LE(nanotime() - deadline, SLACK_NS);
	KT_EXPECT(!(thread_state(current_thread()) & TH_WAIT));
	KT_EXPECT_EQ(thread_wakeup(&ev), KERN_NOT_WAITING);
}

/* a deadline in the past: the wait is over at once, timed out */
KTEST(wait, deadline_in_past)
{
	static uint64_t ev;
	uint64_t t0 = nanotime();
	wait_result_t r1, r2;

	r1 = assert_wait_deadline(&ev, THREAD_UNINT, t0 - NSEC_PER_MSEC);
	KT_EXPECT(r1 == THREAD_WAITING || r1 == THREAD_TIMED_OUT);
	r2 = thread_block();
	KT_EXPECT_EQ(r2, THREAD_TIMED_OUT);
	KT_EXPECT_LE(nanotime() - t0, SLACK_NS);
	KT_EXPECT_EQ(thread_wakeup(&ev), KERN_NOT_WAITING);
	/* and the thread is not left waiting: a later wait works normally */
	KT_EXPECT_EQ(thread_sleep_ns(NSEC_PER_MSEC), THREAD_TIMED_OUT);
	KT_EXPECT_GE(nanotime() - t0, NSEC_PER_MSEC);
}

struct waker {
	volatile uint32_t *asserted;
	event_t		ev;
	int		cpu;
	volatile kern_return_t kr;
	volatile uint64_t at;
};

static void
waker_fn(void *arg)
{
	struct waker *wk = arg;
	uint64_t end;

	thread_bind(current_thread(), wk->cpu);
	end = nanotime() + LIMIT_NS;
	while (!__atomic_load_n(wk->asserted, __ATOMIC_ACQUIRE) && nanotime() < end)
		thread_sleep_ns(POLL_NS);
	wk->at = nanotime();
	wk->kr = thread_wakeup(wk->ev);
}

/* a deadline wait ended by a wake-up from another hart (if any) */
KTEST(wait, deadline_woken_first)
{
	static uint64_t ev;
	static volatile uint32_t asserted;
	static struct waker wk;
	thread_t t = THREAD_NULL;
	uint64_t deadline;
	wait_result_t r;

	asserted = 0;
	wk = (struct waker){ .asserted = &asserted, .ev = &ev,
	    .cpu = kt_next_cpu((int)cpu_number()), .kr = -5 };
	KT_ASSERT_EQ(kernel_thread_start(waker_fn, &wk, &t), KERN_SUCCESS);
	deadline = nanotime() + LIMIT_NS;
	KT_EXPECT_EQ(assert_wait_deadline(&ev, THREAD_UNINT, deadline),
	    THREAD_WAITING);
	__atomic_store_n(&asserted, 1, __ATOMIC_RELEASE);
	r = thread_block();
	kt_join(&t);
	KT_EXPECT_EQ(r, THREAD_AWAKENED);
	KT_EXPECT_EQ(wk.kr, KERN_SUCCESS);
	KT_EXPECT_LE(nanotime(), deadline);
}

/* the first wait's timer must not end the second wait early */
KTEST(wait, woken_wait_leaves_no_stale_timer)
{
	static struct waiter w;
	thread_t t = THREAD_NULL;

	kern_return_t kr;

	/*
	 * The wake-up must beat the first deadline; virtual time follows the
	 * host clock, so give it 200 ms, and skip the test when the race was
	 * lost (no verdict) rather than fail it.
	 */
	w = (struct waiter){ .intr = THREAD_UNINT, .cpu = (int)cpu_number(),
	    .timeout_ns = 200 * NSEC_PER_MSEC, .second_ns = 400 * NSEC_PER_MSEC };
	KT_ASSERT_EQ(waiter_start(&w, &t), KERN_SUCCESS);
	KT_EXPECT(kt_wait_blocked(t));
	kr = thread_wakeup(&w.ev);
	kt_join(&t);
	KT_EXPECT_EQ(w.asserted_r, THREAD_WAITING);
	if (kr == KERN_NOT_WAITING && w.result == THREAD_TIMED_OUT) {
		KT_SKIP("the host stalled past the first deadline");
	}
	KT_EXPECT_EQ(kr, KERN_SUCCESS);
	KT_EXPECT_EQ(w.result, THREAD_AWAKENED);
	KT_EXPECT_EQ(w.result2, THREAD_TIMED_OUT);
	KT_EXPECT_GE(w.end2, w.deadline2);
	KT_EXPECT_LE(w.end2 - w.deadline2, SLACK_NS);
}

/* --- wake-ups --- */

KTEST(wait, wakeup_without_waiter)
{
	static uint64_t ev;

	KT_EXPECT_EQ(thread_wakeup(&ev), KERN_NOT_WAITING);
	KT_EXPECT_EQ(thread_wakeup_one(&ev), KERN_NOT_WAITING);
}

/* a wake-up between assert_wait and thread_block is not lost */
KTEST(wait, wakeup_before_block)
{
	static uint64_t ev;
	uint64_t t0 = nanotime();

	KT_ASSERT_EQ(assert_wait(&ev, THREAD_UNINT), THREAD_WAITING);
	KT_EXPECT_EQ(thread_wakeup(&ev), KERN_SUCCESS);
	KT_EXPECT_EQ(thread_block(), THREAD_AWAKENED);
	KT_EXPECT_LE(nanotime() - t0, SLACK_NS);
	/* the same with a deadline: its timer goes too */
	/* (200 ms: the wake-up must come first even if the host stalls us) */
	KT_ASSERT_EQ(assert_wait_deadline(&ev, THREAD_UNINT,
	    nanotime() + 200 * NSEC_PER_MSEC), THREAD_WAITING);
	KT_EXPECT_EQ(thread_wakeup_one(&ev), KERN_SUCCESS);
	KT_EXPECT_EQ(thread_block(), THREAD_AWAKENED);
	t0 = nanotime();
	KT_EXPECT_EQ(thread_sleep_ns(400 * NSEC_PER_MSEC), THREAD_TIMED_OUT);
	KT_EXPECT_GE(nanotime() - t0, 400 * NSEC_PER_MSEC);
}

/*
 * Waiting on one event is not disturbed by wake-ups of many others (some
 * of which share its hash bucket).
 */
KTEST(wait, other_events_do_not_wake)
{
	static struct waiter w;
	static uint64_t others[256];
	thread_t t = THREAD_NULL;
	uint32_t bad = 0;

	w = (struct waiter){ .intr = THREAD_UNINT, .cpu = -1 };
	KT_ASSERT_EQ(waiter_start(&w, &t), KERN_SUCCESS);
	KT_EXPECT(kt_wait_blocked(t));
	for (int i = 0; i < 256; i++) {
		bad += thread_wakeup(&others[i]) != KERN_NOT_WAITING;
		bad += thread_wakeup_one(&others[i]) != KERN_NOT_WAITING;
	}
	KT_EXPECT_EQ(bad, 0);
	KT_EXPECT_EQ(thread_state(t) & TH_WAIT, TH_WAIT);
	KT_EXPECT_EQ(thread_wakeup(&w.ev), KERN_SUCCESS);
	kt_join(&t);
	KT_EXPECT_EQ(w.result, THREAD_AWAKENED);
}

/* thread_wakeup_one wakes exactly one of several; thread_wakeup the rest */
#define W1_N	4

static int
count_waiting(thread_t *t, int n)
{
	int k = 0;

	for (int i = 0; i < n; i++)
		k += (thread_state(t[i]) & TH_WAIT) != 0;
	return k;
}

KTEST(wait, wakeup_one_wakes_one)
{
	static uint64_t ev;
	static struct waiter w[W1_N];
	thread_t t[W1_N] = { 0 };
	int started = 0, woken = 0;

	for (int i = 0; i < W1_N; i++) {
		w[i] = (struct waiter){ .intr = THREAD_UNINT, .cpu = -1, .event = &ev };
		if (waiter_start(&w[i], &t[i]) == KERN_SUCCESS)
			started++;
	}
	KT_EXPECT_EQ(started, W1_N);
	for (int i = 0; i < started; i++)
		KT_EXPECT(kt_wait_blocked(t[i]));
	/* TH_WAIT is cleared by the wake-up itself, before it returns */
	for (int k = 1; k < started; k++) {
		KT_EXPECT_EQ(thread_wakeup_one(&ev), KERN_SUCCESS);
		KT_EXPECT_EQ(count_waiting(t, started), started - k);
	}
	KT_EXPECT_EQ(thread_wakeup(&ev), KERN_SUCCESS);
	KT_EXPECT_EQ(count_waiting(t, started), 0);
	KT_EXPECT_EQ(thread_wakeup(&ev), KERN_NOT_WAITING);
	for (int i = 0; i < W1_N; i++) {
		kt_join(&t[i]);
		woken += w[i].result == THREAD_AWAKENED;
	}
	KT_EXPECT_EQ(woken, started);
}

/* --- interruption --- */

KTEST(wait, interrupt_interruptible)
{
	static struct waiter w;
	thread_t t = THREAD_NULL;

	w = (struct waiter){ .intr = THREAD_INTERRUPTIBLE, .cpu = -1 };
	KT_ASSERT_EQ(waiter_start(&w, &t), KERN_SUCCESS);
	KT_EXPECT(kt_wait_blocked(t));
	KT_EXPECT_EQ(thread_interrupt(t), KERN_SUCCESS);
	kt_join(&t);
	KT_EXPECT_EQ(w.result, THREAD_INTERRUPTED);
	KT_EXPECT_EQ(thread_wakeup(&w.ev), KERN_NOT_WAITING);
}

/* an uninterruptible wait ignores thread_interrupt; a wake-up still ends it */
KTEST(wait, interrupt_uninterruptible)
{
	static struct waiter w;
	thread_t t = THREAD_NULL;

	w = (struct waiter){ .intr = THREAD_UNINT, .cpu = -1 };
	KT_ASSERT_EQ(waiter_start(&w, &t), KERN_SUCCESS);
	KT_EXPECT(kt_wait_blocked(t));
	KT_EXPECT_EQ(thread_interrupt(t), KERN_NOT_WAITING);
	thread_sleep_ns(NSEC_PER_MSEC);
	KT_EXPECT_EQ(thread_state(t) & TH_WAIT, TH_WAIT);
	KT_EXPECT_EQ(thread_wakeup(&w.ev), KERN_SUCCESS);
	kt_join(&t);
	KT_EXPECT_EQ(w.result, THREAD_AWAKENED);
}

/* a thread that is not waiting cannot be interrupted */
KTEST(wait, interrupt_not_waiting)
{
	KT_EXPECT_EQ(thread_interrupt(current_thread()), KERN_NOT_WAITING);
}

/*
 * An interrupted deadline wait: THREAD_INTERRUPTED, and its timer does not
 * end the thread's next wait early.
 */
KTEST(wait, interrupted_deadline_wait)
{
	static struct waiter w;
	thread_t t = THREAD_NULL;

	kern_return_t kr;

	/* the interrupt must beat the first deadline: see the test above */
	w = (struct waiter){ .intr = THREAD_INTERRUPTIBLE, .cpu = -1,
	    .timeout_ns = 200 * NSEC_PER_MSEC, .second_ns = 400 * NSEC_PER_MSEC };
	KT_ASSERT_EQ(waiter_start(&w, &t), KERN_SUCCESS);
	KT_EXPECT(kt_wait_blocked(t));
	kr = thread_interrupt(t);
	kt_join(&t);
	if (kr == KERN_NOT_WAITING && w.result == THREAD_TIMED_OUT) {
		KT_SKIP("the host stalled past the first deadline");
	}
	KT_EXPECT_EQ(kr, KERN_SUCCESS);
	KT_EXPECT_EQ(w.result, THREAD_INTERRUPTED);
	KT_EXPECT_EQ(w.result2, THREAD_TIMED_OUT);
	KT_EXPECT_GE(w.end2, w.deadline2);
	KT_EXPECT_LE(w.end2 - w.deadline2, SLACK_NS);
}

/* an interruptible deadline wait nobody disturbs times out, never early */
KTEST(wait, interruptible_times_out)
{
	static struct waiter w;
	thread_t t = THREAD_NULL;

	w = (struct waiter){ .intr = THREAD_INTERRUPTIBLE, .cpu = -1,
	    .timeout_ns = 5 * NSEC_PER_MSEC };
	KT_ASSERT_EQ(waiter_start(&w, &t), KERN_SUCCESS);
	kt_join(&t);
	/* the deadline passed before the wait began: nothing was tested */
	if (w.asserted_r == THREAD_TIMED_OUT)
		KT_SKIP("the host stalled past the deadline before the wait began");
	KT_EXPECT_EQ(w.asserted_r, THREAD_WAITING);
	KT_EXPECT_EQ(w.result, THREAD_TIMED_OUT);
	KT_EXPECT_GE(w.end, w.deadline);
	KT_EXPECT_LE(w.end - w.deadline, SLACK_NS);
}

/*
 * --- waits on no event ---
 *
 * thread_will_wait: no thread_wakeup reaches it; clear_wait, an interrupt,
 * its deadline or a handoff end it.
 */

KTEST(wait, anon_only_clear_wait_ends_it)
{
	static struct waiter w;
	thread_t t = THREAD_NULL;

	w = (struct waiter){ .anon = true, .intr = THREAD_UNINT, .cpu = -1 };
	KT_ASSERT_EQ(waiter_start(&w, &t), KERN_SUCCESS);
	KT_EXPECT(kt_wait_blocked(t));
	KT_EXPECT_EQ(w.asserted_r, THREAD_WAITING);
	KT_EXPECT_EQ(thread_state(t) & (TH_WAIT | TH_WAIT_ANON),
	    TH_WAIT | TH_WAIT_ANON);
	KT_EXPECT_EQ(thread_wakeup(&w.ev), KERN_NOT_WAITING);
	KT_EXPECT_EQ(thread_wakeup_one(NULL), KERN_NOT_WAITING);
	KT_EXPECT_EQ(thread_interrupt(t), KERN_NOT_WAITING);
	thread_sleep_ns(NSEC_PER_MSEC);
	KT_EXPECT_EQ(thread_state(t) & TH_WAIT, TH_WAIT);
	KT_EXPECT_EQ(clear_wait(t, THREAD_RESTART), KERN_SUCCESS);
	kt_join(&t);
	KT_EXPECT_EQ(w.result, THREAD_RESTART);
}

KTEST(wait, anon_interrupt)
{
	static struct waiter w;
	thread_t t = THREAD_NULL;

	w = (struct waiter){ .anon = true, .intr = THREAD_INTERRUPTIBLE,
	    .cpu = -1 };
	KT_ASSERT_EQ(waiter_start(&w, &t), KERN_SUCCESS);
	KT_EXPECT(kt_wait_blocked(t));
	KT_EXPECT_EQ(thread_interrupt(t), KERN_SUCCESS);
	kt_join(&t);
	KT_EXPECT_EQ(w.result, THREAD_INTERRUPTED);
}

/* a deadline on a wait on no event: times out, never early, timer gone */
KTEST(wait, anon_deadline)
{
	static struct waiter w;
	thread_t t = THREAD_NULL;
	uint64_t t0 = nanotime();

	w = (struct waiter){ .anon = true, .intr = THREAD_INTERRUPTIBLE,
	    .cpu = -1, .timeout_ns = 5 * NSEC_PER_MSEC,
	    .second_ns = 2 * NSEC_PER_MSEC };
	KT_ASSERT_EQ(waiter_start(&w, &t), KERN_SUCCESS);
	kt_join(&t);
	KT_EXPECT_EQ(w.result, THREAD_TIMED_OUT);
	KT_EXPECT_GE(w.end, w.deadline);
	KT_EXPECT_LE(w.end - w.deadline, SLACK_NS);
	KT_EXPECT_EQ(w.result2, THREAD_TIMED_OUT);
	KT_EXPECT_GE(w.end2, w.deadline2);
	/* in the past: over at once */
	KT_EXPECT_EQ(thread_will_wait_deadline(THREAD_UNINT, t0),
	    THREAD_TIMED_OUT);
	KT_EXPECT_EQ(thread_block(), THREAD_TIMED_OUT);
	KT_EXPECT_EQ(thread_block(), THREAD_AWAKENED);	/* a yield now */
}

/* cleared before it blocks: thread_block returns at once with the result */
KTEST(wait, anon_cleared_before_block)
{
	thread_t me = current_thread();

	KT_ASSERT_EQ(thread_will_wait(THREAD_UNINT), THREAD_WAITING);
	KT_EXPECT_EQ(clear_wait(me, THREAD_INTERRUPTED), KERN_SUCCESS);
	KT_EXPECT_EQ(clear_wait(me, THREAD_AWAKENED), KERN_NOT_WAITING);
	KT_EXPECT_EQ(thread_block(), THREAD_INTERRUPTED);
	KT_EXPECT_EQ(thread_state(me) & (TH_WAIT | TH_WAIT_ANON | TH_RUN),
	    TH_RUN);
}

KTEST(wait, clear_wait_bad_input)
{
	static struct waiter w;
	thread_t t = THREAD_NULL;

	KT_EXPECT_EQ(clear_wait(THREAD_NULL, THREAD_AWAKENED),
	    KERN_INVALID_ARGUMENT);
	KT_EXPECT_EQ(clear_wait(current_thread(), THREAD_WAITING),
	    KERN_INVALID_ARGUMENT);
	KT_EXPECT_EQ(clear_wait(current_thread(), THREAD_RESTART + 1),
	    KERN_INVALID_ARGUMENT);
	KT_EXPECT_EQ(clear_wait(current_thread(), THREAD_AWAKENED),
	    KERN_NOT_WAITING);
	/* an event wait: clear_wait ends it too, with the result given */
	w = (struct waiter){ .intr = THREAD_UNINT, .cpu = -1 };
	KT_ASSERT_EQ(waiter_start(&w, &t), KERN_SUCCESS);
	KT_EXPECT(kt_wait_blocked(t));
	KT_EXPECT_EQ(clear_wait(t, THREAD_TIMED_OUT), KERN_SUCCESS);
	thread_join(t);
	KT_EXPECT_EQ(w.result, THREAD_TIMED_OUT);
	/* terminated */
	KT_EXPECT_EQ(clear_wait(t, THREAD_AWAKENED), KERN_TERMINATED);
	thread_deallocate(t);
}

/*
 * --- stress ---
 *
 * Waiters wait on a few shared events, or on none, with short random
 * deadlines, half of the waits interruptible; wakers wake those events (all
 * or one), interrupt waiters and clear their waits at random; meanwhile short-lived threads are created,
 * wait once and terminate.  Nothing may hang, and every wait must end
 * AWAKENED, TIMED_OUT or (interruptible ones) INTERRUPTED.
 */
#define ST_WAITERS	6
#define ST_WAKERS	2
#define ST_ITERS	300
#define ST_EVENTS	4
#define ST_CHURN	48
#define ST_MAX_WAIT_NS	(200 * NSEC_PER_USEC)

struct stress {
	uint64_t	ev[ST_EVENTS];
	thread_t	waiter[ST_WAITERS];
	volatile uint32_t stop;
	volatile uint32_t progress;
	volatile uint32_t done;
	volatile uint32_t awakened, timed_out, interrupted;
	volatile uint32_t bad_result, bad_assert, bad_kr;
	volatile uint32_t churn_waits;
};

static struct stress st;

static void
st_count(wait_result_t r, wait_interrupt_t intr)
{
	switch (r) {
	case THREAD_AWAKENED:
		__atomic_fetch_add(&st.awakened, 1, __ATOMIC_RELAXED);
		break;
	case THREAD_TIMED_OUT:
		__atomic_fetch_add(&st.timed_out, 1, __ATOMIC_RELAXED);
		break;
	case THREAD_INTERRUPTED:
		if (intr == THREAD_INTERRUPTIBLE) {
			__atomic_fetch_add(&st.interrupted, 1, __ATOMIC_RELAXED);
			break;
		}
		/* fall through */
	default:
		__atomic_fetch_add(&st.bad_result, 1, __ATOMIC_RELAXED);
	}
}

static wait_result_t
st_wait(uint64_t *seed, wait_interrupt_t intr)
{
	event_t ev = &st.ev[rnd(seed) % ST_EVENTS];
	uint64_t deadline = nanotime() + rnd(seed) % ST_MAX_WAIT_NS;
	wait_result_t r;

	/* one wait in three on no event: only timeouts, interrupts, clear_wait */
	if (rnd(seed) % 3 == 0)
		r = thread_will_wait_deadline(intr, deadline);
	else
		r = assert_wait_deadline(ev, intr, deadline);
	if (r != THREAD_WAITING && r != THREAD_TIMED_OUT)
		__atomic_fetch_add(&st.bad_assert, 1, __ATOMIC_RELAXED);
	return thread_block();
}

static void
st_waiter(void *arg)
{
	uint64_t seed = 0x9e3779b97f4a7c15ull * ((uintptr_t)arg + 1);

	for (int i = 0; i < ST_ITERS; i++) {
		wait_interrupt_t intr = (rnd(&seed) & 1) ? THREAD_INTERRUPTIBLE :
		    THREAD_UNINT;

		st_count(st_wait(&seed, intr), intr);
		__atomic_fetch_add(&st.progress, 1, __ATOMIC_RELAXED);
	}
	__atomic_fetch_add(&st.done, 1, __ATOMIC_RELEASE);
}

static void
st_waker(void *arg)
{
	uint64_t seed = 0x2545f4914f6cdd1dull * ((uintptr_t)arg + 1);

	for (uint32_t n = 0; !__atomic_load_n(&st.stop, __ATOMIC_ACQUIRE); n++) {
		event_t ev = &st.ev[rnd(&seed) % ST_EVENTS];
		kern_return_t kr;
		thread_t t;

		switch (rnd(&seed) % 5) {
		case 0:
		case 1:
			kr = thread_wakeup(ev);
			break;
		case 2:
			kr = thread_wakeup_one(ev);
			break;
		case 3:
			t = st.waiter[rnd(&seed) % ST_WAITERS];
			kr = t != THREAD_NULL ? thread_interrupt(t) : KERN_SUCCESS;
			if (kr == KERN_TERMINATED)
				kr = KERN_SUCCESS;
			break;
		default:
			t = st.waiter[rnd(&seed) % ST_WAITERS];
			kr = t != THREAD_NULL ? clear_wait(t, THREAD_AWAKENED) :
			    KERN_SUCCESS;
			if (kr == KERN_TERMINATED)
				kr = KERN_SUCCESS;
			break;
		}
		if (kr != KERN_SUCCESS && kr != KERN_NOT_WAITING)
			__atomic_fetch_add(&st.bad_kr, 1, __ATOMIC_RELAXED);
		if (n % 8 == 7)
			thread_sleep_ns(rnd(&seed) % ST_MAX_WAIT_NS + 1);
		else
			thread_yield();
	}
}

/* a short-lived thread: wait once (or not at all), then terminate */
static void
st_churn(void *arg)
{
	uint64_t seed = 0xbf58476d1ce4e5b9ull * ((uintptr_t)arg + 1);

	if (rnd(&seed) % 4 == 0)
		return;
	st_count(st_wait(&seed, THREAD_UNINT), THREAD_UNINT);
	__atomic_fetch_add(&st.churn_waits, 1, __ATOMIC_RELAXED);
}

/* the waiters stopped making progress: fail, and free them so they can be joined */
static bool
st_watch(void)
{
	uint32_t last = UINT32_MAX;
	uint64_t stall = 0;

	while (__atomic_load_n(&st.done, __ATOMIC_ACQUIRE) < ST_WAITERS) {
		uint32_t p = st.progress;

		if (p != last) {
			last = p;
			stall = nanotime() + LIMIT_NS;
		} else if (nanotime() > stall) {
			while (__atomic_load_n(&st.done, __ATOMIC_ACQUIRE) < ST_WAITERS) {
				for (int i = 0; i < ST_EVENTS; i++)
					thread_wakeup(&st.ev[i]);
				thread_sleep_ns(NSEC_PER_MSEC);
			}
			return false;
		}
		thread_sleep_ns(5 * NSEC_PER_MSEC);
	}
	return true;
}

KTEST(wait, stress_wakeups_timeouts_terminations)
{
	thread_t wk[ST_WAKERS] = { 0 }, churn[4] = { 0 };
	uint32_t nwait = 0, churned = 0;
	bool ok;

	st = (struct stress){ 0 };
	for (int i = 0; i < ST_WAITERS; i++) {
		if (kernel_thread_start(st_waiter, (void *)(uintptr_t)i,
		    &st.waiter[i]) == KERN_SUCCESS)
			nwait++;
		else
			st.done++;
	}
	KT_EXPECT_EQ(nwait, ST_WAITERS);
	for (int i = 0; i < ST_WAKERS; i++) {
		KT_EXPECT_EQ(kernel_thread_start(st_waker, (void *)(uintptr_t)i,
		    &wk[i]), KERN_SUCCESS);
	}
	/* churn: create, run, terminate, join, four at a time */
	for (uint32_t i = 0; i < ST_CHURN; i += 4) {
		for (uint32_t j = 0; j < 4; j++) {
			if (kernel_thread_start(st_churn, (void *)(uintptr_t)(i + j),
			    &churn[j]) == KERN_SUCCESS)
				churned++;
		}
		for (int j = 0; j < 4; j++)
			kt_join(&churn[j]);
	}
	ok = st_watch();
	for (int i = 0; i < ST_WAITERS; i++) {
		if (st.waiter[i] != THREAD_NULL)
			thread_join(st.waiter[i]);
	}
	__atomic_store_n(&st.stop, 1, __ATOMIC_RELEASE);
	for (int i = 0; i < ST_WAKERS; i++)
		kt_join(&wk[i]);
	for (int i = 0; i < ST_WAITERS; i++)
		kt_join(&st.waiter[i]);
	ktest_log(kt, "waits: %u awakened, %u timed out, %u interrupted; "
	    "%u churn threads", st.awakened, st.timed_out, st.interrupted, churned);
	KT_EXPECT(ok);
	KT_EXPECT_EQ(churned, ST_CHURN);
	KT_EXPECT_EQ(st.progress, nwait * ST_ITERS);
	KT_EXPECT_EQ(st.awakened + st.timed_out + st.interrupted,
	    nwait * ST_ITERS + st.churn_waits);
	KT_EXPECT_EQ(st.bad_result, 0);
	KT_EXPECT_EQ(st.bad_assert, 0);
	KT_EXPECT_EQ(st.bad_kr, 0);
}
