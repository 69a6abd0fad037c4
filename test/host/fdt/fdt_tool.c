/*
 * test/host/fdt/fdt_tool.c - run tools/rvmach-platform and check its output.
 *
 *	fdt_tool TOOL WORKDIR FILE.dtb...
 *
 * Good blobs: exit 0 and the key summary lines.  bad-*.dtb: exit 1 and the
 * single line "rvmach-platform: FILE: reason".  Files written to WORKDIR
 * (empty, short, bad magic, truncated, old version, garbage, random byte
 * flips of a good blob), a directory and a missing file: exit 1 with
 * exactly one line on stderr (random mutants may also pass: exit 0 and a
 * silent stderr).  Usage errors: exit 2.  The tool is built with ASan and
 * UBSan, whose reports would add lines and change the status.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "fdt_test.h"

static const char *tool, *workdir;
static char out_path[4096], err_path[4096];
static unsigned char *outbuf, *errbuf;
static size_t outlen, errlen;

/* run_tool - run "tool ARGS" with stdout and stderr captured; its status. */
static int
run_tool(const char *args)
{
	char cmd[16384];
	int st;

	free(outbuf);
	free(errbuf);
	snprintf(cmd, sizeof(cmd), "'%s' %s >'%s' 2>'%s'", tool, args,
	    out_path, err_path);
	st = system(cmd);
	outbuf = t_read_file(out_path, &outlen);
	errbuf = t_read_file(err_path, &errlen);
	outbuf[outlen] = '\0';
	errbuf[errlen] = '\0';
	if (st == -1 || !WIFEXITED(st))
		return -1;
	return WEXITSTATUS(st);
}

/* has_line - out holds a line starting with prefix. */
static bool
has_line(const char *out, const char *prefix)
{
	const char *p;
	size_t n = strlen(prefix);

	for (p = out; p != NULL && *p != '\0'; p = strchr(p, '\n'),
	    p = p != NULL ? p + 1 : NULL) {
		if (strncmp(p, prefix, n) == 0)
			return true;
	}
	return false;
}

static size_t
count_lines(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		n += *s == '\n';
	return n;
}

#define CHECK_LINE(prefix) do {						\
	if (!has_line((const char *)outbuf, prefix))			\
		t_fail(__FILE__, __LINE__, "no line \"%s\" in:\n%s",	\
		    prefix, (const char *)outbuf);			\
} while (0)

/* expect_fail - exit 1 and one stderr line "rvmach-platform: FILE: ...". */
static void
expect_fail(const char *args, const char *file, const char *reason)
{
	char want[4096];
	int st;

	st = run_tool(args);
	CHECK_U64(st, 1);
	CHECK_U64(count_lines((const char *)errbuf), 1);
	CHECK_U64(outlen, 0);
	snprintf(want, sizeof(want), "rvmach-platform: %s: %s%s", file,
	    reason != NULL ? reason : "", reason != NULL ? "\n" : "");
	if (reason != NULL)
		CHECK_STR((const char *)errbuf, want);
	else
		CHECK(strncmp((const char *)errbuf, want, strlen(want)) == 0);
}

