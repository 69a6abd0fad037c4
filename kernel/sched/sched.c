/*
 * kernel/sched/sched.c - run queues, choosing the next thread, switching.
 *
 * Each hart has a run queue of 128 priority lists with a bitmap; the
 * highest priority runnable thread runs, round robin within a priority on a
 * quantum of QUANTUM_TICKS clock ticks.  A thread made runnable goes to its
 * bound hart, else an idle hart, else the hart it last ran on, and that hart
 * is asked to reschedule (an IPI if remote) when the thread outranks what it
 * runs.  Idle harts wait in wfi and steal from the others; a hart with
 * threads waiting on its queue wakes an idle hart at each tick (shedding).
 *
 * Every switch happens in switch_to() (from sched_block(), thread_handoff()
 * or thread_switch()) with interrupts off and exactly one intr_push level,
 * so the interrupt state a thread saved (thread->saved_intr) is the one it
 * gets back.
 *
 * Locks (order): thread->lock, then a run queue lock; never two run queue
 * locks at once.
 *	r	runq.lock
 *	o	the owning hart only, interrupts off
 *	a	atomic
 */
#include "kernel/cpu.h"
#include "kernel/ipi.h"
#include "kernel/lib/failpoint.h"
#include "kernel/lib/string.h"
#include "kernel/panic.h"
#include "kernel/sched/thread.h"

#define QUANTUM_TICKS	2		/* 20 ms at TICK_NS */
#define TICK_NS		SCHED_TICK_NS
#define IDLE_PRI	(-1)

struct runq {
	struct spinlock lock;
	uint64_t bitmap[NRQS / 64];		/* [r] non-empty priorities */
	struct thread *head[NRQS];		/* [r] */
	struct thread *tail[NRQS];		/* [r] */
	volatile uint32_t count;		/* [r, read a] */
	volatile uint32_t stealable;		/* [r, read a] unbound ones */
} __aligned(64);

struct sched_cpu {
	struct thread *idle;			/* [o] */
	volatile int active_pri;		/* [a] its priority, -1 idle */
	volatile bool need_resched;		/* [a] */
	uint64_t switches;			/* [o] */
	struct timer_call tick;			/* [o] */
	bool	started;			/* [o] */
	uint64_t ticks[SCHED_CPU_STATES];	/* [o, read a] clock ticks by state */
} __aligned(64);

/*
 * Load averages as OSF Mach computed them, once a second (hart 0's tick):
 * exponential averages over 5, 30 and 60 s of the threads running or
 * waiting to run, and of the Mach factor (the harts left over, or the share
 * of a hart each runnable thread would get), scaled by LOAD_SCALE.
 */
#define LOAD_SCALE	1000
static const uint32_t load_fract[3] = { 800, 966, 983 };
static uint32_t load_avenrun[3];		/* [hart 0's tick, read a] */
static uint32_t load_mach_factor[3];		/* [hart 0's tick, read a] */
static uint32_t load_sec;			/* [hart 0's tick] the last sample */

static struct runq runqs[MAX_CPUS];
static struct sched_cpu sched_cpus[MAX_CPUS];

/* --- run queues --- */

static void
rq_enqueue(struct runq *rq, int cpu, struct thread *t)
{
	int p = t->pri;

	t->rq_next = NULL;
	t->rq_prev = rq->tail[p];
	if (rq->tail[p] != NULL)
		rq->tail[p]->rq_next = t;
	else
		rq->head[p] = t;
	rq->tail[p] = t;
	rq->bitmap[p / 64] |= 1ull << (p % 64);
	t->runq_cpu = cpu;
	__atomic_store_n(&rq->count, rq->count + 1, __ATOMIC_RELAXED);
	if (t->bound_cpu < 0)
		__atomic_store_n(&rq->stealable, rq->stealable + 1, __ATOMIC_RELAXED);
}

static __always_inline void
rq_remove(struct runq *rq, struct thread *t)
{
	int p = t->pri;

	if (t->rq_prev != NULL)
		t->rq_prev->rq_next = t->rq_next;
	else
		rq->head[p] = t->rq_next;
	if (t->rq_next != NULL)
		t->rq_next->rq_prev = t->rq_prev;
	else
		rq->tail[p] = t->rq_prev;
	if (rq->head[p] == NULL)
		rq->bitmap[p / 64] &= ~(1ull << (p % 64));
	t->rq_next = t->rq_prev = NULL;
	t->runq_cpu = -1;
	__atomic_store_n(&rq->count, rq->count - 1, __ATOMIC_RELAXED);
	if (t->bound_cpu < 0)
		__atomic_store_n(&rq->stealable, rq->stealable - 1, __ATOMIC_RELAXED);
}

