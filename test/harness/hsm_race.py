#!/usr/bin/env python3
"""hsm_race.py IMAGE PORT - (PORT 0: any free one) replay OpenSBI 1.1's HSM start race, on purpose.

Debian's OpenSBI 1.1 sbi_hsm_hart_start() sets the target hart's state to
START_PENDING (an atomic compare-and-swap) and only then stores the start
address and argument in its scratch area.  A stopped hart that is polling
its state (its wfi returns at once while an IPI is left pending, which is
common) can leave in between with the firmware's default next address,
the kernel's load address: it enters _start instead of secondary_entry.
Under a loaded host this happened about once in a dozen virt-uboot boots
("hart 1 did not come online").

Here gdb holds the boot hart just after that compare-and-swap, lets only
the first secondary run until it reaches the load address, then lets
everything go.  The kernel must bring that hart online anyway (entry.S,
park: it finds its hand-off record in boot_park_mailbox).

A secondary asleep in wfi cannot race; it gets an IPI left pending (its
ACLINT MSWI word), which is what makes the firmware's stopped harts poll.
Exits 0 if the hart came online, 1 if not, 77 (CTest: skipped) on a
firmware that stores the start address first (no race to replay).
"""
import os
import re
import socket
import subprocess
import sys
import tempfile
import time

FIRMWARE = "/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_dynamic.bin"
FW_BASE = 0x80000000
LOAD_PA = 0x80200000	# QEMU virt puts -kernel here; fw_dynamic's next address
MSWI = 0x2000000	# QEMU virt ACLINT MSWI: one 32-bit MSIP word per hart
SKIP = 77

# the watch-point: the instruction after "cmpxchg(state, STOPPED, START_PENDING)"
CALL = re.compile(r"^\s*([0-9a-f]+):\s+\S+\s+jal\s")
ADDR = re.compile(r"^\s*([0-9a-f]+):")


def find_window():
    """Address after the STOPPED->START_PENDING cmpxchg, if the scratch
    stores (offsets 16, 24, 32: next_arg1, next_addr, next_mode) follow it."""
    out = subprocess.run(
        ["riscv64-unknown-elf-objdump", "-D", "-b", "binary", "-m",
         "riscv:rv64", "--adjust-vma=%#x" % FW_BASE, FIRMWARE],
        capture_output=True, text=True, check=True).stdout.splitlines()
    for i, line in enumerate(out):
        if not CALL.match(line):
            continue
        before = " ".join(out[max(0, i - 4):i])
        if not (re.search(r"\tli\ta2,2\b", before) and
                re.search(r"\tli\ta1,1\b", before)):
            continue
        after = " ".join(out[i + 1:i + 14])
        m = ADDR.match(out[i + 1]) if i + 1 < len(out) else None
        if m and all(re.search(r"\tsd\t\w+,%d\(" % off, after)
                     for off in (16, 24, 32)):
            return int(m.group(1), 16)
    return None


GDB_SCRIPT = r"""
import gdb, re
gdb.execute("set pagination off")
gdb.execute("set confirm off")
gdb.execute("set architecture riscv:rv64")
gdb.execute("target remote 127.0.0.1:%(port)d")
gdb.execute("hbreak *%(window)#x")
gdb.execute("continue")
me = gdb.selected_thread().num
target = 2 if me == 1 else 1
threads = gdb.execute("info threads", to_string=True)
line = [l for l in threads.splitlines() if re.match(r"^\*?\s+%%d\s" %% target, l)]
print("hsm_race: boot hart is thread %%d; first secondary: %%s" %% (me, line))
gdb.execute("thread %%d" %% target)
pc = int(gdb.parse_and_eval("$pc")) & 0xffffffffffffffff
in_firmware = %(fw)#x <= pc < %(load)#x
if in_firmware and (not line or "halted" in line[0]):
    # asleep in wfi: leave an IPI pending (ACLINT MSWI of hart target-1),
    # so it polls, the condition the race needs
    print("hsm_race: the secondary sleeps; raising its MSIP so it polls")
    gdb.execute("set *(unsigned int *)(%(mswi)#x + %%d) = 1" %% (4 * (target - 1)))
if in_firmware:
    gdb.execute("set scheduler-locking on")
    gdb.execute("delete")
    gdb.execute("hbreak *%(load)#x")
    gdb.execute("continue")
    print("hsm_race: secondary at %%#x" %% int(gdb.parse_and_eval("$pc")))
    gdb.execute("delete")
    gdb.execute("set scheduler-locking off")
    gdb.execute("detach")
else:
    # it polled, saw START_PENDING and left before the others stopped
    print("hsm_race: secondary already past the firmware, at %%#x" %% pc)
    print("hsm_race: secondary at %(load)#x")
    gdb.execute("delete")
    gdb.execute("detach")
"""


def main():
    image, port = sys.argv[1], int(sys.argv[2])
    if port == 0:			# any free port: other builds run beside us
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
    window = find_window()
    if window is None:
        print("hsm_race: SKIP %s stores the start address before it marks "
              "the hart START_PENDING (or is not the build this knows)" % FIRMWARE)
        return SKIP
    print("hsm_race: window after the cmpxchg at %#x" % window)
    with tempfile.TemporaryDirectory() as tmp:
        log = os.path.join(tmp, "console.log")
        script = os.path.join(tmp, "race.py")
        with open(script, "w") as f:
            f.write(GDB_SCRIPT % {"port": port, "window": window,
                                  "load": LOAD_PA, "fw": FW_BASE,
                                  "mswi": MSWI})
        qemu = subprocess.Popen(
            ["qemu-system-riscv64", "-M", "virt", "-smp", "4", "-m", "512M",
             "-display", "none", "-no-reboot", "-serial", "file:" + log,
             "-bios", "default", "-kernel", image,
             "-append", "ktest=spinlock.uncontended",
             "-gdb", "tcp:127.0.0.1:%d" % port, "-S"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL)
        try:
            time.sleep(1)
            gdb = subprocess.run(["gdb-multiarch", "-q", "-batch", "-x", script],
                                 capture_output=True, text=True, timeout=60)
            print("\n".join(l for l in gdb.stdout.splitlines()
                            if l.startswith("hsm_race:")))
            qemu.wait(timeout=60)
        except subprocess.TimeoutExpired:
            print("hsm_race: timed out")
        finally:
            if qemu.poll() is None:
                qemu.kill()
                qemu.wait()
        with open(log, errors="replace") as f:
            text = f.read()
    print("\n".join(l for l in text.splitlines() if l.startswith("rvmach:")))
    if "hsm_race: SKIP" in gdb.stdout:
        return SKIP
    if "hsm_race: secondary at %#x" % LOAD_PA not in gdb.stdout:
        print("hsm_race: the secondary did not reach the load address")
        return 1
    ok = ("came in through the kernel's entry point" in text and
          re.search(r"^rvmach: 4 of 4 harts online", text, re.M))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
