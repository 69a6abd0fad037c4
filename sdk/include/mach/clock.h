/*
 * <mach/clock.h> - calls on a clock port (XNU's clock.defs prototypes;
 * the ones rvmach has).  The port comes from host_get_clock_service
 * (<mach/mach_host.h>); a name that is not a send right to a clock is
 * MACH_SEND_INVALID_DEST.  Both clocks count from boot (docs/abi.md).
 */
#ifndef _MACH_CLOCK_H_
#define _MACH_CLOCK_H_

#include <mach/clock_types.h>
#include <mach/kern_return.h>
#include <mach/mach_types.h>
#include <mach/message.h>
#include <mach/mig_kobject.h>

kern_return_t	clock_get_time(clock_serv_t clock_serv,
		    mach_timespec_t *cur_time);
/* one clock_res_t (*clock_attrCnt must be 1): CLOCK_GET_TIME_RES and kin */
kern_return_t	clock_get_attributes(clock_serv_t clock_serv,
		    clock_flavor_t flavor, clock_attr_t clock_attr,
		    mach_msg_type_number_t *clock_attrCnt);

#endif /* _MACH_CLOCK_H_ */
