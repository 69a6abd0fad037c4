/*
 * kernel/ipc/ipc_space.h - IPC spaces: a task's names for port rights.
 *
 * A space maps names (mach_port_name_t) to entries.  A name is an index
 * into the space's table and a generation: MACH_PORT_MAKE(index, gen), the
 * generation in the name's low byte.  Freeing an entry bumps its
 * generation, and free entries are reused oldest first, so a stale name
 * does not alias the next right for a long while (256 reuses of one slot).
 * Index 0 is never used: MACH_PORT_NULL and MACH_PORT_DEAD are never names.
 *
 * An entry holds the rights the space has to one object: a receive right
 * and send rights to the same port share one name, as in Mach; send-once
 * rights and dead names have names of their own.  Its bits are XNU's
 * layout: the generation in the top byte, MACH_PORT_TYPE_* in bits 16..20,
 * user references in the low 16 bits.  A second table, the reverse hash,
 * finds the name of a send right (without the receive right) from the port,
 * so a send right arriving in a message joins the name the space already
 * has for it.
 *
 * The table is paged: a directory of pages of entries, grown a page at a
 * time, so growing never moves an entry and a lookup is two loads.
 *
 * Locks (lock order: space, then port set, then port):
 *	s	is_lock (a spinlock)
 *	a	atomic
 *	c	constant after creation
 */
#ifndef KERNEL_IPC_IPC_SPACE_H
#define KERNEL_IPC_IPC_SPACE_H

#include <mach/kern_return.h>
#include <mach/port.h>
#include "kernel/ipc/ipc_object.h"
#include "kernel/sync/spinlock.h"
#include "kernel/vm/vm_page.h"

#define IE_BITS_UREFS_MASK	0x0000ffffu
#define IE_BITS_TYPE_MASK	0x001f0000u	/* MACH_PORT_TYPE_* */
#define IE_BITS_GEN_MASK	0xff000000u
#define IE_BITS_GEN_ONE		0x01000000u
#define MACH_PORT_UREFS_MAX	0xffffu

/* bits 21..23, which XNU's layout leaves free */
#define IE_BITS_DNREQUEST	0x00200000u	/* a dead-name request is armed */
#define IE_BITS_FREELISTED	0x00400000u	/* on the free list */

struct ipc_entry {
	struct ipc_object *ie_object;	/* [s] NULL for a dead name or a free entry */
	uint32_t ie_bits;		/* [s] gen | flags | type | urefs */
	uint32_t ie_next;		/* [s] on the free list: the next */
	uint32_t ie_hash_next;		/* [s] in the reverse hash: the next */
};
typedef struct ipc_entry *ipc_entry_t;

#define IS_ENTRIES_PER_PAGE	(PAGE_SIZE / sizeof(struct ipc_entry))
#define IS_MAX_ENTRIES_DEFAULT	(1u << 20)	/* names in one space */
#define IS_INDEX_NONE		0u

struct ipc_space {
	struct spinlock is_lock;
	uint32_t is_refs;		/* [a] */
	bool	is_active;		/* [s] false once terminated */
	struct ipc_entry **is_dir;	/* [s] pages of entries */
	uint32_t is_dir_slots;		/* [s] pages the directory can hold */
	uint32_t is_table_size;		/* [s] entries in the table's pages */
	uint32_t is_free_head;		/* [s] free entries, oldest first */
	uint32_t is_free_tail;		/* [s] */
	uint32_t is_in_use;		/* [s] entries holding a name */
	uint32_t is_max_entries;	/* [s] the most names allowed */
	uint32_t *is_hash;		/* [s] reverse hash buckets (entry index) */
	uint32_t is_hash_mask;		/* [s] buckets - 1 (0: no table yet) */
	uint32_t is_hash_count;		/* [s] entries in the reverse hash */
	void	*is_owner;		/* [c] the task (opaque), for debuggers */
	/*
	 * [s to write, a to read] a name that holds a send right to the
	 * owner's own task port (set by ipc_space_set_self_name), or
	 * MACH_PORT_NULL: cleared when that name's entry goes and when the
	 * space is terminated.  A trap given its caller's task port by this
	 * name skips the lookup (task/ipc_trap.c, port_name_to_task): reading
	 * the old value before a concurrent deallocation only orders the call
	 * before it.
	 */
	mach_port_name_t is_self_name;
	struct ipc_space *is_all_next;	/* [ipc_spaces_lock] */
	struct ipc_space *is_all_prev;	/* [ipc_spaces_lock] */
};
typedef struct ipc_space *ipc_space_t;
#define IS_NULL			((ipc_space_t)NULL)

