/*
 * arch/riscv/trap.S - trap entry and exit.
 *
 * sscratch is 0 while the hart runs in the kernel and holds its struct
 * cpu while it runs user code.  Entry saves every register into a trap
 * frame (on the kernel stack, or from user mode the thread's user frame)
 * and calls trap_kernel() or trap_user();
 * all decisions are made in C.  If the frame would land in the unmapped
 * lower half of the stack's slot (the guard), the hart switches to its
 * overflow stack and reports the overflow instead of faulting forever.
 */
#include <machine/csr.h>
#include <machine/trap.h>
#include <machine/vmparam.h>

	.section .text, "ax"
	.globl trap_vector
	.balign 4
trap_vector:
	csrrw	tp, sscratch, tp
	bnez	tp, trap_from_user
	csrrw	tp, sscratch, zero	/* from the kernel: tp was already ours */

	sd	t0, CPU_TRAP_SCRATCH(tp)
	addi	t0, sp, -TF_SIZE
	srli	t0, t0, KSTACK_SHIFT
	andi	t0, t0, 1
	beqz	t0, kstack_overflow
	ld	t0, CPU_TRAP_SCRATCH(tp)

	addi	sp, sp, -TF_SIZE
	.irp	r, 1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
	sd	x\r, \r*8(sp)
	.endr
	addi	t0, sp, TF_SIZE
	sd	t0, 2*8(sp)
	csrr	t0, sepc
	sd	t0, TF_SEPC(sp)
	csrr	t0, sstatus
	sd	t0, TF_SSTATUS(sp)
	csrr	t0, scause
	sd	t0, TF_SCAUSE(sp)
	csrr	t0, stval
	sd	t0, TF_STVAL(sp)

	mv	a0, sp
	mv	s0, zero		/* backtraces stop at the trap */
	call	trap_kernel

	.globl trap_return
trap_return:
	ld	t0, TF_SEPC(sp)
	csrw	sepc, t0
	ld	t0, TF_SSTATUS(sp)
	csrw	sstatus, t0
	ld	x1, 1*8(sp)
	ld	x3, 3*8(sp)
	/* x4 (tp) stays: it is this hart's, whatever the frame says */
	.irp	r, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 2
	ld	x\r, \r*8(sp)
	.endr
	sret

/*
 * From user mode: tp holds this hart's struct cpu (sscratch had it) and
 * sscratch the user's tp.  The frame is the one at the top of the
 * thread's kernel stack (thread->mt.uframe); the kernel stack runs below.
 */
trap_from_user:
	sd	t0, CPU_TRAP_SCRATCH(tp)
	csrr	t0, scause
	addi	t0, t0, -CAUSE_ECALL_U
	beqz	t0, syscall_fast
trap_from_user_full:
	ld	t0, CPU_THREAD(tp)
	ld	t0, THREAD_UFRAME(t0)
	sd	sp, 2*8(t0)
	mv	sp, t0
	ld	t0, CPU_TRAP_SCRATCH(tp)
	.irp	r, 1, 3, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
	sd	x\r, \r*8(sp)
	.endr
	csrrw	t0, sscratch, zero	/* the user's tp; 0: in the kernel now */
	sd	t0, 4*8(sp)
	csrr	t0, sepc
	sd	t0, TF_SEPC(sp)
	csrr	t0, sstatus
	sd	t0, TF_SSTATUS(sp)
	csrr	t0, scause
	sd	t0, TF_SCAUSE(sp)
	csrr	t0, stval
	sd	t0, TF_STVAL(sp)
	mv	a0, sp
	mv	s0, zero
	call	trap_user
	mv	a0, sp
	/* fall through */

/*
 * machine_user_return(frame) - to user mode with the registers in frame
 * (a user thread's own, at the top of its kernel stack), interrupts off.
 * Also how a new user thread first enters user mode.
 */
	.globl machine_user_return
machine_user_return:
	mv	sp, a0
	ld	t0, TF_SEPC(sp)
	csrw	sepc, t0
	ld	t0, TF_SSTATUS(sp)
	csrw	sstatus, t0
	csrw	sscratch, tp		/* this hart's cpu, for the next entry */
	.irp	r, 1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 2
	ld	x\r, \r*8(sp)
	.endr
	sret

