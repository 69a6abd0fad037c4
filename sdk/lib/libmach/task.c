/*
 * sdk/lib/libmach/task.c - calls on task, thread and host ports with
 * XNU's prototypes (<mach/task.h>, <mach/thread_act.h>, <mach/mach_vm.h>,
 * <mach/mach_host.h>).  XNU sends each as a MIG message to the object's
 * port; rvmach makes each one trap (RVMACH_TRAP_*, docs/abi.md), so the
 * results are the same but for the MIG-only ones (MIG_* codes).
 */
#include <stddef.h>
#include <stdint.h>

#include <mach/mach_host.h>
#include <mach/mach_init.h>
#include <mach/mach_port.h>
#include <mach/mach_vm.h>
#include <mach/processor_set.h>
#include <mach/riscv/trap.h>
#include <mach/riscv/vm_param.h>
#include <mach/syscall_sw.h>
#include <mach/task.h>
#include <mach/thread_act.h>

#define L(x)	((long)(x))

#define ROUND_PAGE(x)	(((x) + RISCV_PGBYTES - 1) & ~(mach_vm_size_t)(RISCV_PGBYTES - 1))

/* --- tasks --- */

kern_return_t
task_create(task_t target_task, ledger_array_t ledgers,
    mach_msg_type_number_t ledgersCnt, boolean_t inherit_memory,
    task_t *child_task)
{
	return (kern_return_t)rvmach_trap(RVMACH_TRAP_task_create,
	    L(target_task), L(ledgers), L(ledgersCnt), L(inherit_memory),
	    L(child_task), 0, 0);
}

kern_return_t
task_terminate(task_t target_task)
{
	return (kern_return_t)rvmach_trap1(RVMACH_TRAP_task_terminate,
	    L(target_task));
}

kern_return_t
task_suspend(task_read_t target_task)
{
	return (kern_return_t)rvmach_trap1(RVMACH_TRAP_task_suspend,
	    L(target_task));
}

kern_return_t
task_resume(task_read_t target_task)
{
	return (kern_return_t)rvmach_trap1(RVMACH_TRAP_task_resume,
	    L(target_task));
}

/*
 * The names a trap (obj, names *, max, count *) returns come back in
 * memory allocated in the caller, as the MIG reply would bring them: a
 * page-rounded array the caller frees with mach_vm_deallocate
 * (task_threads, processor_set_tasks, processor_set_threads).  The trap
 * fills the array only when it is large enough for all of them;
 * otherwise it says how many there are, and the array is made larger.
 */
static kern_return_t
name_list(long trap, mach_port_t obj, mach_port_t **listp,
    mach_msg_type_number_t *countp)
{
	mach_msg_type_number_t max = RISCV_PGBYTES / sizeof(mach_port_t), count;
	mach_vm_address_t a;
	mach_vm_size_t size, used;
	kern_return_t kr;

	for (;;) {
		a = 0;
		size = ROUND_PAGE((mach_vm_size_t)max * sizeof(mach_port_t));
		kr = mach_vm_allocate(mach_task_self(), &a, size, VM_FLAGS_ANYWHERE);
		if (kr != KERN_SUCCESS)
			return kr;
		count = 0;
		kr = (kern_return_t)rvmach_trap(trap, L(obj), L(a), L(max),
		    L(&count), 0, 0, 0);
		if (kr == KERN_SUCCESS && count <= max)
			break;
		mach_vm_deallocate(mach_task_self(), a, size);
		if (kr != KERN_SUCCESS)
			return kr;
		max = count + 64;		/* made meanwhile */
	}
	used = ROUND_PAGE((mach_vm_size_t)count * sizeof(mach_port_t));
	if (used < size)
		mach_vm_deallocate(mach_task_self(), a + used, size - used);
	*listp = count > 0 ? (mach_port_t *)(uintptr_t)a : NULL;
	*countp = count;
	return KERN_SUCCESS;
}

