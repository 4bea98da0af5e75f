#!/bin/bash
# The kernel-probe lane: runtime tests that need what this host's kernel
# lacks (kprobes, kretprobes, fentry: see DESIGN.md) run under QEMU, on
# Debian's own kernel, in one boot. The guest sees the host's / read-only
# over 9p and runs tests/runtime/run.sh there, with this checkout's
# lantern, on the cases whose `lanes:` names qemu; their results come back
# through a writable 9p export. The checkout is exported once more, for
# when it is under /tmp, which the guest mounts a tmpfs over.
#
# Usage: tests/qemu/lane.sh [--lantern PATH] [--any-lane] [CASE.test...]
#        tests/qemu/lane.sh --command 'CMD'
#   --any-lane  run the cases given whatever their lanes (every case, to
#               see how they fare on the guest's older kernel)
#   --command   run the shell command CMD in the guest instead, from the
#               checkout, and print its output (the conformance suite, say)
# Env: RESULTS_FILE  as tests/runtime/run.sh: gets "qemu PASSED FAILED SKIPPED"
#      QEMU_LANE_DIR where the kernel and initramfs are kept (build/qemu)
#      QEMU_LANE_TIMEOUT seconds for the whole boot (default 1200)
#      QEMU_LANE_KEEP    set: keep the guest's script and log (build/qemu/run.*)
# The kernel comes from Debian's archive (apt-get download); when it or
# qemu cannot be had, every case is reported skipped, with the reason.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
lantern=$root/lantern
guest_lane=qemu
command=
cases=()
while [ $# -gt 0 ]; do
	case $1 in
	--lantern) lantern=$2; shift 2 ;;
	--any-lane) guest_lane=any; shift ;;
	--command) command=$2; shift 2 ;;
	*) cases+=("$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"); shift ;;
	esac
done
work=${QEMU_LANE_DIR:-$root/build/qemu}
timeout_s=${QEMU_LANE_TIMEOUT:-1200}
mkdir -p "$work"

