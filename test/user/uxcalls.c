/*
 * test/user/uxcalls.c - XNU calls beyond the list that programs
 * written against XNU's headers use: mach_port_peek (by sequence number,
 * the trailer, the message left queued, bad trailers and rights),
 * mach_port_kobject (each kind of kernel object), thread_get_special_port
 * and thread_set_special_port, thread_abort_safely (a receive ends
 * MACH_RCV_INTERRUPTED), the clock services (host_get_clock_service,
 * clock_get_time, the calendar from the real-time clock where there is
 * one, clock_get_attributes, clock_sleep, which an abort ends
 * with KERN_ABORTED, clock_alarm's replies), host_processor_info and
 * host_kernel_version, the processor set (its ports, info, statistics,
 * tasks and threads), and
 * mach_vm_remap (shared and
 * copy-on-write, the mask, the data address, fixed and overwrite, a
 * copy-on-write source shared afterwards, into another task, the errors).
 * Every name made is given back: the count of names ends where it began.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <mach/clock_reply.h>
#include <mach/mach.h>
#include <mach/rvmach_debug.h>

#include "ktap.h"
#include "utest_util.h"

/* XNU's kernel object kinds (osfmk/kern/ipc_kobject.h), as mach_port_kobject gives them */
#define IKOT_THREAD_CONTROL	1
#define IKOT_TASK_CONTROL	2
#define IKOT_HOST		3
#define IKOT_PSET		6
#define IKOT_PSET_NAME		7
#define IKOT_SEMAPHORE		23
#define IKOT_CLOCK		25

#define PAGE		4096

static mach_port_t self;
static char stack_a[16384] __attribute__((aligned(16)));
static char stack_b[16384] __attribute__((aligned(16)));

struct msg {
	mach_msg_header_t h;
	uint32_t body[8];
};

static kern_return_t
send_id(mach_port_t port, mach_msg_id_t id, mach_msg_size_t size)
{
	struct msg m;

	memset(&m, 0, sizeof(m));
	m.h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND, 0);
	m.h.msgh_size = size;
	m.h.msgh_remote_port = port;
	m.h.msgh_id = id;
	return mach_msg(&m.h, MACH_SEND_MSG | MACH_SEND_TIMEOUT, size, 0,
	    MACH_PORT_NULL, 0, MACH_PORT_NULL);
}

static mach_msg_trailer_type_t
trailer(unsigned elements)
{
	return MACH_RCV_TRAILER_TYPE(MACH_MSG_TRAILER_FORMAT_0) |
	    MACH_RCV_TRAILER_ELEMENTS(elements);
}

static void
test_peek(void)
{
	mach_port_t port = new_port(), pset = MACH_PORT_NULL;
	mach_msg_audit_trailer_t at;
	mach_msg_type_number_t tsize = sizeof(at);
	mach_port_seqno_t seqno = 0;
	mach_msg_size_t size = 0;
	mach_msg_id_t id = 0;
	union {
		struct msg m;
		char space[sizeof(struct msg) + MAX_TRAILER_SIZE];
	} r;
	kern_return_t kr;
	bool ok;

	kr = mach_port_peek(self, port, trailer(MACH_RCV_TRAILER_AUDIT), &seqno,
	    &size, &id, (mach_msg_trailer_info_t)&at, &tsize);
	ktap_ok(kr == KERN_FAILURE, "peek_empty_queue_kern_failure");

	send_id(port, 0x41414141, sizeof(mach_msg_header_t) + 8);
	send_id(port, 7, sizeof(struct msg));
	memset(&at, 0xff, sizeof(at));
	kr = mach_port_peek(self, port, trailer(MACH_RCV_TRAILER_AUDIT), &seqno,
	    &size, &id, (mach_msg_trailer_info_t)&at, &tsize);
	ktap_ok(kr == KERN_SUCCESS && id == 0x41414141 &&
	    size == sizeof(mach_msg_header_t) + 8 + 8 && seqno == 0 &&
	    tsize == sizeof(at) && at.msgh_trailer_type == MACH_MSG_TRAILER_FORMAT_0 &&
	    at.msgh_trailer_size == sizeof(at) && at.msgh_seqno == 0,
	    "peek_first_message_size_id_trailer");
	seqno = 1;
	tsize = sizeof(at);
	kr = mach_port_peek(self, port, trailer(MACH_RCV_TRAILER_SEQNO), &seqno,
	    &size, &id, (mach_msg_trailer_info_t)&at, &tsize);
	ok = kr == KERN_SUCCESS && id == 7 && seqno == 1 &&
	    tsize == sizeof(mach_msg_seqno_trailer_t) && at.msgh_seqno == 1;
	seqno = 2;
	tsize = sizeof(at);
	kr = mach_port_peek(self, port, trailer(0), &seqno, &size, &id,
	    (mach_msg_trailer_info_t)&at, &tsize);
	ktap_ok(ok && kr == KERN_FAILURE, "peek_by_sequence_number");

	/* the peeked message is still there: the receive takes it, then the next */
	kr = mach_msg(&r.m.h, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0, sizeof(r), port,
	    0, MACH_PORT_NULL);
	ok = kr == MACH_MSG_SUCCESS && r.m.h.msgh_id == 0x41414141;
	seqno = 0;
	tsize = sizeof(at);
	kr = mach_port_peek(self, port, trailer(MACH_RCV_TRAILER_SEQNO), &seqno,
	    &size, &id, (mach_msg_trailer_info_t)&at, &tsize);
	ktap_ok(ok && kr == KERN_SUCCESS && id == 7 && seqno == 1,
	    "peek_leaves_the_message_queued");

	tsize = sizeof(at);
	kr = mach_port_peek(self, port, trailer(MACH_RCV_TRAILER_CTX), &seqno,
	    &size, &id, (mach_msg_trailer_info_t)&at, &tsize);
	ok = kr == KERN_INVALID_VALUE;
	tsize = sizeof(mach_msg_seqno_trailer_t);
	kr = mach_port_peek(self, port, trailer(MACH_RCV_TRAILER_AUDIT), &seqno,
	    &size, &id, (mach_msg_trailer_info_t)&at, &tsize);
	ktap_ok(ok && kr == KERN_INVALID_VALUE, "peek_bad_trailer_invalid_value");

	mach_port_allocate(self, MACH_PORT_RIGHT_PORT_SET, &pset);
	tsize = sizeof(at);
	kr = mach_port_peek(self, pset, trailer(0), &seqno, &size, &id,
	    (mach_msg_trailer_info_t)&at, &tsize);
	ok = kr == KERN_INVALID_RIGHT;
	kr = mach_port_peek(self, 0x7777, trailer(0), &seqno, &size, &id,
	    (mach_msg_trailer_info_t)&at, &tsize);
	ktap_ok(ok && kr == KERN_INVALID_NAME &&
	    mach_port_peek(self, port, trailer(0), &seqno, &size, &id,
	    (mach_msg_trailer_info_t)(uintptr_t)0xffffffffffff0000ull, &tsize) ==
	    KERN_INVALID_ADDRESS, "peek_wrong_right_name_pointer");
	mach_port_destroy(self, pset);
	mach_port_destroy(self, port);
}

