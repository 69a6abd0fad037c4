/*
 * test/user/bench_trap.c - the trap.null benchmark's user side: the
 * instructions retired by N null traps (ecall with RVMACH_TRAP_null, the
 * kernel's whole U -> S -> U path for a trap that does nothing).
 *
 *	bench_trap N	exit status: the instructions of N traps, loop
 *			overhead subtracted; 1: bad argument
 *
 * Run by the trap.null KBENCH (test/bench/trap.c), not by the utest runner
 * (it skips bench_ programs).  The figure goes back as the exit status, a
 * full int in rvmach (<mach/rvmach_debug.h> rvmach_task_exit), so the
 * kernel side prints the BENCH line with the others.  rdinstret counts
 * every instruction retired on this hart, user and kernel alike; under
 * qemu -icount shift=0 it is exact.  A clock tick may land in a round, so
 * the best of ROUNDS rounds is taken.
 */
#include <stdint.h>
#include <stdlib.h>

#include <mach/riscv/trap.h>
#include <mach/rvmach_debug.h>
#include <mach/syscall_sw.h>

#define ROUNDS		5
#define MAX_CALLS	100000

/*
 * Also what keeps .rodata non-empty: without any, the SDK's link gives an
 * empty PT_LOAD at address 0, which user.elf_check rejects.
 */
static const char usage[] = "usage: bench_trap N (1..100000)\n";

static inline uint64_t
instret(void)
{
	uint64_t v;

	__asm__ volatile("rdinstret %0" : "=r"(v));
	return v;
}

/* instructions of n null traps, the loop included */
static uint64_t
traps(long n)
{
	uint64_t start = instret();

	for (long i = 0; i < n; i++)
		rvmach_trap0(RVMACH_TRAP_null);
	return instret() - start;
}

/* instructions of the same loop with no trap in it */
static uint64_t
empty_loop(long n)
{
	uint64_t start = instret();

	for (long i = 0; i < n; i++)
		__asm__ volatile("" ::: "memory");
	return instret() - start;
}

int
main(int argc, char **argv)
{
	uint64_t best = UINT64_MAX, loop = UINT64_MAX;
	long n;

	if (argc != 2 || (n = strtol(argv[1], NULL, 10)) <= 0 || n > MAX_CALLS) {
		rvmach_console_write(usage, sizeof(usage) - 1);
		return 1;
	}
	for (int r = 0; r < ROUNDS; r++) {
		uint64_t t = traps(n), e = empty_loop(n);

		best = t < best ? t : best;
		loop = e < loop ? e : loop;
	}
	return (int)(best > loop ? best - loop : 0);
}
