/*
 * test/user/fpu.c - floating-point state survives traps that switch threads.
 *
 * The kernel keeps per-thread FPU state (f0-f31, fcsr).  Each round loads
 * all 32 registers and fcsr with known values, yields in the same asm
 * block (thread_switch or swtch_pri, so other threads, perhaps using the
 * FPU, run in between), then stores them back and compares bit for bit.
 * A C computation in doubles, yielding as it goes, must give the same
 * result as the same computation without yields.
 */
#include <stdint.h>
#include <string.h>

#include <mach/mach_traps.h>
#include <mach/riscv/trap.h>
#include <mach/syscall_sw.h>

#include "ktap.h"

#define FPU_ROUNDS	200
#define FCSR_TEST	((1u << 5) | 0x15u)	/* frm = RTZ; NV, OF, NX set */

#define FLD(n)	"fld f" #n ", " #n "*8(%[in])\n\t"
#define FSD(n)	"fsd f" #n ", " #n "*8(%[out])\n\t"
#define ALL8(M, b)	M(b##0) M(b##1) M(b##2) M(b##3) M(b##4) M(b##5) M(b##6) M(b##7)
#define ALL32(M)	M(0) M(1) M(2) M(3) M(4) M(5) M(6) M(7) M(8) M(9) \
	ALL8(M, 1) M(18) M(19) ALL8(M, 2) M(28) M(29) M(30) M(31)
#define FCLOBBER \
	"f0", "f1", "f2", "f3", "f4", "f5", "f6", "f7", "f8", "f9", "f10", \
	"f11", "f12", "f13", "f14", "f15", "f16", "f17", "f18", "f19", "f20", \
	"f21", "f22", "f23", "f24", "f25", "f26", "f27", "f28", "f29", "f30", \
	"f31"

struct fpu_regs {
	uint64_t	f[32];
	uint32_t	fcsr;
};

/*
 * Load in->f[] and in->fcsr, make trap n(a0, a1, a2), store into out.
 * Nothing but the asm touches the FPU between the loads and the stores.
 */
static void
fpu_trap_roundtrip(long n, long a0, long a1, long a2,
    const struct fpu_regs *in, struct fpu_regs *out, long spin)
{
	register long r0 __asm__("a0") = a0;
	register long r1 __asm__("a1") = a1;
	register long r2 __asm__("a2") = a2;
	register long r7 __asm__("a7") = n;
	unsigned long fcsr_out;

	__asm__ volatile(
	    "fscsr %[fcsr_in]\n\t"
	    ALL32(FLD)
	    /* spin without FP (timer interrupts come and go), then trap */
	    "mv t0, %[spin]\n\t"
	    "1: beqz t0, 2f\n\t"
	    "addi t0, t0, -1\n\t"
	    "j 1b\n"
	    "2: ecall\n\t"
	    ALL32(FSD)
	    "frcsr %[fcsr_out]\n\t"
	    "fscsr x0\n\t"		/* back to round-to-nearest for C */
	    : "+r"(r0), [fcsr_out] "=&r"(fcsr_out)
	    : [in] "r"(in->f), [out] "r"(out->f),
	      [fcsr_in] "r"((unsigned long)in->fcsr), "r"(r1), "r"(r2), "r"(r7),
	      [spin] "r"(spin)
	    : "memory", "t0", FCLOBBER);
	out->fcsr = (uint32_t)fcsr_out;
}

static void
fpu_fill(struct fpu_regs *r, uint32_t round)
{
	for (int i = 0; i < 32; i++) {
		double d = (double)(round + 1) * 1.25 + (double)i / 1024.0;

		memcpy(&r->f[i], &d, sizeof(d));
	}
	r->f[round % 32] = 0x7ff8dead0000beefull;	/* a NaN payload too */
	r->fcsr = FCSR_TEST ^ (round & 1);		/* NX toggles */
}

/* rounds of the trap; counts registers and fcsr values that changed */
static int
fpu_check_trap(long n, long a0, long a1, long a2, int *fcsr_bad, long spin,
    uint32_t rounds)
{
	struct fpu_regs in, out;
	int bad = 0;

	for (uint32_t round = 0; round < rounds; round++) {
		fpu_fill(&in, round);
		memset(&out, 0, sizeof(out));
		fpu_trap_roundtrip(n, a0, a1, a2, &in, &out, spin);
		for (int i = 0; i < 32; i++) {
			if (in.f[i] != out.f[i]) {
				if (bad++ < 4)
					ktap_diag("round %u: f%d %#llx became %#llx",
					    round, i, (unsigned long long)in.f[i],
					    (unsigned long long)out.f[i]);
			}
		}
		if (in.fcsr != out.fcsr) {
			if ((*fcsr_bad)++ < 4)
				ktap_diag("round %u: fcsr %#x became %#x", round,
				    in.fcsr, out.fcsr);
		}
	}
	return bad;
}

/* doubles kept in registers across calls; yield every 64 steps if asked */
static double
fpu_work(int yield)
{
	static volatile double seed = 0.5;	/* computed at run time */
	double x = seed, sum = 0.0, prod = 1.0;

	for (int i = 1; i <= 4096; i++) {
		x = x * 3.7 * (1.0 - x);		/* logistic map: chaotic */
		sum += x / (double)i;
		prod *= 1.0 + x / 4096.0;
		if (yield && (i & 63) == 0)
			swtch_pri(0);
	}
	return sum * prod;
}

int
main(void)
{
	int fcsr_bad = 0;
	double plain, yielding;

	ktap_plan("fpu", 5);
	ktap_ok(fpu_check_trap(MACH_TRAP_thread_switch, MACH_PORT_NULL,
	    SWITCH_OPTION_NONE, 0, &fcsr_bad, 0, FPU_ROUNDS) == 0,
	    "regs_across_thread_switch");
	ktap_ok(fpu_check_trap(MACH_TRAP_swtch_pri, 0, 0, 0, &fcsr_bad, 0,
	    FPU_ROUNDS) == 0, "regs_across_swtch_pri");
	/*
	 * dirty registers, then timer interrupts with no FP work, then a
	 * switch: the interrupts' way back must keep them dirty, or the
	 * switch does not save them (a bug once, seen with two FP tasks)
	 */
	ktap_ok(fpu_check_trap(MACH_TRAP_swtch_pri, 0, 0, 0, &fcsr_bad,
	    3000000, 6) == 0, "regs_across_interrupts_then_switch");
	ktap_ok(fcsr_bad == 0, "fcsr_survives");
	plain = fpu_work(0);
	yielding = fpu_work(1);
	if (plain != yielding)
		ktap_diag("%.17g without yields, %.17g with", plain, yielding);
	ktap_ok(plain == yielding, "work_across_yields");
	return ktap_done();
}
