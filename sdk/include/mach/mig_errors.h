/*
 * <mach/mig_errors.h> - the return codes of MIG stubs and the shape of
 * an error reply (user ABI: XNU's values and layout).
 *
 * rvmach has no MIG stubs yet; the kernel uses these where XNU's stubs
 * would, checking the replies to the exception messages it sends
 * (<mach/exc.h>): a handler that replies with the wrong id, size or
 * type gets the exception passed on, as a MIG client would see the error.
 */
#ifndef _MACH_MIG_ERRORS_H_
#define _MACH_MIG_ERRORS_H_

#include <mach/kern_return.h>
#include <mach/message.h>
#include <mach/ndr.h>

#define MIG_TYPE_ERROR		-300	/* client type check failure */
#define MIG_REPLY_MISMATCH	-301	/* wrong reply message id */
#define MIG_REMOTE_ERROR	-302	/* server detected error */
#define MIG_BAD_ID		-303	/* bad request message id */
#define MIG_BAD_ARGUMENTS	-304	/* server type check failure */
#define MIG_NO_REPLY		-305	/* no reply should be sent */
#define MIG_EXCEPTION		-306	/* server raised exception */
#define MIG_ARRAY_TOO_LARGE	-307	/* array not large enough */
#define MIG_SERVER_DIED		-308	/* server died */
#define MIG_TRAILER_ERROR	-309	/* trailer has an unknown format */

#pragma pack(push, 4)
/* a reply carrying only a return code (36 bytes) */
typedef struct {
	mach_msg_header_t	Head;
	NDR_record_t		NDR;
	kern_return_t		RetCode;
} mig_reply_error_t;
#pragma pack(pop)

#endif /* _MACH_MIG_ERRORS_H_ */
