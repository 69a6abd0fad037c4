/*
 * test/ktest/task.c - task life cycles and their counters, suspension,
 * user programs from the initrd (faults, preemption, FPU on one hart, bad
 * executables), copyin/copyout, and the shootdown stress with user
 * mappings.
 */
#include <machine/machine.h>
#include <machine/pmap.h>
#include <machine/thread.h>
#include <machine/vmparam.h>
#include <mach/riscv/vm_param.h>
#include <mach/exception_types.h>
#include <mach/riscv/thread_status.h>
#include <mach/vm_statistics.h>
#include "kernel/copyio.h"
#include "kernel/ipi.h"
#include "kernel/ktest/ktest.h"
#include "kernel/lib/cpio.h"
#include "kernel/lib/string.h"
#include "kernel/sched/timer.h"
#include "kernel/vm/vm_user.h"
#include "task/exec.h"
#include "test/ktest/sched_util.h"
#include "test/ktest/vm_util.h"

#define CYCLES		1000

/* one task with 4 touched pages (and, odd cycles, a forked child), ended */
static bool
task_cycle(int i)
{
	vaddr_t a = 0;
	task_t t, c;

	if ((t = kt_task()) == NULL ||
	    vm_allocate(t->map, &a, 4 * PAGE_SIZE, VM_FLAGS_ANYWHERE) != KERN_SUCCESS)
		return false;
	for (int p = 0; p < 4; p++) {
		uint64_t *w = kt_touch(t->map, a + p * PAGE_SIZE, VM_PROT_WRITE);

		if (w == NULL)
			return false;
		*w = (uint64_t)i;
	}
	if (i & 1) {
		if (task_create_internal(t, true, &c) != KERN_SUCCESS)
			return false;
		*kt_touch(c->map, a, VM_PROT_WRITE) = 1;
		kt_task_end(c);
	}
	kt_task_end(t);
	return true;
}

KTEST(task, create_terminate_1000_back_to_baseline)
{
	struct vm_baseline base;

	KT_ASSERT(task_cycle(1));		/* warm-up: zones grow once */
	vm_baseline_take(&base);
	for (int i = 0; i < CYCLES; i++)
		KT_ASSERT(task_cycle(i));
	KT_EXPECT(vm_baseline_same(kt, &base));
}

KTEST(task, suspend_resume_nest)
{
	task_t t;

	KT_ASSERT_NOT_NULL(t = kt_task());
	KT_EXPECT_EQ(task_resume(t), KERN_FAILURE);
	KT_EXPECT_EQ(task_suspend(t), KERN_SUCCESS);
	KT_EXPECT_EQ(task_suspend(t), KERN_SUCCESS);
	KT_EXPECT_EQ(task_resume(t), KERN_SUCCESS);
	KT_EXPECT_EQ(task_resume(t), KERN_SUCCESS);
	KT_EXPECT_EQ(task_resume(t), KERN_FAILURE);
	KT_EXPECT_EQ(task_terminate(t), KERN_SUCCESS);
	KT_EXPECT_EQ(task_terminate(t), KERN_TERMINATED);
	KT_EXPECT_EQ(task_suspend(t), KERN_TERMINATED);
	KT_EXPECT_EQ(task_terminate(kernel_task), KERN_INVALID_ARGUMENT);
	KT_EXPECT_EQ(task_create_internal(kernel_task, true, &t),
	    KERN_INVALID_ARGUMENT);
	task_deallocate(t);
}

/* --- programs from the initrd --- */

static bool
have_initrd(void)
{
	return kt_have_initrd();
}

static task_t
spawn(struct ktest_ctx *kt, const char *path)
{
	return kt_spawn(kt, path);
}

KTEST(task, user_fault_terminates_task)
{
	struct vm_baseline base;
	task_t t;

	if (!have_initrd())
		KT_SKIP("no initrd (boot with -initrd build/user/initrd.cpio)");
	KT_ASSERT_NOT_NULL(t = spawn(kt, "test/crash_fault"));	/* warm-up */
	KT_EXPECT_EQ(task_wait_exit(t), 128 + EXC_BAD_ACCESS);
	task_deallocate(t);
	vm_baseline_take(&base);
	KT_ASSERT_NOT_NULL(t = spawn(kt, "test/crash_fault"));
	KT_EXPECT_EQ(task_wait_exit(t), 128 + EXC_BAD_ACCESS);
	task_deallocate(t);
	KT_EXPECT(vm_baseline_same(kt, &base));
}

