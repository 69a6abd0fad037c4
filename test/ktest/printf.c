/*
 * test/ktest/printf.c - kformat/snprintf conversions, in the kernel.
 */
#include "kernel/ktest/ktest.h"
#include "kernel/lib/printf.h"
#include "kernel/lib/string.h"

static char buf[128];

#define FMT(...) (snprintf(buf, sizeof(buf), __VA_ARGS__), buf)

/* no format attribute: for conversions the compilers would warn about */
static const char *
fmt_unchecked(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	return buf;
}

KTEST(printf, integers)
{
	KT_ASSERT_STREQ(FMT("%d %i %u", -42, 7, 42u), "-42 7 42");
	KT_ASSERT_STREQ(FMT("%ld %lu", -9000000000l, 18446744073709551615ul),
	    "-9000000000 18446744073709551615");
	KT_ASSERT_STREQ(FMT("%d", (int)-2147483647 - 1), "-2147483648");
	KT_ASSERT_STREQ(fmt_unchecked("%hhd %hu", 300, 70000), "44 4464");
}

KTEST(printf, hex_octal_pointer)
{
	KT_ASSERT_STREQ(FMT("%x %X %#x %o %#o", 255, 255, 255, 8, 8),
	    "ff FF 0xff 10 010");
	KT_ASSERT_STREQ(FMT("%#x", 0), "0");
	KT_ASSERT_STREQ(FMT("%p", (void *)0xffffffff80000000ul),
	    "0xffffffff80000000");
	KT_ASSERT_STREQ(FMT("%016lx", 0x1234ul), "0000000000001234");
}

KTEST(printf, width_flags_precision)
{
	KT_ASSERT_STREQ(FMT("[%5d|%-5d|%05d|%+d|% d]", 42, 42, -42, 42, 42),
	    "[   42|42   |-0042|+42| 42]");
	KT_ASSERT_STREQ(FMT("[%.3d|%8.3d|%*d|%-*d]", 7, 7, 4, 1, 3, 2),
	    "[007|     007|   1|2  ]");
	KT_ASSERT_STREQ(FMT("[%.0d]", 0), "[]");
}

KTEST(printf, strings_chars)
{
	KT_ASSERT_STREQ(FMT("%s|%.2s|%5s|%-5s|%c%%", "abc", "abc", "ab", "ab", 'z'),
	    "abc|ab|   ab|ab   |z%");
	const char *volatile nul = NULL;

	KT_ASSERT_STREQ(FMT("%s", nul), "(null)");
}

KTEST(printf, snprintf_truncates)
{
	char small[8];
	int n = snprintf(small, sizeof(small), "%s", "0123456789");

	KT_ASSERT_EQ(n, 10);
	KT_ASSERT_STREQ(small, "0123456");
	KT_ASSERT_EQ(snprintf(NULL, 0, "%d", 12345), 5);
	small[0] = 'x';
	KT_ASSERT_EQ(snprintf(small, 1, "abc"), 3);
	KT_ASSERT_EQ(small[0], '\0');
}

KTEST(printf, unknown_conversion_kept)
{
	KT_ASSERT_STREQ(fmt_unchecked("%q %"), "%q ");
}
