/*
 * kernel/vm/vm_map.c - address maps: entries, clipping, protection,
 * inheritance, fork and copy.  Faults are in vm_fault.c.
 */
#include <mach/vm_statistics.h>
#include "kernel/lib/string.h"
#include "kernel/panic.h"
#include "kernel/vm/vm_map.h"
#include "kernel/vm/zone.h"

static struct zone *vm_map_zone;		/* [c] */
static struct zone *vm_map_entry_zone;		/* [c] */
static uint64_t vm_maps_alive;			/* [a] */
static uint64_t vm_map_entries;			/* [a] */
static struct zone *vm_map_copy_zone;		/* [c] */
static uint64_t vm_map_copies;			/* [a] alive */

void
vm_map_bootstrap(void)
{
	vm_map_zone = zone_create("vm_map", sizeof(struct vm_map), 0);
	vm_map_entry_zone = zone_create("vm_map_entry",
	    sizeof(struct vm_map_entry), 0);
	vm_map_copy_zone = zone_create("vm_map_copy", 2 * sizeof(void *) +
	    sizeof(uint64_t), 0);
	if (vm_map_zone == NULL || vm_map_entry_zone == NULL ||
	    vm_map_copy_zone == NULL)
		panic("vm_map_bootstrap: no memory for the map zones");
	vm_object_bootstrap();
}

vm_map_t
vm_map_create(pmap_t pmap, vaddr_t min, vaddr_t max)
{
	struct vm_map *map = zalloc_flags(vm_map_zone, Z_ZERO);

	if (map == NULL)
		return NULL;
	mutex_init(&map->lock, "vm_map");
	map->refs = 1;
	map->pmap = pmap;
	map->min_offset = min;
	map->max_offset = max;
	__atomic_fetch_add(&vm_maps_alive, 1, __ATOMIC_RELAXED);
	return map;
}

void
vm_map_reference(vm_map_t map)
{
	__atomic_fetch_add(&map->refs, 1, __ATOMIC_RELAXED);
}

/* --- entries --- */

static inline struct vm_map_entry *
entry_of(struct rb_node *n)
{
	return n != NULL ? rb_entry(n, struct vm_map_entry, node) : NULL;
}

struct vm_map_entry *
vm_map_first_entry(vm_map_t map)
{
	return entry_of(rb_first(&map->entries));
}

struct vm_map_entry *
vm_map_next_entry(struct vm_map_entry *e)
{
	return entry_of(rb_next(&e->node));
}

/*
 * vm_map_lookup_entry - true and *out = the entry holding addr; false and
 * *out = the last entry below addr (NULL if none).  Map locked.
 */
bool
vm_map_lookup_entry(vm_map_t map, vaddr_t addr, struct vm_map_entry **out)
{
	struct rb_node *n = map->entries.root;
	struct vm_map_entry *below = NULL, *h = map->hint;

	if (h != NULL && addr >= h->start && addr < h->end) {
		*out = h;
		return true;
	}
	while (n != NULL) {
		struct vm_map_entry *e = entry_of(n);

		if (addr < e->start) {
			n = n->left;
		} else if (addr >= e->end) {
			below = e;
			n = n->right;
		} else {
			map->hint = e;
			*out = e;
			return true;
		}
	}
	*out = below;
	return false;
}

static void
entry_link(vm_map_t map, struct vm_map_entry *e)
{
	struct rb_node **link = &map->entries.root, *parent = NULL;
	bool left = false;

	while (*link != NULL) {
		parent = *link;
		left = e->start < entry_of(parent)->start;
		link = left ? &parent->left : &parent->right;
	}
	rb_insert_at(&map->entries, parent, left, &e->node);
	map->nentries++;
	map->size += e->end - e->start;
	__atomic_fetch_add(&vm_map_entries, 1, __ATOMIC_RELAXED);
}

/* unlink e and free it, dropping its object reference */
static void
entry_unlink_free(vm_map_t map, struct vm_map_entry *e)
{
	if (map->hint == e)
		map->hint = NULL;
	rb_remove(&map->entries, &e->node);
	map->nentries--;
	map->size -= e->end - e->start;
	__atomic_fetch_sub(&vm_map_entries, 1, __ATOMIC_RELAXED);
	vm_object_deallocate(e->object);
	zfree(vm_map_entry_zone, e);
}

static struct vm_map_entry *
entry_alloc(void)
{
	return zalloc_flags(vm_map_entry_zone, Z_ZERO);
}

/*
 * clip - split e at addr (start < addr < end) into [start, addr) and e =
 * [addr, end).  The two halves share the object.  Returns false when no
 * memory for the new entry (nothing changed).
 */
static bool
clip(vm_map_t map, struct vm_map_entry *e, vaddr_t addr)
{
	struct vm_map_entry *n;

	if (addr <= e->start || addr >= e->end)
		return true;
	if ((n = entry_alloc()) == NULL)
		return false;
	*n = *e;
	n->end = addr;
	vm_object_reference(n->object);
	/* e moves up: relink so the tree stays keyed by start */
	rb_remove(&map->entries, &e->node);
	map->nentries--;
	map->size -= e->end - e->start;
	__atomic_fetch_sub(&vm_map_entries, 1, __ATOMIC_RELAXED);
	e->offset += addr - e->start;
	e->start = addr;
	entry_link(map, e);
	entry_link(map, n);
	return true;
}

