/*
 * test/bench/task.c - task benchmarks, and what tasks and threads cost in
 * kernel memory.
 *
 *	task.create_terminate	task_create_internal (empty map) +
 *				task_terminate + task_deallocate; per op
 *	task.create_terminate_1m
 *				the same with inherit_memory from a parent
 *				that has 1 MiB allocated and touched (256
 *				pages, copy-on-write in the child): the cost
 *				of fork's Mach half and of the child's end
 *	mem.task_bytes		kernel bytes per empty task: the task, its
 *				map and pmap, the pmap's table pages (the
 *				root); figure = bytes, not instructions
 *	mem.thread_bytes	kernel bytes per user thread (created,
 *				suspended), its kernel stack not counted
 *
 * The memory figures are the change in bytes in use over TASKS_COUNTED
 * tasks (or threads): the sum over every zone of elements in use times the
 * element size (the zones' partly used pages are not counted), plus the
 * table pages of user pmaps times PAGE_SIZE.  Kernel stacks are pages
 * mapped in the stack window, not zone elements, so they are left out.
 */
#include <machine/pmap.h>
#include <mach/vm_statistics.h>
#include "kernel/lib/printf.h"
#include "kernel/vm/vm_user.h"
#include "kernel/vm/zone.h"
#include "test/bench/bench_util.h"

#define PARENT_BYTES		(1024 * 1024)
#define TASKS_COUNTED		32
#define THREADS_COUNTED		32

KBENCH_ITERS(task, create_terminate, 1000)
{
	kern_return_t kr = KERN_SUCCESS;
	task_t c;

	kbench_start(b);
	for (uint64_t i = 0; i < b->iterations; i++) {
		kr |= task_create_internal(kernel_task, false, &c);
		kr |= task_terminate(c);
		task_deallocate(c);
	}
	kbench_stop(b);
	if (kr != KERN_SUCCESS) {
		printf("# bench: task.create_terminate: a call failed\n");
		b->iterations = 0;
	}
}

/* a task with size bytes allocated and written, page by page; NULL: no memory */
static task_t
touched_task(uint64_t size)
{
	task_t t = bench_task();
	vaddr_t addr = 0;

	if (t == NULL)
		return NULL;
	if (vm_allocate(t->map, &addr, size, VM_FLAGS_ANYWHERE) != KERN_SUCCESS)
		goto fail;
	for (uint64_t off = 0; off < size; off += PAGE_SIZE) {
		if (vm_fault(t->map, addr + off, VM_PROT_WRITE) != KERN_SUCCESS)
			goto fail;
	}
	return t;
fail:
	bench_task_end(t);
	return NULL;
}

KBENCH_ITERS(task, create_terminate_1m, 1000)
{
	task_t parent = touched_task(PARENT_BYTES), c;
	kern_return_t kr = KERN_SUCCESS;

	if (parent == NULL) {
		b->iterations = 0;
		return;
	}
	kbench_start(b);
	for (uint64_t i = 0; i < b->iterations; i++) {
		kr |= task_create_internal(parent, true, &c);
		kr |= task_terminate(c);
		task_deallocate(c);
	}
	kbench_stop(b);
	if (kr != KERN_SUCCESS) {
		printf("# bench: task.create_terminate_1m: a call failed\n");
		b->iterations = 0;
	}
	bench_task_end(parent);
}

static void
add_zone_bytes(struct zone *z, void *arg)
{
	struct zone_stats s;

	zone_get_stats(z, &s);
	*(uint64_t *)arg += s.in_use * s.elem_size;
}

/* kernel bytes in use in zone elements and user page tables */
static uint64_t
kernel_bytes(void)
{
	struct pmap_global_stats ps;
	uint64_t bytes = 0;

	zone_foreach(add_zone_bytes, &bytes);
	pmap_get_global_stats(&ps);
	return bytes + ps.pt_pages * PAGE_SIZE;
}

KBENCH_ITERS(mem, task_bytes, TASKS_COUNTED)
{
	task_t t[TASKS_COUNTED];
	uint64_t before, after;
	unsigned n;

	before = kernel_bytes();
	for (n = 0; n < TASKS_COUNTED; n++) {
		if ((t[n] = bench_task()) == NULL)
			break;
	}
	after = kernel_bytes();
	for (unsigned i = 0; i < n; i++)
		bench_task_end(t[i]);
	bench_report(b, after - before, n == TASKS_COUNTED ? n : 0);
}

KBENCH_ITERS(mem, thread_bytes, THREADS_COUNTED)
{
	thread_t th[THREADS_COUNTED];
	task_t t = bench_task();
	uint64_t before, after;
	unsigned n = 0;

	if (t == NULL) {
		b->iterations = 0;
		return;
	}
	before = kernel_bytes();
	for (n = 0; n < THREADS_COUNTED; n++) {
		if (thread_create_user(t, &th[n]) != KERN_SUCCESS)
			break;
	}
	after = kernel_bytes();
	bench_task_end(t);		/* the never-started threads leave at once */
	for (unsigned i = 0; i < n; i++)
		thread_deallocate(th[i]);
	bench_report(b, after - before, n == THREADS_COUNTED ? n : 0);
}
