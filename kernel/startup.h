/*
 * kernel/startup.h - declarative start-up (XNU's STARTUP()).
 *
 *	STARTUP(TASKS, task_bootstrap);
 *
 * registers fn to run once on the boot hart, with threads running and
 * before the secondary harts start, in the order of the ranks below (the
 * linker sorts the table by rank).  A layer above kernel/ (task/, later
 * bsd/) hooks itself in this way instead of being called by name.
 */
#ifndef KERNEL_STARTUP_H
#define KERNEL_STARTUP_H

#include "kernel/lib/types.h"

/* ranks: two digits, so the linker's name sort is numeric */
#define STARTUP_RANK_VM		10	/* maps and objects */
#define STARTUP_RANK_IPC	15	/* zones of ports, spaces, messages */
#define STARTUP_RANK_TASKS	20	/* kernel_task, the trap table */
#define STARTUP_RANK_BSD	30	/* later */

struct startup_entry {
	const char *name;
	void	(*fn)(void);
};

#define STARTUP__NAME(rank, fn)	startup_##fn
#define STARTUP(rank, fn_)						\
	static const struct startup_entry STARTUP__NAME(rank, fn_)	\
	    __used __section("startup_set." STARTUP__STR(STARTUP_RANK_##rank)) \
	    __aligned(8) = { .name = #fn_, .fn = fn_ }
#define STARTUP__STR(x)		STARTUP__STR2(x)
#define STARTUP__STR2(x)	#x

/* run every registered start-up function in rank order */
void startup_run(void);

#endif /* KERNEL_STARTUP_H */
