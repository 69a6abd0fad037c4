/*
 * task/task_memory_entry.c - named memory entries (XNU's
 * mach_make_memory_entry_64, IKOT_NAMED_ENTRY ports) and mach_vm_map,
 * which maps one (or fresh memory) into a task.
 *
 * An entry names a page range of one VM object with a protection: a range
 * of a task's memory (the object of the one map entry holding it, made
 * one the maps may share writably: kernel/vm vm_map_share_object), a new
 * object (MAP_MEM_NAMED_CREATE), a snapshot copy of a range
 * (MAP_MEM_VM_COPY) or a part of another entry (parent_entry).  Its port
 * is a stable kernel object (ipc_port.h): the send rights made when it is
 * made hold it, and the last one's release frees the entry and drops its
 * object, whose pages stay as long as some map still maps them.  The send
 * right moves in messages like any other; a task holding one maps the
 * memory with mach_vm_map, shared (copy FALSE: writes seen through every
 * mapping) or as a private copy (copy TRUE, made at once).
 */
#include <mach/memory_object_types.h>
#include <mach/rvmach_vm.h>
#include <mach/vm_statistics.h>
#include "kernel/copyio.h"
#include "kernel/ipc/ipc_port.h"
#include "kernel/ipc/mach_port.h"
#include "kernel/lib/string.h"
#include "kernel/panic.h"
#include "kernel/startup.h"
#include "kernel/vm/vm_map.h"
#include "kernel/vm/vm_object.h"
#include "kernel/vm/zone.h"
#include "task/task.h"
#include "task/task_trap.h"

struct vm_named_entry {
	uint32_t refs;			/* [a] the port's send rights hold one */
	vm_object_t object;		/* [c] a reference */
	uint64_t offset;		/* [c] of the entry's first byte in object */
	uint64_t size;			/* [c] bytes, a page multiple */
	vm_prot_t protection;		/* [c] the most a mapping may have */
	ipc_port_t port;		/* [c] its kernel port */
};

static struct zone *named_entry_zone;	/* [c] */
static uint64_t named_entries_alive;	/* [a] */

uint64_t
vm_named_entries_alive(void)
{
	return __atomic_load_n(&named_entries_alive, __ATOMIC_RELAXED);
}

static void
named_entry_reference(void *obj)
{
	struct vm_named_entry *e = obj;

	__atomic_fetch_add(&e->refs, 1, __ATOMIC_RELAXED);
}

static void
named_entry_release(struct vm_named_entry *e)
{
	if (__atomic_sub_fetch(&e->refs, 1, __ATOMIC_ACQ_REL) != 0)
		return;
	vm_object_deallocate(e->object);
	zfree(named_entry_zone, e);
	__atomic_fetch_sub(&named_entries_alive, 1, __ATOMIC_RELAXED);
}

/* the last send right is gone: nobody can name the entry any more */
static void
named_entry_no_senders(ipc_port_t port)
{
	struct vm_named_entry *e = port->ip_kobject;

	if (e == NULL || e->port != port)
		panic("named_entry_no_senders: port %p is not its entry's", port);
	ipc_port_dealloc_kernel(port);
	named_entry_release(e);
}

static void
task_memory_entry_init(void)
{
	named_entry_zone = zone_create("vm.named_entries",
	    sizeof(struct vm_named_entry), 0);
	if (named_entry_zone == NULL)
		panic("task_memory_entry_init: no zone");
	ipc_kobject_register(IKOT_NAMED_ENTRY, named_entry_reference);
	ipc_kobject_register_no_senders(IKOT_NAMED_ENTRY, named_entry_no_senders);
}
STARTUP(TASKS, task_memory_entry_init);

/*
 * a new entry for [offset, offset + size) of object (the caller's
 * reference passes to it, on success only) and a send right to its port
 */
static kern_return_t
named_entry_make(vm_object_t object, uint64_t offset, uint64_t size,
    vm_prot_t prot, ipc_port_t *srightp)
{
	struct vm_named_entry *e = zalloc(named_entry_zone);

	if (e == NULL)
		return KERN_RESOURCE_SHORTAGE;
	if ((e->port = ipc_port_alloc_kernel(e, IKOT_NAMED_ENTRY)) == IP_NULL) {
		zfree(named_entry_zone, e);
		return KERN_RESOURCE_SHORTAGE;
	}
	e->refs = 1;
	e->object = object;
	e->offset = offset;
	e->size = size;
	e->protection = prot;
	__atomic_fetch_add(&named_entries_alive, 1, __ATOMIC_RELAXED);
	/* from here the send rights hold e: releasing this one frees it */
	*srightp = ipc_port_make_send(e->port);
	return KERN_SUCCESS;
}

/* the entry name is a send right to, with a reference; NULL: *krp says why */
static struct vm_named_entry *
named_entry_of_name(mach_port_name_t name, kern_return_t *krp)
{
	void *obj = NULL;

	*krp = ipc_kobject_translate_send(current_task()->itk_space, name,
	    IKOT_NAMED_ENTRY, &obj);
	return *krp == KERN_SUCCESS ? obj : NULL;
}

