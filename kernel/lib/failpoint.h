/*
 * kernel/lib/failpoint.h - make a named allocation fail, for tests of
 * error paths that no test can reach otherwise (bring-up out of memory).
 *
 * Boot argument failpoint=NAME@CPU[,NAME@CPU...]; CPU is the dense cpu
 * index (cpus[]), not the hart id.  Names in use:
 *	cpu_stacks	machine_cpu_start: no memory for a secondary's stacks
 *	idle_thread	sched_prepare_idle: no memory for its idle thread
 */
#ifndef KERNEL_LIB_FAILPOINT_H
#define KERNEL_LIB_FAILPOINT_H

#include "kernel/lib/types.h"

/* failpoint - does the command line ask `name` to fail on cpu cpu_id? */
bool failpoint(const char *name, uint32_t cpu_id);

#endif /* KERNEL_LIB_FAILPOINT_H */
