/*
 * test/user/umig.c - messages to kernel objects: MIG requests sent to our
 * task port, a thread port and the host port, with XNU's ids and layouts
 * (<mach/mig_kobject.h>), answered by the kernel (docs/abi.md, "Messages
 * to kernel objects").  Each routine's reply is checked against what the
 * trap of the same call does; unknown ids, wrong sizes and requests with
 * descriptors get MIG's errors, and what a request carried is released.
 */
#include <stdint.h>
#include <string.h>

#include <mach/mach.h>
#include <mach/mig_errors.h>
#include <mach/mig_kobject.h>

#include "ktap.h"
#include "utest_util.h"

#define STACK_SIZE	8192

static mach_port_t self, reply_port;
static char stack[STACK_SIZE] __attribute__((aligned(16)));

/* a reply buffer: the largest reply and a trailer */
union reply {
	mig_reply_error_t err;
	__Reply__mach_port_allocate_t alloc;
	__Reply__mach_port_type_t type;
	__Reply__mach_port_get_refs_t refs;
	__Reply__mach_vm_allocate_t vm_alloc;
	__Reply__host_info_t host_info;
	__Reply___host_page_size_t page_size;
	__Reply__mach_port_peek_t peek;
	__Reply__mach_port_get_attributes_t attr;
	__Reply__mach_port_get_context_t ctx;
	__Reply__mach_port_kobject_t kobj;
	__Reply__task_info_t task_info;
	__Reply__thread_get_state_t state;
	__Reply__thread_info_t thread_info;
	__Reply__clock_get_time_t clock_time;
	__Reply__clock_get_attributes_t clock_attr;
	__Reply__task_get_special_port_t special;
	__Reply__host_get_clock_service_t clock_serv;
	__Reply__task_threads_t threads;
	__Reply__mach_vm_read_t vm_read;
	__Reply__mach_vm_read_overwrite_t vm_read_ow;
	__Reply__mach_vm_page_query_t page_query;
	char space[sizeof(__Reply__thread_get_state_t) + MAX_TRAILER_SIZE];
};

/*
 * send the request of size bytes (its body set by the caller) to dest with
 * id, a send-once reply right made from reply_port, and receive the reply
 */
static mach_msg_return_t
call(mach_port_t dest, mach_msg_id_t id, void *req, mach_msg_size_t size,
    union reply *r)
{
	mach_msg_header_t *h = req;
	mach_msg_bits_t complex = h->msgh_bits & MACH_MSGH_BITS_COMPLEX;

	h->msgh_bits = complex | MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND,
	    MACH_MSG_TYPE_MAKE_SEND_ONCE);
	h->msgh_size = size;
	h->msgh_remote_port = dest;
	h->msgh_local_port = reply_port;
	h->msgh_voucher_port = MACH_PORT_NULL;
	h->msgh_id = id;
	/* the reply comes into the buffer the request went from, as with MIG */
	memset(r, 0xa5, sizeof(*r));
	memcpy(r, req, size);
	return mach_msg(&r->err.Head, MACH_SEND_MSG | MACH_RCV_MSG |
	    MACH_RCV_TIMEOUT, size, sizeof(*r), reply_port, WAIT_MS,
	    MACH_PORT_NULL);
}

/* the reply is MIG's to request id: its id and, for an error, its size */
static int
reply_is(const union reply *r, mach_msg_id_t id, kern_return_t code,
    mach_msg_size_t size)
{
	return r->err.Head.msgh_id == id + 100 && r->err.RetCode == code &&
	    r->err.Head.msgh_size == size &&
	    !(r->err.Head.msgh_bits & MACH_MSGH_BITS_COMPLEX) &&
	    r->err.Head.msgh_local_port == reply_port &&
	    r->err.Head.msgh_remote_port == MACH_PORT_NULL;
}

/* --- mach_port on our task port --- */

static void
test_mach_port(void)
{
	__Request__mach_port_allocate_t a = { .NDR = NDR_record };
	__Request__mach_port_type_t t = { .NDR = NDR_record };
	__Request__mach_port_get_refs_t g = { .NDR = NDR_record };
	__Request__mach_port_mod_refs_t m = { .NDR = NDR_record };
	__Request__mach_port_deallocate_t d = { .NDR = NDR_record };
	union reply r;
	mach_port_t name;
	int ok;

	a.right = MACH_PORT_RIGHT_RECEIVE;
	ok = call(self, 3204, &a, sizeof(a), &r) == MACH_MSG_SUCCESS &&
	    reply_is(&r, 3204, KERN_SUCCESS, sizeof(r.alloc));
	name = r.alloc.name;
	ktap_ok(ok && MACH_PORT_VALID(name) &&
	    type_of(name) == MACH_PORT_TYPE_RECEIVE,
	    "mach_port_allocate message: a receive right, reply 3304 of 40 bytes");

	t.name = name;
	ok = call(self, 3201, &t, sizeof(t), &r) == MACH_MSG_SUCCESS &&
	    reply_is(&r, 3201, KERN_SUCCESS, sizeof(r.type));
	ktap_ok(ok && r.type.ptype == MACH_PORT_TYPE_RECEIVE,
	    "mach_port_type message: the receive right's type");

	ok = mach_port_insert_right(self, name, name, MACH_MSG_TYPE_MAKE_SEND) ==
	    KERN_SUCCESS;
	g.name = name;
	g.right = MACH_PORT_RIGHT_SEND;
	ok = ok && call(self, 3207, &g, sizeof(g), &r) == MACH_MSG_SUCCESS &&
	    reply_is(&r, 3207, KERN_SUCCESS, sizeof(r.refs));
	ktap_ok(ok && r.refs.refs == 1, "mach_port_get_refs message: one send uref");

	d.name = name;
	ok = call(self, 3206, &d, sizeof(d), &r) == MACH_MSG_SUCCESS &&
	    reply_is(&r, 3206, KERN_SUCCESS, sizeof(mig_reply_error_t));
	ktap_ok(ok && send_refs(name) == 0 &&
	    type_of(name) == MACH_PORT_TYPE_RECEIVE,
	    "mach_port_deallocate message: the send right gone, the receive right left");

	m.name = name;
	m.right = MACH_PORT_RIGHT_RECEIVE;
	m.delta = -1;
	ok = call(self, 3208, &m, sizeof(m), &r) == MACH_MSG_SUCCESS &&
	    reply_is(&r, 3208, KERN_SUCCESS, sizeof(mig_reply_error_t));
	ktap_ok(ok && type_of(name) == 0,
	    "mach_port_mod_refs message: the receive right destroyed, the name gone");

	/* an error reply: mig_reply_error_t, the trap's code */
	t.name = name;
	ok = call(self, 3201, &t, sizeof(t), &r) == MACH_MSG_SUCCESS &&
	    reply_is(&r, 3201, KERN_INVALID_NAME, sizeof(mig_reply_error_t));
	ktap_ok(ok, "mach_port_type message of a free name: KERN_INVALID_NAME, 36 bytes");

	a.right = 99;
	ok = mach_port_allocate(self, 99, &name) == KERN_INVALID_VALUE &&
	    call(self, 3204, &a, sizeof(a), &r) == MACH_MSG_SUCCESS &&
	    reply_is(&r, 3204, KERN_INVALID_VALUE, sizeof(mig_reply_error_t));
	ktap_ok(ok, "mach_port_allocate message of a bad right: KERN_INVALID_VALUE, as the trap");
}

