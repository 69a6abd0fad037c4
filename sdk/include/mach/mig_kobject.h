/*
 * <mach/mig_kobject.h> - the messages of the MIG routines the kernel
 * serves on task, thread and host ports (user ABI: XNU's ids, and the
 * layouts MIG gives them for LP64, packed to 4 bytes as __MigPackStructs
 * does; docs/abi.md, "Messages to kernel objects").
 *
 * XNU declares these in the routines' headers; rvmach's <mach/mach_port.h>,
 * <mach/task.h>, <mach/thread_act.h>, <mach/mach_vm.h>, <mach/mach_host.h>
 * and <mach/clock.h> include this, so code written against XNU's finds
 * them where it expects.  They are here, apart, because the kernel builds
 * against them too and cannot take <mach/mach_types.h>'s user names for
 * its objects.  A reply's id is its request's + 100; a reply whose RetCode
 * is not KERN_SUCCESS is a mig_reply_error_t (<mach/mig_errors.h>).
 */
#ifndef _MACH_MIG_KOBJECT_H_
#define _MACH_MIG_KOBJECT_H_

#include <mach/boolean.h>
#include <mach/clock_types.h>
#include <mach/host_info.h>
#include <mach/kern_return.h>
#include <mach/message.h>
#include <mach/ndr.h>
#include <mach/port.h>
#include <mach/task_info.h>
#include <mach/thread_info.h>
#include <mach/thread_status.h>
#include <mach/vm_inherit.h>
#include <mach/vm_prot.h>
#include <mach/vm_types.h>

