#!/bin/sh
# test-summary.sh CTEST_LOG - the closing line "N passed, N failed" from
# CTest's own summary; exits non-zero if anything failed or nothing ran.
set -eu
line=$(grep -E '^[0-9]+% tests passed, [0-9]+ tests? failed out of [0-9]+' "$1" | tail -n 1)
if [ -z "$line" ]; then
	echo "0 passed, 1 failed"
	exit 1
fi
failed=$(echo "$line" | sed -E 's/.* ([0-9]+) tests? failed out of ([0-9]+).*/\1/')
total=$(echo "$line" | sed -E 's/.* failed out of ([0-9]+).*/\1/')
echo "$((total - failed)) passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$total" -gt 0 ]
