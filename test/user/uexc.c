/*
 * test/user/uexc.c - Mach exceptions from user mode: the exception-port
 * calls (set, get, swap at the three levels, and their argument errors),
 * and faults delivered as messages to a handler thread of this task,
 * which fixes the state and replies so the faulting thread carries on:
 * every behavior, 32- and 64-bit codes, a NULL load, a store to an
 * unmapped address, ebreak, an illegal instruction, float state, the
 * thread level before the task's, a refusal or a malformed reply or a
 * dead port passing it on, the host level.
 *
 * The faults are taken by the main thread in small functions whose
 * faulting instruction has a global label (fault_pc_*): the handler
 * checks the pc against it, moves it past the instruction and puts MARK
 * in a1, which the function returns.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <mach/exc.h>
#include <mach/host_priv.h>
#include <mach/mach_exc.h>
#include <mach/mach_init.h>
#include <mach/mach_port.h>
#include <mach/mach_traps.h>
#include <mach/mach_vm.h>
#include <mach/message.h>
#include <mach/mig_errors.h>
#include <mach/rvmach_debug.h>
#include <mach/task.h>
#include <mach/thread_act.h>

#include "ktap.h"

#define MARK		0x5eed1234L		/* what the handler puts in a1 */
#define FLOAT_IN	0x400921fb54442d18ull	/* pi */
#define FLOAT_OUT	0x4005bf0a8b145769ull	/* e */
#define FAULT_ADDR	0x3ffff00010ul		/* above the stack: never mapped */
#define QUIT_ID		0x7fff0001
#define REG_A0		9			/* x10 in riscv_thread_state.x[] */
#define REG_A1		10			/* x11 */
#define MAX_MSGS	4
#define HANDLER_POLL_MS	100

/* --- the faults --- */

extern char fault_pc_load[], fault_pc_store[], fault_pc_ebreak[];
extern char fault_pc_illegal[], fault_pc_float[];

/* a load from 0 into a1 */
static long __attribute__((noinline))
fault_null_load(void)
{
	register long base __asm__("a0") = 0;
	register long val __asm__("a1") = 0;

	__asm__ volatile(".globl fault_pc_load\nfault_pc_load:\n\tlw %0, 0(%1)"
	    : "+r"(val) : "r"(base) : "memory");
	return val;
}

/* a store to FAULT_ADDR */
static long __attribute__((noinline))
fault_store(void)
{
	register long base __asm__("a0") = (long)FAULT_ADDR;
	register long val __asm__("a1") = 0;

	__asm__ volatile(".globl fault_pc_store\nfault_pc_store:\n\tsd %0, 0(%1)"
	    : "+r"(val) : "r"(base) : "memory");
	return val;
}

static long __attribute__((noinline))
fault_ebreak(void)
{
	register long val __asm__("a1") = 0;

	__asm__ volatile(".globl fault_pc_ebreak\nfault_pc_ebreak:\n\tebreak"
	    : "+r"(val) : : "memory");
	return val;
}

/* csrrw x0, cycle, x0: a write to a read-only counter is illegal */
static long __attribute__((noinline))
fault_illegal(void)
{
	register long val __asm__("a1") = 0;

	__asm__ volatile(".globl fault_pc_illegal\nfault_pc_illegal:\n\t"
	    ".word 0xc0001073" : "+r"(val) : : "memory");
	return val;
}

/* fa0 = in, a load from 0, then fa0 back out */
static long __attribute__((noinline))
fault_float(uint64_t in, uint64_t *out)
{
	register long base __asm__("a0") = 0;
	register long val __asm__("a1") = 0;
	register uint64_t bits __asm__("a2") = in;

	__asm__ volatile("fmv.d.x fa0, %1\n"
	    ".globl fault_pc_float\nfault_pc_float:\n\tlw %0, 0(%2)\n\t"
	    "fmv.x.d %1, fa0"
	    : "+r"(val), "+r"(bits) : "r"(base) : "fa0", "memory");
	*out = bits;
	return val;
}

/* --- the handler thread --- */

/* what the handler does with message n of a test */
enum policy {
	P_FIX,			/* skip the instruction, a1 = MARK, KERN_SUCCESS */
	P_FAIL,			/* KERN_FAILURE */
	P_BAD_ID,		/* a reply with the wrong msgh_id */
};

/* a request, whichever of the six it is */
struct exc_view {
	mach_msg_id_t id;
	mach_msg_size_t size;
	mach_port_t came_on;
	bool ports, code64, state;
	mach_port_t thread, task;
	exception_type_t exception;
	mach_msg_type_number_t codeCnt;
	int64_t code[2];
	int flavor;
	mach_msg_type_number_t stateCnt;
	natural_t old_state[THREAD_STATE_MAX];
};

