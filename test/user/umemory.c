/*
 * test/user/umemory.c - named memory entries and mach_vm_map: new memory
 * (MAP_MEM_NAMED_CREATE) mapped twice and shared, an entry over a range of
 * our memory (still there after the range is deallocated), a copy entry
 * (MAP_MEM_VM_COPY), a private copy mapping (copy TRUE), a part of an
 * entry (parent_entry), the entry sent in a message and mapped by another
 * task, fresh memory (MACH_PORT_NULL), the mask and fixed placement, and
 * XNU's errors, none of which maps or makes anything.  Every name made is
 * given back; ipc.user_program_back_to_baseline runs it twice and checks
 * that every page and object comes back.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <mach/mach.h>
#include <mach/memory_object_types.h>
#include <mach/rvmach_debug.h>

#include "ktap.h"
#include "utest_util.h"

#define PAGE		4096

static mach_port_t self;

static volatile uint32_t *
at(mach_vm_address_t a, uint64_t off)
{
	return (volatile uint32_t *)(uintptr_t)(a + off);
}

static kern_return_t
map_entry(mach_port_t entry, mach_vm_address_t *a, mach_vm_size_t size,
    memory_object_offset_t off, boolean_t copy, vm_prot_t cur, vm_prot_t max)
{
	*a = 0;
	return mach_vm_map(self, a, size, 0, VM_FLAGS_ANYWHERE, entry, off, copy,
	    cur, max, VM_INHERIT_DEFAULT);
}

static void
test_named_create(void)
{
	memory_object_size_t size = 3 * PAGE - 100;
	mach_port_t entry = MACH_PORT_NULL;
	mach_vm_address_t a = 0, b = 0, c = 0;
	bool ok;

	ok = mach_make_memory_entry_64(self, &size, 0,
	    VM_PROT_READ | VM_PROT_WRITE | MAP_MEM_NAMED_CREATE, &entry,
	    MACH_PORT_NULL) == KERN_SUCCESS && size == 3 * PAGE &&
	    type_of(entry) == MACH_PORT_TYPE_SEND;
	ktap_ok(ok, "named_create_rounds_the_size_gives_a_send_right");
	ok = ok && map_entry(entry, &a, 3 * PAGE, 0, FALSE, VM_PROT_DEFAULT,
	    VM_PROT_DEFAULT) == KERN_SUCCESS && map_entry(entry, &b, 2 * PAGE,
	    PAGE, FALSE, VM_PROT_DEFAULT, VM_PROT_DEFAULT) == KERN_SUCCESS;
	if (ok) {
		*at(a, PAGE + 8) = 0x5a5a0001;
		*at(b, 2 * PAGE - 4) = 0x5a5a0002;
	}
	ktap_ok(ok && a != b && *at(b, 8) == 0x5a5a0001 &&
	    *at(a, 3 * PAGE - 4) == 0x5a5a0002 && *at(a, 0) == 0,
	    "two_mappings_share_the_memory");
	/* copy TRUE: what is there now, then its own */
	ok = ok && map_entry(entry, &c, PAGE, PAGE, TRUE, VM_PROT_DEFAULT,
	    VM_PROT_DEFAULT) == KERN_SUCCESS;
	if (ok) {
		*at(a, PAGE + 16) = 0x77;
		*at(c, 24) = 0x88;
	}
	ktap_ok(ok && *at(c, 8) == 0x5a5a0001 && *at(c, 16) == 0 &&
	    *at(b, 24) == 0, "copy_mapping_is_private");
	/* the port goes: the mappings stay */
	mach_port_deallocate(self, entry);
	ok = ok && *at(b, 8) == 0x5a5a0001;
	if (ok)
		*at(b, 12) = 0x99;
	ktap_ok(ok && *at(a, PAGE + 12) == 0x99, "mappings_outlive_the_port");
	if (a != 0)
		mach_vm_deallocate(self, a, 3 * PAGE);
	if (b != 0)
		mach_vm_deallocate(self, b, 2 * PAGE);
	if (c != 0)
		mach_vm_deallocate(self, c, PAGE);
}

