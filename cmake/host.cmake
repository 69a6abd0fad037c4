# Host build: unit tests (ASan + UBSan), tools, and the QEMU test harness.
set(CMAKE_C_STANDARD 11)
set(CMAKE_C_STANDARD_REQUIRED ON)

set(RVMACH_HOST_CFLAGS -Wall -Wextra -Werror -g -O1
    -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all)
set(RVMACH_HOST_LDFLAGS -fsanitize=address,undefined)

# rvmach_host_target(TARGET): flags and include paths for host code built
# from kernel sources.  test/host/include goes first: it holds host stand-ins
# for the few kernel headers that need a hart (cpu, spinlock).
function(rvmach_host_target tgt)
  target_compile_options(${tgt} PRIVATE ${RVMACH_HOST_CFLAGS})
  target_link_options(${tgt} PRIVATE ${RVMACH_HOST_LDFLAGS})
  target_include_directories(${tgt} BEFORE PRIVATE
      ${RVMACH_ROOT}/test/host/include ${RVMACH_ROOT}
      ${RVMACH_ROOT}/arch/riscv/include ${RVMACH_ROOT}/sdk/include)
  target_compile_definitions(${tgt} PRIVATE RVMACH_HOST=1)
endfunction()

# Every test/host/<area>/CMakeLists.txt and tools/<tool>/CMakeLists.txt.
file(GLOB _host_dirs LIST_DIRECTORIES true
    ${RVMACH_ROOT}/test/host/* ${RVMACH_ROOT}/tools/*)
foreach(d ${_host_dirs})
  if(IS_DIRECTORY ${d} AND EXISTS ${d}/CMakeLists.txt)
    file(RELATIVE_PATH rel ${RVMACH_ROOT} ${d})
    add_subdirectory(${d} ${CMAKE_BINARY_DIR}/${rel})
  endif()
endforeach()

# The Promela models, checked with spin (model.* tests)
add_subdirectory(${RVMACH_ROOT}/test/model ${CMAKE_BINARY_DIR}/test/model)

if(EXISTS ${RVMACH_ROOT}/test/harness/CMakeLists.txt)
  add_subdirectory(${RVMACH_ROOT}/test/harness ${CMAKE_BINARY_DIR}/test/harness)
endif()
