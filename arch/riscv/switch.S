/*
 * arch/riscv/switch.S - the first switch into a new thread.
 *
 * The switch itself is an inline asm (machine_switch_context in
 * <machine/thread.h>): it saves pc, sp and s0 and jumps to the saved pc of
 * the next context with a0 = prev and a2 = that context.  For a new thread
 * the saved pc is this trampoline.  The kernel never touches the FPU (it
 * is built for lp64 without F/D and sstatus.FS stays Off), so there is no
 * FP state to save for kernel threads; any FP instruction in the kernel
 * traps.
 */
	.section .text, "ax"

	/* a0 = prev, a2 = the new thread's struct machine_context */
	.globl machine_thread_trampoline
	.balign 4
machine_thread_trampoline:
	ld	t1, 24(a2)		/* start */
	ld	a1, 32(a2)		/* arg */
	mv	s0, zero		/* backtraces end here */
	jalr	t1
1:	wfi
	j	1b
