/*
 * test/host/fdt/crafted.c - hand-made malformed blobs, one defect each.
 *
 * A small emitter writes the struct block token by token (so that it can
 * write what libfdt's writer never would), then a header with the
 * reservation map at 40, the struct block at 56 and the strings after it.
 * Each case checks the exact dtb_init() code and, for header defects, the
 * exact platform_discover() message.
 */
#include <stdlib.h>
#include <string.h>

#include "arch/riscv/platform.h"
#include "kernel/lib/dtb.h"
#include "fdt_test.h"

#define BEGIN	1
#define ENDN	2
#define PROP	3
#define NOP	4
#define END	9

#define MAXBLOB	(256 * 1024)

struct emit {
	unsigned char s[MAXBLOB / 2];	/* struct block */
	uint32_t n;
};

static unsigned char blob[MAXBLOB];
static struct platform plat;
static char err[200];

static void
put32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

static void
e32(struct emit *e, uint32_t v)
{
	put32(e->s + e->n, v);
	e->n += 4;
}

/* ebytes - raw bytes, padded with zeros to 4 when pad. */
static void
ebytes(struct emit *e, const void *p, uint32_t len, bool pad)
{
	memcpy(e->s + e->n, p, len);
	e->n += len;
	while (pad && (e->n & 3) != 0)
		e->s[e->n++] = 0;
}

static void
ebegin(struct emit *e, const char *name)
{
	e32(e, BEGIN);
	ebytes(e, name, (uint32_t)strlen(name) + 1, true);
}

static void
eprop(struct emit *e, uint32_t nameoff, const void *val, uint32_t len)
{
	e32(e, PROP);
	e32(e, len);
	e32(e, nameoff);
	ebytes(e, val, len, true);
}

/*
 * finish - lay out header, empty reservation map, e's struct block and
 * strs (slen bytes); returns totalsize.
 */
static uint32_t
finish(const struct emit *e, const char *strs, uint32_t slen,
    uint32_t version)
{
	uint32_t off_struct = 56, off_strings = off_struct + e->n;
	uint32_t total = off_strings + slen;

	memset(blob, 0, 56);
	put32(blob, DTB_MAGIC);
	put32(blob + 4, total);
	put32(blob + 8, off_struct);
	put32(blob + 12, off_strings);
	put32(blob + 16, 40);
	put32(blob + 20, version);
	put32(blob + 24, 16);
	put32(blob + 32, slen);
	put32(blob + 36, e->n);
	memcpy(blob + off_struct, e->s, e->n);
	memcpy(blob + off_strings, strs, slen);
	return total;
}

/* init_exact - dtb_init on an exact-size heap copy. */
static int
init_exact(uint32_t len, struct dtb *out)
{
	unsigned char *copy = malloc(len != 0 ? len : 1);
	struct dtb d;
	int rc;

	memcpy(copy, blob, len);
	rc = dtb_init(&d, copy, len);
	if (out != NULL) {
		*out = d;
		out->blob = NULL;	/* freed below */
	}
	free(copy);
	return rc;
}

/* discover - platform_discover on an exact copy with maxlen bytes. */
static int
discover(uint32_t maxlen)
{
	unsigned char *copy = malloc(maxlen != 0 ? maxlen : 1);
	int rc;

	memcpy(copy, blob, maxlen);
	rc = platform_discover(&plat, copy, maxlen, 0, 0, 0, err, sizeof(err));
	free(copy);
	return rc;
}

static void
expect_init(const char *what, uint32_t total, int want)
{
	t_context = what;
	CHECK_U64(init_exact(total, NULL), want);
	if (want != 0) {
		CHECK_U64(discover(total), -1);
		CHECK(err[0] != '\0' && strchr(err, '\n') == NULL);
	}
}

static const char strs[] = "a\0compatible";

