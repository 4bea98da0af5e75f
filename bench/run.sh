#!/bin/bash
# lantern against bpftrace, side by side in one run, alternating A B A B.
# Prints a table of medians and ratios lantern/bpftrace; with --write, also
# puts it into bench/README.md. Needs root. See bench/README.md.
#
# Usage: bench/run.sh [--lane] [--write] [--rounds N] [--only REGEX]
#   --lane   the kernel-probe cases (kprobe, kretprobe), which this host's
#            kernel cannot run, inside tests/qemu/lane.sh's guest instead
#            of the host's cases; their own table in bench/README.md
#   --only   only the cases whose names match (and the empty probe, which
#            ns_above_empty needs); --write then replaces only their rows
#   ROUNDS (default 3) runs of each tool per case; READS (default 1000000)

set -u
export LC_ALL=C
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
LANTERN=$root/lantern
WL=$root/tests/workloads/bin
ROUNDS=${ROUNDS:-3}
READS=${READS:-1000000}
write=0 only=. lane=0 guest=0
while (($#)); do
	case $1 in
	--write) write=1; shift ;;
	--rounds) ROUNDS=$2; shift 2 ;;
	--only) only=$2; shift 2 ;;
	--lane) lane=1; shift ;;
	--guest) guest=1; shift ;; # inside the lane's guest (--lane runs it)
	*) echo "usage: $0 [--lane] [--write] [--rounds N] [--only REGEX]" >&2; exit 2 ;;
	esac
done
[ "$(id -u)" = 0 ] || { echo "bench: needs root" >&2; exit 1; }
# the guest sees the checkout read-only: the host built it before the boot
((guest)) || { make -s -C "$root" lantern >/dev/null && make -s -C "$root/tests/workloads" >/dev/null; } || exit 1
WORKLOAD_CPU=$(($(nproc) - 1))
BPFTRACE=$(command -v bpftrace || true)
[ -n "$BPFTRACE" ] || echo "note: bpftrace is not installed: lantern's numbers only, no ratios" >&2
tools=(lantern); [ -n "$BPFTRACE" ] && tools+=(bpftrace)
tool_bin() { [ "$1" = lantern ] && echo "$LANTERN" || echo "$BPFTRACE"; }

sysctl -q kernel.bpf_stats_enabled=1
tmp=$(mktemp -d)
trap 'sysctl -q kernel.bpf_stats_enabled=0; rm -rf "$tmp"' EXIT
results=$tmp/results # lines: case metric tool value

record() { echo "$1|$2|$3|$4" >>"$results"; }

# every case's name, in order, selected or not: --write of a part of the
# cases keeps the table's other rows in their places
all_cases=()
selected() {
	all_cases+=("$1")
	[[ $1 =~ $only ]]
}

# stop_tool PID [S]: SIGINT, and again every S (5) s while it runs (bpftrace 0.17
# now and then misses the first); returns once it has exited
stop_tool() {
	kill -INT "$1"
	# 1 s sleeps: one left behind when the loop is killed holds the bench's output open that long at most
	(n=0; while sleep 1 && kill -0 "$1" 2>/dev/null; do ((++n % ${2:-5})) || kill -INT "$1" 2>/dev/null; done) &
	local resend=$!
	wait "$1"
	kill "$resend" 2>/dev/null
	wait "$resend" 2>/dev/null
}

prog_ids() { bpftool prog show 2>/dev/null | awk -F: '/^[0-9]+:/ { print $1 }' | sort -n; }

# "ns cnt xlated_insns" summed over the given program ids
prog_stats() {
	local ns=0 cnt=0 insns=0 id line
	for id in "$@"; do
		line=$(bpftool prog show id "$id" 2>/dev/null | tr '\n' ' ')
		ns=$((ns + $(sed -n 's/.*run_time_ns \([0-9]*\).*/\1/p' <<<"$line" | grep . || echo 0)))
		cnt=$((cnt + $(sed -n 's/.*run_cnt \([0-9]*\).*/\1/p' <<<"$line" | grep . || echo 0)))
		insns=$((insns + $(sed -n 's/.*xlated \([0-9]*\)B.*/\1/p' <<<"$line" | grep . || echo 0) / 8))
	done
	echo "$ns $cnt $insns"
}

