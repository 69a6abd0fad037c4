/*
 * test/ktest/exception.c - task/exception*.c: exception ports from the
 * kernel (argument checks, inheritance by a new task, release with it),
 * the user program uexc twice with every counter back at its baseline,
 * and the crash_exc programs: a handler that refuses (the task dies as
 * with no handler), one that holds the message while the task is
 * terminated from outside, one that dies under the waiting thread.
 */
#include <mach/exception_types.h>
#include "kernel/ipc/ipc_kmsg.h"
#include "kernel/ipc/ipc_port.h"
#include "kernel/ipc/ipc_space.h"
#include "kernel/ktest/ktest.h"
#include "kernel/sched/timer.h"
#include "kernel/vm/kalloc.h"
#include "task/exception.h"
#include "task/exec.h"
#include "task/task.h"
#include "test/ktest/vm_util.h"

#define WAIT_SENT_NS	(10 * NSEC_PER_SEC)

/* the IPC counters a program must leave as it found them */
struct exc_baseline {
	struct ipc_space_stats sp;
	struct ipc_port_stats po;
	uint64_t kmsgs, kalloc;
	struct vm_baseline vm;
};

static void
exc_baseline_take(struct exc_baseline *b)
{
	vm_baseline_take(&b->vm);
	ipc_space_get_stats(&b->sp);
	ipc_port_get_stats(&b->po);
	b->kmsgs = ipc_kmsg_alive();
	b->kalloc = kalloc_bytes_in_use();
}

static bool
exc_baseline_same(struct ktest_ctx *kt, const struct exc_baseline *b)
{
	struct exc_baseline now;
	bool vm_same, same;

	/* first: it waits for threads the reaper has still to free */
	vm_same = vm_baseline_same(kt, &b->vm);
	ipc_space_get_stats(&now.sp);
	ipc_port_get_stats(&now.po);
	now.kmsgs = ipc_kmsg_alive();
	now.kalloc = kalloc_bytes_in_use();
	same = now.sp.spaces == b->sp.spaces && now.sp.entries == b->sp.entries &&
	    now.po.ports == b->po.ports && now.po.dnrequests == b->po.dnrequests &&
	    now.kmsgs == b->kmsgs && now.kalloc == b->kalloc;
	if (!same)
		ktest_log(kt, "spaces %lu/%lu entries %lu/%lu ports %lu/%lu "
		    "dnreqs %lu/%lu kmsgs %lu/%lu kalloc %lu/%lu",
		    now.sp.spaces, b->sp.spaces, now.sp.entries, b->sp.entries,
		    now.po.ports, b->po.ports, now.po.dnrequests, b->po.dnrequests,
		    now.kmsgs, b->kmsgs, now.kalloc, b->kalloc);
	return vm_same && same;
}

/* crash_exc with mode; NULL (logged) if it cannot start */
static task_t
spawn_crash_exc(struct ktest_ctx *kt, const char *mode)
{
	const char *argv[] = { "crash_exc", mode, NULL }, *envp[] = { NULL };
	const char *why = NULL;
	task_t t = NULL;

	if (task_spawn_initrd_flags("test/crash_exc", argv, envp,
	    SPAWN_CONSOLE_DIAG, &t, &why) != KERN_SUCCESS) {
		ktest_log(kt, "cannot start crash_exc: %s", why);
		return NULL;
	}
	return t;
}

static int
run_crash_exc(struct ktest_ctx *kt, const char *mode)
{
	task_t t = spawn_crash_exc(kt, mode);
	int status;

	if (t == NULL)
		return -1;
	status = task_wait_exit(t);
	task_deallocate(t);
	return status;
}

/* a port the test holds the receive right of, and a send right to it */
static ipc_port_t
test_port(ipc_port_t *sright)
{
	ipc_port_t port;

	if (ipc_port_create(&port) != KERN_SUCCESS)
		return IP_NULL;
	*sright = ipc_port_make_send(port);
	return port;
}

