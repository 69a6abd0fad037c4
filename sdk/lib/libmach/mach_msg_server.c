/*
 * sdk/lib/libmach/mach_msg_server.c - XNU's mach_msg_server and
 * mach_msg_server_once (<mach/mach.h>): receive requests on rcv_name,
 * let demux build each reply, send it.
 *
 * Both buffers are allocated with mach_vm_allocate: a request of up to
 * max_size bytes plus the trailer options asks for (with MACH_RCV_LARGE,
 * a larger one is received into a buffer of its size), a reply of up to
 * max_size.  After demux, as in XNU: a simple reply whose RetCode is
 * MIG_NO_REPLY is not sent; one whose RetCode is another error destroys
 * the request's rights and memory (not its reply right); a reply on a
 * send right (not send-once) is sent with MACH_SEND_TIMEOUT of 0, so a
 * client that does not receive cannot block the server, and a reply
 * that cannot be delivered (MACH_SEND_INVALID_DEST, MACH_SEND_TIMED_OUT)
 * is dropped (a complex one destroyed) and the server goes on.
 */
#include <stdbool.h>
#include <string.h>

#include <mach/mach.h>
#include <mach/mig_errors.h>

#define PAGE	4096u

static mach_msg_size_t
page_round(mach_msg_size_t n)
{
	return (n + PAGE - 1) & ~(PAGE - 1);
}

struct server_bufs {
	mach_msg_header_t *req, *rep;
	mach_msg_size_t req_alloc, rep_alloc, req_size, trailer;
};

static kern_return_t
bufs_alloc(struct server_bufs *b, mach_msg_size_t max_size,
    mach_msg_options_t options)
{
	mach_vm_address_t a = 0, r = 0;
	kern_return_t kr;

	b->trailer = REQUESTED_TRAILER_SIZE(options);
	b->req_alloc = page_round(max_size + b->trailer);
	b->req_size = (options & MACH_RCV_LARGE) ? b->req_alloc :
	    max_size + b->trailer;
	b->rep_alloc = page_round(max_size);
	if ((kr = mach_vm_allocate(mach_task_self(), &r, b->rep_alloc,
	    VM_FLAGS_ANYWHERE)) != KERN_SUCCESS)
		return kr;
	if ((kr = mach_vm_allocate(mach_task_self(), &a, b->req_alloc,
	    VM_FLAGS_ANYWHERE)) != KERN_SUCCESS) {
		mach_vm_deallocate(mach_task_self(), r, b->rep_alloc);
		return kr;
	}
	b->req = (mach_msg_header_t *)(uintptr_t)a;
	b->rep = (mach_msg_header_t *)(uintptr_t)r;
	return KERN_SUCCESS;
}

static void
bufs_free(struct server_bufs *b)
{
	mach_vm_deallocate(mach_task_self(), (mach_vm_address_t)(uintptr_t)b->req,
	    b->req_alloc);
	mach_vm_deallocate(mach_task_self(), (mach_vm_address_t)(uintptr_t)b->rep,
	    b->rep_alloc);
}

/*
 * MACH_RCV_TOO_LARGE with MACH_RCV_LARGE: the message is still queued;
 * a request buffer of its size instead.  false if there is no memory.
 */
static bool
bufs_grow(struct server_bufs *b)
{
	mach_msg_size_t n = page_round(b->req->msgh_size + b->trailer);
	mach_vm_address_t a = 0;

	if (mach_vm_allocate(mach_task_self(), &a, n, VM_FLAGS_ANYWHERE) !=
	    KERN_SUCCESS)
		return false;
	mach_vm_deallocate(mach_task_self(), (mach_vm_address_t)(uintptr_t)b->req,
	    b->req_alloc);
	b->req = (mach_msg_header_t *)(uintptr_t)a;
	b->req_alloc = b->req_size = n;
	return true;
}

static mach_msg_return_t
receive(struct server_bufs *b, mach_port_t rcv_name, mach_msg_options_t options)
{
	mach_msg_return_t mr;

	for (;;) {
		mr = mach_msg(b->req, MACH_RCV_MSG | options, 0, b->req_size,
		    rcv_name, MACH_MSG_TIMEOUT_NONE, MACH_PORT_NULL);
		if (mr != MACH_RCV_TOO_LARGE || !(options & MACH_RCV_LARGE))
			return mr;
		if (!bufs_grow(b))
			return KERN_RESOURCE_SHORTAGE;
	}
}

/*
 * demux's reply to the request in b, readied: true if it is to be sent
 * (the request destroyed first if the routine failed)
 */
