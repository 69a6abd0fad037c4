/*
 * kernel/ipc/mach_port.c - the mach_port_* calls (mach_port.h).
 */
#include "kernel/ipc/mach_port.h"
#include "kernel/ipc/ipc_kmsg.h"
#include "kernel/ipc/ipc_notify.h"
#include "kernel/ipc/ipc_port.h"
#include "kernel/ipc/ipc_pset.h"
#include "kernel/ipc/ipc_right.h"
#include "kernel/lib/string.h"
#include "kernel/sched/sched.h"

enum {
	RECEIVE_FIELD_GET_CONTEXT,
	RECEIVE_FIELD_SET_CONTEXT,
	RECEIVE_FIELD_GET_SRIGHTS,
	RECEIVE_FIELD_SET_MSCOUNT,
	RECEIVE_FIELD_SET_SEQNO,
};

/* lock space if it is alive (KERN_INVALID_TASK: not locked) */
static __always_inline kern_return_t
space_lock_active(ipc_space_t space)
{
	is_lock(space);
	if (!space->is_active) {
		is_unlock(space);
		return KERN_INVALID_TASK;
	}
	return KERN_SUCCESS;
}

/* name's entry, the space locked (on success only) */
static __always_inline kern_return_t
lookup_locked(ipc_space_t space, mach_port_name_t name, ipc_entry_t *entryp)
{
	if (space_lock_active(space) != KERN_SUCCESS)
		return KERN_INVALID_TASK;
	*entryp = ipc_entry_lookup(space, name);
	if (*entryp == NULL) {
		is_unlock(space);
		return KERN_INVALID_NAME;
	}
	return KERN_SUCCESS;
}

/*
 * does entry (the space locked) hold the receive right of a guarded port?
 * If so, the space is unlocked and the violation noted (reason), as
 * mach_port_destroy and mach_port_mod_refs refuse such a port in XNU.
 * The guard is read without the port's lock: only this space's holder
 * of the receive right changes it, so a race is the caller's own.
 */
static __attribute__((noinline)) void
guarded_receive_refused(ipc_space_t space, mach_port_name_t name,
    ipc_port_t port, unsigned reason)
{
	uint64_t guard = __atomic_load_n(&port->ip_context, __ATOMIC_RELAXED);

	is_unlock(space);
	ipc_guard_exception(name, guard, reason);
}

static __always_inline bool
guarded_receive(ipc_space_t space, mach_port_name_t name, ipc_entry_t entry,
    unsigned reason)
{
	ipc_port_t port = (ipc_port_t)entry->ie_object;

	if (likely(!(entry->ie_bits & MACH_PORT_TYPE_RECEIVE) ||
	    !(__atomic_load_n(&port->ip_guard, __ATOMIC_RELAXED) & IP_GUARDED)))
		return false;
	guarded_receive_refused(space, name, port, reason);
	return true;
}

void
ipc_guard_exception(mach_port_name_t name, uint64_t payload, unsigned reason)
{
	thread_t self = current_thread();
	struct ipc_thread *ith = thread_ipc(self);

	/* a kernel thread (ktests, the kernel's own calls) raises nothing */
	if (!ith->ith_cache_ok)
		return;
	/* the first violation is raised; later ones before it are not */
	if (ith->ith_guard_reason != 0)
		return;
	ith->ith_guard_reason = reason;
	ith->ith_guard_name = name;
	ith->ith_guard_payload = payload;
	thread_ast_set(self, AST_GUARD);
}

bool
ipc_guard_take(int64_t *codep, int64_t *subcodep)
{
	struct ipc_thread *ith = thread_ipc(current_thread());
	uint32_t reason = ith->ith_guard_reason;

	if (reason == 0)
		return false;
	*codep = (int64_t)(((uint64_t)GUARD_TYPE_MACH_PORT << 61) |
	    ((uint64_t)(reason & 0x1fffffffu) << 32) | ith->ith_guard_name);
	*subcodep = (int64_t)ith->ith_guard_payload;
	ith->ith_guard_reason = 0;
	return true;
}

static kern_return_t
dead_name_alloc(ipc_space_t space, bool by_name, mach_port_name_t *namep)
{
	ipc_entry_t entry;
	kern_return_t kr;

	if (space_lock_active(space) != KERN_SUCCESS)
		return KERN_INVALID_TASK;
	kr = by_name ? ipc_entry_alloc_name(space, *namep, &entry) :
	    ipc_entry_alloc(space, namep, &entry);
	if (kr == KERN_SUCCESS)
		entry->ie_bits |= MACH_PORT_TYPE_DEAD_NAME | 1;
	is_unlock(space);
	return kr;
}

static kern_return_t
allocate_common(ipc_space_t space, mach_port_right_t right, bool by_name,
    mach_port_name_t *namep)
{
	ipc_port_t port;
	ipc_pset_t pset;

	if (space == IS_NULL)
		return KERN_INVALID_TASK;
	switch (right) {
	case MACH_PORT_RIGHT_RECEIVE:
		return by_name ? ipc_port_alloc_name(space, *namep, &port) :
		    ipc_port_alloc(space, namep, &port);
	case MACH_PORT_RIGHT_PORT_SET:
		return by_name ? ipc_pset_alloc_name(space, *namep, &pset) :
		    ipc_pset_alloc(space, namep, &pset);
	case MACH_PORT_RIGHT_DEAD_NAME:
		return dead_name_alloc(space, by_name, namep);
	default:
		return KERN_INVALID_VALUE;
	}
}

kern_return_t
mach_port_allocate(ipc_space_t space, mach_port_right_t right,
    mach_port_name_t *namep)
{
	return allocate_common(space, right, false, namep);
}

kern_return_t
mach_port_allocate_name(ipc_space_t space, mach_port_right_t right,
    mach_port_name_t name)
{
	if (!MACH_PORT_VALID(name))
		return KERN_INVALID_VALUE;
	return allocate_common(space, right, true, &name);
}

kern_return_t
mach_port_construct(ipc_space_t space, const mach_port_options_t *options,
    mach_port_context_t context, mach_port_name_t *namep)
{
	uint32_t guard = 0;

	if (space == IS_NULL)
		return KERN_INVALID_TASK;
	if ((options->flags & MPO_QLIMIT) &&
	    options->mpl.mpl_qlimit > MACH_PORT_QLIMIT_MAX)
		return KERN_INVALID_VALUE;
	if (options->flags & MPO_CONTEXT_AS_GUARD)
		guard = IP_GUARDED |
		    ((options->flags & MPO_STRICT) ? IP_GUARD_STRICT : 0);
	if (options->flags & MPO_IMMOVABLE_RECEIVE)
		guard |= IP_GUARD_IMMOVABLE;
	return ipc_port_construct(space, (options->flags & MPO_QLIMIT) ?
	    (uint16_t)options->mpl.mpl_qlimit : MACH_PORT_QLIMIT_DEFAULT,
	    context, guard, (options->flags & MPO_INSERT_SEND_RIGHT) != 0, namep);
}

