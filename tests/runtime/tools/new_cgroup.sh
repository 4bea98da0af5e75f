# Sourced: moves this shell into a cgroup2 cgroup made for it, $dir, left
# (and removed) at exit; $root is the cgroup2 mount.
root=$(mount -t cgroup2 | awk '{print $3; exit}')
[ -n "$root" ] || { echo "no cgroup2"; exit 1; }
dir=$(mktemp -d "$root/lantern-test.XXXXXX")
trap 'echo $$ > "$root/cgroup.procs"; rmdir "$dir"' EXIT
echo $$ > "$dir/cgroup.procs"
