/*
 * <mach/message.h> - the Mach message format, mach_msg options and
 * return codes (user ABI).
 *
 * Everything here has XNU's name, value and 64-bit user layout (RV64 is
 * LP64 like XNU's arm64 and x86_64), so a message built against XNU's
 * <mach/message.h> has the same bytes here.  The kernel includes this
 * header too and sees the same, user, layout: rvmach's kernel converts to
 * its own representation when it copies a message in (XNU's kernel has
 * different descriptor layouts of its own under #ifdef KERNEL; rvmach has
 * none).  Vouchers, importance, QoS and guarded ports are defined for
 * source compatibility only (docs/abi.md).
 *
 * Freestanding: only the compiler's <stdint.h>.
 */
#ifndef _MACH_MESSAGE_H_
#define _MACH_MESSAGE_H_

#include <stdint.h>

#include <mach/boolean.h>
#include <mach/kern_return.h>
#include <mach/port.h>
#include <mach/riscv/vm_types.h>

/* milliseconds; applies with MACH_SEND_TIMEOUT / MACH_RCV_TIMEOUT */
typedef natural_t	mach_msg_timeout_t;

#define MACH_MSG_TIMEOUT_NONE	((mach_msg_timeout_t)0)

/*
 * msgh_bits.  The low three bytes hold the dispositions
 * (MACH_MSG_TYPE_*) of the three header ports: remote (the destination,
 * which must come out as a send or send-once right), local (the reply
 * port) and voucher.  The top bit says the body starts with descriptors.
 * Other bits are the kernel's or reserved and must be zero on send.
 */
#define MACH_MSGH_BITS_ZERO		0x00000000

#define MACH_MSGH_BITS_REMOTE_MASK	0x0000001f
#define MACH_MSGH_BITS_LOCAL_MASK	0x00001f00
#define MACH_MSGH_BITS_VOUCHER_MASK	0x001f0000

#define MACH_MSGH_BITS_PORTS_MASK \
	(MACH_MSGH_BITS_REMOTE_MASK | MACH_MSGH_BITS_LOCAL_MASK | \
	    MACH_MSGH_BITS_VOUCHER_MASK)

#define MACH_MSGH_BITS_COMPLEX		0x80000000U	/* descriptors follow */

#define MACH_MSGH_BITS_USER		0x801f1f1fU	/* what a sender may set */

#define MACH_MSGH_BITS_RAISEIMP		0x20000000U	/* importance (unsupported) */
#define MACH_MSGH_BITS_DENAP		MACH_MSGH_BITS_RAISEIMP
#define MACH_MSGH_BITS_IMPHOLDASRT	0x10000000U
#define MACH_MSGH_BITS_DENAPHOLDASRT	MACH_MSGH_BITS_IMPHOLDASRT
#define MACH_MSGH_BITS_CIRCULAR		0x10000000U	/* the kernel's */

#define MACH_MSGH_BITS_USED		0xb01f1f1fU

/* building msgh_bits */
#define MACH_MSGH_BITS(remote, local)	((remote) | ((local) << 8))
#define MACH_MSGH_BITS_SET_PORTS(remote, local, voucher) \
	(((remote) & MACH_MSGH_BITS_REMOTE_MASK) | \
	    (((local) << 8) & MACH_MSGH_BITS_LOCAL_MASK) | \
	    (((voucher) << 16) & MACH_MSGH_BITS_VOUCHER_MASK))
#define MACH_MSGH_BITS_SET(remote, local, voucher, other) \
	(MACH_MSGH_BITS_SET_PORTS((remote), (local), (voucher)) | \
	    ((other) & ~MACH_MSGH_BITS_PORTS_MASK))

/* taking msgh_bits apart */
#define MACH_MSGH_BITS_REMOTE(bits) \
	((bits) & MACH_MSGH_BITS_REMOTE_MASK)
#define MACH_MSGH_BITS_LOCAL(bits) \
	(((bits) & MACH_MSGH_BITS_LOCAL_MASK) >> 8)
#define MACH_MSGH_BITS_VOUCHER(bits) \
	(((bits) & MACH_MSGH_BITS_VOUCHER_MASK) >> 16)
