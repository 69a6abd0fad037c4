/*
 * kernel/lib/string.c - memory and string routines for the freestanding kernel.
 * Host builds use the C library's and only take strlcpy from here.
 */
#include "kernel/lib/string.h"

#ifndef RVMACH_HOST
void *
memcpy(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	if (IS_ALIGNED((uintptr_t)d | (uintptr_t)s, 8)) {
		/* 64 bytes a round for pages (COW copies), then words */
		for (; n >= 64; n -= 64, d += 64, s += 64) {
			uint64_t *dw = (uint64_t *)d;
			const uint64_t *sw = (const uint64_t *)s;
			uint64_t a0 = sw[0], a1 = sw[1], a2 = sw[2], a3 = sw[3];
			uint64_t a4 = sw[4], a5 = sw[5], a6 = sw[6], a7 = sw[7];

			dw[0] = a0; dw[1] = a1; dw[2] = a2; dw[3] = a3;
			dw[4] = a4; dw[5] = a5; dw[6] = a6; dw[7] = a7;
		}
		for (; n >= 8; n -= 8, d += 8, s += 8)
			*(uint64_t *)d = *(const uint64_t *)s;
	}
	while (n--)
		*d++ = *s++;
	return dst;
}

void *
memmove(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	if (d <= s || d >= s + n)
		return memcpy(dst, src, n);
	while (n--)
		d[n] = s[n];
	return dst;
}

void *
memset(void *dst, int c, size_t n)
{
	unsigned char *d = dst;
	uint64_t v = (unsigned char)c;

	v |= v << 8;
	v |= v << 16;
	v |= v << 32;
	for (; n > 0 && !IS_ALIGNED((uintptr_t)d, 8); n--)
		*d++ = (unsigned char)c;
	/* 256 bytes a round: zeroing a page is most of a demand-zero fault */
	for (; n >= 256; n -= 256, d += 256) {
		uint64_t *w = (uint64_t *)d;

		w[0] = v; w[1] = v; w[2] = v; w[3] = v;
		w[4] = v; w[5] = v; w[6] = v; w[7] = v;
		w[8] = v; w[9] = v; w[10] = v; w[11] = v;
		w[12] = v; w[13] = v; w[14] = v; w[15] = v;
		w[16] = v; w[17] = v; w[18] = v; w[19] = v;
		w[20] = v; w[21] = v; w[22] = v; w[23] = v;
		w[24] = v; w[25] = v; w[26] = v; w[27] = v;
		w[28] = v; w[29] = v; w[30] = v; w[31] = v;
	}
	/*
	 * 64 a round (a zone element: a port is 176), and the double words
	 * left as the 64 bytes that end with them, over some already set
	 */
	if (n >= 64) {
		uint64_t *w, *end = (uint64_t *)(d + (n & ~(size_t)7));

		for (; n >= 64; n -= 64, d += 64) {
			w = (uint64_t *)d;
			w[0] = v; w[1] = v; w[2] = v; w[3] = v;
			w[4] = v; w[5] = v; w[6] = v; w[7] = v;
		}
		if (n >= 8) {
			end[-8] = v; end[-7] = v; end[-6] = v; end[-5] = v;
			end[-4] = v; end[-3] = v; end[-2] = v; end[-1] = v;
			d = (unsigned char *)end;
			n &= 7;
		}
	}
	for (; n >= 8; n -= 8, d += 8)
		*(uint64_t *)d = v;
	while (n--)
		*d++ = (unsigned char)c;
	return dst;
}

int
memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;

	for (; n > 0; n--, x++, y++) {
		if (*x != *y)
			return *x - *y;
	}
	return 0;
}

size_t
strlen(const char *s)
{
	const char *p = s;

	while (*p)
		p++;
	return (size_t)(p - s);
}

size_t
strnlen(const char *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n])
		n++;
	return n;
}

int
strcmp(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return (unsigned char)*a - (unsigned char)*b;
}

int
strncmp(const char *a, const char *b, size_t n)
{
	for (; n > 0; n--, a++, b++) {
		if (*a != *b || *a == '\0')
			return (unsigned char)*a - (unsigned char)*b;
	}
	return 0;
}

char *
strchr(const char *s, int c)
{
	for (;; s++) {
		if (*s == (char)c)
			return (char *)s;
		if (*s == '\0')
			return NULL;
	}
}

void *
memchr(const void *s, int c, size_t n)
{
	const unsigned char *p = s;

	for (; n > 0; p++, n--) {
		if (*p == (unsigned char)c)
			return (void *)p;
	}
	return NULL;
}
#endif /* !RVMACH_HOST */

size_t
strlcpy(char *dst, const char *src, size_t size)
{
	size_t len = strlen(src);

	if (size > 0) {
		size_t n = len < size - 1 ? len : size - 1;
		memcpy(dst, src, n);
		dst[n] = '\0';
	}
	return len;
}
