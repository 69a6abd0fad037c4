/*
 * test/host/mem/test_vm_page.c - host unit tests of the page allocator
 * (kernel/vm/vm_page.c): buddy split and merge, segments of odd sizes and
 * alignments, exhaustion, a randomized run against a shadow model, the
 * per-hart caches with threads playing harts, and the panics on bad frees.
 */
#include "mem_test.h"

#include <pthread.h>
#include <string.h>

#define NTHREADS	8

static struct ram ram;

/* one 4 MiB-aligned range of 1024 pages: a single top-order block */
static void
boot_one_block(void)
{
	ram_fini(&ram);
	ram_init(&ram, MiB(4));
	ram_add(&ram, 0, 1024);
	ram_boot(&ram);
}

/*
 * Several segments: odd sizes, odd alignments, a one-page segment, one
 * that starts just below a 4 MiB boundary, one large enough for several
 * top-order blocks.
 */
static void
boot_odd_segments(void)
{
	ram_fini(&ram);
	ram_init(&ram, MiB(32));
	ram_add(&ram, 3 * PAGE_SIZE, 1000);		/* 3 .. 1002 */
	ram_add(&ram, MiB(4) + 5 * PAGE_SIZE, 1);	/* a lone page */
	ram_add(&ram, MiB(4) + 7 * PAGE_SIZE, 517);	/* right after a hole */
	ram_add(&ram, MiB(8) - 9 * PAGE_SIZE, 2100);	/* across 8 MiB */
	ram_add(&ram, MiB(20), 2048 + 77);		/* two top blocks + tail */
	ram_add(&ram, MiB(31) + PAGE_SIZE, 255);
	ram_boot(&ram);
}

static void
test_bootstrap(void)
{
	struct vm_page_stats st;
	uint64_t nb[VM_PAGE_MAX_ORDER + 1];

	boot_one_block();
	st = page_stats();
	CHECK_EQ(st.total, 1024);
	CHECK_EQ(st.free, 1024);
	CHECK_EQ(st.allocs, 0);
	CHECK_EQ(st.frees, 0);
	CHECK_EQ(st.failed, 0);
	vm_page_get_free_blocks(nb);
	for (unsigned o = 0; o < VM_PAGE_MAX_ORDER; o++)
		CHECK_EQ(nb[o], 0);
	CHECK_EQ(nb[VM_PAGE_MAX_ORDER], 1);

	/* ranges that are not page aligned are trimmed inward */
	struct mem_range r[2] = {
		{ (paddr_t)(uintptr_t)ram.buf + 100, 3 * PAGE_SIZE },
		{ (paddr_t)(uintptr_t)ram.buf + MiB(2), PAGE_SIZE - 1 },
	};
	CHECK_EQ(vm_page_bootstrap_size(r, 2), 2 * sizeof(struct vm_page));
	CHECK_EQ(vm_page_bootstrap_size(r, 0), 0);

	boot_odd_segments();
	st = page_stats();
	CHECK_EQ(st.total, 1000 + 1 + 517 + 2100 + 2048 + 77 + 255);
	CHECK_EQ(st.free, st.total);
	check_initial_shape(&ram);
}

static void
test_pa_conversions(void)
{
	struct vm_page *m;
	paddr_t pa;

	boot_odd_segments();
	for (unsigned i = 0; i < ram.n; i++) {
		for (uint64_t p = 0; p < ram.r[i].size; p += PAGE_SIZE) {
			pa = ram.r[i].base + p;
			m = vm_page_from_pa(pa + 123);
			CHECK(m != NULL);
			CHECK_EQ(vm_page_to_pa(m), pa);
			CHECK(vm_page_kva(m) == (void *)(uintptr_t)pa);
		}
		/* just below and just above each range: not managed */
		CHECK(vm_page_from_pa(ram.r[i].base - 1) == NULL);
		CHECK(vm_page_from_pa(ram.r[i].base + ram.r[i].size) == NULL);
	}
	CHECK(vm_page_from_pa((paddr_t)(uintptr_t)ram.buf) == NULL);
	CHECK(vm_page_from_pa(0) == NULL);
	CHECK(vm_page_from_pa(~(paddr_t)0) == NULL);
}

