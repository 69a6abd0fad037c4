/*
 * test/user/utimes.c - CPU time and host statistics: thread_info's times,
 * usage and flavors (THREAD_BASIC_INFO, THREAD_IDENTIFIER_INFO,
 * THREAD_EXTENDED_INFO), task_info's times (of the threads that ended,
 * of the live ones, in absolute time), host_statistics and
 * host_statistics64 (load, VM counts, ticks by CPU state, every revision's
 * count) and the page size calls, with their errors.
 *
 * Times are sampled by the 10 ms clock tick, so a check asks for at least
 * one tick where a loop ran for several, and for no more than the time
 * that passed plus a tick or two.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <mach/mach.h>
#include <mach/rvmach_debug.h>

#include "ktap.h"
#include "utest_util.h"

#define TICK_NS		10000000ull
#define PAGE		4096

static mach_port_t self;
static mach_timebase_info_data_t tb;
static char stack_a[16384] __attribute__((aligned(16)));

static uint64_t
now_ns(void)
{
	return mach_absolute_time() * tb.numer / tb.denom;
}

static uint64_t
tv_ns(time_value_t tv)
{
	return (uint64_t)tv.seconds * 1000000000ull +
	    (uint64_t)tv.microseconds * 1000ull;
}

/* spin in user mode for ns of time */
static void
spin_user(uint64_t ns)
{
	uint64_t end = now_ns() + ns;
	volatile uint64_t sink = 0;

	while (now_ns() < end)
		sink++;
}

static kern_return_t
basic_info(thread_act_t th, struct thread_basic_info *bi)
{
	mach_msg_type_number_t count = THREAD_BASIC_INFO_COUNT;

	return thread_info(th, THREAD_BASIC_INFO, (thread_info_t)bi, &count);
}

static void
test_thread_times(void)
{
	thread_act_t me = mach_thread_self();
	struct thread_basic_info b0, b1, b2;
	uint64_t t0, elapsed;
	mach_vm_address_t a = 0;
	bool ok;

	ok = basic_info(me, &b0) == KERN_SUCCESS;
	t0 = now_ns();
	spin_user(80 * 1000000ull);
	elapsed = now_ns() - t0;
	ok = ok && basic_info(me, &b1) == KERN_SUCCESS;
	ktap_ok(ok && tv_ns(b1.user_time) >= tv_ns(b0.user_time) + TICK_NS &&
	    tv_ns(b1.user_time) - tv_ns(b0.user_time) <= elapsed + 2 * TICK_NS,
	    "user_time_counts_a_user_loop");
	if (!ok)
		return;
	ktap_diag("80 ms in user mode: user_time +%llu ms, system_time +%llu ms",
	    (unsigned long long)((tv_ns(b1.user_time) - tv_ns(b0.user_time)) /
	    1000000), (unsigned long long)((tv_ns(b1.system_time) -
	    tv_ns(b0.system_time)) / 1000000));

	/* faults are kernel work: touching fresh pages for 80 ms */
	t0 = now_ns();
	ok = mach_vm_allocate(self, &a, 64 * PAGE, VM_FLAGS_ANYWHERE) ==
	    KERN_SUCCESS;
	while (ok && now_ns() - t0 < 80 * 1000000ull) {
		for (int i = 0; i < 64; i++)
			((volatile char *)(uintptr_t)a)[i * PAGE] = 1;
		mach_vm_deallocate(self, a, 64 * PAGE);
		a = 0;
		ok = mach_vm_allocate(self, &a, 64 * PAGE, VM_FLAGS_ANYWHERE) ==
		    KERN_SUCCESS;
	}
	if (a != 0)
		mach_vm_deallocate(self, a, 64 * PAGE);
	ok = ok && basic_info(me, &b2) == KERN_SUCCESS;
	ktap_ok(ok && tv_ns(b2.system_time) >= tv_ns(b1.system_time) + TICK_NS,
	    "system_time_counts_faults");
	ktap_ok(ok && b2.cpu_usage >= 0 && b2.cpu_usage <= TH_USAGE_SCALE &&
	    b2.policy == POLICY_TIMESHARE && b2.run_state == TH_STATE_RUNNING &&
	    b2.user_time.microseconds < TIME_MICROS_MAX &&
	    b2.system_time.microseconds < TIME_MICROS_MAX,
	    "basic_info_fields_in_range");
	mach_port_deallocate(self, me);
}

