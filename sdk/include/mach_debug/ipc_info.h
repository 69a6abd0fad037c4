/*
 * <mach_debug/ipc_info.h> - what mach_port_space_basic_info reports of an
 * IPC space (XNU's layout; the other mach_debug structs are not here).
 * Freestanding.
 */
#ifndef _MACH_DEBUG_IPC_INFO_H_
#define _MACH_DEBUG_IPC_INFO_H_

#include <mach/riscv/vm_types.h>

struct ipc_info_space_basic {
	natural_t	iisb_genno_mask;	/* the generation bits of a name */
	natural_t	iisb_table_size;	/* entries the table holds now */
	natural_t	iisb_table_next;	/* entries after it next grows */
	natural_t	iisb_table_inuse;	/* entries holding a name */
	natural_t	iisb_reserved[2];
};
typedef struct ipc_info_space_basic	ipc_info_space_basic_t;

#endif /* _MACH_DEBUG_IPC_INFO_H_ */
