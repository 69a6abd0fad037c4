/*
 * test/ktest/ipc.c - kernel/ipc: spaces, ports, rights and messages from
 * inside the kernel, and the user IPC program with every counter back at
 * its baseline afterwards.
 */
#include <mach/message.h>
#include <mach/notify.h>
#include "kernel/cpu.h"
#include "kernel/ipc/ipc_kmsg.h"
#include "kernel/ipc/ipc_mqueue.h"
#include "kernel/ipc/ipc_port.h"
#include "kernel/ipc/ipc_pset.h"
#include "kernel/ipc/ipc_right.h"
#include "kernel/ipc/ipc_space.h"
#include "kernel/ipc/mach_msg.h"
#include "kernel/ipc/mach_port.h"
#include "kernel/ktest/ktest.h"
#include "kernel/sched/sched.h"
#include "kernel/sched/timer.h"
#include "kernel/vm/kalloc.h"
#include "task/exec.h"
#include "task/task.h"
#include "test/ktest/ipc_util.h"
#include "test/ktest/sched_util.h"
#include "test/ktest/vm_util.h"

KTEST(ipc, entry_is_24_bytes)
{
	KT_EXPECT_EQ(sizeof(struct ipc_entry), 24);
	KT_EXPECT_LE(sizeof(struct ipc_port), 192);
}

KTEST(ipc, space_ports_back_to_baseline)
{
	struct ipc_baseline base;
	ipc_space_t space;
	mach_port_name_t names[64];

	ipc_baseline_take(&base);
	KT_ASSERT_EQ(ipc_space_create(NULL, &space), KERN_SUCCESS);
	for (int i = 0; i < 64; i++)
		KT_ASSERT_EQ(mach_port_allocate(space, MACH_PORT_RIGHT_RECEIVE,
		    &names[i]), KERN_SUCCESS);
	for (int i = 0; i < 64; i += 2)
		KT_EXPECT_EQ(mach_port_mod_refs(space, names[i],
		    MACH_PORT_RIGHT_RECEIVE, -1), KERN_SUCCESS);
	/* the stale name is not reused as-is: its generation moved on */
	KT_EXPECT_EQ(mach_port_type(space, names[0], &(mach_port_type_t){0}),
	    KERN_INVALID_NAME);
	ipc_space_terminate(space);
	ipc_space_release(space);
	KT_EXPECT(ipc_baseline_same(kt, &base));
}

/* 100,000 ports in one space, all deallocated: every counter comes back */
KTEST(ipc, ports_100k_back_to_baseline)
{
	struct ipc_baseline base;
	struct vm_baseline vbase;
	ipc_space_t space;
	mach_port_name_t name, first = 0, last = 0;
	struct ipc_space_stats st;
	uint64_t pages;

	vm_baseline_take(&vbase);
	ipc_baseline_take(&base);
	KT_ASSERT_EQ(ipc_space_create(NULL, &space), KERN_SUCCESS);
	for (int i = 0; i < 100000; i++) {
		KT_ASSERT_EQ(mach_port_allocate(space, MACH_PORT_RIGHT_RECEIVE,
		    &name), KERN_SUCCESS);
		if (i == 0)
			first = name;
		last = name;
	}
	ipc_space_get_stats(&st);
	pages = st.table_pages - base.sp.table_pages;
	ktest_log(kt, "100000 names: %lu table pages (%lu bytes per name)", pages,
	    pages * PAGE_SIZE / 100000);
	KT_EXPECT_LE(pages * PAGE_SIZE / 100000, 32);
	for (uint32_t idx = MACH_PORT_INDEX(first); idx <= MACH_PORT_INDEX(last); idx++)
		mach_port_destroy(space, MACH_PORT_MAKE(idx, 0));
	ipc_space_get_stats(&st);
	KT_EXPECT_EQ(st.entries, base.sp.entries);
	ipc_space_terminate(space);
	ipc_space_release(space);
	KT_EXPECT(ipc_baseline_same(kt, &base));
	KT_EXPECT(vm_baseline_same(kt, &vbase));
}

/* the user programs ipc.user_program_back_to_baseline runs, twice each */
static const char *const baseline_programs[] = {
	"test/uipc", "test/umig", "test/uguard", "test/uxcalls", "test/umemory",
	"test/upolicy", "test/uvmhints",
};

/*
 * the user IPC programs (baseline_programs twice, then a short
 * test/ipcstress): the second run and the stress leave nothing behind
 */
KTEST(ipc, user_program_back_to_baseline)
{
	struct ipc_baseline base;
	struct vm_baseline vbase;
	task_t t;

	if (!kt_have_initrd())
		KT_SKIP("no initrd (boot with -initrd build/user/initrd.cpio)");
	for (int round = 0; round < 2; round++) {
		if (round == 1) {
			vm_baseline_take(&vbase);
			ipc_baseline_take(&base);
		}
		for (size_t i = 0; i < ARRAY_SIZE(baseline_programs); i++) {
			KT_ASSERT_NOT_NULL(t = kt_spawn(kt, baseline_programs[i]));
			KT_EXPECT_EQ(task_wait_exit(t), 0);
			task_deallocate(t);
		}
	}
	{
		const char *argv[] = { "ipcstress", "500", NULL };

		KT_ASSERT_NOT_NULL(t = kt_spawn_argv(kt, "test/ipcstress", argv));
		KT_EXPECT_EQ(task_wait_exit(t), 0);
		task_deallocate(t);
	}
	KT_EXPECT(ipc_baseline_same(kt, &base));
	KT_EXPECT(vm_baseline_same(kt, &vbase));
}

