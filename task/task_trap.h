/*
 * task/task_trap.h - the trap handlers of task/ipc_trap.c, for the trap
 * table in task/task_trap.c.
 */
#ifndef TASK_TASK_TRAP_H
#define TASK_TASK_TRAP_H

#include "kernel/usertrap.h"
#include "task/task.h"

/* rvmach_port_names: the most names one call returns (docs/abi.md) */
#define RVMACH_PORT_NAMES_MAX	64

void task_ipc_init(void);
/* the task name names in the caller's space (a reference), or TASK_NULL */
task_t port_name_to_task(mach_port_name_t name);

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

#endif /* TASK_TASK_TRAP_H */
