/*
 * test/ktest/timer.c - nanotime and per-hart timer queues.
 */
#include "kernel/cpu.h"
#include "kernel/ktest/ktest.h"
#include "kernel/sched/timer.h"

/*
 * Virtual time under TCG follows the host clock, so lateness depends on host
 * load: the bound only catches a timer that never fires on time at all.
 */
#define SLACK_NS	NSEC_PER_SEC

struct fired {
	volatile uint64_t at;
	volatile uint32_t cpu;
	volatile int count;
};

static void
record(struct timer_call *tc __unused, void *arg)
{
	struct fired *f = arg;

	f->at = nanotime();
	f->cpu = cpu_number();
	__atomic_fetch_add(&f->count, 1, __ATOMIC_RELEASE);
}

static bool
wait_fired(struct fired *f, int n, uint64_t limit_ns)
{
	uint64_t end = nanotime() + limit_ns;

	while (__atomic_load_n(&f->count, __ATOMIC_ACQUIRE) < n) {
		if (nanotime() > end)
			return false;
		cpu_relax();
	}
	return true;
}

KTEST(timer, nanotime_monotonic)
{
	uint64_t prev = nanotime();

	for (int i = 0; i < 1000; i++) {
		uint64_t now = nanotime();
		KT_ASSERT_GE(now, prev);
		prev = now;
	}
	KT_ASSERT_EQ(ticks_to_ns(ns_to_ticks(NSEC_PER_SEC)) / NSEC_PER_MSEC, 1000);
}

/* every hart: a deadline 5 ms out fires on that hart, never early */
KTEST_SMP(timer, deadline_met_every_hart)
{
	struct timer_call tc;
	struct fired f = { 0 };
	uint64_t deadline = nanotime() + 5 * NSEC_PER_MSEC;

	timer_call_setup(&tc, record, &f);
	timer_call_enter(&tc, deadline);
	KT_ASSERT(wait_fired(&f, 1, NSEC_PER_SEC));
	KT_EXPECT_GE(f.at, deadline);
	KT_EXPECT_LE(f.at - deadline, SLACK_NS);
	KT_EXPECT_EQ(f.cpu, cpu_number());
}

KTEST(timer, past_deadline_fires_at_once)
{
	struct timer_call tc;
	struct fired f = { 0 };

	timer_call_setup(&tc, record, &f);
	timer_call_enter(&tc, nanotime() - NSEC_PER_MSEC);
	KT_ASSERT(wait_fired(&f, 1, 100 * NSEC_PER_MSEC));
}

KTEST(timer, cancel_prevents_firing)
{
	struct timer_call tc;
	struct fired f = { 0 };

	timer_call_setup(&tc, record, &f);
	timer_call_enter(&tc, nanotime() + 10 * NSEC_PER_MSEC);
	KT_ASSERT(timer_call_cancel(&tc));
	KT_ASSERT(!timer_call_cancel(&tc));
	delay_ns(20 * NSEC_PER_MSEC);
	KT_ASSERT_EQ(f.count, 0);
}

struct order {
	volatile int n;
	int seq[4];
};

static void
record_order(struct timer_call *tc, void *arg)
{
	struct order *o = arg;

	o->seq[o->n] = (int)(tc->deadline & 3);
	__atomic_fetch_add(&o->n, 1, __ATOMIC_RELEASE);
}

/* armed out of order, they fire in deadline order */
KTEST(timer, fire_in_deadline_order)
{
	struct timer_call tc[4];
	struct order o = { 0 };
	uint64_t base = ROUNDDOWN(nanotime(), 4) + 4 * NSEC_PER_MSEC;
	static const int when[4] = { 3, 1, 0, 2 };
	uint64_t end;

	for (int i = 0; i < 4; i++) {
		timer_call_setup(&tc[i], record_order, &o);
		timer_call_enter(&tc[i], base + (uint64_t)when[i] * NSEC_PER_MSEC * 4 +
		    (uint64_t)when[i]);
	}
	/*
	 * the last is due 16 ms out; on a loaded host the interrupt can come
	 * much later, so wait as the other tests do, and disarm what has not
	 * fired before the stack holding it goes
	 */
	end = nanotime() + SLACK_NS;
	while (__atomic_load_n(&o.n, __ATOMIC_ACQUIRE) < 4 && nanotime() < end)
		cpu_relax();
	for (int i = 0; i < 4; i++)
		timer_call_cancel(&tc[i]);
	KT_ASSERT_EQ(o.n, 4);
	for (int i = 0; i < 4; i++)
		KT_EXPECT_EQ(o.seq[i], i);
}

/* the tick reaches every hart: each one takes timer interrupts */
KTEST_SMP(timer, interrupts_on_every_hart)
{
	uint64_t before = timer_interrupts(cpu_number());
	struct timer_call tc;
	struct fired f = { 0 };

	timer_call_setup(&tc, record, &f);
	timer_call_enter(&tc, nanotime() + NSEC_PER_MSEC);
	KT_ASSERT(wait_fired(&f, 1, NSEC_PER_SEC));
	KT_ASSERT_GT(timer_interrupts(cpu_number()), before);
}
