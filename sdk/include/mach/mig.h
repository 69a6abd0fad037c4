/*
 * <mach/mig.h> - what MIG-generated client stubs call (XNU's): the
 * calling thread's reply port, made on first use and kept for its later
 * RPCs (libmach's mig.c; a thread-local name, as XNU keeps it in the
 * thread's TSD).  mig_dealloc_reply_port destroys it after an RPC that
 * failed with it (the next mig_get_reply_port makes a new one);
 * mig_put_reply_port does nothing, as in XNU.
 */
#ifndef _MACH_MIG_H_
#define _MACH_MIG_H_

#include <mach/port.h>

mach_port_t	mig_get_reply_port(void);
void		mig_dealloc_reply_port(mach_port_t reply_port);
void		mig_put_reply_port(mach_port_t reply_port);

#endif /* _MACH_MIG_H_ */