static void
test_kobject(void)
{
	mach_port_t th = mach_thread_self(), host = mach_host_self();
	mach_port_t port = new_port(), pset = MACH_PORT_NULL;
	semaphore_t sem = MACH_PORT_NULL;
	mach_vm_address_t addr = 1;
	natural_t type[5] = { 99, 99, 99, 99, 99 };
	bool ok;

	semaphore_create(self, &sem, SYNC_POLICY_FIFO, 0);
	ok = mach_port_kobject(self, self, &type[0], &addr) == KERN_SUCCESS &&
	    addr == 0 &&
	    mach_port_kobject(self, th, &type[1], &addr) == KERN_SUCCESS &&
	    mach_port_kobject(self, host, &type[2], &addr) == KERN_SUCCESS &&
	    mach_port_kobject(self, sem, &type[3], &addr) == KERN_SUCCESS &&
	    mach_port_kobject(self, port, &type[4], &addr) == KERN_SUCCESS;
	ktap_ok(ok && type[0] == IKOT_TASK_CONTROL &&
	    type[1] == IKOT_THREAD_CONTROL && type[2] == IKOT_HOST &&
	    type[3] == IKOT_SEMAPHORE && type[4] == 0,
	    "kobject_kinds_task_thread_host_semaphore_plain");
	mach_port_allocate(self, MACH_PORT_RIGHT_PORT_SET, &pset);
	ktap_ok(mach_port_kobject(self, pset, &type[0], &addr) ==
	    KERN_INVALID_RIGHT &&
	    mach_port_kobject(self, 0x7777, &type[0], &addr) == KERN_INVALID_NAME &&
	    mach_port_kobject(self, MACH_PORT_NULL, &type[0], &addr) ==
	    KERN_INVALID_NAME, "kobject_errors");
	mach_port_destroy(self, pset);
	mach_port_destroy(self, port);
	semaphore_destroy(self, sem);
	mach_port_deallocate(self, th);
	mach_port_deallocate(self, host);
}

/* the thread aborted while it waits in a receive */
static volatile mach_port_t waiter_port, waiter_self;
static volatile mach_msg_return_t waiter_result = MACH_MSG_SUCCESS;
static volatile uint64_t waiter_done;

static void
waiter(void *arg)
{
	union {
		struct msg m;
		char space[sizeof(struct msg) + MAX_TRAILER_SIZE];
	} r;

	(void)arg;
	waiter_self = mach_thread_self();
	waiter_result = mach_msg(&r.m.h, MACH_RCV_MSG | MACH_RCV_INTERRUPT |
	    MACH_RCV_TIMEOUT, 0, sizeof(r), waiter_port, 10 * WAIT_MS,
	    MACH_PORT_NULL);
	__atomic_store_n(&waiter_done, 1, __ATOMIC_RELEASE);
	thread_return();
}

static void
test_thread_calls(void)
{
	mach_port_t th = mach_thread_self(), got = MACH_PORT_NULL, t2;
	bool ok;

	ok = thread_get_special_port(th, THREAD_KERNEL_PORT, &got) ==
	    KERN_SUCCESS && got == th;
	ktap_ok(ok && thread_get_special_port(th, THREAD_INSPECT_PORT, &t2) ==
	    KERN_INVALID_ARGUMENT &&
	    thread_get_special_port(self, THREAD_KERNEL_PORT, &t2) ==
	    MACH_SEND_INVALID_DEST &&
	    thread_get_special_port(th, THREAD_KERNEL_PORT,
	    (mach_port_t *)(uintptr_t)0xffffffffffff0000ull) == KERN_INVALID_ADDRESS,
	    "thread_get_special_port");
	if (got == th)
		mach_port_deallocate(self, got);
	ktap_ok(thread_set_special_port(th, THREAD_KERNEL_PORT, th) ==
	    KERN_NO_ACCESS &&
	    thread_set_special_port(th, THREAD_READ_PORT, MACH_PORT_NULL) ==
	    KERN_INVALID_ARGUMENT &&
	    thread_set_special_port(th, THREAD_KERNEL_PORT, 0x7777) ==
	    MACH_SEND_INVALID_RIGHT && send_refs(th) >= 1,
	    "thread_set_special_port_refused");

	waiter_port = new_port();
	ok = rvmach_thread_start(waiter, NULL, stack_a, sizeof(stack_a)) ==
	    KERN_SUCCESS;
	for (int i = 0; ok && i < WAIT_MS && waiter_self == MACH_PORT_NULL; i++)
		sleep_ms(1);
	ok = ok && waiter_self != MACH_PORT_NULL &&
	    wait_state(waiter_self, TH_STATE_WAITING);
	ktap_ok(ok && thread_abort_safely(waiter_self) == KERN_SUCCESS &&
	    wait_for(&waiter_done, 1) && waiter_result == MACH_RCV_INTERRUPTED,
	    "thread_abort_safely_ends_a_receive");
	/* a thread not waiting: nothing happens, as thread_abort */
	ktap_ok(thread_abort_safely(th) == KERN_SUCCESS &&
	    thread_abort_safely(self) == MACH_SEND_INVALID_DEST,
	    "thread_abort_safely_running_and_bad_name");
	if (waiter_self != MACH_PORT_NULL) {
		/* its port dies with it: wait for the dead name, then drop it */
		wait_dead(waiter_self);
	}
	mach_port_destroy(self, waiter_port);
	mach_port_deallocate(self, th);
}

