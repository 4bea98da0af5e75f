#!/bin/sh
# Installs the Debian packages lantern needs to build and test, if missing
# (qemu and busybox: the kernel-probe lane, tests/qemu/lane.sh; clang-19
# and its runtime: the fuzzers, tests/fuzz/run.sh; systemtap-sdt-dev:
# sys/sdt.h, for the USDT workload and unit tests).
set -e
need=""
for pkg in build-essential pkg-config llvm-19-dev libbpf-dev libelf-dev libdw-dev zlib1g-dev libzstd-dev libxml2-dev \
	flex bison bpftool systemtap-sdt-dev qemu-system-x86 busybox-static clang-19 libclang-rt-19-dev python3; do
	dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || need="$need $pkg"
done
[ -z "$need" ] && exit 0
if [ "$(id -u)" != 0 ]; then
	echo "missing packages:$need (run as root to install them)" >&2
	exit 1
fi
echo "installing:$need"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends $need >/dev/null
