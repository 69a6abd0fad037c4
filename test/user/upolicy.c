/*
 * test/user/upolicy.c - thread_policy_set and thread_policy_get: the
 * defaults and get_default, precedence (the priority the scheduler runs
 * the thread at, clamped), extended (timeshare kept), a time constraint
 * (the real-time priority, its values back, extended then reporting the
 * default), another thread's policy, and XNU's errors, none of which
 * changes anything; task_policy_set / _get: the role and the QoS tiers
 * kept and reported, per task, and their errors.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <mach/mach.h>
#include <mach/mig_errors.h>
#include <mach/rvmach_debug.h>

#include "ktap.h"
#include "utest_util.h"

#define BASEPRI		31	/* a user thread's */
#define MAXPRI_USER	63
#define RTPRI		80	/* rvmach's time-constrained threads (docs/abi.md) */

static mach_port_t self;
static mach_timebase_info_data_t tb;
static char stack_a[16384] __attribute__((aligned(16)));

static uint32_t
us_to_abs(uint64_t us)
{
	return (uint32_t)(us * 1000ull * tb.denom / tb.numer);
}

static uint32_t
ms_to_abs(uint64_t ms)
{
	return us_to_abs(ms * 1000);
}

/* the priority the thread runs at and its base, from THREAD_EXTENDED_INFO */
static bool
prio(thread_act_t th, int *cur, int *base, int *max)
{
	struct thread_extended_info ext;
	mach_msg_type_number_t count = THREAD_EXTENDED_INFO_COUNT;

	if (thread_info(th, THREAD_EXTENDED_INFO, (thread_info_t)&ext, &count) !=
	    KERN_SUCCESS)
		return false;
	*cur = ext.pth_curpri;
	*base = ext.pth_priority;
	*max = ext.pth_maxpriority;
	return true;
}

static kern_return_t
set_importance(thread_act_t th, integer_t imp)
{
	struct thread_precedence_policy p = { .importance = imp };

	return thread_policy_set(th, THREAD_PRECEDENCE_POLICY, (thread_policy_t)&p,
	    THREAD_PRECEDENCE_POLICY_COUNT);
}

static bool
at_prio(thread_act_t th, int want)
{
	int cur, base, max;

	return prio(th, &cur, &base, &max) && cur == want && base == want &&
	    max == MAXPRI_USER;
}

static void
test_defaults(thread_act_t me)
{
	struct thread_extended_policy ext = { .timeshare = 7 };
	struct thread_precedence_policy pre = { .importance = 7 };
	struct thread_time_constraint_policy tc;
	mach_msg_type_number_t count;
	boolean_t gd;
	kern_return_t kr1, kr2, kr3;
	bool gd1, gd2, gd3;

	count = THREAD_EXTENDED_POLICY_COUNT;
	gd = FALSE;
	kr1 = thread_policy_get(me, THREAD_EXTENDED_POLICY, (thread_policy_t)&ext,
	    &count, &gd);
	gd1 = gd;
	count = THREAD_PRECEDENCE_POLICY_COUNT;
	gd = FALSE;
	kr2 = thread_policy_get(me, THREAD_PRECEDENCE_POLICY,
	    (thread_policy_t)&pre, &count, &gd);
	gd2 = gd;
	memset(&tc, 0xff, sizeof(tc));
	count = THREAD_TIME_CONSTRAINT_POLICY_COUNT;
	gd = FALSE;
	kr3 = thread_policy_get(me, THREAD_TIME_CONSTRAINT_POLICY,
	    (thread_policy_t)&tc, &count, &gd);
	gd3 = gd;
	ktap_ok(kr1 == KERN_SUCCESS && ext.timeshare == TRUE && !gd1 &&
	    kr2 == KERN_SUCCESS && pre.importance == 0 && !gd2 &&
	    at_prio(me, BASEPRI), "defaults_timeshare_importance_0_base_priority");
	/* no time constraint set: the defaults, and get_default says so */
	ktap_ok(kr3 == KERN_SUCCESS && gd3 && tc.period == 0 &&
	    tc.computation == ms_to_abs(10) && tc.constraint == ms_to_abs(20) &&
	    tc.preemptible == TRUE && count == THREAD_TIME_CONSTRAINT_POLICY_COUNT,
	    "time_constraint_get_default");
}

