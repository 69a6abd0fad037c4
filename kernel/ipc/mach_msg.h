/*
 * kernel/ipc/mach_msg.h - mach_msg: send, receive, or both in one call.
 *
 * The task layer's trap calls mach_msg_trap_internal with the caller's
 * space and its identity for the trailer; everything else (copying the
 * message in and out, rights, queues, waiting) happens here.
 */
#ifndef KERNEL_IPC_MACH_MSG_H
#define KERNEL_IPC_MACH_MSG_H

#include <mach/message.h>
#include "kernel/ipc/ipc_kmsg.h"
#include "kernel/ipc/ipc_space.h"
#include "kernel/vm/vm_map.h"


struct mach_msg_args {
	vaddr_t msg;			/* the user buffer (send and receive) */
	mach_msg_option_t option;
	mach_msg_size_t send_size;
	mach_msg_size_t rcv_size;
	mach_port_name_t rcv_name;
	mach_msg_timeout_t timeout;	/* ms */
	mach_port_name_t notify;
	vaddr_t rcv_msg;		/* mach_msg_overwrite: 0 = msg */
};

/* the options a task may pass (others: MACH_SEND_INVALID_OPTIONS / MACH_RCV_INVALID_ARGUMENTS) */
#define MACH_MSG_OPTIONS_USER \
	(MACH_SEND_MSG | MACH_RCV_MSG | MACH_RCV_LARGE | MACH_RCV_LARGE_IDENTITY | \
	 MACH_SEND_TIMEOUT | MACH_SEND_OVERRIDE | MACH_SEND_INTERRUPT | \
	 MACH_SEND_NOTIFY | MACH_RCV_TIMEOUT | MACH_RCV_INTERRUPT | \
	 MACH_RCV_VOUCHER | MACH_RCV_SYNC_WAIT | MACH_RCV_SYNC_PEEK | \
	 MACH_SEND_FILTER_NONFATAL | MACH_SEND_NOIMPORTANCE | \
	 MACH_SEND_SYNC_OVERRIDE | MACH_SEND_PROPAGATE_QOS | \
	 MACH_SEND_SYNC_BOOTSTRAP_CHECKIN | MACH_RCV_TRAILER_MASK | \
	 MACH_RCV_TRAILER_TYPE(0xf))

/*
 * space and map: the calling task's (out-of-line memory comes from and
 * goes to map); args->option loses the bits a task may not pass.  Only the
 * mach_msg traps call it, from a user thread whose registers are all in
 * its user frame (trap.S): a call's receive that waits on the fast path
 * after a send may end without returning through its caller
 * (ipc_kmsg_deliver_direct).
 */
static inline mach_msg_return_t mach_msg_trap_internal(ipc_space_t space,
    vm_map_t map, const struct ipc_sender *sender, struct mach_msg_args *a);

/*
 * the fast path (mach_msg_fast.c): a call that sends (and maybe then
 * receives), and a receive alone, each taken whole or handed to
 * mach_msg_general before anything is done
 */
mach_msg_return_t mach_msg_fast_call(ipc_space_t space, vm_map_t map,
    const struct ipc_sender *sender, const struct mach_msg_args *a);
mach_msg_return_t mach_msg_fast_receive(ipc_space_t space, vm_map_t map,
    const struct ipc_sender *sender, const struct mach_msg_args *a);

/*
 * mach_msg_general - the general path (mach_msg.c) of a call the fast
 * path (mach_msg_fast.c, where mach_msg_trap_internal is) did not take:
 * any message, any options
 */
mach_msg_return_t mach_msg_general(ipc_space_t space, vm_map_t map,
    const struct ipc_sender *sender, const struct mach_msg_args *a);
/* calls the fast path has taken since boot (for tests) */
uint64_t mach_msg_fast_count(void);
/*
 * mach_msg_receive_internal - the receive half of a call; handoff: a
 * receiver the send half found waiting (a reference, its wait in the
 * caller's ith_handoff_seq), switched to once the caller waits, or NULL
 */
