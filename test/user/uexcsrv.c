/*
 * test/user/uexcsrv.c - libmach's MIG-style servers and message helpers,
 * as a program written against XNU uses them: mach_exc_server and
 * exc_server run by mach_msg_server_once in a handler thread, calling
 * this program's catch_mach_exception_raise_state_identity and
 * catch_exception_raise for a NULL load (the handler moves the pc past
 * it and puts MARK in a1); the demultiplexers' answers to an unknown id,
 * a malformed request and a routine the program does not define;
 * mach_msg_server_once's MIG_NO_REPLY and failed-routine rules, and
 * mach_msg_server's loop until its port dies; mach_msg_destroy of a
 * message built and not sent; mig_get_reply_port and its kin.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <mach/exc.h>
#include <mach/mach.h>
#include <mach/mach_exc.h>
#include <mach/mig_errors.h>
#include <mach/rvmach_debug.h>

#include "ktap.h"
#include "utest_util.h"

#define MARK		0x5eed4321L
#define REG_A1		10		/* x11 in riscv_thread_state.x[] */
#define ECHO_ID		1000
#define NOREPLY_ID	1001
#define FAIL_ID		1002

static mach_port_t self, exc_port;
static char stack_a[16384] __attribute__((aligned(16)));
static char stack_b[16384] __attribute__((aligned(16)));

extern char srv_fault_pc[];

/* a load from 0 into a1; the handler makes it return MARK */
static long __attribute__((noinline))
null_load(void)
{
	register long base __asm__("a0") = 0;
	register long val __asm__("a1") = 0;

	__asm__ volatile(".globl srv_fault_pc\nsrv_fault_pc:\n\tlw %0, 0(%1)"
	    : "+r"(val) : "r"(base) : "memory");
	return val;
}

static uint64_t
insn_len(uint64_t pc)
{
	return (*(const volatile uint16_t *)pc & 3) == 3 ? 4 : 2;
}

/* what the catch routines saw */
static volatile int caught_identity, caught_default;
static int64_t seen_code0;
static integer_t seen_code32;

kern_return_t
catch_mach_exception_raise_state_identity(mach_port_t exception_port,
    mach_port_t thread, mach_port_t task, exception_type_t exception,
    mach_exception_data_t code, mach_msg_type_number_t codeCnt, int *flavor,
    thread_state_t old_state, mach_msg_type_number_t old_stateCnt,
    thread_state_t new_state, mach_msg_type_number_t *new_stateCnt)
{
	riscv_thread_state_t st;

	(void)exception_port;
	mach_port_deallocate(self, thread);
	mach_port_deallocate(self, task);
	if (exception != EXC_BAD_ACCESS || codeCnt != 2 ||
	    *flavor != RISCV_THREAD_STATE || old_stateCnt != RISCV_THREAD_STATE_COUNT)
		return KERN_FAILURE;
	seen_code0 = code[0];
	memcpy(&st, old_state, sizeof(st));
	if (st.pc != (uint64_t)(uintptr_t)srv_fault_pc)
		return KERN_FAILURE;
	st.pc += insn_len(st.pc);
	st.x[REG_A1] = (uint64_t)MARK;
	memcpy(new_state, &st, sizeof(st));
	*new_stateCnt = RISCV_THREAD_STATE_COUNT;
	caught_identity++;
	return KERN_SUCCESS;
}

kern_return_t
catch_exception_raise(mach_port_t exception_port, mach_port_t thread,
    mach_port_t task, exception_type_t exception, exception_data_t code,
    mach_msg_type_number_t codeCnt)
{
	riscv_thread_state_t st;
	mach_msg_type_number_t n = RISCV_THREAD_STATE_COUNT;
	kern_return_t kr;

	(void)exception_port;
	kr = thread_get_state(thread, RISCV_THREAD_STATE, (thread_state_t)&st, &n);
	if (kr == KERN_SUCCESS && exception == EXC_BAD_ACCESS && codeCnt == 2 &&
	    st.pc == (uint64_t)(uintptr_t)srv_fault_pc) {
		seen_code32 = code[0];
		st.pc += insn_len(st.pc);
		st.x[REG_A1] = (uint64_t)MARK;
		kr = thread_set_state(thread, RISCV_THREAD_STATE, (thread_state_t)&st,
		    RISCV_THREAD_STATE_COUNT);
	} else if (kr == KERN_SUCCESS) {
		kr = KERN_FAILURE;
	}
	mach_port_deallocate(self, thread);
	mach_port_deallocate(self, task);
	if (kr == KERN_SUCCESS)
		caught_default++;
	return kr;
}

