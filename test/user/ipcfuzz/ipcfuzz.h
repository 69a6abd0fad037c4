/*
 * test/user/ipcfuzz/ipcfuzz.h - what the parts of the IPC fuzzer share:
 * test/user/ipcfuzz.c (the pool of names, the checks, the threads, main),
 * msg.c (mach_msg), port.c (the mach_port_* calls), kobject.c (MIG
 * requests to kernel objects), xcalls.c (the info, policy and VM calls),
 * tasks.c (task, thread, clock and processor-set calls).
 */
#ifndef TEST_USER_IPCFUZZ_IPCFUZZ_H
#define TEST_USER_IPCFUZZ_IPCFUZZ_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mach/mach_init.h>
#include <mach/mach_port.h>
#include <mach/mach_traps.h>
#include <mach/mach_vm.h>
#include <mach/message.h>
#include <mach/notify.h>
#include <mach/riscv/trap.h>
#include <mach/riscv/vm_param.h>
#include <mach/rvmach_debug.h>
#include <mach/syscall_sw.h>
#include <mach/vm_prot.h>
#include <mach/vm_statistics.h>

#define BUF_SIZE	(32 * 1024)	/* a thread's message buffer, then a guard page */
#define SCRATCH_SIZE	(16 * 1024)	/* out-of-line memory and port arrays */
/*
 * each thread's scratch sits at a fixed address of its own, far above where
 * first fit puts anything (received out-of-line memory, stacks): a send
 * may deallocate part of it, and no other region must land in the hole
 */
#define SCRATCH_BASE	0x2000000000ull
#define SCRATCH_STRIDE	(4 * SCRATCH_SIZE)
#define PAGE		4096u
#define MINE		16		/* a thread's own latest names */
#define RESULTS		256		/* distinct (call, result) kept per thread */

/* name hints: what a pool name held when it went in (it may have changed) */
enum hint { H_ANY, H_RECV, H_SET, H_SEND, H_SONCE, H_DEAD, H_NHINTS };

enum op {
	OP_MSG, OP_ALLOCATE, OP_ALLOCATE_NAME, OP_CONSTRUCT, OP_DESTRUCT,
	OP_DESTROY, OP_DEALLOCATE, OP_MOD_REFS, OP_GET_REFS, OP_TYPE,
	OP_INSERT_RIGHT, OP_REQUEST_NOTIFICATION, OP_MOVE_MEMBER,
	OP_INSERT_MEMBER, OP_EXTRACT_MEMBER, OP_GET_ATTRIBUTES,
	OP_SET_ATTRIBUTES, OP_NAMES, OP_SELF, OP_CHURN, OP_REPLY, OP_KOBJECT,
	OP_XCALL, OP_TASK, OP_COUNT
};

struct result {
	uint32_t op;			/* enum op, +1 (0: a free slot) */
	uint32_t code;
	uint32_t n;
};

struct fz {
	int	id;
	uint64_t rng;
	uint64_t count;			/* calls to make */
	uint64_t calls;			/* made */
	uint64_t ops[OP_COUNT];
	uint64_t violations;
	uint8_t *buf;			/* BUF_SIZE, then a page with no access */
	uint8_t *scratch;		/* SCRATCH_SIZE */
	bool	scratch_maybe_gone;	/* an OOL descriptor asked to deallocate it */
	uint64_t mine[MINE];		/* names this thread put in the pool, hints */
	unsigned mine_next;
	bool	in_reply;		/* op_reply runs: no reply to its receive */
	struct result res[RESULTS];
	uint32_t res_other;		/* results past RESULTS distinct codes */
};

extern mach_port_t self;			/* our task port's name */
extern mach_port_t hub, peer;			/* from the ktest, or MACH_PORT_NULL */

/* --- random numbers: splitmix64, one stream per thread --- */

static inline uint64_t
rnd(struct fz *f)
{
	uint64_t z = (f->rng += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static inline uint32_t
below(struct fz *f, uint32_t n)
{
	return n == 0 ? 0 : (uint32_t)(rnd(f) % n);
}

static inline bool
chance(struct fz *f, unsigned pct)
{
	return below(f, 100) < pct;
}

/* --- ipcfuzz.c --- */

void	say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void	record(struct fz *f, enum op op, uint32_t code);
void	violation(struct fz *f, enum op op, uint32_t code, const char *fmt, ...)
	    __attribute__((format(printf, 4, 5)));
bool	in_set(kern_return_t kr, const kern_return_t *set, size_t n);
/* the allowed codes of a call, as an array and its length */
#define SET(...)	((const kern_return_t[]){ __VA_ARGS__ }), \
	(sizeof((const kern_return_t[]){ __VA_ARGS__ }) / sizeof(kern_return_t))
bool	check(struct fz *f, enum op op, kern_return_t kr, bool on_self,
	    bool bad_ptr, const kern_return_t *set, size_t n, const char *args);
char	*fmt_args(char *b, size_t n, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
#define ARGS(...)	fmt_args(args, sizeof(args), __VA_ARGS__)

bool	protected_name(mach_port_name_t n);
void	pool_put(struct fz *f, mach_port_name_t name, enum hint hint);
void	pool_forget(struct fz *f, mach_port_name_t name);
mach_port_name_t pool_any(struct fz *f, enum hint *hintp);
mach_port_name_t pool_kind(struct fz *f, enum hint kind);
mach_port_name_t sane_name(struct fz *f, enum hint kind);
mach_port_name_t garbage_name(struct fz *f);
#define N_MAY_DESTROY	0x1	/* the call may take rights away: not self, hub, peer */
mach_port_name_t pick_name(struct fz *f, enum hint kind, unsigned flags);
mach_port_name_t pick_target(struct fz *f, bool *on_self);
mach_port_right_t pick_right(struct fz *f);
mach_msg_type_name_t pick_disp(struct fz *f, bool dest);
void	*pick_out(struct fz *f, void *good, bool *bad);
bool	type_possible(mach_port_type_t t);
enum hint hint_of(mach_port_type_t t);
void	refresh_name(struct fz *f, mach_port_name_t name);

/* --- msg.c --- */

enum hint kind_for_disp(unsigned d);
void	op_msg(struct fz *f);
void	op_churn(struct fz *f);
/* scratch a send gave away (scratch_maybe_gone): mapped again */
void	scratch_restore(struct fz *f);

/* --- kobject.c --- */

/* the threads' reply ports, made before the threads start */
void	kobj_init(int nthreads);
void	op_kobject(struct fz *f);
/* is n a thread's reply port for its MIG requests (a protected name)? */
bool	kobj_reply_port(mach_port_name_t n);

/* --- xcalls.c --- */

void	op_xcall(struct fz *f);

/* --- tasks.c --- */

void	op_task(struct fz *f);
/* the child task and its threads ended, alarms fired: before the exit */
void	tasks_fini(void);

/* --- port.c --- */

void	op_port(struct fz *f, enum op op);

#endif /* TEST_USER_IPCFUZZ_IPCFUZZ_H */
