/*
 * task/exception_ports.c - the exception ports of threads, tasks and the
 * host: setting, getting and swapping them, inheritance and teardown
 * (exception.h).
 *
 * The three levels share one set of operations on an action array under
 * its owner's lock: the task's lock for a task's and its threads' arrays,
 * the host's lock for the host's.  Each takes its new send rights under
 * the lock (ipc_port_copy_send: the port lock nests inside) and releases
 * the old ones after unlocking, since releasing a send right may send a
 * no-senders notification.
 *
 * A thread's array is allocated the first time one of its ports is set
 * (most threads never have one) and hangs off the slot the scheduler
 * keeps for the task layer (thread_task_exc).  A thread
 * that has begun to leave (thread_exiting_locked, under the task lock)
 * gets no new one: thread_exc_terminate, which runs after that point,
 * frees the last.
 */
#include <mach/riscv/thread_status.h>
#include "kernel/lib/string.h"
#include "kernel/panic.h"
#include "kernel/vm/kalloc.h"
#include "task/exception.h"
#include "task/task.h"

struct thread_exc {
	struct exception_action actions[EXC_TYPES_COUNT];	/* [t] */
};

struct host realhost = {
	.lock = SPINLOCK_INITIALIZER("host"),
};

/* --- one action array, its owner's lock held --- */

static kern_return_t
exc_check(exception_mask_t mask, ipc_port_t new_port,
    exception_behavior_t behavior, thread_state_flavor_t flavor)
{
	if (mask & ~EXC_MASK_VALID)
		return KERN_INVALID_ARGUMENT;
	if (IP_VALID(new_port)) {
		switch (behavior & ~MACH_EXCEPTION_MASK) {
		case EXCEPTION_DEFAULT:
		case EXCEPTION_STATE:
		case EXCEPTION_STATE_IDENTITY:
			break;
		default:
			/* EXCEPTION_IDENTITY_PROTECTED too: rvmach sends no such message */
			return KERN_INVALID_ARGUMENT;
		}
		if (behavior & MACH_EXCEPTION_BACKTRACE_PREFERRED)
			return KERN_INVALID_ARGUMENT;
	}
	if (flavor != 0 && !VALID_THREAD_STATE_FLAVOR(flavor))
		return KERN_INVALID_ARGUMENT;
	/* XNU: these two need 64-bit codes even with no port */
	if (((behavior & ~MACH_EXCEPTION_MASK) == EXCEPTION_IDENTITY_PROTECTED ||
	    (behavior & MACH_EXCEPTION_BACKTRACE_PREFERRED)) &&
	    !(behavior & MACH_EXCEPTION_CODES))
		return KERN_INVALID_ARGUMENT;
	return KERN_SUCCESS;
}

static bool
exc_in(exception_mask_t mask, int i)
{
	return (mask & (1u << i)) != 0;
}

/* set: old[] gets the rights replaced (IP_NULL elsewhere) */
static void
exc_set_locked(struct exception_action *acts, exception_mask_t mask,
    ipc_port_t new_port, exception_behavior_t behavior,
    thread_state_flavor_t flavor, ipc_port_t old[EXC_TYPES_COUNT])
{
	for (int i = 0; i < EXC_TYPES_COUNT; i++) {
		old[i] = IP_NULL;
		if (i < FIRST_EXCEPTION || !exc_in(mask, i))
			continue;
		old[i] = acts[i].port;
		acts[i].port = ipc_port_copy_send(new_port);
		acts[i].behavior = behavior;
		acts[i].flavor = flavor;
	}
}

/* is action i the same as entry j of info (XNU compares the copied right)? */
static bool
exc_same(const struct exception_action *a, const struct exception_ports_info *info,
    uint32_t j)
{
	return a->port == info->ports[j] && a->behavior == info->behaviors[j] &&
	    a->flavor == info->flavors[j];
}

static void
exc_entry_new(const struct exception_action *a, struct exception_ports_info *info,
    uint32_t j, int i)
{
	info->masks[j] = 1u << i;
	info->ports[j] = ipc_port_copy_send(a->port);
	info->behaviors[j] = a->behavior;
	info->flavors[j] = a->flavor;
}

/* get: one entry per distinct action, while there is room */
static void
exc_get_locked(const struct exception_action *acts, exception_mask_t mask,
    struct exception_ports_info *info)
{
	uint32_t room = MIN(info->count, (uint32_t)EXC_TYPES_COUNT), count = 0;

