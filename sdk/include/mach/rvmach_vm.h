/*
 * <mach/rvmach_vm.h> - the argument blocks of rvmach's VM traps that take
 * more arguments than a trap has registers (<mach/syscall_sw.h>); the
 * libmach wrappers with XNU's prototypes (<mach/mach_vm.h>) fill them.
 */
#ifndef _MACH_RVMACH_VM_H_
#define _MACH_RVMACH_VM_H_

#include <mach/boolean.h>
#include <mach/port.h>
#include <mach/vm_inherit.h>
#include <mach/vm_prot.h>
#include <mach/vm_types.h>

/* rvmach's mach_vm_remap trap takes its arguments in one block (libmach fills it) */
struct rvmach_vm_remap_args {
	mach_vm_address_t	target_address;	/* in and out */
	mach_vm_size_t		size;
	mach_vm_offset_t	mask;
	mach_vm_address_t	src_address;
	int			flags;
	mach_port_t		src_task;
	boolean_t		copy;
	vm_inherit_t		inheritance;
	vm_prot_t		cur_protection;	/* out */
	vm_prot_t		max_protection;	/* out */
};

/* mach_vm_map's trap takes its eleven arguments in this block */
struct rvmach_vm_map_args {
	mach_vm_address_t	address;	/* in and out */
	mach_vm_size_t		size;
	mach_vm_offset_t	mask;
	uint64_t		offset;		/* memory_object_offset_t */
	int			flags;
	mach_port_t		object;		/* a named entry, or MACH_PORT_NULL */
	boolean_t		copy;
	vm_prot_t		cur_protection;
	vm_prot_t		max_protection;
	vm_inherit_t		inheritance;
};

#endif /* _MACH_RVMACH_VM_H_ */
