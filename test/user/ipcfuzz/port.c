/*
 * test/user/ipcfuzz/port.c - the IPC fuzzer's mach_port_* calls, each with
 * random names, rights, deltas, flavors and pointers, and the codes it
 * may return.
 */
#include "ipcfuzz/ipcfuzz.h"

static mach_port_name_t last_constructed;	/* [a] for destruct's guard */
static uint64_t last_context;			/* [a] */

static mach_port_delta_t
pick_delta(struct fz *f)
{
	uint32_t k = below(f, 100);

	if (k < 35)
		return -1;
	if (k < 55)
		return 1;
	if (k < 65)
		return 0;
	if (k < 75)
		return -(mach_port_delta_t)below(f, 5);
	if (k < 84)
		return (mach_port_delta_t)below(f, 100);
	if (k < 90)
		return chance(f, 50) ? 65535 : -65535;
	return (mach_port_delta_t)rnd(f);
}

/* a name to create: fresh small ones mostly, some far past the table */
static mach_port_name_t
pick_new_name(struct fz *f)
{
	uint32_t k = below(f, 100);

	if (k < 55)
		return MACH_PORT_MAKE(1 + below(f, 600), below(f, 256) << 24);
	if (k < 75)
		return pick_name(f, H_ANY, 0);
	if (k < 88)		/* an index past what a space may hold */
		return MACH_PORT_MAKE((1u << 20) + 1 + below(f, 0xefffff),
		    below(f, 256) << 24);
	return garbage_name(f);
}

static void
do_allocate(struct fz *f, mach_port_name_t target, bool on_self, char *args,
    size_t argsz)
{
	mach_port_right_t right = pick_right(f);
	mach_port_name_t n = MACH_PORT_NULL;
	bool bad;
	kern_return_t kr = mach_port_allocate(target, right, pick_out(f, &n, &bad));

	fmt_args(args, argsz, "right %u", right);
	if (check(f, OP_ALLOCATE, kr, on_self, bad, SET(KERN_SUCCESS,
	    KERN_INVALID_VALUE, KERN_NO_SPACE, KERN_RESOURCE_SHORTAGE), args) &&
	    kr == KERN_SUCCESS && on_self && !bad) {
		if (!MACH_PORT_VALID(n))
			violation(f, OP_ALLOCATE, kr, "name %#x", n);
		pool_put(f, n, right == MACH_PORT_RIGHT_RECEIVE ? H_RECV :
		    right == MACH_PORT_RIGHT_PORT_SET ? H_SET : H_DEAD);
	}
}

static void
do_construct(struct fz *f, mach_port_name_t target, bool on_self)
{
	mach_port_options_t o;
	mach_port_name_t n = MACH_PORT_NULL;
	uint64_t ctx = chance(f, 50) ? below(f, 4) : rnd(f);
	bool bad_out, bad_in = chance(f, 3);
	kern_return_t kr;
	char args[96];

	memset(&o, 0, sizeof(o));
	o.flags = chance(f, 85) ? below(f, 32) : (uint32_t)rnd(f);
	/*
	 * no guarded or immovable ports: destroying or moving one raises
	 * EXC_GUARD, which ends a task without a handler (test/uguard)
	 */
	o.flags &= ~(uint32_t)(MPO_CONTEXT_AS_GUARD | MPO_IMMOVABLE_RECEIVE);
	o.mpl.mpl_qlimit = chance(f, 85) ? below(f, 20) : (uint32_t)rnd(f);
	kr = mach_port_construct(target, bad_in ? (mach_port_options_t *)0x10 : &o,
	    ctx, pick_out(f, &n, &bad_out));
	if (check(f, OP_CONSTRUCT, kr, on_self, bad_in || bad_out,
	    SET(KERN_SUCCESS, KERN_INVALID_VALUE, KERN_NO_SPACE,
	    KERN_RESOURCE_SHORTAGE), ARGS("flags %#x qlimit %u", o.flags,
	    o.mpl.mpl_qlimit)) && kr == KERN_SUCCESS && on_self && !bad_out) {
		pool_put(f, n, (o.flags & MPO_INSERT_SEND_RIGHT) ? H_SEND : H_RECV);
		__atomic_store_n(&last_context, ctx, __ATOMIC_RELAXED);
		__atomic_store_n(&last_constructed, n, __ATOMIC_RELAXED);
	}
}

