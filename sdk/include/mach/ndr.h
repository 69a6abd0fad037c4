/*
 * <mach/ndr.h> - the data representation record MIG puts in messages
 * (user ABI, XNU's layout: eight bytes).
 *
 * A MIG request or reply with inline data carries one right after the
 * header (or after the descriptors) saying how its integers, characters
 * and floats are encoded.  On rvmach they are always little-endian,
 * ASCII and IEEE, so nothing is ever converted.
 */
#ifndef _MACH_NDR_H_
#define _MACH_NDR_H_

typedef struct {
	unsigned char	mig_vers;
	unsigned char	if_vers;
	unsigned char	reserved1;
	unsigned char	mig_encoding;
	unsigned char	int_rep;	/* NDR_INT_* */
	unsigned char	char_rep;	/* NDR_CHAR_* */
	unsigned char	float_rep;	/* NDR_FLOAT_* */
	unsigned char	reserved2;
} NDR_record_t;

#define NDR_PROTOCOL_2_0	0

#define NDR_INT_BIG_ENDIAN	0
#define NDR_INT_LITTLE_ENDIAN	1
#define NDR_FLOAT_IEEE		0
#define NDR_FLOAT_VAX		1
#define NDR_FLOAT_CRAY		2
#define NDR_FLOAT_IBM		3
#define NDR_CHAR_ASCII		0
#define NDR_CHAR_EBCDIC		1

/* this machine's record (libmach, with the IPC issue) */
extern NDR_record_t NDR_record;

#endif /* _MACH_NDR_H_ */