union exc_request {
	mach_msg_header_t h;
	union __RequestUnion__exc_subsystem exc;
	union __RequestUnion__mach_exc_subsystem mach_exc;
};

struct exc_rcv {
	union exc_request r;
	mach_msg_max_trailer_t trailer;
};

union exc_reply {
	mach_msg_header_t h;
	mig_reply_error_t error;
	__Reply__mach_exception_raise_state_t state;
};

static struct {
	mach_port_t set;		/* every exception port of the tests */
	enum policy policy[MAX_MSGS];
	volatile int n;			/* messages of this test so far */
	struct exc_view view[MAX_MSGS];
	int parse_ok[MAX_MSGS];
	kern_return_t state_kr[MAX_MSGS];	/* thread_get/set_state from the handler */
	volatile int done;
} hs;

static mach_port_t self, main_thread, host;
static char handler_stack[16384] __attribute__((aligned(16)));

#define COPY_FIELDS(v, m) do {						\
	(v)->exception = (m)->exception;				\
	(v)->codeCnt = (m)->codeCnt;					\
	(v)->code[0] = (m)->code[0];					\
	(v)->code[1] = (m)->code[1];					\
} while (0)
#define COPY_STATE(v, m) do {						\
	(v)->flavor = (m)->flavor;					\
	(v)->stateCnt = (m)->old_stateCnt;				\
	memcpy((v)->old_state, (m)->old_state,				\
	    (m)->old_stateCnt * sizeof(natural_t));			\
} while (0)
#define COPY_PORTS(v, m) do {						\
	(v)->thread = (m)->thread.name;					\
	(v)->task = (m)->task.name;					\
} while (0)
/* the size of message m of struct type T with cnt words of state */
#define STATE_SIZE(T, cnt) \
	((mach_msg_size_t)(offsetof(T, old_state) + (cnt) * sizeof(natural_t)))

/* the request in r, field by field; false if its id, size or bits are wrong */
static int
exc_parse(const union exc_request *r, struct exc_view *v)
{
	const mach_msg_header_t *h = &r->h;
	int complex = (h->msgh_bits & MACH_MSGH_BITS_COMPLEX) != 0;

	memset(v, 0, sizeof(*v));
	v->id = h->msgh_id;
	v->size = h->msgh_size;
	v->came_on = h->msgh_local_port;
	switch (h->msgh_id) {
	case 2401:
		COPY_FIELDS(v, &r->exc.Request_exception_raise);
		COPY_PORTS(v, &r->exc.Request_exception_raise);
		v->ports = true;
		return complex && v->size == sizeof(__Request__exception_raise_t);
	case 2402:
		COPY_FIELDS(v, &r->exc.Request_exception_raise_state);
		COPY_STATE(v, &r->exc.Request_exception_raise_state);
		v->state = true;
		return !complex && v->size == STATE_SIZE(
		    __Request__exception_raise_state_t, v->stateCnt);
	case 2403:
		COPY_FIELDS(v, &r->exc.Request_exception_raise_state_identity);
		COPY_PORTS(v, &r->exc.Request_exception_raise_state_identity);
		COPY_STATE(v, &r->exc.Request_exception_raise_state_identity);
		v->ports = v->state = true;
		return complex && v->size == STATE_SIZE(
		    __Request__exception_raise_state_identity_t, v->stateCnt);
	case 2405:
		COPY_FIELDS(v, &r->mach_exc.Request_mach_exception_raise);
		COPY_PORTS(v, &r->mach_exc.Request_mach_exception_raise);
		v->ports = v->code64 = true;
		return complex &&
		    v->size == sizeof(__Request__mach_exception_raise_t);
	case 2406:
		COPY_FIELDS(v, &r->mach_exc.Request_mach_exception_raise_state);
		COPY_STATE(v, &r->mach_exc.Request_mach_exception_raise_state);
		v->state = v->code64 = true;
		return !complex && v->size == STATE_SIZE(
		    __Request__mach_exception_raise_state_t, v->stateCnt);
	case 2407:
		COPY_FIELDS(v,
		    &r->mach_exc.Request_mach_exception_raise_state_identity);
		COPY_PORTS(v,
		    &r->mach_exc.Request_mach_exception_raise_state_identity);
		COPY_STATE(v,
		    &r->mach_exc.Request_mach_exception_raise_state_identity);
		v->ports = v->state = v->code64 = true;
		return complex && v->size == STATE_SIZE(
		    __Request__mach_exception_raise_state_identity_t, v->stateCnt);
	default:
		return 0;
	}
}

