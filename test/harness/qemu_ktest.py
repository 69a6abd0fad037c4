#!/usr/bin/env python3
"""qemu_ktest.py - boot rvmach under QEMU, collect its KTAP, judge suites.

  qemu_ktest.py run --log LOG [--timeout S] [--input TEXT] -- QEMU ARGS...
      Boots QEMU with a timeout, keeps the whole console in LOG and the
      parsed results in LOG.json.  Exits 0 when the kernel reached the end
      of its KTAP and powered off; 1 on a panic, a timeout, a missing
      summary, or a QEMU failure (the log is kept either way).
  qemu_ktest.py check --log LOG --suite SUITE [--skipped N]
      Exits 0 if SUITE was reported "ok" in that boot (its tests passed or
      skipped), 1 otherwise, printing the suite's lines (and the tail of the
      log if the boot went wrong).  With --skipped, the suite must also
      have exactly N tests reported "# SKIP".

LOG.json holds the boot's status, its suites (each with "tests": name ->
"ok" / "not ok" / "skip", and "skipped": name -> reason), the kernel's
summary counts, and "skipped": how many tests of the boot were skipped.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import threading
import time

# "ok 3 name", "not ok 3 name", "ok 3 name # SKIP reason"
RESULT = re.compile(r"^(\s*)(ok|not ok) (\d+) (\S+)(?:\s+#\s*SKIP\b\s*(.*))?")
USER_MARK = re.compile(r"^# utest: \d+ user test programs")
USER_SUMMARY = re.compile(r"^# utest: (\d+) passed, (\d+) failed", re.M)
SUMMARY = re.compile(r"^# ktest: (\d+) passed, (\d+) failed(?:, (\d+) skipped)?", re.M)


def parse_ktap(text):
    """Suites and their tests from KTAP v1 output (nested by 4 spaces)."""
    suites, current, user = {}, None, False
    for line in text.splitlines():
        line = line.rstrip("\r")
        if USER_MARK.match(line):
            user = True		# the suites of user test programs follow
            continue
        m = re.match(r"^\s+# Subtest: (\S+)", line)
        if m:
            current = m.group(1)
            suites[current] = {"result": None, "tests": {}, "skipped": {},
                               "lines": [], "user": user}
            continue
        if current is not None and line.startswith("    "):
            suites[current]["lines"].append(line)
        m = RESULT.match(line)
        if not m:
            continue
        indent, res, _, name, skip = m.groups()
        if indent and current is not None:
            if res == "ok" and skip is not None:
                suites[current]["tests"][name] = "skip"
                suites[current]["skipped"][name] = skip.strip()
            else:
                suites[current]["tests"][name] = res
        elif not indent and name in suites:
            suites[name]["result"] = res
            suites[name]["lines"].append(line)
    return suites


def summary_counts(m):
    """{passed, failed, skipped} from the kernel's "# ktest:" line, or None."""
    if m is None:
        return None
    return {"passed": int(m.group(1)), "failed": int(m.group(2)),
            "skipped": int(m.group(3) or 0)}


def ktap_counts(suites):
    """The same counts, from the test result lines of the kernel's suites
    (a user program's tests are its own; the kernel counts the program)."""
    res = [r for s in suites.values() if not s.get("user")
           for r in s["tests"].values()]
    return {"passed": res.count("ok"), "failed": res.count("not ok"),
            "skipped": res.count("skip")}


def user_counts(text, suites):
    """None if the kernel's count of user programs matches their suites'
    results, else what is wrong."""
    m = USER_SUMMARY.search(text)
    users = [s for s in suites.values() if s.get("user")]
    if m is None:
        return None if not users else "user suites without a utest summary"
    ok = sum(1 for s in users if s["result"] == "ok")
    bad = sum(1 for s in users if s["result"] != "ok")
    if (ok, bad) != (int(m.group(1)), int(m.group(2))):
        return "utest summary %s/%s disagrees with the suites %d/%d" % (
            m.group(1), m.group(2), ok, bad)
    return None


