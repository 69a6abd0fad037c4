/*
 * ipc_kernel.pml - the kernel side of the port model: what kernel/ipc does
 * to a port, written as Promela inlines named after the kernel functions
 * (docs/ipc-model.md maps each one, and each state, to the code).
 *
 * Included by the scenario models (ipc_port.pml, ipc_rpc.pml,
 * ipc_notify.pml), which define first:
 *   NPORTS, NTHREADS, NMSGS   how many of each the scenario has
 *   QMAX                      room in a message queue channel: the queue
 *                             limit plus the send-once messages that
 *                             ignore it
 *   NSPACES, NDNR             spaces with a lock, dead-name requests
 *   NS_EPOCHS                 no-senders requests armed, + 1
 * and declare in every proctype that calls in here the scratch locals
 * KTHREAD_LOCALS (and DESTROY_LOCALS for ipc_port_destroy), with `me`,
 * the thread's number, as a parameter.
 *
 * How much is modelled.  Every ip_lock (and is_lock) critical section is
 * one atomic step: each field it reads or writes is guarded by that lock,
 * so no other thread can tell the atomic step from the real one (the lock
 * acquire moves right, the release left).  What the model interleaves is
 * the critical sections, the unlocked windows between them (the wake-up
 * after an unlock, the notifications sent after an unlock), the timers
 * and the threads' own steps.  The locks are still tracked, to check the
 * rules: never two port locks at once, the space lock only before a port
 * lock, no lock held into thread_block.  A thread that blocked on a
 * lock it holds itself would stop the model (an invalid end state).
 *
 * THREAD_INTERRUPTED ends a wait exactly as THREAD_TIMED_OUT does (only
 * the return code differs), so only the timer is modelled.
 */

#define NONE		255

/* mach_msg results (sdk/include/mach/message.h) */
#define MACH_MSG_SUCCESS	0
#define MACH_SEND_INVALID_DEST	1
#define MACH_SEND_TIMED_OUT	2
#define MACH_RCV_TIMED_OUT	3
#define MACH_RCV_PORT_DIED	4
#define RCV_WAITING		5	/* model only: queued on ip_receivers */
#define RESLEEP			6	/* model only: woken by a stale wake-up */

/* a thread's wait (kernel/sched/sched.h): none, asserted, or how it ended */
#define W_NONE			0
#define W_WAITING		1
#define THREAD_AWAKENED		2
#define THREAD_TIMED_OUT	3

/* a receive's or a send's timeout */
#define TMO_POLL	0	/* MACH_*_TIMEOUT with 0: never waits */
#define TMO_DEADLINE	1	/* a timeout: the timer may fire at any moment */
#define TMO_FOREVER	2	/* MACH_MSG_TIMEOUT_NONE */

/* where a message is (ghost: what the checks are made of) */
#define M_UNSENT	0	/* with its sender (also while the sender waits) */
#define M_QUEUED	1	/* on its port's message queue */
#define M_HANDED	2	/* in a receiver's ith_kmsg */
#define M_RECEIVED	3
#define M_DESTROYED	4	/* destroyed with the queue of a dead port */
#define M_RETURNED	5	/* given back to its sender: the send failed */

/* a dead-name request (ghost) */
#define DNR_NONE	0	/* not registered */
#define DNR_ARMED	1	/* on the port's ip_dnrequests */
#define DNR_TAKEN	2	/* taken by ipc_port_destroy, notification due */
#define DNR_DEAD_NAME	3	/* MACH_NOTIFY_DEAD_NAME sent */
#define DNR_DELETED	4	/* cancelled: MACH_NOTIFY_PORT_DELETED sent */

/*
 * The deliberately broken variants (docs/ipc-model.md, "The broken
 * variants"): each replaces one rule of the design by a wrong one, and a
 * test passes only if spin finds the error.
 */
#ifdef BUG_DROP_ON_TIMEOUT
/* a receiver whose timer fired returns MACH_RCV_TIMED_OUT, message or not */
#define HANDED_MSG_WINS(wr)	(wr != THREAD_TIMED_OUT)
#else
#define HANDED_MSG_WINS(wr)	true
#endif
#ifdef BUG_SENDER_WAKEUP
/*
 * The rule as first written: a woken sender whose timer fired returns
 * MACH_SEND_TIMED_OUT, and one that hands its message off does not pass
 * its wake-up on; another blocked sender waits on a queue with room.
 */
