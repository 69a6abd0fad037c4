/*
 * kernel/ipc/ipc_notify.c - notification messages (ipc_notify.h).
 */
#include "kernel/ipc/ipc_notify.h"
#include "kernel/ipc/ipc_kmsg.h"
#include "kernel/ipc/ipc_mqueue.h"
#include "kernel/lib/string.h"

static struct ipc_notify_stats ipc_notify_counts;	/* [a] */

/* a message of size bytes (header included) to notify with id, and ndesc descriptors */
static ipc_kmsg_t
ipc_notify_msg(ipc_port_t notify, mach_msg_id_t id, mach_msg_size_t size,
    uint32_t ndesc)
{
	ipc_kmsg_t kmsg = ipc_kmsg_kernel_sonce(notify, id, size, ndesc);

	if (kmsg == IKM_NULL) {
		__atomic_fetch_add(&ipc_notify_counts.lost, 1, __ATOMIC_RELAXED);
		ipc_port_release_sonce(notify);
	}
	return kmsg;
}

static void
ipc_notify_send(ipc_kmsg_t kmsg)
{
	__atomic_fetch_add(&ipc_notify_counts.sent[kmsg->ikm_header.msgh_id -
	    MACH_NOTIFY_FIRST], 1, __ATOMIC_RELAXED);
	ipc_mqueue_send_kernel(kmsg);
}

/* the body after the header: NDR and one 32-bit value */
struct notify_body32 {
	NDR_record_t ndr;
	uint32_t value;
} __packed;

static void
ipc_notify_value(ipc_port_t notify, mach_msg_id_t id, uint32_t value)
{
	ipc_kmsg_t kmsg;
	struct notify_body32 *b;

	if (!IP_VALID(notify))
		return;
	kmsg = ipc_notify_msg(notify, id,
	    sizeof(mach_msg_header_t) + sizeof(*b), 0);
	if (kmsg == IKM_NULL)
		return;
	b = ikm_body(kmsg);
	b->ndr = NDR_record;
	b->value = value;
	ipc_notify_send(kmsg);
}

void
ipc_notify_no_senders(ipc_port_t notify, mach_port_mscount_t mscount)
{
	ipc_notify_value(notify, MACH_NOTIFY_NO_SENDERS, mscount);
}

void
ipc_notify_dead_name(ipc_port_t notify, mach_port_name_t name)
{
	ipc_notify_value(notify, MACH_NOTIFY_DEAD_NAME, name);
}

void
ipc_notify_port_deleted(ipc_port_t notify, mach_port_name_t name)
{
	ipc_notify_value(notify, MACH_NOTIFY_PORT_DELETED, name);
}

void
ipc_notify_port_destroyed(ipc_port_t notify, ipc_port_t port)
{
	ipc_kmsg_t kmsg;
	mach_msg_body_t *body;
	mach_msg_port_descriptor_t *d;

	if (!IP_VALID(notify)) {
		ipc_port_release_receive(port);
		return;
	}
	kmsg = ipc_notify_msg(notify, MACH_NOTIFY_PORT_DESTROYED,
	    sizeof(mach_msg_header_t) + sizeof(*body) + sizeof(*d), 1);
	if (kmsg == IKM_NULL) {
		ipc_port_release_receive(port);
		return;
	}
	kmsg->ikm_header.msgh_bits |= MACH_MSGH_BITS_COMPLEX;
	body = ikm_body(kmsg);
	body->msgh_descriptor_count = 1;
	d = (mach_msg_port_descriptor_t *)(body + 1);
	memset(d, 0, sizeof(*d));
	d->disposition = MACH_MSG_TYPE_PORT_RECEIVE;
	d->type = MACH_MSG_PORT_DESCRIPTOR;
	kmsg->ikm_desc[0].kd_object = &port->ip_object;
	kmsg->ikm_desc[0].kd_kind = IKD_PORT;
	kmsg->ikm_desc[0].kd_type = MACH_MSG_TYPE_PORT_RECEIVE;
	ipc_notify_send(kmsg);
}

void
ipc_notify_send_once(ipc_port_t notify)
{
	ipc_kmsg_t kmsg;

	if (!IP_VALID(notify))
		return;
	kmsg = ipc_notify_msg(notify, MACH_NOTIFY_SEND_ONCE,
	    sizeof(mach_msg_header_t), 0);
	if (kmsg != IKM_NULL)
		ipc_notify_send(kmsg);
}

void
ipc_notify_get_stats(struct ipc_notify_stats *st)
{
	for (unsigned i = 0; i < ARRAY_SIZE(st->sent); i++)
		st->sent[i] = __atomic_load_n(&ipc_notify_counts.sent[i],
		    __ATOMIC_RELAXED);
	st->lost = __atomic_load_n(&ipc_notify_counts.lost, __ATOMIC_RELAXED);
}
