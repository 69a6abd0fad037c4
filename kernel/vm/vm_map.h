/*
 * kernel/vm/vm_map.h - address maps: entries over memory objects.
 *
 * A map covers [min, max) of one pmap with non-overlapping entries kept in
 * a red-black tree by start address, so a fault finds its entry in
 * O(log n) (vm.fault_zero_10k).  An entry maps [start, end) to an object
 * at an offset with current and maximum protection and an inheritance;
 * needs_copy marks an object shared copy-on-write with another entry: the
 * first write gives the entry a shadow object of its own.  An entry's
 * object is made at the first fault (demand zero).
 *
 * Locks (in this order):
 *	m	map->lock (a mutex: faults allocate and zero pages under it)
 *	then the objects' locks, top of a chain first (vm_object.h)
 *	then the pmap's (inside pmap_*)
 *	a	atomic
 *	c	constant after creation
 */
#ifndef KERNEL_VM_VM_MAP_H
#define KERNEL_VM_VM_MAP_H

#include <machine/pmap.h>
#include <mach/kern_return.h>
#include <mach/vm_inherit.h>
#include <mach/vm_prot.h>
#include <mach/vm_region.h>
#include "kernel/lib/rbtree.h"
#include "kernel/sync/mutex.h"
#include "kernel/vm/vm_object.h"

struct vm_map_entry {
	struct rb_node node;		/* [m] by start */
	vaddr_t	start;			/* [m] */
	vaddr_t	end;			/* [m] */
	vm_object_t object;		/* [m] NULL until the first fault */
	uint64_t offset;		/* [m] of start in object */
	vm_prot_t protection;		/* [m] */
	vm_prot_t max_protection;	/* [m] */
	vm_inherit_t inheritance;	/* [m] */
	bool	needs_copy;		/* [m] object shared copy-on-write */
	bool	shared;			/* [m] object shared writably (INHERIT_SHARE) */
	uint8_t	behavior;		/* [m] VM_BEHAVIOR_DEFAULT .. _RSEQNTL */
};

struct vm_map_counters {
	uint64_t faults;		/* [m] faults resolved (read racily) */
	uint64_t zero_fills;		/* [m] pages made by demand zero */
	uint64_t cow_faults;		/* [m] pages copied by a write */
};

struct vm_map {
	struct mutex lock;
	uint32_t refs;			/* [a] */
	pmap_t	pmap;			/* [c] the map's own */
	vaddr_t	min_offset;		/* [c] */
	vaddr_t	max_offset;		/* [c] */
	struct rb_tree entries;		/* [m] */
	uint32_t nentries;		/* [m] */
	uint64_t size;			/* [m] bytes covered by entries */
	struct vm_map_entry *hint;	/* [m] last entry a lookup found */
	struct vm_map_counters cnt;
};
typedef struct vm_map *vm_map_t;

/* vm_map_enter flags, as vm_allocate's (<mach/vm_statistics.h>) */
#define VM_MAP_ANYWHERE		0x1	/* VM_FLAGS_ANYWHERE */
#define VM_MAP_OVERWRITE	0x4000	/* VM_FLAGS_OVERWRITE (with fixed) */

void vm_map_bootstrap(void);
/*
 * vm_map_create - an empty map of [min, max) over pmap, which it owns
 * from now on (vm_map_deallocate destroys it).  NULL: no memory.
 */
vm_map_t vm_map_create(pmap_t pmap, vaddr_t min, vaddr_t max);
void vm_map_reference(vm_map_t map);
/* the last reference removes every entry and destroys the pmap */
void vm_map_deallocate(vm_map_t map);

/*
 * vm_map_enter - map size bytes (page multiples) at *addr (fixed), or
 * anywhere (*addr gets the address).  object NULL: demand zero; else the
 * caller's reference to object passes to the map (on success only).
 * KERN_NO_SPACE (no room, or a fixed range taken without OVERWRITE),
 * KERN_INVALID_ADDRESS (outside the map), KERN_INVALID_ARGUMENT (a cur
 * protection above max), KERN_RESOURCE_SHORTAGE.
 */
kern_return_t vm_map_enter(vm_map_t map, vaddr_t *addr, uint64_t size,
    int flags, vm_object_t object, uint64_t offset, vm_prot_t cur,
    vm_prot_t max, vm_inherit_t inheritance);
