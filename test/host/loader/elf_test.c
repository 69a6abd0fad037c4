/*
 * test/host/loader/elf_test.c - elf_parse() on crafted and real programs.
 *
 *	elf_test [GOOD.elf...] [--below BAD.elf] [--overlap BAD.elf]
 *
 * Crafted: the good image of loader_test.c, then one variant per rule,
 * each rejected with its code and reason (and program header index), and
 * variants that must pass (ignored header types, empty loads, unsorted
 * loads, 16 loads, a file only 4-byte aligned, limits at the edges).
 * Real (built by CMake with riscv64-unknown-elf-gcc): GOOD files are
 * accepted and their plan equals an independent reading with <elf.h>;
 * --below is a -Ttext=0x10000 link (headers at 0xf000) and --overlap a
 * picolibc.ld link (RAM segments sharing a page), both rejected.
 */
#include <stdlib.h>
#include <string.h>

#include "loader_test.h"

static const struct elf_limits sv39 = ELF_LIMITS_SV39;

/* A variant of the good image and what elf_parse() must say about it. */
struct elf_case {
	const char *name;
	void	(*mutate)(struct img *m);
	int	rc;
	int	err_phdr;
	const char *why;
};

#define PH0	(&m->ph[0])
#define PH1	(&m->ph[1])

static void m_none(struct img *m) { (void)m; }
static void m_short(struct img *m) { m->len = 63; }
static void m_magic(struct img *m) { m->buf[1] = 'F'; }
static void m_class(struct img *m) { m->eh->e_ident[EI_CLASS] = ELFCLASS32; }
static void m_data(struct img *m) { m->eh->e_ident[EI_DATA] = ELFDATA2MSB; }
static void m_eiver(struct img *m) { m->eh->e_ident[EI_VERSION] = 2; }
static void m_dyn(struct img *m) { m->eh->e_type = ET_DYN; }
static void m_rel(struct img *m) { m->eh->e_type = ET_REL; }
static void m_core(struct img *m) { m->eh->e_type = ET_CORE; }
static void m_machine(struct img *m) { m->eh->e_machine = EM_X86_64; }
static void m_ever(struct img *m) { m->eh->e_version = 0; }
static void m_ehsize(struct img *m) { m->eh->e_ehsize = 52; }
static void m_phent(struct img *m) { m->eh->e_phentsize = 32; }
static void m_xnum(struct img *m) { m->eh->e_phnum = PN_XNUM; }
static void m_phoff(struct img *m) { m->eh->e_phoff = IMG_SIZE - 100; }
static void m_phoffbig(struct img *m) { m->eh->e_phoff = ~0ull - 8; }
static void m_phnum(struct img *m) { m->eh->e_phnum = 200; }
static void m_noload(struct img *m) { PH0->p_type = PH1->p_type = PT_NOTE; }
static void m_noph(struct img *m) { m->eh->e_phnum = 0; }
static void m_filesz(struct img *m) { PH1->p_filesz = 0x2001; }
static void m_range(struct img *m) { PH1->p_filesz = 0x101; }
static void m_offbig(struct img *m) { PH1->p_offset = ~0ull - 0x80; }
static void m_congr(struct img *m) { PH1->p_vaddr = PH1->p_paddr = 0x12708; }
static void m_align(struct img *m) { PH1->p_align = 0x1800; }
static void m_wrap(struct img *m)
{
	PH1->p_vaddr = ~0ull - 0x8ff;
	PH1->p_memsz = 0x1000;
}
static void m_below(struct img *m)
{
	PH0->p_vaddr = 0xf000;
	m->eh->e_entry = 0xf200;
}
static void m_zero(struct img *m)
{
	PH0->p_vaddr = 0;
	m->eh->e_entry = 0x200;
}
static void m_past(struct img *m) { PH1->p_memsz = 0x4000000000 - 0x12700 + 1; }
static void m_kernel(struct img *m)
{
	PH0->p_vaddr = 0xffffffc000000000ull;
	m->eh->e_entry = 0xffffffc000000200ull;
}
static void m_wx(struct img *m) { PH1->p_flags = PF_R | PF_W | PF_X; }
static void m_overlap(struct img *m) { PH1->p_vaddr = PH1->p_paddr = 0x10700; }
static void m_sharepage(struct img *m)
{
	/* text ends at 0x10600, data would start in the same page */
	img_add(m, PT_LOAD, PF_R, 0x700, 0x10700, 0x10, 0x10);
}
static void m_entry_data(struct img *m) { m->eh->e_entry = 0x12700; }
static void m_entry_out(struct img *m) { m->eh->e_entry = 0x10600; }
static void m_entry_bss(struct img *m)
{
	PH0->p_memsz = 0x800;
	m->eh->e_entry = 0x10700;
}
static void m_interp(struct img *m)
{
	img_add(m, PT_INTERP, PF_R, 0x400, 0x10400, 0x20, 0x20);
}
static void m_dynamic(struct img *m)
{
	img_add(m, PT_DYNAMIC, PF_R | PF_W, 0x1700, 0x12700, 0x80, 0x80);
}
static void m_execstack(struct img *m)
{
	img_add(m, PT_GNU_STACK, PF_R | PF_W | PF_X, 0, 0, 0, 0);
}
static void m_17loads(struct img *m)
{
	uint64_t i;

	for (i = 0; i < 15; i++)
		img_add(m, PT_LOAD, PF_R, 0, 0x100000 + i * 0x2000, 0, 0x10);
}