	for (int i = FIRST_EXCEPTION; i < EXC_TYPES_COUNT; i++) {
		uint32_t j;

		if (!exc_in(mask, i))
			continue;
		for (j = 0; j < count; j++) {
			if (exc_same(&acts[i], info, j)) {
				info->masks[j] |= 1u << i;
				break;
			}
		}
		if (j == count && count < room)
			exc_entry_new(&acts[i], info, count++, i);
	}
	info->count = count;
}

/* swap: as XNU, the loop (get and set both) ends when the room is full */
static void
exc_swap_locked(struct exception_action *acts, exception_mask_t mask,
    ipc_port_t new_port, exception_behavior_t behavior,
    thread_state_flavor_t flavor, struct exception_ports_info *info,
    ipc_port_t old[EXC_TYPES_COUNT])
{
	uint32_t room = MIN(info->count, (uint32_t)EXC_TYPES_COUNT), count = 0;

	for (int i = 0; i < EXC_TYPES_COUNT; i++)
		old[i] = IP_NULL;
	for (int i = FIRST_EXCEPTION; i < EXC_TYPES_COUNT && count < room; i++) {
		uint32_t j;

		if (!exc_in(mask, i))
			continue;
		for (j = 0; j < count; j++) {
			if (exc_same(&acts[i], info, j)) {
				info->masks[j] |= 1u << i;
				break;
			}
		}
		if (j == count)
			exc_entry_new(&acts[i], info, count++, i);
		old[i] = acts[i].port;
		acts[i].port = ipc_port_copy_send(new_port);
		acts[i].behavior = behavior;
		acts[i].flavor = flavor;
	}
	info->count = count;
}

/* after unlocking: the replaced rights and the caller's new_port go */
static void
exc_release(ipc_port_t old[EXC_TYPES_COUNT], ipc_port_t new_port)
{
	for (int i = 0; i < EXC_TYPES_COUNT; i++)
		ipc_port_release_send(old[i]);
	ipc_port_release_send(new_port);
}

void
exception_ports_info_release(struct exception_ports_info *info)
{
	for (uint32_t j = 0; j < info->count; j++) {
		ipc_port_release_send(info->ports[j]);
		info->ports[j] = IP_NULL;
	}
	info->count = 0;
}

/* --- the three levels --- */

enum exc_op { EXC_OP_SET, EXC_OP_GET, EXC_OP_SWAP };

struct exc_call {
	enum exc_op op;
	exception_mask_t mask;
	ipc_port_t new_port;
	exception_behavior_t behavior;
	thread_state_flavor_t flavor;
	struct exception_ports_info *info;
};

/* do call on acts, its lock held; old[] for exc_release */
static void
exc_do_locked(struct exception_action *acts, const struct exc_call *c,
    ipc_port_t old[EXC_TYPES_COUNT])
{
	switch (c->op) {
	case EXC_OP_SET:
		exc_set_locked(acts, c->mask, c->new_port, c->behavior,
		    c->flavor, old);
		break;
	case EXC_OP_GET:
		for (int i = 0; i < EXC_TYPES_COUNT; i++)
			old[i] = IP_NULL;
		exc_get_locked(acts, c->mask, c->info);
		break;
	case EXC_OP_SWAP:
		exc_swap_locked(acts, c->mask, c->new_port, c->behavior,
		    c->flavor, c->info, old);
		break;
	}
}

static kern_return_t
exc_call_check(const struct exc_call *c)
{
	if (c->op == EXC_OP_GET)
		return (c->mask & ~EXC_MASK_VALID) ? KERN_INVALID_ARGUMENT :
		    KERN_SUCCESS;
	return exc_check(c->mask, c->new_port, c->behavior, c->flavor);
}

static kern_return_t
task_exc_call(task_t t, const struct exc_call *c)
{
	ipc_port_t old[EXC_TYPES_COUNT];
	kern_return_t kr;

	if (t == NULL || t == kernel_task)
		kr = KERN_INVALID_ARGUMENT;
	else
		kr = exc_call_check(c);
	if (kr != KERN_SUCCESS) {
		ipc_port_release_send(c->new_port);
		return kr;
	}
	spin_lock(&t->lock);
	if (t->itk_self == IP_NULL) {
		/* its IPC is gone (XNU: !task->ipc_active) */
		spin_unlock(&t->lock);
		ipc_port_release_send(c->new_port);
		return KERN_FAILURE;
	}
	exc_do_locked(t->itk_exc, c, old);
	spin_unlock(&t->lock);
	exc_release(old, c->new_port);
	return KERN_SUCCESS;
}

