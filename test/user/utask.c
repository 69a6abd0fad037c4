/*
 * test/user/utask.c - one task managing another through its task and
 * thread ports: a child from task_create (empty, and with the parent's
 * memory copy-on-write) whose memory the parent allocates, writes, reads,
 * copies and describes; task_info figures; task_threads; threads made
 * with thread_create / thread_create_running, run, suspended, resumed,
 * aborted out of mach_msg, terminated; the state of a thread waiting in
 * a trap, s0-s11 included, read and set; special ports; host_info; a
 * child's port becoming a dead name; bad names and bad pointers, each
 * with its documented error and nothing left behind; mach_error_string.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <mach/mach.h>
#include <mach/riscv/trap.h>
#include <mach/riscv/vm_param.h>
#include <mach/rvmach_debug.h>
#include <mach/syscall_sw.h>

#include "ktap.h"
#include "utest_util.h"

#define PAGE		RISCV_PGBYTES
#define STACK_SIZE	(16 * 1024)
#define BAD_NAME	((mach_port_t)0x12345678)
#define BAD_PTR		0x8ul		/* never mapped */

static mach_port_t self;

static uint8_t stacks[7][STACK_SIZE] __attribute__((aligned(16)));
enum { ST_RUN, ST_RUN2, ST_SPIN, ST_RCV, ST_RCV2, ST_CHILD, ST_SREG };

/* data the copy-on-write child sees */
static volatile uint64_t cow_word = 0x1111;
static uint8_t cow_page[PAGE] __attribute__((aligned(PAGE)));
static const uint8_t ro_page[PAGE] __attribute__((aligned(PAGE))) = { 0x77 };
static uint8_t buf_page[PAGE] __attribute__((aligned(PAGE)));

static mach_vm_size_t
virtual_size(mach_port_t task)
{
	struct mach_task_basic_info mi;
	mach_msg_type_number_t n = MACH_TASK_BASIC_INFO_COUNT;

	if (task_info(task, MACH_TASK_BASIC_INFO, (task_info_t)&mi, &n) !=
	    KERN_SUCCESS)
		return (mach_vm_size_t)-1;
	return mi.virtual_size;
}

static mach_msg_type_number_t
thread_count(mach_port_t task)
{
	thread_act_array_t list;
	mach_msg_type_number_t n = 0;

	if (task_threads(task, &list, &n) != KERN_SUCCESS)
		return (mach_msg_type_number_t)-1;
	for (mach_msg_type_number_t i = 0; i < n; i++)
		mach_port_deallocate(self, list[i]);
	if (n > 0)
		mach_vm_deallocate(self, (mach_vm_address_t)(uintptr_t)list,
		    n * sizeof(*list));
	return n;
}

/* --- threads started by hand --- */

/* registers for fn(arg) on stack s, returning into thread_return */
static void
entry_state(struct riscv_thread_state *st, void (*fn)(void *), void *arg, int s)
{
	entry_state_at(st, fn, arg, stacks[s] + STACK_SIZE);
}

static volatile uint64_t run_flag;

static void
run_fn(void *arg)
{
	__atomic_store_n(&run_flag, (uint64_t)(uintptr_t)arg, __ATOMIC_RELEASE);
}

/* ends itself through its own port */
static void
run_fn_self_terminate(void *arg)
{
	run_fn(arg);
	thread_terminate(mach_thread_self());
}

static volatile uint64_t spin_count, spin_stop;

static void
spin_fn(void *arg __attribute__((unused)))
{
	while (!__atomic_load_n(&spin_stop, __ATOMIC_ACQUIRE))
		__atomic_fetch_add(&spin_count, 1, __ATOMIC_RELAXED);
}

struct rcv_args {
	mach_port_t port;
	mach_msg_option_t extra;
	volatile uint64_t done;
	mach_msg_return_t result;
	struct {
		mach_msg_header_t h;
		mach_msg_max_trailer_t trailer;
	} msg;
};

static void
rcv_fn(void *arg)
{
	struct rcv_args *ra = arg;

	ra->result = mach_msg(&ra->msg.h, MACH_RCV_MSG | ra->extra, 0,
	    sizeof(ra->msg), ra->port, MACH_MSG_TIMEOUT_NONE, MACH_PORT_NULL);
	__atomic_store_n(&ra->done, 1, __ATOMIC_RELEASE);
}

/* a thread in task running fn(arg) on stack s, made suspended then resumed */
static kern_return_t
start_thread(mach_port_t task, void (*fn)(void *), void *arg, int s,
    thread_act_t *th)
{
	struct riscv_thread_state st;
	kern_return_t kr;

	entry_state(&st, fn, arg, s);
	if ((kr = thread_create(task, th)) != KERN_SUCCESS)
		return kr;
	if ((kr = thread_set_state(*th, RISCV_THREAD_STATE, (thread_state_t)&st,
	    RISCV_THREAD_STATE_COUNT)) != KERN_SUCCESS)
		return kr;
	return thread_resume(*th);
}

/* ------------------------------------------------------------------ */

