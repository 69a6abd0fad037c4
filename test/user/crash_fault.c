/*
 * test/user/crash_fault.c - a load from address 0, which is never mapped.
 *
 * A crash_ program is not run by utest=all: a kernel test
 * (utask.fault_terminates) runs it and checks how it ends.
 *
 * The kernel must turn it into a user fault (ending the task), not a
 * panic.  The program never reports success itself: the suite stays open
 * and the kernel side reports it once it has printed the fault.  If the
 * load returns, that is the failure.
 */
#include "ktap.h"

int
main(void)
{
	volatile int *null;
	int v;

	/* an address the compiler cannot see is 0: it keeps the code after */
	__asm__("li %0, 0" : "=r"(null));

	ktap_plan("fault", 1);
	ktap_diag("fault: about to touch 0");
	fflush(stdout);
	v = *null;
	ktap_diag("load from 0 returned %d", v);
	ktap_ok(0, "null_load_faults");
	return ktap_done();
}