/*
 * The benchmark's pair of tasks (test/bench_ipc: a client's RPCs with a
 * reply on a send-once right, a server's replies): the fast path takes
 * their calls, and every counter is back afterwards.  It took all of
 * them (6,001) at -smp 1, 2 and 8: each side queues itself on its port
 * before it hands the hart to the other.  Half is asked for, as a call
 * may still go the general way when a reschedule is pending.
 */
KTEST(ipc, rpc_takes_the_fast_path)
{
	const char *sargv[] = { "bench_ipc", "server", NULL };
	const char *cargv[] = { "bench_ipc", "rpc", "1000", "0", NULL };
	const mach_port_name_t name = 0x10003;	/* test/user/bench_ipc.c */
	struct ipc_baseline base;
	struct vm_baseline vbase;
	mach_port_type_t type;
	task_t server, client;
	uint64_t fast, direct;
	int status;

	if (!kt_have_initrd())
		KT_SKIP("no initrd (boot with -initrd build/user/initrd.cpio)");
	vm_baseline_take(&vbase);
	ipc_baseline_take(&base);
	fast = mach_msg_fast_count();
	direct = ipc_kmsg_delivered(NULL);
	KT_ASSERT_NOT_NULL(server = kt_spawn_argv(kt, "test/bench_ipc", sargv));
	for (int i = 0; i < 2000 && mach_port_type(server->itk_space, name,
	    &type) != KERN_SUCCESS; i++)
		thread_sleep_ns(1000000);
	client = kt_spawn_argv(kt, "test/bench_ipc", cargv);
	KT_EXPECT(client != NULL);
	if (client != NULL) {
		KT_EXPECT_EQ(mach_port_insert_right(client->itk_space, name,
		    server->itk_space, name, MACH_MSG_TYPE_MAKE_SEND), KERN_SUCCESS);
		status = task_wait_exit(client);
		/* the client's status: instructions for 1,000 RPCs, or 2 */
		KT_EXPECT_GE(status, 1000);
		task_deallocate(client);
	}
	task_terminate(server);
	task_deallocate(server);
	fast = mach_msg_fast_count() - fast;
	direct = ipc_kmsg_delivered(NULL) - direct;
	ktest_log(kt, "the fast path took %lu of some 6,000 calls, and ended "
	    "%lu receives for their receivers", (unsigned long)fast,
	    (unsigned long)direct);
	KT_EXPECT_GE(fast, 3000);
	KT_EXPECT_GE(direct, 1000);
	KT_EXPECT(ipc_baseline_same(kt, &base));
	KT_EXPECT(vm_baseline_same(kt, &vbase));
}

/*
 * test/udirect's RPCs between two threads: the fast path's senders end
 * their receivers' receives (ipc_kmsg_deliver_direct), and those whose
 * buffers are on pages not yet touched are left to the receiver, which
 * still gets its message (the program checks each one, and s1-s11 on
 * both sides); every counter is back afterwards.
 */
KTEST(ipc, direct_delivery_taken)
{
	struct ipc_baseline base;
	struct vm_baseline vbase;
	uint64_t direct, left, left0;
	task_t t;

	if (!kt_have_initrd())
		KT_SKIP("no initrd (boot with -initrd build/user/initrd.cpio)");
	vm_baseline_take(&vbase);
	ipc_baseline_take(&base);
	direct = ipc_kmsg_delivered(&left0);
	KT_ASSERT_NOT_NULL(t = kt_spawn(kt, "test/udirect"));
	KT_EXPECT_EQ(task_wait_exit(t), 0);
	task_deallocate(t);
	direct = ipc_kmsg_delivered(&left) - direct;
	left -= left0;
	ktest_log(kt, "ended %lu receives directly, left %lu copies to the "
	    "receiver", (unsigned long)direct, (unsigned long)left);
	KT_EXPECT_GE(direct, 100);
	KT_EXPECT_GE(left, 10);
	KT_EXPECT(ipc_baseline_same(kt, &base));
	KT_EXPECT(vm_baseline_same(kt, &vbase));
}

/*
 * thread_terminate sets AST_ABORT, then interrupts the thread's wait; a
 * thread still on its way into a receive missed the interrupt and slept
 * (task_terminate then waited for it forever), as semaphore waits did
 * before.  A receive asserted after the abort must end at once with
 * MACH_RCV_INTERRUPTED.  The wait has a deadline: the bug shows as
 * MACH_RCV_TIMED_OUT, not as a hang.
 */
KTEST(ipc, receive_abort_asked_before_the_wait_ends_it)
{
	struct ipc_baseline base;
	struct ipc_rcv rcv;
	ipc_kmsg_t kmsg = IKM_NULL;
	mach_msg_size_t msize = 0;
	mach_msg_return_t mr;
	ipc_port_t port;
	uint64_t t0;

	ipc_baseline_take(&base);
	KT_ASSERT_EQ(ipc_port_create(&port), KERN_SUCCESS);
	rcv = (struct ipc_rcv){ .port = port, .pset = IPS_NULL, .option =
	    MACH_RCV_MSG, .max_size = 1024, .trailer_size = 8 };
	t0 = nanotime();
	rcv.deadline = t0 + 2 * NSEC_PER_SEC;
	thread_ast_set(current_thread(), AST_ABORT);
	mr = ipc_mqueue_receive(&rcv, &kmsg, &msize);
	(void)thread_ast_take(current_thread());
	KT_EXPECT_EQ(mr, MACH_RCV_INTERRUPTED);
	KT_EXPECT(kmsg == IKM_NULL);
	/* no waiter left behind on the port */
	ip_lock(port);
	KT_EXPECT(port->ip_receivers.iwq_head == NULL);
	ip_unlock(port);
	ipc_port_dealloc_kernel(port);
	KT_EXPECT(ipc_baseline_same(kt, &base));
}

