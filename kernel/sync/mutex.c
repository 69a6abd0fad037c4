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
	m->word = 0;
	m->waiters = 0;
	m->name = name;
}

static inline bool
mutex_cas(struct mutex *m, uintptr_t old, uintptr_t new)
{
	return __atomic_compare_exchange_n(&m->word, &old, new, false,
	    __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
}

/* the mutex is held (or its waiters bit must be handled): sleep for it */
static void
mutex_lock_slow(struct mutex *m, uintptr_t self)
{
	spin_lock(&m->interlock);
	for (;;) {
		uintptr_t w = __atomic_load_n(&m->word, __ATOMIC_RELAXED);

		if ((w & ~MUTEX_WAITERS) == 0) {
			/* free: take it, keeping the bit for whoever still sleeps */
			if (mutex_cas(m, w, self | (m->waiters ? MUTEX_WAITERS : 0)))
				break;
			continue;
		}
		/* held: make its unlock take the slow path and wake us */
		if (!(w & MUTEX_WAITERS) && !mutex_cas(m, w, w | MUTEX_WAITERS))
			continue;
		m->waiters++;
		assert_wait(m, THREAD_UNINT);
		spin_unlock(&m->interlock);
		thread_block();
		spin_lock(&m->interlock);
		m->waiters--;
	}
	spin_unlock(&m->interlock);
}

void
mutex_lock(struct mutex *m)
{
	uintptr_t self = (uintptr_t)current_thread();

	KASSERT((__atomic_load_n(&m->word, __ATOMIC_RELAXED) & ~MUTEX_WAITERS) !=
	    self);
	if (!mutex_cas(m, 0, self))
		mutex_lock_slow(m, self);
}

bool
mutex_trylock(struct mutex *m)
{
	return mutex_cas(m, 0, (uintptr_t)current_thread());
}

void
mutex_unlock(struct mutex *m)
{
	uintptr_t self = (uintptr_t)current_thread();
	uintptr_t w = self;

	if (__atomic_compare_exchange_n(&m->word, &w, 0, false, __ATOMIC_RELEASE,
	    __ATOMIC_RELAXED))
		return;
	if (unlikely((w & ~MUTEX_WAITERS) != self))
		panic("mutex_unlock: %s not held by %s", m->name,
		    thread_name(current_thread()));
	/* someone sleeps: free it, keep the bit while others still sleep */
	spin_lock(&m->interlock);
	__atomic_store_n(&m->word, m->waiters > 1 ? MUTEX_WAITERS : 0,
	    __ATOMIC_RELEASE);
	if (m->waiters > 0)
		thread_wakeup_one(m);
	spin_unlock(&m->interlock);
}

bool
mutex_owned(const struct mutex *m)
{
	return (__atomic_load_n(&m->word, __ATOMIC_RELAXED) & ~MUTEX_WAITERS) ==
	    (uintptr_t)current_thread();
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
