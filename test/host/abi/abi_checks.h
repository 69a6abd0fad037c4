/*
 * test/host/abi/abi_checks.h - the IPC ABI headers' fixed facts, checked
 * on the host (test/host/abi/abi_test.c) and on RV64 (test/user/abi.c).
 *
 * Sizes, offsets and constant values are _Static_asserts: this file does
 * not compile where one is wrong.  The values are XNU's (osfmk/mach/ headers,
 * 64-bit user layouts); docs/abi.md has the table.  Bit-field placement
 * cannot be asserted at compile time, so abi_check_bitfields() stores
 * into each field and looks at the bytes; it returns the number of
 * misplaced fields (little-endian: the top byte of a word is its last).
 */
#ifndef TEST_ABI_CHECKS_H
#define TEST_ABI_CHECKS_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <mach/boolean.h>
#include <mach/clock_types.h>
#include <mach/error.h>
#include <mach/exc.h>
#include <mach/exception_types.h>
#include <mach/host_info.h>
#include <mach/host_priv.h>
#include <mach/kern_return.h>
#include <mach/mach.h>
#include <mach/mach_error.h>
#include <mach/mach_exc.h>
#include <mach/mach_host.h>
#include <mach/mach_init.h>
#include <mach/mach_port.h>
#include <mach/mach_time.h>
#include <mach/mach_traps.h>
#include <mach/mach_types.h>
#include <mach/mach_vm.h>
#include <mach/memory_object_types.h>
#include <mach/message.h>
#include <mach/machine.h>
#include <mach/mig_errors.h>
#include <mach/mig_kobject.h>
#include <mach/ndr.h>
#include <mach/notify.h>
#include <mach/policy.h>
#include <mach/port.h>
#include <mach/riscv/thread_status.h>
#include <mach/riscv/vm_param.h>
#include <mach/riscv/vm_types.h>
#include <mach/rvmach_debug.h>
#include <mach/semaphore.h>
#include <mach/sync_policy.h>
#include <mach/syscall_sw.h>
#include <mach/task.h>
#include <mach/task_info.h>
#include <mach/task_special_ports.h>
#include <mach/thread_act.h>
#include <mach/thread_info.h>
#include <mach/thread_policy.h>
#include <mach/thread_status.h>
#include <mach/thread_switch.h>
#include <mach/time_value.h>
#include <mach/vm_inherit.h>
#include <mach/vm_prot.h>
#include <mach/vm_region.h>
#include <mach/vm_behavior.h>
#include <mach/vm_statistics.h>
#include <mach/vm_sync.h>
#include <mach_debug/ipc_info.h>
#include <mach/vm_types.h>
#ifdef __riscv
#include <mach/riscv/trap.h>	/* ecall: the target only */
#endif