static void
do_destruct(struct fz *f, mach_port_name_t target, bool on_self)
{
	mach_port_name_t n = __atomic_load_n(&last_constructed, __ATOMIC_RELAXED);
	uint64_t guard = __atomic_load_n(&last_context, __ATOMIC_RELAXED);
	mach_port_delta_t d = chance(f, 60) ? 0 : chance(f, 50) ? -1 : pick_delta(f);
	kern_return_t kr;
	char args[96];

	if (!chance(f, 50) || protected_name(n))
		n = pick_name(f, H_RECV, N_MAY_DESTROY);
	if (chance(f, 30))
		guard = chance(f, 50) ? 0 : rnd(f);
	kr = mach_port_destruct(target, n, d, guard);
	check(f, OP_DESTRUCT, kr, on_self, false, SET(KERN_SUCCESS,
	    KERN_INVALID_NAME, KERN_INVALID_RIGHT, KERN_INVALID_VALUE,
	    KERN_INVALID_ARGUMENT), ARGS("name %#x srdelta %d guard %#llx", n, d,
	    (unsigned long long)guard));
}

static void
do_refs(struct fz *f, enum op op, mach_port_name_t target, bool on_self)
{
	mach_port_right_t right = pick_right(f);
	mach_port_name_t n;
	kern_return_t kr;
	char args[96];

	if (op == OP_MOD_REFS) {
		mach_port_delta_t d = pick_delta(f);

		n = pick_name(f, H_ANY, d < 0 ? N_MAY_DESTROY : 0);
		kr = mach_port_mod_refs(target, n, right, d);
		check(f, op, kr, on_self, false, SET(KERN_SUCCESS,
		    KERN_INVALID_NAME, KERN_INVALID_RIGHT, KERN_INVALID_VALUE,
		    KERN_UREFS_OVERFLOW), ARGS("name %#x right %u delta %d", n,
		    right, d));
	} else {
		mach_port_urefs_t r = 0;
		bool bad;

		n = pick_name(f, H_ANY, 0);
		kr = mach_port_get_refs(target, n, right, pick_out(f, &r, &bad));
		if (check(f, op, kr, on_self, bad, SET(KERN_SUCCESS,
		    KERN_INVALID_NAME, KERN_INVALID_VALUE), ARGS("name %#x right %u",
		    n, right)) && kr == KERN_SUCCESS && on_self && !bad &&
		    (r > 0xffff ||
		    (right != MACH_PORT_RIGHT_SEND &&
		    right != MACH_PORT_RIGHT_DEAD_NAME && r > 1)))
			violation(f, op, kr, "name %#x right %u: %u refs", n, right, r);
	}
}

static void
do_type(struct fz *f, mach_port_name_t target, bool on_self)
{
	mach_port_name_t n = pick_name(f, H_ANY, 0);
	mach_port_type_t t = 0;
	bool bad;
	kern_return_t kr = mach_port_type(target, n, pick_out(f, &t, &bad));
	char args[64];

	if (!check(f, OP_TYPE, kr, on_self, bad, SET(KERN_SUCCESS,
	    KERN_INVALID_NAME), ARGS("name %#x", n)) || !on_self)
		return;
	if (kr == KERN_INVALID_NAME)
		pool_forget(f, n);
	else if (kr == KERN_SUCCESS && !bad && !type_possible(t))
		violation(f, OP_TYPE, kr, "name %#x has type %#x", n, t);
}

static void
do_insert_right(struct fz *f, mach_port_name_t target, bool on_self)
{
	unsigned msgt = chance(f, 95) ? pick_disp(f, false) : (unsigned)rnd(f);
	mach_port_name_t poly = pick_name(f, kind_for_disp(msgt),
	    MACH_MSG_TYPE_PORT_ANY_RIGHT(msgt) ? N_MAY_DESTROY : 0);
	mach_port_name_t n = chance(f, 10) ? poly : pick_new_name(f);
	kern_return_t kr;
	char args[96];

	kr = mach_port_insert_right(target, n, poly, msgt);
	if (check(f, OP_INSERT_RIGHT, kr, on_self, false, SET(KERN_SUCCESS,
	    KERN_INVALID_VALUE, KERN_INVALID_CAPABILITY, KERN_NAME_EXISTS,
	    KERN_RIGHT_EXISTS, KERN_UREFS_OVERFLOW, KERN_NO_SPACE,
	    KERN_RESOURCE_SHORTAGE), ARGS("name %#x poly %#x msgt %u", n, poly,
	    msgt)) && kr == KERN_SUCCESS && on_self)
		pool_put(f, n, msgt == MACH_MSG_TYPE_MOVE_RECEIVE ? H_RECV :
		    msgt == MACH_MSG_TYPE_MAKE_SEND_ONCE ||
		    msgt == MACH_MSG_TYPE_MOVE_SEND_ONCE ? H_SONCE : H_SEND);
}

