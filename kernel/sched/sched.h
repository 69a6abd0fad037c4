/*
 * kernel/sched/sched.h - Mach threads, waiting and the SMP scheduler.
 *
 * Kernel threads only for now (tasks and user mode come later): a thread
 * runs fn(arg) on its own guarded kernel stack; returning from fn, or
 * thread_terminate_self(), ends it and the reaper frees it once no hart
 * can still be on it.  Priorities are Mach's 0..127 (default 31); each hart
 * has a run queue; the highest priority runnable thread runs, round robin
 * within a priority on a quantum, preempted by the timer.
 *
 * Waiting is Mach's: assert_wait(event) then thread_block(); thread_wakeup
 * (event) wakes every thread waiting on it (thread_wakeup_one: one).  The
 * event is any address.  A wake-up between assert_wait and thread_block is
 * never lost.
 */
#ifndef KERNEL_SCHED_SCHED_H
#define KERNEL_SCHED_SCHED_H

#include <mach/kern_return.h>
#include "kernel/cpu.h"
#include "kernel/lib/types.h"

typedef struct thread *thread_t;
#define THREAD_NULL	((thread_t)NULL)

typedef void *event_t;
#define NO_EVENT	((event_t)NULL)

/* priorities (Mach: 0 lowest .. 127 highest) */
#define MINPRI		0
#define MAXPRI		127
#define BASEPRI_DEFAULT	31
#define NRQS		128

/* wait results */
typedef int wait_result_t;
#define THREAD_WAITING		(-1)	/* assert_wait: now waiting */
#define THREAD_AWAKENED		0	/* woken normally */
#define THREAD_TIMED_OUT	1	/* the deadline passed */
#define THREAD_INTERRUPTED	2	/* thread_interrupt() */
#define THREAD_RESTART		3	/* the event went away */

/* may the wait be interrupted? */
typedef int wait_interrupt_t;
#define THREAD_UNINT		0
#define THREAD_INTERRUPTIBLE	1

/* thread states (bits, as in Mach) */
#define TH_WAIT		0x01	/* waiting (on an event, or on none) */
#define TH_SUSP		0x02	/* suspended (later, with tasks) */
#define TH_RUN		0x04	/* running or on a run queue */
#define TH_IDLE		0x10	/* a hart's idle thread */
#define TH_TERMINATE	0x20	/* terminated, waiting for the reaper */
#define TH_WAIT_ANON	0x40	/* with TH_WAIT: the wait is on no event */

#define THREAD_NAME_MAX	24

/* --- creation, references, termination --- */

/*
 * kernel_thread_start_priority - a new kernel thread running fn(arg) at
 * priority pri, made runnable at once.  *out receives a reference (drop it
 * with thread_deallocate), or pass out = NULL.
 * KERN_INVALID_ARGUMENT: fn NULL or pri outside MINPRI..MAXPRI.
 * KERN_RESOURCE_SHORTAGE: no memory for the thread or its stack.
 */
kern_return_t kernel_thread_start_priority(void (*fn)(void *), void *arg,
    int pri, thread_t *out);
kern_return_t kernel_thread_start(void (*fn)(void *), void *arg, thread_t *out);

/* the calling thread (one load, right even across preemption) */
static inline thread_t
current_thread(void)
{
	return cpu_thread();
}
/* thread_reference / thread_deallocate: inline, on the IPC fast path */
#define THREAD_REFS_OFFSET	600
static inline void
thread_reference(thread_t t)
{
	__atomic_fetch_add((uint32_t *)((char *)t + THREAD_REFS_OFFSET), 1,
	    __ATOMIC_RELAXED);
}
uint32_t *thread_ast_ptr(thread_t t);
/*
 * The task layer's fields of a thread, guarded by the task's lock (task/
 * owns them; the scheduler only stores them): the task, the link in the
 * task's thread list, the suspend count.
 */
struct thread_task_fields {
	void	**task;
	thread_t *next;
	int	*suspend_count;
};
void thread_task_fields(thread_t t, struct thread_task_fields *f);
/*
 * the task layer's scheduling policy of a thread (task/thread_policy.c,
 * thread_policy_set/get), guarded by its task's lock like the fields
 * above; the scheduler sees only the priority it comes to
 */
