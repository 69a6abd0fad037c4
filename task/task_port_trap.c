/*
 * task/task_port_trap.c - calls on a task, thread or host port the
 * caller names, so that one task manages another: tasks (create,
 * terminate, suspend, resume, threads, info, special ports), threads
 * (create, terminate, suspend, resume, abort, state, info), memory (read,
 * write, copy, region, inherit) and the host (info).
 *
 * XNU makes these MIG routines on the object's port; here each is a trap
 * of rvmach's own (RVMACH_TRAP_*, <mach/syscall_sw.h>, docs/abi.md) whose
 * libmach wrapper has XNU's prototype, and some are served as messages
 * too (task_server.c), through the *_stopped functions here.  A name that is not a send right
 * to a live port of the right kind is MACH_SEND_INVALID_DEST, what the
 * MIG call's mach_msg returns.  Every pointer is checked (a result's
 * place written before anything is made: KERN_INVALID_ADDRESS), every
 * flavor and count (KERN_INVALID_ARGUMENT), before the call changes
 * anything; a right, thread, task or mapping made for a result whose
 * last copyout still fails (another thread unmapped it meanwhile) is
 * taken back.
 */
#include <mach/host_info.h>
#include <mach/rvmach_vm.h>
#include <mach/riscv/thread_status.h>
#include <mach/riscv/vm_param.h>
#include <mach/task_info.h>
#include <mach/thread_info.h>
#include <mach/thread_special_ports.h>
#include <mach/vm_region.h>
#include "kernel/copyio.h"
#include "kernel/cpu.h"
#include "kernel/ipc/ipc_port.h"
#include "kernel/ipc/mach_port.h"
#include "kernel/lib/string.h"
#include "kernel/panic.h"
#include "kernel/sched/timer.h"
#include "kernel/vm/kalloc.h"
#include "kernel/vm/vm_page.h"
#include "kernel/vm/vm_user.h"
#include "task/task.h"
#include "task/task_trap.h"

#define STOP_POLL_NS	(100 * NSEC_PER_USEC)	/* thread_wait_stopped */
#define ZERO_CHUNK	256

/* room for any thread state flavor */
union thread_state_buf {
	struct riscv_thread_state ts;
	struct riscv_float_state fs;
	natural_t words[THREAD_STATE_MAX];
};

/* the result's place must be writable before anything is made */
kern_return_t
probe_out(vaddr_t uaddr, size_t len)
{
	static const uint8_t zero[ZERO_CHUNK];

	while (len > 0) {
		size_t n = MIN(len, sizeof(zero));

		if (copyout(zero, uaddr, n) != KERN_SUCCESS)
			return KERN_INVALID_ADDRESS;
		uaddr += n;
		len -= n;
	}
	return KERN_SUCCESS;
}

static kern_return_t
u32_in(vaddr_t uaddr, uint32_t *v)
{
	return copyin(uaddr, v, sizeof(*v)) == KERN_SUCCESS ? KERN_SUCCESS :
	    KERN_INVALID_ADDRESS;
}

static kern_return_t
u32_out(uint32_t v, vaddr_t uaddr)
{
	return copyout(&v, uaddr, sizeof(v)) == KERN_SUCCESS ? KERN_SUCCESS :
	    KERN_INVALID_ADDRESS;
}

/* give back a name made for a result that could not be returned */
static void
name_undo(mach_port_name_t name)
{
	if (MACH_PORT_VALID(name))
		mach_port_deallocate(current_space(), name);
}

kern_return_t
right_out(ipc_port_t sright, vaddr_t uaddr)
{
	bool valid = IP_VALID(sright);
	mach_port_name_t name = ipc_port_copyout_send(sright, current_space());

	if (valid && name == MACH_PORT_NULL)
		return KERN_RESOURCE_SHORTAGE;
	if (u32_out(name, uaddr) != KERN_SUCCESS) {
		name_undo(name);
		return KERN_INVALID_ADDRESS;
	}
	return KERN_SUCCESS;
}

/*
 * wait until th has stopped: never started, terminated, or blocked in the
 * kernel and off its hart (XNU's thread_wait(thread, FALSE)).  A thread
 * asked to stop goes no further than its next way out of the kernel, so
 * once this returns it runs no user code.  Gives up if the caller is being
 * terminated itself (two threads suspending each other both return: each
 * sees the other asleep here).
 */
static void
thread_wait_stopped(thread_t th)
{
	thread_t self = current_thread();

	if (th == self)
		return;
	for (;;) {
		int s = thread_state(th);

		if (!thread_started(th) || (s & TH_TERMINATE) ||
		    ((s & (TH_WAIT | TH_RUN)) == TH_WAIT && !thread_oncpu(th)))
			return;
		if (__atomic_load_n(thread_ast_ptr(self), __ATOMIC_ACQUIRE) & AST_ABORT)
			return;
		thread_sleep_ns(STOP_POLL_NS);
	}
}

/* references to every thread of a task, in a kalloc'd array */
/* take snap of t's threads; KERN_RESOURCE_SHORTAGE (snap empty then) */
kern_return_t
threads_snapshot(task_t t, struct thread_snapshot *snap)
{
	uint32_t n;

	snap->list = NULL;
	snap->n = snap->max = 0;
	for (;;) {
		task_threads_list(t, snap->list, snap->max, &n);
		if (n <= snap->max)
			break;
		for (uint32_t i = 0; i < snap->max; i++)
			thread_deallocate(snap->list[i]);
		if (snap->list != NULL)
			kfree(snap->list, snap->max * sizeof(thread_t));
		snap->max = n + 4;		/* room for a few more meanwhile */
		if ((snap->list = kalloc(snap->max * sizeof(thread_t))) == NULL) {
			snap->max = 0;
			return KERN_RESOURCE_SHORTAGE;
		}
	}
	snap->n = n;
	return KERN_SUCCESS;
}

void
threads_snapshot_free(struct thread_snapshot *snap)
{
	for (uint32_t i = 0; i < snap->n; i++)
		thread_deallocate(snap->list[i]);
	if (snap->list != NULL)
		kfree(snap->list, snap->max * sizeof(thread_t));
	snap->list = NULL;
	snap->n = snap->max = 0;
}

/* after task_suspend: every thread of t but the caller stopped (XNU's task_wait) */
static void
task_wait_stopped(task_t t)
{
	struct thread_snapshot snap;

	if (threads_snapshot(t, &snap) != KERN_SUCCESS)
		return;			/* no memory to wait with: do not wait */
	for (uint32_t i = 0; i < snap.n; i++)
		thread_wait_stopped(snap.list[i]);
	threads_snapshot_free(&snap);
}

/* ------------------------------------------------------------------ */
/* tasks */

