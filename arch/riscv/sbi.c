/*
 * arch/riscv/sbi.c - the SBI calls the kernel makes (SBI spec v1.0/v2.0).
 */
#include "arch/riscv/sbi.h"

struct sbiret
sbi_ecall(unsigned long ext, unsigned long fid, unsigned long arg0,
    unsigned long arg1, unsigned long arg2)
{
	register unsigned long a0 __asm__("a0") = arg0;
	register unsigned long a1 __asm__("a1") = arg1;
	register unsigned long a2 __asm__("a2") = arg2;
	register unsigned long a6 __asm__("a6") = fid;
	register unsigned long a7 __asm__("a7") = ext;
	struct sbiret r;

	__asm__ volatile("ecall"
	    : "+r"(a0), "+r"(a1)
	    : "r"(a2), "r"(a6), "r"(a7)
	    : "memory");
	r.error = (long)a0;
	r.value = (long)a1;
	return r;
}

void
sbi_console_putchar(int c)
{
	sbi_ecall(SBI_EXT_LEGACY_PUTCHAR, 0, (unsigned long)c, 0, 0);
}

int
sbi_console_getchar(void)
{
	return (int)sbi_ecall(SBI_EXT_LEGACY_GETCHAR, 0, 0, 0, 0).error;
}

void
sbi_set_timer(uint64_t deadline)
{
	sbi_ecall(SBI_EXT_TIME, 0, deadline, 0, 0);
}

long
sbi_send_ipi(unsigned long hart_mask, unsigned long hart_mask_base)
{
	return sbi_ecall(SBI_EXT_IPI, 0, hart_mask, hart_mask_base, 0).error;
}

long
sbi_hart_start(unsigned long hartid, paddr_t start, unsigned long opaque)
{
	return sbi_ecall(SBI_EXT_HSM, 0, hartid, start, opaque).error;
}

long
sbi_hart_stop(void)
{
	return sbi_ecall(SBI_EXT_HSM, 1, 0, 0, 0).error;
}

long
sbi_hart_status(unsigned long hartid)
{
	struct sbiret r = sbi_ecall(SBI_EXT_HSM, 2, hartid, 0, 0);

	return r.error ? r.error : r.value;
}

const char *
sbi_error_name(long err)
{
	static const char *const names[] = {
		"SUCCESS", "FAILED", "NOT_SUPPORTED", "INVALID_PARAM", "DENIED",
		"INVALID_ADDRESS", "ALREADY_AVAILABLE", "ALREADY_STARTED",
		"ALREADY_STOPPED",
	};

	if (err > 0 || -err >= (long)ARRAY_SIZE(names))
		return "?";
	return names[-err];
}

const char *
sbi_hsm_state_name(long state)
{
	static const char *const names[] = {
		"STARTED", "STOPPED", "START_PENDING", "STOP_PENDING",
		"SUSPENDED", "SUSPEND_PENDING", "RESUME_PENDING",
	};

	if (state < 0 || state >= (long)ARRAY_SIZE(names))
		return "?";
	return names[state];
}

void
sbi_shutdown(bool failure)
{
	sbi_ecall(SBI_EXT_SRST, 0, SBI_SRST_SHUTDOWN,
	    failure ? SBI_SRST_REASON_FAILURE : SBI_SRST_REASON_NONE, 0);
	/* SRST missing or refused: the legacy shutdown, then spin */
	sbi_ecall(0x08, 0, 0, 0, 0);
	for (;;)
		__asm__ volatile("wfi");
}
