/*
 * arch/riscv/sbi.h - calls into the SBI firmware (OpenSBI).  arch/riscv/ only.
 */
#ifndef ARCH_RISCV_SBI_H
#define ARCH_RISCV_SBI_H

#include "kernel/lib/types.h"

#define SBI_EXT_LEGACY_PUTCHAR	0x01
#define SBI_EXT_LEGACY_GETCHAR	0x02
#define SBI_EXT_BASE		0x10
#define SBI_EXT_TIME		0x54494d45
#define SBI_EXT_IPI		0x00735049
#define SBI_EXT_HSM		0x0048534d
#define SBI_EXT_SRST		0x53525354

#define SBI_SUCCESS		0
#define SBI_ERR_FAILED		(-1)
#define SBI_ERR_NOT_SUPPORTED	(-2)
#define SBI_ERR_INVALID_PARAM	(-3)
#define SBI_ERR_DENIED		(-4)
#define SBI_ERR_INVALID_ADDRESS	(-5)
#define SBI_ERR_ALREADY_AVAILABLE (-6)
#define SBI_ERR_ALREADY_STARTED	(-7)
#define SBI_ERR_ALREADY_STOPPED	(-8)

/* SBI HSM hart states (hart_get_status) */
#define SBI_HSM_STARTED		0
#define SBI_HSM_STOPPED		1
#define SBI_HSM_START_PENDING	2
#define SBI_HSM_STOP_PENDING	3
#define SBI_HSM_SUSPENDED	4
#define SBI_HSM_SUSPEND_PENDING	5
#define SBI_HSM_RESUME_PENDING	6

#define SBI_SRST_SHUTDOWN	0
#define SBI_SRST_REASON_NONE	0
#define SBI_SRST_REASON_FAILURE	1

struct sbiret {
	long error;
	long value;
};

struct sbiret sbi_ecall(unsigned long ext, unsigned long fid, unsigned long a0,
    unsigned long a1, unsigned long a2);
void sbi_console_putchar(int c);
int sbi_console_getchar(void);
void sbi_set_timer(uint64_t deadline);
long sbi_send_ipi(unsigned long hart_mask, unsigned long hart_mask_base);
long sbi_hart_start(unsigned long hartid, paddr_t start, unsigned long opaque);
/* the calling hart goes back to the firmware (STOPPED); returns only on error */
long sbi_hart_stop(void);
/* a hart's HSM state (SBI_HSM_*), or a negative SBI error */
long sbi_hart_status(unsigned long hartid);
/* names for messages: "ALREADY_AVAILABLE", "START_PENDING"; "?" if unknown */
const char *sbi_error_name(long err);
const char *sbi_hsm_state_name(long state);
void sbi_shutdown(bool failure) __noreturn;

#endif /* ARCH_RISCV_SBI_H */
