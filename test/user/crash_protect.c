/*
 * test/user/crash_protect.c - a write to a page made read-only with
 * mach_vm_protect: the kernel reports the fault and ends the task
 * (EXC_BAD_ACCESS, KERN_PROTECTION_FAILURE).  Run by a kernel test.
 */
#include <mach/mach_init.h>
#include <mach/mach_vm.h>
#include <stdio.h>

int
main(void)
{
	mach_vm_address_t a = 0;

	if (mach_vm_allocate(mach_task_self(), &a, 4096, VM_FLAGS_ANYWHERE) != 0)
		return 2;
	*(volatile int *)a = 1;
	if (mach_vm_protect(mach_task_self(), a, 4096, 0, VM_PROT_READ) != 0)
		return 3;
	printf("protect: writing to a read-only page\n");
	fflush(stdout);
	*(volatile int *)a = 2;
	return 4;			/* the write returned: wrong */
}
