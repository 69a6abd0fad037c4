/*
 * test/ktest/panic.c - tests that must end in a panic.
 *
 * KTEST_CRASH tests never run under ktest=all; the harness boots each one
 * alone (virt-panic-* in test/harness) and checks what the panic printed:
 * the cause, the registers, a symbolized backtrace, and a failed power-off.
 */
#include "kernel/ktest/ktest.h"
#include "kernel/panic.h"
#include "kernel/sched/sched.h"
#include "kernel/sync/spinlock.h"

static volatile int recurse_forever = 1;

static int __attribute__((noinline))
recurse(int depth)
{
	volatile char pad[256];

	pad[0] = (char)depth;
	if (recurse_forever)
		return recurse(depth + 1) + pad[0];
	return pad[0];
}

/* running off the bottom of a kernel stack hits its guard page */
KTEST_CRASH(panic, stack_overflow)
{
	recurse(0);
}

/* a kernel load from an unmapped address is a kernel page fault */
KTEST_CRASH(panic, bad_pointer)
{
	static volatile uintptr_t addr = 0x10;	/* hidden from -Warray-bounds */

	(void)*(volatile uint64_t *)addr;
}

/* panic() itself: message, backtrace through the caller */
KTEST_CRASH(panic, assertion)
{
	volatile int x = 1;

	KASSERT(x == 2);
}

/* debug builds check the lock order: a run queue, then a wait bucket */
KTEST_CRASH(panic, lock_order)
{
	struct spinlock inner, outer;

	spinlock_init_ranked(&inner, "kt_runq_rank", LOCK_RANK_RUNQ);
	spinlock_init_ranked(&outer, "kt_bucket_rank", LOCK_RANK_WAIT_BUCKET);
	spin_lock(&inner);
	spin_lock(&outer);
	spin_unlock(&outer);
	spin_unlock(&inner);
}

/* sleeping with a spinlock held is caught */
KTEST_CRASH(panic, sleep_holding_spinlock)
{
	struct spinlock l;

	spinlock_init(&l, "kt_held");
	spin_lock(&l);
	thread_sleep_ns(1000);
	spin_unlock(&l);
}
