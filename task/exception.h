/*
 * task/exception.h - Mach exceptions: the exception ports of threads,
 * tasks and the host, and exceptions delivered to them as messages.
 *
 * An exception port is an action per exception type: a send right, the
 * behavior (which message: EXCEPTION_DEFAULT, _STATE, _STATE_IDENTITY,
 * each optionally with MACH_EXCEPTION_CODES) and the flavor of thread
 * state the _STATE behaviors carry.  A task holds its actions in
 * itk_exc[]; a thread's are allocated the first time one is set and hang
 * off the slot the scheduler keeps for them (thread_task_exc); the host's
 * are in struct host.  A thread's exception goes to its own action for that type, then
 * its task's, then the host's, until a handler replies KERN_SUCCESS
 * (exception.c); docs/ipc.md, "Exceptions".
 *
 * Locks:
 *	t	task->lock: the task's actions and those of its threads
 *	h	host->lock
 */
#ifndef TASK_EXCEPTION_H
#define TASK_EXCEPTION_H

#include <mach/exception_types.h>
#include <mach/kern_return.h>
#include "kernel/ipc/ipc_port.h"
#include "kernel/sched/sched.h"
#include "kernel/sync/spinlock.h"

struct task;

/* the types the exception-port calls take (XNU's, kernel-private there) */
#define EXC_MASK_VALID	(EXC_MASK_ALL | EXC_MASK_CRASH | EXC_MASK_CORPSE_NOTIFY)

struct exception_action {
	struct ipc_port *port;		/* a send right, IP_NULL or IP_DEAD */
	exception_behavior_t behavior;
	thread_state_flavor_t flavor;
};

/* the host: one kernel object, one port (task/ipc_trap.c), its actions */
struct host {
	struct spinlock lock;
	struct exception_action exc_actions[EXC_TYPES_COUNT];	/* [h] */
};
extern struct host realhost;

/*
 * What *_get_exception_ports and *_swap_exception_ports return: count
 * goes in as the room (at most EXC_TYPES_COUNT entries) and comes back as
 * the entries filled, one per distinct (port, behavior, flavor) among the
 * types asked for; each ports[] is a send right for the caller (IP_NULL,
 * IP_DEAD as they are).
 */
struct exception_ports_info {
	uint32_t count;
	exception_mask_t masks[EXC_TYPES_COUNT];
	struct ipc_port *ports[EXC_TYPES_COUNT];
	exception_behavior_t behaviors[EXC_TYPES_COUNT];
	thread_state_flavor_t flavors[EXC_TYPES_COUNT];
};

/*
 * The calls, XNU's semantics (osfmk/kern/ipc_tt.c).  new_port is a send
 * right the call consumes, success or not (IP_NULL and IP_DEAD allowed).
 * set: each type in mask gets new_port, behavior, flavor.  get: info as
 * above.  swap: get, then set, for the types get found room for (XNU
 * stops at the room).  KERN_INVALID_ARGUMENT: a bit of mask outside
 * EXC_MASK_VALID; with a valid new_port a behavior other than the three
 * (EXCEPTION_IDENTITY_PROTECTED included: not supported) or with
 * MACH_EXCEPTION_BACKTRACE_PREFERRED; a flavor other than 0 that
 * VALID_THREAD_STATE_FLAVOR refuses; a NULL or kernel task or thread.
 * KERN_FAILURE: the task's IPC or the thread is gone.
 * KERN_RESOURCE_SHORTAGE: no memory for a thread's actions.  No lock held.
 */
kern_return_t task_set_exception_ports(struct task *t, exception_mask_t mask,
    struct ipc_port *new_port, exception_behavior_t behavior,
    thread_state_flavor_t flavor);
kern_return_t task_get_exception_ports(struct task *t, exception_mask_t mask,
    struct exception_ports_info *info);
