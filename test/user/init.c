/*
 * test/user/init.c - /sbin/init, the first task.  For now it says it ran
 * and exits 0; starting servers and test programs comes later.
 */
#include <stdio.h>

int
main(int argc, char **argv)
{
	printf("init: rvmach user space is up (%s, argc %d)\n",
	    argc > 0 ? argv[0] : "?", argc);
	return 0;
}
