/*
 * <machine/pte.h> - Sv39 page-table entry bits.  arch/riscv/ only.
 */
#ifndef MACHINE_PTE_H
#define MACHINE_PTE_H

#define PTE_V	(1ul << 0)
#define PTE_R	(1ul << 1)
#define PTE_W	(1ul << 2)
#define PTE_X	(1ul << 3)
#define PTE_U	(1ul << 4)
#define PTE_G	(1ul << 5)
#define PTE_A	(1ul << 6)
#define PTE_D	(1ul << 7)
#define PTE_PPN_SHIFT	10

#define PTE_PPN_MASK	(((1ul << 44) - 1) << PTE_PPN_SHIFT)
#define PTE_LEAF_MASK	(PTE_R | PTE_W | PTE_X)
#define PTE_KERN	(PTE_V | PTE_G | PTE_A | PTE_D)

#define PTE_FROM_PA(pa)	(((pa) >> 12) << PTE_PPN_SHIFT)
#define PTE_TO_PA(pte)	(((pte) >> PTE_PPN_SHIFT) << 12)

/* index of va in the page table at level (2: 1 GiB, 1: 2 MiB, 0: 4 KiB) */
#define PT_INDEX(va, level)	(((va) >> (12 + 9 * (level))) & 511)
#define PT_ENTRIES	512

#endif /* MACHINE_PTE_H */
