/*
 * kernel/ipc/ipc_port.c - ports, their rights and their death (ipc_port.h).
 */
#include "kernel/ipc/ipc_port.h"
#include "kernel/ipc/ipc_kmsg.h"
#include "kernel/ipc/ipc_mqueue.h"
#include "kernel/ipc/ipc_notify.h"
#include "kernel/ipc/ipc_pset.h"
#include "kernel/lib/string.h"
#include "kernel/panic.h"
#include "kernel/sched/sched.h"
#include "kernel/vm/zone.h"

static struct zone *ipc_port_zone, *ipc_dnreq_zone;		/* [c] */
static uint64_t ipc_ports_alive, ipc_dnreqs_alive, ipc_dnreqs_late;	/* [a] */
static void (*ipc_kobject_reference_fn[IKOT_MAX])(void *);	/* [c] */
static void (*ipc_kobject_no_senders_fn[IKOT_MAX])(ipc_port_t);	/* [c] */

/* ip_destination of every port in transit (ipc_port_check_circularity) */
static struct spinlock ipc_transit_lock =
    SPINLOCK_INITIALIZER_RANKED("ipc_transit", LOCK_RANK_IPC_PSET + 1);

void
ipc_port_bootstrap(void)
{
	ipc_port_zone = zone_create_cached("ipc.ports", sizeof(struct ipc_port));
	ipc_dnreq_zone = zone_create("ipc.dnrequests", sizeof(struct ipc_dnreq), 0);
	if (ipc_port_zone == NULL || ipc_dnreq_zone == NULL)
		panic("ipc_port_bootstrap: no memory for the zones");
}

static __always_inline void
ipc_port_free_inline(ipc_port_t port)
{
	if (ip_active(port))
		panic("ipc_port_free: port %p still active", port);
	if (port->ip_msgs != NULL || port->ip_dnrequests != NULL)
		panic("ipc_port_free: port %p has messages or requests", port);
	zfree(ipc_port_zone, port);
	__atomic_fetch_sub(&ipc_ports_alive, 1, __ATOMIC_RELAXED);
}

void
ipc_port_free(ipc_port_t port)
{
	ipc_port_free_inline(port);
}

void
io_free(struct ipc_object *io)
{
	if (io_otype(io) == IOT_PORT_SET)
		ipc_pset_free((ipc_pset_t)io);
	else
		ipc_port_free_inline((ipc_port_t)io);
}

/*
 * a new port, active, with one reference: every field written here, not
 * zeroed first and then set (a port is made on every mach_port_allocate)
 */
static __always_inline ipc_port_t
ipc_port_new(void)
{
	ipc_port_t port = zalloc_flags(ipc_port_zone, 0);

	if (port == NULL)
		return IP_NULL;
	port->ip_object.io_bits = IO_BITS_ACTIVE;
	port->ip_object.io_references = 1;
	port->ip_lock = (struct spinlock)SPINLOCK_INITIALIZER_RANKED("ip_lock",
	    LOCK_RANK_IPC_PORT);
	port->ip_receiver = IS_NULL;
	port->ip_receiver_name = MACH_PORT_NULL;
	port->ip_mscount = 0;
	port->ip_srights = 0;
	port->ip_sorights = 0;
	port->ip_seqno = 0;
	port->ip_qlimit = MACH_PORT_QLIMIT_DEFAULT;
	port->ip_msgcount = 0;
	port->ip_send_waiters = 0;
	port->ip_guard = 0;
	port->ip_msgs = port->ip_msgs_tail = NULL;
	port->ip_receivers.iwq_head = port->ip_receivers.iwq_tail = NULL;
	port->ip_pset = IPS_NULL;
	port->ip_pset_next = IP_NULL;
	port->ip_kobject = NULL;
	port->ip_nsrequest = port->ip_pdrequest = IP_NULL;
	port->ip_dnrequests = NULL;
	port->ip_destination = IP_NULL;
	port->ip_context = 0;
	/* every field above, in order: a field added must be set here too */
	STATIC_ASSERT(sizeof(struct ipc_port) ==
	    __builtin_offsetof(struct ipc_port, ip_context) +
	    sizeof(mach_port_context_t),
	    "ipc_port_new sets every field");
	__atomic_fetch_add(&ipc_ports_alive, 1, __ATOMIC_RELAXED);
	return port;
}

