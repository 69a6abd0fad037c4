/*
 * <mach/mach_exc.h> - the exception messages with 64-bit codes (user ABI:
 * XNU's mach_exc.defs, subsystem 2405, as MIG lays them out for LP64; the
 * MACH_EXC_MSGID_* names are rvmach's, MIG writes the numbers).
 *
 * The kernel sends one of these to an exception port whose behavior has
 * MACH_EXCEPTION_CODES (<mach/exc.h> has the 32-bit ones), on behalf
 * of the thread that took the exception, with a send-once reply right in
 * msgh_remote_port as received.  The handler answers with the reply
 * (msgh_id + 100, sent on that right): RetCode KERN_SUCCESS resumes the
 * thread (with new_state for the state behaviors); anything else passes
 * the exception on to the next level (docs/ipc.md, "Exceptions").
 *
 * The structs are the messages at their largest, packed to 4 bytes as
 * MIG's __MigPackStructs does (so code[] is not 8-byte aligned).  code[]
 * and old_state[] are variable: a message is as long as its codeCnt and
 * old_stateCnt say (the kernel always sends both codes, so only the
 * state is short), and a state reply is 44 bytes plus new_stateCnt
 * words.  A reply of only the first
 * three fields (mig_reply_error_t's shape, 36 bytes) may stand for any
 * reply whose RetCode is not KERN_SUCCESS.  libmach has the server side
 * (mach_exc_server, below); the routines it calls,
 * catch_mach_exception_raise, _state and _state_identity with XNU's
 * MIG prototypes, are the program's (those it does not define are
 * MIG_BAD_ID).
 */
#ifndef _MACH_MACH_EXC_H_
#define _MACH_MACH_EXC_H_

#include <stdint.h>

#include <mach/exception_types.h>
#include <mach/kern_return.h>
#include <mach/message.h>
#include <mach/ndr.h>
#include <mach/port.h>
#include <mach/riscv/thread_status.h>
#include <mach/riscv/vm_types.h>

#define mach_exc_MSG_COUNT			3
#define MACH_EXC_MSGID_EXCEPTION_RAISE		2405
#define MACH_EXC_MSGID_EXCEPTION_RAISE_STATE	2406
#define MACH_EXC_MSGID_EXCEPTION_RAISE_STATE_IDENTITY 2407

#pragma pack(push, 4)

/* EXCEPTION_DEFAULT: the thread and its task as send rights */
typedef struct {
	mach_msg_header_t		Head;
	mach_msg_body_t			msgh_body;
	mach_msg_port_descriptor_t	thread;
	mach_msg_port_descriptor_t	task;
	NDR_record_t			NDR;
	exception_type_t		exception;
	mach_msg_type_number_t		codeCnt;
	int64_t				code[2];
} __Request__mach_exception_raise_t;

/* EXCEPTION_STATE: the thread's state of the action's flavor, no ports */
typedef struct {
	mach_msg_header_t		Head;
	NDR_record_t			NDR;
	exception_type_t		exception;
	mach_msg_type_number_t		codeCnt;
	int64_t				code[2];
	int				flavor;
	mach_msg_type_number_t		old_stateCnt;
	natural_t			old_state[THREAD_STATE_MAX];
} __Request__mach_exception_raise_state_t;

/* EXCEPTION_STATE_IDENTITY: both */
typedef struct {
	mach_msg_header_t		Head;
	mach_msg_body_t			msgh_body;
	mach_msg_port_descriptor_t	thread;
	mach_msg_port_descriptor_t	task;
	NDR_record_t			NDR;
	exception_type_t		exception;
	mach_msg_type_number_t		codeCnt;
	int64_t				code[2];
	int				flavor;
	mach_msg_type_number_t		old_stateCnt;
	natural_t			old_state[THREAD_STATE_MAX];
} __Request__mach_exception_raise_state_identity_t;

typedef struct {
	mach_msg_header_t		Head;
	NDR_record_t			NDR;
	kern_return_t			RetCode;
} __Reply__mach_exception_raise_t;

typedef struct {
	mach_msg_header_t		Head;
	NDR_record_t			NDR;
	kern_return_t			RetCode;
	int				flavor;
	mach_msg_type_number_t		new_stateCnt;
	natural_t			new_state[THREAD_STATE_MAX];
} __Reply__mach_exception_raise_state_t;

typedef struct {
	mach_msg_header_t		Head;
	NDR_record_t			NDR;
	kern_return_t			RetCode;
	int				flavor;
	mach_msg_type_number_t		new_stateCnt;
	natural_t			new_state[THREAD_STATE_MAX];
} __Reply__mach_exception_raise_state_identity_t;

#pragma pack(pop)

union __RequestUnion__mach_exc_subsystem {
	__Request__mach_exception_raise_t Request_mach_exception_raise;
	__Request__mach_exception_raise_state_t Request_mach_exception_raise_state;
	__Request__mach_exception_raise_state_identity_t
	    Request_mach_exception_raise_state_identity;
};

union __ReplyUnion__mach_exc_subsystem {
	__Reply__mach_exception_raise_t Reply_mach_exception_raise;
	__Reply__mach_exception_raise_state_t Reply_mach_exception_raise_state;
	__Reply__mach_exception_raise_state_identity_t
	    Reply_mach_exception_raise_state_identity;
};

/*
 * mach_exc_server - the MIG server of mach_exc.defs: checks a request
 * (ids 2405-2407), calls the program's routine, builds the reply in
 * OutHeadP (a buffer as large as __ReplyUnion__mach_exc_subsystem);
 * FALSE for an id outside the subsystem (RetCode MIG_BAD_ID).
 */
boolean_t	mach_exc_server(mach_msg_header_t *InHeadP,
		    mach_msg_header_t *OutHeadP);

#endif /* _MACH_MACH_EXC_H_ */
