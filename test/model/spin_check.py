#!/usr/bin/env python3
"""spin_check.py - run one verification of a Promela model with spin.

    spin_check.py [--spin SPIN] [--cc CC] --workdir DIR [-D NAME[=V]]...
                  [--ltl CLAIM]... [--expect REGEX] [--timeout S]
                  [--memlim MB] [--depth N] [--opt N] [--no-reach]
                  MODEL.pml

Copies the model's directory (*.pml) into DIR, generates the verifier
(spin -a, with the -D macros), compiles it with the host C compiler and
runs it:

  - without --ltl: a safety run (assertions, invalid end states), which
    must also reach every line marked `@reach MODEL:PROCTYPE ...` (the
    stem of MODEL.pml and a proctype: the line must not be in the verifier's
    "unreached in proctype PROCTYPE" list), unless --no-reach.  That
    list is exact only without statement merging (spin -o3): merged, a
    marker inside an atomic sequence is never listed, reached or not.
    So these runs are made with -o3, which costs about twice the states;
  - with --ltl: one acceptance-cycle run with weak fairness per claim.

It passes when every run is complete (not cut short by the depth or
memory limit) and found no error; with --expect, when instead a run
reports an error whose text matches REGEX (a deliberately broken model),
and the error trail is printed.  Figures (states, depth, time, memory)
are printed for each run, and the CPU time of spin, the compiler and pan.  Exit status 0 pass, 1 fail, 2 bad usage.
"""

import argparse
import glob
import os
import re
import resource
import shutil
import subprocess
import sys
import time


def fail(msg):
    print("spin_check: FAIL: " + msg)
    sys.exit(1)


cpu_used = {}			# CPU seconds per program (spin, cc, pan)


