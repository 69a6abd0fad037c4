/*
 * kernel/sync/semaphore.c - Mach semaphores (see semaphore.h).
 *
 * A waiting thread queues a record of its own (struct semaphore_waiter,
 * on its stack) on the semaphore and waits on no event
 * (thread_will_wait*).  A signal takes the first record off the queue and
 * writes its result under the semaphore's lock: a unit goes to exactly one
 * waiter, chosen under the lock.  The signaller then drops the lock and
 * ends that thread's wait (clear_wait_if), or, from
 * semaphore_wait_signal, hands the hart to it (thread_handoff_seq), so no
 * wake-up (an IPI through the firmware) is sent while other harts queue
 * for the lock.  destroy and signal_all wake under the lock.
 *
 * Whatever ends a thread's wait (a signal, destroy, its deadline,
 * thread_interrupt), its record decides how the call ends: if a result
 * has been written, a signal or destroy chose it and that result stands,
 * even if the deadline or an interrupt woke it first; if not, the thread
 * takes the lock, and if the record is still queued nobody chose it: it
 * leaves the queue with the reason it woke.  So a timeout racing a signal
 * never loses the unit: either the signal dequeued the waiter (which
 * returns KERN_SUCCESS) or the waiter dequeued itself first (and the
 * signal counts the unit or gives it to the next waiter).
 *
 * While a thread's record is queued the thread cannot leave the semaphore
 * call without the lock, so whoever holds the lock and finds the record
 * knows the thread is in this wait, or about to re-take the lock: ending
 * its wait there cannot end another wait of the thread's.  A wake-up after
 * the lock is dropped has no such guarantee, so it names the wait by its
 * number and holds a reference on the thread.
 */
#include <limits.h>
#include "kernel/panic.h"
#include "kernel/sched/timer.h"
#include "kernel/startup.h"
#include "kernel/sync/semaphore.h"
#include "kernel/vm/zone.h"

/* a waiter's result while its record is queued: nobody chose it yet */
#define SEMA_QUEUED	(-1)

/*
 * One waiting thread, on its own stack for the length of its call.
 * [s] is the lock of the semaphore it is queued on.
 */
struct semaphore_waiter {
	struct semaphore_waiter *next;	/* [s] */
	struct semaphore_waiter *prev;	/* [s] */
	thread_t	thread;		/* [c] the waiting thread */
	uint64_t	seq;		/* [s] its wait's number (thread_wait_seq);
					   0: its thread never waited */
	kern_return_t	result;		/* [s] SEMA_QUEUED, then how it ended */
};

static struct zone *semaphore_zone;	/* [c] */
static struct semaphore_stats sema_stats; /* [a] */

static void
semaphore_bootstrap(void)
{
	semaphore_zone = zone_create("semaphores", sizeof(struct semaphore),
	    SEMAPHORE_MAX);
	if (semaphore_zone == NULL)
		panic("semaphore_bootstrap: no memory for the semaphore zone");
}
STARTUP(VM, semaphore_bootstrap);

/* --- the queue; s locked --- */

/* queue w (thread set) as a new waiter: at the tail, or the head for LIFO */
static void
waiter_link(struct semaphore *s, struct semaphore_waiter *w)
{
	w->result = SEMA_QUEUED;
	if (s->policy & SYNC_POLICY_REVERSED) {
		w->prev = NULL;
		w->next = s->head;
		if (s->head != NULL)
			s->head->prev = w;
		else
			s->tail = w;
		s->head = w;
	} else {
		w->next = NULL;
		w->prev = s->tail;
		if (s->tail != NULL)
			s->tail->next = w;
		else
			s->head = w;
		s->tail = w;
	}
	__atomic_store_n(&s->nwaiters, s->nwaiters + 1, __ATOMIC_RELAXED);
}

static void
waiter_unlink(struct semaphore *s, struct semaphore_waiter *w)
{
	if (w->prev != NULL)
		w->prev->next = w->next;
	else
		s->head = w->next;
	if (w->next != NULL)
		w->next->prev = w->prev;
	else
		s->tail = w->prev;
	w->next = w->prev = NULL;
	__atomic_store_n(&s->nwaiters, s->nwaiters - 1, __ATOMIC_RELAXED);
}

