/*
 * test/ktest/semaphore_task.c - semaphores as user mode gets them
 * (task/task_semaphore.h): ports, names and their lookup codes, owning
 * tasks, the last send right, a task's end, the races between those on
 * several harts, and the user program usema twice with every counter
 * (semaphores, ports, names, tasks, memory) back where it was.  Suite
 * `semaphore`, beside test/ktest/semaphore.c.
 */
#include "kernel/cpu.h"
#include "kernel/ipc/mach_port.h"
#include "kernel/ktest/ktest.h"
#include "kernel/lib/string.h"
#include "kernel/vm/zone.h"
#include "task/task_semaphore.h"
#include "test/ktest/ipc_util.h"
#include "test/ktest/sched_util.h"
#include "test/ktest/vm_util.h"

#define NSEMS		64

struct sema_zone_find {
	struct zone_stats st;
};

static void
sema_zone_fn(struct zone *z, void *arg)
{
	if (strcmp(zone_name(z), "semaphores") == 0)
		zone_get_stats(z, &((struct sema_zone_find *)arg)->st);
}

/* semaphores allocated now */
static uint64_t
semas_in_use(void)
{
	struct sema_zone_find f = { { 0 } };

	zone_foreach(sema_zone_fn, &f);
	return f.st.in_use;
}

/* a semaphore owned by t, its send right named in t's space (*namep) */
static kern_return_t
sem_in_task(task_t t, int value, mach_port_name_t *namep)
{
	ipc_port_t sright;
	kern_return_t kr;

	if ((kr = task_semaphore_create(t, SYNC_POLICY_FIFO, value, &sright)) !=
	    KERN_SUCCESS)
		return kr;
	*namep = ipc_port_copyout_send(sright, t->itk_space);
	return *namep != MACH_PORT_NULL ? KERN_SUCCESS : KERN_RESOURCE_SHORTAGE;
}

static kern_return_t
lookup(task_t t, mach_port_name_t name, semaphore_t *sp)
{
	void *obj = NULL;
	kern_return_t kr;

	kr = ipc_kobject_translate_send(t->itk_space, name, IKOT_SEMAPHORE, &obj);
	*sp = obj;
	return kr;
}

KTEST(semaphore, task_ports_back_to_baseline)
{
	struct ipc_baseline base;
	mach_port_name_t names[NSEMS];
	uint64_t semas;
	semaphore_t s;
	task_t t;

	/* the zones and tables grow once */
	KT_ASSERT_NOT_NULL(t = kt_task());
	KT_ASSERT_EQ(sem_in_task(t, 0, &names[0]), KERN_SUCCESS);
	kt_task_end(t);
	ipc_baseline_take(&base);
	semas = semas_in_use();
	KT_ASSERT_NOT_NULL(t = kt_task());
	for (int i = 0; i < NSEMS; i++)
		KT_ASSERT_EQ(sem_in_task(t, i, &names[i]), KERN_SUCCESS);
	KT_EXPECT_EQ(task_semaphores_owned(t), NSEMS);
	KT_EXPECT_EQ(semas_in_use(), semas + NSEMS);
	for (int i = 0; i < NSEMS; i++) {
		KT_ASSERT_EQ(lookup(t, names[i], &s), KERN_SUCCESS);
		KT_EXPECT_EQ(s->owner_id, t->task_id);
		KT_EXPECT_EQ(s->count, i);
		KT_EXPECT(s->port != NULL);
		KT_EXPECT_EQ(ip_kotype((ipc_port_t)s->port), IKOT_SEMAPHORE);
		KT_EXPECT_EQ(((ipc_port_t)s->port)->ip_srights, 1u);
		semaphore_deallocate(s);
	}
	/* the last send right frees a semaphore at once */
	for (int i = 0; i < NSEMS; i += 2)
		KT_EXPECT_EQ(mach_port_deallocate(t->itk_space, names[i]),
		    KERN_SUCCESS);
	KT_EXPECT_EQ(task_semaphores_owned(t), NSEMS / 2);
	KT_EXPECT_EQ(semas_in_use(), semas + NSEMS / 2);
	/* destroyed by the owner: off its list, freed with its right */
	KT_ASSERT_EQ(lookup(t, names[1], &s), KERN_SUCCESS);
	KT_EXPECT_EQ(task_semaphore_destroy(t, s), KERN_SUCCESS);
	KT_EXPECT_EQ(task_semaphore_destroy(t, s), KERN_TERMINATED);
	KT_EXPECT_EQ(task_semaphores_owned(t), NSEMS / 2 - 1);
	semaphore_deallocate(s);
	KT_EXPECT_EQ(semas_in_use(), semas + NSEMS / 2);
	/* the rest go with the task */
	kt_task_end(t);
	KT_EXPECT_EQ(semas_in_use(), semas);
	KT_EXPECT(ipc_baseline_same(kt, &base));
}

