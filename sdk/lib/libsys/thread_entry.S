/*
 * sdk/lib/libsys/thread_entry.S - first instructions of a thread made by
 * rvmach_thread_start (thread.c): a0 = sp = its struct thread_start.
 * Sets gp and tp, calls fn(arg), and ends the thread when fn returns.
 */
#include <mach/syscall_sw.h>

	.section .text.__rvmach_thread_entry, "ax", @progbits
	.globl	__rvmach_thread_entry
	.type	__rvmach_thread_entry, @function
__rvmach_thread_entry:
	.option push
	.option norelax
	lla	gp, __global_pointer$
	.option pop
	ld	tp, 16(a0)		/* ts->tls */
	ld	t0, 0(a0)		/* ts->fn */
	ld	a0, 8(a0)		/* ts->arg */
	jalr	t0
	li	a7, RVMACH_TRAP_thread_exit
1:	ecall
	j	1b
	.size	__rvmach_thread_entry, . - __rvmach_thread_entry