static void
struct_cases(void)
{
	struct emit e;
	uint32_t t;

	memset(&e, 0, sizeof(e));
	ebegin(&e, "");
	e32(&e, ENDN);
	e32(&e, END);
	t = finish(&e, strs, sizeof(strs), 17);
	expect_init("minimal", t, 0);
	CHECK_U64(discover(t), -1);
	CHECK_STR(err, "no /cpus node");

	memset(&e, 0, sizeof(e));
	e32(&e, BEGIN);
	ebytes(&e, "abcd", 4, false);
	t = finish(&e, strs, sizeof(strs), 17);
	expect_init("unterminated node name", t, DTB_E_BADNAME);
	CHECK_STR(err, "struct block: bad node name at offset 0x0");

	memset(&e, 0, sizeof(e));
	ebegin(&e, "root");
	e32(&e, ENDN);
	e32(&e, END);
	t = finish(&e, strs, sizeof(strs), 17);
	expect_init("root with a name", t, DTB_E_BADNAME);

	memset(&e, 0, sizeof(e));
	ebegin(&e, "");
	ebegin(&e, "");
	e32(&e, ENDN);
	e32(&e, ENDN);
	e32(&e, END);
	t = finish(&e, strs, sizeof(strs), 17);
	expect_init("child without a name", t, DTB_E_BADNAME);

	memset(&e, 0, sizeof(e));
	ebegin(&e, "");
	ebegin(&e, "a/b");
	e32(&e, ENDN);
	e32(&e, ENDN);
	e32(&e, END);
	t = finish(&e, strs, sizeof(strs), 17);
	expect_init("'/' in a name", t, DTB_E_BADNAME);
	CHECK_STR(err, "struct block: bad node name at offset 0x8");

	memset(&e, 0, sizeof(e));
	ebegin(&e, "");
	e32(&e, PROP);
	e32(&e, 0x1000);
	e32(&e, 0);
	e32(&e, ENDN);
	e32(&e, END);
	t = finish(&e, strs, sizeof(strs), 17);
	expect_init("property length past the end", t, DTB_E_BADPROP);
	CHECK_STR(err, "struct block: property past the end of the struct "
	    "block at offset 0x8");

	memset(&e, 0, sizeof(e));
	ebegin(&e, "");
	e32(&e, PROP);
	e32(&e, 0xffffffff);
	t = finish(&e, strs, sizeof(strs), 17);
	expect_init("property length 0xffffffff", t, DTB_E_BADPROP);

	memset(&e, 0, sizeof(e));
	ebegin(&e, "");
	e32(&e, PROP);
	t = finish(&e, strs, sizeof(strs), 17);
	expect_init("property header cut", t, DTB_E_BADPROP);

	memset(&e, 0, sizeof(e));
	ebegin(&e, "");
	eprop(&e, sizeof(strs), "x", 2);
	e32(&e, ENDN);
	e32(&e, END);
	t = finish(&e, strs, sizeof(strs), 17);
	expect_init("name offset at the end", t, DTB_E_BADNAMEOFF);

	memset(&e, 0, sizeof(e));
	ebegin(&e, "");
	eprop(&e, 0xffffffff, "x", 2);
	e32(&e, ENDN);
	e32(&e, END);
	t = finish(&e, strs, sizeof(strs), 17);
	expect_init("name offset 0xffffffff", t, DTB_E_BADNAMEOFF);

	memset(&e, 0, sizeof(e));
	ebegin(&e, "");
	eprop(&e, 2, "x", 2);
	e32(&e, ENDN);
	e32(&e, END);
	t = finish(&e, "a\0compat", 8, 17);
	expect_init("unterminated property name", t, DTB_E_BADNAMEOFF);

	memset(&e, 0, sizeof(e));
	ebegin(&e, "");
	e32(&e, 7);
	e32(&e, ENDN);
	e32(&e, END);
	t = finish(&e, strs, sizeof(strs), 17);
	expect_init("unknown token", t, DTB_E_BADTOKEN);

	memset(&e, 0, sizeof(e));
	ebegin(&e, "");
	e32(&e, ENDN);
	t = finish(&e, strs, sizeof(strs), 17);
	expect_init("no FDT_END", t, DTB_E_BADTOKEN);

	memset(&e, 0, sizeof(e));
	t = finish(&e, strs, sizeof(strs), 17);
	expect_init("empty struct block", t, DTB_E_BADTOKEN);

	memset(&e, 0, sizeof(e));
	e32(&e, ENDN);
	e32(&e, END);
	t = finish(&e, strs, sizeof(strs), 17);
	expect_init("END_NODE first", t, DTB_E_BADNESTING);

	memset(&e, 0, sizeof(e));
	e32(&e, NOP);
	e32(&e, END);
	t = finish(&e, strs, sizeof(strs), 17);
	expect_init("no root", t, DTB_E_BADNESTING);

	memset(&e, 0, sizeof(e));
	ebegin(&e, "");
	e32(&e, ENDN);
	ebegin(&e, "");
	e32(&e, ENDN);
	e32(&e, END);
	t = finish(&e, strs, sizeof(strs), 17);
	expect_init("two roots", t, DTB_E_BADNESTING);

	memset(&e, 0, sizeof(e));
	eprop(&e, 0, "x", 2);
	ebegin(&e, "");
	e32(&e, ENDN);
	e32(&e, END);
	t = finish(&e, strs, sizeof(strs), 17);
	expect_init("property outside the root", t, DTB_E_BADNESTING);

	memset(&e, 0, sizeof(e));
	ebegin(&e, "");
	ebegin(&e, "child");
	e32(&e, ENDN);
	eprop(&e, 0, "x", 2);
	e32(&e, ENDN);
	e32(&e, END);
	t = finish(&e, strs, sizeof(strs), 17);
	expect_init("property after a subnode", t, DTB_E_BADNESTING);

	memset(&e, 0, sizeof(e));
	ebegin(&e, "");
	e32(&e, END);
	t = finish(&e, strs, sizeof(strs), 17);
	expect_init("END inside the root", t, DTB_E_BADNESTING);
}