#define MACH_MSGH_BITS_PORTS(bits) \
	((bits) & MACH_MSGH_BITS_PORTS_MASK)
#define MACH_MSGH_BITS_OTHER(bits) \
	((bits) & ~MACH_MSGH_BITS_PORTS_MASK)

#define MACH_MSGH_BITS_HAS_REMOTE(bits) \
	(MACH_MSGH_BITS_REMOTE(bits) != MACH_MSGH_BITS_ZERO)
#define MACH_MSGH_BITS_HAS_LOCAL(bits) \
	(MACH_MSGH_BITS_LOCAL(bits) != MACH_MSGH_BITS_ZERO)
#define MACH_MSGH_BITS_HAS_VOUCHER(bits) \
	(MACH_MSGH_BITS_VOUCHER(bits) != MACH_MSGH_BITS_ZERO)
#define MACH_MSGH_BITS_IS_COMPLEX(bits) \
	(((bits) & MACH_MSGH_BITS_COMPLEX) != MACH_MSGH_BITS_ZERO)
#define MACH_MSGH_BITS_RAISED_IMPORTANCE(bits) \
	(((bits) & MACH_MSGH_BITS_RAISEIMP) != MACH_MSGH_BITS_ZERO)
#define MACH_MSGH_BITS_HOLDS_IMPORTANCE_ASSERTION(bits) \
	(((bits) & MACH_MSGH_BITS_IMPHOLDASRT) != MACH_MSGH_BITS_ZERO)

typedef unsigned int	mach_msg_bits_t;
typedef natural_t	mach_msg_size_t;	/* bytes */
typedef integer_t	mach_msg_id_t;		/* the receiver's to interpret */

#define MACH_MSG_SIZE_NULL	(mach_msg_size_t *)0

typedef unsigned int	mach_msg_priority_t;	/* QoS: not supported */

#define MACH_MSG_PRIORITY_UNSPECIFIED	(mach_msg_priority_t)0

/*
 * Dispositions: what a sender does with the right it names (header
 * ports, port descriptors).  The receiver sees the resulting right as one
 * of MACH_MSG_TYPE_PORT_* below.
 */
typedef unsigned int	mach_msg_type_name_t;

#define MACH_MSG_TYPE_MOVE_RECEIVE	16	/* give away the receive right */
#define MACH_MSG_TYPE_MOVE_SEND		17	/* give away one send uref */
#define MACH_MSG_TYPE_MOVE_SEND_ONCE	18	/* give away a send-once right */
#define MACH_MSG_TYPE_COPY_SEND		19	/* a new send uref, keep ours */
#define MACH_MSG_TYPE_MAKE_SEND		20	/* a send right from our receive */
#define MACH_MSG_TYPE_MAKE_SEND_ONCE	21	/* a send-once from our receive */
#define MACH_MSG_TYPE_COPY_RECEIVE	22	/* not valid */
#define MACH_MSG_TYPE_DISPOSE_RECEIVE	24	/* mach_msg_destroy's */
#define MACH_MSG_TYPE_DISPOSE_SEND	25
#define MACH_MSG_TYPE_DISPOSE_SEND_ONCE	26

/* how out-of-line memory travels */
typedef unsigned int	mach_msg_copy_options_t;

#define MACH_MSG_PHYSICAL_COPY		0
#define MACH_MSG_VIRTUAL_COPY		1
#define MACH_MSG_ALLOCATE		2
#define MACH_MSG_OVERWRITE		3	/* deprecated */

/* guarded port descriptors (not supported) */
#define MACH_MSG_GUARD_FLAGS_NONE		0x0000
#define MACH_MSG_GUARD_FLAGS_IMMOVABLE_RECEIVE	0x0001
#define MACH_MSG_GUARD_FLAGS_UNGUARDED_ON_SEND	0x0002
#define MACH_MSG_GUARD_FLAGS_MASK		0x0003
typedef unsigned int	mach_msg_guard_flags_t;

