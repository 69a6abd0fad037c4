/*
 * <mach_debug/ipc_info.h> - what mach_port_space_basic_info and
 * mach_port_space_info report of an IPC space (XNU's layouts; the other
 * mach_debug structs are not here).  Freestanding.
 */
#ifndef _MACH_DEBUG_IPC_INFO_H_
#define _MACH_DEBUG_IPC_INFO_H_

#include <mach/port.h>
#include <mach/riscv/vm_types.h>

struct ipc_info_space_basic {
	natural_t	iisb_genno_mask;	/* the generation bits of a name */
	natural_t	iisb_table_size;	/* entries the table holds now */
	natural_t	iisb_table_next;	/* entries after it next grows */
	natural_t	iisb_table_inuse;	/* entries holding a name */
	natural_t	iisb_reserved[2];
};
typedef struct ipc_info_space_basic	ipc_info_space_basic_t;

/* mach_port_space_info: the space */
typedef struct ipc_info_space {
	natural_t	iis_genno_mask;		/* the generation bits of a name */
	natural_t	iis_table_size;		/* entries the table holds now */
	natural_t	iis_table_next;		/* entries after it next grows */
	natural_t	iis_tree_size;		/* 0: no splay tree (as XNU today) */
	natural_t	iis_tree_small;		/* 0 */
	natural_t	iis_tree_hash;		/* 0 */
} ipc_info_space_t;

/* mach_port_space_info: one slot of the table */
typedef struct ipc_info_name {
	mach_port_name_t iin_name;		/* the slot's name (its generation) */
	integer_t	iin_collision;		/* 0 */
	mach_port_type_t iin_type;		/* MACH_PORT_TYPE_*; 0: a free slot */
	mach_port_urefs_t iin_urefs;		/* user references */
	natural_t	iin_object;		/* a token of the object, not its address */
	natural_t	iin_next;		/* 0 */
	natural_t	iin_hash;		/* 0 */
} ipc_info_name_t;
typedef ipc_info_name_t *ipc_info_name_array_t;

typedef struct ipc_info_tree_name {
	ipc_info_name_t	iitn_name;
	mach_port_name_t iitn_lchild;
	mach_port_name_t iitn_rchild;
} ipc_info_tree_name_t;
typedef ipc_info_tree_name_t *ipc_info_tree_name_array_t;

#endif /* _MACH_DEBUG_IPC_INFO_H_ */
