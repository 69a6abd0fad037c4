/*
 * test/ktest/vm_page.c - in-kernel tests of the page allocator (suite vm_page).
 *
 * The tests assume nothing else allocates pages while they run, so the
 * counters can be compared exactly with a baseline.  While memory is
 * exhausted nothing is printed: results are recorded, the pages given
 * back, and only then checked.
 */
#include "kernel/ktest/ktest.h"
#include "kernel/cpu.h"
#include "kernel/lib/string.h"
#include "kernel/vm/vm_page.h"
#include <machine/vmparam.h>

static struct vm_page_stats
stats(void)
{
	struct vm_page_stats s;

	vm_page_get_stats(&s);
	return s;
}

/* a list of pages threaded through their own memory */
static void
push_page(struct vm_page **list, struct vm_page *m)
{
	*(struct vm_page **)vm_page_kva(m) = *list;
	*list = m;
}

static struct vm_page *
pop_page(struct vm_page **list)
{
	struct vm_page *m = *list;

	if (m != NULL)
		*list = *(struct vm_page **)vm_page_kva(m);
	return m;
}

/* allocate single pages until NULL; returns how many */
static uint64_t
take_all(struct vm_page **list)
{
	struct vm_page *m;
	uint64_t n = 0;

	while ((m = vm_page_alloc()) != NULL) {
		push_page(list, m);
		n++;
	}
	return n;
}

static void
give_back(struct vm_page **list)
{
	struct vm_page *m;

	while ((m = pop_page(list)) != NULL)
		vm_page_free(m);
}

/*
 * hold_back - take top-order blocks until about keep pages are left free,
 * so that a test racing every hart to exhaustion stays short: on a host
 * with fewer cores than harts, each contended lock hand-off can cost a
 * host time slice.  Returns the blocks, for give_back_blocks.
 */
static struct vm_page *
hold_back(uint64_t keep)
{
	struct vm_page_stats s;
	struct vm_page *list = NULL, *m;

	for (;;) {
		vm_page_get_stats(&s);
		if (s.free < keep + (1ul << VM_PAGE_MAX_ORDER))
			break;
		m = vm_page_alloc_order(VM_PAGE_MAX_ORDER);
		if (m == NULL)
			break;
		push_page(&list, m);
	}
	return list;
}

static void
give_back_blocks(struct vm_page **list)
{
	struct vm_page *m;

	while ((m = pop_page(list)) != NULL)
		vm_page_free_order(m, VM_PAGE_MAX_ORDER);
}

KTEST(vm_page, single_alloc_free)
{
	struct vm_page_stats a, b;
	struct vm_page *m;

	a = stats();
	KT_ASSERT_GT(a.total, 0);
	KT_ASSERT_LE(a.free, a.total);
	m = vm_page_alloc();
	KT_ASSERT_NOT_NULL(m);
	b = stats();
	KT_EXPECT_EQ(b.free, a.free - 1);
	KT_EXPECT_EQ(b.allocs, a.allocs + 1);
	vm_page_free(m);
	b = stats();
	KT_EXPECT_EQ(b.total, a.total);
	KT_EXPECT_EQ(b.free, a.free);
	KT_EXPECT_EQ(b.frees, a.frees + 1);
	KT_EXPECT_EQ(b.failed, a.failed);
}

KTEST(vm_page, pa_roundtrip)
{
	struct vm_page *m;
	paddr_t pa;
	uint64_t *p;

	m = vm_page_alloc();
	KT_ASSERT_NOT_NULL(m);
	pa = vm_page_to_pa(m);
	KT_EXPECT(IS_ALIGNED(pa, PAGE_SIZE));
	KT_EXPECT(vm_page_from_pa(pa) == m);
	KT_EXPECT(vm_page_from_pa(pa + PAGE_SIZE - 1) == m);
	KT_EXPECT(vm_page_kva(m) == phys_to_kva(pa));
	p = vm_page_kva(m);
	p[0] = 0x1122334455667788ul;
	p[PAGE_SIZE / 8 - 1] = pa;
	KT_EXPECT_EQ(p[0], 0x1122334455667788ul);
	KT_EXPECT_EQ(p[PAGE_SIZE / 8 - 1], pa);
	KT_EXPECT(vm_page_from_pa(0) == NULL);	/* no board has RAM at 0 */
	vm_page_free(m);
}

/* every order: aligned, contiguous metadata, counted in pages */
KTEST(vm_page, every_order)
{
	struct vm_page_stats a0, a, b;
	struct vm_page *m;
	uint64_t npg;
	paddr_t pa;

	a0 = a = stats();
	for (unsigned o = 0; o <= VM_PAGE_MAX_ORDER; o++) {
		npg = 1ul << o;
		m = vm_page_alloc_order(o);
		KT_ASSERT_NOT_NULL(m);
		pa = vm_page_to_pa(m);
		KT_EXPECT(IS_ALIGNED(pa, PAGE_SIZE << o));
		KT_EXPECT(vm_page_from_pa(pa + (npg - 1) * PAGE_SIZE) ==
		    m + (npg - 1));
		b = stats();
		KT_EXPECT_EQ(b.free, a.free - npg);
		KT_EXPECT_EQ(b.allocs, a.allocs + npg);
		vm_page_free_order(m, o);
		b = stats();
		KT_EXPECT_EQ(b.free, a.free);
		KT_EXPECT_EQ(b.frees, a.frees + npg);
		a = b;
	}
	KT_EXPECT_EQ(a.free, a0.free);
	KT_EXPECT_EQ(a.failed, a0.failed);
}

