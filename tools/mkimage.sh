#!/bin/sh
# mkimage.sh IMAGE OUT.img [BOOTARGS [INITRD]]
#
# A disk image U-Boot's distro boot finds: MBR, one bootable FAT partition
# at 1 MiB holding /Image, /extlinux/extlinux.conf and, if given, the
# initrd as /initrd.cpio (extlinux's initrd line).  Built without root
# (sfdisk on a file, mtools).
set -eu
image=$1
out=$2
args=${3:-}
initrd=${4:-}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cat > "$tmp/extlinux.conf" <<CONF
default rvmach
timeout 0
label rvmach
	kernel /Image
	append $args
CONF
[ -n "$initrd" ] && printf '\tinitrd /initrd.cpio\n' >> "$tmp/extlinux.conf"

rm -f "$out"
truncate -s 64M "$out"
echo 'start=2048, type=0c, bootable' | sfdisk -q "$out"
mformat -i "$out@@1M" -v RVMACH ::
mmd -i "$out@@1M" ::/extlinux
mcopy -i "$out@@1M" "$tmp/extlinux.conf" ::/extlinux/extlinux.conf
mcopy -i "$out@@1M" "$image" ::/Image
[ -n "$initrd" ] && mcopy -i "$out@@1M" "$initrd" ::/initrd.cpio
exit 0
