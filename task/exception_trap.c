/*
 * task/exception_trap.c - the traps of the exception-port calls (rvmach's
 * numbers -170..-178: XNU makes them MIG routines; <mach/syscall_sw.h>,
 * docs/abi.md).
 *
 * Each acts as its MIG routine would: the target is a send right to a
 * task, thread or host port in the caller's space (anything else is
 * MACH_SEND_INVALID_DEST), new_port arrives as MACH_MSG_TYPE_COPY_SEND
 * (not a send right: MACH_SEND_INVALID_RIGHT), and the ports get and swap
 * return become send rights in the caller's space.  Their arrays travel in
 * one struct rvmach_exception_ports, which must be writable before
 * anything changes (KERN_INVALID_ADDRESS).
 */
#include <mach/exception_types.h>
#include "kernel/copyio.h"
#include "kernel/ipc/mach_port.h"
#include "kernel/lib/string.h"
#include "task/exception.h"
#include "task/task.h"
#include "task/task_trap.h"

enum exc_level { EXC_LEVEL_THREAD, EXC_LEVEL_TASK, EXC_LEVEL_HOST };

/* what a trap acts on, with references (the host needs none) */
struct exc_target {
	enum exc_level level;
	task_t task;
	thread_t thread;
	struct host *host;
};

static ipc_space_t
caller_space(void)
{
	return current_task()->itk_space;
}

static bool
exc_target_get(enum exc_level level, uint64_t name, struct exc_target *tg)
{
	memset(tg, 0, sizeof(*tg));
	tg->level = level;
	switch (level) {
	case EXC_LEVEL_THREAD:
		tg->thread = port_name_to_thread((mach_port_name_t)name);
		return tg->thread != THREAD_NULL;
	case EXC_LEVEL_TASK:
		tg->task = port_name_to_task((mach_port_name_t)name);
		return tg->task != TASK_NULL;
	case EXC_LEVEL_HOST:
		if (!port_name_is_host((mach_port_name_t)name))
			return false;
		tg->host = &realhost;
		return true;
	}
	return false;
}

static void
exc_target_put(struct exc_target *tg)
{
	if (tg->thread != THREAD_NULL)
		thread_port_done(tg->thread);
	if (tg->task != TASK_NULL)
		task_deallocate(tg->task);
}

static kern_return_t
exc_target_set(struct exc_target *tg, exception_mask_t mask, ipc_port_t port,
    exception_behavior_t behavior, thread_state_flavor_t flavor)
{
	switch (tg->level) {
	case EXC_LEVEL_THREAD:
		return thread_set_exception_ports(tg->thread, mask, port,
		    behavior, flavor);
	case EXC_LEVEL_TASK:
		return task_set_exception_ports(tg->task, mask, port, behavior,
		    flavor);
	default:
		return host_set_exception_ports(tg->host, mask, port, behavior,
		    flavor);
	}
}

static kern_return_t
exc_target_get_ports(struct exc_target *tg, exception_mask_t mask,
    struct exception_ports_info *info)
{
	switch (tg->level) {
	case EXC_LEVEL_THREAD:
		return thread_get_exception_ports(tg->thread, mask, info);
	case EXC_LEVEL_TASK:
		return task_get_exception_ports(tg->task, mask, info);
	default:
		return host_get_exception_ports(tg->host, mask, info);
	}
}

static kern_return_t
exc_target_swap(struct exc_target *tg, exception_mask_t mask, ipc_port_t port,
    exception_behavior_t behavior, thread_state_flavor_t flavor,
    struct exception_ports_info *info)
{
	switch (tg->level) {
	case EXC_LEVEL_THREAD:
		return thread_swap_exception_ports(tg->thread, mask, port,
		    behavior, flavor, info);
	case EXC_LEVEL_TASK:
		return task_swap_exception_ports(tg->task, mask, port, behavior,
		    flavor, info);
	default:
		return host_swap_exception_ports(tg->host, mask, port, behavior,
		    flavor, info);
	}
}

/* the room the caller gives, once its struct is known writable */
static kern_return_t
exc_info_in(vaddr_t uinfo, struct exception_ports_info *info)
{
	struct rvmach_exception_ports u;

	if (copyin(uinfo, &u, sizeof(u.count)) != KERN_SUCCESS)
		return KERN_INVALID_ADDRESS;
	memset(info, 0, sizeof(*info));
	info->count = MIN(u.count, (uint32_t)EXC_TYPES_COUNT);
	u.count = 0;
	if (copyout(&u.count, uinfo + sizeof(u) - sizeof(u.count),
	    sizeof(u.count)) != KERN_SUCCESS)
		return KERN_INVALID_ADDRESS;	/* its last word, checked */
	return KERN_SUCCESS;
}