/* many blocks of several orders at once: each aligned, none overlapping */
KTEST(vm_page, alignment_many)
{
	enum { PER = 8, ORDERS = 6 };
	struct vm_page *blk[ORDERS][PER];
	struct vm_page_stats a = stats();
	paddr_t lo[ORDERS * PER], hi[ORDERS * PER];
	unsigned n = 0;

	for (unsigned o = 0; o < ORDERS; o++) {
		for (unsigned i = 0; i < PER; i++) {
			blk[o][i] = vm_page_alloc_order(o);
			KT_ASSERT_NOT_NULL(blk[o][i]);
			lo[n] = vm_page_to_pa(blk[o][i]);
			hi[n] = lo[n] + (PAGE_SIZE << o);
			KT_EXPECT(IS_ALIGNED(lo[n], PAGE_SIZE << o));
			n++;
		}
	}
	for (unsigned i = 0; i < n; i++) {
		for (unsigned j = i + 1; j < n; j++)
			KT_EXPECT(hi[i] <= lo[j] || hi[j] <= lo[i]);
	}
	for (unsigned o = 0; o < ORDERS; o++) {
		for (unsigned i = 0; i < PER; i++)
			vm_page_free_order(blk[o][i], o);
	}
	KT_EXPECT_EQ(stats().free, a.free);
}

KTEST(vm_page, kpage_zeroed)
{
	uint64_t *p, *q;
	unsigned nonzero = 0;

	p = kpage_alloc();
	KT_ASSERT_NOT_NULL(p);
	KT_EXPECT(IS_ALIGNED((vaddr_t)p, PAGE_SIZE));
	for (unsigned i = 0; i < PAGE_SIZE / 8; i++)
		nonzero += p[i] != 0;
	KT_EXPECT_EQ(nonzero, 0);
	memset(p, 0x5a, PAGE_SIZE);
	kpage_free(p);
	q = kpage_alloc();		/* most likely the same page again */
	KT_ASSERT_NOT_NULL(q);
	for (unsigned i = 0; i < PAGE_SIZE / 8; i++)
		nonzero += q[i] != 0;
	KT_EXPECT_EQ(nonzero, 0);
	kpage_free(q);
}

KTEST(vm_page, failed_counter)
{
	struct vm_page_stats a = stats();

	KT_EXPECT(vm_page_alloc_order(VM_PAGE_MAX_ORDER + 1) == NULL);
	KT_EXPECT_EQ(stats().failed, a.failed + 1);
	KT_EXPECT_EQ(stats().free, a.free);
}

/*
 * Allocate every page until NULL: exactly the number reported free.  Give
 * them all back: the counters and the free lists' shape are as before.
 */
KTEST(vm_page, exhaustion)
{
	uint64_t before[VM_PAGE_MAX_ORDER + 1], after[VM_PAGE_MAX_ORDER + 1];
	struct vm_page_stats a, empty, b;
	struct vm_page *list = NULL, *big;
	uint64_t n;

	vm_page_drain_caches();
	vm_page_get_free_blocks(before);
	a = stats();
	n = take_all(&list);
	empty = stats();
	big = vm_page_alloc_order(1);
	give_back(&list);
	b = stats();

	KT_EXPECT(big == NULL);
	KT_EXPECT_EQ(n, a.free);
	KT_EXPECT_EQ(empty.free, 0);
	KT_EXPECT_EQ(empty.failed, a.failed + 1);
	KT_EXPECT_EQ(empty.allocs, a.allocs + n);
	KT_EXPECT_EQ(b.free, a.free);
	KT_EXPECT_EQ(b.frees, a.frees + n);
	KT_EXPECT_EQ(b.failed, a.failed + 2);
	vm_page_drain_caches();
	vm_page_get_free_blocks(after);
	for (unsigned o = 0; o <= VM_PAGE_MAX_ORDER; o++)
		KT_EXPECT_EQ(after[o], before[o]);
}

/*
 * SMP tests.  Hart 0 keeps the shared baseline.  Every hart reaches every
 * barrier: failures are recorded with KT_EXPECT, never returned early on.
 */
static struct vm_page_stats smp_base, smp_empty;
static uint64_t smp_total;		/* [a] */
static struct vm_page *smp_held;	/* hart 0's held-back blocks */

