/*
 * kernel/vm/vm_object.c - anonymous memory objects, shadow chains, collapse.
 */
#include "kernel/lib/string.h"
#include "kernel/panic.h"
#include "kernel/vm/vm_object.h"
#include "kernel/vm/zone.h"

static struct zone *vm_object_zone;		/* [c] */
static uint64_t vm_objects_alive;		/* [a] */
static uint64_t vm_object_pages;		/* [a] */
static uint64_t vm_object_collapses;		/* [a] */

void
vm_object_bootstrap(void)
{
	vm_object_zone = zone_create("vm_object", sizeof(struct vm_object), 0);
	if (vm_object_zone == NULL)
		panic("vm_object_bootstrap: no memory for the object zone");
}

static uint32_t vm_object_ids;		/* [a] the last object's id */

vm_object_t
vm_object_allocate(uint64_t size)
{
	struct vm_object *o = zalloc(vm_object_zone);

	if (o == NULL)
		return NULL;
	mutex_init(&o->lock, "vm_object");
	o->refs = 1;
	o->id = __atomic_add_fetch(&vm_object_ids, 1, __ATOMIC_RELAXED);
	o->size = ROUNDUP(size, PAGE_SIZE);
	o->pages.root = NULL;
	o->resident = 0;
	o->shadow = NULL;
	o->shadow_offset = 0;
	__atomic_fetch_add(&vm_objects_alive, 1, __ATOMIC_RELAXED);
	return o;
}

void
vm_object_reference(vm_object_t o)
{
	if (o != NULL)
		__atomic_fetch_add(&o->refs, 1, __ATOMIC_RELAXED);
}

/* free every page of o (no one else can see o any more) */
static void
vm_object_free_pages(struct vm_object *o)
{
	struct rb_node *n;

	while ((n = o->pages.root) != NULL) {
		struct vm_page *m = rb_entry(n, struct vm_page, objq);

		rb_remove(&o->pages, n);
		m->object = NULL;
		vm_page_free(m);
		__atomic_fetch_sub(&vm_object_pages, 1, __ATOMIC_RELAXED);
	}
	o->resident = 0;
}

void
vm_object_deallocate(vm_object_t o)
{
	/* a loop, not recursion: a chain can be long */
	while (o != NULL) {
		struct vm_object *shadow;

		if (__atomic_sub_fetch(&o->refs, 1, __ATOMIC_ACQ_REL) != 0)
			return;
		vm_object_free_pages(o);
		shadow = o->shadow;
		zfree(vm_object_zone, o);
		__atomic_fetch_sub(&vm_objects_alive, 1, __ATOMIC_RELAXED);
		o = shadow;
	}
}

struct vm_page *
vm_object_page_lookup(vm_object_t o, uint64_t offset)
{
	struct rb_node *n = o->pages.root;

	while (n != NULL) {
		struct vm_page *m = rb_entry(n, struct vm_page, objq);

		if (offset == m->offset)
			return m;
		n = offset < m->offset ? n->left : n->right;
	}
	return NULL;
}

struct vm_page *
vm_object_page_lookup_slot(vm_object_t o, uint64_t offset,
    struct vm_object_slot *slot)
{
	struct rb_node *n = o->pages.root;

	slot->parent = NULL;
	slot->left = false;
	while (n != NULL) {
		struct vm_page *m = rb_entry(n, struct vm_page, objq);

		if (offset == m->offset)
			return m;
		slot->parent = n;
		slot->left = offset < m->offset;
		n = slot->left ? n->left : n->right;
	}
	return NULL;
}

void
vm_object_page_insert_slot(vm_object_t o, uint64_t offset, struct vm_page *m,
    const struct vm_object_slot *slot)
{
	m->object = o;
	m->offset = offset;
	rb_insert_at(&o->pages, slot->parent, slot->left, &m->objq);
	o->resident++;
	__atomic_fetch_add(&vm_object_pages, 1, __ATOMIC_RELAXED);
}

void
vm_object_page_insert(vm_object_t o, uint64_t offset, struct vm_page *m)
{
	struct vm_object_slot slot;

	if (vm_object_page_lookup_slot(o, offset, &slot) != NULL)
		panic("vm_object_page_insert: offset %#lx taken in %p", offset, o);
	vm_object_page_insert_slot(o, offset, m, &slot);
}