/* the highest set bit of m != 0 (no Zbb: a binary search) */
static inline int
fls64(uint64_t m)
{
	int b = 0;

	if (m >> 32) {
		m >>= 32;
		b += 32;
	}
	if (m >> 16) {
		m >>= 16;
		b += 16;
	}
	if (m >> 8) {
		m >>= 8;
		b += 8;
	}
	if (m >> 4) {
		m >>= 4;
		b += 4;
	}
	if (m >> 2) {
		m >>= 2;
		b += 2;
	}
	return b + (int)(m >> 1);
}

static __always_inline int
rq_highest_pri(const struct runq *rq)
{
	for (int w = NRQS / 64 - 1; w >= 0; w--) {
		if (rq->bitmap[w] != 0)
			return w * 64 + fls64(rq->bitmap[w]);
	}
	return IDLE_PRI;
}

/* the first thread, highest priority first, that cpu may run; rq locked */
static __always_inline struct thread *
rq_first_for(struct runq *rq, int cpu)
{
	for (int p = rq_highest_pri(rq); p >= 0; p--) {
		for (struct thread *t = rq->head[p]; t != NULL; t = t->rq_next) {
			if (t->bound_cpu < 0 || t->bound_cpu == cpu)
				return t;
		}
	}
	return NULL;
}

/* --- making threads runnable --- */

static bool
cpu_is_idle(int cpu)
{
	return cpus[cpu].online && sched_cpus[cpu].started &&
	    __atomic_load_n(&sched_cpus[cpu].active_pri, __ATOMIC_RELAXED) == IDLE_PRI;
}

static int
choose_cpu(const struct thread *t)
{
	int last = t->last_cpu;

	if (t->bound_cpu >= 0)
		return t->bound_cpu;
	if (last >= 0 && cpu_is_idle(last))
		return last;
	for (uint32_t i = 0; i < ncpus; i++) {
		if (cpu_is_idle((int)i) && runqs[i].count == 0)
			return (int)i;
	}
	if (last >= 0 && cpus[last].online)
		return last;
	return (int)cpu_number();
}

static void
cpu_poke(int cpu)
{
	__atomic_store_n(&sched_cpus[cpu].need_resched, true, __ATOMIC_RELEASE);
	if (cpu != (int)cpu_number())
		ipi_send((uint32_t)cpu, IPI_NOP);
}

/*
 * thread_setrun_locked - queue runnable thread t on a hart and ask that hart
 * to reschedule if t outranks what runs there.  t locked (so interrupts
 * are off), TH_RUN set.
 */
void
thread_setrun_locked(struct thread *t)
{
	int cpu = choose_cpu(t);
	struct runq *rq = &runqs[cpu];

	KASSERT_DEBUG(t->runq_cpu < 0);
	spin_lock_intr_off(&rq->lock);
	rq_enqueue(rq, cpu, t);
	spin_unlock_intr_off(&rq->lock);
	/* pairs with the fence in the idle loop: one of us sees the other */
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	if (t->pri > __atomic_load_n(&sched_cpus[cpu].active_pri, __ATOMIC_RELAXED))
		cpu_poke(cpu);
}

/* --- choosing and switching --- */

static struct thread *
steal(int cpu)
{
	for (uint32_t i = 1; i < ncpus; i++) {
		int v = (cpu + (int)i) % (int)ncpus;
		struct runq *rq = &runqs[v];
		struct thread *t;

		if (__atomic_load_n(&rq->stealable, __ATOMIC_RELAXED) == 0)
			continue;
		spin_lock_intr_off(&rq->lock);
		t = rq_first_for(rq, cpu);
		if (t != NULL)
			rq_remove(rq, t);
		spin_unlock_intr_off(&rq->lock);
		if (t != NULL)
			return t;
	}
	return NULL;
}

/*
 * sched_switch_tail - first thing on the resumed thread after a switch:
 * its interrupt state comes back, and the thread it replaced is released
 * (oncpu cleared) and only then queued again or handed to the reaper, so
 * no hart can pick a thread whose stack is still in use.
 */
