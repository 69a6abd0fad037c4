/*
 * kernel/ipc/ipc_kmsg.c - messages in the kernel: allocation, destruction,
 * and moving them in from and out to a task (ipc_kmsg.h, mach_msg.h).
 */
#include "kernel/ipc/ipc_kmsg.h"
#include "kernel/ipc/ipc_kobject_rpc.h"
#include "kernel/ipc/ipc_notify.h"
#include "kernel/ipc/ipc_right.h"
#include "kernel/ipc/mach_msg.h"
#include "kernel/copyio.h"
#include "kernel/lib/string.h"
#include "kernel/panic.h"
#include "kernel/sched/sched.h"
#include "kernel/vm/kalloc.h"
#include "kernel/vm/vm_map.h"
#include <machine/thread.h>

static uint64_t kmsg_delivered;	/* [a] receives ipc_kmsg_deliver_direct ended */
static uint64_t kmsg_put_left;	/* [a] those it left the copy of */

/* the NDR record of the kernel's own messages (little-endian, IEEE) */
NDR_record_t NDR_record = {
	.mig_vers = 0, .if_vers = 0, .reserved1 = 0, .mig_encoding = 0,
	.int_rep = NDR_INT_LITTLE_ENDIAN, .char_rep = NDR_CHAR_ASCII,
	.float_rep = NDR_FLOAT_IEEE, .reserved2 = 0,
};
const security_token_t KERNEL_SECURITY_TOKEN = KERNEL_SECURITY_TOKEN_VALUE;
const audit_token_t KERNEL_AUDIT_TOKEN = KERNEL_AUDIT_TOKEN_VALUE;

uint64_t ipc_kmsgs_alive;		/* [a] */

void
ipc_kmsg_bootstrap(void)
{
}

/*
 * A kmsg is its fields, the message, room for the largest trailer (built
 * in place on receipt, so the message and trailer go out in one copy),
 * then the descriptors.  Small ones all take IKM_SMALL_BYTES, so that a
 * user thread can keep one for its next message (ith_kmsg_cache).
 */
#define IKM_SMALL_DESC		4
#define IKM_BYTES(msg, ndesc)	(offsetof(struct ipc_kmsg, ikm_header) + \
	ROUNDUP((size_t)(msg), 8) + ROUNDUP(MAX_TRAILER_SIZE, 8) + \
	(size_t)(ndesc) * sizeof(struct ikm_desc))
#define IKM_SMALL_BYTES		IKM_BYTES(IKM_SMALL_MSG, IKM_SMALL_DESC)

static ipc_kmsg_t kmsg_alloc(mach_msg_size_t size, uint32_t ndesc,
    bool zero_header);

ipc_kmsg_t
ipc_kmsg_alloc(mach_msg_size_t size, uint32_t ndesc)
{
	return kmsg_alloc(size, ndesc, true);
}

/*
 * kmsg_alloc - ipc_kmsg_alloc; zero_header false for a caller that copies
 * at least the header in over it at once
 */
static ipc_kmsg_t
kmsg_alloc(mach_msg_size_t size, uint32_t ndesc, bool zero_header)
{
	bool small = size <= IKM_SMALL_MSG && ndesc <= IKM_SMALL_DESC;
	size_t bytes = small ? IKM_SMALL_BYTES : IKM_BYTES(size, ndesc);
	struct ipc_thread *ith = thread_ipc(current_thread());
	ipc_kmsg_t kmsg = IKM_NULL;

	if (size < sizeof(mach_msg_header_t) || size > IPC_KMSG_MAX_SIZE ||
	    ndesc > IPC_KMSG_MAX_DESC)
		return IKM_NULL;
	if (small && ith->ith_kmsg_cache != IKM_NULL) {
		kmsg = ith->ith_kmsg_cache;
		ith->ith_kmsg_cache = IKM_NULL;
	} else if ((kmsg = kalloc(bytes)) == IKM_NULL) {
		return IKM_NULL;
	}
	kmsg->ikm_next = IKM_NULL;
	kmsg->ikm_alloc = (uint32_t)bytes;
	kmsg->ikm_ndesc = ndesc;
	kmsg->ikm_remote = IP_NULL;
	kmsg->ikm_local = IO_NULL;
	kmsg->ikm_remote_type = kmsg->ikm_local_type = 0;
	kmsg->ikm_seqno = 0;
	kmsg->ikm_flags = 0;
	kmsg->ikm_desc = (struct ikm_desc *)((char *)&kmsg->ikm_header +
	    ROUNDUP((size_t)size, 8) + ROUNDUP(MAX_TRAILER_SIZE, 8));
	if (ndesc > 0)
		memset(kmsg->ikm_desc, 0, (size_t)ndesc * sizeof(struct ikm_desc));
	if (zero_header)
		memset(&kmsg->ikm_header, 0, sizeof(kmsg->ikm_header));
	__atomic_fetch_add(&ipc_kmsgs_alive, 1, __ATOMIC_RELAXED);
	return kmsg;
}

static __always_inline void
kmsg_free(ipc_kmsg_t kmsg)
{
	struct ipc_thread *ith = thread_ipc(current_thread());

	__atomic_fetch_sub(&ipc_kmsgs_alive, 1, __ATOMIC_RELAXED);
	if (kmsg->ikm_alloc == IKM_SMALL_BYTES && ith->ith_cache_ok &&
	    ith->ith_kmsg_cache == IKM_NULL) {
		ith->ith_kmsg_cache = kmsg;
		return;
	}
	kfree(kmsg, kmsg->ikm_alloc);
}

void
ipc_kmsg_free(ipc_kmsg_t kmsg)
{
	kmsg_free(kmsg);
}

void
ipc_thread_terminate(struct thread *t)
{
	struct ipc_thread *ith = thread_ipc(t);
	ipc_kmsg_t kmsg;

	/* first: destroying the reply port may free messages into the cache */
	ipc_kobject_rpc_thread_terminate(t);
	kmsg = ith->ith_kmsg_cache;
	ith->ith_cache_ok = false;
	ith->ith_kmsg_cache = IKM_NULL;
	if (kmsg != IKM_NULL)
		kfree(kmsg, kmsg->ikm_alloc);
}

uint64_t
ipc_kmsg_alive(void)
{
	return __atomic_load_n(&ipc_kmsgs_alive, __ATOMIC_RELAXED);
}

