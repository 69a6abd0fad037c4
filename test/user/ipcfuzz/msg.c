/*
 * test/user/ipcfuzz/msg.c - the IPC fuzzer's mach_msg calls: messages
 * sane and wild, what a receive must leave in the buffer, replies to
 * requests, and thread 0's churn of ports with full queues.
 */
#include "ipcfuzz/ipcfuzz.h"

static const kern_return_t send_codes[] = {
	MACH_MSG_SUCCESS, MACH_SEND_INVALID_DATA, MACH_SEND_INVALID_DEST,
	MACH_SEND_TIMED_OUT, MACH_SEND_INVALID_VOUCHER, MACH_SEND_INTERRUPTED,
	MACH_SEND_MSG_TOO_SMALL, MACH_SEND_INVALID_REPLY, MACH_SEND_INVALID_RIGHT,
	MACH_SEND_INVALID_MEMORY, MACH_SEND_NO_BUFFER, MACH_SEND_TOO_LARGE,
	MACH_SEND_INVALID_TYPE, MACH_SEND_INVALID_HEADER,
};
static const kern_return_t rcv_codes[] = {
	MACH_MSG_SUCCESS, MACH_RCV_INVALID_NAME, MACH_RCV_TIMED_OUT,
	MACH_RCV_TOO_LARGE, MACH_RCV_INTERRUPTED, MACH_RCV_PORT_DIED,
	MACH_RCV_PORT_CHANGED, MACH_RCV_INVALID_DATA, MACH_RCV_HEADER_ERROR,
	MACH_RCV_BODY_ERROR, MACH_RCV_INVALID_TRAILER,
};

