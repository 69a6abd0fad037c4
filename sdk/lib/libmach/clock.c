/*
 * sdk/lib/libmach/clock.c - the clock services (<mach/clock.h>,
 * host_get_clock_service of <mach/mach_host.h>): one trap each.
 */
#include <mach/clock.h>
#include <mach/mach_host.h>
#include <mach/mach_traps.h>
#include <mach/riscv/trap.h>
#include <mach/syscall_sw.h>

#define L(x)	((long)(x))

kern_return_t
host_get_clock_service(host_t host, clock_id_t clock_id,
    clock_serv_t *clock_serv)
{
	return (kern_return_t)rvmach_trap3(RVMACH_TRAP_host_get_clock_service,
	    L(host), L(clock_id), L(clock_serv));
}

kern_return_t
clock_get_time(clock_serv_t clock_serv, mach_timespec_t *cur_time)
{
	return (kern_return_t)rvmach_trap3(RVMACH_TRAP_clock_get_time,
	    L(clock_serv), L(cur_time), 0);
}

kern_return_t
clock_get_attributes(clock_serv_t clock_serv, clock_flavor_t flavor,
    clock_attr_t clock_attr, mach_msg_type_number_t *clock_attrCnt)
{
	return (kern_return_t)rvmach_trap(RVMACH_TRAP_clock_get_attributes,
	    L(clock_serv), L(flavor), L(clock_attr), L(clock_attrCnt), 0, 0, 0);
}

kern_return_t
clock_sleep_trap(mach_port_name_t clock_name, sleep_type_t sleep_type,
    int sleep_sec, int sleep_nsec, mach_timespec_t *wakeup_time)
{
	return (kern_return_t)rvmach_trap(MACH_TRAP_clock_sleep, L(clock_name),
	    L(sleep_type), L(sleep_sec), L(sleep_nsec), L(wakeup_time), 0, 0);
}

kern_return_t
clock_sleep(mach_port_t clock_name, sleep_type_t sleep_type,
    mach_timespec_t sleep_time, mach_timespec_t *wakeup_time)
{
	return clock_sleep_trap(clock_name, sleep_type, (int)sleep_time.tv_sec,
	    sleep_time.tv_nsec, wakeup_time);
}

kern_return_t
clock_alarm(clock_serv_t clock_serv, alarm_type_t alarm_type,
    mach_timespec_t alarm_time, clock_reply_t alarm_port)
{
	return (kern_return_t)rvmach_trap(RVMACH_TRAP_clock_alarm, L(clock_serv),
	    L(alarm_type), L(alarm_time.tv_sec), L(alarm_time.tv_nsec),
	    L(alarm_port), 0, 0);
}
