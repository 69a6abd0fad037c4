/*
 * sdk/lib/libmach/mach_port.c - mach_msg and the mach_port_* calls, each
 * one trap (XNU's number where XNU has the trap, docs/abi.md).
 */
#include <stddef.h>

#include <mach/mach_init.h>
#include <mach/mach_port.h>
#include <mach/mach_vm.h>
#include <mach/message.h>
#include <mach/riscv/trap.h>
#include <mach/riscv/vm_param.h>
#include <mach/syscall_sw.h>
#include <mach/vm_statistics.h>

#define L(x)	((long)(x))

/* trap: mach_msg (last: notify) or rvmach's mach_msg_overwrite (rcv_msg) */
static mach_msg_return_t
msg_call(long trap, mach_msg_header_t *msg, mach_msg_option_t option,
    mach_msg_size_t send_size, mach_msg_size_t rcv_size,
    mach_port_name_t rcv_name, mach_msg_timeout_t timeout, long last)
{
	mach_msg_return_t mr;

	mr = (mach_msg_return_t)rvmach_trap(trap, L(msg), L(option),
	    L(send_size), L(rcv_size), L(rcv_name), L(timeout), last);
	/* as XNU's libsystem: an interrupted call starts again unless asked not to */
	while (mr == MACH_SEND_INTERRUPTED && !(option & MACH_SEND_INTERRUPT))
		mr = (mach_msg_return_t)rvmach_trap(trap, L(msg), L(option),
		    L(send_size), L(rcv_size), L(rcv_name), L(timeout), last);
	while (mr == MACH_RCV_INTERRUPTED && !(option & MACH_RCV_INTERRUPT))
		mr = (mach_msg_return_t)rvmach_trap(trap, L(msg),
		    L(option & ~MACH_SEND_MSG), 0, L(rcv_size), L(rcv_name),
		    L(timeout), last);
	return mr;
}

mach_msg_return_t
mach_msg(mach_msg_header_t *msg, mach_msg_option_t option,
    mach_msg_size_t send_size, mach_msg_size_t rcv_size,
    mach_port_name_t rcv_name, mach_msg_timeout_t timeout,
    mach_port_name_t notify)
{
	return msg_call(MACH_TRAP_mach_msg, msg, option, send_size, rcv_size,
	    rcv_name, timeout, L(notify));
}

mach_msg_return_t
mach_msg_overwrite(mach_msg_header_t *msg, mach_msg_option_t option,
    mach_msg_size_t send_size, mach_msg_size_t rcv_size,
    mach_port_name_t rcv_name, mach_msg_timeout_t timeout,
    mach_port_name_t notify, mach_msg_header_t *rcv_msg,
    mach_msg_size_t rcv_limit)
{
	(void)notify;
	(void)rcv_limit;
	if (rcv_msg == NULL)
		return mach_msg(msg, option, send_size, rcv_size, rcv_name,
		    timeout, MACH_PORT_NULL);
	return msg_call(RVMACH_TRAP_mach_msg_overwrite, msg, option, send_size,
	    rcv_size, rcv_name, timeout, L(rcv_msg));
}

kern_return_t
mach_port_allocate(ipc_space_t task, mach_port_right_t right,
    mach_port_name_t *name)
{
	return (kern_return_t)rvmach_trap3(MACH_TRAP_mach_port_allocate, L(task),
	    L(right), L(name));
}

kern_return_t
mach_port_allocate_name(ipc_space_t task, mach_port_right_t right,
    mach_port_name_t name)
{
	return (kern_return_t)rvmach_trap3(RVMACH_TRAP_mach_port_allocate_name,
	    L(task), L(right), L(name));
}

kern_return_t
mach_port_construct(ipc_space_t task, mach_port_options_ptr_t options,
    mach_port_context_t context, mach_port_name_t *name)
{
	return (kern_return_t)rvmach_trap(MACH_TRAP_mach_port_construct, L(task),
	    L(options), L(context), L(name), 0, 0, 0);
}

kern_return_t
mach_port_destruct(ipc_space_t task, mach_port_name_t name,
    mach_port_delta_t srdelta, mach_port_context_t guard)
{
	return (kern_return_t)rvmach_trap(MACH_TRAP_mach_port_destruct, L(task),
	    L(name), L(srdelta), L(guard), 0, 0, 0);
}

kern_return_t
mach_port_deallocate(ipc_space_t task, mach_port_name_t name)
{
	return (kern_return_t)rvmach_trap2(MACH_TRAP_mach_port_deallocate,
	    L(task), L(name));
}

kern_return_t
mach_port_destroy(ipc_space_t task, mach_port_name_t name)
{
	return (kern_return_t)rvmach_trap2(MACH_TRAP_mach_port_destroy, L(task),
	    L(name));
}

