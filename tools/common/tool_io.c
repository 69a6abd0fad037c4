/*
 * tools/common/tool_io.c - file reading and the one-line error exit shared
 * by the host tools rvmach-platform, rvmach-elf and rvmach-cpio.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tool_io.h"

#define MAX_FILE	(256u << 20)	/* far above any initrd or program */

const char *tool_prog = "tool";

const char *
tool_clean(const char *s, char *buf, size_t len)
{
	size_t i;

	for (i = 0; s[i] != '\0' && i + 1 < len; i++)
		buf[i] = s[i] >= 0x20 && s[i] < 0x7f ? s[i] : '?';
	buf[i] = '\0';
	return buf;
}

void
tool_die(const char *file, const char *fmt, ...)
{
	char f[256], r[256], c[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(r, sizeof(r), fmt, ap);
	va_end(ap);
	fprintf(stderr, "%s: %s: %s\n", tool_prog, tool_clean(file, f,
	    sizeof(f)), tool_clean(r, c, sizeof(c)));
	exit(1);
}

unsigned char *
tool_read_file(const char *file, size_t *lenp)
{
	unsigned char *buf, *nbuf;
	size_t len = 0, cap = 1 << 16, n;
	FILE *f;

	if ((f = fopen(file, "rb")) == NULL)
		tool_die(file, "%s", strerror(errno));
	if ((buf = malloc(cap)) == NULL)
		tool_die(file, "out of memory");
	for (;;) {
		if (len == cap) {
			if (cap >= MAX_FILE)
				tool_die(file, "file too large");
			cap *= 2;
			if ((nbuf = realloc(buf, cap)) == NULL)
				tool_die(file, "out of memory");
			buf = nbuf;
		}
		n = fread(buf + len, 1, cap - len, f);
		len += n;
		if (n == 0)
			break;
	}
	if (ferror(f))
		tool_die(file, "%s", errno != 0 ? strerror(errno) :
		    "read error");
	fclose(f);
	/* exactly len bytes, so that ASan sees a read past the end */
	if ((nbuf = realloc(buf, len != 0 ? len : 1)) == NULL)
		tool_die(file, "out of memory");
	*lenp = len;
	return nbuf;
}
