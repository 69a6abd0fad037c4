#!/usr/bin/env python3
"""test-skips.py CTEST_LOG LOGDIR - skipped ktest cases of a CTest run.

For every "<config>.boot" test the CTest log shows, reads
LOGDIR/<config>.log.json (written by test/harness/qemu_ktest.py) and sums
its tests reported "# SKIP".  Prints one "skipped: config: suite.name:
reason" line per skipped test, then the count alone on the last line.
Boots checked by --expect (the self-tests that skip on purpose) are not
counted: their skips are what they test for.
"""
import json
import os
import re
import sys


def boots(ctest_log):
    """The <config> names of the .boot tests the log shows."""
    names = []
    with open(ctest_log, errors="replace") as f:
        for line in f:
            m = re.search(r"Test +#\d+: (\S+)\.boot ", line)
            if m and m.group(1) not in names:
                names.append(m.group(1))
    return names


def main():
    ctest_log, logdir = sys.argv[1], sys.argv[2]
    total = 0
    for config in boots(ctest_log):
        try:
            with open(os.path.join(logdir, config + ".log.json")) as f:
                res = json.load(f)
        except (OSError, ValueError):
            continue
        for suite, s in sorted(res.get("suites", {}).items()):
            for name, reason in sorted(s.get("skipped", {}).items()):
                print("skipped: %s: %s.%s: %s" % (config, suite, name, reason))
                total += 1
    print(total)
    return 0


if __name__ == "__main__":
    sys.exit(main())
