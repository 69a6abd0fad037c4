/*
 * kernel/sync/semaphore.h - Mach semaphores, the kernel side (XNU's
 * osfmk/kern/sync_sema.c, OSF Mach 3's semaphore_*): a count that threads
 * wait on, with deadlines, interruption and destruction, and the
 * signal-one-then-wait step that hands this hart straight to the thread
 * it wakes.  docs/semaphores.md has the semantics and where rvmach differs
 * from XNU.
 *
 * User mode reaches them through the task layer (task/task_semaphore.h):
 * each semaphore there has a kernel-object port (IKOT_SEMAPHORE) whose
 * send rights are the user's semaphore_t, and an owning task; the traps
 * (task/semaphore_trap.c) call the functions below.
 *
 * The kernel builds against <mach/sync_policy.h> and <mach/clock_types.h>
 * (the policies, mach_timespec_t).  It cannot include <mach/semaphore.h>:
 * that header declares the user's functions of the same names on port
 * names (semaphore_t there is a mach_port_t, as thread_t is in
 * <mach/mach_types.h>), while here semaphore_t is the object.
 */
#ifndef KERNEL_SYNC_SEMAPHORE_H
#define KERNEL_SYNC_SEMAPHORE_H

#include <mach/clock_types.h>
#include <mach/kern_return.h>
#include <mach/sync_policy.h>
#include "kernel/lib/types.h"
#include "kernel/sched/sched.h"
#include "kernel/sync/spinlock.h"

/* semaphores in existence at once, all tasks together (the zone's limit) */
#define SEMAPHORE_MAX	16384

struct semaphore_waiter;

/*
 * Locks:
 *	s	semaphore->lock (LOCK_RANK_SEMAPHORE): taken before the wait
 *		machinery (thread lock, run queue, timer queue), never with
 *		another semaphore's lock held
 *	o	the owner's lock: the task layer's semaphore_owners lock
 *		(task/task_semaphore.c); this layer never touches these fields
 *	a	atomic
 *	c	constant after creation
 *
 * count and the queue are never both non-zero: a signal with a waiter
 * hands its unit to that waiter instead of counting it (XNU keeps a
 * negative count for "there are waiters"; here the queue says it).
 */
struct semaphore {
	struct spinlock	lock;
	uint32_t	refs;		/* [a] references */
	int		policy;		/* [c] SYNC_POLICY_*: REVERSED wakes the newest */
	bool		active;		/* [s] false once semaphore_destroy ran */
	int		count;		/* [s] units to take; 0 while anyone waits */
	uint32_t	nwaiters;	/* [s, read a] threads in the queue */
	struct semaphore_waiter *head;	/* [s] the next waiter to wake */
	struct semaphore_waiter *tail;	/* [s] */
	/*
	 * [o] the kernel-object port (IKOT_SEMAPHORE) of a semaphore made
	 * for user mode, set before anyone else can see it; NULL for the
	 * kernel's own, and once the port died (its last send right went)
	 */
	void		*port;
	/* [c] the owning task's id (task_id, never reused); 0: none */
	uint64_t	owner_id;
	/* [o] on the owner's list; owner_prevp NULL: on none (destroyed) */
	struct semaphore *owner_next;
	struct semaphore **owner_prevp;
};

typedef struct semaphore *semaphore_t;
#define SEMAPHORE_NULL	((semaphore_t)NULL)

/*
 * semaphore_create_internal - a new, active semaphore with count value
 * and waking order policy; *out gets the only reference.  Takes no lock.
 * KERN_INVALID_ARGUMENT: out NULL, value < 0, or policy other than
 * SYNC_POLICY_FIFO, SYNC_POLICY_FIXED_PRIORITY (accepted, woken in FIFO
 * order as XNU does), SYNC_POLICY_LIFO or FIXED_PRIORITY | REVERSED.
 * KERN_RESOURCE_SHORTAGE: no memory, or SEMAPHORE_MAX exist already.
 * *out is SEMAPHORE_NULL on an error.
 */
kern_return_t semaphore_create_internal(int policy, int value, semaphore_t *out);

/*
 * references: the object stays (maybe destroyed) while anyone holds one.
 * Inline: each semaphore trap takes and drops one per semaphore it uses.
 */
static inline void
semaphore_reference(semaphore_t s)
{
	if (s != SEMAPHORE_NULL)
		__atomic_fetch_add(&s->refs, 1, __ATOMIC_RELAXED);
}

/* (semaphore_deallocate's last reference: s is freed) */
void semaphore_free(semaphore_t s, uint32_t left);

/*
 * semaphore_deallocate - drop a reference; the last one frees s.  Nobody
 * can be waiting then (a waiter's caller holds a reference).  NULL: no-op.
 */
