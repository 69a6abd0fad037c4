/*
 * test/user/crash_oom.c - allocate and touch memory until the kernel has
 * no page left: the fault cannot be resolved, the task is ended with
 * EXC_BAD_ACCESS (KERN_RESOURCE_SHORTAGE), and the kernel carries on.
 * Run by a kernel test.
 */
#include <mach/mach_init.h>
#include <mach/mach_vm.h>
#include <stdio.h>

int
main(void)
{
	for (;;) {
		mach_vm_address_t a = 0;

		if (mach_vm_allocate(mach_task_self(), &a, 64 << 20,
		    VM_FLAGS_ANYWHERE) != 0)
			return 2;
		for (unsigned long off = 0; off < (64ul << 20); off += 4096)
			((volatile char *)a)[off] = 1;
	}
}
