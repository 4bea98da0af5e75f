#!/bin/bash
# The bad-input corpus: every entry of tests/errors/*.txt is a wrong
# script or command line that must end within a few seconds, with a
# non-zero exit, nothing on stdout, and the expected message as the first
# line of stderr; a message with a place (file:line:col-end:) must be
# followed by the line and an underline. Nothing is loaded (--dry-run where it is
# a script).
#
# Entry keys, one entry per blank-line-separated block:
#   in:    the program, given as -e '...' (one line)
#   args:  lantern's arguments (shell words)
#   cmd:   a bash command line run in a fresh temp dir, $LANTERN the binary
#   error: the expected first line of stderr, exactly (the binary's path
#          written as "lantern")
# Usage: tests/errors/run.sh [--lantern PATH] [FILE.txt...]
# Env: RESULTS_FILE gets "errors PASSED FAILED 0"
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
LANTERN=$root/lantern
[ "${1:-}" = --lantern ] && { LANTERN=$2; shift 2; }
export LANTERN
files=("$@")
[ ${#files[@]} -gt 0 ] || files=("$root"/tests/errors/*.txt)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0 slowest=0 slowest_what=

check() { # FILE KIND TEXT EXPECTED
	local file=$1 kind=$2 text=$3 expected=$4 why=
	rm -rf "$tmp/run" && mkdir "$tmp/run"
	local start=$(date +%s%N)
	case $kind in
	in) (cd "$tmp/run" && timeout 10 "$LANTERN" --dry-run -e "$text") </dev/null >"$tmp/out" 2>"$tmp/err" ;;
	args) (cd "$tmp/run" && eval "timeout 10 \"\$LANTERN\" $text") </dev/null >"$tmp/out" 2>"$tmp/err" ;;
	cmd) (cd "$tmp/run" && timeout 10 bash -c "$text") </dev/null >"$tmp/out" 2>"$tmp/err" ;;
	esac
	local rc=$? ms=$((($(date +%s%N) - start) / 1000000))
	[ $ms -gt $slowest ] && { slowest=$ms; slowest_what="$kind: $text"; }
	sed -i "s#$LANTERN#lantern#g" "$tmp/err"
	local first=$(head -n 1 "$tmp/err")
	if [ $rc -eq 124 ]; then why="did not end within 10 s"
	elif [ $rc -eq 0 ]; then why="exit status 0"
	elif [ $rc -gt 128 ]; then why="killed by signal $((rc - 128))"
	elif [ "$first" != "$expected" ]; then why="stderr's first line is: $first"
	elif [ -s "$tmp/out" ]; then why="it wrote to stdout"
	elif [[ $first =~ ^[^\ :]+:[0-9]+:[0-9]+-[0-9:]+:\ ERROR: ]] && ! sed -n 3p "$tmp/err" | grep -qE '^[[:space:]]*~+$'; then
		why="no underline under the line"
	fi
	if [ -n "$why" ]; then
		failed=$((failed + 1))
		echo "FAIL ${file#$root/}: $kind: $text"
		echo "  expected: $expected"
		echo "  $why"
	else
		passed=$((passed + 1))
	fi
}

for f in "${files[@]}"; do
	kind= text= expected=
	while IFS= read -r line || [ -n "$line" ]; do
		case $line in
		'#'*) ;;
		in:\ *|args:\ *|cmd:\ *) kind=${line%%:*}; text=${line#*: } ;;
		error:\ *) expected=${line#error: } ;;
		'') [ -n "$kind" ] && check "$f" "$kind" "$text" "$expected"; kind= ;;
		*) echo "FAIL $f: cannot read the line: $line"; failed=$((failed + 1)) ;;
		esac
	done <"$f"
	[ -n "$kind" ] && check "$f" "$kind" "$text" "$expected"
done
echo "bad-input corpus: $passed passed, $failed failed (slowest ${slowest} ms: $slowest_what)"
[ -n "${RESULTS_FILE:-}" ] && echo "errors $passed $failed 0" >>"$RESULTS_FILE"
[ "$failed" -eq 0 ]
