#!/bin/bash
# Runtime test runner: runs the real lantern binary, as root, on declarative
# test cases (tests/runtime/cases/*.test) and checks its real output.
#
# Usage: tests/runtime/run.sh [--lantern PATH] [-v] [CASE.test...]
#   --lantern PATH  binary under test (default: <repo>/lantern)
#   -v              also print stdout/stderr of passing cases
#   no case files   run every tests/runtime/cases/*.test
# Env: RESULTS_FILE  if set, append "runtime PASSED FAILED SKIPPED" to it
#      TIMEOUT_SCALE  every case's timeout is multiplied by it (default 1;
#                    the QEMU lane, emulated, sets 3)
#      KEEP_TMP=1    keep each case's temp dir (path printed on failure)
#
# Case file format (one "key: value" per line; "#" lines are comments):
#   name:      what the case checks (required)
#   cmd:       shell command line, run with "exec" in front so that its pid is
#              lantern's (required), e.g. $LANTERN -e 'BEGIN { exit(); }'
#              (so: one command, redirections allowed, no pipes or ";")
#   setup:     shell command run in the case's temp dir first
#   requires:  shell test; if it fails the case is SKIPped
#   lanes:     where the case runs: "host" (the default), "qemu" (the
#              kernel-probe lane, tests/qemu/lane.sh, for what this host's
#              kernel lacks; on the host it is SKIPped, saying so), or both
#   workload:  command run once lantern printed "Attached " on stderr
#   signal:    signal sent to lantern after the workload (or after "delay:",
#              or right after the banner): INT, TERM...
#   delay:     seconds to wait after the banner before the signal, when there
#              is no workload
#   timeout:   seconds for the whole case (default 20); then kill -9 and FAIL
#   exit:      expected exit status: a number (default 0) or "nonzero"
# Blocks: a key alone on its line ("stdout:"), then content lines, then a line
# "." alone. A content line that is literally "." is written "..".
#   stdout: / stderr:                 exact expected output
#   stdout_match: / stderr_match:     grep -E regexes; each must match a line
#   stdout_nomatch: / stderr_nomatch: grep -E regexes; none may match a line
#   stdin:                            fed to cmd's stdin (default /dev/null)
# Any other key may also be given as a block (e.g. a multi-line setup:).
# Commands run via bash in a fresh temp dir, with LANTERN (the binary),
# WORKLOADS (tests/workloads/bin), CASEDIR (the case file's directory) set and
# a directory holding "lantern" first in PATH (so "#!/usr/bin/env lantern"
# works). stdin is /dev/null unless a stdin: block is given.

set -u
export LC_ALL=C # stable regex and sort behaviour

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
lantern=$root/lantern
verbose=0
cases=()

while (($#)); do
	case $1 in
	--lantern) lantern=$2; shift 2 ;;
	--lantern=*) lantern=${1#*=}; shift ;;
	-v) verbose=1; shift ;;
	-h | --help) sed -n '2,/^$/s/^# \{0,1\}//p' "$0"; exit 0 ;;
	-*) echo "run.sh: unknown option $1" >&2; exit 2 ;;
	*) cases+=("$1"); shift ;;
	esac
