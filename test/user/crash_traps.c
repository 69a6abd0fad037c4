/*
 * test/user/crash_traps.c - one trap a user program can take, chosen by
 * argv[1]: "ebreak", "illegal" (an all-zero instruction word, after the FP
 * unit is on), "misaligned" (an atomic add at an odd address: RISC-V
 * traps misaligned AMOs).  Each ends the task with its Mach exception;
 * task.user_traps_become_exceptions checks which (not run by utest=).
 */
#include <stdio.h>
#include <string.h>

static volatile unsigned long word[2];

int
main(int argc, char **argv)
{
	const char *what = argc > 1 ? argv[1] : "";
	volatile double d = 1.5;

	printf("traps: %s\n", what);
	fflush(stdout);
	if (strcmp(what, "ebreak") == 0)
		__asm__ volatile("ebreak");
	if (strcmp(what, "illegal") == 0) {
		d = d * 2;		/* FP on first: the next trap is a real one */
		__asm__ volatile(".word 0");
	}
	if (strcmp(what, "misaligned") == 0) {
		unsigned long *p = (unsigned long *)((char *)word + 1);
		unsigned long old;

		__asm__ volatile("amoadd.d %0, %2, (%1)"
		    : "=r"(old) : "r"(p), "r"(1ul) : "memory");
	}
	return 1;			/* the trap returned: wrong */
}
