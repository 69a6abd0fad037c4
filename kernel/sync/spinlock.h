/*
 * kernel/sync/spinlock.h - test-and-test-and-set spinlocks that disable
 * interrupts.
 *
 * spin_lock() turns interrupts off on the calling hart for as long as it
 * holds any spinlock (nesting is counted per hart), so a lock taken by an
 * interrupt handler cannot deadlock against the code it interrupted.
 *
 * Not fair: whichever waiting hart sees the lock free first takes it.  A
 * fair (ticket) lock hands a contended lock to the next hart in line even
 * when that hart is not running, and under an emulator or hypervisor with
 * more harts than host cores it is often not: every waiter behind it then
 * spins away a host time slice (lock-waiter preemption).  QEMU with -smp 4
 * on two host cores ran test/ipcstress at 1,166 messages/s with ticket
 * locks and 5,545 with this lock (docs/scheduler.md, "Locks").  Linux makes
 * the same choice for guests without paravirtual spinlocks
 * (virt_spin_lock).  The critical sections are short, so starvation is
 * not seen in practice; ktest spinlock.* checks every hart gets the lock.
 */
#ifndef KERNEL_SYNC_SPINLOCK_H
#define KERNEL_SYNC_SPINLOCK_H

#include "kernel/lib/types.h"
#include "kernel/cpu.h"

struct spinlock {
	volatile uint32_t locked;	/* [a] 1 while held */
	uint32_t	pad;
	const char *name;		/* [c] */
	struct cpu *holder;		/* [this lock] debug builds: spin_held(), panics */
	uint32_t rank;			/* [c] lock order class, 0: unchecked */
};

/*
 * Lock order, checked in debug builds: a hart may take a ranked lock only
 * while every ranked lock it holds has a lower rank.
 */
enum lock_rank {
	LOCK_RANK_NONE = 0,
	LOCK_RANK_IPC_SPACE = 2,	/* ipc_space is_lock */
	LOCK_RANK_IPC_PSET = 4,		/* port set ips_lock */
	LOCK_RANK_IPC_PORT = 6,		/* port ip_lock */
	LOCK_RANK_INTERLOCK = 10,	/* mutex / ksem interlocks */
	LOCK_RANK_SEMAPHORE = 15,	/* a Mach semaphore (kernel/sync/semaphore.h) */
	LOCK_RANK_WAIT_BUCKET = 20,
	LOCK_RANK_THREAD = 30,
	LOCK_RANK_RUNQ = 40,
	LOCK_RANK_TIMER_QUEUE = 50,
	LOCK_RANK_REAPER = 60,
	LOCK_RANK_XCALL = 70,
	LOCK_RANK_CONSOLE = 90,		/* printf works under any lock */
};

#define SPINLOCK_INITIALIZER(n)	{ .locked = 0, .name = (n), .holder = NULL }
#define SPINLOCK_INITIALIZER_RANKED(n, r) \
	{ .locked = 0, .name = (n), .holder = NULL, .rank = (r) }

void spinlock_init(struct spinlock *l, const char *name);
void spinlock_init_ranked(struct spinlock *l, const char *name, enum lock_rank rank);
bool spin_trylock(struct spinlock *l);
/* by the calling hart; debug builds only (always true otherwise) */
bool spin_held(const struct spinlock *l);

/* debug builds only (KDEBUG): self-deadlock and lock-order checks */
void spin_lock_debug_enter(struct spinlock *l);
void spin_lock_debug_acquired(struct spinlock *l);
void spin_unlock_debug(struct spinlock *l);

/*
 * spin_lock_intr_off / spin_unlock_intr_off - the lock alone, for a caller
 * that already has interrupts off (intr_push or another spinlock held).
 * The scheduler's hot paths nest their locks inside one intr_push this way.
 */
static inline void
spin_lock_intr_off(struct spinlock *l)
{
	if (KDEBUG)
		spin_lock_debug_enter(l);
	/* one amoswap.w.aq when free; else wait reading, without writing */
	while (unlikely(__atomic_exchange_n(&l->locked, 1, __ATOMIC_ACQUIRE) != 0)) {
		do
			cpu_relax();
		while (__atomic_load_n(&l->locked, __ATOMIC_RELAXED) != 0);
	}
	if (KDEBUG)
		spin_lock_debug_acquired(l);
}

static inline void
spin_unlock_intr_off(struct spinlock *l)
{
	if (KDEBUG)
		spin_unlock_debug(l);
	__atomic_store_n(&l->locked, 0, __ATOMIC_RELEASE);
}

/* inline: the uncontended path is on every scheduler and IPC hot path */
static inline void
spin_lock(struct spinlock *l)
{
	intr_push();
	spin_lock_intr_off(l);
}

static inline void
spin_unlock(struct spinlock *l)
{
	spin_unlock_intr_off(l);
	intr_pop();
}

#endif /* KERNEL_SYNC_SPINLOCK_H */
