/*
 * test/user/uipc.c - Mach IPC from user mode: rights and their urefs, each
 * disposition, messages with trailers, timeouts, too-large messages,
 * notifications, port sets, rights in messages, malformed messages (the
 * right error and nothing changed), and an RPC between two threads.
 */
#include <stdint.h>
#include <string.h>

#include <mach/mach_init.h>
#include <mach/mach_port.h>
#include <mach/mach_vm.h>
#include <mach/vm_statistics.h>
#include <mach/mach_traps.h>
#include <mach/message.h>
#include <mach/notify.h>
#include <mach/rvmach_debug.h>

#include "ktap.h"

#define RPCS	2000
#define RPC_QUIT	0x7fff0000	/* the server's last message */
#define WAIT_MS	5000		/* a message that should be there: never hang */

struct small_msg {
	mach_msg_header_t h;
	uint32_t body[8];			/* 32 bytes inline */
};

struct rcv_msg {
	mach_msg_header_t h;
	uint32_t body[8];
	mach_msg_audit_trailer_t trailer;
	char spare[64];
};

struct port_msg {
	mach_msg_header_t h;
	mach_msg_body_t body;
	mach_msg_port_descriptor_t port;
};

struct port_rcv {
	struct port_msg m;
	mach_msg_max_trailer_t trailer;
};

static mach_port_t self;

static mach_port_t
new_port(void)
{
	mach_port_t p = MACH_PORT_NULL;

	if (mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &p) != KERN_SUCCESS)
		return MACH_PORT_NULL;
	return p;
}

static mach_port_urefs_t
refs(mach_port_t name, mach_port_right_t right)
{
	mach_port_urefs_t r = 0xdead;

	mach_port_get_refs(self, name, right, &r);
	return r;
}

static mach_port_type_t
type_of(mach_port_t name)
{
	mach_port_type_t t = 0;

	if (mach_port_type(self, name, &t) != KERN_SUCCESS)
		return 0;
	return t;
}

static mach_msg_return_t
send_simple(mach_port_t dest, mach_msg_type_name_t dt, mach_port_t reply,
    mach_msg_type_name_t rt, int id, mach_msg_option_t extra,
    mach_msg_timeout_t timeout)
{
	struct small_msg m;

	memset(&m, 0, sizeof(m));
	m.h.msgh_bits = MACH_MSGH_BITS(dt, rt);
	m.h.msgh_size = sizeof(m);
	m.h.msgh_remote_port = dest;
	m.h.msgh_local_port = reply;
	m.h.msgh_id = id;
	for (int i = 0; i < 8; i++)
		m.body[i] = (uint32_t)(id * 8 + i);
	return mach_msg(&m.h, MACH_SEND_MSG | extra, sizeof(m), 0,
	    MACH_PORT_NULL, timeout, MACH_PORT_NULL);
}

static mach_msg_return_t
receive(mach_port_t from, struct rcv_msg *r, mach_msg_option_t extra,
    mach_msg_timeout_t timeout)
{
	memset(r, 0, sizeof(*r));
	return mach_msg(&r->h, MACH_RCV_MSG | extra, 0, sizeof(*r), from,
	    timeout, MACH_PORT_NULL);
}

static void
test_rights(void)
{
	mach_port_t p = new_port(), dead;

	ktap_ok(p != MACH_PORT_NULL && type_of(p) == MACH_PORT_TYPE_RECEIVE,
	    "allocate_receive");
	ktap_ok(mach_port_insert_right(self, p, p, MACH_MSG_TYPE_MAKE_SEND) ==
	    KERN_SUCCESS && type_of(p) == MACH_PORT_TYPE_SEND_RECEIVE &&
	    refs(p, MACH_PORT_RIGHT_SEND) == 1, "make_send_shares_the_name");
	ktap_ok(mach_port_mod_refs(self, p, MACH_PORT_RIGHT_SEND, 4) ==
	    KERN_SUCCESS && refs(p, MACH_PORT_RIGHT_SEND) == 5, "mod_refs_add");
	ktap_ok(mach_port_mod_refs(self, p, MACH_PORT_RIGHT_SEND, 0xffff) ==
	    KERN_UREFS_OVERFLOW && refs(p, MACH_PORT_RIGHT_SEND) == 5,
	    "urefs_overflow_changes_nothing");
	ktap_ok(mach_port_mod_refs(self, p, MACH_PORT_RIGHT_SEND, -6) ==
	    KERN_INVALID_VALUE && refs(p, MACH_PORT_RIGHT_SEND) == 5,
	    "mod_refs_below_zero");
	ktap_ok(mach_port_mod_refs(self, p, MACH_PORT_RIGHT_RECEIVE, 2) ==
	    KERN_INVALID_VALUE, "receive_delta_must_be_0_or_-1");
	ktap_ok(mach_port_deallocate(self, p) == KERN_SUCCESS &&
	    refs(p, MACH_PORT_RIGHT_SEND) == 4, "deallocate_one_uref");
	ktap_ok(mach_port_deallocate(self, 0x12345678) == KERN_INVALID_NAME &&
	    mach_port_deallocate(self, MACH_PORT_NULL) == KERN_SUCCESS,
	    "deallocate_names");
	ktap_ok(mach_port_allocate(self, 42, &dead) == KERN_INVALID_VALUE,
	    "allocate_bad_right");
	ktap_ok(mach_port_destroy(self, p) == KERN_SUCCESS && type_of(p) == 0,
	    "destroy_all_rights");
	ktap_ok(mach_port_type(self, p, &(mach_port_type_t){0}) ==
	    KERN_INVALID_NAME, "stale_name_invalid");
	ktap_ok(mach_port_allocate(self, MACH_PORT_RIGHT_DEAD_NAME, &dead) ==
	    KERN_SUCCESS && type_of(dead) == MACH_PORT_TYPE_DEAD_NAME &&
	    mach_port_deallocate(self, dead) == KERN_SUCCESS,
	    "dead_name_allocate");
	ktap_ok(mach_port_allocate(0x7777, MACH_PORT_RIGHT_RECEIVE, &dead) ==
	    MACH_SEND_INVALID_DEST, "bad_task_invalid_dest");
}