kern_return_t
mach_port_mod_refs(ipc_space_t task, mach_port_name_t name,
    mach_port_right_t right, mach_port_delta_t delta)
{
	return (kern_return_t)rvmach_trap(MACH_TRAP_mach_port_mod_refs, L(task),
	    L(name), L(right), L(delta), 0, 0, 0);
}

kern_return_t
mach_port_get_refs(ipc_space_t task, mach_port_name_t name,
    mach_port_right_t right, mach_port_urefs_t *refs)
{
	return (kern_return_t)rvmach_trap(RVMACH_TRAP_mach_port_get_refs, L(task),
	    L(name), L(right), L(refs), 0, 0, 0);
}

kern_return_t
mach_port_type(ipc_space_t task, mach_port_name_t name, mach_port_type_t *ptype)
{
	return (kern_return_t)rvmach_trap3(MACH_TRAP_mach_port_type, L(task),
	    L(name), L(ptype));
}

kern_return_t
mach_port_insert_right(ipc_space_t task, mach_port_name_t name,
    mach_port_t poly, mach_msg_type_name_t polyPoly)
{
	return (kern_return_t)rvmach_trap(MACH_TRAP_mach_port_insert_right,
	    L(task), L(name), L(poly), L(polyPoly), 0, 0, 0);
}

kern_return_t
mach_port_request_notification(ipc_space_t task, mach_port_name_t name,
    mach_msg_id_t msgid, mach_port_mscount_t sync, mach_port_t notify,
    mach_msg_type_name_t notifyPoly, mach_port_t *previous)
{
	return (kern_return_t)rvmach_trap(MACH_TRAP_mach_port_request_notification,
	    L(task), L(name), L(msgid), L(sync), L(notify), L(notifyPoly),
	    L(previous));
}

kern_return_t
mach_port_get_attributes(ipc_space_read_t task, mach_port_name_t name,
    mach_port_flavor_t flavor, mach_port_info_t port_info_out,
    mach_msg_type_number_t *port_info_outCnt)
{
	return (kern_return_t)rvmach_trap(MACH_TRAP_mach_port_get_attributes,
	    L(task), L(name), L(flavor), L(port_info_out), L(port_info_outCnt),
	    0, 0);
}

kern_return_t
mach_port_set_attributes(ipc_space_t task, mach_port_name_t name,
    mach_port_flavor_t flavor, mach_port_info_t port_info,
    mach_msg_type_number_t port_infoCnt)
{
	return (kern_return_t)rvmach_trap(RVMACH_TRAP_mach_port_set_attributes,
	    L(task), L(name), L(flavor), L(port_info), L(port_infoCnt), 0, 0);
}

kern_return_t
mach_port_move_member(ipc_space_t task, mach_port_name_t member,
    mach_port_name_t after)
{
	return (kern_return_t)rvmach_trap3(MACH_TRAP_mach_port_move_member,
	    L(task), L(member), L(after));
}

kern_return_t
mach_port_insert_member(ipc_space_t task, mach_port_name_t name,
    mach_port_name_t pset)
{
	return (kern_return_t)rvmach_trap3(MACH_TRAP_mach_port_insert_member,
	    L(task), L(name), L(pset));
}

kern_return_t
mach_port_extract_member(ipc_space_t task, mach_port_name_t name,
    mach_port_name_t pset)
{
	return (kern_return_t)rvmach_trap3(MACH_TRAP_mach_port_extract_member,
	    L(task), L(name), L(pset));
}

kern_return_t
mach_port_extract_right(ipc_space_t task, mach_port_name_t name,
    mach_msg_type_name_t msgt_name, mach_port_t *poly,
    mach_msg_type_name_t *polyPoly)
{
	return (kern_return_t)rvmach_trap(RVMACH_TRAP_mach_port_extract_right,
	    L(task), L(name), L(msgt_name), L(poly), L(polyPoly), 0, 0);
}

kern_return_t
mach_port_guard(ipc_space_t task, mach_port_name_t name,
    mach_port_context_t guard, boolean_t strict)
{
	return (kern_return_t)rvmach_trap(RVMACH_TRAP_mach_port_guard,
	    L(task), L(name), L(guard), L(strict), 0, 0, 0);
}

kern_return_t
mach_port_unguard(ipc_space_t task, mach_port_name_t name,
    mach_port_context_t guard)
{
	return (kern_return_t)rvmach_trap3(RVMACH_TRAP_mach_port_unguard,
	    L(task), L(name), L(guard));
}

kern_return_t
mach_port_guard_with_flags(ipc_space_t task, mach_port_name_t name,
    mach_port_context_t guard, uint64_t flags)
{
	return (kern_return_t)rvmach_trap(RVMACH_TRAP_mach_port_guard_with_flags,
	    L(task), L(name), L(guard), L(flags), 0, 0, 0);
}