static inline void
semaphore_deallocate(semaphore_t s)
{
	uint32_t left;

	if (s == SEMAPHORE_NULL)
		return;
	left = __atomic_sub_fetch(&s->refs, 1, __ATOMIC_ACQ_REL);
	if (unlikely(left == 0 || left == UINT32_MAX))
		semaphore_free(s, left);
}

/*
 * semaphore_destroy - make s inactive: every thread waiting on it returns
 * KERN_TERMINATED, and every later operation on it returns KERN_TERMINATED.
 * Does not consume the caller's reference (XNU's, on a task, does).
 * KERN_SUCCESS; KERN_TERMINATED if s was destroyed already;
 * KERN_INVALID_ARGUMENT for SEMAPHORE_NULL.
 */
kern_return_t semaphore_destroy(semaphore_t s);

/*
 * The operations below take s's lock and the wait machinery's, never
 * more than one semaphore's lock at a time.  The caller holds a reference
 * on each semaphore it passes for the length of the call, and holds no
 * spinlock when a call may block (the wait calls).  Every one returns
 * KERN_INVALID_ARGUMENT for SEMAPHORE_NULL and KERN_TERMINATED for a
 * destroyed semaphore.
 */

/*
 * semaphore_signal - wake the first waiter (it returns KERN_SUCCESS), or,
 * with nobody waiting, add one to the count.  KERN_SUCCESS;
 * KERN_RESOURCE_SHORTAGE if the count is INT_MAX already (XNU does not
 * check).
 */
kern_return_t semaphore_signal(semaphore_t s);
/*
 * semaphore_signal_all - wake every waiter (each returns KERN_SUCCESS);
 * the count does not change (it is 0 while anyone waits), also when
 * nobody waits.  KERN_SUCCESS.
 */
kern_return_t semaphore_signal_all(semaphore_t s);
/*
 * semaphore_signal_thread - wake thread if it waits on s; THREAD_NULL:
 * the first waiter.  The count never changes.  KERN_SUCCESS;
 * KERN_NOT_WAITING if thread (or, for THREAD_NULL, anyone) is not waiting
 * on s.
 */
kern_return_t semaphore_signal_thread(semaphore_t s, thread_t thread);

/*
 * semaphore_wait - take one from the count, or wait until a signal hands
 * one over.  KERN_SUCCESS; KERN_ABORTED if thread_interrupt() ended the
 * wait first (nothing taken); KERN_TERMINATED if s is or gets destroyed.
 * Blocks: no spinlock held.
 */
kern_return_t semaphore_wait(semaphore_t s);
/*
 * semaphore_timedwait - semaphore_wait for at most wait_time (relative);
 * {0, 0} only polls, never blocking.  KERN_OPERATION_TIMED_OUT when the
 * time passed, or the poll found the count at 0, with nothing taken; a
 * signal that chose this waiter before it could leave the queue still
 * wins (KERN_SUCCESS), so no unit is lost.  KERN_INVALID_VALUE: tv_nsec
 * negative or >= NSEC_PER_SEC.  Others as semaphore_wait.
 */
kern_return_t semaphore_timedwait(semaphore_t s, mach_timespec_t wait_time);
/*
 * semaphore_wait_signal - queue on wait_s (or take from its count), then
 * signal signal_s (may be SEMAPHORE_NULL) as semaphore_signal does, then
 * sleep if queued.  The wait is in place before the signal, so a wake-up
 * that the signal's receiver sends back to wait_s is never lost.  When the
 * caller sleeps and the signal wakes a thread, the caller hands this hart
 * to it (thread_handoff_seq) instead of going through a run queue.
 * Returns the wait's result, except: if signal_s is destroyed (or its
 * count full) and the caller had to sleep, the caller does not sleep and
 * gets that error, unless a signal had reached it first.  signal_s is
 * signalled even when wait_s is destroyed or the poll fails (as in XNU).
 */
kern_return_t semaphore_wait_signal(semaphore_t wait_s, semaphore_t signal_s);
/* semaphore_timedwait_signal - the same with semaphore_timedwait's wait */
kern_return_t semaphore_timedwait_signal(semaphore_t wait_s,
    semaphore_t signal_s, mach_timespec_t wait_time);

/* counters for tests: how waits ended other than by a signal or destroy */
struct semaphore_stats {
	uint64_t timeouts;		/* KERN_OPERATION_TIMED_OUT after sleeping */
	uint64_t aborts;		/* KERN_ABORTED */
	/*
	 * a wait ended by its deadline or an interrupt found that a signal had
	 * already taken it off the queue: it returned KERN_SUCCESS (the race
	 * that must not lose a unit)
	 */
	uint64_t signal_won_race;
};
void semaphore_get_stats(struct semaphore_stats *st);

#endif /* KERNEL_SYNC_SEMAPHORE_H */
