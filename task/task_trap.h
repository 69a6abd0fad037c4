/*
 * task/task_trap.h - the trap handlers of task/ipc_trap.c,
 * task/task_port_trap.c, task/host_trap.c and task/exception_trap.c (and
 * others below), for the trap table in
 * task/task_trap.c, and the port-name lookups they share.
 */
#ifndef TASK_TASK_TRAP_H
#define TASK_TASK_TRAP_H

#include <mach/clock_types.h>
#include <mach/host_info.h>
#include <mach/task_info.h>
#include <mach/thread_info.h>
#include "kernel/usertrap.h"
#include "task/task.h"

void task_ipc_init(void);
/* (task_port_trap.c) a task's threads, each with a reference */
/*
 * vm_read_overwrite_current - map's [addr, addr + size) over the current
 * task's [data, data + size): mach_vm_read_overwrite's work (the trap's
 * and the MIG routine's)
 */
kern_return_t vm_read_overwrite_current(vm_map_t map, uint64_t addr,
    uint64_t size, uint64_t data);

struct thread_snapshot {
	thread_t *list;
	uint32_t n;			/* threads in the list */
	uint32_t max;			/* room allocated */
};
kern_return_t threads_snapshot(task_t t, struct thread_snapshot *snap);
void threads_snapshot_free(struct thread_snapshot *snap);
/*
 * send rights to list[0..n) as names in the caller's space, into names;
 * on an error the names made are taken back.  KERN_RESOURCE_SHORTAGE.
 */
kern_return_t thread_names_make(thread_t *list, uint32_t n,
    mach_port_name_t *names);
/* take back names[0..n) made for results that could not be returned */
void names_undo(const mach_port_name_t *names, uint32_t n);
/*
 * (task_port_trap.c) the send right sright (consumed) as a name in the
 * caller's space, stored at uaddr.  KERN_RESOURCE_SHORTAGE (no name for
 * it), KERN_INVALID_ADDRESS (the name is taken back).  A caller that must
 * make nothing for a bad pointer checks uaddr first (probe_out).
 */
kern_return_t right_out(struct ipc_port *sright, vaddr_t uaddr);
/* (task_port_trap.c) len bytes at uaddr writable (zeroed), or KERN_INVALID_ADDRESS */
kern_return_t probe_out(vaddr_t uaddr, size_t len);
/* the task name names in the caller's space (a reference), or TASK_NULL */
task_t port_name_to_task(mach_port_name_t name);
/*
 * the thread name names in the caller's space, or THREAD_NULL: a
 * reference on the thread and one on its task, both dropped by
 * thread_port_done
 */
thread_t port_name_to_thread(mach_port_name_t name);
void thread_port_done(thread_t th);
/* does name denote a send right to the host port in the caller's space? */
bool port_name_is_host(mach_port_name_t name);
/*
 * (task_trap.c) the map of the task name names, with a reference on it
 * and on the task (*tp); NULL if it names no task or the task's memory
 * is gone.  trap_target_done drops both.
 */
vm_map_t trap_target_map(uint64_t name, task_t *tp);
void trap_target_done(vm_map_t map, task_t t);
/* t's map with a reference, NULL if its memory is gone */
vm_map_t task_map_reference(task_t t);
/* vm_allocate with the flags a task may give (KERN_INVALID_ARGUMENT) */
kern_return_t vm_allocate_flags(vm_map_t map, vaddr_t *addrp, uint64_t size,
    int flags);
/*
 * (task_port_trap.c) what the traps on a task or thread port do to the
 * object, for the traps and the kernel-object server (task_server.c):
 * suspend and return once every thread but the caller has stopped;
 * terminate another thread (KERN_TERMINATED: it is leaving already) and
 * return once it has stopped; end an interruptible wait of a thread.
 */
kern_return_t task_suspend_stopped(task_t t);
kern_return_t thread_suspend_stopped(thread_t th);
kern_return_t thread_terminate_stopped(thread_t th);
kern_return_t thread_abort_wait(thread_t th);
/*
 * The results of task_info, thread_info and thread_get_state (or the
 * effect of thread_set_state) into or from a kernel buffer, for the traps
 * and the messages alike: *countp in, the room in natural_t (state: the
 * caller's count), out, what was written.  KERN_INVALID_ARGUMENT for a
 * flavor not taken or a count below the flavor's.
 */
