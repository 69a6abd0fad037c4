/*
 * kernel/vm/kalloc.c - variable-size kernel allocations over zones and
 * page blocks (kalloc.h).
 */
#include "kernel/vm/kalloc.h"
#include "kernel/vm/vm_page.h"
#include "kernel/vm/zone.h"
#include "kernel/lib/string.h"
#include "kernel/panic.h"
#include "kernel/startup.h"
#include <machine/vmparam.h>

#define KALLOC_NZONES	6		/* 64, 128, 256, 512, 1024, 2048 */

static struct zone *kalloc_zones[KALLOC_NZONES];	/* [c] after bootstrap */
static uint64_t kalloc_in_use;				/* [a] bytes */

static unsigned
kalloc_zone_index(size_t size)
{
	unsigned i = 0;
	size_t s = KALLOC_MIN_ZONE;

	while (s < size) {
		s <<= 1;
		i++;
	}
	return i;
}

static unsigned
kalloc_order(size_t size)
{
	unsigned order = 0;

	while (((size_t)PAGE_SIZE << order) < size)
		order++;
	return order;
}

void
kalloc_bootstrap(void)
{
	static const char *names[KALLOC_NZONES] = {
		"kalloc.64", "kalloc.128", "kalloc.256", "kalloc.512",
		"kalloc.1024", "kalloc.2048",
	};

	for (unsigned i = 0; i < KALLOC_NZONES; i++) {
		kalloc_zones[i] = zone_create_cached(names[i], KALLOC_MIN_ZONE << i);
		if (kalloc_zones[i] == NULL)
			panic("kalloc_bootstrap: no memory for zone %s", names[i]);
	}
}
STARTUP(VM, kalloc_bootstrap);

void *
kalloc(size_t size)
{
	void *p;

	if (size == 0 || size > KALLOC_MAX)
		return NULL;
	if (size <= KALLOC_MAX_ZONE) {
		p = zalloc(kalloc_zones[kalloc_zone_index(size)]);
	} else {
		struct vm_page *m = vm_page_alloc_order(kalloc_order(size));

		p = m != NULL ? vm_page_kva(m) : NULL;
	}
	if (p != NULL)
		__atomic_fetch_add(&kalloc_in_use, size, __ATOMIC_RELAXED);
	return p;
}

void *
kalloc_zero(size_t size)
{
	void *p = kalloc(size);

	if (p != NULL)
		memset(p, 0, size);
	return p;
}

void
kfree(void *addr, size_t size)
{
	if (addr == NULL)
		return;
	if (size == 0 || size > KALLOC_MAX)
		panic("kfree: size %zu of %p", size, addr);
	__atomic_fetch_sub(&kalloc_in_use, size, __ATOMIC_RELAXED);
	if (size <= KALLOC_MAX_ZONE) {
		zfree(kalloc_zones[kalloc_zone_index(size)], addr);
	} else {
		vm_page_free_order(vm_page_from_pa(kva_to_phys(addr)),
		    kalloc_order(size));
	}
}

uint64_t
kalloc_bytes_in_use(void)
{
	return __atomic_load_n(&kalloc_in_use, __ATOMIC_RELAXED);
}
