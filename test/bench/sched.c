/*
 * test/bench/sched.c - scheduler benchmarks: handoff, wake-up, thread life.
 *
 * These benchmarks block, so they cannot bracket their loops with
 * kbench_start/kbench_stop (interrupts are off in between, and a thread
 * switch with interrupts off would carry that state to the next thread).
 * They read cpu_instret() themselves around the loop and set
 * b->instructions, which the runner then uses as-is.  rdinstret counts the
 * instructions retired on this hart only, so both sides of each exchange are
 * bound to the bench's hart: everything they do (both threads, the
 * scheduler, the switches) retires here.  The bench boot has nothing else
 * runnable, so nothing else runs on the hart meanwhile, apart from the
 * periodic clock tick (one interrupt per 10 ms of virtual time, i.e. per
 * 10M instructions under -icount shift=0: noise below 0.1%).  Spinning on
 * another hart never progresses under -icount, hence nothing here spins.
 */
#include "kernel/cpu.h"
#include "kernel/ktest/kbench.h"
#include "kernel/lib/printf.h"
#include "kernel/sched/sched.h"
#include "kernel/sched/timer.h"

/* poll (sleeping) until t is blocked in a wait */
static void
wait_blocked(thread_t t)
{
	while ((thread_state(t) & (TH_WAIT | TH_RUN)) != TH_WAIT)
		thread_sleep_ns(100 * NSEC_PER_USEC);
}

struct pair {
	uint64_t	ev_a, ev_b;		/* their addresses are the events */
	thread_t	a;
	int		cpu;
	bool		anon;			/* waits on no event */
	volatile uint32_t stop;
};

/* the wait before each handoff: on an event, or on none (thread_will_wait) */
static inline void
pair_wait(struct pair *p, uint64_t *ev)
{
	if (p->anon)
		thread_will_wait(THREAD_UNINT);
	else
		assert_wait(ev, THREAD_UNINT);
}

/* B for the handoff benchmarks: every time A hands off to it, hand back */
static void
handoff_b(void *arg)
{
	struct pair *p = arg;

	thread_bind(current_thread(), p->cpu);
	pair_wait(p, &p->ev_b);
	thread_block();				/* the first handoff lands here */
	while (!p->stop) {
		pair_wait(p, &p->ev_b);
		thread_handoff(p->a);
	}
}

/*
 * One op: A waits and thread_handoff()s to waiting B, which runs at once
 * on this hart, waits itself and hands back to A (A -> B -> A: two waits,
 * two handoffs, two switches).
 */
static void
handoff_roundtrip(struct kbench_ctx *b, bool anon)
{
	static struct pair p;
	thread_t me = current_thread(), t;
	uint64_t start;

	p = (struct pair){ .a = me, .cpu = (int)cpu_number(), .anon = anon };
	thread_bind(me, p.cpu);
	if (kernel_thread_start(handoff_b, &p, &t) != KERN_SUCCESS) {
		b->iterations = 0;
		return;
	}
	wait_blocked(t);
	start = cpu_instret();
	for (uint64_t i = 0; i < b->iterations; i++) {
		pair_wait(&p, &p.ev_a);
		thread_handoff(t);
	}
	b->instructions = cpu_instret() - start;
	p.stop = 1;
	clear_wait(t, THREAD_AWAKENED);
	thread_join(t);
	thread_deallocate(t);
	thread_bind(me, -1);
}

/*
 * The handoff as IPC uses it: each side waits on no event
 * (thread_will_wait), as a receiver queued on its port does, so the
 * handoff finds it by name.
 */
KBENCH(sched, handoff_roundtrip)
{
	handoff_roundtrip(b, true);
}

/* the same, each side waiting on an event (assert_wait: a hashed bucket) */
KBENCH(sched, handoff_event_roundtrip)
{
	handoff_roundtrip(b, false);
}

/* B for wakeup: woken by A, wake A and wait again */
static void
wakeup_b(void *arg)
{
	struct pair *p = arg;

	thread_bind(current_thread(), p->cpu);
	assert_wait(&p->ev_b, THREAD_UNINT);
	for (;;) {
		thread_block();
		if (p->stop)
			break;
		assert_wait(&p->ev_b, THREAD_UNINT);
		thread_wakeup(&p->ev_a);
	}
}

/*
 * One op: thread_wakeup() of a thread blocked on an event (same hart, same
 * priority, so it is queued, not switched to at once), then the waker's
 * assert_wait + thread_block, which switches to the woken thread through
 * the run queue.  A loop iteration is A -> B -> A, two ops.
 */
KBENCH(sched, wakeup)
{
	static struct pair p;
	thread_t me = current_thread(), t;
	uint64_t start, rounds = b->iterations / 2;

	p = (struct pair){ .a = me, .cpu = (int)cpu_number() };
	thread_bind(me, p.cpu);
	if (kernel_thread_start(wakeup_b, &p, &t) != KERN_SUCCESS) {
		b->iterations = 0;
		return;
	}
	wait_blocked(t);
	start = cpu_instret();
	for (uint64_t i = 0; i < rounds; i++) {
		assert_wait(&p.ev_a, THREAD_UNINT);
		thread_wakeup(&p.ev_b);
		thread_block();
	}
	b->instructions = cpu_instret() - start;
	b->iterations = 2 * rounds;
	p.stop = 1;
	thread_wakeup(&p.ev_b);
	thread_join(t);
	thread_deallocate(t);
	thread_bind(me, -1);
}

static void
nop(void *arg __unused)
{
}

/*
 * One op: kernel_thread_start + thread_join + thread_deallocate of a
 * thread that returns at once.  Counted on this hart only: with another
 * hart idle the scheduler may start the new thread there (it prefers idle
 * harts), and then its run, its exit and the reaper's work are not in the
 * figure.  How many ran here is printed; with all of them here the figure
 * is the whole life of a thread, reaping included (the reaper runs before
 * the next creation or is counted in a later one).
 */
KBENCH_ITERS(sched, thread_create_terminate, 1000)
{
	thread_t me = current_thread(), t;
	uint64_t start, here = 0;
	int cpu = (int)cpu_number();

	thread_bind(me, cpu);
	start = cpu_instret();
	for (uint64_t i = 0; i < b->iterations; i++) {
		if (kernel_thread_start(nop, NULL, &t) != KERN_SUCCESS) {
			b->iterations = i;
			break;
		}
		thread_join(t);
		here += thread_last_cpu(t) == cpu;
		thread_deallocate(t);
	}
	b->instructions = cpu_instret() - start;
	printf("# bench: sched.thread_create_terminate: %lu of %lu threads ran "
	    "on the bench's hart\n", (unsigned long)here,
	    (unsigned long)b->iterations);
	thread_bind(me, -1);
}
