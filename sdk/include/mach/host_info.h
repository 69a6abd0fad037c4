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
#include <mach/vm_statistics.h>

typedef integer_t	host_flavor_t;
typedef integer_t	*host_info_t;		/* a variable-sized array */

#define HOST_INFO_MAX		(1024)		/* the largest info, in integer_t */
typedef integer_t	host_info_data_t[HOST_INFO_MAX];
typedef integer_t	*host_info64_t;		/* host_statistics64's */
#define HOST_INFO64_MAX		(256)
typedef integer_t	host_info64_data_t[HOST_INFO64_MAX];

/* host_kernel_version's string: NUL-terminated */
#define KERNEL_VERSION_MAX	(512)
typedef char	kernel_version_t[KERNEL_VERSION_MAX];

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

/* host_statistics() */
#define HOST_LOAD_INFO		1	/* load averages */
#define HOST_VM_INFO		2	/* VM counts (struct vm_statistics) */
#define HOST_CPU_LOAD_INFO	3	/* clock ticks by CPU state */
/* host_statistics64() */
#define HOST_VM_INFO64		4	/* struct vm_statistics64 */
#define HOST_EXTMOD_INFO64	5	/* (not answered by rvmach) */
#define HOST_EXPIRED_TASK_INFO	6	/* (not answered by rvmach) */

#ifndef LOAD_SCALE
#define LOAD_SCALE		1000	/* avenrun and mach_factor: 1.0 */
#endif

struct host_load_info {
	integer_t	avenrun[3];	/* 5, 30, 60 s averages, LOAD_SCALE */
	integer_t	mach_factor[3];	/* likewise */
};
typedef struct host_load_info	host_load_info_data_t;
typedef struct host_load_info	*host_load_info_t;
#define HOST_LOAD_INFO_COUNT ((mach_msg_type_number_t) \
	(sizeof(host_load_info_data_t) / sizeof(integer_t)))

struct host_cpu_load_info {		/* clock ticks every hart spent... */
	natural_t	cpu_ticks[CPU_STATE_MAX]; /* ... in each state */
};
typedef struct host_cpu_load_info	host_cpu_load_info_data_t;
typedef struct host_cpu_load_info	*host_cpu_load_info_t;
#define HOST_CPU_LOAD_INFO_COUNT ((mach_msg_type_number_t) \
	(sizeof(host_cpu_load_info_data_t) / sizeof(integer_t)))

#define HOST_VM_INFO64_COUNT ((mach_msg_type_number_t) \
	(sizeof(vm_statistics64_data_t) / sizeof(integer_t)))
#define HOST_VM_INFO64_LATEST_COUNT	HOST_VM_INFO64_COUNT
#define HOST_VM_INFO64_REV1_COUNT	HOST_VM_INFO64_LATEST_COUNT
#define HOST_VM_INFO64_REV0_COUNT \
	((mach_msg_type_number_t)(HOST_VM_INFO64_REV1_COUNT - 14))

#define HOST_VM_INFO_COUNT ((mach_msg_type_number_t) \
	(sizeof(vm_statistics_data_t) / sizeof(integer_t)))
#define HOST_VM_INFO_LATEST_COUNT	HOST_VM_INFO_COUNT
#define HOST_VM_INFO_REV2_COUNT		HOST_VM_INFO_LATEST_COUNT
#define HOST_VM_INFO_REV1_COUNT \
	((mach_msg_type_number_t)(HOST_VM_INFO_REV2_COUNT - 1))
#define HOST_VM_INFO_REV0_COUNT \
	((mach_msg_type_number_t)(HOST_VM_INFO_REV1_COUNT - 2))

#endif /* _MACH_HOST_INFO_H_ */
