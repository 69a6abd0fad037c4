/*
 * test/bench/semaphore.c - Mach semaphore benchmarks (kernel/sync/semaphore.h).
 *
 * Like test/bench/sched.c these block, so they read cpu_instret() around
 * their loop themselves and set b->instructions; both threads are bound
 * to the bench's hart, so everything either does retires there, and
 * nothing here spins on another hart.
 */
#include "kernel/cpu.h"
#include "kernel/ktest/kbench.h"
#include "kernel/sched/sched.h"
#include "kernel/sched/timer.h"
#include "kernel/sync/semaphore.h"

struct sema_pair {
	semaphore_t	a, b;		/* A waits on a, B on b */
	int		cpu;
	volatile uint32_t stop;
};

/* poll (sleeping) until t is blocked in a wait */
static void
sema_wait_blocked(thread_t t)
{
	while ((thread_state(t) & (TH_WAIT | TH_RUN)) != TH_WAIT)
		thread_sleep_ns(100 * NSEC_PER_USEC);
}

/* B: each time A's signal wakes it, signal A back and wait again */
static void
sema_b(void *arg)
{
	struct sema_pair *p = arg;

	thread_bind(current_thread(), p->cpu);
	semaphore_wait(p->b);			/* the first round lands here */
	while (!p->stop)
		semaphore_wait_signal(p->b, p->a);
}

/*
 * One op, a round trip: A's semaphore_wait_signal(a, b) queues A on a and
 * signals b, handing the hart to B, which was waiting on b; B's
 * semaphore_wait_signal(b, a) queues B on b and hands the hart back to A
 * (two signal+wait calls, two handoffs, two switches).
 */
KBENCH(semaphore, signal_wait_kernel)
{
	static struct sema_pair p;
	thread_t me = current_thread(), t;
	uint64_t start;

	p = (struct sema_pair){ .cpu = (int)cpu_number() };
	if (semaphore_create_internal(SYNC_POLICY_FIFO, 0, &p.a) != KERN_SUCCESS ||
	    semaphore_create_internal(SYNC_POLICY_FIFO, 0, &p.b) != KERN_SUCCESS) {
		semaphore_deallocate(p.a);
		b->iterations = 0;
		return;
	}
	thread_bind(me, p.cpu);
	if (kernel_thread_start(sema_b, &p, &t) != KERN_SUCCESS) {
		b->iterations = 0;
		goto out;
	}
	sema_wait_blocked(t);
	start = cpu_instret();
	for (uint64_t i = 0; i < b->iterations; i++)
		semaphore_wait_signal(p.a, p.b);
	b->instructions = cpu_instret() - start;
	p.stop = 1;
	semaphore_signal(p.b);
	thread_join(t);
	thread_deallocate(t);
out:
	thread_bind(me, -1);
	semaphore_deallocate(p.a);
	semaphore_deallocate(p.b);
}