kern_return_t
mach_port_destruct(ipc_space_t space, mach_port_name_t name,
    mach_port_delta_t srdelta, mach_port_context_t guard)
{
	mach_port_context_t portguard;
	ipc_entry_t entry;
	ipc_port_t port;
	kern_return_t kr;
	uint32_t urefs;
	bool guarded;

	if (space == IS_NULL)
		return KERN_INVALID_TASK;
	if (!MACH_PORT_VALID(name))
		return KERN_INVALID_NAME;
	if (srdelta > 0)
		return KERN_INVALID_VALUE;
	if ((kr = lookup_locked(space, name, &entry)) != KERN_SUCCESS)
		return kr;
	if (!(entry->ie_bits & MACH_PORT_TYPE_RECEIVE)) {
		is_unlock(space);
		return KERN_INVALID_RIGHT;
	}
	port = (ipc_port_t)entry->ie_object;
	ip_lock(port);
	guarded = (port->ip_guard & IP_GUARDED) != 0;
	portguard = port->ip_context;
	ip_unlock(port);
	if (guarded && portguard != guard) {
		/* an unguarded port's guard argument is ignored, as in XNU */
		is_unlock(space);
		ipc_guard_exception(name, portguard, kGUARD_EXC_DESTROY);
		return KERN_INVALID_ARGUMENT;
	}
	urefs = entry->ie_bits & IE_BITS_UREFS_MASK;
	/*
	 * a send right left behind goes into the reverse hash: its room
	 * first, so that nothing has changed when there is none
	 */
	if ((entry->ie_bits & MACH_PORT_TYPE_SEND) && (uint32_t)-srdelta < urefs &&
	    ipc_hash_reserve(space, 1) != KERN_SUCCESS) {
		is_unlock(space);
		return KERN_RESOURCE_SHORTAGE;
	}
	if (srdelta != 0) {
		if (!(entry->ie_bits & MACH_PORT_TYPE_SEND) ||
		    (uint32_t)-srdelta > urefs) {
			is_unlock(space);
			return KERN_INVALID_RIGHT;
		}
		if ((uint32_t)-srdelta < urefs) {
			entry->ie_bits -= (uint32_t)-srdelta;
		} else {
			/* every send uref goes: the send right with it */
			entry->ie_bits &= ~(MACH_PORT_TYPE_SEND | IE_BITS_UREFS_MASK);
			ip_lock((ipc_port_t)entry->ie_object);
			((ipc_port_t)entry->ie_object)->ip_srights--;
			ip_unlock((ipc_port_t)entry->ie_object);
		}
	}
	return ipc_right_delta(space, name, entry, MACH_PORT_RIGHT_RECEIVE, -1);
}

kern_return_t
mach_port_deallocate(ipc_space_t space, mach_port_name_t name)
{
	ipc_entry_t entry;
	kern_return_t kr;

	if (space == IS_NULL)
		return KERN_INVALID_TASK;
	if (!MACH_PORT_VALID(name))
		return KERN_SUCCESS;
	if ((kr = lookup_locked(space, name, &entry)) != KERN_SUCCESS)
		return kr;
	return ipc_right_dealloc(space, name, entry);
}

kern_return_t
mach_port_destroy(ipc_space_t space, mach_port_name_t name)
{
	ipc_entry_t entry;
	kern_return_t kr;

	if (space == IS_NULL)
		return KERN_INVALID_TASK;
	if (!MACH_PORT_VALID(name))
		return KERN_SUCCESS;
	if ((kr = lookup_locked(space, name, &entry)) != KERN_SUCCESS)
		return kr;
	if (guarded_receive(space, name, entry, kGUARD_EXC_DESTROY))
		return KERN_INVALID_RIGHT;
	return ipc_right_destroy(space, name, entry);
}

kern_return_t
mach_port_mod_refs(ipc_space_t space, mach_port_name_t name,
    mach_port_right_t right, mach_port_delta_t delta)
{
	ipc_entry_t entry;
	kern_return_t kr;

	if (space == IS_NULL)
		return KERN_INVALID_TASK;
	if (right >= MACH_PORT_RIGHT_NUMBER)
		return KERN_INVALID_VALUE;
	if (!MACH_PORT_VALID(name)) {
		if (right == MACH_PORT_RIGHT_SEND ||
		    right == MACH_PORT_RIGHT_SEND_ONCE)
			return KERN_SUCCESS;
		return KERN_INVALID_NAME;
	}
	if ((kr = lookup_locked(space, name, &entry)) != KERN_SUCCESS)
		return kr;
	if (right == MACH_PORT_RIGHT_RECEIVE && delta == -1) {
		if (guarded_receive(space, name, entry, kGUARD_EXC_MOD_REFS))
			return KERN_INVALID_RIGHT;
		if ((entry->ie_bits & IE_BITS_TYPE_MASK) == MACH_PORT_TYPE_RECEIVE)
			return ipc_right_drop_receive(space, name, entry);
	}
	return ipc_right_delta(space, name, entry, right, delta);
}

kern_return_t
mach_port_get_refs(ipc_space_t space, mach_port_name_t name,
    mach_port_right_t right, mach_port_urefs_t *refsp)
{
	ipc_entry_t entry;
	mach_port_type_t type;
	mach_port_urefs_t urefs;
	kern_return_t kr;

	if (space == IS_NULL)
		return KERN_INVALID_TASK;
	if (right >= MACH_PORT_RIGHT_NUMBER)
		return KERN_INVALID_VALUE;
	if (!MACH_PORT_VALID(name)) {
		if (right == MACH_PORT_RIGHT_SEND ||
		    right == MACH_PORT_RIGHT_SEND_ONCE) {
			*refsp = 1;
			return KERN_SUCCESS;
		}
		return KERN_INVALID_NAME;
	}
	if ((kr = lookup_locked(space, name, &entry)) != KERN_SUCCESS)
		return kr;
	ipc_right_info(space, name, entry, &type, &urefs);
	is_unlock(space);
	if (!(type & MACH_PORT_TYPE(right)))
		*refsp = 0;
	else if (right == MACH_PORT_RIGHT_SEND || right == MACH_PORT_RIGHT_DEAD_NAME)
		*refsp = urefs;
	else
		*refsp = 1;
	return KERN_SUCCESS;
}

kern_return_t
mach_port_type(ipc_space_t space, mach_port_name_t name, mach_port_type_t *typep)
{
	ipc_entry_t entry;
	mach_port_urefs_t urefs;
	kern_return_t kr;

	if (space == IS_NULL)
		return KERN_INVALID_TASK;
	if (name == MACH_PORT_NULL)
		return KERN_INVALID_NAME;
	if (name == MACH_PORT_DEAD) {
		*typep = MACH_PORT_TYPE_DEAD_NAME;
		return KERN_SUCCESS;
	}
	if ((kr = lookup_locked(space, name, &entry)) != KERN_SUCCESS)
		return kr;
	ipc_right_info(space, name, entry, typep, &urefs);
	is_unlock(space);
	return KERN_SUCCESS;
}