kern_return_t
task_threads(task_inspect_t target_task, thread_act_array_t *act_list,
    mach_msg_type_number_t *act_listCnt)
{
	return name_list(RVMACH_TRAP_task_threads, target_task, act_list,
	    act_listCnt);
}

kern_return_t
task_policy_set(task_policy_set_t task, task_policy_flavor_t flavor,
    task_policy_t policy_info, mach_msg_type_number_t policy_infoCnt)
{
	return (kern_return_t)rvmach_trap(RVMACH_TRAP_task_policy_set, L(task),
	    L(flavor), L(policy_info), L(policy_infoCnt), 0, 0, 0);
}

kern_return_t
task_policy_get(task_policy_get_t task, task_policy_flavor_t flavor,
    task_policy_t policy_info, mach_msg_type_number_t *policy_infoCnt,
    boolean_t *get_default)
{
	return (kern_return_t)rvmach_trap(RVMACH_TRAP_task_policy_get, L(task),
	    L(flavor), L(policy_info), L(policy_infoCnt), L(get_default), 0, 0);
}

kern_return_t
task_info(task_name_t target_task, task_flavor_t flavor,
    task_info_t task_info_out, mach_msg_type_number_t *task_info_outCnt)
{
	return (kern_return_t)rvmach_trap(RVMACH_TRAP_task_info, L(target_task),
	    L(flavor), L(task_info_out), L(task_info_outCnt), 0, 0, 0);
}

kern_return_t
task_get_special_port(task_inspect_t task, int which_port,
    mach_port_t *special_port)
{
	return (kern_return_t)rvmach_trap3(RVMACH_TRAP_task_get_special_port,
	    L(task), L(which_port), L(special_port));
}

kern_return_t
task_set_special_port(task_t task, int which_port, mach_port_t special_port)
{
	return (kern_return_t)rvmach_trap3(RVMACH_TRAP_task_set_special_port,
	    L(task), L(which_port), L(special_port));
}

/* --- threads --- */

kern_return_t
thread_create(task_t parent_task, thread_act_t *child_act)
{
	return (kern_return_t)rvmach_trap2(RVMACH_TRAP_thread_create_suspended,
	    L(parent_task), L(child_act));
}

kern_return_t
thread_create_running(task_t parent_task, thread_state_flavor_t flavor,
    thread_state_t new_state, mach_msg_type_number_t new_stateCnt,
    thread_act_t *child_act)
{
	return (kern_return_t)rvmach_trap(RVMACH_TRAP_thread_create_running,
	    L(parent_task), L(flavor), L(new_state), L(new_stateCnt),
	    L(child_act), 0, 0);
}

kern_return_t
thread_terminate(thread_act_t target_act)
{
	return (kern_return_t)rvmach_trap1(RVMACH_TRAP_thread_terminate,
	    L(target_act));
}

kern_return_t
thread_suspend(thread_read_t target_act)
{
	return (kern_return_t)rvmach_trap1(RVMACH_TRAP_thread_suspend,
	    L(target_act));
}

kern_return_t
thread_resume(thread_read_t target_act)
{
	return (kern_return_t)rvmach_trap1(RVMACH_TRAP_thread_resume,
	    L(target_act));
}

kern_return_t
thread_abort(thread_act_t target_act)
{
	return (kern_return_t)rvmach_trap1(RVMACH_TRAP_thread_abort,
	    L(target_act));
}

kern_return_t
thread_abort_safely(thread_act_t target_act)
{
	return (kern_return_t)rvmach_trap1(RVMACH_TRAP_thread_abort_safely,
	    L(target_act));
}

kern_return_t
thread_get_special_port(thread_inspect_t thr_act, int which_port,
    mach_port_t *special_port)
{
	return (kern_return_t)rvmach_trap3(RVMACH_TRAP_thread_get_special_port,
	    L(thr_act), L(which_port), L(special_port));
}

kern_return_t
thread_set_special_port(thread_act_t thr_act, int which_port,
    mach_port_t special_port)
{
	return (kern_return_t)rvmach_trap3(RVMACH_TRAP_thread_set_special_port,
	    L(thr_act), L(which_port), L(special_port));
}

