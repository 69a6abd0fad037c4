/*
 * task/thread_policy.c - thread_policy_set and thread_policy_get
 * (<mach/thread_policy.h>): XNU's flavors and rules on rvmach's
 * fixed-priority scheduler.
 *
 * A user thread runs at TP_BASEPRI (XNU's task priority for a user task)
 * plus its importance (THREAD_PRECEDENCE_POLICY), kept within
 * MINPRI..TP_MAXPRI_USER as XNU's thread_recompute_priority does; a thread
 * with a time constraint (THREAD_TIME_CONSTRAINT_POLICY) runs at
 * TP_BASEPRI_RT instead, above every user priority.  Every rvmach thread
 * shares its priority round robin on a quantum, so THREAD_EXTENDED_POLICY's
 * timeshare flag is kept and reported but changes nothing.  Affinity sets
 * are refused with KERN_NOT_SUPPORTED, as XNU does where a machine has none.
 *
 * The policy lives in the thread (struct thread_sched_policy), guarded by
 * its task's lock; the priority it comes to is applied after the lock is
 * dropped and checked again, so two callers racing end at the priority of
 * the policy that stayed.
 */
#include <mach/mig_errors.h>
#include <mach/thread_policy.h>
#include "kernel/copyio.h"
#include "kernel/lib/string.h"
#include "kernel/sched/timer.h"
#include "task/task.h"
#include "task/task_trap.h"

#define TP_BASEPRI	BASEPRI_DEFAULT	/* a user thread's (XNU's BASEPRI_DEFAULT) */
#define TP_MAXPRI_USER	63		/* XNU's MAXPRI_USER */
/*
 * time-constrained threads: above every user priority and below the
 * kernel's own threads (the reaper runs at 95); XNU's BASEPRI_RTQUEUES is
 * 97, with a failsafe that demotes a thread overrunning its computation,
 * which rvmach does not have
 */
#define TP_BASEPRI_RT	80

/* the bounds XNU puts on a time constraint's computation: 50 us .. 50 ms */
#define TP_MIN_RT_QUANTUM_NS	(50 * NSEC_PER_USEC)
#define TP_MAX_RT_QUANTUM_NS	(50 * NSEC_PER_MSEC)
/* the defaults thread_policy_get reports: half a quantum, a quantum (20 ms) */
#define TP_QUANTUM_NS		(20 * NSEC_PER_MSEC)

static int
policy_priority(const struct thread_sched_policy *p)
{
	int imp = p->importance, pri;

	if (p->realtime)
		return TP_BASEPRI_RT;
	imp = imp > MAXPRI ? MAXPRI : imp < -MAXPRI ? -MAXPRI : imp;
	pri = TP_BASEPRI + imp;
	return pri > TP_MAXPRI_USER ? TP_MAXPRI_USER : pri < MINPRI ? MINPRI : pri;
}

/* give th the priority its policy comes to (pri, read under t's lock) */
static kern_return_t
policy_apply(task_t t, thread_t th, int pri)
{
	struct thread_sched_policy *p = thread_task_policy(th);
	kern_return_t kr;
	int now;

	for (;;) {
		if ((kr = thread_set_priority(th, pri)) != KERN_SUCCESS)
			return kr;
		spin_lock(&t->lock);
		now = policy_priority(p);
		spin_unlock(&t->lock);
		if (now == pri)
			return KERN_SUCCESS;
		pri = now;		/* another call changed it meanwhile */
	}
}

int
thread_policy_base_priority(thread_t th)
{
	task_t t = thread_task(th);
	int pri;

	spin_lock(&t->lock);
	pri = policy_priority(thread_task_policy(th));
	spin_unlock(&t->lock);
	return pri;
}

int
thread_policy_max_priority(thread_t th __unused)
{
	return TP_MAXPRI_USER;
}