/*
 * put object (type, a right from a message-like copyin) into space as
 * name; space locked and active.  The name must be free, or already hold
 * rights to the same port that the new right can join.
 */
static kern_return_t
insert_locked(ipc_space_t space, mach_port_name_t name, struct ipc_object *object,
    mach_msg_type_name_t type, bool check_only)
{
	ipc_entry_t entry = ipc_entry_lookup(space, name);
	uint32_t index = MACH_PORT_INDEX(name);
	ipc_port_t port = (ipc_port_t)object;
	mach_port_name_t other;
	ipc_entry_t oentry;
	kern_return_t kr;

	if (entry == NULL) {
		ipc_entry_t slot = ipc_entry_at(space, index);

		if (slot != NULL && (slot->ie_bits & IE_BITS_TYPE_MASK) != 0)
			return KERN_NAME_EXISTS;	/* another generation */
		/* one name per port for send and receive rights */
		if (type != MACH_MSG_TYPE_PORT_SEND_ONCE &&
		    (ipc_hash_lookup(space, object, &other, &oentry) ||
		    port->ip_receiver == space))
			return KERN_RIGHT_EXISTS;
		if (check_only) {
			/* all the insert needs, so that it cannot fail after the commit */
			if (type == MACH_MSG_TYPE_PORT_SEND &&
			    (kr = ipc_hash_reserve(space, 1)) != KERN_SUCCESS)
				return kr;
			if ((kr = ipc_entry_reserve_name(space, name)) != KERN_SUCCESS)
				return kr;
			return space->is_in_use < space->is_max_entries ?
			    KERN_SUCCESS : KERN_NO_SPACE;
		}
		if (type == MACH_MSG_TYPE_PORT_SEND &&
		    (kr = ipc_hash_reserve(space, 1)) != KERN_SUCCESS)
			return kr;
		if ((kr = ipc_entry_alloc_name(space, name, &entry)) != KERN_SUCCESS)
			return kr == KERN_NAME_EXISTS ? KERN_NAME_EXISTS : kr;
		entry->ie_object = object;
		switch (type) {
		case MACH_MSG_TYPE_PORT_SEND:
			entry->ie_bits |= MACH_PORT_TYPE_SEND | 1;
			ipc_hash_insert(space, name, entry);
			break;
		case MACH_MSG_TYPE_PORT_SEND_ONCE:
			entry->ie_bits |= MACH_PORT_TYPE_SEND_ONCE | 1;
			break;
		default:
			entry->ie_bits |= MACH_PORT_TYPE_RECEIVE;
			ip_lock(port);
			port->ip_receiver = space;
			port->ip_receiver_name = name;
			ip_unlock(port);
			break;
		}
		return KERN_SUCCESS;
	}
	/*
	 * Not in the check before the commit: the name may be the one the
	 * right was just taken from (insert_right of a name onto itself),
	 * and turning it into a dead name behind the transaction's saved copy
	 * would leave an abort putting back a right without its reference.
	 * After the commit the right is in hand, and a port that died since
	 * makes the name a dead name here (KERN_NAME_EXISTS; the caller
	 * drops the right).
	 */
	if (!check_only)
		ipc_right_check(space, name, entry);
	if (entry->ie_object != object)
		return KERN_NAME_EXISTS;
	/* the same port: only a send right joins send or receive rights */
	if (type != MACH_MSG_TYPE_PORT_SEND)
		return KERN_RIGHT_EXISTS;
	/*
	 * not a send-once right's name: that entry stays one right (and out
	 * of the reverse hash).  XNU's answer: the port's name elsewhere in
	 * the space, or else a name in use.
	 */
	if (!(entry->ie_bits & (MACH_PORT_TYPE_SEND | MACH_PORT_TYPE_RECEIVE)))
		return port->ip_receiver == space ||
		    ipc_hash_lookup(space, object, &other, &oentry) ?
		    KERN_RIGHT_EXISTS : KERN_NAME_EXISTS;
	if ((entry->ie_bits & IE_BITS_UREFS_MASK) == MACH_PORT_UREFS_MAX)
		return KERN_UREFS_OVERFLOW;
	if (check_only)
		return KERN_SUCCESS;
	if (entry->ie_bits & MACH_PORT_TYPE_SEND) {
		entry->ie_bits++;
		/* the name counts as one send right already */
		ip_lock(port);
		port->ip_srights--;
		ip_unlock(port);
	} else {
		entry->ie_bits |= MACH_PORT_TYPE_SEND | 1;
	}
	ip_release(port);		/* the name holds one */
	return KERN_SUCCESS;
}

kern_return_t
mach_port_insert_right(ipc_space_t space, mach_port_name_t name,
    ipc_space_t caller, mach_port_name_t poly, mach_msg_type_name_t msgt)
{
	struct ipc_txn txn;
	struct ipc_object *object;
	mach_msg_type_name_t type;
	kern_return_t kr;

	if (space == IS_NULL || caller == IS_NULL)
		return KERN_INVALID_TASK;
	if (!MACH_PORT_VALID(name) || !MACH_MSG_TYPE_PORT_ANY(msgt))
		return KERN_INVALID_VALUE;
	if (!MACH_PORT_VALID(poly))
		return KERN_INVALID_CAPABILITY;
	ipc_txn_init(&txn, caller, 1);
	is_lock(caller);
	if (!caller->is_active) {
		is_unlock(caller);
		return KERN_INVALID_TASK;
	}
	kr = ipc_txn_copyin(&txn, poly, msgt, false, &object, &type);
	if (kr != KERN_SUCCESS) {
		ipc_txn_abort(&txn);
		is_unlock(caller);
		return kr == KERN_INVALID_VALUE ||
		    kr == KERN_RESOURCE_SHORTAGE ? kr : KERN_INVALID_CAPABILITY;
	}
	if (space == caller) {
		/* one space: check, and commit only if the insert will work */
		kr = insert_locked(space, name, object, type, true);
		if (kr != KERN_SUCCESS) {
			ipc_txn_abort(&txn);
			is_unlock(caller);
			return kr;
		}
		ipc_txn_commit(&txn);
		kr = insert_locked(space, name, object, type, false);
		is_unlock(space);
		ipc_txn_done(&txn);
		/*
		 * the port died since the check (the name is a dead name
		 * now), or the reverse hash had no room: the right taken
		 * goes, or it would hold the port forever
		 */
		if (kr != KERN_SUCCESS)
			ipc_right_release(object, type);
		return kr;
	}
	ipc_txn_commit(&txn);
	is_unlock(caller);
	ipc_txn_done(&txn);
	is_lock(space);
	kr = space->is_active ? insert_locked(space, name, object, type, false) :
	    KERN_INVALID_TASK;
	is_unlock(space);
	if (kr != KERN_SUCCESS) {
		/* give the right back to the caller under a name of its own */
		mach_port_name_t back;
		ipc_port_t release;

		is_lock(caller);
		if (!caller->is_active ||
		    ipc_right_copyout(caller, object, type, &back, &release) !=
		    KERN_SUCCESS) {
			is_unlock(caller);
			ipc_right_release(object, type);
		} else {
			is_unlock(caller);
			if (release != IP_NULL)
				ipc_port_release_send(release);
			if (type == MACH_MSG_TYPE_PORT_RECEIVE)
				ipc_port_transit_end((ipc_port_t)object);
		}
	}
	return kr;
}

