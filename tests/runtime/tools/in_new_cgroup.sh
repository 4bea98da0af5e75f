#!/bin/bash
# Runs LANTERN's `cgroup` check inside a cgroup made for it: prints 1 if
# the builtin is that cgroup's id (its directory's inode in cgroup2).
# Usage: in_new_cgroup.sh LANTERN
set -e
. "$(dirname "$0")/new_cgroup.sh"
id=$(stat -c %i "$dir")
"$1" -e "BEGIN { printf(\"%d\n\", cgroup == $id); exit(); }" 2>/dev/null
