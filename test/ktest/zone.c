/*
 * test/ktest/zone.c - in-kernel tests of zones (suite zone).
 *
 * Like the vm_page suite, these assume nothing else allocates pages while
 * they run, so page counters are compared exactly with a baseline.
 */
#include "kernel/ktest/ktest.h"
#include "kernel/cpu.h"
#include "kernel/lib/string.h"
#include "kernel/vm/vm_page.h"
#include "kernel/vm/zone.h"

static struct zone_stats
zstats(struct zone *z)
{
	struct zone_stats s;

	zone_get_stats(z, &s);
	return s;
}

static uint64_t
pages_free(void)
{
	struct vm_page_stats s;

	vm_page_get_stats(&s);
	return s.free;
}

KTEST(zone, counters)
{
	struct zone *z;
	struct zone_stats s;
	void *a, *b, *c;

	z = zone_create("kt_counters", 40, 0);
	KT_ASSERT_NOT_NULL(z);
	KT_ASSERT_STREQ(zone_name(z), "kt_counters");
	s = zstats(z);
	KT_EXPECT_EQ(s.elem_size, 40);
	KT_EXPECT_EQ(s.in_use, 0);
	KT_EXPECT_EQ(s.peak, 0);
	KT_EXPECT_EQ(s.failed, 0);
	KT_EXPECT_EQ(s.pages, 0);
	KT_EXPECT_EQ(s.max_elems, 0);
	a = zalloc(z);
	b = zalloc(z);
	c = zalloc(z);
	KT_ASSERT(a != NULL && b != NULL && c != NULL);
	s = zstats(z);
	KT_EXPECT_EQ(s.in_use, 3);
	KT_EXPECT_EQ(s.peak, 3);
	KT_EXPECT_EQ(s.pages, 1);
	zfree(z, b);
	s = zstats(z);
	KT_EXPECT_EQ(s.in_use, 2);
	KT_EXPECT_EQ(s.peak, 3);
	b = zalloc(z);
	KT_ASSERT_NOT_NULL(b);
	zfree(z, a);
	zfree(z, b);
	zfree(z, c);
	s = zstats(z);
	KT_EXPECT_EQ(s.in_use, 0);
	KT_EXPECT_EQ(s.peak, 3);
	KT_EXPECT_EQ(s.failed, 0);
	zone_destroy(z);
}

KTEST(zone, max_elems)
{
	enum { MAX = 10 };
	struct zone *z;
	struct zone_stats s;
	void *e[MAX];

	z = zone_create("kt_max", 128, MAX);
	KT_ASSERT_NOT_NULL(z);
	for (unsigned i = 0; i < MAX; i++) {
		e[i] = zalloc(z);
		KT_ASSERT_NOT_NULL(e[i]);
	}
	KT_EXPECT(zalloc(z) == NULL);
	KT_EXPECT(zalloc_flags(z, Z_ZERO) == NULL);
	s = zstats(z);
	KT_EXPECT_EQ(s.in_use, MAX);
	KT_EXPECT_EQ(s.peak, MAX);
	KT_EXPECT_EQ(s.failed, 2);
	KT_EXPECT_EQ(s.max_elems, MAX);
	zfree(z, e[0]);
	e[0] = zalloc(z);
	KT_EXPECT(e[0] != NULL);
	for (unsigned i = 0; i < MAX; i++) {
		if (e[i] != NULL)
			zfree(z, e[i]);
	}
	KT_EXPECT_EQ(zstats(z).in_use, 0);
	zone_destroy(z);
}

