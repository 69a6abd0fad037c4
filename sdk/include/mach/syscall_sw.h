/*
 * <mach/syscall_sw.h> - Mach trap numbers (user ABI).
 *
 * A trap is `ecall` with the trap number in a7 and up to seven arguments
 * in a0..a6; the result comes back in a0 and every other register is
 * preserved.  Mach traps have negative numbers, the same as XNU's
 * mach_trap_table where XNU has the trap; BSD system calls (later) take
 * the positive numbers.  rvmach's own traps sit below XNU's range, at
 * -101..-255: -101..-129 debug and mach_port_*, -130..-169 task, thread,
 * vm and host calls, -170..-179 exception ports, -180..-189 semaphores.
 * docs/abi.md lists every trap and where rvmach differs.
 *
 * Usable from assembly.
 */
#ifndef _MACH_SYSCALL_SW_H_
#define _MACH_SYSCALL_SW_H_

/* XNU's numbers */
#define MACH_TRAP_mach_vm_allocate	(-10)	/* _kernelrpc_mach_vm_allocate_trap */
#define MACH_TRAP_mach_vm_deallocate	(-12)	/* _kernelrpc_mach_vm_deallocate_trap */
#define MACH_TRAP_mach_vm_protect	(-14)	/* _kernelrpc_mach_vm_protect_trap */
#define MACH_TRAP_mach_port_allocate	(-16)	/* _kernelrpc_mach_port_allocate_trap */
#define MACH_TRAP_mach_port_destroy	(-17)
#define MACH_TRAP_mach_port_deallocate	(-18)
#define MACH_TRAP_mach_port_mod_refs	(-19)
#define MACH_TRAP_mach_port_move_member	(-20)
#define MACH_TRAP_mach_port_insert_right (-21)
#define MACH_TRAP_mach_port_insert_member (-22)
#define MACH_TRAP_mach_port_extract_member (-23)
#define MACH_TRAP_mach_port_construct	(-24)
#define MACH_TRAP_mach_port_destruct	(-25)
#define MACH_TRAP_mach_reply_port	(-26)
#define MACH_TRAP_thread_self		(-27)	/* thread_self_trap */
#define MACH_TRAP_task_self		(-28)	/* task_self_trap */
#define MACH_TRAP_host_self		(-29)	/* host_self_trap */
#define MACH_TRAP_mach_msg		(-31)	/* mach_msg_trap */
#define MACH_TRAP_semaphore_signal	(-33)	/* semaphore_signal_trap(signal_name) */
#define MACH_TRAP_semaphore_signal_all	(-34)	/* semaphore_signal_all_trap(signal_name) */
#define MACH_TRAP_semaphore_signal_thread (-35)	/* (signal_name, thread_name) */
#define MACH_TRAP_semaphore_wait	(-36)	/* semaphore_wait_trap(wait_name) */
#define MACH_TRAP_semaphore_wait_signal	(-37)	/* (wait_name, signal_name) */
#define MACH_TRAP_semaphore_timedwait	(-38)	/* (wait_name, unsigned sec, clock_res_t nsec) */
#define MACH_TRAP_semaphore_timedwait_signal (-39) /* (wait_name, signal_name, sec, nsec) */
#define MACH_TRAP_mach_port_get_attributes (-40)
#define MACH_TRAP_swtch_pri		(-59)
#define MACH_TRAP_swtch			(-60)
#define MACH_TRAP_thread_switch		(-61)
#define MACH_TRAP_clock_sleep		(-62)	/* clock_sleep_trap */
#define MACH_TRAP_mach_port_type	(-76)	/* _kernelrpc_mach_port_type_trap */
#define MACH_TRAP_mach_port_request_notification (-77)
#define MACH_TRAP_mach_timebase_info	(-89)
#define MACH_TRAP_mach_wait_until	(-90)

/*
 * rvmach's test/debug traps, until the BSD layer exists
 * (docs/abi.md): console output, ending the task, and thread creation.
 */
#define RVMACH_TRAP_null		(-101)	/* returns 0: the cost of a trap */
#define RVMACH_TRAP_console_write	(-102)	/* (const char *buf, size_t len) */
#define RVMACH_TRAP_task_exit		(-103)	/* (int status): ends the task */
#define RVMACH_TRAP_thread_create	(-104)	/* (pc, sp, arg): new thread */
#define RVMACH_TRAP_thread_exit		(-105)	/* ends the calling thread */

