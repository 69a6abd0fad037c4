/*
 * test/ktest/vm.c - Mach VM on task maps: demand zero, copy-on-write,
 * inheritance, protection, chains over repeated forks, the vm_* calls'
 * argument rules, running out of memory.
 *
 * The kernel faults a task's map itself (vm_fault) and looks at the pages
 * through the direct map; user programs cover the same from user mode.
 */
#include <mach/riscv/vm_param.h>
#include <mach/vm_statistics.h>
#include "kernel/ktest/ktest.h"
#include "kernel/lib/string.h"
#include "kernel/vm/vm_user.h"
#include "test/ktest/vm_util.h"

#define MB16		MiB(16)

KTEST(vm, demand_zero_16m)
{
	struct vm_baseline base;
	struct task_basic_info_rv info;
	vaddr_t a = 0;
	task_t t;

	for (int round = 0; round < 2; round++) {
		if (round == 1)
			vm_baseline_take(&base);
		KT_ASSERT_NOT_NULL(t = kt_task());
		KT_ASSERT_EQ(vm_allocate(t->map, &a, MB16, VM_FLAGS_ANYWHERE),
		    KERN_SUCCESS);
		for (vaddr_t va = a; va < a + MB16; va += PAGE_SIZE) {
			uint64_t *p = kt_touch(t->map, va, VM_PROT_WRITE);

			KT_ASSERT_NOT_NULL(p);
			KT_ASSERT_EQ(p[0], 0);
			KT_ASSERT_EQ(p[PAGE_SIZE / 8 - 1], 0);
			p[0] = va;
		}
		KT_EXPECT_EQ(task_info_basic(t, &info), KERN_SUCCESS);
		KT_EXPECT_EQ(info.resident_size, MB16);
		KT_EXPECT_EQ(info.zero_fills, MB16 / PAGE_SIZE);
		/* a second touch finds the page: no new zero fill */
		KT_EXPECT_EQ(*kt_touch(t->map, a + PAGE_SIZE, VM_PROT_READ),
		    a + PAGE_SIZE);
		KT_EXPECT_EQ(vm_deallocate(t->map, a, MB16), KERN_SUCCESS);
		KT_EXPECT_EQ(task_info_basic(t, &info), KERN_SUCCESS);
		KT_EXPECT_EQ(info.resident_size, 0);
		kt_task_end(t);
	}
	KT_EXPECT(vm_baseline_same(kt, &base));
}

/* parent and child each write after a fork: neither sees the other's write */
KTEST(vm, cow_parent_child)
{
	struct vm_baseline base;
	vaddr_t a = 0;
	task_t p, c;

	vm_baseline_take(&base);
	KT_ASSERT_NOT_NULL(p = kt_task());
	KT_ASSERT_EQ(vm_allocate(p->map, &a, 4 * PAGE_SIZE, VM_FLAGS_ANYWHERE),
	    KERN_SUCCESS);
	for (int i = 0; i < 4; i++)
		*kt_touch(p->map, a + i * PAGE_SIZE, VM_PROT_WRITE) = 0xa0 + i;
	KT_ASSERT_EQ(task_create_internal(p, true, &c), KERN_SUCCESS);
	for (int i = 0; i < 4; i++)
		KT_EXPECT_EQ(*kt_touch(c->map, a + i * PAGE_SIZE, VM_PROT_READ),
		    0xa0 + i);
	*kt_touch(c->map, a, VM_PROT_WRITE) = 0xc0;
	*kt_touch(p->map, a + PAGE_SIZE, VM_PROT_WRITE) = 0xb1;
	KT_EXPECT_EQ(*kt_touch(p->map, a, VM_PROT_READ), 0xa0);
	KT_EXPECT_EQ(*kt_touch(c->map, a, VM_PROT_READ), 0xc0);
	KT_EXPECT_EQ(*kt_touch(c->map, a + PAGE_SIZE, VM_PROT_READ), 0xa1);
	KT_EXPECT_EQ(*kt_touch(p->map, a + PAGE_SIZE, VM_PROT_READ), 0xb1);
	/* the untouched pages are still one page, shared read-only */
	KT_EXPECT_EQ(pmap_extract(p->map->pmap, a + 2 * PAGE_SIZE),
	    pmap_extract(c->map->pmap, a + 2 * PAGE_SIZE));
	KT_EXPECT_EQ(pmap_extract_prot(p->map->pmap, a + 2 * PAGE_SIZE),
	    VM_PROT_READ);
	KT_EXPECT_GE(c->map->cnt.cow_faults, 1);
	kt_task_end(c);
	kt_task_end(p);
	KT_EXPECT(vm_baseline_same(kt, &base));
}

