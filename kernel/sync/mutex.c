/*
 * kernel/sync/mutex.c - blocking mutexes and counting semaphores on top of
 * assert_wait/thread_block.  The interlock (a spinlock) only guards the
 * word and the waiter count; nobody spins for the mutex itself.
 *
 * Lock order: interlock, then the wait machinery (bucket, thread, run queue).
 */
#include "kernel/cpu.h"
#include "kernel/panic.h"
#include "kernel/sync/mutex.h"

void
mutex_init(struct mutex *m, const char *name)
{
	spinlock_init_ranked(&m->interlock, name, LOCK_RANK_INTERLOCK);
	m->owner = NULL;
	m->waiters = 0;
	m->name = name;
}

void
mutex_lock(struct mutex *m)
{
	thread_t self = current_thread();

	KASSERT(m->owner != self);
	spin_lock(&m->interlock);
	while (m->owner != NULL) {
		m->waiters++;
		assert_wait(m, THREAD_UNINT);
		spin_unlock(&m->interlock);
		thread_block();
		spin_lock(&m->interlock);
		m->waiters--;
	}
	m->owner = self;
	spin_unlock(&m->interlock);
}

bool
mutex_trylock(struct mutex *m)
{
	bool got = false;

	spin_lock(&m->interlock);
	if (m->owner == NULL) {
		m->owner = current_thread();
		got = true;
	}
	spin_unlock(&m->interlock);
	return got;
}

void
mutex_unlock(struct mutex *m)
{
	spin_lock(&m->interlock);
	if (unlikely(m->owner != current_thread()))
		panic("mutex_unlock: %s not held by %s", m->name,
		    thread_name(current_thread()));
	m->owner = NULL;
	if (m->waiters > 0)
		thread_wakeup_one(m);
	spin_unlock(&m->interlock);
}

bool
mutex_owned(const struct mutex *m)
{
	return m->owner == current_thread();
}

void
ksem_init(struct ksem *s, int64_t count)
{
	spinlock_init_ranked(&s->interlock, "ksem", LOCK_RANK_INTERLOCK);
	s->count = count;
	s->waiters = 0;
}

wait_result_t
ksem_wait_deadline(struct ksem *s, uint64_t deadline)
{
	wait_result_t r = THREAD_AWAKENED;

	spin_lock(&s->interlock);
	while (s->count <= 0) {
		s->waiters++;
		r = assert_wait_deadline(s, THREAD_UNINT, deadline);
		spin_unlock(&s->interlock);
		if (r == THREAD_WAITING)
			r = thread_block();
		else
			thread_block();		/* the wait was over at once */
		spin_lock(&s->interlock);
		s->waiters--;
		if (r == THREAD_TIMED_OUT && s->count <= 0) {
			spin_unlock(&s->interlock);
			return THREAD_TIMED_OUT;
		}
	}
	s->count--;
	spin_unlock(&s->interlock);
	return THREAD_AWAKENED;
}

void
ksem_wait(struct ksem *s)
{
	ksem_wait_deadline(s, 0);
}

void
ksem_signal(struct ksem *s)
{
	spin_lock(&s->interlock);
	s->count++;
	if (s->waiters > 0)
		thread_wakeup_one(s);
	spin_unlock(&s->interlock);
}
