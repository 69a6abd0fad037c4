/*
 * kernel/sched/thread.c - thread objects: creation, references,
 * termination, the reaper, priority and binding.
 *
 * A thread holds one reference on itself while alive; the reaper drops it
 * after freeing the stack, once the thread has switched away for the last
 * time (thread->oncpu clear).  Callers of kernel_thread_start* may take a
 * second reference to join it or query it after it ends.
 */
#include "kernel/cpu.h"
#include "kernel/lib/string.h"
#include "kernel/panic.h"
#include "kernel/sched/thread.h"
#include "kernel/vm/kstack.h"
#include "kernel/vm/zone.h"

/*
 * Locks:
 *	k	reaper_lock
 *	a	atomic
 */
static struct zone *thread_zone;
static struct spinlock reaper_lock =
    SPINLOCK_INITIALIZER_RANKED("reaper", LOCK_RANK_REAPER);
static struct thread *reaper_list;		/* [k] */
static volatile uint64_t nthreads;		/* [a] not yet reaped */
static uint64_t thread_next_id = 1;		/* [a] thread_id to give next */
static volatile uint64_t nterminated;		/* [a] ever terminated */
static volatile uint64_t nreaped;		/* [a] ever reaped */
static struct spinlock threads_all_lock = SPINLOCK_INITIALIZER("threads_all");
struct thread *threads_all;			/* [l] every thread (gdb: rv-threads) */

static void
threads_all_link(struct thread *t)
{
	spin_lock(&threads_all_lock);
	t->all_next = threads_all;
	if (threads_all != NULL)
		threads_all->all_prev = t;
	threads_all = t;
	spin_unlock(&threads_all_lock);
}

static void
threads_all_unlink(struct thread *t)
{
	spin_lock(&threads_all_lock);
	if (t->all_prev != NULL)
		t->all_prev->all_next = t->all_next;
	else
		threads_all = t->all_next;
	if (t->all_next != NULL)
		t->all_next->all_prev = t->all_prev;
	spin_unlock(&threads_all_lock);
}

static struct thread *
thread_alloc(int state, int pri)
{
	struct thread *t;

	if (thread_zone == NULL) {
		thread_zone = zone_create("threads", sizeof(struct thread), 0);
		if (thread_zone == NULL)
			return NULL;
	}
	t = zalloc_flags(thread_zone, Z_ZERO);
	if (t == NULL)
		return NULL;
	spinlock_init_ranked(&t->lock, "thread", LOCK_RANK_THREAD);
	t->refs = 1;				/* alive */
	t->state = state;
	t->pri = pri;
	t->bound_cpu = -1;
	t->last_cpu = -1;
	t->runq_cpu = -1;
	t->wait_result = THREAD_AWAKENED;
	t->saved_intr = 1;			/* new threads run with interrupts on */
	t->thread_id = __atomic_fetch_add(&thread_next_id, 1, __ATOMIC_RELAXED);
	strlcpy(t->name, "kthread", sizeof(t->name));
	thread_wait_timer_init(t);
	__atomic_fetch_add(&nthreads, 1, __ATOMIC_RELAXED);
	threads_all_link(t);
	return t;
}

/* the calling context, on its boot stack, as a thread */
struct thread *
thread_alloc_bootstrap(int state, int pri, vaddr_t kstack_top)
{
	struct thread *t = thread_alloc(state, pri);

	if (t == NULL)
		return NULL;
	t->kstack_top = kstack_top;
	t->oncpu = true;
	t->last_cpu = (int)cpu_number();
	return t;
}

void
thread_continue(void *prev, void *arg)
{
	struct thread *self = arg;

	sched_switch_tail(prev);
	intr_pop();				/* the level thread_block left */
	self->fn(self->arg);
	thread_terminate_self();
}

kern_return_t
kernel_thread_create(void (*fn)(void *), void *arg, int pri, unsigned flags,
    thread_t *out)
{
	struct thread *t;
	vaddr_t top, sp;

	if (fn == NULL || pri < MINPRI || pri > MAXPRI || out == NULL)
		return KERN_INVALID_ARGUMENT;
	if ((top = kstack_alloc()) == 0)
		return KERN_RESOURCE_SHORTAGE;
	if ((t = thread_alloc(TH_RUN, pri)) == NULL) {
		kstack_free(top);
		return KERN_RESOURCE_SHORTAGE;
	}
	t->kstack_top = top;
	t->fn = fn;
	t->arg = arg;
	t->last_cpu = (int)cpu_number();
	sp = (flags & THREAD_CREATE_USER) ? machine_thread_user_init(&t->mt, top) :
	    top;
	machine_context_init(&t->ctx, sp, thread_continue, t);
	t->refs++;
	*out = t;
	return KERN_SUCCESS;
}

