/*
 * test/host/fdt/fdt_robustness.c - malformed blobs never crash the reader.
 *
 *	fdt_robustness FILE.dtb...
 *
 * For each blob (cut to totalsize): every truncation, with maxlen and with
 * totalsize patched; deterministic random byte flips and 32-bit field
 * overwrites in the header, reservation map and struct block; random node
 * and property offsets handed to every accessor.  Then hand-made blobs:
 * bad header fields, overlapping and out-of-range blocks, unterminated
 * names and strings, property lengths past the end, bad nesting, v16
 * headers, deep nesting.  platform_discover() must return 0 or -1 with a
 * one-line message; ASan and UBSan (fatal) catch any bad read.  Blobs that
 * dtb_init() accepts are walked with every accessor, must pass libfdt's
 * fdt_check_full() too, and are compared with libfdt.
 */
#include <stdlib.h>
#include <string.h>

#include <libfdt.h>

#include "arch/riscv/platform.h"
#include "kernel/lib/dtb.h"
#include "fdt_test.h"

#define NFLIP		1500	/* byte-flip mutants per blob */
#define NFIELD		1500	/* field-overwrite mutants per blob */
#define NOFFSET		2000	/* random offsets per blob */

static struct platform plat;
static char err[200];
static unsigned long n_runs, n_accepted, n_dtb_only, n_compared;

static uint32_t
rd32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
}

static void
wr32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

/*
 * walk_all - call every accessor on every node of an accepted blob.  Only
 * safety is checked here (results are checked against libfdt elsewhere).
 */
static void
walk_all(const struct dtb *d)
{
	struct dtb_prop p;
	char path[64];
	uint64_t a, s;
	uint32_t ac, sc, ph, len;
	int node, depth = 0, n, i, budget = 200;

	for (node = dtb_root(d); node >= 0 && budget-- > 0;
	    node = dtb_next_node(d, node, &depth)) {
		CHECK(dtb_node_name(d, node) != NULL);
		if (dtb_get_path(d, node, path, sizeof(path)) == 0)
			(void)dtb_find_path(d, path, strlen(path));
		(void)dtb_parent(d, node);
		(void)dtb_first_child(d, node);
		(void)dtb_next_sibling(d, node);
		for (i = dtb_first_prop(d, node, &p); i == 0;
		    i = dtb_next_prop(d, &p))
			CHECK(p.name != NULL);
		n = dtb_reg_count(d, node);
		for (i = 0; i < n && i < 4; i++) {
			if (dtb_reg(d, node, (uint32_t)i, &a, &s) == 0)
				(void)dtb_translate(d, node, &a);
		}
		(void)dtb_cells(d, node, &ac, &sc);
		ph = dtb_phandle(d, node);
		if (ph != 0)
			(void)dtb_find_phandle(d, ph);
		(void)dtb_is_enabled(d, node);
		(void)dtb_is_compatible(d, node, "ns16550a");
		(void)dtb_get_prop(d, node, "compatible", &len);
	}
	(void)dtb_alias(d, "serial0", 7);
	(void)dtb_find_path(d, "serial0:115200", 7);
}

/*
 * run - platform_discover() on an exact-size copy of blob[0..len); on an
 * accepted blob also walk it and compare it with libfdt.  Returns rc.
 */
static int
run(const unsigned char *blob, size_t len, bool deep)
{
	struct dtb d;
	unsigned char *exact;
	int rc;

	exact = malloc(len != 0 ? len : 1);
	memcpy(exact, blob, len);
	n_runs++;
	rc = platform_discover(&plat, exact, len, 0x80000000, 0x80200000,
	    0x100000, err, sizeof(err));
	CHECK(rc == 0 || rc == -1);
	if (rc != 0)
		CHECK(err[0] != '\0' && strchr(err, '\n') == NULL);
	/*
	 * dtb_init() is the stricter: what it accepts libfdt must accept
	 * too, and then both must read the same tree.  (The converse is
	 * not tried: 1.6.1's fdt_check_full() loops forever on some
	 * blobs.)
	 */
	if (deep && dtb_init(&d, exact, len) == 0) {
		n_accepted++;
		walk_all(&d);
		if (fdt_check_full(exact, len) == 0) {
			n_compared++;
			compare_with_libfdt(exact, len, false);
		} else {
			n_dtb_only++;
			t_fail(__FILE__, __LINE__, "dtb_init() accepts a blob "
			    "libfdt rejects (%d)", fdt_check_full(exact, len));
		}
	}
	free(exact);
	return rc;
}

