/*
 * <mach/exception_types.h> - Mach exception types, masks, behaviors and
 * codes (XNU's values).
 */
#ifndef _MACH_EXCEPTION_TYPES_H_
#define _MACH_EXCEPTION_TYPES_H_

#include <stdint.h>

#include <mach/port.h>
#include <mach/riscv/thread_status.h>
#include <mach/riscv/vm_types.h>

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

/* the size of a table indexed by type: slot 0 is not an exception (XNU's) */
#define EXC_TYPES_COUNT		14
/* an exception carries this many codes: code and subcode */
#define EXCEPTION_CODE_MAX	2

/*
 * Behaviors: which message a handler gets (exception_raise,
 * exception_raise_state, exception_raise_state_identity), optionally with
 * 64-bit codes (MACH_EXCEPTION_CODES: mach_exception_raise*).
 */
#define EXCEPTION_DEFAULT		1	/* thread, task, codes */
#define EXCEPTION_STATE			2	/* codes and thread state */
#define EXCEPTION_STATE_IDENTITY	3	/* all of it */
#define EXCEPTION_IDENTITY_PROTECTED	4	/* not supported */

#define MACH_EXCEPTION_BACKTRACE_PREFERRED	0x20000000	/* not supported */
#define MACH_EXCEPTION_ERRORS		0x40000000	/* not used, as in XNU */
#define MACH_EXCEPTION_CODES		0x80000000	/* 64-bit code, subcode */

#define MACH_EXCEPTION_MASK \
	(MACH_EXCEPTION_CODES | MACH_EXCEPTION_ERRORS | \
	    MACH_EXCEPTION_BACKTRACE_PREFERRED)

/* one bit per type for the exception-port calls (bit 0 unused) */
#define EXC_MASK_BAD_ACCESS		(1 << EXC_BAD_ACCESS)
#define EXC_MASK_BAD_INSTRUCTION	(1 << EXC_BAD_INSTRUCTION)
#define EXC_MASK_ARITHMETIC		(1 << EXC_ARITHMETIC)
#define EXC_MASK_EMULATION		(1 << EXC_EMULATION)
#define EXC_MASK_SOFTWARE		(1 << EXC_SOFTWARE)
#define EXC_MASK_BREAKPOINT		(1 << EXC_BREAKPOINT)
#define EXC_MASK_SYSCALL		(1 << EXC_SYSCALL)
#define EXC_MASK_MACH_SYSCALL		(1 << EXC_MACH_SYSCALL)
#define EXC_MASK_RPC_ALERT		(1 << EXC_RPC_ALERT)
#define EXC_MASK_CRASH			(1 << EXC_CRASH)
#define EXC_MASK_RESOURCE		(1 << EXC_RESOURCE)
#define EXC_MASK_GUARD			(1 << EXC_GUARD)
#define EXC_MASK_CORPSE_NOTIFY		(1 << EXC_CORPSE_NOTIFY)

/* no machine-specific exception types on RISC-V (XNU's arm64: none either) */
#define EXC_MASK_MACHINE		0

/* as XNU: without CRASH and CORPSE_NOTIFY, which need asking for by name */
#define EXC_MASK_ALL \
	(EXC_MASK_BAD_ACCESS | EXC_MASK_BAD_INSTRUCTION | \
	    EXC_MASK_ARITHMETIC | EXC_MASK_EMULATION | EXC_MASK_SOFTWARE | \
	    EXC_MASK_BREAKPOINT | EXC_MASK_SYSCALL | EXC_MASK_MACH_SYSCALL | \
	    EXC_MASK_RPC_ALERT | EXC_MASK_RESOURCE | EXC_MASK_GUARD | \
	    EXC_MASK_MACHINE)

#define FIRST_EXCEPTION		1	/* 0 is not an exception */

/* EXC_SOFTWARE codes: 0x10000..0x1ffff are the BSD layer's */
#define EXC_SOFT_SIGNAL		0x10003	/* a Unix signal */
#define EXC_MACF_MIN		0x20000
#define EXC_MACF_MAX		0x2FFFF

/* rvmach's RISC-V codes (XNU has none for RISC-V; docs/abi.md) */
#define EXC_RISCV_UNDEFINED	1	/* EXC_BAD_INSTRUCTION: illegal instruction */
#define EXC_RISCV_BREAKPOINT	1	/* EXC_BREAKPOINT: ebreak */
#define EXC_RISCV_ALIGN		0x101	/* EXC_BAD_ACCESS: misaligned access */
#define EXC_RISCV_ACCESS	0x102	/* EXC_BAD_ACCESS: PMP/bus access fault */

typedef int				exception_type_t;
typedef integer_t			exception_data_type_t;
typedef int64_t				mach_exception_data_type_t;
typedef int				exception_behavior_t;
typedef exception_data_type_t		*exception_data_t;
typedef mach_exception_data_type_t	*mach_exception_data_t;
typedef unsigned int			exception_mask_t;
typedef exception_mask_t		*exception_mask_array_t;
typedef exception_behavior_t		*exception_behavior_array_t;
typedef thread_state_flavor_t		*exception_flavor_array_t;
typedef mach_port_t			*exception_port_array_t;
typedef mach_exception_data_type_t	mach_exception_code_t;
typedef mach_exception_data_type_t	mach_exception_subcode_t;

/*
 * rvmach's: how the *_get_exception_ports and *_swap_exception_ports
 * traps return their four arrays (<mach/syscall_sw.h>).  count goes in
 * as the room the caller has (entries beyond EXC_TYPES_COUNT are never
 * needed) and comes back as the entries filled; ports are send rights
 * (or MACH_PORT_NULL / MACH_PORT_DEAD) now in the caller's space.  The
 * libmach wrappers take XNU's arguments and fill them from this.
 */
struct rvmach_exception_ports {
	unsigned int		count;
	exception_mask_t	masks[EXC_TYPES_COUNT];
	mach_port_t		ports[EXC_TYPES_COUNT];
	exception_behavior_t	behaviors[EXC_TYPES_COUNT];
	thread_state_flavor_t	flavors[EXC_TYPES_COUNT];
};

#endif /* _MACH_EXCEPTION_TYPES_H_ */
