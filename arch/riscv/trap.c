/*
 * arch/riscv/trap.c - one C function per trap cause.
 *
 * Interrupts go to the machine-independent handlers (timer, IPI, external
 * via the PLIC).  A kernel exception is a kernel bug: panic with the frame.
 */
#include <machine/csr.h>
#include <machine/pmap.h>
#include <machine/trap.h>
#include <machine/vmparam.h>
#include "arch/riscv/riscv.h"
#include "kernel/cpu.h"
#include "kernel/ipi.h"
#include "kernel/lib/printf.h"
#include "kernel/panic.h"
#include "kernel/sched/sched.h"
#include "kernel/sched/timer.h"

STATIC_ASSERT(sizeof(struct trapframe) == TF_SIZE, "trap frame layout");
STATIC_ASSERT(offsetof(struct trapframe, sepc) == TF_SEPC, "trap frame sepc");
STATIC_ASSERT(offsetof(struct cpu, self) == CPU_SELF, "cpu.self");
STATIC_ASSERT(offsetof(struct cpu, trap_scratch) == CPU_TRAP_SCRATCH, "cpu.trap_scratch");
STATIC_ASSERT(offsetof(struct cpu, kstack_top) == CPU_KSTACK_TOP, "cpu.kstack_top");
STATIC_ASSERT(offsetof(struct cpu, ovf_stack_top) == CPU_OVF_STACK_TOP, "cpu.ovf_stack_top");
STATIC_ASSERT(offsetof(struct cpu, thread) == CPU_THREAD, "cpu.thread");

void trap_kernel(struct trapframe *tf);
void trap_kstack_overflow(uint64_t sepc, uint64_t sp, uint64_t stval,
    uint64_t s0, uint64_t ra) __noreturn;

static const char *const exc_names[] = {
	[CAUSE_INST_MISALIGNED] = "instruction address misaligned",
	[CAUSE_INST_ACCESS] = "instruction access fault",
	[CAUSE_ILLEGAL] = "illegal instruction",
	[CAUSE_BREAKPOINT] = "breakpoint",
	[CAUSE_LOAD_MISALIGNED] = "load address misaligned",
	[CAUSE_LOAD_ACCESS] = "load access fault",
	[CAUSE_STORE_MISALIGNED] = "store address misaligned",
	[CAUSE_STORE_ACCESS] = "store access fault",
	[CAUSE_ECALL_U] = "ecall from U-mode",
	[CAUSE_ECALL_S] = "ecall from S-mode",
	[CAUSE_INST_PAGE_FAULT] = "instruction page fault",
	[CAUSE_LOAD_PAGE_FAULT] = "load page fault",
	[CAUSE_STORE_PAGE_FAULT] = "store page fault",
};

static const char *
exc_name(uint64_t cause)
{
	if (cause < ARRAY_SIZE(exc_names) && exc_names[cause] != NULL)
		return exc_names[cause];
	return "unknown exception";
}

void trap_interrupt(struct trapframe *tf, uint64_t irq);

void
trap_interrupt(struct trapframe *tf, uint64_t irq)
{
	switch (irq) {
	case IRQ_S_TIMER:
		riscv_timer_intr();
		break;
	case IRQ_S_SOFT:
		csr_clear(sip, SIP_SSIP);
		ipi_intr();
		break;
	case IRQ_S_EXT:
		plic_intr();
		break;
	default:
		panic_trap(tf, "trap_kernel: unexpected interrupt %lu", irq);
	}
}

bool
machine_intr_from_user(void)
{
	const struct trapframe *tf = cpu_current()->trap_frame;

	return tf != NULL && !(tf->sstatus & SSTATUS_SPP);
}

