/*
 * task/task_server.c - the MIG routines the kernel serves on task, thread
 * and host ports (kernel/ipc/ipc_kobject_server.h; docs/abi.md, "Messages
 * to kernel objects").
 *
 * XNU's kernel answers every call on these ports as a message; rvmach
 * makes each a trap of its own (task_port_trap.c, ipc_trap.c), and serves
 * the messages as well for programs that send them, with XNU's ids and
 * layouts (<mach/mig_kobject.h>).  Each routine checks its request
 * as MIG's server stubs do (no descriptors, the exact size:
 * MIG_BAD_ARGUMENTS), then does what the trap does to the same object;
 * the routines the trap takes port names for in the target's space (the
 * mach_port calls) take them in the space of the task whose port the
 * request went to.  Ids with no routine here get MIG_BAD_ID.
 */
#include <mach/host_info.h>
#include <mach/mig_kobject.h>
#include <mach/thread_special_ports.h>
#include "kernel/ipc/ipc_kobject_server.h"
#include "kernel/ipc/mach_port.h"
#include "kernel/lib/string.h"
#include "kernel/vm/kalloc.h"
#include "kernel/vm/vm_page.h"
#include "kernel/vm/vm_user.h"
#include "task/task.h"
#include "task/task_trap.h"

/* the subsystems' first ids (XNU's .defs) */
#define MIG_MACH_HOST		200
#define MIG_CLOCK		1000
#define MIG_MACH_PORT		3200
#define MIG_TASK		3400
#define MIG_THREAD_ACT		3600
#define MIG_VM_MAP		3800
#define MIG_MACH_VM		4800

/* a request MIG's server stub would take: no descriptors, exactly size bytes */
static bool
request_ok(struct ipc_kobject_call *c, mach_msg_size_t size)
{
	if ((c->in->msgh_bits & MACH_MSGH_BITS_COMPLEX) || c->in->msgh_size != size) {
		c->out->RetCode = MIG_BAD_ARGUMENTS;
		return false;
	}
	return true;
}

/*
 * a request ending in an array of count elements of esize bytes (at most
 * max) that begins at offset base: MIG's check of its size
 */
static bool
request_var_ok(struct ipc_kobject_call *c, size_t base, uint32_t count,
    uint32_t max, size_t esize)
{
	if ((c->in->msgh_bits & MACH_MSGH_BITS_COMPLEX) || count > max ||
	    c->in->msgh_size != base + (size_t)count * esize) {
		c->out->RetCode = MIG_BAD_ARGUMENTS;
		return false;
	}
	return true;
}

#define REQUEST(type, c)	\
	(request_ok((c), sizeof(type)) ? (const type *)(c)->in : NULL)
#define REPLY(type, c)		((type *)(c)->out)

/* a complex reply of one port descriptor carrying sright (consumed) */
static void
reply_port(struct ipc_kobject_call *c, ipc_port_t sright, mach_msg_size_t size)
{
	ipc_kobject_reply_port(c, 0, sright);
	c->out->Head.msgh_size = size;
}

/* a reply of a return code alone (its size is the error reply's) */
static void
reply_code(struct ipc_kobject_call *c, kern_return_t kr)
{
	c->out->RetCode = kr;
}