kern_return_t
mach_port_request_notification(ipc_space_t space, mach_port_name_t name,
    mach_msg_id_t variant, mach_port_mscount_t sync, ipc_space_t caller,
    mach_port_name_t notify_name, mach_msg_type_name_t notify_type,
    mach_port_name_t *previousp)
{
	ipc_port_t notify = IP_NULL, previous = IP_NULL, port;
	ipc_entry_t entry;
	struct ipc_txn txn;
	struct ipc_object *object = IO_NULL;
	mach_msg_type_name_t type;
	bool fire = false;
	mach_port_mscount_t mscount = 0;
	kern_return_t kr;

	*previousp = MACH_PORT_NULL;
	if (space == IS_NULL || caller == IS_NULL)
		return KERN_INVALID_TASK;
	if (variant != MACH_NOTIFY_DEAD_NAME && variant != MACH_NOTIFY_NO_SENDERS &&
	    variant != MACH_NOTIFY_PORT_DESTROYED)
		return KERN_INVALID_VALUE;
	if (!MACH_PORT_VALID(name))
		return KERN_INVALID_NAME;
	if (MACH_PORT_VALID(notify_name) &&
	    notify_type != MACH_MSG_TYPE_MAKE_SEND_ONCE &&
	    notify_type != MACH_MSG_TYPE_MOVE_SEND_ONCE)
		return KERN_INVALID_VALUE;
	if (notify_name == MACH_PORT_DEAD)
		return KERN_INVALID_CAPABILITY;

	/* the notify right, taken from the caller (all or nothing) */
	if (MACH_PORT_VALID(notify_name)) {
		ipc_txn_init(&txn, caller, 1);
		is_lock(caller);
		kr = caller->is_active ? ipc_txn_copyin(&txn, notify_name,
		    notify_type, false, &object, &type) : KERN_INVALID_TASK;
		if (kr != KERN_SUCCESS) {
			ipc_txn_abort(&txn);
			is_unlock(caller);
			return kr == KERN_INVALID_TASK ? kr : KERN_INVALID_CAPABILITY;
		}
		ipc_txn_commit(&txn);
		is_unlock(caller);
		ipc_txn_done(&txn);
		notify = (ipc_port_t)object;
	}

	if ((kr = lookup_locked(space, name, &entry)) != KERN_SUCCESS)
		goto fail;
	ipc_right_check(space, name, entry);
	port = (ipc_port_t)entry->ie_object;
	switch (variant) {
	case MACH_NOTIFY_NO_SENDERS:
	case MACH_NOTIFY_PORT_DESTROYED:
		if (!(entry->ie_bits & MACH_PORT_TYPE_RECEIVE)) {
			is_unlock(space);
			kr = KERN_INVALID_RIGHT;
			goto fail;
		}
		if (variant == MACH_NOTIFY_PORT_DESTROYED && sync != 0) {
			is_unlock(space);
			kr = KERN_INVALID_VALUE;
			goto fail;
		}
		ip_lock(port);
		if (variant == MACH_NOTIFY_NO_SENDERS) {
			previous = port->ip_nsrequest;
			if (notify != IP_NULL && port->ip_srights == 0 &&
			    port->ip_mscount >= sync) {
				/* no senders now: it fires at once */
				fire = true;
				mscount = port->ip_mscount;
				port->ip_nsrequest = IP_NULL;
			} else {
				port->ip_nsrequest = notify;
			}
		} else {
			previous = port->ip_pdrequest;
			port->ip_pdrequest = notify;
		}
		ip_unlock(port);
		is_unlock(space);
		if (fire)
			ipc_notify_no_senders(notify, mscount);
		break;

	case MACH_NOTIFY_DEAD_NAME:
	dead_name:
		if (entry->ie_bits & MACH_PORT_TYPE_DEAD_NAME) {
			/* dead already: with sync set, the notification comes now */
			if (notify != IP_NULL && sync != 0) {
				if ((entry->ie_bits & IE_BITS_UREFS_MASK) <
				    MACH_PORT_UREFS_MAX)
					entry->ie_bits++;
				is_unlock(space);
				ipc_notify_dead_name(notify, name);
				break;
			}
			is_unlock(space);
			kr = KERN_INVALID_ARGUMENT;
			goto fail;
		}
		if (!(entry->ie_bits & (MACH_PORT_TYPE_SEND | MACH_PORT_TYPE_SEND_ONCE |
		    MACH_PORT_TYPE_RECEIVE))) {
			is_unlock(space);
			kr = KERN_INVALID_RIGHT;
			goto fail;
		}
		ip_lock(port);
		if (!ip_active(port)) {
			/*
			 * it died since the check (which looks without the
			 * lock): its requests have fired and gone, so a new
			 * one would never fire nor be freed.  The name is a
			 * dead name now, and the request is one on a dead name.
			 */
			ip_unlock(port);
			ipc_port_count_late_dnrequest();
			ipc_right_check(space, name, entry);
			goto dead_name;
		}
		if (entry->ie_bits & IE_BITS_DNREQUEST) {
			previous = ipc_port_dncancel(port, space, name);
			entry->ie_bits &= ~IE_BITS_DNREQUEST;
		}
		if (notify != IP_NULL) {
			kr = ipc_port_dnrequest(port, space, name, notify);
			if (kr != KERN_SUCCESS) {
				ip_unlock(port);
				is_unlock(space);
				goto fail;
			}
			entry->ie_bits |= IE_BITS_DNREQUEST;
		}
		ip_unlock(port);
		is_unlock(space);
		break;
	}
	/* the previous request's right, to the caller */
	if (previous != IP_NULL) {
		ipc_port_t release;

		is_lock(caller);
		if (!caller->is_active ||
		    ipc_right_copyout(caller, &previous->ip_object,
		    MACH_MSG_TYPE_PORT_SEND_ONCE, previousp, &release) != KERN_SUCCESS) {
			is_unlock(caller);
			ipc_notify_send_once(previous);
			*previousp = MACH_PORT_NULL;
		} else {
			is_unlock(caller);
		}
	}
	return KERN_SUCCESS;
fail:
	/* the notify right was taken: it goes, with its send-once notification */
	if (notify != IP_NULL)
		ipc_notify_send_once(notify);
	return kr;
}

