/*
 * <mach/port.h> - port names, rights and port attributes (user ABI).
 *
 * Names, values and layouts are XNU's user-space ones, so that code
 * written against XNU's <mach/port.h> compiles and means the same here.
 * The kernel includes this header too: to it, as to user code, a
 * mach_port_t is a name in some task's IPC space, never a pointer (XNU's
 * kernel sees a pointer; rvmach's kernel keeps its own ipc_port type).
 * Freestanding: only the compiler's <stdint.h>.
 */
#ifndef _MACH_PORT_H_
#define _MACH_PORT_H_

#include <stdint.h>

#include <mach/boolean.h>
#include <mach/riscv/vm_types.h>

typedef natural_t	mach_port_name_t;	/* a name in a task's IPC space */
typedef mach_port_name_t *mach_port_name_array_t;
typedef mach_port_name_t mach_port_t;		/* user side: a name, as in XNU */
typedef mach_port_t	*mach_port_array_t;

/*
 * Both may travel in messages: NULL means "no right", DEAD "there was a
 * right, and its port has died".
 */
#define MACH_PORT_NULL		0		/* untyped on purpose, as in XNU */
#define MACH_PORT_DEAD		((mach_port_name_t)~0)
#define MACH_PORT_VALID(name) \
	(((name) != MACH_PORT_NULL) && ((name) != MACH_PORT_DEAD))

/*
 * A name the kernel picks has a table index in its upper 24 bits and a
 * generation in its low 8, so that a freed name is not handed out again
 * at once.  MACH_PORT_GEN gives the generation shifted to the top byte,
 * MACH_PORT_MAKE takes it in that form.  Names a task chooses itself
 * (mach_port_allocate_name) need not follow this.
 */
#define MACH_PORT_INDEX(name)		((name) >> 8)
#define MACH_PORT_GEN(name)		(((name) & 0xff) << 24)
#define MACH_PORT_MAKE(index, gen)	(((index) << 8) | (gen) >> 24)

/* one right, as an argument (mach_port_allocate, _get_refs, _mod_refs) */
typedef natural_t	mach_port_right_t;

#define MACH_PORT_RIGHT_SEND		((mach_port_right_t)0)
#define MACH_PORT_RIGHT_RECEIVE		((mach_port_right_t)1)
#define MACH_PORT_RIGHT_SEND_ONCE	((mach_port_right_t)2)
#define MACH_PORT_RIGHT_PORT_SET	((mach_port_right_t)3)
#define MACH_PORT_RIGHT_DEAD_NAME	((mach_port_right_t)4)
#define MACH_PORT_RIGHT_LABELH		((mach_port_right_t)5)	/* obsolete */
#define MACH_PORT_RIGHT_NUMBER		((mach_port_right_t)6)	/* the count */

/*
 * The set of rights one name denotes, as a bit mask (mach_port_type,
 * mach_port_names): right r is bit 16 + r.
 */
typedef natural_t	mach_port_type_t;
typedef mach_port_type_t *mach_port_type_array_t;

#define MACH_PORT_TYPE(right) \
	((mach_port_type_t)(((mach_port_type_t)1) << \
	    ((right) + ((mach_port_right_t)16))))
#define MACH_PORT_TYPE_NONE		((mach_port_type_t)0L)
#define MACH_PORT_TYPE_SEND		MACH_PORT_TYPE(MACH_PORT_RIGHT_SEND)
#define MACH_PORT_TYPE_RECEIVE		MACH_PORT_TYPE(MACH_PORT_RIGHT_RECEIVE)
#define MACH_PORT_TYPE_SEND_ONCE	MACH_PORT_TYPE(MACH_PORT_RIGHT_SEND_ONCE)
#define MACH_PORT_TYPE_PORT_SET		MACH_PORT_TYPE(MACH_PORT_RIGHT_PORT_SET)
#define MACH_PORT_TYPE_DEAD_NAME	MACH_PORT_TYPE(MACH_PORT_RIGHT_DEAD_NAME)
#define MACH_PORT_TYPE_LABELH		MACH_PORT_TYPE(MACH_PORT_RIGHT_LABELH) /* obsolete */

#define MACH_PORT_TYPE_SEND_RECEIVE \
	(MACH_PORT_TYPE_SEND | MACH_PORT_TYPE_RECEIVE)
#define MACH_PORT_TYPE_SEND_RIGHTS \
	(MACH_PORT_TYPE_SEND | MACH_PORT_TYPE_SEND_ONCE)
#define MACH_PORT_TYPE_PORT_RIGHTS \
	(MACH_PORT_TYPE_SEND_RIGHTS | MACH_PORT_TYPE_RECEIVE)
#define MACH_PORT_TYPE_PORT_OR_DEAD \
	(MACH_PORT_TYPE_PORT_RIGHTS | MACH_PORT_TYPE_DEAD_NAME)
#define MACH_PORT_TYPE_ALL_RIGHTS \
	(MACH_PORT_TYPE_PORT_OR_DEAD | MACH_PORT_TYPE_PORT_SET)

