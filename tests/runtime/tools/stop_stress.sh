#!/bin/bash
# Starts lantern ROUNDS times on scripts of every probe type this kernel
# has, and stops each at a random moment (compiling, attaching, running)
# with SIGINT, SIGTERM, SIGHUP, SIGKILL or a closed pipe. Then no program,
# map or link of lantern's may be left in the kernel. Prints the stops, the
# slowest, and what was left; exits non-zero if anything was, or if a stop
# hung (5 s: a bound for the test, not a speed target).
# Usage: stop_stress.sh LANTERN WORKLOADS [ROUNDS]
set -u
lantern=$1 workloads=$2 rounds=${3:-100}
scripts=(
	'BEGIN { printf("begin\n"); } END { printf("end\n"); }'
	'interval:ms:5 { @n = count(); printf("%d\n", nsecs); }'
	'profile:hz:997 { @[cpu] = count(); }'
	'tracepoint:syscalls:sys_enter_read { @[comm] = count(); printf("%s\n", comm); }'
	'tracepoint:syscalls:sys_enter_open*, tracepoint:syscalls:sys_exit_open* { @[probe] = count(); }'
	'tracepoint:sched:sched_switch { @s[tid] = nsecs; } tracepoint:sched:sched_wakeup { @w = hist(pid); }'
	'rawtracepoint:sys_enter { @[arg1] = count(); }'
	'tracepoint:syscalls:sys_enter_* { @[probe] = count(); }'
	"uprobe:$workloads/wl_uprobe:wl_add { @[arg0] = count(); } uretprobe:$workloads/wl_uprobe:wl_add { @r = sum(retval); }"
	"usdt:$workloads/wl_usdt:wl:* { @[probe] = count(); } usdt:$workloads/wl_usdt:wl:args { @a = sum(arg0); }"
	'tracepoint:syscalls:sys_enter_read { @start[tid] = nsecs; } tracepoint:syscalls:sys_exit_read /@start[tid]/ { @us = hist((nsecs - @start[tid]) / 1000); delete(@start[tid]); }'
)
printing=(0 1 3) # scripts that write to stdout while they run: a closed pipe stops those
signals=(INT TERM HUP KILL PIPE)

now_ms() { local t=${EPOCHREALTIME//[.,]/}; echo $((t / 1000)); }
# The newest program, map and link ids before the test: ids only grow,
# so what has a larger one was loaded since (lantern's programs are named
# after their probes, as bpftrace's, so names cannot tell them apart)
max_id() { bpftool "$1" show 2>/dev/null | awk -F: '/^[0-9]+:/ { if ($1 + 0 > max) max = $1 + 0 } END { print max + 0 }'; }
prog0=$(max_id prog) map0=$(max_id map) link0=$(max_id link)
lantern_maps() { # maps named as lantern names its maps: another lantern is running
	bpftool map show 2>/dev/null | awk '/^[0-9]+:/ { for (i = 2; i < NF; i++) if ($i == "name" && ($(i + 1) ~ /^(AT_|events$|lost_events$|dropped_update|zero_value$|lantern)/)) print "map", $(i + 1) }'
}
lantern_objects() { # programs, maps and links loaded since the test began
	for kind in prog map link; do
		local since=$prog0
		[[ $kind == map ]] && since=$map0
		[[ $kind == link ]] && since=$link0
		bpftool "$kind" show 2>/dev/null | awk -F: -v kind="$kind" -v since="$since" '/^[0-9]+:/ { if ($1 + 0 > since) print kind, $0 }'
	done
}
[[ -z $(lantern_maps) ]] || { echo "stop_stress: lantern objects are loaded before the test; run it alone"; exit 2; }

fifo=$(mktemp -u /tmp/lantern-stop.XXXXXX)
"$workloads/wl_spin" 60000 >/dev/null 2>&1 & # switches to trace
spinner=$!
trap 'kill $spinner 2>/dev/null; rm -f "$fifo"' EXIT
slowest=0 slowest_what= hung=0
declare -A by_signal
for ((i = 0; i < rounds; i++)); do
	script=${scripts[RANDOM % ${#scripts[@]}]}
	sig=${signals[RANDOM % ${#signals[@]}]}
	delay_ms=$((1 + RANDOM % 400)) # compile ~10 ms, attach up to ~100 ms; not 0: `timeout 0` never times out
	if [[ $sig == PIPE ]]; then # the reader goes away: lantern's next write fails
		script=${scripts[${printing[RANDOM % ${#printing[@]}]}]}
		rm -f "$fifo"
		mkfifo "$fifo"
		env --default-signal "$lantern" -e "$script" >"$fifo" 2>/dev/null &
		pid=$!
		timeout -s KILL "0.$(printf '%03d' $delay_ms)" cat "$fifo" >/dev/null
	else
		# as from a terminal: background jobs of a script start with SIGINT ignored
		env --default-signal "$lantern" -e "$script" >/dev/null 2>&1 &
		pid=$!
		sleep "0.$(printf '%03d' $delay_ms)"
		kill -s "$sig" "$pid" 2>/dev/null
	fi
	start=$(now_ms)
	while kill -0 "$pid" 2>/dev/null; do
		if (($(now_ms) - start > 5000)); then
			hung=$((hung + 1))
			echo "HUNG: $sig after ${delay_ms} ms: $script"
			kill -KILL "$pid" 2>/dev/null
			break
		fi
		sleep 0.01
	done
	{ wait "$pid"; } 2>/dev/null
	took=$(($(now_ms) - start))
	((took > slowest)) && slowest=$took slowest_what="$sig after ${delay_ms} ms: $script"
	by_signal[$sig]=$((${by_signal[$sig]:-0} + 1))
done
# a killed process's objects go once the kernel has released its files
for ((t = 0; t < 50; t++)); do
	left=$(lantern_objects)
	[[ -z $left ]] && break
	sleep 0.1
done
summary=""
for s in "${signals[@]}"; do summary+=" $s=${by_signal[$s]:-0}"; done
echo "stops: $rounds ($summary ); slowest: $slowest ms ($slowest_what); hung: $hung"
if [[ -n $left ]]; then
	echo "left in the kernel:"
	echo "$left"
	exit 1
fi
echo "left in the kernel: nothing"
((hung == 0))
