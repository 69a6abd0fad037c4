/*
 * <mach/mach.h> - the Mach interfaces a program usually wants, in one
 * include (as XNU's <mach/mach.h>).
 */
#ifndef _MACH_MACH_H_
#define _MACH_MACH_H_

#include <mach/kern_return.h>
#include <mach/mach_error.h>
#include <mach/mach_host.h>
#include <mach/mach_init.h>
#include <mach/mach_port.h>
#include <mach/mach_traps.h>
#include <mach/mach_types.h>
#include <mach/mach_vm.h>
#include <mach/message.h>
#include <mach/port.h>
#include <mach/semaphore.h>
#include <mach/task.h>
#include <mach/thread_act.h>
#include <mach/thread_status.h>
#include <mach/vm_map.h>
#include <mach/vm_statistics.h>

#endif /* _MACH_MACH_H_ */
