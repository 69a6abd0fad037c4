/*
 * kernel/lib/ksyms.c - address to function name, by binary search.
 */
#include "kernel/lib/ksyms.h"

extern const uint64_t ksyms_count;
extern const uint64_t ksyms_addrs[];	/* sorted; the last entry is _etext */
extern const uint32_t ksyms_name_offs[];
extern const char ksyms_names[];

const char *
ksym_lookup(uint64_t addr, uint64_t *offset)
{
	uint64_t lo = 0, hi = ksyms_count;

	if (hi < 2 || addr < ksyms_addrs[0] || addr >= ksyms_addrs[hi - 1])
		return NULL;
	/* find the last entry <= addr among the first count-1 */
	hi--;
	while (hi - lo > 1) {
		uint64_t mid = lo + (hi - lo) / 2;

		if (ksyms_addrs[mid] <= addr)
			lo = mid;
		else
			hi = mid;
	}
	*offset = addr - ksyms_addrs[lo];
	return &ksyms_names[ksyms_name_offs[lo]];
}

uint64_t
ksym_count(void)
{
	return ksyms_count;
}
