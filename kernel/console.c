/*
 * kernel/console.c - printf() to the console driver, and the input ring.
 */
#include "kernel/console.h"
#include "kernel/cpu.h"
#include "kernel/lib/printf.h"
#include "kernel/sync/spinlock.h"

/*
 * Locks:
 *	o	console_lock (output)
 *	r	rx_lock (input ring)
 */
static const struct console_driver *console_drv;	/* [o] */
static struct spinlock console_lock =
    SPINLOCK_INITIALIZER_RANKED("console", LOCK_RANK_CONSOLE);
static volatile bool console_nolock;			/* [a] set by panic */

#define RX_SIZE 256
static struct spinlock rx_lock =
    SPINLOCK_INITIALIZER_RANKED("console_rx", LOCK_RANK_CONSOLE + 1);
static uint8_t rx_buf[RX_SIZE];				/* [r] */
static uint32_t rx_head, rx_tail;			/* [r] */

void
console_set_driver(const struct console_driver *drv)
{
	console_drv = drv;
}

const struct console_driver *
console_driver(void)
{
	return console_drv;
}

void
console_panic_mode(void)
{
	console_nolock = true;
}

void
console_putc(int c)
{
	const struct console_driver *d = console_drv;

	if (d == NULL)
		return;
	if (c == '\n')
		d->putc(d->ctx, '\r');
	d->putc(d->ctx, c);
}

static void
console_lock_enter(void)
{
	if (!console_nolock)
		spin_lock(&console_lock);
}

static void
console_lock_exit(void)
{
	if (!console_nolock)
		spin_unlock(&console_lock);
}

void
console_write(const char *s, size_t n)
{
	console_lock_enter();
	while (n--)
		console_putc(*s++);
	console_lock_exit();
}

static void
printf_out(int c, void *arg __unused)
{
	console_putc(c);
}

int
vprintf(const char *fmt, va_list ap)
{
	int n;

	console_lock_enter();
	n = kformat(printf_out, NULL, fmt, ap);
	console_lock_exit();
	return n;
}

int
printf(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintf(fmt, ap);
	va_end(ap);
	return n;
}

void
console_rx(int c)
{
	spin_lock(&rx_lock);
	if (rx_head - rx_tail < RX_SIZE)
		rx_buf[rx_head++ % RX_SIZE] = (uint8_t)c;
	spin_unlock(&rx_lock);
}

int
console_getc(void)
{
	int c = -1;

	spin_lock(&rx_lock);
	if (rx_tail != rx_head)
		c = rx_buf[rx_tail++ % RX_SIZE];
	spin_unlock(&rx_lock);
	return c;
}