#define ABI_SIZE(t, n)	_Static_assert(sizeof(t) == (n), #t " is " #n " bytes")
#define ABI_OFF(t, f, n) \
	_Static_assert(offsetof(t, f) == (n), #t "." #f " at " #n)
#define ABI_VAL(c, v)	_Static_assert((c) == (v), #c " == " #v)

/* group "types": the scalar types are XNU's widths */
ABI_SIZE(natural_t, 4);
ABI_SIZE(integer_t, 4);
ABI_SIZE(mach_port_name_t, 4);
ABI_SIZE(mach_port_t, 4);
ABI_SIZE(mach_port_context_t, 8);
ABI_SIZE(mach_msg_bits_t, 4);
ABI_SIZE(mach_msg_size_t, 4);
ABI_SIZE(mach_msg_id_t, 4);
ABI_SIZE(mach_msg_option_t, 4);
ABI_SIZE(mach_msg_timeout_t, 4);
ABI_SIZE(mach_msg_type_number_t, 4);
ABI_SIZE(mach_msg_return_t, 4);
ABI_SIZE(mach_exception_data_type_t, 8);
ABI_SIZE(exception_data_type_t, 4);
ABI_SIZE(exception_mask_t, 4);
ABI_SIZE(mach_timespec_t, 8);

/* group "port": names, rights, types */
ABI_VAL(MACH_PORT_NULL, 0);
ABI_VAL(MACH_PORT_DEAD, 0xffffffffu);
ABI_VAL(MACH_PORT_VALID(0x103u), 1);
ABI_VAL(MACH_PORT_VALID(MACH_PORT_DEAD), 0);
ABI_VAL(MACH_PORT_INDEX(0x1207u), 0x12);
ABI_VAL(MACH_PORT_GEN(0x1207u), 0x07000000u);
ABI_VAL(MACH_PORT_MAKE(0x12u, 0x07000000u), 0x1207u);
ABI_VAL(MACH_PORT_RIGHT_SEND, 0);
ABI_VAL(MACH_PORT_RIGHT_RECEIVE, 1);
ABI_VAL(MACH_PORT_RIGHT_SEND_ONCE, 2);
ABI_VAL(MACH_PORT_RIGHT_PORT_SET, 3);
ABI_VAL(MACH_PORT_RIGHT_DEAD_NAME, 4);
ABI_VAL(MACH_PORT_RIGHT_LABELH, 5);
ABI_VAL(MACH_PORT_RIGHT_NUMBER, 6);
ABI_VAL(MACH_PORT_TYPE_NONE, 0);
ABI_VAL(MACH_PORT_TYPE_SEND, 0x00010000u);
ABI_VAL(MACH_PORT_TYPE_RECEIVE, 0x00020000u);
ABI_VAL(MACH_PORT_TYPE_SEND_ONCE, 0x00040000u);
ABI_VAL(MACH_PORT_TYPE_PORT_SET, 0x00080000u);
ABI_VAL(MACH_PORT_TYPE_DEAD_NAME, 0x00100000u);
ABI_VAL(MACH_PORT_TYPE_LABELH, 0x00200000u);
ABI_VAL(MACH_PORT_TYPE_SEND_RECEIVE, 0x00030000u);
ABI_VAL(MACH_PORT_TYPE_SEND_RIGHTS, 0x00050000u);
ABI_VAL(MACH_PORT_TYPE_PORT_RIGHTS, 0x00070000u);
ABI_VAL(MACH_PORT_TYPE_PORT_OR_DEAD, 0x00170000u);
ABI_VAL(MACH_PORT_TYPE_ALL_RIGHTS, 0x001f0000u);
ABI_VAL(MACH_PORT_TYPE_DNREQUEST, 0x80000000u);
ABI_VAL(MACH_PORT_TYPE_SPREQUEST, 0x40000000u);
ABI_VAL(MACH_PORT_TYPE_SPREQUEST_DELAYED, 0x20000000u);
ABI_VAL(MACH_PORT_SRIGHTS_NONE, 0);
ABI_VAL(MACH_PORT_SRIGHTS_PRESENT, 1);
ABI_VAL(MACH_PORT_QLIMIT_ZERO, 0);
ABI_VAL(MACH_PORT_QLIMIT_BASIC, 5);
ABI_VAL(MACH_PORT_QLIMIT_SMALL, 16);
ABI_VAL(MACH_PORT_QLIMIT_LARGE, 1024);
ABI_VAL(MACH_PORT_QLIMIT_KERNEL, 65534);
ABI_VAL(MACH_PORT_QLIMIT_MIN, 0);
ABI_VAL(MACH_PORT_QLIMIT_DEFAULT, 5);
ABI_VAL(MACH_PORT_QLIMIT_MAX, 1024);

/* group "port_info": attribute flavors and structs */
ABI_VAL(MACH_PORT_LIMITS_INFO, 1);
ABI_VAL(MACH_PORT_RECEIVE_STATUS, 2);
ABI_VAL(MACH_PORT_DNREQUESTS_SIZE, 3);
ABI_VAL(MACH_PORT_TEMPOWNER, 4);
ABI_VAL(MACH_PORT_IMPORTANCE_RECEIVER, 5);
ABI_VAL(MACH_PORT_DENAP_RECEIVER, 6);
ABI_VAL(MACH_PORT_INFO_EXT, 7);
ABI_VAL(MACH_PORT_GUARD_INFO, 8);
ABI_SIZE(mach_port_status_t, 40);
ABI_OFF(mach_port_status_t, mps_qlimit, 12);
ABI_OFF(mach_port_status_t, mps_srights, 24);
ABI_OFF(mach_port_status_t, mps_flags, 36);
ABI_SIZE(mach_port_limits_t, 4);
ABI_SIZE(mach_port_info_ext_t, 68);
ABI_SIZE(mach_port_guard_info_t, 8);
ABI_SIZE(mach_port_qos_t, 8);
ABI_SIZE(mach_service_port_info_data_t, 256);
ABI_VAL(MACH_PORT_LIMITS_INFO_COUNT, 1);
ABI_VAL(MACH_PORT_RECEIVE_STATUS_COUNT, 10);
ABI_VAL(MACH_PORT_INFO_EXT_COUNT, 17);
ABI_VAL(MACH_PORT_GUARD_INFO_COUNT, 2);
ABI_VAL(MACH_PORT_DNREQUESTS_SIZE_COUNT, 1);
ABI_SIZE(mach_port_options_t, 24);
ABI_OFF(mach_port_options_t, flags, 0);
ABI_OFF(mach_port_options_t, mpl, 4);
ABI_OFF(mach_port_options_t, reserved, 8);
ABI_OFF(mach_port_options_t, work_interval_port, 8);
ABI_OFF(mach_port_options_t, service_port_name, 8);
ABI_VAL(MPO_CONTEXT_AS_GUARD, 0x01);
ABI_VAL(MPO_QLIMIT, 0x02);
ABI_VAL(MPO_TEMPOWNER, 0x04);
ABI_VAL(MPO_IMPORTANCE_RECEIVER, 0x08);
ABI_VAL(MPO_INSERT_SEND_RIGHT, 0x10);
ABI_VAL(MPO_STRICT, 0x20);
ABI_VAL(MPO_DENAP_RECEIVER, 0x40);
ABI_VAL(MPO_IMMOVABLE_RECEIVE, 0x80);
ABI_VAL(MPO_FILTER_MSG, 0x100);
ABI_VAL(MPO_REPLY_PORT, 0x1000);
ABI_VAL(MACH_PORT_STATUS_FLAG_TEMPOWNER, 0x01);
ABI_VAL(MACH_PORT_STATUS_FLAG_NO_GRANT, 0x80);
ABI_VAL(MACH_PORT_STATUS_FLAG_GUARDED, 0x02);
ABI_VAL(MACH_PORT_STATUS_FLAG_STRICT_GUARD, 0x04);
ABI_VAL(MACH_PORT_STATUS_FLAG_GUARD_IMMOVABLE_RECEIVE, 0x40);
ABI_VAL(MPG_STRICT, 0x01);
ABI_VAL(MPG_IMMOVABLE_RECEIVE, 0x02);
ABI_VAL(GUARD_TYPE_MACH_PORT, 0x1);
ABI_VAL(kGUARD_EXC_DESTROY, 1);
ABI_VAL(kGUARD_EXC_MOD_REFS, 2);
ABI_VAL(kGUARD_EXC_SET_CONTEXT, 4);
ABI_VAL(kGUARD_EXC_UNGUARDED, 8);
ABI_VAL(kGUARD_EXC_INCORRECT_GUARD, 16);
ABI_VAL(kGUARD_EXC_IMMOVABLE, 32);
ABI_VAL(kGUARD_EXC_INVALID_RIGHT, 256);
ABI_VAL(kGUARD_EXC_INVALID_NAME, 512);
ABI_VAL(kGUARD_EXC_INVALID_ARGUMENT, 2048);
ABI_VAL(EXC_GUARD, 12);
ABI_VAL(VM_REGION_BASIC_INFO, 10);
ABI_VAL(VM_REGION_BASIC_INFO_COUNT, 8);
ABI_SIZE(struct vm_region_basic_info, 32);

/* group "msgh_bits" */
ABI_VAL(MACH_MSGH_BITS_ZERO, 0);
ABI_VAL(MACH_MSGH_BITS_REMOTE_MASK, 0x0000001fu);
ABI_VAL(MACH_MSGH_BITS_LOCAL_MASK, 0x00001f00u);
ABI_VAL(MACH_MSGH_BITS_VOUCHER_MASK, 0x001f0000u);
ABI_VAL(MACH_MSGH_BITS_PORTS_MASK, 0x001f1f1fu);
ABI_VAL(MACH_MSGH_BITS_COMPLEX, 0x80000000u);
ABI_VAL(MACH_MSGH_BITS_USER, 0x801f1f1fu);
ABI_VAL(MACH_MSGH_BITS_RAISEIMP, 0x20000000u);
ABI_VAL(MACH_MSGH_BITS_IMPHOLDASRT, 0x10000000u);
ABI_VAL(MACH_MSGH_BITS_CIRCULAR, 0x10000000u);
ABI_VAL(MACH_MSGH_BITS_USED, 0xb01f1f1fu);
ABI_VAL(MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, MACH_MSG_TYPE_MAKE_SEND_ONCE),
    0x1513u);
ABI_VAL(MACH_MSGH_BITS_SET(MACH_MSG_TYPE_COPY_SEND,
    MACH_MSG_TYPE_MAKE_SEND_ONCE, MACH_MSG_TYPE_MOVE_SEND,
    MACH_MSGH_BITS_COMPLEX | 0x1fu), 0x80111513u);
ABI_VAL(MACH_MSGH_BITS_SET_PORTS(0xffu, 0xffu, 0xffu), 0x001f1f1fu);
ABI_VAL(MACH_MSGH_BITS_REMOTE(0x80111513u), 19);
ABI_VAL(MACH_MSGH_BITS_LOCAL(0x80111513u), 21);
ABI_VAL(MACH_MSGH_BITS_VOUCHER(0x80111513u), 17);
ABI_VAL(MACH_MSGH_BITS_PORTS(0x80111513u), 0x00111513u);
ABI_VAL(MACH_MSGH_BITS_OTHER(0x80111513u), 0x80000000u);
ABI_VAL(MACH_MSGH_BITS_IS_COMPLEX(0x80111513u), 1);
ABI_VAL(MACH_MSGH_BITS_HAS_VOUCHER(0x1513u), 0);

