/*
 * arch/riscv/copy.S - copies between kernel and user memory that a page
 * fault can end: by double words (four a turn, then one) while both
 * ends are 8-byte aligned, then words while 4-byte aligned, then bytes.
 *
 * riscv_copy_user(dst, src, len, onfault) copies len > 0 bytes: it points
 * *onfault (the thread's mt.onfault) at its recovery code and sets
 * sstatus.SUM for the copy, and clears both after it.  A fault the VM
 * cannot resolve resumes at that recovery code, which clears them too and
 * returns -1; success returns 0.  riscv_put_user32(dst, value, onfault)
 * is the same for one aligned word (a name or a code a trap gives back).
 * riscv_copy_str(dst, src, max) copies up
 * to and including a NUL (the caller sets onfault to riscv_copy_fault and
 * SUM): the length copied (NUL included), 0 if none within max, -1 on a
 * fault.
 */
/* sstatus.SUM, spelled for every assembler (usermode.c checks it) */
#define COPY_SSTATUS_SUM	0x40000

	.section .text, "ax"

	.globl riscv_copy_user
	.balign 4
riscv_copy_user:
	la	t0, riscv_copy_user_fault
	sd	t0, 0(a3)
	li	t5, COPY_SSTATUS_SUM
	csrs	sstatus, t5
	or	t0, a0, a1
	andi	t1, t0, 7
	bnez	t1, 4f
	/* both 8-byte aligned: double words, four at a time, then one */
	li	t2, 32
	bltu	a2, t2, 5f
3:	ld	t1, 0(a1)
	ld	t3, 8(a1)
	ld	t4, 16(a1)
	ld	t6, 24(a1)
	sd	t1, 0(a0)
	sd	t3, 8(a0)
	sd	t4, 16(a0)
	sd	t6, 24(a0)
	addi	a0, a0, 32
	addi	a1, a1, 32
	addi	a2, a2, -32
	bgeu	a2, t2, 3b
5:	li	t2, 8
	bltu	a2, t2, 4f
8:	ld	t1, 0(a1)
	sd	t1, 0(a0)
	addi	a0, a0, 8
	addi	a1, a1, 8
	addi	a2, a2, -8
	bgeu	a2, t2, 8b
	/* both 4-byte aligned (always, after the above): words */
4:	andi	t1, t0, 3
	bnez	t1, 1f
	li	t2, 4
	bltu	a2, t2, 1f
6:	lw	t1, 0(a1)
	sw	t1, 0(a0)
	addi	a0, a0, 4
	addi	a1, a1, 4
	addi	a2, a2, -4
	bgeu	a2, t2, 6b
	/* the rest, or anything unaligned: bytes */
1:	beqz	a2, 2f
7:	lbu	t1, 0(a1)
	sb	t1, 0(a0)
	addi	a0, a0, 1
	addi	a1, a1, 1
	addi	a2, a2, -1
	bnez	a2, 7b
2:	csrc	sstatus, t5
	sd	zero, 0(a3)
	li	a0, 0
	ret

	/* a fault ended the copy: the trap gave back every register */
riscv_copy_user_fault:
	li	t5, COPY_SSTATUS_SUM
	csrc	sstatus, t5
	sd	zero, 0(a3)
	li	a0, -1
	ret

	.globl riscv_put_user32
	.balign 4
riscv_put_user32:
	la	t0, riscv_copy_user_fault
	sd	t0, 0(a2)
	mv	a3, a2			/* where the recovery code clears it */
	li	t5, COPY_SSTATUS_SUM
	csrs	sstatus, t5
	sw	a1, 0(a0)
	csrc	sstatus, t5
	sd	zero, 0(a2)
	li	a0, 0
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
