/*
 * test/user/usema.c - Mach semaphores from user mode: semaphore_create /
 * semaphore_destroy on task ports, every semaphore call and each of its
 * error codes, waits ended by signals, signal_all, signal_thread,
 * deadlines, aborts and destruction, ping-pong between two threads and
 * across harts, a semaphore moved to another task in a message, the
 * owner's end destroying its semaphores, the last send right freeing one,
 * SEMAPHORE_MAX, and our names back where they were.  The kernel's
 * counters are checked by semaphore.user_program_back_to_baseline, which
 * runs this program twice.
 *
 * Every wait here that should end has a deadline or is ended by the test
 * (signal, destroy, abort, termination), so a lost wake-up fails a test
 * instead of hanging the run.
 */
#include <stdint.h>
#include <string.h>

#include <mach/mach.h>
#include <mach/riscv/trap.h>
#include <mach/rvmach_debug.h>
#include <mach/semaphore.h>
#include <mach/syscall_sw.h>

#include "ktap.h"
#include "utest_util.h"

#define STACK_SIZE	(16 * 1024)
#define BAD_NAME	((mach_port_t)0x12345678)
#define BAD_PTR		0x8ul		/* never mapped */
#define PINGPONGS	2000
#define CROSS_ROUNDS	2000
#define CHILD_PARENT_NAME ((mach_port_t)0x10103)	/* our port, in the child */
#define SEMAPHORES_MAX	16384		/* the kernel's SEMAPHORE_MAX */

static mach_port_t self;

enum { ST_W1, ST_W2, ST_W3, ST_PONG, ST_CHILD, NSTACKS };
static uint8_t stacks[NSTACKS][STACK_SIZE] __attribute__((aligned(16)));

static const mach_timespec_t poll_ts = { 0, 0 };
static const mach_timespec_t long_ts = { WAIT_MS / 1000, 0 };

/* --- helpers --- */

static uint64_t
now_ns(void)
{
	static mach_timebase_info_data_t tb;

	if (tb.denom == 0)
		mach_timebase_info(&tb);
	return mach_absolute_time() * tb.numer / tb.denom;
}

/* how many names our space has */
static uint32_t
name_count(void)
{
	uint32_t count = 0;

	if (rvmach_trap(RVMACH_TRAP_mach_port_names, self, 0, 0, 0, (long)&count,
	    0, 0) != KERN_SUCCESS)
		return 0xffffffff;
	return count;
}

/* poll until th is blocked, at most WAIT_MS */
static int
wait_blocked(thread_act_t th)
{
	return wait_state(th, TH_STATE_WAITING);
}

static semaphore_t
new_sem(int policy, int value)
{
	semaphore_t s = MACH_PORT_NULL;

	if (semaphore_create(self, &s, policy, value) != KERN_SUCCESS)
		return MACH_PORT_NULL;
	return s;
}

/* does s hold exactly n units? (takes them, then gives them back) */
static int
count_is(semaphore_t s, int n)
{
	int got = 0;

	while (got <= n && semaphore_timedwait(s, poll_ts) == KERN_SUCCESS)
		got++;
	for (int i = 0; i < got; i++)
		semaphore_signal(s);
	return got == n;
}

/* --- threads started by hand (thread_create_running) --- */

static void
entry_state(struct riscv_thread_state *st, void (*fn)(void *), void *arg, int s)
{
	entry_state_at(st, fn, arg, stacks[s] + STACK_SIZE);
}

static kern_return_t
start_thread(mach_port_t task, void (*fn)(void *), void *arg, int s,
    thread_act_t *th)
{
	struct riscv_thread_state st;

	entry_state(&st, fn, arg, s);
	return thread_create_running(task, RISCV_THREAD_STATE,
	    (thread_state_t)&st, RISCV_THREAD_STATE_COUNT, th);
}

/* a thread that makes one semaphore call and records how it ended */
enum w_op { W_WAIT, W_TIMEDWAIT, W_WAIT_SIGNAL };

struct waiter {
	semaphore_t s, sig;
	enum w_op op;
	mach_timespec_t ts;
	int stack;
	thread_act_t th;
	volatile uint64_t done;
	volatile uint64_t order;	/* 1 + how many waiters returned before */
	volatile kern_return_t kr;
};

static volatile uint64_t waiters_returned;

static void
waiter_fn(void *arg)
{
	struct waiter *w = arg;
	kern_return_t kr;

	switch (w->op) {
	case W_WAIT:
		kr = semaphore_wait(w->s);
		break;
	case W_TIMEDWAIT:
		kr = semaphore_timedwait(w->s, w->ts);
		break;
	default:
		kr = semaphore_wait_signal(w->s, w->sig);
		break;
	}
	w->kr = kr;
	w->order = __atomic_add_fetch(&waiters_returned, 1, __ATOMIC_ACQ_REL);
	__atomic_store_n(&w->done, 1, __ATOMIC_RELEASE);
}