static void
do_request_notification(struct fz *f, mach_port_name_t target, bool on_self)
{
	static const mach_msg_id_t ids[] = {
		MACH_NOTIFY_DEAD_NAME, MACH_NOTIFY_DEAD_NAME, MACH_NOTIFY_NO_SENDERS,
		MACH_NOTIFY_NO_SENDERS, MACH_NOTIFY_PORT_DESTROYED,
		MACH_NOTIFY_PORT_DESTROYED, MACH_NOTIFY_SEND_ONCE,
		MACH_NOTIFY_PORT_DELETED, MACH_NOTIFY_SEND_POSSIBLE,
	};
	mach_msg_id_t id = chance(f, 95) ? ids[below(f, 9)] : (mach_msg_id_t)rnd(f);
	mach_port_name_t n = pick_name(f, H_ANY, 0), notify, prev = 0;
	mach_port_mscount_t sync = chance(f, 70) ? 0 : chance(f, 70) ?
	    1 + below(f, 3) : (mach_port_mscount_t)rnd(f);
	unsigned ntype;
	uint32_t k = below(f, 100);
	bool bad;
	kern_return_t kr;
	char args[128];

	if (k < 50) {
		notify = pool_kind(f, H_RECV);
		ntype = MACH_MSG_TYPE_MAKE_SEND_ONCE;
	} else if (k < 60) {
		notify = n;		/* the port itself */
		ntype = MACH_MSG_TYPE_MAKE_SEND_ONCE;
	} else if (k < 70) {
		notify = pool_kind(f, H_SONCE);
		ntype = MACH_MSG_TYPE_MOVE_SEND_ONCE;
	} else if (k < 80) {
		notify = MACH_PORT_NULL;
		ntype = MACH_MSG_TYPE_MAKE_SEND_ONCE;
	} else {
		notify = pick_name(f, H_ANY, N_MAY_DESTROY);
		ntype = pick_disp(f, false);
	}
	if (protected_name(notify) && ntype == MACH_MSG_TYPE_MOVE_SEND_ONCE)
		notify = MACH_PORT_NULL;
	kr = mach_port_request_notification(target, n, id, sync, notify, ntype,
	    pick_out(f, &prev, &bad));
	if (check(f, OP_REQUEST_NOTIFICATION, kr, on_self, bad, SET(KERN_SUCCESS,
	    KERN_INVALID_NAME, KERN_INVALID_RIGHT, KERN_INVALID_VALUE,
	    KERN_INVALID_CAPABILITY, KERN_INVALID_ARGUMENT, KERN_RESOURCE_SHORTAGE,
	    KERN_UREFS_OVERFLOW), ARGS("name %#x id %#x sync %u notify %#x/%u",
	    n, id, sync, notify, ntype)) && kr == KERN_SUCCESS && on_self && !bad) {
		if (prev == MACH_PORT_DEAD)
			violation(f, OP_REQUEST_NOTIFICATION, kr, "previous %#x", prev);
		pool_put(f, prev, H_SONCE);
	}
}

static void
do_member(struct fz *f, enum op op, mach_port_name_t target, bool on_self)
{
	mach_port_name_t m = pick_name(f, H_RECV, 0);
	mach_port_name_t s = op == OP_MOVE_MEMBER && chance(f, 20) ?
	    MACH_PORT_NULL : pick_name(f, H_SET, 0);
	kern_return_t kr;
	char args[64];

	ARGS("member %#x set %#x", m, s);
	if (op == OP_MOVE_MEMBER) {
		kr = mach_port_move_member(target, m, s);
		check(f, op, kr, on_self, false, SET(KERN_SUCCESS, KERN_INVALID_NAME,
		    KERN_INVALID_RIGHT, KERN_NOT_IN_SET, KERN_ALREADY_IN_SET), args);
	} else if (op == OP_INSERT_MEMBER) {
		kr = mach_port_insert_member(target, m, s);
		check(f, op, kr, on_self, false, SET(KERN_SUCCESS, KERN_INVALID_NAME,
		    KERN_INVALID_RIGHT, KERN_ALREADY_IN_SET), args);
	} else {
		kr = mach_port_extract_member(target, m, s);
		check(f, op, kr, on_self, false, SET(KERN_SUCCESS, KERN_INVALID_NAME,
		    KERN_INVALID_RIGHT, KERN_NOT_IN_SET), args);
	}
}

static const natural_t flavor_count[] = {
	0, MACH_PORT_LIMITS_INFO_COUNT, MACH_PORT_RECEIVE_STATUS_COUNT,
	MACH_PORT_DNREQUESTS_SIZE_COUNT,
};