/* the mach_port routines past mod_refs (3203, 3209..3238) */
static void
serve_mach_port_more(struct ipc_kobject_call *c, ipc_space_t s)
{
	switch (c->in->msgh_id - MIG_MACH_PORT) {
	case 3: {
		const __Request__mach_port_allocate_name_t *in =
		    REQUEST(__Request__mach_port_allocate_name_t, c);

		if (in != NULL)
			reply_code(c, mach_port_allocate_name(s, in->right, in->name));
		return;
	}
	case 9: {
		const __Request__mach_port_peek_t *in =
		    REQUEST(__Request__mach_port_peek_t, c);
		__Reply__mach_port_peek_t *out = REPLY(__Reply__mach_port_peek_t, c);
		mach_msg_max_trailer_t t;
		mach_msg_type_number_t tsize;

		if (in == NULL)
			return;
		out->request_seqnop = in->request_seqnop;
		tsize = MIN(in->trailer_infopCnt, sizeof(out->trailer_infop));
		out->RetCode = mach_port_peek(s, in->name, in->trailer_type,
		    &out->request_seqnop, &out->msg_sizep, &out->msg_idp, &t, &tsize);
		if (out->RetCode != KERN_SUCCESS)
			return;
		memcpy(out->trailer_infop, &t, tsize);
		out->trailer_infopCnt = tsize;
		out->Head.msgh_size = (mach_msg_size_t)(offsetof(__Reply__mach_port_peek_t,
		    trailer_infop) + ROUNDUP(tsize, 4));
		return;
	}
	case 10: {
		const __Request__mach_port_set_mscount_t *in =
		    REQUEST(__Request__mach_port_set_mscount_t, c);

		if (in != NULL)
			reply_code(c, mach_port_set_mscount(s, in->name, in->mscount));
		return;
	}
	case 12: {
		const __Request__mach_port_move_member_t *in =
		    REQUEST(__Request__mach_port_move_member_t, c);

		if (in != NULL)
			reply_code(c, mach_port_move_member(s, in->member, in->after));
		return;
	}
	case 16: {
		const __Request__mach_port_set_seqno_t *in =
		    REQUEST(__Request__mach_port_set_seqno_t, c);

		if (in != NULL)
			reply_code(c, mach_port_set_seqno(s, in->name, in->seqno));
		return;
	}
	case 17: {
		const __Request__mach_port_get_attributes_t *in =
		    REQUEST(__Request__mach_port_get_attributes_t, c);
		__Reply__mach_port_get_attributes_t *out =
		    REPLY(__Reply__mach_port_get_attributes_t, c);
		mach_msg_type_number_t n;

		if (in == NULL)
			return;
		n = MIN(in->port_info_outCnt, ARRAY_SIZE(out->port_info_out));
		out->RetCode = mach_port_get_attributes(s, in->name, in->flavor,
		    out->port_info_out, &n);
		if (out->RetCode != KERN_SUCCESS)
			return;
		out->port_info_outCnt = n;
		out->Head.msgh_size = (mach_msg_size_t)(offsetof(
		    __Reply__mach_port_get_attributes_t, port_info_out) +
		    n * sizeof(integer_t));
		return;
	}
	case 18: {
		const __Request__mach_port_set_attributes_t *in =
		    (const void *)c->in;

		if (c->in->msgh_size < offsetof(__Request__mach_port_set_attributes_t,
		    port_info)) {
			c->out->RetCode = MIG_BAD_ARGUMENTS;
			return;
		}
		if (request_var_ok(c, offsetof(__Request__mach_port_set_attributes_t,
		    port_info), in->port_infoCnt, ARRAY_SIZE(in->port_info),
		    sizeof(integer_t)))
			reply_code(c, mach_port_set_attributes(s, in->name, in->flavor,
			    in->port_info, in->port_infoCnt));
		return;
	}
	case 22: {
		const __Request__mach_port_get_srights_t *in =
		    REQUEST(__Request__mach_port_get_srights_t, c);
		__Reply__mach_port_get_srights_t *out =
		    REPLY(__Reply__mach_port_get_srights_t, c);

		if (in == NULL)
			return;
		out->RetCode = mach_port_get_srights(s, in->name, &out->srights);
		out->Head.msgh_size = sizeof(*out);
		return;
	}
	case 26:
	case 27: {
		const __Request__mach_port_insert_member_t *in =
		    REQUEST(__Request__mach_port_insert_member_t, c);

		if (in == NULL)
			return;
		reply_code(c, c->in->msgh_id == MIG_MACH_PORT + 26 ?
		    mach_port_insert_member(s, in->name, in->pset) :
		    mach_port_extract_member(s, in->name, in->pset));
		return;
	}
	case 28: {
		const __Request__mach_port_get_context_t *in =
		    REQUEST(__Request__mach_port_get_context_t, c);
		__Reply__mach_port_get_context_t *out =
		    REPLY(__Reply__mach_port_get_context_t, c);
		mach_port_context_t ctx = 0;

		if (in == NULL)
			return;
		out->RetCode = mach_port_get_context(s, in->name, &ctx);
		out->context = ctx;
		out->Head.msgh_size = sizeof(*out);
		return;
	}
	case 29: {
		const __Request__mach_port_set_context_t *in =
		    REQUEST(__Request__mach_port_set_context_t, c);

		if (in != NULL)
			reply_code(c, mach_port_set_context(s, in->name, in->context));
		return;
	}
	case 30: {
		const __Request__mach_port_kobject_t *in =
		    REQUEST(__Request__mach_port_kobject_t, c);
		__Reply__mach_port_kobject_t *out =
		    REPLY(__Reply__mach_port_kobject_t, c);
		natural_t type = 0;

		if (in == NULL)
			return;
		out->RetCode = mach_port_kobject(s, in->name, &type);
		out->object_type = type;
		out->object_addr = 0;
		out->Head.msgh_size = sizeof(*out);
		return;
	}
	case 33: {
		const __Request__mach_port_guard_t *in =
		    REQUEST(__Request__mach_port_guard_t, c);

		if (in != NULL)
			reply_code(c, mach_port_guard(s, in->name, in->guard,
			    in->strict != 0));
		return;
	}
	case 34: {
		const __Request__mach_port_unguard_t *in =
		    REQUEST(__Request__mach_port_unguard_t, c);

		if (in != NULL)
			reply_code(c, mach_port_unguard(s, in->name, in->guard));
		return;
	}
	case 37: {
		const __Request__mach_port_guard_with_flags_t *in =
		    REQUEST(__Request__mach_port_guard_with_flags_t, c);

		if (in != NULL)
			reply_code(c, mach_port_guard_with_flags(s, in->name,
			    in->guard, in->flags));
		return;
	}
	case 38: {
		const __Request__mach_port_swap_guard_t *in =
		    REQUEST(__Request__mach_port_swap_guard_t, c);

		if (in != NULL)
			reply_code(c, mach_port_swap_guard(s, in->name,
			    in->old_guard, in->new_guard));
		return;
	}
	}
}

