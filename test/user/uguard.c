/*
 * test/user/uguard.c - port guards from user mode: mach_port_construct
 * with MPO_CONTEXT_AS_GUARD / MPO_STRICT / MPO_IMMOVABLE_RECEIVE,
 * mach_port_guard, _guard_with_flags, _unguard, _swap_guard, and what a
 * guard forbids (mach_port_destroy, mach_port_mod_refs of the receive
 * right, mach_port_destruct with the wrong guard, the context of a strict
 * guard, moving an immovable receive right).  Each violation must fail
 * with XNU's code and raise EXC_GUARD once, with XNU's code and subcode,
 * after the call: a handler thread of this task takes it (EXCEPTION_STATE
 * | MACH_EXCEPTION_CODES) and replies KERN_SUCCESS, so the thread goes on
 * with the call's return code in a0.  Calls that are no violation raise
 * nothing.  test/ktest/exception.c runs crash_exc guard: no handler, the
 * task ends.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <mach/mach_exc.h>
#include <mach/mach_init.h>
#include <mach/mach_port.h>
#include <mach/mach_vm.h>
#include <mach/message.h>
#include <mach/mig_errors.h>
#include <mach/rvmach_debug.h>
#include <mach/task.h>

#include "ktap.h"
#include "utest_util.h"

#define GUARD		0x6a617264ull		/* a guard value */
#define OTHER		0x0badull
#define REG_A0		9			/* x10 in riscv_thread_state.x[] */
#define QUIT_ID		0x7fff0002

static mach_port_t self, exc_port;
static char handler_stack[16384] __attribute__((aligned(16)));

/* what the handler saw: the last EXC_GUARD, and how many came */
static struct {
	volatile int n;
	int	id;
	int	exception;
	unsigned codeCnt;
	int64_t	code, subcode;
	int	flavor;
	uint64_t a0;
} hs;

static void
handler(void *arg)
{
	union {
		__Request__mach_exception_raise_state_t r;
		char	buf[sizeof(__Request__mach_exception_raise_state_t) +
		    MAX_TRAILER_SIZE];
	} m;
	__Reply__mach_exception_raise_state_t rep;
	riscv_thread_state_t st;

	(void)arg;
	for (;;) {
		memset(&m, 0, sizeof(m));
		if (mach_msg(&m.r.Head, MACH_RCV_MSG, 0, sizeof(m), exc_port, 0,
		    MACH_PORT_NULL) != MACH_MSG_SUCCESS || m.r.Head.msgh_id == QUIT_ID)
			rvmach_thread_exit();
		hs.id = m.r.Head.msgh_id;
		hs.exception = m.r.exception;
		hs.codeCnt = m.r.codeCnt;
		hs.code = m.r.code[0];
		hs.subcode = m.r.code[1];
		hs.flavor = m.r.flavor;
		memcpy(&st, m.r.old_state, sizeof(st));
		hs.a0 = st.x[REG_A0];
		memset(&rep, 0, sizeof(rep));
		rep.Head.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MOVE_SEND_ONCE, 0);
		rep.Head.msgh_size = (mach_msg_size_t)(offsetof(
		    __Reply__mach_exception_raise_state_t, new_state) +
		    m.r.old_stateCnt * sizeof(natural_t));
		rep.Head.msgh_remote_port = m.r.Head.msgh_remote_port;
		rep.Head.msgh_id = m.r.Head.msgh_id + 100;
		rep.NDR = NDR_record;
		rep.RetCode = KERN_SUCCESS;
		rep.flavor = m.r.flavor;
		rep.new_stateCnt = m.r.old_stateCnt;
		memcpy(rep.new_state, m.r.old_state,
		    m.r.old_stateCnt * sizeof(natural_t));
		__atomic_fetch_add(&hs.n, 1, __ATOMIC_RELEASE);
		mach_msg(&rep.Head, MACH_SEND_MSG, rep.Head.msgh_size, 0,
		    MACH_PORT_NULL, 0, MACH_PORT_NULL);
	}
}

static int seen;	/* exceptions checked so far */

/* EXC_GUARD's code for a port: type, reason, name (<mach/port.h>) */
static int64_t
guard_code(unsigned reason, mach_port_name_t name)
{
	return (int64_t)(((uint64_t)GUARD_TYPE_MACH_PORT << 61) |
	    ((uint64_t)reason << 32) | name);
}

