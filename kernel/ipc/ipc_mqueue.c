/*
 * kernel/ipc/ipc_mqueue.c - sending to and receiving from ports and sets
 * (ipc_mqueue.h).
 *
 * A receiver that finds nothing queues itself on the port's (or set's)
 * receiver queue and waits with thread_will_wait: no global event, its
 * waker finds it by name.  A sender that finds a receiver there takes it
 * off the queue, gives it the message (ith_kmsg) and wakes it, all under
 * the port's lock, so the receiver, whatever woke it first (the sender,
 * its timer, an abort), decides under that lock: a message handed over is
 * always taken.
 */
#include "kernel/ipc/ipc_mqueue.h"
#include "kernel/panic.h"
#include "kernel/sched/sched.h"

#define waitq_append	ipc_waitq_append
#define waitq_pop	ipc_waitq_pop
#define waiter_done	ipc_waiter_done

static bool
waitq_remove(struct ipc_waitq *wq, thread_t t)
{
	thread_t *link = &wq->iwq_head, prev = NULL;

	while (*link != NULL && *link != t) {
		prev = *link;
		link = &thread_ipc(*link)->ith_next;
	}
	if (*link == NULL)
		return false;
	*link = thread_ipc(t)->ith_next;
	if (wq->iwq_tail == t)
		wq->iwq_tail = prev;
	thread_ipc(t)->ith_next = NULL;
	thread_ipc(t)->ith_waitq = NULL;
	return true;
}

void
ipc_mqueue_wake_receivers_locked(struct ipc_waitq *wq, mach_msg_return_t state)
{
	thread_t t;

	while ((t = waitq_pop(wq)) != NULL) {
		uint64_t seq = thread_ipc(t)->ith_wait_seq;

		thread_ipc(t)->ith_state = state;
		thread_ipc(t)->ith_kmsg = IKM_NULL;
		waiter_done(t);
		clear_wait_if(t, seq, THREAD_AWAKENED);
	}
}

/* --- queues of messages (port locked) --- */

static void
msgq_enqueue(ipc_port_t port, ipc_kmsg_t kmsg)
{
	kmsg->ikm_next = IKM_NULL;
	if (port->ip_msgs_tail != IKM_NULL)
		port->ip_msgs_tail->ikm_next = kmsg;
	else
		port->ip_msgs = kmsg;
	port->ip_msgs_tail = kmsg;
	port->ip_msgcount++;
}

/*
 * room in port's queue and senders blocked: wake one (port locked).  A
 * dequeue wakes one sender; one that leaves without taking the room (it
 * handed its message to a receiver, timed out or was interrupted) calls
 * this again, so no sender sleeps beside a queue with room.
 */
static inline void
sender_pass_wakeup(ipc_port_t port)
{
	if (port->ip_send_waiters != 0 && port->ip_msgcount < port->ip_qlimit)
		thread_wakeup_one((event_t)&port->ip_msgcount);
}

void
ipc_mqueue_enqueue_locked(ipc_port_t port, ipc_kmsg_t kmsg)
{
	msgq_enqueue(port, kmsg);
}

/* does kmsg fit the receiver's buffer? */
static inline bool
kmsg_fits(ipc_kmsg_t kmsg, mach_msg_size_t max_size)
{
	return kmsg->ikm_header.msgh_size <= max_size;
}

/*
 * offer kmsg to the first receiver waiting on wq: true if one took it,
 * *tp being that thread, already off the queue and to be woken by the
 * caller.  queued: kmsg is port's first message, dequeued if taken; else
 * it is not queued anywhere.  A receiver whose buffer is too small and
 * who asked for MACH_RCV_LARGE is woken with the size and the message
 * stays.
 */
static bool
offer(ipc_port_t port, struct ipc_waitq *wq, ipc_kmsg_t kmsg, bool queued,
    thread_t *tp, uint64_t *seqp)
{
	thread_t t;

	while ((t = waitq_pop(wq)) != NULL) {
		struct ipc_thread *ith = thread_ipc(t);

		if (!kmsg_fits(kmsg, ith->ith_max_size)) {
			ith->ith_msize = kmsg->ikm_header.msgh_size;
			ith->ith_large_name = port->ip_receiver_name;
			ith->ith_state = MACH_RCV_TOO_LARGE;
			if (ith->ith_option & MACH_RCV_LARGE) {
				uint64_t seq = ith->ith_wait_seq;

				ith->ith_kmsg = IKM_NULL;
				waiter_done(t);
				clear_wait_if(t, seq, THREAD_AWAKENED);
				continue;
			}
		} else {
			ith->ith_state = MACH_MSG_SUCCESS;
		}
		if (queued)
			kmsg = ipc_mqueue_dequeue_locked(port);
		else
			kmsg->ikm_seqno = port->ip_seqno++;
		ith->ith_kmsg = kmsg;
		ith->ith_seqno = kmsg->ikm_seqno;
		*seqp = ith->ith_wait_seq;
		waiter_done(t);
		*tp = t;
		return true;
	}
	return false;
}

