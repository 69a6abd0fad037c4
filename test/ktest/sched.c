/*
 * test/ktest/sched.c - the scheduler: ping-pong between harts, strict
 * priority order, round-robin fairness, preemption, load balancing, yield,
 * thread_switch and handoff.
 *
 * Time: QEMU's virtual time follows the host clock and the host may have
 * fewer cores than the guest has harts, so nothing here fails on how long
 * something took; spins are bounded by LIMIT_NS only so that a scheduler bug
 * fails the test instead of hanging the boot.  Every thread a test starts is
 * joined and deallocated before it returns: between creation and join only
 * KT_EXPECT_* is used.
 */
#include "kernel/cpu.h"
#include "kernel/ktest/ktest.h"
#include "test/ktest/sched_util.h"
#include "kernel/sched/sched.h"
#include "kernel/sched/timer.h"


/* --- helpers --- */

/* poll (sleeping) until *v >= n */
static bool
wait_count(volatile uint32_t *v, uint32_t n)
{
	uint64_t end = nanotime() + LIMIT_NS;

	while (__atomic_load_n(v, __ATOMIC_ACQUIRE) < n) {
		if (nanotime() > end)
			return false;
		thread_sleep_ns(POLL_NS);
	}
	return true;
}

static void
join_all(thread_t *t, int n)
{
	for (int i = 0; i < n; i++) {
		if (t[i] == THREAD_NULL)
			continue;
		thread_join(t[i]);
		thread_deallocate(t[i]);
		t[i] = THREAD_NULL;
	}
}

/*
 * --- ping-pong ---
 *
 * A and B, bound to two harts, pass the turn with assert_wait /
 * thread_wakeup / thread_block.  Each asserts its own wait before waking the
 * other, so the other's wake-up often lands between assert_wait and
 * thread_block: a lost one stops the game, which the watchdog reports.
 * Every wake-up must find its target waiting, every block must end
 * AWAKENED, and both sides count the same rounds.  The same game is played
 * with waits on no event (thread_will_wait, woken by clear_wait) and with
 * thread_handoff to the other hart (bound there: a wake-up, not a switch).
 *
 * Rounds: in every boot, at most PP_ROUNDS, but A stops after
 * PP_BUDGET_NS once it has played PP_MIN_ROUNDS.  A cross-hart round is two
 * IPIs, each a host thread wake-up under TCG: from ~60 us a round on an
 * idle host to several ms on a loaded 2-core host running 8 harts, so a
 * fixed 100k in every boot would blow the suite's time budget.  The full
 * 100,000 rounds run in sched.pingpong_100k, a KTEST_LONG test that boots
 * of their own name (virt-smp4.pingpong_100k, virt-smp8.pingpong_100k).
 */
#define PP_ROUNDS	10000u
#define PP_MIN_ROUNDS	200u
#define PP_BUDGET_NS	(500 * NSEC_PER_MSEC)

enum pp_mode {
	PP_EVENT,		/* assert_wait, thread_wakeup, thread_block */
	PP_ANON,		/* thread_will_wait, clear_wait, thread_block */
	PP_ANON_HANDOFF,	/* thread_will_wait, thread_handoff */
};

struct pingpong {
	uint64_t	ev_a, ev_b;		/* their addresses are the events */
	enum pp_mode	mode;
	thread_t	thr_a, thr_b;		/* set by each thread itself */
	uint32_t	max_rounds;
	uint64_t	budget_ns;		/* 0: play all max_rounds */
	int		cpu_a, cpu_b;
	uint64_t	budget_end;
	volatile uint32_t ready;		/* B has asserted its first wait */
	volatile uint32_t stop;
	volatile uint32_t rounds_a, rounds_b;
	volatile uint32_t bad_wakeup, bad_block, wrong_cpu;
};

/* assert our wait: on our event, or on none */
static void
pp_wait(struct pingpong *p, uint64_t *ev)
{
	if (p->mode == PP_EVENT)
		assert_wait(ev, THREAD_UNINT);
	else
		thread_will_wait(THREAD_UNINT);
}

/* wake the other side (waiting on ev, or on none), then block */
static void
pp_pass(struct pingpong *p, uint64_t *ev, thread_t other)
{
	kern_return_t kr;

	switch (p->mode) {
	case PP_EVENT:
		kr = thread_wakeup(ev);
		break;
	case PP_ANON:
		kr = clear_wait(other, THREAD_AWAKENED);
		break;
	default:
		/* other is bound to its hart: ends its wait there */
		if (thread_handoff(other) != THREAD_AWAKENED)
			p->bad_block++;
		return;
	}
	if (kr != KERN_SUCCESS)
		p->bad_wakeup++;
	if (thread_block() != THREAD_AWAKENED)
		p->bad_block++;
}

