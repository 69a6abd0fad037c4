/*
 * kernel/ipc/mach_msg_fast.c - the RPC fast path (mach_msg.h, docs/ipc.md
 * "The fast path").
 *
 * The common case of mach_msg is a client's send and receive (a request
 * with a reply right made from its reply port, then the wait for the
 * reply) and a server's reply and receive (the reply on that send-once
 * right, then the wait for the next request), each finding its peer
 * already waiting.  For it one lock of the sender's space checks and takes
 * both header rights and finds the receive right the call then waits on;
 * the destination's lock, nested in it, hands the message (the thread's
 * cached kmsg, filled by one copyin) to the first receiver waiting there;
 * the sender queues itself on its own port and hands the hart to that
 * receiver (thread_handoff_deliver).  If the receiver waits here too (a
 * call of its own that sent, then waited: fast_wait), the sender ends its
 * receive for it and it goes straight back to user mode
 * (ipc_kmsg_deliver_direct); else it takes the message out itself.
 *
 * Anything else (a complex message, other dispositions, a dead-name
 * request on either name, a dead or kernel destination, nobody waiting
 * there or a receiver whose buffer is too small, a port set to receive
 * from) is found before anything is taken, and the general path
 * (mach_msg_general, mach_msg.c) runs the whole call as if the fast path
 * had not looked.  mach_msg_trap_internal (mach_msg.h), every task's way
 * in, picks between them: the send-and-receive and the receive-only cases
 * each have a function of their own, so neither pays for the other's
 * registers.
 *
 * Locks: the space, then the reply port, then (after it) the destination
 * port; never two ports at once (ipc_port.h).  The direct delivery takes
 * the receiver's space, then the destination, with interrupts off.
 */
#include "kernel/ipc/mach_msg.h"
#include "kernel/ipc/ipc_mqueue.h"
#include "kernel/copyio.h"
#include "kernel/sched/sched.h"

static uint64_t fast_taken;		/* [a] calls the fast path took */

uint64_t
mach_msg_fast_count(void)
{
	return __atomic_load_n(&fast_taken, __ATOMIC_RELAXED);
}

static inline bool
fast_send_size(mach_msg_size_t size)
{
	return size >= sizeof(mach_msg_header_t) && size <= IKM_SMALL_MSG &&
	    (size & 3) == 0;
}

/* the header's rights are the fast path's: *dtypep, *rtypep */
static inline bool
fast_header(const mach_msg_header_t *h, mach_msg_type_name_t *dtypep,
    mach_msg_type_name_t *rtypep)
{
	mach_msg_bits_t bits = h->msgh_bits;
	mach_msg_type_name_t dtype = MACH_MSGH_BITS_REMOTE(bits);
	mach_msg_type_name_t rtype = MACH_MSGH_BITS_LOCAL(bits);

	if ((bits & ~(MACH_MSGH_BITS_REMOTE_MASK | MACH_MSGH_BITS_LOCAL_MASK)) != 0 ||
	    (dtype != MACH_MSG_TYPE_COPY_SEND && dtype != MACH_MSG_TYPE_MOVE_SEND_ONCE) ||
	    !MACH_PORT_VALID(h->msgh_remote_port))
		return false;
	if (rtype == 0) {
		if (h->msgh_local_port != MACH_PORT_NULL)
			return false;
	} else if (rtype != MACH_MSG_TYPE_MAKE_SEND_ONCE ||
	    !MACH_PORT_VALID(h->msgh_local_port) ||
	    h->msgh_local_port == h->msgh_remote_port) {
		return false;
	}
	*dtypep = dtype;
	*rtypep = rtype;
	return true;
}

/* an entry that gives a right of type disp plainly (no dead-name request) */
static inline bool
fast_entry(ipc_entry_t e, mach_port_type_t type)
{
	return e != NULL && (e->ie_bits & (type | IE_BITS_DNREQUEST)) == type;
}

/*
 * the send: the message and its header rights to the receiver waiting
 * on the destination, *tp (a reference; its wait's number in *seqp), or
 * onto its queue (*tp NULL); for a call that also receives, the receive
 * right to wait on in *rportp (a reference).  false: not the fast path's
 * case, nothing taken.
 */
