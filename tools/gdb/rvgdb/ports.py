"""rvgdb.ports - one port or port set: rv-port, rv-pset."""
import gdb

from .ipc import (IO_BITS_ACTIVE, IO_BITS_KNOWN, IO_BITS_KOTYPE, IO_DEAD,
                  PTR, find_object, hexname, io_bits, is_pset, kobject_label,
                  kotype_name, port_receiver, space_label, task_label)
from .sched import all_threads, thread_name
from .util import (as_ptr, field_offset, geti, guarded, hexa, kernel_ptr,
                   lookup_type, quoted, read_bytes, show, walk)

MAX_DESC_SHOWN = 8			# descriptors (and array rights) printed
# kernel/ipc/ipc_kmsg.h
IKM_SEND_ONCE = 0x1
IKD_NONE, IKD_PORT, IKD_OOL, IKD_OOL_PORTS = 0, 1, 2, 3
# <mach/message.h>: the received dispositions a kmsg holds its rights in
MSG_TYPES = {0: "none", 16: "receive", 17: "send", 18: "send-once"}


def msg_type(t):
    return "?" if t is None else MSG_TYPES.get(t, "type %d" % t)


def right_label(kind, obj):
    """A right in a message: its kind and the object (dead, none)."""
    if obj is None:
        return "%s ?" % kind
    if obj == 0:
        return "none" if kind in ("none", "?") else "%s null" % kind
    if obj == IO_DEAD:
        return "%s dead" % kind
    return "%s %s" % (kind, hexa(obj))


def print_waiters(head, what):
    """The threads on a receiver queue (struct ipc_waitq) through
    ith.ith_next, each checked to wait on what (its ith_waitq)."""
    if head is None:
        print("    receivers waiting: ? (cannot read the queue)")
        return
    threads, note = walk(head, ("ith", "ith_next"), "struct thread")
    for th in threads:
        wq = geti(as_ptr(th, "struct thread"), "ith", "ith_waitq")
        odd = "" if wq == what else " (its ith_waitq is %s)" % hexa(wq)
        print("    receiver thread %s %s%s" % (hexa(th),
                                              quoted(thread_name(th)), odd))
    print("    %d receivers waiting%s" % (len(threads), "" if not note else
                                          " (%s)" % note))


def header(kind, a, named):
    """The first line: what it is, where, and the name it was found by."""
    line = "%s %s" % (kind, hexa(a))
    if named is not None:
        line += " (name %s in %s)" % (hexname(named[1]), task_label(named[0]))
    return line


def check_object(a, want_pset):
    """io_bits of the object at a, or a gdb.GdbError when it is the other
    kind of object or unreadable."""
    bits = io_bits(a)
    if bits is None:
        raise gdb.GdbError("cannot read an ipc_object at %s" % hexa(a))
    if is_pset(bits) != want_pset:
        raise gdb.GdbError("%s is a %s: use %s" % (
            hexa(a), "port set" if is_pset(bits) else "port",
            "rv-pset" if is_pset(bits) else "rv-port"))
    return bits


def bits_note(bits):
    if bits & ~IO_BITS_KNOWN:
        return " (io_bits %#x: unknown bits, not an ipc_object?)" % bits
    return ""