/* a child with nothing in it: its memory is the parent's to manage */
static void
test_empty_child(void)
{
	struct vm_region_basic_info_64 info;
	mach_msg_type_number_t n;
	mach_vm_address_t ca = 0, addr;
	mach_vm_size_t size;
	mach_port_t child = MACH_PORT_NULL, obj = 1;
	thread_act_t th;
	vm_offset_t data;
	int ok;

	ktap_ok(task_create(self, NULL, 0, FALSE, &child) == KERN_SUCCESS &&
	    type_of(child) == MACH_PORT_TYPE_SEND && child != self,
	    "task_create_gives_send_right");
	ktap_ok(virtual_size(child) == 0 && thread_count(child) == 0,
	    "child_empty_no_threads");
	{
		mach_port_t cn = MACH_PORT_NULL, mine = MACH_PORT_NULL;
		mach_msg_type_name_t pt = 0;
		mach_port_type_t ty;

		/* a receive right made in the child, taken out into our space */
		ok = mach_port_allocate(child, MACH_PORT_RIGHT_RECEIVE, &cn) ==
		    KERN_SUCCESS &&
		    mach_port_extract_right(child, cn, MACH_MSG_TYPE_MOVE_RECEIVE,
		    &mine, &pt) == KERN_SUCCESS &&
		    pt == MACH_MSG_TYPE_PORT_RECEIVE &&
		    type_of(mine) == MACH_PORT_TYPE_RECEIVE &&
		    mach_port_type(child, cn, &ty) == KERN_INVALID_NAME;
		ktap_ok(ok, "extract_receive_right_from_child");
		mach_port_destroy(self, mine);
	}
	ktap_ok(mach_vm_allocate(child, &ca, 3 * PAGE, VM_FLAGS_ANYWHERE) ==
	    KERN_SUCCESS && ca != 0 && virtual_size(child) == 3 * PAGE,
	    "allocate_in_child");
	for (int i = 0; i < PAGE; i++)
		buf_page[i] = (uint8_t)(i * 7 + 1);
	ktap_ok(mach_vm_write(child, ca + PAGE, (vm_offset_t)buf_page, PAGE) ==
	    KERN_SUCCESS, "write_child");
	n = 0;
	ok = mach_vm_read(child, ca + PAGE + 16, 64, &data, &n) == KERN_SUCCESS &&
	    n == 64 && (data & (PAGE - 1)) == 16 &&
	    memcmp((void *)data, buf_page + 16, 64) == 0;
	ktap_ok(ok, "read_back_at_offset");
	if (ok)
		mach_vm_deallocate(self, data, n);
	ok = mach_vm_read(child, ca, PAGE, &data, &n) == KERN_SUCCESS && n == PAGE;
	if (ok) {
		for (int i = 0; i < PAGE; i++)
			ok &= ((uint8_t *)data)[i] == 0;
		mach_vm_deallocate(self, data, n);
	}
	ktap_ok(ok, "unwritten_page_reads_zero");
	ok = mach_vm_copy(child, ca + PAGE, PAGE, ca + 2 * PAGE) == KERN_SUCCESS &&
	    mach_vm_read(child, ca + 2 * PAGE, PAGE, &data, &n) == KERN_SUCCESS;
	if (ok) {
		ok = memcmp((void *)data, buf_page, PAGE) == 0;
		mach_vm_deallocate(self, data, n);
	}
	ktap_ok(ok, "copy_in_child");
	/* the destination keeps its protection, even from a read-only source */
	ok = mach_vm_write(child, ca, (vm_offset_t)ro_page, PAGE) == KERN_SUCCESS;
	addr = ca;
	n = VM_REGION_BASIC_INFO_COUNT_64;
	ok = ok && mach_vm_region(child, &addr, &size, VM_REGION_BASIC_INFO_64,
	    (vm_region_info_t)&info, &n, &obj) == KERN_SUCCESS && addr == ca &&
	    size == PAGE && n == VM_REGION_BASIC_INFO_COUNT_64 &&
	    info.protection == VM_PROT_DEFAULT &&
	    info.max_protection == VM_PROT_ALL &&
	    info.inheritance == VM_INHERIT_DEFAULT && obj == MACH_PORT_NULL;
	ktap_ok(ok, "region_after_write_keeps_protection");
	addr = ca + 3 * PAGE;
	n = VM_REGION_BASIC_INFO_COUNT_64;
	ktap_ok(mach_vm_region(child, &addr, &size, VM_REGION_BASIC_INFO_64,
	    (vm_region_info_t)&info, &n, &obj) == KERN_INVALID_ADDRESS &&
	    (n = VM_REGION_BASIC_INFO_COUNT_64 - 1, mach_vm_region(child, &addr,
	    &size, VM_REGION_BASIC_INFO_64, (vm_region_info_t)&info, &n, &obj)) ==
	    KERN_INVALID_ARGUMENT &&
	    (n = VM_REGION_BASIC_INFO_COUNT_64, mach_vm_region(child, &addr,
	    &size, 99, (vm_region_info_t)&info, &n, &obj)) ==
	    KERN_INVALID_ARGUMENT &&
	    mach_vm_region(child, (mach_vm_address_t *)BAD_PTR, &size,
	    VM_REGION_BASIC_INFO_64, (vm_region_info_t)&info, &n, &obj) ==
	    KERN_INVALID_ADDRESS, "region_errors");
	/* XNU's overwrite rules: only memory that is there and writable */
	ktap_ok(mach_vm_write(child, ca + 8 * PAGE, (vm_offset_t)buf_page, PAGE) ==
	    KERN_INVALID_ADDRESS &&
	    mach_vm_protect(child, ca, PAGE, FALSE, VM_PROT_READ) == KERN_SUCCESS &&
	    mach_vm_write(child, ca, (vm_offset_t)buf_page, PAGE) ==
	    KERN_PROTECTION_FAILURE &&
	    mach_vm_write(child, ca + 8, (vm_offset_t)buf_page, PAGE) ==
	    KERN_INVALID_ARGUMENT &&
	    mach_vm_write(child, ca + PAGE, BAD_PTR & ~(PAGE - 1), PAGE) ==
	    KERN_INVALID_ADDRESS &&
	    mach_vm_copy(child, ca + 8 * PAGE, PAGE, ca + PAGE) ==
	    KERN_INVALID_ADDRESS, "write_copy_errors");
	ktap_ok(mach_vm_read(child, ca + 8 * PAGE, PAGE, &data, &n) ==
	    KERN_INVALID_ADDRESS &&
	    mach_vm_read(child, ca, 1ull << 33, &data, &n) ==
	    KERN_INVALID_ARGUMENT &&
	    mach_vm_read(child, ca, PAGE, (vm_offset_t *)BAD_PTR, &n) ==
	    KERN_INVALID_ADDRESS &&
	    mach_vm_read(child, ca, PAGE, &data,
	    (mach_msg_type_number_t *)BAD_PTR) == KERN_INVALID_ADDRESS,
	    "read_errors");
	/* read_overwrite: into our own memory, at any alignment */
	{
		static uint8_t ow_page[PAGE] __attribute__((aligned(PAGE)));
		uint8_t dst[160];
		mach_vm_size_t out = 0;

		memset(dst, 0xee, sizeof(dst));
		ok = mach_vm_read_overwrite(child, ca + PAGE + 16, 100,
		    (mach_vm_address_t)(uintptr_t)(dst + 3), &out) == KERN_SUCCESS &&
		    out == 100 && memcmp(dst + 3, buf_page + 16, 100) == 0 &&
		    dst[0] == 0xee && dst[2] == 0xee && dst[103] == 0xee &&
		    dst[159] == 0xee;
		ktap_ok(ok, "read_overwrite_unaligned");
		out = 0;
		ok = mach_vm_read_overwrite(child, ca + PAGE, PAGE,
		    (mach_vm_address_t)(uintptr_t)ow_page, &out) == KERN_SUCCESS &&
		    out == PAGE && memcmp(ow_page, buf_page, PAGE) == 0 &&
		    mach_vm_write(child, ca + PAGE, (vm_offset_t)ro_page, PAGE) ==
		    KERN_SUCCESS && memcmp(ow_page, buf_page, PAGE) == 0;
		ktap_ok(ok, "read_overwrite_pages_copy_on_write");
		out = 7;
		ktap_ok(mach_vm_read_overwrite(child, ca + 8 * PAGE, 16,
		    (mach_vm_address_t)(uintptr_t)dst, &out) ==
		    KERN_INVALID_ADDRESS &&
		    mach_vm_read_overwrite(child, ca + PAGE, 16,
		    (mach_vm_address_t)(uintptr_t)dst,
		    (mach_vm_size_t *)BAD_PTR) == KERN_INVALID_ADDRESS &&
		    mach_vm_read_overwrite(child, ca + PAGE + 1, 16, BAD_PTR,
		    &out) == KERN_INVALID_ADDRESS &&
		    mach_vm_read_overwrite(child, ca + PAGE, 16,
		    0xffffffc000000000ull, &out) == KERN_INVALID_ADDRESS &&
		    mach_vm_read_overwrite(0x4242, ca + PAGE, 16,
		    (mach_vm_address_t)(uintptr_t)dst, &out) ==
		    MACH_SEND_INVALID_DEST &&
		    mach_vm_read_overwrite(child, ca + PAGE, 0,
		    (mach_vm_address_t)(uintptr_t)dst, &out) == KERN_SUCCESS &&
		    out == 0, "read_overwrite_errors");
	}
	ktap_ok(mach_vm_inherit(child, ca, PAGE, VM_INHERIT_NONE) ==
	    KERN_SUCCESS && mach_vm_inherit(child, ca, PAGE, 7) ==
	    KERN_INVALID_ARGUMENT, "inherit_in_child");
	/* a thread that never runs there: it goes with the task */
	th = MACH_PORT_NULL;
	ktap_ok(thread_create(child, &th) == KERN_SUCCESS &&
	    run_state(th) == TH_STATE_STOPPED && thread_count(child) == 1,
	    "thread_create_in_child_stays_suspended");
	ktap_ok(task_terminate(child) == KERN_SUCCESS &&
	    type_of(child) == MACH_PORT_TYPE_DEAD_NAME &&
	    task_info(child, MACH_TASK_BASIC_INFO, (task_info_t)&info, &n) ==
	    MACH_SEND_INVALID_DEST && task_terminate(child) ==
	    MACH_SEND_INVALID_DEST, "terminated_child_is_dead_name");
	ktap_ok(wait_dead(th) && mach_port_destroy(self, child) == KERN_SUCCESS,
	    "child_thread_port_dead_too");
}

