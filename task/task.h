/*
 * task/task.h - Mach tasks: an address space and the threads that run in it.
 *
 * A task is reference counted.  It holds its vm_map (whose pmap its
 * threads run on), the IPC space, its task port, special and exception
 * ports (task/exception.h), the list of its threads, a suspend count, an
 * opaque bsd_info for the BSD layer, and counters.  Terminating a task
 * stops every thread at its next way out of the kernel; the last thread
 * to leave releases the address space, and the last reference frees the
 * task.  A task made by the task_create trap has
 * no thread to keep it: it holds a reference on itself (alive_ref) from
 * its creation until it ends (terminated, or its last thread gone), as
 * XNU's tasks do.
 *
 * Locks:
 *	t	task->lock (a spinlock; also guards the task fields of its threads)
 *	a	atomic
 *	c	constant after creation
 */
#ifndef TASK_TASK_H
#define TASK_TASK_H

#include <mach/exception_types.h>
#include <mach/kern_return.h>
#include <mach/thread_policy.h>
#include <mach/vm_inherit.h>
#include "kernel/sched/sched.h"
#include "kernel/sync/spinlock.h"
#include "kernel/ipc/ipc_port.h"
#include "kernel/ipc/mach_msg.h"
#include "kernel/vm/vm_map.h"
#include "task/exception.h"

#define TASK_NAME_MAX	32

struct semaphore;

struct task {
	struct spinlock lock;
	uint32_t refs;			/* [a] */
	uint64_t task_id;		/* [c] unique, never reused */
	/*
	 * [c] what its messages' trailers say of the sender: uid and gid 0
	 * and the task id where the pid goes, until the BSD layer (which
	 * will change it with the credentials, under its own rules)
	 */
	struct ipc_sender itk_sender;
	vm_map_t map;			/* [t] NULL once terminated and empty */
	struct ipc_space *itk_space;	/* [c] its IPC space (a reference) */
	struct ipc_port *itk_self;	/* [t] its task port (kernel's receive right) */
	struct ipc_port *itk_bootstrap;	/* [t] special port: a send right */
	struct exception_action itk_exc[EXC_TYPES_COUNT]; /* [t] exception ports */
	void	*bsd_info;		/* [c] the BSD layer's proc (later) */
	thread_t threads;		/* [t] list through the threads' task_next */
	uint32_t thread_count;		/* [t] */
	int	suspend_count;		/* [t] */
	bool	active;			/* [t] false once task_terminate began */
	int	exit_status;		/* [t] from the task_exit trap */
	bool	map_released;		/* [t] the memory is gone (after the last thread) */
	bool	alive_ref;		/* [t] holds a reference on itself until it ends */
	thread_t last_thread;		/* [t] the last thread to leave (a reference) */
	bool	console_diag;		/* [c] console output as KTAP diagnostics */
	bool	console_midline;	/* [console] the last write ended mid-line */
	uint64_t faults;		/* [a] user faults resolved */
	uint64_t dead_user_ns;		/* [t] CPU time of threads that ended */
	uint64_t dead_system_ns;	/* [t] */
	/* [semaphore_owners_lock] the semaphores it owns (task_semaphore.c) */
	struct semaphore *semaphores;
	/* [t] task_policy_set's role and QoS tiers (0-6), as task_policy_get reports them */
	int32_t	policy_role;
	uint8_t	policy_base_lqos, policy_base_tqos;
	uint8_t	policy_over_lqos, policy_over_tqos;
	char	name[TASK_NAME_MAX];	/* [t] */
	struct task *all_next;		/* [tasks_all_lock] every task, for debuggers */
	struct task *all_prev;		/* [tasks_all_lock] */
};
typedef struct task *task_t;
#define TASK_NULL	((task_t)NULL)

extern task_t kernel_task;

void task_bootstrap(void);
/*
 * task_create_internal - a new task with no threads: with inherit_memory
 * its map is a fork of parent's (each region as its inheritance says),
 * otherwise empty.  *out gets the one reference.
 * KERN_RESOURCE_SHORTAGE; KERN_INVALID_ARGUMENT (inherit_memory without a
 * parent map).
 */
kern_return_t task_create_internal(task_t parent, bool inherit_memory,
    task_t *out);
void task_reference(task_t t);
void task_deallocate(task_t t);
/*
 * tasks_snapshot - how many tasks are alive (not the kernel's, not being
 * terminated); the first max of them, each with a reference, into list
 */
uint32_t tasks_snapshot(task_t *list, uint32_t max);
/*
 * task_terminate - end every thread of t and release its memory; returns
 * once no thread is left (when called from inside t, it does not return).
 * KERN_INVALID_ARGUMENT (NULL, the kernel task), KERN_TERMINATED (already).
 */
kern_return_t task_terminate(task_t t);
/* (task_thread.c) the last thread is gone: free t's memory, wake waiters */
void task_release_map(task_t t);
/*
 * wait until t has no threads left and its memory is gone (after
 * task_terminate or the last exit), and its last thread has terminated
 */
void task_wait_empty(task_t t);
/* task_suspend/resume - nest; KERN_FAILURE resuming a task not suspended */
kern_return_t task_suspend(task_t t);
kern_return_t task_resume(task_t t);
/*
 * task_hold_alive - t keeps a reference on itself until it ends (its
 * memory is released), for a task nothing else keeps: one made by the
 * task_create trap.  Once; t unlocked.
 */
