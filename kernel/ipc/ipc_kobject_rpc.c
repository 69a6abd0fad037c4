/*
 * kernel/ipc/ipc_kobject_rpc.c - RPCs the kernel makes for a thread
 * (ipc_kobject_rpc.h).
 *
 * The request goes past the destination's queue limit (MACH_SEND_ALWAYS,
 * as XNU sends the kernel's requests), so sending never blocks; a
 * receiver already waiting gets the hart straight away (thread_handoff_seq),
 * as in a mach_msg RPC.  The wait for the reply is the receive of
 * ipc_mqueue.c on the thread's reply port, split so that an abort that
 * came before the thread queued itself is seen: thread_interrupt only
 * ends a wait that has begun.
 */
#include "kernel/ipc/ipc_kobject_rpc.h"
#include "kernel/ipc/ipc_mqueue.h"
#include "kernel/ipc/ipc_port.h"

/* the thread's reply port, made on first use; IP_NULL if out of memory */
static ipc_port_t
rpc_reply_port(struct ipc_thread *ith)
{
	ipc_port_t port = ith->ith_kernel_reply;

	if (port == IP_NULL && ipc_port_create(&port) == KERN_SUCCESS)
		ith->ith_kernel_reply = port;
	return ith->ith_kernel_reply;
}

/* the reply port goes: a right to it still out becomes a dead name */
static void
rpc_reply_port_destroy(struct ipc_thread *ith)
{
	ipc_port_t port = ith->ith_kernel_reply;

	ith->ith_kernel_reply = IP_NULL;
	if (port != IP_NULL)
		ipc_port_dealloc_kernel(port);
}

/*
 * wait on rcv's port for its message; handoff (a receiver the send woke
 * but left for us to switch to, with a reference) is run or woken and
 * released
 */
static mach_msg_return_t
rpc_receive(const struct ipc_rcv *rcv, thread_t handoff, ipc_kmsg_t *kmsgp)
{
	thread_t self = current_thread();
	struct ipc_thread *ith = thread_ipc(self);
	mach_msg_size_t msize = 0;
	mach_msg_return_t mr;
	wait_result_t wr;

	for (;;) {
		mr = ipc_mqueue_receive_prepare(rcv, kmsgp, &msize);
		if (mr != MACH_RCV_IN_PROGRESS)
			break;
		if (thread_should_abort(self)) {
			/* end our own wait: the block returns at once */
			clear_wait(self, THREAD_INTERRUPTED);
			wr = thread_block();
		} else if (handoff != NULL) {
			wr = thread_handoff_seq(handoff, ith->ith_handoff_seq);
			thread_deallocate(handoff);
			handoff = NULL;
		} else {
			wr = thread_block();
		}
		mr = ipc_mqueue_receive_finish(rcv, wr, kmsgp, &msize);
		if (mr != MACH_RCV_IN_PROGRESS)
			break;
	}
	if (handoff != NULL) {
		clear_wait_if(handoff, ith->ith_handoff_seq, THREAD_AWAKENED);
		thread_deallocate(handoff);
	}
	return mr;
}

mach_msg_return_t
ipc_kobject_rpc(ipc_kmsg_t request, ipc_kmsg_t *replyp)
{
	struct ipc_thread *ith = thread_ipc(current_thread());
	struct ipc_rcv rcv;
	thread_t handoff = NULL;
	ipc_port_t reply;
	mach_msg_return_t mr;

	*replyp = IKM_NULL;
	reply = rpc_reply_port(ith);
	if (reply == IP_NULL) {
		ipc_kmsg_destroy(request);
		return MACH_SEND_NO_BUFFER;
	}
	ip_lock(reply);
	request->ikm_local = &ipc_port_make_sonce_locked(reply)->ip_object;
	ip_unlock(reply);
	request->ikm_local_type = MACH_MSG_TYPE_PORT_SEND_ONCE;
	ipc_kmsg_set_kernel_sender(request);

	mr = ipc_mqueue_send_always(request, &handoff);
	if (mr != MACH_MSG_SUCCESS) {
		/* the reply right goes quietly: no send-once notification to wait for */
		ipc_port_release_sonce(reply);
		request->ikm_local = IO_NULL;
		ipc_kmsg_destroy(request);
		return mr;
	}

	rcv.port = reply;
	rcv.pset = IPS_NULL;
	rcv.space = IS_NULL;		/* the kernel's port, in no space */
	rcv.option = 0;
	rcv.max_size = IPC_KMSG_MAX_SIZE;	/* anything a task can send fits */
	rcv.trailer_size = 0;
	rcv.deadline = IPC_DEADLINE_FOREVER;
	mr = rpc_receive(&rcv, handoff, replyp);
	if (mr != MACH_MSG_SUCCESS) {
		if (*replyp != IKM_NULL) {
			ipc_kobject_rpc_done(*replyp);	/* (not for a receive this large) */
			*replyp = IKM_NULL;
		}
		/* given up with the right still out: a late reply must meet no one */
		rpc_reply_port_destroy(ith);
		return mr == MACH_RCV_PORT_DIED ? MACH_RCV_PORT_DIED :
		    MACH_RCV_INTERRUPTED;
	}
	return MACH_MSG_SUCCESS;
}

void
ipc_kobject_rpc_done(ipc_kmsg_t reply)
{
	ipc_port_t dest = reply->ikm_remote;

	/* the right it came on was ours: it goes without a notification */
	if (IP_VALID(dest)) {
		if (reply->ikm_remote_type == MACH_MSG_TYPE_PORT_SEND_ONCE)
			ipc_port_release_sonce(dest);
		else
			ipc_port_release_send(dest);
	}
	reply->ikm_remote = IP_NULL;
	ipc_kmsg_destroy(reply);
}

void
ipc_kobject_rpc_thread_terminate(thread_t th)
{
	rpc_reply_port_destroy(thread_ipc(th));
}