/* extra bits mach_port_type may report: requests armed on the name */
#define MACH_PORT_TYPE_DNREQUEST		0x80000000	/* dead name */
#define MACH_PORT_TYPE_SPREQUEST		0x40000000	/* send possible */
#define MACH_PORT_TYPE_SPREQUEST_DELAYED	0x20000000

typedef natural_t	mach_port_urefs_t;	/* user references on a right */
typedef integer_t	mach_port_delta_t;	/* a change in urefs */

typedef natural_t	mach_port_seqno_t;	/* receive sequence number */
typedef natural_t	mach_port_mscount_t;	/* make-send count */
typedef natural_t	mach_port_msgcount_t;	/* messages (queue length, limit) */
typedef natural_t	mach_port_rights_t;	/* a count of rights */

/* do send rights exist? */
#define MACH_PORT_SRIGHTS_NONE		0
#define MACH_PORT_SRIGHTS_PRESENT	1
typedef unsigned int	mach_port_srights_t;

/* MACH_PORT_RECEIVE_STATUS: the state of a receive right */
typedef struct mach_port_status {
	mach_port_rights_t	mps_pset;	/* port sets it is in */
	mach_port_seqno_t	mps_seqno;	/* next sequence number */
	mach_port_mscount_t	mps_mscount;	/* make-send count */
	mach_port_msgcount_t	mps_qlimit;	/* queue limit */
	mach_port_msgcount_t	mps_msgcount;	/* messages queued */
	mach_port_rights_t	mps_sorights;	/* send-once rights extant */
	boolean_t		mps_srights;	/* send rights extant? */
	boolean_t		mps_pdrequest;	/* port-destroyed armed? */
	boolean_t		mps_nsrequest;	/* no-senders armed? */
	natural_t		mps_flags;	/* MACH_PORT_STATUS_FLAG_* */
} mach_port_status_t;

/* queue limits, in messages */
#define MACH_PORT_QLIMIT_ZERO		(0)
#define MACH_PORT_QLIMIT_BASIC		(5)
#define MACH_PORT_QLIMIT_SMALL		(16)
#define MACH_PORT_QLIMIT_LARGE		(1024)
#define MACH_PORT_QLIMIT_KERNEL		(65534)
#define MACH_PORT_QLIMIT_MIN		MACH_PORT_QLIMIT_ZERO
#define MACH_PORT_QLIMIT_DEFAULT	MACH_PORT_QLIMIT_BASIC
#define MACH_PORT_QLIMIT_MAX		MACH_PORT_QLIMIT_LARGE

/* MACH_PORT_LIMITS_INFO */
typedef struct mach_port_limits {
	mach_port_msgcount_t	mpl_qlimit;
} mach_port_limits_t;

/* mps_flags; rvmach reports none of these yet (docs/abi.md) */
#define MACH_PORT_STATUS_FLAG_TEMPOWNER			0x01
#define MACH_PORT_STATUS_FLAG_GUARDED			0x02
#define MACH_PORT_STATUS_FLAG_STRICT_GUARD		0x04
#define MACH_PORT_STATUS_FLAG_IMP_DONATION		0x08
#define MACH_PORT_STATUS_FLAG_REVIVE			0x10
#define MACH_PORT_STATUS_FLAG_TASKPTR			0x20
#define MACH_PORT_STATUS_FLAG_GUARD_IMMOVABLE_RECEIVE	0x40
#define MACH_PORT_STATUS_FLAG_NO_GRANT			0x80

/* MACH_PORT_INFO_EXT */
typedef struct mach_port_info_ext {
	mach_port_status_t	mpie_status;
	mach_port_msgcount_t	mpie_boost_cnt;
	uint32_t		reserved[6];
} mach_port_info_ext_t;

/* MACH_PORT_GUARD_INFO */
typedef struct mach_port_guard_info {
	uint64_t		mpgi_guard;
} mach_port_guard_info_t;

/*
 * mach_port_get_attributes / mach_port_set_attributes: a flavor picks
 * the structure; info points at it as an array of natural_t, whose
 * length is the flavor's *_COUNT.
 */
typedef integer_t	*mach_port_info_t;
typedef int		mach_port_flavor_t;

#define MACH_PORT_LIMITS_INFO		1	/* mach_port_limits_t */
#define MACH_PORT_RECEIVE_STATUS	2	/* mach_port_status_t */
#define MACH_PORT_DNREQUESTS_SIZE	3	/* int */
#define MACH_PORT_TEMPOWNER		4	/* no data */
#define MACH_PORT_IMPORTANCE_RECEIVER	5	/* no data */
#define MACH_PORT_DENAP_RECEIVER	6	/* no data */
#define MACH_PORT_INFO_EXT		7	/* mach_port_info_ext_t */
#define MACH_PORT_GUARD_INFO		8	/* mach_port_guard_info_t */
#define MACH_PORT_SERVICE_THROTTLED	9	/* int */

#define MACH_PORT_LIMITS_INFO_COUNT \
	((natural_t)(sizeof(mach_port_limits_t) / sizeof(natural_t)))
#define MACH_PORT_RECEIVE_STATUS_COUNT \
	((natural_t)(sizeof(mach_port_status_t) / sizeof(natural_t)))