/* group "dispositions" */
ABI_VAL(MACH_MSG_TYPE_MOVE_RECEIVE, 16);
ABI_VAL(MACH_MSG_TYPE_MOVE_SEND, 17);
ABI_VAL(MACH_MSG_TYPE_MOVE_SEND_ONCE, 18);
ABI_VAL(MACH_MSG_TYPE_COPY_SEND, 19);
ABI_VAL(MACH_MSG_TYPE_MAKE_SEND, 20);
ABI_VAL(MACH_MSG_TYPE_MAKE_SEND_ONCE, 21);
ABI_VAL(MACH_MSG_TYPE_COPY_RECEIVE, 22);
ABI_VAL(MACH_MSG_TYPE_DISPOSE_RECEIVE, 24);
ABI_VAL(MACH_MSG_TYPE_DISPOSE_SEND, 25);
ABI_VAL(MACH_MSG_TYPE_DISPOSE_SEND_ONCE, 26);
ABI_VAL(MACH_MSG_TYPE_PORT_NONE, 0);
ABI_VAL(MACH_MSG_TYPE_PORT_NAME, 15);
ABI_VAL(MACH_MSG_TYPE_PORT_RECEIVE, 16);
ABI_VAL(MACH_MSG_TYPE_PORT_SEND, 17);
ABI_VAL(MACH_MSG_TYPE_PORT_SEND_ONCE, 18);
ABI_VAL(MACH_MSG_TYPE_LAST, 22);
ABI_VAL(MACH_MSG_TYPE_POLYMORPHIC, 0xffffffffu);
ABI_VAL(MACH_MSG_TYPE_PORT_ANY(15), 0);
ABI_VAL(MACH_MSG_TYPE_PORT_ANY(16), 1);
ABI_VAL(MACH_MSG_TYPE_PORT_ANY(21), 1);
ABI_VAL(MACH_MSG_TYPE_PORT_ANY(22), 0);
ABI_VAL(MACH_MSG_TYPE_PORT_ANY_SEND(16), 0);
ABI_VAL(MACH_MSG_TYPE_PORT_ANY_SEND(17), 1);
ABI_VAL(MACH_MSG_TYPE_PORT_ANY_SEND(21), 1);
ABI_VAL(MACH_MSG_TYPE_PORT_ANY_RIGHT(18), 1);
ABI_VAL(MACH_MSG_TYPE_PORT_ANY_RIGHT(19), 0);
ABI_VAL(MACH_MSG_PHYSICAL_COPY, 0);
ABI_VAL(MACH_MSG_VIRTUAL_COPY, 1);
ABI_VAL(MACH_MSG_ALLOCATE, 2);
ABI_VAL(MACH_MSG_OVERWRITE, 3);

/* group "header": header, body, base */
ABI_SIZE(mach_msg_header_t, 24);
ABI_OFF(mach_msg_header_t, msgh_bits, 0);
ABI_OFF(mach_msg_header_t, msgh_size, 4);
ABI_OFF(mach_msg_header_t, msgh_remote_port, 8);
ABI_OFF(mach_msg_header_t, msgh_local_port, 12);
ABI_OFF(mach_msg_header_t, msgh_voucher_port, 16);
ABI_OFF(mach_msg_header_t, msgh_reserved, 16);
ABI_OFF(mach_msg_header_t, msgh_id, 20);
ABI_SIZE(mach_msg_body_t, 4);
ABI_SIZE(mach_msg_base_t, 28);
ABI_OFF(mach_msg_base_t, body, 24);
ABI_SIZE(mach_msg_empty_send_t, 24);
ABI_SIZE(mach_msg_empty_rcv_t, 32);
ABI_VAL(round_msg(25), 28);
ABI_VAL(round_msg(28), 28);

/* group "descriptors": sizes and 4-byte packing (bit fields: runtime) */
ABI_VAL(MACH_MSG_PORT_DESCRIPTOR, 0);
ABI_VAL(MACH_MSG_OOL_DESCRIPTOR, 1);
ABI_VAL(MACH_MSG_OOL_PORTS_DESCRIPTOR, 2);
ABI_VAL(MACH_MSG_OOL_VOLATILE_DESCRIPTOR, 3);
ABI_VAL(MACH_MSG_GUARDED_PORT_DESCRIPTOR, 4);
ABI_SIZE(mach_msg_type_descriptor_t, 12);
ABI_SIZE(mach_msg_port_descriptor_t, 12);
ABI_OFF(mach_msg_port_descriptor_t, name, 0);
ABI_OFF(mach_msg_port_descriptor_t, pad1, 4);
ABI_SIZE(mach_msg_ool_descriptor_t, 16);
ABI_OFF(mach_msg_ool_descriptor_t, address, 0);
ABI_OFF(mach_msg_ool_descriptor_t, size, 12);
ABI_SIZE(mach_msg_ool_descriptor32_t, 12);
ABI_OFF(mach_msg_ool_descriptor32_t, size, 4);
ABI_SIZE(mach_msg_ool_descriptor64_t, 16);
ABI_OFF(mach_msg_ool_descriptor64_t, size, 12);
ABI_SIZE(mach_msg_ool_ports_descriptor_t, 16);
ABI_OFF(mach_msg_ool_ports_descriptor_t, count, 12);
ABI_SIZE(mach_msg_ool_ports_descriptor32_t, 12);
ABI_SIZE(mach_msg_ool_ports_descriptor64_t, 16);
ABI_SIZE(mach_msg_guarded_port_descriptor_t, 16);
ABI_OFF(mach_msg_guarded_port_descriptor_t, context, 0);
ABI_OFF(mach_msg_guarded_port_descriptor_t, name, 12);
ABI_SIZE(mach_msg_guarded_port_descriptor32_t, 12);
ABI_SIZE(mach_msg_guarded_port_descriptor64_t, 16);
ABI_SIZE(mach_msg_descriptor_t, 16);
_Static_assert(_Alignof(mach_msg_ool_descriptor_t) == 4,
    "descriptors are packed to 4 bytes");
_Static_assert(_Alignof(mach_msg_descriptor_t) == 4,
    "the descriptor union is packed to 4 bytes");
/* a header, a body, a port and an OOL descriptor: no padding anywhere */
struct abi_complex_msg {
	mach_msg_header_t		header;
	mach_msg_body_t			body;
	mach_msg_port_descriptor_t	port;
	mach_msg_ool_descriptor_t	ool;
};
ABI_OFF(struct abi_complex_msg, port, 28);
ABI_OFF(struct abi_complex_msg, ool, 40);
ABI_SIZE(struct abi_complex_msg, 56);