/* start w (op on s) and wait until it is blocked */
static int
waiter_start(struct waiter *w, enum w_op op, semaphore_t s, int stack)
{
	memset(w, 0, sizeof(*w));
	w->op = op;
	w->s = s;
	w->ts = long_ts;
	w->stack = stack;
	w->kr = -1;
	return start_thread(self, waiter_fn, w, stack, &w->th) == KERN_SUCCESS &&
	    wait_blocked(w->th) && !w->done;
}

/* w returned want and its thread is gone (its stack free again) */
static int
waiter_end(struct waiter *w, kern_return_t want)
{
	int ok = wait_for(&w->done, 1) && w->kr == want;

	if (!ok)
		ktap_diag("waiter on stack %d: done %lu, returned %#x, wanted %#x",
		    w->stack, (unsigned long)w->done, w->kr, want);
	return wait_dead(w->th) && ok;
}

/* ------------------------------------------------------------------ */

static void
test_create(void)
{
	static const int bad_policies[] = { 4, 5, 8, 0x10, -1 };
	semaphore_t s = MACH_PORT_NULL;
	thread_act_t me = mach_thread_self();
	mach_port_t p = new_port();
	mach_port_t bad_tasks[] = { BAD_NAME, MACH_PORT_NULL, p, me };
	uint32_t names = name_count();
	int ok;

	ktap_ok(semaphore_create(self, &s, SYNC_POLICY_FIFO, 0) == KERN_SUCCESS &&
	    s != MACH_PORT_NULL && type_of(s) == MACH_PORT_TYPE_SEND &&
	    send_refs(s) == 1 && name_count() == names + 1,
	    "create_gives_one_send_right");
	ok = mach_port_deallocate(self, s) == KERN_SUCCESS &&
	    name_count() == names;
	for (int pol = 0; pol <= SYNC_POLICY_ORDER_MASK; pol++) {
		ok &= semaphore_create(self, &s, pol, 7) == KERN_SUCCESS &&
		    count_is(s, 7);
		mach_port_deallocate(self, s);
	}
	ktap_ok(ok && name_count() == names, "create_every_policy");
	ok = 1;
	for (unsigned i = 0; i < sizeof(bad_policies) / sizeof(bad_policies[0]);
	    i++) {
		s = BAD_NAME;
		ok &= semaphore_create(self, &s, bad_policies[i], 0) ==
		    KERN_INVALID_ARGUMENT && s == MACH_PORT_NULL;
	}
	s = BAD_NAME;
	ok &= semaphore_create(self, &s, SYNC_POLICY_FIFO, -1) ==
	    KERN_INVALID_ARGUMENT && s == MACH_PORT_NULL;
	ktap_ok(ok && name_count() == names, "create_bad_policy_or_value");
	ok = 1;
	for (unsigned i = 0; i < sizeof(bad_tasks) / sizeof(bad_tasks[0]); i++)
		ok &= semaphore_create(bad_tasks[i], &s, SYNC_POLICY_FIFO, 0) ==
		    MACH_SEND_INVALID_DEST;
	ktap_ok(ok && name_count() == names, "create_bad_task_invalid_dest");
	ktap_ok(semaphore_create(self, (semaphore_t *)BAD_PTR, SYNC_POLICY_FIFO,
	    0) == KERN_INVALID_ADDRESS && semaphore_create(self,
	    (semaphore_t *)0xffffffc000000000ul, SYNC_POLICY_FIFO, 0) ==
	    KERN_INVALID_ADDRESS && name_count() == names,
	    "create_bad_pointer_makes_nothing");
	mach_port_deallocate(self, me);
	mach_port_destroy(self, p);
}

static void
test_counting(void)
{
	semaphore_t s = new_sem(SYNC_POLICY_FIFO, 2);
	int ok;

	ok = semaphore_timedwait(s, poll_ts) == KERN_SUCCESS &&
	    semaphore_wait(s) == KERN_SUCCESS &&
	    semaphore_timedwait(s, poll_ts) == KERN_OPERATION_TIMED_OUT;
	ktap_ok(s != MACH_PORT_NULL && ok, "initial_value_is_the_count");
	ok = semaphore_signal(s) == KERN_SUCCESS &&
	    semaphore_signal(s) == KERN_SUCCESS && count_is(s, 2) &&
	    semaphore_wait(s) == KERN_SUCCESS && semaphore_wait(s) == KERN_SUCCESS &&
	    count_is(s, 0);
	ktap_ok(ok, "signals_count_waits_take");
	/* signal_all with nobody waiting counts nothing and takes nothing */
	ok = semaphore_signal_all(s) == KERN_SUCCESS && count_is(s, 0) &&
	    semaphore_signal(s) == KERN_SUCCESS &&
	    semaphore_signal_all(s) == KERN_SUCCESS && count_is(s, 1);
	ktap_ok(ok, "signal_all_without_waiters_keeps_count");
	/* signal_thread never counts (XNU) */
	ok = semaphore_signal_thread(s, THREAD_NULL) == KERN_NOT_WAITING &&
	    count_is(s, 1);
	ktap_ok(ok, "signal_thread_nobody_waiting_not_waiting");
	mach_port_deallocate(self, s);
}

