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
#include "kernel/lib/failpoint.h"
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

/*
 * A guarded stack for a hart, and its overflow stack (panic only).  Once
 * per hart: a retried start keeps the stacks of the first attempt.
 * Returns 0, or -1 with nothing allocated if memory ran out.
 */
static int
cpu_alloc_stacks(struct cpu *c)
{
	vaddr_t stack, ovf;

	if (c->kstack_top != 0)
		return 0;
	stack = failpoint("cpu_stacks", c->id) ? 0 : kstack_alloc();
	ovf = stack != 0 ? kstack_alloc() : 0;
	if (ovf == 0) {
		if (stack != 0)
			kstack_free(stack);
		return -1;
	}
	c->kstack_top = stack;
	c->ovf_stack_top = ovf;
	return 0;
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
	/* the boot hart: without its stacks nothing can run at all */
	if (cpu_alloc_stacks(c) != 0)
		boot_fail("memory", "no memory for the boot hart's stacks");
	machine_call_on_stack(c->kstack_top, boot_continue, NULL);
}

/* per secondary, for machine_cpu_describe: [o] the boot hart's */
static long cpu_start_error[MAX_CPUS];	/* last hart_start error, 0 if none */
static uint32_t cpu_start_calls[MAX_CPUS]; /* machine_cpu_start calls */

/* entry.S: harts that reached park, and their hand-off records (by PA) */
extern volatile uint64_t boot_parked;
extern volatile uint64_t boot_park_mailbox[64];

static bool
cpu_parked(const struct cpu *c)
{
	return c->hartid < 64 &&
	    (__atomic_load_n(&boot_parked, __ATOMIC_ACQUIRE) >> c->hartid & 1);
}

/*
 * Fill the hand-off record secondary_entry reads by physical address, and
 * (if post) post it where a hart that ends up in entry.S's park loop finds it.
 */
static void
cpu_boot_record(struct cpu *c, struct boot_secondary *bs, bool post)
{
	c->self = c;
	bs->satp = pmap_kernel_satp();
	bs->sp = c->kstack_top;
	bs->cpu = (uint64_t)c;
	bs->entry = (uint64_t)secondary_high;
	/* the record and *c reach memory before the mailbox and hart_start */
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	if (post && c->hartid < 64)
		__atomic_store_n(&boot_park_mailbox[c->hartid],
		    kernel_va_to_pa(bs), __ATOMIC_SEQ_CST);
}

/* a parked hart has its record: wake it from its wfi */
static void
cpu_unpark(struct cpu *c)
{
	printf("rvmach: hart %u is parked at the kernel's entry point "
	    "(the firmware started it at its default address): moving it on\n",
	    c->hartid);
	sbi_send_ipi(1ul << (c->hartid % 64), c->hartid - c->hartid % 64);
}

/*
 * machine_cpu_start - ask the firmware (SBI HSM) to start hart cpu_id; it
 * runs kernel_main_secondary() on its own guarded stack.  The hart is asked
 * only when its HSM state is STOPPED (or cannot be read), so calling this
 * again for a hart on its way does no harm; a hart the firmware started at
 * the kernel's entry point instead (entry.S, park) is sent on from there.
 * Boot hart only.  Returns
 *	MACHINE_CPU_ASKED	hart_start accepted: wait for cpus[cpu_id].online
 *	MACHINE_CPU_PENDING	the firmware has it starting or started: wait
 *	MACHINE_CPU_NOMEM	no memory for its stacks: leave it offline
 *	MACHINE_CPU_REFUSED	hart_start failed (machine_cpu_describe says how)
 */
int
machine_cpu_start(uint32_t cpu_id)
{
	static struct boot_secondary boot_sec[MAX_CPUS];
	struct cpu *c = &cpus[cpu_id];
	paddr_t entry = kernel_va_to_pa(secondary_entry);
	bool late;
	long state, err;

	if (cpu_alloc_stacks(c) != 0)
		return MACHINE_CPU_NOMEM;
	/*
	 * Tests: cpu_entry starts the hart at the kernel's entry point, as the
	 * OpenSBI 1.1 race does; cpu_entry_late also posts its record only at
	 * the next attempt, so the hart waits parked until woken.
	 */
	late = failpoint("cpu_entry_late", cpu_id) && cpu_start_calls[cpu_id] == 0;
	if (late || failpoint("cpu_entry", cpu_id))
		entry = kernel_va_to_pa(_start);
	cpu_start_calls[cpu_id]++;
	cpu_boot_record(c, &boot_sec[cpu_id], !late);
	state = sbi_hart_status(c->hartid);
	if (cpu_parked(c) && state != SBI_HSM_STOPPED && !late) {
		cpu_unpark(c);
		return MACHINE_CPU_PENDING;
	}
	if (state == SBI_HSM_START_PENDING || state == SBI_HSM_STARTED)
		return MACHINE_CPU_PENDING;
	err = sbi_hart_start(c->hartid, entry, kernel_va_to_pa(&boot_sec[cpu_id]));
	if (err != SBI_SUCCESS) {
		cpu_start_error[cpu_id] = err;
		return MACHINE_CPU_REFUSED;
	}
	return MACHINE_CPU_ASKED;
}

/*
 * machine_cpu_describe - the firmware's view of a hart that is not online,
 * for a message: "HSM state START_PENDING, hart_start ALREADY_AVAILABLE (-6)".
 */
void
machine_cpu_describe(uint32_t cpu_id, char *buf, size_t len)
{
	struct cpu *c = &cpus[cpu_id];
	long state = sbi_hart_status(c->hartid), err = cpu_start_error[cpu_id];
	int n;

	if (state >= 0)
		n = snprintf(buf, len, "HSM state %s", sbi_hsm_state_name(state));
	else
		n = snprintf(buf, len, "HSM state unknown: %s (%ld)",
		    sbi_error_name(state), state);
	if (err != 0 && n >= 0 && (size_t)n < len)
		n += snprintf(buf + n, len - (size_t)n, ", hart_start %s (%ld)",
		    sbi_error_name(err), err);
	if (cpu_parked(c) && n >= 0 && (size_t)n < len)
		snprintf(buf + n, len - (size_t)n, ", parked at the kernel's "
		    "entry point instead of secondary_entry");
}

/* machine_cpu_stop - this secondary gives itself back to the firmware */
void
machine_cpu_stop(void)
{
	intr_disable();
	csr_write(sie, 0);
	sbi_hart_stop();
	machine_halt_hart();	/* no HSM stop: wait here for ever */
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

/* machine_startup - boot hart, once: interrupt controller, RTC, console input */
void
machine_startup(void)
{
	plic_init();
	rtc_init();
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
	if (cpu_parked(c))
		printf("rvmach: hart %u came in through the kernel's entry point, "
		    "not secondary_entry: carried on from there\n", c->hartid);
	kernel_main_secondary();
}
