/*
 * sdk/lib/libmach/vm_map.c - XNU's vm_* calls (<mach/vm_map.h>): on
 * LP64, vm_address_t and vm_size_t are as wide as mach_vm_address_t and
 * mach_vm_size_t, so each is the mach_vm_* call.
 */
#include <mach/mach_vm.h>
#include <mach/riscv/trap.h>
#include <mach/syscall_sw.h>
#include <mach/vm_map.h>

_Static_assert(sizeof(vm_address_t) == sizeof(mach_vm_address_t) &&
    sizeof(vm_size_t) == sizeof(mach_vm_size_t), "LP64 vm types");

kern_return_t
vm_allocate(vm_map_t target_task, vm_address_t *address, vm_size_t size,
    int flags)
{
	return mach_vm_allocate(target_task, (mach_vm_address_t *)address, size,
	    flags);
}

kern_return_t
vm_deallocate(vm_map_t target_task, vm_address_t address, vm_size_t size)
{
	return mach_vm_deallocate(target_task, address, size);
}

kern_return_t
vm_protect(vm_map_t target_task, vm_address_t address, vm_size_t size,
    boolean_t set_maximum, vm_prot_t new_protection)
{
	return mach_vm_protect(target_task, address, size, set_maximum,
	    new_protection);
}

kern_return_t
vm_inherit(vm_map_t target_task, vm_address_t address, vm_size_t size,
    vm_inherit_t new_inheritance)
{
	return mach_vm_inherit(target_task, address, size, new_inheritance);
}

kern_return_t
vm_read(vm_map_read_t target_task, vm_address_t address, vm_size_t size,
    vm_offset_t *data, mach_msg_type_number_t *dataCnt)
{
	return mach_vm_read(target_task, address, size, data, dataCnt);
}

kern_return_t
vm_write(vm_map_t target_task, vm_address_t address, vm_offset_t data,
    mach_msg_type_number_t dataCnt)
{
	return mach_vm_write(target_task, address, data, dataCnt);
}

kern_return_t
vm_copy(vm_map_t target_task, vm_address_t source_address, vm_size_t size,
    vm_address_t dest_address)
{
	return mach_vm_copy(target_task, source_address, size, dest_address);
}

kern_return_t
vm_read_overwrite(vm_map_read_t target_task, vm_address_t address,
    vm_size_t size, vm_address_t data, vm_size_t *outsize)
{
	return mach_vm_read_overwrite(target_task, address, size, data,
	    (mach_vm_size_t *)outsize);
}

kern_return_t
vm_region_recurse_64(vm_map_read_t target_task, vm_address_t *address,
    vm_size_t *size, natural_t *nesting_depth,
    vm_region_recurse_info_64_t info, mach_msg_type_number_t *infoCnt)
{
	return mach_vm_region_recurse(target_task, (mach_vm_address_t *)address,
	    (mach_vm_size_t *)size, nesting_depth, info, infoCnt);
}

kern_return_t
vm_region_recurse(vm_map_read_t target_task, vm_address_t *address,
    vm_size_t *size, natural_t *nesting_depth, vm_region_recurse_info_t info,
    mach_msg_type_number_t *infoCnt)
{
	vm_region_submap_info_data_64_t i64;
	vm_region_submap_info_t out = (vm_region_submap_info_t)(void *)info;
	/* too small a count: the kernel's refusal, after its look at the name */
	mach_msg_type_number_t n = *infoCnt < VM_REGION_SUBMAP_INFO_COUNT ? 0 :
	    VM_REGION_SUBMAP_INFO_V0_COUNT_64;
	kern_return_t kr;

	kr = mach_vm_region_recurse(target_task, (mach_vm_address_t *)address,
	    (mach_vm_size_t *)size, nesting_depth,
	    (vm_region_recurse_info_t)(void *)&i64, &n);
	if (kr != KERN_SUCCESS)
		return kr;
	out->protection = i64.protection;
	out->max_protection = i64.max_protection;
	out->inheritance = i64.inheritance;
	out->offset = (uint32_t)i64.offset;
	out->user_tag = i64.user_tag;
	out->pages_resident = i64.pages_resident;
	out->pages_shared_now_private = i64.pages_shared_now_private;
	out->pages_swapped_out = i64.pages_swapped_out;
	out->pages_dirtied = i64.pages_dirtied;
	out->ref_count = i64.ref_count;
	out->shadow_depth = i64.shadow_depth;
	out->external_pager = i64.external_pager;
	out->share_mode = i64.share_mode;
	out->is_submap = i64.is_submap;
	out->behavior = i64.behavior;
	out->object_id = i64.object_id;
	out->user_wired_count = i64.user_wired_count;
	*infoCnt = VM_REGION_SUBMAP_INFO_COUNT;
	return KERN_SUCCESS;
}

