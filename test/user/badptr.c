/*
 * test/user/badptr.c - console_write refuses buffers the task cannot read.
 *
 * Kernel addresses, unmapped addresses and ranges that cross the top of
 * the user address space (VM_MAX_ADDRESS, 0x4000000000) or wrap around
 * must each return KERN_INVALID_ADDRESS, and never panic or print.  A
 * valid buffer first, so a kernel that refuses everything fails too.
 */
#include <stdint.h>
#include <string.h>

#include <mach/riscv/vm_param.h>
#include <mach/rvmach_debug.h>

#include "ktap.h"

struct badptr_case {
	const char	*name;
	uintptr_t	buf;
	size_t		len;
};

int
main(void)
{
	static const char valid[] = "    # badptr: console_write of a valid buffer\n";
	char stack_buf[16] = "    # stack\n";
	uintptr_t sb = (uintptr_t)stack_buf;
	const struct badptr_case cases[] = {
		{ "null",		0,				1 },
		{ "below_min_address",	VM_MIN_ADDRESS - 4096,		16 },
		{ "unmapped_user",	0x2000000000ul,			16 },
		{ "above_usrstack",	VM_USRSTACK,			16 },
		{ "at_max",		VM_MAX_ADDRESS,			8 },
		{ "crosses_max",	VM_MAX_ADDRESS - 8,		16 },
		{ "stack_to_past_max",	sb,		VM_MAX_ADDRESS - sb + 16 },
		{ "non_canonical",	0x0000800000000000ul,		8 },
		{ "kernel_direct_map",	0xffffffc000000000ul,		16 },
		{ "kernel_image",	0xffffffff80000000ul,		16 },
		{ "wraps_around",	sb,				-sb + 4 },
	};
	int ncases = (int)(sizeof(cases) / sizeof(cases[0]));
	kern_return_t kr;

	ktap_plan("badptr", 2 + ncases);
	fflush(stdout);
	kr = rvmach_console_write(valid, strlen(valid));
	ktap_ok(kr == KERN_SUCCESS, "valid_buffer");
	kr = rvmach_console_write(stack_buf, strlen(stack_buf));
	ktap_ok(kr == KERN_SUCCESS, "valid_stack_buffer");
	for (int i = 0; i < ncases; i++) {
		kr = rvmach_console_write((const char *)cases[i].buf,
		    cases[i].len);
		if (kr != KERN_INVALID_ADDRESS)
			ktap_diag("%s: [%#lx, +%#lx) returned %d", cases[i].name,
			    (unsigned long)cases[i].buf,
			    (unsigned long)cases[i].len, kr);
		ktap_ok(kr == KERN_INVALID_ADDRESS, "%s", cases[i].name);
	}
	return ktap_done();
}
