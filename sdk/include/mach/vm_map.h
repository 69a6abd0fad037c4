/*
 * <mach/vm_map.h> - XNU's vm_* calls on a task (vm_map.defs), with XNU's
 * prototypes: the vm_address_t / vm_size_t forms of the mach_vm_* calls
 * of <mach/mach_vm.h>.  On LP64 the types are the same width, so each is
 * the mach_vm_* call of the same name (libmach's vm_map.c), as XNU's
 * libsystem makes vm_allocate, vm_deallocate and vm_protect the
 * mach_vm_* traps.  vm_region and vm_region_64 take the flavors
 * VM_REGION_BASIC_INFO_64 and VM_REGION_BASIC_INFO (docs/abi.md).
 */
#ifndef _MACH_VM_MAP_H_
#define _MACH_VM_MAP_H_

#include <mach/kern_return.h>
#include <mach/mach_types.h>
#include <mach/memory_object_types.h>
#include <mach/vm_inherit.h>
#include <mach/vm_prot.h>
#include <mach/vm_region.h>
#include <mach/vm_statistics.h>
#include <mach/vm_sync.h>
#include <mach/vm_types.h>

kern_return_t	vm_allocate(vm_map_t target_task, vm_address_t *address,
		    vm_size_t size, int flags);
kern_return_t	vm_deallocate(vm_map_t target_task, vm_address_t address,
		    vm_size_t size);
kern_return_t	vm_protect(vm_map_t target_task, vm_address_t address,
		    vm_size_t size, boolean_t set_maximum,
		    vm_prot_t new_protection);
kern_return_t	vm_inherit(vm_map_t target_task, vm_address_t address,
		    vm_size_t size, vm_inherit_t new_inheritance);
kern_return_t	vm_read(vm_map_read_t target_task, vm_address_t address,
		    vm_size_t size, vm_offset_t *data,
		    mach_msg_type_number_t *dataCnt);
kern_return_t	vm_write(vm_map_t target_task, vm_address_t address,
		    vm_offset_t data, mach_msg_type_number_t dataCnt);
kern_return_t	vm_copy(vm_map_t target_task, vm_address_t source_address,
		    vm_size_t size, vm_address_t dest_address);
kern_return_t	vm_read_overwrite(vm_map_read_t target_task,
		    vm_address_t address, vm_size_t size, vm_address_t data,
		    vm_size_t *outsize);
/* mach_vm_page_query with vm_offset_t (the same width here) */
kern_return_t	vm_map_page_query(vm_map_read_t target_map, vm_offset_t offset,
		    integer_t *disposition, integer_t *ref_count);
kern_return_t	vm_region(vm_map_read_t target_task, vm_address_t *address,
		    vm_size_t *size, vm_region_flavor_t flavor,
		    vm_region_info_t info, mach_msg_type_number_t *infoCnt,
		    mach_port_t *object_name);
kern_return_t	vm_region_64(vm_map_read_t target_task,
		    vm_address_t *address, vm_size_t *size,
		    vm_region_flavor_t flavor, vm_region_info_t info,
		    mach_msg_type_number_t *infoCnt, mach_port_t *object_name);
/*
 * the 32-bit offset form: vm_region_submap_info (*infoCnt at least
 * VM_REGION_SUBMAP_INFO_COUNT, else KERN_INVALID_ARGUMENT), filled from
 * mach_vm_region_recurse's V0 info with the offset's low 32 bits, as XNU
 */
kern_return_t	vm_region_recurse(vm_map_read_t target_task,
		    vm_address_t *address, vm_size_t *size,
		    natural_t *nesting_depth, vm_region_recurse_info_t info,
		    mach_msg_type_number_t *infoCnt);
/* mach_vm_region_recurse with vm_address_t (the same width here) */
kern_return_t	vm_region_recurse_64(vm_map_read_t target_task,
		    vm_address_t *address, vm_size_t *size,
		    natural_t *nesting_depth, vm_region_recurse_info_64_t info,
		    mach_msg_type_number_t *infoCnt);

/*
 * named memory entries: a send right (*object_handle) naming *size bytes
 * (rounded to pages and written back) of target_task's memory at offset
 * with permission (VM_PROT_* | MAP_MEM_*, <mach/memory_object_types.h>):
 * the range itself (inside one mapping), a copy of it (MAP_MEM_VM_COPY),
 * new memory (MAP_MEM_NAMED_CREATE), or, with parent_entry, a part of
 * another entry.  mach_vm_map and vm_map map one.
 */
kern_return_t	mach_make_memory_entry_64(vm_map_t target_task,
		    memory_object_size_t *size, memory_object_offset_t offset,
		    vm_prot_t permission, mach_port_t *object_handle,
		    mem_entry_name_port_t parent_entry);
kern_return_t	mach_make_memory_entry(vm_map_t target_task, vm_size_t *size,
		    vm_offset_t offset, vm_prot_t permission,
		    mem_entry_name_port_t *object_handle,
		    mem_entry_name_port_t parent_entry);
kern_return_t	vm_map(vm_map_t target_task, vm_address_t *address,
		    vm_size_t size, vm_address_t mask, int flags,
		    mem_entry_name_port_t object, vm_offset_t offset,
		    boolean_t copy, vm_prot_t cur_protection,
		    vm_prot_t max_protection, vm_inherit_t inheritance);

kern_return_t	vm_behavior_set(vm_map_t target_task, vm_address_t address,
		    vm_size_t size, vm_behavior_t new_behavior);
kern_return_t	vm_msync(vm_map_t target_task, vm_address_t address,
		    vm_size_t size, vm_sync_t sync_flags);

#endif /* _MACH_VM_MAP_H_ */
