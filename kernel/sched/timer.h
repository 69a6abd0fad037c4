/*
 * kernel/sched/timer.h - time and per-hart timer queues.
 *
 * Time is nanoseconds since boot (nanotime()).  A timer_call fires once,
 * at or after its deadline, on the hart it was armed on, in interrupt
 * context.  Each hart programs one hardware timer for its earliest deadline.
 *
 * Locks:
 *	q	the hart's timer queue lock
 */
#ifndef KERNEL_SCHED_TIMER_H
#define KERNEL_SCHED_TIMER_H

#include "kernel/lib/types.h"

struct timer_call {
	struct timer_call *next;	/* [q] queue, sorted by deadline */
	uint64_t deadline;		/* [q] ns */
	void	(*fn)(struct timer_call *tc, void *arg);	/* [q] */
	void	*arg;			/* [q] */
	int32_t	cpu;			/* [q] hart queued on, -1 if idle */
};

void timer_init(void);			/* boot hart, once */
void timer_init_hart(void);		/* every hart */
uint64_t nanotime(void);
uint64_t ns_to_ticks(uint64_t ns);
uint64_t ticks_to_ns(uint64_t ticks);
/* ns = ticks * numer / denom (mach_timebase_info) */
void timebase_fraction(uint32_t *numer, uint32_t *denom);

void timer_call_setup(struct timer_call *tc,
    void (*fn)(struct timer_call *, void *), void *arg);
/* arm tc on this hart for deadline (ns); a deadline in the past fires at once */
void timer_call_enter(struct timer_call *tc, uint64_t deadline);
/* true if tc was armed and is now cancelled (it will not fire) */
bool timer_call_cancel(struct timer_call *tc);

void timer_interrupt(void);		/* machine timer interrupt */
uint64_t timer_interrupts(uint32_t cpu);

/* delay_ns - spin for at least ns */
void delay_ns(uint64_t ns);

#define NSEC_PER_SEC	1000000000ull
#define NSEC_PER_MSEC	1000000ull
#define NSEC_PER_USEC	1000ull

#endif /* KERNEL_SCHED_TIMER_H */
