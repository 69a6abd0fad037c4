/*
 * test/user/peer_ipc.c - the two tasks of ipc.server_killed_clients_return
 * (test/ktest/ipc.c): a server that stops answering, and clients blocked
 * on it when the kernel test terminates it.
 *
 *	peer_ipc server	a port named PEER_SERVER_NAME with a queue limit of
 *			1; takes one message (an RPC: it keeps the reply
 *			right and never answers), then waits forever
 *	peer_ipc client	(given a send right named PEER_SERVER_NAME by the
 *			test) arms a dead-name notification on it, then
 *			thread A makes an RPC (it waits for the reply),
 *			threads B and C send (one message fills the queue,
 *			the other sender blocks on it); B
 *			and C start when the test names PEER_GO_NAME (after
 *			the server named PEER_GOT_NAME: it has A's RPC)
 *
 * When the server dies, A must get a send-once notification (its reply
 * right died unused), the blocked one of B and C (whichever came second)
 * MACH_SEND_INVALID_DEST, and the main thread the
 * dead-name notification; nobody hangs (every wait has a timeout).  The
 * client's exit status is 0, or a bit for each wrong outcome.
 */
#include <stdint.h>
#include <string.h>

#include <mach/mach_init.h>
#include <mach/mach_port.h>
#include <mach/mach_traps.h>
#include <mach/message.h>
#include <mach/notify.h>
#include <mach/rvmach_debug.h>

#define PEER_SERVER_NAME	0x10003		/* agreed with test/ktest/ipc.c */
#define PEER_GOT_NAME		0x20003		/* the server took the RPC */
#define PEER_GO_NAME		0x30003		/* the test lets B and C send */
#define WAIT_MS			20000

struct msg {
	mach_msg_header_t h;
	uint32_t body[2];
	mach_msg_max_trailer_t t;
};

static mach_port_t self;
static volatile int result_a = -1, result_b = -1, result_c = -1, threads_done;
static char stack_a[8192] __attribute__((aligned(16)));
static char stack_b[8192] __attribute__((aligned(16)));
static char stack_c[8192] __attribute__((aligned(16)));

static mach_msg_return_t
send_to_server(int id)
{
	struct msg m;

	memset(&m, 0, sizeof(m));
	m.h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, 0);
	m.h.msgh_size = sizeof(m.h) + sizeof(m.body);
	m.h.msgh_remote_port = PEER_SERVER_NAME;
	m.h.msgh_id = id;
	return mach_msg(&m.h, MACH_SEND_MSG | MACH_SEND_TIMEOUT, m.h.msgh_size, 0,
	    MACH_PORT_NULL, WAIT_MS, MACH_PORT_NULL);
}

static void
thread_a(void *arg)
{
	mach_port_t reply;
	struct msg m;

	(void)arg;
	mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &reply);
	memset(&m, 0, sizeof(m));
	m.h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND,
	    MACH_MSG_TYPE_MAKE_SEND_ONCE);
	m.h.msgh_size = sizeof(m.h) + sizeof(m.body);
	m.h.msgh_remote_port = PEER_SERVER_NAME;
	m.h.msgh_local_port = reply;
	m.h.msgh_id = 1;
	if (mach_msg(&m.h, MACH_SEND_MSG | MACH_RCV_MSG | MACH_RCV_TIMEOUT,
	    m.h.msgh_size, sizeof(m), reply, WAIT_MS, MACH_PORT_NULL) ==
	    MACH_MSG_SUCCESS)
		result_a = m.h.msgh_id;
	else
		result_a = 0;
	__atomic_fetch_add(&threads_done, 1, __ATOMIC_RELEASE);
	rvmach_thread_exit();
}

static void
thread_b(void *arg)
{
	(void)arg;
	result_b = send_to_server(2);
	__atomic_fetch_add(&threads_done, 1, __ATOMIC_RELEASE);
	rvmach_thread_exit();
}

static void
thread_c(void *arg)
{
	(void)arg;
	result_c = send_to_server(3);
	__atomic_fetch_add(&threads_done, 1, __ATOMIC_RELEASE);
	rvmach_thread_exit();
}

static int
server(void)
{
	mach_port_limits_t lim = { .mpl_qlimit = 1 };
	mach_port_t idle;
	struct msg m;

	if (mach_port_allocate_name(self, MACH_PORT_RIGHT_RECEIVE,
	    PEER_SERVER_NAME) != KERN_SUCCESS ||
	    mach_port_set_attributes(self, PEER_SERVER_NAME, MACH_PORT_LIMITS_INFO,
	    (mach_port_info_t)&lim, MACH_PORT_LIMITS_INFO_COUNT) != KERN_SUCCESS)
		return 2;
	/* the RPC: keep its reply right, never answer */
	mach_msg(&m.h, MACH_RCV_MSG, 0, sizeof(m), PEER_SERVER_NAME, 0,
	    MACH_PORT_NULL);
	mach_port_allocate_name(self, MACH_PORT_RIGHT_DEAD_NAME, PEER_GOT_NAME);
	mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &idle);
	for (;;)
		mach_msg(&m.h, MACH_RCV_MSG, 0, sizeof(m), idle, 0, MACH_PORT_NULL);
}

static int
client(void)
{
	mach_port_t notify, prev;
	mach_port_type_t type;
	int status = 0;

	while (mach_port_type(self, PEER_SERVER_NAME, &type) != KERN_SUCCESS)
		swtch_pri(0);
	mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &notify);
	if (mach_port_request_notification(self, PEER_SERVER_NAME,
	    MACH_NOTIFY_DEAD_NAME, 0, notify, MACH_MSG_TYPE_MAKE_SEND_ONCE, &prev) !=
	    KERN_SUCCESS)
		status |= 1;
	/* A's RPC first; once the server has it, the test lets B and C go */
	rvmach_thread_start(thread_a, NULL, stack_a, sizeof(stack_a));
	while (mach_port_type(self, PEER_GO_NAME, &type) != KERN_SUCCESS)
		swtch_pri(0);
	rvmach_thread_start(thread_b, NULL, stack_b, sizeof(stack_b));
	rvmach_thread_start(thread_c, NULL, stack_c, sizeof(stack_c));
	{
		union {
			mach_dead_name_notification_t n;
			struct msg m;
		} r;

		memset(&r, 0, sizeof(r));
		if (mach_msg(&r.n.not_header, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0,
		    sizeof(r), notify, WAIT_MS, MACH_PORT_NULL) != MACH_MSG_SUCCESS ||
		    r.n.not_header.msgh_id != MACH_NOTIFY_DEAD_NAME ||
		    r.n.not_port != PEER_SERVER_NAME)
			status |= 2;
	}
	while (__atomic_load_n(&threads_done, __ATOMIC_ACQUIRE) < 3)
		swtch_pri(0);
	if (result_a != MACH_NOTIFY_SEND_ONCE)
		status |= 4;
	/* one of B and C got the queue's one place, the other blocked */
	if (!((result_b == MACH_MSG_SUCCESS && result_c == MACH_SEND_INVALID_DEST) ||
	    (result_c == MACH_MSG_SUCCESS && result_b == MACH_SEND_INVALID_DEST)))
		status |= 8;
	return status;
}

int
main(int argc, char **argv)
{
	self = mach_task_self();
	if (argc == 2 && strcmp(argv[1], "server") == 0)
		return server();
	if (argc == 2 && strcmp(argv[1], "client") == 0)
		return client();
	return 64;
}
