/*
 * test/host/loader/loader_fuzz.c - malformed programs and archives never
 * crash the ELF parser or the cpio reader.
 *
 *	loader_fuzz elf [FILE.elf...]
 *	loader_fuzz cpio FILE.cpio...
 *
 * Deterministic (fixed seed).  Each base input (for elf: the crafted good
 * image, a variant with many program headers, and the files given; for
 * cpio: a crafted archive and the files) is cut at every length, then
 * mutated NFLIP times by flipping 1-4 bytes (mostly in the headers) and
 * NFIELD times by overwriting one header field with an interesting, nearby
 * or random value.  Every input goes through check_elf()/check_cpio() on
 * an exact-size copy: a result code in range and a one-line reason, an
 * accepted plan that obeys every rule, an accepted archive whose entries
 * all lie inside it and can be found by name.  ASan and UBSan (fatal)
 * catch any read out of bounds.  Prints the number of inputs and the time.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "loader_test.h"

#define NFLIP		40000	/* byte-flip mutants per base input */
#define NFIELD		40000	/* field-overwrite mutants per base input */

static const struct elf_limits sv39 = ELF_LIMITS_SV39;
static unsigned long n_inputs, n_accepted;

static void
wr(unsigned char *p, uint64_t v, int n)
{
	int i;

	for (i = 0; i < n; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

static uint64_t
rd(const unsigned char *p, int n)
{
	uint64_t v = 0;

	while (n-- > 0)
		v = v << 8 | p[n];
	return v;
}

/* ---- ELF ---- */

static void
run_elf(const unsigned char *buf, size_t len)
{
	struct elf_plan plan;

	n_inputs++;
	if (check_elf(buf, len, &sv39, &plan, NULL) == ELF_OK)
		n_accepted++;
}

/* elf_field - a random ELF or program header field: *p and its width. */
static unsigned char *
elf_field(unsigned char *buf, size_t len, int *width)
{
	static const struct { uint8_t off, width; } eh[] = {
		{ 4, 1 }, { 5, 1 }, { 6, 1 }, { 16, 2 }, { 18, 2 }, { 20, 4 },
		{ 24, 8 }, { 32, 8 }, { 52, 2 }, { 54, 2 }, { 56, 2 },
	}, ph[] = {
		{ 0, 4 }, { 4, 4 }, { 8, 8 }, { 16, 8 }, { 32, 8 }, { 40, 8 },
		{ 48, 8 },
	};
	uint64_t phoff = rd(buf + 32, 8), phnum = rd(buf + 56, 2), i, k;

	if (t_rand() % 4 == 0 || phnum == 0 || phoff > len ||
	    phnum * 56 > len - phoff) {
		k = t_rand() % ARRAY_SIZE(eh);
		*width = eh[k].width;
		return buf + eh[k].off;
	}
	i = t_rand() % phnum;
	k = t_rand() % ARRAY_SIZE(ph);
	*width = ph[k].width;
	return buf + phoff + i * 56 + ph[k].off;
}

static uint64_t
interesting(size_t len, uint64_t old)
{
	static const uint64_t v[] = { 0, 1, 2, 3, 7, 0x38, 0x40, 0xfff,
	    0x1000, 0x1001, 0xf000, 0x10000, 0x11000, 0x12000, 0xffff,
	    0x7fffffff, 0x80000000, 0xffffffff, 0x3fffffffff, 0x4000000000,
	    0x4000000001, 0xffffffc000000000ull, 0x7fffffffffffffffull,
	    0x8000000000000000ull, ~0ull, ~0ull - 0xfff, PT_LOAD, PT_INTERP,
	    PT_DYNAMIC, PT_GNU_STACK, PT_TLS, 7, 6, 5, 243 };

	switch (t_rand() % 4) {
	case 0:
		return v[t_rand() % ARRAY_SIZE(v)];
	case 1:
		return old + (uint64_t)(t_rand() % 0x2001) - 0x1000;
	case 2:
		return len + (uint64_t)(t_rand() % 129) - 64;
	default:
		return t_rand() >> (t_rand() % 64);
	}
}

static void
fuzz_elf(const unsigned char *base, size_t len)
{
	unsigned char *buf = exact(base, len), *p, save[4];
	size_t l, hot = 64 + rd(base + 56, 2) * 56, pos[4];
	int i, k, n, width;
	uint64_t old;

	if (hot > len)
		hot = len;
	for (l = 0; l <= len; l++)
		run_elf(base, l);
	for (i = 0; i < NFLIP; i++) {
		n = 1 + (int)(t_rand() % 4);
		for (k = 0; k < n; k++) {
			pos[k] = t_rand() % (t_rand() % 4 != 0 ? hot : len);
			save[k] = buf[pos[k]];
			buf[pos[k]] ^= (unsigned char)(1 + t_rand() % 255);
		}
		run_elf(buf, len);
		while (k-- > 0)
			buf[pos[k]] = save[k];
	}
	for (i = 0; i < NFIELD; i++) {
		memcpy(buf, base, len);
		n = 1 + (t_rand() % 8 == 0);
		for (k = 0; k < n; k++) {
			p = elf_field(buf, len, &width);
			old = rd(p, width);
			wr(p, interesting(len, old), width);
		}
		run_elf(buf, len);
	}
	free(buf);
}

static void
elf_inputs(int argc, char **argv)
{
	static struct img m;
	unsigned char *buf;
	size_t len;
	int i;

	t_context = "crafted";
	img_good(&m);
	fuzz_elf(m.buf, m.len);
	t_context = "crafted, 9 program headers";
	img_good(&m);
	img_add(&m, PT_GNU_STACK, PF_R | PF_W, 0, 0, 0, 0);
	img_add(&m, PT_NOTE, PF_R, 0x400, 0x10400, 0x20, 0x20);
	img_add(&m, PT_TLS, PF_R, 0x1700, 0x12700, 0x10, 0x20);
	img_add(&m, PT_PHDR, PF_R, 64, 0x10040, 56 * 9, 56 * 9);
	img_add(&m, PT_LOAD, PF_R, 0x1000, 0x11000, 0x10, 0x10);
	img_add(&m, PT_LOAD, PF_R | PF_W, 0, 0x20000, 0, 0x3000);
	img_add(&m, PT_LOAD, PF_R, 0x1234, 0x30000, 0, 0);
	fuzz_elf(m.buf, m.len);
	for (i = 0; i < argc; i++) {
		t_context = argv[i];
		buf = t_read_file(argv[i], &len);
		fuzz_elf(buf, len);
		free(buf);
	}
}

/* ---- cpio ---- */

static void
run_cpio(const unsigned char *buf, size_t len)
{
	n_inputs++;
	if (check_cpio(buf, len) >= 0)
		n_accepted++;
}

/* headers - offsets of the good archive's headers (trailer included). */
static size_t
headers(const unsigned char *buf, size_t len, size_t *off, size_t max,
    size_t *end)
{
	struct cpio_entry e;
	size_t o = 0, n = 0;

	while (n < max && cpio_next(buf, len, &o, &e, NULL) == CPIO_OK)
		off[n++] = e.hdr_off;
	off[n++] = o;
	*end = o + ROUNDUP(CPIO_HDR_SIZE + sizeof(CPIO_TRAILER), 4);
	return n;
}

static void
cpio_field(unsigned char *h, size_t len)
{
	static const char *const junk[] = { "00000000", "00000001",
	    "00000002", "FFFFFFFF", "ffffffff", "7fffffff", "80000000",
	    "0000000b", "0000000a", "0000000c", "-0000001", "0x000010",
	    " 0000010", "0000010 ", "0000001g" };
	char tmp[12];
	int f = (int)(t_rand() % 14) - 1;	/* -1: the magic */
	unsigned char *p = h + 6 + 8 * f;
	uint32_t old;

	if (f < 0) {
		memcpy(h, t_rand() % 2 ? "070702" : "070707", 6);
		return;
	}
	memcpy(tmp, p, 8);
	tmp[8] = '\0';
	old = (uint32_t)strtoul(tmp, NULL, 16);
	switch (t_rand() % 4) {
	case 0:
		memcpy(p, junk[t_rand() % ARRAY_SIZE(junk)], 8);
		return;
	case 1:
		snprintf(tmp, sizeof(tmp), "%08x",
		    old + (uint32_t)(t_rand() % 17) - 8);
		break;
	case 2:
		snprintf(tmp, sizeof(tmp), "%08x",
		    (uint32_t)(len - (size_t)(t_rand() % 256)));
		break;
	default:
		snprintf(tmp, sizeof(tmp), "%08x", (uint32_t)t_rand());
		break;
	}
	memcpy(p, tmp, 8);
}

static void
fuzz_cpio(const unsigned char *base, size_t len)
{
	unsigned char *buf = exact(base, len);
	size_t off[512], n, l, end, pos;
	long rc;
	int i, k;

	n = headers(base, len, off, ARRAY_SIZE(off) - 1, &end);
	for (l = 0; l <= len; l++) {
		n_inputs++;
		rc = check_cpio(base, l);
		if (l < end)
			CHECK(rc < 0);
		else
			CHECK_U64(rc, n - 1);
	}
	for (i = 0; i < NFLIP; i++) {
		memcpy(buf, base, len);
		for (k = 0; k < 1 + (int)(t_rand() % 4); k++) {
			/* mostly in a header and the name after it */
			pos = t_rand() % 4 != 0 ? off[t_rand() % n] +
			    t_rand() % (CPIO_HDR_SIZE + 16) : t_rand() % len;
			if (pos < len)
				buf[pos] ^= (unsigned char)(1 + t_rand() % 255);
		}
		run_cpio(buf, len);
	}
	for (i = 0; i < NFIELD; i++) {
		memcpy(buf, base, len);
		cpio_field(buf + off[t_rand() % n], len);
		if (t_rand() % 8 == 0)
			cpio_field(buf + off[t_rand() % n], len);
		run_cpio(buf, len);
	}
	free(buf);
}

static void
cpio_inputs(int argc, char **argv)
{
	static struct arc a;
	unsigned char *buf;
	size_t len;
	int i;

	t_context = "crafted";
	arc_init(&a);
	arc_add(&a, ".", 0040755, NULL, 0);
	arc_add(&a, "./etc", 0040755, NULL, 0);
	arc_add(&a, "./etc/motd", 0100644, "hello rvmach\n", 13);
	arc_add(&a, "bin/sh", 0120777, "../x", 4);
	arc_add(&a, "x", 0100644, "12345", 5);
	arc_trailer(&a);
	fuzz_cpio(a.buf, a.len);
	for (i = 0; i < argc; i++) {
		t_context = argv[i];
		buf = t_read_file(argv[i], &len);
		fuzz_cpio(buf, len);
		free(buf);
	}
}

int
main(int argc, char **argv)
{
	struct timespec t0, t1;
	bool elf;

	if (argc < 2 || (strcmp(argv[1], "elf") != 0 &&
	    strcmp(argv[1], "cpio") != 0)) {
		fprintf(stderr, "usage: loader_fuzz elf|cpio FILE...\n");
		return 2;
	}
	elf = strcmp(argv[1], "elf") == 0;
	t_srand(elf ? 0xe1f : 0xc910);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (elf)
		elf_inputs(argc - 2, argv + 2);
	else
		cpio_inputs(argc - 2, argv + 2);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("loader_fuzz %s: %lu inputs, %lu accepted, %.2f s\n", argv[1],
	    n_inputs, n_accepted, (double)(t1.tv_sec - t0.tv_sec) +
	    (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
	return t_exit_status(elf ? "loader_fuzz elf" : "loader_fuzz cpio");
}
