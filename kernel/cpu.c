/*
 * kernel/cpu.c - per-hart data and nestable interrupt disabling.
 */
#include "kernel/cpu.h"
#include "kernel/ipi.h"
#include "kernel/panic.h"

struct cpu cpus[MAX_CPUS];
uint32_t ncpus = 1;

void
intr_push(void)
{
	uint64_t s = intr_disable();
	struct cpu *c = cpu_current();

	if (c->intr_depth++ == 0)
		c->intr_saved = s;
}

void
intr_pop(void)
{
	struct cpu *c = cpu_current();

	KASSERT_DEBUG(!intr_enabled());
	KASSERT_DEBUG(c->intr_depth >= 1);
	if (--c->intr_depth == 0)
		intr_restore(c->intr_saved);
}

struct cpu *
cpu_by_hartid(uint32_t hartid)
{
	for (uint32_t i = 0; i < ncpus; i++) {
		if (cpus[i].hartid == hartid)
			return &cpus[i];
	}
	return NULL;
}

uint32_t
cpus_online(void)
{
	uint32_t n = 0;

	for (uint32_t i = 0; i < ncpus; i++)
		n += __atomic_load_n(&cpus[i].online, __ATOMIC_ACQUIRE);
	return n;
}

int
cpu_dispatch(uint32_t cpu, void (*fn)(void *), void *arg)
{
	struct cpu *c = &cpus[cpu];
	void (*none)(void *) = NULL;

	if (cpu >= ncpus || !__atomic_load_n(&c->online, __ATOMIC_ACQUIRE))
		return -1;
	if (__atomic_load_n(&c->idle_fn, __ATOMIC_ACQUIRE) != NULL)
		return -1;
	c->idle_arg = arg;
	if (!__atomic_compare_exchange_n(&c->idle_fn, &none, fn, false,
	    __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
		return -1;
	ipi_send(cpu, IPI_NOP);
	return 0;
}

bool
cpu_dispatch_busy(uint32_t cpu)
{
	return __atomic_load_n(&cpus[cpu].idle_fn, __ATOMIC_ACQUIRE) != NULL;
}

/*
 * The check and the wfi happen with interrupts off, so a wake-up IPI that
 * arrives in between still ends the wfi (it only needs sie, not SIE).
 */
void
cpu_idle_loop(void)
{
	struct cpu *c = cpu_current();

	for (;;) {
		void (*fn)(void *);

		intr_disable();
		fn = __atomic_load_n(&c->idle_fn, __ATOMIC_ACQUIRE);
		if (fn == NULL)
			cpu_wait_for_interrupt();
		intr_enable();
		if (fn != NULL) {
			fn(c->idle_arg);
			__atomic_store_n(&c->idle_fn, NULL, __ATOMIC_RELEASE);
		}
	}
}