/* the ticks every hart has taken, in all states (0 if the call fails) */
static uint64_t
all_ticks(void)
{
	host_cpu_load_info_data_t c;
	mach_msg_type_number_t count = HOST_CPU_LOAD_INFO_COUNT;
	host_t host = mach_host_self();
	uint64_t sum = 0;
	kern_return_t kr;

	kr = host_statistics(host, HOST_CPU_LOAD_INFO, (host_info_t)&c, &count);
	mach_port_deallocate(self, host);
	if (kr != KERN_SUCCESS)
		return 0;
	for (int s = 0; s < CPU_STATE_MAX; s++)
		sum += c.cpu_ticks[s];
	return sum;
}

/* the harts the host reports, 1 if the call fails */
static uint64_t
harts(void)
{
	host_basic_info_data_t hi;
	mach_msg_type_number_t count = HOST_BASIC_INFO_COUNT;
	host_t host = mach_host_self();
	kern_return_t kr;

	kr = host_info(host, HOST_BASIC_INFO, (host_info_t)&hi, &count);
	mach_port_deallocate(self, host);
	if (kr != KERN_SUCCESS || hi.avail_cpus < 1)
		return 1;
	return (uint64_t)hi.avail_cpus;
}

/*
 * A whole window of spinning: the usage of one hart, nearly.  The usage
 * counts the ticks that found the thread running, and a tick that comes
 * late because the host did not run the vCPU is dropped: on a host that
 * gave the harts less than half their ticks, the figure would measure
 * the host, and the test says so instead of passing or failing.
 */
static void
test_usage(void)
{
	thread_act_t me = mach_thread_self();
	struct thread_basic_info bi;
	uint64_t t0 = now_ns(), k0 = all_ticks(), elapsed, ticks, want;
	bool ok;

	spin_user(2300 * 1000000ull);	/* a whole 1.07 s window, whatever the phase */
	ok = basic_info(me, &bi) == KERN_SUCCESS;
	elapsed = now_ns() - t0;
	ticks = all_ticks() - k0;
	want = harts() * (elapsed / TICK_NS);
	ktap_diag("cpu_usage after %llu ms of spinning: %d (the harts took "
	    "%llu of %llu ticks)", (unsigned long long)(elapsed / 1000000),
	    bi.cpu_usage, (unsigned long long)ticks, (unsigned long long)want);
	if (ok && ticks < want / 2 && bi.cpu_usage < TH_USAGE_SCALE * 3 / 10)
		ktap_skip("cpu_usage_of_a_spinning_thread", "the host ran the "
		    "harts for %llu of %llu ticks", (unsigned long long)ticks,
		    (unsigned long long)want);
	else
		ktap_ok(ok && bi.cpu_usage >= TH_USAGE_SCALE * 3 / 10 &&
		    bi.cpu_usage <= TH_USAGE_SCALE,
		    "cpu_usage_of_a_spinning_thread");
	mach_port_deallocate(self, me);
}

static volatile uint64_t other_id_ready;
static volatile uint64_t other_go_on;

static void
other_thread(void *arg __attribute__((unused)))
{
	__atomic_store_n(&other_id_ready, 1, __ATOMIC_RELEASE);
	wait_for(&other_go_on, 1);
	spin_user(50 * 1000000ull);
	thread_return();
}

static uint64_t
thread_id_of(thread_act_t th, kern_return_t *krp)
{
	struct thread_identifier_info id;
	mach_msg_type_number_t count = THREAD_IDENTIFIER_INFO_COUNT;

	memset(&id, 0xff, sizeof(id));
	*krp = thread_info(th, THREAD_IDENTIFIER_INFO, (thread_info_t)&id, &count);
	return *krp == KERN_SUCCESS && count == THREAD_IDENTIFIER_INFO_COUNT &&
	    id.thread_handle == 0 && id.dispatch_qaddr == 0 ? id.thread_id : 0;
}