/* accepted variants */
static void m_gnustack(struct img *m)
{
	img_add(m, PT_GNU_STACK, PF_R | PF_W, 0, 0, 0, 0);
}
static void m_ignored(struct img *m)
{
	img_add(m, PT_NOTE, PF_R, 0x400, 0x10400, 0x20, 0x20);
	img_add(m, PT_TLS, PF_R, 0x1700, 0x12700, 0x10, 0x20);
	img_add(m, PT_PHDR, PF_R, 64, 0x10040, 56 * 5, 56 * 5);
	img_add(m, 0x70000003, PF_R, 0x500, 0, 0x40, 0);  /* RISCV_ATTRIBUTES */
	img_add(m, PT_GNU_RELRO, PF_R, 0x1700, 0x12700, 0x10, 0x10);
}
static void m_emptyload(struct img *m)
{
	/* memsz 0: skipped, even at address 0 */
	img_add(m, PT_LOAD, PF_R | PF_W | PF_X, 0x123, 0, 0, 0);
}
static void m_unsorted(struct img *m)
{
	Elf64_Phdr t = *PH0;

	*PH0 = *PH1;
	*PH1 = t;
}
static void m_16loads(struct img *m)
{
	uint64_t i;

	for (i = 0; i < 14; i++)
		img_add(m, PT_LOAD, PF_R, 0, 0x100000 + i * 0x2000, 0, 0x10);
}
static void m_bss_any_off(struct img *m)
{
	/* no file bytes: the offset need not be congruent */
	img_add(m, PT_LOAD, PF_R | PF_W, 0x1234, 0x20000, 0, 0x1000);
}
static void m_at_max(struct img *m)
{
	img_add(m, PT_LOAD, PF_R, 0, 0x4000000000 - 0x1000, 0, 0x1000);
}
static void m_align0(struct img *m) { PH0->p_align = 0; PH1->p_align = 1; }
static void m_nextpage(struct img *m)
{
	img_add(m, PT_LOAD, PF_R, 0x1000, 0x11000, 0x10, 0x10);
}

