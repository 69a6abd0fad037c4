/*
 * kernel/vm/kstack.c - allocation of guarded kernel stacks.
 */
#include <machine/pmap.h>
#include <machine/vmparam.h>
#include "kernel/panic.h"
#include "kernel/sync/spinlock.h"
#include "kernel/vm/kstack.h"
#include "kernel/vm/vm_page.h"

#define KSTACK_SLOTS	(KSTACK_AREA / KSTACK_SLOT)
#define KSTACK_PAGES	(KSTACK_SIZE / PAGE_SIZE)

/*
 * Locks:
 *	k	kstack_lock
 */
static struct spinlock kstack_lock = SPINLOCK_INITIALIZER("kstack");
static uint64_t kstack_map[KSTACK_SLOTS / 64];	/* [k] slot in use */
static uint64_t kstack_count;			/* [k] */

static int64_t
slot_take(void)
{
	int64_t slot = -1;

	spin_lock(&kstack_lock);
	for (uint64_t i = 0; i < ARRAY_SIZE(kstack_map); i++) {
		if (kstack_map[i] != ~0ull) {
			int b = 0;

			while (kstack_map[i] & (1ull << b))
				b++;
			kstack_map[i] |= 1ull << b;
			slot = (int64_t)(i * 64 + (uint64_t)b);
			kstack_count++;
			break;
		}
	}
	spin_unlock(&kstack_lock);
	return slot;
}

static void
slot_put(uint64_t slot)
{
	spin_lock(&kstack_lock);
	KASSERT(kstack_map[slot / 64] & (1ull << (slot % 64)));
	kstack_map[slot / 64] &= ~(1ull << (slot % 64));
	kstack_count--;
	spin_unlock(&kstack_lock);
}

static void
unmap_pages(vaddr_t base, unsigned n)
{
	paddr_t pa[KSTACK_PAGES];

	for (unsigned i = 0; i < n; i++)
		pa[i] = pmap_kextract(base + i * PAGE_SIZE);
	pmap_kremove_range(base, n);
	for (unsigned i = 0; i < n; i++)
		vm_page_free(vm_page_from_pa(pa[i]));
}

vaddr_t
kstack_alloc(void)
{
	int64_t slot = slot_take();
	vaddr_t base;
	unsigned i;

	if (slot < 0)
		return 0;
	base = KSTACK_BASE + (uint64_t)slot * KSTACK_SLOT + KSTACK_SIZE;
	for (i = 0; i < KSTACK_PAGES; i++) {
		struct vm_page *m = vm_page_alloc();

		if (m == NULL)
			goto fail;
		if (pmap_kenter(base + i * PAGE_SIZE, vm_page_to_pa(m),
		    KMAP_R | KMAP_W) != 0) {
			vm_page_free(m);
			goto fail;
		}
	}
	return base + KSTACK_SIZE;
fail:
	unmap_pages(base, i);
	slot_put((uint64_t)slot);
	return 0;
}

void
kstack_free(vaddr_t top)
{
	vaddr_t base = top - KSTACK_SIZE;

	KASSERT(top > KSTACK_BASE && top <= KSTACK_BASE + KSTACK_AREA &&
	    IS_ALIGNED(top, KSTACK_SLOT));
	unmap_pages(base, KSTACK_PAGES);
	slot_put((base - KSTACK_BASE) / KSTACK_SLOT);
}

uint64_t
kstack_in_use(void)
{
	return __atomic_load_n(&kstack_count, __ATOMIC_RELAXED);
}