/*
 * A system call (ecall from user mode).  Every register goes into the
 * frame (not scause or stval), so the frame always holds the state the
 * thread resumes with: what thread_get_state reads of a thread that
 * waits in a call, and what a thread blocked in one may be sent back to
 * user mode with, from its frame alone (machine_switch_context_user,
 * docs/ipc.md "Direct delivery").  The trap number in a7 picks the
 * handler from the table the task layer registered, called with the
 * argument registers' address, interrupts on.  If the thread has no AST
 * and was not switched in during the call, it returns straight to user
 * mode, loading only the registers a C function may change (s0-s11 are
 * still the user's); one load reads thread.ast and thread.switched_in.
 * A thread that left the hart meanwhile (it slept, or an RPC handed the
 * hart over) first has trap_syscall_switched check that no AST or
 * reschedule came up and load its FP registers if this hart does not
 * hold them.  Otherwise the full return path runs (rescheduling, ASTs,
 * FP registers) and every register comes from the frame: what
 * thread_set_state wrote (AST_UFRAME) takes effect.
 */
syscall_fast:
	ld	t0, CPU_THREAD(tp)
	ld	t0, THREAD_UFRAME(t0)
	sd	sp, 2*8(t0)
	mv	sp, t0
	ld	t0, CPU_TRAP_SCRATCH(tp)
	.irp	r, 1, 3, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
	sd	x\r, \r*8(sp)
	.endr
	csrrw	t0, sscratch, zero	/* the user's tp; 0: in the kernel now */
	sd	t0, 4*8(sp)
	csrr	t0, sepc
	addi	t0, t0, 4		/* return past the ecall */
	sd	t0, TF_SEPC(sp)
	csrr	t0, sstatus
	sd	t0, TF_SSTATUS(sp)
	/* the handler: usertrap_table[-a7], or kern_invalid */
	neg	t0, a7
	li	t1, TRAP_TABLE_SIZE
	bgeu	t0, t1, 1f
	slli	t0, t0, 3
	ld	t1, usertrap_table
	add	t0, t0, t1
	ld	t1, 0(t0)
	bnez	t1, 2f
1:	la	t1, usertrap_invalid
2:	addi	a0, sp, 10*8		/* a0..a6 as an array */
	csrsi	sstatus, 2		/* SIE */
	jalr	t1
	csrci	sstatus, 2
	sd	a0, 10*8(sp)
	ld	t1, CPU_THREAD(tp)
	ld	t0, THREAD_AST(t1)	/* ast, and switched_in above it */
	bnez	t0, syscall_more
syscall_exit:
	ld	t0, TF_SEPC(sp)
	csrw	sepc, t0
	ld	t0, TF_SSTATUS(sp)
	csrw	sstatus, t0
	csrw	sscratch, tp
	.irp	r, 1, 3, 4, 5, 6, 7, 10, 11, 12, 13, 14, 15, 16, 17, 28, 29, 30, 31, 2
	ld	x\r, \r*8(sp)
	.endr
	sret

/*
 * An AST, or the thread left the hart during the call: with no AST and
 * no reschedule pending, only its FP registers may need loading, and it
 * still returns the short way.
 */
syscall_more:
	sext.w	t0, t0			/* ast alone */
	bnez	t0, syscall_slow
	sw	zero, THREAD_SWITCHED_IN(t1)	/* interrupts stay off to sret */
	mv	a0, sp
	call	trap_syscall_switched
	beqz	a0, syscall_exit
syscall_slow:
	li	t0, CAUSE_ECALL_U
	sd	t0, TF_SCAUSE(sp)
	mv	a0, sp
	call	trap_syscall_slow
	mv	a0, sp
	j	machine_user_return

kstack_overflow:
	ld	t0, CPU_TRAP_SCRATCH(tp)
kstack_overflow_report:
	mv	a1, sp			/* the overflowing sp */
	ld	sp, CPU_OVF_STACK_TOP(tp)
	csrr	a0, sepc
	csrr	a2, stval
	mv	a3, s0			/* its frame pointer, for the backtrace */
	mv	a4, ra
	mv	s0, zero
	call	trap_kstack_overflow
1:	wfi
	j	1b
