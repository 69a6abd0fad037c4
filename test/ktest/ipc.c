/*
 * test/ktest/ipc.c - kernel/ipc: spaces, ports, rights and messages from
 * inside the kernel, and the user IPC program with every counter back at
 * its baseline afterwards.
 */
#include <mach/message.h>
#include "kernel/ipc/ipc_kmsg.h"
#include "kernel/ipc/ipc_port.h"
#include "kernel/ipc/ipc_right.h"
#include "kernel/ipc/ipc_space.h"
#include "kernel/ipc/mach_port.h"
#include "kernel/ktest/ktest.h"
#include "kernel/sched/sched.h"
#include "kernel/vm/kalloc.h"
#include "task/exec.h"
#include "task/task.h"
#include "test/ktest/vm_util.h"

struct ipc_baseline {
	struct ipc_space_stats sp;
	struct ipc_port_stats po;
	uint64_t kmsgs, kalloc;
};

static void
ipc_baseline_take(struct ipc_baseline *b)
{
	ipc_space_get_stats(&b->sp);
	ipc_port_get_stats(&b->po);
	b->kmsgs = ipc_kmsg_alive();
	b->kalloc = kalloc_bytes_in_use();
}

static bool
ipc_baseline_same(struct ktest_ctx *kt, const struct ipc_baseline *b)
{
	struct ipc_baseline now;
	bool same;

	ipc_baseline_take(&now);
	same = now.sp.spaces == b->sp.spaces && now.sp.entries == b->sp.entries &&
	    now.sp.table_pages == b->sp.table_pages &&
	    now.sp.hash_bytes == b->sp.hash_bytes &&
	    now.po.ports == b->po.ports && now.po.dnrequests == b->po.dnrequests &&
	    now.kmsgs == b->kmsgs && now.kalloc == b->kalloc;
	if (!same)
		ktest_log(kt, "spaces %lu/%lu entries %lu/%lu pages %lu/%lu hash %lu/%lu "
		    "ports %lu/%lu dnreqs %lu/%lu kmsgs %lu/%lu kalloc %lu/%lu",
		    now.sp.spaces, b->sp.spaces, now.sp.entries, b->sp.entries,
		    now.sp.table_pages, b->sp.table_pages, now.sp.hash_bytes,
		    b->sp.hash_bytes, now.po.ports, b->po.ports, now.po.dnrequests,
		    b->po.dnrequests, now.kmsgs, b->kmsgs, now.kalloc, b->kalloc);
	return same;
}

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

/*
 * the user IPC programs (test/uipc twice, the second time with a short
 * test/ipcstress): the second run leaves nothing behind
 */
KTEST(ipc, user_program_back_to_baseline)
{
	struct ipc_baseline base;
	struct vm_baseline vbase;
	task_t t;

	if (!kt_have_initrd())
		KT_SKIP("no initrd (boot with -initrd build/user/initrd.cpio)");
	KT_ASSERT_NOT_NULL(t = kt_spawn(kt, "test/uipc"));
	KT_EXPECT_EQ(task_wait_exit(t), 0);
	task_deallocate(t);
	vm_baseline_take(&vbase);
	ipc_baseline_take(&base);
	KT_ASSERT_NOT_NULL(t = kt_spawn(kt, "test/uipc"));
	KT_EXPECT_EQ(task_wait_exit(t), 0);
	task_deallocate(t);
	{
		const char *argv[] = { "ipcstress", "500", NULL };

		KT_ASSERT_NOT_NULL(t = kt_spawn_argv(kt, "test/ipcstress", argv));
		KT_EXPECT_EQ(task_wait_exit(t), 0);
		task_deallocate(t);
	}
	KT_EXPECT(ipc_baseline_same(kt, &base));
	KT_EXPECT(vm_baseline_same(kt, &vbase));
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
