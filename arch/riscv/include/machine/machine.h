/*
 * <machine/machine.h> - bringing the machine up and down: start-up, harts,
 * power, the command line.  Timers are in <machine/clock.h>, IPIs and
 * device interrupts in <machine/intr.h>, page tables in <machine/pmap.h>.
 */
#ifndef MACHINE_MACHINE_H
#define MACHINE_MACHINE_H

#include "kernel/lib/types.h"

/* power */
void machine_poweroff(bool failure) __noreturn;
void machine_halt_hart(void) __noreturn;		/* this hart, forever */

/*
 * Secondary harts (boot hart only): ask the firmware to start cpu_id, which
 * then enters kernel_main_secondary() on its own stack with the MMU on.
 * Safe to call again while the hart is on its way (see arch/riscv/boot.c).
 */
#define MACHINE_CPU_ASKED	0	/* the firmware took the request */
#define MACHINE_CPU_PENDING	1	/* already starting or started */
#define MACHINE_CPU_NOMEM	(-1)	/* no memory for its stacks */
#define MACHINE_CPU_REFUSED	(-2)	/* the firmware said no */
int machine_cpu_start(uint32_t cpu_id);
/* the firmware's view of a hart that is not online, for a message */
void machine_cpu_describe(uint32_t cpu_id, char *buf, size_t len);
/* the calling secondary leaves (back to the firmware); never returns */
void machine_cpu_stop(void) __noreturn;

/* the kernel command line (DTB /chosen/bootargs) */
const char *machine_bootargs(void);
/* boot hart, once: interrupt controller and console input */
void machine_startup(void);
/* every hart, once: its timer, IPIs, external interrupts */
void machine_cpu_init(void);

/* the initial RAM disk the firmware loaded (/chosen): false if none */
bool machine_initrd(paddr_t *start, uint64_t *size);

/* run fn(arg) on the stack whose top is sp; does not return */
void machine_call_on_stack(vaddr_t sp, void (*fn)(void *), void *arg) __noreturn;

#endif /* MACHINE_MACHINE_H */