static uint32_t
srights(ipc_port_t port)
{
	uint32_t n;

	ip_lock(port);
	n = port->ip_srights;
	ip_unlock(port);
	return n;
}

KTEST(exception, ports_checked_inherited_released)
{
	struct exception_ports_info info;
	struct exc_baseline base;
	ipc_port_t port, sright;
	task_t t, c;

	exc_baseline_take(&base);
	KT_ASSERT_NOT_NULL(t = kt_task());
	KT_ASSERT_NOT_NULL(port = test_port(&sright));
	KT_EXPECT_EQ(task_set_exception_ports(kernel_task, EXC_MASK_ALL, IP_NULL,
	    EXCEPTION_DEFAULT, 0), KERN_INVALID_ARGUMENT);
	KT_EXPECT_EQ(thread_set_exception_ports(current_thread(), EXC_MASK_ALL,
	    IP_NULL, EXCEPTION_DEFAULT, 0), KERN_INVALID_ARGUMENT);
	/* a refused call still consumes the right it was given */
	KT_EXPECT_EQ(task_set_exception_ports(t, EXC_MASK_ALL | 1,
	    ipc_port_copy_send(sright), EXCEPTION_DEFAULT, 0),
	    KERN_INVALID_ARGUMENT);
	KT_EXPECT_EQ(srights(port), 1);
	KT_EXPECT_EQ(task_set_exception_ports(t, EXC_MASK_BAD_ACCESS, sright,
	    EXCEPTION_STATE | MACH_EXCEPTION_CODES, RISCV_THREAD_STATE),
	    KERN_SUCCESS);
	KT_EXPECT_EQ(srights(port), 1);		/* the task's; ours consumed */

	/* a new task starts with a copy of its parent's */
	KT_ASSERT_EQ(task_create_internal(t, true, &c), KERN_SUCCESS);
	KT_EXPECT_EQ(srights(port), 2);
	info.count = EXC_TYPES_COUNT;
	KT_EXPECT_EQ(task_get_exception_ports(c, EXC_MASK_BAD_ACCESS |
	    EXC_MASK_BREAKPOINT, &info), KERN_SUCCESS);
	KT_EXPECT_EQ(info.count, 2);
	KT_EXPECT_EQ(info.masks[0], EXC_MASK_BAD_ACCESS);
	KT_EXPECT(info.ports[0] == port);
	KT_EXPECT_EQ(info.behaviors[0], EXCEPTION_STATE | MACH_EXCEPTION_CODES);
	KT_EXPECT_EQ(info.flavors[0], RISCV_THREAD_STATE);
	KT_EXPECT(info.ports[1] == IP_NULL);
	KT_EXPECT_EQ(srights(port), 3);
	exception_ports_info_release(&info);

	/* each task's right goes with it */
	kt_task_end(c);
	KT_EXPECT_EQ(srights(port), 1);
	kt_task_end(t);
	KT_EXPECT_EQ(srights(port), 0);
	ipc_port_dealloc_kernel(port);
	KT_EXPECT(exc_baseline_same(kt, &base));
}

/* the user program, twice: the second run leaves nothing behind */
KTEST(exception, user_program_back_to_baseline)
{
	struct exception_stats before, after;
	struct exc_baseline base;
	task_t t;

	if (!kt_have_initrd())
		KT_SKIP("no initrd (boot with -initrd build/user/initrd.cpio)");
	KT_ASSERT_NOT_NULL(t = kt_spawn(kt, "test/uexc"));
	KT_EXPECT_EQ(task_wait_exit(t), 0);
	task_deallocate(t);
	exc_baseline_take(&base);
	exception_get_stats(&before);
	KT_ASSERT_NOT_NULL(t = kt_spawn(kt, "test/uexc"));
	KT_EXPECT_EQ(task_wait_exit(t), 0);
	task_deallocate(t);
	exception_get_stats(&after);
	KT_EXPECT(exc_baseline_same(kt, &base));
	/* its 11 faults all handled somewhere, two refused on the way */
	KT_EXPECT_EQ(after.raised - before.raised, 11);
	KT_EXPECT_EQ(after.handled - before.handled, after.raised - before.raised);
	KT_EXPECT_EQ(after.refused - before.refused, 2);
	KT_EXPECT_EQ(after.unhandled, before.unhandled);
}