/* a thread aborted in clock_sleep: KERN_ABORTED, the wake-up time still given */
static volatile mach_port_t sleeper_self;
static volatile kern_return_t sleeper_result = KERN_SUCCESS;
static volatile uint64_t sleeper_done;
static mach_timespec_t sleeper_woke;

static void
sleeper(void *arg)
{
	mach_timespec_t ten_s = { 10, 0 };

	(void)arg;
	sleeper_self = mach_thread_self();
	sleeper_result = clock_sleep(MACH_PORT_NULL, TIME_RELATIVE, ten_s,
	    &sleeper_woke);
	__atomic_store_n(&sleeper_done, 1, __ATOMIC_RELEASE);
	thread_return();
}

static void
test_clock_sleep_abort(clock_serv_t sys)
{
	mach_timespec_t t0 = { 0, 0 };
	bool ok;

	ok = clock_get_time(sys, &t0) == KERN_SUCCESS &&
	    rvmach_thread_start(sleeper, NULL, stack_b, sizeof(stack_b)) ==
	    KERN_SUCCESS;
	for (int i = 0; ok && i < WAIT_MS && sleeper_self == MACH_PORT_NULL; i++)
		sleep_ms(1);
	/* waiting: in its sleep (nothing else it does blocks) */
	ok = ok && sleeper_self != MACH_PORT_NULL &&
	    wait_state(sleeper_self, TH_STATE_WAITING) &&
	    thread_abort(sleeper_self) == KERN_SUCCESS &&
	    wait_for(&sleeper_done, 1);
	ktap_ok(ok && sleeper_result == KERN_ABORTED &&
	    (sleeper_woke.tv_sec > t0.tv_sec || (sleeper_woke.tv_sec == t0.tv_sec &&
	    sleeper_woke.tv_nsec >= t0.tv_nsec)),
	    "clock_sleep_aborted_is_KERN_ABORTED");
	if (sleeper_self != MACH_PORT_NULL)
		wait_dead(sleeper_self);
}

static uint64_t
ts_ns(const mach_timespec_t *ts)
{
	return (uint64_t)ts->tv_sec * NSEC_PER_SEC + (uint64_t)ts->tv_nsec;
}

/*
 * the calendar: the real-time clock's time (after 2020) a constant offset
 * from the system clock's, where the machine has one (QEMU virt); else it
 * counts from boot and there is nothing to check
 */
static void
test_calendar(clock_serv_t sys, clock_serv_t cal)
{
	mach_timespec_t a = { 0, 0 }, c = { 0, 0 }, b = { 0, 0 };
	uint64_t lo[2], hi[2];
	bool ok = true;

	for (int i = 0; i < 2; i++) {
		if (i == 1)
			sleep_ms(30);
		ok = ok && clock_get_time(sys, &a) == KERN_SUCCESS &&
		    clock_get_time(cal, &c) == KERN_SUCCESS &&
		    clock_get_time(sys, &b) == KERN_SUCCESS;
		/* the offset lies between calendar - later and calendar - earlier */
		lo[i] = ts_ns(&c) - ts_ns(&b);
		hi[i] = ts_ns(&c) - ts_ns(&a);
	}
	if (ok && c.tv_sec < 1000000000u) {
		ktap_skip("calendar_clock_is_real_time", "no real-time clock on "
		    "this machine: the calendar counts from boot");
		return;
	}
	ktap_ok(ok && c.tv_sec >= 1600000000u && lo[0] <= hi[1] && lo[1] <= hi[0],
	    "calendar_clock_is_real_time");
}

/* the clock_alarm_reply on port: false if none came in 5 s (a hang guard) */
static bool
alarm_reply(mach_port_t port, __Request__clock_alarm_reply_t *out)
{
	union {
		__Request__clock_alarm_reply_t r;
		char space[sizeof(__Request__clock_alarm_reply_t) + MAX_TRAILER_SIZE];
	} u;

	memset(&u, 0, sizeof(u));
	if (mach_msg(&u.r.Head, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0, sizeof(u),
	    port, 5000, MACH_PORT_NULL) != MACH_MSG_SUCCESS)
		return false;
	*out = u.r;
	return u.r.Head.msgh_id == CLOCK_ALARM_REPLY_ID &&
	    u.r.Head.msgh_size == sizeof(u.r) &&
	    MACH_MSGH_BITS_LOCAL(u.r.Head.msgh_bits) == MACH_MSG_TYPE_PORT_SEND_ONCE &&
	    MACH_MSGH_BITS_REMOTE(u.r.Head.msgh_bits) == 0 &&
	    u.r.Head.msgh_local_port == port &&
	    u.r.Head.msgh_remote_port == MACH_PORT_NULL &&
	    !(u.r.Head.msgh_bits & MACH_MSGH_BITS_COMPLEX);
}

