/*
 * <mach/thread_info.h> - what thread_info reports (<mach/thread_act.h>):
 * XNU's flavors, counts, layouts and run states.  rvmach answers
 * THREAD_BASIC_INFO, THREAD_IDENTIFIER_INFO and THREAD_EXTENDED_INFO
 * (docs/abi.md).  Freestanding: the kernel fills it in.
 */
#ifndef _MACH_THREAD_INFO_H_
#define _MACH_THREAD_INFO_H_

#include <stdint.h>

#include <mach/message.h>
#include <mach/policy.h>
#include <mach/time_value.h>

typedef natural_t	thread_flavor_t;
typedef integer_t	*thread_info_t;		/* a variable-sized array */

#define THREAD_INFO_MAX		(32)		/* the largest info, in integer_t */
typedef integer_t	thread_info_data_t[THREAD_INFO_MAX];

#define THREAD_BASIC_INFO	3

struct thread_basic_info {
	time_value_t	user_time;	/* time run in user mode */
	time_value_t	system_time;	/* time run in the kernel */
	integer_t	cpu_usage;	/* scaled by TH_USAGE_SCALE */
	policy_t	policy;		/* POLICY_* */
	integer_t	run_state;	/* TH_STATE_* */
	integer_t	flags;		/* TH_FLAGS_* */
	integer_t	suspend_count;	/* thread_suspend nesting */
	integer_t	sleep_time;	/* seconds asleep */
};
typedef struct thread_basic_info	thread_basic_info_data_t;
typedef struct thread_basic_info	*thread_basic_info_t;
#define THREAD_BASIC_INFO_COUNT ((mach_msg_type_number_t) \
	(sizeof(thread_basic_info_data_t) / sizeof(natural_t)))

#define THREAD_IDENTIFIER_INFO	4

struct thread_identifier_info {
	uint64_t	thread_id;	/* unique among all threads, never reused */
	uint64_t	thread_handle;	/* (libpthread's; 0 on rvmach) */
	uint64_t	dispatch_qaddr;	/* (libdispatch's; 0 on rvmach) */
};
typedef struct thread_identifier_info	thread_identifier_info_data_t;
typedef struct thread_identifier_info	*thread_identifier_info_t;
#define THREAD_IDENTIFIER_INFO_COUNT ((mach_msg_type_number_t) \
	(sizeof(thread_identifier_info_data_t) / sizeof(natural_t)))

#define THREAD_EXTENDED_INFO	5
#define MAXTHREADNAMESIZE	64

struct thread_extended_info {
	uint64_t	pth_user_time;	/* ns in user mode */
	uint64_t	pth_system_time; /* ns in the kernel */
	int32_t		pth_cpu_usage;	/* as cpu_usage */
	int32_t		pth_policy;
	int32_t		pth_run_state;
	int32_t		pth_flags;
	int32_t		pth_sleep_time;
	int32_t		pth_curpri;	/* the priority it runs at */
	int32_t		pth_priority;	/* its base priority */
	int32_t		pth_maxpriority;
	char		pth_name[MAXTHREADNAMESIZE];
};
typedef struct thread_extended_info	thread_extended_info_data_t;
typedef struct thread_extended_info	*thread_extended_info_t;
#define THREAD_EXTENDED_INFO_COUNT ((mach_msg_type_number_t) \
	(sizeof(thread_extended_info_data_t) / sizeof(natural_t)))

#define TH_USAGE_SCALE		1000	/* cpu_usage of a thread using one hart */

/* run_state */
#define TH_STATE_RUNNING	1	/* running, or ready to */
#define TH_STATE_STOPPED	2	/* suspended */
#define TH_STATE_WAITING	3	/* waiting, interruptibly */
#define TH_STATE_UNINTERRUPTIBLE 4	/* waiting, not interruptibly */
#define TH_STATE_HALTED		5	/* terminated */

/* flags */
#define TH_FLAGS_SWAPPED	0x1	/* its stack is swapped out */
#define TH_FLAGS_IDLE		0x2	/* a processor's idle thread */
#define TH_FLAGS_GLOBAL_FORCED_IDLE 0x4

#endif /* _MACH_THREAD_INFO_H_ */