static bool
fast_send(ipc_space_t space, const struct ipc_sender *sender,
    const struct mach_msg_args *a, mach_msg_header_t *h, thread_t *tp,
    uint64_t *seqp, ipc_port_t *rportp)
{
	mach_msg_type_name_t dtype, rtype;
	mach_port_name_t dname = h->msgh_remote_port;
	ipc_entry_t d, r = NULL, e;
	ipc_port_t dport, reply = IP_NULL, rport;
	struct ipc_thread *tith;
	ipc_kmsg_t kmsg;
	thread_t t;

	if (!fast_header(h, &dtype, &rtype))
		return false;
	is_lock(space);
	if (!space->is_active)
		goto no;
	d = ipc_entry_lookup(space, dname);
	if (!fast_entry(d, dtype == MACH_MSG_TYPE_COPY_SEND ?
	    MACH_PORT_TYPE_SEND : MACH_PORT_TYPE_SEND_ONCE))
		goto no;
	dport = (ipc_port_t)d->ie_object;
	if (rtype != 0) {
		r = ipc_entry_lookup(space, h->msgh_local_port);
		if (!fast_entry(r, MACH_PORT_TYPE_RECEIVE))
			goto no;
		reply = (ipc_port_t)r->ie_object;
	}
	rport = IP_NULL;
	if (rportp != NULL) {
		e = r != NULL && a->rcv_name == h->msgh_local_port ? r :
		    ipc_entry_lookup(space, a->rcv_name);
		if (e == NULL || !(e->ie_bits & MACH_PORT_TYPE_RECEIVE))
			goto no;
		rport = (ipc_port_t)e->ie_object;
	}

	/* the reply right first (an atomic count: no two ports locked at once) */
	if (reply != IP_NULL)
		ip_sorights_add(reply);
	spin_lock_intr_off(&dport->ip_lock);
	t = dport->ip_receivers.iwq_head;
	if (!ip_active(dport) || dport->ip_receiver == ipc_space_kernel ||
	    dport->ip_pset != IPS_NULL || (t != NULL ?
	    thread_ipc(t)->ith_max_size < a->send_size :
	    dport->ip_msgcount >= dport->ip_qlimit &&
	    dtype != MACH_MSG_TYPE_MOVE_SEND_ONCE)) {
		spin_unlock_intr_off(&dport->ip_lock);
		if (reply != IP_NULL)
			ip_sorights_drop(reply);
		goto no;
	}

	/* taken: nothing fails from here */
	kmsg = ipc_kmsg_take_cached(a->send_size);
	if (dtype == MACH_MSG_TYPE_COPY_SEND) {
		dport->ip_srights++;
		ip_reference(dport);
		kmsg->ikm_remote_type = MACH_MSG_TYPE_PORT_SEND;
	} else {
		kmsg->ikm_remote_type = MACH_MSG_TYPE_PORT_SEND_ONCE;
		kmsg->ikm_flags = IKM_SEND_ONCE;
	}
	kmsg->ikm_remote = dport;
	if (reply != IP_NULL) {
		ip_reference(reply);
		kmsg->ikm_local = &reply->ip_object;
		kmsg->ikm_local_type = MACH_MSG_TYPE_PORT_SEND_ONCE;
	} else {
		kmsg->ikm_local = IO_NULL;
		kmsg->ikm_local_type = 0;
	}
	kmsg->ikm_from = *sender;
	if (t != NULL) {
		(void)ipc_waitq_pop(&dport->ip_receivers);
		kmsg->ikm_seqno = dport->ip_seqno++;
		tith = thread_ipc(t);
		tith->ith_state = MACH_MSG_SUCCESS;
		tith->ith_kmsg = kmsg;
		tith->ith_seqno = kmsg->ikm_seqno;
		*seqp = tith->ith_wait_seq;
		thread_reference(t);
		ipc_waiter_done(t);
	} else {
		ipc_mqueue_enqueue_locked(dport, kmsg);
	}
	spin_unlock_intr_off(&dport->ip_lock);

	/* a send-once right moves with its reference: its name goes */
	if (dtype == MACH_MSG_TYPE_MOVE_SEND_ONCE)
		ipc_entry_dealloc(space, dname, d);
	if (rportp != NULL) {
		ip_reference(rport);
		*rportp = rport;
	}
	is_unlock(space);
	*tp = t;
	return true;
no:
	is_unlock(space);
	return false;
}

/*
 * queue the caller to receive on rport, as ipc_mqueue_receive_prepare
 * does, and keep what its receive needs in its thread: space, buffer,
 * rport and the receiver it hands off to, peer (references the thread
 * takes over), so that a sender may end the receive for it
 * (ipc_kmsg_deliver_direct).  false: a message is there already or the
 * port died (the general receive takes it from there; nothing kept)
 */
static inline bool
fast_wait(const struct ipc_rcv *rcv, thread_t self, ipc_space_t space,
    const struct mach_msg_args *a, thread_t peer)
{
	struct ipc_thread *ith = thread_ipc(self);
	ipc_port_t rport = rcv->port;

	ip_lock(rport);
	if (!ip_active(rport) || rport->ip_msgs != IKM_NULL ||
	    rport->ip_receiver != space) {
		ip_unlock(rport);
		return false;
	}
	ith->ith_direct = true;		/* a trap's: see mach_msg_trap_internal */
	ith->ith_rcv_space = space;
	ith->ith_rcv_msg = mach_msg_rcv_buffer(a);
	ith->ith_rcv_port = rport;
	ith->ith_peer = peer;
	ipc_mqueue_wait_locked(rcv, &rport->ip_receivers, self);
	ip_unlock(rport);
	return true;
}

