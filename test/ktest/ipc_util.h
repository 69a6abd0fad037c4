/*
 * test/ktest/ipc_util.h - helpers shared by the IPC ktest suites.
 */
#ifndef TEST_KTEST_IPC_UTIL_H
#define TEST_KTEST_IPC_UTIL_H

#include "kernel/ipc/ipc_port.h"
#include "kernel/ipc/ipc_space.h"

struct ktest_ctx;

/* the IPC counters that must come back to their baseline */
struct ipc_baseline {
	struct ipc_space_stats sp;
	struct ipc_port_stats po;
	uint64_t kmsgs, kalloc;
	uint64_t zone_in_use;		/* elements of the ipc.* zones */
};

void ipc_baseline_take(struct ipc_baseline *b);
/* compare now with b; logs both when they differ; true if the same */
bool ipc_baseline_same(struct ktest_ctx *kt, const struct ipc_baseline *b);

#endif /* TEST_KTEST_IPC_UTIL_H */
