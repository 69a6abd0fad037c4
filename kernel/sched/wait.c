/*
 * kernel/sched/wait.c - waiting on events: assert_wait, thread_wakeup,
 * deadlines, interruption.
 *
 * Waiting threads hang on one of WAIT_BUCKETS lists hashed by event (a
 * Mach-style global wait queue table).  A thread's wait fields belong to
 * the bucket of the event it waits on: assert_wait() sets them and links
 * the thread under that bucket's lock, and whoever ends the wait (wake-up,
 * timeout, interrupt, handoff) does so under the same lock.
 *
 * The TH_WAIT and TH_RUN bits of thread->state change by compare-and-swap,
 * not under a lock.  A thread that asserted a wait stays TH_RUN until
 * thread_block() clears TH_RUN, which it does only while TH_WAIT is still
 * set; the waker clears TH_WAIT and sets TH_RUN only if it was clear.  So
 * exactly one of them sees the other: either thread_block() returns at once,
 * or the waker makes the thread runnable.  No wake-up is lost.  Each wait
 * has a sequence number so that a late timer cannot end a later wait.
 *
 * A wait on no event (thread_will_wait, Mach 3's) is in no bucket: its
 * waker knows the thread by name.  TH_WAIT_ANON marks it, set with TH_WAIT
 * by the thread alone, and whoever ends it does so under the thread's own
 * lock, so such a wait costs no hashing, no bucket and no list.
 *
 * Locks (order): bucket lock, thread lock (to end a wait on no event, or
 * to queue a woken thread), run queue lock.
 */
#include "kernel/cpu.h"
#include "kernel/panic.h"
#include "kernel/sched/thread.h"

#define WAIT_BUCKETS	64

struct wait_bucket {
	struct spinlock lock;
	struct thread *head;		/* [lock] */
	struct thread *tail;		/* [lock] */
} __aligned(64);

static struct wait_bucket wait_buckets[WAIT_BUCKETS];

static struct wait_bucket *
bucket_of(event_t e)
{
	uint64_t h = (uint64_t)(uintptr_t)e;

	h ^= h >> 17;
	h *= 0x9e3779b97f4a7c15ull;
	return &wait_buckets[(h >> 32) % WAIT_BUCKETS];
}

void
wait_init(void)
{
	for (int i = 0; i < WAIT_BUCKETS; i++)
		spinlock_init_ranked(&wait_buckets[i].lock, "wait_bucket",
		    LOCK_RANK_WAIT_BUCKET);
}

static void
bucket_link(struct wait_bucket *b, struct thread *t)
{
	t->wait_next = NULL;
	t->wait_prev = b->tail;
	if (b->tail != NULL)
		b->tail->wait_next = t;
	else
		b->head = t;
	b->tail = t;
}

static void
bucket_unlink(struct wait_bucket *b, struct thread *t)
{
	if (t->wait_prev != NULL)
		t->wait_prev->wait_next = t->wait_next;
	else
		b->head = t->wait_next;
	if (t->wait_next != NULL)
		t->wait_next->wait_prev = t->wait_prev;
	else
		b->tail = t->wait_prev;
	t->wait_next = t->wait_prev = NULL;
}

/*
 * wait_end_locked - end t's wait with result.  t's bucket locked, t
 * already unlinked.  TH_WAIT goes; if t had left its hart (TH_RUN clear) it
 * gets TH_RUN back and true is returned: the caller must queue it or run
 * it.  Otherwise t is still on its way into thread_block(), which will see
 * TH_WAIT clear and return at once.
 */
static __always_inline bool
wait_end_locked(struct thread *t, wait_result_t result)
{
	t->wait_result = result;
	__atomic_store_n(&t->wait_event, NO_EVENT, __ATOMIC_RELAXED);
	return wait_state_end(t, TH_WAIT);
}

/*
 * queue t, just woken off its hart; t locked.  It may still be switching
 * off that hart: queue it once off (that hart takes no thread lock before
 * it lets go of t, so spinning here under t's lock is safe).
 */
static void
wait_setrun_locked(struct thread *t)
{
	while (__atomic_load_n(&t->oncpu, __ATOMIC_ACQUIRE))
		cpu_relax();
	thread_setrun_locked(t);
}

/* the same, t not locked; interrupts off */
static void
wait_setrun(struct thread *t)
{
	spin_lock_intr_off(&t->lock);
	wait_setrun_locked(t);
	spin_unlock_intr_off(&t->lock);
}

static void
wait_timeout_fired(struct timer_call *tc __unused, void *arg)
{
	struct thread *t = arg;

	clear_wait_seq(t, t->timer_seq, THREAD_TIMED_OUT, 0);
	__atomic_store_n(&t->timer_active, false, __ATOMIC_RELEASE);
}

void
thread_wait_timer_init(struct thread *t)
{
	timer_call_setup(&t->wait_timer, wait_timeout_fired, t);
}

