# Cross toolchain: Debian's clang 14 + ld.lld (packages clang, lld).
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR riscv64)
set(CMAKE_C_COMPILER clang)
set(CMAKE_ASM_COMPILER clang)
set(CMAKE_C_COMPILER_TARGET riscv64-unknown-elf)
set(CMAKE_ASM_COMPILER_TARGET riscv64-unknown-elf)
set(CMAKE_OBJCOPY llvm-objcopy-14 CACHE FILEPATH "")
set(CMAKE_NM llvm-nm-14 CACHE FILEPATH "")
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)
set(RVMACH_TOOLCHAIN clang)
# clang 14 takes zicsr/zifencei as implied
set(RVMACH_MARCH rv64imac)
set(RVMACH_LINKER_FLAGS -fuse-ld=lld)
