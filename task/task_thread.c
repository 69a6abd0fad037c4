/*
 * task/task_thread.c - user threads: creation in a task, suspension,
 * termination, state.
 *
 * A user thread is a kernel thread (kernel/sched) with a user frame at the
 * top of its stack and its task's pmap.  It is created suspended and not
 * started until its suspend count first drops to zero; after that,
 * suspension and termination act at its next way out of the kernel (AST).
 */
#include <machine/thread.h>
#include "kernel/panic.h"
#include "task/exception.h"
#include "task/task.h"

void machine_thread_enter_user_frame(void) __noreturn;
kern_return_t machine_thread_get_state(struct machine_thread *mt, int flavor,
    void *state, unsigned *count);
kern_return_t machine_thread_set_state(struct machine_thread *mt, int flavor,
    const void *state, unsigned count);
void machine_thread_set_entry(struct machine_thread *mt, vaddr_t pc,
    vaddr_t sp, uint64_t a0);

vaddr_t
thread_user_pc(thread_t th)
{
	riscv_thread_state_t st;
	unsigned count = RISCV_THREAD_STATE_COUNT;

	if (machine_thread_get_state(thread_machine(th), RISCV_THREAD_STATE, &st,
	    &count) != KERN_SUCCESS)
		return 0;
	return st.pc;
}

/* the thread's first code: straight to user mode with its frame */
static void
user_thread_entry(void *arg __unused)
{
	machine_thread_enter_user_frame();
}

task_t
thread_task(thread_t th)
{
	struct thread_task_fields f;

	thread_task_fields(th, &f);
	return *f.task;
}

kern_return_t
thread_create_user(task_t t, thread_t *out)
{
	struct thread_task_fields f;
	thread_t th;
	kern_return_t kr;

	if (t == NULL || t == kernel_task)
		return KERN_INVALID_ARGUMENT;
	kr = kernel_thread_create(user_thread_entry, NULL, BASEPRI_DEFAULT,
	    THREAD_CREATE_USER, &th);
	if (kr != KERN_SUCCESS)
		return kr;
	/* it ends through thread_exit_user, which frees the buffer it keeps */
	thread_ipc(th)->ith_cache_ok = true;
	thread_task_fields(th, &f);
	spin_lock(&t->lock);
	if (!t->active || t->map == NULL) {
		spin_unlock(&t->lock);
		/* never started: freed without running */
		thread_discard(th);
		return KERN_TERMINATED;
	}
	task_reference(t);			/* the thread's */
	*f.task = t;
	*f.suspend_count = 1;
	*f.next = t->threads;
	t->threads = th;
	t->thread_count++;
	thread_machine(th)->pmap = t->map->pmap;
	spin_unlock(&t->lock);
	thread_set_name(th, t->name);
	*out = th;
	return KERN_SUCCESS;
}

kern_return_t
thread_create_running_user(task_t t, vaddr_t pc, vaddr_t sp, uint64_t a0,
    thread_t *out)
{
	thread_t th;
	kern_return_t kr = thread_create_user(t, &th);

	if (kr != KERN_SUCCESS)
		return kr;
	machine_thread_set_entry(thread_machine(th), pc, sp, a0);
	kr = thread_resume(th);
	KASSERT(kr == KERN_SUCCESS);
	*out = th;
	return KERN_SUCCESS;
}

kern_return_t
thread_suspend(thread_t th)
{
	struct thread_task_fields f;
	task_t t;

	if (th == NULL || (t = thread_task(th)) == NULL)
		return KERN_INVALID_ARGUMENT;
	thread_task_fields(th, &f);
	spin_lock(&t->lock);
	if (!t->active) {
		spin_unlock(&t->lock);
		return KERN_TERMINATED;
	}
	if ((*f.suspend_count)++ == 0)
		thread_ast_set(th, AST_SUSPEND);
	spin_unlock(&t->lock);
	return KERN_SUCCESS;
}

kern_return_t
thread_resume(thread_t th)
{
	struct thread_task_fields f;
	task_t t;
	bool start = false, wake = false;

	if (th == NULL || (t = thread_task(th)) == NULL)
		return KERN_INVALID_ARGUMENT;
	thread_task_fields(th, &f);
	spin_lock(&t->lock);
	if (*f.suspend_count == 0) {
		spin_unlock(&t->lock);
		return KERN_FAILURE;
	}
	if (--(*f.suspend_count) == 0) {
		start = !thread_started(th);
		wake = !start;
	}
	spin_unlock(&t->lock);
	if (start)
		thread_go(th);
	else if (wake)
		thread_wakeup((event_t)&t->suspend_count);
	return KERN_SUCCESS;
}

kern_return_t
thread_terminate(thread_t th)
{
	task_t t;
	bool start;

	if (th == NULL || (t = thread_task(th)) == NULL)
		return KERN_INVALID_ARGUMENT;
	if (th == current_thread())
		thread_exit_user();
	spin_lock(&t->lock);
	start = !thread_started(th);
	spin_unlock(&t->lock);
	thread_ast_set(th, AST_ABORT);
	thread_interrupt(th);
	thread_wakeup((event_t)&t->suspend_count);
	if (start)
		thread_go(th);		/* it sees the AST before any user code */
	return KERN_SUCCESS;
}