/* --- mach_vm and vm_map on our task port --- */

static void
test_vm(void)
{
	__Request__mach_vm_allocate_t a = { .NDR = NDR_record };
	__Request__mach_vm_protect_t p = { .NDR = NDR_record };
	__Request__mach_vm_inherit_t i = { .NDR = NDR_record };
	__Request__mach_vm_deallocate_t d = { .NDR = NDR_record };
	union reply r;
	volatile uint32_t *mem;
	mach_vm_address_t addr;
	int ok;

	for (int legacy = 0; legacy <= 1; legacy++) {
		mach_msg_id_t base = legacy ? 3801 : 4800;

		a.address = 0;
		a.size = 2 * 4096;
		a.flags = VM_FLAGS_ANYWHERE;
		ok = call(self, base, &a, sizeof(a), &r) == MACH_MSG_SUCCESS &&
		    reply_is(&r, base, KERN_SUCCESS, sizeof(r.vm_alloc));
		addr = r.vm_alloc.address;
		mem = (volatile uint32_t *)(uintptr_t)addr;
		if (ok && addr != 0) {
			ok = mem[0] == 0 && mem[2047] == 0;
			mem[0] = 0x5a5a5a5a;
			mem[2047] = 0xa5a5a5a5;
			ok = ok && mem[0] == 0x5a5a5a5a && mem[2047] == 0xa5a5a5a5;
		} else {
			ok = 0;
		}
		ktap_ok(ok, "%s message: two zero pages, written and read back",
		    legacy ? "vm_allocate (3801)" : "mach_vm_allocate (4800)");

		p.address = addr;
		p.size = 4096;
		p.set_maximum = 0;
		p.new_protection = VM_PROT_READ;
		i.address = addr;
		i.size = 2 * 4096;
		i.new_inheritance = VM_INHERIT_NONE;
		ok = call(self, base + 2, &p, sizeof(p), &r) == MACH_MSG_SUCCESS &&
		    reply_is(&r, base + 2, KERN_SUCCESS, sizeof(mig_reply_error_t)) &&
		    call(self, base + 3, &i, sizeof(i), &r) == MACH_MSG_SUCCESS &&
		    reply_is(&r, base + 3, KERN_SUCCESS, sizeof(mig_reply_error_t));
		{
			struct vm_region_basic_info_64 info;
			mach_msg_type_number_t n = VM_REGION_BASIC_INFO_COUNT_64;
			mach_vm_address_t raddr = addr;
			mach_vm_size_t rsize = 0;
			mach_port_t obj = MACH_PORT_NULL;

			ok = ok && mach_vm_region(self, &raddr, &rsize,
			    VM_REGION_BASIC_INFO_64, (vm_region_info_t)&info, &n,
			    &obj) == KERN_SUCCESS && raddr == addr &&
			    info.protection == VM_PROT_READ &&
			    info.inheritance == VM_INHERIT_NONE;
		}
		ktap_ok(ok, "protect and inherit messages: the region says read-only, not inherited");

		d.address = addr;
		d.size = 2 * 4096;
		ok = call(self, base + 1, &d, sizeof(d), &r) == MACH_MSG_SUCCESS &&
		    reply_is(&r, base + 1, KERN_SUCCESS, sizeof(mig_reply_error_t));
		{
			mach_vm_address_t raddr = addr;
			mach_vm_size_t rsize = 0;
			struct vm_region_basic_info_64 info;
			mach_msg_type_number_t n = VM_REGION_BASIC_INFO_COUNT_64;
			mach_port_t obj = MACH_PORT_NULL;

			/* nothing at addr now: the next region starts above it */
			ok = ok && (mach_vm_region(self, &raddr, &rsize,
			    VM_REGION_BASIC_INFO_64, (vm_region_info_t)&info, &n,
			    &obj) != KERN_SUCCESS || raddr > addr);
		}
		ktap_ok(ok, "deallocate message: the range is gone");
	}

	a.address = 0;
	a.size = 4096;
	a.flags = 0x40000000;
	ok = call(self, 4800, &a, sizeof(a), &r) == MACH_MSG_SUCCESS &&
	    reply_is(&r, 4800, KERN_INVALID_ARGUMENT, sizeof(mig_reply_error_t));
	ktap_ok(ok, "mach_vm_allocate message with a bad flag: KERN_INVALID_ARGUMENT");
}

/* --- what MIG's server stubs refuse --- */