static uint32_t
rd32(const uint8_t *p)
{
	uint32_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

/* a receive-side type as a pool hint */
static enum hint
hint_of_disp(unsigned d)
{
	return d == MACH_MSG_TYPE_PORT_RECEIVE ? H_RECV :
	    d == MACH_MSG_TYPE_PORT_SEND ? H_SEND :
	    d == MACH_MSG_TYPE_PORT_SEND_ONCE ? H_SONCE : H_ANY;
}

/* what a sender's disposition needs the name to hold */
enum hint
kind_for_disp(unsigned d)
{
	switch (d) {
	case MACH_MSG_TYPE_MOVE_RECEIVE:
	case MACH_MSG_TYPE_MAKE_SEND:
	case MACH_MSG_TYPE_MAKE_SEND_ONCE:
		return H_RECV;
	case MACH_MSG_TYPE_MOVE_SEND_ONCE:
		return H_SONCE;
	default:
		return H_SEND;
	}
}

/*
 * a name and disposition for a right in a message: our task port never
 * travels (another task could then act on our space), and hub and peer
 * are rarely moved away
 */
static mach_port_name_t
msg_right(struct fz *f, unsigned *dispp, bool dest, bool sane)
{
	static const uint8_t sane_dest[] = { 20, 20, 21, 19, 19, 18 };
	static const uint8_t sane_any[] = { 20, 21, 19, 19, 17, 18, 16 };
	unsigned d = !sane ? pick_disp(f, dest) : dest ?
	    sane_dest[below(f, sizeof(sane_dest))] :
	    sane_any[below(f, sizeof(sane_any))];
	mach_port_name_t n;

	if (dest && peer != MACH_PORT_NULL && chance(f, 20)) {
		n = peer;
		d = chance(f, 90) ? MACH_MSG_TYPE_COPY_SEND : d;
	} else if (dest && hub != MACH_PORT_NULL && chance(f, 5)) {
		n = hub;
	} else {
		n = sane ? sane_name(f, kind_for_disp(d)) :
		    pick_name(f, kind_for_disp(d), 0);
	}
	if (n == self)
		n = MACH_PORT_NULL;
	if ((n == hub || n == peer) && n != MACH_PORT_NULL &&
	    MACH_MSG_TYPE_PORT_ANY_RIGHT(d) && !chance(f, 3))
		d = n == hub ? MACH_MSG_TYPE_MAKE_SEND : MACH_MSG_TYPE_COPY_SEND;
	*dispp = d;
	return n;
}

static mach_msg_timeout_t
pick_timeout(struct fz *f)
{
	uint32_t k = below(f, 100);

	if (k < 70)
		return 0;
	if (k < 95)
		return 1;
	if (k < 99)
		return 2 + below(f, 9);
	return 20 + below(f, 81);
}

/* an out-of-line range: *whole is true when it lies inside scratch */
static uint64_t
pick_ool(struct fz *f, uint32_t *sizep, bool *whole)
{
	uint32_t k = below(f, 100), off = below(f, SCRATCH_SIZE);

	*whole = false;
	if (k < 50) {
		*sizep = below(f, SCRATCH_SIZE - off + 1);
		*whole = true;
		return (uint64_t)(uintptr_t)f->scratch + off;
	}
	if (k < 60) {
		*sizep = SCRATCH_SIZE - off + 1 + below(f, 3 * PAGE);
		return (uint64_t)(uintptr_t)f->scratch + off;
	}
	if (k < 70) {
		*sizep = 0;
		return rnd(f);
	}
	if (k < 78) {
		*sizep = 1 + below(f, 2 * PAGE);
		return below(f, 0x10000);
	}
	if (k < 84) {
		*sizep = 1 + below(f, PAGE);
		return 0xffffffc000000000ull + below(f, 1u << 20);
	}
	if (k < 90) {
		*sizep = (uint32_t)rnd(f);
		return (uint64_t)(uintptr_t)f->scratch;
	}
	*sizep = below(f, BUF_SIZE);
	return (uint64_t)(uintptr_t)f->buf;
}

static uint8_t *
put_ool(struct fz *f, uint8_t *p, bool *dealloc)
{
	mach_msg_ool_descriptor_t d;
	uint32_t size;
	bool whole;

	memset(&d, 0, sizeof(d));
	d.address = (void *)(uintptr_t)pick_ool(f, &size, &whole);
	d.size = size;
	/* only scratch may be given away: nothing else of ours lives there */
	d.deallocate = whole && chance(f, 15);
	*dealloc |= d.deallocate;
	d.copy = chance(f, 90) ? below(f, 3) : below(f, 256);
	d.type = chance(f, 80) ? MACH_MSG_OOL_DESCRIPTOR :
	    MACH_MSG_OOL_VOLATILE_DESCRIPTOR;
	memcpy(p, &d, sizeof(d));
	return p + sizeof(d);
}

static uint8_t *
put_ool_ports(struct fz *f, uint8_t *p, bool *dealloc)
{
	mach_msg_ool_ports_descriptor_t d;
	uint32_t count = chance(f, 85) ? below(f, 9) : (uint32_t)rnd(f);
	unsigned disp = pick_disp(f, false);

	memset(&d, 0, sizeof(d));
	d.count = count;
	d.disposition = disp;
	d.copy = chance(f, 90) ? below(f, 3) : below(f, 256);
	d.type = MACH_MSG_OOL_PORTS_DESCRIPTOR;
	if (chance(f, 80)) {
		uint32_t n = count < SCRATCH_SIZE / 4 ? count : SCRATCH_SIZE / 4;
		mach_port_name_t *a = (mach_port_name_t *)(void *)f->scratch;

		for (uint32_t i = 0; i < n && i < 64; i++) {
			a[i] = pick_name(f, kind_for_disp(disp), 0);
			if (protected_name(a[i]))
				a[i] = MACH_PORT_NULL;
		}
		d.address = a;
		d.deallocate = count <= SCRATCH_SIZE / 4 && chance(f, 10);
		*dealloc |= d.deallocate;
	} else {
		uint32_t size;
		bool whole;

		d.address = (void *)(uintptr_t)pick_ool(f, &size, &whole);
	}
	memcpy(p, &d, sizeof(d));
	return p + sizeof(d);
}

static uint8_t *
put_desc(struct fz *f, uint8_t *p, bool *dealloc)
{
	uint32_t k = below(f, 100);

	if (k < 72) {
		mach_msg_port_descriptor_t d;
		unsigned disp;

		memset(&d, 0, sizeof(d));
		d.name = msg_right(f, &disp, false, false);
		d.disposition = disp;
		d.type = MACH_MSG_PORT_DESCRIPTOR;
		if (chance(f, 3))
			d.pad1 = (uint32_t)rnd(f);
		memcpy(p, &d, sizeof(d));
		return p + sizeof(d);
	}
	if (k < 82)
		return put_ool(f, p, dealloc);
	if (k < 90)
		return put_ool_ports(f, p, dealloc);
	if (k < 94) {
		mach_msg_guarded_port_descriptor_t d;
		unsigned disp;

		memset(&d, 0, sizeof(d));
		d.context = rnd(f);
		d.flags = below(f, 8);
		d.name = msg_right(f, &disp, false, false);
		d.disposition = disp;
		d.type = MACH_MSG_GUARDED_PORT_DESCRIPTOR;
		memcpy(p, &d, sizeof(d));
		return p + sizeof(d);
	}
	/* garbage, with a type no descriptor has (or any) */
	for (int i = 0; i < 4; i++) {
		uint32_t w = (uint32_t)rnd(f);

		if (i == 2 && chance(f, 80))
			w = (w & 0x00ffffffu) | (5u + below(f, 251)) << 24;
		memcpy(p + 4 * i, &w, 4);
	}
	return p + (chance(f, 50) ? 12 : 16);
}

static uint32_t
pick_ndesc(struct fz *f)
{
	uint32_t k = below(f, 100);

	if (k < 20)
		return 0;
	if (k < 80)
		return 1 + below(f, 4);
	if (k < 90)
		return 5 + below(f, 12);
	if (k < 95)
		return 17 + below(f, 300);
	if (k < 97)
		return 1025 + below(f, 1000);
	return (uint32_t)rnd(f);
}

/* n well-formed port descriptors at p */
static uint8_t *
put_sane_descs(struct fz *f, uint8_t *p, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++) {
		mach_msg_port_descriptor_t d;
		unsigned disp;

		memset(&d, 0, sizeof(d));
		d.name = msg_right(f, &disp, false, true);
		d.disposition = disp;
		d.type = MACH_MSG_PORT_DESCRIPTOR;
		memcpy(p, &d, sizeof(d));
		p += sizeof(d);
	}
	return p;
}

