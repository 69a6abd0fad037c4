/*
 * kernel/ipc/ipc_right.c - rights in a space (ipc_right.h).
 *
 * The accounting: an entry holds one reference on its object whatever
 * rights it has; a port's ip_srights counts one per entry holding send
 * rights (however many urefs) plus one per send right in a message;
 * ip_sorights counts send-once rights the same way.
 */
#include "kernel/ipc/ipc_right.h"
#include "kernel/ipc/mach_port.h"
#include "kernel/ipc/ipc_mqueue.h"
#include "kernel/ipc/ipc_notify.h"
#include "kernel/ipc/ipc_pset.h"
#include "kernel/lib/string.h"
#include "kernel/panic.h"
#include "kernel/vm/kalloc.h"

#define TYPE(bits)	((bits) & IE_BITS_TYPE_MASK)
#define UREFS(bits)	((bits) & IE_BITS_UREFS_MASK)
#define SEND_ONLY(bits)	(TYPE(bits) == MACH_PORT_TYPE_SEND)

/* an entry gives up its name; its reference is the caller's now */
static void
entry_free(ipc_space_t space, mach_port_name_t name, ipc_entry_t entry)
{
	if (SEND_ONLY(entry->ie_bits) && entry->ie_object != NULL)
		ipc_hash_delete(space, name, entry);
	ipc_entry_dealloc(space, name, entry);
}

/* cancel entry's dead-name request, if armed: the notify right, or IP_NULL */
static ipc_port_t
entry_dncancel(ipc_space_t space, mach_port_name_t name, ipc_entry_t entry)
{
	ipc_port_t port = (ipc_port_t)entry->ie_object, notify;

	if (!(entry->ie_bits & IE_BITS_DNREQUEST))
		return IP_NULL;
	entry->ie_bits &= ~IE_BITS_DNREQUEST;
	ip_lock(port);
	notify = ipc_port_dncancel(port, space, name);
	ip_unlock(port);
	return notify;
}

/* ipc_right_check for a send or send-once right without the receive right */
bool
ipc_right_check_dead(ipc_space_t space, mach_port_name_t name, ipc_entry_t entry)
{
	uint32_t bits = entry->ie_bits, urefs;
	ipc_port_t port;

	port = (ipc_port_t)entry->ie_object;
	/*
	 * Alive now is as good as alive under the lock: a death after this
	 * check is a death after the call, which the caller's next look sees.
	 */
	if (__atomic_load_n(&port->ip_object.io_bits, __ATOMIC_ACQUIRE) &
	    IO_BITS_ACTIVE)
		return false;
	ip_lock(port);
	if (ip_active(port)) {
		ip_unlock(port);
		return false;
	}
	if (bits & MACH_PORT_TYPE_SEND) {
		port->ip_srights--;
		urefs = UREFS(bits);
	} else {
		ip_sorights_drop(port);
		urefs = 1;
	}
	ip_unlock(port);
	if (bits & MACH_PORT_TYPE_SEND)
		ipc_hash_delete(space, name, entry);
	/* a fired dead-name request gave the notification a uref of its own */
	if ((bits & IE_BITS_DNREQUEST) && urefs < MACH_PORT_UREFS_MAX)
		urefs++;
	entry->ie_object = NULL;
	entry->ie_bits = (bits & (IE_BITS_GEN_MASK | IE_BITS_FREELISTED)) |
	    MACH_PORT_TYPE_DEAD_NAME | urefs;
	ip_release(port);
	return true;
}