static volatile uint32_t spin_done;
static thread_t spin_thread;
static uint64_t spin_sw_at_busy;	/* its switches when busy reached hart 0 */
static volatile uint32_t spin_busy_state; /* its TH_* bits then; 0: not yet */

static void
busy_fn(void *arg __unused)
{
	/* bound to hart 0 just after it started: wait to be there (pinned to look) */
	for (;;) {
		uint64_t s = intr_disable();
		bool there = cpu_number() == 0;

		intr_restore(s);
		if (there)
			break;
		cpu_relax();
	}
	spin_sw_at_busy = thread_switches(spin_thread);
	__atomic_store_n(&spin_busy_state, (uint32_t)thread_state(spin_thread) |
	    0x100, __ATOMIC_RELEASE);
	while (!__atomic_load_n(&spin_done, __ATOMIC_ACQUIRE))
		cpu_relax();
}

/*
 * A user loop shares its hart with a kernel loop: the timer switches
 * them.  Neither ever gives the hart up, so once the kernel loop is on
 * the hart, the user loop can only run again (and finish) if the timer
 * takes the hart from the kernel loop: its switch count must then grow.
 * (Counting switches against a fixed number failed under load: a boot
 * saw only 2, and counts depend on how long QEMU runs each vCPU.)  If the
 * user loop had ended before the kernel loop reached the hart, the test
 * proves nothing and says so.
 */
KTEST(task, user_spin_is_preempted)
{
	thread_t th[1], busy = THREAD_NULL;
	uint32_t n, state;
	uint64_t sw;
	task_t t;

	if (!have_initrd())
		KT_SKIP("no initrd");
	spin_done = 0;
	spin_busy_state = 0;
	KT_ASSERT_NOT_NULL(t = spawn(kt, "test/spin"));
	KT_ASSERT_EQ(task_threads_list(t, th, 1, &n), KERN_SUCCESS);
	KT_ASSERT_EQ(n, 1);
	spin_thread = th[0];
	KT_EXPECT_EQ(thread_bind(th[0], 0), KERN_SUCCESS);
	KT_ASSERT_EQ(kernel_thread_start(busy_fn, NULL, &busy), KERN_SUCCESS);
	KT_EXPECT_EQ(thread_bind(busy, 0), KERN_SUCCESS);
	KT_EXPECT_EQ(task_wait_exit(t), 0);
	state = __atomic_load_n(&spin_busy_state, __ATOMIC_ACQUIRE);
	__atomic_store_n(&spin_done, 1, __ATOMIC_RELEASE);
	kt_join(&busy);
	sw = thread_switches(th[0]);
	ktest_log(kt, "the spinning thread was switched in %lu times, %lu of them "
	    "after the kernel loop reached its hart", (unsigned long)sw,
	    (unsigned long)(sw - spin_sw_at_busy));
	thread_deallocate(th[0]);
	task_deallocate(t);
	if (state == 0 || (state & TH_TERMINATE))
		KT_SKIP("the user loop ended before the kernel loop reached hart 0");
	KT_EXPECT_GE(sw, spin_sw_at_busy + 1);
}

/* two FPU programs bound to one hart: each keeps its own registers */
KTEST(task, user_fpu_two_tasks_one_hart)
{
	task_t t[2];
	thread_t th;
	uint32_t n;

	if (!have_initrd())
		KT_SKIP("no initrd");
	for (int i = 0; i < 2; i++) {
		KT_ASSERT_NOT_NULL(t[i] = spawn(kt, "test/fpu"));
		KT_ASSERT_EQ(task_threads_list(t[i], &th, 1, &n), KERN_SUCCESS);
		if (n >= 1) {
			thread_bind(th, 0);
			thread_deallocate(th);
		}
	}
	for (int i = 0; i < 2; i++) {
		KT_EXPECT_EQ(task_wait_exit(t[i]), 0);
		task_deallocate(t[i]);
	}
}

