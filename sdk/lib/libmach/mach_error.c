/*
 * sdk/lib/libmach/mach_error.c - mach_error_string, mach_error_type,
 * mach_error (<mach/mach_error.h>): Mach's text for the kernel's codes
 * (kern_return_t), mach_msg's (mach_msg_return_t), MIG's and the old IPC
 * ones, looked up by the code's system, subsystem and code fields
 * (<mach/error.h>), as XNU's libsyscall does.
 *
 * Codes from before Mach 3 (-100..-399) are first mapped to their
 * modern places, as Mach's do_compat does.  Systems with no table here
 * (user, server, device, ...) are "(?/?) unknown error system".
 */
#include <stdio.h>

#include <mach/mach_error.h>

#define NO_SUCH_ERROR		"unknown error code"
#define UNKNOWN_SYSTEM		"(?/?) unknown error system"
#define UNKNOWN_TYPE		"(?/?)"

#define N(a)	(sizeof(a) / sizeof((a)[0]))

/* err_kern, subsystem 0: kern_return_t */
static const char *const codes_kern[] = {
	"(os/kern) successful",
	"(os/kern) invalid address",
	"(os/kern) protection failure",
	"(os/kern) no space available",
	"(os/kern) invalid argument",
	"(os/kern) failure",
	"(os/kern) resource shortage",
	"(os/kern) not receiver",
	"(os/kern) no access",
	"(os/kern) memory failure",
	"(os/kern) memory error",
	"(os/kern) already in set",
	"(os/kern) not in set",
	"(os/kern) name exists",
	"(os/kern) aborted",
	"(os/kern) invalid name",
	"(os/kern) invalid task",
	"(os/kern) invalid right",
	"(os/kern) invalid value",
	"(os/kern) urefs overflow",
	"(os/kern) invalid capability",
	"(os/kern) right exists",
	"(os/kern) invalid host",
	"(os/kern) memory present",
	"(os/kern) memory data moved",
	"(os/kern) memory restart copy",
	"(os/kern) invalid processor set",
	"(os/kern) policy limit",
	"(os/kern) invalid policy",
	"(os/kern) invalid object",
	"(os/kern) already waiting",
	"(os/kern) default set",
	"(os/kern) exception protected",
	"(os/kern) invalid ledger",
	"(os/kern) invalid memory control",
	"(os/kern) invalid security",
	"(os/kern) not depressed",
	"(os/kern) object terminated",
	"(os/kern) lock set destroyed",
	"(os/kern) lock unstable",
	"(os/kern) lock owned by another",
	"(os/kern) lock owned by self",
	"(os/kern) semaphore destroyed",
	"(os/kern) RPC terminated",
	"(os/kern) terminate orphan",
	"(os/kern) let orphan continue",
	"(os/kern) service not supported",
	"(os/kern) remote node down",
	"(os/kern) thread not waiting",
	"(os/kern) operation timed out",
	"(os/kern) code signing error",
	"(os/kern) policy is static",
	"(os/kern) insufficient input buffer size",
	"(os/kern) denied by security policy",
	"(os/kern) missing kernel collection",
	"(os/kern) invalid kernel collection",
	"(os/kern) result not found",
};

/* err_ipc: the IPC of Mach 2.5 (what do_compat maps -100..-299 to) */
static const char *const codes_ipc_send[] = {
	"(ipc/send) unknown error",
	"(ipc/send) invalid memory",
	"(ipc/send) invalid port",
	"(ipc/send) timed out",
	"(ipc/send) unused error",
	"(ipc/send) will notify",
	"(ipc/send) notify in progress",
	"(ipc/send) kernel refused message",
	"(ipc/send) send interrupted",
	"(ipc/send) send message too large",
	"(ipc/send) send message too small",
	"(ipc/send) message size changed while being copied",
};

static const char *const codes_ipc_rcv[] = {
	"(ipc/rcv) unknown error",
	"(ipc/rcv) invalid memory",
	"(ipc/rcv) invalid port",
	"(ipc/rcv) receive timed out",
	"(ipc/rcv) message too large",
	"(ipc/rcv) no space for message data",
	"(ipc/rcv) only sender remaining",
	"(ipc/rcv) receive interrupted",
	"(ipc/rcv) port receiver changed or port became enabled",
};

static const char *const codes_ipc_mig[] = {
	"(ipc/mig) type check failure in message interface",
	"(ipc/mig) wrong return message ID",
	"(ipc/mig) server detected error",
	"(ipc/mig) bad message ID",
	"(ipc/mig) server found wrong arguments",
	"(ipc/mig) no reply should be sent",
	"(ipc/mig) server raised exception",
	"(ipc/mig) user specified array not large enough for return info",
};

/* err_mach_ipc, subsystem 0: MACH_SEND_* */
static const char *const codes_mach_send[] = {
	"(ipc/send) no error",
	"(ipc/send) send in progress",
	"(ipc/send) invalid data",
	"(ipc/send) invalid destination port",
	"(ipc/send) timed out",
	"(ipc/send) invalid voucher",
	"(ipc/send) unused error",
	"(ipc/send) interrupted",
	"(ipc/send) msg too small",
	"(ipc/send) invalid reply port",
	"(ipc/send) invalid port right",
	"(ipc/send) invalid notify port",
	"(ipc/send) invalid memory",
	"(ipc/send) no msg buffer",
	"(ipc/send) msg too large",
	"(ipc/send) invalid msg-type",
	"(ipc/send) invalid msg-header",
	"(ipc/send) invalid msg-trailer",
	"(ipc/send) invalid context for reply",
	"(ipc/send) unused error",
	"(ipc/send) unused error",
	"(ipc/send) out-of-line buffer too large",
	"(ipc/send) destination does not accept OOL ports",
};