/* the child of a thread in a copy-on-write child */
static void
child_fn(void *arg)
{
	*(volatile uint64_t *)arg = 0x3333;
	for (;;)
		mach_wait_until(1ull << 52);	/* years: until terminated */
}

/* the child gets the parent's memory copy-on-write, and runs a thread */
static void
test_cow_child(void)
{
	struct riscv_thread_state st, got;
	mach_msg_type_number_t n;
	mach_vm_address_t none = 0, shared = 0;
	mach_port_t child = MACH_PORT_NULL;
	thread_act_array_t list = NULL;
	thread_act_t th = MACH_PORT_NULL;
	vm_offset_t data;
	uint64_t seen = 0;
	int ok;

	memset(cow_page, 0xab, PAGE);
	cow_word = 0x1111;
	ok = mach_vm_allocate(self, &none, PAGE, VM_FLAGS_ANYWHERE) == KERN_SUCCESS &&
	    mach_vm_inherit(self, none, PAGE, VM_INHERIT_NONE) == KERN_SUCCESS &&
	    mach_vm_allocate(self, &shared, PAGE, VM_FLAGS_ANYWHERE) == KERN_SUCCESS &&
	    mach_vm_inherit(self, shared, PAGE, VM_INHERIT_SHARE) == KERN_SUCCESS;
	ktap_ok(ok && task_create(self, NULL, 0, TRUE, &child) == KERN_SUCCESS,
	    "task_create_inherit_memory");
	ok = mach_vm_read(child, (mach_vm_address_t)(uintptr_t)&cow_word,
	    sizeof(uint64_t), &data, &n) == KERN_SUCCESS;
	if (ok) {
		seen = *(uint64_t *)data;
		mach_vm_deallocate(self, data, n);
	}
	ktap_ok(ok && seen == 0x1111, "child_sees_parent_data");
	cow_word = 0x2222;
	ok = mach_vm_read(child, (mach_vm_address_t)(uintptr_t)&cow_word,
	    sizeof(uint64_t), &data, &n) == KERN_SUCCESS;
	if (ok) {
		seen = *(uint64_t *)data;
		mach_vm_deallocate(self, data, n);
	}
	ktap_ok(ok && seen == 0x1111, "parent_write_not_seen_by_child");
	memset(buf_page, 0xcd, PAGE);
	ok = mach_vm_write(child, (mach_vm_address_t)(uintptr_t)cow_page,
	    (vm_offset_t)buf_page, PAGE) == KERN_SUCCESS &&
	    mach_vm_read(child, (mach_vm_address_t)(uintptr_t)cow_page, PAGE,
	    &data, &n) == KERN_SUCCESS;
	if (ok) {
		ok = ((uint8_t *)data)[100] == 0xcd;
		mach_vm_deallocate(self, data, n);
	}
	ktap_ok(ok && cow_page[100] == 0xab, "child_write_not_seen_by_parent");
	*(volatile uint64_t *)(uintptr_t)shared = 0x5151;
	ok = mach_vm_read(child, none, PAGE, &data, &n) == KERN_INVALID_ADDRESS &&
	    mach_vm_read(child, shared, PAGE, &data, &n) == KERN_SUCCESS;
	if (ok) {
		ok = *(uint64_t *)data == 0x5151;
		mach_vm_deallocate(self, data, n);
	}
	ktap_ok(ok, "inherit_none_absent_share_shared");
	/* a thread of the child, on the child's copy of a stack of ours */
	entry_state(&st, child_fn, (void *)&cow_word, ST_CHILD);
	ok = thread_create_running(child, RISCV_THREAD_STATE, (thread_state_t)&st,
	    RISCV_THREAD_STATE_COUNT, &th) == KERN_SUCCESS;
	seen = 0;
	for (int i = 0; ok && i < WAIT_MS && seen != 0x3333; i++) {
		if (mach_vm_read(child, (mach_vm_address_t)(uintptr_t)&cow_word,
		    sizeof(uint64_t), &data, &n) != KERN_SUCCESS)
			break;
		seen = *(uint64_t *)data;
		mach_vm_deallocate(self, data, n);
		sleep_ms(1);
	}
	ktap_ok(seen == 0x3333 && cow_word == 0x2222,
	    "thread_in_child_writes_child_copy");
	ok = task_threads(child, &list, &n) == KERN_SUCCESS && n == 1 &&
	    list[0] == th;
	if (ok) {
		mach_port_deallocate(self, list[0]);
		mach_vm_deallocate(self, (mach_vm_address_t)(uintptr_t)list,
		    sizeof(*list));
	}
	ktap_ok(ok, "task_threads_of_child");
	ktap_ok(wait_state(th, TH_STATE_WAITING), "child_thread_waiting");
	n = RISCV_THREAD_STATE_COUNT;
	ok = thread_get_state(th, RISCV_THREAD_STATE, (thread_state_t)&got, &n) ==
	    KERN_SUCCESS && n == RISCV_THREAD_STATE_COUNT &&
	    got.x[1] > (uintptr_t)stacks[ST_CHILD] &&
	    got.x[1] < (uintptr_t)(stacks[ST_CHILD] + STACK_SIZE) &&
	    got.x[2] == current_gp() && got.pc != 0;
	ktap_ok(ok, "get_state_of_child_thread");
	ok = task_suspend(child) == KERN_SUCCESS;
	{
		struct task_basic_info_64 b;

		n = TASK_BASIC_INFO_64_COUNT;
		ok = ok && task_info(child, TASK_BASIC_INFO_64, (task_info_t)&b,
		    &n) == KERN_SUCCESS && b.suspend_count == 1 &&
		    task_resume(child) == KERN_SUCCESS &&
		    task_resume(child) == KERN_FAILURE;
	}
	ktap_ok(ok, "suspend_resume_child");
	ktap_ok(task_terminate(child) == KERN_SUCCESS && wait_dead(th) &&
	    type_of(child) == MACH_PORT_TYPE_DEAD_NAME &&
	    mach_port_destroy(self, child) == KERN_SUCCESS,
	    "terminate_child_with_thread");
	mach_vm_deallocate(self, none, PAGE);
	mach_vm_deallocate(self, shared, PAGE);
}