kern_return_t
ipc_right_dealloc(ipc_space_t space, mach_port_name_t name, ipc_entry_t entry)
{
	uint32_t bits;
	ipc_port_t port, notify = IP_NULL;

	ipc_right_check(space, name, entry);
	bits = entry->ie_bits;
	port = (ipc_port_t)entry->ie_object;
	if (bits & MACH_PORT_TYPE_DEAD_NAME) {
		if (UREFS(bits) == 1)
			ipc_entry_dealloc(space, name, entry);
		else
			entry->ie_bits--;
		is_unlock(space);
		return KERN_SUCCESS;
	}
	if (bits & MACH_PORT_TYPE_SEND_ONCE) {
		notify = entry_dncancel(space, name, entry);
		entry_free(space, name, entry);
		is_unlock(space);
		ipc_notify_port_deleted(notify, name);
		ipc_notify_send_once(port);
		return KERN_SUCCESS;
	}
	if (!(bits & MACH_PORT_TYPE_SEND)) {
		is_unlock(space);
		return KERN_INVALID_RIGHT;
	}
	if (UREFS(bits) > 1) {
		entry->ie_bits--;
		is_unlock(space);
		return KERN_SUCCESS;
	}
	if (bits & MACH_PORT_TYPE_RECEIVE) {
		/* the name stays for the receive right, with its reference */
		entry->ie_bits &= ~(MACH_PORT_TYPE_SEND | IE_BITS_UREFS_MASK);
		ip_reference(port);
	} else {
		notify = entry_dncancel(space, name, entry);
		entry_free(space, name, entry);
	}
	is_unlock(space);
	ipc_notify_port_deleted(notify, name);
	ipc_port_release_send(port);
	return KERN_SUCCESS;
}

/*
 * port's receive right has left its entry (space still locked): it is no
 * longer the space's from here on, though it dies only once the space is
 * unlocked (ipc_port_release_receive).  In between, ipc_right_copyout of a
 * send right to it must not look for the freed name.
 */
static void
receive_left(ipc_port_t port)
{
	ip_lock(port);
	port->ip_receiver = IS_NULL;
	port->ip_receiver_name = MACH_PORT_NULL;
	ip_unlock(port);
}

/* drop a send right of a port whose receive right is going too: no no-senders */
static void
port_drop_send_quiet(ipc_port_t port)
{
	ip_lock(port);
	port->ip_srights--;
	ip_unlock(port);
}

kern_return_t
ipc_right_destroy(ipc_space_t space, mach_port_name_t name, ipc_entry_t entry)
{
	uint32_t bits;
	struct ipc_object *object;
	ipc_port_t notify = IP_NULL;

	ipc_right_check(space, name, entry);
	bits = entry->ie_bits;
	object = entry->ie_object;
	if ((bits & (MACH_PORT_TYPE_SEND | MACH_PORT_TYPE_SEND_ONCE)) &&
	    !(bits & MACH_PORT_TYPE_RECEIVE))
		notify = entry_dncancel(space, name, entry);
	entry_free(space, name, entry);
	if (bits & MACH_PORT_TYPE_RECEIVE)
		receive_left((ipc_port_t)object);
	is_unlock(space);
	ipc_notify_port_deleted(notify, name);

	if (bits & MACH_PORT_TYPE_PORT_SET) {
		ipc_pset_destroy((ipc_pset_t)object);
	} else if (bits & MACH_PORT_TYPE_RECEIVE) {
		if (bits & MACH_PORT_TYPE_SEND)
			port_drop_send_quiet((ipc_port_t)object);
		ipc_port_release_receive((ipc_port_t)object);
	} else if (bits & MACH_PORT_TYPE_SEND) {
		ipc_port_release_send((ipc_port_t)object);
	} else if (bits & MACH_PORT_TYPE_SEND_ONCE) {
		ipc_notify_send_once((ipc_port_t)object);
	}
	return KERN_SUCCESS;
}

/* a new uref count for a send or dead-name right: delta checked against the bounds */
static kern_return_t
urefs_delta(uint32_t urefs, mach_port_delta_t delta, uint32_t *out)
{
	int64_t n = (int64_t)urefs + delta;

	if (n < 0)
		return KERN_INVALID_VALUE;
	if (n > MACH_PORT_UREFS_MAX)
		return KERN_UREFS_OVERFLOW;
	*out = (uint32_t)n;
	return KERN_SUCCESS;
}