#define MAP_MEM_TAKEN	(MAP_MEM_NAMED_CREATE | MAP_MEM_VM_COPY | MAP_MEM_VM_SHARE)

/*
 * mach_make_memory_entry_64's work: the object and range for an entry of
 * *sizep bytes at offset (of map, of parent, or new), *sizep rounded to
 * pages.  On success *objp is a reference.
 */
static kern_return_t
memory_entry_range(vm_map_t map, uint64_t *sizep, uint64_t offset,
    vm_prot_t permission, mach_port_name_t parent_name, vm_object_t *objp,
    uint64_t *offp, vm_prot_t *protp)
{
	vm_prot_t prot = permission & VM_PROT_ALL, max;
	unsigned flags = (unsigned)permission & ~(unsigned)VM_PROT_ALL;
	uint64_t lo = ROUNDDOWN(offset, PAGE_SIZE), hi, size;
	struct vm_named_entry *parent;
	vm_object_t o, copy;
	kern_return_t kr;

	if ((flags & ~MAP_MEM_TAKEN) != 0 || *sizep == 0 ||
	    offset + *sizep < offset || (flags & MAP_MEM_VM_COPY &&
	    flags & (MAP_MEM_NAMED_CREATE | MAP_MEM_VM_SHARE)))
		return KERN_INVALID_ARGUMENT;
	hi = ROUNDUP(offset + *sizep, PAGE_SIZE);
	if (hi < lo)
		return KERN_INVALID_ARGUMENT;
	size = hi - lo;
	*protp = prot;
	if (flags & MAP_MEM_NAMED_CREATE) {
		/* fresh memory: the offset is not used, as in XNU */
		size = ROUNDUP(*sizep, PAGE_SIZE);
		if (size == 0 || (o = vm_object_allocate(size)) == NULL)
			return size == 0 ? KERN_INVALID_ARGUMENT : KERN_RESOURCE_SHORTAGE;
		*objp = o;
		*offp = 0;
		*sizep = size;
		return KERN_SUCCESS;
	}
	if (parent_name != MACH_PORT_NULL) {
		if ((parent = named_entry_of_name(parent_name, &kr)) == NULL)
			return kr == KERN_INVALID_CAPABILITY ? KERN_INVALID_ARGUMENT :
			    MACH_SEND_INVALID_RIGHT;
		kr = KERN_SUCCESS;
		if (lo >= parent->size || size > parent->size - lo)
			kr = KERN_INVALID_ARGUMENT;
		else if ((prot & ~parent->protection) != 0)
			kr = KERN_PROTECTION_FAILURE;
		if (kr == KERN_SUCCESS) {
			vm_object_reference(parent->object);
			o = parent->object;
			lo += parent->offset;
		}
		named_entry_release(parent);
		if (kr != KERN_SUCCESS)
			return kr;
	} else {
		kr = vm_map_share_object(map, lo, size, prot, &o, &lo, &max);
		if (kr != KERN_SUCCESS)
			return kr;
	}
	if (flags & MAP_MEM_VM_COPY) {
		/* a snapshot: the pages copied now */
		copy = vm_object_copy_range(o, lo, size);
		vm_object_deallocate(o);
		if (copy == NULL)
			return KERN_RESOURCE_SHORTAGE;
		o = copy;
		lo = 0;
	}
	*objp = o;
	*offp = lo;
	*sizep = size;
	return KERN_SUCCESS;
}

/*
 * mach_make_memory_entry_64(target, size *, offset, permission, handle *,
 * parent): *size comes back rounded to pages; the handle's place is
 * checked before anything is made, and the entry is taken back if the
 * name cannot be stored
 */
uint64_t
trap_make_memory_entry(const uint64_t a[USERTRAP_NARGS])
{
	uint64_t size, off;
	ipc_port_t sright = IP_NULL;
	mach_port_name_t name;
	vm_object_t o = NULL;
	vm_prot_t prot;
	kern_return_t kr;
	task_t t;
	vm_map_t map;

	if ((map = trap_target_map(a[0], &t)) == NULL)
		return MACH_SEND_INVALID_DEST;
	name = 0;
	if (copyin(a[1], &size, sizeof(size)) != KERN_SUCCESS ||
	    copyout(&size, a[1], sizeof(size)) != KERN_SUCCESS ||
	    copyout(&name, a[4], sizeof(name)) != KERN_SUCCESS) {
		trap_target_done(map, t);
		return KERN_INVALID_ADDRESS;
	}
	kr = memory_entry_range(map, &size, a[2], (vm_prot_t)a[3],
	    (mach_port_name_t)a[5], &o, &off, &prot);
	trap_target_done(map, t);
	if (kr != KERN_SUCCESS)
		return kr;
	if ((kr = named_entry_make(o, off, size, prot, &sright)) != KERN_SUCCESS) {
		vm_object_deallocate(o);
		return kr;
	}
	name = ipc_port_copyout_send(sright, current_task()->itk_space);
	if (name == MACH_PORT_NULL)
		return KERN_RESOURCE_SHORTAGE;	/* the right went with the failure */
	if (copyout(&name, a[4], sizeof(name)) != KERN_SUCCESS ||
	    copyout(&size, a[1], sizeof(size)) != KERN_SUCCESS) {
		mach_port_deallocate(current_task()->itk_space, name);
		return KERN_INVALID_ADDRESS;
	}
	return KERN_SUCCESS;
}