KTEST(semaphore, name_lookup_codes)
{
	mach_port_name_t sname, rname, tname;
	ipc_port_t tport;
	semaphore_t s;
	task_t t;

	KT_ASSERT_NOT_NULL(t = kt_task());
	KT_ASSERT_EQ(sem_in_task(t, 0, &sname), KERN_SUCCESS);
	KT_ASSERT_EQ(mach_port_allocate(t->itk_space, MACH_PORT_RIGHT_RECEIVE,
	    &rname), KERN_SUCCESS);
	tport = task_port_make_send(t);
	KT_ASSERT(IP_VALID(tport));
	KT_ASSERT_NE(tname = ipc_port_copyout_send(tport, t->itk_space),
	    MACH_PORT_NULL);
	KT_EXPECT_EQ(lookup(t, MACH_PORT_NULL, &s), KERN_INVALID_NAME);
	KT_EXPECT_EQ(lookup(t, MACH_PORT_DEAD, &s), KERN_INVALID_NAME);
	KT_EXPECT_EQ(lookup(t, 0x12345678, &s), KERN_INVALID_NAME);
	KT_EXPECT_EQ(lookup(t, rname, &s), KERN_INVALID_RIGHT);
	KT_EXPECT_EQ(lookup(t, tname, &s), KERN_INVALID_CAPABILITY);
	KT_EXPECT(s == NULL);
	/* a send right beside the receive right: another kind of port */
	KT_EXPECT_EQ(mach_port_insert_right(t->itk_space, rname, t->itk_space,
	    rname, MACH_MSG_TYPE_MAKE_SEND), KERN_SUCCESS);
	KT_EXPECT_EQ(lookup(t, rname, &s), KERN_INVALID_CAPABILITY);
	KT_ASSERT_EQ(lookup(t, sname, &s), KERN_SUCCESS);
	KT_EXPECT_EQ(s->refs, 2u);		/* the senders' and ours */
	semaphore_deallocate(s);
	/* semaphore_of_port: the port's semaphore, or none */
	KT_EXPECT(semaphore_of_port(IP_NULL) == SEMAPHORE_NULL);
	KT_EXPECT(semaphore_of_port(IP_DEAD) == SEMAPHORE_NULL);
	KT_EXPECT(semaphore_of_port(t->itk_self) == SEMAPHORE_NULL);
	kt_task_end(t);
}

/* a task that has begun to end gets no new semaphore, and nothing leaks */
KTEST(semaphore, create_on_ended_task_invalid_task)
{
	struct ipc_port_stats p0, p1;
	uint64_t semas;
	ipc_port_t sright = (ipc_port_t)0x1234;
	task_t t;

	KT_ASSERT_NOT_NULL(t = kt_task());
	semas = semas_in_use();
	task_reference(t);
	kt_task_end(t);
	ipc_port_get_stats(&p0);
	KT_EXPECT_EQ(task_semaphore_create(t, SYNC_POLICY_FIFO, 0, &sright),
	    KERN_INVALID_TASK);
	KT_EXPECT(sright == IP_NULL);
	KT_EXPECT_EQ(task_semaphore_create(t, 7, 0, &sright),
	    KERN_INVALID_ARGUMENT);
	KT_EXPECT_EQ(task_semaphore_create(t, 0, -1, &sright),
	    KERN_INVALID_ARGUMENT);
	KT_EXPECT_EQ(task_semaphores_owned(t), 0);
	ipc_port_get_stats(&p1);
	KT_EXPECT_EQ(p1.ports, p0.ports);
	task_deallocate(t);
	KT_EXPECT_EQ(semas_in_use(), semas);
}

