/*
 * tools/rvmach-cpio/main.c - list a cpio archive the way the kernel reads it.
 *
 *	rvmach-cpio FILE
 *
 * Runs the kernel's own cpio reader (kernel/lib/cpio.c) and prints one line
 * per entry before the trailer, then a count:
 *
 *	040755          0 .
 *	100644         12 ./etc/motd
 *	120777          4 ./bin/sh -> busy
 *	3 entries
 *
 * (mode in octal, size in bytes, name as stored; a symlink's target after
 * "->").  A malformed or unreadable archive gives one line
 * "rvmach-cpio: FILE: entry at offset 0xN: reason" (or "rvmach-cpio: FILE:
 * reason") on stderr and exit status 1; a usage error exit status 2.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernel/lib/cpio.h"
#include "tools/common/tool_io.h"

/* print_entry - one line; names and link targets cleaned of control bytes. */
static void
print_entry(const struct cpio_entry *e)
{
	char name[1024], target[1024], raw[1024];
	size_t n;

	printf("%06o %10zu %s", e->mode, e->size,
	    tool_clean(e->name, name, sizeof(name)));
	if ((e->mode & CPIO_S_IFMT) == CPIO_S_IFLNK) {
		n = e->size < sizeof(raw) - 1 ? e->size : sizeof(raw) - 1;
		memcpy(raw, e->data, n);
		raw[n] = '\0';
		printf(" -> %s", tool_clean(raw, target, sizeof(target)));
	}
	printf("\n");
}

int
main(int argc, char **argv)
{
	struct cpio_entry e;
	const char *why;
	static unsigned char *buf;	/* static: LSan sees it at exit(1) */
	size_t len, off = 0;
	unsigned long n = 0;
	long count;
	int rc;

	tool_prog = "rvmach-cpio";
	if (argc != 2 || (argv[1][0] == '-' && argv[1][1] != '\0')) {
		fprintf(stderr, "usage: rvmach-cpio FILE\n");
		return 2;
	}
	buf = tool_read_file(argv[1], &len);
	/* validate first: a bad archive prints no entries, only the error */
	if ((count = cpio_validate(buf, len, &off, &why)) < 0)
		tool_die(argv[1], "entry at offset 0x%zx: %s", off, why);
	off = 0;
	while ((rc = cpio_next(buf, len, &off, &e, &why)) == CPIO_OK) {
		print_entry(&e);
		n++;
	}
	if (rc != CPIO_END || n != (unsigned long)count)
		tool_die(argv[1], "archive changed between passes");
	printf("%lu entr%s\n", n, n == 1 ? "y" : "ies");
	free(buf);
	return fflush(stdout) == 0 ? 0 : 1;
}