static const struct elf_case cases[] = {
	{ "good", m_none, ELF_OK, -1, "ok" },
	{ "short", m_short, ELF_E_TRUNCATED, -1,
	    "file shorter than the 64-byte ELF header" },
	{ "magic", m_magic, ELF_E_BADMAGIC, -1, "bad magic (not an ELF file)" },
	{ "class", m_class, ELF_E_BADCLASS, -1, "not ELFCLASS64" },
	{ "data", m_data, ELF_E_BADDATA, -1, "not little-endian (EI_DATA)" },
	{ "ei_version", m_eiver, ELF_E_BADVERSION, -1, "EI_VERSION is not 1" },
	{ "et_dyn", m_dyn, ELF_E_BADTYPE, -1,
	    "ET_DYN (shared object or PIE): static executables only" },
	{ "et_rel", m_rel, ELF_E_BADTYPE, -1,
	    "ET_REL: an object file, not an executable" },
	{ "et_core", m_core, ELF_E_BADTYPE, -1, "e_type is not ET_EXEC" },
	{ "machine", m_machine, ELF_E_BADMACHINE, -1,
	    "e_machine is not EM_RISCV (243)" },
	{ "e_version", m_ever, ELF_E_BADVERSION, -1, "e_version is not 1" },
	{ "ehsize", m_ehsize, ELF_E_BADEHSIZE, -1, "e_ehsize is not 64" },
	{ "phentsize", m_phent, ELF_E_BADPHENTSIZE, -1,
	    "e_phentsize is not 56" },
	{ "pn_xnum", m_xnum, ELF_E_TOOMANY, -1,
	    "e_phnum 0xffff (extended numbering) not supported" },
	{ "phoff", m_phoff, ELF_E_PHDRRANGE, -1,
	    "program headers run past the end of the file" },
	{ "phoff_wrap", m_phoffbig, ELF_E_PHDRRANGE, -1,
	    "program headers run past the end of the file" },
	{ "phnum", m_phnum, ELF_E_PHDRRANGE, -1,
	    "program headers run past the end of the file" },
	{ "no_load", m_noload, ELF_E_NOLOAD, -1, "no PT_LOAD segment" },
	{ "no_phdrs", m_noph, ELF_E_NOLOAD, -1, "no PT_LOAD segment" },
	{ "filesz", m_filesz, ELF_E_FILESZ, 1, "p_filesz > p_memsz" },
	{ "filerange", m_range, ELF_E_FILERANGE, 1,
	    "p_offset + p_filesz runs past the end of the file" },
	{ "offset_wrap", m_offbig, ELF_E_FILERANGE, 1,
	    "p_offset + p_filesz runs past the end of the file" },
	{ "congruence", m_congr, ELF_E_CONGRUENCE, 1,
	    "p_offset and p_vaddr not congruent modulo 4096" },
	{ "align", m_align, ELF_E_ALIGN, 1, "p_align is not a power of two" },
	{ "wrap", m_wrap, ELF_E_OVERFLOW, 1, "p_vaddr + p_memsz overflows" },
	{ "below", m_below, ELF_E_ADDRRANGE, 0,
	    "segment below the lowest user address" },
	{ "zero", m_zero, ELF_E_ADDRRANGE, 0,
	    "segment below the lowest user address" },
	{ "past", m_past, ELF_E_ADDRRANGE, 1,
	    "segment past the highest user address" },
	{ "kernel", m_kernel, ELF_E_ADDRRANGE, 0,
	    "segment past the highest user address" },
	{ "w^x", m_wx, ELF_E_WX, 1,
	    "segment both writable and executable (W^X)" },
	{ "overlap", m_overlap, ELF_E_OVERLAP, 1,
	    "segments overlap or share a page" },
	{ "share_page", m_sharepage, ELF_E_OVERLAP, 2,
	    "segments overlap or share a page" },
	{ "entry_data", m_entry_data, ELF_E_ENTRY, -1,
	    "entry point not in an executable segment" },
	{ "entry_end", m_entry_out, ELF_E_ENTRY, -1,
	    "entry point not in an executable segment" },
	{ "entry_bss", m_entry_bss, ELF_E_ENTRY, -1,
	    "entry point not in an executable segment" },
	{ "interp", m_interp, ELF_E_INTERP, 2,
	    "PT_INTERP: dynamically linked, static executables only" },
	{ "dynamic", m_dynamic, ELF_E_DYNAMIC, 2,
	    "PT_DYNAMIC: dynamically linked, static executables only" },
	{ "exec_stack", m_execstack, ELF_E_EXECSTACK, 2,
	    "PT_GNU_STACK asks for an executable stack" },
	{ "17_loads", m_17loads, ELF_E_TOOMANY, 16,
	    "more than 16 non-empty PT_LOAD segments" },
	{ "gnu_stack_rw", m_gnustack, ELF_OK, -1, "ok" },
	{ "ignored_types", m_ignored, ELF_OK, -1, "ok" },
	{ "empty_load", m_emptyload, ELF_OK, -1, "ok" },
	{ "unsorted", m_unsorted, ELF_OK, -1, "ok" },
	{ "16_loads", m_16loads, ELF_OK, -1, "ok" },
	{ "bss_any_offset", m_bss_any_off, ELF_OK, -1, "ok" },
	{ "at_max", m_at_max, ELF_OK, -1, "ok" },
	{ "align_0_1", m_align0, ELF_OK, -1, "ok" },
	{ "next_page", m_nextpage, ELF_OK, -1, "ok" },
};