/* give port's receive right a name in space: the entry holds the reference */
static __always_inline kern_return_t
ipc_port_name(ipc_space_t space, ipc_port_t port, bool by_name,
    mach_port_name_t *namep, uint32_t send)
{
	ipc_entry_t entry;
	kern_return_t kr;

	is_lock(space);
	if (unlikely(!space->is_active)) {
		is_unlock(space);
		return KERN_INVALID_TASK;
	}
	kr = by_name ? ipc_entry_alloc_name(space, *namep, &entry) :
	    ipc_entry_alloc(space, namep, &entry);
	if (unlikely(kr != KERN_SUCCESS)) {
		is_unlock(space);
		return kr;
	}
	entry->ie_object = &port->ip_object;
	entry->ie_bits |= MACH_PORT_TYPE_RECEIVE | send;
	port->ip_receiver = space;
	port->ip_receiver_name = *namep;
	is_unlock(space);
	return KERN_SUCCESS;
}

static __always_inline kern_return_t
ipc_port_alloc_common(ipc_space_t space, bool by_name, mach_port_name_t *namep,
    ipc_port_t *portp)
{
	ipc_port_t port = ipc_port_new();
	kern_return_t kr;

	if (unlikely(port == IP_NULL))
		return KERN_RESOURCE_SHORTAGE;
	kr = ipc_port_name(space, port, by_name, namep, 0);
	if (unlikely(kr != KERN_SUCCESS)) {
		port->ip_object.io_bits &= ~IO_BITS_ACTIVE;
		ip_release(port);
		return kr;
	}
	*portp = port;
	return KERN_SUCCESS;
}

kern_return_t
ipc_port_alloc(ipc_space_t space, mach_port_name_t *namep, ipc_port_t *portp)
{
	return ipc_port_alloc_common(space, false, namep, portp);
}

kern_return_t
ipc_port_alloc_name(ipc_space_t space, mach_port_name_t name, ipc_port_t *portp)
{
	return ipc_port_alloc_common(space, true, &name, portp);
}

kern_return_t
ipc_port_construct(ipc_space_t space, uint16_t qlimit,
    mach_port_context_t context, uint32_t guard, bool send,
    mach_port_name_t *namep)
{
	ipc_port_t port = ipc_port_new();
	kern_return_t kr;

	if (port == IP_NULL)
		return KERN_RESOURCE_SHORTAGE;
	/* all set before the name exists: from then on the port is the space's */
	port->ip_qlimit = qlimit;
	port->ip_context = context;
	port->ip_guard = guard;
	if (send)
		port->ip_mscount = port->ip_srights = 1;
	kr = ipc_port_name(space, port, false, namep,
	    send ? MACH_PORT_TYPE_SEND | 1 : 0);
	if (kr != KERN_SUCCESS) {
		port->ip_object.io_bits &= ~IO_BITS_ACTIVE;
		ip_release(port);
	}
	return kr;
}

kern_return_t
ipc_port_create(ipc_port_t *portp)
{
	ipc_port_t port = ipc_port_new();

	if (port == IP_NULL)
		return KERN_RESOURCE_SHORTAGE;
	*portp = port;
	return KERN_SUCCESS;
}

ipc_port_t
ipc_port_alloc_kernel(void *obj, ipc_kobject_type_t kotype)
{
	ipc_port_t port = ipc_port_new();

	if (port == IP_NULL)
		return IP_NULL;
	port->ip_object.io_bits |= kotype & IO_BITS_KOTYPE;
	port->ip_kobject = obj;
	port->ip_receiver = ipc_space_kernel;
	return port;
}

void
ipc_port_dealloc_kernel(ipc_port_t port)
{
	ip_lock(port);
	if (!ip_active(port)) {
		/* dead already: the kernel's reference goes all the same */
		ip_unlock(port);
		ip_release(port);
		return;
	}
	ipc_port_destroy_locked(port);
	ip_release(port);
}