/* group "trailers" */
ABI_VAL(MACH_MSG_TRAILER_FORMAT_0, 0);
ABI_SIZE(security_token_t, 8);
ABI_SIZE(audit_token_t, 32);
ABI_SIZE(msg_labels_t, 4);
ABI_SIZE(mach_msg_trailer_t, 8);
ABI_SIZE(mach_msg_seqno_trailer_t, 12);
ABI_SIZE(mach_msg_security_trailer_t, 20);
ABI_OFF(mach_msg_security_trailer_t, msgh_sender, 12);
ABI_SIZE(mach_msg_audit_trailer_t, 52);
ABI_OFF(mach_msg_audit_trailer_t, msgh_audit, 20);
ABI_SIZE(mach_msg_context_trailer_t, 60);
ABI_OFF(mach_msg_context_trailer_t, msgh_context, 52);
ABI_SIZE(mach_msg_mac_trailer_t, 68);
ABI_OFF(mach_msg_mac_trailer_t, msgh_ad, 60);
ABI_OFF(mach_msg_mac_trailer_t, msgh_labels, 64);
ABI_SIZE(mach_msg_max_trailer_t, 68);
ABI_SIZE(mach_msg_format_0_trailer_t, 20);
ABI_VAL(MACH_MSG_TRAILER_MINIMUM_SIZE, 8);
ABI_VAL(MACH_MSG_TRAILER_FORMAT_0_SIZE, 20);
ABI_VAL(MAX_TRAILER_SIZE, 68);
ABI_VAL(MACH_RCV_TRAILER_NULL, 0);
ABI_VAL(MACH_RCV_TRAILER_SEQNO, 1);
ABI_VAL(MACH_RCV_TRAILER_SENDER, 2);
ABI_VAL(MACH_RCV_TRAILER_AUDIT, 3);
ABI_VAL(MACH_RCV_TRAILER_CTX, 4);
ABI_VAL(MACH_RCV_TRAILER_AV, 7);
ABI_VAL(MACH_RCV_TRAILER_LABELS, 8);
ABI_VAL(MACH_RCV_TRAILER_TYPE(MACH_MSG_TRAILER_FORMAT_0), 0);
ABI_VAL(MACH_RCV_TRAILER_TYPE(1), 0x10000000);
ABI_VAL(MACH_RCV_TRAILER_ELEMENTS(MACH_RCV_TRAILER_AUDIT), 0x03000000);
ABI_VAL(MACH_RCV_TRAILER_MASK, 0x0f000000);
ABI_VAL(GET_RCV_ELEMENTS(0x07000002), 7);
ABI_VAL(REQUESTED_TRAILER_SIZE(MACH_RCV_MSG), 8);
ABI_VAL(REQUESTED_TRAILER_SIZE(MACH_RCV_MSG |
    MACH_RCV_TRAILER_ELEMENTS(MACH_RCV_TRAILER_SEQNO)), 12);
ABI_VAL(REQUESTED_TRAILER_SIZE(MACH_RCV_MSG |
    MACH_RCV_TRAILER_ELEMENTS(MACH_RCV_TRAILER_SENDER)), 20);
ABI_VAL(REQUESTED_TRAILER_SIZE(MACH_RCV_MSG |
    MACH_RCV_TRAILER_ELEMENTS(MACH_RCV_TRAILER_AUDIT)), 52);
ABI_VAL(REQUESTED_TRAILER_SIZE(MACH_RCV_MSG |
    MACH_RCV_TRAILER_ELEMENTS(MACH_RCV_TRAILER_CTX)), 60);
ABI_VAL(REQUESTED_TRAILER_SIZE(MACH_RCV_MSG |
    MACH_RCV_TRAILER_ELEMENTS(MACH_RCV_TRAILER_AV)), 68);
ABI_VAL(REQUESTED_TRAILER_SIZE(MACH_RCV_MSG |
    MACH_RCV_TRAILER_ELEMENTS(MACH_RCV_TRAILER_LABELS)), 68);
ABI_VAL(REQUESTED_TRAILER_SIZE(MACH_RCV_MSG | MACH_RCV_TRAILER_ELEMENTS(5)),
    68);

/* group "options" */
ABI_VAL(MACH_MSG_OPTION_NONE, 0);
ABI_VAL(MACH_SEND_MSG, 0x1);
ABI_VAL(MACH_RCV_MSG, 0x2);
ABI_VAL(MACH_RCV_LARGE, 0x4);
ABI_VAL(MACH_RCV_LARGE_IDENTITY, 0x8);
ABI_VAL(MACH_SEND_TIMEOUT, 0x10);
ABI_VAL(MACH_SEND_OVERRIDE, 0x20);
ABI_VAL(MACH_SEND_INTERRUPT, 0x40);
ABI_VAL(MACH_SEND_NOTIFY, 0x80);
ABI_VAL(MACH_RCV_TIMEOUT, 0x100);
ABI_VAL(MACH_MSG_STRICT_REPLY, 0x200);
ABI_VAL(MACH_RCV_NOTIFY, 0);
ABI_VAL(MACH_RCV_INTERRUPT, 0x400);
ABI_VAL(MACH_RCV_VOUCHER, 0x800);
ABI_VAL(MACH_RCV_OVERWRITE, 0);
ABI_VAL(MACH_RCV_GUARDED_DESC, 0x1000);
ABI_VAL(MACH_RCV_SYNC_WAIT, 0x4000);
ABI_VAL(MACH_RCV_SYNC_PEEK, 0x8000);
ABI_VAL(MACH_SEND_ALWAYS, 0x10000);
ABI_VAL(MACH_SEND_FILTER_NONFATAL, 0x10000);
ABI_VAL(MACH_SEND_TRAILER, 0x20000);
ABI_VAL(MACH_SEND_NOIMPORTANCE, 0x40000);
ABI_VAL(MACH_SEND_IMPORTANCE, 0x80000);
ABI_VAL(MACH_SEND_SYNC_OVERRIDE, 0x100000);
ABI_VAL(MACH_SEND_PROPAGATE_QOS, 0x200000);
ABI_VAL(MACH_SEND_KERNEL, 0x400000);
ABI_VAL(MACH_SEND_SYNC_BOOTSTRAP_CHECKIN, 0x800000);
ABI_VAL(MACH_MSG_TIMEOUT_NONE, 0);

/* group "returns": mach_msg's codes and the error layout */
ABI_VAL(MACH_MSG_SUCCESS, 0);
ABI_VAL(MACH_MSG_MASK, 0x3e00);
ABI_VAL(MACH_MSG_IPC_SPACE, 0x2000);
ABI_VAL(MACH_MSG_VM_SPACE, 0x1000);
ABI_VAL(MACH_MSG_IPC_KERNEL, 0x800);
ABI_VAL(MACH_MSG_VM_KERNEL, 0x400);
ABI_VAL(MACH_SEND_IN_PROGRESS, 0x10000001);
ABI_VAL(MACH_SEND_INVALID_DATA, 0x10000002);
ABI_VAL(MACH_SEND_INVALID_DEST, 0x10000003);
ABI_VAL(MACH_SEND_TIMED_OUT, 0x10000004);
ABI_VAL(MACH_SEND_INVALID_VOUCHER, 0x10000005);
ABI_VAL(MACH_SEND_INTERRUPTED, 0x10000007);
ABI_VAL(MACH_SEND_MSG_TOO_SMALL, 0x10000008);
ABI_VAL(MACH_SEND_INVALID_REPLY, 0x10000009);
ABI_VAL(MACH_SEND_INVALID_RIGHT, 0x1000000a);
ABI_VAL(MACH_SEND_INVALID_NOTIFY, 0x1000000b);
ABI_VAL(MACH_SEND_INVALID_MEMORY, 0x1000000c);
ABI_VAL(MACH_SEND_NO_BUFFER, 0x1000000d);
ABI_VAL(MACH_SEND_TOO_LARGE, 0x1000000e);
ABI_VAL(MACH_SEND_INVALID_TYPE, 0x1000000f);
ABI_VAL(MACH_SEND_INVALID_HEADER, 0x10000010);
ABI_VAL(MACH_SEND_INVALID_TRAILER, 0x10000011);
ABI_VAL(MACH_SEND_INVALID_CONTEXT, 0x10000012);
ABI_VAL(MACH_SEND_INVALID_OPTIONS, 0x10000013);
ABI_VAL(MACH_SEND_INVALID_RT_OOL_SIZE, 0x10000015);
ABI_VAL(MACH_SEND_NO_GRANT_DEST, 0x10000016);
ABI_VAL(MACH_SEND_MSG_FILTERED, 0x10000017);
ABI_VAL(MACH_RCV_IN_PROGRESS, 0x10004001);
ABI_VAL(MACH_RCV_INVALID_NAME, 0x10004002);
ABI_VAL(MACH_RCV_TIMED_OUT, 0x10004003);
ABI_VAL(MACH_RCV_TOO_LARGE, 0x10004004);
ABI_VAL(MACH_RCV_INTERRUPTED, 0x10004005);
ABI_VAL(MACH_RCV_PORT_CHANGED, 0x10004006);
ABI_VAL(MACH_RCV_INVALID_NOTIFY, 0x10004007);
ABI_VAL(MACH_RCV_INVALID_DATA, 0x10004008);
ABI_VAL(MACH_RCV_PORT_DIED, 0x10004009);
ABI_VAL(MACH_RCV_IN_SET, 0x1000400a);
ABI_VAL(MACH_RCV_HEADER_ERROR, 0x1000400b);
ABI_VAL(MACH_RCV_BODY_ERROR, 0x1000400c);
ABI_VAL(MACH_RCV_INVALID_TYPE, 0x1000400d);
ABI_VAL(MACH_RCV_SCATTER_SMALL, 0x1000400e);
ABI_VAL(MACH_RCV_INVALID_TRAILER, 0x1000400f);
ABI_VAL(MACH_RCV_IN_PROGRESS_TIMED, 0x10004011);
ABI_VAL(MACH_RCV_INVALID_REPLY, 0x10004012);
ABI_VAL(MACH_RCV_INVALID_ARGUMENTS, 0x10004013);
ABI_VAL(err_mach_ipc, 0x10000000);
ABI_VAL(err_get_system(MACH_SEND_INVALID_DEST), 4);
ABI_VAL(err_get_sub(MACH_SEND_INVALID_DEST), 0);
ABI_VAL(err_get_code(MACH_SEND_INVALID_DEST), 3);
ABI_VAL(err_get_system(MACH_RCV_TIMED_OUT), 4);
ABI_VAL(err_get_sub(MACH_RCV_TIMED_OUT), 1);
ABI_VAL(unix_err(2), 0xc002);

