/*
 * test/host/mem/test_zone.c - host unit tests of zones (kernel/vm/zone.c)
 * on top of the page allocator: counters, limits, page exhaustion,
 * zone_destroy, threads sharing a zone, the zone of zones, and the panics
 * on bad frees.  Built with RVMACH_DEBUG, so double frees are caught too.
 */
#include "mem_test.h"
#include "kernel/vm/zone.h"

#include <pthread.h>
#include <string.h>

#define NTHREADS	8

static struct ram ram;

static void
boot_pages(uint64_t npages)
{
	ram_fini(&ram);
	ram_init(&ram, MiB(4));
	ram_add(&ram, 0, npages);
	ram_boot(&ram);
}

static struct zone_stats
zstats(struct zone *z)
{
	struct zone_stats s;

	zone_get_stats(z, &s);
	return s;
}

static bool
in_ram(const void *p, size_t len)
{
	return (const char *)p >= ram.buf &&
	    (const char *)p + len <= ram.buf + ram.size;
}

static int
cmp_ptr(const void *a, const void *b)
{
	uintptr_t x = *(const uintptr_t *)a, y = *(const uintptr_t *)b;

	return x < y ? -1 : x > y;
}

static void
test_basic(void)
{
	struct zone *z;
	struct zone_stats s;
	void *e[100];

	boot_pages(1024);
	z = zone_create("t64", 64, 0);
	CHECK(z != NULL);
	CHECK(strcmp(zone_name(z), "t64") == 0);
	s = zstats(z);
	CHECK_EQ(s.elem_size, 64);
	CHECK_EQ(s.in_use, 0);
	CHECK_EQ(s.peak, 0);
	CHECK_EQ(s.failed, 0);
	CHECK_EQ(s.pages, 0);
	CHECK_EQ(s.max_elems, 0);
	CHECK_EQ(page_stats().free, 1024);	/* creating takes no page */

	for (unsigned i = 0; i < 100; i++) {
		e[i] = zalloc(z);
		CHECK(e[i] != NULL);
		CHECK(((uintptr_t)e[i] & 63) == 0);
		CHECK(in_ram(e[i], 64));
		memset(e[i], (int)i, 64);
	}
	s = zstats(z);
	CHECK_EQ(s.in_use, 100);
	CHECK_EQ(s.peak, 100);
	CHECK_EQ(s.pages, 2);
	CHECK_EQ(page_stats().free, 1022);
	for (unsigned i = 0; i < 100; i++) {
		for (unsigned j = 0; j < 64; j++)
			CHECK_EQ(((unsigned char *)e[i])[j], i);
	}
	for (unsigned i = 0; i < 50; i++)
		zfree(z, e[i]);
	s = zstats(z);
	CHECK_EQ(s.in_use, 50);
	CHECK_EQ(s.peak, 100);
	for (unsigned i = 0; i < 50; i++)
		CHECK((e[i] = zalloc(z)) != NULL);
	s = zstats(z);
	CHECK_EQ(s.in_use, 100);
	CHECK_EQ(s.peak, 100);
	CHECK_EQ(s.pages, 2);			/* freed elements reused */
	for (unsigned i = 0; i < 100; i++)
		zfree(z, e[i]);
	CHECK_EQ(zstats(z).in_use, 0);
	zone_destroy(z);
	CHECK_EQ(page_stats().free, 1024);
	check_initial_shape(&ram);
}

