#!/bin/busybox sh
# /init of the kernel-probe lane's initramfs (tests/qemu/lane.sh): load the
# 9p modules, mount the host's / (read-only) and the results directory
# (writable), chroot into the host's system and run the script lane.sh
# wrote there, then power off.
/bin/busybox --install -s /bin
export PATH=/bin
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev
for m in $(cat /modules/order); do insmod "/modules/$m.ko"; done
out=$(sed -n 's/.*lane\.out=\([^ ]*\).*/\1/p' /proc/cmdline)
tree=$(sed -n 's/.*lane\.tree=\([^ ]*\).*/\1/p' /proc/cmdline)
# the virtio device can show up a moment after the modules load
tries=0
until mount -t 9p -o trans=virtio,version=9p2000.L,ro,cache=loose host /host 2>/dev/null; do
	tries=$((tries + 1))
	[ $tries -gt 50 ] && { echo "lane: cannot mount the host's /"; poweroff -f; }
	sleep 0.2
done
mount -t proc proc /host/proc
mount -t sysfs sys /host/sys
mount -t devtmpfs dev /host/dev
ln -s /proc/self/fd /host/dev/fd # bash's <(...)
ln -s /proc/self/fd/0 /host/dev/stdin
ln -s /proc/self/fd/1 /host/dev/stdout
ln -s /proc/self/fd/2 /host/dev/stderr
mount -t tmpfs tmp /host/tmp
mount -t tmpfs run /host/run
# the checkout again, on top: under /tmp (a CI clone) the tmpfs hides it
mkdir -p "/host$tree"
mount -t 9p -o trans=virtio,version=9p2000.L,ro,cache=loose tree "/host$tree" || { echo "lane: cannot mount $tree"; poweroff -f; }
mount -t 9p -o trans=virtio,version=9p2000.L out "/host$out" || { echo "lane: cannot mount $out"; poweroff -f; }
mount -t tracefs tracefs /host/sys/kernel/tracing 2>/dev/null
mount -t debugfs debugfs /host/sys/kernel/debug 2>/dev/null
mount -t bpf bpf /host/sys/fs/bpf 2>/dev/null
mount -t cgroup2 cgroup2 /host/sys/fs/cgroup 2>/dev/null
chroot /host /bin/sh "$out/run-in-guest.sh"
sync
poweroff -f