static __always_inline void
switch_tail(struct thread *prev)
{
	struct cpu *c = cpu_current();
	struct thread *self = c->thread;
	bool requeue = prev->requeue;
	bool dead = (__atomic_load_n(&prev->state, __ATOMIC_RELAXED) &
	    TH_TERMINATE) != 0;

	prev->requeue = false;
	c->intr_saved = self->saved_intr;
	__atomic_store_n(&prev->oncpu, false, __ATOMIC_RELEASE);
	if (requeue) {
		spin_lock_intr_off(&prev->lock);
		if (prev->runq_cpu < 0)
			thread_setrun_locked(prev);
		spin_unlock_intr_off(&prev->lock);
	}
	if (dead)
		thread_reaper_enqueue(prev);
}

void
sched_switch_tail(struct thread *prev)
{
	switch_tail(prev);
}

/*
 * the result of the wait asserted before this block, consumed: a
 * thread_block() without a wait (a yield) finds THREAD_AWAKENED there
 */
static __always_inline wait_result_t
thread_block_result(struct thread *self)
{
	wait_result_t r;

	wait_finish(self);
	r = self->wait_result;
	self->wait_result = THREAD_AWAKENED;
	return r;
}

/*
 * the end of a switch that sends the resumed thread straight back to user
 * mode (switch_to with deliver): as a blocked thread's own resume would
 * do after switch_to, the switch's tail, its one intr_push level undone,
 * and its wait's result taken
 */
static void
switch_tail_user(void *prev)
{
	struct cpu *c = cpu_current();

	switch_tail(prev);
	/* interrupts stay off: the way to user mode takes them from the frame */
	c->intr_depth = 0;
	(void)thread_block_result(c->thread);
}

/*
 * switch from self to next, which runs at pri (IDLE_PRI: the idle
 * thread).  deliver (a constant; NULL: none): once next is the hart's
 * thread and its address space active, deliver(next) may end next's wait
 * for it; true: next goes back to user mode from its user frame, and the
 * kernel context it blocked in is dropped (machine_switch_context_user).
 */
static __always_inline void
switch_to_deliver(struct cpu *c, struct sched_cpu *sc, struct thread *self,
    struct thread *next, int pri, thread_deliver_t deliver)
{
	struct thread *prev;

	while (__atomic_load_n(&next->oncpu, __ATOMIC_ACQUIRE))
		cpu_relax();
	next->oncpu = true;
	next->last_cpu = (int)c->id;
	next->switched_in = 1;
	next->switches++;
	next->quantum = QUANTUM_TICKS;
	c->thread = next;
	__atomic_store_n(&sc->active_pri, pri, __ATOMIC_RELAXED);
	sc->switches++;
	self->saved_intr = c->intr_saved;
	machine_thread_switch(&self->mt, &next->mt);
	if (deliver != NULL && deliver(next))
		prev = machine_switch_context_user(&self->ctx, next->mt.uframe,
		    self, switch_tail_user);
	else
		prev = machine_switch_context(&self->ctx, &next->ctx, self);
	switch_tail(prev);
}

static __always_inline void
switch_to(struct cpu *c, struct sched_cpu *sc, struct thread *self,
    struct thread *next, int pri)
{
	switch_to_deliver(c, sc, self, next, pri, NULL);
}

/*
 * Pick what runs next on this hart.  self_stays: self may keep running
 * here and competes with the queue (something of equal or higher priority
 * waiting takes over).  Returns self to keep running.
 */
static struct thread *
choose_next(int cpu, struct thread *self, bool self_stays)
{
	struct runq *rq = &runqs[cpu];
	bool idle = self == sched_cpus[cpu].idle;
	int self_pri = idle ? IDLE_PRI : self->pri;
	struct thread *next;

	spin_lock_intr_off(&rq->lock);
	next = rq_first_for(rq, cpu);
	if (next != NULL && self_stays && next->pri < self_pri)
		next = NULL;
	if (next != NULL) {
		rq_remove(rq, next);
		spin_unlock_intr_off(&rq->lock);
		return next;
	}
	spin_unlock_intr_off(&rq->lock);
	if (self_stays && !idle)
		return self;
	if ((next = steal(cpu)) != NULL)
		return next;
	return self_stays ? self : sched_cpus[cpu].idle;
}