/* each name in bad, given to every semaphore trap, returns want */
static int
all_calls_return(mach_port_t bad, kern_return_t want, semaphore_t good)
{
	int ok = 1;

	ok &= semaphore_signal(bad) == want;
	ok &= semaphore_signal_all(bad) == want;
	ok &= semaphore_signal_thread(bad, THREAD_NULL) == want;
	ok &= semaphore_wait(bad) == want;
	ok &= semaphore_timedwait(bad, poll_ts) == want;
	ok &= semaphore_timedwait(bad, long_ts) == want;
	ok &= semaphore_wait_signal(bad, good) == want;
	ok &= semaphore_wait_signal(good, bad) == want;
	ok &= semaphore_timedwait_signal(bad, good, poll_ts) == want;
	ok &= semaphore_timedwait_signal(good, bad, long_ts) == want;
	if (!ok)
		ktap_diag("name %#x: a call did not return %#x", bad, want);
	return ok;
}

static void
test_bad_names(void)
{
	semaphore_t s = new_sem(SYNC_POLICY_FIFO, 1);
	mach_port_t p = new_port(), ps = MACH_PORT_NULL, dead = MACH_PORT_NULL;
	mach_port_t ns = new_port(), me = mach_thread_self();
	mach_port_t host = mach_host_self();
	mach_timespec_t ts;
	int ok;

	mach_port_allocate(self, MACH_PORT_RIGHT_PORT_SET, &ps);
	mach_port_allocate(self, MACH_PORT_RIGHT_DEAD_NAME, &dead);
	mach_port_insert_right(self, ns, ns, MACH_MSG_TYPE_MAKE_SEND);
	ok = all_calls_return(MACH_PORT_NULL, KERN_INVALID_NAME, s) &&
	    all_calls_return(MACH_PORT_DEAD, KERN_INVALID_NAME, s) &&
	    all_calls_return(BAD_NAME, KERN_INVALID_NAME, s);
	ktap_ok(ok && count_is(s, 1), "no_right_invalid_name");
	ok = all_calls_return(p, KERN_INVALID_RIGHT, s) &&
	    all_calls_return(ps, KERN_INVALID_RIGHT, s) &&
	    all_calls_return(dead, KERN_INVALID_RIGHT, s);
	ktap_ok(ok && count_is(s, 1), "no_send_right_invalid_right");
	/* XNU's port_name_to_semaphore: a send right, but not a semaphore */
	ok = all_calls_return(self, KERN_INVALID_CAPABILITY, s) &&
	    all_calls_return(me, KERN_INVALID_CAPABILITY, s) &&
	    all_calls_return(ns, KERN_INVALID_CAPABILITY, s) &&
	    all_calls_return(host, KERN_INVALID_CAPABILITY, s);
	ktap_ok(ok && count_is(s, 1), "other_send_right_invalid_capability");
	/* the bad timeout comes first, before the names and before any unit */
	ok = 1;
	ts = (mach_timespec_t){ 0, (clock_res_t)NSEC_PER_SEC };
	ok &= semaphore_timedwait(s, ts) == KERN_INVALID_VALUE &&
	    semaphore_timedwait(BAD_NAME, ts) == KERN_INVALID_VALUE &&
	    semaphore_timedwait_signal(s, s, ts) == KERN_INVALID_VALUE &&
	    semaphore_timedwait_signal(BAD_NAME, BAD_NAME, ts) == KERN_INVALID_VALUE;
	ts = (mach_timespec_t){ 1, -1 };
	ok &= semaphore_timedwait(s, ts) == KERN_INVALID_VALUE &&
	    semaphore_timedwait_signal(s, s, ts) == KERN_INVALID_VALUE;
	ok &= semaphore_timedwait_trap(s, 0, 0x7fffffff) == KERN_INVALID_VALUE;
	ok &= count_is(s, 1);
	ts = (mach_timespec_t){ 0, (clock_res_t)(NSEC_PER_SEC - 1) };
	ok &= semaphore_timedwait(s, ts) == KERN_SUCCESS && count_is(s, 0);
	semaphore_signal(s);
	ktap_ok(ok, "bad_timespec_invalid_value_first");
	/* XNU: the thread name is checked first, KERN_INVALID_ARGUMENT */
	ok = semaphore_signal_thread(s, BAD_NAME) == KERN_INVALID_ARGUMENT &&
	    semaphore_signal_thread(s, self) == KERN_INVALID_ARGUMENT &&
	    semaphore_signal_thread(s, p) == KERN_INVALID_ARGUMENT &&
	    semaphore_signal_thread(BAD_NAME, BAD_NAME) == KERN_INVALID_ARGUMENT &&
	    semaphore_signal_thread(BAD_NAME, me) == KERN_INVALID_NAME;
	ktap_ok(ok && count_is(s, 1), "signal_thread_not_a_thread_invalid_argument");
	/* the unused trap numbers around ours stay kern_invalid */
	ok = rvmach_trap0(-32) == KERN_INVALID_ARGUMENT &&
	    rvmach_trap0(-182) == KERN_INVALID_ARGUMENT;
	ktap_ok(ok, "neighbour_traps_invalid");
	mach_port_deallocate(self, s);
	mach_port_deallocate(self, me);
	mach_port_deallocate(self, host);
	mach_port_destroy(self, p);
	mach_port_destroy(self, ps);
	mach_port_destroy(self, dead);
	mach_port_destroy(self, ns);
}