static void
test_sizes(void)
{
	static const size_t sizes[] = { 1, 7, 8, 16, 24, 100, 512, 1000,
	    2048, 4000, 4096 };
	struct vm_page_stats st0;

	boot_pages(1024);
	st0 = page_stats();
	for (unsigned k = 0; k < ARRAY_SIZE(sizes); k++) {
		size_t sz = sizes[k], esz = ROUNDUP(sz, 8);
		uint64_t per = PAGE_SIZE / esz, n = 3 * per + 1;
		uintptr_t *e = calloc(n, sizeof(*e));
		struct zone *z = zone_create("sizes", sz, 0);

		CHECK(z != NULL && e != NULL);
		CHECK_EQ(zstats(z).elem_size, esz);
		for (uint64_t i = 0; i < n; i++) {
			void *p = zalloc(z);

			CHECK(p != NULL);
			CHECK(in_ram(p, esz));
			CHECK(((uintptr_t)p & 7) == 0);
			if ((esz & (esz - 1)) == 0)
				CHECK(((uintptr_t)p & (esz - 1)) == 0);
			/* an element never straddles a page */
			CHECK_EQ((uintptr_t)p / PAGE_SIZE,
			    ((uintptr_t)p + esz - 1) / PAGE_SIZE);
			memset(p, 0x3c, sz);
			e[i] = (uintptr_t)p;
		}
		CHECK_EQ(zstats(z).pages, 4);
		qsort(e, n, sizeof(*e), cmp_ptr);
		for (uint64_t i = 1; i < n; i++)
			CHECK(e[i] - e[i - 1] >= esz);	/* distinct, no overlap */
		for (uint64_t i = 0; i < n; i++)
			zfree(z, (void *)e[i]);
		zone_destroy(z);
		free(e);
		CHECK_EQ(page_stats().free, st0.free);
	}
	CHECK(zone_create("zero", 0, 0) == NULL);
	CHECK(zone_create("big", PAGE_SIZE + 1, 0) == NULL);
}

static void
test_zero(void)
{
	struct zone *z;
	unsigned char *p, *q;

	boot_pages(64);
	z = zone_create("zero", 200, 0);
	CHECK(z != NULL);
	p = zalloc(z);
	memset(p, 0xff, 200);
	zfree(z, p);
	q = zalloc_flags(z, Z_ZERO);
	CHECK(q == p);				/* LIFO: the same element */
	for (unsigned i = 0; i < 200; i++)
		CHECK_EQ(q[i], 0);
	zfree(z, q);
	zone_destroy(z);
}

static void
test_max_elems(void)
{
	struct zone *z;
	struct zone_stats s;
	void *e[11];

	boot_pages(64);
	z = zone_create("max10", 32, 10);
	CHECK(z != NULL);
	CHECK_EQ(zstats(z).max_elems, 10);
	for (unsigned i = 0; i < 10; i++)
		CHECK((e[i] = zalloc(z)) != NULL);
	CHECK(zalloc(z) == NULL);
	CHECK(zalloc_flags(z, Z_ZERO) == NULL);
	s = zstats(z);
	CHECK_EQ(s.in_use, 10);
	CHECK_EQ(s.peak, 10);
	CHECK_EQ(s.failed, 2);
	zfree(z, e[3]);
	CHECK((e[3] = zalloc(z)) != NULL);
	CHECK(zalloc(z) == NULL);
	CHECK_EQ(zstats(z).failed, 3);
	for (unsigned i = 0; i < 10; i++)
		zfree(z, e[i]);
	s = zstats(z);
	CHECK_EQ(s.in_use, 0);
	CHECK_EQ(s.peak, 10);
	CHECK_EQ(s.failed, 3);
	zone_destroy(z);
	CHECK_EQ(page_stats().free, 64);
}

/* no page left: zalloc fails, counts, and the zone still works after */
static void
test_page_exhaustion(void)
{
	struct zone *z, *z2;
	void *e[40], *x;
	unsigned n = 0;
	struct vm_page_stats pst;

	boot_pages(8);
	z = zone_create("k1", 1024, 0);
	z2 = zone_create("other", 16, 0);
	CHECK(z != NULL && z2 != NULL);
	while ((e[n] = zalloc(z)) != NULL) {
		CHECK(n < 32);
		n++;
	}
	CHECK_EQ(n, 32);
	CHECK_EQ(zstats(z).failed, 1);
	CHECK_EQ(zstats(z).pages, 8);
	pst = page_stats();
	CHECK_EQ(pst.free, 0);
	CHECK(zalloc(z2) == NULL);		/* the other zone has no page */
	CHECK_EQ(zstats(z2).failed, 1);
	zfree(z, e[--n]);
	CHECK((x = zalloc(z)) != NULL);		/* a free element is reused */
	zfree(z, x);
	while (n > 0)
		zfree(z, e[--n]);
	zone_destroy(z);
	CHECK_EQ(page_stats().free, 8);
	CHECK((x = zalloc(z2)) != NULL);
	zfree(z2, x);
	zone_destroy(z2);
	CHECK_EQ(page_stats().free, 8);
	check_initial_shape(&ram);
}

