/*
 * kernel/lib/dtb.c - a bounds-checked flattened-device-tree reader.
 *
 * Layout (devicetree specification, chapter 5): a header, the memory
 * reservation map (16-byte address/size pairs ending in 0/0), the structure
 * block (big-endian 32-bit tokens: BEGIN_NODE name, PROP len nameoff value,
 * END_NODE, NOP, END; names and values padded to 4 bytes) and the strings
 * block (property names).
 *
 * Every read goes through next_tag() or the reservation map reader, which
 * check the offsets against the block sizes that dtb_init() checked against
 * totalsize, and totalsize against the caller's bound.  Sizes are capped at
 * DTB_MAX_SIZE so that offsets fit an int and sums cannot overflow.
 */
#include "kernel/lib/dtb.h"
#include "kernel/lib/string.h"

#define FDT_BEGIN_NODE	0x1
#define FDT_END_NODE	0x2
#define FDT_PROP	0x3
#define FDT_NOP		0x4
#define FDT_END		0x9

#define HDR_V16_SIZE	36		/* no size_dt_struct before v17 */
#define RSV_ENTRY_SIZE	16

uint32_t
dtb_be32(const void *p)
{
	const uint8_t *b = p;

	return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 |
	    (uint32_t)b[2] << 8 | (uint32_t)b[3];
}

uint64_t
dtb_be64(const void *p)
{
	const uint8_t *b = p;

	return (uint64_t)dtb_be32(b) << 32 | dtb_be32(b + 4);
}

int
dtb_read_cells(const void *p, uint32_t ncells, uint64_t *val)
{
	switch (ncells) {
	case 0:
		*val = 0;
		return 0;
	case 1:
		*val = dtb_be32(p);
		return 0;
	case 2:
		*val = dtb_be64(p);
		return 0;
	default:
		return DTB_E_BADCELLS;
	}
}

static const char *const dtb_errors[] = {
	[0] = "success",
	[-DTB_E_NOTFOUND] = "not found",
	[-DTB_E_TRUNCATED] = "truncated",
	[-DTB_E_BADMAGIC] = "bad magic",
	[-DTB_E_BADVERSION] = "unsupported version",
	[-DTB_E_BADCOMPAT] = "unsupported last_comp_version",
	[-DTB_E_BADSIZE] = "totalsize smaller than the header",
	[-DTB_E_TOOBIG] = "totalsize too large",
	[-DTB_E_STRUCTRANGE] = "struct block out of range",
	[-DTB_E_STRUCTALIGN] = "struct block misaligned",
	[-DTB_E_STRINGSRANGE] = "strings block out of range",
	[-DTB_E_RSVRANGE] = "memory reservation map out of range",
	[-DTB_E_OVERLAP] = "blocks overlap",
	[-DTB_E_BADTOKEN] = "bad token in struct block",
	[-DTB_E_BADNAME] = "bad node name",
	[-DTB_E_BADPROP] = "property past the end of the struct block",
	[-DTB_E_BADNAMEOFF] = "bad property name offset",
	[-DTB_E_BADNESTING] = "bad node nesting",
	[-DTB_E_DEPTH] = "nodes nested too deeply",
	[-DTB_E_BADLEN] = "bad property length",
	[-DTB_E_BADCELLS] = "unsupported #address-cells/#size-cells",
	[-DTB_E_NOTRANSLATE] = "address outside the bus ranges",
	[-DTB_E_NOSPACE] = "buffer too small",
	[-DTB_E_BADARG] = "bad argument",
};

const char *
dtb_strerror(int err)
{
	if (err > 0 || -err >= (int)ARRAY_SIZE(dtb_errors) ||
	    dtb_errors[-err] == NULL)
		return "unknown error";
	return dtb_errors[-err];
}

/*
 * ---------------------------------------------------------------------
 * Token decoding: the only place that reads the structure block.
 * ---------------------------------------------------------------------
 */

static const uint8_t *
struct_base(const struct dtb *d)
{
	return d->blob + d->off_struct;
}