/*
 * th's actions, its task locked: spare (if any) installed when it has
 * none; NULL if it has none, or *krp = KERN_FAILURE if it is leaving
 */
static struct thread_exc *
thread_exc_locked(thread_t th, struct thread_exc **spare, kern_return_t *krp)
{
	void **slot = thread_task_exc(th);
	struct thread_exc *te;

	if (thread_exiting_locked(th)) {
		*krp = KERN_FAILURE;
		return NULL;
	}
	te = *slot;
	if (te == NULL && *spare != NULL) {
		te = *spare;
		*spare = NULL;
		*slot = te;
	}
	*krp = KERN_SUCCESS;
	return te;
}

static kern_return_t
thread_exc_call(thread_t th, const struct exc_call *c)
{
	ipc_port_t old[EXC_TYPES_COUNT];
	struct thread_exc *spare = NULL, *te;
	task_t t;
	kern_return_t kr;

	if (th == THREAD_NULL || (t = thread_task(th)) == NULL)
		kr = KERN_INVALID_ARGUMENT;
	else
		kr = exc_call_check(c);
	if (kr != KERN_SUCCESS) {
		ipc_port_release_send(c->new_port);
		return kr;
	}
	/* an array for a thread that has none, made before the lock is taken */
	if (c->op != EXC_OP_GET &&
	    __atomic_load_n(thread_task_exc(th), __ATOMIC_RELAXED) == NULL &&
	    (spare = kalloc_zero(sizeof(*spare))) == NULL) {
		ipc_port_release_send(c->new_port);
		return KERN_RESOURCE_SHORTAGE;
	}
	spin_lock(&t->lock);
	te = thread_exc_locked(th, &spare, &kr);
	if (te != NULL) {
		exc_do_locked(te->actions, c, old);
	} else if (kr == KERN_SUCCESS) {
		/* get with none set: every action is the empty one */
		struct exception_action none[EXC_TYPES_COUNT];

		memset(none, 0, sizeof(none));
		exc_do_locked(none, c, old);
	}
	spin_unlock(&t->lock);
	if (spare != NULL)
		kfree(spare, sizeof(*spare));
	if (kr != KERN_SUCCESS) {
		ipc_port_release_send(c->new_port);
		return kr;
	}
	exc_release(old, c->new_port);
	return KERN_SUCCESS;
}

static kern_return_t
host_exc_call(struct host *host, const struct exc_call *c)
{
	ipc_port_t old[EXC_TYPES_COUNT];
	kern_return_t kr = host == NULL ? KERN_INVALID_ARGUMENT :
	    exc_call_check(c);

	if (kr != KERN_SUCCESS) {
		ipc_port_release_send(c->new_port);
		return kr;
	}
	spin_lock(&host->lock);
	exc_do_locked(host->exc_actions, c, old);
	spin_unlock(&host->lock);
	exc_release(old, c->new_port);
	return KERN_SUCCESS;
}

#define EXC_SET(mask_, port_, behavior_, flavor_) (&(const struct exc_call){ \
	.op = EXC_OP_SET, .mask = (mask_), .new_port = (port_),		\
	.behavior = (behavior_), .flavor = (flavor_) })
#define EXC_GET(mask_, info_) (&(const struct exc_call){		\
	.op = EXC_OP_GET, .mask = (mask_), .new_port = IP_NULL, .info = (info_) })
#define EXC_SWAP(mask_, port_, behavior_, flavor_, info_) (&(const struct exc_call){ \
	.op = EXC_OP_SWAP, .mask = (mask_), .new_port = (port_),	\
	.behavior = (behavior_), .flavor = (flavor_), .info = (info_) })

kern_return_t
task_set_exception_ports(task_t t, exception_mask_t mask, ipc_port_t new_port,
    exception_behavior_t behavior, thread_state_flavor_t flavor)
{
	return task_exc_call(t, EXC_SET(mask, new_port, behavior, flavor));
}

kern_return_t
task_get_exception_ports(task_t t, exception_mask_t mask,
    struct exception_ports_info *info)
{
	return task_exc_call(t, EXC_GET(mask, info));
}

kern_return_t
task_swap_exception_ports(task_t t, exception_mask_t mask, ipc_port_t new_port,
    exception_behavior_t behavior, thread_state_flavor_t flavor,
    struct exception_ports_info *info)
{
	return task_exc_call(t, EXC_SWAP(mask, new_port, behavior, flavor, info));
}