/* group "notify" */
ABI_VAL(MACH_NOTIFY_FIRST, 64);
ABI_VAL(MACH_NOTIFY_PORT_DELETED, 65);
ABI_VAL(MACH_NOTIFY_SEND_POSSIBLE, 66);
ABI_VAL(MACH_NOTIFY_PORT_DESTROYED, 69);
ABI_VAL(MACH_NOTIFY_NO_SENDERS, 70);
ABI_VAL(MACH_NOTIFY_SEND_ONCE, 71);
ABI_VAL(MACH_NOTIFY_DEAD_NAME, 72);
ABI_VAL(MACH_NOTIFY_LAST, 77);
ABI_SIZE(NDR_record_t, 8);
ABI_SIZE(mach_port_deleted_notification_t, 56);
ABI_OFF(mach_port_deleted_notification_t, NDR, 24);
ABI_OFF(mach_port_deleted_notification_t, not_port, 32);
ABI_OFF(mach_port_deleted_notification_t, trailer, 36);
ABI_SIZE(mach_send_possible_notification_t, 56);
ABI_SIZE(mach_port_destroyed_notification_t, 60);
ABI_OFF(mach_port_destroyed_notification_t, not_body, 24);
ABI_OFF(mach_port_destroyed_notification_t, not_port, 28);
ABI_OFF(mach_port_destroyed_notification_t, trailer, 40);
ABI_SIZE(mach_no_senders_notification_t, 56);
ABI_OFF(mach_no_senders_notification_t, not_count, 32);
ABI_SIZE(mach_send_once_notification_t, 44);
ABI_SIZE(mach_dead_name_notification_t, 56);
ABI_OFF(mach_dead_name_notification_t, not_port, 32);

/* group "task_exc": special ports, exceptions, sync policy */
ABI_VAL(TASK_KERNEL_PORT, 1);
ABI_VAL(TASK_HOST_PORT, 2);
ABI_VAL(TASK_NAME_PORT, 3);
ABI_VAL(TASK_BOOTSTRAP_PORT, 4);
ABI_VAL(TASK_INSPECT_PORT, 5);
ABI_VAL(TASK_READ_PORT, 6);
ABI_VAL(TASK_ACCESS_PORT, 9);
ABI_VAL(TASK_DEBUG_CONTROL_PORT, 10);
ABI_VAL(TASK_RESOURCE_NOTIFY_PORT, 11);
ABI_VAL(TASK_MAX_SPECIAL_PORT, 11);
ABI_VAL(EXCEPTION_DEFAULT, 1);
ABI_VAL(EXCEPTION_STATE, 2);
ABI_VAL(EXCEPTION_STATE_IDENTITY, 3);
ABI_VAL(EXCEPTION_IDENTITY_PROTECTED, 4);
ABI_VAL(MACH_EXCEPTION_CODES, 0x80000000u);
ABI_VAL(MACH_EXCEPTION_MASK, 0xe0000000u);
ABI_VAL(EXC_MASK_BAD_ACCESS, 0x2);
ABI_VAL(EXC_MASK_CRASH, 0x400);
ABI_VAL(EXC_MASK_CORPSE_NOTIFY, 0x2000);
ABI_VAL(EXC_MASK_ALL, 0x1bfe);
ABI_VAL(EXC_SOFT_SIGNAL, 0x10003);
ABI_VAL(SYNC_POLICY_FIFO, 0);
ABI_VAL(SYNC_POLICY_FIXED_PRIORITY, 1);
ABI_VAL(SYNC_POLICY_REVERSED, 2);
ABI_VAL(SYNC_POLICY_LIFO, 2);
ABI_VAL(SYNC_POLICY_ORDER_MASK, 3);