# per_event NAME SCRIPT [WORKLOAD...]: a per-event case, run by
# run_per_event_cases; per_event_with FLAGS NAME SCRIPT [WORKLOAD...]
# gives both tools FLAGS too (-f json). A case's probes are seen to run
# (warmed up) by a few reads, or by the command in $WARMUP when it is set
# (user-space probes fire in their own workload only).
pe_names=() pe_scripts=() pe_workloads=() pe_flags=() pe_warmups=()
per_event_with() {
	selected "$2" || [[ $2 == *"(floor)"* ]] || return 0
	pe_flags+=("$1") pe_names+=("$2") pe_scripts+=("$3") pe_warmups+=("${WARMUP:-$WL/wl_read 10 100}")
	shift 3
	pe_workloads+=("${*:-$WL/wl_read $READS 100}")
}
per_event() { per_event_with "" "$@"; }

# measure_per_event TOOL NAME SCRIPT WORKLOAD: start the tool, wait until
# its tracepoint programs run, then time the workload's events.
measure_per_event() {
	local tool=$1 name=$2 script=$3 workload flags warmup
	# The workload on the last CPU, the tools elsewhere: less noise.
	read -ra workload <<<"$4"
	read -ra flags <<<"$5"
	read -ra warmup <<<"$6"
	workload=(taskset -c "$WORKLOAD_CPU" "${workload[@]}")
	local before ids=() out=$tmp/out err=$tmp/err pid i
	before=$(prog_ids)
	BPFTRACE_MAP_KEYS_MAX=1100000 "$(tool_bin $tool)" "${flags[@]}" -e "$script" >"$out" 2>"$err" &
	pid=$!
	for ((i = 0; i < 200; i++)); do
		mapfile -t ids < <(comm -13 <(echo "$before") <(prog_ids))
		if ((${#ids[@]})); then
			read -r _ cnt _ < <(prog_stats "${ids[@]}")
			((cnt > 0)) && break
		fi
		"${warmup[@]}" >/dev/null
		sleep 0.05
	done
	read -r ns0 cnt0 insns < <(prog_stats "${ids[@]}")
	"${workload[@]}"
	read -r ns1 cnt1 _ < <(prog_stats "${ids[@]}")
	stop_tool $pid
	record "$name" ns_per_event $tool "$(awk -v a=$((ns1 - ns0)) -v b=$((cnt1 - cnt0)) 'BEGIN { printf "%.1f", b ? a / b : 0 }')"
	record "$name" insns $tool "$insns"
	if [[ $name == printf* ]]; then # every line delivered?
		record "$name" delivered $tool "$(grep -c . "$out")"
		record "$name" lost $tool "$(grep -oE 'Lost [0-9]+' "$err" "$out" | grep -oE '[0-9]+$' | awk '{ s += $1 } END { print s + 0 }')"
	fi
}

# Round after round, every case with every tool: the fixed cost of
# running a program drifts over minutes here, and this way it drifts
# alike for every case, the empty probe included.
run_per_event_cases() {
	local round c tool
	# the empty probe alone is run only when asked for
	((${#pe_names[@]} == 1)) && ! [[ ${pe_names[0]} =~ $only ]] && return
	for ((round = 0; round < ROUNDS; round++)); do
		for c in "${!pe_names[@]}"; do
			for tool in "${tools[@]}"; do
				measure_per_event "$tool" "${pe_names[$c]}" "${pe_scripts[$c]}" "${pe_workloads[$c]}" \
					"${pe_flags[$c]}" "${pe_warmups[$c]}"
			done
		done
	done
}

# alternate FN ARGS...: FN TOOL ARGS... with each tool in turn, ROUNDS times
alternate() {
	local fn=$1 round tool
	shift
	for ((round = 0; round < ROUNDS; round++)); do
		for tool in "${tools[@]}"; do
			"$fn" "$tool" "$@"
		done
	done
}

# whole_run NAME SCRIPT: wall, cpu and peak RSS of whole runs
whole_run() {
	selected "$1" && alternate measure_whole_run "$@"
	return 0
}

measure_whole_run() {
	local tool=$1 name=$2 script=$3
	# bash's time has millisecond resolution; /usr/bin/time gives the peak RSS
	local TIMEFORMAT='%3R %3U %3S'
	{ time /usr/bin/time -f "%M" -o "$tmp/rss" "$(tool_bin $tool)" -e "$script" >/dev/null 2>&1; } 2>"$tmp/time"
	read -r wall user sys <"$tmp/time"
	rss=$(tail -n 1 "$tmp/rss")
	record "$name" wall_ms $tool "$(awk -v w=$wall 'BEGIN { printf "%.1f", w * 1000 }')"
	record "$name" cpu_ms $tool "$(awk -v u=$user -v s=$sys 'BEGIN { printf "%.1f", (u + s) * 1000 }')"
	record "$name" rss_mb $tool "$(awk -v r=$rss 'BEGIN { printf "%.1f", r / 1024 }')"
}

# map_print NAME KEYS: fill a map with KEYS distinct keys, then time from
# SIGINT to exit (the map printed to a file)
map_print() {
	selected "$1" && alternate measure_map_print "$@"
	return 0
}

measure_map_print() {
	local tool=$1 name=$2 keys=$3
	BPFTRACE_MAP_KEYS_MAX=$((keys + 100000)) "$(tool_bin $tool)" \
		-e 'tracepoint:syscalls:sys_enter_read /comm == "wl_read"/ { @[nsecs] = count(); }' >"$tmp/out" 2>"$tmp/err" &
	local pid=$! i
	for ((i = 0; i < 100; i++)); do grep -qsE "Attach(ing|ed) " "$tmp/err" "$tmp/out" && break; sleep 0.05; done
	sleep 1 # bpftrace 0.17 prints its banner before it attaches
	"$WL/wl_read" "$keys" 1
	local t0 t1
	t0=$(date +%s%N)
	stop_tool $pid
	t1=$(date +%s%N)
	record "$name" exit_ms $tool $(((t1 - t0) / 1000000))
	record "$name" keys_printed $tool "$(grep -c '^@\[' "$tmp/out")"
}

# A program of 1,000 functions fn_0..fn_999, built once: its path
many_functions() {
	local bin=$tmp/many_functions
	if [ ! -x "$bin" ]; then
		{
			for ((i = 0; i < 1000; i++)); do echo "__attribute__((noinline)) int fn_$i(int x) { return x + $i; }"; done
			echo 'int main(void) { return fn_0(0); }'
		} >"$bin.c"
		cc -O1 -o "$bin" "$bin.c" || exit 1
	fi
	echo "$bin"
}

# stacks_print NAME DEPTH: a uprobe counts the 2^DEPTH distinct user
# stacks of wl_paths (which stays alive, so its addresses resolve), then
# the time from SIGINT until the tool has printed them, symbolized
stacks_print() {
	selected "$1" && alternate measure_stacks_print "$@"
	return 0
}

measure_stacks_print() {
	local tool=$1 name=$2 depth=$3 keys=$((1 << $3))
	: >"$tmp/out" && : >"$tmp/err"
	BPFTRACE_MAP_KEYS_MAX=$((keys + 100000)) "$(tool_bin $tool)" \
		-e "uprobe:$WL/wl_paths:wl_leaf { @[ustack] = count(); }" >"$tmp/out" 2>"$tmp/err" &
	local pid=$! i
	for ((i = 0; i < 600; i++)); do grep -qsE "Attach(ing|ed) " "$tmp/err" "$tmp/out" && break; sleep 0.05; done
	sleep 1 # bpftrace 0.17 prints its banner before it attaches
	"$WL/wl_paths" "$depth" 600 &
	local wl=$! t0 t1
	sleep 3 # its calls take well under a second
	t0=$(date +%s%N)
	stop_tool $pid 120 # bpftrace 0.17 is cut there: its time a lower bound, its stacks_printed 0
	t1=$(date +%s%N)
	kill $wl 2>/dev/null
	wait $wl 2>/dev/null
	record "$name" exit_ms $tool $(((t1 - t0) / 1000000))
	record "$name" stacks_printed $tool "$(grep -c '^@\[' "$tmp/out")"
	record "$name" frames_named $tool "$(grep -c 'wl_l' "$tmp/out")"
}

# start_exit NAME SCRIPT: the time from the start until every probe is
# attached, and from SIGINT until the tool has exited. lantern says
# "Attached N probes" once they are; bpftrace 0.17 says "Attaching N
# probes..." before it attaches, so for it the N perf events with its
# programs are counted (bpftool perf).
start_exit() {
	selected "$1" && alternate measure_start_exit "$@"
	return 0
}

measure_start_exit() {
	local tool=$1 name=$2 script=$3 pid n i t0 t1 t2 attached=0
	: >"$tmp/out" && : >"$tmp/err" # not the last run's banner
	t0=$(date +%s%N)
	"$(tool_bin $tool)" -e "$script" >"$tmp/out" 2>"$tmp/err" &
	pid=$!
	for ((i = 0; i < 3000; i++)); do
		grep -qs '^Attached ' "$tmp/err" "$tmp/out" && attached=1 && break
		n=$(sed -n 's/^Attaching \([0-9]*\) probes.*/\1/p' "$tmp/err" "$tmp/out")
		[ -n "$n" ] && (($(bpftool perf show 2>/dev/null | grep -c "^pid $pid ") >= n)) && attached=1 && break
		sleep 0.02
	done
	t1=$(date +%s%N)
	stop_tool $pid
	t2=$(date +%s%N)
	((attached)) || { echo "bench: $tool did not attach \"$name\" in 60 s" >&2; return; }
	record "$name" start_ms $tool $(((t1 - t0) / 1000000))
	record "$name" exit_ms $tool $(((t2 - t1) / 1000000))
}

# --- the kernel-probe lane: --lane boots the guest, --guest runs in it ---
# The guest runs its cases and prints its records, its cases' names and
# its kernel's version, each line tagged; the host reads them back.
guest_kernel=
run_lane() {
	local log=$tmp/lane
	QEMU_LANE_TIMEOUT=${QEMU_LANE_TIMEOUT:-3600} bash "$root/tests/qemu/lane.sh" --command \
		"$(printf 'ROUNDS=%q READS=%q bench/run.sh --guest --only %q' "$ROUNDS" "$READS" "$only")" >"$log" 2>&1
	sed -n 's/^bench-record|//p' "$log" >>"$results"
	mapfile -t all_cases < <(sed -n 's/^bench-case|//p' "$log")
	guest_kernel=$(sed -n 's/^bench-kernel|//p' "$log")
	grep '^qemu lane: skipped' "$log" >&2 && exit 0 # no qemu, no kernel: nothing to measure
	[ -s "$results" ] || { cat "$log" >&2; echo "bench: the lane measured nothing" >&2; exit 1; }
	grep -v '^bench-' "$log" >&2
}

# --- the cases ---
floor_table=
if ((lane)); then
	run_lane
elif ((guest)); then
	# a kprobe and a kretprobe on vfs_read, which every read(2) calls
	per_event "kprobe: empty (floor)" 'kprobe:vfs_read { }'
	per_event "kprobe: @ = count()" 'kprobe:vfs_read { @ = count(); }'
	per_event "kprobe: @[comm] = count()" 'kprobe:vfs_read { @[comm] = count(); }'
	per_event "kretprobe: @ = hist(retval)" 'kretprobe:vfs_read { @ = hist(retval); }'
	run_per_event_cases
	echo "bench-kernel|$(uname -r), $(nproc) vCPUs"
	printf 'bench-case|%s\n' "${all_cases[@]}"
	sed 's/^/bench-record|/' "$results"
	exit 0
else
	per_event "empty probe (floor)" 'tracepoint:syscalls:sys_enter_read { }'
	per_event "@[comm] = count()" 'tracepoint:syscalls:sys_enter_read { @[comm] = count(); }'
	per_event "@ = count()" 'tracepoint:syscalls:sys_enter_read { @ = count(); }'
	per_event "@ = hist(ret)" 'tracepoint:syscalls:sys_exit_read { @ = hist(args->ret); }'
	per_event "@[pid] = hist(ret)" 'tracepoint:syscalls:sys_exit_read { @[pid] = hist(args->ret); }'
	per_event "latency: start[tid], hist, delete" 'tracepoint:syscalls:sys_enter_read { @start[tid] = nsecs; } tracepoint:syscalls:sys_exit_read /@start[tid]/ { @ns = hist(nsecs - @start[tid]); delete(@start[tid]); }'
	per_event "printf(\"%d %s\\n\", pid, comm)" 'tracepoint:syscalls:sys_enter_read /comm == "wl_read"/ { printf("%d %s\n", pid, comm); }' "$WL/wl_read" 200000 100
	per_event_with "-f json" "printf, JSON output (-f json)" 'tracepoint:syscalls:sys_enter_read /comm == "wl_read"/ { printf("%d %s\n", pid, comm); }' "$WL/wl_read" 200000 100
	per_event "printf of 4 strings" 'tracepoint:syscalls:sys_enter_openat /comm == "wl_open"/ { printf("%s %s %s %s\n", comm, str(args->filename), comm, str(args->filename)); }' "$WL/wl_open" 100000
	per_event "@[comm, pid] = sum(count)" 'tracepoint:syscalls:sys_enter_read { @[comm, pid] = sum(args->count); }'
	per_event "@ = stats(ret)" 'tracepoint:syscalls:sys_exit_read { @ = stats(args->ret); }'
	# user space: a uprobe and a uretprobe on a hot function of ours, a USDT
	# probe's two arguments, stacks sampled from a spinning process
	WARMUP="$WL/wl_uprobe 10" per_event "uprobe: @ = count()" "uprobe:$WL/wl_uprobe:wl_add { @ = count(); }" "$WL/wl_uprobe 200000"
	WARMUP="$WL/wl_uprobe 10" per_event "uretprobe: @ = hist(retval)" "uretprobe:$WL/wl_uprobe:wl_add { @ = hist(retval); }" "$WL/wl_uprobe 200000"
	WARMUP="$WL/wl_usdt 10" per_event "usdt, 2 arguments: @[arg0 % 8] = sum(arg1)" "usdt:$WL/wl_usdt:wl:args { @[arg0 % 8] = sum(arg1); }" "$WL/wl_usdt 100000"
	WARMUP="$WL/wl_spin 100" per_event "profile:hz:999 @[ustack] = count()" 'profile:hz:999 /comm == "wl_spin"/ { @[ustack] = count(); }' "$WL/wl_spin 3000"
	# kernel stacks of a process busy reading (those of the others, the
	# tools' own among them, would differ from tool to tool)
	per_event "profile:hz:999 @[kstack] = count()" 'profile:hz:999 /comm == "wl_read"/ { @[kstack] = count(); }' "$WL/wl_read $((READS * 10)) 100"
	run_per_event_cases
	whole_run "start-up: BEGIN { exit(); }" 'BEGIN { exit(); }'
	whole_run "start-up: BTF struct walk (curtask->real_parent->pid)" 'BEGIN { printf("%d\n", curtask->real_parent->pid); exit(); }'
	whole_run "start-up: uprobe:libc:malloc (libc's symbols read)" 'uprobe:libc:malloc { @ = count(); } interval:ms:100 { exit(); }'
	whole_run "start-up: uprobe wildcard libc:str* (79 functions)" 'uprobe:libc:str* { @[probe] = count(); } interval:ms:100 { exit(); }'
	BPFTRACE_MAX_PROBES=1100 BPFTRACE_MAX_BPF_PROGS=1100 whole_run "start-up: uprobe wildcard of 1,000 functions" "uprobe:$(many_functions):fn_* { @[probe] = count(); } interval:ms:100 { exit(); }"
	whole_run "start-up: tracepoint + interval exit" 'tracepoint:syscalls:sys_enter_read { @ = count(); } interval:ms:100 { exit(); }'
	whole_run "102 probes (sys_enter_{s,p,d}*): compile, attach, detach" 'tracepoint:syscalls:sys_enter_s*, tracepoint:syscalls:sys_enter_p*, tracepoint:syscalls:sys_enter_d* { @[probe] = count(); } interval:ms:100 { exit(); }'
	whole_run "360 probes (sys_enter_*): compile, attach, detach" 'tracepoint:syscalls:sys_enter_* { @[probe] = count(); } interval:ms:100 { exit(); }'
	start_exit "360 probes (sys_enter_*): start, exit" 'tracepoint:syscalls:sys_enter_* { @[probe] = count(); }'
	stacks_print "print 131,072 user stacks (symbolized)" 17
	map_print "print a 100,000-key map" 100000
	map_print "print a 1,000,000-key map" 1000000

	# --- the floor: hand-written counters (bench/floor.c), no tool involved ---
	if [[ "floor: cheapest counters" =~ $only ]]; then
		cc -O2 -o "$tmp/floor" "$here/floor.c" -lbpf || exit 1
		floor_table=$(taskset -c "$WORKLOAD_CPU" "$tmp/floor" "$READS" $((ROUNDS * 3 < 101 ? ROUNDS * 3 : 101)))
	fi
fi

# --- the table ---
table=$(awk -F'|' -v tools="${tools[*]}" '
	function median(list,   n, a, i, j, t) {
		n = split(list, a, " ")
		for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
		return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
	}
	{ key = $1 "|" $2; if (!(key in seen)) { seen[key] = 1; order[++n] = key } v[key "|" $3] = v[key "|" $3] " " $4 }
	END {
		print "| case | metric | lantern | bpftrace | ratio |"
		print "|---|---|---:|---:|---:|"
		for (i = 1; i <= n; i++) {
			split(order[i], k, "|")
			l = median(v[order[i] "|lantern"])
			b = (order[i] "|bpftrace") in v ? median(v[order[i] "|bpftrace"]) : ""
			r = (b != "" && b + 0 > 0) ? sprintf("%.2f", l / b) : "-"
			printf "| %s | %s | %s | %s | %s |\n", k[1], k[2], l, b, r
			if (k[2] != "ns_per_event") continue
			if (k[1] ~ /floor/) { floor_l = l; floor_b = b; continue }
			# what the program itself costs: the fixed cost of running any
			# program (the empty probe, measured the same way) taken off
			if (floor_l != "" && floor_b != "" && b - floor_b > 0)
				printf "| %s | ns_above_empty | %.1f | %.1f | %.2f |\n", k[1], l - floor_l, b - floor_b, (l - floor_l) / (b - floor_b)
		}
	}' "$results")

# --- into bench/README.md, between <!-- MARK --> and <!-- end MARK --> ---
# with_geomean: the table and the geometric mean of its per-event ratios
with_geomean() {
	awk -F' [|] ' '{ print }
		$2 == "ns_per_event" && $1 !~ /floor/ && $4 + 0 > 0 { gm += log($3 / $4); gn++ }
		END { if (gn) printf "| geometric mean (per event, floor aside) | ns_per_event | | | %.2f |\n", exp(gm / gn) }'
}

# merged OLD NEW: the rows of NEW's cases from NEW, the other cases' rows
# from OLD, in the order of all_cases
merged() {
	ORDER=$(printf '%s\n' "${all_cases[@]}") awk -F' [|] ' '
		function name(row) { return substr(row, 3) }
		FNR <= 2 { if (FILENAME == ARGV[2]) print; next } # the header
		$1 ~ /geometric mean/ { next }
		FILENAME == ARGV[1] { old[name($1)] = old[name($1)] $0 "\n" }
		FILENAME == ARGV[2] { new[name($1)] = new[name($1)] $0 "\n" }
		END {
			n = split(ENVIRON["ORDER"], order, "\n")
			for (i = 1; i <= n; i++) printf "%s", order[i] in new ? new[order[i]] : old[order[i]]
		}' <(grep '^|' <<<"$1") <(grep '^|' <<<"$2")
}

# write_section MARK TEXT: TEXT in place of the section's old text
write_section() {
	MARK=$1 TEXT=$2 awk '
		$0 == "<!-- " ENVIRON["MARK"] " -->" { print; print ""; print ENVIRON["TEXT"]; print ""; skip = 1; next }
		$0 == "<!-- end " ENVIRON["MARK"] " -->" { skip = 0 }
		!skip' "$here/README.md" >"$tmp/readme" && cp "$tmp/readme" "$here/README.md"
}

# write_table MARK STAMP: a whole run replaces the table; a run of some
# cases (--only) replaces their rows and says so above the table. The
# empty probe it ran only for their ns_above_empty keeps its old rows,
# which the table's other rows were computed from.
write_table() {
	local mark=$1 fresh=$table old notes floor cases
	if [ "$only" = . ]; then
		write_section "$mark" "$(printf 'Measured %s:\n\n%s' "$2" "$(with_geomean <<<"$table")")"
		return
	fi
	floor=$(awk -F' [|] ' 'NR > 2 && $1 ~ /floor/ { print substr($1, 3); exit }' <<<"$table")
	if [ -n "$floor" ] && ! [[ $floor =~ $only ]]; then
		fresh=$(awk -F' [|] ' -v f="| $floor" '$1 != f' <<<"$table")
		floor=$(awk -F' [|] ' -v f="| $floor" '$1 == f && $2 == "ns_per_event" { printf " (ns_above_empty against that run'"'"'s empty probe: %s and %s ns)", $3, $4 }' <<<"$table")
	else
		floor=
	fi
	old=$(sed -n "/^<!-- $mark -->\$/,/^<!-- end $mark -->\$/p" "$here/README.md" | sed '1d;$d')
	notes=$(awk 'NF && !/^[|]/ { printf "%s\n\n", $0 }' <<<"$old")
	notes=${notes:+$notes$'\n\n'}
	cases=$(awk -F' [|] ' 'NR > 2 { c = substr($1, 3) } NR > 2 && c != last { printf "%s`%s`", n++ ? ", " : "", c; last = c }' <<<"$fresh")
	write_section "$mark" "$(printf '%sRe-measured %s: %s%s.\n\n%s' "$notes" "$2" "$cases" "$floor" "$(merged "$old" "$fresh" | with_geomean)")"
}

with_geomean <<<"$table"
[ -n "$floor_table" ] && printf '\nThe cheapest counters (bench/floor.c):\n\n%s\n' "$floor_table"
if ((write)); then
	host="$(uname -r), $(nproc) CPUs, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)"
	bt=$([ -n "$BPFTRACE" ] && "$BPFTRACE" --version)
	if ((lane)); then
		write_table "lane table" "$(date -u +%F) in the kernel-probe lane: Linux $guest_kernel under QEMU (TCG, emulated: absolute times are inflated, ratios compare) on $host; $bt; $ROUNDS rounds, medians"
	else
		write_table table "$(date -u +%F) on $host; $bt; $ROUNDS rounds, medians"
		[ -n "$floor_table" ] && write_section floor "$floor_table"
	fi
fi
