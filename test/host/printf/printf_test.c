/*
 * test/host/printf/printf_test.c - the kernel's kformat() must produce what
 * the host C library's snprintf produces for every conversion it supports.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernel/lib/printf.h"

struct buf {
	char	s[512];
	size_t	n;
};

static void
out(int c, void *arg)
{
	struct buf *b = arg;

	if (b->n + 1 < sizeof(b->s))
		b->s[b->n++] = (char)c;
	b->s[b->n] = '\0';
}

static int failures, checks;

static void
check(const char *fmt, ...)
{
	struct buf b = { .n = 0 };
	char want[512];
	va_list ap, aq;
	int n1, n2;

	b.s[0] = '\0';
	va_start(ap, fmt);
	va_copy(aq, ap);
	n1 = kformat(out, &b, fmt, ap);
	n2 = vsnprintf(want, sizeof(want), fmt, aq);
	va_end(aq);
	va_end(ap);
	checks++;
	if (strcmp(b.s, want) != 0 || n1 != n2) {
		fprintf(stderr, "FAIL fmt \"%s\": kformat \"%s\" (%d), libc \"%s\" (%d)\n",
		    fmt, b.s, n1, want, n2);
		failures++;
	}
}

int
main(void)
{
	static const long ints[] = { 0, 1, -1, 42, -42, 2147483647, -2147483647 - 1,
	    1234567890123l, -9223372036854775807l - 1 };
	static const char *const ifmts[] = { "%d", "%5d", "%-5d|", "%05d", "%+d",
	    "% d", "%.3d", "%8.3d", "%-8.3d|", "%.0d", "%+.0d", "%x", "%#x", "%#010x",
	    "%X", "%#X", "%o", "%#o", "%#.0o", "%u", "%.0x", "%#.0x", "%i" };
	static const char *const lfmts[] = { "%ld", "%lu", "%lx", "%#lx", "%016lx",
	    "%lld", "%llu", "%zu", "%zd", "%20ld", "%-20ld|", "%+ld" };
	static const char *const strs[] = { "", "a", "hello", "rvmach kernel" };
	static const char *const sfmts[] = { "%s", "%10s", "%-10s|", "%.2s", "%8.3s",
	    "%-8.3s|", "%.0s" };

	for (size_t i = 0; i < sizeof(ints) / sizeof(ints[0]); i++) {
		for (size_t f = 0; f < sizeof(ifmts) / sizeof(ifmts[0]); f++)
			check(ifmts[f], (int)ints[i]);
		for (size_t f = 0; f < sizeof(lfmts) / sizeof(lfmts[0]); f++)
			check(lfmts[f], ints[i]);
		check("%hhd %hhu %hd %hu", (int)ints[i], (int)ints[i], (int)ints[i],
		    (int)ints[i]);
		check("%*d|%-*d|%.*d", 6, (int)ints[i], 6, (int)ints[i], 4, (int)ints[i]);
	}
	for (size_t i = 0; i < sizeof(strs) / sizeof(strs[0]); i++) {
		for (size_t f = 0; f < sizeof(sfmts) / sizeof(sfmts[0]); f++)
			check(sfmts[f], strs[i]);
	}
	check("%c%c%c", 'r', 'v', 'm');
	check("%5c|%-5c|", 'x', 'y');
	check("100%% sure");
	check("%p", (void *)0xffffffff80000000ul);
	check("%p", (void *)0x1);
	check("[%*s]", -6, "ab");
	check("no conversions at all");
	printf("host.printf: %d checks, %d failures\n", checks, failures);
	return failures != 0;
}
