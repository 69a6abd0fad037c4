# Kernel build (cross): kernel.elf, the raw Image, and the symbol table.
#
# The kernel is linked twice: the first link (kernel-stage1.elf, empty
# symbol table) gives the function addresses that tools/mksyms.py turns into
# the table linked into kernel.elf.  .ksyms sits after all text, so no
# function moves between the links.
find_package(Python3 REQUIRED COMPONENTS Interpreter)

option(RVMACH_DEBUG "debug checks (lock order, costly assertions)" ON)

set(KERNEL_CFLAGS
    -march=${RVMACH_MARCH} -mabi=lp64 -mcmodel=medany -mno-relax
    -ffreestanding -fno-builtin -fno-common -fno-pic -fno-pie
    -fno-stack-protector -fno-omit-frame-pointer -fno-optimize-sibling-calls
    -fno-asynchronous-unwind-tables -fno-unwind-tables
    -std=gnu11 -O2 -g -Wall -Wextra -Werror -Wno-unused-parameter)
set(KERNEL_ASFLAGS -march=${RVMACH_MARCH} -mabi=lp64 -mno-relax -D__ASSEMBLER__)
set(KERNEL_LDFLAGS -nostdlib -static -T ${RVMACH_ROOT}/arch/riscv/kernel.ld
    -Wl,--no-relax -Wl,-z,max-page-size=4096 -Wl,--build-id=none
    ${RVMACH_LINKER_FLAGS})

file(GLOB_RECURSE KERNEL_SOURCES CONFIGURE_DEPENDS
    ${RVMACH_ROOT}/arch/riscv/*.c ${RVMACH_ROOT}/arch/riscv/*.S
    ${RVMACH_ROOT}/kernel/*.c ${RVMACH_ROOT}/task/*.c
    ${RVMACH_ROOT}/test/ktest/*.c ${RVMACH_ROOT}/test/bench/*.c)

add_library(kobjs OBJECT ${KERNEL_SOURCES})
target_include_directories(kobjs PRIVATE ${RVMACH_ROOT}
    ${RVMACH_ROOT}/arch/riscv/include ${RVMACH_ROOT}/sdk/include)
target_compile_options(kobjs PRIVATE
    $<$<COMPILE_LANGUAGE:C>:${KERNEL_CFLAGS}>
    $<$<COMPILE_LANGUAGE:ASM>:${KERNEL_ASFLAGS}>)
if(RVMACH_DEBUG)
  target_compile_definitions(kobjs PRIVATE RVMACH_DEBUG=1)
endif()
# the FP register save/load: assembled with D, the rest of the kernel without
set_source_files_properties(${RVMACH_ROOT}/arch/riscv/fpu.S
    PROPERTIES COMPILE_OPTIONS "-march=${RVMACH_MARCH_FPU}")
# runs with the MMU off at the load address: no jump tables (absolute addresses)
set_source_files_properties(${RVMACH_ROOT}/arch/riscv/early.c
    PROPERTIES COMPILE_OPTIONS "-fno-jump-tables")

set(MKSYMS ${RVMACH_ROOT}/tools/mksyms.py)
add_custom_command(OUTPUT ksyms0.S
    COMMAND ${Python3_EXECUTABLE} ${MKSYMS} ${CMAKE_NM} - ksyms0.S
    DEPENDS ${MKSYMS})

function(rvmach_kernel_link tgt syms)
  add_executable(${tgt} $<TARGET_OBJECTS:kobjs> ${syms})
  target_compile_options(${tgt} PRIVATE ${KERNEL_ASFLAGS})
  target_link_options(${tgt} PRIVATE ${KERNEL_LDFLAGS})
  set_target_properties(${tgt} PROPERTIES SUFFIX ".elf"
      LINK_DEPENDS ${RVMACH_ROOT}/arch/riscv/kernel.ld)
endfunction()

rvmach_kernel_link(kernel-stage1 ksyms0.S)
add_custom_command(OUTPUT ksyms.S
    COMMAND ${Python3_EXECUTABLE} ${MKSYMS} ${CMAKE_NM}
        $<TARGET_FILE:kernel-stage1> ksyms.S
    DEPENDS kernel-stage1 ${MKSYMS})
rvmach_kernel_link(kernel ksyms.S)

add_custom_command(OUTPUT Image
    COMMAND ${CMAKE_OBJCOPY} -O binary $<TARGET_FILE:kernel> Image
    DEPENDS kernel)
add_custom_target(image ALL DEPENDS Image)
