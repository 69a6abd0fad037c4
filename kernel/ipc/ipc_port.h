/*
 * kernel/ipc/ipc_port.h - ports: a message queue with one receive right.
 *
 * A port is alive while its receive right exists.  Its receive right sits
 * in one space (ip_receiver, under ip_receiver_name), travels in a message
 * (ip_receiver NULL, ip_destination the port the message goes to), or
 * belongs to the kernel (a kernel-object port: a task, a thread, the host,
 * a semaphore; ip_kobject).  Send and send-once rights are counted here,
 * wherever they are (ip_srights, ip_sorights); ip_mscount counts the send
 * rights ever made from the receive right, for no-senders notifications.
 *
 * Messages queue in FIFO order up to ip_qlimit (default 5); a message sent
 * on a send-once right is queued even past the limit.  Each message
 * dequeued takes the next sequence number.
 *
 * Locks (order: space, port set, port; never two ports at once):
 *	p	ip_lock
 *	a	atomic
 *	c	constant after creation
 */
#ifndef KERNEL_IPC_IPC_PORT_H
#define KERNEL_IPC_IPC_PORT_H

#include <mach/kern_return.h>
#include <mach/message.h>
#include <mach/port.h>
#include "kernel/ipc/ipc_object.h"
#include "kernel/ipc/ipc_space.h"
#include "kernel/ipc/ipc_thread.h"
#include "kernel/sync/spinlock.h"

struct ipc_kmsg;
struct ipc_pset;
struct ipc_dnreq;

struct ipc_port {
	struct ipc_object ip_object;
	struct spinlock ip_lock;
	struct ipc_space *ip_receiver;	/* [p] space of the receive right, NULL:
					   in a message or the kernel's */
	mach_port_name_t ip_receiver_name; /* [p] its name there */
	mach_port_mscount_t ip_mscount;	/* [p] send rights made */
	mach_port_rights_t ip_srights;	/* [p] send rights alive */
	mach_port_rights_t ip_sorights;	/* [a] send-once rights alive */
	mach_port_seqno_t ip_seqno;	/* [p] the next message's */
	uint16_t ip_qlimit;		/* [p] */
	uint16_t ip_msgcount;		/* [p] messages queued */
	uint32_t ip_send_waiters;	/* [p] senders blocked on a full queue */
	uint32_t ip_guard;		/* [p] IP_GUARD_* (the guard is ip_context) */
	struct ipc_kmsg *ip_msgs;	/* [p] the queue, oldest first */
	struct ipc_kmsg *ip_msgs_tail;	/* [p] */
	struct ipc_waitq ip_receivers;	/* [p] threads waiting to receive */
	struct ipc_pset *ip_pset;	/* [pset and p] the set it is in, NULL: none */
	struct ipc_port *ip_pset_next;	/* [pset] the next member */
	void	*ip_kobject;		/* [c] the kernel object (IKOT_*) */
	struct ipc_port *ip_nsrequest;	/* [p] no-senders: a send-once right */
	struct ipc_port *ip_pdrequest;	/* [p] port-destroyed: a send-once right */
	struct ipc_dnreq *ip_dnrequests; /* [p] dead-name requests */
	struct ipc_port *ip_destination; /* [p] in transit: where its message goes */
	mach_port_context_t ip_context;	/* [p] mach_port_set_context */
};
typedef struct ipc_port *ipc_port_t;
#define IP_NULL		((ipc_port_t)NULL)

/* ip_guard (mach_port_guard_with_flags, mach_port_construct) */
#define IP_GUARDED		0x1	/* ip_context guards the receive right */
#define IP_GUARD_STRICT		0x2	/* it cannot be read or changed */
#define IP_GUARD_IMMOVABLE	0x4	/* the receive right cannot move */
#define IP_DEAD		((ipc_port_t)IO_DEAD)
#define IP_VALID(p)	IO_VALID((ipc_object_t)(p))

#define ip_active(p)	io_active(&(p)->ip_object)
#define ip_kotype(p)	((p)->ip_object.io_bits & IO_BITS_KOTYPE)

static inline void
ip_lock(ipc_port_t p)
{
	spin_lock(&p->ip_lock);
}

static inline void
ip_unlock(ipc_port_t p)
{
	spin_unlock(&p->ip_lock);
}

static inline void
ip_reference(ipc_port_t p)
{
	io_reference(&p->ip_object);
}

static inline void
ip_release(ipc_port_t p)
{
	io_release(&p->ip_object);
}

/*
 * the send-once count: atomic, not under ip_lock, so that the RPC fast
 * path counts its reply right without locking the reply port; it is
 * only ever read for mach_port_get_attributes' status
 */