kern_return_t
thread_get_state(thread_read_t target_act, thread_state_flavor_t flavor,
    thread_state_t old_state, mach_msg_type_number_t *old_stateCnt)
{
	return (kern_return_t)rvmach_trap(RVMACH_TRAP_thread_get_state,
	    L(target_act), L(flavor), L(old_state), L(old_stateCnt), 0, 0, 0);
}

kern_return_t
thread_set_state(thread_act_t target_act, thread_state_flavor_t flavor,
    thread_state_t new_state, mach_msg_type_number_t new_stateCnt)
{
	return (kern_return_t)rvmach_trap(RVMACH_TRAP_thread_set_state,
	    L(target_act), L(flavor), L(new_state), L(new_stateCnt), 0, 0, 0);
}

kern_return_t
thread_info(thread_inspect_t target_act, thread_flavor_t flavor,
    thread_info_t thread_info_out, mach_msg_type_number_t *thread_info_outCnt)
{
	return (kern_return_t)rvmach_trap(RVMACH_TRAP_thread_info,
	    L(target_act), L(flavor), L(thread_info_out), L(thread_info_outCnt),
	    0, 0, 0);
}

kern_return_t
thread_policy_set(thread_act_t thread, thread_policy_flavor_t flavor,
    thread_policy_t policy_info, mach_msg_type_number_t policy_infoCnt)
{
	return (kern_return_t)rvmach_trap(RVMACH_TRAP_thread_policy_set,
	    L(thread), L(flavor), L(policy_info), L(policy_infoCnt), 0, 0, 0);
}

kern_return_t
thread_policy_get(thread_inspect_t thread, thread_policy_flavor_t flavor,
    thread_policy_t policy_info, mach_msg_type_number_t *policy_infoCnt,
    boolean_t *get_default)
{
	return (kern_return_t)rvmach_trap(RVMACH_TRAP_thread_policy_get,
	    L(thread), L(flavor), L(policy_info), L(policy_infoCnt),
	    L(get_default), 0, 0);
}

/* --- memory --- */

kern_return_t
mach_vm_read(vm_map_read_t target_task, mach_vm_address_t address,
    mach_vm_size_t size, vm_offset_t *data, mach_msg_type_number_t *dataCnt)
{
	return (kern_return_t)rvmach_trap(RVMACH_TRAP_mach_vm_read,
	    L(target_task), L(address), L(size), L(data), L(dataCnt), 0, 0);
}

kern_return_t
mach_vm_read_overwrite(vm_map_read_t target_task, mach_vm_address_t address,
    mach_vm_size_t size, mach_vm_address_t data, mach_vm_size_t *outsize)
{
	return (kern_return_t)rvmach_trap(RVMACH_TRAP_mach_vm_read_overwrite,
	    L(target_task), L(address), L(size), L(data), L(outsize), 0, 0);
}

kern_return_t
mach_vm_write(vm_map_t target_task, mach_vm_address_t address,
    vm_offset_t data, mach_msg_type_number_t dataCnt)
{
	return (kern_return_t)rvmach_trap(RVMACH_TRAP_mach_vm_write,
	    L(target_task), L(address), L(data), L(dataCnt), 0, 0, 0);
}

kern_return_t
mach_vm_copy(vm_map_t target_task, mach_vm_address_t source_address,
    mach_vm_size_t size, mach_vm_address_t dest_address)
{
	return (kern_return_t)rvmach_trap(RVMACH_TRAP_mach_vm_copy,
	    L(target_task), L(source_address), L(size), L(dest_address), 0, 0, 0);
}

kern_return_t
mach_vm_region(vm_map_read_t target_task, mach_vm_address_t *address,
    mach_vm_size_t *size, vm_region_flavor_t flavor, vm_region_info_t info,
    mach_msg_type_number_t *infoCnt, mach_port_t *object_name)
{
	return (kern_return_t)rvmach_trap(RVMACH_TRAP_mach_vm_region,
	    L(target_task), L(address), L(size), L(flavor), L(info), L(infoCnt),
	    L(object_name));
}