/* many senders, one receiver: run long, then every counter back */
KTEST_LONG(ipc, stress_100k)
{
	const char *argv[] = { "ipcstress", "100000", NULL };
	struct ipc_baseline base;
	struct vm_baseline vbase;
	task_t t;

	if (!kt_have_initrd())
		KT_SKIP("no initrd (boot with -initrd build/user/initrd.cpio)");
	vm_baseline_take(&vbase);
	ipc_baseline_take(&base);
	KT_ASSERT_NOT_NULL(t = kt_spawn_argv(kt, "test/ipcstress", argv));
	KT_EXPECT_EQ(task_wait_exit(t), 0);
	task_deallocate(t);
	KT_EXPECT(ipc_baseline_same(kt, &base));
	KT_EXPECT(vm_baseline_same(kt, &vbase));
}

#define PEER_SERVER_NAME	0x10003		/* agreed with test/user/peer_ipc.c */
#define PEER_GOT_NAME		0x20003
#define PEER_GO_NAME		0x30003

/* the port of name's receive right in space, with a reference (or NULL) */
static ipc_port_t
receive_port_of(ipc_space_t space, mach_port_name_t name)
{
	ipc_entry_t e;
	ipc_port_t port = IP_NULL;

	is_lock(space);
	e = space->is_active ? ipc_entry_lookup(space, name) : NULL;
	if (e != NULL && (e->ie_bits & MACH_PORT_TYPE_RECEIVE)) {
		port = (ipc_port_t)e->ie_object;
		ip_reference(port);
	}
	is_unlock(space);
	return port;
}

/* wait until port's queue is full and a sender waits; false after ~20 s */
static bool
wait_for_blocked_sender(ipc_port_t port)
{
	for (int i = 0; i < 20000; i++) {
		bool blocked;

		ip_lock(port);
		blocked = port->ip_msgcount >= port->ip_qlimit &&
		    port->ip_send_waiters > 0;
		ip_unlock(port);
		if (blocked)
			return true;
		thread_sleep_ns(1000000);
	}
	return false;
}

/* wait until space names name (the program got that far); false after ~20 s */
static bool
wait_for_name(ipc_space_t space, mach_port_name_t name)
{
	mach_port_type_t type;

	for (int i = 0; i < 20000; i++) {
		if (mach_port_type(space, name, &type) == KERN_SUCCESS)
			return true;
		thread_sleep_ns(1000000);
	}
	return false;
}

/*
 * A server task killed while clients are blocked on it: one waiting for
 * its reply, one blocked on the full queue, and a dead-name request.
 * Every one gets its error or notification (peer_ipc client checks), none
 * hangs, and every counter comes back.
 */
KTEST(ipc, server_killed_clients_return)
{
	const char *sargv[] = { "peer_ipc", "server", NULL };
	const char *cargv[] = { "peer_ipc", "client", NULL };
	struct ipc_baseline base;
	task_t server, client;
	ipc_port_t port;

	if (!kt_have_initrd())
		KT_SKIP("no initrd (boot with -initrd build/user/initrd.cpio)");
	ipc_baseline_take(&base);
	KT_ASSERT_NOT_NULL(server = kt_spawn_argv(kt, "test/peer_ipc", sargv));
	KT_ASSERT(wait_for_name(server->itk_space, PEER_SERVER_NAME));
	KT_ASSERT_NOT_NULL(client = kt_spawn_argv(kt, "test/peer_ipc", cargv));
	KT_EXPECT_EQ(mach_port_insert_right(client->itk_space, PEER_SERVER_NAME,
	    server->itk_space, PEER_SERVER_NAME, MACH_MSG_TYPE_MAKE_SEND),
	    KERN_SUCCESS);
	/* A's RPC is with the server: B fills the queue, C blocks on it */
	KT_EXPECT(wait_for_name(server->itk_space, PEER_GOT_NAME));
	KT_EXPECT_EQ(mach_port_allocate_name(client->itk_space,
	    MACH_PORT_RIGHT_DEAD_NAME, PEER_GO_NAME), KERN_SUCCESS);
	if ((port = receive_port_of(server->itk_space, PEER_SERVER_NAME)) != IP_NULL) {
		KT_EXPECT(wait_for_blocked_sender(port));
		ip_release(port);
	}
	KT_EXPECT_EQ(task_terminate(server), KERN_SUCCESS);
	KT_EXPECT_EQ(task_wait_exit(client), 0);
	task_deallocate(client);
	task_deallocate(server);
	KT_EXPECT(ipc_baseline_same(kt, &base));
}

/*
 * a port-destroyed request whose notification would carry the receive
 * right to the port itself: the right cannot arrive anywhere, so the port
 * dies (Mach's ipc_port_destroy checks circularity first).  It leaked.
 */