static void
test_refused(void)
{
	struct {
		__Request__mach_port_allocate_t a;
		uint32_t extra;
	} long_req = { .extra = 0 };
	struct {
		mach_msg_header_t h;
		mach_msg_body_t body;
		mach_msg_port_descriptor_t port;
		NDR_record_t ndr;
		mach_port_right_t right;
	} c;
	mach_msg_header_t h = { 0 };
	union reply r;
	mach_port_t p;
	int ok;

	ok = call(self, 3299, &h, sizeof(h), &r) == MACH_MSG_SUCCESS &&
	    reply_is(&r, 3299, MIG_BAD_ID, sizeof(mig_reply_error_t));
	ktap_ok(ok, "an id no routine has (3299): MIG_BAD_ID, reply 3399");
	ok = call(self, 12345, &h, sizeof(h), &r) == MACH_MSG_SUCCESS &&
	    reply_is(&r, 12345, MIG_BAD_ID, sizeof(mig_reply_error_t));
	ktap_ok(ok, "an id of no subsystem (12345): MIG_BAD_ID");

	long_req.a.NDR = NDR_record;
	long_req.a.right = MACH_PORT_RIGHT_RECEIVE;
	ok = call(self, 3204, &long_req, sizeof(long_req), &r) == MACH_MSG_SUCCESS &&
	    reply_is(&r, 3204, MIG_BAD_ARGUMENTS, sizeof(mig_reply_error_t));
	ktap_ok(ok, "a request 4 bytes too long: MIG_BAD_ARGUMENTS, no port made");

	/* descriptors where the routine takes none: refused, the right released */
	p = new_port();
	ok = p != MACH_PORT_NULL &&
	    mach_port_insert_right(self, p, p, MACH_MSG_TYPE_MAKE_SEND) == KERN_SUCCESS;
	memset(&c, 0, sizeof(c));
	c.h.msgh_bits = MACH_MSGH_BITS_COMPLEX;
	c.body.msgh_descriptor_count = 1;
	c.port.name = p;
	c.port.disposition = MACH_MSG_TYPE_MOVE_SEND;
	c.port.type = MACH_MSG_PORT_DESCRIPTOR;
	c.ndr = NDR_record;
	c.right = MACH_PORT_RIGHT_RECEIVE;
	ok = ok && call(self, 3204, &c, sizeof(c), &r) == MACH_MSG_SUCCESS &&
	    reply_is(&r, 3204, MIG_BAD_ARGUMENTS, sizeof(mig_reply_error_t));
	ktap_ok(ok && send_refs(p) == 0 && type_of(p) == MACH_PORT_TYPE_RECEIVE,
	    "a request with a port descriptor: refused, the moved send right released");
	if (p != MACH_PORT_NULL)
		mach_port_mod_refs(self, p, MACH_PORT_RIGHT_RECEIVE, -1);
}

/* --- a request without a reply right --- */

static void
test_no_reply(void)
{
	__Request__mach_port_mod_refs_t m = { .NDR = NDR_record };
	mach_port_t p = new_port();
	union reply r;
	int ok;

	m.Head.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, 0);
	m.Head.msgh_size = sizeof(m);
	m.Head.msgh_remote_port = self;
	m.Head.msgh_local_port = MACH_PORT_NULL;
	m.Head.msgh_id = 3208;
	m.name = p;
	m.right = MACH_PORT_RIGHT_RECEIVE;
	m.delta = -1;
	ok = p != MACH_PORT_NULL &&
	    mach_msg(&m.Head, MACH_SEND_MSG, sizeof(m), 0, MACH_PORT_NULL,
	    MACH_MSG_TIMEOUT_NONE, MACH_PORT_NULL) == MACH_MSG_SUCCESS;
	ktap_ok(ok && type_of(p) == 0,
	    "mod_refs sent with no reply right: done all the same");
	ok = mach_msg(&r.err.Head, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0, sizeof(r),
	    reply_port, 0, MACH_PORT_NULL) == MACH_RCV_TIMED_OUT;
	ktap_ok(ok, "and no reply came anywhere");
}

/* replies on a send right: only into room */
static void
test_send_right_reply(void)
{
	__Request__mach_port_type_t t = { .NDR = NDR_record };
	mach_port_status_t st;
	mach_msg_type_number_t cnt = MACH_PORT_RECEIVE_STATUS_COUNT;
	mach_port_t p = new_port();
	union reply r;
	int ok = p != MACH_PORT_NULL, sent = 0;

	for (int i = 0; ok && i < MACH_PORT_QLIMIT_DEFAULT + 3; i++) {
		t.Head.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND,
		    MACH_MSG_TYPE_MAKE_SEND);
		t.Head.msgh_size = sizeof(t);
		t.Head.msgh_remote_port = self;
		t.Head.msgh_local_port = p;
		t.Head.msgh_voucher_port = MACH_PORT_NULL;
		t.Head.msgh_id = 3201;
		t.name = p;
		ok = mach_msg(&t.Head, MACH_SEND_MSG, sizeof(t), 0, MACH_PORT_NULL,
		    MACH_MSG_TIMEOUT_NONE, MACH_PORT_NULL) == MACH_MSG_SUCCESS;
		sent += ok;
	}
	ok = ok && mach_port_get_attributes(self, p, MACH_PORT_RECEIVE_STATUS,
	    (mach_port_info_t)&st, &cnt) == KERN_SUCCESS &&
	    st.mps_msgcount == MACH_PORT_QLIMIT_DEFAULT;
	ok = ok && mach_msg(&r.err.Head, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0,
	    sizeof(r), p, 0, MACH_PORT_NULL) == MACH_MSG_SUCCESS &&
	    r.type.Head.msgh_id == 3301 && r.type.RetCode == KERN_SUCCESS &&
	    r.type.ptype == MACH_PORT_TYPE_RECEIVE && r.type.Head.msgh_local_port == p;
	ktap_ok(ok && sent == MACH_PORT_QLIMIT_DEFAULT + 3,
	    "replies on a send right: the queue limit's worth arrive, the rest are dropped");
	if (p != MACH_PORT_NULL)
		mach_port_mod_refs(self, p, MACH_PORT_RIGHT_RECEIVE, -1);
}

/* --- thread_act on a thread port --- */

static volatile uint64_t spin_stop, spin_count, self_done;

static void
spin_fn(void *arg __attribute__((unused)))
{
	while (!__atomic_load_n(&spin_stop, __ATOMIC_ACQUIRE))
		__atomic_fetch_add(&spin_count, 1, __ATOMIC_RELAXED);
}