/* every hart allocates and frees at once; the totals are exact */
KTEST_SMP(vm_page, smp_alloc_free)
{
	enum { ROUNDS = 100, BATCH = 48 };
	struct vm_page *held[BATCH];
	uint64_t me = cpu_number(), tag, bad = 0, got = 0;
	struct vm_page_stats b;

	if (me == 0)
		smp_base = stats();
	KT_BARRIER();
	for (unsigned r = 0; r < ROUNDS; r++) {
		for (unsigned i = 0; i < BATCH; i++) {
			held[i] = vm_page_alloc();
			if (held[i] == NULL)
				continue;
			got++;
			tag = me << 48 | (uint64_t)r << 16 | i;
			*(uint64_t *)vm_page_kva(held[i]) = tag;
		}
		for (unsigned i = 0; i < BATCH; i++) {
			if (held[i] == NULL)
				continue;
			tag = me << 48 | (uint64_t)r << 16 | i;
			bad += *(uint64_t *)vm_page_kva(held[i]) != tag;
			vm_page_free(held[i]);
		}
	}
	KT_EXPECT_EQ(bad, 0);
	KT_EXPECT_EQ(got, (uint64_t)ROUNDS * BATCH);
	KT_BARRIER();
	if (me == 0) {
		b = stats();
		KT_EXPECT_EQ(b.free, smp_base.free);
		KT_EXPECT_EQ(b.allocs - smp_base.allocs,
		    (uint64_t)kt->ncpus * ROUNDS * BATCH);
		KT_EXPECT_EQ(b.frees - smp_base.frees,
		    (uint64_t)kt->ncpus * ROUNDS * BATCH);
		KT_EXPECT_EQ(b.failed, smp_base.failed);
	}
	KT_BARRIER();
}

/* every hart allocates until NULL at once: together they get every page */
KTEST_SMP(vm_page, smp_exhaustion)
{
	struct vm_page *list = NULL;
	uint64_t me = cpu_number(), n;
	struct vm_page_stats b;

	if (me == 0) {
		smp_held = hold_back(4096);
		smp_base = stats();
		__atomic_store_n(&smp_total, 0, __ATOMIC_RELAXED);
	}
	KT_BARRIER();
	n = take_all(&list);
	__atomic_fetch_add(&smp_total, n, __ATOMIC_RELAXED);
	KT_BARRIER();
	if (me == 0)
		smp_empty = stats();
	KT_BARRIER();
	give_back(&list);
	KT_BARRIER();
	if (me == 0) {
		b = stats();
		give_back_blocks(&smp_held);
		KT_EXPECT_EQ(__atomic_load_n(&smp_total, __ATOMIC_RELAXED),
		    smp_base.free);
		KT_EXPECT_EQ(smp_empty.free, 0);
		KT_EXPECT_GE(smp_empty.failed, smp_base.failed + kt->ncpus);
		KT_EXPECT_EQ(b.free, smp_base.free);
		KT_EXPECT_EQ(b.allocs - smp_base.allocs, smp_base.free);
		KT_EXPECT_EQ(b.frees - smp_base.frees, smp_base.free);
	}
	KT_BARRIER();
}

/* pages cached on the other harts are stolen before hart 0 gives up */
KTEST_SMP(vm_page, smp_steal)
{
	enum { N = 40 };
	struct vm_page *held[N], *list = NULL;
	uint64_t me = cpu_number(), n = 0;
	struct vm_page_stats b;

	if (me == 0)
		smp_held = hold_back(4096);
	KT_BARRIER();
	if (me != 0) {		/* leave pages in this hart's cache */
		for (unsigned i = 0; i < N; i++)
			held[i] = vm_page_alloc();
		for (unsigned i = 0; i < N; i++) {
			if (held[i] != NULL)
				vm_page_free(held[i]);
		}
	}
	KT_BARRIER();
	if (me == 0) {
		smp_base = stats();
		n = take_all(&list);
		smp_empty = stats();
		give_back(&list);
		b = stats();
		give_back_blocks(&smp_held);
		KT_EXPECT_EQ(n, smp_base.free);
		KT_EXPECT_EQ(smp_empty.free, 0);
		KT_EXPECT_EQ(b.free, smp_base.free);
	}
	KT_BARRIER();
}

/*
 * Crash tests (suite vm_page_crash, so that ktest=vm_page.* never selects
 * them): each must end in a panic naming the broken invariant.
 */

/* expected: "panic: vm_page_free: page 0x... is already free (flags 0x2)" */
KTEST_CRASH(vm_page_crash, double_free)
{
	struct vm_page *m = vm_page_alloc();

	KT_ASSERT_NOT_NULL(m);
	vm_page_free(m);
	vm_page_free(m);
	KT_EXPECT(false);
}

/* expected: "panic: vm_page_free: page 0x... freed as order 0, allocated as order 2" */
KTEST_CRASH(vm_page_crash, wrong_order)
{
	struct vm_page *m = vm_page_alloc_order(2);

	KT_ASSERT_NOT_NULL(m);
	vm_page_free(m);
	KT_EXPECT(false);
}
