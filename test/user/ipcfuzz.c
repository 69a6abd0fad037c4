/*
 * test/user/ipcfuzz.c - a fuzzer for Mach IPC (docs/ipc.md, "Fuzzing").
 *
 *	ipcfuzz SEED COUNT [threads=N] [hub=NAME peer=NAME] [verbose]
 *	ipcfuzz                       (a short run as the KTAP suite "ipcfuzz")
 *
 * N threads (4 by default, at most 8) make COUNT calls between them, each
 * drawing from its own pseudo-random stream seeded from SEED: mach_msg
 * (ipcfuzz/msg.c) with random options, header bits, sizes, descriptors
 * (port, out-of-line memory and ports, guarded, garbage), buffers and
 * timeouts, the mach_port_* calls (ipcfuzz/port.c) with random names,
 * rights, deltas, flavors and pointers, MIG requests to kernel objects
 * (ipcfuzz/kobject.c), info, policy and VM calls (ipcfuzz/xcalls.c), and
 * task, thread, clock and processor-set calls on a child task the
 * threads share (ipcfuzz/tasks.c).  Most messages are sane (names
 * likely to hold the rights their dispositions need, right sizes), so
 * they get past the checks to the queues, the RPC hand-off and the
 * copyout; the rest are wild.  A request received with a send-once reply
 * right is often answered.  Names come from a pool the threads share (every name a call
 * handed back: receive rights, sets, send and send-once rights, dead
 * names), from names just destroyed (stale), the same names with another
 * generation, and garbage.  Thread 0 also destroys: it makes ports, fills
 * their queues with messages carrying rights, then destroys them or sends
 * their receive rights away, while the others block on them.
 *
 * With hub= and peer= (a ktest gives them: test/ktest/ipc_fuzz.c) the
 * task first waits for its own receive right HUB and a send right PEER to
 * another fuzz task to appear, then sends to PEER and receives on HUB
 * among its other calls, so rights travel between tasks.
 *
 * Every call's result must be one of the codes docs/ipc.md and XNU give
 * for that call (a mach_port_* call on a target that is not our task port:
 * MACH_SEND_INVALID_DEST only), and a few results are checked further (a
 * name's type is a possible one, a received message fits and has the
 * trailer asked for, ...).  Each miss is a violation: the first ones are
 * printed, all are counted.  Every receive and every send has a timeout,
 * so the run ends.  The last line is the summary: calls, results by code,
 * violations (with verbose, a line per call before it: its results by
 * code).  The exit status is 0 when there was no violation.
 *
 * What a seed fixes is each thread's choices, not the interleaving: names
 * handed back differ from run to run, and so does what follows from them.
 */
#include "ipcfuzz/ipcfuzz.h"
#include "ktap.h"

#define MAX_THREADS	8
#define STACK_SIZE	(64 * 1024)
#define POOL		128		/* names the threads share */
#define STALE		32		/* names just destroyed */
#define REPORTS_MAX	24		/* violations printed */
#define HUB_WAIT_MS	10000		/* for the ktest to give hub and peer */
#define JOIN_WAIT_MS	60000		/* for the other threads at the end */
#define SHORT_SEED	1		/* the run with no arguments */
#define SHORT_COUNT	400

static const char *const op_names[OP_COUNT] = {
	"mach_msg", "allocate", "allocate_name", "construct", "destruct",
	"destroy", "deallocate", "mod_refs", "get_refs", "type",
	"insert_right", "request_notification", "move_member",
	"insert_member", "extract_member", "get_attributes",
	"set_attributes", "names", "self", "churn", "reply", "kobject",
	"xcall", "task",
};

/*
 * how often each op is picked: a worker, and thread 0 (the destroyer);
 * a reply is not picked: it answers a received send-once right
 */
static const uint8_t weights[2][OP_COUNT] = {
	{ 44, 5, 2, 3, 2, 4, 5, 6, 3, 3, 5, 5, 3, 3, 2, 2, 2, 1, 1, 0, 0, 4, 3, 3 },
	{ 30, 4, 1, 3, 4, 12, 5, 8, 1, 1, 4, 5, 2, 2, 2, 1, 2, 1, 0, 12, 0, 2, 1, 3 },
};

