/*
 * arch/riscv/usermode.c - user threads on the machine: traps from user
 * mode, the way back, copyin/copyout, lazy FP state, thread state.
 *
 * A trap from user mode saves the registers in the thread's user frame
 * (trap.S) and comes to trap_user(): interrupts are handled as in the
 * kernel; exceptions run with interrupts on and go to the task layer's
 * usertrap_ops (system calls, faults the VM resolves or the task sees).
 * Before sret the return path does the AST work and reschedules, and loads
 * the thread's FP registers if this hart does not hold them.
 *
 * FP: a thread starts with sstatus.FS Off; its first FP instruction traps
 * as illegal, which turns FS on (Initial, zeroed registers).  A thread
 * leaving a hart with FS Dirty has its registers saved (the live FS is
 * the last user thread's), and every return to user mode loads them
 * unless this hart's registers are already that thread's.
 */
#include <machine/csr.h>
#include <machine/thread.h>
#include <machine/trap.h>
#include <machine/pmap.h>
#include <mach/exception_types.h>
#include <mach/riscv/thread_status.h>
#include <mach/riscv/vm_param.h>
#include "arch/riscv/riscv.h"
#include "kernel/cpu.h"
#include "kernel/lib/string.h"
#include "kernel/panic.h"
#include "kernel/sched/sched.h"
#include "kernel/copyio.h"
#include "kernel/usertrap.h"

#define FS_OFF		(0ul << 13)
#define FS_INITIAL	(1ul << 13)
#define FS_CLEAN	(2ul << 13)

void fpu_save(struct machine_fpu *f);
void fpu_load(const struct machine_fpu *f);
int riscv_copy_user(void *dst, const void *src, size_t len, vaddr_t *onfault);
long riscv_copy_str(char *dst, const char *src, size_t max);
int riscv_put_user32(uint32_t *dst, uint32_t value, vaddr_t *onfault);
extern char riscv_copy_fault[];
void machine_user_return(struct trapframe *tf) __noreturn;
void trap_user(struct trapframe *tf);
void trap_interrupt(struct trapframe *tf, uint64_t irq);

/* whose FP registers this hart holds (NULL: nobody's for sure) */
static struct machine_thread *fpu_owner[MAX_CPUS];	/* [o] */

STATIC_ASSERT(USERTRAP_TABLE_SIZE == TRAP_TABLE_SIZE, "one trap table size");
STATIC_ASSERT(SSTATUS_SUM == 0x40000, "copy.S: COPY_SSTATUS_SUM");

const struct usertrap_ops *usertrap_ops;
const usertrap_fn *usertrap_table;		/* [c] read by trap.S */
uint64_t usertrap_invalid(const uint64_t args[USERTRAP_NARGS]);
void trap_syscall_slow(struct trapframe *tf);
uint64_t trap_syscall_switched(struct trapframe *tf);

void
usertrap_register(const struct usertrap_ops *ops)
{
	usertrap_ops = ops;
	usertrap_table = ops->table;
}

/* Mach's kern_invalid: an unknown trap number */
uint64_t
usertrap_invalid(const uint64_t args[USERTRAP_NARGS] __unused)
{
	return KERN_INVALID_ARGUMENT;
}

vaddr_t
machine_thread_user_init(struct machine_thread *mt, vaddr_t kstack_top)
{
	struct trapframe *tf = (struct trapframe *)(kstack_top - TF_SIZE);

	memset(tf, 0, sizeof(*tf));
	/* user mode (SPP 0), interrupts on after sret (SPIE), FP off */
	tf->sstatus = SSTATUS_SPIE;
	mt->uframe = tf;
	return ROUNDDOWN((vaddr_t)tf, 16);
}

static inline struct machine_thread *
current_mt(void)
{
	return thread_machine(current_thread());
}

void
machine_thread_switch_slow(struct machine_thread *from, struct machine_thread *to)
{
	uint32_t me = cpu_number();

	/*
	 * The hart's registers are from's if it loaded them here and has not
	 * left since: save them.  (Not "if sstatus.FS is Dirty": a kernel trap
	 * frame restored on the way here can carry another moment's FS.)
	 */
	if (fpu_owner[me] == from) {
		csr_set(sstatus, SSTATUS_FS);
		fpu_save(&from->fpu);
	}
	/* from may change its registers on another hart before it is back */
	fpu_owner[me] = NULL;
	if (from->pmap != to->pmap)
		pmap_activate(to->pmap);
}