#define SENDER_KEEPS_WAKEUP	false
#else
#define SENDER_KEEPS_WAKEUP	true
#endif
/* -DNO_ROOM_CHECK: without that check, to see what the broken rule does */
#ifdef NO_ROOM_CHECK
#define CHECK_SENDER_ROOM	false
#else
#define CHECK_SENDER_ROOM	true
#endif
#ifdef BUG_STALE_WAKEUP
/*
 * The rule as first written: a receiver woken while still on ip_receivers
 * returns MACH_RCV_TIMED_OUT, also when the wake-up was a stale one.
 */
#define SPURIOUS_WAKEUP_SLEEPS	false
#else
#define SPURIOUS_WAKEUP_SLEEPS	true
#endif
#ifdef BUG_DESTROY_KEEPS_RECEIVERS
/* ipc_port_destroy wakes the blocked senders but forgets the receivers */
#define DESTROY_WAKES_RECEIVERS	false
#else
#define DESTROY_WAKES_RECEIVERS	true
#endif
#ifdef BUG_NS_TWICE
/* ipc_port_release_send leaves the no-senders request armed when it takes it */
#define NS_TAKE_CLEARS		false
#else
#define NS_TAKE_CLEARS		true
#endif
#ifdef BUG_DN_KEPT_ON_DEALLOC
/* deallocating a name leaves its dead-name request on the port */
#define DEALLOC_CANCELS_DNR	false
#else
#define DEALLOC_CANCELS_DNR	true
#endif

#define KTHREAD_LOCALS	byte t = NONE; byte s; byte wr; bool chosen; bool waited; \
			byte sr; byte rr; byte rm; bool took; byte dn
#define DESTROY_LOCALS	chan dying = [QMAX] of { byte }; byte m_; byte pd = NONE

/*
 * A line the checks require the search to reach: REACHED, with on it or
 * on the line above `@reach model:proctype ...` (test/model/spin_check.py)
 */
hidden byte cover;
#define REACHED		cover = 1

/* --- ports (struct ipc_port), each field guarded by ip_lock --- */
bool ip_active[NPORTS];
byte ip_lock_owner[NPORTS];	/* 0 free, else the holder's me + 1 */
byte ip_msgcount[NPORTS];
byte ip_qlimit[NPORTS];
byte ip_seqno[NPORTS];
byte ip_srights[NPORTS];
byte ip_sorights[NPORTS];
byte ip_mscount[NPORTS];
byte ip_nsrequest[NPORTS];	/* 0 none, else the request's sync value + 1 */
byte ip_dnrequests[NPORTS];	/* bit r: dead-name request r registered */
byte ip_pdrequest[NPORTS];	/* NONE, or the port-destroyed notify port */
chan ip_mq[NPORTS] = [QMAX] of { byte };		/* message ids */
chan ip_receivers[NPORTS] = [NTHREADS] of { byte };	/* thread ids, FIFO */
chan ip_senders[NPORTS] = [NTHREADS] of { byte };	/* thread ids, FIFO */
/* ghost: senders taken off ip_senders by a receive and not yet back */
byte ip_swake[NPORTS];

/* --- spaces: only the lock, for the lock-order rule --- */
byte is_lock_owner[NSPACES];

/* --- threads (struct thread): the wait, and what a sender handed over --- */
byte th_wait[NTHREADS];		/* W_NONE, W_WAITING, or the wait result */
byte ith_kmsg[NTHREADS];	/* message stored by a sender, NONE if none */
byte ith_seqno[NTHREADS];
/* ghost */
byte th_plocks[NTHREADS];	/* port locks held */
byte th_slocks[NTHREADS];	/* space locks held */
bool th_blocked[NTHREADS];	/* waiting: from the wait asserted to its end */
byte th_lastseq[NTHREADS];	/* last seqno + 1 this thread received */

/* --- messages: constant attributes and (ghost) where each one is --- */
byte msg_state[NMSGS];
byte msg_dest[NMSGS];		/* the port it is sent to */
byte msg_seqno[NMSGS];		/* seqno + 1 once given one, else 0 */
bool msg_so[NMSGS];		/* sent on a send-once right: ignores qlimit */
byte msg_prev[NMSGS];		/* the same sender's previous message, NONE */
byte msg_reply[NMSGS];		/* port of a send-once right carried, NONE */
byte msg_reply_msg[NMSGS];	/* ... and the message that right will carry */
byte msg_carry[NMSGS];		/* port of a send right carried, NONE */

