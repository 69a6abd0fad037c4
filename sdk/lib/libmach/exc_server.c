/*
 * sdk/lib/libmach/exc_server.c - the server side of XNU's exc.defs and
 * mach_exc.defs, as MIG's generated demultiplexers behave: exc_server
 * (ids 2401-2403, 32-bit codes) and mach_exc_server (2405-2407, 64-bit)
 * check a request, call the program's catch_exception_raise* or
 * catch_mach_exception_raise* routine and build the reply in the second
 * buffer (msgh_id + 100, on the request's reply right).  The catch_*
 * routines are weak here: a program defines those it handles, and a
 * request for one it does not define is answered MIG_BAD_ID, as an id
 * the subsystem does not know.  A malformed request (descriptors, counts
 * or size not the routine's) is MIG_BAD_ARGUMENTS, a descriptor of the
 * wrong kind MIG_TYPE_ERROR.  Both return FALSE for an id outside their
 * range, TRUE otherwise (the reply's RetCode says the rest).
 */
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include <mach/exc.h>
#include <mach/mach_exc.h>
#include <mach/message.h>
#include <mach/mig_errors.h>
#include <mach/ndr.h>

#define W	__attribute__((weak))

/* XNU's server-side prototypes (what `mig exc.defs` declares) */
kern_return_t catch_exception_raise(mach_port_t exception_port,
    mach_port_t thread, mach_port_t task, exception_type_t exception,
    exception_data_t code, mach_msg_type_number_t codeCnt) W;
kern_return_t catch_exception_raise_state(mach_port_t exception_port,
    exception_type_t exception, const exception_data_t code,
    mach_msg_type_number_t codeCnt, int *flavor, const thread_state_t old_state,
    mach_msg_type_number_t old_stateCnt, thread_state_t new_state,
    mach_msg_type_number_t *new_stateCnt) W;
kern_return_t catch_exception_raise_state_identity(mach_port_t exception_port,
    mach_port_t thread, mach_port_t task, exception_type_t exception,
    exception_data_t code, mach_msg_type_number_t codeCnt, int *flavor,
    thread_state_t old_state, mach_msg_type_number_t old_stateCnt,
    thread_state_t new_state, mach_msg_type_number_t *new_stateCnt) W;
kern_return_t catch_mach_exception_raise(mach_port_t exception_port,
    mach_port_t thread, mach_port_t task, exception_type_t exception,
    mach_exception_data_t code, mach_msg_type_number_t codeCnt) W;
kern_return_t catch_mach_exception_raise_state(mach_port_t exception_port,
    exception_type_t exception, const mach_exception_data_t code,
    mach_msg_type_number_t codeCnt, int *flavor, const thread_state_t old_state,
    mach_msg_type_number_t old_stateCnt, thread_state_t new_state,
    mach_msg_type_number_t *new_stateCnt) W;
kern_return_t catch_mach_exception_raise_state_identity(
    mach_port_t exception_port, mach_port_t thread, mach_port_t task,
    exception_type_t exception, mach_exception_data_t code,
    mach_msg_type_number_t codeCnt, int *flavor, thread_state_t old_state,
    mach_msg_type_number_t old_stateCnt, thread_state_t new_state,
    mach_msg_type_number_t *new_stateCnt) W;

/* a request's fields, read out of its packed layout */
struct exc_req {
	mach_port_t port, thread, task;
	exception_type_t exception;
	mach_msg_type_number_t codeCnt;
	integer_t code32[2];
	int64_t code64[2];
	int flavor;
	mach_msg_type_number_t old_stateCnt;
	natural_t old_state[THREAD_STATE_MAX];
};

/* take n bytes at *off of the message, if it has them */
static bool
take(const mach_msg_header_t *h, size_t *off, void *to, size_t n)
{
	if (*off + n > h->msgh_size)
		return false;
	memcpy(to, (const char *)h + *off, n);
	*off += n;
	return true;
}

/*
 * the request h of one routine: with the thread and task (ports), with
 * a state (state), codes of code_size bytes; a MIG code or KERN_SUCCESS
 */
static kern_return_t
exc_parse(const mach_msg_header_t *h, bool ports, bool state, size_t code_size,
    struct exc_req *r)
{
	size_t off = sizeof(mach_msg_header_t);
	NDR_record_t ndr;

	memset(r, 0, sizeof(*r));
	r->port = h->msgh_local_port;
	if (((h->msgh_bits & MACH_MSGH_BITS_COMPLEX) != 0) != ports ||
	    h->msgh_size < sizeof(mach_msg_header_t))
		return MIG_BAD_ARGUMENTS;
	if (ports) {
		mach_msg_body_t body;
		mach_msg_port_descriptor_t d[2];

		if (!take(h, &off, &body, sizeof(body)) ||
		    body.msgh_descriptor_count != 2 || !take(h, &off, d, sizeof(d)))
			return MIG_BAD_ARGUMENTS;
		for (int i = 0; i < 2; i++) {
			if (d[i].type != MACH_MSG_PORT_DESCRIPTOR ||
			    d[i].disposition != MACH_MSG_TYPE_PORT_SEND)
				return MIG_TYPE_ERROR;
		}
		r->thread = d[0].name;
		r->task = d[1].name;
	}
	if (!take(h, &off, &ndr, sizeof(ndr)) ||
	    !take(h, &off, &r->exception, sizeof(r->exception)) ||
	    !take(h, &off, &r->codeCnt, sizeof(r->codeCnt)) || r->codeCnt > 2 ||
	    !take(h, &off, code_size == 4 ? (void *)r->code32 : (void *)r->code64,
	    r->codeCnt * code_size))
		return MIG_BAD_ARGUMENTS;
	if (state && (!take(h, &off, &r->flavor, sizeof(r->flavor)) ||
	    !take(h, &off, &r->old_stateCnt, sizeof(r->old_stateCnt)) ||
	    r->old_stateCnt > THREAD_STATE_MAX ||
	    !take(h, &off, r->old_state, r->old_stateCnt * sizeof(natural_t))))
		return MIG_BAD_ARGUMENTS;
	return off == h->msgh_size ? KERN_SUCCESS : MIG_BAD_ARGUMENTS;
}

