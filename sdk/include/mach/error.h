/*
 * <mach/error.h> - how a Mach error code is made up (XNU's layout).
 *
 *	bits 31..26	system		(err_kern, err_mach_ipc, ...)
 *	bits 25..14	subsystem
 *	bits 13..0	code
 *
 * So MACH_SEND_INVALID_DEST, 0x10000003, is system 4 (err_mach_ipc),
 * subsystem 0, code 3.
 */
#ifndef _MACH_ERROR_H_
#define _MACH_ERROR_H_

#include <mach/kern_return.h>

typedef kern_return_t	mach_error_t;
typedef mach_error_t	(*mach_error_fn_t)(void);

#define err_none		(mach_error_t)0
#define ERR_SUCCESS		(mach_error_t)0
#define ERR_ROUTINE_NIL		(mach_error_fn_t)0

#define err_system(x)		(((x) & 0x3f) << 26)
#define err_sub(x)		(((x) & 0xfff) << 14)

#define err_get_system(err)	(((err) >> 26) & 0x3f)
#define err_get_sub(err)	(((err) >> 14) & 0xfff)
#define err_get_code(err)	((err) & 0x3fff)

#define system_emask		(err_system(0x3f))
#define sub_emask		(err_sub(0xfff))
#define code_emask		(0x3fff)

/* the systems */
#define err_kern		err_system(0x0)		/* the kernel */
#define err_us			err_system(0x1)		/* user libraries */
#define err_server		err_system(0x2)		/* servers */
#define err_ipc			err_system(0x3)		/* old IPC */
#define err_mach_ipc		err_system(0x4)		/* mach_msg */
#define err_dipc		err_system(0x7)		/* distributed IPC */
#define err_local		err_system(0x3e)	/* the program's own */
#define err_ipc_compat		err_system(0x3f)	/* compatibility IPC */

#define err_max_system		0x3f

/* errno values, as one kernel subsystem */
#define unix_err(errno)		(err_kern | err_sub(3) | errno)

#endif /* _MACH_ERROR_H_ */
