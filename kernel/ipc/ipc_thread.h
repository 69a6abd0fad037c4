/*
 * kernel/ipc/ipc_thread.h - the IPC state every thread carries.
 *
 * A thread that waits to receive puts itself on the receiver queue of the
 * port or port set it receives from (ith_waitq); a sender that finds it
 * there takes it off, stores the message in ith_kmsg and wakes it (or
 * hands it the hart).  Both happen under the lock of the object waited
 * on, so a wake-up that races a timeout never loses the message: the
 * waiter looks at ith_kmsg under the same lock when it wakes.
 *
 * Locks:
 *	w	the lock of the port or port set in ith_waitq
 *	o	the thread itself (only it reads and writes)
 */
#ifndef KERNEL_IPC_IPC_THREAD_H
#define KERNEL_IPC_IPC_THREAD_H

#include <mach/message.h>
#include "kernel/lib/types.h"

struct thread;
struct ipc_kmsg;
struct ipc_space;
struct ipc_port;

struct ipc_thread {
	struct thread *ith_next;	/* [w] next waiter on the queue */
	void	*ith_waitq;		/* [w] the port or set waited on, NULL: none */
	struct ipc_kmsg *ith_kmsg;	/* [w] a message handed over */
	mach_msg_return_t ith_state;	/* [w] MACH_RCV_IN_PROGRESS, or why it ended */
	mach_msg_size_t ith_max_size;	/* [w] the largest message it can take */
	mach_msg_size_t ith_msize;	/* [w] MACH_RCV_TOO_LARGE: the size needed */
	mach_msg_option_t ith_option;	/* [w] the receive's options */
	mach_port_seqno_t ith_seqno;	/* [w] the handed message's seqno */
	mach_port_name_t ith_large_name; /* [w] MACH_RCV_TOO_LARGE: the receiver's
					   name of the port the message is on
					   (MACH_RCV_LARGE_IDENTITY) */
	uint64_t ith_wait_seq;		/* [w] the wait it queued with (thread_wait_seq):
					   a waker ends that wait only */
	uint64_t ith_handoff_seq;	/* [o] the wait of the receiver it hands off to */
	struct ipc_kmsg *ith_destroy;	/* [o] messages waiting to be destroyed */
	bool	ith_destroying;		/* [o] ipc_kmsg_destroy is draining them */
	uint32_t ith_guard_reason;	/* [o] a port guard violation to raise
					   (kGUARD_EXC_*), 0: none */
	uint64_t ith_guard_payload;	/* [o] its EXC_GUARD subcode */
	struct ipc_port *ith_self;	/* [its task's lock] its thread port, made
					   on first use; IP_DEAD once it leaves */
	struct ipc_kmsg *ith_kmsg_cache; /* [o] a small message buffer kept for reuse */
	bool	ith_cache_ok;		/* [c] may keep one (user threads, which free
					   it as they end: ipc_thread_terminate) */
	bool	ith_put_left;		/* [w] a sender ended that receive but for
					   the copy out (ipc_kmsg_put) */
	bool	ith_direct;		/* [w] waits in the fast path's RPC receive
					   from a trap: the sender that ends the
					   wait may also end the receive and send it
					   back to user mode (mach_msg_fast.c) */
	struct ipc_space *ith_rcv_space; /* [w] that receive's space, */
	vaddr_t	ith_rcv_msg;		/* [w] its buffer, */
	struct ipc_port *ith_rcv_port;	/* [w] its port (a reference), */
	struct thread *ith_peer;	/* [w] and the receiver the call's send
					   handed off to (a reference, or NULL):
					   both released as the receive ends */
	mach_port_name_t ith_guard_name; /* [o] the violation's port name */
	struct ipc_port *ith_kernel_reply; /* [o] where replies to the kernel's
					   RPCs for it come (ipc_kobject_rpc.h) */
};

/* the thread is ending: free what its IPC state holds */
void ipc_thread_terminate(struct thread *t);

/*
 * a thread's IPC state: at a fixed offset in struct thread (checked in
 * kernel/sched/thread.c), so the IPC paths reach it without a call
 */
#define THREAD_IPC_OFFSET	352
static inline struct ipc_thread *
thread_ipc(struct thread *t)
{
	return (struct ipc_thread *)((char *)t + THREAD_IPC_OFFSET);
}

struct ipc_waitq {
	struct thread *iwq_head;	/* FIFO of waiting threads */
	struct thread *iwq_tail;
};

/* --- waiter queues (the owner's lock held) --- */

static inline void
ipc_waitq_append(struct ipc_waitq *wq, struct thread *t)
{
	thread_ipc(t)->ith_next = NULL;
	if (wq->iwq_tail != NULL)
		thread_ipc(wq->iwq_tail)->ith_next = t;
	else
		wq->iwq_head = t;
	wq->iwq_tail = t;
}

static inline struct thread *
ipc_waitq_pop(struct ipc_waitq *wq)
{
	struct thread *t = wq->iwq_head;

	if (t == NULL)
		return NULL;
	wq->iwq_head = thread_ipc(t)->ith_next;
	if (wq->iwq_head == NULL)
		wq->iwq_tail = NULL;
	thread_ipc(t)->ith_next = NULL;
	return t;
}

/*
 * the waiter's outcome is set: tell it, last (ipc_mqueue_receive_finish
 * reads the rest without the lock once it sees this)
 */
static inline void
ipc_waiter_done(struct thread *t)
{
	__atomic_store_n(&thread_ipc(t)->ith_waitq, NULL, __ATOMIC_RELEASE);
}

#endif /* KERNEL_IPC_IPC_THREAD_H */
