# Cross toolchain for rvmach user programs: Debian's riscv64-unknown-elf
# GCC (gcc-riscv64-unknown-elf) with picolibc (picolibc-riscv64-unknown-elf).
# picolibc.specs gives the include and library paths and picolibc's libc;
# the startup code and linker script are the SDK's (cmake/user.cmake adds
# -nostartfiles -T sdk/lib/rvmach.ld).  User code is built for the full
# RV64GC with the double-float ABI: the kernel keeps per-thread FPU state.
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR riscv64)
set(CMAKE_C_COMPILER riscv64-unknown-elf-gcc)
set(CMAKE_ASM_COMPILER riscv64-unknown-elf-gcc)
set(CMAKE_AR riscv64-unknown-elf-ar CACHE FILEPATH "")
set(CMAKE_RANLIB riscv64-unknown-elf-ranlib CACHE FILEPATH "")
set(CMAKE_OBJCOPY riscv64-unknown-elf-objcopy CACHE FILEPATH "")
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)
set(RVMACH_TOOLCHAIN user)
set(RVMACH_USER ON)

set(RVMACH_USER_ARCH "--specs=picolibc.specs -march=rv64imafdc -mabi=lp64d -mcmodel=medany")
set(CMAKE_C_FLAGS_INIT "${RVMACH_USER_ARCH} -std=gnu11 -O2 -g -Wall -Wextra -Werror")
set(CMAKE_ASM_FLAGS_INIT "${RVMACH_USER_ARCH} -g")
# (CMake links with the C flags, so the link sees the specs and -march too)