void
ipc_kobject_register(ipc_kobject_type_t kotype, void (*reference)(void *obj))
{
	if (kotype == IKOT_NONE || kotype >= IKOT_MAX)
		panic("ipc_kobject_register: kotype %u", kotype);
	ipc_kobject_reference_fn[kotype] = reference;
}

bool
ipc_kobject_lookup(ipc_space_t space, mach_port_name_t name,
    ipc_kobject_type_t kotype, void **objp)
{
	ipc_entry_t entry;
	ipc_port_t port;
	bool found;

	if (!MACH_PORT_VALID(name) || kotype == IKOT_NONE || kotype >= IKOT_MAX)
		return false;
	is_lock(space);
	if (!space->is_active || (entry = ipc_entry_lookup(space, name)) == NULL ||
	    (entry->ie_bits & (MACH_PORT_TYPE_SEND | MACH_PORT_TYPE_RECEIVE)) == 0) {
		is_unlock(space);
		return false;
	}
	port = (ipc_port_t)entry->ie_object;
	found = ip_kotype(port) == kotype && ipc_kobject_take(port, true, objp) &&
	    *objp != NULL;
	is_unlock(space);
	return found;
}

bool
ipc_kobject_take(ipc_port_t port, bool reference, void **objp)
{
	ipc_kobject_type_t kotype = ip_kotype(port);
	void *obj = NULL;

	ip_lock(port);
	if (!ip_active(port)) {
		ip_unlock(port);
		return false;
	}
	if (reference && port->ip_kobject != NULL && kotype < IKOT_MAX &&
	    ipc_kobject_reference_fn[kotype] != NULL) {
		obj = port->ip_kobject;
		ipc_kobject_reference_fn[kotype](obj);
	}
	ip_unlock(port);
	*objp = obj;
	return true;
}

void
ipc_kobject_register_no_senders(ipc_kobject_type_t kotype,
    void (*no_senders)(ipc_port_t port))
{
	if (kotype == IKOT_NONE || kotype >= IKOT_MAX)
		panic("ipc_kobject_register_no_senders: kotype %u", kotype);
	ipc_kobject_no_senders_fn[kotype] = no_senders;
}

/*
 * the stable port of kind kotype that name's send right in space (locked,
 * active) denotes, or its error (ipc_kobject_translate_send)
 */
static inline kern_return_t
translate_send_locked(ipc_space_t space, mach_port_name_t name,
    ipc_kobject_type_t kotype, ipc_port_t *portp)
{
	ipc_entry_t entry;
	ipc_port_t port;
	uint32_t bits;

	if (!MACH_PORT_VALID(name) ||
	    (entry = ipc_entry_lookup(space, name)) == NULL ||
	    (entry->ie_bits & IE_BITS_TYPE_MASK) == 0)
		return KERN_INVALID_NAME;
	if (!(entry->ie_bits & MACH_PORT_TYPE_SEND))
		return KERN_INVALID_RIGHT;
	/*
	 * The entry's send right keeps a stable port alive and its kobject
	 * set; the kind bits never change, the active bit only under the
	 * port's lock (a port of another kind dying now is the same as
	 * dying after the call).
	 */
	port = (ipc_port_t)entry->ie_object;
	bits = __atomic_load_n(&port->ip_object.io_bits, __ATOMIC_ACQUIRE);
	if (!(bits & IO_BITS_ACTIVE))
		return KERN_INVALID_RIGHT;
	if ((bits & IO_BITS_KOTYPE) != kotype)
		return KERN_INVALID_CAPABILITY;
	*portp = port;
	return KERN_SUCCESS;
}

