/*
 * kernel/usertrap.h - what happens to traps from user mode.
 *
 * The machine layer decodes a trap from user mode and calls these
 * operations, which the task layer (task/) registers at boot: the Mach
 * core below it never calls up into it by name.
 */
#ifndef KERNEL_USERTRAP_H
#define KERNEL_USERTRAP_H

#include <mach/kern_return.h>
#include <mach/vm_prot.h>
#include "kernel/lib/types.h"

#define USERTRAP_NARGS	7		/* a0..a6 */

/*
 * A trap (ecall) with number n (a7 = n < 0) runs table[-n](args), args
 * being a0..a6; the result goes to a0.  A missing entry, or a number
 * outside the table, returns KERN_INVALID_ARGUMENT (Mach's kern_invalid).
 * The handler runs with interrupts on and may block.
 */
#define USERTRAP_TABLE_SIZE	256	/* TRAP_TABLE_SIZE in <machine/trap.h> */
typedef uint64_t (*usertrap_fn)(const uint64_t args[USERTRAP_NARGS]);
struct usertrap_ops {
	const usertrap_fn *table;	/* USERTRAP_TABLE_SIZE entries */
	/* a user page fault (or a copyin/copyout fault) at addr: KERN_SUCCESS: retry */
	kern_return_t (*fault)(vaddr_t addr, vm_prot_t access);
	/* an exception nothing resolved: EXC_*, code, subcode (<mach/exception_types.h>) */
	void (*exception)(int exc, int64_t code, int64_t subcode, uint64_t pc);
	/* on the way back to user mode with AST bits set; interrupts on */
	void (*ast)(uint32_t ast);
};

/* usertrap_register - set the operations (boot, once, before any user thread) */
void usertrap_register(const struct usertrap_ops *ops);
extern const struct usertrap_ops *usertrap_ops;

#endif /* KERNEL_USERTRAP_H */
