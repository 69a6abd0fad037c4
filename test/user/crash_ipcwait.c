/*
 * test/user/crash_ipcwait.c - ports for the gdb IPC commands to look at,
 * then three threads that wait for good (not run by utest=: it never
 * ends).  debug.gdb_commands boots it as init= and stops the kernel once
 * all three wait (test/harness/gdb_ipcwait.py).
 *
 * What it leaves, each port named after its role in the console line it
 * prints before it waits:
 *	queued	receive and send right; one message was received (seqno 1),
 *		two are queued: id 1001 with a send-once reply right to reply,
 *		id 1002 carrying transit's receive right, a copy of the task's
 *		own send right, 100 bytes out of line and an out-of-line array
 *		of two send rights (the task's, queued's); a no-senders
 *		request (to notify)
 *	reply	receive right; the task also holds a send-once right to it
 *	transit	a send right: its receive right travels in message 1002
 *	full	qlimit 1 with one message (id 2001); a port-destroyed request;
 *		the "sender" thread blocked sending id 2002
 *	waiting	receive and send right, a dead-name request; the main thread
 *		waits to receive on it
 *	set	a port set of member1 and member2; the "setrcv" thread waits
 *		on it
 *	notify	receives the three requests' notifications (sorights 3)
 *	dead	a dead name
 * A step that fails prints why and ends the task with status 1.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <mach/mach_init.h>
#include <mach/mach_port.h>
#include <mach/message.h>
#include <mach/notify.h>
#include <mach/rvmach_debug.h>

struct small_msg {
	mach_msg_header_t h;
	uint32_t body[8];
};

struct rcv_msg {
	struct small_msg m;
	mach_msg_max_trailer_t trailer;
};

struct carrier_msg {
	mach_msg_header_t h;
	mach_msg_body_t body;
	mach_msg_port_descriptor_t port[2];
	mach_msg_ool_descriptor_t ool;
	mach_msg_ool_ports_descriptor_t ports;
};

static mach_port_t self, queued, reply, transit, full, waiting, set;
static mach_port_t member1, member2, notify, dead, sonce;
static char sender_stack[16384] __attribute__((aligned(16)));
static char setrcv_stack[16384] __attribute__((aligned(16)));
static char ool_data[256] __attribute__((aligned(256)));
static mach_port_t ool_names[2];

static void
must(int ok, const char *what)
{
	if (ok)
		return;
	printf("crash_ipcwait: %s failed\n", what);
	fflush(stdout);
	rvmach_task_exit(1);
}

static mach_port_t
new_port(void)
{
	mach_port_t p = MACH_PORT_NULL;

	must(mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &p) ==
	    KERN_SUCCESS, "mach_port_allocate");
	return p;
}

static mach_msg_return_t
send_small(mach_port_t dest, mach_msg_type_name_t dt, mach_port_t rep,
    mach_msg_type_name_t rt, int id, mach_msg_option_t extra)
{
	struct small_msg m;

	memset(&m, 0, sizeof(m));
	m.h.msgh_bits = MACH_MSGH_BITS(dt, rt);
	m.h.msgh_size = sizeof(m);
	m.h.msgh_remote_port = dest;
	m.h.msgh_local_port = rep;
	m.h.msgh_id = id;
	return mach_msg(&m.h, MACH_SEND_MSG | extra, sizeof(m), 0,
	    MACH_PORT_NULL, MACH_MSG_TIMEOUT_NONE, MACH_PORT_NULL);
}

/* arm request msgid on name, its notification going to notify */
static void
request(mach_port_t name, mach_msg_id_t msgid, const char *what)
{
	mach_port_t prev = MACH_PORT_NULL;

	must(mach_port_request_notification(self, name, msgid, 0, notify,
	    MACH_MSG_TYPE_MAKE_SEND_ONCE, &prev) == KERN_SUCCESS &&
	    prev == MACH_PORT_NULL, what);
}

/* blocks for good: full's queue holds its limit */
static void
sender(void *arg)
{
	(void)arg;
	send_small(full, MACH_MSG_TYPE_MAKE_SEND, MACH_PORT_NULL, 0, 2002, 0);
	must(0, "the blocked send");
}

/* blocks for good: nothing is ever sent to set's members */
static void
setrcv(void *arg)
{
	struct rcv_msg r;

	(void)arg;
	mach_msg(&r.m.h, MACH_RCV_MSG, 0, sizeof(r), set, MACH_MSG_TIMEOUT_NONE,
	    MACH_PORT_NULL);
	must(0, "the receive on the set");
}

/* queued: a send-once right to reply taken from a received message, and
   two messages left queued */