kern_return_t
ipc_kobject_translate_sends(ipc_space_t space, ipc_kobject_type_t kotype,
    const mach_port_name_t *names, void **objs, unsigned n)
{
	ipc_port_t p0 = IP_NULL, p1 = IP_NULL;
	void (*reference)(void *);
	kern_return_t kr;

	/* the callers are the kernel's own traps, with constants: debug builds check */
	KASSERT_DEBUG(kotype != IKOT_NONE && kotype < IKOT_MAX &&
	    ipc_kobject_no_senders_fn[kotype] != NULL && n >= 1 && n <= 2);
	reference = ipc_kobject_reference_fn[kotype];
	is_lock(space);
	/* validate every name, then take the references */
	if (unlikely(!space->is_active))
		kr = KERN_INVALID_TASK;
	else if ((kr = translate_send_locked(space, names[0], kotype, &p0)) ==
	    KERN_SUCCESS && n == 2)
		kr = translate_send_locked(space, names[1], kotype, &p1);
	if (kr == KERN_SUCCESS) {
		reference(p0->ip_kobject);
		objs[0] = p0->ip_kobject;
		if (n == 2) {
			reference(p1->ip_kobject);
			objs[1] = p1->ip_kobject;
		}
	}
	is_unlock(space);
	return kr;
}

kern_return_t
ipc_kobject_translate_send(ipc_space_t space, mach_port_name_t name,
    ipc_kobject_type_t kotype, void **objp)
{
	/* the common error first, without the space's lock */
	if (!MACH_PORT_VALID(name))
		return KERN_INVALID_NAME;
	return ipc_kobject_translate_sends(space, kotype, &name, objp, 1);
}

/* --- rights --- */

ipc_port_t
ipc_port_make_send_locked(ipc_port_t port)
{
	port->ip_mscount++;
	port->ip_srights++;
	ip_reference(port);
	return port;
}

ipc_port_t
ipc_port_copy_send_locked(ipc_port_t port)
{
	port->ip_srights++;
	ip_reference(port);
	return port;
}

ipc_port_t
ipc_port_make_sonce_locked(ipc_port_t port)
{
	ip_sorights_add(port);
	ip_reference(port);
	return port;
}

ipc_port_t
ipc_port_make_send(ipc_port_t port)
{
	if (!IP_VALID(port))
		return port;
	ip_lock(port);
	if (!ip_active(port)) {
		ip_unlock(port);
		return IP_DEAD;
	}
	ipc_port_make_send_locked(port);
	ip_unlock(port);
	return port;
}

ipc_port_t
ipc_port_copy_send(ipc_port_t port)
{
	if (!IP_VALID(port))
		return port;
	ip_lock(port);
	if (!ip_active(port)) {
		ip_unlock(port);
		return IP_DEAD;
	}
	ipc_port_copy_send_locked(port);
	ip_unlock(port);
	return port;
}

void
ipc_port_release_send(ipc_port_t port)
{
	ipc_port_t notify = IP_NULL;
	mach_port_mscount_t mscount = 0;
	void (*no_senders)(ipc_port_t) = NULL;

	if (!IP_VALID(port))
		return;
	ip_lock(port);
	if (port->ip_srights == 0)
		panic("ipc_port_release_send: port %p has no send rights", port);
	if (--port->ip_srights == 0 && ip_active(port)) {
		if (port->ip_nsrequest != IP_NULL) {
			notify = port->ip_nsrequest;
			port->ip_nsrequest = IP_NULL;
			mscount = port->ip_mscount;
		}
		/* a stable kernel object's: the hook (IKOT_NONE has none) */
		if (ip_kotype(port) < IKOT_MAX)
			no_senders = ipc_kobject_no_senders_fn[ip_kotype(port)];
	}
	ip_unlock(port);
	if (notify != IP_NULL)
		ipc_notify_no_senders(notify, mscount);
	if (no_senders != NULL)
		no_senders(port);	/* the right's reference keeps port */
	ip_release(port);
}

void
ipc_port_sorights_underflow(ipc_port_t port)
{
	panic("ipc_port: port %p has no send-once rights", port);
}

void
ipc_port_release_sonce(ipc_port_t port)
{
	if (!IP_VALID(port))
		return;
	ip_sorights_drop(port);
	ip_release(port);
}

/*
 * the receive right of a port that nothing else hangs on (no set,
 * message, waiter, blocked sender, notification request, transit, kernel
 * object) goes away: the port, locked, dies and true; false, nothing
 * done, for every other port
 */
