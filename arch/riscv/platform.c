/*
 * arch/riscv/platform.c - platform discovery from the device tree.
 *
 * Reads the firmware's DTB through kernel/lib/dtb.h and fills struct
 * platform (arch/riscv/platform.h) following the rules of BOARDS.md: usable
 * harts, timebase, memory minus every reservation, the console from
 * /chosen/stdout-path, the PLIC and each hart's S-mode context, bootargs and
 * the initrd.  Pure code: the kernel runs it at boot and
 * tools/rvmach-platform runs it on the host.  docs/platform.md has the rules.
 *
 * Errors: anything malformed that matters (bad header, a property of the
 * wrong length, missing /cpus, /memory or timebase, no usable hart, no
 * memory left) fails with a one-line reason.  A console that cannot be used
 * (unmatched, disabled, no reg, odd reg-shift) falls back to CONSOLE_SBI.
 */
#include "arch/riscv/platform.h"
#include "kernel/lib/dtb.h"
#include "kernel/lib/printf.h"
#include "kernel/lib/string.h"

#define PLAT_PAGE	4096u
#define WORK_RANGES	(2 * PLATFORM_MAX_MEM)	/* ranges while subtracting */
#define IRQ_S_EXT	9			/* hart-local S external irq */
#define PLIC_MAX_NDEV	1023
#define MAX_BAUD	100000000u

/* [start, end): end is exclusive, UINT64_MAX stands for "to the top" */
struct span {
	uint64_t start;
	uint64_t end;
};

/* Discovery state, on the caller's stack. */
struct disc {
	const struct dtb *d;
	struct platform *p;
	char	*err;
	size_t	errlen;
	int	cpus;				/* /cpus */
	int	cpu_node[PLATFORM_MAX_HARTS];	/* parallel to p->harts */
	uint32_t intc[PLATFORM_MAX_HARTS];	/* hart's cpu-intc phandle */
	char	path[96];			/* for messages */
};

static int fail(struct disc *c, const char *fmt, ...) __printflike(2, 3);

/* fail - write the one-line reason into the caller's buffer; returns -1. */
static int
fail(struct disc *c, const char *fmt, ...)
{
	va_list ap;

	if (c->err != NULL && c->errlen > 0) {
		va_start(ap, fmt);
		vsnprintf(c->err, c->errlen, fmt, ap);
		va_end(ap);
	}
	return -1;
}

/* node_path - node's path for a message (truncated if long). */
static const char *
node_path(struct disc *c, int node)
{
	if (dtb_get_path(c->d, node, c->path, sizeof(c->path)) != 0 &&
	    c->path[0] == '\0')
		strlcpy(c->path, "?", sizeof(c->path));
	return c->path;
}

/* prop_fail - "path: property: reason" for a DTB_E_* code rc. */
static int
prop_fail(struct disc *c, int node, const char *prop, int rc)
{
	return fail(c, "%s: %s: %s", node_path(c, node), prop,
	    dtb_strerror(rc));
}

static int
header_fail(struct disc *c, const struct dtb *d, size_t maxlen, int rc)
{
	switch (rc) {
	case DTB_E_TRUNCATED:
		if (maxlen < DTB_HDR_SIZE)
			return fail(c, "truncated: %zu bytes, header needs %u",
			    maxlen, (unsigned)DTB_HDR_SIZE);
		return fail(c, "truncated: totalsize %u > %zu", d->totalsize,
		    maxlen);
	case DTB_E_BADMAGIC:
		return fail(c, "bad magic 0x%08x", d->magic);
	case DTB_E_BADVERSION:
		return fail(c, "unsupported version %u", d->version);
	case DTB_E_BADCOMPAT:
		return fail(c, "unsupported last_comp_version %u",
		    d->last_comp_version);
	case DTB_E_BADSIZE:
	case DTB_E_TOOBIG:
		return fail(c, "bad totalsize %u", d->totalsize);
	case DTB_E_BADTOKEN:
	case DTB_E_BADNAME:
	case DTB_E_BADPROP:
	case DTB_E_BADNAMEOFF:
	case DTB_E_BADNESTING:
	case DTB_E_DEPTH:
		return fail(c, "struct block: %s at offset 0x%x",
		    dtb_strerror(rc), d->err_off);
	default:
		return fail(c, "%s", dtb_strerror(rc));
	}
}

