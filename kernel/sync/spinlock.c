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
}

void
spin_lock(struct spinlock *l)
{
	uint32_t ticket;

	intr_push();
	KASSERT_DEBUG(l->holder != cpu_current());	/* self-deadlock */
	ticket = __atomic_fetch_add(&l->next, 1, __ATOMIC_RELAXED);
	while (__atomic_load_n(&l->owner, __ATOMIC_ACQUIRE) != ticket)
		cpu_relax();
	l->holder = cpu_current();
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
		return true;
	}
	intr_pop();
	return false;
}

void
spin_unlock(struct spinlock *l)
{
	KASSERT_DEBUG(l->holder == cpu_current());
	l->holder = NULL;
	__atomic_store_n(&l->owner, l->owner + 1, __ATOMIC_RELEASE);
	intr_pop();
}

bool
spin_held(const struct spinlock *l)
{
	return l->holder == cpu_current();
}
