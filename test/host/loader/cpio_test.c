/*
 * test/host/loader/cpio_test.c - the cpio reader on real and crafted
 * archives.
 *
 *	cpio_test DIR
 *
 * DIR holds dot.cpio, plain.cpio and crc.cpio from mkcpio.sh (Debian's
 * cpio), whose sbin/init is tried with elf_parse() when it is an ELF file.
 * Crafted archives cover "./" names, duplicate names, data after the
 * trailer, the crc magic, upper-case hex, and one archive per rejection:
 * magic, each field's hex, namesize, unterminated names, padding, sizes
 * past the end, a trailer with data, no trailer, truncation in each part.
 */
#include <stdlib.h>
#include <string.h>

#include "loader_test.h"

/* Field i of the header at off. */
#define FIELD(a, off, i)	((char *)(a)->buf + (off) + 6 + 8 * (i))

static const char motd[] = "hello rvmach\n";

static void
set_field(struct arc *a, size_t off, int i, uint32_t v)
{
	char tmp[9];

	snprintf(tmp, sizeof(tmp), "%08x", v);
	memcpy(FIELD(a, off, i), tmp, 8);
}

/* expect - cpio_validate's code and reason, and where it stopped. */
static void
expect(const struct arc *a, size_t len, long rc, const char *why,
    size_t bad_off)
{
	unsigned char *c = exact(a->buf, len);
	const char *w = NULL;
	size_t bad = 12345;

	CHECK_U64(check_cpio(a->buf, len), rc);
	CHECK_U64(cpio_validate(c, len, &bad, &w), rc);
	CHECK_STR(w, why);
	if (rc < 0)
		CHECK_U64(bad, bad_off);
	free(c);
}

static void
find_ok(const unsigned char *buf, size_t len, const char *path,
    const char *stored, uint32_t mode, const char *data, size_t size)
{
	struct cpio_entry e;
	const char *why;

	memset(&e, 0, sizeof(e));
	CHECK_U64(cpio_find(buf, len, path, &e, &why), CPIO_OK);
	CHECK_STR(why, "ok");
	CHECK_STR(e.name, stored);
	CHECK_U64(e.mode, mode);
	CHECK_U64(e.size, size);
	if (data != NULL && e.size == size)
		CHECK(memcmp(e.data, data, size) == 0);
}

static void
find_none(const unsigned char *buf, size_t len, const char *path)
{
	struct cpio_entry e;
	const char *why;

	CHECK_U64(cpio_find(buf, len, path, &e, &why), CPIO_E_NOTFOUND);
	CHECK_STR(why, "no such file in archive");
}

static void
sbin_init(const unsigned char *buf, size_t len)
{
	static const struct elf_limits sv39 = ELF_LIMITS_SV39;
	struct cpio_entry e;
	struct elf_plan plan;

	CHECK_U64(cpio_find(buf, len, "/sbin/init", &e, NULL), CPIO_OK);
	CHECK_U64(e.mode, 0100755);
	CHECK((uintptr_t)e.data % 4 == 0);
	if (e.size >= 4 && memcmp(e.data, "\177ELF", 4) == 0)
		CHECK_U64(check_elf(e.data, e.size, &sv39, &plan, NULL),
		    ELF_OK);
}

static void
real(const char *dir, const char *name, long count, bool has_dot)
{
	char path[4096];
	unsigned char *buf;
	size_t len;

	t_context = name;
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	buf = t_read_file(path, &len);
	CHECK_U64(check_cpio(buf, len), count);
	CHECK(len % 512 == 0);		/* cpio pads to its block size */
	find_ok(buf, len, "/etc/motd", "etc/motd", 0100644, motd, 13);
	find_ok(buf, len, "./etc/motd", "etc/motd", 0100644, motd, 13);
	find_ok(buf, len, "etc/motd", "etc/motd", 0100644, motd, 13);
	find_ok(buf, len, "//./etc/motd", "etc/motd", 0100644, motd, 13);
	find_ok(buf, len, "/etc/empty-file", "etc/empty-file", 0100644, "", 0);
	find_ok(buf, len, "/bin/seventeen", "bin/seventeen", 0100644,
	    "0123456789abcdefg", 17);
	find_ok(buf, len, "/bin/motd-link", "bin/motd-link", 0120777,
	    "../etc/motd", 11);
	find_ok(buf, len, "/empty", "empty", 0040755, NULL, 0);
	find_ok(buf, len, "/bin", "bin", 0040755, NULL, 0);
	if (has_dot) {
		find_ok(buf, len, "/", ".", 0040755, NULL, 0);
		find_ok(buf, len, ".", ".", 0040755, NULL, 0);
	} else {
		find_none(buf, len, "/");
	}
	find_none(buf, len, "/etc/mot");
	find_none(buf, len, "/etc/motd/");
	find_none(buf, len, "/TRAILER!!!");
	find_none(buf, len, "/nonexistent");
	sbin_init(buf, len);
	free(buf);
}

