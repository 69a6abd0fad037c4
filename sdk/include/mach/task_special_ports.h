/*
 * <mach/task_special_ports.h> - which special port of a task
 * task_get_special_port / task_set_special_port (<mach/task.h>) mean
 * (XNU's numbers).  These select a slot; they are not port names.
 */
#ifndef _MACH_TASK_SPECIAL_PORTS_H_
#define _MACH_TASK_SPECIAL_PORTS_H_

typedef int	task_special_port_t;

#define TASK_KERNEL_PORT		1	/* the task's own control port */
#define TASK_HOST_PORT			2	/* the host port it may use */
#define TASK_NAME_PORT			3	/* names the task, grants nothing */
#define TASK_BOOTSTRAP_PORT		4	/* its bootstrap (name) server */
#define TASK_INSPECT_PORT		5
#define TASK_READ_PORT			6
/* 7 and 8 were used once and are retired */
#define TASK_ACCESS_PORT		9
#define TASK_DEBUG_CONTROL_PORT		10
#define TASK_RESOURCE_NOTIFY_PORT	11

#define TASK_MAX_SPECIAL_PORT		TASK_RESOURCE_NOTIFY_PORT

#define task_get_kernel_port(task, port) \
	(task_get_special_port((task), TASK_KERNEL_PORT, (port)))
#define task_set_kernel_port(task, port) \
	(task_set_special_port((task), TASK_KERNEL_PORT, (port)))
#define task_get_host_port(task, port) \
	(task_get_special_port((task), TASK_HOST_PORT, (port)))
#define task_set_host_port(task, port) \
	(task_set_special_port((task), TASK_HOST_PORT, (port)))
#define task_get_bootstrap_port(task, port) \
	(task_get_special_port((task), TASK_BOOTSTRAP_PORT, (port)))
#define task_set_bootstrap_port(task, port) \
	(task_set_special_port((task), TASK_BOOTSTRAP_PORT, (port)))
#define task_get_debug_control_port(task, port) \
	(task_get_special_port((task), TASK_DEBUG_CONTROL_PORT, (port)))
#define task_set_task_debug_control_port(task, port) \
	(task_set_special_port((task), TASK_DEBUG_CONTROL_PORT, (port)))
#define task_get_task_access_port(task, port) \
	(task_get_special_port((task), TASK_ACCESS_PORT, (port)))
#define task_set_task_access_port(task, port) \
	(task_set_special_port((task), TASK_ACCESS_PORT, (port)))

#endif /* _MACH_TASK_SPECIAL_PORTS_H_ */