/*
 * A waiter's result is written last, with release order: once the waiter
 * reads it (wait_sleep, without the lock) it may return, and its record
 * and maybe its thread are gone, so whoever chose it touches neither after
 * writing it.
 */
static inline void
waiter_set_result(struct semaphore_waiter *w, kern_return_t result)
{
	__atomic_store_n(&w->result, result, __ATOMIC_RELEASE);
}

/*
 * waiter_wake_locked - w leaves the queue with result, and its thread's
 * wait ends with wr (if the deadline or an interrupt has not ended it
 * already).  Until result is written the thread finds w queued, so it
 * takes the lock and waits for us.
 */
static void
waiter_wake_locked(struct semaphore *s, struct semaphore_waiter *w,
    kern_return_t result, wait_result_t wr)
{
	waiter_unlink(s, w);
	(void)clear_wait(w->thread, wr);
	waiter_set_result(w, result);
}

/* a waiter chosen under the lock, to be woken once it is dropped */
struct sema_wakeup {
	thread_t	thread;		/* referenced; THREAD_NULL: none */
	uint64_t	seq;		/* the wait it was chosen in */
};

/*
 * waiter_choose_locked - w leaves the queue with result; its thread
 * (referenced) and its wait's number go to *wk for waiter_wakeup.  A
 * waiter whose thread has never waited (seq 0: its first wait's deadline
 * had passed, so none began) has no wait to end: *wk stays empty.
 */
static void
waiter_choose_locked(struct semaphore *s, struct semaphore_waiter *w,
    kern_return_t result, struct sema_wakeup *wk)
{
	waiter_unlink(s, w);
	if (w->seq != 0) {
		wk->thread = w->thread;
		wk->seq = w->seq;
		thread_reference(wk->thread);
	}
	waiter_set_result(w, result);
}

/*
 * waiter_wakeup - with no semaphore lock held: end the chosen thread's
 * wait if it is still the one it was chosen in (its deadline or an
 * interrupt may have ended it, and it may be in another wait by now).
 */
static void
waiter_wakeup(struct sema_wakeup *wk)
{
	(void)clear_wait_if(wk->thread, wk->seq, THREAD_AWAKENED);
	thread_deallocate(wk->thread);
}

/* --- creation, references, destruction --- */

kern_return_t
semaphore_create_internal(int policy, int value, semaphore_t *out)
{
	struct semaphore *s;

	if (out == NULL)
		return KERN_INVALID_ARGUMENT;
	*out = SEMAPHORE_NULL;
	if (value < 0 || (policy & ~SYNC_POLICY_ORDER_MASK) != 0)
		return KERN_INVALID_ARGUMENT;
	if ((s = zalloc_flags(semaphore_zone, Z_ZERO)) == NULL)
		return KERN_RESOURCE_SHORTAGE;
	spinlock_init_ranked(&s->lock, "semaphore", LOCK_RANK_SEMAPHORE);
	s->refs = 1;
	s->policy = policy;
	s->active = true;
	s->count = value;
	*out = s;
	return KERN_SUCCESS;
}

void
semaphore_free(semaphore_t s, uint32_t left)
{
	if (unlikely(left != 0))
		panic("semaphore_deallocate: %p had no reference left", s);
	if (unlikely(s->nwaiters != 0))
		panic("semaphore_deallocate: last reference to %p gone with "
		    "%u waiters", s, s->nwaiters);
	/* a semaphore's port, if it had one, died with its last send right */
	if (unlikely(s->port != NULL))
		panic("semaphore_deallocate: %p still has its port", s);
	zfree(semaphore_zone, s);
}

kern_return_t
semaphore_destroy(semaphore_t s)
{
	if (s == SEMAPHORE_NULL)
		return KERN_INVALID_ARGUMENT;
	spin_lock(&s->lock);
	if (!s->active) {
		spin_unlock(&s->lock);
		return KERN_TERMINATED;
	}
	s->active = false;
	s->count = 0;
	while (s->head != NULL)
		waiter_wake_locked(s, s->head, KERN_TERMINATED, THREAD_RESTART);
	spin_unlock(&s->lock);
	return KERN_SUCCESS;
}

/* --- signals --- */

