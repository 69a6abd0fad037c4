/*
 * task/ipc_trap.c - the IPC traps: the caller's own ports, mach_msg and
 * the mach_port_* calls, each on a task port the caller names.
 *
 * Numbers and arguments are XNU's where XNU has the trap
 * (_kernelrpc_mach_port_*_trap); the others are rvmach's
 * (<mach/syscall_sw.h>, docs/abi.md).  A target that does not name a live
 * task port is MACH_SEND_INVALID_DEST, as XNU's traps return.
 */
#include <mach/port.h>
#include <mach/riscv/vm_param.h>
#include <mach_debug/ipc_info.h>
#include "kernel/copyio.h"
#include "kernel/ipc/ipc_port.h"
#include "kernel/ipc/mach_msg.h"
#include "kernel/ipc/mach_port.h"
#include "kernel/lib/string.h"
#include "kernel/panic.h"
#include "kernel/vm/kalloc.h"
#include "task/task.h"
#include "task/task_trap.h"

/* the host (struct host, task/exception.h): one kernel object, one port */
static ipc_port_t host_port;		/* [c] */

static void
task_kobject_reference(void *obj)
{
	task_reference(obj);
}

/*
 * a thread found through its port: a reference on the thread and one on
 * its task (the port is alive, so the thread has not dropped its own
 * reference on the task yet); thread_port_done drops both
 */
static void
thread_kobject_reference(void *obj)
{
	thread_reference(obj);
	task_reference(thread_task(obj));
}

static void
host_kobject_reference(void *obj __unused)
{
}

void
task_ipc_init(void)
{
	ipc_kobject_register(IKOT_TASK_CONTROL, task_kobject_reference);
	ipc_kobject_register(IKOT_THREAD_CONTROL, thread_kobject_reference);
	ipc_kobject_register(IKOT_HOST, host_kobject_reference);
	host_port = ipc_port_alloc_kernel(&realhost, IKOT_HOST);
	if (host_port == IP_NULL)
		panic("task_ipc_init: no memory for the host port");
}

ipc_port_t
host_self_port(void)
{
	return host_port;
}

/* is name the caller's own task port, by the name mach_task_self gave it? */
static inline bool
name_is_self(task_t self, mach_port_name_t name)
{
	return name != MACH_PORT_NULL && name == ipc_space_self_name(self->itk_space);
}

task_t
port_name_to_task(mach_port_name_t name)
{
	task_t self = current_task();
	void *obj;

	if (name_is_self(self, name)) {
		task_reference(self);
		return self;
	}
	if (!ipc_kobject_lookup(current_space(), name, IKOT_TASK_CONTROL, &obj))
		return TASK_NULL;
	return obj;
}

thread_t
port_name_to_thread(mach_port_name_t name)
{
	void *obj;

	if (!ipc_kobject_lookup(current_space(), name, IKOT_THREAD_CONTROL, &obj))
		return THREAD_NULL;
	return obj;
}

void
thread_port_done(thread_t th)
{
	task_deallocate(thread_task(th));
	thread_deallocate(th);
}

bool
port_name_is_host(mach_port_name_t name)
{
	void *obj;

	return ipc_kobject_lookup(current_space(), name, IKOT_HOST, &obj);
}

/*
 * the space of the task target names, with a reference on the task in *tp;
 * the caller's own task by the name mach_task_self gave it takes none
 * (*tp TASK_NULL): the calling thread holds its task for the call
 */
static inline ipc_space_t
target_space(uint64_t name, task_t *tp)
{
	task_t self = current_task(), t;

	if (name_is_self(self, (mach_port_name_t)name)) {
		*tp = TASK_NULL;
		return self->itk_space;
	}
	t = port_name_to_task((mach_port_name_t)name);
	*tp = t;
	return t != TASK_NULL ? t->itk_space : IS_NULL;
}

/* --- the caller's own ports --- */

uint64_t
trap_task_self(const uint64_t a[USERTRAP_NARGS] __unused)
{
	task_t t = current_task();
	ipc_port_t sright = task_port_make_send(t);
	mach_port_name_t name;

	if (!IP_VALID(sright))
		return MACH_PORT_NULL;
	name = ipc_port_copyout_send(sright, t->itk_space);
	if (MACH_PORT_VALID(name))
		ipc_space_set_self_name(t->itk_space, name, t->itk_self);
	return name;
}

