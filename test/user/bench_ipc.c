/*
 * test/user/bench_ipc.c - the IPC benchmarks' user side: the instructions
 * retired by N operations of one kind, best of ROUNDS rounds.
 *
 *	bench_ipc send_receive N	a message (32-byte body) sent to a port
 *					of our own, then received
 *	bench_ipc port_alloc N [K]	mach_port_allocate + mach_port_mod_refs
 *					(receive, -1), with K other names in
 *					the space
 *	bench_ipc server		the RPC server: receives on the name
 *					BENCH_IPC_SERVER_NAME, replies on the
 *					send-once right (with mach_msg's RPC:
 *					reply and receive in one call);
 *					deallocates out-of-line memory it gets
 *	bench_ipc rpc N SIZE		N RPCs to the server, whose send right
 *					the kernel bench gives us under
 *					BENCH_IPC_SERVER_NAME: a 32-byte body,
 *					and SIZE bytes out of line when SIZE > 0
 *	bench_ipc rpc_wall N		N RPCs of 32 bytes timed by the clock,
 *					not counted: prints the wall time per
 *					round trip and RPCs per second (for the
 *					ktests ipc_wall.*; exit status 0)
 *	bench_ipc semaphore N		N round trips between two threads of
 *					ours on two semaphores, each side's
 *					semaphore_wait_signal waking the other
 *
 * The exit status is the instruction count (the RPC's includes the
 * server's work: at -smp 1 rdinstret counts every instruction on the
 * hart); 1: bad arguments; 2: a call failed.  Run by test/bench/ipc.c.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <mach/mach_init.h>
#include <mach/mach_port.h>
#include <mach/mach_time.h>
#include <mach/mach_traps.h>
#include <mach/mach_vm.h>
#include <mach/message.h>
#include <mach/rvmach_debug.h>
#include <mach/semaphore.h>
#include <mach/vm_statistics.h>

#include "ktap.h"

#define ROUNDS			3
#define BENCH_IPC_SERVER_NAME	0x10003		/* agreed with test/bench/ipc.c */

static const char usage[] = "usage: bench_ipc send_receive|port_alloc|server|rpc|semaphore N ...\n";

struct msg32 {
	mach_msg_header_t h;
	uint32_t body[8];
};

struct msg_ool {
	mach_msg_header_t h;
	mach_msg_body_t b;
	mach_msg_ool_descriptor_t ool;
	uint32_t body[8];
};

union rcvbuf {
	struct msg32 m;
	struct msg_ool o;
	char space[sizeof(struct msg_ool) + MAX_TRAILER_SIZE];
};

static inline uint64_t
instret(void)
{
	uint64_t v;

	__asm__ volatile("rdinstret %0" : "=r"(v));
	return v;
}

static mach_port_t self;

static int
failed(void)
{
	rvmach_task_exit(2);
	return 2;
}

static uint64_t
send_receive(long n, mach_port_t port)
{
	union rcvbuf r;
	struct msg32 m;
	uint64_t start = instret();

	for (long i = 0; i < n; i++) {
		m.h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, 0);
		m.h.msgh_size = sizeof(m);
		m.h.msgh_remote_port = port;
		m.h.msgh_local_port = MACH_PORT_NULL;
		m.h.msgh_voucher_port = MACH_PORT_NULL;
		m.h.msgh_id = (mach_msg_id_t)i;
		if (mach_msg(&m.h, MACH_SEND_MSG, sizeof(m), 0, MACH_PORT_NULL, 0,
		    MACH_PORT_NULL) != MACH_MSG_SUCCESS ||
		    mach_msg(&r.m.h, MACH_RCV_MSG, 0, sizeof(r), port, 0,
		    MACH_PORT_NULL) != MACH_MSG_SUCCESS)
			failed();
	}
	return instret() - start;
}

static uint64_t
port_alloc(long n)
{
	uint64_t start = instret();
	mach_port_t p;

	for (long i = 0; i < n; i++) {
		if (mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &p) != KERN_SUCCESS ||
		    mach_port_mod_refs(self, p, MACH_PORT_RIGHT_RECEIVE, -1) !=
		    KERN_SUCCESS)
			failed();
	}
	return instret() - start;
}

