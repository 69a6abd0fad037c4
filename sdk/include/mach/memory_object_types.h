/*
 * <mach/memory_object_types.h> - the types and flags of named memory
 * entries (mach_make_memory_entry_64, mach_vm_map): XNU's names and
 * values.  rvmach takes MAP_MEM_NAMED_CREATE, MAP_MEM_VM_COPY and
 * MAP_MEM_VM_SHARE; the others are names and values only (docs/abi.md).
 * Freestanding.
 */
#ifndef _MACH_MEMORY_OBJECT_TYPES_H_
#define _MACH_MEMORY_OBJECT_TYPES_H_

#include <stdint.h>

#include <mach/port.h>
#include <mach/vm_types.h>	/* memory_object_offset_t */

typedef uint64_t		memory_object_size_t;
typedef mach_port_t		mem_entry_name_port_t;

/* a cache mode in the top byte of the permission (not taken by rvmach) */
#define MAP_MEM_NOOP		0
#define MAP_MEM_COPYBACK	1
#define MAP_MEM_IO		2
#define MAP_MEM_WTHRU		3
#define MAP_MEM_WCOMB		4
#define MAP_MEM_INNERWBACK	5
#define GET_MAP_MEM(flags) \
	((((unsigned int)(flags)) >> 24) & 0xFF)
#define SET_MAP_MEM(caching, flags) \
	((flags) = ((((unsigned int)(caching)) << 24) & 0xFF000000) | \
	((flags) & 0xFFFFFF))

/* the permission's flags, above its VM_PROT_* bits */
#define MAP_MEM_LEDGER_TAGGED		0x002000
#define MAP_MEM_PURGABLE_KERNEL_ONLY	0x004000
#define MAP_MEM_GRAB_SECLUDED		0x008000
#define MAP_MEM_ONLY		0x010000	/* change caching only */
#define MAP_MEM_NAMED_CREATE	0x020000	/* new memory, not a range's */
#define MAP_MEM_PURGABLE	0x040000
#define MAP_MEM_NAMED_REUSE	0x080000
#define MAP_MEM_USE_DATA_ADDR	0x100000
#define MAP_MEM_VM_COPY		0x200000	/* a copy of the range */
#define MAP_MEM_VM_SHARE	0x400000	/* the range itself (the default) */
#define MAP_MEM_4K_DATA_ADDR	0x800000

#endif /* _MACH_MEMORY_OBJECT_TYPES_H_ */
