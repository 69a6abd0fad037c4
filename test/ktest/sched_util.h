/*
 * test/ktest/sched_util.h - helpers shared by the scheduler ktest suites.
 */
#ifndef TEST_KTEST_SCHED_UTIL_H
#define TEST_KTEST_SCHED_UTIL_H

#include "kernel/sched/sched.h"
#include "kernel/sched/timer.h"

#define LIMIT_NS	(2 * NSEC_PER_SEC)	/* longest any helper waits */
#define POLL_NS		(100 * NSEC_PER_USEC)

/* kt_flag_set - set *flag and wake whoever waits in kt_flag_wait */
void kt_flag_set(volatile uint32_t *flag);
/* kt_flag_wait - block until *flag is set (50 ms rescue deadline per wait) */
void kt_flag_wait(volatile uint32_t *flag);
/* kt_wait_blocked - poll until t sleeps in a wait (TH_WAIT, not TH_RUN) */
bool kt_wait_blocked(thread_t t);
/* kt_next_cpu - the online hart after cur (cur if it is the only one) */
int kt_next_cpu(int cur);
/* kt_join - join *t if set, drop the reference, clear it */
void kt_join(thread_t *t);

#endif /* TEST_KTEST_SCHED_UTIL_H */