uint64_t
trap_thread_self(const uint64_t a[USERTRAP_NARGS] __unused)
{
	ipc_port_t port = thread_port_make_send(current_thread());

	if (!IP_VALID(port))
		return MACH_PORT_NULL;
	return ipc_port_copyout_send(port, current_space());
}

uint64_t
trap_host_self(const uint64_t a[USERTRAP_NARGS] __unused)
{
	ipc_port_t port = ipc_port_make_send(host_port);

	return ipc_port_copyout_send(port, current_space());
}

uint64_t
trap_reply_port(const uint64_t a[USERTRAP_NARGS] __unused)
{
	mach_port_name_t name;

	if (mach_port_allocate(current_space(), MACH_PORT_RIGHT_RECEIVE,
	    &name) != KERN_SUCCESS)
		return MACH_PORT_NULL;
	return name;
}

/* --- mach_msg --- */

/* mach_msg_trap(msg, option, send_size, rcv_size, rcv_name, timeout, notify) */
static __always_inline uint64_t
mach_msg_common(const uint64_t a[USERTRAP_NARGS], vaddr_t rcv_msg)
{
	task_t t = current_task();
	struct mach_msg_args args = {
		.msg = a[0],
		.option = (mach_msg_option_t)a[1],
		.send_size = (mach_msg_size_t)a[2],
		.rcv_size = (mach_msg_size_t)a[3],
		.rcv_name = (mach_port_name_t)a[4],
		.timeout = (mach_msg_timeout_t)a[5],
		.notify = rcv_msg == 0 ? (mach_port_name_t)a[6] : MACH_PORT_NULL,
		.rcv_msg = rcv_msg,
	};

	/* (neither send nor receive touches no buffer: success, as in XNU) */
	if (args.msg >= VM_MAX_ADDRESS &&
	    (args.option & (MACH_SEND_MSG | MACH_RCV_MSG)) != 0)
		return (args.option & MACH_SEND_MSG) ? MACH_SEND_INVALID_DATA :
		    MACH_RCV_INVALID_DATA;
	return (uint32_t)mach_msg_trap_internal(t->itk_space, t->map,
	    &t->itk_sender, &args);
}

uint64_t
trap_mach_msg(const uint64_t a[USERTRAP_NARGS])
{
	return mach_msg_common(a, 0);
}

/*
 * rvmach_msg_overwrite(msg, option, send_size, rcv_size, rcv_name,
 * timeout, rcv_msg): mach_msg_overwrite's trap, the receive buffer in the
 * notify argument's place (the kernel ignores notify, as XNU does)
 */
uint64_t
trap_mach_msg_overwrite(const uint64_t a[USERTRAP_NARGS])
{
	if (a[6] == 0)
		return mach_msg_common(a, 0);
	if (a[6] >= VM_MAX_ADDRESS && ((mach_msg_option_t)a[1] & MACH_RCV_MSG) != 0)
		return MACH_RCV_INVALID_DATA;
	return mach_msg_common(a, a[6]);
}

/* --- mach_port_* (target, ...) --- */

#define WITH_TARGET(a0, expr) do {					\
	task_t t_;							\
	ipc_space_t s_ = target_space((a0), &t_);			\
	kern_return_t kr_;						\
									\
	if (s_ == IS_NULL)						\
		return MACH_SEND_INVALID_DEST;				\
	kr_ = (expr);							\
	if (t_ != TASK_NULL)						\
		task_deallocate(t_);					\
	return kr_;							\
} while (0)

static kern_return_t
name_out(kern_return_t kr, mach_port_name_t name, vaddr_t uaddr)
{
	if (kr == KERN_SUCCESS && copyout_u32(name, uaddr) != KERN_SUCCESS)
		return KERN_INVALID_ADDRESS;
	return kr;
}

