/*
 * task/semaphore_trap.c - the semaphore traps: XNU's semaphore_*_trap
 * (-33..-39, XNU's numbers and arguments) on semaphore names, and
 * semaphore_create / semaphore_destroy on a task port, which XNU makes MIG
 * routines and rvmach traps of its own (-180, -181).  docs/abi.md,
 * "Semaphores", has every code; docs/semaphores.md the semantics.
 *
 * A semaphore name is looked up as XNU's port_name_to_semaphore does:
 * KERN_INVALID_NAME (MACH_PORT_NULL or nothing there), KERN_INVALID_RIGHT
 * (no send right), KERN_INVALID_CAPABILITY (a send right, not to a
 * semaphore).  Each trap holds a reference on each semaphore it uses for
 * its length, so a wait outlives the names it came by.
 */
#include <mach/clock_types.h>
#include <mach/riscv/vm_param.h>
#include "kernel/copyio.h"
#include "kernel/ipc/mach_port.h"
#include "task/task_semaphore.h"
#include "task/task_trap.h"

/* semaphore_signal_trap(signal_name) */
uint64_t
trap_semaphore_signal(const uint64_t a[USERTRAP_NARGS])
{
	semaphore_t s;
	kern_return_t kr;

	if ((kr = port_name_to_semaphore((mach_port_name_t)a[0], &s)) != KERN_SUCCESS)
		return kr;
	kr = semaphore_signal(s);
	semaphore_deallocate(s);
	return kr;
}

/* semaphore_signal_all_trap(signal_name) */
uint64_t
trap_semaphore_signal_all(const uint64_t a[USERTRAP_NARGS])
{
	semaphore_t s;
	kern_return_t kr;

	if ((kr = port_name_to_semaphore((mach_port_name_t)a[0], &s)) != KERN_SUCCESS)
		return kr;
	kr = semaphore_signal_all(s);
	semaphore_deallocate(s);
	return kr;
}

/*
 * semaphore_signal_thread_trap(signal_name, thread_name): thread_name
 * MACH_PORT_NULL wakes any one waiter; a name that is not a thread is
 * KERN_INVALID_ARGUMENT, checked first (XNU)
 */
uint64_t
trap_semaphore_signal_thread(const uint64_t a[USERTRAP_NARGS])
{
	mach_port_name_t tname = (mach_port_name_t)a[1];
	thread_t th = THREAD_NULL;
	semaphore_t s;
	kern_return_t kr;

	if (tname != MACH_PORT_NULL &&
	    (th = port_name_to_thread(tname)) == THREAD_NULL)
		return KERN_INVALID_ARGUMENT;
	kr = port_name_to_semaphore((mach_port_name_t)a[0], &s);
	if (kr == KERN_SUCCESS) {
		kr = semaphore_signal_thread(s, th);
		semaphore_deallocate(s);
	}
	if (th != THREAD_NULL)
		thread_port_done(th);
	return kr;
}

/* semaphore_wait_trap(wait_name) */
uint64_t
trap_semaphore_wait(const uint64_t a[USERTRAP_NARGS])
{
	semaphore_t s;
	kern_return_t kr;

	if ((kr = port_name_to_semaphore((mach_port_name_t)a[0], &s)) != KERN_SUCCESS)
		return kr;
	kr = semaphore_wait(s);
	semaphore_deallocate(s);
	return kr;
}

/*
 * wait on wait_name after signalling signal_name (the signal's name is
 * looked up first, as XNU does); poll/deadline as semaphore_timedwait's
 */
static kern_return_t
wait_signal_names(mach_port_name_t wait_name, mach_port_name_t signal_name,
    const mach_timespec_t *ts)
{
	const mach_port_name_t names[2] = { signal_name, wait_name };
	semaphore_t sems[2];		/* signal, wait */
	kern_return_t kr;

	/* both in one lookup; the signal's error first */
	if ((kr = port_names_to_semaphores(names, sems, 2)) != KERN_SUCCESS)
		return kr;
	kr = ts == NULL ? semaphore_wait_signal(sems[1], sems[0]) :
	    semaphore_timedwait_signal(sems[1], sems[0], *ts);
	semaphore_deallocate(sems[1]);
	semaphore_deallocate(sems[0]);
	return kr;
}

/* semaphore_wait_signal_trap(wait_name, signal_name) */
uint64_t
trap_semaphore_wait_signal(const uint64_t a[USERTRAP_NARGS])
{
	return wait_signal_names((mach_port_name_t)a[0], (mach_port_name_t)a[1],
	    NULL);
}

/*
 * the trap's (unsigned sec, clock_res_t nsec) as a mach_timespec_t;
 * KERN_INVALID_VALUE (XNU's BAD_MACH_TIMESPEC), checked before the names
 */