/*
 * a message at h, room bytes at most; returns its size.  sane: the names
 * are likely to hold the rights their dispositions need, the descriptors
 * are port descriptors, nothing else is odd.  *dealloc: some descriptor
 * asks for scratch to be deallocated.
 */
static mach_msg_size_t
build_msg(struct fz *f, mach_msg_header_t *h, size_t room, bool sane,
    bool *dealloc)
{
	uint8_t *base = (uint8_t *)h, *p = (uint8_t *)(h + 1);
	uint8_t *end = base + room - 64;
	unsigned rd, ld = 0, vd = 0;
	mach_msg_bits_t other = 0;
	uint32_t words;

	h->msgh_remote_port = msg_right(f, &rd, true, sane);
	h->msgh_local_port = MACH_PORT_NULL;
	if (chance(f, 45))
		h->msgh_local_port = msg_right(f, &ld, false, sane);
	else if (!sane) {
		h->msgh_local_port = chance(f, 95) ? MACH_PORT_NULL :
		    pick_name(f, H_ANY, 0);
		ld = chance(f, 90) ? 0 : pick_disp(f, false);
		if (h->msgh_local_port == self)
			h->msgh_local_port = MACH_PORT_NULL;
	}
	h->msgh_voucher_port = MACH_PORT_NULL;
	if (!sane && chance(f, 4)) {
		vd = below(f, 32);
		h->msgh_voucher_port = pick_name(f, H_ANY, 0);
		if (h->msgh_voucher_port == self)
			h->msgh_voucher_port = MACH_PORT_NULL;
	}
	if (!sane && chance(f, 3))
		other = (uint32_t)rnd(f);
	h->msgh_bits = MACH_MSGH_BITS_SET(rd, ld, vd, other & ~MACH_MSGH_BITS_COMPLEX);
	h->msgh_id = (mach_msg_id_t)rnd(f);
	if (chance(f, 45)) {
		uint32_t ndesc = sane ? 1 + below(f, 4) : pick_ndesc(f);

		h->msgh_bits |= MACH_MSGH_BITS_COMPLEX;
		memcpy(p, &ndesc, sizeof(ndesc));
		p += sizeof(mach_msg_body_t);
		if (sane)
			p = put_sane_descs(f, p, ndesc);
		for (uint32_t i = 0; !sane && i < ndesc && p + 16 <= end; i++)
			p = put_desc(f, p, dealloc);
	}
	words = sane || chance(f, 80) ? below(f, 16) : chance(f, 75) ?
	    below(f, 1024) : below(f, (uint32_t)room / 4);
	for (uint32_t i = 0; i < words && p + 4 <= end; i++, p += 4) {
		uint32_t w = (uint32_t)rnd(f);

		memcpy(p, &w, 4);
	}
	h->msgh_size = sane || chance(f, 90) ? (mach_msg_size_t)(p - base) :
	    (mach_msg_size_t)rnd(f);
	return (mach_msg_size_t)(p - base);
}

