/*
 * sdk/lib/libsys/libsys.h - shared between the picolibc glue files.
 */
#ifndef SDK_LIBSYS_LIBSYS_H
#define SDK_LIBSYS_LIBSYS_H

/* write out what stdout/stderr hold (a partial line); exit calls it */
void	__rvmach_console_flush(void);

#endif /* SDK_LIBSYS_LIBSYS_H */