# Cases of this lane: those whose `lanes:` line names qemu.
if [ ${#cases[@]} -eq 0 ] && [ -z "$command" ]; then
	mapfile -t cases < <(grep -l '^lanes:.*\bqemu\b' "$root"/tests/runtime/cases/*.test 2>/dev/null)
fi

report_skipped() {
	echo "qemu lane: skipped: $1"
	for c in "${cases[@]}"; do echo "SKIP $(basename "$c"): qemu lane: $1"; done
	[ -n "${RESULTS_FILE:-}" ] && echo "qemu 0 0 ${#cases[@]}" >>"$RESULTS_FILE"
	exit 0
}

[ ${#cases[@]} -gt 0 ] || [ -n "$command" ] || report_skipped "no case names the qemu lane"
command -v qemu-system-x86_64 >/dev/null || report_skipped "qemu-system-x86_64 is not installed"
busybox=$(command -v busybox) || report_skipped "busybox is not installed"
file -L "$busybox" 2>/dev/null | grep -q 'statically linked' || report_skipped "$busybox is not static (busybox-static)"
[ "$(uname -m)" = x86_64 ] || report_skipped "the lane boots an x86_64 kernel"

# --- the kernel: Debian's current image package, unpacked once ---
kernel_root=$work/kernel
if [ ! -f "$kernel_root/ready" ]; then
	kernel_package() { apt-cache depends linux-image-amd64 2>/dev/null | awk '/Depends: linux-image-[0-9]/ { print $2; exit }'; }
	pkg=$(kernel_package)
	[ -n "$pkg" ] || { apt-get update -qq >/dev/null 2>&1; pkg=$(kernel_package); }
	[ -n "$pkg" ] || report_skipped "apt-cache knows no linux-image-amd64"
	rm -rf "$kernel_root" && mkdir -p "$kernel_root"
	(cd "$work" && rm -f linux-image-*.deb && apt-get download -q "$pkg" >/dev/null 2>&1) ||
		report_skipped "apt-get download $pkg failed"
	dpkg-deb -x "$work"/linux-image-*.deb "$kernel_root" || report_skipped "dpkg-deb -x failed"
	rm -f "$work"/linux-image-*.deb
	touch "$kernel_root/ready"
fi
version=$(ls "$kernel_root/lib/modules" | head -1)
vmlinuz=$kernel_root/boot/vmlinuz-$version

# --- the initramfs: busybox, the 9p modules, an init that chroots ---
initrd=$work/initrd-$version.cpio.gz
if [ ! -f "$initrd" ] || [ "$here/init.sh" -nt "$initrd" ]; then
	ird=$work/initrd && rm -rf "$ird" && mkdir -p "$ird"/{bin,proc,sys,dev,host,modules}
	cp "$busybox" "$ird/bin/busybox"
	for m in virtio_ring virtio virtio_pci_modern_dev virtio_pci_legacy_dev virtio_pci netfs fscache 9pnet \
		9pnet_virtio 9p; do
		ko=$(find "$kernel_root/lib/modules/$version" -name "$m.ko" -o -name "$m.ko.xz" | head -1)
		[ -n "$ko" ] || report_skipped "module $m is not in the kernel package"
		case $ko in
		*.xz) xz -dc "$ko" >"$ird/modules/$m.ko" ;;
		*) cp "$ko" "$ird/modules/$m.ko" ;;
		esac
		echo "$m" >>"$ird/modules/order"
	done
	cp "$here/init.sh" "$ird/init" && chmod +x "$ird/init"
	(cd "$ird" && find . | "$busybox" cpio -o -H newc 2>/dev/null | gzip -1) >"$initrd"
	rm -rf "$ird"
fi

# --- one boot: the cases run in the guest, results in $out ---
out=$(mktemp -d "$work/run.XXXXXX")
[ -n "${QEMU_LANE_KEEP:-}" ] || trap 'rm -rf "$out"' EXIT
{
	echo "export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LANTERN_LANE=$guest_lane TIMEOUT_SCALE=3"
	echo "export RESULTS_FILE=$out/results"
	if [ -n "$command" ]; then
		printf 'cd %q && { %s\n} >%q 2>&1; echo "qemu 0 0 0" >%q\n' "$root" "$command" "$out/log" "$out/results"
	else
		printf '%q ' "$root/tests/runtime/run.sh" --lantern "$lantern" "${cases[@]}"
		echo ">$out/log 2>&1"
	fi
} >"$out/run-in-guest.sh"
echo "qemu lane: booting Linux $version for ${command:+the command }${command:-${#cases[@]} case(s)}"
timeout "$timeout_s" qemu-system-x86_64 -cpu max -m 2G -smp 2 -nographic -no-reboot -monitor none -nic none \
	-kernel "$vmlinuz" -initrd "$initrd" \
	-append "console=ttyS0 quiet panic=-1 lane.out=$out lane.tree=$root" \
	-virtfs local,path=/,mount_tag=host,security_model=none,readonly=on,multidevs=remap \
	-virtfs "local,path=$root,mount_tag=tree,security_model=none,readonly=on,multidevs=remap" \
	-virtfs "local,path=$out,mount_tag=out,security_model=none,multidevs=remap" \
	>"$work/console.log" 2>&1
rc=$?
if [ ! -f "$out/results" ]; then
	tail -n 20 "$work/console.log" | sed 's/^/  console| /'
	[ $rc -eq 124 ] && echo "qemu lane: the boot timed out after ${timeout_s}s"
	echo "qemu lane: the guest reported no results"
	[ -n "${RESULTS_FILE:-}" ] && echo "qemu 0 1 0" >>"$RESULTS_FILE"
	exit 1
fi
cat "$out/log"
read -r _ passed failed skipped <"$out/results"
[ -n "${RESULTS_FILE:-}" ] && echo "qemu $passed $failed $skipped" >>"$RESULTS_FILE"
[ "$failed" -eq 0 ]