/* task_info on ourselves */
static void
test_task_info(void)
{
	struct task_basic_info_64 b;
	struct mach_task_basic_info m0, m1;
	mach_msg_type_number_t n;
	mach_vm_address_t a = 0;
	int ok;

	n = TASK_BASIC_INFO_64_COUNT;
	ok = task_info(self, TASK_BASIC_INFO_64, (task_info_t)&b, &n) ==
	    KERN_SUCCESS && n == TASK_BASIC_INFO_64_COUNT && n == 10 &&
	    b.suspend_count == 0 && b.virtual_size > 0 && b.resident_size > 0 &&
	    b.resident_size <= b.virtual_size && b.policy == POLICY_TIMESHARE;
	ktap_ok(ok && TASK_BASIC_INFO == TASK_BASIC_INFO_64,
	    "task_basic_info_64");
	n = MACH_TASK_BASIC_INFO_COUNT + 5;	/* more room is fine */
	ok = task_info(self, MACH_TASK_BASIC_INFO, (task_info_t)&m0, &n) ==
	    KERN_SUCCESS && n == MACH_TASK_BASIC_INFO_COUNT &&
	    mach_vm_allocate(self, &a, 16 * PAGE, VM_FLAGS_ANYWHERE) == KERN_SUCCESS;
	for (int i = 0; ok && i < 5; i++)
		((volatile uint8_t *)(uintptr_t)a)[i * PAGE] = 1;
	n = MACH_TASK_BASIC_INFO_COUNT;
	ok = ok && task_info(self, MACH_TASK_BASIC_INFO, (task_info_t)&m1, &n) ==
	    KERN_SUCCESS;
	ktap_ok(ok && m1.virtual_size - m0.virtual_size == 16 * PAGE &&
	    m1.resident_size - m0.resident_size >= 5 * PAGE &&
	    m1.resident_size_max >= m1.resident_size, "mach_task_basic_info_figures");
	ktap_diag("virtual %llu KiB, resident %llu KiB",
	    (unsigned long long)m1.virtual_size / 1024,
	    (unsigned long long)m1.resident_size / 1024);
	mach_vm_deallocate(self, a, 16 * PAGE);
	n = MACH_TASK_BASIC_INFO_COUNT - 1;
	ok = task_info(self, MACH_TASK_BASIC_INFO, (task_info_t)&m1, &n) ==
	    KERN_INVALID_ARGUMENT;
	n = MACH_TASK_BASIC_INFO_COUNT;
	ok = ok && task_info(self, 999, (task_info_t)&m1, &n) ==
	    KERN_INVALID_ARGUMENT && task_info(self, TASK_BASIC_INFO_32,
	    (task_info_t)&m1, &n) == KERN_INVALID_ARGUMENT;
	ktap_ok(ok, "task_info_bad_flavor_or_count");
	n = MACH_TASK_BASIC_INFO_COUNT;
	ktap_ok(task_info(self, MACH_TASK_BASIC_INFO, (task_info_t)BAD_PTR, &n) ==
	    KERN_INVALID_ADDRESS && task_info(self, MACH_TASK_BASIC_INFO,
	    (task_info_t)&m1, (mach_msg_type_number_t *)BAD_PTR) ==
	    KERN_INVALID_ADDRESS, "task_info_bad_pointers");
}

/* task_threads on ourselves: one thread, whose name is mach_thread_self's */
static void
test_task_threads_self(void)
{
	thread_act_array_t list = NULL;
	mach_msg_type_number_t n = 0, count = 0;
	thread_act_t me = mach_thread_self();
	mach_port_urefs_t before = send_refs(me);
	int ok;

	ok = task_threads(self, &list, &n) == KERN_SUCCESS && n == 1 &&
	    list[0] == me && send_refs(me) == before + 1;
	ktap_ok(ok, "task_threads_self");
	if (n > 0) {
		for (mach_msg_type_number_t i = 0; i < n; i++)
			mach_port_deallocate(self, list[i]);
		ok = mach_vm_deallocate(self, (mach_vm_address_t)(uintptr_t)list,
		    n * sizeof(*list)) == KERN_SUCCESS;
	}
	/* too small an array: the count alone; a bad one: no rights made */
	ok = ok && rvmach_trap(RVMACH_TRAP_task_threads, self, 0, 0,
	    (long)&count, 0, 0, 0) == KERN_SUCCESS && count == 1 &&
	    rvmach_trap(RVMACH_TRAP_task_threads, self, BAD_PTR, 100,
	    (long)&count, 0, 0, 0) == KERN_INVALID_ADDRESS &&
	    rvmach_trap(RVMACH_TRAP_task_threads, self, (long)&count, 1,
	    BAD_PTR, 0, 0, 0) == KERN_INVALID_ADDRESS &&
	    send_refs(me) == before;
	ktap_ok(ok, "task_threads_count_and_bad_pointers");
	mach_port_deallocate(self, me);
}

