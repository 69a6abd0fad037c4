/*
 * kernel/ipc/ipc_mqueue.h - sending to and receiving from ports and port sets.
 */
#ifndef KERNEL_IPC_IPC_MQUEUE_H
#define KERNEL_IPC_IPC_MQUEUE_H

#include <mach/message.h>
#include "kernel/ipc/ipc_kmsg.h"
#include "kernel/ipc/ipc_port.h"
#include "kernel/ipc/ipc_pset.h"
#include "kernel/sched/sched.h"

/*
 * ipc_mqueue_send - queue kmsg on its destination (kmsg->ikm_remote), or
 * hand it to a thread waiting there.  A full queue blocks the sender
 * unless the message travels on a send-once right, or until deadline
 * (nanotime; 0: do not wait, ~0: forever) with MACH_SEND_TIMED_OUT.
 * On success the kmsg is gone; on failure (MACH_SEND_INVALID_DEST: the
 * port died; MACH_SEND_TIMED_OUT; MACH_SEND_INTERRUPTED) it is still the
 * caller's, every right in it.  No lock held.
 *
 * handoff: the caller is about to wait for a reply (the RPC fast path):
 * a waiting receiver is switched to directly (thread_handoff) by the
 * caller after it queued itself, so this only records the receiver in
 * *handoffp (with a reference) instead of waking it.
 */
mach_msg_return_t ipc_mqueue_send(ipc_kmsg_t kmsg, uint64_t deadline,
    bool interruptible, struct thread **handoffp);
/*
 * ipc_mqueue_send_always - a message the kernel sends for a thread and
 * wants to know the fate of (ipc_kobject_rpc.h): past the queue limit as
 * XNU's MACH_SEND_ALWAYS, so it never blocks; MACH_SEND_INVALID_DEST (a
 * dead port or a kernel object's) leaves the kmsg the caller's.
 * handoffp as for ipc_mqueue_send.
 */
mach_msg_return_t ipc_mqueue_send_always(ipc_kmsg_t kmsg,
    struct thread **handoffp);
/*
 * ipc_mqueue_send_kernel - the kernel's own messages (notifications,
 * replies): never blocks, ignores the queue limit; a dead destination
 * destroys the message.
 */
void ipc_mqueue_send_kernel(ipc_kmsg_t kmsg);

#define IPC_DEADLINE_NONE	0		/* do not wait */
#define IPC_DEADLINE_FOREVER	(~0ull)

/*
 * ipc_mqueue_receive - the next message of port (or of any member of
 * pset): *kmsgp gets it, with its seqno set.  max_size is the buffer's
 * size; a message (plus the trailer) larger than that is left queued with
 * MACH_RCV_LARGE (MACH_RCV_TOO_LARGE, *msizep its size), or dequeued and
 * returned with MACH_RCV_TOO_LARGE for the caller to destroy.  Waits
 * until deadline: MACH_RCV_TIMED_OUT, MACH_RCV_INTERRUPTED (aborted),
 * MACH_RCV_PORT_DIED (the port died, or the set was destroyed),
 * MACH_RCV_PORT_CHANGED (the port's receive right left rcv->space, as a
 * message's MOVE_RECEIVE or a port-destroyed notification takes it away;
 * XNU's ipc_mqueue_changed).
 * Takes a reference on neither object; the caller holds one.
 *
 * ipc_mqueue_receive_prepare / _finish split the receive for the RPC
 * fast path: prepare queues the thread as a receiver (or finds a message
 * already there: MACH_MSG_SUCCESS with *kmsgp); the caller then blocks
 * (thread_handoff) and finish collects the outcome.
 */
struct ipc_rcv {
	ipc_port_t port;		/* either this */
	struct ipc_pset *pset;		/* or this */
	ipc_space_t space;		/* port: the space whose right it must stay (NULL: no space's) */
	mach_msg_option_t option;
	mach_msg_size_t max_size;	/* bytes the buffer holds, trailer included */
	mach_msg_size_t trailer_size;	/* the trailer the receiver asked for */
	uint64_t deadline;
};
mach_msg_return_t ipc_mqueue_receive(const struct ipc_rcv *rcv,
    ipc_kmsg_t *kmsgp, mach_msg_size_t *msizep);
