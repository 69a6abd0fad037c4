/*
 * test/user/threads.c - threads of one task share memory and keep their own
 * registers and TLS.
 *
 * NTHREADS threads made with rvmach_thread_start (rvmach_thread_create
 * with a TLS block and gp/tp set up), each on its own stack from a static
 * array, add to one counter with atomics NADDS times, yielding now and
 * then, check that their own errno (thread-local) kept its value, then
 * count themselves done and call rvmach_thread_exit.  The main thread
 * yields (swtch_pri, thread_switch) until all are done, then checks the
 * sum.
 */
#include <errno.h>
#include <stdint.h>

#include <mach/mach_traps.h>
#include <mach/rvmach_debug.h>

#include "ktap.h"

#define NTHREADS	8
#define NADDS		100000
#define STACK_SIZE	(16 * 1024)
#define MAX_YIELDS	10000000	/* the main thread gives up after this */

static uint8_t stacks[NTHREADS][STACK_SIZE] __attribute__((aligned(16)));
static uint64_t counter;		/* [a] */
static int done;			/* [a] threads finished */
static int tls_bad;			/* [a] threads whose errno changed */

static void
worker(void *arg)
{
	int id = (int)(uintptr_t)arg;

	errno = 1000 + id;
	for (int i = 0; i < NADDS; i++) {
		__atomic_fetch_add(&counter, 1, __ATOMIC_RELAXED);
		if ((i & 4095) == 0)
			swtch_pri(0);
	}
	if (errno != 1000 + id)
		__atomic_fetch_add(&tls_bad, 1, __ATOMIC_RELAXED);
	__atomic_fetch_add(&done, 1, __ATOMIC_RELEASE);
	rvmach_thread_exit();
}

int
main(void)
{
	int created = 0;
	long yields = 0;

	ktap_plan("threads", 4);
	errno = 7;
	for (int i = 0; i < NTHREADS; i++) {
		kern_return_t kr = rvmach_thread_start(worker,
		    (void *)(uintptr_t)i, stacks[i], sizeof(stacks[i]));

		if (kr != KERN_SUCCESS)
			ktap_diag("thread %d: rvmach_thread_start returned %d",
			    i, kr);
		else
			created++;
	}
	ktap_ok(created == NTHREADS, "create_%d", NTHREADS);
	while (__atomic_load_n(&done, __ATOMIC_ACQUIRE) < created &&
	    yields < MAX_YIELDS) {
		if (yields++ & 1)
			thread_switch(MACH_PORT_NULL, SWITCH_OPTION_NONE, 0);
		else
			swtch_pri(0);
	}
	ktap_ok(__atomic_load_n(&done, __ATOMIC_ACQUIRE) == created,
	    "all_exit");
	ktap_diag("counter %llu after %ld yields",
	    (unsigned long long)__atomic_load_n(&counter, __ATOMIC_RELAXED),
	    yields);
	ktap_ok(__atomic_load_n(&counter, __ATOMIC_RELAXED) ==
	    (uint64_t)created * NADDS, "atomic_sum");
	ktap_ok(tls_bad == 0 && errno == 7, "errno_per_thread");
	return ktap_done();
}