/* --- mach_port, on a task port: names in the task's space --- */

static void
serve_mach_port(struct ipc_kobject_call *c, task_t t)
{
	ipc_space_t s = t->itk_space;

	switch (c->in->msgh_id - MIG_MACH_PORT) {
	case 1: {
		const __Request__mach_port_type_t *in =
		    REQUEST(__Request__mach_port_type_t, c);
		__Reply__mach_port_type_t *out = REPLY(__Reply__mach_port_type_t, c);

		if (in == NULL)
			return;
		out->RetCode = mach_port_type(s, in->name, &out->ptype);
		out->Head.msgh_size = sizeof(*out);
		return;
	}
	case 4: {
		const __Request__mach_port_allocate_t *in =
		    REQUEST(__Request__mach_port_allocate_t, c);
		__Reply__mach_port_allocate_t *out =
		    REPLY(__Reply__mach_port_allocate_t, c);

		if (in == NULL)
			return;
		out->RetCode = mach_port_allocate(s, in->right, &out->name);
		out->Head.msgh_size = sizeof(*out);
		return;
	}
	case 5: {
		const __Request__mach_port_destroy_t *in =
		    REQUEST(__Request__mach_port_destroy_t, c);

		if (in != NULL)
			reply_code(c, mach_port_destroy(s, in->name));
		return;
	}
	case 6: {
		const __Request__mach_port_deallocate_t *in =
		    REQUEST(__Request__mach_port_deallocate_t, c);

		if (in != NULL)
			reply_code(c, mach_port_deallocate(s, in->name));
		return;
	}
	case 7: {
		const __Request__mach_port_get_refs_t *in =
		    REQUEST(__Request__mach_port_get_refs_t, c);
		__Reply__mach_port_get_refs_t *out =
		    REPLY(__Reply__mach_port_get_refs_t, c);

		if (in == NULL)
			return;
		out->RetCode = mach_port_get_refs(s, in->name, in->right, &out->refs);
		out->Head.msgh_size = sizeof(*out);
		return;
	}
	case 8: {
		const __Request__mach_port_mod_refs_t *in =
		    REQUEST(__Request__mach_port_mod_refs_t, c);

		if (in != NULL)
			reply_code(c, mach_port_mod_refs(s, in->name, in->right,
			    in->delta));
		return;
	}
	default:
		serve_mach_port_more(c, s);
		return;
	}
}