/* the entries meeting [start, end), first one; NULL if none */
static struct vm_map_entry *
first_in_range(vm_map_t map, vaddr_t start, vaddr_t end)
{
	struct vm_map_entry *e;

	if (vm_map_lookup_entry(map, start, &e))
		return e;
	e = e != NULL ? vm_map_next_entry(e) : vm_map_first_entry(map);
	return e != NULL && e->start < end ? e : NULL;
}

/* clip the entries at start and end so the range is whole entries */
static bool
clip_range(vm_map_t map, vaddr_t start, vaddr_t end)
{
	struct vm_map_entry *e;

	if (vm_map_lookup_entry(map, start, &e) && !clip(map, e, start))
		return false;
	if (vm_map_lookup_entry(map, end - 1, &e) && !clip(map, e, end))
		return false;
	return true;
}

/* addr moved up to the next address with no bit of mask set (0: none) */
static inline vaddr_t
align_up(vaddr_t addr, uint64_t mask)
{
	vaddr_t a = (addr + mask) & ~mask;

	return a < addr ? 0 : a;
}

/*
 * first fit of size bytes at or above map->min_offset at an address with
 * no bit of mask set (page bits are clear anyway); false if none
 */
static bool
find_space_mask(vm_map_t map, uint64_t size, uint64_t mask, vaddr_t *out)
{
	vaddr_t addr = align_up(map->min_offset, mask);

	for (struct vm_map_entry *e = vm_map_first_entry(map); e != NULL &&
	    addr != 0; e = vm_map_next_entry(e)) {
		if (e->start >= addr && e->start - addr >= size)
			break;
		if (e->end > addr)
			addr = align_up(e->end, mask);
	}
	if (addr == 0 || addr > map->max_offset || map->max_offset - addr < size)
		return false;
	*out = addr;
	return true;
}

static bool
find_space(vm_map_t map, uint64_t size, vaddr_t *out)
{
	return find_space_mask(map, size, 0, out);
}

static bool
range_free(vm_map_t map, vaddr_t start, vaddr_t end)
{
	return first_in_range(map, start, end) == NULL;
}

/* remove the entries in [start, end), clipped; unmap them */
static void
remove_range_locked(vm_map_t map, vaddr_t start, vaddr_t end)
{
	struct vm_map_entry *e = first_in_range(map, start, end), *next;

	pmap_remove(map->pmap, start, end);
	for (; e != NULL && e->start < end; e = next) {
		next = vm_map_next_entry(e);
		entry_unlink_free(map, e);
	}
}

/*
 * vm_map_enter's work, at an address with no bit of mask set when
 * anywhere (inline: vm_allocate's path pays no extra call)
 */
static __always_inline kern_return_t
map_enter(vm_map_t map, vaddr_t *addr, uint64_t size, uint64_t mask, int flags,
    vm_object_t object, uint64_t offset, vm_prot_t cur, vm_prot_t max,
    vm_inherit_t inheritance, bool shared)
{
	struct vm_map_entry *e;
	vaddr_t start = *addr;

	if (size == 0 || !IS_ALIGNED(size | offset, PAGE_SIZE) ||
	    (!(flags & VM_MAP_ANYWHERE) && !IS_ALIGNED(start, PAGE_SIZE)) ||
	    (cur & ~max) != 0)
		return KERN_INVALID_ARGUMENT;
	/* not zeroed: every field is set below, the node by entry_link */
	if ((e = zalloc(vm_map_entry_zone)) == NULL)
		return KERN_RESOURCE_SHORTAGE;
	mutex_lock(&map->lock);
	if (flags & VM_MAP_ANYWHERE) {
		if (!find_space_mask(map, size, mask, &start))
			goto no_space;
	} else {
		if (start < map->min_offset || start > map->max_offset ||
		    map->max_offset - start < size) {
			mutex_unlock(&map->lock);
			zfree(vm_map_entry_zone, e);
			return KERN_INVALID_ADDRESS;
		}
		if (!range_free(map, start, start + size)) {
			if (!(flags & VM_MAP_OVERWRITE))
				goto no_space;
			if (!clip_range(map, start, start + size)) {
				mutex_unlock(&map->lock);
				zfree(vm_map_entry_zone, e);
				return KERN_RESOURCE_SHORTAGE;
			}
			remove_range_locked(map, start, start + size);
		}
	}
	e->start = start;
	e->end = start + size;
	e->object = object;
	e->offset = offset;
	e->protection = cur;
	e->max_protection = max;
	e->inheritance = inheritance;
	e->needs_copy = false;
	e->shared = shared;
	e->behavior = VM_BEHAVIOR_DEFAULT;
	entry_link(map, e);
	mutex_unlock(&map->lock);
	*addr = start;
	return KERN_SUCCESS;
no_space:
	mutex_unlock(&map->lock);
	zfree(vm_map_entry_zone, e);
	return KERN_NO_SPACE;
}

