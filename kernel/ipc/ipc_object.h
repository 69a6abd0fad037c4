/*
 * kernel/ipc/ipc_object.h - what ports and port sets have in common.
 *
 * Every object a name in an IPC space can denote (a port or a port set)
 * starts with struct ipc_object: its kind, whether it is alive, the kind
 * of kernel object a port stands for, and a reference count.  A name entry
 * holds one reference on its object whatever rights and urefs it has; a
 * right carried in a message holds one; so does anyone who looked the
 * object up and dropped the lock.
 *
 * Locks:
 *	o	the object's own lock (ip_lock / ips_lock)
 *	a	atomic
 */
#ifndef KERNEL_IPC_IPC_OBJECT_H
#define KERNEL_IPC_IPC_OBJECT_H

#include <mach/port.h>
#include "kernel/lib/types.h"

/* what a port stands for in the kernel (XNU's IKOT_ values where they exist) */
typedef unsigned int ipc_kobject_type_t;
#define IKOT_NONE		0
#define IKOT_THREAD_CONTROL	1
#define IKOT_TASK_CONTROL	2
#define IKOT_HOST		3
#define IKOT_PSET		6	/* the processor set's control port (task/task_pset.c) */
#define IKOT_PSET_NAME		7	/* its name port */
#define IKOT_SEMAPHORE		23
#define IKOT_CLOCK		25
#define IKOT_NAMED_ENTRY	28	/* a named memory entry (task/task_memory_entry.c) */
#define IKOT_MAX		32

#define IOT_PORT		0
#define IOT_PORT_SET		1

struct ipc_object {
	uint32_t io_bits;		/* [o] IO_BITS_* */
	uint32_t io_references;		/* [a] */
};
typedef struct ipc_object *ipc_object_t;
#define IO_NULL			((ipc_object_t)NULL)
/* a dead right: what a message carries in place of a right to a dead port */
#define IO_DEAD			((ipc_object_t)~0ul)
#define IO_VALID(io)		((io) != IO_NULL && (io) != IO_DEAD)

#define IO_BITS_ACTIVE		0x80000000u	/* alive (receive right exists) */
#define IO_BITS_OTYPE		0x00010000u	/* IOT_PORT_SET when set */
#define IO_BITS_KOTYPE		0x000000ffu	/* IKOT_* */

static inline bool
io_active(const struct ipc_object *io)
{
	return (io->io_bits & IO_BITS_ACTIVE) != 0;
}

static inline unsigned
io_otype(const struct ipc_object *io)
{
	return (io->io_bits & IO_BITS_OTYPE) ? IOT_PORT_SET : IOT_PORT;
}

/*
 * (debug) a count this large is no count: the object was freed and its
 * zone's free-list link (whose upper half io_references overlays) is
 * being changed by a holder of a stale pointer; say where, at once
 */
#define IO_REFS_SANE		0x10000000u
void io_refs_insane(struct ipc_object *io, uint32_t refs, const char *op)
    __attribute__((noreturn));

static inline void
io_reference(struct ipc_object *io)
{
#ifdef RVMACH_DEBUG
	uint32_t old = __atomic_fetch_add(&io->io_references, 1, __ATOMIC_RELAXED);

	if (old == 0 || old >= IO_REFS_SANE)
		io_refs_insane(io, old, "io_reference");
#else
	__atomic_fetch_add(&io->io_references, 1, __ATOMIC_RELAXED);
#endif
}

/* io_free - the last reference went: free the port or port set */
void io_free(struct ipc_object *io);

/* io_release - drop a reference; the last one frees the object (no lock held) */
static inline void
io_release(struct ipc_object *io)
{
	uint32_t refs = __atomic_sub_fetch(&io->io_references, 1, __ATOMIC_ACQ_REL);

#ifdef RVMACH_DEBUG
	if (refs >= IO_REFS_SANE - 1)
		io_refs_insane(io, refs + 1, "io_release");
#endif
	if (refs == 0)
		io_free(io);
}

#endif /* KERNEL_IPC_IPC_OBJECT_H */
