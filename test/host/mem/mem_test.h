/*
 * test/host/mem/mem_test.h - helpers shared by the page and zone host tests.
 *
 * "RAM" is an aligned heap buffer: the host <machine/vmparam.h> maps
 * physical addresses to themselves, so the allocator's pages are the
 * buffer's pages.  A failed CHECK prints where and exits non-zero.
 */
#ifndef TEST_HOST_MEM_MEM_TEST_H
#define TEST_HOST_MEM_MEM_TEST_H

#include "kernel/vm/vm_page.h"
#include "kernel/cpu.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#define PANIC_EXIT	99	/* exit status of a host panic() */

#define CHECK(c) do {							\
	if (!(c))							\
		check_fail(__FILE__, __LINE__, "%s", #c);		\
} while (0)

#define CHECK_EQ(a, b) do {						\
	uint64_t _a = (uint64_t)(a), _b = (uint64_t)(b);		\
	if (_a != _b)							\
		check_fail(__FILE__, __LINE__,				\
		    "%s == %s: %" PRIu64 " != %" PRIu64 " (%#" PRIx64	\
		    " != %#" PRIx64 ")", #a, #b, _a, _b, _a, _b);	\
} while (0)

void check_fail(const char *file, int line, const char *fmt, ...)
    __attribute__((noreturn, format(printf, 3, 4)));

/* RAM: one aligned buffer that test ranges are cut from */
struct ram {
	char	*buf;
	size_t	size;
	void	*meta;
	struct mem_range r[VM_PHYS_MAX_RANGES];
	unsigned n;
};

/* ram_init - a buffer of size bytes aligned on 4 MiB (a top-order block) */
void ram_init(struct ram *ram, size_t size);
/* ram_add - a range at byte offset off (page aligned) of npages pages */
void ram_add(struct ram *ram, size_t off, uint64_t npages);
/* ram_boot - vm_page_bootstrap over the ranges added */
void ram_boot(struct ram *ram);
void ram_fini(struct ram *ram);

/* expected maximal-block decomposition of the ranges, per order */
void ram_expected_blocks(const struct ram *ram,
    uint64_t nblocks[VM_PAGE_MAX_ORDER + 1]);
/* check that the free lists are back to the bootstrap shape (drains caches) */
void check_initial_shape(const struct ram *ram);

/* stats shorthand */
struct vm_page_stats page_stats(void);

/*
 * expect_panic - run fn(arg) in a forked child; true if it panicked.
 * The parent's state is untouched either way.
 */
bool expect_panic(void (*fn)(void *arg), void *arg);

/* run one test, printing a TAP line */
void run_test(const char *name, void (*fn)(void));
int tests_done(void);

/* a small deterministic PRNG (xorshift64*) */
uint64_t rnd(uint64_t *state);

#endif /* TEST_HOST_MEM_MEM_TEST_H */