mach_port_t self;
mach_port_t hub = MACH_PORT_NULL, peer = MACH_PORT_NULL;
static uint64_t pool[POOL];		/* [a] name | hint << 32 */
static uint32_t stale[STALE];		/* [a] */
static uint32_t reports;		/* [a] violations printed */
static int workers_done;		/* [a] */
static struct fz fzs[MAX_THREADS];
static uint8_t stacks[MAX_THREADS][STACK_SIZE] __attribute__((aligned(16)));

/* --- reporting --- */

void
say(const char *fmt, ...)
{
	char line[320];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line) - 1, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if (n > (int)sizeof(line) - 2)
		n = sizeof(line) - 2;
	line[n++] = '\n';
	rvmach_console_write(line, (size_t)n);
}

void
record(struct fz *f, enum op op, uint32_t code)
{
	uint32_t h = ((uint32_t)op * 0x9e3779b9u ^ code * 2654435761u) % RESULTS;

	for (unsigned i = 0; i < RESULTS; i++, h = (h + 1) % RESULTS) {
		struct result *r = &f->res[h];

		if (r->op == (uint32_t)op + 1 && r->code == code) {
			r->n++;
			return;
		}
		if (r->op == 0) {
			r->op = (uint32_t)op + 1;
			r->code = code;
			r->n = 1;
			return;
		}
	}
	f->res_other++;
}

void
violation(struct fz *f, enum op op, uint32_t code, const char *fmt, ...)
{
	char detail[200];
	va_list ap;

	f->violations++;
	if (__atomic_fetch_add(&reports, 1, __ATOMIC_RELAXED) >= REPORTS_MAX)
		return;
	va_start(ap, fmt);
	vsnprintf(detail, sizeof(detail), fmt, ap);
	va_end(ap);
	say("ipcfuzz: violation: thread %d call %llu %s returned %#x: %s", f->id,
	    (unsigned long long)f->calls, op_names[op], code, detail);
}

bool
in_set(kern_return_t kr, const kern_return_t *set, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (set[i] == kr)
			return true;
	}
	return false;
}

/*
 * a mach_port_* result: one of set (and KERN_INVALID_ADDRESS when an
 * out pointer was bad) on our own task; on any other target
 * MACH_SEND_INVALID_DEST too (a name from the pool may be the task port of
 * a child, from an exception message: then the call works there).  true
 * when it is allowed.
 */
bool
check(struct fz *f, enum op op, kern_return_t kr, bool on_self, bool bad_ptr,
    const kern_return_t *set, size_t n, const char *args)
{
	bool ok;

	record(f, op, (uint32_t)kr);
	if (!on_self)		/* (or a task's: a child's, as an exception gives it) */
		ok = kr == MACH_SEND_INVALID_DEST || in_set(kr, set, n) ||
		    (bad_ptr && kr == KERN_INVALID_ADDRESS);
	else
		ok = in_set(kr, set, n) || (bad_ptr && kr == KERN_INVALID_ADDRESS);
	if (!ok)
		violation(f, op, (uint32_t)kr, "%s%s", args,
		    on_self ? "" : " (not our task)");
	return ok;
}

/* --- the name pool --- */

bool
protected_name(mach_port_name_t n)
{
	return n == self || (n != MACH_PORT_NULL && (n == hub || n == peer ||
	    kobj_reply_port(n)));
}

/* name is gone (destroyed, or the kernel knows no such name): stale now */
void
pool_forget(struct fz *f, mach_port_name_t name)
{
	if (!MACH_PORT_VALID(name))
		return;
	for (int i = 0; i < MINE; i++) {
		if ((mach_port_name_t)f->mine[i] == name)
			f->mine[i] = 0;
	}
	for (int i = 0; i < POOL; i++) {
		uint64_t v = __atomic_load_n(&pool[i], __ATOMIC_RELAXED);

		if ((mach_port_name_t)v == name)
			__atomic_compare_exchange_n(&pool[i], &v, 0, false,
			    __ATOMIC_RELAXED, __ATOMIC_RELAXED);
	}
	__atomic_store_n(&stale[below(f, STALE)], name, __ATOMIC_RELAXED);
}