/*
 * On a task port, subsystem mach_port (3200): mach_port_type (3201),
 * _allocate (3204), _destroy (3205), _deallocate (3206), _get_refs (3207),
 * _mod_refs (3208) and the simple routines after them (the ids beside
 * each), their names in the task's space.
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
typedef struct {			/* 3203 */
	mach_msg_header_t	Head;
	NDR_record_t		NDR;
	mach_port_right_t	right;
	mach_port_name_t	name;
} __Request__mach_port_allocate_name_t;
typedef struct {			/* 3209 */
	mach_msg_header_t	Head;
	NDR_record_t		NDR;
	mach_port_name_t	name;
	mach_msg_trailer_type_t trailer_type;
	mach_port_seqno_t	request_seqnop;
	mach_msg_type_number_t	trailer_infopCnt;
} __Request__mach_port_peek_t;
typedef struct {			/* 3210 */
	mach_msg_header_t	Head;
	NDR_record_t		NDR;
	mach_port_name_t	name;
	mach_port_mscount_t	mscount;
} __Request__mach_port_set_mscount_t;
typedef struct {			/* 3212 */
	mach_msg_header_t	Head;
	NDR_record_t		NDR;
	mach_port_name_t	member;
	mach_port_name_t	after;
} __Request__mach_port_move_member_t;
typedef struct {			/* 3216 */
	mach_msg_header_t	Head;
	NDR_record_t		NDR;
	mach_port_name_t	name;
	mach_port_seqno_t	seqno;
} __Request__mach_port_set_seqno_t;
typedef struct {			/* 3217 */
	mach_msg_header_t	Head;
	NDR_record_t		NDR;
	mach_port_name_t	name;
	mach_port_flavor_t	flavor;
	mach_msg_type_number_t	port_info_outCnt;
} __Request__mach_port_get_attributes_t;
typedef struct {			/* 3218 */
	mach_msg_header_t	Head;
	NDR_record_t		NDR;
	mach_port_name_t	name;
	mach_port_flavor_t	flavor;
	mach_msg_type_number_t	port_infoCnt;
	integer_t		port_info[17];
} __Request__mach_port_set_attributes_t;
typedef struct {			/* 3222 */
	mach_msg_header_t	Head;
	NDR_record_t		NDR;
	mach_port_name_t	name;
} __Request__mach_port_get_srights_t;
typedef struct {			/* 3226 */
	mach_msg_header_t	Head;
	NDR_record_t		NDR;
	mach_port_name_t	name;
	mach_port_name_t	pset;
} __Request__mach_port_insert_member_t;
typedef __Request__mach_port_insert_member_t __Request__mach_port_extract_member_t; /* 3227 */
typedef struct {			/* 3228 */
	mach_msg_header_t	Head;
	NDR_record_t		NDR;
	mach_port_name_t	name;
} __Request__mach_port_get_context_t;
typedef struct {			/* 3229 */
	mach_msg_header_t	Head;
	NDR_record_t		NDR;
	mach_port_name_t	name;
	mach_port_context_t	context;
} __Request__mach_port_set_context_t;
typedef struct {			/* 3230 */
	mach_msg_header_t	Head;
	NDR_record_t		NDR;
	mach_port_name_t	name;
} __Request__mach_port_kobject_t;
typedef struct {			/* 3233 */
	mach_msg_header_t	Head;
	NDR_record_t		NDR;
	mach_port_name_t	name;
	mach_port_context_t	guard;
	boolean_t		strict;
} __Request__mach_port_guard_t;
typedef struct {			/* 3234 */
	mach_msg_header_t	Head;
	NDR_record_t		NDR;
	mach_port_name_t	name;
	mach_port_context_t	guard;
} __Request__mach_port_unguard_t;
typedef struct {			/* 3237 */
	mach_msg_header_t	Head;
	NDR_record_t		NDR;
	mach_port_name_t	name;
	mach_port_context_t	guard;
	uint64_t		flags;
} __Request__mach_port_guard_with_flags_t;
typedef struct {			/* 3238 */
	mach_msg_header_t	Head;
	NDR_record_t		NDR;
	mach_port_name_t	name;
	mach_port_context_t	old_guard;
	mach_port_context_t	new_guard;
} __Request__mach_port_swap_guard_t;
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
typedef __Reply__mach_port_destroy_t __Reply__mach_port_allocate_name_t;
typedef struct {
	mach_msg_header_t	Head;
	NDR_record_t		NDR;
	kern_return_t		RetCode;
	mach_port_seqno_t	request_seqnop;
	mach_msg_size_t		msg_sizep;
	mach_msg_id_t		msg_idp;
	mach_msg_type_number_t	trailer_infopCnt;
	char			trailer_infop[68];
} __Reply__mach_port_peek_t;
typedef __Reply__mach_port_destroy_t __Reply__mach_port_set_mscount_t;
typedef __Reply__mach_port_destroy_t __Reply__mach_port_move_member_t;
typedef __Reply__mach_port_destroy_t __Reply__mach_port_set_seqno_t;
typedef struct {
	mach_msg_header_t	Head;
	NDR_record_t		NDR;
	kern_return_t		RetCode;
	mach_msg_type_number_t	port_info_outCnt;
	integer_t		port_info_out[17];
} __Reply__mach_port_get_attributes_t;
typedef __Reply__mach_port_destroy_t __Reply__mach_port_set_attributes_t;
typedef struct {
	mach_msg_header_t	Head;
	NDR_record_t		NDR;
	kern_return_t		RetCode;
	mach_port_rights_t	srights;
} __Reply__mach_port_get_srights_t;
typedef __Reply__mach_port_destroy_t __Reply__mach_port_insert_member_t;
typedef __Reply__mach_port_destroy_t __Reply__mach_port_extract_member_t;
typedef struct {
	mach_msg_header_t	Head;
	NDR_record_t		NDR;
	kern_return_t		RetCode;
	mach_port_context_t	context;
} __Reply__mach_port_get_context_t;
typedef __Reply__mach_port_destroy_t __Reply__mach_port_set_context_t;
typedef struct {
	mach_msg_header_t	Head;
	NDR_record_t		NDR;
	kern_return_t		RetCode;
	natural_t		object_type;
	mach_vm_address_t	object_addr;
} __Reply__mach_port_kobject_t;
typedef __Reply__mach_port_destroy_t __Reply__mach_port_guard_t;
typedef __Reply__mach_port_destroy_t __Reply__mach_port_unguard_t;
typedef __Reply__mach_port_destroy_t __Reply__mach_port_guard_with_flags_t;
typedef __Reply__mach_port_destroy_t __Reply__mach_port_swap_guard_t;
#pragma pack(pop)
#endif