/* A small good archive: ".", "./etc", "./etc/motd", "./etc/x"; trailer. */
static size_t off_motd, off_x, off_trailer;

static void
small(struct arc *a)
{
	arc_init(a);
	arc_add(a, ".", 0040755, NULL, 0);
	arc_add(a, "./etc", 0040755, NULL, 0);
	off_motd = arc_add(a, "./etc/motd", 0100644, motd, 13);
	off_x = arc_add(a, "./etc/x", 0100600, "abc", 3);
	off_trailer = a->len;
	arc_trailer(a);
}

static void
crafted_good(void)
{
	static struct arc a;
	struct cpio_entry e;
	const char *why;
	size_t off;

	t_context = "dot-slash names";
	small(&a);
	expect(&a, a.len, 4, "ok", 0);
	find_ok(a.buf, a.len, "/etc/motd", "./etc/motd", 0100644, motd, 13);
	find_ok(a.buf, a.len, "etc/motd", "./etc/motd", 0100644, motd, 13);
	find_ok(a.buf, a.len, "./etc/x", "./etc/x", 0100600, "abc", 3);
	find_ok(a.buf, a.len, "/", ".", 0040755, NULL, 0);
	find_none(a.buf, a.len, "/etc/motd2");

	t_context = "cpio_next";
	off = off_motd;
	CHECK_U64(cpio_next(a.buf, a.len, &off, &e, &why), CPIO_OK);
	CHECK_U64(off, off_x);
	CHECK_U64(e.hdr_off, off_motd);
	CHECK_U64(e.namelen, 10);
	CHECK_U64(e.nlink, 1);
	CHECK_U64(e.mtime, 0x5f000000);
	CHECK_U64(e.ino, 1000 + off_motd);
	off = off_trailer;
	CHECK_U64(cpio_next(a.buf, a.len, &off, &e, &why), CPIO_END);
	CHECK_U64(cpio_next(a.buf, a.len, &off, &e, &why), CPIO_END);
	CHECK_U64(off, off_trailer);
	off = 2;
	CHECK_U64(cpio_next(a.buf, a.len, &off, &e, &why), CPIO_E_BADARG);
	off = a.len + 4;
	CHECK_U64(cpio_next(a.buf, a.len, &off, &e, &why), CPIO_E_BADARG);
	CHECK_U64(cpio_next(NULL, 0, &off, &e, &why), CPIO_E_BADARG);
	CHECK_U64(cpio_find(a.buf, a.len, NULL, &e, &why), CPIO_E_BADARG);

	t_context = "data after trailer";
	memset(a.buf + a.len, 0x55, 100);
	expect(&a, a.len + 100, 4, "ok", 0);

	t_context = "duplicate name: last wins";
	small(&a);
	a.len = off_trailer;
	arc_add(&a, "etc/motd", 0100600, "new", 3);
	arc_trailer(&a);
	find_ok(a.buf, a.len, "/etc/motd", "etc/motd", 0100600, "new", 3);

	t_context = "crc magic, checksum ignored, upper-case hex";
	arc_init(&a);
	a.magic = "070702";
	arc_add(&a, "A", 0100644, "xyz", 3);
	memcpy(FIELD(&a, 0, 12), "DEADBEEF", 8);
	memcpy(FIELD(&a, 0, 1), "000081A4", 8);
	arc_trailer(&a);
	expect(&a, a.len, 1, "ok", 0);
	find_ok(a.buf, a.len, "/A", "A", 0100644, "xyz", 3);
}

#define ALL	((size_t)-1)

/* One corruption of the small archive (keep bytes of it) and its result. */
static void
bad(const char *what, void (*mutate)(struct arc *), size_t keep,
    long rc, const char *why, size_t bad_off)
{
	static struct arc a;

	t_context = what;
	small(&a);
	mutate(&a);
	expect(&a, keep == ALL ? a.len : keep, rc, why, bad_off);
}

static void b_none(struct arc *a) { (void)a; }
static void b_magic(struct arc *a) { memcpy(a->buf + off_motd, "070707", 6); }
static void b_magic3(struct arc *a) { a->buf[off_motd + 5] = '3'; }
static void b_ns0(struct arc *a) { set_field(a, off_motd, 11, 0); }
static void b_ns1(struct arc *a) { set_field(a, off_motd, 11, 1); }
static void b_nsbig(struct arc *a) { set_field(a, off_x, 11, 0x1000); }
static void b_nshuge(struct arc *a) { set_field(a, off_x, 11, 0xffffffff); }
static void b_nsshort(struct arc *a) { set_field(a, off_motd, 11, 5); }
static void b_nslong(struct arc *a) { set_field(a, off_motd, 11, 12); }
static void b_noterm(struct arc *a) { a->buf[off_motd + 110 + 10] = 'x'; }
static void b_namepad(struct arc *a) { a->buf[off_motd + 110 + 11] = 1; }
static void b_datapad(struct arc *a) { a->buf[off_motd + 124 + 13] = 1; }
static void b_fsbig(struct arc *a) { set_field(a, off_x, 6, 0x10000); }
static void b_fshuge(struct arc *a) { set_field(a, off_x, 6, 0xffffffff); }
static void b_trdata(struct arc *a)
{
	set_field(a, off_trailer, 6, 4);
	a->len += 4;
}
static void b_notrailer(struct arc *a) { a->len = off_trailer; }