/*
 * A complex message (MACH_MSGH_BITS_COMPLEX) has, after the header, a
 * mach_msg_body_t with the descriptor count, then that many descriptors,
 * then inline data.  In every descriptor the top 8 bits of the 32-bit
 * word at offset 8 are its type, which mach_msg_type_descriptor_t reads.
 * Descriptors differ in size (12 or 16 bytes), so the array cannot be
 * indexed: walk it.
 *
 * Everything from here to the matching pop is packed to 4 bytes, as in
 * XNU: a 64-bit address in a descriptor or trailer may sit at an offset
 * that is not a multiple of 8.
 */
typedef unsigned int	mach_msg_descriptor_type_t;

#define MACH_MSG_PORT_DESCRIPTOR		0
#define MACH_MSG_OOL_DESCRIPTOR			1
#define MACH_MSG_OOL_PORTS_DESCRIPTOR		2
#define MACH_MSG_OOL_VOLATILE_DESCRIPTOR	3
#define MACH_MSG_GUARDED_PORT_DESCRIPTOR	4

#define MACH_MSG_DESCRIPTOR_MAX	MACH_MSG_GUARDED_PORT_DESCRIPTOR

#pragma pack(push, 4)

/* any descriptor, seen only for its type */
typedef struct {
	natural_t			pad1;
	mach_msg_size_t			pad2;
	unsigned int			pad3 : 24;
	mach_msg_descriptor_type_t	type : 8;
} mach_msg_type_descriptor_t;

/* one port right: 12 bytes */
typedef struct {
	mach_port_t			name;
	mach_msg_size_t			pad1;
	unsigned int			pad2 : 16;
	mach_msg_type_name_t		disposition : 8;
	mach_msg_descriptor_type_t	type : 8;
} mach_msg_port_descriptor_t;

/* out-of-line memory as a 32-bit task lays it out: 12 bytes */
typedef struct {
	uint32_t			address;
	mach_msg_size_t			size;
	boolean_t			deallocate : 8;
	mach_msg_copy_options_t		copy : 8;
	unsigned int			pad1 : 8;
	mach_msg_descriptor_type_t	type : 8;
} mach_msg_ool_descriptor32_t;

/* out-of-line memory, 64-bit layout: 16 bytes, the size last */
typedef struct {
	uint64_t			address;
	boolean_t			deallocate : 8;
	mach_msg_copy_options_t		copy : 8;
	unsigned int			pad1 : 8;
	mach_msg_descriptor_type_t	type : 8;
	mach_msg_size_t			size;
} mach_msg_ool_descriptor64_t;

/* out-of-line memory as this (LP64) task writes it: the 64-bit layout */
typedef struct {
	void				*address;
	boolean_t			deallocate : 8;	/* unmap ours after send */
	mach_msg_copy_options_t		copy : 8;
	unsigned int			pad1 : 8;
	mach_msg_descriptor_type_t	type : 8;
	mach_msg_size_t			size;		/* bytes */
} mach_msg_ool_descriptor_t;

/* an out-of-line array of port names, each moved with disposition */
typedef struct {
	uint32_t			address;
	mach_msg_size_t			count;
	boolean_t			deallocate : 8;
	mach_msg_copy_options_t		copy : 8;
	mach_msg_type_name_t		disposition : 8;
	mach_msg_descriptor_type_t	type : 8;
} mach_msg_ool_ports_descriptor32_t;

typedef struct {
	uint64_t			address;
	boolean_t			deallocate : 8;
	mach_msg_copy_options_t		copy : 8;
	mach_msg_type_name_t		disposition : 8;
	mach_msg_descriptor_type_t	type : 8;
	mach_msg_size_t			count;
} mach_msg_ool_ports_descriptor64_t;

typedef struct {
	void				*address;
	boolean_t			deallocate : 8;
	mach_msg_copy_options_t		copy : 8;
	mach_msg_type_name_t		disposition : 8;
	mach_msg_descriptor_type_t	type : 8;
	mach_msg_size_t			count;		/* names */
} mach_msg_ool_ports_descriptor_t;

/* a receive right with a guard (not supported) */
typedef struct {
	uint32_t			context;
	mach_port_name_t		name;
	mach_msg_guard_flags_t		flags : 16;
	mach_msg_type_name_t		disposition : 8;
	mach_msg_descriptor_type_t	type : 8;
} mach_msg_guarded_port_descriptor32_t;