kern_return_t
vm_map_enter(vm_map_t map, vaddr_t *addr, uint64_t size, int flags,
    vm_object_t object, uint64_t offset, vm_prot_t cur, vm_prot_t max,
    vm_inherit_t inheritance)
{
	if (!IS_ALIGNED(*addr, PAGE_SIZE))
		return KERN_INVALID_ARGUMENT;	/* even anywhere, as before */
	return map_enter(map, addr, size, 0, flags, object, offset, cur, max,
	    inheritance, false);
}

kern_return_t
vm_map_enter_mask(vm_map_t map, vaddr_t *addr, uint64_t size, uint64_t mask,
    int flags, vm_object_t object, uint64_t offset, vm_prot_t cur,
    vm_prot_t max, vm_inherit_t inheritance, bool shared)
{
	return map_enter(map, addr, size, mask, flags, object, offset, cur, max,
	    inheritance, shared && object != NULL);
}

kern_return_t
vm_map_remove(vm_map_t map, vaddr_t start, vaddr_t end)
{
	if (start >= end)
		return KERN_SUCCESS;
	mutex_lock(&map->lock);
	if (!clip_range(map, start, end)) {
		mutex_unlock(&map->lock);
		return KERN_RESOURCE_SHORTAGE;
	}
	remove_range_locked(map, start, end);
	mutex_unlock(&map->lock);
	return KERN_SUCCESS;
}

/* is [start, end) covered by entries without a hole?  map locked */
static bool
range_mapped(vm_map_t map, vaddr_t start, vaddr_t end)
{
	struct vm_map_entry *e;
	vaddr_t at = start;

	if (!vm_map_lookup_entry(map, start, &e))
		return false;
	for (; e != NULL && at < end; e = vm_map_next_entry(e)) {
		if (e->start > at)
			return false;
		at = e->end;
	}
	return at >= end;
}

kern_return_t
vm_map_protect(vm_map_t map, vaddr_t start, vaddr_t end, vm_prot_t prot,
    bool set_max)
{
	struct vm_map_entry *e;

	if (start >= end)
		return KERN_SUCCESS;
	mutex_lock(&map->lock);
	if (!range_mapped(map, start, end)) {
		mutex_unlock(&map->lock);
		return KERN_INVALID_ADDRESS;
	}
	for (e = first_in_range(map, start, end); e != NULL && e->start < end;
	    e = vm_map_next_entry(e)) {
		if (!set_max && (prot & ~e->max_protection) != 0) {
			mutex_unlock(&map->lock);
			return KERN_PROTECTION_FAILURE;
		}
	}
	if (!clip_range(map, start, end)) {
		mutex_unlock(&map->lock);
		return KERN_RESOURCE_SHORTAGE;
	}
	for (e = first_in_range(map, start, end); e != NULL && e->start < end;
	    e = vm_map_next_entry(e)) {
		if (set_max) {
			e->max_protection = prot;
			e->protection &= prot;
		} else {
			e->protection = prot;
		}
	}
	/* fewer rights take effect now; more come with the next fault */
	pmap_protect(map->pmap, start, end, prot);
	mutex_unlock(&map->lock);
	return KERN_SUCCESS;
}

kern_return_t
vm_map_inherit(vm_map_t map, vaddr_t start, vaddr_t end, vm_inherit_t inh)
{
	if (inh > VM_INHERIT_LAST_VALID)
		return KERN_INVALID_ARGUMENT;
	if (start >= end)
		return KERN_SUCCESS;
	mutex_lock(&map->lock);
	if (!clip_range(map, start, end)) {
		mutex_unlock(&map->lock);
		return KERN_RESOURCE_SHORTAGE;
	}
	for (struct vm_map_entry *e = first_in_range(map, start, end);
	    e != NULL && e->start < end; e = vm_map_next_entry(e))
		e->inheritance = inh;
	mutex_unlock(&map->lock);
	return KERN_SUCCESS;
}

void
vm_map_deallocate(vm_map_t map)
{
	struct vm_map_entry *e;

	if (map == NULL || __atomic_sub_fetch(&map->refs, 1, __ATOMIC_ACQ_REL) != 0)
		return;
	/* nothing runs on the pmap any more: no unmapping, just free */
	while ((e = vm_map_first_entry(map)) != NULL)
		entry_unlink_free(map, e);
	pmap_destroy(map->pmap);
	__atomic_fetch_sub(&vm_maps_alive, 1, __ATOMIC_RELAXED);
	zfree(vm_map_zone, map);
}

/* --- copy-on-write sharing: fork and copy --- */

/*
 * cow_share - make e's object one the caller may share copy-on-write:
 * collapse what no one else uses, mark e needs_copy and take write access
 * from its pages.  Memory shared writably with another map is copied now
 * instead (a delayed copy would see the sharer's later writes): the copy
 * replaces nothing in e, it is returned in *copy (NULL: share e->object).
 * False: no memory.
 */
static bool
cow_share(vm_map_t map, struct vm_map_entry *e, vm_object_t *copy)
{
	*copy = NULL;
	if (e->object == NULL)
		return true;
	if (e->shared) {
		*copy = vm_object_copy_range(e->object, e->offset, e->end - e->start);
		return *copy != NULL;
	}
	vm_object_collapse(e->object);
	if (!e->needs_copy) {
		e->needs_copy = true;
		pmap_protect(map->pmap, e->start, e->end,
		    e->protection & ~VM_PROT_WRITE);
	}
	return true;
}

