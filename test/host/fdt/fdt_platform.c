/*
 * test/host/fdt/fdt_platform.c - platform_discover() gives exact results.
 *
 *	fdt_platform FILE.dtb...
 *
 * Each file is recognised by its name (qemu-virt-smpN, qemu-sifive_u-smp5,
 * visionfive1, visionfive2, edge, bad-*) and checked field by field against
 * the values below, which come from BOARDS.md and from fdtget on the
 * dumped QEMU blobs.  Then variants of visionfive2 made with libfdt's
 * read-write API check one rule each (console fallbacks, malformed
 * lengths, hart filters, PLIC contexts, limits).
 */
#include <stdlib.h>
#include <string.h>

#include <libfdt.h>

#include "arch/riscv/platform.h"
#include "kernel/lib/dtb.h"
#include "fdt_test.h"

#define MAXH	8
#define MAXR	10

struct hart_exp {
	uint32_t id;
	uint32_t sctx;
	bool	sstc;
};

struct console_exp {
	enum console_kind kind;
	const char *compat;
	const char *path;
	uint64_t base, size;
	uint32_t shift, width, clock, irq, baud;
};

struct expect {
	const char *name;
	uint64_t dtb_pa, image_pa, image_size;
	const char *error;		/* the whole message, or NULL */
	bool	u7;			/* every hart a SiFive U74 */
	uint32_t nharts;
	struct hart_exp harts[MAXH];
	uint64_t timebase;
	uint32_t nmem;
	struct mem_range mem[MAXR];	/* see AFTER_DTB */
	uint32_t nresv;
	struct mem_range resv[MAXR];	/* see DTB_SIZE */
	struct console_exp con;
	uint64_t plic_base, plic_size;
	uint32_t ndev;
	uint64_t rtc_base, rtc_size;	/* 0: none */
	const char *bootargs;
	uint64_t initrd_start, initrd_end;
};

/*
 * Ranges that depend on the DTB's totalsize: a memory range { AFTER_DTB,
 * end } starts at the first page after the DTB and ends at end; a
 * reservation { base, DTB_SIZE } is totalsize bytes long.
 */
#define PAGE		4096ull
#define AFTER_DTB	0xffffffffffffffffull
#define DTB_SIZE	0

