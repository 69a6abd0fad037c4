#!/bin/sh
# gdb_attach.sh KERNEL_ELF IMAGE PORT - what `make debug` does, checked:
# QEMU waits for gdb, gdb-multiarch attaches with symbols, stops at
# kernel_main and shows a symbolized backtrace.
set -eu
elf=$1
image=$2
port=$3
log=$(mktemp)
trap 'rm -f "$log"; kill $qpid 2>/dev/null || true' EXIT
qemu-system-riscv64 -M virt -smp 2 -m 512M -nographic -bios default \
	-kernel "$image" -gdb "tcp:127.0.0.1:$port" -S > /dev/null 2>&1 &
qpid=$!
sleep 1
timeout 60 gdb-multiarch -q -batch "$elf" -ex "target remote 127.0.0.1:$port" \
	-ex 'hbreak kernel_main' -ex 'continue' -ex 'bt' -ex 'kill' > "$log" 2>&1 || true
cat "$log"
grep -q '^#0 .*kernel_main' "$log" && grep -q 'boot_continue' "$log"
