/*
 * test/bench/sync.c - synchronisation benchmarks.
 */
#include "kernel/ktest/kbench.h"
#include "kernel/sync/spinlock.h"

/* one spin_lock + spin_unlock pair on a lock nobody else wants */
KBENCH(sync, spinlock_uncontended)
{
	static struct spinlock l = SPINLOCK_INITIALIZER("bench");

	kbench_start(b);
	for (uint64_t i = 0; i < b->iterations; i++) {
		spin_lock(&l);
		spin_unlock(&l);
	}
	kbench_stop(b);
}