static void
pp_a(void *arg)
{
	struct pingpong *p = arg;

	p->thr_a = current_thread();
	thread_bind(current_thread(), p->cpu_a);
	kt_flag_wait(&p->ready);
	p->budget_end = nanotime() + p->budget_ns;
	for (uint32_t i = 0; i < p->max_rounds && !p->stop; i++) {
		if (p->budget_ns != 0 && i >= PP_MIN_ROUNDS &&
		    nanotime() > p->budget_end)
			break;
		pp_wait(p, &p->ev_a);
		p->rounds_a++;
		pp_pass(p, &p->ev_b, p->thr_b);
		if ((int)cpu_number() != p->cpu_a)
			p->wrong_cpu++;
	}
	p->stop = 1;
	thread_wakeup(&p->ev_b);
	clear_wait(p->thr_b, THREAD_AWAKENED);
}

static void
pp_b(void *arg)
{
	struct pingpong *p = arg;

	p->thr_b = current_thread();
	thread_bind(current_thread(), p->cpu_b);
	pp_wait(p, &p->ev_b);
	kt_flag_set(&p->ready);
	if (thread_block() != THREAD_AWAKENED)
		p->bad_block++;
	while (!p->stop) {
		if ((int)cpu_number() != p->cpu_b)
			p->wrong_cpu++;
		p->rounds_b++;
		pp_wait(p, &p->ev_b);
		pp_pass(p, &p->ev_a, p->thr_a);
	}
}

static bool
terminated(thread_t t)
{
	return (thread_state(t) & TH_TERMINATE) != 0;
}

/* watch the game; returns false if it stalled (a lost wake-up) */
static bool
pingpong_run(struct pingpong *p, thread_t t[2])
{
	uint32_t last = 0;
	uint64_t stall = nanotime() + LIMIT_NS;

	while (!terminated(t[0]) || !terminated(t[1])) {
		uint32_t now = p->rounds_a + p->rounds_b + p->stop;

		if (now != last) {
			last = now;
			stall = nanotime() + LIMIT_NS;
		} else if (nanotime() > stall) {
			/* rescue both so that they can be joined */
			p->stop = 1;
			while (!terminated(t[0]) || !terminated(t[1])) {
				thread_wakeup(&p->ev_a);
				thread_wakeup(&p->ev_b);
				clear_wait(t[0], THREAD_AWAKENED);
				clear_wait(t[1], THREAD_AWAKENED);
				thread_sleep_ns(NSEC_PER_MSEC);
			}
			return false;
		}
		thread_sleep_ns(10 * NSEC_PER_MSEC);
	}
	return true;
}

static void
pingpong_mode(struct ktest_ctx *kt, enum pp_mode mode, int cpu_a, int cpu_b,
    uint32_t rounds, uint64_t budget_ns)
{
	static struct pingpong p;
	thread_t t[2] = { THREAD_NULL, THREAD_NULL };
	uint64_t t0 = nanotime();
	bool ok;

	p = (struct pingpong){ .mode = mode, .cpu_a = cpu_a, .cpu_b = cpu_b,
	    .max_rounds = rounds, .budget_ns = budget_ns };
	KT_ASSERT_EQ(kernel_thread_start(pp_a, &p, &t[0]), KERN_SUCCESS);
	KT_EXPECT_EQ(kernel_thread_start(pp_b, &p, &t[1]), KERN_SUCCESS);
	if (t[1] == THREAD_NULL)
		kt_flag_set(&p.ready);	/* let A give up at once */
	ok = t[1] != THREAD_NULL && pingpong_run(&p, t);
	join_all(t, 2);
	if (!ok)
		ktest_log(kt, "ping-pong stalled after %u/%u rounds", p.rounds_a,
		    p.rounds_b);
	KT_EXPECT(ok);
	KT_EXPECT_GE(p.rounds_a, budget_ns != 0 ? PP_MIN_ROUNDS : rounds);
	KT_EXPECT_EQ(p.rounds_b, p.rounds_a);
	KT_EXPECT_EQ(p.bad_wakeup, 0);
	KT_EXPECT_EQ(p.bad_block, 0);
	KT_EXPECT_EQ(p.wrong_cpu, 0);
	ktest_log(kt, "%u rounds hart %d <-> hart %d: %lu us", p.rounds_a, cpu_a,
	    cpu_b, (unsigned long)((nanotime() - t0) / NSEC_PER_USEC));
}

static void
pingpong(struct ktest_ctx *kt, int cpu_a, int cpu_b, uint32_t rounds,
    uint64_t budget_ns)
{
	pingpong_mode(kt, PP_EVENT, cpu_a, cpu_b, rounds, budget_ns);
}

KTEST(sched, pingpong_two_harts)
{
	int me = (int)cpu_number();

	pingpong(kt, me, kt_next_cpu(me), PP_ROUNDS, PP_BUDGET_NS);
}

KTEST(sched, pingpong_anon_two_harts)
{
	int me = (int)cpu_number();

	pingpong_mode(kt, PP_ANON, me, kt_next_cpu(me), PP_ROUNDS,
	    PP_BUDGET_NS);
}

