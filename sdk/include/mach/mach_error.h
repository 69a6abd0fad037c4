/*
 * <mach/mach_error.h> - turning Mach error codes into text (libmach,
 * sdk/lib/libmach/mach_error.c; XNU's prototypes and Mach's strings for
 * the kernel's and mach_msg's codes).
 */
#ifndef _MACH_MACH_ERROR_H_
#define _MACH_MACH_ERROR_H_

#include <mach/error.h>

/* a short description of error_value; never NULL, never to be freed */
char	*mach_error_string(mach_error_t error_value);

/* print "str description (code)" on stderr */
void	mach_error(const char *str, mach_error_t error_value);

/* the system/subsystem error_value belongs to */
char	*mach_error_type(mach_error_t error_value);

#endif /* _MACH_MACH_ERROR_H_ */
