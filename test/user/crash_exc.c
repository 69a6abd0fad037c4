/*
 * test/user/crash_exc.c - a task whose exception handler does not let
 * it carry on, chosen by argv[1] (test/ktest/exception.c runs it; utest=
 * does not):
 *
 *	fail	the handler thread replies KERN_FAILURE to the NULL load's
 *		message: nobody else handles it, the task ends with
 *		EXC_BAD_ACCESS
 *	hold	the handler keeps the message and waits for ever: the kernel
 *		test terminates the task while the faulting thread waits
 *	die	the handler takes the message, then an ebreak nobody handles
 *		ends the task (EXC_BREAKPOINT) under the waiting thread
 *	guard	mach_port_destroy of a guarded port: EXC_GUARD, for which
 *		there is no handler, ends the task on the call's way out
 *
 * Returning from main is the failure: the load was not supposed to end.
 */
#include <stdio.h>
#include <string.h>

#include <mach/exc.h>
#include <mach/mach_exc.h>
#include <mach/mach_init.h>
#include <mach/mach_port.h>
#include <mach/message.h>
#include <mach/mig_errors.h>
#include <mach/rvmach_debug.h>
#include <mach/task.h>

static mach_port_t exc_port;
static const char *mode = "";
static char handler_stack[8192] __attribute__((aligned(16)));

static void
handler(void *arg)
{
	struct {
		union __RequestUnion__mach_exc_subsystem r;
		mach_msg_max_trailer_t trailer;
	} m;
	mach_msg_header_t *h = (mach_msg_header_t *)&m;
	mig_reply_error_t reply;
	mach_port_t never;

	(void)arg;
	memset(&m, 0, sizeof(m));
	if (mach_msg(h, MACH_RCV_MSG, 0, sizeof(m), exc_port, 0,
	    MACH_PORT_NULL) != MACH_MSG_SUCCESS)
		rvmach_thread_exit();
	printf("crash_exc: handler got message %d\n", h->msgh_id);
	fflush(stdout);
	if (strcmp(mode, "fail") == 0) {
		memset(&reply, 0, sizeof(reply));
		reply.Head.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MOVE_SEND_ONCE, 0);
		reply.Head.msgh_size = sizeof(reply);
		reply.Head.msgh_remote_port = h->msgh_remote_port;
		reply.Head.msgh_id = h->msgh_id + 100;
		reply.NDR = NDR_record;
		reply.RetCode = KERN_FAILURE;
		mach_msg(&reply.Head, MACH_SEND_MSG, sizeof(reply), 0,
		    MACH_PORT_NULL, 0, MACH_PORT_NULL);
		rvmach_thread_exit();
	}
	if (strcmp(mode, "die") == 0)
		__asm__ volatile("ebreak");
	/*
	 * hold: keep the reply right and wait on a port nobody sends to, in
	 * bounded waits (an abort that lands just before a wait begins is
	 * missed; the timeout then ends it)
	 */
	mach_port_allocate(mach_task_self(), MACH_PORT_RIGHT_RECEIVE, &never);
	for (;;)
		mach_msg(h, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0, sizeof(m), never,
		    100, MACH_PORT_NULL);
}

int
main(int argc, char **argv)
{
	mach_port_t self = mach_task_self();
	volatile int *null;

	mode = argc > 1 ? argv[1] : "";
	printf("crash_exc: %s\n", mode);
	fflush(stdout);
	if (strcmp(mode, "guard") == 0) {
		mach_port_options_t o;
		mach_port_name_t p;

		memset(&o, 0, sizeof(o));
		o.flags = MPO_CONTEXT_AS_GUARD;
		if (mach_port_construct(self, &o, 0x6a617264, &p) != KERN_SUCCESS)
			return 2;
		mach_port_destroy(self, p);
		printf("crash_exc: the destroy returned\n");
		return 1;
	}
	mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &exc_port);
	mach_port_insert_right(self, exc_port, exc_port, MACH_MSG_TYPE_MAKE_SEND);
	task_set_exception_ports(self, EXC_MASK_BAD_ACCESS, exc_port,
	    EXCEPTION_STATE_IDENTITY | MACH_EXCEPTION_CODES, RISCV_THREAD_STATE);
	if (rvmach_thread_start(handler, NULL, handler_stack,
	    sizeof(handler_stack)) != KERN_SUCCESS)
		return 2;
	/* an address the compiler cannot see is 0 */
	__asm__("li %0, 0" : "=r"(null));
	(void)*null;
	printf("crash_exc: the load returned\n");
	return 1;
}
