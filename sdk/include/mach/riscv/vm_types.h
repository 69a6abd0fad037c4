/*
 * <mach/riscv/vm_types.h> - Mach's machine-sized integer types (user ABI).
 *
 * natural_t and integer_t are 32 bits, as on every XNU architecture; they
 * size port names and message fields.  mach_port_context_t is pointer
 * sized (64 bits), as on XNU's arm64 and x86_64.  Freestanding: only the
 * compiler's <stdint.h>.
 */
#ifndef _MACH_RISCV_VM_TYPES_H_
#define _MACH_RISCV_VM_TYPES_H_

#include <stdint.h>

typedef uint32_t	natural_t;
typedef int32_t		integer_t;

/* a value a task attaches to a receive right (mach_port_set_context, guards) */
typedef uintptr_t	mach_port_context_t;

#endif /* _MACH_RISCV_VM_TYPES_H_ */
