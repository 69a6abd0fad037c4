/*
 * test/host/fdt/variants.c - one rule at a time, on edited visionfive2 blobs.
 *
 * Each case starts from the compiled test/dts/visionfive2.dts, changes a
 * few properties with libfdt's read-write API, packs the blob into a buffer
 * of exactly totalsize bytes and runs platform_discover() on it.
 */
#include <stdlib.h>
#include <string.h>

#include <libfdt.h>

#include "arch/riscv/platform.h"
#include "fdt_test.h"

#define WORKSIZE	(1 << 18)

static unsigned char *base_blob;
static unsigned char *work;
static struct platform plat;
static char err[160];

static void
begin(const char *what)
{
	t_context = what;
	if (fdt_open_into(base_blob, work, WORKSIZE) != 0) {
		fprintf(stderr, "fdt_open_into failed\n");
		exit(2);
	}
}

static int
node(const char *path)
{
	int n = fdt_path_offset(work, path);

	if (n < 0) {
		fprintf(stderr, "%s: no node %s\n", t_context, path);
		exit(2);
	}
	return n;
}

static void
setraw(const char *path, const char *prop, const void *val, int len)
{
	if (fdt_setprop(work, node(path), prop, val, len) != 0) {
		fprintf(stderr, "%s: setprop %s failed\n", t_context, prop);
		exit(2);
	}
}

static void
setstr(const char *path, const char *prop, const char *s)
{
	setraw(path, prop, s, (int)strlen(s) + 1);
}

static void
setcells(const char *path, const char *prop, int n, const uint32_t *v)
{
	fdt32_t be[256];
	int i;

	for (i = 0; i < n; i++)
		be[i] = cpu_to_fdt32(v[i]);
	setraw(path, prop, be, n * 4);
}

static void
setu32(const char *path, const char *prop, uint32_t v)
{
	setcells(path, prop, 1, &v);
}

static void
del(const char *path, const char *prop)
{
	(void)fdt_delprop(work, node(path), prop);
}

static int
add(const char *parent, const char *name)
{
	int n = fdt_add_subnode(work, node(parent), name);

	if (n < 0) {
		fprintf(stderr, "%s: add_subnode %s failed\n", t_context, name);
		exit(2);
	}
	return n;
}

/* run - discover on an exact-size copy of the edited blob. */
static int
run(void)
{
	unsigned char *exact;
	size_t len;
	int rc;

	fdt_pack(work);
	len = fdt_totalsize(work);
	exact = malloc(len);
	memcpy(exact, work, len);
	rc = platform_discover(&plat, exact, len, 0, 0, 0, err, sizeof(err));
	free(exact);
	return rc;
}

static void
expect_err(const char *msg)
{
	CHECK_U64(run(), -1);
	CHECK_STR(err, msg);
}

static void
expect_ok(void)
{
	CHECK_U64(run(), 0);
	if (err[0] != '\0')
		fprintf(stderr, "[%s] unexpected error: %s\n", t_context, err);
}

static void
expect_console(enum console_kind kind, uint32_t baud)
{
	expect_ok();
	CHECK_U64(plat.console.kind, kind);
	CHECK_U64(plat.console.baud, baud);
	if (kind == CONSOLE_SBI)
		CHECK_U64(plat.console.base, 0);
}

#define UART	"/soc/serial@10000000"
#define PLIC	"/soc/interrupt-controller@c000000"