/*
 * ---------------------------------------------------------------------
 * Harts.
 * ---------------------------------------------------------------------
 */

static int
lower(int ch)
{
	return ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch;
}

/* word_eq - s[0..n) equals the lower-case word w, ignoring case. */
static bool
word_eq(const char *s, size_t n, const char *w)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (w[i] == '\0' || lower((unsigned char)s[i]) != w[i])
			return false;
	}
	return w[n] == '\0';
}

/* isa_has - the riscv,isa string lists extension ext after an '_'. */
static bool
isa_has(const char *isa, const char *ext)
{
	const char *p, *q;

	for (p = strchr(isa, '_'); p != NULL; p = q) {
		p++;
		q = strchr(p, '_');
		if (word_eq(p, q != NULL ? (size_t)(q - p) : strlen(p), ext))
			return true;
	}
	return false;
}

/* list_has - the string list (riscv,isa-extensions) holds ext, any case. */
static bool
list_has(const char *list, uint32_t len, const char *ext)
{
	size_t n;

	while (len > 0) {
		n = strnlen(list, len);
		if (n == len)
			break;
		if (word_eq(list, n, ext))
			return true;
		list += n + 1;
		len -= (uint32_t)n + 1;
	}
	return false;
}

/* hart_sstc - *sstc from riscv,isa or riscv,isa-extensions; 0 or -1. */
static int
hart_sstc(struct disc *c, int cpu, bool *sstc)
{
	const char *isa, *list;
	uint32_t len;
	int rc;

	*sstc = false;
	rc = dtb_get_string(c->d, cpu, "riscv,isa", &isa);
	if (rc == 0)
		*sstc = isa_has(isa, "sstc");
	else if (rc != DTB_E_NOTFOUND)
		return prop_fail(c, cpu, "riscv,isa", rc);
	list = dtb_get_prop(c->d, cpu, "riscv,isa-extensions", &len);
	if (list != NULL && len > 0 && list[len - 1] != '\0')
		return prop_fail(c, cpu, "riscv,isa-extensions", DTB_E_BADLEN);
	if (list != NULL && list_has(list, len, "sstc"))
		*sstc = true;
	return 0;
}

/*
 * hart_intc - the phandle of cpu's interrupt-controller child (0 if none);
 * -1 if that controller does not take one interrupt cell.
 */
static int
hart_intc(struct disc *c, int cpu, uint32_t *ph)
{
	uint32_t cells;
	int child, rc;

	*ph = 0;
	for (child = dtb_first_child(c->d, cpu); child >= 0;
	    child = dtb_next_sibling(c->d, child)) {
		if (dtb_get_prop(c->d, child, "interrupt-controller", NULL) ==
		    NULL)
			continue;
		rc = dtb_get_u32(c->d, child, "#interrupt-cells", &cells);
		if (rc == DTB_E_BADLEN || (rc == 0 && cells != 1))
			return prop_fail(c, child, "#interrupt-cells",
			    DTB_E_BADCELLS);
		*ph = dtb_phandle(c->d, child);
		return 0;
	}
	return 0;
}

/*
 * cpu_usable - 1 if cpu is a usable hart (device_type "cpu", enabled, an
 * mmu-type other than "riscv,none"), 0 if not, -1 on a malformed property.
 */
static int
cpu_usable(struct disc *c, int cpu)
{
	const char *s;
	int rc;

	rc = dtb_get_string(c->d, cpu, "device_type", &s);
	if (rc == DTB_E_NOTFOUND)
		return 0;
	if (rc != 0)
		return prop_fail(c, cpu, "device_type", rc);
	if (strcmp(s, "cpu") != 0 || !dtb_is_enabled(c->d, cpu))
		return 0;
	rc = dtb_get_string(c->d, cpu, "mmu-type", &s);
	if (rc == DTB_E_NOTFOUND)
		return 0;
	if (rc != 0)
		return prop_fail(c, cpu, "mmu-type", rc);
	return strcmp(s, "riscv,none") != 0;
}