/* --- dead-name requests (ghost state; the registration is ip_dnrequests) --- */
byte dnr_state[NDNR];
byte dnr_port[NDNR];		/* the port it is registered on */

/* --- no-senders requests (ghost): one epoch per arming --- */
byte ns_epoch;			/* epoch of the request armed now, 0 none */
byte ns_fired[NS_EPOCHS];	/* notifications taken per epoch */
byte ns_takes;			/* requests taken, all epochs */
byte ns_pending;		/* taken under ip_lock, not yet sent */
byte ns_sent;
byte ns_last_mscount;		/* mscount the last notification carried */

/* --- other notifications (ghost counters) --- */
byte so_notified[NMSGS];	/* send-once notifications per message slot */
byte pd_sent;

/* --- locks --- */

inline ip_lock(p)
{
	atomic {
		ip_lock_owner[p] == 0 ->
		/* a sender (any thread) never holds two port locks */
		assert(th_plocks[me] == 0);
		ip_lock_owner[p] = me + 1;
		th_plocks[me]++
	}
}

inline ip_unlock(p)
{
	assert(ip_lock_owner[p] == me + 1);
	ipc_port_check(p);
	ip_lock_owner[p] = 0;
	th_plocks[me]--
}

inline is_lock(sp)
{
	atomic {
		is_lock_owner[sp] == 0 ->
		/* order: space, then port set, then port */
		assert(th_plocks[me] == 0 && th_slocks[me] == 0);
		is_lock_owner[sp] = me + 1;
		th_slocks[me]++
	}
}

inline is_unlock(sp)
{
	assert(is_lock_owner[sp] == me + 1);
	is_lock_owner[sp] = 0;
	th_slocks[me]--
}

/*
 * ipc_port_check - what must hold whenever ip_lock is released.  The
 * counters agree with the queue; no sender is left asleep on a queue
 * with room unless a wake-up is on its way to one (else it waits for a
 * receive that may never come: the sender wake-up rule); no no-senders
 * request is forgotten.
 */
inline ipc_port_check(p)
{
	assert(ip_msgcount[p] == len(ip_mq[p]));
	assert(!CHECK_SENDER_ROOM || !ip_active[p] || ip_msgcount[p] >= ip_qlimit[p] ||
	    len(ip_senders[p]) == 0 || ip_swake[p] > 0);
	/* an armed no-senders request that has not fired is never left
	 * satisfied: whoever released the last send right took it */
	assert(!ip_active[p] || ip_nsrequest[p] == 0 || ip_srights[p] > 0 ||
	    ip_mscount[p] + 1 < ip_nsrequest[p] || ns_fired[ns_epoch] > 0)
}

/* --- waiting (kernel/sched) --- */

/*
 * thread_will_wait_deadline: assert a wait no thread_wakeup() finds.
 * (th_blocked, for the liveness claims, is set here rather than in
 * thread_block: one step less to interleave, and the same claims.)
 */
inline thread_will_wait_deadline()
{
	assert(th_wait[me] == W_NONE);
	th_wait[me] = W_WAITING;
	th_blocked[me] = true
}

/*
 * clear_wait(t, r): end t's wait, whichever wait it is, with r;
 * KERN_NOT_WAITING (no-op) if t is not waiting.  Called after an unlock
 * it may end a later wait than the one its caller saw: the waiters below
 * take a wake-up that finds them still queued as spurious.
 */
inline clear_wait(t_, r)
{
	atomic {
		if
		:: th_wait[t_] == W_WAITING -> th_wait[t_] = r
		:: else -> skip
		fi
	}
}

/*
 * thread_block - sleep until the wait asserted before has ended.  With a
 * deadline the timer may fire at any moment until then (clear_wait with
 * THREAD_TIMED_OUT, racing every other wake-up).  wr: the wait result.
 */
inline thread_block(tmo, wr)
{
	do
	:: atomic {
		tmo == TMO_DEADLINE && th_wait[me] == W_WAITING ->
		th_wait[me] = THREAD_TIMED_OUT	/* the timer fires */
	   }
	:: atomic {
		th_wait[me] != W_WAITING ->
		/* no lock is held across blocking (none is taken while blocked) */
		assert(th_plocks[me] == 0 && th_slocks[me] == 0);
		wr = th_wait[me];
		th_wait[me] = W_NONE;
		th_blocked[me] = false;
		break
	   }
	od
}

/* --- where messages go (ghost bookkeeping and the ordering checks) --- */

inline msg_queued(m)
{
	assert(msg_state[m] == M_UNSENT);
	msg_state[m] = M_QUEUED
}