/* remember name (with what it held); the name it replaces may be destroyed */
void
pool_put(struct fz *f, mach_port_name_t name, enum hint hint)
{
	uint64_t old;
	mach_port_name_t oname;
	uint32_t slot = 0;

	if (!MACH_PORT_VALID(name) || protected_name(name))
		return;
	f->mine[f->mine_next++ % MINE] = (uint64_t)name | (uint64_t)hint << 32;
	/* an empty slot if one of a few turns up, else whatever is there */
	for (int i = 0; i < 3; i++) {
		slot = below(f, POOL);
		if (__atomic_load_n(&pool[slot], __ATOMIC_RELAXED) == 0)
			break;
	}
	old = __atomic_exchange_n(&pool[slot],
	    (uint64_t)name | (uint64_t)hint << 32, __ATOMIC_RELAXED);
	oname = (mach_port_name_t)old;
	/* destroy what falls out, so a long run does not pile up names */
	if (MACH_PORT_VALID(oname) && !protected_name(oname)) {
		kern_return_t kr = mach_port_destroy(self, oname);

		check(f, OP_DESTROY, kr, true, false,
		    SET(KERN_SUCCESS, KERN_INVALID_NAME), "evicted");
		pool_forget(f, oname);
	}
}

/* any pool name (a few tries past empty slots) and its hint */
mach_port_name_t
pool_any(struct fz *f, enum hint *hintp)
{
	uint64_t v = 0;

	for (int i = 0; i < 4 && (mach_port_name_t)v == MACH_PORT_NULL; i++)
		v = __atomic_load_n(&pool[below(f, POOL)], __ATOMIC_RELAXED);
	if (hintp != NULL)
		*hintp = (enum hint)(v >> 32);
	return (mach_port_name_t)v;
}

/* a pool name that went in as kind, if one turns up in a few tries */
mach_port_name_t
pool_kind(struct fz *f, enum hint kind)
{
	enum hint h;
	mach_port_name_t n = MACH_PORT_NULL;

	if (kind == H_ANY)
		return pool_any(f, NULL);
	for (int i = 0; i < 8; i++) {
		n = pool_any(f, &h);
		if (h == kind && n != MACH_PORT_NULL)
			return n;
	}
	return n;
}

/*
 * a garbage name: any generation, an index inside the first pages or
 * past what a space may hold (2^20), never in between, where a name
 * would grow the table to megabytes (ipc.ports_100k covers that)
 */
mach_port_name_t
garbage_name(struct fz *f)
{
	uint32_t n = (uint32_t)rnd(f);

	if (MACH_PORT_INDEX(n) <= (1u << 20))
		n = (n & 0x7ffff) | (n & 0x80000000u);
	return n;
}

/* one of this thread's own latest names of kind, else one from the pool */
static mach_port_name_t
mine_kind(struct fz *f, enum hint kind)
{
	unsigned start = below(f, MINE);

	for (unsigned i = 0; i < MINE; i++) {
		uint64_t v = f->mine[(start + i) % MINE];

		if ((mach_port_name_t)v != MACH_PORT_NULL &&
		    (kind == H_ANY || (enum hint)(v >> 32) == kind))
			return (mach_port_name_t)v;
	}
	return pool_kind(f, kind);
}

/* a name likely to hold a right of kind */
mach_port_name_t
sane_name(struct fz *f, enum hint kind)
{
	uint32_t k = below(f, 100);

	return k < 50 ? mine_kind(f, kind) : k < 95 ? pool_kind(f, kind) :
	    pool_any(f, NULL);
}