/* a new wait's number, and its timer's if it has a deadline; not waiting */
static __always_inline void
wait_begin(struct thread *self, wait_interrupt_t interruptible,
    uint64_t deadline)
{
	self->wait_seq++;
	self->wait_interruptible = interruptible;
	if (deadline != 0) {
		self->timer_seq = self->wait_seq;
		self->timer_active = true;
	}
}

/* link self into event's bucket as waiting; self not waiting now */
static __always_inline void
wait_link(struct thread *self, event_t event, wait_interrupt_t interruptible,
    uint64_t deadline)
{
	struct wait_bucket *b = bucket_of(event);

	spin_lock(&b->lock);
	wait_begin(self, interruptible, deadline);
	bucket_link(b, self);
	__atomic_store_n(&self->wait_event, event, __ATOMIC_RELAXED);
	__atomic_fetch_or(&self->state, TH_WAIT, __ATOMIC_RELAXED);
	spin_unlock(&b->lock);
}

/*
 * wait_anon - self now waits on no event.  Its wait fields are written
 * before TH_WAIT is set, and no one else reads them before seeing it (under
 * self's lock), so no lock is needed to begin.
 */
static __always_inline void
wait_anon(struct thread *self, wait_interrupt_t interruptible,
    uint64_t deadline)
{
	wait_begin(self, interruptible, deadline);
	__atomic_fetch_or(&self->state, TH_WAIT | TH_WAIT_ANON,
	    __ATOMIC_RELEASE);
}

static inline void
wait_assert_check(struct thread *self)
{
	if (unlikely(__atomic_load_n(&self->state, __ATOMIC_RELAXED) & TH_WAIT))
		panic("assert_wait: thread %s already waiting on %p",
		    self->name, self->wait_event);
}

/* a deadline already passed: nothing to wait for, thread_block() returns */
static bool
wait_deadline_passed(struct thread *self, uint64_t deadline)
{
	if (deadline > nanotime())
		return false;
	self->wait_result = THREAD_TIMED_OUT;
	return true;
}

wait_result_t
assert_wait_deadline(event_t event, wait_interrupt_t interruptible,
    uint64_t deadline)
{
	struct thread *self = cpu_thread();

	if (deadline == 0)
		return assert_wait(event, interruptible);
	wait_assert_check(self);
	if (wait_deadline_passed(self, deadline))
		return THREAD_TIMED_OUT;
	wait_link(self, event, interruptible, deadline);
	timer_call_enter(&self->wait_timer, deadline);
	return THREAD_WAITING;
}

wait_result_t
assert_wait(event_t event, wait_interrupt_t interruptible)
{
	struct thread *self = cpu_thread();

	wait_assert_check(self);
	wait_link(self, event, interruptible, 0);
	return THREAD_WAITING;
}

wait_result_t
thread_will_wait_deadline(wait_interrupt_t interruptible, uint64_t deadline)
{
	struct thread *self = cpu_thread();

	if (deadline == 0)
		return thread_will_wait(interruptible);
	wait_assert_check(self);
	if (wait_deadline_passed(self, deadline))
		return THREAD_TIMED_OUT;
	wait_anon(self, interruptible, deadline);
	timer_call_enter(&self->wait_timer, deadline);
	return THREAD_WAITING;
}

uint64_t
thread_wait_seq(void)
{
	return cpu_thread()->wait_seq;
}

kern_return_t
clear_wait_if(thread_t t, uint64_t seq, wait_result_t result)
{
	if (t == NULL || seq == 0 || result < THREAD_AWAKENED ||
	    result > THREAD_RESTART)
		return KERN_INVALID_ARGUMENT;
	return clear_wait_seq(t, seq, result, 0);
}

wait_result_t
thread_will_wait(wait_interrupt_t interruptible)
{
	struct thread *self = cpu_thread();

	wait_assert_check(self);
	wait_anon(self, interruptible, 0);
	return THREAD_WAITING;
}

/* wait_finish_slow - the wait had a timer: see thread.h's wait_finish */
void
wait_finish_slow(struct thread *self)
{
	if (timer_call_cancel(&self->wait_timer))
		__atomic_store_n(&self->timer_active, false, __ATOMIC_RELEASE);
	while (__atomic_load_n(&self->timer_active, __ATOMIC_ACQUIRE))
		cpu_relax();
}

/*
 * wait_lock_bucket - lock the bucket t waits in and return it, or NULL if
 * t waits on no event (or none at all).  Interrupts off.  wait_event
 * changes only under the lock of the bucket it names, so once that bucket
 * is locked and wait_event still names it, t is waiting there.
 */
