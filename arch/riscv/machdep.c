/*
 * arch/riscv/machdep.c - timer, IPI and power primitives for the MI kernel.
 */
#include <machine/csr.h>
#include <machine/clock.h>
#include <machine/intr.h>
#include <machine/machine.h>
#include "arch/riscv/riscv.h"
#include "arch/riscv/sbi.h"
#include "kernel/cpu.h"
#include "kernel/sched/timer.h"

uint64_t
machine_timebase_hz(void)
{
	return platform.timebase_hz;
}

/*
 * Sstc harts write stimecmp directly; the others ask the SBI.  Either way
 * a pending timer interrupt is cleared by the new deadline.
 */
void
machine_timer_set(uint64_t deadline)
{
	if (cpu_current()->has_sstc)
		csr_write(0x14d /* stimecmp */, deadline);
	else
		sbi_set_timer(deadline);
}

void
riscv_timer_intr(void)
{
	timer_interrupt();
}

void
riscv_timer_init_hart(void)
{
	timer_init_hart();
	csr_set(sie, SIE_STIE);
}

void
machine_ipi_send(uint32_t cpu_id)
{
	uint32_t hartid = cpus[cpu_id].hartid;

	sbi_send_ipi(1ul << (hartid % 64), hartid - hartid % 64);
}

void
machine_poweroff(bool failure)
{
	sbi_shutdown(failure);
}

void
machine_halt_hart(void)
{
	csr_clear(sstatus, SSTATUS_SIE);
	csr_write(sie, 0);
	for (;;)
		__asm__ volatile("wfi");
}

void
machine_call_on_stack(vaddr_t sp, void (*fn)(void *), void *arg)
{
	__asm__ volatile(
	    "mv sp, %0\n"
	    "mv s0, zero\n"
	    "mv a0, %2\n"
	    "jalr %1\n"
	    "1: wfi\n"
	    "j 1b\n"
	    : : "r"(sp), "r"(fn), "r"(arg) : "memory", "a0");
	__builtin_unreachable();
}