/* task_create(parent, ledgers *, ledgersCnt, inherit_memory, child *) */
uint64_t
trap_task_create(const uint64_t a[USERTRAP_NARGS])
{
	task_t parent = port_name_to_task((mach_port_name_t)a[0]), child;
	kern_return_t kr;

	if (parent == TASK_NULL)
		return MACH_SEND_INVALID_DEST;
	/* the ledgers are ignored, as XNU ignored them */
	kr = probe_out(a[4], sizeof(mach_port_name_t));
	if (kr == KERN_SUCCESS)
		kr = task_create_internal(parent, (uint32_t)a[3] != 0, &child);
	task_deallocate(parent);
	if (kr != KERN_SUCCESS)
		return kr;
	/* no thread keeps it: it keeps itself until terminated */
	task_hold_alive(child);
	kr = right_out(task_port_make_send(child), a[4]);
	if (kr != KERN_SUCCESS)
		task_terminate(child);
	task_deallocate(child);
	return kr;
}

uint64_t
trap_task_terminate(const uint64_t a[USERTRAP_NARGS])
{
	task_t t = port_name_to_task((mach_port_name_t)a[0]);
	kern_return_t kr;

	if (t == TASK_NULL)
		return MACH_SEND_INVALID_DEST;
	if (t == current_task()) {
		task_deallocate(t);	/* our threads hold it */
		task_terminate(t);	/* does not return */
	}
	kr = task_terminate(t);
	task_deallocate(t);
	return kr;
}

/*
 * task_suspend(task): returns once every thread but the caller has
 * stopped (the caller, if it is one of them, stops on its way out)
 */
kern_return_t
task_suspend_stopped(task_t t)
{
	kern_return_t kr = task_suspend(t);

	if (kr == KERN_SUCCESS)
		task_wait_stopped(t);
	return kr;
}

uint64_t
trap_task_suspend(const uint64_t a[USERTRAP_NARGS])
{
	task_t t = port_name_to_task((mach_port_name_t)a[0]);
	kern_return_t kr;

	if (t == TASK_NULL)
		return MACH_SEND_INVALID_DEST;
	kr = task_suspend_stopped(t);
	task_deallocate(t);
	return kr;
}

uint64_t
trap_task_resume(const uint64_t a[USERTRAP_NARGS])
{
	task_t t = port_name_to_task((mach_port_name_t)a[0]);
	kern_return_t kr;

	if (t == TASK_NULL)
		return MACH_SEND_INVALID_DEST;
	kr = task_resume(t);
	task_deallocate(t);
	return kr;
}

/* take back names[0..n) */
void
names_undo(const mach_port_name_t *names, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++)
		name_undo(names[i]);
}

/*
 * send rights to list[0..n) as names in the caller's space, into names;
 * on an error the names made are taken back.  KERN_RESOURCE_SHORTAGE.
 */
kern_return_t
thread_names_make(thread_t *list, uint32_t n, mach_port_name_t *names)
{
	for (uint32_t i = 0; i < n; i++) {
		ipc_port_t port = thread_port_make_send(list[i]);

		/* a thread leaving meanwhile gives MACH_PORT_DEAD, as its port */
		names[i] = port != IP_NULL ?
		    ipc_port_copyout_send(port, current_space()) : MACH_PORT_NULL;
		if (names[i] == MACH_PORT_NULL) {
			names_undo(names, i);
			return KERN_RESOURCE_SHORTAGE;
		}
	}
	return KERN_SUCCESS;
}

/*
 * task_threads(task, names *, max, count *): *count gets how many threads
 * the task has; if that is at most max, names[0..count) get send rights
 * to them (otherwise the wrapper makes room and calls again)
 */
uint64_t
trap_task_threads(const uint64_t a[USERTRAP_NARGS])
{
	task_t t = port_name_to_task((mach_port_name_t)a[0]);
	uint32_t max = (uint32_t)a[2];
	struct thread_snapshot snap = { NULL, 0, 0 };
	mach_port_name_t *names = NULL;
	size_t bytes = 0;
	kern_return_t kr;

	if (t == TASK_NULL)
		return MACH_SEND_INVALID_DEST;
	kr = probe_out(a[3], sizeof(uint32_t));
	if (kr == KERN_SUCCESS)
		kr = threads_snapshot(t, &snap);
	if (kr != KERN_SUCCESS)
		goto out;
	if (snap.n == 0 || snap.n > max) {
		kr = u32_out(snap.n, a[3]);	/* the count alone */
		goto out;
	}
	bytes = snap.n * sizeof(*names);
	if ((kr = probe_out(a[1], bytes)) != KERN_SUCCESS)
		goto out;
	if ((names = kalloc(bytes)) == NULL) {
		kr = KERN_RESOURCE_SHORTAGE;
		goto out;
	}
	kr = thread_names_make(snap.list, snap.n, names);
	if (kr == KERN_SUCCESS && (copyout(names, a[1], bytes) != KERN_SUCCESS ||
	    u32_out(snap.n, a[3]) != KERN_SUCCESS)) {
		names_undo(names, snap.n);
		kr = KERN_INVALID_ADDRESS;
	}
	kfree(names, bytes);
out:
	threads_snapshot_free(&snap);
	task_deallocate(t);
	return kr;
}

/* ns as XNU's time_value_t */
static time_value_t
ns_to_time_value(uint64_t ns)
{
	time_value_t tv;

	tv.seconds = (integer_t)(ns / NSEC_PER_SEC);
	tv.microseconds = (integer_t)(ns % NSEC_PER_SEC / NSEC_PER_USEC);
	return tv;
}

kern_return_t
task_info_fill(task_t t, task_flavor_t flavor, natural_t *out, uint32_t *countp)
{
	union {
		struct task_basic_info_64 b64;
		struct mach_task_basic_info mach;
		struct task_thread_times_info times;
		struct task_absolutetime_info abs;
	} info;
	struct task_basic_info_rv rv;
	struct task_times tt;
	uint32_t need;

	switch (flavor) {
	case TASK_BASIC_INFO_64:
		need = TASK_BASIC_INFO_64_COUNT;
		break;
	case MACH_TASK_BASIC_INFO:
		need = MACH_TASK_BASIC_INFO_COUNT;
		break;
	case TASK_THREAD_TIMES_INFO:
		need = TASK_THREAD_TIMES_INFO_COUNT;
		break;
	case TASK_ABSOLUTETIME_INFO:
		need = TASK_ABSOLUTETIME_INFO_COUNT;
		break;
	default:
		return KERN_INVALID_ARGUMENT;
	}
	if (*countp < need)
		return KERN_INVALID_ARGUMENT;
	memset(&info, 0, sizeof(info));
	task_times(t, &tt);
	switch (flavor) {
	case TASK_BASIC_INFO_64:
		task_info_basic(t, &rv);
		info.b64.suspend_count = rv.suspend_count;
		info.b64.virtual_size = rv.virtual_size;
		info.b64.resident_size = rv.resident_size;
		/* as XNU: the times of the threads that ended */
		info.b64.user_time = ns_to_time_value(tt.dead_user);
		info.b64.system_time = ns_to_time_value(tt.dead_system);
		info.b64.policy = POLICY_TIMESHARE;
		break;
	case MACH_TASK_BASIC_INFO:
		task_info_basic(t, &rv);
		info.mach.virtual_size = rv.virtual_size;
		info.mach.resident_size = rv.resident_size;
		info.mach.resident_size_max = rv.resident_size;
		info.mach.user_time = ns_to_time_value(tt.dead_user);
		info.mach.system_time = ns_to_time_value(tt.dead_system);
		info.mach.policy = POLICY_TIMESHARE;
		info.mach.suspend_count = rv.suspend_count;
		break;
	case TASK_THREAD_TIMES_INFO:
		info.times.user_time = ns_to_time_value(tt.live_user);
		info.times.system_time = ns_to_time_value(tt.live_system);
		break;
	default:			/* TASK_ABSOLUTETIME_INFO */
		info.abs.total_user = ns_to_ticks(tt.dead_user + tt.live_user);
		info.abs.total_system = ns_to_ticks(tt.dead_system +
		    tt.live_system);
		info.abs.threads_user = ns_to_ticks(tt.live_user);
		info.abs.threads_system = ns_to_ticks(tt.live_system);
		break;
	}
	memcpy(out, &info, need * sizeof(natural_t));
	*countp = need;
	return KERN_SUCCESS;
}

