/*
 * kernel/lib/dtb.h - a bounds-checked reader for flattened device trees.
 *
 * Pure code: no allocation, no recursion, no libc beyond kernel/lib/string.h,
 * so the kernel and the host tools share it.  dtb_init() validates the header
 * and the whole structure block once (every token, name, property length and
 * name offset, nesting depth); the accessors below still bounds-check every
 * read, so no call can read outside [blob, blob + totalsize) even on a blob
 * that was never validated.
 *
 * Nodes and properties are named by their offset into the structure block
 * (an int >= 0), as in libfdt.  Functions that return an offset return a
 * negative DTB_E_* code instead when there is none or the blob is
 * malformed.  Where a node has two properties of one name, the first
 * counts (as in libfdt and Linux).
 */
#ifndef KERNEL_LIB_DTB_H
#define KERNEL_LIB_DTB_H

#include "kernel/lib/types.h"

#define DTB_MAGIC	0xd00dfeedu
#define DTB_HDR_SIZE	40		/* a version 17 header */
#define DTB_MAX_DEPTH	32		/* root is 0; depth 32 is rejected */
#define DTB_MAX_SIZE	0x40000000u	/* larger totalsize is rejected */
#define DTB_MAX_CELLS	4		/* largest #address-cells/#size-cells */

/* Error codes (all negative).  dtb_strerror() names each. */
enum {
	DTB_E_NOTFOUND = -1,	/* no such node, property or entry */
	DTB_E_TRUNCATED = -2,	/* blob shorter than its header says */
	DTB_E_BADMAGIC = -3,
	DTB_E_BADVERSION = -4,	/* version < 16 */
	DTB_E_BADCOMPAT = -5,	/* last_comp_version > 17 */
	DTB_E_BADSIZE = -6,	/* totalsize smaller than the header */
	DTB_E_TOOBIG = -7,	/* totalsize > DTB_MAX_SIZE */
	DTB_E_STRUCTRANGE = -8,	/* struct block outside totalsize */
	DTB_E_STRUCTALIGN = -9,	/* struct block not 4-aligned */
	DTB_E_STRINGSRANGE = -10, /* strings block outside totalsize */
	DTB_E_RSVRANGE = -11,	/* reservation map outside totalsize */
	DTB_E_OVERLAP = -12,	/* blocks overlap */
	DTB_E_BADTOKEN = -13,	/* unknown token or token past the block */
	DTB_E_BADNAME = -14,	/* node name unterminated, or root's not
				   empty, or another's empty or with '/' */
	DTB_E_BADPROP = -15,	/* property header or value past the block */
	DTB_E_BADNAMEOFF = -16,	/* property name outside strings block */
	DTB_E_BADNESTING = -17,	/* unbalanced nodes, stray property, no root */
	DTB_E_DEPTH = -18,	/* nesting deeper than DTB_MAX_DEPTH */
	DTB_E_BADLEN = -19,	/* property length wrong for its type */
	DTB_E_BADCELLS = -20,	/* #address-cells/#size-cells unsupported */
	DTB_E_NOTRANSLATE = -21, /* address outside the parent's ranges */
	DTB_E_NOSPACE = -22,	/* caller's buffer too small */
	DTB_E_BADARG = -23,	/* bad argument (index, NULL, offset) */
};

/* A validated blob.  Filled by dtb_init(); read-only afterwards. */
struct dtb {
	const uint8_t *blob;
	size_t	maxlen;			/* the caller's bound */
	uint32_t magic;			/* raw header fields, filled as far */
	uint32_t totalsize;		/* as dtb_init() got, for messages */
	uint32_t version;
	uint32_t last_comp_version;
	uint32_t boot_cpuid;
	uint32_t off_struct;
	uint32_t size_struct;		/* v16: computed from FDT_END */
	uint32_t off_strings;
	uint32_t size_strings;
	uint32_t off_rsvmap;
	uint32_t nrsv;			/* /memreserve/ entries */
	uint32_t err_off;		/* struct offset of a structure error */
};

