/*
 * test/host/fdt/compare.c - walk a blob with libfdt and with dtb_* and
 * check that the two readers agree on everything.
 */
#include <stdlib.h>
#include <string.h>

#include <libfdt.h>

#include "kernel/lib/dtb.h"
#include "fdt_test.h"

#define PATHMAX	512

static void
compare_header(const void *blob, const struct dtb *d)
{
	uint64_t la, ls, da, ds;
	int i, n;

	CHECK_U64(d->totalsize, fdt_totalsize(blob));
	CHECK_U64(d->version, fdt_version(blob));
	CHECK_U64(d->off_struct, fdt_off_dt_struct(blob));
	CHECK_U64(d->off_strings, fdt_off_dt_strings(blob));
	CHECK_U64(d->boot_cpuid, fdt_boot_cpuid_phys(blob));
	n = fdt_num_mem_rsv(blob);
	CHECK_U64(dtb_rsv_count(d), n);
	for (i = 0; i < n; i++) {
		CHECK(fdt_get_mem_rsv(blob, i, &la, &ls) == 0);
		CHECK(dtb_rsv_get(d, (uint32_t)i, &da, &ds) == 0);
		CHECK_U64(da, la);
		CHECK_U64(ds, ls);
	}
	CHECK(dtb_rsv_get(d, (uint32_t)n, &da, &ds) == DTB_E_NOTFOUND);
}

static void
compare_props(const void *blob, const struct dtb *d, int node)
{
	struct dtb_prop p;
	const char *lname;
	const void *lval, *dval;
	uint32_t dlen;
	int lo, llen, rc;

	rc = dtb_first_prop(d, node, &p);
	fdt_for_each_property_offset(lo, blob, node) {
		lval = fdt_getprop_by_offset(blob, lo, &lname, &llen);
		CHECK(lval != NULL);
		CHECK(rc == 0);
		if (rc != 0 || lval == NULL)
			return;
		CHECK_U64(p.off, lo);
		CHECK_STR(p.name, lname);
		CHECK_U64(p.len, llen);
		CHECK(memcmp(p.data, lval, (size_t)llen) == 0);
		dval = dtb_get_prop(d, node, lname, &dlen);
		CHECK(dval == fdt_getprop(blob, node, lname, &llen));
		CHECK_U64(dlen, llen);
		rc = dtb_next_prop(d, &p);
	}
	CHECK_U64(rc, DTB_E_NOTFOUND);
	CHECK(dtb_get_prop(d, node, "no-such-property", NULL) == NULL);
}

/* same_result - both found the same node, or both found none. */
static void
same_node(int lo, int dn)
{
	if (lo >= 0 || dn >= 0)
		CHECK_U64(dn, lo);
}

/*
 * compare_lookups - paths agree; when strict (a sane tree: unique names
 * without '/'), looking a node's path up also finds that very node.
 */
static void
compare_lookups(const void *blob, const struct dtb *d, int node, bool strict)
{
	char lpath[PATHMAX], dpath[PATHMAX], alt[PATHMAX + 16];
	char *at, *slash;

	if (fdt_get_path(blob, node, lpath, sizeof(lpath)) != 0) {
		CHECK(!strict);
		return;
	}
	CHECK(dtb_get_path(d, node, dpath, sizeof(dpath)) == 0);
	CHECK_STR(dpath, lpath);
	same_node(fdt_path_offset(blob, lpath),
	    dtb_find_path(d, lpath, strlen(lpath)));
	if (strict) {
		CHECK_U64(dtb_find_path(d, lpath, strlen(lpath)), node);
		CHECK_U64(fdt_path_offset(blob, lpath), node);
	}
	/* a trailing slash and a doubled one change nothing */
	snprintf(alt, sizeof(alt), "/%s/", lpath);
	same_node(fdt_path_offset(blob, alt), dtb_find_path(d, alt,
	    strlen(alt)));
	/* the last component without its unit address */
	slash = strrchr(lpath, '/');
	if ((at = strchr(slash, '@')) != NULL) {
		*at = '\0';
		same_node(fdt_path_offset(blob, lpath),
		    dtb_find_path(d, lpath, strlen(lpath)));
		/* and with a wrong one */
		snprintf(alt, sizeof(alt), "%s@dead", lpath);
		same_node(fdt_path_offset(blob, alt),
		    dtb_find_path(d, alt, strlen(alt)));
	}
	/* a too small buffer is reported, and still terminated */
	if (strlen(dpath) > 3) {
		CHECK_U64(dtb_get_path(d, node, dpath, 3), DTB_E_NOSPACE);
		CHECK(strlen(dpath) < 3);
	}
}

