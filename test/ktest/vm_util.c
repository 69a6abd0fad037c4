/*
 * test/ktest/vm_util.c - helpers shared by the VM and task ktest suites.
 */
#include <machine/machine.h>
#include <machine/pmap.h>
#include <machine/vmparam.h>
#include "kernel/ktest/ktest.h"
#include "kernel/lib/string.h"
#include "kernel/sched/sched.h"
#include "kernel/sched/timer.h"
#include "kernel/vm/zone.h"
#include "task/exec.h"
#include "task/task.h"
#include "test/ktest/vm_util.h"

static const char *const vm_zones[] = {
	"task", "vm_map", "vm_map_entry", "vm_object", "pmap",
};

static void
zone_sum_fn(struct zone *z, void *arg)
{
	struct vm_baseline *b = arg;
	struct zone_stats st;

	zone_get_stats(z, &st);
	b->zone_pages += st.pages;
	for (unsigned i = 0; i < ARRAY_SIZE(vm_zones); i++) {
		if (strcmp(zone_name(z), vm_zones[i]) == 0)
			b->zone_in_use += st.in_use;
	}
}

/*
 * every thread that is leaving freed: thread_reap_wait covers the ones
 * terminated so far, but a thread that has left its task (so that
 * task_wait_exit returned) may not have reached the end of its way out
 * yet; until the count of threads stays put for 5 ms, wait again
 */
static void
threads_settle(void)
{
	uint64_t n;

	do {
		thread_reap_wait();
		n = threads_alive();
		thread_sleep_ns(5 * NSEC_PER_MSEC);
	} while (threads_alive() != n);
	thread_reap_wait();
}

void
vm_baseline_take(struct vm_baseline *b)
{
	struct vm_page_stats ps;
	struct vm_object_stats os;
	struct vm_map_stats ms;
	struct pmap_global_stats gs;

	threads_settle();
	memset(b, 0, sizeof(*b));
	vm_object_get_stats(&os);
	vm_map_get_stats(&ms);
	pmap_get_global_stats(&gs);
	b->objects = os.objects;
	b->object_pages = os.pages;
	b->maps = ms.maps;
	b->entries = ms.entries;
	b->pmaps = gs.pmaps;
	b->user_pt = gs.pt_pages;
	b->tasks = tasks_alive();
	b->threads = threads_alive();
	zone_foreach(zone_sum_fn, b);
	b->kernel_pt = pmap_kernel_pt_pages();
	vm_page_get_stats(&ps);
	b->free_pages = ps.free;
}

#define SAME(field) do {						\
	if (now.field != b->field) {					\
		ktest_log(kt, "%s: %lu, baseline %lu", #field,		\
		    (unsigned long)now.field, (unsigned long)b->field);	\
		same = false;						\
	}								\
} while (0)

bool
vm_baseline_same(struct ktest_ctx *kt, const struct vm_baseline *b)
{
	struct vm_baseline now;
	bool same = true;

	/*
	 * a task's last thread is freed by the reaper after task_wait_exit
	 * returns, and its stack and ports with it: give it up to 2 s (a
	 * thread or task still there after that is a leak)
	 */
	for (uint64_t end = nanotime() + 2 * NSEC_PER_SEC;
	    (threads_alive() != b->threads || tasks_alive() != b->tasks) &&
	    nanotime() < end;)
		thread_sleep_ns(NSEC_PER_MSEC);
	vm_baseline_take(&now);
	/*
	 * kernel table pages and zone pages the run took stay (zones never
	 * shrink; their elements are checked by count): they count as given
	 * back
	 */
	now.free_pages += now.kernel_pt - b->kernel_pt;
	now.free_pages += now.zone_pages - b->zone_pages;
	now.kernel_pt = b->kernel_pt;
	SAME(objects);
	SAME(object_pages);
	SAME(maps);
	SAME(entries);
	SAME(pmaps);
	SAME(user_pt);
	SAME(tasks);
	SAME(threads);
	SAME(zone_in_use);
	SAME(free_pages);
	return same;
}

uint64_t *
kt_touch(vm_map_t map, vaddr_t va, vm_prot_t access)
{
	paddr_t pa;

	if (vm_fault(map, va, access) != KERN_SUCCESS)
		return NULL;
	pa = pmap_extract(map->pmap, ROUNDDOWN(va, PAGE_SIZE));
	if (pa == 0)
		return NULL;
	return (uint64_t *)((uint8_t *)phys_to_kva(pa) + (va & (PAGE_SIZE - 1)));
}

task_t
kt_task(void)
{
	task_t t;

	return task_create_internal(kernel_task, false, &t) == KERN_SUCCESS ?
	    t : NULL;
}

void
kt_task_end(task_t t)
{
	task_terminate(t);
	task_deallocate(t);
}

bool
kt_have_initrd(void)
{
	paddr_t pa;
	uint64_t size;

	return machine_initrd(&pa, &size);
}

struct task *
kt_spawn_argv(struct ktest_ctx *kt, const char *path, const char *const argv[])
{
	const char *envp[] = { NULL }, *why = NULL;
	task_t t = NULL;
	kern_return_t kr = task_spawn_initrd_flags(path, argv, envp,
	    SPAWN_CONSOLE_DIAG, &t, &why);

	if (kr != KERN_SUCCESS) {
		ktest_log(kt, "cannot start %s: %s", path, why);
		return NULL;
	}
	return t;
}

struct task *
kt_spawn(struct ktest_ctx *kt, const char *path)
{
	const char *argv[] = { path, NULL };

	return kt_spawn_argv(kt, path, argv);
}

int
kt_run(struct ktest_ctx *kt, const char *path)
{
	task_t t = kt_spawn(kt, path);
	int status;

	if (t == NULL)
		return -1;
	status = task_wait_exit(t);
	task_deallocate(t);
	return status;
}