void
ipc_kmsg_put_port_send(ipc_kmsg_t kmsg, uint32_t i, ipc_port_t sright)
{
	mach_msg_port_descriptor_t *d = (mach_msg_port_descriptor_t *)
	    ((char *)&kmsg->ikm_header + sizeof(mach_msg_base_t)) + i;

	memset(d, 0, sizeof(*d));
	d->disposition = MACH_MSG_TYPE_PORT_SEND;
	d->type = MACH_MSG_PORT_DESCRIPTOR;
	kmsg->ikm_desc[i].kd_object = IP_VALID(sright) ? &sright->ip_object :
	    sright == IP_DEAD ? IO_DEAD : IO_NULL;
	kmsg->ikm_desc[i].kd_kind = IKD_PORT;
	kmsg->ikm_desc[i].kd_type = MACH_MSG_TYPE_PORT_SEND;
}

void
ipc_kmsg_set_kernel_sender(ipc_kmsg_t kmsg)
{
	kmsg->ikm_from.sec = KERNEL_SECURITY_TOKEN;
	kmsg->ikm_from.audit = KERNEL_AUDIT_TOKEN;
}

ipc_kmsg_t
ipc_kmsg_kernel_sonce(ipc_port_t sonce, mach_msg_id_t id, mach_msg_size_t size,
    uint32_t ndesc)
{
	ipc_kmsg_t kmsg = ipc_kmsg_alloc(size, ndesc);

	if (kmsg == IKM_NULL)
		return IKM_NULL;
	kmsg->ikm_header.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_PORT_SEND_ONCE, 0);
	kmsg->ikm_header.msgh_size = size;
	kmsg->ikm_header.msgh_id = id;
	kmsg->ikm_remote = sonce;
	kmsg->ikm_remote_type = MACH_MSG_TYPE_PORT_SEND_ONCE;
	kmsg->ikm_local = IO_NULL;
	kmsg->ikm_flags |= IKM_SEND_ONCE;
	ipc_kmsg_set_kernel_sender(kmsg);
	return kmsg;
}

/* the destination's right of a message nobody receives */
static void
ipc_kmsg_release_dest(ipc_kmsg_t kmsg)
{
	ipc_port_t dest = kmsg->ikm_remote;

	if (!IP_VALID(dest))
		return;
	if (kmsg->ikm_remote_type == MACH_MSG_TYPE_PORT_SEND) {
		ipc_port_release_send(dest);
		return;
	}
	/* a send-once right: its notification, unless the port is dead (no loop) */
	ip_lock(dest);
	if (ip_active(dest)) {
		ip_unlock(dest);
		ipc_notify_send_once(dest);
	} else {
		ip_unlock(dest);
		ipc_port_release_sonce(dest);
	}
}

/* release what descriptor d holds (no lock held) */
static void
ikm_desc_release(struct ikm_desc *d)
{
	switch (d->kd_kind) {
	case IKD_PORT:
		ipc_right_release(d->kd_object, d->kd_type);
		break;
	case IKD_OOL:
		vm_map_copy_discard(d->kd_object);
		break;
	case IKD_OOL_PORTS: {
		struct ipc_object **objs = d->kd_object;

		for (uint32_t i = 0; objs != NULL && i < d->kd_count; i++)
			ipc_right_release(objs[i], d->kd_type);
		if (objs != NULL)
			kfree(objs, d->kd_count * sizeof(objs[0]));
		break;
	}
	default:
		break;
	}
	d->kd_kind = IKD_NONE;
	d->kd_object = NULL;
}

/* release every right and memory one message holds, then free it */
static void
ipc_kmsg_clean(ipc_kmsg_t kmsg)
{
	ipc_kmsg_release_dest(kmsg);
	ipc_right_release(kmsg->ikm_local, kmsg->ikm_local_type);
	for (uint32_t i = 0; i < kmsg->ikm_ndesc; i++)
		ikm_desc_release(&kmsg->ikm_desc[i]);
	ipc_kmsg_free(kmsg);
}

void
ipc_kmsg_destroy(ipc_kmsg_t kmsg)
{
	struct ipc_thread *ith;

	/*
	 * Destroying a message can destroy a port whose queue holds more
	 * messages: queue them on the thread and drain in a loop, so a chain
	 * of ports in messages costs no kernel stack.  The list is touched
	 * with interrupts off: a clock alarm's reply to a dead port is
	 * destroyed in the timer interrupt, on the list of whatever thread
	 * it interrupted, maybe in the middle of this loop (its message
	 * would be lost between the loop's read and write of the head).
	 */
	intr_push();
	ith = thread_ipc(current_thread());
	kmsg->ikm_next = ith->ith_destroy;
	ith->ith_destroy = kmsg;
	if (ith->ith_destroying) {
		intr_pop();
		return;
	}
	ith->ith_destroying = true;
	while ((kmsg = ith->ith_destroy) != IKM_NULL) {
		ith->ith_destroy = kmsg->ikm_next;
		intr_pop();
		ipc_kmsg_clean(kmsg);
		intr_push();
	}
	ith->ith_destroying = false;
	intr_pop();
}

/* --- from a task --- */

/* the size of a descriptor of type t in a message (0: not a valid type) */
static size_t
desc_size(unsigned t)
{
	switch (t) {
	case MACH_MSG_PORT_DESCRIPTOR:
		return sizeof(mach_msg_port_descriptor_t);
	case MACH_MSG_OOL_DESCRIPTOR:
	case MACH_MSG_OOL_VOLATILE_DESCRIPTOR:
		return sizeof(mach_msg_ool_descriptor_t);
	case MACH_MSG_OOL_PORTS_DESCRIPTOR:
		return sizeof(mach_msg_ool_ports_descriptor_t);
	case MACH_MSG_GUARDED_PORT_DESCRIPTOR:
		return sizeof(mach_msg_guarded_port_descriptor_t);
	default:
		return 0;
	}
}

/* a descriptor's type: the top byte of its third word in every layout */
static inline unsigned
desc_type_at(const char *p)
{
	uint32_t w;

	memcpy(&w, p + 8, sizeof(w));
	return w >> 24;
}

/* the descriptor count a (complex) message of send_size bytes may claim */
static mach_msg_return_t
desc_count_ok(mach_msg_size_t send_size, uint32_t ndesc)
{
	if (ndesc > (send_size - sizeof(mach_msg_base_t)) /
	    sizeof(mach_msg_port_descriptor_t))
		return MACH_SEND_MSG_TOO_SMALL;
	if (ndesc > IPC_KMSG_MAX_DESC)
		return MACH_SEND_TOO_LARGE;
	return MACH_MSG_SUCCESS;
}