static void
truncations(const unsigned char *blob, uint32_t total, int full_rc)
{
	unsigned char *buf = malloc(total);
	uint32_t l;
	int rc;

	for (l = 0; l <= total; l++) {
		rc = run(blob, l, false);
		if (l < total) {
			CHECK_U64(rc, -1);
			CHECK(strncmp(err, "truncated", 9) == 0);
		} else {
			CHECK_U64(rc, full_rc);
		}
	}
	/* totalsize patched to the cut: a consistent but shorter blob */
	for (l = 0; l <= total; l++) {
		memcpy(buf, blob, l);
		if (l >= 8)
			wr32(buf + 4, l);
		(void)run(buf, l, l > total - 64);
	}
	free(buf);
}

static void
byte_flips(const unsigned char *blob, uint32_t total, uint32_t hot)
{
	unsigned char *buf = malloc(total);
	uint32_t i, k, nflip, pos;

	for (i = 0; i < NFLIP; i++) {
		memcpy(buf, blob, total);
		nflip = 1 + (uint32_t)(t_rand() % 4);
		for (k = 0; k < nflip; k++) {
			/* mostly where the structure is */
			pos = (uint32_t)(t_rand() %
			    (t_rand() % 4 != 0 ? hot : total));
			buf[pos] ^= (unsigned char)(1 + t_rand() % 255);
		}
		(void)run(buf, total, i % 4 == 0);
	}
	free(buf);
}

static void
field_overwrites(const unsigned char *blob, uint32_t total, uint32_t hot)
{
	static const uint32_t interesting[] = { 0, 1, 2, 3, 4, 8, 9, 16, 17,
	    40, 0x7fffffff, 0x80000000, 0xfffffffc, 0xffffffff, 0xd00dfeed };
	unsigned char *buf = malloc(total);
	uint32_t i, pos, v;

	for (i = 0; i < NFIELD; i++) {
		memcpy(buf, blob, total);
		pos = (uint32_t)(t_rand() % (hot / 4)) * 4;
		switch (t_rand() % 4) {
		case 0:
			v = interesting[t_rand() % ARRAY_SIZE(interesting)];
			break;
		case 1:
			v = rd32(buf + pos) + (uint32_t)(t_rand() % 64) - 32;
			break;
		case 2:
			v = (uint32_t)(t_rand() % (total + 64));
			break;
		default:
			v = (uint32_t)t_rand();
			break;
		}
		wr32(buf + pos, v);
		(void)run(buf, total, i % 4 == 0);
	}
	free(buf);
}

/* random_offsets - accessors given offsets that are not nodes/props. */
static void
random_offsets(const unsigned char *blob, uint32_t total)
{
	struct dtb d;
	struct dtb_prop p;
	char path[64];
	uint64_t a, s;
	int off, stack[DTB_MAX_DEPTH], depth, i;

	if (dtb_init(&d, blob, total) != 0)
		return;
	for (i = 0; i < NOFFSET; i++) {
		off = (int)(t_rand() % (d.size_struct + 16)) - 8;
		(void)dtb_node_name(&d, off);
		(void)dtb_first_child(&d, off);
		(void)dtb_next_sibling(&d, off);
		(void)dtb_parent(&d, off);
		(void)dtb_node_depth(&d, off, stack);
		(void)dtb_get_path(&d, off, path, sizeof(path));
		(void)dtb_reg(&d, off, 0, &a, &s);
		(void)dtb_translate(&d, off, &a);
		(void)dtb_get_prop(&d, off, "reg", NULL);
		depth = 0;
		(void)dtb_next_node(&d, off, &depth);
		if (dtb_first_prop(&d, off, &p) == 0)
			(void)dtb_next_prop(&d, &p);
		p.off = off;
		(void)dtb_next_prop(&d, &p);
	}
}

static void
fuzz_file(const char *path)
{
	unsigned char *buf;
	char name[64];
	size_t len;
	uint32_t total, hot;
	int full_rc;

	t_context = t_basename(path, name, sizeof(name));
	buf = t_read_file(path, &len);
	total = rd32(buf + 4);
	if (len < 40 || total > len) {
		t_fail(__FILE__, __LINE__, "bad test blob");
		return;
	}
	/* header, reservation map and struct block: up to the strings */
	hot = rd32(buf + 12);
	if (hot < 40 || hot > total)
		hot = total;
	full_rc = run(buf, total, true);
	truncations(buf, total, full_rc);
	byte_flips(buf, total, hot);
	field_overwrites(buf, total, hot);
	random_offsets(buf, total);
	free(buf);
}

void	crafted_tests(void);

int
main(int argc, char **argv)
{
	int i;

	if (argc < 2) {
		fprintf(stderr, "usage: fdt_robustness FILE.dtb...\n");
		return 2;
	}
	t_srand(0x5eed);
	for (i = 1; i < argc; i++)
		fuzz_file(argv[i]);
	crafted_tests();
	printf("fdt_robustness: %lu runs, %lu accepted by dtb_init, "
	    "%lu compared with libfdt, %lu rejected by libfdt\n",
	    n_runs, n_accepted, n_compared, n_dtb_only);
	return t_exit_status("fdt_robustness");
}
