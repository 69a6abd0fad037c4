/*
 * test/host/loader/loader_test.c - builders and independent result checks
 * shared by the ELF and cpio host tests.
 */
#include <stdlib.h>
#include <string.h>

#include "loader_test.h"

unsigned char *
exact(const void *buf, size_t len)
{
	unsigned char *p = malloc(len != 0 ? len : 1);

	if (p == NULL)
		abort();
	memcpy(p, buf, len);
	return p;
}

/* ---- ELF ---- */

Elf64_Phdr *
img_add(struct img *m, uint32_t type, uint32_t flags, uint64_t off,
    uint64_t vaddr, uint64_t filesz, uint64_t memsz)
{
	Elf64_Phdr *p = &m->ph[m->eh->e_phnum++];

	memset(p, 0, sizeof(*p));
	p->p_type = type;
	p->p_flags = flags;
	p->p_offset = off;
	p->p_vaddr = p->p_paddr = vaddr;
	p->p_filesz = filesz;
	p->p_memsz = memsz;
	p->p_align = 0x1000;
	return p;
}

void
img_good(struct img *m)
{
	Elf64_Ehdr *eh;

	memset(m, 0, sizeof(*m));
	m->len = IMG_SIZE;
	m->eh = eh = (Elf64_Ehdr *)m->buf;
	m->ph = (Elf64_Phdr *)(m->buf + sizeof(Elf64_Ehdr));
	memcpy(eh->e_ident, ELFMAG, SELFMAG);
	eh->e_ident[EI_CLASS] = ELFCLASS64;
	eh->e_ident[EI_DATA] = ELFDATA2LSB;
	eh->e_ident[EI_VERSION] = EV_CURRENT;
	eh->e_type = ET_EXEC;
	eh->e_machine = EM_RISCV;
	eh->e_version = EV_CURRENT;
	eh->e_entry = 0x10200;
	eh->e_phoff = sizeof(Elf64_Ehdr);
	eh->e_flags = 0x5;
	eh->e_ehsize = sizeof(Elf64_Ehdr);
	eh->e_phentsize = sizeof(Elf64_Phdr);
	img_add(m, PT_LOAD, PF_R | PF_X, 0, 0x10000, 0x600, 0x600);
	img_add(m, PT_LOAD, PF_R | PF_W, 0x1700, 0x12700, 0x100, 0x2000);
	memset(m->buf + 0x1700, 0xaa, 0x100);
}

static bool
one_line(const char *why)
{
	return why != NULL && why[0] != '\0' && strchr(why, '\n') == NULL;
}

/* plan_ok - every rule of elf.h, checked again on the plan. */
static void
plan_ok(const struct elf_plan *p, size_t len, const struct elf_limits *lim)
{
	const struct elf_segment *s, *n;
	bool entry = false;
	uint32_t i;

	CHECK(p->nsegs >= 1 && p->nsegs <= ELF_MAX_SEGMENTS);
	for (i = 0; i < p->nsegs && i < ELF_MAX_SEGMENTS; i++) {
		s = &p->seg[i];
		CHECK(s->memsz > 0 && s->filesz <= s->memsz);
		CHECK(s->offset <= len && s->filesz <= len - s->offset);
		CHECK(s->vaddr >= lim->min_addr);
		CHECK(s->vaddr < lim->max_addr &&
		    s->memsz <= lim->max_addr - s->vaddr);
		CHECK((s->prot & (ELF_PROT_W | ELF_PROT_X)) !=
		    (ELF_PROT_W | ELF_PROT_X));
		CHECK(s->filesz == 0 || (s->offset & 0xfff) ==
		    (s->vaddr & 0xfff));
		CHECK(s->phdr_index < p->phnum);
		if ((s->prot & ELF_PROT_X) && p->entry >= s->vaddr &&
		    p->entry < s->vaddr + s->filesz)
			entry = true;
		if (i + 1 < p->nsegs) {
			n = &p->seg[i + 1];
			CHECK(ROUNDUP(s->vaddr + s->memsz, 0x1000) <=
			    ROUNDDOWN(n->vaddr, 0x1000));
		}
	}
	CHECK(entry);
	CHECK_U64(p->start, ROUNDDOWN(p->seg[0].vaddr, 0x1000));
	CHECK(p->end > p->start && p->end <= lim->max_addr);
}

