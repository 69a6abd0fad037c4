/*
 * <machine/clock.h> - the hart's timer, in timebase ticks (cpu_time()),
 * and the machine's real-time clock if it has one.
 */
#ifndef MACHINE_CLOCK_H
#define MACHINE_CLOCK_H

#include "kernel/lib/types.h"

uint64_t machine_timebase_hz(void);
void machine_timer_set(uint64_t deadline_ticks);	/* this hart */
/* the real-time clock in ns since the epoch (UTC); false: the machine has none */
bool machine_rtc_read(uint64_t *ns);

#endif /* MACHINE_CLOCK_H */