static void
console_cases(void)
{
	begin("stdout-path as a path");
	setstr("/chosen", "stdout-path", UART);
	expect_console(CONSOLE_DW_APB, 0);

	begin("stdout-path alias, no options");
	setstr("/chosen", "stdout-path", "serial0");
	expect_console(CONSOLE_DW_APB, 0);

	begin("stdout-path path with options");
	setstr("/chosen", "stdout-path", UART ":9600n8");
	expect_console(CONSOLE_DW_APB, 9600);

	begin("stdout-path to a disabled uart");
	setstr("/chosen", "stdout-path", "serial1:115200");
	expect_console(CONSOLE_SBI, 0);

	begin("linux,stdout-path");
	del("/chosen", "stdout-path");
	setstr("/chosen", "linux,stdout-path", "serial0:57600n8");
	expect_console(CONSOLE_DW_APB, 57600);

	begin("no stdout-path");
	del("/chosen", "stdout-path");
	expect_console(CONSOLE_SBI, 0);

	begin("stdout-path to nothing");
	setstr("/chosen", "stdout-path", "nosuch:115200");
	expect_console(CONSOLE_SBI, 0);

	begin("absurd baud");
	setstr("/chosen", "stdout-path", "serial0:99999999999999999999");
	expect_console(CONSOLE_DW_APB, 0);

	begin("ns16550a");
	setstr(UART, "compatible", "ns16550a");
	expect_console(CONSOLE_NS16550, 115200);
	CHECK_STR(plat.console.compatible, "ns16550a");

	begin("ns8250");
	setstr(UART, "compatible", "ns8250");
	expect_console(CONSOLE_NS16550, 115200);

	begin("8250 after an unknown one");
	setraw(UART, "compatible", "acme,uart\0" "8250", 15);
	expect_console(CONSOLE_NS16550, 115200);
	CHECK_STR(plat.console.compatible, "8250");

	begin("sifive,uart0");
	setstr(UART, "compatible", "sifive,uart0");
	expect_console(CONSOLE_SIFIVE, 115200);

	begin("unknown uart");
	setstr(UART, "compatible", "acme,uart");
	expect_console(CONSOLE_SBI, 0);

	begin("unterminated compatible");
	setraw(UART, "compatible", "ns16550a", 8);
	expect_console(CONSOLE_SBI, 0);

	begin("uart without reg");
	del(UART, "reg");
	expect_console(CONSOLE_SBI, 0);

	begin("uart reg-io-width 3");
	setu32(UART, "reg-io-width", 3);
	expect_console(CONSOLE_SBI, 0);

	begin("uart reg 12 bytes");
	setcells(UART, "reg", 3, (const uint32_t[]){ 0, 0x10000000, 0 });
	expect_err(UART ": reg: bad property length");

	begin("uart reg-shift 3 bytes");
	setraw(UART, "reg-shift", "\0\0\2", 3);
	expect_err(UART ": reg-shift: bad property length");

	begin("uart interrupts 2 bytes");
	setraw(UART, "interrupts", "\0\2", 2);
	expect_err(UART ": interrupts: bad property length");

	begin("stdout-path unterminated");
	setraw("/chosen", "stdout-path", "serial0", 7);
	expect_err("/chosen: stdout-path: bad property length");
}

static void
hart_cases(void)
{
	uint32_t i;
	char name[32];
	int n;

	begin("hart 1 disabled");
	setstr("/cpus/cpu@1", "status", "disabled");
	expect_ok();
	CHECK_U64(plat.nharts, 3);
	CHECK_U64(plat.harts[0].hartid, 2);
	CHECK_U64(plat.harts[0].plic_sctx, 4);

	begin("hart 0 with mmu-type");
	setstr("/cpus/cpu@0", "mmu-type", "riscv,sv39");
	expect_ok();
	CHECK_U64(plat.nharts, 5);
	CHECK_U64(plat.harts[0].plic_sctx, PLATFORM_NO_CTX);

	begin("_sstc in riscv,isa");
	setstr("/cpus/cpu@1", "riscv,isa", "rv64imafdc_zba_zbb_sstc");
	setstr("/cpus/cpu@2", "riscv,isa", "rv64imafdcsstc");
	setstr("/cpus/cpu@3", "riscv,isa", "rv64imafdc_Sstc_zba");
	expect_ok();
	CHECK(plat.harts[0].has_sstc);
	CHECK(!plat.harts[1].has_sstc);
	CHECK(plat.harts[2].has_sstc);
	CHECK(!plat.harts[3].has_sstc);

	begin("sstc in riscv,isa-extensions");
	setraw("/cpus/cpu@4", "riscv,isa-extensions", "i\0m\0sstc", 9);
	expect_ok();
	CHECK(plat.harts[3].has_sstc);

	begin("duplicate hart id");
	setu32("/cpus/cpu@2", "reg", 1);
	expect_err("/cpus/cpu@2: duplicate hart id 1");

	begin("hart reg missing");
	del("/cpus/cpu@3", "reg");
	expect_err("/cpus/cpu@3: reg: not found");

	begin("/cpus #address-cells 3");
	setu32("/cpus", "#address-cells", 3);
	expect_err("/cpus/cpu@1: reg: unsupported #address-cells/#size-cells");

	begin("intc with 2 cells");
	setu32("/cpus/cpu@2/interrupt-controller", "#interrupt-cells", 2);
	expect_err("/cpus/cpu@2/interrupt-controller: #interrupt-cells: "
	    "unsupported #address-cells/#size-cells");

	begin("mmu-type unterminated");
	setraw("/cpus/cpu@1", "mmu-type", "riscv", 5);
	expect_err("/cpus/cpu@1: mmu-type: bad property length");

	begin("timebase 0");
	setu32("/cpus", "timebase-frequency", 0);
	expect_err("/cpus: timebase-frequency is 0");

	begin("timebase 3 bytes");
	setraw("/cpus", "timebase-frequency", "\1\2\3", 3);
	expect_err("/cpus: timebase-frequency: bad property length");

	begin("timebase 64-bit");
	setcells("/cpus", "timebase-frequency", 2,
	    (const uint32_t[]){ 1, 0 });
	expect_ok();
	CHECK_U64(plat.timebase_hz, 1ull << 32);

	/* 4 usable harts already: 60 more fit, 61 do not */
	for (n = 60; n <= 61; n++) {
		begin(n == 60 ? "64 harts" : "65 harts");
		for (i = 0; i < (uint32_t)n; i++) {
			snprintf(name, sizeof(name), "cpu@%u", 100 + i);
			add("/cpus", name);
			snprintf(name, sizeof(name), "/cpus/cpu@%u", 100 + i);
			setstr(name, "device_type", "cpu");
			setu32(name, "reg", 100 + i);
			setstr(name, "mmu-type", "riscv,sv39");
		}
		if (n == 60) {
			expect_ok();
			CHECK_U64(plat.nharts, 64);
			CHECK_U64(plat.harts[63].hartid, 159);
		} else {
			expect_err("more than 64 usable harts");
		}
	}
}