mach_msg_return_t mach_msg_receive_internal(ipc_space_t space, vm_map_t map,
    const struct mach_msg_args *a, struct thread *handoff);
/* the buffer a call receives into */
static inline vaddr_t
mach_msg_rcv_buffer(const struct mach_msg_args *a)
{
	return a->rcv_msg != 0 ? a->rcv_msg : a->msg;
}
/*
 * mach_msg_receive_out_general - the end of a receive the general way:
 * MACH_RCV_TOO_LARGE reported, or the kmsg copied out (any message) and
 * put to the task
 */
mach_msg_return_t mach_msg_receive_out_general(ipc_space_t space,
    vm_map_t map, const struct mach_msg_args *a, mach_msg_return_t mr,
    ipc_kmsg_t kmsg, mach_msg_size_t msize);

/* ipc_kmsg.c: the message moving in from and out to a task */
mach_msg_return_t ipc_kmsg_get(vaddr_t umsg, mach_msg_size_t send_size,
    ipc_kmsg_t *kmsgp);
/* the rights of the header and the body from space; *circularp: never deliver */
mach_msg_return_t ipc_kmsg_copyin(ipc_kmsg_t kmsg, ipc_space_t space,
    vm_map_t map, bool *circularp);
/*
 * ipc_kmsg_copyout - the rights into space; pseudo: a failed send
 * returning to its sender.  When nothing can be copied out (the space is
 * dead: MACH_RCV_HEADER_ERROR | MACH_MSG_IPC_SPACE; no memory for the
 * descriptors' addresses: MACH_RCV_BODY_ERROR | MACH_MSG_IPC_KERNEL) the
 * message is destroyed and *kmsgp set to IKM_NULL: the caller puts
 * nothing out.  Otherwise *kmsgp stays, for ipc_kmsg_put, whatever the
 * code (a right that found no room becomes MACH_PORT_DEAD, as in Mach).
 */
mach_msg_return_t ipc_kmsg_copyout(ipc_kmsg_t *kmsgp, ipc_space_t space,
    vm_map_t map, bool pseudo);
/*
 * ipc_kmsg_deliver_direct - the end of r's fast-path receive, by the
 * sender that has just handed it a message without descriptors and now
 * hands it the hart (thread_handoff_deliver: r is this hart's thread, its
 * space and address space the current ones, interrupts off, on the
 * sender's stack).  The message goes out to r's buffer without faulting,
 * the references r's wait kept are released and its mach_msg returns
 * MACH_MSG_SUCCESS; true: r goes straight back to user mode, the kernel
 * context it waited in dropped (fast_wait kept nothing there).  false: r
 * was not waiting that way, or the reply right finds no name, or the
 * destination's last send right would go (nothing done), or its buffer
 * would fault (the rights are out, ith_put_left): r resumes and ends the
 * receive itself.
 */
bool ipc_kmsg_deliver_direct(struct thread *r);
/*
 * receives ipc_kmsg_deliver_direct ended since boot, and in *put_leftp
 * (if not NULL) those it left the copy of to the receiver (for tests)
 */
uint64_t ipc_kmsg_delivered(uint64_t *put_leftp);
/* the references a fast-path wait kept in ith (mach_msg_fast.c), released */
static inline void
ipc_rcv_wait_release(struct ipc_thread *ith)
{
	if (ith->ith_peer != NULL)
		thread_deallocate(ith->ith_peer);
	ith->ith_peer = NULL;
	ip_release(ith->ith_rcv_port);
	ith->ith_rcv_port = IP_NULL;
}

/*
 * ipc_kmsg_copyout_put_simple - ipc_kmsg_copyout (a receive) and
 * ipc_kmsg_put together for a message without descriptors whose reply
 * right is none or a send-once right: one lock of the space, one of the
 * destination port.  MACH_RCV_IN_PROGRESS: not such a message (or the
 * space is dead, or it has no room for a name), nothing done.
 */
