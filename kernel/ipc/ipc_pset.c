/*
 * kernel/ipc/ipc_pset.c - port sets (ipc_pset.h).
 */
#include "kernel/ipc/ipc_pset.h"
#include "kernel/ipc/ipc_mqueue.h"
#include "kernel/panic.h"
#include "kernel/vm/zone.h"

static struct zone *ipc_pset_zone;	/* [c] */

void
ipc_pset_bootstrap(void)
{
	ipc_pset_zone = zone_create("ipc.psets", sizeof(struct ipc_pset), 0);
	if (ipc_pset_zone == NULL)
		panic("ipc_pset_bootstrap: no memory for the zone");
}

static kern_return_t
ipc_pset_alloc_common(ipc_space_t space, bool by_name, mach_port_name_t *namep,
    ipc_pset_t *psetp)
{
	ipc_pset_t pset = zalloc_flags(ipc_pset_zone, Z_ZERO);
	ipc_entry_t entry;
	kern_return_t kr;

	if (pset == IPS_NULL)
		return KERN_RESOURCE_SHORTAGE;
	pset->ips_object.io_bits = IO_BITS_ACTIVE | IO_BITS_OTYPE;
	pset->ips_object.io_references = 1;
	spinlock_init_ranked(&pset->ips_lock, "ips_lock", LOCK_RANK_IPC_PSET);
	is_lock(space);
	if (!space->is_active) {
		kr = KERN_INVALID_TASK;
	} else {
		kr = by_name ? ipc_entry_alloc_name(space, *namep, &entry) :
		    ipc_entry_alloc(space, namep, &entry);
	}
	if (kr != KERN_SUCCESS) {
		is_unlock(space);
		zfree(ipc_pset_zone, pset);
		return kr;
	}
	entry->ie_object = &pset->ips_object;
	entry->ie_bits |= MACH_PORT_TYPE_PORT_SET;
	is_unlock(space);
	*psetp = pset;
	return KERN_SUCCESS;
}

kern_return_t
ipc_pset_alloc(ipc_space_t space, mach_port_name_t *namep, ipc_pset_t *psetp)
{
	return ipc_pset_alloc_common(space, false, namep, psetp);
}

kern_return_t
ipc_pset_alloc_name(ipc_space_t space, mach_port_name_t name, ipc_pset_t *psetp)
{
	return ipc_pset_alloc_common(space, true, &name, psetp);
}

void
ipc_pset_free(ipc_pset_t pset)
{
	if (ips_active(pset) || pset->ips_members != NULL)
		panic("ipc_pset_free: set %p still active", pset);
	zfree(ipc_pset_zone, pset);
}

void
ipc_pset_destroy(ipc_pset_t pset)
{
	ips_lock(pset);
	pset->ips_object.io_bits &= ~IO_BITS_ACTIVE;
	while (pset->ips_members != IP_NULL) {
		ipc_port_t port = pset->ips_members;

		ip_lock(port);
		pset->ips_members = port->ip_pset_next;
		port->ip_pset = IPS_NULL;
		port->ip_pset_next = IP_NULL;
		ip_unlock(port);
	}
	pset->ips_count = 0;
	ipc_mqueue_wake_receivers_locked(&pset->ips_receivers, MACH_RCV_PORT_DIED);
	ips_unlock(pset);
	io_release(&pset->ips_object);
}

/* unlink port from pset's list; both locked */
static void
pset_unlink(ipc_pset_t pset, ipc_port_t port)
{
	ipc_port_t *link = &pset->ips_members;

	while (*link != port) {
		if (*link == IP_NULL)
			panic("ipc_pset: port %p not on its set's list", port);
		link = &(*link)->ip_pset_next;
	}
	*link = port->ip_pset_next;
	port->ip_pset_next = IP_NULL;
	port->ip_pset = IPS_NULL;
	pset->ips_count--;
}

void
ipc_pset_remove_any(ipc_port_t port)
{
	for (;;) {
		ipc_pset_t pset;

		ip_lock(port);
		pset = port->ip_pset;
		if (pset == IPS_NULL) {
			ip_unlock(port);
			return;
		}
		io_reference(&pset->ips_object);
		ip_unlock(port);
		/* the order is set, then port */
		ips_lock(pset);
		ip_lock(port);
		if (port->ip_pset == pset)
			pset_unlink(pset, port);
		ip_unlock(port);
		ips_unlock(pset);
		io_release(&pset->ips_object);
	}
}

kern_return_t
ipc_pset_add(ipc_pset_t pset, ipc_port_t port, ipc_space_t space, bool move)
{
	kern_return_t kr = KERN_SUCCESS;
	bool wake;

	if (move)
		ipc_pset_remove_any(port);
	ips_lock(pset);
	ip_lock(port);
	/*
	 * the caller looked the receive right up in space and unlocked it:
	 * if the right has left since (destroyed, moved), the port may be on
	 * its way out past ipc_pset_remove_any, and must not be linked in
	 */
	if (!ips_active(pset) || !ip_active(port) || port->ip_receiver != space) {
		kr = KERN_INVALID_RIGHT;
	} else if (port->ip_pset == pset) {
		kr = KERN_ALREADY_IN_SET;
	} else if (port->ip_pset != IPS_NULL) {
		kr = KERN_ALREADY_IN_SET;	/* mach_port_insert_member: in another set */
	} else {
		port->ip_pset = pset;
		port->ip_pset_next = pset->ips_members;
		pset->ips_members = port;
		pset->ips_count++;
	}
	wake = kr == KERN_SUCCESS && port->ip_msgs != NULL &&
	    pset->ips_receivers.iwq_head != NULL;
	ip_unlock(port);
	if (wake)
		ipc_mqueue_pset_deliver_locked(pset);
	ips_unlock(pset);
	return kr;
}

kern_return_t
ipc_pset_remove(ipc_pset_t pset, ipc_port_t port)
{
	kern_return_t kr = KERN_SUCCESS;

	ips_lock(pset);
	ip_lock(port);
	if (port->ip_pset != pset)
		kr = KERN_NOT_IN_SET;
	else
		pset_unlink(pset, port);
	ip_unlock(port);
	ips_unlock(pset);
	return kr;
}
