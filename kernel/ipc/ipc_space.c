/*
 * kernel/ipc/ipc_space.c - IPC spaces, their entry tables and reverse
 * hashes (ipc_space.h).
 */
#include "kernel/ipc/ipc_space.h"
#include "kernel/ipc/ipc_right.h"
#include "kernel/lib/string.h"
#include "kernel/panic.h"
#include "kernel/startup.h"
#include "kernel/vm/kalloc.h"
#include "kernel/vm/vm_page.h"
#include "kernel/vm/zone.h"

#define IS_DIR_SLOTS_MIN	8
#define IS_HASH_MIN		64

static struct zone *ipc_space_zone;				/* [c] */
static struct spinlock ipc_spaces_lock = SPINLOCK_INITIALIZER("ipc_spaces");
static struct ipc_space *ipc_spaces_all;			/* [ipc_spaces_lock] */
static uint64_t ipc_spaces_alive;				/* [a] */
static uint64_t ipc_table_pages, ipc_hash_bytes;		/* [a] */

void
ipc_space_bootstrap(void)
{
	ipc_space_zone = zone_create("ipc.spaces", sizeof(struct ipc_space), 0);
	if (ipc_space_zone == NULL)
		panic("ipc_space_bootstrap: no memory for the zone");
}

static inline void
stat_add(uint64_t *c, int64_t d)
{
	__atomic_fetch_add(c, (uint64_t)d, __ATOMIC_RELAXED);
}

kern_return_t
ipc_space_create(void *owner, ipc_space_t *out)
{
	ipc_space_t space = zalloc_flags(ipc_space_zone, Z_ZERO);

	if (space == NULL)
		return KERN_RESOURCE_SHORTAGE;
	spinlock_init_ranked(&space->is_lock, "is_lock", LOCK_RANK_IPC_SPACE);
	space->is_refs = 1;
	space->is_active = true;
	space->is_max_entries = IS_MAX_ENTRIES_DEFAULT;
	space->is_owner = owner;
	spin_lock(&ipc_spaces_lock);
	space->is_all_next = ipc_spaces_all;
	if (ipc_spaces_all != NULL)
		ipc_spaces_all->is_all_prev = space;
	ipc_spaces_all = space;
	spin_unlock(&ipc_spaces_lock);
	stat_add(&ipc_spaces_alive, 1);
	*out = space;
	return KERN_SUCCESS;
}

void
ipc_space_reference(ipc_space_t space)
{
	__atomic_fetch_add(&space->is_refs, 1, __ATOMIC_RELAXED);
}

/* free the tables of a terminated space (nothing else can reach them) */
static void
ipc_space_free_tables(ipc_space_t space)
{
	uint32_t pages = space->is_table_size / IS_ENTRIES_PER_PAGE;

	for (uint32_t i = 0; i < pages; i++)
		kpage_free(space->is_dir[i]);
	if (space->is_dir != NULL)
		kfree(space->is_dir, space->is_dir_slots * sizeof(space->is_dir[0]));
	stat_add(&ipc_table_pages, -(int64_t)pages);
	if (space->is_hash != NULL) {
		size_t bytes = (space->is_hash_mask + 1) * sizeof(uint32_t);

		kfree(space->is_hash, bytes);
		stat_add(&ipc_hash_bytes, -(int64_t)bytes);
	}
	space->is_dir = NULL;
	space->is_hash = NULL;
	space->is_dir_slots = space->is_table_size = 0;
	space->is_hash_mask = space->is_hash_count = 0;
}

void
ipc_space_release(ipc_space_t space)
{
	if (__atomic_sub_fetch(&space->is_refs, 1, __ATOMIC_ACQ_REL) != 0)
		return;
	if (space->is_active)
		panic("ipc_space_release: last reference to an active space");
	spin_lock(&ipc_spaces_lock);
	if (space->is_all_prev != NULL)
		space->is_all_prev->is_all_next = space->is_all_next;
	else
		ipc_spaces_all = space->is_all_next;
	if (space->is_all_next != NULL)
		space->is_all_next->is_all_prev = space->is_all_prev;
	spin_unlock(&ipc_spaces_lock);
	ipc_space_free_tables(space);
	stat_add(&ipc_spaces_alive, -1);
	zfree(ipc_space_zone, space);
}

