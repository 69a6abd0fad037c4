"""rvgdb.vm - address spaces: rv-vmmap."""
import gdb

from .tasks import find_task
from .util import (as_ptr, container_of, cstr, get, geti, guarded, hexa,
                   kernel_ptr, rb_inorder, show)

MAX_SHADOW = 1000			# objects in one shadow chain
INHERIT = {0: "share", 1: "copy", 2: "none", 3: "donate"}


def prot(p):
    """VM_PROT_* bits as rwx, "?" if unreadable."""
    if p is None:
        return "???"
    return "".join(c if p & bit else "-"
                   for bit, c in ((1, "r"), (2, "w"), (4, "x")))


def flag(v, name):
    return "?" if v is None else (name if v else "-")


def shadow_chain(o):
    """[(address, resident)] of the objects below o, and a note or None."""
    out, seen = [], {o}
    a = geti(as_ptr(o, "struct vm_object"), "shadow")
    while a:
        if not kernel_ptr(a):
            return out, "bad shadow pointer %s" % hexa(a)
        if a in seen:
            return out, "shadow chain loops back to %#x" % a
        if len(out) >= MAX_SHADOW:
            return out, "stopped after %d objects" % MAX_SHADOW
        seen.add(a)
        so = as_ptr(a, "struct vm_object")
        out.append((a, geti(so, "resident")))
        a = geti(so, "shadow")
    if a is None:
        return out, "cannot read a shadow pointer"
    return out, None


def print_object(o):
    obj = as_ptr(o, "struct vm_object")
    size = geti(obj, "size")
    chain, note = shadow_chain(o)
    line = "        object %s refs %s size %s resident %s, shadow depth %d" % (
        hexa(o), show(geti(obj, "refs")), hexa(size),
        show(geti(obj, "resident")), len(chain))
    if chain:
        line += ": " + " -> ".join("%s (resident %s)" % (hexa(a), show(r))
                                   for a, r in chain)
    if note:
        line += " (%s)" % note
    print(line)


class RvVmmap(gdb.Command):
    """rv-vmmap TASK: the entries of a task's vm_map in address order.

TASK is a task's address, its id, its name, or an expression giving its
address.  Each entry: start-end, protection cur/max as rwx, inheritance,
needs_copy ("nc"), shared, object address and offset; then for an entry
with an object: the object's refs, size, resident pages and its shadow
chain (depth, and each object's address and resident count)."""
    NAME = "rv-vmmap"

    def __init__(self):
        super().__init__(self.NAME, gdb.COMMAND_USER)

    @guarded
    def invoke(self, arg, from_tty):
        a = find_task(arg)
        t = as_ptr(a, "struct task")
        m = geti(t, "map")
        if m == 0:
            print("task %s %s has no map" % (hexa(a), cstr(get(t, "name"))))
            return
        if not kernel_ptr(m):
            raise gdb.GdbError("task %s: cannot read its map (%s)" % (
                hexa(a), hexa(m)))
        vm = as_ptr(m, "struct vm_map")
        pm = geti(vm, "pmap")
        pmap = as_ptr(pm, "struct pmap") if kernel_ptr(pm) else None
        print("task %s id %s \"%s\": map %s, %s entries, %s bytes, pmap %s "
              "(resident %s, table pages %s, asid %s)" % (
                  hexa(a), show(geti(t, "task_id")),
                  show(cstr(get(t, "name"))), hexa(m),
                  show(geti(vm, "nentries")), hexa(geti(vm, "size")),
                  hexa(pm), show(geti(pmap, "resident")),
                  show(geti(pmap, "pt_pages")), show(geti(pmap, "asid"))))
        root = geti(vm, "entries", "root")
        if root is None:
            raise gdb.GdbError("cannot read the map's entry tree")
        nodes, note = rb_inorder(root)
        print("    %-25s %-7s %-6s %-2s %-6s %-18s %s" % (
            "start-end", "cur/max", "inh", "nc", "shared", "object",
            "offset"))
        prev_end = None
        for n in nodes:
            e = as_ptr(container_of(n, "struct vm_map_entry", "node"),
                       "struct vm_map_entry")
            start, end = geti(e, "start"), geti(e, "end")
            o = geti(e, "object")
            order = ""
            if start is not None and prev_end is not None and start < prev_end:
                order = "  (out of order)"
            prev_end = end
            print("    %-25s %s/%s %-6s %-2s %-6s %-18s %s%s" % (
                "%s-%s" % (hexa(start), hexa(end)),
                prot(geti(e, "protection")), prot(geti(e, "max_protection")),
                INHERIT.get(geti(e, "inheritance"), "?"),
                flag(geti(e, "needs_copy"), "nc"),
                flag(geti(e, "shared"), "shared"),
                "-" if o == 0 else hexa(o), hexa(geti(e, "offset")), order))
            if o:
                print_object(o)
        print("    %d entries%s" % (len(nodes), "" if not note else
                                   " (%s)" % note))
