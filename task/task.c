/*
 * task/task.c - task objects: creation (with or without the parent's
 * memory), references, termination, suspension, information, special
 * ports.
 */
#include <mach/riscv/vm_param.h>
#include <mach/task_special_ports.h>
#include "kernel/lib/printf.h"
#include "kernel/lib/string.h"
#include "kernel/panic.h"
#include "kernel/ipc/ipc_space.h"
#include "kernel/startup.h"
#include "kernel/vm/zone.h"
#include "task/task.h"
#include "task/task_semaphore.h"

static struct zone *task_zone;			/* [c] */
static uint64_t task_next_id = 1;		/* [a] */
static uint64_t ntasks;				/* [a] alive */
static struct task kernel_task_store;
static struct spinlock tasks_all_lock = SPINLOCK_INITIALIZER("tasks_all");
struct task *tasks_all;				/* [l] every task (gdb: rv-tasks) */

static void
tasks_all_link(struct task *t)
{
	spin_lock(&tasks_all_lock);
	t->all_next = tasks_all;
	if (tasks_all != NULL)
		tasks_all->all_prev = t;
	tasks_all = t;
	spin_unlock(&tasks_all_lock);
}

static void
tasks_all_unlink(struct task *t)
{
	spin_lock(&tasks_all_lock);
	if (t->all_prev != NULL)
		t->all_prev->all_next = t->all_next;
	else
		tasks_all = t->all_next;
	if (t->all_next != NULL)
		t->all_next->all_prev = t->all_prev;
	spin_unlock(&tasks_all_lock);
}
task_t kernel_task;				/* [c] */

static void task_release_ipc(task_t t);

STARTUP(VM, vm_map_bootstrap);

void
task_bootstrap(void)
{
	task_zone = zone_create("task", sizeof(struct task), 0);
	if (task_zone == NULL)
		panic("task_bootstrap: no memory for the task zone");
	kernel_task = &kernel_task_store;
	spinlock_init(&kernel_task->lock, "task");
	kernel_task->refs = 1;
	kernel_task->task_id = 0;
	kernel_task->active = true;
	strlcpy(kernel_task->name, "kernel_task", sizeof(kernel_task->name));
	tasks_all_link(kernel_task);
	__atomic_fetch_add(&ntasks, 1, __ATOMIC_RELAXED);
	task_trap_init();
}

kern_return_t
task_create_internal(task_t parent, bool inherit_memory, task_t *out)
{
	struct task *t;
	pmap_t pmap;
	vm_map_t map;

	if (inherit_memory && (parent == NULL || parent->map == NULL))
		return KERN_INVALID_ARGUMENT;
	if ((t = zalloc_flags(task_zone, Z_ZERO)) == NULL)
		return KERN_RESOURCE_SHORTAGE;
	if ((pmap = pmap_create()) == NULL)
		goto fail;
	map = NULL;
	if (inherit_memory) {
		/* the parent's map cannot go while we fork it: a reference */
		spin_lock(&parent->lock);
		map = parent->map;
		if (map != NULL)
			vm_map_reference(map);
		spin_unlock(&parent->lock);
		if (map == NULL) {
			pmap_destroy(pmap);
			zfree(task_zone, t);
			return KERN_TERMINATED;
		}
	}
	if (map != NULL) {
		vm_map_t parent_map = map;

		map = vm_map_fork(parent_map, pmap);
		vm_map_deallocate(parent_map);
	} else {
		map = vm_map_create(pmap, VM_MIN_ADDRESS, VM_MAX_ADDRESS);
	}
	if (map == NULL) {
		pmap_destroy(pmap);
		goto fail;
	}
	if (ipc_space_create(t, &t->itk_space) != KERN_SUCCESS) {
		vm_map_deallocate(map);
		goto fail;
	}
	t->itk_self = ipc_port_alloc_kernel(t, IKOT_TASK_CONTROL);
	if (t->itk_self == IP_NULL) {
		ipc_space_terminate(t->itk_space);
		ipc_space_release(t->itk_space);
		vm_map_deallocate(map);
		goto fail;
	}
	spinlock_init(&t->lock, "task");
	task_exc_inherit(t, parent);
	t->refs = 1;
	t->task_id = __atomic_fetch_add(&task_next_id, 1, __ATOMIC_RELAXED);
	t->itk_sender.sec = (security_token_t){ { 0, 0 } };
	t->itk_sender.audit = (audit_token_t){ { 0, 0, 0, 0, 0,
	    (uint32_t)t->task_id, 0, (uint32_t)(t->task_id >> 32) } };
	t->map = map;
	t->active = true;
	strlcpy(t->name, parent != NULL ? parent->name : "task", sizeof(t->name));
	if (parent != NULL) {
		/* as in XNU, the child gets the parent's bootstrap port */
		spin_lock(&parent->lock);
		t->itk_bootstrap = ipc_port_copy_send(parent->itk_bootstrap);
		t->console_diag = parent->console_diag;
		spin_unlock(&parent->lock);
	}
	__atomic_fetch_add(&ntasks, 1, __ATOMIC_RELAXED);
	tasks_all_link(t);
	*out = t;
	return KERN_SUCCESS;
fail:
	zfree(task_zone, t);
	return KERN_RESOURCE_SHORTAGE;
}