typedef struct {
	uint64_t			context;
	mach_msg_guard_flags_t		flags : 16;
	mach_msg_type_name_t		disposition : 8;
	mach_msg_descriptor_type_t	type : 8;
	mach_port_name_t		name;
} mach_msg_guarded_port_descriptor64_t;

typedef struct {
	mach_port_context_t		context;
	mach_msg_guard_flags_t		flags : 16;
	mach_msg_type_name_t		disposition : 8;
	mach_msg_descriptor_type_t	type : 8;
	mach_port_name_t		name;
} mach_msg_guarded_port_descriptor_t;

/* as large as the largest descriptor (16 bytes); not an array element */
typedef union {
	mach_msg_port_descriptor_t		port;
	mach_msg_ool_descriptor_t		out_of_line;
	mach_msg_ool_ports_descriptor_t		ool_ports;
	mach_msg_type_descriptor_t		type;
	mach_msg_guarded_port_descriptor_t	guarded_port;
} mach_msg_descriptor_t;

typedef struct {
	mach_msg_size_t			msgh_descriptor_count;
} mach_msg_body_t;

#define MACH_MSG_BODY_NULL		((mach_msg_body_t *)0)
#define MACH_MSG_DESCRIPTOR_NULL	((mach_msg_descriptor_t *)0)

/*
 * Every message starts with this.  msgh_size counts the header, body,
 * descriptors and inline data, never the trailer.  On send, remote is the
 * destination and local the reply port; on receive the kernel swaps them
 * (remote: the reply right, local: the port received from).
 */
typedef struct {
	mach_msg_bits_t			msgh_bits;
	mach_msg_size_t			msgh_size;
	mach_port_t			msgh_remote_port;
	mach_port_t			msgh_local_port;
	mach_port_name_t		msgh_voucher_port;
	mach_msg_id_t			msgh_id;
} mach_msg_header_t;

#define msgh_reserved		msgh_voucher_port	/* the old name */
#define MACH_MSG_NULL		((mach_msg_header_t *)0)

typedef struct {
	mach_msg_header_t		header;
	mach_msg_body_t			body;
} mach_msg_base_t;

/*
 * Trailers: what the kernel appends to a received message, after
 * round_msg(msgh_size) bytes.  The receiver asks for more than the
 * minimum with MACH_RCV_TRAILER_TYPE / _ELEMENTS in the options; each
 * larger trailer extends the one before it.
 */
typedef unsigned int	mach_msg_trailer_type_t;

#define MACH_MSG_TRAILER_FORMAT_0	0

typedef unsigned int	mach_msg_trailer_size_t;
typedef char		*mach_msg_trailer_info_t;

typedef struct {
	mach_msg_trailer_type_t		msgh_trailer_type;
	mach_msg_trailer_size_t		msgh_trailer_size;
} mach_msg_trailer_t;

/* adds the port's sequence number for this message */
typedef struct {
	mach_msg_trailer_type_t		msgh_trailer_type;
	mach_msg_trailer_size_t		msgh_trailer_size;
	mach_port_seqno_t		msgh_seqno;
} mach_msg_seqno_trailer_t;

typedef struct {
	unsigned int			val[2];
} security_token_t;

/* adds the sender's security token */
typedef struct {
	mach_msg_trailer_type_t		msgh_trailer_type;
	mach_msg_trailer_size_t		msgh_trailer_size;
	mach_port_seqno_t		msgh_seqno;
	security_token_t		msgh_sender;
} mach_msg_security_trailer_t;

/* opaque identity of a sender; only library routines should look inside */
typedef struct {
	unsigned int			val[8];
} audit_token_t;

/* an unset token that is nobody's (UINT_MAX: unsigned int is 32 bits) */
#define INVALID_AUDIT_TOKEN_VALUE	{{ \
	UINT32_MAX, UINT32_MAX, UINT32_MAX, UINT32_MAX, \
	UINT32_MAX, UINT32_MAX, UINT32_MAX, UINT32_MAX }}

/* adds the sender's audit token */
typedef struct {
	mach_msg_trailer_type_t		msgh_trailer_type;
	mach_msg_trailer_size_t		msgh_trailer_size;
	mach_port_seqno_t		msgh_seqno;
	security_token_t		msgh_sender;
	audit_token_t			msgh_audit;
} mach_msg_audit_trailer_t;