static inline bool
ipc_port_destroy_plain_locked(ipc_port_t port)
{
	if (port->ip_pset != IPS_NULL || port->ip_msgs != NULL ||
	    port->ip_receivers.iwq_head != NULL || port->ip_send_waiters != 0 ||
	    port->ip_nsrequest != IP_NULL || port->ip_pdrequest != IP_NULL ||
	    port->ip_dnrequests != NULL || port->ip_kobject != NULL ||
	    __atomic_load_n(&port->ip_destination, __ATOMIC_RELAXED) != IP_NULL)
		return false;
	port->ip_object.io_bits &= ~IO_BITS_ACTIVE;
	port->ip_receiver = IS_NULL;
	port->ip_receiver_name = MACH_PORT_NULL;
	return true;
}

static bool
ipc_port_destroy_plain(ipc_port_t port)
{
	bool plain;

	ip_lock(port);
	plain = ipc_port_destroy_plain_locked(port);
	ip_unlock(port);
	return plain;
}

bool
ipc_port_receive_left(ipc_port_t port)
{
	bool plain;

	/* the space's lock is held, so interrupts are off already */
	spin_lock_intr_off(&port->ip_lock);
	plain = ipc_port_destroy_plain_locked(port);
	if (!plain) {
		port->ip_receiver = IS_NULL;
		port->ip_receiver_name = MACH_PORT_NULL;
	}
	spin_unlock_intr_off(&port->ip_lock);
	return plain;
}

void
ipc_port_release_receive(ipc_port_t port)
{
	ipc_port_t pd;

	if (ipc_port_destroy_plain(port)) {
		ip_release(port);
		return;
	}
	ipc_port_transit_end(port);
	/*
	 * no longer the space's before it leaves its set: ipc_pset_add
	 * (mach_port_insert_member and move_member, which looked the right
	 * up earlier) checks ip_receiver, and would otherwise link the port
	 * into a set again once it has left, to be freed while still a
	 * member.  ipc_space_terminate comes here without receive_left.
	 */
	ip_lock(port);
	port->ip_receiver = IS_NULL;
	port->ip_receiver_name = MACH_PORT_NULL;
	ip_unlock(port);
	ipc_pset_remove_any(port);
	ip_lock(port);
	if (!ip_active(port))
		panic("ipc_port_release_receive: port %p is dead", port);
	pd = port->ip_pdrequest;
	if (pd != IP_NULL) {
		/* the right goes to the request's port instead of dying */
		port->ip_pdrequest = IP_NULL;
		ipc_mqueue_wake_receivers_locked(&port->ip_receivers,
		    MACH_RCV_PORT_CHANGED);
		ip_unlock(port);
		if (!ipc_port_transit_begin(port, pd)) {
			ipc_notify_port_destroyed(pd, port);	/* takes our reference */
			return;
		}
		/*
		 * pd is the port itself, or in a message on its way to it: the
		 * right would never arrive.  The port dies, as in Mach.
		 */
		ipc_port_release_sonce(pd);
		ip_lock(port);
	}
	ipc_port_destroy_locked(port);
	ip_release(port);
}

void
ipc_port_destroy_locked(ipc_port_t port)
{
	struct ipc_kmsg *msgs = port->ip_msgs;
	struct ipc_dnreq *dn = port->ip_dnrequests;
	ipc_port_t ns = port->ip_nsrequest, pd = port->ip_pdrequest;
	ipc_port_t transit;
	bool senders = port->ip_send_waiters != 0;

	port->ip_object.io_bits &= ~IO_BITS_ACTIVE;
	port->ip_msgs = port->ip_msgs_tail = NULL;
	port->ip_msgcount = 0;
	port->ip_dnrequests = NULL;
	port->ip_nsrequest = port->ip_pdrequest = IP_NULL;
	port->ip_receiver = IS_NULL;
	port->ip_receiver_name = MACH_PORT_NULL;
	port->ip_kobject = NULL;
	ipc_mqueue_wake_receivers_locked(&port->ip_receivers, MACH_RCV_PORT_DIED);
	ip_unlock(port);

	spin_lock(&ipc_transit_lock);
	transit = port->ip_destination;
	port->ip_destination = IP_NULL;
	spin_unlock(&ipc_transit_lock);
	if (transit != IP_NULL)
		ip_release(transit);
	if (senders)
		thread_wakeup((event_t)&port->ip_msgcount);
	while (msgs != NULL) {
		struct ipc_kmsg *next = msgs->ikm_next;

		ipc_kmsg_destroy(msgs);
		msgs = next;
	}
	while (dn != NULL) {
		struct ipc_dnreq *next = dn->dn_next;

		ipc_notify_dead_name(dn->dn_notify, dn->dn_name);
		ipc_space_release(dn->dn_space);
		zfree(ipc_dnreq_zone, dn);
		__atomic_fetch_sub(&ipc_dnreqs_alive, 1, __ATOMIC_RELAXED);
		dn = next;
	}
	if (ns != IP_NULL)
		ipc_notify_send_once(ns);
	if (pd != IP_NULL)
		ipc_notify_send_once(pd);
}