static void
test_signal_thread(void)
{
	static struct waiter w1, w2;
	semaphore_t s = new_sem(SYNC_POLICY_FIFO, 0);
	thread_act_t me = mach_thread_self();
	int ok;

	ktap_ok(semaphore_signal_thread(s, me) == KERN_NOT_WAITING &&
	    count_is(s, 0), "signal_thread_not_waiting_thread");
	ok = waiter_start(&w1, W_WAIT, s, ST_W1) &&
	    waiter_start(&w2, W_WAIT, s, ST_W2);
	ok = ok && semaphore_signal_thread(s, w2.th) == KERN_SUCCESS &&
	    waiter_end(&w2, KERN_SUCCESS);
	sleep_ms(10);
	ktap_ok(ok && !w1.done && count_is(s, 0), "signal_thread_wakes_that_thread");
	ok = semaphore_signal_thread(s, THREAD_NULL) == KERN_SUCCESS &&
	    waiter_end(&w1, KERN_SUCCESS) && count_is(s, 0);
	ktap_ok(ok, "signal_thread_null_wakes_a_waiter");
	mach_port_deallocate(self, me);
	mach_port_deallocate(self, s);
}

/* --- two threads --- */

static semaphore_t pp_a, pp_b;
static volatile uint64_t pp_stop, pp_bad;

/* B: each time A's signal wakes it, signal A back and wait again */
static void
pong_fn(void *arg __attribute__((unused)))
{
	if (semaphore_wait(pp_b) != KERN_SUCCESS)
		pp_bad++;
	while (!__atomic_load_n(&pp_stop, __ATOMIC_ACQUIRE))
		if (semaphore_wait_signal(pp_b, pp_a) != KERN_SUCCESS) {
			pp_bad++;
			break;
		}
}

static void
test_ping_pong(void)
{
	thread_act_t th = MACH_PORT_NULL;
	int ok, done = 0;

	pp_a = new_sem(SYNC_POLICY_FIFO, 0);
	pp_b = new_sem(SYNC_POLICY_FIFO, 0);
	pp_stop = pp_bad = 0;
	ok = start_thread(self, pong_fn, NULL, ST_PONG, &th) == KERN_SUCCESS &&
	    wait_blocked(th);
	while (ok && done < PINGPONGS) {
		ok = semaphore_wait_signal(pp_a, pp_b) == KERN_SUCCESS;
		done += ok;
	}
	__atomic_store_n(&pp_stop, 1, __ATOMIC_RELEASE);
	semaphore_signal(pp_b);
	ok = ok && wait_dead(th) && pp_bad == 0 && count_is(pp_a, 0) &&
	    count_is(pp_b, 0);
	if (!ok)
		ktap_diag("ping-pong: %d rounds, %lu failures", done,
		    (unsigned long)pp_bad);
	ktap_ok(ok, "wait_signal_ping_pong_%d", PINGPONGS);
	mach_port_deallocate(self, pp_a);
	mach_port_deallocate(self, pp_b);
}

/*
 * Across harts: A polls with zero timeouts (it never blocks, so with two
 * harts or more B runs beside it) while B blocks in semaphore_wait; each
 * round A signals b and polls until a comes back, yielding between polls
 * (on one hart, so that B runs at all).
 */
static void
cross_b(void *arg __attribute__((unused)))
{
	while (!__atomic_load_n(&pp_stop, __ATOMIC_ACQUIRE)) {
		if (semaphore_wait(pp_b) != KERN_SUCCESS ||
		    semaphore_signal(pp_a) != KERN_SUCCESS) {
			pp_bad++;
			break;
		}
	}
}