mach_msg_return_t
ipc_kmsg_get(vaddr_t umsg, mach_msg_size_t send_size, ipc_kmsg_t *kmsgp)
{
	mach_msg_base_t base;
	uint32_t ndesc = 0;
	ipc_kmsg_t kmsg;
	mach_msg_return_t mr;

	if (send_size < sizeof(mach_msg_header_t) || (send_size & 3) != 0)
		return MACH_SEND_MSG_TOO_SMALL;
	if (send_size > IPC_KMSG_MAX_SIZE)
		return MACH_SEND_TOO_LARGE;
	if (send_size <= IKM_SMALL_MSG) {
		/* small: one copy in, then look at it there */
		/* room for IKM_SMALL_DESC descriptors whatever ndesc says */
		kmsg = kmsg_alloc(send_size, 0, false);
		if (kmsg == IKM_NULL)
			return MACH_SEND_NO_BUFFER;
		if (copyin(umsg, &kmsg->ikm_header, send_size) != KERN_SUCCESS) {
			ipc_kmsg_free(kmsg);
			return MACH_SEND_INVALID_DATA;
		}
		if (kmsg->ikm_header.msgh_bits & MACH_MSGH_BITS_COMPLEX) {
			if (send_size < sizeof(base)) {
				ipc_kmsg_free(kmsg);
				return MACH_SEND_MSG_TOO_SMALL;
			}
			ndesc = ((mach_msg_body_t *)ikm_body(kmsg))->msgh_descriptor_count;
			if ((mr = desc_count_ok(send_size, ndesc)) != MACH_MSG_SUCCESS) {
				ipc_kmsg_free(kmsg);
				return mr;
			}
			/* at most (256 - 28) / 12 = 19: more than the small kmsg holds? */
			if (ndesc > IKM_SMALL_DESC) {
				ipc_kmsg_free(kmsg);
				goto large;
			}
			memset(kmsg->ikm_desc, 0, ndesc * sizeof(struct ikm_desc));
		}
		kmsg->ikm_ndesc = ndesc;
		kmsg->ikm_header.msgh_size = send_size;
		*kmsgp = kmsg;
		return MACH_MSG_SUCCESS;
	}
large:
	if (copyin(umsg, &base.header, sizeof(base.header)) != KERN_SUCCESS)
		return MACH_SEND_INVALID_DATA;
	if (base.header.msgh_bits & MACH_MSGH_BITS_COMPLEX) {
		if (send_size < sizeof(base))
			return MACH_SEND_MSG_TOO_SMALL;
		if (copyin(umsg + sizeof(base.header), &base.body,
		    sizeof(base.body)) != KERN_SUCCESS)
			return MACH_SEND_INVALID_DATA;
		ndesc = base.body.msgh_descriptor_count;
		if ((mr = desc_count_ok(send_size, ndesc)) != MACH_MSG_SUCCESS)
			return mr;
	}
	kmsg = kmsg_alloc(send_size, ndesc, false);
	if (kmsg == IKM_NULL)
		return MACH_SEND_NO_BUFFER;
	if (copyin(umsg, &kmsg->ikm_header, send_size) != KERN_SUCCESS) {
		ipc_kmsg_free(kmsg);
		return MACH_SEND_INVALID_DATA;
	}
	/* read again: the task may have changed it under us */
	if ((kmsg->ikm_header.msgh_bits & MACH_MSGH_BITS_COMPLEX) !=
	    (base.header.msgh_bits & MACH_MSGH_BITS_COMPLEX) ||
	    (ndesc > 0 && ((mach_msg_body_t *)ikm_body(kmsg))->msgh_descriptor_count !=
	    ndesc)) {
		ipc_kmsg_free(kmsg);
		return MACH_SEND_INVALID_DATA;
	}
	kmsg->ikm_header.msgh_size = send_size;
	*kmsgp = kmsg;
	return MACH_MSG_SUCCESS;
}

/* the descriptor after the one at p (its type checked already) */
static inline char *
desc_next(char *p)
{
	return p + desc_size(desc_type_at(p));
}

static inline char *
desc_first(ipc_kmsg_t kmsg)
{
	return (char *)ikm_body(kmsg) + sizeof(mach_msg_body_t);
}

static mach_msg_type_name_t
received_type(mach_msg_type_name_t disp)
{
	switch (disp) {
	case MACH_MSG_TYPE_MOVE_RECEIVE:
		return MACH_MSG_TYPE_PORT_RECEIVE;
	case MACH_MSG_TYPE_MOVE_SEND_ONCE:
	case MACH_MSG_TYPE_MAKE_SEND_ONCE:
		return MACH_MSG_TYPE_PORT_SEND_ONCE;
	default:
		return MACH_MSG_TYPE_PORT_SEND;
	}
}

/*
 * check the descriptors' types, sizes and options and count the rights
 * they carry; nothing is taken yet
 */
static mach_msg_return_t
ipc_kmsg_scan_body(ipc_kmsg_t kmsg, uint32_t *rightsp)
{
	char *p = desc_first(kmsg);
	char *end = (char *)&kmsg->ikm_header + kmsg->ikm_header.msgh_size;
	uint32_t rights = 0, ool_ports = 0;

	for (uint32_t i = 0; i < kmsg->ikm_ndesc; i++) {
		unsigned t;
		size_t sz;

		if (p + sizeof(mach_msg_port_descriptor_t) > end)
			return MACH_SEND_MSG_TOO_SMALL;
		t = desc_type_at(p);
		sz = desc_size(t);
		if (sz == 0 || t == MACH_MSG_GUARDED_PORT_DESCRIPTOR)
			return MACH_SEND_INVALID_TYPE;
		if (p + sz > end)
			return MACH_SEND_MSG_TOO_SMALL;
		switch (t) {
		case MACH_MSG_PORT_DESCRIPTOR: {
			mach_msg_port_descriptor_t *d = (void *)p;

			if (!MACH_MSG_TYPE_PORT_ANY(d->disposition))
				return MACH_SEND_INVALID_TYPE;
			rights++;
			break;
		}
		case MACH_MSG_OOL_DESCRIPTOR:
		case MACH_MSG_OOL_VOLATILE_DESCRIPTOR: {
			mach_msg_ool_descriptor_t *d = (void *)p;

			if (d->copy != MACH_MSG_PHYSICAL_COPY &&
			    d->copy != MACH_MSG_VIRTUAL_COPY)
				return MACH_SEND_INVALID_TYPE;
			break;
		}
		default: {
			mach_msg_ool_ports_descriptor_t *d = (void *)p;

			if (!MACH_MSG_TYPE_PORT_ANY(d->disposition) ||
			    (d->copy != MACH_MSG_PHYSICAL_COPY &&
			    d->copy != MACH_MSG_VIRTUAL_COPY))
				return MACH_SEND_INVALID_TYPE;
			ool_ports += d->count;
			if (ool_ports > IPC_KMSG_MAX_OOL_PORTS)
				return MACH_SEND_TOO_LARGE;
			break;
		}
		}
		p += sz;
	}
	*rightsp = rights + ool_ports;
	return MACH_MSG_SUCCESS;
}

