/*
 * kernel/lib/elf.h - validate an ELF64 RISC-V static executable and plan
 * how to map it.
 *
 * elf_parse() maps nothing: it reads the file bytes, checks every rule
 * below, and produces a struct elf_plan that the VM turns into mappings.
 * Pure code: no allocation, no global state, only kernel/lib/string.h, so
 * the kernel and tools/rvmach-elf share it.  The file needs no alignment
 * (an initrd entry is only 4-aligned): fields are read byte by byte.
 *
 * The rules (docs/programs.md has the reasons):
 *  - ELF header: magic, ELFCLASS64, little-endian, EI_VERSION and e_version
 *    1, ET_EXEC (ET_DYN, including static PIE, is refused), EM_RISCV,
 *    e_ehsize 64, e_phentsize 56, the program headers inside the file
 *    (e_phnum 0xffff, extended numbering, is refused).
 *  - No PT_INTERP and no PT_DYNAMIC: static executables only.
 *  - PT_GNU_STACK, if present, must not ask for an executable stack.
 *  - PT_LOAD: 1..ELF_MAX_SEGMENTS of them with p_memsz > 0 (empty ones are
 *    skipped); p_filesz <= p_memsz; [p_offset, +p_filesz) inside the file;
 *    p_align 0 or a power of two; when p_filesz > 0, p_offset and p_vaddr
 *    congruent modulo ELF_PAGE_SIZE; p_vaddr + p_memsz not wrapping; the
 *    page-rounded range inside [min_addr, max_addr); not both PF_W and PF_X
 *    (W^X); no two segments in one page, even with the same flags.
 *  - e_entry inside the file-backed part of an executable segment.
 * Other program header types (PT_NOTE, PT_PHDR, PT_TLS, PT_GNU_*,
 * PT_RISCV_ATTRIBUTES...) are ignored.
 */
#ifndef KERNEL_LIB_ELF_H
#define KERNEL_LIB_ELF_H

#include "kernel/lib/types.h"

#define ELF_PAGE_SIZE		4096u
#define ELF_MAX_SEGMENTS	16	/* PT_LOADs with p_memsz > 0 */

/* Sv39 user space: the kernel's VM_MIN_ADDRESS and VM_MAX_USER_ADDRESS. */
#define ELF_SV39_MIN_ADDR	0x10000ull
#define ELF_SV39_MAX_ADDR	0x4000000000ull

/* Segment protection, from p_flags (PF_R 4, PF_W 2, PF_X 1). */
#define ELF_PROT_R		0x1u
#define ELF_PROT_W		0x2u
#define ELF_PROT_X		0x4u

/* Error codes (all negative).  elf_parse() also gives a reason string. */
enum {
	ELF_OK = 0,
	ELF_E_BADARG = -1,	/* NULL, or limits not page-aligned/ordered */
	ELF_E_TRUNCATED = -2,	/* shorter than the ELF header */
	ELF_E_BADMAGIC = -3,
	ELF_E_BADCLASS = -4,	/* not ELFCLASS64 */
	ELF_E_BADDATA = -5,	/* not little-endian */
	ELF_E_BADVERSION = -6,	/* EI_VERSION or e_version not 1 */
	ELF_E_BADTYPE = -7,	/* not ET_EXEC */
	ELF_E_BADMACHINE = -8,	/* not EM_RISCV */
	ELF_E_BADEHSIZE = -9,	/* e_ehsize not 64 */
	ELF_E_BADPHENTSIZE = -10, /* e_phentsize not 56 */
	ELF_E_PHDRRANGE = -11,	/* program headers past the file */
	ELF_E_TOOMANY = -12,	/* more than ELF_MAX_SEGMENTS loads */
	ELF_E_NOLOAD = -13,	/* no non-empty PT_LOAD */
	ELF_E_FILESZ = -14,	/* p_filesz > p_memsz */
	ELF_E_FILERANGE = -15,	/* [p_offset, +p_filesz) past the file */
	ELF_E_CONGRUENCE = -16,	/* p_offset != p_vaddr modulo the page */
	ELF_E_ALIGN = -17,	/* p_align not 0 or a power of two */
	ELF_E_OVERFLOW = -18,	/* p_vaddr + p_memsz wraps */
	ELF_E_ADDRRANGE = -19,	/* segment outside [min_addr, max_addr) */
	ELF_E_OVERLAP = -20,	/* two segments share a page */
	ELF_E_WX = -21,		/* segment both writable and executable */
	ELF_E_ENTRY = -22,	/* entry not in an executable segment */
	ELF_E_INTERP = -23,	/* PT_INTERP: needs a dynamic linker */
	ELF_E_DYNAMIC = -24,	/* PT_DYNAMIC: needs a dynamic linker */
	ELF_E_EXECSTACK = -25,	/* PT_GNU_STACK asks for PF_X */
};

/* The user address range segments must fit in: [min_addr, max_addr). */
struct elf_limits {
	uint64_t min_addr;	/* lowest address; page-aligned */
	uint64_t max_addr;	/* first address past the range; aligned */
};

#define ELF_LIMITS_SV39 \
	((struct elf_limits){ ELF_SV39_MIN_ADDR, ELF_SV39_MAX_ADDR })

/*
 * One segment to map.  Pages [ROUNDDOWN(vaddr), ROUNDUP(vaddr + memsz))
 * get prot; bytes [vaddr, vaddr + filesz) come from file bytes
 * [offset, offset + filesz); the rest, to vaddr + memsz, is zero (that
 * includes the tail of the last file page past filesz).
 */
struct elf_segment {
	uint64_t vaddr;		/* p_vaddr */
	uint64_t memsz;		/* p_memsz, > 0 */
	uint64_t offset;	/* p_offset */
	uint64_t filesz;	/* p_filesz, <= memsz */
	uint32_t prot;		/* ELF_PROT_*; never both W and X */
	uint32_t phdr_index;	/* which program header it came from */
};

/* The validated plan. */
struct elf_plan {
	uint64_t entry;		/* e_entry */
	uint32_t flags;		/* e_flags (RVC, float ABI), not checked */
	uint32_t nsegs;		/* 1..ELF_MAX_SEGMENTS */
	struct elf_segment seg[ELF_MAX_SEGMENTS]; /* ascending vaddr */
	uint64_t start;		/* ROUNDDOWN(seg[0].vaddr) */
	uint64_t end;		/* page-rounded end of the last segment */
	uint64_t phdr_vaddr;	/* where the program headers are mapped
				   (AT_PHDR), 0 if no segment holds them */
	uint32_t phnum;		/* e_phnum (AT_PHNUM) */
	int	err_phdr;	/* on error: the program header at fault,
				   or -1 for the file as a whole */
};

/*
 * elf_parse - check the size-byte ELF file at file against the rules
 * above and limits (page-aligned, min_addr < max_addr), and fill *plan.
 * Returns ELF_OK, or an ELF_E_* code with plan->err_phdr set and *plan
 * otherwise unspecified.  *why, if why is not NULL, is set on every
 * return to a fixed one-line reason ("ok" on success).
 */
int	elf_parse(const void *file, size_t size, const struct elf_limits *lim,
	    struct elf_plan *plan, const char **why);

#endif /* KERNEL_LIB_ELF_H */