/* _kernelrpc_mach_port_allocate_trap(target, right, name *) */
static kern_return_t
port_allocate(ipc_space_t s, mach_port_right_t right, vaddr_t uname)
{
	mach_port_name_t name;
	kern_return_t kr;

	/*
	 * a result the caller cannot be given takes the right back: nothing
	 * of it is left (XNU ignores the copyout's failure)
	 */
	if (uname >= VM_MAX_ADDRESS)
		return KERN_INVALID_ADDRESS;
	if (right == MACH_PORT_RIGHT_RECEIVE) {
		ipc_port_t port;

		kr = ipc_port_alloc(s, &name, &port);	/* the usual one, directly */
	} else {
		kr = mach_port_allocate(s, right, &name);
	}
	if (kr == KERN_SUCCESS && copyout_u32(name, uname) != KERN_SUCCESS) {
		mach_port_destroy(s, name);
		return KERN_INVALID_ADDRESS;
	}
	return kr;
}

uint64_t
trap_port_allocate(const uint64_t a[USERTRAP_NARGS])
{
	WITH_TARGET(a[0], port_allocate(s_, (mach_port_right_t)a[1], a[2]));
}

uint64_t
trap_port_allocate_name(const uint64_t a[USERTRAP_NARGS])
{
	WITH_TARGET(a[0], mach_port_allocate_name(s_, (mach_port_right_t)a[1],
	    (mach_port_name_t)a[2]));
}

uint64_t
trap_port_destroy(const uint64_t a[USERTRAP_NARGS])
{
	WITH_TARGET(a[0], mach_port_destroy(s_, (mach_port_name_t)a[1]));
}

uint64_t
trap_port_deallocate(const uint64_t a[USERTRAP_NARGS])
{
	WITH_TARGET(a[0], mach_port_deallocate(s_, (mach_port_name_t)a[1]));
}

uint64_t
trap_port_mod_refs(const uint64_t a[USERTRAP_NARGS])
{
	WITH_TARGET(a[0], mach_port_mod_refs(s_, (mach_port_name_t)a[1],
	    (mach_port_right_t)a[2], (mach_port_delta_t)a[3]));
}

uint64_t
trap_port_move_member(const uint64_t a[USERTRAP_NARGS])
{
	WITH_TARGET(a[0], mach_port_move_member(s_, (mach_port_name_t)a[1],
	    (mach_port_name_t)a[2]));
}

uint64_t
trap_port_insert_right(const uint64_t a[USERTRAP_NARGS])
{
	WITH_TARGET(a[0], mach_port_insert_right(s_, (mach_port_name_t)a[1],
	    current_space(), (mach_port_name_t)a[2], (mach_msg_type_name_t)a[3]));
}

uint64_t
trap_port_insert_member(const uint64_t a[USERTRAP_NARGS])
{
	WITH_TARGET(a[0], mach_port_insert_member(s_, (mach_port_name_t)a[1],
	    (mach_port_name_t)a[2]));
}

uint64_t
trap_port_extract_member(const uint64_t a[USERTRAP_NARGS])
{
	WITH_TARGET(a[0], mach_port_extract_member(s_, (mach_port_name_t)a[1],
	    (mach_port_name_t)a[2]));
}

/* _kernelrpc_mach_port_construct_trap(target, options *, context, name *) */
static kern_return_t
port_construct(ipc_space_t s, vaddr_t uopt, uint64_t context, vaddr_t uname)
{
	mach_port_options_t opt;
	mach_port_name_t name, zero = 0;
	kern_return_t kr;

	if (copyin(uopt, &opt, sizeof(opt)) != KERN_SUCCESS ||
	    copyout(&zero, uname, sizeof(zero)) != KERN_SUCCESS)
		return KERN_INVALID_ADDRESS;
	kr = mach_port_construct(s, &opt, context, &name);
	if (kr == KERN_SUCCESS && copyout(&name, uname, sizeof(name)) != KERN_SUCCESS) {
		mach_port_destroy(s, name);
		return KERN_INVALID_ADDRESS;
	}
	return kr;
}

uint64_t
trap_port_construct(const uint64_t a[USERTRAP_NARGS])
{
	WITH_TARGET(a[0], port_construct(s_, a[1], a[2], a[3]));
}

