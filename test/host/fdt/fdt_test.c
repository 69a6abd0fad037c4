/*
 * test/host/fdt/fdt_test.c - shared helpers of the fdt host tests.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "fdt_test.h"

int t_failures;
const char *t_context = "";

void
t_fail(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	if (++t_failures > 50)
		return;			/* enough to go on */
	fprintf(stderr, "%s:%d: [%s] ", file, line, t_context);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int
t_exit_status(const char *name)
{
	if (t_failures != 0) {
		fprintf(stderr, "%s: %d failure(s)\n", name, t_failures);
		return 1;
	}
	printf("%s: ok\n", name);
	return 0;
}

unsigned char *
t_read_file(const char *path, size_t *len)
{
	unsigned char *buf;
	long n;
	FILE *f;

	if ((f = fopen(path, "rb")) == NULL || fseek(f, 0, SEEK_END) != 0 ||
	    (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0) {
		perror(path);
		exit(2);
	}
	if ((buf = malloc((size_t)n + 1)) == NULL ||
	    fread(buf, 1, (size_t)n, f) != (size_t)n) {
		perror(path);
		exit(2);
	}
	fclose(f);
	*len = (size_t)n;
	return buf;
}

const char *
t_basename(const char *path, char *buf, size_t len)
{
	const char *s = strrchr(path, '/');
	size_t n;

	s = s != NULL ? s + 1 : path;
	n = strlen(s);
	if (n > 4 && strcmp(s + n - 4, ".dtb") == 0)
		n -= 4;
	if (n >= len)
		n = len - 1;
	memcpy(buf, s, n);
	buf[n] = '\0';
	return buf;
}

static uint64_t t_state = 0x9e3779b97f4a7c15ull;

void
t_srand(uint64_t seed)
{
	t_state = seed != 0 ? seed : 1;
}

uint64_t
t_rand(void)
{
	t_state ^= t_state >> 12;
	t_state ^= t_state << 25;
	t_state ^= t_state >> 27;
	return t_state * 0x2545f4914f6cdd1dull;
}
