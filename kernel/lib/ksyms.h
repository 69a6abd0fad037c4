/*
 * kernel/lib/ksyms.h - the kernel's own symbol table, for backtraces.
 *
 * The table is generated from the first link of the kernel (tools/mksyms.py)
 * and linked into the second, after the read-only data, so no function
 * moves between the two links.
 */
#ifndef KERNEL_LIB_KSYMS_H
#define KERNEL_LIB_KSYMS_H

#include "kernel/lib/types.h"

/* ksym_lookup - the function containing addr and the offset into it, or NULL */
const char *ksym_lookup(uint64_t addr, uint64_t *offset);
uint64_t ksym_count(void);

#endif /* KERNEL_LIB_KSYMS_H */