static void
check_good(const char *path, const char *name)
{
	char args[4200];

	if (strncmp(name, "qemu-virt-smp4", 14) == 0) {
		snprintf(args, sizeof(args), "'%s'", path);
		CHECK_U64(run_tool(args), 0);
		CHECK_LINE("harts: 4 usable");
		CHECK_LINE("  hart 0: plic-s-ctx 1, sstc yes");
		CHECK_LINE("  hart 3: plic-s-ctx 7, sstc yes");
		CHECK_LINE("timebase: 10000000 Hz");
		CHECK_LINE("memory: 1 range, 512 MiB");
		CHECK_LINE("  0x0000000080000000-0x000000009fffffff  512 MiB");
		CHECK_LINE("reserved: 0 ranges");
		CHECK_LINE("console: NS16550 \"ns16550a\" "
		    "/soc/serial@10000000");
		CHECK_LINE("  base 0x10000000, size 0x100, reg-shift 0, "
		    "reg-io-width 1, irq 10, clock 3686400 Hz, baud none");
		CHECK_LINE("plic: base 0xc000000, size 0x600000, ndev 96");
		CHECK_LINE("rtc: base 0x101000, size 0x1000");
		CHECK_LINE("initrd: none");
	} else if (strcmp(name, "qemu-sifive_u-smp5") == 0) {
		snprintf(args, sizeof(args), "'%s'", path);
		CHECK_U64(run_tool(args), 0);
		CHECK_LINE("harts: 4 usable");
		CHECK_LINE("  hart 1: plic-s-ctx 2, sstc no");
		CHECK_LINE("  hart 4: plic-s-ctx 8, sstc no");
		CHECK_LINE("console: SIFIVE \"sifive,uart0\" "
		    "/soc/serial@10010000");
		CHECK_LINE("timebase: 1000000 Hz");
	} else if (strcmp(name, "visionfive2") == 0) {
		snprintf(args, sizeof(args), "--image 0x40200000:0x1000000 "
		    "--dtb-pa=0x46000000 '%s'", path);
		CHECK_U64(run_tool(args), 0);
		CHECK_LINE("harts: 4 usable");
		CHECK_LINE("  hart 1: plic-s-ctx 2, sstc no");
		CHECK_LINE("  hart 4: plic-s-ctx 8, sstc no");
		CHECK_LINE("timebase: 4000000 Hz");
		CHECK_LINE("reserved: 5 ranges");
		CHECK_LINE("  0x0000000040000000-0x000000004007ffff  512 KiB");
		CHECK_LINE("  0x0000000040200000-0x00000000411fffff  16 MiB");
		CHECK_LINE("  0x000000006e400000-0x000000013fffffff  3.2 GiB");
		CHECK_LINE("console: DW_APB \"snps,dw-apb-uart\" "
		    "/soc/serial@10000000");
		CHECK_LINE("  base 0x10000000, size 0x10000, reg-shift 2, "
		    "reg-io-width 4, irq 32, clock 24000000 Hz, baud 115200");
		CHECK_LINE("plic: base 0xc000000, size 0x4000000, ndev 136");
		CHECK_LINE("rtc: none");
		CHECK_LINE("bootargs: \"console=ttyS0,115200 earlycon "
		    "rootwait\"");
		CHECK_LINE("initrd: 0x46100000-0x46900000");
	} else if (strcmp(name, "visionfive1") == 0) {
		snprintf(args, sizeof(args), "'%s'", path);
		CHECK_U64(run_tool(args), 0);
		CHECK_LINE("harts: 2 usable");
		CHECK_LINE("  hart 0: plic-s-ctx 1, sstc no");
		CHECK_LINE("  hart 1: plic-s-ctx 3, sstc no");
		CHECK_LINE("timebase: 6250000 Hz");
		CHECK_LINE("  base 0x12440000, size 0x10000, reg-shift 2, "
		    "reg-io-width 4, irq 73, clock 100000000 Hz, baud 115200");
	} else {
		snprintf(args, sizeof(args), "'%s'", path);
		CHECK_U64(run_tool(args), 0);
		CHECK_LINE("harts: ");
	}
	CHECK_U64(errlen, 0);
}

static void
check_bad(const char *path, const char *name)
{
	static const struct {
		const char *name, *reason;
	} bad[] = {
		{ "bad-nocpus", "no /cpus node" },
		{ "bad-nohart", "no usable hart" },
		{ "bad-nomem", "no /memory node" },
		{ "bad-notimebase", "missing timebase-frequency" },
		{ "bad-allreserved", "no memory left after reservations" },
		{ "bad-reglen", "/memory@80000000: reg: bad property length" },
	};
	char args[4200];
	size_t i;

	snprintf(args, sizeof(args), "'%s'", path);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (strcmp(name, bad[i].name) == 0) {
			expect_fail(args, path, bad[i].reason);
			return;
		}
	}
	expect_fail(args, path, NULL);
}

static void
write_file(const char *path, const void *buf, size_t len)
{
	FILE *f = fopen(path, "wb");

	if (f == NULL || fwrite(buf, 1, len, f) != len || fclose(f) != 0) {
		perror(path);
		exit(2);
	}
}

/* written - write a variant of good into WORKDIR and run the tool on it. */
static void
written(const char *fname, const unsigned char *buf, size_t len,
    const char *reason)
{
	char path[4096], args[4200];

	snprintf(path, sizeof(path), "%s/%s", workdir, fname);
	write_file(path, buf, len);
	snprintf(args, sizeof(args), "'%s'", path);
	t_context = fname;
	expect_fail(args, path, reason);
}