/* --- the last right, destroy and the task's end racing on several harts --- */

#define RACE_ROUNDS	40

struct sema_race {
	task_t		t;
	mach_port_name_t names[NSEMS];
	int		cpu;
	volatile uint32_t go;
	volatile uint32_t ready;	/* racers on their harts */
	volatile uint32_t waiting;
	volatile uint32_t bad;		/* a wait that did not end KERN_TERMINATED */
	volatile uint32_t destroyed;	/* task_semaphore_destroy successes */
	volatile uint32_t dropped;	/* mach_port_deallocate successes */
};

/* on hart cpu, wait for the start (yielding: on one hart, to the others) */
static void
race_start(struct sema_race *r, int cpu)
{
	thread_bind(current_thread(), cpu);
	thread_yield();			/* now on cpu */
	__atomic_fetch_add(&r->ready, 1, __ATOMIC_RELEASE);
	while (!__atomic_load_n(&r->go, __ATOMIC_ACQUIRE))
		thread_yield();
}

/* drop the even names' rights: the no-senders hook */
static void
race_dealloc(void *arg)
{
	struct sema_race *r = arg;

	race_start(r, r->cpu);
	for (int i = 0; i < NSEMS; i += 2)
		if (mach_port_deallocate(r->t->itk_space, r->names[i]) ==
		    KERN_SUCCESS)
			__atomic_fetch_add(&r->dropped, 1, __ATOMIC_RELAXED);
}

/* destroy every semaphore through the owner (task_semaphore_destroy) */
static void
race_destroy(void *arg)
{
	struct sema_race *r = arg;
	semaphore_t s;

	race_start(r, kt_next_cpu(r->cpu));
	for (int i = NSEMS - 1; i >= 0; i--) {
		if (lookup(r->t, r->names[i], &s) != KERN_SUCCESS)
			continue;
		if (task_semaphore_destroy(r->t, s) == KERN_SUCCESS)
			__atomic_fetch_add(&r->destroyed, 1, __ATOMIC_RELAXED);
		semaphore_deallocate(s);
	}
}

/* wait on the name's semaphore (the reference a trap would hold) */
static struct sema_waiter_arg {
	struct sema_race *r;
	int	idx;
} race_waiters[4];

static void
race_wait(void *arg)
{
	struct sema_waiter_arg *w = arg;
	semaphore_t s;

	if (lookup(w->r->t, w->r->names[w->idx], &s) != KERN_SUCCESS) {
		__atomic_fetch_add(&w->r->bad, 1, __ATOMIC_RELAXED);
		__atomic_fetch_add(&w->r->waiting, 1, __ATOMIC_RELEASE);
		return;
	}
	__atomic_fetch_add(&w->r->waiting, 1, __ATOMIC_RELEASE);
	if (semaphore_timedwait(s, (mach_timespec_t){ 10, 0 }) != KERN_TERMINATED)
		__atomic_fetch_add(&w->r->bad, 1, __ATOMIC_RELAXED);
	semaphore_deallocate(s);
}

