#!/bin/sh
# test-summary.sh CTEST_LOG - the closing line "N passed, N failed, N skipped".
# The first two are CTest's own counts (tests passed, tests failed); the
# third counts the ktest cases reported "# SKIP" in the ktest boots of the
# run (tools/test-skips.py over qemu-logs/*.json beside CTEST_LOG; each
# skipped case is listed above the line).  A suite whose tests passed or
# skipped passes, so skipped cases are inside "passed" too.  Exits
# non-zero if anything failed or nothing ran.
set -eu
line=$(grep -E '^[0-9]+% tests passed, [0-9]+ tests? failed out of [0-9]+' "$1" | tail -n 1)
if [ -z "$line" ]; then
	echo "0 passed, 1 failed, 0 skipped"
	exit 1
fi
failed=$(echo "$line" | sed -E 's/.* ([0-9]+) tests? failed out of ([0-9]+).*/\1/')
total=$(echo "$line" | sed -E 's/.* failed out of ([0-9]+).*/\1/')
skips=$(python3 "$(dirname "$0")/test-skips.py" "$1" "$(dirname "$1")/qemu-logs") ||
	skips="0"
echo "$skips" | sed '$d'
skipped=$(echo "$skips" | tail -n 1)
echo "$((total - failed)) passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] && [ "$total" -gt 0 ]