/* the entries out: each right gets a name in the caller's space */
static kern_return_t
exc_info_out(struct exception_ports_info *info, vaddr_t uinfo)
{
	struct rvmach_exception_ports u;

	memset(&u, 0, sizeof(u));
	u.count = info->count;
	for (uint32_t j = 0; j < info->count; j++) {
		u.masks[j] = info->masks[j];
		u.ports[j] = ipc_port_copyout_send(info->ports[j], caller_space());
		info->ports[j] = IP_NULL;
		u.behaviors[j] = info->behaviors[j];
		u.flavors[j] = info->flavors[j];
	}
	return copyout(&u, uinfo, sizeof(u)) == KERN_SUCCESS ? KERN_SUCCESS :
	    KERN_INVALID_ADDRESS;
}

/* (target, mask, new_port, behavior, flavor) */
static uint64_t
exc_trap_set(enum exc_level level, const uint64_t a[USERTRAP_NARGS])
{
	struct exc_target tg;
	ipc_port_t port;
	kern_return_t kr;

	if (!exc_target_get(level, a[0], &tg))
		return MACH_SEND_INVALID_DEST;
	if (ipc_port_copyin_send(caller_space(), (mach_port_name_t)a[2],
	    &port) != KERN_SUCCESS) {
		exc_target_put(&tg);
		return MACH_SEND_INVALID_RIGHT;
	}
	kr = exc_target_set(&tg, (exception_mask_t)a[1], port,
	    (exception_behavior_t)a[3], (thread_state_flavor_t)a[4]);
	exc_target_put(&tg);
	return (uint32_t)kr;
}

/* (target, mask, struct rvmach_exception_ports *) */
static uint64_t
exc_trap_get(enum exc_level level, const uint64_t a[USERTRAP_NARGS])
{
	struct exception_ports_info info;
	struct exc_target tg;
	kern_return_t kr;

	if (!exc_target_get(level, a[0], &tg))
		return MACH_SEND_INVALID_DEST;
	kr = exc_info_in(a[2], &info);
	if (kr == KERN_SUCCESS)
		kr = exc_target_get_ports(&tg, (exception_mask_t)a[1], &info);
	if (kr == KERN_SUCCESS)
		kr = exc_info_out(&info, a[2]);
	exc_target_put(&tg);
	return (uint32_t)kr;
}

/* (target, mask, new_port, behavior, flavor, struct rvmach_exception_ports *) */
static uint64_t
exc_trap_swap(enum exc_level level, const uint64_t a[USERTRAP_NARGS])
{
	struct exception_ports_info info;
	struct exc_target tg;
	ipc_port_t port;
	kern_return_t kr;

	if (!exc_target_get(level, a[0], &tg))
		return MACH_SEND_INVALID_DEST;
	if (ipc_port_copyin_send(caller_space(), (mach_port_name_t)a[2],
	    &port) != KERN_SUCCESS) {
		exc_target_put(&tg);
		return MACH_SEND_INVALID_RIGHT;
	}
	kr = exc_info_in(a[5], &info);
	if (kr != KERN_SUCCESS) {
		ipc_port_release_send(port);
		exc_target_put(&tg);
		return (uint32_t)kr;
	}
	kr = exc_target_swap(&tg, (exception_mask_t)a[1], port,
	    (exception_behavior_t)a[3], (thread_state_flavor_t)a[4], &info);
	if (kr == KERN_SUCCESS)
		kr = exc_info_out(&info, a[5]);
	exc_target_put(&tg);
	return (uint32_t)kr;
}

uint64_t
trap_task_set_exception_ports(const uint64_t a[USERTRAP_NARGS])
{
	return exc_trap_set(EXC_LEVEL_TASK, a);
}

uint64_t
trap_task_get_exception_ports(const uint64_t a[USERTRAP_NARGS])
{
	return exc_trap_get(EXC_LEVEL_TASK, a);
}

uint64_t
trap_task_swap_exception_ports(const uint64_t a[USERTRAP_NARGS])
{
	return exc_trap_swap(EXC_LEVEL_TASK, a);
}

uint64_t
trap_thread_set_exception_ports(const uint64_t a[USERTRAP_NARGS])
{
	return exc_trap_set(EXC_LEVEL_THREAD, a);
}

uint64_t
trap_thread_get_exception_ports(const uint64_t a[USERTRAP_NARGS])
{
	return exc_trap_get(EXC_LEVEL_THREAD, a);
}

uint64_t
trap_thread_swap_exception_ports(const uint64_t a[USERTRAP_NARGS])
{
	return exc_trap_swap(EXC_LEVEL_THREAD, a);
}

uint64_t
trap_host_set_exception_ports(const uint64_t a[USERTRAP_NARGS])
{
	return exc_trap_set(EXC_LEVEL_HOST, a);
}

uint64_t
trap_host_get_exception_ports(const uint64_t a[USERTRAP_NARGS])
{
	return exc_trap_get(EXC_LEVEL_HOST, a);
}

uint64_t
trap_host_swap_exception_ports(const uint64_t a[USERTRAP_NARGS])
{
	return exc_trap_swap(EXC_LEVEL_HOST, a);
}
