/*
 * kernel/lib/string.h - the freestanding kernel's string and memory routines.
 *
 * Same names and contracts as ISO C (plus BSD strlcpy), so code shared with
 * host tools compiles against either this or the host libc.
 */
#ifndef KERNEL_LIB_STRING_H
#define KERNEL_LIB_STRING_H

#include "kernel/lib/types.h"

#ifdef RVMACH_HOST
#include <string.h>
size_t rv_strlcpy(char *dst, const char *src, size_t size);
#define strlcpy rv_strlcpy
#else
void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strchr(const char *s, int c);
void *memchr(const void *s, int c, size_t n);
size_t strlcpy(char *dst, const char *src, size_t size);
#endif

#endif /* KERNEL_LIB_STRING_H */