uint64_t
trap_port_destruct(const uint64_t a[USERTRAP_NARGS])
{
	WITH_TARGET(a[0], mach_port_destruct(s_, (mach_port_name_t)a[1],
	    (mach_port_delta_t)a[2], a[3]));
}

/* _kernelrpc_mach_port_type_trap(target, name, type *) */
static kern_return_t
port_type(ipc_space_t s, mach_port_name_t name, vaddr_t utype)
{
	mach_port_type_t type;
	kern_return_t kr = mach_port_type(s, name, &type);

	return name_out(kr, type, utype);
}

uint64_t
trap_port_type(const uint64_t a[USERTRAP_NARGS])
{
	WITH_TARGET(a[0], port_type(s_, (mach_port_name_t)a[1], a[2]));
}

/* mach_port_get_refs(target, name, right, refs *) */
static kern_return_t
port_get_refs(ipc_space_t s, mach_port_name_t name, mach_port_right_t right,
    vaddr_t urefs)
{
	mach_port_urefs_t refs;
	kern_return_t kr = mach_port_get_refs(s, name, right, &refs);

	return name_out(kr, refs, urefs);
}

uint64_t
trap_port_get_refs(const uint64_t a[USERTRAP_NARGS])
{
	WITH_TARGET(a[0], port_get_refs(s_, (mach_port_name_t)a[1],
	    (mach_port_right_t)a[2], a[3]));
}

/* _kernelrpc_mach_port_request_notification_trap(target, name, msgid, sync, notify, notifyPoly, previous *) */
static kern_return_t
port_request_notification(ipc_space_t s, const uint64_t a[USERTRAP_NARGS])
{
	mach_port_name_t previous, zero = 0;
	kern_return_t kr;

	if (copyout(&zero, a[6], sizeof(zero)) != KERN_SUCCESS)
		return KERN_INVALID_ADDRESS;
	kr = mach_port_request_notification(s, (mach_port_name_t)a[1],
	    (mach_msg_id_t)a[2], (mach_port_mscount_t)a[3], current_space(),
	    (mach_port_name_t)a[4], (mach_msg_type_name_t)a[5], &previous);
	return name_out(kr, previous, a[6]);
}

uint64_t
trap_port_request_notification(const uint64_t a[USERTRAP_NARGS])
{
	WITH_TARGET(a[0], port_request_notification(s_, a));
}

/* _kernelrpc_mach_port_get_attributes_trap(target, name, flavor, info *, count *) */
static kern_return_t
port_get_attributes(ipc_space_t s, const uint64_t a[USERTRAP_NARGS])
{
	integer_t info[16];
	mach_msg_type_number_t count;
	kern_return_t kr;

	if (copyin(a[4], &count, sizeof(count)) != KERN_SUCCESS)
		return KERN_INVALID_ADDRESS;
	if (count > ARRAY_SIZE(info))
		count = ARRAY_SIZE(info);
	kr = mach_port_get_attributes(s, (mach_port_name_t)a[1], (int)a[2],
	    info, &count);
	if (kr != KERN_SUCCESS)
		return kr;
	if (copyout(info, a[3], count * sizeof(integer_t)) != KERN_SUCCESS ||
	    copyout(&count, a[4], sizeof(count)) != KERN_SUCCESS)
		return KERN_INVALID_ADDRESS;
	return KERN_SUCCESS;
}

uint64_t
trap_port_get_attributes(const uint64_t a[USERTRAP_NARGS])
{
	WITH_TARGET(a[0], port_get_attributes(s_, a));
}

/* mach_port_set_attributes(target, name, flavor, info *, count) */
static kern_return_t
port_set_attributes(ipc_space_t s, const uint64_t a[USERTRAP_NARGS])
{
	integer_t info[16];
	mach_msg_type_number_t count = (mach_msg_type_number_t)a[4];

	if (count > ARRAY_SIZE(info))
		count = ARRAY_SIZE(info);
	if (copyin(a[3], info, count * sizeof(integer_t)) != KERN_SUCCESS)
		return KERN_INVALID_ADDRESS;
	return mach_port_set_attributes(s, (mach_port_name_t)a[1], (int)a[2],
	    info, count);
}

