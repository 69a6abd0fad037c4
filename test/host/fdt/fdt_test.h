/*
 * test/host/fdt/fdt_test.h - shared helpers of the fdt host tests.
 *
 * CHECK* count failures and go on; main() returns t_exit_status().
 * Comparisons print both values.
 */
#ifndef TEST_HOST_FDT_FDT_TEST_H
#define TEST_HOST_FDT_FDT_TEST_H

#include <inttypes.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

extern int t_failures;
extern const char *t_context;		/* printed with each failure */

#define CHECK(c) do {							\
	if (!(c))							\
		t_fail(__FILE__, __LINE__, "CHECK(%s)", #c);		\
} while (0)

#define CHECK_U64(a, b) do {						\
	uint64_t a_ = (uint64_t)(a), b_ = (uint64_t)(b);		\
	if (a_ != b_)							\
		t_fail(__FILE__, __LINE__, "%s == 0x%" PRIx64		\
		    ", want %s == 0x%" PRIx64, #a, a_, #b, b_);		\
} while (0)

#define CHECK_STR(a, b) do {						\
	const char *a_ = (a), *b_ = (b);				\
	if (a_ == NULL || b_ == NULL || strcmp(a_, b_) != 0)		\
		t_fail(__FILE__, __LINE__, "%s == \"%s\", want \"%s\"",	\
		    #a, a_ ? a_ : "(null)", b_ ? b_ : "(null)");	\
} while (0)

void	t_fail(const char *file, int line, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
int	t_exit_status(const char *name);

/* t_read_file - the whole file, malloc'd; exits on error. */
unsigned char *t_read_file(const char *path, size_t *len);

/* t_basename - the file name without directories and ".dtb". */
const char *t_basename(const char *path, char *buf, size_t len);

/* A deterministic xorshift64* generator. */
uint64_t t_rand(void);
void	t_srand(uint64_t seed);

/*
 * compare_with_libfdt - walk the whole tree with libfdt and with dtb_*
 * and CHECK that nodes, depths, names, properties, memreserve entries,
 * paths, parents, phandles and aliases agree.  The blob has passed both
 * fdt_check_full() and dtb_init().  strict: the tree is sane (unique
 * sibling names without '/', paths under 512 bytes), so that looking up
 * each node's path must find that node; otherwise the two readers need
 * only agree with each other.
 */
void	compare_with_libfdt(const void *blob, size_t len, bool strict);

#endif /* TEST_HOST_FDT_FDT_TEST_H */
