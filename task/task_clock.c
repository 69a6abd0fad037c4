/*
 * task/task_clock.c - the clock services (XNU's clock.defs and
 * host_get_clock_service): SYSTEM_CLOCK and CALENDAR_CLOCK, each a
 * kernel object with a port (IKOT_CLOCK) made at boot, handed out as a
 * send right on the host port; clock_get_time, clock_get_attributes,
 * clock_sleep and clock_alarm on it.  Both clocks read nanotime(); the
 * calendar adds the real-time clock's reading at boot (ns since the
 * epoch, UTC) where the machine has one (QEMU virt's goldfish RTC), else
 * it counts from boot too (docs/abi.md).
 */
#include <mach/clock_reply.h>
#include <mach/clock_types.h>
#include <machine/clock.h>
#include "kernel/copyio.h"
#include "kernel/ipc/ipc_kmsg.h"
#include "kernel/ipc/ipc_mqueue.h"
#include "kernel/ipc/ipc_port.h"
#include "kernel/ipc/mach_port.h"
#include "kernel/panic.h"
#include "kernel/sched/timer.h"
#include "kernel/vm/kalloc.h"
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

	if (!port_name_is_host((mach_port_name_t)a[0]))
		return MACH_SEND_INVALID_DEST;
	if (id < 0 || id >= (int)ARRAY_SIZE(clocks))
		return KERN_INVALID_ARGUMENT;
	/* the result's place first: nothing made for a bad pointer */
	if (probe_out(a[2], sizeof(mach_port_name_t)) != KERN_SUCCESS)
		return KERN_INVALID_ADDRESS;
	return right_out(ipc_port_make_send(clocks[id].port), a[2]);
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

/*
 * clock_alarm.  An alarm holds the send-once right and the message it
 * will send, both taken when the call is made, so that its firing (a
 * timer call, in interrupt context on the hart that armed it) neither
 * allocates nor fails: it fills in the time and sends (to a port dead by
 * then, the message is destroyed with the right), then frees the alarm.
 */
struct clock_alarm {
	struct timer_call tc;		/* [c] armed once */
	ipc_kmsg_t	kmsg;		/* [c] the reply, to the send-once right */
};

/*
 * Alarms waiting, at most CLOCK_ALARMS_MAX for the whole system: each
 * holds kernel memory and a port (beyond its task's end), so a task
 * setting alarms far off is refused at that point (KERN_RESOURCE_SHORTAGE)
 * instead of taking the memory the rest of the system needs.
 */
#define CLOCK_ALARMS_MAX	4096
static uint32_t clock_alarms_pending;	/* [a] */

static void
clock_alarm_post(ipc_kmsg_t kmsg, kern_return_t code)
{
	__Request__clock_alarm_reply_t *r = (void *)&kmsg->ikm_header;
	mach_timespec_t now;

	clock_time_get(&clocks[SYSTEM_CLOCK], &now);
	r->NDR = NDR_record;
	r->alarm_code = code;
	r->alarm_time = now;
	ipc_mqueue_send_kernel(kmsg);
}

static void
clock_alarm_fire(struct timer_call *tc __unused, void *arg)
{
	struct clock_alarm *al = arg;

	clock_alarm_post(al->kmsg, KERN_SUCCESS);
	kfree(al, sizeof(*al));
	__atomic_fetch_sub(&clock_alarms_pending, 1, __ATOMIC_RELAXED);
}

/*
 * clock_alarm(clock_serv, alarm_type, sec, nsec, alarm_port), as XNU's
 * (osfmk/kern/clock_oldops.c): the system clock only; a type other than
 * TIME_ABSOLUTE / TIME_RELATIVE or a bad tv_nsec is answered at once with
 * KERN_INVALID_VALUE in the reply, a time already reached with
 * KERN_SUCCESS, and the call succeeds either way.
 */
uint64_t
trap_clock_alarm(const uint64_t a[USERTRAP_NARGS])
{
	struct clock *c = clock_lookup((mach_port_name_t)a[0]);
	alarm_type_t type = (alarm_type_t)a[1];
	mach_timespec_t t = { .tv_sec = (unsigned int)a[2],
	    .tv_nsec = (clock_res_t)a[3] };
	__Request__clock_alarm_reply_t *r;
	struct clock_alarm *al = NULL;
	ipc_kmsg_t kmsg;
	ipc_port_t port;
	uint64_t now, when = 0, ns;
	bool valid, later;

	if (c == NULL)
		return MACH_SEND_INVALID_DEST;
	if (c->id != SYSTEM_CLOCK)
		return KERN_FAILURE;
	if (ipc_port_copyin_make_sonce(current_task()->itk_space,
	    (mach_port_name_t)a[4], &port) != KERN_SUCCESS)
		return MACH_SEND_INVALID_RIGHT;
	if (!IP_VALID(port))
		return KERN_INVALID_CAPABILITY;
	valid = (type & ~TIME_RELATIVE) == 0 && !BAD_MACH_TIMESPEC(&t);
	now = nanotime();
	if (valid) {
		ns = (uint64_t)t.tv_sec * NSEC_PER_SEC + (uint64_t)t.tv_nsec;
		when = type == TIME_ABSOLUTE ? ns :
		    (now + ns < now ? UINT64_MAX : now + ns);
	}
	later = valid && when > now;
	/* a slot for an alarm that waits, then its memory */
	if (later && __atomic_add_fetch(&clock_alarms_pending, 1,
	    __ATOMIC_RELAXED) > CLOCK_ALARMS_MAX)
		goto fail;
	if (later && (al = kalloc(sizeof(*al))) == NULL)
		goto fail;
	kmsg = ipc_kmsg_kernel_sonce(port, CLOCK_ALARM_REPLY_ID, sizeof(*r), 0);
	if (kmsg == IKM_NULL)
		goto fail;
	r = (void *)&kmsg->ikm_header;
	r->alarm_type = type;
	if (!later) {
		/* at once: bad values, or a time already reached */
		clock_alarm_post(kmsg, valid ? KERN_SUCCESS : KERN_INVALID_VALUE);
		return KERN_SUCCESS;
	}
	al->kmsg = kmsg;
	timer_call_setup(&al->tc, clock_alarm_fire, al);
	timer_call_enter(&al->tc, when);
	return KERN_SUCCESS;
fail:
	if (al != NULL)
		kfree(al, sizeof(*al));
	if (later)
		__atomic_fetch_sub(&clock_alarms_pending, 1, __ATOMIC_RELAXED);
	ipc_port_release_sonce(port);
	return KERN_RESOURCE_SHORTAGE;
}
