/*
 * test/user/ipcstress.c - many senders, one receiver: none lost, none
 * duplicated.
 *
 *	ipcstress [N]	NCLIENTS threads each send N messages (default
 *			500) to one port with a queue limit of 5, so
 *			senders block on a full queue; the receiving thread
 *			checks every client's counter arrives in order with
 *			no gap and the port's sequence numbers run without
 *			a hole, then reports messages per second
 *
 * KTAP suite "ipcstress" (run in every QEMU configuration, short); the
 * KTEST_LONG ipc.stress_100k runs it with 100,000 messages each (by
 * hand: make ktest KTEST=ipc.stress_100k SMP=4) and checks every counter
 * afterwards.
 */
#include <stdint.h>
#include <stdlib.h>

#include <mach/mach_init.h>
#include <mach/mach_port.h>
#include <mach/mach_time.h>
#include <mach/mach_traps.h>
#include <mach/message.h>
#include <mach/rvmach_debug.h>

#include "ktap.h"

#define NCLIENTS	4
#define DEFAULT_N	500		/* every boot; the 100k run: ipc.stress_100k */

struct smsg {
	mach_msg_header_t h;
	uint32_t client;
	uint32_t counter;
};

struct srcv {
	struct smsg m;
	mach_msg_seqno_trailer_t t;
};

static mach_port_t port;
static long per_client;
static volatile int done_clients, send_errors;
static char stacks[NCLIENTS][8192] __attribute__((aligned(16)));

static void
client(void *arg)
{
	uint32_t id = (uint32_t)(uintptr_t)arg;
	struct smsg m;

	for (long i = 0; i < per_client; i++) {
		m.h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, 0);
		m.h.msgh_size = sizeof(m);
		m.h.msgh_remote_port = port;
		m.h.msgh_local_port = MACH_PORT_NULL;
		m.h.msgh_voucher_port = MACH_PORT_NULL;
		m.h.msgh_id = 1;
		m.client = id;
		m.counter = (uint32_t)i;
		if (mach_msg(&m.h, MACH_SEND_MSG, sizeof(m), 0, MACH_PORT_NULL, 0,
		    MACH_PORT_NULL) != MACH_MSG_SUCCESS)
			__atomic_fetch_add(&send_errors, 1, __ATOMIC_RELAXED);
	}
	__atomic_fetch_add(&done_clients, 1, __ATOMIC_RELEASE);
	rvmach_thread_exit();
}

int
main(int argc, char **argv)
{
	mach_port_t self = mach_task_self();
	uint32_t next[NCLIENTS] = { 0 };
	long total, got = 0, order_bad = 0, seq_bad = 0, rcv_bad = 0;
	mach_port_seqno_t expect_seq = 0;
	mach_timebase_info_data_t tb;
	uint64_t t0, t1, ns;
	int started = 0;

	per_client = argc > 1 ? strtol(argv[1], NULL, 10) : DEFAULT_N;
	if (per_client <= 0)
		per_client = DEFAULT_N;
	total = per_client * NCLIENTS;
	ktap_plan("ipcstress", 4);
	if (mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &port) != KERN_SUCCESS ||
	    mach_port_insert_right(self, port, port, MACH_MSG_TYPE_MAKE_SEND) !=
	    KERN_SUCCESS)
		return ktap_done();
	mach_timebase_info(&tb);
	t0 = mach_absolute_time();
	for (int i = 0; i < NCLIENTS; i++)
		started += rvmach_thread_start(client, (void *)(uintptr_t)i, stacks[i],
		    sizeof(stacks[i])) == KERN_SUCCESS;
	ktap_ok(started == NCLIENTS, "%d_senders", NCLIENTS);
	while (got < total) {
		struct srcv r;
		mach_msg_return_t mr = mach_msg(&r.m.h, MACH_RCV_MSG | MACH_RCV_TIMEOUT |
		    MACH_RCV_TRAILER_ELEMENTS(MACH_RCV_TRAILER_SEQNO), 0, sizeof(r),
		    port, 10000, MACH_PORT_NULL);

		if (mr != MACH_MSG_SUCCESS) {
			ktap_diag("receive %ld: %#x", got, mr);
			rcv_bad++;
			break;
		}
		if (r.m.client >= NCLIENTS || r.m.counter != next[r.m.client])
			order_bad++;
		else
			next[r.m.client]++;
		if (r.t.msgh_seqno != expect_seq)
			seq_bad++;
		expect_seq = r.t.msgh_seqno + 1;
		got++;
	}
	t1 = mach_absolute_time();
	while (__atomic_load_n(&done_clients, __ATOMIC_ACQUIRE) < started)
		swtch_pri(0);
	ns = (t1 - t0) * tb.numer / tb.denom;
	ktap_diag("%ld messages from %d senders in %lu ms: %lu messages/s", got,
	    NCLIENTS, (unsigned long)(ns / 1000000),
	    (unsigned long)(ns > 0 ? (uint64_t)got * 1000000000ull / ns : 0));
	ktap_ok(rcv_bad == 0 && got == total && send_errors == 0,
	    "%ld_messages_each_all_arrived", per_client);
	ktap_ok(order_bad == 0, "none_lost_or_duplicated");
	ktap_ok(seq_bad == 0, "seqnos_without_holes");
	mach_port_destroy(self, port);
	return ktap_done();
}