/*
 * a reference count of 0 (a task being freed, or freed) or past 2^30 (a
 * freed element's free-list link read as a count) in a debug kernel
 * panics at once, naming the caller in its backtrace, instead of
 * corrupting the task zone later (as io_refs_insane does for ports)
 */
#ifdef RVMACH_DEBUG
static __attribute__((noreturn, noinline)) void
task_refs_insane(task_t t, uint32_t refs, const char *op)
{
	panic("%s: task %p has %#x references", op, t, refs);
}
#endif

void
task_reference(task_t t)
{
	uint32_t old = __atomic_fetch_add(&t->refs, 1, __ATOMIC_RELAXED);

#ifdef RVMACH_DEBUG
	if (old == 0 || old > (1u << 30))
		task_refs_insane(t, old, "task_reference");
#else
	(void)old;
#endif
}

void
task_deallocate(task_t t)
{
	uint32_t old;

	if (t == NULL || t == kernel_task)
		return;
	old = __atomic_fetch_sub(&t->refs, 1, __ATOMIC_ACQ_REL);
#ifdef RVMACH_DEBUG
	if (old == 0 || old > (1u << 30))
		task_refs_insane(t, old, "task_deallocate");
#endif
	if (old != 1)
		return;
	KASSERT(t->thread_count == 0);
	task_release_ipc(t);
	ipc_space_release(t->itk_space);
	vm_map_deallocate(t->map);
	if (t->last_thread != THREAD_NULL)
		thread_deallocate(t->last_thread);
	tasks_all_unlink(t);
	__atomic_fetch_sub(&ntasks, 1, __ATOMIC_RELAXED);
	zfree(task_zone, t);
}