/* the index and generation parts of an entry's name */
static inline mach_port_name_t
ipc_entry_name(uint32_t index, uint32_t bits)
{
	return MACH_PORT_MAKE(index, bits & IE_BITS_GEN_MASK);
}

void ipc_space_bootstrap(void);
/*
 * ipc_space_set_self_name - remember name as the space's name for the
 * owner's task port self_port, if name holds a send right to it now
 */
void ipc_space_set_self_name(ipc_space_t space, mach_port_name_t name,
    const void *self_port);
/* the name ipc_space_set_self_name remembered, or MACH_PORT_NULL (no lock) */
static inline mach_port_name_t
ipc_space_self_name(const struct ipc_space *space)
{
	return __atomic_load_n(&space->is_self_name, __ATOMIC_RELAXED);
}
/* ipc_space_create - an empty space for owner; KERN_RESOURCE_SHORTAGE */
kern_return_t ipc_space_create(void *owner, ipc_space_t *out);
void ipc_space_reference(ipc_space_t space);
void ipc_space_release(ipc_space_t space);
/*
 * ipc_space_terminate - the owner is going away: every right the space
 * holds is destroyed (receive rights destroy their ports, send-once rights
 * send their notifications), the tables are freed and the space accepts no
 * new right.  Called once; the caller's reference stays.
 */
void ipc_space_terminate(ipc_space_t space);

static inline void
is_lock(ipc_space_t space)
{
	spin_lock(&space->is_lock);
}

static inline void
is_unlock(ipc_space_t space)
{
	spin_unlock(&space->is_lock);
}

/* the same for a caller with interrupts off already */
static inline void
is_lock_intr_off(ipc_space_t space)
{
	spin_lock_intr_off(&space->is_lock);
}

static inline void
is_unlock_intr_off(ipc_space_t space)
{
	spin_unlock_intr_off(&space->is_lock);
}

/* --- entries (space locked and active) --- */

/* the entry at a table index below is_table_size */
static inline ipc_entry_t
ipc_entry_slot(ipc_space_t space, uint32_t index)
{
	if (likely(index < IS_ENTRIES_PER_PAGE))
		return &space->is_dir[0][index];
	return &space->is_dir[index / IS_ENTRIES_PER_PAGE]
	    [index % IS_ENTRIES_PER_PAGE];
}

/*
 * ipc_entry_lookup - the entry of name, or NULL (free, stale, out of
 * range).  Inline: every call that takes a name does one or more.
 */
static inline ipc_entry_t
ipc_entry_lookup(ipc_space_t space, mach_port_name_t name)
{
	uint32_t index = MACH_PORT_INDEX(name);
	ipc_entry_t e;

	if (index == 0 || index >= space->is_table_size)
		return NULL;
	/* the first page without the division: most spaces fit in it */
	e = ipc_entry_slot(space, index);
	if ((e->ie_bits & IE_BITS_TYPE_MASK) == 0 ||
	    (e->ie_bits & IE_BITS_GEN_MASK) != MACH_PORT_GEN(name))
		return NULL;
	return e;
}
kern_return_t ipc_entry_alloc_slow(ipc_space_t space, mach_port_name_t *namep,
    ipc_entry_t *entryp);
/*
 * ipc_entry_alloc - a free entry and its new name; its bits hold only the
 * generation.  KERN_NO_SPACE (the space is at its limit),
 * KERN_RESOURCE_SHORTAGE (no memory for the table).  Inline for the usual
 * case, the free list's head free and the space below its limit; the
 * rest (an empty list, an entry on it taken by name) is the slow path's.
 */
static inline kern_return_t
ipc_entry_alloc(ipc_space_t space, mach_port_name_t *namep, ipc_entry_t *entryp)
{
	uint32_t index = space->is_free_head;
	ipc_entry_t e;

	if (unlikely(index == IS_INDEX_NONE ||
	    space->is_in_use >= space->is_max_entries))
		return ipc_entry_alloc_slow(space, namep, entryp);
	e = ipc_entry_slot(space, index);
	if (unlikely((e->ie_bits & IE_BITS_TYPE_MASK) != 0))
		return ipc_entry_alloc_slow(space, namep, entryp);
	space->is_free_head = e->ie_next;
	if (space->is_free_head == IS_INDEX_NONE)
		space->is_free_tail = IS_INDEX_NONE;
	e->ie_bits &= ~IE_BITS_FREELISTED;
	e->ie_object = NULL;
	e->ie_hash_next = IS_INDEX_NONE;
	space->is_in_use++;
	*namep = ipc_entry_name(index, e->ie_bits);
	*entryp = e;
	return KERN_SUCCESS;
}
/*
 * ipc_entry_alloc_name - the entry for exactly name.  KERN_NAME_EXISTS
 * with *entryp set if name is in use; KERN_INVALID_VALUE (index 0 or not
 * representable); KERN_NO_SPACE; KERN_RESOURCE_SHORTAGE.
 */