/*
 * signal_one_locked - one unit for s: to its first waiter (chosen into
 * *wk, to wake once s is unlocked), else to the count; s locked.
 */
static kern_return_t
signal_one_locked(struct semaphore *s, struct sema_wakeup *wk)
{
	wk->thread = THREAD_NULL;
	if (!s->active)
		return KERN_TERMINATED;
	if (s->head != NULL)
		waiter_choose_locked(s, s->head, KERN_SUCCESS, wk);
	else if (s->count == INT_MAX)
		return KERN_RESOURCE_SHORTAGE;
	else
		s->count++;
	return KERN_SUCCESS;
}

/* semaphore_signal's work: the waiter it chose is left to the caller in *wk */
static kern_return_t
signal_one(struct semaphore *s, struct sema_wakeup *wk)
{
	kern_return_t kr;

	spin_lock(&s->lock);
	kr = signal_one_locked(s, wk);
	spin_unlock(&s->lock);
	return kr;
}

kern_return_t
semaphore_signal(semaphore_t s)
{
	struct sema_wakeup wk;
	kern_return_t kr;

	if (s == SEMAPHORE_NULL)
		return KERN_INVALID_ARGUMENT;
	kr = signal_one(s, &wk);
	if (wk.thread != THREAD_NULL)
		waiter_wakeup(&wk);
	return kr;
}

kern_return_t
semaphore_signal_all(semaphore_t s)
{
	kern_return_t kr = KERN_SUCCESS;

	if (s == SEMAPHORE_NULL)
		return KERN_INVALID_ARGUMENT;
	spin_lock(&s->lock);
	if (!s->active)
		kr = KERN_TERMINATED;
	else
		while (s->head != NULL)
			waiter_wake_locked(s, s->head, KERN_SUCCESS,
			    THREAD_AWAKENED);
	spin_unlock(&s->lock);
	return kr;
}

kern_return_t
semaphore_signal_thread(semaphore_t s, thread_t thread)
{
	struct semaphore_waiter *w;
	struct sema_wakeup wk = { THREAD_NULL, 0 };
	kern_return_t kr = KERN_SUCCESS;

	if (s == SEMAPHORE_NULL)
		return KERN_INVALID_ARGUMENT;
	spin_lock(&s->lock);
	for (w = s->head; w != NULL && thread != THREAD_NULL &&
	    w->thread != thread; w = w->next)
		;
	if (!s->active)
		kr = KERN_TERMINATED;
	else if (w == NULL)
		kr = KERN_NOT_WAITING;
	else
		waiter_choose_locked(s, w, KERN_SUCCESS, &wk);
	spin_unlock(&s->lock);
	if (wk.thread != THREAD_NULL)
		waiter_wakeup(&wk);
	return kr;
}

/* --- waits --- */

/*
 * wait_assert_locked - self's wait for w's semaphore (locked),
 * interruptible, until deadline (0: none).  A deadline already past leaves
 * no wait asserted and makes the next thread_block() return
 * THREAD_TIMED_OUT.  With a deadline this arms a timer under the
 * semaphore's lock; wait_begin avoids that (below), only the rare wait
 * again after a stray wake-up in wait_sleep does it.
 */
static void
wait_assert_locked(struct semaphore_waiter *w, uint64_t deadline)
{
	(void)thread_will_wait_deadline(THREAD_INTERRUPTIBLE, deadline);
	w->seq = thread_wait_seq();
}

/*
 * wait_abandon - end a wait self asserted but no longer needs (it took a
 * unit, or the semaphore died, before it queued): thread_block() returns
 * at once and cancels the deadline's timer.
 */
static void
wait_abandon(thread_t self)
{
	(void)clear_wait(self, THREAD_AWAKENED);
	thread_block();
}

/*
 * wait_end_if_aborted - the current thread, its wait asserted, was asked
 * to stop for good before the wait began (thread_interrupt, which ends
 * only a wait begun, came too early: the thread would sleep through its
 * termination): end the wait as thread_interrupt would, so thread_block
 * returns THREAD_INTERRUPTED at once.  True if so.
 */
static bool
wait_end_if_aborted(void)
{
	thread_t self = current_thread();

	if (likely(!thread_should_abort(self)))
		return false;
	(void)clear_wait(self, THREAD_INTERRUPTED);
	return true;
}