static inline void
ip_sorights_add(ipc_port_t p)
{
	__atomic_fetch_add(&p->ip_sorights, 1, __ATOMIC_RELAXED);
}

void ipc_port_sorights_underflow(ipc_port_t p) __attribute__((noreturn));

static inline void
ip_sorights_drop(ipc_port_t p)
{
	if (unlikely(__atomic_fetch_sub(&p->ip_sorights, 1, __ATOMIC_RELAXED) == 0))
		ipc_port_sorights_underflow(p);
}

/* a dead-name request: notify (a send-once right) when the port dies */
struct ipc_dnreq {
	struct ipc_dnreq *dn_next;
	ipc_space_t dn_space;		/* a reference */
	mach_port_name_t dn_name;	/* the name there */
	ipc_port_t dn_notify;		/* send-once right */
};

void ipc_port_bootstrap(void);
void ipc_port_free(ipc_port_t port);	/* (io_release) the last reference */

/*
 * ipc_port_alloc - a new port whose receive right is in space under a new
 * name.  Space unlocked on entry and exit.  KERN_INVALID_TASK (space
 * dead), KERN_NO_SPACE, KERN_RESOURCE_SHORTAGE.
 */
kern_return_t ipc_port_alloc(ipc_space_t space, mach_port_name_t *namep,
    ipc_port_t *portp);
kern_return_t ipc_port_alloc_name(ipc_space_t space, mach_port_name_t name,
    ipc_port_t *portp);
/*
 * ipc_port_construct - ipc_port_alloc for mach_port_construct: the queue
 * limit, context and guard bits (IP_GUARD_*) set, and with send true a
 * send right (one uref) under the same name, all before the name is made,
 * so no other thread of the task sees the port half made and nothing is
 * written to it after the space's lock is dropped (a port is held by its
 * name alone).  The codes are ipc_port_alloc's.
 */
kern_return_t ipc_port_construct(ipc_space_t space, uint16_t qlimit,
    mach_port_context_t context, uint32_t guard, bool send,
    mach_port_name_t *namep);
/*
 * ipc_port_create - a port in no space (ip_receiver NULL, no kernel
 * object): its receive right is the caller's, with the one reference,
 * and messages sent to it queue as to any port.  KERN_RESOURCE_SHORTAGE.
 * The kernel's RPC reply ports are such ports (ipc_kobject_rpc.h).
 */
kern_return_t ipc_port_create(ipc_port_t *portp);

/*
 * ipc_port_alloc_kernel - a port standing for kernel object obj of type
 * kotype; the kernel holds its receive right.  IP_NULL if out of memory.
 */
ipc_port_t ipc_port_alloc_kernel(void *obj, ipc_kobject_type_t kotype);
/*
 * ipc_port_dealloc_kernel - the kernel object is going away: the port
 * dies (if it has not yet) and the kernel's reference goes
 */
void ipc_port_dealloc_kernel(ipc_port_t port);
/* kernel objects: how the IPC layer takes a reference (registered by their owners) */
void ipc_kobject_register(ipc_kobject_type_t kotype, void (*reference)(void *obj));
/*
 * ipc_kobject_lookup - the kernel object behind name in space, if it is a
 * send right (or receive right) to a live port of kotype; *objp gets a
 * reference.  false otherwise.
 */
bool ipc_kobject_lookup(ipc_space_t space, mach_port_name_t name,
    ipc_kobject_type_t kotype, void **objp);

/*
 * ipc_kobject_take - is port (a kernel object's; its kind is constant)
 * alive?  If so and reference is true, *objp gets its object with a
 * reference (its kind's ipc_kobject_register function), or NULL if it
 * has none or its kind no function.  Takes the port's lock.
 */
bool ipc_kobject_take(ipc_port_t port, bool reference, void **objp);

/*
 * Stable kernel objects (XNU's iko_op_stable kinds with a no-senders
 * hook; the semaphores): the kernel makes a port's send rights only once,
 * at its creation, and the port lives until the last send right is gone,
 * whose release calls no_senders(port) with no lock held (ipc_port_release_send,
 * at most once per port: no new send right can follow).  The hook owns
 * what comes next (typically ipc_port_dealloc_kernel).  While a space holds
 * a send right, the port stays alive and bound to its object, so a lookup
 * needs no port lock.  Registered once at boot, with ipc_kobject_register.
 */
void ipc_kobject_register_no_senders(ipc_kobject_type_t kotype,
    void (*no_senders)(ipc_port_t port));
/*
 * ipc_kobject_translate_send - the object behind name in space, which
 * must be a send right to a port of kotype (a stable kind, above); *objp
 * gets a reference.  Takes only the space's lock.  The codes are XNU's
 * port_name_to_semaphore's: KERN_INVALID_NAME (MACH_PORT_NULL,
 * MACH_PORT_DEAD, or no right under name), KERN_INVALID_RIGHT (no send
 * right there: a receive right, port set, send-once right or dead name,
 * or a send right to a dead port), KERN_INVALID_CAPABILITY (a send right
 * to another kind of port), KERN_INVALID_TASK (the space is dead).
 */