/* add_hart - insert a usable cpu node, keeping p->harts sorted by id. */
static int
add_hart(struct disc *c, int cpu)
{
	struct platform *p = c->p;
	struct platform_hart h;
	uint64_t id, size;
	uint32_t intc, i;
	int rc;

	if ((rc = dtb_reg(c->d, cpu, 0, &id, &size)) != 0)
		return prop_fail(c, cpu, "reg", rc);
	if (id > 0xffffffffu)
		return fail(c, "%s: hart id too large", node_path(c, cpu));
	if (platform_hart_index(p, (uint32_t)id) >= 0)
		return fail(c, "%s: duplicate hart id %u", node_path(c, cpu),
		    (uint32_t)id);
	if (p->nharts == PLATFORM_MAX_HARTS)
		return fail(c, "more than %u usable harts",
		    (unsigned)PLATFORM_MAX_HARTS);
	h.hartid = (uint32_t)id;
	h.plic_sctx = PLATFORM_NO_CTX;
	/* SiFive U7 cores (U74): full sfence.vma only (erratum CIP-1200) */
	h.sifive_u7 = dtb_is_compatible(c->d, cpu, "sifive,u74-mc") ||
	    dtb_is_compatible(c->d, cpu, "sifive,u74");
	if (hart_sstc(c, cpu, &h.has_sstc) != 0 ||
	    hart_intc(c, cpu, &intc) != 0)
		return -1;
	for (i = p->nharts; i > 0 && p->harts[i - 1].hartid > h.hartid; i--) {
		p->harts[i] = p->harts[i - 1];
		c->cpu_node[i] = c->cpu_node[i - 1];
		c->intc[i] = c->intc[i - 1];
	}
	p->harts[i] = h;
	c->cpu_node[i] = cpu;
	c->intc[i] = intc;
	p->nharts++;
	return 0;
}

static int
find_harts(struct disc *c)
{
	int cpu, rc;

	c->cpus = dtb_find_path(c->d, "/cpus", 5);
	if (c->cpus == DTB_E_NOTFOUND)
		return fail(c, "no /cpus node");
	if (c->cpus < 0)
		return fail(c, "/cpus: %s", dtb_strerror(c->cpus));
	for (cpu = dtb_first_child(c->d, c->cpus); cpu >= 0;
	    cpu = dtb_next_sibling(c->d, cpu)) {
		if ((rc = cpu_usable(c, cpu)) < 0)
			return -1;
		if (rc > 0 && add_hart(c, cpu) != 0)
			return -1;
	}
	if (cpu != DTB_E_NOTFOUND)
		return fail(c, "/cpus: %s", dtb_strerror(cpu));
	if (c->p->nharts == 0)
		return fail(c, "no usable hart");
	return 0;
}

/* find_timebase - /cpus timebase-frequency, else a usable cpu node's. */
static int
find_timebase(struct disc *c)
{
	uint64_t hz = 0;
	uint32_t i;
	int node = c->cpus, rc;

	rc = dtb_get_uint(c->d, node, "timebase-frequency", &hz);
	for (i = 0; rc == DTB_E_NOTFOUND && i < c->p->nharts; i++) {
		node = c->cpu_node[i];
		rc = dtb_get_uint(c->d, node, "timebase-frequency", &hz);
	}
	if (rc == DTB_E_NOTFOUND)
		return fail(c, "missing timebase-frequency");
	if (rc != 0)
		return prop_fail(c, node, "timebase-frequency", rc);
	if (hz == 0)
		return fail(c, "%s: timebase-frequency is 0",
		    node_path(c, node));
	c->p->timebase_hz = hz;
	return 0;
}

/*
 * ---------------------------------------------------------------------
 * Memory and reservations.
 * ---------------------------------------------------------------------
 */