inline msg_returned(m)
{
	assert(msg_state[m] == M_UNSENT);
	msg_state[m] = M_RETURNED
}

/*
 * msg_seq(m, p) - m leaves p's queue, or is handed to a receiver, with
 * the port's next seqno.  The same sender's previous message, sent
 * first, must have left the queue before it, with a smaller seqno (or
 * have gone back to the sender, without one).
 */
inline msg_seq(m, p)
{
	assert(msg_seqno[m] == 0);
	msg_seqno[m] = ip_seqno[p] + 1;
	ip_seqno[p]++;
	if
	:: msg_prev[m] != NONE ->
		assert(msg_state[msg_prev[m]] != M_QUEUED);
		assert(msg_seqno[msg_prev[m]] == 0 ||
		    msg_seqno[msg_prev[m]] < msg_seqno[m])
	:: else -> skip
	fi
}

/* m reaches the receiving thread me: once, and in seqno order for me */
inline msg_received(m)
{
	assert(msg_state[m] == M_QUEUED || msg_state[m] == M_HANDED);
	assert(msg_seqno[m] > th_lastseq[me]);
	th_lastseq[me] = msg_seqno[m];
	msg_state[m] = M_RECEIVED
}

/* --- send (ipc_mqueue_send) --- */

/*
 * ipc_mqueue_wake_sender - a message left p's queue (or a woken sender
 * did not fill the room it was woken for): wake the first blocked
 * sender if there is room.  ip_lock held.
 */
inline ipc_mqueue_wake_sender(p)
{
	if
	:: len(ip_senders[p]) > 0 && ip_msgcount[p] < ip_qlimit[p] ->
		ip_senders[p]?s;
		ip_swake[p]++;
		clear_wait(s, THREAD_AWAKENED);
		s = 0
	:: else -> skip
	fi
}

/*
 * ipc_mqueue_send(p, m, tmo, rcvp, rcvtmo, sr, rr, rm) - send message m
 * to port p.  sr: MACH_MSG_SUCCESS (queued, or handed to a waiting
 * receiver), MACH_SEND_INVALID_DEST (p is dead) or MACH_SEND_TIMED_OUT
 * (the queue stayed full); on an error m is back with its sender.
 *
 * rcvp != NONE: the send half of a send-and-receive (an RPC: the reply
 * port; a server: its own port).  On the handoff path the sender then
 * starts its receive on rcvp (ipc_mqueue_receive_start: rr, rm) after
 * unlocking p and before waking the receiver, so the answer finds it
 * waiting and comes back the same way.  rr stays NONE on the other paths.
 */
