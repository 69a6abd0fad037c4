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
/*
 * USERTRAP_SREGS(fn) - a table entry for fn whose calls that send and
 * receive (a1's two low bits, MACH_SEND_MSG | MACH_RCV_MSG, both set) get
 * s0-s11 saved into the user frame as well: mach_msg's, whose fast path
 * may send a thread back to user mode from its frame alone (docs/ipc.md,
 * "Direct delivery").  The tag is the entry's low bit (functions are at
 * least 2-byte aligned); trap entry clears it.
 */
#define USERTRAP_SREGS(fn)	((usertrap_fn)(void *)((char *)(void *)(fn) + 1))

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