kern_return_t
ipc_right_delta(ipc_space_t space, mach_port_name_t name, ipc_entry_t entry,
    mach_port_right_t right, mach_port_delta_t delta)
{
	uint32_t bits, urefs;
	struct ipc_object *object;
	kern_return_t kr;

	ipc_right_check(space, name, entry);
	bits = entry->ie_bits;
	object = entry->ie_object;
	switch (right) {
	case MACH_PORT_RIGHT_RECEIVE:
		if (!(bits & MACH_PORT_TYPE_RECEIVE))
			goto invalid_right;
		if (delta == 0)
			goto ok;
		if (delta != -1)
			goto invalid_value;
		if (bits & MACH_PORT_TYPE_SEND) {
			/* the send right stays, soon a dead name, in the reverse hash */
			if (ipc_hash_reserve(space, 1) != KERN_SUCCESS) {
				kr = KERN_RESOURCE_SHORTAGE;
				goto out;
			}
			entry->ie_bits &= ~MACH_PORT_TYPE_RECEIVE;
			ipc_hash_insert(space, name, entry);
			io_reference(object);
		} else {
			return ipc_right_drop_receive(space, name, entry);
		}
		receive_left((ipc_port_t)object);
		is_unlock(space);
		ipc_port_release_receive((ipc_port_t)object);
		return KERN_SUCCESS;

	case MACH_PORT_RIGHT_PORT_SET:
		if (!(bits & MACH_PORT_TYPE_PORT_SET))
			goto invalid_right;
		if (delta == 0)
			goto ok;
		if (delta != -1)
			goto invalid_value;
		entry_free(space, name, entry);
		is_unlock(space);
		ipc_pset_destroy((ipc_pset_t)object);
		return KERN_SUCCESS;

	case MACH_PORT_RIGHT_SEND_ONCE:
		if (!(bits & MACH_PORT_TYPE_SEND_ONCE))
			goto invalid_right;
		if (delta == 0)
			goto ok;
		if (delta != -1)
			goto invalid_value;
		return ipc_right_dealloc(space, name, entry);

	case MACH_PORT_RIGHT_DEAD_NAME:
		if (!(bits & MACH_PORT_TYPE_DEAD_NAME))
			goto invalid_right;
		if ((kr = urefs_delta(UREFS(bits), delta, &urefs)) != KERN_SUCCESS)
			goto out;
		if (urefs == 0)
			ipc_entry_dealloc(space, name, entry);
		else
			entry->ie_bits = (bits & ~IE_BITS_UREFS_MASK) | urefs;
		goto ok;

	case MACH_PORT_RIGHT_SEND:
		if (!(bits & MACH_PORT_TYPE_SEND))
			goto invalid_right;
		if ((kr = urefs_delta(UREFS(bits), delta, &urefs)) != KERN_SUCCESS)
			goto out;
		if (urefs > 0) {
			entry->ie_bits = (bits & ~IE_BITS_UREFS_MASK) | urefs;
			goto ok;
		}
		/* the last send uref: as deallocating it */
		entry->ie_bits = (bits & ~IE_BITS_UREFS_MASK) | 1;
		return ipc_right_dealloc(space, name, entry);

	default:
		goto invalid_value;
	}
ok:
	kr = KERN_SUCCESS;
	goto out;
invalid_right:
	kr = KERN_INVALID_RIGHT;
	goto out;
invalid_value:
	kr = KERN_INVALID_VALUE;
out:
	is_unlock(space);
	return kr;
}

void
ipc_right_info(ipc_space_t space, mach_port_name_t name, ipc_entry_t entry,
    mach_port_type_t *typep, mach_port_urefs_t *urefsp)
{
	ipc_right_check(space, name, entry);
	*typep = TYPE(entry->ie_bits);
	if (entry->ie_bits & IE_BITS_DNREQUEST)
		*typep |= MACH_PORT_TYPE_DNREQUEST;
	*urefsp = UREFS(entry->ie_bits);
}

