/*
 * task/task_policy.c - task_policy_set and task_policy_get, XNU's public
 * flavors with XNU's rules (osfmk/kern/task_policy.c): the role
 * (TASK_CATEGORY_POLICY) and the base and override QoS tiers are checked
 * as XNU checks them, kept in the task and reported back.  rvmach has no
 * QoS: they change nothing else (docs/abi.md).  XNU's private flavors
 * (TASK_SUPPRESSION_POLICY, TASK_POLICY_STATE) are KERN_INVALID_ARGUMENT.
 */
#include <mach/task_policy.h>
#include "task/task.h"
#include "task/task_trap.h"

_Static_assert(TASK_CATEGORY_POLICY_COUNT == 1 && TASK_QOS_POLICY_COUNT == 2 &&
    TASK_POLICY_INFO_MAX == 16, "XNU's counts");

/* a tier XNU takes: unspecified, or 0..5 of its kind (high: 0xff, 0xfe) */
static bool
qos_tier_ok(integer_t tier, integer_t high)
{
	return tier == 0 || (tier >= ((high << 16) | 1) && tier <= ((high << 16) | 6));
}

static kern_return_t
qos_validate(const struct task_qos_policy *q, uint32_t count)
{
	if (count < TASK_QOS_POLICY_COUNT ||
	    !qos_tier_ok(q->task_latency_qos_tier, 0xff) ||
	    !qos_tier_ok(q->task_throughput_qos_tier, 0xfe))
		return KERN_INVALID_ARGUMENT;
	return KERN_SUCCESS;
}

/* a tier as kept (its low byte, 0: unspecified) and as reported */
static uint8_t
qos_extract(integer_t tier)
{
	return (uint8_t)(tier & 0xff);
}

static integer_t
qos_package(uint8_t v, integer_t high)
{
	return v == 0 ? 0 : (integer_t)((high << 16) | v);
}

/* may t take role?  XNU: a control or graphics role only for itself, as root */
static bool
role_ok(task_t t, task_role_t role)
{
	switch (role) {
	case TASK_FOREGROUND_APPLICATION:
	case TASK_BACKGROUND_APPLICATION:
	case TASK_DEFAULT_APPLICATION:
		return true;
	case TASK_CONTROL_APPLICATION:
	case TASK_GRAPHICS_SERVER:
		return t == current_task() && t->itk_sender.sec.val[0] == 0;
	default:
		return false;
	}
}

kern_return_t
task_policy_set(task_t t, task_policy_flavor_t flavor, const integer_t *info,
    uint32_t count)
{
	const struct task_qos_policy *q = (const void *)info;
	task_role_t role;

	if (t == TASK_NULL || t == kernel_task)
		return KERN_INVALID_ARGUMENT;
	switch (flavor) {
	case TASK_CATEGORY_POLICY:
		if (count < TASK_CATEGORY_POLICY_COUNT)
			return KERN_INVALID_ARGUMENT;
		role = ((const struct task_category_policy *)(const void *)info)->role;
		if (!role_ok(t, role))
			return KERN_INVALID_ARGUMENT;
		spin_lock(&t->lock);
		t->policy_role = role;
		spin_unlock(&t->lock);
		return KERN_SUCCESS;
	case TASK_BASE_QOS_POLICY:
	case TASK_OVERRIDE_QOS_POLICY:
	case TASK_BASE_LATENCY_QOS_POLICY:
	case TASK_BASE_THROUGHPUT_QOS_POLICY:
		if (qos_validate(q, count) != KERN_SUCCESS)
			return KERN_INVALID_ARGUMENT;
		spin_lock(&t->lock);
		if (flavor == TASK_OVERRIDE_QOS_POLICY) {
			t->policy_over_lqos = qos_extract(q->task_latency_qos_tier);
			t->policy_over_tqos = qos_extract(q->task_throughput_qos_tier);
		}
		if (flavor == TASK_BASE_QOS_POLICY ||
		    flavor == TASK_BASE_LATENCY_QOS_POLICY)
			t->policy_base_lqos = qos_extract(q->task_latency_qos_tier);
		if (flavor == TASK_BASE_QOS_POLICY ||
		    flavor == TASK_BASE_THROUGHPUT_QOS_POLICY)
			t->policy_base_tqos = qos_extract(q->task_throughput_qos_tier);
		spin_unlock(&t->lock);
		return KERN_SUCCESS;
	default:
		return KERN_INVALID_ARGUMENT;
	}
}

/* *count stays as given (MIG's CountInOut, as XNU leaves it) */
kern_return_t
task_policy_get(task_t t, task_policy_flavor_t flavor, integer_t *info,
    uint32_t count, bool get_default)
{
	struct task_qos_policy *q = (void *)info;
	uint8_t l, tp;

	if (t == TASK_NULL || t == kernel_task)
		return KERN_INVALID_ARGUMENT;
	switch (flavor) {
	case TASK_CATEGORY_POLICY:
		if (count < TASK_CATEGORY_POLICY_COUNT)
			return KERN_INVALID_ARGUMENT;
		spin_lock(&t->lock);
		((struct task_category_policy *)(void *)info)->role = get_default ?
		    TASK_UNSPECIFIED : (task_role_t)t->policy_role;
		spin_unlock(&t->lock);
		return KERN_SUCCESS;
	case TASK_BASE_QOS_POLICY:
	case TASK_OVERRIDE_QOS_POLICY:
		if (count < TASK_QOS_POLICY_COUNT)
			return KERN_INVALID_ARGUMENT;
		spin_lock(&t->lock);
		l = flavor == TASK_BASE_QOS_POLICY ? t->policy_base_lqos :
		    t->policy_over_lqos;
		tp = flavor == TASK_BASE_QOS_POLICY ? t->policy_base_tqos :
		    t->policy_over_tqos;
		spin_unlock(&t->lock);
		q->task_latency_qos_tier = get_default ? 0 : qos_package(l, 0xff);
		q->task_throughput_qos_tier = get_default ? 0 : qos_package(tp, 0xfe);
		return KERN_SUCCESS;
	default:
		return KERN_INVALID_ARGUMENT;
	}
}

/* task_policy_set(task, flavor, info *, count) */
uint64_t
trap_task_policy_set(const uint64_t a[USERTRAP_NARGS])
{
	task_t t = port_name_to_task((mach_port_name_t)a[0]);
	integer_t info[TASK_POLICY_INFO_MAX];
	uint32_t count;
	kern_return_t kr;

	if (t == TASK_NULL)
		return MACH_SEND_INVALID_DEST;
	kr = policy_set_args_in(a, info, &count);
	if (kr == KERN_SUCCESS)
		kr = task_policy_set(t, (task_policy_flavor_t)a[1], info, count);
	task_deallocate(t);
	return kr;
}

/* task_policy_get(task, flavor, info *, count *, get_default *) */
uint64_t
trap_task_policy_get(const uint64_t a[USERTRAP_NARGS])
{
	task_t t = port_name_to_task((mach_port_name_t)a[0]);
	integer_t info[TASK_POLICY_INFO_MAX];
	uint32_t count;
	bool gd;
	kern_return_t kr;

	if (t == TASK_NULL)
		return MACH_SEND_INVALID_DEST;
	kr = policy_get_args_in(a, info, &count, &gd);
	if (kr == KERN_SUCCESS)
		kr = task_policy_get(t, (task_policy_flavor_t)a[1], info, count, gd);
	if (kr == KERN_SUCCESS)
		kr = policy_get_args_out(a, info, count, gd);
	task_deallocate(t);
	return kr;
}
