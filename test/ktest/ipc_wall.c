/*
 * test/ktest/ipc_wall.c - IPC in wall time, for the figures issue 14 asks
 * for beside the instruction counts of make bench: the RPC round trip
 * between two harts, and RPCs per second with one and two client/server
 * pairs.  Each pair is two tasks running test/bench_ipc (the server, and
 * a client doing "rpc_wall N": 32-byte RPCs, the reply on a send-once
 * right, timed by the client's clock).
 *
 * KTEST_LONG, run by hand, never a pass/fail on time (a test only checks
 * the RPCs all completed):
 *	make ktest KTEST=ipc_wall.* SMP=2
 * docs/ipc.md ("Figures") has the figures and the machine they came from.
 */
#include "kernel/cpu.h"
#include "kernel/ipc/mach_port.h"
#include "kernel/ktest/ktest.h"
#include "kernel/lib/printf.h"
#include "kernel/sched/sched.h"
#include "kernel/sched/timer.h"
#include "task/exec.h"
#include "task/task.h"
#include "test/ktest/vm_util.h"

#define SERVER_NAME	0x10003		/* BENCH_IPC_SERVER_NAME in bench_ipc.c */
#define WALL_RPCS	"20000"
#define WALL_RPCS_N	20000
#define MAX_PAIRS	2

struct pair {
	task_t server;
	task_t client;
};

static uint32_t
online_harts(void)
{
	uint32_t n = 0;

	for (uint32_t i = 0; i < ncpus; i++)
		n += cpus[i].online ? 1 : 0;
	return n;
}

/* bind t's (only) thread to hart cpu */
static bool
bind_task(task_t t, int cpu)
{
	thread_t th;
	uint32_t n = 0;
	bool ok;

	if (task_threads_list(t, &th, 1, &n) != KERN_SUCCESS || n != 1)
		return false;
	ok = thread_bind(th, cpu) == KERN_SUCCESS;
	thread_deallocate(th);
	return ok;
}

static void
pair_end(struct pair *p)
{
	if (p->client != NULL) {
		task_terminate(p->client);
		task_deallocate(p->client);
		p->client = NULL;
	}
	if (p->server != NULL) {
		task_terminate(p->server);
		task_deallocate(p->server);
		p->server = NULL;
	}
}

/* a server, then a client with a send right to it; cpu >= 0: bound there */
static bool
pair_start(struct ktest_ctx *kt, struct pair *p, int server_cpu, int client_cpu)
{
	const char *sargv[] = { "bench_ipc", "server", NULL };
	const char *cargv[] = { "bench_ipc", "rpc_wall", WALL_RPCS, "0", NULL };
	mach_port_type_t type;
	uint64_t give_up = nanotime() + 30ull * 1000000000ull;

	p->server = p->client = NULL;
	if ((p->server = kt_spawn_argv(kt, "test/bench_ipc", sargv)) == NULL)
		return false;
	if (server_cpu >= 0 && !bind_task(p->server, server_cpu))
		goto fail;
	while (mach_port_type(p->server->itk_space, SERVER_NAME, &type) !=
	    KERN_SUCCESS) {
		if (nanotime() > give_up) {
			ktest_log(kt, "the server made no port in 30 s");
			goto fail;
		}
		thread_sleep_ns(100000);
	}
	if ((p->client = kt_spawn_argv(kt, "test/bench_ipc", cargv)) == NULL)
		goto fail;
	if (client_cpu >= 0 && !bind_task(p->client, client_cpu))
		goto fail;
	if (mach_port_insert_right(p->client->itk_space, SERVER_NAME,
	    p->server->itk_space, SERVER_NAME, MACH_MSG_TYPE_MAKE_SEND) !=
	    KERN_SUCCESS)
		goto fail;
	return true;
fail:
	pair_end(p);
	return false;
}

/* the clients' exit statuses all 0; the servers ended */
static bool
pairs_finish(struct pair *p, int npairs)
{
	bool ok = true;

	for (int i = 0; i < npairs; i++) {
		if (task_wait_exit(p[i].client) != 0)
			ok = false;
		pair_end(&p[i]);
	}
	return ok;
}

/* client on hart 0, server on hart 1: every message crosses harts */
KTEST_LONG(ipc_wall, rpc_two_harts)
{
	struct pair p;
	uint64_t t0, ns;

	if (!kt_have_initrd())
		KT_SKIP("no initrd (boot with -initrd build/user/initrd.cpio)");
	if (ncpus < 2 || !cpus[0].online || !cpus[1].online)
		KT_SKIP("one hart: nothing crosses harts (boot with -smp 2 or more)");
	t0 = nanotime();
	KT_ASSERT(pair_start(kt, &p, 1, 0));
	KT_EXPECT(pairs_finish(&p, 1));
	ns = nanotime() - t0;
	ktest_log(kt, "%u harts: %d round trips between hart 0 and hart 1 "
	    "(the client's own figure above); with start-up, %lu ms",
	    online_harts(), WALL_RPCS_N, (unsigned long)(ns / 1000000));
}

/* npairs unbound pairs at once: RPCs and messages per second, all pairs */
static void
run_pairs(struct ktest_ctx *kt, int npairs)
{
	struct pair p[MAX_PAIRS];
	uint64_t t0, ns, rpcs;
	int started = 0;

	t0 = nanotime();
	for (; started < npairs; started++) {
		if (!pair_start(kt, &p[started], -1, -1))
			break;
	}
	KT_EXPECT_EQ(started, npairs);
	KT_EXPECT(pairs_finish(p, started));
	ns = nanotime() - t0;
	rpcs = (uint64_t)started * WALL_RPCS_N;
	ktest_log(kt, "%d pair(s) on %u harts: %lu RPCs in %lu ms: %lu RPCs/s, "
	    "%lu messages/s (with start-up)", started, online_harts(),
	    (unsigned long)rpcs, (unsigned long)(ns / 1000000),
	    (unsigned long)(ns > 0 ? rpcs * 1000000000ull / ns : 0),
	    (unsigned long)(ns > 0 ? 2 * rpcs * 1000000000ull / ns : 0));
}

KTEST_LONG(ipc_wall, one_pair)
{
	if (!kt_have_initrd())
		KT_SKIP("no initrd (boot with -initrd build/user/initrd.cpio)");
	run_pairs(kt, 1);
}

KTEST_LONG(ipc_wall, two_pairs)
{
	if (!kt_have_initrd())
		KT_SKIP("no initrd (boot with -initrd build/user/initrd.cpio)");
	run_pairs(kt, 2);
}