/* group "task_info": task, thread and host info, regions, kern_return_t */
ABI_SIZE(time_value_t, 8);
ABI_VAL(TIME_MICROS_MAX, 1000000);
ABI_VAL(POLICY_TIMESHARE, 1);
ABI_VAL(POLICY_RR, 2);
ABI_VAL(POLICY_FIFO, 4);
ABI_VAL(TASK_BASIC_INFO_32, 4);
ABI_VAL(TASK_BASIC_INFO_64, 5);
ABI_VAL(TASK_BASIC_INFO, 5);
ABI_VAL(MACH_TASK_BASIC_INFO, 20);
ABI_VAL(TASK_INFO_MAX, 1024);
ABI_SIZE(struct task_basic_info_32, 32);
ABI_VAL(TASK_BASIC_INFO_32_COUNT, 8);
ABI_SIZE(struct task_basic_info_64, 40);
ABI_OFF(struct task_basic_info_64, suspend_count, 0);
ABI_OFF(struct task_basic_info_64, virtual_size, 4);
ABI_OFF(struct task_basic_info_64, resident_size, 12);
ABI_OFF(struct task_basic_info_64, user_time, 20);
ABI_OFF(struct task_basic_info_64, system_time, 28);
ABI_OFF(struct task_basic_info_64, policy, 36);
ABI_VAL(TASK_BASIC_INFO_64_COUNT, 10);
ABI_SIZE(struct task_basic_info, 40);
ABI_OFF(struct task_basic_info, resident_size, 12);
ABI_VAL(TASK_BASIC_INFO_COUNT, 10);
ABI_SIZE(struct mach_task_basic_info, 48);
ABI_OFF(struct mach_task_basic_info, resident_size, 8);
ABI_OFF(struct mach_task_basic_info, resident_size_max, 16);
ABI_OFF(struct mach_task_basic_info, user_time, 24);
ABI_OFF(struct mach_task_basic_info, system_time, 32);
ABI_OFF(struct mach_task_basic_info, policy, 40);
ABI_OFF(struct mach_task_basic_info, suspend_count, 44);
ABI_VAL(MACH_TASK_BASIC_INFO_COUNT, 12);
ABI_VAL(THREAD_BASIC_INFO, 3);
ABI_VAL(THREAD_INFO_MAX, 32);
ABI_SIZE(struct thread_basic_info, 40);
ABI_OFF(struct thread_basic_info, cpu_usage, 16);
ABI_OFF(struct thread_basic_info, policy, 20);
ABI_OFF(struct thread_basic_info, run_state, 24);
ABI_OFF(struct thread_basic_info, flags, 28);
ABI_OFF(struct thread_basic_info, suspend_count, 32);
ABI_OFF(struct thread_basic_info, sleep_time, 36);
ABI_VAL(THREAD_BASIC_INFO_COUNT, 10);
ABI_VAL(TH_USAGE_SCALE, 1000);
ABI_VAL(TH_STATE_RUNNING, 1);
ABI_VAL(TH_STATE_STOPPED, 2);
ABI_VAL(TH_STATE_WAITING, 3);
ABI_VAL(TH_STATE_UNINTERRUPTIBLE, 4);
ABI_VAL(TH_STATE_HALTED, 5);
ABI_VAL(TH_FLAGS_SWAPPED, 1);
ABI_VAL(TH_FLAGS_IDLE, 2);
ABI_VAL(HOST_BASIC_INFO, 1);
ABI_VAL(HOST_SCHED_INFO, 3);
ABI_VAL(HOST_PRIORITY_INFO, 5);
ABI_SIZE(struct host_basic_info, 48);
ABI_OFF(struct host_basic_info, memory_size, 8);
ABI_OFF(struct host_basic_info, cpu_type, 12);
ABI_OFF(struct host_basic_info, cpu_threadtype, 20);
ABI_OFF(struct host_basic_info, logical_cpu_max, 36);
ABI_OFF(struct host_basic_info, max_mem, 40);
ABI_VAL(HOST_BASIC_INFO_COUNT, 12);
ABI_VAL(HOST_BASIC_INFO_OLD_COUNT, 5);
ABI_VAL(HOST_LOAD_INFO, 1);
ABI_VAL(HOST_VM_INFO, 2);
ABI_VAL(HOST_CPU_LOAD_INFO, 3);
ABI_VAL(HOST_VM_INFO64, 4);
ABI_VAL(HOST_EXTMOD_INFO64, 5);
ABI_VAL(HOST_EXPIRED_TASK_INFO, 6);
ABI_VAL(HOST_INFO64_MAX, 256);
ABI_VAL(LOAD_SCALE, 1000);
ABI_VAL(HOST_LOAD_INFO_COUNT, 6);
ABI_VAL(HOST_CPU_LOAD_INFO_COUNT, 4);
ABI_VAL(CPU_STATE_MAX, 4);
ABI_VAL(CPU_STATE_USER, 0);
ABI_VAL(CPU_STATE_SYSTEM, 1);
ABI_VAL(CPU_STATE_IDLE, 2);
ABI_VAL(CPU_STATE_NICE, 3);
ABI_SIZE(struct vm_statistics, 60);
ABI_OFF(struct vm_statistics, faults, 32);
ABI_OFF(struct vm_statistics, purgeable_count, 48);
ABI_OFF(struct vm_statistics, speculative_count, 56);
ABI_VAL(HOST_VM_INFO_COUNT, 15);
ABI_VAL(HOST_VM_INFO_REV1_COUNT, 14);
ABI_VAL(HOST_VM_INFO_REV0_COUNT, 12);
ABI_SIZE(struct vm_statistics64, 152);
ABI_OFF(struct vm_statistics64, zero_fill_count, 16);
ABI_OFF(struct vm_statistics64, faults, 48);
ABI_OFF(struct vm_statistics64, purges, 80);
ABI_OFF(struct vm_statistics64, purgeable_count, 88);
ABI_OFF(struct vm_statistics64, decompressions, 96);
ABI_OFF(struct vm_statistics64, compressor_page_count, 128);
ABI_OFF(struct vm_statistics64, internal_page_count, 140);
ABI_OFF(struct vm_statistics64, total_uncompressed_pages_in_compressor, 144);
ABI_VAL(HOST_VM_INFO64_COUNT, 38);
ABI_VAL(HOST_VM_INFO64_REV0_COUNT, 24);
ABI_VAL(VM_BEHAVIOR_DEFAULT, 0);
ABI_VAL(VM_BEHAVIOR_RSEQNTL, 3);
ABI_VAL(VM_BEHAVIOR_WILLNEED, 4);
ABI_VAL(VM_BEHAVIOR_FREE, 6);
ABI_VAL(VM_BEHAVIOR_ZERO_WIRED_PAGES, 7);
ABI_VAL(VM_BEHAVIOR_REUSABLE, 8);
ABI_VAL(VM_BEHAVIOR_PAGEOUT, 11);
ABI_VAL(VM_BEHAVIOR_ZERO, 12);
ABI_VAL(VM_SYNC_ASYNCHRONOUS, 0x01);
ABI_VAL(VM_SYNC_SYNCHRONOUS, 0x02);
ABI_VAL(VM_SYNC_INVALIDATE, 0x04);
ABI_VAL(VM_SYNC_KILLPAGES, 0x08);
ABI_VAL(VM_SYNC_DEACTIVATE, 0x10);
ABI_VAL(VM_SYNC_CONTIGUOUS, 0x20);
ABI_VAL(VM_SYNC_REUSABLEPAGES, 0x40);
ABI_SIZE(ipc_info_space_basic_t, 24);
ABI_OFF(ipc_info_space_basic_t, iisb_table_inuse, 12);
ABI_VAL(MAP_MEM_ONLY, 0x010000);
ABI_VAL(MAP_MEM_NAMED_CREATE, 0x020000);
ABI_VAL(MAP_MEM_PURGABLE, 0x040000);
ABI_VAL(MAP_MEM_NAMED_REUSE, 0x080000);
ABI_VAL(MAP_MEM_USE_DATA_ADDR, 0x100000);
ABI_VAL(MAP_MEM_VM_COPY, 0x200000);
ABI_VAL(MAP_MEM_VM_SHARE, 0x400000);
ABI_VAL(MAP_MEM_4K_DATA_ADDR, 0x800000);
ABI_SIZE(memory_object_offset_t, 8);
ABI_SIZE(memory_object_size_t, 8);
ABI_SIZE(struct rvmach_vm_map_args, 56);
ABI_VAL(THREAD_STANDARD_POLICY, 1);
ABI_VAL(THREAD_STANDARD_POLICY_COUNT, 0);
ABI_VAL(THREAD_EXTENDED_POLICY, 1);
ABI_VAL(THREAD_EXTENDED_POLICY_COUNT, 1);
ABI_VAL(THREAD_TIME_CONSTRAINT_POLICY, 2);
ABI_SIZE(struct thread_time_constraint_policy, 16);
ABI_OFF(struct thread_time_constraint_policy, preemptible, 12);
ABI_VAL(THREAD_TIME_CONSTRAINT_POLICY_COUNT, 4);
ABI_VAL(THREAD_PRECEDENCE_POLICY, 3);
ABI_VAL(THREAD_PRECEDENCE_POLICY_COUNT, 1);
ABI_VAL(THREAD_AFFINITY_POLICY, 4);
ABI_VAL(THREAD_AFFINITY_POLICY_COUNT, 1);
ABI_VAL(THREAD_AFFINITY_TAG_NULL, 0);
ABI_VAL(THREAD_BACKGROUND_POLICY, 5);
ABI_VAL(THREAD_LATENCY_QOS_POLICY, 7);
ABI_VAL(THREAD_THROUGHPUT_QOS_POLICY, 8);
ABI_VAL(THREAD_IDENTIFIER_INFO, 4);
ABI_SIZE(struct thread_identifier_info, 24);
ABI_VAL(THREAD_IDENTIFIER_INFO_COUNT, 6);
ABI_VAL(THREAD_EXTENDED_INFO, 5);
ABI_SIZE(struct thread_extended_info, 112);
ABI_OFF(struct thread_extended_info, pth_cpu_usage, 16);
ABI_OFF(struct thread_extended_info, pth_curpri, 36);
ABI_OFF(struct thread_extended_info, pth_maxpriority, 44);
ABI_OFF(struct thread_extended_info, pth_name, 48);
ABI_VAL(THREAD_EXTENDED_INFO_COUNT, 28);
ABI_VAL(MAXTHREADNAMESIZE, 64);
ABI_VAL(TASK_THREAD_TIMES_INFO, 3);
ABI_SIZE(struct task_thread_times_info, 16);
ABI_VAL(TASK_THREAD_TIMES_INFO_COUNT, 4);
ABI_VAL(TASK_ABSOLUTETIME_INFO, 1);
ABI_SIZE(struct task_absolutetime_info, 32);
ABI_VAL(TASK_ABSOLUTETIME_INFO_COUNT, 8);
ABI_VAL(CPU_ARCH_ABI64, 0x01000000);
ABI_VAL(CPU_TYPE_X86_64, 0x01000007);
ABI_VAL(CPU_TYPE_ARM64, 0x0100000c);
ABI_VAL(CPU_TYPE_ANY, -1);
ABI_VAL(CPU_TYPE_RISCV, 24);		/* LLVM's value; XNU has none */
ABI_VAL(CPU_TYPE_RISCV64, 0x01000018);	/* rvmach's */
ABI_SIZE(struct vm_region_basic_info_64, 36);
ABI_OFF(struct vm_region_basic_info_64, offset, 20);
ABI_OFF(struct vm_region_basic_info_64, behavior, 28);
ABI_OFF(struct vm_region_basic_info_64, user_wired_count, 32);
ABI_VAL(VM_REGION_BASIC_INFO_64, 9);
ABI_VAL(VM_REGION_BASIC_INFO_COUNT_64, 9);
ABI_VAL(THREAD_STATE_MAX, 66);
ABI_SIZE(thread_state_data_t, 264);
ABI_VAL(KERN_MEMORY_DATA_MOVED, 24);
ABI_VAL(KERN_INVALID_LEDGER, 33);
ABI_VAL(KERN_TERMINATED, 37);
ABI_VAL(KERN_RPC_SERVER_TERMINATED, 43);
ABI_VAL(KERN_NOT_SUPPORTED, 46);
ABI_VAL(KERN_NODE_DOWN, 47);
ABI_VAL(KERN_CODESIGN_ERROR, 50);
ABI_VAL(KERN_DENIED, 53);
ABI_VAL(KERN_NOT_FOUND, 56);
ABI_VAL(KERN_RETURN_MAX, 0x100);

