/*
 * task/host_trap.c - calls on the host port that XNU makes MIG routines
 * of host.defs, here traps of rvmach's own (docs/abi.md): each
 * processor's info (host_processor_info) and the kernel's version
 * (host_kernel_version).
 */
#include <mach/host_info.h>
#include <mach/processor_info.h>
#include "kernel/copyio.h"
#include "kernel/cpu.h"
#include "kernel/kernel.h"
#include "kernel/lib/string.h"
#include "kernel/sched/sched.h"
#include "task/task_trap.h"

_Static_assert(PROCESSOR_BASIC_INFO_COUNT == 5, "processor_basic_info");
_Static_assert(PROCESSOR_CPU_LOAD_INFO_COUNT == CPU_STATE_MAX,
    "processor_cpu_load_info");

/* one processor's info: the larger flavor's size */
union processor_info_one {
	struct processor_basic_info basic;
	struct processor_cpu_load_info load;
};

/* the integers flavor takes per processor, or 0: a flavor not answered */
static uint32_t
processor_info_count(processor_flavor_t flavor)
{
	switch (flavor) {
	case PROCESSOR_BASIC_INFO:
		return PROCESSOR_BASIC_INFO_COUNT;
	case PROCESSOR_CPU_LOAD_INFO:
		return PROCESSOR_CPU_LOAD_INFO_COUNT;
	default:
		return 0;
	}
}

static void
processor_info_fill(uint32_t cpu, processor_flavor_t flavor,
    const struct host_basic_info *hi, union processor_info_one *p)
{
	uint64_t ticks[SCHED_CPU_STATES];

	memset(p, 0, sizeof(*p));
	if (flavor == PROCESSOR_BASIC_INFO) {
		p->basic.cpu_type = hi->cpu_type;
		p->basic.cpu_subtype = hi->cpu_subtype;
		p->basic.running = __atomic_load_n(&cpus[cpu].online,
		    __ATOMIC_ACQUIRE);
		p->basic.slot_num = (int)cpu;
		p->basic.is_master = cpu == 0;	/* the boot hart is cpus[0] */
		return;
	}
	sched_cpu_ticks_of(cpu, ticks);
	p->load.cpu_ticks[CPU_STATE_USER] = (unsigned)ticks[SCHED_CPU_USER];
	p->load.cpu_ticks[CPU_STATE_SYSTEM] = (unsigned)ticks[SCHED_CPU_SYSTEM];
	p->load.cpu_ticks[CPU_STATE_IDLE] = (unsigned)ticks[SCHED_CPU_IDLE];
	p->load.cpu_ticks[CPU_STATE_NICE] = (unsigned)ticks[SCHED_CPU_NICE];
}

/*
 * rvmach_host_processor_info(host, flavor, info *, max, pcount *, count *):
 * every processor's info of flavor, one after another, if max (integers)
 * holds them all, else nothing written; *pcount the processors, *count
 * the integers they take (libmach allocates that much and asks again).
 * As XNU: KERN_FAILURE for a flavor not answered.
 */
uint64_t
trap_host_processor_info(const uint64_t a[USERTRAP_NARGS])
{
	processor_flavor_t flavor = (processor_flavor_t)a[1];
	uint32_t per = processor_info_count(flavor), max = (uint32_t)a[3];
	uint32_t n = ncpus, count = per * ncpus, hcount = HOST_BASIC_INFO_COUNT;
	struct host_basic_info hi;
	union processor_info_one p;

	if (!port_name_is_host((mach_port_name_t)a[0]))
		return MACH_SEND_INVALID_DEST;
	if (per == 0)
		return KERN_FAILURE;
	if (host_info_fill(HOST_BASIC_INFO, &hi, &hcount) != KERN_SUCCESS)
		return KERN_FAILURE;
	for (uint32_t i = 0; max >= count && i < n; i++) {
		processor_info_fill(i, flavor, &hi, &p);
		if (copyout(&p, a[2] + (vaddr_t)i * per * sizeof(integer_t),
		    per * sizeof(integer_t)) != KERN_SUCCESS)
			return KERN_INVALID_ADDRESS;
	}
	if (copyout(&n, a[4], sizeof(n)) != KERN_SUCCESS ||
	    copyout(&count, a[5], sizeof(count)) != KERN_SUCCESS)
		return KERN_INVALID_ADDRESS;
	return KERN_SUCCESS;
}

/* rvmach_host_kernel_version(host, kernel_version_t): the version string */
uint64_t
trap_host_kernel_version(const uint64_t a[USERTRAP_NARGS])
{
	static const char version[] = "rvmach Kernel Version " RVMACH_VERSION
	    ": riscv64 (Sv39, SMP)";
	_Static_assert(sizeof(version) <= KERNEL_VERSION_MAX, "kernel version");

	if (!port_name_is_host((mach_port_name_t)a[0]))
		return MACH_SEND_INVALID_DEST;
	if (copyout(version, a[1], sizeof(version)) != KERN_SUCCESS)
		return KERN_INVALID_ADDRESS;
	return KERN_SUCCESS;
}
