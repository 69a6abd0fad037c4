#!/usr/bin/env python3
"""bench.py --image IMAGE --out FILE.jsonl - run the kernel benchmarks.

Boots IMAGE under `qemu -icount shift=0` (one guest instruction is one ns of
virtual time, and rdinstret counts retired instructions exactly), with
bench=SELECTION on the command line, reads the "BENCH name ipo iterations"
lines, prints a table and writes one JSON object per benchmark to OUT.
"""
import argparse
import json
import re
import subprocess
import sys


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--image", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--select", default="all")
    ap.add_argument("--smp", default="2")
    ap.add_argument("--timeout", type=int, default=600)
    args = ap.parse_args()
    cmd = ["qemu-system-riscv64", "-M", "virt", "-smp", args.smp, "-m", "512M",
           "-nographic", "-no-reboot", "-icount", "shift=0", "-bios", "default",
           "-kernel", args.image, "-append", "bench=" + args.select]
    try:
        out = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True,
                             timeout=args.timeout).stdout.decode("utf-8", "replace")
    except subprocess.TimeoutExpired as e:
        out = (e.stdout or b"").decode("utf-8", "replace")
        print("bench: timed out after %d s" % args.timeout)
        print(out[-3000:])
        return 1
    rows = []
    for m in re.finditer(r"^BENCH (\S+) ([0-9.]+) (\d+)\r?$", out, re.M):
        rows.append({"bench": m.group(1),
                     "instructions_per_op": float(m.group(2)),
                     "iterations": int(m.group(3))})
    if not rows or "\npanic:" in out:
        print(out[-3000:])
        print("bench: no results")
        return 1
    width = max(len(r["bench"]) for r in rows)
    print("%-*s  %14s  %10s" % (width, "benchmark", "instr/op", "iterations"))
    for r in rows:
        print("%-*s  %14.2f  %10d" % (width, r["bench"], r["instructions_per_op"],
                                      r["iterations"]))
    with open(args.out, "w") as f:
        for r in rows:
            f.write(json.dumps(r) + "\n")
    print("wrote %s" % args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