/*
 * group "exc": the exception messages of exc.defs and mach_exc.defs as
 * MIG lays them out for LP64 (pack 4).  Only the state arrays' bound is
 * rvmach's (THREAD_STATE_MAX: 66 words, the float state; XNU's arm64 has
 * 1296), so only the sizes of the state messages differ from XNU's.
 */
ABI_VAL(EXC_TYPES_COUNT, 14);
ABI_VAL(EXCEPTION_CODE_MAX, 2);
ABI_VAL(RISCV_THREAD_STATE_COUNT, 64);
ABI_VAL(RISCV_FLOAT_STATE_COUNT, 66);
ABI_VAL(EXC_MSGID_EXCEPTION_RAISE, 2401);
ABI_VAL(EXC_MSGID_EXCEPTION_RAISE_STATE, 2402);
ABI_VAL(EXC_MSGID_EXCEPTION_RAISE_STATE_IDENTITY, 2403);
ABI_VAL(MACH_EXC_MSGID_EXCEPTION_RAISE, 2405);
ABI_VAL(MACH_EXC_MSGID_EXCEPTION_RAISE_STATE, 2406);
ABI_VAL(MACH_EXC_MSGID_EXCEPTION_RAISE_STATE_IDENTITY, 2407);
ABI_SIZE(__Request__exception_raise_t, 76);
ABI_OFF(__Request__exception_raise_t, msgh_body, 24);
ABI_OFF(__Request__exception_raise_t, thread, 28);
ABI_OFF(__Request__exception_raise_t, task, 40);
ABI_OFF(__Request__exception_raise_t, NDR, 52);
ABI_OFF(__Request__exception_raise_t, exception, 60);
ABI_OFF(__Request__exception_raise_t, codeCnt, 64);
ABI_OFF(__Request__exception_raise_t, code, 68);
ABI_OFF(__Request__exception_raise_state_t, NDR, 24);
ABI_OFF(__Request__exception_raise_state_t, exception, 32);
ABI_OFF(__Request__exception_raise_state_t, code, 40);
ABI_OFF(__Request__exception_raise_state_t, flavor, 48);
ABI_OFF(__Request__exception_raise_state_t, old_stateCnt, 52);
ABI_OFF(__Request__exception_raise_state_t, old_state, 56);
ABI_SIZE(__Request__exception_raise_state_t, 56 + 66 * 4);
ABI_OFF(__Request__exception_raise_state_identity_t, task, 40);
ABI_OFF(__Request__exception_raise_state_identity_t, NDR, 52);
ABI_OFF(__Request__exception_raise_state_identity_t, code, 68);
ABI_OFF(__Request__exception_raise_state_identity_t, flavor, 76);
ABI_OFF(__Request__exception_raise_state_identity_t, old_stateCnt, 80);
ABI_OFF(__Request__exception_raise_state_identity_t, old_state, 84);
ABI_SIZE(__Request__exception_raise_state_identity_t, 84 + 66 * 4);
ABI_SIZE(__Request__mach_exception_raise_t, 84);
ABI_OFF(__Request__mach_exception_raise_t, code, 68);
ABI_OFF(__Request__mach_exception_raise_state_t, code, 40);
ABI_OFF(__Request__mach_exception_raise_state_t, flavor, 56);
ABI_OFF(__Request__mach_exception_raise_state_t, old_stateCnt, 60);
ABI_OFF(__Request__mach_exception_raise_state_t, old_state, 64);
ABI_SIZE(__Request__mach_exception_raise_state_t, 64 + 66 * 4);
ABI_OFF(__Request__mach_exception_raise_state_identity_t, code, 68);
ABI_OFF(__Request__mach_exception_raise_state_identity_t, flavor, 84);
ABI_OFF(__Request__mach_exception_raise_state_identity_t, old_stateCnt, 88);
ABI_OFF(__Request__mach_exception_raise_state_identity_t, old_state, 92);
ABI_SIZE(__Request__mach_exception_raise_state_identity_t, 92 + 66 * 4);
ABI_SIZE(__Reply__exception_raise_t, 36);
ABI_OFF(__Reply__exception_raise_t, NDR, 24);
ABI_OFF(__Reply__exception_raise_t, RetCode, 32);
ABI_SIZE(__Reply__mach_exception_raise_t, 36);
ABI_OFF(__Reply__exception_raise_state_t, flavor, 36);
ABI_OFF(__Reply__exception_raise_state_t, new_stateCnt, 40);
ABI_OFF(__Reply__exception_raise_state_t, new_state, 44);
ABI_SIZE(__Reply__exception_raise_state_t, 44 + 66 * 4);
ABI_OFF(__Reply__mach_exception_raise_state_identity_t, new_state, 44);
ABI_SIZE(__Reply__mach_exception_raise_state_identity_t, 44 + 66 * 4);
ABI_SIZE(mig_reply_error_t, 36);
ABI_OFF(mig_reply_error_t, RetCode, 32);
ABI_VAL(MIG_TYPE_ERROR, -300);
ABI_VAL(MIG_REPLY_MISMATCH, -301);
ABI_VAL(MIG_BAD_ARGUMENTS, -304);
ABI_VAL(MIG_ARRAY_TOO_LARGE, -307);
ABI_VAL(MIG_SERVER_DIED, -308);
ABI_VAL(MIG_BAD_ID, -303);
/* the MIG routines served on kernel-object ports (<mach/mig_kobject.h>) */
ABI_SIZE(__Request__mach_port_type_t, 36);
ABI_SIZE(__Reply__mach_port_type_t, 40);
ABI_SIZE(__Request__mach_port_allocate_t, 36);
ABI_OFF(__Reply__mach_port_allocate_t, name, 36);
ABI_SIZE(__Reply__mach_port_allocate_t, 40);
ABI_SIZE(__Request__mach_port_get_refs_t, 40);
ABI_SIZE(__Reply__mach_port_get_refs_t, 40);
ABI_OFF(__Request__mach_port_mod_refs_t, delta, 40);
ABI_SIZE(__Request__mach_port_mod_refs_t, 44);
ABI_SIZE(__Reply__mach_port_mod_refs_t, 36);
ABI_SIZE(__Request__task_terminate_t, 24);
ABI_SIZE(__Reply__task_suspend_t, 36);
ABI_SIZE(__Request__thread_abort_t, 24);
ABI_SIZE(__Reply__thread_resume_t, 36);
ABI_OFF(__Request__mach_vm_allocate_t, address, 32);
ABI_OFF(__Request__mach_vm_allocate_t, flags, 48);
ABI_SIZE(__Request__mach_vm_allocate_t, 52);
ABI_OFF(__Reply__mach_vm_allocate_t, address, 36);
ABI_SIZE(__Reply__mach_vm_allocate_t, 44);
ABI_SIZE(__Request__mach_vm_deallocate_t, 48);
ABI_OFF(__Request__mach_vm_protect_t, new_protection, 52);
ABI_SIZE(__Request__mach_vm_protect_t, 56);
ABI_SIZE(__Request__mach_vm_inherit_t, 52);
ABI_SIZE(__Request__host_info_t, 40);
ABI_OFF(__Reply__host_info_t, host_info_out, 40);
ABI_SIZE(__Reply__host_info_t, 40 + 68 * 4);
ABI_OFF(__Reply___host_page_size_t, out_page_size, 36);
ABI_SIZE(__Reply___host_page_size_t, 44);
ABI_SIZE(struct rvmach_exception_ports, 4 + 4 * 14 * 4);
ABI_VAL(RVMACH_TRAP_task_set_exception_ports, -170);
ABI_VAL(RVMACH_TRAP_host_swap_exception_ports, -178);

