/*
 * arch/riscv/plic.c - the platform-level interrupt controller.
 *
 * Each hart's S-mode context comes from the DTB (interrupts-extended),
 * never from a formula.  Device interrupts are routed to the boot hart.
 */
#include <machine/csr.h>
#include <machine/intr.h>
#include "arch/riscv/riscv.h"
#include "kernel/cpu.h"
#include "kernel/panic.h"

#define PLIC_PRIORITY(irq)	(4 * (irq))
#define PLIC_ENABLE(ctx, irq)	(0x2000 + 0x80 * (ctx) + 4 * ((irq) / 32))
#define PLIC_THRESHOLD(ctx)	(0x200000 + 0x1000 * (ctx))
#define PLIC_CLAIM(ctx)		(0x200004 + 0x1000 * (ctx))
#define PLIC_MAX_IRQ		128

/*
 * Locks:
 *	c	constant after registration at boot
 */
struct plic_handler {
	void	(*fn)(void *arg);	/* [c] */
	void	*arg;			/* [c] */
};

static vaddr_t plic_va;				/* [c] 0: no PLIC */
static struct plic_handler plic_handlers[PLIC_MAX_IRQ];
static uint32_t plic_route_ctx;			/* [c] the boot hart's */

static inline void
plic_write(uint64_t off, uint32_t v)
{
	*(volatile uint32_t *)(plic_va + off) = v;
}

static inline uint32_t
plic_read(uint64_t off)
{
	return *(volatile uint32_t *)(plic_va + off);
}

void
plic_init(void)
{
	if (platform.plic_base == 0)
		return;
	plic_va = kio_map(platform.plic_base, platform.plic_size);
	plic_route_ctx = cpu_current()->plic_ctx;
}

/* every hart: accept all priorities, take external interrupts */
void
plic_init_hart(void)
{
	uint32_t ctx = cpu_current()->plic_ctx;

	if (plic_va == 0 || ctx == PLATFORM_NO_CTX)
		return;
	plic_write(PLIC_THRESHOLD(ctx), 0);
	csr_set(sie, SIE_SEIE);
}

int
machine_irq_register(uint32_t irq, void (*fn)(void *), void *arg)
{
	uint32_t ctx = plic_route_ctx;

	if (plic_va == 0 || irq == 0 || irq >= PLIC_MAX_IRQ ||
	    irq > platform.plic_ndev || ctx == PLATFORM_NO_CTX)
		return -1;
	plic_handlers[irq].fn = fn;
	plic_handlers[irq].arg = arg;
	plic_write(PLIC_PRIORITY(irq), 1);
	plic_write(PLIC_ENABLE(ctx, irq),
	    plic_read(PLIC_ENABLE(ctx, irq)) | (1u << (irq % 32)));
	return 0;
}

void
plic_intr(void)
{
	uint32_t ctx = cpu_current()->plic_ctx;
	uint32_t irq;

	while ((irq = plic_read(PLIC_CLAIM(ctx))) != 0) {
		if (irq < PLIC_MAX_IRQ && plic_handlers[irq].fn != NULL)
			plic_handlers[irq].fn(plic_handlers[irq].arg);
		plic_write(PLIC_CLAIM(ctx), irq);
	}
}