struct thread_sched_policy {
	int32_t	importance;		/* THREAD_PRECEDENCE_POLICY */
	uint32_t rt_period;		/* THREAD_TIME_CONSTRAINT_POLICY, */
	uint32_t rt_computation;	/*   in mach_absolute_time units */
	uint32_t rt_constraint;
	bool	rt_preemptible;
	bool	realtime;		/* a time constraint is set */
	bool	fixed;			/* THREAD_EXTENDED_POLICY timeshare FALSE */
};
struct thread_sched_policy *thread_task_policy(thread_t t);
/*
 * the task layer's slot for t's own exception ports (task/exception.h),
 * guarded by its task's lock like the fields above; apart from them
 * because only the exception-port calls use it
 */
void **thread_task_exc(thread_t t);
/*
 * the machine's part of t (<machine/thread.h>) and the task layer's task
 * pointer: at fixed offsets in struct thread (checked in thread.c), so the
 * trap and IPC paths reach them without a call
 */
#define THREAD_MACHINE_OFFSET	40
#define THREAD_TASK_OFFSET	328
static inline struct machine_thread *
thread_machine(thread_t t)
{
	return (struct machine_thread *)((char *)t + THREAD_MACHINE_OFFSET);
}
static inline void *
thread_task_ptr(thread_t t)
{
	return *(void **)((char *)t + THREAD_TASK_OFFSET);
}
/*
 * does this hart have a reschedule pending?  Does the current thread have
 * an AST?  Interrupts off.  Inline on every return to user mode: the
 * flags sit at fixed offsets of struct sched_cpu and struct thread
 * (checked in sched.c and thread.c).
 */
#define SCHED_CPU_NEED_RESCHED_OFFSET	12
#define THREAD_AST_OFFSET		336
#define THREAD_SWITCHED_IN_OFFSET	340
static inline bool
sched_resched_pending(void)
{
	return __atomic_load_n((bool *)((char *)cpu_current()->sched +
	    SCHED_CPU_NEED_RESCHED_OFFSET), __ATOMIC_ACQUIRE);
}
static inline bool
thread_ast_pending(void)
{
	return __atomic_load_n((uint32_t *)((char *)current_thread() +
	    THREAD_AST_OFFSET), __ATOMIC_ACQUIRE) != 0;
}
/*
 * the current thread goes back to user mode with its FP registers made
 * current: it has not been switched in since (interrupts off)
 */
static inline void
thread_switched_clear(void)
{
	*(uint32_t *)((char *)current_thread() + THREAD_SWITCHED_IN_OFFSET) = 0;
}
/* the last reference went (thread_deallocate): free t */
void thread_free_last(thread_t t);
static inline void
thread_deallocate(thread_t t)
{
	if (t != NULL && __atomic_sub_fetch((uint32_t *)((char *)t +
	    THREAD_REFS_OFFSET), 1, __ATOMIC_ACQ_REL) == 0)
		thread_free_last(t);
}
void thread_terminate_self(void) __noreturn;
/* thread_join - wait until t has terminated (KERN_INVALID_ARGUMENT: t is us) */
kern_return_t thread_join(thread_t t);

void thread_set_name(thread_t t, const char *name);
const char *thread_name(thread_t t);
int thread_state(thread_t t);		/* TH_* bits */
int thread_priority(thread_t t);
uint64_t thread_unique_id(thread_t t);	/* never reused, from 1 */
int thread_last_cpu(thread_t t);	/* the hart it last ran on */
uint64_t thread_switches(thread_t t);	/* times it was switched in */
/*
 * snapshots for reports (thread_info) and for waiting until a thread has
 * stopped; read without a lock, so already stale when they return
 */
bool thread_oncpu(thread_t t);		/* a hart is still on its stack */
event_t thread_wait_event(thread_t t);	/* the event waited on (NO_EVENT: none) */
bool thread_wait_interruptible(thread_t t); /* the last wait was interruptible */

/* KERN_INVALID_ARGUMENT (bad pri), KERN_TERMINATED */
kern_return_t thread_set_priority(thread_t t, int pri);
/*
 * thread_bind - run t only on hart cpu (-1: anywhere).  Binding the
 * current thread moves it there before returning.
 * KERN_INVALID_ARGUMENT (no such online hart), KERN_TERMINATED.
 */
kern_return_t thread_bind(thread_t t, int cpu);

/*
 * kernel_thread_create - like kernel_thread_start_priority, but the thread
 * does not run until thread_go(); *out gets a reference.  With
 * THREAD_CREATE_USER the top of its stack is kept for its user registers
 * (a user thread, see <machine/thread.h>).
 */
