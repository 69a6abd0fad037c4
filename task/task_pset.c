/*
 * task/task_pset.c - the processor set (XNU's processor_set.defs and the
 * host calls that hand it out): one set, the default, holding every
 * processor, as XNU has.  Two kernel objects' ports, made at boot: the
 * name port (IKOT_PSET_NAME: processor_set_default), which answers info
 * and statistics, and the control port (IKOT_PSET:
 * host_processor_set_priv), which also lists every task and thread.
 * rvmach's one host port serves as host_priv (docs/abi.md).
 */
#include <mach/policy.h>
#include <mach/processor_info.h>
#include "kernel/copyio.h"
#include "kernel/ipc/ipc_port.h"
#include "kernel/ipc/mach_port.h"
#include "kernel/lib/string.h"
#include "kernel/panic.h"
#include "kernel/sched/sched.h"
#include "kernel/vm/kalloc.h"
#include "task/task.h"
#include "task/task_trap.h"

_Static_assert(PROCESSOR_SET_BASIC_INFO_COUNT == 2 &&
    PROCESSOR_SET_LOAD_INFO_COUNT == 4, "XNU's counts");

static struct {
	ipc_port_t control;		/* [c] IKOT_PSET */
	ipc_port_t name;		/* [c] IKOT_PSET_NAME */
} pset0;

static void
pset_kobject_reference(void *obj __unused)
{
	/* the set is static: nothing to hold */
}

void
task_pset_init(void)
{
	ipc_kobject_register(IKOT_PSET, pset_kobject_reference);
	ipc_kobject_register(IKOT_PSET_NAME, pset_kobject_reference);
	pset0.control = ipc_port_alloc_kernel(&pset0, IKOT_PSET);
	pset0.name = ipc_port_alloc_kernel(&pset0, IKOT_PSET_NAME);
	if (pset0.control == IP_NULL || pset0.name == IP_NULL)
		panic("task_pset_init: no memory for the processor set's ports");
}

/* does name denote the set's name port, or (control) its control port? */
static bool
pset_named(mach_port_name_t name, bool control)
{
	void *obj;

	return ipc_kobject_lookup(current_space(), name, IKOT_PSET, &obj) ||
	    (!control && ipc_kobject_lookup(current_space(), name,
	    IKOT_PSET_NAME, &obj));
}

/* a send right to port as a name of the caller's at uaddr (checked first) */
static kern_return_t
send_right_out(ipc_port_t port, vaddr_t uaddr)
{
	if (probe_out(uaddr, sizeof(mach_port_name_t)) != KERN_SUCCESS)
		return KERN_INVALID_ADDRESS;
	return right_out(ipc_port_make_send(port), uaddr);
}

/* processor_set_default(host, name *) */
uint64_t
trap_processor_set_default(const uint64_t a[USERTRAP_NARGS])
{
	if (!port_name_is_host((mach_port_name_t)a[0]))
		return MACH_SEND_INVALID_DEST;
	return send_right_out(pset0.name, a[1]);
}

/* host_processor_set_priv(host, set_name, set *): as XNU, either port names it */
uint64_t
trap_host_processor_set_priv(const uint64_t a[USERTRAP_NARGS])
{
	if (!port_name_is_host((mach_port_name_t)a[0]))
		return MACH_SEND_INVALID_DEST;
	if (!pset_named((mach_port_name_t)a[1], false))
		return KERN_INVALID_ARGUMENT;
	return send_right_out(pset0.control, a[2]);
}

/*
 * processor_set_info(set, flavor, host *, info *, count *), as XNU: a
 * count too small is KERN_FAILURE, another flavor KERN_INVALID_ARGUMENT
 */