KTEST(ipc, port_destroyed_request_to_itself_frees_the_port)
{
	struct ipc_baseline base;
	ipc_space_t space;
	mach_port_name_t p, prev;

	ipc_baseline_take(&base);
	KT_ASSERT_EQ(ipc_space_create(NULL, &space), KERN_SUCCESS);
	KT_ASSERT_EQ(mach_port_allocate(space, MACH_PORT_RIGHT_RECEIVE, &p),
	    KERN_SUCCESS);
	KT_EXPECT_EQ(mach_port_request_notification(space, p,
	    MACH_NOTIFY_PORT_DESTROYED, 0, space, p, MACH_MSG_TYPE_MAKE_SEND_ONCE,
	    &prev), KERN_SUCCESS);
	KT_EXPECT_EQ(mach_port_destroy(space, p), KERN_SUCCESS);
	ipc_space_terminate(space);
	ipc_space_release(space);
	KT_EXPECT(ipc_baseline_same(kt, &base));
}

/*
 * mach_port_insert_right into the caller's own space under a name no
 * space can hold: KERN_NO_SPACE, and the right it would have made is not
 * made (the send-once right was made, then lost: the port leaked)
 */
KTEST(ipc, insert_right_past_the_table_takes_nothing)
{
	struct ipc_baseline base;
	ipc_space_t space;
	mach_port_name_t p, far = MACH_PORT_MAKE((1u << 20) + 1, 0);
	mach_port_status_t st;
	mach_msg_type_number_t count = MACH_PORT_RECEIVE_STATUS_COUNT;

	ipc_baseline_take(&base);
	KT_ASSERT_EQ(ipc_space_create(NULL, &space), KERN_SUCCESS);
	KT_ASSERT_EQ(mach_port_allocate(space, MACH_PORT_RIGHT_RECEIVE, &p),
	    KERN_SUCCESS);
	KT_EXPECT_EQ(mach_port_insert_right(space, far, space, p,
	    MACH_MSG_TYPE_MAKE_SEND_ONCE), KERN_NO_SPACE);
	/* (a send right made from it would be a second name for the port) */
	KT_EXPECT_EQ(mach_port_insert_right(space, far, space, p,
	    MACH_MSG_TYPE_MAKE_SEND), KERN_RIGHT_EXISTS);
	KT_ASSERT_EQ(mach_port_get_attributes(space, p, MACH_PORT_RECEIVE_STATUS,
	    (integer_t *)&st, &count), KERN_SUCCESS);
	KT_EXPECT_EQ(st.mps_sorights, 0);
	KT_EXPECT_EQ(st.mps_srights, 0);
	KT_EXPECT_EQ(st.mps_mscount, 0);
	ipc_space_terminate(space);
	ipc_space_release(space);
	KT_EXPECT(ipc_baseline_same(kt, &base));
}

static int kt_dummy_kobject;

/*
 * a kernel port (a dummy object, the kernel holding its receive right and
 * reference in *kpp) and a send right to it in space: the right's name,
 * MACH_PORT_NULL if out of memory (*kpp IP_NULL if the port was not made)
 */
static mach_port_name_t
kernel_port_named(ipc_space_t space, ipc_port_t *kpp)
{
	*kpp = ipc_port_alloc_kernel(&kt_dummy_kobject, IKOT_NONE);
	if (*kpp == IP_NULL)
		return MACH_PORT_NULL;
	return ipc_port_copyout_send(ipc_port_make_send(*kpp), space);
}

/*
 * a port that dies between two rights of one message taken from the same
 * name: the first look saved the entry, the second must not turn it into
 * a dead name behind the transaction's back (an abort then put back a
 * send right whose count and reference were gone; a commit took the
 * count twice)
 */
KTEST(ipc, port_dying_inside_a_copyin_keeps_counts)
{
	struct ipc_baseline base;
	ipc_space_t space;
	ipc_port_t kp;
	mach_port_name_t name;
	struct ipc_object *o1, *o2;
	mach_msg_type_name_t t1, t2;
	struct ipc_txn txn;

	ipc_baseline_take(&base);
	KT_ASSERT_EQ(ipc_space_create(NULL, &space), KERN_SUCCESS);
	for (int commit = 0; commit < 2; commit++) {
		name = kernel_port_named(space, &kp);
		KT_ASSERT(MACH_PORT_VALID(name));
		ip_reference(kp);		/* ours, to look at it to the end */
		KT_ASSERT_EQ(mach_port_mod_refs(space, name, MACH_PORT_RIGHT_SEND, 1),
		    KERN_SUCCESS);
		KT_ASSERT_EQ(ipc_txn_init(&txn, space, 2), KERN_SUCCESS);
		is_lock(space);
		KT_EXPECT_EQ(ipc_txn_copyin(&txn, name, MACH_MSG_TYPE_MOVE_SEND, true,
		    &o1, &t1), KERN_SUCCESS);
		ipc_port_dealloc_kernel(kp);	/* it dies now */
		KT_EXPECT_EQ(ipc_txn_copyin(&txn, name, MACH_MSG_TYPE_COPY_SEND, true,
		    &o2, &t2), KERN_SUCCESS);
		if (commit)
			ipc_txn_commit(&txn);
		else
			ipc_txn_abort(&txn);
		is_unlock(space);
		ipc_txn_done(&txn);
		/* the name's right, plus the message's two after a commit */
		KT_ASSERT_EQ(kp->ip_srights, commit ? 3u : 1u);
		if (commit) {
			ipc_right_release(o1, t1);
			ipc_right_release(o2, t2);
		}
		KT_EXPECT_EQ(mach_port_type(space, name, &(mach_port_type_t){0}),
		    KERN_SUCCESS);
		KT_EXPECT_EQ(kp->ip_srights, 0u);
		KT_EXPECT_EQ(mach_port_destroy(space, name), KERN_SUCCESS);
		ip_release(kp);
	}
	ipc_space_terminate(space);
	ipc_space_release(space);
	KT_EXPECT(ipc_baseline_same(kt, &base));
}

