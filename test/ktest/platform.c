/*
 * test/ktest/platform.c - what the kernel read from the firmware's DTB.
 */
#include "arch/riscv/riscv.h"
#include "kernel/cpu.h"
#include "kernel/kernel.h"
#include "kernel/ktest/ktest.h"
#include "kernel/lib/string.h"

KTEST(platform, harts_match_cpus)
{
	KT_ASSERT_GE(platform.nharts, 1);
	KT_ASSERT_EQ(platform.nharts, ncpus);
	KT_ASSERT_EQ(cpus_online(), ncpus);
	for (uint32_t i = 0; i < ncpus; i++) {
		KT_EXPECT(platform_hart_index(&platform, cpus[i].hartid) >= 0);
		KT_EXPECT(cpus[i].online);
	}
}

KTEST(platform, boot_hart_is_cpu0)
{
	KT_ASSERT(platform_hart_index(&platform, cpus[0].hartid) >= 0);
	KT_ASSERT_EQ(cpus[0].id, 0);
}

KTEST(platform, memory_excludes_image_and_dtb)
{
	paddr_t img = kernel_load_pa, img_end = img + (uint64_t)(_end - _start);
	paddr_t dtb = platform.dtb_base, dtb_end = dtb + platform.dtb_size;

	KT_ASSERT_GE(platform.nmem, 1);
	KT_ASSERT_GE(platform.dtb_size, 64);
	for (uint32_t i = 0; i < platform.nmem; i++) {
		paddr_t b = platform.mem[i].base, e = b + platform.mem[i].size;
		KT_EXPECT(e <= img || b >= img_end);
		KT_EXPECT(e <= dtb || b >= dtb_end);
		KT_EXPECT(IS_ALIGNED(b, 4096));
	}
}

KTEST(platform, timebase_and_console)
{
	KT_ASSERT_GT(platform.timebase_hz, 0);
	KT_ASSERT_NE(platform.console.kind, CONSOLE_SBI);
	KT_ASSERT_NE(platform.console.base, 0);
	KT_ASSERT_NE(platform.plic_base, 0);
}

KTEST(platform, every_hart_has_a_plic_context)
{
	for (uint32_t i = 0; i < platform.nharts; i++)
		KT_EXPECT_NE(platform.harts[i].plic_sctx, PLATFORM_NO_CTX);
}

KTEST(platform, bootargs_reached_the_kernel)
{
	KT_ASSERT_NOT_NULL(bootarg("ktest"));
	KT_ASSERT_NULL(bootarg("no-such-argument"));
}

/* the image header U-Boot's booti checks */
KTEST(platform, image_header)
{
	const uint8_t *h = (const uint8_t *)_start;

	KT_ASSERT_EQ(*(const uint64_t *)(h + 8), 0x200000);
	KT_ASSERT_EQ(*(const uint64_t *)(h + 16), (uint64_t)(_end - _start));
	KT_ASSERT_EQ(memcmp(h + 0x38, "RSC\x05", 4), 0);
	KT_ASSERT_EQ(memcmp(h + 0x30, "RISCV\0\0\0", 8), 0);
	KT_ASSERT(IS_ALIGNED(kernel_load_pa, 2 * 1024 * 1024));
}
