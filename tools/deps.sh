#!/bin/sh
# deps.sh - install the Debian packages rvmach needs, if any are missing.
# As root it runs apt-get; otherwise it prints the one command to run.
set -eu
PKGS="qemu-system-misc opensbi u-boot-qemu gcc-riscv64-unknown-elf
binutils-riscv64-unknown-elf picolibc-riscv64-unknown-elf device-tree-compiler
libfdt-dev gdb-multiarch cmake ninja-build mtools fdisk clang lld llvm cpio
python3 gcc libc6-dev spin"

missing=""
for p in $PKGS; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
		missing="$missing $p"
	fi
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
	echo "deps: installing$missing"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -q
	apt-get install -y -q --no-install-recommends $missing
else
	echo "deps: missing Debian packages; run:"
	echo "  sudo apt-get install$missing"
	exit 1
fi
