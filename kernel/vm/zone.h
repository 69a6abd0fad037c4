/*
 * kernel/vm/zone.h - zones: allocators of fixed-size kernel objects.
 *
 * Every kind of kernel object (threads, ports, tasks, ...) lives in its own
 * zone, as in Mach.  Each zone counts the elements in use, the peak, and the
 * allocations that failed, so tests can check that nothing leaked.
 * Exhaustion (no page, or the zone's maximum reached) returns NULL.
 */
#ifndef KERNEL_VM_ZONE_H
#define KERNEL_VM_ZONE_H

#include "kernel/lib/types.h"

struct zone;

struct zone_stats {
	uint64_t elem_size;
	uint64_t in_use;		/* elements handed out now */
	uint64_t peak;			/* most ever in use at once (with a
				   cached zone, in its caches too) */
	uint64_t failed;		/* zalloc calls that returned NULL */
	uint64_t pages;			/* pages backing the zone */
	uint64_t max_elems;		/* 0: no limit */
	uint64_t cached;		/* free elements in the harts' caches */
};

#define Z_ZERO		0x1		/* zalloc_flags: zero the element */

/*
 * zone_create - a new zone of elem_size-byte elements (1..PAGE_SIZE),
 * at most max_elems in use at once (0: unlimited).  NULL if out of memory.
 */
struct zone *zone_create(const char *name, size_t elem_size, uint64_t max_elems);
/*
 * zone_create_cached - the same, unlimited, with a cache of free elements
 * per hart (zone.c), for the zones of objects made and freed on hot
 * paths (ports, messages).  Past ZONE_MAX_CACHED (16) such zones alive
 * at once, a zone gets no caches (it works the same, slower).
 */
struct zone *zone_create_cached(const char *name, size_t elem_size);
/* zone_destroy - free an empty zone and its pages. Panics if elements are in use. */
void zone_destroy(struct zone *z);

void *zalloc(struct zone *z);
void *zalloc_flags(struct zone *z, unsigned flags);
void zfree(struct zone *z, void *elem);

void zone_get_stats(struct zone *z, struct zone_stats *s);
const char *zone_name(const struct zone *z);

/*
 * zone_foreach - call fn on every zone (the zone of zones included) with
 * the list of zones locked; fn may read a zone but not create or destroy one.
 */
void zone_foreach(void (*fn)(struct zone *z, void *arg), void *arg);

#endif /* KERNEL_VM_ZONE_H */
