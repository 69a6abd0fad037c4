/*
 * <mach/mig_kobject.h> - the messages of the MIG routines the kernel
 * serves on task, thread and host ports (user ABI: XNU's ids, and the
 * layouts MIG gives them for LP64, packed to 4 bytes as __MigPackStructs
 * does; docs/abi.md, "Messages to kernel objects").
 *
 * XNU declares these in the routines' headers; rvmach's <mach/mach_port.h>,
 * <mach/task.h>, <mach/thread_act.h>, <mach/mach_vm.h> and
 * <mach/mach_host.h> include this, so code written against XNU's finds
 * them where it expects.  They are here, apart, because the kernel builds
 * against them too and cannot take <mach/mach_types.h>'s user names for
 * its objects.  A reply's id is its request's + 100; a reply whose RetCode
 * is not KERN_SUCCESS is a mig_reply_error_t (<mach/mig_errors.h>).
 */
#ifndef _MACH_MIG_KOBJECT_H_
#define _MACH_MIG_KOBJECT_H_

#include <mach/boolean.h>
#include <mach/host_info.h>
#include <mach/kern_return.h>
#include <mach/message.h>
#include <mach/ndr.h>
#include <mach/port.h>
#include <mach/vm_inherit.h>
#include <mach/vm_prot.h>
#include <mach/vm_types.h>

/*
 * On a task port, subsystem mach_port (3200): mach_port_type (3201),
 * _allocate (3204), _destroy (3205), _deallocate (3206), _get_refs (3207)
 * and _mod_refs (3208), their names in the task's space.
 */
#ifndef __Request__mach_port_subsystem__defined
#define __Request__mach_port_subsystem__defined
#pragma pack(push, 4)
typedef struct {			/* 3201 */
	mach_msg_header_t	Head;
	NDR_record_t		NDR;
	mach_port_name_t	name;
} __Request__mach_port_type_t;
typedef struct {			/* 3204 */
	mach_msg_header_t	Head;
	NDR_record_t		NDR;
	mach_port_right_t	right;
} __Request__mach_port_allocate_t;
typedef struct {			/* 3205 */
	mach_msg_header_t	Head;
	NDR_record_t		NDR;
	mach_port_name_t	name;
} __Request__mach_port_destroy_t;
typedef struct {			/* 3206 */
	mach_msg_header_t	Head;
	NDR_record_t		NDR;
	mach_port_name_t	name;
} __Request__mach_port_deallocate_t;
typedef struct {			/* 3207 */
	mach_msg_header_t	Head;
	NDR_record_t		NDR;
	mach_port_name_t	name;
	mach_port_right_t	right;
} __Request__mach_port_get_refs_t;
typedef struct {			/* 3208 */
	mach_msg_header_t	Head;
	NDR_record_t		NDR;
	mach_port_name_t	name;
	mach_port_right_t	right;
	mach_port_delta_t	delta;
} __Request__mach_port_mod_refs_t;
#pragma pack(pop)
#endif

#ifndef __Reply__mach_port_subsystem__defined
#define __Reply__mach_port_subsystem__defined
#pragma pack(push, 4)
typedef struct {
	mach_msg_header_t	Head;
	NDR_record_t		NDR;
	kern_return_t		RetCode;
	mach_port_type_t	ptype;
} __Reply__mach_port_type_t;
typedef struct {
	mach_msg_header_t	Head;
	NDR_record_t		NDR;
	kern_return_t		RetCode;
	mach_port_name_t	name;
} __Reply__mach_port_allocate_t;
typedef struct {
	mach_msg_header_t	Head;
	NDR_record_t		NDR;
	kern_return_t		RetCode;
} __Reply__mach_port_destroy_t;
typedef struct {
	mach_msg_header_t	Head;
	NDR_record_t		NDR;
	kern_return_t		RetCode;
} __Reply__mach_port_deallocate_t;
typedef struct {
	mach_msg_header_t	Head;
	NDR_record_t		NDR;
	kern_return_t		RetCode;
	mach_port_urefs_t	refs;
} __Reply__mach_port_get_refs_t;
typedef struct {
	mach_msg_header_t	Head;
	NDR_record_t		NDR;
	kern_return_t		RetCode;
} __Reply__mach_port_mod_refs_t;
#pragma pack(pop)
#endif

/*
 * The messages of task_terminate (3401), task_suspend (3407) and
 * task_resume (3408), on a task port (subsystem task, 3400): a request
 * of the header alone, a reply of a return code.
 */
#ifndef __Request__task_subsystem__defined
#define __Request__task_subsystem__defined
#pragma pack(push, 4)
typedef struct {
	mach_msg_header_t	Head;
} __Request__task_terminate_t;
typedef struct {
	mach_msg_header_t	Head;
} __Request__task_suspend_t;
typedef struct {
	mach_msg_header_t	Head;
} __Request__task_resume_t;
#pragma pack(pop)
#endif