inline ipc_mqueue_send(p, m, tmo, rcvp, rcvtmo, sr, rr, rm)
{
	sr = NONE;
	rr = NONE;
	chosen = false;
	waited = false;
	do
	:: atomic {
		ip_lock(p);
		if
		:: waited ->
			/* woken: by a receive (chosen), the timer, or the port's death */
			if
			:: ip_senders[p]??[eval(me)] && wr == THREAD_TIMED_OUT ->
				/* nobody chose it: the timer fired first */
				ip_senders[p]??eval(me);
				msg_returned(m);
				sr = MACH_SEND_TIMED_OUT
			:: ip_senders[p]??[eval(me)] && wr != THREAD_TIMED_OUT ->
				/* a stale wake-up meant for an earlier wait: sleep on */
				thread_will_wait_deadline();
				sr = RESLEEP
			:: else ->
				chosen = ip_active[p];
				if
				:: chosen -> ip_swake[p]--
				:: else -> skip
				fi;
				if
				:: chosen && wr == THREAD_TIMED_OUT && !SENDER_KEEPS_WAKEUP ->
					msg_returned(m);
					sr = MACH_SEND_TIMED_OUT
				:: else -> skip
				fi
			fi
		:: else -> skip
		fi;
		if
		:: sr != NONE -> skip
		:: sr == NONE && !ip_active[p] ->
			msg_returned(m);	/* pseudo-receive: rights go back */
			sr = MACH_SEND_INVALID_DEST
		:: sr == NONE && ip_active[p] && len(ip_receivers[p]) > 0 ->
			/* the fast path: straight to the first waiting receiver */
			ip_receivers[p]?t;
			assert(ith_kmsg[t] == NONE);
			ith_kmsg[t] = m;
			msg_seq(m, p);
			ith_seqno[t] = msg_seqno[m];
			assert(msg_state[m] == M_UNSENT);
			msg_state[m] = M_HANDED;
			if
			:: chosen && SENDER_KEEPS_WAKEUP ->
				/* the room it was woken for is still free */
				ipc_mqueue_wake_sender(p)
			:: else -> skip
			fi;
			sr = MACH_MSG_SUCCESS
		:: sr == NONE && ip_active[p] && len(ip_receivers[p]) == 0 &&
		   (ip_msgcount[p] < ip_qlimit[p] || msg_so[m]) ->
			ip_mq[p]!m;
			ip_msgcount[p]++;
			msg_queued(m);
			sr = MACH_MSG_SUCCESS
		:: sr == NONE && ip_active[p] && len(ip_receivers[p]) == 0 &&
		   ip_msgcount[p] >= ip_qlimit[p] && !msg_so[m] ->
			if
			:: tmo == TMO_POLL || (chosen && wr == THREAD_TIMED_OUT) ->
				/* full, and the deadline has passed */
				msg_returned(m);
				sr = MACH_SEND_TIMED_OUT
			:: else ->
				ip_senders[p]!me;
				thread_will_wait_deadline()
			fi
		fi;
		ip_unlock(p)
	   };
	   if
	   :: sr == RESLEEP -> sr = NONE
	   :: sr == NONE -> skip
	   :: else -> break
	   fi;
	   thread_block(tmo, wr);
	   waited = true
	od;
	if
	:: t != NONE ->
		/* handed off: the receiver may already run (its timer) */
		if
		:: rcvp != NONE -> ipc_mqueue_receive_start(rcvp, rcvtmo, rr, rm)
		:: else -> skip
		fi;
		/* thread_handoff(t) with a receive to follow, else clear_wait(t) */
		clear_wait(t, THREAD_AWAKENED);
		t = NONE
	:: else -> skip
	fi;
	chosen = false;
	waited = false;
	wr = 0
}

/* --- receive (ipc_mqueue_receive) --- */

/*
 * ipc_mqueue_receive_start(p, tmo, rr, rm) - the part under the first
 * ip_lock: take the first queued message (rr MACH_MSG_SUCCESS, rm), or
 * MACH_RCV_TIMED_OUT for a poll, MACH_RCV_PORT_DIED on a dead port, or
 * RCV_WAITING: the thread is on ip_receivers with a wait asserted and
 * must go on with ipc_mqueue_receive_wait.
 */
inline ipc_mqueue_receive_start(p, tmo, rr, rm)
{
	atomic {
		ip_lock(p);
		if
		:: !ip_active[p] -> rr = MACH_RCV_PORT_DIED
		:: ip_active[p] && ip_msgcount[p] > 0 ->
			ip_mq[p]?rm;
			ip_msgcount[p]--;
			msg_seq(rm, p);
			msg_received(rm);
			ipc_mqueue_wake_sender(p);
			rr = MACH_MSG_SUCCESS
		:: ip_active[p] && ip_msgcount[p] == 0 && tmo == TMO_POLL ->
			rr = MACH_RCV_TIMED_OUT
		:: ip_active[p] && ip_msgcount[p] == 0 && tmo != TMO_POLL ->
			ip_receivers[p]!me;
			thread_will_wait_deadline();
			rr = RCV_WAITING
		fi;
		ip_unlock(p)
	}
}

/*
 * ipc_mqueue_receive_wait(p, tmo, rr, rm) - block, relock p, and find
 * out why the wait ended: a message in ith_kmsg is taken even if the
 * timer fired too (the handoff won the race); else a thread still on
 * ip_receivers whose timer fired takes itself off (MACH_RCV_TIMED_OUT),
 * and one woken otherwise had a stale wake-up (a handoff's clear_wait
 * that lost the race to the timer of an earlier wait) and sleeps on;
 * else the port died.
 */
