/*
 * kernel/ipi.h - inter-processor interrupts and cross-calls.
 */
#ifndef KERNEL_IPI_H
#define KERNEL_IPI_H

#include "kernel/cpu.h"
#include "kernel/lib/types.h"

#define IPI_XCALL	0x1	/* run queued cross-calls */
#define IPI_STOP	0x2	/* panic: stop this hart */
#define IPI_NOP		0x4	/* just wake from wfi */

void ipi_send(uint32_t cpu, uint64_t kind);
void ipi_intr(void);		/* from the machine's software interrupt */

/* a set of harts by cpu id (MAX_CPUS is 64) */
typedef uint64_t cpumask_t;
#define CPUMASK_BIT(cpu)	((cpumask_t)1 << (cpu))
_Static_assert(MAX_CPUS <= 64, "cpumask_t holds MAX_CPUS bits");

/* the harts online now */
cpumask_t cpus_online_mask(void);

/*
 * xcall_mask - run fn(arg) on every online hart in mask and wait until all
 * have run it: the calling hart's own (if in mask) directly, the others
 * from their IPI handler.  The caller is pinned to its hart for the whole
 * call (preemption disabled by the caller, or by xcall_mask itself when
 * the caller has a thread), so "this hart" means the same hart from the
 * moment mask is read to the last answer.  Interrupts must be on (two
 * harts cross-calling each other both make progress); fn runs with
 * interrupts off and must not block or cross-call.  Harts in mask that are
 * not online are skipped.  Returns the mask of harts that ran fn.
 */
cpumask_t xcall_mask(cpumask_t mask, void (*fn)(void *arg), void *arg);
/* xcall - xcall_mask on one hart; 0, or -1 if cpu is not online */
int xcall(uint32_t cpu, void (*fn)(void *arg), void *arg);
void ipi_init(void);

#endif /* KERNEL_IPI_H */
