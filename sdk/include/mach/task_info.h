/*
 * <mach/task_info.h> - what task_info reports (<mach/task.h>): XNU's
 * flavors, counts and LP64 layouts.
 *
 * As in XNU the whole file is packed to 4 bytes: a 64-bit size after a
 * 4-byte field sits at offset 4.  rvmach answers TASK_BASIC_INFO_64 (=
 * TASK_BASIC_INFO on LP64), MACH_TASK_BASIC_INFO, TASK_THREAD_TIMES_INFO
 * and TASK_ABSOLUTETIME_INFO; the others are names and values only
 * (docs/abi.md).  Freestanding: the kernel fills
 * these in.
 */
#ifndef _MACH_TASK_INFO_H_
#define _MACH_TASK_INFO_H_

#include <mach/message.h>
#include <mach/policy.h>
#include <mach/time_value.h>
#include <mach/vm_types.h>

#pragma pack(push, 4)

typedef natural_t	task_flavor_t;
typedef integer_t	*task_info_t;		/* a variable-sized array */

#define TASK_INFO_MAX		(1024)		/* the largest info, in integer_t */
typedef integer_t	task_info_data_t[TASK_INFO_MAX];

/* the 32-bit form (not answered by rvmach) */
#define TASK_BASIC_INFO_32	4
#define TASK_BASIC2_INFO_32	6

struct task_basic_info_32 {
	integer_t	suspend_count;	/* task_suspend nesting */
	natural_t	virtual_size;	/* bytes mapped */
	natural_t	resident_size;	/* bytes resident */
	time_value_t	user_time;	/* of threads that ended */
	time_value_t	system_time;
	policy_t	policy;		/* for new threads */
};
typedef struct task_basic_info_32	task_basic_info_32_data_t;
typedef struct task_basic_info_32	*task_basic_info_32_t;
#define TASK_BASIC_INFO_32_COUNT \
	(sizeof(task_basic_info_32_data_t) / sizeof(natural_t))

/* the 64-bit form, with the same fields */
struct task_basic_info_64 {
	integer_t	suspend_count;
	mach_vm_size_t	virtual_size;
	mach_vm_size_t	resident_size;
	time_value_t	user_time;
	time_value_t	system_time;
	policy_t	policy;
};
typedef struct task_basic_info_64	task_basic_info_64_data_t;
typedef struct task_basic_info_64	*task_basic_info_64_t;

#define TASK_BASIC_INFO_64	5
#define TASK_BASIC_INFO_64_COUNT \
	(sizeof(task_basic_info_64_data_t) / sizeof(natural_t))

/* the form sized for the caller (on LP64, the 64-bit one) */
struct task_basic_info {
	integer_t	suspend_count;
	vm_size_t	virtual_size;
	vm_size_t	resident_size;
	time_value_t	user_time;
	time_value_t	system_time;
	policy_t	policy;
};
typedef struct task_basic_info	task_basic_info_data_t;
typedef struct task_basic_info	*task_basic_info_t;
#define TASK_BASIC_INFO_COUNT \
	(sizeof(task_basic_info_data_t) / sizeof(natural_t))
#if !defined(__LP64__)
#define TASK_BASIC_INFO		TASK_BASIC_INFO_32
#else
#define TASK_BASIC_INFO		TASK_BASIC_INFO_64
#endif

/* the times of the task's live threads */
#define TASK_THREAD_TIMES_INFO	3

struct task_thread_times_info {
	time_value_t	user_time;	/* of the live threads */
	time_value_t	system_time;
};
typedef struct task_thread_times_info	task_thread_times_info_data_t;
typedef struct task_thread_times_info	*task_thread_times_info_t;
#define TASK_THREAD_TIMES_INFO_COUNT \
	(sizeof(task_thread_times_info_data_t) / sizeof(natural_t))

/* times in mach_absolute_time() units: every thread's, and the live ones' */
#define TASK_ABSOLUTETIME_INFO	1

struct task_absolutetime_info {
	uint64_t	total_user;	/* threads that ended and live ones */
	uint64_t	total_system;
	uint64_t	threads_user;	/* live threads only */
	uint64_t	threads_system;
};
typedef struct task_absolutetime_info	task_absolutetime_info_data_t;
typedef struct task_absolutetime_info	*task_absolutetime_info_t;
#define TASK_ABSOLUTETIME_INFO_COUNT \
	(sizeof(task_absolutetime_info_data_t) / sizeof(natural_t))

/* other flavors XNU has (not answered by rvmach) */
#define TASK_EVENTS_INFO	2
#define TASK_KERNELMEMORY_INFO	7
#define TASK_SECURITY_TOKEN	13
#define TASK_AUDIT_TOKEN	15
#define TASK_AFFINITY_TAG_INFO	16
#define TASK_DYLD_INFO		17

/* the one to use: the same on every architecture */
#define MACH_TASK_BASIC_INFO	20

struct mach_task_basic_info {
	mach_vm_size_t	virtual_size;	/* bytes mapped */
	mach_vm_size_t	resident_size;	/* bytes resident */
	mach_vm_size_t	resident_size_max; /* the most resident so far */
	time_value_t	user_time;	/* of threads that ended */
	time_value_t	system_time;
	policy_t	policy;		/* for new threads */
	integer_t	suspend_count;	/* task_suspend nesting */
};
typedef struct mach_task_basic_info	mach_task_basic_info_data_t;
typedef struct mach_task_basic_info	*mach_task_basic_info_t;
#define MACH_TASK_BASIC_INFO_COUNT \
	(sizeof(mach_task_basic_info_data_t) / sizeof(natural_t))

#pragma pack(pop)

#endif /* _MACH_TASK_INFO_H_ */
