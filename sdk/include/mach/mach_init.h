/*
 * <mach/mach_init.h> - the caller's own task, thread and host names.
 *
 * mach_task_self() is the name of a send right to the caller's task port,
 * taken by one trap on first use and kept in mach_task_self_ (XNU keeps
 * it there too, set when libsystem starts, and makes mach_task_self() a
 * macro reading it; here it is a function, so a program that drops that
 * name may clear mach_task_self_ to get a new one).  mach_thread_self()
 * and mach_host_self() add a uref each call, as in XNU.
 */
#ifndef _MACH_MACH_INIT_H_
#define _MACH_MACH_INIT_H_

#include <mach/mach_types.h>

extern mach_port_t mach_task_self_;

mach_port_t	mach_task_self(void);
mach_port_t	mach_thread_self(void);
mach_port_t	mach_host_self(void);
mach_port_t	mach_reply_port(void);

/* the page size, as XNU's libsyscall sets them (<mach/vm_page_size.h>) */
#include <mach/vm_page_size.h>

#define trunc_page(x)	((x) & (~(vm_page_size - 1)))
#define round_page(x)	trunc_page((x) + (vm_page_size - 1))

#endif /* _MACH_MACH_INIT_H_ */