static void
test_cross_hart(void)
{
	thread_act_t th = MACH_PORT_NULL;
	uint64_t polls = 0, end = now_ns() + 20ull * NSEC_PER_SEC;
	uint64_t lost = end + WAIT_MS * NSEC_PER_MSEC;
	int ok, done = 0;

	pp_a = new_sem(SYNC_POLICY_FIFO, 0);
	pp_b = new_sem(SYNC_POLICY_FIFO, 0);
	pp_stop = pp_bad = 0;
	ok = start_thread(self, cross_b, NULL, ST_PONG, &th) == KERN_SUCCESS &&
	    wait_blocked(th);
	/*
	 * A time budget for the rounds (a cross-hart wake-up is slow on a
	 * loaded host); a unit that does not come back by `lost` was lost.
	 */
	while (ok && done < CROSS_ROUNDS && now_ns() < end) {
		kern_return_t kr;

		ok = semaphore_signal(pp_b) == KERN_SUCCESS;
		while (ok && (kr = semaphore_timedwait(pp_a, poll_ts)) ==
		    KERN_OPERATION_TIMED_OUT && now_ns() < lost) {
			polls++;
			swtch_pri(0);
		}
		ok = ok && kr == KERN_SUCCESS;
		done += ok;
	}
	__atomic_store_n(&pp_stop, 1, __ATOMIC_RELEASE);
	semaphore_signal(pp_b);
	/* B's last signal, or ours if B saw the stop first */
	ok = ok && done > 0 && wait_dead(th) && pp_bad == 0 &&
	    ((count_is(pp_a, 1) && count_is(pp_b, 0)) ||
	    (count_is(pp_a, 0) && count_is(pp_b, 1)));
	ktap_diag("cross-hart: %d rounds, %lu polls", done, (unsigned long)polls);
	ktap_ok(ok, "poll_and_wait_across_harts");
	mach_port_deallocate(self, pp_a);
	mach_port_deallocate(self, pp_b);
}

static void
test_order(void)
{
	static struct waiter w[3];
	semaphore_t fifo = new_sem(SYNC_POLICY_FIFO, 0);
	semaphore_t lifo = new_sem(SYNC_POLICY_LIFO, 0);
	int ok;

	ok = waiter_start(&w[0], W_WAIT, fifo, ST_W1) &&
	    waiter_start(&w[1], W_WAIT, fifo, ST_W2);
	ok = ok && semaphore_signal(fifo) == KERN_SUCCESS &&
	    waiter_end(&w[0], KERN_SUCCESS) && !w[1].done &&
	    semaphore_signal(fifo) == KERN_SUCCESS &&
	    waiter_end(&w[1], KERN_SUCCESS);
	ktap_ok(ok && count_is(fifo, 0), "fifo_wakes_the_oldest");
	ok = waiter_start(&w[0], W_WAIT, lifo, ST_W1) &&
	    waiter_start(&w[1], W_WAIT, lifo, ST_W2);
	ok = ok && semaphore_signal(lifo) == KERN_SUCCESS &&
	    waiter_end(&w[1], KERN_SUCCESS) && !w[0].done &&
	    semaphore_signal(lifo) == KERN_SUCCESS &&
	    waiter_end(&w[0], KERN_SUCCESS);
	ktap_ok(ok && count_is(lifo, 0), "lifo_wakes_the_newest");
	ok = waiter_start(&w[0], W_WAIT, fifo, ST_W1) &&
	    waiter_start(&w[1], W_TIMEDWAIT, fifo, ST_W2) &&
	    waiter_start(&w[2], W_WAIT, fifo, ST_W3);
	ok = ok && semaphore_signal_all(fifo) == KERN_SUCCESS &&
	    waiter_end(&w[0], KERN_SUCCESS) && waiter_end(&w[1], KERN_SUCCESS) &&
	    waiter_end(&w[2], KERN_SUCCESS);
	ktap_ok(ok && count_is(fifo, 0), "signal_all_wakes_every_waiter");
	mach_port_deallocate(self, fifo);
	mach_port_deallocate(self, lifo);
}

/* --- deadlines and aborts --- */

static void
test_timeouts(void)
{
	static struct waiter w;
	semaphore_t s = new_sem(SYNC_POLICY_FIFO, 0);
	semaphore_t sig = new_sem(SYNC_POLICY_FIFO, 0);
	mach_timespec_t ts = { 0, 50 * 1000 * 1000 };
	uint64_t t0, t1;
	kern_return_t kr;
	int ok;

	t0 = now_ns();
	kr = semaphore_timedwait(s, ts);
	t1 = now_ns();
	if (kr != KERN_OPERATION_TIMED_OUT || t1 - t0 < 50 * NSEC_PER_MSEC)
		ktap_diag("timedwait: %#x after %lu ns", kr, (unsigned long)(t1 - t0));
	ktap_ok(kr == KERN_OPERATION_TIMED_OUT && t1 - t0 >= 50 * NSEC_PER_MSEC &&
	    t1 - t0 < WAIT_MS * NSEC_PER_MSEC, "timedwait_times_out");
	ts.tv_nsec = 20 * 1000 * 1000;
	ok = semaphore_timedwait_signal(s, sig, ts) == KERN_OPERATION_TIMED_OUT &&
	    count_is(sig, 1) && count_is(s, 0);
	ktap_ok(ok, "timedwait_signal_signals_then_times_out");
	/* {0, 0} polls: the signal still goes out */
	ok = semaphore_timedwait_signal(s, sig, poll_ts) ==
	    KERN_OPERATION_TIMED_OUT && count_is(sig, 2) &&
	    semaphore_timedwait_signal(sig, s, poll_ts) == KERN_SUCCESS &&
	    count_is(s, 1) && count_is(sig, 1);
	ktap_ok(ok, "zero_timeout_polls");
	semaphore_wait(s);
	semaphore_wait(sig);
	ok = waiter_start(&w, W_TIMEDWAIT, s, ST_W1);
	t0 = now_ns();
	ok = ok && semaphore_signal(s) == KERN_SUCCESS &&
	    waiter_end(&w, KERN_SUCCESS) && now_ns() - t0 < WAIT_MS * NSEC_PER_MSEC;
	ktap_ok(ok && count_is(s, 0), "timedwait_signalled_before_deadline");
	ok = waiter_start(&w, W_WAIT, s, ST_W1) && thread_abort(w.th) ==
	    KERN_SUCCESS && waiter_end(&w, KERN_ABORTED);
	ktap_ok(ok && count_is(s, 0), "abort_ends_wait_aborted");
	/* a unit given after the abort is counted, not lost */
	ok = semaphore_signal(s) == KERN_SUCCESS && count_is(s, 1);
	ktap_ok(ok, "unit_after_abort_counted");
	mach_port_deallocate(self, s);
	mach_port_deallocate(self, sig);
}

