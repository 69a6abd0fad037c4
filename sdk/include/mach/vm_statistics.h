/*
 * <mach/vm_statistics.h> - vm_allocate flags (XNU's values; the ones
 * rvmach takes).
 */
#ifndef _MACH_VM_STATISTICS_H_
#define _MACH_VM_STATISTICS_H_

#define VM_FLAGS_FIXED		0x0000
#define VM_FLAGS_ANYWHERE	0x0001
#define VM_FLAGS_OVERWRITE	0x4000	/* with FIXED: replace what is there */
#define VM_FLAGS_RETURN_DATA_ADDR 0x100000 /* mach_vm_remap: the address of the data, not its page */

#endif /* _MACH_VM_STATISTICS_H_ */