static const struct expect expects[] = {
	{
		.name = "qemu-sifive_u-smp5",
		.nharts = 4,
		.harts = { { 1, 2, false }, { 2, 4, false }, { 3, 6, false },
		    { 4, 8, false } },
		.timebase = 1000000,
		.nmem = 1,
		.mem = { { 0x80000000, 0x8000000 } },
		.con = { CONSOLE_SIFIVE, "sifive,uart0", "/soc/serial@10010000",
		    0x10010000, 0x1000, 0, 1, 0, 4, 0 },
		.plic_base = 0xc000000, .plic_size = 0x4000000, .ndev = 53,
		.bootargs = "",
	},
	{
		.name = "visionfive2",
		.u7 = true,
		.dtb_pa = 0x46000000,
		.image_pa = 0x40200000, .image_size = 0x1000000,
		.nharts = 4,
		.harts = { { 1, 2, false }, { 2, 4, false }, { 3, 6, false },
		    { 4, 8, false } },
		.timebase = 4000000,
		.nmem = 5,
		.mem = {
			{ 0x40080000, 0x40200000 - 0x40080000 },
			{ 0x41200000, 0x46000000 - 0x41200000 },
			{ AFTER_DTB, 0x46100000 },
			{ 0x46900000, 0x6ce00000 - 0x46900000 },
			{ 0x6e400000, 0x140000000 - 0x6e400000 },
		},
		.nresv = 5,
		.resv = {
			{ 0x40000000, 0x80000 },
			{ 0x40200000, 0x1000000 },
			{ 0x46000000, DTB_SIZE },
			{ 0x46100000, 0x800000 },
			{ 0x6ce00000, 0x1600000 },
		},
		.con = { CONSOLE_DW_APB, "snps,dw-apb-uart",
		    "/soc/serial@10000000", 0x10000000, 0x10000, 2, 4,
		    24000000, 32, 115200 },
		.plic_base = 0xc000000, .plic_size = 0x4000000, .ndev = 136,
		.bootargs = "console=ttyS0,115200 earlycon rootwait",
		.initrd_start = 0x46100000, .initrd_end = 0x46900000,
	},
	{
		.name = "visionfive1",
		.u7 = true,
		.dtb_pa = 0x88000000,
		.image_pa = 0x80200000, .image_size = 0x200000,
		.nharts = 2,
		.harts = { { 0, 1, false }, { 1, 3, false } },
		.timebase = 6250000,
		.nmem = 4,
		.mem = {
			{ 0x80400000, 0x88000000 - 0x80400000 },
			{ AFTER_DTB, 0x88300000 },
			{ 0x88a00000, 0xfa000000 - 0x88a00000 },
			{ 0xfb000000, 0x280000000 - 0xfb000000 },
		},
		.nresv = 6,
		.resv = {
			{ 0x80000000, 0x200000 },
			{ 0x80000000, 0x80000 },
			{ 0x80200000, 0x200000 },
			{ 0x88000000, DTB_SIZE },
			{ 0x88300000, 0x700000 },
			{ 0xfa000000, 0x1000000 },
		},
		.con = { CONSOLE_DW_APB, "snps,dw-apb-uart",
		    "/soc/serial@12440000", 0x12440000, 0x10000, 2, 4,
		    100000000, 73, 115200 },
		.plic_base = 0xc000000, .plic_size = 0x4000000, .ndev = 133,
		.bootargs = "console=ttyS0,115200n8 earlycon",
		.initrd_start = 0x88300000, .initrd_end = 0x88a00000,
	},
	{
		.name = "edge",
		.dtb_pa = 0x13fff0000,
		.image_pa = 0x80200000, .image_size = 0x123456,
		.nharts = 3,
		.harts = { { 5, 1, true }, { 6, PLATFORM_NO_CTX, false },
		    { 17, 3, true } },
		.timebase = 10000000,
		.nmem = 8,
		.mem = {
			{ 0x80040000, 0x80200000 - 0x80040000 },
			{ 0x80324000, 0x88000000 - 0x80324000 },
			{ 0x88101000, 0x89000000 - 0x88101000 },
			{ 0x89001000, 0x90000000 - 0x89001000 },
			{ 0xa0000000, 0x4000000 },
			{ 0xa4100000, 0xa8000000 - 0xa4100000 },
			{ 0x100000000, 0x13fff0000 - 0x100000000 },
			{ AFTER_DTB, 0x140000000 },
		},
		.nresv = 8,
		.resv = {
			{ 0x80000000, 0x10000 },
			{ 0x80000000, 0x40000 },
			{ 0x80200000, 0x123456 },
			{ 0x88000123, 0x88100456 - 0x88000123 },
			{ 0x89000800, 0x800 },
			{ 0x90000000, 0x1000 },
			{ 0xa4000000, 0x100000 },
			{ 0x13fff0000, DTB_SIZE },
		},
		.con = { CONSOLE_NS16550, "ns16550", "/bus@1000000/serial@200",
		    0x10000200, 0x100, 0, 1, 1843200, 12, 0 },
		.plic_base = 0xc000000, .plic_size = 0x4000000, .ndev = 1023,
		.bootargs = NULL,	/* checked in check_edge() */
		.initrd_start = 0x88000123, .initrd_end = 0x88100456,
	},
	{ .name = "bad-nocpus", .error = "no /cpus node" },
	{ .name = "bad-nohart", .error = "no usable hart" },
	{ .name = "bad-nomem", .error = "no /memory node" },
	{ .name = "bad-notimebase", .error = "missing timebase-frequency" },
	{ .name = "bad-allreserved",
	    .error = "no memory left after reservations" },
	{ .name = "bad-reglen",
	    .error = "/memory@80000000: reg: bad property length" },
};

/* check_ranges - got against want, resolving AFTER_DTB and DTB_SIZE. */
static void
check_ranges(const char *what, const struct mem_range *got, uint32_t ngot,
    const struct mem_range *want, uint32_t nwant, uint64_t dtb_pa,
    uint32_t dtbsize)
{
	uint64_t base, size;
	uint32_t i;

	t_context = what;
	CHECK_U64(ngot, nwant);
	for (i = 0; i < ngot && i < nwant; i++) {
		base = want[i].base;
		size = want[i].size;
		if (base == AFTER_DTB) {
			base = (dtb_pa + dtbsize + PAGE - 1) & ~(PAGE - 1);
			size = want[i].size - base;
		} else if (size == DTB_SIZE) {
			size = dtbsize;
		}
		CHECK_U64(got[i].base, base);
		CHECK_U64(got[i].size, size);
	}
}

static void
check_platform(const struct platform *p, const struct expect *e,
    const char *name)
{
	static char ctx[128];
	const struct platform_console *c = &p->console;
	uint32_t i;

	t_context = name;
	CHECK_U64(p->nharts, e->nharts);
	for (i = 0; i < p->nharts && i < e->nharts; i++) {
		CHECK_U64(p->harts[i].hartid, e->harts[i].id);
		CHECK_U64(p->harts[i].plic_sctx, e->harts[i].sctx);
		CHECK_U64(p->harts[i].has_sstc, e->harts[i].sstc);
		CHECK_U64(p->harts[i].sifive_u7, e->u7);
		CHECK_U64(platform_hart_index(p, e->harts[i].id), i);
	}
	CHECK_U64(platform_hart_index(p, 12345), -1);
	CHECK_U64(p->timebase_hz, e->timebase);
	CHECK_U64(c->kind, e->con.kind);
	CHECK_STR(c->compatible, e->con.compat);
	CHECK_STR(c->path, e->con.path);
	CHECK_U64(c->base, e->con.base);
	CHECK_U64(c->size, e->con.size);
	CHECK_U64(c->reg_shift, e->con.shift);
	CHECK_U64(c->reg_io_width, e->con.width);
	CHECK_U64(c->clock_frequency, e->con.clock);
	CHECK_U64(c->irq, e->con.irq);
	CHECK_U64(c->baud, e->con.baud);
	CHECK_U64(p->plic_base, e->plic_base);
	CHECK_U64(p->plic_size, e->plic_size);
	CHECK_U64(p->plic_ndev, e->ndev);
	CHECK_U64(p->rtc_base, e->rtc_base);
	CHECK_U64(p->rtc_size, e->rtc_size);
	if (e->bootargs != NULL)
		CHECK_STR(p->bootargs, e->bootargs);
	CHECK_U64(p->initrd_start, e->initrd_start);
	CHECK_U64(p->initrd_end, e->initrd_end);
	CHECK_U64(p->dtb_base, e->dtb_pa);
	snprintf(ctx, sizeof(ctx), "%s memory", name);
	check_ranges(ctx, p->mem, p->nmem, e->mem, e->nmem, e->dtb_pa,
	    p->dtb_size);
	snprintf(ctx, sizeof(ctx), "%s resv", name);
	check_ranges(ctx, p->resv, p->nresv, e->resv, e->nresv, e->dtb_pa,
	    p->dtb_size);
	t_context = name;
}

