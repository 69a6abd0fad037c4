/*
 * <machine/pmap.h> - the physical map: page tables as machine-independent
 * code sees them.  Kernel mappings (4 KiB pages in the kernel half, shared
 * by every hart) for now.
 */
#ifndef MACHINE_PMAP_H
#define MACHINE_PMAP_H

#include "kernel/lib/types.h"

#define KMAP_R	0x1
#define KMAP_W	0x2
#define KMAP_X	0x4

int pmap_kenter(vaddr_t va, paddr_t pa, unsigned prot);	/* 0, or -1: no memory */
void pmap_kremove(vaddr_t va);
void pmap_kremove_range(vaddr_t va, unsigned npages);	/* one shootdown */
bool pmap_kernel_mapped(vaddr_t va);
paddr_t pmap_kextract(vaddr_t va);			/* 0 if unmapped */
unsigned pmap_kprot(vaddr_t va);			/* KMAP_* bits, 0 if unmapped */
uint64_t pmap_kernel_pt_pages(void);	/* table pages taken since boot, kept */

#endif /* MACHINE_PMAP_H */
