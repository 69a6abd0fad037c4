/*
 * sdk/lib/libsys/thread.c - rvmach_thread_start: a thread that can use libc.
 *
 * The raw rvmach_thread_create trap enters pc with sp and a0 and every
 * other register zero.  C code also needs gp (linker relaxation) and tp
 * (picolibc's errno is thread-local), so a new thread starts in
 * __rvmach_thread_entry (thread_entry.S) with a0 pointing at a
 * struct thread_start near the top of its stack:
 *
 *	stack + size ->	+------------------------+
 *			| TLS block (_init_tls)  |  <- tp
 *			+------------------------+
 *			| struct thread_start    |  <- sp, a0
 *			+------------------------+
 *			| fn's frames ...        |
 *	stack ->	+------------------------+
 */
#include <picolibc.h>	/* PICOLIBC_TLS, which <picotls.h> tests */
#include <picotls.h>
#include <stdint.h>

#include <mach/riscv/trap.h>
#include <mach/rvmach_debug.h>
#include <mach/syscall_sw.h>

/* read by thread_entry.S: keep the offsets in step */
struct thread_start {
	void	(*fn)(void *);		/* 0 */
	void	*arg;			/* 8 */
	void	*tls;			/* 16 */
};
_Static_assert(sizeof(struct thread_start) == 24, "thread_entry.S offsets");

#define THREAD_STACK_MIN	4096	/* TLS, the record, and a few frames */
#define STACK_ALIGN		16	/* psABI */

void	__rvmach_thread_entry(void);

kern_return_t
rvmach_thread_start(void (*fn)(void *), void *arg, void *stack, size_t size)
{
	uintptr_t lo = (uintptr_t)stack, top = lo + size, tls, rec;
	size_t align = _tls_align() > STACK_ALIGN ? _tls_align() : STACK_ALIGN;
	struct thread_start *ts;

	if (fn == NULL || stack == NULL || size < THREAD_STACK_MIN || top < lo)
		return KERN_INVALID_ARGUMENT;
	tls = (top - _tls_size()) & ~(uintptr_t)(align - 1);
	rec = (tls - sizeof(*ts)) & ~(uintptr_t)(STACK_ALIGN - 1);
	if (rec < lo + THREAD_STACK_MIN / 2)
		return KERN_INVALID_ARGUMENT;
	_init_tls((void *)tls);
	ts = (struct thread_start *)rec;
	ts->fn = fn;
	ts->arg = arg;
	ts->tls = (void *)tls;
	return (kern_return_t)rvmach_trap3(RVMACH_TRAP_thread_create,
	    (long)(uintptr_t)__rvmach_thread_entry, (long)rec, (long)rec);
}