/* elements distinct (a mark in each survives the others) and aligned */
KTEST(zone, distinct_aligned)
{
	static const size_t sizes[] = { 8, 48, 64, 256, 1000, 4096 };
	enum { N = 300 };
	static uint64_t *e[N];
	unsigned bad = 0, misaligned = 0;

	for (unsigned k = 0; k < ARRAY_SIZE(sizes); k++) {
		size_t sz = sizes[k];
		size_t align = (sz & (sz - 1)) == 0 ? sz : 8;
		size_t last = sz / 8 - 1;	/* the element's last word */
		struct zone *z = zone_create("kt_distinct", sz, 0);

		KT_ASSERT_NOT_NULL(z);
		for (unsigned i = 0; i < N; i++) {
			e[i] = zalloc(z);
			KT_ASSERT_NOT_NULL(e[i]);
			misaligned += !IS_ALIGNED((uintptr_t)e[i], align);
			e[i][0] = (uint64_t)k << 32 | i;
			if (last != 0)
				e[i][last] = ~((uint64_t)k << 32 | i);
		}
		for (unsigned i = 0; i < N; i++) {
			bad += e[i][0] != ((uint64_t)k << 32 | i);
			if (last != 0)
				bad += e[i][last] != ~((uint64_t)k << 32 | i);
			zfree(z, e[i]);
		}
		KT_EXPECT_EQ(zstats(z).pages, (N + PAGE_SIZE / sz - 1) /
		    (PAGE_SIZE / sz));
		zone_destroy(z);
	}
	KT_EXPECT_EQ(bad, 0);
	KT_EXPECT_EQ(misaligned, 0);
}

KTEST(zone, zero_flag)
{
	struct zone *z;
	unsigned char *p;
	unsigned nonzero = 0;

	z = zone_create("kt_zero", 320, 0);
	KT_ASSERT_NOT_NULL(z);
	for (unsigned round = 0; round < 3; round++) {
		p = zalloc(z);
		KT_ASSERT_NOT_NULL(p);
		memset(p, 0xa5, 320);
		zfree(z, p);
		p = zalloc_flags(z, Z_ZERO);
		KT_ASSERT_NOT_NULL(p);
		for (unsigned i = 0; i < 320; i++)
			nonzero += p[i] != 0;
		zfree(z, p);
	}
	KT_EXPECT_EQ(nonzero, 0);
	zone_destroy(z);
}

/* zone_destroy gives every page back: page counters at their baseline */
KTEST(zone, destroy_returns_pages)
{
	enum { N = 1000 };
	static void *e[N];
	uint64_t base = pages_free();
	struct zone *z;

	z = zone_create("kt_destroy", 128, 0);
	KT_ASSERT_NOT_NULL(z);
	KT_EXPECT_EQ(pages_free(), base);	/* the zone itself takes no page */
	for (unsigned i = 0; i < N; i++) {
		e[i] = zalloc(z);
		KT_ASSERT_NOT_NULL(e[i]);
	}
	KT_EXPECT_EQ(zstats(z).pages, (N + 31) / 32);	/* 32 per page */
	KT_EXPECT_EQ(pages_free(), base - zstats(z).pages);
	for (unsigned i = 0; i < N; i++)
		zfree(z, e[i]);
	KT_EXPECT_EQ(pages_free(), base - zstats(z).pages); /* kept till destroy */
	zone_destroy(z);
	KT_EXPECT_EQ(pages_free(), base);
}

/*
 * A zone of page-sized elements with no limit takes every free page,
 * then fails and counts it; destroying it gives every page back.
 */
KTEST(zone, page_exhaustion)
{
	uint64_t base = pages_free(), n = 0;
	void **list = NULL, **e;
	struct zone_stats s;
	struct zone *z;

	z = zone_create("kt_exhaust", PAGE_SIZE, 0);
	KT_ASSERT_NOT_NULL(z);
	while ((e = zalloc(z)) != NULL) {
		*e = list;
		list = e;
		n++;
	}
	s = zstats(z);
	while (list != NULL) {
		e = list;
		list = *e;
		zfree(z, e);
	}
	zone_destroy(z);
	KT_EXPECT_EQ(n, base);
	KT_EXPECT_EQ(s.in_use, n);
	KT_EXPECT_EQ(s.pages, n);
	KT_EXPECT_EQ(s.failed, 1);
	KT_EXPECT_EQ(pages_free(), base);
}

struct find_arg {
	const struct zone *want;
	bool found;
	bool zone_of_zones;
	unsigned n;
};

static void
find_zone(struct zone *z, void *p)
{
	struct find_arg *a = p;

	a->n++;
	if (z == a->want)
		a->found = true;
	if (strcmp(zone_name(z), "zones") == 0)
		a->zone_of_zones = true;
}

