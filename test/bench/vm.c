/*
 * test/bench/vm.c - virtual memory benchmarks.
 *
 *	vm.fault_zero		vm_fault (write) of an untouched page of an
 *				anonymous region: entry lookup, a fresh page,
 *				zeroing it, inserting it in the object,
 *				pmap_enter; per op, over fresh pages of one
 *				region (its object is made by the first fault)
 *	vm.fault_zero_10k	the same in a map that also holds 10,000
 *				one-page entries, half below the region and
 *				half above
 *	vm.allocate_touch_deallocate
 *				vm_allocate of one page (anywhere), its first
 *				write fault, vm_deallocate; per op
 *
 * A kernel thread has no user map, so each bench makes a task of its own
 * (no threads) and calls vm_fault on its map, as the user fault path does
 * once it has decoded the trap.  The pages are freed outside the timed
 * region (the third bench frees them inside: deallocation is part of it).
 */
#include <mach/riscv/vm_param.h>
#include <mach/vm_statistics.h>
#include "kernel/lib/printf.h"
#include "kernel/vm/vm_user.h"
#include "test/bench/bench_util.h"

#define FAULT_PAGES		10000
#define CROWD_ENTRIES		10000
#define CROWD_BASE		(VM_MIN_ADDRESS + 0x1000000ul)

/* time a write fault on each page of [addr, addr + b->iterations pages) */
static void
fault_pages(struct kbench_ctx *b, vm_map_t map, vaddr_t addr)
{
	kern_return_t kr = KERN_SUCCESS;

	kbench_start(b);
	for (uint64_t i = 0; i < b->iterations; i++)
		kr |= vm_fault(map, addr + i * PAGE_SIZE, VM_PROT_WRITE);
	kbench_stop(b);
	if (kr != KERN_SUCCESS) {
		printf("# bench: vm_fault failed\n");
		b->iterations = 0;
	}
}

KBENCH_ITERS(vm, fault_zero, FAULT_PAGES)
{
	task_t t = bench_task();
	vaddr_t addr = 0;

	if (t == NULL || vm_allocate(t->map, &addr, b->iterations * PAGE_SIZE,
	    VM_FLAGS_ANYWHERE) != KERN_SUCCESS) {
		b->iterations = 0;
		goto out;
	}
	fault_pages(b, t->map, addr);
out:
	if (t != NULL)
		bench_task_end(t);
}

/* n one-page entries from addr up, a page apart; false: no memory */
static bool
enter_crowd(vm_map_t map, vaddr_t addr, unsigned n)
{
	for (unsigned i = 0; i < n; i++) {
		vaddr_t a = addr + 2 * i * PAGE_SIZE;

		if (vm_map_enter(map, &a, PAGE_SIZE, 0, NULL, 0,
		    VM_PROT_DEFAULT, VM_PROT_ALL, VM_INHERIT_DEFAULT) !=
		    KERN_SUCCESS)
			return false;
	}
	return true;
}

KBENCH_ITERS(vm, fault_zero_10k, FAULT_PAGES)
{
	task_t t = bench_task();
	unsigned half = CROWD_ENTRIES / 2;
	vaddr_t region = CROWD_BASE + 2 * half * PAGE_SIZE;
	vaddr_t above = region + (b->iterations + 1) * PAGE_SIZE;

	if (t == NULL || !enter_crowd(t->map, CROWD_BASE, half) ||
	    !enter_crowd(t->map, above, CROWD_ENTRIES - half) ||
	    vm_allocate(t->map, &region, b->iterations * PAGE_SIZE, 0) !=
	    KERN_SUCCESS) {
		printf("# bench: vm.fault_zero_10k: cannot build the map\n");
		b->iterations = 0;
		goto out;
	}
	printf("# bench: vm.fault_zero_10k: %u entries in the map\n",
	    t->map->nentries);
	fault_pages(b, t->map, region);
out:
	if (t != NULL)
		bench_task_end(t);
}

KBENCH(vm, allocate_touch_deallocate)
{
	task_t t = bench_task();
	kern_return_t kr = KERN_SUCCESS;

	if (t == NULL) {
		b->iterations = 0;
		return;
	}
	kbench_start(b);
	for (uint64_t i = 0; i < b->iterations; i++) {
		vaddr_t addr = 0;

		kr |= vm_allocate(t->map, &addr, PAGE_SIZE, VM_FLAGS_ANYWHERE);
		kr |= vm_fault(t->map, addr, VM_PROT_WRITE);
		kr |= vm_deallocate(t->map, addr, PAGE_SIZE);
	}
	kbench_stop(b);
	if (kr != KERN_SUCCESS) {
		printf("# bench: vm.allocate_touch_deallocate: a call failed\n");
		b->iterations = 0;
	}
	bench_task_end(t);
}
