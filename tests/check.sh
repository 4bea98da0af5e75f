#!/bin/sh
# Runs every test suite and prints one summary line last, for CI.
cd "$(dirname "$0")/.." || exit 1
results=$(mktemp)
export RESULTS_FILE="$results"
echo "== unit tests (ASan+UBSan): the front end, linked without libbpf and LLVM"
build/unit_tests || true
echo "== unit tests (ASan+UBSan): back-end code that needs no kernel"
build/unit_tests_backend || true
echo "== the bad-input corpus (tests/errors): located errors, non-zero exits"
tests/errors/run.sh --lantern "$PWD/lantern" || true
echo "== fuzzing (libFuzzer, ASan+UBSan): the front end, and the compiler through LLVM"
tests/fuzz/run.sh || true
echo "== runtime tests (real kernel)"
tests/runtime/run.sh --lantern "$PWD/lantern" || true
echo "== runtime tests in QEMU: the kernel-probe lane (tests/qemu/lane.sh)"
tests/qemu/lane.sh --lantern "$PWD/lantern" || true
echo "== runtime tests again, lantern built with ASan+UBSan"
# Leaks at exit are not what this pass looks for; memory errors are.
ASAN_OPTIONS=detect_leaks=0:halt_on_error=1 UBSAN_OPTIONS=halt_on_error=1 \
	tests/runtime/run.sh --lantern "$PWD/build-asan/lantern" || true
# Seven suites report: the two unit binaries, the bad-input corpus, the
# fuzzers, the two runtime passes on this kernel and the QEMU lane.
awk '{ p += $2; f += $3; s += $4 } END {
	if (NR < 7) { print "a test suite did not report"; f++ }
	printf "%d passed, %d failed", p, f; if (s) printf ", %d skipped", s; print ""
	exit f ? 1 : 0 }' "$results"
status=$?
rm -f "$results"
exit $status