/* nothing more queued on port */
static bool
port_empty(mach_port_t port)
{
	union {
		mach_msg_header_t h;
		char space[256];
	} u;

	return mach_msg(&u.h, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0, sizeof(u), port,
	    0, MACH_PORT_NULL) == MACH_RCV_TIMED_OUT;
}

/*
 * clock_alarm: a reply after a relative time, at once for a time past or
 * bad values (the call still succeeding, as XNU), the errors, and an alarm
 * whose port dies before it fires (nothing left: the baseline test)
 */
static void
test_clock_alarm(clock_serv_t sys, clock_serv_t cal)
{
	mach_port_t port = new_port(), gone = new_port();
	mach_timespec_t t0 = { 0, 0 }, rel = { 0, 20 * (clock_res_t)NSEC_PER_MSEC },
	    past = { 0, 0 }, bad = { 0, (clock_res_t)NSEC_PER_SEC };
	__Request__clock_alarm_reply_t r;
	bool ok;

	ok = clock_get_time(sys, &t0) == KERN_SUCCESS &&
	    clock_alarm(sys, TIME_RELATIVE, rel, port) == KERN_SUCCESS &&
	    alarm_reply(port, &r) && r.alarm_code == KERN_SUCCESS &&
	    r.alarm_type == TIME_RELATIVE &&
	    ts_ns(&r.alarm_time) >= ts_ns(&t0) + 20 * NSEC_PER_MSEC;
	ktap_ok(ok && port_empty(port), "clock_alarm_relative_replies_after");
	ok = clock_alarm(sys, TIME_ABSOLUTE, past, port) == KERN_SUCCESS &&
	    alarm_reply(port, &r) && r.alarm_code == KERN_SUCCESS &&
	    r.alarm_type == TIME_ABSOLUTE;
	ok = ok && clock_alarm(sys, 5, rel, port) == KERN_SUCCESS &&
	    alarm_reply(port, &r) && r.alarm_code == KERN_INVALID_VALUE &&
	    r.alarm_type == 5;
	ok = ok && clock_alarm(sys, TIME_RELATIVE, bad, port) == KERN_SUCCESS &&
	    alarm_reply(port, &r) && r.alarm_code == KERN_INVALID_VALUE;
	ktap_ok(ok && port_empty(port), "clock_alarm_past_or_bad_replies_at_once");
	ok = clock_alarm(cal, TIME_RELATIVE, rel, port) == KERN_FAILURE &&
	    clock_alarm(sys, TIME_RELATIVE, rel, MACH_PORT_NULL) ==
	    KERN_INVALID_CAPABILITY &&
	    clock_alarm(sys, TIME_RELATIVE, rel, sys) == MACH_SEND_INVALID_RIGHT &&
	    clock_alarm(sys, TIME_RELATIVE, rel, 0x7777) == MACH_SEND_INVALID_RIGHT &&
	    clock_alarm(port, TIME_RELATIVE, rel, port) == MACH_SEND_INVALID_DEST;
	ktap_ok(ok && port_empty(port), "clock_alarm_errors");
	/* its port gone first: the reply dies with the right when it fires */
	ok = clock_alarm(sys, TIME_RELATIVE, rel, gone) == KERN_SUCCESS &&
	    mach_port_destroy(self, gone) == KERN_SUCCESS;
	sleep_ms(100);
	ktap_ok(ok, "clock_alarm_port_destroyed_first");
	mach_port_destroy(self, port);
}