KTEST(vm, share_inheritance_seen_by_both)
{
	vaddr_t a = 0;
	task_t p, c;

	KT_ASSERT_NOT_NULL(p = kt_task());
	KT_ASSERT_EQ(vm_allocate(p->map, &a, 2 * PAGE_SIZE, VM_FLAGS_ANYWHERE),
	    KERN_SUCCESS);
	KT_ASSERT_EQ(vm_inherit(p->map, a, 2 * PAGE_SIZE, VM_INHERIT_SHARE),
	    KERN_SUCCESS);
	*kt_touch(p->map, a, VM_PROT_WRITE) = 1;
	KT_ASSERT_EQ(task_create_internal(p, true, &c), KERN_SUCCESS);
	*kt_touch(c->map, a, VM_PROT_WRITE) = 2;
	*kt_touch(c->map, a + PAGE_SIZE, VM_PROT_WRITE) = 3;
	KT_EXPECT_EQ(*kt_touch(p->map, a, VM_PROT_READ), 2);
	KT_EXPECT_EQ(*kt_touch(p->map, a + PAGE_SIZE, VM_PROT_READ), 3);
	*kt_touch(p->map, a, VM_PROT_WRITE) = 4;
	KT_EXPECT_EQ(*kt_touch(c->map, a, VM_PROT_READ), 4);
	/* a copy of shared memory is a copy: later writes are not seen */
	{
		task_t g;

		KT_ASSERT_EQ(vm_inherit(c->map, a, PAGE_SIZE, VM_INHERIT_COPY),
		    KERN_SUCCESS);
		KT_ASSERT_EQ(task_create_internal(c, true, &g), KERN_SUCCESS);
		*kt_touch(p->map, a, VM_PROT_WRITE) = 5;
		KT_EXPECT_EQ(*kt_touch(g->map, a, VM_PROT_READ), 4);
		kt_task_end(g);
	}
	kt_task_end(c);
	kt_task_end(p);
}

KTEST(vm, inherit_none_absent_in_child)
{
	vaddr_t a = 0;
	task_t p, c;

	KT_ASSERT_NOT_NULL(p = kt_task());
	KT_ASSERT_EQ(vm_allocate(p->map, &a, PAGE_SIZE, VM_FLAGS_ANYWHERE),
	    KERN_SUCCESS);
	KT_ASSERT_EQ(vm_inherit(p->map, a, PAGE_SIZE, VM_INHERIT_NONE),
	    KERN_SUCCESS);
	KT_ASSERT_EQ(task_create_internal(p, true, &c), KERN_SUCCESS);
	KT_EXPECT_EQ(vm_fault(c->map, a, VM_PROT_READ), KERN_INVALID_ADDRESS);
	KT_EXPECT_EQ(vm_fault(p->map, a, VM_PROT_READ), KERN_SUCCESS);
	kt_task_end(c);
	kt_task_end(p);
}

