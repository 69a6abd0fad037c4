/*
 * kernel/lib/cpio.c - a bounds-checked reader of cpio "newc" archives.
 *
 * Every length is checked against what is left of the archive before the
 * bytes it covers are read, with 64-bit arithmetic on 32-bit fields, so no
 * sum can wrap.  See cpio.h for the format and the contracts.
 */
#include "kernel/lib/cpio.h"
#include "kernel/lib/string.h"

/* The 13 header fields after the magic, in order. */
enum {
	F_INO, F_MODE, F_UID, F_GID, F_NLINK, F_MTIME, F_FILESIZE,
	F_DEVMAJOR, F_DEVMINOR, F_RDEVMAJOR, F_RDEVMINOR, F_NAMESIZE, F_CHECK,
	F_COUNT
};

#define MAGIC_LEN	6
#define FIELD_LEN	8

STATIC_ASSERT(MAGIC_LEN + F_COUNT * FIELD_LEN == CPIO_HDR_SIZE,
    "newc header layout");

/* Reasons for a field that is not 8 hex digits, by field. */
static const char *const badhex_why[F_COUNT] = {
	"c_ino is not 8 hex digits", "c_mode is not 8 hex digits",
	"c_uid is not 8 hex digits", "c_gid is not 8 hex digits",
	"c_nlink is not 8 hex digits", "c_mtime is not 8 hex digits",
	"c_filesize is not 8 hex digits", "c_devmajor is not 8 hex digits",
	"c_devminor is not 8 hex digits", "c_rdevmajor is not 8 hex digits",
	"c_rdevminor is not 8 hex digits", "c_namesize is not 8 hex digits",
	"c_check is not 8 hex digits",
};

/* One entry's header fields and where its parts start and end. */
struct hdr {
	uint32_t f[F_COUNT];
	uint64_t name_end;		/* offsets from the header */
	uint64_t data_off;
	uint64_t data_end;
	uint64_t next;
};

static int
set_why(const char **why, int rc, const char *reason)
{
	if (why != NULL)
		*why = reason;
	return rc;
}

