/*
 * <machine/thread.h> - what a thread keeps of the machine across a switch.
 */
#ifndef MACHINE_THREAD_H
#define MACHINE_THREAD_H

#include "kernel/lib/types.h"

/* callee-saved registers: what a call to machine_switch_context preserves */
struct machine_context {
	uint64_t ra;
	uint64_t sp;
	uint64_t s[12];			/* s0..s11 */
};

/*
 * machine_switch_context - save the caller's registers in *from, resume
 * the context in *to.  When *from is resumed later, the call returns the
 * prev argument its resumer passed: the thread that ran before it.
 * Interrupts off; the kernel stack of *to must not be in use elsewhere.
 */
void *machine_switch_context(struct machine_context *from,
    struct machine_context *to, void *prev);

/*
 * machine_context_init - a context that, when first switched to, calls
 * start(prev, arg) on the stack whose top is sp; start must not return.
 */
void machine_context_init(struct machine_context *ctx, vaddr_t sp,
    void (*start)(void *prev, void *arg), void *arg);

#endif /* MACHINE_THREAD_H */