/*
 * a member of pset has messages: give them to the set's waiters while
 * both last.  pset locked.
 */
void
ipc_mqueue_pset_deliver_locked(ipc_pset_t pset)
{
	while (pset->ips_receivers.iwq_head != NULL) {
		ipc_port_t port;
		thread_t t = NULL;
		uint64_t seq = 0;
		bool gave = false;

		for (port = pset->ips_members; port != IP_NULL;
		    port = port->ip_pset_next) {
			ip_lock(port);
			if (port->ip_msgs != IKM_NULL)
				break;
			ip_unlock(port);
		}
		if (port == IP_NULL)
			return;
		/* port locked, with a message */
		if (pset->ips_receivers.iwq_head != NULL)
			gave = offer(port, &pset->ips_receivers, port->ip_msgs, true, &t,
			    &seq);
		ip_unlock(port);
		if (gave)
			clear_wait_if(t, seq, THREAD_AWAKENED);
	}
}

static mach_msg_return_t
mqueue_send(ipc_kmsg_t kmsg, uint64_t deadline, bool ignore_limit,
    struct thread **handoffp)
{
	ipc_port_t port = kmsg->ikm_remote;
	ipc_pset_t pset;
	uint64_t seq;
	thread_t t;
	bool woken = false;

	ip_lock(port);
	for (;;) {
		wait_result_t wr;

		if (!ip_active(port) || port->ip_receiver == ipc_space_kernel) {
			ip_unlock(port);
			return MACH_SEND_INVALID_DEST;
		}
		if (offer(port, &port->ip_receivers, kmsg, false, &t, &seq)) {
			/* a woken sender that used no room passes its wake-up on */
			if (woken)
				sender_pass_wakeup(port);
			ip_unlock(port);
			if (handoffp != NULL) {
				thread_reference(t);
				*handoffp = t;
				thread_ipc(current_thread())->ith_handoff_seq = seq;
			} else {
				clear_wait_if(t, seq, THREAD_AWAKENED);
			}
			return MACH_MSG_SUCCESS;
		}
		if (ignore_limit || port->ip_msgcount < port->ip_qlimit ||
		    (kmsg->ikm_flags & IKM_SEND_ONCE))
			break;
		if (deadline == IPC_DEADLINE_NONE) {
			if (woken)
				sender_pass_wakeup(port);
			ip_unlock(port);
			return MACH_SEND_TIMED_OUT;
		}
		port->ip_send_waiters++;
		if (deadline == IPC_DEADLINE_FOREVER)
			assert_wait((event_t)&port->ip_msgcount, THREAD_INTERRUPTIBLE);
		else
			assert_wait_deadline((event_t)&port->ip_msgcount,
			    THREAD_INTERRUPTIBLE, deadline);
		ip_unlock(port);
		wr = thread_block();
		ip_lock(port);
		port->ip_send_waiters--;
		/* one sender is woken per message taken: it may have been us */
		woken = true;
		if (wr == THREAD_INTERRUPTED) {
			sender_pass_wakeup(port);
			ip_unlock(port);
			return MACH_SEND_INTERRUPTED;
		}
		if (wr == THREAD_TIMED_OUT && ip_active(port) &&
		    port->ip_msgcount >= port->ip_qlimit) {
			sender_pass_wakeup(port);
			ip_unlock(port);
			return MACH_SEND_TIMED_OUT;
		}
	}
	msgq_enqueue(port, kmsg);
	pset = port->ip_pset;
	if (pset != IPS_NULL)
		io_reference(&pset->ips_object);
	ip_unlock(port);
	if (pset != IPS_NULL) {
		/* a receiver of the set: the set's lock comes before the port's */
		ips_lock(pset);
		ipc_mqueue_pset_deliver_locked(pset);
		ips_unlock(pset);
		io_release(&pset->ips_object);
	}
	return MACH_MSG_SUCCESS;
}

mach_msg_return_t
ipc_mqueue_send(ipc_kmsg_t kmsg, uint64_t deadline, bool interruptible,
    struct thread **handoffp)
{
	(void)interruptible;
	return mqueue_send(kmsg, deadline, false, handoffp);
}

mach_msg_return_t
ipc_mqueue_send_always(ipc_kmsg_t kmsg, struct thread **handoffp)
{
	return mqueue_send(kmsg, IPC_DEADLINE_NONE, true, handoffp);
}

void
ipc_mqueue_send_kernel(ipc_kmsg_t kmsg)
{
	if (mqueue_send(kmsg, IPC_DEADLINE_NONE, true, NULL) != MACH_MSG_SUCCESS)
		ipc_kmsg_destroy(kmsg);
}

/* --- receiving --- */

static void
rcv_lock(const struct ipc_rcv *rcv)
{
	if (rcv->pset != IPS_NULL)
		ips_lock(rcv->pset);
	else
		ip_lock(rcv->port);
}

static void
rcv_unlock(const struct ipc_rcv *rcv)
{
	if (rcv->pset != IPS_NULL)
		ips_unlock(rcv->pset);
	else
		ip_unlock(rcv->port);
}

