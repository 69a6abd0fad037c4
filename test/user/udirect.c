/*
 * test/user/udirect.c - the RPC fast path's direct delivery
 * (docs/ipc.md, "The fast path"): a sender that finds its receiver
 * waiting in a call that sent and now receives ends that receive for it
 * and sends it straight back to user mode from its saved registers.
 *
 * A client and a server thread of one task make RPCs.  What the direct
 * delivery must keep: s1-s11 of both sides across mach_msg (restored
 * from the frame, not by the functions that saved them), every message's
 * header, body and trailer, and the rights (the reply right's name, the
 * server's send right).  Buffers that would fault (fresh pages, a page
 * the receiver has not touched yet, a buffer across a page boundary) are
 * left to the receiver, which still gets its message.  ktest
 * ipc.direct_delivery_taken runs this program and checks the kernel
 * took both ways.
 */
#include <stdint.h>
#include <string.h>

#include <mach/mach.h>
#include <mach/syscall_sw.h>

#include "ktap.h"
#include "utest_util.h"

#define RPCS		3000
#define RPC_QUIT	0x7fff0000
#define PAGE		4096

struct rpc_msg {
	mach_msg_header_t h;
	uint32_t body[8];
};

struct rpc_rcv {
	struct rpc_msg m;
	mach_msg_seqno_trailer_t trailer;
};

static mach_port_t self, service;
static volatile int server_done, server_bad;
static char server_stack[16384] __attribute__((aligned(16)));

/*
 * mach_msg_overwrite's trap (receiving into rcv) with s1-s11 set to a
 * pattern before the ecall and checked after it (s0 is the frame
 * pointer); *lost set if one did not come back
 */
static mach_msg_return_t
msg_checked(mach_msg_header_t *m, mach_msg_option_t option,
    mach_msg_size_t send_size, mach_msg_size_t rcv_size, mach_port_t rcv_name,
    void *rcv, int *lost)
{
	register uintptr_t a0 __asm__("a0") = (uintptr_t)m;
	register uintptr_t a1 __asm__("a1") = option;
	register uintptr_t a2 __asm__("a2") = send_size;
	register uintptr_t a3 __asm__("a3") = rcv_size;
	register uintptr_t a4 __asm__("a4") = rcv_name;
	register uintptr_t a5 __asm__("a5") = 0;
	register uintptr_t a6 __asm__("a6") = (uintptr_t)rcv;
	register intptr_t a7 __asm__("a7") = RVMACH_TRAP_mach_msg_overwrite;
	uintptr_t bad;

	__asm__ volatile(
	    "li	s1, 0x5101\n\tli	s2, 0x5202\n\tli	s3, 0x5303\n\t"
	    "li	s4, 0x5404\n\tli	s5, 0x5505\n\tli	s6, 0x5606\n\t"
	    "li	s7, 0x5707\n\tli	s8, 0x5808\n\tli	s9, 0x5909\n\t"
	    "li	s10, 0x5a0a\n\tli	s11, 0x5b0b\n\t"
	    "ecall\n\t"
	    "li	%[bad], 0\n\t"
	    "li	t0, 0x5101\n\tbeq	s1, t0, 1f\n\tori	%[bad], %[bad], 1\n1:\t"
	    "li	t0, 0x5202\n\tbeq	s2, t0, 1f\n\tori	%[bad], %[bad], 2\n1:\t"
	    "li	t0, 0x5303\n\tbeq	s3, t0, 1f\n\tori	%[bad], %[bad], 4\n1:\t"
	    "li	t0, 0x5404\n\tbeq	s4, t0, 1f\n\tori	%[bad], %[bad], 8\n1:\t"
	    "li	t0, 0x5505\n\tbeq	s5, t0, 1f\n\tori	%[bad], %[bad], 16\n1:\t"
	    "li	t0, 0x5606\n\tbeq	s6, t0, 1f\n\tori	%[bad], %[bad], 32\n1:\t"
	    "li	t0, 0x5707\n\tbeq	s7, t0, 1f\n\tori	%[bad], %[bad], 64\n1:\t"
	    "li	t0, 0x5808\n\tbeq	s8, t0, 1f\n\tori	%[bad], %[bad], 128\n1:\t"
	    "li	t0, 0x5909\n\tbeq	s9, t0, 1f\n\tori	%[bad], %[bad], 256\n1:\t"
	    "li	t0, 0x5a0a\n\tbeq	s10, t0, 1f\n\tori	%[bad], %[bad], 512\n1:\t"
	    "li	t0, 0x5b0b\n\tbeq	s11, t0, 1f\n\tori	%[bad], %[bad], 1024\n1:"
	    : "+r"(a0), "+r"(a1), "+r"(a2), "+r"(a3), "+r"(a4), "+r"(a5),
	      "+r"(a6), "+r"(a7), [bad] "=&r"(bad)
	    :
	    : "t0", "t1", "t2", "t3", "t4", "t5", "t6", "ra", "s1", "s2", "s3",
	      "s4", "s5", "s6", "s7", "s8", "s9", "s10", "s11", "memory");
	if (bad != 0)
		*lost = 1;
	return (mach_msg_return_t)a0;
}

