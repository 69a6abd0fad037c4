/*
 * task/task_trap.c - the Mach trap table and what else a trap from user
 * mode turns into: faults the VM resolves, exceptions, ASTs.
 *
 * The IPC traps are in ipc_trap.c, the calls on task, thread and host
 * ports in task_port_trap.c, the exception-port calls in exception_trap.c;
 * the VM traps act on any task whose port the caller names.  An exception
 * becomes a message to the thread's, task's or host's exception port
 * (exception.c).  docs/abi.md lists every trap.
 */
#include <mach/message.h>
#include <mach/riscv/vm_param.h>
#include <mach/syscall_sw.h>
#include <mach/vm_statistics.h>
#include "kernel/console.h"
#include "kernel/copyio.h"
#include "kernel/ipc/mach_port.h"
#include "kernel/lib/printf.h"
#include "kernel/lib/string.h"
#include "kernel/sched/timer.h"
#include "kernel/usertrap.h"
#include "kernel/vm/vm_user.h"
#include "task/exception.h"
#include "task/task.h"
#include "task/task_trap.h"

#define CONSOLE_CHUNK		256

static uint64_t
trap_null(const uint64_t a[USERTRAP_NARGS] __unused)
{
	return 0;
}

/*
 * a task's console output; a task a kernel test started has its lines
 * turned into KTAP diagnostics ("    # | ..."), so its own KTAP does not
 * mix with the test's
 */
static void
console_out(task_t t, const char *s, size_t n)
{
	static const char prefix[] = "    # | ";
	char line[sizeof(prefix) - 1 + CONSOLE_CHUNK];

	if (!t->console_diag) {
		console_write(s, n);
		return;
	}
	while (n > 0) {
		const char *nl = memchr(s, '\n', n);
		size_t len = nl != NULL ? (size_t)(nl - s) + 1 : n, at = 0;

		/* one write per piece: lines of tasks writing at once never mix */
		if (!t->console_midline) {
			memcpy(line, prefix, sizeof(prefix) - 1);
			at = sizeof(prefix) - 1;
		}
		memcpy(line + at, s, len);
		console_write(line, at + len);
		t->console_midline = nl == NULL;
		s += len;
		n -= len;
	}
}

/* console_write(buf, len): KERN_SUCCESS or KERN_INVALID_ADDRESS, nothing written then */
static uint64_t
trap_console_write(const uint64_t a[USERTRAP_NARGS])
{
	vaddr_t buf = a[0];
	size_t len = a[1];
	char chunk[CONSOLE_CHUNK];

	if (buf + len < buf || buf + len > VM_MAX_ADDRESS)
		return KERN_INVALID_ADDRESS;
	/* every page readable before the first byte goes out */
	for (vaddr_t p = buf; p < buf + len; p = ROUNDDOWN(p, PAGE_SIZE) + PAGE_SIZE) {
		if (copyin(p, chunk, 1) != KERN_SUCCESS)
			return KERN_INVALID_ADDRESS;
	}
	if (len > 0 && copyin(buf + len - 1, chunk, 1) != KERN_SUCCESS)
		return KERN_INVALID_ADDRESS;
	while (len > 0) {
		size_t n = MIN(len, sizeof(chunk));

		if (copyin(buf, chunk, n) != KERN_SUCCESS)
			return KERN_INVALID_ADDRESS;
		console_out(current_task(), chunk, n);
		buf += n;
		len -= n;
	}
	return KERN_SUCCESS;
}

static uint64_t
trap_task_exit(const uint64_t a[USERTRAP_NARGS])
{
	task_t t = current_task();

	spin_lock(&t->lock);
	t->exit_status = (int)a[0];
	spin_unlock(&t->lock);
	task_terminate(t);		/* does not return */
	return KERN_FAILURE;
}

/* thread_create(pc, sp, arg): a new running thread in the caller's task */
static uint64_t
trap_thread_create(const uint64_t a[USERTRAP_NARGS])
{
	thread_t th;
	kern_return_t kr;

	if (a[0] >= VM_MAX_ADDRESS || a[1] > VM_MAX_ADDRESS)
		return KERN_INVALID_ADDRESS;
	kr = thread_create_running_user(current_task(), a[0], a[1], a[2], &th);
	if (kr == KERN_SUCCESS)
		thread_deallocate(th);
	return kr;
}

static uint64_t
trap_thread_exit(const uint64_t a[USERTRAP_NARGS] __unused)
{
	thread_exit_user();
}

