"""rvgdb.tasks - Mach tasks: rv-tasks, and finding a task by address, id or name."""
import gdb

from .sched import thread_name, thread_state
from .util import (as_ptr, cstr, get, geti, global_value, guarded, hexa,
                   kernel_ptr, lookup_type, quoted, show, to_int, walk)

PAGE_SIZE = 4096


def all_tasks():
    head = to_int(global_value("tasks_all"))
    if head is None:
        return [], "cannot read tasks_all"
    return walk(head, "all_next", "struct task")


def task_threads(a):
    """The task's threads (task->threads through task_next)."""
    head = geti(as_ptr(a, "struct task"), "threads")
    if head is None:
        return [], "cannot read the thread list"
    return walk(head, "task_next", "struct thread")


def task_pmap(a):
    """The address of the task's struct pmap (opaque outside
    arch/riscv/pmap_user.c; the debug info has it), or None."""
    m = geti(as_ptr(a, "struct task"), "map")
    if not kernel_ptr(m):
        return None
    return geti(as_ptr(m, "struct vm_map"), "pmap")


def find_task(arg):
    """A task address for arg: a name on tasks_all, a task id, a task
    address, or any gdb expression giving one.  Raises gdb.GdbError."""
    arg = arg.strip()
    if not arg:
        raise gdb.GdbError("a task: its address, id or name")
    if lookup_type("struct task") is None:
        raise gdb.GdbError("no struct task in the debug info")
    tasks, _ = all_tasks()
    by_name = [a for a in tasks
               if cstr(get(as_ptr(a, "struct task"), "name")) == arg]
    if by_name:
        if len(by_name) > 1:
            print("(%d tasks are named %s: the newest)" % (len(by_name), arg))
        return by_name[0]
    try:
        n = int(arg, 0)
    except ValueError:
        try:
            n = to_int(gdb.parse_and_eval(arg))
        except gdb.error as e:
            raise gdb.GdbError("no task named %s, and %s" % (arg, e))
        if n is None:
            raise gdb.GdbError("%s is no address" % arg)
        if not kernel_ptr(n):
            raise gdb.GdbError("%s is %#x: no kernel address" % (arg, n))
    if not kernel_ptr(n):
        for a in tasks:
            if geti(as_ptr(a, "struct task"), "task_id") == n:
                return a
        raise gdb.GdbError("no task with id %d (and %#x is no kernel "
                           "address)" % (n, n))
    if n not in tasks:
        print("(%#x is not on tasks_all)" % n)
    return n


class RvTasks(gdb.Command):
    """rv-tasks: every task on tasks_all, newest first.

For each: address, task id, name, active (false once task_terminate
began), thread count, suspend count, resident pages (leaf mappings in the
map's pmap), virtual size (bytes covered by map entries), then one line per
thread: address, name, state."""
    NAME = "rv-tasks"

    def __init__(self):
        super().__init__(self.NAME, gdb.COMMAND_USER)

    @guarded
    def invoke(self, arg, from_tty):
        tasks, note = all_tasks()
        for a in tasks:
            t = as_ptr(a, "struct task")
            m = geti(t, "map")
            pm = task_pmap(a)
            resident = geti(as_ptr(pm, "struct pmap"), "resident") \
                if kernel_ptr(pm) else None
            vsize = geti(as_ptr(m, "struct vm_map"), "size") \
                if kernel_ptr(m) else None
            if m == 0:
                mem = "no map"
            else:
                mem = "resident %s pages, virtual %s" % (
                    show(resident), "?" if vsize is None else
                    "%d KiB" % (vsize // 1024))
            active = geti(t, "active")
            print("task %s id %s %s active %s threads %s suspend %s %s" % (
                hexa(a), show(geti(t, "task_id")),
                quoted(cstr(get(t, "name"))),
                show(None if active is None else bool(active)),
                show(geti(t, "thread_count")),
                show(geti(t, "suspend_count")), mem))
            threads, tnote = task_threads(a)
            for th in threads:
                print("    thread %s %-16s %s" % (
                    hexa(th), quoted(thread_name(th)),
                    thread_state(geti(as_ptr(th, "struct thread"),
                                      "state"))))
            if tnote:
                print("    (%s)" % tnote)
        print("%d tasks%s" % (len(tasks), "" if not note else " (%s)" % note))
