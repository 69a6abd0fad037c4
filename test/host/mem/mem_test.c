/*
 * test/host/mem/mem_test.c - helpers shared by the page and zone host tests.
 */
#include "mem_test.h"
#include "kernel/panic.h"

#include <stdarg.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static int tests_run;

void
check_fail(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s:%d: check failed: ", file, line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

/* the kernel's panic(): report and leave with PANIC_EXIT */
void
panic(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "panic: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	fflush(stderr);
	_exit(PANIC_EXIT);
}

bool
expect_panic(void (*fn)(void *arg), void *arg)
{
	pid_t pid;
	int status;

	fflush(stdout);
	fflush(stderr);
	pid = fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		fn(arg);
		_exit(0);
	}
	CHECK(waitpid(pid, &status, 0) == pid);
	return WIFEXITED(status) && WEXITSTATUS(status) == PANIC_EXIT;
}

void
ram_init(struct ram *ram, size_t size)
{
	memset(ram, 0, sizeof(*ram));
	ram->size = size;
	ram->buf = aligned_alloc(MiB(4), size);
	CHECK(ram->buf != NULL);
	memset(ram->buf, 0xa5, size);
}

void
ram_add(struct ram *ram, size_t off, uint64_t npages)
{
	CHECK(ram->n < VM_PHYS_MAX_RANGES);
	CHECK(off + npages * PAGE_SIZE <= ram->size);
	ram->r[ram->n].base = (paddr_t)(uintptr_t)(ram->buf + off);
	ram->r[ram->n].size = npages * PAGE_SIZE;
	ram->n++;
}

void
ram_boot(struct ram *ram)
{
	size_t sz = vm_page_bootstrap_size(ram->r, ram->n);

	free(ram->meta);
	ram->meta = malloc(sz ? sz : 1);
	CHECK(ram->meta != NULL);
	memset(ram->meta, 0x5a, sz);
	vm_page_bootstrap(ram->r, ram->n, ram->meta);
}

void
ram_fini(struct ram *ram)
{
	free(ram->meta);
	free(ram->buf);
	memset(ram, 0, sizeof(*ram));
}

/*
 * The shape of a segment with every page free, computed independently of
 * the allocator: a block of order o at pfn is there iff it fits in the
 * segment, is aligned, and its parent (order o + 1) does not fit or o is
 * the top order.
 */
static bool
block_fits(uint64_t lo, uint64_t hi, uint64_t pfn, unsigned o)
{
	return pfn % (1ull << o) == 0 && pfn >= lo && pfn + (1ull << o) <= hi;
}

void
ram_expected_blocks(const struct ram *ram, uint64_t nb[VM_PAGE_MAX_ORDER + 1])
{
	uint64_t lo, hi, parent;

	memset(nb, 0, sizeof(uint64_t) * (VM_PAGE_MAX_ORDER + 1));
	for (unsigned i = 0; i < ram->n; i++) {
		lo = ram->r[i].base / PAGE_SIZE;
		hi = lo + ram->r[i].size / PAGE_SIZE;
		for (uint64_t pfn = lo; pfn < hi; pfn++) {
			for (unsigned o = 0; o <= VM_PAGE_MAX_ORDER; o++) {
				if (!block_fits(lo, hi, pfn, o))
					break;
				parent = pfn & ~((2ull << o) - 1);
				if (o == VM_PAGE_MAX_ORDER ||
				    !block_fits(lo, hi, parent, o + 1))
					nb[o]++;
			}
		}
	}
}

static int
cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

void
check_initial_shape(const struct ram *ram)
{
	uint64_t want[VM_PAGE_MAX_ORDER + 1], got[VM_PAGE_MAX_ORDER + 1];
	uint64_t nblocks = 0, n = 0, lo, hi, pfn;
	struct vm_page_stats st = page_stats();
	struct vm_page *m;
	uint64_t *pfns;
	unsigned *orders;

	CHECK_EQ(st.free, st.total);
	vm_page_drain_caches();
	ram_expected_blocks(ram, want);
	vm_page_get_free_blocks(got);
	for (unsigned o = 0; o <= VM_PAGE_MAX_ORDER; o++) {
		CHECK_EQ(got[o], want[o]);
		nblocks += want[o];
	}

	/*
	 * Take the blocks from the top order down: each must be one of the
	 * expected ones (aligned, inside one range, maximal), none twice.
	 */
	pfns = calloc(nblocks + 1, sizeof(*pfns));
	orders = calloc(nblocks + 1, sizeof(*orders));
	CHECK(pfns != NULL && orders != NULL);
	for (int o = VM_PAGE_MAX_ORDER; o >= 0; o--) {
		while ((m = vm_page_alloc_order((unsigned)o)) != NULL) {
			CHECK(n < nblocks);
			pfn = vm_page_to_pa(m) / PAGE_SIZE;
			bool found = false;
			for (unsigned i = 0; i < ram->n; i++) {
				lo = ram->r[i].base / PAGE_SIZE;
				hi = lo + ram->r[i].size / PAGE_SIZE;
				if (block_fits(lo, hi, pfn, (unsigned)o) &&
				    (o == VM_PAGE_MAX_ORDER || !block_fits(lo, hi,
				    pfn & ~((2ull << o) - 1), (unsigned)o + 1)))
					found = true;
			}
			CHECK(found);
			pfns[n] = pfn;
			orders[n++] = (unsigned)o;
		}
	}
	CHECK_EQ(n, nblocks);
	st = page_stats();
	CHECK_EQ(st.free, 0);
	for (uint64_t i = 0; i < n; i++)
		vm_page_free_order(vm_page_from_pa(pfns[i] * PAGE_SIZE),
		    orders[i]);
	qsort(pfns, n, sizeof(*pfns), cmp_u64);
	for (uint64_t i = 1; i < n; i++)
		CHECK(pfns[i] != pfns[i - 1]);
	free(pfns);
	free(orders);
	st = page_stats();
	CHECK_EQ(st.free, st.total);
	vm_page_drain_caches();
	vm_page_get_free_blocks(got);
	for (unsigned o = 0; o <= VM_PAGE_MAX_ORDER; o++)
		CHECK_EQ(got[o], want[o]);
}

struct vm_page_stats
page_stats(void)
{
	struct vm_page_stats st;

	vm_page_get_stats(&st);
	return st;
}

void
run_test(const char *name, void (*fn)(void))
{
	host_cpu_set(0);
	fn();
	printf("ok %d - %s\n", ++tests_run, name);
	fflush(stdout);
}

int
tests_done(void)
{
	printf("1..%d\n", tests_run);
	return 0;
}

uint64_t
rnd(uint64_t *s)
{
	uint64_t x = *s;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	*s = x;
	return x * 0x2545f4914f6cdd1dull;
}