/* thread_create + thread_set_state + thread_resume: a function of ours runs */
static void
test_thread_create(void)
{
	struct riscv_thread_state st, got;
	mach_msg_type_number_t n;
	thread_act_t th = MACH_PORT_NULL, th2 = MACH_PORT_NULL, none;
	struct thread_basic_info bi;
	int ok;

	ok = thread_create(self, &th) == KERN_SUCCESS &&
	    type_of(th) == MACH_PORT_TYPE_SEND && run_state(th) == TH_STATE_STOPPED;
	n = THREAD_BASIC_INFO_COUNT;
	ok = ok && thread_info(th, THREAD_BASIC_INFO, (thread_info_t)&bi, &n) ==
	    KERN_SUCCESS && n == THREAD_BASIC_INFO_COUNT && bi.suspend_count == 1 &&
	    bi.policy == POLICY_TIMESHARE;
	ktap_ok(ok, "thread_create_suspended");
	n = RISCV_THREAD_STATE_COUNT;
	ok = thread_get_state(th, RISCV_THREAD_STATE, (thread_state_t)&got, &n) ==
	    KERN_SUCCESS && got.pc == 0 && got.x[1] == 0;
	ktap_ok(ok, "new_thread_state_zero");
	run_flag = 0;
	entry_state(&st, run_fn_self_terminate, (void *)(uintptr_t)42, ST_RUN);
	ok = thread_set_state(th, RISCV_THREAD_STATE, (thread_state_t)&st,
	    RISCV_THREAD_STATE_COUNT) == KERN_SUCCESS &&
	    thread_get_state(th, RISCV_THREAD_STATE, (thread_state_t)&got, &n) ==
	    KERN_SUCCESS && got.pc == st.pc && got.x[9] == 42;
	ok = ok && thread_resume(th) == KERN_SUCCESS && wait_for(&run_flag, 42);
	ktap_ok(ok, "set_state_resume_runs_function");
	/* it ended itself with thread_terminate(mach_thread_self()) */
	ktap_ok(wait_dead(th) && thread_resume(th) == MACH_SEND_INVALID_DEST,
	    "thread_port_dead_after_exit");
	run_flag = 0;
	entry_state(&st, run_fn, (void *)(uintptr_t)43, ST_RUN2);
	ok = thread_create_running(self, RISCV_THREAD_STATE, (thread_state_t)&st,
	    RISCV_THREAD_STATE_COUNT, &th2) == KERN_SUCCESS &&
	    wait_for(&run_flag, 43) && wait_dead(th2);
	ktap_ok(ok, "thread_create_running");
	/* bad arguments: an error, and no thread made */
	ok = thread_create_running(self, 99, (thread_state_t)&st,
	    RISCV_THREAD_STATE_COUNT, &none) == KERN_INVALID_ARGUMENT &&
	    thread_create_running(self, RISCV_THREAD_STATE, (thread_state_t)&st,
	    RISCV_THREAD_STATE_COUNT - 1, &none) == KERN_INVALID_ARGUMENT &&
	    thread_create_running(self, RISCV_THREAD_STATE,
	    (thread_state_t)BAD_PTR, RISCV_THREAD_STATE_COUNT, &none) ==
	    KERN_INVALID_ADDRESS &&
	    thread_create_running(self, RISCV_THREAD_STATE, (thread_state_t)&st,
	    RISCV_THREAD_STATE_COUNT, (thread_act_t *)BAD_PTR) ==
	    KERN_INVALID_ADDRESS &&
	    thread_create(self, (thread_act_t *)BAD_PTR) == KERN_INVALID_ADDRESS;
	ktap_ok(ok && thread_count(self) == 1, "thread_create_bad_arguments");
}

/* a spinning thread stops when suspended and goes on when resumed */
static void
test_thread_suspend(void)
{
	struct riscv_thread_state got;
	mach_msg_type_number_t n;
	thread_act_t th = MACH_PORT_NULL;
	uint64_t c1, c2;
	int ok;

	spin_count = spin_stop = 0;
	ok = start_thread(self, spin_fn, NULL, ST_SPIN, &th) == KERN_SUCCESS;
	for (int i = 0; ok && i < WAIT_MS && spin_count == 0; i++)
		sleep_ms(1);
	ktap_ok(ok && spin_count > 0, "spinner_runs");
	ok = thread_suspend(th) == KERN_SUCCESS;
	c1 = spin_count;
	sleep_ms(30);
	c2 = spin_count;
	ktap_ok(ok && c1 == c2 && run_state(th) == TH_STATE_STOPPED,
	    "suspend_stops_it");
	n = RISCV_THREAD_STATE_COUNT;
	ok = thread_get_state(th, RISCV_THREAD_STATE, (thread_state_t)&got, &n) ==
	    KERN_SUCCESS && got.pc >= (uintptr_t)spin_fn &&
	    got.pc < (uintptr_t)spin_fn + 256 &&
	    got.x[1] > (uintptr_t)stacks[ST_SPIN] &&
	    got.x[1] <= (uintptr_t)(stacks[ST_SPIN] + STACK_SIZE);
	ktap_ok(ok, "state_of_suspended_thread");
	ok = thread_suspend(th) == KERN_SUCCESS &&
	    thread_resume(th) == KERN_SUCCESS;
	c1 = spin_count;
	sleep_ms(20);
	ok = ok && spin_count == c1;
	ktap_ok(ok, "suspend_nests");
	ok = thread_resume(th) == KERN_SUCCESS;
	for (int i = 0; ok && i < WAIT_MS && spin_count == c1; i++)
		sleep_ms(1);
	ktap_ok(ok && spin_count != c1 && thread_resume(th) == KERN_FAILURE,
	    "resume_goes_on");
	/* a running thread of ours, terminated from outside */
	ktap_ok(thread_terminate(th) == KERN_SUCCESS && wait_dead(th),
	    "terminate_running_thread");
}

/* thread_abort ends a receive: MACH_RCV_INTERRUPTED, or libmach restarts it */
static void
test_thread_abort(void)
{
	static struct rcv_args ra1, ra2;
	struct {
		mach_msg_header_t h;
	} m;
	thread_act_t th1 = MACH_PORT_NULL, th2 = MACH_PORT_NULL;
	mach_port_t p = new_port();
	int ok;

	memset(&ra1, 0, sizeof(ra1));
	ra1.port = p;
	ra1.extra = MACH_RCV_INTERRUPT;
	ok = start_thread(self, rcv_fn, &ra1, ST_RCV, &th1) == KERN_SUCCESS &&
	    wait_state(th1, TH_STATE_WAITING);
	ktap_ok(ok && !ra1.done, "receiver_blocked");
	ok = thread_abort(th1) == KERN_SUCCESS && wait_for(&ra1.done, 1) &&
	    ra1.result == MACH_RCV_INTERRUPTED;
	ktap_ok(ok, "abort_gives_rcv_interrupted");
	ktap_ok(wait_dead(th1), "aborted_thread_ends");
	/* without MACH_RCV_INTERRUPT the wrapper receives again, as XNU's */
	memset(&ra2, 0, sizeof(ra2));
	ra2.port = p;
	ok = start_thread(self, rcv_fn, &ra2, ST_RCV2, &th2) == KERN_SUCCESS &&
	    wait_state(th2, TH_STATE_WAITING) && thread_abort(th2) == KERN_SUCCESS;
	sleep_ms(20);
	ok = ok && wait_state(th2, TH_STATE_WAITING) && !ra2.done;
	memset(&m, 0, sizeof(m));
	m.h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND, 0);
	m.h.msgh_size = sizeof(m);
	m.h.msgh_remote_port = p;
	m.h.msgh_id = 77;
	ok = ok && mach_msg(&m.h, MACH_SEND_MSG, sizeof(m), 0, MACH_PORT_NULL,
	    MACH_MSG_TIMEOUT_NONE, MACH_PORT_NULL) == MACH_MSG_SUCCESS &&
	    wait_for(&ra2.done, 1) && ra2.result == MACH_MSG_SUCCESS &&
	    ra2.msg.h.msgh_id == 77;
	ktap_ok(ok, "abort_without_rcv_interrupt_restarts");
	ktap_ok(wait_dead(th2) && thread_abort(th2) == MACH_SEND_INVALID_DEST,
	    "abort_dead_thread_invalid_dest");
	mach_port_destroy(self, p);
}

