/*
 * kernel/sched/thread.h - the thread object, inside kernel/sched/.
 *
 * Other code uses thread_t through kernel/sched/sched.h only.
 *
 * Locks (taken in this order):
 *	w	the wait bucket lock of the thread's wait event; in a wait on
 *		no event (TH_WAIT_ANON), the thread lock; while it does not
 *		wait, only the thread itself touches these fields
 *	t	thread->lock: placement (priority, binding), queueing, and
 *		ending a wait on no event
 *	r	the run queue lock of the hart in thread->runq_cpu
 *	o	only the hart the thread runs on, interrupts off
 *	c	constant after creation
 *	a	atomic
 */
#ifndef KERNEL_SCHED_THREAD_H
#define KERNEL_SCHED_THREAD_H

#include <machine/thread.h>
#include "kernel/ipc/ipc_thread.h"
#include "kernel/sched/sched.h"
#include "kernel/sched/timer.h"
#include "kernel/sync/spinlock.h"

struct thread {
	struct machine_context ctx;	/* [o] saved registers while off a hart */
	struct machine_thread mt;	/* [o] user state, pmap (<machine/thread.h>) */
	void	*task;			/* [c] the task (task/), NULL: kernel thread */
	uint32_t ast;			/* [a] AST_* work before returning to user mode */
	/*
	 * [o] 1 once switched in, 0 again on the way back to user mode
	 * (thread_switched_clear); trap.S reads it and ast as one word
	 */
	uint32_t switched_in;
	uint64_t switches;		/* [o] times switched in */
	struct ipc_thread ith;		/* kernel/ipc's (ipc_thread.h, THREAD_IPC_OFFSET) */
	struct thread *task_next;	/* [task] the task's list of threads */
	int	suspend_count;		/* [task] thread_suspend nesting */
	/*
	 * CPU time, sampled by the clock tick (sched.c tick_account,
	 * thread_times); these and usage_* sit in holes of the layout
	 */
	uint32_t uticks;		/* [o, read a] ticks that found it in user mode */
	void	*task_exc;		/* [task] the task layer's exception ports */
	struct thread_sched_policy task_policy;	/* [task] (sched.h) */
	uint32_t started;		/* [a] thread_go ran (0 or 1) */
	uint32_t sticks;		/* [o, read a] ticks that found it in the kernel */
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
	uint32_t usage_sec;		/* [o, read a] the window usage_cur counts */

	/* waiting */
	event_t	wait_event;		/* [w, read a] NO_EVENT: not waiting */
	struct thread *wait_next;	/* [w] bucket list */
	struct thread *wait_prev;	/* [w] */
	wait_result_t wait_result;	/* [w] how the last wait ended, until
					   thread_block() takes it; else
					   THREAD_AWAKENED */
	wait_interrupt_t wait_interruptible; /* [w] */
	uint64_t wait_seq;		/* [w] bumped by each assert_wait */
	struct timer_call wait_timer;	/* [timer] deadline of the current wait */
	uint64_t timer_seq;		/* [w] the wait the timer belongs to */
	volatile bool timer_active;	/* [a] armed or its callback running */
	uint16_t usage_cur;		/* [o, read a] its ticks in that window */
	uint16_t usage_prev;		/* [o, read a] its ticks in the one before */

	/* bookkeeping */
	uint64_t saved_intr;		/* [o] interrupt state across a switch */
	int	preempt_count;		/* [o] preempt_disable nesting */
	int	quantum;		/* [o] ticks left */
	vaddr_t	kstack_top;		/* [c] */
	uint64_t thread_id;		/* [c] unique, never reused (from 1) */
	void	(*fn)(void *);		/* [c] */
	void	*arg;			/* [c] */
	struct thread *reap_next;	/* [reaper lock] */
	struct thread *all_next;	/* [threads_all_lock] every thread, for debuggers */
	struct thread *all_prev;	/* [threads_all_lock] */
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
/*
 * clear_wait_seq - end t's wait (sequence seq, or any if seq is 0) with
 * result, and queue t if it had left its hart.  KERN_NOT_WAITING if t is
 * not in that wait.
 */
#define CW_INTERRUPT	0x1		/* only an interruptible wait */
kern_return_t clear_wait_seq(struct thread *t, uint64_t seq,
    wait_result_t result, int flags);
/* for thread_handoff: true if t is now the caller's to run; intr off */
bool clear_wait_handoff(struct thread *t);
void wait_finish_slow(struct thread *self);

/*
 * wait_state_end - take the wait bits clear (TH_WAIT, and TH_WAIT_ANON for
 * a wait on no event) off t->state, by compare-and-swap against
 * thread_block() clearing TH_RUN (see wait.c), and give t TH_RUN back if it
 * had lost it.  True then: t has left its hart and the caller must queue it
 * or run it.  False: t has not got that far; its thread_block() returns.
 */
static __always_inline bool
wait_state_end(struct thread *t, int clear)
{
	int s = __atomic_load_n(&t->state, __ATOMIC_RELAXED);

	while (!__atomic_compare_exchange_n(&t->state, &s,
	    (s & ~clear) | TH_RUN, false, __ATOMIC_ACQ_REL, __ATOMIC_RELAXED))
		;
	return !(s & TH_RUN);
}

/*
 * wait_anon_end_locked - end t's wait on no event (TH_WAIT_ANON set, t
 * locked) with result; as wait_state_end.
 */
static __always_inline bool
wait_anon_end_locked(struct thread *t, wait_result_t result)
{
	t->wait_result = result;
	return wait_state_end(t, TH_WAIT | TH_WAIT_ANON);
}

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
