/*
 * test/host/include/kernel/cpu.h - host stand-in for kernel/cpu.h.
 *
 * Host tests play harts with threads: each thread says which hart it is
 * with host_cpu_set(), and cpu_number() returns it (0 until set).  There
 * are no interrupts on the host, so disabling them does nothing.
 */
#ifndef KERNEL_CPU_H
#define KERNEL_CPU_H

#include "kernel/lib/types.h"
#include <sched.h>

#define MAX_CPUS	64

/* one definition shared by every object file (weak, merged by the linker) */
__attribute__((weak)) _Thread_local uint32_t host_cpu_id;

static inline void
host_cpu_set(uint32_t id)
{
	host_cpu_id = id;
}

static inline uint32_t
cpu_number(void)
{
	return host_cpu_id;
}

static inline void intr_push(void) { }
static inline void intr_pop(void) { }

static inline uint64_t
intr_disable(void)
{
	return 0;
}

static inline void
intr_restore(uint64_t s)
{
	(void)s;
}

/* a waiting thread lets the one it waits for run */
static inline void
cpu_relax(void)
{
	sched_yield();
}

#endif /* KERNEL_CPU_H */
