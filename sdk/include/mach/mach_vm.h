/*
 * <mach/mach_vm.h> - virtual memory calls on a task (XNU's prototypes).
 * Each is one trap (XNU's _kernelrpc_mach_vm_*_trap numbers).
 */
#ifndef _MACH_MACH_VM_H_
#define _MACH_MACH_VM_H_

#include <mach/kern_return.h>
#include <mach/mach_types.h>
#include <mach/vm_prot.h>
#include <mach/vm_statistics.h>

kern_return_t	mach_vm_allocate(vm_map_t target, mach_vm_address_t *address,
		    mach_vm_size_t size, int flags);
kern_return_t	mach_vm_deallocate(vm_map_t target, mach_vm_address_t address,
		    mach_vm_size_t size);
kern_return_t	mach_vm_protect(vm_map_t target, mach_vm_address_t address,
		    mach_vm_size_t size, boolean_t set_maximum,
		    vm_prot_t new_protection);

#endif /* _MACH_MACH_VM_H_ */
