/*
 * arch/riscv/pmap_user.c - Sv39 page tables of user tasks, ASIDs and
 * shootdowns.
 *
 * Each pmap has its own root; its upper half (indices 256..511) copies the
 * kernel root's entries, which are fixed at boot (pmap_bootstrap makes the
 * level-1 tables of every kernel window), so the kernel half is shared.
 * User leaves carry PTE_U; table pages are freed when the pmap is.
 *
 * ASIDs: if the harts implement them (the width is probed at boot), each
 * pmap gets one per generation.  When a generation runs out, the next one
 * starts and every hart flushes its whole TLB the first time it activates
 * a pmap of the new generation, so no translation of a recycled ASID
 * survives.  Without ASIDs (or on SiFive U7 cores: BOARDS.md, erratum
 * CIP-1200) every flush is a full sfence.vma.
 *
 * Shootdowns go to the harts in pmap->cpus: every hart that activated the
 * pmap since it got its ASID (it may hold translations even after
 * switching away), in one xcall_mask per operation, after the pmap lock
 * is dropped and before the call returns.
 *
 * Locks:
 *	p	pmap->lock (the tables and counters)
 *	s	asid_lock
 *	a	atomic
 *	c	constant after creation
 */
#include <machine/csr.h>
#include <machine/pmap.h>
#include <machine/pte.h>
#include <machine/vmparam.h>
#include <mach/riscv/vm_param.h>
#include "arch/riscv/riscv.h"
#include "kernel/cpu.h"
#include "kernel/ipi.h"
#include "kernel/lib/string.h"
#include "kernel/panic.h"
#include "kernel/sync/spinlock.h"
#include "kernel/vm/vm_page.h"
#include "kernel/vm/zone.h"

struct pmap {
	struct spinlock lock;
	uint64_t *root;			/* [c] */
	uint64_t pt_pages;		/* [p] table pages, root included */
	uint64_t resident;		/* [p] leaf mappings */
	uint64_t asid_gen;		/* [s, read a] generation of asid: stored
					   after asid (release) */
	uint16_t asid;			/* [s, read a] */
	cpumask_t cpus;			/* [a] harts that may hold its translations */
};

/* flushes of at most this many pages go page by page */
#define FLUSH_PAGES_MAX	32

static struct zone *pmap_zone;			/* [c] */
static struct spinlock asid_lock = SPINLOCK_INITIALIZER("asid");
static uint32_t asid_bits;			/* [c] 0: no ASIDs */
static uint64_t asid_gen = 1;			/* [s, read a] */
static uint32_t asid_next = 1;			/* [s] 0 is the kernel's */
static uint32_t asid_test_max;			/* [s] tests: fewer ASIDs (0: all) */
static uint64_t cpu_asid_gen[MAX_CPUS];		/* [o] gen this hart flushed for */
static bool tlb_full_flush;			/* [c] no ASIDs, or U7 erratum */
static uint64_t pmaps_alive;			/* [a] */
static uint64_t user_pt_pages;			/* [a] over all pmaps */

/*
 * pmap_user_bootstrap - probe the ASID width (write all ones to satp.ASID
 * and read back what sticks) and make the pmap zone.  Boot hart, kernel
 * table live, before any user pmap.
 */
void
pmap_user_bootstrap(bool sifive_u7)
{
	uint64_t satp = pmap_kernel_satp();
	uint64_t got;

	csr_write(satp, satp | (0xfffful << 44));
	got = csr_read(satp);
	csr_write(satp, satp);
	__asm__ volatile("sfence.vma" ::: "memory");
	got = (got >> 44) & 0xffff;
	while (got & 1) {
		asid_bits++;
		got >>= 1;
	}
	tlb_full_flush = asid_bits == 0 || sifive_u7;
	pmap_zone = zone_create("pmap", sizeof(struct pmap), 0);
	if (pmap_zone == NULL)
		panic("pmap_user_bootstrap: no memory for the pmap zone");
}

uint32_t
pmap_asid_bits(void)
{
	return asid_bits;
}

static uint64_t *
pt_alloc(struct pmap *p)
{
	void *pg = kpage_alloc();

	if (pg == NULL)
		return NULL;
	p->pt_pages++;
	__atomic_fetch_add(&user_pt_pages, 1, __ATOMIC_RELAXED);
	return pg;
}

