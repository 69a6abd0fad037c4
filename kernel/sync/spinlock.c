/*
 * kernel/sync/spinlock.c - test-and-test-and-set spinlocks (why not
 * ticket locks: kernel/sync/spinlock.h).  Interrupts stay off while any
 * spinlock is held.
 */
#include "kernel/sync/spinlock.h"
#include "kernel/cpu.h"
#include "kernel/panic.h"

void
spinlock_init(struct spinlock *l, const char *name)
{
	l->locked = 0;
	l->pad = 0;
	l->name = name;
	l->holder = NULL;
	l->rank = LOCK_RANK_NONE;
}

void
spinlock_init_ranked(struct spinlock *l, const char *name, enum lock_rank rank)
{
	spinlock_init(l, name);
	l->rank = rank;
}

/* debug builds: a ranked lock only above every ranked lock held */
static void
lock_order_check(const struct spinlock *l)
{
	struct cpu *c = cpu_current();

	for (uint32_t i = 0; i < c->nheld && i < ARRAY_SIZE(c->held); i++) {
		if (c->held[i]->rank >= l->rank)
			panic("lock order: %s (rank %u) taken while holding %s (rank %u)",
			    l->name, l->rank, c->held[i]->name, c->held[i]->rank);
	}
}

static void
lock_held_push(const struct spinlock *l)
{
	struct cpu *c = cpu_current();

	if (c->nheld < ARRAY_SIZE(c->held))
		c->held[c->nheld] = l;
	c->nheld++;
}

static void
lock_held_pop(const struct spinlock *l)
{
	struct cpu *c = cpu_current();
	uint32_t n = MIN(c->nheld, (uint32_t)ARRAY_SIZE(c->held));

	for (uint32_t i = n; i-- > 0;) {
		if (c->held[i] == l) {
			for (; i + 1 < n; i++)
				c->held[i] = c->held[i + 1];
			break;
		}
	}
	c->nheld--;
}

void
spin_lock_debug_enter(struct spinlock *l)
{
	if (intr_enabled())
		panic("spin_lock: %s taken with interrupts on", l->name);
	if (l->holder == cpu_current())
		panic("spin_lock: %s already held by this hart", l->name);
	if (l->rank != LOCK_RANK_NONE)
		lock_order_check(l);
}

void
spin_lock_debug_acquired(struct spinlock *l)
{
	l->holder = cpu_current();
	if (l->rank != LOCK_RANK_NONE)
		lock_held_push(l);
}

void
spin_unlock_debug(struct spinlock *l)
{
	if (l->holder != cpu_current())
		panic("spin_unlock: %s not held by this hart", l->name);
	l->holder = NULL;
	if (l->rank != LOCK_RANK_NONE)
		lock_held_pop(l);
}

bool
spin_trylock(struct spinlock *l)
{
	intr_push();
	if (__atomic_load_n(&l->locked, __ATOMIC_RELAXED) == 0 &&
	    __atomic_exchange_n(&l->locked, 1, __ATOMIC_ACQUIRE) == 0) {
		if (KDEBUG)
			spin_lock_debug_acquired(l);
		return true;
	}
	intr_pop();
	return false;
}

bool
spin_held(const struct spinlock *l)
{
	return !KDEBUG || l->holder == cpu_current();
}
