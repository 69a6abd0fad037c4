/*
 * sdk/lib/libmach/rvmach_debug.c - rvmach's test and debug traps.
 */
#include <mach/riscv/trap.h>
#include <mach/rvmach_debug.h>
#include <mach/syscall_sw.h>

kern_return_t
rvmach_null_trap(void)
{
	return (kern_return_t)rvmach_trap0(RVMACH_TRAP_null);
}

kern_return_t
rvmach_console_write(const char *buf, size_t len)
{
	return (kern_return_t)rvmach_trap2(RVMACH_TRAP_console_write,
	    (long)(uintptr_t)buf, (long)len);
}

void
rvmach_task_exit(int status)
{
	for (;;)	/* the trap does not return; never fall off the end */
		rvmach_trap1(RVMACH_TRAP_task_exit, (long)status);
}

kern_return_t
rvmach_thread_create(uintptr_t pc, uintptr_t sp, uintptr_t arg)
{
	return (kern_return_t)rvmach_trap3(RVMACH_TRAP_thread_create,
	    (long)pc, (long)sp, (long)arg);
}

void
rvmach_thread_exit(void)
{
	for (;;)
		rvmach_trap0(RVMACH_TRAP_thread_exit);
}