kern_return_t
vm_object_shadow(vm_object_t *o, uint64_t *offset, uint64_t size)
{
	struct vm_object *s = vm_object_allocate(size);

	if (s == NULL)
		return KERN_RESOURCE_SHORTAGE;
	s->shadow = *o;			/* our reference moves to s */
	s->shadow_offset = *offset;
	*o = s;
	*offset = 0;
	return KERN_SUCCESS;
}

/* move b's pages that o can see and lacks into o; free the rest; both locked */
static void
collapse_pages(struct vm_object *o, struct vm_object *b)
{
	struct rb_node *n;

	while ((n = b->pages.root) != NULL) {
		struct vm_page *m = rb_entry(n, struct vm_page, objq);
		uint64_t off = m->offset - o->shadow_offset;

		rb_remove(&b->pages, n);
		b->resident--;
		__atomic_fetch_sub(&vm_object_pages, 1, __ATOMIC_RELAXED);
		if (m->offset >= o->shadow_offset && off < o->size &&
		    vm_object_page_lookup(o, off) == NULL) {
			vm_object_page_insert(o, off, m);
		} else {
			m->object = NULL;
			vm_page_free(m);
		}
	}
}

void
vm_object_collapse(vm_object_t o)
{
	mutex_lock(&o->lock);
	for (;;) {
		struct vm_object *b = o->shadow;

		/* b's one reference is ours: no map and no other shadower sees it */
		if (b == NULL || __atomic_load_n(&b->refs, __ATOMIC_ACQUIRE) != 1)
			break;
		mutex_lock(&b->lock);
		collapse_pages(o, b);
		o->shadow = b->shadow;		/* b's reference moves to o */
		o->shadow_offset += b->shadow_offset;
		b->shadow = NULL;
		mutex_unlock(&b->lock);
		zfree(vm_object_zone, b);
		__atomic_fetch_sub(&vm_objects_alive, 1, __ATOMIC_RELAXED);
		__atomic_fetch_add(&vm_object_collapses, 1, __ATOMIC_RELAXED);
	}
	mutex_unlock(&o->lock);
}

unsigned
vm_object_chain_length(vm_object_t o)
{
	unsigned n = 0;

	for (; o != NULL; o = o->shadow)
		n++;
	return n;
}

void
vm_object_chain_lock_below(vm_object_t o)
{
	for (; o != NULL; o = o->shadow)
		mutex_lock(&o->lock);
}

void
vm_object_chain_unlock_below(vm_object_t o)
{
	while (o != NULL) {
		struct vm_object *next = o->shadow;

		mutex_unlock(&o->lock);
		o = next;
	}
}

struct vm_page *
vm_object_chain_lookup(vm_object_t o, uint64_t offset, unsigned *depth)
{
	struct vm_page *m = vm_object_page_lookup(o, offset);
	unsigned d = 0;

	while (m == NULL && o->shadow != NULL) {
		offset += o->shadow_offset;
		o = o->shadow;
		d++;
		m = vm_object_page_lookup(o, offset);
	}
	if (depth != NULL)
		*depth = d;
	return m;
}

vm_object_t
vm_object_copy_range(vm_object_t o, uint64_t offset, uint64_t size)
{
	struct vm_object *c = vm_object_allocate(size);

	if (c == NULL)
		return NULL;
	vm_object_chain_lock(o);
	for (uint64_t off = 0; off < c->size; off += PAGE_SIZE) {
		struct vm_page *src = vm_object_chain_lookup(o, offset + off, NULL);
		struct vm_page *m;

		if (src == NULL)
			continue;
		if ((m = vm_page_alloc()) == NULL) {
			vm_object_chain_unlock(o);
			vm_object_deallocate(c);
			return NULL;
		}
		memcpy(vm_page_kva(m), vm_page_kva(src), PAGE_SIZE);
		vm_object_page_insert(c, off, m);
	}
	vm_object_chain_unlock(o);
	return c;
}

void
vm_object_get_stats(struct vm_object_stats *st)
{
	st->objects = __atomic_load_n(&vm_objects_alive, __ATOMIC_RELAXED);
	st->pages = __atomic_load_n(&vm_object_pages, __ATOMIC_RELAXED);
	st->collapses = __atomic_load_n(&vm_object_collapses, __ATOMIC_RELAXED);
}
