/*
 * <mach/processor_info.h> - what host_processor_info reports of each
 * processor, and processor_set_info / processor_set_statistics of the
 * processor set (XNU's names, values and layouts; its private flavors are
 * not here).  Freestanding.
 */
#ifndef _MACH_PROCESSOR_INFO_H_
#define _MACH_PROCESSOR_INFO_H_

#include <mach/boolean.h>
#include <mach/machine.h>
#include <mach/message.h>

typedef integer_t	*processor_info_t;	/* an array of integers */
typedef integer_t	*processor_info_array_t;
#define PROCESSOR_INFO_MAX	(1024)
typedef integer_t	processor_info_data_t[PROCESSOR_INFO_MAX];

typedef int		processor_flavor_t;
#define PROCESSOR_BASIC_INFO		1	/* processor_basic_info */
#define PROCESSOR_CPU_LOAD_INFO		2	/* processor_cpu_load_info */
#define PROCESSOR_PM_REGS_INFO		0x10000001	/* not here: KERN_FAILURE */
#define PROCESSOR_TEMPERATURE		0x10000002	/* not here: KERN_FAILURE */

struct processor_basic_info {
	cpu_type_t	cpu_type;		/* as host_info's */
	cpu_subtype_t	cpu_subtype;
	boolean_t	running;		/* online */
	int		slot_num;		/* the processor's number, 0.. */
	boolean_t	is_master;		/* the boot processor */
};
typedef struct processor_basic_info	processor_basic_info_data_t;
typedef struct processor_basic_info	*processor_basic_info_t;
#define PROCESSOR_BASIC_INFO_COUNT	((mach_msg_type_number_t) \
	(sizeof(processor_basic_info_data_t) / sizeof(natural_t)))

struct processor_cpu_load_info {	/* ticks (10 ms) spent in each state */
	unsigned int	cpu_ticks[CPU_STATE_MAX];
};
typedef struct processor_cpu_load_info	processor_cpu_load_info_data_t;
typedef struct processor_cpu_load_info	*processor_cpu_load_info_t;
#define PROCESSOR_CPU_LOAD_INFO_COUNT	((mach_msg_type_number_t) \
	(sizeof(processor_cpu_load_info_data_t) / sizeof(natural_t)))

typedef integer_t	*processor_set_info_t;
#define PROCESSOR_SET_INFO_MAX	(1024)
typedef integer_t	processor_set_info_data_t[PROCESSOR_SET_INFO_MAX];

typedef int		processor_set_flavor_t;
#define PROCESSOR_SET_BASIC_INFO	5	/* processor_set_info */
#define PROCESSOR_SET_LOAD_INFO		4	/* processor_set_statistics */

struct processor_set_basic_info {
	int		processor_count;	/* the processors running */
	int		default_policy;		/* POLICY_TIMESHARE */
};
typedef struct processor_set_basic_info	processor_set_basic_info_data_t;
typedef struct processor_set_basic_info	*processor_set_basic_info_t;
#define PROCESSOR_SET_BASIC_INFO_COUNT	((mach_msg_type_number_t) \
	(sizeof(processor_set_basic_info_data_t) / sizeof(natural_t)))

struct processor_set_load_info {
	int		task_count;		/* tasks alive */
	int		thread_count;		/* their threads */
	integer_t	load_average;		/* LOAD_SCALE */
	integer_t	mach_factor;		/* LOAD_SCALE */
};
typedef struct processor_set_load_info	processor_set_load_info_data_t;
typedef struct processor_set_load_info	*processor_set_load_info_t;
#define PROCESSOR_SET_LOAD_INFO_COUNT	((mach_msg_type_number_t) \
	(sizeof(processor_set_load_info_data_t) / sizeof(natural_t)))

#ifndef LOAD_SCALE
#define LOAD_SCALE	1000		/* of load_average and mach_factor */
#endif

#endif /* _MACH_PROCESSOR_INFO_H_ */
