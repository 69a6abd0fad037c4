/*
 * kernel/startup.c - run the STARTUP() table.
 */
#include "kernel/startup.h"

extern const struct startup_entry __startup_start[], __startup_end[];

void
startup_run(void)
{
	for (const struct startup_entry *e = __startup_start; e < __startup_end; e++)
		e->fn();
}