kern_return_t ipc_kobject_translate_send(ipc_space_t space,
    mach_port_name_t name, ipc_kobject_type_t kotype, void **objp);
/*
 * ipc_kobject_translate_sends - the same for n names (1 or 2) under
 * one lock of the space: every name is checked before any reference is
 * taken, so on an error objs is untouched and nothing is held.  The code
 * is the first bad name's, in the order given.  A trap that needs two
 * objects (semaphore_wait_signal) pays for one lookup.
 */
kern_return_t ipc_kobject_translate_sends(ipc_space_t space,
    ipc_kobject_type_t kotype, const mach_port_name_t *names, void **objs,
    unsigned n);

/* --- rights (port locked, active) --- */
ipc_port_t ipc_port_make_send_locked(ipc_port_t port);	/* mscount++, srights++, a reference */
ipc_port_t ipc_port_copy_send_locked(ipc_port_t port);	/* srights++, a reference */
ipc_port_t ipc_port_make_sonce_locked(ipc_port_t port);	/* sorights++, a reference */
/* the same, port unlocked; IP_DEAD if the port is dead (IP_NULL stays IP_NULL) */
ipc_port_t ipc_port_make_send(ipc_port_t port);
ipc_port_t ipc_port_copy_send(ipc_port_t port);

/*
 * ipc_port_release_send - a send right goes away (and its reference):
 * the last one of an active port fires an armed no-senders notification.
 * No lock held.
 */
void ipc_port_release_send(ipc_port_t port);
/* ipc_port_release_sonce - a send-once right was used: sorights--, reference */
void ipc_port_release_sonce(ipc_port_t port);
/*
 * ipc_port_receive_left - port's receive right has left its entry (the
 * space still locked): it is no longer the space's.  A port nothing else
 * hangs on dies here and now, and true: the caller then drops the right's
 * reference (ip_release) once the space is unlocked.  Otherwise false: it
 * dies in ipc_port_release_receive, after the space is unlocked.
 */
bool ipc_port_receive_left(ipc_port_t port);
/*
 * ipc_port_release_receive - a receive right goes away without a message
 * (deallocated, in a destroyed message, its space terminated): a
 * port-destroyed request gets the right back in a notification, unless
 * that would send it into a loop (to itself, or to a port in a message on
 * its way to it); otherwise the port dies.  Consumes the caller's
 * reference.  No lock held.
 */
void ipc_port_release_receive(ipc_port_t port);
/*
 * ipc_port_destroy - the port dies: queued messages are destroyed, waiters
 * woken (MACH_RCV_PORT_DIED, MACH_SEND_INVALID_DEST), dead-name requests
 * fired, no-senders and port-destroyed requests dropped.  Port locked and
 * active on entry, unlocked on exit; the caller's reference stays.
 */
void ipc_port_destroy_locked(ipc_port_t port);

/*
 * ipc_port_transit_begin - port's receive right goes into a message to
 * dest: record dest as its destination, unless that makes a cycle (dest is
 * port, or in a message on its way to port), which returns true and
 * records nothing.  ipc_port_transit_end: it arrived or died.  No lock held.
 */
bool ipc_port_transit_begin(ipc_port_t port, ipc_port_t dest);
void ipc_port_transit_end(ipc_port_t port);

/*
 * dead-name requests, port locked: ipc_port_dnrequest records one (the
 * request keeps notify, a send-once right; KERN_RESOURCE_SHORTAGE);
 * ipc_port_dncancel removes the one for (space, name) and returns its
 * notify right (IP_NULL: none); space locked by the caller.
 */
kern_return_t ipc_port_dnrequest(ipc_port_t port, ipc_space_t space,
    mach_port_name_t name, ipc_port_t notify);
ipc_port_t ipc_port_dncancel(ipc_port_t port, ipc_space_t space,
    mach_port_name_t name);

/* the kernel's space: receiver of kernel-object ports (it names nothing) */
extern ipc_space_t ipc_space_kernel;

/* statistics for tests */
struct ipc_port_stats {
	uint64_t ports;			/* alive or not yet freed */
	uint64_t dnrequests;
	uint64_t dnrequests_late;	/* ever asked of a port that died during the call */
};
/* mach_port_request_notification found the port dead under its lock */
void ipc_port_count_late_dnrequest(void);
void ipc_port_get_stats(struct ipc_port_stats *st);

#endif /* KERNEL_IPC_IPC_PORT_H */