/* the length of the instruction at pc (the low bits of its first parcel) */
static uint64_t
insn_len(uint64_t pc)
{
	return (*(const volatile uint16_t *)pc & 3) == 3 ? 4 : 2;
}

static void
fix_thread_state(riscv_thread_state_t *ts)
{
	ts->pc += insn_len(ts->pc);
	ts->x[REG_A1] = (uint64_t)MARK;
}

/* P_FIX through the thread port: thread_get_state, thread_set_state */
static kern_return_t
fix_by_thread_port(mach_port_t thread)
{
	riscv_thread_state_t ts;
	mach_msg_type_number_t count = RISCV_THREAD_STATE_COUNT;
	kern_return_t kr;

	kr = thread_get_state(thread, RISCV_THREAD_STATE, (thread_state_t)&ts,
	    &count);
	if (kr != KERN_SUCCESS)
		return kr;
	if (count != RISCV_THREAD_STATE_COUNT)
		return KERN_FAILURE;
	fix_thread_state(&ts);
	return thread_set_state(thread, RISCV_THREAD_STATE, (thread_state_t)&ts,
	    count);
}

/* the reply for message n; its size */
static mach_msg_size_t
build_reply(int n, const struct exc_view *v, union exc_reply *rp)
{
	enum policy p = hs.policy[n];
	__Reply__mach_exception_raise_state_t *s = &rp->state;

	memset(rp, 0, sizeof(*rp));
	rp->error.NDR = NDR_record;
	rp->error.RetCode = p == P_FAIL ? KERN_FAILURE : KERN_SUCCESS;
	rp->h.msgh_id = v->id + 100 + (p == P_BAD_ID);
	if (p != P_FIX || !v->state) {
		if (p == P_FIX)
			hs.state_kr[n] = fix_by_thread_port(v->thread);
		return sizeof(mig_reply_error_t);
	}
	/* the state behaviors: the new state goes back in the reply */
	s->flavor = v->flavor;
	s->new_stateCnt = v->stateCnt;
	memcpy(s->new_state, v->old_state, v->stateCnt * sizeof(natural_t));
	if (v->flavor == RISCV_THREAD_STATE) {
		fix_thread_state((riscv_thread_state_t *)s->new_state);
	} else if (v->flavor == RISCV_FLOAT_STATE) {
		((riscv_float_state_t *)s->new_state)->f[10] = FLOAT_OUT;
		hs.state_kr[n] = fix_by_thread_port(v->thread);
	}
	return (mach_msg_size_t)(offsetof(__Reply__mach_exception_raise_state_t,
	    new_state) + s->new_stateCnt * sizeof(natural_t));
}

static void
handler(void *arg)
{
	struct exc_rcv m;
	union exc_reply rp;

	(void)arg;
	for (;;) {
		struct exc_view v;
		mach_msg_size_t size;
		mach_msg_return_t mr;
		int n, ok;

		/*
		 * a bounded wait, again and again: if the task dies while this
		 * thread is on its way into the receive, the kernel's abort may
		 * miss the wait, and the timeout ends it instead
		 */
		do {
			memset(&m, 0, sizeof(m));
			mr = mach_msg(&m.r.h, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0,
			    sizeof(m), hs.set, HANDLER_POLL_MS, MACH_PORT_NULL);
		} while (mr == MACH_RCV_TIMED_OUT);
		if (mr != MACH_MSG_SUCCESS || m.r.h.msgh_id == QUIT_ID)
			break;
		ok = exc_parse(&m.r, &v);
		n = hs.n < MAX_MSGS ? hs.n : MAX_MSGS - 1;
		hs.view[n] = v;
		hs.parse_ok[n] = ok;
		size = build_reply(n, &v, &rp);
		rp.h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MOVE_SEND_ONCE, 0);
		rp.h.msgh_size = size;
		rp.h.msgh_remote_port = m.r.h.msgh_remote_port;
		rp.h.msgh_local_port = MACH_PORT_NULL;
		/* the rights the request brought are ours to drop */
		if (v.ports) {
			mach_port_deallocate(self, v.thread);
			mach_port_deallocate(self, v.task);
		}
		__atomic_store_n(&hs.n, hs.n + 1, __ATOMIC_RELEASE);
		mach_msg(&rp.h, MACH_SEND_MSG, size, 0, MACH_PORT_NULL, 0,
		    MACH_PORT_NULL);
	}
	__atomic_store_n(&hs.done, 1, __ATOMIC_RELEASE);
	rvmach_thread_exit();
}