static void
broken_files(const char *good_path)
{
	unsigned char *good, *buf;
	char path[4096], args[4200], fname[64], msg[128];
	size_t len, i, k;
	int st;

	good = t_read_file(good_path, &len);
	buf = malloc(len + 4096);

	written("empty.dtb", buf, 0, "truncated: 0 bytes, header needs 40");
	written("short.dtb", good, 3, "truncated: 3 bytes, header needs 40");
	memcpy(buf, good, len);
	buf[0] = 0;
	written("magic.dtb", buf, len, "bad magic 0x000dfeed");
	snprintf(msg, sizeof(msg), "truncated: totalsize %zu > %zu", len,
	    len - 100);
	written("cut.dtb", good, len - 100, msg);
	memcpy(buf, good, len);
	buf[20] = buf[21] = buf[22] = 0;
	buf[23] = 1;
	written("version.dtb", buf, len, "unsupported version 1");
	for (i = 0; i < 4096; i++)
		buf[i] = (unsigned char)t_rand();
	buf[0] = 0xd0;
	buf[1] = 0x0d;
	buf[2] = 0xfe;
	buf[3] = 0xed;
	written("garbage.dtb", buf, 4096, NULL);

	/* random mutants: they may pass, but never crash or babble */
	for (k = 0; k < 24; k++) {
		memcpy(buf, good, len);
		for (i = 0; i < 1 + k % 4; i++)
			buf[t_rand() % (k % 2 ? 64 : len)] ^=
			    (unsigned char)(1 + t_rand() % 255);
		snprintf(fname, sizeof(fname), "mutant%02zu.dtb", k);
		snprintf(path, sizeof(path), "%s/%s", workdir, fname);
		write_file(path, buf, len);
		snprintf(args, sizeof(args), "'%s'", path);
		t_context = fname;
		st = run_tool(args);
		CHECK(st == 0 || st == 1);
		if (st == 1) {
			CHECK_U64(count_lines((const char *)errbuf), 1);
			CHECK_U64(outlen, 0);
		} else {
			CHECK_U64(errlen, 0);
		}
	}

	t_context = "directory";
	snprintf(args, sizeof(args), "'%s'", workdir);
	expect_fail(args, workdir, "Is a directory");
	t_context = "missing file";
	snprintf(path, sizeof(path), "%s/no-such-file.dtb", workdir);
	snprintf(args, sizeof(args), "'%s'", path);
	expect_fail(args, path, "No such file or directory");

	t_context = "usage";
	CHECK_U64(run_tool(""), 2);
	CHECK_U64(run_tool("--image 12 x.dtb"), 2);
	CHECK_U64(run_tool("--image 0x1000:zz x.dtb"), 2);
	CHECK_U64(run_tool("--dtb-pa x.dtb"), 2);
	CHECK_U64(run_tool("--bogus x.dtb"), 2);
	CHECK_U64(run_tool("a.dtb b.dtb"), 2);
	free(buf);
	free(good);
}

int
main(int argc, char **argv)
{
	char name[64];
	const char *good = NULL;
	int i;

	if (argc < 3) {
		fprintf(stderr, "usage: fdt_tool TOOL WORKDIR FILE.dtb...\n");
		return 2;
	}
	tool = argv[1];
	workdir = argv[2];
	mkdir(workdir, 0777);
	snprintf(out_path, sizeof(out_path), "%s/stdout.txt", workdir);
	snprintf(err_path, sizeof(err_path), "%s/stderr.txt", workdir);
	setenv("ASAN_OPTIONS", "exitcode=86", 1);
	setenv("UBSAN_OPTIONS", "exitcode=87", 1);
	t_srand(0x7001);
	for (i = 3; i < argc; i++) {
		t_context = t_basename(argv[i], name, sizeof(name));
		if (strncmp(name, "bad-", 4) == 0) {
			check_bad(argv[i], name);
		} else {
			check_good(argv[i], name);
			if (strcmp(name, "visionfive2") == 0)
				good = argv[i];
		}
	}
	if (good != NULL)
		broken_files(good);
	else
		t_fail(__FILE__, __LINE__, "no visionfive2.dtb given");
	free(outbuf);
	free(errbuf);
	return t_exit_status("fdt_tool");
}