KTEST(vm, protect_then_write_faults)
{
	vaddr_t a = 0;
	task_t t;

	KT_ASSERT_NOT_NULL(t = kt_task());
	KT_ASSERT_EQ(vm_allocate(t->map, &a, 2 * PAGE_SIZE, VM_FLAGS_ANYWHERE),
	    KERN_SUCCESS);
	*kt_touch(t->map, a, VM_PROT_WRITE) = 7;
	KT_EXPECT_EQ(vm_protect(t->map, a, PAGE_SIZE, false, VM_PROT_READ),
	    KERN_SUCCESS);
	/* the page already mapped lost its write right at once */
	KT_EXPECT_EQ(pmap_extract_prot(t->map->pmap, a), VM_PROT_READ);
	KT_EXPECT_EQ(vm_fault(t->map, a, VM_PROT_WRITE), KERN_PROTECTION_FAILURE);
	KT_EXPECT_EQ(*kt_touch(t->map, a, VM_PROT_READ), 7);
	KT_EXPECT_EQ(vm_fault(t->map, a, VM_PROT_EXECUTE), KERN_PROTECTION_FAILURE);
	/* the maximum bounds later changes */
	KT_EXPECT_EQ(vm_protect(t->map, a, PAGE_SIZE, true, VM_PROT_READ),
	    KERN_SUCCESS);
	KT_EXPECT_EQ(vm_protect(t->map, a, PAGE_SIZE, false, VM_PROT_DEFAULT),
	    KERN_PROTECTION_FAILURE);
	/* the other page kept its rights (the entry was split) */
	KT_EXPECT_EQ(vm_fault(t->map, a + PAGE_SIZE, VM_PROT_WRITE), KERN_SUCCESS);
	/* none: no access at all */
	KT_EXPECT_EQ(vm_protect(t->map, a + PAGE_SIZE, PAGE_SIZE, false,
	    VM_PROT_NONE), KERN_SUCCESS);
	KT_EXPECT_EQ(pmap_extract(t->map->pmap, a + PAGE_SIZE), 0);
	KT_EXPECT_EQ(vm_fault(t->map, a + PAGE_SIZE, VM_PROT_READ),
	    KERN_PROTECTION_FAILURE);
	kt_task_end(t);
}

/* fork, write, let the child go, again: the parent's chain stays short */
KTEST(vm, chain_bounded_over_forks)
{
	struct vm_object_stats before, after;
	unsigned longest = 0;
	vaddr_t a = 0;
	task_t p, c;

	KT_ASSERT_NOT_NULL(p = kt_task());
	KT_ASSERT_EQ(vm_allocate(p->map, &a, 4 * PAGE_SIZE, VM_FLAGS_ANYWHERE),
	    KERN_SUCCESS);
	for (int i = 0; i < 4; i++)
		*kt_touch(p->map, a + i * PAGE_SIZE, VM_PROT_WRITE) = i;
	vm_object_get_stats(&before);
	for (int round = 0; round < 50; round++) {
		KT_ASSERT_EQ(task_create_internal(p, true, &c), KERN_SUCCESS);
		*kt_touch(p->map, a + (round % 4) * PAGE_SIZE, VM_PROT_WRITE) =
		    100 + round;
		KT_EXPECT_EQ(*kt_touch(c->map, a + (round % 4) * PAGE_SIZE,
		    VM_PROT_READ), round < 4 ? (uint64_t)round :
		    (uint64_t)(100 + round - 4));
		kt_task_end(c);
		longest = MAX(longest, vm_map_chain_length(p->map, a));
	}
	vm_object_get_stats(&after);
	ktest_log(kt, "longest chain %u, %lu collapses", longest,
	    (unsigned long)(after.collapses - before.collapses));
	KT_EXPECT_LE(longest, 2);
	KT_EXPECT_GE(after.collapses - before.collapses, 40);
	for (int i = 0; i < 4; i++)	/* page i last written in round i + 4k <= 49 */
		KT_EXPECT_EQ(*kt_touch(p->map, a + i * PAGE_SIZE, VM_PROT_READ),
		    100 + (uint64_t)(i + 4 * ((49 - i) / 4)));
	kt_task_end(p);
}

