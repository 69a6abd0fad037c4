/*
 * kernel/lib/elf.c - validate an ELF64 RISC-V static executable and plan
 * how to map it (the rules and the contract are in elf.h).
 *
 * Order: the ELF header, then each program header in table order (each
 * PT_LOAD checked on its own and inserted into the plan by address), then
 * the checks between segments (overlap) and the entry point.  Every field
 * is read little-endian byte by byte from inside [file, file + size).
 */
#include "kernel/lib/elf.h"
#include "kernel/lib/string.h"

/* ELF constants (the System V gABI and the RISC-V psABI). */
#define EI_NIDENT	16
#define EI_CLASS	4
#define EI_DATA		5
#define EI_VERSION	6
#define ELFCLASS64	2
#define ELFDATA2LSB	1
#define EV_CURRENT	1
#define ET_REL		1
#define ET_EXEC		2
#define ET_DYN		3
#define EM_RISCV	243
#define PN_XNUM		0xffff

#define PT_LOAD		1
#define PT_DYNAMIC	2
#define PT_INTERP	3
#define PT_GNU_STACK	0x6474e551u

#define PF_X		0x1u
#define PF_W		0x2u
#define PF_R		0x4u

/* Elf64_Ehdr field offsets and size. */
#define EH_TYPE		16
#define EH_MACHINE	18
#define EH_VERSION	20
#define EH_ENTRY	24
#define EH_PHOFF	32
#define EH_FLAGS	48
#define EH_EHSIZE	52
#define EH_PHENTSIZE	54
#define EH_PHNUM	56
#define EHDR_SIZE	64

/* Elf64_Phdr field offsets and size. */
#define PH_TYPE		0
#define PH_FLAGS	4
#define PH_OFFSET	8
#define PH_VADDR	16
#define PH_FILESZ	32
#define PH_MEMSZ	40
#define PH_ALIGN	48
#define PHDR_SIZE	56

#define PAGE_MASK	((uint64_t)ELF_PAGE_SIZE - 1)

/* A program header, decoded. */
struct phdr {
	uint32_t type;
	uint32_t flags;
	uint64_t offset;
	uint64_t vaddr;
	uint64_t filesz;
	uint64_t memsz;
	uint64_t align;
};

static uint64_t
le(const uint8_t *p, int n)
{
	uint64_t v = 0;

	while (n-- > 0)
		v = v << 8 | p[n];
	return v;
}

static int
fail(const char **why, int rc, const char *reason)
{
	if (why != NULL)
		*why = reason;
	return rc;
}

/* check_ident - size, e_ident. */
static int
check_ident(const uint8_t *f, size_t size, const char **why)
{
	if (size < EHDR_SIZE)
		return fail(why, ELF_E_TRUNCATED,
		    "file shorter than the 64-byte ELF header");
	if (memcmp(f, "\177ELF", 4) != 0)
		return fail(why, ELF_E_BADMAGIC, "bad magic (not an ELF file)");
	if (f[EI_CLASS] != ELFCLASS64)
		return fail(why, ELF_E_BADCLASS, "not ELFCLASS64");
	if (f[EI_DATA] != ELFDATA2LSB)
		return fail(why, ELF_E_BADDATA, "not little-endian (EI_DATA)");
	if (f[EI_VERSION] != EV_CURRENT)
		return fail(why, ELF_E_BADVERSION, "EI_VERSION is not 1");
	return ELF_OK;
}

static int
check_type(uint64_t type, const char **why)
{
	if (type == ET_EXEC)
		return ELF_OK;
	if (type == ET_DYN)
		return fail(why, ELF_E_BADTYPE, "ET_DYN (shared object or "
		    "PIE): static executables only");
	if (type == ET_REL)
		return fail(why, ELF_E_BADTYPE,
		    "ET_REL: an object file, not an executable");
	return fail(why, ELF_E_BADTYPE, "e_type is not ET_EXEC");
}

/* check_ehdr - the rest of the ELF header and the program header table. */
static int
check_ehdr(const uint8_t *f, size_t size, const char **why)
{
	uint64_t phoff = le(f + EH_PHOFF, 8), phnum = le(f + EH_PHNUM, 2);
	int rc;

	if ((rc = check_type(le(f + EH_TYPE, 2), why)) != ELF_OK)
		return rc;
	if (le(f + EH_MACHINE, 2) != EM_RISCV)
		return fail(why, ELF_E_BADMACHINE,
		    "e_machine is not EM_RISCV (243)");
	if (le(f + EH_VERSION, 4) != EV_CURRENT)
		return fail(why, ELF_E_BADVERSION, "e_version is not 1");
	if (le(f + EH_EHSIZE, 2) != EHDR_SIZE)
		return fail(why, ELF_E_BADEHSIZE, "e_ehsize is not 64");
	if (le(f + EH_PHENTSIZE, 2) != PHDR_SIZE)
		return fail(why, ELF_E_BADPHENTSIZE, "e_phentsize is not 56");
	if (phnum == PN_XNUM)
		return fail(why, ELF_E_TOOMANY,
		    "e_phnum 0xffff (extended numbering) not supported");
	if (phoff > size || phnum * PHDR_SIZE > size - phoff)
		return fail(why, ELF_E_PHDRRANGE,
		    "program headers run past the end of the file");
	return ELF_OK;
}

