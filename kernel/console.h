/*
 * kernel/console.h - the kernel console: printf output and typed input.
 *
 * A machine driver (UART, or the SBI console) registers itself with
 * console_set_driver(); until then output is dropped.  Output from several
 * harts is serialised line by line under the console lock.  Received bytes
 * arrive through console_rx() from the driver's interrupt and wait in a
 * ring buffer for console_getc().
 */
#ifndef KERNEL_CONSOLE_H
#define KERNEL_CONSOLE_H

#include "kernel/lib/types.h"

struct console_driver {
	const char *name;
	void	(*putc)(void *ctx, int c);
	int	(*getc)(void *ctx);		/* -1 if nothing waiting */
	void	*ctx;
};

void console_set_driver(const struct console_driver *drv);
const struct console_driver *console_driver(void);
void console_putc(int c);			/* unlocked, raw */
void console_write(const char *s, size_t n);	/* locked */

/* console_rx - called by the driver's receive interrupt for each byte */
void console_rx(int c);
/* console_getc - next received byte, or -1 */
int console_getc(void);

/* after a panic starts, printing ignores the lock (the holder is stopped) */
void console_panic_mode(void);

#endif /* KERNEL_CONSOLE_H */
