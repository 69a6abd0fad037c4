/*
 * test/host/abi/abi_test.c - the IPC ABI headers on the host.
 *
 * Compiling abi_checks.h is most of the test (its _Static_asserts); what
 * is left to run is the bit-field placement check.  The same checks run
 * on RV64 as the user test "abi" (test/user/abi.c).
 */
#include <stdio.h>

#include "abi_checks.h"

int
main(void)
{
	int bad = abi_check_bitfields();

	if (bad != 0) {
		fprintf(stderr, "abi: %d descriptor bit fields misplaced\n", bad);
		return 1;
	}
	printf("abi: sizes, offsets and values as XNU's; bit fields placed\n");
	return 0;
}
