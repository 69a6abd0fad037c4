/*
 * test/user/nulltrap.c - the null trap returns 0 every time.
 */
#include <mach/rvmach_debug.h>

#include "ktap.h"

#define NULLTRAP_CALLS	1000

int
main(void)
{
	int bad = 0;

	ktap_plan("nulltrap", 1);
	for (int i = 0; i < NULLTRAP_CALLS; i++) {
		if (rvmach_null_trap() != KERN_SUCCESS)
			bad++;
	}
	if (bad)
		ktap_diag("%d of %d calls returned non-zero", bad, NULLTRAP_CALLS);
	ktap_ok(bad == 0, "returns_zero_%d", NULLTRAP_CALLS);
	return ktap_done();
}