#define MACH_PORT_DNREQUESTS_SIZE_COUNT	1
#define MACH_PORT_INFO_EXT_COUNT \
	((natural_t)(sizeof(mach_port_info_ext_t) / sizeof(natural_t)))
#define MACH_PORT_GUARD_INFO_COUNT \
	((natural_t)(sizeof(mach_port_guard_info_t) / sizeof(natural_t)))
#define MACH_PORT_SERVICE_THROTTLED_COUNT 1

/* mach_port_allocate_qos / _full (legacy) */
typedef struct mach_port_qos {
	unsigned int		name:1;		/* the caller gives the name */
	unsigned int		prealloc:1;	/* a preallocated message */
	boolean_t		pad1:30;
	natural_t		len;
} mach_port_qos_t;

/* MPO_SERVICE_PORT (launchd's; not supported) */
#define MACH_SERVICE_PORT_INFO_STRING_NAME_MAX_BUF_LEN	255

typedef struct mach_service_port_info {
	char		mspi_string_name[MACH_SERVICE_PORT_INFO_STRING_NAME_MAX_BUF_LEN];
	uint8_t		mspi_domain_type;
} mach_service_port_info_data_t;

#define MACH_SERVICE_PORT_INFO_COUNT \
	((char)(sizeof(mach_service_port_info_data_t) / sizeof(char)))

typedef struct mach_service_port_info *mach_service_port_info_t;

/*
 * mach_port_construct: what the new port gets.  rvmach honours
 * MPO_CONTEXT_AS_GUARD (the context guards the port), MPO_STRICT (a
 * strict guard), MPO_IMMOVABLE_RECEIVE, MPO_QLIMIT and
 * MPO_INSERT_SEND_RIGHT; the other flags are accepted as names only
 * (docs/abi.md).
 */
#define MPO_CONTEXT_AS_GUARD			0x01
#define MPO_QLIMIT				0x02	/* use mpl.mpl_qlimit */
#define MPO_TEMPOWNER				0x04
#define MPO_IMPORTANCE_RECEIVER			0x08
#define MPO_INSERT_SEND_RIGHT			0x10	/* a send right too */
#define MPO_STRICT				0x20
#define MPO_DENAP_RECEIVER			0x40
#define MPO_IMMOVABLE_RECEIVE			0x80
#define MPO_FILTER_MSG				0x100
#define MPO_TG_BLOCK_TRACKING			0x200
#define MPO_SERVICE_PORT			0x400
#define MPO_CONNECTION_PORT			0x800
#define MPO_REPLY_PORT				0x1000
#define MPO_ENFORCE_REPLY_PORT_SEMANTICS	0x2000
#define MPO_PROVISIONAL_REPLY_PORT		0x4000
#define MPO_PROVISIONAL_ID_PROT_OPTOUT		0x8000

typedef struct mach_port_options {
	uint32_t		flags;		/* MPO_* */
	mach_port_limits_t	mpl;		/* with MPO_QLIMIT */
	union {
		uint64_t		reserved[2];
		mach_port_name_t	work_interval_port;
		mach_service_port_info_t service_port_info;
		mach_port_name_t	service_port_name;
	};
} mach_port_options_t;

typedef mach_port_options_t *mach_port_options_ptr_t;

/* mach_port_guard_with_flags */
#define MPG_STRICT		0x01	/* the guard cannot be read or changed */
#define MPG_IMMOVABLE_RECEIVE	0x02	/* the receive right cannot move */

/*
 * EXC_GUARD on a port: code is GUARD_TYPE_MACH_PORT in bits 63..61, the
 * reason (kGUARD_EXC_*) in bits 60..32 and the port's name in 31..0;
 * subcode is the guard, or 0 (docs/abi.md, "Port guards").
 */
#define GUARD_TYPE_MACH_PORT	0x1

/* why EXC_GUARD was raised (the reasons rvmach raises, XNU's values) */
enum mach_port_guard_exception_codes {
	kGUARD_EXC_DESTROY		= 1u << 0,	/* destroyed a guarded port */
	kGUARD_EXC_MOD_REFS		= 1u << 1,	/* its receive right's urefs */
	kGUARD_EXC_SET_CONTEXT		= 1u << 2,	/* a strict guard changed */
	kGUARD_EXC_UNGUARDED		= 1u << 3,	/* unguarding an unguarded port */
	kGUARD_EXC_INCORRECT_GUARD	= 1u << 4,	/* the wrong guard given */
	kGUARD_EXC_IMMOVABLE		= 1u << 5,	/* moving an immovable right */
	kGUARD_EXC_STRICT_REPLY		= 1u << 6,
	kGUARD_EXC_MSG_FILTERED		= 1u << 7,
	kGUARD_EXC_INVALID_RIGHT	= 1u << 8,
	kGUARD_EXC_INVALID_NAME		= 1u << 9,
	kGUARD_EXC_INVALID_VALUE	= 1u << 10,
	kGUARD_EXC_INVALID_ARGUMENT	= 1u << 11,
};

#endif /* _MACH_PORT_H_ */