void
thread_go(thread_t t)
{
	if (__atomic_exchange_n(&t->started, 1, __ATOMIC_ACQ_REL))
		return;
	spin_lock(&t->lock);
	thread_setrun_locked(t);
	spin_unlock(&t->lock);
}

kern_return_t
kernel_thread_start_priority(void (*fn)(void *), void *arg, int pri,
    thread_t *out)
{
	thread_t t;
	kern_return_t kr = kernel_thread_create(fn, arg, pri, 0, &t);

	if (kr != KERN_SUCCESS)
		return kr;
	thread_go(t);
	if (out != NULL)
		*out = t;
	else
		thread_deallocate(t);
	return KERN_SUCCESS;
}

STATIC_ASSERT(offsetof(struct thread, mt.uframe) == THREAD_UFRAME,
    "trap.S finds the user frame at THREAD_UFRAME");
STATIC_ASSERT(offsetof(struct thread, ast) == THREAD_AST, "trap.S: thread.ast");
STATIC_ASSERT(offsetof(struct thread, switched_in) == THREAD_SWITCHED_IN,
    "trap.S: thread.switched_in");
STATIC_ASSERT(offsetof(struct thread, switched_in) ==
    THREAD_SWITCHED_IN_OFFSET, "sched.h: thread_switched_clear()");
STATIC_ASSERT(offsetof(struct thread, mt) == THREAD_MACHINE_OFFSET,
    "sched.h: thread_machine()");
STATIC_ASSERT(offsetof(struct thread, task) == THREAD_TASK_OFFSET,
    "sched.h: thread_task_ptr()");
STATIC_ASSERT(offsetof(struct thread, refs) == THREAD_REFS_OFFSET,
    "sched.h's inline thread_reference finds refs at THREAD_REFS_OFFSET");
STATIC_ASSERT(offsetof(struct thread, ith) == THREAD_IPC_OFFSET,
    "ipc_thread.h: thread_ipc()");

void
thread_task_fields(thread_t t, struct thread_task_fields *f)
{
	f->task = &t->task;
	f->next = &t->task_next;
	f->suspend_count = &t->suspend_count;
}

void **
thread_task_exc(thread_t t)
{
	return &t->task_exc;
}

struct thread_sched_policy *
thread_task_policy(thread_t t)
{
	return &t->task_policy;
}

bool
thread_started(thread_t t)
{
	return __atomic_load_n(&t->started, __ATOMIC_ACQUIRE);
}

void
thread_discard(thread_t t)
{
	/* its own "alive" reference and the creator's */
	KASSERT(!t->started && t->refs == 2);
	t->state = TH_TERMINATE;
	kstack_free(t->kstack_top);
	t->kstack_top = 0;
	t->refs = 1;
	thread_deallocate(t);
	__atomic_fetch_sub(&nthreads, 1, __ATOMIC_RELEASE);
}

uint32_t *
thread_ast_ptr(thread_t t)
{
	return &t->ast;
}

STATIC_ASSERT(offsetof(struct thread, ast) == THREAD_AST_OFFSET,
    "sched.h: thread_ast_pending()");

kern_return_t
kernel_thread_start(void (*fn)(void *), void *arg, thread_t *out)
{
	return kernel_thread_start_priority(fn, arg, BASEPRI_DEFAULT, out);
}

void
thread_free_last(thread_t t)
{
	KASSERT(t->state & TH_TERMINATE || t->kstack_top == 0);
	threads_all_unlink(t);
	zfree(thread_zone, t);
}

void
thread_terminate_self(void)
{
	struct thread *self = current_thread();

	KASSERT(!(self->state & TH_IDLE));
	/* TH_TERMINATE first, so a joiner sees it; no preemption from here on */
	preempt_disable();
	__atomic_fetch_or(&self->state, TH_TERMINATE, __ATOMIC_RELEASE);
	__atomic_fetch_and(&self->state, ~TH_RUN, __ATOMIC_RELEASE);
	__atomic_fetch_add(&nterminated, 1, __ATOMIC_RELAXED);
	__atomic_store_n(&self->terminated, true, __ATOMIC_RELEASE);
	thread_wakeup((event_t)&self->terminated);
	thread_block();
	panic("thread_terminate_self: %s ran again", self->name);
}

kern_return_t
thread_join(thread_t t)
{
	if (t == NULL || t == current_thread())
		return KERN_INVALID_ARGUMENT;
	for (;;) {
		assert_wait((event_t)&t->terminated, THREAD_UNINT);
		if (__atomic_load_n(&t->terminated, __ATOMIC_ACQUIRE)) {
			clear_wait_seq(current_thread(), 0, THREAD_AWAKENED, 0);
			thread_block();		/* consumes the wait: returns at once */
			return KERN_SUCCESS;
		}
		thread_block();
	}
}

/* --- the reaper --- */