int
check_elf(const void *file, size_t len, const struct elf_limits *lim,
    struct elf_plan *plan, const char **whyp)
{
	const char *why = NULL;
	unsigned char *copy = exact(file, len);
	int rc;

	rc = elf_parse(copy, len, lim, plan, &why);
	CHECK(rc <= 0 && rc >= ELF_E_EXECSTACK);
	CHECK(one_line(why));
	if (rc == ELF_OK)
		plan_ok(plan, len, lim);
	else
		CHECK(plan->err_phdr >= -1 &&
		    plan->err_phdr < (int)plan->phnum);
	free(copy);
	if (whyp != NULL)
		*whyp = why;
	return rc;
}

/* ---- cpio ---- */

void
arc_init(struct arc *a)
{
	memset(a, 0, sizeof(*a));
	a->magic = "070701";
}

size_t
arc_add(struct arc *a, const char *name, uint32_t mode, const void *data,
    size_t size)
{
	size_t start = a->len, nlen = strlen(name) + 1;
	char hdr[256];			/* 110 used; room for a long magic */

	snprintf(hdr, sizeof(hdr), "%s%08x%08x%08x%08x%08x%08x%08zx%08x%08x"
	    "%08x%08x%08zx%08x", a->magic, 1000 + (unsigned)start, mode, 0u,
	    0u, 1u, 0x5f000000u, size, 0u, 0u, 0u, 0u, nlen, 0u);
	memset(a->buf + a->len, 0, ROUNDUP(CPIO_HDR_SIZE + nlen, 4) +
	    ROUNDUP(size, 4));
	memcpy(a->buf + a->len, hdr, CPIO_HDR_SIZE);
	a->len += CPIO_HDR_SIZE;
	memcpy(a->buf + a->len, name, nlen);
	a->len = ROUNDUP(a->len + nlen, 4);
	if (size != 0)
		memcpy(a->buf + a->len, data, size);
	a->len = ROUNDUP(a->len + size, 4);
	return start;
}

void
arc_trailer(struct arc *a)
{
	arc_add(a, CPIO_TRAILER, 0, NULL, 0);
}

/*
 * walk - every entry again with cpio_next, inside the archive; the last
 * one found by name (a lookup reads the whole archive).
 */
static void
walk(const unsigned char *buf, size_t len, long count)
{
	struct cpio_entry e, f;
	const char *why, *last = NULL;
	size_t off = 0;
	long n = 0;
	int rc;

	while ((rc = cpio_next(buf, len, &off, &e, &why)) == CPIO_OK) {
		n++;
		CHECK(e.name >= (const char *)buf &&
		    e.name + e.namelen < (const char *)buf + len);
		CHECK_U64(strlen(e.name), e.namelen);
		CHECK((const unsigned char *)e.data >= buf &&
		    e.size <= len - (size_t)((const unsigned char *)e.data -
		    buf));
		CHECK(off <= len && off % 4 == 0);
		last = e.name;
		if (n > 4096)
			break;
	}
	CHECK_U64(rc, CPIO_END);
	CHECK_U64(n, count);
	if (last != NULL)
		CHECK_U64(cpio_find(buf, len, last, &f, &why), CPIO_OK);
	rc = cpio_find(buf, len, "/etc/motd", &f, &why);
	CHECK(rc == CPIO_OK || rc == CPIO_E_NOTFOUND);
}

long
check_cpio(const void *buf, size_t len)
{
	unsigned char *copy = exact(buf, len);
	const char *why = NULL;
	size_t bad = (size_t)-1;
	long rc;

	rc = cpio_validate(copy, len, &bad, &why);
	CHECK(one_line(why));
	if (rc >= 0) {
		CHECK_STR(why, "ok");
		walk(copy, len, rc);
	} else {
		CHECK(rc >= CPIO_E_BADARG && rc != CPIO_E_NOTFOUND);
		CHECK(bad <= len);
	}
	free(copy);
	return rc;
}