/* a name: mostly from the pool, else stale, another generation, or garbage */
mach_port_name_t
pick_name(struct fz *f, enum hint kind, unsigned flags)
{
	uint32_t k = below(f, 100);
	mach_port_name_t n;

	if (k < 50)
		n = sane_name(f, kind);
	else if (k < 65)
		n = pool_any(f, NULL);
	else if (k < 72)
		n = __atomic_load_n(&stale[below(f, STALE)], __ATOMIC_RELAXED);
	else if (k < 76) {
		n = pool_any(f, NULL);
		n = (n & ~0xffu) | ((n + 1 + below(f, 255)) & 0xffu);
	} else if (k < 79)
		n = MACH_PORT_NULL;
	else if (k < 81)
		n = MACH_PORT_DEAD;
	else if (k < 87)
		n = MACH_PORT_MAKE(1 + below(f, 400), below(f, 4) << 24);
	else if (k < 91)
		n = garbage_name(f);
	else
		n = chance(f, 50) ? hub : peer;
	if ((flags & N_MAY_DESTROY) && protected_name(n) &&
	    (n == self || !chance(f, 3)))
		n = pool_any(f, NULL);
	if ((flags & N_MAY_DESTROY) && n == self)
		n = MACH_PORT_NULL;
	/*
	 * never another thread's reply port for its kernel calls but to take
	 * it away (which that thread sees and recovers from): a receive on
	 * it, or on a set it was moved into, would take the kernel's reply,
	 * and its owner, waiting for a reply that is there at once, would
	 * report a lost message (a guessed name, MACH_PORT_MAKE above, can
	 * be one)
	 */
	if (!(flags & N_MAY_DESTROY) && kobj_reply_port(n))
		n = MACH_PORT_NULL;
	return n;
}

/* the task to call on: mostly ours, sometimes any name */
mach_port_name_t
pick_target(struct fz *f, bool *on_self)
{
	mach_port_name_t t = chance(f, 95) ? self : pick_name(f, H_ANY, 0);

	*on_self = t == self;
	return t;
}

mach_port_right_t
pick_right(struct fz *f)
{
	return chance(f, 92) ? below(f, MACH_PORT_RIGHT_NUMBER) :
	    (mach_port_right_t)rnd(f);
}

mach_msg_type_name_t
pick_disp(struct fz *f, bool dest)
{
	static const uint8_t any[] = { 16, 17, 17, 18, 19, 19, 20, 20, 21, 21 };
	static const uint8_t send[] = { 17, 18, 19, 19, 20, 20, 21, 21 };
	uint32_t k = below(f, 100);

	if (k < 88)
		return dest ? send[below(f, sizeof(send))] : any[below(f, sizeof(any))];
	if (k < 92)
		return 0;
	if (k < 96)
		return 15 + below(f, 12);	/* PORT_NAME, COPY_RECEIVE, DISPOSE_* */
	return below(f, 256);
}

/* a pointer for a call's result: mostly good, sometimes not */
void *
pick_out(struct fz *f, void *good, bool *bad)
{
	static uintptr_t const bad_ptrs[] = {
		0, 0x10, 0xffffffc000000000ul, VM_MAX_ADDRESS - 2,
	};

	*bad = chance(f, 3);
	if (!*bad)
		return good;
	return (void *)bad_ptrs[below(f, 4)];
}

char *
fmt_args(char *b, size_t n, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(b, n, fmt, ap);
	va_end(ap);
	return b;
}

/* --- the type of a name: only a few combinations exist --- */

bool
type_possible(mach_port_type_t t)
{
	mach_port_type_t r = t & ~MACH_PORT_TYPE_DNREQUEST;

	return r == MACH_PORT_TYPE_SEND || r == MACH_PORT_TYPE_RECEIVE ||
	    r == MACH_PORT_TYPE_SEND_RECEIVE || r == MACH_PORT_TYPE_SEND_ONCE ||
	    r == MACH_PORT_TYPE_PORT_SET || r == MACH_PORT_TYPE_DEAD_NAME;
}