/* the port of a receive right name, with a reference */
static kern_return_t
receive_port(ipc_space_t space, mach_port_name_t name, ipc_port_t *portp)
{
	ipc_entry_t entry;
	kern_return_t kr;

	if (space == IS_NULL)
		return KERN_INVALID_TASK;
	if (!MACH_PORT_VALID(name))
		return KERN_INVALID_NAME;
	if ((kr = lookup_locked(space, name, &entry)) != KERN_SUCCESS)
		return kr;
	if (!(entry->ie_bits & MACH_PORT_TYPE_RECEIVE)) {
		is_unlock(space);
		return KERN_INVALID_RIGHT;
	}
	*portp = (ipc_port_t)entry->ie_object;
	ip_reference(*portp);
	is_unlock(space);
	return KERN_SUCCESS;
}

kern_return_t
mach_port_get_attributes(ipc_space_t space, mach_port_name_t name, int flavor,
    integer_t *info, mach_msg_type_number_t *countp)
{
	ipc_port_t port;
	kern_return_t kr;

	switch (flavor) {
	case MACH_PORT_LIMITS_INFO:
		if (*countp < MACH_PORT_LIMITS_INFO_COUNT)
			return KERN_FAILURE;
		break;
	case MACH_PORT_RECEIVE_STATUS:
		if (*countp < MACH_PORT_RECEIVE_STATUS_COUNT)
			return KERN_FAILURE;
		break;
	case MACH_PORT_DNREQUESTS_SIZE:
		if (*countp < MACH_PORT_DNREQUESTS_SIZE_COUNT)
			return KERN_FAILURE;
		break;
	default:
		return KERN_INVALID_ARGUMENT;
	}
	if ((kr = receive_port(space, name, &port)) != KERN_SUCCESS)
		return kr;
	ip_lock(port);
	switch (flavor) {
	case MACH_PORT_LIMITS_INFO: {
		mach_port_limits_t *l = (mach_port_limits_t *)info;

		l->mpl_qlimit = port->ip_qlimit;
		*countp = MACH_PORT_LIMITS_INFO_COUNT;
		break;
	}
	case MACH_PORT_RECEIVE_STATUS: {
		mach_port_status_t *s = (mach_port_status_t *)info;

		memset(s, 0, sizeof(*s));
		s->mps_pset = port->ip_pset != IPS_NULL;
		s->mps_seqno = port->ip_seqno;
		s->mps_mscount = port->ip_mscount;
		s->mps_qlimit = port->ip_qlimit;
		s->mps_msgcount = port->ip_msgcount;
		s->mps_sorights = __atomic_load_n(&port->ip_sorights, __ATOMIC_RELAXED);
		s->mps_srights = port->ip_srights > 0;
		s->mps_pdrequest = port->ip_pdrequest != IP_NULL;
		s->mps_nsrequest = port->ip_nsrequest != IP_NULL;
		if (port->ip_guard & IP_GUARDED)
			s->mps_flags |= MACH_PORT_STATUS_FLAG_GUARDED;
		if (port->ip_guard & IP_GUARD_STRICT)
			s->mps_flags |= MACH_PORT_STATUS_FLAG_STRICT_GUARD;
		if (port->ip_guard & IP_GUARD_IMMOVABLE)
			s->mps_flags |= MACH_PORT_STATUS_FLAG_GUARD_IMMOVABLE_RECEIVE;
		*countp = MACH_PORT_RECEIVE_STATUS_COUNT;
		break;
	}
	default: {
		uint32_t n = 0;

		for (struct ipc_dnreq *d = port->ip_dnrequests; d != NULL; d = d->dn_next)
			n++;
		*info = (integer_t)n;
		*countp = MACH_PORT_DNREQUESTS_SIZE_COUNT;
		break;
	}
	}
	ip_unlock(port);
	ip_release(port);
	return KERN_SUCCESS;
}

kern_return_t
mach_port_set_attributes(ipc_space_t space, mach_port_name_t name, int flavor,
    const integer_t *info, mach_msg_type_number_t count)
{
	ipc_port_t port;
	kern_return_t kr;
	natural_t qlimit;

	switch (flavor) {
	case MACH_PORT_LIMITS_INFO:
		if (count < MACH_PORT_LIMITS_INFO_COUNT)
			return KERN_FAILURE;
		qlimit = ((const mach_port_limits_t *)info)->mpl_qlimit;
		if (qlimit > MACH_PORT_QLIMIT_MAX)
			return KERN_INVALID_VALUE;
		break;
	case MACH_PORT_DNREQUESTS_SIZE:
		if (count < MACH_PORT_DNREQUESTS_SIZE_COUNT)
			return KERN_FAILURE;
		/* the request list grows as needed: nothing to size */
		if ((kr = receive_port(space, name, &port)) == KERN_SUCCESS)
			ip_release(port);
		return kr;
	default:
		return KERN_INVALID_ARGUMENT;
	}
	if ((kr = receive_port(space, name, &port)) != KERN_SUCCESS)
		return kr;
	ip_lock(port);
	port->ip_qlimit = (uint16_t)qlimit;
	if (port->ip_send_waiters != 0)
		thread_wakeup((event_t)&port->ip_msgcount);
	ip_unlock(port);
	ip_release(port);
	return KERN_SUCCESS;
}

/* the set name names, with a reference */
static kern_return_t
pset_lookup(ipc_space_t space, mach_port_name_t name, ipc_pset_t *psetp)
{
	ipc_entry_t entry;
	kern_return_t kr;

	if (!MACH_PORT_VALID(name))
		return KERN_INVALID_NAME;
	if ((kr = lookup_locked(space, name, &entry)) != KERN_SUCCESS)
		return kr;
	if (!(entry->ie_bits & MACH_PORT_TYPE_PORT_SET)) {
		is_unlock(space);
		return KERN_INVALID_RIGHT;
	}
	*psetp = (ipc_pset_t)entry->ie_object;
	io_reference(entry->ie_object);
	is_unlock(space);
	return KERN_SUCCESS;
}

