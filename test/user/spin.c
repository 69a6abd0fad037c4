/*
 * test/user/spin.c - compute without trapping for several timer ticks.
 *
 * The loop makes no trap, so only timer preemption can take the hart
 * away; the kernel side checks that it did (the thread's involuntary
 * switch count).  Two runs of SPIN_ROUNDS xorshift steps, about seven
 * instructions each, are some 5.6e8 instructions.  QEMU without -icount
 * runs a loop like this at one to three instructions a nanosecond, so
 * that is 190 ms or more: nine 20 ms quanta at least (with 1.4e8, the
 * kernel test saw three to five switches and once only two).  The
 * second run is split into halves and must agree with the first, so the
 * work cannot be optimized away.
 */
#include <stdint.h>

#include "ktap.h"

#define SPIN_ROUNDS	40000000u

static uint64_t
xorshift(uint64_t x, uint32_t rounds)
{
	for (uint32_t i = 0; i < rounds; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		__asm__ volatile("" : "+r"(x));		/* one step at a time */
	}
	return x;
}

int
main(void)
{
	uint64_t a, b;

	ktap_plan("spin", 1);
	ktap_diag("spin: %u rounds", SPIN_ROUNDS);
	fflush(stdout);
	a = xorshift(0x9e3779b97f4a7c15ull, SPIN_ROUNDS);
	b = xorshift(xorshift(0x9e3779b97f4a7c15ull, SPIN_ROUNDS / 2),
	    SPIN_ROUNDS - SPIN_ROUNDS / 2);
	if (a != b)
		ktap_diag("%#llx != %#llx", (unsigned long long)a,
		    (unsigned long long)b);
	ktap_ok(a == b && a != 0, "spin_%u", SPIN_ROUNDS);
	return ktap_done();
}
