/*
 * kernel/vm/vm_page.c - the physical page allocator.
 *
 * Memory is a set of segments, one per RAM range the platform reported.
 * Each segment has an array of struct vm_page, one per 4 KiB page, carved
 * from the metadata block the caller stole at boot.  Free memory sits in
 * binary buddy lists, orders 0..VM_PAGE_MAX_ORDER, threaded through the
 * vm_page structs; the pages' own memory is never touched here (except by
 * kpage_alloc, which zeroes what it returns).
 *
 * Blocks are aligned on the global page frame number, so a block of order
 * n starts at a PFN that is a multiple of 2^n; two buddies are merged only
 * when both lie inside the same segment.  At bootstrap each segment is cut
 * greedily into the largest aligned blocks that fit, which is also the shape
 * the lists return to once every page is free again.
 *
 * In front of the buddy lists each hart keeps a cache: a LIFO stack of up
 * to VM_PAGE_CACHE_MAX single pages, refilled from and drained to the buddy
 * lists VM_PAGE_CACHE_BATCH pages at a time.  The cache lock is one word
 * taken with an atomic swap while interrupts are off; its owner is the only
 * one to take it in the common case, so the fast path is an uncontended
 * amoswap and a release store.  Other harts take it only to steal a page
 * when the buddy lists are empty, to drain the cache, or to read its
 * counters, so that every free page can be allocated from any hart.
 *
 * Page states (flags, order):
 *	free block head		F_FREE, its order
 *	inside a free block	F_TAIL, ORDER_NONE
 *	in a hart's cache	F_CACHE, 0
 *	allocated block head	0, its order
 *	inside an allocated block 0, ORDER_NONE
 * so freeing a page twice, freeing a page inside a free block, or freeing
 * with the wrong order is caught and panics.
 *
 * Lock order: a hart's cache lock (h) before vm_page_buddy_lock (b); no one
 * holds two cache locks at once, and no one takes a cache lock while holding
 * the buddy lock.
 */
#include "kernel/vm/vm_page.h"
#include "kernel/cpu.h"
#include "kernel/lib/string.h"
#include "kernel/panic.h"
#include "kernel/sync/spinlock.h"
#include <machine/vmparam.h>

#define VM_PAGE_F_TAIL		0x04	/* inside a free block, not its head */
#define VM_PAGE_ORDER_NONE	0xff	/* the page heads no block */

#define VM_PAGE_CACHE_MAX	64	/* pages a hart's cache holds at most */
#define VM_PAGE_CACHE_BATCH	16	/* pages moved per refill or drain */

STATIC_ASSERT(VM_PAGE_MAX_ORDER < VM_PAGE_ORDER_NONE, "order fits in uint8_t");
STATIC_ASSERT((MAX_CPUS & (MAX_CPUS - 1)) == 0, "MAX_CPUS is a power of two");

/*
 * A segment: one RAM range and its vm_page array.
 * Locks: c constant after vm_page_bootstrap.
 */
struct vm_page_seg {
	uint64_t base_pfn;		/* [c] first page frame */
	uint64_t npages;		/* [c] */
	struct vm_page *pages;		/* [c] npages entries */
};

/*
 * A hart's cache of free single pages, a stack threaded through
 * vm_page.next.  Pages allocated from the cache are not counted one by
 * one: count = frees + in - out - allocs, so allocs is derived from the
 * other counters (vm_page_get_stats), which keeps the fast path short.
 *
 * Locks:
 *	h	lock (this struct's)
 *	a	atomic
 */
struct vm_page_cache {
	uint32_t lock;			/* [a] 0: free, 1: held (interrupts off) */
	uint32_t count;			/* [h] pages on the stack */
	struct vm_page *head;		/* [h] top of the stack */
	uint64_t frees;			/* [h] pages freed into the cache */
	uint64_t in;			/* [h] pages refilled from the buddy lists */
	uint64_t out;			/* [h] pages drained to the buddy lists */
} __aligned(64);

static struct vm_page_seg vm_page_segs[VM_PHYS_MAX_RANGES];	/* [c] */
/*
 * the segment vm_page_from_pa found last: most lookups (a zone's frees)
 * hit it again.  Only a hint, read and written without a lock.
 */
static unsigned vm_page_seg_hint;	/* [a] */
static unsigned vm_page_nsegs;					/* [c] */
static struct {
	uintptr_t base;			/* [c] all segments' vm_page arrays */
	uintptr_t bytes;		/* [c] their size */
} vm_page_meta;
static uint64_t vm_page_total;			/* [c] pages managed */

