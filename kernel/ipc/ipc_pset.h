/*
 * kernel/ipc/ipc_pset.h - port sets: receive from any of several ports.
 *
 * A set lists its member ports (through ip_pset_next); a port is in at
 * most one set.  A thread receiving from a set waits on the set's own
 * receiver queue; a sender to a member port that finds the set's queue
 * non-empty hands its message to the first waiter.
 *
 * Locks (order: space, port set, port):
 *	s	ips_lock
 *	c	constant after creation
 */
#ifndef KERNEL_IPC_IPC_PSET_H
#define KERNEL_IPC_IPC_PSET_H

#include <mach/kern_return.h>
#include "kernel/ipc/ipc_object.h"
#include "kernel/ipc/ipc_port.h"
#include "kernel/ipc/ipc_thread.h"

struct ipc_pset {
	struct ipc_object ips_object;
	struct spinlock ips_lock;
	struct ipc_port *ips_members;	/* [s] */
	uint32_t ips_count;		/* [s] members */
	struct ipc_waitq ips_receivers;	/* [s] threads waiting */
};
typedef struct ipc_pset *ipc_pset_t;
#define IPS_NULL	((ipc_pset_t)NULL)

#define ips_active(s)	io_active(&(s)->ips_object)

static inline void
ips_lock(ipc_pset_t s)
{
	spin_lock(&s->ips_lock);
}

static inline void
ips_unlock(ipc_pset_t s)
{
	spin_unlock(&s->ips_lock);
}

void ipc_pset_bootstrap(void);
/* ipc_pset_alloc - a new empty set named in space (space unlocked) */
kern_return_t ipc_pset_alloc(ipc_space_t space, mach_port_name_t *namep,
    ipc_pset_t *psetp);
kern_return_t ipc_pset_alloc_name(ipc_space_t space, mach_port_name_t name,
    ipc_pset_t *psetp);
/* ipc_pset_destroy - the set's name went away: members leave, waiters get MACH_RCV_PORT_DIED; consumes a reference */
void ipc_pset_destroy(ipc_pset_t pset);
void ipc_pset_free(ipc_pset_t pset);	/* (io_release) */
/*
 * ipc_pset_add - port joins pset, the set of space, leaving the set it was
 * in (if any) when move.  KERN_ALREADY_IN_SET when it is in a set already;
 * KERN_INVALID_RIGHT when the set or the port is dead or the port's
 * receive right is no longer in space.  No lock held.
 */
kern_return_t ipc_pset_add(ipc_pset_t pset, ipc_port_t port, ipc_space_t space,
    bool move);
/* ipc_pset_remove - port leaves pset; KERN_NOT_IN_SET.  No lock held. */
kern_return_t ipc_pset_remove(ipc_pset_t pset, ipc_port_t port);
/* ipc_pset_remove_any - port leaves whatever set it is in.  No lock held. */
void ipc_pset_remove_any(ipc_port_t port);

#endif /* KERNEL_IPC_IPC_PSET_H */
