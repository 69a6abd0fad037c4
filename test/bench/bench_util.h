/*
 * test/bench/bench_util.h - helpers shared by the benchmarks of test/bench.
 */
#ifndef TEST_BENCH_BENCH_UTIL_H
#define TEST_BENCH_BENCH_UTIL_H

#include "kernel/ktest/kbench.h"
#include "task/task.h"

/*
 * bench_report - a figure measured some other way than by bracketing a
 * loop (the exit status of a user program, a count of bytes): total over
 * count operations.  The runner subtracts its start/stop overhead from
 * every figure, so the overhead is measured here the same way and added
 * back, leaving total exact.
 */
void bench_report(struct kbench_ctx *b, uint64_t total, uint64_t count);

/* bench_task - a new task with an empty map, child of kernel_task; NULL: no memory */
task_t bench_task(void);
/* bench_task_end - task_terminate + task_deallocate */
void bench_task_end(task_t t);

#endif /* TEST_BENCH_BENCH_UTIL_H */
