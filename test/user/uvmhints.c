/*
 * test/user/uvmhints.c - mach_vm_behavior_set (the access patterns kept
 * per mapping, as vm_region reports them, clipped to the range; the hints
 * taken; ZERO refused; holes), mach_vm_msync (XNU's rules for holes and
 * flags), mach_port_space_basic_info (the table and the names in use,
 * moving with a port made and given back), mach_port_space_info (every
 * slot, types, references, one object's token in two tasks) and
 * mach_vm_region_recurse and vm_region_recurse (a
 * region empty, private, shared, copy-on-write; XNU's counts), with their
 * errors.
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

/* the slot of table named name, or NULL */
static const ipc_info_name_t *
slot_of(const ipc_info_name_t *table, mach_msg_type_number_t n,
    mach_port_name_t name)
{
	for (mach_msg_type_number_t i = 0; i < n; i++) {
		if (table[i].iin_name == name)
			return &table[i];
	}
	return NULL;
}

/* the slots of task's table, or NULL (*n 0); deallocated with free_table */
static ipc_info_name_t *
space_table(mach_port_t task, ipc_info_space_t *info, mach_msg_type_number_t *n)
{
	ipc_info_name_array_t table = NULL;
	ipc_info_tree_name_array_t tree = (ipc_info_tree_name_array_t)1;
	mach_msg_type_number_t tn = 7;

	*n = 0;
	memset(info, 0xff, sizeof(*info));
	if (mach_port_space_info(task, info, &table, n, &tree, &tn) !=
	    KERN_SUCCESS || tree != NULL || tn != 0)
		return NULL;
	return table;
}

static void
free_table(ipc_info_name_t *table, mach_msg_type_number_t n)
{
	if (table != NULL)
		mach_vm_deallocate(self, (mach_vm_address_t)(uintptr_t)table,
		    n * sizeof(*table));
}

/*
 * mach_port_space_info: every slot of the table, the types and user
 * references of a receive right with a send right, a dead name and a port
 * set, one object's token in two tasks, and the errors
 */
static void
test_space_info(void)
{
	mach_port_t port = MACH_PORT_NULL, dead = MACH_PORT_NULL,
	    set = MACH_PORT_NULL, child = MACH_PORT_NULL;
	const mach_port_name_t in_child = 0x1203;
	const ipc_info_name_t *sp, *sd, *ss, *sc;
	ipc_info_name_t *table, *ctable = NULL;
	ipc_info_space_t info, cinfo;
	mach_msg_type_number_t n, cn = 0, used = 0;
	ipc_info_name_array_t t2;
	ipc_info_tree_name_array_t tree;
	kern_return_t kr, kr2;
	bool ok, slots = true;

	ok = mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &port) ==
	    KERN_SUCCESS && mach_port_insert_right(self, port, port,
	    MACH_MSG_TYPE_MAKE_SEND) == KERN_SUCCESS &&
	    mach_port_allocate(self, MACH_PORT_RIGHT_DEAD_NAME, &dead) ==
	    KERN_SUCCESS && mach_port_allocate(self, MACH_PORT_RIGHT_PORT_SET,
	    &set) == KERN_SUCCESS;
	table = ok ? space_table(self, &info, &n) : NULL;
	for (mach_msg_type_number_t i = 0; table != NULL && i < n; i++) {
		slots = slots && table[i].iin_name >> 8 == i &&
		    table[i].iin_collision == 0 && table[i].iin_next == 0 &&
		    table[i].iin_hash == 0 &&
		    (table[i].iin_type != 0 || (table[i].iin_urefs == 0 &&
		    table[i].iin_object == 0));
		used += table[i].iin_type != 0;
	}
	sp = table != NULL ? slot_of(table, n, port) : NULL;
	sd = table != NULL ? slot_of(table, n, dead) : NULL;
	ss = table != NULL ? slot_of(table, n, set) : NULL;
	ktap_ok(table != NULL && slots && n == info.iis_table_size &&
	    info.iis_genno_mask == 0xff && info.iis_table_next >= n &&
	    info.iis_tree_size == 0 && info.iis_tree_small == 0 &&
	    info.iis_tree_hash == 0 && table[0].iin_type == 0 &&
	    used == names_in_use(), "space_info_every_slot");
	ktap_ok(sp != NULL && sp->iin_type == (MACH_PORT_TYPE_RECEIVE |
	    MACH_PORT_TYPE_SEND) && sp->iin_urefs == 1 && sp->iin_object != 0 &&
	    sd != NULL && sd->iin_type == MACH_PORT_TYPE_DEAD_NAME &&
	    sd->iin_urefs == 1 && sd->iin_object == 0 && ss != NULL &&
	    ss->iin_type == MACH_PORT_TYPE_PORT_SET && ss->iin_object != 0 &&
	    ss->iin_object != sp->iin_object, "space_info_types_refs_objects");

	/* a send right to port in another task: the same object */
	ok = task_create(self, NULL, 0, FALSE, &child) == KERN_SUCCESS &&
	    mach_port_insert_right(child, in_child, port,
	    MACH_MSG_TYPE_MAKE_SEND) == KERN_SUCCESS;
	ctable = ok ? space_table(child, &cinfo, &cn) : NULL;
	sc = ctable != NULL ? slot_of(ctable, cn, in_child) : NULL;
	ktap_ok(sp != NULL && sc != NULL && sc->iin_type == MACH_PORT_TYPE_SEND &&
	    sc->iin_urefs == 1 && sc->iin_object == sp->iin_object &&
	    cn == cinfo.iis_table_size, "space_info_one_object_two_tasks");
	free_table(ctable, cn);
	free_table(table, n);
	if (child != MACH_PORT_NULL) {
		task_terminate(child);
		mach_port_deallocate(self, child);
	}

	kr = mach_port_space_info(MACH_PORT_NULL, &info, &t2, &n, &tree, &cn);
	kr2 = mach_port_space_info(self,
	    (ipc_info_space_t *)(uintptr_t)0xffffffc000000000ull, &t2, &n, &tree,
	    &cn);
	ktap_ok(kr == MACH_SEND_INVALID_DEST && kr2 == KERN_INVALID_ADDRESS,
	    "space_info_errors");
	if (port != MACH_PORT_NULL) {
		mach_port_deallocate(self, port);
		mach_port_mod_refs(self, port, MACH_PORT_RIGHT_RECEIVE, -1);
	}
	if (dead != MACH_PORT_NULL)
		mach_port_deallocate(self, dead);
	if (set != MACH_PORT_NULL)
		mach_port_mod_refs(self, set, MACH_PORT_RIGHT_PORT_SET, -1);
}

