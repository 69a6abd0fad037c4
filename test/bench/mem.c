/*
 * test/bench/mem.c - benchmarks of the page allocator and zones.
 *
 *	mem.page_alloc_free	vm_page_alloc + vm_page_free, per op: the
 *				per-hart cache's fast path (the cache is warm)
 *	mem.zone_alloc_free	zalloc + zfree of a 64-byte element, per op
 */
#include "kernel/ktest/kbench.h"
#include "kernel/vm/vm_page.h"
#include "kernel/vm/zone.h"

KBENCH(mem, page_alloc_free)
{
	struct vm_page *m;

	/* warm: leaves this hart's cache holding pages */
	m = vm_page_alloc();
	if (m == NULL) {
		b->iterations = 0;
		return;
	}
	vm_page_free(m);
	kbench_start(b);
	for (uint64_t i = 0; i < b->iterations; i++) {
		m = vm_page_alloc();
		vm_page_free(m);
	}
	kbench_stop(b);
}

KBENCH(mem, zone_alloc_free)
{
	struct zone *z;
	void *e;

	z = zone_create("bench64", 64, 0);
	if (z == NULL) {
		b->iterations = 0;
		return;
	}
	e = zalloc(z);			/* warm: the zone has its page */
	if (e == NULL) {
		zone_destroy(z);
		b->iterations = 0;
		return;
	}
	zfree(z, e);
	kbench_start(b);
	for (uint64_t i = 0; i < b->iterations; i++) {
		e = zalloc(z);
		zfree(z, e);
	}
	kbench_stop(b);
	zone_destroy(z);
}
