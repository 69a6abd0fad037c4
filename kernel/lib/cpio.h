/*
 * kernel/lib/cpio.h - a bounds-checked reader of cpio "newc" archives.
 *
 * The initrd format: what Debian's `cpio -o -H newc` (and Linux's
 * gen_init_cpio) writes.  Magic "070701" (newc) or "070702" (newc with a
 * checksum, which is not verified).  Each entry is a 110-byte header of
 * ASCII fields (6-byte magic, then 13 fields of exactly 8 hex digits), the
 * name (c_namesize bytes, the last one its NUL), zero padding to a 4-byte
 * boundary, the data (c_filesize bytes), zero padding to a 4-byte boundary.
 * The entry named "TRAILER!!!" ends the archive; whatever follows it (cpio
 * pads the archive to 512 bytes) is ignored.
 *
 * Pure code: no allocation, no global state, only kernel/lib/string.h, so
 * the kernel and the host tools (tools/rvmach-cpio) share it.  Offsets are
 * relative to the archive's base, which needs no alignment.  No input makes
 * a function read outside [base, base + size).
 */
#ifndef KERNEL_LIB_CPIO_H
#define KERNEL_LIB_CPIO_H

#include "kernel/lib/types.h"

#define CPIO_HDR_SIZE	110		/* magic + 13 fields of 8 hex digits */
#define CPIO_TRAILER	"TRAILER!!!"

/* File type bits of cpio_entry.mode (as in st_mode). */
#define CPIO_S_IFMT	0170000u
#define CPIO_S_IFDIR	0040000u
#define CPIO_S_IFREG	0100000u
#define CPIO_S_IFLNK	0120000u

/* Results.  CPIO_END and the CPIO_E_* codes (negative) are not entries. */
enum {
	CPIO_OK = 0,			/* an entry was read */
	CPIO_END = 1,			/* the trailer: no more entries */
	CPIO_E_TRUNCATED = -1,		/* header, name, data or padding
					   runs past the archive */
	CPIO_E_BADMAGIC = -2,		/* not "070701" or "070702" */
	CPIO_E_BADHEX = -3,		/* a field not 8 hex digits */
	CPIO_E_BADNAME = -4,		/* namesize 0 or 1, or the name not
					   NUL-terminated exactly there */
	CPIO_E_BADPAD = -5,		/* a padding byte not zero */
	CPIO_E_NOTRAILER = -6,		/* archive ends without the trailer */
	CPIO_E_BADTRAILER = -7,		/* the trailer has data */
	CPIO_E_NOTFOUND = -8,		/* cpio_find: no such name */
	CPIO_E_BADARG = -9,		/* NULL, or *offset not a header */
};

/* One entry.  Pointers point into the archive. */
struct cpio_entry {
	const char *name;	/* NUL-terminated, as stored ("./bin/sh") */
	size_t	namelen;	/* strlen(name), >= 1 */
	const void *data;	/* size bytes (a symlink's target, unterminated) */
	size_t	size;		/* c_filesize */
	uint32_t mode;		/* c_mode: CPIO_S_IF* type and permissions */
	uint32_t uid;
	uint32_t gid;
	uint32_t nlink;
	uint32_t mtime;
	uint32_t ino;
	size_t	hdr_off;	/* offset of this entry's header */
};

/*
 * cpio_next - read the entry whose header is at *offset (start with 0).
 * Returns CPIO_OK with *out filled and *offset moved to the next header;
 * CPIO_END at the trailer (*offset unchanged, so calling again gives
 * CPIO_END again); or a CPIO_E_* code with *offset unchanged (it names the
 * bad entry's header).  *why, if why is not NULL, is set on every return
 * to a fixed one-line reason ("ok" when there is no error).
 */
int	cpio_next(const void *base, size_t size, size_t *offset,
	    struct cpio_entry *out, const char **why);

/*
 * cpio_validate - walk the whole archive up to its trailer.  Returns the
 * number of entries before the trailer (>= 0), or a CPIO_E_* code with
 * *why set as cpio_next does and *bad_off (if not NULL) the offset of the
 * bad entry.
 */
long	cpio_validate(const void *base, size_t size, size_t *bad_off,
	    const char **why);

/*
 * cpio_find - the entry named path.  Leading "/" and "./" are dropped
 * from path and from each archive name before comparing ("/bin/sh",
 * "./bin/sh" and "bin/sh" all match an entry stored as "bin/sh" or
 * "./bin/sh"); "/", "." and "" name the entry ".".  The whole archive is
 * read, so a corrupt archive is an error even past the match; when a name
 * appears twice the last entry counts, as when extracting.  Returns
 * CPIO_OK with *out filled, CPIO_E_NOTFOUND, or another CPIO_E_* code; *why
 * as in cpio_next.
 */
int	cpio_find(const void *base, size_t size, const char *path,
	    struct cpio_entry *out, const char **why);

/* cpio_strerror - the fixed description of a result code. */
const char *cpio_strerror(int err);

#endif /* KERNEL_LIB_CPIO_H */
