/*
 * sdk/lib/libmach/ipc_data.c - the constants <mach/message.h> and
 * <mach/ndr.h> declare: the tokens of a message the kernel sent, and
 * this machine's data representation (little-endian, ASCII, IEEE).
 */
#include <mach/message.h>
#include <mach/ndr.h>

const security_token_t KERNEL_SECURITY_TOKEN = KERNEL_SECURITY_TOKEN_VALUE;
const audit_token_t KERNEL_AUDIT_TOKEN = KERNEL_AUDIT_TOKEN_VALUE;

NDR_record_t NDR_record = {
	.mig_vers = 0,
	.if_vers = 0,
	.reserved1 = 0,
	.mig_encoding = NDR_PROTOCOL_2_0,
	.int_rep = NDR_INT_LITTLE_ENDIAN,
	.char_rep = NDR_CHAR_ASCII,
	.float_rep = NDR_FLOAT_IEEE,
	.reserved2 = 0,
};