static void
read_phdr(const uint8_t *p, struct phdr *ph)
{
	ph->type = (uint32_t)le(p + PH_TYPE, 4);
	ph->flags = (uint32_t)le(p + PH_FLAGS, 4);
	ph->offset = le(p + PH_OFFSET, 8);
	ph->vaddr = le(p + PH_VADDR, 8);
	ph->filesz = le(p + PH_FILESZ, 8);
	ph->memsz = le(p + PH_MEMSZ, 8);
	ph->align = le(p + PH_ALIGN, 8);
}

/* check_load_file - a PT_LOAD's sizes, file range and alignment. */
static int
check_load_file(const struct phdr *ph, size_t size, const char **why)
{
	if (ph->filesz > ph->memsz)
		return fail(why, ELF_E_FILESZ, "p_filesz > p_memsz");
	if (ph->offset > size || ph->filesz > size - ph->offset)
		return fail(why, ELF_E_FILERANGE,
		    "p_offset + p_filesz runs past the end of the file");
	if ((ph->align & (ph->align - 1)) != 0)
		return fail(why, ELF_E_ALIGN, "p_align is not a power of two");
	if (ph->filesz != 0 && ((ph->offset ^ ph->vaddr) & PAGE_MASK) != 0)
		return fail(why, ELF_E_CONGRUENCE,
		    "p_offset and p_vaddr not congruent modulo 4096");
	return ELF_OK;
}

/* check_load_addr - a PT_LOAD's address range and protection. */
static int
check_load_addr(const struct phdr *ph, const struct elf_limits *lim,
    const char **why)
{
	if (ph->memsz > UINT64_MAX - ph->vaddr)
		return fail(why, ELF_E_OVERFLOW, "p_vaddr + p_memsz overflows");
	if ((ph->vaddr & ~PAGE_MASK) < lim->min_addr)
		return fail(why, ELF_E_ADDRRANGE,
		    "segment below the lowest user address");
	if (ph->vaddr + ph->memsz > lim->max_addr)
		return fail(why, ELF_E_ADDRRANGE,
		    "segment past the highest user address");
	if ((ph->flags & (PF_W | PF_X)) == (PF_W | PF_X))
		return fail(why, ELF_E_WX,
		    "segment both writable and executable (W^X)");
	return ELF_OK;
}

static uint32_t
prot_of(uint32_t flags)
{
	return ((flags & PF_R) != 0 ? ELF_PROT_R : 0) |
	    ((flags & PF_W) != 0 ? ELF_PROT_W : 0) |
	    ((flags & PF_X) != 0 ? ELF_PROT_X : 0);
}

/* add_segment - insert a checked PT_LOAD into plan, keeping vaddr order. */
static int
add_segment(struct elf_plan *plan, const struct phdr *ph, uint32_t index,
    const char **why)
{
	uint32_t i;

	if (plan->nsegs == ELF_MAX_SEGMENTS)
		return fail(why, ELF_E_TOOMANY,
		    "more than 16 non-empty PT_LOAD segments");
	for (i = plan->nsegs; i > 0 && plan->seg[i - 1].vaddr > ph->vaddr; i--)
		plan->seg[i] = plan->seg[i - 1];
	plan->seg[i] = (struct elf_segment){
		.vaddr = ph->vaddr, .memsz = ph->memsz,
		.offset = ph->offset, .filesz = ph->filesz,
		.prot = prot_of(ph->flags), .phdr_index = index,
	};
	plan->nsegs++;
	return ELF_OK;
}

/* check_phdr - one program header; PT_LOADs go into the plan. */
static int
check_phdr(const struct phdr *ph, uint32_t index, size_t size,
    const struct elf_limits *lim, struct elf_plan *plan, const char **why)
{
	int rc;

	switch (ph->type) {
	case PT_INTERP:
		return fail(why, ELF_E_INTERP, "PT_INTERP: dynamically "
		    "linked, static executables only");
	case PT_DYNAMIC:
		return fail(why, ELF_E_DYNAMIC, "PT_DYNAMIC: dynamically "
		    "linked, static executables only");
	case PT_GNU_STACK:
		if ((ph->flags & PF_X) != 0)
			return fail(why, ELF_E_EXECSTACK,
			    "PT_GNU_STACK asks for an executable stack");
		return ELF_OK;
	case PT_LOAD:
		if ((rc = check_load_file(ph, size, why)) != ELF_OK)
			return rc;
		if (ph->memsz == 0)
			return ELF_OK;		/* maps nothing */
		if ((rc = check_load_addr(ph, lim, why)) != ELF_OK)
			return rc;
		return add_segment(plan, ph, index, why);
	default:
		return ELF_OK;
	}
}