static kern_return_t
member_op(ipc_space_t space, mach_port_name_t name, mach_port_name_t set,
    int op)
{
	ipc_port_t port;
	ipc_pset_t pset = IPS_NULL;
	kern_return_t kr;

	if (space == IS_NULL)
		return KERN_INVALID_TASK;
	if ((kr = receive_port(space, name, &port)) != KERN_SUCCESS)
		return kr;
	if (!(op == 0 && set == MACH_PORT_NULL) &&
	    (kr = pset_lookup(space, set, &pset)) != KERN_SUCCESS) {
		ip_release(port);
		return kr;
	}
	switch (op) {
	case 0:			/* move_member */
		if (pset == IPS_NULL) {
			ipc_pset_remove_any(port);
			kr = KERN_SUCCESS;
		} else {
			kr = ipc_pset_add(pset, port, space, true);
			if (kr == KERN_ALREADY_IN_SET)
				kr = KERN_SUCCESS;	/* already there: nothing moves */
		}
		break;
	case 1:			/* insert_member */
		kr = ipc_pset_add(pset, port, space, false);
		break;
	default:		/* extract_member */
		kr = ipc_pset_remove(pset, port);
		break;
	}
	if (pset != IPS_NULL)
		io_release(&pset->ips_object);
	ip_release(port);
	return kr;
}

kern_return_t
mach_port_move_member(ipc_space_t space, mach_port_name_t member,
    mach_port_name_t after)
{
	return member_op(space, member, after, 0);
}

kern_return_t
mach_port_insert_member(ipc_space_t space, mach_port_name_t name,
    mach_port_name_t pset)
{
	return member_op(space, name, pset, 1);
}

kern_return_t
mach_port_extract_member(ipc_space_t space, mach_port_name_t name,
    mach_port_name_t pset)
{
	return member_op(space, name, pset, 2);
}

kern_return_t
mach_port_names(ipc_space_t space, mach_port_name_t *names,
    mach_port_type_t *types, uint32_t max, uint32_t *countp)
{
	uint32_t n = 0;

	if (space == IS_NULL || space_lock_active(space) != KERN_SUCCESS)
		return KERN_INVALID_TASK;
	for (uint32_t i = 1; i < space->is_table_size; i++) {
		ipc_entry_t e = ipc_entry_at(space, i);
		mach_port_name_t name;
		mach_port_type_t type;
		mach_port_urefs_t urefs;

		if ((e->ie_bits & IE_BITS_TYPE_MASK) == 0)
			continue;
		name = ipc_entry_name(i, e->ie_bits);
		ipc_right_info(space, name, e, &type, &urefs);
		if (n < max) {
			if (names != NULL)
				names[n] = name;
			if (types != NULL)
				types[n] = type;
		}
		n++;
	}
	is_unlock(space);
	*countp = n;
	return KERN_SUCCESS;
}

/*
 * what mach_port_space_info gives for an object: equal for one object,
 * different for two (but for a collision of the 32-bit hash), never its
 * address (XNU gives a permuted address, or 0)
 */
static natural_t
object_token(const struct ipc_object *object)
{
	uint64_t x = (uintptr_t)object;

	if (object == NULL)
		return 0;
	x ^= x >> 29;
	x *= 0xbf58476d1ce4e5b9ull;
	x ^= x >> 32;
	x *= 0x94d049bb133111ebull;
	return (natural_t)(x >> 32) | 1;
}

kern_return_t
mach_port_space_info(ipc_space_t space, ipc_info_space_t *info,
    ipc_info_name_t *table, uint32_t start, uint32_t max, uint32_t *filledp)
{
	uint32_t n = 0;

	if (space == IS_NULL || space_lock_active(space) != KERN_SUCCESS)
		return KERN_INVALID_TASK;
	if (info != NULL) {
		memset(info, 0, sizeof(*info));
		info->iis_genno_mask = 0xff;	/* a name's generation: its low byte */
		info->iis_table_size = space->is_table_size;
		info->iis_table_next = ipc_space_table_next_locked(space);
	}
	for (uint32_t i = start; i < space->is_table_size && n < max; i++, n++) {
		ipc_entry_t e = ipc_entry_at(space, i);
		ipc_info_name_t *iin = &table[n];
		mach_port_name_t name = ipc_entry_name(i, e->ie_bits);

		memset(iin, 0, sizeof(*iin));
		iin->iin_name = name;
		if ((e->ie_bits & IE_BITS_TYPE_MASK) == 0)
			continue;	/* free (index 0 always) */
		ipc_right_info(space, name, e, &iin->iin_type, &iin->iin_urefs);
		iin->iin_object = object_token(e->ie_object);
	}
	is_unlock(space);
	*filledp = n;
	return KERN_SUCCESS;
}

kern_return_t
mach_port_get_set_status(ipc_space_t space, mach_port_name_t name,
    mach_port_name_t *members, uint32_t max, uint32_t *countp)
{
	ipc_entry_t entry;
	ipc_pset_t pset;
	uint32_t n = 0;
	kern_return_t kr;

	if (space == IS_NULL)
		return KERN_INVALID_TASK;
	if (!MACH_PORT_VALID(name))
		return KERN_INVALID_NAME;
	if ((kr = lookup_locked(space, name, &entry)) != KERN_SUCCESS)
		return kr;
	if (!(entry->ie_bits & MACH_PORT_TYPE_PORT_SET)) {
		is_unlock(space);
		return KERN_INVALID_RIGHT;
	}
	pset = (ipc_pset_t)entry->ie_object;
	ips_lock(pset);
	for (ipc_port_t port = pset->ips_members; port != IP_NULL;
	    port = port->ip_pset_next) {
		if (n < max && members != NULL) {
			ip_lock(port);
			members[n] = port->ip_receiver_name;
			ip_unlock(port);
		}
		n++;
	}
	ips_unlock(pset);
	is_unlock(space);
	*countp = n;
	return KERN_SUCCESS;
}

kern_return_t
mach_port_extract_right(ipc_space_t space, mach_port_name_t name,
    mach_msg_type_name_t msgt, ipc_space_t caller, mach_port_name_t *polyp,
    mach_msg_type_name_t *typep)
{
	struct ipc_txn txn;
	struct ipc_object *object;
	mach_msg_type_name_t type;
	mach_port_name_t poly = MACH_PORT_NULL;
	ipc_port_t release = IP_NULL;
	kern_return_t kr;

	if (space == IS_NULL || caller == IS_NULL)
		return KERN_INVALID_TASK;
	if (!MACH_MSG_TYPE_PORT_ANY(msgt))
		return KERN_INVALID_VALUE;
	if (!MACH_PORT_VALID(name))
		return KERN_INVALID_NAME;
	if ((kr = ipc_txn_init(&txn, space, 1)) != KERN_SUCCESS)
		return kr;
	is_lock(space);
	if (!space->is_active) {
		is_unlock(space);
		ipc_txn_abort(&txn);
		return KERN_INVALID_TASK;
	}
	kr = ipc_txn_copyin(&txn, name, msgt, false, &object, &type);
	if (kr != KERN_SUCCESS) {
		ipc_txn_abort(&txn);
		is_unlock(space);
		return kr;
	}
	ipc_txn_commit(&txn);
	if (space != caller) {
		is_unlock(space);
		is_lock(caller);
	}
	kr = caller->is_active ?
	    ipc_right_copyout(caller, object, type, &poly, &release) :
	    KERN_INVALID_TASK;
	is_unlock(caller);
	ipc_txn_done(&txn);
	if (release != IP_NULL)
		ipc_port_release_send(release);
	if (kr != KERN_SUCCESS) {
		/*
		 * Taken from space with nowhere to go (the caller's names are
		 * exhausted, or it is ending): destroyed, as the right in a
		 * reply that cannot be received would be.
		 */
		ipc_right_release(object, type);
		return kr;
	}
	if (type == MACH_MSG_TYPE_PORT_RECEIVE)
		ipc_port_transit_end((ipc_port_t)object);
	*polyp = poly;
	*typep = type;
	return KERN_SUCCESS;
}