/* sends thread_terminate on its own port: never returns */
static void
self_terminate_fn(void *arg __attribute__((unused)))
{
	mach_msg_header_t h;
	mach_port_t me = mach_thread_self();

	__atomic_store_n(&self_done, 1, __ATOMIC_RELEASE);
	h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MOVE_SEND, 0);
	h.msgh_size = sizeof(h);
	h.msgh_remote_port = me;
	h.msgh_local_port = MACH_PORT_NULL;
	h.msgh_voucher_port = MACH_PORT_NULL;
	h.msgh_id = 3600;
	(void)mach_msg(&h, MACH_SEND_MSG, sizeof(h), 0, MACH_PORT_NULL,
	    MACH_MSG_TIMEOUT_NONE, MACH_PORT_NULL);
	__atomic_store_n(&self_done, 2, __ATOMIC_RELEASE);	/* never */
}

/* poll until *v moves from was, at most WAIT_MS */
static int
wait_for_change(volatile uint64_t *v, uint64_t was)
{
	for (int i = 0; i < WAIT_MS; i++) {
		if (__atomic_load_n(v, __ATOMIC_RELAXED) != was)
			return 1;
		sleep_ms(1);
	}
	return 0;
}

static kern_return_t
start(void (*fn)(void *), thread_act_t *th)
{
	struct riscv_thread_state st;

	entry_state_at(&st, fn, NULL, stack + STACK_SIZE);
	return thread_create_running(self, RISCV_THREAD_STATE,
	    (thread_state_t)&st, RISCV_THREAD_STATE_COUNT, th);
}

static void
test_thread(void)
{
	mach_msg_header_t h = { 0 };
	union reply r;
	thread_act_t th = MACH_PORT_NULL;
	uint64_t before;
	int ok;

	ok = start(spin_fn, &th) == KERN_SUCCESS;
	ok = ok && call(th, 3605, &h, sizeof(h), &r) == MACH_MSG_SUCCESS &&
	    reply_is(&r, 3605, KERN_SUCCESS, sizeof(mig_reply_error_t));
	before = __atomic_load_n(&spin_count, __ATOMIC_RELAXED);
	sleep_ms(20);
	ktap_ok(ok && __atomic_load_n(&spin_count, __ATOMIC_RELAXED) == before,
	    "thread_suspend message: the spinning thread stopped");
	ok = call(th, 3606, &h, sizeof(h), &r) == MACH_MSG_SUCCESS &&
	    reply_is(&r, 3606, KERN_SUCCESS, sizeof(mig_reply_error_t));
	ktap_ok(ok && wait_for_change(&spin_count, before),
	    "thread_resume message: it runs again");
	ok = call(th, 3606, &h, sizeof(h), &r) == MACH_MSG_SUCCESS &&
	    reply_is(&r, 3606, thread_resume(th), sizeof(mig_reply_error_t));
	ktap_ok(ok, "thread_resume message of a running thread: the trap's code");
	ok = call(th, 3607, &h, sizeof(h), &r) == MACH_MSG_SUCCESS &&
	    reply_is(&r, 3607, KERN_SUCCESS, sizeof(mig_reply_error_t));
	ktap_ok(ok, "thread_abort message: KERN_SUCCESS");
	ok = call(th, 3601, &h, sizeof(h), &r) == MACH_MSG_SUCCESS &&
	    reply_is(&r, 3601, MIG_BAD_ID, sizeof(mig_reply_error_t));
	ktap_ok(ok, "act_get_state (3601) on a thread port: MIG_BAD_ID");
	/* its state and info by message while it is held, then set back */
	{
		__Request__thread_get_state_t gs = { .NDR = NDR_record };
		__Request__thread_set_state_t ss = { .NDR = NDR_record };
		__Request__thread_info_t ti = { .NDR = NDR_record };
		struct riscv_thread_state st;
		mach_msg_type_number_t n = RISCV_THREAD_STATE_COUNT;
		mach_msg_size_t ss_size = (mach_msg_size_t)(offsetof(
		    __Request__thread_set_state_t, new_state) +
		    RISCV_THREAD_STATE_COUNT * sizeof(natural_t));

		ok = thread_suspend(th) == KERN_SUCCESS &&
		    thread_get_state(th, RISCV_THREAD_STATE, (thread_state_t)&st,
		    &n) == KERN_SUCCESS;
		gs.flavor = RISCV_THREAD_STATE;
		gs.old_stateCnt = THREAD_STATE_MAX;
		ok = ok && call(th, 3603, &gs, sizeof(gs), &r) == MACH_MSG_SUCCESS &&
		    reply_is(&r, 3603, KERN_SUCCESS, (mach_msg_size_t)(offsetof(
		    __Reply__thread_get_state_t, old_state) + n * sizeof(natural_t)));
		ktap_ok(ok && r.state.old_stateCnt == RISCV_THREAD_STATE_COUNT &&
		    memcmp(r.state.old_state, &st, sizeof(st)) == 0,
		    "thread_get_state message (3603): the trap's registers");
		ss.flavor = RISCV_THREAD_STATE;
		ss.new_stateCnt = RISCV_THREAD_STATE_COUNT;
		memcpy(ss.new_state, &st, sizeof(st));
		ok = call(th, 3604, &ss, ss_size, &r) == MACH_MSG_SUCCESS &&
		    reply_is(&r, 3604, KERN_SUCCESS, sizeof(mig_reply_error_t));
		ok = ok && call(th, 3604, &ss, sizeof(ss), &r) == MACH_MSG_SUCCESS &&
		    reply_is(&r, 3604, MIG_BAD_ARGUMENTS, sizeof(mig_reply_error_t));
		gs.flavor = 99;
		ktap_ok(ok && call(th, 3603, &gs, sizeof(gs), &r) ==
		    MACH_MSG_SUCCESS && reply_is(&r, 3603, KERN_INVALID_ARGUMENT,
		    sizeof(mig_reply_error_t)),
		    "thread_set_state message (3604), its size checked; a bad flavor");
		ti.flavor = THREAD_BASIC_INFO;
		ti.thread_info_outCnt = THREAD_INFO_MAX;
		ok = call(th, 3612, &ti, sizeof(ti), &r) == MACH_MSG_SUCCESS &&
		    reply_is(&r, 3612, KERN_SUCCESS, (mach_msg_size_t)(offsetof(
		    __Reply__thread_info_t, thread_info_out) +
		    THREAD_BASIC_INFO_COUNT * sizeof(integer_t)));
		ktap_ok(ok && r.thread_info.thread_info_outCnt == THREAD_BASIC_INFO_COUNT &&
		    ((struct thread_basic_info *)r.thread_info.thread_info_out)->
		    suspend_count == 1, "thread_info message (3612): suspended once");
		ok = call(th, 3608, &h, sizeof(h), &r) == MACH_MSG_SUCCESS &&
		    reply_is(&r, 3608, KERN_SUCCESS, sizeof(mig_reply_error_t));
		ktap_ok(ok && thread_resume(th) == KERN_SUCCESS,
		    "thread_abort_safely message (3608)");
	}
	/* still spinning: it cannot be on its own way out meanwhile */
	ok = call(th, 3600, &h, sizeof(h), &r) == MACH_MSG_SUCCESS &&
	    reply_is(&r, 3600, KERN_SUCCESS, sizeof(mig_reply_error_t));
	ktap_ok(ok && wait_dead(th), "thread_terminate message: the thread's name dies");

	th = MACH_PORT_NULL;
	ok = start(self_terminate_fn, &th) == KERN_SUCCESS;
	ktap_ok(ok && wait_dead(th) && self_done == 1,
	    "thread_terminate message to its own port: the thread ends there");
}

