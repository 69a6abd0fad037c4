/*
 * test/user/ipcfuzz/tasks.c - the fuzzer's task, thread, clock and
 * processor-set calls.
 *
 * The threads share one child task (task_create, with our memory or
 * none) and up to CHILD_THREADS threads made in it (thread_create,
 * thread_create_running with random registers).  Any thread may make
 * the child or end it (task_terminate) at any time while the others call
 * on it: task_suspend and _resume, task_info, task_threads,
 * task_set_exception_ports to a name from the pool (a child thread that
 * runs faults at once, so its exception may arrive on one of our ports,
 * where a receive may take it and a reply answer it), mach_vm_allocate,
 * _write, _read and _deallocate in it, and on its threads
 * thread_suspend, _resume, _abort, _info, _get_state, _set_state and
 * _terminate.  Names go stale under these calls (another thread ended
 * the child or a thread, or took the name away): each result must be one
 * the call documents or MACH_SEND_INVALID_DEST.
 *
 * Also: thread_create in our own task (the thread never runs; ended at
 * once), processor_set_tasks and _threads (every right the lists give is
 * deallocated at once, never used: they name every task of the system),
 * and clock_alarm with a short time and a receive right from the pool
 * (its reply is a message like the others).
 *
 * Whatever is left at the end (the child, its threads, alarms still to
 * fire) is ended by tasks_fini, before the fuzzer exits; a child left by a
 * fuzzer terminated midway is ended by the ktest (test/ktest/ipc_fuzz.c).
 */
#include <mach/clock.h>
#include <mach/clock_types.h>
#include <mach/mach_host.h>
#include <mach/mach_time.h>
#include <mach/processor_set.h>
#include <mach/task.h>
#include <mach/thread_act.h>

#include "ipcfuzz/ipcfuzz.h"

#define CHILD_THREADS	4
#define ALARM_MAX_NS	2000000		/* a clock_alarm's time: within 2 ms */
#define ALARM_TICKS_NS	40000000	/* and it fires within 4 ticks after */

static mach_port_name_t child;			/* [a] the child task, or 0 */
static mach_port_name_t child_threads[CHILD_THREADS];	/* [a] */
static uint32_t alarms;				/* [a] clock_alarm calls made */

/*
 * the child's name, or a wild one now and then: never a name from the
 * pool, which may be our own task's or one of our threads' (a suspend or
 * a new state there would stop or crash the fuzzer)
 */
static mach_port_name_t
wild_name(struct fz *f)
{
	mach_port_name_t n = (mach_port_name_t)rnd(f) | 0x80000000u;

	return n == MACH_PORT_DEAD ? 0x80000000u : n;	/* no table is that large */
}

static mach_port_name_t
child_name(struct fz *f)
{
	mach_port_name_t c = __atomic_load_n(&child, __ATOMIC_ACQUIRE);

	if (c == MACH_PORT_NULL || chance(f, 5))
		return wild_name(f);
	return c;
}

static void
give_back(mach_port_name_t n)
{
	if (MACH_PORT_VALID(n))
		mach_port_deallocate(self, n);
}

static void
end_thread(mach_port_name_t th)
{
	if (!MACH_PORT_VALID(th))
		return;
	(void)thread_terminate(th);
	give_back(th);
}

/* end the child (if it is still c) and its threads */
static void
end_child(mach_port_name_t c)
{
	for (int i = 0; i < CHILD_THREADS; i++)
		end_thread(__atomic_exchange_n(&child_threads[i], MACH_PORT_NULL,
		    __ATOMIC_ACQ_REL));
	(void)task_terminate(c);
	give_back(c);
}