kern_return_t
mach_vm_region_recurse(vm_map_read_t target_task, mach_vm_address_t *address,
    mach_vm_size_t *size, natural_t *nesting_depth,
    vm_region_recurse_info_t info, mach_msg_type_number_t *infoCnt)
{
	return (kern_return_t)rvmach_trap(RVMACH_TRAP_mach_vm_region_recurse,
	    L(target_task), L(address), L(size), L(nesting_depth), L(info),
	    L(infoCnt), 0);
}

kern_return_t
mach_vm_page_query(vm_map_read_t target_map, mach_vm_offset_t offset,
    integer_t *disposition, integer_t *ref_count)
{
	return (kern_return_t)rvmach_trap(RVMACH_TRAP_mach_vm_page_query,
	    L(target_map), L(offset), L(disposition), L(ref_count), 0, 0, 0);
}

kern_return_t
mach_vm_inherit(vm_map_t target_task, mach_vm_address_t address,
    mach_vm_size_t size, vm_inherit_t new_inheritance)
{
	return (kern_return_t)rvmach_trap(RVMACH_TRAP_mach_vm_inherit,
	    L(target_task), L(address), L(size), L(new_inheritance), 0, 0, 0);
}

/* --- the host --- */

kern_return_t
host_statistics(host_t host_priv, host_flavor_t flavor, host_info_t host_info_out,
    mach_msg_type_number_t *host_info_outCnt)
{
	return (kern_return_t)rvmach_trap(RVMACH_TRAP_host_statistics,
	    L(host_priv), L(flavor), L(host_info_out), L(host_info_outCnt), 0, 0, 0);
}

kern_return_t
host_statistics64(host_t host_priv, host_flavor_t flavor,
    host_info64_t host_info64_out, mach_msg_type_number_t *host_info64_outCnt)
{
	return (kern_return_t)rvmach_trap(RVMACH_TRAP_host_statistics64,
	    L(host_priv), L(flavor), L(host_info64_out), L(host_info64_outCnt),
	    0, 0, 0);
}

/*
 * the trap fills a buffer only if it holds every processor's info: asked
 * first with none for the size, then with pages allocated for it (the
 * processors do not change while the system runs)
 */
kern_return_t
host_processor_info(host_t host, processor_flavor_t flavor,
    natural_t *out_processor_count, processor_info_array_t *out_processor_info,
    mach_msg_type_number_t *out_processor_infoCnt)
{
	mach_msg_type_number_t count = 0, got = 0;
	natural_t n = 0;
	mach_vm_address_t a = 0;
	mach_vm_size_t size;
	kern_return_t kr;

	kr = (kern_return_t)rvmach_trap(RVMACH_TRAP_host_processor_info, L(host),
	    L(flavor), 0, 0, L(&n), L(&count), 0);
	if (kr != KERN_SUCCESS)
		return kr;
	size = ((mach_vm_size_t)count * sizeof(integer_t) + RISCV_PGBYTES - 1) &
	    ~(mach_vm_size_t)(RISCV_PGBYTES - 1);
	if ((kr = mach_vm_allocate(mach_task_self(), &a, size,
	    VM_FLAGS_ANYWHERE)) != KERN_SUCCESS)
		return kr;
	kr = (kern_return_t)rvmach_trap(RVMACH_TRAP_host_processor_info, L(host),
	    L(flavor), L(a), L(count), L(&n), L(&got), 0);
	if (kr != KERN_SUCCESS || got != count) {
		mach_vm_deallocate(mach_task_self(), a, size);
		return kr != KERN_SUCCESS ? kr : KERN_FAILURE;
	}
	*out_processor_count = n;
	*out_processor_info = (processor_info_array_t)a;
	*out_processor_infoCnt = count;
	return KERN_SUCCESS;
}

