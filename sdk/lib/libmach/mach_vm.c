/*
 * sdk/lib/libmach/mach_vm.c - the task-self and VM traps.
 */
#include <mach/mach_init.h>
#include <mach/mach_vm.h>
#include <mach/riscv/trap.h>
#include <mach/syscall_sw.h>

/* XNU's libsystem keeps the name in mach_task_self_: one trap, one uref */
mach_port_t mach_task_self_;

mach_port_t
mach_task_self(void)
{
	mach_port_t self = __atomic_load_n(&mach_task_self_, __ATOMIC_RELAXED);

	if (self == MACH_PORT_NULL) {
		self = (mach_port_t)rvmach_trap0(MACH_TRAP_task_self);
		__atomic_store_n(&mach_task_self_, self, __ATOMIC_RELAXED);
	}
	return self;
}

mach_port_t
mach_thread_self(void)
{
	return (mach_port_t)rvmach_trap0(MACH_TRAP_thread_self);
}

mach_port_t
mach_host_self(void)
{
	return (mach_port_t)rvmach_trap0(MACH_TRAP_host_self);
}

mach_port_t
mach_reply_port(void)
{
	return (mach_port_t)rvmach_trap0(MACH_TRAP_mach_reply_port);
}

kern_return_t
mach_vm_allocate(vm_map_t target, mach_vm_address_t *address,
    mach_vm_size_t size, int flags)
{
	return (kern_return_t)rvmach_trap(MACH_TRAP_mach_vm_allocate,
	    (long)target, (long)(uintptr_t)address, (long)size, (long)flags,
	    0, 0, 0);
}

kern_return_t
mach_vm_deallocate(vm_map_t target, mach_vm_address_t address,
    mach_vm_size_t size)
{
	return (kern_return_t)rvmach_trap3(MACH_TRAP_mach_vm_deallocate,
	    (long)target, (long)address, (long)size);
}

kern_return_t
mach_vm_protect(vm_map_t target, mach_vm_address_t address,
    mach_vm_size_t size, boolean_t set_maximum, vm_prot_t new_protection)
{
	return (kern_return_t)rvmach_trap(MACH_TRAP_mach_vm_protect,
	    (long)target, (long)address, (long)size, (long)set_maximum,
	    (long)new_protection, 0, 0);
}

kern_return_t
mach_vm_remap(vm_map_t target_task, mach_vm_address_t *target_address,
    mach_vm_size_t size, mach_vm_offset_t mask, int flags,
    vm_map_read_t src_task, mach_vm_address_t src_address, boolean_t copy,
    vm_prot_t *cur_protection, vm_prot_t *max_protection,
    vm_inherit_t inheritance)
{
	struct rvmach_vm_remap_args r = {
		.target_address = *target_address,
		.size = size,
		.mask = mask,
		.src_address = src_address,
		.flags = flags,
		.src_task = src_task,
		.copy = copy,
		.inheritance = inheritance,
	};
	kern_return_t kr;

	kr = (kern_return_t)rvmach_trap(RVMACH_TRAP_mach_vm_remap,
	    (long)target_task, (long)&r, 0, 0, 0, 0, 0);
	if (kr == KERN_SUCCESS) {
		*target_address = r.target_address;
		*cur_protection = r.cur_protection;
		*max_protection = r.max_protection;
	}
	return kr;
}

kern_return_t
mach_vm_map(vm_map_t target_task, mach_vm_address_t *address,
    mach_vm_size_t size, mach_vm_offset_t mask, int flags,
    mem_entry_name_port_t object, memory_object_offset_t offset,
    boolean_t copy, vm_prot_t cur_protection, vm_prot_t max_protection,
    vm_inherit_t inheritance)
{
	struct rvmach_vm_map_args r = {
		.address = *address,
		.size = size,
		.mask = mask,
		.offset = offset,
		.flags = flags,
		.object = object,
		.copy = copy,
		.cur_protection = cur_protection,
		.max_protection = max_protection,
		.inheritance = inheritance,
	};
	kern_return_t kr;

	kr = (kern_return_t)rvmach_trap(RVMACH_TRAP_mach_vm_map,
	    (long)target_task, (long)&r, 0, 0, 0, 0, 0);
	if (kr == KERN_SUCCESS)
		*address = r.address;
	return kr;
}

kern_return_t
mach_vm_behavior_set(vm_map_t target_task, mach_vm_address_t address,
    mach_vm_size_t size, vm_behavior_t new_behavior)
{
	return (kern_return_t)rvmach_trap(RVMACH_TRAP_mach_vm_behavior_set,
	    (long)target_task, (long)address, (long)size, (long)new_behavior,
	    0, 0, 0);
}

kern_return_t
mach_vm_msync(vm_map_t target_task, mach_vm_address_t address,
    mach_vm_size_t size, vm_sync_t sync_flags)
{
	return (kern_return_t)rvmach_trap(RVMACH_TRAP_mach_vm_msync,
	    (long)target_task, (long)address, (long)size, (long)sync_flags,
	    0, 0, 0);
}
