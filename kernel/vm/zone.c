/*
 * kernel/vm/zone.c - zones: allocators of fixed-size kernel objects.
 *
 * A zone carves single pages from the page allocator into elements of one
 * size and keeps its free elements on a list threaded through their first
 * word.  Pages stay with the zone until zone_destroy gives them back.
 * Elements are aligned on 8 bytes; a power-of-two size is also aligned on
 * itself, since elements start at offset 0 of their page.
 *
 * The zone structs come from the zone of zones, a zone like any other
 * except that its elements are a static array: creating a zone takes no
 * page, so it works as soon as the page allocator does and does not move
 * the page counters that tests watch.
 *
 * Every page a zone owns carries the zone in its vm_page (owner), so zfree
 * checks, cheaply and always, that the element lies in one of the zone's
 * pages at an element boundary; anything else panics.  Debug builds
 * (RVMACH_DEBUG) also look for the element among the ZONE_DEBUG_SCAN
 * elements freed last, which catches the usual double free at a bounded
 * cost.
 *
 * Lock order: zone_list_lock (l) before a zone's lock (z) before the page
 * allocator's locks.
 */
#include "kernel/vm/zone.h"
#include "kernel/vm/vm_page.h"
#include "kernel/lib/string.h"
#include "kernel/panic.h"
#include "kernel/sync/spinlock.h"
#include <machine/vmparam.h>

#ifdef RVMACH_DEBUG
static const bool zone_debug = true;
#else
static const bool zone_debug = false;
#endif

#define ZONE_MAX_ZONES	128		/* the zone of zones' static elements */
#define ZONE_NAME_MAX	32
#define ZONE_ALIGN	8		/* element alignment, and room for a link */
#define ZONE_DEBUG_SCAN	64		/* free elements a debug zfree looks at */

/*
 * Locks:
 *	z	lock (the zone's own)
 *	l	zone_list_lock
 *	c	constant after zone_create
 */
struct zone {
	struct spinlock lock;
	struct zone *all_next;		/* [l] the list of all zones */
	void	*free;			/* [z] free elements, linked by first word */
	struct vm_page *pages;		/* [z] its pages, linked by owner_link */
	uint64_t in_use;		/* [z] */
	uint64_t peak;			/* [z] */
	uint64_t failed;		/* [z] */
	uint64_t npages;		/* [z] */
	uint64_t max_elems;		/* [c] 0: no limit */
	size_t	elem_size;		/* [c] rounded up to ZONE_ALIGN */
	uint32_t per_page;		/* [c] elements in a page */
	/* the zone of zones only: its static memory, carved on demand */
	char	*static_base;		/* [c] NULL for a zone of pages */
	char	*static_end;		/* [c] */
	char	*static_next;		/* [z] first byte not carved yet */
	char	name[ZONE_NAME_MAX];	/* [c] */
};

static struct zone zone_zone_mem[ZONE_MAX_ZONES];

static struct zone zone_zone = {
	.lock = SPINLOCK_INITIALIZER("zones"),
	.all_next = NULL,
	.max_elems = ZONE_MAX_ZONES,
	.elem_size = sizeof(struct zone),
	.static_base = (char *)zone_zone_mem,
	.static_end = (char *)(zone_zone_mem + ZONE_MAX_ZONES),
	.static_next = (char *)zone_zone_mem,
	.name = "zones",
};

static struct spinlock zone_list_lock = SPINLOCK_INITIALIZER("zone_list");
static struct zone *zone_list = &zone_zone;	/* [l] */

STATIC_ASSERT(sizeof(struct zone) % ZONE_ALIGN == 0, "zone of zones layout");

/*
 * zone_grow - give the zone more free elements: the next one from its
 * static memory, or a new page carved whole.  Called with z held.
 * Returns false if there is no memory left.
 */
static bool
zone_grow(struct zone *z)
{
	struct vm_page *m;
	char *va;

	if (z->static_base != NULL) {
		if (z->static_next >= z->static_end)
			return false;
		*(void **)z->static_next = z->free;
		z->free = z->static_next;
		z->static_next += z->elem_size;
		return true;
	}
	m = vm_page_alloc();
	if (m == NULL)
		return false;
	m->owner = z;
	m->owner_link = z->pages;
	z->pages = m;
	z->npages++;
	va = vm_page_kva(m);
	for (uint32_t i = z->per_page; i-- > 0;) {	/* lowest first out */
		*(void **)(va + i * z->elem_size) = z->free;
		z->free = va + i * z->elem_size;
	}
	return true;
}

/*
 * zalloc_flags - an element of z (zeroed with Z_ZERO), or NULL when the
 * zone is at max_elems or no page is left; a NULL counts as failed.
 */
void *
zalloc_flags(struct zone *z, unsigned flags)
{
	void *e;

	spin_lock(&z->lock);
	if (z->max_elems != 0 && z->in_use >= z->max_elems)
		goto fail;
	if (z->free == NULL && !zone_grow(z))
		goto fail;
	e = z->free;
	z->free = *(void **)e;
	if (++z->in_use > z->peak)
		z->peak = z->in_use;
	spin_unlock(&z->lock);
	if (flags & Z_ZERO)
		memset(e, 0, z->elem_size);
	return e;
fail:
	z->failed++;
	spin_unlock(&z->lock);
	return NULL;
}

