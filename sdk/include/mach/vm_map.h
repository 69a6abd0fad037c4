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
#include <mach/vm_inherit.h>
#include <mach/vm_prot.h>
#include <mach/vm_region.h>
#include <mach/vm_statistics.h>
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
kern_return_t	vm_region(vm_map_read_t target_task, vm_address_t *address,
		    vm_size_t *size, vm_region_flavor_t flavor,
		    vm_region_info_t info, mach_msg_type_number_t *infoCnt,
		    mach_port_t *object_name);
kern_return_t	vm_region_64(vm_map_read_t target_task,
		    vm_address_t *address, vm_size_t *size,
		    vm_region_flavor_t flavor, vm_region_info_t info,
		    mach_msg_type_number_t *infoCnt, mach_port_t *object_name);

#endif /* _MACH_VM_MAP_H_ */
