/*
 * <mach/task_policy.h> - task_policy_set / task_policy_get's flavors,
 * roles and QoS tiers (XNU's names, values and layouts; its private
 * flavors are not here).  rvmach keeps and reports them but has no QoS:
 * they change nothing in its scheduler (docs/abi.md).  Freestanding.
 */
#ifndef _MACH_TASK_POLICY_H_
#define _MACH_TASK_POLICY_H_

#include <mach/message.h>

typedef natural_t	task_policy_flavor_t;
typedef integer_t	*task_policy_t;

#define TASK_CATEGORY_POLICY		1
#define TASK_SUPPRESSION_POLICY		3	/* XNU's private: not here */
#define TASK_POLICY_STATE		4	/* XNU's private: not here */
#define TASK_BASE_QOS_POLICY		8
#define TASK_OVERRIDE_QOS_POLICY	9
#define TASK_BASE_LATENCY_QOS_POLICY	10	/* set only */
#define TASK_BASE_THROUGHPUT_QOS_POLICY	11	/* set only */

typedef enum task_role {
	TASK_RENICED			= -1,
	TASK_UNSPECIFIED		= 0,
	TASK_FOREGROUND_APPLICATION	= 1,
	TASK_BACKGROUND_APPLICATION	= 2,
	TASK_CONTROL_APPLICATION	= 3,
	TASK_GRAPHICS_SERVER		= 4,
	TASK_THROTTLE_APPLICATION	= 5,
	TASK_NONUI_APPLICATION		= 6,
	TASK_DEFAULT_APPLICATION	= 7,
	TASK_DARWINBG_APPLICATION	= 8,
} task_role_t;

struct task_category_policy {
	task_role_t	role;
};
typedef struct task_category_policy	task_category_policy_data_t;
typedef struct task_category_policy	*task_category_policy_t;
#define TASK_CATEGORY_POLICY_COUNT	((mach_msg_type_number_t) \
	(sizeof(task_category_policy_data_t) / sizeof(integer_t)))

enum task_latency_qos {
	LATENCY_QOS_TIER_UNSPECIFIED	= 0x0,
	LATENCY_QOS_TIER_0		= ((0xFF << 16) | 1),
	LATENCY_QOS_TIER_1		= ((0xFF << 16) | 2),
	LATENCY_QOS_TIER_2		= ((0xFF << 16) | 3),
	LATENCY_QOS_TIER_3		= ((0xFF << 16) | 4),
	LATENCY_QOS_TIER_4		= ((0xFF << 16) | 5),
	LATENCY_QOS_TIER_5		= ((0xFF << 16) | 6),
};
typedef integer_t	task_latency_qos_t;

enum task_throughput_qos {
	THROUGHPUT_QOS_TIER_UNSPECIFIED	= 0x0,
	THROUGHPUT_QOS_TIER_0		= ((0xFE << 16) | 1),
	THROUGHPUT_QOS_TIER_1		= ((0xFE << 16) | 2),
	THROUGHPUT_QOS_TIER_2		= ((0xFE << 16) | 3),
	THROUGHPUT_QOS_TIER_3		= ((0xFE << 16) | 4),
	THROUGHPUT_QOS_TIER_4		= ((0xFE << 16) | 5),
	THROUGHPUT_QOS_TIER_5		= ((0xFE << 16) | 6),
};
typedef integer_t	task_throughput_qos_t;

#define LATENCY_QOS_LAUNCH_DEFAULT_TIER		LATENCY_QOS_TIER_3
#define THROUGHPUT_QOS_LAUNCH_DEFAULT_TIER	THROUGHPUT_QOS_TIER_3

struct task_qos_policy {
	task_latency_qos_t	task_latency_qos_tier;
	task_throughput_qos_t	task_throughput_qos_tier;
};
typedef struct task_qos_policy	*task_qos_policy_t;
#define TASK_QOS_POLICY_COUNT	((mach_msg_type_number_t) \
	(sizeof(struct task_qos_policy) / sizeof(integer_t)))

#define TASK_POLICY_INFO_MAX	16	/* task.defs' array[*:16] */

#endif /* _MACH_TASK_POLICY_H_ */
