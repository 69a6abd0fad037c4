/*
 * kernel/ipc/ipc_kmsg.h - messages in the kernel.
 *
 * A kmsg holds a message between its send and its receive: the header and
 * body as the sender laid them out (user names in the header and in port
 * descriptors mean nothing here), and beside them the rights themselves:
 * the destination (ikm_remote), the reply right (ikm_local) and one
 * ikm_desc per descriptor (a port right, an array of them, or memory).
 * Each right holds a reference on its object.  Rights are in their
 * received form: MACH_MSG_TYPE_PORT_SEND, _PORT_SEND_ONCE, _PORT_RECEIVE.
 *
 * A kmsg belongs to one thread at a time, or to one port's queue (under
 * that port's lock).
 */
#ifndef KERNEL_IPC_IPC_KMSG_H
#define KERNEL_IPC_IPC_KMSG_H

#include <mach/message.h>
#include "kernel/ipc/ipc_port.h"
#include "kernel/lib/string.h"

/* the largest message (header and body) a task may send */
#define IPC_KMSG_MAX_SIZE	(MACH_MSG_SIZE_RELIABLE + sizeof(mach_msg_header_t))
/* the most descriptors in one message */
#define IPC_KMSG_MAX_DESC	1024

struct vm_map_copy;

/* what a descriptor carries in the kernel */
#define IKD_NONE	0
#define IKD_PORT	1		/* kd_object: a right (or IO_NULL / IO_DEAD) */
#define IKD_OOL		2		/* kd_object: a vm_map_copy (NULL: size 0) */
#define IKD_OOL_PORTS	3		/* kd_object: kd_count rights (kalloc'd) */

struct ikm_desc {
	void	*kd_object;
	uint32_t kd_kind;		/* IKD_* */
	mach_msg_type_name_t kd_type;	/* ports: the received disposition */
	uint32_t kd_count;		/* OOL ports: names; OOL memory: bytes */
	uint32_t kd_offset;		/* OOL memory: the start's offset in its page */
};

/* the most port rights in one message's out-of-line arrays, together */
#define IPC_KMSG_MAX_OOL_PORTS	65536

/*
 * who sends: what the receiver's trailer says (aligned, so that a kmsg
 * takes it in five double-word moves)
 */
struct ipc_sender {
	security_token_t sec;
	audit_token_t audit;
} __attribute__((aligned(8)));

struct ipc_kmsg {
	struct ipc_kmsg *ikm_next;	/* [queue lock] */
	uint32_t ikm_alloc;		/* bytes allocated (kfree) */
	uint32_t ikm_ndesc;		/* descriptors */
	struct ipc_port *ikm_remote;	/* the destination's right */
	struct ipc_object *ikm_local;	/* the reply right: object, IO_DEAD, IO_NULL */
	mach_msg_type_name_t ikm_remote_type;
	mach_msg_type_name_t ikm_local_type;
	mach_port_seqno_t ikm_seqno;	/* set when dequeued */
	uint32_t ikm_flags;		/* IKM_* */
	struct ipc_sender ikm_from;	/* the sender's tokens */
	struct ikm_desc *ikm_desc;	/* ikm_ndesc of them (inside the allocation) */
	mach_msg_header_t ikm_header;	/* then the body: msgh_size bytes in all */
};
typedef struct ipc_kmsg *ipc_kmsg_t;
#define IKM_NULL	((ipc_kmsg_t)NULL)

#define IKM_SEND_ONCE	0x1		/* travels on a send-once right (no queue limit) */

static inline void *
ikm_body(ipc_kmsg_t kmsg)
{
	return &kmsg->ikm_header + 1;
}

/*
 * ipc_kmsg_trailer_fill - the trailer of tsize bytes (REQUESTED_TRAILER_SIZE)
 * a receive of kmsg with sequence number seqno gets, into *t: format 0,
 * then as many of seqno, sender and audit token as fit, and zeros
 * for the rest (context, filter and labels)
 */