void
ipc_right_terminate(ipc_space_t space, mach_port_name_t name, ipc_entry_t entry)
{
	uint32_t bits = entry->ie_bits;
	struct ipc_object *object = entry->ie_object;
	ipc_port_t notify = IP_NULL;

	if (bits & MACH_PORT_TYPE_PORT_SET) {
		ipc_pset_destroy((ipc_pset_t)object);
		return;
	}
	if (bits & MACH_PORT_TYPE_RECEIVE) {
		if (bits & MACH_PORT_TYPE_SEND)
			port_drop_send_quiet((ipc_port_t)object);
		ipc_port_release_receive((ipc_port_t)object);
		return;
	}
	if (!(bits & (MACH_PORT_TYPE_SEND | MACH_PORT_TYPE_SEND_ONCE)))
		return;			/* a dead name */
	if (bits & IE_BITS_DNREQUEST) {
		ipc_port_t port = (ipc_port_t)object;

		ip_lock(port);
		notify = ipc_port_dncancel(port, space, name);
		ip_unlock(port);
	}
	ipc_notify_port_deleted(notify, name);
	if (bits & MACH_PORT_TYPE_SEND)
		ipc_port_release_send((ipc_port_t)object);
	else
		ipc_notify_send_once((ipc_port_t)object);
}

/* --- the simple path --- */

bool
ipc_right_copyin_check(ipc_entry_t entry, mach_msg_type_name_t disp)
{
	uint32_t bits = entry->ie_bits;

	if (bits & IE_BITS_DNREQUEST)
		return false;
	switch (disp) {
	case MACH_MSG_TYPE_COPY_SEND:
	case MACH_MSG_TYPE_MOVE_SEND:
		return (bits & MACH_PORT_TYPE_SEND) != 0;
	case MACH_MSG_TYPE_MAKE_SEND:
	case MACH_MSG_TYPE_MAKE_SEND_ONCE:
		return (bits & MACH_PORT_TYPE_RECEIVE) != 0;
	case MACH_MSG_TYPE_MOVE_SEND_ONCE:
		return (bits & MACH_PORT_TYPE_SEND_ONCE) != 0;
	default:
		return false;
	}
}

struct ipc_object *
ipc_right_copyin_take(ipc_space_t space, mach_port_name_t name,
    ipc_entry_t entry, mach_msg_type_name_t disp)
{
	struct ipc_object *object = entry->ie_object;
	ipc_port_t port = (ipc_port_t)object;

	switch (disp) {
	case MACH_MSG_TYPE_MOVE_SEND:
		if (UREFS(entry->ie_bits) == 1) {
			/* the name's send right itself goes: no new one */
			if (entry->ie_bits & MACH_PORT_TYPE_RECEIVE) {
				entry->ie_bits &= ~(MACH_PORT_TYPE_SEND |
				    IE_BITS_UREFS_MASK);
				io_reference(object);
			} else {
				entry_free(space, name, entry);
			}
			return object;
		}
		/* the name keeps a right, the message gets a new one */
		entry->ie_bits--;
		ip_lock(port);
		port->ip_srights++;
		ip_unlock(port);
		break;
	case MACH_MSG_TYPE_COPY_SEND:
		ip_lock(port);
		port->ip_srights++;
		ip_unlock(port);
		break;
	case MACH_MSG_TYPE_MAKE_SEND:
		ip_lock(port);
		port->ip_mscount++;
		port->ip_srights++;
		ip_unlock(port);
		break;
	case MACH_MSG_TYPE_MAKE_SEND_ONCE:
		ip_sorights_add(port);
		break;
	default:		/* MOVE_SEND_ONCE: the right and the reference move */
		entry_free(space, name, entry);
		return object;
	}
	io_reference(object);
	return object;
}

/* --- the copyin transaction --- */

