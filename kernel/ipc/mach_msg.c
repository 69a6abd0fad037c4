/*
 * kernel/ipc/mach_msg.c - the mach_msg call (mach_msg.h).
 *
 * A send copies the message in, takes its rights from the sender's space
 * (all or none: ipc_kmsg_copyin), and queues it or hands it to a waiting
 * receiver.  A send that fails after that (the port died, the queue
 * stayed full past the timeout, the sender was interrupted) gives the
 * message back: its rights return to the sender's space and the buffer
 * gets the message as it now is (pseudo-receive), as in Mach.
 *
 * When the call also receives (an RPC), the sender queues itself on its
 * receive port before it wakes the receiver, then hands the hart straight
 * to it (thread_handoff): the reply, on the same path back, finds the
 * sender already waiting.
 */
#include "kernel/ipc/mach_msg.h"
#include "kernel/ipc/ipc_kobject_server.h"
#include "kernel/ipc/ipc_mqueue.h"
#include "kernel/ipc/ipc_right.h"
#include "kernel/copyio.h"
#include "kernel/sched/sched.h"
#include "kernel/sched/timer.h"

static uint64_t
msg_deadline(bool bounded, mach_msg_timeout_t timeout)
{
	if (!bounded)
		return IPC_DEADLINE_FOREVER;
	if (timeout == 0)
		return IPC_DEADLINE_NONE;
	return nanotime() + (uint64_t)timeout * NSEC_PER_MSEC;
}

/* the receive right or port set rcv_name names in space, with a reference */
static mach_msg_return_t
rcv_lookup(ipc_space_t space, mach_port_name_t name, struct ipc_rcv *rcv)
{
	ipc_entry_t entry;

	rcv->port = IP_NULL;
	rcv->pset = IPS_NULL;
	rcv->space = space;
	if (!MACH_PORT_VALID(name))
		return MACH_RCV_INVALID_NAME;
	is_lock(space);
	if (!space->is_active || (entry = ipc_entry_lookup(space, name)) == NULL) {
		is_unlock(space);
		return MACH_RCV_INVALID_NAME;
	}
	if (entry->ie_bits & MACH_PORT_TYPE_RECEIVE)
		rcv->port = (ipc_port_t)entry->ie_object;
	else if (entry->ie_bits & MACH_PORT_TYPE_PORT_SET)
		rcv->pset = (ipc_pset_t)entry->ie_object;
	else {
		is_unlock(space);
		return MACH_RCV_INVALID_NAME;
	}
	io_reference(entry->ie_object);
	is_unlock(space);
	return MACH_MSG_SUCCESS;
}

static void
rcv_release(struct ipc_rcv *rcv)
{
	if (rcv->port != IP_NULL)
		ip_release(rcv->port);
	if (rcv->pset != IPS_NULL)
		io_release(&rcv->pset->ips_object);
}

static mach_msg_return_t
msg_send(ipc_space_t space, vm_map_t map, const struct ipc_sender *sender,
    const struct mach_msg_args *a, thread_t *handoffp)
{
	ipc_kmsg_t kmsg;
	mach_msg_return_t mr;
	bool circular;

	mr = ipc_kmsg_get(a->msg, a->send_size, &kmsg);
	if (mr != MACH_MSG_SUCCESS)
		return mr;
	mr = ipc_kmsg_copyin(kmsg, space, map, &circular);
	if (mr != MACH_MSG_SUCCESS) {
		ipc_kmsg_free(kmsg);
		return mr;
	}
	if (circular) {
		/* Mach drops a message that would put a receive right in a loop */
		ipc_kmsg_destroy(kmsg);
		return MACH_MSG_SUCCESS;
	}
	kmsg->ikm_from = *sender;
	/* a kernel object's port: served here and now (ipc_kobject_server.h) */
	mr = ipc_kobject_server(kmsg);
	if (mr == MACH_SEND_IN_PROGRESS)
		mr = ipc_mqueue_send(kmsg,
		    msg_deadline(a->option & MACH_SEND_TIMEOUT, a->timeout),
		    (a->option & MACH_SEND_INTERRUPT) != 0, handoffp);
	if (mr != MACH_MSG_SUCCESS) {
		/* the message and its rights go back to the sender */
		mach_msg_return_t cr = ipc_kmsg_copyout(&kmsg, space, map, true);

		(void)cr;
		if (kmsg != IKM_NULL)
			ipc_kmsg_put(a->msg, kmsg, 0, false);
	}
	return mr;
}

/*
 * tell the receiver how large the message it could not take is, and with
 * MACH_RCV_LARGE_IDENTITY (as XNU, only when MACH_RCV_LARGE kept the
 * message) the name of the port it waits on, for a receive from a set
 */
