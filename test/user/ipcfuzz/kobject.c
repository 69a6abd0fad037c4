/*
 * test/user/ipcfuzz/kobject.c - the IPC fuzzer's MIG requests to kernel
 * objects: the mach_port routines on our task port with random names,
 * rights and deltas (as the traps of port.c get them), mach_vm_allocate
 * and _deallocate of a fresh region with mach_vm_read of part of it
 * between (a copy out of line), task_threads (rights out of line),
 * host_info and _host_page_size on
 * the host port, ids no routine has and sizes one off, each as an RPC
 * whose reply must come back with its id + 100 and a code the routine
 * may give (docs/abi.md, "Messages to kernel objects").
 *
 * The routines that stop or end a task or thread are not sent: they
 * would stop the fuzzer.  The reply port is the thread's own and a
 * protected name (never in the pool, so no other thread receives the
 * reply or destroys the port), made before the fuzzing starts (kobj_init);
 * a call that finds it gone all the same (a garbage name hit it) makes
 * another.
 */
#include <mach/mach_host.h>
#include <mach/mig_errors.h>
#include <mach/mig_kobject.h>

#include "ipcfuzz/ipcfuzz.h"

#define KOBJ_WAIT_MS	10000	/* a kernel reply is there at once: never hang */

union kobj_msg {
	mig_reply_error_t err;
	__Request__mach_port_type_t type;
	__Request__mach_port_allocate_t alloc;
	__Request__mach_port_destroy_t destroy;
	__Request__mach_port_deallocate_t dealloc;
	__Request__mach_port_get_refs_t get_refs;
	__Request__mach_port_mod_refs_t mod_refs;
	__Request__mach_vm_allocate_t vm_alloc;
	__Request__mach_vm_deallocate_t vm_dealloc;
	__Request__host_info_t host_info;
	__Reply__mach_port_type_t r_type;
	__Reply__mach_port_allocate_t r_alloc;
	__Reply__mach_port_get_refs_t r_refs;
	__Reply__mach_vm_allocate_t r_vm_alloc;
	__Reply__host_info_t r_host_info;
	__Request__mach_vm_read_t vm_read;
	__Reply__mach_vm_read_t r_vm_read;
	__Reply__task_threads_t r_threads;
	char	space[sizeof(__Reply__host_info_t) + MAX_TRAILER_SIZE + 16];
};

static mach_port_name_t reply_ports[64];	/* [a] per thread (f->id) */

/*
 * Made before any name is destroyed, each reply port has an index no
 * destroyed name had, so the names the pool makes up from destroyed ones
 * (another generation) never hit it and no other thread receives a
 * reply meant for us.
 */
void
kobj_init(int nthreads)
{
	for (int i = 0; i < nthreads && i < 64; i++) {
		mach_port_name_t n = MACH_PORT_NULL;

		if (mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &n) ==
		    KERN_SUCCESS)
			__atomic_store_n(&reply_ports[i], n, __ATOMIC_RELEASE);
	}
}

bool
kobj_reply_port(mach_port_name_t n)
{
	for (int i = 0; i < 64; i++) {
		if (__atomic_load_n(&reply_ports[i], __ATOMIC_ACQUIRE) == n)
			return true;
	}
	return false;
}

/* is id one of a routine that stops or ends a task or thread? */
static bool
kobj_forbidden(mach_msg_id_t id)
{
	return (id >= 3400 && id < 3500) || (id >= 3600 && id < 3700) ||
	    (id >= 3800 && id < 3900) || (id >= 4800 && id < 4900);
}

/*
 * send m (size bytes, the header's id and remote port set) with a reply
 * right made from the thread's reply port and take the reply into m:
 * false if the call failed in a way that is not a violation (the reply
 * port was destroyed under us).  A message of another id that a random
 * send put on the reply port is passed over (its rights stay in our
 * space, as a received message's do, until the task ends).
 */
