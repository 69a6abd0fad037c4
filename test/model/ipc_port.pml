/*
 * ipc_port.pml - the message path of one port under concurrency: two
 * senders, one or two receivers and the death of the receive right,
 * racing.
 *
 * Port P, queue limit QLIMIT (1; -DQLIMIT=2).  Sender 0 sends messages 0
 * and 1, sender 1 message 2; each send waits for room forever or with a
 * deadline (the timer may fire at any moment).  NRECEIVERS receivers (1;
 * -DNRECEIVERS=2) each receive again and again, polling, with a deadline
 * or forever, until the port is dead.  The destroyer destroys P at any
 * moment (the receive right goes: mach_port_destroy, or the task's
 * death).  Nothing else fires: the timers and the wake-ups race each
 * other, and the fast path (a sender hands its message straight to a
 * waiting receiver) races the receiver's timer.  With -DPORT_LIVES there
 * is no destroyer and every wait is forever: the one receiver takes the
 * three messages and stops.
 *
 * Checked (spin safety run, invalid end states on):
 *   - every message is received once, or destroyed once with the port,
 *     or given back to its sender with an error; never lost (left in a
 *     receiver's ith_kmsg, or queued on a dead port), never twice;
 *   - seqnos: each receiver gets increasing ones, a sender's messages
 *     are received in the order it sent them;
 *   - a handed message is taken even when the receiver's timer fired, a
 *     stale wake-up (a handoff that lost to the timer, landing on the
 *     receiver's next wait) is slept through, and a receive without a
 *     timeout never returns MACH_RCV_TIMED_OUT (the lines marked @reach
 *     must be reached: those races happen);
 *   - no sender sleeps on a queue with room while nobody comes to wake
 *     it (ipc_port_check), no lock is held into thread_block, no thread
 *     holds two port locks;
 *   - at the end no thread waits, nothing is left on ip_receivers or
 *     ip_senders, and every process got to its end (no deadlock).
 * With -DLIVENESS (one receiver), two claims instead, checked with weak
 * fairness: a receiver waiting on P when P is dead returns (ltl
 * rcv_returns), and every wait of every thread ends (ltl waits_end).
 */

#ifndef QLIMIT
#define QLIMIT		1
#endif
#ifndef NRECEIVERS
#define NRECEIVERS	1
#endif
/*
 * -DPORT_LIVES: nobody destroys P, everybody waits forever, and the one
 * receiver takes all three messages: a wake-up lost on the way is a hang.
 */
#ifdef PORT_LIVES
#define MAY_TIME_OUT	false
#else
#define MAY_TIME_OUT	true
#endif
#define NPORTS		1
#define NSENDERS	2
#define NTHREADS	(NSENDERS + NRECEIVERS + 1)
#define NMSGS		3
#define QMAX		(QLIMIT + 1)
#define NSPACES		1
#define NDNR		1
#define NS_EPOCHS	1

#define P		0

#include "ipc_kernel.pml"

proctype Sender(byte me; byte first; byte n)
{
	KTHREAD_LOCALS;
	byte m = first;
	byte tmo;

	do
	:: m < first + n ->
		if
		:: MAY_TIME_OUT -> tmo = TMO_DEADLINE
		:: tmo = TMO_FOREVER
		fi;
		ipc_mqueue_send(P, m, tmo, NONE, TMO_POLL, sr, rr, rm);
		sr = 0;
		rr = 0;
		tmo = 0;
		m++
	:: else -> break
	od
}

proctype Receiver(byte me)
{
	KTHREAD_LOCALS;
	byte tmo;
	byte got = 0;		/* PORT_LIVES: messages received so far */

	do
	:: if
	   :: MAY_TIME_OUT -> tmo = TMO_POLL
	   :: MAY_TIME_OUT -> tmo = TMO_DEADLINE
	   :: tmo = TMO_FOREVER
	   fi;
	   ipc_mqueue_receive(P, tmo, rr, rm);
	   if
	   :: rr == MACH_RCV_PORT_DIED -> break
	   :: !MAY_TIME_OUT && got == NMSGS - 1 ->
		break	/* PORT_LIVES: that was the third */
	   :: else ->
		got = got + (!MAY_TIME_OUT);
		rr = 0;
		rm = 0;
		tmo = 0
	   fi
	od
}

proctype Destroyer(byte me)
{
	KTHREAD_LOCALS;
	DESTROY_LOCALS;

	ipc_port_destroy(P)
}

init
{
	byte i;

	atomic {
		ip_active[P] = true;
		ip_qlimit[P] = QLIMIT;
		ip_pdrequest[P] = NONE;
		i = 0;
		do
		:: i < NTHREADS -> ith_kmsg[i] = NONE; i++
		:: else -> break
		od;
		i = 0;
		do
		:: i < NMSGS ->
			msg_dest[i] = P;
			msg_prev[i] = NONE;
			msg_reply[i] = NONE;
			msg_reply_msg[i] = NONE;
			msg_carry[i] = NONE;
			i++
		:: else -> break
		od;
		msg_prev[1] = 0;
		i = 0;
		run Sender(0, 0, 2);
		run Sender(1, 2, 1);
		do
		:: i < NRECEIVERS -> run Receiver(NSENDERS + i); i++
		:: else -> break
		od;
		if
		:: MAY_TIME_OUT -> run Destroyer(NSENDERS + NRECEIVERS)
		:: else -> skip
		fi
	};
	_nr_pr == 1;
	assert(ip_active[P] == !MAY_TIME_OUT);
	check_messages()
}

#ifdef LIVENESS
/* a receiver (thread 2) waiting when P is dead gets out of its wait */
ltl rcv_returns { [] ((th_blocked[2] && !ip_active[P]) -> <> (!th_blocked[2])) }
/* every wait of every thread ends (the destroyer never waits) */
ltl waits_end {
	[] ((th_blocked[0] -> <> (!th_blocked[0])) &&
	    (th_blocked[1] -> <> (!th_blocked[1])) &&
	    (th_blocked[2] -> <> (!th_blocked[2])))
}
#endif