inline ipc_mqueue_receive_wait(p, tmo, rr, rm)
{
	do
	:: thread_block(tmo, wr);
	   atomic {
		ip_lock(p);
		if
		:: ith_kmsg[me] != NONE && HANDED_MSG_WINS(wr) ->
			rm = ith_kmsg[me];
			ith_kmsg[me] = NONE;
			assert(ith_seqno[me] == msg_seqno[rm]);
			msg_received(rm);
			rr = MACH_MSG_SUCCESS;
			if
			:: wr == THREAD_TIMED_OUT ->
				/* @reach ipc_port:Receiver ipc_rpc:Client ipc_rpc:Server */
				REACHED
			:: else -> skip
			fi
		:: else ->
			if
			:: ip_receivers[p]??[eval(me)] &&
			   (wr == THREAD_TIMED_OUT || !SPURIOUS_WAKEUP_SLEEPS) ->
				ip_receivers[p]??eval(me);
				/* only a receive with a timeout times out */
				assert(tmo == TMO_DEADLINE);
				rr = MACH_RCV_TIMED_OUT
			:: ip_receivers[p]??[eval(me)] &&
			   wr != THREAD_TIMED_OUT && SPURIOUS_WAKEUP_SLEEPS ->
				REACHED;	/* @reach ipc_port:Receiver */
				thread_will_wait_deadline();
				rr = RCV_WAITING
			:: else ->
				/* dequeued by ipc_port_destroy (or a handed message ignored) */
				assert(!ip_active[p] || ith_kmsg[me] != NONE);
				if
				:: ip_active[p] -> rr = MACH_RCV_TIMED_OUT
				:: else -> rr = MACH_RCV_PORT_DIED
				fi
			fi
		fi;
		ip_unlock(p)
	   };
	   wr = 0;
	   if
	   :: rr != RCV_WAITING -> break
	   :: else -> skip
	   fi
	od
}

inline ipc_mqueue_receive(p, tmo, rr, rm)
{
	ipc_mqueue_receive_start(p, tmo, rr, rm);
	if
	:: rr == RCV_WAITING -> ipc_mqueue_receive_wait(p, tmo, rr, rm)
	:: else -> skip
	fi
}

/* --- send rights and no-senders --- */

/* ipc_port_make_send_locked, with its lock: the receiver makes a send right */
inline ipc_port_make_send(p)
{
	atomic {
		ip_lock(p);
		assert(ip_active[p]);
		ip_mscount[p]++;
		ip_srights[p]++;
		ip_unlock(p)
	}
}

/* ipc_port_copy_send: one more send right from one held (ok: port alive) */
inline ipc_port_copy_send(p, ok)
{
	atomic {
		ip_lock(p);
		assert(ip_srights[p] > 0);
		ok = ip_active[p];
		if
		:: ok -> ip_srights[p]++
		:: else -> skip
		fi;
		ip_unlock(p)
	}
}

/*
 * ipc_port_release_send_locked - one send right goes.  When it was the
 * last on an active port with a no-senders request whose sync value
 * mscount has reached, take the request (took: the notification is due
 * once the lock is released).  ip_lock held.
 */
inline ipc_port_release_send_locked(p, took)
{
	assert(ip_srights[p] > 0);
	ip_srights[p]--;
	took = false;
	if
	:: ip_active[p] && ip_srights[p] == 0 && ip_nsrequest[p] != 0 &&
	   ip_mscount[p] + 1 >= ip_nsrequest[p] ->
		if
		:: NS_TAKE_CLEARS -> ip_nsrequest[p] = 0
		:: else -> skip
		fi;
		ns_take(p);
		took = true
	:: else -> skip
	fi
}

/* ns_take (ghost): the request of this epoch is taken, once */
inline ns_take(p)
{
	/* once per arming, and only for a live port */
	assert(ns_epoch != 0 && ns_fired[ns_epoch] == 0 && ip_active[p]);
	/* again only once a send right was made since the last one */
	assert(ns_takes == 0 || ip_mscount[p] > ns_last_mscount);
	ns_fired[ns_epoch]++;
	ns_takes++;
	ns_pending++;
	ns_last_mscount = ip_mscount[p]
}

inline ipc_port_release_send(p, took)
{
	atomic {
		ip_lock(p);
		ipc_port_release_send_locked(p, took);
		ip_unlock(p)
	};
	if
	:: took -> ipc_notify_no_senders(p)
	:: else -> skip
	fi
}

/*
 * ipc_port_nsrequest(p, sync, took) - arm the no-senders request (the
 * receive right's mach_port_request_notification), replacing one armed
 * before; when the port already has no senders and mscount >= sync the
 * notification is due at once (took) and nothing stays armed.
 */
inline ipc_port_nsrequest(p, sync, took)
{
	atomic {
		ip_lock(p);
		assert(ip_active[p] && ns_epoch + 1 < NS_EPOCHS);
		/* a request armed before is replaced (its epoch ends unfired) */
		ip_nsrequest[p] = 0;
		ns_epoch++;
		took = false;
		if
		:: ip_srights[p] == 0 && ip_mscount[p] >= sync ->
			ns_take(p);
			took = true
		:: else -> ip_nsrequest[p] = sync + 1
		fi;
		ip_unlock(p)
	};
	if
	:: took -> ipc_notify_no_senders(p)
	:: else -> skip
	fi
}