static void
test_precedence(thread_act_t me)
{
	struct thread_precedence_policy pre;
	mach_msg_type_number_t count = THREAD_PRECEDENCE_POLICY_COUNT;
	boolean_t gd = FALSE;
	bool ok;

	ok = set_importance(me, 10) == KERN_SUCCESS && at_prio(me, BASEPRI + 10) &&
	    thread_policy_get(me, THREAD_PRECEDENCE_POLICY, (thread_policy_t)&pre,
	    &count, &gd) == KERN_SUCCESS && pre.importance == 10 && !gd;
	ktap_ok(ok, "precedence_raises_priority");
	gd = TRUE;
	ok = thread_policy_get(me, THREAD_PRECEDENCE_POLICY, (thread_policy_t)&pre,
	    &count, &gd) == KERN_SUCCESS && pre.importance == 0 && gd;
	ktap_ok(ok, "precedence_get_default_asked_for");
	ok = set_importance(me, 1000) == KERN_SUCCESS &&
	    at_prio(me, MAXPRI_USER) &&
	    set_importance(me, -1000) == KERN_SUCCESS && at_prio(me, 0) &&
	    set_importance(me, -5) == KERN_SUCCESS && at_prio(me, BASEPRI - 5) &&
	    set_importance(me, 0) == KERN_SUCCESS && at_prio(me, BASEPRI);
	ktap_ok(ok, "precedence_clamped_to_user_range");
}

static void
test_extended_and_realtime(thread_act_t me)
{
	struct thread_extended_policy ext = { .timeshare = FALSE };
	struct thread_time_constraint_policy tc = {
		.period = 0, .computation = 0, .constraint = 0, .preemptible = FALSE,
	}, back;
	mach_msg_type_number_t count = THREAD_EXTENDED_POLICY_COUNT;
	boolean_t gd = FALSE;
	bool ok;

	ok = thread_policy_set(me, THREAD_EXTENDED_POLICY, (thread_policy_t)&ext,
	    THREAD_EXTENDED_POLICY_COUNT) == KERN_SUCCESS;
	ext.timeshare = 7;
	ok = ok && thread_policy_get(me, THREAD_EXTENDED_POLICY,
	    (thread_policy_t)&ext, &count, &gd) == KERN_SUCCESS &&
	    ext.timeshare == FALSE && !gd && at_prio(me, BASEPRI);
	/* a count of 0 is THREAD_STANDARD_POLICY: timesharing again */
	ok = ok && thread_policy_set(me, THREAD_STANDARD_POLICY, NULL,
	    THREAD_STANDARD_POLICY_COUNT) == KERN_SUCCESS &&
	    thread_policy_get(me, THREAD_EXTENDED_POLICY, (thread_policy_t)&ext,
	    &count, &gd) == KERN_SUCCESS && ext.timeshare == TRUE;
	ktap_ok(ok, "extended_timeshare_kept_standard_resets");

	set_importance(me, 4);
	tc.period = ms_to_abs(10);
	tc.computation = ms_to_abs(2);
	tc.constraint = ms_to_abs(5);
	ok = thread_policy_set(me, THREAD_TIME_CONSTRAINT_POLICY,
	    (thread_policy_t)&tc, THREAD_TIME_CONSTRAINT_POLICY_COUNT) ==
	    KERN_SUCCESS && at_prio(me, RTPRI);
	count = THREAD_TIME_CONSTRAINT_POLICY_COUNT;
	gd = FALSE;
	memset(&back, 0, sizeof(back));
	ok = ok && thread_policy_get(me, THREAD_TIME_CONSTRAINT_POLICY,
	    (thread_policy_t)&back, &count, &gd) == KERN_SUCCESS && !gd &&
	    memcmp(&back, &tc, sizeof(tc)) == 0;
	ktap_ok(ok, "time_constraint_realtime_priority_and_values");
	/* extended reports the default while a constraint is set */
	count = THREAD_EXTENDED_POLICY_COUNT;
	gd = FALSE;
	ext.timeshare = 7;
	ok = thread_policy_get(me, THREAD_EXTENDED_POLICY, (thread_policy_t)&ext,
	    &count, &gd) == KERN_SUCCESS && gd && ext.timeshare == TRUE;
	/* setting extended ends the constraint: back to base + importance */
	ext.timeshare = TRUE;
	ok = ok && thread_policy_set(me, THREAD_EXTENDED_POLICY,
	    (thread_policy_t)&ext, THREAD_EXTENDED_POLICY_COUNT) == KERN_SUCCESS &&
	    at_prio(me, BASEPRI + 4);
	ktap_ok(ok, "extended_ends_the_time_constraint");
	set_importance(me, 0);
}