/* the zone of zones: a fixed number of zones, reusable after destroy */
struct count_arg {
	unsigned n;
	unsigned zones_in_use;
	bool saw_mine;
	const struct zone *mine;
};

static void
count_zone(struct zone *z, void *p)
{
	struct count_arg *a = p;

	a->n++;
	if (z == a->mine)
		a->saw_mine = true;
	if (strcmp(zone_name(z), "zones") == 0)
		a->zones_in_use = (unsigned)zstats(z).in_use;
}

static void
test_zone_of_zones(void)
{
	static struct zone *zs[1000];
	struct count_arg a = { 0 };
	unsigned n = 0, before;

	boot_pages(64);
	zone_foreach(count_zone, &a);
	before = a.n;
	CHECK_EQ(a.zones_in_use + 1, before);	/* the zone of zones itself */
	while ((zs[n] = zone_create("many-zones-with-a-long-name-here",
	    8, 0)) != NULL) {
		CHECK(n < 1000);
		CHECK(strlen(zone_name(zs[n])) < 32);
		n++;
	}
	CHECK(n > 64);
	CHECK_EQ(page_stats().free, 64);
	memset(&a, 0, sizeof(a));
	a.mine = zs[n / 2];
	zone_foreach(count_zone, &a);
	CHECK_EQ(a.n, before + n);
	CHECK(a.saw_mine);
	CHECK_EQ(a.zones_in_use + 1, a.n);
	while (n > 0)
		zone_destroy(zs[--n]);
	memset(&a, 0, sizeof(a));
	zone_foreach(count_zone, &a);
	CHECK_EQ(a.n, before);
	CHECK((zs[0] = zone_create("again", 8, 0)) != NULL);
	zone_destroy(zs[0]);
}

/* threads playing harts share one zone */
struct hart_arg {
	uint32_t cpu;
	uint64_t seed;
	struct zone *z;
	pthread_barrier_t *bar;
};

static void *
hart_zone(void *p)
{
	enum { NHELD = 200, STEPS = 30000 };
	struct hart_arg *a = p;
	uint64_t *held[NHELD];
	unsigned nheld = 0;

	host_cpu_set(a->cpu);
	pthread_barrier_wait(a->bar);
	for (unsigned step = 0; step < STEPS; step++) {
		if (nheld < NHELD && (nheld == 0 || rnd(&a->seed) % 2)) {
			uint64_t *e = zalloc(a->z);

			CHECK(e != NULL);
			for (unsigned i = 0; i < 6; i++)
				e[i] = ((uint64_t)a->cpu << 32) | step;
			held[nheld++] = e;
		} else {
			unsigned k = (unsigned)(rnd(&a->seed) % nheld);
			uint64_t *e = held[k];

			CHECK_EQ(e[0] >> 32, a->cpu);
			for (unsigned i = 1; i < 6; i++)
				CHECK_EQ(e[i], e[0]);
			zfree(a->z, e);
			held[k] = held[--nheld];
		}
		if (step % 1000 == 0) {		/* zones come and go meanwhile */
			struct zone *t = zone_create("temp", 100, 0);

			CHECK(t != NULL);
			zfree(t, zalloc(t));
			zone_destroy(t);
		}
	}
	while (nheld > 0)
		zfree(a->z, held[--nheld]);
	return NULL;
}