/* free what ipc_kmsg_copyin_memory took (no right was taken yet) */
static void
ipc_kmsg_unwind_memory(ipc_kmsg_t kmsg)
{
	for (uint32_t i = 0; i < kmsg->ikm_ndesc; i++) {
		struct ikm_desc *kd = &kmsg->ikm_desc[i];

		if (kd->kd_kind == IKD_OOL)
			vm_map_copy_discard(kd->kd_object);
		else if (kd->kd_kind == IKD_OOL_PORTS && kd->kd_object != NULL)
			kfree(kd->kd_object, kd->kd_count * sizeof(void *));
	}
	memset(kmsg->ikm_desc, 0, kmsg->ikm_ndesc * sizeof(struct ikm_desc));
}

/*
 * the out-of-line parts, before the space is locked (this may sleep):
 * memory as copy-on-write copies, port arrays as the names, read in
 */
static mach_msg_return_t
ipc_kmsg_copyin_memory(ipc_kmsg_t kmsg, vm_map_t map)
{
	char *p = desc_first(kmsg);

	for (uint32_t i = 0; i < kmsg->ikm_ndesc; i++, p = desc_next(p)) {
		struct ikm_desc *kd = &kmsg->ikm_desc[i];
		unsigned t = desc_type_at(p);

		if (t == MACH_MSG_OOL_DESCRIPTOR || t == MACH_MSG_OOL_VOLATILE_DESCRIPTOR) {
			mach_msg_ool_descriptor_t *d = (void *)p;
			vm_map_copy_t copy;
			kern_return_t kr;

			kr = map == NULL ? KERN_INVALID_ADDRESS :
			    vm_map_copyin(map, (vaddr_t)d->address, d->size, &copy);
			if (kr != KERN_SUCCESS) {
				ipc_kmsg_unwind_memory(kmsg);
				return kr == KERN_RESOURCE_SHORTAGE ?
				    MACH_SEND_NO_BUFFER : MACH_SEND_INVALID_MEMORY;
			}
			kd->kd_kind = IKD_OOL;
			kd->kd_object = copy;
			kd->kd_count = d->size;
			kd->kd_offset = (uint32_t)((vaddr_t)d->address & (PAGE_SIZE - 1));
		} else if (t == MACH_MSG_OOL_PORTS_DESCRIPTOR) {
			mach_msg_ool_ports_descriptor_t *d = (void *)p;
			struct ipc_object **objs = NULL;
			uint32_t *names;

			kd->kd_kind = IKD_OOL_PORTS;
			kd->kd_count = d->count;
			kd->kd_type = received_type(d->disposition);
			if (d->count == 0)
				continue;
			objs = kalloc(d->count * sizeof(*objs));
			if (objs == NULL) {
				ipc_kmsg_unwind_memory(kmsg);
				return MACH_SEND_NO_BUFFER;
			}
			kd->kd_object = objs;
			/* the names first, then widened in place from the end */
			names = (uint32_t *)objs;
			if (copyin((vaddr_t)d->address, names,
			    d->count * sizeof(uint32_t)) != KERN_SUCCESS) {
				ipc_kmsg_unwind_memory(kmsg);
				return MACH_SEND_INVALID_MEMORY;
			}
			for (uint32_t j = d->count; j-- > 0;)
				objs[j] = (struct ipc_object *)(uintptr_t)names[j];
		}
	}
	return MACH_MSG_SUCCESS;
}

/* one name of a body right: NULL and DEAD carry no right */
static kern_return_t
copyin_body_right(struct ipc_txn *txn, mach_port_name_t name,
    mach_msg_type_name_t disp, struct ipc_object **objp)
{
	mach_msg_type_name_t type;

	if (!MACH_PORT_VALID(name)) {
		if (name == MACH_PORT_DEAD && disp == MACH_MSG_TYPE_MOVE_RECEIVE)
			return KERN_INVALID_RIGHT;
		*objp = name == MACH_PORT_DEAD ? IO_DEAD : IO_NULL;
		return KERN_SUCCESS;
	}
	return ipc_txn_copyin(txn, name, disp, true, objp, &type);
}

static mach_msg_return_t
body_right_error(kern_return_t kr)
{
	return kr == KERN_RESOURCE_SHORTAGE ? MACH_SEND_NO_BUFFER :
	    MACH_SEND_INVALID_RIGHT;
}

static mach_msg_return_t
ipc_kmsg_copyin_body(ipc_kmsg_t kmsg, struct ipc_txn *txn)
{
	char *p = desc_first(kmsg);

	for (uint32_t i = 0; i < kmsg->ikm_ndesc; i++, p = desc_next(p)) {
		struct ikm_desc *kd = &kmsg->ikm_desc[i];
		unsigned t = desc_type_at(p);
		kern_return_t kr;

		if (t == MACH_MSG_PORT_DESCRIPTOR) {
			mach_msg_port_descriptor_t *d = (void *)p;

			kd->kd_type = received_type(d->disposition);
			kr = copyin_body_right(txn, d->name, d->disposition,
			    (struct ipc_object **)&kd->kd_object);
			if (kr != KERN_SUCCESS)
				return body_right_error(kr);
			kd->kd_kind = IKD_PORT;
		} else if (t == MACH_MSG_OOL_PORTS_DESCRIPTOR) {
			mach_msg_ool_ports_descriptor_t *d = (void *)p;
			struct ipc_object **objs = kd->kd_object;

			for (uint32_t j = 0; j < kd->kd_count; j++) {
				mach_port_name_t name = (mach_port_name_t)(uintptr_t)objs[j];

				kr = copyin_body_right(txn, name, d->disposition, &objs[j]);
				if (kr != KERN_SUCCESS) {
					/* the rest are names still: the unwind frees only the array */
					return body_right_error(kr);
				}
			}
		}
	}
	return MACH_MSG_SUCCESS;
}