static mach_msg_size_t
pick_send_size(struct fz *f, mach_msg_size_t exact)
{
	uint32_t k = below(f, 100);

	if (k < 84)
		return exact;
	if (k < 88)
		return below(f, 28);
	if (k < 91)
		return exact + 1 + below(f, 3);
	if (k < 94)
		return exact > 4 * 4 ? exact - 4 * below(f, 5) : exact;
	if (k < 97)
		return 4 * below(f, (BUF_SIZE + 8192) / 4);
	return (mach_msg_size_t)rnd(f);
}

static mach_msg_option_t
pick_options(struct fz *f, bool sane)
{
	uint32_t k = below(f, 100);
	mach_msg_option_t o;

	o = k < 45 ? MACH_SEND_MSG : k < 75 ? MACH_RCV_MSG :
	    k < 99 || sane ? (MACH_SEND_MSG | MACH_RCV_MSG) : 0;
	if (chance(f, 25))
		o |= MACH_RCV_LARGE;
	if (sane)
		return o | MACH_RCV_TRAILER_ELEMENTS(below(f, 9)) |
		    MACH_SEND_TIMEOUT | MACH_RCV_TIMEOUT;
	if (chance(f, 10))
		o |= MACH_SEND_INTERRUPT;
	if (chance(f, 10))
		o |= MACH_RCV_INTERRUPT;
	if (chance(f, 3))
		o |= MACH_RCV_LARGE_IDENTITY | MACH_SEND_NOTIFY;
	k = below(f, 100);
	if (k < 70)
		o |= MACH_RCV_TRAILER_ELEMENTS(below(f, 9));
	else if (k < 75)
		o |= MACH_RCV_TRAILER_TYPE(below(f, 16));
	else if (k < 80)
		o |= MACH_RCV_TRAILER_ELEMENTS(below(f, 16));
	if (chance(f, 3))
		o |= (mach_msg_option_t)rnd(f) & ~(MACH_SEND_MSG | MACH_RCV_MSG);
	/* nothing may block for good */
	return o | MACH_SEND_TIMEOUT | MACH_RCV_TIMEOUT;
}

static mach_port_name_t
pick_rcv_name(struct fz *f, bool sane)
{
	uint32_t k = below(f, 100);

	if (k < 20 && hub != MACH_PORT_NULL)
		return hub;
	if (k < (sane ? 85 : 50))
		return sane_name(f, H_RECV);
	if (k < (sane ? 100 : 60))
		return sane_name(f, H_SET);
	return pick_name(f, H_ANY, 0);
}

static mach_msg_size_t
pick_rcv_size(struct fz *f, size_t room)
{
	uint32_t k = below(f, 100);

	if (k < 80)
		return (mach_msg_size_t)room;
	if (k < 88)
		return below(f, 64);
	if (k < 94)
		return 24 + below(f, 200);
	if (k < 97)
		return (mach_msg_size_t)room + below(f, 8192);
	return (mach_msg_size_t)rnd(f);
}

/* the buffer's start: mostly aligned, sometimes not; or a bad address */
static uint8_t *
pick_msg_ptr(struct fz *f, size_t *offp, bool *good)
{
	uint32_t k = below(f, 100);

	*good = true;
	*offp = k < 90 ? 0 : k < 95 ? 4 * below(f, 16) : k < 97 ? 1 + below(f, 3) : 0;
	if (k < 97)
		return f->buf + *offp;
	*good = false;
	switch (below(f, 5)) {
	case 0:
		return NULL;
	case 1:
		return (uint8_t *)0x10;
	case 2:
		return (uint8_t *)0xffffffc000001000ul;
	case 3:
		return f->buf + BUF_SIZE;		/* the guard page */
	default:
		return f->buf + BUF_SIZE - 12;		/* the header crosses into it */
	}
}