/* order-n allocations split the one block exactly as a buddy system must */
static void
test_split_merge(void)
{
	uint64_t nb[VM_PAGE_MAX_ORDER + 1];
	struct vm_page *m, *m2;
	struct vm_page_stats st0, st;
	uint64_t base;

	boot_one_block();
	base = (uintptr_t)ram.buf / PAGE_SIZE;
	for (unsigned o = 1; o <= VM_PAGE_MAX_ORDER; o++) {
		st0 = page_stats();
		m = vm_page_alloc_order(o);
		CHECK(m != NULL);
		CHECK_EQ(vm_page_to_pa(m) / PAGE_SIZE, base);
		vm_page_get_free_blocks(nb);
		for (unsigned k = 0; k <= VM_PAGE_MAX_ORDER; k++)
			CHECK_EQ(nb[k], k >= o && k < VM_PAGE_MAX_ORDER);
		st = page_stats();
		CHECK_EQ(st.free, 1024 - (1u << o));
		CHECK_EQ(st.allocs, st0.allocs + (1u << o));
		vm_page_free_order(m, o);
		vm_page_get_free_blocks(nb);
		CHECK_EQ(nb[VM_PAGE_MAX_ORDER], 1);
		st = page_stats();
		CHECK_EQ(st.free, 1024);
		CHECK_EQ(st.frees, st0.frees + (1u << o));
	}

	/* two order-3 buddies merge only when both are free */
	m = vm_page_alloc_order(3);
	m2 = vm_page_alloc_order(3);
	CHECK(m != NULL && m2 != NULL);
	CHECK_EQ(vm_page_to_pa(m2) - vm_page_to_pa(m), 8 * PAGE_SIZE);
	vm_page_free_order(m, 3);
	vm_page_get_free_blocks(nb);
	CHECK_EQ(nb[3], 1);		/* m alone: its buddy m2 is in use */
	for (unsigned k = 4; k < VM_PAGE_MAX_ORDER; k++)
		CHECK_EQ(nb[k], 1);
	CHECK_EQ(nb[VM_PAGE_MAX_ORDER], 0);
	vm_page_free_order(m2, 3);
	vm_page_get_free_blocks(nb);
	CHECK_EQ(nb[3], 0);
	CHECK_EQ(nb[VM_PAGE_MAX_ORDER], 1);

	/* freed in the reverse order */
	m = vm_page_alloc_order(3);
	m2 = vm_page_alloc_order(3);
	vm_page_free_order(m2, 3);
	vm_page_free_order(m, 3);
	vm_page_get_free_blocks(nb);
	CHECK_EQ(nb[VM_PAGE_MAX_ORDER], 1);

	/* too large an order fails and counts */
	st = page_stats();
	CHECK(vm_page_alloc_order(VM_PAGE_MAX_ORDER + 1) == NULL);
	CHECK_EQ(page_stats().failed, st.failed + 1);
	check_initial_shape(&ram);
}

/* the cache refills from the buddy lists and drains back to them */
static void
test_cache_refill_drain(void)
{
	struct vm_page *pages[200];
	uint64_t nb[VM_PAGE_MAX_ORDER + 1];
	struct vm_page_stats st;

	boot_one_block();
	pages[0] = vm_page_alloc();
	CHECK(pages[0] != NULL);
	st = page_stats();
	CHECK_EQ(st.free, 1023);
	CHECK_EQ(st.allocs, 1);
	vm_page_get_free_blocks(nb);	/* a batch of 16 left the lists */
	CHECK_EQ(nb[4] + nb[5] + nb[6] + nb[7] + nb[8] + nb[9], 6);
	vm_page_free(pages[0]);
	/* LIFO: the page just freed is the next one out */
	CHECK(vm_page_alloc() == pages[0]);
	vm_page_free(pages[0]);
	st = page_stats();
	CHECK_EQ(st.free, 1024);
	CHECK_EQ(st.frees, 2);

	for (unsigned i = 0; i < 200; i++) {
		pages[i] = vm_page_alloc();
		CHECK(pages[i] != NULL);
	}
	for (unsigned i = 0; i < 200; i++)
		vm_page_free(pages[i]);
	st = page_stats();
	CHECK_EQ(st.free, 1024);
	CHECK_EQ(st.allocs, 202);
	CHECK_EQ(st.frees, 202);
	/* the cache holds at most 64 pages; the rest went back */
	vm_page_get_free_blocks(nb);
	uint64_t buddy = 0;
	for (unsigned o = 0; o <= VM_PAGE_MAX_ORDER; o++)
		buddy += nb[o] << o;
	CHECK(1024 - buddy <= 64);
	check_initial_shape(&ram);
}

