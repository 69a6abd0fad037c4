/*
 * test/user/uvmhints.c - mach_vm_behavior_set (the access patterns kept
 * per mapping, as vm_region reports them, clipped to the range; the hints
 * taken; ZERO refused; holes), mach_vm_msync (XNU's rules for holes and
 * flags) and mach_port_space_basic_info (the table and the names in use,
 * moving with a port made and given back), with their errors.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <mach/mach.h>
#include <mach/vm_behavior.h>

#include "ktap.h"
#include "utest_util.h"

#define PAGE		4096

static mach_port_t self;

/* the behavior vm_region reports at a, and where its region starts and ends */
static int
behavior_at(mach_vm_address_t a, mach_vm_address_t *start, mach_vm_size_t *size)
{
	struct vm_region_basic_info_64 info;
	mach_msg_type_number_t count = VM_REGION_BASIC_INFO_COUNT_64;
	mach_port_t obj = MACH_PORT_NULL;

	*start = a;
	if (mach_vm_region(self, start, size, VM_REGION_BASIC_INFO_64,
	    (vm_region_info_t)&info, &count, &obj) != KERN_SUCCESS)
		return -1;
	return info.behavior;
}

static void
test_behavior(void)
{
	mach_vm_address_t a = 0, s;
	mach_vm_size_t size;
	kern_return_t kr[8];
	bool ok;

	ok = mach_vm_allocate(self, &a, 4 * PAGE, VM_FLAGS_ANYWHERE) == KERN_SUCCESS;
	ok = ok && behavior_at(a, &s, &size) == VM_BEHAVIOR_DEFAULT &&
	    mach_vm_behavior_set(self, a + PAGE + 5, PAGE, VM_BEHAVIOR_SEQUENTIAL) ==
	    KERN_SUCCESS;
	/* pages 1 and 2 (the range rounded out), the others untouched */
	ok = ok && behavior_at(a + PAGE, &s, &size) == VM_BEHAVIOR_SEQUENTIAL &&
	    s == a + PAGE && size == 2 * PAGE &&
	    behavior_at(a, &s, &size) == VM_BEHAVIOR_DEFAULT && size == PAGE &&
	    behavior_at(a + 3 * PAGE, &s, &size) == VM_BEHAVIOR_DEFAULT;
	ktap_ok(ok, "access_pattern_kept_per_mapping_clipped");
	ok = mach_vm_behavior_set(self, a, 4 * PAGE, VM_BEHAVIOR_RANDOM) ==
	    KERN_SUCCESS && behavior_at(a + 2 * PAGE, &s, &size) ==
	    VM_BEHAVIOR_RANDOM && behavior_at(a, &s, &size) == VM_BEHAVIOR_RANDOM;
	ktap_ok(ok, "access_pattern_over_several_mappings");
	/* hints: taken, nothing kept, the memory as it was */
	if (ok)
		*(volatile uint32_t *)(uintptr_t)(a + 8) = 0x1234;
	kr[0] = mach_vm_behavior_set(self, a, 4 * PAGE, VM_BEHAVIOR_WILLNEED);
	kr[1] = mach_vm_behavior_set(self, a, 4 * PAGE, VM_BEHAVIOR_DONTNEED);
	kr[2] = mach_vm_behavior_set(self, a, 4 * PAGE, VM_BEHAVIOR_REUSABLE);
	kr[3] = mach_vm_behavior_set(self, a, 4 * PAGE, VM_BEHAVIOR_REUSE);
	kr[4] = mach_vm_behavior_set(self, a, 4 * PAGE, VM_BEHAVIOR_CAN_REUSE);
	kr[5] = mach_vm_behavior_set(self, a, 4 * PAGE, VM_BEHAVIOR_PAGEOUT);
	ktap_ok(kr[0] == KERN_SUCCESS && kr[1] == KERN_SUCCESS &&
	    kr[2] == KERN_SUCCESS && kr[3] == KERN_SUCCESS && kr[4] == KERN_SUCCESS &&
	    kr[5] == KERN_SUCCESS && behavior_at(a, &s, &size) == VM_BEHAVIOR_RANDOM &&
	    *(volatile uint32_t *)(uintptr_t)(a + 8) == 0x1234, "hints_taken_memory_kept");
	kr[0] = mach_vm_behavior_set(self, a, PAGE, VM_BEHAVIOR_ZERO);
	kr[1] = mach_vm_behavior_set(self, a, PAGE, VM_BEHAVIOR_ZERO_WIRED_PAGES);
	kr[2] = mach_vm_behavior_set(self, a, PAGE, 13);
	kr[3] = mach_vm_behavior_set(self, a, PAGE, -1);
	kr[4] = mach_vm_behavior_set(self, a + 3 * PAGE, 2 * PAGE,
	    VM_BEHAVIOR_SEQUENTIAL);
	kr[5] = mach_vm_behavior_set(MACH_PORT_NULL, a, PAGE, VM_BEHAVIOR_RANDOM);
	kr[6] = mach_vm_behavior_set(self, a, 0, VM_BEHAVIOR_SEQUENTIAL);
	ktap_ok(kr[0] == KERN_INVALID_ARGUMENT && kr[1] == KERN_INVALID_ARGUMENT &&
	    kr[2] == KERN_INVALID_ARGUMENT && kr[3] == KERN_INVALID_ARGUMENT &&
	    kr[4] == KERN_INVALID_ADDRESS && kr[5] == MACH_SEND_INVALID_DEST &&
	    kr[6] == KERN_SUCCESS && behavior_at(a + 3 * PAGE, &s, &size) ==
	    VM_BEHAVIOR_RANDOM, "behavior_errors_change_nothing");

	kr[0] = mach_vm_msync(self, a, 4 * PAGE, VM_SYNC_SYNCHRONOUS);
	kr[1] = mach_vm_msync(self, a, 4 * PAGE, VM_SYNC_ASYNCHRONOUS |
	    VM_SYNC_INVALIDATE | VM_SYNC_KILLPAGES);
	kr[2] = mach_vm_msync(self, a + 3 * PAGE, 2 * PAGE, VM_SYNC_SYNCHRONOUS);
	kr[3] = mach_vm_msync(self, a + 3 * PAGE, 2 * PAGE, VM_SYNC_SYNCHRONOUS |
	    VM_SYNC_CONTIGUOUS);
	kr[4] = mach_vm_msync(self, a, PAGE, VM_SYNC_SYNCHRONOUS |
	    VM_SYNC_ASYNCHRONOUS);
	kr[5] = mach_vm_msync(MACH_PORT_NULL, a, PAGE, VM_SYNC_SYNCHRONOUS);
	ktap_ok(kr[0] == KERN_SUCCESS && kr[1] == KERN_SUCCESS &&
	    kr[2] == KERN_SUCCESS && kr[3] == KERN_INVALID_ADDRESS &&
	    kr[4] == KERN_INVALID_ARGUMENT && kr[5] == MACH_SEND_INVALID_DEST &&
	    *(volatile uint32_t *)(uintptr_t)(a + 8) == 0x1234, "msync_rules");
	if (a != 0)
		mach_vm_deallocate(self, a, 4 * PAGE);
}