/* KERN_FAILURE from the only handler: the task dies as with none */
KTEST(exception, handler_refuses_task_terminated)
{
	struct exception_stats before, after;
	struct exc_baseline base;

	if (!kt_have_initrd())
		KT_SKIP("no initrd");
	KT_EXPECT_EQ(run_crash_exc(kt, "fail"), 128 + EXC_BAD_ACCESS);
	exc_baseline_take(&base);
	exception_get_stats(&before);
	KT_EXPECT_EQ(run_crash_exc(kt, "fail"), 128 + EXC_BAD_ACCESS);
	exception_get_stats(&after);
	KT_EXPECT_EQ(after.raised - before.raised, 1);
	KT_EXPECT_EQ(after.refused - before.refused, 1);
	KT_EXPECT_EQ(after.unhandled - before.unhandled, 1);
	KT_EXPECT(exc_baseline_same(kt, &base));
}

/*
 * a port guard violation nobody handles (crash_exc guard: mach_port_destroy
 * of a guarded port, EXC_GUARD raised on the way out of the call): the
 * task ends with EXC_GUARD, as XNU's fatal guard exceptions end it
 */
KTEST(exception, guard_violation_unhandled_ends_the_task)
{
	struct exception_stats before, after;
	struct exc_baseline base;

	if (!kt_have_initrd())
		KT_SKIP("no initrd");
	KT_EXPECT_EQ(run_crash_exc(kt, "guard"), 128 + EXC_GUARD);
	exc_baseline_take(&base);
	exception_get_stats(&before);
	KT_EXPECT_EQ(run_crash_exc(kt, "guard"), 128 + EXC_GUARD);
	exception_get_stats(&after);
	KT_EXPECT_EQ(after.raised - before.raised, 1);
	KT_EXPECT_EQ(after.unhandled - before.unhandled, 1);
	KT_EXPECT(exc_baseline_same(kt, &base));
}

/* terminated from outside while its faulting thread waits for a reply */
KTEST(exception, terminate_while_handler_holds_it)
{
	struct exception_stats before, now;
	struct exc_baseline base;
	uint64_t deadline;
	task_t t;

	if (!kt_have_initrd())
		KT_SKIP("no initrd");
	for (int run = 0; run < 2; run++) {
		if (run == 1)
			exc_baseline_take(&base);
		exception_get_stats(&before);
		KT_ASSERT_NOT_NULL(t = spawn_crash_exc(kt, "hold"));
		deadline = nanotime() + WAIT_SENT_NS;
		do {
			thread_sleep_ns(NSEC_PER_MSEC);
			exception_get_stats(&now);
		} while (now.sent == before.sent && nanotime() < deadline);
		KT_EXPECT(now.sent > before.sent);
		/* time for the handler to take it off its port */
		thread_sleep_ns(50 * NSEC_PER_MSEC);
		KT_EXPECT_EQ(task_terminate(t), KERN_SUCCESS);
		KT_EXPECT_EQ(task_wait_exit(t), 0);
		task_deallocate(t);
	}
	KT_EXPECT(exc_baseline_same(kt, &base));
}

/* the handler's own exception ends the task under the waiting thread */
KTEST(exception, handler_dies_while_thread_waits)
{
	struct exc_baseline base;

	if (!kt_have_initrd())
		KT_SKIP("no initrd");
	KT_EXPECT_EQ(run_crash_exc(kt, "die"), 128 + EXC_BREAKPOINT);
	exc_baseline_take(&base);
	KT_EXPECT_EQ(run_crash_exc(kt, "die"), 128 + EXC_BREAKPOINT);
	KT_EXPECT(exc_baseline_same(kt, &base));
}