/* --- mach_vm (and vm_map, the same layouts), on a task port --- */

/*
 * mach_vm_read (4804) and vm_read (3805): a copy-on-write copy of the
 * range, out of line in the reply, as the trap maps it in the caller (the
 * same checks); the receiver gets it mapped anywhere
 */
static void
serve_vm_read(struct ipc_kobject_call *c, vm_map_t map)
{
	const __Request__mach_vm_read_t *in = (const void *)c->in;
	__Reply__mach_vm_read_t *out = REPLY(__Reply__mach_vm_read_t, c);
	struct vm_map_copy *copy = NULL;
	uint64_t size = in->size;
	kern_return_t kr = KERN_SUCCESS;

	if (size > UINT32_MAX || in->address + size < in->address)
		kr = KERN_INVALID_ARGUMENT;	/* the count; page_range's wrap */
	else if (size != 0)
		kr = vm_map_copyin(map, in->address, size, &copy);
	if (kr != KERN_SUCCESS) {
		reply_code(c, kr);
		return;
	}
	ipc_kobject_reply_ool(c, &out->data, copy, (uint32_t)size,
	    (uint32_t)(in->address & (PAGE_SIZE - 1)));
	out->NDR = NDR_record;
	out->dataCnt = (mach_msg_type_number_t)size;
	out->Head.msgh_size = sizeof(*out);
}

static void
serve_vm(struct ipc_kobject_call *c, task_t t, int routine)
{
	static const mach_msg_size_t sizes[] = {
		sizeof(__Request__mach_vm_allocate_t),
		sizeof(__Request__mach_vm_deallocate_t),
		sizeof(__Request__mach_vm_protect_t),
		sizeof(__Request__mach_vm_inherit_t),
		sizeof(__Request__mach_vm_read_t),
		0, 0,			/* read_list; write: out-of-line memory in */
		sizeof(__Request__mach_vm_copy_t),
		sizeof(__Request__mach_vm_read_overwrite_t),
	};
	vm_map_t map;

	if (routine < 0 || routine >= (int)ARRAY_SIZE(sizes) ||
	    sizes[routine] == 0 || !request_ok(c, sizes[routine]))
		return;
	if ((map = task_map_reference(t)) == NULL) {
		reply_code(c, KERN_INVALID_TASK);
		return;
	}
	switch (routine) {
	case 0: {
		const __Request__mach_vm_allocate_t *in = (const void *)c->in;
		__Reply__mach_vm_allocate_t *out = REPLY(__Reply__mach_vm_allocate_t, c);
		vaddr_t addr = in->address;

		out->RetCode = vm_allocate_flags(map, &addr, in->size, in->flags);
		out->address = addr;
		out->Head.msgh_size = sizeof(*out);
		break;
	}
	case 1: {
		const __Request__mach_vm_deallocate_t *in = (const void *)c->in;

		reply_code(c, vm_deallocate(map, in->address, in->size));
		break;
	}
	case 2: {
		const __Request__mach_vm_protect_t *in = (const void *)c->in;

		reply_code(c, vm_protect(map, in->address, in->size,
		    in->set_maximum != 0, in->new_protection));
		break;
	}
	case 3: {
		const __Request__mach_vm_inherit_t *in = (const void *)c->in;

		reply_code(c, vm_inherit(map, in->address, in->size,
		    in->new_inheritance));
		break;
	}
	case 4:
		serve_vm_read(c, map);
		break;
	case 7: {
		const __Request__mach_vm_copy_t *in = (const void *)c->in;

		reply_code(c, vm_copy(map, in->source_address, in->size,
		    in->dest_address));
		break;
	}
	case 8: {
		/* into the sender's memory, as the trap does into the caller's */
		const __Request__mach_vm_read_overwrite_t *in = (const void *)c->in;
		__Reply__mach_vm_read_overwrite_t *out =
		    REPLY(__Reply__mach_vm_read_overwrite_t, c);

		out->RetCode = vm_read_overwrite_current(map, in->address,
		    in->size, in->data);
		if (out->RetCode == KERN_SUCCESS) {
			out->outsize = in->size;
			out->Head.msgh_size = sizeof(*out);
		}
		break;
	}
	}
	vm_map_deallocate(map);
}