/* a new test: its messages get these policies */
static void
arm(enum policy p0, enum policy p1, enum policy p2)
{
	hs.policy[0] = p0;
	hs.policy[1] = p1;
	hs.policy[2] = p2;
	hs.policy[3] = P_FAIL;
	memset(hs.view, 0, sizeof(hs.view));
	memset(hs.parse_ok, 0, sizeof(hs.parse_ok));
	memset(hs.state_kr, 0, sizeof(hs.state_kr));
	hs.n = 0;
}

/* --- helpers --- */

static mach_port_t
new_exc_port(void)
{
	mach_port_t p = MACH_PORT_NULL;

	if (mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &p) != KERN_SUCCESS)
		return MACH_PORT_NULL;
	mach_port_insert_right(self, p, p, MACH_MSG_TYPE_MAKE_SEND);
	mach_port_move_member(self, p, hs.set);
	return p;
}

static mach_port_urefs_t
send_refs(mach_port_t name)
{
	mach_port_urefs_t r = 0xdead;

	mach_port_get_refs(self, name, MACH_PORT_RIGHT_SEND, &r);
	return r;
}

/* every action of every level back to none */
static void
clear_all(void)
{
	task_set_exception_ports(self, EXC_MASK_ALL, MACH_PORT_NULL,
	    EXCEPTION_DEFAULT, THREAD_STATE_NONE);
	thread_set_exception_ports(main_thread, EXC_MASK_ALL, MACH_PORT_NULL,
	    EXCEPTION_DEFAULT, THREAD_STATE_NONE);
}

struct ports_out {
	exception_mask_t masks[EXC_TYPES_COUNT];
	mach_msg_type_number_t count;
	exception_handler_t ports[EXC_TYPES_COUNT];
	exception_behavior_t behaviors[EXC_TYPES_COUNT];
	thread_state_flavor_t flavors[EXC_TYPES_COUNT];
};

static kern_return_t
get_task(exception_mask_t mask, struct ports_out *o, mach_msg_type_number_t room)
{
	memset(o, 0, sizeof(*o));
	o->count = room;
	return task_get_exception_ports(self, mask, o->masks, &o->count,
	    o->ports, o->behaviors, o->flavors);
}

/* drop the send rights a get or swap gave us */
static void
put_ports(struct ports_out *o)
{
	for (mach_msg_type_number_t i = 0; i < o->count; i++)
		if (MACH_PORT_VALID(o->ports[i]))
			mach_port_deallocate(self, o->ports[i]);
}

/* did the handler see exactly one message n on port, checked fields ok? */
static int
saw(int n, mach_port_t port, mach_msg_id_t id, exception_type_t exc)
{
	const struct exc_view *v = &hs.view[n];

	return hs.parse_ok[n] && v->came_on == port && v->id == id &&
	    v->exception == exc && v->codeCnt == 2;
}

/* --- the calls and their errors --- */

static mach_port_t E, T, H;	/* the task's, the thread's, the host's port */