static void
test_clocks(void)
{
	mach_port_t host = mach_host_self(), port = new_port();
	clock_serv_t sys = MACH_PORT_NULL, cal = MACH_PORT_NULL, bad;
	mach_timespec_t t0 = { 0, 0 }, t1 = { 0, 0 }, tc = { 0, 0 };
	mach_msg_type_number_t count = 1;
	clock_res_t res = 0, alarm = -1, calarm = -1;
	natural_t type = 0;
	mach_vm_address_t addr;
	bool ok;

	ok = host_get_clock_service(host, SYSTEM_CLOCK, &sys) == KERN_SUCCESS &&
	    host_get_clock_service(host, CALENDAR_CLOCK, &cal) == KERN_SUCCESS &&
	    mach_port_kobject(self, sys, &type, &addr) == KERN_SUCCESS;
	ktap_ok(ok && type == IKOT_CLOCK && sys != cal &&
	    host_get_clock_service(host, 2, &bad) == KERN_INVALID_ARGUMENT &&
	    host_get_clock_service(self, SYSTEM_CLOCK, &bad) ==
	    MACH_SEND_INVALID_DEST &&
	    host_get_clock_service(host, SYSTEM_CLOCK,
	    (clock_serv_t *)(uintptr_t)0xffffffffffff0000ull) == KERN_INVALID_ADDRESS,
	    "host_get_clock_service");
	ok = clock_get_time(sys, &t0) == KERN_SUCCESS;
	sleep_ms(20);
	ok = ok && clock_get_time(sys, &t1) == KERN_SUCCESS &&
	    clock_get_time(cal, &tc) == KERN_SUCCESS;
	ktap_ok(ok && t0.tv_nsec >= 0 && t0.tv_nsec < (clock_res_t)NSEC_PER_SEC &&
	    ts_ns(&t1) >= ts_ns(&t0) + 20 * NSEC_PER_MSEC && ts_ns(&tc) >= ts_ns(&t1),
	    "clock_get_time_advances");
	test_calendar(sys, cal);
	ktap_ok(clock_get_time(port, &t0) == MACH_SEND_INVALID_DEST &&
	    clock_get_time(host, &t0) == MACH_SEND_INVALID_DEST &&
	    clock_get_time(sys, (mach_timespec_t *)(uintptr_t)0xffffffffffff0000ull) ==
	    KERN_INVALID_ADDRESS, "clock_get_time_errors");
	ok = clock_get_attributes(sys, CLOCK_GET_TIME_RES, &res, &count) ==
	    KERN_SUCCESS && res == (clock_res_t)(NSEC_PER_SEC / 100);
	count = 1;
	ok = ok && clock_get_attributes(sys, CLOCK_ALARM_CURRES, &alarm, &count) ==
	    KERN_SUCCESS && clock_get_attributes(cal, CLOCK_ALARM_MAXRES, &calarm,
	    &count) == KERN_SUCCESS;
	ktap_ok(ok && alarm == res && calarm == 0, "clock_get_attributes");
	count = 2;
	ok = clock_get_attributes(sys, CLOCK_GET_TIME_RES, &res, &count) ==
	    KERN_FAILURE;
	count = 1;
	ktap_ok(ok && clock_get_attributes(sys, 2, &res, &count) ==
	    KERN_INVALID_VALUE, "clock_get_attributes_errors");

	/* clock_sleep: relative, absolute in the past, the null name */
	{
		mach_timespec_t rel = { 0, 20 * (clock_res_t)NSEC_PER_MSEC },
		    past = { 0, 0 }, zero = { 0, 0 }, w = { 0, 0 }, w2 = { 0, 0 };
		uint64_t before, after;

		ok = clock_get_time(sys, &t0) == KERN_SUCCESS &&
		    clock_sleep(sys, TIME_RELATIVE, rel, &w) == KERN_SUCCESS;
		before = (uint64_t)t0.tv_sec * NSEC_PER_SEC + (uint64_t)t0.tv_nsec;
		after = (uint64_t)w.tv_sec * NSEC_PER_SEC + (uint64_t)w.tv_nsec;
		ok = ok && after >= before + 20 * NSEC_PER_MSEC &&
		    clock_sleep(sys, TIME_ABSOLUTE, past, &w2) == KERN_SUCCESS &&
		    (uint64_t)w2.tv_sec * NSEC_PER_SEC + (uint64_t)w2.tv_nsec >=
		    after &&
		    clock_sleep(MACH_PORT_NULL, TIME_RELATIVE, zero, NULL) ==
		    KERN_SUCCESS;
		ktap_ok(ok, "clock_sleep_relative_absolute_null_clock");
		rel.tv_nsec = (clock_res_t)NSEC_PER_SEC;
		ok = clock_sleep(cal, TIME_RELATIVE, zero, NULL) == KERN_FAILURE &&
		    clock_sleep(sys, 5, zero, NULL) == KERN_INVALID_VALUE &&
		    clock_sleep(sys, TIME_RELATIVE, rel, NULL) ==
		    KERN_INVALID_VALUE &&
		    clock_sleep(port, TIME_RELATIVE, zero, NULL) ==
		    KERN_INVALID_ARGUMENT &&
		    clock_sleep(sys, TIME_RELATIVE, zero,
		    (mach_timespec_t *)(uintptr_t)0xffffffffffff0000ull) ==
		    KERN_INVALID_ADDRESS;
		ktap_ok(ok, "clock_sleep_errors");
	}
	test_clock_sleep_abort(sys);
	test_clock_alarm(sys, cal);
	mach_port_deallocate(self, sys);
	mach_port_deallocate(self, cal);
	mach_port_destroy(self, port);
	mach_port_deallocate(self, host);
}

/* the sum over n processors' load infos of state s */
static uint64_t
ticks_sum(const processor_cpu_load_info_data_t *l, natural_t n, int s)
{
	uint64_t sum = 0;

	for (natural_t i = 0; i < n; i++)
		sum += l[i].cpu_ticks[s];
	return sum;
}

/*
 * host_processor_info (each processor's basic info and ticks, which sum
 * to host_statistics' between two readings) and host_kernel_version
 */
