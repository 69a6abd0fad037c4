/*
 * kernel/sched/thread.h - the thread object, inside kernel/sched/.
 *
 * Other code uses thread_t through kernel/sched/sched.h only.
 *
 * Locks (taken in this order):
 *	w	the wait bucket lock of the thread's wait event; while it waits
 *		on none, only the thread itself touches these fields
 *	t	thread->lock: placement (priority, binding) and queueing
 *	r	the run queue lock of the hart in thread->runq_cpu
 *	o	only the hart the thread runs on, interrupts off
 *	c	constant after creation
 *	a	atomic
 */
#ifndef KERNEL_SCHED_THREAD_H
#define KERNEL_SCHED_THREAD_H

#include <machine/thread.h>
#include "kernel/sched/sched.h"
#include "kernel/sched/timer.h"
#include "kernel/sync/spinlock.h"

struct thread {
	struct machine_context ctx;	/* [o] saved registers while off a hart */
	struct spinlock lock;
	uint32_t refs;			/* [a] references */
	int	state;			/* [a] TH_*; RUN/WAIT by CAS (wait.c) */
	int	pri;			/* [t,r] scheduling priority 0..127, -1 idle */
	int	bound_cpu;		/* [t] -1: any hart */
	int	last_cpu;		/* [o] hart it last ran on */
	volatile bool oncpu;		/* [a] a hart is still on its stack */
	volatile bool terminated;	/* [a] set once, by thread_terminate_self */
	bool	requeue;		/* [o] queue it again once switched out */

	/* run queue */
	struct thread *rq_next;		/* [r] */
	struct thread *rq_prev;		/* [r] */
	int	runq_cpu;		/* [r] queued on this hart's queue, -1: none */

	/* waiting */
	event_t	wait_event;		/* [w, read a] NO_EVENT: not waiting */
	struct thread *wait_next;	/* [w] bucket list */
	struct thread *wait_prev;	/* [w] */
	wait_result_t wait_result;	/* [w] */
	wait_interrupt_t wait_interruptible; /* [w] */
	uint64_t wait_seq;		/* [w] bumped by each assert_wait */
	bool	wait_asserted;		/* [o] since the last thread_block */
	struct timer_call wait_timer;	/* [timer] deadline of the current wait */
	uint64_t timer_seq;		/* [w] the wait the timer belongs to */
	volatile bool timer_active;	/* [a] armed or its callback running */

	/* bookkeeping */
	uint64_t saved_intr;		/* [o] interrupt state across a switch */
	int	preempt_count;		/* [o] preempt_disable nesting */
	int	quantum;		/* [o] ticks left */
	uint64_t switches;		/* [o] times switched in */
	vaddr_t	kstack_top;		/* [c] */
	void	(*fn)(void *);		/* [c] */
	void	*arg;			/* [c] */
	struct thread *reap_next;	/* [reaper lock] */
	char	name[THREAD_NAME_MAX];	/* [t] */
};

/* sched.c */
void thread_setrun_locked(struct thread *t);	/* t locked, TH_RUN set */
void sched_switch_away(struct thread *self, struct thread *target);
/* the first function a new thread runs: finish the switch, call fn */
void thread_continue(void *prev, void *arg) __noreturn;
void sched_switch_tail(struct thread *prev);
/* move t after a priority or binding change; t locked */
void sched_requeue_locked(struct thread *t, int new_pri);
void sched_bind_locked(struct thread *t, int cpu);

/* wait.c */
void wait_init(void);
/* clear_wait_seq - end t's wait (sequence seq, or any if seq is 0) */
#define CW_SETRUN	0x1		/* queue it if it had left its hart */
#define CW_INTERRUPT	0x2		/* only an interruptible wait */
kern_return_t clear_wait_seq(struct thread *t, uint64_t seq,
    wait_result_t result, int flags);
/* for thread_handoff: true if t is now the caller's to run; intr off */
bool clear_wait_handoff(struct thread *t);
void wait_finish_slow(struct thread *self);

/*
 * wait_finish - after thread_block() returns: the wait's timer must be
 * gone (cancelled, or its callback finished) before the thread can wait
 * again.
 */
static inline void
wait_finish(struct thread *self)
{
	if (__atomic_load_n(&self->timer_active, __ATOMIC_ACQUIRE))
		wait_finish_slow(self);
}
void thread_wait_timer_init(struct thread *t);

/* thread.c */
void thread_reaper_enqueue(struct thread *t);
struct thread *thread_alloc_bootstrap(int state, int pri, vaddr_t kstack_top);

#endif /* KERNEL_SCHED_THREAD_H */
