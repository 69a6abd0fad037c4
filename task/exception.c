/*
 * task/exception.c - an exception a user thread takes, delivered as a
 * message (exception.h; docs/ipc.md, "Exceptions").
 *
 * The thread that took the exception builds the request its handler's
 * behavior asks for, with the layouts and ids of XNU's exc.defs (32-bit
 * codes) or mach_exc.defs (MACH_EXCEPTION_CODES): <mach/exc.h>,
 * <mach/mach_exc.h>.  It sends it from its own context with a reply
 * right to its kernel reply port and waits, interruptibly
 * (ipc_kobject_rpc).  The reply is checked as a MIG client stub checks
 * it; a KERN_SUCCESS reply resumes the thread (with the new state, for
 * the state behaviors), anything else, a dead handler included, passes
 * the exception to the next level: thread, task, host, as XNU's
 * exception_triage.  When none takes it, the BSD layer's hook may (it
 * will turn it into a signal); otherwise the task ends and the console
 * says why.
 */
#include <mach/exc.h>
#include <mach/mach_exc.h>
#include <mach/mig_errors.h>
#include <mach/notify.h>
#include <mach/thread_status.h>
#include "kernel/ipc/ipc_kobject_rpc.h"
#include "kernel/lib/printf.h"
#include "kernel/lib/string.h"
#include "task/exception.h"
#include "task/task.h"
#include "task/task_trap.h"

static const struct exception_hooks *exception_hooks;	/* [c] after boot */
static struct exception_stats exception_counts;		/* [a] */

#define EXC_COUNT(field) \
	__atomic_fetch_add(&exception_counts.field, 1, __ATOMIC_RELAXED)

/*
 * Where the fields of each request sit, taken from the XNU structs; the
 * part after the descriptors is the same sequence in all six (NDR,
 * exception, codeCnt, code[], then flavor, old_stateCnt, old_state[]),
 * only the width of a code differs.
 */
struct exc_layout {
	mach_msg_id_t id;
	uint16_t ndr;			/* offsetof NDR */
	uint16_t code;			/* offsetof code[0] */
	uint16_t flavor;		/* offsetof flavor (0: no state) */
	uint16_t state;			/* offsetof old_state */
	uint8_t	code_size;		/* 4 or 8 */
	bool	ports;			/* thread and task descriptors */
};

#define EXC_LAYOUT(type, msgid, withports) {				\
	.id = (msgid), .ndr = offsetof(type, NDR),			\
	.code = offsetof(type, code), .code_size = sizeof(((type *)0)->code[0]), \
	.ports = (withports) }
#define EXC_LAYOUT_STATE(type, msgid, withports) {			\
	.id = (msgid), .ndr = offsetof(type, NDR),			\
	.code = offsetof(type, code), .code_size = sizeof(((type *)0)->code[0]), \
	.flavor = offsetof(type, flavor), .state = offsetof(type, old_state), \
	.ports = (withports) }

/* [MACH_EXCEPTION_CODES given][behavior - 1] */
static const struct exc_layout exc_layouts[2][3] = {
	{
		EXC_LAYOUT(__Request__exception_raise_t,
		    EXC_MSGID_EXCEPTION_RAISE, true),
		EXC_LAYOUT_STATE(__Request__exception_raise_state_t,
		    EXC_MSGID_EXCEPTION_RAISE_STATE, false),
		EXC_LAYOUT_STATE(__Request__exception_raise_state_identity_t,
		    EXC_MSGID_EXCEPTION_RAISE_STATE_IDENTITY, true),
	}, {
		EXC_LAYOUT(__Request__mach_exception_raise_t,
		    MACH_EXC_MSGID_EXCEPTION_RAISE, true),
		EXC_LAYOUT_STATE(__Request__mach_exception_raise_state_t,
		    MACH_EXC_MSGID_EXCEPTION_RAISE_STATE, false),
		EXC_LAYOUT_STATE(__Request__mach_exception_raise_state_identity_t,
		    MACH_EXC_MSGID_EXCEPTION_RAISE_STATE_IDENTITY, true),
	},
};