/*
 * next_tag - decode the token at struct offset off into *tag and set *next
 * to the offset of the token after it.  Checks that the token, a node's
 * (terminated) name, and a property's header and value lie inside the struct
 * block, and that a property's name lies, terminated, inside the strings
 * block.  Returns 0 or DTB_E_BADTOKEN, _BADNAME, _BADPROP, _BADNAMEOFF.
 */
static int
next_tag(const struct dtb *d, int off, uint32_t *tag, int *next)
{
	const uint8_t *s = struct_base(d);
	const char *strs = (const char *)d->blob + d->off_strings;
	uint32_t size = d->size_struct, left, len, nameoff;
	uint64_t end;
	size_t n;

	if (off < 0 || (off & 3) != 0 || (uint32_t)off > size ||
	    size - (uint32_t)off < 4)
		return DTB_E_BADTOKEN;
	left = size - (uint32_t)off - 4;	/* bytes after the token */
	*tag = dtb_be32(s + off);
	switch (*tag) {
	case FDT_BEGIN_NODE:
		n = strnlen((const char *)s + off + 4, left);
		if (n == left)
			return DTB_E_BADNAME;
		end = (uint64_t)off + 4 + n + 1;
		break;
	case FDT_PROP:
		if (left < 8)
			return DTB_E_BADPROP;
		len = dtb_be32(s + off + 4);
		nameoff = dtb_be32(s + off + 8);
		if (len > left - 8)
			return DTB_E_BADPROP;
		if (nameoff >= d->size_strings ||
		    strnlen(strs + nameoff, d->size_strings - nameoff) ==
		    d->size_strings - nameoff)
			return DTB_E_BADNAMEOFF;
		end = (uint64_t)off + 12 + len;
		break;
	case FDT_END_NODE:
	case FDT_NOP:
	case FDT_END:
		end = (uint64_t)off + 4;
		break;
	default:
		return DTB_E_BADTOKEN;
	}
	*next = (int)((end + 3) & ~(uint64_t)3);
	return 0;
}

/*
 * ---------------------------------------------------------------------
 * Validation.
 * ---------------------------------------------------------------------
 */

/* range_ok - [off, off + len) lies inside [lo, total). */
static bool
range_ok(uint64_t off, uint64_t len, uint64_t lo, uint64_t total)
{
	return off >= lo && off <= total && len <= total - off;
}

static bool
overlaps(uint64_t a, uint64_t alen, uint64_t b, uint64_t blen)
{
	return alen != 0 && blen != 0 && a < b + blen && b < a + alen;
}

static uint32_t
hdr_size(const struct dtb *d)
{
	return d->version >= 17 ? DTB_HDR_SIZE : HDR_V16_SIZE;
}

/*
 * check_header - the header fields up to the block layout.  Fills the raw
 * fields of *d as it reads them.  Returns 0 or a DTB_E_* code.
 */
static int
check_header(struct dtb *d)
{
	const uint8_t *h = d->blob;
	uint32_t hdrsize;

	if (d->maxlen < 4)
		return DTB_E_TRUNCATED;
	d->magic = dtb_be32(h);
	if (d->magic != DTB_MAGIC)
		return DTB_E_BADMAGIC;
	if (d->maxlen < DTB_HDR_SIZE)
		return DTB_E_TRUNCATED;
	d->totalsize = dtb_be32(h + 4);
	d->off_struct = dtb_be32(h + 8);
	d->off_strings = dtb_be32(h + 12);
	d->off_rsvmap = dtb_be32(h + 16);
	d->version = dtb_be32(h + 20);
	d->last_comp_version = dtb_be32(h + 24);
	d->boot_cpuid = dtb_be32(h + 28);
	d->size_strings = dtb_be32(h + 32);
	d->size_struct = dtb_be32(h + 36);
	if (d->version < 16)
		return DTB_E_BADVERSION;
	if (d->last_comp_version > 17)
		return DTB_E_BADCOMPAT;
	if (d->totalsize > d->maxlen)
		return DTB_E_TRUNCATED;
	if (d->totalsize > DTB_MAX_SIZE)
		return DTB_E_TOOBIG;
	hdrsize = hdr_size(d);
	if (d->totalsize < hdrsize)
		return DTB_E_BADSIZE;
	if (d->version < 17) {
		/* no size field: the struct block runs to FDT_END */
		if (d->off_struct > d->totalsize)
			return DTB_E_STRUCTRANGE;
		d->size_struct = d->totalsize - d->off_struct;
	}
	if (!range_ok(d->off_struct, d->size_struct, hdrsize, d->totalsize))
		return DTB_E_STRUCTRANGE;
	if ((d->off_struct & 3) != 0)
		return DTB_E_STRUCTALIGN;
	if (!range_ok(d->off_strings, d->size_strings, hdrsize, d->totalsize))
		return DTB_E_STRINGSRANGE;
	return 0;
}