static void
setup_queued(void)
{
	struct rcv_msg r;
	struct carrier_msg pm;

	must(send_small(queued, MACH_MSG_TYPE_MAKE_SEND, reply,
	    MACH_MSG_TYPE_MAKE_SEND_ONCE, 1000, 0) == MACH_MSG_SUCCESS &&
	    mach_msg(&r.m.h, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0, sizeof(r), queued,
	    0, MACH_PORT_NULL) == MACH_MSG_SUCCESS, "message 1000");
	sonce = r.m.h.msgh_remote_port;
	must(send_small(queued, MACH_MSG_TYPE_MAKE_SEND, reply,
	    MACH_MSG_TYPE_MAKE_SEND_ONCE, 1001, 0) == MACH_MSG_SUCCESS,
	    "message 1001");
	must(mach_port_insert_right(self, queued, queued,
	    MACH_MSG_TYPE_MAKE_SEND) == KERN_SUCCESS &&
	    mach_port_insert_right(self, transit, transit,
	    MACH_MSG_TYPE_MAKE_SEND) == KERN_SUCCESS, "send rights");
	memset(&pm, 0, sizeof(pm));
	pm.h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, 0) |
	    MACH_MSGH_BITS_COMPLEX;
	pm.h.msgh_size = sizeof(pm);
	pm.h.msgh_remote_port = queued;
	pm.h.msgh_id = 1002;
	pm.body.msgh_descriptor_count = 4;
	pm.port[0].name = transit;
	pm.port[0].disposition = MACH_MSG_TYPE_MOVE_RECEIVE;
	pm.port[0].type = MACH_MSG_PORT_DESCRIPTOR;
	pm.port[1].name = self;
	pm.port[1].disposition = MACH_MSG_TYPE_COPY_SEND;
	pm.port[1].type = MACH_MSG_PORT_DESCRIPTOR;
	memset(ool_data, 0x5a, sizeof(ool_data));
	pm.ool.address = ool_data + 16;
	pm.ool.size = 100;
	pm.ool.copy = MACH_MSG_VIRTUAL_COPY;
	pm.ool.type = MACH_MSG_OOL_DESCRIPTOR;
	ool_names[0] = self;
	ool_names[1] = queued;
	pm.ports.address = ool_names;
	pm.ports.count = 2;
	pm.ports.disposition = MACH_MSG_TYPE_COPY_SEND;
	pm.ports.copy = MACH_MSG_VIRTUAL_COPY;
	pm.ports.type = MACH_MSG_OOL_PORTS_DESCRIPTOR;
	must(mach_msg(&pm.h, MACH_SEND_MSG, sizeof(pm), 0, MACH_PORT_NULL,
	    MACH_MSG_TIMEOUT_NONE, MACH_PORT_NULL) == MACH_MSG_SUCCESS,
	    "message 1002");
	request(queued, MACH_NOTIFY_NO_SENDERS, "no-senders request");
}

static void
setup_full(void)
{
	mach_port_limits_t lim = { .mpl_qlimit = 1 };

	must(mach_port_set_attributes(self, full, MACH_PORT_LIMITS_INFO,
	    (mach_port_info_t)&lim, MACH_PORT_LIMITS_INFO_COUNT) ==
	    KERN_SUCCESS, "qlimit 1");
	must(send_small(full, MACH_MSG_TYPE_MAKE_SEND, MACH_PORT_NULL, 0, 2001,
	    0) == MACH_MSG_SUCCESS, "message 2001");
	request(full, MACH_NOTIFY_PORT_DESTROYED, "port-destroyed request");
}

int
main(void)
{
	struct rcv_msg r;

	self = mach_task_self();
	queued = new_port();
	reply = new_port();
	transit = new_port();
	full = new_port();
	waiting = new_port();
	member1 = new_port();
	member2 = new_port();
	notify = new_port();
	must(mach_port_allocate(self, MACH_PORT_RIGHT_PORT_SET, &set) ==
	    KERN_SUCCESS && mach_port_allocate(self, MACH_PORT_RIGHT_DEAD_NAME,
	    &dead) == KERN_SUCCESS, "set and dead name");
	must(mach_port_insert_member(self, member1, set) == KERN_SUCCESS &&
	    mach_port_insert_member(self, member2, set) == KERN_SUCCESS,
	    "members");
	setup_queued();
	setup_full();
	must(mach_port_insert_right(self, waiting, waiting,
	    MACH_MSG_TYPE_MAKE_SEND) == KERN_SUCCESS, "send right to waiting");
	request(waiting, MACH_NOTIFY_DEAD_NAME, "dead-name request");
	printf("crash_ipcwait: self %#x queued %#x reply %#x transit %#x "
	    "full %#x waiting %#x set %#x member1 %#x member2 %#x notify %#x "
	    "dead %#x sonce %#x\n", self, queued, reply, transit, full, waiting,
	    set, member1, member2, notify, dead, sonce);
	fflush(stdout);
	must(rvmach_thread_start(sender, NULL, sender_stack,
	    sizeof(sender_stack)) == KERN_SUCCESS &&
	    rvmach_thread_start(setrcv, NULL, setrcv_stack,
	    sizeof(setrcv_stack)) == KERN_SUCCESS, "threads");
	mach_msg(&r.m.h, MACH_RCV_MSG, 0, sizeof(r), waiting,
	    MACH_MSG_TIMEOUT_NONE, MACH_PORT_NULL);
	must(0, "the receive on waiting");
	return 1;
}