#define THREAD_CREATE_USER	0x1
kern_return_t kernel_thread_create(void (*fn)(void *), void *arg, int pri,
    unsigned flags, thread_t *out);
/* thread_go - make a thread from kernel_thread_create runnable (once; later calls do nothing) */
void thread_go(thread_t t);
bool thread_started(thread_t t);
/* thread_discard - free a created thread that never ran; only the creator's reference left */
void thread_discard(thread_t t);

/*
 * ASTs: work a user thread must do before it returns to user mode (the
 * task layer's: suspension, termination).  thread_ast_set also pokes the
 * hart t runs on, so a thread in user mode traps out soon.
 */
#define AST_SUSPEND	0x1
#define AST_ABORT	0x2
#define AST_GUARD	0x4	/* raise the port guard violation kernel/ipc noted */
/*
 * its user frame was rewritten (thread_set_state): return through the
 * full path, every register and the FP state loaded from the frame
 */
#define AST_UFRAME	0x8
void thread_ast_set(thread_t t, uint32_t ast);
/*
 * thread_should_abort - has t been asked to stop for good (AST_ABORT, set
 * before thread_interrupt)?  thread_interrupt ends only a wait that has
 * begun, so a thread that waits interruptibly for something only an abort
 * may end looks here after asserting its wait and before blocking, and
 * ends the wait itself if so.  A full fence first orders the look after
 * the wait's assertion (thread_interrupt's side: the AST, then the wait).
 * XNU's thread_should_abort.
 */
static inline bool
thread_should_abort(thread_t t)
{
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	return (__atomic_load_n((uint32_t *)((char *)t + THREAD_AST_OFFSET),
	    __ATOMIC_RELAXED) & AST_ABORT) != 0;
}
/* the bits set for the current thread, cleared */
static inline uint32_t
thread_ast_take(thread_t self)
{
	return __atomic_exchange_n(thread_ast_ptr(self), 0, __ATOMIC_ACQ_REL);
}

/* --- waiting --- */

wait_result_t assert_wait(event_t event, wait_interrupt_t interruptible);
/* deadline in nanotime() ns; one in the past times out at once */
wait_result_t assert_wait_deadline(event_t event, wait_interrupt_t interruptible,
    uint64_t deadline);
/*
 * thread_block - give up the hart.  After assert_wait: sleep until woken,
 * timed out or interrupted, and return why.  Without one: a yield (the
 * thread stays runnable) returning THREAD_AWAKENED.
 */
wait_result_t thread_block(void);

/*
 * thread_will_wait - assert a wait on no event (Mach 3's thread_will_wait):
 * no thread_wakeup() finds it; only clear_wait(), thread_interrupt(), the
 * deadline or a thread_handoff() to this thread ends it.  For a waiter that
 * keeps itself on a queue of its own, where its waker finds it by name (a
 * port's receivers).  Then thread_block() as after assert_wait().
 */
wait_result_t thread_will_wait(wait_interrupt_t interruptible);
wait_result_t thread_will_wait_deadline(wait_interrupt_t interruptible,
    uint64_t deadline);

/*
 * clear_wait - end t's wait, whatever it is, with result (THREAD_AWAKENED,
 * _TIMED_OUT, _INTERRUPTED or _RESTART), and make t runnable.
 * KERN_NOT_WAITING if t is not waiting; KERN_INVALID_ARGUMENT (result);
 * KERN_TERMINATED.
 */
kern_return_t clear_wait(thread_t t, wait_result_t result);

/*
 * Waits by sequence number: thread_wait_seq gives the number of the wait
 * the calling thread has just asserted (read it before anyone can end
 * the wait); clear_wait_if and thread_handoff_seq end t's wait only if it
 * is still that one, so a waker that is late never ends a later wait.
 */
uint64_t thread_wait_seq(void);
kern_return_t clear_wait_if(thread_t t, uint64_t seq, wait_result_t result);
wait_result_t thread_handoff_seq(thread_t target, uint64_t seq);
/*
 * thread_handoff_deliver - thread_handoff_seq, and once target is this
 * hart's thread (its address space active, interrupts off, still on the
 * caller's stack) deliver(target) may finish target's wait for it: true
 * sends target straight back to user mode from its user frame, the kernel
 * context it blocked in dropped, so its wait must keep nothing there
 * (mach_msg's fast path, docs/ipc.md).  deliver must not sleep or fault.
 */