/* --- destruction --- */

/* every call on a destroyed semaphore returns KERN_TERMINATED */
static int
all_terminated(semaphore_t s, semaphore_t live)
{
	int ok = semaphore_signal(s) == KERN_TERMINATED &&
	    semaphore_signal_all(s) == KERN_TERMINATED &&
	    semaphore_signal_thread(s, THREAD_NULL) == KERN_TERMINATED &&
	    semaphore_wait(s) == KERN_TERMINATED &&
	    semaphore_timedwait(s, poll_ts) == KERN_TERMINATED &&
	    semaphore_timedwait(s, long_ts) == KERN_TERMINATED &&
	    semaphore_wait_signal(s, live) == KERN_TERMINATED &&
	    semaphore_timedwait_signal(s, live, poll_ts) == KERN_TERMINATED;

	/* the two signals to live still went out (XNU) */
	return ok && count_is(live, 2) && semaphore_wait(live) == KERN_SUCCESS &&
	    semaphore_wait(live) == KERN_SUCCESS;
}

static void
test_destroy(void)
{
	static struct waiter w1, w2;
	semaphore_t live = new_sem(0, 0);
	mach_port_t p = new_port();
	uint32_t names = name_count();
	semaphore_t s = new_sem(SYNC_POLICY_FIFO, 0);
	int ok;

	ok = waiter_start(&w1, W_WAIT, s, ST_W1) &&
	    waiter_start(&w2, W_TIMEDWAIT, s, ST_W2);
	ok = ok && semaphore_destroy(self, s) == KERN_SUCCESS &&
	    waiter_end(&w1, KERN_TERMINATED) && waiter_end(&w2, KERN_TERMINATED);
	ktap_ok(ok, "destroy_wakes_waiters_terminated");
	/* XNU's MIG argument is a MOVE_SEND: the name's one uref is gone */
	ktap_ok(type_of(s) == 0 && name_count() == names,
	    "destroy_consumes_the_send_right");
	s = new_sem(SYNC_POLICY_FIFO, 3);
	ok = mach_port_mod_refs(self, s, MACH_PORT_RIGHT_SEND, 2) == KERN_SUCCESS &&
	    semaphore_destroy(self, s) == KERN_SUCCESS && send_refs(s) == 2 &&
	    all_terminated(s, live);
	ktap_ok(ok, "destroyed_semaphore_terminated");
	ok = semaphore_destroy(self, s) == KERN_TERMINATED && send_refs(s) == 1 &&
	    mach_port_deallocate(self, s) == KERN_SUCCESS && type_of(s) == 0;
	ktap_ok(ok, "destroy_twice_terminated");
	/* errors: the right stays where nothing reached the semaphore */
	s = new_sem(SYNC_POLICY_FIFO, 0);
	ok = semaphore_destroy(BAD_NAME, s) == MACH_SEND_INVALID_DEST &&
	    semaphore_destroy(MACH_PORT_NULL, s) == MACH_SEND_INVALID_DEST &&
	    semaphore_destroy(s, s) == MACH_SEND_INVALID_DEST && send_refs(s) == 1;
	ok = ok && semaphore_destroy(self, MACH_PORT_NULL) == KERN_INVALID_ARGUMENT &&
	    semaphore_destroy(self, BAD_NAME) == MACH_SEND_INVALID_RIGHT &&
	    semaphore_destroy(self, p) == MACH_SEND_INVALID_RIGHT &&
	    type_of(p) == MACH_PORT_TYPE_RECEIVE;
	ktap_ok(ok, "destroy_bad_names");
	/* a send right to something else: consumed, as the MIG message would */
	mach_port_insert_right(self, p, p, MACH_MSG_TYPE_MAKE_SEND);
	ok = semaphore_destroy(self, p) == KERN_INVALID_ARGUMENT &&
	    type_of(p) == MACH_PORT_TYPE_RECEIVE && count_is(s, 0);
	ktap_ok(ok, "destroy_not_a_semaphore_invalid_argument");
	/* the last send right going destroys it: a waiter is told */
	ok = waiter_start(&w1, W_WAIT, s, ST_W1) &&
	    mach_port_deallocate(self, s) == KERN_SUCCESS &&
	    waiter_end(&w1, KERN_TERMINATED);
	ktap_ok(ok, "last_send_right_destroys_waiter_terminated");
	ktap_ok(name_count() == names, "destroy_names_back");
	mach_port_destroy(self, p);
	mach_port_deallocate(self, live);
}