static struct spinlock vm_page_buddy_lock =
    SPINLOCK_INITIALIZER("vm_page_buddy");
static struct vm_page *vm_page_freelist[VM_PAGE_MAX_ORDER + 1];	/* [b] */
static uint64_t vm_page_nblocks[VM_PAGE_MAX_ORDER + 1];		/* [b] */
static uint64_t vm_page_buddy_free;	/* [b] pages on the free lists */
static uint64_t vm_page_buddy_allocs;	/* [b] pages allocated from the lists */
static uint64_t vm_page_buddy_frees;	/* [b] pages freed to the lists */
static uint64_t vm_page_failed;		/* [a] allocations that returned NULL */

static struct vm_page_cache vm_page_caches[MAX_CPUS];

static void vm_page_drain_cache(struct vm_page_cache *c, uint32_t n);
static void vm_page_free_slow(struct vm_page_cache *c, struct vm_page *m,
    uint64_t s);

/*
 * Cache locks.  Callers turn interrupts off first (intr_disable), so the
 * holder is never interrupted on its own hart.
 */
static inline void
vm_page_cache_lock(struct vm_page_cache *c)
{
	while (__atomic_exchange_n(&c->lock, 1, __ATOMIC_ACQUIRE) != 0) {
		while (__atomic_load_n(&c->lock, __ATOMIC_RELAXED) != 0)
			cpu_relax();
	}
}

static inline void
vm_page_cache_unlock(struct vm_page_cache *c)
{
	__atomic_store_n(&c->lock, 0, __ATOMIC_RELEASE);
}

/*
 * A page's flags are written under the lock of wherever the page is (b or
 * a cache's h) and read under b by a buddy looking for its partner, or by
 * a free checking for a double free: relaxed atomics, plain loads and
 * stores in the generated code.
 */
static inline uint8_t
vm_page_flags(const struct vm_page *m)
{
	return __atomic_load_n(&m->flags, __ATOMIC_RELAXED);
}

static inline void
vm_page_set_flags(struct vm_page *m, uint8_t f)
{
	__atomic_store_n(&m->flags, f, __ATOMIC_RELAXED);
}

static inline bool
vm_page_managed(const struct vm_page *m)
{
	return (uintptr_t)m - vm_page_meta.base < vm_page_meta.bytes;
}

static inline uint64_t
vm_page_pfn(const struct vm_page *m)
{
	const struct vm_page_seg *sg = &vm_page_segs[m->seg];

	return sg->base_pfn + (uint64_t)(m - sg->pages);
}

/* Free lists.  Called with b held. */
static void
vm_page_freelist_insert(struct vm_page *m, unsigned order)
{
	vm_page_set_flags(m, VM_PAGE_F_FREE);
	m->order = (uint8_t)order;
	m->prev = NULL;
	m->next = vm_page_freelist[order];
	if (m->next != NULL)
		m->next->prev = m;
	vm_page_freelist[order] = m;
	vm_page_nblocks[order]++;
}

static void
vm_page_freelist_remove(struct vm_page *m, unsigned order)
{
	if (m->prev != NULL)
		m->prev->next = m->next;
	else
		vm_page_freelist[order] = m->next;
	if (m->next != NULL)
		m->next->prev = m->prev;
	vm_page_nblocks[order]--;
}

/*
 * vm_page_buddy_take - unlink a free block of 2^order pages, splitting a
 * larger one if needed, and mark it allocated.  Called with b held.
 * Returns the block's first page, or NULL if no block is large enough.
 */
static struct vm_page *
vm_page_buddy_take(unsigned order)
{
	struct vm_page *m, *half;
	unsigned o;

	for (o = order; o <= VM_PAGE_MAX_ORDER; o++) {
		if (vm_page_freelist[o] != NULL)
			break;
	}
	if (o > VM_PAGE_MAX_ORDER)
		return NULL;
	m = vm_page_freelist[o];
	vm_page_freelist_remove(m, o);
	while (o > order) {
		o--;
		half = m + (1ul << o);	/* same segment: blocks never span two */
		vm_page_freelist_insert(half, o);
	}
	vm_page_set_flags(m, 0);
	m->order = (uint8_t)order;
	for (uint64_t i = 1; i < (1ul << order); i++)
		vm_page_set_flags(&m[i], 0);
	vm_page_buddy_free -= 1ul << order;
	return m;
}

/*
 * vm_page_buddy_put - return the allocated block of 2^order pages at m to
 * the free lists, merging it with its free buddies.  Called with b held.
 */