static void
pt_free(struct pmap *p, uint64_t *pt)
{
	kpage_free(pt);
	p->pt_pages--;
	__atomic_fetch_sub(&user_pt_pages, 1, __ATOMIC_RELAXED);
}

pmap_t
pmap_create(void)
{
	struct pmap *p = zalloc_flags(pmap_zone, Z_ZERO);

	if (p == NULL)
		return NULL;
	spinlock_init(&p->lock, "pmap");
	p->root = pt_alloc(p);
	if (p->root == NULL) {
		zfree(pmap_zone, p);
		return NULL;
	}
	memcpy(&p->root[256], &pmap_kernel_root()[256], 256 * sizeof(uint64_t));
	__atomic_fetch_add(&pmaps_alive, 1, __ATOMIC_RELAXED);
	return p;
}

/* free the user tables below pt (level l); leaves were removed already */
static void
pt_free_tree(struct pmap *p, uint64_t *pt, int level)
{
	for (int i = 0; i < (level == 2 ? 256 : 512); i++) {
		uint64_t e = pt[i];

		if (!(e & PTE_V) || (e & PTE_LEAF_MASK))
			continue;
		if (level > 1)
			pt_free_tree(p, phys_to_kva(PTE_TO_PA(e)), level - 1);
		else
			pt_free(p, phys_to_kva(PTE_TO_PA(e)));
	}
	if (level < 2)
		pt_free(p, pt);
}

/*
 * pmap_destroy - free p and all its tables.  No hart may run it any more
 * (every thread of its task has switched away); its mappings may still be
 * there, and go with the tables: the pages are the VM's to free.
 */
void
pmap_destroy(pmap_t p)
{
	if (p == NULL)
		return;
	pt_free_tree(p, p->root, 2);
	pt_free(p, p->root);
	KASSERT(p->pt_pages == 0);
	__atomic_fetch_sub(&pmaps_alive, 1, __ATOMIC_RELAXED);
	zfree(pmap_zone, p);
}

/* the level-0 PTE for va, making tables if alloc; NULL if none (or no memory) */
static uint64_t *
pte_find(struct pmap *p, vaddr_t va, bool alloc)
{
	uint64_t *pt = p->root;

	for (int l = 2; l > 0; l--) {
		uint64_t *e = &pt[PT_INDEX(va, l)];

		if (!(*e & PTE_V)) {
			uint64_t *n;

			if (!alloc || (n = pt_alloc(p)) == NULL)
				return NULL;
			*e = PTE_FROM_PA(kva_to_phys(n)) | PTE_V;
		}
		pt = phys_to_kva(PTE_TO_PA(*e));
	}
	return &pt[PT_INDEX(va, 0)];
}

static uint64_t
user_pte_bits(vm_prot_t prot)
{
	uint64_t b = PTE_V | PTE_U | PTE_A;

	if (prot & VM_PROT_READ)
		b |= PTE_R;
	if (prot & VM_PROT_WRITE)
		b |= PTE_R | PTE_W | PTE_D;
	if (prot & VM_PROT_EXECUTE)
		b |= PTE_X;
	return b;
}

/* --- shootdowns --- */

struct flush_req {
	uint64_t root_ppn;		/* the pmap's root, as satp holds it */
	uint16_t asid;
	vaddr_t	start;
	uint64_t npages;		/* 0: the whole ASID */
};

static void
tlb_flush_asid_local(void *arg)
{
	const struct flush_req *r = arg;
	uint64_t satp = csr_read(satp), asid = r->asid;

	/*
	 * a hart still running the pmap under the ASID of an older
	 * generation holds its entries under that one
	 */
	if ((satp & SATP_PPN_MASK) == r->root_ppn)
		asid = (satp >> 44) & 0xffff;
	if (tlb_full_flush) {
		__asm__ volatile("sfence.vma" ::: "memory");
		return;
	}
	if (r->npages == 0 || r->npages > FLUSH_PAGES_MAX) {
		__asm__ volatile("sfence.vma zero, %0" : : "r"(asid) : "memory");
		return;
	}
	for (uint64_t i = 0; i < r->npages; i++)
		__asm__ volatile("sfence.vma %0, %1" : :
		    "r"(r->start + i * PAGE_SIZE), "r"(asid)
		    : "memory");
}

