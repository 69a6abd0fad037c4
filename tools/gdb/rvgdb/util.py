"""rvgdb.util - reading kernel memory that may be stale, NULL or garbage.

Every helper returns None (printed as "?") instead of raising when memory
cannot be read or a value makes no sense; list and tree walks are bounded
and stop at a loop, so a corrupt structure ends a listing early with a
note instead of hanging gdb or printing a traceback.
"""
import functools
import traceback

import gdb

KERNEL_MIN = 0xffffffc000000000		# Sv39: the upper half is the kernel's
MAX_WALK = 100000			# steps of any one list or tree walk
READ_ERRORS = (gdb.error, RuntimeError, ValueError, TypeError,
               OverflowError, KeyError, IndexError, AttributeError)

_types = {}


def _forget_types(_event=None):
    _types.clear()


gdb.events.new_objfile.connect(_forget_types)


def lookup_type(name):
    """gdb.Type for name (e.g. "struct thread"), or None; cached per objfile."""
    t = _types.get(name)
    if t is None:
        try:
            t = gdb.lookup_type(name)
        except READ_ERRORS:
            return None
        _types[name] = t
    return t


def global_value(name):
    """The value of a global or file-static variable, or None."""
    for look in (gdb.lookup_global_symbol, gdb.lookup_static_symbol):
        try:
            sym = look(name)
            if sym is not None:
                return sym.value()
        except READ_ERRORS:
            pass
    try:
        return gdb.parse_and_eval(name)
    except READ_ERRORS:
        return None


def to_int(v):
    """v (a gdb.Value of integer, bool, enum or pointer type) as an int, or None."""
    if v is None:
        return None
    try:
        if v.type.strip_typedefs().code == gdb.TYPE_CODE_PTR:
            v = v.cast(lookup_type("unsigned long"))
        return int(v)
    except READ_ERRORS:
        return None


def get(v, *path):
    """v.path[0].path[1]... (pointers followed), fetched; None if unreadable."""
    if v is None:
        return None
    try:
        for name in path:
            if v.type.strip_typedefs().code == gdb.TYPE_CODE_PTR:
                if not kernel_ptr(to_int(v)):
                    return None
                v = v.dereference()
            v = v[name]
        v.fetch_lazy()
        return v
    except READ_ERRORS:
        return None


def geti(v, *path):
    """get() as an int, or None."""
    return to_int(get(v, *path))


def kernel_ptr(a):
    """a is an int that could be a kernel pointer (not NULL, upper half)."""
    return isinstance(a, int) and KERNEL_MIN <= a <= 0xffffffffffffffff


def as_ptr(a, typename):
    """A gdb.Value of type typename * at address a, or None."""
    t = lookup_type(typename)
    if t is None or a is None:
        return None
    try:
        return gdb.Value(a).cast(t.pointer())
    except READ_ERRORS:
        return None


def container_of(node_addr, typename, member):
    """The address of the typename holding member at node_addr, or None."""
    off = field_offset(typename, member)
    if off is None or node_addr is None:
        return None
    return node_addr - off


def cstr(v, maxlen=64):
    """A NUL-terminated string from a char array or char pointer, or None."""
    if v is None:
        return None
    try:
        t = v.type.strip_typedefs()
        if t.code == gdb.TYPE_CODE_ARRAY:
            addr = to_int(v.address)
            n = min(t.sizeof, maxlen)
        else:
            addr = to_int(v)
            n = maxlen
        if not kernel_ptr(addr):
            return None
        raw = _read_upto(addr, n)
    except READ_ERRORS:
        return None
    if raw is None:
        return None
    raw = raw.split(b"\0", 1)[0]
    return "".join(chr(b) if 0x20 <= b < 0x7f else "?" for b in raw)


def _read_upto(addr, n):
    """n bytes at addr, or as many as can be read before a bad page."""
    inf = gdb.selected_inferior()
    try:
        return bytes(inf.read_memory(addr, n))
    except READ_ERRORS:
        pass
    first = min(n, 4096 - addr % 4096)
    try:
        return bytes(inf.read_memory(addr, first))
    except READ_ERRORS:
        return None