static bool
kobj_call(struct fz *f, union kobj_msg *m, mach_msg_size_t size)
{
	mach_port_name_t *rp = &reply_ports[f->id % 64];
	mach_msg_id_t id = m->err.Head.msgh_id;
	mach_port_name_t dest = m->err.Head.msgh_remote_port;
	mach_msg_option_t opt = MACH_SEND_MSG | MACH_RCV_MSG | MACH_RCV_TIMEOUT;
	mach_msg_return_t mr;

	if (*rp == MACH_PORT_NULL) {
		mach_port_name_t n;

		if (mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &n) !=
		    KERN_SUCCESS)
			return false;
		/* protected from now on; out of the pool if a harvest put it there */
		__atomic_store_n(rp, n, __ATOMIC_RELEASE);
		pool_forget(f, n);
	}
	m->err.Head.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND,
	    MACH_MSG_TYPE_MAKE_SEND_ONCE);
	m->err.Head.msgh_size = size;
	m->err.Head.msgh_local_port = *rp;
	m->err.Head.msgh_voucher_port = MACH_PORT_NULL;
	for (int tries = 0; tries < 16; tries++) {
		mr = mach_msg(&m->err.Head, opt, size, sizeof(*m), *rp,
		    KOBJ_WAIT_MS, MACH_PORT_NULL);
		record(f, OP_KOBJECT, (uint32_t)mr);
		opt = MACH_RCV_MSG | MACH_RCV_TIMEOUT;
		if (mr == MACH_MSG_SUCCESS && m->err.Head.msgh_id == id + 100)
			return true;
		if (mr == MACH_MSG_SUCCESS || mr == MACH_RCV_TOO_LARGE)
			continue;		/* not ours */
		/* our reply port went (a random destroy, mod_refs or destruct hit it) */
		if (mr == MACH_SEND_INVALID_REPLY || mr == MACH_RCV_INVALID_NAME ||
		    mr == MACH_RCV_PORT_DIED) {
			*rp = MACH_PORT_NULL;
			return false;
		}
		/*
		 * the host port's name is in the pool too (a send right has
		 * one name in a space): another thread may have destroyed it
		 * between mach_host_self and the send.  Our task port is never
		 * destroyed (protected_name).
		 */
		if (mr == MACH_SEND_INVALID_DEST && dest != self)
			return false;
		break;
	}
	violation(f, OP_KOBJECT, (uint32_t)mr, "id %d: mach_msg", id);
	return false;
}

/* the reply to id: its id, and a code of set (or MIG's, for a bad request) */
static bool
kobj_reply_ok(struct fz *f, const union kobj_msg *m, mach_msg_id_t id,
    mach_msg_size_t ok_size, bool bad_request, const kern_return_t *set,
    size_t n)
{
	kern_return_t rc = m->err.RetCode;
	mach_msg_size_t size = m->err.Head.msgh_size;
	bool ok;

	record(f, OP_KOBJECT, (uint32_t)rc);
	if (bad_request)
		ok = rc == MIG_BAD_ARGUMENTS || rc == MIG_BAD_ID;
	else
		ok = in_set(rc, set, n) || rc == MIG_BAD_ID;
	ok = ok && m->err.Head.msgh_id == id + 100 &&
	    !(m->err.Head.msgh_bits & MACH_MSGH_BITS_COMPLEX) &&
	    size == (rc == KERN_SUCCESS ? ok_size : sizeof(mig_reply_error_t));
	if (!ok)
		violation(f, OP_KOBJECT, (uint32_t)rc, "id %d: reply id %d size %u",
		    id, m->err.Head.msgh_id, size);
	return ok && rc == KERN_SUCCESS;
}

