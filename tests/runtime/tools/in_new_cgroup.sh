#!/bin/bash
# Runs LANTERN's `cgroup` check inside a cgroup made for it: prints 1 if
# the builtin is that cgroup's id (its directory's inode in cgroup2).
# Usage: in_new_cgroup.sh LANTERN
set -e
root=$(mount -t cgroup2 | awk '{print $3; exit}')
[ -n "$root" ] || { echo "no cgroup2"; exit 1; }
dir=$(mktemp -d "$root/lantern-test.XXXXXX")
trap 'echo $$ > "$root/cgroup.procs"; rmdir "$dir"' EXIT
echo $$ > "$dir/cgroup.procs"
id=$(stat -c %i "$dir")
"$1" -e "BEGIN { printf(\"%d\n\", cgroup == $id); exit(); }" 2>/dev/null