kern_return_t
host_kernel_version(host_t host, kernel_version_t kernel_version)
{
	return (kern_return_t)rvmach_trap(RVMACH_TRAP_host_kernel_version,
	    L(host), L(kernel_version), 0, 0, 0, 0, 0);
}

kern_return_t
processor_set_default(host_t host, processor_set_name_t *default_set)
{
	return (kern_return_t)rvmach_trap3(RVMACH_TRAP_processor_set_default,
	    L(host), L(default_set), 0);
}

kern_return_t
host_processor_set_priv(host_priv_t host_priv, processor_set_name_t set_name,
    processor_set_t *set)
{
	return (kern_return_t)rvmach_trap3(RVMACH_TRAP_host_processor_set_priv,
	    L(host_priv), L(set_name), L(set));
}

/* rvmach has one set: the array holds its name port */
kern_return_t
host_processor_sets(host_priv_t host_priv,
    processor_set_name_array_t *processor_sets,
    mach_msg_type_number_t *processor_setsCnt)
{
	mach_vm_address_t a = 0;
	processor_set_name_t name = MACH_PORT_NULL;
	kern_return_t kr;

	kr = processor_set_default(host_priv, &name);
	if (kr != KERN_SUCCESS)
		return kr;
	kr = mach_vm_allocate(mach_task_self(), &a, RISCV_PGBYTES,
	    VM_FLAGS_ANYWHERE);
	if (kr != KERN_SUCCESS) {
		mach_port_deallocate(mach_task_self(), name);
		return kr;
	}
	*(processor_set_name_t *)(uintptr_t)a = name;
	*processor_sets = (processor_set_name_array_t)(uintptr_t)a;
	*processor_setsCnt = 1;
	return KERN_SUCCESS;
}

kern_return_t
processor_set_info(processor_set_name_t set_name, int flavor, host_t *host,
    processor_set_info_t info_out, mach_msg_type_number_t *info_outCnt)
{
	return (kern_return_t)rvmach_trap(RVMACH_TRAP_processor_set_info,
	    L(set_name), L(flavor), L(host), L(info_out), L(info_outCnt), 0, 0);
}

kern_return_t
processor_set_statistics(processor_set_name_t pset,
    processor_set_flavor_t flavor, processor_set_info_t info_out,
    mach_msg_type_number_t *info_outCnt)
{
	return (kern_return_t)rvmach_trap(RVMACH_TRAP_processor_set_statistics,
	    L(pset), L(flavor), L(info_out), L(info_outCnt), 0, 0, 0);
}

kern_return_t
processor_set_tasks(processor_set_t processor_set, task_array_t *task_list,
    mach_msg_type_number_t *task_listCnt)
{
	return name_list(RVMACH_TRAP_processor_set_tasks, processor_set,
	    task_list, task_listCnt);
}

kern_return_t
processor_set_threads(processor_set_t processor_set,
    thread_act_array_t *thread_list, mach_msg_type_number_t *thread_listCnt)
{
	return name_list(RVMACH_TRAP_processor_set_threads, processor_set,
	    thread_list, thread_listCnt);
}

/* as XNU's libsyscall: the host name is not looked at */
kern_return_t
host_page_size(host_t host __attribute__((unused)), vm_size_t *out_page_size)
{
	*out_page_size = vm_kernel_page_size;
	return KERN_SUCCESS;
}

vm_size_t vm_page_size = RISCV_PGBYTES;
vm_size_t vm_page_mask = RISCV_PGBYTES - 1;
int vm_page_shift = RISCV_PGSHIFT;
vm_size_t vm_kernel_page_size = RISCV_PGBYTES;
vm_size_t vm_kernel_page_mask = RISCV_PGBYTES - 1;
int vm_kernel_page_shift = RISCV_PGSHIFT;

kern_return_t
host_info(host_t host, host_flavor_t flavor, host_info_t host_info_out,
    mach_msg_type_number_t *host_info_outCnt)
{
	return (kern_return_t)rvmach_trap(RVMACH_TRAP_host_info, L(host),
	    L(flavor), L(host_info_out), L(host_info_outCnt), 0, 0, 0);
}