static bool
reply_ready(struct server_bufs *b,
    boolean_t (*demux)(mach_msg_header_t *, mach_msg_header_t *))
{
	mig_reply_error_t *rep = (mig_reply_error_t *)b->rep;

	memset(b->rep, 0, sizeof(mach_msg_header_t));
	(void)(*demux)(b->req, b->rep);
	if (!(b->rep->msgh_bits & MACH_MSGH_BITS_COMPLEX)) {
		if (rep->RetCode == MIG_NO_REPLY) {
			b->rep->msgh_remote_port = MACH_PORT_NULL;
		} else if (rep->RetCode != KERN_SUCCESS &&
		    (b->req->msgh_bits & MACH_MSGH_BITS_COMPLEX)) {
			/* the request's rights and memory go, not its reply right */
			b->req->msgh_remote_port = MACH_PORT_NULL;
			mach_msg_destroy(b->req);
		}
	}
	if (b->rep->msgh_remote_port == MACH_PORT_NULL) {
		if (b->rep->msgh_bits & MACH_MSGH_BITS_COMPLEX)
			mach_msg_destroy(b->rep);
		return false;
	}
	return true;
}

/* a send right (not send-once) as the reply's destination gets a timeout */
static mach_msg_option_t
send_options(const mach_msg_header_t *rep, mach_msg_options_t options)
{
	return MACH_MSGH_BITS_REMOTE(rep->msgh_bits) == MACH_MSG_TYPE_MOVE_SEND_ONCE ?
	    MACH_SEND_MSG | options : MACH_SEND_MSG | MACH_SEND_TIMEOUT | options;
}

/* a reply that could not go: dropped, the server goes on */
static bool
reply_dropped(mach_msg_return_t mr, mach_msg_header_t *rep)
{
	if (mr != MACH_SEND_INVALID_DEST && mr != MACH_SEND_TIMED_OUT)
		return false;
	if (rep->msgh_bits & MACH_MSGH_BITS_COMPLEX)
		mach_msg_destroy(rep);
	return true;
}

mach_msg_return_t
mach_msg_server_once(boolean_t (*demux)(mach_msg_header_t *, mach_msg_header_t *),
    mach_msg_size_t max_size, mach_port_t rcv_name, mach_msg_options_t options)
{
	struct server_bufs b;
	mach_msg_return_t mr;

	options &= ~(mach_msg_options_t)(MACH_SEND_MSG | MACH_RCV_MSG);
	if ((mr = bufs_alloc(&b, max_size, options)) != KERN_SUCCESS)
		return mr;
	mr = receive(&b, rcv_name, options);
	if (mr == MACH_MSG_SUCCESS && reply_ready(&b, demux)) {
		mr = mach_msg(b.rep, send_options(b.rep, options), b.rep->msgh_size,
		    0, MACH_PORT_NULL, MACH_MSG_TIMEOUT_NONE, MACH_PORT_NULL);
		if (reply_dropped(mr, b.rep))
			mr = MACH_MSG_SUCCESS;
	}
	bufs_free(&b);
	return mr;
}

mach_msg_return_t
mach_msg_server(boolean_t (*demux)(mach_msg_header_t *, mach_msg_header_t *),
    mach_msg_size_t max_size, mach_port_t rcv_name, mach_msg_options_t options)
{
	struct server_bufs b;
	mach_msg_return_t mr;

	options &= ~(mach_msg_options_t)(MACH_SEND_MSG | MACH_RCV_MSG);
	if ((mr = bufs_alloc(&b, max_size, options)) != KERN_SUCCESS)
		return mr;
	mr = receive(&b, rcv_name, options);
	while (mr == MACH_MSG_SUCCESS) {
		if (!reply_ready(&b, demux)) {
			mr = receive(&b, rcv_name, options);
			continue;
		}
		/* the reply and the next request in one call */
		mr = mach_msg_overwrite(b.rep, send_options(b.rep, options) |
		    MACH_RCV_MSG, b.rep->msgh_size, b.req_size, rcv_name,
		    MACH_MSG_TIMEOUT_NONE, MACH_PORT_NULL, b.req, 0);
		if (mr == MACH_RCV_TOO_LARGE && (options & MACH_RCV_LARGE)) {
			mr = bufs_grow(&b) ? receive(&b, rcv_name, options) :
			    KERN_RESOURCE_SHORTAGE;
		} else if (reply_dropped(mr, b.rep)) {
			mr = receive(&b, rcv_name, options);
		}
	}
	bufs_free(&b);
	return mr;
}
