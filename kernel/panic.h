/*
 * kernel/panic.h - stopping the machine on a broken invariant.
 *
 * panic() is for broken kernel invariants only: anything a user or an
 * exhausted resource can cause returns an error instead.  It stops every
 * other hart by IPI, prints the cause, the hart, the registers of the
 * innermost trap (if any) and a symbolized backtrace, then powers off with
 * a failure status.
 */
#ifndef KERNEL_PANIC_H
#define KERNEL_PANIC_H

#include "kernel/lib/types.h"

struct trapframe;

void panic(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));
/* panic_trap - panic with the registers of trap frame tf */
void panic_trap(struct trapframe *tf, const char *fmt, ...)
    __attribute__((noreturn, format(printf, 2, 3)));

#define KASSERT(c) do {							\
	if (unlikely(!(c)))						\
		panic("%s: assertion \"%s\" failed (%s:%d)",		\
		    __func__, #c, __FILE__, __LINE__);			\
} while (0)

/* costly or hot-path checks: debug builds only (RVMACH_DEBUG) */
#ifdef RVMACH_DEBUG
#define KASSERT_DEBUG(c)	KASSERT(c)
#else
#define KASSERT_DEBUG(c)	((void)0)
#endif

#define KASSERT_EQ(a, b) do {						\
	uint64_t _a = (uint64_t)(a), _b = (uint64_t)(b);		\
	if (unlikely(_a != _b))						\
		panic("%s: %s == %s failed: %#lx != %#lx (%s:%d)",	\
		    __func__, #a, #b, (unsigned long)_a,		\
		    (unsigned long)_b, __FILE__, __LINE__);		\
} while (0)

#endif /* KERNEL_PANIC_H */