/* A property, as returned by the iterators. */
struct dtb_prop {
	int	off;			/* offset of the FDT_PROP token */
	const char *name;		/* NUL-terminated, in strings block */
	const uint8_t *data;		/* len bytes, inside the struct block */
	uint32_t len;
};

/* Big-endian reads of property data (no alignment needed). */
uint32_t dtb_be32(const void *p);
uint64_t dtb_be64(const void *p);

/*
 * dtb_read_cells - the big-endian number made of ncells 32-bit cells at p.
 * ncells 0 gives 0; ncells > 2 gives DTB_E_BADCELLS.  The caller has
 * checked that p holds 4 * ncells bytes.
 */
int dtb_read_cells(const void *p, uint32_t ncells, uint64_t *val);

/*
 * dtb_init - validate the blob at blob (readable for maxlen bytes) and fill
 * *d.  Checks: magic; version >= 16 and last_comp_version <= 17;
 * totalsize <= maxlen; every block inside totalsize and not overlapping;
 * struct block 4-aligned; every token, node name (terminated; empty for
 * the root only; no '/'), property length and property name offset of the
 * struct block; one root; balanced nodes; depth < DTB_MAX_DEPTH.  Returns
 * 0 or a DTB_E_* code (d->err_off then holds the struct offset of a
 * structure error, and the header fields read so far).
 */
int dtb_init(struct dtb *d, const void *blob, size_t maxlen);

/* dtb_strerror - a short fixed description of a DTB_E_* code. */
const char *dtb_strerror(int err);

/* Memory reservation map (/memreserve/). */
uint32_t dtb_rsv_count(const struct dtb *d);
int	dtb_rsv_get(const struct dtb *d, uint32_t i, uint64_t *addr,
	    uint64_t *size);

/* Tree walking.  Each returns a node offset or a DTB_E_* code. */
int	dtb_root(const struct dtb *d);
int	dtb_first_child(const struct dtb *d, int node);
int	dtb_next_sibling(const struct dtb *d, int node);
int	dtb_parent(const struct dtb *d, int node);

/*
 * dtb_next_node - the node after node in document order.  *depth is node's
 * depth on entry and the returned node's on return (a child is one deeper;
 * it drops by one for each node closed in between).  node < 0 starts at the
 * root with depth 0.  Returns DTB_E_NOTFOUND after the last node.
 */
int	dtb_next_node(const struct dtb *d, int node, int *depth);

/* dtb_node_name - the node's NUL-terminated name ("" for root), or NULL. */
const char *dtb_node_name(const struct dtb *d, int node);

/*
 * dtb_node_depth - depth of node (root 0) and, if stack is not NULL, its
 * ancestors: stack[0] = root ... stack[depth] = node.  stack holds
 * DTB_MAX_DEPTH entries.  Returns the depth or a DTB_E_* code.
 */
int	dtb_node_depth(const struct dtb *d, int node, int *stack);

/*
 * dtb_get_path - write node's full path ("/soc/serial@10000000") into buf.
 * Always NUL-terminates when len > 0; returns 0, DTB_E_NOSPACE if the path
 * was truncated, or another DTB_E_* code.
 */
int	dtb_get_path(const struct dtb *d, int node, char *buf, size_t len);

/*
 * dtb_find_path - the node at path (len bytes, need not be NUL-terminated).
 * An absolute path is looked up component by component: a component with
 * no '@' matches "name" or "name@unit", one with '@' matches exactly.  A
 * path not starting with '/' begins with an alias name, which /aliases
 * turns into an absolute path ("serial0", "serial0/child").
 */
int	dtb_find_path(const struct dtb *d, const char *path, size_t len);

/* dtb_alias - the absolute path an /aliases entry names, or NULL. */
const char *dtb_alias(const struct dtb *d, const char *name, size_t len);

/* dtb_find_phandle - the node whose phandle (or linux,phandle) is ph. */
int	dtb_find_phandle(const struct dtb *d, uint32_t ph);

