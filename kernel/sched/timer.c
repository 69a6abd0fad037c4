/*
 * kernel/sched/timer.c - nanotime() and the per-hart timer queues.
 */
#include <machine/clock.h>
#include "kernel/cpu.h"
#include "kernel/panic.h"
#include "kernel/sched/timer.h"
#include "kernel/sync/spinlock.h"

/*
 * Locks:
 *	q	timer_queue.lock
 *	c	constant after timer_init()
 */
struct timer_queue {
	struct spinlock lock;
	struct timer_call *head;	/* [q] sorted by deadline */
	uint64_t programmed;		/* [q] deadline in the hardware, ns */
	uint64_t interrupts;		/* [q] */
} __aligned(64);

static struct timer_queue timer_queues[MAX_CPUS];
static uint64_t ns_mult;		/* [c] ns = ticks * ns_mult >> 32 */
static uint64_t tick_mult;		/* [c] ticks = ns * tick_mult >> 32 */

uint64_t
ticks_to_ns(uint64_t ticks)
{
	return (uint64_t)(((unsigned __int128)ticks * ns_mult) >> 32);
}

uint64_t
ns_to_ticks(uint64_t ns)
{
	return (uint64_t)(((unsigned __int128)ns * tick_mult) >> 32);
}

uint64_t
nanotime(void)
{
	return ticks_to_ns(cpu_time());
}

void
timer_init(void)
{
	uint64_t hz = machine_timebase_hz();

	KASSERT(hz != 0);
	ns_mult = (NSEC_PER_SEC << 32) / hz;
	/* rounded up: a deadline converted to ticks is never early */
	tick_mult = ((hz << 32) + NSEC_PER_SEC - 1) / NSEC_PER_SEC;
	for (int i = 0; i < MAX_CPUS; i++)
		spinlock_init_ranked(&timer_queues[i].lock, "timer_queue",
		    LOCK_RANK_TIMER_QUEUE);
}

static void timer_reprogram_locked(struct timer_queue *q);

void
timer_init_hart(void)
{
	struct timer_queue *q = &timer_queues[cpu_number()];

	/*
	 * the hardware for what is queued already: the boot hart's tick is
	 * armed before the hart goes online, and writing "never" here used to
	 * lose it until some other timer happened to reprogram the hart
	 */
	spin_lock(&q->lock);
	q->programmed = 0;
	timer_reprogram_locked(q);
	spin_unlock(&q->lock);
}

/* program the hardware for the queue head; q locked */
static void
timer_reprogram_locked(struct timer_queue *q)
{
	uint64_t d = q->head != NULL ? q->head->deadline : UINT64_MAX;

	if (d == q->programmed)
		return;
	q->programmed = d;
	/* +1 tick so the interrupt never comes before the deadline in ns */
	machine_timer_set(d == UINT64_MAX ? UINT64_MAX : ns_to_ticks(d) + 1);
}

void
timer_call_setup(struct timer_call *tc, void (*fn)(struct timer_call *, void *),
    void *arg)
{
	tc->next = NULL;
	tc->deadline = 0;
	tc->fn = fn;
	tc->arg = arg;
	tc->cpu = -1;
}

static void
timer_queue_remove_locked(struct timer_queue *q, struct timer_call *tc)
{
	struct timer_call **pp;

	for (pp = &q->head; *pp != NULL; pp = &(*pp)->next) {
		if (*pp == tc) {
			*pp = tc->next;
			break;
		}
	}
	tc->next = NULL;
	tc->cpu = -1;
}

void
timer_call_enter(struct timer_call *tc, uint64_t deadline)
{
	struct timer_queue *q;
	struct timer_call **pp;

	timer_call_cancel(tc);
	intr_push();
	q = &timer_queues[cpu_number()];
	spin_lock(&q->lock);
	tc->deadline = deadline;
	tc->cpu = (int32_t)cpu_number();
	for (pp = &q->head; *pp != NULL && (*pp)->deadline <= deadline;
	    pp = &(*pp)->next)
		;
	tc->next = *pp;
	*pp = tc;
	timer_reprogram_locked(q);
	spin_unlock(&q->lock);
	intr_pop();
}

bool
timer_call_cancel(struct timer_call *tc)
{
	int32_t cpu = __atomic_load_n(&tc->cpu, __ATOMIC_ACQUIRE);
	struct timer_queue *q;
	bool was = false;

	if (cpu < 0)
		return false;
	q = &timer_queues[cpu];
	spin_lock(&q->lock);
	if (tc->cpu == cpu) {
		timer_queue_remove_locked(q, tc);
		was = true;
	}
	spin_unlock(&q->lock);
	return was;
}

void
timer_interrupt(void)
{
	struct timer_queue *q = &timer_queues[cpu_number()];
	struct timer_call *tc;
	uint64_t now;

	spin_lock(&q->lock);
	q->interrupts++;
	q->programmed = 0;		/* expired: the next reprogram must write */
	for (;;) {
		now = nanotime();
		tc = q->head;
		if (tc == NULL || tc->deadline > now)
			break;
		timer_queue_remove_locked(q, tc);
		spin_unlock(&q->lock);
		tc->fn(tc, tc->arg);
		spin_lock(&q->lock);
	}
	timer_reprogram_locked(q);
	spin_unlock(&q->lock);
}

uint64_t
timer_interrupts(uint32_t cpu)
{
	return __atomic_load_n(&timer_queues[cpu].interrupts, __ATOMIC_RELAXED);
}

void
delay_ns(uint64_t ns)
{
	uint64_t end = nanotime() + ns;

	while (nanotime() < end)
		cpu_relax();
}

void
timebase_fraction(uint32_t *numer, uint32_t *denom)
{
	uint64_t a = NSEC_PER_SEC, b = machine_timebase_hz(), g;

	for (uint64_t x = a, y = b; ; ) {	/* gcd */
		if (y == 0) {
			g = x;
			break;
		}
		uint64_t r = x % y;
		x = y;
		y = r;
	}
	*numer = (uint32_t)(a / g);
	*denom = (uint32_t)(b / g);
}