/*
 * wait_begin - the first half of a wait on s: take a unit, or fail, or
 * queue w and assert the wait.  KERN_SUCCESS, KERN_TERMINATED,
 * KERN_OPERATION_TIMED_OUT (poll and nothing to take), or SEMA_QUEUED: the
 * caller must finish with wait_sleep (or wait_cancel).
 *
 * A wait without a deadline is asserted under s's lock (it takes no other
 * lock).  One with a deadline is asserted with the lock dropped, so that
 * arming its timer (the timer queue's lock, maybe the hardware) is not
 * done while other harts queue for s's lock; the checks are then made
 * again.  A deadline or interrupt that ends the wait before w is queued
 * is found by wait_sleep as usual.
 */
static kern_return_t
wait_begin(struct semaphore *s, struct semaphore_waiter *w, uint64_t deadline,
    bool poll)
{
	thread_t self = current_thread();
	bool asserted = false;
	kern_return_t kr;

	spin_lock(&s->lock);
	for (;;) {
		if (!s->active) {
			kr = KERN_TERMINATED;
			break;
		}
		if (s->count > 0) {
			s->count--;
			kr = KERN_SUCCESS;
			break;
		}
		if (poll) {
			kr = KERN_OPERATION_TIMED_OUT;
			break;
		}
		if (deadline == 0 || asserted) {
			w->thread = self;
			waiter_link(s, w);
			if (!asserted)
				(void)thread_will_wait(THREAD_INTERRUPTIBLE);
			w->seq = thread_wait_seq();
			spin_unlock(&s->lock);
			return SEMA_QUEUED;
		}
		spin_unlock(&s->lock);
		(void)thread_will_wait_deadline(THREAD_INTERRUPTIBLE, deadline);
		asserted = true;
		spin_lock(&s->lock);
	}
	spin_unlock(&s->lock);
	if (asserted)
		wait_abandon(self);
	return kr;
}

/*
 * wait_sleep - the second half: r is what the first thread_block (or
 * thread_handoff_seq) returned.  Until w leaves the queue, a wake-up that
 * was neither a deadline nor an interrupt (someone else's clear_wait or
 * handoff) only starts the wait again.
 */
static kern_return_t
wait_sleep(struct semaphore *s, struct semaphore_waiter *w, uint64_t deadline,
    wait_result_t r)
{
	kern_return_t kr;

	/* the usual case, chosen already: no need for the lock */
	kr = __atomic_load_n(&w->result, __ATOMIC_ACQUIRE);
	if (likely(kr != SEMA_QUEUED))
		goto chosen;
	for (;;) {
		spin_lock(&s->lock);
		if ((kr = w->result) != SEMA_QUEUED) {
			spin_unlock(&s->lock);
			goto chosen;
		}
		if (r == THREAD_TIMED_OUT) {
			waiter_unlink(s, w);
			kr = KERN_OPERATION_TIMED_OUT;
			__atomic_fetch_add(&sema_stats.timeouts, 1,
			    __ATOMIC_RELAXED);
			break;
		}
		if (r == THREAD_INTERRUPTED || r == THREAD_RESTART) {
			waiter_unlink(s, w);
			kr = KERN_ABORTED;
			__atomic_fetch_add(&sema_stats.aborts, 1, __ATOMIC_RELAXED);
			break;
		}
		wait_assert_locked(w, deadline);
		spin_unlock(&s->lock);
		(void)wait_end_if_aborted();
		r = thread_block();
	}
	spin_unlock(&s->lock);
	return kr;
chosen:
	if (kr == KERN_SUCCESS && (r == THREAD_TIMED_OUT ||
	    r == THREAD_INTERRUPTED))
		__atomic_fetch_add(&sema_stats.signal_won_race, 1,
		    __ATOMIC_RELAXED);
	return kr;
}

/*
 * wait_cancel - leave a wait begun by wait_begin without sleeping: err
 * unless a signal or destroy chose w first (then its result).
 */
