/*
 * sdk/lib/libsys/console.c - picolibc's stdin, stdout and stderr.
 *
 * stdout and stderr are one tinystdio stream over the console_write trap,
 * buffered by line: a trap per '\n' (or per full buffer, or fflush), so
 * lines from one thread come out whole and in order between the two.
 * stdin reads end-of-file until there is a console server.
 *
 * Locking: [l] console_lock, a spinlock that yields (swtch_pri) when
 * taken; it keeps the buffer consistent under threads, but characters of
 * lines written by two threads at once may interleave.
 */
#include <stdio.h>

#include <mach/riscv/trap.h>
#include <mach/syscall_sw.h>

#include "libsys.h"

#define CONSOLE_LINE	256

static int console_lock;			/* [a] */
static char console_buf[CONSOLE_LINE];		/* [l] */
static unsigned console_len;			/* [l] */

static void
console_lock_take(void)
{
	while (__atomic_exchange_n(&console_lock, 1, __ATOMIC_ACQUIRE))
		rvmach_trap1(MACH_TRAP_swtch_pri, 0);
}

static void
console_lock_drop(void)
{
	__atomic_store_n(&console_lock, 0, __ATOMIC_RELEASE);
}

/* [l] held */
static void
console_write_buf(void)
{
	if (console_len == 0)
		return;
	rvmach_trap2(RVMACH_TRAP_console_write, (long)(uintptr_t)console_buf,
	    (long)console_len);
	console_len = 0;
}

static int
console_putc(char c, FILE *f)
{
	(void)f;
	console_lock_take();
	console_buf[console_len++] = c;
	if (c == '\n' || console_len == sizeof(console_buf))
		console_write_buf();
	console_lock_drop();
	return (unsigned char)c;
}

static int
console_fflush(FILE *f)
{
	(void)f;
	__rvmach_console_flush();
	return 0;
}

void
__rvmach_console_flush(void)
{
	console_lock_take();
	console_write_buf();
	console_lock_drop();
}

static int
console_getc(FILE *f)
{
	(void)f;
	return _FDEV_EOF;
}

static FILE console_out =
    FDEV_SETUP_STREAM(console_putc, NULL, console_fflush, _FDEV_SETUP_WRITE);
static FILE console_in =
    FDEV_SETUP_STREAM(NULL, console_getc, NULL, _FDEV_SETUP_READ);

FILE *const stdin = &console_in;
FILE *const stdout = &console_out;
FILE *const stderr = &console_out;
