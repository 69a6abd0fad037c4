/*
 * <mach/clock_types.h> - Mach clock and time-value types (XNU's: the
 * part semaphores, timeouts and the clock services need).
 */
#ifndef _MACH_CLOCK_TYPES_H_
#define _MACH_CLOCK_TYPES_H_

typedef int	alarm_type_t;
typedef int	sleep_type_t;
typedef int	clock_id_t;
typedef int	clock_flavor_t;
typedef int	*clock_attr_t;
typedef int	clock_res_t;

/* seconds and nanoseconds; semaphore_timedwait's relative timeout */
struct mach_timespec {
	unsigned int	tv_sec;
	clock_res_t	tv_nsec;
};
typedef struct mach_timespec	mach_timespec_t;

/* clock_get_attributes flavors */
#define CLOCK_GET_TIME_RES	1	/* the resolution of clock_get_time, ns */
#define CLOCK_ALARM_CURRES	3	/* the alarms' resolution: now, */
#define CLOCK_ALARM_MINRES	4	/* at best, */
#define CLOCK_ALARM_MAXRES	5	/* and at worst */

/* clock_sleep's sleep_type */
#define TIME_ABSOLUTE	0x00	/* until the clock reads the time given */
#define TIME_RELATIVE	0x01	/* for the time given */

#define BAD_MACH_TIMESPEC(t)	\
	((t)->tv_nsec < 0 || (unsigned long long)(t)->tv_nsec >= NSEC_PER_SEC)

#define SYSTEM_CLOCK	0
#define CALENDAR_CLOCK	1
#define REALTIME_CLOCK	0

#define NSEC_PER_USEC	1000ull
#define USEC_PER_SEC	1000000ull
#define NSEC_PER_SEC	1000000000ull
#define NSEC_PER_MSEC	1000000ull

#endif /* _MACH_CLOCK_TYPES_H_ */
