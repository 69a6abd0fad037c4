"""rvgdb.sched - harts and threads: rv-harts, rv-threads."""
import gdb

from .util import (READ_ERRORS, as_ptr, cstr, get, geti, global_value,
                   guarded, hexa, index, kernel_ptr, quoted, show, symbol,
                   lookup_type, to_int, walk)

# kernel/sched/sched.h
TH_BITS = ((0x04, "RUN"), (0x01, "WAIT"), (0x02, "SUSP"), (0x10, "IDLE"),
           (0x20, "TERMINATE"), (0x40, "WAIT_ANON"))
MAX_CPUS = 64


def thread_state(s):
    """TH_* bits as RUN|WAIT..., unknown bits in hex; "?" if unreadable."""
    if s is None:
        return "?"
    names = [n for bit, n in TH_BITS if s & bit]
    rest = s & ~sum(bit for bit, _ in TH_BITS)
    if rest:
        names.append("%#x" % rest)
    return "|".join(names) if names else "-"


def thread_name(a):
    return cstr(get(as_ptr(a, "struct thread"), "name"))


def task_name(a):
    return cstr(get(as_ptr(a, "struct task"), "name"))


def cpu_count():
    """(ncpus bounded by the cpus[] array, note or None)."""
    n = to_int(global_value("ncpus"))
    cpus = global_value("cpus")
    size = MAX_CPUS
    try:
        size = cpus.type.strip_typedefs().range()[1] + 1
    except READ_ERRORS:
        pass
    if n is None:
        return 0, "cannot read ncpus"
    if n < 0 or n > size:
        return min(max(n, 0), size), "ncpus is %d, cpus[] has %d" % (n, size)
    return n, None


def cpu_at(i):
    return index(global_value("cpus"), i)


def running_threads():
    """{thread address: cpu index} for cpus[i].thread."""
    n, _ = cpu_count()
    out = {}
    for i in range(n):
        a = geti(cpu_at(i), "thread")
        if kernel_ptr(a):
            out[a] = i
    return out


def all_threads():
    head = to_int(global_value("threads_all"))
    if head is None:
        return [], "cannot read threads_all"
    return walk(head, "all_next", "struct thread")


def hart_pcs():
    """{hart id: pc} from gdb's threads (QEMU: one per hart, tid hart+1)."""
    out = {}
    try:
        orig = gdb.selected_thread()
        frame = gdb.selected_frame()
        threads = gdb.selected_inferior().threads()
    except READ_ERRORS:
        return out
    try:
        for th in threads:
            try:
                th.switch()
                out[th.ptid[1] - 1] = gdb.newest_frame().pc()
            except READ_ERRORS:
                pass
    finally:
        try:
            orig.switch()
            frame.select()
        except READ_ERRORS:
            pass
    return out


def field_at(typename, off):
    """The name of typename's field holding byte off, or None."""
    t = lookup_type(typename)
    if t is None:
        return None
    for f in t.strip_typedefs().fields():
        start = f.bitpos // 8
        if f.name and start <= off < start + f.type.sizeof:
            return f.name
    return None


def wait_event(ev, state, threads):
    """A wait event for rv-threads: a symbol, or which thread's field it
    is (a sleep waits on the thread's own wait_timer), or just hex."""
    if ev is None:
        return "?"
    if ev == 0:
        return "anon" if state is not None and state & 0x40 else "-"
    sym = symbol(ev)
    if sym is not None:
        return "%#x %s" % (ev, sym)
    t = lookup_type("struct thread")
    size = t.sizeof if t is not None else 0
    for a in threads:
        if a <= ev < a + size:
            return "%#x &%s(%#x)->%s" % (ev, quoted(thread_name(a)), a,
                                        field_at("struct thread", ev - a))
    return "%#x" % ev


class RvHarts(gdb.Command):
    """rv-harts: every hart in cpus[0..ncpus-1].

Columns: cpu index, hart id (from the DTB), online, the running thread
(address and name; "idle" marks the hart's idle thread), the interrupt
disable depth (intr_push nesting), the number of threads on the hart's run
queue, and where gdb has that hart stopped (pc, symbolized)."""
    NAME = "rv-harts"

    def __init__(self):
        super().__init__(self.NAME, gdb.COMMAND_USER)

    @guarded
    def invoke(self, arg, from_tty):
        n, note = cpu_count()
        runqs = global_value("runqs")
        scpus = global_value("sched_cpus")
        pcs = hart_pcs()
        print("%-3s %-4s %-6s %-18s %-16s %4s %4s  %s" % (
            "cpu", "hart", "online", "thread", "name", "intr", "runq", "pc"))
        for i in range(n):
            c = cpu_at(i)
            hart = geti(c, "hartid")
            t = geti(c, "thread")
            name = quoted(thread_name(t)) if kernel_ptr(t) else "-"
            idle = geti(index(scpus, i), "idle")
            if kernel_ptr(t) and t == idle:
                name += " idle"
            rq = geti(index(runqs, i), "count")
            pc = pcs.get(hart)
            where = "-" if pc is None else "%#x %s" % (pc, symbol(pc) or "")
            online = geti(c, "online")
            print("%-3s %-4s %-6s %-18s %-16s %4s %4s  %s" % (
                show(geti(c, "id")), show(hart),
                show(None if online is None else bool(online)),
                hexa(t), name, show(geti(c, "intr_depth")), show(rq),
                where.rstrip()))
        if note:
            print("(%s)" % note)


class RvThreads(gdb.Command):
    """rv-threads: every thread on threads_all, newest first.

Columns: address, name, state (TH_* bits: RUN WAIT SUSP IDLE TERMINATE
WAIT_ANON), priority (-1: idle), the hart it last ran on ("*" if it runs
there now), its task's name ("kernel" for a kernel thread), and the event
it waits on (symbolized when gdb has a symbol for it, or named as a field
of a thread, e.g. a sleep's own wait_timer; "anon" for a wait on no
event)."""
    NAME = "rv-threads"

    def __init__(self):
        super().__init__(self.NAME, gdb.COMMAND_USER)

    @guarded
    def invoke(self, arg, from_tty):
        threads, note = all_threads()
        running = running_threads()
        print("%-18s %-16s %-14s %4s %4s %-12s %s" % (
            "thread", "name", "state", "pri", "cpu", "task", "wait"))
        for a in threads:
            t = as_ptr(a, "struct thread")
            state = geti(t, "state")
            cpu = show(geti(t, "last_cpu"))
            if a in running:
                cpu = "%d*" % running[a]
            task = geti(t, "task")
            tname = "kernel" if task == 0 else (task_name(task) or "?")
            wait = wait_event(geti(t, "wait_event"), state, threads)
            print("%-18s %-16s %-14s %4s %4s %-12s %s" % (
                hexa(a), quoted(thread_name(a)), thread_state(state),
                show(geti(t, "pri")), cpu, tname, wait.rstrip()))
        print("%d threads%s" % (len(threads), "" if not note else
                                " (%s)" % note))