kern_return_t
mach_port_swap_guard(ipc_space_t task, mach_port_name_t name,
    mach_port_context_t old_guard, mach_port_context_t new_guard)
{
	return (kern_return_t)rvmach_trap(RVMACH_TRAP_mach_port_swap_guard,
	    L(task), L(name), L(old_guard), L(new_guard), 0, 0, 0);
}

kern_return_t
mach_port_get_context(ipc_space_read_t task, mach_port_name_t name,
    mach_port_context_t *context)
{
	return (kern_return_t)rvmach_trap3(RVMACH_TRAP_mach_port_get_context,
	    L(task), L(name), L(context));
}

kern_return_t
mach_port_set_context(ipc_space_t task, mach_port_name_t name,
    mach_port_context_t context)
{
	return (kern_return_t)rvmach_trap3(RVMACH_TRAP_mach_port_set_context,
	    L(task), L(name), L(context));
}

kern_return_t
mach_port_get_srights(ipc_space_t task, mach_port_name_t name,
    mach_port_rights_t *srights)
{
	return (kern_return_t)rvmach_trap3(RVMACH_TRAP_mach_port_get_srights,
	    L(task), L(name), L(srights));
}

kern_return_t
mach_port_set_mscount(ipc_space_t task, mach_port_name_t name,
    mach_port_mscount_t mscount)
{
	return (kern_return_t)rvmach_trap3(RVMACH_TRAP_mach_port_set_mscount,
	    L(task), L(name), L(mscount));
}

kern_return_t
mach_port_set_seqno(ipc_space_t task, mach_port_name_t name,
    mach_port_seqno_t seqno)
{
	return (kern_return_t)rvmach_trap3(RVMACH_TRAP_mach_port_set_seqno,
	    L(task), L(name), L(seqno));
}

/* b bytes in whole pages, as vm_deallocate will take them back */
static mach_vm_size_t
round_pages(mach_vm_size_t b)
{
	return (b + RISCV_PGBYTES - 1) & ~(mach_vm_size_t)(RISCV_PGBYTES - 1);
}

/* pages for n names (or types) */
static mach_vm_size_t
names_bytes(mach_msg_type_number_t n)
{
	return round_pages((mach_vm_size_t)n * sizeof(mach_port_name_t));
}

static void
names_free(mach_vm_address_t a, mach_vm_size_t size)
{
	if (size > 0)
		mach_vm_deallocate(mach_task_self(), a, size);
}

/*
 * Arrays of names (and of types) the kernel fills, in regions allocated
 * in the caller as MIG's out-of-line reply would leave them: the caller
 * deallocates each with vm_deallocate(count * sizeof).  set != 0: the
 * members of the port set set (one array), else every name and its type.
 * Asked again with more room while the kernel reports more than fitted.
 */
static kern_return_t
name_arrays(ipc_space_t task, mach_port_name_t set, mach_vm_address_t *nap,
    mach_vm_address_t *tap, mach_msg_type_number_t *countp)
{
	mach_vm_address_t na = 0, ta = 0;
	mach_vm_size_t size = 0, used;
	mach_msg_type_number_t count = 0, room = 0;
	kern_return_t kr;

	for (;;) {
		if (set != MACH_PORT_NULL)
			kr = (kern_return_t)rvmach_trap(
			    RVMACH_TRAP_mach_port_get_set_status, L(task), L(set),
			    L(na), L(room), L(&count), 0, 0);
		else
			kr = (kern_return_t)rvmach_trap(RVMACH_TRAP_mach_port_names,
			    L(task), L(na), L(ta), L(room), L(&count), 0, 0);
		if (kr != KERN_SUCCESS || count <= room)
			break;
		names_free(na, size);
		names_free(ta, size);
		na = ta = 0;
		room = count + count / 8 + 16;
		size = names_bytes(room);
		if ((kr = mach_vm_allocate(mach_task_self(), &na, size,
		    VM_FLAGS_ANYWHERE)) != KERN_SUCCESS ||
		    (set == MACH_PORT_NULL && (kr = mach_vm_allocate(mach_task_self(),
		    &ta, size, VM_FLAGS_ANYWHERE)) != KERN_SUCCESS)) {
			names_free(na, na != 0 ? size : 0);
			return kr;
		}
	}
	if (kr != KERN_SUCCESS) {
		names_free(na, size);
		names_free(ta, ta != 0 ? size : 0);
		return kr;
	}
	/* keep just the pages the names fill */
	used = names_bytes(count);
	names_free(na + used, size - used);
	if (ta != 0)
		names_free(ta + used, size - used);
	if (count == 0)
		na = ta = 0;
	*nap = na;
	if (tap != NULL)
		*tap = ta;
	*countp = count;
	return KERN_SUCCESS;
}