/* the registers of mt into this hart for user mode; interrupts off */
static inline void
fpu_make_current(struct machine_thread *mt, struct trapframe *tf)
{
	uint32_t me = cpu_number();

	if ((tf->sstatus & SSTATUS_FS) == FS_OFF)
		return;
	/*
	 * Still this thread's registers: FS stays as it was (Dirty must
	 * survive, or the next switch would not save what it changed).
	 * Loaded now: they equal the saved copy, so Clean.
	 */
	if (fpu_owner[me] == mt)
		return;
	csr_set(sstatus, SSTATUS_FS);
	fpu_load(&mt->fpu);
	fpu_owner[me] = mt;
	tf->sstatus = (tf->sstatus & ~SSTATUS_FS) | FS_CLEAN;
}

/* --- traps from user mode --- */

static void
user_exception(struct trapframe *tf, uint64_t cause)
{
	const struct usertrap_ops *ops = usertrap_ops;
	vm_prot_t access;

	switch (cause) {
	case CAUSE_INST_PAGE_FAULT:
	case CAUSE_LOAD_PAGE_FAULT:
	case CAUSE_STORE_PAGE_FAULT: {
		kern_return_t kr;

		access = cause == CAUSE_INST_PAGE_FAULT ? VM_PROT_EXECUTE :
		    cause == CAUSE_LOAD_PAGE_FAULT ? VM_PROT_READ : VM_PROT_WRITE;
		kr = tf->stval < VM_MAX_ADDRESS ? ops->fault(tf->stval, access) :
		    KERN_INVALID_ADDRESS;
		if (kr != KERN_SUCCESS)
			ops->exception(EXC_BAD_ACCESS, kr, (int64_t)tf->stval,
			    tf->sepc);
		return;
	}
	case CAUSE_ILLEGAL:
		if ((tf->sstatus & SSTATUS_FS) == FS_OFF) {
			/* the first FP instruction: FP on, zeroed registers */
			memset(&current_mt()->fpu, 0, sizeof(struct machine_fpu));
			fpu_owner[cpu_number()] = NULL;
			tf->sstatus |= FS_INITIAL;
			return;
		}
		ops->exception(EXC_BAD_INSTRUCTION, EXC_RISCV_UNDEFINED,
		    (int64_t)tf->stval, tf->sepc);
		return;
	case CAUSE_BREAKPOINT:
		ops->exception(EXC_BREAKPOINT, EXC_RISCV_BREAKPOINT,
		    (int64_t)tf->sepc, tf->sepc);
		return;
	case CAUSE_INST_MISALIGNED:
	case CAUSE_LOAD_MISALIGNED:
	case CAUSE_STORE_MISALIGNED:
		ops->exception(EXC_BAD_ACCESS, EXC_RISCV_ALIGN,
		    (int64_t)tf->stval, tf->sepc);
		return;
	default:
		ops->exception(EXC_BAD_ACCESS, EXC_RISCV_ACCESS,
		    (int64_t)tf->stval, tf->sepc);
		return;
	}
}

/* before sret: ASTs and rescheduling with interrupts on, then FP; ends off */
static void
user_return_work(struct trapframe *tf)
{
	thread_t self = current_thread();

	for (;;) {
		uint32_t ast;

		intr_disable();
		if (sched_resched_pending()) {
			intr_enable();
			thread_yield();
			continue;
		}
		if (!thread_ast_pending())
			break;
		intr_enable();
		ast = thread_ast_take(self);
		if (ast != 0)
			usertrap_ops->ast(ast);
	}
	thread_switched_clear();
	fpu_make_current(thread_machine(self), tf);
}

/*
 * after a system call that left the hart (trap.S, which has cleared
 * thread.switched_in), interrupts off: 0 if it may return the short way
 * (its FP registers made current), 1 if an AST or a reschedule needs the
 * full path
 */
static __always_inline uint64_t
syscall_switched(struct trapframe *tf)
{
	if (sched_resched_pending() || thread_ast_pending())
		return 1;
	fpu_make_current(current_mt(), tf);
	return 0;
}

uint64_t
trap_syscall_switched(struct trapframe *tf)
{
	return syscall_switched(tf);
}

/* after a system call that left an AST (trap.S) */
void
trap_syscall_slow(struct trapframe *tf)
{
	intr_enable();
	user_return_work(tf);
}

void
trap_user(struct trapframe *tf)
{
	struct cpu *c = cpu_current();
	uint64_t cause = tf->scause;

	c->trap_frame = tf;
	if (cause & SCAUSE_INTR) {
		c->nintr++;
		trap_interrupt(tf, cause & ~SCAUSE_INTR);
	} else {
		intr_enable();
		user_exception(tf, cause);
	}
	user_return_work(tf);
	cpu_current()->trap_frame = NULL;
}

