/*
 * <mach/exception_types.h> - Mach exception types and codes (XNU's values).
 */
#ifndef _MACH_EXCEPTION_TYPES_H_
#define _MACH_EXCEPTION_TYPES_H_

#define EXC_BAD_ACCESS		1	/* code: kern_return_t, subcode: address */
#define EXC_BAD_INSTRUCTION	2	/* code: EXC_RISCV_*, subcode: the instruction */
#define EXC_ARITHMETIC		3
#define EXC_EMULATION		4
#define EXC_SOFTWARE		5
#define EXC_BREAKPOINT		6
#define EXC_SYSCALL		7
#define EXC_MACH_SYSCALL	8
#define EXC_RPC_ALERT		9
#define EXC_CRASH		10
#define EXC_RESOURCE		11
#define EXC_GUARD		12
#define EXC_CORPSE_NOTIFY	13

/* rvmach's RISC-V codes (XNU has none for RISC-V; docs/abi.md) */
#define EXC_RISCV_UNDEFINED	1	/* EXC_BAD_INSTRUCTION: illegal instruction */
#define EXC_RISCV_BREAKPOINT	1	/* EXC_BREAKPOINT: ebreak */
#define EXC_RISCV_ALIGN		0x101	/* EXC_BAD_ACCESS: misaligned access */
#define EXC_RISCV_ACCESS	0x102	/* EXC_BAD_ACCESS: PMP/bus access fault */

#endif /* _MACH_EXCEPTION_TYPES_H_ */
