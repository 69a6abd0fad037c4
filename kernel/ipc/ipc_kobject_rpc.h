/*
 * kernel/ipc/ipc_kobject_rpc.h - the kernel as a client: a message it
 * builds, sent from the current thread, and the one reply it waits for.
 *
 * Exception messages are the user (task/exception.c): the thread that
 * took the exception sends the request to the handler's port with a
 * send-once right to its own kernel reply port as the reply right, and
 * waits on that port, interruptibly, for the one message that right can
 * bring back: the handler's reply, or a send-once notification when the
 * right was destroyed unused (the handler died, or the request was
 * destroyed in a dead port's queue).  XNU's mach_msg_rpc_from_kernel and
 * ith_kernel_reply_port.
 *
 * The reply port is a port in no space (ipc_port_create) that the thread
 * makes on its first RPC and keeps (ith_kernel_reply).  Since every RPC
 * on it takes its one message off it, it is always empty between RPCs;
 * an RPC given up while its right is still out (the thread was aborted)
 * destroys the port, so no late reply can meet a later request.
 */
#ifndef KERNEL_IPC_IPC_KOBJECT_RPC_H
#define KERNEL_IPC_IPC_KOBJECT_RPC_H

#include <mach/message.h>
#include "kernel/ipc/ipc_kmsg.h"
#include "kernel/sched/sched.h"

/*
 * ipc_kobject_rpc - send request and wait for its reply.  request is a
 * kmsg the kernel built: header (msgh_size, msgh_id, MACH_MSGH_BITS_COMPLEX
 * if it has descriptors), body, ikm_remote (a right to the destination,
 * ikm_remote_type) and its descriptors' rights; no reply right (this adds
 * it) and no sender (the kernel's).  The request is consumed whatever
 * happens.  No lock held; may block (interruptibly: an abort ends it).
 *
 * MACH_MSG_SUCCESS: *replyp is the message that came back (its header and
 * body as the sender laid them out, msgh_id MACH_NOTIFY_SEND_ONCE if the
 * reply right died unused); the caller reads it and frees it with
 * ipc_kobject_rpc_done.  MACH_SEND_INVALID_DEST: the destination is dead
 * or a kernel object's (nothing was delivered).  MACH_SEND_NO_BUFFER: no
 * reply port could be made.  MACH_RCV_INTERRUPTED: the thread was
 * aborted (thread_interrupt, or AST_ABORT pending) while it waited.
 */
mach_msg_return_t ipc_kobject_rpc(ipc_kmsg_t request, ipc_kmsg_t *replyp);
/* ipc_kobject_rpc_done - free a reply from ipc_kobject_rpc, every right in it */
void ipc_kobject_rpc_done(ipc_kmsg_t reply);
/*
 * ipc_kobject_rpc_thread_terminate - th is ending: its kernel reply port
 * goes (a reply right still out becomes a dead name).  From
 * ipc_thread_terminate, on th itself.
 */
void ipc_kobject_rpc_thread_terminate(thread_t th);

#endif /* KERNEL_IPC_IPC_KOBJECT_RPC_H */