#define TASK_INFO_FILL_MAX	16	/* natural_t: the largest flavor's */
STATIC_ASSERT(MACH_TASK_BASIC_INFO_COUNT <= TASK_INFO_FILL_MAX &&
    TASK_BASIC_INFO_64_COUNT <= TASK_INFO_FILL_MAX &&
    TASK_THREAD_TIMES_INFO_COUNT <= TASK_INFO_FILL_MAX &&
    TASK_ABSOLUTETIME_INFO_COUNT <= TASK_INFO_FILL_MAX, "task_info_fill's buffer");
STATIC_ASSERT(THREAD_EXTENDED_INFO_COUNT <= THREAD_INFO_MAX,
    "thread_info_fill's buffer");
kern_return_t task_info_fill(task_t t, task_flavor_t flavor, natural_t *out,
    uint32_t *countp);
kern_return_t thread_info_fill(thread_t th, thread_flavor_t flavor,
    natural_t *out, uint32_t *countp);
kern_return_t thread_state_rw(thread_t th, bool set, int flavor,
    natural_t *state, uint32_t *countp);
/*
 * host_info of flavor (HOST_BASIC_INFO only: else KERN_INVALID_ARGUMENT)
 * into hi, *countp words asked for (fewer than the old form's:
 * KERN_FAILURE), set to the words given (the old form or the whole)
 */
struct host_basic_info;
kern_return_t host_info_fill(host_flavor_t flavor, struct host_basic_info *hi,
    uint32_t *countp);
/* task_server.c: the MIG routines of task, thread and host ports */
void task_server_init(void);
/* task/task_clock.c: the clock services (IKOT_CLOCK ports) */
void task_clock_init(void);
uint64_t trap_host_get_clock_service(const uint64_t a[USERTRAP_NARGS]);
/* a send right to clock id's port (SYSTEM_CLOCK, CALENDAR_CLOCK), IP_NULL for another id */
ipc_port_t clock_service_port(int id);
uint64_t trap_clock_get_time(const uint64_t a[USERTRAP_NARGS]);
uint64_t trap_clock_get_attributes(const uint64_t a[USERTRAP_NARGS]);
uint64_t trap_clock_sleep(const uint64_t a[USERTRAP_NARGS]);
uint64_t trap_clock_alarm(const uint64_t a[USERTRAP_NARGS]);
/*
 * what clock_get_time and clock_get_attributes give for clock (an
 * IKOT_CLOCK object): one clock_res_t, count must be 1 (KERN_FAILURE);
 * KERN_INVALID_VALUE for another flavor
 */
kern_return_t clock_time_get(void *clock, mach_timespec_t *ts);
kern_return_t clock_attributes_get(void *clock, clock_flavor_t flavor,
    clock_res_t *resp, uint32_t count);

uint64_t trap_task_self(const uint64_t a[USERTRAP_NARGS]);
uint64_t trap_thread_self(const uint64_t a[USERTRAP_NARGS]);
uint64_t trap_host_self(const uint64_t a[USERTRAP_NARGS]);
uint64_t trap_reply_port(const uint64_t a[USERTRAP_NARGS]);
uint64_t trap_mach_msg(const uint64_t a[USERTRAP_NARGS]);
uint64_t trap_port_allocate(const uint64_t a[USERTRAP_NARGS]);
uint64_t trap_port_allocate_name(const uint64_t a[USERTRAP_NARGS]);
uint64_t trap_port_destroy(const uint64_t a[USERTRAP_NARGS]);
uint64_t trap_port_deallocate(const uint64_t a[USERTRAP_NARGS]);
uint64_t trap_port_mod_refs(const uint64_t a[USERTRAP_NARGS]);
uint64_t trap_port_move_member(const uint64_t a[USERTRAP_NARGS]);
uint64_t trap_port_insert_right(const uint64_t a[USERTRAP_NARGS]);
uint64_t trap_port_insert_member(const uint64_t a[USERTRAP_NARGS]);
uint64_t trap_port_extract_member(const uint64_t a[USERTRAP_NARGS]);
uint64_t trap_port_construct(const uint64_t a[USERTRAP_NARGS]);
uint64_t trap_port_destruct(const uint64_t a[USERTRAP_NARGS]);
uint64_t trap_port_type(const uint64_t a[USERTRAP_NARGS]);
uint64_t trap_port_get_refs(const uint64_t a[USERTRAP_NARGS]);
uint64_t trap_port_request_notification(const uint64_t a[USERTRAP_NARGS]);
uint64_t trap_port_get_attributes(const uint64_t a[USERTRAP_NARGS]);
uint64_t trap_port_set_attributes(const uint64_t a[USERTRAP_NARGS]);
uint64_t trap_port_names(const uint64_t a[USERTRAP_NARGS]);
uint64_t trap_port_get_set_status(const uint64_t a[USERTRAP_NARGS]);
uint64_t trap_port_extract_right(const uint64_t a[USERTRAP_NARGS]);
uint64_t trap_port_get_context(const uint64_t a[USERTRAP_NARGS]);
uint64_t trap_port_set_context(const uint64_t a[USERTRAP_NARGS]);
uint64_t trap_port_guard(const uint64_t a[USERTRAP_NARGS]);
uint64_t trap_port_unguard(const uint64_t a[USERTRAP_NARGS]);
uint64_t trap_port_guard_with_flags(const uint64_t a[USERTRAP_NARGS]);
uint64_t trap_port_swap_guard(const uint64_t a[USERTRAP_NARGS]);
uint64_t trap_port_get_srights(const uint64_t a[USERTRAP_NARGS]);
uint64_t trap_port_set_mscount(const uint64_t a[USERTRAP_NARGS]);
uint64_t trap_port_set_seqno(const uint64_t a[USERTRAP_NARGS]);
uint64_t trap_port_peek(const uint64_t a[USERTRAP_NARGS]);
uint64_t trap_port_kobject(const uint64_t a[USERTRAP_NARGS]);
uint64_t trap_port_space_basic_info(const uint64_t a[USERTRAP_NARGS]);
uint64_t trap_port_space_info(const uint64_t a[USERTRAP_NARGS]);
uint64_t trap_mach_msg_overwrite(const uint64_t a[USERTRAP_NARGS]);

