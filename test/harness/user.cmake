# Host checks of the user build (make user: build/user): every program is
# an executable the loader accepts, and the initrd holds them all.  The
# QEMU boots that run them come with the kernel's user mode; they will
# boot with -initrd ${RVMACH_INITRD}.
set(RVMACH_USER_DIR "" CACHE PATH "user build directory (make user: build/user)")
if(NOT RVMACH_USER_DIR)
  message(STATUS "RVMACH_USER_DIR not set: no user-program checks")
  return()
endif()
find_package(Python3 REQUIRED COMPONENTS Interpreter)
set(RVMACH_INITRD ${RVMACH_USER_DIR}/initrd.cpio)

# the programs cmake/user.cmake builds: test/user/<name>.c -> test/<name>,
# init.c -> sbin/init
file(GLOB _user_sources CONFIGURE_DEPENDS ${RVMACH_ROOT}/test/user/*.c)
set(USER_PROGRAMS "")
foreach(src ${_user_sources})
  get_filename_component(name ${src} NAME_WE)
  if(name STREQUAL "init")
    list(APPEND USER_PROGRAMS sbin/init)
  else()
    list(APPEND USER_PROGRAMS test/${name})
  endif()
endforeach()
set(_user_files "")
foreach(p ${USER_PROGRAMS})
  list(APPEND _user_files ${RVMACH_USER_DIR}/root/${p})
endforeach()

set(USER_CHECK ${CMAKE_CURRENT_LIST_DIR}/user_check.py)
add_test(NAME user.elf_check
    COMMAND ${Python3_EXECUTABLE} ${USER_CHECK} elf
        --readelf riscv64-unknown-elf-readelf ${_user_files})
add_test(NAME user.initrd_list
    COMMAND ${Python3_EXECUTABLE} ${USER_CHECK} initrd --cpio cpio
        ${RVMACH_INITRD} ${USER_PROGRAMS})
# every function <mach/*.h> declares is in libmach or libsys (the last
# ones missing were the semaphore calls)
file(GLOB _sdk_headers CONFIGURE_DEPENDS ${RVMACH_ROOT}/sdk/include/mach/*.h
    ${RVMACH_ROOT}/sdk/include/mach/riscv/*.h)
add_test(NAME user.header_calls
    COMMAND ${Python3_EXECUTABLE} ${USER_CHECK} calls
        --nm riscv64-unknown-elf-nm
        --lib ${RVMACH_USER_DIR}/sdk/lib/libmach.a
        --lib ${RVMACH_USER_DIR}/sdk/lib/libsys.a ${_sdk_headers})
set_tests_properties(user.elf_check user.initrd_list user.header_calls
    PROPERTIES TIMEOUT 60 LABELS user)