/* allocate until NULL: exactly the free count; then all back */
static void
exhaust(unsigned npasses)
{
	struct vm_page_stats st0, st;
	struct vm_page **held;
	uint64_t n;

	st0 = page_stats();
	held = calloc(st0.free + 1, sizeof(*held));
	CHECK(held != NULL);
	for (unsigned pass = 0; pass < npasses; pass++) {
		st0 = page_stats();
		n = 0;
		while ((held[n] = vm_page_alloc()) != NULL) {
			CHECK(n < st0.free);
			/* the page's memory is the test's now: mark it */
			*(uint64_t *)vm_page_kva(held[n]) = n;
			n++;
		}
		CHECK_EQ(n, st0.free);
		st = page_stats();
		CHECK_EQ(st.free, 0);
		CHECK_EQ(st.failed, st0.failed + 1);
		CHECK_EQ(st.allocs, st0.allocs + n);
		CHECK(vm_page_alloc_order(1) == NULL);
		CHECK(kpage_alloc() == NULL);
		CHECK_EQ(page_stats().failed, st0.failed + 3);
		for (uint64_t i = 0; i < n; i++)
			CHECK_EQ(*(uint64_t *)vm_page_kva(held[i]), i);
		for (uint64_t i = 0; i < n; i++)
			vm_page_free(held[(i * 7919) % n]);	/* shuffled */
		st = page_stats();
		CHECK_EQ(st.free, st0.free);
		CHECK_EQ(st.frees, st0.frees + n);
		CHECK_EQ(st.allocs - st.frees, st0.allocs - st0.frees);
	}
	free(held);
}

static void
test_exhaustion(void)
{
	boot_one_block();
	exhaust(2);
	check_initial_shape(&ram);
	boot_odd_segments();
	exhaust(2);
	check_initial_shape(&ram);
}

/* pages sitting in other harts' caches are stolen before giving up */
static void
test_steal(void)
{
	struct vm_page *p[40];
	struct vm_page_stats st;
	struct vm_page *m, *list = NULL;
	uint64_t n = 0;

	boot_odd_segments();
	for (uint32_t cpu = 0; cpu < MAX_CPUS; cpu += 9) {
		host_cpu_set(cpu);
		for (unsigned i = 0; i < 40; i++)
			CHECK((p[i] = vm_page_alloc()) != NULL);
		for (unsigned i = 0; i < 40; i++)
			vm_page_free(p[i]);
	}
	host_cpu_set(5);
	st = page_stats();
	CHECK_EQ(st.free, st.total);
	while ((m = vm_page_alloc()) != NULL) {
		*(struct vm_page **)vm_page_kva(m) = list;
		list = m;
		n++;
	}
	CHECK_EQ(n, st.total);
	CHECK_EQ(page_stats().failed, st.failed + 1);
	host_cpu_set(63);
	while (list != NULL) {
		m = list;
		list = *(struct vm_page **)vm_page_kva(m);
		vm_page_free(m);
	}
	host_cpu_set(0);
	check_initial_shape(&ram);
}

/*
 * Random allocations and frees of mixed orders against a shadow map of
 * who holds each page: no page handed out twice, every block aligned and
 * inside one range, the counters exact at every step.
 */
struct held {
	struct vm_page *m;
	unsigned order;
};

static unsigned
pick_order(uint64_t *seed)
{
	uint64_t r = rnd(seed) % 100;

	if (r < 60)
		return 0;
	if (r < 95)
		return 1 + (unsigned)(rnd(seed) % 4);
	return 5 + (unsigned)(rnd(seed) % (VM_PAGE_MAX_ORDER - 4));
}

