/*
 * task/task_clock.c - the clock services (XNU's clock.defs and
 * host_get_clock_service): SYSTEM_CLOCK and CALENDAR_CLOCK, each a
 * kernel object with a port (IKOT_CLOCK) made at boot, handed out as a
 * send right on the host port; clock_get_time and clock_get_attributes
 * on it.  Both clocks read nanotime(); the calendar adds the real-time
 * clock's reading at boot (ns since the epoch, UTC) where the machine has
 * one (QEMU virt's goldfish RTC), else it counts from boot too
 * (docs/abi.md).
 */
#include <mach/clock_types.h>
#include <machine/clock.h>
#include "kernel/copyio.h"
#include "kernel/ipc/ipc_port.h"
#include "kernel/ipc/mach_port.h"
#include "kernel/panic.h"
#include "kernel/sched/timer.h"
#include "task/task.h"
#include "task/task_trap.h"

struct clock {
	clock_id_t	id;
	ipc_port_t	port;		/* [c] */
};

static struct clock clocks[] = {
	{ .id = SYSTEM_CLOCK },
	{ .id = CALENDAR_CLOCK },
};

static uint64_t calendar_base_ns;	/* [c] the epoch's ns at nanotime() 0 */

static void
clock_kobject_reference(void *obj __unused)
{
	/* the clocks are static: nothing to hold */
}

void
task_clock_init(void)
{
	uint64_t rtc, now;

	if (machine_rtc_read(&rtc)) {
		now = nanotime();
		calendar_base_ns = rtc > now ? rtc - now : 0;
	}
	ipc_kobject_register(IKOT_CLOCK, clock_kobject_reference);
	for (size_t i = 0; i < ARRAY_SIZE(clocks); i++) {
		clocks[i].port = ipc_port_alloc_kernel(&clocks[i], IKOT_CLOCK);
		if (clocks[i].port == IP_NULL)
			panic("task_clock_init: no memory for the clock ports");
	}
}

/* host_get_clock_service(host, clock_id, clock_serv *) */
ipc_port_t
clock_service_port(int id)
{
	if (id < 0 || id >= (int)ARRAY_SIZE(clocks))
		return IP_NULL;
	return ipc_port_make_send(clocks[id].port);
}

uint64_t
trap_host_get_clock_service(const uint64_t a[USERTRAP_NARGS])
{
	int id = (int)a[1];
	mach_port_name_t name;

	if (!port_name_is_host((mach_port_name_t)a[0]))
		return MACH_SEND_INVALID_DEST;
	if (id < 0 || id >= (int)ARRAY_SIZE(clocks))
		return KERN_INVALID_ARGUMENT;
	/* the result's place first: nothing made for a bad pointer */
	if (copyout_u32(MACH_PORT_NULL, a[2]) != KERN_SUCCESS)
		return KERN_INVALID_ADDRESS;
	name = ipc_port_copyout_send(ipc_port_make_send(clocks[id].port),
	    current_task()->itk_space);
	if (name == MACH_PORT_NULL)
		return KERN_RESOURCE_SHORTAGE;
	if (copyout_u32(name, a[2]) != KERN_SUCCESS) {
		mach_port_deallocate(current_task()->itk_space, name);
		return KERN_INVALID_ADDRESS;
	}
	return KERN_SUCCESS;
}

static struct clock *
clock_lookup(mach_port_name_t name)
{
	void *obj;

	if (!ipc_kobject_lookup(current_task()->itk_space, name, IKOT_CLOCK, &obj))
		return NULL;
	return obj;
}

kern_return_t
clock_time_get(void *clock, mach_timespec_t *ts)
{
	const struct clock *c = clock;
	uint64_t ns = nanotime() + (c->id == CALENDAR_CLOCK ? calendar_base_ns : 0);

	ts->tv_sec = (unsigned int)(ns / NSEC_PER_SEC);
	ts->tv_nsec = (clock_res_t)(ns % NSEC_PER_SEC);
	return KERN_SUCCESS;
}