/* the sender asked for its out-of-line memory to go: after the commit */
static void
ipc_kmsg_dealloc_sources(ipc_kmsg_t kmsg, vm_map_t map)
{
	char *p = desc_first(kmsg);

	for (uint32_t i = 0; i < kmsg->ikm_ndesc; i++, p = desc_next(p)) {
		unsigned t = desc_type_at(p);
		vaddr_t a;
		uint64_t n;

		if (t == MACH_MSG_OOL_DESCRIPTOR || t == MACH_MSG_OOL_VOLATILE_DESCRIPTOR) {
			mach_msg_ool_descriptor_t *d = (void *)p;

			if (!d->deallocate || d->size == 0)
				continue;
			a = (vaddr_t)d->address;
			n = d->size;
		} else if (t == MACH_MSG_OOL_PORTS_DESCRIPTOR) {
			mach_msg_ool_ports_descriptor_t *d = (void *)p;

			if (!d->deallocate || d->count == 0)
				continue;
			a = (vaddr_t)d->address;
			n = (uint64_t)d->count * sizeof(mach_port_name_t);
		} else {
			continue;
		}
		vm_map_remove(map, ROUNDDOWN(a, PAGE_SIZE), ROUNDUP(a + n, PAGE_SIZE));
	}
}

static mach_msg_type_name_t
received_type(mach_msg_type_name_t disp);

/*
 * the common case without the transaction: no descriptors, and the
 * destination and reply names (different, valid) each give their right
 * plainly.  MACH_SEND_IN_PROGRESS: not this case, nothing done; else the
 * result of the copyin.
 */
static mach_msg_return_t
ipc_kmsg_copyin_simple(ipc_kmsg_t kmsg, ipc_space_t space,
    mach_msg_type_name_t dest_type, mach_msg_type_name_t reply_type)
{
	mach_msg_header_t *h = &kmsg->ikm_header;
	mach_port_name_t dest_name = h->msgh_remote_port;
	mach_port_name_t reply_name = h->msgh_local_port;
	ipc_entry_t dest, reply = NULL;

	is_lock(space);
	if (!space->is_active)
		goto other;
	dest = ipc_entry_lookup(space, dest_name);
	if (dest == NULL) {
		is_unlock(space);
		return MACH_SEND_INVALID_DEST;
	}
	ipc_right_check(space, dest_name, dest);
	if (!ipc_right_copyin_check(dest, dest_type))
		goto other;
	if (reply_type != 0) {
		if (!MACH_PORT_VALID(reply_name) || reply_name == dest_name ||
		    (reply = ipc_entry_lookup(space, reply_name)) == NULL)
			goto other;
		ipc_right_check(space, reply_name, reply);
		if (!ipc_right_copyin_check(reply, reply_type))
			goto other;
	}
	/* both good: take them (nothing fails from here) */
	kmsg->ikm_remote = (ipc_port_t)ipc_right_copyin_take(space, dest_name,
	    dest, dest_type);
	kmsg->ikm_remote_type = received_type(dest_type);
	if (reply != NULL) {
		kmsg->ikm_local = ipc_right_copyin_take(space, reply_name, reply,
		    reply_type);
		kmsg->ikm_local_type = received_type(reply_type);
	}
	is_unlock(space);
	if (kmsg->ikm_remote_type == MACH_MSG_TYPE_PORT_SEND_ONCE)
		kmsg->ikm_flags |= IKM_SEND_ONCE;
	return MACH_MSG_SUCCESS;
other:
	is_unlock(space);
	return MACH_SEND_IN_PROGRESS;
}

mach_msg_return_t
ipc_kmsg_copyin(ipc_kmsg_t kmsg, ipc_space_t space, vm_map_t map,
    bool *circularp)
{
	mach_msg_header_t *h = &kmsg->ikm_header;
	mach_msg_bits_t bits = h->msgh_bits & MACH_MSGH_BITS_USER;
	mach_msg_type_name_t dest_type = MACH_MSGH_BITS_REMOTE(bits);
	mach_msg_type_name_t reply_type = MACH_MSGH_BITS_LOCAL(bits);
	mach_msg_type_name_t voucher_type = MACH_MSGH_BITS_VOUCHER(bits);
	mach_port_name_t dest_name = h->msgh_remote_port;
	mach_port_name_t reply_name = h->msgh_local_port;
	struct ipc_object *dest, *reply = IO_NULL;
	mach_msg_type_name_t dtype, rtype = 0;
	struct ipc_txn txn;
	uint32_t rights = 0;
	mach_msg_return_t mr;
	kern_return_t kr;

	*circularp = false;
	if (!MACH_MSG_TYPE_PORT_ANY_SEND(dest_type))
		return MACH_SEND_INVALID_HEADER;
	if (reply_type == 0 ? reply_name != MACH_PORT_NULL :
	    !MACH_MSG_TYPE_PORT_ANY_SEND(reply_type))
		return MACH_SEND_INVALID_HEADER;
	if (voucher_type != 0 && voucher_type != MACH_MSG_TYPE_MOVE_SEND &&
	    voucher_type != MACH_MSG_TYPE_COPY_SEND)
		return MACH_SEND_INVALID_HEADER;
	if (voucher_type != 0 && MACH_PORT_VALID(h->msgh_voucher_port))
		return MACH_SEND_INVALID_VOUCHER;	/* no vouchers */
	if (!MACH_PORT_VALID(dest_name))
		return MACH_SEND_INVALID_DEST;
	if (!(bits & MACH_MSGH_BITS_COMPLEX)) {
		h->msgh_bits = bits;
		mr = ipc_kmsg_copyin_simple(kmsg, space, dest_type, reply_type);
		if (mr != MACH_SEND_IN_PROGRESS)
			return mr;
	} else if ((mr = ipc_kmsg_scan_body(kmsg, &rights)) != MACH_MSG_SUCCESS) {
		return mr;
	}
	if (ipc_txn_init(&txn, space, rights + 2) != KERN_SUCCESS)
		return MACH_SEND_NO_BUFFER;
	if (bits & MACH_MSGH_BITS_COMPLEX) {
		mr = ipc_kmsg_copyin_memory(kmsg, map);
		if (mr != MACH_MSG_SUCCESS) {
			ipc_txn_done(&txn);
			return mr;
		}
	}

	is_lock(space);
	if (!space->is_active) {
		mr = MACH_SEND_INVALID_DEST;
		goto fail;
	}
	kr = ipc_txn_copyin(&txn, dest_name, dest_type, false, &dest, &dtype);
	if (kr != KERN_SUCCESS) {
		mr = MACH_SEND_INVALID_DEST;
		goto fail;
	}
	if (reply_type != 0) {
		if (MACH_PORT_VALID(reply_name)) {
			kr = ipc_txn_copyin(&txn, reply_name, reply_type, true,
			    &reply, &rtype);
			if (kr != KERN_SUCCESS) {
				mr = MACH_SEND_INVALID_REPLY;
				goto fail;
			}
		} else {
			reply = reply_name == MACH_PORT_DEAD ? IO_DEAD : IO_NULL;
			rtype = (reply_type == MACH_MSG_TYPE_MOVE_SEND_ONCE ||
			    reply_type == MACH_MSG_TYPE_MAKE_SEND_ONCE) ?
			    MACH_MSG_TYPE_PORT_SEND_ONCE : MACH_MSG_TYPE_PORT_SEND;
		}
	}
	if (bits & MACH_MSGH_BITS_COMPLEX) {
		mr = ipc_kmsg_copyin_body(kmsg, &txn);
		if (mr != MACH_MSG_SUCCESS)
			goto fail;
	}
	ipc_txn_commit(&txn);		/* nothing fails from here */
	is_unlock(space);
	ipc_txn_done(&txn);
	if (bits & MACH_MSGH_BITS_COMPLEX)
		ipc_kmsg_dealloc_sources(kmsg, map);

	kmsg->ikm_remote = (ipc_port_t)dest;
	kmsg->ikm_remote_type = dtype;
	kmsg->ikm_local = reply;
	kmsg->ikm_local_type = reply == IO_NULL ? 0 : rtype;
	if (dtype == MACH_MSG_TYPE_PORT_SEND_ONCE)
		kmsg->ikm_flags |= IKM_SEND_ONCE;
	h->msgh_bits = bits;
	/* a receive right sent to itself, or into a loop of messages, never arrives */
	for (uint32_t i = 0; i < kmsg->ikm_ndesc; i++) {
		struct ikm_desc *kd = &kmsg->ikm_desc[i];
		struct ipc_object **objs = kd->kd_kind == IKD_OOL_PORTS ?
		    kd->kd_object : (struct ipc_object **)&kd->kd_object;
		uint32_t n = kd->kd_kind == IKD_OOL_PORTS ? kd->kd_count :
		    kd->kd_kind == IKD_PORT ? 1 : 0;

		if (kd->kd_type != MACH_MSG_TYPE_PORT_RECEIVE)
			continue;
		for (uint32_t j = 0; j < n; j++) {
			if (IO_VALID(objs[j]) && ipc_port_transit_begin(
			    (ipc_port_t)objs[j], kmsg->ikm_remote))
				*circularp = true;
		}
	}
	return MACH_MSG_SUCCESS;
fail:
	ipc_txn_abort(&txn);
	is_unlock(space);
	ipc_txn_done(&txn);
	/* nothing was taken: the descriptors' objects are not references */
	ipc_kmsg_unwind_memory(kmsg);
	return mr;
}