kern_return_t
ipc_txn_init(struct ipc_txn *txn, ipc_space_t space, uint32_t max)
{
	txn->space = space;
	txn->nops = txn->nsaved = txn->nhash = 0;
	txn->max = max;
	txn->heap = NULL;
	txn->heap_size = 0;
	if (max <= IPC_TXN_INLINE) {
		txn->ops = txn->ops_inline;
		txn->saved = txn->saved_inline;
		return KERN_SUCCESS;
	}
	txn->heap_size = (size_t)max * (sizeof(struct ipc_txn_op) +
	    sizeof(struct ipc_txn_saved));
	txn->heap = kalloc(txn->heap_size);
	if (txn->heap == NULL)
		return KERN_RESOURCE_SHORTAGE;
	txn->saved = txn->heap;
	txn->ops = (struct ipc_txn_op *)(txn->saved + max);
	return KERN_SUCCESS;
}

/* has this transaction changed entry already? */
static bool
txn_saved(const struct ipc_txn *txn, ipc_entry_t entry)
{
	for (uint32_t i = 0; i < txn->nsaved; i++) {
		if (txn->saved[i].entry == entry)
			return true;
	}
	return false;
}

/* save entry before its first change in this transaction */
static void
txn_save(struct ipc_txn *txn, mach_port_name_t name, ipc_entry_t entry)
{
	if (txn_saved(txn, entry))
		return;
	txn->saved[txn->nsaved].entry = entry;
	txn->saved[txn->nsaved].name = name;
	txn->saved[txn->nsaved].old = *entry;
	txn->nsaved++;
}

