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

/*
 * mach_vm_region_recurse: a map entry seen through its object.  rvmach has
 * no submaps, so every region is at depth 0 and is_submap is 0.  Packed to
 * 4 bytes as XNU's #pragma pack(4) lays them out.
 */
typedef int *vm_region_recurse_info_t;
typedef int *vm_region_recurse_info_64_t;
typedef uint32_t vm32_object_id_t;
typedef uint64_t vm_object_id_t;

/* share_mode */
#define SM_COW			1
#define SM_PRIVATE		2
#define SM_EMPTY		3
#define SM_SHARED		4
#define SM_TRUESHARED		5
#define SM_PRIVATE_ALIASED	6
#define SM_SHARED_ALIASED	7
#define SM_LARGE_PAGE		8

struct vm_region_submap_info_64 {
	vm_prot_t	protection;
	vm_prot_t	max_protection;
	vm_inherit_t	inheritance;
	memory_object_offset_t offset;
	unsigned int	user_tag;
	unsigned int	pages_resident;
	unsigned int	pages_shared_now_private;
	unsigned int	pages_swapped_out;
	unsigned int	pages_dirtied;
	unsigned int	ref_count;
	unsigned short	shadow_depth;
	unsigned char	external_pager;
	unsigned char	share_mode;
	boolean_t	is_submap;
	vm_behavior_t	behavior;
	vm32_object_id_t object_id;
	unsigned short	user_wired_count;
	unsigned short	flags;
	unsigned int	pages_reusable;
	vm_object_id_t	object_id_full;
} __attribute__((packed, aligned(4)));
typedef struct vm_region_submap_info_64 *vm_region_submap_info_64_t;
typedef struct vm_region_submap_info_64 vm_region_submap_info_data_64_t;

#define VM_REGION_SUBMAP_INFO_V2_SIZE	(sizeof(vm_region_submap_info_data_64_t))
#define VM_REGION_SUBMAP_INFO_V1_SIZE	\
	(VM_REGION_SUBMAP_INFO_V2_SIZE - sizeof(vm_object_id_t))
#define VM_REGION_SUBMAP_INFO_V0_SIZE	\
	(VM_REGION_SUBMAP_INFO_V1_SIZE - sizeof(unsigned int))
#define VM_REGION_SUBMAP_INFO_V2_COUNT_64	\
	((mach_msg_type_number_t)(VM_REGION_SUBMAP_INFO_V2_SIZE / sizeof(natural_t)))
#define VM_REGION_SUBMAP_INFO_V1_COUNT_64	\
	((mach_msg_type_number_t)(VM_REGION_SUBMAP_INFO_V1_SIZE / sizeof(natural_t)))
#define VM_REGION_SUBMAP_INFO_V0_COUNT_64	\
	((mach_msg_type_number_t)(VM_REGION_SUBMAP_INFO_V0_SIZE / sizeof(natural_t)))
#define VM_REGION_SUBMAP_INFO_COUNT_64	VM_REGION_SUBMAP_INFO_V2_COUNT_64

/* vm_region_recurse's (the 32-bit offset form of the V0 info) */
struct vm_region_submap_info {
	vm_prot_t	protection;
	vm_prot_t	max_protection;
	vm_inherit_t	inheritance;
	uint32_t	offset;			/* the low 32 bits (as XNU) */
	unsigned int	user_tag;
	unsigned int	pages_resident;
	unsigned int	pages_shared_now_private;
	unsigned int	pages_swapped_out;
	unsigned int	pages_dirtied;
	unsigned int	ref_count;
	unsigned short	shadow_depth;
	unsigned char	external_pager;
	unsigned char	share_mode;
	boolean_t	is_submap;
	vm_behavior_t	behavior;
	vm32_object_id_t object_id;
	unsigned short	user_wired_count;
} __attribute__((packed, aligned(4)));
typedef struct vm_region_submap_info *vm_region_submap_info_t;
typedef struct vm_region_submap_info vm_region_submap_info_data_t;

#define VM_REGION_SUBMAP_INFO_COUNT	\
	((mach_msg_type_number_t)(sizeof(vm_region_submap_info_data_t) / \
	sizeof(natural_t)))

struct vm_region_submap_short_info_64 {
	vm_prot_t	protection;
	vm_prot_t	max_protection;
	vm_inherit_t	inheritance;
	memory_object_offset_t offset;
	unsigned int	user_tag;
	unsigned int	ref_count;
	unsigned short	shadow_depth;
	unsigned char	external_pager;
	unsigned char	share_mode;
	boolean_t	is_submap;
	vm_behavior_t	behavior;
	vm32_object_id_t object_id;
	unsigned short	user_wired_count;
} __attribute__((packed, aligned(4)));
typedef struct vm_region_submap_short_info_64 *vm_region_submap_short_info_64_t;
typedef struct vm_region_submap_short_info_64 vm_region_submap_short_info_data_64_t;

#define VM_REGION_SUBMAP_SHORT_INFO_COUNT_64	\
	((mach_msg_type_number_t)(sizeof(vm_region_submap_short_info_data_64_t) / \
	sizeof(natural_t)))

#endif /* _MACH_VM_REGION_H_ */