static void
test_messages(void)
{
	mach_port_t p = new_port(), q;
	struct rcv_msg r;
	mach_msg_return_t mr;
	int ok = 1;

	mr = send_simple(p, MACH_MSG_TYPE_MAKE_SEND, MACH_PORT_NULL, 0, 7, 0, 0);
	ktap_ok(mr == MACH_MSG_SUCCESS, "send_make_send");
	mr = receive(p, &r, MACH_RCV_TRAILER_TYPE(MACH_MSG_TRAILER_FORMAT_0) |
	    MACH_RCV_TRAILER_ELEMENTS(MACH_RCV_TRAILER_AUDIT), 0);
	ktap_ok(mr == MACH_MSG_SUCCESS && r.h.msgh_id == 7 &&
	    r.h.msgh_size == sizeof(struct small_msg) && r.h.msgh_local_port == p &&
	    r.h.msgh_remote_port == MACH_PORT_NULL &&
	    MACH_MSGH_BITS_LOCAL(r.h.msgh_bits) == MACH_MSG_TYPE_PORT_SEND &&
	    r.body[3] == 7 * 8 + 3, "receive_inline");
	ktap_ok(r.trailer.msgh_trailer_type == MACH_MSG_TRAILER_FORMAT_0 &&
	    r.trailer.msgh_trailer_size == sizeof(mach_msg_audit_trailer_t) &&
	    r.trailer.msgh_seqno == 0 && r.trailer.msgh_audit.val[5] != 0,
	    "audit_trailer");
	/* the send right made for the message went with its receipt */
	ktap_ok(type_of(p) == MACH_PORT_TYPE_RECEIVE, "made_send_right_consumed");

	for (int i = 0; i < 5; i++)
		ok &= send_simple(p, MACH_MSG_TYPE_MAKE_SEND, MACH_PORT_NULL, 0,
		    i, MACH_SEND_TIMEOUT, 0) == MACH_MSG_SUCCESS;
	ktap_ok(ok, "fill_queue_limit_5");
	mr = send_simple(p, MACH_MSG_TYPE_MAKE_SEND, MACH_PORT_NULL, 0, 5,
	    MACH_SEND_TIMEOUT, 0);
	ktap_ok(mr == MACH_SEND_TIMED_OUT && type_of(p) == MACH_PORT_TYPE_SEND_RECEIVE,
	    "queue_full_times_out_rights_returned");
	mach_port_mod_refs(self, p, MACH_PORT_RIGHT_SEND, -1);
	mr = send_simple(p, MACH_MSG_TYPE_MAKE_SEND, MACH_PORT_NULL, 0, 5,
	    MACH_SEND_TIMEOUT, 20);
	ktap_ok(mr == MACH_SEND_TIMED_OUT, "queue_full_timeout_20ms");
	mach_port_mod_refs(self, p, MACH_PORT_RIGHT_SEND, -1);
	/* a send-once message passes the limit */
	mr = send_simple(p, MACH_MSG_TYPE_MAKE_SEND_ONCE, MACH_PORT_NULL, 0, 6,
	    MACH_SEND_TIMEOUT, 0);
	ktap_ok(mr == MACH_MSG_SUCCESS, "send_once_ignores_queue_limit");
	ok = 1;
	for (int i = 0; i < 6; i++) {
		mr = receive(p, &r, MACH_RCV_TIMEOUT |
		    MACH_RCV_TRAILER_ELEMENTS(MACH_RCV_TRAILER_SEQNO), 0);
		ok &= mr == MACH_MSG_SUCCESS && r.h.msgh_id == (i < 5 ? i : 6) &&
		    r.trailer.msgh_seqno == (mach_port_seqno_t)(i + 1);
	}
	ktap_ok(ok, "fifo_and_seqnos");
	mr = receive(p, &r, MACH_RCV_TIMEOUT, 0);
	ktap_ok(mr == MACH_RCV_TIMED_OUT, "empty_poll_times_out");
	mr = receive(p, &r, MACH_RCV_TIMEOUT, 10);
	ktap_ok(mr == MACH_RCV_TIMED_OUT, "receive_timeout_10ms");

	/* too large: kept with MACH_RCV_LARGE, destroyed without */
	send_simple(p, MACH_MSG_TYPE_MAKE_SEND, MACH_PORT_NULL, 0, 9, 0, 0);
	memset(&r, 0, sizeof(r));
	mr = mach_msg(&r.h, MACH_RCV_MSG | MACH_RCV_LARGE | MACH_RCV_TIMEOUT, 0,
	    sizeof(mach_msg_header_t) + 8, p, 0, MACH_PORT_NULL);
	ktap_ok(mr == MACH_RCV_TOO_LARGE && r.h.msgh_size == sizeof(struct small_msg),
	    "rcv_large_reports_size");
	mr = mach_msg(&r.h, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0,
	    sizeof(mach_msg_header_t) + 8, p, 0, MACH_PORT_NULL);
	ktap_ok(mr == MACH_RCV_TOO_LARGE && receive(p, &r, MACH_RCV_TIMEOUT, 0) ==
	    MACH_RCV_TIMED_OUT, "too_large_without_rcv_large_is_dropped");

	/* the reply right: a send-once made from q arrives as a new name */
	q = new_port();
	send_simple(p, MACH_MSG_TYPE_MAKE_SEND, q, MACH_MSG_TYPE_MAKE_SEND_ONCE,
	    11, 0, 0);
	mr = receive(p, &r, MACH_RCV_TIMEOUT, WAIT_MS);
	ktap_ok(mr == MACH_MSG_SUCCESS && r.h.msgh_remote_port != MACH_PORT_NULL &&
	    r.h.msgh_remote_port != q &&
	    type_of(r.h.msgh_remote_port) == MACH_PORT_TYPE_SEND_ONCE &&
	    MACH_MSGH_BITS_REMOTE(r.h.msgh_bits) == MACH_MSG_TYPE_PORT_SEND_ONCE,
	    "reply_send_once");
	mr = send_simple(r.h.msgh_remote_port, MACH_MSG_TYPE_MOVE_SEND_ONCE,
	    MACH_PORT_NULL, 0, 12, 0, 0);
	ktap_ok(mr == MACH_MSG_SUCCESS && receive(q, &r, MACH_RCV_TIMEOUT, 0) ==
	    MACH_MSG_SUCCESS && r.h.msgh_id == 12, "reply_on_send_once");
	mach_port_destroy(self, p);
	mach_port_destroy(self, q);
}