/*
 * the same death between two COPY_SENDs of one name, which the first
 * does not save: the second turns the name into a dead name and drops the
 * name's reference, the port's last but the message's.  The rights taken
 * before hold references of their own from the copyin on, so the port
 * lives on to the commit (found by the fuzzer: the commit's reference was
 * taken on a freed port, a free-list link raised by one) or to the abort.
 * Nothing of ours holds the port: only the counters say it went.
 */
KTEST(ipc, port_dying_between_two_copies_of_one_name)
{
	struct ipc_baseline base;
	ipc_space_t space;
	ipc_port_t kp;
	mach_port_name_t name;
	mach_port_type_t type;
	struct ipc_object *o1, *o2;
	mach_msg_type_name_t t1, t2;
	struct ipc_txn txn;

	ipc_baseline_take(&base);
	KT_ASSERT_EQ(ipc_space_create(NULL, &space), KERN_SUCCESS);
	for (int commit = 0; commit < 2; commit++) {
		name = kernel_port_named(space, &kp);
		KT_ASSERT(MACH_PORT_VALID(name));
		KT_ASSERT_EQ(ipc_txn_init(&txn, space, 2), KERN_SUCCESS);
		is_lock(space);
		KT_EXPECT_EQ(ipc_txn_copyin(&txn, name, MACH_MSG_TYPE_COPY_SEND, true,
		    &o1, &t1), KERN_SUCCESS);
		KT_EXPECT(o1 == &kp->ip_object);
		ipc_port_dealloc_kernel(kp);	/* it dies now; the name's ref is left */
		KT_EXPECT_EQ(ipc_txn_copyin(&txn, name, MACH_MSG_TYPE_COPY_SEND, true,
		    &o2, &t2), KERN_SUCCESS);
		KT_EXPECT(o2 == IO_DEAD);	/* the name is a dead name now */
		if (commit)
			ipc_txn_commit(&txn);
		else
			ipc_txn_abort(&txn);	/* the port goes here */
		is_unlock(space);
		ipc_txn_done(&txn);
		if (commit) {
			KT_EXPECT_EQ(kp->ip_srights, 1u);	/* the message's */
			ipc_right_release(o1, t1);	/* the port goes here */
		}
		KT_EXPECT_EQ(mach_port_type(space, name, &type), KERN_SUCCESS);
		KT_EXPECT_EQ(type, MACH_PORT_TYPE_DEAD_NAME);
		KT_EXPECT_EQ(mach_port_destroy(space, name), KERN_SUCCESS);
	}
	ipc_space_terminate(space);
	ipc_space_release(space);
	KT_EXPECT(ipc_baseline_same(kt, &base));
}

struct dnlate_ctx {
	ipc_space_t space;
	mach_port_name_t name, notify;
	int cpu;			/* where the requester runs */
	uint32_t ready, go;		/* [a] */
	kern_return_t kr;
};

static void
dnlate_requester(void *arg)
{
	struct dnlate_ctx *c = arg;
	mach_port_name_t previous;

	thread_bind(current_thread(), c->cpu);
	__atomic_store_n(&c->ready, 1, __ATOMIC_RELEASE);
	while (!__atomic_load_n(&c->go, __ATOMIC_ACQUIRE))
		cpu_relax();
	c->kr = mach_port_request_notification(c->space, c->name,
	    MACH_NOTIFY_DEAD_NAME, 0, c->space, c->notify,
	    MACH_MSG_TYPE_MAKE_SEND_ONCE, &previous);
}

/*
 * a dead-name request on a send right whose port dies between the
 * request's look at it (without the port's lock) and taking the lock: the
 * port's requests have fired and gone by then, so one added now would
 * never fire, and the port's free found it ("ipc_port_free: port has
 * messages or requests", found by the fuzzer).  The request must be
 * answered as one on a dead name.  This hart holds the port's lock while
 * the requester gets to it, then kills the port.
 */
