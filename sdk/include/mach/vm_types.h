/*
 * <mach/vm_types.h> - address and size types (user ABI; RV64: 64 bits).
 */
#ifndef _MACH_VM_TYPES_H_
#define _MACH_VM_TYPES_H_

#include <stdint.h>
#include <mach/boolean.h>
#include <mach/port.h>
#include <mach/riscv/vm_types.h>

typedef uintptr_t	vm_offset_t;
typedef uintptr_t	vm_size_t;
typedef vm_offset_t	vm_address_t;
typedef uint64_t	mach_vm_address_t;
typedef uint64_t	mach_vm_offset_t;
typedef uint64_t	mach_vm_size_t;
typedef uint64_t	memory_object_offset_t;

#endif /* _MACH_VM_TYPES_H_ */