uint64_t
trap_port_set_attributes(const uint64_t a[USERTRAP_NARGS])
{
	WITH_TARGET(a[0], port_set_attributes(s_, a));
}

/*
 * A snapshot of names for a trap to copy out, taken at one instant under
 * the space's lock into kernel buffers: up to max entries and the total
 * count.  The buffers are sized by a count taken first; when what is
 * counted grew past them meanwhile (another thread of the task made
 * names) and max allows more, the snapshot is taken again, larger, so
 * exactly MIN(count, max) entries are filled: fewer, with a total that
 * fits the caller's room, would hand it entries never written.
 */
struct names_snap {
	mach_port_name_t *names;
	mach_port_type_t *types;	/* NULL when the trap has none */
	uint32_t room;			/* entries the buffers hold */
	uint32_t count;			/* the total at the snapshot */
	size_t	bytes;			/* of each buffer */
};

/* mach_port_names or mach_port_get_set_status, in one shape */
typedef kern_return_t (*names_take_t)(ipc_space_t s, mach_port_name_t set,
    mach_port_name_t *names, mach_port_type_t *types, uint32_t max,
    uint32_t *countp);

static kern_return_t
take_names(ipc_space_t s, mach_port_name_t set __unused,
    mach_port_name_t *names, mach_port_type_t *types, uint32_t max,
    uint32_t *countp)
{
	return mach_port_names(s, names, types, max, countp);
}

static kern_return_t
take_members(ipc_space_t s, mach_port_name_t set, mach_port_name_t *names,
    mach_port_type_t *types __unused, uint32_t max, uint32_t *countp)
{
	return mach_port_get_set_status(s, set, names, max, countp);
}

static void
names_snap_free(struct names_snap *ns)
{
	if (ns->names != NULL)
		kfree(ns->names, ns->bytes);
	if (ns->types != NULL)
		kfree(ns->types, ns->bytes);
	ns->names = NULL;
	ns->types = NULL;
}

/*
 * take the snapshot; on success the caller copies out MIN(count, room)
 * entries and frees it.  take's errors, or KERN_RESOURCE_SHORTAGE (no
 * memory for the buffers), with nothing held.
 */
static kern_return_t
names_snap_take(struct names_snap *ns, names_take_t take, ipc_space_t s,
    mach_port_name_t set, uint32_t max, bool with_types)
{
	kern_return_t kr;

	memset(ns, 0, sizeof(*ns));
	kr = take(s, set, NULL, NULL, 0, &ns->count);
	while (kr == KERN_SUCCESS) {
		/* a little more than counted, for names made meanwhile */
		ns->room = (uint32_t)MIN((uint64_t)ns->count + ns->count / 8 + 8,
		    (uint64_t)max);
		ns->bytes = (size_t)ns->room * sizeof(mach_port_name_t);
		if (ns->room > 0 && ((ns->names = kalloc(ns->bytes)) == NULL ||
		    (with_types && (ns->types = kalloc(ns->bytes)) == NULL))) {
			names_snap_free(ns);
			return KERN_RESOURCE_SHORTAGE;
		}
		kr = take(s, set, ns->names, ns->types, ns->room, &ns->count);
		if (kr == KERN_SUCCESS && (ns->count <= ns->room || ns->room == max))
			return KERN_SUCCESS;
		names_snap_free(ns);
	}
	return kr;
}

/*
 * rvmach_port_names(target, names *, types *, max, count *): the space's
 * names and their types, MIN(count, max) of them, taken at one instant
 * (names_snap_take); *count how many the space has, which may be more
 * than max (libmach then asks again with room for them).
 * KERN_RESOURCE_SHORTAGE: no memory for the buffers.
 */
static kern_return_t
port_names(ipc_space_t s, const uint64_t a[USERTRAP_NARGS])
{
	struct names_snap ns;
	uint32_t n;
	kern_return_t kr;

	kr = names_snap_take(&ns, take_names, s, MACH_PORT_NULL, (uint32_t)a[3],
	    true);
	if (kr != KERN_SUCCESS)
		return kr;
	n = MIN(ns.count, ns.room);
	if ((a[1] != 0 && n > 0 && copyout(ns.names, a[1],
	    n * sizeof(ns.names[0])) != KERN_SUCCESS) ||
	    (a[2] != 0 && n > 0 && copyout(ns.types, a[2],
	    n * sizeof(ns.types[0])) != KERN_SUCCESS) ||
	    copyout(&ns.count, a[4], sizeof(ns.count)) != KERN_SUCCESS)
		kr = KERN_INVALID_ADDRESS;
	names_snap_free(&ns);
	return kr;
}

