#!/bin/sh
# mkinitrd.sh ROOT OUT PATH... - pack ROOT/PATH... (and their directories)
# into the newc cpio archive OUT, names relative to ROOT ("test/hello"),
# owned by 0:0, with device-independent inode numbers so that the same
# files give the same archive.
set -eu
root=$1
out=$2
shift 2
tmp="$out.tmp"
cd "$root"
{
	for p in "$@"; do
		d=$(dirname "$p")
		while [ "$d" != "." ]; do
			echo "$d"
			d=$(dirname "$d")
		done
	done | sort -u
	for p in "$@"; do
		echo "$p"
	done
} | cpio -o -H newc -R 0:0 --reproducible --quiet > "$tmp"
mv "$tmp" "$out"