/*
 * thread_stays - may self keep running?  It leaves its hart (TH_RUN
 * cleared) only if a bit of mask (TH_WAIT: a wait not yet ended; or
 * TH_TERMINATE) is set, atomically with respect to a waker (wait.c).
 */
static bool
thread_stays(struct thread *self, int mask)
{
	int s = __atomic_load_n(&self->state, __ATOMIC_ACQUIRE);

	do {
		if (!(s & mask))
			return true;
	} while (!__atomic_compare_exchange_n(&self->state, &s, s & ~TH_RUN,
	    false, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE));
	return false;
}

/* panic if the caller holds a spinlock: c has exactly one intr_push level */
static __always_inline void
sched_block_check(struct cpu *c)
{
	if (unlikely(c->intr_depth != 1))
		panic("thread_block: would sleep holding a spinlock (depth %d)",
		    c->intr_depth - 1);
}

/*
 * sched_block - block or yield: choose what runs next on this hart and
 * switch to it (a handoff chooses for itself: thread_handoff).  Interrupts
 * off by exactly one intr_push level (c is this hart).  preempt: the thread
 * did not ask to stop; it stays runnable even if it has asserted a wait
 * (its own thread_block() will sleep later).
 */
static void
sched_block(struct cpu *c, bool preempt)
{
	struct sched_cpu *sc = c->sched;
	struct thread *self = c->thread, *next;
	bool stays;

	sched_block_check(c);
	sc->need_resched = false;
	stays = thread_stays(self, preempt ? TH_TERMINATE : TH_WAIT | TH_TERMINATE);
	next = choose_next((int)c->id, self, stays &&
	    (self->bound_cpu < 0 || self->bound_cpu == (int)c->id));
	if (next != self) {
		/* still runnable: queued again once off this hart (switch tail) */
		self->requeue = stays && self != sc->idle;
		switch_to(c, sc, self, next, next == sc->idle ? IDLE_PRI :
		    next->pri);
	}
}

static inline void
thread_block_internal(bool preempt)
{
	intr_push();
	sched_block(cpu_current(), preempt);
	intr_pop();
}


wait_result_t
thread_block(void)
{
	struct thread *self = current_thread();

	thread_block_internal(false);
	return thread_block_result(self);
}

void
thread_yield(void)
{
	thread_block_internal(true);
}

/*
 * switch_direct - switch to next (TH_RUN, queued nowhere), chosen by the
 * caller.  self leaves its hart if a bit of mask is set (see thread_stays);
 * else it is still runnable and queued again once off this hart.
 */
static __always_inline void
switch_direct(struct cpu *c, struct thread *self, struct thread *next,
    int mask, thread_deliver_t deliver)
{
	self->requeue = thread_stays(self, mask);
	switch_to_deliver(c, c->sched, self, next, next->pri, deliver);
}

/*
 * handoff_take - end target's wait for a handoff on hart c.  True: target
 * had left its hart and is now the caller's to run (TH_RUN, queued
 * nowhere).  False: it was not waiting, or is still on its way into
 * thread_block() (which returns at once), or it was made runnable for the
 * scheduler instead (bound elsewhere, or c must reschedule).
 */
static __always_inline bool
handoff_take(struct cpu *c, struct thread *target, uint64_t seq)
{
	int bound = target->bound_cpu;
	bool taken;

	if (unlikely((bound >= 0 && bound != (int)c->id) ||
	    __atomic_load_n(&c->sched->need_resched, __ATOMIC_RELAXED))) {
		clear_wait_seq(target, seq, THREAD_AWAKENED, 0);
		return false;
	}
	if (!(__atomic_load_n(&target->state, __ATOMIC_RELAXED) & TH_WAIT_ANON)) {
		if (seq != 0)
			return false;	/* not the anonymous wait asked for */
		return clear_wait_handoff(target);
	}
	/* a wait on no event: ended under target's lock (wait.c) */
	spin_lock_intr_off(&target->lock);
	taken = (__atomic_load_n(&target->state, __ATOMIC_RELAXED) &
	    TH_WAIT_ANON) && (seq == 0 || target->wait_seq == seq) &&
	    wait_anon_end_locked(target, THREAD_AWAKENED);
	spin_unlock_intr_off(&target->lock);
	return taken;
}