static void
test_calls(void)
{
	struct ports_out o;
	mach_port_t plain, Q;
	exception_behavior_t sid64 = EXCEPTION_STATE_IDENTITY | MACH_EXCEPTION_CODES;
	kern_return_t kr;

	kr = get_task(EXC_MASK_ALL, &o, EXC_TYPES_COUNT);
	ktap_ok(kr == KERN_SUCCESS && o.count == 1 && o.masks[0] == EXC_MASK_ALL &&
	    o.ports[0] == MACH_PORT_NULL && o.behaviors[0] == 0 &&
	    o.flavors[0] == 0, "get_initial_all_null");

	ktap_ok(task_set_exception_ports(self, 1u << 20, E, EXCEPTION_DEFAULT, 0) ==
	    KERN_INVALID_ARGUMENT && task_set_exception_ports(self, 1, E,
	    EXCEPTION_DEFAULT, 0) == KERN_INVALID_ARGUMENT &&
	    thread_set_exception_ports(main_thread, 1u << 14, E,
	    EXCEPTION_DEFAULT, 0) == KERN_INVALID_ARGUMENT,
	    "set_bad_mask_invalid_argument");
	ktap_ok(task_set_exception_ports(self, EXC_MASK_BAD_ACCESS, E, 0, 0) ==
	    KERN_INVALID_ARGUMENT && task_set_exception_ports(self,
	    EXC_MASK_BAD_ACCESS, E, 5, 0) == KERN_INVALID_ARGUMENT &&
	    task_set_exception_ports(self, EXC_MASK_BAD_ACCESS, E,
	    EXCEPTION_IDENTITY_PROTECTED, 0) == KERN_INVALID_ARGUMENT &&
	    task_set_exception_ports(self, EXC_MASK_BAD_ACCESS, E,
	    EXCEPTION_DEFAULT | MACH_EXCEPTION_BACKTRACE_PREFERRED, 0) ==
	    KERN_INVALID_ARGUMENT, "set_bad_behavior_invalid_argument");
	ktap_ok(task_set_exception_ports(self, EXC_MASK_BAD_ACCESS, E,
	    EXCEPTION_STATE, 99) == KERN_INVALID_ARGUMENT &&
	    task_set_exception_ports(self, EXC_MASK_BAD_ACCESS, E,
	    EXCEPTION_STATE, -1) == KERN_INVALID_ARGUMENT,
	    "set_bad_flavor_invalid_argument");
	/* as XNU: with no port the behavior is not looked at */
	kr = task_set_exception_ports(self, EXC_MASK_SOFTWARE, MACH_PORT_NULL, 7, 0);
	ktap_ok(kr == KERN_SUCCESS && get_task(EXC_MASK_SOFTWARE, &o, 4) ==
	    KERN_SUCCESS && o.count == 1 && o.behaviors[0] == 7,
	    "null_port_behavior_unchecked");
	clear_all();

	plain = MACH_PORT_NULL;
	mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &plain);
	ktap_ok(task_set_exception_ports(0x7777, EXC_MASK_BAD_ACCESS, E,
	    EXCEPTION_DEFAULT, 0) == MACH_SEND_INVALID_DEST &&
	    task_set_exception_ports(plain, EXC_MASK_BAD_ACCESS, E,
	    EXCEPTION_DEFAULT, 0) == MACH_SEND_INVALID_DEST &&
	    thread_set_exception_ports(self, EXC_MASK_BAD_ACCESS, E,
	    EXCEPTION_DEFAULT, 0) == MACH_SEND_INVALID_DEST &&
	    host_set_exception_ports(self, EXC_MASK_BAD_ACCESS, E,
	    EXCEPTION_DEFAULT, 0) == MACH_SEND_INVALID_DEST &&
	    thread_get_state(self, RISCV_THREAD_STATE, NULL, NULL) ==
	    MACH_SEND_INVALID_DEST, "bad_target_invalid_dest");
	/* a receive right without a send right cannot be copied as one */
	ktap_ok(task_set_exception_ports(self, EXC_MASK_BAD_ACCESS, 0x7777,
	    EXCEPTION_DEFAULT, 0) == MACH_SEND_INVALID_RIGHT &&
	    task_set_exception_ports(self, EXC_MASK_BAD_ACCESS, plain,
	    EXCEPTION_DEFAULT, 0) == MACH_SEND_INVALID_RIGHT &&
	    get_task(EXC_MASK_ALL, &o, EXC_TYPES_COUNT) == KERN_SUCCESS &&
	    o.count == 1 && o.ports[0] == MACH_PORT_NULL,
	    "bad_new_port_invalid_right_nothing_set");
	mach_port_destroy(self, plain);

	/* set, then get: two entries, the port as a new send right */
	kr = task_set_exception_ports(self, EXC_MASK_BAD_ACCESS | EXC_MASK_BREAKPOINT,
	    E, sid64, RISCV_THREAD_STATE);
	ktap_ok(kr == KERN_SUCCESS && send_refs(E) == 1 &&
	    get_task(EXC_MASK_ALL, &o, EXC_TYPES_COUNT) == KERN_SUCCESS &&
	    o.count == 2 &&
	    o.masks[0] == (EXC_MASK_BAD_ACCESS | EXC_MASK_BREAKPOINT) &&
	    o.ports[0] == E && o.behaviors[0] == sid64 &&
	    o.flavors[0] == RISCV_THREAD_STATE &&
	    o.masks[1] == (EXC_MASK_ALL & ~(EXC_MASK_BAD_ACCESS |
	    EXC_MASK_BREAKPOINT)) && o.ports[1] == MACH_PORT_NULL &&
	    send_refs(E) == 2, "set_then_get_returns_it");
	put_ports(&o);
	ktap_ok(get_task(EXC_MASK_ALL, &o, 1) == KERN_SUCCESS && o.count == 1 &&
	    o.masks[0] == (EXC_MASK_BAD_ACCESS | EXC_MASK_BREAKPOINT) &&
	    o.ports[0] == E && send_refs(E) == 2, "get_keeps_to_the_room");
	put_ports(&o);

	/* swap: the old ones back, the new ones in */
	Q = new_exc_port();
	memset(&o, 0, sizeof(o));
	o.count = EXC_TYPES_COUNT;
	kr = task_swap_exception_ports(self, EXC_MASK_BREAKPOINT, Q,
	    EXCEPTION_DEFAULT, 0, o.masks, &o.count, o.ports, o.behaviors,
	    o.flavors);
	ktap_ok(kr == KERN_SUCCESS && o.count == 1 &&
	    o.masks[0] == EXC_MASK_BREAKPOINT && o.ports[0] == E &&
	    o.behaviors[0] == sid64 && o.flavors[0] == RISCV_THREAD_STATE,
	    "swap_returns_old");
	put_ports(&o);
	ktap_ok(get_task(EXC_MASK_BREAKPOINT, &o, 4) == KERN_SUCCESS &&
	    o.count == 1 && o.ports[0] == Q && o.behaviors[0] == EXCEPTION_DEFAULT,
	    "swap_sets_new");
	put_ports(&o);
	/* as XNU, a swap stops where the room runs out: BREAKPOINT stays Q */
	memset(&o, 0, sizeof(o));
	o.count = 1;
	kr = task_swap_exception_ports(self, EXC_MASK_BAD_ACCESS |
	    EXC_MASK_BREAKPOINT, MACH_PORT_NULL, EXCEPTION_DEFAULT, 0, o.masks,
	    &o.count, o.ports, o.behaviors, o.flavors);
	ktap_ok(kr == KERN_SUCCESS && o.count == 1 && o.ports[0] == E,
	    "swap_room_one");
	put_ports(&o);
	ktap_ok(get_task(EXC_MASK_BAD_ACCESS | EXC_MASK_BREAKPOINT, &o, 4) ==
	    KERN_SUCCESS && o.count == 2 && o.masks[0] == EXC_MASK_BAD_ACCESS &&
	    o.ports[0] == MACH_PORT_NULL && o.masks[1] == EXC_MASK_BREAKPOINT &&
	    o.ports[1] == Q, "swap_stops_at_the_room");
	put_ports(&o);
	clear_all();
	mach_port_destroy(self, Q);

	/* a thread's, and the host's */
	memset(&o, 0, sizeof(o));
	o.count = EXC_TYPES_COUNT;
	kr = thread_get_exception_ports(main_thread, EXC_MASK_ALL, o.masks,
	    &o.count, o.ports, o.behaviors, o.flavors);
	ktap_ok(kr == KERN_SUCCESS && o.count == 1 && o.masks[0] == EXC_MASK_ALL &&
	    o.ports[0] == MACH_PORT_NULL, "thread_get_initial_null");
	kr = thread_set_exception_ports(main_thread, EXC_MASK_BAD_INSTRUCTION, T,
	    EXCEPTION_STATE, RISCV_FLOAT_STATE);
	memset(&o, 0, sizeof(o));
	o.count = EXC_TYPES_COUNT;
	ktap_ok(kr == KERN_SUCCESS && thread_get_exception_ports(main_thread,
	    EXC_MASK_BAD_INSTRUCTION, o.masks, &o.count, o.ports, o.behaviors,
	    o.flavors) == KERN_SUCCESS && o.count == 1 && o.ports[0] == T &&
	    o.behaviors[0] == EXCEPTION_STATE && o.flavors[0] == RISCV_FLOAT_STATE,
	    "thread_set_then_get");
	put_ports(&o);
	clear_all();
	memset(&o, 0, sizeof(o));
	o.count = EXC_TYPES_COUNT;
	kr = host_get_exception_ports(host, EXC_MASK_ALL, o.masks,
	    &o.count, o.ports, o.behaviors, o.flavors);
	ktap_ok(kr == KERN_SUCCESS && o.count == 1 && o.ports[0] == MACH_PORT_NULL,
	    "host_get_initial_null");
	put_ports(&o);
}