/* handoff to a thread bound to another hart wakes it there */
KTEST(sched, pingpong_handoff_two_harts)
{
	int me = (int)cpu_number();

	pingpong_mode(kt, PP_ANON_HANDOFF, me, kt_next_cpu(me), PP_ROUNDS,
	    PP_BUDGET_NS);
}

/* on one hart the handoff is a real switch, both ways, every round */
KTEST(sched, pingpong_handoff_same_hart)
{
	int me = (int)cpu_number();

	pingpong_mode(kt, PP_ANON_HANDOFF, me, me, PP_ROUNDS, PP_BUDGET_NS);
}

/* the whole 100,000 rounds between two harts (only when named) */
KTEST_LONG(sched, pingpong_100k)
{
	int me = (int)cpu_number();

	if (kt_next_cpu(me) == me)
		KT_SKIP("one hart: nothing to ping-pong with");
	pingpong(kt, me, kt_next_cpu(me), 100000, 0);
}

KTEST(sched, pingpong_same_hart)
{
	int me = (int)cpu_number();

	pingpong(kt, me, me, PP_ROUNDS, PP_BUDGET_NS);
}

/*
 * --- strict priority order ---
 *
 * Five threads of different priorities bind themselves to our hart and wait
 * at a gate; we hold the hart at priority 100, open the gate (all five become
 * runnable there together), then block: they must run highest first.
 */
#define PO_N		5
static const int po_pri[PO_N] = { 20, 65, 35, 80, 50 };

struct prio_order {
	int		cpu;
	volatile uint32_t arrived;
	volatile uint32_t go;
	volatile uint32_t n;
	volatile int	order[PO_N];
};

static struct prio_order po;

static void
po_fn(void *arg __unused)
{
	uint32_t i;

	thread_bind(current_thread(), po.cpu);
	__atomic_fetch_add(&po.arrived, 1, __ATOMIC_RELEASE);
	kt_flag_wait(&po.go);
	i = __atomic_fetch_add(&po.n, 1, __ATOMIC_RELAXED);
	if (i < PO_N)
		po.order[i] = thread_priority(current_thread());
}

KTEST(sched, priority_order)
{
	thread_t me = current_thread(), t[PO_N] = { 0 };
	int old = thread_priority(me), home = (int)cpu_number();

	KT_ASSERT_EQ(thread_bind(me, home), KERN_SUCCESS);
	KT_ASSERT_EQ(thread_set_priority(me, 100), KERN_SUCCESS);
	po = (struct prio_order){ .cpu = home };
	for (int i = 0; i < PO_N; i++) {
		KT_EXPECT_EQ(kernel_thread_start_priority(po_fn, NULL, po_pri[i],
		    &t[i]), KERN_SUCCESS);
	}
	KT_EXPECT(wait_count(&po.arrived, PO_N));
	for (int i = 0; i < PO_N; i++)
		KT_EXPECT(t[i] == THREAD_NULL || kt_wait_blocked(t[i]));
	kt_flag_set(&po.go);
	KT_EXPECT_GE(sched_runnable(home), PO_N);
	join_all(t, PO_N);	/* we block: they run */
	thread_set_priority(me, old);
	thread_bind(me, -1);
	KT_EXPECT_EQ(po.n, PO_N);
	for (int i = 0; i < PO_N; i++) {
		int want = 0;

		/* the i-th highest priority */
		for (int j = 0, rank; j < PO_N; j++) {
			rank = 0;
			for (int k = 0; k < PO_N; k++)
				rank += po_pri[k] > po_pri[j];
			if (rank == i)
				want = po_pri[j];
		}
		KT_EXPECT_EQ(po.order[i], want);
	}
}

/*
 * --- fairness ---
 *
 * Equal-priority CPU-bound threads bound to a hart share it round robin.
 * Two threads on our hart and, with a second hart, one alone there (three
 * threads on two harts).  A thread's share is the virtual time the
 * scheduler gave it: each thread notes itself as the hart's owner when it
 * finds another thread was, and adds the clock difference between its
 * consecutive reads only while it stayed the owner.  Time the host spent
 * not running the vCPU still counts for the thread that held the hart, so
 * the figure does not depend on host load.  Only threads sharing a hart are
 * compared: each must hold within +-20% of that hart's mean.  With a 20 ms
 * quantum, a 400 ms window is ~10 slices each, so one slice more is 10%.
 */
#define FAIR_WINDOW_NS	(400 * NSEC_PER_MSEC)
#define FAIR_N		3

struct fair {
	volatile uint32_t arrived;
	volatile uint32_t go;
	volatile uint64_t end;
	volatile int	owner[MAX_CPUS];	/* last fair thread to run there */
};

struct fair_thr {
	struct fair	*f;
	int		cpu;
	int		id;
	volatile uint64_t held_ns;
	volatile uint64_t slices;
	volatile uint32_t wrong_cpu;
};

