/*
 * sdk/lib/libmach/exc.c - the exception-port calls: XNU's MIG prototypes
 * (<mach/task.h>, <mach/thread_act.h>, <mach/host_priv.h>), each one
 * rvmach trap (docs/abi.md).
 *
 * get and swap return their four arrays through one struct
 * rvmach_exception_ports; the wrappers hand the caller's room in and
 * copy the entries out, as a MIG stub copies them out of its reply.
 */
#include <mach/exception_types.h>
#include <mach/host_priv.h>
#include <mach/riscv/trap.h>
#include <mach/syscall_sw.h>
#include <mach/task.h>
#include <mach/thread_act.h>

#define L(x)	((long)(x))

/* the entries of info into the caller's arrays */
static void
exc_unpack(const struct rvmach_exception_ports *info,
    exception_mask_array_t masks, mach_msg_type_number_t *masksCnt,
    exception_handler_array_t handlers, exception_behavior_array_t behaviors,
    exception_flavor_array_t flavors)
{
	for (unsigned int i = 0; i < info->count; i++) {
		masks[i] = info->masks[i];
		handlers[i] = info->ports[i];
		behaviors[i] = info->behaviors[i];
		flavors[i] = info->flavors[i];
	}
	*masksCnt = info->count;
}

static unsigned int
exc_room(const mach_msg_type_number_t *masksCnt)
{
	return *masksCnt < EXC_TYPES_COUNT ? *masksCnt : EXC_TYPES_COUNT;
}

static kern_return_t
exc_set(long trap, mach_port_t target, exception_mask_t mask,
    mach_port_t new_port, exception_behavior_t behavior,
    thread_state_flavor_t flavor)
{
	return (kern_return_t)rvmach_trap(trap, L(target), L(mask),
	    L(new_port), L(behavior), L(flavor), 0, 0);
}

static kern_return_t
exc_get(long trap, mach_port_t target, exception_mask_t mask,
    exception_mask_array_t masks, mach_msg_type_number_t *masksCnt,
    exception_handler_array_t handlers, exception_behavior_array_t behaviors,
    exception_flavor_array_t flavors)
{
	struct rvmach_exception_ports info;
	kern_return_t kr;

	info.count = exc_room(masksCnt);
	kr = (kern_return_t)rvmach_trap3(trap, L(target), L(mask), L(&info));
	if (kr == KERN_SUCCESS)
		exc_unpack(&info, masks, masksCnt, handlers, behaviors, flavors);
	return kr;
}

static kern_return_t
exc_swap(long trap, mach_port_t target, exception_mask_t mask,
    mach_port_t new_port, exception_behavior_t behavior,
    thread_state_flavor_t flavor, exception_mask_array_t masks,
    mach_msg_type_number_t *masksCnt, exception_handler_array_t handlers,
    exception_behavior_array_t behaviors, exception_flavor_array_t flavors)
{
	struct rvmach_exception_ports info;
	kern_return_t kr;

	info.count = exc_room(masksCnt);
	kr = (kern_return_t)rvmach_trap(trap, L(target), L(mask), L(new_port),
	    L(behavior), L(flavor), L(&info), 0);
	if (kr == KERN_SUCCESS)
		exc_unpack(&info, masks, masksCnt, handlers, behaviors, flavors);
	return kr;
}

kern_return_t
task_set_exception_ports(task_t task, exception_mask_t exception_mask,
    mach_port_t new_port, exception_behavior_t behavior,
    thread_state_flavor_t new_flavor)
{
	return exc_set(RVMACH_TRAP_task_set_exception_ports, task,
	    exception_mask, new_port, behavior, new_flavor);
}

kern_return_t
task_get_exception_ports(task_inspect_t task, exception_mask_t exception_mask,
    exception_mask_array_t masks, mach_msg_type_number_t *masksCnt,
    exception_handler_array_t old_handlers,
    exception_behavior_array_t old_behaviors,
    exception_flavor_array_t old_flavors)
{
	return exc_get(RVMACH_TRAP_task_get_exception_ports, task,
	    exception_mask, masks, masksCnt, old_handlers, old_behaviors,
	    old_flavors);
}