/*
 * machine_user_return_direct - the end of machine_switch_context_user, on
 * the stack below tf (the thread's user frame): the scheduler finishes
 * the switch (tail(prev)), then the usual way back to user mode from the
 * frame: rescheduling, ASTs, FP registers, every register from tf.
 */
void
machine_user_return_direct(void *prev, struct trapframe *tf,
    void (*tail)(void *prev))
{
	tail(prev);
	thread_switched_clear();
	if (syscall_switched(tf) != 0) {
		intr_enable();
		user_return_work(tf);
	}
	machine_user_return(tf);
}

/* machine_thread_set_entry - where a user thread not yet running starts */
void
machine_thread_set_entry(struct machine_thread *mt, vaddr_t pc, vaddr_t sp,
    uint64_t a0)
{
	mt->uframe->sepc = pc;
	mt->uframe->regs[TF_SP] = sp;
	mt->uframe->regs[TF_A0] = a0;
}

/*
 * machine_thread_enter_user_frame - the current thread, a user thread,
 * starts running user code with the registers of its frame.
 */
void
machine_thread_enter_user_frame(void)
{
	struct trapframe *tf = current_mt()->uframe;

	user_return_work(tf);
	machine_user_return(tf);
}

/* --- copyin / copyout --- */

static bool
user_range_ok(vaddr_t uaddr, size_t len)
{
	return uaddr + len >= uaddr && uaddr + len <= VM_MAX_ADDRESS;
}

static inline int
copy_guarded(struct machine_thread *mt, void *dst, const void *src, size_t len)
{
	return riscv_copy_user(dst, src, len, &mt->onfault);
}

kern_return_t
copyin(vaddr_t uaddr, void *kaddr, size_t len)
{
	struct machine_thread *mt = current_mt();

	if (len == 0)
		return KERN_SUCCESS;
	if (!user_range_ok(uaddr, len) || mt->pmap == NULL)
		return KERN_INVALID_ADDRESS;
	return copy_guarded(mt, kaddr, (const void *)uaddr, len) == 0 ?
	    KERN_SUCCESS : KERN_INVALID_ADDRESS;
}

kern_return_t
copyout(const void *kaddr, vaddr_t uaddr, size_t len)
{
	struct machine_thread *mt = current_mt();

	if (len == 0)
		return KERN_SUCCESS;
	if (!user_range_ok(uaddr, len) || mt->pmap == NULL)
		return KERN_INVALID_ADDRESS;
	return copy_guarded(mt, (void *)uaddr, kaddr, len) == 0 ?
	    KERN_SUCCESS : KERN_INVALID_ADDRESS;
}

kern_return_t
copyout_nofault(const void *kaddr, vaddr_t uaddr, size_t len)
{
	struct cpu *c = cpu_current();
	struct machine_thread *mt = thread_machine(c->thread);
	int r;

	if (!user_range_ok(uaddr, len) || len == 0 || mt->pmap == NULL)
		return len == 0 ? KERN_SUCCESS : KERN_INVALID_ADDRESS;
	c->copy_nofault = true;
	r = riscv_copy_user((void *)uaddr, kaddr, len, &mt->onfault);
	c->copy_nofault = false;
	return r == 0 ? KERN_SUCCESS : KERN_INVALID_ADDRESS;
}

kern_return_t
copyout_u32(uint32_t value, vaddr_t uaddr)
{
	struct machine_thread *mt = current_mt();

	if ((uaddr & 3) != 0)
		return copyout(&value, uaddr, sizeof(value));
	if (uaddr >= VM_MAX_ADDRESS || mt->pmap == NULL)
		return KERN_INVALID_ADDRESS;
	return riscv_put_user32((uint32_t *)uaddr, value, &mt->onfault) == 0 ?
	    KERN_SUCCESS : KERN_INVALID_ADDRESS;
}

kern_return_t
copyinstr(vaddr_t uaddr, char *kaddr, size_t max, size_t *done)
{
	struct machine_thread *mt = current_mt();
	long n;

	if (max == 0 || uaddr >= VM_MAX_ADDRESS || mt->pmap == NULL)
		return KERN_INVALID_ADDRESS;
	max = MIN(max, VM_MAX_ADDRESS - uaddr);
	mt->onfault = (vaddr_t)riscv_copy_fault;
	csr_set(sstatus, SSTATUS_SUM);
	n = riscv_copy_str(kaddr, (const char *)uaddr, max);
	csr_clear(sstatus, SSTATUS_SUM);
	mt->onfault = 0;
	if (n < 0)
		return KERN_INVALID_ADDRESS;
	if (n == 0)
		return KERN_RESOURCE_SHORTAGE;	/* no NUL within max */
	if (done != NULL)
		*done = (size_t)n;
	return KERN_SUCCESS;
}