/* MACH_RCV_IN_PROGRESS: queued, now block; anything else: done */
mach_msg_return_t ipc_mqueue_receive_prepare(const struct ipc_rcv *rcv,
    ipc_kmsg_t *kmsgp, mach_msg_size_t *msizep);
mach_msg_return_t ipc_mqueue_receive_finish(const struct ipc_rcv *rcv,
    wait_result_t wr, ipc_kmsg_t *kmsgp, mach_msg_size_t *msizep);
/*
 * the fast path's queue operations (mach_msg_fast.c), port locked:
 * enqueue kmsg (the caller checked the limit, and that the port is in no
 * set and has no receiver waiting); dequeue the first message, which gets
 * its seqno, waking a sender blocked on the full queue
 */
void ipc_mqueue_enqueue_locked(ipc_port_t port, ipc_kmsg_t kmsg);
static inline ipc_kmsg_t
ipc_mqueue_dequeue_locked(ipc_port_t port)
{
	ipc_kmsg_t kmsg = port->ip_msgs;

	port->ip_msgs = kmsg->ikm_next;
	if (port->ip_msgs == IKM_NULL)
		port->ip_msgs_tail = IKM_NULL;
	kmsg->ikm_next = IKM_NULL;
	port->ip_msgcount--;
	kmsg->ikm_seqno = port->ip_seqno++;
	if (port->ip_send_waiters != 0)
		thread_wakeup_one((event_t)&port->ip_msgcount);
	return kmsg;
}
/*
 * ipc_mqueue_wait_locked - queue self on wq (the receiver queue of
 * rcv's port or set, whose lock is held) and assert its wait until
 * rcv->deadline (not IPC_DEADLINE_NONE); the caller then blocks and
 * collects the outcome with ipc_mqueue_receive_finish.  An abort asked
 * before the wait began (thread_terminate's AST_ABORT, whose
 * thread_interrupt ends only a wait already begun) ends the wait at once,
 * so that the receive returns MACH_RCV_INTERRUPTED instead of sleeping
 * through its termination.  Inline: the fast path's wait is this too.
 */
static inline void
ipc_mqueue_wait_locked(const struct ipc_rcv *rcv, struct ipc_waitq *wq,
    thread_t self)
{
	struct ipc_thread *ith = thread_ipc(self);

	ith->ith_kmsg = IKM_NULL;
	ith->ith_state = MACH_RCV_IN_PROGRESS;
	ith->ith_max_size = rcv->max_size;
	ith->ith_option = rcv->option;
	ith->ith_msize = 0;
	ith->ith_waitq = rcv->pset != IPS_NULL ? (void *)rcv->pset :
	    (void *)rcv->port;
	ipc_waitq_append(wq, self);
	if (rcv->deadline == IPC_DEADLINE_FOREVER)
		thread_will_wait(THREAD_INTERRUPTIBLE);
	else
		thread_will_wait_deadline(THREAD_INTERRUPTIBLE, rcv->deadline);
	ith->ith_wait_seq = thread_wait_seq();
	if (unlikely(thread_should_abort(self)))
		(void)clear_wait(self, THREAD_INTERRUPTED);
}
/* a member of pset (locked) has messages: hand them to the set's waiters */
void ipc_mqueue_pset_deliver_locked(ipc_pset_t pset);

/*
 * ipc_mqueue_wake_all_locked - the port or set is going away: every
 * receiver gets state (MACH_RCV_PORT_DIED); port or set locked
 */
void ipc_mqueue_wake_receivers_locked(struct ipc_waitq *wq, mach_msg_return_t state);

#endif /* KERNEL_IPC_IPC_MQUEUE_H */
