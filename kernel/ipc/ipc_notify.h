/*
 * kernel/ipc/ipc_notify.h - the kernel's notification messages.
 *
 * Each takes the send-once right it is sent on (consumed) and queues a
 * message with XNU's id and layout (<mach/notify.h>) on its port; a dead
 * port destroys it.  None blocks or fails; out of memory the right is
 * released (the notification is lost, and counted).  No lock held.
 */
#ifndef KERNEL_IPC_IPC_NOTIFY_H
#define KERNEL_IPC_IPC_NOTIFY_H

#include <mach/notify.h>
#include "kernel/ipc/ipc_port.h"

void ipc_notify_no_senders(ipc_port_t notify, mach_port_mscount_t mscount);
void ipc_notify_dead_name(ipc_port_t notify, mach_port_name_t name);
void ipc_notify_port_deleted(ipc_port_t notify, mach_port_name_t name);
/* port: a receive right (and its reference), carried in the message */
void ipc_notify_port_destroyed(ipc_port_t notify, ipc_port_t port);
/* a send-once right destroyed unused: a message on the right itself */
void ipc_notify_send_once(ipc_port_t notify);

/* notifications sent, and lost for want of memory */
struct ipc_notify_stats {
	uint64_t sent[MACH_NOTIFY_LAST - MACH_NOTIFY_FIRST + 1];
	uint64_t lost;
};
void ipc_notify_get_stats(struct ipc_notify_stats *st);

#endif /* KERNEL_IPC_IPC_NOTIFY_H */
