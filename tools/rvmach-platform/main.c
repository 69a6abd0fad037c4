/*
 * tools/rvmach-platform/main.c - show what the kernel discovers in a DTB.
 *
 *	rvmach-platform [--image PA:SIZE] [--dtb-pa PA] FILE.dtb
 *
 * Runs the kernel's own platform_discover() (arch/riscv/platform.c) on the
 * file and prints harts, memory, reservations, console, PLIC, timebase,
 * bootargs and initrd.  --image reserves the kernel image, --dtb-pa the
 * blob itself (default: neither).  A malformed or unreadable file gives one
 * line "rvmach-platform: FILE: reason" on stderr and exit status 1; a usage
 * error exit status 2.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arch/riscv/platform.h"
#include "tools/common/tool_io.h"

#define PROG		"rvmach-platform"

struct options {
	const char *file;
	uint64_t image_pa;
	uint64_t image_size;
	uint64_t dtb_pa;
};

static void
usage(void)
{
	fprintf(stderr, "usage: %s [--image PA:SIZE] [--dtb-pa PA] FILE.dtb\n",
	    PROG);
	exit(2);
}

/* parse_u64 - a C-style number (0x.., 0.., decimal) ending at stop. */
static int
parse_u64(const char *s, char stop, uint64_t *val, const char **rest)
{
	unsigned long long v;
	char *end;

	if (*s == '\0' || *s == '-' || *s == '+')
		return -1;
	errno = 0;
	v = strtoull(s, &end, 0);
	if (errno != 0 || end == s || *end != stop)
		return -1;
	*val = v;
	if (rest != NULL)
		*rest = end;
	return 0;
}

static const char *
opt_arg(int argc, char **argv, int *i, const char *name)
{
	size_t n = strlen(name);

	if (strncmp(argv[*i], name, n) != 0)
		return NULL;
	if (argv[*i][n] == '=')
		return argv[*i] + n + 1;
	if (argv[*i][n] != '\0')
		return NULL;
	if (*i + 1 >= argc)
		usage();
	return argv[++*i];
}

static void
parse_args(int argc, char **argv, struct options *o)
{
	const char *a, *rest;
	int i;

	memset(o, 0, sizeof(*o));
	for (i = 1; i < argc; i++) {
		if ((a = opt_arg(argc, argv, &i, "--image")) != NULL) {
			if (parse_u64(a, ':', &o->image_pa, &rest) != 0 ||
			    parse_u64(rest + 1, '\0', &o->image_size,
			    NULL) != 0)
				usage();
		} else if ((a = opt_arg(argc, argv, &i, "--dtb-pa")) != NULL) {
			if (parse_u64(a, '\0', &o->dtb_pa, NULL) != 0)
				usage();
		} else if (argv[i][0] == '-' && argv[i][1] != '\0') {
			usage();
		} else if (o->file == NULL) {
			o->file = argv[i];
		} else {
			usage();
		}
	}
	if (o->file == NULL)
		usage();
}

/* print_size - "512 MiB", "96.5 MiB" (tenths truncated) or "1234 bytes". */
static void
print_size(uint64_t size)
{
	static const char *const unit[] = { "bytes", "KiB", "MiB", "GiB",
	    "TiB" };
	uint64_t div = 1;
	int u = 0;

	while (u < 4 && size / div >= 1024) {
		div *= 1024;
		u++;
	}
	if (size % div == 0)
		printf("%" PRIu64 " %s", size / div, unit[u]);
	else
		printf("%" PRIu64 ".%" PRIu64 " %s", size / div,
		    (size % div) * 10 / div, unit[u]);
}

static void
print_range(const struct mem_range *r)
{
	printf("  0x%016" PRIx64 "-0x%016" PRIx64 "  ", r->base,
	    r->base + r->size - 1);
	print_size(r->size);
	printf("\n");
}