static void
test_flavors_and_task_times(void)
{
	thread_act_t me = mach_thread_self();
	struct thread_extended_info ext;
	struct thread_basic_info bi;
	struct mach_task_basic_info tbi0, tbi1;
	struct task_thread_times_info tti;
	struct task_absolutetime_info tai;
	thread_act_array_t list = NULL;
	mach_msg_type_number_t count, nthreads = 0;
	thread_act_t other = MACH_PORT_NULL;
	uint64_t id_me, id_other = 0, id_again;
	kern_return_t kr, kr2;
	bool ok;

	id_me = thread_id_of(me, &kr);
	id_again = thread_id_of(me, &kr2);
	ok = rvmach_thread_start(other_thread, NULL, stack_a, sizeof(stack_a)) ==
	    KERN_SUCCESS && wait_for(&other_id_ready, 1);
	if (ok && task_threads(self, &list, &nthreads) == KERN_SUCCESS) {
		for (mach_msg_type_number_t i = 0; i < nthreads; i++) {
			if (list[i] != me && other == MACH_PORT_NULL)
				other = list[i];
			else
				mach_port_deallocate(self, list[i]);
		}
		mach_vm_deallocate(self, (mach_vm_address_t)(uintptr_t)list,
		    nthreads * sizeof(thread_act_t));
	}
	if (other != MACH_PORT_NULL)
		id_other = thread_id_of(other, &kr2);
	ktap_ok(kr == KERN_SUCCESS && id_me != 0 && id_me == id_again &&
	    id_other != 0 && id_other != id_me, "identifier_info_unique_and_stable");

	count = THREAD_EXTENDED_INFO_COUNT;
	memset(&ext, 0, sizeof(ext));
	kr = thread_info(me, THREAD_EXTENDED_INFO, (thread_info_t)&ext, &count);
	ok = kr == KERN_SUCCESS && basic_info(me, &bi) == KERN_SUCCESS;
	ktap_ok(ok && count == THREAD_EXTENDED_INFO_COUNT &&
	    ext.pth_user_time <= tv_ns(bi.user_time) &&
	    ext.pth_user_time + TICK_NS >= tv_ns(bi.user_time) &&
	    ext.pth_run_state == TH_STATE_RUNNING && ext.pth_curpri == 31 &&
	    ext.pth_priority == 31 && ext.pth_name[MAXTHREADNAMESIZE - 1] == '\0',
	    "extended_info_matches_basic");

	/* counts and flavors refused, nothing written */
	count = THREAD_BASIC_INFO_COUNT - 1;
	bi.suspend_count = 12345;
	kr = thread_info(me, THREAD_BASIC_INFO, (thread_info_t)&bi, &count);
	kr2 = thread_info(me, 99, (thread_info_t)&bi, &count);
	ktap_ok(kr == KERN_INVALID_ARGUMENT && kr2 == KERN_INVALID_ARGUMENT &&
	    count == THREAD_BASIC_INFO_COUNT - 1 && bi.suspend_count == 12345,
	    "thread_info_bad_count_or_flavor_invalid_argument");

	/* the other thread spins 50 ms and ends: its time moves to the task's */
	count = MACH_TASK_BASIC_INFO_COUNT;
	ok = task_info(self, MACH_TASK_BASIC_INFO, (task_info_t)&tbi0, &count) ==
	    KERN_SUCCESS;
	__atomic_store_n(&other_go_on, 1, __ATOMIC_RELEASE);
	memset(&tbi1, 0, sizeof(tbi1));
	for (int i = 0; ok && i < WAIT_MS; i++) {
		count = MACH_TASK_BASIC_INFO_COUNT;
		ok = task_info(self, MACH_TASK_BASIC_INFO, (task_info_t)&tbi1,
		    &count) == KERN_SUCCESS;
		if (tv_ns(tbi1.user_time) > tv_ns(tbi0.user_time))
			break;
		sleep_ms(1);
	}
	ktap_ok(ok && tv_ns(tbi1.user_time) >= tv_ns(tbi0.user_time) + TICK_NS &&
	    tv_ns(tbi1.user_time) <= tv_ns(tbi0.user_time) + 50 * 1000000ull +
	    2 * TICK_NS, "task_basic_info_times_of_ended_threads");

	count = TASK_THREAD_TIMES_INFO_COUNT;
	ok = task_info(self, TASK_THREAD_TIMES_INFO, (task_info_t)&tti, &count) ==
	    KERN_SUCCESS && count == TASK_THREAD_TIMES_INFO_COUNT &&
	    basic_info(me, &bi) == KERN_SUCCESS;
	ktap_ok(ok && tv_ns(tti.user_time) + TICK_NS >= tv_ns(bi.user_time) &&
	    tti.user_time.microseconds < TIME_MICROS_MAX,
	    "thread_times_info_of_live_threads");

	count = TASK_ABSOLUTETIME_INFO_COUNT;
	ok = task_info(self, TASK_ABSOLUTETIME_INFO, (task_info_t)&tai, &count) ==
	    KERN_SUCCESS && count == TASK_ABSOLUTETIME_INFO_COUNT;
	ktap_ok(ok && tai.total_user >= tai.threads_user &&
	    tai.total_system >= tai.threads_system &&
	    (tai.total_user - tai.threads_user) * tb.numer / tb.denom + TICK_NS >=
	    tv_ns(tbi1.user_time), "absolutetime_info_total_and_live");

	count = TASK_THREAD_TIMES_INFO_COUNT - 1;
	ktap_ok(task_info(self, TASK_THREAD_TIMES_INFO, (task_info_t)&tti,
	    &count) == KERN_INVALID_ARGUMENT, "task_info_short_count_invalid_argument");
	if (other != MACH_PORT_NULL)
		mach_port_deallocate(self, other);
	mach_port_deallocate(self, me);
}