/* remember the names a message holds (received, or returned to its sender) */
static void
harvest(struct fz *f, const uint8_t *m, size_t avail, bool received)
{
	mach_msg_header_t h;
	uint32_t ndesc;
	const uint8_t *p, *end;

	if (avail < sizeof(h))
		return;
	memcpy(&h, m, sizeof(h));
	pool_put(f, h.msgh_remote_port, received ?
	    hint_of_disp(MACH_MSGH_BITS_REMOTE(h.msgh_bits)) : H_ANY);
	if (!received)
		pool_put(f, h.msgh_local_port, H_ANY);
	if (!(h.msgh_bits & MACH_MSGH_BITS_COMPLEX) || h.msgh_size > avail ||
	    h.msgh_size < sizeof(mach_msg_base_t))
		return;
	ndesc = rd32(m + sizeof(h));
	p = m + sizeof(mach_msg_base_t);
	end = m + h.msgh_size;
	for (uint32_t i = 0; i < ndesc && p + 12 <= end; i++) {
		unsigned type = rd32(p + 8) >> 24, disp = (rd32(p + 8) >> 16) & 0xff;

		if (type == MACH_MSG_PORT_DESCRIPTOR) {
			pool_put(f, rd32(p), hint_of_disp(disp));
			p += 12;
		} else if (type <= MACH_MSG_GUARDED_PORT_DESCRIPTOR && p + 16 <= end) {
			p += 16;
		} else {
			break;
		}
	}
}

/* out-of-line memory and port arrays a received message brought (later) */
static void
release_ool(struct fz *f, const uint8_t *m, const mach_msg_header_t *h)
{
	uint32_t ndesc = rd32(m + sizeof(*h));
	const uint8_t *p = m + sizeof(mach_msg_base_t), *end = m + h->msgh_size;

	for (uint32_t i = 0; i < ndesc && p + 12 <= end; i++) {
		unsigned type = rd32(p + 8) >> 24;
		uint64_t addr;
		uint32_t n;

		if (type == MACH_MSG_PORT_DESCRIPTOR) {
			p += 12;
			continue;
		}
		if (p + 16 > end)
			return;
		memcpy(&addr, p, 8);
		n = rd32(p + 12);
		if (type == MACH_MSG_OOL_DESCRIPTOR ||
		    type == MACH_MSG_OOL_VOLATILE_DESCRIPTOR) {
			if (addr != 0 && n != 0)
				mach_vm_deallocate(self, addr, n);
		} else if (type == MACH_MSG_OOL_PORTS_DESCRIPTOR && addr != 0 && n != 0) {
			mach_port_name_t *a = (mach_port_name_t *)(uintptr_t)addr;

			for (uint32_t j = 0; j < n && j < 64; j++)
				pool_put(f, a[j], H_ANY);
			mach_vm_deallocate(self, addr, (uint64_t)n * sizeof(*a));
		}
		p += 16;
	}
}

static void op_reply(struct fz *f, mach_port_name_t to);

/* what a successful receive left in the buffer must make sense */
static void
check_received(struct fz *f, const uint8_t *m, mach_msg_option_t opt,
    mach_msg_size_t rcv_size, size_t room)
{
	mach_msg_header_t h;
	mach_msg_size_t tsize = REQUESTED_TRAILER_SIZE(opt);
	mach_msg_trailer_t t;
	unsigned rbits, lbits;

	memcpy(&h, m, sizeof(h));
	rbits = MACH_MSGH_BITS_REMOTE(h.msgh_bits);
	lbits = MACH_MSGH_BITS_LOCAL(h.msgh_bits);
	if (h.msgh_size < sizeof(h) || (h.msgh_size & 3) != 0 ||
	    (uint64_t)h.msgh_size + tsize > rcv_size ||
	    (uint64_t)h.msgh_size + tsize > room) {
		violation(f, OP_MSG, 0, "received msgh_size %u, rcv_size %u, trailer %u",
		    h.msgh_size, rcv_size, tsize);
		return;
	}
	memcpy(&t, m + h.msgh_size, sizeof(t));
	if (t.msgh_trailer_type != MACH_MSG_TRAILER_FORMAT_0 ||
	    t.msgh_trailer_size != tsize)
		violation(f, OP_MSG, 0, "trailer type %u size %u, asked for %u",
		    t.msgh_trailer_type, t.msgh_trailer_size, tsize);
	if ((rbits != 0 && rbits != MACH_MSG_TYPE_PORT_SEND &&
	    rbits != MACH_MSG_TYPE_PORT_SEND_ONCE) ||
	    (lbits != MACH_MSG_TYPE_PORT_SEND && lbits != MACH_MSG_TYPE_PORT_SEND_ONCE))
		violation(f, OP_MSG, 0, "received header bits %#x", h.msgh_bits);
	if ((h.msgh_bits & MACH_MSGH_BITS_COMPLEX) &&
	    (h.msgh_size < sizeof(mach_msg_base_t) ||
	    rd32(m + sizeof(h)) > (h.msgh_size - sizeof(mach_msg_base_t)) / 12))
		violation(f, OP_MSG, 0, "received %u descriptors in %u bytes",
		    rd32(m + sizeof(h)), h.msgh_size);
	harvest(f, m, h.msgh_size, true);
	if (h.msgh_bits & MACH_MSGH_BITS_COMPLEX)
		release_ool(f, m, &h);
	/* a request: answer it, sometimes as an RPC of our own */
	if (rbits == MACH_MSG_TYPE_PORT_SEND_ONCE && !f->in_reply && chance(f, 60))
		op_reply(f, h.msgh_remote_port);
}

