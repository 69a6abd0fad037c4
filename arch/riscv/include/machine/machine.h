/*
 * <machine/machine.h> - what the machine layer offers the machine-independent
 * kernel: timer, IPIs, interrupts, power, kernel mappings.
 */
#ifndef MACHINE_MACHINE_H
#define MACHINE_MACHINE_H

#include "kernel/lib/types.h"

/* timer: deadlines in timebase ticks (cpu_time()) */
uint64_t machine_timebase_hz(void);
void machine_timer_set(uint64_t deadline_ticks);	/* this hart */

/* IPIs: raise the software interrupt on the hart of cpu id */
void machine_ipi_send(uint32_t cpu_id);

/* power */
void machine_poweroff(bool failure) __noreturn;
void machine_halt_hart(void) __noreturn;		/* this hart, forever */

/* external interrupts (PLIC): handler runs in interrupt context */
int machine_irq_register(uint32_t irq, void (*fn)(void *arg), void *arg);

/* kernel mappings (4 KiB pages, kernel address space, all harts) */
#define KMAP_R	0x1
#define KMAP_W	0x2
#define KMAP_X	0x4
int pmap_kenter(vaddr_t va, paddr_t pa, unsigned prot);	/* 0, or -1: no memory */
void pmap_kremove(vaddr_t va);
void pmap_kremove_range(vaddr_t va, unsigned npages);	/* one shootdown */
bool pmap_kernel_mapped(vaddr_t va);
paddr_t pmap_kextract(vaddr_t va);			/* 0 if unmapped */
unsigned pmap_kprot(vaddr_t va);			/* KMAP_* bits, 0 if unmapped */

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

/* run fn(arg) on the stack whose top is sp; does not return */
void machine_call_on_stack(vaddr_t sp, void (*fn)(void *), void *arg) __noreturn;

#endif /* MACHINE_MACHINE_H */