/*
 * check_rsvmap - find the reservation map's terminator inside totalsize and
 * count the entries.  Returns 0 or DTB_E_RSVRANGE.
 */
static int
check_rsvmap(struct dtb *d)
{
	uint64_t off = d->off_rsvmap;
	const uint8_t *e;

	d->nrsv = 0;
	for (;;) {
		if (!range_ok(off, RSV_ENTRY_SIZE, hdr_size(d), d->totalsize))
			return DTB_E_RSVRANGE;
		e = d->blob + off;
		if (dtb_be64(e) == 0 && dtb_be64(e + 8) == 0)
			return 0;
		d->nrsv++;
		off += RSV_ENTRY_SIZE;
	}
}

/*
 * name_ok - the root's name is empty; any other is not, and holds no '/'
 * (which would make paths ambiguous).  next_tag() saw the terminator.
 */
static bool
name_ok(const struct dtb *d, int off, int depth)
{
	const char *name = (const char *)struct_base(d) + off + 4;

	if (depth == 0)
		return name[0] == '\0';
	return name[0] != '\0' && strchr(name, '/') == NULL;
}

/*
 * check_struct - walk every token once: one root node, properties only
 * before a node's children, balanced END_NODEs, depth < DTB_MAX_DEPTH,
 * sane names, and FDT_END at depth 0.  For v16 blobs sets size_struct to
 * the real size.  Returns 0 or a DTB_E_* code with d->err_off set.
 */
static int
check_struct(struct dtb *d)
{
	int off = 0, next, depth = 0, rc;
	bool root_seen = false, props_ok = false;
	uint32_t tag;

	for (;; off = next) {
		d->err_off = (uint32_t)off;
		rc = next_tag(d, off, &tag, &next);
		if (rc != 0)
			return rc;
		switch (tag) {
		case FDT_BEGIN_NODE:
			if (depth == 0 && root_seen)
				return DTB_E_BADNESTING;
			if (depth >= DTB_MAX_DEPTH)
				return DTB_E_DEPTH;
			if (!name_ok(d, off, depth))
				return DTB_E_BADNAME;
			depth++;
			root_seen = true;
			props_ok = true;
			break;
		case FDT_END_NODE:
			if (depth == 0)
				return DTB_E_BADNESTING;
			depth--;
			props_ok = false;
			break;
		case FDT_PROP:
			if (depth == 0 || !props_ok)
				return DTB_E_BADNESTING;
			break;
		case FDT_NOP:
			break;
		case FDT_END:
			if (depth != 0 || !root_seen)
				return DTB_E_BADNESTING;
			if (d->version < 17)
				d->size_struct = (uint32_t)next;
			d->err_off = 0;
			return 0;
		}
	}
}