/* task_info(task, flavor, info *, count *) */
uint64_t
trap_task_info(const uint64_t a[USERTRAP_NARGS])
{
	task_t t = port_name_to_task((mach_port_name_t)a[0]);
	natural_t info[TASK_INFO_FILL_MAX];
	uint32_t count;
	kern_return_t kr;

	if (t == TASK_NULL)
		return MACH_SEND_INVALID_DEST;
	kr = u32_in(a[3], &count);
	if (kr == KERN_SUCCESS)
		kr = task_info_fill(t, (task_flavor_t)a[1], info, &count);
	if (kr == KERN_SUCCESS &&
	    (copyout(info, a[2], count * sizeof(natural_t)) != KERN_SUCCESS ||
	    u32_out(count, a[3]) != KERN_SUCCESS))
		kr = KERN_INVALID_ADDRESS;
	task_deallocate(t);
	return kr;
}

/* task_get_special_port(task, which, port *) */
uint64_t
trap_task_get_special_port(const uint64_t a[USERTRAP_NARGS])
{
	task_t t = port_name_to_task((mach_port_name_t)a[0]);
	ipc_port_t port;
	kern_return_t kr;

	if (t == TASK_NULL)
		return MACH_SEND_INVALID_DEST;
	kr = probe_out(a[2], sizeof(mach_port_name_t));
	if (kr == KERN_SUCCESS)
		kr = task_get_special_port(t, (int)a[1], &port);
	if (kr == KERN_SUCCESS)
		kr = right_out(port, a[2]);
	task_deallocate(t);
	return kr;
}

/*
 * task_set_special_port(task, which, port): port is a send right the
 * caller keeps (MIG's COPY_SEND); a name that is none is
 * MACH_SEND_INVALID_RIGHT, as the MIG message would get
 */
uint64_t
trap_task_set_special_port(const uint64_t a[USERTRAP_NARGS])
{
	task_t t = port_name_to_task((mach_port_name_t)a[0]);
	ipc_port_t port;
	kern_return_t kr;

	if (t == TASK_NULL)
		return MACH_SEND_INVALID_DEST;
	if (ipc_port_copyin_send(current_space(), (mach_port_name_t)a[2],
	    &port) != KERN_SUCCESS) {
		kr = MACH_SEND_INVALID_RIGHT;
	} else {
		kr = task_set_special_port(t, (int)a[1], port);
		if (kr != KERN_SUCCESS)
			ipc_port_release_send(port);
	}
	task_deallocate(t);
	return kr;
}

/* ------------------------------------------------------------------ */
/* threads */

/* is (flavor, count) a state the machine takes?  count in natural_t */
static bool
state_flavor_ok(int flavor, uint32_t count)
{
	switch (flavor) {
	case RISCV_THREAD_STATE:
		return count >= RISCV_THREAD_STATE_COUNT;
	case RISCV_FLOAT_STATE:
		return count >= RISCV_FLOAT_STATE_COUNT;
	default:
		return false;
	}
}

/*
 * th (never started, a reference) as a name at uaddr; on failure th is
 * terminated before it runs and the name taken back
 */
static kern_return_t
new_thread_out(thread_t th, vaddr_t uaddr)
{
	kern_return_t kr = right_out(thread_port_make_send(th), uaddr);

	if (kr != KERN_SUCCESS)
		thread_terminate(th);
	return kr;
}

/* thread_create(task, thread *): a suspended thread with zero registers */
uint64_t
trap_thread_create_suspended(const uint64_t a[USERTRAP_NARGS])
{
	task_t t = port_name_to_task((mach_port_name_t)a[0]);
	thread_t th;
	kern_return_t kr;

	if (t == TASK_NULL)
		return MACH_SEND_INVALID_DEST;
	kr = probe_out(a[1], sizeof(mach_port_name_t));
	if (kr == KERN_SUCCESS)
		kr = thread_create_user(t, &th);
	task_deallocate(t);		/* the thread holds its task */
	if (kr != KERN_SUCCESS)
		return kr;
	kr = new_thread_out(th, a[1]);
	thread_deallocate(th);
	return kr;
}

/* thread_create_running(task, flavor, state *, count, thread *) */
uint64_t
trap_thread_create_running(const uint64_t a[USERTRAP_NARGS])
{
	task_t t = port_name_to_task((mach_port_name_t)a[0]);
	int flavor = (int)a[1];
	uint32_t count = (uint32_t)a[3];
	union thread_state_buf buf;
	thread_t th;
	kern_return_t kr;

	if (t == TASK_NULL)
		return MACH_SEND_INVALID_DEST;
	count = MIN(count, (uint32_t)THREAD_STATE_MAX);
	if (!state_flavor_ok(flavor, count))
		kr = KERN_INVALID_ARGUMENT;
	else if (copyin(a[2], &buf, count * sizeof(natural_t)) != KERN_SUCCESS)
		kr = KERN_INVALID_ADDRESS;
	else
		kr = probe_out(a[4], sizeof(mach_port_name_t));
	if (kr == KERN_SUCCESS)
		kr = thread_create_user(t, &th);
	task_deallocate(t);
	if (kr != KERN_SUCCESS)
		return kr;
	kr = thread_set_state(th, flavor, &buf, count);
	KASSERT(kr == KERN_SUCCESS);		/* checked above; it never ran */
	kr = new_thread_out(th, a[4]);
	if (kr == KERN_SUCCESS)
		thread_resume(th);
	thread_deallocate(th);
	return kr;
}

/* has th begun to leave?  t is th's task (a reference held) */
static bool
thread_exiting(task_t t, thread_t th)
{
	bool exiting;

	spin_lock(&t->lock);
	exiting = thread_exiting_locked(th);
	spin_unlock(&t->lock);
	return exiting;
}

