/*
 * task/exec.c - loading a static ELF executable into a new task.
 *
 * kernel/lib/elf.c validates the file and gives the plan (segments sorted,
 * none sharing a page, inside the user range, W^X); here each segment
 * becomes an object whose pages hold the file's bytes (the zero-filled
 * tail beyond the file is demand zero) mapped at its address, and the
 * stack's top page gets the SysV-style start-up block.
 */
#include <machine/machine.h>
#include <machine/vmparam.h>
#include <mach/riscv/vm_param.h>
#include "kernel/lib/cpio.h"
#include "kernel/lib/elf.h"
#include "kernel/lib/string.h"
#include "kernel/panic.h"
#include "task/exec.h"

/* auxv types (the ELF psABI's) */
#define AT_NULL		0
#define AT_PHDR		3
#define AT_PHENT	4
#define AT_PHNUM	5
#define AT_PAGESZ	6
#define AT_ENTRY	9

/* one segment: an object with the file's pages, mapped at its address */
static kern_return_t
map_segment(vm_map_t map, const uint8_t *image, const struct elf_segment *sg)
{
	vaddr_t start = ROUNDDOWN(sg->vaddr, PAGE_SIZE);
	vaddr_t end = ROUNDUP(sg->vaddr + sg->memsz, PAGE_SIZE);
	vaddr_t fend = sg->vaddr + sg->filesz;	/* file bytes end here */
	vm_object_t o = vm_object_allocate(end - start);
	kern_return_t kr;

	if (o == NULL)
		return KERN_RESOURCE_SHORTAGE;
	mutex_lock(&o->lock);
	for (vaddr_t va = start; va < end && va < fend; va += PAGE_SIZE) {
		struct vm_page *m = vm_page_alloc();
		vaddr_t from = MAX(va, sg->vaddr), to = MIN(va + PAGE_SIZE, fend);
		uint8_t *p;

		if (m == NULL) {
			mutex_unlock(&o->lock);
			vm_object_deallocate(o);
			return KERN_RESOURCE_SHORTAGE;
		}
		p = vm_page_kva(m);
		memset(p, 0, PAGE_SIZE);
		memcpy(p + (from - va), image + sg->offset + (from - sg->vaddr),
		    to - from);
		vm_object_page_insert(o, va - start, m);
	}
	mutex_unlock(&o->lock);
	kr = vm_map_enter(map, &start, end - start, 0, o, 0, (vm_prot_t)sg->prot,
	    VM_PROT_ALL, VM_INHERIT_COPY);
	if (kr != KERN_SUCCESS)
		vm_object_deallocate(o);
	return kr;
}

struct startblock {
	uint8_t	page[PAGE_SIZE];
	size_t	strings;		/* strings grow down from the top */
	size_t	nwords;
	uint64_t words[256];
};
STATIC_ASSERT(sizeof(struct startblock) <= 2 * PAGE_SIZE, "two pages");

static struct startblock *
startblock_alloc(void)
{
	struct vm_page *m = vm_page_alloc_order(1);

	return m != NULL ? vm_page_kva(m) : NULL;
}

static void
startblock_free(struct startblock *b)
{
	vm_page_free_order(vm_page_from_pa(kva_to_phys(b)), 1);
}

static size_t
count_strings(const char *const v[])
{
	size_t n = 0;

	while (v != NULL && v[n] != NULL)
		n++;
	return n;
}

/* put s at the top of the page; its user address; 0 if it does not fit */
static uint64_t
push_string(struct startblock *b, const char *s)
{
	size_t len = strlen(s) + 1;

	if (len > b->strings || b->strings - len < (b->nwords + 8) * 8 + 64)
		return 0;
	b->strings -= len;
	memcpy(b->page + b->strings, s, len);
	return VM_USRSTACK - PAGE_SIZE + b->strings;
}

static bool
push_word(struct startblock *b, uint64_t w)
{
	if (b->nwords >= ARRAY_SIZE(b->words))
		return false;
	b->words[b->nwords++] = w;
	return true;
}

/*
 * the start-up block: argc, argv[], NULL, envp[], NULL, auxv pairs, then
 * the strings, all in the stack's top page; *sp gets the address of argc
 */
static bool
build_startblock(struct startblock *b, const char *const argv[],
    const char *const envp[], const struct elf_plan *plan, uint64_t *sp)
{
	size_t argc = count_strings(argv), envc = count_strings(envp);
	size_t words;

	b->strings = PAGE_SIZE;
	b->nwords = 0;
	push_word(b, argc);
	for (size_t i = 0; i < argc; i++) {
		uint64_t a = push_string(b, argv[i]);

		if (a == 0 || !push_word(b, a))
			return false;
	}
	push_word(b, 0);
	for (size_t i = 0; i < envc; i++) {
		uint64_t a = push_string(b, envp[i]);

		if (a == 0 || !push_word(b, a))
			return false;
	}
	if (!push_word(b, 0) ||
	    !push_word(b, AT_PAGESZ) || !push_word(b, PAGE_SIZE) ||
	    !push_word(b, AT_ENTRY) || !push_word(b, plan->entry) ||
	    !push_word(b, AT_PHDR) || !push_word(b, plan->phdr_vaddr) ||
	    !push_word(b, AT_PHENT) || !push_word(b, 56) ||
	    !push_word(b, AT_PHNUM) || !push_word(b, plan->phnum) ||
	    !push_word(b, AT_NULL) || !push_word(b, 0))
		return false;
	words = b->nwords * 8;
	/* the block sits 16-byte aligned right below the strings */
	size_t at = ROUNDDOWN(b->strings - words, 16);

	if (b->strings < words + 16)
		return false;
	memcpy(b->page + at, b->words, words);
	*sp = VM_USRSTACK - PAGE_SIZE + at;
	return true;
}

