/*
 * kernel/vm/vm_phys.h - physical memory ranges, as the machine layer hands
 * them to the page allocator.
 */
#ifndef KERNEL_VM_VM_PHYS_H
#define KERNEL_VM_VM_PHYS_H

#include "kernel/lib/types.h"

#define VM_PHYS_MAX_RANGES	32	/* ranges the page allocator takes */

struct mem_range {
	paddr_t	base;
	uint64_t size;
};

#endif /* KERNEL_VM_VM_PHYS_H */
