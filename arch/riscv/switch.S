/*
 * arch/riscv/switch.S - thread context switch.
 *
 * Only the callee-saved registers move: the switch is a function call for
 * both threads.  The kernel never touches the FPU (it is built for lp64
 * without F/D and sstatus.FS stays Off), so there is no FP state to save
 * for kernel threads; any FP instruction in the kernel traps.
 */
	.section .text, "ax"

	/* a0 = from, a1 = to, a2 = prev (returned in the resumed context) */
	.globl machine_switch_context
	.balign 4
machine_switch_context:
	sd	ra, 0(a0)
	sd	sp, 8(a0)
	sd	s0, 16(a0)
	sd	s1, 24(a0)
	sd	s2, 32(a0)
	sd	s3, 40(a0)
	sd	s4, 48(a0)
	sd	s5, 56(a0)
	sd	s6, 64(a0)
	sd	s7, 72(a0)
	sd	s8, 80(a0)
	sd	s9, 88(a0)
	sd	s10, 96(a0)
	sd	s11, 104(a0)
	ld	ra, 0(a1)
	ld	sp, 8(a1)
	ld	s0, 16(a1)
	ld	s1, 24(a1)
	ld	s2, 32(a1)
	ld	s3, 40(a1)
	ld	s4, 48(a1)
	ld	s5, 56(a1)
	ld	s6, 64(a1)
	ld	s7, 72(a1)
	ld	s8, 80(a1)
	ld	s9, 88(a1)
	ld	s10, 96(a1)
	ld	s11, 104(a1)
	mv	a0, a2
	ret

	/* first switch into a new thread: s1 = start, s2 = arg, a0 = prev */
	.globl machine_thread_trampoline
	.balign 4
machine_thread_trampoline:
	mv	a1, s2
	mv	s0, zero		/* backtraces end here */
	jalr	s1
1:	wfi
	j	1b
