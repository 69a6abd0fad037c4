/*
 * arch/riscv/thread.c - initial contexts for new threads.
 */
#include <machine/thread.h>

extern char machine_thread_trampoline[];

STATIC_ASSERT(sizeof(struct machine_context) == 14 * 8, "switch.S layout");

void
machine_context_init(struct machine_context *ctx, vaddr_t sp,
    void (*start)(void *prev, void *arg), void *arg)
{
	*ctx = (struct machine_context){ 0 };
	ctx->ra = (uint64_t)machine_thread_trampoline;
	ctx->sp = sp;
	ctx->s[1] = (uint64_t)start;
	ctx->s[2] = (uint64_t)arg;
}
