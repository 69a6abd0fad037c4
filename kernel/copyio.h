/*
 * kernel/copyio.h - moving data between the kernel and the current
 * thread's user address space.
 *
 * Each rejects a range that wraps around or ends past the user limit
 * (kernel addresses included) without touching it, resolves page faults
 * through the VM (demand zero, copy-on-write) and returns
 * KERN_INVALID_ADDRESS for a fault the VM cannot resolve.  The user range
 * is reachable (sstatus.SUM) only for the duration of the copy.
 */
#ifndef KERNEL_COPYIO_H
#define KERNEL_COPYIO_H

#include <mach/kern_return.h>
#include "kernel/lib/types.h"

kern_return_t copyin(vaddr_t uaddr, void *kaddr, size_t len);
kern_return_t copyout(const void *kaddr, vaddr_t uaddr, size_t len);
/*
 * copyout_nofault - copyout that fails on any fault instead of asking the
 * VM (a page not there, or not writable yet: copy-on-write, not dirty),
 * for a caller that must not sleep (interrupts off, or on another
 * thread's stack); the copy may have written part of the buffer
 */
kern_return_t copyout_nofault(const void *kaddr, vaddr_t uaddr, size_t len);
/* copyout_u32 - copyout of one 32-bit value (a name), cheaper when aligned */
kern_return_t copyout_u32(uint32_t value, vaddr_t uaddr);
/*
 * copyinstr - a NUL-terminated string of at most max bytes (NUL
 * included); *done gets its length with the NUL.  KERN_RESOURCE_SHORTAGE
 * if no NUL within max.
 */
kern_return_t copyinstr(vaddr_t uaddr, char *kaddr, size_t max, size_t *done);

#endif /* KERNEL_COPYIO_H */
