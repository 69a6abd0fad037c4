/*
 * <machine/cpu.h> - per-hart primitives machine-independent code may use.
 *
 * The only place that knows sstatus.SIE, tp, wfi and the counters.
 */
#ifndef MACHINE_CPU_H
#define MACHINE_CPU_H

#include "kernel/lib/types.h"
#include <machine/csr.h>

struct cpu;

/* the hart's struct cpu lives in tp while in the kernel */
static inline struct cpu *
cpu_current(void)
{
	struct cpu *c;

	__asm__ volatile("mv %0, tp" : "=r"(c));
	return c;
}

/*
 * machine_cpu_load_ptr - the pointer at byte offset off in the calling
 * hart's struct cpu, read by one instruction: preemption cannot move the
 * thread to another hart between finding the struct and reading the field.
 */
#define machine_cpu_load_ptr(off) ({					\
	void *v_;							\
	__asm__ volatile("ld %0, %1(tp)" : "=r"(v_) : "i"(off));	\
	v_; })

static inline void
cpu_set_current(struct cpu *c)
{
	__asm__ volatile("mv tp, %0" : : "r"(c) : "memory");
}

/* intr_disable - turn interrupts off; returns the previous state for intr_restore */
static inline uint64_t
intr_disable(void)
{
	return csr_read_clear(sstatus, SSTATUS_SIE) & SSTATUS_SIE;
}

static inline void
intr_restore(uint64_t s)
{
	if (s)
		csr_set(sstatus, SSTATUS_SIE);
}

static inline void
intr_enable(void)
{
	csr_set(sstatus, SSTATUS_SIE);
}

static inline bool
intr_enabled(void)
{
	return (csr_read(sstatus) & SSTATUS_SIE) != 0;
}

/* spin-wait hint (Zihintpause; a no-op fence on harts without it) */
static inline void
cpu_relax(void)
{
	__asm__ volatile(".insn i 0x0f, 0, x0, x0, 0x010" ::: "memory");
}

static inline void
cpu_wait_for_interrupt(void)
{
	__asm__ volatile("wfi" ::: "memory");
}

/* timebase ticks since an arbitrary epoch (see timer_hz()) */
static inline uint64_t
cpu_time(void)
{
	uint64_t t;

	__asm__ volatile("rdtime %0" : "=r"(t));
	return t;
}

/*
 * machine_intr_from_user - did the interrupt being handled on this hart
 * (the innermost trap) interrupt user mode?  Interrupts off (trap.c).
 */
bool machine_intr_from_user(void);

/* retired instructions: exact under qemu -icount */
static inline uint64_t
cpu_instret(void)
{
	uint64_t n;

	__asm__ volatile("rdinstret %0" : "=r"(n));
	return n;
}

static inline void *
cpu_frame_address(void)
{
	return __builtin_frame_address(0);
}

#endif /* MACHINE_CPU_H */