static int
server(void)
{
	union rcvbuf r;
	mach_msg_return_t mr;

	if (mach_port_allocate_name(self, MACH_PORT_RIGHT_RECEIVE,
	    BENCH_IPC_SERVER_NAME) != KERN_SUCCESS)
		return 2;
	mr = mach_msg(&r.m.h, MACH_RCV_MSG, 0, sizeof(r), BENCH_IPC_SERVER_NAME,
	    0, MACH_PORT_NULL);
	while (mr == MACH_MSG_SUCCESS) {
		mach_port_t reply = r.m.h.msgh_remote_port;

		if (r.m.h.msgh_bits & MACH_MSGH_BITS_COMPLEX)
			mach_vm_deallocate(self, (mach_vm_address_t)r.o.ool.address,
			    r.o.ool.size);
		r.m.h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MOVE_SEND_ONCE, 0);
		r.m.h.msgh_size = sizeof(struct msg32);
		r.m.h.msgh_remote_port = reply;
		r.m.h.msgh_local_port = MACH_PORT_NULL;
		r.m.h.msgh_id += 100;
		mr = mach_msg(&r.m.h, MACH_SEND_MSG | MACH_RCV_MSG, sizeof(struct msg32),
		    sizeof(r), BENCH_IPC_SERVER_NAME, 0, MACH_PORT_NULL);
	}
	return 2;
}

static uint64_t
rpc(long n, mach_port_t reply, void *ool, mach_msg_size_t size)
{
	union rcvbuf r;
	uint64_t start = instret();

	for (long i = 0; i < n; i++) {
		mach_msg_size_t send = sizeof(struct msg32);

		r.m.h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND,
		    MACH_MSG_TYPE_MAKE_SEND_ONCE);
		r.m.h.msgh_remote_port = BENCH_IPC_SERVER_NAME;
		r.m.h.msgh_local_port = reply;
		r.m.h.msgh_voucher_port = MACH_PORT_NULL;
		r.m.h.msgh_id = (mach_msg_id_t)i;
		if (size > 0) {
			r.m.h.msgh_bits |= MACH_MSGH_BITS_COMPLEX;
			r.o.b.msgh_descriptor_count = 1;
			r.o.ool.address = ool;
			r.o.ool.size = size;
			r.o.ool.deallocate = 0;
			r.o.ool.copy = MACH_MSG_VIRTUAL_COPY;
			r.o.ool.type = MACH_MSG_OOL_DESCRIPTOR;
			send = sizeof(struct msg_ool);
		}
		r.m.h.msgh_size = send;
		if (mach_msg(&r.m.h, MACH_SEND_MSG | MACH_RCV_MSG, send, sizeof(r),
		    reply, 0, MACH_PORT_NULL) != MACH_MSG_SUCCESS ||
		    r.m.h.msgh_id != (mach_msg_id_t)i + 100)
			failed();
	}
	return instret() - start;
}

/* n RPCs by the clock: the time per round trip, printed for the ktest */
static int
rpc_wall(long n, mach_port_t reply)
{
	struct mach_timebase_info tb;
	uint64_t t0, ns;

	mach_timebase_info(&tb);
	t0 = mach_absolute_time();
	rpc(n, reply, NULL, 0);
	ns = (mach_absolute_time() - t0) * tb.numer / tb.denom;
	ktap_diag("rpc_wall: %ld round trips in %lu us: %lu ns each, %lu per second",
	    n, (unsigned long)(ns / 1000), (unsigned long)(ns / (uint64_t)n),
	    (unsigned long)(ns > 0 ? (uint64_t)n * 1000000000ull / ns : 0));
	return 0;
}

/*
 * The semaphore ping-pong (ipc.semaphore_signal_wait): A's
 * semaphore_wait_signal(a, b) queues A on a and signals b, handing the
 * hart to B, which waits on b; B's semaphore_wait_signal(b, a) queues B on
 * b and hands the hart back.  One op: a round trip, two calls.
 */
