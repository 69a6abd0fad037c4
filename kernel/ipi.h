/*
 * kernel/ipi.h - inter-processor interrupts and cross-calls.
 */
#ifndef KERNEL_IPI_H
#define KERNEL_IPI_H

#include "kernel/lib/types.h"

#define IPI_XCALL	0x1	/* run queued cross-calls */
#define IPI_STOP	0x2	/* panic: stop this hart */
#define IPI_NOP		0x4	/* just wake from wfi */

void ipi_send(uint32_t cpu, uint64_t kind);
void ipi_intr(void);		/* from the machine's software interrupt */

/*
 * xcall - run fn(arg) on hart cpu from its IPI handler and wait until it
 * has run.  Called with interrupts enabled (so two harts cross-calling
 * each other both make progress).  Running on the calling hart calls fn
 * directly.  Returns 0, or -1 if cpu is not online.
 */
int xcall(uint32_t cpu, void (*fn)(void *arg), void *arg);
/* xcall_others - xcall on every other online hart */
void xcall_others(void (*fn)(void *arg), void *arg);
void ipi_init(void);

#endif /* KERNEL_IPI_H */