KTEST(zone, foreach)
{
	struct find_arg a = { 0 };
	struct zone *z;
	unsigned n;

	z = zone_create("kt_foreach", 24, 0);
	KT_ASSERT_NOT_NULL(z);
	a.want = z;
	zone_foreach(find_zone, &a);
	KT_EXPECT(a.found);
	KT_EXPECT(a.zone_of_zones);
	n = a.n;
	zone_destroy(z);
	a = (struct find_arg){ .want = z };
	zone_foreach(find_zone, &a);
	KT_EXPECT(!a.found);
	KT_EXPECT_EQ(a.n, n - 1);
	KT_EXPECT(zone_create("kt_bad", 0, 0) == NULL);
	KT_EXPECT(zone_create("kt_bad", PAGE_SIZE + 1, 0) == NULL);
}

/*
 * every hart allocates and frees from one zone at once; counts are exact.
 * With per-hart caches (zone_create_cached) each hart's frees stay on
 * its own cache, and the counts are the same.
 */
static struct zone *smp_zone;
static uint64_t smp_pages_base;

static void
smp_shared(struct ktest_ctx *kt, bool cached)
{
	/* short: contended locks crawl when QEMU has more harts than cores */
	enum { ROUNDS = 5, BATCH = 32 };
	uint64_t *held[BATCH], me = cpu_number(), tag, bad = 0, nulls = 0;
	struct zone_stats s;

	if (me == 0) {
		smp_pages_base = pages_free();
		smp_zone = cached ? zone_create_cached("kt_smp_cached", 64) :
		    zone_create("kt_smp", 64, 0);
		KT_EXPECT(smp_zone != NULL);
	}
	KT_BARRIER();
	if (smp_zone != NULL) {
		for (unsigned r = 0; r < ROUNDS; r++) {
			for (unsigned i = 0; i < BATCH; i++) {
				held[i] = zalloc(smp_zone);
				if (held[i] == NULL) {
					nulls++;
					continue;
				}
				tag = me << 48 | (uint64_t)r << 16 | i;
				for (unsigned w = 0; w < 8; w++)
					held[i][w] = tag;
				bad += !IS_ALIGNED((uintptr_t)held[i], 64);
			}
			for (unsigned i = 0; i < BATCH; i++) {
				if (held[i] == NULL)
					continue;
				tag = me << 48 | (uint64_t)r << 16 | i;
				for (unsigned w = 0; w < 8; w++)
					bad += held[i][w] != tag;
				zfree(smp_zone, held[i]);
			}
		}
	}
	KT_EXPECT_EQ(bad, 0);
	KT_EXPECT_EQ(nulls, 0);
	KT_BARRIER();
	if (me == 0 && smp_zone != NULL) {
		s = zstats(smp_zone);
		KT_EXPECT_EQ(s.in_use, 0);
		KT_EXPECT_EQ(s.failed, 0);
		KT_EXPECT_GE(s.peak, BATCH);
		/* a cached zone's peak counts its caches: 32 a hart at most */
		KT_EXPECT_LE(s.peak, (uint64_t)kt->ncpus * BATCH * (cached ? 2 : 1));
		if (cached)
			KT_EXPECT_GE(s.cached, 16);	/* a hart keeps 16 to 32 */
		else
			KT_EXPECT_EQ(s.cached, 0);
		zone_destroy(smp_zone);
		smp_zone = NULL;
		KT_EXPECT_EQ(pages_free(), smp_pages_base);
	}
	KT_BARRIER();
}

KTEST_SMP(zone, smp_shared)
{
	smp_shared(kt, false);
}

KTEST_SMP(zone, smp_shared_cached)
{
	smp_shared(kt, true);
}

/*
 * Crash test (suite zone_crash, so that ktest=zone.* never selects it).
 * expected: "panic: zfree: 0x... is not an element of zone kt_crash_a"
 */
KTEST_CRASH(zone_crash, foreign_element)
{
	struct zone *a = zone_create("kt_crash_a", 64, 0);
	struct zone *b = zone_create("kt_crash_b", 64, 0);
	void *e;

	KT_ASSERT(a != NULL && b != NULL);
	e = zalloc(b);
	KT_ASSERT_NOT_NULL(e);
	zfree(a, e);
	KT_EXPECT(false);
}
