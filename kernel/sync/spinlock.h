/*
 * kernel/sync/spinlock.h - fair (ticket) spinlocks that disable interrupts.
 *
 * spin_lock() turns interrupts off on the calling hart for as long as it
 * holds any spinlock (nesting is counted per hart), so a lock taken by an
 * interrupt handler cannot deadlock against the code it interrupted.
 * Harts acquire a contended lock in the order they asked for it.
 */
#ifndef KERNEL_SYNC_SPINLOCK_H
#define KERNEL_SYNC_SPINLOCK_H

#include "kernel/lib/types.h"

struct cpu;

struct spinlock {
	volatile uint32_t next;		/* [a] next ticket to hand out */
	volatile uint32_t owner;	/* [a] ticket now served */
	const char *name;		/* [c] */
	struct cpu *holder;		/* [this lock] for spin_held() and panics */
};

#define SPINLOCK_INITIALIZER(n)	{ .next = 0, .owner = 0, .name = (n), .holder = NULL }

void spinlock_init(struct spinlock *l, const char *name);
void spin_lock(struct spinlock *l);
bool spin_trylock(struct spinlock *l);
void spin_unlock(struct spinlock *l);
bool spin_held(const struct spinlock *l);	/* by the calling hart */

#endif /* KERNEL_SYNC_SPINLOCK_H */