/* a copyin/copyout fault on a user address: handled (else a kernel bug) */
static bool
kernel_exception(struct trapframe *tf, uint64_t cause)
{
	if (cause == CAUSE_LOAD_PAGE_FAULT)
		return machine_copy_fault(tf, VM_PROT_READ);
	if (cause == CAUSE_STORE_PAGE_FAULT)
		return machine_copy_fault(tf, VM_PROT_WRITE);
	return false;
}

void
trap_kernel(struct trapframe *tf)
{
	struct cpu *c = cpu_current();
	struct trapframe *outer = c->trap_frame;
	uint64_t cause = tf->scause;

	c->trap_frame = tf;
	if (cause & SCAUSE_INTR) {
		c->nintr++;
		trap_interrupt(tf, cause & ~SCAUSE_INTR);
		c->trap_frame = outer;		/* an interrupt never leaves the hart */
	} else {
		if (!kernel_exception(tf, cause))
			panic_trap(tf, "kernel %s at %#lx, stval %#lx",
			    exc_name(cause), tf->sepc, tf->stval);
		/*
		 * A copy fault may sleep and wake on another hart (interrupts
		 * are off again now): the slot to restore is that hart's, not
		 * c's, whose interrupt may be using it by now (writing outer
		 * back there made a timer tick there read a dead thread's frame
		 * in machine_intr_from_user).  Elsewhere nothing of ours is in
		 * the slot, and outer was the other hart's.
		 */
		if (cpu_current() == c)
			c->trap_frame = outer;
		else
			cpu_current()->trap_frame = NULL;
	}
	/* interrupted code could be preempted: switch now if asked */
	if (tf->sstatus & SSTATUS_SPIE)
		sched_preempt_check();
}

/*
 * On the overflow stack: only the registers trap.S could keep are known,
 * enough for the cause and a backtrace through the frames still mapped.
 */
void
trap_kstack_overflow(uint64_t sepc, uint64_t sp, uint64_t stval, uint64_t s0,
    uint64_t ra)
{
	static struct trapframe tf[MAX_CPUS];
	struct trapframe *t = &tf[cpu_number()];

	t->sepc = sepc;
	t->stval = stval;
	t->scause = csr_read(scause);
	t->sstatus = csr_read(sstatus);
	t->regs[TF_SP] = sp;
	t->regs[TF_S0] = s0;
	t->regs[TF_RA] = ra;
	panic_trap(t, "kernel stack overflow: sp %#lx, pc %#lx, stval %#lx",
	    sp, sepc, stval);
}

static const char *const reg_names[32] = {
	"zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2",
	"s0", "s1", "a0", "a1", "a2", "a3", "a4", "a5",
	"a6", "a7", "s2", "s3", "s4", "s5", "s6", "s7",
	"s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6",
};

void
trap_print(const struct trapframe *tf)
{
	printf(" sepc %016lx sstatus %016lx\n scause %016lx stval %016lx\n",
	    tf->sepc, tf->sstatus, tf->scause, tf->stval);
	for (int i = 1; i < 32; i++)
		printf(" %4s %016lx%s", reg_names[i], tf->regs[i],
		    i % 4 == 3 ? "\n" : "");
	printf("\n");
}

/*
 * With frame pointers, s0 points just above the frame; the return
 * address sits at s0-8 and the caller's s0 at s0-16.  Stop at anything
 * outside kernel addresses or misaligned, and after 32 frames.
 */
void
machine_backtrace(uint64_t fp, uint64_t pc, void (*fn)(uint64_t pc, void *arg),
    void *arg)
{
	if (pc != 0)
		fn(pc, arg);
	for (int depth = 0; depth < 32; depth++) {
		if (fp < PHYSMAP_BASE || !IS_ALIGNED(fp, 8) ||
		    !pmap_kernel_mapped(fp - 16))
			return;
		uint64_t ra = ((uint64_t *)fp)[-1];
		uint64_t next = ((uint64_t *)fp)[-2];
		if (ra == 0)
			return;
		fn(ra - 4, arg);
		if (next <= fp)
			return;
		fp = next;
	}
}