/* --- out to a task --- */

/*
 * the out-of-line parts into map, before the space is locked: memory is
 * mapped, and each port array gets memory for its names (written after
 * the rights have names).  Failures leave address 0: *vm_failed.
 */
static void
ipc_kmsg_copyout_memory(ipc_kmsg_t kmsg, vm_map_t map, vaddr_t *arrays,
    bool *vm_failed)
{
	char *p = desc_first(kmsg);

	for (uint32_t i = 0; i < kmsg->ikm_ndesc; i++, p = desc_next(p)) {
		struct ikm_desc *kd = &kmsg->ikm_desc[i];
		vaddr_t addr = 0;

		arrays[i] = 0;
		if (kd->kd_kind == IKD_OOL) {
			mach_msg_ool_descriptor_t *d = (void *)p;

			if (kd->kd_object != NULL) {
				if (map == NULL || vm_map_copyout(map, &addr,
				    kd->kd_object) != KERN_SUCCESS) {
					vm_map_copy_discard(kd->kd_object);
					*vm_failed = true;
					addr = 0;
					d->size = 0;
				} else {
					addr += kd->kd_offset;
				}
			}
			kd->kd_object = NULL;
			kd->kd_kind = IKD_NONE;
			d->address = (void *)addr;
			d->deallocate = 0;
			d->copy = MACH_MSG_VIRTUAL_COPY;
		} else if (kd->kd_kind == IKD_OOL_PORTS && kd->kd_count > 0) {
			uint64_t size = ROUNDUP((uint64_t)kd->kd_count *
			    sizeof(mach_port_name_t), PAGE_SIZE);

			if (map == NULL || vm_map_enter(map, &addr, size,
			    VM_MAP_ANYWHERE, NULL, 0, VM_PROT_DEFAULT, VM_PROT_ALL,
			    VM_INHERIT_DEFAULT) != KERN_SUCCESS) {
				*vm_failed = true;
				addr = 0;
			}
			arrays[i] = addr;
		}
	}
}

static mach_port_name_t
copyout_right(ipc_space_t space, struct ipc_object *object,
    mach_msg_type_name_t type, bool *failed)
{
	mach_port_name_t name;
	ipc_port_t release;

	if (ipc_right_copyout(space, object, type, &name, &release) != KERN_SUCCESS) {
		ipc_right_release(object, type);	/* lock order allows it */
		*failed = true;
		return MACH_PORT_DEAD;
	}
	if (release != IP_NULL)
		ipc_port_release_send(release);
	if (type == MACH_MSG_TYPE_PORT_RECEIVE && IO_VALID(object))
		ipc_port_transit_end((ipc_port_t)object);
	return name;
}

/* the rights of the body into space (locked) */
static void
ipc_kmsg_copyout_body(ipc_kmsg_t kmsg, ipc_space_t space, const vaddr_t *arrays,
    bool *failed)
{
	char *p = desc_first(kmsg);

	for (uint32_t i = 0; i < kmsg->ikm_ndesc; i++, p = desc_next(p)) {
		struct ikm_desc *kd = &kmsg->ikm_desc[i];

		if (kd->kd_kind == IKD_PORT) {
			mach_msg_port_descriptor_t *d = (void *)p;

			d->name = copyout_right(space, kd->kd_object, kd->kd_type, failed);
			d->disposition = kd->kd_type;
			kd->kd_kind = IKD_NONE;
			kd->kd_object = IO_NULL;
		} else if (kd->kd_kind == IKD_OOL_PORTS) {
			mach_msg_ool_ports_descriptor_t *d = (void *)p;
			struct ipc_object **objs = kd->kd_object;
			mach_port_name_t *names = (mach_port_name_t *)objs;

			/* names overwrite the objects from the front: never one unread */
			for (uint32_t j = 0; j < kd->kd_count; j++) {
				struct ipc_object *o = objs[j];

				if (arrays[i] == 0) {
					ipc_right_release(o, kd->kd_type);
					names[j] = MACH_PORT_NULL;
				} else {
					names[j] = copyout_right(space, o, kd->kd_type, failed);
				}
			}
			d->address = (void *)arrays[i];
			d->disposition = kd->kd_type;
			d->deallocate = 0;
			d->copy = MACH_MSG_VIRTUAL_COPY;
		}
	}
}

