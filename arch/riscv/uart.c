/*
 * arch/riscv/uart.c - console drivers: 16550 (ns16550a, snps,dw-apb-uart),
 * sifive,uart0, and the SBI legacy console when no UART is usable.
 *
 * The firmware has already set the line speed; we only enable the FIFO and
 * the receive interrupt.  16550 registers sit at reg << reg-shift and are
 * accessed reg-io-width bytes wide (32-bit on the StarFive boards).
 */
#include <machine/intr.h>
#include "arch/riscv/riscv.h"
#include "arch/riscv/sbi.h"
#include "kernel/console.h"

#define UART_RBR	0	/* receive buffer (read) */
#define UART_THR	0	/* transmit holding (write) */
#define UART_IER	1
#define UART_FCR	2
#define UART_LSR	5
#define UART_LSR_DR	0x01
#define UART_LSR_THRE	0x20
#define UART_IER_RDI	0x01

#define SIFIVE_TXDATA	0x00
#define SIFIVE_RXDATA	0x04
#define SIFIVE_TXCTRL	0x08
#define SIFIVE_RXCTRL	0x0c
#define SIFIVE_IE	0x10
#define SIFIVE_FULL	0x80000000u
#define SIFIVE_EMPTY	0x80000000u
#define SIFIVE_IE_RXWM	0x2

struct uart {
	vaddr_t	base;
	uint32_t shift;
	uint32_t width;
};

static struct uart uart;

static uint32_t
ns16550_read(const struct uart *u, uint32_t reg)
{
	vaddr_t a = u->base + ((vaddr_t)reg << u->shift);

	if (u->width == 4)
		return *(volatile uint32_t *)a;
	return *(volatile uint8_t *)a;
}

static void
ns16550_write(const struct uart *u, uint32_t reg, uint32_t v)
{
	vaddr_t a = u->base + ((vaddr_t)reg << u->shift);

	if (u->width == 4)
		*(volatile uint32_t *)a = v;
	else
		*(volatile uint8_t *)a = (uint8_t)v;
}

static void
ns16550_putc(void *ctx, int c)
{
	const struct uart *u = ctx;

	while (!(ns16550_read(u, UART_LSR) & UART_LSR_THRE))
		;
	ns16550_write(u, UART_THR, (uint32_t)c);
}

static int
ns16550_getc(void *ctx)
{
	const struct uart *u = ctx;

	if (!(ns16550_read(u, UART_LSR) & UART_LSR_DR))
		return -1;
	return (int)(ns16550_read(u, UART_RBR) & 0xff);
}

static void
sifive_putc(void *ctx, int c)
{
	const struct uart *u = ctx;
	volatile uint32_t *tx = (volatile uint32_t *)(u->base + SIFIVE_TXDATA);

	while (*tx & SIFIVE_FULL)
		;
	*tx = (uint32_t)c & 0xff;
}

static int
sifive_getc(void *ctx)
{
	const struct uart *u = ctx;
	uint32_t v = *(volatile uint32_t *)(u->base + SIFIVE_RXDATA);

	return (v & SIFIVE_EMPTY) ? -1 : (int)(v & 0xff);
}

static void
sbi_putc(void *ctx __unused, int c)
{
	sbi_console_putchar(c);
}

static int
sbi_getc(void *ctx __unused)
{
	return sbi_console_getchar();
}

static const struct console_driver drv_sbi = { "sbi", sbi_putc, sbi_getc, NULL };
static const struct console_driver drv_16550 = { "ns16550", ns16550_putc, ns16550_getc, &uart };
static const struct console_driver drv_dw = { "dw-apb-uart", ns16550_putc, ns16550_getc, &uart };
static const struct console_driver drv_sifive = { "sifive-uart0", sifive_putc, sifive_getc, &uart };

/* the console as early as possible: SBI, no mapping needed */
void
uart_early_init(void)
{
	console_set_driver(&drv_sbi);
}

static void
uart_rx_intr(void *arg)
{
	const struct console_driver *d = arg;
	int c;

	while ((c = d->getc(d->ctx)) >= 0)
		console_rx(c);
}

/* switch the console to the UART the DTB named; after pmap_bootstrap */
void
uart_init(void)
{
	const struct platform_console *pc = &platform.console;
	const struct console_driver *d;

	if (pc->kind == CONSOLE_SBI || pc->base == 0)
		return;
	uart.base = kio_map(pc->base, pc->size ? pc->size : 0x1000);
	if (uart.base == 0)
		return;
	uart.shift = pc->reg_shift;
	uart.width = pc->reg_io_width == 4 ? 4 : 1;
	if (pc->kind == CONSOLE_SIFIVE) {
		*(volatile uint32_t *)(uart.base + SIFIVE_TXCTRL) |= 1;
		*(volatile uint32_t *)(uart.base + SIFIVE_RXCTRL) = 1;
		d = &drv_sifive;
	} else {
		ns16550_write(&uart, UART_FCR, 0x07);	/* FIFO on, cleared */
		d = pc->kind == CONSOLE_DW_APB ? &drv_dw : &drv_16550;
	}
	console_set_driver(d);
}

/* route the receive interrupt through the PLIC; after plic_init */
void
uart_enable_rx_intr(void)
{
	const struct platform_console *pc = &platform.console;
	const struct console_driver *d = console_driver();

	if (uart.base == 0 || pc->irq == 0)
		return;
	if (machine_irq_register(pc->irq, uart_rx_intr, (void *)d) != 0)
		return;
	if (pc->kind == CONSOLE_SIFIVE)
		*(volatile uint32_t *)(uart.base + SIFIVE_IE) = SIFIVE_IE_RXWM;
	else
		ns16550_write(&uart, UART_IER, UART_IER_RDI);
}
