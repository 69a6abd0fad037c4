/*
 * kernel/ipc/mach_port.h - the mach_port_* calls, on a space.
 *
 * The kernel side of <mach/mach_port.h>: the same names, arguments and
 * return codes as XNU, with the target task's space in place of its task
 * port (the task layer's traps translate).  Where a call moves a right in
 * from the caller (insert_right, request_notification) the caller's space
 * is passed too.  No lock held on entry or exit.
 */
#ifndef KERNEL_IPC_MACH_PORT_H
#define KERNEL_IPC_MACH_PORT_H

#include <mach/kern_return.h>
#include <mach/message.h>
#include <mach/port.h>
#include <mach_debug/ipc_info.h>
#include "kernel/ipc/ipc_space.h"

struct ipc_port;

kern_return_t mach_port_allocate(ipc_space_t space, mach_port_right_t right,
    mach_port_name_t *namep);
kern_return_t mach_port_allocate_name(ipc_space_t space, mach_port_right_t right,
    mach_port_name_t name);
kern_return_t mach_port_construct(ipc_space_t space,
    const mach_port_options_t *options, mach_port_context_t context,
    mach_port_name_t *namep);
kern_return_t mach_port_destruct(ipc_space_t space, mach_port_name_t name,
    mach_port_delta_t srdelta, mach_port_context_t guard);
kern_return_t mach_port_deallocate(ipc_space_t space, mach_port_name_t name);
kern_return_t mach_port_destroy(ipc_space_t space, mach_port_name_t name);

/*
 * Port guards (<mach/mach_port.h>, docs/abi.md "Port guards"): XNU's
 * calls and codes.  A violation fails the call and is noted on the
 * calling thread (ipc_guard_exception), which raises EXC_GUARD on its
 * way back to user mode (AST_GUARD; the task layer takes the note with
 * ipc_guard_take).  Kernel threads note nothing.
 */
kern_return_t mach_port_guard(ipc_space_t space, mach_port_name_t name,
    uint64_t guard, bool strict);
kern_return_t mach_port_guard_with_flags(ipc_space_t space,
    mach_port_name_t name, uint64_t guard, uint64_t flags);
kern_return_t mach_port_unguard(ipc_space_t space, mach_port_name_t name,
    uint64_t guard);
kern_return_t mach_port_swap_guard(ipc_space_t space, mach_port_name_t name,
    uint64_t old_guard, uint64_t new_guard);
void ipc_guard_exception(mach_port_name_t name, uint64_t payload,
    unsigned reason);
/* the current thread's noted violation as EXC_GUARD's code and subcode; false: none */
bool ipc_guard_take(int64_t *codep, int64_t *subcodep);
kern_return_t mach_port_mod_refs(ipc_space_t space, mach_port_name_t name,
    mach_port_right_t right, mach_port_delta_t delta);
kern_return_t mach_port_get_refs(ipc_space_t space, mach_port_name_t name,
    mach_port_right_t right, mach_port_urefs_t *refsp);
kern_return_t mach_port_type(ipc_space_t space, mach_port_name_t name,
    mach_port_type_t *typep);
/* the right poly (disposition msgt in caller's space) goes into space as name */
kern_return_t mach_port_insert_right(ipc_space_t space, mach_port_name_t name,
    ipc_space_t caller, mach_port_name_t poly, mach_msg_type_name_t msgt);
kern_return_t mach_port_request_notification(ipc_space_t space,
    mach_port_name_t name, mach_msg_id_t variant, mach_port_mscount_t sync,
    ipc_space_t caller, mach_port_name_t notify, mach_msg_type_name_t notify_type,
    mach_port_name_t *previousp);
kern_return_t mach_port_get_attributes(ipc_space_t space, mach_port_name_t name,
    int flavor, integer_t *info, mach_msg_type_number_t *countp);
kern_return_t mach_port_set_attributes(ipc_space_t space, mach_port_name_t name,
    int flavor, const integer_t *info, mach_msg_type_number_t count);
kern_return_t mach_port_move_member(ipc_space_t space, mach_port_name_t member,
    mach_port_name_t after);
kern_return_t mach_port_insert_member(ipc_space_t space, mach_port_name_t name,
    mach_port_name_t pset);
kern_return_t mach_port_extract_member(ipc_space_t space, mach_port_name_t name,
    mach_port_name_t pset);
/*
 * mach_port_names - up to max names and their types (either array may be
 * NULL); *countp gets how many the space has, which may be more than max.
 */
kern_return_t mach_port_names(ipc_space_t space, mach_port_name_t *names,
    mach_port_type_t *types, uint32_t max, uint32_t *countp);
/*
 * mach_port_space_info - the table's sizes in *info (NULL: not asked)
 * and the slots from index start on, up to max of them, into table (each
 * as XNU reports it: free ones too); *filledp gets how many were
 * filled.  Slots past the table's end are not there: a start at or past
 * it fills none.
 * KERN_INVALID_TASK (the space is dead).
 */
