/*
 * arch/riscv/early.c - the boot page table, built with the MMU off.
 *
 * Runs at the physical load address before anything is relocated: only
 * PC-relative references (this file is built with -fno-jump-tables and
 * touches no pointer stored in data).  It maps
 *   - the gigabyte holding the image 1:1, for the instant satp is written;
 *   - KERNEL_VBASE onto the image in 2 MiB pages;
 *   - the gigabytes holding the image and the DTB into the direct map,
 * which is all boot_main needs until pmap_bootstrap builds the real table.
 */
#include "kernel/lib/types.h"
#include <machine/csr.h>
#include <machine/pte.h>
#include <machine/vmparam.h>

extern char _start[], _end[];

uint64_t boot_pt_l2[PT_ENTRIES] __aligned(4096) __section(".bss.pgtable");
static uint64_t boot_pt_l1[PT_ENTRIES] __aligned(4096) __section(".bss.pgtable");

uint64_t boot_early_map(paddr_t load, paddr_t dtb);

static inline uint32_t
be32_early(const volatile uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
}

static inline void
map_physmap_gig(uint64_t *l2, paddr_t pa)
{
	uint64_t gig = pa >> 30;

	if (gig < (PHYSMAP_SIZE >> 30))
		l2[PT_INDEX(PHYSMAP_BASE, 2) + gig] = PTE_FROM_PA(gig << 30) |
		    PTE_KERN | PTE_R | PTE_W;
}

uint64_t
boot_early_map(paddr_t load, paddr_t dtb)
{
	uint64_t *l2 = boot_pt_l2, *l1 = boot_pt_l1;
	uint64_t size = (uint64_t)(_end - _start);
	uint64_t i;

	l2[PT_INDEX(load, 2)] = PTE_FROM_PA(ROUNDDOWN(load, GiB(1))) |
	    PTE_V | PTE_A | PTE_D | PTE_R | PTE_W | PTE_X;

	l2[PT_INDEX(KERNEL_VBASE, 2)] = PTE_FROM_PA((paddr_t)l1) | PTE_V;
	for (i = 0; i * MiB(2) < size; i++)
		l1[PT_INDEX(KERNEL_VBASE, 1) + i] = PTE_FROM_PA(load + i * MiB(2)) |
		    PTE_KERN | PTE_R | PTE_W | PTE_X;

	map_physmap_gig(l2, load);
	map_physmap_gig(l2, load + size);
	if (dtb != 0) {
		map_physmap_gig(l2, dtb);
		map_physmap_gig(l2, dtb + be32_early((const uint8_t *)dtb + 4));
	}
	return SATP_MODE_SV39 | ((paddr_t)l2 >> 12);
}
