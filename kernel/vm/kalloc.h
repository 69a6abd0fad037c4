/*
 * kernel/vm/kalloc.h - variable-size kernel allocations.
 *
 * For buffers whose size is known only at run time (IPC messages, name
 * tables): sizes up to KALLOC_MAX_ZONE come from power-of-two zones
 * ("kalloc.64" .. "kalloc.2048"), larger ones from contiguous pages of the
 * direct map.  The caller passes the size back to kfree, as in Mach's
 * kfree(addr, size).  Exhaustion returns NULL.
 */
#ifndef KERNEL_VM_KALLOC_H
#define KERNEL_VM_KALLOC_H

#include "kernel/lib/types.h"

#define KALLOC_MIN_ZONE		64
#define KALLOC_MAX_ZONE		2048
#define KALLOC_MAX		(4ul << 20)	/* the largest allocation */

void	kalloc_bootstrap(void);
/* size bytes (0 < size <= KALLOC_MAX), 8-byte aligned; NULL if none */
void	*kalloc(size_t size);
void	*kalloc_zero(size_t size);		/* the same, zeroed */
void	kfree(void *addr, size_t size);		/* size as given to kalloc */
/* bytes kalloc has handed out and not yet had back (for leak checks) */
uint64_t kalloc_bytes_in_use(void);

#endif /* KERNEL_VM_KALLOC_H */