static bool
msg_allowed(mach_msg_option_t opt, mach_msg_return_t mr)
{
	mach_msg_return_t base = mr & ~MACH_MSG_MASK;

	/* only these carry the MACH_MSG_* special bits */
	if (base != MACH_RCV_HEADER_ERROR && base != MACH_RCV_BODY_ERROR &&
	    base != MACH_SEND_INVALID_REPLY && base != MACH_SEND_INVALID_RIGHT &&
	    base != MACH_SEND_INVALID_DEST && base != MACH_SEND_NO_BUFFER &&
	    base != MACH_SEND_INVALID_MEMORY)
		base = mr;
	if (mr == MACH_MSG_SUCCESS)
		return true;
	if ((opt & MACH_SEND_MSG) &&
	    in_set(base, send_codes, sizeof(send_codes) / sizeof(send_codes[0])))
		return true;
	return (opt & MACH_RCV_MSG) &&
	    in_set(base, rcv_codes, sizeof(rcv_codes) / sizeof(rcv_codes[0]));
}

/*
 * scratch given away by a send, all of it or some pages: map again, a page
 * at a time, the pages that went (one still there: KERN_NO_SPACE)
 */
void
scratch_restore(struct fz *f)
{
	for (uint32_t off = 0; off < SCRATCH_SIZE; off += PAGE) {
		mach_vm_address_t a = (mach_vm_address_t)(uintptr_t)f->scratch + off;

		mach_vm_allocate(self, &a, PAGE, VM_FLAGS_FIXED);
	}
	f->scratch_maybe_gone = false;
}

static mach_msg_return_t
raw_msg(void *msg, mach_msg_option_t opt, mach_msg_size_t ssize,
    mach_msg_size_t rsize, mach_port_name_t rname, mach_msg_timeout_t tmo,
    mach_port_name_t notify)
{
	return (mach_msg_return_t)rvmach_trap(MACH_TRAP_mach_msg, (long)msg,
	    (long)opt, (long)ssize, (long)rsize, (long)rname, (long)tmo,
	    (long)notify);
}

/* after a call: its result allowed, what it left in the buffer sensible */
static void
msg_done(struct fz *f, enum op op, uint8_t *m, bool good, size_t room,
    mach_msg_option_t opt, mach_msg_size_t ssize, mach_msg_size_t rsize,
    mach_port_name_t rname, mach_msg_return_t mr)
{
	record(f, op, (uint32_t)mr);
	if (!msg_allowed(opt, mr))
		violation(f, op, (uint32_t)mr, "option %#x send_size %u "
		    "rcv_size %u rcv_name %#x buffer %p", opt, ssize, rsize,
		    rname, (void *)m);
	if (!good)
		return;
	if (mr == MACH_MSG_SUCCESS && (opt & MACH_RCV_MSG))
		check_received(f, m, opt, rsize, room);
	else if (mr == MACH_RCV_TOO_LARGE) {
		mach_msg_size_t need = rd32(m + offsetof(mach_msg_header_t, msgh_size));

		if (need < sizeof(mach_msg_header_t) ||
		    (uint64_t)need + REQUESTED_TRAILER_SIZE(opt) <= rsize)
			violation(f, op, (uint32_t)mr, "too large: needs %u, "
			    "rcv_size %u, trailer %u", need, rsize,
			    REQUESTED_TRAILER_SIZE(opt));
	} else if (mr == MACH_SEND_TIMED_OUT || mr == MACH_SEND_INTERRUPTED ||
	    mr == MACH_SEND_INVALID_DEST) {
		/* the message came back: its rights under their names now */
		harvest(f, m, ssize <= room ? ssize : room, false);
	}
}

/*
 * a message: sane (names likely to hold the rights their dispositions
 * need, sizes right, a good buffer) or wild (anything at all)
 */