uint64_t
trap_processor_set_info(const uint64_t a[USERTRAP_NARGS])
{
	struct processor_set_basic_info bi;
	uint32_t count;

	if (!pset_named((mach_port_name_t)a[0], false))
		return KERN_INVALID_ARGUMENT;
	if (copyin(a[4], &count, sizeof(count)) != KERN_SUCCESS)
		return KERN_INVALID_ADDRESS;
	if ((int)a[1] != PROCESSOR_SET_BASIC_INFO)
		return KERN_INVALID_ARGUMENT;
	if (count < PROCESSOR_SET_BASIC_INFO_COUNT)
		return KERN_FAILURE;
	bi.processor_count = (int)cpus_online();
	bi.default_policy = POLICY_TIMESHARE;
	count = PROCESSOR_SET_BASIC_INFO_COUNT;
	if (copyout(&bi, a[3], sizeof(bi)) != KERN_SUCCESS ||
	    copyout(&count, a[4], sizeof(count)) != KERN_SUCCESS)
		return KERN_INVALID_ADDRESS;
	return send_right_out(host_self_port(), a[2]);
}

/* every task alive but the kernel's, each with a reference */
struct task_snap {
	task_t	*list;
	uint32_t n;			/* tasks in the list */
	uint32_t max;			/* room allocated */
};

/* take snap; KERN_RESOURCE_SHORTAGE (snap empty then) */
static kern_return_t
tasks_take(struct task_snap *snap)
{
	uint32_t n;

	snap->list = NULL;
	snap->n = snap->max = 0;
	for (;;) {
		n = tasks_snapshot(snap->list, snap->max);
		if (n <= snap->max)
			break;
		for (uint32_t i = 0; i < snap->max; i++)
			task_deallocate(snap->list[i]);
		if (snap->list != NULL)
			kfree(snap->list, snap->max * sizeof(task_t));
		snap->max = n + 8;		/* room for a few more meanwhile */
		if ((snap->list = kalloc(snap->max * sizeof(task_t))) == NULL) {
			snap->max = 0;
			return KERN_RESOURCE_SHORTAGE;
		}
	}
	snap->n = n;
	return KERN_SUCCESS;
}

static void
tasks_release(struct task_snap *snap)
{
	for (uint32_t i = 0; i < snap->n; i++)
		task_deallocate(snap->list[i]);
	if (snap->list != NULL)
		kfree(snap->list, snap->max * sizeof(task_t));
	snap->list = NULL;
	snap->n = snap->max = 0;
}

/* processor_set_statistics(set, flavor, info *, count *), as XNU */
uint64_t
trap_processor_set_statistics(const uint64_t a[USERTRAP_NARGS])
{
	struct processor_set_load_info li;
	uint32_t avenrun[3], factor[3], count, threads = 0;
	struct task_snap snap;

	if (!pset_named((mach_port_name_t)a[0], false))
		return KERN_INVALID_PROCESSOR_SET;
	if (copyin(a[3], &count, sizeof(count)) != KERN_SUCCESS)
		return KERN_INVALID_ADDRESS;
	if ((processor_set_flavor_t)a[1] != PROCESSOR_SET_LOAD_INFO)
		return KERN_INVALID_ARGUMENT;
	if (count < PROCESSOR_SET_LOAD_INFO_COUNT)
		return KERN_FAILURE;
	if (tasks_take(&snap) != KERN_SUCCESS)
		return KERN_RESOURCE_SHORTAGE;
	for (uint32_t i = 0; i < snap.n; i++)
		threads += __atomic_load_n(&snap.list[i]->thread_count,
		    __ATOMIC_RELAXED);
	li.task_count = (int)snap.n;
	li.thread_count = (int)threads;
	tasks_release(&snap);
	sched_load_averages(avenrun, factor);
	li.load_average = (integer_t)avenrun[0];
	li.mach_factor = (integer_t)factor[0];
	count = PROCESSOR_SET_LOAD_INFO_COUNT;
	if (copyout(&li, a[2], sizeof(li)) != KERN_SUCCESS ||
	    copyout(&count, a[3], sizeof(count)) != KERN_SUCCESS)
		return KERN_INVALID_ADDRESS;
	return KERN_SUCCESS;
}

/*
 * the names for n objects (ports[i]: send rights, consumed; IP_NULL for a
 * task that has ended, IP_DEAD for a thread leaving: MACH_PORT_NULL and
 * MACH_PORT_DEAD in the array) out to uaddr with the count to ucount; on
 * an error every right and name is given back
 */