KTEST(vm, read_write_copy_region)
{
	struct vm_region_basic_info_64 info;
	unsigned count = VM_REGION_BASIC_INFO_COUNT_64;
	vaddr_t a = 0, b = 0, data = 0, r;
	uint64_t size, n;
	task_t p, q;

	KT_ASSERT_NOT_NULL(p = kt_task());
	KT_ASSERT_NOT_NULL(q = kt_task());
	KT_ASSERT_EQ(vm_allocate(p->map, &a, 2 * PAGE_SIZE, VM_FLAGS_ANYWHERE),
	    KERN_SUCCESS);
	KT_ASSERT_EQ(vm_allocate(q->map, &b, 2 * PAGE_SIZE, VM_FLAGS_ANYWHERE),
	    KERN_SUCCESS);
	*kt_touch(p->map, a, VM_PROT_WRITE) = 11;
	*kt_touch(p->map, a + PAGE_SIZE, VM_PROT_WRITE) = 12;
	/* vm_read: a copy in q, at the same offset in its page */
	KT_ASSERT_EQ(vm_read(p->map, a + 8, PAGE_SIZE, q->map, &data, &n),
	    KERN_SUCCESS);
	KT_EXPECT_EQ(n, PAGE_SIZE);
	KT_EXPECT_EQ(data & (PAGE_SIZE - 1), 8);
	KT_EXPECT_EQ(*kt_touch(q->map, data - 8, VM_PROT_READ), 11);
	*kt_touch(p->map, a, VM_PROT_WRITE) = 13;
	KT_EXPECT_EQ(*kt_touch(q->map, data - 8, VM_PROT_READ), 11);
	/* vm_write: q's page over p's second page */
	*kt_touch(q->map, b, VM_PROT_WRITE) = 21;
	KT_EXPECT_EQ(vm_write(p->map, a + PAGE_SIZE, q->map, b, PAGE_SIZE),
	    KERN_SUCCESS);
	KT_EXPECT_EQ(*kt_touch(p->map, a + PAGE_SIZE, VM_PROT_READ), 21);
	/* vm_copy inside one map */
	KT_EXPECT_EQ(vm_copy(p->map, a, PAGE_SIZE, a + PAGE_SIZE), KERN_SUCCESS);
	KT_EXPECT_EQ(*kt_touch(p->map, a + PAGE_SIZE, VM_PROT_READ), 13);
	/* vm_region reports the entry holding (or above) the address */
	r = a;
	KT_EXPECT_EQ(vm_region(p->map, &r, &size, VM_REGION_BASIC_INFO_64,
	    &info, &count), KERN_SUCCESS);
	KT_EXPECT_EQ(r, a);
	KT_EXPECT_EQ(info.protection, VM_PROT_DEFAULT);
	KT_EXPECT_EQ(info.max_protection, VM_PROT_ALL);
	KT_EXPECT_EQ(info.inheritance, VM_INHERIT_COPY);
	r = VM_MAX_ADDRESS - PAGE_SIZE;
	KT_EXPECT_EQ(vm_region(p->map, &r, &size, VM_REGION_BASIC_INFO_64,
	    &info, &count), KERN_INVALID_ADDRESS);
	/* reading a hole is an error and changes nothing in q */
	KT_EXPECT_EQ(vm_read(p->map, a + 4 * PAGE_SIZE, PAGE_SIZE, q->map, &data,
	    &n), KERN_INVALID_ADDRESS);
	kt_task_end(q);
	kt_task_end(p);
}