/* a MIG request of the mach_port subsystem to our task port */
static void
kobj_mach_port(struct fz *f, union kobj_msg *m, bool off)
{
	static const mach_msg_id_t ids[] = { 3201, 3204, 3205, 3206, 3207, 3208 };
	mach_msg_id_t id = ids[below(f, sizeof(ids) / sizeof(ids[0]))];
	mach_msg_size_t size, ok_size = sizeof(mig_reply_error_t);
	mach_port_name_t n = MACH_PORT_NULL;

	memset(m, 0, sizeof(m->mod_refs));
	m->err.Head.msgh_remote_port = self;
	m->err.Head.msgh_id = id;
	m->err.NDR = NDR_record;
	switch (id) {
	case 3201:
		m->type.name = n = pick_name(f, H_ANY, 0);
		size = sizeof(m->type);
		ok_size = sizeof(m->r_type);
		break;
	case 3204:
		m->alloc.right = pick_right(f);
		size = sizeof(m->alloc);
		ok_size = sizeof(m->r_alloc);
		break;
	case 3205:
		m->destroy.name = n = pick_name(f, H_ANY, N_MAY_DESTROY);
		size = sizeof(m->destroy);
		break;
	case 3206:
		m->dealloc.name = n = pick_name(f, H_SEND, N_MAY_DESTROY);
		size = sizeof(m->dealloc);
		break;
	case 3207:
		m->get_refs.name = n = pick_name(f, H_ANY, 0);
		m->get_refs.right = pick_right(f);
		size = sizeof(m->get_refs);
		ok_size = sizeof(m->r_refs);
		break;
	default:
		m->mod_refs.right = pick_right(f);
		m->mod_refs.delta = chance(f, 60) ? -1 : (mach_port_delta_t)below(f, 3);
		m->mod_refs.name = n = pick_name(f, H_ANY,
		    m->mod_refs.delta < 0 ? N_MAY_DESTROY : 0);
		size = sizeof(m->mod_refs);
		break;
	}
	if (off)
		size += chance(f, 50) ? 4 : -4;
	if (!kobj_call(f, m, size))
		return;
	if (!kobj_reply_ok(f, m, id, ok_size, off, SET(KERN_SUCCESS,
	    KERN_INVALID_NAME, KERN_INVALID_RIGHT, KERN_INVALID_VALUE,
	    KERN_UREFS_OVERFLOW, KERN_NO_SPACE, KERN_RESOURCE_SHORTAGE)))
		return;
	if (id == 3204)
		pool_put(f, m->r_alloc.name, m->alloc.right == MACH_PORT_RIGHT_RECEIVE ?
		    H_RECV : m->alloc.right == MACH_PORT_RIGHT_PORT_SET ? H_SET :
		    H_DEAD);
	else if (id == 3205)
		pool_forget(f, n);
	else if (id == 3201 && !type_possible(m->r_type.ptype))
		violation(f, OP_KOBJECT, 0, "name %#x has type %#x", n,
		    m->r_type.ptype);
}

/* a complex reply: one descriptor of type, size bytes */
static bool
kobj_complex_ok(struct fz *f, const union kobj_msg *m, mach_msg_id_t id,
    mach_msg_size_t size, unsigned type)
{
	bool ok = m->err.Head.msgh_id == id + 100 &&
	    m->err.Head.msgh_size == size &&
	    m->r_threads.msgh_body.msgh_descriptor_count == 1 &&
	    m->r_threads.act_list.type == type;

	record(f, OP_KOBJECT, KERN_SUCCESS);
	if (!ok)
		violation(f, OP_KOBJECT, 0, "id %d: complex reply id %d size %u",
		    id, m->err.Head.msgh_id, m->err.Head.msgh_size);
	return ok;
}

/*
 * mach_vm_read (4804) of part of [addr, addr + size), or past it: the
 * copy out of line, given back; or an error reply
 */
