/*
 * kernel/cpu.h - per-hart data.
 *
 * Each online hart has one struct cpu, reached through cpu_current() (tp),
 * so nothing here needs a global lock.  Modules that keep per-hart state use
 * arrays indexed by cpu_number().
 *
 * Locks:
 *	c	constant once the hart is online
 *	o	only the owning hart touches it (with interrupts off)
 *	a	atomic
 */
#ifndef KERNEL_CPU_H
#define KERNEL_CPU_H

#include "kernel/lib/types.h"
#include <machine/cpu.h>

#define MAX_CPUS	64

struct thread;
struct sched_cpu;
struct trapframe;
struct spinlock;

struct cpu {
	/* offsets 0..31 are used by trap entry assembly (arch/riscv/trap.S) */
	struct cpu *self;		/* [c] */
	uint64_t trap_scratch;		/* [o] trap entry spill slot */
	vaddr_t	kstack_top;		/* [c] top of this hart's boot stack */
	vaddr_t	ovf_stack_top;		/* [c] stack for a kernel stack overflow */
	struct thread *thread;		/* [o] the thread running on this hart */
	struct sched_cpu *sched;	/* [c] the scheduler's data for it */
	uint32_t id;			/* [c] dense index, 0..ncpus-1 */
	uint32_t hartid;		/* [c] the hart's id from the DTB */
	int	intr_depth;		/* [o] spinlock / intr_push nesting */
	uint64_t intr_saved;		/* [o] interrupt state at depth 0 */
	volatile bool online;		/* [a] */
	const char *volatile start_failed; /* [a] why it left instead (bring-up) */
	bool	has_sstc;		/* [c] */
	uint32_t plic_ctx;		/* [c] PLIC S-mode context */
	volatile uint64_t ipi_pending;	/* [a] IPI_* bits */
	uint64_t nintr;			/* [o] interrupts taken */
	struct trapframe *trap_frame;	/* [o] innermost trap, for panics */
	const struct spinlock *held[8];	/* [o] ranked locks held (debug builds) */
	uint32_t nheld;			/* [o] */
	bool	copy_nofault;		/* [o] a fault ends copyin/copyout at once,
					   unresolved (copyout_nofault) */
};

extern struct cpu cpus[MAX_CPUS];
extern uint32_t ncpus;			/* harts the platform reported usable */

static inline uint32_t
cpu_number(void)
{
	return cpu_current()->id;
}

/* intr_push/intr_pop - nestable interrupt disabling (xv6 push_off/pop_off) */
static inline void
intr_push(void)
{
	uint64_t s = intr_disable();
	struct cpu *c = cpu_current();

	if (c->intr_depth++ == 0)
		c->intr_saved = s;
}

void intr_pop_check_failed(void) __noreturn;

static inline void
intr_pop(void)
{
	struct cpu *c = cpu_current();

	if (KDEBUG && (intr_enabled() || c->intr_depth < 1))
		intr_pop_check_failed();
	if (--c->intr_depth == 0)
		intr_restore(c->intr_saved);
}

/*
 * cpu_thread - the running thread, read in one instruction so that it is
 * right even if the caller is preempted and moved just before or after.
 */
static inline struct thread *
cpu_thread(void)
{
	return machine_cpu_load_ptr(__builtin_offsetof(struct cpu, thread));
}

/* number of harts online now */
uint32_t cpus_online(void);

#endif /* KERNEL_CPU_H */
