/*
 * test/user/uvm.c - the Mach VM traps from user mode: allocate, touch
 * (demand zero), protect, deallocate, and the argument rules; the vm_*
 * calls of <mach/vm_map.h> on our own task.
 */
#include <mach/mach_init.h>
#include <mach/mach_vm.h>
#include <mach/message.h>
#include <mach/vm_map.h>
#include <string.h>

#include "ktap.h"

int
main(void)
{
	mach_port_t self = mach_task_self();
	mach_vm_address_t a = 0, b;
	volatile unsigned char *p;
	int zero = 1;

	ktap_plan("uvm", 11);
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

	/* XNU's vm_* forms */
	{
		vm_address_t v = 0, r;
		vm_offset_t data = 0;
		vm_size_t size = 0, out = 0;
		mach_msg_type_number_t cnt = 0, n = VM_REGION_BASIC_INFO_COUNT_64;
		struct vm_region_basic_info_64 info;
		struct vm_region_basic_info old;
		mach_port_t obj = 1;
		char local[32];
		int ok;

		ok = vm_allocate(self, &v, 2 * 4096, VM_FLAGS_ANYWHERE) ==
		    KERN_SUCCESS && v != 0;
		if (ok) {
			memset((void *)v, 0x33, 4096);
			ok = vm_copy(self, v, 4096, v + 4096) == KERN_SUCCESS &&
			    ((volatile char *)v)[4096 + 77] == 0x33 &&
			    vm_read(self, v + 8, 100, &data, &cnt) == KERN_SUCCESS &&
			    cnt == 100 && ((volatile char *)data)[99] == 0x33 &&
			    vm_deallocate(self, data, cnt) == KERN_SUCCESS &&
			    vm_write(self, v + 4096, v, 4096) == KERN_SUCCESS;
		}
		ktap_ok(ok, "vm_allocate_copy_read_write");
		/* the page written over may be an entry of its own now */
		r = v;
		ktap_ok(vm_region(self, &r, &size, VM_REGION_BASIC_INFO_64,
		    (vm_region_info_t)&info, &n, &obj) == KERN_SUCCESS && r == v &&
		    (size == 4096 || size == 2 * 4096) && obj == MACH_PORT_NULL &&
		    vm_protect(self, v, 4096, FALSE, VM_PROT_READ) == KERN_SUCCESS &&
		    vm_inherit(self, v, 4096, VM_INHERIT_NONE) == KERN_SUCCESS &&
		    (r = v, n = VM_REGION_BASIC_INFO_COUNT,
		    vm_region(self, &r, &size, VM_REGION_BASIC_INFO,
		    (vm_region_info_t)&old, &n, &obj)) == KERN_SUCCESS && r == v &&
		    n == VM_REGION_BASIC_INFO_COUNT &&
		    old.protection == VM_PROT_READ &&
		    old.inheritance == VM_INHERIT_NONE,
		    "vm_region_protect_inherit");
		memset(local, 0, sizeof(local));
		ktap_ok(vm_read_overwrite(self, v + 5, 10, (vm_address_t)(local + 1),
		    &out) == KERN_SUCCESS && out == 10 && local[0] == 0 &&
		    local[1] == 0x33 && local[10] == 0x33 && local[11] == 0 &&
		    vm_deallocate(self, v, 2 * 4096) == KERN_SUCCESS,
		    "vm_read_overwrite_then_deallocate");
	}
	return ktap_done();
}
