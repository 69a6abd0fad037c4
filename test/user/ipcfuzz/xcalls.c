/*
 * test/user/ipcfuzz/xcalls.c - the fuzzer's calls beyond mach_msg and
 * mach_port_*: host_statistics and host_statistics64, thread_info and
 * task_info, thread_policy_set and _get, task_policy_set and _get,
 * mach_make_memory_entry_64, mach_vm_map (anywhere only: a fixed mapping
 * could land on the fuzzer's own memory), mach_vm_behavior_set,
 * mach_vm_msync, mach_vm_page_query, mach_port_space_basic_info and
 * mach_port_space_info,
 * each with random flavors, counts, sizes, flags and names, and
 * sometimes a bad pointer.  Every result must be one
 * the call documents; what a call makes (a name, a mapping, a thread's
 * priority) is given back at once, so the counters stay as the other ops
 * leave them.
 */
#include <mach/host_info.h>
#include <mach/mach_host.h>
#include <mach/memory_object_types.h>
#include <mach/mig_errors.h>
#include <mach/task.h>
#include <mach/thread_act.h>
#include <mach/vm_behavior.h>
#include <mach/vm_map.h>

#include "ipcfuzz.h"

/*
 * a random name: mostly a plausible one, else anything.  Host and thread
 * names are in the pool, where another thread may destroy them at any
 * time: a call on one may always find MACH_SEND_INVALID_DEST.
 */
static mach_port_name_t
some_name(struct fz *f, mach_port_name_t usual, bool *usualp)
{
	mach_port_name_t n = chance(f, 90) ? usual : pick_name(f, H_ANY, 0);

	*usualp = n == usual;
	return n;
}

static void
x_host_statistics(struct fz *f)
{
	char args[96];
	mach_port_name_t host = mach_host_self(), h;
	mach_msg_type_number_t count = below(f, 48);
	host_flavor_t flavor = (host_flavor_t)below(f, 9);
	bool usual, bad, is64 = chance(f, 50);
	void *out = pick_out(f, f->scratch, &bad);
	kern_return_t kr;

	h = some_name(f, host, &usual);
	kr = is64 ? host_statistics64(h, flavor, out, &count) :
	    host_statistics(h, flavor, out, &count);
	check(f, OP_XCALL, kr, true, bad, SET(KERN_SUCCESS, KERN_FAILURE,
	    KERN_INVALID_ARGUMENT, MACH_SEND_INVALID_DEST),
	    ARGS("host_statistics%s(%#x, %d, count %u)", is64 ? "64" : "", h,
	    flavor, count));
	mach_port_deallocate(self, host);
}

static void
x_info(struct fz *f)
{
	char args[96];
	mach_port_name_t me = mach_thread_self(), n;
	mach_msg_type_number_t count = below(f, 40);
	bool usual, bad, thread = chance(f, 50);
	void *out = pick_out(f, f->scratch, &bad);
	int flavor = (int)below(f, 24);
	kern_return_t kr;

	n = some_name(f, thread ? me : self, &usual);
	kr = thread ? thread_info(n, (thread_flavor_t)flavor, out, &count) :
	    task_info(n, (task_flavor_t)flavor, out, &count);
	check(f, OP_XCALL, kr, true, bad, SET(KERN_SUCCESS,
	    KERN_INVALID_ARGUMENT, (thread || !usual) ? MACH_SEND_INVALID_DEST :
	    KERN_SUCCESS),
	    ARGS("%s_info(%#x, %d, count %u)", thread ? "thread" : "task", n,
	    flavor, count));
	mach_port_deallocate(self, me);
}

