/*
 * kernel/sync/spinlock.c - ticket spinlocks.
 *
 * A hart takes a ticket with one atomic add and waits until the owner
 * counter reaches it, so harts are served in arrival order (no starvation
 * under contention).  Interrupts stay off while any spinlock is held.
 */
#include "kernel/sync/spinlock.h"
#include "kernel/cpu.h"
#include "kernel/panic.h"

void
spinlock_init(struct spinlock *l, const char *name)
{
	l->next = 0;
	l->owner = 0;
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
spin_lock(struct spinlock *l)
{
	uint32_t ticket;

	intr_push();
	KASSERT_DEBUG(l->holder != cpu_current());	/* self-deadlock */
	if (KDEBUG && l->rank != LOCK_RANK_NONE)
		lock_order_check(l);
	ticket = __atomic_fetch_add(&l->next, 1, __ATOMIC_RELAXED);
	while (__atomic_load_n(&l->owner, __ATOMIC_ACQUIRE) != ticket)
		cpu_relax();
	l->holder = cpu_current();
	if (KDEBUG && l->rank != LOCK_RANK_NONE)
		lock_held_push(l);
}

bool
spin_trylock(struct spinlock *l)
{
	uint32_t owner;

	intr_push();
	owner = __atomic_load_n(&l->owner, __ATOMIC_RELAXED);
	if (__atomic_load_n(&l->next, __ATOMIC_RELAXED) == owner &&
	    __atomic_compare_exchange_n(&l->next, &owner, owner + 1, false,
	    __ATOMIC_ACQUIRE, __ATOMIC_RELAXED)) {
		l->holder = cpu_current();
		if (KDEBUG && l->rank != LOCK_RANK_NONE)
			lock_held_push(l);
		return true;
	}
	intr_pop();
	return false;
}

void
spin_unlock(struct spinlock *l)
{
	KASSERT_DEBUG(l->holder == cpu_current());
	if (KDEBUG && l->rank != LOCK_RANK_NONE)
		lock_held_pop(l);
	l->holder = NULL;
	__atomic_store_n(&l->owner, l->owner + 1, __ATOMIC_RELEASE);
	intr_pop();
}

bool
spin_held(const struct spinlock *l)
{
	return l->holder == cpu_current();
}
