/*
 * test/ktest/ktest.c - ktest's own outcomes: a skip reads as a skip, and a
 * hart that fails before a barrier does not strand the others there.
 *
 * These skip or fail on purpose, so they are KTEST_SELFTEST: never part of
 * ktest=all, each run by a boot of its own that checks the console
 * (test/harness/CMakeLists.txt, virt-smp4.ktest_*).
 */
#include "kernel/cpu.h"
#include "kernel/ktest/ktest.h"

/* reported "ok N skip_reported # SKIP selftest: ..." and counted as skipped */
KTEST_SELFTEST(ktest, skip_reported)
{
	KT_EXPECT_EQ(kt->skipped, 0);
	KT_SKIP("selftest: skipped on purpose (%d)", 42);
	KT_ASSERT(false);		/* not reached: KT_SKIP returned */
}

/*
 * One hart skips while the others wait at a barrier: the barrier lets
 * them go and the test reads as skipped, not failed, and does not hang.
 */
KTEST_SELFTEST_SMP(ktest, skip_before_barrier)
{
	if (cpu_number() == 0)
		KT_SKIP("selftest: hart 0 skips before the barrier");
	for (int round = 0; round < 100; round++)
		KT_BARRIER();
	KT_ASSERT(false);	/* not reached: hart 0 never arrives */
}

/*
 * Every hart goes through a few barriers, then hart 0 fails an assertion
 * and returns; the others, looping on barriers as SMP tests do, must leave
 * at the next one.  Reported "not ok" within seconds, not the boot timeout.
 */
KTEST_SELFTEST_SMP(ktest, barrier_after_failure)
{
	for (int round = 0; round < 100; round++) {
		if (round == 3 && cpu_number() == 0)
			KT_ASSERT_EQ(round, -1);	/* fails on purpose */
		KT_BARRIER();
	}
}