/* the JH7110 PLIC list with every M entry rewritten as OpenSBI does */
static void
opensbi_contexts(uint32_t *ie)
{
	char path[48];
	uint32_t k = 0, h;

	ie[k++] = 0xffffffff;		/* hart 0: M only */
	ie[k++] = 11;
	for (h = 1; h <= 4; h++) {
		snprintf(path, sizeof(path),
		    "/cpus/cpu@%u/interrupt-controller", h);
		ie[k++] = 0xffffffff;
		ie[k++] = 11;
		ie[k++] = fdt_get_phandle(work, node(path));
		ie[k++] = 9;
	}
}

static void
plic_cases(void)
{
	uint32_t ie[18];
	uint32_t i;

	begin("OpenSBI-rewritten M contexts");
	opensbi_contexts(ie);
	setcells(PLIC, "interrupts-extended", 18, ie);
	expect_ok();
	for (i = 0; i < 4; i++)
		CHECK_U64(plat.harts[i].plic_sctx, 2 * (i + 1));

	begin("no interrupts-extended");
	del(PLIC, "interrupts-extended");
	expect_ok();
	for (i = 0; i < 4; i++)
		CHECK_U64(plat.harts[i].plic_sctx, PLATFORM_NO_CTX);

	begin("interrupts-extended 12 bytes");
	setcells(PLIC, "interrupts-extended", 3,
	    (const uint32_t[]){ 1, 11, 2 });
	expect_err(PLIC ": interrupts-extended: bad property length");

	begin("riscv,ndev 2000");
	setu32(PLIC, "riscv,ndev", 2000);
	expect_err(PLIC ": riscv,ndev 2000 > 1023");

	begin("riscv,ndev missing");
	del(PLIC, "riscv,ndev");
	expect_err(PLIC ": riscv,ndev: not found");

	begin("no PLIC");
	setstr(PLIC, "compatible", "acme,intc");
	expect_ok();
	CHECK_U64(plat.plic_base, 0);
	CHECK_U64(plat.harts[0].plic_sctx, PLATFORM_NO_CTX);

	begin("riscv,plic0 only");
	setstr(PLIC, "compatible", "riscv,plic0");
	expect_ok();
	CHECK_U64(plat.plic_base, 0xc000000);
}

