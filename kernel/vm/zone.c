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
 * A zone made with zone_create_cached also keeps a small cache of free
 * elements per hart (at most ZONE_CACHE_MAX), taken and refilled without
 * the zone's lock: zalloc takes from the calling hart's cache and zfree
 * gives back to it, and only an empty or full cache takes the zone's
 * lock, to move ZONE_CACHE_BATCH elements at once.  The zone's own
 * counter (in_use) then counts the elements in the caches too;
 * zone_get_stats subtracts them, so in_use is what callers hold, and
 * peak is the most ever out of the zone's free list, caches included.
 * When a zone must grow and no page is left, zalloc takes the elements
 * of every hart's cache back first.
 *
 * Lock order: zone_list_lock (l) before a zone's lock (z) before the page
 * allocator's locks.  A hart's cache lock (h) is held alone: a batch
 * moves between a cache and its zone under one lock, then the other.
 */
#include "kernel/vm/zone.h"
#include "kernel/cpu.h"
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
#define ZONE_MAX_CACHED	16		/* zones with per-hart caches */
#define ZONE_CACHE_MAX	32		/* elements in one hart's cache, at most */
#define ZONE_CACHE_BATCH 16		/* moved between a cache and its zone */

/*
 * A hart's cache of one zone's free elements.  Its lock is taken with
 * interrupts off, by its hart (zalloc, zfree) and by whoever empties
 * every cache (zone_get_stats, zone_destroy, a zone out of pages).
 */
struct zone_cache {
	uint32_t lock;			/* [a] 1 while held */
	uint32_t count;			/* [h] elements on head */
	void	*head;			/* [h] linked by first word, newest first */
};

/*
 * Locks:
 *	z	lock (the zone's own)
 *	l	zone_list_lock
 *	c	constant after zone_create
 */