static void
test_malformed(void)
{
	mach_port_t p = new_port();
	struct small_msg m;
	struct port_msg pm;
	mach_msg_return_t mr;

	mach_port_insert_right(self, p, p, MACH_MSG_TYPE_MAKE_SEND);
	memset(&m, 0, sizeof(m));
	m.h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, 0);
	m.h.msgh_remote_port = 0x4321;
	mr = mach_msg(&m.h, MACH_SEND_MSG, sizeof(m), 0, 0, 0, 0);
	ktap_ok(mr == MACH_SEND_INVALID_DEST, "bad_dest_name");
	m.h.msgh_remote_port = p;
	m.h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MOVE_RECEIVE, 0);
	mr = mach_msg(&m.h, MACH_SEND_MSG, sizeof(m), 0, 0, 0, 0);
	ktap_ok(mr == MACH_SEND_INVALID_HEADER && type_of(p) ==
	    MACH_PORT_TYPE_SEND_RECEIVE, "receive_as_dest_invalid_header");
	m.h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, 0);
	mr = mach_msg(&m.h, MACH_SEND_MSG, 6, 0, 0, 0, 0);
	ktap_ok(mr == MACH_SEND_MSG_TOO_SMALL, "size_too_small");
	mr = mach_msg(&m.h, MACH_SEND_MSG, sizeof(m) + 2, 0, 0, 0, 0);
	ktap_ok(mr == MACH_SEND_MSG_TOO_SMALL, "size_unaligned");
	mr = mach_msg((mach_msg_header_t *)0x10, MACH_SEND_MSG, sizeof(m), 0, 0,
	    0, 0);
	ktap_ok(mr == MACH_SEND_INVALID_DATA, "unmapped_buffer");
	mr = mach_msg((mach_msg_header_t *)0xffffffc000000000ul, MACH_SEND_MSG,
	    sizeof(m), 0, 0, 0, 0);
	ktap_ok(mr == MACH_SEND_INVALID_DATA, "kernel_pointer");
	m.h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND,
	    MACH_MSG_TYPE_MAKE_SEND);
	m.h.msgh_local_port = 0x5555;
	mr = mach_msg(&m.h, MACH_SEND_MSG, sizeof(m), 0, 0, 0, 0);
	ktap_ok(mr == MACH_SEND_INVALID_REPLY && refs(p, MACH_PORT_RIGHT_SEND) == 1,
	    "bad_reply_changes_nothing");

	/* a good right then a bad one: the good one is not taken either */
	memset(&pm, 0, sizeof(pm));
	pm.h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MOVE_SEND, 0) |
	    MACH_MSGH_BITS_COMPLEX;
	pm.h.msgh_remote_port = p;
	pm.body.msgh_descriptor_count = 1;
	pm.port.name = 0x6666;
	pm.port.disposition = MACH_MSG_TYPE_COPY_SEND;
	pm.port.type = MACH_MSG_PORT_DESCRIPTOR;
	mr = mach_msg(&pm.h, MACH_SEND_MSG, sizeof(pm), 0, 0, 0, 0);
	ktap_ok(mr == MACH_SEND_INVALID_RIGHT && refs(p, MACH_PORT_RIGHT_SEND) == 1,
	    "bad_descriptor_right_rolls_back");
	pm.port.name = p;
	pm.port.disposition = 99;
	mr = mach_msg(&pm.h, MACH_SEND_MSG, sizeof(pm), 0, 0, 0, 0);
	ktap_ok(mr == MACH_SEND_INVALID_TYPE && refs(p, MACH_PORT_RIGHT_SEND) == 1,
	    "bad_disposition");
	pm.port.disposition = MACH_MSG_TYPE_COPY_SEND;
	pm.port.type = 9;
	mr = mach_msg(&pm.h, MACH_SEND_MSG, sizeof(pm), 0, 0, 0, 0);
	ktap_ok(mr == MACH_SEND_INVALID_TYPE, "bad_descriptor_type");
	pm.port.type = MACH_MSG_PORT_DESCRIPTOR;
	pm.body.msgh_descriptor_count = 1000;
	mr = mach_msg(&pm.h, MACH_SEND_MSG, sizeof(pm), 0, 0, 0, 0);
	ktap_ok(mr == MACH_SEND_MSG_TOO_SMALL && refs(p, MACH_PORT_RIGHT_SEND) == 1,
	    "descriptor_count_too_large");
	mr = mach_msg(&pm.h, MACH_RCV_MSG, 0, sizeof(pm), 0x999, 0, 0);
	ktap_ok(mr == MACH_RCV_INVALID_NAME, "receive_bad_name");
	mr = mach_msg(&pm.h, MACH_RCV_MSG, 0, sizeof(pm), MACH_PORT_DEAD, 0, 0);
	ktap_ok(mr == MACH_RCV_INVALID_NAME, "receive_dead_name");
	/* neither send nor receive: nothing to do, whatever the buffer */
	mr = mach_msg((mach_msg_header_t *)0xffffffc000000000ul, MACH_SEND_TIMEOUT,
	    0, 0, 0, 0, 0);
	ktap_ok(mr == MACH_MSG_SUCCESS, "neither_send_nor_receive");
	mach_port_destroy(self, p);
}

