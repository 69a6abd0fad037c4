"""rvmach gdb commands, in the spirit of XNU's lldbmacros.

    (gdb) source tools/gdb/rvmach.py     (make debug does this)
    (gdb) help user-defined              rv-harts rv-threads rv-tasks rv-vmmap
                                         rv-taskrights rv-port rv-pset
                                         rv-ipc-summary

The commands live in the rvgdb package beside this file; see
docs/debugging.md.
"""
import os
import sys

import gdb

_here = os.path.dirname(os.path.abspath(__file__))
if _here not in sys.path:
    sys.path.insert(0, _here)

import rvgdb				# noqa: E402 (needs the path above)

rvgdb.register()
print("rvmach: gdb commands rv-harts, rv-threads, rv-tasks, rv-vmmap, "
      "rv-taskrights, rv-port, rv-pset, rv-ipc-summary (help rv-harts ...)")