static struct span
mkspan(uint64_t base, uint64_t size)
{
	struct span s;

	s.start = base;
	s.end = size > UINT64_MAX - base ? UINT64_MAX : base + size;
	return s;
}

/* add_resv - record a reservation (empty ones are dropped). */
static int
add_resv(struct disc *c, uint64_t base, uint64_t size, const char *what)
{
	struct platform *p = c->p;
	struct span s = mkspan(base, size);
	uint32_t i;

	if (s.end == s.start)
		return 0;
	if (p->nresv == PLATFORM_MAX_RESV)
		return fail(c, "too many reservations (max %u) at %s",
		    (unsigned)PLATFORM_MAX_RESV, what);
	for (i = p->nresv; i > 0 && p->resv[i - 1].base > s.start; i--)
		p->resv[i] = p->resv[i - 1];
	p->resv[i].base = s.start;
	p->resv[i].size = s.end - s.start;
	p->nresv++;
	return 0;
}

/* add_reg_resv - every reg entry of node (if any) as a reservation. */
static int
add_reg_resv(struct disc *c, int node)
{
	struct dtb_reg_iter it;
	uint64_t base, size;
	int rc;

	rc = dtb_reg_iter_init(c->d, node, &it);
	if (rc == DTB_E_NOTFOUND)
		return 0;
	if (rc != 0)
		return prop_fail(c, node, "reg", rc);
	while (dtb_reg_iter_next(&it, &base, &size)) {
		if (add_resv(c, base, size, node_path(c, node)) != 0)
			return -1;
	}
	return 0;
}

static int
find_reserved(struct disc *c)
{
	uint64_t base, size;
	uint32_t i;
	int rm, child;

	for (i = 0; i < dtb_rsv_count(c->d); i++) {
		if (dtb_rsv_get(c->d, i, &base, &size) != 0 ||
		    add_resv(c, base, size, "/memreserve/") != 0)
			return -1;
	}
	rm = dtb_find_path(c->d, "/reserved-memory", 16);
	if (rm == DTB_E_NOTFOUND)
		return 0;
	if (rm < 0)
		return fail(c, "/reserved-memory: %s", dtb_strerror(rm));
	/* with or without no-map, and whatever the status: never use it */
	for (child = dtb_first_child(c->d, rm); child >= 0;
	    child = dtb_next_sibling(c->d, child)) {
		if (add_reg_resv(c, child) != 0)
			return -1;
	}
	if (child != DTB_E_NOTFOUND)
		return fail(c, "/reserved-memory: %s", dtb_strerror(child));
	return 0;
}

/* is_memory_node - a root child named memory[@...], device_type memory. */
static int
is_memory_node(struct disc *c, int node)
{
	const char *name = dtb_node_name(c->d, node), *type;
	int rc;

	if (name == NULL || strncmp(name, "memory", 6) != 0 ||
	    (name[6] != '\0' && name[6] != '@'))
		return 0;
	rc = dtb_get_string(c->d, node, "device_type", &type);
	if (rc == DTB_E_NOTFOUND)
		return 0;
	if (rc != 0)
		return prop_fail(c, node, "device_type", rc);
	return strcmp(type, "memory") == 0 && dtb_is_enabled(c->d, node);
}

/* add_span - insert s into the sorted list w (n entries), merging. */
static int
add_span(struct disc *c, struct span *w, uint32_t *n, struct span s)
{
	uint32_t i, j;

	if (s.start == s.end)
		return 0;
	for (i = 0; i < *n && w[i].start <= s.start; i++)
		;
	if (i > 0 && w[i - 1].end >= s.start) {
		/* overlaps or touches its predecessor: grow that */
		i--;
		w[i].end = MAX(w[i].end, s.end);
	} else {
		if (*n == WORK_RANGES)
			return fail(c, "too many memory ranges");
		for (j = *n; j > i; j--)
			w[j] = w[j - 1];
		w[i] = s;
		(*n)++;
	}
	/* swallow successors the grown range now reaches */
	while (i + 1 < *n && w[i + 1].start <= w[i].end) {
		w[i].end = MAX(w[i].end, w[i + 1].end);
		for (j = i + 1; j + 1 < *n; j++)
			w[j] = w[j + 1];
		(*n)--;
	}
	return 0;
}