kern_return_t
ipc_txn_copyin(struct ipc_txn *txn, mach_port_name_t name,
    mach_msg_type_name_t disp, bool dead_ok, struct ipc_object **objp,
    mach_msg_type_name_t *typep)
{
	ipc_space_t space = txn->space;
	ipc_entry_t entry;
	uint32_t bits;
	struct ipc_object *object;
	mach_msg_type_name_t type;

	if (txn->nops == txn->max)
		panic("ipc_txn_copyin: more rights than counted (%u)", txn->max);
	if (!MACH_MSG_TYPE_PORT_ANY(disp))
		return KERN_INVALID_VALUE;
	entry = ipc_entry_lookup(space, name);
	if (entry == NULL)
		return KERN_INVALID_NAME;
	/*
	 * A name this message took a right from already stays as it was
	 * then, even if its port died since: turning it into a dead name now
	 * would drop the port's count and reference behind the saved copy
	 * (an abort would put back a right without them, a commit would take
	 * the count a second time).
	 */
	if (!txn_saved(txn, entry))
		ipc_right_check(space, name, entry);
	bits = entry->ie_bits;
	object = entry->ie_object;

	if (bits & MACH_PORT_TYPE_DEAD_NAME) {
		/* a dead name stands for a send or send-once right of a dead port */
		if (!dead_ok || !MACH_MSG_TYPE_PORT_ANY_SEND(disp) ||
		    disp == MACH_MSG_TYPE_MAKE_SEND ||
		    disp == MACH_MSG_TYPE_MAKE_SEND_ONCE)
			return KERN_INVALID_RIGHT;
		if (disp != MACH_MSG_TYPE_COPY_SEND) {
			txn_save(txn, name, entry);
			entry->ie_bits--;
			if (UREFS(entry->ie_bits) == 0)
				entry->ie_bits &= ~IE_BITS_TYPE_MASK;
		}
		*objp = IO_DEAD;
		*typep = disp == MACH_MSG_TYPE_MOVE_SEND_ONCE ?
		    MACH_MSG_TYPE_PORT_SEND_ONCE : MACH_MSG_TYPE_PORT_SEND;
		return KERN_SUCCESS;
	}

	switch (disp) {
	case MACH_MSG_TYPE_MOVE_RECEIVE:
		if (!(bits & MACH_PORT_TYPE_RECEIVE))
			return KERN_INVALID_RIGHT;
		/* MPO_IMMOVABLE_RECEIVE, MPG_IMMOVABLE_RECEIVE: it stays here */
		if (__atomic_load_n(&((ipc_port_t)object)->ip_guard,
		    __ATOMIC_RELAXED) & IP_GUARD_IMMOVABLE) {
			ipc_guard_exception(name, 0, kGUARD_EXC_IMMOVABLE);
			return KERN_INVALID_RIGHT;
		}
		/*
		 * a send right under the same name stays, and the commit
		 * puts it into the reverse hash: the room for it now, while
		 * failing changes nothing
		 */
		if (bits & MACH_PORT_TYPE_SEND) {
			if (ipc_hash_reserve(space, txn->nhash + 1) != KERN_SUCCESS)
				return KERN_RESOURCE_SHORTAGE;
			txn->nhash++;
		}
		txn_save(txn, name, entry);
		entry->ie_bits &= ~MACH_PORT_TYPE_RECEIVE;
		type = MACH_MSG_TYPE_PORT_RECEIVE;
		break;
	case MACH_MSG_TYPE_MAKE_SEND:
		if (!(bits & MACH_PORT_TYPE_RECEIVE))
			return KERN_INVALID_RIGHT;
		type = MACH_MSG_TYPE_PORT_SEND;
		break;
	case MACH_MSG_TYPE_MAKE_SEND_ONCE:
		if (!(bits & MACH_PORT_TYPE_RECEIVE))
			return KERN_INVALID_RIGHT;
		type = MACH_MSG_TYPE_PORT_SEND_ONCE;
		break;
	case MACH_MSG_TYPE_COPY_SEND:
		if (!(bits & MACH_PORT_TYPE_SEND))
			return KERN_INVALID_RIGHT;
		type = MACH_MSG_TYPE_PORT_SEND;
		break;
	case MACH_MSG_TYPE_MOVE_SEND:
		if (!(bits & MACH_PORT_TYPE_SEND))
			return KERN_INVALID_RIGHT;
		txn_save(txn, name, entry);
		entry->ie_bits--;
		if (UREFS(entry->ie_bits) == 0)
			entry->ie_bits &= ~MACH_PORT_TYPE_SEND;
		type = MACH_MSG_TYPE_PORT_SEND;
		break;
	case MACH_MSG_TYPE_MOVE_SEND_ONCE:
		if (!(bits & MACH_PORT_TYPE_SEND_ONCE))
			return KERN_INVALID_RIGHT;
		txn_save(txn, name, entry);
		entry->ie_bits &= ~(MACH_PORT_TYPE_SEND_ONCE | IE_BITS_UREFS_MASK);
		type = MACH_MSG_TYPE_PORT_SEND_ONCE;
		break;
	default:
		return KERN_INVALID_VALUE;
	}
	/*
	 * The op's own reference, taken now (XNU's ipc_object_copyin): the
	 * name's may go before the commit, when a later right of this
	 * message taken from the same unsaved name (COPY_SEND, MAKE_SEND)
	 * finds the port dead and turns the name into a dead name.
	 */
	io_reference(object);
	txn->ops[txn->nops].object = object;
	txn->ops[txn->nops].disp = disp;
	txn->nops++;
	*objp = object;
	*typep = type;
	return KERN_SUCCESS;
}

void
ipc_txn_abort(struct ipc_txn *txn)
{
	for (uint32_t i = txn->nsaved; i-- > 0;)
		*txn->saved[i].entry = txn->saved[i].old;
	/* the ops' references: a port that died meanwhile may go here */
	for (uint32_t i = 0; i < txn->nops; i++) {
		if (IO_VALID(txn->ops[i].object))
			io_release(txn->ops[i].object);
	}
	txn->nsaved = txn->nops = txn->nhash = 0;
}