static const char *
console_kind(enum console_kind k)
{
	switch (k) {
	case CONSOLE_NS16550:
		return "NS16550";
	case CONSOLE_DW_APB:
		return "DW_APB";
	case CONSOLE_SIFIVE:
		return "SIFIVE";
	case CONSOLE_SBI:
		break;
	}
	return "SBI";
}

static void
print_harts(const struct platform *p)
{
	uint32_t i;

	printf("harts: %u usable\n", p->nharts);
	for (i = 0; i < p->nharts; i++) {
		printf("  hart %u: plic-s-ctx ", p->harts[i].hartid);
		if (p->harts[i].plic_sctx == PLATFORM_NO_CTX)
			printf("none");
		else
			printf("%u", p->harts[i].plic_sctx);
		printf(", sstc %s\n", p->harts[i].has_sstc ? "yes" : "no");
	}
	printf("timebase: %" PRIu64 " Hz\n", p->timebase_hz);
}

static void
print_memory(const struct platform *p)
{
	uint64_t total = 0;
	uint32_t i;

	for (i = 0; i < p->nmem; i++)
		total += p->mem[i].size;
	printf("memory: %u range%s, ", p->nmem, p->nmem == 1 ? "" : "s");
	print_size(total);
	printf("\n");
	for (i = 0; i < p->nmem; i++)
		print_range(&p->mem[i]);
	printf("reserved: %u range%s\n", p->nresv, p->nresv == 1 ? "" : "s");
	for (i = 0; i < p->nresv; i++)
		print_range(&p->resv[i]);
}

static void
print_console(const struct platform *p)
{
	const struct platform_console *c = &p->console;
	char path[sizeof(c->path)];

	if (c->kind == CONSOLE_SBI) {
		printf("console: SBI (legacy console_putchar)\n");
		return;
	}
	printf("console: %s \"%s\" %s\n", console_kind(c->kind),
	    c->compatible, tool_clean(c->path, path, sizeof(path)));
	printf("  base 0x%" PRIx64 ", size 0x%" PRIx64 ", reg-shift %u, "
	    "reg-io-width %u, irq %u, clock %u Hz, baud ", c->base, c->size,
	    c->reg_shift, c->reg_io_width, c->irq, c->clock_frequency);
	if (c->baud != 0)
		printf("%u\n", c->baud);
	else
		printf("none\n");
}

static void
print_platform(const char *file, const struct platform *p)
{
	char args[sizeof(p->bootargs)];

	printf("dtb: %s, totalsize %u", file, p->dtb_size);
	if (p->dtb_base != 0)
		printf(", at 0x%" PRIx64, p->dtb_base);
	printf("\n");
	print_harts(p);
	print_memory(p);
	print_console(p);
	if (p->plic_base != 0)
		printf("plic: base 0x%" PRIx64 ", size 0x%" PRIx64
		    ", ndev %u\n", p->plic_base, p->plic_size, p->plic_ndev);
	else
		printf("plic: none\n");
	if (p->rtc_base != 0)
		printf("rtc: base 0x%" PRIx64 ", size 0x%" PRIx64 "\n",
		    p->rtc_base, p->rtc_size);
	else
		printf("rtc: none\n");
	printf("bootargs: \"%s\"\n",
	    tool_clean(p->bootargs, args, sizeof(args)));
	if (p->initrd_end != 0)
		printf("initrd: 0x%" PRIx64 "-0x%" PRIx64 "\n",
		    p->initrd_start, p->initrd_end);
	else
		printf("initrd: none\n");
}

int
main(int argc, char **argv)
{
	static struct platform plat;
	struct options o;
	unsigned char *buf;
	char err[160];
	size_t len;

	tool_prog = PROG;
	parse_args(argc, argv, &o);
	buf = tool_read_file(o.file, &len);
	if (platform_discover(&plat, buf, len, o.dtb_pa, o.image_pa,
	    o.image_size, err, sizeof(err)) != 0) {
		free(buf);
		tool_die(o.file, "%s", err[0] != '\0' ? err : "unknown error");
	}
	free(buf);
	print_platform(o.file, &plat);
	return fflush(stdout) == 0 ? 0 : 1;
}