/*
 * sreg_trap(c): trap c->nr with a0..a6 = c->a[], s0-s11 = c->in[] during
 * it, c->out[] = s0-s11 after it; returns the trap's a0.  The caller's
 * s0-s11 are kept.
 */
struct sreg_call {
	uint64_t in[12];	/* s0, s1, s2..s11 */
	uint64_t out[12];
	uint64_t a[7];
	int64_t	nr;
	volatile uint64_t done;
	uint64_t result;
};
uint64_t sreg_trap(struct sreg_call *c);
__asm__(
"	.text\n"
"	.globl	sreg_trap\n"
"sreg_trap:\n"
"	addi	sp, sp, -112\n"
"	sd	ra, 96(sp)\n"
"	sd	a0, 104(sp)\n"
"	sd	s0, 0(sp)\n"
"	ld	s0, 0(a0)\n"
"	sd	s1, 8(sp)\n"
"	ld	s1, 8(a0)\n"
"	sd	s2, 16(sp)\n"
"	ld	s2, 16(a0)\n"
"	sd	s3, 24(sp)\n"
"	ld	s3, 24(a0)\n"
"	sd	s4, 32(sp)\n"
"	ld	s4, 32(a0)\n"
"	sd	s5, 40(sp)\n"
"	ld	s5, 40(a0)\n"
"	sd	s6, 48(sp)\n"
"	ld	s6, 48(a0)\n"
"	sd	s7, 56(sp)\n"
"	ld	s7, 56(a0)\n"
"	sd	s8, 64(sp)\n"
"	ld	s8, 64(a0)\n"
"	sd	s9, 72(sp)\n"
"	ld	s9, 72(a0)\n"
"	sd	s10, 80(sp)\n"
"	ld	s10, 80(a0)\n"
"	sd	s11, 88(sp)\n"
"	ld	s11, 88(a0)\n"
"	ld	a7, 248(a0)\n"
"	ld	a6, 240(a0)\n"
"	ld	a5, 232(a0)\n"
"	ld	a4, 224(a0)\n"
"	ld	a3, 216(a0)\n"
"	ld	a2, 208(a0)\n"
"	ld	a1, 200(a0)\n"
"	ld	a0, 192(a0)\n"
"	ecall\n"
"	ld	t0, 104(sp)\n"
"	sd	s0, 96(t0)\n"
"	ld	s0, 0(sp)\n"
"	sd	s1, 104(t0)\n"
"	ld	s1, 8(sp)\n"
"	sd	s2, 112(t0)\n"
"	ld	s2, 16(sp)\n"
"	sd	s3, 120(t0)\n"
"	ld	s3, 24(sp)\n"
"	sd	s4, 128(t0)\n"
"	ld	s4, 32(sp)\n"
"	sd	s5, 136(t0)\n"
"	ld	s5, 40(sp)\n"
"	sd	s6, 144(t0)\n"
"	ld	s6, 48(sp)\n"
"	sd	s7, 152(t0)\n"
"	ld	s7, 56(sp)\n"
"	sd	s8, 160(t0)\n"
"	ld	s8, 64(sp)\n"
"	sd	s9, 168(t0)\n"
"	ld	s9, 72(sp)\n"
"	sd	s10, 176(t0)\n"
"	ld	s10, 80(sp)\n"
"	sd	s11, 184(t0)\n"
"	ld	s11, 88(sp)\n"
"	ld	ra, 96(sp)\n"
"	addi	sp, sp, 112\n"
"	ret\n");

_Static_assert(__builtin_offsetof(struct sreg_call, a) == 24 * 8 &&
    __builtin_offsetof(struct sreg_call, nr) == 31 * 8, "sreg_trap's offsets");

static void
sreg_fn(void *arg)
{
	struct sreg_call *c = arg;

	c->result = sreg_trap(c);
	__atomic_store_n(&c->done, 1, __ATOMIC_RELEASE);
}

/* s0, s1, s2..s11: x8, x9, x18..x27, in riscv_thread_state.x[reg - 1] */
static unsigned
sreg_x(int i)
{
	return (unsigned)(i < 2 ? 7 + i : 15 + i);
}

/* a thread waits in the trap c describes; the caller wakes it with wake */
static int
sreg_round(struct sreg_call *c, const char *what, kern_return_t (*wake)(void *),
    void *wake_arg)
{
	struct riscv_thread_state st;
	mach_msg_type_number_t n = RISCV_THREAD_STATE_COUNT;
	thread_act_t th = MACH_PORT_NULL;
	uint64_t pc;
	int ok, same = 1, moved = 1;
	char name[64];

	for (int i = 0; i < 12; i++)
		c->in[i] = 0x5e00000000000000ul | (uint64_t)c->nr << 8 | (uint64_t)i;
	c->done = 0;
	ok = start_thread(self, sreg_fn, c, ST_SREG, &th) == KERN_SUCCESS &&
	    wait_state(th, TH_STATE_WAITING) && !c->done &&
	    thread_get_state(th, RISCV_THREAD_STATE, (thread_state_t)&st, &n) ==
	    KERN_SUCCESS;
	for (int i = 0; ok && i < 12; i++)
		same &= st.x[sreg_x(i)] == c->in[i];
	snprintf(name, sizeof(name), "get_state_waiting_in_%s_s0_s11", what);
	ktap_ok(ok && same, name);
	/* new s-registers (and the same pc: past the ecall) for its return */
	pc = st.pc;
	for (int i = 0; i < 12; i++)
		st.x[sreg_x(i)] = ~c->in[i];
	ok = ok && thread_set_state(th, RISCV_THREAD_STATE, (thread_state_t)&st,
	    RISCV_THREAD_STATE_COUNT) == KERN_SUCCESS &&
	    wait_state(th, TH_STATE_WAITING) && !c->done &&
	    wake(wake_arg) == KERN_SUCCESS && wait_for(&c->done, 1) &&
	    c->result == KERN_SUCCESS;
	for (int i = 0; ok && i < 12; i++)
		moved &= c->out[i] == ~c->in[i];
	snprintf(name, sizeof(name), "set_state_waiting_in_%s_s0_s11", what);
	ktap_ok(ok && moved && pc != 0, name);
	return wait_dead(th);
}

static kern_return_t
wake_semaphore(void *arg)
{
	return semaphore_signal(*(semaphore_t *)arg);
}

struct sreg_msg {
	mach_msg_header_t h;
	mach_msg_max_trailer_t trailer;
};

static kern_return_t
wake_port(void *arg)
{
	mach_msg_header_t m;

	memset(&m, 0, sizeof(m));
	m.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND, 0);
	m.msgh_size = sizeof(m);
	m.msgh_remote_port = *(mach_port_t *)arg;
	return mach_msg(&m, MACH_SEND_MSG, sizeof(m), 0, MACH_PORT_NULL,
	    MACH_MSG_TIMEOUT_NONE, MACH_PORT_NULL);
}

