/*
 * task/task_semaphore.h - Mach semaphores as user mode sees them: owned
 * by a task, named by send rights to their kernel-object ports.
 *
 * The object and its operations are kernel/sync/semaphore.h's.  This layer
 * adds what needs tasks and ports (XNU's semaphore_create/destroy on a
 * task, task->semaphore_list, convert_port_to_semaphore and the
 * semaphore's no-senders hook):
 *
 *   - a semaphore made for user mode gets a port (IKOT_SEMAPHORE) at once,
 *     and one send right to it, which its creator gets;
 *   - it belongs to a task (not necessarily the creator's), on whose list
 *     it stays until it is destroyed: by task_semaphore_destroy on that
 *     task, by the task's end (task_semaphores_destroy_all), or when its
 *     last send right goes;
 *   - the reference semaphore_create_internal gave is the senders' (XNU
 *     donates it to the port the same way): the port's no-senders hook
 *     takes the semaphore off its owner's list, destroys it (a thread
 *     still waiting gets KERN_TERMINATED), kills the port and drops that
 *     reference; whoever else holds one (a trap in progress) keeps the
 *     object until it returns.
 *
 * docs/semaphores.md, "Ports and ownership".
 */
#ifndef TASK_TASK_SEMAPHORE_H
#define TASK_TASK_SEMAPHORE_H

#include "kernel/ipc/ipc_port.h"
#include "kernel/sync/semaphore.h"
#include "task/task.h"

/*
 * task_semaphore_create - a semaphore owned by t, with policy and value
 * as semaphore_create_internal takes them; *srightp gets the one send
 * right to its port (the caller copies it out, or releases it, which
 * frees the semaphore).  No lock held.  KERN_INVALID_ARGUMENT (policy,
 * value), KERN_RESOURCE_SHORTAGE (SEMAPHORE_MAX semaphores, no memory for
 * the semaphore or its port), KERN_INVALID_TASK (t is ending).  Nothing
 * is left behind on an error.
 */
kern_return_t task_semaphore_create(task_t t, int policy, int value,
    ipc_port_t *srightp);

/*
 * task_semaphore_destroy - destroy s on behalf of t: every waiter returns
 * KERN_TERMINATED, s leaves t's list.  The caller's reference stays.
 * KERN_SUCCESS; KERN_INVALID_RIGHT if t does not own s (OSF Mach's code;
 * docs/abi.md for XNU's); KERN_TERMINATED if s was destroyed already.
 */
kern_return_t task_semaphore_destroy(task_t t, semaphore_t s);

/*
 * task_semaphores_destroy_all - t is ending: destroy every semaphore it
 * owns.  t is inactive (no new one can join its list).  No lock held.
 */
void task_semaphores_destroy_all(task_t t);

/* how many semaphores t owns (for tests) */
uint32_t task_semaphores_owned(task_t t);

/*
 * port_name_to_semaphore - the semaphore name names in the caller's
 * space, with a reference (XNU's).  KERN_INVALID_NAME, KERN_INVALID_RIGHT,
 * KERN_INVALID_CAPABILITY (a send right to another kind of port),
 * KERN_INVALID_TASK: ipc_kobject_translate_send's codes.
 */
kern_return_t port_name_to_semaphore(mach_port_name_t name, semaphore_t *sp);
/*
 * port_names_to_semaphores - the same for n names (1 or 2) at once:
 * the first bad name's code, in order, and then nothing is referenced.
 */
kern_return_t port_names_to_semaphores(const mach_port_name_t *names,
    semaphore_t *sp, unsigned n);

/*
 * semaphore_of_port - the semaphore of port, a send right the caller
 * holds, with a reference; SEMAPHORE_NULL if port is not a semaphore's
 * (IP_NULL, IP_DEAD, another kind): XNU's convert_port_to_semaphore.
 */
semaphore_t semaphore_of_port(ipc_port_t port);

#endif /* TASK_TASK_SEMAPHORE_H */