static kern_return_t
wait_cancel(struct semaphore *s, struct semaphore_waiter *w, kern_return_t err)
{
	kern_return_t kr = err;

	spin_lock(&s->lock);
	if (w->result == SEMA_QUEUED)
		waiter_unlink(s, w);
	else
		kr = w->result;
	(void)clear_wait(w->thread, THREAD_AWAKENED);
	spin_unlock(&s->lock);
	thread_block();			/* returns at once: the wait is over */
	return kr;
}

/*
 * wait_signal - every wait: on wait_s, after signalling signal_s if not
 * NULL; deadline 0: none; poll: never sleep.
 */
static kern_return_t
wait_signal(struct semaphore *wait_s, struct semaphore *signal_s,
    uint64_t deadline, bool poll)
{
	struct semaphore_waiter w;
	struct sema_wakeup wk = { THREAD_NULL, 0 };
	kern_return_t kr, skr = KERN_SUCCESS;
	wait_result_t r;

	kr = wait_begin(wait_s, &w, deadline, poll);
	if (signal_s != SEMAPHORE_NULL) {
		skr = signal_one(signal_s, &wk);
		/* about to sleep: hand the hart to the thread woken (not us) */
		if (wk.thread != THREAD_NULL && (kr != SEMA_QUEUED ||
		    skr != KERN_SUCCESS || wk.thread == current_thread())) {
			waiter_wakeup(&wk);
			wk.thread = THREAD_NULL;
		}
	}
	if (kr != SEMA_QUEUED)
		return kr;
	if (skr != KERN_SUCCESS)
		return wait_cancel(wait_s, &w, skr);
	if (wait_end_if_aborted() && wk.thread != THREAD_NULL) {
		/* no hand-off: this thread is leaving */
		waiter_wakeup(&wk);
		wk.thread = THREAD_NULL;
	}
	if (wk.thread != THREAD_NULL) {
		r = thread_handoff_seq(wk.thread, wk.seq);
		thread_deallocate(wk.thread);
	} else {
		r = thread_block();
	}
	return wait_sleep(wait_s, &w, deadline, r);
}

/* a relative mach_timespec_t as a deadline; {0, 0}: *poll */
static kern_return_t
timespec_deadline(mach_timespec_t t, uint64_t *deadline, bool *poll)
{
	if (t.tv_nsec < 0 || (uint64_t)t.tv_nsec >= NSEC_PER_SEC)
		return KERN_INVALID_VALUE;
	*poll = t.tv_sec == 0 && t.tv_nsec == 0;
	*deadline = *poll ? 0 : nanotime() + (uint64_t)t.tv_sec * NSEC_PER_SEC +
	    (uint64_t)t.tv_nsec;
	return KERN_SUCCESS;
}

kern_return_t
semaphore_wait(semaphore_t s)
{
	if (s == SEMAPHORE_NULL)
		return KERN_INVALID_ARGUMENT;
	return wait_signal(s, SEMAPHORE_NULL, 0, false);
}

kern_return_t
semaphore_timedwait(semaphore_t s, mach_timespec_t wait_time)
{
	return semaphore_timedwait_signal(s, SEMAPHORE_NULL, wait_time);
}

kern_return_t
semaphore_wait_signal(semaphore_t wait_s, semaphore_t signal_s)
{
	if (wait_s == SEMAPHORE_NULL)
		return KERN_INVALID_ARGUMENT;
	return wait_signal(wait_s, signal_s, 0, false);
}

kern_return_t
semaphore_timedwait_signal(semaphore_t wait_s, semaphore_t signal_s,
    mach_timespec_t wait_time)
{
	uint64_t deadline;
	bool poll;
	kern_return_t kr;

	if (wait_s == SEMAPHORE_NULL)
		return KERN_INVALID_ARGUMENT;
	if ((kr = timespec_deadline(wait_time, &deadline, &poll)) != KERN_SUCCESS)
		return kr;
	return wait_signal(wait_s, signal_s, deadline, poll);
}

void
semaphore_get_stats(struct semaphore_stats *st)
{
	st->timeouts = __atomic_load_n(&sema_stats.timeouts, __ATOMIC_RELAXED);
	st->aborts = __atomic_load_n(&sema_stats.aborts, __ATOMIC_RELAXED);
	st->signal_won_race = __atomic_load_n(&sema_stats.signal_won_race,
	    __ATOMIC_RELAXED);
}