static void
test_range_entry(void)
{
	mach_vm_address_t a = 0, m = 0, cp = 0;
	memory_object_size_t size = PAGE;
	mach_port_t entry = MACH_PORT_NULL, copy = MACH_PORT_NULL;
	bool ok;

	ok = mach_vm_allocate(self, &a, 4 * PAGE, VM_FLAGS_ANYWHERE) == KERN_SUCCESS;
	if (ok) {
		*at(a, 2 * PAGE) = 0xabc;
		*at(a, 3 * PAGE) = 0xdef;
	}
	/* an entry for bytes 2P+10 .. 2P+10+P: pages 2 and 3 */
	size = PAGE;
	ok = ok && mach_make_memory_entry_64(self, &size, a + 2 * PAGE + 10,
	    VM_PROT_READ | VM_PROT_WRITE, &entry, MACH_PORT_NULL) ==
	    KERN_SUCCESS && size == 2 * PAGE;
	ok = ok && map_entry(entry, &m, 2 * PAGE, 0, FALSE, VM_PROT_DEFAULT,
	    VM_PROT_DEFAULT) == KERN_SUCCESS;
	ktap_ok(ok && *at(m, 0) == 0xabc && *at(m, PAGE) == 0xdef,
	    "range_entry_maps_the_range");
	if (ok) {
		*at(a, 2 * PAGE + 4) = 1;
		*at(m, PAGE + 4) = 2;
	}
	ktap_ok(ok && *at(m, 4) == 1 && *at(a, 3 * PAGE + 4) == 2,
	    "range_entry_shared_both_ways");
	/* a copy entry: a snapshot */
	size = PAGE;
	ok = ok && mach_make_memory_entry_64(self, &size, a + 2 * PAGE,
	    VM_PROT_READ | MAP_MEM_VM_COPY, &copy, MACH_PORT_NULL) ==
	    KERN_SUCCESS && map_entry(copy, &cp, PAGE, 0, FALSE, VM_PROT_READ,
	    VM_PROT_READ) == KERN_SUCCESS;
	if (ok)
		*at(a, 2 * PAGE) = 0x123;
	ktap_ok(ok && *at(cp, 0) == 0xabc && *at(m, 0) == 0x123,
	    "copy_entry_is_a_snapshot");
	/* the range goes: the entry's mapping keeps the memory */
	if (a != 0)
		mach_vm_deallocate(self, a, 4 * PAGE);
	ktap_ok(ok && *at(m, 0) == 0x123 && *at(m, PAGE + 4) == 2,
	    "entry_outlives_the_range");
	if (m != 0)
		mach_vm_deallocate(self, m, 2 * PAGE);
	if (cp != 0)
		mach_vm_deallocate(self, cp, PAGE);
	if (entry != MACH_PORT_NULL)
		mach_port_deallocate(self, entry);
	if (copy != MACH_PORT_NULL)
		mach_port_deallocate(self, copy);
}

