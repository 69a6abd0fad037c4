/*
 * test/ktest/sched_util.c - helpers the thread, scheduler, wait and mutex
 * suites share.  Every wait is bounded, so a lost wake-up fails a test
 * instead of hanging the boot.
 */
#include "kernel/cpu.h"
#include "test/ktest/sched_util.h"

void
kt_flag_set(volatile uint32_t *flag)
{
	__atomic_store_n(flag, 1, __ATOMIC_RELEASE);
	thread_wakeup((event_t)(uintptr_t)flag);
}

/*
 * flag_wait - block until *flag is set (flag_set).  The deadline only rescues
 * a helper from a lost wake-up (wait.* tests those); it decides no result.
 */
void
kt_flag_wait(volatile uint32_t *flag)
{
	while (!__atomic_load_n(flag, __ATOMIC_ACQUIRE)) {
		assert_wait_deadline((event_t)(uintptr_t)flag, THREAD_UNINT,
		    nanotime() + 50 * NSEC_PER_MSEC);
		if (__atomic_load_n(flag, __ATOMIC_ACQUIRE))
			thread_wakeup((event_t)(uintptr_t)flag);
		thread_block();
	}
}

/* poll (sleeping) until t is blocked in a wait: TH_WAIT without TH_RUN */
bool
kt_wait_blocked(thread_t t)
{
	uint64_t end = nanotime() + LIMIT_NS;

	while ((thread_state(t) & (TH_WAIT | TH_RUN)) != TH_WAIT) {
		if (nanotime() > end)
			return false;
		thread_sleep_ns(POLL_NS);
	}
	return true;
}

/* the online hart after cur (cur itself if it is the only one) */
int
kt_next_cpu(int cur)
{
	for (uint32_t i = 1; i <= ncpus; i++) {
		uint32_t c = ((uint32_t)cur + i) % ncpus;

		if (cpus[c].online)
			return (int)c;
	}
	return cur;
}

/* kt_join - join *t if set, drop the reference, clear it */
void
kt_join(thread_t *t)
{
	if (*t == THREAD_NULL)
		return;
	thread_join(*t);
	thread_deallocate(*t);
	*t = THREAD_NULL;
}
