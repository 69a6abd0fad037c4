/*
 * <mach/message.h> - message types (user ABI).
 *
 * Only mach_msg_timeout_t so far (thread_switch takes one); headers,
 * descriptors and mach_msg() come with IPC.
 */
#ifndef _MACH_MESSAGE_H_
#define _MACH_MESSAGE_H_

#include <mach/riscv/vm_types.h>

typedef natural_t	mach_msg_timeout_t;	/* milliseconds */

#define MACH_MSG_TIMEOUT_NONE	((mach_msg_timeout_t)0)

#endif /* _MACH_MESSAGE_H_ */