/* --- exceptions --- */

static void
test_faults(void)
{
	const riscv_thread_state_t *ts;
	const struct exc_view *v = &hs.view[0];
	exception_behavior_t sid64 = EXCEPTION_STATE_IDENTITY | MACH_EXCEPTION_CODES;
	uint64_t fout = 0;
	long r;

	/* a NULL load, STATE_IDENTITY with 64-bit codes at the task level */
	task_set_exception_ports(self, EXC_MASK_BAD_ACCESS, E, sid64,
	    RISCV_THREAD_STATE);
	arm(P_FIX, P_FAIL, P_FAIL);
	r = fault_null_load();
	ts = (const riscv_thread_state_t *)v->old_state;
	ktap_ok(r == MARK && hs.n == 1, "null_load_resumed_past_it");
	ktap_ok(saw(0, E, 2407, EXC_BAD_ACCESS) &&
	    v->code[0] == KERN_INVALID_ADDRESS && v->code[1] == 0,
	    "null_load_mach_exception_raise_state_identity");
	ktap_ok(v->flavor == RISCV_THREAD_STATE &&
	    v->stateCnt == RISCV_THREAD_STATE_COUNT &&
	    ts->pc == (uint64_t)fault_pc_load && ts->x[REG_A0] == 0,
	    "null_load_state");
	ktap_ok(v->thread == main_thread && v->task == self, "null_load_identity");

	/* EXCEPTION_DEFAULT, 32-bit codes: the handler uses thread_set_state */
	task_set_exception_ports(self, EXC_MASK_BAD_ACCESS, E, EXCEPTION_DEFAULT,
	    THREAD_STATE_NONE);
	arm(P_FIX, P_FAIL, P_FAIL);
	r = fault_store();
	ktap_ok(r == MARK && hs.state_kr[0] == KERN_SUCCESS &&
	    saw(0, E, 2401, EXC_BAD_ACCESS) && v->thread == main_thread &&
	    v->task == self && v->code[0] == KERN_INVALID_ADDRESS &&
	    v->code[1] == (int32_t)(uint32_t)FAULT_ADDR,
	    "default_behavior_thread_set_state");

	/* EXCEPTION_STATE, 32-bit codes: no ports */
	task_set_exception_ports(self, EXC_MASK_BAD_ACCESS, E, EXCEPTION_STATE,
	    RISCV_THREAD_STATE);
	arm(P_FIX, P_FAIL, P_FAIL);
	r = fault_store();
	ts = (const riscv_thread_state_t *)v->old_state;
	ktap_ok(r == MARK && saw(0, E, 2402, EXC_BAD_ACCESS) &&
	    v->code[1] == (int32_t)(uint32_t)FAULT_ADDR &&
	    ts->pc == (uint64_t)fault_pc_store && ts->x[REG_A0] == FAULT_ADDR,
	    "state_behavior_exception_raise_state");
	clear_all();

	/* ebreak: EXC_BREAKPOINT, the pc as subcode */
	task_set_exception_ports(self, EXC_MASK_BREAKPOINT, E,
	    EXCEPTION_STATE | MACH_EXCEPTION_CODES, RISCV_THREAD_STATE);
	arm(P_FIX, P_FAIL, P_FAIL);
	r = fault_ebreak();
	ktap_ok(r == MARK && saw(0, E, 2406, EXC_BREAKPOINT) &&
	    v->code[0] == EXC_RISCV_BREAKPOINT &&
	    v->code[1] == (int64_t)(uintptr_t)fault_pc_ebreak, "ebreak_breakpoint");

	/* an illegal instruction: EXC_BAD_INSTRUCTION */
	task_set_exception_ports(self, EXC_MASK_BAD_INSTRUCTION, E,
	    EXCEPTION_DEFAULT | MACH_EXCEPTION_CODES, THREAD_STATE_NONE);
	arm(P_FIX, P_FAIL, P_FAIL);
	r = fault_illegal();
	ktap_ok(r == MARK && saw(0, E, 2405, EXC_BAD_INSTRUCTION) &&
	    v->code[0] == EXC_RISCV_UNDEFINED, "illegal_instruction");
	clear_all();

	/* float state in and out (and the pc through the thread port) */
	task_set_exception_ports(self, EXC_MASK_BAD_ACCESS, E, sid64,
	    RISCV_FLOAT_STATE);
	arm(P_FIX, P_FAIL, P_FAIL);
	r = fault_float(FLOAT_IN, &fout);
	ktap_ok(r == MARK && hs.state_kr[0] == KERN_SUCCESS &&
	    saw(0, E, 2407, EXC_BAD_ACCESS) && v->flavor == RISCV_FLOAT_STATE &&
	    v->stateCnt == RISCV_FLOAT_STATE_COUNT &&
	    ((const riscv_float_state_t *)v->old_state)->f[10] == FLOAT_IN &&
	    fout == FLOAT_OUT, "float_state_in_and_out");

	/* the thread's port comes first */
	task_set_exception_ports(self, EXC_MASK_BAD_ACCESS, E, sid64,
	    RISCV_THREAD_STATE);
	thread_set_exception_ports(main_thread, EXC_MASK_BAD_ACCESS, T, sid64,
	    RISCV_THREAD_STATE);
	arm(P_FIX, P_FAIL, P_FAIL);
	r = fault_null_load();
	ktap_ok(r == MARK && hs.n == 1 && saw(0, T, 2407, EXC_BAD_ACCESS),
	    "thread_level_first");
	/* a refusal there goes on to the task's */
	arm(P_FAIL, P_FIX, P_FAIL);
	r = fault_null_load();
	ktap_ok(r == MARK && hs.n == 2 && saw(0, T, 2407, EXC_BAD_ACCESS) &&
	    saw(1, E, 2407, EXC_BAD_ACCESS), "thread_refuses_task_handles");
	/* so does a reply with the wrong id */
	arm(P_BAD_ID, P_FIX, P_FAIL);
	r = fault_null_load();
	ktap_ok(r == MARK && hs.n == 2 && saw(1, E, 2407, EXC_BAD_ACCESS),
	    "malformed_reply_passes_it_on");
	/* and a port that died */
	{
		mach_port_t D = new_exc_port();

		thread_set_exception_ports(main_thread, EXC_MASK_BAD_ACCESS, D,
		    sid64, RISCV_THREAD_STATE);
		mach_port_destroy(self, D);
		arm(P_FIX, P_FAIL, P_FAIL);
		r = fault_null_load();
		ktap_ok(r == MARK && hs.n == 1 && saw(0, E, 2407, EXC_BAD_ACCESS),
		    "dead_port_skipped");
	}
	clear_all();

	/* the host's, last (and put back to none) */
	{
		struct ports_out o;
		kern_return_t kr;

		kr = host_set_exception_ports(host, EXC_MASK_BREAKPOINT,
		    H, sid64, RISCV_THREAD_STATE);
		arm(P_FIX, P_FAIL, P_FAIL);
		r = fault_ebreak();
		ktap_ok(kr == KERN_SUCCESS && r == MARK && hs.n == 1 &&
		    saw(0, H, 2407, EXC_BREAKPOINT), "host_level");
		memset(&o, 0, sizeof(o));
		o.count = EXC_TYPES_COUNT;
		kr = host_swap_exception_ports(host, EXC_MASK_ALL,
		    MACH_PORT_NULL, EXCEPTION_DEFAULT, 0, o.masks, &o.count,
		    o.ports, o.behaviors, o.flavors);
		ktap_ok(kr == KERN_SUCCESS && o.count == 2 &&
		    o.masks[1] == EXC_MASK_BREAKPOINT && o.ports[1] == H,
		    "host_swap_back_to_none");
		put_ports(&o);
	}
}