/* MACH_NOTIFY_NO_SENDERS with the mscount taken: sent with no lock held */
inline ipc_notify_no_senders(p)
{
	atomic {
		assert(th_plocks[me] == 0 && ns_pending > 0);
		ns_pending--;
		ns_sent++
	}
}

/* --- dead-name requests (ipc_right_dnrequest, ipc_right_dealloc) --- */

/*
 * ipc_right_dnrequest(sp, p, r) - space sp registers dead-name request r
 * on its send right for p: on the port if it is alive, else the name is
 * already a dead name and the notification goes at once.
 */
inline ipc_right_dnrequest(sp, p, r)
{
	atomic {
		is_lock(sp);
		ip_lock(p);
		assert(dnr_state[r] == DNR_NONE);
		if
		:: ip_active[p] ->
			ip_dnrequests[p] = ip_dnrequests[p] | (1 << r);
			dnr_state[r] = DNR_ARMED;
			dn = false
		:: else ->
			dnr_state[r] = DNR_TAKEN;
			dn = true
		fi;
		ip_unlock(p);
		is_unlock(sp)
	};
	if
	:: dn -> ipc_notify_dead_name(r)
	:: else -> skip
	fi;
	dn = 0
}

/*
 * ipc_right_dealloc(sp, p, r) - space sp deallocates its send right for
 * p (mach_port_deallocate).  On an active port the right goes (maybe
 * the last: no-senders) and request r, if armed, is cancelled:
 * MACH_NOTIFY_PORT_DELETED.  On a dead port the name is a dead name:
 * its request was taken by ipc_port_destroy, nothing more is sent.
 */
inline ipc_right_dealloc(sp, p, r, took)
{
	atomic {
		is_lock(sp);
		ip_lock(p);
		took = false;
		dn = false;
		if
		:: ip_active[p] ->
			if
			:: r != NONE && (ip_dnrequests[p] & (1 << r)) ->
				if
				:: DEALLOC_CANCELS_DNR ->
					ip_dnrequests[p] = ip_dnrequests[p] & ~(1 << r)
				:: else -> skip
				fi;
				dn = true
			:: else -> skip
			fi;
			ipc_port_release_send_locked(p, took)
		:: else ->
			assert(ip_srights[p] > 0);
			ip_srights[p]--
		fi;
		ip_unlock(p);
		is_unlock(sp)
	};
	if
	:: dn -> ipc_notify_port_deleted(r)
	:: else -> skip
	fi;
	if
	:: took -> ipc_notify_no_senders(p)
	:: else -> skip
	fi;
	dn = false
}

inline ipc_notify_dead_name(r)
{
	atomic {
		assert(th_plocks[me] == 0);
		/* exactly once, never for a cancelled request, only once dead */
		assert(dnr_state[r] == DNR_TAKEN && !ip_active[dnr_port[r]]);
		dnr_state[r] = DNR_DEAD_NAME
	}
}

inline ipc_notify_port_deleted(r)
{
	atomic {
		assert(th_plocks[me] == 0);
		assert(dnr_state[r] == DNR_ARMED);
		dnr_state[r] = DNR_DELETED
	}
}

/* --- send-once rights --- */

/*
 * ipc_notify_send_once(p, m) - a send-once right for p was destroyed
 * unused: MACH_NOTIFY_SEND_ONCE goes to p, in m, the one message that
 * right could ever carry (a send-once message: it ignores the queue
 * limit and never waits).  On a dead port the kernel drops it.
 */
inline ipc_notify_send_once(p, m)
{
	so_notified[m]++;
	assert(so_notified[m] == 1);
	atomic { ip_lock(p); ip_sorights[p]--; ip_unlock(p) };
	ipc_mqueue_send(p, m, TMO_POLL, NONE, TMO_POLL, sr, rr, rm);
	assert(sr == MACH_MSG_SUCCESS || sr == MACH_SEND_INVALID_DEST);
	sr = 0;
	rr = 0
}

/*
 * ipc_kmsg_destroy(m) - a message that will never be received: release
 * the rights it carries, with no lock held (each may fire a notification).
 */
