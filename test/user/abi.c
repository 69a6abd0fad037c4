/*
 * test/user/abi.c - the IPC ABI headers on RV64.
 *
 * The checks are test/host/abi/abi_checks.h, the host test
 * host.abi_headers's: a wrong size, offset or value does not compile, so
 * each compile-time group reports ok by being here.  Only the bit-field
 * placement is checked at run time.  Nothing here calls the kernel
 * beyond printing: it passes before IPC exists.
 */
#include "../host/abi/abi_checks.h"

#include "ktap.h"

static const char *const abi_static_groups[] = {
	"types", "port", "port_info", "msgh_bits", "dispositions", "header",
	"descriptors", "trailers", "options", "returns", "notify", "task_exc",
	"task_info", "exc",
};

#define ABI_NGROUPS \
	((int)(sizeof(abi_static_groups) / sizeof(abi_static_groups[0])))

int
main(void)
{
	int bad;

	ktap_plan("abi", ABI_NGROUPS + 1);
	for (int i = 0; i < ABI_NGROUPS; i++)
		ktap_ok(1, "%s", abi_static_groups[i]);
	bad = abi_check_bitfields();
	if (bad != 0)
		ktap_diag("%d descriptor bit fields misplaced", bad);
	ktap_ok(bad == 0, "descriptor_bitfields");
	return ktap_done();
}