void
ipc_space_terminate(ipc_space_t space)
{
	uint32_t size;

	is_lock(space);
	if (!space->is_active) {
		is_unlock(space);
		return;
	}
	space->is_active = false;
	__atomic_store_n(&space->is_self_name, MACH_PORT_NULL, __ATOMIC_RELAXED);
	size = space->is_table_size;
	is_unlock(space);
	/*
	 * Inactive: no call changes the table now (each checks is_active
	 * under the lock), so the walk needs no lock, and destroying a right
	 * (which may send notifications) holds none.
	 */
	for (uint32_t i = 1; i < size; i++) {
		ipc_entry_t e = ipc_entry_at(space, i);
		uint32_t bits = e->ie_bits;

		if ((bits & IE_BITS_TYPE_MASK) == 0)
			continue;
		ipc_right_terminate(space, ipc_entry_name(i, bits), e);
		e->ie_bits = bits & IE_BITS_GEN_MASK;
		e->ie_object = NULL;
	}
	space->is_in_use = 0;
}

ipc_entry_t
ipc_entry_at(ipc_space_t space, uint32_t index)
{
	if (index >= space->is_table_size)
		return NULL;
	return &space->is_dir[index / IS_ENTRIES_PER_PAGE]
	    [index % IS_ENTRIES_PER_PAGE];
}


/* one more page of entries, every one free; space locked */
static kern_return_t
ipc_table_grow(ipc_space_t space)
{
	uint32_t pages = space->is_table_size / IS_ENTRIES_PER_PAGE;
	uint32_t base = space->is_table_size;
	struct ipc_entry *page;

	if (space->is_table_size + IS_ENTRIES_PER_PAGE > space->is_max_entries + 1)
		return KERN_NO_SPACE;
	if (pages == space->is_dir_slots) {
		uint32_t slots = MAX(IS_DIR_SLOTS_MIN, space->is_dir_slots * 2);
		struct ipc_entry **dir = kalloc(slots * sizeof(*dir));

		if (dir == NULL)
			return KERN_RESOURCE_SHORTAGE;
		if (space->is_dir != NULL) {
			memcpy(dir, space->is_dir, pages * sizeof(*dir));
			kfree(space->is_dir, space->is_dir_slots * sizeof(*dir));
		}
		space->is_dir = dir;
		space->is_dir_slots = slots;
	}
	page = kpage_alloc();
	if (page == NULL)
		return KERN_RESOURCE_SHORTAGE;
	space->is_dir[pages] = page;
	space->is_table_size += IS_ENTRIES_PER_PAGE;
	stat_add(&ipc_table_pages, 1);
	for (uint32_t i = (base == 0 ? 1 : 0); i < IS_ENTRIES_PER_PAGE; i++)
		ipc_free_push(space, base + i, &page[i]);
	return KERN_SUCCESS;
}

kern_return_t
ipc_entry_alloc_slow(ipc_space_t space, mach_port_name_t *namep,
    ipc_entry_t *entryp)
{
	for (;;) {
		uint32_t index = space->is_free_head;
		ipc_entry_t e;

		if (index == IS_INDEX_NONE) {
			kern_return_t kr;

			if (space->is_in_use >= space->is_max_entries)
				return KERN_NO_SPACE;
			kr = ipc_table_grow(space);
			if (kr != KERN_SUCCESS)
				return kr;
			continue;
		}
		e = ipc_entry_at(space, index);
		space->is_free_head = e->ie_next;
		if (space->is_free_head == IS_INDEX_NONE)
			space->is_free_tail = IS_INDEX_NONE;
		e->ie_bits &= ~IE_BITS_FREELISTED;
		/* taken by name (ipc_entry_alloc_name) while on the list */
		if ((e->ie_bits & IE_BITS_TYPE_MASK) != 0)
			continue;
		if (space->is_in_use >= space->is_max_entries) {
			ipc_free_push(space, index, e);
			return KERN_NO_SPACE;
		}
		e->ie_object = NULL;
		e->ie_hash_next = IS_INDEX_NONE;
		space->is_in_use++;
		*namep = ipc_entry_name(index, e->ie_bits);
		*entryp = e;
		return KERN_SUCCESS;
	}
}

