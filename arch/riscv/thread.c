/*
 * arch/riscv/thread.c - initial contexts for new threads.
 */
#include <machine/thread.h>

extern char machine_thread_trampoline[];

/* switch.S and the inline switch in <machine/thread.h> use these offsets */
STATIC_ASSERT(offsetof(struct machine_context, pc) == 0, "pc");
STATIC_ASSERT(offsetof(struct machine_context, sp) == 8, "sp");
STATIC_ASSERT(offsetof(struct machine_context, fp) == 16, "fp");
STATIC_ASSERT(offsetof(struct machine_context, start) == 24, "start");
STATIC_ASSERT(offsetof(struct machine_context, arg) == 32, "arg");

void
machine_context_init(struct machine_context *ctx, vaddr_t sp,
    void (*start)(void *prev, void *arg), void *arg)
{
	*ctx = (struct machine_context){
		.pc = (uint64_t)machine_thread_trampoline,
		.sp = sp,
		.fp = 0,
		.start = (uint64_t)start,
		.arg = (uint64_t)arg,
	};
}