def read_bytes(addr, n):
    """Exactly n bytes of kernel memory at addr, or None."""
    if not kernel_ptr(addr) or n < 0:
        return None
    try:
        return bytes(gdb.selected_inferior().read_memory(addr, n))
    except READ_ERRORS:
        return None


def field_offset(typename, member):
    """The byte offset of member in typename, or None."""
    t = lookup_type(typename)
    if t is None:
        return None
    for f in t.strip_typedefs().fields():
        if f.name == member:
            return f.bitpos // 8
    return None


def walk(head, next_field, typename, limit=MAX_WALK):
    """Follow a NULL-terminated list from head (an address) through
    next_field of typename (a field name, or a tuple of them for a field
    of a member, e.g. ("ith", "ith_next")).  Returns (addresses, note);
    note is None, or why the walk stopped early (a bad pointer, a loop,
    the step limit)."""
    path = next_field if isinstance(next_field, tuple) else (next_field,)
    out, seen = [], set()
    a = head
    while a:
        if not kernel_ptr(a):
            return out, "list ends at a bad pointer %#x" % a
        if a in seen:
            return out, "list loops back to %#x" % a
        if len(out) >= limit:
            return out, "stopped after %d entries" % limit
        seen.add(a)
        out.append(a)
        nxt = geti(as_ptr(a, typename), *path)
        if nxt is None:
            return out, "cannot read %s at %#x" % (".".join(path), a)
        a = nxt
    return out, None


def rb_inorder(root, limit=MAX_WALK):
    """The node addresses of an intrusive rb tree (struct rb_node, root an
    address) in order, by left/right links.  Returns (addresses, note)."""
    out, seen, stack = [], set(), []
    cur, steps = root, 0
    while cur or stack:
        while cur:
            steps += 1
            if steps > limit:
                return out, "stopped after %d steps" % limit
            if not kernel_ptr(cur):
                return out, "tree has a bad pointer %#x" % cur
            if cur in seen:
                return out, "tree loops back to %#x" % cur
            seen.add(cur)
            stack.append(cur)
            cur = geti(as_ptr(cur, "struct rb_node"), "left")
            if cur is None:
                return out, "cannot read a node at %#x" % stack[-1]
        cur = stack.pop()
        out.append(cur)
        cur = geti(as_ptr(cur, "struct rb_node"), "right")
        if cur is None:
            return out, "cannot read a node at %#x" % out[-1]
    return out, None


def symbol(a):
    """"name+off" for a kernel address gdb has a symbol for, else None."""
    if not kernel_ptr(a):
        return None
    try:
        s = gdb.execute("info symbol %#x" % a, to_string=True).strip()
    except READ_ERRORS:
        return None
    if not s or s.startswith("No symbol"):
        return None
    s = s.split(" in section ", 1)[0]
    return s.replace(" + ", "+")


def hexa(a):
    """An address in hex, or "?"."""
    return "?" if a is None else "%#x" % a


def show(x):
    """A number, string or bool for a table cell, or "?"."""
    if x is None:
        return "?"
    if isinstance(x, bool):
        return "yes" if x else "no"
    return str(x)


def quoted(s):
    return "?" if s is None else '"%s"' % s


def guarded(invoke):
    """Wrap a gdb.Command.invoke: gdb errors stay gdb errors; anything
    else is a bug in these scripts, reported on one line with where it was,
    never a traceback."""
    @functools.wraps(invoke)
    def run(self, arg, from_tty):
        try:
            return invoke(self, arg, from_tty)
        except gdb.GdbError:
            raise
        except KeyboardInterrupt:
            raise gdb.GdbError("interrupted")
        except Exception as e:		# the last resort: see above
            tb = traceback.extract_tb(e.__traceback__)[-1]
            raise gdb.GdbError("%s: internal error: %s: %s (%s:%d)" % (
                getattr(self, "NAME", "rvmach"), type(e).__name__, e, tb.filename, tb.lineno))
    return run


def index(v, i):
    """v[i] for an array value, or None."""
    if v is None:
        return None
    try:
        return v[i]
    except READ_ERRORS:
        return None
