"""rvgdb - gdb commands for rvmach kernels (tools/gdb/rvmach.py loads them).

Commands: rv-harts, rv-threads, rv-tasks, rv-vmmap; `help user-defined`
lists them, `help rv-harts` explains one."""
import importlib

from . import util, sched, tasks, vm

MODULES = (util, sched, tasks, vm)


def register():
    """(Re)load the modules, so that sourcing rvmach.py again picks up
    edits, and create the commands (a new command replaces the old)."""
    for m in MODULES:
        importlib.reload(m)
    from . import sched as s, tasks as t, vm as v
    return [s.RvHarts(), s.RvThreads(), t.RvTasks(), v.RvVmmap()]