static void
test_rights_in_messages(void)
{
	mach_port_t p = new_port(), moved = new_port(), got;
	struct port_msg pm;
	struct port_rcv pr;
	mach_msg_return_t mr;

	memset(&pm, 0, sizeof(pm));
	pm.h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND, 0) |
	    MACH_MSGH_BITS_COMPLEX;
	pm.h.msgh_remote_port = p;
	pm.body.msgh_descriptor_count = 1;
	pm.port.name = moved;
	pm.port.disposition = MACH_MSG_TYPE_MOVE_RECEIVE;
	pm.port.type = MACH_MSG_PORT_DESCRIPTOR;
	mr = mach_msg(&pm.h, MACH_SEND_MSG, sizeof(pm), 0, 0, 0, 0);
	ktap_ok(mr == MACH_MSG_SUCCESS && type_of(moved) == 0,
	    "move_receive_leaves_the_name");
	memset(&pr, 0, sizeof(pr));
	mr = mach_msg(&pr.m.h, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0, sizeof(pr), p,
	    WAIT_MS, 0);
	got = pr.m.port.name;
	ktap_ok(mr == MACH_MSG_SUCCESS && MACH_PORT_VALID(got) &&
	    pr.m.port.disposition == MACH_MSG_TYPE_PORT_RECEIVE &&
	    type_of(got) == MACH_PORT_TYPE_RECEIVE, "receive_right_arrives");
	/* and it works: a message to it */
	ktap_ok(send_simple(got, MACH_MSG_TYPE_MAKE_SEND, 0, 0, 3, 0, 0) ==
	    MACH_MSG_SUCCESS, "moved_port_usable");
	/* a send right to a port we hold the receive right for joins its name */
	mach_port_insert_right(self, got, got, MACH_MSG_TYPE_MAKE_SEND);
	pm.port.name = got;
	pm.port.disposition = MACH_MSG_TYPE_COPY_SEND;
	mr = mach_msg(&pm.h, MACH_SEND_MSG, sizeof(pm), 0, 0, 0, 0);
	memset(&pr, 0, sizeof(pr));
	mr |= mach_msg(&pr.m.h, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0, sizeof(pr), p,
	    WAIT_MS, 0);
	ktap_ok(mr == MACH_MSG_SUCCESS && pr.m.port.name == got &&
	    refs(got, MACH_PORT_RIGHT_SEND) == 2, "send_right_joins_receive_name");
	/* a receive right sent to itself never arrives (Mach drops it) */
	pm.h.msgh_remote_port = got;
	pm.h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, 0) |
	    MACH_MSGH_BITS_COMPLEX;
	pm.port.name = got;
	pm.port.disposition = MACH_MSG_TYPE_MOVE_RECEIVE;
	mr = mach_msg(&pm.h, MACH_SEND_MSG, sizeof(pm), 0, 0, 0, 0);
	ktap_ok(mr == MACH_MSG_SUCCESS && type_of(got) == MACH_PORT_TYPE_DEAD_NAME,
	    "circular_receive_right_dies");
	mach_port_destroy(self, got);
	mach_port_destroy(self, p);
}

static void
test_notifications(void)
{
	mach_port_t p = new_port(), n = new_port(), prev = 1, s;
	struct rcv_msg r;
	mach_msg_return_t mr;
	kern_return_t kr;

	/* no-senders: armed, one send right made and released */
	mach_port_insert_right(self, p, p, MACH_MSG_TYPE_MAKE_SEND);
	kr = mach_port_request_notification(self, p, MACH_NOTIFY_NO_SENDERS, 0, n,
	    MACH_MSG_TYPE_MAKE_SEND_ONCE, &prev);
	ktap_ok(kr == KERN_SUCCESS && prev == MACH_PORT_NULL, "arm_no_senders");
	ktap_ok(receive(n, &r, MACH_RCV_TIMEOUT, 0) == MACH_RCV_TIMED_OUT,
	    "no_senders_not_yet");
	mach_port_mod_refs(self, p, MACH_PORT_RIGHT_SEND, -1);
	mr = receive(n, &r, MACH_RCV_TIMEOUT, 0);
	ktap_ok(mr == MACH_MSG_SUCCESS && r.h.msgh_id == MACH_NOTIFY_NO_SENDERS &&
	    ((mach_no_senders_notification_t *)&r)->not_count == 1,
	    "no_senders_once_with_mscount");
	ktap_ok(receive(n, &r, MACH_RCV_TIMEOUT, 0) == MACH_RCV_TIMED_OUT,
	    "no_senders_not_twice");

	/* dead-name: the receive right goes, the send right's name stays */
	s = new_port();
	mach_port_insert_right(self, s, s, MACH_MSG_TYPE_MAKE_SEND);
	kr = mach_port_request_notification(self, s, MACH_NOTIFY_DEAD_NAME, 0, n,
	    MACH_MSG_TYPE_MAKE_SEND_ONCE, &prev);
	ktap_ok(kr == KERN_SUCCESS && (type_of(s) & MACH_PORT_TYPE_DNREQUEST),
	    "arm_dead_name");
	mach_port_mod_refs(self, s, MACH_PORT_RIGHT_RECEIVE, -1);
	mr = receive(n, &r, MACH_RCV_TIMEOUT, 0);
	ktap_ok(mr == MACH_MSG_SUCCESS && r.h.msgh_id == MACH_NOTIFY_DEAD_NAME &&
	    ((mach_dead_name_notification_t *)&r)->not_port == s &&
	    type_of(s) == MACH_PORT_TYPE_DEAD_NAME &&
	    refs(s, MACH_PORT_RIGHT_DEAD_NAME) == 2, "dead_name_once");
	ktap_ok(receive(n, &r, MACH_RCV_TIMEOUT, 0) == MACH_RCV_TIMED_OUT,
	    "dead_name_not_twice");
	mach_port_mod_refs(self, s, MACH_PORT_RIGHT_DEAD_NAME, -2);
	ktap_ok(type_of(s) == 0, "dead_name_gone");

	/* send-once: made, then destroyed unused */
	send_simple(p, MACH_MSG_TYPE_MAKE_SEND, n, MACH_MSG_TYPE_MAKE_SEND_ONCE,
	    1, 0, 0);
	receive(p, &r, MACH_RCV_TIMEOUT, WAIT_MS);
	mach_port_deallocate(self, r.h.msgh_remote_port);
	mr = receive(n, &r, MACH_RCV_TIMEOUT, 0);
	ktap_ok(mr == MACH_MSG_SUCCESS && r.h.msgh_id == MACH_NOTIFY_SEND_ONCE,
	    "send_once_notification");

	/* port-destroyed: the receive right comes back in a message */
	kr = mach_port_request_notification(self, p, MACH_NOTIFY_PORT_DESTROYED,
	    0, n, MACH_MSG_TYPE_MAKE_SEND_ONCE, &prev);
	mach_port_mod_refs(self, p, MACH_PORT_RIGHT_RECEIVE, -1);
	{
		struct port_rcv pr;

		memset(&pr, 0, sizeof(pr));
		mr = mach_msg(&pr.m.h, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0,
		    sizeof(pr), n, 0, 0);
		ktap_ok(kr == KERN_SUCCESS && mr == MACH_MSG_SUCCESS &&
		    pr.m.h.msgh_id == MACH_NOTIFY_PORT_DESTROYED &&
		    type_of(pr.m.port.name) == MACH_PORT_TYPE_RECEIVE,
		    "port_destroyed_returns_receive_right");
		mach_port_destroy(self, pr.m.port.name);
	}
	/*
	 * port-destroyed to a port whose receive right is queued on this one:
	 * the notification would close a loop, so the port dies instead
	 * (ipc.user_program_back_to_baseline sees a leak if it does not)
	 */
	p = new_port();
	s = new_port();
	kr = mach_port_request_notification(self, p, MACH_NOTIFY_PORT_DESTROYED,
	    0, s, MACH_MSG_TYPE_MAKE_SEND_ONCE, &prev);
	{
		struct port_msg pm;

		memset(&pm, 0, sizeof(pm));
		pm.h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND, 0) |
		    MACH_MSGH_BITS_COMPLEX;
		pm.h.msgh_remote_port = p;
		pm.body.msgh_descriptor_count = 1;
		pm.port.name = s;
		pm.port.disposition = MACH_MSG_TYPE_MOVE_RECEIVE;
		pm.port.type = MACH_MSG_PORT_DESCRIPTOR;
		mr = mach_msg(&pm.h, MACH_SEND_MSG, sizeof(pm), 0, 0, 0, 0);
	}
	ktap_ok(kr == KERN_SUCCESS && mr == MACH_MSG_SUCCESS &&
	    mach_port_destroy(self, p) == KERN_SUCCESS && type_of(p) == 0 &&
	    type_of(s) == 0, "port_destroyed_into_a_loop");
	mach_port_destroy(self, n);
}