static void
memory_cases(void)
{
	uint32_t reg[4 * 40];
	uint32_t i;
	char name[40];

	begin("initrd without end");
	del("/chosen", "linux,initrd-end");
	expect_err("/chosen: linux,initrd-end: not found");

	begin("initrd end before start");
	setcells("/chosen", "linux,initrd-end", 2,
	    (const uint32_t[]){ 0, 0x46000000 });
	expect_err("/chosen: linux,initrd-end before linux,initrd-start");

	begin("initrd 32-bit cells");
	setu32("/chosen", "linux,initrd-start", 0x50000000);
	setu32("/chosen", "linux,initrd-end", 0x50001000);
	expect_ok();
	CHECK_U64(plat.initrd_start, 0x50000000);
	CHECK_U64(plat.initrd_end, 0x50001000);

	begin("initrd 3 bytes");
	setraw("/chosen", "linux,initrd-start", "\1\2\3", 3);
	expect_err("/chosen: linux,initrd-start: bad property length");

	begin("bootargs unterminated");
	setraw("/chosen", "bootargs", "console", 7);
	expect_err("/chosen: bootargs: bad property length");

	begin("no chosen");
	fdt_del_node(work, node("/chosen"));
	expect_ok();
	CHECK_U64(plat.console.kind, CONSOLE_SBI);
	CHECK_STR(plat.bootargs, "");

	begin("40 memory ranges");
	for (i = 0; i < 40; i++) {
		reg[4 * i] = 1 + i;
		reg[4 * i + 1] = 0;
		reg[4 * i + 2] = 0;
		reg[4 * i + 3] = 0x100000;
	}
	setcells("/memory@40000000", "reg", 4 * 40, reg);
	expect_err("more than 32 memory ranges");

	begin("adjacent memory ranges merge");
	for (i = 0; i < 40; i++) {
		reg[4 * i] = 1;
		reg[4 * i + 1] = 0x100000 * i;
	}
	setcells("/memory@40000000", "reg", 4 * 40, reg);
	expect_ok();
	CHECK_U64(plat.nmem, 1);
	CHECK_U64(plat.mem[0].base, 0x100000000);
	CHECK_U64(plat.mem[0].size, 40 * 0x100000);

	begin("6000 identical memory ranges");
	{
		uint32_t *many = malloc(6000 * 16);

		for (i = 0; i < 6000 * 4; i += 4) {
			many[i] = cpu_to_fdt32(0);
			many[i + 1] = cpu_to_fdt32(0x80000000);
			many[i + 2] = cpu_to_fdt32(0);
			many[i + 3] = cpu_to_fdt32(0x100000);
		}
		setraw("/memory@40000000", "reg", many, 6000 * 16);
		free(many);
	}
	expect_ok();
	CHECK_U64(plat.nmem, 1);
	CHECK_U64(plat.mem[0].size, 0x100000);

	begin("memory at the top of the address space");
	setcells("/memory@40000000", "reg", 8, (const uint32_t[]){
	    0xffffffff, 0xffffe000, 0, 0x4000, 0, 0x80000000, 0, 0x1000 });
	expect_ok();
	CHECK_U64(plat.nmem, 2);
	CHECK_U64(plat.mem[0].base, 0x80000000);
	CHECK_U64(plat.mem[1].base, 0xffffffffffffe000);
	CHECK_U64(plat.mem[1].size, 0x1000);

	begin("memory node disabled");
	setstr("/memory@40000000", "status", "disabled");
	expect_err("no /memory node");

	begin("33 reservations");
	for (i = 0; i < 30; i++) {
		snprintf(name, sizeof(name), "r%u", i);
		add("/reserved-memory", name);
		snprintf(name, sizeof(name), "/reserved-memory/r%u", i);
		setcells(name, "reg", 4, (const uint32_t[]){ 0,
		    0x80000000 + i * 0x10000, 0, 0x1000 });
	}
	/* fdt_add_subnode() puts new nodes first: r29 ... r0, opensbi, e24 */
	expect_err("too many reservations (max 32) at "
	    "/reserved-memory/e24@6ce00000");

	begin("reserved-memory reg 8 bytes");
	setcells("/reserved-memory/opensbi@40000000", "reg", 2,
	    (const uint32_t[]){ 0, 0x40000000 });
	expect_err("/reserved-memory/opensbi@40000000: reg: "
	    "bad property length");
}

void	variant_tests(const char *visionfive2_dtb);

void
variant_tests(const char *visionfive2_dtb)
{
	size_t len;

	base_blob = t_read_file(visionfive2_dtb, &len);
	work = malloc(WORKSIZE);
	console_cases();
	hart_cases();
	plic_cases();
	memory_cases();
	free(work);
	free(base_blob);
}