void *
zalloc(struct zone *z)
{
	return zalloc_flags(z, 0);
}

static __noreturn __attribute__((noinline)) void
zone_bad_elem(const struct zone *z, const void *e)
{
	panic("zfree: %p is not an element of zone %s", e, z->name);
}

/*
 * zone_check_elem - panic unless e lies at an element boundary inside
 * the zone's memory.  Its page's owner is z only while z holds the page,
 * so no lock is needed.
 */
static inline void
zone_check_elem(const struct zone *z, const void *e)
{
	const struct vm_page *m;
	uintptr_t off;

	if (z->static_base != NULL) {
		off = (uintptr_t)e - (uintptr_t)z->static_base;
		if (off >= (uintptr_t)(z->static_end - z->static_base) ||
		    off % z->elem_size != 0)
			zone_bad_elem(z, e);
		return;
	}
	m = vm_page_from_pa(kva_to_phys(e));
	off = (uintptr_t)e & (PAGE_SIZE - 1);
	if (m == NULL || m->owner != z || off % z->elem_size != 0 ||
	    off / z->elem_size >= z->per_page)
		zone_bad_elem(z, e);
}

/*
 * zone_recently_freed - is e among the ZONE_DEBUG_SCAN elements at the
 * head of z's free list (the last ones freed)?  Called with z held.
 */
static bool
zone_recently_freed(const struct zone *z, const void *e)
{
	const void *f = z->free;

	for (unsigned i = 0; i < ZONE_DEBUG_SCAN && f != NULL; i++) {
		if (f == e)
			return true;
		f = *(void *const *)f;
	}
	return false;
}

/*
 * zfree - give back an element from zalloc(z).  Panics if it is not one
 * of z's elements or if more elements are freed than were allocated.
 */
void
zfree(struct zone *z, void *e)
{
	zone_check_elem(z, e);
	spin_lock(&z->lock);
	if (z->in_use == 0)
		panic("zfree: zone %s has no element in use (%p)", z->name, e);
	if (zone_debug && zone_recently_freed(z, e))
		panic("zfree: %p freed twice into zone %s", e, z->name);
	*(void **)e = z->free;
	z->free = e;
	z->in_use--;
	spin_unlock(&z->lock);
}

/*
 * zone_create - a new zone, linked on the list of all zones.  Returns NULL
 * if elem_size is 0 or above PAGE_SIZE, or if the zone of zones is full.
 */
struct zone *
zone_create(const char *name, size_t elem_size, uint64_t max_elems)
{
	struct zone *z;

	if (elem_size == 0 || elem_size > PAGE_SIZE)
		return NULL;
	z = zalloc_flags(&zone_zone, Z_ZERO);
	if (z == NULL)
		return NULL;
	strlcpy(z->name, name, sizeof(z->name));
	spinlock_init(&z->lock, z->name);
	z->elem_size = ROUNDUP(elem_size, ZONE_ALIGN);
	z->per_page = (uint32_t)(PAGE_SIZE / z->elem_size);
	z->max_elems = max_elems;
	spin_lock(&zone_list_lock);
	z->all_next = zone_list;
	zone_list = z;
	spin_unlock(&zone_list_lock);
	return z;
}

/*
 * zone_destroy - unlink z, give its pages back and free it.  Panics if an
 * element is still in use, or if z is not a live zone created here.
 */
void
zone_destroy(struct zone *z)
{
	struct zone **zp;
	struct vm_page *m, *next;

	if (z == &zone_zone)
		panic("zone_destroy: the zone of zones");
	spin_lock(&zone_list_lock);
	for (zp = &zone_list; *zp != NULL && *zp != z; zp = &(*zp)->all_next)
		continue;
	if (*zp == NULL)
		panic("zone_destroy: %p is not a zone", z);
	*zp = z->all_next;
	spin_unlock(&zone_list_lock);

	spin_lock(&z->lock);
	if (z->in_use != 0)
		panic("zone_destroy: zone %s has %lu elements in use",
		    z->name, (unsigned long)z->in_use);
	m = z->pages;
	z->pages = NULL;
	z->free = NULL;
	z->npages = 0;
	spin_unlock(&z->lock);
	for (; m != NULL; m = next) {
		next = m->owner_link;
		m->owner = NULL;
		vm_page_free(m);
	}
	zfree(&zone_zone, z);
}

void
zone_get_stats(struct zone *z, struct zone_stats *s)
{
	spin_lock(&z->lock);
	s->elem_size = z->elem_size;
	s->in_use = z->in_use;
	s->peak = z->peak;
	s->failed = z->failed;
	s->pages = z->npages;
	s->max_elems = z->max_elems;
	spin_unlock(&z->lock);
}

const char *
zone_name(const struct zone *z)
{
	return z->name;
}

/*
 * zone_foreach - call fn(z, arg) on every zone, the zone of zones too,
 * newest first, with the zone list locked: fn may read a zone (zone_name,
 * zone_get_stats) but must not create or destroy one.
 */
void
zone_foreach(void (*fn)(struct zone *z, void *arg), void *arg)
{
	spin_lock(&zone_list_lock);
	for (struct zone *z = zone_list; z != NULL; z = z->all_next)
		fn(z, arg);
	spin_unlock(&zone_list_lock);
}
