/*
 * kernel/sync/mutex.h - blocking kernel mutexes and semaphores.
 *
 * A mutex sleeps instead of spinning; it must not be taken with interrupts
 * off or a spinlock held, nor from an interrupt handler.  Its owner unlocks
 * it.  A ksem is a counting semaphore.
 */
#ifndef KERNEL_SYNC_MUTEX_H
#define KERNEL_SYNC_MUTEX_H

#include "kernel/lib/types.h"
#include "kernel/sched/sched.h"
#include "kernel/sync/spinlock.h"

/*
 * word: the owner thread, or 0 when free, with MUTEX_WAITERS set while
 * someone sleeps for it.  An uncontended lock and unlock are one
 * compare-and-swap each; the interlock is taken only when the bit is or
 * must be set.
 */
struct mutex {
	uintptr_t	word;		/* [a] owner | MUTEX_WAITERS */
	struct spinlock	interlock;
	uint32_t	waiters;	/* [interlock] threads asleep on it */
	const char	*name;		/* [c] */
};
#define MUTEX_WAITERS	((uintptr_t)1)

void mutex_init(struct mutex *m, const char *name);
void mutex_lock(struct mutex *m);
bool mutex_trylock(struct mutex *m);
void mutex_unlock(struct mutex *m);
bool mutex_owned(const struct mutex *m);	/* by the current thread */

struct ksem {
	struct spinlock	interlock;
	int64_t		count;		/* [interlock] */
	uint32_t	waiters;	/* [interlock] */
};

void ksem_init(struct ksem *s, int64_t count);
void ksem_wait(struct ksem *s);
/* THREAD_AWAKENED (got it) or THREAD_TIMED_OUT */
wait_result_t ksem_wait_deadline(struct ksem *s, uint64_t deadline);
void ksem_signal(struct ksem *s);

#endif /* KERNEL_SYNC_MUTEX_H */