/* adds the receive right's context (8 bytes at offset 52: packed) */
typedef struct {
	mach_msg_trailer_type_t		msgh_trailer_type;
	mach_msg_trailer_size_t		msgh_trailer_size;
	mach_port_seqno_t		msgh_seqno;
	security_token_t		msgh_sender;
	audit_token_t			msgh_audit;
	mach_port_context_t		msgh_context;
} mach_msg_context_trailer_t;

typedef struct {
	mach_port_name_t		sender;
} msg_labels_t;

typedef int	mach_msg_filter_id;
#define MACH_MSG_FILTER_POLICY_ALLOW	(mach_msg_filter_id)0

/* adds MAC policy fields (always zero on rvmach) */
typedef struct {
	mach_msg_trailer_type_t		msgh_trailer_type;
	mach_msg_trailer_size_t		msgh_trailer_size;
	mach_port_seqno_t		msgh_seqno;
	security_token_t		msgh_sender;
	audit_token_t			msgh_audit;
	mach_port_context_t		msgh_context;
	mach_msg_filter_id		msgh_ad;
	msg_labels_t			msgh_labels;
} mach_msg_mac_trailer_t;

#define MACH_MSG_TRAILER_MINIMUM_SIZE	sizeof(mach_msg_trailer_t)

/*
 * The largest trailer this header knows.  A receive buffer needs
 * msgh_size rounded up plus the trailer the options ask for
 * (REQUESTED_TRAILER_SIZE); MAX_TRAILER_SIZE is safe only when the same
 * code picks the options.
 */
typedef mach_msg_mac_trailer_t	mach_msg_max_trailer_t;
#define MAX_TRAILER_SIZE	((mach_msg_size_t)sizeof(mach_msg_max_trailer_t))

/* legacy: fixed at the security trailer forever */
typedef mach_msg_security_trailer_t mach_msg_format_0_trailer_t;
#define MACH_MSG_TRAILER_FORMAT_0_SIZE	sizeof(mach_msg_format_0_trailer_t)

/* what a message the kernel itself sends carries */
#define KERNEL_SECURITY_TOKEN_VALUE	{ {0, 1} }
extern const security_token_t KERNEL_SECURITY_TOKEN;

#define KERNEL_AUDIT_TOKEN_VALUE	{ {0, 0, 0, 0, 0, 0, 0, 0} }
extern const audit_token_t KERNEL_AUDIT_TOKEN;

typedef integer_t	mach_msg_options_t;

#define MACH_MSG_HEADER_EMPTY	(mach_msg_header_t){ 0 }

typedef struct {
	mach_msg_header_t		header;
} mach_msg_empty_send_t;

typedef struct {
	mach_msg_header_t		header;
	mach_msg_trailer_t		trailer;
} mach_msg_empty_rcv_t;

typedef union {
	mach_msg_empty_send_t		send;
	mach_msg_empty_rcv_t		rcv;
} mach_msg_empty_t;

#pragma pack(pop)

/* message sizes are kept in whole natural_t words */
#define round_msg(x)	(((mach_msg_size_t)(x) + sizeof(natural_t) - 1) & \
	~(sizeof(natural_t) - 1))

/* no upper bound in the format; a port's limits apply (docs/abi.md) */
#define MACH_MSG_SIZE_MAX	((mach_msg_size_t)~0)
#define MACH_MSG_SIZE_RELIABLE	((mach_msg_size_t)256 * 1024)

/* from when the header had msgh_kind where the trailer has msgh_seqno */
#define MACH_MSGH_KIND_NORMAL		0x00000000
#define MACH_MSGH_KIND_NOTIFICATION	0x00000001
#define msgh_kind			msgh_seqno
#define mach_msg_kind_t			mach_port_seqno_t

typedef natural_t	mach_msg_type_size_t;
typedef natural_t	mach_msg_type_number_t;	/* an element count */

/*
 * What a receiver finds in a disposition field: the right it now holds.
 * PORT_NAME carries a bare name the kernel does not translate.
 */
