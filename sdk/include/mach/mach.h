/*
 * <mach/mach.h> - the Mach interfaces a program usually wants, in one
 * include (as XNU's <mach/mach.h>).
 */
#ifndef _MACH_MACH_H_
#define _MACH_MACH_H_

#include <mach/clock.h>
#include <mach/kern_return.h>
#include <mach/mach_error.h>
#include <mach/mach_host.h>
#include <mach/mach_init.h>
#include <mach/mach_port.h>
#include <mach/mach_traps.h>
#include <mach/mach_types.h>
#include <mach/mach_vm.h>
#include <mach/message.h>
#include <mach/mig.h>
#include <mach/port.h>
#include <mach/processor_set.h>
#include <mach/semaphore.h>
#include <mach/task.h>
#include <mach/thread_act.h>
#include <mach/thread_status.h>
#include <mach/vm_map.h>
#include <mach/vm_statistics.h>

/*
 * A server loop (XNU's, libmach's mach_msg_server.c): receive a request
 * of up to max_size bytes on rcv_name, let demux (a MIG server such as
 * mach_exc_server) build the reply, send it; _once does it once and
 * returns, mach_msg_server only on an error.  options may add
 * MACH_RCV_LARGE, MACH_RCV_TRAILER_* and the send options.
 */
mach_msg_return_t	mach_msg_server_once(boolean_t (*demux)(mach_msg_header_t *,
			    mach_msg_header_t *), mach_msg_size_t max_size,
			    mach_port_t rcv_name, mach_msg_options_t options);
mach_msg_return_t	mach_msg_server(boolean_t (*demux)(mach_msg_header_t *,
			    mach_msg_header_t *), mach_msg_size_t max_size,
			    mach_port_t rcv_name, mach_msg_options_t options);

#endif /* _MACH_MACH_H_ */
