#!/usr/bin/env python3
"""bench.py --image IMAGE --out FILE.jsonl [--initrd CPIO] [--budget FILE]
- run the kernel benchmarks.

Boots IMAGE under `qemu -icount shift=0` (one guest instruction is one ns of
virtual time, and rdinstret counts retired instructions exactly), with
bench=SELECTION on the command line, reads the "BENCH name figure
iterations" lines, prints a table and writes one JSON object per benchmark
to OUT.  The figure is instructions per operation, or bytes for the
benchmarks named *_bytes.

The initrd carries the user side of the benchmarks that run in user mode
(test/user/bench_*.c); without it they report 0 iterations.

With --budget (test/bench/budget), each figure is checked against its
ceiling: the run fails when a benchmark of the budget is over its ceiling,
missing, or measured nothing (0 iterations).  Targets, where the budget
gives them, are printed beside the figures but do not fail the run.
"""
import argparse
import json
import re
import subprocess
import sys


class BudgetError(Exception):
    pass


def read_budget(path):
    """{name: (ceiling, target-or-None)}; target is a number or (factor, bench)"""
    budget = {}
    with open(path) as f:
        for no, line in enumerate(f, 1):
            words = line.split("#", 1)[0].split()
            if not words:
                continue
            if len(words) not in (2, 3):
                raise BudgetError("%s:%d: want NAME CEILING [TARGET]" % (path, no))
            name, ceiling = words[0], float(words[1])
            target = None
            if len(words) == 3:
                m = re.fullmatch(r"([0-9.]+)\*(\S+)", words[2])
                target = (float(m.group(1)), m.group(2)) if m else float(words[2])
            if name in budget:
                raise BudgetError("%s:%d: %s twice" % (path, no, name))
            budget[name] = (ceiling, target)
    return budget


def target_value(target, figures):
    if target is None or isinstance(target, float):
        return target
    factor, other = target
    return factor * figures[other] if other in figures else None


def boot(args):
    cmd = ["qemu-system-riscv64", "-M", "virt", "-smp", args.smp, "-m", "512M",
           "-nographic", "-no-reboot", "-icount", "shift=0", "-bios", "default",
           "-kernel", args.image]
    if args.initrd:
        cmd += ["-initrd", args.initrd]
    cmd += ["-append", "bench=" + args.select]
    try:
        return subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True,
                              timeout=args.timeout).stdout.decode("utf-8", "replace")
    except subprocess.TimeoutExpired as e:
        print("bench: timed out after %d s" % args.timeout)
        print((e.stdout or b"").decode("utf-8", "replace")[-3000:])
        return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--image", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--initrd")
    ap.add_argument("--budget")
    ap.add_argument("--select", default="all")
    ap.add_argument("--smp", default="1")
    ap.add_argument("--timeout", type=int, default=600)
    args = ap.parse_args()
    try:
        budget = read_budget(args.budget) if args.budget else {}
    except (OSError, ValueError, BudgetError) as e:
        print("bench: budget: %s" % e)
        return 1
    out = boot(args)
    if out is None:
        return 1
    rows = []
    for m in re.finditer(r"^BENCH (\S+) ([0-9.]+) (\d+)\r?$", out, re.M):
        rows.append({"bench": m.group(1), "per_op": float(m.group(2)),
                     "unit": "bytes" if m.group(1).endswith("_bytes")
                     else "instructions",
                     "iterations": int(m.group(3))})
    if not rows or "\npanic:" in out:
        print(out[-3000:])
        print("bench: no results")
        return 1
    for line in re.findall(r"^# bench: .*$", out, re.M):
        print(line.rstrip())
    figures = {r["bench"]: r["per_op"] for r in rows if r["iterations"] > 0}
    failures = []
    width = max(len(r["bench"]) for r in rows)
    print("%-*s  %12s  %5s  %10s  %10s  %10s  %s" % (width, "benchmark", "per op",
          "unit", "iterations", "ceiling", "target", "status"))
    for r in rows:
        name = r["bench"]
        ceiling, target = budget.get(name, (None, None))
        target = target_value(target, figures)
        status = []
        if r["iterations"] == 0:
            status.append("MEASURED NOTHING")
        elif ceiling is not None and r["per_op"] > ceiling:
            status.append("OVER CEILING")
        if ceiling is None:
            status.append("no ceiling" if budget else "")
        if target is not None and r["iterations"] > 0:
            status.append("target met" if r["per_op"] <= target else "target missed")
        if budget and ("MEASURED NOTHING" in status or "OVER CEILING" in status):
            failures.append("%s: %s" % (name, status[0]))
        print("%-*s  %12.2f  %5s  %10d  %10s  %10s  %s" % (
            width, name, r["per_op"], "B" if r["unit"] == "bytes" else "ins",
            r["iterations"], "%.0f" % ceiling if ceiling is not None else "-",
            "%.0f" % target if target is not None else "-",
            ", ".join(s for s in status if s)))
    for name in budget:
        if name not in (r["bench"] for r in rows):
            failures.append("%s: in the budget, missing from the run" % name)
    with open(args.out, "w") as f:
        for r in rows:
            ceiling, target = budget.get(r["bench"], (None, None))
            r["ceiling"] = ceiling
            r["target"] = target_value(target, figures)
            if r["unit"] == "instructions":
                r["instructions_per_op"] = r["per_op"]
            f.write(json.dumps(r) + "\n")
    print("wrote %s" % args.out)
    if failures:
        print("bench: over budget (test/bench/budget; docs/ktest.md says how to "
              "update it):")
        for f in failures:
            print("  " + f)
        return 1
    if budget:
        print("bench: all %d benchmarks of the budget within their ceilings"
              % len(budget))
    return 0


if __name__ == "__main__":
    sys.exit(main())
