/*
 * arch/riscv/copy.S - byte copies between kernel and user memory that a
 * page fault can end.
 *
 * riscv_copy_user(dst, src, len) copies with sstatus.SUM set (the caller
 * set thread->mt.onfault to riscv_copy_fault first).  A fault the VM
 * cannot resolve resumes at riscv_copy_fault, which returns -1; success
 * returns 0.  riscv_copy_str(dst, src, max) copies up to and including a
 * NUL: the length copied (NUL included), 0 if none within max, -1 on a
 * fault.
 */
	.section .text, "ax"

	.globl riscv_copy_user
	.balign 4
riscv_copy_user:
	beqz	a2, 2f
	or	t0, a0, a1
	or	t0, t0, a2
	andi	t0, t0, 7
	bnez	t0, 1f
	/* all 8-byte aligned: words */
3:	ld	t1, 0(a1)
	sd	t1, 0(a0)
	addi	a0, a0, 8
	addi	a1, a1, 8
	addi	a2, a2, -8
	bnez	a2, 3b
	j	2f
1:	lbu	t1, 0(a1)
	sb	t1, 0(a0)
	addi	a0, a0, 1
	addi	a1, a1, 1
	addi	a2, a2, -1
	bnez	a2, 1b
2:	li	a0, 0
	ret

	.globl riscv_copy_str
	.balign 4
riscv_copy_str:
	li	t2, 0
1:	beq	t2, a2, 2f
	add	t0, a1, t2
	lbu	t1, 0(t0)
	add	t0, a0, t2
	sb	t1, 0(t0)
	addi	t2, t2, 1
	bnez	t1, 1b
	mv	a0, t2
	ret
2:	li	a0, 0
	ret

	.globl riscv_copy_fault
	.balign 4
riscv_copy_fault:
	li	a0, -1
	ret