static void
test_parent_and_protection(void)
{
	memory_object_size_t size = 4 * PAGE, sub = PAGE;
	mach_port_t entry = MACH_PORT_NULL, part = MACH_PORT_NULL,
	    ro = MACH_PORT_NULL, bad = MACH_PORT_NULL;
	mach_vm_address_t a = 0, p = 0, r = 0, x = 0;
	kern_return_t kr[6];
	bool ok;

	ok = mach_make_memory_entry_64(self, &size, 0, VM_PROT_READ |
	    VM_PROT_WRITE | MAP_MEM_NAMED_CREATE, &entry, MACH_PORT_NULL) ==
	    KERN_SUCCESS && map_entry(entry, &a, 4 * PAGE, 0, FALSE,
	    VM_PROT_DEFAULT, VM_PROT_DEFAULT) == KERN_SUCCESS;
	if (ok)
		*at(a, 3 * PAGE) = 0x3003;
	/* page 3 of the entry, as an entry of its own */
	ok = ok && mach_make_memory_entry_64(self, &sub, 3 * PAGE,
	    VM_PROT_READ | VM_PROT_WRITE, &part, entry) == KERN_SUCCESS &&
	    sub == PAGE && map_entry(part, &p, PAGE, 0, FALSE, VM_PROT_DEFAULT,
	    VM_PROT_DEFAULT) == KERN_SUCCESS;
	ktap_ok(ok && *at(p, 0) == 0x3003, "parent_entry_part");

	/* a read-only entry cannot be mapped writable */
	sub = PAGE;
	ok = ok && mach_make_memory_entry_64(self, &sub, 0, VM_PROT_READ, &ro,
	    entry) == KERN_SUCCESS;
	kr[0] = map_entry(ro, &x, PAGE, 0, FALSE, VM_PROT_READ, VM_PROT_DEFAULT);
	kr[1] = map_entry(ro, &r, PAGE, 0, FALSE, VM_PROT_READ, VM_PROT_READ);
	kr[2] = map_entry(ro, &x, PAGE, 0, FALSE, VM_PROT_DEFAULT, VM_PROT_READ);
	ktap_ok(ok && kr[0] == KERN_INVALID_RIGHT && kr[1] == KERN_SUCCESS &&
	    kr[2] == KERN_INVALID_ARGUMENT && x == 0, "protection_within_the_entry");
	/* beyond the entry, a part beyond the parent, more than the parent allows */
	kr[0] = map_entry(part, &x, 2 * PAGE, 0, FALSE, VM_PROT_READ, VM_PROT_READ);
	kr[1] = map_entry(entry, &x, PAGE, 4 * PAGE, FALSE, VM_PROT_READ,
	    VM_PROT_READ);
	sub = 2 * PAGE;
	kr[2] = mach_make_memory_entry_64(self, &sub, 3 * PAGE, VM_PROT_READ, &bad,
	    entry);
	sub = PAGE;
	kr[3] = mach_make_memory_entry_64(self, &sub, 0, VM_PROT_DEFAULT, &bad, ro);
	ktap_ok(kr[0] == KERN_INVALID_ARGUMENT && kr[1] == KERN_INVALID_ARGUMENT &&
	    kr[2] == KERN_INVALID_ARGUMENT && kr[3] == KERN_PROTECTION_FAILURE &&
	    bad == MACH_PORT_NULL && x == 0, "ranges_and_rights_checked");
	if (a != 0)
		mach_vm_deallocate(self, a, 4 * PAGE);
	if (p != 0)
		mach_vm_deallocate(self, p, PAGE);
	if (r != 0)
		mach_vm_deallocate(self, r, PAGE);
	if (entry != MACH_PORT_NULL)
		mach_port_deallocate(self, entry);
	if (part != MACH_PORT_NULL)
		mach_port_deallocate(self, part);
	if (ro != MACH_PORT_NULL)
		mach_port_deallocate(self, ro);
}