static int
check_overlap(const struct dtb *d)
{
	uint64_t rsvlen = ((uint64_t)d->nrsv + 1) * RSV_ENTRY_SIZE;

	if (overlaps(d->off_rsvmap, rsvlen, d->off_struct, d->size_struct) ||
	    overlaps(d->off_rsvmap, rsvlen, d->off_strings, d->size_strings) ||
	    overlaps(d->off_struct, d->size_struct, d->off_strings,
	    d->size_strings))
		return DTB_E_OVERLAP;
	return 0;
}

int
dtb_init(struct dtb *d, const void *blob, size_t maxlen)
{
	int rc;

	memset(d, 0, sizeof(*d));
	if (blob == NULL)
		return DTB_E_BADARG;
	d->blob = blob;
	d->maxlen = maxlen;
	if ((rc = check_header(d)) != 0)
		return rc;
	if ((rc = check_rsvmap(d)) != 0)
		return rc;
	if ((rc = check_struct(d)) != 0)
		return rc;
	return check_overlap(d);
}

uint32_t
dtb_rsv_count(const struct dtb *d)
{
	return d->nrsv;
}

int
dtb_rsv_get(const struct dtb *d, uint32_t i, uint64_t *addr, uint64_t *size)
{
	const uint8_t *e;

	if (i >= d->nrsv)
		return DTB_E_NOTFOUND;
	/* check_rsvmap() saw entries 0..nrsv inside totalsize */
	e = d->blob + d->off_rsvmap + (uint64_t)i * RSV_ENTRY_SIZE;
	*addr = dtb_be64(e);
	*size = dtb_be64(e + 8);
	return 0;
}

/*
 * ---------------------------------------------------------------------
 * Walking.
 * ---------------------------------------------------------------------
 */

/* node_body - offset of the first token inside node, or a DTB_E_* code. */
static int
node_body(const struct dtb *d, int node)
{
	uint32_t tag;
	int next, rc;

	if ((rc = next_tag(d, node, &tag, &next)) != 0)
		return rc;
	if (tag != FDT_BEGIN_NODE)
		return DTB_E_BADARG;
	return next;
}

/*
 * skip_to - from off, skip NOPs (and properties if skip_props) and return
 * the offset of the next other token, its tag in *tag.
 */
static int
skip_to(const struct dtb *d, int off, bool skip_props, uint32_t *tag)
{
	int next, rc;

	for (;; off = next) {
		if ((rc = next_tag(d, off, tag, &next)) != 0)
			return rc;
		if (*tag != FDT_NOP && (*tag != FDT_PROP || !skip_props))
			return off;
	}
}

int
dtb_root(const struct dtb *d)
{
	uint32_t tag;
	int off;

	off = skip_to(d, 0, false, &tag);
	if (off >= 0 && tag != FDT_BEGIN_NODE)
		return DTB_E_BADNESTING;
	return off;
}

int
dtb_first_child(const struct dtb *d, int node)
{
	uint32_t tag;
	int off;

	if ((off = node_body(d, node)) < 0)
		return off;
	off = skip_to(d, off, true, &tag);
	if (off < 0)
		return off;
	if (tag == FDT_BEGIN_NODE)
		return off;
	return tag == FDT_END_NODE ? DTB_E_NOTFOUND : DTB_E_BADNESTING;
}

/* skip_node - offset just past node's END_NODE, or a DTB_E_* code. */
static int
skip_node(const struct dtb *d, int node)
{
	int off = node, next, depth = 0, rc;
	uint32_t tag;

	for (;; off = next) {
		if ((rc = next_tag(d, off, &tag, &next)) != 0)
			return rc;
		if (tag == FDT_BEGIN_NODE)
			depth++;
		else if (tag == FDT_END_NODE && --depth == 0)
			return next;
		else if (tag == FDT_END || depth <= 0)
			return DTB_E_BADNESTING;
	}
}

int
dtb_next_sibling(const struct dtb *d, int node)
{
	uint32_t tag;
	int off;

	if ((off = node_body(d, node)) < 0)
		return off;
	if ((off = skip_node(d, node)) < 0)
		return off;
	off = skip_to(d, off, false, &tag);
	if (off < 0)
		return off;
	if (tag == FDT_BEGIN_NODE)
		return off;
	return tag == FDT_PROP ? DTB_E_BADNESTING : DTB_E_NOTFOUND;
}

