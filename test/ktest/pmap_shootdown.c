/*
 * test/ktest/pmap_shootdown.c - a kernel mapping removed by a thread that
 * keeps moving between harts must be gone from every hart's TLB.
 *
 * QEMU keeps a TLB per vCPU, so a hart whose sfence.vma was missed keeps
 * reading the old page through the address: the checker re-points the
 * address at a page holding a new value each round and reads it on every
 * hart.  The remover is unbound and a binder thread keeps re-binding it to
 * random harts (each re-bind pokes the hart it runs on), so it is moved at
 * arbitrary points, also between flushing one hart and the others.
 */
#include <machine/pmap.h>
#include <machine/vmparam.h>
#include "kernel/ipi.h"
#include "kernel/ktest/ktest.h"
#include "kernel/lib/string.h"
#include "kernel/sched/sched.h"
#include "kernel/vm/vm_page.h"
#include "test/ktest/sched_util.h"

#define SD_ROUNDS	100
#define SD_STUCK_NS	(30 * NSEC_PER_SEC)

struct sd_state {
	vaddr_t	va;
	struct vm_page *pg[2];
	volatile uint64_t expect;	/* the value the address must show */
	volatile uint32_t req;		/* rounds asked of the remover */
	volatile uint32_t done;		/* rounds it finished */
	volatile bool stop;
	volatile uint32_t stale;	/* reads that saw an old page */
	volatile uint32_t moves;	/* re-binds of the remover */
	thread_t remover;
};

static struct sd_state sd;

static void
sd_read(void *arg __unused)
{
	if (*(volatile uint64_t *)sd.va != sd.expect)
		__atomic_fetch_add(&sd.stale, 1, __ATOMIC_RELAXED);
}

static void
sd_remover(void *arg __unused)
{
	uint32_t n = 0;

	while (!__atomic_load_n(&sd.stop, __ATOMIC_ACQUIRE)) {
		if (__atomic_load_n(&sd.req, __ATOMIC_ACQUIRE) == n) {
			cpu_relax();
			continue;
		}
		pmap_kremove(sd.va);
		__atomic_store_n(&sd.done, ++n, __ATOMIC_RELEASE);
	}
}

static void
sd_binder(void *arg __unused)
{
	uint64_t rnd = 0x9e3779b97f4a7c15ull;

	while (!__atomic_load_n(&sd.stop, __ATOMIC_ACQUIRE)) {
		int cpu;

		rnd = rnd * 6364136223846793005ull + 1442695040888963407ull;
		cpu = (int)((rnd >> 33) % ncpus);
		if (!cpus[cpu].online)
			continue;
		if (thread_bind(sd.remover, cpu) == KERN_SUCCESS)
			__atomic_fetch_add(&sd.moves, 1, __ATOMIC_RELAXED);
		for (uint64_t spin = (rnd >> 20) & 0x3ff; spin > 0; spin--)
			cpu_relax();
		thread_yield();
	}
}

KTEST(pmap, shootdown_moving_threads)
{
	thread_t binder = THREAD_NULL;
	bool stuck = false;
	uint64_t t0;

	if (cpus_online() < 2)
		KT_SKIP("one hart: nothing to shoot down across harts");
	memset((void *)&sd, 0, sizeof(sd));
	sd.va = KSCRATCH_BASE;
	sd.pg[0] = vm_page_alloc();
	sd.pg[1] = vm_page_alloc();
	KT_ASSERT(sd.pg[0] != NULL && sd.pg[1] != NULL);
	KT_ASSERT_EQ(thread_bind(current_thread(), 0), KERN_SUCCESS);
	KT_ASSERT_EQ(kernel_thread_start(sd_remover, NULL, &sd.remover),
	    KERN_SUCCESS);
	KT_ASSERT_EQ(kernel_thread_start(sd_binder, NULL, &binder), KERN_SUCCESS);

	for (uint32_t r = 1; r <= SD_ROUNDS && sd.stale == 0; r++) {
		struct vm_page *m = sd.pg[r & 1];

		*(volatile uint64_t *)vm_page_kva(m) = r;
		sd.expect = r;
		KT_ASSERT_EQ(pmap_kenter(sd.va, vm_page_to_pa(m),
		    KMAP_R | KMAP_W), 0);
		xcall_mask(cpus_online_mask(), sd_read, NULL);
		__atomic_store_n(&sd.req, r, __ATOMIC_RELEASE);
		t0 = nanotime();
		/*
		 * a round is a few microseconds; under a loaded host a vCPU
		 * can stall for seconds, so only a round that never ends (30 s)
		 * counts as stuck
		 */
		while (__atomic_load_n(&sd.done, __ATOMIC_ACQUIRE) != r &&
		    nanotime() - t0 < SD_STUCK_NS)
			thread_yield();
		if (sd.done != r) {
			stuck = true;
			break;
		}
	}
	__atomic_store_n(&sd.stop, true, __ATOMIC_RELEASE);
	kt_join(&binder);
	kt_join(&sd.remover);
	thread_bind(current_thread(), -1);
	pmap_kremove(sd.va);
	vm_page_free(sd.pg[0]);
	vm_page_free(sd.pg[1]);
	ktest_log(kt, "%u rounds, %u re-binds of the remover", sd.done,
	    sd.moves);
	KT_EXPECT(!stuck);
	KT_EXPECT_EQ(sd.stale, 0);
}
