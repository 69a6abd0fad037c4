/*
 * kernel/ipc/ipc_right.h - rights in a space: what each call and each
 * disposition does to an entry, its user references and its port.
 *
 * Moving rights into a message is a transaction (ipc_txn): every right of
 * one message is checked and taken from the sender's entries with the
 * space locked, each entry's old value saved the first time it changes;
 * if any right fails, every entry is put back as it was (validate, then
 * commit).  Only the commit touches ports (counts and references) and
 * frees names, and it cannot fail.
 */
#ifndef KERNEL_IPC_IPC_RIGHT_H
#define KERNEL_IPC_IPC_RIGHT_H

#include <mach/message.h>
#include "kernel/ipc/ipc_port.h"
#include "kernel/ipc/ipc_space.h"

/*
 * ipc_right_check - if entry holds a send or send-once right to a port
 * that died, make it a dead name (the send urefs, or one for a send-once
 * right) and return true.  Space locked and active.
 */
bool ipc_right_check_dead(ipc_space_t space, mach_port_name_t name,
    ipc_entry_t entry);

static inline bool
ipc_right_check(ipc_space_t space, mach_port_name_t name, ipc_entry_t entry)
{
	uint32_t bits = entry->ie_bits;

	/* a receive right keeps its port alive: only other rights can die */
	if (!(bits & (MACH_PORT_TYPE_SEND | MACH_PORT_TYPE_SEND_ONCE)) ||
	    (bits & MACH_PORT_TYPE_RECEIVE))
		return false;
	return ipc_right_check_dead(space, name, entry);
}

/* the rest: space locked and active on entry, unlocked on return */

/*
 * ipc_right_drop_receive - entry holds a receive right alone (no send
 * right under its name): the right goes, as mach_port_mod_refs(RECEIVE,
 * -1) does it.  Inline: it is the usual way a receive right ends.
 */
static inline kern_return_t
ipc_right_drop_receive(ipc_space_t space, mach_port_name_t name,
    ipc_entry_t entry)
{
	ipc_port_t port = (ipc_port_t)entry->ie_object;

	ipc_entry_dealloc(space, name, entry);
	/* the usual case: a port nothing else hangs on dies now */
	if (ipc_port_receive_left(port)) {
		is_unlock(space);
		ip_release(port);
		return KERN_SUCCESS;
	}
	is_unlock(space);
	ipc_port_release_receive(port);
	return KERN_SUCCESS;
}

/* mach_port_deallocate: one uref of a send, send-once or dead-name right */
kern_return_t ipc_right_dealloc(ipc_space_t space, mach_port_name_t name,
    ipc_entry_t entry);
/* mach_port_destroy: every right under the name */
kern_return_t ipc_right_destroy(ipc_space_t space, mach_port_name_t name,
    ipc_entry_t entry);
/* mach_port_mod_refs */
kern_return_t ipc_right_delta(ipc_space_t space, mach_port_name_t name,
    ipc_entry_t entry, mach_port_right_t right, mach_port_delta_t delta);
/* mach_port_type / get_refs: space locked, stays locked */
void ipc_right_info(ipc_space_t space, mach_port_name_t name,
    ipc_entry_t entry, mach_port_type_t *typep, mach_port_urefs_t *urefsp);
/* the space is terminated: release the entry's rights (no lock held) */
void ipc_right_terminate(ipc_space_t space, mach_port_name_t name,
    ipc_entry_t entry);

/*
 * The simple path for a message with no descriptors and two names:
 * ipc_right_copyin_check says whether entry (after ipc_right_check) can
 * give disp without a dead-name request being involved (false: take the
 * transaction path); ipc_right_copyin_take then takes it (space locked),
 * returning the object, which carries a reference for the message.
 */
bool ipc_right_copyin_check(ipc_entry_t entry, mach_msg_type_name_t disp);
struct ipc_object *ipc_right_copyin_take(ipc_space_t space,
    mach_port_name_t name, ipc_entry_t entry, mach_msg_type_name_t disp);

/* --- the copyin transaction --- */

struct ipc_txn_op {
	struct ipc_object *object;	/* IO_DEAD: a dead name's */
	mach_msg_type_name_t disp;	/* as the sender gave it */
};

struct ipc_txn_saved {
	ipc_entry_t entry;
	mach_port_name_t name;
	struct ipc_entry old;
};

#define IPC_TXN_INLINE	8

struct ipc_txn {
	ipc_space_t space;
	uint32_t nops, max;
	uint32_t nsaved;
	uint32_t nhash;			/* reverse hash room reserved for the commit */
	struct ipc_txn_op *ops;
	struct ipc_txn_saved *saved;
	struct ipc_txn_op ops_inline[IPC_TXN_INLINE];
	struct ipc_txn_saved saved_inline[IPC_TXN_INLINE];
	void	*heap;			/* kalloc'd arrays for max > IPC_TXN_INLINE */
	size_t	heap_size;
};

/* ipc_txn_init - room for max rights; KERN_RESOURCE_SHORTAGE */
kern_return_t ipc_txn_init(struct ipc_txn *txn, ipc_space_t space, uint32_t max);
/*
 * ipc_txn_copyin - take the right disp of name (space locked); *objp gets
 * its object (IO_DEAD: a dead name's) with a reference of the
 * transaction's, which the commit gives the right and an abort drops,
 * *typep the type the receiver will see.  KERN_INVALID_NAME, KERN_INVALID_RIGHT (wrong kind; a dead name
 * where dead_ok is false), KERN_INVALID_VALUE (disp is not a port
 * disposition), KERN_RESOURCE_SHORTAGE (no memory for the reverse hash
 * entry a send right left behind by MOVE_RECEIVE will need).  On error nothing changed for this right; the caller
 * aborts the transaction.
 */
kern_return_t ipc_txn_copyin(struct ipc_txn *txn, mach_port_name_t name,
    mach_msg_type_name_t disp, bool dead_ok, struct ipc_object **objp,
    mach_msg_type_name_t *typep);
/* every entry back as it was, the references dropped (space locked, stays locked) */
void ipc_txn_abort(struct ipc_txn *txn);
/*
 * ipc_txn_commit - the rights are in the message: counts on the ports
 * (each right keeps its copyin's reference), names freed.  Space locked, stays locked.  Port-deleted
 * notifications are kept for ipc_txn_done.
 */
void ipc_txn_commit(struct ipc_txn *txn);
/* after unlocking the space: send what commit kept, free the arrays */
void ipc_txn_done(struct ipc_txn *txn);

/*
 * ipc_right_copyout - put a right from a message into space (locked,
 * active): object of received type type.  *namep gets its name (a send
 * right joins the name the space has for the port); MACH_PORT_DEAD for a
 * dead right.  KERN_NO_SPACE / KERN_RESOURCE_SHORTAGE: the right was
 * not placed (still the caller's).  KERN_UREFS_OVERFLOW never: a send
 * right past MACH_PORT_UREFS_MAX is released instead, as in XNU.
 * *releasep gets a send right the caller must release once the space is
 * unlocked (IP_NULL: none).
 */
kern_return_t ipc_right_copyout(ipc_space_t space, struct ipc_object *object,
    mach_msg_type_name_t type, mach_port_name_t *namep, ipc_port_t *releasep);

/* release a right of received type type that nobody will get (no lock held) */
void ipc_right_release(struct ipc_object *object, mach_msg_type_name_t type);

#endif /* KERNEL_IPC_IPC_RIGHT_H */
