/*
 * test/ktest/pmap.c - the kernel page table: W^X, the direct map, guards.
 */
#include <machine/pmap.h>
#include <machine/vmparam.h>
#include "arch/riscv/riscv.h"
#include "kernel/ktest/ktest.h"
#include "kernel/vm/kstack.h"
#include "kernel/vm/vm_page.h"

static int data_word = 1;
static const int rodata_word = 2;

KTEST(pmap, text_is_read_execute)
{
	KT_ASSERT_EQ(pmap_kprot((vaddr_t)&pmap_kprot), KMAP_R | KMAP_X);
}

KTEST(pmap, rodata_is_read_only)
{
	KT_ASSERT_EQ(pmap_kprot((vaddr_t)&rodata_word), KMAP_R);
}

KTEST(pmap, data_is_read_write)
{
	KT_ASSERT_EQ(pmap_kprot((vaddr_t)&data_word), KMAP_R | KMAP_W);
	KT_ASSERT_EQ(pmap_kprot((vaddr_t)_end - 1), KMAP_R | KMAP_W);
}

KTEST(pmap, nothing_writable_and_executable)
{
	for (vaddr_t va = (vaddr_t)_start; va < (vaddr_t)_end; va += 4096) {
		unsigned p = pmap_kprot(va);
		KT_ASSERT(p != 0);
		KT_ASSERT(!((p & KMAP_W) && (p & KMAP_X)));
	}
}

KTEST(pmap, direct_map_covers_ram)
{
	struct vm_page *m = vm_page_alloc();
	paddr_t pa;

	KT_ASSERT_NOT_NULL(m);
	pa = vm_page_to_pa(m);
	KT_EXPECT_EQ(pmap_kextract((vaddr_t)phys_to_kva(pa)), pa);
	KT_EXPECT_EQ(pmap_kprot((vaddr_t)phys_to_kva(pa)), KMAP_R | KMAP_W);
	KT_EXPECT_EQ(pmap_kextract((vaddr_t)_start), kernel_load_pa);
	vm_page_free(m);
}

KTEST(pmap, kstack_has_guard)
{
	vaddr_t top = kstack_alloc();

	KT_ASSERT_NE(top, 0);
	KT_EXPECT(pmap_kernel_mapped(top - 8));
	KT_EXPECT(pmap_kernel_mapped(top - KSTACK_SIZE));
	KT_EXPECT(!pmap_kernel_mapped(top - KSTACK_SIZE - 8));
	KT_EXPECT(!pmap_kernel_mapped(top - KSTACK_SLOT));
	*(volatile uint64_t *)(top - KSTACK_SIZE) = 42;
	kstack_free(top);
	KT_EXPECT(!pmap_kernel_mapped(top - 8));
}

KTEST(pmap, kstack_alloc_free_no_leak)
{
	struct vm_page_stats before, after;
	uint64_t inuse = kstack_in_use();
	vaddr_t tops[16];

	/* warm up the page tables of the stack window */
	for (int i = 0; i < 16; i++)
		tops[i] = kstack_alloc();
	for (int i = 0; i < 16; i++)
		kstack_free(tops[i]);
	vm_page_get_stats(&before);
	for (int i = 0; i < 16; i++) {
		tops[i] = kstack_alloc();
		KT_ASSERT_NE(tops[i], 0);
	}
	for (int i = 0; i < 16; i++)
		kstack_free(tops[i]);
	vm_page_get_stats(&after);
	KT_EXPECT_EQ(after.free, before.free);
	KT_EXPECT_EQ(kstack_in_use(), inuse);
}
