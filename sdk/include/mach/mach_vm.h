/*
 * <mach/mach_vm.h> - virtual memory calls on a task (XNU's prototypes).
 * allocate, deallocate and protect are XNU's traps (-10, -12, -14); the
 * others, MIG routines in XNU, are traps of rvmach's own
 * (RVMACH_TRAP_mach_vm_*, docs/abi.md).  target is any task port the
 * caller holds a send right to; anything else is MACH_SEND_INVALID_DEST.
 */
#ifndef _MACH_MACH_VM_H_
#define _MACH_MACH_VM_H_

#include <mach/kern_return.h>
#include <mach/mach_types.h>
#include <mach/memory_object_types.h>
#include <mach/mig_kobject.h>
#include <mach/vm_inherit.h>
#include <mach/vm_prot.h>
#include <mach/rvmach_vm.h>
#include <mach/vm_region.h>
#include <mach/vm_statistics.h>
#include <mach/vm_sync.h>

kern_return_t	mach_vm_allocate(vm_map_t target, mach_vm_address_t *address,
		    mach_vm_size_t size, int flags);
kern_return_t	mach_vm_deallocate(vm_map_t target, mach_vm_address_t address,
		    mach_vm_size_t size);
kern_return_t	mach_vm_protect(vm_map_t target, mach_vm_address_t address,
		    mach_vm_size_t size, boolean_t set_maximum,
		    vm_prot_t new_protection);

/*
 * A copy (copy-on-write) of [address, address + size) of target_task,
 * placed anywhere in the caller: *data gets its address (with address's
 * offset in its page), *dataCnt its size.  Free it with
 * mach_vm_deallocate.
 */
kern_return_t	mach_vm_read(vm_map_read_t target_task,
		    mach_vm_address_t address, mach_vm_size_t size,
		    vm_offset_t *data, mach_msg_type_number_t *dataCnt);
/*
 * [address, address + size) of target_task copied over the caller's
 * [data, data + size) (any alignment; page-aligned ranges are moved
 * copy-on-write); *outsize gets size
 */
kern_return_t	mach_vm_read_overwrite(vm_map_read_t target_task,
		    mach_vm_address_t address, mach_vm_size_t size,
		    mach_vm_address_t data, mach_vm_size_t *outsize);
/* the caller's [data, data + dataCnt) over target_task's memory at address */
kern_return_t	mach_vm_write(vm_map_t target_task, mach_vm_address_t address,
		    vm_offset_t data, mach_msg_type_number_t dataCnt);
/* [source_address, + size) of target_task over [dest_address, + size) */
kern_return_t	mach_vm_copy(vm_map_t target_task,
		    mach_vm_address_t source_address, mach_vm_size_t size,
		    mach_vm_address_t dest_address);
/*
 * The region holding *address, or the first above it: *address and
 * *size get its range, info its attributes (flavor
 * VM_REGION_BASIC_INFO_64), *object_name MACH_PORT_NULL.
 */
kern_return_t	mach_vm_region(vm_map_read_t target_task,
		    mach_vm_address_t *address, mach_vm_size_t *size,
		    vm_region_flavor_t flavor, vm_region_info_t info,
		    mach_msg_type_number_t *infoCnt, mach_port_t *object_name);
/*
 * The region holding *address, or the first above it, seen through its
 * memory object (info: vm_region_submap_info_64 for a *infoCnt of
 * VM_REGION_SUBMAP_INFO_COUNT_64 or its V0/V1 counts, the short info for
 * VM_REGION_SUBMAP_SHORT_INFO_COUNT_64); rvmach has no submaps, so
 * *nesting_depth comes back 0.
 */
kern_return_t	mach_vm_region_recurse(vm_map_read_t target_task,
		    mach_vm_address_t *address, mach_vm_size_t *size,
		    natural_t *nesting_depth, vm_region_recurse_info_t info,
		    mach_msg_type_number_t *infoCnt);
/*
 * the page holding offset: *disposition VM_PAGE_QUERY_PAGE_* bits
 * (<mach/vm_statistics.h>), *ref_count its memory object's references
 */
kern_return_t	mach_vm_page_query(vm_map_read_t target_map,
		    mach_vm_offset_t offset, integer_t *disposition,
		    integer_t *ref_count);
/* what a task created from target_task (inherit_memory) gets of the range */
kern_return_t	mach_vm_inherit(vm_map_t target_task,
		    mach_vm_address_t address, mach_vm_size_t size,
		    vm_inherit_t new_inheritance);

/*
 * map [src_address, src_address + size) of src_task (whole pages) into
 * target_task: with VM_FLAGS_ANYWHERE at an address with no bit of mask
 * set, else at *target_address (VM_FLAGS_OVERWRITE: over what is there);
 * copy FALSE shares the memory, TRUE maps a copy-on-write copy.
 * *target_address gets the page address (VM_FLAGS_RETURN_DATA_ADDR: that
 * of src_address's byte); *cur_protection and *max_protection the
 * strictest protections of the source range, which the new mapping keeps.
 */
kern_return_t	mach_vm_remap(vm_map_t target_task,
		    mach_vm_address_t *target_address, mach_vm_size_t size,
		    mach_vm_offset_t mask, int flags, vm_map_read_t src_task,
		    mach_vm_address_t src_address, boolean_t copy,
		    vm_prot_t *cur_protection, vm_prot_t *max_protection,
		    vm_inherit_t inheritance);

/*
 * mach_vm_map - map size bytes at offset of the named memory entry object
 * (mach_make_memory_entry_64, <mach/vm_map.h>; MACH_PORT_NULL: fresh
 * demand-zero memory) into target_task: VM_FLAGS_ANYWHERE at an address
 * with no bit of mask set, or fixed (VM_FLAGS_OVERWRITE: over what is
 * there).  copy FALSE shares the entry's memory (every mapping sees every
 * write), TRUE maps a private copy; cur_protection and max_protection must
 * be within the entry's protection (KERN_INVALID_RIGHT).
 */
kern_return_t	mach_vm_map(vm_map_t target_task, mach_vm_address_t *address,
		    mach_vm_size_t size, mach_vm_offset_t mask, int flags,
		    mem_entry_name_port_t object, memory_object_offset_t offset,
		    boolean_t copy, vm_prot_t cur_protection,
		    vm_prot_t max_protection, vm_inherit_t inheritance);

/*
 * mach_vm_behavior_set - the access pattern (VM_BEHAVIOR_DEFAULT ..
 * _RSEQNTL, kept per mapping) or a hint (WILLNEED .. PAGEOUT, taken and
 * ignored) for [address, address + size) of target_task
 * (<mach/vm_behavior.h>); mach_vm_msync - the same range's memory
 * synchronised with its pager (<mach/vm_sync.h>: no pager here, so only
 * the checks)
 */
kern_return_t	mach_vm_behavior_set(vm_map_t target_task,
		    mach_vm_address_t address, mach_vm_size_t size,
		    vm_behavior_t new_behavior);
kern_return_t	mach_vm_msync(vm_map_t target_task, mach_vm_address_t address,
		    mach_vm_size_t size, vm_sync_t sync_flags);

#endif /* _MACH_MACH_VM_H_ */
