#!/bin/sh
# gdb_commands.sh KERNEL_ELF IMAGE INITRD GDB_DIR - the gdb commands of
# tools/gdb (make debug loads them), each run on a stopped kernel.
#
# QEMU (2 harts) boots twice and each time waits for gdb on a Unix socket
# in a private directory (no TCP port to collide with a parallel run).
# First utest=spin: gdb stops once at kernel_main (few threads, no user
# task: the commands must cope) and once in task_fault, the spin task's
# first page fault, where the task, its thread and its map (text, stack)
# exist.  Then init=/test/crash_ipcwait: gdb stops once the program's
# three threads wait (test/harness/gdb_ipcwait.py), with its ports set up
# (test/user/crash_ipcwait.c), for the IPC commands.  Breakpoints, not
# sleeps, decide when.  Every command's output is checked, and no Python
# traceback or internal error may appear.  Exit 77 (skip): gdb without
# Python.
set -eu
elf=$1
image=$2
initrd=$3
gdbdir=$4
here=$(cd "$(dirname "$0")" && pwd)
# the commands need gdb's Python API (Debian's gdb-multiarch has Python 3)
if ! gdb-multiarch -q -batch -nx -ex 'python import gdb' >/dev/null 2>&1; then
	echo "SKIP: gdb-multiarch has no Python"
	exit 77
