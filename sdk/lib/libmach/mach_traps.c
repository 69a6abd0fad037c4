/*
 * sdk/lib/libmach/mach_traps.c - the Mach traps with XNU's names.
 *
 * One ecall each (<mach/riscv/trap.h>).  Arguments narrower than 64 bits
 * are passed zero- or sign-extended as C converts them to long; the kernel
 * reads only the low 32 bits of a 32-bit argument.
 */
#include <mach/mach_traps.h>
#include <mach/riscv/trap.h>
#include <mach/syscall_sw.h>

kern_return_t
mach_timebase_info(mach_timebase_info_t info)
{
	return (kern_return_t)rvmach_trap1(MACH_TRAP_mach_timebase_info,
	    (long)(uintptr_t)info);
}

uint64_t
mach_absolute_time(void)
{
	uint64_t t;

	/* the kernel lets user mode read the timer (scounteren.TM) */
	__asm__ volatile("rdtime %0" : "=r"(t));
	return t;
}

uint64_t
mach_approximate_time(void)
{
	return mach_absolute_time();
}

uint64_t
mach_continuous_time(void)
{
	return mach_absolute_time();
}

uint64_t
mach_continuous_approximate_time(void)
{
	return mach_absolute_time();
}

kern_return_t
mach_wait_until(uint64_t deadline)
{
	return (kern_return_t)rvmach_trap1(MACH_TRAP_mach_wait_until,
	    (long)deadline);
}

kern_return_t
thread_switch(mach_port_name_t thread_name, int option,
    mach_msg_timeout_t option_time)
{
	return (kern_return_t)rvmach_trap3(MACH_TRAP_thread_switch,
	    (long)thread_name, (long)option, (long)option_time);
}

boolean_t
swtch_pri(int pri)
{
	return (boolean_t)rvmach_trap1(MACH_TRAP_swtch_pri, (long)pri);
}

boolean_t
swtch(void)
{
	return (boolean_t)rvmach_trap0(MACH_TRAP_swtch);
}
