/*
 * test/host/loader/loader_tool.c - run tools/rvmach-elf or rvmach-cpio and
 * check their output and their error lines.
 *
 *	loader_tool elf TOOL WORKDIR [PROG.elf] [--below BAD.elf]
 *	loader_tool cpio TOOL WORKDIR DOT.cpio
 *
 * Good inputs: exit 0, the expected stdout lines, nothing on stderr.  Bad
 * inputs (crafted files written to WORKDIR, a real rejected program, an
 * empty file, a directory, a missing file): exit 1, nothing on stdout and
 * exactly one stderr line "TOOL: FILE: reason".  Random mutants of a good
 * file: one of the two.  Usage errors: exit 2.  The tools are built with
 * ASan and UBSan; a report would add lines and change the exit status.
 */
#include <elf.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "loader_test.h"

static const char *tool, *prog, *workdir;
static char out_path[4096], err_path[4096];
static char *out, *err;		/* the last run's stdout and stderr */

static int
run(const char *args)
{
	char cmd[16384];
	size_t n;
	int st;

	free(out);
	free(err);
	snprintf(cmd, sizeof(cmd), "'%s' %s >'%s' 2>'%s'", tool, args,
	    out_path, err_path);
	st = system(cmd);
	out = (char *)t_read_file(out_path, &n);
	out[n] = '\0';
	err = (char *)t_read_file(err_path, &n);
	err[n] = '\0';
	return st != -1 && WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static size_t
lines(const char *s)
{
	size_t n = 0;

	while ((s = strchr(s, '\n')) != NULL) {
		n++;
		s++;
	}
	return n;
}

/* want_line - out has the whole line l. */
static void
want_line(const char *l)
{
	size_t n = strlen(l);
	const char *p;

	for (p = out; (p = strstr(p, l)) != NULL; p += n) {
		if ((p == out || p[-1] == '\n') && p[n] == '\n')
			return;
	}
	t_fail(__FILE__, __LINE__, "no line \"%s\" in:\n%s", l, out);
}

static void
write_file(const char *name, const void *buf, size_t len, char *path,
    size_t plen)
{
	FILE *f;

	snprintf(path, plen, "%s/%s", workdir, name);
	if ((f = fopen(path, "wb")) == NULL || fwrite(buf, 1, len, f) != len ||
	    fclose(f) != 0) {
		perror(path);
		exit(2);
	}
}

/* fails - exit 1, one line "PROG: path: reason" (reason NULL: any). */
static void
fails(const char *path, const char *reason)
{
	char args[4200], want[8192];

	snprintf(args, sizeof(args), "'%s'", path);
	CHECK_U64(run(args), 1);
	CHECK_U64(strlen(out), 0);
	CHECK_U64(lines(err), 1);
	snprintf(want, sizeof(want), "%s: %s: %s\n", prog, path,
	    reason != NULL ? reason : "");
	if (reason != NULL)
		CHECK_STR(err, want);
	else
		CHECK(strncmp(err, want, strlen(want) - 1) == 0);
}

static void
written_fails(const char *name, const void *buf, size_t len,
    const char *reason)
{
	char path[4096];

	t_context = name;
	write_file(name, buf, len, path, sizeof(path));
	fails(path, reason);
}

/* mutants - random byte flips of good: exit 0 and silent stderr, or 1. */
static void
mutants(const unsigned char *good, size_t len, size_t hot)
{
	unsigned char *buf = malloc(len);
	char name[64], path[4096], args[4200];
	int k, i, st;

	for (k = 0; k < 24; k++) {
		memcpy(buf, good, len);
		for (i = 0; i <= k % 4; i++)
			buf[t_rand() % (k % 2 ? hot : len)] ^=
			    (unsigned char)(1 + t_rand() % 255);
		snprintf(name, sizeof(name), "mutant%02d", k);
		t_context = name;
		write_file(name, buf, len, path, sizeof(path));
		snprintf(args, sizeof(args), "'%s'", path);
		st = run(args);
		CHECK(st == 0 || st == 1);
		if (st == 1) {
			CHECK_U64(lines(err), 1);
			CHECK_U64(strlen(out), 0);
		} else {
			CHECK_U64(strlen(err), 0);
		}
	}
	free(buf);
}

static void
common_failures(void)
{
	char path[4096];

	written_fails("empty", "", 0, NULL);
	t_context = "directory";
	fails(workdir, "Is a directory");
	t_context = "missing";
	snprintf(path, sizeof(path), "%s/no-such-file", workdir);
	fails(path, "No such file or directory");
	t_context = "usage";
	CHECK_U64(run(""), 2);
	CHECK_U64(run("a b"), 2);
	CHECK_U64(run("-v"), 2);
}

/* ---- rvmach-elf ---- */

static void
elf_real(const char *path)
{
	const Elf64_Ehdr *eh;
	unsigned char *buf;
	char args[4200], want[64];
	size_t len;

	t_context = path;
	buf = t_read_file(path, &len);
	eh = (const Elf64_Ehdr *)buf;
	snprintf(args, sizeof(args), "'%s'", path);
	CHECK_U64(run(args), 0);
	CHECK_U64(strlen(err), 0);
	snprintf(want, sizeof(want), "entry 0x%lx", (unsigned long)eh->e_entry);
	want_line(want);
	CHECK(lines(out) >= 4);
	CHECK(strstr(out, " r-x file 0x0+0x") != NULL);
	CHECK(strstr(out, " rw- file 0x") != NULL);
	free(buf);
}

static void
elf_below(const char *path)
{
	char args[4200];

	t_context = path;
	snprintf(args, sizeof(args), "'%s'", path);
	CHECK_U64(run(args), 1);
	CHECK_U64(lines(err), 1);
	CHECK(strstr(err, ": program header ") != NULL);
	CHECK(strstr(err, ": segment below the lowest user address\n") !=
	    NULL);
}

static void
elf_tests(int argc, char **argv)
{
	static struct img m;
	char path[4096], args[4200];
	int i;

	t_context = "good";
	img_good(&m);
	write_file("good.elf", m.buf, m.len, path, sizeof(path));
	snprintf(args, sizeof(args), "'%s'", path);
	CHECK_U64(run(args), 0);
	CHECK_STR(out, "entry 0x10200\n"
	    "segment 0x10000-0x10600 r-x file 0x0+0x600 zero 0x0\n"
	    "segment 0x12700-0x14700 rw- file 0x1700+0x100 zero 0x1f00\n"
	    "pages 0x10000-0x15000\n");
	CHECK_U64(strlen(err), 0);
	mutants(m.buf, m.len, 64 + 2 * 56);

	written_fails("short.elf", m.buf, 10,
	    "file shorter than the 64-byte ELF header");
	m.eh->e_type = ET_DYN;
	written_fails("pie.elf", m.buf, m.len,
	    "ET_DYN (shared object or PIE): static executables only");
	img_good(&m);
	m.ph[1].p_flags |= PF_X;
	written_fails("wx.elf", m.buf, m.len,
	    "program header 1: segment both writable and executable (W^X)");
	img_good(&m);
	m.eh->e_entry = 0x12800;
	written_fails("entry.elf", m.buf, m.len,
	    "entry point not in an executable segment");
	common_failures();
	for (i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--below") == 0 && i + 1 < argc)
			elf_below(argv[++i]);
		else
			elf_real(argv[i]);
	}
}

/* ---- rvmach-cpio ---- */

static void
cpio_real(const char *path)
{
	char args[4200];

	t_context = path;
	snprintf(args, sizeof(args), "'%s'", path);
	CHECK_U64(run(args), 0);
	CHECK_U64(strlen(err), 0);
	want_line("040755          0 .");
	want_line("040755          0 bin");
	want_line("120777         11 bin/motd-link -> ../etc/motd");
	want_line("100644         17 bin/seventeen");
	want_line("040755          0 empty");
	want_line("100644          0 etc/empty-file");
	want_line("100644         13 etc/motd");
	want_line("10 entries");
	CHECK_U64(lines(out), 11);
	CHECK(strstr(out, " sbin/init\n") != NULL);
}

static void
cpio_tests(int argc, char **argv)
{
	static struct arc a;
	char path[4096], args[4200];
	size_t motd;

	t_context = "crafted";
	arc_init(&a);
	arc_add(&a, "./etc", 0040755, NULL, 0);
	motd = arc_add(&a, "./etc/motd", 0100644, "hi\n", 3);
	arc_add(&a, "odd\tname", 0100600, "", 0);
	arc_trailer(&a);
	write_file("good.cpio", a.buf, a.len, path, sizeof(path));
	snprintf(args, sizeof(args), "'%s'", path);
	CHECK_U64(run(args), 0);
	CHECK_STR(out, "040755          0 ./etc\n"
	    "100644          3 ./etc/motd\n"
	    "100600          0 odd?name\n"
	    "3 entries\n");
	CHECK_U64(strlen(err), 0);
	mutants(a.buf, a.len, 110);

	written_fails("notrailer.cpio", a.buf, a.len - 124, "entry at offset "
	    "0x16c: archive ends without a TRAILER!!! entry");
	written_fails("cut.cpio", a.buf, a.len - 1, "entry at offset 0x16c: "
	    "name padding runs past the end of the archive");
	a.buf[motd + 6 + 8 * 6 + 7] = 'q';
	written_fails("hex.cpio", a.buf, a.len, "entry at offset 0x74: "
	    "c_filesize is not 8 hex digits");
	written_fails("odc.cpio", "070707000000", 12, "entry at offset 0x0: "
	    "header runs past the end of the archive");
	common_failures();
	if (argc > 0)
		cpio_real(argv[0]);
}

int
main(int argc, char **argv)
{
	bool elf;

	if (argc < 4 || (strcmp(argv[1], "elf") != 0 &&
	    strcmp(argv[1], "cpio") != 0)) {
		fprintf(stderr, "usage: loader_tool elf|cpio TOOL WORKDIR "
		    "FILE...\n");
		return 2;
	}
	elf = strcmp(argv[1], "elf") == 0;
	tool = argv[2];
	workdir = argv[3];
	prog = elf ? "rvmach-elf" : "rvmach-cpio";
	mkdir(workdir, 0777);
	snprintf(out_path, sizeof(out_path), "%s/stdout.txt", workdir);
	snprintf(err_path, sizeof(err_path), "%s/stderr.txt", workdir);
	setenv("ASAN_OPTIONS", "exitcode=86", 1);
	setenv("UBSAN_OPTIONS", "exitcode=87", 1);
	t_srand(elf ? 0x70e1f : 0x70c91);
	if (elf)
		elf_tests(argc - 4, argv + 4);
	else
		cpio_tests(argc - 4, argv + 4);
	free(out);
	free(err);
	return t_exit_status(elf ? "loader_tool elf" : "loader_tool cpio");
}
