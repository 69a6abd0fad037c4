/*
 * kernel/kernel.h - the machine-independent start of the kernel.
 */
#ifndef KERNEL_KERNEL_H
#define KERNEL_KERNEL_H

#include "kernel/lib/types.h"

#define RVMACH_VERSION	"0.1"

/* boot hart, on its guarded stack, with memory and the console up */
void kernel_main(void) __noreturn;
/* every other hart, after machine_cpu_start */
void kernel_main_secondary(void) __noreturn;

/* the boot argument value of name ("ktest" -> "all"), or NULL */
const char *bootarg(const char *name);

/*
 * The first program: the task layer registers how to start it (STARTUP),
 * kernel_main calls it with the boot argument init= (default /sbin/init)
 * when neither tests nor benchmarks were asked for.  Returns whether it
 * started.
 */
void kernel_register_init(bool (*start)(const char *path));
void bootargs_init(void);

#endif /* KERNEL_KERNEL_H */