/*
 * A thread waiting in a trap (one whose return keeps s0-s11 live, and
 * mach_msg's receive after a send, which may end by direct delivery):
 * thread_get_state gives its s0-s11, thread_set_state's take effect.
 */
static void
test_waiting_state(void)
{
	static struct sreg_call c;
	static struct sreg_msg m;
	semaphore_t sem = MACH_PORT_NULL;
	mach_port_t p = new_port(), q = new_port();
	int ok;

	ok = semaphore_create(self, &sem, SYNC_POLICY_FIFO, 0) == KERN_SUCCESS;
	memset(&c, 0, sizeof(c));
	c.nr = MACH_TRAP_semaphore_wait;
	c.a[0] = sem;
	ok = sreg_round(&c, "semaphore_wait", wake_semaphore, &sem) && ok;
	/* a receive alone */
	memset(&c, 0, sizeof(c));
	c.nr = MACH_TRAP_mach_msg;
	c.a[0] = (uintptr_t)&m;
	c.a[1] = MACH_RCV_MSG;
	c.a[3] = sizeof(m);
	c.a[4] = p;
	ok = sreg_round(&c, "mach_msg_receive", wake_port, &p) && ok;
	/* a send to q, then the receive on p */
	memset(&m, 0, sizeof(m));
	m.h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND, 0);
	m.h.msgh_size = sizeof(m.h);
	m.h.msgh_remote_port = q;
	c.a[1] = MACH_SEND_MSG | MACH_RCV_MSG;
	c.a[2] = sizeof(m.h);
	ok = sreg_round(&c, "mach_msg_send_receive", wake_port, &p) && ok;
	ktap_ok(ok && semaphore_destroy(self, sem) == KERN_SUCCESS &&
	    mach_port_destroy(self, p) == KERN_SUCCESS &&
	    mach_port_destroy(self, q) == KERN_SUCCESS, "waiting_threads_end");
}

/* special ports: our own, the host, the bootstrap port a child inherits */
static void
test_special_ports(void)
{
	mach_port_t p = MACH_PORT_NULL, host = mach_host_self(), boot, child;
	mach_port_urefs_t r = send_refs(self);
	int ok;

	ok = task_get_special_port(self, TASK_KERNEL_PORT, &p) == KERN_SUCCESS &&
	    p == self && send_refs(self) == r + 1;
	mach_port_deallocate(self, p);
	ktap_ok(ok, "get_kernel_port");
	ok = task_get_special_port(self, TASK_HOST_PORT, &p) == KERN_SUCCESS &&
	    p == host;
	mach_port_deallocate(self, p);
	ktap_ok(ok, "get_host_port");
	ok = task_get_special_port(self, TASK_BOOTSTRAP_PORT, &p) == KERN_SUCCESS &&
	    p == MACH_PORT_NULL;
	boot = new_port();
	ok = ok && mach_port_insert_right(self, boot, boot,
	    MACH_MSG_TYPE_MAKE_SEND) == KERN_SUCCESS &&
	    task_set_special_port(self, TASK_BOOTSTRAP_PORT, boot) == KERN_SUCCESS &&
	    task_get_special_port(self, TASK_BOOTSTRAP_PORT, &p) == KERN_SUCCESS &&
	    p == boot && send_refs(boot) == 2;
	mach_port_deallocate(self, p);
	ktap_ok(ok, "set_get_bootstrap_port");
	child = MACH_PORT_NULL;
	ok = task_create(self, NULL, 0, FALSE, &child) == KERN_SUCCESS &&
	    task_get_special_port(child, TASK_BOOTSTRAP_PORT, &p) == KERN_SUCCESS &&
	    p == boot;
	mach_port_deallocate(self, p);
	ok = ok && task_set_special_port(child, TASK_BOOTSTRAP_PORT,
	    MACH_PORT_NULL) == KERN_SUCCESS &&
	    task_get_special_port(child, TASK_BOOTSTRAP_PORT, &p) == KERN_SUCCESS &&
	    p == MACH_PORT_NULL && task_terminate(child) == KERN_SUCCESS &&
	    mach_port_destroy(self, child) == KERN_SUCCESS;
	ktap_ok(ok, "child_inherits_bootstrap_port");
	ok = task_set_special_port(self, TASK_KERNEL_PORT, boot) == KERN_NO_ACCESS &&
	    task_set_special_port(self, TASK_HOST_PORT, boot) == KERN_NO_ACCESS &&
	    task_set_special_port(self, 99, boot) == KERN_INVALID_ARGUMENT &&
	    task_get_special_port(self, 99, &p) == KERN_INVALID_ARGUMENT &&
	    task_set_special_port(self, TASK_BOOTSTRAP_PORT, BAD_NAME) ==
	    MACH_SEND_INVALID_RIGHT &&
	    task_get_special_port(self, TASK_KERNEL_PORT,
	    (mach_port_t *)BAD_PTR) == KERN_INVALID_ADDRESS &&
	    send_refs(self) == r && send_refs(boot) == 1;
	ktap_ok(ok, "special_port_errors");
	ok = task_set_special_port(self, TASK_BOOTSTRAP_PORT, MACH_PORT_NULL) ==
	    KERN_SUCCESS && mach_port_destroy(self, boot) == KERN_SUCCESS;
	ktap_ok(ok, "bootstrap_port_cleared");
	mach_port_deallocate(self, host);
}

static void
test_host_info(void)
{
	struct host_basic_info hi;
	mach_msg_type_number_t n = HOST_BASIC_INFO_COUNT;
	mach_port_t host = mach_host_self();
	int ok;

	memset(&hi, 0, sizeof(hi));
	ok = host_info(host, HOST_BASIC_INFO, (host_info_t)&hi, &n) ==
	    KERN_SUCCESS && n == HOST_BASIC_INFO_COUNT && n == 12 &&
	    hi.avail_cpus >= 1 && hi.max_cpus >= hi.avail_cpus &&
	    hi.cpu_type == CPU_TYPE_RISCV64 && hi.max_mem > 0 &&
	    hi.memory_size == (hi.max_mem > 0x80000000ull ? 0x80000000u :
	    (natural_t)hi.max_mem) && hi.logical_cpu_max == hi.max_cpus;
	ktap_ok(ok, "host_basic_info");
	ktap_diag("%d harts, %d online, %llu MiB", hi.max_cpus, hi.avail_cpus,
	    (unsigned long long)(hi.max_mem >> 20));
	memset(&hi, 0, sizeof(hi));
	n = HOST_BASIC_INFO_OLD_COUNT;
	ok = host_info(host, HOST_BASIC_INFO, (host_info_t)&hi, &n) ==
	    KERN_SUCCESS && n == HOST_BASIC_INFO_OLD_COUNT && hi.max_cpus >= 1 &&
	    hi.cpu_threadtype == 0;
	ktap_ok(ok, "host_basic_info_old_count");
	n = HOST_BASIC_INFO_OLD_COUNT - 1;
	ok = host_info(host, HOST_BASIC_INFO, (host_info_t)&hi, &n) ==
	    KERN_FAILURE;
	n = HOST_BASIC_INFO_COUNT;
	ok = ok && host_info(host, 99, (host_info_t)&hi, &n) ==
	    KERN_INVALID_ARGUMENT && host_info(self, HOST_BASIC_INFO,
	    (host_info_t)&hi, &n) == MACH_SEND_INVALID_DEST &&
	    host_info(host, HOST_BASIC_INFO, (host_info_t)BAD_PTR, &n) ==
	    KERN_INVALID_ADDRESS;
	ktap_ok(ok, "host_info_errors");
	mach_port_deallocate(self, host);
}