/*
 * mach_vm_map's work.  XNU's checks: protections and inheritance in
 * range, a maximum the entry allows (KERN_INVALID_RIGHT), the range inside
 * the entry (KERN_INVALID_ARGUMENT).  *mapped: the bytes mapped.
 */
static kern_return_t
vm_map_named(vm_map_t map, struct rvmach_vm_map_args *r, uint64_t *mapped)
{
	bool anywhere = (r->flags & VM_FLAGS_ANYWHERE) != 0;
	struct vm_named_entry *e = NULL;
	uint64_t lo, size, off = 0;
	vm_object_t o = NULL;
	vaddr_t addr;
	kern_return_t kr;
	int flags;

	if ((r->flags & ~(VM_FLAGS_ANYWHERE | VM_FLAGS_OVERWRITE)) != 0 ||
	    (anywhere && (r->flags & VM_FLAGS_OVERWRITE)) ||
	    (r->cur_protection & ~VM_PROT_ALL) != 0 ||
	    (r->max_protection & ~VM_PROT_ALL) != 0 ||
	    (r->cur_protection & ~r->max_protection) != 0 ||
	    r->inheritance > VM_INHERIT_LAST_VALID || r->size == 0 ||
	    r->offset + r->size < r->offset)
		return KERN_INVALID_ARGUMENT;
	/* fresh memory ignores the offset, as in XNU */
	lo = r->object != MACH_PORT_NULL ? ROUNDDOWN(r->offset, PAGE_SIZE) : 0;
	size = ROUNDUP(r->object != MACH_PORT_NULL ? r->offset + r->size :
	    r->size, PAGE_SIZE) - lo;
	if (size == 0)
		return KERN_INVALID_ARGUMENT;	/* the size wrapped rounding up */
	if (r->object != MACH_PORT_NULL) {
		if ((e = named_entry_of_name(r->object, &kr)) == NULL)
			return kr == KERN_INVALID_CAPABILITY ? KERN_INVALID_OBJECT :
			    MACH_SEND_INVALID_RIGHT;
		if ((e->protection & r->max_protection) != r->max_protection)
			kr = KERN_INVALID_RIGHT;
		else if (lo >= e->size || size > e->size - lo)
			kr = KERN_INVALID_ARGUMENT;
		else if (r->copy) {
			/* a private copy, made now */
			o = vm_object_copy_range(e->object, e->offset + lo, size);
			kr = o == NULL ? KERN_RESOURCE_SHORTAGE : KERN_SUCCESS;
		} else {
			vm_object_reference(e->object);
			o = e->object;
			off = e->offset + lo;
		}
		named_entry_release(e);
		if (kr != KERN_SUCCESS)
			return kr;
	}
	addr = anywhere ? 0 : ROUNDDOWN(r->address, PAGE_SIZE);
	flags = (anywhere ? VM_MAP_ANYWHERE : 0) |
	    ((r->flags & VM_FLAGS_OVERWRITE) ? VM_MAP_OVERWRITE : 0);
	kr = vm_map_enter_mask(map, &addr, size, r->mask, flags, o, off,
	    r->cur_protection, r->max_protection, r->inheritance,
	    e != NULL && !r->copy);
	if (kr != KERN_SUCCESS) {
		if (o != NULL)
			vm_object_deallocate(o);
		return kr;
	}
	r->address = addr;
	*mapped = size;
	return KERN_SUCCESS;
}

/*
 * mach_vm_map(task, struct rvmach_vm_map_args *): the block is written
 * back (the address); it must be writable before anything is mapped, and
 * a mapping whose address cannot be written is taken back
 */
uint64_t
trap_vm_map(const uint64_t a[USERTRAP_NARGS])
{
	struct rvmach_vm_map_args r;
	uint64_t size = 0;
	kern_return_t kr;
	task_t t;
	vm_map_t map;

	if ((map = trap_target_map(a[0], &t)) == NULL)
		return MACH_SEND_INVALID_DEST;
	if (copyin(a[1], &r, sizeof(r)) != KERN_SUCCESS ||
	    copyout(&r, a[1], sizeof(r)) != KERN_SUCCESS) {
		trap_target_done(map, t);
		return KERN_INVALID_ADDRESS;
	}
	kr = vm_map_named(map, &r, &size);
	if (kr == KERN_SUCCESS && copyout(&r, a[1], sizeof(r)) != KERN_SUCCESS) {
		vm_map_remove(map, r.address, r.address + size);
		kr = KERN_INVALID_ADDRESS;
	}
	trap_target_done(map, t);
	return kr;
}