/*
 * the buffer for RPC i's receive: every third one on fresh pages (not
 * mapped until touched: the direct delivery's copy would fault), every
 * seventh across a page boundary of them, else buf
 */
static struct rpc_rcv *
rcv_buffer(int i, struct rpc_rcv *buf, mach_vm_address_t *fresh)
{
	*fresh = 0;
	if (i % 3 != 0 && i % 7 != 0)
		return buf;
	if (mach_vm_allocate(self, fresh, 2 * PAGE, VM_FLAGS_ANYWHERE) !=
	    KERN_SUCCESS)
		return buf;
	if (i % 7 == 0)
		return (struct rpc_rcv *)(uintptr_t)(*fresh + PAGE - 12);
	return (struct rpc_rcv *)(uintptr_t)*fresh;
}

static void
server(void *arg)
{
	struct rpc_rcv first, *r = &first;
	mach_vm_address_t fresh = 0, prev;
	mach_msg_return_t mr;
	int lost = 0;

	(void)arg;
	mr = mach_msg(&r->m.h, MACH_RCV_MSG |
	    MACH_RCV_TRAILER_ELEMENTS(MACH_RCV_TRAILER_SEQNO) |
	    MACH_RCV_TRAILER_TYPE(MACH_MSG_TRAILER_FORMAT_0), 0, sizeof(*r),
	    service, 0, MACH_PORT_NULL);
	for (int i = 1; mr == MACH_MSG_SUCCESS; i++) {
		struct rpc_msg reply;

		if (r->m.h.msgh_id == RPC_QUIT)
			break;
		if (r->m.h.msgh_size != sizeof(struct rpc_msg) ||
		    r->m.h.msgh_local_port != service ||
		    MACH_MSGH_BITS_REMOTE(r->m.h.msgh_bits) !=
		    MACH_MSG_TYPE_MOVE_SEND_ONCE ||
		    r->m.body[7] != (uint32_t)r->m.h.msgh_id * 7 ||
		    r->trailer.msgh_trailer_size != sizeof(r->trailer)) {
			if (server_bad++ == 0)
				ktap_diag("server: message %d: size %u local %#x "
				    "bits %#x body[7] %u trailer %u", i,
				    r->m.h.msgh_size, r->m.h.msgh_local_port,
				    r->m.h.msgh_bits, r->m.body[7],
				    r->trailer.msgh_trailer_size);
		}
		reply.h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MOVE_SEND_ONCE, 0);
		reply.h.msgh_size = sizeof(reply);
		reply.h.msgh_remote_port = r->m.h.msgh_remote_port;
		reply.h.msgh_local_port = MACH_PORT_NULL;
		reply.h.msgh_voucher_port = MACH_PORT_NULL;
		reply.h.msgh_id = r->m.h.msgh_id + 100;
		for (int k = 0; k < 8; k++)
			reply.body[k] = r->m.body[k] + 1;
		prev = fresh;
		r = rcv_buffer(i, &first, &fresh);
		mr = msg_checked(&reply.h, MACH_SEND_MSG | MACH_RCV_MSG |
		    MACH_RCV_TRAILER_ELEMENTS(MACH_RCV_TRAILER_SEQNO) |
		    MACH_RCV_TRAILER_TYPE(MACH_MSG_TRAILER_FORMAT_0),
		    sizeof(reply), sizeof(*r), service, r, &lost);
		if (prev != 0)
			mach_vm_deallocate(self, prev, 2 * PAGE);
	}
	if (fresh != 0)
		mach_vm_deallocate(self, fresh, 2 * PAGE);
	if (lost || mr != MACH_MSG_SUCCESS) {
		ktap_diag("server: lost %d, mach_msg returned %#x", lost, mr);
		server_bad++;
	}
	__atomic_store_n(&server_done, 1, __ATOMIC_RELEASE);
	rvmach_thread_exit();
}

