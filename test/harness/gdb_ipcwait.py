"""test/harness/gdb_ipcwait.py - debug.gdb_commands' side of
test/user/crash_ipcwait.c (sourced after tools/gdb/rvmach.py).

    ipcwait-break            stop once the program's three threads wait
    ipcwait-vars CONSOLE     $task, and $n_ROLE / $p_ROLE for each port

ipcwait-break puts a hardware breakpoint on thread_block (set at
kernel_main, before gdb can write kernel text) that stops only when the
task has three threads: two on a receiver queue (ith_waitq set) and one
asserted on a port's &ip_msgcount with ip_send_waiters 1.  The last of
them to block gets there with its wait already recorded, so the stop
comes before it has left the hart, but after every wait is in place.

ipcwait-vars reads the line the program printed (each role's name) from
the console file, and gets each name's object address with a plain C
expression on the space's table, independent of rvgdb, so the test can
compare `rv-port ADDRESS` and `rv-port TASK NAME`.
"""
import re

import gdb

from rvgdb.tasks import all_tasks, task_threads
from rvgdb.util import as_ptr, cstr, field_offset, get, geti

TASK = "crash_ipcwait"
PER_PAGE = "(4096 / sizeof(struct ipc_entry))"


def the_task():
    tasks, _ = all_tasks()
    for a in tasks:
        if cstr(get(as_ptr(a, "struct task"), "name")) == TASK:
            return a
    return None


def all_waiting(t):
    threads, note = task_threads(t)
    if note is not None or len(threads) != 3:
        return False
    off = field_offset("struct ipc_port", "ip_msgcount")
    receivers = senders = 0
    for th in threads:
        p = as_ptr(th, "struct thread")
        ev = geti(p, "wait_event")
        if geti(p, "ith", "ith_waitq"):
            receivers += 1
        elif ev and geti(as_ptr(ev - off, "struct ipc_port"),
                         "ip_send_waiters") == 1:
            senders += 1
    return receivers == 2 and senders == 1


class IpcWaitStop(gdb.Breakpoint):
    def stop(self):
        t = the_task()
        return t is not None and all_waiting(t)


class IpcWaitBreak(gdb.Command):
    """ipcwait-break: stop when crash_ipcwait's three threads wait."""

    def __init__(self):
        super().__init__("ipcwait-break", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        IpcWaitStop("thread_block", type=gdb.BP_HARDWARE_BREAKPOINT,
                    internal=True)


class IpcWaitVars(gdb.Command):
    """ipcwait-vars CONSOLE: $task, $n_ROLE and $p_ROLE from the console."""

    def __init__(self):
        super().__init__("ipcwait-vars", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        t = the_task()
        if t is None:
            raise gdb.GdbError("ipcwait-vars: no task %s" % TASK)
        gdb.set_convenience_variable("task", gdb.Value(t).cast(
            gdb.lookup_type("struct task").pointer()))
        with open(arg.strip(), errors="replace") as f:
            m = re.search(r"^crash_ipcwait: (self .*)$", f.read(), re.M)
        if m is None:
            raise gdb.GdbError("ipcwait-vars: no names on the console")
        words = m.group(1).split()
        for role, name in zip(words[::2], words[1::2]):
            n = int(name, 16)
            gdb.set_convenience_variable("n_" + role, n)
            i = n >> 8
            e = "$task->itk_space->is_dir[%d / %s][%d %% %s].ie_object" % (
                i, PER_PAGE, i, PER_PAGE)
            obj = gdb.parse_and_eval(e)
            kind = "struct ipc_pset" if role == "set" else "struct ipc_port"
            if int(obj):
                gdb.set_convenience_variable("p_" + role, obj.cast(
                    gdb.lookup_type(kind).pointer()))
            print("ipcwait: %s name %#x object %#x" % (role, n, int(obj)))


IpcWaitBreak()
IpcWaitVars()