/* after the PTEs changed: flush [start, start + npages) on p's harts */
static void
pmap_shootdown(struct pmap *p, vaddr_t start, uint64_t npages)
{
	struct flush_req r;
	cpumask_t targets;

	/* the PTE stores before the look at who may cache them (activate: the reverse) */
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	targets = __atomic_load_n(&p->cpus, __ATOMIC_ACQUIRE);
	if (targets == 0)
		return;
	spin_lock(&asid_lock);
	r.asid = p->asid;
	spin_unlock(&asid_lock);
	r.root_ppn = kva_to_phys(p->root) >> 12;
	r.start = start;
	r.npages = npages;
	xcall_mask(targets, tlb_flush_asid_local, &r);
}

/* --- mappings --- */

int
pmap_enter(pmap_t p, vaddr_t va, paddr_t pa, vm_prot_t prot)
{
	uint64_t *pte, old;

	KASSERT(va < VM_MAX_ADDRESS && IS_ALIGNED(va, PAGE_SIZE));
	spin_lock(&p->lock);
	pte = pte_find(p, va, true);
	if (pte == NULL) {
		spin_unlock(&p->lock);
		return -1;
	}
	old = *pte;
	*pte = PTE_FROM_PA(pa) | user_pte_bits(prot);
	if (!(old & PTE_V))
		p->resident++;
	spin_unlock(&p->lock);
	/* a valid entry replaced (another page, or fewer rights): flush it */
	if (old & PTE_V)
		pmap_shootdown(p, va, 1);
	return 0;
}

/*
 * change the leaves in [s, e): remove them (prot VM_PROT_NONE) or take
 * rights away; returns whether any valid leaf changed
 */
static bool
pmap_update_range(struct pmap *p, vaddr_t s, vaddr_t e, vm_prot_t prot)
{
	bool changed = false;

	for (vaddr_t va = s; va < e; ) {
		uint64_t *pte = pte_find(p, va, false);

		if (pte == NULL) {		/* no level-0 table: skip 2 MiB */
			va = ROUNDDOWN(va, 1ul << 21) + (1ul << 21);
			continue;
		}
		if (*pte & PTE_V) {
			if (prot == VM_PROT_NONE) {
				*pte = 0;
				p->resident--;
			} else {
				uint64_t keep = user_pte_bits(prot) | PTE_PPN_MASK;
				*pte &= keep;
			}
			changed = true;
		}
		va += PAGE_SIZE;
	}
	return changed;
}

void
pmap_remove(pmap_t p, vaddr_t s, vaddr_t e)
{
	bool changed;

	spin_lock(&p->lock);
	changed = pmap_update_range(p, s, e, VM_PROT_NONE);
	spin_unlock(&p->lock);
	if (changed)
		pmap_shootdown(p, s, (e - s) / PAGE_SIZE);
}

void
pmap_protect(pmap_t p, vaddr_t s, vaddr_t e, vm_prot_t prot)
{
	bool changed;

	if (prot == VM_PROT_NONE) {
		pmap_remove(p, s, e);
		return;
	}
	spin_lock(&p->lock);
	changed = pmap_update_range(p, s, e, prot);
	spin_unlock(&p->lock);
	if (changed)
		pmap_shootdown(p, s, (e - s) / PAGE_SIZE);
}

paddr_t
pmap_extract(pmap_t p, vaddr_t va)
{
	uint64_t *pte;
	paddr_t pa = 0;

	spin_lock(&p->lock);
	pte = pte_find(p, va, false);
	if (pte != NULL && (*pte & PTE_V))
		pa = PTE_TO_PA(*pte) + (va & (PAGE_SIZE - 1));
	spin_unlock(&p->lock);
	return pa;
}

/* pmap_extract_prot - the VM_PROT_* bits va is mapped with, 0 if none */
vm_prot_t
pmap_extract_prot(pmap_t p, vaddr_t va)
{
	uint64_t *pte;
	vm_prot_t prot = VM_PROT_NONE;

	spin_lock(&p->lock);
	pte = pte_find(p, va, false);
	if (pte != NULL && (*pte & PTE_V))
		prot = ((*pte & PTE_R) ? VM_PROT_READ : 0) |
		    ((*pte & PTE_W) ? VM_PROT_WRITE : 0) |
		    ((*pte & PTE_X) ? VM_PROT_EXECUTE : 0);
	spin_unlock(&p->lock);
	return prot;
}

void
pmap_get_stats(pmap_t p, struct pmap_stats *st)
{
	spin_lock(&p->lock);
	st->resident = p->resident;
	st->pt_pages = p->pt_pages;
	spin_unlock(&p->lock);
}

