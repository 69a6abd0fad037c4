/*
 * test/ktest/task_port.c - the calls on task, thread and host ports
 * (task/task_port_trap.c) leave nothing behind: the user program utask,
 * which makes and ends child tasks and threads, sends, receives and
 * aborts, run twice; after the second run every task, thread, port, IPC
 * and VM counter is where it was before it.
 */
#include "kernel/ipc/ipc_kmsg.h"
#include "kernel/ipc/ipc_port.h"
#include "kernel/ipc/ipc_space.h"
#include "kernel/ktest/ktest.h"
#include "kernel/vm/kalloc.h"
#include "kernel/vm/vm_map.h"
#include "task/exec.h"
#include "task/task.h"
#include "test/ktest/vm_util.h"

struct port_counters {
	struct ipc_space_stats sp;
	struct ipc_port_stats po;
	uint64_t kmsgs, kalloc, copies;
};

static void
port_counters_take(struct port_counters *c)
{
	ipc_space_get_stats(&c->sp);
	ipc_port_get_stats(&c->po);
	c->kmsgs = ipc_kmsg_alive();
	c->kalloc = kalloc_bytes_in_use();
	c->copies = vm_map_copies_alive();
}

#define SAME(field) do {						\
	if (now.field != b->field) {					\
		ktest_log(kt, "%s: %lu, baseline %lu", #field,		\
		    (unsigned long)now.field, (unsigned long)b->field);	\
		same = false;						\
	}								\
} while (0)

static bool
port_counters_same(struct ktest_ctx *kt, const struct port_counters *b)
{
	struct port_counters now;
	bool same = true;

	port_counters_take(&now);
	SAME(sp.spaces);
	SAME(sp.entries);
	SAME(sp.table_pages);
	SAME(sp.hash_bytes);
	SAME(po.ports);
	SAME(po.dnrequests);
	SAME(kmsgs);
	SAME(kalloc);
	SAME(copies);
	return same;
}

/* utask twice: the second run leaves every counter where it found it */
KTEST(task, port_calls_program_back_to_baseline)
{
	struct port_counters pbase;
	struct vm_baseline vbase;

	if (!kt_have_initrd())
		KT_SKIP("no initrd (boot with -initrd build/user/initrd.cpio)");
	KT_EXPECT_EQ(kt_run(kt, "test/utask"), 0);	/* zones and tables grow once */
	vm_baseline_take(&vbase);
	port_counters_take(&pbase);
	KT_EXPECT_EQ(kt_run(kt, "test/utask"), 0);
	KT_EXPECT(vm_baseline_same(kt, &vbase));	/* tasks, threads, maps, pages */
	KT_EXPECT(port_counters_same(kt, &pbase));
}
