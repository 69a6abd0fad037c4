/*
 * test/bench/ipc.c - the cost of Mach IPC, from user mode.
 *
 *	ipc.send_receive	a 32-byte message sent to a port of our own,
 *				then received: two mach_msg calls, per op
 *	ipc.port_alloc_dealloc	mach_port_allocate + mach_port_mod_refs
 *				(receive, -1), per op
 *	ipc.port_alloc_dealloc_100k
 *				the same with 100,000 names in the space
 *	ipc.rpc_roundtrip	two tasks: the client's mach_msg send+receive
 *				(32-byte body, reply on a send-once right) and
 *				the server's reply+receive, per round trip
 *	ipc.rpc_ool_4k, ipc.rpc_ool_1m
 *				the same with 4 KiB / 1 MiB out of line
 *				(copy-on-write), the server deallocating it
 *	ipc.semaphore_signal_wait
 *				two threads of one task on one hart, each
 *				semaphore_wait_signal waking the other: per
 *				call (a round trip is two calls, two
 *				handoffs; the target is per call)
 *	mem.port_bytes		kernel bytes per port (zone elements)
 *	mem.entry_bytes		kernel bytes per name, the entry tables of a
 *				space with 100,000 names
 *
 * The user side is test/bench_ipc (test/user/bench_ipc.c), which returns
 * the instruction count as its exit status (see test/bench/trap.c).
 */
#include "kernel/ipc/ipc_space.h"
#include "kernel/ipc/mach_port.h"
#include "kernel/lib/printf.h"
#include "kernel/vm/zone.h"
#include "task/exec.h"
#include "test/bench/bench_util.h"

#define BENCH_IPC_SERVER_NAME	0x10003		/* agreed with bench_ipc.c */

static task_t
bench_spawn(const char *what, const char *const argv[])
{
	const char *envp[] = { NULL }, *why = "";
	task_t t;

	if (task_spawn_initrd("test/bench_ipc", argv, envp, &t, &why) !=
	    KERN_SUCCESS) {
		printf("# bench: %s: cannot start test/bench_ipc: %s\n", what,
		    why != NULL ? why : "");
		return NULL;
	}
	return t;
}

/* run bench_ipc with argv and report its figure over n operations */
static void
run_user(struct kbench_ctx *b, const char *what, const char *const argv[],
    uint64_t n)
{
	task_t t = bench_spawn(what, argv);
	int status;

	if (t == NULL) {
		b->iterations = 0;
		return;
	}
	status = task_wait_exit(t);
	task_deallocate(t);
	if (status < (int)n) {
		printf("# bench: %s: test/bench_ipc ended with status %d\n", what,
		    status);
		b->iterations = 0;
		return;
	}
	bench_report(b, (uint64_t)status, n);
}

KBENCH_ITERS(ipc, send_receive, 10000)
{
	const char *argv[] = { "bench_ipc", "send_receive", "10000", NULL };

	run_user(b, "ipc.send_receive", argv, 10000);
}

KBENCH_ITERS(ipc, port_alloc_dealloc, 10000)
{
	const char *argv[] = { "bench_ipc", "port_alloc", "10000", "0", NULL };

	run_user(b, "ipc.port_alloc_dealloc", argv, 10000);
}

KBENCH_ITERS(ipc, port_alloc_dealloc_100k, 10000)
{
	const char *argv[] = { "bench_ipc", "port_alloc", "10000", "100000", NULL };

	run_user(b, "ipc.port_alloc_dealloc_100k", argv, 10000);
}

KBENCH_ITERS(ipc, semaphore_signal_wait, 10000)
{
	const char *argv[] = { "bench_ipc", "semaphore", "10000", NULL };

	/* 10,000 round trips of two calls each */
	run_user(b, "ipc.semaphore_signal_wait", argv, 20000);
}

