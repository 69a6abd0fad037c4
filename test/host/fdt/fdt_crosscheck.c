/*
 * test/host/fdt/fdt_crosscheck.c - kernel/lib/dtb.c against host libfdt.
 *
 *	fdt_crosscheck FILE.dtb...
 *
 * For every blob: libfdt's fdt_check_full() and dtb_init() both accept it,
 * and a walk of the whole tree agrees node by node (see compare.c).  The
 * blob is copied into a buffer of exactly totalsize bytes so that ASan
 * catches any read past it.
 */
#include <stdlib.h>
#include <string.h>

#include <libfdt.h>

#include "kernel/lib/dtb.h"
#include "fdt_test.h"

int
main(int argc, char **argv)
{
	unsigned char *buf, *exact;
	char name[64];
	size_t len, total;
	int i;

	if (argc < 2) {
		fprintf(stderr, "usage: fdt_crosscheck FILE.dtb...\n");
		return 2;
	}
	for (i = 1; i < argc; i++) {
		t_context = t_basename(argv[i], name, sizeof(name));
		buf = t_read_file(argv[i], &len);
		CHECK_U64(fdt_check_full(buf, len), 0);
		total = fdt_totalsize(buf);
		CHECK(total <= len);
		if (total > len)
			continue;
		/* the padded file as read, then exactly totalsize bytes */
		compare_with_libfdt(buf, len, true);
		exact = malloc(total);
		memcpy(exact, buf, total);
		compare_with_libfdt(exact, total, true);
		free(exact);
		free(buf);
	}
	return t_exit_status("fdt_crosscheck");
}
