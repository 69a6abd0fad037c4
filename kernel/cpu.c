/*
 * kernel/cpu.c - per-hart data and nestable interrupt disabling.
 */
#include "kernel/cpu.h"
#include "kernel/panic.h"

struct cpu cpus[MAX_CPUS];
uint32_t ncpus = 1;

void
intr_pop_check_failed(void)
{
	panic("intr_pop: interrupts on inside intr_push, or unbalanced (depth %d)",
	    cpu_current()->intr_depth);
}

uint32_t
cpus_online(void)
{
	uint32_t n = 0;

	for (uint32_t i = 0; i < ncpus; i++)
		n += __atomic_load_n(&cpus[i].online, __ATOMIC_ACQUIRE);
	return n;
}

