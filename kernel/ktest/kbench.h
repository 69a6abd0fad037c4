/*
 * kernel/ktest/kbench.h - in-kernel benchmarks, run by `make bench`.
 *
 *	KBENCH(mem, page_alloc_free) {
 *		setup...;
 *		kbench_start(b);
 *		for (uint64_t i = 0; i < b->iterations; i++) op();
 *		kbench_stop(b);
 *		teardown...;
 *	}
 *
 * Under qemu -icount shift=0 the retired-instruction counter is exact, so
 * the figure printed (instructions per operation) is repeatable.  Interrupts
 * are off between kbench_start and kbench_stop.
 */
#ifndef KERNEL_KTEST_KBENCH_H
#define KERNEL_KTEST_KBENCH_H

#include "kernel/lib/types.h"

struct kbench_ctx {
	uint64_t iterations;		/* set by the runner; the bench may lower it */
	uint64_t start;
	uint64_t instructions;		/* measured between start and stop */
	uint64_t saved_intr;
};

struct kbench {
	const char *name;		/* "<area>.<what>" */
	void (*fn)(struct kbench_ctx *b);
	uint64_t iterations;
};

#define KBENCH_ITERS(area, what, iters)					\
	static void kbench_fn_##area##_##what(struct kbench_ctx *b);	\
	static const struct kbench kbench_##area##_##what		\
	    __used __section("kbench_set") __aligned(8) = {		\
		.name = #area "." #what,				\
		.fn = kbench_fn_##area##_##what, .iterations = (iters) };\
	static void kbench_fn_##area##_##what(struct kbench_ctx *b)

#define KBENCH(area, what)	KBENCH_ITERS(area, what, 10000)

void kbench_start(struct kbench_ctx *b);
void kbench_stop(struct kbench_ctx *b);
int kbench_run(const char *selection);

#endif /* KERNEL_KTEST_KBENCH_H */
