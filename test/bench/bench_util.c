/*
 * test/bench/bench_util.c - helpers shared by the benchmarks (bench_util.h).
 */
#include "test/bench/bench_util.h"

void
bench_report(struct kbench_ctx *b, uint64_t total, uint64_t count)
{
	struct kbench_ctx empty;

	kbench_start(&empty);
	kbench_stop(&empty);
	b->instructions = total + empty.instructions;
	b->iterations = count;
}

task_t
bench_task(void)
{
	task_t t;

	if (task_create_internal(kernel_task, false, &t) != KERN_SUCCESS)
		return NULL;
	return t;
}

void
bench_task_end(task_t t)
{
	task_terminate(t);
	task_deallocate(t);
}