static inline void
ipc_kmsg_trailer_fill(const struct ipc_kmsg *kmsg, mach_port_seqno_t seqno,
    mach_msg_size_t tsize, mach_msg_max_trailer_t *t)
{
	t->msgh_trailer_type = MACH_MSG_TRAILER_FORMAT_0;
	t->msgh_trailer_size = tsize;
	if (tsize > offsetof(mach_msg_max_trailer_t, msgh_seqno))
		t->msgh_seqno = seqno;
	if (tsize > offsetof(mach_msg_max_trailer_t, msgh_sender))
		t->msgh_sender = kmsg->ikm_from.sec;
	if (tsize > offsetof(mach_msg_max_trailer_t, msgh_audit))
		t->msgh_audit = kmsg->ikm_from.audit;
	if (tsize > offsetof(mach_msg_max_trailer_t, msgh_context))
		memset(&t->msgh_context, 0, tsize -
		    offsetof(mach_msg_max_trailer_t, msgh_context));
}

/* a small message: a user thread keeps one such kmsg (ith_kmsg_cache) */
#define IKM_SMALL_MSG		256

void ipc_kmsg_bootstrap(void);
/*
 * ipc_kmsg_take_cached - the calling thread's cached small kmsg (there
 * must be one), out of the cache, holding size bytes of message already
 * copied into it (the fast path, mach_msg_fast.c): no descriptors, and
 * its remote, local and sender fields for the caller to set.
 */
static inline ipc_kmsg_t
ipc_kmsg_take_cached(mach_msg_size_t size)
{
	extern uint64_t ipc_kmsgs_alive;
	struct ipc_thread *ith = thread_ipc(cpu_thread());
	ipc_kmsg_t kmsg = ith->ith_kmsg_cache;

	ith->ith_kmsg_cache = NULL;
	kmsg->ikm_next = NULL;
	kmsg->ikm_ndesc = 0;
	kmsg->ikm_flags = 0;
	kmsg->ikm_desc = (struct ikm_desc *)((char *)&kmsg->ikm_header +
	    ROUNDUP((size_t)size, 8) + ROUNDUP(MAX_TRAILER_SIZE, 8));
	kmsg->ikm_header.msgh_size = size;
	__atomic_fetch_add(&ipc_kmsgs_alive, 1, __ATOMIC_RELAXED);
	return kmsg;
}
/* a kmsg for size bytes of message and ndesc descriptors; NULL if out of memory */
ipc_kmsg_t ipc_kmsg_alloc(mach_msg_size_t size, uint32_t ndesc);
/* ipc_kmsg_free - free the memory only (its rights are gone already) */
void ipc_kmsg_free(ipc_kmsg_t kmsg);
/*
 * ipc_kmsg_destroy - a message nobody will receive: release every right it
 * carries (a receive right destroys its port or is sent to its
 * port-destroyed request; a send-once right sends a send-once
 * notification) and its memory, then free it.  No lock held; in interrupt
 * context too (a clock alarm's reply to a dead port).
 */
void ipc_kmsg_destroy(ipc_kmsg_t kmsg);

/* the kernel's own messages (notifications): header rights set by the caller */
void ipc_kmsg_set_kernel_sender(ipc_kmsg_t kmsg);
/*
 * ipc_kmsg_kernel_sonce - a message from the kernel of size bytes (header
 * included) with id and room for ndesc descriptors, to the send-once
 * right sonce, which the kmsg takes only when one is returned; its body
 * is the caller's to fill.  IKM_NULL: no memory (sonce still the caller's).
 */
ipc_kmsg_t ipc_kmsg_kernel_sonce(struct ipc_port *sonce, mach_msg_id_t id,
    mach_msg_size_t size, uint32_t ndesc);
/*
 * ipc_kmsg_put_port_send - in a message the kernel builds (a complex one,
 * a mach_msg_base_t first), port descriptor i (room for it made by
 * ipc_kmsg_alloc) carries sright (IP_NULL, IP_DEAD: those names), a send
 * right the kmsg now holds and the receiver gets as MACH_MSG_TYPE_PORT_SEND
 */
void ipc_kmsg_put_port_send(ipc_kmsg_t kmsg, uint32_t i, struct ipc_port *sright);

/* statistics for tests */
uint64_t ipc_kmsg_alive(void);

#endif /* KERNEL_IPC_IPC_KMSG_H */