/*
 * vm_map_enter_mask - the same, anywhere at an address with no bit of
 * mask set (and *addr need not be aligned then); shared: object (not
 * NULL) is a named memory entry's, mapped writably elsewhere too, and the
 * entry is marked so that a fork does not copy it lazily
 */
kern_return_t vm_map_enter_mask(vm_map_t map, vaddr_t *addr, uint64_t size,
    uint64_t mask, int flags, vm_object_t object, uint64_t offset,
    vm_prot_t cur, vm_prot_t max, vm_inherit_t inheritance, bool shared);
/*
 * vm_map_share_object - the memory of [addr, addr + size) of map (page
 * aligned, inside one entry) for a named memory entry: the entry's object
 * made one it may share writably (a demand-zero one given an object, a
 * copy-on-write one its own shadow) and marked shared; *objp a reference
 * to it, *offp addr's offset in it, *maxp the entry's maximum protection.
 * KERN_INVALID_ADDRESS (not mapped throughout), KERN_INVALID_ARGUMENT
 * (more than one entry, or unaligned), KERN_PROTECTION_FAILURE (prot above
 * the entry's), KERN_RESOURCE_SHORTAGE.
 */
kern_return_t vm_map_share_object(vm_map_t map, vaddr_t addr, uint64_t size,
    vm_prot_t prot, vm_object_t *objp, uint64_t *offp, vm_prot_t *maxp);
/*
 * vm_map_behavior_set - [start, end) (page aligned) must be mapped
 * throughout (KERN_INVALID_ADDRESS); store: the entries' behavior becomes
 * behavior (clipped to the range), else only the check (a hint)
 */
kern_return_t vm_map_behavior_set(vm_map_t map, vaddr_t start, vaddr_t end,
    bool store, int behavior);
/* is [start, end) of map mapped without a hole? */
bool vm_map_range_mapped(vm_map_t map, vaddr_t start, vaddr_t end);
/* vm_map_remove - unmap [start, end) (page aligned); holes are fine */
kern_return_t vm_map_remove(vm_map_t map, vaddr_t start, vaddr_t end);
/*
 * vm_map_protect - set the current (or, set_max, the maximum) protection
 * of [start, end).  KERN_INVALID_ADDRESS (a hole), KERN_PROTECTION_FAILURE
 * (above the maximum).  Validates the whole range before changing any.
 */
kern_return_t vm_map_protect(vm_map_t map, vaddr_t start, vaddr_t end,
    vm_prot_t prot, bool set_max);
kern_return_t vm_map_inherit(vm_map_t map, vaddr_t start, vaddr_t end,
    vm_inherit_t inheritance);
/*
 * vm_map_fork - a new map over pmap with old's entries as their
 * inheritance says: SHARE (one object for both), COPY (copy-on-write;
 * nothing copied until written), NONE (left out).  NULL: no memory
 * (pmap is then the caller's again).
 */
vm_map_t vm_map_fork(vm_map_t old, pmap_t pmap);
/*
 * vm_map_copy - copy-on-write copy of [src, src + size) of src_map into
 * dst_map anywhere (a new read-write mapping, *dst gets where) or over
 * [*dst, *dst + size), which must be mapped and writable throughout, as
 * XNU's vm_map_copy_overwrite wants (KERN_INVALID_ADDRESS,
 * KERN_PROTECTION_FAILURE); the pieces that replace it keep its
 * protection, maximum and inheritance.  The source must be mapped and
 * readable throughout (the same errors); nothing changes on an error.
 */
kern_return_t vm_map_copy(vm_map_t src_map, vaddr_t src, uint64_t size,
    vm_map_t dst_map, vaddr_t *dst, bool anywhere);
/*
 * vm_map_remap - map [src, src + size) of src_map (page aligned, mapped
 * throughout: KERN_INVALID_ADDRESS) into dst_map: VM_MAP_ANYWHERE at an
 * address with no bit of mask set (*dst gets it), else at *dst, free or
 * (VM_MAP_OVERWRITE) replaced (KERN_NO_SPACE).  copy false: the same
 * memory, writes seen through both (as VM_INHERIT_SHARE); true: a
 * copy-on-write copy (the source readable: KERN_PROTECTION_FAILURE).
 * Each new entry keeps its source's protection and maximum, with
 * inheritance inh; *curp and *maxp get the strictest over the range.
 * Nothing a task sees changes on an error.  The maps may be one.
 */