/* mach_vm_page_query (4814; the mach_vm subsystem's only) */
static void
serve_vm_page_query(struct ipc_kobject_call *c, task_t t)
{
	const __Request__mach_vm_page_query_t *in =
	    REQUEST(__Request__mach_vm_page_query_t, c);
	__Reply__mach_vm_page_query_t *out = REPLY(__Reply__mach_vm_page_query_t, c);
	vm_map_t map;
	int disp, refs;

	if (in == NULL)
		return;
	if ((map = task_map_reference(t)) == NULL) {
		reply_code(c, KERN_INVALID_TASK);
		return;
	}
	out->RetCode = vm_map_page_query(map, in->offset, &disp, &refs);
	vm_map_deallocate(map);
	if (out->RetCode != KERN_SUCCESS)
		return;
	out->disposition = disp;
	out->ref_count = refs;
	out->Head.msgh_size = sizeof(*out);
}

/* --- task, on a task port --- */

/* a task terminating itself, once the reply is out (ipc_kobject_call.then) */
static void
task_terminate_then(void *arg)
{
	task_t t = arg;

	task_deallocate(t);	/* our threads hold it */
	task_terminate(t);	/* does not return */
}

/*
 * task_threads (3402): send rights to the task's threads out of line (one
 * leaving meanwhile MACH_PORT_DEAD), as the trap gives them
 */
static void
serve_task_threads(struct ipc_kobject_call *c, task_t t)
{
	__Reply__task_threads_t *out = REPLY(__Reply__task_threads_t, c);
	struct thread_snapshot snap = { NULL, 0, 0 };
	ipc_port_t *ports = NULL;
	uint32_t n;

	if (!request_ok(c, sizeof(__Request__task_threads_t)))
		return;
	if ((c->out->RetCode = threads_snapshot(t, &snap)) != KERN_SUCCESS)
		return;
	n = snap.n;
	if (n > 0 && (ports = kalloc(n * sizeof(*ports))) == NULL) {
		threads_snapshot_free(&snap);
		reply_code(c, KERN_RESOURCE_SHORTAGE);
		return;
	}
	for (uint32_t i = 0; i < n; i++) {
		ports[i] = thread_port_make_send(snap.list[i]);
		if (!IP_VALID(ports[i]))
			ports[i] = IP_DEAD;
	}
	threads_snapshot_free(&snap);
	ipc_kobject_reply_ool_ports(c, &out->act_list, ports, n);
	out->NDR = NDR_record;
	out->act_listCnt = n;
	out->Head.msgh_size = sizeof(*out);
}

