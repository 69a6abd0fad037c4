/*
 * task/task_semaphore.c - semaphores owned by tasks and named by ports
 * (task_semaphore.h).
 *
 * References: semaphore_create_internal's reference belongs to the send
 * rights as a whole from the moment the one send right is made, and only
 * the no-senders hook drops it.  An owner's list holds no reference of
 * its own: a semaphore on a list always still has its senders' reference
 * (the hook takes it off the list before it drops that), so whoever finds
 * it there under semaphore_owners_lock may take a reference.
 *
 * Locks: semaphore_owners_lock ([o] in kernel/sync/semaphore.h) guards
 * every task's list (task->semaphores) and each semaphore's owner links
 * and port field; it is taken after a task's lock (task_semaphore_create)
 * and takes nothing else.  The no-senders hook may run with an IPC space
 * locked (a right released during a copyout), hence a rank above the
 * port lock's.  A semaphore's own lock is never held with it.
 */
#include "kernel/ipc/ipc_port.h"
#include "kernel/panic.h"
#include "kernel/startup.h"
#include "task/task_semaphore.h"

static struct spinlock semaphore_owners_lock =
    SPINLOCK_INITIALIZER_RANKED("semaphore_owners", LOCK_RANK_IPC_PORT + 1);

/* --- the owner's list; semaphore_owners_lock held --- */

/*
 * (a list's head is written atomically: task_semaphores_destroy_all peeks
 * at it without the lock)
 */
static void
owner_link(task_t t, semaphore_t s)
{
	s->owner_next = t->semaphores;
	if (s->owner_next != NULL)
		s->owner_next->owner_prevp = &s->owner_next;
	s->owner_prevp = &t->semaphores;
	__atomic_store_n(&t->semaphores, s, __ATOMIC_RELAXED);
}

/* s leaves its owner's list; false if it was on none (destroyed) */
static bool
owner_unlink(semaphore_t s)
{
	if (s->owner_prevp == NULL)
		return false;
	__atomic_store_n(s->owner_prevp, s->owner_next, __ATOMIC_RELAXED);
	if (s->owner_next != NULL)
		s->owner_next->owner_prevp = s->owner_prevp;
	s->owner_next = NULL;
	s->owner_prevp = NULL;
	return true;
}

/* --- the kernel-object kind --- */

static void
semaphore_kobject_reference(void *obj)
{
	semaphore_reference(obj);
}

/*
 * The last send right to a semaphore's port is gone (from
 * ipc_port_release_send: no lock held, but maybe a space's): nobody can
 * name it any more.  It leaves its owner and is destroyed (a thread still
 * in a wait on it, which looked it up before, returns KERN_TERMINATED
 * rather than wait for a signal nobody can send), the port dies and the
 * senders' reference goes.  Once per semaphore.
 */
static void
semaphore_no_senders(ipc_port_t port)
{
	semaphore_t s = port->ip_kobject;	/* set while the port is alive */

	if (s == SEMAPHORE_NULL || s->port != port)
		panic("semaphore_no_senders: port %p is not its semaphore's", port);
	spin_lock(&semaphore_owners_lock);
	(void)owner_unlink(s);
	s->port = NULL;
	spin_unlock(&semaphore_owners_lock);
	(void)semaphore_destroy(s);		/* KERN_TERMINATED: was already */
	ipc_port_dealloc_kernel(port);
	semaphore_deallocate(s);
}

static void
task_semaphore_init(void)
{
	ipc_kobject_register(IKOT_SEMAPHORE, semaphore_kobject_reference);
	ipc_kobject_register_no_senders(IKOT_SEMAPHORE, semaphore_no_senders);
}
STARTUP(TASKS, task_semaphore_init);

/* --- creation and destruction on a task --- */