/* the reply's header and the error shape, as every MIG server starts it */
static void
reply_start(const mach_msg_header_t *in, mach_msg_header_t *out)
{
	mig_reply_error_t *e = (mig_reply_error_t *)out;

	out->msgh_bits = MACH_MSGH_BITS(MACH_MSGH_BITS_REMOTE(in->msgh_bits), 0);
	out->msgh_remote_port = in->msgh_remote_port;
	out->msgh_size = (mach_msg_size_t)sizeof(mig_reply_error_t);
	out->msgh_local_port = MACH_PORT_NULL;
	out->msgh_voucher_port = MACH_PORT_NULL;
	out->msgh_id = in->msgh_id + 100;
	e->NDR = NDR_record;
	e->RetCode = KERN_SUCCESS;
}

/* a state routine's reply: flavor and the new state after RetCode */
static void
reply_state(mach_msg_header_t *out, kern_return_t kr, int flavor,
    const natural_t *new_state, mach_msg_type_number_t cnt)
{
	__Reply__mach_exception_raise_state_t *rep =
	    (__Reply__mach_exception_raise_state_t *)out;

	if (kr == KERN_SUCCESS && cnt > THREAD_STATE_MAX)
		kr = MIG_ARRAY_TOO_LARGE;
	rep->RetCode = kr;
	if (kr != KERN_SUCCESS)
		return;			/* the error shape alone */
	rep->flavor = flavor;
	rep->new_stateCnt = cnt;
	memmove(rep->new_state, new_state, cnt * sizeof(natural_t));
	out->msgh_size = (mach_msg_size_t)(offsetof(
	    __Reply__mach_exception_raise_state_t, new_state) +
	    cnt * sizeof(natural_t));
}

/* one routine of either subsystem: index 0 raise, 1 state, 2 identity */
static void
exc_routine(const mach_msg_header_t *in, mach_msg_header_t *out, int which,
    bool codes64)
{
	mig_reply_error_t *e = (mig_reply_error_t *)out;
	natural_t new_state[THREAD_STATE_MAX];
	mach_msg_type_number_t cnt = THREAD_STATE_MAX;
	struct exc_req r;
	kern_return_t kr;

	kr = exc_parse(in, which != 1, which != 0, codes64 ? 8 : 4, &r);
	if (kr != KERN_SUCCESS) {
		e->RetCode = kr;
		return;
	}
	switch (which + (codes64 ? 3 : 0)) {
	case 0:
		e->RetCode = catch_exception_raise(r.port, r.thread, r.task,
		    r.exception, r.code32, r.codeCnt);
		return;
	case 1:
		kr = catch_exception_raise_state(r.port, r.exception, r.code32,
		    r.codeCnt, &r.flavor, r.old_state, r.old_stateCnt, new_state,
		    &cnt);
		break;
	case 2:
		kr = catch_exception_raise_state_identity(r.port, r.thread, r.task,
		    r.exception, r.code32, r.codeCnt, &r.flavor, r.old_state,
		    r.old_stateCnt, new_state, &cnt);
		break;
	case 3:
		e->RetCode = catch_mach_exception_raise(r.port, r.thread, r.task,
		    r.exception, r.code64, r.codeCnt);
		return;
	case 4:
		kr = catch_mach_exception_raise_state(r.port, r.exception, r.code64,
		    r.codeCnt, &r.flavor, r.old_state, r.old_stateCnt, new_state,
		    &cnt);
		break;
	default:
		kr = catch_mach_exception_raise_state_identity(r.port, r.thread,
		    r.task, r.exception, r.code64, r.codeCnt, &r.flavor,
		    r.old_state, r.old_stateCnt, new_state, &cnt);
		break;
	}
	reply_state(out, kr, r.flavor, new_state, cnt);
}

/* is the routine for index which of a subsystem defined by the program? */
static bool
exc_defined(int which, bool codes64)
{
	if (codes64)
		return which == 0 ? catch_mach_exception_raise != NULL :
		    which == 1 ? catch_mach_exception_raise_state != NULL :
		    catch_mach_exception_raise_state_identity != NULL;
	return which == 0 ? catch_exception_raise != NULL :
	    which == 1 ? catch_exception_raise_state != NULL :
	    catch_exception_raise_state_identity != NULL;
}

static boolean_t
exc_demux(mach_msg_header_t *in, mach_msg_header_t *out, mach_msg_id_t base,
    bool codes64)
{
	int which = in->msgh_id - base;

	reply_start(in, out);
	if (which < 0 || which > 2 || !exc_defined(which, codes64)) {
		((mig_reply_error_t *)out)->RetCode = MIG_BAD_ID;
		return FALSE;
	}
	exc_routine(in, out, which, codes64);
	return TRUE;
}

boolean_t
exc_server(mach_msg_header_t *InHeadP, mach_msg_header_t *OutHeadP)
{
	return exc_demux(InHeadP, OutHeadP, 2401, false);
}

boolean_t
mach_exc_server(mach_msg_header_t *InHeadP, mach_msg_header_t *OutHeadP)
{
	return exc_demux(InHeadP, OutHeadP, 2405, true);
}