static void
fair_fn(void *arg)
{
	struct fair_thr *ft = arg;
	volatile int *owner = &ft->f->owner[ft->cpu];
	uint64_t end, last, held = 0, slices = 0;

	thread_bind(current_thread(), ft->cpu);
	__atomic_fetch_add(&ft->f->arrived, 1, __ATOMIC_RELEASE);
	kt_flag_wait(&ft->f->go);
	end = ft->f->end;
	last = nanotime();
	for (;;) {
		uint64_t now = nanotime();

		if (now >= end)
			break;
		if (*owner == ft->id) {
			held += now - last;
			last = now;
		} else {
			/* the clock is read again: a switch may precede this */
			*owner = ft->id;
			slices++;
			last = nanotime();
		}
	}
	ft->held_ns = held;
	ft->slices = slices;
	ft->wrong_cpu = (int)cpu_number() != ft->cpu;
}

KTEST(sched, fairness_equal_priority)
{
	static struct fair f;
	static struct fair_thr ft[FAIR_N];
	thread_t t[FAIR_N] = { 0 };
	int home = (int)cpu_number(), other = kt_next_cpu(home);

	f = (struct fair){ 0 };
	for (int c = 0; c < MAX_CPUS; c++)
		f.owner[c] = -1;
	for (int i = 0; i < FAIR_N; i++) {
		ft[i] = (struct fair_thr){ .f = &f, .cpu = i < 2 ? home : other,
		    .id = i };
		KT_EXPECT_EQ(kernel_thread_start_priority(fair_fn, &ft[i],
		    BASEPRI_DEFAULT, &t[i]), KERN_SUCCESS);
	}
	KT_EXPECT(wait_count(&f.arrived, FAIR_N));
	for (int i = 0; i < FAIR_N; i++)
		KT_EXPECT(t[i] == THREAD_NULL || kt_wait_blocked(t[i]));
	f.end = nanotime() + FAIR_WINDOW_NS;
	kt_flag_set(&f.go);
	join_all(t, FAIR_N);
	for (int c = 0; c < (int)ncpus; c++) {
		uint64_t sum = 0, n = 0;

		for (int i = 0; i < FAIR_N; i++) {
			if (ft[i].cpu == c) {
				sum += ft[i].held_ns;
				n++;
			}
		}
		for (int i = 0; i < FAIR_N && n > 1; i++) {
			uint64_t nsl = 0;

			if (ft[i].cpu != c)
				continue;
			for (int j = 0; j < FAIR_N; j++)
				nsl += ft[j].cpu == c ? ft[j].slices : 0;
			ktest_log(kt, "hart %d thread %d: held %lu us of %lu in %lu of %lu slices",
			    c, i, (unsigned long)(ft[i].held_ns / NSEC_PER_USEC),
			    (unsigned long)(sum / NSEC_PER_USEC),
			    (unsigned long)ft[i].slices, (unsigned long)nsl);
			/*
			 * Judged on turns, not time: on a loaded host the
			 * held times swing far beyond 20% (the vCPU is
			 * descheduled inside switches), while round robin
			 * still alternates.  Each thread's turns are within
			 * +-20% (at least +-1) of the hart's mean.
			 */
			KT_EXPECT_GE(ft[i].slices, 2);
			KT_EXPECT_LE(5 * n * ft[i].slices, 6 * nsl + 5 * n);
			KT_EXPECT_GE(5 * n * ft[i].slices + 5 * n, 4 * nsl);
		}
	}
	for (int i = 0; i < FAIR_N; i++) {
		KT_EXPECT_NE(ft[i].held_ns, 0);
		KT_EXPECT_EQ(ft[i].wrong_cpu, 0);
	}
}

/*
 * --- preemption ---
 */
struct spinner {
	int		cpu;
	volatile uint32_t spinning;
	volatile uint32_t stop;
	volatile uint32_t timed_out;
	volatile uint64_t count;
	volatile uint32_t setter_cpu;
	volatile uint64_t l_count_seen;
};

/* spin on the hart until stop (bounded, so a bug fails instead of hanging) */
static void
spin_fn(void *arg)
{
	struct spinner *s = arg;
	uint64_t end;

	thread_bind(current_thread(), s->cpu);
	end = nanotime() + LIMIT_NS;
	__atomic_store_n(&s->spinning, 1, __ATOMIC_RELEASE);
	while (!__atomic_load_n(&s->stop, __ATOMIC_ACQUIRE)) {
		s->count++;
		if (nanotime() > end) {
			s->timed_out = 1;
			break;
		}
	}
}

static void
stopper_fn(void *arg)
{
	struct spinner *s = arg;

	thread_bind(current_thread(), s->cpu);
	s->setter_cpu = cpu_number();
	s->l_count_seen = s->count;
	__atomic_store_n(&s->stop, 1, __ATOMIC_RELEASE);
}

/*
 * A thread spinning forever does not starve another of the same priority on
 * its hart: the quantum ends and the other one runs and stops it.  We watch
 * from another hart when there is one.
 */