/*
 * The thread port: made on first use (mach_thread_self, task_threads,
 * thread_create), under the task's lock so that a thread leaving, which
 * marks ith_self IP_DEAD under the same lock, never gets a new one.
 */
ipc_port_t
thread_port_make_send(thread_t th)
{
	struct ipc_thread *ith = thread_ipc(th);
	task_t t = thread_task(th);
	ipc_port_t port, fresh = IP_NULL;

	KASSERT(t != NULL);
	spin_lock(&t->lock);
	port = ith->ith_self;
	spin_unlock(&t->lock);
	if (port == IP_NULL) {
		fresh = ipc_port_alloc_kernel(th, IKOT_THREAD_CONTROL);
		if (fresh == IP_NULL)
			return IP_NULL;
	}
	spin_lock(&t->lock);
	if (ith->ith_self == IP_NULL) {
		ith->ith_self = fresh;
		fresh = IP_NULL;
	}
	port = ith->ith_self;
	/* the port lock nests inside the task lock (as trap_task_self) */
	port = port == IP_DEAD ? IP_DEAD : ipc_port_make_send(port);
	spin_unlock(&t->lock);
	if (fresh != IP_NULL)
		ipc_port_dealloc_kernel(fresh);	/* another thread made one first */
	return port;
}

bool
thread_exiting_locked(thread_t th)
{
	return thread_ipc(th)->ith_self == IP_DEAD;
}

void
thread_exit_user(void)
{
	thread_t self = current_thread();
	struct thread_task_fields f;
	struct machine_thread *mt = thread_machine(self);
	task_t t = thread_task(self);
	struct thread_times times;
	ipc_port_t port;
	bool last;
	uint64_t s;

	KASSERT(t != NULL);
	/* off the task's page tables before they can go */
	s = intr_disable();
	mt->pmap = NULL;
	pmap_activate(NULL);
	intr_restore(s);

	thread_task_fields(self, &f);
	thread_times(self, &times);
	spin_lock(&t->lock);
	/* its time so far goes to the task's threads that ended */
	t->dead_user_ns += times.user_ns;
	t->dead_system_ns += times.system_ns;
	for (thread_t *pp = &t->threads; *pp != NULL; ) {
		struct thread_task_fields g;

		if (*pp == self) {
			*pp = *f.next;
			break;
		}
		thread_task_fields(*pp, &g);
		pp = g.next;
	}
	last = --t->thread_count == 0;
	if (last) {
		t->active = false;
		/* waiters join it: when they return, it is gone */
		thread_reference(self);
		t->last_thread = self;
	}
	/* its port dies with it: send rights to it become dead names */
	port = thread_ipc(self)->ith_self;
	thread_ipc(self)->ith_self = IP_DEAD;
	spin_unlock(&t->lock);
	if (port != IP_NULL)
		ipc_port_dealloc_kernel(port);
	/* marked leaving: none of its exception ports can be set any more */
	thread_exc_terminate(self);
	ipc_thread_terminate(self);
	if (last)
		task_release_map(t);
	task_deallocate(t);
	thread_terminate_self();
}

kern_return_t
thread_get_state(thread_t th, int flavor, void *state, unsigned *count)
{
	if (th == NULL || thread_task(th) == NULL || state == NULL || count == NULL)
		return KERN_INVALID_ARGUMENT;
	return machine_thread_get_state(thread_machine(th), flavor, state, count);
}

/*
 * th resumes with the state set: every register from its frame, not the
 * ones a system call's short return would keep (AST_UFRAME)
 */
kern_return_t
thread_set_state(thread_t th, int flavor, const void *state, unsigned count)
{
	kern_return_t kr;

	if (th == NULL || thread_task(th) == NULL || state == NULL)
		return KERN_INVALID_ARGUMENT;
	kr = machine_thread_set_state(thread_machine(th), flavor, state, count);
	if (kr == KERN_SUCCESS)
		thread_ast_set(th, AST_UFRAME);
	return kr;
}

void
task_times(task_t t, struct task_times *tt)
{
	struct thread_task_fields f;
	struct thread_times th;

	tt->live_user = tt->live_system = 0;
	spin_lock(&t->lock);
	tt->dead_user = t->dead_user_ns;
	tt->dead_system = t->dead_system_ns;
	for (thread_t p = t->threads; p != NULL; p = *f.next) {
		thread_task_fields(p, &f);
		thread_times(p, &th);
		tt->live_user += th.user_ns;
		tt->live_system += th.system_ns;
	}
	spin_unlock(&t->lock);
}

kern_return_t
task_threads_list(task_t t, thread_t *list, uint32_t max, uint32_t *count)
{
	struct thread_task_fields f;
	uint32_t n = 0;

	if (t == NULL)
		return KERN_INVALID_ARGUMENT;
	spin_lock(&t->lock);
	for (thread_t th = t->threads; th != NULL; th = *f.next) {
		thread_task_fields(th, &f);
		if (n < max) {
			thread_reference(th);
			list[n] = th;
		}
		n++;
	}
	spin_unlock(&t->lock);
	*count = n;
	return KERN_SUCCESS;
}
