/*
 * tools/common/tool_io.h - file reading and the one-line error exit shared
 * by the host tools rvmach-elf and rvmach-cpio.
 *
 * Each tool sets tool_prog to its name.  tool_die() prints exactly one line
 * "PROG: FILE: reason" on stderr (control and non-ASCII bytes as '?') and
 * exits 1.
 */
#ifndef TOOLS_COMMON_TOOL_IO_H
#define TOOLS_COMMON_TOOL_IO_H

#include <stddef.h>

extern const char *tool_prog;

/* tool_die - the error line for file, then exit(1). */
void	tool_die(const char *file, const char *fmt, ...)
	    __attribute__((noreturn, format(printf, 2, 3)));

/*
 * tool_read_file - the whole file in a malloc'd buffer of exactly its size
 * (1 byte for an empty file), or die.
 */
unsigned char *tool_read_file(const char *file, size_t *lenp);

/* tool_clean - s with control and non-ASCII bytes as '?', into buf. */
const char *tool_clean(const char *s, char *buf, size_t len);

#endif /* TOOLS_COMMON_TOOL_IO_H */
