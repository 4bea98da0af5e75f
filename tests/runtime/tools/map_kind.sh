#!/bin/bash
# Checks the BPF maps of the running lantern whose command line holds MARK
# (its script, say): the one named NAME (lantern names @x's map AT_x) is
# of TYPE (bpftool's word: hash, lru_hash, percpu_hash...) with ENTRIES
# max entries. Maps of other lanterns running meanwhile are not looked at.
# Says what it found when not.
# Usage: map_kind.sh MARK NAME TYPE ENTRIES [NAME TYPE ENTRIES...]
set -u
mark=$1
shift
ids=$(for p in $(pgrep -x lantern); do
	if tr '\0' ' ' <"/proc/$p/cmdline" 2>/dev/null | grep -qF -- "$mark"; then
		grep -h '^map_id:' /proc/"$p"/fdinfo/* 2>/dev/null | awk '{ print $2 }'
	fi
done | sort -u)
[[ -n $ids ]] || { echo "no maps of a lantern running '$mark'" >&2; exit 1; }
shown=$(for id in $ids; do bpftool map show id "$id"; done)
status=0
while (($# >= 3)); do
	name=$1 type=$2 entries=$3
	shift 3
	found=$(awk -v n="$name" '
		/^[0-9]+:/ { t = $2; hit = ($4 == n) }
		hit && /max_entries/ { for (i = 1; i < NF; i++) if ($i == "max_entries") print t, $(i + 1); hit = 0 }' <<<"$shown")
	if [[ $found != "$type $entries" ]]; then
		echo "map $name: expected '$type $entries', found '${found:-nothing}'" >&2
		status=1
	fi
done
exit $status
