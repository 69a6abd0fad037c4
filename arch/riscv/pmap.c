/*
 * arch/riscv/pmap.c - the kernel's Sv39 page table.
 *
 * One table serves every hart: a direct map of RAM at PHYSMAP_BASE (read/
 * write, never executable), the image at KERNEL_VBASE with text R-X,
 * read-only data R and data/bss RW (nothing both writable and executable),
 * device registers in the KIO window, and kernel stacks with an unmapped
 * guard below each.
 */
#include <machine/csr.h>
#include <machine/pmap.h>
#include <machine/pte.h>
#include <machine/vmparam.h>
#include "arch/riscv/riscv.h"
#include "kernel/cpu.h"
#include "kernel/ipi.h"
#include "kernel/lib/string.h"
#include "kernel/panic.h"
#include "kernel/sched/sched.h"
#include "kernel/sync/spinlock.h"
#include "kernel/vm/vm_page.h"

/*
 * Locks:
 *	p	pmap_lock (every change to the kernel table after boot)
 *	c	constant after pmap_bootstrap
 */
static struct spinlock pmap_lock = SPINLOCK_INITIALIZER("pmap");
static uint64_t *kernel_root;		/* [c] */
static uint64_t kernel_satp;		/* [c] */
static bool pmap_booted;		/* [c] page tables from vm_page now */
static bool pmap_live;			/* [c] the kernel table is in satp */
static vaddr_t kio_next = KIO_BASE;	/* [p] */
static uint64_t kernel_pt_pages;	/* [p] table pages taken after boot */

uint64_t
pmap_kernel_satp(void)
{
	return kernel_satp;
}

uint64_t *
pmap_kernel_root(void)
{
	return kernel_root;
}

static uint64_t *pt_walk(vaddr_t va, int level, bool alloc);

/*
 * The kernel windows filled after boot (stacks, devices) get their
 * level-1 tables now: user roots copy the kernel root's upper half once,
 * at creation, so it must not change later.
 */
static void
map_kernel_windows(void)
{
	static const vaddr_t windows[] = { KSTACK_BASE, KIO_BASE };

	for (unsigned i = 0; i < ARRAY_SIZE(windows); i++) {
		if (pt_walk(windows[i], 1, true) == NULL)
			panic("pmap_bootstrap: no memory for kernel windows");
	}
}

/*
 * boot_steal - take size bytes (page multiple) of RAM before the page
 * allocator exists.  Before the kernel table is live only the gigabyte
 * holding the image is mapped, so take from there.  Panics if nothing
 * fits: the machine cannot boot.
 */
paddr_t
boot_steal(uint64_t size)
{
	paddr_t kgig = kernel_load_pa >> 30;

	size = ROUNDUP(size, PAGE_SIZE);
	for (uint32_t i = 0; i < platform.nmem; i++) {
		struct mem_range *r = &platform.mem[i];

		if (r->size < size)
			continue;
		if (!pmap_live && (r->base >> 30 != kgig ||
		    (r->base + size - 1) >> 30 != kgig))
			continue;
		paddr_t pa = r->base;
		r->base += size;
		r->size -= size;
		memset(phys_to_kva(pa), 0, size);
		return pa;
	}
	panic("boot_steal: no RAM for %lu bytes", size);
}

static paddr_t
pt_page_alloc(void)
{
	void *p;

	if (!pmap_booted)
		return boot_steal(PAGE_SIZE);
	p = kpage_alloc();
	if (p == NULL)
		return 0;
	kernel_pt_pages++;
	return kva_to_phys(p);
}

/* the PTE for va at level, creating tables above it if alloc; NULL if none */
static uint64_t *
pt_walk(vaddr_t va, int level, bool alloc)
{
	uint64_t *pt = kernel_root;

	for (int l = 2; l > level; l--) {
		uint64_t *pte = &pt[PT_INDEX(va, l)];

		if (!(*pte & PTE_V)) {
			paddr_t pa;

			if (!alloc || (pa = pt_page_alloc()) == 0)
				return NULL;
			*pte = PTE_FROM_PA(pa) | PTE_V;
		} else if (*pte & PTE_LEAF_MASK) {
			return NULL;		/* inside a bigger leaf */
		}
		pt = phys_to_kva(PTE_TO_PA(*pte));
	}
	return &pt[PT_INDEX(va, level)];
}