KTEST(sched, preempt_equal_priority)
{
	static struct spinner s;
	thread_t me = current_thread(), t[2] = { 0 };
	int home = (int)cpu_number(), other = kt_next_cpu(home);

	s = (struct spinner){ .cpu = home };
	KT_ASSERT_EQ(thread_bind(me, other), KERN_SUCCESS);
	KT_EXPECT_EQ(kernel_thread_start_priority(spin_fn, &s, BASEPRI_DEFAULT,
	    &t[0]), KERN_SUCCESS);
	KT_EXPECT(wait_count(&s.spinning, 1));
	KT_EXPECT_EQ(kernel_thread_start_priority(stopper_fn, &s, BASEPRI_DEFAULT,
	    &t[1]), KERN_SUCCESS);
	join_all(t, 2);
	thread_bind(me, home);
	thread_bind(me, -1);
	KT_EXPECT_EQ(s.timed_out, 0);
	KT_EXPECT_EQ(s.stop, 1);
	KT_EXPECT_EQ(s.setter_cpu, (uint32_t)home);
	KT_EXPECT_NE(s.l_count_seen, 0);
}

struct preempter {
	struct spinner	*s;
	volatile uint32_t go;
	volatile uint64_t woke_at;
};

static void
high_fn(void *arg)
{
	struct preempter *h = arg;

	thread_bind(current_thread(), h->s->cpu);
	kt_flag_wait(&h->go);
	h->woke_at = nanotime();
	stopper_fn(h->s);
}

/*
 * A higher-priority thread made runnable (woken from another hart when there
 * is one) preempts a lower-priority thread spinning on its hart.
 */
KTEST(sched, preempt_higher_priority)
{
	static struct spinner s;
	static struct preempter h;
	thread_t me = current_thread(), t[2] = { 0 };
	int home = (int)cpu_number(), other = kt_next_cpu(home);
	uint64_t woken;

	s = (struct spinner){ .cpu = home };
	h = (struct preempter){ .s = &s };
	KT_ASSERT_EQ(thread_bind(me, other), KERN_SUCCESS);
	KT_EXPECT_EQ(kernel_thread_start_priority(high_fn, &h, 60, &t[1]),
	    KERN_SUCCESS);
	KT_EXPECT(t[1] == THREAD_NULL || kt_wait_blocked(t[1]));
	KT_EXPECT_EQ(kernel_thread_start_priority(spin_fn, &s, 10, &t[0]),
	    KERN_SUCCESS);
	KT_EXPECT(wait_count(&s.spinning, 1));
	woken = nanotime();
	kt_flag_set(&h.go);
	join_all(t, 2);
	thread_bind(me, home);
	thread_bind(me, -1);
	KT_EXPECT_EQ(s.timed_out, 0);
	KT_EXPECT_EQ(s.setter_cpu, (uint32_t)home);
	KT_EXPECT_NE(s.l_count_seen, 0);
	KT_EXPECT_GE(h.woke_at, woken);
	KT_EXPECT_LE(h.woke_at - woken, NSEC_PER_SEC);
}

/* a woken thread preempts a spinning lower-priority one: here we are it */
KTEST(sched, sleeper_preempts_spinner)
{
	static struct spinner s;
	thread_t me = current_thread(), t = THREAD_NULL;
	int home = (int)cpu_number();
	uint64_t seen;

	s = (struct spinner){ .cpu = home };
	KT_ASSERT_EQ(thread_bind(me, home), KERN_SUCCESS);
	KT_EXPECT_EQ(kernel_thread_start_priority(spin_fn, &s,
	    MAX(thread_priority(me) - 10, MINPRI), &t), KERN_SUCCESS);
	/* it can only spin while we sleep; we only return if it is preempted */
	KT_EXPECT(wait_count(&s.spinning, 1));
	/* a sleep can end unblocked if the host stalls this vCPU: sleep again */
	for (int i = 0; i < 100 && __atomic_load_n(&s.count, __ATOMIC_RELAXED) == 0; i++)
		thread_sleep_ns(5 * NSEC_PER_MSEC);
	seen = s.count;
	__atomic_store_n(&s.stop, 1, __ATOMIC_RELEASE);
	join_all(&t, 1);
	thread_bind(me, -1);
	KT_EXPECT_NE(seen, 0);
	KT_EXPECT_EQ(s.timed_out, 0);
}

/*
 * --- load balancing ---
 *
 * Eight CPU-bound unbound threads, all created on our hart, spin for a
 * while noting the harts they run on: they all finish, and with two harts
 * or more they did not all stay on one.
 */
#define LB_N		8
#define LB_SPIN_NS	(150 * NSEC_PER_MSEC)

struct lb_thr {
	volatile uint64_t end;
	volatile uint64_t mask;
	volatile uint32_t done;
};

static void
lb_fn(void *arg)
{
	struct lb_thr *l = arg;
	uint64_t mask = 0;

	while (nanotime() < l->end)
		mask |= 1ull << cpu_number();
	l->mask = mask | 1ull << cpu_number();
	l->done = 1;
}

