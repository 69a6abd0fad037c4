#!/bin/sh
# test-summary.sh CTEST_LOG - the closing line "N passed, N failed, N skipped".
# passed and failed are CTest tests.  skipped counts the CTest tests that
# skipped themselves (SKIP_RETURN_CODE; CTest counts them as passed, this
# does not) plus the ktest cases reported "# SKIP" in the run's
# <config>.boot boots (tools/test-skips.py over qemu-logs/*.json beside
# CTEST_LOG), whose suites passed.  Each skip is listed above the line
# (docs/ktest.md).  Exits non-zero if anything failed or nothing ran.
set -eu
line=$(grep -E '^[0-9]+% tests passed, [0-9]+ tests? failed out of [0-9]+' "$1" | tail -n 1)
if [ -z "$line" ]; then
	echo "0 passed, 1 failed, 0 skipped"
	exit 1
fi
failed=$(echo "$line" | sed -E 's/.* ([0-9]+) tests? failed out of ([0-9]+).*/\1/')
total=$(echo "$line" | sed -E 's/.* failed out of ([0-9]+).*/\1/')
ctest_skips=$(grep -E '^[[:space:]]+[0-9]+ - [^ ]+ \(Skipped\)' "$1" |
	sed -E 's/^[[:space:]]+[0-9]+ - ([^ ]+) .*/skipped: ctest: \1/' || true)
nctest=0
[ -n "$ctest_skips" ] && nctest=$(echo "$ctest_skips" | wc -l)
ktest=$(python3 "$(dirname "$0")/test-skips.py" "$1" "$(dirname "$1")/qemu-logs") ||
	ktest="0"
[ -n "$ctest_skips" ] && echo "$ctest_skips"
echo "$ktest" | sed '$d'
nktest=$(echo "$ktest" | tail -n 1)
echo "$((total - failed - nctest)) passed, $failed failed, $((nktest + nctest)) skipped"
[ "$failed" -eq 0 ] && [ "$total" -gt 0 ]