/* --- task on our task port, mach_host on the host port --- */

static void
test_task_host(void)
{
	__Request__host_info_t hi = { .NDR = NDR_record };
	struct host_basic_info trap_info;
	mach_msg_type_number_t n = HOST_BASIC_INFO_COUNT;
	mach_port_t host = mach_host_self(), child = MACH_PORT_NULL;
	mach_msg_header_t h = { 0 };
	union reply r;
	int ok;

	ok = call(self, 3408, &h, sizeof(h), &r) == MACH_MSG_SUCCESS &&
	    reply_is(&r, 3408, task_resume(self), sizeof(mig_reply_error_t));
	ktap_ok(ok, "task_resume message of a running task: the trap's code");
	ok = call(self, 3400, &h, sizeof(h), &r) == MACH_MSG_SUCCESS &&
	    reply_is(&r, 3400, MIG_BAD_ID, sizeof(mig_reply_error_t));
	ktap_ok(ok, "task_create (3400) as a message: MIG_BAD_ID (a trap only)");

	ok = task_create(self, NULL, 0, FALSE, &child) == KERN_SUCCESS;
	ok = ok && call(child, 3407, &h, sizeof(h), &r) == MACH_MSG_SUCCESS &&
	    reply_is(&r, 3407, KERN_SUCCESS, sizeof(mig_reply_error_t)) &&
	    call(child, 3408, &h, sizeof(h), &r) == MACH_MSG_SUCCESS &&
	    reply_is(&r, 3408, KERN_SUCCESS, sizeof(mig_reply_error_t));
	ktap_ok(ok, "task_suspend and task_resume messages to a child: KERN_SUCCESS");
	ok = ok && call(child, 3408, &h, sizeof(h), &r) == MACH_MSG_SUCCESS &&
	    reply_is(&r, 3408, task_resume(child), sizeof(mig_reply_error_t));
	ktap_ok(ok, "a second task_resume message: the trap's code");
	ok = ok && call(child, 3401, &h, sizeof(h), &r) == MACH_MSG_SUCCESS &&
	    reply_is(&r, 3401, KERN_SUCCESS, sizeof(mig_reply_error_t));
	ktap_ok(ok && wait_dead(child),
	    "task_terminate message to a child: its port dies");

	hi.flavor = HOST_BASIC_INFO;
	hi.host_info_outCnt = HOST_BASIC_INFO_COUNT;
	ok = host_info(host, HOST_BASIC_INFO, (host_info_t)&trap_info, &n) ==
	    KERN_SUCCESS &&
	    call(host, 200, &hi, sizeof(hi), &r) == MACH_MSG_SUCCESS &&
	    reply_is(&r, 200, KERN_SUCCESS, 40 + 4 * HOST_BASIC_INFO_COUNT) &&
	    r.host_info.host_info_outCnt == n &&
	    memcmp(r.host_info.host_info_out, &trap_info, n * sizeof(integer_t)) == 0;
	ktap_ok(ok, "host_info message: the trap's HOST_BASIC_INFO, 40 bytes + count words");
	hi.host_info_outCnt = 1;
	ok = call(host, 200, &hi, sizeof(hi), &r) == MACH_MSG_SUCCESS &&
	    reply_is(&r, 200, KERN_FAILURE, sizeof(mig_reply_error_t));
	ktap_ok(ok, "host_info message with room for one word: KERN_FAILURE");
	ok = call(host, 202, &h, sizeof(h), &r) == MACH_MSG_SUCCESS &&
	    reply_is(&r, 202, KERN_SUCCESS, sizeof(r.page_size)) &&
	    r.page_size.out_page_size == 4096;
	ktap_ok(ok, "_host_page_size message: 4096");
	mach_port_deallocate(self, host);
}

/* a complex reply of one port: id, size, a send right under *name */
static int
port_reply_is(const union reply *r, mach_msg_id_t id, mach_port_name_t *name)
{
	const mach_msg_port_descriptor_t *d = &r->special.special_port;

	*name = d->name;
	return r->err.Head.msgh_id == id + 100 &&
	    (r->err.Head.msgh_bits & MACH_MSGH_BITS_COMPLEX) &&
	    r->err.Head.msgh_size == sizeof(__Reply__task_get_special_port_t) &&
	    r->special.msgh_body.msgh_descriptor_count == 1 &&
	    d->type == MACH_MSG_PORT_DESCRIPTOR &&
	    d->disposition == MACH_MSG_TYPE_PORT_SEND;
}

