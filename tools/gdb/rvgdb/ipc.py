"""rvgdb.ipc - Mach IPC spaces: rv-taskrights, rv-ipc-summary, and what
rv-port and rv-pset (ports.py) share: a space's entries, a name's object,
who holds a port's receive right."""
import struct

import gdb

from .sched import task_name, thread_name
from .tasks import all_tasks, find_task
from .util import (as_ptr, field_offset, geti, global_value, guarded, hexa,
                   kernel_ptr, lookup_type, quoted, read_bytes, show, to_int)

PAGE_SIZE = 4096
PTR = struct.Struct("<Q")		# RV64: little-endian, 8-byte pointers
U32 = struct.Struct("<I")

# kernel/ipc/ipc_space.h: an entry's bits (XNU's layout) and the table
IE_BITS_UREFS_MASK = 0x0000ffff
IE_BITS_TYPE_MASK = 0x001f0000
IE_BITS_DNREQUEST = 0x00200000
IE_BITS_FREELISTED = 0x00400000
IS_MAX_ENTRIES = 1 << 20

# <mach/port.h>: MACH_PORT_TYPE_* (right r is bit 16 + r)
TYPE_SEND = 0x00010000
TYPE_RECEIVE = 0x00020000
TYPE_SEND_ONCE = 0x00040000
TYPE_PORT_SET = 0x00080000
TYPE_DEAD_NAME = 0x00100000
RIGHTS = ((TYPE_RECEIVE, "receive"), (TYPE_SEND, "send"),
          (TYPE_SEND_ONCE, "send-once"), (TYPE_PORT_SET, "port-set"),
          (TYPE_DEAD_NAME, "dead-name"))

# kernel/ipc/ipc_object.h
IO_BITS_ACTIVE = 0x80000000
IO_BITS_OTYPE = 0x00010000
IO_BITS_KOTYPE = 0x000000ff
IO_BITS_KNOWN = IO_BITS_ACTIVE | IO_BITS_OTYPE | IO_BITS_KOTYPE
IO_DEAD = 0xffffffffffffffff
IKOT_THREAD_CONTROL = 1
IKOT_TASK_CONTROL = 2
IKOT = {0: "IKOT_NONE", IKOT_THREAD_CONTROL: "IKOT_THREAD_CONTROL",
        IKOT_TASK_CONTROL: "IKOT_TASK_CONTROL", 3: "IKOT_HOST",
        6: "IKOT_PSET", 7: "IKOT_PSET_NAME", 23: "IKOT_SEMAPHORE",
        25: "IKOT_CLOCK", 28: "IKOT_NAMED_ENTRY"}


def rights(bits):
    """An entry's MACH_PORT_TYPE_* bits as receive|send|..., "?" unreadable."""
    if bits is None:
        return "?"
    names = [n for bit, n in RIGHTS if bits & bit]
    return "|".join(names) if names else "-"


def hexname(n):
    return "?" if n is None else "%#x" % n


def kotype_name(kot):
    return "?" if kot is None else IKOT.get(kot, "IKOT_%d" % kot)


def entry_name(index, bits):
    """MACH_PORT_MAKE(index, gen): the generation is bits' top byte."""
    return (index << 8) | (bits >> 24)


def io_bits(obj):
    return geti(as_ptr(obj, "struct ipc_object"), "io_bits")


def is_pset(bits):
    return bits is not None and bool(bits & IO_BITS_OTYPE)


def kernel_space():
    return to_int(global_value("ipc_space_kernel"))


def task_space(t):
    """The address of task t's ipc_space (itk_space), or None."""
    return geti(as_ptr(t, "struct task"), "itk_space")


def task_label(t):
    """A task as its quoted name, "kernel" for none, else its address."""
    if t == 0:
        return "kernel"
    name = task_name(t) if kernel_ptr(t) else None
    return quoted(name) if name is not None else "task %s" % hexa(t)


def space_label(space):
    """Who owns a space: the task's name, "kernel" for ipc_space_kernel."""
    if space and space == kernel_space():
        return "kernel"
    owner = geti(as_ptr(space, "struct ipc_space"), "is_owner")
    if kernel_ptr(owner):
        return task_label(owner)
    return "space %s" % hexa(space)