/*
 * thread_handoff is the scheduler's fast path (IPC's, later): one
 * intr_push, target's wait ended and the switch made in one function, and
 * no run queue unless the caller must stay runnable.
 */
static __always_inline wait_result_t
handoff_prim(thread_t target, uint64_t seq, thread_deliver_t deliver)
{
	struct thread *self = current_thread();
	struct cpu *c;

	if (target == NULL || target == self)
		return thread_block();
	intr_push();
	c = cpu_current();
	sched_block_check(c);
	if (likely(handoff_take(c, target, seq)))
		switch_direct(c, self, target, TH_WAIT | TH_TERMINATE, deliver);
	else
		sched_block(c, false);
	intr_pop();
	return thread_block_result(self);
}

wait_result_t
thread_handoff(thread_t target)
{
	return handoff_prim(target, 0, NULL);
}

wait_result_t
thread_handoff_seq(thread_t target, uint64_t seq)
{
	return handoff_prim(target, seq, NULL);
}

wait_result_t
thread_handoff_deliver(thread_t target, uint64_t seq, thread_deliver_t deliver)
{
	return handoff_prim(target, seq, deliver);
}

/* switch to hint, taken off its run queue (TH_RUN); the caller stays runnable */
static void
thread_switch_to(struct thread *hint)
{
	struct thread *self = current_thread();
	struct cpu *c;

	intr_push();
	c = cpu_current();
	sched_block_check(c);
	switch_direct(c, self, hint, TH_TERMINATE, NULL);
	intr_pop();
}

kern_return_t
thread_switch(thread_t hint)
{
	struct runq *rq;
	int cpu;

	if (hint == NULL || hint == current_thread()) {
		thread_yield();
		return KERN_SUCCESS;
	}
	if (__atomic_load_n(&hint->terminated, __ATOMIC_ACQUIRE))
		return KERN_TERMINATED;
	/* take hint off whatever queue it is on, and run it now */
	intr_push();
	spin_lock(&hint->lock);
	cpu = hint->runq_cpu;
	if (cpu >= 0 && (hint->bound_cpu < 0 || hint->bound_cpu == (int)cpu_number())) {
		rq = &runqs[cpu];
		spin_lock(&rq->lock);
		if (hint->runq_cpu == cpu)
			rq_remove(rq, hint);
		else
			cpu = -1;
		spin_unlock(&rq->lock);
	} else {
		cpu = -1;
	}
	spin_unlock(&hint->lock);
	intr_pop();
	if (cpu >= 0)
		thread_switch_to(hint);
	else
		thread_yield();
	return KERN_SUCCESS;
}

/* --- preemption and the clock --- */

void
preempt_disable(void)
{
	current_thread()->preempt_count++;
}

void
preempt_enable(void)
{
	struct thread *t = current_thread();

	KASSERT(t->preempt_count > 0);
	t->preempt_count--;
	/* a switch between the decrement and the test only did the yield's work */
	if (t->preempt_count == 0 && intr_enabled() &&
	    __atomic_load_n(&sched_cpus[cpu_number()].need_resched, __ATOMIC_ACQUIRE))
		thread_yield();
}

/* at trap exit, interrupted code had interrupts on: switch if asked */
void
sched_preempt_check(void)
{
	struct cpu *c = cpu_current();
	struct sched_cpu *sc = &sched_cpus[c->id];

	if (!sc->started || !__atomic_load_n(&sc->need_resched, __ATOMIC_ACQUIRE))
		return;
	if (c->thread->preempt_count != 0 || c->intr_depth != 0)
		return;
	thread_block_internal(true);
}

/*
 * the next tick TICK_NS after this one's deadline, or after now if this
 * one came later than that (the hart was not running: a vCPU the host
 * descheduled): ticks missed are dropped, not fired in a burst that would
 * charge them all to whatever thread runs when the hart comes back
 */
static void
sched_tick_fired(struct timer_call *tc, void *arg __unused)
{
	uint64_t next = tc->deadline + TICK_NS, now = nanotime();

	timer_call_enter(tc, next > now ? next : now + TICK_NS);
	sched_tick();
}

/* one more of what only this hart writes, for racy readers elsewhere */
#define TICK_BUMP(field) \
	__atomic_store_n(&(field), (field) + 1, __ATOMIC_RELAXED)