/* the port field op names, of the receive right name */
static kern_return_t
receive_field(ipc_space_t space, mach_port_name_t name, int op, uint64_t value,
    uint64_t *outp)
{
	ipc_port_t port;
	kern_return_t kr;

	if ((kr = receive_port(space, name, &port)) != KERN_SUCCESS)
		return kr;
	ip_lock(port);
	switch (op) {
	case RECEIVE_FIELD_GET_CONTEXT:
		/* a strict guard is not shown */
		*outp = (port->ip_guard & IP_GUARD_STRICT) ? 0 : port->ip_context;
		break;
	case RECEIVE_FIELD_SET_CONTEXT:
		if (port->ip_guard & IP_GUARD_STRICT) {
			uint64_t guard = port->ip_context;

			ip_unlock(port);
			ip_release(port);
			ipc_guard_exception(name, guard, kGUARD_EXC_SET_CONTEXT);
			return KERN_INVALID_ARGUMENT;
		}
		/* a plain guard is the context: setting it changes the guard */
		port->ip_context = value;
		break;
	case RECEIVE_FIELD_GET_SRIGHTS:
		*outp = port->ip_srights;
		break;
	case RECEIVE_FIELD_SET_MSCOUNT:
		port->ip_mscount = (mach_port_mscount_t)value;
		break;
	default:		/* RECEIVE_FIELD_SET_SEQNO */
		port->ip_seqno = (mach_port_seqno_t)value;
		break;
	}
	ip_unlock(port);
	ip_release(port);
	return KERN_SUCCESS;
}

kern_return_t
mach_port_get_context(ipc_space_t space, mach_port_name_t name,
    mach_port_context_t *contextp)
{
	uint64_t v = 0;
	kern_return_t kr = receive_field(space, name, RECEIVE_FIELD_GET_CONTEXT, 0, &v);

	if (kr == KERN_SUCCESS)
		*contextp = (mach_port_context_t)v;
	return kr;
}

kern_return_t
mach_port_set_context(ipc_space_t space, mach_port_name_t name,
    mach_port_context_t context)
{
	return receive_field(space, name, RECEIVE_FIELD_SET_CONTEXT, context, NULL);
}

kern_return_t
mach_port_get_srights(ipc_space_t space, mach_port_name_t name,
    mach_port_rights_t *srightsp)
{
	uint64_t v = 0;
	kern_return_t kr = receive_field(space, name, RECEIVE_FIELD_GET_SRIGHTS, 0, &v);

	if (kr == KERN_SUCCESS)
		*srightsp = (mach_port_rights_t)v;
	return kr;
}

kern_return_t
mach_port_set_mscount(ipc_space_t space, mach_port_name_t name,
    mach_port_mscount_t mscount)
{
	return receive_field(space, name, RECEIVE_FIELD_SET_MSCOUNT, mscount, NULL);
}

kern_return_t
mach_port_set_seqno(ipc_space_t space, mach_port_name_t name,
    mach_port_seqno_t seqno)
{
	return receive_field(space, name, RECEIVE_FIELD_SET_SEQNO, seqno, NULL);
}

mach_port_name_t
ipc_port_copyout_send(ipc_port_t sright, ipc_space_t space)
{
	mach_port_name_t name;
	ipc_port_t release;

	if (!IP_VALID(sright))
		return sright == IP_DEAD ? MACH_PORT_DEAD : MACH_PORT_NULL;
	is_lock(space);
	if (!space->is_active ||
	    ipc_right_copyout(space, &sright->ip_object, MACH_MSG_TYPE_PORT_SEND,
	    &name, &release) != KERN_SUCCESS) {
		is_unlock(space);
		ipc_port_release_send(sright);
		return MACH_PORT_NULL;
	}
	is_unlock(space);
	if (release != IP_NULL)
		ipc_port_release_send(release);
	return name;
}

static kern_return_t
copyin_send(ipc_space_t space, mach_port_name_t name, mach_msg_type_name_t disp,
    ipc_port_t *portp)
{
	struct ipc_txn txn;
	struct ipc_object *object;
	mach_msg_type_name_t type;
	kern_return_t kr;

	if (name == MACH_PORT_NULL || name == MACH_PORT_DEAD) {
		*portp = name == MACH_PORT_NULL ? IP_NULL : IP_DEAD;
		return KERN_SUCCESS;
	}
	ipc_txn_init(&txn, space, 1);		/* one right: never allocates */
	if (space_lock_active(space) != KERN_SUCCESS)
		return KERN_INVALID_TASK;
	kr = ipc_txn_copyin(&txn, name, disp, true, &object, &type);
	if (kr != KERN_SUCCESS)
		ipc_txn_abort(&txn);
	else
		ipc_txn_commit(&txn);
	is_unlock(space);
	ipc_txn_done(&txn);
	if (kr == KERN_SUCCESS)
		*portp = (ipc_port_t)object;
	return kr;
}

kern_return_t
ipc_port_copyin_send(ipc_space_t space, mach_port_name_t name,
    ipc_port_t *portp)
{
	return copyin_send(space, name, MACH_MSG_TYPE_COPY_SEND, portp);
}

kern_return_t
ipc_port_copyin_move_send(ipc_space_t space, mach_port_name_t name,
    ipc_port_t *portp)
{
	return copyin_send(space, name, MACH_MSG_TYPE_MOVE_SEND, portp);
}

kern_return_t
ipc_port_copyin_make_sonce(ipc_space_t space, mach_port_name_t name,
    ipc_port_t *portp)
{
	return copyin_send(space, name, MACH_MSG_TYPE_MAKE_SEND_ONCE, portp);
}

/*
 * Port guards (XNU's mach_port_guard family).  Each takes the receive
 * right name, locked and alive in space.  An unusable name or right is
 * KERN_INVALID_NAME or KERN_INVALID_RIGHT; XNU's optional guard
 * exceptions for those (off by default) are not raised.
 */
