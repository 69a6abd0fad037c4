/*
 * <mach/host_info.h> - what host_info reports (<mach/mach_host.h>): XNU's
 * flavors, counts and layouts.  rvmach answers HOST_BASIC_INFO
 * (docs/abi.md).  Freestanding: the kernel fills it in.
 */
#ifndef _MACH_HOST_INFO_H_
#define _MACH_HOST_INFO_H_

#include <stdint.h>

#include <mach/machine.h>
#include <mach/message.h>

typedef integer_t	host_flavor_t;
typedef integer_t	*host_info_t;		/* a variable-sized array */

#define HOST_INFO_MAX		(1024)		/* the largest info, in integer_t */
typedef integer_t	host_info_data_t[HOST_INFO_MAX];

#define HOST_BASIC_INFO		1	/* the machine */
#define HOST_SCHED_INFO		3	/* (not answered by rvmach) */
#define HOST_RESOURCE_SIZES	4
#define HOST_PRIORITY_INFO	5
#define HOST_SEMAPHORE_TRAPS	7
#define HOST_MACH_MSG_TRAP	8
#define HOST_VM_PURGABLE	9
#define HOST_DEBUG_INFO_INTERNAL 10
#define HOST_CAN_HAS_DEBUGGER	11
#define HOST_PREFERRED_USER_ARCH 12

/* the first five fields: what a caller with a short buffer gets */
struct host_basic_info_old {
	integer_t	max_cpus;
	integer_t	avail_cpus;
	natural_t	memory_size;
	cpu_type_t	cpu_type;
	cpu_subtype_t	cpu_subtype;
};
typedef struct host_basic_info_old	host_basic_info_data_old_t;
typedef struct host_basic_info_old	*host_basic_info_old_t;
#define HOST_BASIC_INFO_OLD_COUNT ((mach_msg_type_number_t) \
	(sizeof(host_basic_info_data_old_t) / sizeof(integer_t)))

#pragma pack(push, 4)
struct host_basic_info {
	integer_t	max_cpus;	/* processors the machine has */
	integer_t	avail_cpus;	/* processors running now */
	natural_t	memory_size;	/* bytes of memory, capped at 2 GiB */
	cpu_type_t	cpu_type;
	cpu_subtype_t	cpu_subtype;
	cpu_threadtype_t cpu_threadtype;
	integer_t	physical_cpu;	/* physical processors running now */
	integer_t	physical_cpu_max; /* physical processors the machine has */
	integer_t	logical_cpu;	/* logical processors running now */
	integer_t	logical_cpu_max; /* logical processors the machine has */
	uint64_t	max_mem;	/* bytes of memory */
};
#pragma pack(pop)
typedef struct host_basic_info	host_basic_info_data_t;
typedef struct host_basic_info	*host_basic_info_t;
#define HOST_BASIC_INFO_COUNT ((mach_msg_type_number_t) \
	(sizeof(host_basic_info_data_t) / sizeof(integer_t)))

#endif /* _MACH_HOST_INFO_H_ */