static void
test_port_sets(void)
{
	mach_port_t set, a = new_port(), b = new_port();
	struct rcv_msg r;
	mach_msg_return_t mr;

	ktap_ok(mach_port_allocate(self, MACH_PORT_RIGHT_PORT_SET, &set) ==
	    KERN_SUCCESS && type_of(set) == MACH_PORT_TYPE_PORT_SET, "allocate_set");
	ktap_ok(mach_port_insert_member(self, a, set) == KERN_SUCCESS &&
	    mach_port_move_member(self, b, set) == KERN_SUCCESS &&
	    mach_port_insert_member(self, a, set) == KERN_ALREADY_IN_SET,
	    "insert_members");
	send_simple(b, MACH_MSG_TYPE_MAKE_SEND, 0, 0, 21, 0, 0);
	mr = receive(set, &r, MACH_RCV_TIMEOUT, 0);
	ktap_ok(mr == MACH_MSG_SUCCESS && r.h.msgh_id == 21 && r.h.msgh_local_port == b,
	    "set_receive");
	/* too large for the buffer: MACH_RCV_LARGE_IDENTITY names the member */
	send_simple(a, MACH_MSG_TYPE_MAKE_SEND, 0, 0, 23, 0, 0);
	memset(&r, 0, sizeof(r));
	mr = mach_msg(&r.h, MACH_RCV_MSG | MACH_RCV_LARGE | MACH_RCV_TIMEOUT, 0,
	    sizeof(mach_msg_header_t) + 8, set, 0, MACH_PORT_NULL);
	ktap_ok(mr == MACH_RCV_TOO_LARGE && r.h.msgh_size == sizeof(struct small_msg) &&
	    r.h.msgh_local_port == MACH_PORT_NULL, "set_rcv_large_without_identity");
	mr = mach_msg(&r.h, MACH_RCV_MSG | MACH_RCV_LARGE | MACH_RCV_LARGE_IDENTITY |
	    MACH_RCV_TIMEOUT, 0, sizeof(mach_msg_header_t) + 8, set, 0,
	    MACH_PORT_NULL);
	ktap_ok(mr == MACH_RCV_TOO_LARGE && r.h.msgh_size == sizeof(struct small_msg) &&
	    r.h.msgh_local_port == a, "set_rcv_large_identity_names_member");
	mr = receive(r.h.msgh_local_port, &r, MACH_RCV_TIMEOUT, 0);
	ktap_ok(mr == MACH_MSG_SUCCESS && r.h.msgh_id == 23,
	    "set_rcv_large_identity_then_member_receive");
	ktap_ok(mach_port_extract_member(self, b, set) == KERN_SUCCESS &&
	    mach_port_extract_member(self, b, set) == KERN_NOT_IN_SET,
	    "extract_member");
	send_simple(b, MACH_MSG_TYPE_MAKE_SEND, 0, 0, 22, 0, 0);
	ktap_ok(receive(set, &r, MACH_RCV_TIMEOUT, 0) == MACH_RCV_TIMED_OUT &&
	    receive(b, &r, MACH_RCV_TIMEOUT, 0) == MACH_MSG_SUCCESS,
	    "extracted_member_not_in_set");
	ktap_ok(mach_port_insert_member(self, set, set) == KERN_INVALID_RIGHT,
	    "set_in_set_invalid_right");
	mach_port_destroy(self, set);
	mach_port_destroy(self, a);
	mach_port_destroy(self, b);
}

struct ool_msg {
	mach_msg_header_t h;
	mach_msg_body_t body;
	mach_msg_ool_descriptor_t ool;
	mach_msg_ool_ports_descriptor_t ports;
};