/* thread_terminate(thread): returns once it has stopped (XNU) */
uint64_t
trap_thread_terminate(const uint64_t a[USERTRAP_NARGS])
{
	thread_t th = port_name_to_thread((mach_port_name_t)a[0]);
	kern_return_t kr;

	if (th == THREAD_NULL)
		return MACH_SEND_INVALID_DEST;
	if (th == current_thread()) {
		thread_port_done(th);	/* the thread holds itself and its task */
		thread_terminate(th);	/* does not return */
	}
	kr = thread_terminate_stopped(th);
	thread_port_done(th);
	return kr;
}

kern_return_t
thread_terminate_stopped(thread_t th)
{
	kern_return_t kr;

	if (thread_exiting(thread_task(th), th))
		return KERN_TERMINATED;
	kr = thread_terminate(th);
	if (kr == KERN_SUCCESS)
		thread_wait_stopped(th);
	return kr;
}

/* thread_suspend(thread): returns once it has stopped (XNU) */
uint64_t
trap_thread_suspend(const uint64_t a[USERTRAP_NARGS])
{
	thread_t th = port_name_to_thread((mach_port_name_t)a[0]);
	kern_return_t kr;

	if (th == THREAD_NULL)
		return MACH_SEND_INVALID_DEST;
	kr = thread_suspend_stopped(th);
	thread_port_done(th);
	return kr;
}

kern_return_t
thread_suspend_stopped(thread_t th)
{
	kern_return_t kr = thread_suspend(th);

	if (kr == KERN_SUCCESS)
		thread_wait_stopped(th);
	return kr;
}

uint64_t
trap_thread_resume(const uint64_t a[USERTRAP_NARGS])
{
	thread_t th = port_name_to_thread((mach_port_name_t)a[0]);
	kern_return_t kr;

	if (th == THREAD_NULL)
		return MACH_SEND_INVALID_DEST;
	kr = thread_resume(th);
	thread_port_done(th);
	return kr;
}

/*
 * thread_abort(thread): an interruptible wait it is in ends at once
 * (mach_msg: MACH_SEND_INTERRUPTED / MACH_RCV_INTERRUPTED); a thread not
 * waiting is not affected (docs/abi.md: XNU keeps the abort pending)
 */
uint64_t
trap_thread_abort(const uint64_t a[USERTRAP_NARGS])
{
	thread_t th = port_name_to_thread((mach_port_name_t)a[0]);
	kern_return_t kr;

	if (th == THREAD_NULL)
		return MACH_SEND_INVALID_DEST;
	kr = thread_abort_wait(th);
	thread_port_done(th);
	return kr;
}

/* thread_abort_safely(thread): every wait a trap makes may end (docs/abi.md) */
uint64_t
trap_thread_abort_safely(const uint64_t a[USERTRAP_NARGS])
{
	return trap_thread_abort(a);
}

/* thread_get_special_port(thread, which, port *) */
uint64_t
trap_thread_get_special_port(const uint64_t a[USERTRAP_NARGS])
{
	thread_t th = port_name_to_thread((mach_port_name_t)a[0]);
	kern_return_t kr;

	if (th == THREAD_NULL)
		return MACH_SEND_INVALID_DEST;
	kr = probe_out(a[2], sizeof(mach_port_name_t));
	if (kr == KERN_SUCCESS && (int)a[1] != THREAD_KERNEL_PORT)
		kr = KERN_INVALID_ARGUMENT;
	if (kr == KERN_SUCCESS)
		kr = right_out(thread_port_make_send(th), a[2]);
	thread_port_done(th);
	return kr;
}

/* thread_set_special_port(thread, which, port): its own port stays */
uint64_t
trap_thread_set_special_port(const uint64_t a[USERTRAP_NARGS])
{
	thread_t th = port_name_to_thread((mach_port_name_t)a[0]);
	ipc_port_t port;
	kern_return_t kr;

	if (th == THREAD_NULL)
		return MACH_SEND_INVALID_DEST;
	/* the right MIG would copy in first: MACH_SEND_INVALID_RIGHT if none */
	if (ipc_port_copyin_send(current_space(), (mach_port_name_t)a[2],
	    &port) != KERN_SUCCESS) {
		kr = MACH_SEND_INVALID_RIGHT;
	} else {
		kr = (int)a[1] == THREAD_KERNEL_PORT ? KERN_NO_ACCESS :
		    KERN_INVALID_ARGUMENT;
		ipc_port_release_send(port);
	}
	thread_port_done(th);
	return kr;
}

kern_return_t
thread_abort_wait(thread_t th)
{
	if (thread_exiting(thread_task(th), th))
		return KERN_TERMINATED;
	(void)thread_interrupt(th);	/* KERN_NOT_WAITING is fine */
	return KERN_SUCCESS;
}

/*
 * get or set th's state.  Another thread is held stopped meanwhile (as
 * XNU does), so its saved registers are the ones it will resume with;
 * the task lock keeps it from leaving (and its stack from going) during
 * the access.
 */
static kern_return_t
thread_state_access(thread_t th, bool set, int flavor,
    union thread_state_buf *buf, unsigned *count)
{
	task_t t = thread_task(th);
	bool hold = th != current_thread();
	kern_return_t kr;

	if (hold) {
		kr = thread_suspend(th);
		if (kr != KERN_SUCCESS)
			return kr;
		thread_wait_stopped(th);
	}
	spin_lock(&t->lock);
	if (thread_exiting_locked(th))
		kr = KERN_TERMINATED;
	else if (set)
		kr = thread_set_state(th, flavor, buf, *count);
	else
		kr = thread_get_state(th, flavor, buf, count);
	spin_unlock(&t->lock);
	if (hold)
		thread_resume(th);
	return kr;
}

kern_return_t
thread_state_rw(thread_t th, bool set, int flavor, natural_t *state,
    uint32_t *countp)
{
	union thread_state_buf buf;
	unsigned n = MIN(*countp, (uint32_t)THREAD_STATE_MAX);
	kern_return_t kr;

	if (!state_flavor_ok(flavor, n))
		return KERN_INVALID_ARGUMENT;
	if (set)
		memcpy(&buf, state, n * sizeof(natural_t));
	kr = thread_state_access(th, set, flavor, &buf, &n);
	if (kr == KERN_SUCCESS && !set) {
		memcpy(state, &buf, n * sizeof(natural_t));
		*countp = n;
	}
	return kr;
}