vm_map_t
task_map_reference(task_t t)
{
	vm_map_t map;

	spin_lock(&t->lock);
	map = t->map;
	if (map != NULL)
		vm_map_reference(map);
	spin_unlock(&t->lock);
	return map;
}

vm_map_t
trap_target_map(uint64_t name, task_t *tp)
{
	task_t t = port_name_to_task((mach_port_name_t)name);
	vm_map_t map;

	*tp = t;
	if (t == TASK_NULL)
		return NULL;
	map = task_map_reference(t);
	if (map == NULL) {
		task_deallocate(t);
		*tp = TASK_NULL;
	}
	return map;
}

kern_return_t
vm_allocate_flags(vm_map_t map, vaddr_t *addrp, uint64_t size, int flags)
{
	if (flags & ~(VM_FLAGS_ANYWHERE))
		return KERN_INVALID_ARGUMENT;
	return vm_allocate(map, addrp, size, flags);
}

void
trap_target_done(vm_map_t map, task_t t)
{
	vm_map_deallocate(map);
	task_deallocate(t);
}

/* mach_vm_allocate(target, mach_vm_address_t *addr, size, flags) */
static uint64_t
trap_vm_allocate(const uint64_t a[USERTRAP_NARGS])
{
	task_t t;
	vm_map_t map = trap_target_map(a[0], &t);
	uint64_t addr, size = a[2];
	int flags = (int)a[3];
	kern_return_t kr;

	if (map == NULL)
		return MACH_SEND_INVALID_DEST;
	if (copyin(a[1], &addr, sizeof(addr)) != KERN_SUCCESS) {
		kr = KERN_INVALID_ADDRESS;
	} else {
		kr = vm_allocate_flags(map, &addr, size, flags);
		if (kr == KERN_SUCCESS &&
		    copyout(&addr, a[1], sizeof(addr)) != KERN_SUCCESS) {
			uint64_t rsize = ROUNDUP(size, PAGE_SIZE);

			vm_map_remove(map, addr, addr + rsize);
			kr = KERN_INVALID_ADDRESS;
		}
	}
	trap_target_done(map, t);
	return kr;
}

static uint64_t
trap_vm_deallocate(const uint64_t a[USERTRAP_NARGS])
{
	task_t t;
	vm_map_t map = trap_target_map(a[0], &t);
	kern_return_t kr;

	if (map == NULL)
		return MACH_SEND_INVALID_DEST;
	kr = vm_deallocate(map, a[1], a[2]);
	trap_target_done(map, t);
	return kr;
}

/* mach_vm_protect(target, addr, size, set_maximum, new_protection) */
static uint64_t
trap_vm_protect(const uint64_t a[USERTRAP_NARGS])
{
	task_t t;
	vm_map_t map = trap_target_map(a[0], &t);
	kern_return_t kr;

	if (map == NULL)
		return MACH_SEND_INVALID_DEST;
	kr = vm_protect(map, a[1], a[2], a[3] != 0, (vm_prot_t)a[4]);
	trap_target_done(map, t);
	return kr;
}

static uint64_t
trap_swtch(const uint64_t a[USERTRAP_NARGS] __unused)
{
	thread_yield();
	return 0;			/* FALSE */
}

#define SWITCH_OPTION_NONE	0
#define SWITCH_OPTION_DEPRESS	1
#define SWITCH_OPTION_WAIT	2

/* thread_switch(thread_name, option, option_time ms) */
static uint64_t
trap_thread_switch(const uint64_t a[USERTRAP_NARGS])
{
	switch (a[1]) {
	case SWITCH_OPTION_NONE:
	case SWITCH_OPTION_DEPRESS:
		thread_yield();
		return KERN_SUCCESS;
	case SWITCH_OPTION_WAIT:
		thread_sleep_ns((uint64_t)(uint32_t)a[2] * NSEC_PER_MSEC);
		return KERN_SUCCESS;
	default:
		return KERN_INVALID_ARGUMENT;
	}
}

/* mach_timebase_info(info): ns = ticks * numer / denom */
static uint64_t
trap_timebase_info(const uint64_t a[USERTRAP_NARGS])
{
	uint32_t tb[2];

	timebase_fraction(&tb[0], &tb[1]);
	return copyout(tb, a[0], sizeof(tb));
}

/* mach_wait_until(deadline in mach_absolute_time ticks) */
static uint64_t
trap_wait_until(const uint64_t a[USERTRAP_NARGS])
{
	uint64_t now = nanotime(), when = ticks_to_ns(a[0]);
	wait_result_t wr;

	if (when <= now)
		return KERN_SUCCESS;
	assert_wait_deadline((event_t)current_thread(), THREAD_INTERRUPTIBLE, when);
	wr = thread_block();
	return wr == THREAD_INTERRUPTED ? KERN_ABORTED : KERN_SUCCESS;
}