/* the receive of a call that sends first: wait on rport for the reply */
static __always_inline mach_msg_return_t
fast_rpc_receive(ipc_space_t space, vm_map_t map, const struct mach_msg_args *a,
    thread_t self, thread_t t, uint64_t seq, ipc_port_t rport)
{
	mach_msg_size_t tsize = REQUESTED_TRAILER_SIZE(a->option), msize = 0;
	ipc_kmsg_t kmsg = IKM_NULL;
	struct ipc_rcv rcv;
	mach_msg_return_t mr;

	rcv.port = rport;
	rcv.pset = IPS_NULL;
	rcv.space = space;
	rcv.option = a->option;
	rcv.trailer_size = tsize;
	rcv.max_size = a->rcv_size >= tsize ? a->rcv_size - tsize : 0;
	rcv.deadline = IPC_DEADLINE_FOREVER;
	if (fast_wait(&rcv, self, space, a, t)) {
		wait_result_t wr = t == NULL ? thread_block() :
		    thread_handoff_deliver(t, seq, ipc_kmsg_deliver_direct);
		struct ipc_thread *ith = thread_ipc(self);

		/* resumed here, not sent back by a sender: the receive is ours */
		ith->ith_direct = false;
		mr = ipc_mqueue_receive_finish(&rcv, wr, &kmsg, &msize);
		if (mr == MACH_RCV_IN_PROGRESS)
			mr = ipc_mqueue_receive(&rcv, &kmsg, &msize);
		ipc_rcv_wait_release(ith);
		if (ith->ith_put_left) {
			/* a sender copied the rights out; the copy faulted */
			ith->ith_put_left = false;
			return ipc_kmsg_put(mach_msg_rcv_buffer(a), kmsg,
			    a->option, true);
		}
	} else {
		/* a reply came first (or the port died): wake the receiver */
		if (t != NULL) {
			clear_wait_if(t, seq, THREAD_AWAKENED);
			thread_deallocate(t);
		}
		mr = ipc_mqueue_receive(&rcv, &kmsg, &msize);
		ip_release(rport);
	}
	return mach_msg_receive_out(space, map, a, mr, kmsg, msize);
}

/*
 * a receive only: the first message queued on a receive right (not a
 * set) that fits the buffer and has no descriptors, taken and copied out
 * under one lock of the space and one of the port
 */
__noinline mach_msg_return_t
mach_msg_fast_receive(ipc_space_t space, vm_map_t map,
    const struct ipc_sender *sender, const struct mach_msg_args *a)
{
	mach_msg_size_t tsize = REQUESTED_TRAILER_SIZE(a->option);
	mach_msg_return_t mr;
	ipc_kmsg_t kmsg;
	ipc_entry_t e;
	ipc_port_t port;

	is_lock(space);
	if (!space->is_active ||
	    (e = ipc_entry_lookup(space, a->rcv_name)) == NULL ||
	    !(e->ie_bits & MACH_PORT_TYPE_RECEIVE)) {
		is_unlock(space);
		return mach_msg_general(space, map, sender, a);
	}
	port = (ipc_port_t)e->ie_object;
	spin_lock_intr_off(&port->ip_lock);
	kmsg = port->ip_msgs;
	if (kmsg == IKM_NULL || a->rcv_size < tsize ||
	    kmsg->ikm_header.msgh_size > a->rcv_size - tsize ||
	    !ipc_kmsg_is_simple(kmsg)) {
		spin_unlock_intr_off(&port->ip_lock);
		is_unlock(space);
		return mach_msg_general(space, map, sender, a);
	}
	/* out under the locks held: the queued message's destination is port */
	__atomic_fetch_add(&fast_taken, 1, __ATOMIC_RELAXED);
	kmsg = ipc_mqueue_dequeue_locked(port);
	mr = ipc_kmsg_copyout_put_simple_locked(kmsg, space,
	    mach_msg_rcv_buffer(a), a->option);
	if (mr != MACH_RCV_IN_PROGRESS)
		return mr;
	/* no room for the reply right's name: the general copyout says so */
	return mach_msg_receive_out_general(space, map, a, MACH_MSG_SUCCESS,
	    kmsg, 0);
}

/*
 * a call that sends (and maybe then receives): the fast path's if
 * fast_send takes the message, else the general path's
 */
__noinline mach_msg_return_t
mach_msg_fast_call(ipc_space_t space, vm_map_t map,
    const struct ipc_sender *sender, const struct mach_msg_args *a)
{
	thread_t self = current_thread(), t;
	ipc_kmsg_t cached = thread_ipc(self)->ith_kmsg_cache;
	bool rcv = (a->option & MACH_RCV_MSG) != 0;
	ipc_port_t rport;
	uint64_t seq = 0;

	/* into the cached kmsg, still the cache's until the send takes it */
	if (cached == IKM_NULL || !fast_send_size(a->send_size) ||
	    copyin(a->msg, &cached->ikm_header, a->send_size) != KERN_SUCCESS ||
	    !fast_send(space, sender, a, &cached->ikm_header, &t, &seq,
	    rcv ? &rport : NULL))
		return mach_msg_general(space, map, sender, a);
	__atomic_fetch_add(&fast_taken, 1, __ATOMIC_RELAXED);
	if (rcv)
		return fast_rpc_receive(space, map, a, self, t, seq, rport);
	if (t != NULL) {
		clear_wait_if(t, seq, THREAD_AWAKENED);
		thread_deallocate(t);
	}
	return MACH_MSG_SUCCESS;
}