/* the entry travels in a message to another task, which maps it */
static void
test_other_task(void)
{
	struct {
		mach_msg_header_t h;
		mach_msg_body_t body;
		mach_msg_port_descriptor_t entry;
		mach_msg_trailer_t trailer;	/* room for the receive's */
	} m;
	memory_object_size_t size = PAGE;
	mach_port_t entry = MACH_PORT_NULL, child = MACH_PORT_NULL;
	mach_port_t port = MACH_PORT_NULL;
	mach_vm_address_t a = 0, there = 0;
	vm_offset_t data = 0;
	mach_msg_type_number_t count = 0;
	bool ok;

	ok = mach_make_memory_entry_64(self, &size, 0, VM_PROT_DEFAULT |
	    MAP_MEM_NAMED_CREATE, &entry, MACH_PORT_NULL) == KERN_SUCCESS &&
	    map_entry(entry, &a, PAGE, 0, FALSE, VM_PROT_DEFAULT,
	    VM_PROT_DEFAULT) == KERN_SUCCESS;
	/* through a port of ours: the message carries a copy of the right */
	port = new_port();
	memset(&m, 0, sizeof(m));
	m.h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND, 0) |
	    MACH_MSGH_BITS_COMPLEX;
	m.h.msgh_size = offsetof(__typeof__(m), trailer);
	m.h.msgh_remote_port = port;
	m.body.msgh_descriptor_count = 1;
	m.entry.name = entry;
	m.entry.disposition = MACH_MSG_TYPE_COPY_SEND;
	m.entry.type = MACH_MSG_PORT_DESCRIPTOR;
	ok = ok && mach_msg(&m.h, MACH_SEND_MSG, m.h.msgh_size, 0, MACH_PORT_NULL,
	    0, MACH_PORT_NULL) == MACH_MSG_SUCCESS;
	/* received: the same name, one more user reference */
	memset(&m, 0, sizeof(m));
	ok = ok && mach_msg(&m.h, MACH_RCV_MSG, 0, sizeof(m), port, 0,
	    MACH_PORT_NULL) == MACH_MSG_SUCCESS && m.entry.name == entry &&
	    send_refs(entry) == 2;
	/* mapped into a child through our rights to it and to the entry */
	ok = ok && task_create(self, NULL, 0, FALSE, &child) == KERN_SUCCESS &&
	    mach_vm_map(child, &there, PAGE, 0, VM_FLAGS_ANYWHERE, m.entry.name, 0,
	    FALSE, VM_PROT_DEFAULT, VM_PROT_DEFAULT, VM_INHERIT_DEFAULT) ==
	    KERN_SUCCESS;
	if (ok)
		*at(a, 40) = 0xc0ffee;
	ok = ok && mach_vm_read(child, there, PAGE, &data, &count) == KERN_SUCCESS &&
	    count == PAGE && ((uint32_t *)data)[10] == 0xc0ffee;
	ktap_ok(ok, "mapped_in_another_task_shares");
	if (data != 0)
		mach_vm_deallocate(self, data, count);
	if (child != MACH_PORT_NULL) {
		task_terminate(child);
		mach_port_deallocate(self, child);
	}
	if (a != 0)
		mach_vm_deallocate(self, a, PAGE);
	if (port != MACH_PORT_NULL)
		mach_port_mod_refs(self, port, MACH_PORT_RIGHT_RECEIVE, -1);
	if (entry != MACH_PORT_NULL)
		mach_port_mod_refs(self, entry, MACH_PORT_RIGHT_SEND, -2);
}

