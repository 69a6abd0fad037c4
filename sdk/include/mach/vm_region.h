/*
 * <mach/vm_region.h> - what vm_region reports (XNU's flavor and layout).
 */
#ifndef _MACH_VM_REGION_H_
#define _MACH_VM_REGION_H_

#include <mach/message.h>
#include <mach/vm_behavior.h>
#include <mach/vm_inherit.h>
#include <mach/vm_prot.h>
#include <mach/vm_types.h>

typedef int vm_region_flavor_t;
typedef int *vm_region_info_t;

#define VM_REGION_BASIC_INFO_64	9


struct vm_region_basic_info_64 {
	vm_prot_t	protection;
	vm_prot_t	max_protection;
	vm_inherit_t	inheritance;
	boolean_t	shared;
	boolean_t	reserved;
	memory_object_offset_t offset;
	vm_behavior_t	behavior;
	unsigned short	user_wired_count;
} __attribute__((packed, aligned(4)));
typedef struct vm_region_basic_info_64 vm_region_basic_info_data_64_t;

#define VM_REGION_BASIC_INFO_COUNT_64	\
	((mach_msg_type_number_t)(sizeof(vm_region_basic_info_data_64_t) / sizeof(int)))

/* the older flavor: the same with a 32-bit offset (truncated) */
#define VM_REGION_BASIC_INFO	10

struct vm_region_basic_info {
	vm_prot_t	protection;
	vm_prot_t	max_protection;
	vm_inherit_t	inheritance;
	boolean_t	shared;
	boolean_t	reserved;
	uint32_t	offset;
	vm_behavior_t	behavior;
	unsigned short	user_wired_count;
};
typedef struct vm_region_basic_info vm_region_basic_info_data_t;

#define VM_REGION_BASIC_INFO_COUNT	\
	((mach_msg_type_number_t)(sizeof(vm_region_basic_info_data_t) / sizeof(int)))

#endif /* _MACH_VM_REGION_H_ */
