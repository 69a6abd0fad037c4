/*
 * <mach/riscv/trap.h> - issue a trap (user side only).
 *
 * `ecall` with the trap number in a7 and arguments in a0..a6; the result
 * comes back in a0 and the kernel preserves every other register, integer
 * and floating point, so the only clobbers are a0 and memory.  Numbers are
 * in <mach/syscall_sw.h>; docs/abi.md is the contract.
 *
 * The kernel does not include this header (it has its own trap entry).
 */
#ifndef _MACH_RISCV_TRAP_H_
#define _MACH_RISCV_TRAP_H_

/* rvmach_trap(n, a0, ..., a6): any trap, up to seven arguments */
static inline long
rvmach_trap(long n, long a0, long a1, long a2, long a3, long a4, long a5,
    long a6)
{
	register long r0 __asm__("a0") = a0;
	register long r1 __asm__("a1") = a1;
	register long r2 __asm__("a2") = a2;
	register long r3 __asm__("a3") = a3;
	register long r4 __asm__("a4") = a4;
	register long r5 __asm__("a5") = a5;
	register long r6 __asm__("a6") = a6;
	register long r7 __asm__("a7") = n;

	__asm__ volatile("ecall"
	    : "+r"(r0)
	    : "r"(r1), "r"(r2), "r"(r3), "r"(r4), "r"(r5), "r"(r6), "r"(r7)
	    : "memory");
	return r0;
}

/* the short forms load only the registers they use */
static inline long
rvmach_trap0(long n)
{
	register long r0 __asm__("a0");
	register long r7 __asm__("a7") = n;

	__asm__ volatile("ecall" : "=r"(r0) : "r"(r7) : "memory");
	return r0;
}

static inline long
rvmach_trap1(long n, long a0)
{
	register long r0 __asm__("a0") = a0;
	register long r7 __asm__("a7") = n;

	__asm__ volatile("ecall" : "+r"(r0) : "r"(r7) : "memory");
	return r0;
}

static inline long
rvmach_trap2(long n, long a0, long a1)
{
	register long r0 __asm__("a0") = a0;
	register long r1 __asm__("a1") = a1;
	register long r7 __asm__("a7") = n;

	__asm__ volatile("ecall" : "+r"(r0) : "r"(r1), "r"(r7) : "memory");
	return r0;
}

static inline long
rvmach_trap3(long n, long a0, long a1, long a2)
{
	register long r0 __asm__("a0") = a0;
	register long r1 __asm__("a1") = a1;
	register long r2 __asm__("a2") = a2;
	register long r7 __asm__("a7") = n;

	__asm__ volatile("ecall"
	    : "+r"(r0) : "r"(r1), "r"(r2), "r"(r7) : "memory");
	return r0;
}

#endif /* _MACH_RISCV_TRAP_H_ */