static void
x_policy(struct fz *f)
{
	char args[96];
	mach_port_name_t me = mach_thread_self(), n;
	mach_msg_type_number_t count = below(f, 20);
	thread_policy_flavor_t flavor = below(f, 10);
	integer_t *info = (integer_t *)f->scratch;
	struct thread_extended_policy ts = { .timeshare = TRUE };
	struct thread_precedence_policy zero = { .importance = 0 };
	boolean_t gd = chance(f, 50);
	bool usual, bad;
	kern_return_t kr;

	for (int i = 0; i < 20; i++)
		info[i] = chance(f, 50) ? (integer_t)below(f, 64) - 32 :
		    (integer_t)rnd(f);
	if (flavor == THREAD_TIME_CONSTRAINT_POLICY && chance(f, 50)) {
		info[1] = (integer_t)(below(f, 400000) + 100);	/* computation */
		info[2] = info[1] + (integer_t)below(f, 100000);
	}
	n = some_name(f, me, &usual);
	if (chance(f, 50)) {
		void *p = pick_out(f, info, &bad);

		kr = thread_policy_set(n, flavor, p, count);
		check(f, OP_XCALL, kr, true, bad && count != 0, SET(KERN_SUCCESS,
		    KERN_INVALID_ARGUMENT, KERN_NOT_SUPPORTED, MIG_ARRAY_TOO_LARGE,
		    KERN_TERMINATED, MACH_SEND_INVALID_DEST),
		    ARGS("thread_policy_set(%#x, %u, count %u)", n, flavor, count));
		/* back to the defaults: a fuzzer at priority 80 would starve the rest */
		if (kr == KERN_SUCCESS) {
			thread_policy_set(n, THREAD_EXTENDED_POLICY,
			    (thread_policy_t)&ts, THREAD_EXTENDED_POLICY_COUNT);
			thread_policy_set(n, THREAD_PRECEDENCE_POLICY,
			    (thread_policy_t)&zero, THREAD_PRECEDENCE_POLICY_COUNT);
		}
	} else {
		void *p = pick_out(f, info, &bad);

		kr = thread_policy_get(n, flavor, p, &count, &gd);
		check(f, OP_XCALL, kr, true, bad, SET(KERN_SUCCESS,
		    KERN_INVALID_ARGUMENT, KERN_NOT_SUPPORTED, KERN_TERMINATED,
		    MACH_SEND_INVALID_DEST),
		    ARGS("thread_policy_get(%#x, %u, count %u)", n, flavor, count));
	}
	mach_port_deallocate(self, me);
}

/* a random range: mostly in the scratch area, sometimes anywhere */
static mach_vm_address_t
some_addr(struct fz *f)
{
	if (chance(f, 80))
		return (mach_vm_address_t)(uintptr_t)f->scratch + below(f, SCRATCH_SIZE);
	return chance(f, 50) ? rnd(f) : rnd(f) & (VM_MAX_ADDRESS - 1);
}

static mach_vm_size_t
some_size(struct fz *f)
{
	switch (below(f, 4)) {
	case 0:
		return 0;
	case 1:
		return below(f, 4 * PAGE) + 1;
	case 2:
		return (mach_vm_size_t)below(f, 8) * PAGE;
	default:
		return rnd(f);
	}
}

/* task_policy_set / _get with random flavors, counts and tiers on a task name */
static void
x_task_policy(struct fz *f)
{
	char args[96];
	mach_msg_type_number_t count = below(f, 20);
	task_policy_flavor_t flavor = below(f, 13);
	integer_t *info = (integer_t *)f->scratch;
	boolean_t gd = chance(f, 50);
	bool on_self, bad;
	mach_port_name_t target = pick_target(f, &on_self);
	void *p = pick_out(f, info, &bad);
	kern_return_t kr;

	for (int i = 0; i < 20; i++)
		info[i] = chance(f, 50) ? (integer_t)below(f, 10) :
		    chance(f, 50) ? (integer_t)((0xfe + below(f, 2)) << 16 | below(f, 8)) :
		    (integer_t)rnd(f);
	if (chance(f, 50)) {
		kr = task_policy_set(target, flavor, p, count);
		check(f, OP_XCALL, kr, on_self, bad && count != 0 &&
		    count <= TASK_POLICY_INFO_MAX, SET(KERN_SUCCESS,
		    KERN_INVALID_ARGUMENT, MIG_ARRAY_TOO_LARGE),
		    ARGS("task_policy_set(%#x, %u, count %u)", target, flavor, count));
	} else {
		kr = task_policy_get(target, flavor, p, &count, &gd);
		check(f, OP_XCALL, kr, on_self, bad, SET(KERN_SUCCESS,
		    KERN_INVALID_ARGUMENT),
		    ARGS("task_policy_get(%#x, %u, count %u)", target, flavor, count));
	}
}