fi
dir=$(mktemp -d)
qpid=
cleanup() {
	[ -n "$qpid" ] && kill "$qpid" 2>/dev/null || true
	rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

# boot APPEND: QEMU with the kernel command line APPEND, waiting for gdb
# on $dir/gdb.sock, its console in $dir/console
boot() {
	rm -f "$dir/gdb.sock" "$dir/console"
	# QEMU ends by itself too, in case this script is killed without its trap
	timeout 110 qemu-system-riscv64 -M virt -smp 2 -m 512M -bios default \
		-display none -monitor none -serial "file:$dir/console" \
		-kernel "$image" -initrd "$initrd" -append "$1" \
		-chardev "socket,id=gdb0,path=$dir/gdb.sock,server=on,wait=off" \
		-gdb chardev:gdb0 -S &
	qpid=$!
	# QEMU makes the socket before it waits for gdb
	i=0
	while [ ! -S "$dir/gdb.sock" ]; do
		if ! kill -0 "$qpid" 2>/dev/null || [ $i -ge 200 ]; then
			echo "QEMU did not start its gdb stub"
			exit 1
		fi
		sleep 0.05
		i=$((i + 1))
	done
}

# rungdb LOG ARGS...: batch gdb on the booted kernel, stopped at
# kernel_main, then the -ex ARGS; QEMU is gone afterwards
rungdb() {
	out=$1
	shift
	timeout 90 gdb-multiarch -q -batch -nx "$elf" \
		-ex 'set pagination off' -ex 'set width 0' \
		-ex "source $gdbdir/rvmach.py" \
		-ex "target remote $dir/gdb.sock" \
		-ex 'hbreak kernel_main' -ex 'continue' -ex 'delete' \
		"$@" -ex 'echo ==end\n' -ex 'kill' > "$out" 2>&1 || true
	kill "$qpid" 2>/dev/null || true
	wait "$qpid" 2>/dev/null || true
	qpid=
}

boot utest=spin
rungdb "$dir/log" \
	-ex 'echo ==early\n' \
	-ex 'rv-harts' -ex 'rv-threads' -ex 'rv-tasks' \
	-ex 'rv-ipc-summary' -ex 'rv-taskrights kernel_task' \
	-ex 'rv-port 0xffffffc000000010' -ex 'rv-pset &cpus[1]' \
	-ex 'echo ==bad\n' \
	-ex 'rv-vmmap nosuch' -ex 'rv-vmmap 0xffffffc000000010' \
	-ex 'rv-vmmap &cpus[1]' -ex 'rv-vmmap kernel_task' \
	-ex 'hbreak task_fault' -ex 'continue' -ex 'delete' \
	-ex 'echo ==harts\n' -ex 'rv-harts' \
	-ex 'echo ==threads\n' -ex 'rv-threads' \
	-ex 'echo ==tasks\n' -ex 'rv-tasks' -ex 'rv-ipc-summary' \
	-ex 'rv-taskrights spin' \
	-ex 'echo ==vmmap\n' -ex 'rv-vmmap spin' \
	-ex 'echo ==vmmap-id\n' -ex 'rv-vmmap 1' \
	-ex 'echo ==help\n' -ex 'help rv-harts' -ex 'help rv-threads' \
	-ex 'help rv-tasks' -ex 'help rv-vmmap' \
	-ex 'echo ==corrupt\n' \
	-ex 'set var tasks_all->map->entries.root->left = tasks_all->map->entries.root' \
	-ex 'rv-vmmap spin' \
	-ex 'set var tasks_all->map = (void *)0xffffffc000000008' \
	-ex 'rv-tasks' -ex 'rv-vmmap spin' \
	-ex 'set var threads_all->all_next->all_next = threads_all' \
	-ex 'rv-threads' \
	-ex 'set var threads_all = (void *)0xffffffc000000040' \
	-ex 'rv-threads' -ex 'rv-harts'
cat "$dir/log"

fail=0
check() {	# check SECTION REGEX WHAT: in $log, between ==SECTION and the next ==
	if ! sed -n "/^==$1\$/,/^==/p" "$log" | grep -Eq -- "$2"; then
		echo "FAIL: $1: $3"
		fail=1
	fi
}
no() {		# no REGEX WHAT: nowhere in $log
	if grep -Eq -- "$1" "$log"; then
		echo "FAIL: $2"
		fail=1
	fi
}
log=$dir/log
check early '^0 +[0-9?]+ +(yes|no) ' "rv-harts at kernel_main: cpu 0"
check early '^[0-9]+ threads$' "rv-threads at kernel_main"
check early '^[0-9]+ tasks$' "rv-tasks at kernel_main"
check bad 'no task named nosuch' "rv-vmmap of an unknown name"
# OpenSBI picks the boot hart (cpu 0) at random: cpu 0 may be hart 1
check harts '^0 +[01] +yes +0x[0-9a-f]+ ' "rv-harts: cpu 0"
check harts '^1 +[01] +yes +0x[0-9a-f]+ ' "rv-harts: cpu 1"
check harts 'task_fault' "rv-harts: a hart stopped in task_fault"
check threads '^0x[0-9a-f]+ +"spin" +RUN +[0-9]+ +[01]\* +spin ' \
	"rv-threads: the running spin thread"
check threads '"idle' "rv-threads: the idle threads"
check threads 'kernel ' "rv-threads: kernel threads"
check tasks '^task 0x[0-9a-f]+ id [0-9]+ "spin" active yes threads 1 suspend 0 resident [0-9]+ pages, virtual [1-9][0-9]* KiB' \
	"rv-tasks: the spin task"
check tasks '^    thread 0x[0-9a-f]+ "spin" +RUN' "rv-tasks: spin's thread"
check tasks '"kernel_task" active yes .* no map' "rv-tasks: the kernel task"
check tasks '^0x[0-9a-f]+ +[0-9]+ +"spin" +[0-9]+ +0 +0$' "rv-ipc-summary: spin"
check tasks '"spin": space 0x[0-9a-f]+ active yes, [0-9]+ names in use' \
	"rv-taskrights spin"
check early '^ports alive [0-9]+, kmsgs alive [0-9]+, ' \
	"rv-ipc-summary at kernel_main"
check early 'cannot read an ipc_object at 0xffffffc000000010' \
	"rv-port of a bad address"
check vmmap '^task .*"spin": map 0x[0-9a-f]+, [0-9]+ entries' "rv-vmmap: header"
check vmmap '^    0x10000-0x[0-9a-f]+ +r-x/' "rv-vmmap: the text entry"
check vmmap '^    0x3fffe00000-0x3ffff00000 +rw-/' "rv-vmmap: the stack entry"
check vmmap '^        object 0x[0-9a-f]+ refs [0-9]+ size 0x[0-9a-f]+ resident [0-9]+, shadow depth' \
	"rv-vmmap: an object line"
check vmmap-id '"spin": map' "rv-vmmap by task id"
check corrupt '^    [0-9]+ entries \(tree loops back to 0x[0-9a-f]+\)' \
	"rv-vmmap: a loop in the entry tree"
check corrupt '"spin" active yes threads 1 suspend 0 resident \? pages, virtual \?$' \
	"rv-tasks: a bad map pointer"
check corrupt "cannot read the map's entry tree" "rv-vmmap: a bad map pointer"
check corrupt '^2 threads \(list loops back to 0x[0-9a-f]+\)' \
	"rv-threads: a loop in threads_all"
check corrupt '^0xffffffc000000040 +\? +\? ' "rv-threads: a bad thread"
check corrupt '^1 threads \(cannot read all_next at 0xffffffc000000040\)' \
	"rv-threads: a bad threads_all"
check help 'TH_\* bits' "help rv-threads"
check help 'rv-vmmap TASK' "help rv-vmmap"
no 'Traceback|Python Exception|internal error|Error occurred in Python' \
	"a Python error"
no '^FAIL' "?"
sed -n '/^==end$/p' "$log" | grep -q . || { echo "FAIL: gdb did not get to the end"; fail=1; }

. "$here/gdb_commands_ipc.sh"
exit $fail
