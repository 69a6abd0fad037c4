"""rvgdb - gdb commands for rvmach kernels (tools/gdb/rvmach.py loads them).

Commands: rv-harts, rv-threads, rv-tasks, rv-vmmap, rv-taskrights, rv-port,
rv-pset, rv-ipc-summary; `help user-defined` lists them, `help rv-harts`
explains one."""
import importlib

from . import util, sched, tasks, vm, ipc, ports

MODULES = (util, sched, tasks, vm, ipc, ports)


def register():
    """(Re)load the modules, so that sourcing rvmach.py again picks up
    edits, and create the commands (a new command replaces the old)."""
    for m in MODULES:
        importlib.reload(m)
    from . import sched as s, tasks as t, vm as v, ipc as i, ports as p
    return [s.RvHarts(), s.RvThreads(), t.RvTasks(), v.RvVmmap(),
            i.RvTaskrights(), p.RvPort(), p.RvPset(), i.RvIpcSummary()]
