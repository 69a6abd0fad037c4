/*
 * test/user/uvm.c - the Mach VM traps from user mode: allocate, touch
 * (demand zero), protect, deallocate, and the argument rules; the vm_*
 * calls of <mach/vm_map.h> on our own task.
 */
#include <mach/mach_init.h>
#include <mach/mach_vm.h>
#include <mach/message.h>
#include <mach/vm_map.h>
#include <mach/vm_statistics.h>
#include <stdbool.h>
#include <string.h>

#include "ktap.h"

/*
 * mach_vm_page_query: nothing before the first touch, PRESENT | DIRTY |
 * REF after a write; a copy's page PRESENT from below until written, then
 * COPIED (its own); nothing where nothing is mapped; the argument rules
 */
static void
page_query(mach_port_t self)
{
	mach_vm_address_t a = 0, c = 0;
	integer_t d0 = -1, r0 = -1, d1 = -1, r1 = -1, d2 = -1, d3 = -1, d4 = -1,
	    r, dn = -1, rn = -1, dx = -1;
	const integer_t mine = VM_PAGE_QUERY_PAGE_PRESENT |
	    VM_PAGE_QUERY_PAGE_DIRTY | VM_PAGE_QUERY_PAGE_REF;
	bool ok;

	ok = mach_vm_allocate(self, &a, 2 * 4096, VM_FLAGS_ANYWHERE) ==
	    KERN_SUCCESS && mach_vm_allocate(self, &c, 4096, VM_FLAGS_ANYWHERE) ==
	    KERN_SUCCESS;
	ok = ok && mach_vm_page_query(self, a, &d0, &r0) == KERN_SUCCESS;
	if (ok)
		*(volatile char *)(uintptr_t)a = 1;
	ok = ok && mach_vm_page_query(self, a + 100, &d1, &r1) == KERN_SUCCESS &&
	    vm_map_page_query(self, (vm_offset_t)(a + 4096), &d2, &r) ==
	    KERN_SUCCESS && mach_vm_copy(self, a, 4096, c) == KERN_SUCCESS &&
	    mach_vm_page_query(self, c, &d3, &r) == KERN_SUCCESS;
	if (ok)
		*(volatile char *)(uintptr_t)c = 2;
	ok = ok && mach_vm_page_query(self, c, &d4, &r) == KERN_SUCCESS &&
	    mach_vm_deallocate(self, a, 2 * 4096) == KERN_SUCCESS &&
	    mach_vm_page_query(self, a, &dn, &rn) == KERN_SUCCESS;
	ktap_ok(ok && d0 == 0 && r0 == 0 && d1 == mine && r1 >= 1 && d2 == 0 &&
	    (d3 & (VM_PAGE_QUERY_PAGE_PRESENT | VM_PAGE_QUERY_PAGE_COPIED)) ==
	    VM_PAGE_QUERY_PAGE_PRESENT && d4 == (mine | VM_PAGE_QUERY_PAGE_COPIED) &&
	    dn == 0 && rn == 0, "page_query");
	if (!ok || d1 != mine || d4 != (mine | VM_PAGE_QUERY_PAGE_COPIED))
		ktap_diag("page_query: untouched %#x/%d, written %#x/%d, next %#x, "
		    "copy %#x then %#x, gone %#x/%d", d0, r0, d1, r1, d2, d3, d4,
		    dn, rn);
	ktap_ok(mach_vm_page_query(self, (mach_vm_address_t)-4096, &dx, &r) ==
	    KERN_INVALID_ADDRESS && dx == 0 &&
	    mach_vm_page_query(self, c, (integer_t *)8, &r) ==
	    KERN_INVALID_ADDRESS && mach_vm_page_query(0x4242, c, &dx, &r) ==
	    MACH_SEND_INVALID_DEST && mach_vm_deallocate(self, c, 4096) ==
	    KERN_SUCCESS, "page_query_arguments");
}

int
main(void)
{
	mach_port_t self = mach_task_self();
	mach_vm_address_t a = 0, b;
	volatile unsigned char *p;
	int zero = 1;

	ktap_plan("uvm", 13);
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
	page_query(self);
	return ktap_done();
}