static void
crafted(void)
{
	static struct img m;
	struct elf_plan plan;
	const char *why;
	size_t i;
	int rc;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		t_context = cases[i].name;
		img_good(&m);
		cases[i].mutate(&m);
		rc = check_elf(m.buf, m.len, &sv39, &plan, &why);
		CHECK_U64(rc, cases[i].rc);
		CHECK_U64(plan.err_phdr, cases[i].err_phdr);
		CHECK_STR(why, cases[i].why);
	}
}

/* good_plan - the good image's plan, field by field. */
static void
good_plan(void)
{
	static struct img m;
	static unsigned char shifted[IMG_SIZE + 4];
	struct elf_plan plan;
	struct elf_limits lim;

	t_context = "good plan";
	img_good(&m);
	m_unsorted(&m);
	CHECK_U64(check_elf(m.buf, m.len, &sv39, &plan, NULL), ELF_OK);
	CHECK_U64(plan.entry, 0x10200);
	CHECK_U64(plan.flags, 5);
	CHECK_U64(plan.nsegs, 2);
	CHECK_U64(plan.seg[0].vaddr, 0x10000);
	CHECK_U64(plan.seg[0].memsz, 0x600);
	CHECK_U64(plan.seg[0].offset, 0);
	CHECK_U64(plan.seg[0].filesz, 0x600);
	CHECK_U64(plan.seg[0].prot, ELF_PROT_R | ELF_PROT_X);
	CHECK_U64(plan.seg[0].phdr_index, 1);
	CHECK_U64(plan.seg[1].vaddr, 0x12700);
	CHECK_U64(plan.seg[1].memsz, 0x2000);
	CHECK_U64(plan.seg[1].offset, 0x1700);
	CHECK_U64(plan.seg[1].filesz, 0x100);
	CHECK_U64(plan.seg[1].prot, ELF_PROT_R | ELF_PROT_W);
	CHECK_U64(plan.seg[1].phdr_index, 0);
	CHECK_U64(plan.start, 0x10000);
	CHECK_U64(plan.end, 0x15000);
	CHECK_U64(plan.phdr_vaddr, 0x10040);
	CHECK_U64(plan.phnum, 2);

	/* an initrd entry is only 4-byte aligned */
	t_context = "4-aligned file";
	img_good(&m);
	memcpy(shifted + 4, m.buf, m.len);
	CHECK_U64(check_elf(shifted + 4, m.len, &sv39, &plan, NULL), ELF_OK);

	t_context = "limits";
	lim = (struct elf_limits){ 0x11000, 0x4000000000 };
	CHECK_U64(check_elf(m.buf, m.len, &lim, &plan, NULL), ELF_E_ADDRRANGE);
	lim = (struct elf_limits){ 0x10000, 0x14000 };
	CHECK_U64(check_elf(m.buf, m.len, &lim, &plan, NULL), ELF_E_ADDRRANGE);
	lim = (struct elf_limits){ 0x10000, 0x14700 };
	CHECK_U64(check_elf(m.buf, m.len, &lim, &plan, NULL), ELF_E_BADARG);
	lim = (struct elf_limits){ 0x10000, 0x15000 };
	CHECK_U64(check_elf(m.buf, m.len, &lim, &plan, NULL), ELF_OK);
	lim = (struct elf_limits){ 0x20000, 0x10000 };
	CHECK_U64(check_elf(m.buf, m.len, &lim, &plan, NULL), ELF_E_BADARG);
	CHECK_U64(elf_parse(m.buf, m.len, NULL, &plan, NULL), ELF_E_BADARG);
	CHECK_U64(elf_parse(NULL, 0, &sv39, &plan, NULL), ELF_E_BADARG);
	CHECK_U64(elf_parse(m.buf, m.len, &sv39, NULL, NULL), ELF_E_BADARG);
}

