/*
 * kernel/vm/kstack.h - kernel stacks with a guard below each.
 *
 * A stack is KSTACK_SIZE bytes at the top of a KSTACK_SLOT-aligned slot
 * in the KSTACK window; the lower half of the slot is never mapped, so
 * running off the bottom faults, and trap entry recognises the overflow.
 */
#ifndef KERNEL_VM_KSTACK_H
#define KERNEL_VM_KSTACK_H

#include "kernel/lib/types.h"

/* kstack_alloc - a new stack; returns its top (initial sp), or 0 if out of memory */
vaddr_t kstack_alloc(void);
void kstack_free(vaddr_t top);
uint64_t kstack_in_use(void);

#endif /* KERNEL_VM_KSTACK_H */