static const usertrap_fn mach_trap_table[USERTRAP_TABLE_SIZE] = {
	[-MACH_TRAP_mach_vm_allocate] = trap_vm_allocate,
	[-MACH_TRAP_mach_vm_deallocate] = trap_vm_deallocate,
	[-MACH_TRAP_mach_vm_protect] = trap_vm_protect,
	[-MACH_TRAP_mach_port_allocate] = trap_port_allocate,
	[-MACH_TRAP_mach_port_destroy] = trap_port_destroy,
	[-MACH_TRAP_mach_port_deallocate] = trap_port_deallocate,
	[-MACH_TRAP_mach_port_mod_refs] = trap_port_mod_refs,
	[-MACH_TRAP_mach_port_move_member] = trap_port_move_member,
	[-MACH_TRAP_mach_port_insert_right] = trap_port_insert_right,
	[-MACH_TRAP_mach_port_insert_member] = trap_port_insert_member,
	[-MACH_TRAP_mach_port_extract_member] = trap_port_extract_member,
	[-MACH_TRAP_mach_port_construct] = trap_port_construct,
	[-MACH_TRAP_mach_port_destruct] = trap_port_destruct,
	[-MACH_TRAP_mach_reply_port] = trap_reply_port,
	[-MACH_TRAP_thread_self] = trap_thread_self,
	[-MACH_TRAP_task_self] = trap_task_self,
	[-MACH_TRAP_host_self] = trap_host_self,
	[-MACH_TRAP_mach_msg] = trap_mach_msg,
	/* the semaphores (task/semaphore_trap.c) */
	[-MACH_TRAP_semaphore_signal] = trap_semaphore_signal,
	[-MACH_TRAP_semaphore_signal_all] = trap_semaphore_signal_all,
	[-MACH_TRAP_semaphore_signal_thread] = trap_semaphore_signal_thread,
	[-MACH_TRAP_semaphore_wait] = trap_semaphore_wait,
	[-MACH_TRAP_semaphore_wait_signal] = trap_semaphore_wait_signal,
	[-MACH_TRAP_semaphore_timedwait] = trap_semaphore_timedwait,
	[-MACH_TRAP_semaphore_timedwait_signal] = trap_semaphore_timedwait_signal,
	[-RVMACH_TRAP_semaphore_create] = trap_semaphore_create,
	[-RVMACH_TRAP_semaphore_destroy] = trap_semaphore_destroy,
	[-MACH_TRAP_mach_port_get_attributes] = trap_port_get_attributes,
	[-MACH_TRAP_mach_port_type] = trap_port_type,
	[-MACH_TRAP_mach_port_request_notification] = trap_port_request_notification,
	[-RVMACH_TRAP_mach_port_get_refs] = trap_port_get_refs,
	[-RVMACH_TRAP_mach_port_set_attributes] = trap_port_set_attributes,
	[-RVMACH_TRAP_mach_port_allocate_name] = trap_port_allocate_name,
	[-RVMACH_TRAP_mach_port_names] = trap_port_names,
	[-RVMACH_TRAP_mach_port_extract_right] = trap_port_extract_right,
	[-RVMACH_TRAP_mach_port_get_set_status] = trap_port_get_set_status,
	[-RVMACH_TRAP_mach_port_get_context] = trap_port_get_context,
	[-RVMACH_TRAP_mach_port_set_context] = trap_port_set_context,
	[-RVMACH_TRAP_mach_port_guard] = trap_port_guard,
	[-RVMACH_TRAP_mach_port_unguard] = trap_port_unguard,
	[-RVMACH_TRAP_mach_port_guard_with_flags] = trap_port_guard_with_flags,
	[-RVMACH_TRAP_mach_port_swap_guard] = trap_port_swap_guard,
	[-RVMACH_TRAP_mach_port_peek] = trap_port_peek,
	[-RVMACH_TRAP_mach_port_kobject] = trap_port_kobject,
	[-RVMACH_TRAP_mach_port_space_basic_info] = trap_port_space_basic_info,
	[-RVMACH_TRAP_mach_port_space_info] = trap_port_space_info,
	[-RVMACH_TRAP_mach_port_get_srights] = trap_port_get_srights,
	[-RVMACH_TRAP_mach_port_set_mscount] = trap_port_set_mscount,
	[-RVMACH_TRAP_mach_port_set_seqno] = trap_port_set_seqno,
	[-RVMACH_TRAP_mach_msg_overwrite] = trap_mach_msg_overwrite,
	[-MACH_TRAP_swtch_pri] = trap_swtch,
	[-MACH_TRAP_swtch] = trap_swtch,
	[-MACH_TRAP_thread_switch] = trap_thread_switch,
	[-MACH_TRAP_mach_timebase_info] = trap_timebase_info,
	[-MACH_TRAP_mach_wait_until] = trap_wait_until,
	[-MACH_TRAP_clock_sleep] = trap_clock_sleep,
	[-RVMACH_TRAP_null] = trap_null,
	[-RVMACH_TRAP_console_write] = trap_console_write,
	[-RVMACH_TRAP_task_exit] = trap_task_exit,
	[-RVMACH_TRAP_thread_create] = trap_thread_create,
	[-RVMACH_TRAP_thread_exit] = trap_thread_exit,

	/*
	 * Calls on a task, thread or host port the caller names: one task
	 * managing another (task/task_port_trap.c).  XNU makes them MIG
	 * routines; rvmach's numbers -130..-169 (<mach/syscall_sw.h>).
	 */
	[-RVMACH_TRAP_task_create] = trap_task_create,
	[-RVMACH_TRAP_task_terminate] = trap_task_terminate,
	[-RVMACH_TRAP_task_suspend] = trap_task_suspend,
	[-RVMACH_TRAP_task_resume] = trap_task_resume,
	[-RVMACH_TRAP_task_threads] = trap_task_threads,
	[-RVMACH_TRAP_task_info] = trap_task_info,
	[-RVMACH_TRAP_task_get_special_port] = trap_task_get_special_port,
	[-RVMACH_TRAP_task_set_special_port] = trap_task_set_special_port,
	[-RVMACH_TRAP_thread_create_suspended] = trap_thread_create_suspended,
	[-RVMACH_TRAP_thread_create_running] = trap_thread_create_running,
	[-RVMACH_TRAP_thread_terminate] = trap_thread_terminate,
	[-RVMACH_TRAP_thread_suspend] = trap_thread_suspend,
	[-RVMACH_TRAP_thread_resume] = trap_thread_resume,
	[-RVMACH_TRAP_thread_abort] = trap_thread_abort,
	[-RVMACH_TRAP_thread_abort_safely] = trap_thread_abort_safely,
	[-RVMACH_TRAP_mach_vm_remap] = trap_vm_remap,
	[-RVMACH_TRAP_host_get_clock_service] = trap_host_get_clock_service,
	[-RVMACH_TRAP_clock_get_time] = trap_clock_get_time,
	[-RVMACH_TRAP_clock_get_attributes] = trap_clock_get_attributes,
	[-RVMACH_TRAP_thread_get_special_port] = trap_thread_get_special_port,
	[-RVMACH_TRAP_thread_set_special_port] = trap_thread_set_special_port,
	[-RVMACH_TRAP_thread_get_state] = trap_thread_get_state,
	[-RVMACH_TRAP_thread_set_state] = trap_thread_set_state,
	[-RVMACH_TRAP_thread_info] = trap_thread_info,
	[-RVMACH_TRAP_mach_vm_read] = trap_vm_read,
	[-RVMACH_TRAP_mach_vm_write] = trap_vm_write,
	[-RVMACH_TRAP_mach_vm_copy] = trap_vm_copy,
	[-RVMACH_TRAP_mach_vm_read_overwrite] = trap_vm_read_overwrite,
	[-RVMACH_TRAP_mach_vm_region] = trap_vm_region,
	[-RVMACH_TRAP_mach_vm_region_recurse] = trap_vm_region_recurse,
	[-RVMACH_TRAP_mach_vm_page_query] = trap_vm_page_query,
	[-RVMACH_TRAP_mach_vm_inherit] = trap_vm_inherit,
	[-RVMACH_TRAP_host_info] = trap_host_info,
	[-RVMACH_TRAP_host_statistics] = trap_host_statistics,
	[-RVMACH_TRAP_host_statistics64] = trap_host_statistics64,
	[-RVMACH_TRAP_host_processor_info] = trap_host_processor_info,
	[-RVMACH_TRAP_host_kernel_version] = trap_host_kernel_version,
	[-RVMACH_TRAP_clock_alarm] = trap_clock_alarm,
	[-RVMACH_TRAP_task_policy_set] = trap_task_policy_set,
	[-RVMACH_TRAP_task_policy_get] = trap_task_policy_get,
	[-RVMACH_TRAP_processor_set_default] = trap_processor_set_default,
	[-RVMACH_TRAP_host_processor_set_priv] = trap_host_processor_set_priv,
	[-RVMACH_TRAP_processor_set_info] = trap_processor_set_info,
	[-RVMACH_TRAP_processor_set_statistics] = trap_processor_set_statistics,
	[-RVMACH_TRAP_processor_set_tasks] = trap_processor_set_tasks,
	[-RVMACH_TRAP_processor_set_threads] = trap_processor_set_threads,
	[-RVMACH_TRAP_thread_policy_set] = trap_thread_policy_set,
	[-RVMACH_TRAP_thread_policy_get] = trap_thread_policy_get,
	[-RVMACH_TRAP_mach_make_memory_entry] = trap_make_memory_entry,
	[-RVMACH_TRAP_mach_vm_map] = trap_vm_map,
	[-RVMACH_TRAP_mach_vm_behavior_set] = trap_vm_behavior_set,
	[-RVMACH_TRAP_mach_vm_msync] = trap_vm_msync,

	/* the exception-port calls (task/exception_trap.c), -170..-178 */
	[-RVMACH_TRAP_task_set_exception_ports] = trap_task_set_exception_ports,
	[-RVMACH_TRAP_task_get_exception_ports] = trap_task_get_exception_ports,
	[-RVMACH_TRAP_task_swap_exception_ports] = trap_task_swap_exception_ports,
	[-RVMACH_TRAP_thread_set_exception_ports] = trap_thread_set_exception_ports,
	[-RVMACH_TRAP_thread_get_exception_ports] = trap_thread_get_exception_ports,
	[-RVMACH_TRAP_thread_swap_exception_ports] = trap_thread_swap_exception_ports,
	[-RVMACH_TRAP_host_set_exception_ports] = trap_host_set_exception_ports,
	[-RVMACH_TRAP_host_get_exception_ports] = trap_host_get_exception_ports,
	[-RVMACH_TRAP_host_swap_exception_ports] = trap_host_swap_exception_ports,
};