static void
test_host_calls(void)
{
	mach_port_t host = mach_host_self();
	host_basic_info_data_t hi;
	host_cpu_load_info_data_t total;
	mach_msg_type_number_t hn = HOST_BASIC_INFO_COUNT,
	    tn = HOST_CPU_LOAD_INFO_COUNT, bc = 0, lc = 0, lc2 = 0, junk;
	processor_info_array_t basic = NULL, load = NULL, load2 = NULL, pj;
	natural_t np = 0, np2 = 0, np3 = 0, masters = 0, running = 0;
	kernel_version_t version;
	bool ok, slots = true, sums = true;

	ok = host_info(host, HOST_BASIC_INFO, (host_info_t)&hi, &hn) ==
	    KERN_SUCCESS && host_processor_info(host, PROCESSOR_BASIC_INFO, &np,
	    &basic, &bc) == KERN_SUCCESS;
	for (natural_t i = 0; ok && i < np; i++) {
		const processor_basic_info_data_t *b =
		    &((const processor_basic_info_data_t *)basic)[i];

		slots = slots && b->slot_num == (int)i &&
		    b->cpu_type == hi.cpu_type && b->cpu_subtype == hi.cpu_subtype;
		masters += b->is_master != 0;
		running += b->running != 0;
	}
	ktap_ok(ok && slots && np == (natural_t)hi.max_cpus &&
	    bc == np * PROCESSOR_BASIC_INFO_COUNT && masters == 1 &&
	    ((const processor_basic_info_data_t *)basic)[0].is_master &&
	    running == (natural_t)hi.avail_cpus, "host_processor_info_basic");

	ok = host_processor_info(host, PROCESSOR_CPU_LOAD_INFO, &np2, &load,
	    &lc) == KERN_SUCCESS &&
	    host_statistics(host, HOST_CPU_LOAD_INFO, (host_info_t)&total, &tn) ==
	    KERN_SUCCESS &&
	    host_processor_info(host, PROCESSOR_CPU_LOAD_INFO, &np3, &load2,
	    &lc2) == KERN_SUCCESS;
	for (int s = 0; ok && s < CPU_STATE_MAX; s++) {
		/* ticks only grow: the total lies between the two readings */
		sums = sums && ticks_sum((void *)load, np2, s) <= total.cpu_ticks[s] &&
		    total.cpu_ticks[s] <= ticks_sum((void *)load2, np3, s);
	}
	ktap_ok(ok && sums && np2 == np && np3 == np &&
	    lc == np * PROCESSOR_CPU_LOAD_INFO_COUNT && lc2 == lc &&
	    ticks_sum((void *)load2, np3, CPU_STATE_IDLE) +
	    ticks_sum((void *)load2, np3, CPU_STATE_SYSTEM) +
	    ticks_sum((void *)load2, np3, CPU_STATE_USER) > 0,
	    "host_processor_info_cpu_load_sums_to_host_statistics");
	ktap_ok(host_processor_info(host, PROCESSOR_TEMPERATURE, &np, &pj,
	    &junk) == KERN_FAILURE && host_processor_info(self,
	    PROCESSOR_BASIC_INFO, &np, &pj, &junk) == MACH_SEND_INVALID_DEST,
	    "host_processor_info_errors");
	if (basic != NULL)
		mach_vm_deallocate(self, (mach_vm_address_t)(uintptr_t)basic,
		    bc * sizeof(integer_t));
	if (load != NULL)
		mach_vm_deallocate(self, (mach_vm_address_t)(uintptr_t)load,
		    lc * sizeof(integer_t));
	if (load2 != NULL)
		mach_vm_deallocate(self, (mach_vm_address_t)(uintptr_t)load2,
		    lc2 * sizeof(integer_t));

	memset(version, 0x55, sizeof(version));
	ok = host_kernel_version(host, version) == KERN_SUCCESS &&
	    strncmp(version, "rvmach Kernel Version ", 22) == 0 &&
	    memchr(version, 0, sizeof(version)) != NULL;
	ktap_ok(ok && host_kernel_version(self, version) == MACH_SEND_INVALID_DEST &&
	    host_kernel_version(host,
	    (char *)(uintptr_t)0xffffffc000000000ull) == KERN_INVALID_ADDRESS,
	    "host_kernel_version");
	mach_port_deallocate(self, host);
}

/* is name among list[0..n)? */
static bool
listed(const mach_port_t *list, mach_msg_type_number_t n, mach_port_t name)
{
	for (mach_msg_type_number_t i = 0; i < n; i++) {
		if (list[i] == name)
			return true;
	}
	return false;
}

/* give back the names of list[0..n) and the list */
static void
list_free(mach_port_t *list, mach_msg_type_number_t n)
{
	for (mach_msg_type_number_t i = 0; i < n; i++)
		mach_port_deallocate(self, list[i]);
	if (list != NULL)
		mach_vm_deallocate(self, (mach_vm_address_t)(uintptr_t)list,
		    n * sizeof(*list));
}

/*
 * the processor set: its name and control ports, info and statistics,
 * every task and thread (ours and a child's among them), the array of
 * sets, and the errors
 */