static int
pick_flavor(struct fz *f)
{
	return chance(f, 90) ? 1 + (int)below(f, 3) : (int)rnd(f) % 12;
}

static void
do_get_attributes(struct fz *f, mach_port_name_t target, bool on_self)
{
	integer_t info[32];
	mach_port_name_t n = pick_name(f, H_RECV, 0);
	int flavor = pick_flavor(f);
	mach_msg_type_number_t count, *cp;
	bool bad_info = chance(f, 3), bad_count;
	kern_return_t kr;
	char args[96];

	count = chance(f, 80) ? 16 : below(f, 20);
	memset(info, 0, sizeof(info));
	cp = pick_out(f, &count, &bad_count);
	kr = mach_port_get_attributes(target, n, flavor,
	    bad_info ? (mach_port_info_t)0x10 : info, cp);
	if (!check(f, OP_GET_ATTRIBUTES, kr, on_self, bad_info || bad_count,
	    SET(KERN_SUCCESS, KERN_INVALID_NAME, KERN_INVALID_RIGHT,
	    KERN_INVALID_ARGUMENT, KERN_FAILURE), ARGS("name %#x flavor %d count %u",
	    n, flavor, count)) || kr != KERN_SUCCESS || !on_self || bad_info ||
	    bad_count)
		return;
	if (flavor < 1 || flavor > 3 || count != flavor_count[flavor])
		violation(f, OP_GET_ATTRIBUTES, kr, "flavor %d: count %u", flavor, count);
	else if ((flavor == MACH_PORT_LIMITS_INFO || flavor == MACH_PORT_RECEIVE_STATUS) &&
	    (natural_t)info[flavor == MACH_PORT_LIMITS_INFO ? 0 : 4] > MACH_PORT_QLIMIT_MAX)
		violation(f, OP_GET_ATTRIBUTES, kr, "flavor %d: qlimit %u", flavor,
		    (natural_t)info[flavor == MACH_PORT_LIMITS_INFO ? 0 : 4]);
}

static void
do_set_attributes(struct fz *f, mach_port_name_t target, bool on_self)
{
	integer_t info[16];
	mach_port_name_t n = pick_name(f, H_RECV, 0);
	int flavor = pick_flavor(f);
	mach_msg_type_number_t count = chance(f, 85) ? 1 : below(f, 20);
	bool bad = chance(f, 3) && count > 0;
	kern_return_t kr;
	char args[96];

	memset(info, 0, sizeof(info));
	info[0] = chance(f, 70) ? (integer_t)below(f, 10) : chance(f, 50) ?
	    1024 + (integer_t)below(f, 2) : (integer_t)rnd(f);
	kr = mach_port_set_attributes(target, n, flavor,
	    bad ? (mach_port_info_t)0x10 : info, count);
	check(f, OP_SET_ATTRIBUTES, kr, on_self, bad, SET(KERN_SUCCESS,
	    KERN_INVALID_NAME, KERN_INVALID_RIGHT, KERN_INVALID_ARGUMENT,
	    KERN_FAILURE, KERN_INVALID_VALUE), ARGS("name %#x flavor %d count %u "
	    "value %d", n, flavor, count, info[0]));
}

#define NAMES_MAX	64		/* max is below NAMES_MAX + 4, the arrays' room */
#define CANARY		0x6e6f6e6fu

/*
 * mach_port_names (the trap itself: no memory to give back) with room for
 * max names: exactly MIN(count, max) slots written, whatever the other
 * threads make or destroy meanwhile, nothing past them
 */
static void
do_names(struct fz *f, mach_port_name_t target, bool on_self)
{
	mach_port_name_t names[NAMES_MAX + 4];
	mach_port_type_t types[NAMES_MAX + 4];
	uint32_t count = 0, max = below(f, NAMES_MAX + 4);
	bool bad_n, bad_t, bad_c;
	void *np = pick_out(f, names, &bad_n), *tp = pick_out(f, types, &bad_t);
	void *cp = pick_out(f, &count, &bad_c);
	kern_return_t kr;

	for (int i = 0; i < NAMES_MAX + 4; i++)
		names[i] = types[i] = CANARY;
	kr = (kern_return_t)rvmach_trap(RVMACH_TRAP_mach_port_names, (long)target,
	    (long)np, (long)tp, (long)max, (long)cp, 0, 0);
	if (!check(f, OP_NAMES, kr, on_self, (bad_n && np != NULL) ||
	    (bad_t && tp != NULL) || bad_c, SET(KERN_SUCCESS), "") ||
	    kr != KERN_SUCCESS || !on_self || bad_n || bad_t || bad_c)
		return;
	for (uint32_t i = 0; i < NAMES_MAX + 4; i++) {
		bool filled = i < count && i < max;

		if (!filled && (names[i] != CANARY || types[i] != CANARY)) {
			violation(f, OP_NAMES, kr, "max %u count %u: slot %u written",
			    max, count, i);
			break;
		}
		if (filled && !type_possible(types[i]))
			violation(f, OP_NAMES, kr, "name %#x has type %#x", names[i],
			    types[i]);
		else if (filled && chance(f, 10))
			pool_put(f, names[i], hint_of(types[i]));
	}
}

