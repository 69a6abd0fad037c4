/*
 * test/ktest/ipi.c - IPIs and cross-calls between every pair of harts.
 */
#include "kernel/cpu.h"
#include "kernel/ipi.h"
#include "kernel/ktest/ktest.h"

/* cross-calls per hart in many_to_one: each waits for an IPI round trip */
#define ROUNDS_TO_ONE	50

static volatile uint32_t answered[MAX_CPUS][MAX_CPUS];

struct ping {
	uint32_t from;
	volatile uint32_t ran_on;
};

static void
pong(void *arg)
{
	struct ping *p = arg;

	p->ran_on = cpu_number();
	__atomic_fetch_add(&answered[p->from][cpu_number()], 1, __ATOMIC_RELAXED);
}

/* every hart signals every other hart and gets an answer */
KTEST_SMP(ipi, all_pairs_answer)
{
	uint32_t me = cpu_number();

	for (uint32_t i = 0; i < ncpus; i++)
		answered[me][i] = 0;
	KT_BARRIER();
	for (uint32_t to = 0; to < ncpus; to++) {
		struct ping p = { .from = me, .ran_on = UINT32_MAX };

		if (to == me || !cpus[to].online)
			continue;
		KT_ASSERT_EQ(xcall(to, pong, &p), 0);
		KT_ASSERT_EQ(p.ran_on, to);
	}
	KT_BARRIER();
	for (uint32_t to = 0; to < ncpus; to++) {
		if (to != me && cpus[to].online)
			KT_EXPECT_EQ(answered[me][to], 1);
	}
}

KTEST(ipi, xcall_self_runs_inline)
{
	struct ping p = { .from = cpu_number(), .ran_on = UINT32_MAX };

	KT_ASSERT_EQ(xcall(cpu_number(), pong, &p), 0);
	KT_ASSERT_EQ(p.ran_on, cpu_number());
}

KTEST(ipi, xcall_offline_fails)
{
	struct ping p = { 0 };

	KT_ASSERT_EQ(xcall(MAX_CPUS + 1, pong, &p), -1);
	KT_ASSERT_EQ(xcall(ncpus, pong, &p), -1);
}

/* hammer one hart from all the others at once */
KTEST_SMP(ipi, many_to_one)
{
	static volatile uint64_t hits;
	uint32_t target = 0;

	if (cpu_number() == target)
		hits = 0;
	KT_BARRIER();
	if (cpu_number() != target) {
		for (int i = 0; i < ROUNDS_TO_ONE; i++) {
			struct ping p = { .from = cpu_number() };
			KT_ASSERT_EQ(xcall(target, pong, &p), 0);
			__atomic_fetch_add(&hits, 1, __ATOMIC_RELAXED);
		}
	}
	KT_BARRIER();
	KT_ASSERT_EQ(hits, (uint64_t)ROUNDS_TO_ONE * (kt->ncpus - 1));
}
