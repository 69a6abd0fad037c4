/*
 * kernel/lib/types.h - basic kernel types and helper macros.
 *
 * Freestanding: only the compiler's own <stdint.h>, <stddef.h>, <stdbool.h>
 * and <stdarg.h> are used.  Host builds (test/host, tools/) include this too.
 */
#ifndef KERNEL_LIB_TYPES_H
#define KERNEL_LIB_TYPES_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint64_t paddr_t;	/* physical address */
typedef uint64_t vaddr_t;	/* kernel virtual address */

#ifndef __always_inline		/* the host libc has its own (host tests) */
#define __always_inline	inline __attribute__((always_inline))
#define __noinline	__attribute__((noinline))
#endif
#define __unused	__attribute__((unused))
#define __packed	__attribute__((packed))
#define __aligned(x)	__attribute__((aligned(x)))
#define __noreturn	__attribute__((noreturn))
#define __printflike(f, a) __attribute__((format(printf, f, a)))
#define __section(s)	__attribute__((section(s)))
#define __used		__attribute__((used))

#define likely(x)	__builtin_expect(!!(x), 1)
#define unlikely(x)	__builtin_expect(!!(x), 0)

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define MIN(a, b)	((a) < (b) ? (a) : (b))
#define MAX(a, b)	((a) > (b) ? (a) : (b))
#define ROUNDUP(x, a)	(((x) + ((a) - 1)) & ~((__typeof__(x))(a) - 1))
#define ROUNDDOWN(x, a)	((x) & ~((__typeof__(x))(a) - 1))
#define IS_ALIGNED(x, a) (((x) & ((a) - 1)) == 0)

#define containerof(ptr, type, member) \
	((type *)((char *)(ptr) - offsetof(type, member)))

#define STATIC_ASSERT(c, msg) _Static_assert(c, msg)

/* debug builds (RVMACH_DEBUG): costly checks, as a constant, not an #ifdef */
#ifdef RVMACH_DEBUG
#define KDEBUG	1
#else
#define KDEBUG	0
#endif

#define KiB(x)	((uint64_t)(x) << 10)
#define MiB(x)	((uint64_t)(x) << 20)
#define GiB(x)	((uint64_t)(x) << 30)

#endif /* KERNEL_LIB_TYPES_H */