int
dtb_next_node(const struct dtb *d, int node, int *depth)
{
	uint32_t tag;
	int off, next, rc;

	if (node < 0) {
		*depth = 0;
		return dtb_root(d);
	}
	if ((off = node_body(d, node)) < 0)
		return off;
	for (;; off = next) {
		if ((rc = next_tag(d, off, &tag, &next)) != 0)
			return rc;
		switch (tag) {
		case FDT_BEGIN_NODE:
			(*depth)++;
			return off;
		case FDT_END_NODE:
			(*depth)--;
			break;
		case FDT_END:
			return DTB_E_NOTFOUND;
		}
	}
}

const char *
dtb_node_name(const struct dtb *d, int node)
{
	uint32_t tag;
	int next;

	if (next_tag(d, node, &tag, &next) != 0 || tag != FDT_BEGIN_NODE)
		return NULL;
	return (const char *)struct_base(d) + node + 4;
}

int
dtb_node_depth(const struct dtb *d, int node, int *stack)
{
	int off, depth = 0;

	if (node < 0)
		return DTB_E_BADARG;
	for (off = dtb_root(d); off >= 0; off = dtb_next_node(d, off, &depth)) {
		if (depth < 0 || depth >= DTB_MAX_DEPTH)
			return DTB_E_DEPTH;
		if (stack != NULL)
			stack[depth] = off;
		if (off == node)
			return depth;
		if (off > node)
			break;
	}
	return off == DTB_E_NOTFOUND || off >= 0 ? DTB_E_BADARG : off;
}

int
dtb_parent(const struct dtb *d, int node)
{
	int stack[DTB_MAX_DEPTH];
	int depth;

	if ((depth = dtb_node_depth(d, node, stack)) < 0)
		return depth;
	return depth == 0 ? DTB_E_NOTFOUND : stack[depth - 1];
}

int
dtb_get_path(const struct dtb *d, int node, char *buf, size_t len)
{
	int stack[DTB_MAX_DEPTH];
	int depth, i;
	size_t pos = 0, n;
	const char *name;

	if (buf == NULL || len == 0)
		return DTB_E_BADARG;
	buf[0] = '\0';
	if ((depth = dtb_node_depth(d, node, stack)) < 0)
		return depth;
	if (depth == 0)
		return strlcpy(buf, "/", len) < len ? 0 : DTB_E_NOSPACE;
	for (i = 1; i <= depth; i++) {
		if ((name = dtb_node_name(d, stack[i])) == NULL)
			return DTB_E_BADARG;
		if (pos + 1 >= len)
			return DTB_E_NOSPACE;
		buf[pos++] = '/';
		buf[pos] = '\0';
		n = strlcpy(buf + pos, name, len - pos);
		if (n >= len - pos)
			return DTB_E_NOSPACE;
		pos += n;
	}
	return 0;
}

/*
 * ---------------------------------------------------------------------
 * Lookup by path, alias and phandle.
 * ---------------------------------------------------------------------
 */

static bool
has_char(const char *s, size_t n, char c)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] == c)
			return true;
	}
	return false;
}

/*
 * name_match - whether node name name matches path component comp (n
 * bytes): exactly, or up to name's '@' when comp has no '@'.
 */
static bool
name_match(const char *name, const char *comp, size_t n)
{
	size_t nlen = strlen(name);

	if (nlen < n || memcmp(name, comp, n) != 0)
		return false;
	if (nlen == n)
		return true;
	return !has_char(comp, n, '@') && name[n] == '@';
}

static int
find_child(const struct dtb *d, int node, const char *comp, size_t n)
{
	const char *name;
	int child;

	for (child = dtb_first_child(d, node); child >= 0;
	    child = dtb_next_sibling(d, child)) {
		if ((name = dtb_node_name(d, child)) == NULL)
			return DTB_E_BADNESTING;
		if (name_match(name, comp, n))
			return child;
	}
	return child;
}