static void
test_psets(void)
{
	mach_port_t host = mach_host_self(), me = mach_thread_self(),
	    port = new_port(), h = MACH_PORT_NULL, child = MACH_PORT_NULL;
	processor_set_name_t name = MACH_PORT_NULL, *sets = NULL;
	processor_set_t ctl = MACH_PORT_NULL, junk;
	processor_set_basic_info_data_t bi;
	processor_set_load_info_data_t li;
	host_basic_info_data_t hi;
	mach_msg_type_number_t n, hn = HOST_BASIC_INFO_COUNT, nt = 0, nth = 0,
	    ns = 0;
	task_array_t tasks = NULL;
	thread_act_array_t threads = NULL, tl;
	natural_t type = 0, type2 = 0;
	mach_vm_address_t addr;
	bool ok;

	ok = processor_set_default(host, &name) == KERN_SUCCESS &&
	    mach_port_kobject(self, name, &type, &addr) == KERN_SUCCESS &&
	    host_processor_set_priv(host, name, &ctl) == KERN_SUCCESS &&
	    mach_port_kobject(self, ctl, &type2, &addr) == KERN_SUCCESS;
	ktap_ok(ok && type == IKOT_PSET_NAME && type2 == IKOT_PSET && ctl != name &&
	    host_processor_set_priv(host, port, &junk) == KERN_INVALID_ARGUMENT &&
	    host_processor_set_priv(port, name, &junk) == MACH_SEND_INVALID_DEST &&
	    processor_set_default(port, &junk) == MACH_SEND_INVALID_DEST,
	    "processor_set_default_and_priv");

	n = PROCESSOR_SET_BASIC_INFO_COUNT;
	ok = host_info(host, HOST_BASIC_INFO, (host_info_t)&hi, &hn) ==
	    KERN_SUCCESS && processor_set_info(name, PROCESSOR_SET_BASIC_INFO, &h,
	    (processor_set_info_t)&bi, &n) == KERN_SUCCESS &&
	    n == PROCESSOR_SET_BASIC_INFO_COUNT &&
	    bi.processor_count == hi.avail_cpus &&
	    bi.default_policy == POLICY_TIMESHARE && h == host;
	if (h != MACH_PORT_NULL)
		mach_port_deallocate(self, h);
	n = 1;
	ok = ok && processor_set_info(name, PROCESSOR_SET_BASIC_INFO, &h,
	    (processor_set_info_t)&bi, &n) == KERN_FAILURE;
	n = PROCESSOR_SET_BASIC_INFO_COUNT;
	ok = ok && processor_set_info(name, 99, &h, (processor_set_info_t)&bi,
	    &n) == KERN_INVALID_ARGUMENT && processor_set_info(port,
	    PROCESSOR_SET_BASIC_INFO, &h, (processor_set_info_t)&bi, &n) ==
	    KERN_INVALID_ARGUMENT;
	n = PROCESSOR_SET_LOAD_INFO_COUNT;
	ok = ok && processor_set_statistics(name, PROCESSOR_SET_LOAD_INFO,
	    (processor_set_info_t)&li, &n) == KERN_SUCCESS &&
	    n == PROCESSOR_SET_LOAD_INFO_COUNT && li.task_count >= 1 &&
	    li.thread_count >= li.task_count && li.load_average >= 0;
	n = 3;
	ok = ok && processor_set_statistics(name, PROCESSOR_SET_LOAD_INFO,
	    (processor_set_info_t)&li, &n) == KERN_FAILURE;
	n = PROCESSOR_SET_LOAD_INFO_COUNT;
	ktap_ok(ok && processor_set_statistics(port, PROCESSOR_SET_LOAD_INFO,
	    (processor_set_info_t)&li, &n) == KERN_INVALID_PROCESSOR_SET,
	    "processor_set_info_and_statistics");

	/* every task and thread: ours and a new task among them */
	ok = task_create(self, NULL, 0, FALSE, &child) == KERN_SUCCESS &&
	    processor_set_tasks(ctl, &tasks, &nt) == KERN_SUCCESS &&
	    processor_set_threads(ctl, &threads, &nth) == KERN_SUCCESS;
	ktap_ok(ok && nt >= 2 && listed(tasks, nt, self) &&
	    listed(tasks, nt, child) && nth >= 1 && listed(threads, nth, me) &&
	    processor_set_tasks(name, &tl, &n) == KERN_INVALID_ARGUMENT &&
	    processor_set_threads(port, &tl, &n) == KERN_INVALID_ARGUMENT,
	    "processor_set_tasks_and_threads");
	list_free(tasks, nt);
	list_free(threads, nth);
	if (child != MACH_PORT_NULL) {
		task_terminate(child);
		mach_port_deallocate(self, child);
	}

	ok = host_processor_sets(host, &sets, &ns) == KERN_SUCCESS && ns == 1 &&
	    sets[0] == name;
	ktap_ok(ok, "host_processor_sets");
	list_free(sets, ns);
	if (ctl != MACH_PORT_NULL)
		mach_port_deallocate(self, ctl);
	if (name != MACH_PORT_NULL)
		mach_port_deallocate(self, name);
	mach_port_destroy(self, port);
	mach_port_deallocate(self, me);
	mach_port_deallocate(self, host);
}

static mach_vm_address_t
alloc_filled(mach_vm_size_t size, char c)
{
	mach_vm_address_t a = 0;

	if (mach_vm_allocate(self, &a, size, VM_FLAGS_ANYWHERE) != KERN_SUCCESS)
		return 0;
	memset((void *)(uintptr_t)a, c, size);
	return a;
}

static kern_return_t
remap(mach_vm_address_t *to, mach_vm_size_t size, mach_vm_offset_t mask,
    int flags, mach_port_t src_task, mach_vm_address_t from, boolean_t copy,
    vm_prot_t *cur, vm_prot_t *max)
{
	return mach_vm_remap(self, to, size, mask, flags, src_task, from, copy,
	    cur, max, VM_INHERIT_DEFAULT);
}