#define MACH_MSG_TYPE_PORT_NONE		0
#define MACH_MSG_TYPE_PORT_NAME		15
#define MACH_MSG_TYPE_PORT_RECEIVE	MACH_MSG_TYPE_MOVE_RECEIVE
#define MACH_MSG_TYPE_PORT_SEND		MACH_MSG_TYPE_MOVE_SEND
#define MACH_MSG_TYPE_PORT_SEND_ONCE	MACH_MSG_TYPE_MOVE_SEND_ONCE

#define MACH_MSG_TYPE_LAST		22

/* filled in later (MIG's polymorphic port arguments) */
#define MACH_MSG_TYPE_POLYMORPHIC	((mach_msg_type_name_t)-1)

/* a disposition that carries some port right */
#define MACH_MSG_TYPE_PORT_ANY(x) \
	(((x) >= MACH_MSG_TYPE_MOVE_RECEIVE) && \
	    ((x) <= MACH_MSG_TYPE_MAKE_SEND_ONCE))
/* ... some send or send-once right */
#define MACH_MSG_TYPE_PORT_ANY_SEND(x) \
	(((x) >= MACH_MSG_TYPE_MOVE_SEND) && \
	    ((x) <= MACH_MSG_TYPE_MAKE_SEND_ONCE))
/* ... by moving a right the sender holds */
#define MACH_MSG_TYPE_PORT_ANY_RIGHT(x) \
	(((x) >= MACH_MSG_TYPE_MOVE_RECEIVE) && \
	    ((x) <= MACH_MSG_TYPE_MOVE_SEND_ONCE))

/* mach_msg's option argument */
typedef integer_t	mach_msg_option_t;

#define MACH_MSG_OPTION_NONE	0x00000000

#define MACH_SEND_MSG		0x00000001
#define MACH_RCV_MSG		0x00000002

#define MACH_RCV_LARGE		0x00000004	/* too large: keep it queued, report the size */
#define MACH_RCV_LARGE_IDENTITY	0x00000008	/* ... and which port it is on */

#define MACH_SEND_TIMEOUT	0x00000010	/* the timeout bounds the send */
#define MACH_SEND_OVERRIDE	0x00000020	/* priority override (ignored) */
#define MACH_SEND_INTERRUPT	0x00000040	/* return MACH_SEND_INTERRUPTED */
#define MACH_SEND_NOTIFY	0x00000080	/* arm a send-possible notification */
#define MACH_SEND_ALWAYS	0x00010000	/* ignore queue limits: kernel only */
#define MACH_SEND_FILTER_NONFATAL 0x00010000	/* user only; same bit */
#define MACH_SEND_TRAILER	0x00020000	/* the sender supplies a trailer */
#define MACH_SEND_NOIMPORTANCE	0x00040000	/* importance: ignored */
#define MACH_SEND_NODENAP	MACH_SEND_NOIMPORTANCE
#define MACH_SEND_IMPORTANCE	0x00080000	/* kernel only */
#define MACH_SEND_SYNC_OVERRIDE	0x00100000	/* ignored */
#define MACH_SEND_PROPAGATE_QOS	0x00200000	/* ignored */
#define MACH_SEND_SYNC_USE_THRPRI MACH_SEND_PROPAGATE_QOS
#define MACH_SEND_KERNEL	0x00400000	/* kernel only */
#define MACH_SEND_SYNC_BOOTSTRAP_CHECKIN 0x00800000	/* ignored */

#define MACH_RCV_TIMEOUT	0x00000100	/* the timeout bounds the receive */
#define MACH_RCV_NOTIFY		0x00000000	/* legacy, no effect */
#define MACH_RCV_INTERRUPT	0x00000400	/* return MACH_RCV_INTERRUPTED */
#define MACH_RCV_VOUCHER	0x00000800	/* vouchers: ignored */
#define MACH_RCV_OVERWRITE	0x00000000	/* legacy, no effect */
#define MACH_RCV_GUARDED_DESC	0x00001000	/* guarded descriptors: not supported */
#define MACH_RCV_SYNC_WAIT	0x00004000	/* ignored */
#define MACH_RCV_SYNC_PEEK	0x00008000	/* ignored */