static uint64_t
prot_bits(unsigned prot)
{
	return PTE_KERN | ((prot & KMAP_R) ? PTE_R : 0) |
	    ((prot & KMAP_W) ? PTE_W | PTE_R : 0) | ((prot & KMAP_X) ? PTE_X : 0);
}

/* map [va, va+size) to pa with the largest pages alignment allows */
static int
map_range(vaddr_t va, paddr_t pa, uint64_t size, unsigned prot)
{
	while (size > 0) {
		int level = 0;
		uint64_t *pte;

		for (int l = 2; l > 0; l--) {
			uint64_t psz = 1ul << (12 + 9 * l);
			if (IS_ALIGNED(va | pa, psz) && size >= psz) {
				level = l;
				break;
			}
		}
		if ((pte = pt_walk(va, level, true)) == NULL)
			return -1;
		*pte = PTE_FROM_PA(pa) | prot_bits(prot);
		va += 1ul << (12 + 9 * level);
		pa += 1ul << (12 + 9 * level);
		size -= MIN(size, 1ul << (12 + 9 * level));
	}
	return 0;
}

static void
map_kernel_section(const char *start, const char *end, unsigned prot)
{
	if (map_range((vaddr_t)start, kernel_va_to_pa(start),
	    (uint64_t)(end - start), prot) != 0)
		panic("pmap_bootstrap: out of memory mapping the image");
}

static void
map_physmap(paddr_t base, uint64_t size)
{
	paddr_t s = ROUNDDOWN(base, PAGE_SIZE), e = ROUNDUP(base + size, PAGE_SIZE);

	if (e > PHYSMAP_SIZE)
		panic("pmap_bootstrap: RAM at %#lx beyond the direct map", base);
	if (map_range(PHYSMAP_BASE + s, s, e - s, KMAP_R | KMAP_W) != 0)
		panic("pmap_bootstrap: out of memory for the direct map");
}

void
pmap_bootstrap(void)
{
	struct mem_range ram[PLATFORM_MAX_MEM];
	uint32_t n = platform.nmem;

	/* the ranges shrink as tables are stolen from them: map a snapshot */
	memcpy(ram, platform.mem, sizeof(ram));
	kernel_root = phys_to_kva(boot_steal(PAGE_SIZE));
	for (uint32_t i = 0; i < n; i++)
		map_physmap(ram[i].base, ram[i].size);
	map_physmap(platform.dtb_base, platform.dtb_size);
	if (platform.initrd_end > platform.initrd_start)
		map_physmap(platform.initrd_start,
		    platform.initrd_end - platform.initrd_start);
	map_kernel_section(_start, _etext, KMAP_R | KMAP_X);
	map_kernel_section(_etext, _erodata, KMAP_R);
	map_kernel_section(_erodata, _end, KMAP_R | KMAP_W);
	map_kernel_windows();

	kernel_satp = SATP_MODE_SV39 | (kva_to_phys(kernel_root) >> 12);
	__asm__ volatile("sfence.vma" ::: "memory");
	csr_write(satp, kernel_satp);
	__asm__ volatile("sfence.vma" ::: "memory");
	pmap_live = true;
}

/* after vm_page_bootstrap: page tables come from the page allocator */
void
pmap_bootstrap_done(void)
{
	pmap_booted = true;
}

vaddr_t
kio_map(paddr_t pa, uint64_t size)
{
	paddr_t s = ROUNDDOWN(pa, PAGE_SIZE), e = ROUNDUP(pa + size, PAGE_SIZE);
	vaddr_t va;

	spin_lock(&pmap_lock);
	va = kio_next;
	if (va + (e - s) > KSCRATCH_BASE ||
	    map_range(va, s, e - s, KMAP_R | KMAP_W) != 0) {
		spin_unlock(&pmap_lock);
		return 0;
	}
	kio_next += e - s;
	spin_unlock(&pmap_lock);
	__asm__ volatile("sfence.vma" ::: "memory");
	return va + (pa - s);
}

