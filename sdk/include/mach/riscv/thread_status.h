/*
 * <mach/riscv/thread_status.h> - thread state flavors for RISC-V (RV64).
 *
 * XNU has no RISC-V flavors; these are rvmach's (docs/abi.md), shaped like
 * XNU's ARM ones: a flavor number, a struct, and its size in natural_t
 * units for thread_get_state/thread_set_state.
 */
#ifndef _MACH_RISCV_THREAD_STATUS_H_
#define _MACH_RISCV_THREAD_STATUS_H_

#include <stdint.h>

typedef int thread_state_flavor_t;
typedef unsigned int *thread_state_t;

#define RISCV_THREAD_STATE	1	/* pc and x1..x31 */
#define RISCV_FLOAT_STATE	2	/* f0..f31 and fcsr */
#define THREAD_STATE_NONE	0

struct riscv_thread_state {
	uint64_t pc;
	uint64_t x[31];			/* x[0] is x1 (ra) ... x[30] is x31 (t6) */
};
typedef struct riscv_thread_state riscv_thread_state_t;

struct riscv_float_state {
	uint64_t f[32];
	uint32_t fcsr;
	uint32_t _pad;
};
typedef struct riscv_float_state riscv_float_state_t;

#define RISCV_THREAD_STATE_COUNT \
	((unsigned int)(sizeof(riscv_thread_state_t) / sizeof(unsigned int)))
#define RISCV_FLOAT_STATE_COUNT \
	((unsigned int)(sizeof(riscv_float_state_t) / sizeof(unsigned int)))
/* the largest flavor's count: room for any state (thread_state_data_t) */
#define THREAD_STATE_MAX	RISCV_FLOAT_STATE_COUNT

/* the flavors thread_get_state, thread_set_state and exception ports take */
#define VALID_THREAD_STATE_FLAVOR(x) \
	((x) == RISCV_THREAD_STATE || (x) == RISCV_FLOAT_STATE || \
	    (x) == THREAD_STATE_NONE)

#endif /* _MACH_RISCV_THREAD_STATUS_H_ */