/* find_rel - follow the components of [p, end) down from node. */
static int
find_rel(const struct dtb *d, int node, const char *p, const char *end)
{
	const char *q;

	for (;;) {
		while (p < end && *p == '/')
			p++;
		if (p == end)
			return node;
		for (q = p; q < end && *q != '/'; q++)
			;
		if ((node = find_child(d, node, p, (size_t)(q - p))) < 0)
			return node;
		p = q;
	}
}

int
dtb_find_path(const struct dtb *d, const char *path, size_t len)
{
	const char *end, *q, *alias;
	int node;

	if (path == NULL)
		return DTB_E_BADARG;
	if (len == 0)
		return DTB_E_NOTFOUND;
	end = path + len;
	if (*path == '/')
		return find_rel(d, dtb_root(d), path, end);
	for (q = path; q < end && *q != '/'; q++)
		;
	if ((alias = dtb_alias(d, path, (size_t)(q - path))) == NULL)
		return DTB_E_NOTFOUND;
	node = find_rel(d, dtb_root(d), alias, alias + strlen(alias));
	if (node < 0)
		return node;
	return find_rel(d, node, q, end);
}

const char *
dtb_alias(const struct dtb *d, const char *name, size_t len)
{
	struct dtb_prop p;
	int node, rc;

	node = find_child(d, dtb_root(d), "aliases", 7);
	if (node < 0 || len == 0)
		return NULL;
	for (rc = dtb_first_prop(d, node, &p); rc == 0;
	    rc = dtb_next_prop(d, &p)) {
		if (strlen(p.name) != len || memcmp(p.name, name, len) != 0)
			continue;
		/* an absolute path: no alias chains, no loops */
		if (p.len < 2 || p.data[p.len - 1] != '\0' ||
		    p.data[0] != '/')
			return NULL;
		return (const char *)p.data;
	}
	return NULL;
}

uint32_t
dtb_phandle(const struct dtb *d, int node)
{
	uint32_t ph;

	if (dtb_get_u32(d, node, "phandle", &ph) == 0 ||
	    dtb_get_u32(d, node, "linux,phandle", &ph) == 0)
		return ph;
	return 0;
}

int
dtb_find_phandle(const struct dtb *d, uint32_t ph)
{
	int node, depth = 0;

	if (ph == 0 || ph == 0xffffffffu)
		return DTB_E_NOTFOUND;
	for (node = dtb_root(d); node >= 0;
	    node = dtb_next_node(d, node, &depth)) {
		if (dtb_phandle(d, node) == ph)
			return node;
	}
	return node;
}

/*
 * ---------------------------------------------------------------------
 * Properties.
 * ---------------------------------------------------------------------
 */

/* prop_from - fill *p from the first property at or after off. */
static int
prop_from(const struct dtb *d, int off, struct dtb_prop *p)
{
	const uint8_t *s = struct_base(d);
	uint32_t tag;

	if ((off = skip_to(d, off, false, &tag)) < 0)
		return off;
	if (tag != FDT_PROP)
		return DTB_E_NOTFOUND;
	/* next_tag() checked the header, value and name */
	p->off = off;
	p->len = dtb_be32(s + off + 4);
	p->name = (const char *)d->blob + d->off_strings +
	    dtb_be32(s + off + 8);
	p->data = s + off + 12;
	return 0;
}

int
dtb_first_prop(const struct dtb *d, int node, struct dtb_prop *p)
{
	int off;

	if ((off = node_body(d, node)) < 0)
		return off;
	return prop_from(d, off, p);
}

int
dtb_next_prop(const struct dtb *d, struct dtb_prop *p)
{
	uint32_t tag;
	int next, rc;

	if ((rc = next_tag(d, p->off, &tag, &next)) != 0)
		return rc;
	if (tag != FDT_PROP)
		return DTB_E_BADARG;
	return prop_from(d, next, p);
}