static void
crafted_bad(void)
{
	static const char bad_chars[] = "g -xG";
	static struct arc a;
	char what[64];
	int i, k;

	small(&a);			/* the offsets */
	bad("bad magic 070707", b_magic, ALL, CPIO_E_BADMAGIC,
	    "bad magic (not newc 070701 or 070702)", off_motd);
	bad("bad magic 070703", b_magic3, ALL, CPIO_E_BADMAGIC,
	    "bad magic (not newc 070701 or 070702)", off_motd);
	bad("namesize 0", b_ns0, ALL, CPIO_E_BADNAME,
	    "c_namesize below 2 (an empty name)", off_motd);
	bad("namesize 1", b_ns1, ALL, CPIO_E_BADNAME,
	    "c_namesize below 2 (an empty name)", off_motd);
	bad("namesize past the end", b_nsbig, ALL, CPIO_E_TRUNCATED,
	    "name runs past the end of the archive", off_x);
	bad("namesize 0xffffffff", b_nshuge, ALL, CPIO_E_TRUNCATED,
	    "name runs past the end of the archive", off_x);
	bad("NUL before namesize", b_nsshort, ALL, CPIO_E_BADNAME,
	    "name not NUL-terminated at c_namesize", off_motd);
	bad("namesize past the NUL", b_nslong, ALL, CPIO_E_BADNAME,
	    "name not NUL-terminated at c_namesize", off_motd);
	bad("name not terminated", b_noterm, ALL, CPIO_E_BADNAME,
	    "name not NUL-terminated at c_namesize", off_motd);
	bad("name padding", b_namepad, ALL, CPIO_E_BADPAD,
	    "name padding not zero", off_motd);
	bad("data padding", b_datapad, ALL, CPIO_E_BADPAD,
	    "data padding not zero", off_motd);
	bad("filesize past the end", b_fsbig, ALL, CPIO_E_TRUNCATED,
	    "data runs past the end of the archive", off_x);
	bad("filesize 0xffffffff", b_fshuge, ALL, CPIO_E_TRUNCATED,
	    "data runs past the end of the archive", off_x);
	bad("trailer with data", b_trdata, ALL, CPIO_E_BADTRAILER,
	    "TRAILER!!! entry has data", off_trailer);
	bad("no trailer", b_notrailer, ALL, CPIO_E_NOTRAILER,
	    "archive ends without a TRAILER!!! entry", off_trailer);
	bad("empty archive", b_none, 0, CPIO_E_NOTRAILER,
	    "archive ends without a TRAILER!!! entry", 0);
	bad("cut in a header", b_none, off_trailer + 50, CPIO_E_TRUNCATED,
	    "header runs past the end of the archive", off_trailer);
	bad("cut in a name", b_none, off_trailer + 115, CPIO_E_TRUNCATED,
	    "name runs past the end of the archive", off_trailer);
	bad("cut in name padding", b_none, off_trailer + 122, CPIO_E_TRUNCATED,
	    "name padding runs past the end of the archive", off_trailer);
	bad("cut in data", b_none, off_x + 121, CPIO_E_TRUNCATED,
	    "data runs past the end of the archive", off_x);
	bad("cut in data padding", b_none, off_x + 123,
	    CPIO_E_TRUNCATED, "data padding runs past the end of the archive",
	    off_x);

	/* every field, every kind of bad digit */
	for (i = 0; i < 13; i++) {
		for (k = 0; bad_chars[k] != '\0'; k++) {
			snprintf(what, sizeof(what), "field %d char '%c'", i,
			    bad_chars[k]);
			t_context = what;
			small(&a);
			FIELD(&a, off_motd, i)[k % 8] = bad_chars[k];
			CHECK_U64(check_cpio(a.buf, a.len), CPIO_E_BADHEX);
		}
	}
	t_context = "field names";
	small(&a);
	FIELD(&a, off_motd, 6)[0] = 'z';
	expect(&a, a.len, CPIO_E_BADHEX, "c_filesize is not 8 hex digits",
	    off_motd);
	small(&a);
	FIELD(&a, off_motd, 0)[7] = 'z';
	expect(&a, a.len, CPIO_E_BADHEX, "c_ino is not 8 hex digits", off_motd);
	small(&a);
	FIELD(&a, off_motd, 12)[3] = '+';
	expect(&a, a.len, CPIO_E_BADHEX, "c_check is not 8 hex digits",
	    off_motd);
}

int
main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: cpio_test DIR\n");
		return 2;
	}
	real(argv[1], "dot.cpio", 10, true);
	real(argv[1], "plain.cpio", 9, false);
	real(argv[1], "crc.cpio", 10, true);
	crafted_good();
	crafted_bad();
	return t_exit_status("cpio_test");
}
