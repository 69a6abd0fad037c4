# rvmach - a thin front over CMake.  `make run` boots rvmach in QEMU;
# `make test` builds everything and runs every test.
# Build directories: build/gcc (kernel, GCC), build/clang (kernel, clang),
# build/user (SDK, user programs, initrd.cpio), build/host (host tests,
# tools, QEMU suites), build/bench (bench kernel).

BUILD   := build
NINJA   := ninja
QEMU    := qemu-system-riscv64
SMP     ?= 4
MEM     ?= 512M
APPEND  ?=
KTEST   ?= all
CTEST_J ?= 2

GCC_DIR   := $(BUILD)/gcc
CLANG_DIR := $(BUILD)/clang
HOST_DIR  := $(BUILD)/host
USER_DIR  := $(BUILD)/user
BENCH_DIR := $(BUILD)/bench

.PHONY: all deps kernel clang user bench-kernel host run test ktest bench debug image run-uboot clean

all: kernel

deps:
	@tools/deps.sh

$(GCC_DIR)/build.ninja:
	cmake -S . -B $(GCC_DIR) -G Ninja -DCMAKE_TOOLCHAIN_FILE=cmake/toolchain-gcc.cmake

$(CLANG_DIR)/build.ninja:
	cmake -S . -B $(CLANG_DIR) -G Ninja -DCMAKE_TOOLCHAIN_FILE=cmake/toolchain-clang.cmake

$(BENCH_DIR)/build.ninja:
	cmake -S . -B $(BENCH_DIR) -G Ninja -DCMAKE_TOOLCHAIN_FILE=cmake/toolchain-gcc.cmake -DRVMACH_DEBUG=OFF

$(USER_DIR)/build.ninja:
	cmake -S . -B $(USER_DIR) -G Ninja -DCMAKE_TOOLCHAIN_FILE=cmake/toolchain-user.cmake

$(HOST_DIR)/build.ninja:
	cmake -S . -B $(HOST_DIR) -G Ninja -DRVMACH_KERNEL_DIR=$(abspath $(GCC_DIR)) \
		-DRVMACH_CLANG_KERNEL_DIR=$(abspath $(CLANG_DIR)) \
		-DRVMACH_USER_DIR=$(abspath $(USER_DIR)) \
		-DRVMACH_BENCH_DIR=$(abspath $(BENCH_DIR))

kernel: deps $(GCC_DIR)/build.ninja
	$(NINJA) -C $(GCC_DIR)

clang: deps $(CLANG_DIR)/build.ninja
	$(NINJA) -C $(CLANG_DIR)

# the SDK, the programs in test/user and build/user/initrd.cpio
user: deps $(USER_DIR)/build.ninja
	$(NINJA) -C $(USER_DIR)

# the bench kernel (no debug checks), for make bench and the bench.budget gate
bench-kernel: deps $(BENCH_DIR)/build.ninja
	$(NINJA) -C $(BENCH_DIR)

host: kernel clang user bench-kernel $(HOST_DIR)/build.ninja
	$(NINJA) -C $(HOST_DIR)

run: kernel user
	$(QEMU) -M virt -smp $(SMP) -m $(MEM) -nographic -bios default \
		-kernel $(GCC_DIR)/Image -initrd $(USER_DIR)/initrd.cpio \
		-append "$(APPEND)"

# make ktest KTEST='vm_page.*' SMP=8: one boot running the selected tests
ktest: kernel user
	$(QEMU) -M virt -smp $(SMP) -m $(MEM) -nographic -no-reboot -bios default \
		-kernel $(GCC_DIR)/Image -initrd $(USER_DIR)/initrd.cpio \
		-append "ktest=$(KTEST) $(APPEND)"

test: kernel clang user bench-kernel host
	@cd $(HOST_DIR) && ctest -j$(CTEST_J) --output-on-failure 2>&1 | tee ctest.log; \
		../../tools/test-summary.sh ctest.log

# -smp 1, the initrd for the user-mode benchmarks, the ceilings of test/bench/budget
bench: bench-kernel user
	python3 tools/bench.py --image $(BENCH_DIR)/Image --initrd $(USER_DIR)/initrd.cpio \
		--budget test/bench/budget --out $(BUILD)/bench.jsonl

# make debug APPEND=utest=spin: with the initrd (once `make user` built it)
# a user task to look at; the rv-* commands come from tools/gdb/rvmach.py
# (docs/debugging.md)
debug: kernel
	@echo "QEMU waits for gdb on :1234; gdb-multiarch attaches with symbols and stops"
	@echo "at kernel_main (use hbreak before the MMU is on: the kernel runs at high addresses)"
	@echo "rv-harts, rv-threads, rv-tasks, rv-vmmap TASK, rv-taskrights TASK, rv-port PORT,"
	@echo "rv-pset PSET, rv-ipc-summary: see docs/debugging.md"
	$(QEMU) -M virt -smp $(SMP) -m $(MEM) -nographic -bios default \
		-kernel $(GCC_DIR)/Image $(if $(wildcard $(USER_DIR)/initrd.cpio),-initrd $(USER_DIR)/initrd.cpio) \
		-append "$(APPEND)" -s -S & \
	gdb-multiarch -q $(GCC_DIR)/kernel.elf -ex 'source tools/gdb/rvmach.py' \
		-ex 'target remote :1234' \
		-ex 'hbreak kernel_main' -ex 'continue'; kill %1 2>/dev/null || true

image: kernel user
	tools/mkimage.sh $(GCC_DIR)/Image $(BUILD)/rvmach.img "$(APPEND)" $(USER_DIR)/initrd.cpio
	@echo "$(BUILD)/rvmach.img: boot it with 'make run-uboot'"

run-uboot: image
	$(QEMU) -M virt -smp $(SMP) -m $(MEM) -nographic \
		-bios /usr/lib/riscv64-linux-gnu/opensbi/generic/fw_jump.elf \
		-kernel /usr/lib/u-boot/qemu-riscv64_smode/uboot.elf \
		-drive file=$(BUILD)/rvmach.img,if=none,format=raw,id=hd0 \
		-device virtio-blk-device,drive=hd0

clean:
	rm -rf $(BUILD)
