/*
 * <mach/rvmach_debug.h> - rvmach's test and debug traps (user side).
 *
 * Stand-ins until the BSD layer exists: console output without a console
 * server, task exit without a proc, and a thread of the caller's own task
 * in one trap (thread_create over any task port is in <mach/task.h>).
 * Numbers -101..-105 in <mach/syscall_sw.h>; docs/abi.md.
 */
#ifndef _MACH_RVMACH_DEBUG_H_
#define _MACH_RVMACH_DEBUG_H_

#include <stddef.h>
#include <stdint.h>

#include <mach/kern_return.h>

/* returns KERN_SUCCESS and does nothing: the cost of a trap */
kern_return_t	rvmach_null_trap(void);

/*
 * Write len bytes at buf to the kernel console.  KERN_INVALID_ADDRESS,
 * writing nothing, if any byte of [buf, buf + len) is not readable user
 * memory.
 */
kern_return_t	rvmach_console_write(const char *buf, size_t len);

/* end the calling task (every thread) with status */
__attribute__((noreturn)) void rvmach_task_exit(int status);

/*
 * A new thread in the calling task, entered at pc with sp and a0 = arg;
 * every other register is zero (gp and tp too: see rvmach_thread_start).
 */
kern_return_t	rvmach_thread_create(uintptr_t pc, uintptr_t sp, uintptr_t arg);

/* end the calling thread; the last thread's exit ends the task, status 0 */
__attribute__((noreturn)) void rvmach_thread_exit(void);

/*
 * Not a trap: run fn(arg) in a new thread on [stack, stack + size), which
 * the caller owns until the thread has exited.  The top of the stack holds
 * the thread's TLS block (picolibc's errno is thread-local); gp and tp are
 * set before fn runs, and returning from fn ends the thread.
 * KERN_INVALID_ARGUMENT if the stack cannot hold the TLS block and a
 * minimal frame (use at least 4 KiB).
 */
kern_return_t	rvmach_thread_start(void (*fn)(void *), void *arg,
		    void *stack, size_t size);

#endif /* _MACH_RVMACH_DEBUG_H_ */