/* dtb_phandle - node's phandle, or 0 if it has none (or a bad one). */
uint32_t dtb_phandle(const struct dtb *d, int node);

/* Property iteration: 0 and *p filled, or a DTB_E_* code. */
int	dtb_first_prop(const struct dtb *d, int node, struct dtb_prop *p);
int	dtb_next_prop(const struct dtb *d, struct dtb_prop *p);

/* dtb_get_prop - property name of node: its data, *lenp its length; or NULL. */
const void *dtb_get_prop(const struct dtb *d, int node, const char *name,
	    uint32_t *lenp);

/*
 * Typed property reads.  Each returns 0, DTB_E_NOTFOUND if the property is
 * absent, or DTB_E_BADLEN if its length does not fit the type.
 *   dtb_get_u32:    exactly one cell.
 *   dtb_get_uint:   one or two cells (32- or 64-bit number).
 *   dtb_get_string: a NUL-terminated string (the last byte is NUL).
 */
int	dtb_get_u32(const struct dtb *d, int node, const char *name,
	    uint32_t *val);
int	dtb_get_uint(const struct dtb *d, int node, const char *name,
	    uint64_t *val);
int	dtb_get_string(const struct dtb *d, int node, const char *name,
	    const char **str);

/*
 * dtb_strlist_contains - whether the string list (NUL-separated strings,
 * as in "compatible") data/len holds s.  An unterminated tail is ignored.
 */
bool	dtb_strlist_contains(const void *data, uint32_t len, const char *s);

/* dtb_is_compatible - whether node's "compatible" list holds compat. */
bool	dtb_is_compatible(const struct dtb *d, int node, const char *compat);

/* dtb_is_enabled - status absent, "okay" or "ok". */
bool	dtb_is_enabled(const struct dtb *d, int node);

/*
 * dtb_cells - the #address-cells (default 2) and #size-cells (default 1)
 * that node gives its children.  DTB_E_BADLEN for a malformed property,
 * DTB_E_BADCELLS for a value above DTB_MAX_CELLS.
 */
int	dtb_cells(const struct dtb *d, int node, uint32_t *ac, uint32_t *sc);

/*
 * dtb_reg - entry index of node's "reg", decoded with the parent's
 * #address-cells and #size-cells (each at most 2; address at least 1).
 * Returns 0, DTB_E_NOTFOUND (no reg or index past the end), DTB_E_BADLEN
 * (length not a multiple of an entry), DTB_E_BADCELLS, or another code.
 * dtb_reg_count gives the number of entries (>= 0) or a code.
 */
int	dtb_reg(const struct dtb *d, int node, uint32_t index, uint64_t *addr,
	    uint64_t *size);
int	dtb_reg_count(const struct dtb *d, int node);

/*
 * Iterating over all of node's reg entries finds the parent's cells once
 * (dtb_reg() searches for the parent on every call).  dtb_reg_iter_init
 * returns 0 or a code as dtb_reg() does; dtb_reg_iter_next gives the next
 * entry, false after the last.
 */
struct dtb_reg_iter {
	const uint8_t *p;		/* next entry */
	uint32_t left;			/* entries left */
	uint32_t ac, sc;		/* parent's cells */
};
int	dtb_reg_iter_init(const struct dtb *d, int node,
	    struct dtb_reg_iter *it);
bool	dtb_reg_iter_next(struct dtb_reg_iter *it, uint64_t *addr,
	    uint64_t *size);

/*
 * dtb_translate - turn *addr, an address on node's parent bus (as found in
 * node's reg), into a CPU physical address through the "ranges" of every
 * ancestor bus.  Empty or absent ranges are 1:1.  Returns 0 or a DTB_E_*
 * code (DTB_E_NOTRANSLATE when no ranges entry covers the address).
 */
int	dtb_translate(const struct dtb *d, int node, uint64_t *addr);

#endif /* KERNEL_LIB_DTB_H */
