/*
 * <mach/clock_reply.h> - the message clock_alarm sends (XNU's
 * clock_reply.defs: the simpleroutine clock_alarm_reply, id 3125, in the
 * layout and with the name XNU's MIG gives its request).  Freestanding.
 */
#ifndef _MACH_CLOCK_REPLY_H_
#define _MACH_CLOCK_REPLY_H_

#include <mach/clock_types.h>
#include <mach/kern_return.h>
#include <mach/message.h>
#include <mach/ndr.h>

#define CLOCK_ALARM_REPLY_ID	3125	/* clock_reply subsystem's first */

typedef struct {
	mach_msg_header_t Head;		/* remote: the send-once right */
	NDR_record_t	NDR;
	kern_return_t	alarm_code;	/* KERN_SUCCESS, KERN_INVALID_VALUE */
	alarm_type_t	alarm_type;	/* as clock_alarm was given it */
	mach_timespec_t	alarm_time;	/* the clock when the reply was sent */
} __Request__clock_alarm_reply_t;

#endif /* _MACH_CLOCK_REPLY_H_ */