static void
test_vm_remap(void)
{
	mach_vm_address_t a = alloc_filled(2 * PAGE, 'a'), b = 0, c = 0, d = 0;
	vm_prot_t cur = 0, max = 0;
	volatile char *pa = (volatile char *)(uintptr_t)a;
	volatile char *pb, *pc;
	bool ok;

	ok = remap(&b, 2 * PAGE, 0, VM_FLAGS_ANYWHERE, self, a, FALSE, &cur,
	    &max) == KERN_SUCCESS && b != a;
	pb = (volatile char *)(uintptr_t)b;
	if (ok) {
		pb[PAGE + 5] = 'B';
		pa[10] = 'A';
	}
	ktap_ok(ok && pa[PAGE + 5] == 'B' && pb[10] == 'A' && pb[0] == 'a' &&
	    cur == VM_PROT_DEFAULT && max == VM_PROT_ALL,
	    "remap_shared_both_see_writes");

	ok = remap(&c, 2 * PAGE, 0, VM_FLAGS_ANYWHERE, self, a, TRUE, &cur,
	    &max) == KERN_SUCCESS;
	pc = (volatile char *)(uintptr_t)c;
	if (ok) {
		pa[20] = 'x';
		pc[21] = 'y';
	}
	ktap_ok(ok && pc[10] == 'A' && pc[20] == 'a' && pa[21] == 'a' &&
	    pb[20] == 'x', "remap_copy_is_copy_on_write");
	mach_vm_deallocate(self, c, 2 * PAGE);

	/* an address with the mask's bits clear; the data address for an offset */
	c = 0;
	ok = remap(&c, PAGE, 0xfffff, VM_FLAGS_ANYWHERE, self, a, FALSE, &cur,
	    &max) == KERN_SUCCESS && (c & 0xfffff) == 0;
	if (ok)
		mach_vm_deallocate(self, c, PAGE);
	c = 0;
	ktap_ok(ok && remap(&c, 100, 0, VM_FLAGS_ANYWHERE |
	    VM_FLAGS_RETURN_DATA_ADDR, self, a + PAGE + 5, FALSE, &cur, &max) ==
	    KERN_SUCCESS && (c & (PAGE - 1)) == 5 &&
	    *(volatile char *)(uintptr_t)c == 'B', "remap_mask_and_data_address");
	mach_vm_deallocate(self, c & ~(mach_vm_address_t)(PAGE - 1), PAGE);

	/* fixed: onto a mapping only with overwrite */
	d = alloc_filled(PAGE, 'd');
	c = d;
	ok = remap(&c, PAGE, 0, VM_FLAGS_FIXED, self, a, FALSE, &cur, &max) ==
	    KERN_NO_SPACE && *(volatile char *)(uintptr_t)d == 'd';
	c = d;
	ktap_ok(ok && remap(&c, PAGE, 0, VM_FLAGS_FIXED | VM_FLAGS_OVERWRITE, self,
	    a, FALSE, &cur, &max) == KERN_SUCCESS && c == d &&
	    *(volatile char *)(uintptr_t)(d + 10) == 'A',
	    "remap_fixed_needs_overwrite");
	mach_vm_deallocate(self, d, PAGE);

	/* errors, nothing mapped */
	c = 0;
	ok = remap(&c, 0, 0, VM_FLAGS_ANYWHERE, self, a, FALSE, &cur, &max) ==
	    KERN_INVALID_ARGUMENT &&
	    remap(&c, PAGE, 0, VM_FLAGS_ANYWHERE | 0x2, self, a, FALSE, &cur,
	    &max) == KERN_INVALID_ARGUMENT &&
	    remap(&c, PAGE, 0, VM_FLAGS_ANYWHERE, self, 0x1000, FALSE, &cur,
	    &max) == KERN_INVALID_ADDRESS &&
	    remap(&c, PAGE, 0, VM_FLAGS_ANYWHERE, 0x7777, a, FALSE, &cur,
	    &max) == MACH_SEND_INVALID_DEST &&
	    mach_vm_remap(self, &c, PAGE, 0, VM_FLAGS_ANYWHERE, self, a, FALSE,
	    &cur, &max, 7) == KERN_INVALID_ARGUMENT;
	ktap_ok(ok, "remap_errors");
	mach_vm_deallocate(self, b, 2 * PAGE);
	mach_vm_deallocate(self, a, 2 * PAGE);
}

/*
 * memory shared copy-on-write (mach_vm_copy), read so the hart maps its
 * pages, then remapped shared: a write through the new mapping is seen
 * through the old one (the old pages must not stay mapped)
 */
static void
test_vm_remap_cow_source(void)
{
	mach_vm_address_t a = alloc_filled(PAGE, 'o'), b = alloc_filled(PAGE, 'z');
	mach_vm_address_t c = 0;
	vm_prot_t cur, max;
	volatile char *pa = (volatile char *)(uintptr_t)a;
	char seen;
	bool ok;

	ok = a != 0 && b != 0 && mach_vm_copy(self, a, PAGE, b) == KERN_SUCCESS;
	seen = pa[3];		/* the old page, mapped read-only now */
	ok = ok && seen == 'o' && remap(&c, PAGE, 0, VM_FLAGS_ANYWHERE, self, a,
	    FALSE, &cur, &max) == KERN_SUCCESS;
	if (ok)
		*(volatile char *)(uintptr_t)(c + 3) = 'N';
	ktap_ok(ok && pa[3] == 'N' && *(volatile char *)(uintptr_t)(b + 3) == 'o',
	    "remap_shared_of_copy_on_write_memory");
	mach_vm_deallocate(self, c, PAGE);
	mach_vm_deallocate(self, b, PAGE);
	mach_vm_deallocate(self, a, PAGE);
}

/* our memory shared into another task: what we write after is what it has */
static void
test_vm_remap_other_task(void)
{
	mach_vm_address_t a = alloc_filled(PAGE, 'm'), there = 0;
	task_t child = MACH_PORT_NULL;
	vm_offset_t data = 0;
	mach_msg_type_number_t count = 0;
	vm_prot_t cur, max;
	bool ok;

	ok = a != 0 && task_create(self, NULL, 0, FALSE, &child) == KERN_SUCCESS &&
	    mach_vm_remap(child, &there, PAGE, 0, VM_FLAGS_ANYWHERE, self, a,
	    FALSE, &cur, &max, VM_INHERIT_DEFAULT) == KERN_SUCCESS;
	if (ok)
		*(volatile uint32_t *)(uintptr_t)(a + 8) = 0x600dcafe;
	ok = ok && mach_vm_read(child, there, PAGE, &data, &count) ==
	    KERN_SUCCESS && count == PAGE;
	ktap_ok(ok && *(volatile uint32_t *)(uintptr_t)(data + 8) == 0x600dcafe &&
	    *(volatile char *)(uintptr_t)data == 'm',
	    "remap_into_another_task_shares");
	if (data != 0)
		mach_vm_deallocate(self, data, count);
	if (child != MACH_PORT_NULL) {
		task_terminate(child);
		mach_port_deallocate(self, child);
	}
	mach_vm_deallocate(self, a, PAGE);
}

int
main(void)
{
	mach_msg_type_number_t names_before;

	self = mach_task_self();
	ktap_plan("uxcalls", 41);
	names_before = names_in_use();
	test_peek();
	test_kobject();
	test_thread_calls();
	test_clocks();
	test_host_calls();
	test_psets();
	test_vm_remap();
	test_vm_remap_cow_source();
	test_vm_remap_other_task();
	ktap_ok(names_before != 0 && names_in_use() == names_before,
	    "names_back_to_where_they_were");
	return ktap_done();
}