static int
collect_memory(struct disc *c, struct span *w, uint32_t *n)
{
	struct dtb_reg_iter it;
	uint64_t base, size;
	bool seen = false;
	int node, rc;

	for (node = dtb_first_child(c->d, dtb_root(c->d)); node >= 0;
	    node = dtb_next_sibling(c->d, node)) {
		if ((rc = is_memory_node(c, node)) < 0)
			return -1;
		if (rc == 0)
			continue;
		seen = true;
		rc = dtb_reg_iter_init(c->d, node, &it);
		if (rc != 0 && rc != DTB_E_NOTFOUND)
			return prop_fail(c, node, "reg", rc);
		while (rc == 0 && dtb_reg_iter_next(&it, &base, &size)) {
			if (add_span(c, w, n, mkspan(base, size)) != 0)
				return -1;
		}
	}
	if (node != DTB_E_NOTFOUND)
		return fail(c, "/: %s", dtb_strerror(node));
	if (!seen)
		return fail(c, "no /memory node");
	if (*n == 0)
		return fail(c, "no memory in /memory");
	return 0;
}

/* subtract - remove r from every range of w (sorted, disjoint). */
static int
subtract(struct disc *c, struct span *w, uint32_t *n, struct span r)
{
	uint32_t i, j;

	for (i = 0; i < *n; i++) {
		if (r.end <= w[i].start || r.start >= w[i].end)
			continue;
		if (r.start > w[i].start && r.end < w[i].end) {
			/* a hole in the middle: split */
			if (*n == WORK_RANGES)
				return fail(c, "too many memory ranges");
			for (j = *n; j > i + 1; j--)
				w[j] = w[j - 1];
			w[i + 1].start = r.end;
			w[i + 1].end = w[i].end;
			w[i].end = r.start;
			(*n)++;
			return 0;
		}
		if (r.start > w[i].start)
			w[i].end = r.start;
		else if (r.end < w[i].end)
			w[i].start = r.end;
		else
			w[i].start = w[i].end;	/* all of it: dropped below */
	}
	return 0;
}

/* finish_memory - page-align inward, drop empties, store in p->mem. */
static int
finish_memory(struct disc *c, const struct span *w, uint32_t n)
{
	struct platform *p = c->p;
	uint64_t start, end;
	uint32_t i;

	for (i = 0; i < n; i++) {
		if (w[i].start > UINT64_MAX - (PLAT_PAGE - 1))
			continue;
		start = ROUNDUP(w[i].start, (uint64_t)PLAT_PAGE);
		end = ROUNDDOWN(w[i].end, (uint64_t)PLAT_PAGE);
		if (start >= end)
			continue;
		if (p->nmem == PLATFORM_MAX_MEM)
			return fail(c, "more than %u memory ranges",
			    (unsigned)PLATFORM_MAX_MEM);
		p->mem[p->nmem].base = start;
		p->mem[p->nmem].size = end - start;
		p->nmem++;
	}
	if (p->nmem == 0)
		return fail(c, "no memory left after reservations");
	return 0;
}

static int
find_memory(struct disc *c)
{
	struct span w[WORK_RANGES];
	uint32_t n = 0, i;

	if (collect_memory(c, w, &n) != 0)
		return -1;
	for (i = 0; i < c->p->nresv; i++) {
		if (subtract(c, w, &n, mkspan(c->p->resv[i].base,
		    c->p->resv[i].size)) != 0)
			return -1;
	}
	return finish_memory(c, w, n);
}

/*
 * ---------------------------------------------------------------------
 * /chosen: bootargs, initrd, console.
 * ---------------------------------------------------------------------
 */