#define MACH_MSG_STRICT_REPLY	0x00000200	/* not supported */

/*
 * The trailer a receive asks for: format in bits 28..31, number of
 * elements in bits 24..27.  Options with neither get a mach_msg_trailer_t.
 */
#define MACH_RCV_TRAILER_NULL	0
#define MACH_RCV_TRAILER_SEQNO	1
#define MACH_RCV_TRAILER_SENDER	2
#define MACH_RCV_TRAILER_AUDIT	3
#define MACH_RCV_TRAILER_CTX	4
#define MACH_RCV_TRAILER_AV	7
#define MACH_RCV_TRAILER_LABELS	8

#define MACH_RCV_TRAILER_TYPE(x)	(((x) & 0xf) << 28)
#define MACH_RCV_TRAILER_ELEMENTS(x)	(((x) & 0xf) << 24)
#define MACH_RCV_TRAILER_MASK		((0xf << 24))

#define GET_RCV_ELEMENTS(y)	(((y) >> 24) & 0xf)

/* the size of the trailer receive options y ask for */
#define REQUESTED_TRAILER_SIZE_NATIVE(y) \
	((mach_msg_trailer_size_t) \
	((GET_RCV_ELEMENTS(y) == MACH_RCV_TRAILER_NULL) ? \
	    sizeof(mach_msg_trailer_t) : \
	((GET_RCV_ELEMENTS(y) == MACH_RCV_TRAILER_SEQNO) ? \
	    sizeof(mach_msg_seqno_trailer_t) : \
	((GET_RCV_ELEMENTS(y) == MACH_RCV_TRAILER_SENDER) ? \
	    sizeof(mach_msg_security_trailer_t) : \
	((GET_RCV_ELEMENTS(y) == MACH_RCV_TRAILER_AUDIT) ? \
	    sizeof(mach_msg_audit_trailer_t) : \
	((GET_RCV_ELEMENTS(y) == MACH_RCV_TRAILER_CTX) ? \
	    sizeof(mach_msg_context_trailer_t) : \
	((GET_RCV_ELEMENTS(y) == MACH_RCV_TRAILER_AV) ? \
	    sizeof(mach_msg_mac_trailer_t) : \
	    sizeof(mach_msg_max_trailer_t))))))))

#define REQUESTED_TRAILER_SIZE(y)	REQUESTED_TRAILER_SIZE_NATIVE(y)

/*
 * Return codes.  A mach_msg_return_t is a kern_return_t in the IPC
 * error system (4, <mach/error.h>): send errors are subsystem 0, receive
 * errors subsystem 1.  MACH_RCV_HEADER_ERROR / _BODY_ERROR (and the
 * MACH_SEND_* ones for a bad reply) may carry one of the MACH_MSG_*
 * special bits; mask them off with MACH_MSG_MASK before comparing.
 */
typedef kern_return_t	mach_msg_return_t;

#define MACH_MSG_SUCCESS		0x00000000

#define MACH_MSG_MASK			0x00003e00	/* all special bits */
#define MACH_MSG_IPC_SPACE		0x00002000	/* no room for a name */
#define MACH_MSG_VM_SPACE		0x00001000	/* no room for OOL memory */
#define MACH_MSG_IPC_KERNEL		0x00000800	/* kernel short of IPC */
#define MACH_MSG_VM_KERNEL		0x00000400	/* kernel short of VM */