KTEST(task, bad_executables_rejected)
{
	struct vm_page *buf;
	uint8_t *copy;
	struct vm_baseline base;
	struct cpio_entry e;
	const char *argv[] = { "x", NULL }, *envp[] = { NULL }, *why;
	paddr_t pa;
	uint64_t size;
	task_t t;

	if (!machine_initrd(&pa, &size))
		KT_SKIP("no initrd");
	KT_ASSERT_EQ(cpio_find(phys_to_kva(pa), size, "test/hello", &e, NULL),
	    CPIO_OK);
	KT_ASSERT_LE(e.size, 64 * PAGE_SIZE);
	KT_ASSERT_NOT_NULL(buf = vm_page_alloc_order(6));
	copy = vm_page_kva(buf);
	vm_baseline_take(&base);
	memcpy(copy, e.data, e.size);
	copy[0] = 0x7e;					/* bad magic */
	KT_EXPECT_EQ(task_spawn(copy, e.size, "x", argv, envp, &t, &why),
	    KERN_INVALID_ARGUMENT);
	ktest_log(kt, "bad magic: %s", why);
	memcpy(copy, e.data, e.size);
	copy[18] = 62;					/* e_machine: x86-64 */
	KT_EXPECT_EQ(task_spawn(copy, e.size, "x", argv, envp, &t, &why),
	    KERN_INVALID_ARGUMENT);
	ktest_log(kt, "wrong machine: %s", why);
	KT_EXPECT_EQ(task_spawn(e.data, 100, "x", argv, envp, &t, &why),
	    KERN_INVALID_ARGUMENT);			/* truncated */
	ktest_log(kt, "truncated: %s", why);
	KT_EXPECT_EQ(task_spawn_initrd("test/no-such", argv, envp, &t, &why),
	    KERN_NOT_FOUND);
	KT_EXPECT(vm_baseline_same(kt, &base));
	vm_page_free_order(buf, 6);
}

/* --- copyin / copyout from a kernel thread that borrows a task's map --- */

static void
borrow_pmap(pmap_t p)
{
	uint64_t s = intr_disable();

	thread_machine(current_thread())->pmap = p;
	pmap_activate(p);
	intr_restore(s);
}

/*
 * copyin/copyout of every length up to 40 at every pair of alignments: the
 * bytes arrive, and none around them is touched (the copy loop takes
 * double words, words and bytes by alignment)
 */
KTEST(task, copy_every_alignment_and_length)
{
	static uint8_t pat[64], back[64];
	vaddr_t a = 0;
	uint8_t *k;
	task_t t;
	int bad = 0;

	KT_ASSERT_NOT_NULL(t = kt_task());
	KT_ASSERT_EQ(vm_allocate(t->map, &a, PAGE_SIZE, VM_FLAGS_ANYWHERE),
	    KERN_SUCCESS);
	KT_ASSERT_NOT_NULL(k = (uint8_t *)kt_touch(t->map, a, VM_PROT_WRITE));
	for (int i = 0; i < 64; i++)
		pat[i] = (uint8_t)(i * 37 + 11);
	borrow_pmap(t->map->pmap);
	for (int uo = 0; uo < 8 && !bad; uo++) {
		for (int ko = 0; ko < 8 && !bad; ko++) {
			for (int len = 0; len <= 40 && !bad; len++) {
				memset(k, 0xee, 64);
				memset(back, 0xdd, sizeof(back));
				bad |= copyout(pat + ko, a + (vaddr_t)uo, (size_t)len) !=
				    KERN_SUCCESS;
				bad |= copyin(a + (vaddr_t)uo, back + ko, (size_t)len) !=
				    KERN_SUCCESS;
				for (int i = 0; i < 64; i++) {
					bool in_u = i >= uo && i < uo + len;
					bool in_k = i >= ko && i < ko + len;

					bad |= k[i] != (in_u ? pat[ko + i - uo] : 0xee);
					bad |= back[i] != (in_k ? pat[i] : 0xdd);
				}
				if (bad)
					ktest_log(kt, "user offset %d, kernel offset %d, "
					    "%d bytes: wrong", uo, ko, len);
			}
		}
	}
	borrow_pmap(NULL);
	kt_task_end(t);
	KT_EXPECT(!bad);
}