static int
find_chosen_args(struct disc *c, int chosen)
{
	struct platform *p = c->p;
	const char *s;
	uint64_t start, end;
	int rs, re;

	rs = dtb_get_string(c->d, chosen, "bootargs", &s);
	if (rs == 0)
		strlcpy(p->bootargs, s, sizeof(p->bootargs));
	else if (rs != DTB_E_NOTFOUND)
		return prop_fail(c, chosen, "bootargs", rs);

	rs = dtb_get_uint(c->d, chosen, "linux,initrd-start", &start);
	re = dtb_get_uint(c->d, chosen, "linux,initrd-end", &end);
	if (rs == DTB_E_NOTFOUND && re == DTB_E_NOTFOUND)
		return 0;
	if (rs != 0)
		return prop_fail(c, chosen, "linux,initrd-start", rs);
	if (re != 0)
		return prop_fail(c, chosen, "linux,initrd-end", re);
	if (end < start)
		return fail(c, "/chosen: linux,initrd-end before "
		    "linux,initrd-start");
	if (end == start)
		return 0;
	p->initrd_start = start;
	p->initrd_end = end;
	return add_resv(c, start, end - start, "initrd");
}

static const struct {
	const char *compat;
	enum console_kind kind;
} console_compat[] = {
	{ "snps,dw-apb-uart",	CONSOLE_DW_APB },
	{ "ns16550a",		CONSOLE_NS16550 },
	{ "ns16550",		CONSOLE_NS16550 },
	{ "ns8250",		CONSOLE_NS16550 },
	{ "8250",		CONSOLE_NS16550 },
	{ "sifive,uart0",	CONSOLE_SIFIVE },
};

/* parse_baud - the leading decimal number of stdout-path options. */
static uint32_t
parse_baud(const char *opt)
{
	uint32_t baud = 0;

	for (; *opt >= '0' && *opt <= '9'; opt++) {
		baud = baud * 10 + (uint32_t)(*opt - '0');
		if (baud > MAX_BAUD)
			return 0;
	}
	return baud;
}

/*
 * console_u32 - an optional one-cell property: *val keeps dflt when absent.
 * Returns 0, or -1 (message set) when the length is wrong.
 */
static int
console_u32(struct disc *c, int node, const char *name, uint32_t dflt,
    uint32_t *val)
{
	int rc;

	*val = dflt;
	rc = dtb_get_u32(c->d, node, name, val);
	if (rc != 0 && rc != DTB_E_NOTFOUND)
		return prop_fail(c, node, name, rc);
	return 0;
}

static int
console_irq(struct disc *c, int node, uint32_t *irq)
{
	const uint8_t *v;
	uint32_t len;

	*irq = 0;
	if ((v = dtb_get_prop(c->d, node, "interrupts", &len)) != NULL) {
		if (len < 4 || len % 4 != 0)
			return prop_fail(c, node, "interrupts", DTB_E_BADLEN);
		*irq = dtb_be32(v);
	} else if ((v = dtb_get_prop(c->d, node, "interrupts-extended",
	    &len)) != NULL) {
		if (len < 8 || len % 4 != 0)
			return prop_fail(c, node, "interrupts-extended",
			    DTB_E_BADLEN);
		*irq = dtb_be32(v + 4);
	}
	return 0;
}

/*
 * console_node - fill con from the UART node; 1 if usable, 0 to fall back
 * to SBI, -1 on a malformed property.
 */
static int
console_node(struct disc *c, int node, struct platform_console *con)
{
	uint64_t base, size, clk = 0;
	size_t i;
	int rc;

	if (!dtb_is_enabled(c->d, node))
		return 0;
	for (i = 0; i < ARRAY_SIZE(console_compat); i++) {
		if (dtb_is_compatible(c->d, node, console_compat[i].compat))
			break;
	}
	if (i == ARRAY_SIZE(console_compat))
		return 0;
	rc = dtb_reg(c->d, node, 0, &base, &size);
	if (rc == DTB_E_BADLEN)
		return prop_fail(c, node, "reg", rc);
	if (rc != 0 || dtb_translate(c->d, node, &base) != 0)
		return 0;
	if (console_u32(c, node, "reg-shift", 0, &con->reg_shift) != 0 ||
	    console_u32(c, node, "reg-io-width", 1, &con->reg_io_width) != 0)
		return -1;
	rc = dtb_get_uint(c->d, node, "clock-frequency", &clk);
	if (rc == DTB_E_BADLEN || clk > 0xffffffffu)
		return prop_fail(c, node, "clock-frequency", DTB_E_BADLEN);
	if (console_irq(c, node, &con->irq) != 0)
		return -1;
	if (con->reg_shift > 3 || (con->reg_io_width != 1 &&
	    con->reg_io_width != 2 && con->reg_io_width != 4))
		return 0;
	con->kind = console_compat[i].kind;
	strlcpy(con->compatible, console_compat[i].compat,
	    sizeof(con->compatible));
	(void)dtb_get_path(c->d, node, con->path, sizeof(con->path));
	con->base = base;
	con->size = size;
	con->clock_frequency = (uint32_t)clk;
	return 1;
}

