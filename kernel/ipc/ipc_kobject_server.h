/*
 * kernel/ipc/ipc_kobject_server.h - the kernel as a server: messages sent
 * to kernel-object ports (tasks, threads, the host) answered in MIG's
 * format, as XNU's ipc_kobject_server does.
 *
 * A message whose destination is a live kernel-object port is not queued:
 * the sending thread runs the routine its msgh_id names, in the kernel,
 * right after the message's copyin, and the reply (msgh_id + 100, a
 * mig_reply_error_t when the routine failed, a complex message when it
 * returns a port: ipc_kobject_reply_port) goes to the request's reply
 * right like any kernel message (ipc_mqueue_send_kernel; a reply on a
 * send right is dropped when its port's queue is full).  An id no
 * routine has gets MIG_BAD_ID, a request of the wrong size or shape
 * MIG_BAD_ARGUMENTS.  The request is then destroyed (its destination's
 * right and any right or memory in it released); the send returns
 * MACH_MSG_SUCCESS, whatever the routine returned.  A request without a
 * reply right is run all the same, and its reply dropped.
 *
 * The routines are not here: the layer that owns each kind of object
 * registers one demultiplexer per kotype at boot (task/task_server.c).
 * Kinds without one answer every id with MIG_BAD_ID.
 */
#ifndef KERNEL_IPC_IPC_KOBJECT_SERVER_H
#define KERNEL_IPC_IPC_KOBJECT_SERVER_H

#include <mach/message.h>
#include <mach/mig_errors.h>
#include "kernel/ipc/ipc_kmsg.h"

/* the largest request and reply the routines take and give (header included) */
#define IPC_KOBJECT_MSG_MAX	512

/*
 * One call of a routine.  in: the request (header and body, msgh_size
 * bytes; the header's port fields mean nothing); out: the reply, whose
 * header (bits, ports, id), NDR and RetCode (MIG_BAD_ID) are set before
 * the call; the routine sets RetCode, and on KERN_SUCCESS the outputs
 * after it and out->Head.msgh_size.  obj: the kernel object, with the
 * reference its kind's ipc_kobject_register function took, which the
 * demultiplexer releases.  then (if the routine sets it) runs with
 * then_arg once the reply is sent and the request gone: how a routine
 * that does not return (a task terminating itself) ends the call.
 */
struct ipc_kobject_call {
	void	*obj;
	const mach_msg_header_t *in;
	mig_reply_error_t *out;
	void	(*then)(void *arg);
	void	*then_arg;
	struct ipc_kmsg *reply;		/* out's kmsg (ipc_kobject_reply_port) */
};

/* the most port descriptors a routine's reply carries */
#define IPC_KOBJECT_REPLY_PORTS	2

/*
 * ipc_kobject_reply_port - a complex reply: port descriptor i (from 0, in
 * order, fewer than IPC_KOBJECT_REPLY_PORTS) right after the body's
 * descriptor count carries sright (a send right the reply now holds;
 * IP_NULL and IP_DEAD stand as MACH_PORT_NULL and MACH_PORT_DEAD), which
 * the receiver gets as MACH_MSG_TYPE_PORT_SEND.  Only on success, once
 * nothing can fail: a complex reply has no RetCode (the descriptors lie
 * where it was), so it is sent as the routine left it, msgh_size and all.
 */
void ipc_kobject_reply_port(struct ipc_kobject_call *call, uint32_t i,
    struct ipc_port *sright);

/*
 * ipc_kobject_reply_ool_ports / ipc_kobject_reply_ool - a complex reply's
 * next descriptor (in body order: d lies in the reply's body, after the
 * ones before it) carries n rights of ports (send rights the reply now
 * holds; IP_NULL, IP_DEAD for those names; the array, n pointers from
 * kalloc, is the reply's too), which the receiver gets as names in
 * memory of its own, MACH_MSG_TYPE_PORT_SEND; or copy (a vm_map_copy,
 * the reply's now; NULL for size 0), size bytes from offset in its first
 * page, mapped into the receiver.  Only on success, as above.
 */
void ipc_kobject_reply_ool_ports(struct ipc_kobject_call *call,
    mach_msg_ool_ports_descriptor_t *d, struct ipc_port **ports, uint32_t n);
void ipc_kobject_reply_ool(struct ipc_kobject_call *call,
    mach_msg_ool_descriptor_t *d, struct vm_map_copy *copy, uint32_t size,
    uint32_t offset);

/*
 * a demultiplexer: runs the routine of call->in->msgh_id, if it has one
 * (else leaves RetCode MIG_BAD_ID), and releases call->obj
 */
typedef void (*ipc_kobject_demux_t)(struct ipc_kobject_call *call);

/* the routines of kotype's objects (once, at boot) */
void ipc_kobject_server_register(ipc_kobject_type_t kotype,
    ipc_kobject_demux_t demux);

/*
 * ipc_kobject_server - serve kmsg (copied in: its destination's right in
 * ikm_remote) if it goes to a kernel-object port.  MACH_SEND_IN_PROGRESS:
 * it does not, and is still the caller's to queue.  MACH_SEND_INVALID_DEST:
 * the port is dead; the kmsg is still the caller's.  MACH_MSG_SUCCESS:
 * served, the kmsg consumed.  No lock held; may block (the routine may).
 */
mach_msg_return_t ipc_kobject_server(ipc_kmsg_t kmsg);

/* requests served, for tests */
uint64_t ipc_kobject_server_count(void);

#endif /* KERNEL_IPC_IPC_KOBJECT_SERVER_H */
