/*
 * kernel/main.c - bring the machine-independent kernel up on every hart,
 * then run what the command line asks for: ktest, bench, or the console.
 */
#include <machine/machine.h>
#include "kernel/console.h"
#include "kernel/cpu.h"
#include "kernel/ipi.h"
#include "kernel/kernel.h"
#include "kernel/ktest/kbench.h"
#include "kernel/ktest/ktest.h"
#include "kernel/lib/printf.h"
#include "kernel/panic.h"
#include "kernel/sched/sched.h"
#include "kernel/startup.h"
#include "kernel/sched/timer.h"
#include "kernel/vm/vm_page.h"

#define CPU_START_TIMEOUT_NS	(2 * NSEC_PER_SEC)

static void
cpu_go_online(void)
{
	machine_cpu_init();
	__atomic_store_n(&cpu_current()->online, true, __ATOMIC_RELEASE);
	intr_enable();
}

static void
start_secondaries(void)
{
	for (uint32_t i = 1; i < ncpus; i++) {
		uint64_t deadline;

		if (machine_cpu_start(i, 0) != 0)
			continue;
		deadline = nanotime() + CPU_START_TIMEOUT_NS;
		/* sleep, not spin: under qemu -icount a spinning hart starves the rest */
		while (!__atomic_load_n(&cpus[i].online, __ATOMIC_ACQUIRE) &&
		    nanotime() < deadline)
			thread_sleep_ns(100 * NSEC_PER_USEC);
		if (!cpus[i].online)
			printf("rvmach: hart %u did not come online\n", cpus[i].hartid);
	}
}

static void
print_harts_online(void)
{
	printf("rvmach: %u of %u harts online:", cpus_online(), ncpus);
	for (uint32_t i = 0; i < ncpus; i++) {
		if (cpus[i].online)
			printf(" %u", cpus[i].hartid);
	}
	printf("\n");
}

static void
console_loop(void) __noreturn;
static void
console_loop(void)
{
	printf("rvmach: no user space yet; this is the kernel console "
	    "(it echoes what you type; Ctrl-A X quits QEMU)\n");
	intr_enable();
	for (;;) {
		int c = console_getc();

		if (c < 0) {
			thread_sleep_ns(10 * NSEC_PER_MSEC);
			continue;
		}
		printf("%c", c == '\r' ? '\n' : c);
	}
}

void
kernel_main(void)
{
	struct vm_page_stats ps;
	const char *sel;

	printf("\nrvmach %s (riscv64): booting on hart %u\n", RVMACH_VERSION,
	    cpu_current()->hartid);
	vm_page_get_stats(&ps);
	printf("rvmach: %lu MiB of RAM free (%lu pages)\n",
	    ps.free * PAGE_SIZE >> 20, ps.free);
	bootargs_init();
	ipi_init();
	timer_init();
	machine_startup();
	sched_init();
	sched_init_cpu();		/* this context becomes the kernel_main thread */
	cpu_go_online();
	thread_reaper_start();
	startup_run();			/* STARTUP(): VM, tasks (kernel/startup.h) */
	start_secondaries();
	print_harts_online();

	if ((sel = bootarg("ktest")) != NULL || bootarg("utest") != NULL)
		machine_poweroff(ktest_run(sel != NULL ? sel : "") != 0);
	if ((sel = bootarg("bench")) != NULL)
		machine_poweroff(kbench_run(sel) != 0);
	console_loop();
}

void
kernel_main_secondary(void)
{
	cpu_go_online();
	sched_start_idle();
}
