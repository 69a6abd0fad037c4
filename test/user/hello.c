/*
 * test/user/hello.c - the first user program: crt0, argv, printf, malloc.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ktap.h"

extern char **environ;

int
main(int argc, char **argv)
{
	char buf[64], *p;

	ktap_plan("hello", 5);
	ktap_ok(argc >= 1 && argv[0] != NULL, "argv0");
	if (argc >= 1 && argv[0] != NULL)
		ktap_diag("argv[0] = %s, argc = %d", argv[0], argc);
	ktap_ok(argv[argc] == NULL, "argv_terminated");
	ktap_ok(environ == argv + argc + 1, "envp_follows_argv");
	snprintf(buf, sizeof(buf), "%d %s %.2f %#lx", 42, "str", 2.5, 0x10000ul);
	ktap_ok(strcmp(buf, "42 str 2.50 0x10000") == 0, "printf");
	p = malloc(1000);
	if (p != NULL)
		memset(p, 0xa5, 1000);
	/* picolibc's malloc aligns blocks to 8 bytes (not max_align_t's 16) */
	ktap_diag("malloc(1000) = %p", p);
	ktap_ok(p != NULL && ((unsigned long)p & 7) == 0, "malloc");
	free(p);
	return ktap_done();
}
