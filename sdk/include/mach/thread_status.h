/*
 * <mach/thread_status.h> - thread state as thread_get_state,
 * thread_set_state and thread_create_running take it: the machine's
 * flavors (<mach/riscv/thread_status.h>) and the types around them
 * (XNU's names).
 */
#ifndef _MACH_THREAD_STATUS_H_
#define _MACH_THREAD_STATUS_H_

#include <mach/riscv/thread_status.h>
#include <mach/riscv/vm_types.h>

/* room for the largest flavor */
typedef natural_t	thread_state_data_t[THREAD_STATE_MAX];
typedef thread_state_flavor_t	*thread_state_flavor_array_t;

#endif /* _MACH_THREAD_STATUS_H_ */