void task_hold_alive(task_t t);

/* --- the task's ports (task.c) --- */

/* a send right to t's task port; IP_NULL once the task has ended */
ipc_port_t task_port_make_send(task_t t);
/*
 * task_get_special_port - a send right to t's special port which
 * (TASK_KERNEL_PORT, TASK_HOST_PORT, TASK_BOOTSTRAP_PORT) in *portp:
 * IP_NULL if none is set, IP_DEAD if it died.  KERN_FAILURE (t has ended),
 * KERN_INVALID_ARGUMENT (another which).
 */
kern_return_t task_get_special_port(task_t t, int which, ipc_port_t *portp);
/*
 * task_set_special_port - port (a send right, IP_NULL or IP_DEAD) becomes
 * t's special port which; consumed on success only.  KERN_NO_ACCESS
 * (TASK_KERNEL_PORT, TASK_HOST_PORT: XNU refuses them from user space),
 * KERN_FAILURE (t has ended), KERN_INVALID_ARGUMENT (another which).
 */
kern_return_t task_set_special_port(task_t t, int which, ipc_port_t port);
/* the host port (task/ipc_trap.c); the kernel holds its receive right */
ipc_port_t host_self_port(void);
void task_set_name(task_t t, const char *name);

/* the task of the current thread (kernel_task for a kernel thread) */
static inline task_t
current_task(void)
{
	task_t t = thread_task_ptr(current_thread());

	return t != NULL ? t : kernel_task;
}
/* the calling task's IPC space */
static inline struct ipc_space *
current_space(void)
{
	return current_task()->itk_space;
}
vm_map_t current_map(void);

struct task_basic_info_rv {
	uint64_t virtual_size;		/* bytes mapped */
	uint64_t resident_size;		/* bytes resident (mapped pages) */
	uint32_t thread_count;
	int	suspend_count;
	uint64_t faults;
	uint64_t cow_faults;
	uint64_t zero_fills;
};
kern_return_t task_info_basic(task_t t, struct task_basic_info_rv *info);
/* CPU time (kernel/sched/sched.h thread_times), in ns */
struct task_times {
	uint64_t dead_user, dead_system;	/* threads that ended */
	uint64_t live_user, live_system;	/* threads alive now */
};
void task_times(task_t t, struct task_times *tt);

/* counters for tests: tasks alive (kernel_task included) */
uint64_t tasks_alive(void);

/* --- user threads (task/task_thread.c) --- */

/*
 * thread_create_user - a new user thread in t, suspended (count 1) with
 * its registers zero; set them with thread_set_state, then thread_resume.
 * *out gets a reference.  KERN_INVALID_ARGUMENT (no map), KERN_TERMINATED,
 * KERN_RESOURCE_SHORTAGE.
 */
kern_return_t thread_create_user(task_t t, thread_t *out);
/* thread_create_running_user - the same, started at pc with sp and a0 */
kern_return_t thread_create_running_user(task_t t, vaddr_t pc, vaddr_t sp,
    uint64_t a0, thread_t *out);
kern_return_t thread_suspend(thread_t th);
kern_return_t thread_resume(thread_t th);
/* end a user thread at its next way out of the kernel */
kern_return_t thread_terminate(thread_t th);
/* thread_exit_user - the calling user thread ends now (does not return) */
void thread_exit_user(void) __noreturn;
kern_return_t thread_get_state(thread_t th, int flavor, void *state,
    unsigned *count);
kern_return_t thread_set_state(thread_t th, int flavor, const void *state,
    unsigned count);
task_t thread_task(thread_t th);
/* the user pc th will resume at (0 if it has none) */
vaddr_t thread_user_pc(thread_t th);
/*
 * task_threads_list - up to max references to t's threads into list;
 * *count gets how many t has (may be more than max).
 */
kern_return_t task_threads_list(task_t t, thread_t *list, uint32_t max,
    uint32_t *count);
/*
 * thread_port_make_send - a send right to th's thread port, made on first
 * use (XNU's convert_thread_to_port); IP_DEAD once th is leaving, IP_NULL
 * out of memory.  th a user thread whose task the caller keeps alive (a
 * reference, or th is the caller).  No lock held.
 */
ipc_port_t thread_port_make_send(thread_t th);
/* has th begun to leave (off its task's list, its port dead)?  t locked */
bool thread_exiting_locked(thread_t th);

/*
 * thread_policy_set / thread_policy_get (task/thread_policy.c): XNU's
 * calls on a user thread; info and *countp in integer_t, as the traps and
 * MIG pass them.  The base priority the policy gives th, and the highest a
 * user thread's policy can give.
 */
kern_return_t thread_policy_set(thread_t th, thread_policy_flavor_t flavor,
    const integer_t *info, uint32_t count);
kern_return_t thread_policy_get(thread_t th, thread_policy_flavor_t flavor,
    integer_t *info, uint32_t *countp, boolean_t *get_default);
int thread_policy_base_priority(thread_t th);
int thread_policy_max_priority(thread_t th);

/* the task layer's handling of traps from user mode (task_trap.c) */
void task_trap_init(void);

#endif /* TASK_TASK_H */
