/*
 * <mach/semaphore.h> - Mach semaphores (XNU's prototypes).
 *
 * A semaphore is named by a send right (semaphore_t) to its port.  It is
 * made and destroyed on a task: semaphore_create / semaphore_destroy are
 * in <mach/task.h>, as in XNU, which this header includes.  Each call is
 * one trap (<mach/mach_traps.h>); the codes are in docs/abi.md,
 * "Semaphores", the semantics in docs/semaphores.md.
 */
#ifndef _MACH_SEMAPHORE_H_
#define _MACH_SEMAPHORE_H_

#include <mach/clock_types.h>
#include <mach/kern_return.h>
#include <mach/mach_types.h>
#include <mach/port.h>
#include <mach/sync_policy.h>
#include <mach/task.h>

kern_return_t	semaphore_signal(semaphore_t semaphore);
kern_return_t	semaphore_signal_all(semaphore_t semaphore);
kern_return_t	semaphore_wait(semaphore_t semaphore);

/* KERN_OPERATION_TIMED_OUT after wait_time (relative) */
kern_return_t	semaphore_timedwait(semaphore_t semaphore,
		    mach_timespec_t wait_time);

/* signal signal_semaphore and wait on wait_semaphore, as one step */
kern_return_t	semaphore_timedwait_signal(semaphore_t wait_semaphore,
		    semaphore_t signal_semaphore, mach_timespec_t wait_time);
kern_return_t	semaphore_wait_signal(semaphore_t wait_semaphore,
		    semaphore_t signal_semaphore);

/* wake thread if it waits on semaphore (THREAD_NULL: any one waiter) */
kern_return_t	semaphore_signal_thread(semaphore_t semaphore,
		    thread_t thread);

#endif /* _MACH_SEMAPHORE_H_ */
