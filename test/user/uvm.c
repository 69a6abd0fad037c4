/*
 * test/user/uvm.c - the Mach VM traps from user mode: allocate, touch
 * (demand zero), protect, deallocate, and the argument rules.
 */
#include <mach/mach_init.h>
#include <mach/mach_vm.h>
#include <mach/message.h>
#include <string.h>

#include "ktap.h"

int
main(void)
{
	mach_port_t self = mach_task_self();
	mach_vm_address_t a = 0, b;
	volatile unsigned char *p;
	int zero = 1;

	ktap_plan("uvm", 8);
	ktap_ok(mach_vm_allocate(self, &a, 1 << 20, VM_FLAGS_ANYWHERE) ==
	    KERN_SUCCESS && a != 0, "allocate_1m");
	p = (volatile unsigned char *)a;
	for (unsigned i = 0; i < (1 << 20); i += 4096)
		zero &= p[i] == 0 && p[i + 4095] == 0;
	ktap_ok(zero, "demand_zero");
	memset((void *)a, 0x5a, 1 << 20);
	ktap_ok(p[12345] == 0x5a, "written");
	ktap_ok(mach_vm_protect(self, a, 4096, 0, VM_PROT_READ) == KERN_SUCCESS &&
	    p[0] == 0x5a, "protect_read_only_still_readable");
	b = a;
	ktap_ok(mach_vm_allocate(self, &b, 4096, VM_FLAGS_FIXED) == KERN_NO_SPACE,
	    "fixed_overlap_no_space");
	ktap_ok(mach_vm_allocate(0x4242, &b, 4096, VM_FLAGS_ANYWHERE) ==
	    MACH_SEND_INVALID_DEST, "bad_target_invalid_dest");
	ktap_ok(mach_vm_allocate(self, (mach_vm_address_t *)0x10, 4096,
	    VM_FLAGS_ANYWHERE) == KERN_INVALID_ADDRESS, "bad_address_pointer");
	ktap_ok(mach_vm_deallocate(self, a, 1 << 20) == KERN_SUCCESS,
	    "deallocate");
	return ktap_done();
}
