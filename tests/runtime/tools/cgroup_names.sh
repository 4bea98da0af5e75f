#!/bin/bash
# Runs LANTERN's script ($2, where CGDIR stands for the directory) inside a
# cgroup made for it, and prints its stdout with the cgroup's directory
# path (under the cgroup2 mount) written as CGDIR and its name as CGNAME.
# Usage: cgroup_names.sh LANTERN 'SCRIPT' [LANTERN OPTIONS...]
set -e
. "$(dirname "$0")/new_cgroup.sh"
lantern=$1 script=${2//CGDIR/$dir}
shift 2
name=${dir##*/}
"$lantern" "$@" -e "$script" 2>/dev/null | sed -e "s#$dir#CGDIR#g" -e "s#$name#CGNAME#g"