uint64_t
trap_port_names(const uint64_t a[USERTRAP_NARGS])
{
	WITH_TARGET(a[0], port_names(s_, a));
}

/*
 * rvmach_port_get_set_status(target, name, members *, max, count *): the
 * names of MIN(count, max) members of the set, taken at one instant;
 * *count how many it has (libmach asks again with room when that is more
 * than max)
 */
static kern_return_t
port_get_set_status(ipc_space_t s, const uint64_t a[USERTRAP_NARGS])
{
	struct names_snap ns;
	uint32_t n;
	kern_return_t kr;

	kr = names_snap_take(&ns, take_members, s, (mach_port_name_t)a[1],
	    (uint32_t)a[3], false);
	if (kr != KERN_SUCCESS)
		return kr;
	n = MIN(ns.count, ns.room);
	if ((n > 0 && copyout(ns.names, a[2], n * sizeof(ns.names[0])) !=
	    KERN_SUCCESS) ||
	    copyout(&ns.count, a[4], sizeof(ns.count)) != KERN_SUCCESS)
		kr = KERN_INVALID_ADDRESS;
	names_snap_free(&ns);
	return kr;
}

uint64_t
trap_port_get_set_status(const uint64_t a[USERTRAP_NARGS])
{
	WITH_TARGET(a[0], port_get_set_status(s_, a));
}

/* rvmach_port_extract_right(target, name, msgt, poly *, polyPoly *) */
static kern_return_t
port_extract_right(ipc_space_t s, const uint64_t a[USERTRAP_NARGS])
{
	mach_port_name_t poly, zero = 0;
	mach_msg_type_name_t type;
	kern_return_t kr;

	/* both results writable before a right moves */
	if (copyout(&zero, a[3], sizeof(zero)) != KERN_SUCCESS ||
	    copyout(&zero, a[4], sizeof(zero)) != KERN_SUCCESS)
		return KERN_INVALID_ADDRESS;
	kr = mach_port_extract_right(s, (mach_port_name_t)a[1],
	    (mach_msg_type_name_t)a[2], current_space(), &poly, &type);
	if (kr == KERN_SUCCESS &&
	    (copyout(&poly, a[3], sizeof(poly)) != KERN_SUCCESS ||
	    copyout(&type, a[4], sizeof(type)) != KERN_SUCCESS))
		return KERN_INVALID_ADDRESS;
	return kr;
}

uint64_t
trap_port_extract_right(const uint64_t a[USERTRAP_NARGS])
{
	WITH_TARGET(a[0], port_extract_right(s_, a));
}

/* rvmach_port_get_context(target, name, context *) */
static kern_return_t
port_get_context(ipc_space_t s, mach_port_name_t name, vaddr_t uctx)
{
	mach_port_context_t ctx;
	kern_return_t kr = mach_port_get_context(s, name, &ctx);

	if (kr == KERN_SUCCESS && copyout(&ctx, uctx, sizeof(ctx)) != KERN_SUCCESS)
		return KERN_INVALID_ADDRESS;
	return kr;
}

uint64_t
trap_port_get_context(const uint64_t a[USERTRAP_NARGS])
{
	WITH_TARGET(a[0], port_get_context(s_, (mach_port_name_t)a[1], a[2]));
}

/* rvmach_port_guard(target, name, guard, strict), and the others of the family */
uint64_t
trap_port_guard(const uint64_t a[USERTRAP_NARGS])
{
	WITH_TARGET(a[0], mach_port_guard(s_, (mach_port_name_t)a[1], a[2],
	    (boolean_t)a[3] != 0));
}

uint64_t
trap_port_unguard(const uint64_t a[USERTRAP_NARGS])
{
	WITH_TARGET(a[0], mach_port_unguard(s_, (mach_port_name_t)a[1], a[2]));
}