typedef bool (*thread_deliver_t)(thread_t target);
wait_result_t thread_handoff_deliver(thread_t target, uint64_t seq,
    thread_deliver_t deliver);

/* wake every / one thread waiting on event; KERN_NOT_WAITING if none was */
kern_return_t thread_wakeup(event_t event);
kern_return_t thread_wakeup_one(event_t event);
/*
 * thread_interrupt - end t's interruptible wait with THREAD_INTERRUPTED.
 * KERN_NOT_WAITING if t is not in an interruptible wait; KERN_TERMINATED.
 */
kern_return_t thread_interrupt(thread_t t);

/* sleep for ns (THREAD_TIMED_OUT), or at once if ns is 0 */
wait_result_t thread_sleep_ns(uint64_t ns);

/* --- scheduling --- */

/* thread_yield - let another runnable thread of equal or higher priority run */
void thread_yield(void);
/*
 * thread_switch - yield, preferring hint if it is runnable (Mach
 * thread_switch with SWITCH_OPTION_NONE).  KERN_TERMINATED if hint is.
 */
kern_return_t thread_switch(thread_t hint);
/*
 * thread_handoff - wake target (which must be waiting) and switch to it
 * directly, on this hart, without a run-queue trip.  The caller then sleeps
 * if it had asserted a wait, or stays runnable; returns its wait result.
 * If target is not waiting the call acts as thread_block().  Nor is it a
 * handoff when target is bound to another hart or this hart has a
 * reschedule pending (a higher-priority thread was queued here): target is
 * then made runnable and the scheduler chooses.
 */
wait_result_t thread_handoff(thread_t target);

/* preemption: the current thread is not switched away while disabled */
void preempt_disable(void);
void preempt_enable(void);

/*
 * CPU time, sampled as 4.4BSD's statclock does: each clock tick (every
 * SCHED_TICK_NS on every hart) charges one tick to the thread it
 * interrupts, in user mode or in the kernel, and to the hart's state
 * (XNU's CPU_STATE_* order).  A thread's times have the tick's resolution.
 */
#define SCHED_TICK_NS		10000000ull	/* 10 ms */
#define SCHED_CPU_USER		0
#define SCHED_CPU_SYSTEM	1
#define SCHED_CPU_IDLE		2
#define SCHED_CPU_NICE		3		/* never counted: no nice yet */
#define SCHED_CPU_STATES	4
#define SCHED_USAGE_SCALE	1000		/* usage of one whole hart */
struct thread_times {
	uint64_t user_ns;		/* ticks in user mode, in ns */
	uint64_t system_ns;		/* ticks in the kernel, in ns */
	uint32_t usage;			/* share of a hart over the last whole
					   window of 2^30 ns, SCHED_USAGE_SCALE */
};
void thread_times(thread_t t, struct thread_times *tt);
/* every hart's ticks by state, summed */
void sched_cpu_ticks(uint64_t ticks[SCHED_CPU_STATES]);
/* hart cpu's ticks by state (cpu < ncpus) */
void sched_cpu_ticks_of(uint32_t cpu, uint64_t ticks[SCHED_CPU_STATES]);
/*
 * the load averages over 5, 30 and 60 s (threads running or runnable) and
 * the Mach factor likewise, scaled by 1000 (XNU's LOAD_SCALE), as OSF Mach
 * computes them once a second
 */
void sched_load_averages(uint32_t avenrun[3], uint32_t mach_factor[3]);

/* statistics for tests */
uint64_t sched_runnable(int cpu);	/* threads queued on hart cpu */
uint64_t sched_context_switches(int cpu);
uint64_t threads_alive(void);		/* threads not yet reaped */
/* thread_reap_wait - sleep until every thread terminated so far is freed */
void thread_reap_wait(void);

/* boot: the calling context becomes this hart's first thread */
void sched_init(void);			/* boot hart, once */
void sched_init_cpu(void);		/* the boot hart, on its boot stack */
/* a secondary, before it goes online: KERN_RESOURCE_SHORTAGE, stay offline */
kern_return_t sched_prepare_idle(void);
void sched_start_idle(void) __noreturn;	/* a secondary, online: run as idle */
void sched_tick(void);			/* from the periodic clock interrupt */
void thread_reaper_start(void);		/* boot, once threads can run */
void sched_preempt_check(void);		/* at trap exit: switch if asked */

#endif /* KERNEL_SCHED_SCHED_H */