const void *
dtb_get_prop(const struct dtb *d, int node, const char *name, uint32_t *lenp)
{
	struct dtb_prop p;
	int rc;

	for (rc = dtb_first_prop(d, node, &p); rc == 0;
	    rc = dtb_next_prop(d, &p)) {
		if (strcmp(p.name, name) == 0) {
			if (lenp != NULL)
				*lenp = p.len;
			return p.data;
		}
	}
	return NULL;
}

int
dtb_get_u32(const struct dtb *d, int node, const char *name, uint32_t *val)
{
	const void *p;
	uint32_t len;

	if ((p = dtb_get_prop(d, node, name, &len)) == NULL)
		return DTB_E_NOTFOUND;
	if (len != 4)
		return DTB_E_BADLEN;
	*val = dtb_be32(p);
	return 0;
}

int
dtb_get_uint(const struct dtb *d, int node, const char *name, uint64_t *val)
{
	const void *p;
	uint32_t len;

	if ((p = dtb_get_prop(d, node, name, &len)) == NULL)
		return DTB_E_NOTFOUND;
	if (len != 4 && len != 8)
		return DTB_E_BADLEN;
	return dtb_read_cells(p, len / 4, val);
}

int
dtb_get_string(const struct dtb *d, int node, const char *name,
    const char **str)
{
	const char *p;
	uint32_t len;

	if ((p = dtb_get_prop(d, node, name, &len)) == NULL)
		return DTB_E_NOTFOUND;
	if (len == 0 || p[len - 1] != '\0')
		return DTB_E_BADLEN;
	*str = p;
	return 0;
}

bool
dtb_strlist_contains(const void *data, uint32_t len, const char *s)
{
	const char *p = data;
	size_t slen = strlen(s), n;

	while (len > 0) {
		n = strnlen(p, len);
		if (n == len)
			break;		/* unterminated tail */
		if (n == slen && memcmp(p, s, n) == 0)
			return true;
		p += n + 1;
		len -= (uint32_t)n + 1;
	}
	return false;
}

bool
dtb_is_compatible(const struct dtb *d, int node, const char *compat)
{
	const void *p;
	uint32_t len;

	if ((p = dtb_get_prop(d, node, "compatible", &len)) == NULL)
		return false;
	return dtb_strlist_contains(p, len, compat);
}

bool
dtb_is_enabled(const struct dtb *d, int node)
{
	const char *s;
	int rc;

	rc = dtb_get_string(d, node, "status", &s);
	if (rc == DTB_E_NOTFOUND)
		return true;
	return rc == 0 && (strcmp(s, "okay") == 0 || strcmp(s, "ok") == 0);
}

/*
 * ---------------------------------------------------------------------
 * Addresses.
 * ---------------------------------------------------------------------
 */

static int
get_cells(const struct dtb *d, int node, const char *name, uint32_t dflt,
    uint32_t *val)
{
	int rc;

	rc = dtb_get_u32(d, node, name, val);
	if (rc == DTB_E_NOTFOUND) {
		*val = dflt;
		return 0;
	}
	if (rc != 0)
		return rc;
	return *val <= DTB_MAX_CELLS ? 0 : DTB_E_BADCELLS;
}

int
dtb_cells(const struct dtb *d, int node, uint32_t *ac, uint32_t *sc)
{
	uint32_t dummy;
	int rc;

	if ((rc = get_cells(d, node, "#address-cells", 2, ac)) != 0)
		return rc;
	return get_cells(d, node, "#size-cells", 1, sc != NULL ? sc : &dummy);
}