/* exactly one new EXC_GUARD, with this code, subcode and return code */
static bool
raised(unsigned reason, mach_port_name_t name, uint64_t subcode,
    kern_return_t kr)
{
	int n = __atomic_load_n(&hs.n, __ATOMIC_ACQUIRE);
	bool ok = n == seen + 1 && hs.id == 2406 && hs.exception == EXC_GUARD &&
	    hs.codeCnt == 2 && hs.code == guard_code(reason, name) &&
	    hs.subcode == (int64_t)subcode && hs.flavor == RISCV_THREAD_STATE &&
	    hs.a0 == (uint64_t)(uint32_t)kr;

	if (!ok)
		ktap_diag("exceptions %d (want %d), id %d exc %d cnt %u code %#llx "
		    "(want %#llx) subcode %#llx (want %#llx) a0 %#llx (want %#x)",
		    n, seen + 1, hs.id, hs.exception, hs.codeCnt,
		    (unsigned long long)hs.code,
		    (unsigned long long)guard_code(reason, name),
		    (unsigned long long)hs.subcode, (unsigned long long)subcode,
		    (unsigned long long)hs.a0, kr);
	seen = n;
	return ok;
}

/* and no new exception */
static bool
quiet(void)
{
	int n = __atomic_load_n(&hs.n, __ATOMIC_ACQUIRE);
	bool ok = n == seen;

	if (!ok)
		ktap_diag("%d unexpected exceptions", n - seen);
	seen = n;
	return ok;
}

static mach_port_name_t
construct(uint32_t flags, uint64_t context)
{
	mach_port_options_t o;
	mach_port_name_t n = MACH_PORT_NULL;

	memset(&o, 0, sizeof(o));
	o.flags = flags;
	if (mach_port_construct(self, &o, context, &n) != KERN_SUCCESS)
		return MACH_PORT_NULL;
	return n;
}

static integer_t
status_flags(mach_port_name_t n)
{
	mach_port_status_t s;
	mach_msg_type_number_t count = MACH_PORT_RECEIVE_STATUS_COUNT;

	memset(&s, 0, sizeof(s));
	if (mach_port_get_attributes(self, n, MACH_PORT_RECEIVE_STATUS,
	    (mach_port_info_t)&s, &count) != KERN_SUCCESS)
		return -1;
	return s.mps_flags;
}

static bool
is_receive(mach_port_name_t n)
{
	return (type_of(n) & MACH_PORT_TYPE_RECEIVE) != 0;
}

static mach_port_context_t
context_of(mach_port_name_t n)
{
	mach_port_context_t c = ~0ull;

	if (mach_port_get_context(self, n, &c) != KERN_SUCCESS)
		return ~0ull;
	return c;
}

/* send n's receive right to a port of ours in a port descriptor */
static mach_msg_return_t
move_receive(mach_port_name_t n, mach_port_name_t to)
{
	struct {
		mach_msg_header_t h;
		mach_msg_body_t b;
		mach_msg_port_descriptor_t p;
	} m;

	memset(&m, 0, sizeof(m));
	m.h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND, 0) |
	    MACH_MSGH_BITS_COMPLEX;
	m.h.msgh_size = sizeof(m);
	m.h.msgh_remote_port = to;
	m.b.msgh_descriptor_count = 1;
	m.p.name = n;
	m.p.disposition = MACH_MSG_TYPE_MOVE_RECEIVE;
	m.p.type = MACH_MSG_PORT_DESCRIPTOR;
	return mach_msg(&m.h, MACH_SEND_MSG | MACH_SEND_TIMEOUT, sizeof(m), 0,
	    MACH_PORT_NULL, 0, MACH_PORT_NULL);
}