def run(cmd, cwd, timeout):
    """Run cmd; its output.  Its CPU time (user + system), unlike the wall
    time, hardly depends on what else the host runs: it is recorded too."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    try:
        p = subprocess.run(cmd, cwd=cwd, timeout=timeout, text=True,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    except FileNotFoundError:
        fail(cmd[0] + " not found (tools/deps.sh installs the Debian "
             "packages: spin, gcc)")
    except subprocess.TimeoutExpired:
        fail("%s ran past %d s" % (" ".join(cmd), timeout))
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    prog = os.path.basename(cmd[0])
    cpu_used[prog] = cpu_used.get(prog, 0.0) + (
        after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return p.returncode, p.stdout


def reach_marks(srcdir, model):
    """{line: (file, proctypes)} of every REACHED statement marked
    `@reach MODEL:PROCTYPE ...` (on its line or the one above).

    Matched by line number alone: spin names the file of a statement that
    comes from an inline of an included file inconsistently, so two marks
    for one model must not share a line number (in different files)."""
    marks = {}
    for path in sorted(glob.glob(os.path.join(srcdir, "*.pml"))):
        with open(path) as f:
            lines = f.read().splitlines()
        for n, text in enumerate(lines, 1):
            if not re.match(r"\s*REACHED\b", text):
                continue
            # the tags: on the REACHED line, or in a comment just above it
            both = text + " " + (lines[n - 2] if n > 1 else "")
            for tags in re.findall(r"@reach((?:\s+\w+:\w+)+)", both):
                for tag in tags.split():
                    m, proc = tag.split(":")
                    if m != model:
                        continue
                    if n in marks and marks[n][0] != path:
                        fail("%s:%d and %s:%d: two @reach marks on one line "
                             "number" % (marks[n][0], n, path, n))
                    marks.setdefault(n, (path, set()))[1].add(proc)
    return marks


def unreached(out):
    """{proctype: set of line numbers of unreached `cover = 1` lines}"""
    result = {}
    cur = None
    for line in out.splitlines():
        m = re.match(r"unreached in proctype (\w+)", line)
        if m:
            cur = result.setdefault(m.group(1), set())
            continue
        if line.startswith("unreached in"):
            cur = None
            continue
        m = re.match(r'\s+\S+:(\d+), state \d+, "cover = 1"', line)
        if m and cur is not None:
            cur.add(int(m.group(1)))
    return result


def figures(out, cpu):
    def grab(pat, default="?"):
        m = re.search(pat, out)
        return m.group(1) if m else default
    return ("%s states stored, %s transitions, depth %s, %s s (CPU %.1f s), "
            "%s MB" %
            (grab(r"(\d+) states, stored"), grab(r"(\d+) transitions"),
             grab(r"depth reached (\d+)"), grab(r"elapsed time ([\d.e+]+)"),
             cpu, grab(r"([\d.]+)\s+total actual memory usage")))


def totals(t0):
    """wall time since t0, and the CPU time of each program"""
    return "%.1f s (CPU: %s)" % (time.monotonic() - t0, ", ".join(
        "%s %.1f s" % (k, v) for k, v in sorted(cpu_used.items())))


def incomplete(out):
    for pat in ("max search depth too small", "out of memory",
                "memory limit", "pan: reached -DMEMLIM bound"):
        if pat in out:
            return pat
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("model")
    ap.add_argument("--spin", default="spin")
    ap.add_argument("--cc", default="gcc")
    ap.add_argument("--workdir", required=True)
    ap.add_argument("-D", dest="defines", action="append", default=[])
    ap.add_argument("--ltl", action="append", default=[])
    ap.add_argument("--expect")
    ap.add_argument("--timeout", type=int, default=120)
    ap.add_argument("--memlim", type=int, default=2048)
    ap.add_argument("--depth", type=int, default=100000)
    # the verifier of a small model compiles in 1 s at -O0 and runs as
    # fast; -O2 takes 20 s, which pays only for millions of states
    ap.add_argument("--opt", type=int, choices=range(4), default=0,
                    help="-O level for the verifier")
    ap.add_argument("--no-reach", action="store_true",
                    help="do not check the @reach lines (nor use -o3)")
    args = ap.parse_args()

    srcdir = os.path.dirname(os.path.abspath(args.model))
    name = os.path.basename(args.model)
    stem = os.path.splitext(name)[0]
    if shutil.which(args.spin) is None:
        fail("spin (%s) not found: tools/deps.sh installs the Debian package "
             "spin" % args.spin)

    # a clean directory: the verifier's sources, the trail, the binary
    shutil.rmtree(args.workdir, ignore_errors=True)
    os.makedirs(args.workdir)
    for path in glob.glob(os.path.join(srcdir, "*.pml")):
        shutil.copy(path, args.workdir)

    defs = ["-D" + d for d in args.defines]
    label = " ".join([name] + defs)
    marks = {}
    if not args.ltl and not args.no_reach and args.expect is None:
        marks = reach_marks(srcdir, stem)
    gen = ["-o3"] if marks else []
    t0 = time.monotonic()
    rc, out = run([args.spin] + defs + gen + ["-a", name], args.workdir,
                  args.timeout)
    if rc != 0:
        print(out)
        fail("spin -a %s" % label)

    # -DCOLLAPSE: compressed states; -DMEMLIM: stop, rather than swap
    cflags = ["-O%d" % args.opt, "-w", "-DCOLLAPSE", "-DMEMLIM=%d" % args.memlim]
    if args.ltl:
        cflags += ["-DNFAIR=4"]
    else:
        cflags += ["-DSAFETY", "-DNOCLAIM"]
    rc, out = run([args.cc] + cflags + ["-o", "pan", "pan.c"], args.workdir,
                  args.timeout)
    if rc != 0:
        print(out)
        fail("compiling pan for %s" % label)

    runs = [[]] if not args.ltl else [["-a", "-f", "-N", c] for c in args.ltl]
    found = None
    for flags in runs:
        what = "safety" if not flags else "ltl %s, weak fairness" % flags[-1]
        pan_before = cpu_used.get("pan", 0.0)
        rc, out = run(["./pan", "-m%d" % args.depth] + flags, args.workdir,
                      args.timeout)
        m = re.search(r"errors: (\d+)", out)
        if not m:
            print(out)
            fail("%s (%s): no verdict from pan" % (label, what))
        print("%s (%s): %s, errors: %s" % (label, what,
              figures(out, cpu_used["pan"] - pan_before), m.group(1)))
        cut = incomplete(out)
        errors = int(m.group(1))
        if errors:
            found = out
            break
        if cut:
            print(out)
            fail("%s (%s): search incomplete (%s): raise the limit or shrink "
                 "the model" % (label, what, cut))
        if marks:
            lost = unreached(out)
            for line, (path, procs) in sorted(marks.items()):
                for proc in sorted(procs):
                    if proc not in lost:
                        fail("%s:%d: @reach names proctype %s, which %s has "
                             "not" % (path, line, proc, name))
                    if line in lost[proc]:
                        fail("%s:%d: never reached in proctype %s: the race "
                             "it marks did not happen" %
                             (os.path.basename(path), line, proc))
            print("%s: %d @reach line(s) reached (spin -o3)" % (label,
                                                             len(marks)))

    if args.expect is None:
        if found:
            print(report(found))
            trail(args, defs + gen, name)
            fail("%s: spin found an error" % label)
        print("spin_check: PASS: %s, %s" % (label, totals(t0)))
        return
    if not found:
        fail("%s: spin found no error, but this variant is broken on purpose "
             "(expected /%s/)" % (label, args.expect))
    first = [l for l in found.splitlines() if l.startswith("pan:1:")]
    print("\n".join(first))
    if not re.search(args.expect, found):
        print(report(found))
        fail("%s: the error is not the expected one (/%s/)" % (label,
                                                               args.expect))
    trail(args, defs + gen, name)
    print("spin_check: PASS: %s: the broken variant fails as expected, %s"
          % (label, totals(t0)))


def report(out):
    """pan's report without its list of unreached statements"""
    return out.split("\nunreached in")[0]


def trail(args, defs, name):
    """The last steps of the error trail, for the log (replayed with the
    options the verifier was generated with: -o3 numbers states anew)."""
    rc, out = run([args.spin] + defs + ["-t", "-p", "-k", name + ".trail", name],
                  args.workdir, args.timeout)
    steps = [l for l in out.splitlines() if re.match(r"\s*\d+:\s+proc", l)]
    print("trail: %d steps, the last 25 (full: spin %s -t -p %s in %s):" %
          (len(steps), " ".join(defs), name, args.workdir))
    print("\n".join(steps[-25:]))


if __name__ == "__main__":
    main()
