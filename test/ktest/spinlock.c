/*
 * test/ktest/spinlock.c - spinlocks on every hart: mutual exclusion, an
 * exact total, and every hart getting through its rounds (the lock is not
 * fair, but no hart may starve).
 */
#include "kernel/cpu.h"
#include "kernel/ktest/ktest.h"
#include "kernel/sync/spinlock.h"

/*
 * Acquisitions per hart: the total stays fixed, because under an emulator
 * with more harts than host cores a waiter may spin until the host runs
 * the holder's vCPU again.
 */
#define TOTAL_ROUNDS	16000
#define ROUNDS		(TOTAL_ROUNDS / (int)kt->ncpus)

static struct spinlock test_lock = SPINLOCK_INITIALIZER("ktest");
static volatile uint64_t counter;
static volatile uint64_t inside;

KTEST(spinlock, uncontended)
{
	struct spinlock l;

	spinlock_init(&l, "local");
	KT_ASSERT(!spin_held(&l));
	spin_lock(&l);
	KT_ASSERT(spin_held(&l));
	KT_ASSERT(!intr_enabled());
	spin_unlock(&l);
	KT_ASSERT(!spin_held(&l));
	KT_ASSERT(intr_enabled());
	KT_ASSERT_EQ(l.locked, 0u);
}

KTEST(spinlock, nesting_keeps_interrupts_off)
{
	struct spinlock a, b;

	spinlock_init(&a, "a");
	spinlock_init(&b, "b");
	spin_lock(&a);
	spin_lock(&b);
	spin_unlock(&b);
	KT_ASSERT(!intr_enabled());
	spin_unlock(&a);
	KT_ASSERT(intr_enabled());
}

KTEST(spinlock, trylock)
{
	struct spinlock l;

	spinlock_init(&l, "try");
	KT_ASSERT(spin_trylock(&l));
	spin_unlock(&l);
	/* a lock held (as if by another hart) cannot be tried */
	l.locked = 1;
	KT_ASSERT(!spin_trylock(&l));
	KT_ASSERT(intr_enabled());
	l.locked = 0;
}

/* every hart increments one counter under the lock: the total is exact */
KTEST_SMP(spinlock, contention_exact_total)
{
	if (cpu_number() == 0)
		counter = 0;
	KT_BARRIER();
	for (int i = 0; i < ROUNDS; i++) {
		spin_lock(&test_lock);
		counter = counter + 1;
		spin_unlock(&test_lock);
	}
	KT_BARRIER();
	KT_ASSERT_EQ(counter, (uint64_t)ROUNDS * kt->ncpus);	/* exact */
}

/* mutual exclusion: nobody else is ever inside with us */
KTEST_SMP(spinlock, mutual_exclusion)
{
	KT_BARRIER();
	for (int i = 0; i < ROUNDS / 4; i++) {
		spin_lock(&test_lock);
		uint64_t v = __atomic_add_fetch(&inside, 1, __ATOMIC_RELAXED);
		if (v != 1) {
			__atomic_sub_fetch(&inside, 1, __ATOMIC_RELAXED);
			spin_unlock(&test_lock);
			KT_ASSERT_EQ(v, 1);
		}
		__atomic_sub_fetch(&inside, 1, __ATOMIC_RELAXED);
		spin_unlock(&test_lock);
	}
}
