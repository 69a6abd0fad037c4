/*
 * kernel/ipc/ipc_kobject_server.c - requests to kernel-object ports
 * (ipc_kobject_server.h).
 *
 * The request is served by the thread that sent it, with no lock held,
 * as in XNU: the object is taken (with a reference) under the port's
 * lock, which is then dropped; the reply kmsg is made before the routine
 * runs, so a routine that ran always gets its reply out (or dropped for
 * want of a reply right), never lost to a failed allocation after it.
 */
#include "kernel/ipc/ipc_kobject_server.h"
#include "kernel/ipc/ipc_mqueue.h"
#include "kernel/panic.h"

static ipc_kobject_demux_t kobject_demux[IKOT_MAX];	/* [c] */
static uint64_t kobject_served;				/* [a] */

void
ipc_kobject_server_register(ipc_kobject_type_t kotype, ipc_kobject_demux_t demux)
{
	if (kotype == IKOT_NONE || kotype >= IKOT_MAX || kobject_demux[kotype] != NULL)
		panic("ipc_kobject_server_register: kotype %u", kotype);
	kobject_demux[kotype] = demux;
}

uint64_t
ipc_kobject_server_count(void)
{
	return __atomic_load_n(&kobject_served, __ATOMIC_RELAXED);
}

/* the reply's header, NDR and RetCode, before the routine sets its part */
static void
reply_init(mig_reply_error_t *out, const mach_msg_header_t *in,
    mach_msg_type_name_t reply_type)
{
	out->Head.msgh_bits = MACH_MSGH_BITS(reply_type, 0);
	out->Head.msgh_size = sizeof(*out);
	out->Head.msgh_remote_port = MACH_PORT_NULL;
	out->Head.msgh_local_port = MACH_PORT_NULL;
	out->Head.msgh_voucher_port = MACH_PORT_NULL;
	out->Head.msgh_id = in->msgh_id + 100;
	out->NDR = NDR_record;
	out->RetCode = MIG_BAD_ID;
}

/* the reply's next descriptor: complex from now on */
static struct ikm_desc *
reply_desc_next(struct ipc_kobject_call *call)
{
	ipc_kmsg_t reply = call->reply;
	mach_msg_base_t *base = (mach_msg_base_t *)&reply->ikm_header;
	uint32_t i = reply->ikm_ndesc;

	if (i >= IPC_KOBJECT_REPLY_PORTS)
		panic("ipc_kobject_reply: descriptor %u of %u", i,
		    IPC_KOBJECT_REPLY_PORTS);
	reply->ikm_ndesc = i + 1;
	base->header.msgh_bits |= MACH_MSGH_BITS_COMPLEX;
	base->body.msgh_descriptor_count = i + 1;
	return &reply->ikm_desc[i];
}

void
ipc_kobject_reply_port(struct ipc_kobject_call *call, uint32_t i,
    ipc_port_t sright)
{
	if (i != call->reply->ikm_ndesc)
		panic("ipc_kobject_reply_port: descriptor %u of %u", i,
		    call->reply->ikm_ndesc);
	(void)reply_desc_next(call);
	ipc_kmsg_put_port_send(call->reply, i, sright);
}

void
ipc_kobject_reply_ool_ports(struct ipc_kobject_call *call,
    mach_msg_ool_ports_descriptor_t *d, ipc_port_t *ports, uint32_t n)
{
	struct ikm_desc *kd;
	struct ipc_object **objs = (struct ipc_object **)ports;

	if (n == 0 && ports != NULL)
		panic("ipc_kobject_reply_ool_ports: an empty array");
	kd = reply_desc_next(call);
	/* the array becomes the kmsg's: objects where the ports were */
	STATIC_ASSERT(sizeof(*objs) == sizeof(*ports), "ports as objects");
	for (uint32_t j = 0; j < n; j++)
		objs[j] = IP_VALID(ports[j]) ? &ports[j]->ip_object :
		    ports[j] == IP_DEAD ? IO_DEAD : IO_NULL;
	memset(d, 0, sizeof(*d));
	d->count = n;
	d->disposition = MACH_MSG_TYPE_PORT_SEND;
	d->type = MACH_MSG_OOL_PORTS_DESCRIPTOR;
	kd->kd_kind = IKD_OOL_PORTS;
	kd->kd_type = MACH_MSG_TYPE_PORT_SEND;
	kd->kd_count = n;
	kd->kd_object = objs;
}

