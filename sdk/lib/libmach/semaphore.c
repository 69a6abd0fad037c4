/*
 * sdk/lib/libmach/semaphore.c - the semaphore calls (<mach/semaphore.h>,
 * <mach/task.h>) and their traps (<mach/mach_traps.h>), with XNU's
 * prototypes.  As in XNU's libsyscall, each call is its trap (the
 * timeouts split into seconds and nanoseconds); semaphore_create and
 * semaphore_destroy, MIG routines in XNU, are rvmach traps -180 and -181
 * (docs/abi.md).  Nothing retries: an interrupted wait returns
 * KERN_ABORTED, as XNU's does.
 */
#include <mach/mach_traps.h>
#include <mach/riscv/trap.h>
#include <mach/semaphore.h>
#include <mach/syscall_sw.h>
#include <mach/task.h>

#define L(x)	((long)(x))

kern_return_t
semaphore_signal_trap(mach_port_name_t signal_name)
{
	return (kern_return_t)rvmach_trap1(MACH_TRAP_semaphore_signal,
	    L(signal_name));
}

kern_return_t
semaphore_signal_all_trap(mach_port_name_t signal_name)
{
	return (kern_return_t)rvmach_trap1(MACH_TRAP_semaphore_signal_all,
	    L(signal_name));
}

kern_return_t
semaphore_signal_thread_trap(mach_port_name_t signal_name,
    mach_port_name_t thread_name)
{
	return (kern_return_t)rvmach_trap2(MACH_TRAP_semaphore_signal_thread,
	    L(signal_name), L(thread_name));
}

kern_return_t
semaphore_wait_trap(mach_port_name_t wait_name)
{
	return (kern_return_t)rvmach_trap1(MACH_TRAP_semaphore_wait,
	    L(wait_name));
}

kern_return_t
semaphore_wait_signal_trap(mach_port_name_t wait_name,
    mach_port_name_t signal_name)
{
	return (kern_return_t)rvmach_trap2(MACH_TRAP_semaphore_wait_signal,
	    L(wait_name), L(signal_name));
}

kern_return_t
semaphore_timedwait_trap(mach_port_name_t wait_name, unsigned int sec,
    clock_res_t nsec)
{
	return (kern_return_t)rvmach_trap3(MACH_TRAP_semaphore_timedwait,
	    L(wait_name), L(sec), L(nsec));
}

kern_return_t
semaphore_timedwait_signal_trap(mach_port_name_t wait_name,
    mach_port_name_t signal_name, unsigned int sec, clock_res_t nsec)
{
	return (kern_return_t)rvmach_trap(MACH_TRAP_semaphore_timedwait_signal,
	    L(wait_name), L(signal_name), L(sec), L(nsec), 0, 0, 0);
}

kern_return_t
semaphore_signal(semaphore_t semaphore)
{
	return semaphore_signal_trap(semaphore);
}

kern_return_t
semaphore_signal_all(semaphore_t semaphore)
{
	return semaphore_signal_all_trap(semaphore);
}

kern_return_t
semaphore_signal_thread(semaphore_t semaphore, thread_t thread)
{
	return semaphore_signal_thread_trap(semaphore, thread);
}

kern_return_t
semaphore_wait(semaphore_t semaphore)
{
	return semaphore_wait_trap(semaphore);
}

kern_return_t
semaphore_timedwait(semaphore_t semaphore, mach_timespec_t wait_time)
{
	return semaphore_timedwait_trap(semaphore, wait_time.tv_sec,
	    wait_time.tv_nsec);
}

kern_return_t
semaphore_wait_signal(semaphore_t wait_semaphore, semaphore_t signal_semaphore)
{
	return semaphore_wait_signal_trap(wait_semaphore, signal_semaphore);
}

kern_return_t
semaphore_timedwait_signal(semaphore_t wait_semaphore,
    semaphore_t signal_semaphore, mach_timespec_t wait_time)
{
	return semaphore_timedwait_signal_trap(wait_semaphore, signal_semaphore,
	    wait_time.tv_sec, wait_time.tv_nsec);
}

kern_return_t
semaphore_create(task_t task, semaphore_t *semaphore, int policy, int value)
{
	return (kern_return_t)rvmach_trap(RVMACH_TRAP_semaphore_create, L(task),
	    L(semaphore), L(policy), L(value), 0, 0, 0);
}

kern_return_t
semaphore_destroy(task_t task, semaphore_t semaphore)
{
	return (kern_return_t)rvmach_trap2(RVMACH_TRAP_semaphore_destroy,
	    L(task), L(semaphore));
}