kern_return_t task_swap_exception_ports(struct task *t, exception_mask_t mask,
    struct ipc_port *new_port, exception_behavior_t behavior,
    thread_state_flavor_t flavor, struct exception_ports_info *info);
kern_return_t thread_set_exception_ports(thread_t th, exception_mask_t mask,
    struct ipc_port *new_port, exception_behavior_t behavior,
    thread_state_flavor_t flavor);
kern_return_t thread_get_exception_ports(thread_t th, exception_mask_t mask,
    struct exception_ports_info *info);
kern_return_t thread_swap_exception_ports(thread_t th, exception_mask_t mask,
    struct ipc_port *new_port, exception_behavior_t behavior,
    thread_state_flavor_t flavor, struct exception_ports_info *info);
kern_return_t host_set_exception_ports(struct host *host, exception_mask_t mask,
    struct ipc_port *new_port, exception_behavior_t behavior,
    thread_state_flavor_t flavor);
kern_return_t host_get_exception_ports(struct host *host, exception_mask_t mask,
    struct exception_ports_info *info);
kern_return_t host_swap_exception_ports(struct host *host, exception_mask_t mask,
    struct ipc_port *new_port, exception_behavior_t behavior,
    thread_state_flavor_t flavor, struct exception_ports_info *info);
/* release the send rights of an info (kernel callers of get and swap) */
void exception_ports_info_release(struct exception_ports_info *info);

/* a new task's actions: a copy of parent's (XNU: inherited on task_create) */
void task_exc_inherit(struct task *t, struct task *parent);
/* the task's IPC is going: its actions' rights go (t unlocked) */
void task_exc_release(struct task *t);
/* th is leaving its task (t unlocked): its actions go, none can be set again */
void thread_exc_terminate(thread_t th);
/*
 * exception_action_copy - the action for exc at level (0 thread, 1 task,
 * 2 host) of the current thread, with a new send right to its port in
 * *act; false if that level has no live port for exc.
 */
bool exception_action_copy(int level, exception_type_t exc,
    struct exception_action *act);

/*
 * exception_triage - the current (user) thread takes exception exc with
 * code[0], code[1]: each level's port in turn gets the message its
 * behavior asks for, from this thread, which waits for the reply.
 * KERN_SUCCESS: a handler replied KERN_SUCCESS (with new state applied
 * for the state behaviors), or the thread is being aborted (it ends at its
 * AST); MACH_RCV_INTERRUPTED: aborted while it waited; anything else:
 * nobody handled it (the last level's error).  No lock held; blocks.
 */
kern_return_t exception_triage(exception_type_t exc,
    const mach_exception_data_type_t code[EXCEPTION_CODE_MAX]);
/*
 * task_exception - the usertrap operation: an exception a user thread
 * took that the VM did not resolve (kernel/usertrap.h).  Triage; when no
 * handler takes it and the BSD layer's hook does not either, the task is
 * terminated and the console says why.
 */
void task_exception(int exc, int64_t code, int64_t subcode, uint64_t pc);

/*
 * The BSD layer's hook (registered at boot, before any user thread):
 * unhandled is called with an exception no port handled, from the
 * thread that took it; true means it took care of it (a signal is
 * posted), so the task is not terminated.  No BSD code yet: no hook.
 */
struct exception_hooks {
	bool	(*unhandled)(thread_t th, exception_type_t exc,
		    const mach_exception_data_type_t code[EXCEPTION_CODE_MAX]);
};
void exception_hooks_register(const struct exception_hooks *hooks);

/* statistics for tests */
struct exception_stats {
	uint64_t raised;		/* exceptions triaged */
	uint64_t sent;			/* requests sent (or tried: a dead port) */
	uint64_t handled;		/* replies of KERN_SUCCESS that took */
	uint64_t refused;		/* other replies, dead handlers' included */
	uint64_t unhandled;		/* through every level */
};
void exception_get_stats(struct exception_stats *st);

#endif /* TASK_EXCEPTION_H */
