/*
 * <mach/mach_traps.h> - the Mach traps libmach wraps (user side).
 *
 * Names and signatures are XNU's.  Each wrapper is one `ecall`
 * (<mach/riscv/trap.h>); numbers are in <mach/syscall_sw.h>, arguments,
 * results and the status of each trap in docs/abi.md.
 */
#ifndef _MACH_MACH_TRAPS_H_
#define _MACH_MACH_TRAPS_H_

#include <stdint.h>

#include <mach/boolean.h>
#include <mach/clock_types.h>
#include <mach/kern_return.h>
#include <mach/mach_time.h>
#include <mach/message.h>
#include <mach/port.h>
#include <mach/thread_switch.h>

/* the timebase: absolute-time ticks * numer / denom = nanoseconds */
kern_return_t	mach_timebase_info(mach_timebase_info_t info);

/* sleep until absolute time deadline (ticks of the timebase) */
kern_return_t	mach_wait_until(uint64_t deadline);
/* clock_sleep's trap (<mach/clock.h>): the time in two ints, as XNU's */
kern_return_t	clock_sleep_trap(mach_port_name_t clock_name,
		    sleep_type_t sleep_type, int sleep_sec, int sleep_nsec,
		    mach_timespec_t *wakeup_time);

/*
 * Yield to thread_name (MACH_PORT_NULL: to any thread); option is one of
 * SWITCH_OPTION_*, option_time in milliseconds.
 */
kern_return_t	thread_switch(mach_port_name_t thread_name, int option,
		    mach_msg_timeout_t option_time);

/* yield, depressing our priority; TRUE if other threads may be runnable */
boolean_t	swtch_pri(int pri);

/* yield; TRUE if other threads may be runnable */
boolean_t	swtch(void);

/*
 * The semaphore traps behind <mach/semaphore.h>'s calls (each call is its
 * trap; names are send rights to semaphores): XNU's names and arguments.
 */
kern_return_t	semaphore_signal_trap(mach_port_name_t signal_name);
kern_return_t	semaphore_signal_all_trap(mach_port_name_t signal_name);
kern_return_t	semaphore_signal_thread_trap(mach_port_name_t signal_name,
		    mach_port_name_t thread_name);
kern_return_t	semaphore_wait_trap(mach_port_name_t wait_name);
kern_return_t	semaphore_wait_signal_trap(mach_port_name_t wait_name,
		    mach_port_name_t signal_name);
kern_return_t	semaphore_timedwait_trap(mach_port_name_t wait_name,
		    unsigned int sec, clock_res_t nsec);
kern_return_t	semaphore_timedwait_signal_trap(mach_port_name_t wait_name,
		    mach_port_name_t signal_name, unsigned int sec,
		    clock_res_t nsec);

#endif /* _MACH_MACH_TRAPS_H_ */