static void
serve_task(struct ipc_kobject_call *c, task_t t)
{
	switch (c->in->msgh_id - MIG_TASK) {
	case 1:
		if (!request_ok(c, sizeof(__Request__task_terminate_t)))
			return;
		if (t == current_task()) {
			/* our reference goes with the call's end */
			task_reference(t);
			c->then = task_terminate_then;
			c->then_arg = t;
			reply_code(c, KERN_SUCCESS);
			return;
		}
		reply_code(c, task_terminate(t));
		return;
	case 2:
		serve_task_threads(c, t);
		return;
	case 5: {
		const __Request__task_info_t *in = REQUEST(__Request__task_info_t, c);
		__Reply__task_info_t *out = REPLY(__Reply__task_info_t, c);
		natural_t info[TASK_INFO_FILL_MAX];
		uint32_t n;

		if (in == NULL)
			return;
		n = MIN(in->task_info_outCnt, ARRAY_SIZE(out->task_info_out));
		out->RetCode = task_info_fill(t, in->flavor, info, &n);
		if (out->RetCode != KERN_SUCCESS)
			return;
		memcpy(out->task_info_out, info, n * sizeof(natural_t));
		out->task_info_outCnt = n;
		out->Head.msgh_size = (mach_msg_size_t)(offsetof(__Reply__task_info_t,
		    task_info_out) + n * sizeof(natural_t));
		return;
	}
	case 9: {
		const __Request__task_get_special_port_t *in =
		    REQUEST(__Request__task_get_special_port_t, c);
		ipc_port_t port;

		if (in == NULL)
			return;
		if ((c->out->RetCode = task_get_special_port(t, in->which_port,
		    &port)) != KERN_SUCCESS)
			return;
		reply_port(c, port, sizeof(__Reply__task_get_special_port_t));
		return;
	}
	case 7:
		if (request_ok(c, sizeof(__Request__task_suspend_t)))
			reply_code(c, task_suspend_stopped(t));
		return;
	case 8:
		if (request_ok(c, sizeof(__Request__task_resume_t)))
			reply_code(c, task_resume(t));
		return;
	}
}

static void
task_demux(struct ipc_kobject_call *c)
{
	task_t t = c->obj;
	mach_msg_id_t id = c->in->msgh_id;

	if (id >= MIG_MACH_PORT && id < MIG_MACH_PORT + 100)
		serve_mach_port(c, t);
	else if (id >= MIG_TASK && id < MIG_TASK + 100)
		serve_task(c, t);
	else if (id >= MIG_VM_MAP + 1 && id < MIG_VM_MAP + 100)
		serve_vm(c, t, id - (MIG_VM_MAP + 1));
	else if (id == MIG_MACH_VM + 14)
		serve_vm_page_query(c, t);
	else if (id >= MIG_MACH_VM && id < MIG_MACH_VM + 100)
		serve_vm(c, t, id - MIG_MACH_VM);
	task_deallocate(t);
}

/* --- thread_act, on a thread port --- */

/* a thread terminating itself, once the reply is out */
static void
thread_terminate_then(void *arg)
{
	thread_t th = arg;

	thread_port_done(th);	/* the thread holds itself and its task */
	thread_terminate(th);	/* does not return */
}