KTEST(sched, load_balance)
{
	static struct lb_thr l[LB_N];
	thread_t t[LB_N] = { 0 };
	uint64_t all = 0, end = nanotime() + LB_SPIN_NS;
	int harts = 0;

	for (int i = 0; i < LB_N; i++) {
		l[i] = (struct lb_thr){ .end = end };
		KT_EXPECT_EQ(kernel_thread_start(lb_fn, &l[i], &t[i]), KERN_SUCCESS);
	}
	join_all(t, LB_N);
	for (int i = 0; i < LB_N; i++) {
		KT_EXPECT_EQ(l[i].done, 1);
		all |= l[i].mask;
	}
	for (int c = 0; c < MAX_CPUS; c++)
		harts += (all >> c) & 1;
	ktest_log(kt, "%d threads ran on %d of %u harts (mask %#lx)", LB_N, harts,
	    cpus_online(), all);
	if (cpus_online() >= 2)
		KT_EXPECT_GE(harts, 2);
}

/*
 * --- yield and thread_switch ---
 *
 * Threads bound to one hart at equal priority: after a thread_yield the
 * other one has run (unless it is done); thread_switch(hint) runs the hint
 * next.
 */
#define YL_ROUNDS	200u

struct yl {
	int		cpu;
	volatile uint32_t arrived;
	volatile uint32_t go;
	volatile uint32_t started;	/* yield_fn threads past go */
	volatile uint32_t count[3];
	volatile uint32_t missed[3];
	volatile uint32_t stop;
	/* thread_switch: who ran first after each of X's switches */
	volatile uint32_t last;		/* id of the last thread to run */
	volatile uint32_t after_x;	/* first to run after X, or NONE */
	volatile uint32_t hinted, honoured;
	thread_t	t[3];
};

static struct yl yl;

static void
yield_fn(void *arg)
{
	uint32_t me = (uint32_t)(uintptr_t)arg, other = 1 - me;

	thread_bind(current_thread(), yl.cpu);
	__atomic_fetch_add(&yl.arrived, 1, __ATOMIC_RELEASE);
	kt_flag_wait(&yl.go);
	/*
	 * the first thread woken can preempt the waker before it wakes the
	 * second: the rounds count only once both are past go
	 */
	__atomic_fetch_add(&yl.started, 1, __ATOMIC_RELEASE);
	while (__atomic_load_n(&yl.started, __ATOMIC_ACQUIRE) < 2)
		thread_yield();
	for (uint32_t i = 0; i < YL_ROUNDS; i++) {
		uint32_t seen = yl.count[other];

		yl.count[me]++;
		thread_yield();
		if (yl.count[other] == seen && seen < YL_ROUNDS)
			yl.missed[me]++;
	}
}

/*
 * The tests below wake their threads from their own hart (bound there), so
 * that every thread is queued before any runs: a waker on another hart can
 * be held up by the host between two wake-ups, long enough for the first
 * woken thread to do all its rounds alone.
 */
static void
yl_start(void)
{
	yl = (struct yl){ .cpu = (int)cpu_number() };
	thread_bind(current_thread(), yl.cpu);
}

KTEST(sched, yield_interleaves)
{
	thread_t t[2] = { 0 };

	yl_start();
	for (int i = 0; i < 2; i++) {
		KT_EXPECT_EQ(kernel_thread_start(yield_fn, (void *)(uintptr_t)i,
		    &t[i]), KERN_SUCCESS);
	}
	KT_EXPECT(wait_count(&yl.arrived, 2));
	for (int i = 0; i < 2; i++)
		KT_EXPECT(t[i] == THREAD_NULL || kt_wait_blocked(t[i]));
	kt_flag_set(&yl.go);
	join_all(t, 2);
	KT_EXPECT_EQ(yl.count[0], YL_ROUNDS);
	KT_EXPECT_EQ(yl.count[1], YL_ROUNDS);
	KT_EXPECT_EQ(yl.missed[0], 0);
	KT_EXPECT_EQ(yl.missed[1], 0);
	/* alone, and with nothing else runnable, yields just return */
	for (int i = 0; i < 10; i++)
		thread_yield();
	KT_EXPECT_EQ(thread_switch(THREAD_NULL), KERN_SUCCESS);
	thread_bind(current_thread(), -1);
}

#define NONE	UINT32_MAX

/* X (0) thread_switches to Y (1) and Z (2) in turn; Y and Z just yield */
static void
switch_fn(void *arg)
{
	uint32_t me = (uint32_t)(uintptr_t)arg;

	thread_bind(current_thread(), yl.cpu);
	__atomic_fetch_add(&yl.arrived, 1, __ATOMIC_RELEASE);
	kt_flag_wait(&yl.go);
	while (!yl.stop) {
		uint32_t hint;

		if (me != 0) {
			if (yl.last == 0 && yl.after_x == NONE)
				yl.after_x = me;
			yl.last = me;
			yl.count[me]++;
			thread_yield();
			continue;
		}
		if (yl.count[0]++ == YL_ROUNDS) {
			yl.stop = 1;
			break;
		}
		hint = 1 + (yl.count[0] & 1);
		yl.hinted++;
		yl.last = 0;
		yl.after_x = NONE;
		if (thread_switch(yl.t[hint]) != KERN_SUCCESS)
			yl.missed[0]++;
		if (yl.after_x == hint)
			yl.honoured++;
	}
}