void
ipc_kobject_reply_ool(struct ipc_kobject_call *call,
    mach_msg_ool_descriptor_t *d, struct vm_map_copy *copy, uint32_t size,
    uint32_t offset)
{
	struct ikm_desc *kd = reply_desc_next(call);

	memset(d, 0, sizeof(*d));
	d->size = size;
	d->copy = MACH_MSG_VIRTUAL_COPY;
	d->type = MACH_MSG_OOL_DESCRIPTOR;
	kd->kd_kind = IKD_OOL;
	kd->kd_object = copy;
	kd->kd_count = size;
	kd->kd_offset = offset;
}

mach_msg_return_t
ipc_kobject_server(ipc_kmsg_t kmsg)
{
	ipc_port_t port = kmsg->ikm_remote;
	struct ipc_kobject_call call = { 0 };
	ipc_kobject_type_t kotype;
	ipc_kobject_demux_t demux;
	ipc_object_t reply_right;
	mach_msg_type_name_t reply_type;
	ipc_kmsg_t reply;

	/* a kernel-object port's receiver never changes; no other port's becomes it */
	if (!IP_VALID(port) ||
	    __atomic_load_n(&port->ip_receiver, __ATOMIC_RELAXED) != ipc_space_kernel)
		return MACH_SEND_IN_PROGRESS;
	kotype = __atomic_load_n(&port->ip_object.io_bits, __ATOMIC_RELAXED) &
	    IO_BITS_KOTYPE;
	demux = kotype < IKOT_MAX ? kobject_demux[kotype] : NULL;
	reply = ipc_kmsg_alloc(IPC_KOBJECT_MSG_MAX, IPC_KOBJECT_REPLY_PORTS);
	if (reply == IKM_NULL)
		return MACH_SEND_NO_BUFFER;
	reply->ikm_ndesc = 0;		/* as many as the routine puts */
	call.reply = reply;
	if (!ipc_kobject_take(port, demux != NULL, &call.obj)) {
		ipc_kmsg_free(reply);
		return MACH_SEND_INVALID_DEST;
	}
	__atomic_fetch_add(&kobject_served, 1, __ATOMIC_RELAXED);

	/* the reply right moves from the request to the reply */
	reply_right = kmsg->ikm_local;
	reply_type = kmsg->ikm_local_type;
	kmsg->ikm_local = IO_NULL;
	kmsg->ikm_local_type = 0;

	call.in = &kmsg->ikm_header;
	call.out = (mig_reply_error_t *)&reply->ikm_header;
	reply_init(call.out, call.in, reply_type);
	if (demux != NULL && call.obj != NULL)
		demux(&call);
	/* a complex reply is a success: its descriptor lies where RetCode was */
	if (!(call.out->Head.msgh_bits & MACH_MSGH_BITS_COMPLEX) &&
	    call.out->RetCode != KERN_SUCCESS)
		call.out->Head.msgh_size = sizeof(mig_reply_error_t);
	ipc_kmsg_destroy(kmsg);

	if (IO_VALID(reply_right)) {
		reply->ikm_remote = (ipc_port_t)reply_right;
		reply->ikm_remote_type = reply_type;
		if (reply_type == MACH_MSG_TYPE_PORT_SEND_ONCE)
			reply->ikm_flags |= IKM_SEND_ONCE;
		ipc_kmsg_set_kernel_sender(reply);
		/*
		 * on a send-once right past the queue limit, as any kernel
		 * message; on a send right only into room, or a task could
		 * queue replies it never takes without end
		 */
		if (reply_type == MACH_MSG_TYPE_PORT_SEND_ONCE)
			ipc_mqueue_send_kernel(reply);
		else if (ipc_mqueue_send(reply, IPC_DEADLINE_NONE, false, NULL) !=
		    MACH_MSG_SUCCESS)
			ipc_kmsg_destroy(reply);
	} else if (reply->ikm_ndesc != 0) {
		ipc_kmsg_destroy(reply);	/* the rights it carries go too */
	} else {
		ipc_kmsg_free(reply);
	}
	if (call.then != NULL)
		call.then(call.then_arg);
	return MACH_MSG_SUCCESS;
}