/* the routines whose replies carry a port */
static void
test_port_replies(void)
{
	__Request__task_get_special_port_t req = { .NDR = NDR_record };
	__Request__host_get_clock_service_t creq = { .NDR = NDR_record };
	mach_port_t host = mach_host_self(), me = mach_thread_self();
	mach_port_t clock = MACH_PORT_NULL;
	mach_port_name_t name = 0;
	mach_port_urefs_t before = send_refs(self);
	union reply r;
	int ok;

	req.which_port = TASK_KERNEL_PORT;
	ok = call(self, 3409, &req, sizeof(req), &r) == MACH_MSG_SUCCESS &&
	    port_reply_is(&r, 3409, &name) && name == self &&
	    send_refs(self) == before + 1;
	ktap_ok(ok, "task_get_special_port message: our task port's name, one more uref");
	if (ok)
		mach_port_deallocate(self, self);
	req.which_port = 77;
	ok = call(self, 3409, &req, sizeof(req), &r) == MACH_MSG_SUCCESS &&
	    reply_is(&r, 3409, KERN_INVALID_ARGUMENT, sizeof(mig_reply_error_t)) &&
	    call(self, 3409, &req, sizeof(req) - 4, &r) == MACH_MSG_SUCCESS &&
	    reply_is(&r, 3409, MIG_BAD_ARGUMENTS, sizeof(mig_reply_error_t));
	ktap_ok(ok, "task_get_special_port message: bad which, bad size");

	req.which_port = THREAD_KERNEL_PORT;
	ok = call(me, 3610, &req, sizeof(req), &r) == MACH_MSG_SUCCESS &&
	    port_reply_is(&r, 3610, &name) && name == me;
	ktap_ok(ok, "thread_get_special_port message: the thread's port");
	if (ok)
		mach_port_deallocate(self, me);

	creq.clock_id = SYSTEM_CLOCK;
	ok = host_get_clock_service(host, SYSTEM_CLOCK, &clock) == KERN_SUCCESS &&
	    call(host, 206, &creq, sizeof(creq), &r) == MACH_MSG_SUCCESS &&
	    port_reply_is(&r, 206, &name) && name == clock;
	if (ok)
		mach_port_deallocate(self, clock);
	creq.clock_id = 9;
	ok = ok && call(host, 206, &creq, sizeof(creq), &r) == MACH_MSG_SUCCESS &&
	    reply_is(&r, 206, KERN_INVALID_ARGUMENT, sizeof(mig_reply_error_t));
	ktap_ok(ok, "host_get_clock_service message: the trap's clock; a bad id");
	if (clock != MACH_PORT_NULL)
		mach_port_deallocate(self, clock);
	mach_port_deallocate(self, me);
	mach_port_deallocate(self, host);
}

/* the routines whose replies carry an array out of line, and two simple ones */
static int
ool_reply_is(const union reply *r, mach_msg_id_t id, mach_msg_size_t size,
    unsigned type)
{
	return r->err.Head.msgh_id == id + 100 &&
	    (r->err.Head.msgh_bits & MACH_MSGH_BITS_COMPLEX) &&
	    r->err.Head.msgh_size == size &&
	    r->threads.msgh_body.msgh_descriptor_count == 1 &&
	    r->threads.act_list.type == type;
}

static void
test_ool_replies(void)
{
	__Request__task_threads_t tt;
	__Request__mach_vm_read_t rd = { .NDR = NDR_record };
	__Request__mach_vm_read_overwrite_t ow = { .NDR = NDR_record };
	__Request__mach_vm_page_query_t pq = { .NDR = NDR_record };
	mach_port_t me = mach_thread_self(), *list;
	mach_vm_address_t a = 0, b = 0;
	mach_msg_type_number_t n;
	union reply r;
	char *data;
	int ok, found = 0;

	/* task_threads: our threads' send rights, out of line */
	ok = call(self, 3402, &tt, sizeof(tt), &r) == MACH_MSG_SUCCESS &&
	    ool_reply_is(&r, 3402, sizeof(__Reply__task_threads_t),
	    MACH_MSG_OOL_PORTS_DESCRIPTOR) &&
	    r.threads.act_list.disposition == MACH_MSG_TYPE_PORT_SEND &&
	    r.threads.act_listCnt == r.threads.act_list.count &&
	    r.threads.act_listCnt >= 1;
	if (ok) {
		list = r.threads.act_list.address;
		n = r.threads.act_listCnt;
		for (mach_msg_type_number_t i = 0; i < n; i++) {
			found += list[i] == me;
			mach_port_deallocate(self, list[i]);
		}
		mach_vm_deallocate(self, (mach_vm_address_t)(uintptr_t)list,
		    n * sizeof(*list));
	}
	ktap_ok(ok && found == 1,
	    "task_threads message (3402): our threads out of line, this one among them");
	ok = call(self, 3402, &tt, sizeof(tt) + 4, &r) == MACH_MSG_SUCCESS &&
	    reply_is(&r, 3402, MIG_BAD_ARGUMENTS, sizeof(mig_reply_error_t));
	ktap_ok(ok, "task_threads message 4 bytes too long: MIG_BAD_ARGUMENTS");

	/* mach_vm_read and vm_read: a copy out of line, from an offset in a page */
	ok = mach_vm_allocate(self, &a, 2 * 4096, VM_FLAGS_ANYWHERE) == KERN_SUCCESS;
	if (ok)
		memset((void *)(uintptr_t)a, 0x5c, 2 * 4096);
	rd.address = a + 100;
	rd.size = 5000;
	for (mach_msg_id_t id = 4804; ok && id != 0; id = id == 4804 ? 3805 : 0) {
		ok = call(self, id, &rd, sizeof(rd), &r) == MACH_MSG_SUCCESS &&
		    ool_reply_is(&r, id, sizeof(__Reply__mach_vm_read_t),
		    MACH_MSG_OOL_DESCRIPTOR) && r.vm_read.dataCnt == 5000 &&
		    r.vm_read.data.size == 5000 &&
		    ((uintptr_t)r.vm_read.data.address & 4095) == 100;
		if (ok) {
			data = r.vm_read.data.address;
			ok = data[0] == 0x5c && data[4999] == 0x5c;
			/* a copy: our later writes are not in it */
			((char *)(uintptr_t)a)[100] = 1;
			ok = ok && data[0] == 0x5c;
			((char *)(uintptr_t)a)[100] = 0x5c;
			mach_vm_deallocate(self, (mach_vm_address_t)(uintptr_t)data &
			    ~4095ull, 2 * 4096);
		}
	}
	ktap_ok(ok, "mach_vm_read and vm_read messages (4804, 3805): a copy out of line");
	rd.address = 0x1000;
	rd.size = 4096;
	ok = call(self, 4804, &rd, sizeof(rd), &r) == MACH_MSG_SUCCESS &&
	    reply_is(&r, 4804, KERN_INVALID_ADDRESS, sizeof(mig_reply_error_t));
	rd.size = 1ull << 33;
	ok = ok && call(self, 4804, &rd, sizeof(rd), &r) == MACH_MSG_SUCCESS &&
	    reply_is(&r, 4804, KERN_INVALID_ARGUMENT, sizeof(mig_reply_error_t));
	ktap_ok(ok, "mach_vm_read message of nothing mapped, of a size past the count");

	/* mach_vm_read_overwrite: into our memory, as the trap */
	ok = mach_vm_allocate(self, &b, 4096, VM_FLAGS_ANYWHERE) == KERN_SUCCESS;
	ow.address = a + 8;
	ow.size = 16;
	ow.data = b + 4;
	ok = ok && call(self, 4808, &ow, sizeof(ow), &r) == MACH_MSG_SUCCESS &&
	    reply_is(&r, 4808, KERN_SUCCESS, sizeof(r.vm_read_ow)) &&
	    r.vm_read_ow.outsize == 16 && ((char *)(uintptr_t)b)[4] == 0x5c &&
	    ((char *)(uintptr_t)b)[19] == 0x5c && ((char *)(uintptr_t)b)[20] == 0;
	ktap_ok(ok, "mach_vm_read_overwrite message (4808): the bytes in our memory");

	/* mach_vm_page_query: as the trap */
	pq.offset = a;
	ok = call(self, 4814, &pq, sizeof(pq), &r) == MACH_MSG_SUCCESS &&
	    reply_is(&r, 4814, KERN_SUCCESS, sizeof(r.page_query)) &&
	    (r.page_query.disposition & VM_PAGE_QUERY_PAGE_PRESENT) &&
	    r.page_query.ref_count >= 1;
	mach_vm_deallocate(self, a, 2 * 4096);
	mach_vm_deallocate(self, b, 4096);
	pq.offset = a;
	ok = ok && call(self, 4814, &pq, sizeof(pq), &r) == MACH_MSG_SUCCESS &&
	    reply_is(&r, 4814, KERN_SUCCESS, sizeof(r.page_query)) &&
	    r.page_query.disposition == 0;
	ktap_ok(ok, "mach_vm_page_query message (4814): present, then nothing");
	mach_port_deallocate(self, me);
}