/* reg_layout - node's reg data, its entry count and the parent's cells. */
static int
reg_layout(const struct dtb *d, int node, const uint8_t **data,
    uint32_t *nent, uint32_t *ac, uint32_t *sc)
{
	uint32_t len, esz;
	int parent, rc;

	if ((*data = dtb_get_prop(d, node, "reg", &len)) == NULL)
		return DTB_E_NOTFOUND;
	if ((parent = dtb_parent(d, node)) < 0)
		return parent;
	if ((rc = dtb_cells(d, parent, ac, sc)) != 0)
		return rc;
	if (*ac == 0 || *ac > 2 || *sc > 2)
		return DTB_E_BADCELLS;
	esz = (*ac + *sc) * 4;
	if (len % esz != 0)
		return DTB_E_BADLEN;
	*nent = len / esz;
	return 0;
}

int
dtb_reg_count(const struct dtb *d, int node)
{
	const uint8_t *data;
	uint32_t n, ac, sc;
	int rc;

	rc = reg_layout(d, node, &data, &n, &ac, &sc);
	if (rc == DTB_E_NOTFOUND)
		return 0;
	return rc != 0 ? rc : (int)n;
}

int
dtb_reg(const struct dtb *d, int node, uint32_t index, uint64_t *addr,
    uint64_t *size)
{
	const uint8_t *data;
	uint32_t n, ac, sc;
	int rc;

	if ((rc = reg_layout(d, node, &data, &n, &ac, &sc)) != 0)
		return rc;
	if (index >= n)
		return DTB_E_NOTFOUND;
	data += (size_t)index * (ac + sc) * 4;
	(void)dtb_read_cells(data, ac, addr);
	(void)dtb_read_cells(data + ac * 4, sc, size);
	return 0;
}

int
dtb_reg_iter_init(const struct dtb *d, int node, struct dtb_reg_iter *it)
{
	it->left = 0;
	return reg_layout(d, node, &it->p, &it->left, &it->ac, &it->sc);
}

bool
dtb_reg_iter_next(struct dtb_reg_iter *it, uint64_t *addr, uint64_t *size)
{
	if (it->left == 0)
		return false;
	(void)dtb_read_cells(it->p, it->ac, addr);
	(void)dtb_read_cells(it->p + it->ac * 4, it->sc, size);
	it->p += (it->ac + it->sc) * 4;
	it->left--;
	return true;
}

/*
 * translate_one - map a through one bus's non-empty ranges (len bytes at r;
 * cac/csc the bus's cells, pac its parent's).
 */
static int
translate_one(const uint8_t *r, uint32_t len, uint32_t cac, uint32_t pac,
    uint32_t csc, uint64_t *a)
{
	uint32_t esz = (cac + pac + csc) * 4, i;
	uint64_t cb, pb, sz;

	if (cac == 0 || cac > 2 || pac > 2 || csc > 2)
		return DTB_E_BADCELLS;
	if (len % esz != 0)
		return DTB_E_BADLEN;
	for (i = 0; i < len / esz; i++, r += esz) {
		(void)dtb_read_cells(r, cac, &cb);
		(void)dtb_read_cells(r + cac * 4, pac, &pb);
		(void)dtb_read_cells(r + (cac + pac) * 4, csc, &sz);
		if (*a >= cb && *a - cb < sz) {
			*a = pb + (*a - cb);
			return 0;
		}
	}
	return DTB_E_NOTRANSLATE;
}

int
dtb_translate(const struct dtb *d, int node, uint64_t *addr)
{
	int stack[DTB_MAX_DEPTH];
	const uint8_t *r;
	uint32_t len, cac, csc, pac, psc;
	int depth, i, rc;

	if ((depth = dtb_node_depth(d, node, stack)) < 0)
		return depth;
	/* the root's children address the CPU directly: stop at depth 1 */
	for (i = depth - 1; i >= 1; i--) {
		r = dtb_get_prop(d, stack[i], "ranges", &len);
		if (r == NULL || len == 0)
			continue;
		if ((rc = dtb_cells(d, stack[i], &cac, &csc)) != 0 ||
		    (rc = dtb_cells(d, stack[i - 1], &pac, &psc)) != 0)
			return rc;
		if ((rc = translate_one(r, len, cac, pac, csc, addr)) != 0)
			return rc;
	}
	return 0;
}