enum hint
hint_of(mach_port_type_t t)
{
	if (t & MACH_PORT_TYPE_RECEIVE)
		return H_RECV;
	if (t & MACH_PORT_TYPE_PORT_SET)
		return H_SET;
	if (t & MACH_PORT_TYPE_SEND)
		return H_SEND;
	if (t & MACH_PORT_TYPE_SEND_ONCE)
		return H_SONCE;
	if (t & MACH_PORT_TYPE_DEAD_NAME)
		return H_DEAD;
	return H_ANY;
}

/* what name holds now, for the pool's hint; forgotten if nothing */
void
refresh_name(struct fz *f, mach_port_name_t name)
{
	mach_port_type_t t;
	uint64_t nv;

	if (!MACH_PORT_VALID(name) || protected_name(name))
		return;
	if (mach_port_type(self, name, &t) != KERN_SUCCESS) {
		pool_forget(f, name);
		return;
	}
	nv = (uint64_t)name | (uint64_t)hint_of(t) << 32;
	for (int i = 0; i < POOL; i++) {
		uint64_t v = __atomic_load_n(&pool[i], __ATOMIC_RELAXED);

		if ((mach_port_name_t)v == name && v != nv)
			__atomic_compare_exchange_n(&pool[i], &v, nv, false,
			    __ATOMIC_RELAXED, __ATOMIC_RELAXED);
	}
	for (int i = 0; i < MINE; i++) {
		if ((mach_port_name_t)f->mine[i] == name)
			f->mine[i] = nv;
	}
}

/* --- threads --- */

static enum op
pick_op(struct fz *f)
{
	const uint8_t *w = weights[f->id == 0 ? 1 : 0];
	unsigned total = 0, k;

	for (int i = 0; i < OP_COUNT; i++)
		total += w[i];
	k = below(f, total);
	for (int i = 0; i < OP_COUNT; i++) {
		if (k < w[i])
			return (enum op)i;
		k -= w[i];
	}
	return OP_MSG;
}

static void
fuzz_loop(struct fz *f)
{
	while (f->calls < f->count) {
		enum op op = pick_op(f);

		f->ops[op]++;
		f->calls++;
		/*
		 * every kind of call may use scratch (the info calls write
		 * their results there), not only the sends: a send that gave
		 * it away once left x_task_policy writing to an unmapped page
		 */
		if (f->scratch_maybe_gone)
			scratch_restore(f);
		if (op == OP_MSG)
			op_msg(f);
		else if (op == OP_CHURN)
			op_churn(f);
		else if (op == OP_KOBJECT)
			op_kobject(f);
		else if (op == OP_XCALL)
			op_xcall(f);
		else if (op == OP_TASK)
			op_task(f);
		else
			op_port(f, op);
	}
}

static void
worker(void *arg)
{
	fuzz_loop(arg);
	__atomic_fetch_add(&workers_done, 1, __ATOMIC_RELEASE);
	rvmach_thread_exit();
}

/* a message buffer followed by a page nothing may touch, and scratch */
static bool
fz_memory(struct fz *f)
{
	mach_vm_address_t a = 0;
	mach_vm_address_t s = SCRATCH_BASE + (uint64_t)f->id * SCRATCH_STRIDE;

	if (mach_vm_allocate(self, &a, BUF_SIZE + PAGE, VM_FLAGS_ANYWHERE) !=
	    KERN_SUCCESS ||
	    mach_vm_protect(self, a + BUF_SIZE, PAGE, false, VM_PROT_NONE) !=
	    KERN_SUCCESS ||
	    mach_vm_allocate(self, &s, SCRATCH_SIZE, VM_FLAGS_FIXED) !=
	    KERN_SUCCESS)
		return false;
	f->buf = (uint8_t *)(uintptr_t)a;
	f->scratch = (uint8_t *)(uintptr_t)s;
	return true;
}

