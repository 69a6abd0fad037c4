/*
 * <mach/vm_statistics.h> - vm_allocate flags (XNU's values; the ones
 * rvmach takes) and what host_statistics reports of the VM (XNU's
 * layouts; docs/abi.md says which fields rvmach counts).
 */
#ifndef _MACH_VM_STATISTICS_H_
#define _MACH_VM_STATISTICS_H_

#include <stdint.h>
#include <mach/riscv/vm_types.h>

/* host_statistics(HOST_VM_INFO): rev0 is the first 12 fields, rev1 14 */
struct vm_statistics {
	natural_t	free_count;	/* pages free */
	natural_t	active_count;	/* pages in use by tasks' memory */
	natural_t	inactive_count;	/* pages not recently used (none: no pageout) */
	natural_t	wire_count;	/* pages the kernel holds */
	natural_t	zero_fill_count; /* pages made by demand zero */
	natural_t	reactivations;
	natural_t	pageins;
	natural_t	pageouts;
	natural_t	faults;		/* faults resolved */
	natural_t	cow_faults;	/* pages copied by a write */
	natural_t	lookups;
	natural_t	hits;
	natural_t	purgeable_count; /* rev1 */
	natural_t	purges;
	natural_t	speculative_count; /* rev2 */
};
typedef struct vm_statistics	*vm_statistics_t;
typedef struct vm_statistics	vm_statistics_data_t;

/* host_statistics64(HOST_VM_INFO64): rev0 is all but the last 14 integers */
struct vm_statistics64 {
	natural_t	free_count;
	natural_t	active_count;
	natural_t	inactive_count;
	natural_t	wire_count;
	uint64_t	zero_fill_count;
	uint64_t	reactivations;
	uint64_t	pageins;
	uint64_t	pageouts;
	uint64_t	faults;
	uint64_t	cow_faults;
	uint64_t	lookups;
	uint64_t	hits;
	uint64_t	purges;
	natural_t	purgeable_count;
	natural_t	speculative_count;
	uint64_t	decompressions;	/* rev1 */
	uint64_t	compressions;
	uint64_t	swapins;
	uint64_t	swapouts;
	natural_t	compressor_page_count;
	natural_t	throttled_count;
	natural_t	external_page_count;
	natural_t	internal_page_count;
	uint64_t	total_uncompressed_pages_in_compressor;
} __attribute__((aligned(8)));
typedef struct vm_statistics64	*vm_statistics64_t;
typedef struct vm_statistics64	vm_statistics64_data_t;

/* a 64-bit count in a 32-bit field: pegged at UINT32_MAX */
#define VM_STATISTICS_TRUNCATE_TO_32_BIT(value) \
	((uint32_t)(((value) > UINT32_MAX) ? UINT32_MAX : (value)))

#define VM_FLAGS_FIXED		0x0000
#define VM_FLAGS_ANYWHERE	0x0001
#define VM_FLAGS_OVERWRITE	0x4000	/* with FIXED: replace what is there */
#define VM_FLAGS_RETURN_DATA_ADDR 0x100000 /* mach_vm_remap: the address of the data, not its page */

/* mach_vm_page_query's disposition (XNU's values; docs/abi.md says which rvmach sets) */
typedef int32_t vm_page_disposition_t;
#define VM_PAGE_QUERY_PAGE_PRESENT	0x001
#define VM_PAGE_QUERY_PAGE_FICTITIOUS	0x002
#define VM_PAGE_QUERY_PAGE_REF		0x004
#define VM_PAGE_QUERY_PAGE_DIRTY	0x008
#define VM_PAGE_QUERY_PAGE_PAGED_OUT	0x010
#define VM_PAGE_QUERY_PAGE_COPIED	0x020
#define VM_PAGE_QUERY_PAGE_SPECULATIVE	0x040
#define VM_PAGE_QUERY_PAGE_EXTERNAL	0x080
#define VM_PAGE_QUERY_PAGE_CS_VALIDATED	0x100
#define VM_PAGE_QUERY_PAGE_CS_TAINTED	0x200
#define VM_PAGE_QUERY_PAGE_CS_NX	0x400
#define VM_PAGE_QUERY_PAGE_REUSABLE	0x800

#endif /* _MACH_VM_STATISTICS_H_ */
