/*
 * arch/riscv/rtc.c - the real-time clock, when the DTB has one the
 * kernel can read: goldfish's (QEMU virt), nanoseconds since the epoch
 * (UTC) in two 32-bit registers; reading the low one latches the high
 * one.  The machine-independent calendar reads it once at boot
 * (task/task_clock.c).
 */
#include <machine/clock.h>
#include "arch/riscv/platform.h"
#include "arch/riscv/riscv.h"

#define GOLDFISH_TIME_LOW	0x00
#define GOLDFISH_TIME_HIGH	0x04

static vaddr_t rtc_va;			/* [c] after rtc_init; 0: none */

void
rtc_init(void)
{
	if (platform.rtc_base == 0 || platform.rtc_size < GOLDFISH_TIME_HIGH + 4)
		return;
	rtc_va = kio_map(platform.rtc_base, platform.rtc_size);
}

bool
machine_rtc_read(uint64_t *ns)
{
	uint32_t lo, hi;

	if (rtc_va == 0)
		return false;
	lo = *(volatile uint32_t *)(rtc_va + GOLDFISH_TIME_LOW);
	hi = *(volatile uint32_t *)(rtc_va + GOLDFISH_TIME_HIGH);
	*ns = (uint64_t)hi << 32 | lo;
	return true;
}
