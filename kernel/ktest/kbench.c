/*
 * kernel/ktest/kbench.c - run the selected benchmarks and print
 * instructions per operation ("BENCH name ipo iterations").
 */
#include "kernel/cpu.h"
#include "kernel/ktest/kbench.h"
#include "kernel/ktest/ktest.h"
#include "kernel/lib/printf.h"
#include "kernel/sched/sched.h"

extern const struct kbench __kbench_start[], __kbench_end[];


void
kbench_start(struct kbench_ctx *b)
{
	b->saved_intr = intr_disable();
	b->start = cpu_instret();
}

void
kbench_stop(struct kbench_ctx *b)
{
	uint64_t end = cpu_instret();

	b->instructions = end - b->start;
	intr_restore(b->saved_intr);
}

/* instructions of an empty start/stop pair, subtracted from each figure */
static uint64_t
kbench_overhead(void)
{
	struct kbench_ctx b;

	kbench_start(&b);
	kbench_stop(&b);
	return b.instructions;
}

int
kbench_run(const char *sel)
{
	uint64_t overhead = kbench_overhead();
	int n = 0;

	printf("# bench: start (overhead %lu instructions)\n", overhead);
	for (const struct kbench *k = __kbench_start; k < __kbench_end; k++) {
		struct kbench_ctx b = { .iterations = k->iterations };
		uint64_t ins, x100;
		if (!ktest_match(sel, k->name))
			continue;
		thread_reap_wait();	/* no stack shootdowns from earlier benches */
		k->fn(&b);
		ins = b.instructions > overhead ? b.instructions - overhead : 0;
		x100 = b.iterations ? ins * 100 / b.iterations : 0;
		printf("BENCH %s %lu.%02lu %lu\n", k->name, x100 / 100, x100 % 100,
		    b.iterations);
		n++;
	}
	printf("# bench: %d done\n", n);
	return 0;
}