static __always_inline struct wait_bucket *
wait_lock_bucket(struct thread *t)
{
	for (;;) {
		event_t ev = __atomic_load_n(&t->wait_event, __ATOMIC_ACQUIRE);
		struct wait_bucket *b;

		if (ev == NO_EVENT)
			return NULL;
		b = bucket_of(ev);
		spin_lock_intr_off(&b->lock);
		if (__atomic_load_n(&t->wait_event, __ATOMIC_RELAXED) == ev)
			return b;
		/* its wait ended or moved meanwhile: look again */
		spin_unlock_intr_off(&b->lock);
	}
}

/* may the wait numbered seq (0: any) be ended with these flags? [w] */
static inline bool
wait_matches(struct thread *t, uint64_t seq, int flags)
{
	return (seq == 0 || t->wait_seq == seq) && (!(flags & CW_INTERRUPT) ||
	    t->wait_interruptible == THREAD_INTERRUPTIBLE);
}

/* clear_wait_seq for a wait on no event; interrupts off */
static kern_return_t
clear_wait_anon(struct thread *t, uint64_t seq, wait_result_t result,
    int flags)
{
	kern_return_t kr = KERN_NOT_WAITING;

	spin_lock_intr_off(&t->lock);
	/* under t's lock a wait on no event cannot end or begin */
	if ((__atomic_load_n(&t->state, __ATOMIC_ACQUIRE) & TH_WAIT_ANON) &&
	    wait_matches(t, seq, flags)) {
		if (wait_anon_end_locked(t, result))
			wait_setrun_locked(t);
		kr = KERN_SUCCESS;
	}
	spin_unlock_intr_off(&t->lock);
	return kr;
}

kern_return_t
clear_wait_seq(struct thread *t, uint64_t seq, wait_result_t result, int flags)
{
	struct wait_bucket *b;
	kern_return_t kr = KERN_NOT_WAITING;

	intr_push();
	if ((b = wait_lock_bucket(t)) == NULL) {
		if (__atomic_load_n(&t->state, __ATOMIC_RELAXED) & TH_WAIT_ANON)
			kr = clear_wait_anon(t, seq, result, flags);
		goto out;
	}
	if (wait_matches(t, seq, flags)) {
		bucket_unlink(b, t);
		if (wait_end_locked(t, result))
			wait_setrun(t);
		kr = KERN_SUCCESS;
	}
	spin_unlock_intr_off(&b->lock);
out:
	intr_pop();
	return kr;
}

/*
 * clear_wait_handoff - end t's wait, whatever it is, with THREAD_AWAKENED,
 * for thread_handoff().  Interrupts off.  True if t had left its hart: it
 * is now runnable, queued nowhere, and the caller's to run.  False if it
 * was not waiting or is still on its way into thread_block() (which then
 * returns at once).
 */
bool
clear_wait_handoff(struct thread *t)
{
	struct wait_bucket *b = wait_lock_bucket(t);
	bool off_hart;

	if (b == NULL)
		return false;
	bucket_unlink(b, t);
	off_hart = wait_end_locked(t, THREAD_AWAKENED);
	spin_unlock_intr_off(&b->lock);
	return off_hart;
}

static __always_inline kern_return_t
thread_wakeup_prim(event_t event, bool one)
{
	struct wait_bucket *b = bucket_of(event);
	struct thread *t, *next;
	bool found = false;

	spin_lock(&b->lock);
	for (t = b->head; t != NULL; t = next) {
		next = t->wait_next;
		if (t->wait_event != event)
			continue;
		bucket_unlink(b, t);
		if (wait_end_locked(t, THREAD_AWAKENED))
			wait_setrun(t);
		found = true;
		if (one)
			break;
	}
	spin_unlock(&b->lock);
	return found ? KERN_SUCCESS : KERN_NOT_WAITING;
}

kern_return_t
thread_wakeup(event_t event)
{
	return thread_wakeup_prim(event, false);
}

kern_return_t
thread_wakeup_one(event_t event)
{
	return thread_wakeup_prim(event, true);
}

kern_return_t
thread_interrupt(thread_t t)
{
	if (__atomic_load_n(&t->terminated, __ATOMIC_ACQUIRE))
		return KERN_TERMINATED;
	return clear_wait_seq(t, 0, THREAD_INTERRUPTED, CW_INTERRUPT);
}

kern_return_t
clear_wait(thread_t t, wait_result_t result)
{
	if (t == NULL || result < THREAD_AWAKENED || result > THREAD_RESTART)
		return KERN_INVALID_ARGUMENT;
	if (__atomic_load_n(&t->terminated, __ATOMIC_ACQUIRE))
		return KERN_TERMINATED;
	return clear_wait_seq(t, 0, result, 0);
}

wait_result_t
thread_sleep_ns(uint64_t ns)
{
	struct thread *self = cpu_thread();

	if (ns == 0)
		return THREAD_TIMED_OUT;
	assert_wait_deadline(&self->wait_timer, THREAD_UNINT, nanotime() + ns);
	return thread_block();
}
