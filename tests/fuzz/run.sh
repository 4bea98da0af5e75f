#!/bin/bash
# The fuzz suite: each libFuzzer target (build/fuzz_frontend: parse and
# check; build-fuzz/fuzz_codegen: the whole compiler through LLVM, nothing
# loaded) runs for FUZZ_SECONDS over the seeds: the runtime cases' scripts
# (tests/fuzz/seeds.py), tests/fuzz/corpus and what earlier runs kept. Then
# every input of tests/fuzz/regressions (crashes found before) runs once
# through each target. A crash, hang (FUZZ_TIMEOUT s on one input), leak
# or sanitizer report fails it, with the input's path printed.
#
# Usage: tests/fuzz/run.sh
# Env: FUZZ_SECONDS  per target (default 60)
#      RESULTS_FILE  gets "fuzz PASSED FAILED SKIPPED"
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root" || exit 1
seconds=${FUZZ_SECONDS:-60}
timeout_s=${FUZZ_TIMEOUT:-10}
work=build/fuzz-work
mkdir -p "$work"
passed=0 failed=0 skipped=0

python3 tests/fuzz/seeds.py "$work/seeds" >/dev/null
# LLVM's own option parsing and the kernel's tracefs are read as lantern
# reads them; a leak at exit of either is not ours.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}

run_target() { # NAME BINARY
	local name=$1 bin=$2 corpus=$work/corpus-$1 log=$work/$1.log
	if [ ! -x "$bin" ]; then
		echo "SKIP fuzz $name: $bin is not built (make fuzzers)"
		skipped=$((skipped + 1))
		return
	fi
	mkdir -p "$corpus"
	if "$bin" -max_total_time="$seconds" -timeout="$timeout_s" -rss_limit_mb=2048 -max_len=4096 \
		-print_final_stats=1 -artifact_prefix="$work/$name-" \
		"$corpus" "$work/seeds" tests/fuzz/corpus >"$log" 2>&1; then
		runs=$(awk '/stat::number_of_executed_units/ { print $2 }' "$log")
		echo "PASS fuzz $name: ${runs:-?} runs in ${seconds} s, no crash"
		passed=$((passed + 1))
	else
		echo "FAIL fuzz $name: see $log; the input:"
		ls "$work/$name-"* 2>/dev/null
		tail -30 "$log"
		failed=$((failed + 1))
	fi
	local n=0
	for input in tests/fuzz/regressions/*; do
		[ -f "$input" ] || continue
		n=$((n + 1))
		if ! "$bin" -timeout="$timeout_s" -rss_limit_mb=2048 "$input" >"$log.regression" 2>&1; then
			echo "FAIL fuzz $name: regression input $input"
			tail -20 "$log.regression"
			failed=$((failed + 1))
			return
		fi
	done
	echo "PASS fuzz $name: $n regression inputs"
	passed=$((passed + 1))
}

run_target frontend build/fuzz_frontend
run_target codegen build-fuzz/fuzz_codegen
echo "fuzz tests: $passed passed, $failed failed, $skipped skipped"
[ -n "${RESULTS_FILE:-}" ] && echo "fuzz $passed $failed $skipped" >>"$RESULTS_FILE"
[ "$failed" -eq 0 ]