/* take the first message of port (locked) for rcv, if it has one */
static mach_msg_return_t
take(const struct ipc_rcv *rcv, ipc_port_t port, ipc_kmsg_t *kmsgp,
    mach_msg_size_t *msizep)
{
	ipc_kmsg_t kmsg = port->ip_msgs;

	if (!kmsg_fits(kmsg, rcv->max_size)) {
		*msizep = kmsg->ikm_header.msgh_size;
		thread_ipc(current_thread())->ith_large_name = port->ip_receiver_name;
		if (rcv->option & MACH_RCV_LARGE)
			return MACH_RCV_TOO_LARGE;	/* it stays queued */
		*kmsgp = ipc_mqueue_dequeue_locked(port);
		return MACH_RCV_TOO_LARGE;
	}
	*kmsgp = ipc_mqueue_dequeue_locked(port);
	return MACH_MSG_SUCCESS;
}

mach_msg_return_t
ipc_mqueue_receive_prepare(const struct ipc_rcv *rcv, ipc_kmsg_t *kmsgp,
    mach_msg_size_t *msizep)
{
	thread_t self = current_thread();
	struct ipc_waitq *wq;
	mach_msg_return_t mr;

	*kmsgp = IKM_NULL;
	rcv_lock(rcv);
	if (rcv->pset != IPS_NULL) {
		ipc_pset_t pset = rcv->pset;

		if (!ips_active(pset)) {
			ips_unlock(pset);
			return MACH_RCV_PORT_DIED;
		}
		for (ipc_port_t p = pset->ips_members; p != IP_NULL;
		    p = p->ip_pset_next) {
			ip_lock(p);
			if (p->ip_msgs != IKM_NULL) {
				mr = take(rcv, p, kmsgp, msizep);
				ip_unlock(p);
				ips_unlock(pset);
				return mr;
			}
			ip_unlock(p);
		}
		wq = &pset->ips_receivers;
	} else {
		ipc_port_t port = rcv->port;

		if (!ip_active(port)) {
			ip_unlock(port);
			return MACH_RCV_PORT_DIED;
		}
		if (rcv->space != IS_NULL && port->ip_receiver != rcv->space) {
			/* the right went elsewhere since the receive looked it up */
			ip_unlock(port);
			return MACH_RCV_PORT_CHANGED;
		}
		if (port->ip_msgs != IKM_NULL) {
			mr = take(rcv, port, kmsgp, msizep);
			ip_unlock(port);
			return mr;
		}
		wq = &port->ip_receivers;
	}
	if (rcv->deadline == IPC_DEADLINE_NONE) {
		rcv_unlock(rcv);
		return MACH_RCV_TIMED_OUT;
	}
	ipc_mqueue_wait_locked(rcv, wq, self);
	rcv_unlock(rcv);
	return MACH_RCV_IN_PROGRESS;
}

mach_msg_return_t
ipc_mqueue_receive_finish(const struct ipc_rcv *rcv, wait_result_t wr,
    ipc_kmsg_t *kmsgp, mach_msg_size_t *msizep)
{
	struct ipc_thread *ith = thread_ipc(current_thread());
	mach_msg_return_t mr;

	/* handed a message or woken by a death: no lock needed (waiter_done) */
	if (__atomic_load_n(&ith->ith_waitq, __ATOMIC_ACQUIRE) == NULL) {
		mr = ith->ith_state;
		*kmsgp = ith->ith_kmsg;
		*msizep = ith->ith_msize;
		ith->ith_kmsg = IKM_NULL;
		return mr;
	}
	rcv_lock(rcv);
	if (ith->ith_waitq != NULL) {
		/* nobody came: take ourselves off the queue */
		waitq_remove(rcv->pset != IPS_NULL ? &rcv->pset->ips_receivers :
		    &rcv->port->ip_receivers, current_thread());
		rcv_unlock(rcv);
		if (wr == THREAD_TIMED_OUT)
			return MACH_RCV_TIMED_OUT;
		if (wr == THREAD_INTERRUPTED)
			return MACH_RCV_INTERRUPTED;
		return MACH_RCV_IN_PROGRESS;	/* woken for nothing: wait again */
	}
	mr = ith->ith_state;
	*kmsgp = ith->ith_kmsg;
	*msizep = ith->ith_msize;
	ith->ith_kmsg = IKM_NULL;
	rcv_unlock(rcv);
	return mr;
}

mach_msg_return_t
ipc_mqueue_receive(const struct ipc_rcv *rcv, ipc_kmsg_t *kmsgp,
    mach_msg_size_t *msizep)
{
	for (;;) {
		mach_msg_return_t mr = ipc_mqueue_receive_prepare(rcv, kmsgp, msizep);
		wait_result_t wr;

		if (mr != MACH_RCV_IN_PROGRESS)
			return mr;
		wr = thread_block();
		mr = ipc_mqueue_receive_finish(rcv, wr, kmsgp, msizep);
		if (mr != MACH_RCV_IN_PROGRESS)
			return mr;
	}
}