/* the handler thread: one mach_msg_server_once per exception */
static volatile bool use_exc_server;

static boolean_t
either_exc_server(mach_msg_header_t *in, mach_msg_header_t *out)
{
	return use_exc_server ? exc_server(in, out) : mach_exc_server(in, out);
}

static void
exc_handler(void *arg)
{
	(void)arg;
	for (;;) {
		if (mach_msg_server_once(either_exc_server,
		    sizeof(union __RequestUnion__mach_exc_subsystem), exc_port, 0) ==
		    MACH_RCV_PORT_DIED)
			rvmach_thread_exit();
	}
}

/* --- a server of our own: echo, no reply, a failing routine --- */

struct req {
	mach_msg_header_t h;
	mach_msg_body_t b;
	mach_msg_port_descriptor_t p;
};

static mach_port_t held_reply;

static boolean_t
echo_demux(mach_msg_header_t *in, mach_msg_header_t *out)
{
	mig_reply_error_t *rep = (mig_reply_error_t *)out;

	out->msgh_bits = MACH_MSGH_BITS(MACH_MSGH_BITS_REMOTE(in->msgh_bits), 0);
	out->msgh_remote_port = in->msgh_remote_port;
	out->msgh_local_port = MACH_PORT_NULL;
	out->msgh_size = sizeof(*rep);
	out->msgh_id = in->msgh_id + 100;
	rep->NDR = NDR_record;
	switch (in->msgh_id) {
	case ECHO_ID:
		rep->RetCode = KERN_SUCCESS;
		if (in->msgh_bits & MACH_MSGH_BITS_COMPLEX)
			mach_port_deallocate(self, ((struct req *)in)->p.name);
		return TRUE;
	case NOREPLY_ID:
		/* the reply right is ours to answer later: main drops it */
		held_reply = in->msgh_remote_port;
		rep->RetCode = MIG_NO_REPLY;
		return TRUE;
	case FAIL_ID:
		rep->RetCode = KERN_INVALID_ARGUMENT;	/* the request is destroyed */
		return TRUE;
	default:
		rep->RetCode = MIG_BAD_ID;
		return FALSE;
	}
}

static mach_port_t srv_port;
static volatile mach_msg_return_t server_returned = MACH_MSG_SUCCESS;
static volatile bool server_done;

static void
server_thread(void *arg)
{
	(void)arg;
	server_returned = mach_msg_server(echo_demux, 256, srv_port, 0);
	server_done = true;
	rvmach_thread_exit();
}

/* an RPC to port: id, carrying a send right to carry (or none) */
static mach_msg_return_t
call(mach_port_t port, mach_msg_id_t id, mach_port_t carry, mach_port_t reply,
    mach_msg_timeout_t timeout, mig_reply_error_t *rep)
{
	union {
		struct req r;
		mig_reply_error_t e;
		char buf[256];
	} m;

	memset(&m, 0, sizeof(m));
	m.r.h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND,
	    MACH_MSG_TYPE_MAKE_SEND_ONCE) |
	    (carry != MACH_PORT_NULL ? MACH_MSGH_BITS_COMPLEX : 0);
	m.r.h.msgh_size = carry != MACH_PORT_NULL ? sizeof(m.r) :
	    sizeof(mach_msg_header_t);
	m.r.h.msgh_remote_port = port;
	m.r.h.msgh_local_port = reply;
	m.r.h.msgh_id = id;
	if (carry != MACH_PORT_NULL) {
		m.r.b.msgh_descriptor_count = 1;
		m.r.p.name = carry;
		m.r.p.disposition = MACH_MSG_TYPE_COPY_SEND;
		m.r.p.type = MACH_MSG_PORT_DESCRIPTOR;
	}
	mach_msg_return_t mr = mach_msg(&m.r.h, MACH_SEND_MSG | MACH_RCV_MSG |
	    (timeout ? MACH_RCV_TIMEOUT : 0), m.r.h.msgh_size, sizeof(m), reply,
	    timeout, MACH_PORT_NULL);

	if (mr == MACH_MSG_SUCCESS && rep != NULL)
		memcpy(rep, &m.e, sizeof(*rep));
	return mr;
}

