/*
 * sdk/lib/libmach/mig.c - the reply port of <mach/mig.h>: one per
 * thread, in a thread-local name.
 */
#include <mach/mach_init.h>
#include <mach/mach_port.h>
#include <mach/mach_traps.h>
#include <mach/mig.h>

static _Thread_local mach_port_t mig_reply_port;

mach_port_t
mig_get_reply_port(void)
{
	if (mig_reply_port == MACH_PORT_NULL)
		mig_reply_port = mach_reply_port();
	return mig_reply_port;
}

/*
 * the thread's reply port goes (its next RPC gets a new one); a different
 * name given, as a stub may pass the right it made from it, is
 * deallocated too, as XNU does
 */
void
mig_dealloc_reply_port(mach_port_t reply_port)
{
	mach_port_t port = mig_reply_port;

	if (port == MACH_PORT_NULL)
		return;
	mig_reply_port = MACH_PORT_NULL;
	(void)mach_port_mod_refs(mach_task_self(), port, MACH_PORT_RIGHT_RECEIVE,
	    -1);
	if (reply_port != port && MACH_PORT_VALID(reply_port))
		(void)mach_port_deallocate(mach_task_self(), reply_port);
}

void
mig_put_reply_port(mach_port_t reply_port)
{
	(void)reply_port;
}