/* the server task, and the client with a send right to the server's port */
static void
run_rpc(struct kbench_ctx *b, const char *what, const char *count,
    const char *size, uint64_t n)
{
	const char *sargv[] = { "bench_ipc", "server", NULL };
	const char *cargv[] = { "bench_ipc", "rpc", count, size, NULL };
	mach_port_type_t type;
	task_t server, client;
	int status;

	if ((server = bench_spawn(what, sargv)) == NULL) {
		b->iterations = 0;
		return;
	}
	while (mach_port_type(server->itk_space, BENCH_IPC_SERVER_NAME, &type) !=
	    KERN_SUCCESS)
		thread_sleep_ns(100000);
	if ((client = bench_spawn(what, cargv)) == NULL ||
	    mach_port_insert_right(client->itk_space, BENCH_IPC_SERVER_NAME,
	    server->itk_space, BENCH_IPC_SERVER_NAME, MACH_MSG_TYPE_MAKE_SEND) !=
	    KERN_SUCCESS) {
		printf("# bench: %s: no client\n", what);
		b->iterations = 0;
		if (client != NULL) {
			task_terminate(client);
			task_deallocate(client);
		}
		task_terminate(server);
		task_deallocate(server);
		return;
	}
	status = task_wait_exit(client);
	task_deallocate(client);
	task_terminate(server);
	task_deallocate(server);
	if (status < (int)n) {
		printf("# bench: %s: the client ended with status %d\n", what, status);
		b->iterations = 0;
		return;
	}
	bench_report(b, (uint64_t)status, n);
}

KBENCH_ITERS(ipc, rpc_roundtrip, 10000)
{
	run_rpc(b, "ipc.rpc_roundtrip", "10000", "0", 10000);
}

KBENCH_ITERS(ipc, rpc_ool_4k, 1000)
{
	run_rpc(b, "ipc.rpc_ool_4k", "1000", "4096", 1000);
}

KBENCH_ITERS(ipc, rpc_ool_1m, 100)
{
	run_rpc(b, "ipc.rpc_ool_1m", "100", "1048576", 100);
}

static void
add_zone_bytes(struct zone *z, void *arg)
{
	struct zone_stats s;

	zone_get_stats(z, &s);
	*(uint64_t *)arg += s.in_use * s.elem_size;
}

static uint64_t
zone_bytes(void)
{
	uint64_t bytes = 0;

	zone_foreach(add_zone_bytes, &bytes);
	return bytes;
}

#define PORTS_COUNTED	1000

KBENCH_ITERS(mem, port_bytes, PORTS_COUNTED)
{
	ipc_space_t space;
	mach_port_name_t name;
	uint64_t before, after;
	unsigned n;

	if (ipc_space_create(NULL, &space) != KERN_SUCCESS) {
		b->iterations = 0;
		return;
	}
	/* the table's pages are the entries' cost (mem.entry_bytes), not the ports' */
	before = zone_bytes();
	for (n = 0; n < PORTS_COUNTED; n++) {
		if (mach_port_allocate(space, MACH_PORT_RIGHT_RECEIVE, &name) !=
		    KERN_SUCCESS)
			break;
	}
	after = zone_bytes();
	ipc_space_terminate(space);
	ipc_space_release(space);
	bench_report(b, after - before, n == PORTS_COUNTED ? n : 0);
}

#define NAMES_COUNTED	100000

KBENCH_ITERS(mem, entry_bytes, NAMES_COUNTED)
{
	struct ipc_space_stats before, after;
	ipc_space_t space;
	mach_port_name_t name;
	unsigned n;

	if (ipc_space_create(NULL, &space) != KERN_SUCCESS) {
		b->iterations = 0;
		return;
	}
	ipc_space_get_stats(&before);
	for (n = 0; n < NAMES_COUNTED; n++) {
		if (mach_port_allocate(space, MACH_PORT_RIGHT_DEAD_NAME, &name) !=
		    KERN_SUCCESS)
			break;
	}
	ipc_space_get_stats(&after);
	ipc_space_terminate(space);
	ipc_space_release(space);
	bench_report(b, (after.table_pages - before.table_pages) * PAGE_SIZE +
	    (after.hash_bytes - before.hash_bytes), n == NAMES_COUNTED ? n : 0);
}