static void
x_memory_entry(struct fz *f)
{
	char args[128];
	memory_object_size_t size = some_size(f), msize, moff;
	mach_vm_address_t off = some_addr(f), a = 0;
	static const vm_prot_t flags[] = {
		0, MAP_MEM_NAMED_CREATE, MAP_MEM_VM_COPY, MAP_MEM_VM_SHARE,
		MAP_MEM_PURGABLE, MAP_MEM_NAMED_CREATE | MAP_MEM_VM_COPY,
	};
	vm_prot_t perm = (vm_prot_t)below(f, 8) | flags[below(f, 6)];
	mach_port_name_t parent = chance(f, 80) ? MACH_PORT_NULL :
	    pick_name(f, H_ANY, 0), entry = MACH_PORT_NULL;
	bool on_self, bad;
	mach_port_name_t target = pick_target(f, &on_self);
	mach_port_name_t *out = pick_out(f, &entry, &bad);
	kern_return_t kr;

	/* a big new object would take real memory: keep them small */
	if ((perm & MAP_MEM_NAMED_CREATE) && size > 64 * PAGE)
		size &= 64 * PAGE - 1;
	kr = mach_make_memory_entry_64(target, &size, off, perm, out, parent);
	check(f, OP_XCALL, kr, on_self, bad, SET(KERN_SUCCESS,
	    KERN_INVALID_ARGUMENT, KERN_INVALID_ADDRESS, KERN_PROTECTION_FAILURE,
	    KERN_RESOURCE_SHORTAGE, MACH_SEND_INVALID_RIGHT),
	    ARGS("make_memory_entry(%#x, size %#llx, off %#llx, perm %#x, parent %#x)",
	    target, (unsigned long long)size, (unsigned long long)off, perm,
	    parent));
	if (kr != KERN_SUCCESS || bad)
		return;
	/* map a part of it somewhere, then give both back */
	msize = chance(f, 80) ? size : some_size(f);
	moff = chance(f, 70) ? 0 : some_size(f);
	kr = mach_vm_map(self, &a, msize,
	    chance(f, 50) ? 0 : (mach_vm_offset_t)below(f, 0x100000),
	    VM_FLAGS_ANYWHERE, entry, moff, chance(f, 30),
	    (vm_prot_t)below(f, 8), (vm_prot_t)below(f, 8), below(f, 4));
	/* (the name may be another right by now: see below) */
	check(f, OP_XCALL, kr, true, false, SET(KERN_SUCCESS,
	    KERN_INVALID_ARGUMENT, KERN_INVALID_RIGHT, KERN_NO_SPACE,
	    KERN_RESOURCE_SHORTAGE, MACH_SEND_INVALID_RIGHT),
	    ARGS("vm_map(entry %#x)", entry));
	/* what was mapped: [trunc(moff), round(moff + msize)) of the entry */
	if (kr == KERN_SUCCESS)
		mach_vm_deallocate(self, a, ((moff + msize + PAGE - 1) &
		    ~(uint64_t)(PAGE - 1)) - (moff & ~(uint64_t)(PAGE - 1)));
	/*
	 * another thread's call on a guessed name (MACH_PORT_MAKE of a small
	 * index) may have taken it meanwhile: then it is gone already, and
	 * the counters at the end show whether the kernel lost anything
	 */
	kr = mach_port_deallocate(self, entry);
	if (kr != KERN_SUCCESS && kr != KERN_INVALID_NAME && kr != KERN_INVALID_RIGHT)
		violation(f, OP_XCALL, (uint32_t)kr, "entry %#x not ours to give back",
		    entry);
}

static void
x_vm_map_null(struct fz *f)
{
	char args[96];
	mach_vm_address_t a = some_addr(f);
	mach_vm_size_t size = some_size(f);
	mach_port_name_t obj = chance(f, 70) ? MACH_PORT_NULL : pick_name(f, H_ANY, 0);
	bool on_self, bad;
	mach_port_name_t target = pick_target(f, &on_self);
	int flags = VM_FLAGS_ANYWHERE | (chance(f, 5) ? (int)rnd(f) & ~VM_FLAGS_FIXED : 0);
	mach_vm_address_t *where = pick_out(f, &a, &bad);
	kern_return_t kr;

	/* never fixed: it could land on our own memory */
	if (!(flags & VM_FLAGS_ANYWHERE))
		flags |= VM_FLAGS_ANYWHERE;
	if (size > 64 * PAGE)
		size &= 64 * PAGE - 1;
	if (bad)
		return;			/* the address is an in and out argument */
	kr = mach_vm_map(target, where, size, chance(f, 50) ? 0 : rnd(f) & 0xfffff,
	    flags, obj, some_size(f), chance(f, 50), (vm_prot_t)below(f, 8),
	    (vm_prot_t)below(f, 8), below(f, 4));
	check(f, OP_XCALL, kr, on_self, false, SET(KERN_SUCCESS,
	    KERN_INVALID_ARGUMENT, KERN_INVALID_RIGHT, KERN_INVALID_OBJECT,
	    KERN_NO_SPACE, KERN_RESOURCE_SHORTAGE, MACH_SEND_INVALID_RIGHT),
	    ARGS("vm_map(size %#llx, flags %#x, object %#x)",
	    (unsigned long long)size, flags, obj));
	/* fresh memory: round(size) bytes, the offset ignored */
	if (kr == KERN_SUCCESS && on_self)
		mach_vm_deallocate(self, a, size);
}