KTEST(semaphore, last_right_destroy_and_task_end_race)
{
	static struct sema_race r;
	struct ipc_baseline base;
	struct vm_baseline vbase;
	uint64_t semas;
	thread_t td, tx, tw[4];
	uint32_t destroyed = 0, dropped = 0;
	int me = (int)cpu_number();

	/* the zones and tables grow once */
	KT_ASSERT_NOT_NULL(r.t = kt_task());
	KT_ASSERT_EQ(sem_in_task(r.t, 0, &r.names[0]), KERN_SUCCESS);
	kt_task_end(r.t);
	vm_baseline_take(&vbase);
	ipc_baseline_take(&base);
	semas = semas_in_use();
	for (int round = 0; round < RACE_ROUNDS; round++) {
		r.go = r.ready = r.waiting = 0;
		r.cpu = kt_next_cpu(me);
		KT_ASSERT_NOT_NULL(r.t = kt_task());
		for (int i = 0; i < NSEMS; i++)
			KT_ASSERT_EQ(sem_in_task(r.t, 0, &r.names[i]), KERN_SUCCESS);
		/* waiters on a name of each fate: dropped, destroyed, the task's end */
		for (int i = 0; i < 4; i++) {
			race_waiters[i] = (struct sema_waiter_arg){ &r, i * 17 };
			KT_ASSERT_EQ(kernel_thread_start(race_wait, &race_waiters[i],
			    &tw[i]), KERN_SUCCESS);
		}
		while (__atomic_load_n(&r.waiting, __ATOMIC_ACQUIRE) < 4)
			thread_sleep_ns(POLL_NS);
		for (int i = 0; i < 4; i++)
			KT_EXPECT(kt_wait_blocked(tw[i]));
		KT_ASSERT_EQ(kernel_thread_start(race_dealloc, &r, &td),
		    KERN_SUCCESS);
		KT_ASSERT_EQ(kernel_thread_start(race_destroy, &r, &tx),
		    KERN_SUCCESS);
		/* the racers' reference: they use the task and its space */
		task_reference(r.t);
		while (__atomic_load_n(&r.ready, __ATOMIC_ACQUIRE) < 2)
			thread_yield();
		__atomic_store_n(&r.go, 1, __ATOMIC_RELEASE);
		/*
		 * and the task ends meanwhile, round by round a little later;
		 * on one hart the racers run only when we yield: every other
		 * round they go first
		 */
		if (r.cpu == me) {
			if (round % 2 != 0)
				thread_yield();
		} else {
			for (int spin = 0; spin < round * 500; spin++)
				cpu_relax();
		}
		kt_task_end(r.t);
		kt_join(&td);
		kt_join(&tx);
		for (int i = 0; i < 4; i++)
			kt_join(&tw[i]);
		task_deallocate(r.t);
		destroyed += r.destroyed;
		dropped += r.dropped;
		r.destroyed = r.dropped = 0;
		KT_EXPECT_EQ(r.bad, 0u);
		if (r.bad != 0)
			break;
		KT_EXPECT_EQ(semas_in_use(), semas);
	}
	ktest_log(kt, "%d rounds: of %d semaphores each, %u in all destroyed by "
	    "their owner's call, %u rights dropped before the task ended",
	    RACE_ROUNDS, NSEMS, destroyed, dropped);
	KT_EXPECT_EQ(semas_in_use(), semas);
	KT_EXPECT(ipc_baseline_same(kt, &base));
	KT_EXPECT(vm_baseline_same(kt, &vbase));
}

/* --- the user program --- */

/* usema twice: the second run leaves every counter where it found it */
KTEST(semaphore, user_program_back_to_baseline)
{
	struct ipc_baseline base;
	struct vm_baseline vbase;
	uint64_t semas;

	if (!kt_have_initrd())
		KT_SKIP("no initrd (boot with -initrd build/user/initrd.cpio)");
	/* the zones and tables grow once */
	KT_EXPECT_EQ(kt_run(kt, "test/usema"), 0);
	vm_baseline_take(&vbase);
	ipc_baseline_take(&base);
	semas = semas_in_use();
	KT_EXPECT_EQ(kt_run(kt, "test/usema"), 0);
	KT_EXPECT_EQ(semas_in_use(), semas);
	KT_EXPECT(ipc_baseline_same(kt, &base));
	KT_EXPECT(vm_baseline_same(kt, &vbase));
}
