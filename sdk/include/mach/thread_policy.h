/*
 * <mach/thread_policy.h> - thread_policy_set and thread_policy_get
 * (<mach/thread_act.h>): XNU's flavors, structs and counts.  rvmach takes
 * THREAD_STANDARD_POLICY / THREAD_EXTENDED_POLICY, THREAD_TIME_CONSTRAINT_POLICY
 * and THREAD_PRECEDENCE_POLICY; THREAD_AFFINITY_POLICY is
 * KERN_NOT_SUPPORTED, as on XNU machines without affinity sets; the others
 * are names and values only (docs/abi.md).  Freestanding.
 */
#ifndef _MACH_THREAD_POLICY_H_
#define _MACH_THREAD_POLICY_H_

#include <stdint.h>

#include <mach/boolean.h>
#include <mach/message.h>

typedef natural_t	thread_policy_flavor_t;
typedef integer_t	*thread_policy_t;

/* rvmach: the bound of MIG's policy_info array (XNU's mach_types.defs) */
#define THREAD_POLICY_INFO_MAX	16

/* the fair time-sharing mode every thread starts in */
#define THREAD_STANDARD_POLICY		1

struct thread_standard_policy {
	natural_t	no_data;
};
typedef struct thread_standard_policy	thread_standard_policy_data_t;
typedef struct thread_standard_policy	*thread_standard_policy_t;
#define THREAD_STANDARD_POLICY_COUNT	0

/* the same, with a hint: timeshare FALSE for a fixed priority */
#define THREAD_EXTENDED_POLICY		1

struct thread_extended_policy {
	boolean_t	timeshare;
};
typedef struct thread_extended_policy	thread_extended_policy_data_t;
typedef struct thread_extended_policy	*thread_extended_policy_t;
#define THREAD_EXTENDED_POLICY_COUNT	((mach_msg_type_number_t) \
	(sizeof(thread_extended_policy_data_t) / sizeof(integer_t)))

/*
 * real-time constraints, in mach_absolute_time units: computation needed
 * each period, within constraint (>= computation) of its start
 */
#define THREAD_TIME_CONSTRAINT_POLICY	2

struct thread_time_constraint_policy {
	uint32_t	period;
	uint32_t	computation;
	uint32_t	constraint;
	boolean_t	preemptible;
};
typedef struct thread_time_constraint_policy \
	thread_time_constraint_policy_data_t;
typedef struct thread_time_constraint_policy \
	*thread_time_constraint_policy_t;
#define THREAD_TIME_CONSTRAINT_POLICY_COUNT	((mach_msg_type_number_t) \
	(sizeof(thread_time_constraint_policy_data_t) / sizeof(integer_t)))

/* the thread's importance relative to the others of its task */
#define THREAD_PRECEDENCE_POLICY	3

struct thread_precedence_policy {
	integer_t	importance;
};
typedef struct thread_precedence_policy	thread_precedence_policy_data_t;
typedef struct thread_precedence_policy	*thread_precedence_policy_t;
#define THREAD_PRECEDENCE_POLICY_COUNT	((mach_msg_type_number_t) \
	(sizeof(thread_precedence_policy_data_t) / sizeof(integer_t)))

/* threads of one tag share a cache where they can */
#define THREAD_AFFINITY_POLICY		4

struct thread_affinity_policy {
	integer_t	affinity_tag;
};
#define THREAD_AFFINITY_TAG_NULL	0
typedef struct thread_affinity_policy	thread_affinity_policy_data_t;
typedef struct thread_affinity_policy	*thread_affinity_policy_t;
#define THREAD_AFFINITY_POLICY_COUNT	((mach_msg_type_number_t) \
	(sizeof(thread_affinity_policy_data_t) / sizeof(integer_t)))

#define THREAD_BACKGROUND_POLICY	5

struct thread_background_policy {
	integer_t	priority;
};
typedef struct thread_background_policy	thread_background_policy_data_t;
typedef struct thread_background_policy	*thread_background_policy_t;
#define THREAD_BACKGROUND_POLICY_COUNT	((mach_msg_type_number_t) \
	(sizeof(thread_background_policy_data_t) / sizeof(integer_t)))

#define THREAD_LATENCY_QOS_POLICY	7
typedef integer_t	thread_latency_qos_t;

struct thread_latency_qos_policy {
	thread_latency_qos_t thread_latency_qos_tier;
};
typedef struct thread_latency_qos_policy	thread_latency_qos_policy_data_t;
typedef struct thread_latency_qos_policy	*thread_latency_qos_policy_t;
#define THREAD_LATENCY_QOS_POLICY_COUNT	((mach_msg_type_number_t) \
	(sizeof(thread_latency_qos_policy_data_t) / sizeof(integer_t)))

#define THREAD_THROUGHPUT_QOS_POLICY	8
typedef integer_t	thread_throughput_qos_t;

struct thread_throughput_qos_policy {
	thread_throughput_qos_t thread_throughput_qos_tier;
};
typedef struct thread_throughput_qos_policy \
	thread_throughput_qos_policy_data_t;
typedef struct thread_throughput_qos_policy \
	*thread_throughput_qos_policy_t;
#define THREAD_THROUGHPUT_QOS_POLICY_COUNT	((mach_msg_type_number_t) \
	(sizeof(thread_throughput_qos_policy_data_t) / sizeof(integer_t)))

#endif /* _MACH_THREAD_POLICY_H_ */