void
ipc_txn_commit(struct ipc_txn *txn)
{
	ipc_space_t space = txn->space;

	/* the ports: each right in the message has its op's reference */
	for (uint32_t i = 0; i < txn->nops; i++) {
		ipc_port_t port = (ipc_port_t)txn->ops[i].object;

		switch (txn->ops[i].disp) {
		case MACH_MSG_TYPE_MOVE_RECEIVE:
			ip_lock(port);
			/* its receivers here lose it (XNU: ipc_mqueue_changed) */
			ipc_mqueue_wake_receivers_locked(&port->ip_receivers,
			    MACH_RCV_PORT_CHANGED);
			port->ip_receiver = IS_NULL;
			port->ip_receiver_name = MACH_PORT_NULL;
			ip_unlock(port);
			ipc_pset_remove_any(port);
			break;
		case MACH_MSG_TYPE_MAKE_SEND:
			ip_lock(port);
			ipc_port_make_send_locked(port);
			ip_unlock(port);
			ip_release(port);	/* make_send took one too */
			break;
		case MACH_MSG_TYPE_MAKE_SEND_ONCE:
			ip_sorights_add(port);
			break;
		case MACH_MSG_TYPE_COPY_SEND:
		case MACH_MSG_TYPE_MOVE_SEND:
			/* a move keeps the count only when the name lost its right (below) */
			ip_lock(port);
			port->ip_srights++;
			ip_unlock(port);
			break;
		default:		/* MOVE_SEND_ONCE: the count moves with the right */
			break;
		}
	}
	/* the names: rights that left, names that went away */
	for (uint32_t i = 0; i < txn->nsaved; i++) {
		struct ipc_txn_saved *s = &txn->saved[i];
		ipc_entry_t entry = s->entry;
		uint32_t old = s->old.ie_bits, now = entry->ie_bits;
		ipc_port_t port = (ipc_port_t)s->old.ie_object;

		if ((old & MACH_PORT_TYPE_SEND) && !(now & MACH_PORT_TYPE_SEND)) {
			/* the name's send right went into the message: no new one */
			ip_lock(port);
			port->ip_srights--;
			ip_unlock(port);
		}
		if (TYPE(now) == 0) {
			/* the name is gone: a request armed on it is cancelled */
			if ((old & IE_BITS_DNREQUEST) && port != NULL) {
				ipc_port_t notify;

				ip_lock(port);
				notify = ipc_port_dncancel(port, space, s->name);
				ip_unlock(port);
				/* kept for ipc_txn_done in the saved slot */
				s->old.ie_object = notify != IP_NULL ?
				    &notify->ip_object : NULL;
				s->old.ie_bits = IE_BITS_DNREQUEST;
			} else {
				s->old.ie_object = NULL;
				s->old.ie_bits = 0;
			}
			entry->ie_bits = now & ~IE_BITS_DNREQUEST;
			if (SEND_ONLY(old) && port != NULL) {
				entry->ie_bits = old;	/* as it was in the hash */
				ipc_hash_delete(space, s->name, entry);
				entry->ie_bits = now & ~IE_BITS_DNREQUEST;
			}
			ipc_entry_dealloc(space, s->name, entry);
			if (port != NULL)
				ip_release(port);	/* the name's reference */
			continue;
		}
		if ((old & MACH_PORT_TYPE_RECEIVE) && SEND_ONLY(now)) {
			/* a send right left behind by its receive right */
			if (ipc_hash_reserve(space, 1) != KERN_SUCCESS)
				panic("ipc_txn_commit: reverse hash room not reserved");
			ipc_hash_insert(space, s->name, entry);
		}
		s->old.ie_object = NULL;
		s->old.ie_bits = 0;
	}
}

void
ipc_txn_done(struct ipc_txn *txn)
{
	for (uint32_t i = 0; i < txn->nsaved; i++) {
		struct ipc_txn_saved *s = &txn->saved[i];

		if (s->old.ie_bits == IE_BITS_DNREQUEST && s->old.ie_object != NULL)
			ipc_notify_port_deleted((ipc_port_t)s->old.ie_object, s->name);
	}
	if (txn->heap != NULL)
		kfree(txn->heap, txn->heap_size);
	txn->heap = NULL;
}

/* --- copyout --- */