kern_return_t
clock_attributes_get(void *clock, clock_flavor_t flavor, clock_res_t *resp,
    uint32_t count)
{
	const struct clock *c = clock;

	if (count != 1)
		return KERN_FAILURE;
	switch (flavor) {
	case CLOCK_GET_TIME_RES:
		*resp = (clock_res_t)(NSEC_PER_SEC / 100);
		return KERN_SUCCESS;
	case CLOCK_ALARM_CURRES:
	case CLOCK_ALARM_MINRES:
	case CLOCK_ALARM_MAXRES:
		*resp = c->id == SYSTEM_CLOCK ? (clock_res_t)(NSEC_PER_SEC / 100) : 0;
		return KERN_SUCCESS;
	default:
		return KERN_INVALID_VALUE;
	}
}

/* clock_get_time(clock_serv, mach_timespec *) */
uint64_t
trap_clock_get_time(const uint64_t a[USERTRAP_NARGS])
{
	struct clock *c = clock_lookup((mach_port_name_t)a[0]);
	mach_timespec_t ts;

	if (c == NULL)
		return MACH_SEND_INVALID_DEST;
	clock_time_get(c, &ts);
	if (copyout(&ts, a[1], sizeof(ts)) != KERN_SUCCESS)
		return KERN_INVALID_ADDRESS;
	return KERN_SUCCESS;
}

/* clock_get_attributes(clock_serv, flavor, attr *, count *) */
uint64_t
trap_clock_get_attributes(const uint64_t a[USERTRAP_NARGS])
{
	struct clock *c = clock_lookup((mach_port_name_t)a[0]);
	clock_res_t res;
	uint32_t count;
	kern_return_t kr;

	if (c == NULL)
		return MACH_SEND_INVALID_DEST;
	if (copyin(a[3], &count, sizeof(count)) != KERN_SUCCESS)
		return KERN_INVALID_ADDRESS;
	kr = clock_attributes_get(c, (clock_flavor_t)a[1], &res, count);
	if (kr == KERN_SUCCESS && copyout(&res, a[2], sizeof(res)) != KERN_SUCCESS)
		return KERN_INVALID_ADDRESS;
	return kr;
}

/*
 * clock_sleep_trap(clock_name, sleep_type, sleep_sec, sleep_nsec,
 * wakeup_time *), as XNU's clock_sleep_internal: the system clock only
 * (MACH_PORT_NULL names it too); an absolute time already past, or a
 * relative 0, returns at once; an abort ends the sleep with KERN_ABORTED.
 * The wake-up time goes out in both cases.
 */
uint64_t
trap_clock_sleep(const uint64_t a[USERTRAP_NARGS])
{
	mach_port_name_t name = (mach_port_name_t)a[0];
	struct clock *c = name == MACH_PORT_NULL ? &clocks[SYSTEM_CLOCK] :
	    clock_lookup(name);
	sleep_type_t type = (sleep_type_t)a[1];
	mach_timespec_t t = { .tv_sec = (unsigned int)a[2],
	    .tv_nsec = (clock_res_t)a[3] };
	uint64_t now, when, ns;
	kern_return_t kr = KERN_SUCCESS;

	if (c == NULL)
		return KERN_INVALID_ARGUMENT;
	if (c->id != SYSTEM_CLOCK)
		return KERN_FAILURE;
	if ((type != TIME_ABSOLUTE && type != TIME_RELATIVE) ||
	    BAD_MACH_TIMESPEC(&t))
		return KERN_INVALID_VALUE;
	/* the wake-up time's place must be writable before the sleep */
	{
		const mach_timespec_t zero = { 0, 0 };

		if (a[4] != 0 && copyout(&zero, a[4], sizeof(zero)) != KERN_SUCCESS)
			return KERN_INVALID_ADDRESS;
	}
	ns = (uint64_t)t.tv_sec * NSEC_PER_SEC + (uint64_t)t.tv_nsec;
	now = nanotime();
	when = type == TIME_ABSOLUTE ? ns : (now + ns < now ? UINT64_MAX : now + ns);
	if (when > now) {
		assert_wait_deadline((event_t)current_thread(),
		    THREAD_INTERRUPTIBLE, when);
		if (thread_block() != THREAD_TIMED_OUT)
			kr = KERN_ABORTED;
	}
	clock_time_get(c, &t);
	if (a[4] != 0 && copyout(&t, a[4], sizeof(t)) != KERN_SUCCESS)
		kr = KERN_INVALID_ADDRESS;
	return kr;
}