/* --- the other mach_port routines, task_info and the clock as messages --- */

static void
test_more(void)
{
	__Request__mach_port_peek_t pk = { .NDR = NDR_record };
	__Request__mach_port_get_attributes_t ga = { .NDR = NDR_record };
	__Request__mach_port_set_attributes_t sa = { .NDR = NDR_record };
	__Request__mach_port_set_context_t sc = { .NDR = NDR_record };
	__Request__mach_port_get_context_t gc = { .NDR = NDR_record };
	__Request__mach_port_kobject_t ko = { .NDR = NDR_record };
	__Request__mach_port_insert_member_t im = { .NDR = NDR_record };
	__Request__task_info_t tinfo = { .NDR = NDR_record };
	__Request__clock_get_attributes_t cga = { .NDR = NDR_record };
	__Request__clock_get_time_t cgt;
	mach_port_t port = new_port(), pset = MACH_PORT_NULL, host, clock;
	mach_msg_header_t m = { 0 };
	mach_port_limits_t lim;
	mach_msg_type_number_t n = MACH_PORT_LIMITS_INFO_COUNT;
	mach_port_context_t ctx = 0;
	struct mach_task_basic_info ti;
	union reply r;
	int ok;

	m.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND, 0);
	m.msgh_size = sizeof(m);
	m.msgh_remote_port = port;
	m.msgh_id = 4242;
	ok = mach_msg(&m, MACH_SEND_MSG, sizeof(m), 0, MACH_PORT_NULL, 0,
	    MACH_PORT_NULL) == MACH_MSG_SUCCESS;
	pk.name = port;
	pk.trailer_type = MACH_RCV_TRAILER_TYPE(MACH_MSG_TRAILER_FORMAT_0) |
	    MACH_RCV_TRAILER_ELEMENTS(MACH_RCV_TRAILER_SEQNO);
	pk.trailer_infopCnt = 68;
	ok = ok && call(self, 3209, &pk, sizeof(pk), &r) == MACH_MSG_SUCCESS &&
	    reply_is(&r, 3209, KERN_SUCCESS, (mach_msg_size_t)(offsetof(
	    __Reply__mach_port_peek_t, trailer_infop) +
	    sizeof(mach_msg_seqno_trailer_t)));
	ktap_ok(ok && r.peek.msg_idp == 4242 &&
	    r.peek.msg_sizep == sizeof(m) + 8 && r.peek.request_seqnop == 0 &&
	    r.peek.trailer_infopCnt == sizeof(mach_msg_seqno_trailer_t),
	    "mach_port_peek message (3209): the queued message, left there");

	ga.name = port;
	ga.flavor = MACH_PORT_LIMITS_INFO;
	ga.port_info_outCnt = 17;
	ok = call(self, 3217, &ga, sizeof(ga), &r) == MACH_MSG_SUCCESS &&
	    reply_is(&r, 3217, KERN_SUCCESS, (mach_msg_size_t)(offsetof(
	    __Reply__mach_port_get_attributes_t, port_info_out) + 4));
	ok = ok && r.attr.port_info_outCnt == 1 &&
	    r.attr.port_info_out[0] == MACH_PORT_QLIMIT_DEFAULT;
	sa.name = port;
	sa.flavor = MACH_PORT_LIMITS_INFO;
	sa.port_infoCnt = 1;
	sa.port_info[0] = 3;
	ok = ok && call(self, 3218, &sa, (mach_msg_size_t)(offsetof(
	    __Request__mach_port_set_attributes_t, port_info) + 4), &r) ==
	    MACH_MSG_SUCCESS && reply_is(&r, 3218, KERN_SUCCESS,
	    sizeof(mig_reply_error_t)) &&
	    mach_port_get_attributes(self, port, MACH_PORT_LIMITS_INFO,
	    (mach_port_info_t)&lim, &n) == KERN_SUCCESS && lim.mpl_qlimit == 3;
	ktap_ok(ok && call(self, 3218, &sa, sizeof(sa), &r) == MACH_MSG_SUCCESS &&
	    reply_is(&r, 3218, MIG_BAD_ARGUMENTS, sizeof(mig_reply_error_t)),
	    "mach_port_get/set_attributes messages (3217, 3218): the queue limit");

	sc.name = port;
	sc.context = 0x1234567890ull;
	gc.name = port;
	ok = call(self, 3229, &sc, sizeof(sc), &r) == MACH_MSG_SUCCESS &&
	    reply_is(&r, 3229, KERN_SUCCESS, sizeof(mig_reply_error_t)) &&
	    mach_port_get_context(self, port, &ctx) == KERN_SUCCESS &&
	    ctx == 0x1234567890ull;
	ok = ok && call(self, 3228, &gc, sizeof(gc), &r) == MACH_MSG_SUCCESS &&
	    reply_is(&r, 3228, KERN_SUCCESS, sizeof(r.ctx)) &&
	    r.ctx.context == 0x1234567890ull;
	ko.name = self;
	ktap_ok(ok && call(self, 3230, &ko, sizeof(ko), &r) == MACH_MSG_SUCCESS &&
	    reply_is(&r, 3230, KERN_SUCCESS, sizeof(r.kobj)) &&
	    r.kobj.object_type == 2 && r.kobj.object_addr == 0,
	    "mach_port_set/get_context and mach_port_kobject messages");

	mach_port_allocate(self, MACH_PORT_RIGHT_PORT_SET, &pset);
	im.name = port;
	im.pset = pset;
	ok = call(self, 3226, &im, sizeof(im), &r) == MACH_MSG_SUCCESS &&
	    reply_is(&r, 3226, KERN_SUCCESS, sizeof(mig_reply_error_t));
	{
		mach_port_name_array_t members;
		mach_msg_type_number_t count = 0;

		ok = ok && mach_port_get_set_status(self, pset, &members, &count) ==
		    KERN_SUCCESS && count == 1 && members[0] == port;
		if (count > 0)
			mach_vm_deallocate(self, (mach_vm_address_t)(uintptr_t)members,
			    count * sizeof(*members));
	}
	ktap_ok(ok && call(self, 3227, &im, sizeof(im), &r) == MACH_MSG_SUCCESS &&
	    reply_is(&r, 3227, KERN_SUCCESS, sizeof(mig_reply_error_t)) &&
	    call(self, 3227, &im, sizeof(im), &r) == MACH_MSG_SUCCESS &&
	    reply_is(&r, 3227, KERN_NOT_IN_SET, sizeof(mig_reply_error_t)),
	    "mach_port_insert/extract_member messages (3226, 3227)");
	mach_port_destroy(self, pset);
	mach_port_destroy(self, port);

	tinfo.flavor = MACH_TASK_BASIC_INFO;
	tinfo.task_info_outCnt = 87;
	n = MACH_TASK_BASIC_INFO_COUNT;
	ok = call(self, 3405, &tinfo, sizeof(tinfo), &r) == MACH_MSG_SUCCESS &&
	    reply_is(&r, 3405, KERN_SUCCESS, (mach_msg_size_t)(offsetof(
	    __Reply__task_info_t, task_info_out) +
	    MACH_TASK_BASIC_INFO_COUNT * sizeof(integer_t))) &&
	    task_info(self, MACH_TASK_BASIC_INFO, (task_info_t)&ti, &n) ==
	    KERN_SUCCESS;
	ok = ok && r.task_info.task_info_outCnt == MACH_TASK_BASIC_INFO_COUNT &&
	    ((struct mach_task_basic_info *)r.task_info.task_info_out)->policy ==
	    ti.policy;
	tinfo.task_info_outCnt = 1;
	ktap_ok(ok && call(self, 3405, &tinfo, sizeof(tinfo), &r) ==
	    MACH_MSG_SUCCESS && reply_is(&r, 3405, KERN_INVALID_ARGUMENT,
	    sizeof(mig_reply_error_t)), "task_info message (3405), a short count refused");

	host = mach_host_self();
	ok = host_get_clock_service(host, SYSTEM_CLOCK, &clock) == KERN_SUCCESS;
	ok = ok && call(clock, 1000, &cgt, sizeof(cgt), &r) == MACH_MSG_SUCCESS &&
	    reply_is(&r, 1000, KERN_SUCCESS, sizeof(r.clock_time)) &&
	    (r.clock_time.cur_time.tv_sec > 0 || r.clock_time.cur_time.tv_nsec > 0);
	cga.flavor = CLOCK_GET_TIME_RES;
	cga.clock_attrCnt = 1;
	ktap_ok(ok && call(clock, 1001, &cga, sizeof(cga), &r) == MACH_MSG_SUCCESS &&
	    reply_is(&r, 1001, KERN_SUCCESS, sizeof(r.clock_attr)) &&
	    r.clock_attr.clock_attr[0] == 10000000,
	    "clock_get_time and clock_get_attributes messages (1000, 1001)");
	mach_port_deallocate(self, clock);
	mach_port_deallocate(self, host);
}

int
main(void)
{
	self = mach_task_self();
	ktap_plan("umig", 56);
	reply_port = new_port();
	test_mach_port();
	test_vm();
	test_refused();
	test_no_reply();
	test_send_right_reply();
	test_thread();
	test_task_host();
	test_port_replies();
	test_ool_replies();
	test_more();
	mach_port_mod_refs(self, reply_port, MACH_PORT_RIGHT_RECEIVE, -1);
	return ktap_done();
}
