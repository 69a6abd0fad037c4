/*
 * kernel/ipi.c - IPI kinds and synchronous cross-calls.
 *
 * A cross-call is posted as one node per target hart, all pointing at the
 * caller's per-hart request.  The caller is pinned while its request is
 * out, so each hart has at most one request in flight and the nodes can
 * live in a static [source][target] table: nothing to allocate, nothing
 * on the stack for 64 harts.
 */
#include <machine/intr.h>
#include <machine/machine.h>
#include "kernel/cpu.h"
#include "kernel/ipi.h"
#include "kernel/panic.h"
#include "kernel/sched/sched.h"
#include "kernel/sync/spinlock.h"

/*
 * Locks:
 *	x	the target hart's xcall_queue.lock
 *	s	only the source hart, pinned, while it has no request in flight
 *	a	atomic
 */
struct xcall_req {
	void	(*fn)(void *);		/* [s] */
	void	*arg;			/* [s] */
	uint32_t pending;		/* [a] targets that have not run fn yet */
	bool	busy;			/* [s] a request is in flight */
};

struct xcall_node {
	struct xcall_node *next;	/* [x] */
	struct xcall_req *req;		/* [s] */
};

struct xcall_queue {
	struct spinlock lock;
	struct xcall_node *head;	/* [x] */
} __aligned(64);

static struct xcall_queue xcall_queues[MAX_CPUS];
static struct xcall_req xcall_reqs[MAX_CPUS];			/* by source */
static struct xcall_node xcall_nodes[MAX_CPUS][MAX_CPUS];	/* [source][target] */

void
ipi_send(uint32_t cpu, uint64_t kind)
{
	__atomic_fetch_or(&cpus[cpu].ipi_pending, kind, __ATOMIC_RELEASE);
	machine_ipi_send(cpu);
}

static void
xcall_run_queue(struct xcall_queue *q)
{
	struct xcall_node *n;

	for (;;) {
		spin_lock(&q->lock);
		n = q->head;
		if (n != NULL)
			q->head = n->next;
		spin_unlock(&q->lock);
		if (n == NULL)
			return;
		n->req->fn(n->req->arg);
		__atomic_fetch_sub(&n->req->pending, 1, __ATOMIC_RELEASE);
	}
}

void
ipi_intr(void)
{
	struct cpu *c = cpu_current();
	uint64_t kinds = __atomic_exchange_n(&c->ipi_pending, 0, __ATOMIC_ACQUIRE);

	if (kinds & IPI_STOP)
		machine_halt_hart();
	if (kinds & IPI_XCALL)
		xcall_run_queue(&xcall_queues[c->id]);
}

cpumask_t
cpus_online_mask(void)
{
	cpumask_t m = 0;

	for (uint32_t i = 0; i < ncpus; i++) {
		if (__atomic_load_n(&cpus[i].online, __ATOMIC_ACQUIRE))
			m |= CPUMASK_BIT(i);
	}
	return m;
}

/* post req to every online hart in mask but self; returns those posted */
static cpumask_t
xcall_post(uint32_t self, cpumask_t mask, struct xcall_req *req)
{
	cpumask_t posted = 0;
	uint32_t n = 0;

	mask &= ~CPUMASK_BIT(self) & cpus_online_mask();
	for (cpumask_t m = mask; m != 0; m &= m - 1)
		n++;
	__atomic_store_n(&req->pending, n, __ATOMIC_RELAXED);
	for (uint32_t i = 0; mask != 0; i++, mask >>= 1) {
		struct xcall_node *n = &xcall_nodes[self][i];
		struct xcall_queue *q = &xcall_queues[i];

		if (!(mask & 1))
			continue;
		n->req = req;
		spin_lock(&q->lock);
		n->next = q->head;
		q->head = n;
		spin_unlock(&q->lock);
		ipi_send(i, IPI_XCALL);
		posted |= CPUMASK_BIT(i);
	}
	return posted;
}

cpumask_t
xcall_mask(cpumask_t mask, void (*fn)(void *), void *arg)
{
	thread_t self_thread = current_thread();
	struct xcall_req *req;
	cpumask_t ran;
	uint32_t self;

	if (self_thread != THREAD_NULL)
		preempt_disable();
	self = cpu_number();
	if ((mask & ~CPUMASK_BIT(self) & cpus_online_mask()) == 0) {
		/* only this hart: no request to post or wait for */
		ran = 0;
		if (mask & CPUMASK_BIT(self)) {
			uint64_t s = intr_disable();

			fn(arg);
			intr_restore(s);
			ran = CPUMASK_BIT(self);
		}
		if (self_thread != THREAD_NULL)
			preempt_enable();
		return ran;
	}
	req = &xcall_reqs[self];
	KASSERT(!req->busy);
	req->busy = true;
	req->fn = fn;
	req->arg = arg;
	ran = xcall_post(self, mask, req);
	if (ran != 0)
		KASSERT(intr_enabled());
	if (mask & CPUMASK_BIT(self)) {
		uint64_t s = intr_disable();

		fn(arg);
		intr_restore(s);
		ran |= CPUMASK_BIT(self);
	}
	while (__atomic_load_n(&req->pending, __ATOMIC_ACQUIRE) != 0)
		cpu_relax();
	req->busy = false;
	if (self_thread != THREAD_NULL)
		preempt_enable();
	return ran;
}

int
xcall(uint32_t cpu, void (*fn)(void *), void *arg)
{
	if (cpu >= ncpus)
		return -1;
	return xcall_mask(CPUMASK_BIT(cpu), fn, arg) != 0 ? 0 : -1;
}

void
ipi_init(void)
{
	for (int i = 0; i < MAX_CPUS; i++)
		spinlock_init_ranked(&xcall_queues[i].lock, "xcall_queue",
		    LOCK_RANK_XCALL);
}