/* mach_vm_region_recurse of the region at or above a, count *n (in/out) */
static kern_return_t
recurse(mach_vm_address_t *a, mach_vm_size_t *size,
    vm_region_submap_info_data_64_t *info, mach_msg_type_number_t *n,
    natural_t *depth)
{
	*depth = 5;
	memset(info, 0xa5, sizeof(*info));
	return mach_vm_region_recurse(self, a, size, depth,
	    (vm_region_recurse_info_t)info, n);
}

/*
 * mach_vm_region_recurse: a region before and after it has pages, shared
 * through a memory entry, copied copy-on-write, the counts XNU takes (the
 * short info, V0, V1, V2), and the errors
 */
static void
test_region_recurse(void)
{
	mach_vm_address_t a = 0, b = 0, c = 0, d = 0, r;
	mach_vm_size_t size, esize = 2 * PAGE;
	vm_region_submap_info_data_64_t info, binfo;
	vm_region_submap_short_info_data_64_t sh;
	mach_msg_type_number_t n;
	mach_port_t entry = MACH_PORT_NULL;
	natural_t depth;
	bool ok;

	ok = mach_vm_allocate(self, &a, 4 * PAGE, VM_FLAGS_ANYWHERE) ==
	    KERN_SUCCESS;
	r = a;
	n = VM_REGION_SUBMAP_INFO_COUNT_64;
	ok = ok && recurse(&r, &size, &info, &n, &depth) == KERN_SUCCESS &&
	    r == a && size == 4 * PAGE && depth == 0 &&
	    n == VM_REGION_SUBMAP_INFO_COUNT_64 && n == 19 &&
	    info.protection == VM_PROT_DEFAULT &&
	    info.max_protection == VM_PROT_ALL && info.is_submap == 0 &&
	    info.share_mode == SM_EMPTY && info.pages_resident == 0;
	ktap_ok(ok, "recurse_untouched_region_is_empty");

	((volatile char *)(uintptr_t)a)[0] = 1;
	((volatile char *)(uintptr_t)a)[2 * PAGE] = 1;
	r = a + PAGE;		/* inside it: the region's start comes back */
	n = VM_REGION_SUBMAP_INFO_COUNT_64;
	ok = ok && recurse(&r, &size, &info, &n, &depth) == KERN_SUCCESS &&
	    r == a && size == 4 * PAGE && info.share_mode == SM_PRIVATE &&
	    info.pages_resident == 2 && info.pages_dirtied == 2 &&
	    info.ref_count == 1 && info.shadow_depth == 0 &&
	    info.object_id != 0 && info.object_id_full == info.object_id &&
	    info.pages_swapped_out == 0 && info.external_pager == 0;
	ktap_ok(ok, "recurse_touched_region_is_private");

	/* the counts: short info from 12 to 15, then V0 16, V1 17-18, V2 19+ */
	{
		static const mach_msg_type_number_t in[] = { 12, 15, 16, 17, 18,
		    19, 40 }, out[] = { 12, 12, 16, 17, 17, 19, 19 };

		for (unsigned i = 0; ok && i < sizeof(in) / sizeof(in[0]); i++) {
			r = a;
			n = in[i];
			ok = recurse(&r, &size, &info, &n, &depth) ==
			    KERN_SUCCESS && n == out[i];
		}
		r = a;
		n = VM_REGION_SUBMAP_SHORT_INFO_COUNT_64;
		memset(&sh, 0xa5, sizeof(sh));
		ok = ok && mach_vm_region_recurse(self, &r, &size, &depth,
		    (vm_region_recurse_info_t)&sh, &n) == KERN_SUCCESS &&
		    n == 12 && sh.share_mode == SM_PRIVATE && sh.ref_count == 1 &&
		    sh.object_id == info.object_id && sh.is_submap == 0;
		r = a;
		n = VM_REGION_SUBMAP_SHORT_INFO_COUNT_64 - 1;
		ok = ok && recurse(&r, &size, &info, &n, &depth) ==
		    KERN_INVALID_ARGUMENT;
	}
	ktap_ok(ok, "recurse_counts_as_xnu");

	/* the 32-bit form: the V0 info, the offset's low half, its own count */
	{
		vm_region_submap_info_data_t i32;
		vm_address_t r32 = (vm_address_t)a;
		vm_size_t s32 = 0;
		natural_t d32 = 3;
		kern_return_t k1, k2;

		n = VM_REGION_SUBMAP_INFO_COUNT;
		memset(&i32, 0xa5, sizeof(i32));
		r = a;
		ok = ok && recurse(&r, &size, &info, &(mach_msg_type_number_t){
		    VM_REGION_SUBMAP_INFO_COUNT_64 }, &depth) == KERN_SUCCESS &&
		    vm_region_recurse(self, &r32, &s32, &d32,
		    (vm_region_recurse_info_t)&i32, &n) == KERN_SUCCESS &&
		    n == VM_REGION_SUBMAP_INFO_COUNT && n == 15 && r32 == a &&
		    s32 == size && d32 == 0 && i32.protection == info.protection &&
		    i32.max_protection == info.max_protection &&
		    i32.offset == (uint32_t)info.offset &&
		    i32.share_mode == info.share_mode &&
		    i32.pages_resident == info.pages_resident &&
		    i32.pages_dirtied == info.pages_dirtied &&
		    i32.ref_count == info.ref_count &&
		    i32.object_id == info.object_id && i32.is_submap == 0 &&
		    i32.user_wired_count == info.user_wired_count;
		n = VM_REGION_SUBMAP_INFO_COUNT - 1;
		k1 = vm_region_recurse(self, &r32, &s32, &d32,
		    (vm_region_recurse_info_t)&i32, &n);
		n = VM_REGION_SUBMAP_INFO_COUNT;
		k2 = vm_region_recurse(MACH_PORT_NULL, &r32, &s32, &d32,
		    (vm_region_recurse_info_t)&i32, &n);
		ktap_ok(ok && k1 == KERN_INVALID_ARGUMENT &&
		    k2 == MACH_SEND_INVALID_DEST, "recurse_32_bit_form");
	}

	/* shared through a memory entry: both mappings name one object */
	{
		kern_return_t k1, k2 = -1;

		k1 = mach_make_memory_entry_64(self, &esize, a, VM_PROT_READ |
		    VM_PROT_WRITE, &entry, MACH_PORT_NULL);
		if (k1 == KERN_SUCCESS)
			k2 = mach_vm_map(self, &b, 2 * PAGE, 0, VM_FLAGS_ANYWHERE,
			    entry, 0, FALSE, VM_PROT_DEFAULT, VM_PROT_DEFAULT,
			    VM_INHERIT_DEFAULT);
		ok = k1 == KERN_SUCCESS && k2 == KERN_SUCCESS;
		if (!ok)
			ktap_diag("entry %#x, map %#x", k1, k2);
	}
	r = b;
	n = VM_REGION_SUBMAP_INFO_COUNT_64;
	ok = ok && recurse(&r, &size, &binfo, &n, &depth) == KERN_SUCCESS &&
	    r == b && binfo.share_mode == SM_SHARED && binfo.ref_count >= 2;
	r = a;
	n = VM_REGION_SUBMAP_INFO_COUNT_64;
	ok = ok && recurse(&r, &size, &info, &n, &depth) == KERN_SUCCESS &&
	    info.object_id == binfo.object_id && info.share_mode == SM_SHARED;
	if (!ok)
		ktap_diag("shared: %d %d refs %u %u ids %u %u depth %u %u", binfo.share_mode,
		    info.share_mode, binfo.ref_count, info.ref_count, binfo.object_id,
		    info.object_id, binfo.shadow_depth, info.shadow_depth);
	ktap_ok(ok, "recurse_memory_entry_is_shared");

	/* copied copy-on-write (a region nobody shares): both say so */
	{
		vm_prot_t cur, max;

		ok = mach_vm_allocate(self, &d, 4 * PAGE, VM_FLAGS_ANYWHERE) ==
		    KERN_SUCCESS;
		if (ok)
			((volatile char *)(uintptr_t)d)[PAGE] = 1;
		ok = ok && mach_vm_remap(self, &c, 4 * PAGE, 0,
		    VM_FLAGS_ANYWHERE, self, d, TRUE, &cur, &max,
		    VM_INHERIT_DEFAULT) == KERN_SUCCESS;
	}
	r = c;
	n = VM_REGION_SUBMAP_INFO_COUNT_64;
	ok = ok && recurse(&r, &size, &info, &n, &depth) == KERN_SUCCESS &&
	    r == c && info.share_mode == SM_COW && info.pages_resident == 1;
	r = d;
	n = VM_REGION_SUBMAP_INFO_COUNT_64;
	ok = ok && recurse(&r, &size, &binfo, &n, &depth) == KERN_SUCCESS &&
	    r == d && binfo.share_mode == SM_COW &&
	    binfo.object_id == info.object_id && binfo.ref_count >= 2;
	if (!ok)
		ktap_diag("cow: %d %d refs %u %u depth %u res %u", info.share_mode,
		    binfo.share_mode, info.ref_count, binfo.ref_count,
		    info.shadow_depth, info.pages_resident);
	ktap_ok(ok, "recurse_copy_is_cow");

	/* nothing at or above the top; a dead name; a bad pointer */
	r = 0x3ffffff000ull;
	n = VM_REGION_SUBMAP_INFO_COUNT_64;
	ok = recurse(&r, &size, &info, &n, &depth) == KERN_INVALID_ADDRESS;
	r = a;
	n = VM_REGION_SUBMAP_INFO_COUNT_64;
	ok = ok && mach_vm_region_recurse(0x12345678, &r, &size, &depth,
	    (vm_region_recurse_info_t)&info, &n) == MACH_SEND_INVALID_DEST;
	ok = ok && mach_vm_region_recurse(self, &r, &size, &depth,
	    (vm_region_recurse_info_t)(uintptr_t)0x10, &n) ==
	    KERN_INVALID_ADDRESS;
	r = a;
	n = VM_REGION_SUBMAP_INFO_COUNT_64;
	ok = ok && vm_region_recurse_64(self, (vm_address_t *)&r,
	    (vm_size_t *)&size, &depth, (vm_region_recurse_info_64_t)&info,
	    &n) == KERN_SUCCESS && r == a && depth == 0;
	ktap_ok(ok, "recurse_errors");

	if (entry != MACH_PORT_NULL)
		mach_port_deallocate(self, entry);
	if (c != 0)
		mach_vm_deallocate(self, c, 4 * PAGE);
	if (d != 0)
		mach_vm_deallocate(self, d, 4 * PAGE);
	if (b != 0)
		mach_vm_deallocate(self, b, 2 * PAGE);
	mach_vm_deallocate(self, a, 4 * PAGE);
}

int
main(void)
{
	mach_msg_type_number_t names_before;

	self = mach_task_self();
	ktap_plan("uvmhints", 19);
	names_before = names_in_use();
	test_behavior();
	test_space_basic_info();
	test_space_info();
	test_region_recurse();
	ktap_ok(names_before != 0 && names_in_use() == names_before,
	    "names_back_to_where_they_were");
	return ktap_done();
}