static void
do_self(struct fz *f)
{
	uint32_t k = below(f, 4);
	mach_port_name_t n;

	switch (k) {
	case 0:
		n = (mach_port_name_t)rvmach_trap0(MACH_TRAP_task_self);
		record(f, OP_SELF, 0);
		if (n != self)
			violation(f, OP_SELF, n, "task_self %#x, not %#x", n, self);
		break;
	case 1:
		n = (mach_port_name_t)rvmach_trap0(MACH_TRAP_thread_self);
		record(f, OP_SELF, 0);
		pool_put(f, n, H_SEND);
		break;
	case 2:
		n = (mach_port_name_t)rvmach_trap0(MACH_TRAP_host_self);
		record(f, OP_SELF, 0);
		pool_put(f, n, H_SEND);
		break;
	default:
		n = mach_reply_port();
		record(f, OP_SELF, 0);
		pool_put(f, n, H_RECV);
		break;
	}
}

void
op_port(struct fz *f, enum op op)
{
	bool on_self;
	mach_port_name_t target = pick_target(f, &on_self);
	mach_port_name_t n;
	kern_return_t kr;
	char args[96];

	switch (op) {
	case OP_ALLOCATE:
		do_allocate(f, target, on_self, args, sizeof(args));
		break;
	case OP_ALLOCATE_NAME: {
		mach_port_right_t right = pick_right(f);

		n = pick_new_name(f);
		kr = mach_port_allocate_name(target, right, n);
		if (check(f, op, kr, on_self, false, SET(KERN_SUCCESS,
		    KERN_INVALID_VALUE, KERN_NAME_EXISTS, KERN_NO_SPACE,
		    KERN_RESOURCE_SHORTAGE), ARGS("right %u name %#x", right, n)) &&
		    kr == KERN_SUCCESS && on_self)
			pool_put(f, n, right == MACH_PORT_RIGHT_RECEIVE ? H_RECV :
			    right == MACH_PORT_RIGHT_PORT_SET ? H_SET : H_DEAD);
		break;
	}
	case OP_CONSTRUCT:
		do_construct(f, target, on_self);
		break;
	case OP_DESTRUCT:
		do_destruct(f, target, on_self);
		break;
	case OP_DESTROY:
		n = pick_name(f, H_ANY, N_MAY_DESTROY);
		kr = mach_port_destroy(target, n);
		if (check(f, op, kr, on_self, false, SET(KERN_SUCCESS,
		    KERN_INVALID_NAME), ARGS("name %#x", n)) && on_self)
			pool_forget(f, n);
		break;
	case OP_DEALLOCATE:
		n = pick_name(f, H_SEND, N_MAY_DESTROY);
		kr = mach_port_deallocate(target, n);
		if (check(f, op, kr, on_self, false, SET(KERN_SUCCESS,
		    KERN_INVALID_NAME, KERN_INVALID_RIGHT), ARGS("name %#x", n)) &&
		    on_self && kr == KERN_INVALID_NAME)
			pool_forget(f, n);
		break;
	case OP_MOD_REFS:
	case OP_GET_REFS:
		do_refs(f, op, target, on_self);
		break;
	case OP_TYPE:
		do_type(f, target, on_self);
		break;
	case OP_INSERT_RIGHT:
		do_insert_right(f, target, on_self);
		break;
	case OP_REQUEST_NOTIFICATION:
		do_request_notification(f, target, on_self);
		break;
	case OP_MOVE_MEMBER:
	case OP_INSERT_MEMBER:
	case OP_EXTRACT_MEMBER:
		do_member(f, op, target, on_self);
		break;
	case OP_GET_ATTRIBUTES:
		do_get_attributes(f, target, on_self);
		break;
	case OP_SET_ATTRIBUTES:
		do_set_attributes(f, target, on_self);
		break;
	case OP_NAMES:
		do_names(f, target, on_self);
		break;
	default:
		do_self(f);
		break;
	}
}