static void
check_block(const struct held *h, uint8_t *shadow, uint64_t base_pfn,
    uint8_t mark)
{
	uint64_t pfn = vm_page_to_pa(h->m) / PAGE_SIZE;
	uint64_t npg = 1ull << h->order;
	bool inside = false;

	CHECK_EQ(pfn % npg, 0);
	for (unsigned i = 0; i < ram.n; i++) {
		uint64_t lo = ram.r[i].base / PAGE_SIZE;
		uint64_t hi = lo + ram.r[i].size / PAGE_SIZE;

		if (pfn >= lo && pfn + npg <= hi)
			inside = true;
	}
	CHECK(inside);
	for (uint64_t i = 0; i < npg; i++) {
		CHECK_EQ(shadow[pfn - base_pfn + i], mark ? 0 : 1);
		shadow[pfn - base_pfn + i] = mark;
	}
}

static void
test_random_shadow(void)
{
	enum { NHELD = 600, STEPS = 60000 };
	uint64_t base_pfn, seed = 42;
	struct held held[NHELD];
	uint64_t nheld = 0, pages = 0, allocs = 0, frees = 0;
	struct vm_page_stats st0, st;
	uint8_t *shadow;

	boot_odd_segments();
	base_pfn = (uintptr_t)ram.buf / PAGE_SIZE;
	shadow = calloc(ram.size / PAGE_SIZE, 1);
	CHECK(shadow != NULL);
	st0 = page_stats();
	for (unsigned step = 0; step < STEPS; step++) {
		bool do_alloc = nheld == 0 ||
		    (nheld < NHELD && rnd(&seed) % 100 < 52);

		host_cpu_set((uint32_t)(rnd(&seed) % 3));	/* some hopping */
		if (do_alloc) {
			struct held h = { .order = pick_order(&seed) };

			h.m = vm_page_alloc_order(h.order);
			if (h.m == NULL)
				continue;
			check_block(&h, shadow, base_pfn, 1);
			for (uint64_t i = 0; i < (1ull << h.order); i++)
				*(uint64_t *)((char *)vm_page_kva(h.m) +
				    i * PAGE_SIZE) = step;
			*(uint64_t *)((char *)vm_page_kva(h.m) + 8) = step;
			held[nheld++] = h;
			pages += 1ull << h.order;
			allocs += 1ull << h.order;
		} else {
			uint64_t k = rnd(&seed) % nheld;
			struct held h = held[k];
			uint64_t tag;

			tag = *(uint64_t *)((char *)vm_page_kva(h.m) + 8);
			for (uint64_t i = 0; i < (1ull << h.order); i++)
				CHECK_EQ(*(uint64_t *)((char *)vm_page_kva(h.m)
				    + i * PAGE_SIZE), tag);
			check_block(&h, shadow, base_pfn, 0);
			vm_page_free_order(h.m, h.order);
			held[k] = held[--nheld];
			pages -= 1ull << h.order;
			frees += 1ull << h.order;
		}
		if (step % 97 == 0) {
			st = page_stats();
			CHECK_EQ(st.free, st.total - pages);
			CHECK_EQ(st.allocs, st0.allocs + allocs);
			CHECK_EQ(st.frees, st0.frees + frees);
		}
	}
	while (nheld > 0) {
		nheld--;
		check_block(&held[nheld], shadow, base_pfn, 0);
		vm_page_free_order(held[nheld].m, held[nheld].order);
	}
	free(shadow);
	host_cpu_set(0);
	check_initial_shape(&ram);
}

static void
test_kpage(void)
{
	unsigned char *p, *q;

	boot_one_block();
	p = kpage_alloc();
	CHECK(p != NULL);
	CHECK(((uintptr_t)p & (PAGE_SIZE - 1)) == 0);
	for (size_t i = 0; i < PAGE_SIZE; i++)
		CHECK(p[i] == 0);
	memset(p, 0xee, PAGE_SIZE);
	kpage_free(p);
	q = kpage_alloc();
	CHECK(q == p);			/* the cache hands the same page back */
	for (size_t i = 0; i < PAGE_SIZE; i++)
		CHECK(q[i] == 0);
	kpage_free(q);
	CHECK_EQ(page_stats().free, 1024);
}

/* Threads playing harts: each has its own cache and its own pages. */
struct hart_arg {
	uint32_t cpu;
	uint64_t seed;
	uint64_t got;			/* exhaustion: pages obtained */
	pthread_barrier_t *bar;
};

