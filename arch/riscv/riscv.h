/*
 * arch/riscv/riscv.h - interfaces inside arch/riscv/.
 */
#ifndef ARCH_RISCV_RISCV_H
#define ARCH_RISCV_RISCV_H

#include "kernel/lib/types.h"
#include "arch/riscv/platform.h"

extern struct platform platform;	/* [c] after boot */
extern paddr_t kernel_load_pa;		/* [c] where the image runs */

extern char _start[], _etext[], _erodata[], _end[];
extern char trap_vector[], secondary_entry[], secondary_high[];

static inline paddr_t
kernel_va_to_pa(const void *va)
{
	return (vaddr_t)va - (vaddr_t)_start + kernel_load_pa;
}

void riscv_timer_intr(void);
void riscv_timer_init_hart(void);
void plic_init(void);
void rtc_init(void);			/* rtc.c: map the real-time clock */
void plic_init_hart(void);
void plic_intr(void);
void uart_early_init(void);
void uart_init(void);
void uart_enable_rx_intr(void);
void pmap_bootstrap(void);
paddr_t boot_steal(uint64_t size);
vaddr_t kio_map(paddr_t pa, uint64_t size);
void pmap_bootstrap_done(void);
uint64_t pmap_kernel_satp(void);
uint64_t *pmap_kernel_root(void);
void pmap_user_bootstrap(bool sifive_u7);
struct trapframe;
bool machine_copy_fault(struct trapframe *tf, int access);

#endif /* ARCH_RISCV_RISCV_H */