static kern_return_t
map_stack(vm_map_t map, const struct startblock *b)
{
	vaddr_t base = VM_USRSTACK - VM_USRSTACK_SIZE;
	vm_object_t o = vm_object_allocate(VM_USRSTACK_SIZE);
	struct vm_page *m = vm_page_alloc();
	kern_return_t kr;

	if (o == NULL || m == NULL) {
		if (m != NULL)
			vm_page_free(m);
		vm_object_deallocate(o);
		return KERN_RESOURCE_SHORTAGE;
	}
	memcpy(vm_page_kva(m), b->page, PAGE_SIZE);
	mutex_lock(&o->lock);
	vm_object_page_insert(o, VM_USRSTACK_SIZE - PAGE_SIZE, m);
	mutex_unlock(&o->lock);
	kr = vm_map_enter(map, &base, VM_USRSTACK_SIZE, 0, o, 0,
	    VM_PROT_READ | VM_PROT_WRITE, VM_PROT_ALL, VM_INHERIT_COPY);
	if (kr != KERN_SUCCESS)
		vm_object_deallocate(o);
	return kr;
}

static const char *
basename_of(const char *path)
{
	const char *base = path;

	for (const char *s = path; *s != '\0'; s++) {
		if (*s == '/')
			base = s + 1;
	}
	return base;
}

static kern_return_t
task_spawn_flags(const void *image, size_t size, const char *name,
    const char *const argv[], const char *const envp[], unsigned flags,
    task_t *out, const char **why)
{
	static const struct elf_limits lim = { VM_MIN_ADDRESS, VM_MAX_ADDRESS };
	struct elf_plan plan;
	struct startblock *b;
	uint64_t sp;
	task_t t;
	thread_t th;
	kern_return_t kr;
	const char *dummy;

	if (why == NULL)
		why = &dummy;
	if (elf_parse(image, size, &lim, &plan, why) != ELF_OK)
		return KERN_INVALID_ARGUMENT;
	if ((b = startblock_alloc()) == NULL)
		return KERN_RESOURCE_SHORTAGE;
	if (!build_startblock(b, argv, envp, &plan, &sp)) {
		startblock_free(b);
		*why = "arguments and environment do not fit in a page";
		return KERN_INVALID_ARGUMENT;
	}
	kr = task_create_internal(kernel_task, false, &t);
	if (kr != KERN_SUCCESS) {
		startblock_free(b);
		*why = "no memory for the task";
		return kr;
	}
	task_set_name(t, basename_of(name));
	t->console_diag = (flags & SPAWN_CONSOLE_DIAG) != 0;
	for (uint32_t i = 0; i < plan.nsegs && kr == KERN_SUCCESS; i++)
		kr = map_segment(t->map, image, &plan.seg[i]);
	if (kr == KERN_SUCCESS)
		kr = map_stack(t->map, b);
	startblock_free(b);
	if (kr == KERN_SUCCESS)
		kr = thread_create_running_user(t, plan.entry, sp, 0, &th);
	if (kr != KERN_SUCCESS) {
		*why = "no memory for the program";
		task_terminate(t);
		task_deallocate(t);
		return kr;
	}
	thread_deallocate(th);
	*why = "ok";
	*out = t;
	return KERN_SUCCESS;
}

kern_return_t
task_spawn(const void *image, size_t size, const char *name,
    const char *const argv[], const char *const envp[], task_t *out,
    const char **why)
{
	return task_spawn_flags(image, size, name, argv, envp, 0, out, why);
}

kern_return_t
task_spawn_initrd(const char *path, const char *const argv[],
    const char *const envp[], task_t *out, const char **why)
{
	return task_spawn_initrd_flags(path, argv, envp, 0, out, why);
}

kern_return_t
task_spawn_initrd_flags(const char *path, const char *const argv[],
    const char *const envp[], unsigned flags, task_t *out, const char **why)
{
	struct cpio_entry e;
	paddr_t pa;
	uint64_t size;
	const char *dummy;

	if (why == NULL)
		why = &dummy;
	if (!machine_initrd(&pa, &size)) {
		*why = "no initrd";
		return KERN_NOT_FOUND;
	}
	if (cpio_find(phys_to_kva(pa), size, path, &e, why) != CPIO_OK)
		return KERN_NOT_FOUND;
	return task_spawn_flags(e.data, e.size, path, argv, envp, flags, out, why);
}

int
task_wait_exit(task_t t)
{
	int status;

	task_wait_empty(t);
	spin_lock(&t->lock);
	status = t->exit_status;
	spin_unlock(&t->lock);
	return status;
}
