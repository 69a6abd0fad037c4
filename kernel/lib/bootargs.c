/*
 * kernel/lib/bootargs.c - the kernel command line: "key=value key ...".
 *
 * Known keys are listed here; anything else draws a warning at boot.
 */
#include "kernel/kernel.h"
#include "kernel/lib/printf.h"
#include "kernel/lib/string.h"
#include <machine/machine.h>

#define BOOTARGS_MAX	256
#define BOOTARGS_KEYS	16

static const char *const known_keys[] = {
	"ktest",	/* run in-kernel tests: ktest=all or globs */
	"bench",	/* run benchmarks: bench=all or globs */
	"utest",	/* run user test programs from the initrd: utest=all or globs */
	"init",		/* the first program: init=/sbin/init (the default) */
	"console",	/* reserved: the console comes from stdout-path */
	"failpoint",	/* tests: failpoint=cpu_stacks@1 (kernel/lib/failpoint.h) */
	"ipcfuzz",	/* tests: ipcfuzz=SEED,COUNT for the ipc_fuzz ktests */
};

static char args_buf[BOOTARGS_MAX];		/* [c] after bootargs_init */
static const char *keys[BOOTARGS_KEYS];		/* [c] */
static const char *values[BOOTARGS_KEYS];	/* [c] */
static int nkeys;				/* [c] */

static bool
key_known(const char *k)
{
	for (size_t i = 0; i < ARRAY_SIZE(known_keys); i++) {
		if (strcmp(k, known_keys[i]) == 0)
			return true;
	}
	return false;
}

static void
bootarg_add(char *tok)
{
	char *eq = strchr(tok, '=');

	if (eq != NULL)
		*eq = '\0';
	if (!key_known(tok)) {
		printf("rvmach: warning: unknown boot argument '%s' ignored\n", tok);
		return;
	}
	if (nkeys == BOOTARGS_KEYS) {
		printf("rvmach: warning: too many boot arguments, '%s' ignored\n", tok);
		return;
	}
	keys[nkeys] = tok;
	values[nkeys] = eq != NULL ? eq + 1 : "";
	nkeys++;
}

void
bootargs_init(void)
{
	char *p = args_buf;

	strlcpy(args_buf, machine_bootargs(), sizeof(args_buf));
	while (*p) {
		char *tok;

		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '\0')
			break;
		tok = p;
		while (*p && *p != ' ' && *p != '\t')
			p++;
		if (*p)
			*p++ = '\0';
		bootarg_add(tok);
	}
}

const char *
bootarg(const char *name)
{
	for (int i = 0; i < nkeys; i++) {
		if (strcmp(keys[i], name) == 0)
			return values[i];
	}
	return NULL;
}
