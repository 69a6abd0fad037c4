/*
 * test/host/include/machine/vmparam.h - host stand-in for <machine/vmparam.h>.
 *
 * The "direct map" is the identity: a host test hands the page allocator
 * ranges of a malloc'ed buffer as physical memory and uses them in place.
 */
#ifndef MACHINE_VMPARAM_H
#define MACHINE_VMPARAM_H

#include "kernel/lib/types.h"

static inline void *
phys_to_kva(paddr_t pa)
{
	return (void *)(uintptr_t)pa;
}

static inline paddr_t
kva_to_phys(const void *va)
{
	return (paddr_t)(uintptr_t)va;
}

#endif /* MACHINE_VMPARAM_H */