/* thread_get_state(thread, flavor, state *, count *) */
uint64_t
trap_thread_get_state(const uint64_t a[USERTRAP_NARGS])
{
	thread_t th = port_name_to_thread((mach_port_name_t)a[0]);
	int flavor = (int)a[1];
	union thread_state_buf buf;
	uint32_t count;
	unsigned n = 0;
	kern_return_t kr;

	if (th == THREAD_NULL)
		return MACH_SEND_INVALID_DEST;
	kr = u32_in(a[3], &count);
	if (kr == KERN_SUCCESS && !state_flavor_ok(flavor, count))
		kr = KERN_INVALID_ARGUMENT;
	if (kr == KERN_SUCCESS) {
		n = MIN(count, (uint32_t)THREAD_STATE_MAX);
		kr = thread_state_access(th, false, flavor, &buf, &n);
	}
	if (kr == KERN_SUCCESS &&
	    (copyout(&buf, a[2], n * sizeof(natural_t)) != KERN_SUCCESS ||
	    u32_out(n, a[3]) != KERN_SUCCESS))
		kr = KERN_INVALID_ADDRESS;
	thread_port_done(th);
	return kr;
}

/* thread_set_state(thread, flavor, state *, count) */
uint64_t
trap_thread_set_state(const uint64_t a[USERTRAP_NARGS])
{
	thread_t th = port_name_to_thread((mach_port_name_t)a[0]);
	int flavor = (int)a[1];
	unsigned n = MIN((uint32_t)a[3], (uint32_t)THREAD_STATE_MAX);
	union thread_state_buf buf;
	kern_return_t kr;

	if (th == THREAD_NULL)
		return MACH_SEND_INVALID_DEST;
	if (!state_flavor_ok(flavor, n))
		kr = KERN_INVALID_ARGUMENT;
	else if (copyin(a[2], &buf, n * sizeof(natural_t)) != KERN_SUCCESS)
		kr = KERN_INVALID_ADDRESS;
	else
		kr = thread_state_access(th, true, flavor, &buf, &n);
	thread_port_done(th);
	return kr;
}

/* XNU's run states from the scheduler's view of th (a snapshot) */
static integer_t
thread_run_state(task_t t, thread_t th, bool exiting)
{
	int s = thread_state(th);

	if (exiting || (s & TH_TERMINATE))
		return TH_STATE_HALTED;
	if (!thread_started(th))
		return TH_STATE_STOPPED;	/* created, never resumed */
	if (s & TH_RUN)
		return TH_STATE_RUNNING;
	if (thread_wait_event(th) == (event_t)&t->suspend_count)
		return TH_STATE_STOPPED;	/* parked by a suspension */
	return thread_wait_interruptible(th) ? TH_STATE_WAITING :
	    TH_STATE_UNINTERRUPTIBLE;
}

kern_return_t
thread_info_fill(thread_t th, thread_flavor_t flavor, natural_t *out,
    uint32_t *countp)
{
	union {
		struct thread_basic_info basic;
		struct thread_identifier_info id;
		struct thread_extended_info ext;
	} info;
	struct thread_task_fields f;
	struct thread_times tt;
	task_t t = thread_task(th);
	integer_t run_state, suspend_count;
	uint32_t need;
	bool exiting;

	switch (flavor) {
	case THREAD_BASIC_INFO:
		need = THREAD_BASIC_INFO_COUNT;
		break;
	case THREAD_IDENTIFIER_INFO:
		need = THREAD_IDENTIFIER_INFO_COUNT;
		break;
	case THREAD_EXTENDED_INFO:
		need = THREAD_EXTENDED_INFO_COUNT;
		break;
	default:
		return KERN_INVALID_ARGUMENT;
	}
	if (*countp < need)
		return KERN_INVALID_ARGUMENT;
	memset(&info, 0, sizeof(info));
	thread_task_fields(th, &f);
	spin_lock(&t->lock);
	suspend_count = *f.suspend_count;
	exiting = thread_exiting_locked(th);
	spin_unlock(&t->lock);
	run_state = thread_run_state(t, th, exiting);
	thread_times(th, &tt);
	switch (flavor) {
	case THREAD_BASIC_INFO:
		info.basic.user_time = ns_to_time_value(tt.user_ns);
		info.basic.system_time = ns_to_time_value(tt.system_ns);
		info.basic.cpu_usage = (integer_t)(tt.usage * TH_USAGE_SCALE /
		    SCHED_USAGE_SCALE);
		info.basic.policy = POLICY_TIMESHARE;
		info.basic.run_state = run_state;
		info.basic.suspend_count = suspend_count;
		break;
	case THREAD_IDENTIFIER_INFO:
		info.id.thread_id = thread_unique_id(th);
		break;
	default:			/* THREAD_EXTENDED_INFO */
		info.ext.pth_user_time = tt.user_ns;
		info.ext.pth_system_time = tt.system_ns;
		info.ext.pth_cpu_usage = (int32_t)(tt.usage * TH_USAGE_SCALE /
		    SCHED_USAGE_SCALE);
		info.ext.pth_policy = POLICY_TIMESHARE;
		info.ext.pth_run_state = run_state;
		info.ext.pth_curpri = thread_priority(th);
		info.ext.pth_priority = thread_policy_base_priority(th);
		info.ext.pth_maxpriority = thread_policy_max_priority(th);
		strlcpy(info.ext.pth_name, thread_name(th),
		    sizeof(info.ext.pth_name));
		break;
	}
	memcpy(out, &info, need * sizeof(natural_t));
	*countp = need;
	return KERN_SUCCESS;
}

/* thread_info(thread, flavor, info *, count *) */
uint64_t
trap_thread_info(const uint64_t a[USERTRAP_NARGS])
{
	thread_t th = port_name_to_thread((mach_port_name_t)a[0]);
	natural_t info[THREAD_INFO_MAX];
	uint32_t count;
	kern_return_t kr;

	if (th == THREAD_NULL)
		return MACH_SEND_INVALID_DEST;
	kr = u32_in(a[3], &count);
	if (kr == KERN_SUCCESS)
		kr = thread_info_fill(th, (thread_flavor_t)a[1], info, &count);
	if (kr == KERN_SUCCESS &&
	    (copyout(info, a[2], count * sizeof(natural_t)) != KERN_SUCCESS ||
	    u32_out(count, a[3]) != KERN_SUCCESS))
		kr = KERN_INVALID_ADDRESS;
	thread_port_done(th);
	return kr;
}

/* ------------------------------------------------------------------ */
/* memory */

/* mach_vm_read(task, addr, size, data *, count *): the copy lands in the caller */
uint64_t
trap_vm_read(const uint64_t a[USERTRAP_NARGS])
{
	task_t t;
	vm_map_t map = trap_target_map(a[0], &t);
	vaddr_t data = 0;
	uint64_t size = a[2], got = 0;
	kern_return_t kr;

	if (map == NULL)
		return MACH_SEND_INVALID_DEST;
	if (size > UINT32_MAX)		/* the count is a mach_msg_type_number_t */
		kr = KERN_INVALID_ARGUMENT;
	else if (probe_out(a[3], sizeof(uint64_t)) != KERN_SUCCESS ||
	    probe_out(a[4], sizeof(uint32_t)) != KERN_SUCCESS)
		kr = KERN_INVALID_ADDRESS;
	else
		kr = vm_read(map, a[1], size, current_map(), &data, &got);
	if (kr == KERN_SUCCESS &&
	    (copyout(&data, a[3], sizeof(data)) != KERN_SUCCESS ||
	    u32_out((uint32_t)got, a[4]) != KERN_SUCCESS)) {
		vm_deallocate(current_map(), data, got);
		kr = KERN_INVALID_ADDRESS;
	}
	trap_target_done(map, t);
	return kr;
}

