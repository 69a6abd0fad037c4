/*
 * ipc_rpc.pml - an RPC over the fast path, and the send-once right that
 * carries its reply, while the server's port dies.
 *
 * Port P is the server's (queue limit 1), RP the client's reply port.
 * The client sends request 0 to P with a send-once right for RP made for
 * the reply, and receives on RP in the same call (mach_msg SEND|RCV):
 * when the server already waits on P the request goes by handoff and the
 * client queues itself on RP before waking the server.  The server
 * receives on P (forever, or with a deadline and again) until it is
 * dead; for a request it either replies on the
 * send-once right or destroys that right unused.  Another sender sends
 * message 1 to P, so the request may find the queue full.  The
 * destroyer (the server task's death) destroys P at any moment; the
 * client, once its call is over, destroys RP (its task ends too).
 *
 * Whatever happens, the send-once right carries exactly one message, the
 * reply slot (message 2): the reply, or MACH_NOTIFY_SEND_ONCE when the
 * right is destroyed unused (by the server, with a queued request when P
 * dies, or by the client when P was already dead and the request came
 * back to it).  Checked, beyond what ipc_port.pml checks:
 *   - the reply slot is sent once, never twice, never not at all, and
 *     the client gets it unless it gave up (its deadline) or the reply
 *     port died first;
 *   - a client waiting forever for its reply always gets out (no invalid
 *     end state), also when P dies with the request queued;
 *   - the client's timer racing the reply's handoff (@reach) loses
 *     nothing; ip_sorights returns to 0.
 */

#define NPORTS		2
#define NTHREADS	4
#define NMSGS		3
#define QMAX		3
#define NSPACES		1
#define NDNR		1
#define NS_EPOCHS	1

#define P		0
#define RP		1
#define REQUEST		0
#define OTHER		1
#define REPLY		2

#include "ipc_kernel.pml"

byte client_rr = NONE;	/* how the client's receive ended */

proctype Client(byte me)
{
	KTHREAD_LOCALS;
	DESTROY_LOCALS;
	byte stmo, rtmo;

	if
	:: stmo = TMO_DEADLINE
	:: stmo = TMO_FOREVER
	fi;
	if
	:: rtmo = TMO_DEADLINE
	:: rtmo = TMO_FOREVER
	fi;
	ipc_mqueue_send(P, REQUEST, stmo, RP, rtmo, sr, rr, rm);
	if
	:: sr == MACH_MSG_SUCCESS && rr == NONE ->
		ipc_mqueue_receive(RP, rtmo, rr, rm)
	:: sr == MACH_MSG_SUCCESS && rr == RCV_WAITING ->
		ipc_mqueue_receive_wait(RP, rtmo, rr, rm)
	:: sr == MACH_MSG_SUCCESS && rr != NONE && rr != RCV_WAITING ->
		/* the reply was there before the client got to RP */
		REACHED		/* @reach ipc_rpc:Client */
	:: sr != MACH_MSG_SUCCESS ->
		/* the request is back, and the reply right in it: deallocate */
		ipc_notify_send_once(RP, REPLY);
		rr = NONE
	fi;
	client_rr = rr;
	assert(rr != MACH_MSG_SUCCESS || rm == REPLY);
	/* a timeout only with a deadline; RP is alive until the client kills it */
	assert(rr != MACH_RCV_TIMED_OUT || rtmo == TMO_DEADLINE);
	assert(rr != MACH_RCV_PORT_DIED);
	ipc_port_destroy(RP)
}

proctype Server(byte me)
{
	KTHREAD_LOCALS;
	byte tmo;

	do
	:: if
	   :: tmo = TMO_DEADLINE
	   :: tmo = TMO_FOREVER
	   fi;
	   ipc_mqueue_receive(P, tmo, rr, rm);
	   tmo = 0;
	   if
	   :: rr == MACH_RCV_PORT_DIED -> break
	   :: rr == MACH_MSG_SUCCESS && msg_reply[rm] != NONE ->
		if
		:: /* reply: the send-once right is used */
		   atomic {
			ip_lock(RP);
			ip_sorights[RP]--;
			ip_unlock(RP)
		   };
		   ipc_mqueue_send(RP, REPLY, TMO_POLL, NONE, TMO_POLL, sr, rr, rm);
		   assert(sr == MACH_MSG_SUCCESS || sr == MACH_SEND_INVALID_DEST)
		:: /* no reply: the right is destroyed unused */
		   ipc_notify_send_once(RP, REPLY)
		fi
	   :: else -> skip
	   fi;
	   rr = 0;
	   rm = 0;
	   sr = 0
	od
}

proctype Sender(byte me)
{
	KTHREAD_LOCALS;
	byte tmo;

	if
	:: tmo = TMO_DEADLINE
	:: tmo = TMO_FOREVER
	fi;
	ipc_mqueue_send(P, OTHER, tmo, NONE, TMO_POLL, sr, rr, rm)
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
		i = 0;
		do
		:: i < NPORTS ->
			ip_active[i] = true;
			ip_qlimit[i] = 1;
			ip_pdrequest[i] = NONE;
			i++
		:: else -> break
		od;
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
		/* the request carries a send-once right for RP, used by REPLY */
		msg_reply[REQUEST] = RP;
		msg_reply_msg[REQUEST] = REPLY;
		ip_sorights[RP] = 1;
		msg_dest[REPLY] = RP;
		msg_so[REPLY] = true;
		run Client(0);
		run Server(1);
		run Sender(2);
		run Destroyer(3)
	};
	_nr_pr == 1;
	assert(!ip_active[P] && !ip_active[RP]);
	check_messages();
	/* the send-once right was used or destroyed: its message went, once */
	assert(msg_state[REPLY] != M_UNSENT);
	assert(ip_sorights[RP] == 0);
	/* ... and the client has it unless it gave up first */
	assert(client_rr == MACH_MSG_SUCCESS || client_rr == MACH_RCV_TIMED_OUT ||
	    client_rr == NONE)
}
