#!/bin/bash
# Compiles every command of docs/TUTORIAL.md (the lines of its code blocks
# that start with "lantern"), with --dry-run: nothing is loaded, but the
# attach points are looked up, so a one-liner the language or this kernel
# no longer takes fails. Commands of a probe type this host's kernel
# lacks (kprobe, fentry: see DESIGN) are checked where they can be.
# Usage: tutorial_check.sh LANTERN TUTORIAL
set -u
lantern=$1 tutorial=$2
passed=0 failed=0
while IFS= read -r line; do
	cmd=${line#lantern }
	out=$(eval "\"\$lantern\" --dry-run $cmd" 2>&1 </dev/null)
	rc=$?
	if [ $rc -eq 0 ]; then
		passed=$((passed + 1))
	elif grep -Eq '^(kprobe|kretprobe|fentry|fexit)' <<<"${cmd#*-e \'}" && grep -q 'not support\|cannot look up\|no traceable\|kernel has no' <<<"$out"; then
		echo "skipped (this kernel): $line"
	else
		failed=$((failed + 1))
		echo "FAILED: $line"
		echo "$out" | head -5
	fi
done < <(awk '/^```/ { block = !block; next } block && /^lantern / { print }' "$tutorial")
echo "tutorial: $passed compiled, $failed failed"
[ "$failed" -eq 0 ]
