/*
 * <mach/mach_port.h> - calls on a task's IPC space (XNU's prototypes,
 * from its mach_port.defs).
 *
 * In XNU each is a MIG routine on the space's task port (some also a
 * trap).  Declared here so the IPC issue can implement them against
 * fixed signatures; none exists in libmach yet (docs/abi.md).  Arrays
 * returned by mach_port_names and mach_port_get_set_status are
 * out-of-line memory the caller must vm_deallocate.
 */
#ifndef _MACH_MACH_PORT_H_
#define _MACH_MACH_PORT_H_

#include <mach/kern_return.h>
#include <mach/mach_types.h>
#include <mach/message.h>
#include <mach/mig_kobject.h>
#include <mach/port.h>
#include <mach_debug/ipc_info.h>

/* every name in task's space and the rights each denotes */
kern_return_t	mach_port_names(ipc_space_t task,
		    mach_port_name_array_t *names,
		    mach_msg_type_number_t *namesCnt,
		    mach_port_type_array_t *types,
		    mach_msg_type_number_t *typesCnt);

/* the rights name denotes (MACH_PORT_TYPE_*) */
kern_return_t	mach_port_type(ipc_space_t task, mach_port_name_t name,
		    mach_port_type_t *ptype);

/*
 * A new receive right (its port has no senders, an empty queue, queue
 * limit MACH_PORT_QLIMIT_DEFAULT), port set or dead name, under a name
 * the kernel picks (mach_port_allocate) or the caller gives (_name).
 */
kern_return_t	mach_port_allocate(ipc_space_t task, mach_port_right_t right,
		    mach_port_name_t *name);
kern_return_t	mach_port_allocate_name(ipc_space_t task,
		    mach_port_right_t right, mach_port_name_t name);

/* a receive right set up by options (MPO_*); context is its guard */
kern_return_t	mach_port_construct(ipc_space_t task,
		    mach_port_options_ptr_t options,
		    mach_port_context_t context, mach_port_name_t *name);

/*
 * destroy the receive right name, adding srdelta to its send urefs; a
 * guarded port's guard must be given
 */
kern_return_t	mach_port_destruct(ipc_space_t task, mach_port_name_t name,
		    mach_port_delta_t srdelta, mach_port_context_t guard);

/*
 * Port guards (XNU's): the receive right's context becomes its guard.
 * A guarded port cannot be destroyed by mach_port_destroy or
 * mach_port_mod_refs, only by mach_port_destruct with its guard; a strict
 * guard also hides the context and refuses mach_port_set_context.  A
 * violation fails the call and raises EXC_GUARD (<mach/port.h>).
 */
kern_return_t	mach_port_guard(ipc_space_t task, mach_port_name_t name,
		    mach_port_context_t guard, boolean_t strict);
kern_return_t	mach_port_unguard(ipc_space_t task, mach_port_name_t name,
		    mach_port_context_t guard);
kern_return_t	mach_port_guard_with_flags(ipc_space_t task,
		    mach_port_name_t name, mach_port_context_t guard,
		    uint64_t flags);
kern_return_t	mach_port_swap_guard(ipc_space_t task, mach_port_name_t name,
		    mach_port_context_t old_guard, mach_port_context_t new_guard);

/* drop one send, send-once or dead-name uref, whichever name holds */
kern_return_t	mach_port_deallocate(ipc_space_t task, mach_port_name_t name);

/* drop every right name denotes */
kern_return_t	mach_port_destroy(ipc_space_t task, mach_port_name_t name);

kern_return_t	mach_port_get_refs(ipc_space_t task, mach_port_name_t name,
		    mach_port_right_t right, mach_port_urefs_t *refs);
kern_return_t	mach_port_mod_refs(ipc_space_t task, mach_port_name_t name,
		    mach_port_right_t right, mach_port_delta_t delta);

/* put the right poly (moved or made per polyPoly) into task as name */
kern_return_t	mach_port_insert_right(ipc_space_t task,
		    mach_port_name_t name, mach_port_t poly,
		    mach_msg_type_name_t polyPoly);

/* take a right out of task: msgt_name is a MACH_MSG_TYPE_* disposition */
kern_return_t	mach_port_extract_right(ipc_space_t task,
		    mach_port_name_t name, mach_msg_type_name_t msgt_name,
		    mach_port_t *poly, mach_msg_type_name_t *polyPoly);