/* real_good - a real program accepted; its plan as <elf.h> reads it. */
static void
real_good(const char *path)
{
	struct elf_plan plan;
	const Elf64_Ehdr *eh;
	const Elf64_Phdr *ph;
	unsigned char *buf;
	char name[64];
	size_t len, i;
	uint32_t n = 0, k;

	t_context = t_basename(path, name, sizeof(name));
	buf = t_read_file(path, &len);
	CHECK_U64(check_elf(buf, len, &sv39, &plan, NULL), ELF_OK);
	eh = (const Elf64_Ehdr *)buf;
	CHECK_U64(plan.entry, eh->e_entry);
	CHECK_U64(plan.phnum, eh->e_phnum);
	for (i = 0; i < eh->e_phnum; i++) {
		ph = (const Elf64_Phdr *)(buf + eh->e_phoff) + i;
		if (ph->p_type != PT_LOAD || ph->p_memsz == 0)
			continue;
		for (k = 0; k < plan.nsegs; k++) {
			if (plan.seg[k].phdr_index == i)
				break;
		}
		CHECK(k < plan.nsegs);
		if (k == plan.nsegs)
			continue;
		n++;
		CHECK_U64(plan.seg[k].vaddr, ph->p_vaddr);
		CHECK_U64(plan.seg[k].memsz, ph->p_memsz);
		CHECK_U64(plan.seg[k].offset, ph->p_offset);
		CHECK_U64(plan.seg[k].filesz, ph->p_filesz);
		CHECK_U64(plan.seg[k].prot, ((ph->p_flags & PF_R) ? 1 : 0) |
		    ((ph->p_flags & PF_W) ? 2 : 0) |
		    ((ph->p_flags & PF_X) ? 4 : 0));
	}
	CHECK_U64(n, plan.nsegs);
	CHECK(plan.nsegs >= 2);
	free(buf);
}

static void
real_bad(const char *path, int want_rc)
{
	struct elf_plan plan;
	unsigned char *buf;
	char name[64];
	size_t len;

	t_context = t_basename(path, name, sizeof(name));
	buf = t_read_file(path, &len);
	CHECK_U64(check_elf(buf, len, &sv39, &plan, NULL), want_rc);
	free(buf);
}

int
main(int argc, char **argv)
{
	int i;

	crafted();
	good_plan();
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--below") == 0 && i + 1 < argc)
			real_bad(argv[++i], ELF_E_ADDRRANGE);
		else if (strcmp(argv[i], "--overlap") == 0 && i + 1 < argc)
			real_bad(argv[++i], ELF_E_OVERLAP);
		else
			real_good(argv[i]);
	}
	return t_exit_status("elf_test");
}
