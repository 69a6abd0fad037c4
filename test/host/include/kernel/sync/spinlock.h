/*
 * test/host/include/kernel/sync/spinlock.h - host stand-in for the kernel's
 * spinlocks: the same API, a test-and-set lock that yields while it waits.
 * Taking a lock twice or releasing one not held aborts.
 */
#ifndef KERNEL_SYNC_SPINLOCK_H
#define KERNEL_SYNC_SPINLOCK_H

#include "kernel/lib/types.h"
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>

struct spinlock {
	uint32_t locked;		/* [a] */
	const char *name;		/* [c] */
	const void *holder;		/* [this lock] the holding thread's token */
};

#define SPINLOCK_INITIALIZER(n)	{ .locked = 0, .name = (n), .holder = NULL }

/* a per-thread address naming the thread (weak: one for all objects) */
__attribute__((weak)) _Thread_local char host_spin_self;

static inline void
host_spin_die(const struct spinlock *l, const char *what)
{
	fprintf(stderr, "spinlock %s: %s\n", l->name, what);
	abort();
}

static inline void
spinlock_init(struct spinlock *l, const char *name)
{
	l->locked = 0;
	l->name = name;
	l->holder = NULL;
}

static inline bool
spin_held(const struct spinlock *l)
{
	return __atomic_load_n(&l->holder, __ATOMIC_RELAXED) == &host_spin_self;
}

static inline void
spin_lock(struct spinlock *l)
{
	if (spin_held(l))
		host_spin_die(l, "already held by this thread");
	while (__atomic_exchange_n(&l->locked, 1, __ATOMIC_ACQUIRE) != 0) {
		while (__atomic_load_n(&l->locked, __ATOMIC_RELAXED) != 0)
			sched_yield();
	}
	__atomic_store_n(&l->holder, &host_spin_self, __ATOMIC_RELAXED);
}

static inline bool
spin_trylock(struct spinlock *l)
{
	if (__atomic_exchange_n(&l->locked, 1, __ATOMIC_ACQUIRE) != 0)
		return false;
	__atomic_store_n(&l->holder, &host_spin_self, __ATOMIC_RELAXED);
	return true;
}

static inline void
spin_unlock(struct spinlock *l)
{
	if (!spin_held(l))
		host_spin_die(l, "not held by this thread");
	__atomic_store_n(&l->holder, NULL, __ATOMIC_RELAXED);
	__atomic_store_n(&l->locked, 0, __ATOMIC_RELEASE);
}

#endif /* KERNEL_SYNC_SPINLOCK_H */