static void
kobj_vm_read(struct fz *f, union kobj_msg *m, mach_vm_address_t addr,
    mach_vm_size_t size)
{
	mach_vm_address_t a = addr + below(f, (uint32_t)size);
	mach_vm_size_t n = chance(f, 80) ? below(f, (uint32_t)(addr + size - a)) :
	    below(f, 4 * PAGE) + (chance(f, 5) ? rnd(f) : 0);

	memset(m, 0, sizeof(m->vm_read));
	m->err.Head.msgh_remote_port = self;
	m->err.Head.msgh_id = 4804;
	m->vm_read.NDR = NDR_record;
	m->vm_read.address = a;
	m->vm_read.size = n;
	if (!kobj_call(f, m, sizeof(m->vm_read)))
		return;
	if (m->err.Head.msgh_bits & MACH_MSGH_BITS_COMPLEX) {
		if (kobj_complex_ok(f, m, 4804, sizeof(m->r_vm_read),
		    MACH_MSG_OOL_DESCRIPTOR) && m->r_vm_read.dataCnt != n)
			violation(f, OP_KOBJECT, 0, "mach_vm_read: %u bytes of %llu",
			    m->r_vm_read.dataCnt, (unsigned long long)n);
		if (m->r_vm_read.data.address != NULL) {
			mach_vm_address_t d = (mach_vm_address_t)(uintptr_t)
			    m->r_vm_read.data.address, lo = d & ~(mach_vm_address_t)(PAGE - 1);

			/* exactly its pages: more could take a neighbour's */
			mach_vm_deallocate(self, lo, ((d + m->r_vm_read.data.size +
			    PAGE - 1) & ~(mach_vm_address_t)(PAGE - 1)) - lo);
		}
		return;
	}
	(void)kobj_reply_ok(f, m, 4804, 0, false, SET(KERN_INVALID_ADDRESS,
	    KERN_INVALID_ARGUMENT, KERN_PROTECTION_FAILURE,
	    KERN_RESOURCE_SHORTAGE));
}

/* task_threads (3402) on our task port: every right and the array given back */
static void
kobj_threads(struct fz *f, union kobj_msg *m)
{
	mach_port_name_t *list;

	memset(m, 0, sizeof(mach_msg_header_t));
	m->err.Head.msgh_remote_port = self;
	m->err.Head.msgh_id = 3402;
	if (!kobj_call(f, m, sizeof(mach_msg_header_t)))
		return;
	if (!(m->err.Head.msgh_bits & MACH_MSGH_BITS_COMPLEX)) {
		(void)kobj_reply_ok(f, m, 3402, 0, false,
		    SET(KERN_RESOURCE_SHORTAGE));
		return;
	}
	if (!kobj_complex_ok(f, m, 3402, sizeof(m->r_threads),
	    MACH_MSG_OOL_PORTS_DESCRIPTOR))
		return;
	list = m->r_threads.act_list.address;
	for (uint32_t i = 0; list != NULL && i < m->r_threads.act_listCnt; i++)
		mach_port_deallocate(self, list[i]);
	if (list != NULL)
		mach_vm_deallocate(self, (mach_vm_address_t)(uintptr_t)list,
		    m->r_threads.act_listCnt * sizeof(*list));
}

