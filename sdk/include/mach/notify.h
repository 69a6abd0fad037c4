/*
 * <mach/notify.h> - the notifications the kernel sends about ports
 * (user ABI: XNU's message ids and layouts).
 *
 * A task arms one with mach_port_request_notification, handing over a
 * send-once right; the kernel later sends the message below through it.
 * The structs are the messages as received with the default
 * (mach_msg_format_0_trailer_t) trailer; a receiver asking for a larger
 * trailer needs a larger buffer.  Every member is 4-byte aligned, so
 * they have no padding.
 */
#ifndef _MACH_NOTIFY_H_
#define _MACH_NOTIFY_H_

#include <mach/message.h>
#include <mach/ndr.h>
#include <mach/port.h>

/* msgh_id of each notification (octal, as Mach always wrote them) */
#define MACH_NOTIFY_FIRST		0100
#define MACH_NOTIFY_PORT_DELETED	(MACH_NOTIFY_FIRST + 001)
	/* a send or send-once right with a request armed was deleted */
#define MACH_NOTIFY_SEND_POSSIBLE	(MACH_NOTIFY_FIRST + 002)
	/* the port's queue has room again (MACH_SEND_NOTIFY) */
#define MACH_NOTIFY_PORT_DESTROYED	(MACH_NOTIFY_FIRST + 005)
	/* a receive right would have been destroyed: here it is */
#define MACH_NOTIFY_NO_SENDERS		(MACH_NOTIFY_FIRST + 006)
	/* no send rights to the port remain */
#define MACH_NOTIFY_SEND_ONCE		(MACH_NOTIFY_FIRST + 007)
	/* a send-once right was destroyed unused */
#define MACH_NOTIFY_DEAD_NAME		(MACH_NOTIFY_FIRST + 010)
	/* the port behind a send or send-once right died */
#define MACH_NOTIFY_LAST		(MACH_NOTIFY_FIRST + 015)

typedef mach_port_t	notify_port_t;

typedef struct {
	mach_msg_header_t		not_header;
	NDR_record_t			NDR;
	mach_port_name_t		not_port;	/* the deleted name */
	mach_msg_format_0_trailer_t	trailer;
} mach_port_deleted_notification_t;

typedef struct {
	mach_msg_header_t		not_header;
	NDR_record_t			NDR;
	mach_port_name_t		not_port;	/* the name that may send */
	mach_msg_format_0_trailer_t	trailer;
} mach_send_possible_notification_t;

typedef struct {
	mach_msg_header_t		not_header;	/* complex */
	mach_msg_body_t			not_body;	/* one descriptor */
	mach_msg_port_descriptor_t	not_port;	/* the receive right */
	mach_msg_format_0_trailer_t	trailer;
} mach_port_destroyed_notification_t;

typedef struct {
	mach_msg_header_t		not_header;
	NDR_record_t			NDR;
	mach_msg_type_number_t		not_count;	/* the make-send count */
	mach_msg_format_0_trailer_t	trailer;
} mach_no_senders_notification_t;

typedef struct {
	mach_msg_header_t		not_header;
	mach_msg_format_0_trailer_t	trailer;
} mach_send_once_notification_t;

typedef struct {
	mach_msg_header_t		not_header;
	NDR_record_t			NDR;
	mach_port_name_t		not_port;	/* now a dead name */
	mach_msg_format_0_trailer_t	trailer;
} mach_dead_name_notification_t;

#endif /* _MACH_NOTIFY_H_ */