static void
test_errors(thread_act_t me)
{
	struct thread_time_constraint_policy tc;
	struct thread_precedence_policy pre = { .importance = 9 };
	struct thread_affinity_policy aff = { .affinity_tag = 1 };
	integer_t big[THREAD_POLICY_INFO_MAX + 1];
	mach_msg_type_number_t count;
	boolean_t gd = FALSE;
	kern_return_t kr[8];
	bool ok;

	tc.period = 0;
	tc.preemptible = TRUE;
	tc.computation = ms_to_abs(5);
	tc.constraint = ms_to_abs(2);		/* below the computation */
	kr[0] = thread_policy_set(me, THREAD_TIME_CONSTRAINT_POLICY,
	    (thread_policy_t)&tc, THREAD_TIME_CONSTRAINT_POLICY_COUNT);
	tc.computation = us_to_abs(10);		/* below 50 us */
	tc.constraint = ms_to_abs(2);
	kr[1] = thread_policy_set(me, THREAD_TIME_CONSTRAINT_POLICY,
	    (thread_policy_t)&tc, THREAD_TIME_CONSTRAINT_POLICY_COUNT);
	tc.computation = ms_to_abs(60);		/* above 50 ms */
	tc.constraint = ms_to_abs(100);
	kr[2] = thread_policy_set(me, THREAD_TIME_CONSTRAINT_POLICY,
	    (thread_policy_t)&tc, THREAD_TIME_CONSTRAINT_POLICY_COUNT);
	tc.computation = ms_to_abs(2);
	kr[3] = thread_policy_set(me, THREAD_TIME_CONSTRAINT_POLICY,
	    (thread_policy_t)&tc, THREAD_TIME_CONSTRAINT_POLICY_COUNT - 1);
	kr[4] = thread_policy_set(me, THREAD_PRECEDENCE_POLICY,
	    (thread_policy_t)&pre, 0);
	kr[5] = thread_policy_set(me, 99, (thread_policy_t)&pre, 1);
	kr[6] = thread_policy_set(me, THREAD_BACKGROUND_POLICY,
	    (thread_policy_t)&pre, THREAD_BACKGROUND_POLICY_COUNT);
	ok = kr[0] == KERN_INVALID_ARGUMENT && kr[1] == KERN_INVALID_ARGUMENT &&
	    kr[2] == KERN_INVALID_ARGUMENT && kr[3] == KERN_INVALID_ARGUMENT &&
	    kr[4] == KERN_INVALID_ARGUMENT && kr[5] == KERN_INVALID_ARGUMENT &&
	    kr[6] == KERN_INVALID_ARGUMENT;
	ktap_ok(ok && at_prio(me, BASEPRI), "bad_policies_invalid_argument_nothing_changed");

	count = THREAD_AFFINITY_POLICY_COUNT;
	kr[0] = thread_policy_set(me, THREAD_AFFINITY_POLICY, (thread_policy_t)&aff,
	    THREAD_AFFINITY_POLICY_COUNT);
	kr[1] = thread_policy_get(me, THREAD_AFFINITY_POLICY, (thread_policy_t)&aff,
	    &count, &gd);
	ktap_ok(kr[0] == KERN_NOT_SUPPORTED && kr[1] == KERN_NOT_SUPPORTED,
	    "affinity_not_supported");

	memset(big, 0, sizeof(big));
	kr[0] = thread_policy_set(me, THREAD_PRECEDENCE_POLICY, (thread_policy_t)big,
	    THREAD_POLICY_INFO_MAX + 1);
	kr[1] = thread_policy_set(me, THREAD_PRECEDENCE_POLICY,
	    (thread_policy_t)(uintptr_t)0xffffffc000000000ull, 1);
	count = THREAD_PRECEDENCE_POLICY_COUNT;
	kr[2] = thread_policy_get(me, THREAD_PRECEDENCE_POLICY,
	    (thread_policy_t)(uintptr_t)0x10, &count, &gd);
	kr[3] = thread_policy_set(self, THREAD_PRECEDENCE_POLICY,
	    (thread_policy_t)&pre, 1);
	count = THREAD_PRECEDENCE_POLICY_COUNT - 1;
	kr[4] = thread_policy_get(me, THREAD_PRECEDENCE_POLICY, (thread_policy_t)&pre,
	    &count, &gd);
	ktap_ok(kr[0] == MIG_ARRAY_TOO_LARGE && kr[1] == KERN_INVALID_ADDRESS &&
	    kr[2] == KERN_INVALID_ADDRESS && kr[3] == MACH_SEND_INVALID_DEST &&
	    kr[4] == KERN_INVALID_ARGUMENT && at_prio(me, BASEPRI),
	    "bad_counts_pointers_ports");
}

