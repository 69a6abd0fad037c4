/*
 * arch/riscv/boot.c - from the first C instruction to kernel_main().
 *
 * boot_main() runs on the boot stack with the boot page table: it reads the
 * platform from the DTB, builds the kernel page table, starts the page
 * allocator, finds the console, and moves to a guarded stack.  Secondary
 * harts enter secondary_main() once machine_cpu_start() has started them.
 */
#include <machine/csr.h>
#include <machine/machine.h>
#include <machine/vmparam.h>
#include "arch/riscv/riscv.h"
#include "arch/riscv/sbi.h"
#include "kernel/console.h"
#include "kernel/cpu.h"
#include "kernel/kernel.h"
#include "kernel/lib/printf.h"
#include "kernel/lib/string.h"
#include "kernel/panic.h"
#include "kernel/vm/kstack.h"
#include "kernel/vm/vm_page.h"

struct platform platform;
paddr_t kernel_load_pa;

void boot_main(uint64_t hartid, paddr_t dtb_pa, paddr_t load_pa) __noreturn;
void secondary_main(uint64_t hartid, struct cpu *c) __noreturn;

/* what secondary_entry reads, by physical address (see entry.S) */
struct boot_secondary {
	uint64_t satp;
	uint64_t sp;
	uint64_t cpu;
	uint64_t entry;
};

static void
cpu_setup_self(struct cpu *c)
{
	c->self = c;
	cpu_set_current(c);
	csr_write(sscratch, 0);
	csr_write(stvec, (uint64_t)trap_vector);
}

/* number harts: the boot hart is cpu 0, the others follow in DTB order */
static void
cpus_from_platform(uint32_t boot_hartid)
{
	uint32_t id = 1;

	for (uint32_t i = 0; i < platform.nharts; i++) {
		const struct platform_hart *h = &platform.harts[i];
		struct cpu *c = h->hartid == boot_hartid ? &cpus[0] : &cpus[id++];

		if (c != &cpus[0] && id > MAX_CPUS)
			break;
		c->id = (uint32_t)(c - cpus);
		c->hartid = h->hartid;
		c->has_sstc = h->has_sstc;
		c->plic_ctx = h->plic_sctx;
	}
	ncpus = id;
}

static void
boot_fail(const char *what, const char *why) __noreturn;
static void
boot_fail(const char *what, const char *why)
{
	printf("rvmach: cannot boot: %s: %s\n", what, why);
	sbi_shutdown(true);
}

static void
boot_memory(void)
{
	size_t meta = vm_page_bootstrap_size(platform.mem, platform.nmem);
	paddr_t pa = boot_steal(meta);

	bool u7 = false;

	vm_page_bootstrap(platform.mem, platform.nmem, phys_to_kva(pa));
	pmap_bootstrap_done();
	for (uint32_t i = 0; i < platform.nharts; i++)
		u7 |= platform.harts[i].sifive_u7;
	pmap_user_bootstrap(u7);
}

/* a guarded stack for a hart, and its overflow stack (panic only) */
static void
cpu_alloc_stacks(struct cpu *c)
{
	vaddr_t ovf = kstack_alloc();

	c->kstack_top = kstack_alloc();
	if (c->kstack_top == 0 || ovf == 0)
		panic("cpu_alloc_stacks: out of memory for hart %u", c->hartid);
	c->ovf_stack_top = ovf;
}

static void
boot_continue(void *arg __unused)
{
	kernel_main();
}

void
boot_main(uint64_t hartid, paddr_t dtb_pa, paddr_t load_pa)
{
	static char err[128];
	struct cpu *c = &cpus[0];

	kernel_load_pa = load_pa;
	c->hartid = (uint32_t)hartid;
	cpu_setup_self(c);
	uart_early_init();
	printf("rvmach: hart %lu entered the kernel at %#lx, DTB at %#lx\n",
	    hartid, load_pa, dtb_pa);

	if (dtb_pa == 0)
		boot_fail("DTB", "no device tree from the firmware (a1 = 0)");
	if (platform_discover(&platform, phys_to_kva(dtb_pa), MiB(64), dtb_pa,
	    load_pa, (uint64_t)(_end - _start), err, sizeof(err)) != 0)
		boot_fail("DTB", err);
	if (platform_hart_index(&platform, (uint32_t)hartid) < 0)
		boot_fail("DTB", "the boot hart is not a usable hart");
	cpus_from_platform((uint32_t)hartid);

	pmap_bootstrap();
	boot_memory();
	uart_init();
	cpu_alloc_stacks(c);
	machine_call_on_stack(c->kstack_top, boot_continue, NULL);
}

/*
 * machine_cpu_start - start hart cpu_id through SBI HSM; it runs
 * secondary_main() on its own guarded stack.  Returns 0 once asked, -1 if
 * the firmware refused (the hart stays parked).
 */
int
machine_cpu_start(uint32_t cpu_id, vaddr_t sp __unused)
{
	static struct boot_secondary boot_sec[MAX_CPUS];
	struct boot_secondary *bs = &boot_sec[cpu_id];
	struct cpu *c = &cpus[cpu_id];
	long err;

	cpu_alloc_stacks(c);
	c->self = c;
	bs->satp = pmap_kernel_satp();
	bs->sp = c->kstack_top;
	bs->cpu = (uint64_t)c;
	bs->entry = (uint64_t)secondary_high;
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	err = sbi_hart_start(c->hartid, kernel_va_to_pa(secondary_entry),
	    kernel_va_to_pa(bs));
	if (err != 0) {
		printf("rvmach: hart %u: SBI hart_start failed (%ld)\n",
		    c->hartid, err);
		return -1;
	}
	return 0;
}

bool
machine_initrd(paddr_t *start, uint64_t *size)
{
	if (platform.initrd_end <= platform.initrd_start)
		return false;
	*start = platform.initrd_start;
	*size = platform.initrd_end - platform.initrd_start;
	return true;
}

const char *
machine_bootargs(void)
{
	return platform.bootargs;
}

/* machine_startup - boot hart, once: interrupt controller, console input */
void
machine_startup(void)
{
	plic_init();
	uart_enable_rx_intr();
}

/* machine_cpu_init - every hart: timer, IPIs, external interrupts */
void
machine_cpu_init(void)
{
	riscv_timer_init_hart();
	plic_init_hart();
	/* user mode may read cycle, time and instret (mach_absolute_time, benches) */
	csr_write(scounteren, 0x7);
	csr_set(sie, SIE_SSIE);
}

void
secondary_main(uint64_t hartid, struct cpu *c)
{
	KASSERT(c->hartid == hartid);
	cpu_setup_self(c);
	__asm__ volatile("sfence.vma" ::: "memory");
	kernel_main_secondary();
}