kern_return_t
thread_set_exception_ports(thread_t th, exception_mask_t mask,
    ipc_port_t new_port, exception_behavior_t behavior,
    thread_state_flavor_t flavor)
{
	return thread_exc_call(th, EXC_SET(mask, new_port, behavior, flavor));
}

kern_return_t
thread_get_exception_ports(thread_t th, exception_mask_t mask,
    struct exception_ports_info *info)
{
	return thread_exc_call(th, EXC_GET(mask, info));
}

kern_return_t
thread_swap_exception_ports(thread_t th, exception_mask_t mask,
    ipc_port_t new_port, exception_behavior_t behavior,
    thread_state_flavor_t flavor, struct exception_ports_info *info)
{
	return thread_exc_call(th, EXC_SWAP(mask, new_port, behavior, flavor, info));
}

kern_return_t
host_set_exception_ports(struct host *host, exception_mask_t mask,
    ipc_port_t new_port, exception_behavior_t behavior,
    thread_state_flavor_t flavor)
{
	return host_exc_call(host, EXC_SET(mask, new_port, behavior, flavor));
}

kern_return_t
host_get_exception_ports(struct host *host, exception_mask_t mask,
    struct exception_ports_info *info)
{
	return host_exc_call(host, EXC_GET(mask, info));
}

kern_return_t
host_swap_exception_ports(struct host *host, exception_mask_t mask,
    ipc_port_t new_port, exception_behavior_t behavior,
    thread_state_flavor_t flavor, struct exception_ports_info *info)
{
	return host_exc_call(host, EXC_SWAP(mask, new_port, behavior, flavor, info));
}

/* --- life cycle --- */

void
task_exc_inherit(task_t t, task_t parent)
{
	/* the kernel task never has any (task_exc_call refuses it) */
	if (parent == NULL || parent == kernel_task)
		return;
	spin_lock(&parent->lock);
	for (int i = FIRST_EXCEPTION; i < EXC_TYPES_COUNT; i++) {
		t->itk_exc[i] = parent->itk_exc[i];
		if (IP_VALID(t->itk_exc[i].port))
			t->itk_exc[i].port = ipc_port_copy_send(t->itk_exc[i].port);
	}
	spin_unlock(&parent->lock);
}

void
task_exc_release(task_t t)
{
	ipc_port_t old[EXC_TYPES_COUNT];
	int n = 0;

	/* (most tasks never had one: nothing to call for them) */
	spin_lock(&t->lock);
	for (int i = FIRST_EXCEPTION; i < EXC_TYPES_COUNT; i++) {
		if (IP_VALID(t->itk_exc[i].port))
			old[n++] = t->itk_exc[i].port;
		t->itk_exc[i].port = IP_NULL;
	}
	spin_unlock(&t->lock);
	while (n > 0)
		ipc_port_release_send(old[--n]);
}

void
thread_exc_terminate(thread_t th)
{
	void **slot = thread_task_exc(th);
	struct thread_exc *te;
	task_t t = thread_task(th);

	spin_lock(&t->lock);
	KASSERT(thread_exiting_locked(th));
	te = *slot;
	*slot = NULL;
	spin_unlock(&t->lock);
	if (te == NULL)
		return;
	for (int i = 0; i < EXC_TYPES_COUNT; i++)
		ipc_port_release_send(te->actions[i].port);
	kfree(te, sizeof(*te));
}

bool
exception_action_copy(int level, exception_type_t exc,
    struct exception_action *act)
{
	thread_t self = current_thread();
	task_t t = thread_task(self);
	struct exception_action *src = NULL;
	struct spinlock *lock;
	struct thread_exc *te;

	act->port = IP_NULL;
	if (t == NULL || exc < FIRST_EXCEPTION || exc >= EXC_TYPES_COUNT)
		return false;
	lock = level == 2 ? &realhost.lock : &t->lock;
	spin_lock(lock);
	switch (level) {
	case 0:
		te = *thread_task_exc(self);
		if (te != NULL)
			src = &te->actions[exc];
		break;
	case 1:
		src = &t->itk_exc[exc];
		break;
	case 2:
		src = &realhost.exc_actions[exc];
		break;
	default:
		break;
	}
	if (src != NULL && IP_VALID(src->port)) {
		*act = *src;
		act->port = ipc_port_copy_send(src->port);
	}
	spin_unlock(lock);
	if (!IP_VALID(act->port)) {
		act->port = IP_NULL;	/* a dead port: as if none */
		return false;
	}
	return true;
}