/* what exc_request assumes of every layout: the fields run on unpadded */
#define EXC_LAYOUT_CHECK(type)						\
	STATIC_ASSERT(offsetof(type, exception) == offsetof(type, NDR) + 8 && \
	    offsetof(type, codeCnt) == offsetof(type, code) - 4 &&	\
	    offsetof(type, exception) == offsetof(type, code) - 8,	\
	    #type ": NDR, exception, codeCnt, code")
#define EXC_LAYOUT_STATE_CHECK(type)					\
	EXC_LAYOUT_CHECK(type);						\
	STATIC_ASSERT(offsetof(type, flavor) == offsetof(type, code) +	\
	    sizeof(((type *)0)->code) &&				\
	    offsetof(type, old_stateCnt) == offsetof(type, flavor) + 4 && \
	    offsetof(type, old_state) == offsetof(type, flavor) + 8,	\
	    #type ": code, flavor, old_stateCnt, old_state")
EXC_LAYOUT_CHECK(__Request__exception_raise_t);
EXC_LAYOUT_STATE_CHECK(__Request__exception_raise_state_t);
EXC_LAYOUT_STATE_CHECK(__Request__exception_raise_state_identity_t);
EXC_LAYOUT_CHECK(__Request__mach_exception_raise_t);
EXC_LAYOUT_STATE_CHECK(__Request__mach_exception_raise_state_t);
EXC_LAYOUT_STATE_CHECK(__Request__mach_exception_raise_state_identity_t);

/* the descriptors sit where a complex message puts them, in each layout */
STATIC_ASSERT(offsetof(__Request__exception_raise_t, thread) ==
    sizeof(mach_msg_base_t), "descriptors after the body");
STATIC_ASSERT(offsetof(__Request__mach_exception_raise_state_identity_t, task) ==
    sizeof(mach_msg_base_t) + sizeof(mach_msg_port_descriptor_t),
    "the task descriptor second");
/* the replies: the first three fields, then flavor, count, state */
STATIC_ASSERT(sizeof(__Reply__exception_raise_t) == sizeof(mig_reply_error_t),
    "a plain reply is an error reply's shape");
STATIC_ASSERT(offsetof(__Reply__exception_raise_state_t, new_state) ==
    offsetof(__Reply__mach_exception_raise_state_identity_t, new_state),
    "every state reply has one layout");
#define EXC_REPLY_RETCODE	offsetof(__Reply__exception_raise_t, RetCode)
#define EXC_REPLY_FLAVOR	offsetof(__Reply__exception_raise_state_t, flavor)
#define EXC_REPLY_COUNT		offsetof(__Reply__exception_raise_state_t, new_stateCnt)
#define EXC_REPLY_STATE		offsetof(__Reply__exception_raise_state_t, new_state)

static inline void
put32(void *msg, size_t off, uint32_t v)
{
	memcpy((char *)msg + off, &v, sizeof(v));
}

static inline uint32_t
get32(const void *msg, size_t off)
{
	uint32_t v;

	memcpy(&v, (const char *)msg + off, sizeof(v));
	return v;
}

/* an exception, as this thread raises it */
struct exc_raise {
	thread_t thread;
	task_t	task;
	exception_type_t exc;
	mach_exception_data_type_t code[EXCEPTION_CODE_MAX];
};

/*
 * the request for r to exc_port (a send right it consumes), laid out as l
 * with count words of state; NULL if out of memory (the right released)
 */
static ipc_kmsg_t
exc_request(const struct exc_raise *r, const struct exc_layout *l,
    ipc_port_t exc_port, int flavor, const natural_t *state,
    mach_msg_type_number_t count)
{
	mach_msg_size_t size = l->flavor != 0 ?
	    (mach_msg_size_t)(l->state + count * sizeof(natural_t)) :
	    (mach_msg_size_t)(l->code + EXCEPTION_CODE_MAX * l->code_size);
	ipc_kmsg_t kmsg = ipc_kmsg_alloc(size, l->ports ? 2 : 0);
	mach_msg_header_t *h;

	if (kmsg == IKM_NULL) {
		ipc_port_release_send(exc_port);
		return IKM_NULL;
	}
	h = &kmsg->ikm_header;
	memset(h, 0, size);
	h->msgh_size = size;
	h->msgh_id = l->id;
	kmsg->ikm_remote = exc_port;
	kmsg->ikm_remote_type = MACH_MSG_TYPE_PORT_SEND;
	if (l->ports) {
		h->msgh_bits = MACH_MSGH_BITS_COMPLEX;
		((mach_msg_base_t *)h)->body.msgh_descriptor_count = 2;
		ipc_kmsg_put_port_send(kmsg, 0, thread_port_make_send(r->thread));
		ipc_kmsg_put_port_send(kmsg, 1, task_port_make_send(r->task));
	}
	memcpy((char *)h + l->ndr, &NDR_record, sizeof(NDR_record));
	put32(h, l->code - 8, (uint32_t)r->exc);
	put32(h, l->code - 4, EXCEPTION_CODE_MAX);
	for (int i = 0; i < EXCEPTION_CODE_MAX; i++) {
		if (l->code_size == sizeof(int64_t))
			memcpy((char *)h + l->code + i * 8, &r->code[i], 8);
		else
			put32(h, l->code + i * 4, (uint32_t)(int32_t)r->code[i]);
	}
	if (l->flavor != 0) {
		put32(h, l->flavor, (uint32_t)flavor);
		put32(h, l->flavor + 4, count);
		memcpy((char *)h + l->state, state, count * sizeof(natural_t));
	}
	return kmsg;
}

/*
 * check reply as MIG's client stub for l's routine checks it (id, shape,
 * RetCode, count): its RetCode, or MIG_* for a malformed one; for a state
 * reply with KERN_SUCCESS, *flavorp, state and *countp (at most room words)
 */
static kern_return_t
exc_reply_check(ipc_kmsg_t reply, const struct exc_layout *l, int *flavorp,
    natural_t *state, mach_msg_type_number_t *countp,
    mach_msg_type_number_t room)
{
	const mach_msg_header_t *h = &reply->ikm_header;
	mach_msg_size_t size = h->msgh_size;
	mach_msg_type_number_t count;
	kern_return_t rc;

	if (h->msgh_id != l->id + EXC_MSGID_REPLY_OFFSET)
		return h->msgh_id == MACH_NOTIFY_SEND_ONCE ? MIG_SERVER_DIED :
		    MIG_REPLY_MISMATCH;
	if ((h->msgh_bits & MACH_MSGH_BITS_COMPLEX) ||
	    size < sizeof(mig_reply_error_t))
		return MIG_TYPE_ERROR;
	rc = (kern_return_t)get32(h, EXC_REPLY_RETCODE);
	if (l->flavor == 0) {
		if (size != sizeof(mig_reply_error_t))
			return MIG_TYPE_ERROR;
		return rc;
	}
	/* a state reply: whole, or the error shape with an error in it */
	if (size == sizeof(mig_reply_error_t))
		return rc != KERN_SUCCESS ? rc : MIG_TYPE_ERROR;
	if (size < EXC_REPLY_STATE ||
	    size > EXC_REPLY_STATE + THREAD_STATE_MAX * sizeof(natural_t))
		return MIG_TYPE_ERROR;
	if (rc != KERN_SUCCESS)
		return rc;
	count = get32(h, EXC_REPLY_COUNT);
	if (count > THREAD_STATE_MAX ||
	    size != EXC_REPLY_STATE + count * sizeof(natural_t))
		return MIG_TYPE_ERROR;
	*flavorp = (int)get32(h, EXC_REPLY_FLAVOR);
	if (count > room)
		return MIG_ARRAY_TOO_LARGE;
	memcpy(state, (const char *)h + EXC_REPLY_STATE, count * sizeof(natural_t));
	*countp = count;
	return KERN_SUCCESS;
}

/*
 * one level's try (XNU's exception_deliver): act->port (a send right,
 * consumed) gets the message act's behavior asks for.  KERN_SUCCESS: the
 * handler took it and the thread goes on (with its new state);
 * MACH_RCV_INTERRUPTED: aborted while waiting; else why not.
 */
static kern_return_t
exception_deliver(const struct exc_raise *r, const struct exception_action *act)
{
	bool code64 = (act->behavior & MACH_EXCEPTION_CODES) != 0;
	int behavior = act->behavior & ~MACH_EXCEPTION_MASK;
	const struct exc_layout *l;
	thread_state_data_t state;
	mach_msg_type_number_t count = 0;
	int flavor = act->flavor;
	ipc_kmsg_t request, reply;
	kern_return_t kr;

	if (behavior < EXCEPTION_DEFAULT || behavior > EXCEPTION_STATE_IDENTITY) {
		ipc_port_release_send(act->port);
		return KERN_INVALID_ARGUMENT;
	}
	l = &exc_layouts[code64][behavior - 1];
	if (l->flavor != 0) {
		count = THREAD_STATE_MAX;
		kr = thread_get_state(r->thread, flavor, state, &count);
		if (kr != KERN_SUCCESS) {
			ipc_port_release_send(act->port);
			return kr;
		}
	}
	request = exc_request(r, l, act->port, flavor, state, count);
	if (request == IKM_NULL)
		return KERN_RESOURCE_SHORTAGE;
	EXC_COUNT(sent);
	kr = ipc_kobject_rpc(request, &reply);
	if (kr != MACH_MSG_SUCCESS)
		return kr;
	kr = exc_reply_check(reply, l, &flavor, state, &count, count);
	ipc_kobject_rpc_done(reply);
	if (kr == KERN_SUCCESS && l->flavor != 0)
		kr = thread_set_state(r->thread, flavor, state, count);
	if (kr == KERN_SUCCESS)
		EXC_COUNT(handled);
	else
		EXC_COUNT(refused);
	return kr;
}

kern_return_t
exception_triage(exception_type_t exc,
    const mach_exception_data_type_t code[EXCEPTION_CODE_MAX])
{
	struct exc_raise r = {
		.thread = current_thread(),
		.task = thread_task(current_thread()),
		.exc = exc,
		.code = { code[0], code[1] },
	};
	kern_return_t kr = KERN_FAILURE;

	if (r.task == NULL || exc < FIRST_EXCEPTION || exc >= EXC_TYPES_COUNT)
		return KERN_INVALID_ARGUMENT;
	EXC_COUNT(raised);
	for (int level = 0; level < 3; level++) {
		struct exception_action act;

		/* being ended (XNU: !thread->active): it ends at its AST */
		if (thread_should_abort(r.thread))
			return KERN_SUCCESS;
		if (!exception_action_copy(level, exc, &act)) {
			kr = KERN_FAILURE;
			continue;
		}
		kr = exception_deliver(&r, &act);
		if (kr == KERN_SUCCESS || kr == MACH_RCV_INTERRUPTED ||
		    kr == MACH_RCV_PORT_DIED)
			return kr;
	}
	EXC_COUNT(unhandled);
	return kr;
}

static const char *
exc_name(int exc)
{
	switch (exc) {
	case EXC_BAD_ACCESS:		return "EXC_BAD_ACCESS";
	case EXC_BAD_INSTRUCTION:	return "EXC_BAD_INSTRUCTION";
	case EXC_ARITHMETIC:		return "EXC_ARITHMETIC";
	case EXC_BREAKPOINT:		return "EXC_BREAKPOINT";
	case EXC_SOFTWARE:		return "EXC_SOFTWARE";
	case EXC_GUARD:			return "EXC_GUARD";
	default:			return "exception";
	}
}

static const char *
kr_name(int64_t code)
{
	switch (code) {
	case KERN_INVALID_ADDRESS:	return "KERN_INVALID_ADDRESS";
	case KERN_PROTECTION_FAILURE:	return "KERN_PROTECTION_FAILURE";
	case KERN_RESOURCE_SHORTAGE:	return "KERN_RESOURCE_SHORTAGE";
	default:			return "code";
	}
}

void
task_exception(int exc, int64_t code, int64_t subcode, uint64_t pc)
{
	const mach_exception_data_type_t codes[EXCEPTION_CODE_MAX] = { code, subcode };
	const struct exception_hooks *hooks;
	thread_t self = current_thread();
	task_t t = current_task();
	kern_return_t kr;

	kr = exception_triage(exc, codes);
	if (kr == KERN_SUCCESS || kr == MACH_RCV_INTERRUPTED ||
	    kr == MACH_RCV_PORT_DIED)
		return;		/* handled, or the thread is ending anyway */
	hooks = __atomic_load_n(&exception_hooks, __ATOMIC_ACQUIRE);
	if (hooks != NULL && hooks->unhandled != NULL &&
	    hooks->unhandled(self, exc, codes))
		return;
	printf("%srvmach: task %s[%lu]: %s (%s %#lx) at pc %#lx, %s %#lx: "
	    "terminated\n", t->console_diag ? "    # " : "", t->name, t->task_id,
	    exc_name(exc),
	    exc == EXC_BAD_ACCESS ? kr_name(code) : "code", (uint64_t)code, pc,
	    exc == EXC_GUARD ? "guard" : "address", (uint64_t)subcode);
	spin_lock(&t->lock);
	t->exit_status = 128 + exc;
	spin_unlock(&t->lock);
	task_terminate(t);
}

void
exception_hooks_register(const struct exception_hooks *hooks)
{
	__atomic_store_n(&exception_hooks, hooks, __ATOMIC_RELEASE);
}

void
exception_get_stats(struct exception_stats *st)
{
	st->raised = __atomic_load_n(&exception_counts.raised, __ATOMIC_RELAXED);
	st->sent = __atomic_load_n(&exception_counts.sent, __ATOMIC_RELAXED);
	st->handled = __atomic_load_n(&exception_counts.handled, __ATOMIC_RELAXED);
	st->refused = __atomic_load_n(&exception_counts.refused, __ATOMIC_RELAXED);
	st->unhandled = __atomic_load_n(&exception_counts.unhandled,
	    __ATOMIC_RELAXED);
}