static void
harts_on(bool cached)
{
	struct hart_arg args[NTHREADS];
	pthread_t t[NTHREADS];
	pthread_barrier_t bar;
	struct zone *z;
	struct zone_stats s;

	boot_pages(1024);
	z = cached ? zone_create_cached("shared48c", 48) :
	    zone_create("shared48", 48, 0);
	CHECK(z != NULL);
	CHECK(pthread_barrier_init(&bar, NULL, NTHREADS) == 0);
	for (unsigned i = 0; i < NTHREADS; i++) {
		args[i] = (struct hart_arg){ .cpu = i, .seed = 77 + i, .z = z,
		    .bar = &bar };
		CHECK(pthread_create(&t[i], NULL, hart_zone, &args[i]) == 0);
	}
	for (unsigned i = 0; i < NTHREADS; i++)
		CHECK(pthread_join(t[i], NULL) == 0);
	pthread_barrier_destroy(&bar);
	s = zstats(z);
	CHECK_EQ(s.in_use, 0);
	/* a cached zone's peak counts its caches too: 32 a hart at most */
	CHECK(s.peak > 0 && s.peak <= NTHREADS * (200 + (cached ? 32 : 0)));
	CHECK_EQ(s.failed, 0);
	CHECK(s.pages >= (s.peak + 84) / 85);
	CHECK(cached ? s.cached > 0 : s.cached == 0);
	zone_destroy(z);
	CHECK_EQ(page_stats().free, 1024);
	check_initial_shape(&ram);
}

static void
test_harts(void)
{
	harts_on(false);
}

/* the same with a cache per hart */
static void
test_harts_cached(void)
{
	harts_on(true);
}

/*
 * A cached zone: what a hart frees stays on its cache (up to 32, a batch
 * of 16 going back beyond that), counted as free; another hart's zalloc
 * takes from the zone, and with no page left, from every hart's cache.
 */
static void
test_cached(void)
{
	enum { PER_PAGE = 4 };		/* 1024-byte elements */
	struct zone *z;
	struct zone_stats s;
	void *e[64];
	unsigned n = 0;

	boot_pages(8);
	z = zone_create_cached("c1k", 1024);
	CHECK(z != NULL);
	host_cpu_set(0);
	while ((e[n] = zalloc(z)) != NULL) {
		CHECK(n < 8 * PER_PAGE);
		n++;
	}
	CHECK_EQ(n, 8 * PER_PAGE);
	s = zstats(z);
	CHECK_EQ(s.in_use, n);
	CHECK_EQ(s.failed, 1);
	CHECK_EQ(s.cached, 0);
	while (n > 0)
		zfree(z, e[--n]);		/* 32 fit on hart 0's cache */
	s = zstats(z);
	CHECK_EQ(s.in_use, 0);
	CHECK_EQ(s.cached, 8 * PER_PAGE);
	CHECK_EQ(page_stats().free, 0);
	/* hart 1: the zone's list is empty and no page is left */
	host_cpu_set(1);
	while ((e[n] = zalloc(z)) != NULL) {
		CHECK(n < 8 * PER_PAGE);
		n++;
	}
	CHECK_EQ(n, 8 * PER_PAGE);
	s = zstats(z);
	CHECK_EQ(s.in_use, n);
	CHECK_EQ(s.failed, 2);
	/* Z_ZERO from a cache */
	zfree(z, e[--n]);
	memset(e[n - 1], 0xa5, 1024);
	zfree(z, e[--n]);
	e[n] = zalloc_flags(z, Z_ZERO);
	CHECK(e[n] != NULL);
	for (unsigned i = 0; i < 1024; i++)
		CHECK_EQ(((unsigned char *)e[n])[i], 0);
	n++;
	while (n > 0)
		zfree(z, e[--n]);
	host_cpu_set(0);
	zone_destroy(z);
	CHECK_EQ(page_stats().free, 8);
	check_initial_shape(&ram);
}

/* more cached zones than rows: the rest work uncached; rows come back */
static void
test_cached_rows(void)
{
	struct zone *zs[20];
	struct zone_stats s;

	boot_pages(64);
	for (unsigned i = 0; i < 20; i++) {
		zs[i] = zone_create_cached("rows", 64);
		CHECK(zs[i] != NULL);
		zfree(zs[i], zalloc(zs[i]));
		s = zstats(zs[i]);
		CHECK_EQ(s.in_use, 0);
		CHECK_EQ(s.cached, (i < 16 ? 16u : 0u));	/* a refill is a batch */
	}
	zone_destroy(zs[3]);
	zs[3] = zone_create_cached("again", 64);
	zfree(zs[3], zalloc(zs[3]));
	CHECK_EQ(zstats(zs[3]).cached, 16);
	for (unsigned i = 0; i < 20; i++)
		zone_destroy(zs[i]);
	CHECK_EQ(page_stats().free, 64);
}