void
thread_reaper_enqueue(struct thread *t)
{
	spin_lock(&reaper_lock);
	t->reap_next = reaper_list;
	reaper_list = t;
	spin_unlock(&reaper_lock);
	thread_wakeup((event_t)&reaper_list);
}

static void
reaper_main(void *arg __unused)
{
	for (;;) {
		struct thread *t;

		assert_wait((event_t)&reaper_list, THREAD_UNINT);
		spin_lock(&reaper_lock);
		t = reaper_list;
		reaper_list = NULL;
		spin_unlock(&reaper_lock);
		if (t == NULL) {
			thread_block();
			continue;
		}
		clear_wait_seq(current_thread(), 0, THREAD_AWAKENED, 0);
		thread_block();
		while (t != NULL) {
			struct thread *next = t->reap_next;

			while (__atomic_load_n(&t->oncpu, __ATOMIC_ACQUIRE))
				cpu_relax();
			kstack_free(t->kstack_top);
			t->kstack_top = 0;
			/*
			 * alive until freed: counted down only after the last
			 * reference is gone, so a caller that saw
			 * threads_alive() drop also sees the element back in
			 * the zone (the next creation cannot grow it)
			 */
			thread_deallocate(t);
			__atomic_fetch_sub(&nthreads, 1, __ATOMIC_RELEASE);
			__atomic_fetch_add(&nreaped, 1, __ATOMIC_RELEASE);
			t = next;
		}
	}
}

/*
 * thread_reaper_start - boot hart, once, before any thread exits.  Out of
 * memory panics: nothing runs yet, and without the reaper no thread's
 * stack would ever be freed.
 */
void
thread_reaper_start(void)
{
	thread_t t;

	if (kernel_thread_start_priority(reaper_main, NULL, MAXPRI - 32, &t) !=
	    KERN_SUCCESS)
		panic("thread_reaper_start: no memory");
	thread_set_name(t, "reaper");
	thread_deallocate(t);
}

/* thread_reap_wait - sleep until every thread terminated so far is freed */
void
thread_reap_wait(void)
{
	uint64_t want = __atomic_load_n(&nterminated, __ATOMIC_ACQUIRE);

	while (__atomic_load_n(&nreaped, __ATOMIC_ACQUIRE) < want)
		thread_sleep_ns(100 * NSEC_PER_USEC);
}

uint64_t
threads_alive(void)
{
	return __atomic_load_n(&nthreads, __ATOMIC_ACQUIRE);
}

/* --- attributes --- */

void
thread_set_name(thread_t t, const char *name)
{
	spin_lock(&t->lock);
	strlcpy(t->name, name, sizeof(t->name));
	spin_unlock(&t->lock);
}

const char *
thread_name(thread_t t)
{
	return t->name;
}

int
thread_state(thread_t t)
{
	return __atomic_load_n(&t->state, __ATOMIC_RELAXED);
}

int
thread_priority(thread_t t)
{
	return t->pri;
}

uint64_t
thread_unique_id(thread_t t)
{
	return t->thread_id;
}

int
thread_last_cpu(thread_t t)
{
	return t->last_cpu;
}

uint64_t
thread_switches(thread_t t)
{
	return t->switches;
}

bool
thread_oncpu(thread_t t)
{
	return __atomic_load_n(&t->oncpu, __ATOMIC_ACQUIRE);
}

event_t
thread_wait_event(thread_t t)
{
	return __atomic_load_n(&t->wait_event, __ATOMIC_RELAXED);
}

bool
thread_wait_interruptible(thread_t t)
{
	return __atomic_load_n(&t->wait_interruptible, __ATOMIC_RELAXED) ==
	    THREAD_INTERRUPTIBLE;
}

kern_return_t
thread_set_priority(thread_t t, int pri)
{
	if (t == NULL || pri < MINPRI || pri > MAXPRI)
		return KERN_INVALID_ARGUMENT;
	if (__atomic_load_n(&t->terminated, __ATOMIC_ACQUIRE))
		return KERN_TERMINATED;
	spin_lock(&t->lock);
	if (!(thread_state(t) & TH_IDLE))
		sched_requeue_locked(t, pri);
	spin_unlock(&t->lock);
	if (t == current_thread())
		thread_yield();
	return KERN_SUCCESS;
}

kern_return_t
thread_bind(thread_t t, int cpu)
{
	if (t == NULL || cpu < -1 || cpu >= (int)ncpus ||
	    (cpu >= 0 && !cpus[cpu].online))
		return KERN_INVALID_ARGUMENT;
	if (__atomic_load_n(&t->terminated, __ATOMIC_ACQUIRE))
		return KERN_TERMINATED;
	spin_lock(&t->lock);
	sched_bind_locked(t, cpu);
	spin_unlock(&t->lock);
	if (t == current_thread()) {
		while (cpu >= 0 && (int)cpu_number() != cpu)
			thread_yield();
	}
	return KERN_SUCCESS;
}