static volatile uint64_t other_ready, other_go;

static void
other_thread(void *arg __attribute__((unused)))
{
	__atomic_store_n(&other_ready, 1, __ATOMIC_RELEASE);
	wait_for(&other_go, 1);
	thread_return();
}

/* the policy of another thread of the task, set and read from here */
static void
test_other_thread(thread_act_t me)
{
	thread_act_array_t list = NULL;
	mach_msg_type_number_t n = 0, count = THREAD_PRECEDENCE_POLICY_COUNT;
	struct thread_precedence_policy pre;
	thread_act_t other = MACH_PORT_NULL;
	boolean_t gd = FALSE;
	bool ok;

	ok = rvmach_thread_start(other_thread, NULL, stack_a, sizeof(stack_a)) ==
	    KERN_SUCCESS && wait_for(&other_ready, 1);
	if (ok && task_threads(self, &list, &n) == KERN_SUCCESS) {
		for (mach_msg_type_number_t i = 0; i < n; i++) {
			if (list[i] != me && other == MACH_PORT_NULL)
				other = list[i];
			else
				mach_port_deallocate(self, list[i]);
		}
		mach_vm_deallocate(self, (mach_vm_address_t)(uintptr_t)list,
		    n * sizeof(thread_act_t));
	}
	ok = ok && other != MACH_PORT_NULL && set_importance(other, -7) ==
	    KERN_SUCCESS && at_prio(other, BASEPRI - 7) && at_prio(me, BASEPRI) &&
	    thread_policy_get(other, THREAD_PRECEDENCE_POLICY,
	    (thread_policy_t)&pre, &count, &gd) == KERN_SUCCESS &&
	    pre.importance == -7;
	ktap_ok(ok, "another_threads_policy");
	__atomic_store_n(&other_go, 1, __ATOMIC_RELEASE);
	/* once it has gone: KERN_TERMINATED or a dead name */
	for (int i = 0; other != MACH_PORT_NULL && i < WAIT_MS; i++) {
		if (type_of(other) & MACH_PORT_TYPE_DEAD_NAME)
			break;
		sleep_ms(1);
	}
	ktap_ok(other != MACH_PORT_NULL && set_importance(other, 3) ==
	    MACH_SEND_INVALID_DEST, "ended_thread_invalid_dest");
	if (other != MACH_PORT_NULL)
		mach_port_deallocate(self, other);
}

/* get flavor of task into info (count words), *gd in/out */
static kern_return_t
tget(task_t task, task_policy_flavor_t flavor, integer_t *info,
    mach_msg_type_number_t count, boolean_t *gd)
{
	mach_msg_type_number_t n = count;

	return task_policy_get(task, flavor, info, &n, gd);
}

/*
 * task_policy_set / _get: the role and the QoS tiers kept and reported as
 * XNU does (defaults, get_default, a child task's own), and XNU's errors
 */
