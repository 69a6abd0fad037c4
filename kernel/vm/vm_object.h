/*
 * kernel/vm/vm_object.h - memory objects: the pages behind map entries.
 *
 * An object holds pages by offset.  Anonymous memory only (no pager): a
 * page absent from an object and its whole shadow chain reads as zeros.
 * Copy-on-write is Mach's: a copy gets a new object that shadows the
 * original; a write fault copies the page into the top object.  When an
 * object's backing object has no other user, vm_object_collapse() pulls
 * its pages up and drops it, so chains stay short over repeated forks.
 *
 * Locks (taken top of a chain first):
 *	l	object->lock (a mutex: faults zero and copy pages under it)
 *	a	atomic
 *	c	constant after creation
 */
#ifndef KERNEL_VM_VM_OBJECT_H
#define KERNEL_VM_VM_OBJECT_H

#include <mach/kern_return.h>
#include "kernel/lib/rbtree.h"
#include "kernel/sync/mutex.h"
#include "kernel/vm/vm_page.h"

struct vm_object {
	struct mutex lock;
	uint32_t refs;			/* [a] map entries and shadowers */
	uint32_t id;			/* [c] a number for vm_region_recurse's
					   object_id, never a kernel address */
	uint64_t size;			/* [c] bytes, a page multiple */
	struct rb_tree pages;		/* [l] by offset */
	uint64_t resident;		/* [l] pages held */
	struct vm_object *shadow;	/* [l] backing object (a reference) */
	uint64_t shadow_offset;		/* [l] our offset 0 is its shadow_offset */
};
typedef struct vm_object *vm_object_t;

void vm_object_bootstrap(void);
/* a new empty object of size bytes, one reference; NULL: no memory */
vm_object_t vm_object_allocate(uint64_t size);
void vm_object_reference(vm_object_t o);
/* drop a reference; the last one frees the pages and drops the shadow's */
void vm_object_deallocate(vm_object_t o);

/* the page at offset (page aligned) in o itself, or NULL; o locked */
struct vm_page *vm_object_page_lookup(vm_object_t o, uint64_t offset);
/* put m at offset in o (no page there); o locked */
void vm_object_page_insert(vm_object_t o, uint64_t offset, struct vm_page *m);

/*
 * A lookup that also remembers where a page for offset would go, so that a
 * fault that finds nothing inserts without walking the tree again.  The
 * slot stays valid while o stays locked and unchanged.
 */
struct vm_object_slot {
	struct rb_node *parent;
	bool	left;
};
struct vm_page *vm_object_page_lookup_slot(vm_object_t o, uint64_t offset,
    struct vm_object_slot *slot);
void vm_object_page_insert_slot(vm_object_t o, uint64_t offset,
    struct vm_page *m, const struct vm_object_slot *slot);

/*
 * vm_object_chain_lock/unlock - lock o and every object below it, top
 * first (the one order objects are locked in).  While the chain is
 * locked no object in it can be collapsed away or get pages.
 */
void vm_object_chain_lock_below(vm_object_t o);
void vm_object_chain_unlock_below(vm_object_t o);

static inline void
vm_object_chain_lock(vm_object_t o)
{
	mutex_lock(&o->lock);
	if (o->shadow != NULL)		/* most objects have no shadow */
		vm_object_chain_lock_below(o->shadow);
}

static inline void
vm_object_chain_unlock(vm_object_t o)
{
	vm_object_t below = o->shadow;

	mutex_unlock(&o->lock);
	if (below != NULL)
		vm_object_chain_unlock_below(below);
}
/*
 * vm_object_chain_lookup - the page for offset (of o) in o or the first
 * object below holding one, and how deep (0: o itself); NULL if none
 * holds it (the memory reads as zeros).  Chain locked.
 */
struct vm_page *vm_object_chain_lookup(vm_object_t o, uint64_t offset,
    unsigned *depth);

/*
 * vm_object_shadow - a new object of size bytes over *o at *offset: the
 * caller's reference to *o passes to the new object, *o and *offset
 * become the new object and 0.  KERN_RESOURCE_SHORTAGE (nothing changed).
 */
kern_return_t vm_object_shadow(vm_object_t *o, uint64_t *offset, uint64_t size);
/* vm_object_collapse - pull in backing objects nobody else uses; o unlocked */
void vm_object_collapse(vm_object_t o);
/* the number of objects in o's chain, o included (tests, debugging) */
unsigned vm_object_chain_length(vm_object_t o);

/*
 * vm_object_copy_range - a new object of size bytes holding a private
 * copy of [offset, offset + size) of o and its chain (the pages copied
 * now).  For copies of memory that another map shares writably, where a
 * delayed copy would see the sharer's later writes.  NULL: no memory.
 */
vm_object_t vm_object_copy_range(vm_object_t o, uint64_t offset, uint64_t size);

struct vm_object_stats {
	uint64_t objects;		/* alive */
	uint64_t pages;			/* resident in all of them */
	uint64_t collapses;		/* backing objects merged away */
};
void vm_object_get_stats(struct vm_object_stats *st);

#endif /* KERNEL_VM_VM_OBJECT_H */