/*
 * give e (of map, locked) an object it may share writably: a new one for
 * demand zero, a shadow of a copy-on-write one.  The pages the hart
 * tables still map from under the shadow go, so that every later access
 * goes through it and sees what the sharers write.  false: no memory.
 */
static bool
entry_own_object(vm_map_t map, struct vm_map_entry *e)
{
	if (e->object == NULL) {
		e->object = vm_object_allocate(e->end - e->start);
		return e->object != NULL;
	}
	if (!e->needs_copy)
		return true;
	if (vm_object_shadow(&e->object, &e->offset, e->end - e->start) !=
	    KERN_SUCCESS)
		return false;
	e->needs_copy = false;
	pmap_remove(map->pmap, e->start, e->end);
	return true;
}

kern_return_t
vm_map_share_object(vm_map_t map, vaddr_t addr, uint64_t size, vm_prot_t prot,
    vm_object_t *objp, uint64_t *offp, vm_prot_t *maxp)
{
	struct vm_map_entry *e;
	kern_return_t kr = KERN_SUCCESS;

	if (size == 0 || !IS_ALIGNED(addr | size, PAGE_SIZE) || addr + size < addr)
		return KERN_INVALID_ARGUMENT;
	mutex_lock(&map->lock);
	if (addr < map->min_offset || addr + size > map->max_offset ||
	    !vm_map_lookup_entry(map, addr, &e))
		kr = KERN_INVALID_ADDRESS;
	else if (e->end < addr + size)
		kr = range_mapped(map, addr, addr + size) ? KERN_INVALID_ARGUMENT :
		    KERN_INVALID_ADDRESS;
	else if ((prot & ~e->protection) != 0)
		kr = KERN_PROTECTION_FAILURE;
	else if (!entry_own_object(map, e))
		kr = KERN_RESOURCE_SHORTAGE;
	if (kr == KERN_SUCCESS) {
		e->shared = true;	/* another mapping may write it now */
		vm_object_reference(e->object);
		*objp = e->object;
		*offp = e->offset + (addr - e->start);
		*maxp = e->max_protection;
	}
	mutex_unlock(&map->lock);
	return kr;
}

/* the child's entry for e under inheritance; false: no memory */
static bool
fork_entry(vm_map_t old, struct vm_map_entry *e, vm_map_t new)
{
	struct vm_map_entry *n = entry_alloc();
	vm_object_t copy;

	if (n == NULL)
		return false;
	if (e->inheritance == VM_INHERIT_SHARE) {
		if (!entry_own_object(old, e)) {
			zfree(vm_map_entry_zone, n);
			return false;
		}
		*n = *e;
		vm_object_reference(n->object);
		e->shared = n->shared = true;
	} else {
		if (!cow_share(old, e, &copy)) {
			zfree(vm_map_entry_zone, n);
			return false;
		}
		*n = *e;
		if (copy != NULL) {
			n->object = copy;
			n->offset = 0;
			n->needs_copy = false;
			n->shared = false;
		} else {
			vm_object_reference(n->object);
		}
	}
	entry_link(new, n);
	return true;
}

vm_map_t
vm_map_fork(vm_map_t old, pmap_t pmap)
{
	vm_map_t new = vm_map_create(pmap, old->min_offset, old->max_offset);

	if (new == NULL)
		return NULL;
	mutex_lock(&old->lock);
	for (struct vm_map_entry *e = vm_map_first_entry(old); e != NULL;
	    e = vm_map_next_entry(e)) {
		if (e->inheritance == VM_INHERIT_NONE)
			continue;
		if (!fork_entry(old, e, new)) {
			mutex_unlock(&old->lock);
			new->pmap = NULL;	/* the caller's again */
			vm_map_deallocate(new);
			return NULL;
		}
	}
	mutex_unlock(&old->lock);
	return new;
}

/* the address-ordered pair of locks, once if one map */
static void
lock_two(vm_map_t a, vm_map_t b)
{
	if (a == b) {
		mutex_lock(&a->lock);
	} else if (a < b) {
		mutex_lock(&a->lock);
		mutex_lock(&b->lock);
	} else {
		mutex_lock(&b->lock);
		mutex_lock(&a->lock);
	}
}

static void
unlock_two(vm_map_t a, vm_map_t b)
{
	mutex_unlock(&a->lock);
	if (a != b)
		mutex_unlock(&b->lock);
}

/* every entry of [s, e) allows access (VM_PROT_*)?  map locked, range mapped */
static bool
range_allows(vm_map_t map, vaddr_t s, vaddr_t e, vm_prot_t access)
{
	for (struct vm_map_entry *x = first_in_range(map, s, e);
	    x != NULL && x->start < e; x = vm_map_next_entry(x)) {
		if ((x->protection & access) != access)
			return false;
	}
	return true;
}

/* the new entries of a copy, built before anything in dst changes */
struct copy_list {
	struct vm_map_entry *head;
};

