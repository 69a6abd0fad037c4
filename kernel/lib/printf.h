/*
 * kernel/lib/printf.h - formatted output.
 *
 * kformat() is the one formatter (pure code, host-tested); printf() writes
 * to the console under the console lock; snprintf()/vsnprintf() follow C99
 * (return the length that would have been written).
 *
 * Conversions: %d %i %u %x %X %o %c %s %p %% with flags "-+ #0", width,
 * precision (also "*"), and length modifiers hh h l ll z t j.
 */
#ifndef KERNEL_LIB_PRINTF_H
#define KERNEL_LIB_PRINTF_H

#include "kernel/lib/types.h"

/* out(c, arg) is called once per character produced; returns chars produced */
int kformat(void (*out)(int c, void *arg), void *arg, const char *fmt, va_list ap);

#ifdef RVMACH_HOST
#include <stdio.h>
#else
int printf(const char *fmt, ...) __printflike(1, 2);
int vprintf(const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...) __printflike(3, 4);
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
#endif

#endif /* KERNEL_LIB_PRINTF_H */
