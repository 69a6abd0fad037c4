/*
 * <machine/trap.h> - the trap frame: every general register plus the trap CSRs.
 *
 * Laid out as trap.S saves it; regs[n] is register xn (regs[0] unused).
 */
#ifndef MACHINE_TRAP_H
#define MACHINE_TRAP_H

#define TF_REGS		0
#define TF_SEPC		(32 * 8)
#define TF_SSTATUS	(33 * 8)
#define TF_SCAUSE	(34 * 8)
#define TF_STVAL	(35 * 8)
#define TF_SIZE		(36 * 8)

/* struct cpu offsets used by trap.S (checked in arch/riscv/trap.c) */
#define CPU_SELF		0
#define CPU_TRAP_SCRATCH	8
#define CPU_KSTACK_TOP		16
#define CPU_OVF_STACK_TOP	24
#define CPU_THREAD		32
/* struct thread offsets used by trap.S (checked in kernel/sched/thread.c) */
#define THREAD_UFRAME		40	/* thread.mt.uframe: mt follows ctx */
#define THREAD_AST		336	/* thread.ast */
#define THREAD_SWITCHED_IN	340	/* thread.switched_in, just after ast */
/* the Mach trap table the task layer registers (arch/riscv/usermode.c) */
#define TRAP_TABLE_SIZE		256

#ifndef __ASSEMBLER__
#include "kernel/lib/types.h"

struct trapframe {
	uint64_t regs[32];
	uint64_t sepc;
	uint64_t sstatus;
	uint64_t scause;
	uint64_t stval;
};

#define TF_RA	1
#define TF_SP	2
#define TF_S0	8
#define TF_A0	10

void trap_print(const struct trapframe *tf);
/* machine_backtrace - call fn for each return address from frame pointer fp */
void machine_backtrace(uint64_t fp, uint64_t pc, void (*fn)(uint64_t pc, void *arg),
    void *arg);
#endif

#endif /* MACHINE_TRAP_H */
