/*
 * kernel/lib/rbtree.c - red-black tree rebalancing (CLRS, with parent
 * pointers and the colour in the parent word).
 */
#include "kernel/lib/rbtree.h"

#define RB_RED		0
#define RB_BLACK	1

static inline bool
is_black(const struct rb_node *n)
{
	return n == NULL || (n->parent_color & 1) == RB_BLACK;
}

static inline bool
is_red(const struct rb_node *n)
{
	return !is_black(n);
}

static inline void
set_parent(struct rb_node *n, struct rb_node *p)
{
	n->parent_color = (uintptr_t)p | (n->parent_color & 1);
}

static inline void
set_color(struct rb_node *n, uintptr_t c)
{
	n->parent_color = (n->parent_color & ~(uintptr_t)1) | c;
}

/* put child where n was under n's parent (or at the root) */
static void
replace_child(struct rb_tree *t, struct rb_node *n, struct rb_node *child)
{
	struct rb_node *p = rb_parent(n);

	if (p == NULL)
		t->root = child;
	else if (p->left == n)
		p->left = child;
	else
		p->right = child;
}

static void
rotate_left(struct rb_tree *t, struct rb_node *x)
{
	struct rb_node *y = x->right;

	x->right = y->left;
	if (y->left != NULL)
		set_parent(y->left, x);
	replace_child(t, x, y);
	set_parent(y, rb_parent(x));
	y->left = x;
	set_parent(x, y);
}

static void
rotate_right(struct rb_tree *t, struct rb_node *x)
{
	struct rb_node *y = x->left;

	x->left = y->right;
	if (y->right != NULL)
		set_parent(y->right, x);
	replace_child(t, x, y);
	set_parent(y, rb_parent(x));
	y->right = x;
	set_parent(x, y);
}

void
rb_insert_at(struct rb_tree *t, struct rb_node *parent, bool left,
    struct rb_node *n)
{
	n->left = n->right = NULL;
	n->parent_color = (uintptr_t)parent | RB_RED;
	if (parent == NULL)
		t->root = n;
	else if (left)
		parent->left = n;
	else
		parent->right = n;

	while (is_red(rb_parent(n))) {
		struct rb_node *p = rb_parent(n), *g = rb_parent(p), *u;

		if (p == g->left) {
			u = g->right;
			if (is_red(u)) {
				set_color(p, RB_BLACK);
				set_color(u, RB_BLACK);
				set_color(g, RB_RED);
				n = g;
				continue;
			}
			if (n == p->right) {
				rotate_left(t, p);
				n = p;
				p = rb_parent(n);
			}
			set_color(p, RB_BLACK);
			set_color(g, RB_RED);
			rotate_right(t, g);
		} else {
			u = g->left;
			if (is_red(u)) {
				set_color(p, RB_BLACK);
				set_color(u, RB_BLACK);
				set_color(g, RB_RED);
				n = g;
				continue;
			}
			if (n == p->left) {
				rotate_right(t, p);
				n = p;
				p = rb_parent(n);
			}
			set_color(p, RB_BLACK);
			set_color(g, RB_RED);
			rotate_left(t, g);
		}
	}
	set_color(t->root, RB_BLACK);
}

/* after removing a black node: x (maybe NULL) under parent is one black short */
static void
remove_fixup(struct rb_tree *t, struct rb_node *x, struct rb_node *parent)
{
	while (x != t->root && is_black(x)) {
		struct rb_node *w;

		if (x == parent->left) {
			w = parent->right;
			if (is_red(w)) {
				set_color(w, RB_BLACK);
				set_color(parent, RB_RED);
				rotate_left(t, parent);
				w = parent->right;
			}
			if (is_black(w->left) && is_black(w->right)) {
				set_color(w, RB_RED);
				x = parent;
				parent = rb_parent(x);
				continue;
			}
			if (is_black(w->right)) {
				set_color(w->left, RB_BLACK);
				set_color(w, RB_RED);
				rotate_right(t, w);
				w = parent->right;
			}
			set_color(w, parent->parent_color & 1);
			set_color(parent, RB_BLACK);
			set_color(w->right, RB_BLACK);
			rotate_left(t, parent);
		} else {
			w = parent->left;
			if (is_red(w)) {
				set_color(w, RB_BLACK);
				set_color(parent, RB_RED);
				rotate_right(t, parent);
				w = parent->left;
			}
			if (is_black(w->left) && is_black(w->right)) {
				set_color(w, RB_RED);
				x = parent;
				parent = rb_parent(x);
				continue;
			}
			if (is_black(w->left)) {
				set_color(w->right, RB_BLACK);
				set_color(w, RB_RED);
				rotate_left(t, w);
				w = parent->left;
			}
			set_color(w, parent->parent_color & 1);
			set_color(parent, RB_BLACK);
			set_color(w->left, RB_BLACK);
			rotate_right(t, parent);
		}
		x = t->root;
		break;
	}
	if (x != NULL)
		set_color(x, RB_BLACK);
}

void
rb_remove(struct rb_tree *t, struct rb_node *n)
{
	struct rb_node *child, *parent;
	uintptr_t removed_color;

	if (n->left != NULL && n->right != NULL) {
		/* splice out the successor y, then put y in n's place */
		struct rb_node *y = n->right;

		while (y->left != NULL)
			y = y->left;
		removed_color = y->parent_color & 1;
		child = y->right;
		parent = rb_parent(y);
		if (parent == n) {
			parent = y;
		} else {
			parent->left = child;
			if (child != NULL)
				set_parent(child, parent);
			y->right = n->right;
			set_parent(n->right, y);
		}
		y->left = n->left;
		set_parent(n->left, y);
		replace_child(t, n, y);
		y->parent_color = n->parent_color;
	} else {
		removed_color = n->parent_color & 1;
		child = n->left != NULL ? n->left : n->right;
		parent = rb_parent(n);
		if (child != NULL)
			set_parent(child, parent);
		replace_child(t, n, child);
	}
	if (removed_color == RB_BLACK)
		remove_fixup(t, child, parent);
}

struct rb_node *
rb_first(const struct rb_tree *t)
{
	struct rb_node *n = t->root;

	while (n != NULL && n->left != NULL)
		n = n->left;
	return n;
}

struct rb_node *
rb_last(const struct rb_tree *t)
{
	struct rb_node *n = t->root;

	while (n != NULL && n->right != NULL)
		n = n->right;
	return n;
}

struct rb_node *
rb_next(const struct rb_node *n)
{
	struct rb_node *p;

	if (n->right != NULL) {
		n = n->right;
		while (n->left != NULL)
			n = n->left;
		return (struct rb_node *)n;
	}
	while ((p = rb_parent(n)) != NULL && n == p->right)
		n = p;
	return p;
}

struct rb_node *
rb_prev(const struct rb_node *n)
{
	struct rb_node *p;

	if (n->left != NULL) {
		n = n->left;
		while (n->right != NULL)
			n = n->right;
		return (struct rb_node *)n;
	}
	while ((p = rb_parent(n)) != NULL && n == p->left)
		n = p;
	return p;
}