struct ool_rcv {
	struct ool_msg m;
	mach_msg_max_trailer_t trailer;
};

static mach_msg_return_t
send_ool(mach_port_t dest, void *addr, mach_msg_size_t size, int dealloc,
    mach_port_t *names, mach_msg_size_t count)
{
	struct ool_msg m;

	memset(&m, 0, sizeof(m));
	m.h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND, 0) |
	    MACH_MSGH_BITS_COMPLEX;
	m.h.msgh_remote_port = dest;
	m.h.msgh_id = 77;
	m.body.msgh_descriptor_count = 2;
	m.ool.address = addr;
	m.ool.size = size;
	m.ool.deallocate = dealloc;
	m.ool.copy = MACH_MSG_VIRTUAL_COPY;
	m.ool.type = MACH_MSG_OOL_DESCRIPTOR;
	m.ports.address = names;
	m.ports.count = count;
	m.ports.disposition = MACH_MSG_TYPE_COPY_SEND;
	m.ports.copy = MACH_MSG_VIRTUAL_COPY;
	m.ports.type = MACH_MSG_OOL_PORTS_DESCRIPTOR;
	return mach_msg(&m.h, MACH_SEND_MSG, sizeof(m), 0, 0, 0, 0);
}

static void
test_out_of_line(void)
{
	mach_port_t p = new_port(), s = new_port(), names[3];
	mach_vm_address_t a = 0, again;
	struct ool_rcv r;
	mach_msg_return_t mr;
	const uint32_t mib = 1u << 20;
	volatile uint32_t *w, *got;
	int same = 1;

	mach_port_insert_right(self, s, s, MACH_MSG_TYPE_MAKE_SEND);
	names[0] = names[1] = names[2] = s;
	mach_vm_allocate(self, &a, mib, VM_FLAGS_ANYWHERE);
	w = (volatile uint32_t *)a;
	for (uint32_t i = 0; i < mib / 4; i += 1024)
		w[i] = i;
	mr = send_ool(p, (void *)a, mib, 0, names, 3);
	ktap_ok(mr == MACH_MSG_SUCCESS && refs(s, MACH_PORT_RIGHT_SEND) == 1,
	    "send_1m_ool_and_3_ports");
	for (uint32_t i = 0; i < mib / 4; i += 1024)
		w[i] = 0xdeadbeef;	/* after the send: the receiver must not see it */
	memset(&r, 0, sizeof(r));
	mr = mach_msg(&r.m.h, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0, sizeof(r), p,
	    WAIT_MS, 0);
	got = (volatile uint32_t *)r.m.ool.address;
	ktap_ok(mr == MACH_MSG_SUCCESS && r.m.ool.size == mib && got != NULL &&
	    got != w, "receive_1m_ool");
	for (uint32_t i = 0; mr == MACH_MSG_SUCCESS && i < mib / 4; i += 1024)
		same &= got[i] == i;
	ktap_ok(mr == MACH_MSG_SUCCESS && same, "sender_writes_after_send_not_seen");
	ktap_ok(mr == MACH_MSG_SUCCESS && r.m.ports.count == 3 &&
	    r.m.ports.address != NULL &&
	    ((mach_port_t *)r.m.ports.address)[0] == s &&
	    ((mach_port_t *)r.m.ports.address)[2] == s &&
	    refs(s, MACH_PORT_RIGHT_SEND) == 4, "ool_ports_join_the_name");
	if (mr == MACH_MSG_SUCCESS) {
		mach_vm_deallocate(self, (mach_vm_address_t)r.m.ool.address, mib);
		mach_vm_deallocate(self, (mach_vm_address_t)r.m.ports.address, 4096);
	}
	/* the deallocate flag: the sender's region is gone after the send */
	mr = send_ool(p, (void *)a, mib, 1, names, 0);
	again = a;
	ktap_ok(mr == MACH_MSG_SUCCESS && mach_vm_allocate(self, &again, mib,
	    VM_FLAGS_FIXED) == KERN_SUCCESS, "deallocate_flag_unmaps_source");
	mach_vm_deallocate(self, a, mib);
	memset(&r, 0, sizeof(r));
	mr = mach_msg(&r.m.h, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0, sizeof(r), p,
	    WAIT_MS, 0);
	ktap_ok(mr == MACH_MSG_SUCCESS && r.m.ool.size == mib &&
	    ((volatile uint32_t *)r.m.ool.address)[1024] == 0xdeadbeef,
	    "deallocated_region_still_arrives");
	if (mr == MACH_MSG_SUCCESS)
		mach_vm_deallocate(self, (mach_vm_address_t)r.m.ool.address, mib);
	/* bad regions: the documented error, the rights untouched */
	mr = send_ool(p, (void *)0x1000, 0x7fffffff, 0, names, 3);
	ktap_ok(mr == MACH_SEND_INVALID_MEMORY && refs(s, MACH_PORT_RIGHT_SEND) == 4,
	    "unmapped_ool_invalid_memory");
	mr = send_ool(p, (void *)0xffffffc000000000ul, 4096, 0, names, 0);
	ktap_ok(mr == MACH_SEND_INVALID_MEMORY, "kernel_address_ool");
	mr = send_ool(p, NULL, 0, 0, (mach_port_t *)0x10, 2);
	ktap_ok(mr == MACH_SEND_INVALID_MEMORY, "unmapped_port_array");
	names[1] = 0x7654321;
	mr = send_ool(p, NULL, 0, 0, names, 3);
	ktap_ok(mr == MACH_SEND_INVALID_RIGHT && refs(s, MACH_PORT_RIGHT_SEND) == 4,
	    "bad_name_in_port_array_rolls_back");
	mach_port_destroy(self, p);
	mach_port_destroy(self, s);
}

/* --- an RPC between two threads --- */

static mach_port_t server_port;
static volatile int server_done;
static char server_stack[16384] __attribute__((aligned(16)));