kern_return_t
ipc_right_copyout(ipc_space_t space, struct ipc_object *object,
    mach_msg_type_name_t type, mach_port_name_t *namep, ipc_port_t *releasep)
{
	ipc_port_t port = (ipc_port_t)object;
	ipc_entry_t entry;
	mach_port_name_t name;
	kern_return_t kr;

	*releasep = IP_NULL;
	if (object == IO_NULL) {
		*namep = MACH_PORT_NULL;
		return KERN_SUCCESS;
	}
	if (object == IO_DEAD) {
		*namep = MACH_PORT_DEAD;
		return KERN_SUCCESS;
	}
	switch (type) {
	case MACH_MSG_TYPE_PORT_SEND:
		ip_lock(port);
		if (!ip_active(port)) {
			ip_unlock(port);
			*releasep = port;
			*namep = MACH_PORT_DEAD;
			return KERN_SUCCESS;
		}
		if (port->ip_receiver == space) {
			name = port->ip_receiver_name;
			ip_unlock(port);
			entry = ipc_entry_lookup(space, name);
			if (entry == NULL)
				panic("ipc_right_copyout: receive right %#x not in its space", name);
		} else {
			ip_unlock(port);
			if (!ipc_hash_lookup(space, object, &name, &entry))
				goto new_send;
		}
		*namep = name;
		if (entry->ie_bits & MACH_PORT_TYPE_SEND) {
			/* merge: the name already counts as a send right */
			if (UREFS(entry->ie_bits) < MACH_PORT_UREFS_MAX)
				entry->ie_bits++;
			*releasep = port;
			return KERN_SUCCESS;
		}
		/* the receive right's name takes the send right; its reference suffices */
		entry->ie_bits |= MACH_PORT_TYPE_SEND | 1;
		ip_release(port);
		return KERN_SUCCESS;
new_send:
		if ((kr = ipc_hash_reserve(space, 1)) != KERN_SUCCESS)
			return kr;
		if ((kr = ipc_entry_alloc(space, &name, &entry)) != KERN_SUCCESS)
			return kr;
		entry->ie_object = object;
		entry->ie_bits |= MACH_PORT_TYPE_SEND | 1;
		ipc_hash_insert(space, name, entry);
		*namep = name;
		return KERN_SUCCESS;

	case MACH_MSG_TYPE_PORT_SEND_ONCE:
		if ((kr = ipc_entry_alloc(space, &name, &entry)) != KERN_SUCCESS)
			return kr;
		entry->ie_object = object;
		entry->ie_bits |= MACH_PORT_TYPE_SEND_ONCE | 1;
		*namep = name;
		return KERN_SUCCESS;

	case MACH_MSG_TYPE_PORT_RECEIVE:
		if (ipc_hash_lookup(space, object, &name, &entry)) {
			ipc_hash_delete(space, name, entry);
			entry->ie_bits |= MACH_PORT_TYPE_RECEIVE;
			ip_release(port);	/* the name has one */
		} else {
			if ((kr = ipc_entry_alloc(space, &name, &entry)) != KERN_SUCCESS)
				return kr;
			entry->ie_object = object;
			entry->ie_bits |= MACH_PORT_TYPE_RECEIVE;
		}
		ip_lock(port);
		port->ip_receiver = space;
		port->ip_receiver_name = name;
		ip_unlock(port);
		*namep = name;
		return KERN_SUCCESS;

	default:
		panic("ipc_right_copyout: type %u", type);
	}
}

void
ipc_right_release(struct ipc_object *object, mach_msg_type_name_t type)
{
	if (!IO_VALID(object))
		return;
	switch (type) {
	case MACH_MSG_TYPE_PORT_SEND:
		ipc_port_release_send((ipc_port_t)object);
		break;
	case MACH_MSG_TYPE_PORT_SEND_ONCE:
		ipc_notify_send_once((ipc_port_t)object);
		break;
	case MACH_MSG_TYPE_PORT_RECEIVE:
		ipc_port_release_receive((ipc_port_t)object);
		break;
	default:
		panic("ipc_right_release: type %u", type);
	}
}
