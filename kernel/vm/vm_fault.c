/*
 * kernel/vm/vm_fault.c - page faults: demand zero, copy-on-write, and
 * protection checks.
 *
 * The map stays locked for the whole fault and the entry's object chain
 * is locked top down while its pages are looked at, so the fault sees one
 * consistent state and a concurrent fault on the same page waits and then
 * finds the page mapped.
 */
#include "kernel/lib/string.h"
#include "kernel/vm/vm_map.h"

/* every map's counts since boot (host_statistics); each map has its own too */
static struct vm_map_counters fault_totals;	/* [a] */

void
vm_fault_get_totals(struct vm_map_counters *c)
{
	c->faults = __atomic_load_n(&fault_totals.faults, __ATOMIC_RELAXED);
	c->zero_fills = __atomic_load_n(&fault_totals.zero_fills, __ATOMIC_RELAXED);
	c->cow_faults = __atomic_load_n(&fault_totals.cow_faults, __ATOMIC_RELAXED);
}

/* a fresh page for offset in the top object: zeros, or a copy of src */
static struct vm_page *
fault_new_page(vm_object_t top, uint64_t offset, const struct vm_page *src,
    const struct vm_object_slot *slot)
{
	struct vm_page *m = vm_page_alloc();

	if (m == NULL)
		return NULL;
	if (src != NULL)
		memcpy(vm_page_kva(m), vm_page_kva(src), PAGE_SIZE);
	else
		memset(vm_page_kva(m), 0, PAGE_SIZE);
	vm_object_page_insert_slot(top, offset, m, slot);
	return m;
}

/* the page for offset below the top object, and how deep; chain locked */
static struct vm_page *
chain_below(vm_object_t top, uint64_t offset, unsigned *depth)
{
	struct vm_page *m = NULL;
	unsigned d = 0;

	for (vm_object_t o = top; m == NULL && o->shadow != NULL; ) {
		offset += o->shadow_offset;
		o = o->shadow;
		d++;
		m = vm_object_page_lookup(o, offset);
	}
	*depth = d;
	return m;
}

/*
 * resolve the page for va in e (object chain locked): the page to map and
 * the protection to map it with; NULL: no memory
 */
static struct vm_page *
fault_page(vm_map_t map, struct vm_map_entry *e, vaddr_t va, vm_prot_t access,
    vm_prot_t *prot)
{
	uint64_t offset = e->offset + (va - e->start);
	struct vm_object_slot slot;
	unsigned depth;
	bool cow;
	struct vm_page *m = vm_object_page_lookup_slot(e->object, offset, &slot);

	*prot = e->protection;
	if (m != NULL) {
		if (e->needs_copy)
			*prot &= ~VM_PROT_WRITE;
		return m;
	}
	m = chain_below(e->object, offset, &depth);
	if (m != NULL && !(access & VM_PROT_WRITE)) {
		/* a read of a page below: share it, read-only */
		*prot &= ~VM_PROT_WRITE;
		return m;
	}
	/* a write copies the page below; nothing anywhere: zeros */
	if (e->needs_copy)
		*prot &= ~VM_PROT_WRITE;
	cow = m != NULL;
	m = fault_new_page(e->object, offset, m, &slot);
	if (m != NULL) {	/* map locked: the counters' writers are serialised */
		if (cow) {
			map->cnt.cow_faults++;
			__atomic_fetch_add(&fault_totals.cow_faults, 1, __ATOMIC_RELAXED);
		} else {
			map->cnt.zero_fills++;
			__atomic_fetch_add(&fault_totals.zero_fills, 1, __ATOMIC_RELAXED);
		}
	}
	return m;
}

kern_return_t
vm_fault(vm_map_t map, vaddr_t va, vm_prot_t access)
{
	struct vm_map_entry *e;
	struct vm_page *m;
	vm_prot_t prot;
	kern_return_t kr = KERN_SUCCESS;

	va = ROUNDDOWN(va, PAGE_SIZE);
	mutex_lock(&map->lock);
	if (va < map->min_offset || va >= map->max_offset ||
	    !vm_map_lookup_entry(map, va, &e)) {
		kr = KERN_INVALID_ADDRESS;
		goto out;
	}
	if ((access & ~e->protection) != 0) {
		kr = KERN_PROTECTION_FAILURE;
		goto out;
	}
	if (e->object == NULL &&
	    (e->object = vm_object_allocate(e->end - e->start)) == NULL) {
		kr = KERN_RESOURCE_SHORTAGE;
		goto out;
	}
	if ((access & VM_PROT_WRITE) && e->needs_copy) {
		if (vm_object_shadow(&e->object, &e->offset,
		    e->end - e->start) != KERN_SUCCESS) {
			kr = KERN_RESOURCE_SHORTAGE;
			goto out;
		}
		e->needs_copy = false;
	}
	vm_object_chain_lock(e->object);
	m = fault_page(map, e, va, access, &prot);
	if (m == NULL)
		kr = KERN_RESOURCE_SHORTAGE;
	else if (pmap_enter(map->pmap, va, vm_page_to_pa(m), prot) != 0)
		kr = KERN_RESOURCE_SHORTAGE;	/* the page stays in the object */
	vm_object_chain_unlock(e->object);
	if (kr == KERN_SUCCESS) {
		map->cnt.faults++;
		__atomic_fetch_add(&fault_totals.faults, 1, __ATOMIC_RELAXED);
	}
out:
	mutex_unlock(&map->lock);
	return kr;
}
