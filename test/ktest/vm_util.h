/*
 * test/ktest/vm_util.h - helpers shared by the VM and task ktest suites.
 */
#ifndef TEST_KTEST_VM_UTIL_H
#define TEST_KTEST_VM_UTIL_H

#include "kernel/vm/vm_map.h"
#include "kernel/vm/vm_page.h"
#include "task/task.h"

/* counters that must come back to their baseline */
struct vm_baseline {
	uint64_t free_pages;		/* plus kernel table pages taken meanwhile */
	uint64_t kernel_pt;
	uint64_t objects, object_pages, maps, entries;
	uint64_t pmaps, user_pt;
	uint64_t tasks, threads;
	uint64_t zone_in_use;		/* task, vm_map, vm_map_entry, vm_object, pmap */
	uint64_t zone_pages;		/* pages of every zone (they only grow) */
};

void vm_baseline_take(struct vm_baseline *b);
/* compare now with b; logs every difference; true if none */
bool vm_baseline_same(struct ktest_ctx *kt, const struct vm_baseline *b);

/*
 * kt_touch - fault va in for access in map and return the kernel's view of
 * the page (direct map), or NULL if the fault failed.  Write through it
 * only after a write fault (a read fault may map a page shared
 * copy-on-write).
 */
uint64_t *kt_touch(vm_map_t map, vaddr_t va, vm_prot_t access);
/* a task with no threads and an empty map (NULL: no memory) */
task_t kt_task(void);
/* terminate and drop a task from kt_task */
void kt_task_end(task_t t);

/* programs from the initrd, for tests that run one */
struct task;
bool kt_have_initrd(void);
/* start path from the initrd, its console lines as KTAP diagnostics; NULL (logged) on failure */
struct task *kt_spawn(struct ktest_ctx *kt, const char *path);
/* the same with arguments (argv[0] first, NULL last) */
struct task *kt_spawn_argv(struct ktest_ctx *kt, const char *path,
    const char *const argv[]);
/* run path from the initrd to its end: its exit status, -1 if it did not start */
int kt_run(struct ktest_ctx *kt, const char *path);

#endif /* TEST_KTEST_VM_UTIL_H */