static kern_return_t
receive_port_locked(ipc_space_t space, mach_port_name_t name,
    ipc_port_t *portp)
{
	kern_return_t kr = receive_port(space, name, portp);

	if (kr != KERN_SUCCESS)
		return kr;
	ip_lock(*portp);
	if (!ip_active(*portp) || (*portp)->ip_receiver != space ||
	    (*portp)->ip_receiver_name != name) {
		/* moved or destroyed meanwhile: as if looked up after */
		ip_unlock(*portp);
		ip_release(*portp);
		return KERN_INVALID_RIGHT;
	}
	return KERN_SUCCESS;
}

static void
receive_port_done(ipc_port_t port)
{
	ip_unlock(port);
	ip_release(port);
}

kern_return_t
mach_port_guard_with_flags(ipc_space_t space, mach_port_name_t name,
    uint64_t guard, uint64_t flags)
{
	ipc_port_t port;
	kern_return_t kr;

	if ((kr = receive_port_locked(space, name, &port)) != KERN_SUCCESS)
		return kr;
	/* a port with a context already cannot take a guard (XNU) */
	if (port->ip_context != 0) {
		receive_port_done(port);
		return KERN_INVALID_ARGUMENT;
	}
	port->ip_context = guard;
	port->ip_guard |= IP_GUARDED;
	if (flags & MPG_STRICT)
		port->ip_guard |= IP_GUARD_STRICT;
	if (flags & MPG_IMMOVABLE_RECEIVE)
		port->ip_guard |= IP_GUARD_IMMOVABLE;
	receive_port_done(port);
	return KERN_SUCCESS;
}

kern_return_t
mach_port_guard(ipc_space_t space, mach_port_name_t name, uint64_t guard,
    bool strict)
{
	return mach_port_guard_with_flags(space, name, guard,
	    strict ? MPG_STRICT : 0);
}

/* a guarded port whose guard is guard, locked; else the violation noted */
static kern_return_t
guard_check_locked(ipc_port_t port, mach_port_name_t name, uint64_t guard)
{
	uint64_t portguard = port->ip_context;

	if (!(port->ip_guard & IP_GUARDED)) {
		receive_port_done(port);
		ipc_guard_exception(name, 0, kGUARD_EXC_UNGUARDED);
		return KERN_INVALID_ARGUMENT;
	}
	if (portguard != guard) {
		receive_port_done(port);
		ipc_guard_exception(name, portguard, kGUARD_EXC_INCORRECT_GUARD);
		return KERN_INVALID_ARGUMENT;
	}
	return KERN_SUCCESS;
}

kern_return_t
mach_port_unguard(ipc_space_t space, mach_port_name_t name, uint64_t guard)
{
	ipc_port_t port;
	kern_return_t kr;

	if ((kr = receive_port_locked(space, name, &port)) != KERN_SUCCESS)
		return kr;
	if ((kr = guard_check_locked(port, name, guard)) != KERN_SUCCESS)
		return kr;
	/* an immovable receive right stays immovable, as in XNU */
	port->ip_context = 0;
	port->ip_guard &= ~(IP_GUARDED | IP_GUARD_STRICT);
	receive_port_done(port);
	return KERN_SUCCESS;
}

kern_return_t
mach_port_swap_guard(ipc_space_t space, mach_port_name_t name,
    uint64_t old_guard, uint64_t new_guard)
{
	ipc_port_t port;
	kern_return_t kr;

	if ((kr = receive_port_locked(space, name, &port)) != KERN_SUCCESS)
		return kr;
	if ((port->ip_guard & (IP_GUARDED | IP_GUARD_STRICT)) ==
	    (IP_GUARDED | IP_GUARD_STRICT)) {
		uint64_t portguard = port->ip_context;

		receive_port_done(port);
		ipc_guard_exception(name, portguard, kGUARD_EXC_SET_CONTEXT);
		return KERN_INVALID_ARGUMENT;
	}
	if ((kr = guard_check_locked(port, name, old_guard)) != KERN_SUCCESS)
		return kr;
	port->ip_context = new_guard;
	receive_port_done(port);
	return KERN_SUCCESS;
}

kern_return_t
mach_port_peek(ipc_space_t space, mach_port_name_t name,
    mach_msg_trailer_type_t trailer_type, mach_port_seqno_t *seqnop,
    mach_msg_size_t *msg_sizep, mach_msg_id_t *msg_idp,
    mach_msg_max_trailer_t *trailer, mach_msg_type_number_t *trailer_sizep)
{
	mach_msg_size_t tsize = REQUESTED_TRAILER_SIZE(trailer_type);
	mach_port_seqno_t seqno = *seqnop;
	ipc_kmsg_t kmsg;
	ipc_port_t port;
	kern_return_t kr;

	if (((trailer_type >> 28) & 0xf) != MACH_MSG_TRAILER_FORMAT_0 ||
	    GET_RCV_ELEMENTS(trailer_type) > MACH_RCV_TRAILER_AUDIT ||
	    tsize > *trailer_sizep)
		return KERN_INVALID_VALUE;
	if ((kr = receive_port(space, name, &port)) != KERN_SUCCESS)
		return kr;
	ip_lock(port);
	kmsg = port->ip_msgs;
	if (seqno == 0) {
		seqno = port->ip_seqno;
	} else if (seqno - port->ip_seqno < port->ip_msgcount) {
		for (mach_port_seqno_t i = port->ip_seqno; i != seqno; i++)
			kmsg = kmsg->ikm_next;
	} else {
		kmsg = IKM_NULL;
	}
	if (kmsg == IKM_NULL || !ip_active(port)) {
		ip_unlock(port);
		ip_release(port);
		return KERN_FAILURE;
	}
	*seqnop = seqno;
	*msg_sizep = kmsg->ikm_header.msgh_size + 8;
	*msg_idp = kmsg->ikm_header.msgh_id;
	ipc_kmsg_trailer_fill(kmsg, seqno, tsize, trailer);
	*trailer_sizep = tsize;
	ip_unlock(port);
	ip_release(port);
	return KERN_SUCCESS;
}

kern_return_t
mach_port_kobject(ipc_space_t space, mach_port_name_t name, natural_t *typep)
{
	ipc_entry_t entry;
	ipc_port_t port;
	kern_return_t kr;

	if (space == IS_NULL)
		return KERN_INVALID_TASK;
	if (!MACH_PORT_VALID(name))
		return KERN_INVALID_NAME;
	if ((kr = lookup_locked(space, name, &entry)) != KERN_SUCCESS)
		return kr;
	if (!(entry->ie_bits & (MACH_PORT_TYPE_SEND | MACH_PORT_TYPE_RECEIVE))) {
		is_unlock(space);
		return KERN_INVALID_RIGHT;
	}
	port = (ipc_port_t)entry->ie_object;
	ip_lock(port);
	kr = ip_active(port) ? KERN_SUCCESS : KERN_INVALID_RIGHT;
	if (kr == KERN_SUCCESS)
		*typep = ip_kotype(port);
	ip_unlock(port);
	is_unlock(space);
	return kr;
}