static semaphore_t sem_a, sem_b;
static uint8_t sem_stack[16384] __attribute__((aligned(16)));

static void
sem_b_fn(void *arg __attribute__((unused)))
{
	if (semaphore_wait(sem_b) != KERN_SUCCESS)
		failed();
	for (;;)
		if (semaphore_wait_signal(sem_b, sem_a) != KERN_SUCCESS)
			failed();
}

static uint64_t
sem_pingpong(long n)
{
	uint64_t start = instret();

	for (long i = 0; i < n; i++)
		if (semaphore_wait_signal(sem_a, sem_b) != KERN_SUCCESS)
			failed();
	return instret() - start;
}

static int
sem_setup(void)
{
	if (semaphore_create(self, &sem_a, SYNC_POLICY_FIFO, 0) != KERN_SUCCESS ||
	    semaphore_create(self, &sem_b, SYNC_POLICY_FIFO, 0) != KERN_SUCCESS ||
	    rvmach_thread_start(sem_b_fn, NULL, sem_stack, sizeof(sem_stack)) !=
	    KERN_SUCCESS)
		return 2;
	sem_pingpong(100);		/* warm up: B is waiting on b after this */
	return 0;
}

int
main(int argc, char **argv)
{
	uint64_t best = UINT64_MAX;
	long n = argc > 2 ? strtol(argv[2], NULL, 10) : 0;
	mach_port_t port = MACH_PORT_NULL;
	mach_vm_address_t ool = 0;
	mach_msg_size_t size = 0;

	self = mach_task_self();
	if (argc >= 2 && strcmp(argv[1], "server") == 0)
		return server();
	if (argc < 3 || n <= 0 || n > 1000000) {
		rvmach_console_write(usage, sizeof(usage) - 1);
		return 1;
	}
	if (strcmp(argv[1], "send_receive") == 0) {
		if (mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &port) != 0 ||
		    mach_port_insert_right(self, port, port,
		    MACH_MSG_TYPE_MAKE_SEND) != 0)
			return 2;
	} else if (strcmp(argv[1], "port_alloc") == 0) {
		long k = argc > 3 ? strtol(argv[3], NULL, 10) : 0;

		for (long i = 0; i < k; i++)
			if (mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE,
			    &port) != 0)
				return 2;
	} else if (strcmp(argv[1], "rpc") == 0 || strcmp(argv[1], "rpc_wall") == 0) {
		mach_port_type_t t = 0;

		size = argc > 3 ? (mach_msg_size_t)strtol(argv[3], NULL, 10) : 0;
		if (mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &port) != 0)
			return 2;
		if (size > 0) {
			if (mach_vm_allocate(self, &ool, size, VM_FLAGS_ANYWHERE) != 0)
				return 2;
			memset((void *)ool, 0x5a, size);
		}
		/* the kernel bench puts the server's send right here */
		while (mach_port_type(self, BENCH_IPC_SERVER_NAME, &t) != KERN_SUCCESS)
			swtch_pri(0);
		rpc(1, port, (void *)ool, size);	/* warm up */
		if (strcmp(argv[1], "rpc_wall") == 0)
			return rpc_wall(n, port);
	} else if (strcmp(argv[1], "semaphore") == 0) {
		if (sem_setup() != 0)
			return 2;
	} else {
		rvmach_console_write(usage, sizeof(usage) - 1);
		return 1;
	}
	for (int r = 0; r < ROUNDS; r++) {
		uint64_t t;

		if (strcmp(argv[1], "send_receive") == 0)
			t = send_receive(n, port);
		else if (strcmp(argv[1], "port_alloc") == 0)
			t = port_alloc(n);
		else if (strcmp(argv[1], "semaphore") == 0)
			t = sem_pingpong(n);
		else
			t = rpc(n, port, (void *)ool, size);
		best = t < best ? t : best;
	}
	return best > 0x7fffffff ? 0x7fffffff : (int)best;
}