/* mach_port_* calls XNU makes MIG routines, here traps of rvmach's own */
#define RVMACH_TRAP_mach_port_get_refs	(-106)	/* (task, name, right, refs *) */
#define RVMACH_TRAP_mach_port_set_attributes (-107) /* (task, name, flavor, info *, count) */
#define RVMACH_TRAP_mach_port_allocate_name (-108) /* (task, right, name) */
#define RVMACH_TRAP_mach_port_names	(-109)	/* (task, names *, types *, max, count *) */
#define RVMACH_TRAP_mach_port_extract_right (-110) /* (task, name, msgt, poly *, polyPoly *) */
#define RVMACH_TRAP_mach_port_get_set_status (-111) /* (task, name, members *, max, count *) */
#define RVMACH_TRAP_mach_port_get_context (-112) /* (task, name, context *) */
#define RVMACH_TRAP_mach_port_set_context (-113) /* (task, name, context) */
#define RVMACH_TRAP_mach_port_get_srights (-114) /* (task, name, srights *) */
#define RVMACH_TRAP_mach_port_set_mscount (-115) /* (task, name, mscount) */
#define RVMACH_TRAP_mach_port_set_seqno	(-116)	/* (task, name, seqno) */
#define RVMACH_TRAP_mach_msg_overwrite	(-117)	/* (msg, option, send_size, rcv_size, rcv_name, timeout, rcv_msg) */
#define RVMACH_TRAP_mach_port_guard	(-118)	/* (task, name, guard, strict) */
#define RVMACH_TRAP_mach_port_unguard	(-119)	/* (task, name, guard) */
#define RVMACH_TRAP_mach_port_guard_with_flags (-120) /* (task, name, guard, flags) */
#define RVMACH_TRAP_mach_port_swap_guard (-121)	/* (task, name, old_guard, new_guard) */
#define RVMACH_TRAP_mach_port_peek	(-122)	/* (task, name, trailer_type, seqno *, size_id *, trailer *, trailer_size *) */
#define RVMACH_TRAP_mach_port_kobject	(-123)	/* (task, name, type *, addr *) */
#define RVMACH_TRAP_mach_port_space_basic_info (-124) /* (task, ipc_info_space_basic_t *) */
#define RVMACH_TRAP_mach_port_space_info (-125)	/* (task, ipc_info_space_t *, ipc_info_name_t *, max, count *) */

/* semaphore_create/destroy on a task port: MIG routines in XNU (docs/abi.md) */
#define RVMACH_TRAP_semaphore_create	(-180)	/* (task, semaphore_t *, policy, value) */
#define RVMACH_TRAP_semaphore_destroy	(-181)	/* (task, semaphore) */

/* calls on the host port that XNU makes MIG routines (task/host_trap.c) */
#define RVMACH_TRAP_host_processor_info	(-183)	/* (host, flavor, info *, max, pcount *, count *) */
#define RVMACH_TRAP_host_kernel_version	(-184)	/* (host, char[KERNEL_VERSION_MAX]) */
/* clock_alarm on a clock port (XNU: MIG; task/task_clock.c) */
#define RVMACH_TRAP_clock_alarm		(-185)	/* (clock_serv, alarm_type, sec, nsec, alarm_port) */
/* task_policy_set / _get on a task port (XNU: MIG; task/task_policy.c) */
#define RVMACH_TRAP_task_policy_set	(-186)	/* (task, flavor, info *, count) */
#define RVMACH_TRAP_task_policy_get	(-187)	/* (task, flavor, info *, count *, get_default *) */
/* the processor set (XNU: MIG on the host and set ports; task/task_pset.c) */
#define RVMACH_TRAP_processor_set_default (-188) /* (host, name *) */
#define RVMACH_TRAP_host_processor_set_priv (-189) /* (host, set_name, set *) */
#define RVMACH_TRAP_processor_set_info	(-190)	/* (set, flavor, host *, info *, count *) */
#define RVMACH_TRAP_processor_set_statistics (-191) /* (set, flavor, info *, count *) */
#define RVMACH_TRAP_processor_set_tasks	(-192)	/* (set, names *, max, count *) */
#define RVMACH_TRAP_processor_set_threads (-193) /* (set, names *, max, count *) */
/* mach_vm_page_query (XNU: MIG; kernel/vm/vm_map.c) */
#define RVMACH_TRAP_mach_vm_page_query	(-194)	/* (task, offset, disposition *, ref_count *) */

/*
 * Calls on a task, thread or host port that XNU makes MIG routines, here
 * traps of rvmach's own (task/task_port_trap.c; docs/abi.md lists the
 * arguments).  The libmach wrappers have XNU's prototypes.
 */
