/*
 * <mach/riscv/vm_types.h> - Mach's machine-sized integer types (user ABI).
 *
 * natural_t and integer_t are 32 bits, as on every XNU architecture; they
 * size port names and message fields.  Freestanding: only the compiler's
 * <stdint.h>.
 */
#ifndef _MACH_RISCV_VM_TYPES_H_
#define _MACH_RISCV_VM_TYPES_H_

#include <stdint.h>

typedef uint32_t	natural_t;
typedef int32_t		integer_t;

#endif /* _MACH_RISCV_VM_TYPES_H_ */