/*
 * The messages of task_terminate (3401), task_suspend (3407) and
 * task_resume (3408), on a task port (subsystem task, 3400): a request
 * of the header alone, a reply of a return code; and task_info (3405).
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
typedef struct {			/* 3405 */
	mach_msg_header_t	Head;
	NDR_record_t		NDR;
	task_flavor_t		flavor;
	mach_msg_type_number_t	task_info_outCnt;
} __Request__task_info_t;
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
typedef struct {
	mach_msg_header_t	Head;
	NDR_record_t		NDR;
	kern_return_t		RetCode;
	mach_msg_type_number_t	task_info_outCnt;
	integer_t		task_info_out[87];
} __Reply__task_info_t;
#pragma pack(pop)
#endif

/*
 * The messages of thread_terminate (3600), thread_suspend (3605),
 * thread_resume (3606), thread_abort (3607) and thread_abort_safely
 * (3608), on a thread port (subsystem thread_act, 3600): a request of the
 * header alone, a reply of a return code; and thread_get_state (3603),
 * thread_set_state (3604) and thread_info (3612).
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
typedef struct {			/* 3603 */
	mach_msg_header_t	Head;
	NDR_record_t		NDR;
	thread_state_flavor_t	flavor;
	mach_msg_type_number_t	old_stateCnt;
} __Request__thread_get_state_t;
typedef struct {			/* 3604 */
	mach_msg_header_t	Head;
	NDR_record_t		NDR;
	thread_state_flavor_t	flavor;
	mach_msg_type_number_t	new_stateCnt;
	natural_t		new_state[THREAD_STATE_MAX];
} __Request__thread_set_state_t;
typedef __Request__thread_terminate_t __Request__thread_abort_safely_t; /* 3608 */
typedef struct {			/* 3612 */
	mach_msg_header_t	Head;
	NDR_record_t		NDR;
	thread_flavor_t		flavor;
	mach_msg_type_number_t	thread_info_outCnt;
} __Request__thread_info_t;
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
typedef struct {
	mach_msg_header_t	Head;
	NDR_record_t		NDR;
	kern_return_t		RetCode;
	mach_msg_type_number_t	old_stateCnt;
	natural_t		old_state[THREAD_STATE_MAX];
} __Reply__thread_get_state_t;
typedef __Reply__thread_terminate_t __Reply__thread_set_state_t;
typedef __Reply__thread_terminate_t __Reply__thread_abort_safely_t;
typedef struct {
	mach_msg_header_t	Head;
	NDR_record_t		NDR;
	kern_return_t		RetCode;
	mach_msg_type_number_t	thread_info_outCnt;
	integer_t		thread_info_out[32];
} __Reply__thread_info_t;
#pragma pack(pop)
#endif

/*
 * The messages of mach_vm_allocate (4800), _deallocate (4801), _protect
 * (4802), _inherit (4803) and _copy (4807), on a task port
 * (subsystem mach_vm, 4800; also as vm_allocate .. vm_inherit, 3801 ..
 * 3804, and vm_copy, 3808, of subsystem vm_map, whose LP64 layouts are
 * the same).
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
typedef struct {			/* 4807 */
	mach_msg_header_t	Head;
	NDR_record_t		NDR;
	mach_vm_address_t	source_address;
	mach_vm_size_t		size;
	mach_vm_address_t	dest_address;
} __Request__mach_vm_copy_t;
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
typedef __Reply__mach_vm_deallocate_t __Reply__mach_vm_copy_t;
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

/*
 * The messages of clock_get_time (1000) and clock_get_attributes (1001),
 * on a clock port (subsystem clock, 1000).
 */
#ifndef __Request__clock_subsystem__defined
#define __Request__clock_subsystem__defined
#pragma pack(push, 4)
typedef struct {
	mach_msg_header_t	Head;
} __Request__clock_get_time_t;
typedef struct {
	mach_msg_header_t	Head;
	NDR_record_t		NDR;
	clock_flavor_t		flavor;
	mach_msg_type_number_t	clock_attrCnt;
} __Request__clock_get_attributes_t;
#pragma pack(pop)
#endif

#ifndef __Reply__clock_subsystem__defined
#define __Reply__clock_subsystem__defined
#pragma pack(push, 4)
typedef struct {
	mach_msg_header_t	Head;
	NDR_record_t		NDR;
	kern_return_t		RetCode;
	mach_timespec_t		cur_time;
} __Reply__clock_get_time_t;
typedef struct {
	mach_msg_header_t	Head;
	NDR_record_t		NDR;
	kern_return_t		RetCode;
	mach_msg_type_number_t	clock_attrCnt;
	int			clock_attr[1];
} __Reply__clock_get_attributes_t;
#pragma pack(pop)
#endif