/* the "second" of the usage window: 2^30 ns, a shift away from nanotime() */
#define USAGE_SEC_SHIFT	30

/* the tick's sample: the state of the hart and the thread it interrupted */
static void
tick_account(struct sched_cpu *sc, struct thread *t, uint64_t now)
{
	uint32_t sec = (uint32_t)(now >> USAGE_SEC_SHIFT);

	if (t == sc->idle) {
		TICK_BUMP(sc->ticks[SCHED_CPU_IDLE]);
		return;
	}
	if (machine_intr_from_user()) {
		TICK_BUMP(sc->ticks[SCHED_CPU_USER]);
		TICK_BUMP(t->uticks);
	} else {
		TICK_BUMP(sc->ticks[SCHED_CPU_SYSTEM]);
		TICK_BUMP(t->sticks);
	}
	if (t->usage_sec != sec) {
		__atomic_store_n(&t->usage_prev, t->usage_sec + 1 == sec ?
		    t->usage_cur : 0, __ATOMIC_RELAXED);
		__atomic_store_n(&t->usage_cur, 0, __ATOMIC_RELAXED);
		__atomic_store_n(&t->usage_sec, sec, __ATOMIC_RELAXED);
	}
	TICK_BUMP(t->usage_cur);
}

/* once a second, on hart 0: the load averages (OSF Mach's compute_mach_factor) */
static void
load_sample(uint64_t now)
{
	uint32_t sec = (uint32_t)(now / NSEC_PER_SEC), nthreads = 0, n, factor;

	if (sec == load_sec)
		return;
	load_sec = sec;
	n = cpus_online();
	for (uint32_t i = 0; i < ncpus; i++) {
		nthreads += __atomic_load_n(&runqs[i].count, __ATOMIC_RELAXED);
		if (__atomic_load_n(&sched_cpus[i].active_pri, __ATOMIC_RELAXED) !=
		    IDLE_PRI)
			nthreads++;
	}
	factor = nthreads > n ? n * LOAD_SCALE / (nthreads + 1) :
	    (n - nthreads) * LOAD_SCALE;
	for (int i = 0; i < 3; i++) {
		__atomic_store_n(&load_mach_factor[i], (load_mach_factor[i] *
		    load_fract[i] + factor * (LOAD_SCALE - load_fract[i])) /
		    LOAD_SCALE, __ATOMIC_RELAXED);
		__atomic_store_n(&load_avenrun[i], (load_avenrun[i] *
		    load_fract[i] + nthreads * LOAD_SCALE *
		    (LOAD_SCALE - load_fract[i])) / LOAD_SCALE, __ATOMIC_RELAXED);
	}
}

/* every TICK_NS on every hart, in interrupt context */
void
sched_tick(void)
{
	int cpu = (int)cpu_number();
	struct sched_cpu *sc = &sched_cpus[cpu];
	struct thread *t = cpu_current()->thread;
	uint32_t waiting = __atomic_load_n(&runqs[cpu].count, __ATOMIC_RELAXED);
	uint32_t movable = __atomic_load_n(&runqs[cpu].stealable, __ATOMIC_RELAXED);
	uint64_t now = nanotime();

	tick_account(sc, t, now);
	if (cpu == 0)
		load_sample(now);
	if (t == sc->idle)
		return;			/* the idle loop steals on its own */
	if (--t->quantum <= 0) {
		t->quantum = QUANTUM_TICKS;
		if (waiting > 0)
			sc->need_resched = true;
	}
	/* shed: wake one idle hart to steal what waits here */
	if (movable > 0) {
		for (uint32_t i = 0; i < ncpus; i++) {
			if ((int)i != cpu && cpu_is_idle((int)i)) {
				ipi_send(i, IPI_NOP);
				break;
			}
		}
	}
}

/* --- idle --- */

static bool
work_for(int cpu)
{
	if (__atomic_load_n(&runqs[cpu].count, __ATOMIC_RELAXED) != 0)
		return true;
	for (uint32_t i = 0; i < ncpus; i++) {
		if (__atomic_load_n(&runqs[i].stealable, __ATOMIC_RELAXED) != 0)
			return true;
	}
	return false;
}

static void
idle_loop(void) __noreturn;
static void
idle_loop(void)
{
	for (;;) {
		uint64_t s = intr_disable();
		int cpu = (int)cpu_number();

		__atomic_thread_fence(__ATOMIC_SEQ_CST);
		if (!work_for(cpu))
			cpu_wait_for_interrupt();
		intr_restore(s);
		thread_block_internal(true);
	}
}

