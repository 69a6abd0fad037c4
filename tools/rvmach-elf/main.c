/*
 * tools/rvmach-elf/main.c - show how the kernel would load an ELF program.
 *
 *	rvmach-elf FILE
 *
 * Runs the kernel's own elf_parse() (kernel/lib/elf.c) with the Sv39 user
 * limits and prints the entry point and one line per segment to map:
 *
 *	entry 0x10000
 *	segment 0x10000-0x10108 r-x file 0x0+0x108 zero 0x0
 *	pages 0x10000-0x12000
 *
 * (address range end-exclusive, protection, file offset + bytes from the
 * file, bytes zero-filled after them).  A rejected or unreadable file gives
 * one line "rvmach-elf: FILE: reason" on stderr and exit status 1; a usage
 * error exit status 2.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include "kernel/lib/elf.h"
#include "tools/common/tool_io.h"

static void
print_segment(const struct elf_segment *s)
{
	printf("segment 0x%" PRIx64 "-0x%" PRIx64 " %c%c%c file 0x%" PRIx64
	    "+0x%" PRIx64 " zero 0x%" PRIx64 "\n", s->vaddr,
	    s->vaddr + s->memsz,
	    (s->prot & ELF_PROT_R) != 0 ? 'r' : '-',
	    (s->prot & ELF_PROT_W) != 0 ? 'w' : '-',
	    (s->prot & ELF_PROT_X) != 0 ? 'x' : '-',
	    s->offset, s->filesz, s->memsz - s->filesz);
}

int
main(int argc, char **argv)
{
	static struct elf_plan plan;
	struct elf_limits lim = ELF_LIMITS_SV39;
	const char *why;
	static unsigned char *buf;	/* static: LSan sees it at exit(1) */
	size_t len;
	uint32_t i;

	tool_prog = "rvmach-elf";
	if (argc != 2 || (argv[1][0] == '-' && argv[1][1] != '\0')) {
		fprintf(stderr, "usage: rvmach-elf FILE\n");
		return 2;
	}
	buf = tool_read_file(argv[1], &len);
	if (elf_parse(buf, len, &lim, &plan, &why) != ELF_OK) {
		if (plan.err_phdr >= 0)
			tool_die(argv[1], "program header %d: %s",
			    plan.err_phdr, why);
		tool_die(argv[1], "%s", why);
	}
	free(buf);
	printf("entry 0x%" PRIx64 "\n", plan.entry);
	for (i = 0; i < plan.nsegs; i++)
		print_segment(&plan.seg[i]);
	printf("pages 0x%" PRIx64 "-0x%" PRIx64 "\n", plan.start, plan.end);
	return fflush(stdout) == 0 ? 0 : 1;
}