/* names that are no port of the right kind: MACH_SEND_INVALID_DEST */
static void
test_bad_names(void)
{
	mach_port_t names[3], me = mach_thread_self(), p = new_port();
	struct thread_basic_info bi;
	mach_msg_type_number_t n;
	vm_offset_t data;
	thread_act_t th;
	task_t child;
	int ok = 1;

	names[0] = BAD_NAME;
	names[1] = MACH_PORT_NULL;
	names[2] = p;			/* a receive right: a port, not a task */
	for (int i = 0; i < 3; i++) {
		mach_port_t x = names[i];

		n = THREAD_BASIC_INFO_COUNT;
		ok &= task_info(x, MACH_TASK_BASIC_INFO, (task_info_t)&bi, &n) ==
		    MACH_SEND_INVALID_DEST;
		ok &= task_suspend(x) == MACH_SEND_INVALID_DEST;
		ok &= task_create(x, NULL, 0, FALSE, &child) == MACH_SEND_INVALID_DEST;
		ok &= thread_create(x, &th) == MACH_SEND_INVALID_DEST;
		ok &= thread_suspend(x) == MACH_SEND_INVALID_DEST;
		ok &= thread_info(x, THREAD_BASIC_INFO, (thread_info_t)&bi, &n) ==
		    MACH_SEND_INVALID_DEST;
		ok &= mach_vm_read(x, 0x10000, PAGE, &data, &n) ==
		    MACH_SEND_INVALID_DEST;
		ok &= host_info(x, HOST_BASIC_INFO, (host_info_t)&bi, &n) ==
		    MACH_SEND_INVALID_DEST;
	}
	ktap_ok(ok, "bad_names_invalid_dest");
	/* the right kind of port only */
	n = THREAD_BASIC_INFO_COUNT;
	ok = task_info(me, MACH_TASK_BASIC_INFO, (task_info_t)&bi, &n) ==
	    MACH_SEND_INVALID_DEST && thread_suspend(self) ==
	    MACH_SEND_INVALID_DEST && thread_info(self, THREAD_BASIC_INFO,
	    (thread_info_t)&bi, &n) == MACH_SEND_INVALID_DEST &&
	    task_terminate(me) == MACH_SEND_INVALID_DEST;
	ktap_ok(ok, "task_and_thread_ports_not_interchangeable");
	n = THREAD_BASIC_INFO_COUNT - 1;
	ok = thread_info(me, THREAD_BASIC_INFO, (thread_info_t)&bi, &n) ==
	    KERN_INVALID_ARGUMENT;
	n = THREAD_BASIC_INFO_COUNT;
	ok = ok && thread_info(me, 99, (thread_info_t)&bi, &n) ==
	    KERN_INVALID_ARGUMENT && thread_info(me, THREAD_BASIC_INFO,
	    (thread_info_t)BAD_PTR, &n) == KERN_INVALID_ADDRESS &&
	    thread_info(me, THREAD_BASIC_INFO, (thread_info_t)&bi, &n) ==
	    KERN_SUCCESS && bi.run_state == TH_STATE_RUNNING;
	ktap_ok(ok, "thread_info_self_and_errors");
	n = RISCV_THREAD_STATE_COUNT;
	ok = thread_get_state(me, 99, (thread_state_t)&bi, &n) ==
	    KERN_INVALID_ARGUMENT &&
	    (n = RISCV_FLOAT_STATE_COUNT - 1, thread_get_state(me,
	    RISCV_FLOAT_STATE, (thread_state_t)&bi, &n)) == KERN_INVALID_ARGUMENT &&
	    (n = RISCV_THREAD_STATE_COUNT, thread_get_state(me,
	    RISCV_THREAD_STATE, (thread_state_t)BAD_PTR, &n)) ==
	    KERN_INVALID_ADDRESS &&
	    thread_set_state(me, RISCV_THREAD_STATE, (thread_state_t)BAD_PTR,
	    RISCV_THREAD_STATE_COUNT) == KERN_INVALID_ADDRESS &&
	    thread_set_state(me, RISCV_THREAD_STATE, (thread_state_t)&bi, 3) ==
	    KERN_INVALID_ARGUMENT &&
	    task_create(self, NULL, 0, FALSE, (task_t *)BAD_PTR) ==
	    KERN_INVALID_ADDRESS;
	ktap_ok(ok, "state_and_create_bad_arguments");
	mach_port_deallocate(self, me);
	mach_port_destroy(self, p);
}

static void
test_mach_error(void)
{
	ktap_ok(strcmp(mach_error_string(KERN_SUCCESS), "(os/kern) successful") == 0 &&
	    strcmp(mach_error_string(KERN_INVALID_ARGUMENT),
	    "(os/kern) invalid argument") == 0 &&
	    strcmp(mach_error_string(KERN_NOT_FOUND), "(os/kern) result not found") == 0,
	    "mach_error_string_kern");
	ktap_ok(strcmp(mach_error_string(MACH_SEND_INVALID_DEST),
	    "(ipc/send) invalid destination port") == 0 &&
	    strcmp(mach_error_string(MACH_RCV_INTERRUPTED),
	    "(ipc/rcv) interrupted") == 0 &&
	    strcmp(mach_error_string(MACH_RCV_TIMED_OUT), "(ipc/rcv) timed out") == 0 &&
	    strcmp(mach_error_type(MACH_RCV_TIMED_OUT), "(ipc/rcv)") == 0,
	    "mach_error_string_ipc");
	ktap_ok(strcmp(mach_error_string(-308), "(ipc/mig) server died") == 0 &&
	    strcmp(mach_error_string(999), "unknown error code") == 0 &&
	    strcmp(mach_error_string(err_system(0x10)),
	    "(?/?) unknown error system") == 0 &&
	    strcmp(mach_error_type(KERN_FAILURE), "(os/kern)") == 0,
	    "mach_error_string_other");
	fflush(stdout);
	mach_error("    # mach_error:", KERN_FAILURE);
	mach_error("    # mach_error:", 999);
	fflush(stderr);
}

int
main(void)
{
	self = mach_task_self();
	ktap_plan("utask", 77);
	test_task_threads_self();
	test_task_info();
	test_empty_child();
	test_cow_child();
	test_thread_create();
	test_thread_suspend();
	test_thread_abort();
	test_waiting_state();
	test_special_ports();
	test_host_info();
	test_bad_names();
	test_mach_error();
	ktap_ok(thread_count(self) == 1, "one_thread_left");
	return ktap_done();
}
