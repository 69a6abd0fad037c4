/*
 * <mach/mach_types.h> - user-side names for kernel objects: each is a
 * port name in the task's IPC space (XNU's user definitions).  The
 * kernel includes this too and sees the same names; its own objects
 * (struct task, struct thread, ...) have other type names.
 */
#ifndef _MACH_MACH_TYPES_H_
#define _MACH_MACH_TYPES_H_

#include <mach/exception_types.h>
#include <mach/host_info.h>
#include <mach/machine.h>
#include <mach/message.h>
#include <mach/port.h>
#include <mach/task_info.h>
#include <mach/task_special_ports.h>
#include <mach/thread_info.h>
#include <mach/thread_status.h>
#include <mach/time_value.h>
#include <mach/vm_inherit.h>
#include <mach/vm_prot.h>
#include <mach/vm_region.h>
#include <mach/vm_types.h>

typedef mach_port_t	task_t;
typedef mach_port_t	task_name_t;
typedef mach_port_t	task_inspect_t;
typedef mach_port_t	task_read_t;
typedef mach_port_t	task_policy_set_t;	/* task_policy_set's task */
typedef mach_port_t	task_policy_get_t;
typedef mach_port_t	task_suspension_token_t;
typedef mach_port_t	thread_t;
typedef mach_port_t	thread_act_t;
typedef mach_port_t	thread_inspect_t;
typedef mach_port_t	thread_read_t;
typedef mach_port_t	ipc_space_t;
typedef mach_port_t	ipc_space_read_t;
typedef mach_port_t	ipc_space_inspect_t;
typedef mach_port_t	host_t;
typedef mach_port_t	host_priv_t;
typedef mach_port_t	processor_t;
typedef mach_port_t	processor_set_t;
typedef mach_port_t	processor_set_name_t;	/* a processor set's name port */
typedef mach_port_t	processor_set_control_t;
typedef mach_port_t	semaphore_t;
typedef mach_port_t	clock_serv_t;
typedef mach_port_t	clock_reply_t;	/* clock_alarm's: a receive right made send-once */
typedef mach_port_t	clock_ctrl_t;
typedef mach_port_t	vm_map_t;
typedef mach_port_t	vm_map_read_t;
typedef mach_port_t	vm_map_inspect_t;
typedef mach_port_t	ledger_t;

typedef mach_port_t	bootstrap_t;
typedef mach_port_t	exception_handler_t;
typedef exception_handler_t *exception_handler_array_t;

typedef task_t		*task_array_t;
typedef ledger_t	*ledger_array_t;
typedef thread_t	*thread_array_t;
typedef thread_act_t	*thread_act_array_t;
typedef processor_set_t	*processor_set_array_t;
typedef processor_set_name_t *processor_set_name_array_t;

/* the older names with "port" in them */
typedef task_t		task_port_t;
typedef thread_t	thread_port_t;
typedef thread_act_t	thread_act_port_t;
typedef ipc_space_t	ipc_space_port_t;
typedef host_t		host_name_t;
typedef host_t		host_name_port_t;
typedef semaphore_t	semaphore_port_t;
typedef exception_handler_t exception_port_t;
typedef exception_handler_array_t exception_port_arrary_t;	/* sic, XNU's */

#define TASK_NULL		((task_t)0)
#define TASK_NAME_NULL		((task_name_t)0)
#define TASK_INSPECT_NULL	((task_inspect_t)0)
#define TASK_READ_NULL		((task_read_t)0)
#define THREAD_NULL		((thread_t)0)
#define THREAD_INSPECT_NULL	((thread_inspect_t)0)
#define THREAD_READ_NULL	((thread_read_t)0)
#define THR_ACT_NULL		((thread_act_t)0)
#define IPC_SPACE_NULL		((ipc_space_t)0)
#define IPC_SPACE_READ_NULL	((ipc_space_read_t)0)
#define IPC_SPACE_INSPECT_NULL	((ipc_space_inspect_t)0)
#define HOST_NULL		((host_t)0)
#define HOST_PRIV_NULL		((host_priv_t)0)
#define PROCESSOR_NULL		((processor_t)0)
#define PROCESSOR_SET_NULL	((processor_set_t)0)
#define PROCESSOR_SET_NAME_NULL	((processor_set_name_t)0)
#define SEMAPHORE_NULL		((semaphore_t)0)
#define VM_MAP_NULL		((vm_map_t)0)
#define VM_MAP_INSPECT_NULL	((vm_map_inspect_t)0)
#define VM_MAP_READ_NULL	((vm_map_read_t)0)
#define LEDGER_NULL		((ledger_t)0)

#endif /* _MACH_MACH_TYPES_H_ */