/* the first names: a few of each kind */
static void
pool_seed(struct fz *f)
{
	mach_port_name_t n;

	for (int i = 0; i < 12; i++) {
		if (mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &n) ==
		    KERN_SUCCESS) {
			if (i & 1)
				mach_port_insert_right(self, n, n,
				    MACH_MSG_TYPE_MAKE_SEND);
			pool_put(f, n, (i & 1) ? H_SEND : H_RECV);
		}
	}
	for (int i = 0; i < 3; i++) {
		if (mach_port_allocate(self, MACH_PORT_RIGHT_PORT_SET, &n) ==
		    KERN_SUCCESS)
			pool_put(f, n, H_SET);
		if (mach_port_allocate(self, MACH_PORT_RIGHT_DEAD_NAME, &n) ==
		    KERN_SUCCESS)
			pool_put(f, n, H_DEAD);
	}
	pool_put(f, mach_thread_self(), H_SEND);
	pool_put(f, mach_host_self(), H_SEND);
}

/* wait for the ktest to put our hub and peer rights in */
static bool
wait_for_hub(void)
{
	kern_return_t kh = KERN_FAILURE, kp = KERN_FAILURE;
	mach_port_type_t th = 0, tp = 0;

	for (int ms = 0; ms < HUB_WAIT_MS; ms++) {
		th = tp = 0;
		kh = mach_port_type(self, hub, &th);
		kp = mach_port_type(self, peer, &tp);
		/*
		 * the peer may have died already: its task started fuzzing
		 * first and destroyed its hub (a protected name is destroyed
		 * now and then, on purpose); a dead name has arrived too
		 */
		if (kh == KERN_SUCCESS && kp == KERN_SUCCESS &&
		    (th & MACH_PORT_TYPE_RECEIVE) &&
		    (tp & (MACH_PORT_TYPE_SEND | MACH_PORT_TYPE_DEAD_NAME)))
			return true;
		thread_switch(MACH_PORT_NULL, SWITCH_OPTION_WAIT, 1);
	}
	say("ipcfuzz: self %#x: hub %#x: %#x type %#x, peer %#x: %#x type %#x",
	    self, hub, kh, th, peer, kp, tp);
	return false;
}

/* add r (n times code after op) to the merged table all[0..*np) */
static void
merge(struct result *all, unsigned *np, unsigned max, uint32_t op,
    uint32_t code, uint32_t n)
{
	unsigned j;

	for (j = 0; j < *np && (all[j].op != op || all[j].code != code); j++)
		;
	if (j == *np) {
		if (*np == max)
			return;
		all[j].op = op;
		all[j].code = code;
		all[j].n = 0;
		(*np)++;
	}
	all[j].n += n;
}

/*
 * the last line: calls and results by code (with verbose, one line per
 * call before it, results by code); the violations seen
 */
static uint64_t
summary(uint64_t seed, uint64_t count, int nthreads, bool verbose)
{
	static struct result all[RESULTS * 2], bycode[RESULTS];
	static char line[2048];
	unsigned nall = 0, ncode = 0;
	uint64_t calls = 0, violations = 0, ops[OP_COUNT] = { 0 };
	size_t len;

	for (int t = 0; t < nthreads; t++) {
		calls += fzs[t].calls;
		violations += fzs[t].violations;
		for (int i = 0; i < OP_COUNT; i++)
			ops[i] += fzs[t].ops[i];
		for (int i = 0; i < RESULTS; i++) {
			const struct result *r = &fzs[t].res[i];

			if (r->op == 0)
				continue;
			merge(all, &nall, RESULTS * 2, r->op, r->code, r->n);
			merge(bycode, &ncode, RESULTS, 1, r->code, r->n);
		}
	}
	for (int op = 0; verbose && op < OP_COUNT; op++) {
		len = (size_t)snprintf(line, sizeof(line), "ipcfuzz: %s: %llu calls:",
		    op_names[op], (unsigned long long)ops[op]);
		for (unsigned j = 0; j < nall && len < sizeof(line) - 40; j++) {
			if (all[j].op == (uint32_t)op + 1)
				len += (size_t)snprintf(line + len, sizeof(line) - len,
				    " %#x=%u", all[j].code, all[j].n);
		}
		line[len++] = '\n';
		rvmach_console_write(line, len);
	}
	len = (size_t)snprintf(line, sizeof(line), "ipcfuzz: seed %llu count %llu "
	    "threads %d: %llu calls (%llu mach_msg); results:",
	    (unsigned long long)seed, (unsigned long long)count, nthreads,
	    (unsigned long long)calls, (unsigned long long)ops[OP_MSG]);
	for (unsigned j = 0; j < ncode && len < sizeof(line) - 40; j++)
		len += (size_t)snprintf(line + len, sizeof(line) - len, " %#x=%u",
		    bycode[j].code, bycode[j].n);
	len += (size_t)snprintf(line + len, sizeof(line) - len,
	    "; violations %llu\n", (unsigned long long)violations);
	rvmach_console_write(line, len < sizeof(line) ? len : sizeof(line) - 1);
	return violations;
}