static void
server(void *arg)
{
	struct rcv_msg r;
	struct small_msg *reply = (struct small_msg *)&r;
	mach_msg_return_t mr;

	(void)arg;
	mr = receive(server_port, &r, 0, 0);
	while (mr == MACH_MSG_SUCCESS) {
		mach_port_t to = r.h.msgh_remote_port;

		if (r.h.msgh_id == RPC_QUIT)
			break;
		reply->h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MOVE_SEND_ONCE, 0);
		reply->h.msgh_size = sizeof(*reply);
		reply->h.msgh_remote_port = to;
		reply->h.msgh_local_port = MACH_PORT_NULL;
		reply->h.msgh_id = r.h.msgh_id + 100;
		reply->body[0] += 1;
		mr = mach_msg(&reply->h, MACH_SEND_MSG | MACH_RCV_MSG, sizeof(*reply),
		    sizeof(r), server_port, 0, MACH_PORT_NULL);
	}
	__atomic_store_n(&server_done, 1, __ATOMIC_RELEASE);
	rvmach_thread_exit();
}

static void
test_rpc(void)
{
	mach_port_t reply = new_port();
	struct rcv_msg r;
	int ok = 1;

	server_port = new_port();
	mach_port_insert_right(self, server_port, server_port,
	    MACH_MSG_TYPE_MAKE_SEND);
	ktap_ok(rvmach_thread_start(server, NULL, server_stack,
	    sizeof(server_stack)) == KERN_SUCCESS, "server_thread");
	for (int i = 0; i < RPCS && ok; i++) {
		struct small_msg *m = (struct small_msg *)&r;

		memset(&r, 0, sizeof(r));
		m->h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND,
		    MACH_MSG_TYPE_MAKE_SEND_ONCE);
		m->h.msgh_size = sizeof(*m);
		m->h.msgh_remote_port = server_port;
		m->h.msgh_local_port = reply;
		m->h.msgh_id = i;
		m->body[0] = (uint32_t)i;
		{
		mach_msg_return_t mr = mach_msg(&m->h, MACH_SEND_MSG | MACH_RCV_MSG, sizeof(*m),
		    sizeof(r), reply, 0, MACH_PORT_NULL);
		ok = mr == MACH_MSG_SUCCESS &&
		    r.h.msgh_id == i + 100 && r.body[0] == (uint32_t)i + 1;
		if (mr != MACH_MSG_SUCCESS)
			ktap_diag("rpc %d: mach_msg returned %#x", i, mr);
		}
	}
	ktap_ok(ok, "rpc_%d_round_trips", RPCS);
	send_simple(server_port, MACH_MSG_TYPE_COPY_SEND, 0, 0, RPC_QUIT, 0, 0);
	while (!__atomic_load_n(&server_done, __ATOMIC_ACQUIRE))
		swtch_pri(0);
	ktap_ok(refs(server_port, MACH_PORT_RIGHT_SEND) == 1 &&
	    type_of(reply) == MACH_PORT_TYPE_RECEIVE, "rpc_rights_balanced");
	mach_port_destroy(self, server_port);
	mach_port_destroy(self, reply);
}

/*
 * The calls XNU's MIG interfaces have and rvmach makes traps of:
 * extract_right, get_set_status, the receive right's context, send-right
 * count, make-send count and sequence number, and mach_msg_overwrite.
 */