/* len bytes from from to to, both in the caller's memory, through the kernel */
static kern_return_t
copy_user_to_user(vaddr_t from, vaddr_t to, uint64_t len)
{
	uint8_t buf[512];

	while (len > 0) {
		size_t n = (size_t)MIN(len, sizeof(buf));

		if (copyin(from, buf, n) != KERN_SUCCESS ||
		    copyout(buf, to, n) != KERN_SUCCESS)
			return KERN_INVALID_ADDRESS;
		from += n;
		to += n;
		len -= n;
	}
	return KERN_SUCCESS;
}

/*
 * mach_vm_read_overwrite(task, addr, size, data, outsize *): the task's
 * [addr, addr + size) over the caller's [data, data + size).  Page
 * aligned, it is mach_vm_write the other way (copy-on-write, XNU's
 * overwrite rules for the destination); otherwise a copy-on-write view of
 * the source is mapped in the caller for the call and copied from in
 * pieces, and a destination that cannot be written is
 * KERN_INVALID_ADDRESS.
 */
kern_return_t
vm_read_overwrite_current(vm_map_t map, uint64_t addr, uint64_t size,
    uint64_t data)
{
	uint64_t got = 0;
	vaddr_t view = 0;
	kern_return_t kr;

	if (size != 0 && (data + size < data || data + size > VM_MAX_ADDRESS)) {
		kr = KERN_INVALID_ADDRESS;
	} else if (size == 0) {
		kr = KERN_SUCCESS;
	} else if (IS_ALIGNED(addr | data | size, PAGE_SIZE)) {
		kr = vm_write(current_map(), data, map, addr, size);
	} else {
		kr = vm_read(map, addr, size, current_map(), &view, &got);
		if (kr == KERN_SUCCESS) {
			vaddr_t lo = ROUNDDOWN(view, PAGE_SIZE);

			kr = copy_user_to_user(view, data, size);
			vm_deallocate(current_map(), lo,
			    ROUNDUP(view + size, PAGE_SIZE) - lo);
		}
	}
	return kr;
}

uint64_t
trap_vm_read_overwrite(const uint64_t a[USERTRAP_NARGS])
{
	task_t t;
	vm_map_t map = trap_target_map(a[0], &t);
	uint64_t size = a[2];
	kern_return_t kr;

	if (map == NULL)
		return MACH_SEND_INVALID_DEST;
	if (probe_out(a[4], sizeof(uint64_t)) != KERN_SUCCESS)
		kr = KERN_INVALID_ADDRESS;
	else
		kr = vm_read_overwrite_current(map, a[1], size, a[3]);
	if (kr == KERN_SUCCESS && copyout(&size, a[4], sizeof(size)) != KERN_SUCCESS)
		kr = KERN_INVALID_ADDRESS;
	trap_target_done(map, t);
	return kr;
}

/* mach_vm_write(task, addr, data, count): the caller's data over the task's */
uint64_t
trap_vm_write(const uint64_t a[USERTRAP_NARGS])
{
	task_t t;
	vm_map_t map = trap_target_map(a[0], &t);
	kern_return_t kr;

	if (map == NULL)
		return MACH_SEND_INVALID_DEST;
	kr = vm_write(map, a[1], current_map(), a[2], (uint32_t)a[3]);
	trap_target_done(map, t);
	return kr;
}

/*
 * mach_vm_remap(task, struct rvmach_vm_remap_args *): the block is
 * written back (address and protections); it must be writable before
 * anything is mapped, and a mapping whose result cannot be written is
 * taken back
 */
uint64_t
trap_vm_remap(const uint64_t a[USERTRAP_NARGS])
{
	struct rvmach_vm_remap_args r;
	task_t t, st;
	vm_map_t map, src;
	vaddr_t addr;
	vm_prot_t cur = VM_PROT_NONE, max = VM_PROT_NONE;
	kern_return_t kr;

	if ((map = trap_target_map(a[0], &t)) == NULL)
		return MACH_SEND_INVALID_DEST;
	if (copyin(a[1], &r, sizeof(r)) != KERN_SUCCESS ||
	    copyout(&r, a[1], sizeof(r)) != KERN_SUCCESS) {
		trap_target_done(map, t);
		return KERN_INVALID_ADDRESS;
	}
	if ((src = trap_target_map(r.src_task, &st)) == NULL) {
		trap_target_done(map, t);
		return MACH_SEND_INVALID_DEST;
	}
	addr = r.target_address;
	kr = vm_remap(map, &addr, r.size, r.mask, r.flags, src, r.src_address,
	    r.copy != 0, &cur, &max, r.inheritance);
	if (kr == KERN_SUCCESS) {
		r.target_address = addr;
		r.cur_protection = cur;
		r.max_protection = max;
		if (copyout(&r, a[1], sizeof(r)) != KERN_SUCCESS) {
			vaddr_t lo = ROUNDDOWN(addr, PAGE_SIZE);

			vm_deallocate(map, lo, ROUNDUP(addr + r.size, PAGE_SIZE) - lo);
			kr = KERN_INVALID_ADDRESS;
		}
	}
	trap_target_done(src, st);
	trap_target_done(map, t);
	return kr;
}

/* mach_vm_copy(task, src, size, dst) */
uint64_t
trap_vm_copy(const uint64_t a[USERTRAP_NARGS])
{
	task_t t;
	vm_map_t map = trap_target_map(a[0], &t);
	kern_return_t kr;

	if (map == NULL)
		return MACH_SEND_INVALID_DEST;
	kr = vm_copy(map, a[1], a[2], a[3]);
	trap_target_done(map, t);
	return kr;
}

/* mach_vm_region(task, addr *, size *, flavor, info *, count *, object_name *) */
uint64_t
trap_vm_region(const uint64_t a[USERTRAP_NARGS])
{
	task_t t;
	vm_map_t map = trap_target_map(a[0], &t);
	struct vm_region_basic_info_64 info;
	uint64_t addr, size = 0;
	uint32_t count;
	unsigned n;
	kern_return_t kr;

	if (map == NULL)
		return MACH_SEND_INVALID_DEST;
	if (copyin(a[1], &addr, sizeof(addr)) != KERN_SUCCESS ||
	    u32_in(a[5], &count) != KERN_SUCCESS ||
	    probe_out(a[2], sizeof(size)) != KERN_SUCCESS ||
	    probe_out(a[6], sizeof(mach_port_name_t)) != KERN_SUCCESS) {
		kr = KERN_INVALID_ADDRESS;
		goto out;
	}
	n = count;
	kr = vm_region(map, &addr, &size, (int)a[3], &info, &n);
	if (kr == KERN_SUCCESS &&
	    (copyout(&info, a[4], n * sizeof(natural_t)) != KERN_SUCCESS ||
	    copyout(&addr, a[1], sizeof(addr)) != KERN_SUCCESS ||
	    copyout(&size, a[2], sizeof(size)) != KERN_SUCCESS ||
	    u32_out(n, a[5]) != KERN_SUCCESS ||
	    u32_out(MACH_PORT_NULL, a[6]) != KERN_SUCCESS))
		kr = KERN_INVALID_ADDRESS;
out:
	trap_target_done(map, t);
	return kr;
}