kern_return_t ipc_entry_alloc_name(ipc_space_t space, mach_port_name_t name,
    ipc_entry_t *entryp);
/*
 * ipc_entry_reserve_name - the table grown to hold name's index, so that
 * ipc_entry_alloc_name of a free name can then fail only for the space's
 * count of names.  KERN_INVALID_VALUE, KERN_NO_SPACE, KERN_RESOURCE_SHORTAGE.
 */
kern_return_t ipc_entry_reserve_name(ipc_space_t space, mach_port_name_t name);
/* put the entry at index on the free list's tail (FIFO: a name is reused last) */
static inline void
ipc_free_push(ipc_space_t space, uint32_t index, ipc_entry_t e)
{
	e->ie_bits |= IE_BITS_FREELISTED;
	e->ie_next = IS_INDEX_NONE;
	if (space->is_free_tail != IS_INDEX_NONE)
		ipc_entry_slot(space, space->is_free_tail)->ie_next = index;
	else
		space->is_free_head = index;
	space->is_free_tail = index;
}

/*
 * ipc_entry_dealloc - the entry holds nothing any more: free its name
 * (the next generation of its index is the next name made there)
 */
static inline void
ipc_entry_dealloc(ipc_space_t space, mach_port_name_t name, ipc_entry_t e)
{
	uint32_t listed = e->ie_bits & IE_BITS_FREELISTED;

	if (name == space->is_self_name)
		__atomic_store_n(&space->is_self_name, MACH_PORT_NULL, __ATOMIC_RELAXED);
	e->ie_object = NULL;
	e->ie_bits = ((e->ie_bits & IE_BITS_GEN_MASK) + IE_BITS_GEN_ONE) | listed;
	space->is_in_use--;
	if (!listed)
		ipc_free_push(space, MACH_PORT_INDEX(name), e);
}
/* the entry at a table index, or NULL past the table (for walks) */
ipc_entry_t ipc_entry_at(ipc_space_t space, uint32_t index);

/* --- the reverse hash: send rights without the receive right --- */

/*
 * ipc_hash_lookup - the name under which space holds a send right to
 * object (not its receive right); false if none
 */
bool ipc_hash_lookup(ipc_space_t space, struct ipc_object *object,
    mach_port_name_t *namep, ipc_entry_t *entryp);
/*
 * ipc_hash_reserve - room for n more entries in the reverse hash, so that
 * the next n ipc_hash_insert calls (space locked throughout) cannot fail.
 * Insertion can fail only for memory: KERN_RESOURCE_SHORTAGE, and the
 * caller must not insert then.
 */
kern_return_t ipc_hash_reserve(ipc_space_t space, uint32_t n);
void ipc_hash_insert(ipc_space_t space, mach_port_name_t name,
    ipc_entry_t entry);
void ipc_hash_delete(ipc_space_t space, mach_port_name_t name,
    ipc_entry_t entry);

/* statistics for tests and benchmarks */
struct ipc_space_stats {
	uint64_t spaces;		/* alive */
	uint64_t entries;		/* names in use, every space */
	uint64_t table_pages;		/* pages of entry tables */
	uint64_t hash_bytes;		/* bytes of reverse hash tables */
};
void ipc_space_get_stats(struct ipc_space_stats *st);
/* the entries the table holds after its next growth (space locked) */
static inline uint32_t
ipc_space_table_next_locked(ipc_space_t space)
{
	return MIN(space->is_table_size + (uint32_t)IS_ENTRIES_PER_PAGE,
	    space->is_max_entries + 1);
}
/*
 * ipc_space_basic_info - mach_port_space_basic_info's counts: entries the
 * table holds, after its next growth, and in use.  KERN_INVALID_TASK: the
 * space is dead.
 */
kern_return_t ipc_space_basic_info(ipc_space_t space, uint32_t *table_size,
    uint32_t *table_next, uint32_t *in_use);
/* the first space after prev in the list of all spaces (NULL: the first) */
ipc_space_t ipc_space_next(ipc_space_t prev);

#endif /* KERNEL_IPC_IPC_SPACE_H */