static void *
hart_churn(void *p)
{
	enum { NHELD = 300, STEPS = 20000 };
	struct hart_arg *a = p;
	struct held held[NHELD];
	unsigned nheld = 0;

	host_cpu_set(a->cpu);
	pthread_barrier_wait(a->bar);
	for (unsigned step = 0; step < STEPS; step++) {
		if (nheld < NHELD && (nheld == 0 || rnd(&a->seed) % 2)) {
			struct held h;

			h.order = rnd(&a->seed) % 8 == 0 ?
			    1 + (unsigned)(rnd(&a->seed) % 3) : 0;
			h.m = vm_page_alloc_order(h.order);
			if (h.m == NULL)
				continue;
			for (uint64_t i = 0; i < (1ull << h.order); i++)
				*(uint64_t *)((char *)vm_page_kva(h.m) +
				    i * PAGE_SIZE) = ((uint64_t)a->cpu << 32) | step;
			held[nheld++] = h;
		} else {
			unsigned k = (unsigned)(rnd(&a->seed) % nheld);
			struct held h = held[k];
			uint64_t tag = *(uint64_t *)vm_page_kva(h.m);

			CHECK_EQ(tag >> 32, a->cpu);
			for (uint64_t i = 1; i < (1ull << h.order); i++)
				CHECK_EQ(*(uint64_t *)((char *)vm_page_kva(h.m)
				    + i * PAGE_SIZE), tag);
			vm_page_free_order(h.m, h.order);
			held[k] = held[--nheld];
		}
	}
	while (nheld > 0) {
		nheld--;
		vm_page_free_order(held[nheld].m, held[nheld].order);
	}
	return NULL;
}

static void *
hart_exhaust(void *p)
{
	struct hart_arg *a = p;
	struct vm_page *m, *list = NULL;

	host_cpu_set(a->cpu);
	pthread_barrier_wait(a->bar);
	while ((m = vm_page_alloc()) != NULL) {
		*(struct vm_page **)vm_page_kva(m) = list;
		*((uint64_t *)vm_page_kva(m) + 1) = a->cpu;
		list = m;
		a->got++;
	}
	pthread_barrier_wait(a->bar);	/* everyone is out of memory */
	while (list != NULL) {
		m = list;
		CHECK_EQ(*((uint64_t *)vm_page_kva(m) + 1), a->cpu);
		list = *(struct vm_page **)vm_page_kva(m);
		vm_page_free(m);
	}
	return NULL;
}

static void
run_harts(void *(*fn)(void *), struct hart_arg *args)
{
	pthread_t t[NTHREADS];
	pthread_barrier_t bar;

	CHECK(pthread_barrier_init(&bar, NULL, NTHREADS) == 0);
	for (unsigned i = 0; i < NTHREADS; i++) {
		args[i].cpu = i * 7 % MAX_CPUS;
		args[i].seed = 1000 + i;
		args[i].got = 0;
		args[i].bar = &bar;
		CHECK(pthread_create(&t[i], NULL, fn, &args[i]) == 0);
	}
	for (unsigned i = 0; i < NTHREADS; i++)
		CHECK(pthread_join(t[i], NULL) == 0);
	pthread_barrier_destroy(&bar);
}

static void
test_harts(void)
{
	struct hart_arg args[NTHREADS];
	struct vm_page_stats st0, st;
	uint64_t sum = 0;

	boot_odd_segments();
	st0 = page_stats();
	run_harts(hart_churn, args);
	st = page_stats();
	CHECK_EQ(st.free, st.total);
	CHECK_EQ(st.allocs, st.frees);
	CHECK_EQ(st.failed, st0.failed);

	for (unsigned round = 0; round < 3; round++) {
		st0 = page_stats();
		run_harts(hart_exhaust, args);
		for (unsigned i = 0; i < NTHREADS; i++)
			sum += args[i].got;
		CHECK_EQ(sum, st0.free);
		st = page_stats();
		CHECK_EQ(st.free, st.total);
		CHECK_EQ(st.allocs - st0.allocs, sum);
		CHECK_EQ(st.frees - st0.frees, sum);
		CHECK(st.failed >= st0.failed + NTHREADS);
		sum = 0;
	}
	check_initial_shape(&ram);
}