/* --- dead-name requests (ipc_notify.h) --- */

kern_return_t
ipc_port_dnrequest(ipc_port_t port, ipc_space_t space, mach_port_name_t name,
    ipc_port_t notify)
{
	struct ipc_dnreq *dn = zalloc(ipc_dnreq_zone);

	if (dn == NULL)
		return KERN_RESOURCE_SHORTAGE;
	__atomic_fetch_add(&ipc_dnreqs_alive, 1, __ATOMIC_RELAXED);
	ipc_space_reference(space);
	dn->dn_space = space;
	dn->dn_name = name;
	dn->dn_notify = notify;
	dn->dn_next = port->ip_dnrequests;
	port->ip_dnrequests = dn;
	return KERN_SUCCESS;
}

ipc_port_t
ipc_port_dncancel(ipc_port_t port, ipc_space_t space, mach_port_name_t name)
{
	struct ipc_dnreq **link = &port->ip_dnrequests, *dn;
	ipc_port_t notify;

	while ((dn = *link) != NULL) {
		if (dn->dn_space == space && dn->dn_name == name)
			break;
		link = &dn->dn_next;
	}
	if (dn == NULL)
		return IP_NULL;
	*link = dn->dn_next;
	notify = dn->dn_notify;
	/* the space reference: the caller holds the space locked, so it stays */
	__atomic_fetch_sub(&space->is_refs, 1, __ATOMIC_RELAXED);
	zfree(ipc_dnreq_zone, dn);
	__atomic_fetch_sub(&ipc_dnreqs_alive, 1, __ATOMIC_RELAXED);
	return notify;
}

/* --- circularity --- */

bool
ipc_port_transit_begin(ipc_port_t port, ipc_port_t dest)
{
	ipc_port_t p;
	bool circular = false;

	spin_lock(&ipc_transit_lock);
	for (p = dest; p != IP_NULL; p = p->ip_destination) {
		if (p == port) {
			circular = true;
			break;
		}
	}
	if (!circular) {
		ip_reference(dest);
		port->ip_destination = dest;
	}
	spin_unlock(&ipc_transit_lock);
	return circular;
}

void
ipc_port_transit_end(ipc_port_t port)
{
	ipc_port_t dest;

	spin_lock(&ipc_transit_lock);
	dest = port->ip_destination;
	port->ip_destination = IP_NULL;
	spin_unlock(&ipc_transit_lock);
	if (dest != IP_NULL)
		ip_release(dest);
}

void
ipc_port_count_late_dnrequest(void)
{
	__atomic_fetch_add(&ipc_dnreqs_late, 1, __ATOMIC_RELAXED);
}

void
ipc_port_get_stats(struct ipc_port_stats *st)
{
	st->ports = __atomic_load_n(&ipc_ports_alive, __ATOMIC_RELAXED);
	st->dnrequests = __atomic_load_n(&ipc_dnreqs_alive, __ATOMIC_RELAXED);
	st->dnrequests_late = __atomic_load_n(&ipc_dnreqs_late, __ATOMIC_RELAXED);
}

void
io_refs_insane(struct ipc_object *io, uint32_t refs, const char *op)
{
	panic("%s: object %p has %#x references: freed, or never counted",
	    op, io, refs);
}