static void
vm_page_buddy_put(struct vm_page *m, unsigned order)
{
	const struct vm_page_seg *sg = &vm_page_segs[m->seg];
	uint64_t pfn, bpfn, end;
	struct vm_page *b;

	vm_page_buddy_free += 1ul << order;
	for (uint64_t i = 1; i < (1ul << order); i++)
		vm_page_set_flags(&m[i], VM_PAGE_F_TAIL);
	pfn = vm_page_pfn(m);
	end = sg->base_pfn + sg->npages;
	while (order < VM_PAGE_MAX_ORDER) {
		bpfn = pfn ^ (1ul << order);
		if (bpfn < sg->base_pfn || bpfn + (1ul << order) > end)
			break;
		b = &sg->pages[bpfn - sg->base_pfn];
		if (vm_page_flags(b) != VM_PAGE_F_FREE || b->order != order)
			break;
		vm_page_freelist_remove(b, order);
		if (bpfn < pfn) {
			b = m;
			m = &sg->pages[bpfn - sg->base_pfn];
			pfn = bpfn;
		}
		vm_page_set_flags(b, VM_PAGE_F_TAIL);	/* the upper half's head */
		b->order = VM_PAGE_ORDER_NONE;
		order++;
	}
	vm_page_freelist_insert(m, order);
}

size_t
vm_page_bootstrap_size(const struct mem_range *r, unsigned n)
{
	uint64_t pages = 0, lo, hi;

	for (unsigned i = 0; i < n; i++) {
		lo = ROUNDUP(r[i].base, PAGE_SIZE);
		hi = ROUNDDOWN(r[i].base + r[i].size, PAGE_SIZE);
		if (hi > lo)
			pages += (hi - lo) >> PAGE_SHIFT;
	}
	return pages * sizeof(struct vm_page);
}

/* vm_page_seg_init - cut a new segment into maximal aligned free blocks */
static void
vm_page_seg_init(struct vm_page_seg *sg, uint32_t idx)
{
	uint64_t pfn, end, off;
	unsigned o;

	for (uint64_t i = 0; i < sg->npages; i++) {
		sg->pages[i] = (struct vm_page){ .seg = idx,
		    .order = VM_PAGE_ORDER_NONE, .flags = VM_PAGE_F_TAIL };
	}
	pfn = sg->base_pfn;
	end = sg->base_pfn + sg->npages;
	while (pfn < end) {
		o = 0;
		while (o < VM_PAGE_MAX_ORDER && IS_ALIGNED(pfn, 2ul << o) &&
		    pfn + (2ul << o) <= end)
			o++;
		off = pfn - sg->base_pfn;
		vm_page_freelist_insert(&sg->pages[off], o);
		vm_page_buddy_free += 1ul << o;
		pfn += 1ul << o;
	}
}

/*
 * vm_page_bootstrap - take over the n RAM ranges r (page-aligned inward;
 * ranges smaller than a page are ignored), with vm_page_bootstrap_size()
 * bytes of metadata at the kernel address meta.  Runs once on the boot
 * hart before any allocation (host tests call it again to start over:
 * everything allocated before is forgotten).  Panics if the ranges overlap
 * or are too many: the platform code promised otherwise.
 */
void
vm_page_bootstrap(const struct mem_range *r, unsigned n, void *meta)
{
	struct vm_page *cursor = meta;
	struct vm_page_seg *sg;
	uint64_t lo, hi;

	if (n > VM_PHYS_MAX_RANGES)
		panic("vm_page_bootstrap: %u ranges, at most %u", n,
		    VM_PHYS_MAX_RANGES);
	if (!IS_ALIGNED((uintptr_t)meta, _Alignof(struct vm_page)))
		panic("vm_page_bootstrap: metadata at %p misaligned", meta);
	memset(vm_page_freelist, 0, sizeof(vm_page_freelist));
	memset(vm_page_nblocks, 0, sizeof(vm_page_nblocks));
	memset(vm_page_caches, 0, sizeof(vm_page_caches));
	vm_page_buddy_free = vm_page_buddy_allocs = vm_page_buddy_frees = 0;
	vm_page_failed = 0;
	vm_page_total = 0;
	vm_page_nsegs = 0;
	vm_page_seg_hint = 0;
	vm_page_meta.base = (uintptr_t)meta;
	for (unsigned i = 0; i < n; i++) {
		lo = ROUNDUP(r[i].base, PAGE_SIZE);
		hi = ROUNDDOWN(r[i].base + r[i].size, PAGE_SIZE);
		if (hi <= lo)
			continue;
		for (unsigned j = 0; j < vm_page_nsegs; j++) {
			sg = &vm_page_segs[j];
			if (lo >> PAGE_SHIFT < sg->base_pfn + sg->npages &&
			    sg->base_pfn < hi >> PAGE_SHIFT)
				panic("vm_page_bootstrap: range %#lx+%#lx "
				    "overlaps another", (unsigned long)r[i].base,
				    (unsigned long)r[i].size);
		}
		sg = &vm_page_segs[vm_page_nsegs];
		sg->base_pfn = lo >> PAGE_SHIFT;
		sg->npages = (hi - lo) >> PAGE_SHIFT;
		sg->pages = cursor;
		cursor += sg->npages;
		vm_page_seg_init(sg, vm_page_nsegs);
		vm_page_nsegs++;
		vm_page_total += (hi - lo) >> PAGE_SHIFT;
	}
	vm_page_meta.bytes = (uintptr_t)cursor - (uintptr_t)meta;
}