static int
hex_digit(uint8_t c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* hex8 - the 8 hex digits at p (no sign, no spaces); false if not. */
static bool
hex8(const uint8_t *p, uint32_t *val)
{
	uint32_t v = 0;
	int i, d;

	for (i = 0; i < FIELD_LEN; i++) {
		if ((d = hex_digit(p[i])) < 0)
			return false;
		v = v << 4 | (uint32_t)d;
	}
	*val = v;
	return true;
}

/* all_zero - bytes [from, to) of p are zero. */
static bool
all_zero(const uint8_t *p, uint64_t from, uint64_t to)
{
	for (; from < to; from++) {
		if (p[from] != 0)
			return false;
	}
	return true;
}

/*
 * parse_fields - magic and the 13 fields of the header at h, which has
 * CPIO_HDR_SIZE readable bytes.
 */
static int
parse_fields(const uint8_t *h, struct hdr *hd, const char **why)
{
	int i;

	if (memcmp(h, "07070", 5) != 0 || (h[5] != '1' && h[5] != '2'))
		return set_why(why, CPIO_E_BADMAGIC,
		    "bad magic (not newc 070701 or 070702)");
	for (i = 0; i < F_COUNT; i++) {
		if (!hex8(h + MAGIC_LEN + i * FIELD_LEN, &hd->f[i]))
			return set_why(why, CPIO_E_BADHEX, badhex_why[i]);
	}
	return CPIO_OK;
}

/*
 * check_layout - the name, data and both paddings of the entry at h, left
 * bytes from h to the end of the archive; fills the hd offsets.
 */
static int
check_layout(const uint8_t *h, uint64_t left, struct hdr *hd,
    const char **why)
{
	uint64_t namesize = hd->f[F_NAMESIZE];
	const char *name = (const char *)h + CPIO_HDR_SIZE;

	if (namesize < 2)
		return set_why(why, CPIO_E_BADNAME,
		    "c_namesize below 2 (an empty name)");
	hd->name_end = CPIO_HDR_SIZE + namesize;
	if (hd->name_end > left)
		return set_why(why, CPIO_E_TRUNCATED,
		    "name runs past the end of the archive");
	if (strnlen(name, namesize) != namesize - 1)
		return set_why(why, CPIO_E_BADNAME,
		    "name not NUL-terminated at c_namesize");
	hd->data_off = ROUNDUP(hd->name_end, 4);
	if (hd->data_off > left)
		return set_why(why, CPIO_E_TRUNCATED,
		    "name padding runs past the end of the archive");
	if (!all_zero(h, hd->name_end, hd->data_off))
		return set_why(why, CPIO_E_BADPAD, "name padding not zero");
	hd->data_end = hd->data_off + hd->f[F_FILESIZE];
	if (hd->data_end > left)
		return set_why(why, CPIO_E_TRUNCATED,
		    "data runs past the end of the archive");
	hd->next = ROUNDUP(hd->data_end, 4);
	if (hd->next > left)
		return set_why(why, CPIO_E_TRUNCATED,
		    "data padding runs past the end of the archive");
	if (!all_zero(h, hd->data_end, hd->next))
		return set_why(why, CPIO_E_BADPAD, "data padding not zero");
	return CPIO_OK;
}

static void
fill_entry(const uint8_t *h, size_t off, const struct hdr *hd,
    struct cpio_entry *out)
{
	out->name = (const char *)h + CPIO_HDR_SIZE;
	out->namelen = hd->f[F_NAMESIZE] - 1;
	out->data = h + hd->data_off;
	out->size = hd->f[F_FILESIZE];
	out->mode = hd->f[F_MODE];
	out->uid = hd->f[F_UID];
	out->gid = hd->f[F_GID];
	out->nlink = hd->f[F_NLINK];
	out->mtime = hd->f[F_MTIME];
	out->ino = hd->f[F_INO];
	out->hdr_off = off;
}

int
cpio_next(const void *base, size_t size, size_t *offset,
    struct cpio_entry *out, const char **why)
{
	const uint8_t *h;
	struct hdr hd;
	size_t off;
	int rc;

	if (base == NULL || offset == NULL || out == NULL || *offset > size ||
	    !IS_ALIGNED(*offset, 4))
		return set_why(why, CPIO_E_BADARG, "bad argument");
	off = *offset;
	if (off == size)
		return set_why(why, CPIO_E_NOTRAILER,
		    "archive ends without a TRAILER!!! entry");
	if (size - off < CPIO_HDR_SIZE)
		return set_why(why, CPIO_E_TRUNCATED,
		    "header runs past the end of the archive");
	h = (const uint8_t *)base + off;
	if ((rc = parse_fields(h, &hd, why)) != CPIO_OK ||
	    (rc = check_layout(h, size - off, &hd, why)) != CPIO_OK)
		return rc;
	if (strcmp((const char *)h + CPIO_HDR_SIZE, CPIO_TRAILER) == 0) {
		if (hd.f[F_FILESIZE] != 0)
			return set_why(why, CPIO_E_BADTRAILER,
			    "TRAILER!!! entry has data");
		return set_why(why, CPIO_END, "ok");
	}
	fill_entry(h, off, &hd, out);
	*offset = off + hd.next;
	return set_why(why, CPIO_OK, "ok");
}

long
cpio_validate(const void *base, size_t size, size_t *bad_off,
    const char **why)
{
	struct cpio_entry e;
	size_t off = 0;
	long n = 0;
	int rc;

	while ((rc = cpio_next(base, size, &off, &e, why)) == CPIO_OK)
		n++;
	if (rc == CPIO_END)
		return n;
	if (bad_off != NULL)
		*bad_off = off;
	return rc;
}

/* strip_prefix - s without leading "/" and "./"; "." becomes "". */
static const char *
strip_prefix(const char *s)
{
	for (;;) {
		if (s[0] == '/')
			s++;
		else if (s[0] == '.' && s[1] == '/')
			s += 2;
		else
			break;
	}
	return strcmp(s, ".") == 0 ? "" : s;
}

int
cpio_find(const void *base, size_t size, const char *path,
    struct cpio_entry *out, const char **why)
{
	struct cpio_entry e;
	size_t off = 0;
	bool found = false;
	int rc;

	if (path == NULL || out == NULL)
		return set_why(why, CPIO_E_BADARG, "bad argument");
	path = strip_prefix(path);
	while ((rc = cpio_next(base, size, &off, &e, why)) == CPIO_OK) {
		if (strcmp(strip_prefix(e.name), path) == 0) {
			*out = e;
			found = true;
		}
	}
	if (rc != CPIO_END)
		return rc;
	if (!found)
		return set_why(why, CPIO_E_NOTFOUND, "no such file in archive");
	return set_why(why, CPIO_OK, "ok");
}

const char *
cpio_strerror(int err)
{
	switch (err) {
	case CPIO_OK:		return "ok";
	case CPIO_END:		return "end of archive";
	case CPIO_E_TRUNCATED:	return "truncated archive";
	case CPIO_E_BADMAGIC:	return "bad magic";
	case CPIO_E_BADHEX:	return "bad hex field";
	case CPIO_E_BADNAME:	return "bad name";
	case CPIO_E_BADPAD:	return "padding not zero";
	case CPIO_E_NOTRAILER:	return "no trailer";
	case CPIO_E_BADTRAILER:	return "trailer has data";
	case CPIO_E_NOTFOUND:	return "not found";
	case CPIO_E_BADARG:	return "bad argument";
	default:		return "unknown error";
	}
}