KTEST(task, copyin_rejects_bad_ranges)
{
	uint64_t v = 0, w = 42;
	vaddr_t a = 0;
	task_t t;

	/* a kernel thread with no user map cannot copy at all */
	KT_EXPECT_EQ(copyin(0x10000, &v, 8), KERN_INVALID_ADDRESS);
	KT_ASSERT_NOT_NULL(t = kt_task());
	KT_ASSERT_EQ(vm_allocate(t->map, &a, PAGE_SIZE, VM_FLAGS_ANYWHERE),
	    KERN_SUCCESS);
	KT_ASSERT_NOT_NULL(kt_touch(t->map, a, VM_PROT_WRITE));
	borrow_pmap(t->map->pmap);
	KT_EXPECT_EQ(copyout(&w, a, 8), KERN_SUCCESS);
	KT_EXPECT_EQ(copyin(a, &v, 8), KERN_SUCCESS);
	KT_EXPECT_EQ(v, 42);
	KT_EXPECT_EQ(copyin((vaddr_t)&w, &v, 8), KERN_INVALID_ADDRESS);	/* kernel */
	KT_EXPECT_EQ(copyin(VM_MAX_ADDRESS - 4, &v, 8), KERN_INVALID_ADDRESS);
	KT_EXPECT_EQ(copyin(~0ul - 3, &v, 8), KERN_INVALID_ADDRESS);	/* wraps */
	/* unmapped: the fault finds no map for a kernel thread: an error */
	KT_EXPECT_EQ(copyin(a + PAGE_SIZE, &v, 8), KERN_INVALID_ADDRESS);
	KT_EXPECT_EQ(copyout(&w, a + PAGE_SIZE - 4, 8), KERN_INVALID_ADDRESS);
	KT_EXPECT_EQ(copyin(a, &v, 0), KERN_SUCCESS);
	{
		char str[16];
		size_t done = 0;

		KT_EXPECT_EQ(copyout("hello", a + 100, 6), KERN_SUCCESS);
		KT_EXPECT_EQ(copyinstr(a + 100, str, sizeof(str), &done),
		    KERN_SUCCESS);
		KT_EXPECT_EQ(done, 6);
		KT_EXPECT_EQ(strcmp(str, "hello"), 0);
		/* no NUL within max */
		KT_EXPECT_EQ(copyinstr(a + 100, str, 3, &done),
		    KERN_RESOURCE_SHORTAGE);
		/* runs into the unmapped page before its NUL */
		KT_EXPECT_EQ(copyout("abcd", a + PAGE_SIZE - 4, 4), KERN_SUCCESS);
		KT_EXPECT_EQ(copyinstr(a + PAGE_SIZE - 4, str, sizeof(str), &done),
		    KERN_INVALID_ADDRESS);
		KT_EXPECT_EQ(copyinstr((vaddr_t)&w, str, sizeof(str), &done),
		    KERN_INVALID_ADDRESS);
	}
	borrow_pmap(NULL);
	kt_task_end(t);
}

/* --- the shootdown stress with user mappings --- */

#define US_ROUNDS	60

static struct {
	pmap_t	pmap;
	vaddr_t	va;
	struct vm_page *pg[2];
	volatile uint32_t round;	/* the checkers read when it moves */
	volatile uint32_t seen[MAX_CPUS];
	volatile uint32_t req, done;	/* remover handshake */
	volatile bool stop;
	volatile uint32_t stale;
	thread_t remover;
} us;

/* bound to one hart, running on the task's pmap the whole time */
static void
us_reader(void *arg)
{
	int cpu = (int)(uintptr_t)arg;
	uint32_t last = 0;

	thread_bind(current_thread(), cpu);
	borrow_pmap(us.pmap);
	/*
	 * plain loads with SUM kept on: QEMU flushes a hart's TLB whenever
	 * SUM changes, so copyin would hide a stale entry
	 */
	pmap_user_access(true);
	while (!__atomic_load_n(&us.stop, __ATOMIC_ACQUIRE)) {
		uint32_t r = __atomic_load_n(&us.round, __ATOMIC_ACQUIRE);

		if (r == last) {
			cpu_relax();
			continue;
		}
		if (*(volatile uint64_t *)us.va != r)
			__atomic_fetch_add(&us.stale, 1, __ATOMIC_RELAXED);
		last = r;
		__atomic_store_n(&us.seen[cpu], r, __ATOMIC_RELEASE);
	}
	pmap_user_access(false);
	borrow_pmap(NULL);
}

/*
 * Above the readers' priority, so it runs at once on the hart it lands on,
 * and on the task's pmap too, so switching to it does not rewrite satp
 * (QEMU flushes a hart's TLB on every satp write, which would hide a
 * missed shootdown on that hart).  It sleeps between rounds.
 */
