/*
 * test/ktest/string.c - the kernel's memory routines against a byte loop:
 * every length up to 600 at every alignment of 16, with guard bytes on
 * both sides, so the paths by 256, by 64 (and the overlapping last 64),
 * by 8 and by bytes are each taken and each checked at its edges.
 */
#include "kernel/ktest/ktest.h"
#include "kernel/lib/string.h"

#define STR_MAX		600
#define STR_GUARD	16

static unsigned char str_buf[STR_GUARD + 16 + STR_MAX + STR_GUARD];
static unsigned char str_src[16 + STR_MAX];

/* buf is 0x5a but [off, off + n), which is c: the first wrong index or -1 */
static long
str_check(size_t off, size_t n, unsigned char c)
{
	for (size_t i = 0; i < sizeof(str_buf); i++) {
		unsigned char want = i >= off && i < off + n ? c : 0x5a;

		if (str_buf[i] != want)
			return (long)i;
	}
	return -1;
}

KTEST(string, memset_every_length_and_alignment)
{
	for (size_t align = 0; align < 16; align++) {
		for (size_t n = 0; n <= STR_MAX; n++) {
			size_t off = STR_GUARD + align;
			long bad;

			for (size_t i = 0; i < sizeof(str_buf); i++)
				str_buf[i] = 0x5a;
			KT_ASSERT(memset(str_buf + off, n & 1 ? 0xc3 : 0, n) ==
			    str_buf + off);
			bad = str_check(off, n, n & 1 ? 0xc3 : 0);
			if (bad >= 0) {
				ktest_fail(kt, __FILE__, __LINE__,
				    "memset(+%lu, %lu): byte %ld wrong",
				    (unsigned long)align, (unsigned long)n, bad);
				return;
			}
		}
	}
}

KTEST(string, memcpy_every_length_and_alignment)
{
	for (size_t i = 0; i < sizeof(str_src); i++)
		str_src[i] = (unsigned char)(i * 7 + 1);
	for (size_t align = 0; align < 16; align += 3) {
		for (size_t salign = 0; salign < 16; salign += 5) {
			for (size_t n = 0; n <= STR_MAX; n++) {
				size_t off = STR_GUARD + align;

				for (size_t i = 0; i < sizeof(str_buf); i++)
					str_buf[i] = 0x5a;
				memcpy(str_buf + off, str_src + salign, n);
				for (size_t i = 0; i < sizeof(str_buf); i++) {
					unsigned char want = i >= off && i < off + n ?
					    str_src[salign + i - off] : 0x5a;

					if (str_buf[i] == want)
						continue;
					ktest_fail(kt, __FILE__, __LINE__,
					    "memcpy(+%lu, +%lu, %lu): byte %lu",
					    (unsigned long)align, (unsigned long)salign,
					    (unsigned long)n, (unsigned long)i);
					return;
				}
			}
		}
	}
}