struct zone {
	struct spinlock lock;
	struct zone_cache *cache;	/* [c] MAX_CPUS caches, or NULL: none */
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
static struct zone_cache zone_cache_mem[ZONE_MAX_CACHED][MAX_CPUS];
static uint32_t zone_cache_rows;	/* [l] rows of zone_cache_mem taken, a bit each */

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

static inline void
zone_cache_lock(struct zone_cache *c)
{
	while (__atomic_exchange_n(&c->lock, 1, __ATOMIC_ACQUIRE) != 0) {
		while (__atomic_load_n(&c->lock, __ATOMIC_RELAXED) != 0)
			cpu_relax();
	}
}

static inline void
zone_cache_unlock(struct zone_cache *c)
{
	__atomic_store_n(&c->lock, 0, __ATOMIC_RELEASE);
}

/*
 * zone_take_caches - move every element of every hart's cache back to
 * z's free list; returns how many.  No lock held.
 */
static uint64_t
zone_take_caches(struct zone *z)
{
	uint64_t moved = 0;

	for (uint32_t i = 0; i < MAX_CPUS; i++) {
		struct zone_cache *c = &z->cache[i];
		void *head, *tail;
		uint32_t n;

		uint64_t s;

		if (__atomic_load_n(&c->count, __ATOMIC_RELAXED) == 0)
			continue;
		s = intr_disable();
		zone_cache_lock(c);
		head = c->head;
		n = c->count;
		c->head = NULL;
		c->count = 0;
		zone_cache_unlock(c);
		intr_restore(s);
		if (head == NULL)
			continue;
		for (tail = head; *(void **)tail != NULL; tail = *(void **)tail)
			continue;
		spin_lock(&z->lock);
		*(void **)tail = z->free;
		z->free = head;
		z->in_use -= n;
		spin_unlock(&z->lock);
		moved += n;
	}
	return moved;
}

/*
 * zone_take - up to want free elements of z (a cached zone: no
 * max_elems), linked, the first returned and *np their number (0 with
 * NULL: exhausted, counted as failed).  Grows the zone for the first one
 * only.
 */
static void *
zone_take(struct zone *z, uint32_t want, uint32_t *np)
{
	void *head, *tail;
	uint32_t n;

	spin_lock(&z->lock);
	if (z->free == NULL && !zone_grow(z)) {
		spin_unlock(&z->lock);
		/* no page left: the harts' caches hold what is free */
		if (zone_take_caches(z) == 0) {
			spin_lock(&z->lock);
			goto fail;
		}
		spin_lock(&z->lock);
		if (z->free == NULL)
			goto fail;
	}
	head = tail = z->free;
	for (n = 1; n < want && *(void **)tail != NULL; n++)
		tail = *(void **)tail;
	z->free = *(void **)tail;
	*(void **)tail = NULL;
	z->in_use += n;
	if (z->in_use > z->peak)
		z->peak = z->in_use;
	spin_unlock(&z->lock);
	*np = n;
	return head;
fail:
	z->failed++;
	spin_unlock(&z->lock);
	*np = 0;
	return NULL;
}

/* an element from the calling hart's cache of z, or NULL if it is empty */
static inline void *
zone_cache_pop(struct zone *z)
{
	uint64_t s = intr_disable();
	struct zone_cache *c = &z->cache[cpu_number()];
	void *e;

	zone_cache_lock(c);
	e = c->head;
	if (likely(e != NULL)) {
		c->head = *(void **)e;
		c->count--;
	}
	zone_cache_unlock(c);
	intr_restore(s);
	return e;
}

/* an empty cache: a batch from the zone, one of it for the caller */
static __attribute__((noinline)) void *
zalloc_refill(struct zone *z)
{
	struct zone_cache *c;
	uint32_t n;
	void *e = zone_take(z, ZONE_CACHE_BATCH, &n);
	uint64_t s;

	if (e == NULL || n == 1)
		return e;
	s = intr_disable();
	c = &z->cache[cpu_number()];
	zone_cache_lock(c);
	/* the rest go on this hart's cache (whichever hart it is now) */
	for (void *f = *(void **)e, *next; f != NULL; f = next) {
		next = *(void **)f;
		*(void **)f = c->head;
		c->head = f;
		c->count++;
	}
	zone_cache_unlock(c);
	intr_restore(s);
	return e;
}

/* zalloc_flags of a cached zone without an element on the hart's cache, or zeroing */
static __attribute__((noinline)) void *
zalloc_cached_slow(struct zone *z, unsigned flags)
{
	void *e = zone_cache_pop(z);

	if (e == NULL)
		e = zalloc_refill(z);
	if (e != NULL && (flags & Z_ZERO))
		memset(e, 0, z->elem_size);
	return e;
}

/*
 * zalloc_flags - an element of z (zeroed with Z_ZERO), or NULL when the
 * zone is at max_elems or no page is left; a NULL counts as failed.
 * For a cached zone the usual case, an element on the hart's cache and
 * no zeroing, takes no stack frame.
 */
void *
zalloc_flags(struct zone *z, unsigned flags)
{
	void *e;

	if (likely(z->cache != NULL)) {
		if (likely(flags == 0) && likely((e = zone_cache_pop(z)) != NULL))
			return e;
		return zalloc_cached_slow(z, flags);
	}
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

/* debug builds: is e on c, a cache of z?  Cache locked. */
static bool
zone_cache_holds(const struct zone_cache *c, const void *e)
{
	for (const void *f = c->head; f != NULL; f = *(void *const *)f) {
		if (f == e)
			return true;
	}
	return false;
}

/* a full cache: its newest batch goes back to the zone, unlocked here */
static __attribute__((noinline)) void
zfree_flush(struct zone *z, struct zone_cache *c, uint64_t s)
{
	void *head = c->head, *tail = head;

	for (uint32_t i = 1; i < ZONE_CACHE_BATCH; i++)
		tail = *(void **)tail;
	c->head = *(void **)tail;
	c->count -= ZONE_CACHE_BATCH;
	zone_cache_unlock(c);
	intr_restore(s);
	spin_lock(&z->lock);
	if (z->in_use < ZONE_CACHE_BATCH)
		panic("zfree: zone %s has fewer elements in use than cached", z->name);
	*(void **)tail = z->free;
	z->free = head;
	z->in_use -= ZONE_CACHE_BATCH;
	spin_unlock(&z->lock);
}

/*
 * zfree - give back an element from zalloc(z).  Panics if it is not one
 * of z's elements or if more elements are freed than were allocated.
 */
void
zfree(struct zone *z, void *e)
{
	zone_check_elem(z, e);
	if (likely(z->cache != NULL)) {
		uint64_t s = intr_disable();
		struct zone_cache *c = &z->cache[cpu_number()];

		zone_cache_lock(c);
		if (zone_debug && zone_cache_holds(c, e))
			panic("zfree: %p freed twice into zone %s", e, z->name);
		*(void **)e = c->head;
		c->head = e;
		if (unlikely(++c->count > ZONE_CACHE_MAX)) {
			zfree_flush(z, c, s);
			return;
		}
		zone_cache_unlock(c);
		intr_restore(s);
		return;
	}
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

struct zone *
zone_create_cached(const char *name, size_t elem_size)
{
	struct zone *z = zone_create(name, elem_size, 0);

	if (z == NULL)
		return NULL;
	spin_lock(&zone_list_lock);
	for (unsigned i = 0; i < ZONE_MAX_CACHED; i++) {
		if (!(zone_cache_rows & (1u << i))) {
			zone_cache_rows |= 1u << i;
			z->cache = zone_cache_mem[i];
			break;
		}
	}
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

	if (z->cache != NULL)
		zone_take_caches(z);
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
	if (z->cache != NULL) {
		/* the caches are empty and nobody uses the zone: the row is free */
		spin_lock(&zone_list_lock);
		zone_cache_rows &= ~(1u << (unsigned)((z->cache - zone_cache_mem[0]) /
		    MAX_CPUS));
		spin_unlock(&zone_list_lock);
		z->cache = NULL;
	}
	zfree(&zone_zone, z);
}

void
zone_get_stats(struct zone *z, struct zone_stats *s)
{
	uint64_t cached = 0;

	if (z->cache != NULL) {
		for (uint32_t i = 0; i < MAX_CPUS; i++)
			cached += __atomic_load_n(&z->cache[i].count, __ATOMIC_RELAXED);
	}
	spin_lock(&z->lock);
	s->elem_size = z->elem_size;
	s->in_use = z->in_use >= cached ? z->in_use - cached : 0;
	s->cached = cached;
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