/* Bad frees panic (each runs in a forked child). */
static struct zone *za, *zb, *z24;

static void
bad_foreign(void *arg)
{
	(void)arg;
	zfree(za, zalloc(zb));
}

static void
bad_misaligned(void *arg)
{
	char *p = zalloc(za);

	(void)arg;
	zfree(za, p + 8);
}

static void
bad_slack(void *arg)
{
	char *p = zalloc(z24);		/* 170 elements of 24 bytes: 16 spare */

	(void)arg;
	zfree(z24, (char *)ROUNDDOWN((uintptr_t)p, PAGE_SIZE) + 170 * 24);
}

static void
bad_unmanaged(void *arg)
{
	(void)arg;
	zfree(za, aligned_alloc(64, 64));
}

static void
bad_double(void *arg)
{
	void *p = zalloc(za), *q = zalloc(za);

	(void)arg;
	zfree(za, p);
	zfree(za, p);
	zfree(za, q);
}

static void
bad_double_cached(void *arg)
{
	struct zone *zc = zone_create_cached("dc", 64);
	void *p = zalloc(zc);

	(void)arg;
	zfree(zc, p);
	zfree(zc, p);
}

static void
bad_destroy_busy(void *arg)
{
	(void)arg;
	(void)zalloc(za);
	zone_destroy(za);
}

static void
bad_destroy_twice(void *arg)
{
	(void)arg;
	zone_destroy(zb);
	zone_destroy(zb);
}

static void
find_zones(struct zone *z, void *p)
{
	if (strcmp(zone_name(z), "zones") == 0)
		*(struct zone **)p = z;
}

static void
bad_destroy_zone_of_zones(void *arg)
{
	struct zone *zz = NULL;

	(void)arg;
	zone_foreach(find_zones, &zz);
	CHECK(zz != NULL);
	zone_destroy(zz);
}

static void
good_frees(void *arg)
{
	(void)arg;
	zfree(za, zalloc(za));
	zfree(zb, zalloc(zb));
	zfree(z24, zalloc(z24));
	zone_destroy(zb);
}

static void
test_panics(void)
{
	boot_pages(64);
	za = zone_create("a", 64, 0);
	zb = zone_create("b", 64, 0);
	z24 = zone_create("z24", 24, 0);
	CHECK(za != NULL && zb != NULL && z24 != NULL);
	zfree(za, zalloc(za));		/* both zones own a page */
	zfree(zb, zalloc(zb));
	CHECK(!expect_panic(good_frees, NULL));
	CHECK(expect_panic(bad_foreign, NULL));
	CHECK(expect_panic(bad_misaligned, NULL));
	CHECK(expect_panic(bad_slack, NULL));
	CHECK(expect_panic(bad_unmanaged, NULL));
	CHECK(expect_panic(bad_double, NULL));
	CHECK(expect_panic(bad_double_cached, NULL));
	CHECK(expect_panic(bad_destroy_busy, NULL));
	CHECK(expect_panic(bad_destroy_twice, NULL));
	CHECK(expect_panic(bad_destroy_zone_of_zones, NULL));
	zone_destroy(za);
	zone_destroy(zb);
	zone_destroy(z24);
	CHECK_EQ(page_stats().free, 64);
}

int
main(void)
{
	run_test("basic", test_basic);
	run_test("sizes", test_sizes);
	run_test("zero", test_zero);
	run_test("max_elems", test_max_elems);
	run_test("page_exhaustion", test_page_exhaustion);
	run_test("zone_of_zones", test_zone_of_zones);
	run_test("harts", test_harts);
	run_test("harts_cached", test_harts_cached);
	run_test("cached", test_cached);
	run_test("cached_rows", test_cached_rows);
	run_test("panics", test_panics);
	ram_fini(&ram);
	return tests_done();
}
