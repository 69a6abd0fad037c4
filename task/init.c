/*
 * task/init.c - starting the first program (boot argument init=, default
 * /sbin/init) from the initrd, and reporting when it ends.
 *
 * Until the BSD layer makes it pid 1, init is just the first task; a
 * kernel thread waits for it and prints its exit status.
 */
#include "kernel/kernel.h"
#include "kernel/lib/printf.h"
#include "kernel/startup.h"
#include "task/exec.h"

static void
init_reaper(void *arg)
{
	task_t t = arg;
	int status = task_wait_exit(t);

	printf("rvmach: init exited with status %d\n", status);
	task_deallocate(t);
}

static bool
init_start(const char *path)
{
	const char *argv[] = { path, NULL }, *envp[] = { NULL }, *why;
	const char *rel = path[0] == '/' ? path + 1 : path;
	task_t t;
	kern_return_t kr = task_spawn_initrd(rel, argv, envp, &t, &why);

	if (kr != KERN_SUCCESS) {
		printf("rvmach: no init: %s: %s\n", path, why);
		return false;
	}
	printf("rvmach: started %s (task %lu)\n", path, t->task_id);
	if (kernel_thread_start(init_reaper, t, NULL) != KERN_SUCCESS)
		task_deallocate(t);	/* it runs on; nobody reports its end */
	return true;
}

static void
init_register(void)
{
	kernel_register_init(init_start);
}
STARTUP(TASKS, init_register);
