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

/* start a hart: it enters fn(cpu) on stack sp with the MMU on */
int machine_cpu_start(uint32_t cpu_id, vaddr_t sp);

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