/*
 * The bit fields, each stored and then found in the byte (little-endian
 * RV64 and x86_64) where XNU's compilers put it.  Returns how many are
 * misplaced.
 */
static inline int
abi_byte(const void *p, size_t off)
{
	return ((const unsigned char *)p)[off];
}

static inline int
abi_check_bitfields(void)
{
	int bad = 0;
	mach_msg_port_descriptor_t port;
	mach_msg_ool_descriptor_t ool;
	mach_msg_ool_ports_descriptor_t oolp;
	mach_msg_guarded_port_descriptor_t gp;
	mach_msg_type_descriptor_t td;

	memset(&port, 0, sizeof(port));
	port.name = 0x11223344u;
	port.disposition = MACH_MSG_TYPE_MOVE_SEND;
	port.type = MACH_MSG_PORT_DESCRIPTOR + 0xa0;
	bad += abi_byte(&port, 0) != 0x44;
	bad += abi_byte(&port, 10) != MACH_MSG_TYPE_MOVE_SEND;
	bad += abi_byte(&port, 11) != 0xa0;

	memset(&ool, 0, sizeof(ool));
	ool.deallocate = 1;
	ool.copy = MACH_MSG_VIRTUAL_COPY + 0x20;
	ool.type = MACH_MSG_OOL_DESCRIPTOR;
	ool.size = 0x01020304u;
	bad += abi_byte(&ool, 8) != 1;
	bad += abi_byte(&ool, 9) != 0x21;
	bad += abi_byte(&ool, 11) != MACH_MSG_OOL_DESCRIPTOR;
	bad += abi_byte(&ool, 12) != 0x04;

	memset(&oolp, 0, sizeof(oolp));
	oolp.disposition = MACH_MSG_TYPE_COPY_SEND;
	oolp.type = MACH_MSG_OOL_PORTS_DESCRIPTOR;
	oolp.count = 7;
	bad += abi_byte(&oolp, 10) != MACH_MSG_TYPE_COPY_SEND;
	bad += abi_byte(&oolp, 11) != MACH_MSG_OOL_PORTS_DESCRIPTOR;
	bad += abi_byte(&oolp, 12) != 7;

	memset(&gp, 0, sizeof(gp));
	gp.flags = 0x0201;
	gp.disposition = MACH_MSG_TYPE_MOVE_RECEIVE;
	gp.type = MACH_MSG_GUARDED_PORT_DESCRIPTOR;
	gp.name = 0x55;
	bad += abi_byte(&gp, 8) != 0x01 || abi_byte(&gp, 9) != 0x02;
	bad += abi_byte(&gp, 10) != MACH_MSG_TYPE_MOVE_RECEIVE;
	bad += abi_byte(&gp, 11) != MACH_MSG_GUARDED_PORT_DESCRIPTOR;
	bad += abi_byte(&gp, 12) != 0x55;

	/* the type of any descriptor reads through the type view */
	memcpy(&td, &ool, sizeof(td));
	bad += td.type != MACH_MSG_OOL_DESCRIPTOR;
	memcpy(&td, &port, sizeof(td));
	bad += td.type != 0xa0;

	return bad;
}

#endif /* TEST_ABI_CHECKS_H */