kern_return_t
thread_policy_set(thread_t th, thread_policy_flavor_t flavor,
    const integer_t *info, uint32_t count)
{
	task_t t = thread_task(th);
	struct thread_sched_policy *p;
	struct thread_time_constraint_policy tc;
	uint64_t comp_ns, constr_ns;
	bool timeshare = true;
	int pri;

	if (t == NULL)
		return KERN_INVALID_ARGUMENT;
	/* everything checked before anything changes */
	switch (flavor) {
	case THREAD_EXTENDED_POLICY:
		/* a shorter count is THREAD_STANDARD_POLICY: timeshare */
		if (count >= THREAD_EXTENDED_POLICY_COUNT)
			timeshare = info[0] != 0;
		break;
	case THREAD_TIME_CONSTRAINT_POLICY:
		if (count < THREAD_TIME_CONSTRAINT_POLICY_COUNT)
			return KERN_INVALID_ARGUMENT;
		memcpy(&tc, info, sizeof(tc));
		comp_ns = ticks_to_ns(tc.computation);
		constr_ns = ticks_to_ns(tc.constraint);
		if (constr_ns < comp_ns || comp_ns > TP_MAX_RT_QUANTUM_NS ||
		    comp_ns < TP_MIN_RT_QUANTUM_NS)
			return KERN_INVALID_ARGUMENT;
		break;
	case THREAD_PRECEDENCE_POLICY:
		if (count < THREAD_PRECEDENCE_POLICY_COUNT)
			return KERN_INVALID_ARGUMENT;
		break;
	case THREAD_AFFINITY_POLICY:
		return KERN_NOT_SUPPORTED;
	default:
		return KERN_INVALID_ARGUMENT;
	}
	p = thread_task_policy(th);
	spin_lock(&t->lock);
	if (thread_exiting_locked(th)) {
		spin_unlock(&t->lock);
		return KERN_TERMINATED;
	}
	switch (flavor) {
	case THREAD_EXTENDED_POLICY:
		p->realtime = false;
		p->fixed = !timeshare;
		break;
	case THREAD_TIME_CONSTRAINT_POLICY:
		p->rt_period = tc.period;
		p->rt_computation = tc.computation;
		p->rt_constraint = tc.constraint;
		p->rt_preemptible = tc.preemptible != 0;
		p->realtime = true;
		break;
	default:			/* THREAD_PRECEDENCE_POLICY */
		p->importance = info[0];
		break;
	}
	pri = policy_priority(p);
	spin_unlock(&t->lock);
	return policy_apply(t, th, pri);
}

kern_return_t
thread_policy_get(thread_t th, thread_policy_flavor_t flavor, integer_t *info,
    uint32_t *countp, boolean_t *get_default)
{
	task_t t = thread_task(th);
	struct thread_sched_policy p;
	uint32_t count = *countp;

	if (t == NULL)
		return KERN_INVALID_ARGUMENT;
	spin_lock(&t->lock);
	if (thread_exiting_locked(th)) {
		spin_unlock(&t->lock);
		return KERN_TERMINATED;
	}
	p = *thread_task_policy(th);
	spin_unlock(&t->lock);
	switch (flavor) {
	case THREAD_EXTENDED_POLICY: {
		bool timeshare = true;

		/* a time constraint takes precedence: the default then */
		if (!*get_default) {
			if (p.realtime)
				*get_default = TRUE;
			else
				timeshare = !p.fixed;
		}
		if (count >= THREAD_EXTENDED_POLICY_COUNT)
			info[0] = timeshare;
		return KERN_SUCCESS;
	}
	case THREAD_TIME_CONSTRAINT_POLICY: {
		struct thread_time_constraint_policy tc;

		if (count < THREAD_TIME_CONSTRAINT_POLICY_COUNT)
			return KERN_INVALID_ARGUMENT;
		if (!*get_default && !p.realtime)
			*get_default = TRUE;
		if (*get_default) {
			tc.period = 0;
			tc.computation = (uint32_t)ns_to_ticks(TP_QUANTUM_NS / 2);
			tc.constraint = (uint32_t)ns_to_ticks(TP_QUANTUM_NS);
			tc.preemptible = TRUE;
		} else {
			tc.period = p.rt_period;
			tc.computation = p.rt_computation;
			tc.constraint = p.rt_constraint;
			tc.preemptible = p.rt_preemptible;
		}
		memcpy(info, &tc, sizeof(tc));
		return KERN_SUCCESS;
	}
	case THREAD_PRECEDENCE_POLICY:
		if (count < THREAD_PRECEDENCE_POLICY_COUNT)
			return KERN_INVALID_ARGUMENT;
		info[0] = *get_default ? 0 : p.importance;
		return KERN_SUCCESS;
	case THREAD_AFFINITY_POLICY:
		return KERN_NOT_SUPPORTED;
	default:
		return KERN_INVALID_ARGUMENT;
	}
}