uint64_t
trap_port_guard_with_flags(const uint64_t a[USERTRAP_NARGS])
{
	WITH_TARGET(a[0], mach_port_guard_with_flags(s_, (mach_port_name_t)a[1],
	    a[2], a[3]));
}

uint64_t
trap_port_swap_guard(const uint64_t a[USERTRAP_NARGS])
{
	WITH_TARGET(a[0], mach_port_swap_guard(s_, (mach_port_name_t)a[1], a[2],
	    a[3]));
}

uint64_t
trap_port_set_context(const uint64_t a[USERTRAP_NARGS])
{
	WITH_TARGET(a[0], mach_port_set_context(s_, (mach_port_name_t)a[1],
	    (mach_port_context_t)a[2]));
}

/* rvmach_port_get_srights(target, name, srights *) */
static kern_return_t
port_get_srights(ipc_space_t s, mach_port_name_t name, vaddr_t usr)
{
	mach_port_rights_t n;
	kern_return_t kr = mach_port_get_srights(s, name, &n);

	return name_out(kr, n, usr);
}

uint64_t
trap_port_get_srights(const uint64_t a[USERTRAP_NARGS])
{
	WITH_TARGET(a[0], port_get_srights(s_, (mach_port_name_t)a[1], a[2]));
}

uint64_t
trap_port_set_mscount(const uint64_t a[USERTRAP_NARGS])
{
	WITH_TARGET(a[0], mach_port_set_mscount(s_, (mach_port_name_t)a[1],
	    (mach_port_mscount_t)a[2]));
}

uint64_t
trap_port_set_seqno(const uint64_t a[USERTRAP_NARGS])
{
	WITH_TARGET(a[0], mach_port_set_seqno(s_, (mach_port_name_t)a[1],
	    (mach_port_seqno_t)a[2]));
}

/*
 * rvmach_port_peek(target, name, trailer_type, seqno *, size_id *,
 * trailer *, trailer_size *): *seqno in and out; size_id: two words out,
 * the size and the id; *trailer_size in: room, out: the trailer's size
 */
static kern_return_t
port_peek(ipc_space_t s, const uint64_t a[USERTRAP_NARGS])
{
	mach_msg_max_trailer_t trailer;
	mach_port_seqno_t seqno;
	mach_msg_type_number_t tsize;
	uint32_t size_id[2];
	kern_return_t kr;

	if (copyin(a[3], &seqno, sizeof(seqno)) != KERN_SUCCESS ||
	    copyin(a[6], &tsize, sizeof(tsize)) != KERN_SUCCESS)
		return KERN_INVALID_ADDRESS;
	kr = mach_port_peek(s, (mach_port_name_t)a[1],
	    (mach_msg_trailer_type_t)a[2], &seqno, &size_id[0],
	    (mach_msg_id_t *)&size_id[1], &trailer, &tsize);
	if (kr != KERN_SUCCESS)
		return kr;
	if (copyout(&seqno, a[3], sizeof(seqno)) != KERN_SUCCESS ||
	    copyout(size_id, a[4], sizeof(size_id)) != KERN_SUCCESS ||
	    copyout(&trailer, a[5], tsize) != KERN_SUCCESS ||
	    copyout(&tsize, a[6], sizeof(tsize)) != KERN_SUCCESS)
		return KERN_INVALID_ADDRESS;
	return KERN_SUCCESS;
}

uint64_t
trap_port_peek(const uint64_t a[USERTRAP_NARGS])
{
	WITH_TARGET(a[0], port_peek(s_, a));
}

/* rvmach_port_kobject(target, name, type *, addr *): the address is always 0 */
static kern_return_t
port_kobject(ipc_space_t s, const uint64_t a[USERTRAP_NARGS])
{
	natural_t type = 0;
	uint64_t addr = 0;
	kern_return_t kr = mach_port_kobject(s, (mach_port_name_t)a[1], &type);

	if (kr == KERN_SUCCESS &&
	    (copyout(&type, a[2], sizeof(type)) != KERN_SUCCESS ||
	    (a[3] != 0 && copyout(&addr, a[3], sizeof(addr)) != KERN_SUCCESS)))
		return KERN_INVALID_ADDRESS;
	return kr;
}