static void
us_remover(void *arg __unused)
{
	uint32_t n = 0;

	borrow_pmap(us.pmap);
	for (;;) {
		assert_wait_deadline((event_t)&us.req, THREAD_UNINT,
		    nanotime() + NSEC_PER_MSEC);
		if (!__atomic_load_n(&us.stop, __ATOMIC_ACQUIRE) &&
		    __atomic_load_n(&us.req, __ATOMIC_ACQUIRE) == n) {
			thread_block();
			continue;
		}
		clear_wait(current_thread(), THREAD_AWAKENED);
		thread_block();
		if (__atomic_load_n(&us.stop, __ATOMIC_ACQUIRE))
			break;
		pmap_remove(us.pmap, us.va, us.va + PAGE_SIZE);
		__atomic_store_n(&us.done, ++n, __ATOMIC_RELEASE);
	}
	borrow_pmap(NULL);
}

static void
us_binder(void *arg __unused)
{
	uint64_t rnd = 12345;

	while (!__atomic_load_n(&us.stop, __ATOMIC_ACQUIRE)) {
		rnd = rnd * 6364136223846793005ull + 1442695040888963407ull;
		thread_bind(us.remover, (int)((rnd >> 33) % ncpus));
		/* give it time to run where it lands: moved too fast, it starves */
		for (uint64_t spin = (rnd >> 20) & 0x3ff; spin > 0; spin--)
			cpu_relax();
		thread_yield();
	}
}

static bool
us_wait(volatile uint32_t *v, uint32_t want)
{
	uint64_t t0 = nanotime();

	while (__atomic_load_n(v, __ATOMIC_ACQUIRE) != want) {
		if (nanotime() - t0 > LIMIT_NS)
			return false;
		thread_yield();
	}
	return true;
}

KTEST(task, shootdown_user_mappings)
{
	thread_t readers[MAX_CPUS] = { 0 }, binder = THREAD_NULL;
	uint32_t nreaders = 0, r;
	bool stuck = false;
	task_t t;

	if (cpus_online() < 3)
		KT_SKIP("needs 3 harts: readers on the others, the remover moving");
	memset((void *)&us, 0, sizeof(us));
	KT_ASSERT_NOT_NULL(t = kt_task());
	us.pmap = t->map->pmap;
	us.va = 0x400000;
	us.pg[0] = vm_page_alloc();
	us.pg[1] = vm_page_alloc();
	KT_ASSERT(us.pg[0] != NULL && us.pg[1] != NULL);
	KT_ASSERT_EQ(thread_bind(current_thread(), 0), KERN_SUCCESS);
	for (uint32_t i = 1; i < ncpus; i++) {
		if (!cpus[i].online)
			continue;
		KT_ASSERT_EQ(kernel_thread_start(us_reader, (void *)(uintptr_t)i,
		    &readers[i]), KERN_SUCCESS);
		nreaders++;
	}
	KT_ASSERT_EQ(kernel_thread_start_priority(us_remover, NULL,
	    BASEPRI_DEFAULT + 4, &us.remover), KERN_SUCCESS);
	KT_ASSERT_EQ(kernel_thread_start(us_binder, NULL, &binder), KERN_SUCCESS);
	for (r = 1; r <= US_ROUNDS && us.stale == 0 && !stuck; r++) {
		struct vm_page *m = us.pg[r & 1];

		*(volatile uint64_t *)vm_page_kva(m) = r;
		KT_ASSERT_EQ(pmap_enter(us.pmap, us.va, vm_page_to_pa(m),
		    VM_PROT_READ), 0);
		__atomic_store_n(&us.round, r, __ATOMIC_RELEASE);
		for (uint32_t i = 1; i < ncpus && !stuck; i++)
			if (readers[i] != THREAD_NULL && !us_wait(&us.seen[i], r))
				stuck = true;
		__atomic_store_n(&us.req, r, __ATOMIC_RELEASE);
		thread_wakeup((event_t)&us.req);
		if (!us_wait(&us.done, r))
			stuck = true;
	}
	__atomic_store_n(&us.stop, true, __ATOMIC_RELEASE);
	thread_wakeup((event_t)&us.req);
	kt_join(&binder);
	kt_join(&us.remover);
	for (uint32_t i = 0; i < ncpus; i++)
		kt_join(&readers[i]);
	thread_bind(current_thread(), -1);
	pmap_remove(us.pmap, us.va, us.va + PAGE_SIZE);
	vm_page_free(us.pg[0]);
	vm_page_free(us.pg[1]);
	kt_task_end(t);
	ktest_log(kt, "%u rounds, %u readers", r - 1, nreaders);
	KT_EXPECT(!stuck);
	KT_EXPECT_EQ(us.stale, 0);
}

