/*
 * test/user/utest_util.h - helpers the user test programs share: sleeping
 * and polling with a limit, what a name in our space is, how many names
 * there are, a new port, a
 * thread's run state, and the registers of a thread started by hand.
 *
 * Every wait is bounded by WAIT_MS (a program may define its own first),
 * so a lost wake-up fails a test instead of hanging the run.
 */
#ifndef TEST_USER_UTEST_UTIL_H
#define TEST_USER_UTEST_UTIL_H

#include <stdint.h>
#include <string.h>

#include <mach/mach.h>
#include <mach/rvmach_debug.h>

#ifndef WAIT_MS
#define WAIT_MS		5000		/* the longest any wait lasts */
#endif

static inline void
sleep_ms(unsigned ms)
{
	thread_switch(MACH_PORT_NULL, SWITCH_OPTION_WAIT, ms);
}

/* poll until *v == want, at most WAIT_MS */
static inline int
wait_for(volatile uint64_t *v, uint64_t want)
{
	for (int i = 0; i < WAIT_MS; i++) {
		if (__atomic_load_n(v, __ATOMIC_ACQUIRE) == want)
			return 1;
		sleep_ms(1);
	}
	return 0;
}

/* name's type in our space, 0 if it names nothing */
static inline mach_port_type_t
type_of(mach_port_t name)
{
	mach_port_type_t t = 0;

	if (mach_port_type(mach_task_self(), name, &t) != KERN_SUCCESS)
		return 0;
	return t;
}

/* name's send urefs in our space (0xdead if the call fails) */
static inline mach_port_urefs_t
send_refs(mach_port_t name)
{
	mach_port_urefs_t r = 0xdead;

	mach_port_get_refs(mach_task_self(), name, MACH_PORT_RIGHT_SEND, &r);
	return r;
}

/* the names in our space (mach_port_names' arrays are out of line), 0 on failure */
static inline mach_msg_type_number_t
names_in_use(void)
{
	mach_port_name_array_t names;
	mach_port_type_array_t types;
	mach_msg_type_number_t n = 0, tn = 0;

	if (mach_port_names(mach_task_self(), &names, &n, &types, &tn) !=
	    KERN_SUCCESS)
		return 0;
	mach_vm_deallocate(mach_task_self(), (mach_vm_address_t)(uintptr_t)names,
	    n * sizeof(*names));
	mach_vm_deallocate(mach_task_self(), (mach_vm_address_t)(uintptr_t)types,
	    tn * sizeof(*types));
	return n;
}

/* poll until name is a dead name, at most WAIT_MS; then remove it */
static inline int
wait_dead(mach_port_t name)
{
	for (int i = 0; i < WAIT_MS; i++) {
		if (type_of(name) == MACH_PORT_TYPE_DEAD_NAME)
			return mach_port_destroy(mach_task_self(), name) ==
			    KERN_SUCCESS;
		sleep_ms(1);
	}
	return 0;
}

/* a new receive right in our space (MACH_PORT_NULL if none) */
static inline mach_port_t
new_port(void)
{
	mach_port_t p = MACH_PORT_NULL;

	mach_port_allocate(mach_task_self(), MACH_PORT_RIGHT_RECEIVE, &p);
	return p;
}

/* th's run state (TH_STATE_*), -1 if thread_info fails */
static inline integer_t
run_state(thread_act_t th)
{
	struct thread_basic_info bi;
	mach_msg_type_number_t n = THREAD_BASIC_INFO_COUNT;

	if (thread_info(th, THREAD_BASIC_INFO, (thread_info_t)&bi, &n) !=
	    KERN_SUCCESS)
		return -1;
	return bi.run_state;
}

/* poll until th is in run state want, at most WAIT_MS */
static inline int
wait_state(thread_act_t th, integer_t want)
{
	for (int i = 0; i < WAIT_MS; i++) {
		if (run_state(th) == want)
			return 1;
		sleep_ms(1);
	}
	return 0;
}

/* where a thread started by hand returns to: the end of the thread */
static inline void __attribute__((noreturn))
thread_return(void)
{
	rvmach_thread_exit();
}

static inline uintptr_t
current_gp(void)
{
	uintptr_t gp;

	__asm__ volatile("mv %0, gp" : "=r"(gp));
	return gp;
}

/*
 * registers for fn(arg) on the stack below stack_top, returning into
 * thread_return (gp ours; tp zero: no thread-local storage, so no errno)
 */
static inline void
entry_state_at(struct riscv_thread_state *st, void (*fn)(void *), void *arg,
    void *stack_top)
{
	memset(st, 0, sizeof(*st));
	st->pc = (uintptr_t)fn;
	st->x[0] = (uintptr_t)thread_return;		/* ra */
	st->x[1] = (uintptr_t)stack_top;		/* sp */
	st->x[2] = current_gp();			/* gp */
	st->x[9] = (uintptr_t)arg;			/* a0 */
}

#endif /* TEST_USER_UTEST_UTIL_H */
