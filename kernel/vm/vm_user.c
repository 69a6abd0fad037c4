/*
 * kernel/vm/vm_user.c - Mach VM calls on a map: argument rules, then the
 * map operations.
 */
#include <mach/vm_behavior.h>
#include <mach/vm_statistics.h>
#include <mach/vm_sync.h>
#include "kernel/lib/string.h"
#include "kernel/vm/vm_user.h"

/* [trunc(addr), round(addr + size)) in *s, *e; false if it wraps */
static bool
page_range(vaddr_t addr, uint64_t size, vaddr_t *s, vaddr_t *e)
{
	vaddr_t end = addr + size;

	if (end < addr || ROUNDUP(end, PAGE_SIZE) < end)
		return false;
	*s = ROUNDDOWN(addr, PAGE_SIZE);
	*e = ROUNDUP(end, PAGE_SIZE);
	return true;
}

kern_return_t
vm_allocate(vm_map_t map, vaddr_t *addr, uint64_t size, int flags)
{
	vaddr_t s, e;
	kern_return_t kr;

	if (map == NULL)
		return KERN_INVALID_ARGUMENT;
	if (flags & ~VM_FLAGS_ANYWHERE)
		return KERN_INVALID_ARGUMENT;
	if (size == 0) {
		*addr = 0;
		return KERN_SUCCESS;
	}
	if (!page_range((flags & VM_FLAGS_ANYWHERE) ? 0 : *addr, size, &s, &e))
		return KERN_INVALID_ARGUMENT;
	if (flags & VM_FLAGS_ANYWHERE) {
		e -= s;
		s = 0;
	}
	kr = vm_map_enter(map, &s, e - s,
	    (flags & VM_FLAGS_ANYWHERE) ? VM_MAP_ANYWHERE : 0, NULL, 0,
	    VM_PROT_DEFAULT, VM_PROT_ALL, VM_INHERIT_DEFAULT);
	if (kr == KERN_SUCCESS)
		*addr = s;
	return kr;
}

kern_return_t
vm_deallocate(vm_map_t map, vaddr_t addr, uint64_t size)
{
	vaddr_t s, e;

	if (map == NULL)
		return KERN_INVALID_ARGUMENT;
	if (size == 0)
		return KERN_SUCCESS;
	if (!page_range(addr, size, &s, &e))
		return KERN_INVALID_ARGUMENT;
	/* like XNU, the part outside the map is ignored */
	s = MAX(s, map->min_offset);
	e = MIN(e, map->max_offset);
	return vm_map_remove(map, s, e);
}

kern_return_t
vm_protect(vm_map_t map, vaddr_t addr, uint64_t size, bool set_maximum,
    vm_prot_t prot)
{
	vaddr_t s, e;

	if (map == NULL || (prot & ~VM_PROT_ALL) != 0)
		return KERN_INVALID_ARGUMENT;
	if (size == 0)
		return KERN_SUCCESS;
	if (!page_range(addr, size, &s, &e))
		return KERN_INVALID_ARGUMENT;
	if (s < map->min_offset || e > map->max_offset)
		return KERN_INVALID_ADDRESS;
	return vm_map_protect(map, s, e, prot, set_maximum);
}

kern_return_t
vm_inherit(vm_map_t map, vaddr_t addr, uint64_t size, vm_inherit_t inheritance)
{
	vaddr_t s, e;

	if (map == NULL || inheritance > VM_INHERIT_LAST_VALID)
		return KERN_INVALID_ARGUMENT;
	if (size == 0)
		return KERN_SUCCESS;
	if (!page_range(addr, size, &s, &e))
		return KERN_INVALID_ARGUMENT;
	s = MAX(s, map->min_offset);
	e = MIN(e, map->max_offset);
	return vm_map_inherit(map, s, e, inheritance);
}

kern_return_t
vm_read(vm_map_t map, vaddr_t addr, uint64_t size, vm_map_t dst_map,
    vaddr_t *data, uint64_t *count)
{
	vaddr_t s, e, d = 0;
	kern_return_t kr;

	if (map == NULL || dst_map == NULL)
		return KERN_INVALID_ARGUMENT;
	if (size == 0) {
		*data = 0;
		*count = 0;
		return KERN_SUCCESS;
	}
	if (!page_range(addr, size, &s, &e))
		return KERN_INVALID_ARGUMENT;
	kr = vm_map_copy(map, s, e - s, dst_map, &d, true);
	if (kr != KERN_SUCCESS)
		return kr;
	*data = d + (addr - s);
	*count = size;
	return KERN_SUCCESS;
}

