/*
 * test/host/loader/loader_test.h - shared helpers of the ELF and cpio host
 * tests: builders of crafted inputs and independent checks of results.
 * The CHECK macros and t_* helpers are the fdt tests' (fdt_test.c).
 */
#ifndef TEST_HOST_LOADER_LOADER_TEST_H
#define TEST_HOST_LOADER_LOADER_TEST_H

#include <elf.h>

#include "kernel/lib/cpio.h"
#include "kernel/lib/elf.h"
#include "test/host/fdt/fdt_test.h"

/*
 * A crafted ELF built with the host's <elf.h> structs (an independent
 * statement of the layout).  img_good() gives a valid program:
 *   phdr 0  PT_LOAD R+X  off 0       vaddr 0x10000  filesz=memsz 0x600
 *   phdr 1  PT_LOAD R+W  off 0x1700  vaddr 0x12700  filesz 0x100 memsz 0x2000
 *   entry 0x10200, file 0x1800 bytes; room for IMG_MAXPH headers.
 */
#define IMG_SIZE	0x1800
#define IMG_MAXPH	20
struct img {
	unsigned char buf[IMG_SIZE];
	size_t	len;
	Elf64_Ehdr *eh;
	Elf64_Phdr *ph;		/* IMG_MAXPH slots after the header */
};

void	img_good(struct img *m);

/* img_add - append a program header (e_phnum + 1); returns it. */
Elf64_Phdr *img_add(struct img *m, uint32_t type, uint32_t flags,
	    uint64_t off, uint64_t vaddr, uint64_t filesz, uint64_t memsz);

/*
 * check_elf - elf_parse() on an exact-size copy of file[0..len), and the
 * result checked against the rules: rc OK or an ELF_E_* code, a one-line
 * reason (*whyp, if not NULL), err_phdr in range; on OK every rule holds
 * for the plan.  Returns rc.
 */
int	check_elf(const void *file, size_t len, const struct elf_limits *lim,
	    struct elf_plan *plan, const char **whyp);

/*
 * A crafted newc archive.  arc_add appends an entry (name as given, data
 * size bytes), arc_trailer the trailer; magic is "070701" unless changed.
 */
#define ARC_MAX		0x4000
struct arc {
	unsigned char buf[ARC_MAX];
	size_t	len;
	const char *magic;
};

void	arc_init(struct arc *a);
size_t	arc_add(struct arc *a, const char *name, uint32_t mode,
	    const void *data, size_t size);
void	arc_trailer(struct arc *a);

/*
 * check_cpio - cpio_validate() on an exact-size copy of buf[0..len), and
 * on success every entry walked (inside the archive, names as long as
 * namelen) and the last one and "/etc/motd" looked up.  Returns the
 * validate rc.
 */
long	check_cpio(const void *buf, size_t len);

/* exact - a malloc'd copy of exactly len bytes (ASan sees past the end). */
unsigned char *exact(const void *buf, size_t len);

#endif /* TEST_HOST_LOADER_LOADER_TEST_H */