KTEST(sched, switch_prefers_hint)
{
	yl_start();
	for (int i = 0; i < 3; i++) {
		KT_EXPECT_EQ(kernel_thread_start(switch_fn, (void *)(uintptr_t)i,
		    &yl.t[i]), KERN_SUCCESS);
	}
	KT_EXPECT(wait_count(&yl.arrived, 3));
	for (int i = 0; i < 3; i++)
		KT_EXPECT(yl.t[i] == THREAD_NULL || kt_wait_blocked(yl.t[i]));
	kt_flag_set(&yl.go);
	join_all(yl.t, 3);
	KT_EXPECT_EQ(yl.missed[0], 0);
	KT_EXPECT_EQ(yl.hinted, YL_ROUNDS);
	ktest_log(kt, "hint ran next %u of %u times", yl.honoured, yl.hinted);
	/*
	 * The hint runs next unless the quantum happened to expire in the few
	 * instructions between X's log and its thread_switch.
	 */
	KT_EXPECT_GE(yl.honoured + 3, yl.hinted);
	thread_bind(current_thread(), -1);
}

static void
flag_wait_fn(void *arg)
{
	kt_flag_wait(arg);
}

/* thread_switch to a thread on another hart, or waiting, does no harm */
KTEST(sched, switch_to_waiting_thread)
{
	static volatile uint32_t go;
	thread_t t = THREAD_NULL;

	go = 0;
	KT_ASSERT_EQ(kernel_thread_start(flag_wait_fn, (void *)&go, &t),
	    KERN_SUCCESS);
	KT_EXPECT(kt_wait_blocked(t));
	KT_EXPECT_EQ(thread_switch(t), KERN_SUCCESS);
	KT_EXPECT(thread_state(t) & TH_WAIT);
	kt_flag_set(&go);
	join_all(&t, 1);
	/*
	 * No switch count is checked: with nothing else runnable here the
	 * yield does not switch, and t may end on another hart before the
	 * join has to sleep.
	 */
}

/*
 * --- handoff ---
 *
 * W waits; we (bound to the same hart) assert a wait of our own and hand
 * off to W: W runs at once on this hart, before we go on, and wakes us.
 */
struct handoff {
	uint64_t	ev_w, ev_h;
	int		cpu;
	thread_t	h;
	volatile uint32_t h_resumed;
	volatile uint32_t w_ran;
	volatile uint32_t w_cpu;
	volatile uint32_t w_saw_h_resumed;
	volatile wait_result_t w_result;
	volatile kern_return_t w_wakeup;
	volatile uint32_t w_wake_h;		/* should W wake us? */
};

static void
handoff_w(void *arg)
{
	struct handoff *ho = arg;

	thread_bind(current_thread(), ho->cpu);
	assert_wait(&ho->ev_w, THREAD_UNINT);
	ho->w_result = thread_block();
	ho->w_ran = 1;
	ho->w_cpu = cpu_number();
	ho->w_saw_h_resumed = ho->h_resumed;
	if (ho->w_wake_h)
		ho->w_wakeup = thread_wakeup(&ho->ev_h);
}

static void
handoff_case(struct ktest_ctx *kt, bool assert_first)
{
	static struct handoff ho;
	thread_t me = current_thread(), t = THREAD_NULL;
	int home = (int)cpu_number();
	wait_result_t r;

	ho = (struct handoff){ .cpu = home, .h = me, .w_wake_h = assert_first,
	    .w_result = -5, .w_wakeup = -5 };
	KT_ASSERT_EQ(thread_bind(me, home), KERN_SUCCESS);
	KT_ASSERT_EQ(kernel_thread_start(handoff_w, &ho, &t), KERN_SUCCESS);
	KT_EXPECT(kt_wait_blocked(t));
	if (assert_first)
		assert_wait(&ho.ev_h, THREAD_UNINT);
	r = thread_handoff(t);
	ho.h_resumed = 1;
	KT_EXPECT_EQ(r, THREAD_AWAKENED);
	KT_EXPECT_EQ(ho.w_ran, 1);
	join_all(&t, 1);
	thread_bind(me, -1);
	KT_EXPECT_EQ(ho.w_result, THREAD_AWAKENED);
	KT_EXPECT_EQ(ho.w_cpu, (uint32_t)home);
	KT_EXPECT_EQ(ho.w_saw_h_resumed, 0);
	if (assert_first)
		KT_EXPECT_EQ(ho.w_wakeup, KERN_SUCCESS);
}

