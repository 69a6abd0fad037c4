#!/usr/bin/env python3
"""iprof.py - where the instructions of a benchmark go, function by function.

Boots the bench kernel with one benchmark selected (bench=NAME) under
`qemu -icount shift=0 -singlestep -d exec,nochain`, so QEMU logs the PC of
every instruction the guest retires, and counts them per function of the
kernel and of the user programs given with --user.  Divided by --ops (the
benchmark's iteration count) the figures are instructions per operation;
the boot, the program's start and its warm-up are in them too, a few
percent at most for the IPC benchmarks.

    tools/iprof.py --select ipc.rpc_roundtrip --ops 10000 \\
        --user build/user/root/test/bench_ipc

It runs about 500,000 guest instructions a second; nothing in `make test`
runs it.  docs/ktest.md, "Benchmarks", says how it is used.
"""
import argparse
import bisect
import collections
import os
import subprocess
import sys
import tempfile


def symbols(elf, prefix):
    out = subprocess.run(["nm", "-n", "--defined-only", elf],
                         capture_output=True, text=True, check=True).stdout
    syms = []
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[1] in "tTwW":
            syms.append((int(parts[0], 16), prefix + parts[2]))
    return syms


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--image", default="build/bench/Image")
    ap.add_argument("--elf", default="build/bench/kernel.elf")
    ap.add_argument("--initrd", default="build/user/initrd.cpio")
    ap.add_argument("--user", action="append", default=[],
                    help="user ELF whose functions are named (user:NAME)")
    ap.add_argument("--select", required=True, help="bench= selection")
    ap.add_argument("--ops", type=float, default=1.0)
    ap.add_argument("--smp", default="1")
    ap.add_argument("--top", type=int, default=70)
    ap.add_argument("--save", help="write the per-PC counts here")
    ap.add_argument("--timeout", type=int, default=1800)
    args = ap.parse_args()

    syms = symbols(args.elf, "")
    for u in args.user:
        syms += symbols(u, "user:")
    syms.sort()
    addrs = [a for a, _ in syms]

    tmp = tempfile.mkdtemp(prefix="iprof.")
    fifo = os.path.join(tmp, "log")
    os.mkfifo(fifo)
    qemu = subprocess.Popen(
        ["timeout", str(args.timeout),
         "qemu-system-riscv64", "-M", "virt", "-smp", args.smp, "-m", "512M",
         "-nographic", "-no-reboot", "-icount", "shift=0", "-bios", "default",
         "-kernel", args.image, "-initrd", args.initrd,
         "-append", "bench=" + args.select,
         "-singlestep", "-d", "exec,nochain", "-D", fifo],
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL)
    pcs = collections.Counter()
    with open(fifo) as f:
        for line in f:
            # Trace 0: 0xHOST [ffffffff/PC/flags/...]
            if not line.startswith("Trace"):
                continue
            i = line.find("[")
            j = line.find("/", i)
            pcs[line[j + 1:line.find("/", j + 1)]] += 1
    out = qemu.communicate()[0].decode("utf-8", "replace")
    if args.save:
        with open(args.save, "w") as f:
            for pc_hex, c in pcs.items():
                f.write("%s %d\n" % (pc_hex, c))
    os.unlink(fifo)
    os.rmdir(tmp)
    for line in out.splitlines():
        if line.startswith("BENCH"):
            print(line)

    funcs = collections.Counter()
    total = 0
    for pc_hex, c in pcs.items():
        pc = int(pc_hex, 16)
        i = bisect.bisect_right(addrs, pc) - 1
        if pc >= 0xffffffff00000000:
            name = syms[i][1] if i >= 0 else "kernel:?"
        elif pc < 0x80000000 and i >= 0 and syms[i][1].startswith("user:"):
            name = syms[i][1]
        elif 0x80000000 <= pc < 0x80200000:
            name = "opensbi"
        else:
            name = "?"
        funcs[name] += c
        total += c
    kernel = sum(c for n, c in funcs.items()
                 if not n.startswith("user:") and n not in ("opensbi", "?"))
    print("iprof: %d instructions, %.1f per op (kernel %.1f) over %g ops" %
          (total, total / args.ops, kernel / args.ops, args.ops))
    for name, c in funcs.most_common(args.top):
        print("%9.1f  %s" % (c / args.ops, name))


if __name__ == "__main__":
    main()
