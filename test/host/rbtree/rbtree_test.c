/*
 * test/host/rbtree/rbtree_test.c - the red-black tree against a bitmap of
 * the keys that should be in it.
 */
#include "kernel/lib/rbtree.h"

#include <stdio.h>
#include <stdlib.h>

#define NKEYS	2048
#define STEPS	200000

struct item {
	struct rb_node node;
	unsigned key;
	bool in;
};

static struct item items[NKEYS];
static struct rb_tree tree = RB_TREE_INIT;
static unsigned failures;

#define CHECK(c) do { if (!(c)) { \
	fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #c); \
	failures++; exit(1); } } while (0)

static bool
red(const struct rb_node *n)
{
	return n != NULL && !(n->parent_color & 1);
}

/* black height of the subtree, checking order, colours and parents */
static int
check_subtree(const struct rb_node *n, const struct rb_node *parent,
    long lo, long hi)
{
	int l, r;
	unsigned k;

	if (n == NULL)
		return 1;
	k = rb_entry(n, struct item, node)->key;
	CHECK(rb_parent(n) == parent);
	CHECK((long)k > lo && (long)k < hi);
	CHECK(!(red(n) && (red(n->left) || red(n->right))));
	l = check_subtree(n->left, n, lo, k);
	r = check_subtree(n->right, n, k, hi);
	CHECK(l == r);
	return l + !red(n);
}

static void
insert(struct item *it)
{
	struct rb_node **link = &tree.root, *parent = NULL;
	bool left = false;

	while (*link != NULL) {
		parent = *link;
		left = it->key < rb_entry(parent, struct item, node)->key;
		link = left ? &parent->left : &parent->right;
	}
	rb_insert_at(&tree, parent, left, &it->node);
	it->in = true;
}

static struct item *
find(unsigned key)
{
	struct rb_node *n = tree.root;

	while (n != NULL) {
		struct item *it = rb_entry(n, struct item, node);

		if (key == it->key)
			return it;
		n = key < it->key ? n->left : n->right;
	}
	return NULL;
}

static void
check_all(unsigned expect)
{
	unsigned n = 0, last = 0;
	bool first = true;

	CHECK(!red(tree.root));
	check_subtree(tree.root, NULL, -1, NKEYS);
	for (struct rb_node *p = rb_first(&tree); p != NULL; p = rb_next(p)) {
		unsigned k = rb_entry(p, struct item, node)->key;

		CHECK(first || k > last);
		CHECK(items[k].in);
		last = k;
		first = false;
		n++;
	}
	CHECK(n == expect);
	n = 0;
	for (struct rb_node *p = rb_last(&tree); p != NULL; p = rb_prev(p))
		n++;
	CHECK(n == expect);
}

int
main(void)
{
	unsigned count = 0;

	srand(12345);
	for (unsigned i = 0; i < NKEYS; i++)
		items[i].key = i;
	for (unsigned step = 0; step < STEPS; step++) {
		unsigned k = (unsigned)rand() % NKEYS;

		/* grow for the first third, then hover, then shrink */
		bool add = step < STEPS / 3 ? rand() % 4 != 0 :
		    step < 2 * STEPS / 3 ? rand() % 2 : rand() % 4 == 0;
		if (add && !items[k].in) {
			insert(&items[k]);
			count++;
		} else if (!add && items[k].in) {
			CHECK(find(k) == &items[k]);
			rb_remove(&tree, &items[k].node);
			items[k].in = false;
			count--;
			CHECK(find(k) == NULL);
		}
		if (step % 97 == 0 || count < 8)
			check_all(count);
	}
	check_all(count);
	printf("rbtree: %u steps, %u keys left, ok\n", STEPS, count);
	return failures != 0;
}