static kern_return_t
task_fault(vaddr_t addr, vm_prot_t access)
{
	task_t t = current_task();
	vm_map_t map = t->map;
	kern_return_t kr;

	if (map == NULL)
		return KERN_INVALID_ADDRESS;
	kr = vm_fault(map, addr, access);
	if (kr == KERN_SUCCESS)
		__atomic_fetch_add(&t->faults, 1, __ATOMIC_RELAXED);
	return kr;
}

/* stay here while the thread or its task is suspended; leave if aborted */
static void
task_ast_suspend(void)
{
	thread_t self = current_thread();
	struct thread_task_fields f;
	task_t t = thread_task(self);

	thread_task_fields(self, &f);
	for (;;) {
		assert_wait((event_t)&t->suspend_count, THREAD_INTERRUPTIBLE);
		spin_lock(&t->lock);
		if ((t->suspend_count == 0 && *f.suspend_count == 0) ||
		    !t->active) {
			spin_unlock(&t->lock);
			clear_wait(self, THREAD_AWAKENED);
			thread_block();
			return;
		}
		spin_unlock(&t->lock);
		thread_block();
		if (*thread_ast_ptr(self) & AST_ABORT)
			return;
	}
}

/*
 * a port guard violation kernel/ipc noted during the call just made:
 * EXC_GUARD, as a fault would raise it (unhandled, the task ends)
 */
static void
task_ast_guard(void)
{
	int64_t code, subcode;

	if (ipc_guard_take(&code, &subcode))
		task_exception(EXC_GUARD, code, subcode, thread_user_pc(current_thread()));
}

static void
task_ast(uint32_t ast)
{
	if ((ast & AST_GUARD) && !(ast & AST_ABORT))
		task_ast_guard();
	if (ast & AST_SUSPEND)
		task_ast_suspend();
	if ((ast | __atomic_load_n(thread_ast_ptr(current_thread()),
	    __ATOMIC_ACQUIRE)) & AST_ABORT)
		thread_exit_user();
}

static const struct usertrap_ops task_usertrap_ops = {
	.table = mach_trap_table,
	.fault = task_fault,
	.exception = task_exception,
	.ast = task_ast,
};

void
task_trap_init(void)
{
	task_ipc_init();
	task_server_init();
	task_clock_init();
	task_pset_init();
	usertrap_register(&task_usertrap_ops);
}