static void
version16_case(void)
{
	struct emit e;
	struct dtb d;
	uint32_t t;

	memset(&e, 0, sizeof(e));
	ebegin(&e, "");
	e32(&e, NOP);
	ebegin(&e, "node@1");
	eprop(&e, 2, "abc", 4);
	e32(&e, ENDN);
	e32(&e, ENDN);
	e32(&e, END);
	t = finish(&e, strs, sizeof(strs), 16);
	put32(blob + 36, 0xdeadbeef);	/* no such field before v17 */
	t_context = "version 16";
	CHECK_U64(init_exact(t, &d), 0);
	CHECK_U64(d.size_struct, e.n);
}

static void
depth_cases(void)
{
	static const struct {
		uint32_t depth;
		int rc;
	} cases[] = {
		{ DTB_MAX_DEPTH - 1, 0 },
		{ DTB_MAX_DEPTH, DTB_E_DEPTH },
		{ 5000, DTB_E_DEPTH },
	};
	struct emit *e = malloc(sizeof(*e));
	struct dtb d;
	size_t i;
	uint32_t k, t;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		memset(e, 0, sizeof(*e));
		ebegin(e, "");
		for (k = 0; k < cases[i].depth; k++)
			ebegin(e, "n");
		for (k = 0; k < cases[i].depth + 1; k++)
			e32(e, ENDN);
		e32(e, END);
		t = finish(e, strs, sizeof(strs), 17);
		expect_init("deep nesting", t, cases[i].rc);
		if (cases[i].rc == DTB_E_DEPTH)
			CHECK(strncmp(err, "struct block: nodes nested too "
			    "deeply at offset", 38) == 0);
	}
	/* the deepest accepted node: found by path, its depth right */
	memset(e, 0, sizeof(*e));
	ebegin(e, "");
	for (k = 0; k < DTB_MAX_DEPTH - 1; k++)
		ebegin(e, "n@1");
	for (k = 0; k < DTB_MAX_DEPTH; k++)
		e32(e, ENDN);
	e32(e, END);
	t = finish(e, strs, sizeof(strs), 17);
	t_context = "deepest node";
	{
		char path[4 * DTB_MAX_DEPTH + 1] = "";
		int node, stack[DTB_MAX_DEPTH];

		for (k = 0; k < DTB_MAX_DEPTH - 1; k++)
			strcat(path, "/n");
		CHECK_U64(dtb_init(&d, blob, t), 0);
		node = dtb_find_path(&d, path, strlen(path));
		CHECK(node > 0);
		CHECK_U64(dtb_node_depth(&d, node, stack), DTB_MAX_DEPTH - 1);
		CHECK_U64(dtb_parent(&d, node), stack[DTB_MAX_DEPTH - 2]);
	}
	free(e);
}