static kern_return_t
timespec_arg(uint64_t sec, uint64_t nsec, mach_timespec_t *ts)
{
	ts->tv_sec = (unsigned int)sec;
	ts->tv_nsec = (clock_res_t)nsec;
	if (ts->tv_nsec < 0 || (uint64_t)ts->tv_nsec >= NSEC_PER_SEC)
		return KERN_INVALID_VALUE;
	return KERN_SUCCESS;
}

/* semaphore_timedwait_trap(wait_name, sec, nsec): {0, 0} polls */
uint64_t
trap_semaphore_timedwait(const uint64_t a[USERTRAP_NARGS])
{
	mach_timespec_t ts;
	semaphore_t s;
	kern_return_t kr;

	if ((kr = timespec_arg(a[1], a[2], &ts)) != KERN_SUCCESS ||
	    (kr = port_name_to_semaphore((mach_port_name_t)a[0], &s)) != KERN_SUCCESS)
		return kr;
	kr = semaphore_timedwait(s, ts);
	semaphore_deallocate(s);
	return kr;
}

/* semaphore_timedwait_signal_trap(wait_name, signal_name, sec, nsec) */
uint64_t
trap_semaphore_timedwait_signal(const uint64_t a[USERTRAP_NARGS])
{
	mach_timespec_t ts;
	kern_return_t kr;

	if ((kr = timespec_arg(a[2], a[3], &ts)) != KERN_SUCCESS)
		return kr;
	return wait_signal_names((mach_port_name_t)a[0], (mach_port_name_t)a[1],
	    &ts);
}

/*
 * semaphore_create(task, semaphore_t *semaphore, policy, value): a
 * semaphore owned by task; the caller's space gets the send right (as the
 * MIG reply would bring it).  A task name that is no task port:
 * MACH_SEND_INVALID_DEST, as for the other calls on a task port.
 */
uint64_t
trap_semaphore_create(const uint64_t a[USERTRAP_NARGS])
{
	task_t t = port_name_to_task((mach_port_name_t)a[0]);
	mach_port_name_t name = MACH_PORT_NULL;
	ipc_port_t sright;
	kern_return_t kr;

	if (t == TASK_NULL)
		return MACH_SEND_INVALID_DEST;
	/* the result's place must be writable before anything is made */
	if (copyout(&name, a[1], sizeof(name)) != KERN_SUCCESS) {
		kr = KERN_INVALID_ADDRESS;
		goto out;
	}
	kr = task_semaphore_create(t, (int)a[2], (int)a[3], &sright);
	if (kr != KERN_SUCCESS)
		goto out;
	/* no name for it (no memory, no space): the right goes, and s with it */
	if ((name = ipc_port_copyout_send(sright, current_space())) ==
	    MACH_PORT_NULL) {
		kr = KERN_RESOURCE_SHORTAGE;
		goto out;
	}
	if (copyout(&name, a[1], sizeof(name)) != KERN_SUCCESS) {
		/* unmapped meanwhile: the name goes, and the semaphore */
		(void)mach_port_deallocate(current_space(), name);
		kr = KERN_INVALID_ADDRESS;
	}
out:
	task_deallocate(t);
	return kr;
}

/*
 * semaphore_destroy(task, semaphore): the semaphore's send right is
 * consumed (XNU's MIG argument is a MOVE_SEND), whatever the call then
 * finds; a name with no send right is MACH_SEND_INVALID_RIGHT, what the
 * MIG message would get, and loses nothing.  MACH_PORT_NULL, a dead name
 * or a right to something else is KERN_INVALID_ARGUMENT (XNU's
 * semaphore_destroy of SEMAPHORE_NULL); a semaphore task does not own,
 * KERN_INVALID_RIGHT; destroyed already, KERN_TERMINATED.
 */
uint64_t
trap_semaphore_destroy(const uint64_t a[USERTRAP_NARGS])
{
	task_t t = port_name_to_task((mach_port_name_t)a[0]);
	ipc_port_t port;
	semaphore_t s;
	kern_return_t kr;

	if (t == TASK_NULL)
		return MACH_SEND_INVALID_DEST;
	if (ipc_port_copyin_move_send(current_space(), (mach_port_name_t)a[1],
	    &port) != KERN_SUCCESS) {
		task_deallocate(t);
		return MACH_SEND_INVALID_RIGHT;
	}
	s = semaphore_of_port(port);
	kr = s == SEMAPHORE_NULL ? KERN_INVALID_ARGUMENT :
	    task_semaphore_destroy(t, s);
	semaphore_deallocate(s);
	/* last: the right may be the last one, which frees s */
	ipc_port_release_send(port);
	task_deallocate(t);
	return kr;
}
