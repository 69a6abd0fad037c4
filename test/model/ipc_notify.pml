/*
 * ipc_notify.pml - send rights, no-senders and dead-name notifications,
 * and the port-destroyed request, racing the port's death.
 *
 * Port P (queue limit 1) starts with two send rights, held by spaces B
 * and C (mscount 2).  Its owner (space A, the receive right) arms a
 * no-senders request (sync 2), then three times: makes a send right and
 * releases it (racing the last release by B or C), receives with a poll
 * (maybe B's message, with the send right in it, which it then releases),
 * or, once it has had a no-senders notification, arms a new request
 * (sync: the mscount it reported, + 1).  Then it destroys P.  B registers
 * a dead-name request on its name for P, may copy its send right into a
 * message to P, and then deallocates its name or keeps it.  C registers
 * one too and deallocates its name.  In half the runs P has a port-destroyed request
 * (chosen at the start): its first destruction sends the receive right
 * to a rescuer (space D), which polls P once and destroys it for good.
 *
 * Checked:
 *   - no-senders: at most one notification per armed request, never for
 *     a dead port, never with mscount below the sync value; and never
 *     zero: an armed request not yet fired is never left satisfied (no
 *     senders, mscount reached) on an active port when ip_lock is
 *     released, and every request taken is sent;
 *   - dead-name: exactly one MACH_NOTIFY_DEAD_NAME per request if the
 *     port dies while the name holds its send right (also when the
 *     request comes after the death), none after the request was
 *     cancelled (MACH_NOTIFY_PORT_DELETED instead, once), none while a
 *     port-destroyed request keeps the port alive;
 *   - port-destroyed: sent once, the port and its queue kept;
 *   - B's message, and the send right in it, is received or destroyed
 *     once (the right released with no lock held);
 *   - the lock order (space before port), no two port locks, no
 *     deadlock (invalid end states on).
 */

#define NPORTS		1
#define NTHREADS	4
#define NMSGS		1
#define QMAX		2
#define NSPACES		4
#define NDNR		2
#define NS_EPOCHS	(OWNER_ROUNDS + 2)

#define P		0
#define SPACE_A		0
#define SPACE_B		1
#define SPACE_C		2
#define SPACE_D		3
#define PD_PORT		7	/* the port-destroyed notify port (not modelled) */
#define B_MSG		0	/* B's message to P, with a send right for P */
#define B_DNR		0	/* B's dead-name request */
#define C_DNR		1	/* C's */

#ifndef OWNER_ROUNDS
#define OWNER_ROUNDS	3
#endif

#include "ipc_kernel.pml"

bool pd_armed;		/* P has a port-destroyed request */
bool b_keeps;		/* B keeps its name to the end */
byte ns_seen;		/* no-senders notifications the owner has had */

proctype Owner(byte me)
{
	KTHREAD_LOCALS;
	DESTROY_LOCALS;
	byte rounds = 0;

	ipc_port_nsrequest(P, 2, took);
	do
	:: rounds < OWNER_ROUNDS ->
		if
		:: ipc_port_make_send(P);
		   ipc_port_release_send(P, took);
		   if
		   :: took && ns_epoch > 1 ->
			/* a re-armed request fired for the right made since */
			REACHED		/* @reach ipc_notify:Owner */
		   :: else -> skip
		   fi
		:: ipc_mqueue_receive(P, TMO_POLL, rr, rm);
		   if
		   :: rr == MACH_MSG_SUCCESS ->
			assert(rm == B_MSG);
			/* the send right B sent is the owner's now */
			ipc_port_release_send(P, took)
		   :: else -> skip
		   fi
		:: atomic { ns_sent > ns_seen -> ns_seen = ns_sent };
		   /* a new request: only once a new send right has come and gone */
		   ipc_port_nsrequest(P, ns_last_mscount + 1, took);
		   if
		   :: took ->
			/* no senders, and a right made since: fired at once */
			REACHED		/* @reach ipc_notify:Owner */
		   :: else -> skip
		   fi
		fi;
		rr = 0;
		rm = 0;
		took = false;
		rounds++
	:: else -> break
	od;
	ipc_port_destroy(P)
}

proctype HolderB(byte me)
{
	KTHREAD_LOCALS;
	bool ok;

	ipc_right_dnrequest(SPACE_B, P, B_DNR);
	if
	:: ipc_port_copy_send(P, ok);
	   if
	   :: ok ->
		ipc_mqueue_send(P, B_MSG, TMO_POLL, NONE, TMO_POLL, sr, rr, rm);
		if
		:: sr != MACH_MSG_SUCCESS ->
			/* the right came back with the message: drop it */
			ipc_port_release_send(P, took)
		:: else -> skip
		fi
	   :: else -> skip	/* the name is a dead name already */
	   fi
	:: skip
	fi;
	if
	:: ipc_right_dealloc(SPACE_B, P, B_DNR, took)
	:: b_keeps = true	/* B keeps its name (its task lives on) */
	fi
}

proctype HolderC(byte me)
{
	KTHREAD_LOCALS;

	ipc_right_dnrequest(SPACE_C, P, C_DNR);
	if
	:: dnr_state[C_DNR] == DNR_DEAD_NAME ->
		/* registered on a dead name: notified at once */
		REACHED		/* @reach ipc_notify:HolderC */
	:: else -> skip
	fi;
	ipc_right_dealloc(SPACE_C, P, C_DNR, took)
}

/* space D: gets P's receive right if the port-destroyed request fires */
proctype Rescuer(byte me)
{
	KTHREAD_LOCALS;
	DESTROY_LOCALS;

	pd_sent == 1;
	ipc_mqueue_receive(P, TMO_POLL, rr, rm);
	if
	:: rr == MACH_MSG_SUCCESS ->
		/* B's message survived the first destruction */
		REACHED;	/* @reach ipc_notify:Rescuer */
		ipc_port_release_send(P, took)
	:: else -> skip
	fi;
	ipc_port_destroy(P)
}

init
{
	atomic {
		ip_active[P] = true;
		ip_qlimit[P] = 1;
		ip_srights[P] = 2;
		ip_mscount[P] = 2;
		ip_pdrequest[P] = NONE;
		ith_kmsg[0] = NONE;
		ith_kmsg[1] = NONE;
		ith_kmsg[2] = NONE;
		ith_kmsg[3] = NONE;
		msg_dest[B_MSG] = P;
		msg_prev[B_MSG] = NONE;
		msg_reply[B_MSG] = NONE;
		msg_reply_msg[B_MSG] = NONE;
		msg_carry[B_MSG] = P;
		dnr_port[B_DNR] = P;
		dnr_port[C_DNR] = P;
		if
		:: pd_armed = true; ip_pdrequest[P] = PD_PORT
		:: pd_armed = false
		fi;
		run Owner(0);
		run HolderB(1);
		run HolderC(2);
		if
		:: pd_armed -> run Rescuer(3)
		:: else -> skip
		fi
	};
	_nr_pr == 1;
	assert(!ip_active[P]);
	check_messages();
	assert(ns_pending == 0);
	/* every send right made or copied went again, but B's if it kept it */
	assert(ip_srights[P] == (b_keeps -> 1 : 0));
	assert(pd_sent == (pd_armed -> 1 : 0));
	/* each request ended with one notification */
	assert(dnr_state[B_DNR] == DNR_DEAD_NAME || dnr_state[B_DNR] == DNR_DELETED);
	assert(dnr_state[C_DNR] == DNR_DEAD_NAME || dnr_state[C_DNR] == DNR_DELETED)
}
