/*
 * <mach/vm_types.h> - address and size types (user ABI; RV64: 64 bits).
 */
#ifndef _MACH_VM_TYPES_H_
#define _MACH_VM_TYPES_H_

#include <stdint.h>

typedef uintptr_t	vm_offset_t;
typedef uintptr_t	vm_size_t;
typedef vm_offset_t	vm_address_t;
typedef uint64_t	mach_vm_address_t;
typedef uint64_t	mach_vm_offset_t;
typedef uint64_t	mach_vm_size_t;
typedef uint64_t	memory_object_offset_t;
typedef unsigned int	natural_t;
typedef int		integer_t;
typedef int		boolean_t;
typedef natural_t	mach_port_name_t;

#endif /* _MACH_VM_TYPES_H_ */