/* --- other tasks --- */

struct sem_msg {
	mach_msg_header_t h;
	mach_msg_body_t body;
	mach_msg_port_descriptor_t d[2];
};

struct sem_rcv {
	struct sem_msg m;
	mach_msg_max_trailer_t trailer;
};

/*
 * In the copy-on-write child: say hello to the parent with a send right
 * to a port of ours, receive two semaphores there, wait on the first,
 * signal the second, and wait again until the task is terminated.
 */
static void
child_fn(void *arg __attribute__((unused)))
{
	mach_port_t me = (mach_port_t)rvmach_trap0(MACH_TRAP_task_self);
	mach_port_t cp = MACH_PORT_NULL;
	struct sem_rcv r;
	mach_msg_header_t h;

	if (mach_port_allocate(me, MACH_PORT_RIGHT_RECEIVE, &cp) != KERN_SUCCESS)
		return;
	memset(&h, 0, sizeof(h));
	h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND,
	    MACH_MSG_TYPE_MAKE_SEND);
	h.msgh_size = sizeof(h);
	h.msgh_remote_port = CHILD_PARENT_NAME;
	h.msgh_local_port = cp;
	h.msgh_id = 1;
	if (mach_msg(&h, MACH_SEND_MSG, sizeof(h), 0, MACH_PORT_NULL, 0,
	    MACH_PORT_NULL) != MACH_MSG_SUCCESS)
		return;
	memset(&r, 0, sizeof(r));
	if (mach_msg(&r.m.h, MACH_RCV_MSG, 0, sizeof(r), cp, 0, MACH_PORT_NULL) !=
	    MACH_MSG_SUCCESS || r.m.body.msgh_descriptor_count != 2)
		return;
	if (semaphore_wait(r.m.d[0].name) == KERN_SUCCESS)
		semaphore_signal(r.m.d[1].name);
	semaphore_wait(r.m.d[0].name);		/* until terminated */
}

