/*
 * test/bench/trap.c - the cost of a trap from user mode.
 *
 *	trap.null	one RVMACH_TRAP_null ecall from user mode and back
 *			(U -> S -> U: trap entry, the table, a function that
 *			returns 0, trap exit), per op
 *
 * It has to run in user mode, so the work is done by test/bench_trap from
 * the initrd (test/user/bench_trap.c): it reads rdinstret around TRAP_CALLS
 * traps (best of several rounds, loop overhead subtracted) and returns the
 * instruction count as its exit status, which task_wait_exit hands back
 * here.  A status below TRAP_CALLS (under one instruction per trap) is no
 * measurement: the program could not start its loop (status 1) or died
 * (128 + the exception).  Without an initrd (bench.py passes -initrd) the
 * bench reports 0 iterations.
 */
#include "kernel/lib/printf.h"
#include "task/exec.h"
#include "test/bench/bench_util.h"

#define TRAP_CALLS		10000
#define TRAP_CALLS_STR		"10000"

KBENCH_ITERS(trap, null, TRAP_CALLS)
{
	const char *argv[] = { "bench_trap", TRAP_CALLS_STR, NULL };
	const char *envp[] = { NULL };
	const char *why = "";
	kern_return_t kr;
	task_t t;
	int status;

	kr = task_spawn_initrd("test/bench_trap", argv, envp, &t, &why);
	if (kr != KERN_SUCCESS) {
		printf("# bench: trap.null: cannot start test/bench_trap: %d %s\n",
		    kr, why != NULL ? why : "");
		b->iterations = 0;
		return;
	}
	status = task_wait_exit(t);
	task_deallocate(t);
	if (status < TRAP_CALLS) {
		printf("# bench: trap.null: test/bench_trap ended with status %d\n",
		    status);
		b->iterations = 0;
		return;
	}
	bench_report(b, (uint64_t)status, TRAP_CALLS);
}