kern_return_t vm_map_remap(vm_map_t dst_map, vaddr_t *dst, uint64_t size,
    uint64_t mask, int flags, vm_map_t src_map, vaddr_t src, bool copy,
    vm_inherit_t inh, vm_prot_t *curp, vm_prot_t *maxp);
/*
 * Out-of-line memory in messages: a copy object holds copy-on-write
 * copies of a range's entries, in no map, until it is mapped into the
 * receiver (vm_map_copyout) or discarded.  Sizes are page multiples; a
 * range that does not start on a page keeps its offset in the message.
 *
 * vm_map_copyin - a copy of [trunc(addr), round(addr + size)) of map
 * (mapped and readable throughout: KERN_INVALID_ADDRESS,
 * KERN_PROTECTION_FAILURE; KERN_RESOURCE_SHORTAGE).  The source is not
 * changed (the caller deallocates it, if asked, once the message is
 * committed).  size 0 gives NULL.
 * vm_map_copyout - map copy anywhere in map: *addr gets where; the copy is
 * consumed on success.  KERN_NO_SPACE.
 */
struct vm_map_copy;
typedef struct vm_map_copy *vm_map_copy_t;
kern_return_t vm_map_copyin(vm_map_t map, vaddr_t addr, uint64_t size,
    vm_map_copy_t *copyp);
kern_return_t vm_map_copyout(vm_map_t map, vaddr_t *addr, vm_map_copy_t copy);
void vm_map_copy_discard(vm_map_copy_t copy);
uint64_t vm_map_copy_size(vm_map_copy_t copy);
uint64_t vm_map_copies_alive(void);		/* for leak checks */

/*
 * vm_map_region - the entry holding *addr, or the first above it: *addr,
 * *size and info describe it.  KERN_INVALID_ADDRESS if there is none.
 */
kern_return_t vm_map_region(vm_map_t map, vaddr_t *addr, uint64_t *size,
    struct vm_region_basic_info_64 *info);
/* vm_region_recurse's view of the same entry (vm_region_submap_info_64) */
kern_return_t vm_map_region_submap(vm_map_t map, vaddr_t *addr, uint64_t *size,
    struct vm_region_submap_info_64 *info);
/*
 * vm_map_page_query - what mach_vm_page_query says of the page holding
 * addr: *dispp VM_PAGE_QUERY_PAGE_* bits (PRESENT: resident in the entry's
 * object or one below it; DIRTY with it, anonymous memory having no copy
 * elsewhere; COPIED: the entry's own copy, made over the object below;
 * REF: mapped in map's pmap), *refp the entry's object's references (0
 * without one).  Nothing mapped there: both 0 and KERN_SUCCESS, as XNU;
 * an address outside the map KERN_INVALID_ADDRESS.
 */
kern_return_t vm_map_page_query(vm_map_t map, vaddr_t addr, int *dispp,
    int *refp);

/*
 * vm_fault - resolve a fault at va for access (VM_PROT_*): demand zero,
 * copy-on-write, or a protection violation.  Interrupts on, no spinlock.
 * KERN_INVALID_ADDRESS (nothing mapped), KERN_PROTECTION_FAILURE,
 * KERN_RESOURCE_SHORTAGE (no page or no page table).
 */
kern_return_t vm_fault(vm_map_t map, vaddr_t va, vm_prot_t access);
/* the counts of every map's faults since boot (host_statistics) */
void vm_fault_get_totals(struct vm_map_counters *c);

/*
 * vm_map_lookup_entry - true and *out = the entry holding addr; false and
 * *out = the last entry below addr (NULL if none).  Map locked.
 */
bool vm_map_lookup_entry(vm_map_t map, vaddr_t addr, struct vm_map_entry **out);

/* for tests and the debugger */
struct vm_map_entry *vm_map_first_entry(vm_map_t map);	/* map locked */
struct vm_map_entry *vm_map_next_entry(struct vm_map_entry *e);
/* the length of the object chain behind addr (0: no object yet) */
unsigned vm_map_chain_length(vm_map_t map, vaddr_t addr);

struct vm_map_stats {
	uint64_t maps;			/* alive */
	uint64_t entries;		/* in all maps */
};
void vm_map_get_stats(struct vm_map_stats *st);

#endif /* KERNEL_VM_VM_MAP_H */
