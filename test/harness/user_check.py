#!/usr/bin/env python3
"""user_check.py - host checks of the user build (docs/sdk.md).

  user_check.py elf --readelf READELF FILE...
      Every FILE is a program the rvmach loader accepts (docs/abi.md,
      "Executables"): ELF64 ET_EXEC for EM_RISCV with the double-float
      ABI, entry >= VM_MIN_ADDRESS, no PT_INTERP or PT_DYNAMIC, every
      PT_LOAD inside [VM_MIN_ADDRESS, VM_MAX_ADDRESS), none both writable
      and executable, p_offset == p_vaddr mod 4096.
  user_check.py initrd --cpio CPIO ARCHIVE NAME...
      `cpio -it` lists every NAME in the newc ARCHIVE.
  user_check.py calls --nm NM --lib LIB... HEADER...
      Every function a HEADER declares (not static inline) is defined in
      one of the LIBs: code written against XNU's <mach/*.h> links.
"""
import argparse
import re
import subprocess
import sys

VM_MIN_ADDRESS = 0x10000
VM_MAX_ADDRESS = 0x4000000000
PAGE = 4096

PHDR = re.compile(r"^\s+(\S+)\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)"
                  r"\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)\s+([RWE ]+?)\s+0x([0-9a-f]+)$")


def readelf(tool, opt, path):
    return subprocess.run([tool, opt, "-W", path], check=True,
                          capture_output=True, text=True).stdout


def header_field(text, name):
    m = re.search(r"^\s*%s:\s*(.*)$" % re.escape(name), text, re.M)
    return m.group(1).strip() if m else ""


def check_elf(tool, path):
    """A list of what is wrong with path (empty: acceptable)."""
    errs = []
    try:
        hdr = readelf(tool, "-h", path)
        phdrs = readelf(tool, "-l", path)
    except (OSError, subprocess.CalledProcessError) as e:
        return ["readelf failed: %s" % e]
    if header_field(hdr, "Class") != "ELF64":
        errs.append("class %s, not ELF64" % header_field(hdr, "Class"))
    if not header_field(hdr, "Type").startswith("EXEC"):
        errs.append("type %s, not ET_EXEC" % header_field(hdr, "Type"))
    if header_field(hdr, "Machine") != "RISC-V":
        errs.append("machine %s, not EM_RISCV" % header_field(hdr, "Machine"))
    if "double-float ABI" not in header_field(hdr, "Flags"):
        errs.append("flags %s: not the lp64d ABI" % header_field(hdr, "Flags"))
    entry = int(header_field(hdr, "Entry point address") or "0", 16)
    if entry < VM_MIN_ADDRESS:
        errs.append("entry %#x below VM_MIN_ADDRESS" % entry)
    loads = 0
    for line in phdrs.splitlines():
        m = PHDR.match(line)
        if not m:
            continue
        kind, off, vaddr, _, filesz, memsz, flags, _ = m.groups()
        off, vaddr = int(off, 16), int(vaddr, 16)
        filesz, memsz = int(filesz, 16), int(memsz, 16)
        if kind in ("INTERP", "DYNAMIC"):
            errs.append("has PT_%s" % kind)
        if kind != "LOAD":
            continue
        loads += 1
        where = "PT_LOAD at %#x" % vaddr
        if "W" in flags and "E" in flags:
            errs.append("%s is writable and executable (%s)" % (where, flags))
        if off % PAGE != vaddr % PAGE:
            errs.append("%s: p_offset %#x not congruent mod %d" % (where, off, PAGE))
        if vaddr < VM_MIN_ADDRESS or vaddr + memsz > VM_MAX_ADDRESS:
            errs.append("%s + %#x outside the user address space" % (where, memsz))
        if filesz > memsz:
            errs.append("%s: filesz %#x > memsz %#x" % (where, filesz, memsz))
    if loads == 0:
        errs.append("no PT_LOAD")
    return errs


def elf(args):
    bad = 0
    for path in args.files:
        errs = check_elf(args.readelf, path)
        print("%s: %s" % (path, "ok" if not errs else "; ".join(errs)))
        bad += bool(errs)
    return 1 if bad else 0


def initrd(args):
    try:
        with open(args.archive, "rb") as f:
            out = subprocess.run([args.cpio, "-it", "--quiet"], stdin=f,
                                 check=True, capture_output=True, text=True).stdout
    except (OSError, subprocess.CalledProcessError) as e:
        print("%s: cannot list: %s" % (args.archive, e))
        return 1
    names = set(out.split())
    print("%s: %s" % (args.archive, " ".join(sorted(names))))
    missing = [n for n in args.names if n not in names]
    if missing:
        print("missing: %s" % " ".join(missing))
        return 1
    return 0


# a declaration at the start of a line: a return type, the name, "("
DECL = re.compile(r"^(?:extern\s+)?(?:const\s+)?[a-z_][a-z0-9_]*(?:\s+|\s*\*+\s*)"
                  r"\**([a-z_][a-z0-9_]*)\s*\(", re.M)
NOT_DECL = ("static", "typedef", "return", "if", "while", "for", "else", "do")


def declared(path):
    """The functions path declares (the names at a line's start)."""
    text = re.sub(r"/\*.*?\*/", "", open(path).read(), flags=re.S)
    names = set()
    for m in DECL.finditer(text):
        first = m.group(0).split()[0]
        if first in NOT_DECL or m.group(1) in NOT_DECL:
            continue
        names.add(m.group(1))
    return names


def calls(args):
    defined = set()
    for lib in args.lib:
        try:
            out = subprocess.run([args.nm, "--defined-only", lib], check=True,
                                 capture_output=True, text=True).stdout
        except (OSError, subprocess.CalledProcessError) as e:
            print("%s: cannot list: %s" % (lib, e))
            return 1
        for line in out.splitlines():
            f = line.split()
            if len(f) == 3 and f[1] in "TW":
                defined.add(f[2])
    bad = 0
    for h in args.headers:
        missing = sorted(declared(h) - defined)
        print("%s: %s" % (h, "ok" if not missing else
                          "declared, not defined: " + " ".join(missing)))
        bad += bool(missing)
    return 1 if bad else 0


def main():
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    e = sub.add_parser("elf")
    e.add_argument("--readelf", default="riscv64-unknown-elf-readelf")
    e.add_argument("files", nargs="+")
    i = sub.add_parser("initrd")
    i.add_argument("--cpio", default="cpio")
    i.add_argument("archive")
    i.add_argument("names", nargs="+")
    c = sub.add_parser("calls")
    c.add_argument("--nm", default="riscv64-unknown-elf-nm")
    c.add_argument("--lib", action="append", required=True)
    c.add_argument("headers", nargs="+")
    args = ap.parse_args()
    return {"elf": elf, "initrd": initrd, "calls": calls}[args.cmd](args)


if __name__ == "__main__":
    sys.exit(main())