/*
 * Arm notification msgid (MACH_NOTIFY_*) for name, to be sent through
 * the send-once right notify (notifyPoly: MACH_MSG_TYPE_MAKE_SEND_ONCE
 * or _MOVE_SEND_ONCE); the right armed before, if any, comes back in
 * previous.
 */
kern_return_t	mach_port_request_notification(ipc_space_t task,
		    mach_port_name_t name, mach_msg_id_t msgid,
		    mach_port_mscount_t sync, mach_port_t notify,
		    mach_msg_type_name_t notifyPoly, mach_port_t *previous);

kern_return_t	mach_port_set_mscount(ipc_space_t task,
		    mach_port_name_t name, mach_port_mscount_t mscount);
kern_return_t	mach_port_set_seqno(ipc_space_t task, mach_port_name_t name,
		    mach_port_seqno_t seqno);

/* MACH_PORT_*_INFO flavors (<mach/port.h>) */
kern_return_t	mach_port_get_attributes(ipc_space_read_t task,
		    mach_port_name_t name, mach_port_flavor_t flavor,
		    mach_port_info_t port_info_out,
		    mach_msg_type_number_t *port_info_outCnt);
kern_return_t	mach_port_set_attributes(ipc_space_t task,
		    mach_port_name_t name, mach_port_flavor_t flavor,
		    mach_port_info_t port_info,
		    mach_msg_type_number_t port_infoCnt);

/* port sets: move the receive right member into set after (NULL: out) */
kern_return_t	mach_port_move_member(ipc_space_t task,
		    mach_port_name_t member, mach_port_name_t after);
kern_return_t	mach_port_insert_member(ipc_space_t task,
		    mach_port_name_t name, mach_port_name_t pset);
kern_return_t	mach_port_extract_member(ipc_space_t task,
		    mach_port_name_t name, mach_port_name_t pset);
kern_return_t	mach_port_get_set_status(ipc_space_read_t task,
		    mach_port_name_t name, mach_port_name_array_t *members,
		    mach_msg_type_number_t *membersCnt);

/* the value attached to a receive right */
kern_return_t	mach_port_get_context(ipc_space_read_t task,
		    mach_port_name_t name, mach_port_context_t *context);
kern_return_t	mach_port_set_context(ipc_space_t task,
		    mach_port_name_t name, mach_port_context_t context);

/* send rights extant for the receive right name */
kern_return_t	mach_port_get_srights(ipc_space_t task,
		    mach_port_name_t name, mach_port_rights_t *srights);

/*
 * look at a queued message without taking it: the one whose sequence
 * number is *request_seqnop (0: the first, its number returned there),
 * its size (XNU's: msgh_size + 8), its id, and the trailer trailer_type
 * asks for (up to the audit trailer; *trailer_infopCnt: its room in
 * bytes, then its size).  KERN_FAILURE: no such message.
 */
kern_return_t	mach_port_peek(ipc_space_t task, mach_port_name_t name,
		    mach_msg_trailer_type_t trailer_type,
		    mach_port_seqno_t *request_seqnop, mach_msg_size_t *msg_sizep,
		    mach_msg_id_t *msg_idp, mach_msg_trailer_info_t trailer_infop,
		    mach_msg_type_number_t *trailer_infopCnt);

/*
 * the kind of kernel object the port of a send or receive right stands
 * for (XNU's IKOT_ numbers, docs/abi.md; 0: none); *object_addr is 0
 */
kern_return_t	mach_port_kobject(ipc_space_read_t task, mach_port_name_t name,
		    natural_t *object_type, mach_vm_address_t *object_addr);

/* the size of task's name table and the names in use (<mach_debug/ipc_info.h>) */
kern_return_t	mach_port_space_basic_info(ipc_space_inspect_t task,
		    ipc_info_space_basic_t *basic_info);
/*
 * every slot of task's name table (table_info, *table_infoCnt of them, in
 * memory the caller deallocates with vm_deallocate) and the table's sizes;
 * no tree (*tree_info 0, *tree_infoCnt 0), as XNU today
 */
kern_return_t	mach_port_space_info(ipc_space_read_t space,
		    ipc_info_space_t *space_info, ipc_info_name_array_t *table_info,
		    mach_msg_type_number_t *table_infoCnt,
		    ipc_info_tree_name_array_t *tree_info,
		    mach_msg_type_number_t *tree_infoCnt);

#endif /* _MACH_MACH_PORT_H_ */