/*
 * Routines whose reply carries a port (a complex reply: the descriptor in
 * place of NDR and RetCode; a failure is a mig_reply_error_t):
 * task_get_special_port (3409), thread_get_special_port (3610) and
 * host_get_clock_service (206).
 */
#ifndef __rvmach_mig_port_replies__defined
#define __rvmach_mig_port_replies__defined
#pragma pack(push, 4)
typedef struct {			/* 3409 */
	mach_msg_header_t	Head;
	NDR_record_t		NDR;
	int			which_port;
} __Request__task_get_special_port_t;
typedef struct {
	mach_msg_header_t	Head;
	mach_msg_body_t		msgh_body;
	mach_msg_port_descriptor_t special_port;
} __Reply__task_get_special_port_t;
typedef struct {			/* 3610 */
	mach_msg_header_t	Head;
	NDR_record_t		NDR;
	int			which_port;
} __Request__thread_get_special_port_t;
typedef struct {
	mach_msg_header_t	Head;
	mach_msg_body_t		msgh_body;
	mach_msg_port_descriptor_t special_port;
} __Reply__thread_get_special_port_t;
typedef struct {			/* 206 */
	mach_msg_header_t	Head;
	NDR_record_t		NDR;
	clock_id_t		clock_id;
} __Request__host_get_clock_service_t;
typedef struct {
	mach_msg_header_t	Head;
	mach_msg_body_t		msgh_body;
	mach_msg_port_descriptor_t clock_serv;
} __Reply__host_get_clock_service_t;
#pragma pack(pop)
#endif

/*
 * Routines whose reply carries an array out of line (a complex reply:
 * the descriptor first, then NDR and the count; a failure is a
 * mig_reply_error_t): task_threads (3402), mach_vm_read (4804, and
 * vm_read, 3805, the same layout).  And two simple ones of mach_vm:
 * mach_vm_read_overwrite (4808, and vm_read_overwrite, 3809) and
 * mach_vm_page_query (4814).
 */
#ifndef __rvmach_mig_ool_replies__defined
#define __rvmach_mig_ool_replies__defined
#pragma pack(push, 4)
typedef struct {			/* 3402 */
	mach_msg_header_t	Head;
} __Request__task_threads_t;
typedef struct {
	mach_msg_header_t	Head;
	mach_msg_body_t		msgh_body;
	mach_msg_ool_ports_descriptor_t act_list;
	NDR_record_t		NDR;
	mach_msg_type_number_t	act_listCnt;
} __Reply__task_threads_t;
typedef struct {			/* 4804 */
	mach_msg_header_t	Head;
	NDR_record_t		NDR;
	mach_vm_address_t	address;
	mach_vm_size_t		size;
} __Request__mach_vm_read_t;
typedef struct {
	mach_msg_header_t	Head;
	mach_msg_body_t		msgh_body;
	mach_msg_ool_descriptor_t data;
	NDR_record_t		NDR;
	mach_msg_type_number_t	dataCnt;
} __Reply__mach_vm_read_t;
typedef struct {			/* 4808 */
	mach_msg_header_t	Head;
	NDR_record_t		NDR;
	mach_vm_address_t	address;
	mach_vm_size_t		size;
	mach_vm_address_t	data;
} __Request__mach_vm_read_overwrite_t;
typedef struct {
	mach_msg_header_t	Head;
	NDR_record_t		NDR;
	kern_return_t		RetCode;
	mach_vm_size_t		outsize;
} __Reply__mach_vm_read_overwrite_t;
typedef struct {			/* 4814 */
	mach_msg_header_t	Head;
	NDR_record_t		NDR;
	mach_vm_offset_t	offset;
} __Request__mach_vm_page_query_t;
typedef struct {
	mach_msg_header_t	Head;
	NDR_record_t		NDR;
	kern_return_t		RetCode;
	integer_t		disposition;
	integer_t		ref_count;
} __Reply__mach_vm_page_query_t;
#pragma pack(pop)
#endif

#endif /* _MACH_MIG_KOBJECT_H_ */
