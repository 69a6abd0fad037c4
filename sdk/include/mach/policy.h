/*
 * <mach/policy.h> - scheduling policies, as thread_info and task_info
 * name them (XNU's values).  rvmach schedules every user thread
 * POLICY_TIMESHARE (docs/scheduler.md).
 */
#ifndef _MACH_POLICY_H_
#define _MACH_POLICY_H_

#include <mach/riscv/vm_types.h>

typedef int		policy_t;
typedef integer_t	*policy_info_t;
typedef integer_t	*policy_base_t;
typedef integer_t	*policy_limit_t;

#define POLICY_NULL		0	/* none */
#define POLICY_TIMESHARE	1	/* time-sharing */
#define POLICY_RR		2	/* fixed priority, round robin */
#define POLICY_FIFO		4	/* fixed priority, first in first out */

#endif /* _MACH_POLICY_H_ */