int
main(void)
{
	mach_msg_type_number_t names_before;
	mig_reply_error_t rep;
	mach_port_t reply, carried;
	kern_return_t kr;
	long r;

	self = mach_task_self();
	ktap_plan("uexcsrv", 15);
	names_before = names_in_use();

	/* exceptions through mach_exc_server, then exc_server */
	mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &exc_port);
	mach_port_insert_right(self, exc_port, exc_port, MACH_MSG_TYPE_MAKE_SEND);
	kr = task_set_exception_ports(self, EXC_MASK_BAD_ACCESS, exc_port,
	    EXCEPTION_STATE_IDENTITY | MACH_EXCEPTION_CODES, RISCV_THREAD_STATE);
	ktap_ok(kr == KERN_SUCCESS && rvmach_thread_start(exc_handler, NULL,
	    stack_a, sizeof(stack_a)) == KERN_SUCCESS, "handler_thread");
	r = null_load();
	ktap_ok(r == MARK && caught_identity == 1 &&
	    seen_code0 == KERN_INVALID_ADDRESS,
	    "mach_exc_server_state_identity_resumes");
	use_exc_server = true;
	task_set_exception_ports(self, EXC_MASK_BAD_ACCESS, exc_port,
	    EXCEPTION_DEFAULT, THREAD_STATE_NONE);
	r = null_load();
	ktap_ok(r == MARK && caught_default == 1 &&
	    seen_code32 == KERN_INVALID_ADDRESS,
	    "exc_server_default_thread_set_state");

	/* the demultiplexers by hand */
	{
		union __RequestUnion__mach_exc_subsystem in;
		union __ReplyUnion__mach_exc_subsystem out;
		mig_reply_error_t *e = (mig_reply_error_t *)&out;

		memset(&in, 0, sizeof(in));
		in.Request_mach_exception_raise_state.Head.msgh_id = 2399;
		in.Request_mach_exception_raise_state.Head.msgh_size = 24;
		ktap_ok(!mach_exc_server(&in.Request_mach_exception_raise_state.Head,
		    &out.Reply_mach_exception_raise.Head) &&
		    e->RetCode == MIG_BAD_ID && e->Head.msgh_id == 2499 &&
		    e->Head.msgh_size == sizeof(mig_reply_error_t),
		    "unknown_id_mig_bad_id");
		in.Request_mach_exception_raise_state.Head.msgh_id = 2406;
		in.Request_mach_exception_raise_state.Head.msgh_size = 40;
		ktap_ok(!mach_exc_server(&in.Request_mach_exception_raise_state.Head,
		    &out.Reply_mach_exception_raise.Head) &&
		    e->RetCode == MIG_BAD_ID, "undefined_routine_mig_bad_id");
		in.Request_mach_exception_raise_state.Head.msgh_id = 2407;
		ktap_ok(mach_exc_server(&in.Request_mach_exception_raise_state.Head,
		    &out.Reply_mach_exception_raise.Head) &&
		    e->RetCode == MIG_BAD_ARGUMENTS && e->Head.msgh_id == 2507,
		    "malformed_mig_bad_arguments");
	}
	task_set_exception_ports(self, EXC_MASK_BAD_ACCESS, MACH_PORT_NULL,
	    EXCEPTION_DEFAULT, THREAD_STATE_NONE);

	/* mach_msg_server: echo, no reply, a failing routine, then its port dies */
	mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &srv_port);
	mach_port_insert_right(self, srv_port, srv_port, MACH_MSG_TYPE_MAKE_SEND);
	mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &reply);
	mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &carried);
	mach_port_insert_right(self, carried, carried, MACH_MSG_TYPE_MAKE_SEND);
	ktap_ok(rvmach_thread_start(server_thread, NULL, stack_b,
	    sizeof(stack_b)) == KERN_SUCCESS, "server_thread");
	memset(&rep, 0, sizeof(rep));
	ktap_ok(call(srv_port, ECHO_ID, MACH_PORT_NULL, reply, 0, &rep) ==
	    MACH_MSG_SUCCESS && rep.Head.msgh_id == ECHO_ID + 100 &&
	    rep.RetCode == KERN_SUCCESS, "server_echo");
	ktap_ok(call(srv_port, ECHO_ID, carried, reply, 0, &rep) ==
	    MACH_MSG_SUCCESS && rep.RetCode == KERN_SUCCESS &&
	    send_refs(carried) == 1, "server_echo_carrying_a_right");
	ktap_ok(call(srv_port, NOREPLY_ID, MACH_PORT_NULL, reply, 200, &rep) ==
	    MACH_RCV_TIMED_OUT, "server_mig_no_reply_sends_nothing");
	ktap_ok(call(srv_port, FAIL_ID, carried, reply, 0, &rep) ==
	    MACH_MSG_SUCCESS && rep.RetCode == KERN_INVALID_ARGUMENT &&
	    send_refs(carried) == 1, "server_failed_routine_destroys_request");
	/* the send-once right kept by MIG_NO_REPLY: its notification goes with reply */
	mach_port_deallocate(self, held_reply);
	mach_port_destroy(self, srv_port);
	for (int i = 0; i < 200 && !server_done; i++)
		sleep_ms(10);
	ktap_ok(server_done && server_returned == MACH_RCV_PORT_DIED,
	    "server_returns_when_its_port_dies");

	/* mach_msg_destroy of a message built and not sent */
	{
		struct {
			mach_msg_header_t h;
			mach_msg_body_t b;
			mach_msg_port_descriptor_t p;
			mach_msg_ool_descriptor_t o;
		} m;
		mach_vm_address_t mem = 0;
		mach_vm_size_t size = 0;
		mach_vm_address_t at;
		vm_region_basic_info_data_64_t info;
		mach_msg_type_number_t cnt = VM_REGION_BASIC_INFO_COUNT_64;
		mach_port_t obj;

		mach_vm_allocate(self, &mem, 4096, VM_FLAGS_ANYWHERE);
		memset(&m, 0, sizeof(m));
		m.h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND, 0) |
		    MACH_MSGH_BITS_COMPLEX;
		m.h.msgh_size = sizeof(m);
		m.h.msgh_remote_port = carried;
		m.b.msgh_descriptor_count = 2;
		m.p.name = carried;
		m.p.disposition = MACH_MSG_TYPE_MOVE_SEND;	/* our one uref */
		m.p.type = MACH_MSG_PORT_DESCRIPTOR;
		m.o.address = (void *)(uintptr_t)mem;
		m.o.size = 4096;
		m.o.deallocate = TRUE;
		m.o.type = MACH_MSG_OOL_DESCRIPTOR;
		mach_msg_destroy(&m.h);
		at = mem;
		ktap_ok(send_refs(carried) == 0 &&
		    (mach_vm_region(self, &at, &size, VM_REGION_BASIC_INFO_64,
		    (vm_region_info_t)&info, &cnt, &obj) != KERN_SUCCESS ||
		    at != mem), "destroy_unsent_message");
	}
	/* MIG stubs' reply port: one per thread, kept, renewed after dealloc */
	{
		mach_port_t r1 = mig_get_reply_port(), r2 = mig_get_reply_port(), r3;
		mach_port_type_t ty = 0;

		ktap_ok(MACH_PORT_VALID(r1) && r2 == r1 &&
		    mach_port_type(self, r1, &ty) == KERN_SUCCESS &&
		    ty == MACH_PORT_TYPE_RECEIVE && (mig_dealloc_reply_port(r1),
		    mach_port_type(self, r1, &ty)) == KERN_INVALID_NAME &&
		    MACH_PORT_VALID(r3 = mig_get_reply_port()) && r3 != r1 &&
		    (mig_put_reply_port(r3), mig_get_reply_port()) == r3 &&
		    (mig_dealloc_reply_port(r3), true), "mig_reply_port");
	}
	mach_port_mod_refs(self, carried, MACH_PORT_RIGHT_RECEIVE, -1);
	mach_port_mod_refs(self, reply, MACH_PORT_RIGHT_RECEIVE, -1);
	mach_port_destroy(self, exc_port);	/* the handler ends */
	for (int i = 0; i < 50; i++)
		sleep_ms(10);
	ktap_ok(names_in_use() == names_before, "names_back");
	return ktap_done();
}