kern_return_t
vm_write(vm_map_t map, vaddr_t addr, vm_map_t src_map, vaddr_t src,
    uint64_t size)
{
	vaddr_t d = addr;

	if (map == NULL || src_map == NULL ||
	    !IS_ALIGNED(addr | src | size, PAGE_SIZE))
		return KERN_INVALID_ARGUMENT;
	if (size == 0)
		return KERN_SUCCESS;
	if (addr + size < addr)
		return KERN_INVALID_ARGUMENT;
	return vm_map_copy(src_map, src, size, map, &d, false);
}

kern_return_t
vm_copy(vm_map_t map, vaddr_t src, uint64_t size, vaddr_t dst)
{
	if (map == NULL || !IS_ALIGNED(src | dst | size, PAGE_SIZE))
		return KERN_INVALID_ARGUMENT;
	if (size == 0)
		return KERN_SUCCESS;
	if (src + size < src || dst + size < dst)
		return KERN_INVALID_ARGUMENT;
	return vm_map_copy(map, src, size, map, &dst, false);
}

kern_return_t
vm_remap(vm_map_t map, vaddr_t *addr, uint64_t size, uint64_t mask, int flags,
    vm_map_t src_map, vaddr_t src, bool copy, vm_prot_t *curp,
    vm_prot_t *maxp, vm_inherit_t inh)
{
	bool anywhere = (flags & VM_FLAGS_ANYWHERE) != 0;
	vaddr_t s, e, d;
	kern_return_t kr;

	if (map == NULL || src_map == NULL ||
	    (flags & ~(VM_FLAGS_ANYWHERE | VM_FLAGS_OVERWRITE |
	    VM_FLAGS_RETURN_DATA_ADDR)) != 0 ||
	    (anywhere && (flags & VM_FLAGS_OVERWRITE)) ||
	    inh > VM_INHERIT_LAST_VALID || size == 0 ||
	    !page_range(src, size, &s, &e))
		return KERN_INVALID_ARGUMENT;
	d = anywhere ? 0 : ROUNDDOWN(*addr, PAGE_SIZE);
	kr = vm_map_remap(map, &d, e - s, mask, (anywhere ? VM_MAP_ANYWHERE : 0) |
	    ((flags & VM_FLAGS_OVERWRITE) ? VM_MAP_OVERWRITE : 0), src_map, s,
	    copy, inh, curp, maxp);
	if (kr == KERN_SUCCESS)
		*addr = d + ((flags & VM_FLAGS_RETURN_DATA_ADDR) ? src - s : 0);
	return kr;
}

kern_return_t
vm_region(vm_map_t map, vaddr_t *addr, uint64_t *size, int flavor, void *info,
    unsigned *count)
{
	struct vm_region_basic_info_64 b;
	struct vm_region_basic_info *o = info;
	kern_return_t kr;

	if (map == NULL || info == NULL || count == NULL)
		return KERN_INVALID_ARGUMENT;
	if (flavor == VM_REGION_BASIC_INFO_64) {
		if (*count < VM_REGION_BASIC_INFO_COUNT_64)
			return KERN_INVALID_ARGUMENT;
		*count = VM_REGION_BASIC_INFO_COUNT_64;
		return vm_map_region(map, addr, size, info);
	}
	/* the 32-bit flavor: the same, the offset cut to 32 bits (XNU) */
	if (flavor != VM_REGION_BASIC_INFO || *count < VM_REGION_BASIC_INFO_COUNT)
		return KERN_INVALID_ARGUMENT;
	if ((kr = vm_map_region(map, addr, size, &b)) != KERN_SUCCESS)
		return kr;
	memset(o, 0, sizeof(*o));
	o->protection = b.protection;
	o->max_protection = b.max_protection;
	o->inheritance = b.inheritance;
	o->shared = b.shared;
	o->reserved = b.reserved;
	o->offset = (uint32_t)b.offset;
	o->behavior = b.behavior;
	o->user_wired_count = b.user_wired_count;
	*count = VM_REGION_BASIC_INFO_COUNT;
	return KERN_SUCCESS;
}

STATIC_ASSERT(sizeof(struct vm_region_submap_info_64) == 76 &&
    VM_REGION_SUBMAP_INFO_COUNT_64 == 19 &&
    VM_REGION_SUBMAP_INFO_V1_COUNT_64 == 17 &&
    VM_REGION_SUBMAP_INFO_V0_COUNT_64 == 16 &&
    __builtin_offsetof(struct vm_region_submap_info_64, object_id_full) == 68,
    "vm_region_submap_info_64 is XNU's (packed to 4)");
STATIC_ASSERT(VM_REGION_SUBMAP_SHORT_INFO_COUNT_64 == 12,
    "vm_region_submap_short_info_64 is XNU's");