mach_msg_return_t ipc_kmsg_copyout_put_simple(ipc_kmsg_t kmsg,
    ipc_space_t space, vaddr_t umsg, mach_msg_option_t option);
/* is kmsg such a message? */
static inline bool
ipc_kmsg_is_simple(ipc_kmsg_t kmsg)
{
	return kmsg->ikm_ndesc == 0 && (kmsg->ikm_local_type == 0 ||
	    (kmsg->ikm_local_type == MACH_MSG_TYPE_PORT_SEND_ONCE &&
	    IO_VALID(kmsg->ikm_local)));
}
/*
 * the same for a caller that holds the space's lock (the space active)
 * and the destination's (kmsg->ikm_remote, with spin_lock_intr_off);
 * both are unlocked on return.  MACH_RCV_IN_PROGRESS: no room for the
 * reply right's name, nothing done but the unlocking.
 */
mach_msg_return_t ipc_kmsg_copyout_put_simple_locked(ipc_kmsg_t kmsg,
    ipc_space_t space, vaddr_t umsg, mach_msg_option_t option);
/* write it to the task (and the trailer option asks for) and free it */
mach_msg_return_t ipc_kmsg_put(vaddr_t umsg, ipc_kmsg_t kmsg,
    mach_msg_option_t option, bool trailer);

/*
 * mach_msg_receive_out - the end of a receive: the received kmsg (or the
 * error mr) out to the task, a message without descriptors the short
 * way (inline: the fast path's receive ends here too)
 */
static inline mach_msg_return_t
mach_msg_receive_out(ipc_space_t space, vm_map_t map,
    const struct mach_msg_args *a, mach_msg_return_t mr, ipc_kmsg_t kmsg,
    mach_msg_size_t msize)
{
	if (mr == MACH_MSG_SUCCESS) {
		mach_msg_return_t r = ipc_kmsg_copyout_put_simple(kmsg, space,
		    mach_msg_rcv_buffer(a), a->option);

		if (r != MACH_RCV_IN_PROGRESS)
			return r;
	}
	return mach_msg_receive_out_general(space, map, a, mr, kmsg, msize);
}

/*
 * the options the fast path takes.  A send that finds a receiver or room
 * never waits, so its timeout and interrupt options change nothing; a
 * receive-only call takes a message already queued and leaves waiting to
 * the general path, so its timeout does not matter either.
 */
#define FAST_SEND_OK	(MACH_SEND_MSG | MACH_SEND_INTERRUPT | MACH_SEND_TIMEOUT)
#define FAST_RCV_OK	(MACH_RCV_MSG | MACH_RCV_INTERRUPT | MACH_RCV_LARGE | \
	MACH_RCV_TRAILER_MASK)

/* inline in the trap: one call from it to the path that does the work */
static inline mach_msg_return_t
mach_msg_trap_internal(ipc_space_t space, vm_map_t map,
    const struct ipc_sender *sender, struct mach_msg_args *a)
{
	/* kernel-only options from a task are ignored, as XNU does */
	mach_msg_option_t option = a->option & MACH_MSG_OPTIONS_USER;
	mach_msg_option_t send = option & MACH_SEND_MSG;
	mach_msg_option_t rcv = option & MACH_RCV_MSG;

	a->option = option;
	if ((send | rcv) == 0)
		return MACH_MSG_SUCCESS;
	if ((option & ~((send ? FAST_SEND_OK : 0) | (rcv ? FAST_RCV_OK : 0) |
	    (send ? 0 : MACH_RCV_TIMEOUT))) != 0 ||
	    (rcv && GET_RCV_ELEMENTS(option) > MACH_RCV_TRAILER_LABELS))
		return mach_msg_general(space, map, sender, a);
	if (!send)
		return mach_msg_fast_receive(space, map, sender, a);
	return mach_msg_fast_call(space, map, sender, a);
}

#endif /* KERNEL_IPC_MACH_MSG_H */