static void
test_host_statistics(void)
{
	host_t host = mach_host_self();
	struct host_cpu_load_info c0, c1;
	struct host_load_info load;
	struct vm_statistics vm;
	struct vm_statistics64 vm64, vm64b;
	mach_msg_type_number_t count, c2;
	kern_return_t kr, kr2;
	mach_vm_address_t a = 0;
	uint64_t ticks0 = 0, ticks1 = 0;
	vm_size_t ps = 0;
	bool ok;

	count = HOST_CPU_LOAD_INFO_COUNT;
	ok = host_statistics(host, HOST_CPU_LOAD_INFO, (host_info_t)&c0, &count) ==
	    KERN_SUCCESS && count == HOST_CPU_LOAD_INFO_COUNT;
	spin_user(40 * 1000000ull);
	count = HOST_CPU_LOAD_INFO_COUNT;
	ok = ok && host_statistics(host, HOST_CPU_LOAD_INFO, (host_info_t)&c1,
	    &count) == KERN_SUCCESS;
	for (int s = 0; s < CPU_STATE_MAX; s++) {
		ticks0 += c0.cpu_ticks[s];
		ticks1 += c1.cpu_ticks[s];
	}
	/* not "by 4": late ticks are dropped when the host does not run us */
	ktap_ok(ok && c1.cpu_ticks[CPU_STATE_USER] > c0.cpu_ticks[CPU_STATE_USER] &&
	    ticks1 > ticks0 && c1.cpu_ticks[CPU_STATE_NICE] == 0,
	    "cpu_load_info_ticks_advance");

	count = HOST_LOAD_INFO_COUNT;
	ok = host_statistics(host, HOST_LOAD_INFO, (host_info_t)&load, &count) ==
	    KERN_SUCCESS && count == HOST_LOAD_INFO_COUNT;
	/* after test_usage's seconds of spinning: at least one thread ran */
	ktap_ok(ok && load.avenrun[0] > 0 && load.avenrun[0] <= 64 * LOAD_SCALE &&
	    load.mach_factor[0] >= 0, "load_info_after_a_busy_second");

	/* every revision's count, and the fault counts move */
	count = HOST_VM_INFO_REV0_COUNT;
	kr = host_statistics(host, HOST_VM_INFO, (host_info_t)&vm, &count);
	c2 = HOST_VM_INFO_REV1_COUNT;
	kr2 = host_statistics(host, HOST_VM_INFO, (host_info_t)&vm, &c2);
	ok = kr == KERN_SUCCESS && count == HOST_VM_INFO_REV0_COUNT &&
	    kr2 == KERN_SUCCESS && c2 == HOST_VM_INFO_REV1_COUNT;
	count = HOST_VM_INFO_COUNT + 3;
	ok = ok && host_statistics(host, HOST_VM_INFO, (host_info_t)&vm, &count) ==
	    KERN_SUCCESS && count == HOST_VM_INFO_COUNT;
	ktap_ok(ok && vm.free_count > 0 && vm.active_count > 0 &&
	    vm.wire_count > 0, "vm_info_revisions_and_counts");

	count = HOST_VM_INFO64_COUNT;
	ok = host_statistics64(host, HOST_VM_INFO64, (host_info64_t)&vm64,
	    &count) == KERN_SUCCESS && count == HOST_VM_INFO64_COUNT;
	ok = ok && mach_vm_allocate(self, &a, 16 * PAGE, VM_FLAGS_ANYWHERE) ==
	    KERN_SUCCESS;
	for (int i = 0; ok && i < 16; i++)
		((volatile char *)(uintptr_t)a)[i * PAGE] = 1;
	count = HOST_VM_INFO64_REV0_COUNT;
	ok = ok && host_statistics64(host, HOST_VM_INFO64, (host_info64_t)&vm64b,
	    &count) == KERN_SUCCESS && count == HOST_VM_INFO64_REV0_COUNT;
	ktap_ok(ok && vm64b.faults >= vm64.faults + 16 &&
	    vm64b.zero_fill_count >= vm64.zero_fill_count + 16 &&
	    vm64.internal_page_count == vm64.active_count,
	    "vm_info64_counts_faults");
	if (a != 0)
		mach_vm_deallocate(self, a, 16 * PAGE);

	/* the errors XNU gives */
	count = HOST_CPU_LOAD_INFO_COUNT - 1;
	kr = host_statistics(host, HOST_CPU_LOAD_INFO, (host_info_t)&c0, &count);
	c2 = HOST_VM_INFO_REV0_COUNT - 1;
	kr2 = host_statistics(host, HOST_VM_INFO, (host_info_t)&vm, &c2);
	ktap_ok(kr == KERN_FAILURE && kr2 == KERN_FAILURE &&
	    count == HOST_CPU_LOAD_INFO_COUNT - 1, "short_count_kern_failure");
	count = HOST_VM_INFO64_COUNT;
	kr = host_statistics(host, HOST_VM_INFO64, (host_info_t)&vm64, &count);
	c2 = HOST_LOAD_INFO_COUNT;
	kr2 = host_statistics64(host, HOST_LOAD_INFO, (host_info64_t)&load, &c2);
	ktap_ok(kr == KERN_INVALID_ARGUMENT && kr2 == KERN_SUCCESS,
	    "vm_info64_only_through_statistics64");
	count = HOST_INFO64_MAX;
	kr = host_statistics64(host, 99, (host_info64_t)&vm64, &count);
	kr2 = host_statistics64(host, HOST_EXTMOD_INFO64, (host_info64_t)&vm64,
	    &count);
	ktap_ok(kr == KERN_INVALID_ARGUMENT && kr2 == KERN_INVALID_ARGUMENT,
	    "unknown_flavor_invalid_argument");
	count = HOST_LOAD_INFO_COUNT;
	kr = host_statistics(self, HOST_LOAD_INFO, (host_info_t)&load, &count);
	kr2 = host_statistics(host, HOST_LOAD_INFO,
	    (host_info_t)(uintptr_t)0xffffffc000000000ull, &count);
	ktap_ok(kr == MACH_SEND_INVALID_DEST && kr2 == KERN_INVALID_ADDRESS,
	    "not_a_host_or_bad_pointer");

	{
		uint64_t a0 = mach_absolute_time(), c = mach_continuous_time();
		uint64_t ap = mach_approximate_time();
		uint64_t cap = mach_continuous_approximate_time();

		ktap_ok(c >= a0 && ap >= a0 && cap >= a0 &&
		    mach_absolute_time() >= cap, "continuous_and_approximate_time");
	}
	kr = host_page_size(host, &ps);
	ktap_ok(kr == KERN_SUCCESS && ps == PAGE && vm_page_size == PAGE &&
	    vm_page_mask == PAGE - 1 && vm_page_shift == 12 &&
	    vm_kernel_page_size == PAGE && round_page(PAGE + 1) == 2 * PAGE &&
	    trunc_page(PAGE + 1) == PAGE, "page_size_calls");
	mach_port_deallocate(self, host);
}

int
main(void)
{
	mach_msg_type_number_t names_before;

	self = mach_task_self();
	mach_timebase_info(&tb);
	ktap_plan("utimes", 22);
	names_before = names_in_use();
	test_thread_times();
	test_usage();
	test_flavors_and_task_times();
	test_host_statistics();
	ktap_ok(names_before != 0 && names_in_use() == names_before,
	    "names_back_to_where_they_were");
	return ktap_done();
}