static void
test_vm_map_plain_and_errors(void)
{
	mach_vm_address_t a = 0, f = 0, x = 0;
	memory_object_size_t size = PAGE;
	mach_port_t h = MACH_PORT_NULL;
	kern_return_t kr[8];
	bool ok;

	/* no object: fresh zeros, aligned to the mask */
	ok = mach_vm_map(self, &a, 2 * PAGE, 0xfffff, VM_FLAGS_ANYWHERE,
	    MACH_PORT_NULL, 0, FALSE, VM_PROT_DEFAULT, VM_PROT_ALL,
	    VM_INHERIT_DEFAULT) == KERN_SUCCESS && (a & 0xfffff) == 0 &&
	    *at(a, PAGE) == 0;
	if (ok)
		*at(a, PAGE) = 5;
	/* fixed over it: refused, then with overwrite fresh again */
	f = a;
	kr[0] = mach_vm_map(self, &f, PAGE, 0, VM_FLAGS_FIXED, MACH_PORT_NULL, 0,
	    FALSE, VM_PROT_DEFAULT, VM_PROT_ALL, VM_INHERIT_DEFAULT);
	f = a + PAGE;
	kr[1] = mach_vm_map(self, &f, PAGE, 0, VM_FLAGS_FIXED | VM_FLAGS_OVERWRITE,
	    MACH_PORT_NULL, 0, FALSE, VM_PROT_DEFAULT, VM_PROT_ALL,
	    VM_INHERIT_DEFAULT);
	ktap_ok(ok && kr[0] == KERN_NO_SPACE && kr[1] == KERN_SUCCESS &&
	    f == a + PAGE && *at(a, PAGE) == 0, "no_object_zero_fill_mask_fixed");

	kr[0] = mach_vm_map(self, &x, PAGE, 0, VM_FLAGS_ANYWHERE, self, 0, FALSE,
	    VM_PROT_READ, VM_PROT_READ, VM_INHERIT_DEFAULT);
	kr[1] = mach_vm_map(self, &x, PAGE, 0, VM_FLAGS_ANYWHERE, 0x7777, 0,
	    FALSE, VM_PROT_READ, VM_PROT_READ, VM_INHERIT_DEFAULT);
	kr[2] = mach_vm_map(self, &x, 0, 0, VM_FLAGS_ANYWHERE, MACH_PORT_NULL, 0,
	    FALSE, VM_PROT_READ, VM_PROT_READ, VM_INHERIT_DEFAULT);
	kr[3] = mach_vm_map(self, &x, PAGE, 0, VM_FLAGS_ANYWHERE | 0x8, MACH_PORT_NULL,
	    0, FALSE, VM_PROT_READ, VM_PROT_READ, VM_INHERIT_DEFAULT);
	kr[4] = mach_vm_map(self, &x, PAGE, 0, VM_FLAGS_ANYWHERE, MACH_PORT_NULL, 0,
	    FALSE, VM_PROT_READ, VM_PROT_READ, 77);
	kr[5] = mach_vm_map(MACH_PORT_NULL, &x, PAGE, 0, VM_FLAGS_ANYWHERE,
	    MACH_PORT_NULL, 0, FALSE, VM_PROT_READ, VM_PROT_READ, VM_INHERIT_DEFAULT);
	ktap_ok(kr[0] == KERN_INVALID_OBJECT && kr[1] == MACH_SEND_INVALID_RIGHT &&
	    kr[2] == KERN_INVALID_ARGUMENT && kr[3] == KERN_INVALID_ARGUMENT &&
	    kr[4] == KERN_INVALID_ARGUMENT && kr[5] == MACH_SEND_INVALID_DEST &&
	    x == 0, "vm_map_errors");

	/* entries: holes, two mappings, more than allowed, bad flags, pointers */
	kr[0] = mach_make_memory_entry_64(self, &size, 0x10000000000ull,
	    VM_PROT_READ, &h, MACH_PORT_NULL);
	size = 2 * PAGE;
	kr[1] = mach_make_memory_entry_64(self, &size, a, VM_PROT_READ, &h,
	    MACH_PORT_NULL);
	size = PAGE;
	kr[2] = mach_vm_protect(self, a, PAGE, FALSE, VM_PROT_READ);
	kr[3] = mach_make_memory_entry_64(self, &size, a, VM_PROT_DEFAULT, &h,
	    MACH_PORT_NULL);
	kr[4] = mach_make_memory_entry_64(self, &size, a, VM_PROT_READ |
	    MAP_MEM_PURGABLE, &h, MACH_PORT_NULL);
	kr[5] = mach_make_memory_entry_64(self, &size, a, VM_PROT_READ,
	    (mach_port_t *)(uintptr_t)0x10, MACH_PORT_NULL);
	kr[6] = mach_make_memory_entry_64(self, &size, a, VM_PROT_READ, &h, self);
	ktap_ok(kr[0] == KERN_INVALID_ADDRESS && kr[1] == KERN_INVALID_ARGUMENT &&
	    kr[2] == KERN_SUCCESS && kr[3] == KERN_PROTECTION_FAILURE &&
	    kr[4] == KERN_INVALID_ARGUMENT && kr[5] == KERN_INVALID_ADDRESS &&
	    kr[6] == KERN_INVALID_ARGUMENT && h == MACH_PORT_NULL,
	    "make_memory_entry_errors");
	if (a != 0)
		mach_vm_deallocate(self, a, 2 * PAGE);
}

int
main(void)
{
	mach_msg_type_number_t names_before;

	self = mach_task_self();
	ktap_plan("umemory", 16);
	names_before = names_in_use();
	test_named_create();
	test_range_entry();
	test_parent_and_protection();
	test_other_task();
	test_vm_map_plain_and_errors();
	ktap_ok(names_before != 0 && names_in_use() == names_before,
	    "names_back_to_where_they_were");
	return ktap_done();
}