static void
test_rpc(void)
{
	mach_port_t reply = new_port();
	struct rpc_rcv buf;
	mach_msg_type_number_t names;
	int ok = 1, lost = 0;
	uint32_t seqno = 0;

	service = new_port();
	mach_port_insert_right(self, service, service, MACH_MSG_TYPE_MAKE_SEND);
	names = names_in_use();
	ktap_ok(rvmach_thread_start(server, NULL, server_stack,
	    sizeof(server_stack)) == KERN_SUCCESS, "server_thread");
	for (int i = 0; i < RPCS && ok; i++) {
		mach_vm_address_t fresh;
		struct rpc_rcv *r = rcv_buffer(i + 1, &buf, &fresh);
		struct rpc_msg m;
		mach_msg_return_t mr;

		memset(&m, 0, sizeof(m));
		m.h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND,
		    MACH_MSG_TYPE_MAKE_SEND_ONCE);
		m.h.msgh_size = sizeof(m);
		m.h.msgh_remote_port = service;
		m.h.msgh_local_port = reply;
		m.h.msgh_id = i;
		for (int k = 0; k < 8; k++)
			m.body[k] = (uint32_t)(i * k);
		mr = msg_checked(&m.h, MACH_SEND_MSG | MACH_RCV_MSG |
		    MACH_RCV_TRAILER_ELEMENTS(MACH_RCV_TRAILER_SEQNO) |
		    MACH_RCV_TRAILER_TYPE(MACH_MSG_TRAILER_FORMAT_0),
		    sizeof(m), sizeof(*r), reply, r, &lost);
		ok = mr == MACH_MSG_SUCCESS && r->m.h.msgh_id == i + 100 &&
		    r->m.h.msgh_size == sizeof(r->m) &&
		    r->m.h.msgh_local_port == reply &&
		    r->m.h.msgh_remote_port == MACH_PORT_NULL &&
		    r->m.body[3] == (uint32_t)(i * 3) + 1 &&
		    r->trailer.msgh_seqno == seqno++;
		if (!ok)
			ktap_diag("rpc %d: mach_msg returned %#x, id %d", i, mr,
			    r->m.h.msgh_id);
		if (fresh != 0)
			mach_vm_deallocate(self, fresh, 2 * PAGE);
	}
	ktap_ok(ok, "rpc_%d_round_trips_headers_bodies_trailers", RPCS);
	ktap_ok(!lost, "client_s1_to_s11_kept");
	buf.m.h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, 0);
	buf.m.h.msgh_size = sizeof(buf.m);
	buf.m.h.msgh_remote_port = service;
	buf.m.h.msgh_local_port = MACH_PORT_NULL;
	buf.m.h.msgh_id = RPC_QUIT;
	ktap_ok(mach_msg(&buf.m.h, MACH_SEND_MSG, sizeof(buf.m), 0,
	    MACH_PORT_NULL, 0, MACH_PORT_NULL) == MACH_MSG_SUCCESS,
	    "server_asked_to_quit");
	while (!__atomic_load_n(&server_done, __ATOMIC_ACQUIRE))
		swtch_pri(0);
	ktap_ok(server_bad == 0, "server_messages_and_s1_to_s11_kept");
	ktap_ok(send_refs(service) == 1 && names_in_use() == names &&
	    type_of(reply) == MACH_PORT_TYPE_RECEIVE, "rights_balanced");
	mach_port_destroy(self, service);
	mach_port_destroy(self, reply);
}

int
main(void)
{
	self = mach_task_self();
	ktap_plan("udirect", 6);
	test_rpc();
	return ktap_done();
}