kern_return_t
task_semaphore_create(task_t t, int policy, int value, ipc_port_t *srightp)
{
	semaphore_t s;
	ipc_port_t port, sright;
	kern_return_t kr;

	*srightp = IP_NULL;
	if ((kr = semaphore_create_internal(policy, value, &s)) != KERN_SUCCESS)
		return kr;
	if ((port = ipc_port_alloc_kernel(s, IKOT_SEMAPHORE)) == IP_NULL) {
		semaphore_deallocate(s);
		return KERN_RESOURCE_SHORTAGE;
	}
	/* nobody else sees s yet */
	s->port = port;
	s->owner_id = t->task_id;
	/* from here the send rights hold s: releasing this one frees it */
	sright = ipc_port_make_send(port);
	/* a task that began to end has destroyed its semaphores, or will */
	spin_lock(&t->lock);
	if (!t->active) {
		spin_unlock(&t->lock);
		ipc_port_release_send(sright);
		return KERN_INVALID_TASK;
	}
	spin_lock(&semaphore_owners_lock);
	owner_link(t, s);
	spin_unlock(&semaphore_owners_lock);
	spin_unlock(&t->lock);
	*srightp = sright;
	return KERN_SUCCESS;
}

kern_return_t
task_semaphore_destroy(task_t t, semaphore_t s)
{
	if (t == TASK_NULL || s == SEMAPHORE_NULL)
		return KERN_INVALID_ARGUMENT;
	if (s->owner_id != t->task_id)
		return KERN_INVALID_RIGHT;
	spin_lock(&semaphore_owners_lock);
	(void)owner_unlink(s);
	spin_unlock(&semaphore_owners_lock);
	/* (whoever took s off the list first destroys it: the other sees it dead) */
	return semaphore_destroy(s);
}

void
task_semaphores_destroy_all(task_t t)
{
	semaphore_t s;

	/*
	 * Owning none, the usual case, takes no lock: t is inactive, and a
	 * semaphore joins a list only under its task's lock while the task
	 * is active, so our caller (who saw t inactive under that lock, or
	 * holds its last reference) sees every one that joined; one a
	 * no-senders hook is taking off meanwhile is no matter either way.
	 */
	if (__atomic_load_n(&t->semaphores, __ATOMIC_RELAXED) == SEMAPHORE_NULL)
		return;
	for (;;) {
		spin_lock(&semaphore_owners_lock);
		if ((s = t->semaphores) == SEMAPHORE_NULL) {
			spin_unlock(&semaphore_owners_lock);
			return;
		}
		(void)owner_unlink(s);
		semaphore_reference(s);		/* on the list: still referenced */
		spin_unlock(&semaphore_owners_lock);
		(void)semaphore_destroy(s);
		semaphore_deallocate(s);
	}
}

uint32_t
task_semaphores_owned(task_t t)
{
	uint32_t n = 0;

	spin_lock(&semaphore_owners_lock);
	for (semaphore_t s = t->semaphores; s != SEMAPHORE_NULL; s = s->owner_next)
		n++;
	spin_unlock(&semaphore_owners_lock);
	return n;
}

/* --- names --- */

kern_return_t
port_name_to_semaphore(mach_port_name_t name, semaphore_t *sp)
{
	void *obj;
	kern_return_t kr;

	kr = ipc_kobject_translate_send(current_task()->itk_space, name,
	    IKOT_SEMAPHORE, &obj);
	*sp = kr == KERN_SUCCESS ? obj : SEMAPHORE_NULL;
	return kr;
}

kern_return_t
port_names_to_semaphores(const mach_port_name_t *names, semaphore_t *sp,
    unsigned n)
{
	return ipc_kobject_translate_sends(current_task()->itk_space,
	    IKOT_SEMAPHORE, names, (void **)sp, n);
}

semaphore_t
semaphore_of_port(ipc_port_t port)
{
	semaphore_t s = SEMAPHORE_NULL;

	if (!IP_VALID(port))
		return SEMAPHORE_NULL;
	ip_lock(port);
	if (ip_active(port) && ip_kotype(port) == IKOT_SEMAPHORE) {
		s = port->ip_kobject;
		semaphore_reference(s);
	}
	ip_unlock(port);
	return s;
}
