/*
 * <mach/clock.h> - calls on a clock port (XNU's clock.defs prototypes;
 * the ones rvmach has).  The port comes from host_get_clock_service
 * (<mach/mach_host.h>); a name that is not a send right to a clock is
 * MACH_SEND_INVALID_DEST.  The system clock counts from boot, the
 * calendar from 1970 where the machine has a real-time clock (docs/abi.md).
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

/*
 * clock_sleep - sleep on the system clock (clock_name MACH_PORT_NULL or
 * its port) until it reads sleep_time (TIME_ABSOLUTE) or for sleep_time
 * (TIME_RELATIVE); *wakeup_time (if not NULL) gets the clock's time at
 * the wake-up.  KERN_ABORTED if thread_abort ended the sleep early;
 * KERN_FAILURE for the calendar clock; KERN_INVALID_VALUE for a bad
 * type or tv_nsec.  (XNU declares it in libsyscall; one trap here.)
 */
kern_return_t	clock_sleep(mach_port_t clock_name, sleep_type_t sleep_type,
		    mach_timespec_t sleep_time, mach_timespec_t *wakeup_time);

/*
 * clock_alarm - a clock_alarm_reply message (<mach/clock_reply.h>) to a
 * send-once right made from alarm_port (a receive right) when the system
 * clock reads alarm_time (TIME_ABSOLUTE) or after it (TIME_RELATIVE).  A
 * time already past, a bad type or a bad tv_nsec is replied to at once
 * (alarm_code KERN_SUCCESS, or KERN_INVALID_VALUE) and the call still
 * succeeds, as XNU.  KERN_FAILURE for the calendar clock,
 * KERN_INVALID_CAPABILITY for MACH_PORT_NULL, MACH_SEND_INVALID_RIGHT for
 * a name that is not a receive right, KERN_RESOURCE_SHORTAGE.
 */
kern_return_t	clock_alarm(clock_serv_t clock_serv, alarm_type_t alarm_type,
		    mach_timespec_t alarm_time, clock_reply_t alarm_port);

#endif /* _MACH_CLOCK_H_ */