def run(args):
    cmd = args.qemu
    if cmd and cmd[0] == "--":
        cmd = cmd[1:]
    os.makedirs(os.path.dirname(os.path.abspath(args.log)), exist_ok=True)
    start = time.time()
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT)
    out = []
    finished = threading.Event()
    done_re = re.compile(rb"^# ktest: \d+ passed, \d+ failed.*\n|^panic: powering off"
                         rb"|^rvmach: cannot boot: .*\n", re.M)
    expect = [re.compile(e.encode(), re.M) for e in args.expect]
    prompt = re.compile(args.input_after.encode(), re.M) if args.input_after else None

    def send_input():
        try:
            proc.stdin.write(args.input.encode().decode("unicode_escape").encode())
            proc.stdin.flush()
        except OSError:
            pass

    def reader():
        text, sent = b"", False
        for chunk in iter(lambda: proc.stdout.read1(4096), b""):
            out.append(chunk)
            text += chunk
            if args.input and not sent and (prompt is None or prompt.search(text)):
                send_input()
                sent = True
            if done_re.search(text[-8192:]) or (
                    expect and all(e.search(text) for e in expect)):
                finished.set()
        finished.set()

    t = threading.Thread(target=reader, daemon=True)
    t.start()
    # The kernel powers off at the end; where the firmware cannot (sifive_u),
    # the last KTAP line is the end: give QEMU a moment, then stop it.
    timed_out = not finished.wait(timeout=args.timeout)
    try:
        proc.wait(timeout=3)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    t.join(timeout=5)
    text = b"".join(out).decode("utf-8", "replace")
    elapsed = time.time() - start
    with open(args.log, "w") as f:
        f.write(text)
        f.write("\n# harness: qemu %s, exit %s, %.1f s\n" % (
            " ".join(cmd), "timeout" if timed_out else proc.returncode, elapsed))
    suites = parse_ktap(text)
    panic = "\npanic:" in text or text.startswith("panic:")
    summary = SUMMARY.search(text)
    counts = summary_counts(summary)
    status = "ok"
    if timed_out:
        status = "timeout after %d s" % args.timeout
    elif args.expect:
        missing = [e for e in args.expect if not re.search(e, text, re.M)]
        if missing:
            status = "expected output missing: %s" % " | ".join(missing)
    elif panic:
        status = "kernel panic"
    elif summary is None:
        status = "no ktest summary (qemu exit %d)" % proc.returncode
    elif counts != ktap_counts(suites):
        status = "summary %s disagrees with the KTAP lines %s" % (
            counts, ktap_counts(suites))
    elif user_counts(text, suites) is not None:
        status = user_counts(text, suites)
    with open(args.log + ".json", "w") as f:
        json.dump({"status": status, "suites": suites, "summary": counts,
                   "skipped": sum(len(s["skipped"]) for s in suites.values()),
                   "elapsed": elapsed}, f, indent=1)
    print("%s: %s, %d suites, %.1f s" % (args.log, status, len(suites), elapsed))
    if status != "ok":
        print("".join(text.splitlines(True)[-40:]))
        return 1
    return 0


def check(args):
    try:
        with open(args.log + ".json") as f:
            res = json.load(f)
    except OSError:
        print("no results: the boot for %s did not run" % args.log)
        return 1
    suite = res["suites"].get(args.suite)
    if suite is None:
        print("suite %s not reported (boot: %s)" % (args.suite, res["status"]))
        if res["status"] != "ok":
            with open(args.log) as f:
                print("".join(f.readlines()[-40:]))
        return 1
    print("\n".join(suite["lines"]))
    if suite["result"] != "ok":
        print("suite %s: %s (boot: %s); log: %s" % (
            args.suite, suite["result"] or "no result", res["status"], args.log))
        return 1
    skipped = suite.get("skipped", {})
    if args.skipped is not None and len(skipped) != args.skipped:
        print("suite %s: %d tests skipped, expected %d" % (
            args.suite, len(skipped), args.skipped))
        return 1
    return 0


def main():
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    r = sub.add_parser("run")
    r.add_argument("--log", required=True)
    r.add_argument("--timeout", type=int, default=120)
    r.add_argument("--input", default="", help="text typed on the console")
    r.add_argument("--input-after", default="",
                   help="regex: type --input once the console shows it")
    r.add_argument("--expect", action="append", default=[],
                   help="regex the console must show (the boot is expected to "
                        "end without a ktest summary, e.g. in a panic)")
    r.add_argument("qemu", nargs=argparse.REMAINDER)
    c = sub.add_parser("check")
    c.add_argument("--log", required=True)
    c.add_argument("--suite", required=True)
    c.add_argument("--skipped", type=int, default=None,
                   help="the suite must have exactly this many skipped tests")
    args = ap.parse_args()
    return run(args) if args.cmd == "run" else check(args)


if __name__ == "__main__":
    sys.exit(main())