/*
 * what a new entry of a copy gets: the destination's, or a new mapping's;
 * from_source: the source entry's protection and maximum (a remap)
 */
struct copy_attrs {
	vm_prot_t protection;
	vm_prot_t max_protection;
	vm_inherit_t inheritance;
	bool	from_source;
};

static void
copy_list_free(struct copy_list *l)
{
	while (l->head != NULL) {
		struct vm_map_entry *n = l->head;

		l->head = entry_of(n->node.left);
		vm_object_deallocate(n->object);
		zfree(vm_map_entry_zone, n);
	}
}

/*
 * link the built entries l (emptied) into map at [d, d + size), after
 * removing what was there if replace (both maps still locked)
 */
static void
copy_list_commit(vm_map_t map, vaddr_t d, uint64_t size, bool replace,
    struct copy_list *l)
{
	if (replace)
		remove_range_locked(map, d, d + size);
	while (l->head != NULL) {
		struct vm_map_entry *n = l->head;

		l->head = entry_of(n->node.left);
		entry_link(map, n);
	}
}

/*
 * copies of src's entries over [s, s + size), to sit at dst, appended to
 * a list at *tailp (moved on past them); with attributes a, or (NULL)
 * the source's protection, maximum VM_PROT_ALL and the default
 * inheritance.  false: no memory
 */
static bool
copy_build(vm_map_t src, vaddr_t s, uint64_t size, vaddr_t dst,
    const struct copy_attrs *a, struct vm_map_entry ***tailp)
{
	struct vm_map_entry **tail = *tailp;

	if (!clip_range(src, s, s + size))
		return false;
	for (struct vm_map_entry *e = first_in_range(src, s, s + size);
	    e != NULL && e->start < s + size; e = vm_map_next_entry(e)) {
		struct vm_map_entry *n = entry_alloc();
		vm_object_t copy;

		if (n == NULL || !cow_share(src, e, &copy)) {
			if (n != NULL)
				zfree(vm_map_entry_zone, n);
			return false;
		}
		*n = *e;
		n->start = e->start - s + dst;
		n->end = e->end - s + dst;
		n->protection = a != NULL && !a->from_source ? a->protection :
		    e->protection;
		n->max_protection = a == NULL ? VM_PROT_ALL :
		    a->from_source ? e->max_protection : a->max_protection;
		n->inheritance = a != NULL ? a->inheritance : VM_INHERIT_DEFAULT;
		n->shared = false;
		if (copy != NULL) {
			n->object = copy;
			n->offset = 0;
			n->needs_copy = false;
		} else {
			vm_object_reference(n->object);
		}
		/* a list through node.left until linked into dst */
		n->node.left = NULL;
		*tail = n;
		tail = (struct vm_map_entry **)&n->node.left;
		*tailp = tail;
	}
	return true;
}

/*
 * the copies for an overwrite of [d, d + size) of dst (mapped and
 * writable, clipped at both ends) from src at s: each piece keeps the
 * attributes of the destination entry it replaces.  Both maps locked (one
 * map when src is dst: the ranges may overlap, so each destination entry
 * is looked up again after the source was clipped).
 */
static bool
copy_build_over(vm_map_t src, vaddr_t s, uint64_t size, vm_map_t dst,
    vaddr_t d, struct copy_list *l)
{
	struct vm_map_entry **tail = &l->head;

	for (vaddr_t at = d; at < d + size; ) {
		struct vm_map_entry *x;
		struct copy_attrs a = { 0, 0, 0, false };
		vaddr_t end;

		if (!vm_map_lookup_entry(dst, at, &x))
			panic("copy_build_over: %#lx not mapped", at);
		end = MIN(x->end, d + size);
		a.protection = x->protection;
		a.max_protection = x->max_protection;
		a.inheritance = x->inheritance;
		if (!copy_build(src, s + (at - d), end - at, at, &a, &tail))
			return false;
		at = end;
	}
	return true;
}

kern_return_t
vm_map_copy(vm_map_t src_map, vaddr_t src, uint64_t size, vm_map_t dst_map,
    vaddr_t *dst, bool anywhere)
{
	/* XNU's vm_map_copyout: a new mapping is read-write */
	static const struct copy_attrs fresh = {
		VM_PROT_DEFAULT, VM_PROT_ALL, VM_INHERIT_DEFAULT, false,
	};
	struct copy_list l = { NULL };
	struct vm_map_entry **tail = &l.head;
	vaddr_t d = *dst;
	kern_return_t kr = KERN_SUCCESS;

	if (size == 0 || !IS_ALIGNED(src | size | (anywhere ? 0 : d), PAGE_SIZE))
		return KERN_INVALID_ARGUMENT;
	lock_two(src_map, dst_map);
	if (src + size < src || !range_mapped(src_map, src, src + size)) {
		kr = KERN_INVALID_ADDRESS;
		goto out;
	}
	if (!range_allows(src_map, src, src + size, VM_PROT_READ)) {
		kr = KERN_PROTECTION_FAILURE;
		goto out;
	}
	if (anywhere) {
		if (!find_space(dst_map, size, &d)) {
			kr = KERN_NO_SPACE;
			goto out;
		}
	} else if (d < dst_map->min_offset || d > dst_map->max_offset ||
	    dst_map->max_offset - d < size || !range_mapped(dst_map, d, d + size)) {
		kr = KERN_INVALID_ADDRESS;	/* XNU: overwrite only what is there */
		goto out;
	} else if (!range_allows(dst_map, d, d + size, VM_PROT_WRITE)) {
		kr = KERN_PROTECTION_FAILURE;
		goto out;
	}
	if (anywhere ? !copy_build(src_map, src, size, d, &fresh, &tail) :
	    (!clip_range(dst_map, d, d + size) ||
	    !copy_build_over(src_map, src, size, dst_map, d, &l))) {
		kr = KERN_RESOURCE_SHORTAGE;
		goto out;
	}
	/* commit: nothing fails from here on */
	copy_list_commit(dst_map, d, size, !anywhere, &l);
	*dst = d;
out:
	copy_list_free(&l);
	unlock_two(src_map, dst_map);
	return kr;
}