#ifndef __Reply__task_subsystem__defined
#define __Reply__task_subsystem__defined
#pragma pack(push, 4)
typedef struct {
	mach_msg_header_t	Head;
	NDR_record_t		NDR;
	kern_return_t		RetCode;
} __Reply__task_terminate_t;
typedef __Reply__task_terminate_t __Reply__task_suspend_t;
typedef __Reply__task_terminate_t __Reply__task_resume_t;
#pragma pack(pop)
#endif

/*
 * The messages of thread_terminate (3600), thread_suspend (3605),
 * thread_resume (3606) and thread_abort (3607), on a thread
 * port (subsystem thread_act, 3600): a request of the header alone, a
 * reply of a return code.
 */
#ifndef __Request__thread_act_subsystem__defined
#define __Request__thread_act_subsystem__defined
#pragma pack(push, 4)
typedef struct {
	mach_msg_header_t	Head;
} __Request__thread_terminate_t;
typedef __Request__thread_terminate_t __Request__thread_suspend_t;
typedef __Request__thread_terminate_t __Request__thread_resume_t;
typedef __Request__thread_terminate_t __Request__thread_abort_t;
#pragma pack(pop)
#endif

#ifndef __Reply__thread_act_subsystem__defined
#define __Reply__thread_act_subsystem__defined
#pragma pack(push, 4)
typedef struct {
	mach_msg_header_t	Head;
	NDR_record_t		NDR;
	kern_return_t		RetCode;
} __Reply__thread_terminate_t;
typedef __Reply__thread_terminate_t __Reply__thread_suspend_t;
typedef __Reply__thread_terminate_t __Reply__thread_resume_t;
typedef __Reply__thread_terminate_t __Reply__thread_abort_t;
#pragma pack(pop)
#endif

/*
 * The messages of mach_vm_allocate (4800), _deallocate (4801), _protect
 * (4802) and _inherit (4803), on a task port
 * (subsystem mach_vm, 4800; also as vm_allocate .. vm_inherit, 3801 ..
 * 3804 of subsystem vm_map, whose LP64 layouts are the same).
 */
#ifndef __Request__mach_vm_subsystem__defined
#define __Request__mach_vm_subsystem__defined
#pragma pack(push, 4)
typedef struct {
	mach_msg_header_t	Head;
	NDR_record_t		NDR;
	mach_vm_address_t	address;
	mach_vm_size_t		size;
	int			flags;
} __Request__mach_vm_allocate_t;
typedef struct {
	mach_msg_header_t	Head;
	NDR_record_t		NDR;
	mach_vm_address_t	address;
	mach_vm_size_t		size;
} __Request__mach_vm_deallocate_t;
typedef struct {
	mach_msg_header_t	Head;
	NDR_record_t		NDR;
	mach_vm_address_t	address;
	mach_vm_size_t		size;
	boolean_t		set_maximum;
	vm_prot_t		new_protection;
} __Request__mach_vm_protect_t;
typedef struct {
	mach_msg_header_t	Head;
	NDR_record_t		NDR;
	mach_vm_address_t	address;
	mach_vm_size_t		size;
	vm_inherit_t		new_inheritance;
} __Request__mach_vm_inherit_t;
#pragma pack(pop)
#endif

#ifndef __Reply__mach_vm_subsystem__defined
#define __Reply__mach_vm_subsystem__defined
#pragma pack(push, 4)
typedef struct {
	mach_msg_header_t	Head;
	NDR_record_t		NDR;
	kern_return_t		RetCode;
	mach_vm_address_t	address;
} __Reply__mach_vm_allocate_t;
typedef struct {
	mach_msg_header_t	Head;
	NDR_record_t		NDR;
	kern_return_t		RetCode;
} __Reply__mach_vm_deallocate_t;
typedef __Reply__mach_vm_deallocate_t __Reply__mach_vm_protect_t;
typedef __Reply__mach_vm_deallocate_t __Reply__mach_vm_inherit_t;
#pragma pack(pop)
#endif

/*
 * The messages of host_info (200) and _host_page_size (202), on the host
 * port (subsystem mach_host, 200).  host_info's reply is as long as its
 * count says: 40 bytes and host_info_outCnt words.
 */
#ifndef __Request__mach_host_subsystem__defined
#define __Request__mach_host_subsystem__defined
#pragma pack(push, 4)
typedef struct {
	mach_msg_header_t	Head;
	NDR_record_t		NDR;
	host_flavor_t		flavor;
	mach_msg_type_number_t	host_info_outCnt;
} __Request__host_info_t;
typedef struct {
	mach_msg_header_t	Head;
} __Request___host_page_size_t;
#pragma pack(pop)
#endif

#ifndef __Reply__mach_host_subsystem__defined
#define __Reply__mach_host_subsystem__defined
#pragma pack(push, 4)
typedef struct {
	mach_msg_header_t	Head;
	NDR_record_t		NDR;
	kern_return_t		RetCode;
	mach_msg_type_number_t	host_info_outCnt;
	integer_t		host_info_out[68];
} __Reply__host_info_t;
typedef struct {
	mach_msg_header_t	Head;
	NDR_record_t		NDR;
	kern_return_t		RetCode;
	vm_size_t		out_page_size;
} __Reply___host_page_size_t;
#pragma pack(pop)
#endif

#endif /* _MACH_MIG_KOBJECT_H_ */