#define RVMACH_TRAP_task_create		(-130)	/* (task, ledgers *, ledgersCnt, inherit, child *) */
#define RVMACH_TRAP_task_terminate	(-131)	/* (task) */
#define RVMACH_TRAP_task_suspend	(-132)	/* (task) */
#define RVMACH_TRAP_task_resume		(-133)	/* (task) */
#define RVMACH_TRAP_task_threads	(-134)	/* (task, names *, max, count *) */
#define RVMACH_TRAP_task_info		(-135)	/* (task, flavor, info *, count *) */
#define RVMACH_TRAP_task_get_special_port (-136) /* (task, which, port *) */
#define RVMACH_TRAP_task_set_special_port (-137) /* (task, which, port) */
#define RVMACH_TRAP_thread_create_suspended (-138) /* (task, thread *): thread_create */
#define RVMACH_TRAP_thread_create_running (-139) /* (task, flavor, state *, count, thread *) */
#define RVMACH_TRAP_thread_terminate	(-140)	/* (thread) */
#define RVMACH_TRAP_thread_suspend	(-141)	/* (thread) */
#define RVMACH_TRAP_thread_resume	(-142)	/* (thread) */
#define RVMACH_TRAP_thread_abort	(-143)	/* (thread) */
#define RVMACH_TRAP_thread_get_state	(-144)	/* (thread, flavor, state *, count *) */
#define RVMACH_TRAP_thread_set_state	(-145)	/* (thread, flavor, state *, count) */
#define RVMACH_TRAP_thread_info		(-146)	/* (thread, flavor, info *, count *) */
#define RVMACH_TRAP_mach_vm_read	(-147)	/* (task, addr, size, data *, count *) */
#define RVMACH_TRAP_mach_vm_write	(-148)	/* (task, addr, data, count) */
#define RVMACH_TRAP_mach_vm_copy	(-149)	/* (task, src, size, dst) */
#define RVMACH_TRAP_mach_vm_region	(-150)	/* (task, addr *, size *, flavor, info *, count *, name *) */
#define RVMACH_TRAP_mach_vm_inherit	(-151)	/* (task, addr, size, inheritance) */
#define RVMACH_TRAP_host_info		(-152)	/* (host, flavor, info *, count *) */
#define RVMACH_TRAP_mach_vm_read_overwrite (-153) /* (task, addr, size, data, outsize *) */
#define RVMACH_TRAP_thread_get_special_port (-154) /* (thread, which, port *) */
#define RVMACH_TRAP_thread_set_special_port (-155) /* (thread, which, port) */
#define RVMACH_TRAP_thread_abort_safely	(-156)	/* (thread) */
#define RVMACH_TRAP_mach_vm_remap	(-157)	/* (task, struct rvmach_vm_remap_args *) */
#define RVMACH_TRAP_host_statistics	(-158)	/* (host, flavor, info *, count *) */
#define RVMACH_TRAP_host_statistics64	(-159)	/* (host, flavor, info64 *, count *) */
#define RVMACH_TRAP_host_get_clock_service (-160) /* (host, clock_id, clock_serv *) */
#define RVMACH_TRAP_clock_get_time	(-161)	/* (clock_serv, mach_timespec *) */
#define RVMACH_TRAP_clock_get_attributes (-162)	/* (clock_serv, flavor, attr *, count *) */
#define RVMACH_TRAP_thread_policy_set	(-163)	/* (thread, flavor, info *, count) */
#define RVMACH_TRAP_thread_policy_get	(-164)	/* (thread, flavor, info *, count *, get_default *) */
#define RVMACH_TRAP_mach_make_memory_entry (-165) /* (task, size *, offset, permission, handle *, parent) */
#define RVMACH_TRAP_mach_vm_map		(-166)	/* (task, struct rvmach_vm_map_args *) */
#define RVMACH_TRAP_mach_vm_behavior_set (-167)	/* (task, addr, size, behavior) */
#define RVMACH_TRAP_mach_vm_msync	(-168)	/* (task, addr, size, sync_flags) */
#define RVMACH_TRAP_mach_vm_region_recurse (-169) /* (task, addr *, size *, depth *, info *, count *) */

/*
 * The exception-port calls (XNU: MIG routines of task.defs,
 * thread_act.defs, host_priv.defs).  get and swap return their arrays
 * through one struct rvmach_exception_ports (<mach/exception_types.h>), which the
 * libmach wrappers unpack into XNU's arguments.
 */
#define RVMACH_TRAP_task_set_exception_ports	(-170)	/* (task, mask, port, behavior, flavor) */
#define RVMACH_TRAP_task_get_exception_ports	(-171)	/* (task, mask, info *) */
#define RVMACH_TRAP_task_swap_exception_ports	(-172)	/* (task, mask, port, behavior, flavor, info *) */
#define RVMACH_TRAP_thread_set_exception_ports	(-173)	/* (thread, ...) as task_ */
#define RVMACH_TRAP_thread_get_exception_ports	(-174)
#define RVMACH_TRAP_thread_swap_exception_ports	(-175)
#define RVMACH_TRAP_host_set_exception_ports	(-176)	/* (host, ...) as task_ */
#define RVMACH_TRAP_host_get_exception_ports	(-177)
#define RVMACH_TRAP_host_swap_exception_ports	(-178)

#endif /* _MACH_SYSCALL_SW_H_ */