/*
 * entries sharing src's over [s, s + size) (clipped), to sit at dst with
 * inheritance inh, appended at *tailp as copy_build does: each source
 * entry gets an object of its own first (a new one for demand zero, a
 * shadow for a copy-on-write one), then both map it writably shared, as
 * VM_INHERIT_SHARE does across vm_map_fork.  false: no memory (the
 * source entries given an object keep it: nothing a task sees changes)
 */
static bool
share_build(vm_map_t src, vaddr_t s, uint64_t size, vaddr_t dst,
    vm_inherit_t inh, struct vm_map_entry ***tailp)
{
	struct vm_map_entry **tail = *tailp;

	if (!clip_range(src, s, s + size))
		return false;
	for (struct vm_map_entry *e = first_in_range(src, s, s + size);
	    e != NULL && e->start < s + size; e = vm_map_next_entry(e)) {
		struct vm_map_entry *n;

		if (!entry_own_object(src, e) || (n = entry_alloc()) == NULL)
			return false;
		*n = *e;
		n->start = e->start - s + dst;
		n->end = e->end - s + dst;
		n->inheritance = inh;
		vm_object_reference(n->object);
		e->shared = n->shared = true;
		n->node.left = NULL;
		*tail = n;
		tail = (struct vm_map_entry **)&n->node.left;
		*tailp = tail;
	}
	return true;
}

/* the strictest protection and maximum over [s, e) of map (mapped) */
static void
range_prot(vm_map_t map, vaddr_t s, vaddr_t e, vm_prot_t *curp,
    vm_prot_t *maxp)
{
	vm_prot_t cur = VM_PROT_ALL, max = VM_PROT_ALL;

	for (struct vm_map_entry *x = first_in_range(map, s, e);
	    x != NULL && x->start < e; x = vm_map_next_entry(x)) {
		cur &= x->protection;
		max &= x->max_protection;
	}
	*curp = cur;
	*maxp = max;
}

kern_return_t
vm_map_remap(vm_map_t dst_map, vaddr_t *dst, uint64_t size, uint64_t mask,
    int flags, vm_map_t src_map, vaddr_t src, bool copy, vm_inherit_t inh,
    vm_prot_t *curp, vm_prot_t *maxp)
{
	struct copy_attrs keep = { 0, 0, inh, true };
	struct copy_list l = { NULL };
	struct vm_map_entry **tail = &l.head;
	bool anywhere = (flags & VM_MAP_ANYWHERE) != 0;
	vaddr_t d = *dst;
	kern_return_t kr = KERN_SUCCESS;

	if (size == 0 || !IS_ALIGNED(src | size | (anywhere ? 0 : d), PAGE_SIZE))
		return KERN_INVALID_ARGUMENT;
	lock_two(src_map, dst_map);
	if (src + size < src || !range_mapped(src_map, src, src + size)) {
		kr = KERN_INVALID_ADDRESS;
		goto out;
	}
	if (copy && !range_allows(src_map, src, src + size, VM_PROT_READ)) {
		kr = KERN_PROTECTION_FAILURE;
		goto out;
	}
	if (anywhere) {
		if (!find_space_mask(dst_map, size, mask, &d)) {
			kr = KERN_NO_SPACE;
			goto out;
		}
	} else if (d < dst_map->min_offset || d > dst_map->max_offset ||
	    dst_map->max_offset - d < size) {
		kr = KERN_INVALID_ADDRESS;
		goto out;
	} else if (!range_free(dst_map, d, d + size)) {
		if (!(flags & VM_MAP_OVERWRITE)) {
			kr = KERN_NO_SPACE;
			goto out;
		}
		if (!clip_range(dst_map, d, d + size)) {
			kr = KERN_RESOURCE_SHORTAGE;
			goto out;
		}
	}
	range_prot(src_map, src, src + size, curp, maxp);
	if (copy ? !copy_build(src_map, src, size, d, &keep, &tail) :
	    !share_build(src_map, src, size, d, inh, &tail)) {
		kr = KERN_RESOURCE_SHORTAGE;
		goto out;
	}
	/* commit: nothing fails from here on */
	copy_list_commit(dst_map, d, size, !anywhere, &l);
	*dst = d;
out:
	copy_list_free(&l);
	unlock_two(src_map, dst_map);
	return kr;
}