/* the port arrays' names to the task, once the space is unlocked */
static void
ipc_kmsg_copyout_arrays(ipc_kmsg_t kmsg, const vaddr_t *arrays)
{
	for (uint32_t i = 0; i < kmsg->ikm_ndesc; i++) {
		struct ikm_desc *kd = &kmsg->ikm_desc[i];

		if (kd->kd_kind != IKD_OOL_PORTS)
			continue;
		if (kd->kd_object != NULL) {
			if (arrays[i] != 0)
				(void)copyout(kd->kd_object, arrays[i],
				    kd->kd_count * sizeof(mach_port_name_t));
			kfree(kd->kd_object, kd->kd_count * sizeof(void *));
		}
		kd->kd_kind = IKD_NONE;
		kd->kd_object = NULL;
	}
}

mach_msg_return_t
ipc_kmsg_copyout(ipc_kmsg_t *kmsgp, ipc_space_t space, vm_map_t map,
    bool pseudo)
{
	ipc_kmsg_t kmsg = *kmsgp;
	mach_msg_header_t *h = &kmsg->ikm_header;
	ipc_port_t dest = kmsg->ikm_remote;
	mach_port_name_t dest_name, reply_name;
	bool hfail = false, bfail = false, vfail = false;
	vaddr_t arrays_inline[8], *arrays = arrays_inline;

	if (kmsg->ikm_ndesc > ARRAY_SIZE(arrays_inline)) {
		arrays = kalloc(kmsg->ikm_ndesc * sizeof(vaddr_t));
		if (arrays == NULL) {
			*kmsgp = IKM_NULL;
			ipc_kmsg_destroy(kmsg);
			return MACH_RCV_BODY_ERROR | MACH_MSG_IPC_KERNEL;
		}
	}
	ipc_kmsg_copyout_memory(kmsg, map, arrays, &vfail);
	is_lock(space);
	if (!space->is_active) {
		is_unlock(space);
		if (arrays != arrays_inline)
			kfree(arrays, kmsg->ikm_ndesc * sizeof(vaddr_t));
		*kmsgp = IKM_NULL;
		ipc_kmsg_destroy(kmsg);
		return MACH_RCV_HEADER_ERROR | MACH_MSG_IPC_SPACE;
	}
	if (pseudo) {
		/* a send that failed: the rights go back where they came from */
		dest_name = copyout_right(space, &dest->ip_object,
		    kmsg->ikm_remote_type, &hfail);
	} else {
		ip_lock(dest);
		dest_name = dest->ip_receiver == space ? dest->ip_receiver_name :
		    MACH_PORT_NULL;
		ip_unlock(dest);
	}
	reply_name = copyout_right(space, kmsg->ikm_local, kmsg->ikm_local_type,
	    &hfail);
	ipc_kmsg_copyout_body(kmsg, space, arrays, &bfail);
	is_unlock(space);
	ipc_kmsg_copyout_arrays(kmsg, arrays);
	if (arrays != arrays_inline)
		kfree(arrays, kmsg->ikm_ndesc * sizeof(vaddr_t));

	if (pseudo) {
		h->msgh_remote_port = dest_name;
		h->msgh_local_port = reply_name;
		h->msgh_bits = MACH_MSGH_BITS_OTHER(h->msgh_bits) |
		    MACH_MSGH_BITS(kmsg->ikm_remote_type, kmsg->ikm_local_type);
	} else {
		if (kmsg->ikm_remote_type == MACH_MSG_TYPE_PORT_SEND)
			ipc_port_release_send(dest);
		else
			ipc_port_release_sonce(dest);
		h->msgh_remote_port = reply_name;
		h->msgh_local_port = dest_name;
		h->msgh_bits = (MACH_MSGH_BITS_OTHER(h->msgh_bits) &
		    ~MACH_MSGH_BITS_CIRCULAR) |
		    MACH_MSGH_BITS(kmsg->ikm_local_type, kmsg->ikm_remote_type);
	}
	h->msgh_voucher_port = MACH_PORT_NULL;
	kmsg->ikm_remote = IP_NULL;
	kmsg->ikm_local = IO_NULL;
	if (hfail)
		return MACH_RCV_HEADER_ERROR | MACH_MSG_IPC_SPACE;
	if (bfail)
		return MACH_RCV_BODY_ERROR | MACH_MSG_IPC_SPACE;
	if (vfail)
		return MACH_RCV_BODY_ERROR | MACH_MSG_VM_SPACE;
	return MACH_MSG_SUCCESS;
}

static __always_inline mach_msg_return_t
kmsg_put(vaddr_t umsg, ipc_kmsg_t kmsg, mach_msg_option_t option,
    bool trailer)
{
	mach_msg_size_t size = kmsg->ikm_header.msgh_size, tsize = 0;
	mach_msg_return_t mr = MACH_MSG_SUCCESS;

	if (trailer) {
		/* in place after the message: one copy for both */
		mach_msg_max_trailer_t *t = (void *)((char *)&kmsg->ikm_header + size);

		tsize = REQUESTED_TRAILER_SIZE(option);
		ipc_kmsg_trailer_fill(kmsg, kmsg->ikm_seqno, tsize, t);
	}
	if (copyout(&kmsg->ikm_header, umsg, size + tsize) != KERN_SUCCESS)
		mr = MACH_RCV_INVALID_DATA;
	kmsg_free(kmsg);
	return mr;
}

/* the space's lock, taken with intr_push (direct: with interrupts off) */
static __always_inline void
space_unlock(ipc_space_t space, bool direct)
{
	if (direct)
		is_unlock_intr_off(space);
	else
		is_unlock(space);
}

/*
 * the header's rights of a message without descriptors into space (and
 * the space's and the destination's locks, held on entry, dropped):
 * MACH_RCV_IN_PROGRESS if the reply right finds no name (nothing done),
 * or if direct and the destination's release would be its last send
 * right (its no-senders notification is not for a caller that may not
 * sleep)
 */