/* Bad frees panic (each runs in a forked child). */
static void
bad_double_free(void *arg)
{
	struct vm_page *m = vm_page_alloc();

	(void)arg;
	vm_page_free(m);
	vm_page_free(m);
}

static void
bad_double_free_order(void *arg)
{
	struct vm_page *m = vm_page_alloc_order(2);

	(void)arg;
	vm_page_free_order(m, 2);
	vm_page_free_order(m, 2);
}

static void
bad_free_inside_free_block(void *arg)
{
	(void)arg;
	vm_page_free(vm_page_from_pa((uintptr_t)ram.buf + 5 * PAGE_SIZE));
}

static void
bad_free_inside_free_block_order(void *arg)
{
	(void)arg;
	vm_page_free_order(vm_page_from_pa((uintptr_t)ram.buf +
	    8 * PAGE_SIZE), 3);
}

static void
bad_wrong_order(void *arg)
{
	struct vm_page *m = vm_page_alloc_order(2);

	(void)arg;
	vm_page_free(m);
}

static void
bad_wrong_order2(void *arg)
{
	struct vm_page *m = vm_page_alloc_order(2);

	(void)arg;
	vm_page_free_order(m, 1);
}

static void
bad_tail_of_block(void *arg)
{
	struct vm_page *m = vm_page_alloc_order(2);

	(void)arg;
	vm_page_free(vm_page_from_pa(vm_page_to_pa(m) + PAGE_SIZE));
}

static void
bad_unmanaged(void *arg)
{
	struct vm_page fake = { .seg = 0 };

	(void)arg;
	vm_page_free(&fake);
}

static void
bad_null(void *arg)
{
	(void)arg;
	vm_page_free(NULL);
}

static void
bad_kpage_unmanaged(void *arg)
{
	(void)arg;
	kpage_free(aligned_alloc(PAGE_SIZE, PAGE_SIZE));
}

static void
bad_kpage_misaligned(void *arg)
{
	char *p = kpage_alloc();

	(void)arg;
	kpage_free(p + 8);
}

static void
bad_overlap(void *arg)
{
	(void)arg;
	ram_add(&ram, 1000 * PAGE_SIZE, 10);	/* inside range 0 */
	ram_boot(&ram);
}

static void
good_free(void *arg)
{
	(void)arg;
	vm_page_free(vm_page_alloc());
	vm_page_free_order(vm_page_alloc_order(3), 3);
	kpage_free(kpage_alloc());
}

static void
test_panics(void)
{
	boot_one_block();
	CHECK(!expect_panic(good_free, NULL));
	CHECK(expect_panic(bad_double_free, NULL));
	CHECK(expect_panic(bad_double_free_order, NULL));
	CHECK(expect_panic(bad_free_inside_free_block, NULL));
	CHECK(expect_panic(bad_free_inside_free_block_order, NULL));
	CHECK(expect_panic(bad_wrong_order, NULL));
	CHECK(expect_panic(bad_wrong_order2, NULL));
	CHECK(expect_panic(bad_tail_of_block, NULL));
	CHECK(expect_panic(bad_unmanaged, NULL));
	CHECK(expect_panic(bad_null, NULL));
	CHECK(expect_panic(bad_kpage_unmanaged, NULL));
	CHECK(expect_panic(bad_kpage_misaligned, NULL));
	ram_fini(&ram);
	ram_init(&ram, MiB(4));
	ram_add(&ram, 0, 1024);
	CHECK(expect_panic(bad_overlap, NULL));
	/* the parent's allocator is untouched by the children */
	boot_one_block();
	check_initial_shape(&ram);
}

int
main(void)
{
	run_test("bootstrap", test_bootstrap);
	run_test("pa_conversions", test_pa_conversions);
	run_test("split_merge", test_split_merge);
	run_test("cache_refill_drain", test_cache_refill_drain);
	run_test("exhaustion", test_exhaustion);
	run_test("steal", test_steal);
	run_test("random_shadow", test_random_shadow);
	run_test("kpage", test_kpage);
	run_test("harts", test_harts);
	run_test("panics", test_panics);
	ram_fini(&ram);
	return tests_done();
}
