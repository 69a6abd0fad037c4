/*
 * <machine/thread.h> - what a thread keeps of the machine across a switch.
 */
#ifndef MACHINE_THREAD_H
#define MACHINE_THREAD_H

#include <machine/trap.h>
#include "kernel/lib/types.h"

/*
 * A switched-out thread: where it resumes, its stack and frame pointers.
 * The switch is an inline asm that tells the compiler every other register
 * is clobbered, so the function doing the switch saves (in its prologue)
 * only the callee-saved registers it really uses, and the switch itself
 * moves three.  start/arg: the first switch into a new thread.
 */
struct machine_context {
	uint64_t pc;			/* 0 */
	uint64_t sp;			/* 8 */
	uint64_t fp;			/* 16: s0 */
	uint64_t start;			/* 24: new thread: start(prev, arg) */
	uint64_t arg;			/* 32 */
};

struct trapframe;
struct pmap;

/* a user thread's floating-point registers (RISCV_FLOAT_STATE) */
struct machine_fpu {
	uint64_t f[32];
	uint64_t fcsr;
};

/*
 * What a thread has of the machine beyond its kernel context.  A kernel
 * thread has no pmap and no user frame.  A user thread's registers, saved
 * at every trap from user mode, sit in the frame at the top of its kernel
 * stack; its FP registers are saved into fpu when it leaves a hart with
 * them dirty, and loaded again on its way back to user mode (sstatus.FS:
 * Off until its first FP instruction, which traps and turns it on).
 *
 * Locks:
 *	o	only the thread itself (or its creator, before it runs)
 */
struct machine_thread {
	struct trapframe *uframe;	/* [o] user registers; NULL: kernel thread */
	struct pmap *pmap;		/* [o] run with this pmap; NULL: kernel's */
	vaddr_t	onfault;		/* [o] copyin/copyout recovery pc, or 0 */
	struct machine_fpu fpu;		/* [o] */
};

/*
 * machine_thread_user_init - make mt a user thread's: its user frame at
 * the top of the kernel stack (zeroed: pc 0, user mode, interrupts on, FP
 * off).  Returns the stack top its kernel context starts from, below it.
 */
vaddr_t machine_thread_user_init(struct machine_thread *mt, vaddr_t kstack_top);

/*
 * machine_thread_switch - the machine's part of a switch from one thread
 * to another on this hart: the next thread's pmap, the previous one's
 * dirty FP registers.  Interrupts off.
 */
void machine_thread_switch_slow(struct machine_thread *from,
    struct machine_thread *to);

static __always_inline void
machine_thread_switch(struct machine_thread *from, struct machine_thread *to)
{
	/* satp always holds the running thread's pmap (NULL: the kernel's) */
	if (__builtin_expect((from->uframe != NULL) | (from->pmap != to->pmap), 0))
		machine_thread_switch_slow(from, to);
}

/*
 * machine_switch_context - save the caller's context in *from, resume the
 * one in *to.  When *from is resumed later, the call returns the prev
 * argument its resumer passed: the thread that ran before it.  Interrupts
 * off; the kernel stack of *to must not be in use elsewhere.
 */
static inline void *
machine_switch_context(struct machine_context *from,
    struct machine_context *to, void *prev)
{
	register void *a0 __asm__("a0") = prev;
	register struct machine_context *a1 __asm__("a1") = from;
	register struct machine_context *a2 __asm__("a2") = to;

	__asm__ volatile(
	    "lla	t0, 1f\n\t"
	    "sd	t0, 0(a1)\n\t"
	    "sd	sp, 8(a1)\n\t"
	    "sd	s0, 16(a1)\n\t"
	    "ld	t0, 0(a2)\n\t"
	    "ld	sp, 8(a2)\n\t"
	    "ld	s0, 16(a2)\n\t"
	    "jr	t0\n"
	    "1:"
	    : "+r"(a0), "+r"(a1), "+r"(a2)
	    :
	    : "ra", "t0", "t1", "t2", "t3", "t4", "t5", "t6",
	      "a3", "a4", "a5", "a6", "a7",
	      "s1", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10", "s11",
	      "memory");
	return a0;
}

/*
 * machine_switch_context_user - save the caller's context in *from, like
 * machine_switch_context, but instead of resuming a saved kernel context
 * send the thread this hart now runs (whose user frame is tf, whose
 * address space is active) back to user mode from tf alone: its kernel
 * stack starts again below tf, where tail(prev) ends the switch, and
 * machine_user_return_direct returns to user mode.  The kernel context
 * that thread left when it blocked is dropped, never resumed: nothing on
 * that stack may still be needed.  Interrupts off; returns as
 * machine_switch_context does, when *from is resumed.
 */
void machine_user_return_direct(void *prev, struct trapframe *tf,
    void (*tail)(void *prev)) __noreturn;

static inline void *
machine_switch_context_user(struct machine_context *from,
    struct trapframe *tf, void *prev, void (*tail)(void *prev))
{
	register void *a0 __asm__("a0") = prev;
	register struct machine_context *a1 __asm__("a1") = from;
	register struct trapframe *a2 __asm__("a2") = tf;
	register void (*a3)(void *) __asm__("a3") = tail;

	__asm__ volatile(
	    "lla	t0, 1f\n\t"
	    "sd	t0, 0(a1)\n\t"
	    "sd	sp, 8(a1)\n\t"
	    "sd	s0, 16(a1)\n\t"
	    "andi	sp, a2, -16\n\t"
	    "mv	s0, zero\n\t"
	    "mv	a1, a2\n\t"
	    "mv	a2, a3\n\t"
	    "call	machine_user_return_direct\n"
	    "1:"
	    : "+r"(a0), "+r"(a1), "+r"(a2), "+r"(a3)
	    :
	    : "ra", "t0", "t1", "t2", "t3", "t4", "t5", "t6",
	      "a4", "a5", "a6", "a7",
	      "s1", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10", "s11",
	      "memory");
	return a0;
}

/* the value a system call returns, in the user frame of mt (a0) */
static inline void
machine_syscall_set_result(struct machine_thread *mt, uint64_t value)
{
	mt->uframe->regs[TF_A0] = value;
}

/*
 * machine_context_init - a context that, when first switched to, calls
 * start(prev, arg) on the stack whose top is sp; start must not return.
 */
void machine_context_init(struct machine_context *ctx, vaddr_t sp,
    void (*start)(void *prev, void *arg), void *arg);

#endif /* MACHINE_THREAD_H */
