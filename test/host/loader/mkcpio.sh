#!/bin/sh
# mkcpio.sh OUTDIR [ELF] - the real cpio archives the loader tests read,
# made with Debian's cpio from a small tree (ELF, if given, as sbin/init):
#   dot.cpio    newc from `find .`: a "." entry, then "bin", "etc/motd"...
#               (GNU cpio 2.13 strips the "./" that find prints)
#   plain.cpio  newc from `find etc bin ...`: no "." entry
#   crc.cpio    the "crc" variant (magic 070702) of dot.cpio
# Names stored with "./" are tested with archives made in C.
set -eu
out=$1
tree=$out/tree
rm -rf "$tree"
mkdir -p "$tree/etc" "$tree/bin" "$tree/sbin" "$tree/empty"
printf 'hello rvmach\n' > "$tree/etc/motd"
printf '' > "$tree/etc/empty-file"
printf '0123456789abcdefg' > "$tree/bin/seventeen"
ln -sf ../etc/motd "$tree/bin/motd-link"
if [ $# -ge 2 ]; then
	cp "$2" "$tree/sbin/init"
else
	printf 'not an elf\n' > "$tree/sbin/init"
fi
chmod 0755 "$tree/sbin/init" "$tree/bin" "$tree/etc" "$tree/sbin" "$tree/empty"
chmod 0644 "$tree/etc/motd" "$tree/etc/empty-file" "$tree/bin/seventeen"
cd "$tree"
find . | LC_ALL=C sort | cpio -o -H newc --quiet > "$out/dot.cpio.tmp"
find etc bin sbin empty | LC_ALL=C sort | cpio -o -H newc --quiet \
	> "$out/plain.cpio.tmp"
find . | LC_ALL=C sort | cpio -o -H crc --quiet > "$out/crc.cpio.tmp"
for a in dot plain crc; do
	mv "$out/$a.cpio.tmp" "$out/$a.cpio"
done
