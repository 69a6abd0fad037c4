/*
 * arch/riscv/platform.h - what the kernel learns about the machine from the DTB.
 *
 * platform_discover() is pure code (no CSR, no MMIO, no allocation): the
 * kernel runs it at boot on the firmware's DTB and tools/rvmach-platform runs
 * the very same code on the host.  Everything about the machine comes from
 * here; no board address is hard-coded anywhere else.
 */
#ifndef ARCH_RISCV_PLATFORM_H
#define ARCH_RISCV_PLATFORM_H

#include "kernel/lib/types.h"
#include "kernel/vm/vm_phys.h"

#define PLATFORM_MAX_HARTS	64
#define PLATFORM_MAX_MEM	VM_PHYS_MAX_RANGES /* usable ranges after reservations */
#define PLATFORM_MAX_RESV	32	/* reserved ranges */
#define PLATFORM_BOOTARGS_MAX	256

struct platform_hart {
	uint32_t hartid;		/* the cpu node's reg */
	uint32_t plic_sctx;		/* PLIC S-mode context, or PLATFORM_NO_CTX */
	bool	has_sstc;		/* riscv,isa lists _sstc */
	bool	sifive_u7;		/* a SiFive U7 core (TLB erratum CIP-1200) */
};
#define PLATFORM_NO_CTX		0xffffffffu

enum console_kind {
	CONSOLE_SBI = 0,		/* no usable UART: SBI legacy putchar */
	CONSOLE_NS16550,		/* ns16550a, ns16550, 8250 */
	CONSOLE_DW_APB,			/* snps,dw-apb-uart (16550 with quirks) */
	CONSOLE_SIFIVE,			/* sifive,uart0 */
};

struct platform_console {
	enum console_kind kind;
	char	compatible[32];		/* the compatible string that matched */
	char	path[64];		/* node path */
	paddr_t	base;
	uint64_t size;
	uint32_t reg_shift;		/* default 0 */
	uint32_t reg_io_width;		/* default 1 */
	uint32_t clock_frequency;	/* 0 if absent */
	uint32_t irq;			/* PLIC source, 0 if none */
	uint32_t baud;			/* from stdout-path options, 0 if none */
};

struct platform {
	/* harts: usable = not disabled AND has mmu-type */
	uint32_t nharts;
	struct platform_hart harts[PLATFORM_MAX_HARTS];
	uint64_t timebase_hz;

	/* memory: /memory ranges minus every reservation below */
	uint32_t nmem;
	struct mem_range mem[PLATFORM_MAX_MEM];
	uint32_t nresv;			/* /memreserve/, /reserved-memory, image, DTB, initrd */
	struct mem_range resv[PLATFORM_MAX_RESV];

	struct platform_console console;

	/* PLIC (0 base if absent) */
	paddr_t	plic_base;
	uint64_t plic_size;
	uint32_t plic_ndev;		/* riscv,ndev */

	/* real-time clock (0 base if none): google,goldfish-rtc (QEMU virt) */
	paddr_t	rtc_base;
	uint64_t rtc_size;

	char	bootargs[PLATFORM_BOOTARGS_MAX];
	paddr_t	initrd_start;		/* 0 if none */
	paddr_t	initrd_end;

	paddr_t	dtb_base;
	uint32_t dtb_size;		/* header totalsize */
};

/*
 * platform_discover - fill *p from the flattened device tree at dtb.
 *
 * dtb:      the blob, readable for at least maxlen bytes (the caller's bound;
 *           the header's totalsize must not exceed it).
 * dtb_pa:   physical address of the blob (reserved from memory).
 * image_pa, image_size: the kernel image to reserve (0 size: none).
 * err, errlen: on failure a one-line reason ("bad magic", "no /memory node", ...).
 *
 * Returns 0 on success, -1 on a malformed or incomplete DTB.  Never reads
 * outside [dtb, dtb + min(maxlen, totalsize)).
 */
int platform_discover(struct platform *p, const void *dtb, size_t maxlen,
    paddr_t dtb_pa, paddr_t image_pa, uint64_t image_size,
    char *err, size_t errlen);

/* platform_hart_index - index into p->harts of hartid, or -1. */
int platform_hart_index(const struct platform *p, uint32_t hartid);

#endif /* ARCH_RISCV_PLATFORM_H */