static void
test_space_basic_info(void)
{
	ipc_info_space_basic_t b0, b1, b2;
	mach_port_t port = MACH_PORT_NULL;
	kern_return_t kr, kr2;
	bool ok;

	memset(&b0, 0xff, sizeof(b0));
	ok = mach_port_space_basic_info(self, &b0) == KERN_SUCCESS &&
	    mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &port) ==
	    KERN_SUCCESS && mach_port_space_basic_info(self, &b1) == KERN_SUCCESS;
	if (port != MACH_PORT_NULL)
		mach_port_mod_refs(self, port, MACH_PORT_RIGHT_RECEIVE, -1);
	ok = ok && mach_port_space_basic_info(self, &b2) == KERN_SUCCESS;
	ktap_ok(ok && b0.iisb_genno_mask == 0xff && b0.iisb_table_inuse > 0 &&
	    b0.iisb_table_inuse <= b0.iisb_table_size &&
	    b0.iisb_table_next >= b0.iisb_table_size &&
	    b1.iisb_table_inuse == b0.iisb_table_inuse + 1 &&
	    b2.iisb_table_inuse == b0.iisb_table_inuse &&
	    b0.iisb_reserved[0] == 0 && b0.iisb_reserved[1] == 0 &&
	    b0.iisb_table_inuse == names_in_use() + 0, "space_basic_info_counts");
	kr = mach_port_space_basic_info(MACH_PORT_NULL, &b0);
	kr2 = mach_port_space_basic_info(self,
	    (ipc_info_space_basic_t *)(uintptr_t)0xffffffc000000000ull);
	ktap_ok(kr == MACH_SEND_INVALID_DEST && kr2 == KERN_INVALID_ADDRESS,
	    "space_basic_info_errors");
}

int
main(void)
{
	mach_msg_type_number_t names_before;

	self = mach_task_self();
	ktap_plan("uvmhints", 8);
	names_before = names_in_use();
	test_behavior();
	test_space_basic_info();
	ktap_ok(names_before != 0 && names_in_use() == names_before,
	    "names_back_to_where_they_were");
	return ktap_done();
}