kern_return_t
ipc_entry_reserve_name(ipc_space_t space, mach_port_name_t name)
{
	uint32_t index = MACH_PORT_INDEX(name);

	if (!MACH_PORT_VALID(name) || index == 0)
		return KERN_INVALID_VALUE;
	if (index > space->is_max_entries)
		return KERN_NO_SPACE;
	while (index >= space->is_table_size) {
		kern_return_t kr = ipc_table_grow(space);

		if (kr != KERN_SUCCESS)
			return kr;
	}
	return KERN_SUCCESS;
}

kern_return_t
ipc_entry_alloc_name(ipc_space_t space, mach_port_name_t name,
    ipc_entry_t *entryp)
{
	kern_return_t kr = ipc_entry_reserve_name(space, name);
	ipc_entry_t e;

	if (kr != KERN_SUCCESS)
		return kr;
	e = ipc_entry_at(space, MACH_PORT_INDEX(name));
	if ((e->ie_bits & IE_BITS_TYPE_MASK) != 0) {
		if ((e->ie_bits & IE_BITS_GEN_MASK) != MACH_PORT_GEN(name))
			return KERN_NO_SPACE;	/* the slot holds another name */
		*entryp = e;
		return KERN_NAME_EXISTS;
	}
	if (space->is_in_use >= space->is_max_entries)
		return KERN_NO_SPACE;
	/* it stays on the free list, where ipc_entry_alloc will skip it */
	e->ie_bits = (e->ie_bits & IE_BITS_FREELISTED) | MACH_PORT_GEN(name);
	e->ie_object = NULL;
	e->ie_hash_next = IS_INDEX_NONE;
	space->is_in_use++;
	*entryp = e;
	return KERN_SUCCESS;
}


void
ipc_space_set_self_name(ipc_space_t space, mach_port_name_t name,
    const void *self_port)
{
	ipc_entry_t e;

	is_lock(space);
	if (space->is_active && (e = ipc_entry_lookup(space, name)) != NULL &&
	    (e->ie_bits & MACH_PORT_TYPE_SEND) != 0 && e->ie_object == self_port)
		__atomic_store_n(&space->is_self_name, name, __ATOMIC_RELAXED);
	is_unlock(space);
}

/* --- the reverse hash --- */

static inline uint32_t
ipc_hash_index(ipc_space_t space, const struct ipc_object *object)
{
	uint64_t h = ((uintptr_t)object >> 3) * 0x9e3779b97f4a7c15ull;

	return (uint32_t)(h >> 32) & space->is_hash_mask;
}

bool
ipc_hash_lookup(ipc_space_t space, struct ipc_object *object,
    mach_port_name_t *namep, ipc_entry_t *entryp)
{
	uint32_t index;

	if (space->is_hash_count == 0)
		return false;
	index = space->is_hash[ipc_hash_index(space, object)];
	while (index != IS_INDEX_NONE) {
		ipc_entry_t e = ipc_entry_at(space, index);

		if (e->ie_object == object) {
			*namep = ipc_entry_name(index, e->ie_bits);
			*entryp = e;
			return true;
		}
		index = e->ie_hash_next;
	}
	return false;
}

