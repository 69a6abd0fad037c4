#!/bin/sh
# mkreloc.sh IMAGE OUT.elf PHYSADDR
#
# Wrap the raw Image in an ELF that QEMU loads at PHYSADDR (and enters
# there), to check the kernel runs from a load address other than
# 0x80200000.  One RWX segment starting at PHYSADDR (ld -N).
set -eu
image=$1
out=$2
addr=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp "$image" "$tmp/Image"
(cd "$tmp" && riscv64-unknown-elf-objcopy -I binary -O elf64-littleriscv \
    -B riscv --rename-section .data=.text,contents,alloc,load,readonly,code Image img.o)
riscv64-unknown-elf-ld --no-warn-rwx-segments -N -e "$addr" -Ttext="$addr" -o "$out" "$tmp/img.o"
