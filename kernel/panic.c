/*
 * kernel/panic.c - stop everything and say why.
 */
#include <machine/machine.h>
#include <machine/trap.h>
#include "kernel/console.h"
#include "kernel/cpu.h"
#include "kernel/ipi.h"
#include "kernel/lib/ksyms.h"
#include "kernel/lib/printf.h"
#include "kernel/panic.h"

#define NO_CPU	0xffffffffu

static volatile uint32_t panic_cpu = NO_CPU;	/* [a] the hart that panics */

static void
print_frame(uint64_t pc, void *arg)
{
	int *n = arg;
	uint64_t off;
	const char *name = ksym_lookup(pc, &off);

	if (name != NULL)
		printf("  #%-2d %016lx %s+%#lx\n", (*n)++, pc, name, off);
	else
		printf("  #%-2d %016lx ?\n", (*n)++, pc);
}

static void
backtrace(uint64_t fp, uint64_t pc)
{
	int n = 0;

	machine_backtrace(fp, pc, print_frame, &n);
}

/* the first hart to panic stops the others; any later one just halts */
static void
panic_enter(void)
{
	uint32_t me = cpu_number(), none = NO_CPU;

	intr_disable();
	if (!__atomic_compare_exchange_n(&panic_cpu, &none, me, false,
	    __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
		if (panic_cpu == me) {
			console_panic_mode();
			printf("\npanic: recursive panic on hart %u\n",
			    cpu_current()->hartid);
			machine_poweroff(true);
		}
		machine_halt_hart();
	}
	console_panic_mode();
	for (uint32_t i = 0; i < ncpus; i++) {
		if (i != me && cpus[i].online)
			ipi_send(i, IPI_STOP);
	}
}

static void
vpanic(struct trapframe *tf, const char *fmt, va_list ap) __noreturn;
static void
vpanic(struct trapframe *tf, const char *fmt, va_list ap)
{
	struct cpu *c;

	panic_enter();
	c = cpu_current();
	printf("\npanic: hart %u (cpu %u): ", c->hartid, c->id);
	vprintf(fmt, ap);
	printf("\n");
	if (tf == NULL)
		tf = c->trap_frame;
	if (tf != NULL) {
		printf("trap frame:\n");
		trap_print(tf);
		printf("backtrace at the trap:\n");
		backtrace(tf->regs[TF_S0], tf->sepc);
	}
	printf("backtrace:\n");
	backtrace((uint64_t)__builtin_frame_address(0), 0);
	printf("panic: powering off\n");
	machine_poweroff(true);
}

void
panic(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vpanic(NULL, fmt, ap);
}

void
panic_trap(struct trapframe *tf, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vpanic(tf, fmt, ap);
}