/* --- copy objects (out-of-line memory in messages) --- */

struct vm_map_copy {
	struct copy_list list;		/* entries at offsets from 0 */
	uint64_t size;			/* page multiple */
};

STATIC_ASSERT(sizeof(struct vm_map_copy) <= 2 * sizeof(void *) + sizeof(uint64_t),
    "the vm_map_copy zone's element size");

kern_return_t
vm_map_copyin(vm_map_t map, vaddr_t addr, uint64_t size, vm_map_copy_t *copyp)
{
	vaddr_t start = ROUNDDOWN(addr, PAGE_SIZE), end;
	struct vm_map_entry **tail;
	vm_map_copy_t copy;
	kern_return_t kr = KERN_SUCCESS;

	*copyp = NULL;
	if (size == 0)
		return KERN_SUCCESS;
	if (addr + size < addr || addr + size > map->max_offset ||
	    start < map->min_offset)
		return KERN_INVALID_ADDRESS;
	end = ROUNDUP(addr + size, PAGE_SIZE);
	if ((copy = zalloc_flags(vm_map_copy_zone, Z_ZERO)) == NULL)
		return KERN_RESOURCE_SHORTAGE;
	copy->size = end - start;
	tail = &copy->list.head;
	mutex_lock(&map->lock);
	if (!range_mapped(map, start, end))
		kr = KERN_INVALID_ADDRESS;
	else if (!range_allows(map, start, end, VM_PROT_READ))
		kr = KERN_PROTECTION_FAILURE;
	else if (!copy_build(map, start, end - start, 0, NULL, &tail))
		kr = KERN_RESOURCE_SHORTAGE;
	mutex_unlock(&map->lock);
	if (kr != KERN_SUCCESS) {
		copy_list_free(&copy->list);
		zfree(vm_map_copy_zone, copy);
		return kr;
	}
	__atomic_fetch_add(&vm_map_copies, 1, __ATOMIC_RELAXED);
	*copyp = copy;
	return KERN_SUCCESS;
}

kern_return_t
vm_map_copyout(vm_map_t map, vaddr_t *addr, vm_map_copy_t copy)
{
	vaddr_t d;

	mutex_lock(&map->lock);
	if (!find_space(map, copy->size, &d)) {
		mutex_unlock(&map->lock);
		return KERN_NO_SPACE;
	}
	while (copy->list.head != NULL) {
		struct vm_map_entry *n = copy->list.head;

		copy->list.head = entry_of(n->node.left);
		n->start += d;
		n->end += d;
		entry_link(map, n);
	}
	mutex_unlock(&map->lock);
	*addr = d;
	zfree(vm_map_copy_zone, copy);
	__atomic_fetch_sub(&vm_map_copies, 1, __ATOMIC_RELAXED);
	return KERN_SUCCESS;
}

void
vm_map_copy_discard(vm_map_copy_t copy)
{
	if (copy == NULL)
		return;
	copy_list_free(&copy->list);
	zfree(vm_map_copy_zone, copy);
	__atomic_fetch_sub(&vm_map_copies, 1, __ATOMIC_RELAXED);
}

uint64_t
vm_map_copy_size(vm_map_copy_t copy)
{
	return copy != NULL ? copy->size : 0;
}

uint64_t
vm_map_copies_alive(void)
{
	return __atomic_load_n(&vm_map_copies, __ATOMIC_RELAXED);
}

/*
 * the entry holding *addr or the first above it (NULL: none), its start
 * and size in *addr, *size; map locked
 */
static struct vm_map_entry *
region_entry(vm_map_t map, vaddr_t *addr, uint64_t *size)
{
	struct vm_map_entry *e;

	if (!vm_map_lookup_entry(map, *addr, &e))
		e = e != NULL ? vm_map_next_entry(e) : vm_map_first_entry(map);
	if (e != NULL) {
		*addr = e->start;
		*size = e->end - e->start;
	}
	return e;
}

kern_return_t
vm_map_region(vm_map_t map, vaddr_t *addr, uint64_t *size,
    struct vm_region_basic_info_64 *info)
{
	struct vm_map_entry *e;

	mutex_lock(&map->lock);
	if ((e = region_entry(map, addr, size)) != NULL) {
		memset(info, 0, sizeof(*info));
		info->protection = e->protection;
		info->max_protection = e->max_protection;
		info->inheritance = e->inheritance;
		info->shared = e->shared;
		info->offset = e->offset;
		info->behavior = e->behavior;
	}
	mutex_unlock(&map->lock);
	return e != NULL ? KERN_SUCCESS : KERN_INVALID_ADDRESS;
}

/*
 * the entry's object seen as XNU's vm_region_recurse reports it: pages
 * resident in the object and those below it (capped at the region's),
 * all of them dirty (anonymous memory); the share mode from the entry and
 * the object's references.  Map locked.
 */