static int
find_console(struct disc *c, int chosen)
{
	struct platform_console con;
	const char *s, *colon, *prop = "stdout-path";
	size_t len;
	int node, rc;

	memset(&c->p->console, 0, sizeof(c->p->console));
	c->p->console.kind = CONSOLE_SBI;
	if (chosen < 0)
		return 0;
	rc = dtb_get_string(c->d, chosen, prop, &s);
	if (rc == DTB_E_NOTFOUND) {
		prop = "linux,stdout-path";
		rc = dtb_get_string(c->d, chosen, prop, &s);
	}
	if (rc == DTB_E_NOTFOUND)
		return 0;
	if (rc != 0)
		return prop_fail(c, chosen, prop, rc);
	colon = strchr(s, ':');
	len = colon != NULL ? (size_t)(colon - s) : strlen(s);
	if ((node = dtb_find_path(c->d, s, len)) < 0)
		return 0;
	memset(&con, 0, sizeof(con));
	if ((rc = console_node(c, node, &con)) <= 0)
		return rc;
	con.baud = colon != NULL ? parse_baud(colon + 1) : 0;
	c->p->console = con;
	return 0;
}

/*
 * ---------------------------------------------------------------------
 * PLIC.
 * ---------------------------------------------------------------------
 */

static const char *const plic_compat[] = {
	"riscv,plic0",
	"sifive,plic-1.0.0",
	"starfive,jh7110-plic",
	"sifive,fu540-c000-plic",
};

/* the first enabled node compatible with one of compat[n], or an error */
static int
find_enabled_node(struct disc *c, const char *const *compat, size_t n)
{
	size_t i;
	int node, depth = 0;

	for (node = dtb_root(c->d); node >= 0;
	    node = dtb_next_node(c->d, node, &depth)) {
		for (i = 0; i < n; i++) {
			if (dtb_is_compatible(c->d, node, compat[i]) &&
			    dtb_is_enabled(c->d, node))
				return node;
		}
	}
	return node;
}

/*
 * plic_contexts - set each hart's S context: the index of the
 * interrupts-extended pair (phandle, 9) whose phandle is that hart's
 * cpu-intc.  0 and 0xffffffff phandles (OpenSBI's rewritten M-mode
 * entries) and unknown ones match no hart.
 */
static int
plic_contexts(struct disc *c, int plic)
{
	const uint8_t *v;
	uint32_t len, i, ph, h;

	v = dtb_get_prop(c->d, plic, "interrupts-extended", &len);
	if (v == NULL)
		return 0;
	if (len % 8 != 0)
		return prop_fail(c, plic, "interrupts-extended", DTB_E_BADLEN);
	for (i = 0; i < len / 8; i++) {
		ph = dtb_be32(v + 8 * i);
		if (dtb_be32(v + 8 * i + 4) != IRQ_S_EXT || ph == 0 ||
		    ph == 0xffffffffu)
			continue;
		for (h = 0; h < c->p->nharts; h++) {
			if (c->intc[h] == ph &&
			    c->p->harts[h].plic_sctx == PLATFORM_NO_CTX)
				c->p->harts[h].plic_sctx = i;
		}
	}
	return 0;
}

