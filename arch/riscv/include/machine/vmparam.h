/*
 * <machine/vmparam.h> - the kernel's Sv39 virtual memory layout.
 *
 *   0xffffffc000000000  PHYSMAP_BASE   direct map of RAM: va = base + pa (128 GiB)
 *   0xffffffe000000000  KSTACK_BASE    kernel stacks, each under a guard (1 GiB)
 *   0xffffffe040000000  KIO_BASE       device registers (1 GiB; the top 2 MiB,
 *                                      KSCRATCH, is left to tests)
 *   0xffffffff80000000  KERNEL_VBASE   the kernel image (text, rodata, data, bss)
 */
#ifndef MACHINE_VMPARAM_H
#define MACHINE_VMPARAM_H

#ifdef __ASSEMBLER__
#define _UL(x)	x
#else
#define _UL(x)	x##ul
#endif

#define PHYSMAP_BASE	_UL(0xffffffc000000000)
#define PHYSMAP_SIZE	_UL(0x0000002000000000)
#define KSTACK_BASE	_UL(0xffffffe000000000)
#define KSTACK_AREA	_UL(0x0000000040000000)
#define KIO_BASE	_UL(0xffffffe040000000)
#define KIO_SIZE	_UL(0x0000000040000000)
#define KERNEL_VBASE	_UL(0xffffffff80000000)

/* the top 2 MiB of the KIO window: never handed out, for tests' own mappings */
#define KSCRATCH_SIZE	_UL(0x0000000000200000)
#define KSCRATCH_BASE	(KIO_BASE + KIO_SIZE - KSCRATCH_SIZE)

/*
 * Kernel stacks: KSTACK_SIZE bytes at the top of a 2*KSTACK_SIZE slot whose
 * lower half is never mapped.  Trap entry tells an overflow by one bit of sp.
 */
#define KSTACK_SHIFT	14
#define KSTACK_SIZE	(_UL(1) << KSTACK_SHIFT)	/* 16 KiB */
#define KSTACK_SLOT	(2 * KSTACK_SIZE)

#ifndef __ASSEMBLER__
#include "kernel/lib/types.h"

static inline void *
phys_to_kva(paddr_t pa)
{
	return (void *)(PHYSMAP_BASE + pa);
}

static inline paddr_t
kva_to_phys(const void *va)
{
	return (paddr_t)((vaddr_t)va - PHYSMAP_BASE);
}
#endif

#endif /* MACHINE_VMPARAM_H */