KTEST(task, user_protect_fault_terminates_task)
{
	task_t t;

	if (!have_initrd())
		KT_SKIP("no initrd");
	KT_ASSERT_NOT_NULL(t = spawn(kt, "test/crash_protect"));
	KT_EXPECT_EQ(task_wait_exit(t), 128 + EXC_BAD_ACCESS);
	task_deallocate(t);
}

/* a user task that allocates until memory runs out ends; the kernel goes on */
KTEST(task, user_out_of_memory_terminates_task)
{
	struct vm_baseline base;
	struct vm_page *probe;
	task_t t;

	if (!have_initrd())
		KT_SKIP("no initrd");
	vm_baseline_take(&base);
	KT_ASSERT_NOT_NULL(t = spawn(kt, "test/crash_oom"));
	KT_EXPECT_EQ(task_wait_exit(t), 128 + EXC_BAD_ACCESS);
	task_deallocate(t);
	thread_reap_wait();
	probe = vm_page_alloc();
	KT_EXPECT(probe != NULL);
	if (probe != NULL)
		vm_page_free(probe);
	KT_EXPECT(vm_baseline_same(kt, &base));
}

/* state flavors on a thread that never ran; terminating it frees it */
KTEST(task, thread_state_flavors)
{
	struct riscv_thread_state ts, got;
	struct riscv_float_state fs, fgot;
	unsigned count;
	thread_t th;
	task_t t;

	KT_ASSERT_NOT_NULL(t = kt_task());
	KT_ASSERT_EQ(thread_create_user(t, &th), KERN_SUCCESS);
	memset(&ts, 0, sizeof(ts));
	ts.pc = 0x10000;
	for (int i = 0; i < 31; i++)
		ts.x[i] = 0x1000 + (uint64_t)i;
	KT_EXPECT_EQ(thread_set_state(th, RISCV_THREAD_STATE, &ts,
	    RISCV_THREAD_STATE_COUNT), KERN_SUCCESS);
	count = RISCV_THREAD_STATE_COUNT;
	KT_EXPECT_EQ(thread_get_state(th, RISCV_THREAD_STATE, &got, &count),
	    KERN_SUCCESS);
	KT_EXPECT_EQ(count, RISCV_THREAD_STATE_COUNT);
	KT_EXPECT_EQ(got.pc, 0x10000);
	KT_EXPECT_EQ(got.x[1], 0x1001);		/* x2, sp */
	KT_EXPECT_EQ(got.x[30], 0x101e);	/* x31 */
	for (int i = 0; i < 32; i++)
		fs.f[i] = 0x4000000000000000ull + (uint64_t)i;
	fs.fcsr = 0x1f;
	KT_EXPECT_EQ(thread_set_state(th, RISCV_FLOAT_STATE, &fs,
	    RISCV_FLOAT_STATE_COUNT), KERN_SUCCESS);
	count = RISCV_FLOAT_STATE_COUNT;
	KT_EXPECT_EQ(thread_get_state(th, RISCV_FLOAT_STATE, &fgot, &count),
	    KERN_SUCCESS);
	KT_EXPECT_EQ(fgot.f[31], 0x400000000000001full);
	KT_EXPECT_EQ(fgot.fcsr, 0x1f);
	count = RISCV_THREAD_STATE_COUNT - 1;
	KT_EXPECT_EQ(thread_get_state(th, RISCV_THREAD_STATE, &got, &count),
	    KERN_INVALID_ARGUMENT);
	count = RISCV_THREAD_STATE_COUNT;
	KT_EXPECT_EQ(thread_get_state(th, 99, &got, &count), KERN_INVALID_ARGUMENT);
	/* it never ran: terminating the task ends it before any user code */
	thread_deallocate(th);
	kt_task_end(t);
}