int
main(void)
{
	mach_port_name_t p, q, box;
	mach_msg_type_number_t names_before;
	kern_return_t kr;
	mach_msg_return_t mr;
	struct {
		mach_msg_header_t h;
	} quit;

	self = mach_task_self();
	ktap_plan("uguard", 30);
	mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &exc_port);
	mach_port_insert_right(self, exc_port, exc_port, MACH_MSG_TYPE_MAKE_SEND);
	kr = task_set_exception_ports(self, EXC_MASK_GUARD, exc_port,
	    EXCEPTION_STATE | MACH_EXCEPTION_CODES, RISCV_THREAD_STATE);
	if (!ktap_ok(kr == KERN_SUCCESS && rvmach_thread_start(handler, NULL,
	    handler_stack, sizeof(handler_stack)) == KERN_SUCCESS,
	    "handler_set_up"))
		return ktap_done();
	names_before = names_in_use();

	/* constructed guarded: destroy and mod_refs refuse it */
	p = construct(MPO_CONTEXT_AS_GUARD, GUARD);
	ktap_ok(p != MACH_PORT_NULL && status_flags(p) ==
	    MACH_PORT_STATUS_FLAG_GUARDED && context_of(p) == GUARD && quiet(),
	    "construct_guarded");
	kr = mach_port_destroy(self, p);
	ktap_ok(kr == KERN_INVALID_RIGHT && raised(kGUARD_EXC_DESTROY, p, GUARD,
	    kr) && is_receive(p), "destroy_refused_exc_guard");
	kr = mach_port_mod_refs(self, p, MACH_PORT_RIGHT_RECEIVE, -1);
	ktap_ok(kr == KERN_INVALID_RIGHT && raised(kGUARD_EXC_MOD_REFS, p, GUARD,
	    kr) && is_receive(p), "mod_refs_refused_exc_guard");
	kr = mach_port_mod_refs(self, p, MACH_PORT_RIGHT_RECEIVE, 0);
	ktap_ok(kr == KERN_SUCCESS && quiet(), "mod_refs_zero_is_no_violation");
	kr = mach_port_destruct(self, p, 0, OTHER);
	ktap_ok(kr == KERN_INVALID_ARGUMENT && raised(kGUARD_EXC_DESTROY, p,
	    GUARD, kr) && is_receive(p), "destruct_wrong_guard_refused");
	kr = mach_port_destruct(self, p, 0, GUARD);
	ktap_ok(kr == KERN_SUCCESS && !is_receive(p) && quiet(),
	    "destruct_with_the_guard");

	/* an unguarded port's guard argument does not matter (XNU) */
	p = construct(0, 5);
	kr = mach_port_destruct(self, p, 0, OTHER);
	ktap_ok(kr == KERN_SUCCESS && !is_receive(p) && quiet(),
	    "destruct_unguarded_ignores_guard");

	/* mach_port_guard: only on a receive right without a context */
	mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &p);
	ktap_ok(mach_port_guard(self, p, GUARD, false) == KERN_SUCCESS &&
	    status_flags(p) == MACH_PORT_STATUS_FLAG_GUARDED &&
	    context_of(p) == GUARD && quiet(), "guard");
	ktap_ok(mach_port_guard(self, p, OTHER, false) == KERN_INVALID_ARGUMENT &&
	    context_of(p) == GUARD && quiet(), "guard_twice_invalid_argument");
	q = construct(0, 7);
	ktap_ok(mach_port_guard(self, q, GUARD, false) == KERN_INVALID_ARGUMENT &&
	    status_flags(q) == 0 && quiet(), "guard_with_a_context_refused");
	mach_port_insert_right(self, q, q, MACH_MSG_TYPE_MAKE_SEND);
	mach_port_mod_refs(self, q, MACH_PORT_RIGHT_RECEIVE, -1);	/* a send right left */
	ktap_ok(mach_port_guard(self, q, GUARD, false) == KERN_INVALID_RIGHT &&
	    mach_port_guard(self, MACH_PORT_NULL, GUARD, false) ==
	    KERN_INVALID_NAME && mach_port_guard(self, 0x7777, GUARD, false) ==
	    KERN_INVALID_NAME && mach_port_guard(0x7777, p, GUARD, false) ==
	    MACH_SEND_INVALID_DEST && quiet(), "guard_bad_names");
	mach_port_deallocate(self, q);

	/* unguard */
	kr = mach_port_unguard(self, p, OTHER);
	ktap_ok(kr == KERN_INVALID_ARGUMENT && raised(kGUARD_EXC_INCORRECT_GUARD,
	    p, GUARD, kr) && context_of(p) == GUARD, "unguard_wrong_guard");
	ktap_ok(mach_port_unguard(self, p, GUARD) == KERN_SUCCESS &&
	    context_of(p) == 0 && status_flags(p) == 0 && quiet(), "unguard");
	kr = mach_port_unguard(self, p, GUARD);
	ktap_ok(kr == KERN_INVALID_ARGUMENT && raised(kGUARD_EXC_UNGUARDED, p, 0,
	    kr), "unguard_unguarded_exc_guard");

	/* swap */
	kr = mach_port_swap_guard(self, p, 0, GUARD);
	ktap_ok(kr == KERN_INVALID_ARGUMENT && raised(kGUARD_EXC_UNGUARDED, p, 0,
	    kr), "swap_unguarded");
	mach_port_guard(self, p, GUARD, false);
	kr = mach_port_swap_guard(self, p, OTHER, 9);
	ktap_ok(kr == KERN_INVALID_ARGUMENT && raised(kGUARD_EXC_INCORRECT_GUARD,
	    p, GUARD, kr) && context_of(p) == GUARD, "swap_wrong_old_guard");
	ktap_ok(mach_port_swap_guard(self, p, GUARD, OTHER) == KERN_SUCCESS &&
	    context_of(p) == OTHER && quiet(), "swap_guard");
	/* a plain guard is the context: setting it sets the guard */
	ktap_ok(mach_port_set_context(self, p, GUARD) == KERN_SUCCESS &&
	    mach_port_destruct(self, p, 0, GUARD) == KERN_SUCCESS &&
	    !is_receive(p) && quiet(), "set_context_sets_a_plain_guard");

	/* strict: hidden, cannot be changed */
	mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &p);
	ktap_ok(mach_port_guard_with_flags(self, p, GUARD, MPG_STRICT) ==
	    KERN_SUCCESS && status_flags(p) == (MACH_PORT_STATUS_FLAG_GUARDED |
	    MACH_PORT_STATUS_FLAG_STRICT_GUARD) && context_of(p) == 0 && quiet(),
	    "strict_guard_hides_the_context");
	kr = mach_port_set_context(self, p, OTHER);
	ktap_ok(kr == KERN_INVALID_ARGUMENT && raised(kGUARD_EXC_SET_CONTEXT, p,
	    GUARD, kr), "strict_set_context_refused");
	kr = mach_port_swap_guard(self, p, GUARD, OTHER);
	ktap_ok(kr == KERN_INVALID_ARGUMENT && raised(kGUARD_EXC_SET_CONTEXT, p,
	    GUARD, kr), "strict_swap_refused");
	ktap_ok(mach_port_unguard(self, p, GUARD) == KERN_SUCCESS &&
	    status_flags(p) == 0 && mach_port_mod_refs(self, p,
	    MACH_PORT_RIGHT_RECEIVE, -1) == KERN_SUCCESS && !is_receive(p) &&
	    quiet(), "strict_unguard_then_deallocate");
	q = construct(MPO_CONTEXT_AS_GUARD | MPO_STRICT, GUARD);
	ktap_ok(q != MACH_PORT_NULL && status_flags(q) ==
	    (MACH_PORT_STATUS_FLAG_GUARDED | MACH_PORT_STATUS_FLAG_STRICT_GUARD) &&
	    mach_port_destruct(self, q, 0, GUARD) == KERN_SUCCESS && quiet(),
	    "construct_strict");

	/* immovable: the receive right cannot go in a message */
	mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &box);
	mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &p);
	ktap_ok(mach_port_guard_with_flags(self, p, GUARD, MPG_IMMOVABLE_RECEIVE) ==
	    KERN_SUCCESS && status_flags(p) == (MACH_PORT_STATUS_FLAG_GUARDED |
	    MACH_PORT_STATUS_FLAG_GUARD_IMMOVABLE_RECEIVE) && quiet(),
	    "guard_immovable");
	mr = move_receive(p, box);
	ktap_ok(mr == MACH_SEND_INVALID_RIGHT && raised(kGUARD_EXC_IMMOVABLE, p,
	    0, mr) && is_receive(p), "immovable_not_moved");
	ktap_ok(mach_port_unguard(self, p, GUARD) == KERN_SUCCESS &&
	    status_flags(p) == MACH_PORT_STATUS_FLAG_GUARD_IMMOVABLE_RECEIVE &&
	    move_receive(p, box) == MACH_SEND_INVALID_RIGHT &&
	    raised(kGUARD_EXC_IMMOVABLE, p, 0, MACH_SEND_INVALID_RIGHT),
	    "unguarded_stays_immovable");
	ktap_ok(mach_port_mod_refs(self, p, MACH_PORT_RIGHT_RECEIVE, -1) ==
	    KERN_SUCCESS && !is_receive(p) && quiet(), "immovable_deallocated");
	q = construct(MPO_IMMOVABLE_RECEIVE, 0);
	ktap_ok(q != MACH_PORT_NULL && status_flags(q) ==
	    MACH_PORT_STATUS_FLAG_GUARD_IMMOVABLE_RECEIVE &&
	    move_receive(q, box) == MACH_SEND_INVALID_RIGHT &&
	    raised(kGUARD_EXC_IMMOVABLE, q, 0, MACH_SEND_INVALID_RIGHT) &&
	    mach_port_destroy(self, q) == KERN_SUCCESS && quiet(),
	    "construct_immovable");
	mach_port_mod_refs(self, box, MACH_PORT_RIGHT_RECEIVE, -1);

	ktap_ok(names_in_use() == names_before, "names_back");

	/* the handler goes */
	memset(&quit, 0, sizeof(quit));
	quit.h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, 0);
	quit.h.msgh_size = sizeof(quit);
	quit.h.msgh_remote_port = exc_port;
	quit.h.msgh_id = QUIT_ID;
	mach_msg(&quit.h, MACH_SEND_MSG, sizeof(quit), 0, MACH_PORT_NULL, 0,
	    MACH_PORT_NULL);
	return ktap_done();
}