static void
test_task_policy(void)
{
	task_category_policy_data_t cat = { TASK_UNSPECIFIED };
	struct task_qos_policy q = { 0, 0 }, q2;
	integer_t info[TASK_POLICY_INFO_MAX];
	boolean_t gd = FALSE;
	task_t child = MACH_PORT_NULL;
	bool ok;

	/* defaults: no role, no tiers */
	ok = tget(self, TASK_CATEGORY_POLICY, (integer_t *)&cat,
	    TASK_CATEGORY_POLICY_COUNT, &gd) == KERN_SUCCESS &&
	    cat.role == TASK_UNSPECIFIED && !gd &&
	    tget(self, TASK_BASE_QOS_POLICY, (integer_t *)&q, TASK_QOS_POLICY_COUNT,
	    &gd) == KERN_SUCCESS && q.task_latency_qos_tier == 0 &&
	    q.task_throughput_qos_tier == 0;
	ktap_ok(ok, "task_policy_defaults");

	cat.role = TASK_FOREGROUND_APPLICATION;
	q.task_latency_qos_tier = LATENCY_QOS_TIER_2;
	q.task_throughput_qos_tier = THROUGHPUT_QOS_TIER_4;
	ok = task_policy_set(self, TASK_CATEGORY_POLICY, (task_policy_t)&cat,
	    TASK_CATEGORY_POLICY_COUNT) == KERN_SUCCESS &&
	    task_policy_set(self, TASK_BASE_QOS_POLICY, (task_policy_t)&q,
	    TASK_QOS_POLICY_COUNT) == KERN_SUCCESS;
	cat.role = TASK_UNSPECIFIED;
	memset(&q2, 0x55, sizeof(q2));
	ok = ok && tget(self, TASK_CATEGORY_POLICY, (integer_t *)&cat,
	    TASK_CATEGORY_POLICY_COUNT, &gd) == KERN_SUCCESS &&
	    cat.role == TASK_FOREGROUND_APPLICATION &&
	    tget(self, TASK_BASE_QOS_POLICY, (integer_t *)&q2,
	    TASK_QOS_POLICY_COUNT, &gd) == KERN_SUCCESS &&
	    q2.task_latency_qos_tier == LATENCY_QOS_TIER_2 &&
	    q2.task_throughput_qos_tier == THROUGHPUT_QOS_TIER_4 &&
	    tget(self, TASK_OVERRIDE_QOS_POLICY, (integer_t *)&q2,
	    TASK_QOS_POLICY_COUNT, &gd) == KERN_SUCCESS &&
	    q2.task_latency_qos_tier == 0;
	/* the latency alone, then get_default */
	q.task_latency_qos_tier = LATENCY_QOS_TIER_5;
	q.task_throughput_qos_tier = 0;
	gd = TRUE;
	ok = ok && task_policy_set(self, TASK_BASE_LATENCY_QOS_POLICY,
	    (task_policy_t)&q, TASK_QOS_POLICY_COUNT) == KERN_SUCCESS &&
	    tget(self, TASK_BASE_QOS_POLICY, (integer_t *)&q2,
	    TASK_QOS_POLICY_COUNT, &gd) == KERN_SUCCESS && gd &&
	    q2.task_latency_qos_tier == 0 && q2.task_throughput_qos_tier == 0;
	gd = FALSE;
	ok = ok && tget(self, TASK_BASE_QOS_POLICY, (integer_t *)&q2,
	    TASK_QOS_POLICY_COUNT, &gd) == KERN_SUCCESS &&
	    q2.task_latency_qos_tier == LATENCY_QOS_TIER_5 &&
	    q2.task_throughput_qos_tier == THROUGHPUT_QOS_TIER_4;
	ktap_ok(ok, "task_policy_kept_and_reported");

	/* roles: control only for oneself; a new task starts with none */
	cat.role = TASK_CONTROL_APPLICATION;
	ok = task_policy_set(self, TASK_CATEGORY_POLICY, (task_policy_t)&cat,
	    TASK_CATEGORY_POLICY_COUNT) == KERN_SUCCESS &&
	    task_create(self, NULL, 0, FALSE, &child) == KERN_SUCCESS &&
	    task_policy_set(child, TASK_CATEGORY_POLICY, (task_policy_t)&cat,
	    TASK_CATEGORY_POLICY_COUNT) == KERN_INVALID_ARGUMENT;
	cat.role = TASK_BACKGROUND_APPLICATION;
	ok = ok && task_policy_set(child, TASK_CATEGORY_POLICY,
	    (task_policy_t)&cat, TASK_CATEGORY_POLICY_COUNT) == KERN_SUCCESS &&
	    tget(child, TASK_BASE_QOS_POLICY, (integer_t *)&q2,
	    TASK_QOS_POLICY_COUNT, &gd) == KERN_SUCCESS &&
	    q2.task_latency_qos_tier == 0 &&
	    tget(child, TASK_CATEGORY_POLICY, (integer_t *)&cat,
	    TASK_CATEGORY_POLICY_COUNT, &gd) == KERN_SUCCESS &&
	    cat.role == TASK_BACKGROUND_APPLICATION &&
	    tget(self, TASK_CATEGORY_POLICY, (integer_t *)&cat,
	    TASK_CATEGORY_POLICY_COUNT, &gd) == KERN_SUCCESS &&
	    cat.role == TASK_CONTROL_APPLICATION;
	ktap_ok(ok, "task_policy_roles_per_task");
	if (child != MACH_PORT_NULL) {
		task_terminate(child);
		mach_port_deallocate(self, child);
	}

	/* XNU's errors, none of which changes anything */
	memset(info, 0, sizeof(info));
	info[0] = TASK_THROTTLE_APPLICATION;
	ok = task_policy_set(self, TASK_CATEGORY_POLICY, info, 1) ==
	    KERN_INVALID_ARGUMENT &&
	    task_policy_set(self, TASK_CATEGORY_POLICY, info, 0) ==
	    KERN_INVALID_ARGUMENT;
	info[0] = LATENCY_QOS_TIER_0 + 6;	/* past tier 5 */
	info[1] = 0;
	ok = ok && task_policy_set(self, TASK_BASE_QOS_POLICY, info, 2) ==
	    KERN_INVALID_ARGUMENT;
	info[0] = 0;
	info[1] = LATENCY_QOS_TIER_1;		/* the other kind's tier */
	ok = ok && task_policy_set(self, TASK_OVERRIDE_QOS_POLICY, info, 2) ==
	    KERN_INVALID_ARGUMENT &&
	    task_policy_set(self, TASK_BASE_QOS_POLICY, info, 1) ==
	    KERN_INVALID_ARGUMENT &&
	    task_policy_set(self, TASK_SUPPRESSION_POLICY, info, 16) ==
	    KERN_INVALID_ARGUMENT &&
	    task_policy_set(self, TASK_CATEGORY_POLICY, info,
	    TASK_POLICY_INFO_MAX + 1) == MIG_ARRAY_TOO_LARGE &&
	    task_policy_set(MACH_PORT_NULL, TASK_CATEGORY_POLICY, info, 1) ==
	    MACH_SEND_INVALID_DEST &&
	    tget(self, TASK_BASE_LATENCY_QOS_POLICY, info, 2, &gd) ==
	    KERN_INVALID_ARGUMENT &&
	    tget(self, TASK_CATEGORY_POLICY, info, 0, &gd) ==
	    KERN_INVALID_ARGUMENT &&
	    task_policy_get(self, TASK_CATEGORY_POLICY, info,
	    (mach_msg_type_number_t *)(uintptr_t)0xffffffc000000000ull, &gd) ==
	    KERN_INVALID_ADDRESS;
	ok = ok && tget(self, TASK_CATEGORY_POLICY, (integer_t *)&cat,
	    TASK_CATEGORY_POLICY_COUNT, &gd) == KERN_SUCCESS &&
	    cat.role == TASK_CONTROL_APPLICATION &&
	    tget(self, TASK_BASE_QOS_POLICY, (integer_t *)&q2,
	    TASK_QOS_POLICY_COUNT, &gd) == KERN_SUCCESS &&
	    q2.task_latency_qos_tier == LATENCY_QOS_TIER_5;
	ktap_ok(ok, "task_policy_errors_change_nothing");
}

int
main(void)
{
	mach_msg_type_number_t names_before;
	thread_act_t me;

	self = mach_task_self();
	mach_timebase_info(&tb);
	ktap_plan("upolicy", 18);
	names_before = names_in_use();
	me = mach_thread_self();
	test_defaults(me);
	test_precedence(me);
	test_extended_and_realtime(me);
	test_errors(me);
	test_other_thread(me);
	test_task_policy();
	mach_port_deallocate(self, me);
	ktap_ok(names_before != 0 && names_in_use() == names_before,
	    "names_back_to_where_they_were");
	return ktap_done();
}