kern_return_t
task_swap_exception_ports(task_t task, exception_mask_t exception_mask,
    mach_port_t new_port, exception_behavior_t behavior,
    thread_state_flavor_t new_flavor, exception_mask_array_t masks,
    mach_msg_type_number_t *masksCnt, exception_handler_array_t old_handlerss,
    exception_behavior_array_t old_behaviors,
    exception_flavor_array_t old_flavors)
{
	return exc_swap(RVMACH_TRAP_task_swap_exception_ports, task,
	    exception_mask, new_port, behavior, new_flavor, masks, masksCnt,
	    old_handlerss, old_behaviors, old_flavors);
}

kern_return_t
thread_set_exception_ports(thread_act_t thread, exception_mask_t exception_mask,
    mach_port_t new_port, exception_behavior_t behavior,
    thread_state_flavor_t new_flavor)
{
	return exc_set(RVMACH_TRAP_thread_set_exception_ports, thread,
	    exception_mask, new_port, behavior, new_flavor);
}

kern_return_t
thread_get_exception_ports(thread_inspect_t thread,
    exception_mask_t exception_mask, exception_mask_array_t masks,
    mach_msg_type_number_t *masksCnt, exception_handler_array_t old_handlers,
    exception_behavior_array_t old_behaviors,
    exception_flavor_array_t old_flavors)
{
	return exc_get(RVMACH_TRAP_thread_get_exception_ports, thread,
	    exception_mask, masks, masksCnt, old_handlers, old_behaviors,
	    old_flavors);
}

kern_return_t
thread_swap_exception_ports(thread_act_t thread,
    exception_mask_t exception_mask, mach_port_t new_port,
    exception_behavior_t behavior, thread_state_flavor_t new_flavor,
    exception_mask_array_t masks, mach_msg_type_number_t *masksCnt,
    exception_handler_array_t old_handlers,
    exception_behavior_array_t old_behaviors,
    exception_flavor_array_t old_flavors)
{
	return exc_swap(RVMACH_TRAP_thread_swap_exception_ports, thread,
	    exception_mask, new_port, behavior, new_flavor, masks, masksCnt,
	    old_handlers, old_behaviors, old_flavors);
}

kern_return_t
host_set_exception_ports(host_priv_t host_priv, exception_mask_t exception_mask,
    mach_port_t new_port, exception_behavior_t behavior,
    thread_state_flavor_t new_flavor)
{
	return exc_set(RVMACH_TRAP_host_set_exception_ports, host_priv,
	    exception_mask, new_port, behavior, new_flavor);
}

kern_return_t
host_get_exception_ports(host_priv_t host_priv,
    exception_mask_t exception_mask, exception_mask_array_t masks,
    mach_msg_type_number_t *masksCnt, exception_handler_array_t old_handlers,
    exception_behavior_array_t old_behaviors,
    exception_flavor_array_t old_flavors)
{
	return exc_get(RVMACH_TRAP_host_get_exception_ports, host_priv,
	    exception_mask, masks, masksCnt, old_handlers, old_behaviors,
	    old_flavors);
}

kern_return_t
host_swap_exception_ports(host_priv_t host_priv,
    exception_mask_t exception_mask, mach_port_t new_port,
    exception_behavior_t behavior, thread_state_flavor_t new_flavor,
    exception_mask_array_t masks, mach_msg_type_number_t *masksCnt,
    exception_handler_array_t old_handlerss,
    exception_behavior_array_t old_behaviors,
    exception_flavor_array_t old_flavors)
{
	return exc_swap(RVMACH_TRAP_host_swap_exception_ports, host_priv,
	    exception_mask, new_port, behavior, new_flavor, masks, masksCnt,
	    old_handlerss, old_behaviors, old_flavors);
}