static void
idle_thread_main(void *arg __unused)
{
	idle_loop();
}

/* --- start-up --- */

static void
sched_start_tick(struct sched_cpu *sc)
{
	timer_call_setup(&sc->tick, sched_tick_fired, NULL);
	timer_call_enter(&sc->tick, nanotime() + TICK_NS);
}

void
sched_init(void)
{
	for (int i = 0; i < MAX_CPUS; i++) {
		spinlock_init_ranked(&runqs[i].lock, "runq", LOCK_RANK_RUNQ);
		cpus[i].sched = &sched_cpus[i];
	}
	wait_init();
}

/*
 * sched_init_cpu - the boot hart: the calling context becomes its first
 * thread (kernel_main), and an idle thread is made for it.  Out of memory
 * here panics: it is the boot hart before anything runs, and without these
 * threads the machine cannot run at all (a secondary's failure, in
 * sched_prepare_idle, only leaves that hart offline).
 */
void
sched_init_cpu(void)
{
	struct cpu *c = cpu_current();
	struct sched_cpu *sc = &sched_cpus[c->id];
	struct thread *boot, *idle;
	thread_t t;

	boot = thread_alloc_bootstrap(TH_RUN, BASEPRI_DEFAULT, c->kstack_top);
	if (boot == NULL)
		panic("sched_init_cpu: no memory for the boot thread");
	strlcpy(boot->name, "kernel_main", sizeof(boot->name));
	c->thread = boot;
	sc->active_pri = boot->pri;
	if (kernel_thread_start_priority(idle_thread_main, NULL, MINPRI, &t) !=
	    KERN_SUCCESS)
		panic("sched_init_cpu: no memory for the idle thread");
	idle = t;
	/* the idle thread is never queued: take it back off */
	spin_lock(&idle->lock);
	if (idle->runq_cpu >= 0) {
		int q = idle->runq_cpu;

		spin_lock(&runqs[q].lock);
		rq_remove(&runqs[q], idle);
		spin_unlock(&runqs[q].lock);
	}
	spin_unlock(&idle->lock);
	__atomic_fetch_or(&idle->state, TH_IDLE, __ATOMIC_RELAXED);
	idle->bound_cpu = (int)c->id;
	strlcpy(idle->name, "idle", sizeof(idle->name));
	sc->idle = idle;
	thread_deallocate(idle);
	sc->started = true;
	sched_start_tick(sc);
}

/*
 * sched_prepare_idle - a secondary hart, before it goes online: its boot
 * context becomes the hart's idle thread.  KERN_RESOURCE_SHORTAGE: no
 * memory for it; nothing was changed and the hart must stay offline.
 */
kern_return_t
sched_prepare_idle(void)
{
	struct cpu *c = cpu_current();
	struct thread *idle;

	idle = failpoint("idle_thread", c->id) ? NULL :
	    thread_alloc_bootstrap(TH_RUN | TH_IDLE, MINPRI, c->kstack_top);
	if (idle == NULL)
		return KERN_RESOURCE_SHORTAGE;
	idle->bound_cpu = (int)c->id;
	strlcpy(idle->name, "idle", sizeof(idle->name));
	c->thread = idle;
	return KERN_SUCCESS;
}

/* a secondary hart, online: run as its idle thread (sched_prepare_idle) */
void
sched_start_idle(void)
{
	struct cpu *c = cpu_current();
	struct sched_cpu *sc = &sched_cpus[c->id];

	sc->idle = c->thread;
	sc->active_pri = IDLE_PRI;
	sc->started = true;
	sched_start_tick(sc);
	intr_enable();
	idle_loop();
}

uint64_t
sched_runnable(int cpu)
{
	return __atomic_load_n(&runqs[cpu].count, __ATOMIC_RELAXED);
}

uint64_t
sched_context_switches(int cpu)
{
	return sched_cpus[cpu].switches;
}

/* --- CPU time (sched.h) --- */

