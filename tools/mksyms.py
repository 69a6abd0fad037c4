#!/usr/bin/env python3
"""mksyms.py NM ELF OUT.S - the kernel symbol table for backtraces.

Reads the text symbols of the first-stage kernel ELF with NM and writes an
assembly file defining ksyms_count, ksyms_addrs, ksyms_name_offs and
ksyms_names in section .ksyms.  With no ELF ("-") it writes an empty table.
"""
import subprocess
import sys


def text_symbols(nm, elf):
    out = subprocess.run([nm, "-n", elf], check=True, capture_output=True,
                         text=True).stdout
    syms, etext = [], None
    for line in out.splitlines():
        parts = line.split()
        if len(parts) != 3:
            continue
        addr, kind, name = int(parts[0], 16), parts[1], parts[2]
        if name == "_etext":
            etext = addr
        if kind in "tTwW" and not name.startswith(".L") and "$" not in name:
            syms.append((addr, name))
    syms = sorted(set(syms))
    # one name per address: prefer global names (listed last by sort order)
    dedup = {}
    for addr, name in syms:
        dedup.setdefault(addr, name)
    syms = sorted(dedup.items())
    if etext is not None:
        syms = [s for s in syms if s[0] < etext] + [(etext, "_etext")]
    return syms


def main():
    nm, elf, out = sys.argv[1:4]
    syms = [] if elf == "-" else text_symbols(nm, elf)
    lines = ['\t.section .ksyms, "a"', "\t.balign 8",
             "\t.globl ksyms_count", "ksyms_count:", "\t.quad %d" % len(syms),
             "\t.globl ksyms_addrs", "ksyms_addrs:"]
    lines += ["\t.quad 0x%x" % a for a, _ in syms]
    lines += ["\t.globl ksyms_name_offs", "ksyms_name_offs:"]
    off = 0
    for _, name in syms:
        lines.append("\t.word %d" % off)
        off += len(name) + 1
    lines += ["\t.globl ksyms_names", "ksyms_names:"]
    lines += ['\t.asciz "%s"' % name for _, name in syms]
    lines.append("\t.byte 0")
    with open(out, "w") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