static void
t_create(struct fz *f)
{
	char args[64];
	mach_port_name_t c = MACH_PORT_NULL, none = MACH_PORT_NULL;
	bool inherit = chance(f, 30);
	kern_return_t kr;

	if (__atomic_load_n(&child, __ATOMIC_ACQUIRE) != MACH_PORT_NULL)
		return;
	kr = task_create(self, NULL, 0, inherit, &c);
	check(f, OP_TASK, kr, true, false, SET(KERN_SUCCESS,
	    KERN_RESOURCE_SHORTAGE), ARGS("task_create(inherit %d)", inherit));
	if (kr != KERN_SUCCESS)
		return;
	if (!__atomic_compare_exchange_n(&child, &none, c, false,
	    __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
		(void)task_terminate(c);
		give_back(c);
	}
}

static void
t_terminate(struct fz *f)
{
	char args[48];
	mach_port_name_t c = __atomic_exchange_n(&child, MACH_PORT_NULL,
	    __ATOMIC_ACQ_REL);
	kern_return_t kr;

	if (c == MACH_PORT_NULL)
		return;
	for (int i = 0; i < CHILD_THREADS; i++)
		end_thread(__atomic_exchange_n(&child_threads[i], MACH_PORT_NULL,
		    __ATOMIC_ACQ_REL));
	kr = task_terminate(c);
	/* (a garbage name of another thread's may have taken the right) */
	check(f, OP_TASK, kr, true, false, SET(KERN_SUCCESS, KERN_TERMINATED,
	    MACH_SEND_INVALID_DEST), ARGS("task_terminate(%#x)", c));
	give_back(c);
}

/* random registers: a thread that runs faults at once, or soon */
static void
some_state(struct fz *f, struct riscv_thread_state *st)
{
	for (int i = 0; i < 31; i++)
		st->x[i] = chance(f, 50) ? 0 : rnd(f);
	st->pc = chance(f, 50) ? 0 : (rnd(f) & ~1ull);
}

static void
t_thread_create(struct fz *f)
{
	char args[64];
	struct riscv_thread_state st;
	mach_port_name_t c = child_name(f), th = MACH_PORT_NULL;
	bool running = chance(f, 25);
	kern_return_t kr;

	if (running) {
		some_state(f, &st);
		kr = thread_create_running(c, RISCV_THREAD_STATE,
		    (thread_state_t)&st, RISCV_THREAD_STATE_COUNT, &th);
	} else {
		kr = thread_create(c, &th);
	}
	check(f, OP_TASK, kr, true, false, SET(KERN_SUCCESS,
	    MACH_SEND_INVALID_DEST, KERN_TERMINATED, KERN_INVALID_ARGUMENT,
	    KERN_RESOURCE_SHORTAGE), ARGS("thread_create%s(%#x)",
	    running ? "_running" : "", c));
	if (kr != KERN_SUCCESS)
		return;
	end_thread(__atomic_exchange_n(&child_threads[below(f, CHILD_THREADS)],
	    th, __ATOMIC_ACQ_REL));
}

/* a call on one of the child's threads */
static void
t_thread_call(struct fz *f)
{
	char args[64];
	int slot = (int)below(f, CHILD_THREADS);
	mach_port_name_t th = __atomic_load_n(&child_threads[slot],
	    __ATOMIC_ACQUIRE);
	union {
		struct riscv_thread_state st;
		struct riscv_float_state fp;
		integer_t info[64];
	} u;
	mach_msg_type_number_t count;
	unsigned which = below(f, 8);
	kern_return_t kr;

	if (th == MACH_PORT_NULL || chance(f, 5))
		th = wild_name(f);		/* (as child_name) */
	memset(&u, 0, sizeof(u));
	switch (which) {
	case 0:
		kr = thread_suspend(th);
		break;
	case 1:
		kr = thread_resume(th);
		break;
	case 2:
		kr = thread_abort(th);
		break;
	case 3:
		count = below(f, 2) ? THREAD_BASIC_INFO_COUNT : below(f, 64);
		kr = thread_info(th, (thread_flavor_t)below(f, 6), u.info, &count);
		break;
	case 4:
		count = below(f, 2) ? RISCV_THREAD_STATE_COUNT : below(f, 80);
		kr = thread_get_state(th, (thread_state_flavor_t)below(f, 4),
		    (thread_state_t)&u, &count);
		break;
	case 5:
		some_state(f, &u.st);
		kr = thread_set_state(th, chance(f, 80) ? RISCV_THREAD_STATE :
		    (thread_state_flavor_t)below(f, 4), (thread_state_t)&u,
		    chance(f, 80) ? RISCV_THREAD_STATE_COUNT : below(f, 80));
		break;
	case 6:
		/* ended: the slot's name goes, if it is still the slot's */
		if (__atomic_compare_exchange_n(&child_threads[slot], &th,
		    MACH_PORT_NULL, false, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
			kr = thread_terminate(th);
			give_back(th);
		} else {
			kr = KERN_SUCCESS;
		}
		break;
	default:
		/* resumed with new registers: it runs and faults */
		some_state(f, &u.st);
		kr = thread_set_state(th, RISCV_THREAD_STATE, (thread_state_t)&u,
		    RISCV_THREAD_STATE_COUNT);
		if (kr == KERN_SUCCESS)
			kr = thread_resume(th);
		break;
	}
	check(f, OP_TASK, kr, true, false, SET(KERN_SUCCESS, KERN_FAILURE,
	    KERN_INVALID_ARGUMENT, KERN_TERMINATED, MACH_SEND_INVALID_DEST,
	    KERN_ABORTED), ARGS("thread call %u on %#x", which, th));
}

/* a call on the child task */
static void
t_task_call(struct fz *f)
{
	char args[80];
	mach_port_name_t c = child_name(f), *list = NULL, list_one = MACH_PORT_NULL;
	mach_msg_type_number_t count = 0;
	mach_vm_address_t a = 0;
	vm_offset_t data = 0;
	integer_t info[64];
	unsigned which = below(f, 7);
	kern_return_t kr;

	switch (which) {
	case 0:
		kr = task_suspend(c);
		break;
	case 1:
		kr = task_resume(c);
		break;
	case 2:
		count = below(f, 2) ? TASK_BASIC_INFO_COUNT : below(f, 64);
		kr = task_info(c, (task_flavor_t)below(f, 24), info, &count);
		break;
	case 3:
		kr = task_threads(c, &list, &count);
		if (kr == KERN_SUCCESS) {
			for (mach_msg_type_number_t i = 0; i < count; i++)
				give_back(list[i]);
			mach_vm_deallocate(self, (mach_vm_address_t)(uintptr_t)list,
			    (mach_vm_size_t)count * sizeof(*list));
		}
		break;
	case 4:
		kr = task_set_exception_ports(c, (exception_mask_t)rnd(f) &
		    EXC_MASK_ALL, chance(f, 20) ? MACH_PORT_NULL :
		    pick_name(f, chance(f, 50) ? H_SEND : H_RECV, 0),
		    chance(f, 80) ? EXCEPTION_DEFAULT :
		    (exception_behavior_t)(below(f, 4) |
		    (chance(f, 50) ? MACH_EXCEPTION_CODES : 0)),
		    (thread_state_flavor_t)below(f, 3));
		break;
	case 5:
		/* memory in it: allocate, write our scratch, read it back */
		kr = mach_vm_allocate(c, &a, PAGE * (1 + below(f, 4)),
		    VM_FLAGS_ANYWHERE);
		if (kr != KERN_SUCCESS)
			break;
		kr = mach_vm_write(c, a, (vm_offset_t)(uintptr_t)f->scratch, PAGE);
		if (kr == KERN_SUCCESS && mach_vm_read(c, a, PAGE, &data, &count) ==
		    KERN_SUCCESS)
			mach_vm_deallocate(self, data, count);
		(void)mach_vm_deallocate(c, a, PAGE);
		break;
	default:
		kr = task_get_special_port(c, (int)below(f, 8), &list_one);
		if (kr == KERN_SUCCESS)
			give_back(list_one);
		break;
	}
	check(f, OP_TASK, kr, true, false, SET(KERN_SUCCESS, KERN_FAILURE,
	    KERN_INVALID_ARGUMENT, KERN_TERMINATED, MACH_SEND_INVALID_DEST,
	    MACH_SEND_INVALID_RIGHT, KERN_INVALID_ADDRESS, KERN_NO_SPACE,
	    KERN_PROTECTION_FAILURE, KERN_RESOURCE_SHORTAGE,
	    KERN_INVALID_RIGHT), ARGS("task call %u on %#x", which, c));
}

/* a thread of our own that never runs: made, looked at, ended */
static void
t_own_thread(struct fz *f)
{
	char args[48];
	struct riscv_thread_state st;
	mach_msg_type_number_t count = RISCV_THREAD_STATE_COUNT;
	mach_port_name_t th = MACH_PORT_NULL;
	kern_return_t kr = thread_create(self, &th);

	check(f, OP_TASK, kr, true, false, SET(KERN_SUCCESS,
	    KERN_RESOURCE_SHORTAGE), ARGS("thread_create(self)"));
	if (kr != KERN_SUCCESS)
		return;
	/*
	 * (another thread's wild call may take the name meanwhile:
	 * MACH_SEND_INVALID_DEST, and the thread stays until we end)
	 */
	kr = thread_get_state(th, RISCV_THREAD_STATE, (thread_state_t)&st,
	    &count);
	if ((kr != KERN_SUCCESS && kr != MACH_SEND_INVALID_DEST) ||
	    (kr == KERN_SUCCESS && st.pc != 0))
		violation(f, OP_TASK, (uint32_t)kr, "own new thread: state %#x, pc %#llx",
		    kr, (unsigned long long)st.pc);
	if (chance(f, 50))
		(void)thread_suspend(th);
	kr = thread_terminate(th);
	check(f, OP_TASK, kr, true, false, SET(KERN_SUCCESS,
	    MACH_SEND_INVALID_DEST), ARGS("thread_terminate(own new)"));
	give_back(th);
}

/* every task or thread of the system, as rights given back at once */
static void
t_pset_list(struct fz *f)
{
	char args[48];
	mach_port_name_t host = mach_host_self(), name = MACH_PORT_NULL,
	    set = MACH_PORT_NULL, *list = NULL;
	mach_msg_type_number_t count = 0;
	bool threads = chance(f, 50);
	kern_return_t kr;

	kr = processor_set_default(host, &name);
	if (kr == KERN_SUCCESS)
		kr = host_processor_set_priv(host, name, &set);
	if (kr == KERN_SUCCESS)
		kr = threads ? processor_set_threads(set, &list, &count) :
		    processor_set_tasks(set, &list, &count);
	/* (another thread's garbage name may have taken one of ours) */
	check(f, OP_TASK, kr, true, false, SET(KERN_SUCCESS,
	    KERN_RESOURCE_SHORTAGE, KERN_INVALID_ARGUMENT,
	    MACH_SEND_INVALID_DEST), ARGS("processor_set_%s",
	    threads ? "threads" : "tasks"));
	if (kr == KERN_SUCCESS) {
		if (count == 0)
			violation(f, OP_TASK, 0, "processor_set list: none");
		for (mach_msg_type_number_t i = 0; i < count; i++)
			give_back(list[i]);
		mach_vm_deallocate(self, (mach_vm_address_t)(uintptr_t)list,
		    (mach_vm_size_t)count * sizeof(*list));
	}
	give_back(set);
	give_back(name);
	give_back(host);
}

static void
t_alarm(struct fz *f)
{
	char args[64];
	mach_port_name_t host = mach_host_self(), clk = MACH_PORT_NULL, port;
	mach_timespec_t when = { 0, (clock_res_t)below(f, ALARM_MAX_NS) };
	alarm_type_t type = chance(f, 90) ? TIME_RELATIVE : below(f, 4);
	kern_return_t kr;

	kr = host_get_clock_service(host, SYSTEM_CLOCK, &clk);
	/* (another thread's garbage name may have taken the host's) */
	check(f, OP_TASK, kr, true, false, SET(KERN_SUCCESS,
	    MACH_SEND_INVALID_DEST), ARGS("host_get_clock_service(%#x)", host));
	if (kr != KERN_SUCCESS) {
		give_back(host);
		return;
	}
	port = chance(f, 90) ? pick_name(f, H_RECV, 0) : pick_name(f, H_ANY, 0);
	/*
	 * (an absolute time is one long past: answered at once.  A later
	 * one would keep its port and reply past the run, as in XNU)
	 */
	if (chance(f, 5))	/* a bad one: answered at once */
		when.tv_nsec = chance(f, 50) ? -1 - (clock_res_t)below(f, 1000) :
		    1000000000 + (clock_res_t)below(f, 1000000);
	__atomic_fetch_add(&alarms, 1, __ATOMIC_RELAXED);
	kr = clock_alarm(clk, type, when, port);
	check(f, OP_TASK, kr, true, false, SET(KERN_SUCCESS,
	    KERN_INVALID_CAPABILITY, MACH_SEND_INVALID_RIGHT,
	    KERN_RESOURCE_SHORTAGE, MACH_SEND_INVALID_DEST), ARGS("clock_alarm(%d, %u.%09d, %#x)", type,
	    when.tv_sec, when.tv_nsec, port));
	give_back(clk);
	give_back(host);
}

void
op_task(struct fz *f)
{
	switch (below(f, 16)) {
	case 0:
	case 1:
		t_create(f);
		break;
	case 2:
		t_terminate(f);
		break;
	case 3:
	case 4:
		t_thread_create(f);
		break;
	case 5:
	case 6:
	case 7:
		t_thread_call(f);
		break;
	case 8:
	case 9:
	case 10:
		t_task_call(f);
		break;
	case 11:
		t_own_thread(f);
		break;
	case 12:
		t_pset_list(f);
		break;
	default:
		t_alarm(f);
		break;
	}
}

void
tasks_fini(void)
{
	mach_port_name_t c = __atomic_exchange_n(&child, MACH_PORT_NULL,
	    __ATOMIC_ACQ_REL);

	if (c != MACH_PORT_NULL)
		end_child(c);
	/* an alarm still to fire holds a right to one of our ports */
	if (__atomic_load_n(&alarms, __ATOMIC_RELAXED) != 0) {
		struct mach_timebase_info tb;

		mach_timebase_info(&tb);
		/* (alarms fire on the clock's 10 ms tick: docs/abi.md) */
		mach_wait_until(mach_absolute_time() +
		    (ALARM_MAX_NS + ALARM_TICKS_NS) * tb.denom / tb.numer);
	}
}
