#!/bin/sh
# run-scripts.sh - run every tests/t_*.sh script test (command, milter,
# Postfix end to end) from the top of the tree and count the results.
#
# A script passes by exiting 0, fails otherwise; its output is shown only
# when it fails.  The last line is the plain "N passed, N failed" summary.
set -u
cd "$(dirname "$0")/.."
pass=0
fail=0
failed=""
mkdir -p tests/tmp
for t in tests/t_*.sh; do
	[ -f "$t" ] || continue
	name=$(basename "$t" .sh)
	log="tests/tmp/$name.log"
	start=$(date +%s)
	if sh "$t" >"$log" 2>&1; then
		pass=$((pass + 1))
		echo "PASS: $name ($(( $(date +%s) - start ))s)"
	else
		fail=$((fail + 1))
		failed="$failed $name"
		echo "FAIL: $name ($(( $(date +%s) - start ))s)"
		sed 's/^/    /' "$log" | tail -n 60
	fi
done
echo "scripts: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