/* thread_get_state (3603), thread_set_state (3604), thread_info (3612) */
static void
serve_thread_data(struct ipc_kobject_call *c, thread_t th)
{
	switch (c->in->msgh_id - MIG_THREAD_ACT) {
	case 10: {
		const __Request__thread_get_special_port_t *in =
		    REQUEST(__Request__thread_get_special_port_t, c);

		if (in == NULL)
			return;
		if (in->which_port != THREAD_KERNEL_PORT) {
			c->out->RetCode = KERN_INVALID_ARGUMENT;
			return;
		}
		reply_port(c, thread_port_make_send(th),
		    sizeof(__Reply__thread_get_special_port_t));
		return;
	}
	case 3: {
		const __Request__thread_get_state_t *in =
		    REQUEST(__Request__thread_get_state_t, c);
		__Reply__thread_get_state_t *out =
		    REPLY(__Reply__thread_get_state_t, c);
		uint32_t n;

		if (in == NULL)
			return;
		n = MIN(in->old_stateCnt, (uint32_t)THREAD_STATE_MAX);
		out->RetCode = thread_state_rw(th, false, in->flavor, out->old_state,
		    &n);
		if (out->RetCode != KERN_SUCCESS)
			return;
		out->old_stateCnt = n;
		out->Head.msgh_size = (mach_msg_size_t)(offsetof(
		    __Reply__thread_get_state_t, old_state) + n * sizeof(natural_t));
		return;
	}
	case 4: {
		const __Request__thread_set_state_t *in = (const void *)c->in;
		uint32_t n;

		if (c->in->msgh_size < offsetof(__Request__thread_set_state_t,
		    new_state)) {
			c->out->RetCode = MIG_BAD_ARGUMENTS;
			return;
		}
		if (!request_var_ok(c, offsetof(__Request__thread_set_state_t,
		    new_state), in->new_stateCnt, THREAD_STATE_MAX,
		    sizeof(natural_t)))
			return;
		n = in->new_stateCnt;
		reply_code(c, thread_state_rw(th, true, in->flavor,
		    (natural_t *)in->new_state, &n));
		return;
	}
	case 12: {
		const __Request__thread_info_t *in =
		    REQUEST(__Request__thread_info_t, c);
		__Reply__thread_info_t *out = REPLY(__Reply__thread_info_t, c);
		uint32_t n;

		if (in == NULL)
			return;
		n = MIN(in->thread_info_outCnt, ARRAY_SIZE(out->thread_info_out));
		out->RetCode = thread_info_fill(th, in->flavor,
		    (natural_t *)out->thread_info_out, &n);
		if (out->RetCode != KERN_SUCCESS)
			return;
		out->thread_info_outCnt = n;
		out->Head.msgh_size = (mach_msg_size_t)(offsetof(__Reply__thread_info_t,
		    thread_info_out) + n * sizeof(integer_t));
		return;
	}
	}
}

static void
thread_demux(struct ipc_kobject_call *c)
{
	thread_t th = c->obj;
	mach_msg_id_t routine = c->in->msgh_id - MIG_THREAD_ACT;
	bool plain = c->in->msgh_id >= MIG_THREAD_ACT &&
	    (routine == 0 || (routine >= 5 && routine <= 8));

	if (!plain) {
		serve_thread_data(c, th);
	} else if (request_ok(c, sizeof(__Request__thread_terminate_t))) {
		switch (routine) {
		case 0:
			if (th == current_thread()) {
				/* the reference goes with the thread */
				c->then = thread_terminate_then;
				c->then_arg = th;
				reply_code(c, KERN_SUCCESS);
				return;
			}
			reply_code(c, thread_terminate_stopped(th));
			break;
		case 5:
			reply_code(c, thread_suspend_stopped(th));
			break;
		case 6:
			reply_code(c, thread_resume(th));
			break;
		case 7:
		case 8:		/* thread_abort_safely: the same (docs/abi.md) */
			reply_code(c, thread_abort_wait(th));
			break;
		}
	}
	thread_port_done(th);
}

/* --- mach_host, on the host port --- */

