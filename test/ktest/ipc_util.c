/*
 * test/ktest/ipc_util.c - helpers shared by the IPC ktest suites.
 */
#include "kernel/ipc/ipc_kmsg.h"
#include "kernel/ktest/ktest.h"
#include "kernel/lib/string.h"
#include "kernel/sched/sched.h"
#include "kernel/sched/timer.h"
#include "kernel/vm/kalloc.h"
#include "kernel/vm/zone.h"
#include "test/ktest/ipc_util.h"

static void
ipc_zone_sum(struct zone *z, void *arg)
{
	struct zone_stats st;

	if (strncmp(zone_name(z), "ipc.", 4) != 0)
		return;
	zone_get_stats(z, &st);
	*(uint64_t *)arg += st.in_use;
}

void
ipc_baseline_take(struct ipc_baseline *b)
{
	memset(b, 0, sizeof(*b));
	ipc_space_get_stats(&b->sp);
	ipc_port_get_stats(&b->po);
	b->kmsgs = ipc_kmsg_alive();
	b->kalloc = kalloc_bytes_in_use();
	zone_foreach(ipc_zone_sum, &b->zone_in_use);
}

bool
ipc_baseline_same(struct ktest_ctx *kt, const struct ipc_baseline *b)
{
	struct ipc_baseline now;
	struct ipc_space_stats st;
	bool same;

	/*
	 * a dead task's space goes with its last reference, which its last
	 * thread holds until the reaper frees it: give that up to 2 s, as
	 * vm_baseline_same does (a space still there after that is a leak;
	 * ipc.server_killed_clients_return once saw one a moment too early)
	 */
	for (uint64_t end = nanotime() + 2 * NSEC_PER_SEC;
	    ipc_space_get_stats(&st), st.spaces != b->sp.spaces &&
	    nanotime() < end;)
		thread_sleep_ns(NSEC_PER_MSEC);
	ipc_baseline_take(&now);
	same = now.sp.spaces == b->sp.spaces && now.sp.entries == b->sp.entries &&
	    now.sp.table_pages == b->sp.table_pages &&
	    now.sp.hash_bytes == b->sp.hash_bytes &&
	    now.po.ports == b->po.ports && now.po.dnrequests == b->po.dnrequests &&
	    now.kmsgs == b->kmsgs && now.kalloc == b->kalloc &&
	    now.zone_in_use == b->zone_in_use;
	if (!same)
		ktest_log(kt, "spaces %lu/%lu entries %lu/%lu pages %lu/%lu hash %lu/%lu "
		    "ports %lu/%lu dnreqs %lu/%lu kmsgs %lu/%lu kalloc %lu/%lu "
		    "ipc zones %lu/%lu",
		    now.sp.spaces, b->sp.spaces, now.sp.entries, b->sp.entries,
		    now.sp.table_pages, b->sp.table_pages, now.sp.hash_bytes,
		    b->sp.hash_bytes, now.po.ports, b->po.ports, now.po.dnrequests,
		    b->po.dnrequests, now.kmsgs, b->kmsgs, now.kalloc, b->kalloc,
		    now.zone_in_use, b->zone_in_use);
	return same;
}