int
pmap_kenter(vaddr_t va, paddr_t pa, unsigned prot)
{
	uint64_t *pte;

	spin_lock(&pmap_lock);
	pte = pt_walk(va, 0, true);
	if (pte == NULL) {
		spin_unlock(&pmap_lock);
		return -1;
	}
	*pte = PTE_FROM_PA(pa) | prot_bits(prot);
	spin_unlock(&pmap_lock);
	__asm__ volatile("sfence.vma %0" : : "r"(va) : "memory");
	return 0;
}

static void
tlb_flush_local(void *arg __unused)
{
	__asm__ volatile("sfence.vma" ::: "memory");
}

/*
 * pmap_kshootdown - flush the kernel's translations on every online hart,
 * this one included.  The target set is read once and the local flush is
 * one of its members, all inside one pinned xcall_mask(): a thread that
 * would otherwise move between the local flush and the remote ones cannot
 * leave the hart it moved to unflushed.  Before the scheduler runs there is
 * one hart and no thread: flush locally.
 */
static void
pmap_kshootdown(void)
{
	if (current_thread() == THREAD_NULL) {
		tlb_flush_local(NULL);
		return;
	}
	xcall_mask(cpus_online_mask(), tlb_flush_local, NULL);
}

/*
 * pmap_kremove_range - unmap npages pages from va on every hart, with one
 * shootdown.  Called with interrupts enabled once other harts run (the
 * shootdown waits for them).
 */
void
pmap_kremove_range(vaddr_t va, unsigned npages)
{
	spin_lock(&pmap_lock);
	for (unsigned i = 0; i < npages; i++) {
		uint64_t *pte = pt_walk(va + i * PAGE_SIZE, 0, false);

		if (pte != NULL)
			*pte = 0;
	}
	spin_unlock(&pmap_lock);
	pmap_kshootdown();
}

/*
 * pmap_kernel_pt_pages - page-table pages the kernel table has taken from
 * the page allocator since boot.  They are never given back (the stack
 * and KIO windows keep their tables), so tests that compare free pages
 * across kernel mappings add this back.
 */
uint64_t
pmap_kernel_pt_pages(void)
{
	return __atomic_load_n(&kernel_pt_pages, __ATOMIC_RELAXED);
}

void
pmap_kremove(vaddr_t va)
{
	pmap_kremove_range(va, 1);
}

static uint64_t *
pt_lookup(vaddr_t va, uint64_t *size)
{
	uint64_t *pt = kernel_root;

	if (pt == NULL)
		return NULL;
	for (int l = 2; l >= 0; l--) {
		uint64_t *pte = &pt[PT_INDEX(va, l)];

		if (!(*pte & PTE_V))
			return NULL;
		if (*pte & PTE_LEAF_MASK) {
			*size = 1ul << (12 + 9 * l);
			return pte;
		}
		pt = phys_to_kva(PTE_TO_PA(*pte));
	}
	return NULL;
}

bool
pmap_kernel_mapped(vaddr_t va)
{
	uint64_t size;

	if (kernel_root == NULL)
		return true;		/* boot table: trust the caller */
	return pt_lookup(va, &size) != NULL;
}

paddr_t
pmap_kextract(vaddr_t va)
{
	uint64_t size;
	uint64_t *pte = pt_lookup(va, &size);

	if (pte == NULL)
		return 0;
	return PTE_TO_PA(*pte) + (va & (size - 1));
}

/* pmap_kprot - the KMAP_* bits of va's mapping, 0 if unmapped (for tests) */
unsigned
pmap_kprot(vaddr_t va)
{
	uint64_t size;
	uint64_t *pte = pt_lookup(va, &size);

	if (pte == NULL)
		return 0;
	return ((*pte & PTE_R) ? KMAP_R : 0) | ((*pte & PTE_W) ? KMAP_W : 0) |
	    ((*pte & PTE_X) ? KMAP_X : 0);
}
