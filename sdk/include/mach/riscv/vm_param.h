/*
 * <mach/riscv/vm_param.h> - the user address space (Sv39, user ABI).
 *
 * User addresses are the lower half of Sv39: [0, 2^38).  The first 64 KiB
 * are never mapped, so a null pointer (plus a small offset) faults.
 * Static executables are linked at or above VM_MIN_ADDRESS.
 */
#ifndef _MACH_RISCV_VM_PARAM_H_
#define _MACH_RISCV_VM_PARAM_H_

#define RISCV_PGSHIFT		12
#define RISCV_PGBYTES		(1 << RISCV_PGSHIFT)

#define VM_MIN_ADDRESS		0x0000000000010000ul	/* lowest mappable */
#define VM_MAX_ADDRESS		0x0000004000000000ul	/* user limit (exclusive) */

/* where a new task's first thread gets its stack: top and size */
#define VM_USRSTACK		0x0000003ffff00000ul
#define VM_USRSTACK_SIZE	0x0000000000100000ul	/* 1 MiB */

#endif /* _MACH_RISCV_VM_PARAM_H_ */
