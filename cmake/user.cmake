# User build (cmake/toolchain-user.cmake): the SDK libraries and every
# program in test/user/, staged as the initrd's tree under root/ and packed
# into initrd.cpio (docs/sdk.md).
#
#   sdk/lib/crt0.o           program entry (a copy of object library crt0)
#   sdk/lib/libmach.a        trap wrappers
#   sdk/lib/libsys.a         picolibc's OS glue, linked with --oslib=sys
#   root/test/<name>         test/user/<name>.c (and test/user/<name>/*.c)
#   root/sbin/init           test/user/init.c
#   initrd.cpio              root/, newc format
set(SDK ${RVMACH_ROOT}/sdk)
set(SDK_LD ${SDK}/lib/rvmach.ld)
set(USER_ROOT ${CMAKE_BINARY_DIR}/root)

include_directories(${SDK}/include)

add_library(crt0 OBJECT ${SDK}/lib/crt0.S)
# the same object under its usual name, for links outside this build
add_custom_command(OUTPUT ${CMAKE_BINARY_DIR}/sdk/lib/crt0.o
    COMMAND ${CMAKE_COMMAND} -E copy $<TARGET_OBJECTS:crt0>
        ${CMAKE_BINARY_DIR}/sdk/lib/crt0.o
    DEPENDS crt0 $<TARGET_OBJECTS:crt0>)
add_custom_target(crt0_o ALL DEPENDS ${CMAKE_BINARY_DIR}/sdk/lib/crt0.o)
file(GLOB LIBMACH_SOURCES CONFIGURE_DEPENDS ${SDK}/lib/libmach/*.c)
add_library(mach STATIC ${LIBMACH_SOURCES})
file(GLOB LIBSYS_SOURCES CONFIGURE_DEPENDS
    ${SDK}/lib/libsys/*.c ${SDK}/lib/libsys/*.S)
add_library(sys STATIC ${LIBSYS_SOURCES})
set_target_properties(mach sys PROPERTIES
    ARCHIVE_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/sdk/lib)

set(USER_LDFLAGS -nostartfiles -static -T ${SDK_LD}
    -Wl,-z,max-page-size=4096 -Wl,-z,common-page-size=4096
    -Wl,-z,noexecstack -Wl,--build-id=none
    -L${CMAKE_BINARY_DIR}/sdk/lib --oslib=sys)

# rvmach_user_program(NAME SOURCE DEST): SOURCE, and the .c files of
# test/user/NAME/ if there is such a directory, linked against the SDK as
# root/DEST (DEST: test/NAME, sbin/init)
set(USER_PROGRAMS "")
function(rvmach_user_program name src dest)
  get_filename_component(dir ${dest} DIRECTORY)
  get_filename_component(file ${dest} NAME)
  file(GLOB _parts CONFIGURE_DEPENDS ${RVMACH_ROOT}/test/user/${name}/*.c)
  add_executable(${name} ${src} ${_parts} $<TARGET_OBJECTS:crt0>)
  target_include_directories(${name} PRIVATE ${RVMACH_ROOT}/test/user)
  target_link_libraries(${name} PRIVATE mach)
  target_link_options(${name} PRIVATE ${USER_LDFLAGS})
  add_dependencies(${name} sys)
  set_target_properties(${name} PROPERTIES
      RUNTIME_OUTPUT_DIRECTORY ${USER_ROOT}/${dir} OUTPUT_NAME ${file}
      LINK_DEPENDS "${SDK_LD};${CMAKE_BINARY_DIR}/sdk/lib/libsys.a")
  set(USER_PROGRAMS ${USER_PROGRAMS} ${dest} PARENT_SCOPE)
endfunction()

file(GLOB _user_sources CONFIGURE_DEPENDS ${RVMACH_ROOT}/test/user/*.c)
foreach(src ${_user_sources})
  get_filename_component(name ${src} NAME_WE)
  if(name STREQUAL "init")
    rvmach_user_program(${name} ${src} sbin/init)
  else()
    rvmach_user_program(${name} ${src} test/${name})
  endif()
endforeach()

set(MKINITRD ${RVMACH_ROOT}/tools/mkinitrd.sh)
set(_deps "")
foreach(p ${USER_PROGRAMS})
  list(APPEND _deps ${USER_ROOT}/${p})
endforeach()
add_custom_command(OUTPUT ${CMAKE_BINARY_DIR}/initrd.cpio
    COMMAND ${MKINITRD} ${USER_ROOT} ${CMAKE_BINARY_DIR}/initrd.cpio ${USER_PROGRAMS}
    DEPENDS ${_deps} ${MKINITRD}
    COMMENT "initrd.cpio: ${USER_PROGRAMS}")
add_custom_target(initrd ALL DEPENDS ${CMAKE_BINARY_DIR}/initrd.cpio)