/* check_edge - what the table cannot say about edge.dts. */
static void
check_edge(const struct platform *p)
{
	size_t i;

	CHECK_U64(strlen(p->bootargs), PLATFORM_BOOTARGS_MAX - 1);
	for (i = 0; i < strlen(p->bootargs); i++)
		CHECK(p->bootargs[i] == "0123456789abcdef"[i % 16]);
}

/* The QEMU virt blobs: harts 0..n-1, M ctx 2h, S ctx 2h + 1, Sstc. */
static void
check_virt(const struct platform *p, uint32_t n, const char *name)
{
	struct expect e;
	uint32_t h;

	memset(&e, 0, sizeof(e));
	e.dtb_pa = 0x9fe00000;
	e.nharts = n;
	for (h = 0; h < n && h < MAXH; h++) {
		e.harts[h].id = h;
		e.harts[h].sctx = 2 * h + 1;
		e.harts[h].sstc = true;
	}
	e.timebase = 10000000;
	e.nmem = 3;
	e.mem[0] = (struct mem_range){ 0x80000000, 0x200000 };
	e.mem[1] = (struct mem_range){ 0x80400000, 0x9fe00000 - 0x80400000 };
	e.mem[2] = (struct mem_range){ AFTER_DTB, 0xa0000000 };
	e.nresv = 2;
	e.resv[0] = (struct mem_range){ 0x80200000, 0x200000 };
	e.resv[1] = (struct mem_range){ 0x9fe00000, DTB_SIZE };
	e.con = (struct console_exp){ CONSOLE_NS16550, "ns16550a",
	    "/soc/serial@10000000", 0x10000000, 0x100, 0, 1, 3686400, 10, 0 };
	e.plic_base = 0xc000000;
	e.plic_size = 0x600000;
	e.ndev = 96;
	e.rtc_base = 0x101000;
	e.rtc_size = 0x1000;
	e.bootargs = "";
	check_platform(p, &e, name);
}

static const struct expect *
find_expect(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(expects) / sizeof(expects[0]); i++) {
		if (strcmp(expects[i].name, name) == 0)
			return &expects[i];
	}
	return NULL;
}

static void
check_file(const char *path)
{
	static struct platform p;
	const struct expect *e;
	unsigned char *buf;
	char name[64], err[160];
	size_t len;
	unsigned n;
	int rc;

	t_context = t_basename(path, name, sizeof(name));
	buf = t_read_file(path, &len);
	if (sscanf(name, "qemu-virt-smp%u", &n) == 1) {
		rc = platform_discover(&p, buf, len, 0x9fe00000, 0x80200000,
		    0x200000, err, sizeof(err));
		CHECK_U64(rc, 0);
		check_virt(&p, n, name);
	} else if ((e = find_expect(name)) != NULL) {
		rc = platform_discover(&p, buf, len, e->dtb_pa, e->image_pa,
		    e->image_size, err, sizeof(err));
		if (e->error != NULL) {
			CHECK_U64(rc, -1);
			CHECK_STR(err, e->error);
		} else {
			CHECK_U64(rc, 0);
			if (rc != 0)
				fprintf(stderr, "%s: %s\n", name, err);
			check_platform(&p, e, name);
		}
		if (strcmp(name, "edge") == 0)
			check_edge(&p);
	} else {
		t_fail(__FILE__, __LINE__, "no expectations for %s", name);
	}
	free(buf);
}

void	variant_tests(const char *visionfive2_dtb);

int
main(int argc, char **argv)
{
	char name[64];
	int i;

	if (argc < 2) {
		fprintf(stderr, "usage: fdt_platform FILE.dtb...\n");
		return 2;
	}
	for (i = 1; i < argc; i++) {
		check_file(argv[i]);
		if (strcmp(t_basename(argv[i], name, sizeof(name)),
		    "visionfive2") == 0)
			variant_tests(argv[i]);
	}
	return t_exit_status("fdt_platform");
}
