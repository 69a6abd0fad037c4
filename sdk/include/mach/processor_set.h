/*
 * <mach/processor_set.h> - calls on a processor set's ports (XNU's
 * processor_set.defs prototypes; the ones rvmach has).  The name port
 * (processor_set_default) answers info and statistics, the control port
 * (host_processor_set_priv) also the tasks and threads; another name is
 * KERN_INVALID_ARGUMENT (a name that is no processor set's port, or the
 * name port where the control port is needed).
 */
#ifndef _MACH_PROCESSOR_SET_H_
#define _MACH_PROCESSOR_SET_H_

#include <mach/kern_return.h>
#include <mach/mach_types.h>
#include <mach/message.h>
#include <mach/processor_info.h>

/* PROCESSOR_SET_BASIC_INFO; *host a send right to the host port */
kern_return_t	processor_set_info(processor_set_name_t set_name, int flavor,
		    host_t *host, processor_set_info_t info_out,
		    mach_msg_type_number_t *info_outCnt);
/* PROCESSOR_SET_LOAD_INFO */
kern_return_t	processor_set_statistics(processor_set_name_t pset,
		    processor_set_flavor_t flavor, processor_set_info_t info_out,
		    mach_msg_type_number_t *info_outCnt);
/*
 * send rights to every task alive but the kernel's (control ports), or to
 * every one of their threads, in memory the caller deallocates as
 * task_threads'
 */
kern_return_t	processor_set_tasks(processor_set_t processor_set,
		    task_array_t *task_list, mach_msg_type_number_t *task_listCnt);
kern_return_t	processor_set_threads(processor_set_t processor_set,
		    thread_act_array_t *thread_list,
		    mach_msg_type_number_t *thread_listCnt);

#endif /* _MACH_PROCESSOR_SET_H_ */