static void
test_port_calls(void)
{
	mach_port_t p = new_port(), q = new_port(), set = MACH_PORT_NULL, poly;
	mach_port_t m[3];
	mach_msg_type_name_t pt;
	mach_port_name_array_t members = NULL;
	mach_msg_type_number_t n = 99;
	mach_port_context_t ctx = 0;
	mach_port_rights_t sr = 99;
	mach_port_status_t st;
	mach_msg_type_number_t cnt = MACH_PORT_RECEIVE_STATUS_COUNT;
	struct small_msg out;
	struct rcv_msg in;
	int ok;

	/* extract_right: as a message would move it, into the caller */
	ok = mach_port_extract_right(self, p, MACH_MSG_TYPE_MAKE_SEND, &poly,
	    &pt) == KERN_SUCCESS && poly == p && pt == MACH_MSG_TYPE_PORT_SEND &&
	    type_of(p) == (MACH_PORT_TYPE_RECEIVE | MACH_PORT_TYPE_SEND) &&
	    refs(p, MACH_PORT_RIGHT_SEND) == 1;
	ktap_ok(ok, "extract_right_make_send");
	ok = mach_port_extract_right(self, p, MACH_MSG_TYPE_MOVE_RECEIVE, &poly,
	    &pt) == KERN_SUCCESS && pt == MACH_MSG_TYPE_PORT_RECEIVE &&
	    poly == p && (type_of(p) & MACH_PORT_TYPE_RECEIVE);
	ktap_ok(ok, "extract_right_move_receive_rejoins_its_name");
	ok = mach_port_extract_right(self, p, 99, &poly, &pt) ==
	    KERN_INVALID_VALUE &&
	    mach_port_extract_right(self, 0x7777, MACH_MSG_TYPE_COPY_SEND, &poly,
	    &pt) == KERN_INVALID_NAME &&
	    mach_port_extract_right(self, q, MACH_MSG_TYPE_COPY_SEND, &poly,
	    &pt) == KERN_INVALID_RIGHT &&
	    mach_port_extract_right(self, p, MACH_MSG_TYPE_MAKE_SEND,
	    (mach_port_t *)8, &pt) == KERN_INVALID_ADDRESS &&
	    refs(p, MACH_PORT_RIGHT_SEND) == 1 && type_of(q) == MACH_PORT_TYPE_RECEIVE;
	ktap_ok(ok, "extract_right_errors_change_nothing");

	/* get_set_status: the members' names */
	mach_port_allocate(self, MACH_PORT_RIGHT_PORT_SET, &set);
	ok = mach_port_get_set_status(self, set, &members, &n) == KERN_SUCCESS &&
	    n == 0;
	for (int i = 0; i < 3; i++) {
		m[i] = new_port();
		ok &= mach_port_insert_member(self, m[i], set) == KERN_SUCCESS;
	}
	ok &= mach_port_get_set_status(self, set, &members, &n) == KERN_SUCCESS &&
	    n == 3;
	for (int i = 0; ok && i < 3; i++) {
		int seen = 0;

		for (mach_msg_type_number_t j = 0; j < n; j++)
			seen += members[j] == m[i];
		ok &= seen == 1;
	}
	if (n > 0 && n != 99)
		mach_vm_deallocate(self, (mach_vm_address_t)members,
		    n * sizeof(*members));
	ok &= mach_port_get_set_status(self, p, &members, &n) ==
	    KERN_INVALID_RIGHT &&
	    mach_port_get_set_status(self, 0x7777, &members, &n) ==
	    KERN_INVALID_NAME;
	ktap_ok(ok, "get_set_status_members");
	for (int i = 0; i < 3; i++)
		mach_port_destroy(self, m[i]);
	mach_port_destroy(self, set);

	/* the receive right's fields */
	ok = mach_port_set_context(self, q, 0x1234abcd5678ull) == KERN_SUCCESS &&
	    mach_port_get_context(self, q, &ctx) == KERN_SUCCESS &&
	    ctx == 0x1234abcd5678ull &&
	    mach_port_get_context(self, 0x7777, &ctx) == KERN_INVALID_NAME;
	ktap_ok(ok, "context_set_and_get");
	ok = mach_port_get_srights(self, p, &sr) == KERN_SUCCESS && sr == 1 &&
	    mach_port_get_srights(self, q, &sr) == KERN_SUCCESS && sr == 0;
	ktap_ok(ok, "get_srights");
	ok = mach_port_set_mscount(self, q, 7) == KERN_SUCCESS &&
	    mach_port_set_seqno(self, q, 100) == KERN_SUCCESS &&
	    mach_port_get_attributes(self, q, MACH_PORT_RECEIVE_STATUS,
	    (mach_port_info_t)&st, &cnt) == KERN_SUCCESS &&
	    st.mps_mscount == 7 && st.mps_seqno == 100;
	ktap_ok(ok, "set_mscount_and_seqno");

	/* mach_msg_overwrite: sent from one buffer, received into another */
	memset(&out, 0, sizeof(out));
	out.h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND_ONCE, 0);
	out.h.msgh_size = sizeof(out);
	out.h.msgh_remote_port = q;
	out.h.msgh_id = 4242;
	out.body[0] = 0xfeed;
	memset(&in, 0, sizeof(in));
	ok = mach_msg_overwrite(&out.h, MACH_SEND_MSG | MACH_RCV_MSG |
	    MACH_RCV_TIMEOUT | MACH_RCV_TRAILER_ELEMENTS(MACH_RCV_TRAILER_SEQNO),
	    sizeof(out), sizeof(in), q, WAIT_MS, MACH_PORT_NULL, &in.h, 0) ==
	    MACH_MSG_SUCCESS && in.h.msgh_id == 4242 && in.body[0] == 0xfeed &&
	    in.trailer.msgh_seqno == 100 && out.h.msgh_id == 4242 &&
	    out.h.msgh_remote_port == q;
	ktap_ok(ok, "msg_overwrite_receives_elsewhere");
	mach_port_destroy(self, p);
	mach_port_destroy(self, q);
}

#define NAMES_PORTS	300

/* mach_port_names lists every name, past any fixed limit, with its type */
static void
test_names(void)
{
	static mach_port_t ports[NAMES_PORTS];
	mach_port_name_array_t names = NULL;
	mach_port_type_array_t types = NULL;
	mach_msg_type_number_t nc = 0, tc = 0;
	int found = 0, typed = 0, ok;

	for (int i = 0; i < NAMES_PORTS; i++)
		ports[i] = new_port();
	ok = mach_port_names(self, &names, &nc, &types, &tc) == KERN_SUCCESS &&
	    nc == tc && nc >= NAMES_PORTS;
	for (int i = 0; ok && i < NAMES_PORTS; i++) {
		for (mach_msg_type_number_t j = 0; j < nc; j++) {
			if (names[j] == ports[i]) {
				found++;
				typed += types[j] == MACH_PORT_TYPE_RECEIVE;
				break;
			}
		}
	}
	ktap_ok(ok && found == NAMES_PORTS, "names_lists_%d_ports", NAMES_PORTS);
	ktap_ok(ok && typed == NAMES_PORTS, "names_types_match");
	if (ok) {
		mach_vm_deallocate(self, (mach_vm_address_t)names, nc * sizeof(*names));
		mach_vm_deallocate(self, (mach_vm_address_t)types, tc * sizeof(*types));
	}
	for (int i = 0; i < NAMES_PORTS; i++)
		mach_port_destroy(self, ports[i]);
}

/*
 * The traps take their caller's task port by the name mach_task_self gave
 * without a lookup (the space remembers it): once every uref of that name
 * is gone, the name must be refused like any stale one.
 */
static void
test_stale_task_name(void)
{
	mach_port_t old = self, p = MACH_PORT_NULL;
	mach_port_urefs_t n = refs(old, MACH_PORT_RIGHT_SEND);

	ktap_ok(n >= 1 && n != 0xdead &&
	    mach_port_mod_refs(old, old, MACH_PORT_RIGHT_SEND,
	    -(mach_port_delta_t)n) == KERN_SUCCESS &&
	    mach_port_allocate(old, MACH_PORT_RIGHT_RECEIVE, &p) ==
	    MACH_SEND_INVALID_DEST, "stale_task_self_name_refused");
	mach_task_self_ = MACH_PORT_NULL;
	self = mach_task_self();
	ktap_ok(self != old && MACH_PORT_VALID(self) &&
	    mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &p) == KERN_SUCCESS &&
	    mach_port_destroy(self, p) == KERN_SUCCESS, "task_self_new_name_works");
}

int
main(void)
{
	self = mach_task_self();
	ktap_plan("uipc", 92);
	test_rights();
	test_messages();
	test_malformed();
	test_rights_in_messages();
	test_out_of_line();
	test_notifications();
	test_port_sets();
	test_rpc();
	test_names();
	test_port_calls();
	test_stale_task_name();
	return ktap_done();
}