/* minimal - the smallest valid blob: struct 56..72, strings 72..85. */
static uint32_t
minimal(void)
{
	struct emit e;

	memset(&e, 0, sizeof(e));
	ebegin(&e, "");
	e32(&e, ENDN);
	e32(&e, END);
	return finish(&e, strs, sizeof(strs), 17);
}

/* header_case - patch one header word of the minimal blob. */
static void
header_case(const char *what, uint32_t off, uint32_t val, uint32_t maxlen,
    const char *msg)
{
	uint32_t t = minimal();

	if (off != 0 || val != 0)
		put32(blob + off, val);
	t_context = what;
	CHECK_U64(discover(maxlen != 0 ? maxlen : t), -1);
	if (msg != NULL)
		CHECK_STR(err, msg);
	else
		CHECK(err[0] != '\0' && strchr(err, '\n') == NULL);
}

static void
header_cases(void)
{
	char msg[80];
	const uint32_t total = minimal();

	header_case("bad magic", 0, 0x12345678, 0, "bad magic 0x12345678");
	header_case("version 15", 20, 15, 0, "unsupported version 15");
	header_case("version 0", 20, 0, 0, "unsupported version 0");
	header_case("last_comp_version 18", 24, 18, 0,
	    "unsupported last_comp_version 18");
	snprintf(msg, sizeof(msg), "truncated: totalsize %u > %u", total + 1,
	    total);
	header_case("totalsize + 1", 4, total + 1, 0, msg);
	snprintf(msg, sizeof(msg), "truncated: totalsize 4294967295 > %u",
	    total);
	header_case("totalsize 0xffffffff", 4, 0xffffffff, 0, msg);
	header_case("maxlen 39", 0, 0, 39,
	    "truncated: 39 bytes, header needs 40");
	header_case("maxlen 2", 0, 0, 2,
	    "truncated: 2 bytes, header needs 40");
	header_case("totalsize 20", 4, 20, 0, "bad totalsize 20");
	header_case("struct misaligned", 8, 58, 0, "struct block misaligned");
	CHECK_U64(total, 85);
	header_case("struct size huge", 36, 0xffffffff, 0,
	    "struct block out of range");
	header_case("struct in the header", 8, 0, 0,
	    "struct block out of range");
	header_case("struct past the end", 8, total, 0,
	    "struct block out of range");
	header_case("strings past the end", 12, total + 1, 0,
	    "strings block out of range");
	header_case("strings size huge", 32, 0xfffffff0, 0,
	    "strings block out of range");
	header_case("rsvmap at the end", 16, total - 8, 0,
	    "memory reservation map out of range");
	header_case("rsvmap in the header", 16, 0, 0,
	    "memory reservation map out of range");
	header_case("strings over struct", 12, 56, 0, "blocks overlap");
	header_case("rsvmap over struct", 16, 48, 0, NULL);
	header_case("rsvmap over strings", 16, 72, 0, NULL);
}

void	crafted_tests(void);

void
crafted_tests(void)
{
	struct_cases();
	version16_case();
	depth_cases();
	header_cases();
}
