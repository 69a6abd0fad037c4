/*
 * kernel/vm/vm_page.h - the physical page allocator.
 *
 * A binary buddy allocator over the RAM ranges the platform reported, with
 * a per-hart cache of single pages in front of it.  Running out of memory
 * returns NULL; nothing here panics on exhaustion.
 *
 * Locks:
 *	b	vm_page_buddy_lock (one global spinlock over the free lists)
 *	h	the owning hart's cache lock (per hart)
 *	o	whoever allocated the page (vm_page_free* overwrites it)
 *	obj	the lock of the vm_object holding the page
 */
#ifndef KERNEL_VM_VM_PAGE_H
#define KERNEL_VM_VM_PAGE_H

#include "kernel/lib/types.h"
#include "kernel/lib/rbtree.h"
#include "kernel/vm/vm_phys.h"

#define PAGE_SHIFT	12
#define PAGE_SIZE	(1ul << PAGE_SHIFT)
#define VM_PAGE_MAX_ORDER 10		/* largest block: 2^10 pages = 4 MiB */

struct vm_page {
	union {
		struct {		/* while free (in the buddy lists or a cache) */
			struct vm_page *next;	/* [b,h] free-list links */
			struct vm_page *prev;	/* [b,h] */
		};
		struct {		/* while allocated: the owner's to use */
			void	*owner;		/* [o] e.g. the zone carving it */
			struct vm_page *owner_link; /* [o] the owner's list of pages */
		};
		struct {		/* while it holds data of a vm_object */
			struct vm_object *object; /* [obj] (the owner) */
			uint64_t offset;	/* [obj] in the object */
			struct rb_node objq;	/* [obj] the object's pages */
		};
	};
	uint32_t seg;			/* [c] index of the segment holding it */
	uint8_t order;			/* [b,h] order of the block it heads */
	uint8_t flags;			/* [b] VM_PAGE_F_* */
	uint16_t _pad;
};
#define VM_PAGE_F_FREE	0x01		/* heads a free buddy block */
#define VM_PAGE_F_CACHE	0x02		/* sits in a hart's cache */

struct vm_page_stats {
	uint64_t total;			/* pages managed */
	uint64_t free;			/* free in the buddy lists and all caches */
	uint64_t allocs;		/* successful allocations, all orders, in pages */
	uint64_t frees;			/* pages freed */
	uint64_t failed;		/* allocations that returned NULL */
};

/*
 * vm_page_bootstrap_size - bytes of metadata vm_page_bootstrap needs for
 * the given ranges.  The caller steals that much (page aligned) from RAM,
 * removes it from the ranges, and passes its kernel address as meta.
 */
size_t vm_page_bootstrap_size(const struct mem_range *r, unsigned n);
void vm_page_bootstrap(const struct mem_range *r, unsigned n, void *meta);

struct vm_page *vm_page_alloc(void);			/* one page */
void vm_page_free(struct vm_page *m);
struct vm_page *vm_page_alloc_order(unsigned order);	/* 2^order contiguous pages */
void vm_page_free_order(struct vm_page *m, unsigned order);

paddr_t vm_page_to_pa(const struct vm_page *m);
struct vm_page *vm_page_from_pa(paddr_t pa);		/* NULL if not managed */
void *vm_page_kva(const struct vm_page *m);		/* direct-map address */

void vm_page_get_stats(struct vm_page_stats *s);
/* free buddy blocks of each order, not counting the pages in hart caches */
void vm_page_get_free_blocks(uint64_t nblocks[VM_PAGE_MAX_ORDER + 1]);
/* vm_page_drain_caches - give every hart's cached pages back to the buddy lists */
void vm_page_drain_caches(void);

/* Convenience: a zeroed page by its direct-map address, or NULL. */
void *kpage_alloc(void);
void kpage_free(void *kva);

#endif /* KERNEL_VM_VM_PAGE_H */