int
main(void)
{
	mach_msg_type_number_t names_before = 0, names_after = 0, n1, n2;
	mach_port_name_array_t names;
	mach_port_type_array_t types;
	mach_port_urefs_t self_refs;
	mach_port_t quit;

	self = mach_task_self();
	main_thread = mach_thread_self();
	ktap_plan("uexc", 34);
	if (mach_port_names(self, &names, &names_before, &types, &n2) == KERN_SUCCESS) {
		mach_vm_deallocate(self, (mach_vm_address_t)(uintptr_t)names,
		    names_before * sizeof(*names));
		mach_vm_deallocate(self, (mach_vm_address_t)(uintptr_t)types,
		    n2 * sizeof(*types));
	}
	self_refs = send_refs(self);
	host = mach_host_self();

	mach_port_allocate(self, MACH_PORT_RIGHT_PORT_SET, &hs.set);
	E = new_exc_port();
	T = new_exc_port();
	H = new_exc_port();
	quit = new_exc_port();
	ktap_ok(rvmach_thread_start(handler, NULL, handler_stack,
	    sizeof(handler_stack)) == KERN_SUCCESS, "handler_thread");

	test_calls();
	test_faults();

	{
		mach_msg_header_t h;

		memset(&h, 0, sizeof(h));
		h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, 0);
		h.msgh_size = sizeof(h);
		h.msgh_remote_port = quit;
		h.msgh_id = QUIT_ID;
		mach_msg(&h, MACH_SEND_MSG, sizeof(h), 0, MACH_PORT_NULL, 0,
		    MACH_PORT_NULL);
	}
	while (!__atomic_load_n(&hs.done, __ATOMIC_ACQUIRE))
		swtch_pri(0);
	ktap_ok(send_refs(self) == self_refs &&
	    send_refs(main_thread) == 1 && send_refs(E) == 1 &&
	    send_refs(T) == 1 && send_refs(H) == 1,
	    "rights_balanced");
	mach_port_destroy(self, E);
	mach_port_destroy(self, T);
	mach_port_destroy(self, H);
	mach_port_destroy(self, quit);
	mach_port_destroy(self, hs.set);
	mach_port_deallocate(self, host);
	if (mach_port_names(self, &names, &names_after, &types, &n1) == KERN_SUCCESS) {
		mach_vm_deallocate(self, (mach_vm_address_t)(uintptr_t)names,
		    names_after * sizeof(*names));
		mach_vm_deallocate(self, (mach_vm_address_t)(uintptr_t)types,
		    n1 * sizeof(*types));
	}
	if (!ktap_ok(names_after == names_before, "names_back"))
		ktap_diag("%u names before, %u after", names_before, names_after);
	return ktap_done();
}
