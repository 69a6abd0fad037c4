/*
 * kernel/cpu.c - per-hart data and nestable interrupt disabling.
 */
#include "kernel/cpu.h"
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