/* mach_vm_region_recurse(task, addr *, size *, depth *, info *, count *) */
uint64_t
trap_vm_region_recurse(const uint64_t a[USERTRAP_NARGS])
{
	task_t t;
	vm_map_t map = trap_target_map(a[0], &t);
	struct vm_region_submap_info_64 info;
	uint64_t addr, size = 0;
	uint32_t count, depth;
	unsigned n;
	kern_return_t kr;

	if (map == NULL)
		return MACH_SEND_INVALID_DEST;
	if (copyin(a[1], &addr, sizeof(addr)) != KERN_SUCCESS ||
	    u32_in(a[3], &depth) != KERN_SUCCESS ||
	    u32_in(a[5], &count) != KERN_SUCCESS ||
	    probe_out(a[2], sizeof(size)) != KERN_SUCCESS) {
		kr = KERN_INVALID_ADDRESS;
		goto out;
	}
	n = count;
	kr = vm_region_recurse(map, &addr, &size, &depth, &info, &n);
	if (kr == KERN_SUCCESS &&
	    (copyout(&info, a[4], n * sizeof(natural_t)) != KERN_SUCCESS ||
	    copyout(&addr, a[1], sizeof(addr)) != KERN_SUCCESS ||
	    copyout(&size, a[2], sizeof(size)) != KERN_SUCCESS ||
	    u32_out(depth, a[3]) != KERN_SUCCESS ||
	    u32_out(n, a[5]) != KERN_SUCCESS))
		kr = KERN_INVALID_ADDRESS;
out:
	trap_target_done(map, t);
	return kr;
}

/*
 * mach_vm_page_query(task, offset, disposition *, ref_count *): both
 * written on every outcome but a bad pointer (XNU writes 0 and 0 with an
 * error)
 */
uint64_t
trap_vm_page_query(const uint64_t a[USERTRAP_NARGS])
{
	task_t t;
	vm_map_t map = trap_target_map(a[0], &t);
	int disp = 0, refs = 0;
	kern_return_t kr;

	if (map == NULL)
		return MACH_SEND_INVALID_DEST;
	if (probe_out(a[2], sizeof(int)) != KERN_SUCCESS ||
	    probe_out(a[3], sizeof(int)) != KERN_SUCCESS) {
		kr = KERN_INVALID_ADDRESS;
		goto out;
	}
	kr = vm_map_page_query(map, a[1], &disp, &refs);
	if (u32_out((uint32_t)disp, a[2]) != KERN_SUCCESS ||
	    u32_out((uint32_t)refs, a[3]) != KERN_SUCCESS)
		kr = KERN_INVALID_ADDRESS;
out:
	trap_target_done(map, t);
	return kr;
}

/* mach_vm_inherit(task, addr, size, inheritance) */
uint64_t
trap_vm_inherit(const uint64_t a[USERTRAP_NARGS])
{
	task_t t;
	vm_map_t map = trap_target_map(a[0], &t);
	kern_return_t kr;

	if (map == NULL)
		return MACH_SEND_INVALID_DEST;
	kr = vm_inherit(map, a[1], a[2], (vm_inherit_t)(uint32_t)a[3]);
	trap_target_done(map, t);
	return kr;
}

/* mach_vm_behavior_set(task, addr, size, behavior) */
uint64_t
trap_vm_behavior_set(const uint64_t a[USERTRAP_NARGS])
{
	task_t t;
	vm_map_t map = trap_target_map(a[0], &t);
	kern_return_t kr;

	if (map == NULL)
		return MACH_SEND_INVALID_DEST;
	kr = vm_behavior_set(map, a[1], a[2], (int)(int32_t)a[3]);
	trap_target_done(map, t);
	return kr;
}

/* mach_vm_msync(task, addr, size, sync_flags) */
uint64_t
trap_vm_msync(const uint64_t a[USERTRAP_NARGS])
{
	task_t t;
	vm_map_t map = trap_target_map(a[0], &t);
	kern_return_t kr;

	if (map == NULL)
		return MACH_SEND_INVALID_DEST;
	kr = vm_msync(map, a[1], a[2], (unsigned)a[3]);
	trap_target_done(map, t);
	return kr;
}

/* ------------------------------------------------------------------ */
/* the host */

#define HOST_MEMORY_SIZE_CAP	0x80000000ull	/* memory_size: at most 2 GiB */

static void
host_basic_info_fill(struct host_basic_info *hi)
{
	struct vm_page_stats ps;
	uint64_t mem;

	vm_page_get_stats(&ps);
	mem = ps.total * PAGE_SIZE;		/* the pages the kernel manages */
	memset(hi, 0, sizeof(*hi));
	hi->max_cpus = (integer_t)ncpus;
	hi->avail_cpus = (integer_t)cpus_online();
	hi->memory_size = (natural_t)MIN(mem, HOST_MEMORY_SIZE_CAP);
	hi->cpu_type = CPU_TYPE_RISCV64;
	hi->cpu_subtype = CPU_SUBTYPE_RISCV_ALL;
	hi->cpu_threadtype = CPU_THREADTYPE_NONE;
	hi->physical_cpu = hi->avail_cpus;	/* one hart per core */
	hi->physical_cpu_max = hi->max_cpus;
	hi->logical_cpu = hi->avail_cpus;
	hi->logical_cpu_max = hi->max_cpus;
	hi->max_mem = mem;
}

/*
 * host_info(host, flavor, info *, count *).  As XNU: a count too small for
 * the old five-field form is KERN_FAILURE; one too small for the whole
 * form gets the old one.
 */
kern_return_t
host_info_fill(host_flavor_t flavor, struct host_basic_info *hi,
    uint32_t *countp)
{
	uint32_t count = *countp;

	if (flavor != HOST_BASIC_INFO)
		return KERN_INVALID_ARGUMENT;
	if (count < HOST_BASIC_INFO_OLD_COUNT)
		return KERN_FAILURE;
	*countp = count >= HOST_BASIC_INFO_COUNT ? HOST_BASIC_INFO_COUNT :
	    HOST_BASIC_INFO_OLD_COUNT;
	host_basic_info_fill(hi);
	return KERN_SUCCESS;
}