static uint64_t
num(const char *s)
{
	return strtoull(s, NULL, 0);
}

int
main(int argc, char **argv)
{
	uint64_t seed = SHORT_SEED, count = SHORT_COUNT, violations;
	int nthreads = 4, started = 1;
	bool ktap_mode = argc == 1, verbose = false;

	self = mach_task_self();
	if (argc == 2) {
		say("usage: ipcfuzz SEED COUNT [threads=N] [hub=NAME peer=NAME] "
		    "[verbose]");
		return 2;
	}
	if (!ktap_mode) {
		seed = num(argv[1]);
		count = num(argv[2]);
	}
	for (int i = 3; i < argc; i++) {
		if (strncmp(argv[i], "threads=", 8) == 0)
			nthreads = (int)num(argv[i] + 8);
		else if (strncmp(argv[i], "hub=", 4) == 0)
			hub = (mach_port_name_t)num(argv[i] + 4);
		else if (strncmp(argv[i], "peer=", 5) == 0)
			peer = (mach_port_name_t)num(argv[i] + 5);
		else if (strcmp(argv[i], "verbose") == 0)
			verbose = true;
	}
	if (nthreads < 1 || nthreads > MAX_THREADS)
		nthreads = 4;
	if (ktap_mode)
		ktap_plan("ipcfuzz", 1);
	if (MACH_PORT_VALID(hub) && !wait_for_hub()) {
		say("ipcfuzz: hub %#x and peer %#x never arrived", hub, peer);
		return 2;
	}
	for (int t = 0; t < nthreads; t++) {
		struct fz *f = &fzs[t];

		f->id = t;
		f->rng = seed * 0x2545f4914f6cdd1dull + (uint64_t)(t + 1) *
		    0x9e3779b97f4a7c15ull;
		f->count = count / (uint64_t)nthreads +
		    (t == 0 ? count % (uint64_t)nthreads : 0);
		if (!fz_memory(f)) {
			say("ipcfuzz: no memory for thread %d", t);
			return 2;
		}
	}
	kobj_init(nthreads);
	pool_seed(&fzs[0]);
	for (int t = 1; t < nthreads; t++) {
		if (rvmach_thread_start(worker, &fzs[t], stacks[t],
		    sizeof(stacks[t])) == KERN_SUCCESS)
			started++;
		else
			say("ipcfuzz: thread %d did not start", t);
	}
	fuzz_loop(&fzs[0]);
	for (int ms = 0; __atomic_load_n(&workers_done, __ATOMIC_ACQUIRE) <
	    started - 1; ms++) {
		if (ms == JOIN_WAIT_MS) {
			say("ipcfuzz: %d threads still running after %d s",
			    started - 1 - workers_done, JOIN_WAIT_MS / 1000);
			fzs[0].violations++;
			break;
		}
		thread_switch(MACH_PORT_NULL, SWITCH_OPTION_WAIT, 1);
	}
	tasks_fini();
	violations = summary(seed, count, nthreads, verbose);
	if (started != nthreads)
		violations++;
	if (ktap_mode) {
		ktap_ok(violations == 0, "seed_%d_count_%d", SHORT_SEED, SHORT_COUNT);
		return ktap_done();
	}
	return violations == 0 ? 0 : 1;
}