static void
x_vm_hints(struct fz *f)
{
	char args[96];
	mach_vm_address_t a = some_addr(f);
	mach_vm_size_t size = some_size(f);
	bool on_self;
	mach_port_name_t target = pick_target(f, &on_self);
	kern_return_t kr;

	if (chance(f, 20)) {
		integer_t d = -1, r = -1;
		bool bad;
		void *out = pick_out(f, &d, &bad);

		kr = mach_vm_page_query(target, a, out, &r);
		check(f, OP_XCALL, kr, on_self, bad, SET(KERN_SUCCESS,
		    KERN_INVALID_ADDRESS), ARGS("page_query(%#llx)",
		    (unsigned long long)a));
		if (kr == KERN_SUCCESS && !bad && (d & ~(VM_PAGE_QUERY_PAGE_PRESENT |
		    VM_PAGE_QUERY_PAGE_DIRTY | VM_PAGE_QUERY_PAGE_COPIED |
		    VM_PAGE_QUERY_PAGE_REF)) != 0)
			violation(f, OP_XCALL, 0, "page_query(%#llx): %#x",
			    (unsigned long long)a, d);
	} else if (chance(f, 50)) {
		int b = (int)below(f, 16) - 1;

		kr = mach_vm_behavior_set(target, a, size, b);
		check(f, OP_XCALL, kr, on_self, false, SET(KERN_SUCCESS,
		    KERN_INVALID_ARGUMENT, KERN_INVALID_ADDRESS,
		    KERN_RESOURCE_SHORTAGE), ARGS("behavior_set(%#llx, %#llx, %d)",
		    (unsigned long long)a, (unsigned long long)size, b));
	} else {
		vm_sync_t s = (vm_sync_t)below(f, 0x80);

		kr = mach_vm_msync(target, a, size, s);
		check(f, OP_XCALL, kr, on_self, false, SET(KERN_SUCCESS,
		    KERN_INVALID_ARGUMENT, KERN_INVALID_ADDRESS),
		    ARGS("msync(%#llx, %#llx, %#x)", (unsigned long long)a,
		    (unsigned long long)size, s));
	}
}

/* mach_port_space_info: the table as long as it says; given back at once */
static void
x_space_table(struct fz *f, mach_port_name_t target, bool on_self)
{
	char args[64];
	ipc_info_space_t info;
	ipc_info_name_array_t table = NULL;
	ipc_info_tree_name_array_t tree = NULL;
	mach_msg_type_number_t n = 0, tn = 0;
	bool bad;
	void *out = pick_out(f, &info, &bad);
	kern_return_t kr;

	kr = mach_port_space_info(target, out, &table, &n, &tree, &tn);
	check(f, OP_XCALL, kr, on_self, bad, SET(KERN_SUCCESS),
	    ARGS("space_info(%#x)", target));
	if (kr != KERN_SUCCESS)
		return;
	/* (another task's space, a child's, may have no table yet) */
	if (!bad && (info.iis_genno_mask != 0xff || n != info.iis_table_size ||
	    (n == 0 && on_self) || (n > 0 && table[0].iin_type != 0) ||
	    tree != NULL || tn != 0))
		violation(f, OP_XCALL, 0, "space_info: mask %#x, %u slots of %u",
		    info.iis_genno_mask, n, info.iis_table_size);
	mach_vm_deallocate(mach_task_self(), (mach_vm_address_t)(uintptr_t)table,
	    n * sizeof(*table));
}

static void
x_space_info(struct fz *f)
{
	char args[64];
	ipc_info_space_basic_t info;
	bool on_self, bad;
	mach_port_name_t target = pick_target(f, &on_self);
	void *out = pick_out(f, &info, &bad);
	kern_return_t kr;

	if (below(f, 2) == 0) {
		x_space_table(f, target, on_self);
		return;
	}
	kr = mach_port_space_basic_info(target, out);
	check(f, OP_XCALL, kr, on_self, bad, SET(KERN_SUCCESS),
	    ARGS("space_basic_info(%#x)", target));
	if (kr == KERN_SUCCESS && !bad && (info.iisb_genno_mask != 0xff ||
	    info.iisb_table_inuse > info.iisb_table_size))
		violation(f, OP_XCALL, 0, "space_basic_info: mask %#x, %u of %u",
		    info.iisb_genno_mask, info.iisb_table_inuse,
		    info.iisb_table_size);
}

void
op_xcall(struct fz *f)
{
	switch (below(f, 7)) {
	case 0:
		x_host_statistics(f);
		break;
	case 1:
		x_info(f);
		break;
	case 2:
		if (chance(f, 50))
			x_policy(f);
		else
			x_task_policy(f);
		break;
	case 3:
		x_memory_entry(f);
		break;
	case 4:
		x_vm_map_null(f);
		break;
	case 5:
		x_vm_hints(f);
		break;
	default:
		x_space_info(f);
		break;
	}
}