/* task/semaphore_trap.c: XNU's semaphore traps, create/destroy on a task */
uint64_t trap_semaphore_signal(const uint64_t a[USERTRAP_NARGS]);
uint64_t trap_semaphore_signal_all(const uint64_t a[USERTRAP_NARGS]);
uint64_t trap_semaphore_signal_thread(const uint64_t a[USERTRAP_NARGS]);
uint64_t trap_semaphore_wait(const uint64_t a[USERTRAP_NARGS]);
uint64_t trap_semaphore_wait_signal(const uint64_t a[USERTRAP_NARGS]);
uint64_t trap_semaphore_timedwait(const uint64_t a[USERTRAP_NARGS]);
uint64_t trap_semaphore_timedwait_signal(const uint64_t a[USERTRAP_NARGS]);
uint64_t trap_semaphore_create(const uint64_t a[USERTRAP_NARGS]);
uint64_t trap_semaphore_destroy(const uint64_t a[USERTRAP_NARGS]);

/* task_port_trap.c: calls on task, thread and host ports */
uint64_t trap_task_create(const uint64_t a[USERTRAP_NARGS]);
uint64_t trap_task_terminate(const uint64_t a[USERTRAP_NARGS]);
uint64_t trap_task_suspend(const uint64_t a[USERTRAP_NARGS]);
uint64_t trap_task_resume(const uint64_t a[USERTRAP_NARGS]);
uint64_t trap_task_threads(const uint64_t a[USERTRAP_NARGS]);
uint64_t trap_task_info(const uint64_t a[USERTRAP_NARGS]);
uint64_t trap_task_get_special_port(const uint64_t a[USERTRAP_NARGS]);
uint64_t trap_task_set_special_port(const uint64_t a[USERTRAP_NARGS]);
uint64_t trap_thread_create_suspended(const uint64_t a[USERTRAP_NARGS]);
uint64_t trap_thread_create_running(const uint64_t a[USERTRAP_NARGS]);
uint64_t trap_thread_terminate(const uint64_t a[USERTRAP_NARGS]);
uint64_t trap_thread_suspend(const uint64_t a[USERTRAP_NARGS]);
uint64_t trap_thread_resume(const uint64_t a[USERTRAP_NARGS]);
uint64_t trap_thread_abort(const uint64_t a[USERTRAP_NARGS]);
uint64_t trap_thread_abort_safely(const uint64_t a[USERTRAP_NARGS]);
uint64_t trap_vm_remap(const uint64_t a[USERTRAP_NARGS]);
uint64_t trap_thread_get_special_port(const uint64_t a[USERTRAP_NARGS]);
uint64_t trap_thread_set_special_port(const uint64_t a[USERTRAP_NARGS]);
uint64_t trap_thread_get_state(const uint64_t a[USERTRAP_NARGS]);
uint64_t trap_thread_set_state(const uint64_t a[USERTRAP_NARGS]);
uint64_t trap_thread_info(const uint64_t a[USERTRAP_NARGS]);
uint64_t trap_vm_read(const uint64_t a[USERTRAP_NARGS]);
uint64_t trap_vm_write(const uint64_t a[USERTRAP_NARGS]);
uint64_t trap_vm_copy(const uint64_t a[USERTRAP_NARGS]);
uint64_t trap_vm_read_overwrite(const uint64_t a[USERTRAP_NARGS]);
uint64_t trap_vm_region(const uint64_t a[USERTRAP_NARGS]);
uint64_t trap_vm_region_recurse(const uint64_t a[USERTRAP_NARGS]);
uint64_t trap_vm_page_query(const uint64_t a[USERTRAP_NARGS]);
uint64_t trap_vm_inherit(const uint64_t a[USERTRAP_NARGS]);
uint64_t trap_host_info(const uint64_t a[USERTRAP_NARGS]);
uint64_t trap_host_statistics(const uint64_t a[USERTRAP_NARGS]);
uint64_t trap_thread_policy_set(const uint64_t a[USERTRAP_NARGS]);
/* task/task_memory_entry.c */
uint64_t trap_make_memory_entry(const uint64_t a[USERTRAP_NARGS]);
uint64_t trap_vm_map(const uint64_t a[USERTRAP_NARGS]);
uint64_t trap_vm_behavior_set(const uint64_t a[USERTRAP_NARGS]);
uint64_t trap_vm_msync(const uint64_t a[USERTRAP_NARGS]);
uint64_t vm_named_entries_alive(void);		/* for leak checks */
uint64_t trap_thread_policy_get(const uint64_t a[USERTRAP_NARGS]);
uint64_t trap_host_statistics64(const uint64_t a[USERTRAP_NARGS]);
/* task/host_trap.c */
uint64_t trap_host_processor_info(const uint64_t a[USERTRAP_NARGS]);
uint64_t trap_host_kernel_version(const uint64_t a[USERTRAP_NARGS]);
/*
 * (thread_policy.c) the policy traps' arguments, shared by thread_ and
 * task_policy_set / _get: info (16 words, zeroed) and its count copied in
 * (MIG_ARRAY_TOO_LARGE, KERN_INVALID_ADDRESS); the get's results out
 */