/* mach_vm_allocate of a few pages anywhere, then its mach_vm_deallocate */
static void
kobj_vm(struct fz *f, union kobj_msg *m)
{
	mach_vm_address_t addr;
	mach_vm_size_t size = (1 + below(f, 4)) * PAGE;

	memset(m, 0, sizeof(m->vm_alloc));
	m->err.Head.msgh_remote_port = self;
	m->err.Head.msgh_id = 4800;
	m->vm_alloc.NDR = NDR_record;
	m->vm_alloc.size = size;
	m->vm_alloc.flags = VM_FLAGS_ANYWHERE;
	if (!kobj_call(f, m, sizeof(m->vm_alloc)) ||
	    !kobj_reply_ok(f, m, 4800, sizeof(m->r_vm_alloc), false,
	    SET(KERN_SUCCESS, KERN_NO_SPACE, KERN_RESOURCE_SHORTAGE)) ||
	    m->err.RetCode != KERN_SUCCESS)
		return;
	/*
	 * (only a success's reply has an address: an error reply is 36
	 * bytes, and the trailer after it read as one once gave thread 0's
	 * scratch, 0x20 << 32, which the deallocation then took away)
	 */
	addr = m->r_vm_alloc.address;
	if (chance(f, 40))
		kobj_vm_read(f, m, addr, size);
	memset(m, 0, sizeof(m->vm_dealloc));
	m->err.Head.msgh_remote_port = self;
	m->err.Head.msgh_id = 4801;
	m->vm_dealloc.NDR = NDR_record;
	m->vm_dealloc.address = addr;
	m->vm_dealloc.size = size;
	if (kobj_call(f, m, sizeof(m->vm_dealloc)))
		(void)kobj_reply_ok(f, m, 4801, sizeof(mig_reply_error_t), false,
		    SET(KERN_SUCCESS));
}

/* host_info (a random count) or _host_page_size on the host port */
static void
kobj_host(struct fz *f, union kobj_msg *m, mach_port_name_t host)
{
	bool info = chance(f, 70);
	mach_msg_id_t id = info ? 200 : 202;

	memset(m, 0, sizeof(m->host_info));
	m->err.Head.msgh_remote_port = host;
	m->err.Head.msgh_id = id;
	if (info) {
		m->host_info.NDR = NDR_record;
		m->host_info.flavor = chance(f, 80) ? HOST_BASIC_INFO :
		    (host_flavor_t)below(f, 20);
		m->host_info.host_info_outCnt = below(f, 80);
	}
	if (!kobj_call(f, m, info ? sizeof(m->host_info) : sizeof(mach_msg_header_t)))
		return;
	if (info) {
		kern_return_t rc = m->err.RetCode;

		if (kobj_reply_ok(f, m, id, m->err.Head.msgh_size, false,
		    SET(KERN_SUCCESS, KERN_INVALID_ARGUMENT, KERN_FAILURE)) &&
		    (m->r_host_info.host_info_outCnt > HOST_BASIC_INFO_COUNT ||
		    m->err.Head.msgh_size != 40 + 4 * m->r_host_info.host_info_outCnt))
			violation(f, OP_KOBJECT, (uint32_t)rc, "host_info count %u size %u",
			    m->r_host_info.host_info_outCnt, m->err.Head.msgh_size);
	} else {
		(void)kobj_reply_ok(f, m, id, sizeof(__Reply___host_page_size_t),
		    false, SET(KERN_SUCCESS));
	}
}

void
op_kobject(struct fz *f)
{
	union kobj_msg m;
	uint32_t k = below(f, 100);
	mach_port_name_t host;

	if (k < 55) {
		kobj_mach_port(f, &m, chance(f, 8));
	} else if (k < 66) {
		kobj_vm(f, &m);
	} else if (k < 70) {
		kobj_threads(f, &m);
	} else if (k < 85) {
		host = mach_host_self();
		kobj_host(f, &m, host);
		mach_port_deallocate(self, host);
	} else {
		/* an id no routine has, on our task port or the host's */
		mach_msg_id_t id = (mach_msg_id_t)rnd(f);
		bool to_host = chance(f, 30);

		if (kobj_forbidden(id) || (id >= 200 && id < 300) ||
		    (id >= 3200 && id < 3300))
			id = 3299;
		host = to_host ? mach_host_self() : self;
		memset(&m, 0, sizeof(m.err));
		m.err.Head.msgh_remote_port = host;
		m.err.Head.msgh_id = id;
		if (kobj_call(f, &m, sizeof(mach_msg_header_t) + 4 * below(f, 8)))
			(void)kobj_reply_ok(f, &m, id, 0, true, SET(MIG_BAD_ID));
		if (to_host)
			mach_port_deallocate(self, host);
	}
}