void
pmap_get_global_stats(struct pmap_global_stats *st)
{
	st->pmaps = __atomic_load_n(&pmaps_alive, __ATOMIC_RELAXED);
	st->pt_pages = __atomic_load_n(&user_pt_pages, __ATOMIC_RELAXED);
	st->asid_bits = asid_bits;
	spin_lock(&asid_lock);
	st->asid_generation = asid_gen;
	spin_unlock(&asid_lock);
}

void
pmap_asid_test_limit(uint32_t max)
{
	spin_lock(&asid_lock);
	asid_test_max = max;
	/* the next assignment starts a generation: no ASID is reused in one */
	asid_next = UINT32_MAX;
	spin_unlock(&asid_lock);
}

void
pmap_user_access(bool on)
{
	if (on)
		csr_set(sstatus, SSTATUS_SUM);
	else
		csr_clear(sstatus, SSTATUS_SUM);
}

/* --- activation --- */

/* p's ASID for the current generation; asid_lock held */
static void
asid_assign_locked(struct pmap *p)
{
	uint32_t max = asid_bits != 0 ? (1u << asid_bits) - 1 : 0;

	if (asid_test_max != 0 && max != 0)
		max = MIN(max, asid_test_max);
	uint16_t asid = 0;

	if (p->asid_gen == asid_gen)
		return;
	if (max != 0) {
		if (asid_next > max) {
			/* every hart flushes before reusing */
			__atomic_store_n(&asid_gen, asid_gen + 1, __ATOMIC_RELAXED);
			asid_next = 1;
		}
		asid = (uint16_t)asid_next++;
	}
	/*
	 * for pmap_activate's unlocked reader, as a sequence lock: the
	 * generation no hart has (0) while the ASID changes
	 */
	__atomic_store_n(&p->asid_gen, 0, __ATOMIC_RELAXED);
	__atomic_thread_fence(__ATOMIC_RELEASE);
	__atomic_store_n(&p->asid, asid, __ATOMIC_RELAXED);
	__atomic_store_n(&p->asid_gen, asid_gen, __ATOMIC_RELEASE);
	/* p->cpus keeps the harts of older ASIDs: they may still run it */
}

/*
 * pmap_activate - make this hart run p (NULL: the kernel table only).
 * Interrupts off (called from the context switch).
 */
void
pmap_activate(pmap_t p)
{
	uint32_t me = cpu_number();
	uint64_t satp, gen;
	bool flush;

	if (p == NULL) {
		csr_write(satp, pmap_kernel_satp());
		return;
	}
	/*
	 * Without the lock when p's ASID is of the generation this hart last
	 * flushed for and the hart is in p->cpus already: that ASID changes
	 * only in a later generation, and this hart flushes before it runs
	 * any pmap of one (so an ASID given again to another pmap meanwhile
	 * meets no translation of p's here).  asid_assign_locked writes the
	 * ASID between two stores of the generation, which this read
	 * brackets.  The locked path below races a new generation the same
	 * way once it drops the lock.
	 */
	gen = __atomic_load_n(&p->asid_gen, __ATOMIC_ACQUIRE);
	if (!tlb_full_flush && gen == cpu_asid_gen[me] &&
	    (__atomic_load_n(&p->cpus, __ATOMIC_RELAXED) & CPUMASK_BIT(me))) {
		uint16_t asid = __atomic_load_n(&p->asid, __ATOMIC_RELAXED);

		/* the ASID read is gen's unless gen changed meanwhile */
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
		if (__atomic_load_n(&p->asid_gen, __ATOMIC_RELAXED) == gen) {
			csr_write(satp, SATP_MODE_SV39 | ((uint64_t)asid << 44) |
			    (kva_to_phys(p->root) >> 12));
			return;
		}
	}
	spin_lock_intr_off(&asid_lock);
	asid_assign_locked(p);
	flush = cpu_asid_gen[me] != asid_gen || tlb_full_flush;
	cpu_asid_gen[me] = asid_gen;
	__atomic_fetch_or(&p->cpus, CPUMASK_BIT(me), __ATOMIC_SEQ_CST);
	satp = SATP_MODE_SV39 | ((uint64_t)p->asid << 44) |
	    (kva_to_phys(p->root) >> 12);
	spin_unlock_intr_off(&asid_lock);
	csr_write(satp, satp);
	if (flush)
		__asm__ volatile("sfence.vma" ::: "memory");
}
