/*
 * <mach/mach_time.h> - the timebase (user ABI).
 *
 * Absolute time counts ticks of the platform timer (the DTB's
 * timebase-frequency); ticks * numer / denom is nanoseconds.
 * Freestanding: the kernel fills this struct in.
 */
#ifndef _MACH_MACH_TIME_H_
#define _MACH_MACH_TIME_H_

#include <stdint.h>

struct mach_timebase_info {
	uint32_t	numer;
	uint32_t	denom;
};

typedef struct mach_timebase_info	*mach_timebase_info_t;
typedef struct mach_timebase_info	mach_timebase_info_data_t;

/* absolute time now, in timebase ticks (libmach: the time CSR, no trap) */
uint64_t	mach_absolute_time(void);
/*
 * the same clock under XNU's other names: rvmach never sleeps, so the
 * continuous time (which counts sleep) is the absolute time, and the
 * approximate forms read it exactly
 */
uint64_t	mach_approximate_time(void);
uint64_t	mach_continuous_time(void);
uint64_t	mach_continuous_approximate_time(void);

#endif /* _MACH_MACH_TIME_H_ */