kern_return_t
ipc_hash_reserve(ipc_space_t space, uint32_t more)
{
	uint32_t old_n = space->is_hash_mask + (space->is_hash != NULL);
	uint32_t n, *table, *old = space->is_hash;
	uint64_t want = (uint64_t)space->is_hash_count + more;

	if (space->is_hash != NULL && want <= old_n)
		return KERN_SUCCESS;
	for (n = MAX(IS_HASH_MIN, old_n * 2); n < want; n *= 2)
		if (n >= (1u << 30))
			return KERN_RESOURCE_SHORTAGE;
	table = kalloc_zero(n * sizeof(uint32_t));
	if (table == NULL)
		return KERN_RESOURCE_SHORTAGE;
	stat_add(&ipc_hash_bytes, (int64_t)(n * sizeof(uint32_t)));
	space->is_hash = table;
	space->is_hash_mask = n - 1;
	/* rehash every chain of the old table */
	for (uint32_t b = 0; old != NULL && b < old_n; b++) {
		uint32_t index = old[b];

		while (index != IS_INDEX_NONE) {
			ipc_entry_t e = ipc_entry_at(space, index);
			uint32_t next = e->ie_hash_next;
			uint32_t *head = &table[ipc_hash_index(space, e->ie_object)];

			e->ie_hash_next = *head;
			*head = index;
			index = next;
		}
	}
	if (old != NULL) {
		kfree(old, old_n * sizeof(uint32_t));
		stat_add(&ipc_hash_bytes, -(int64_t)(old_n * sizeof(uint32_t)));
	}
	return KERN_SUCCESS;
}

void
ipc_hash_insert(ipc_space_t space, mach_port_name_t name, ipc_entry_t e)
{
	uint32_t *head = &space->is_hash[ipc_hash_index(space, e->ie_object)];

	e->ie_hash_next = *head;
	*head = MACH_PORT_INDEX(name);
	space->is_hash_count++;
}

void
ipc_hash_delete(ipc_space_t space, mach_port_name_t name, ipc_entry_t e)
{
	uint32_t *link = &space->is_hash[ipc_hash_index(space, e->ie_object)];
	uint32_t index = MACH_PORT_INDEX(name);

	while (*link != IS_INDEX_NONE) {
		if (*link == index) {
			*link = e->ie_hash_next;
			e->ie_hash_next = IS_INDEX_NONE;
			space->is_hash_count--;
			return;
		}
		link = &ipc_entry_at(space, *link)->ie_hash_next;
	}
	panic("ipc_hash_delete: name %#x not in the reverse hash", name);
}

void
ipc_space_get_stats(struct ipc_space_stats *st)
{
	st->spaces = __atomic_load_n(&ipc_spaces_alive, __ATOMIC_RELAXED);
	st->entries = 0;
	spin_lock(&ipc_spaces_lock);
	for (ipc_space_t sp = ipc_spaces_all; sp != NULL; sp = sp->is_all_next)
		st->entries += __atomic_load_n(&sp->is_in_use, __ATOMIC_RELAXED);
	spin_unlock(&ipc_spaces_lock);
	st->table_pages = __atomic_load_n(&ipc_table_pages, __ATOMIC_RELAXED);
	st->hash_bytes = __atomic_load_n(&ipc_hash_bytes, __ATOMIC_RELAXED);
}

kern_return_t
ipc_space_basic_info(ipc_space_t space, uint32_t *table_size,
    uint32_t *table_next, uint32_t *in_use)
{
	is_lock(space);
	if (!space->is_active) {
		is_unlock(space);
		return KERN_INVALID_TASK;
	}
	*table_size = space->is_table_size;
	*table_next = ipc_space_table_next_locked(space);
	*in_use = space->is_in_use;
	is_unlock(space);
	return KERN_SUCCESS;
}

ipc_space_t
ipc_space_next(ipc_space_t prev)
{
	ipc_space_t s;

	spin_lock(&ipc_spaces_lock);
	s = prev == NULL ? ipc_spaces_all : prev->is_all_next;
	spin_unlock(&ipc_spaces_lock);
	return s;
}