static void
test_other_tasks(void)
{
	static struct waiter w;
	uint32_t names = name_count();
	mach_port_t child = MACH_PORT_NULL, pp = new_port(), to_child;
	semaphore_t a = new_sem(SYNC_POLICY_FIFO, 0), b = new_sem(0, 0), s, s2;
	thread_act_t th = MACH_PORT_NULL;
	struct sem_rcv r;
	struct sem_msg m;
	int ok;

	/* a semaphore another task owns: we may use it, not destroy it */
	ok = task_create(self, NULL, 0, FALSE, &child) == KERN_SUCCESS &&
	    semaphore_create(child, &s, SYNC_POLICY_FIFO, 1) == KERN_SUCCESS &&
	    type_of(s) == MACH_PORT_TYPE_SEND && count_is(s, 1);
	ktap_ok(ok, "create_owned_by_another_task");
	ok = mach_port_mod_refs(self, s, MACH_PORT_RIGHT_SEND, 1) == KERN_SUCCESS &&
	    semaphore_destroy(self, s) == KERN_INVALID_RIGHT && send_refs(s) == 1 &&
	    count_is(s, 1);
	ktap_ok(ok, "destroy_not_owner_invalid_right");
	ok = semaphore_destroy(child, s) == KERN_SUCCESS && type_of(s) == 0;
	ktap_ok(ok, "owner_destroys");
	/* the owner's end destroys what it owns; our names stay, dead */
	ok = semaphore_create(child, &s2, SYNC_POLICY_FIFO, 0) == KERN_SUCCESS &&
	    waiter_start(&w, W_WAIT, s2, ST_W1) &&
	    task_terminate(child) == KERN_SUCCESS &&
	    waiter_end(&w, KERN_TERMINATED) &&
	    semaphore_signal(s2) == KERN_TERMINATED &&
	    semaphore_destroy(self, s2) == KERN_INVALID_RIGHT && type_of(s2) == 0;
	ktap_ok(ok, "owner_end_destroys_its_semaphores");
	ok = semaphore_create(child, &s, SYNC_POLICY_FIFO, 0) ==
	    MACH_SEND_INVALID_DEST && wait_dead(child);
	ktap_ok(ok, "create_on_dead_task_invalid_dest");

	/* a semaphore moved to a child in a message: it waits, we signal */
	child = MACH_PORT_NULL;
	ok = task_create(self, NULL, 0, TRUE, &child) == KERN_SUCCESS &&
	    mach_port_insert_right(child, CHILD_PARENT_NAME, pp,
	    MACH_MSG_TYPE_MAKE_SEND) == KERN_SUCCESS &&
	    start_thread(child, child_fn, NULL, ST_CHILD, &th) == KERN_SUCCESS;
	memset(&r, 0, sizeof(r));
	ok = ok && mach_msg(&r.m.h, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0, sizeof(r),
	    pp, WAIT_MS, MACH_PORT_NULL) == MACH_MSG_SUCCESS && r.m.h.msgh_id == 1;
	to_child = r.m.h.msgh_remote_port;
	ktap_ok(ok && type_of(to_child) == MACH_PORT_TYPE_SEND, "child_says_hello");
	memset(&m, 0, sizeof(m));
	m.h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MOVE_SEND, 0) |
	    MACH_MSGH_BITS_COMPLEX;
	m.h.msgh_size = sizeof(m);
	m.h.msgh_remote_port = to_child;
	m.h.msgh_id = 2;
	m.body.msgh_descriptor_count = 2;
	m.d[0].name = a;
	m.d[0].disposition = MACH_MSG_TYPE_MOVE_SEND;
	m.d[0].type = MACH_MSG_PORT_DESCRIPTOR;
	m.d[1].name = b;
	m.d[1].disposition = MACH_MSG_TYPE_COPY_SEND;
	m.d[1].type = MACH_MSG_PORT_DESCRIPTOR;
	/* we keep a uref of a: the message moves the other */
	ok = ok && mach_port_mod_refs(self, a, MACH_PORT_RIGHT_SEND, 1) ==
	    KERN_SUCCESS && mach_msg(&m.h, MACH_SEND_MSG, sizeof(m), 0,
	    MACH_PORT_NULL, 0, MACH_PORT_NULL) == MACH_MSG_SUCCESS &&
	    send_refs(a) == 1 && type_of(to_child) == 0;
	ktap_ok(ok, "send_right_moved_to_child");
	/* the child is blocked in its wait (after its receive) */
	sleep_ms(50);
	ok = ok && wait_blocked(th) && semaphore_signal(a) == KERN_SUCCESS &&
	    semaphore_timedwait(b, long_ts) == KERN_SUCCESS;
	ktap_ok(ok, "child_waits_we_signal_child_signals_back");
	ok = task_terminate(child) == KERN_SUCCESS && wait_dead(th) &&
	    mach_port_destroy(self, child) == KERN_SUCCESS &&
	    send_refs(a) == 1 && send_refs(b) == 1 &&
	    semaphore_signal(a) == KERN_SUCCESS && count_is(a, 1) &&
	    semaphore_wait(a) == KERN_SUCCESS;
	ktap_ok(ok, "child_gone_our_semaphores_live");
	mach_port_deallocate(self, a);
	mach_port_deallocate(self, b);
	mach_port_destroy(self, pp);
	ktap_ok(name_count() == names, "tasks_names_back");
}

/* --- SEMAPHORE_MAX --- */

static semaphore_t many[SEMAPHORES_MAX + 1];

static void
test_exhaustion(void)
{
	uint32_t names = name_count(), made = 0;
	kern_return_t kr = KERN_SUCCESS;
	semaphore_t s;

	while (made <= SEMAPHORES_MAX &&
	    (kr = semaphore_create(self, &many[made], SYNC_POLICY_FIFO, 0)) ==
	    KERN_SUCCESS)
		made++;
	ktap_diag("%u semaphores made before %#x", made, kr);
	ktap_ok(kr == KERN_RESOURCE_SHORTAGE && made <= SEMAPHORES_MAX &&
	    made > SEMAPHORES_MAX - 256 && many[made] == MACH_PORT_NULL &&
	    name_count() == names + made, "semaphore_max_resource_shortage");
	for (uint32_t i = 0; i < made; i++)
		mach_port_deallocate(self, many[i]);
	ktap_ok(name_count() == names && semaphore_create(self, &s,
	    SYNC_POLICY_FIFO, 0) == KERN_SUCCESS &&
	    mach_port_deallocate(self, s) == KERN_SUCCESS,
	    "create_works_again");
}

int
main(void)
{
	uint32_t names;

	self = mach_task_self();
	names = name_count();
	ktap_plan("usema", 50);
	test_create();
	test_counting();
	test_bad_names();
	test_signal_thread();
	test_ping_pong();
	test_cross_hart();
	test_order();
	test_timeouts();
	test_destroy();
	test_other_tasks();
	test_exhaustion();
	ktap_ok(name_count() == names, "names_back_to_baseline");
	return ktap_done();
}