static uint64_t
seg_page_end(const struct elf_segment *s)
{
	return (s->vaddr + s->memsz + PAGE_MASK) & ~PAGE_MASK;
}

/*
 * check_overlap - no two segments in one page.  The segments are sorted
 * by vaddr, so comparing neighbours is enough.  Sets plan->err_phdr.
 */
static int
check_overlap(struct elf_plan *plan, const char **why)
{
	uint32_t i;

	for (i = 0; i + 1 < plan->nsegs; i++) {
		if (seg_page_end(&plan->seg[i]) >
		    (plan->seg[i + 1].vaddr & ~PAGE_MASK)) {
			plan->err_phdr = (int)plan->seg[i + 1].phdr_index;
			return fail(why, ELF_E_OVERLAP,
			    "segments overlap or share a page");
		}
	}
	return ELF_OK;
}

/* entry_ok - entry lies in the file-backed part of an executable segment. */
static bool
entry_ok(const struct elf_plan *plan)
{
	const struct elf_segment *s;
	uint32_t i;

	for (i = 0; i < plan->nsegs; i++) {
		s = &plan->seg[i];
		if ((s->prot & ELF_PROT_X) != 0 && plan->entry >= s->vaddr &&
		    plan->entry - s->vaddr < s->filesz)
			return true;
	}
	return false;
}

/* phdr_vaddr - where the program header table is mapped, or 0. */
static uint64_t
phdr_vaddr(const struct elf_plan *plan, uint64_t phoff)
{
	const struct elf_segment *s;
	uint64_t len = (uint64_t)plan->phnum * PHDR_SIZE;
	uint32_t i;

	for (i = 0; i < plan->nsegs; i++) {
		s = &plan->seg[i];
		if (phoff >= s->offset && phoff - s->offset <= s->filesz &&
		    len <= s->filesz - (phoff - s->offset))
			return s->vaddr + (phoff - s->offset);
	}
	return 0;
}

/* check_phdrs - every program header, then the whole plan. */
static int
check_phdrs(const uint8_t *f, size_t size, const struct elf_limits *lim,
    struct elf_plan *plan, const char **why)
{
	uint64_t phoff = le(f + EH_PHOFF, 8);
	struct phdr ph;
	uint32_t i;
	int rc;

	for (i = 0; i < plan->phnum; i++) {
		read_phdr(f + phoff + (uint64_t)i * PHDR_SIZE, &ph);
		plan->err_phdr = (int)i;
		if ((rc = check_phdr(&ph, i, size, lim, plan, why)) != ELF_OK)
			return rc;
	}
	plan->err_phdr = -1;
	if (plan->nsegs == 0)
		return fail(why, ELF_E_NOLOAD, "no PT_LOAD segment");
	if ((rc = check_overlap(plan, why)) != ELF_OK)
		return rc;
	if (!entry_ok(plan))
		return fail(why, ELF_E_ENTRY,
		    "entry point not in an executable segment");
	plan->start = plan->seg[0].vaddr & ~PAGE_MASK;
	plan->end = seg_page_end(&plan->seg[plan->nsegs - 1]);
	plan->phdr_vaddr = phdr_vaddr(plan, phoff);
	return ELF_OK;
}

int
elf_parse(const void *file, size_t size, const struct elf_limits *lim,
    struct elf_plan *plan, const char **why)
{
	const uint8_t *f = file;
	int rc;

	if (plan == NULL)
		return fail(why, ELF_E_BADARG, "bad argument");
	memset(plan, 0, sizeof(*plan));
	plan->err_phdr = -1;
	if (file == NULL || lim == NULL || lim->min_addr >= lim->max_addr ||
	    (lim->min_addr & PAGE_MASK) != 0 || (lim->max_addr & PAGE_MASK) != 0)
		return fail(why, ELF_E_BADARG, "bad argument");
	if ((rc = check_ident(f, size, why)) != ELF_OK ||
	    (rc = check_ehdr(f, size, why)) != ELF_OK)
		return rc;
	plan->entry = le(f + EH_ENTRY, 8);
	plan->flags = (uint32_t)le(f + EH_FLAGS, 4);
	plan->phnum = (uint32_t)le(f + EH_PHNUM, 2);
	if ((rc = check_phdrs(f, size, lim, plan, why)) != ELF_OK)
		return rc;
	return fail(why, ELF_OK, "ok");
}
