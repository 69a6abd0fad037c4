/*
 * test/ktest/ksyms.c - the symbol table backtraces use.
 */
#include "kernel/kernel.h"
#include "kernel/ktest/ktest.h"
#include "kernel/lib/ksyms.h"
#include "kernel/lib/string.h"

KTEST(ksyms, finds_functions)
{
	uint64_t off = 1;
	const char *name = ksym_lookup((uint64_t)&kernel_main, &off);

	KT_ASSERT_GT(ksym_count(), 100);
	KT_ASSERT_NOT_NULL(name);
	KT_ASSERT_STREQ(name, "kernel_main");
	KT_ASSERT_EQ(off, 0);
	name = ksym_lookup((uint64_t)&ksym_lookup + 6, &off);
	KT_ASSERT_NOT_NULL(name);
	KT_ASSERT_STREQ(name, "ksym_lookup");
	KT_ASSERT_EQ(off, 6);
}

KTEST(ksyms, rejects_non_text)
{
	uint64_t off;

	KT_ASSERT_NULL(ksym_lookup(0, &off));
	KT_ASSERT_NULL(ksym_lookup((uint64_t)&off, &off));
}
