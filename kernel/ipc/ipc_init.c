/*
 * kernel/ipc/ipc_init.c - IPC start-up: the zones and the kernel's space.
 */
#include "kernel/ipc/ipc_kmsg.h"
#include "kernel/ipc/ipc_port.h"
#include "kernel/ipc/ipc_pset.h"
#include "kernel/panic.h"
#include "kernel/startup.h"

ipc_space_t ipc_space_kernel;		/* [c] */

static void
ipc_bootstrap(void)
{
	ipc_space_bootstrap();
	ipc_port_bootstrap();
	ipc_pset_bootstrap();
	ipc_kmsg_bootstrap();
	if (ipc_space_create(NULL, &ipc_space_kernel) != KERN_SUCCESS)
		panic("ipc_bootstrap: no memory for the kernel's space");
}
STARTUP(IPC, ipc_bootstrap);
