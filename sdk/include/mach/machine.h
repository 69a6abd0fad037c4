/*
 * <mach/machine.h> - processor types, as host_info reports them (XNU's
 * names and values).
 *
 * XNU defines no RISC-V type.  CPU_TYPE_RISCV is the value LLVM's Mach-O
 * support gives RISC-V (24); CPU_TYPE_RISCV64 is rvmach's, made the way
 * XNU makes CPU_TYPE_ARM64 from CPU_TYPE_ARM (docs/abi.md).
 */
#ifndef _MACH_MACHINE_H_
#define _MACH_MACHINE_H_

#include <mach/riscv/vm_types.h>

typedef integer_t	cpu_type_t;
typedef integer_t	cpu_subtype_t;
typedef integer_t	cpu_threadtype_t;

#define CPU_ARCH_MASK		0xff000000	/* capability bits of a type */
#define CPU_ARCH_ABI64		0x01000000	/* 64-bit ABI */
#define CPU_ARCH_ABI64_32	0x02000000	/* 64-bit hardware, 32-bit pointers */

#define CPU_TYPE_ANY		((cpu_type_t)-1)
#define CPU_TYPE_X86		((cpu_type_t)7)
#define CPU_TYPE_I386		CPU_TYPE_X86
#define CPU_TYPE_X86_64		(CPU_TYPE_X86 | CPU_ARCH_ABI64)
#define CPU_TYPE_ARM		((cpu_type_t)12)
#define CPU_TYPE_ARM64		(CPU_TYPE_ARM | CPU_ARCH_ABI64)
#define CPU_TYPE_POWERPC	((cpu_type_t)18)
#define CPU_TYPE_POWERPC64	(CPU_TYPE_POWERPC | CPU_ARCH_ABI64)
#define CPU_TYPE_RISCV		((cpu_type_t)24)
#define CPU_TYPE_RISCV64	(CPU_TYPE_RISCV | CPU_ARCH_ABI64)

#define CPU_SUBTYPE_MASK	0xff000000	/* capability bits of a subtype */
#define CPU_SUBTYPE_LIB64	0x80000000	/* a 64-bit library */
#define CPU_SUBTYPE_ANY		((cpu_subtype_t)-1)
#define CPU_SUBTYPE_MULTIPLE	((cpu_subtype_t)-1)
#define CPU_SUBTYPE_RISCV_ALL	((cpu_subtype_t)0)

/* the states host_statistics(HOST_CPU_LOAD_INFO) counts ticks in */
#define CPU_STATE_MAX		4
#define CPU_STATE_USER		0
#define CPU_STATE_SYSTEM	1
#define CPU_STATE_IDLE		2
#define CPU_STATE_NICE		3

#define CPU_THREADTYPE_NONE	((cpu_threadtype_t)0)

#endif /* _MACH_MACHINE_H_ */