uint64_t
trap_host_info(const uint64_t a[USERTRAP_NARGS])
{
	struct host_basic_info hi;
	uint32_t count;
	kern_return_t kr;

	if (!port_name_is_host((mach_port_name_t)a[0]))
		return MACH_SEND_INVALID_DEST;
	if (u32_in(a[3], &count) != KERN_SUCCESS)
		return KERN_INVALID_ADDRESS;
	kr = host_info_fill((host_flavor_t)a[1], &hi, &count);
	if (kr != KERN_SUCCESS)
		return kr;
	if (copyout(&hi, a[2], count * sizeof(integer_t)) != KERN_SUCCESS ||
	    u32_out(count, a[3]) != KERN_SUCCESS)
		return KERN_INVALID_ADDRESS;
	return KERN_SUCCESS;
}

/*
 * host_statistics and host_statistics64 (flavors in <mach/host_info.h>):
 * the load averages, the VM's counts and every hart's ticks by state.  As
 * XNU: a count below the flavor's (oldest revision's) is KERN_FAILURE, a
 * count between revisions gets the older one, an unknown flavor is
 * KERN_INVALID_ARGUMENT, and host_statistics64 answers host_statistics's
 * flavors too.
 */
union host_stats {
	struct host_load_info load;
	struct vm_statistics vm;
	struct host_cpu_load_info cpu;
	struct vm_statistics64 vm64;
};

/* the pages free, in tasks' memory and held by the kernel */
static void
vm_page_counts(natural_t *free_count, natural_t *active, natural_t *wired)
{
	struct vm_page_stats ps;
	struct vm_object_stats os;
	uint64_t used;

	vm_page_get_stats(&ps);
	vm_object_get_stats(&os);
	used = ps.total - ps.free;
	*free_count = (natural_t)VM_STATISTICS_TRUNCATE_TO_32_BIT(ps.free);
	*active = (natural_t)VM_STATISTICS_TRUNCATE_TO_32_BIT(MIN(os.pages, used));
	*wired = (natural_t)VM_STATISTICS_TRUNCATE_TO_32_BIT(used -
	    MIN(os.pages, used));
}

static kern_return_t
host_statistics_fill(host_flavor_t flavor, bool is64, union host_stats *hs,
    uint32_t *countp)
{
	uint32_t count = *countp, avenrun[3], factor[3];
	struct vm_map_counters fc;
	uint64_t ticks[SCHED_CPU_STATES];

	memset(hs, 0, sizeof(*hs));
	switch (flavor) {
	case HOST_LOAD_INFO:
		if (count < HOST_LOAD_INFO_COUNT)
			return KERN_FAILURE;
		sched_load_averages(avenrun, factor);
		for (int i = 0; i < 3; i++) {
			hs->load.avenrun[i] = (integer_t)avenrun[i];
			hs->load.mach_factor[i] = (integer_t)factor[i];
		}
		*countp = HOST_LOAD_INFO_COUNT;
		return KERN_SUCCESS;
	case HOST_VM_INFO:
		if (count < HOST_VM_INFO_REV0_COUNT)
			return KERN_FAILURE;
		vm_page_counts(&hs->vm.free_count, &hs->vm.active_count,
		    &hs->vm.wire_count);
		vm_fault_get_totals(&fc);
		hs->vm.zero_fill_count = VM_STATISTICS_TRUNCATE_TO_32_BIT(fc.zero_fills);
		hs->vm.faults = VM_STATISTICS_TRUNCATE_TO_32_BIT(fc.faults);
		hs->vm.cow_faults = VM_STATISTICS_TRUNCATE_TO_32_BIT(fc.cow_faults);
		*countp = count >= HOST_VM_INFO_REV2_COUNT ? HOST_VM_INFO_REV2_COUNT :
		    count >= HOST_VM_INFO_REV1_COUNT ? HOST_VM_INFO_REV1_COUNT :
		    HOST_VM_INFO_REV0_COUNT;
		return KERN_SUCCESS;
	case HOST_CPU_LOAD_INFO:
		if (count < HOST_CPU_LOAD_INFO_COUNT)
			return KERN_FAILURE;
		sched_cpu_ticks(ticks);
		hs->cpu.cpu_ticks[CPU_STATE_USER] = (natural_t)ticks[SCHED_CPU_USER];
		hs->cpu.cpu_ticks[CPU_STATE_SYSTEM] = (natural_t)ticks[SCHED_CPU_SYSTEM];
		hs->cpu.cpu_ticks[CPU_STATE_IDLE] = (natural_t)ticks[SCHED_CPU_IDLE];
		hs->cpu.cpu_ticks[CPU_STATE_NICE] = (natural_t)ticks[SCHED_CPU_NICE];
		*countp = HOST_CPU_LOAD_INFO_COUNT;
		return KERN_SUCCESS;
	case HOST_VM_INFO64:
		if (!is64)
			return KERN_INVALID_ARGUMENT;
		if (count < HOST_VM_INFO64_REV0_COUNT)
			return KERN_FAILURE;
		vm_page_counts(&hs->vm64.free_count, &hs->vm64.active_count,
		    &hs->vm64.wire_count);
		vm_fault_get_totals(&fc);
		hs->vm64.zero_fill_count = fc.zero_fills;
		hs->vm64.faults = fc.faults;
		hs->vm64.cow_faults = fc.cow_faults;
		/* every page of tasks' memory is anonymous (no files yet) */
		hs->vm64.internal_page_count = hs->vm64.active_count;
		*countp = count >= HOST_VM_INFO64_REV1_COUNT ?
		    HOST_VM_INFO64_REV1_COUNT : HOST_VM_INFO64_REV0_COUNT;
		return KERN_SUCCESS;
	default:
		return KERN_INVALID_ARGUMENT;
	}
}

/* host_statistics{,64}(host, flavor, info *, count *) */
static uint64_t
host_statistics_common(const uint64_t a[USERTRAP_NARGS], bool is64)
{
	union host_stats hs;
	uint32_t count;
	kern_return_t kr;

	if (!port_name_is_host((mach_port_name_t)a[0]))
		return MACH_SEND_INVALID_DEST;
	if (u32_in(a[3], &count) != KERN_SUCCESS)
		return KERN_INVALID_ADDRESS;
	kr = host_statistics_fill((host_flavor_t)a[1], is64, &hs, &count);
	if (kr != KERN_SUCCESS)
		return kr;
	if (copyout(&hs, a[2], count * sizeof(integer_t)) != KERN_SUCCESS ||
	    u32_out(count, a[3]) != KERN_SUCCESS)
		return KERN_INVALID_ADDRESS;
	return KERN_SUCCESS;
}

uint64_t
trap_host_statistics(const uint64_t a[USERTRAP_NARGS])
{
	return host_statistics_common(a, false);
}

uint64_t
trap_host_statistics64(const uint64_t a[USERTRAP_NARGS])
{
	return host_statistics_common(a, true);
}