done
((${#cases[@]})) || cases=("$here"/cases/*.test)

passed=0 failed=0 skipped=0

# ---------------------------------------------------------------- utilities

now_ms() { local t=${EPOCHREALTIME//[.,]/}; echo $((t / 1000)); }

alive() { kill -0 "$1" 2>/dev/null; }

# ids of loaded BPF programs: those a case leaves are the ones that
# appeared during it (lantern names its programs after their probes, as
# bpftrace, so a name cannot tell them apart) and no process holds
loaded_prog_ids() {
	bpftool prog show 2>/dev/null | awk -F: '/^[0-9]+:/ { print $1 }' | sort
}

# ids of BPF programs some process holds an fd to (prog or link fds): these
# belong to a running program (another lantern run, say), not to a leak
held_prog_ids() {
	cat /proc/[0-9]*/fdinfo/* 2>/dev/null | awk '$1 == "prog_id:" { print $2 }' | sort -u
}

# kill -9 a case process and its direct children (a wrapper's bpftrace, say)
kill_case() {
	pkill -9 -P "$1" 2>/dev/null
	kill -9 "$1" 2>/dev/null
}

# ------------------------------------------------------------------ parsing

# parse_case FILE: fill the global associative array T, one entry per key
# (blocks keep their newlines). Returns 1 with a message in T[error].
declare -A T
parse_case() {
	local file=$1 line key= n=0
	T=()
	while IFS= read -r line || [[ -n $line ]]; do
		((n++))
		if [[ -n $key ]]; then # inside a block
			if [[ $line == . ]]; then key=; continue; fi
			[[ $line == .. ]] && line=.
			T[$key]+="$line"$'\n'
			continue
		fi
		[[ $line =~ ^[[:space:]]*(#|$) ]] && continue
		if [[ $line =~ ^([a-z_]+):[[:space:]]*$ ]]; then # block start
			key=${BASH_REMATCH[1]}
			T[$key]=
		elif [[ $line =~ ^([a-z_]+):[[:space:]]?(.*)$ ]]; then
			T[${BASH_REMATCH[1]}]=${BASH_REMATCH[2]}
		else
			T[error]="line $n: expected 'key: value', got: $line"
			return 1
		fi
	done <"$file"
	if [[ -n $key ]]; then T[error]="block '$key:' is not ended by a '.' line"; return 1; fi
	local k
	for k in name cmd; do
		[[ -n ${T[$k]:-} ]] || { T[error]="missing '$k:'"; return 1; }
	done
	for k in "${!T[@]}"; do
		case $k in
		name | cmd | setup | requires | lanes | workload | signal | delay | timeout | exit) ;;
		stdin | stdout | stderr | stdout_match | stderr_match | stdout_nomatch | stderr_nomatch) ;;
		*) T[error]="unknown key '$k:'"; return 1 ;;
		esac
	done
}

# ----------------------------------------------------------------- checking

# check_exact WHAT EXPECTED_TEXT ACTUAL_FILE: append to $why on mismatch
check_exact() {
	local what=$1 expected=$2 actual=$3 d
	printf '%s' "$expected" >"$work/expected.$what"
	if ! d=$(diff -u --label "expected $what" --label "actual $what" "$work/expected.$what" "$actual"); then
		why+="$what differs:"$'\n'"$d"$'\n'
	fi
}

# check_regexes WHAT MODE REGEXES FILE: MODE "match" (each must match) or
# "nomatch" (none may match)
check_regexes() {
	local what=$1 mode=$2 regexes=$3 file=$4 re
	while IFS= read -r re; do
		[[ -z $re ]] && continue
		if grep -Eq -- "$re" "$file"; then
			[[ $mode == nomatch ]] && why+="$what matches forbidden regex: $re"$'\n'
		else
			[[ $mode == match ]] && why+="$what has no line matching: $re"$'\n'
		fi
	done <<<"$regexes"
}

# show the tail of an output file, indented, for a failure report
show_tail() {
	local what=$1 file=$2 lines=${3:-15}
	if [[ -s $file ]]; then
		echo "  --- $what (last $lines lines) ---"
		tail -n "$lines" "$file" | sed 's/^/  | /'
	else
		echo "  --- $what: empty ---"
	fi
}

# ------------------------------------------------------------------ running

# run_case FILE: run one case and print PASS/FAIL/SKIP
run_case() {
	local file=$1 name
	name=$(basename "$file" .test)
	if ! parse_case "$file"; then
		echo "FAIL $name: bad test file $file: ${T[error]}"
		((failed++))
		return
	fi
	name=${T[name]}

	if (($(id -u) != 0)); then
		echo "SKIP $name: not root"
		((skipped++))
		return
	fi
	if [[ ! -x $lantern ]]; then
		echo "FAIL $name: no lantern binary at $lantern (build it, or pass --lantern PATH)"
		((failed++))
		return
	fi

	# CASEDIR: where the case file is (tests/runtime/cases for ours)
	CASEDIR=$(cd "$(dirname "$file")" && pwd)
	work=$(mktemp -d /tmp/lantern-rt.XXXXXX)
	local cwd=$work/cwd out=$work/stdout err=$work/stderr
	mkdir "$cwd"
	local stdin=/dev/null
	if [[ -v T[stdin] ]]; then stdin=$work/stdin; printf '%s' "${T[stdin]}" >"$stdin"; fi

	# LANTERN_LANE: the lane this runner is in (tests/qemu/lane.sh sets qemu)
	# (any: every case, to see how all of them fare on another kernel)
	local lane=${LANTERN_LANE:-host}
	if [[ $lane != any && " ${T[lanes]:-host} " != *" $lane "* ]]; then
		echo "SKIP $name: runs in the ${T[lanes]:-host} lane, not the $lane one"
		((skipped++))
		rm -rf "$work"
		return
	fi
	if [[ -n ${T[requires]:-} ]] && ! (cd "$cwd" && bash -c "${T[requires]}") >/dev/null 2>&1; then
		echo "SKIP $name: requires: ${T[requires]}"
		((skipped++))
		rm -rf "$work"
		return
	fi

	why=
	local timeout=${T[timeout]:-20} start deadline pid rc
	if [[ ! $timeout =~ ^[0-9]+$ ]]; then
		why+="bad 'timeout:' value (whole seconds): $timeout"$'\n'
		timeout=20
	fi
	timeout=$((timeout * ${TIMEOUT_SCALE:-1})) # an emulated machine (the QEMU lane) is slower
	start=$(now_ms)
	deadline=$((start + timeout * 1000))

	if [[ -n ${T[setup]:-} ]] && ! (cd "$cwd" && bash -c "${T[setup]}") >"$work/setup.log" 2>&1; then
		echo "FAIL $name: setup failed: ${T[setup]}"
		sed 's/^/  | /' "$work/setup.log"
		((failed++))
		[[ -n ${KEEP_TMP:-} ]] || rm -rf "$work"
		return
	fi

	local progs_before
	progs_before=$(loaded_prog_ids)

	# Start lantern. "exec" twice keeps one pid from here to lantern, so the
	# signal reaches it; env --default-signal undoes the SIGINT/SIGQUIT ignore
	# that background jobs may inherit.
	(
		cd "$cwd" || exit 127
		exec env --default-signal bash -c "exec ${T[cmd]}" \
			<"$stdin" >"$out" 2>"$err"
	) &
	pid=$!

	# Wait for the banner, if something (workload or signal) depends on it.
	local timed_out=0
	if [[ -n ${T[workload]:-}${T[signal]:-} ]]; then
		while ! grep -q 'Attached ' "$err" && alive "$pid"; do
			if (($(now_ms) > deadline)); then timed_out=1; break; fi
			sleep 0.02
		done
	fi

	if ((!timed_out)) && [[ -n ${T[workload]:-} ]] && alive "$pid"; then
		[[ -d $WORKLOADS ]] || build_workloads # removed by a "make clean" meanwhile?
		local secs_left=$(((deadline - $(now_ms)) / 1000 + 1))
		(cd "$cwd" && exec timeout -s KILL "$secs_left" bash -c "${T[workload]}") \
			</dev/null >"$work/workload.out" 2>"$work/workload.err"
		rc=$?
		if ((rc != 0)); then
			why+="workload exited with status $rc: ${T[workload]}"$'\n'
			[[ -s $work/workload.err ]] && why+="$(sed 's/^/  | /' "$work/workload.err")"$'\n'
		fi
	elif ((!timed_out)) && [[ -n ${T[delay]:-} ]]; then
		sleep "${T[delay]}"
	fi

	if ((!timed_out)) && [[ -n ${T[signal]:-} ]] && alive "$pid"; then
		kill -s "${T[signal]}" "$pid" 2>/dev/null
	fi

	# Wait for lantern to exit, up to the deadline.
	while ((!timed_out)) && alive "$pid"; do
		if (($(now_ms) > deadline)); then timed_out=1; break; fi
		sleep 0.02
	done
	if ((timed_out)); then
		kill_case "$pid"
		why+="timed out after ${timeout}s (killed)"$'\n'
	fi
	{ wait "$pid"; } 2>/dev/null # no "Killed" notice from bash
	rc=$?

	# Exit status.
	local want_exit=${T[exit]:-0}
	[[ $want_exit =~ ^([0-9]+|nonzero)$ ]] || why+="bad 'exit:' value: $want_exit"$'\n'
	if ((!timed_out)); then
		if [[ $want_exit == nonzero ]]; then
			((rc != 0)) || why+="exit status 0, expected non-zero"$'\n'
		elif [[ $want_exit =~ ^[0-9]+$ ]] && ((rc != want_exit)); then
			why+="exit status $rc, expected $want_exit"$'\n'
		fi
	fi

	# Output.
	[[ -v T[stdout] ]] && check_exact stdout "${T[stdout]}" "$out"
	[[ -v T[stderr] ]] && check_exact stderr "${T[stderr]}" "$err"
	check_regexes stdout match "${T[stdout_match]:-}" "$out"
	check_regexes stderr match "${T[stderr_match]:-}" "$err"
	check_regexes stdout nomatch "${T[stdout_nomatch]:-}" "$out"
	check_regexes stderr nomatch "${T[stderr_nomatch]:-}" "$err"

	# Nothing may stay loaded. Programs that were there before the case (an
	# earlier leak) or that a live process holds (a concurrent lantern run)
	# are not this case's fault.
	local left i
	for ((i = 0; i < 50; i++)); do
		left=$(comm -13 <(echo "$progs_before") <(loaded_prog_ids))
		[[ -n $left ]] && left=$(comm -23 <(echo "$left") <(held_prog_ids))
		[[ -z $left ]] && break
		sleep 0.02
	done
	[[ -n $left ]] && why+="left BPF programs in the kernel: ids $(echo $left)"$'\n'

	local took=$(($(now_ms) - start))
	if [[ -z $why ]]; then
		echo "PASS $name ($((took / 1000)).$((took % 1000 / 100))s)"
		((passed++))
		if ((verbose)); then show_tail stdout "$out" 40; show_tail stderr "$err" 40; fi
	else
		echo "FAIL $name [$(basename "$file")]"
		echo "  cmd: ${T[cmd]}"
		sed 's/^/  /' <<<"${why%$'\n'}"
		show_tail stdout "$out"
		show_tail stderr "$err"
		[[ -n ${KEEP_TMP:-} ]] && echo "  kept: $work"
		((failed++))
	fi
	[[ -n ${KEEP_TMP:-} ]] || rm -rf "$work"
}

# -------------------------------------------------------------------- main

[[ $lantern == /* ]] || lantern=$PWD/$lantern

if (($(id -u) == 0)); then
	command -v bpftool >/dev/null || echo "run.sh: bpftool not found: cannot check for left BPF programs" >&2
	# No tracefs mount here: finding or mounting it is lantern's job.
fi

# The environment every case command, setup and workload sees. A private bin
# dir holds a "lantern" symlink so "#!/usr/bin/env lantern" finds the binary
# under test even when it is named otherwise (e.g. a wrapper).
bindir=$(mktemp -d /tmp/lantern-rt-bin.XXXXXX)
trap 'rm -rf "$bindir"' EXIT
ln -s "$lantern" "$bindir/lantern"
export LANTERN=$lantern
export WORKLOADS=$root/tests/workloads/bin
export CASEDIR=$here/cases # set per case below
export PATH=$bindir:$(dirname "$lantern"):$PATH

# (Re)build the workloads; make does nothing when they are up to date.
build_workloads() {
	make -s -C "$root/tests/workloads" >&2 || echo "run.sh: building workloads failed" >&2
}
(($(id -u) == 0)) && build_workloads

for c in "${cases[@]}"; do
	run_case "$c"
done

echo "runtime tests: $passed passed, $failed failed, $skipped skipped"
[[ -n ${RESULTS_FILE:-} ]] && echo "runtime $passed $failed $skipped" >>"$RESULTS_FILE"
((failed == 0))