KTEST(ipc, dead_name_request_on_a_port_dying_meanwhile)
{
	struct ipc_baseline base;
	struct ipc_port_stats st0, st1;
	struct dnlate_ctx c = { 0 };
	thread_t th = THREAD_NULL;
	ipc_port_t kp, np;
	mach_port_type_t type;
	uint64_t end;
	bool copied = false;

	if (cpus_online() < 2)
		KT_SKIP("one hart: the requester cannot run while this one holds the lock");
	ipc_baseline_take(&base);
	KT_ASSERT_EQ(ipc_space_create(NULL, &c.space), KERN_SUCCESS);
	c.name = kernel_port_named(c.space, &kp);
	KT_ASSERT(MACH_PORT_VALID(c.name));
	KT_ASSERT_EQ(mach_port_allocate(c.space, MACH_PORT_RIGHT_RECEIVE, &c.notify),
	    KERN_SUCCESS);
	is_lock(c.space);
	np = (ipc_port_t)ipc_entry_lookup(c.space, c.notify)->ie_object;
	ip_reference(np);
	is_unlock(c.space);
	KT_ASSERT_EQ(thread_bind(current_thread(), 0), KERN_SUCCESS);
	c.cpu = kt_next_cpu(0);
	KT_ASSERT_EQ(kernel_thread_start(dnlate_requester, &c, &th), KERN_SUCCESS);
	while (!__atomic_load_n(&c.ready, __ATOMIC_ACQUIRE))
		thread_sleep_ns(POLL_NS);
	ipc_port_get_stats(&st0);
	ip_lock(kp);
	__atomic_store_n(&c.go, 1, __ATOMIC_RELEASE);
	/* the notify right is taken first; then the look, then this lock */
	for (end = nanotime() + 5 * NSEC_PER_SEC; nanotime() < end;) {
		if (__atomic_load_n(&np->ip_sorights, __ATOMIC_ACQUIRE) != 0) {
			copied = true;
			break;
		}
		cpu_relax();
	}
	for (end = nanotime() + 20 * NSEC_PER_MSEC; copied && nanotime() < end;)
		cpu_relax();
	ipc_port_destroy_locked(kp);	/* unlocks it */
	ip_release(kp);			/* the kernel's: the name's is left */
	kt_join(&th);
	thread_bind(current_thread(), -1);
	ipc_port_get_stats(&st1);
	KT_EXPECT_EQ(c.kr, KERN_INVALID_ARGUMENT);	/* on a dead name, sync 0 */
	KT_EXPECT_EQ(mach_port_type(c.space, c.name, &type), KERN_SUCCESS);
	KT_EXPECT_EQ(type, MACH_PORT_TYPE_DEAD_NAME);
	KT_EXPECT_EQ(st1.dnrequests, st0.dnrequests);
	ip_release(np);
	ipc_space_terminate(c.space);
	ipc_space_release(c.space);
	KT_EXPECT(ipc_baseline_same(kt, &base));
	if (st1.dnrequests_late == st0.dnrequests_late)
		KT_SKIP("the requester did not reach the port's lock in time");
}

/*
 * A message received into a space that died meanwhile: ipc_kmsg_copyout
 * destroys it and says so (the kmsg pointer cleared), so the receive
 * path does not also copy it out and free it a second time (it did).
 */
KTEST(ipc, copyout_to_a_dead_space_destroys_the_message_once)
{
	struct ipc_baseline base;
	ipc_space_t space;
	ipc_port_t port, sonce;
	ipc_kmsg_t kmsg;

	ipc_baseline_take(&base);
	KT_ASSERT_EQ(ipc_space_create(NULL, &space), KERN_SUCCESS);
	KT_ASSERT_EQ(ipc_port_create(&port), KERN_SUCCESS);
	ip_lock(port);
	sonce = ipc_port_make_sonce_locked(port);
	ip_unlock(port);
	kmsg = ipc_kmsg_kernel_sonce(sonce, 4242, sizeof(mach_msg_header_t), 0);
	KT_ASSERT(kmsg != IKM_NULL);
	ipc_space_terminate(space);
	KT_EXPECT_EQ(ipc_kmsg_copyout(&kmsg, space, NULL, false),
	    MACH_RCV_HEADER_ERROR | MACH_MSG_IPC_SPACE);
	KT_EXPECT(kmsg == IKM_NULL);
	ipc_space_release(space);
	/* the send-once notification the destroyed message sent goes with it */
	ipc_port_release_receive(port);
	KT_EXPECT(ipc_baseline_same(kt, &base));
}

struct changed_ctx {
	ipc_space_t space;
	mach_port_name_t name;
	mach_msg_return_t mr;
	uint32_t done;			/* [a] */
};

static void
changed_receiver(void *arg)
{
	struct changed_ctx *c = arg;
	struct mach_msg_args a = {
		.option = MACH_RCV_MSG, .rcv_name = c->name, .rcv_size = 256,
	};

	c->mr = mach_msg_receive_internal(c->space, NULL, &a, NULL);
	__atomic_store_n(&c->done, 1, __ATOMIC_RELEASE);
}

/*
 * A receive right moved to another space while a thread of the old one
 * waits on it: the thread returns MACH_RCV_PORT_CHANGED at once (XNU's
 * ipc_mqueue_changed) instead of staying to take the new owner's
 * messages (it stayed: here, until the port died in the other space).
 */
