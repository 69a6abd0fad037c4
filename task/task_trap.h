/*
 * task/task_trap.h - interim names the traps use until IPC exists.
 */
#ifndef TASK_TASK_TRAP_H
#define TASK_TASK_TRAP_H

/* what mach_task_self() returns until task ports exist (docs/abi.md) */
#define TASK_SELF_NAME_INTERIM	0x103

#endif /* TASK_TASK_TRAP_H */
