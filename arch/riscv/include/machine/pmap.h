/*
 * <machine/pmap.h> - the physical map: page tables as machine-independent
 * code sees them.  Kernel mappings (4 KiB pages in the kernel half, shared
 * by every hart) for now.
 */
#ifndef MACHINE_PMAP_H
#define MACHINE_PMAP_H

#include <mach/vm_prot.h>
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

/*
 * User pmaps: one per task, Sv39 tables whose kernel half is shared.
 * pmap_enter/remove/protect shoot the change down on every hart that may
 * hold it before returning, so they are called with interrupts on and no
 * spinlock held.  -1 from pmap_enter: no memory for a table page.
 */
typedef struct pmap *pmap_t;

pmap_t pmap_create(void);			/* NULL: no memory */
void pmap_destroy(pmap_t p);			/* active nowhere any more */
int pmap_enter(pmap_t p, vaddr_t va, paddr_t pa, vm_prot_t prot);
void pmap_remove(pmap_t p, vaddr_t start, vaddr_t end);
void pmap_protect(pmap_t p, vaddr_t start, vaddr_t end, vm_prot_t prot);
paddr_t pmap_extract(pmap_t p, vaddr_t va);	/* 0 if unmapped */
vm_prot_t pmap_extract_prot(pmap_t p, vaddr_t va);
/* this hart runs p from now on (NULL: the kernel's table); interrupts off */
void pmap_activate(pmap_t p);
uint32_t pmap_asid_bits(void);			/* 0: the harts have no ASIDs */
/*
 * pmap_user_access - tests only: plain loads from user addresses of the
 * running pmap work from the kernel (sstatus.SUM) until turned off.  A
 * fault there is a kernel fault; copyin/copyout are the real interface.
 */
void pmap_user_access(bool on);
/* tests: use only ASIDs 1..max (0: all of them), to make generations roll over */
void pmap_asid_test_limit(uint32_t max);

struct pmap_stats {
	uint64_t resident;		/* pages mapped */
	uint64_t pt_pages;		/* table pages, the root included */
};
void pmap_get_stats(pmap_t p, struct pmap_stats *st);

struct pmap_global_stats {
	uint64_t pmaps;			/* user pmaps alive */
	uint64_t pt_pages;		/* their table pages */
	uint32_t asid_bits;
	uint64_t asid_generation;
};
void pmap_get_global_stats(struct pmap_global_stats *st);

#endif /* MACHINE_PMAP_H */