KTEST(vm, calls_validate_arguments)
{
	struct vm_baseline base;
	vaddr_t a, b;
	task_t t;

	vm_baseline_take(&base);
	KT_ASSERT_NOT_NULL(t = kt_task());
	a = 12345;
	KT_EXPECT_EQ(vm_allocate(t->map, &a, 0, VM_FLAGS_ANYWHERE), KERN_SUCCESS);
	KT_EXPECT_EQ(a, 0);
	KT_EXPECT_EQ(vm_allocate(t->map, &a, 1, 0x80), KERN_INVALID_ARGUMENT);
	a = 0;
	KT_EXPECT_EQ(vm_allocate(t->map, &a, ~0ul - 100, VM_FLAGS_ANYWHERE),
	    KERN_INVALID_ARGUMENT);
	KT_EXPECT_EQ(vm_allocate(t->map, &a, GiB(1024), VM_FLAGS_ANYWHERE),
	    KERN_NO_SPACE);
	a = 0x1000;			/* below the map's minimum */
	KT_EXPECT_EQ(vm_allocate(t->map, &a, PAGE_SIZE, VM_FLAGS_FIXED),
	    KERN_INVALID_ADDRESS);
	a = VM_MAX_ADDRESS - PAGE_SIZE;
	KT_EXPECT_EQ(vm_allocate(t->map, &a, 2 * PAGE_SIZE, VM_FLAGS_FIXED),
	    KERN_INVALID_ADDRESS);
	a = 0x200000 + 123;		/* truncated to its page */
	KT_EXPECT_EQ(vm_allocate(t->map, &a, 100, VM_FLAGS_FIXED), KERN_SUCCESS);
	KT_EXPECT_EQ(a, 0x200000);
	b = 0x200000;
	KT_EXPECT_EQ(vm_allocate(t->map, &b, PAGE_SIZE, VM_FLAGS_FIXED),
	    KERN_NO_SPACE);
	KT_EXPECT_EQ(vm_protect(t->map, 0x200000, 2 * PAGE_SIZE, false,
	    VM_PROT_READ), KERN_INVALID_ADDRESS);	/* a hole after the page */
	KT_EXPECT_EQ(vm_protect(t->map, 0x200000, PAGE_SIZE, false, 0x10),
	    KERN_INVALID_ARGUMENT);
	KT_EXPECT_EQ(vm_inherit(t->map, 0x200000, PAGE_SIZE, 7),
	    KERN_INVALID_ARGUMENT);
	KT_EXPECT_EQ(vm_deallocate(t->map, 0x100000, MiB(4)), KERN_SUCCESS);
	KT_EXPECT_EQ(vm_deallocate(t->map, ~0ul - 10, 100), KERN_INVALID_ARGUMENT);
	KT_EXPECT_EQ(vm_deallocate(t->map, VM_MAX_ADDRESS, GiB(1)), KERN_SUCCESS);
	KT_EXPECT_EQ(vm_fault(t->map, 0x200000, VM_PROT_READ), KERN_INVALID_ADDRESS);
	KT_EXPECT_EQ(vm_fault(t->map, VM_MAX_ADDRESS + PAGE_SIZE, VM_PROT_READ),
	    KERN_INVALID_ADDRESS);
	kt_task_end(t);
	KT_EXPECT(vm_baseline_same(kt, &base));
}

/* touch until the pages run out: an error, and everything comes back */
KTEST(vm, out_of_memory_is_an_error)
{
	struct vm_baseline base;
	struct vm_page *probe;
	vaddr_t a = 0, va;
	uint64_t touched = 0;
	kern_return_t kr = KERN_SUCCESS;
	task_t t;

	vm_baseline_take(&base);
	KT_ASSERT_NOT_NULL(t = kt_task());
	KT_ASSERT_EQ(vm_allocate(t->map, &a, GiB(64), VM_FLAGS_ANYWHERE),
	    KERN_SUCCESS);
	for (va = a; va < a + GiB(64); va += PAGE_SIZE) {
		kr = vm_fault(t->map, va, VM_PROT_WRITE);
		if (kr != KERN_SUCCESS)
			break;
		touched++;
	}
	KT_EXPECT_EQ(kr, KERN_RESOURCE_SHORTAGE);
	ktest_log(kt, "%lu MiB touched before the pages ran out",
	    (unsigned long)(touched * PAGE_SIZE >> 20));
	kt_task_end(t);
	thread_reap_wait();
	/* the kernel goes on: pages are there again */
	probe = vm_page_alloc();
	KT_EXPECT(probe != NULL);
	if (probe != NULL)
		vm_page_free(probe);
	KT_EXPECT(vm_baseline_same(kt, &base));
}
