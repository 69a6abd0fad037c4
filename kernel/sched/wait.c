/*
 * kernel/sched/wait.c - waiting on events: assert_wait, thread_wakeup,
 * deadlines, interruption.
 *
 * Waiting threads hang on one of WAIT_BUCKETS lists hashed by event (a
 * Mach-style global wait queue table).  A thread that asserted a wait stays
 * TH_RUN until thread_block() takes it off its hart, so a wake-up that comes
 * in between only clears TH_WAIT and thread_block() returns at once: no
 * wake-up is lost.  Each wait has a sequence number so that a late timer or
 * interrupt cannot end a later wait.
 *
 * Locks (order): bucket lock, thread lock, run queue lock.
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
 * wait_complete_locked - end t's wait with result.  t and its bucket
 * locked, t already unlinked.  If t had left its hart it becomes runnable
 * (queued when setrun, else left for the caller to switch to); returns
 * true in that case.
 */
bool
wait_complete_locked(struct thread *t, wait_result_t result, bool setrun)
{
	t->state &= ~TH_WAIT;
	t->wait_result = result;
	t->wait_event = NO_EVENT;
	if (t->state & TH_RUN)
		return false;
	t->state |= TH_RUN;
	if (setrun) {
		/* it may still be switching off its hart: queue it once off */
		while (__atomic_load_n(&t->oncpu, __ATOMIC_ACQUIRE))
			cpu_relax();
		thread_setrun_locked(t);
	}
	return true;
}

static void
wait_timeout_fired(struct timer_call *tc __unused, void *arg)
{
	struct thread *t = arg;

	clear_wait_seq(t, t->timer_seq, THREAD_TIMED_OUT, true);
	__atomic_store_n(&t->timer_active, false, __ATOMIC_RELEASE);
}

void
thread_wait_timer_init(struct thread *t)
{
	timer_call_setup(&t->wait_timer, wait_timeout_fired, t);
}

wait_result_t
assert_wait_deadline(event_t event, wait_interrupt_t interruptible,
    uint64_t deadline)
{
	struct thread *self = current_thread();
	struct wait_bucket *b = bucket_of(event);
	bool past = deadline != 0 && deadline <= nanotime();

	spin_lock(&b->lock);
	spin_lock(&self->lock);
	if (unlikely(self->state & TH_WAIT))
		panic("assert_wait: thread %s already waiting on %p",
		    self->name, self->wait_event);
	self->wait_seq++;
	self->wait_asserted = true;
	self->wait_interruptible = interruptible;
	if (past) {
		/* nothing to wait for: thread_block() returns at once */
		self->wait_result = THREAD_TIMED_OUT;
		spin_unlock(&self->lock);
		spin_unlock(&b->lock);
		return THREAD_TIMED_OUT;
	}
	self->state |= TH_WAIT;
	self->wait_event = event;
	self->wait_result = THREAD_WAITING;
	bucket_link(b, self);
	if (deadline != 0) {
		self->timer_seq = self->wait_seq;
		self->timer_active = true;
	}
	spin_unlock(&self->lock);
	spin_unlock(&b->lock);
	if (deadline != 0)
		timer_call_enter(&self->wait_timer, deadline);
	return THREAD_WAITING;
}

wait_result_t
assert_wait(event_t event, wait_interrupt_t interruptible)
{
	return assert_wait_deadline(event, interruptible, 0);
}

/*
 * wait_finish - after thread_block() returns: the wait's timer must be
 * gone (cancelled, or its callback finished) before the thread can wait
 * again.
 */
void
wait_finish(struct thread *self)
{
	if (__atomic_load_n(&self->timer_active, __ATOMIC_ACQUIRE)) {
		if (timer_call_cancel(&self->wait_timer))
			__atomic_store_n(&self->timer_active, false, __ATOMIC_RELEASE);
		while (__atomic_load_n(&self->timer_active, __ATOMIC_ACQUIRE))
			cpu_relax();
	}
}

/*
 * clear_wait_seq - end t's wait (the one numbered seq; 0: whatever wait it
 * is in) with result.  KERN_NOT_WAITING if it is not in that wait.  Without
 * setrun, KERN_SUCCESS means t is now runnable and queued nowhere (the
 * caller runs it), KERN_FAILURE that t had not left its hart yet.
 */
kern_return_t
clear_wait_seq(struct thread *t, uint64_t seq, wait_result_t result, bool setrun)
{
	for (;;) {
		struct wait_bucket *b;
		event_t ev;
		bool off_hart;

		/* a racy peek finds the bucket; the check under the locks decides */
		ev = __atomic_load_n(&t->wait_event, __ATOMIC_RELAXED);
		if (ev == NO_EVENT) {
			spin_lock(&t->lock);
			ev = t->wait_event;
			spin_unlock(&t->lock);
			if (ev == NO_EVENT)
				return KERN_NOT_WAITING;
		}
		b = bucket_of(ev);
		spin_lock(&b->lock);
		spin_lock(&t->lock);
		if (!(t->state & TH_WAIT) || (seq != 0 && t->wait_seq != seq)) {
			spin_unlock(&t->lock);
			spin_unlock(&b->lock);
			return KERN_NOT_WAITING;
		}
		if (t->wait_event != ev) {
			/* it moved to another wait meanwhile: look again */
			spin_unlock(&t->lock);
			spin_unlock(&b->lock);
			continue;
		}
		bucket_unlink(b, t);
		off_hart = wait_complete_locked(t, result, setrun);
		spin_unlock(&t->lock);
		spin_unlock(&b->lock);
		/* for a handoff: it is still on a hart, don't switch to it */
		return (!setrun && !off_hart) ? KERN_FAILURE : KERN_SUCCESS;
	}
}

static kern_return_t
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
		spin_lock(&t->lock);
		bucket_unlink(b, t);
		wait_complete_locked(t, THREAD_AWAKENED, true);
		spin_unlock(&t->lock);
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
	uint64_t seq = 0;

	if (__atomic_load_n(&t->terminated, __ATOMIC_ACQUIRE))
		return KERN_TERMINATED;
	spin_lock(&t->lock);
	if ((t->state & TH_WAIT) && t->wait_interruptible == THREAD_INTERRUPTIBLE)
		seq = t->wait_seq;
	spin_unlock(&t->lock);
	if (seq == 0)
		return KERN_NOT_WAITING;
	return clear_wait_seq(t, seq, THREAD_INTERRUPTED, true);
}

wait_result_t
thread_sleep_ns(uint64_t ns)
{
	struct thread *self = current_thread();

	if (ns == 0)
		return THREAD_TIMED_OUT;
	assert_wait_deadline(&self->wait_timer, THREAD_UNINT, nanotime() + ns);
	return thread_block();
}