kern_return_t mach_port_space_info(ipc_space_t space, ipc_info_space_t *info,
    ipc_info_name_t *table, uint32_t start, uint32_t max, uint32_t *filledp);
/*
 * mach_port_get_set_status - the names of up to max members of the port
 * set name (members may be NULL); *countp gets how many it has.
 * KERN_INVALID_NAME, KERN_INVALID_RIGHT (not a port set).
 */
kern_return_t mach_port_get_set_status(ipc_space_t space, mach_port_name_t name,
    mach_port_name_t *members, uint32_t max, uint32_t *countp);
/*
 * mach_port_extract_right - take the right msgt (a MACH_MSG_TYPE_*
 * disposition) of name out of space, as a message would, and put it in
 * caller's space: *polyp gets its name there, *typep its received type.
 * KERN_INVALID_VALUE (msgt), KERN_INVALID_NAME, KERN_INVALID_RIGHT;
 * KERN_NO_SPACE / KERN_RESOURCE_SHORTAGE: the caller had no room, and the
 * right, already out of space, is destroyed.
 */
kern_return_t mach_port_extract_right(ipc_space_t space, mach_port_name_t name,
    mach_msg_type_name_t msgt, ipc_space_t caller, mach_port_name_t *polyp,
    mach_msg_type_name_t *typep);
/* a receive right's context, send-right count, make-send count, seqno */
kern_return_t mach_port_get_context(ipc_space_t space, mach_port_name_t name,
    mach_port_context_t *contextp);
kern_return_t mach_port_set_context(ipc_space_t space, mach_port_name_t name,
    mach_port_context_t context);
kern_return_t mach_port_get_srights(ipc_space_t space, mach_port_name_t name,
    mach_port_rights_t *srightsp);
kern_return_t mach_port_set_mscount(ipc_space_t space, mach_port_name_t name,
    mach_port_mscount_t mscount);
kern_return_t mach_port_set_seqno(ipc_space_t space, mach_port_name_t name,
    mach_port_seqno_t seqno);

/*
 * mach_port_peek - the message queued on the receive right name whose
 * sequence number is *seqnop (0: the first), left queued: *seqnop, its
 * size as XNU reports it (msgh_size + 8, XNU's kernel header being 8
 * bytes longer), its id, and the trailer of trailer_type a receive would
 * get (*trailer_sizep in: room, out: its size).  KERN_INVALID_VALUE (a
 * trailer past the audit trailer, or no room for it), KERN_INVALID_NAME,
 * KERN_INVALID_RIGHT, KERN_FAILURE (no such message).
 */
kern_return_t mach_port_peek(ipc_space_t space, mach_port_name_t name,
    mach_msg_trailer_type_t trailer_type, mach_port_seqno_t *seqnop,
    mach_msg_size_t *msg_sizep, mach_msg_id_t *msg_idp,
    mach_msg_max_trailer_t *trailer, mach_msg_type_number_t *trailer_sizep);
/*
 * mach_port_kobject - the kernel object kind (IKOT_*) of the port whose
 * send or receive right name is: KERN_INVALID_NAME, KERN_INVALID_RIGHT
 * (another right, or the port is dead)
 */
kern_return_t mach_port_kobject(ipc_space_t space, mach_port_name_t name,
    natural_t *typep);

/*
 * ipc_port_copyout_send - the send right sright (consumed), copied out
 * into space (mach_task_self and kin): its name there; MACH_PORT_DEAD for
 * IP_DEAD or a dead port, MACH_PORT_NULL for IP_NULL or when it could not
 * be placed (space dead, no name left: the right is released).
 */
mach_port_name_t ipc_port_copyout_send(struct ipc_port *sright, ipc_space_t space);
/*
 * ipc_port_copyin_send - a send right copied from name in space, which
 * keeps its own (MACH_MSG_TYPE_COPY_SEND), for the kernel to hold: *portp
 * gets IP_NULL for MACH_PORT_NULL, IP_DEAD for MACH_PORT_DEAD or a dead
 * name.  KERN_INVALID_NAME, KERN_INVALID_RIGHT (no send right under the
 * name), KERN_INVALID_TASK (space dead).  No lock held.
 */
kern_return_t ipc_port_copyin_send(ipc_space_t space, mach_port_name_t name,
    struct ipc_port **portp);
/*
 * ipc_port_copyin_move_send - the same, the name giving up one uref of its
 * send right (MACH_MSG_TYPE_MOVE_SEND: a MIG argument the call consumes)
 */
kern_return_t ipc_port_copyin_move_send(ipc_space_t space, mach_port_name_t name,
    struct ipc_port **portp);
/*
 * ipc_port_copyin_make_sonce - a send-once right made from the receive
 * right name (MACH_MSG_TYPE_MAKE_SEND_ONCE), for the kernel to hold; the
 * same special names and errors as ipc_port_copyin_send
 */
kern_return_t ipc_port_copyin_make_sonce(ipc_space_t space, mach_port_name_t name,
    struct ipc_port **portp);

#endif /* KERNEL_IPC_MACH_PORT_H */