kern_return_t policy_set_args_in(const uint64_t a[USERTRAP_NARGS],
    integer_t *info, uint32_t *countp);
kern_return_t policy_get_args_in(const uint64_t a[USERTRAP_NARGS],
    integer_t *info, uint32_t *countp, bool *gdp);
kern_return_t policy_get_args_out(const uint64_t a[USERTRAP_NARGS],
    const integer_t *info, uint32_t count, bool gd);
/* task/task_policy.c (info: integer_t words, count of them) */
kern_return_t task_policy_set(task_t t, natural_t flavor, const integer_t *info,
    uint32_t count);
kern_return_t task_policy_get(task_t t, natural_t flavor, integer_t *info,
    uint32_t count, bool get_default);
uint64_t trap_task_policy_set(const uint64_t a[USERTRAP_NARGS]);
uint64_t trap_task_policy_get(const uint64_t a[USERTRAP_NARGS]);
/* task/task_pset.c */
void task_pset_init(void);
uint64_t trap_processor_set_default(const uint64_t a[USERTRAP_NARGS]);
uint64_t trap_host_processor_set_priv(const uint64_t a[USERTRAP_NARGS]);
uint64_t trap_processor_set_info(const uint64_t a[USERTRAP_NARGS]);
uint64_t trap_processor_set_statistics(const uint64_t a[USERTRAP_NARGS]);
uint64_t trap_processor_set_tasks(const uint64_t a[USERTRAP_NARGS]);
uint64_t trap_processor_set_threads(const uint64_t a[USERTRAP_NARGS]);

/* task/exception_trap.c */
uint64_t trap_task_set_exception_ports(const uint64_t a[USERTRAP_NARGS]);
uint64_t trap_task_get_exception_ports(const uint64_t a[USERTRAP_NARGS]);
uint64_t trap_task_swap_exception_ports(const uint64_t a[USERTRAP_NARGS]);
uint64_t trap_thread_set_exception_ports(const uint64_t a[USERTRAP_NARGS]);
uint64_t trap_thread_get_exception_ports(const uint64_t a[USERTRAP_NARGS]);
uint64_t trap_thread_swap_exception_ports(const uint64_t a[USERTRAP_NARGS]);
uint64_t trap_host_set_exception_ports(const uint64_t a[USERTRAP_NARGS]);
uint64_t trap_host_get_exception_ports(const uint64_t a[USERTRAP_NARGS]);
uint64_t trap_host_swap_exception_ports(const uint64_t a[USERTRAP_NARGS]);

#endif /* TASK_TASK_TRAP_H */