class Table:
    """Where a space's entries are: the directory of pages, and the layout
    of struct ipc_entry from the debug info."""

    def __init__(self, space):
        sp = as_ptr(space, "struct ipc_space")
        self.space = space
        self.size = geti(sp, "is_table_size")
        self.dir = geti(sp, "is_dir")
        self.slots = geti(sp, "is_dir_slots")
        t = lookup_type("struct ipc_entry")
        self.esize = t.sizeof if t is not None else None
        self.obj_off = field_offset("struct ipc_entry", "ie_object")
        self.bits_off = field_offset("struct ipc_entry", "ie_bits")

    def check(self):
        """(pages to read, note or None); pages None: nothing readable."""
        if None in (self.esize, self.obj_off, self.bits_off):
            return None, "no struct ipc_entry in the debug info"
        if None in (self.size, self.dir, self.slots):
            return None, "cannot read the space at %s" % hexa(self.space)
        per = PAGE_SIZE // self.esize
        pages = self.size // per
        limit = min(self.slots, (IS_MAX_ENTRIES + per) // per)
        if self.size % per or pages > limit:
            return min(pages, limit), "is_table_size %d does not fit %d " \
                "directory slots of %d entries" % (self.size, self.slots, per)
        return pages, None

    def page(self, p):
        """(address, raw bytes) of page p of entries; None for what
        cannot be read."""
        raw = read_bytes(self.dir + PTR.size * p, PTR.size)
        if raw is None:
            return None, None
        addr = PTR.unpack(raw)[0]
        return addr, read_bytes(addr, (PAGE_SIZE // self.esize) * self.esize)

    def entry(self, data, i):
        """(bits, object) of entry i of a page's bytes."""
        at = i * self.esize
        return (U32.unpack_from(data, at + self.bits_off)[0],
                PTR.unpack_from(data, at + self.obj_off)[0])


def space_entries(space):
    """Every name in use in a space: [(name, bits, object)] in table order
    and a note (None, or why the walk stopped or is suspect)."""
    tab = Table(space)
    pages, note = tab.check()
    if pages is None:
        return [], note
    per = PAGE_SIZE // tab.esize
    out = []
    for p in range(pages):
        addr, data = tab.page(p)
        if data is None:
            why = "cannot read page %d of the table (%s)" % (p, hexa(addr))
            return out, why if note is None else "%s; %s" % (note, why)
        for i in range(per):
            bits, obj = tab.entry(data, i)
            if p * per + i == 0 or not bits & IE_BITS_TYPE_MASK:
                continue
            out.append((entry_name(p * per + i, bits), bits, obj))
    return out, note


def lookup_name(space, name):
    """((bits, object) or None, why): name's entry in space; None when
    the name is not in use (why None) or cannot be read (why says so)."""
    tab = Table(space)
    pages, note = tab.check()
    if pages is None:
        return None, note
    per = PAGE_SIZE // tab.esize
    index = name >> 8
    if index == 0 or index >= pages * per:
        return None, None
    addr, data = tab.page(index // per)
    if data is None:
        return None, "cannot read page %d of the table (%s)" % (
            index // per, hexa(addr))
    bits, obj = tab.entry(data, index % per)
    if not bits & IE_BITS_TYPE_MASK or bits >> 24 != name & 0xff:
        return None, None
    return (bits, obj), None


def kobject_label(port, kot):
    """A kernel-object port's object: 'IKOT_TASK_CONTROL "name"', ..."""
    obj = geti(as_ptr(port, "struct ipc_port"), "ip_kobject")
    what = "%s %s" % (kotype_name(kot), hexa(obj))
    if kot == IKOT_TASK_CONTROL and kernel_ptr(obj):
        what += " " + task_label(obj)
    elif kot == IKOT_THREAD_CONTROL and kernel_ptr(obj):
        what += " " + quoted(thread_name(obj))
    return what


def port_receiver(port):
    """Where a port's receive right is: a task and the name there, in
    transit (and where its message goes), the kernel (with the kernel
    object), or "dead"; "?" for what cannot be read."""
    p = as_ptr(port, "struct ipc_port")
    bits = geti(p, "ip_object", "io_bits")
    if bits is None:
        return "?"
    if is_pset(bits):
        return "(a port set)"
    if not bits & IO_BITS_ACTIVE:
        return "dead"
    recv = geti(p, "ip_receiver")
    if recv is None:
        return "?"
    if recv == 0:
        dest = geti(p, "ip_destination")
        return "in transit" + ("" if not dest else " to port %s" % hexa(dest))
    if recv == kernel_space():
        return "kernel " + kobject_label(port, bits & IO_BITS_KOTYPE)
    return "%s name %s" % (space_label(recv),
                           hexname(geti(p, "ip_receiver_name")))


def object_label(bits, obj):
    """The receiver column of rv-taskrights for an entry."""
    if bits & TYPE_DEAD_NAME or obj == 0:
        return "-"
    if not kernel_ptr(obj):
        return "?"
    if bits & TYPE_PORT_SET:
        n = geti(as_ptr(obj, "struct ipc_pset"), "ips_count")
        return "set of %s members" % show(n)
    return port_receiver(obj)


def find_object(arg, kind):
    """The address of a port (kind "port") or port set ("pset") for the
    argument of rv-port / rv-pset: an expression giving its address, or
    TASK NAME (a task as rv-vmmap takes it and a name in its space).
    Returns (address, (task, name) or None).  Raises gdb.GdbError."""
    argv = gdb.string_to_argv(arg)
    if not argv:
        raise gdb.GdbError("a %s: its address, or a task and a name there"
                           % kind)
    if len(argv) == 2:
        t = find_task(argv[0])
        try:
            name = to_int(gdb.parse_and_eval(argv[1]))
        except gdb.error as e:
            raise gdb.GdbError("%s is no name: %s" % (argv[1], e))
        space = task_space(t)
        if not kernel_ptr(space):
            raise gdb.GdbError("task %s has no IPC space (%s)" % (
                hexa(t), hexa(space)))
        if name is None:
            raise gdb.GdbError("%s is no name" % argv[1])
        found, why = lookup_name(space, name)
        if found is None:
            raise gdb.GdbError("task %s has no name %s%s" % (
                task_label(t), hexname(name), "" if why is None else
                " (%s)" % why))
        bits, obj = found
        if not kernel_ptr(obj):
            raise gdb.GdbError("name %s in task %s is %s (no %s)" % (
                hexname(name), task_label(t), rights(bits), kind))
        return obj, (t, name)
    try:
        a = to_int(gdb.parse_and_eval(arg))
    except gdb.error as e:
        raise gdb.GdbError("%s: %s" % (arg, e))
    if not kernel_ptr(a):
        raise gdb.GdbError("%s is %s: no kernel address" % (arg, hexa(a)))
    return a, None


def receive_rights(entries):
    """The ports of the entries holding a receive right."""
    return [obj for _, bits, obj in entries if bits & TYPE_RECEIVE]


class RvTaskrights(gdb.Command):
    """rv-taskrights TASK: every name in a task's IPC space (like XNU's
showtaskrights).

TASK is a task's address, its id, its name, or an expression giving its
address.  The header gives the space, the names in use (is_in_use) and
the table size.  Then one line per name, in table order: the name
(index << 8 | generation), the object (port or port set), the rights it
denotes (receive send send-once port-set dead-name), user references,
"dnreq" if a dead-name request is armed on it, and for a port who holds
its receive right: a task and the name there, "in transit" (with the port
its message goes to), "kernel IKOT_..." with the kernel object, or "dead";
for a port set its member count."""
    NAME = "rv-taskrights"

    def __init__(self):
        super().__init__(self.NAME, gdb.COMMAND_USER)

    @guarded
    def invoke(self, arg, from_tty):
        t = find_task(arg)
        space = task_space(t)
        tp = as_ptr(t, "struct task")
        head = "task %s id %s %s" % (hexa(t), show(geti(tp, "task_id")),
                                     task_label(t))
        if space == 0:
            print("%s: no IPC space" % head)
            return
        if not kernel_ptr(space):
            raise gdb.GdbError("%s: cannot read its space (%s)" % (
                head, hexa(space)))
        sp = as_ptr(space, "struct ipc_space")
        active = geti(sp, "is_active")
        in_use = geti(sp, "is_in_use")
        print("%s: space %s active %s, %s names in use, table %s entries, "
              "reverse hash %s" % (
                  head, hexa(space),
                  show(None if active is None else bool(active)),
                  show(in_use), show(geti(sp, "is_table_size")),
                  show(geti(sp, "is_hash_count"))))
        entries, note = space_entries(space)
        print("    %-10s %-18s %-14s %5s %-5s %s" % (
            "name", "object", "rights", "urefs", "req", "receiver"))
        for name, bits, obj in entries:
            print("    %-10s %-18s %-14s %5d %-5s %s" % (
                hexname(name), "-" if obj == 0 else hexa(obj), rights(bits),
                bits & IE_BITS_UREFS_MASK,
                "dnreq" if bits & IE_BITS_DNREQUEST else "-",
                object_label(bits, obj)))
        if note is None and in_use is not None and in_use != len(entries):
            note = "is_in_use is %d" % in_use
        print("    %d names%s" % (len(entries), "" if not note else
                                 " (%s)" % note))


def counter(name):
    return show(to_int(global_value(name)))


def names_in_use(limit=100000):
    """The names in use in every space on ipc_spaces_all (the sum of their
    is_in_use, as ipc_space_get_stats counts them), or None."""
    total, space = 0, to_int(global_value("ipc_spaces_all"))
    for _ in range(limit):
        if space == 0:
            return total
        if not kernel_ptr(space):
            return None
        sp = as_ptr(space, "struct ipc_space")
        n = geti(sp, "is_in_use")
        if n is None:
            return None
        total += n
        space = geti(sp, "is_all_next")
    return None


class RvIpcSummary(gdb.Command):
    """rv-ipc-summary: IPC per task, and the global counters.

For each task on tasks_all: address, id, name, names in use in its space
(is_in_use), ports whose receive right it holds, and the messages queued
on them.  Then the counters of kernel/ipc: ports alive (ipc_ports_alive),
messages alive (ipc_kmsgs_alive), spaces alive, names in use in every
space (the sum over ipc_spaces_all), dead-name requests."""
    NAME = "rv-ipc-summary"

    def __init__(self):
        super().__init__(self.NAME, gdb.COMMAND_USER)

    @guarded
    def invoke(self, arg, from_tty):
        tasks, note = all_tasks()
        print("%-18s %4s %-18s %6s %7s %6s" % (
            "task", "id", "name", "names", "receive", "queued"))
        for t in tasks:
            space = task_space(t)
            names, recv, queued, why = "-", "-", "-", None
            if kernel_ptr(space):
                entries, why = space_entries(space)
                ports = receive_rights(entries)
                counts = [geti(as_ptr(p, "struct ipc_port"), "ip_msgcount")
                          for p in ports]
                names = show(geti(as_ptr(space, "struct ipc_space"),
                                  "is_in_use"))
                recv = len(ports)
                queued = "?" if None in counts else sum(counts)
                if why is not None:	# a partial walk: at least that many
                    recv, queued = "%s?" % recv, "%s?" % queued
            elif space != 0:
                names = recv = queued = "?"
            print("%-18s %4s %-18s %6s %7s %6s" % (
                hexa(t), show(geti(as_ptr(t, "struct task"), "task_id")),
                task_label(t), names, recv, queued))
            if why:
                print("    (%s)" % why)
        print("%d tasks%s" % (len(tasks), "" if not note else " (%s)" % note))
        print("ports alive %s, kmsgs alive %s, spaces alive %s, names in use "
              "%s, dead-name requests %s" % (
                  counter("ipc_ports_alive"), counter("ipc_kmsgs_alive"),
                  counter("ipc_spaces_alive"), show(names_in_use()),
                  counter("ipc_dnreqs_alive")))