/*
 * vm_page_steal - take one page from another hart's cache, for when the
 * buddy lists are empty.  Holds one cache lock at a time, interrupts off.
 * Returns NULL if every cache is empty.
 */
static struct vm_page *
vm_page_steal(uint32_t self)
{
	struct vm_page_cache *c;
	struct vm_page *m;

	for (uint32_t i = 1; i < MAX_CPUS; i++) {
		c = &vm_page_caches[(self + i) & (MAX_CPUS - 1)];
		vm_page_cache_lock(c);
		m = c->head;
		if (m != NULL) {
			c->head = m->next;
			c->count--;
			vm_page_set_flags(m, 0);
		}
		vm_page_cache_unlock(c);
		if (m != NULL)
			return m;
	}
	return NULL;
}

/*
 * vm_page_alloc_slow - the hart's cache c is empty: refill it from the
 * buddy lists and take a page, or else steal one from another hart.
 * Called with interrupts off (s: the state to restore) and c locked;
 * returns with c unlocked and interrupts restored.
 */
static __attribute__((noinline)) struct vm_page *
vm_page_alloc_slow(struct vm_page_cache *c, uint64_t s)
{
	struct vm_page *m;
	uint32_t n;

	spin_lock(&vm_page_buddy_lock);
	for (n = 0; n < VM_PAGE_CACHE_BATCH; n++) {
		m = vm_page_buddy_take(0);
		if (m == NULL)
			break;
		vm_page_set_flags(m, VM_PAGE_F_CACHE);
		m->next = c->head;
		c->head = m;
	}
	spin_unlock(&vm_page_buddy_lock);
	c->in += n;
	c->count += n;
	m = c->head;
	if (m != NULL) {
		c->head = m->next;
		c->count--;
		vm_page_set_flags(m, 0);
	}
	vm_page_cache_unlock(c);
	if (m == NULL)
		m = vm_page_steal(cpu_number());
	intr_restore(s);
	if (m == NULL)
		__atomic_fetch_add(&vm_page_failed, 1, __ATOMIC_RELAXED);
	return m;
}

/*
 * vm_page_alloc - one page, from this hart's cache when it has one.
 * Returns NULL only when no page is free anywhere: the buddy lists and
 * every hart's cache are empty.
 */
struct vm_page *
vm_page_alloc(void)
{
	struct vm_page_cache *c;
	struct vm_page *m;
	uint64_t s;

	s = intr_disable();
	c = &vm_page_caches[cpu_number()];
	vm_page_cache_lock(c);
	m = c->head;
	if (unlikely(m == NULL))
		return vm_page_alloc_slow(c, s);
	c->head = m->next;
	c->count--;
	vm_page_set_flags(m, 0);
	vm_page_cache_unlock(c);
	intr_restore(s);
	return m;
}

static __noreturn __attribute__((noinline)) void
vm_page_bad_free(const char *fn, const struct vm_page *m, unsigned order)
{
	if (!vm_page_managed(m))
		panic("%s: %p is not a managed page", fn, m);
	if (vm_page_flags(m) != 0)
		panic("%s: page %#lx is already free (flags %#x)", fn,
		    (unsigned long)vm_page_to_pa(m), vm_page_flags(m));
	if (m->order == VM_PAGE_ORDER_NONE)
		panic("%s: page %#lx is inside a block, not its head", fn,
		    (unsigned long)vm_page_to_pa(m));
	panic("%s: page %#lx freed as order %u, allocated as order %u", fn,
	    (unsigned long)vm_page_to_pa(m), order, m->order);
}