void
thread_times(thread_t t, struct thread_times *tt)
{
	uint64_t u = __atomic_load_n(&t->uticks, __ATOMIC_RELAXED);
	uint64_t s = __atomic_load_n(&t->sticks, __ATOMIC_RELAXED);
	uint32_t sec = (uint32_t)(nanotime() >> USAGE_SEC_SHIFT);
	uint32_t at = __atomic_load_n(&t->usage_sec, __ATOMIC_RELAXED);
	uint64_t last = 0;

	tt->user_ns = u * TICK_NS;
	tt->system_ns = s * TICK_NS;
	/* the ticks of the last whole window, as a share of one hart's */
	if (at == sec)
		last = __atomic_load_n(&t->usage_prev, __ATOMIC_RELAXED);
	else if (at + 1 == sec)
		last = __atomic_load_n(&t->usage_cur, __ATOMIC_RELAXED);
	tt->usage = (uint32_t)MIN(last * TICK_NS * SCHED_USAGE_SCALE >>
	    USAGE_SEC_SHIFT, SCHED_USAGE_SCALE);
}

void
sched_cpu_ticks_of(uint32_t cpu, uint64_t ticks[SCHED_CPU_STATES])
{
	for (int s = 0; s < SCHED_CPU_STATES; s++)
		ticks[s] = __atomic_load_n(&sched_cpus[cpu].ticks[s],
		    __ATOMIC_RELAXED);
}

void
sched_cpu_ticks(uint64_t ticks[SCHED_CPU_STATES])
{
	uint64_t one[SCHED_CPU_STATES];

	for (int s = 0; s < SCHED_CPU_STATES; s++)
		ticks[s] = 0;
	for (uint32_t i = 0; i < ncpus; i++) {
		sched_cpu_ticks_of(i, one);
		for (int s = 0; s < SCHED_CPU_STATES; s++)
			ticks[s] += one[s];
	}
}

void
sched_load_averages(uint32_t avenrun[3], uint32_t mach_factor[3])
{
	for (int i = 0; i < 3; i++) {
		avenrun[i] = __atomic_load_n(&load_avenrun[i], __ATOMIC_RELAXED);
		mach_factor[i] = __atomic_load_n(&load_mach_factor[i],
		    __ATOMIC_RELAXED);
	}
}

/* take t off its run queue, if it is on one; t locked (nobody enqueues it) */
static bool
rq_unqueue_locked(struct thread *t)
{
	int cpu = t->runq_cpu;
	bool removed = false;

	if (cpu >= 0) {
		spin_lock_intr_off(&runqs[cpu].lock);
		if (t->runq_cpu == cpu) {
			rq_remove(&runqs[cpu], t);
			removed = true;
		}
		spin_unlock_intr_off(&runqs[cpu].lock);
	}
	return removed;
}

/* sched_bind_locked - change t's binding; t locked */
void
sched_bind_locked(struct thread *t, int cpu)
{
	bool removed = rq_unqueue_locked(t);

	t->bound_cpu = cpu;
	if (removed) {
		thread_setrun_locked(t);
		return;
	}
	/* running on another hart than its new binding: move it soon */
	for (uint32_t i = 0; cpu >= 0 && i < ncpus; i++) {
		if (cpus[i].thread == t && (int)i != cpu)
			cpu_poke((int)i);
	}
}

/* requeue t after a priority change; t locked */
void
sched_requeue_locked(struct thread *t, int new_pri)
{
	bool removed = rq_unqueue_locked(t);

	t->pri = new_pri;
	if (removed) {
		thread_setrun_locked(t);
		return;
	}
	for (uint32_t i = 0; i < ncpus; i++) {
		if (cpus[i].thread == t) {
			__atomic_store_n(&sched_cpus[i].active_pri, new_pri,
			    __ATOMIC_RELAXED);
			if (runqs[i].count > 0)
				cpu_poke((int)i);
		}
	}
}

void
thread_ast_set(thread_t t, uint32_t ast)
{
	__atomic_fetch_or(&t->ast, ast, __ATOMIC_ACQ_REL);
	/* in user mode on a hart: interrupt it, the return path sees the bits */
	for (uint32_t i = 0; i < ncpus; i++) {
		if (t != current_thread() &&
		    __atomic_load_n(&cpus[i].thread, __ATOMIC_ACQUIRE) == t)
			ipi_send(i, IPI_NOP);
	}
}

STATIC_ASSERT(offsetof(struct sched_cpu, need_resched) ==
    SCHED_CPU_NEED_RESCHED_OFFSET, "sched.h: sched_resched_pending()");