KTEST(ipc, receiver_of_a_moved_receive_right_gets_port_changed)
{
	struct ipc_baseline base;
	struct changed_ctx c = { 0 };
	mach_port_name_t far = MACH_PORT_MAKE(7, 0);
	ipc_space_t s2;
	ipc_port_t port;
	thread_t th = THREAD_NULL;
	uint64_t end;
	bool waiting = false, done = false;

	ipc_baseline_take(&base);
	KT_ASSERT_EQ(ipc_space_create(NULL, &c.space), KERN_SUCCESS);
	KT_ASSERT_EQ(ipc_space_create(NULL, &s2), KERN_SUCCESS);
	KT_ASSERT_EQ(mach_port_allocate(c.space, MACH_PORT_RIGHT_RECEIVE,
	    &c.name), KERN_SUCCESS);
	is_lock(c.space);
	port = (ipc_port_t)ipc_entry_lookup(c.space, c.name)->ie_object;
	ip_reference(port);
	is_unlock(c.space);
	KT_ASSERT_EQ(kernel_thread_start(changed_receiver, &c, &th), KERN_SUCCESS);
	for (end = nanotime() + 5 * NSEC_PER_SEC; !waiting && nanotime() < end;) {
		ip_lock(port);
		waiting = port->ip_receivers.iwq_head != NULL;
		ip_unlock(port);
		if (!waiting)
			thread_sleep_ns(POLL_NS);
	}
	KT_EXPECT(waiting);
	KT_EXPECT_EQ(mach_port_insert_right(s2, far, c.space, c.name,
	    MACH_MSG_TYPE_MOVE_RECEIVE), KERN_SUCCESS);
	for (end = nanotime() + 2 * NSEC_PER_SEC; !done && nanotime() < end;) {
		done = __atomic_load_n(&c.done, __ATOMIC_ACQUIRE) != 0;
		if (!done)
			thread_sleep_ns(POLL_NS);
	}
	KT_EXPECT(done);
	/* the port dies with s2: a receiver still waiting would wake then */
	ipc_space_terminate(s2);
	kt_join(&th);
	KT_EXPECT_EQ(c.mr, MACH_RCV_PORT_CHANGED);
	ip_release(port);
	ipc_space_release(s2);
	ipc_space_terminate(c.space);
	ipc_space_release(c.space);
	KT_EXPECT(ipc_baseline_same(kt, &base));
}

struct leave_ctx {
	ipc_space_t space;
	mach_port_name_t name;
	int cpu;			/* where the destroyer runs */
	uint32_t ready, go;		/* [a] */
	kern_return_t kr;
};

static void
leave_destroyer(void *arg)
{
	struct leave_ctx *c = arg;

	thread_bind(current_thread(), c->cpu);
	__atomic_store_n(&c->ready, 1, __ATOMIC_RELEASE);
	while (!__atomic_load_n(&c->go, __ATOMIC_ACQUIRE))
		cpu_relax();
	c->kr = mach_port_destroy(c->space, c->name);
}

/*
 * mach_port_destroy of a receive right frees the name, unlocks the space,
 * then destroys the port.  In between the port must no longer say it is
 * the space's (ip_receiver): a send right to it received meanwhile was
 * looked for under the freed name (panic "ipc_right_copyout: receive
 * right ... not in its space", found by the fuzzer).  The destroyer is
 * held in that window by the lock of the set the port is in, which this
 * hart holds.
 */
KTEST(ipc, destroyed_receive_right_leaves_its_space_at_once)
{
	struct leave_ctx c = { 0 };
	mach_port_name_t set;
	ipc_entry_t e;
	ipc_port_t port;
	ipc_pset_t pset;
	thread_t th = THREAD_NULL;
	uint32_t refs;
	uint64_t end;
	bool stalled = false;
	ipc_space_t recv = IS_NULL;

	if (cpus_online() < 2)
		KT_SKIP("one hart: the destroyer cannot run while this one waits");
	KT_ASSERT_EQ(ipc_space_create(NULL, &c.space), KERN_SUCCESS);
	KT_ASSERT_EQ(mach_port_allocate(c.space, MACH_PORT_RIGHT_RECEIVE, &c.name),
	    KERN_SUCCESS);
	KT_ASSERT_EQ(mach_port_allocate(c.space, MACH_PORT_RIGHT_PORT_SET, &set),
	    KERN_SUCCESS);
	KT_ASSERT_EQ(mach_port_insert_member(c.space, c.name, set), KERN_SUCCESS);
	is_lock(c.space);
	e = ipc_entry_lookup(c.space, c.name);
	port = (ipc_port_t)e->ie_object;
	ip_reference(port);
	e = ipc_entry_lookup(c.space, set);
	pset = (ipc_pset_t)e->ie_object;
	io_reference(&pset->ips_object);
	is_unlock(c.space);
	KT_ASSERT_EQ(thread_bind(current_thread(), 0), KERN_SUCCESS);
	c.cpu = kt_next_cpu(0);
	KT_ASSERT_EQ(kernel_thread_start(leave_destroyer, &c, &th), KERN_SUCCESS);
	while (!__atomic_load_n(&c.ready, __ATOMIC_ACQUIRE))
		thread_sleep_ns(POLL_NS);
	refs = __atomic_load_n(&pset->ips_object.io_references, __ATOMIC_ACQUIRE);
	ips_lock(pset);
	__atomic_store_n(&c.go, 1, __ATOMIC_RELEASE);
	/* ipc_pset_remove_any takes a reference on the set, then its lock */
	for (end = nanotime() + 5 * NSEC_PER_SEC; nanotime() < end;) {
		if (__atomic_load_n(&pset->ips_object.io_references,
		    __ATOMIC_ACQUIRE) != refs) {
			stalled = true;
			break;
		}
		cpu_relax();
	}
	if (stalled)
		recv = __atomic_load_n(&port->ip_receiver, __ATOMIC_ACQUIRE);
	ips_unlock(pset);
	kt_join(&th);
	thread_bind(current_thread(), -1);
	KT_EXPECT_EQ(c.kr, KERN_SUCCESS);
	KT_EXPECT(!ip_active(port));
	ip_release(port);
	io_release(&pset->ips_object);
	ipc_space_terminate(c.space);
	ipc_space_release(c.space);
	if (!stalled)
		KT_SKIP("the host stalled the destroyer past 5 s");
	KT_EXPECT(recv == IS_NULL);
}