static kern_return_t
names_out(ipc_port_t *ports, uint32_t n, vaddr_t uaddr, vaddr_t ucount)
{
	size_t bytes = n * sizeof(mach_port_name_t);
	mach_port_name_t *names = kalloc(bytes);
	kern_return_t kr = KERN_SUCCESS;
	uint32_t i = 0;

	if (names == NULL) {
		kr = KERN_RESOURCE_SHORTAGE;
		goto fail;
	}
	for (; i < n; i++) {
		ipc_port_t p = ports[i];

		ports[i] = IP_NULL;		/* consumed from here on */
		names[i] = p == IP_NULL ? MACH_PORT_NULL :
		    ipc_port_copyout_send(p, current_space());
		if (p != IP_NULL && names[i] == MACH_PORT_NULL) {
			names_undo(names, i);
			kr = KERN_RESOURCE_SHORTAGE;
			goto fail;
		}
	}
	if (copyout(names, uaddr, bytes) != KERN_SUCCESS ||
	    copyout(&n, ucount, sizeof(n)) != KERN_SUCCESS) {
		names_undo(names, n);
		kr = KERN_INVALID_ADDRESS;
	}
fail:
	for (; i < n; i++) {
		if (IP_VALID(ports[i]))
			ipc_port_release_send(ports[i]);
	}
	if (names != NULL)
		kfree(names, bytes);
	return kr;
}

/*
 * processor_set_tasks(set, names *, max, count *) and _threads: *count
 * gets how many there are; if that is at most max, names[0..count) get
 * send rights to them (otherwise libmach makes room and calls again)
 */
static uint64_t
pset_things(const uint64_t a[USERTRAP_NARGS], bool threads)
{
	uint32_t max = (uint32_t)a[2], n = 0, k = 0;
	struct task_snap snap = { NULL, 0, 0 };
	struct thread_snapshot *ts = NULL;
	ipc_port_t *ports = NULL;
	kern_return_t kr;

	if (!pset_named((mach_port_name_t)a[0], true))
		return KERN_INVALID_ARGUMENT;
	if (copyout_u32(0, a[3]) != KERN_SUCCESS)
		return KERN_INVALID_ADDRESS;
	if ((kr = tasks_take(&snap)) != KERN_SUCCESS)
		return kr;
	if (threads && snap.n > 0) {
		if ((ts = kalloc(snap.n * sizeof(*ts))) == NULL) {
			kr = KERN_RESOURCE_SHORTAGE;
			goto out;
		}
		memset(ts, 0, snap.n * sizeof(*ts));
		for (uint32_t i = 0; i < snap.n && kr == KERN_SUCCESS; i++) {
			kr = threads_snapshot(snap.list[i], &ts[i]);
			n += ts[i].n;
		}
		if (kr != KERN_SUCCESS)
			goto out;
	} else {
		n = snap.n;
	}
	if (n == 0 || n > max) {
		kr = copyout_u32(n, a[3]);	/* the count alone */
		goto out;
	}
	if ((ports = kalloc(n * sizeof(*ports))) == NULL) {
		kr = KERN_RESOURCE_SHORTAGE;
		goto out;
	}
	for (uint32_t i = 0; i < snap.n; i++) {
		if (!threads) {
			ports[k++] = task_port_make_send(snap.list[i]);
			continue;
		}
		for (uint32_t j = 0; j < ts[i].n; j++)
			ports[k++] = thread_port_make_send(ts[i].list[j]);
	}
	kr = names_out(ports, n, a[1], a[3]);
	kfree(ports, n * sizeof(*ports));
out:
	if (ts != NULL) {
		for (uint32_t i = 0; i < snap.n; i++)
			threads_snapshot_free(&ts[i]);
		kfree(ts, snap.n * sizeof(*ts));
	}
	tasks_release(&snap);
	return kr;
}

uint64_t
trap_processor_set_tasks(const uint64_t a[USERTRAP_NARGS])
{
	return pset_things(a, false);
}

uint64_t
trap_processor_set_threads(const uint64_t a[USERTRAP_NARGS])
{
	return pset_things(a, true);
}