static void
region_submap_fill(struct vm_map_entry *e, struct vm_region_submap_info_64 *info)
{
	uint64_t npages = (e->end - e->start) >> PAGE_SHIFT, resident = 0;
	vm_object_t o = e->object, b;
	unsigned depth = 0;

	memset(info, 0, sizeof(*info));
	info->protection = e->protection;
	info->max_protection = e->max_protection;
	info->inheritance = e->inheritance;
	info->offset = e->offset;
	info->behavior = e->behavior;
	if (o == NULL) {
		info->share_mode = SM_EMPTY;
		return;
	}
	vm_object_chain_lock(o);
	for (b = o; b != NULL; b = b->shadow) {
		resident += b->resident;
		if (b != o)
			depth++;
	}
	info->ref_count = __atomic_load_n(&o->refs, __ATOMIC_RELAXED);
	info->object_id = o->id;
	info->object_id_full = o->id;
	vm_object_chain_unlock(o);
	resident = MIN(resident, npages);
	info->pages_resident = (unsigned)resident;
	info->pages_dirtied = (unsigned)resident;
	info->shadow_depth = (unsigned short)MIN(depth, 0xffffu);
	if (e->needs_copy || depth > 0)
		info->share_mode = SM_COW;
	else if (resident == 0)
		info->share_mode = SM_EMPTY;
	else if (info->ref_count > 1 || e->shared)
		info->share_mode = SM_SHARED;
	else
		info->share_mode = SM_PRIVATE;
}

kern_return_t
vm_map_page_query(vm_map_t map, vaddr_t addr, int *dispp, int *refp)
{
	struct vm_map_entry *e;
	struct vm_page *m = NULL;
	vm_object_t o, b;
	uint64_t off;
	int disp = 0, refs = 0;

	*dispp = *refp = 0;
	if (addr < map->min_offset || addr >= map->max_offset)
		return KERN_INVALID_ADDRESS;
	addr = ROUNDDOWN(addr, PAGE_SIZE);
	mutex_lock(&map->lock);
	if (!vm_map_lookup_entry(map, addr, &e) || (o = e->object) == NULL) {
		mutex_unlock(&map->lock);
		return KERN_SUCCESS;
	}
	refs = (int)__atomic_load_n(&o->refs, __ATOMIC_RELAXED);
	off = e->offset + (addr - e->start);
	vm_object_chain_lock(o);
	for (b = o; b != NULL; off += b->shadow_offset, b = b->shadow) {
		if ((m = vm_object_page_lookup(b, off)) != NULL)
			break;
	}
	if (m != NULL) {
		disp = VM_PAGE_QUERY_PAGE_PRESENT | VM_PAGE_QUERY_PAGE_DIRTY;
		if (b == o && o->shadow != NULL)
			disp |= VM_PAGE_QUERY_PAGE_COPIED;
	}
	vm_object_chain_unlock(o);
	if (m != NULL && pmap_extract(map->pmap, addr) != 0)
		disp |= VM_PAGE_QUERY_PAGE_REF;
	mutex_unlock(&map->lock);
	*dispp = disp;
	*refp = refs;
	return KERN_SUCCESS;
}

kern_return_t
vm_map_region_submap(vm_map_t map, vaddr_t *addr, uint64_t *size,
    struct vm_region_submap_info_64 *info)
{
	struct vm_map_entry *e;

	mutex_lock(&map->lock);
	if ((e = region_entry(map, addr, size)) != NULL)
		region_submap_fill(e, info);
	mutex_unlock(&map->lock);
	return e != NULL ? KERN_SUCCESS : KERN_INVALID_ADDRESS;
}

unsigned
vm_map_chain_length(vm_map_t map, vaddr_t addr)
{
	struct vm_map_entry *e;
	unsigned n = 0;

	mutex_lock(&map->lock);
	if (vm_map_lookup_entry(map, addr, &e) && e->object != NULL) {
		vm_object_chain_lock(e->object);
		n = vm_object_chain_length(e->object);
		vm_object_chain_unlock(e->object);
	}
	mutex_unlock(&map->lock);
	return n;
}

void
vm_map_get_stats(struct vm_map_stats *st)
{
	st->maps = __atomic_load_n(&vm_maps_alive, __ATOMIC_RELAXED);
	st->entries = __atomic_load_n(&vm_map_entries, __ATOMIC_RELAXED);
}

bool
vm_map_range_mapped(vm_map_t map, vaddr_t start, vaddr_t end)
{
	bool mapped;

	mutex_lock(&map->lock);
	mapped = range_mapped(map, start, end);
	mutex_unlock(&map->lock);
	return mapped;
}

kern_return_t
vm_map_behavior_set(vm_map_t map, vaddr_t start, vaddr_t end, bool store,
    int behavior)
{
	kern_return_t kr = KERN_SUCCESS;

	mutex_lock(&map->lock);
	if (start < map->min_offset || end > map->max_offset ||
	    !range_mapped(map, start, end))
		kr = KERN_INVALID_ADDRESS;
	else if (store && !clip_range(map, start, end))
		kr = KERN_RESOURCE_SHORTAGE;
	else if (store) {
		for (struct vm_map_entry *e = first_in_range(map, start, end);
		    e != NULL && e->start < end; e = vm_map_next_entry(e))
			e->behavior = (uint8_t)behavior;
	}
	mutex_unlock(&map->lock);
	return kr;
}