void
op_msg(struct fz *f)
{
	bool sane = chance(f, 60), good = true, dealloc = false;
	size_t off = 0;
	uint8_t *m = sane ? f->buf : pick_msg_ptr(f, &off, &good);
	size_t room = BUF_SIZE - off;
	mach_msg_option_t opt = pick_options(f, sane);
	mach_msg_size_t exact, ssize = 0, rsize = 0;
	mach_port_name_t rname = MACH_PORT_NULL;
	mach_msg_timeout_t tmo = pick_timeout(f);
	mach_msg_return_t mr;

	if (f->scratch_maybe_gone)
		scratch_restore(f);
	if (opt & MACH_SEND_MSG) {
		/* built aligned, then moved where the call reads it */
		exact = build_msg(f, (mach_msg_header_t *)(void *)f->buf, room,
		    sane, &dealloc);
		if (good && off != 0)
			memmove(f->buf + off, f->buf, exact);
		ssize = sane ? exact : pick_send_size(f, exact);
	} else if (good) {
		memset(m, 0, sizeof(mach_msg_header_t));
	}
	if (opt & MACH_RCV_MSG) {
		rname = pick_rcv_name(f, sane);
		rsize = sane ? (mach_msg_size_t)room : pick_rcv_size(f, room);
	}
	mr = raw_msg(m, opt, ssize, rsize, rname, tmo, sane || chance(f, 90) ?
	    MACH_PORT_NULL : pick_name(f, H_ANY, 0));
	if (dealloc)
		f->scratch_maybe_gone = true;
	msg_done(f, OP_MSG, m, good, room, opt, ssize, rsize, rname, mr);
	/* a name that did not hold what we thought: learn what it holds */
	if (sane && (mr == MACH_SEND_INVALID_DEST || mr == MACH_SEND_INVALID_REPLY))
		refresh_name(f, ((mach_msg_header_t *)(void *)f->buf)->msgh_remote_port);
	if (mr == MACH_RCV_INVALID_NAME && (sane || chance(f, 20)))
		refresh_name(f, rname);
}

/*
 * the answer to a request received with a send-once reply right: a sane
 * message on it, half the time an RPC that waits for an answer in turn
 */
static void
op_reply(struct fz *f, mach_port_name_t to)
{
	mach_msg_header_t *h = (mach_msg_header_t *)(void *)f->buf;
	mach_msg_option_t opt = MACH_SEND_MSG | MACH_SEND_TIMEOUT;
	mach_port_name_t rname = MACH_PORT_NULL;
	mach_msg_size_t size;
	bool dealloc = false;
	mach_msg_return_t mr;

	f->in_reply = true;
	/* the request's own send may have given scratch away, as this may */
	if (f->scratch_maybe_gone)
		scratch_restore(f);
	size = build_msg(f, h, BUF_SIZE, true, &dealloc);
	h->msgh_remote_port = to;
	h->msgh_bits = (h->msgh_bits & ~MACH_MSGH_BITS_REMOTE_MASK) |
	    MACH_MSG_TYPE_MOVE_SEND_ONCE;
	if (chance(f, 50)) {
		rname = sane_name(f, H_RECV);
		opt |= MACH_RCV_MSG | MACH_RCV_TIMEOUT;
		h->msgh_local_port = rname;
		h->msgh_bits = (h->msgh_bits & ~MACH_MSGH_BITS_LOCAL_MASK) |
		    MACH_MSGH_BITS(0, MACH_MSG_TYPE_MAKE_SEND_ONCE);
	}
	mr = raw_msg(h, opt, size, BUF_SIZE, rname, pick_timeout(f),
	    MACH_PORT_NULL);
	if (dealloc)
		f->scratch_maybe_gone = true;
	msg_done(f, OP_REPLY, f->buf, true, BUF_SIZE, opt, size, BUF_SIZE, rname,
	    mr);
	f->in_reply = false;
}

/*
 * thread 0's extra: a port whose queue fills with messages carrying
 * rights, then dies or leaves, while other threads may wait on it
 */