/* err_mach_ipc, subsystem 1: MACH_RCV_* */
static const char *const codes_mach_rcv[] = {
	"(ipc/rcv) no error",
	"(ipc/rcv) receive in progress",
	"(ipc/rcv) invalid name",
	"(ipc/rcv) timed out",
	"(ipc/rcv) msg too large",
	"(ipc/rcv) interrupted",
	"(ipc/rcv) port changed",
	"(ipc/rcv) invalid notify port",
	"(ipc/rcv) invalid data",
	"(ipc/rcv) port died",
	"(ipc/rcv) port in set",
	"(ipc/rcv) header error",
	"(ipc/rcv) body error",
	"(ipc/rcv) invalid scatter list entry",
	"(ipc/rcv) overwrite region too small",
	"(ipc/rcv) invalid msg-trailer",
	"(ipc/rcv) DIPC transport error",
};

/* err_mach_ipc, subsystem 2: MIG_* (-300.. before do_compat) */
static const char *const codes_mach_mig[] = {
	"(ipc/mig) client type check failure",
	"(ipc/mig) wrong reply message ID",
	"(ipc/mig) server detected error",
	"(ipc/mig) bad request message ID",
	"(ipc/mig) server type check failure",
	"(ipc/mig) no reply should be sent",
	"(ipc/mig) server raised exception",
	"(ipc/mig) array not large enough",
	"(ipc/mig) server died",
	"(ipc/mig) unknown trailer format",
};

struct error_subsystem {
	const char *name;
	const char *const *codes;
	unsigned ncodes;
};

struct error_system {
	const struct error_subsystem *subs;
	unsigned nsubs;
	const char *bad_sub;
};

static const struct error_subsystem subs_kern[] = {
	{ "(os/kern)", codes_kern, N(codes_kern) },
	{ "(os/?)", NULL, 0 },
	{ "(os/?)", NULL, 0 },
	{ "(os/unix)", NULL, 0 },
};

static const struct error_subsystem subs_ipc[] = {
	{ "(ipc/send)", codes_ipc_send, N(codes_ipc_send) },
	{ "(ipc/rcv)", codes_ipc_rcv, N(codes_ipc_rcv) },
	{ "(ipc/mig)", codes_ipc_mig, N(codes_ipc_mig) },
};

static const struct error_subsystem subs_mach_ipc[] = {
	{ "(ipc/send)", codes_mach_send, N(codes_mach_send) },
	{ "(ipc/rcv)", codes_mach_rcv, N(codes_mach_rcv) },
	{ "(ipc/mig)", codes_mach_mig, N(codes_mach_mig) },
};

/* indexed by err_get_system() */
static const struct error_system systems[] = {
	[0] = { subs_kern, N(subs_kern), "(operating system/?) unknown subsystem error" },
	[3] = { subs_ipc, N(subs_ipc), "(ipc/?) unknown subsystem error" },
	[4] = { subs_mach_ipc, N(subs_mach_ipc), "(ipc/?) unknown subsystem error" },
};

/* Mach 2.5's numbers in their Mach 3 places */
static mach_error_t
do_compat(mach_error_t err)
{
	if (err > -200 && err <= -100)
		return -(err + 100) | err_ipc | err_sub(0);
	if (err > -300 && err <= -200)
		return -(err + 200) | err_ipc | err_sub(1);
	if (err > -400 && err <= -300)
		return -(err + 300) | err_mach_ipc | err_sub(2);
	return err;
}

/* the system err belongs to, NULL if there is no table for it */
static const struct error_system *
system_of(mach_error_t err)
{
	unsigned sys = (unsigned)err_get_system(err);

	if (sys >= N(systems) || systems[sys].subs == NULL)
		return NULL;
	return &systems[sys];
}

/* the text; *diag: not a code of its table (mach_error adds the number) */
static const char *
error_string(mach_error_t err, int *diag)
{
	const struct error_system *sys;
	const struct error_subsystem *sub;
	unsigned s, code;

	err = do_compat(err);
	*diag = 1;
	if ((sys = system_of(err)) == NULL)
		return UNKNOWN_SYSTEM;
	s = (unsigned)err_get_sub(err);
	if (s >= sys->nsubs)
		return sys->bad_sub;
	sub = &sys->subs[s];
	code = (unsigned)err_get_code(err);
	if (code >= sub->ncodes)
		return NO_SUCH_ERROR;
	*diag = 0;
	return sub->codes[code];
}

char *
mach_error_string(mach_error_t error_value)
{
	int diag;

	return (char *)error_string(error_value, &diag);
}

char *
mach_error_type(mach_error_t error_value)
{
	mach_error_t err = do_compat(error_value);
	const struct error_system *sys = system_of(err);
	unsigned s = (unsigned)err_get_sub(err);

	if (sys == NULL || s >= sys->nsubs)
		return (char *)UNKNOWN_TYPE;
	return (char *)sys->subs[s].name;
}

void
mach_error(const char *str, mach_error_t error_value)
{
	int diag;
	const char *s = error_string(error_value, &diag);

	if (diag)
		fprintf(stderr, "%s %s %s (%x)\n", str, mach_error_type(error_value),
		    s, (unsigned)error_value);
	else
		fprintf(stderr, "%s %s\n", str, s);
}