/*
 * Two ASIDs for six programs running at once on every hart: generations
 * roll over while threads run, and no task sees another's pages (each
 * program checks its own memory and FP registers).
 */
KTEST(task, asid_generations_roll_over)
{
	struct pmap_global_stats before, after;
	static const char *const progs[] = {
		"test/fpu", "test/uvm", "test/hello", "test/fpu", "test/uvm",
		"test/threads",
	};
	task_t t[ARRAY_SIZE(progs)];

	if (!have_initrd())
		KT_SKIP("no initrd");
	if (pmap_asid_bits() == 0)
		KT_SKIP("the harts have no ASIDs");
	pmap_get_global_stats(&before);
	pmap_asid_test_limit(2);
	for (unsigned i = 0; i < ARRAY_SIZE(progs); i++)
		t[i] = spawn(kt, progs[i]);
	for (unsigned i = 0; i < ARRAY_SIZE(progs); i++) {
		if (t[i] == NULL) {
			KT_EXPECT(t[i] != NULL);
			continue;
		}
		KT_EXPECT_EQ(task_wait_exit(t[i]), 0);
		task_deallocate(t[i]);
	}
	pmap_asid_test_limit(0);
	pmap_get_global_stats(&after);
	ktest_log(kt, "%u-bit ASIDs, %lu generations during the test",
	    after.asid_bits, (unsigned long)(after.asid_generation -
	    before.asid_generation));
	KT_EXPECT_GE(after.asid_generation - before.asid_generation, 2);
}

/* a running user thread stops at its next way out of the kernel, and goes on */
KTEST(task, thread_suspend_resume_and_terminate_running_user)
{
	thread_t th;
	uint32_t n;
	uint64_t sw;
	task_t t;

	if (!have_initrd())
		KT_SKIP("no initrd");
	KT_ASSERT_NOT_NULL(t = spawn(kt, "test/crash_loop"));
	KT_ASSERT_EQ(task_threads_list(t, &th, 1, &n), KERN_SUCCESS);
	KT_ASSERT_EQ(n, 1);
	thread_sleep_ns(20 * NSEC_PER_MSEC);
	KT_EXPECT_EQ(thread_suspend(th), KERN_SUCCESS);
	KT_EXPECT(kt_wait_blocked(th));		/* parked at its AST */
	sw = thread_switches(th);
	thread_sleep_ns(30 * NSEC_PER_MSEC);
	KT_EXPECT_EQ(thread_switches(th), sw);	/* did not run meanwhile */
	KT_EXPECT_EQ(thread_resume(th), KERN_SUCCESS);
	KT_EXPECT_EQ(thread_resume(th), KERN_FAILURE);
	/* the whole task, suspended and resumed */
	KT_EXPECT_EQ(task_suspend(t), KERN_SUCCESS);
	KT_EXPECT(kt_wait_blocked(th));
	KT_EXPECT_EQ(task_resume(t), KERN_SUCCESS);
	/* terminating its only thread ends the task */
	KT_EXPECT_EQ(thread_terminate(th), KERN_SUCCESS);
	KT_EXPECT_EQ(task_wait_exit(t), 0);
	thread_deallocate(th);
	task_deallocate(t);
}

static int
run_traps(struct ktest_ctx *kt, const char *what)
{
	const char *argv[] = { "crash_traps", what, NULL }, *envp[] = { NULL };
	const char *why;
	task_t t;
	int status;

	if (task_spawn_initrd_flags("test/crash_traps", argv, envp,
	    SPAWN_CONSOLE_DIAG, &t, &why) != KERN_SUCCESS) {
		ktest_log(kt, "cannot start crash_traps: %s", why);
		return -1;
	}
	status = task_wait_exit(t);
	task_deallocate(t);
	return status;
}

/* ebreak, an illegal instruction, a misaligned AMO: each a Mach exception */
KTEST(task, user_traps_become_exceptions)
{
	if (!have_initrd())
		KT_SKIP("no initrd");
	KT_EXPECT_EQ(run_traps(kt, "ebreak"), 128 + EXC_BREAKPOINT);
	KT_EXPECT_EQ(run_traps(kt, "illegal"), 128 + EXC_BAD_INSTRUCTION);
	KT_EXPECT_EQ(run_traps(kt, "misaligned"), 128 + EXC_BAD_ACCESS);
}