/* we sleep across the handoff until W wakes us */
KTEST(sched, handoff_runs_target_then_sleeps)
{
	handoff_case(kt, true);
}

/* without a wait of our own we stay runnable and resume after W */
KTEST(sched, handoff_stays_runnable)
{
	handoff_case(kt, false);
}

/* handoff to a thread that is not waiting acts as thread_block (a yield) */
KTEST(sched, handoff_to_running_thread)
{
	static struct spinner s;
	thread_t t = THREAD_NULL;
	wait_result_t r;

	s = (struct spinner){ .cpu = (int)kt_next_cpu((int)cpu_number()) };
	KT_ASSERT_EQ(kernel_thread_start(spin_fn, &s, &t), KERN_SUCCESS);
	KT_EXPECT(wait_count(&s.spinning, 1));
	r = thread_handoff(t);
	__atomic_store_n(&s.stop, 1, __ATOMIC_RELEASE);
	join_all(&t, 1);
	KT_EXPECT_EQ(r, THREAD_AWAKENED);
	KT_EXPECT_EQ(s.timed_out, 0);
}

/* --- statistics --- */

KTEST(sched, switch_counters)
{
	thread_t me = current_thread();
	uint64_t mine = thread_switches(me);
	uint64_t hart;

	KT_ASSERT_EQ(thread_bind(me, (int)cpu_number()), KERN_SUCCESS);
	hart = sched_context_switches((int)cpu_number());
	/*
	 * A sleep may end before it blocks when the host stalls the vCPU past
	 * its deadline (virtual time follows the host clock): sleep again until
	 * one really switched, a bounded number of times.
	 */
	for (int i = 0; i < 100 && thread_switches(me) < mine + 1; i++)
		thread_sleep_ns(NSEC_PER_MSEC);
	KT_EXPECT_GE(thread_switches(me), mine + 1);
	KT_EXPECT_GE(sched_context_switches((int)cpu_number()), hart + 1);
	KT_EXPECT_EQ(thread_bind(me, -1), KERN_SUCCESS);
}

/* --- CPU time --- */

struct spin_arg {
	uint64_t ns;
	volatile uint32_t done;
};

static void
spin_kernel(void *arg)
{
	struct spin_arg *s = arg;
	uint64_t end = nanotime() + s->ns;

	while (nanotime() < end)
		cpu_relax();
	__atomic_store_n(&s->done, 1, __ATOMIC_RELEASE);
}

/*
 * a kernel thread spinning 60 ms is charged system ticks only (the tick
 * samples it in the kernel), no more than the time that passed allows,
 * and the harts' tick counts move by at least as much
 */
KTEST(sched, cpu_time_kernel_thread_is_system_time)
{
	uint64_t before[SCHED_CPU_STATES], after[SCHED_CPU_STATES], t0, sum0 = 0,
	    sum1 = 0;
	struct spin_arg s = { .ns = 60 * NSEC_PER_MSEC };
	struct thread_times tt;
	thread_t t;

	sched_cpu_ticks(before);
	t0 = nanotime();
	KT_ASSERT_EQ(kernel_thread_start(spin_kernel, &s, &t), KERN_SUCCESS);
	KT_EXPECT(wait_count(&s.done, 1));
	thread_times(t, &tt);
	KT_EXPECT_EQ(thread_join(t), KERN_SUCCESS);
	thread_deallocate(t);
	sched_cpu_ticks(after);
	KT_EXPECT_EQ(tt.user_ns, 0);
	KT_EXPECT_GE(tt.system_ns, SCHED_TICK_NS);
	KT_EXPECT_LE(tt.system_ns, nanotime() - t0 + 2 * SCHED_TICK_NS);
	KT_EXPECT_LE(tt.usage, SCHED_USAGE_SCALE);
	for (int i = 0; i < SCHED_CPU_STATES; i++) {
		KT_EXPECT_GE(after[i], before[i]);
		sum0 += before[i];
		sum1 += after[i];
	}
	KT_EXPECT_GE(after[SCHED_CPU_SYSTEM], before[SCHED_CPU_SYSTEM] + 1);
	KT_EXPECT_EQ(after[SCHED_CPU_NICE], 0);
	/*
	 * the harts' ticks moved.  Not "by 6": a tick that comes late (the
	 * host did not run the vCPU) is dropped, not fired in a burst
	 * (sched_tick_fired), so on a loaded host 60 ms can be 2 ticks; a
	 * count tied to wall time would make the test fail on it.
	 */
	KT_EXPECT_GE(sum1, sum0 + 1);
}

/* the load averages stay within what the harts and threads allow */
KTEST(sched, load_averages_in_range)
{
	uint32_t avenrun[3], factor[3];

	sched_load_averages(avenrun, factor);
	for (int i = 0; i < 3; i++) {
		KT_EXPECT_LE(avenrun[i], (uint32_t)threads_alive() * 1000);
		KT_EXPECT_LE(factor[i], cpus_online() * 1000);
	}
}