static void
host_demux(struct ipc_kobject_call *c)
{
	switch (c->in->msgh_id - MIG_MACH_HOST) {
	case 0: {
		const __Request__host_info_t *in = REQUEST(__Request__host_info_t, c);
		__Reply__host_info_t *out = REPLY(__Reply__host_info_t, c);
		struct host_basic_info hi;
		uint32_t count;

		if (in == NULL)
			return;
		count = in->host_info_outCnt;
		if (count > ARRAY_SIZE(out->host_info_out))
			count = ARRAY_SIZE(out->host_info_out);
		out->RetCode = host_info_fill(in->flavor, &hi, &count);
		if (out->RetCode != KERN_SUCCESS)
			return;
		memcpy(out->host_info_out, &hi, count * sizeof(integer_t));
		out->host_info_outCnt = count;
		out->Head.msgh_size = (mach_msg_size_t)(offsetof(__Reply__host_info_t,
		    host_info_out) + count * sizeof(integer_t));
		return;
	}
	case 6: {
		const __Request__host_get_clock_service_t *in =
		    REQUEST(__Request__host_get_clock_service_t, c);
		ipc_port_t port;

		if (in == NULL)
			return;
		if ((port = clock_service_port(in->clock_id)) == IP_NULL) {
			c->out->RetCode = KERN_INVALID_ARGUMENT;
			return;
		}
		reply_port(c, port, sizeof(__Reply__host_get_clock_service_t));
		return;
	}
	case 2: {
		__Reply___host_page_size_t *out = REPLY(__Reply___host_page_size_t, c);

		if (!request_ok(c, sizeof(__Request___host_page_size_t)))
			return;
		out->RetCode = KERN_SUCCESS;
		out->out_page_size = PAGE_SIZE;
		out->Head.msgh_size = sizeof(*out);
		return;
	}
	}
}

/* --- clock, on a clock port --- */

static void
clock_demux(struct ipc_kobject_call *c)
{
	switch (c->in->msgh_id - MIG_CLOCK) {
	case 0: {
		__Reply__clock_get_time_t *out = REPLY(__Reply__clock_get_time_t, c);

		if (!request_ok(c, sizeof(__Request__clock_get_time_t)))
			return;
		out->RetCode = clock_time_get(c->obj, &out->cur_time);
		out->Head.msgh_size = sizeof(*out);
		return;
	}
	case 1: {
		const __Request__clock_get_attributes_t *in =
		    REQUEST(__Request__clock_get_attributes_t, c);
		__Reply__clock_get_attributes_t *out =
		    REPLY(__Reply__clock_get_attributes_t, c);

		if (in == NULL)
			return;
		out->RetCode = clock_attributes_get(c->obj, in->flavor,
		    &out->clock_attr[0], in->clock_attrCnt);
		out->clock_attrCnt = 1;
		out->Head.msgh_size = sizeof(*out);
		return;
	}
	}
}

void
task_server_init(void)
{
	_Static_assert(offsetof(__Reply__host_info_t, host_info_out) +
	    HOST_BASIC_INFO_COUNT * sizeof(integer_t) <= IPC_KOBJECT_MSG_MAX,
	    "host_info's reply fits the kernel's reply buffer");
	_Static_assert(sizeof(__Reply__thread_get_state_t) <= IPC_KOBJECT_MSG_MAX &&
	    sizeof(__Reply__mach_port_peek_t) <= IPC_KOBJECT_MSG_MAX &&
	    sizeof(__Reply__mach_port_get_attributes_t) <= IPC_KOBJECT_MSG_MAX &&
	    offsetof(__Reply__task_info_t, task_info_out) +
	    TASK_INFO_FILL_MAX * sizeof(natural_t) <= IPC_KOBJECT_MSG_MAX &&
	    sizeof(__Reply__thread_info_t) <= IPC_KOBJECT_MSG_MAX,
	    "the replies fit the kernel's reply buffer");
	ipc_kobject_server_register(IKOT_TASK_CONTROL, task_demux);
	ipc_kobject_server_register(IKOT_THREAD_CONTROL, thread_demux);
	ipc_kobject_server_register(IKOT_HOST, host_demux);
	ipc_kobject_server_register(IKOT_CLOCK, clock_demux);
}