def ool_rights(array, count):
    """The first rights of an out-of-line port array, as addresses."""
    raw = read_bytes(array, PTR.size * min(count, MAX_DESC_SHOWN))
    if raw is None:
        return "?"
    objs = [PTR.unpack_from(raw, PTR.size * i)[0]
            for i in range(len(raw) // PTR.size)]
    shown = ["null" if o == 0 else "dead" if o == IO_DEAD else hexa(o)
             for o in objs]
    return ", ".join(shown) + (", ..." if count > len(objs) else "")


def desc_label(at):
    """One struct ikm_desc (kd_kind IKD_*): a right, out-of-line memory
    (its vm_map_copy) or a port array (the rights in it)."""
    d = as_ptr(at, "struct ikm_desc")
    what, kind = geti(d, "kd_kind"), geti(d, "kd_type")
    count, obj = geti(d, "kd_count"), geti(d, "kd_object")
    if None in (what, kind, count, obj):
        return "cannot read it at %s" % hexa(at)
    if what == IKD_NONE:
        return "none"
    if what == IKD_PORT:
        return right_label(msg_type(kind), obj) + \
            ("" if not count else " count %s" % show(count))
    if what == IKD_OOL:
        return "memory %s bytes at page offset %s, copy %s" % (
            show(count), hexa(geti(d, "kd_offset")),
            "-" if obj == 0 else hexa(obj))
    if what == IKD_OOL_PORTS:
        return "port array %s of %s %s rights: %s" % (
            "-" if obj == 0 else hexa(obj), show(count), msg_type(kind),
            "-" if not count or obj == 0 else ool_rights(obj, count))
    return "kind %s" % show(what)


def print_message(k):
    km = as_ptr(k, "struct ipc_kmsg")
    flags = geti(km, "ikm_flags")
    ndesc = geti(km, "ikm_ndesc")
    once = "" if flags is None or not flags & IKM_SEND_ONCE else " (send-once)"
    print("    message %s id %s size %s bits %s dest %s reply %s desc %s%s" % (
        hexa(k), show(geti(km, "ikm_header", "msgh_id")),
        show(geti(km, "ikm_header", "msgh_size")),
        hexa(geti(km, "ikm_header", "msgh_bits")),
        right_label(msg_type(geti(km, "ikm_remote_type")),
                    geti(km, "ikm_remote")),
        right_label(msg_type(geti(km, "ikm_local_type")),
                    geti(km, "ikm_local")),
        show(ndesc), once))
    desc = geti(km, "ikm_desc")
    dt = lookup_type("struct ikm_desc")
    if not ndesc or not kernel_ptr(desc) or dt is None:
        return
    for i in range(min(ndesc, MAX_DESC_SHOWN)):
        at = desc + i * dt.sizeof
        print("        descriptor %d: %s" % (i, desc_label(at)))
    if ndesc > MAX_DESC_SHOWN:
        print("        ... %d more descriptors" % (ndesc - MAX_DESC_SHOWN))


def print_queue(p):
    count, limit = geti(p, "ip_msgcount"), geti(p, "ip_qlimit")
    print("    queue: %s messages, qlimit %s, %s senders blocked" % (
        show(count), show(limit), show(geti(p, "ip_send_waiters"))))
    head = geti(p, "ip_msgs")
    if head is None:
        print("    (cannot read the queue)")
        return
    msgs, note = walk(head, "ikm_next", "struct ipc_kmsg")
    for k in msgs:
        print_message(k)
    if note is None and count is not None and count != len(msgs):
        note = "ip_msgcount is %d" % count
    print("    %d messages%s" % (len(msgs), "" if not note else
                                 " (%s)" % note))


def print_senders(a):
    """Threads blocked sending to the port: they wait on &ip_msgcount."""
    off = field_offset("struct ipc_port", "ip_msgcount")
    if off is None:
        return
    threads, _ = all_threads()
    for th in threads:
        if geti(as_ptr(th, "struct thread"), "wait_event") == a + off:
            print("    sender thread %s %s blocked on the full queue" % (
                hexa(th), quoted(thread_name(th))))


def sonce_label(notify):
    """A request's send-once right: the port it goes to, and who receives."""
    if notify is None:
        return "?"
    if notify == 0:
        return "-"
    return "send-once to port %s (%s)" % (hexa(notify), port_receiver(notify))


def print_requests(p):
    print("    no-senders request: %s" % sonce_label(geti(p, "ip_nsrequest")))
    print("    port-destroyed request: %s" %
          sonce_label(geti(p, "ip_pdrequest")))
    head = geti(p, "ip_dnrequests")
    if head is None:
        print("    dead-name requests: ?")
        return
    reqs, note = walk(head, "dn_next", "struct ipc_dnreq")
    for r in reqs:
        d = as_ptr(r, "struct ipc_dnreq")
        space = geti(d, "dn_space")
        print("    dead-name request %s: space %s %s name %s, %s" % (
            hexa(r), hexa(space), space_label(space),
            hexname(geti(d, "dn_name")), sonce_label(geti(d, "dn_notify"))))
    print("    %d dead-name requests%s" % (len(reqs), "" if not note else
                                           " (%s)" % note))


class RvPort(gdb.Command):
    """rv-port PORT: one port's state.

PORT is an expression giving the port's address, or TASK NAME: a task (as
rv-vmmap takes it) and a name in its space.  Prints: active, references,
kernel object type (IKOT_*); who holds the receive right (a task and the
name there, in transit, the kernel, or dead); mscount, srights, sorights,
seqno (the next message's), context; the queue: message count, qlimit,
blocked senders (ip_send_waiters, and the threads waiting to send), then
each queued message (address, id, size, header bits, destination and reply
rights, descriptors); the port set it is in; armed notifications
(no-senders, port-destroyed: the send-once right and where it goes;
dead-name requests: space, task and name); the threads waiting on
ip_receivers."""
    NAME = "rv-port"

    def __init__(self):
        super().__init__(self.NAME, gdb.COMMAND_USER)

    @guarded
    def invoke(self, arg, from_tty):
        a, named = find_object(arg, "port")
        bits = check_object(a, False)
        p = as_ptr(a, "struct ipc_port")
        print("%s active %s, refs %s, kotype %s%s" % (
            header("port", a, named), show(bool(bits & IO_BITS_ACTIVE)),
            show(geti(p, "ip_object", "io_references")),
            kotype_name(bits & IO_BITS_KOTYPE), bits_note(bits)))
        print("    receiver: %s" % port_receiver(a))
        if bits & IO_BITS_KOTYPE and not bits & IO_BITS_ACTIVE:
            print("    kobject: %s" % kobject_label(a, bits & IO_BITS_KOTYPE))
        print("    mscount %s srights %s sorights %s seqno %s context %s" % (
            show(geti(p, "ip_mscount")), show(geti(p, "ip_srights")),
            show(geti(p, "ip_sorights")), show(geti(p, "ip_seqno")),
            hexa(geti(p, "ip_context"))))
        print_queue(p)
        print_senders(a)
        pset = geti(p, "ip_pset")
        print("    pset: %s" % ("-" if pset == 0 else hexa(pset)))
        print_requests(p)
        print_waiters(geti(p, "ip_receivers", "iwq_head"), a)


class RvPset(gdb.Command):
    """rv-pset PSET: a port set's members and waiting receivers.

PSET is an expression giving the set's address, or TASK NAME: a task and
the set's name in its space.  Prints: active, references, member count
(ips_count); each member port: address, messages queued and qlimit, who
holds its receive right; then the threads waiting on the set
(ips_receivers)."""
    NAME = "rv-pset"

    def __init__(self):
        super().__init__(self.NAME, gdb.COMMAND_USER)

    @guarded
    def invoke(self, arg, from_tty):
        a, named = find_object(arg, "pset")
        bits = check_object(a, True)
        s = as_ptr(a, "struct ipc_pset")
        count = geti(s, "ips_count")
        print("%s active %s, refs %s, %s members%s" % (
            header("pset", a, named), show(bool(bits & IO_BITS_ACTIVE)),
            show(geti(s, "ips_object", "io_references")), show(count),
            bits_note(bits)))
        head = geti(s, "ips_members")
        members, note = ([], "cannot read ips_members") if head is None \
            else walk(head, "ip_pset_next", "struct ipc_port")
        for m in members:
            mp = as_ptr(m, "struct ipc_port")
            back = geti(mp, "ip_pset")
            odd = "" if back == a else " (its ip_pset is %s)" % hexa(back)
            print("    member %s msgcount %s qlimit %s receiver %s%s" % (
                hexa(m), show(geti(mp, "ip_msgcount")),
                show(geti(mp, "ip_qlimit")), port_receiver(m), odd))
        if note is None and count is not None and count != len(members):
            note = "ips_count is %d" % count
        print("    %d members%s" % (len(members), "" if not note else
                                    " (%s)" % note))
        print_waiters(geti(s, "ips_receivers", "iwq_head"), a)
