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

/*
 * Bring-up of a secondary: up to CPU_START_ATTEMPTS requests to the
 * firmware, CPU_START_WAIT_NS apart, within CPU_START_DEADLINE_NS.  Virtual
 * time follows the host clock, so a loaded host can make a healthy hart
 * late: the deadline is generous, and a request is repeated only when the
 * firmware says the hart is stopped (machine_cpu_start).
 */
#define CPU_START_ATTEMPTS	3
#define CPU_START_WAIT_NS	(2 * NSEC_PER_SEC)
#define CPU_START_DEADLINE_NS	(8 * NSEC_PER_SEC)
#define CPU_START_RETRY_NS	(50 * NSEC_PER_MSEC)	/* after a refusal */

static void
cpu_go_online(void)
{
	machine_cpu_init();
	__atomic_store_n(&cpu_current()->online, true, __ATOMIC_RELEASE);
	intr_enable();
}

/* wait until cpu i is online or gave up, or until the deadline */
static bool
cpu_wait_online(uint32_t i, uint64_t deadline)
{
	/* sleep, not spin: under qemu -icount a spinning hart starves the rest */
	while (!__atomic_load_n(&cpus[i].online, __ATOMIC_ACQUIRE) &&
	    __atomic_load_n(&cpus[i].start_failed, __ATOMIC_ACQUIRE) == NULL &&
	    nanotime() < deadline)
		thread_sleep_ns(100 * NSEC_PER_USEC);
	return __atomic_load_n(&cpus[i].online, __ATOMIC_ACQUIRE);
}

static void
cpu_report_offline(uint32_t i, int attempts, int last)
{
	char why[160];

	if (last == MACHINE_CPU_NOMEM) {
		printf("rvmach: hart %u left offline: no memory for its stacks\n",
		    cpus[i].hartid);
		return;
	}
	if (cpus[i].start_failed != NULL) {
		printf("rvmach: hart %u left offline: %s\n", cpus[i].hartid,
		    cpus[i].start_failed);
		return;
	}
	machine_cpu_describe(i, why, sizeof(why));
	printf("rvmach: hart %u did not come online (%s, %d attempt%s)\n",
	    cpus[i].hartid, why, attempts, attempts == 1 ? "" : "s");
}

/* start cpu i; a hart that cannot start is reported and left offline */
static void
start_secondary(uint32_t i)
{
	uint64_t now = nanotime(), deadline = now + CPU_START_DEADLINE_NS;
	int attempts = 0, r = MACHINE_CPU_REFUSED;

	while (attempts < CPU_START_ATTEMPTS && now < deadline) {
		uint64_t until = now + CPU_START_WAIT_NS;

		r = machine_cpu_start(i);
		attempts++;
		if (r == MACHINE_CPU_NOMEM)
			break;
		if (r == MACHINE_CPU_REFUSED)	/* ask again soon, not in 2 s */
			until = now + CPU_START_RETRY_NS;
		if (cpu_wait_online(i, until < deadline ? until : deadline))
			return;
		if (cpus[i].start_failed != NULL)
			break;
		now = nanotime();
	}
	cpu_report_offline(i, attempts, r);
}

static void
start_secondaries(void)
{
	for (uint32_t i = 1; i < ncpus; i++)
		start_secondary(i);
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

static bool (*init_start)(const char *path);

void
kernel_register_init(bool (*start)(const char *path))
{
	init_start = start;
}

static void
console_loop(void) __noreturn;
static void
console_loop(void)
{
	printf("rvmach: this is the kernel console "
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
	if (init_start != NULL) {
		sel = bootarg("init");
		init_start(sel != NULL ? sel : "/sbin/init");
	}
	console_loop();
}

void
kernel_main_secondary(void)
{
	struct cpu *c = cpu_current();

	/* no idle thread, no scheduling here: stay offline, tell the boot hart */
	if (sched_prepare_idle() != KERN_SUCCESS) {
		__atomic_store_n(&c->start_failed, "no memory for its idle thread",
		    __ATOMIC_RELEASE);
		machine_cpu_stop();
	}
	cpu_go_online();
	sched_start_idle();
}