/*
 * mach_port_insert_member looks the receive right up, unlocks the space,
 * then adds the port to the set.  If the right left meanwhile the port
 * must not join: it was linked into the set of a space that no longer
 * holds it (and when the right was being destroyed, past the point where
 * its death unlinks it from sets, the set kept a freed port).  Here the
 * right moves to another space between the look-up and the add.
 */
KTEST(ipc, set_takes_only_a_receive_right_of_its_space)
{
	struct ipc_baseline base;
	ipc_space_t s1, s2;
	mach_port_name_t p, set, far = MACH_PORT_MAKE(7, 0);
	ipc_port_t port;
	ipc_pset_t pset;
	ipc_entry_t e;

	ipc_baseline_take(&base);
	KT_ASSERT_EQ(ipc_space_create(NULL, &s1), KERN_SUCCESS);
	KT_ASSERT_EQ(ipc_space_create(NULL, &s2), KERN_SUCCESS);
	KT_ASSERT_EQ(mach_port_allocate(s1, MACH_PORT_RIGHT_RECEIVE, &p),
	    KERN_SUCCESS);
	KT_ASSERT_EQ(mach_port_allocate(s1, MACH_PORT_RIGHT_PORT_SET, &set),
	    KERN_SUCCESS);
	is_lock(s1);
	e = ipc_entry_lookup(s1, p);
	port = (ipc_port_t)e->ie_object;
	ip_reference(port);
	e = ipc_entry_lookup(s1, set);
	pset = (ipc_pset_t)e->ie_object;
	io_reference(&pset->ips_object);
	is_unlock(s1);
	KT_ASSERT_EQ(mach_port_insert_right(s2, far, s1, p,
	    MACH_MSG_TYPE_MOVE_RECEIVE), KERN_SUCCESS);
	KT_EXPECT_EQ(ipc_pset_add(pset, port, s1, false), KERN_INVALID_RIGHT);
	ip_lock(port);
	KT_EXPECT(port->ip_pset == IPS_NULL);
	ip_unlock(port);
	ipc_pset_remove_any(port);
	ip_release(port);
	io_release(&pset->ips_object);
	ipc_space_terminate(s1);
	ipc_space_release(s1);
	ipc_space_terminate(s2);
	ipc_space_release(s2);
	KT_EXPECT(ipc_baseline_same(kt, &base));
}

/*
 * a send right inserted under a name that holds a send-once right to the
 * same port is refused: RIGHT_EXISTS where the port has its name in the
 * space, NAME_EXISTS where it has none (XNU's answers).  It joined the
 * entry, which then held both rights (mach_port_names: type 0x50000)
 * outside the reverse hash, and the port's death panicked in
 * ipc_hash_delete.  Found by ipcfuzz.
 */
KTEST(ipc, send_right_does_not_join_a_send_once_name)
{
	struct ipc_baseline base;
	ipc_space_t s1, s2;
	mach_port_name_t p, so = MACH_PORT_MAKE(7, 0);
	mach_port_type_t type;

	ipc_baseline_take(&base);
	KT_ASSERT_EQ(ipc_space_create(NULL, &s1), KERN_SUCCESS);
	KT_ASSERT_EQ(ipc_space_create(NULL, &s2), KERN_SUCCESS);
	KT_ASSERT_EQ(mach_port_allocate(s1, MACH_PORT_RIGHT_RECEIVE, &p),
	    KERN_SUCCESS);
	KT_ASSERT_EQ(mach_port_insert_right(s1, so, s1, p,
	    MACH_MSG_TYPE_MAKE_SEND_ONCE), KERN_SUCCESS);
	KT_ASSERT_EQ(mach_port_insert_right(s2, so, s1, p,
	    MACH_MSG_TYPE_MAKE_SEND_ONCE), KERN_SUCCESS);
	/* (an assertion: with both rights in one entry the port must not die) */
	KT_ASSERT_EQ(mach_port_insert_right(s1, so, s1, p,
	    MACH_MSG_TYPE_MAKE_SEND), KERN_RIGHT_EXISTS);
	KT_ASSERT_EQ(mach_port_insert_right(s2, so, s1, p,
	    MACH_MSG_TYPE_MAKE_SEND), KERN_NAME_EXISTS);
	KT_ASSERT_EQ(mach_port_type(s1, so, &type), KERN_SUCCESS);
	KT_ASSERT_EQ(type, MACH_PORT_TYPE_SEND_ONCE);
	KT_ASSERT_EQ(mach_port_type(s2, so, &type), KERN_SUCCESS);
	KT_ASSERT_EQ(type, MACH_PORT_TYPE_SEND_ONCE);
	/* the port dies: dead names (the refused send right went back to s1) */
	KT_EXPECT_EQ(mach_port_destroy(s1, p), KERN_SUCCESS);
	KT_EXPECT_EQ(mach_port_type(s2, so, &type), KERN_SUCCESS);
	KT_EXPECT_EQ(type, MACH_PORT_TYPE_DEAD_NAME);
	ipc_space_terminate(s1);
	ipc_space_release(s1);
	ipc_space_terminate(s2);
	ipc_space_release(s2);
	KT_EXPECT(ipc_baseline_same(kt, &base));
}
