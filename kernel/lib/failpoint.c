/*
 * kernel/lib/failpoint.c - failpoint=NAME@CPU,... from the command line.
 */
#include "kernel/kernel.h"
#include "kernel/lib/failpoint.h"
#include "kernel/lib/string.h"

/* does "NAME@CPU" (n characters at tok) name this point on this cpu? */
static bool
failpoint_token(const char *tok, size_t n, const char *name, uint32_t cpu_id)
{
	size_t len = strlen(name);
	uint32_t cpu = 0;

	if (n <= len + 1 || strncmp(tok, name, len) != 0 || tok[len] != '@')
		return false;
	for (size_t i = len + 1; i < n; i++) {
		if (tok[i] < '0' || tok[i] > '9')
			return false;
		cpu = cpu * 10 + (uint32_t)(tok[i] - '0');
	}
	return cpu == cpu_id;
}

bool
failpoint(const char *name, uint32_t cpu_id)
{
	const char *sel = bootarg("failpoint");

	while (sel != NULL && *sel != '\0') {
		const char *end = strchr(sel, ',');
		size_t n = end != NULL ? (size_t)(end - sel) : strlen(sel);

		if (failpoint_token(sel, n, name, cpu_id))
			return true;
		sel = end != NULL ? end + 1 : NULL;
	}
	return false;
}