kern_return_t
mach_port_names(ipc_space_t task, mach_port_name_array_t *names,
    mach_msg_type_number_t *namesCnt, mach_port_type_array_t *types,
    mach_msg_type_number_t *typesCnt)
{
	mach_vm_address_t na, ta;
	mach_msg_type_number_t count;
	kern_return_t kr = name_arrays(task, MACH_PORT_NULL, &na, &ta, &count);

	if (kr != KERN_SUCCESS)
		return kr;
	*names = (mach_port_name_array_t)na;
	*types = (mach_port_type_array_t)ta;
	*namesCnt = *typesCnt = count;
	return KERN_SUCCESS;
}

kern_return_t
mach_port_get_set_status(ipc_space_read_t task, mach_port_name_t name,
    mach_port_name_array_t *members, mach_msg_type_number_t *membersCnt)
{
	mach_vm_address_t na;
	mach_msg_type_number_t count;
	kern_return_t kr;

	/* MACH_PORT_NULL is not a set: the kernel says so, as for any name */
	if (name == MACH_PORT_NULL)
		return KERN_INVALID_NAME;
	if ((kr = name_arrays(task, name, &na, NULL, &count)) != KERN_SUCCESS)
		return kr;
	*members = (mach_port_name_array_t)na;
	*membersCnt = count;
	return KERN_SUCCESS;
}

kern_return_t
mach_port_peek(ipc_space_t task, mach_port_name_t name,
    mach_msg_trailer_type_t trailer_type, mach_port_seqno_t *request_seqnop,
    mach_msg_size_t *msg_sizep, mach_msg_id_t *msg_idp,
    mach_msg_trailer_info_t trailer_infop,
    mach_msg_type_number_t *trailer_infopCnt)
{
	uint32_t size_id[2];
	kern_return_t kr;

	kr = (kern_return_t)rvmach_trap(RVMACH_TRAP_mach_port_peek, L(task),
	    L(name), L(trailer_type), L(request_seqnop), L(size_id),
	    L(trailer_infop), L(trailer_infopCnt));
	if (kr == KERN_SUCCESS) {
		*msg_sizep = size_id[0];
		*msg_idp = (mach_msg_id_t)size_id[1];
	}
	return kr;
}

kern_return_t
mach_port_kobject(ipc_space_read_t task, mach_port_name_t name,
    natural_t *object_type, mach_vm_address_t *object_addr)
{
	return (kern_return_t)rvmach_trap(RVMACH_TRAP_mach_port_kobject, L(task),
	    L(name), L(object_type), L(object_addr), 0, 0, 0);
}

kern_return_t
mach_port_space_basic_info(ipc_space_inspect_t task,
    ipc_info_space_basic_t *basic_info)
{
	return (kern_return_t)rvmach_trap(RVMACH_TRAP_mach_port_space_basic_info,
	    L(task), L(basic_info), 0, 0, 0, 0, 0);
}

kern_return_t
mach_port_space_info(ipc_space_read_t space, ipc_info_space_t *space_info,
    ipc_info_name_array_t *table_info, mach_msg_type_number_t *table_infoCnt,
    ipc_info_tree_name_array_t *tree_info, mach_msg_type_number_t *tree_infoCnt)
{
	mach_vm_address_t a = 0;
	mach_vm_size_t size = 0, used;
	mach_msg_type_number_t count = 0, room = 0;
	kern_return_t kr;

	/* as name_arrays: asked again with more room while the table grew */
	for (;;) {
		kr = (kern_return_t)rvmach_trap(RVMACH_TRAP_mach_port_space_info,
		    L(space), L(space_info), L(a), L(room), L(&count), 0, 0);
		if (kr != KERN_SUCCESS || count <= room)
			break;
		names_free(a, size);
		a = 0;
		room = count + count / 8 + 16;
		size = round_pages((mach_vm_size_t)room * sizeof(ipc_info_name_t));
		if ((kr = mach_vm_allocate(mach_task_self(), &a, size,
		    VM_FLAGS_ANYWHERE)) != KERN_SUCCESS)
			return kr;
	}
	if (kr != KERN_SUCCESS) {
		names_free(a, size);
		return kr;
	}
	/* keep just the pages the slots fill: what the caller deallocates */
	used = round_pages((mach_vm_size_t)count * sizeof(ipc_info_name_t));
	names_free(a + used, size - used);
	*table_info = (ipc_info_name_array_t)a;
	*table_infoCnt = count;
	*tree_info = 0;
	*tree_infoCnt = 0;
	return KERN_SUCCESS;
}