kern_return_t
vm_region_64(vm_map_read_t target_task, vm_address_t *address,
    vm_size_t *size, vm_region_flavor_t flavor, vm_region_info_t info,
    mach_msg_type_number_t *infoCnt, mach_port_t *object_name)
{
	return mach_vm_region(target_task, (mach_vm_address_t *)address,
	    (mach_vm_size_t *)size, flavor, info, infoCnt, object_name);
}

kern_return_t
vm_map_page_query(vm_map_read_t target_map, vm_offset_t offset,
    integer_t *disposition, integer_t *ref_count)
{
	return mach_vm_page_query(target_map, offset, disposition, ref_count);
}

kern_return_t
vm_region(vm_map_read_t target_task, vm_address_t *address, vm_size_t *size,
    vm_region_flavor_t flavor, vm_region_info_t info,
    mach_msg_type_number_t *infoCnt, mach_port_t *object_name)
{
	return vm_region_64(target_task, address, size, flavor, info, infoCnt,
	    object_name);
}

kern_return_t
mach_make_memory_entry_64(vm_map_t target_task, memory_object_size_t *size,
    memory_object_offset_t offset, vm_prot_t permission,
    mach_port_t *object_handle, mem_entry_name_port_t parent_entry)
{
	return (kern_return_t)rvmach_trap(RVMACH_TRAP_mach_make_memory_entry,
	    (long)target_task, (long)size, (long)offset, (long)permission,
	    (long)object_handle, (long)parent_entry, 0);
}

/* vm_size_t is memory_object_size_t's width on LP64 */
kern_return_t
mach_make_memory_entry(vm_map_t target_task, vm_size_t *size,
    vm_offset_t offset, vm_prot_t permission,
    mem_entry_name_port_t *object_handle, mem_entry_name_port_t parent_entry)
{
	_Static_assert(sizeof(vm_size_t) == sizeof(memory_object_size_t),
	    "mach_make_memory_entry's size");
	return mach_make_memory_entry_64(target_task,
	    (memory_object_size_t *)size, offset, permission, object_handle,
	    parent_entry);
}

kern_return_t
vm_map(vm_map_t target_task, vm_address_t *address, vm_size_t size,
    vm_address_t mask, int flags, mem_entry_name_port_t object,
    vm_offset_t offset, boolean_t copy, vm_prot_t cur_protection,
    vm_prot_t max_protection, vm_inherit_t inheritance)
{
	return mach_vm_map(target_task, (mach_vm_address_t *)address, size, mask,
	    flags, object, offset, copy, cur_protection, max_protection,
	    inheritance);
}

kern_return_t
vm_behavior_set(vm_map_t target_task, vm_address_t address, vm_size_t size,
    vm_behavior_t new_behavior)
{
	return mach_vm_behavior_set(target_task, address, size, new_behavior);
}

kern_return_t
vm_msync(vm_map_t target_task, vm_address_t address, vm_size_t size,
    vm_sync_t sync_flags)
{
	return mach_vm_msync(target_task, address, size, sync_flags);
}