/* vm_page_cache_push - put the free page m on the cache c, locked */
static inline void
vm_page_cache_push(struct vm_page_cache *c, struct vm_page *m)
{
	m->next = c->head;
	c->head = m;
	c->count++;
	c->frees++;
	vm_page_set_flags(m, VM_PAGE_F_CACHE);
}

/*
 * vm_page_free - free one page allocated by vm_page_alloc.  Panics if m is
 * not a managed page, is free already, or heads a larger block.
 */
void
vm_page_free(struct vm_page *m)
{
	struct vm_page_cache *c;
	uint64_t s;

	s = intr_disable();
	c = &vm_page_caches[cpu_number()];
	vm_page_cache_lock(c);
	if (unlikely(!vm_page_managed(m) ||
	    (vm_page_flags(m) | m->order) != 0 ||
	    c->count >= VM_PAGE_CACHE_MAX)) {
		vm_page_free_slow(c, m, s);	/* the one call: keeps this leaf */
		return;
	}
	vm_page_cache_push(c, m);
	vm_page_cache_unlock(c);
	intr_restore(s);
}

/*
 * vm_page_free_slow - vm_page_free when m looks wrong (panic) or the
 * hart's cache c is full (drain a batch first).  Called with interrupts
 * off (s: the state to restore) and c locked; returns with c unlocked and
 * interrupts restored.
 */
static __attribute__((noinline)) void
vm_page_free_slow(struct vm_page_cache *c, struct vm_page *m, uint64_t s)
{
	if (!vm_page_managed(m) || (vm_page_flags(m) | m->order) != 0)
		vm_page_bad_free("vm_page_free", m, 0);
	vm_page_drain_cache(c, VM_PAGE_CACHE_BATCH);
	vm_page_cache_push(c, m);
	vm_page_cache_unlock(c);
	intr_restore(s);
}

/*
 * vm_page_drain_cache - move n pages (or all it has) from the cache c to
 * the buddy lists.  Called with interrupts off and c locked.
 */
static __attribute__((noinline)) void
vm_page_drain_cache(struct vm_page_cache *c, uint32_t n)
{
	struct vm_page *m;
	uint32_t i;

	spin_lock(&vm_page_buddy_lock);
	for (i = 0; i < n && c->head != NULL; i++) {
		m = c->head;
		c->head = m->next;
		vm_page_set_flags(m, 0);
		vm_page_buddy_put(m, 0);
	}
	spin_unlock(&vm_page_buddy_lock);
	c->count -= i;
	c->out += i;
}

void
vm_page_drain_caches(void)
{
	struct vm_page_cache *c;
	uint64_t s;

	for (uint32_t i = 0; i < MAX_CPUS; i++) {
		c = &vm_page_caches[i];
		s = intr_disable();
		vm_page_cache_lock(c);
		vm_page_drain_cache(c, c->count);
		vm_page_cache_unlock(c);
		intr_restore(s);
	}
}

/* vm_page_alloc_block - a block of order >= 1 from the buddy lists, or NULL */
static struct vm_page *
vm_page_alloc_block(unsigned order)
{
	struct vm_page *m;

	spin_lock(&vm_page_buddy_lock);
	m = vm_page_buddy_take(order);
	if (m != NULL)
		vm_page_buddy_allocs += 1ul << order;
	spin_unlock(&vm_page_buddy_lock);
	return m;
}

/*
 * vm_page_alloc_order - 2^order physically contiguous pages, the first
 * aligned on 2^order pages.  If the buddy lists have no such block, the
 * harts' caches are drained (their pages may complete one) and it tries
 * once more.  Returns NULL if there is none, or if order is too large.
 */
struct vm_page *
vm_page_alloc_order(unsigned order)
{
	struct vm_page *m = NULL;

	if (order == 0)
		return vm_page_alloc();
	if (order <= VM_PAGE_MAX_ORDER) {
		m = vm_page_alloc_block(order);
		if (m == NULL) {
			vm_page_drain_caches();
			m = vm_page_alloc_block(order);
		}
	}
	if (m == NULL)
		__atomic_fetch_add(&vm_page_failed, 1, __ATOMIC_RELAXED);
	return m;
}

/*
 * vm_page_free_order - free a block from vm_page_alloc_order(order).
 * Panics if m is not the head of an allocated block of that order.
 */