uint64_t
trap_port_kobject(const uint64_t a[USERTRAP_NARGS])
{
	WITH_TARGET(a[0], port_kobject(s_, a));
}

/* mach_port_space_basic_info(target, ipc_info_space_basic_t *) */
static kern_return_t
port_space_basic_info(ipc_space_t s, vaddr_t uinfo)
{
	ipc_info_space_basic_t info;
	kern_return_t kr;

	memset(&info, 0, sizeof(info));
	/* a name's generation is its low byte (MACH_PORT_NGEN(MACH_PORT_DEAD)) */
	info.iisb_genno_mask = 0xff;
	kr = ipc_space_basic_info(s, &info.iisb_table_size,
	    &info.iisb_table_next, &info.iisb_table_inuse);
	if (kr == KERN_SUCCESS && copyout(&info, uinfo, sizeof(info)) !=
	    KERN_SUCCESS)
		kr = KERN_INVALID_ADDRESS;
	return kr;
}

uint64_t
trap_port_space_basic_info(const uint64_t a[USERTRAP_NARGS])
{
	WITH_TARGET(a[0], port_space_basic_info(s_, a[1]));
}

/*
 * rvmach_port_space_info(target, ipc_info_space_t *, ipc_info_name_t *,
 * max, count *): the table's sizes and its first MIN(count, max) slots;
 * *count the slots the table has (libmach asks again with room when that
 * is more than max).  Read in chunks of SPACE_INFO_CHUNK slots, each under
 * one lock of the space and copied out after it (a slot is as it was when
 * its chunk was read; the table never shrinks); the sizes are the first
 * chunk's.  KERN_RESOURCE_SHORTAGE: no memory for a chunk.
 */
#define SPACE_INFO_CHUNK	64

/* XNU's layouts (osfmk/mach_debug/ipc_info.h) */
_Static_assert(sizeof(ipc_info_space_t) == 24, "ipc_info_space_t");
_Static_assert(sizeof(ipc_info_name_t) == 28, "ipc_info_name_t");
_Static_assert(sizeof(ipc_info_tree_name_t) == 36, "ipc_info_tree_name_t");

static kern_return_t
port_space_info(ipc_space_t s, const uint64_t a[USERTRAP_NARGS])
{
	uint32_t max = (uint32_t)a[3], done = 0, n = 0, count;
	ipc_info_space_t info;
	ipc_info_name_t *chunk;
	kern_return_t kr;

	if (a[2] >= VM_MAX_ADDRESS || a[4] >= VM_MAX_ADDRESS)
		return KERN_INVALID_ADDRESS;
	chunk = kalloc(SPACE_INFO_CHUNK * sizeof(*chunk));
	if (chunk == NULL)
		return KERN_RESOURCE_SHORTAGE;
	memset(&info, 0, sizeof(info));
	kr = mach_port_space_info(s, &info, chunk, 0, MIN(max,
	    (uint32_t)SPACE_INFO_CHUNK), &n);
	count = info.iis_table_size;
	while (kr == KERN_SUCCESS && n > 0) {
		if (copyout(chunk, a[2] + (vaddr_t)done * sizeof(*chunk),
		    n * sizeof(*chunk)) != KERN_SUCCESS) {
			kr = KERN_INVALID_ADDRESS;
			break;
		}
		done += n;
		n = 0;
		if (done < MIN(count, max))
			kr = mach_port_space_info(s, NULL, chunk, done,
			    MIN(MIN(count, max) - done, (uint32_t)SPACE_INFO_CHUNK),
			    &n);
	}
	kfree(chunk, SPACE_INFO_CHUNK * sizeof(*chunk));
	if (kr == KERN_SUCCESS &&
	    (copyout(&info, a[1], sizeof(info)) != KERN_SUCCESS ||
	    copyout(&count, a[4], sizeof(count)) != KERN_SUCCESS))
		kr = KERN_INVALID_ADDRESS;
	return kr;
}

uint64_t
trap_port_space_info(const uint64_t a[USERTRAP_NARGS])
{
	WITH_TARGET(a[0], port_space_info(s_, a));
}