static int
find_plic(struct disc *c)
{
	struct platform *p = c->p;
	uint64_t base, size;
	int plic, rc;

	plic = find_enabled_node(c, plic_compat, ARRAY_SIZE(plic_compat));
	if (plic == DTB_E_NOTFOUND)
		return 0;
	if (plic < 0)
		return fail(c, "%s", dtb_strerror(plic));
	if ((rc = dtb_reg(c->d, plic, 0, &base, &size)) != 0 ||
	    (rc = dtb_translate(c->d, plic, &base)) != 0)
		return prop_fail(c, plic, "reg", rc);
	if ((rc = dtb_get_u32(c->d, plic, "riscv,ndev", &p->plic_ndev)) != 0)
		return prop_fail(c, plic, "riscv,ndev", rc);
	if (p->plic_ndev > PLIC_MAX_NDEV)
		return fail(c, "%s: riscv,ndev %u > %u", node_path(c, plic),
		    p->plic_ndev, (unsigned)PLIC_MAX_NDEV);
	p->plic_base = base;
	p->plic_size = size;
	return plic_contexts(c, plic);
}

/*
 * find_rtc - the first enabled real-time clock the kernel can read:
 * goldfish's (QEMU virt).  None is fine: the calendar then counts from
 * boot (task/task_clock.c).
 */
static const char *const rtc_compat[] = {
	"google,goldfish-rtc",
};

static int
find_rtc(struct disc *c)
{
	uint64_t base, size;
	int node, rc;

	node = find_enabled_node(c, rtc_compat, ARRAY_SIZE(rtc_compat));
	if (node == DTB_E_NOTFOUND)
		return 0;
	if (node < 0)
		return fail(c, "%s", dtb_strerror(node));
	if ((rc = dtb_reg(c->d, node, 0, &base, &size)) != 0 ||
	    (rc = dtb_translate(c->d, node, &base)) != 0)
		return prop_fail(c, node, "reg", rc);
	c->p->rtc_base = base;
	c->p->rtc_size = size;
	return 0;
}

/*
 * ---------------------------------------------------------------------
 * Entry points.
 * ---------------------------------------------------------------------
 */

/*
 * Order matters only for messages: harts and timebase first (what a kernel
 * cannot run without), then reservations, which memory subtracts.
 */
int
platform_discover(struct platform *p, const void *dtb, size_t maxlen,
    paddr_t dtb_pa, paddr_t image_pa, uint64_t image_size,
    char *err, size_t errlen)
{
	struct dtb d;
	struct disc c;
	int rc, chosen;

	memset(p, 0, sizeof(*p));
	memset(&c, 0, sizeof(c));
	c.d = &d;
	c.p = p;
	c.err = err;
	c.errlen = errlen;
	if (err != NULL && errlen > 0)
		err[0] = '\0';
	if ((rc = dtb_init(&d, dtb, maxlen)) != 0)
		return header_fail(&c, &d, maxlen, rc);
	p->dtb_base = dtb_pa;
	p->dtb_size = d.totalsize;

	chosen = dtb_find_path(&d, "/chosen", 7);
	if (chosen < 0 && chosen != DTB_E_NOTFOUND)
		return fail(&c, "/chosen: %s", dtb_strerror(chosen));
	if (find_harts(&c) != 0 || find_timebase(&c) != 0)
		return -1;
	if (chosen >= 0 && find_chosen_args(&c, chosen) != 0)
		return -1;
	if (find_reserved(&c) != 0 ||
	    add_resv(&c, image_pa, image_size, "kernel image") != 0)
		return -1;
	/* dtb_pa 0: the caller (a host tool) has no address to reserve */
	if (dtb_pa != 0 && add_resv(&c, dtb_pa, d.totalsize, "DTB") != 0)
		return -1;
	if (find_memory(&c) != 0 || find_console(&c, chosen) != 0 ||
	    find_plic(&c) != 0 || find_rtc(&c) != 0)
		return -1;
	return 0;
}

int
platform_hart_index(const struct platform *p, uint32_t hartid)
{
	uint32_t i;

	for (i = 0; i < p->nharts; i++) {
		if (p->harts[i].hartid == hartid)
			return (int)i;
	}
	return -1;
}