void
vm_page_free_order(struct vm_page *m, unsigned order)
{
	const struct vm_page_seg *sg;
	uint64_t idx;

	if (order == 0) {
		vm_page_free(m);
		return;
	}
	if (!vm_page_managed(m))
		vm_page_bad_free(__func__, m, order);
	if (order > VM_PAGE_MAX_ORDER)
		panic("vm_page_free_order: order %u", order);
	sg = &vm_page_segs[m->seg];
	idx = (uint64_t)(m - sg->pages);
	if (!IS_ALIGNED(sg->base_pfn + idx, 1ul << order) ||
	    idx + (1ul << order) > sg->npages)
		panic("vm_page_free_order: page %#lx cannot head an order %u "
		    "block", (unsigned long)vm_page_to_pa(m), order);
	spin_lock(&vm_page_buddy_lock);
	if (vm_page_flags(m) != 0 || m->order != order)
		vm_page_bad_free(__func__, m, order);
	for (uint64_t i = 1; i < (1ul << order); i++) {
		if (vm_page_flags(&m[i]) != 0 ||
		    m[i].order != VM_PAGE_ORDER_NONE)
			vm_page_bad_free(__func__, &m[i], order);
	}
	vm_page_buddy_put(m, order);
	vm_page_buddy_frees += 1ul << order;
	spin_unlock(&vm_page_buddy_lock);
}

paddr_t
vm_page_to_pa(const struct vm_page *m)
{
	return vm_page_pfn(m) << PAGE_SHIFT;
}

struct vm_page *
vm_page_from_pa(paddr_t pa)
{
	uint64_t pfn = pa >> PAGE_SHIFT;
	unsigned h = __atomic_load_n(&vm_page_seg_hint, __ATOMIC_RELAXED);
	const struct vm_page_seg *sg = &vm_page_segs[h];

	if (pfn - sg->base_pfn < sg->npages)
		return &sg->pages[pfn - sg->base_pfn];
	for (unsigned i = 0; i < vm_page_nsegs; i++) {
		sg = &vm_page_segs[i];
		if (pfn - sg->base_pfn < sg->npages) {
			__atomic_store_n(&vm_page_seg_hint, i, __ATOMIC_RELAXED);
			return &sg->pages[pfn - sg->base_pfn];
		}
	}
	return NULL;
}

void *
vm_page_kva(const struct vm_page *m)
{
	return phys_to_kva(vm_page_to_pa(m));
}

/*
 * vm_page_get_stats - the counters, summed over the buddy lists and every
 * hart's cache.  The sum is exact when no allocation runs meanwhile.
 */
void
vm_page_get_stats(struct vm_page_stats *st)
{
	struct vm_page_cache *c;
	uint64_t s;

	spin_lock(&vm_page_buddy_lock);
	st->total = vm_page_total;
	st->free = vm_page_buddy_free;
	st->allocs = vm_page_buddy_allocs;
	st->frees = vm_page_buddy_frees;
	spin_unlock(&vm_page_buddy_lock);
	st->failed = __atomic_load_n(&vm_page_failed, __ATOMIC_RELAXED);
	for (uint32_t i = 0; i < MAX_CPUS; i++) {
		c = &vm_page_caches[i];
		s = intr_disable();
		vm_page_cache_lock(c);
		st->free += c->count;
		st->frees += c->frees;
		st->allocs += c->frees + c->in - c->out - c->count;
		vm_page_cache_unlock(c);
		intr_restore(s);
	}
}

void
vm_page_get_free_blocks(uint64_t nblocks[VM_PAGE_MAX_ORDER + 1])
{
	spin_lock(&vm_page_buddy_lock);
	for (unsigned o = 0; o <= VM_PAGE_MAX_ORDER; o++)
		nblocks[o] = vm_page_nblocks[o];
	spin_unlock(&vm_page_buddy_lock);
}

void *
kpage_alloc(void)
{
	struct vm_page *m;
	void *va;

	m = vm_page_alloc();
	if (m == NULL)
		return NULL;
	va = vm_page_kva(m);
	memset(va, 0, PAGE_SIZE);
	return va;
}

/* kpage_free - free a page from kpage_alloc; panics if kva is not one. */
void
kpage_free(void *kva)
{
	struct vm_page *m;

	if (!IS_ALIGNED((uintptr_t)kva, PAGE_SIZE))
		panic("kpage_free: %p is not a page", kva);
	m = vm_page_from_pa(kva_to_phys(kva));
	if (m == NULL)
		panic("kpage_free: %p is not a managed page", kva);
	vm_page_free(m);
}