/*
 * machine_copy_fault - a page fault in the kernel at addr: if the thread
 * is in a copyin/copyout, let the VM resolve it (interrupts back on as the
 * copy had them) and retry, or resume at the copy's recovery point.
 * False if this is no copy's fault (a kernel bug: the caller panics).
 */
bool
machine_copy_fault(struct trapframe *tf, int access)
{
	thread_t self = current_thread();
	kern_return_t kr;

	if (self == THREAD_NULL || thread_machine(self)->onfault == 0 ||
	    tf->stval >= VM_MAX_ADDRESS)
		return false;
	if (cpu_current()->copy_nofault) {
		/* not resolved here: the caller may not sleep (copyout_nofault) */
		tf->sepc = thread_machine(self)->onfault;
		return true;
	}
	/* the handler may sleep: not with SUM on for whoever runs meanwhile */
	csr_clear(sstatus, SSTATUS_SUM);
	if (tf->sstatus & SSTATUS_SPIE)
		intr_enable();
	kr = usertrap_ops->fault(tf->stval, access);
	intr_disable();
	if (kr != KERN_SUCCESS)
		tf->sepc = thread_machine(self)->onfault;
	return true;
}

/* --- thread state --- */

kern_return_t
machine_thread_get_state(struct machine_thread *mt, int flavor, void *state,
    unsigned *count)
{
	if (mt->uframe == NULL)
		return KERN_INVALID_ARGUMENT;
	switch (flavor) {
	case RISCV_THREAD_STATE: {
		struct riscv_thread_state *ts = state;

		if (*count < RISCV_THREAD_STATE_COUNT)
			return KERN_INVALID_ARGUMENT;
		ts->pc = mt->uframe->sepc;
		for (int i = 1; i < 32; i++)
			ts->x[i - 1] = mt->uframe->regs[i];
		*count = RISCV_THREAD_STATE_COUNT;
		return KERN_SUCCESS;
	}
	case RISCV_FLOAT_STATE: {
		struct riscv_float_state *fs = state;
		uint64_t s;

		if (*count < RISCV_FLOAT_STATE_COUNT)
			return KERN_INVALID_ARGUMENT;
		s = intr_disable();
		/* the caller's own registers may be live and newer */
		if (mt == current_mt() && fpu_owner[cpu_number()] == mt) {
			csr_set(sstatus, SSTATUS_FS);
			fpu_save(&mt->fpu);
		}
		intr_restore(s);
		memcpy(fs->f, mt->fpu.f, sizeof(fs->f));
		fs->fcsr = (uint32_t)mt->fpu.fcsr;
		fs->_pad = 0;
		*count = RISCV_FLOAT_STATE_COUNT;
		return KERN_SUCCESS;
	}
	default:
		return KERN_INVALID_ARGUMENT;
	}
}

kern_return_t
machine_thread_set_state(struct machine_thread *mt, int flavor,
    const void *state, unsigned count)
{
	if (mt->uframe == NULL)
		return KERN_INVALID_ARGUMENT;
	switch (flavor) {
	case RISCV_THREAD_STATE: {
		const struct riscv_thread_state *ts = state;

		if (count < RISCV_THREAD_STATE_COUNT)
			return KERN_INVALID_ARGUMENT;
		mt->uframe->sepc = ts->pc;
		for (int i = 1; i < 32; i++)
			mt->uframe->regs[i] = ts->x[i - 1];
		return KERN_SUCCESS;
	}
	case RISCV_FLOAT_STATE: {
		const struct riscv_float_state *fs = state;
		uint64_t s;

		if (count < RISCV_FLOAT_STATE_COUNT)
			return KERN_INVALID_ARGUMENT;
		memcpy(mt->fpu.f, fs->f, sizeof(fs->f));
		mt->fpu.fcsr = fs->fcsr & 0xff;
		s = intr_disable();
		for (uint32_t i = 0; i < ncpus; i++) {
			if (fpu_owner[i] == mt)
				fpu_owner[i] = NULL;	/* load the new values */
		}
		intr_restore(s);
		mt->uframe->sstatus = (mt->uframe->sstatus & ~SSTATUS_FS) |
		    FS_INITIAL;
		return KERN_SUCCESS;
	}
	default:
		return KERN_INVALID_ARGUMENT;
	}
}