#define MACH_SEND_IN_PROGRESS		0x10000001	/* internal */
#define MACH_SEND_INVALID_DATA		0x10000002	/* bad message buffer */
#define MACH_SEND_INVALID_DEST		0x10000003	/* bad destination */
#define MACH_SEND_TIMED_OUT		0x10000004
#define MACH_SEND_INVALID_VOUCHER	0x10000005
#define MACH_SEND_INTERRUPTED		0x10000007
#define MACH_SEND_MSG_TOO_SMALL		0x10000008	/* shorter than its header */
#define MACH_SEND_INVALID_REPLY		0x10000009	/* bad reply port */
#define MACH_SEND_INVALID_RIGHT		0x1000000a	/* bad right in the body */
#define MACH_SEND_INVALID_NOTIFY	0x1000000b	/* bad notify port */
#define MACH_SEND_INVALID_MEMORY	0x1000000c	/* bad OOL memory */
#define MACH_SEND_NO_BUFFER		0x1000000d
#define MACH_SEND_TOO_LARGE		0x1000000e	/* over the port's limit */
#define MACH_SEND_INVALID_TYPE		0x1000000f	/* bad descriptor */
#define MACH_SEND_INVALID_HEADER	0x10000010	/* bad header field */
#define MACH_SEND_INVALID_TRAILER	0x10000011
#define MACH_SEND_INVALID_CONTEXT	0x10000012
#define MACH_SEND_INVALID_OPTIONS	0x10000013
#define MACH_SEND_INVALID_RT_OOL_SIZE	0x10000015	/* no longer returned */
#define MACH_SEND_NO_GRANT_DEST		0x10000016
#define MACH_SEND_MSG_FILTERED		0x10000017
#define MACH_SEND_AUX_TOO_SMALL		0x10000018
#define MACH_SEND_AUX_TOO_LARGE		0x10000019

#define MACH_RCV_IN_PROGRESS		0x10004001	/* internal */
#define MACH_RCV_INVALID_NAME		0x10004002	/* bad port or set */
#define MACH_RCV_TIMED_OUT		0x10004003
#define MACH_RCV_TOO_LARGE		0x10004004	/* buffer too small */
#define MACH_RCV_INTERRUPTED		0x10004005
#define MACH_RCV_PORT_CHANGED		0x10004006	/* no longer returned */
#define MACH_RCV_INVALID_NOTIFY		0x10004007
#define MACH_RCV_INVALID_DATA		0x10004008	/* bad receive buffer */
#define MACH_RCV_PORT_DIED		0x10004009	/* during the receive */
#define MACH_RCV_IN_SET			0x1000400a	/* no longer returned */
#define MACH_RCV_HEADER_ERROR		0x1000400b	/* see the special bits */
#define MACH_RCV_BODY_ERROR		0x1000400c	/* see the special bits */
#define MACH_RCV_INVALID_TYPE		0x1000400d
#define MACH_RCV_SCATTER_SMALL		0x1000400e
#define MACH_RCV_INVALID_TRAILER	0x1000400f	/* unknown trailer request */
#define MACH_RCV_IN_PROGRESS_TIMED	0x10004011	/* internal */
#define MACH_RCV_INVALID_REPLY		0x10004012
#define MACH_RCV_INVALID_ARGUMENTS	0x10004013

/*
 * Send msg (MACH_SEND_MSG, send_size bytes), then receive (MACH_RCV_MSG)
 * into the same buffer, at most rcv_size bytes, from rcv_name (a receive
 * right or a port set); either or both.  mach_msg restarts an interrupted
 * send or receive unless MACH_SEND_INTERRUPT / MACH_RCV_INTERRUPT is
 * given.  mach_msg_overwrite receives into rcv_msg instead, at most
 * rcv_size bytes, when rcv_msg is not NULL; its last argument (XNU's
 * rcv_scatter_size) and notify are ignored, as in XNU (docs/abi.md).
 */
mach_msg_return_t	mach_msg_overwrite(mach_msg_header_t *msg,
			    mach_msg_option_t option,
			    mach_msg_size_t send_size,
			    mach_msg_size_t rcv_size,
			    mach_port_name_t rcv_name,
			    mach_msg_timeout_t timeout,
			    mach_port_name_t notify,
			    mach_msg_header_t *rcv_msg,
			    mach_msg_size_t rcv_limit);

/*
 * mach_msg_destroy - give back the rights and the out-of-line memory
 * (where its deallocate flag is set) of a message received, or built and
 * not sent (XNU's; libmach's mach_msg_destroy.c)
 */
void			mach_msg_destroy(mach_msg_header_t *msg);

mach_msg_return_t	mach_msg(mach_msg_header_t *msg,
			    mach_msg_option_t option,
			    mach_msg_size_t send_size,
			    mach_msg_size_t rcv_size,
			    mach_port_name_t rcv_name,
			    mach_msg_timeout_t timeout,
			    mach_port_name_t notify);

#endif /* _MACH_MESSAGE_H_ */