inline ipc_kmsg_destroy(m)
{
	assert(th_plocks[me] == 0 && msg_state[m] == M_QUEUED);
	msg_state[m] = M_DESTROYED;
	if
	:: msg_reply[m] != NONE ->
		REACHED;	/* @reach ipc_rpc:Destroyer */
		ipc_notify_send_once(msg_reply[m], msg_reply_msg[m])
	:: else -> skip
	fi;
	if
	:: msg_carry[m] != NONE -> ipc_port_release_send(msg_carry[m], took)
	:: else -> skip
	fi
}

/* --- destruction (ipc_port_destroy) --- */

/*
 * ipc_port_destroy(p) - the receive right goes.  With a port-destroyed
 * request the right is sent to that port instead (the port stays alive,
 * its queue and requests kept).  Else, under ip_lock: mark the port dead,
 * take its queue and dead-name requests, drop the no-senders request,
 * wake every receiver (MACH_RCV_PORT_DIED) and every blocked sender
 * (MACH_SEND_INVALID_DEST).  Then, with no lock held: destroy the taken
 * messages and send one dead-name notification per request.
 */
inline ipc_port_destroy(p)
{
	atomic {
		ip_lock(p);
		assert(ip_active[p]);
		if
		:: ip_pdrequest[p] != NONE ->
			pd = ip_pdrequest[p];
			ip_pdrequest[p] = NONE
		:: else ->
			ip_active[p] = false;
			do
			:: len(ip_mq[p]) > 0 -> ip_mq[p]?m_; dying!m_
			:: else -> break
			od;
			m_ = 0;
			ip_msgcount[p] = 0;
			dn = ip_dnrequests[p];
			ip_dnrequests[p] = 0;
			m_ = 0;
			do
			:: m_ < NDNR ->
				if
				:: dn & (1 << m_) ->
					/* armed, never cancelled */
					assert(dnr_state[m_] == DNR_ARMED);
					dnr_state[m_] = DNR_TAKEN
				:: else -> skip
				fi;
				m_++
			:: else -> break
			od;
			m_ = 0;
			ip_nsrequest[p] = 0;	/* no no-senders after death */
			do
			:: len(ip_receivers[p]) > 0 && DESTROY_WAKES_RECEIVERS ->
				ip_receivers[p]?s;
				clear_wait(s, THREAD_AWAKENED)
			:: else -> break
			od;
			do
			:: len(ip_senders[p]) > 0 ->
				ip_senders[p]?s;
				clear_wait(s, THREAD_AWAKENED)
			:: else -> break
			od;
			s = 0;
			ip_swake[p] = 0
		fi;
		ip_unlock(p)
	};
	if
	:: pd != NONE -> ipc_notify_port_destroyed(p, pd)
	:: else ->
		do
		:: dying?m_ -> ipc_kmsg_destroy(m_)
		:: empty(dying) -> break
		od;
		m_ = 0;
		do
		:: m_ < NDNR ->
			if
			:: dn & (1 << m_) -> ipc_notify_dead_name(m_)
			:: else -> skip
			fi;
			m_++
		:: else -> break
		od;
		m_ = 0;
		dn = 0
	fi;
	pd = NONE
}

/*
 * MACH_NOTIFY_PORT_DESTROYED: the receive right, in a message to port pd.
 * (ghost: the scenario's rescuer waits for pd_sent)
 */
inline ipc_notify_port_destroyed(p, pd_)
{
	atomic {
		assert(th_plocks[me] == 0 && ip_active[p]);
		pd_sent++
	}
}

/* --- end-of-run checks, once every thread has finished --- */

/* every message is received, destroyed or returned, once; none lost */
inline check_messages()
{
	byte i_ = 0;
	do
	:: i_ < NMSGS ->
		assert(msg_state[i_] != M_HANDED);	/* stuck in an ith_kmsg */
		assert(msg_state[i_] != M_QUEUED || ip_mq[msg_dest[i_]]??[eval(i_)]);
		i_++
	:: else -> break
	od;
	i_ = 0;
	do
	:: i_ < NTHREADS ->
		assert(ith_kmsg[i_] == NONE && th_wait[i_] == W_NONE);
		assert(th_plocks[i_] == 0 && th_slocks[i_] == 0);
		i_++
	:: else -> break
	od;
	i_ = 0;
	do
	:: i_ < NPORTS ->
		assert(len(ip_receivers[i_]) == 0 && len(ip_senders[i_]) == 0);
		assert(!ip_active[i_] || ip_msgcount[i_] == len(ip_mq[i_]));
		assert(ip_active[i_] || len(ip_mq[i_]) == 0);
		i_++
	:: else -> break
	od
}