static void
compare_reg(const void *blob, const struct dtb *d, int node, int parent)
{
	const uint8_t *reg;
	uint64_t a, s, la, ls;
	int len, ac, sc, esz, i, n;

	reg = fdt_getprop(blob, node, "reg", &len);
	if (reg == NULL || parent < 0) {
		CHECK(dtb_reg_count(d, node) == 0 || parent < 0);
		return;
	}
	ac = fdt_address_cells(blob, parent);
	sc = fdt_size_cells(blob, parent);
	if (ac < 1 || ac > 2 || sc < 0 || sc > 2 ||
	    len % ((ac + sc) * 4) != 0) {
		CHECK(dtb_reg_count(d, node) < 0);
		return;
	}
	esz = (ac + sc) * 4;
	n = len / esz;
	CHECK_U64(dtb_reg_count(d, node), n);
	for (i = 0; i < n; i++) {
		la = ac == 2 ? fdt64_ld((const fdt64_t *)(reg + i * esz)) :
		    fdt32_ld((const fdt32_t *)(reg + i * esz));
		ls = sc == 0 ? 0 : sc == 2 ?
		    fdt64_ld((const fdt64_t *)(reg + i * esz + ac * 4)) :
		    fdt32_ld((const fdt32_t *)(reg + i * esz + ac * 4));
		CHECK(dtb_reg(d, node, (uint32_t)i, &a, &s) == 0);
		CHECK_U64(a, la);
		CHECK_U64(s, ls);
	}
	CHECK_U64(dtb_reg(d, node, (uint32_t)n, &a, &s), DTB_E_NOTFOUND);
	/* the iterator gives the same entries */
	{
		struct dtb_reg_iter it;
		uint64_t ia, is;

		CHECK_U64(dtb_reg_iter_init(d, node, &it), 0);
		for (i = 0; dtb_reg_iter_next(&it, &ia, &is); i++) {
			CHECK(dtb_reg(d, node, (uint32_t)i, &a, &s) == 0);
			CHECK_U64(ia, a);
			CHECK_U64(is, s);
		}
		CHECK_U64(i, n);
	}
}

static void
compare_node(const void *blob, const struct dtb *d, int node, bool strict)
{
	const char *lname;
	uint32_t ph;
	int len, lo, dn;

	lname = fdt_get_name(blob, node, &len);
	CHECK(lname != NULL);
	CHECK_STR(dtb_node_name(d, node), lname);
	compare_props(blob, d, node);
	compare_lookups(blob, d, node, strict);

	lo = fdt_parent_offset(blob, node);
	dn = dtb_parent(d, node);
	same_node(lo, dn);
	compare_reg(blob, d, node, lo);

	same_node(fdt_first_subnode(blob, node), dtb_first_child(d, node));
	if (node != 0)
		same_node(fdt_next_subnode(blob, node),
		    dtb_next_sibling(d, node));

	ph = fdt_get_phandle(blob, node);
	CHECK_U64(dtb_phandle(d, node), ph);
	if (ph != 0 && ph != 0xffffffffu)
		same_node(fdt_node_offset_by_phandle(blob, ph),
		    dtb_find_phandle(d, ph));
}

static void
compare_aliases(const void *blob, const struct dtb *d)
{
	const char *name, *val;
	int aliases, p, len;

	aliases = fdt_path_offset(blob, "/aliases");
	if (aliases < 0)
		return;
	fdt_for_each_property_offset(p, blob, aliases) {
		if (fdt_getprop_by_offset(blob, p, &name, &len) == NULL)
			continue;
		/* with duplicate names the first wins, in both readers */
		val = fdt_getprop(blob, aliases, name, &len);
		/* libfdt follows relative aliases (even in a loop): skip */
		if (val == NULL || len < 2 || val[0] != '/' ||
		    val[len - 1] != '\0' || strchr(name, '/') != NULL) {
			CHECK(dtb_alias(d, name, strlen(name)) == NULL);
			continue;
		}
		CHECK_STR(dtb_alias(d, name, strlen(name)), val);
		same_node(fdt_path_offset(blob, name),
		    dtb_find_path(d, name, strlen(name)));
	}
}

void
compare_with_libfdt(const void *blob, size_t len, bool strict)
{
	static const char *const missing[] = { "/nonexistent", "nosuchalias",
	    "/cpus/cpu@999", "/cpus/cpu@0/nothing", "", "nosuchalias/x" };
	struct dtb d;
	size_t i;
	int lo, dn, ldepth = -1, ddepth = 0;

	CHECK_U64(dtb_init(&d, blob, len), 0);
	compare_header(blob, &d);
	lo = fdt_next_node(blob, -1, &ldepth);
	dn = dtb_next_node(&d, -1, &ddepth);
	CHECK_U64(dtb_root(&d), dn);
	/* libfdt returns the FDT_END offset at depth -1 after the root */
	while (lo >= 0 && ldepth >= 0) {
		CHECK_U64(dn, lo);
		CHECK_U64(ddepth, ldepth);
		if (dn != lo)
			return;
		compare_node(blob, &d, lo, strict);
		lo = fdt_next_node(blob, lo, &ldepth);
		dn = dtb_next_node(&d, dn, &ddepth);
	}
	CHECK_U64(dn, DTB_E_NOTFOUND);
	compare_aliases(blob, &d);
	for (i = 0; i < sizeof(missing) / sizeof(missing[0]); i++) {
		CHECK(fdt_path_offset(blob, missing[i]) < 0);
		CHECK(dtb_find_path(&d, missing[i], strlen(missing[i])) < 0);
	}
	CHECK_U64(dtb_find_phandle(&d, 0), DTB_E_NOTFOUND);
	CHECK_U64(dtb_find_phandle(&d, 0xffffffffu), DTB_E_NOTFOUND);
}