/* libmach's vm_region_recurse fills it (sdk/lib/libmach/vm_map.c) */
STATIC_ASSERT(sizeof(struct vm_region_submap_info) == 60 &&
    VM_REGION_SUBMAP_INFO_COUNT == 15 &&
    __builtin_offsetof(struct vm_region_submap_info, object_id) == 52,
    "vm_region_submap_info is XNU's (packed to 4)");

/*
 * XNU's counts: from VM_REGION_SUBMAP_SHORT_INFO_COUNT_64 up to below
 * VM_REGION_SUBMAP_INFO_V0_COUNT_64 the short info, else the longest of
 * V0, V1, V2 that fits.  No submaps: every region is at depth 0.
 */
kern_return_t
vm_region_recurse(vm_map_t map, vaddr_t *addr, uint64_t *size, uint32_t *depth,
    void *info, unsigned *count)
{
	struct vm_region_submap_info_64 full;
	struct vm_region_submap_short_info_64 *sh = info;
	unsigned n;
	kern_return_t kr;

	if (map == NULL || info == NULL || count == NULL || depth == NULL ||
	    *count < VM_REGION_SUBMAP_SHORT_INFO_COUNT_64)
		return KERN_INVALID_ARGUMENT;
	if ((kr = vm_map_region_submap(map, addr, size, &full)) != KERN_SUCCESS)
		return kr;
	*depth = 0;
	if (*count < VM_REGION_SUBMAP_INFO_V0_COUNT_64) {
		memset(sh, 0, sizeof(*sh));
		sh->protection = full.protection;
		sh->max_protection = full.max_protection;
		sh->inheritance = full.inheritance;
		sh->offset = full.offset;
		sh->user_tag = full.user_tag;
		sh->ref_count = full.ref_count;
		sh->shadow_depth = full.shadow_depth;
		sh->external_pager = full.external_pager;
		sh->share_mode = full.share_mode;
		sh->is_submap = full.is_submap;
		sh->behavior = full.behavior;
		sh->object_id = full.object_id;
		sh->user_wired_count = full.user_wired_count;
		*count = VM_REGION_SUBMAP_SHORT_INFO_COUNT_64;
		return KERN_SUCCESS;
	}
	n = *count >= VM_REGION_SUBMAP_INFO_V2_COUNT_64 ?
	    VM_REGION_SUBMAP_INFO_V2_COUNT_64 :
	    *count >= VM_REGION_SUBMAP_INFO_V1_COUNT_64 ?
	    VM_REGION_SUBMAP_INFO_V1_COUNT_64 : VM_REGION_SUBMAP_INFO_V0_COUNT_64;
	memcpy(info, &full, n * sizeof(natural_t));
	*count = n;
	return KERN_SUCCESS;
}

/*
 * The access patterns are kept per mapping (nothing reads ahead yet); the
 * hints are checked and ignored: every page is anonymous and resident,
 * so there is nothing to page in or out, and leaving FREE'd pages as they
 * are is what "contents undefined" allows.  ZERO_WIRED_PAGES and ZERO are
 * refused (docs/abi.md).
 */
kern_return_t
vm_behavior_set(vm_map_t map, vaddr_t addr, uint64_t size, int behavior)
{
	vaddr_t s, e;

	if (map == NULL || behavior < VM_BEHAVIOR_DEFAULT ||
	    behavior > VM_BEHAVIOR_PAGEOUT || behavior == VM_BEHAVIOR_ZERO_WIRED_PAGES)
		return KERN_INVALID_ARGUMENT;
	if (size == 0)
		return KERN_SUCCESS;
	if (!page_range(addr, size, &s, &e))
		return KERN_INVALID_ADDRESS;
	return vm_map_behavior_set(map, s, e, behavior <= VM_BEHAVIOR_RSEQNTL,
	    behavior);
}

/*
 * No pager: nothing to write back or read again, and KILLPAGES may leave
 * the pages (their contents are undefined after it).  As XNU: a hole is
 * an error only with VM_SYNC_CONTIGUOUS, and ASYNCHRONOUS with
 * SYNCHRONOUS is KERN_INVALID_ARGUMENT.
 */
kern_return_t
vm_msync(vm_map_t map, vaddr_t addr, uint64_t size, unsigned sync_flags)
{
	vaddr_t s, e;

	if (map == NULL || ((sync_flags & VM_SYNC_ASYNCHRONOUS) &&
	    (sync_flags & VM_SYNC_SYNCHRONOUS)))
		return KERN_INVALID_ARGUMENT;
	if (size == 0)
		return KERN_SUCCESS;
	if (!page_range(addr, size, &s, &e))
		return KERN_INVALID_ADDRESS;
	if ((sync_flags & VM_SYNC_CONTIGUOUS) && (s < map->min_offset ||
	    e > map->max_offset || !vm_map_range_mapped(map, s, e)))
		return KERN_INVALID_ADDRESS;
	return KERN_SUCCESS;
}