static void
report_size(vaddr_t umsg, mach_msg_size_t size, mach_msg_option_t option)
{
	mach_port_name_t name = thread_ipc(current_thread())->ith_large_name;

	(void)copyout(&size, umsg + offsetof(mach_msg_header_t, msgh_size),
	    sizeof(size));
	if ((option & (MACH_RCV_LARGE | MACH_RCV_LARGE_IDENTITY)) ==
	    (MACH_RCV_LARGE | MACH_RCV_LARGE_IDENTITY))
		(void)copyout(&name, umsg +
		    offsetof(mach_msg_header_t, msgh_local_port), sizeof(name));
}

mach_msg_return_t
mach_msg_receive_internal(ipc_space_t space, vm_map_t map,
    const struct mach_msg_args *a, thread_t handoff)
{
	struct ipc_rcv rcv;
	unsigned elements = GET_RCV_ELEMENTS(a->option);
	mach_msg_size_t tsize, msize = 0;
	ipc_kmsg_t kmsg = IKM_NULL;
	mach_msg_return_t mr;

	if (((a->option >> 28) & 0xf) != MACH_MSG_TRAILER_FORMAT_0 ||
	    elements > MACH_RCV_TRAILER_LABELS) {
		mr = MACH_RCV_INVALID_TRAILER;
		goto out_handoff;
	}
	mr = rcv_lookup(space, a->rcv_name, &rcv);
	if (mr != MACH_MSG_SUCCESS)
		goto out_handoff;
	tsize = REQUESTED_TRAILER_SIZE(a->option);
	rcv.option = a->option;
	rcv.trailer_size = tsize;
	rcv.max_size = a->rcv_size >= tsize ? a->rcv_size - tsize : 0;
	rcv.deadline = msg_deadline(a->option & MACH_RCV_TIMEOUT, a->timeout);

	if (handoff != NULL) {
		mr = ipc_mqueue_receive_prepare(&rcv, &kmsg, &msize);
		if (mr == MACH_RCV_IN_PROGRESS) {
			wait_result_t wr = thread_handoff_seq(handoff,
			    thread_ipc(current_thread())->ith_handoff_seq);

			mr = ipc_mqueue_receive_finish(&rcv, wr, &kmsg, &msize);
			if (mr == MACH_RCV_IN_PROGRESS)
				mr = ipc_mqueue_receive(&rcv, &kmsg, &msize);
		} else {
			clear_wait_if(handoff,
			    thread_ipc(current_thread())->ith_handoff_seq,
			    THREAD_AWAKENED);
		}
		thread_deallocate(handoff);
		handoff = NULL;
	} else {
		mr = ipc_mqueue_receive(&rcv, &kmsg, &msize);
	}
	rcv_release(&rcv);
	return mach_msg_receive_out(space, map, a, mr, kmsg, msize);

out_handoff:
	if (handoff != NULL) {
		clear_wait_if(handoff, thread_ipc(current_thread())->ith_handoff_seq,
		    THREAD_AWAKENED);
		thread_deallocate(handoff);
	}
	return mr;
}

mach_msg_return_t
mach_msg_receive_out_general(ipc_space_t space, vm_map_t map,
    const struct mach_msg_args *a, mach_msg_return_t mr, ipc_kmsg_t kmsg,
    mach_msg_size_t msize)
{
	vaddr_t umsg = mach_msg_rcv_buffer(a);

	if (mr == MACH_RCV_TOO_LARGE) {
		report_size(umsg, msize, a->option);
		if (kmsg != IKM_NULL)
			ipc_kmsg_destroy(kmsg);
		return mr;
	}
	if (mr != MACH_MSG_SUCCESS)
		return mr;
	mr = ipc_kmsg_copyout(&kmsg, space, map, false);
	if (kmsg != IKM_NULL) {
		mach_msg_return_t pr = ipc_kmsg_put(umsg, kmsg, a->option, true);

		if (mr == MACH_MSG_SUCCESS)
			mr = pr;
	}
	return mr;
}

mach_msg_return_t
mach_msg_general(ipc_space_t space, vm_map_t map,
    const struct ipc_sender *sender, const struct mach_msg_args *a)
{
	thread_t handoff = NULL;
	mach_msg_return_t mr;

	if (a->option & MACH_SEND_MSG) {
		mr = msg_send(space, map, sender, a,
		    (a->option & MACH_RCV_MSG) ? &handoff : NULL);
		if (mr != MACH_MSG_SUCCESS)
			return mr;
	}
	if (a->option & MACH_RCV_MSG)
		return mach_msg_receive_internal(space, map, a, handoff);
	return MACH_MSG_SUCCESS;
}
