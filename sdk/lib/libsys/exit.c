/*
 * sdk/lib/libsys/exit.c - _exit, where picolibc's exit() ends.
 *
 * exit(status) runs atexit handlers and destructors, then calls _exit:
 * flush the console line, then the task_exit trap, which ends every
 * thread of the task.
 */
#include <unistd.h>

#include <mach/riscv/trap.h>
#include <mach/syscall_sw.h>

#include "libsys.h"

void
_exit(int status)
{
	__rvmach_console_flush();
	for (;;)	/* task_exit does not return */
		rvmach_trap1(RVMACH_TRAP_task_exit, (long)status);
}
