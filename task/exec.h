/*
 * task/exec.h - starting programs: a static ELF executable in a new task.
 */
#ifndef TASK_EXEC_H
#define TASK_EXEC_H

#include "task/task.h"

#define EXEC_ARGS_MAX	3072		/* argv and envp strings and pointers */

/*
 * task_spawn - a new task running the executable image[0..size): its
 * segments mapped (text and data from the image, bss demand zero), a
 * stack below VM_USRSTACK holding argc, argv, envp and an auxv, and one
 * thread started at the entry point.  *out gets a reference to the task.
 * KERN_INVALID_ARGUMENT (not an acceptable executable: *why says what is
 * wrong; or the arguments do not fit), KERN_RESOURCE_SHORTAGE.
 */
kern_return_t task_spawn(const void *image, size_t size, const char *name,
    const char *const argv[], const char *const envp[], task_t *out,
    const char **why);
/*
 * task_spawn_initrd - task_spawn of the file at path in the initrd.
 * KERN_NOT_FOUND (no initrd, or no such file), or as task_spawn.
 */
kern_return_t task_spawn_initrd(const char *path, const char *const argv[],
    const char *const envp[], task_t *out, const char **why);
/* the same with flags: SPAWN_CONSOLE_DIAG prints its output as KTAP diagnostics */
#define SPAWN_CONSOLE_DIAG	0x1
kern_return_t task_spawn_initrd_flags(const char *path, const char *const argv[],
    const char *const envp[], unsigned flags, task_t *out, const char **why);

/* task_wait_exit - wait until t has ended; its exit status */
int task_wait_exit(task_t t);

#endif /* TASK_EXEC_H */
