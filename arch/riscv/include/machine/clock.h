/*
 * <machine/clock.h> - the hart's timer, in timebase ticks (cpu_time()).
 */
#ifndef MACHINE_CLOCK_H
#define MACHINE_CLOCK_H

#include "kernel/lib/types.h"

uint64_t machine_timebase_hz(void);
void machine_timer_set(uint64_t deadline_ticks);	/* this hart */

#endif /* MACHINE_CLOCK_H */