/*
 * The four policy traps (thread_ and task_policy_set / _get) take their
 * arguments alike: (port, flavor, info *, count[, *count, *get_default]),
 * info at most POLICY_INFO_MAX words, as MIG's array[*:16].
 */
#define POLICY_INFO_MAX	16
_Static_assert(THREAD_POLICY_INFO_MAX == POLICY_INFO_MAX, "policy arrays");

kern_return_t
policy_set_args_in(const uint64_t a[USERTRAP_NARGS], integer_t *info,
    uint32_t *countp)
{
	uint32_t count = (uint32_t)a[3];

	memset(info, 0, POLICY_INFO_MAX * sizeof(integer_t));
	if (count > POLICY_INFO_MAX)
		return MIG_ARRAY_TOO_LARGE;	/* XNU's MIG stub refuses it so */
	if (count != 0 && copyin(a[2], info, count * sizeof(integer_t)) !=
	    KERN_SUCCESS)
		return KERN_INVALID_ADDRESS;
	*countp = count;
	return KERN_SUCCESS;
}

kern_return_t
policy_get_args_in(const uint64_t a[USERTRAP_NARGS], integer_t *info,
    uint32_t *countp, bool *gdp)
{
	uint32_t count, gd;

	if (copyin(a[3], &count, sizeof(count)) != KERN_SUCCESS ||
	    copyin(a[4], &gd, sizeof(gd)) != KERN_SUCCESS)
		return KERN_INVALID_ADDRESS;
	memset(info, 0, POLICY_INFO_MAX * sizeof(integer_t));
	*countp = MIN(count, (uint32_t)POLICY_INFO_MAX);
	*gdp = gd != 0;
	return KERN_SUCCESS;
}

kern_return_t
policy_get_args_out(const uint64_t a[USERTRAP_NARGS], const integer_t *info,
    uint32_t count, bool gd)
{
	uint32_t g = gd ? TRUE : FALSE;

	if ((count != 0 && copyout(info, a[2], count * sizeof(integer_t)) !=
	    KERN_SUCCESS) || copyout(&count, a[3], sizeof(count)) != KERN_SUCCESS ||
	    copyout(&g, a[4], sizeof(g)) != KERN_SUCCESS)
		return KERN_INVALID_ADDRESS;
	return KERN_SUCCESS;
}

/* thread_policy_set(thread, flavor, info *, count) */
uint64_t
trap_thread_policy_set(const uint64_t a[USERTRAP_NARGS])
{
	thread_t th = port_name_to_thread((mach_port_name_t)a[0]);
	integer_t info[POLICY_INFO_MAX];
	uint32_t count;
	kern_return_t kr;

	if (th == THREAD_NULL)
		return MACH_SEND_INVALID_DEST;
	kr = policy_set_args_in(a, info, &count);
	if (kr == KERN_SUCCESS)
		kr = thread_policy_set(th, (thread_policy_flavor_t)a[1], info, count);
	thread_port_done(th);
	return kr;
}

/* thread_policy_get(thread, flavor, info *, count *, get_default *) */
uint64_t
trap_thread_policy_get(const uint64_t a[USERTRAP_NARGS])
{
	thread_t th = port_name_to_thread((mach_port_name_t)a[0]);
	integer_t info[POLICY_INFO_MAX];
	uint32_t count;
	boolean_t get_default;
	bool gd;
	kern_return_t kr;

	if (th == THREAD_NULL)
		return MACH_SEND_INVALID_DEST;
	kr = policy_get_args_in(a, info, &count, &gd);
	if (kr == KERN_SUCCESS) {
		get_default = gd;
		kr = thread_policy_get(th, (thread_policy_flavor_t)a[1], info,
		    &count, &get_default);
		if (kr == KERN_SUCCESS)
			kr = policy_get_args_out(a, info, count, get_default);
	}
	thread_port_done(th);
	return kr;
}