uint32_t
tasks_snapshot(task_t *list, uint32_t max)
{
	uint32_t n = 0, r;

	spin_lock(&tasks_all_lock);
	for (task_t t = tasks_all; t != NULL; t = t->all_next) {
		if (t == kernel_task || !__atomic_load_n(&t->active, __ATOMIC_RELAXED))
			continue;
		/* one whose last reference is going (not yet unlinked) is gone */
		r = __atomic_load_n(&t->refs, __ATOMIC_RELAXED);
		if (r == 0)
			continue;
		if (n < max) {
			while (r != 0 && !__atomic_compare_exchange_n(&t->refs, &r,
			    r + 1, false, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
				;
			if (r == 0)
				continue;
			list[n] = t;
		}
		n++;
	}
	spin_unlock(&tasks_all_lock);
	return n;
}

void
task_set_name(task_t t, const char *name)
{
	spin_lock(&t->lock);
	strlcpy(t->name, name, sizeof(t->name));
	spin_unlock(&t->lock);
}

vm_map_t
current_map(void)
{
	return current_task()->map;
}

/*
 * the task is going: its rights go (receive rights destroy their ports,
 * notifications go out), its exception ports' rights go, and its task port
 * dies, so every send right to it becomes a dead name.  t unlocked; a
 * second call finds nothing left to do.
 */
static void
task_release_ipc(task_t t)
{
	ipc_port_t self, bootstrap;

	/* the semaphores it owns die with it (XNU: semaphore_destroy_all) */
	task_semaphores_destroy_all(t);
	spin_lock(&t->lock);
	self = t->itk_self;
	bootstrap = t->itk_bootstrap;
	t->itk_self = t->itk_bootstrap = IP_NULL;
	spin_unlock(&t->lock);
	if (self != IP_NULL)
		ipc_port_dealloc_kernel(self);
	if (bootstrap != IP_NULL)
		ipc_port_release_send(bootstrap);
	/* the first call: none can be set once the task port is gone */
	if (self != IP_NULL)
		task_exc_release(t);
	if (t->itk_space != NULL)
		ipc_space_terminate(t->itk_space);
}

/*
 * release an empty, terminated task's memory and wake its waiters; t
 * unlocked.  The caller holds a reference of its own: the task's hold on
 * itself (task_hold_alive) goes here.
 */
void
task_release_map(task_t t)
{
	vm_map_t map;
	bool alive_ref;

	task_release_ipc(t);
	spin_lock(&t->lock);
	map = t->map;
	t->map = NULL;
	spin_unlock(&t->lock);
	vm_map_deallocate(map);
	spin_lock(&t->lock);
	t->map_released = true;
	alive_ref = t->alive_ref;
	t->alive_ref = false;
	spin_unlock(&t->lock);
	thread_wakeup((event_t)&t->thread_count);
	if (alive_ref)
		task_deallocate(t);
}

void
task_hold_alive(task_t t)
{
	task_reference(t);
	spin_lock(&t->lock);
	KASSERT(!t->alive_ref && !t->map_released);
	t->alive_ref = true;
	spin_unlock(&t->lock);
}

/* ask every thread of t to stop for good; t locked */
static void
task_abort_threads_locked(task_t t)
{
	struct thread_task_fields f;

	for (thread_t th = t->threads; th != NULL; th = *f.next) {
		thread_task_fields(th, &f);
		thread_ast_set(th, AST_ABORT);
		thread_interrupt(th);
		thread_go(th);		/* never started: it leaves at once */
	}
	/* suspended ones wake up to leave */
	thread_wakeup((event_t)&t->suspend_count);
}

kern_return_t
task_terminate(task_t t)
{
	bool empty, self;

	if (t == NULL || t == kernel_task)
		return KERN_INVALID_ARGUMENT;
	spin_lock(&t->lock);
	if (!t->active) {
		spin_unlock(&t->lock);
		return KERN_TERMINATED;
	}
	t->active = false;
	task_abort_threads_locked(t);
	empty = t->thread_count == 0;
	spin_unlock(&t->lock);
	self = current_task() == t;
	if (self)
		thread_exit_user();
	if (empty)
		task_release_map(t);
	else
		task_wait_empty(t);
	return KERN_SUCCESS;
}

void
task_wait_empty(task_t t)
{
	thread_t last;

	for (;;) {
		assert_wait((event_t)&t->thread_count, THREAD_UNINT);
		spin_lock(&t->lock);
		if (t->thread_count == 0 && t->map_released)
			break;
		spin_unlock(&t->lock);
		thread_block();
	}
	last = t->last_thread;
	if (last != THREAD_NULL)
		thread_reference(last);
	spin_unlock(&t->lock);
	clear_wait(current_thread(), THREAD_AWAKENED);
	thread_block();
	/* it dropped its reference to t before it terminated */
	if (last != THREAD_NULL) {
		thread_join(last);
		thread_deallocate(last);
	}
}

kern_return_t
task_suspend(task_t t)
{
	struct thread_task_fields f;

	if (t == NULL || t == kernel_task)
		return KERN_INVALID_ARGUMENT;
	spin_lock(&t->lock);
	if (!t->active) {
		spin_unlock(&t->lock);
		return KERN_TERMINATED;
	}
	if (t->suspend_count++ == 0) {
		for (thread_t th = t->threads; th != NULL; th = *f.next) {
			thread_task_fields(th, &f);
			thread_ast_set(th, AST_SUSPEND);
		}
	}
	spin_unlock(&t->lock);
	return KERN_SUCCESS;
}

kern_return_t
task_resume(task_t t)
{
	bool wake;

	if (t == NULL || t == kernel_task)
		return KERN_INVALID_ARGUMENT;
	spin_lock(&t->lock);
	if (!t->active) {
		spin_unlock(&t->lock);
		return KERN_TERMINATED;
	}
	if (t->suspend_count == 0) {
		spin_unlock(&t->lock);
		return KERN_FAILURE;
	}
	wake = --t->suspend_count == 0;
	spin_unlock(&t->lock);
	if (wake)
		thread_wakeup((event_t)&t->suspend_count);
	return KERN_SUCCESS;
}

kern_return_t
task_info_basic(task_t t, struct task_basic_info_rv *info)
{
	vm_map_t map;

	if (t == NULL)
		return KERN_INVALID_ARGUMENT;
	memset(info, 0, sizeof(*info));
	spin_lock(&t->lock);
	map = t->map;
	if (map != NULL)
		vm_map_reference(map);
	info->thread_count = t->thread_count;
	info->suspend_count = t->suspend_count;
	info->faults = t->faults;
	spin_unlock(&t->lock);
	if (map != NULL) {
		struct pmap_stats ps;

		mutex_lock(&map->lock);
		info->virtual_size = map->size;
		mutex_unlock(&map->lock);
		pmap_get_stats(map->pmap, &ps);
		info->resident_size = ps.resident * PAGE_SIZE;
		info->cow_faults = map->cnt.cow_faults;
		info->zero_fills = map->cnt.zero_fills;
		vm_map_deallocate(map);
	}
	return KERN_SUCCESS;
}

/* --- special ports --- */

ipc_port_t
task_port_make_send(task_t t)
{
	ipc_port_t sright;

	spin_lock(&t->lock);
	sright = t->itk_self != IP_NULL ? ipc_port_make_send(t->itk_self) : IP_NULL;
	spin_unlock(&t->lock);
	return sright;
}

kern_return_t
task_get_special_port(task_t t, int which, ipc_port_t *portp)
{
	ipc_port_t port;

	spin_lock(&t->lock);
	if (t->itk_self == IP_NULL) {
		spin_unlock(&t->lock);
		return KERN_FAILURE;
	}
	switch (which) {
	case TASK_KERNEL_PORT:
		port = ipc_port_make_send(t->itk_self);
		break;
	case TASK_HOST_PORT:
		port = ipc_port_make_send(host_self_port());
		break;
	case TASK_BOOTSTRAP_PORT:
		port = ipc_port_copy_send(t->itk_bootstrap);
		break;
	default:
		spin_unlock(&t->lock);
		return KERN_INVALID_ARGUMENT;
	}
	spin_unlock(&t->lock);
	*portp = port;
	return KERN_SUCCESS;
}

kern_return_t
task_set_special_port(task_t t, int which, ipc_port_t port)
{
	ipc_port_t old;

	switch (which) {
	case TASK_KERNEL_PORT:
	case TASK_HOST_PORT:
		return KERN_NO_ACCESS;
	case TASK_BOOTSTRAP_PORT:
		break;
	default:
		return KERN_INVALID_ARGUMENT;
	}
	spin_lock(&t->lock);
	if (t->itk_self == IP_NULL) {
		spin_unlock(&t->lock);
		return KERN_FAILURE;
	}
	old = t->itk_bootstrap;
	t->itk_bootstrap = port;
	spin_unlock(&t->lock);
	ipc_port_release_send(old);
	return KERN_SUCCESS;
}

STARTUP(TASKS, task_bootstrap);

uint64_t
tasks_alive(void)
{
	return __atomic_load_n(&ntasks, __ATOMIC_RELAXED);
}
