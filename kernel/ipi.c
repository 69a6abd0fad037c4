/*
 * kernel/ipi.c - IPI kinds and synchronous cross-calls.
 */
#include <machine/machine.h>
#include "kernel/cpu.h"
#include "kernel/ipi.h"
#include "kernel/panic.h"
#include "kernel/sync/spinlock.h"

/*
 * Locks:
 *	x	xcall_queue.lock
 *	a	atomic
 */
struct xcall_req {
	struct xcall_req *next;		/* [x] */
	void	(*fn)(void *);		/* [c] */
	void	*arg;			/* [c] */
	volatile bool done;		/* [a] set by the target */
};

struct xcall_queue {
	struct spinlock lock;
	struct xcall_req *head;		/* [x] */
} __aligned(64);

static struct xcall_queue xcall_queues[MAX_CPUS];

void
ipi_send(uint32_t cpu, uint64_t kind)
{
	__atomic_fetch_or(&cpus[cpu].ipi_pending, kind, __ATOMIC_RELEASE);
	machine_ipi_send(cpu);
}

static void
xcall_run_queue(struct xcall_queue *q)
{
	struct xcall_req *r;

	for (;;) {
		spin_lock(&q->lock);
		r = q->head;
		if (r != NULL)
			q->head = r->next;
		spin_unlock(&q->lock);
		if (r == NULL)
			return;
		r->fn(r->arg);
		__atomic_store_n(&r->done, true, __ATOMIC_RELEASE);
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

int
xcall(uint32_t cpu, void (*fn)(void *), void *arg)
{
	struct xcall_req req = { .fn = fn, .arg = arg, .done = false };
	struct xcall_queue *q;

	if (cpu >= ncpus || !__atomic_load_n(&cpus[cpu].online, __ATOMIC_ACQUIRE))
		return -1;
	if (cpu == cpu_number()) {
		fn(arg);
		return 0;
	}
	KASSERT(intr_enabled());
	q = &xcall_queues[cpu];
	spin_lock(&q->lock);
	req.next = q->head;
	q->head = &req;
	spin_unlock(&q->lock);
	ipi_send(cpu, IPI_XCALL);
	while (!__atomic_load_n(&req.done, __ATOMIC_ACQUIRE))
		cpu_relax();
	return 0;
}

void
xcall_others(void (*fn)(void *), void *arg)
{
	for (uint32_t i = 0; i < ncpus; i++) {
		if (i != cpu_number())
			xcall(i, fn, arg);
	}
}

void
ipi_init(void)
{
	for (int i = 0; i < MAX_CPUS; i++)
		spinlock_init_ranked(&xcall_queues[i].lock, "xcall_queue",
		    LOCK_RANK_XCALL);
}