static __always_inline mach_msg_return_t
kmsg_copyout_simple_locked(ipc_kmsg_t kmsg, ipc_space_t space, bool direct)
{
	mach_msg_header_t *h = &kmsg->ikm_header;
	ipc_port_t dest = kmsg->ikm_remote;
	mach_port_name_t dest_name, reply_name = MACH_PORT_NULL;
	bool last = false;
	ipc_entry_t e;

	if (direct && kmsg->ikm_remote_type == MACH_MSG_TYPE_PORT_SEND &&
	    dest->ip_srights <= 1) {
		spin_unlock_intr_off(&dest->ip_lock);
		space_unlock(space, direct);
		return MACH_RCV_IN_PROGRESS;
	}
	if (kmsg->ikm_local_type != 0) {
		if (ipc_entry_alloc(space, &reply_name, &e) != KERN_SUCCESS) {
			spin_unlock_intr_off(&dest->ip_lock);
			space_unlock(space, direct);
			return MACH_RCV_IN_PROGRESS;
		}
		e->ie_object = kmsg->ikm_local;
		e->ie_bits |= MACH_PORT_TYPE_SEND_ONCE | 1;
	}
	/* the destination's name here, and its right released, in one lock */
	dest_name = dest->ip_receiver == space ? dest->ip_receiver_name :
	    MACH_PORT_NULL;
	if (kmsg->ikm_remote_type == MACH_MSG_TYPE_PORT_SEND) {
		if (dest->ip_srights <= 1)
			last = true;		/* ipc_port_release_send's work */
		else
			dest->ip_srights--;
	} else {
		ip_sorights_drop(dest);
	}
	spin_unlock_intr_off(&dest->ip_lock);
	space_unlock(space, direct);
	if (last)
		ipc_port_release_send(dest);
	else
		ip_release(dest);

	h->msgh_remote_port = reply_name;
	h->msgh_local_port = dest_name;
	h->msgh_bits = (MACH_MSGH_BITS_OTHER(h->msgh_bits) & ~MACH_MSGH_BITS_CIRCULAR) |
	    MACH_MSGH_BITS(kmsg->ikm_local_type, kmsg->ikm_remote_type);
	h->msgh_voucher_port = MACH_PORT_NULL;
	kmsg->ikm_remote = IP_NULL;
	kmsg->ikm_local = IO_NULL;
	return MACH_MSG_SUCCESS;
}

static __always_inline mach_msg_return_t
kmsg_copyout_put_simple_locked(ipc_kmsg_t kmsg, ipc_space_t space,
    vaddr_t umsg, mach_msg_option_t option)
{
	if (kmsg_copyout_simple_locked(kmsg, space, false) != MACH_MSG_SUCCESS)
		return MACH_RCV_IN_PROGRESS;
	return kmsg_put(umsg, kmsg, option, true);
}

mach_msg_return_t
ipc_kmsg_copyout_put_simple_locked(ipc_kmsg_t kmsg, ipc_space_t space,
    vaddr_t umsg, mach_msg_option_t option)
{
	return kmsg_copyout_put_simple_locked(kmsg, space, umsg, option);
}

mach_msg_return_t
ipc_kmsg_copyout_put_simple(ipc_kmsg_t kmsg, ipc_space_t space, vaddr_t umsg,
    mach_msg_option_t option)
{
	if (!ipc_kmsg_is_simple(kmsg))
		return MACH_RCV_IN_PROGRESS;
	is_lock(space);
	if (!space->is_active) {
		is_unlock(space);
		return MACH_RCV_IN_PROGRESS;
	}
	spin_lock_intr_off(&kmsg->ikm_remote->ip_lock);
	return kmsg_copyout_put_simple_locked(kmsg, space, umsg, option);
}

/*
 * ipc_kmsg_deliver_direct (mach_msg.h): the rights first, then one copy
 * of header, body and trailer that fails rather than faults: a buffer
 * that is not there or not yet writable (copy-on-write, not yet dirty)
 * leaves the copy to the receiver (ith_put_left), whose ipc_kmsg_put
 * resolves the fault or fails the receive as MACH_RCV_INVALID_DATA, as
 * its own receive would have.
 */
bool
ipc_kmsg_deliver_direct(thread_t r)
{
	struct ipc_thread *ith = thread_ipc(r);
	ipc_kmsg_t kmsg = ith->ith_kmsg;
	ipc_space_t space = ith->ith_rcv_space;
	mach_msg_header_t *h = &kmsg->ikm_header;
	mach_msg_size_t size = h->msgh_size;
	mach_msg_size_t tsize = REQUESTED_TRAILER_SIZE(ith->ith_option);

	if (!ith->ith_direct || ith->ith_state != MACH_MSG_SUCCESS ||
	    !ipc_kmsg_is_simple(kmsg))
		return false;
	is_lock_intr_off(space);
	if (!space->is_active) {
		is_unlock_intr_off(space);
		return false;
	}
	spin_lock_intr_off(&kmsg->ikm_remote->ip_lock);
	if (kmsg_copyout_simple_locked(kmsg, space, true) != MACH_MSG_SUCCESS)
		return false;
	ipc_kmsg_trailer_fill(kmsg, kmsg->ikm_seqno, tsize,
	    (void *)((char *)h + size));
	if (copyout_nofault(h, ith->ith_rcv_msg, size + tsize) != KERN_SUCCESS) {
		ith->ith_put_left = true;
		__atomic_fetch_add(&kmsg_put_left, 1, __ATOMIC_RELAXED);
		return false;
	}
	kmsg_free(kmsg);
	ith->ith_kmsg = IKM_NULL;
	ith->ith_direct = false;
	ipc_rcv_wait_release(ith);
	machine_syscall_set_result(thread_machine(r), MACH_MSG_SUCCESS);
	__atomic_fetch_add(&kmsg_delivered, 1, __ATOMIC_RELAXED);
	return true;
}

uint64_t
ipc_kmsg_delivered(uint64_t *put_leftp)
{
	if (put_leftp != NULL)
		*put_leftp = __atomic_load_n(&kmsg_put_left, __ATOMIC_RELAXED);
	return __atomic_load_n(&kmsg_delivered, __ATOMIC_RELAXED);
}

mach_msg_return_t
ipc_kmsg_put(vaddr_t umsg, ipc_kmsg_t kmsg, mach_msg_option_t option,
    bool trailer)
{
	return kmsg_put(umsg, kmsg, option, trailer);
}