static void
churn_send(struct fz *f, mach_port_name_t dest, mach_port_name_t carry,
    unsigned carry_disp)
{
	uint8_t *b = f->buf;
	mach_msg_header_t *h = (mach_msg_header_t *)(void *)b;
	mach_msg_port_descriptor_t d;
	uint32_t n = 1 + below(f, 4);
	uint8_t *p = b + sizeof(mach_msg_base_t);
	mach_msg_return_t mr;

	h->msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND,
	    chance(f, 50) ? MACH_MSG_TYPE_MAKE_SEND_ONCE : 0) | MACH_MSGH_BITS_COMPLEX;
	h->msgh_remote_port = dest;
	h->msgh_local_port = MACH_MSGH_BITS_LOCAL(h->msgh_bits) ?
	    pool_kind(f, H_RECV) : MACH_PORT_NULL;
	if (h->msgh_local_port == self)
		h->msgh_local_port = MACH_PORT_NULL;
	h->msgh_voucher_port = MACH_PORT_NULL;
	h->msgh_id = (mach_msg_id_t)f->calls;
	for (uint32_t i = 0; i < n; i++, p += sizeof(d)) {
		unsigned disp;

		memset(&d, 0, sizeof(d));
		if (i == 0 && carry != MACH_PORT_NULL) {
			d.name = carry;
			disp = carry_disp;
		} else {
			d.name = msg_right(f, &disp, false, true);
		}
		d.disposition = disp;
		d.type = MACH_MSG_PORT_DESCRIPTOR;
		memcpy(p, &d, sizeof(d));
	}
	memcpy(b + sizeof(mach_msg_header_t), &n, sizeof(n));
	h->msgh_size = (mach_msg_size_t)(p - b);
	if (dest == peer)
		h->msgh_bits = (h->msgh_bits & ~MACH_MSGH_BITS_REMOTE_MASK) |
		    MACH_MSG_TYPE_COPY_SEND;
	mr = raw_msg(h, MACH_SEND_MSG | MACH_SEND_TIMEOUT, h->msgh_size, 0,
	    MACH_PORT_NULL, chance(f, 80) ? 0 : 1, MACH_PORT_NULL);
	record(f, OP_CHURN, (uint32_t)mr);
	if (!msg_allowed(MACH_SEND_MSG, mr))
		violation(f, OP_CHURN, (uint32_t)mr, "send to %#x", dest);
	if (mr == MACH_SEND_TIMED_OUT || mr == MACH_SEND_INVALID_DEST)
		harvest(f, b, h->msgh_size, false);
}

void
op_churn(struct fz *f)
{
	mach_port_name_t p = MACH_PORT_NULL;
	kern_return_t kr;
	uint32_t k;

	kr = mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &p);
	if (!check(f, OP_CHURN, kr, true, false, SET(KERN_SUCCESS, KERN_NO_SPACE,
	    KERN_RESOURCE_SHORTAGE), "allocate") || kr != KERN_SUCCESS)
		return;
	if (chance(f, 40)) {
		mach_port_limits_t l = { .mpl_qlimit = below(f, 8) };

		kr = mach_port_set_attributes(self, p, MACH_PORT_LIMITS_INFO,
		    (mach_port_info_t)&l, MACH_PORT_LIMITS_INFO_COUNT);
		/* (another thread's garbage name may have hit p meanwhile) */
		check(f, OP_CHURN, kr, true, false, SET(KERN_SUCCESS,
		    KERN_INVALID_NAME, KERN_INVALID_RIGHT), "qlimit");
	}
	if (chance(f, 40))
		pool_put(f, p, H_RECV);		/* others may wait on it now */
	for (uint32_t i = 0, n = 1 + below(f, 6); i < n; i++)
		churn_send(f, p, MACH_PORT_NULL, 0);
	if (chance(f, 30))
		op_port(f, OP_REQUEST_NOTIFICATION);
	k = below(f, 100);
	if (k < 45) {
		kr = mach_port_destroy(self, p);
		check(f, OP_CHURN, kr, true, false, SET(KERN_SUCCESS,
		    KERN_INVALID_NAME), "destroy");
	} else if (k < 65) {
		kr = mach_port_mod_refs(self, p, MACH_PORT_RIGHT_RECEIVE, -1);
		check(f, OP_CHURN, kr, true, false, SET(KERN_SUCCESS,
		    KERN_INVALID_NAME, KERN_INVALID_RIGHT), "mod_refs receive -1");
	} else if (k < 90) {
		mach_port_name_t to = peer != MACH_PORT_NULL && chance(f, 50) ?
		    peer : pool_kind(f, H_RECV);

		if (to != MACH_PORT_NULL && to != self)
			churn_send(f, to, p, MACH_MSG_TYPE_MOVE_RECEIVE);
	} else {
		pool_put(f, p, H_RECV);
	}
}
