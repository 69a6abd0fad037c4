/*
 * kernel/lib/rbtree.h - intrusive red-black trees.
 *
 * A node is embedded in the object it orders; the caller does the
 * comparisons (a find walks rb_left/rb_right itself, an insert finds the
 * parent and side and calls rb_insert_at).  No allocation, no locking: the
 * tree's owner holds whatever lock guards the tree.  The colour lives in
 * the low bit of the parent pointer, so a node is three words.
 */
#ifndef KERNEL_LIB_RBTREE_H
#define KERNEL_LIB_RBTREE_H

#include "kernel/lib/types.h"

struct rb_node {
	uintptr_t parent_color;		/* parent | colour (1: black) */
	struct rb_node *left;
	struct rb_node *right;
};

struct rb_tree {
	struct rb_node *root;
};

#define RB_TREE_INIT	{ NULL }

static inline struct rb_node *
rb_parent(const struct rb_node *n)
{
	return (struct rb_node *)(n->parent_color & ~(uintptr_t)1);
}

/*
 * rb_insert_at - link n as the left (left = true) or right child of parent
 * (NULL: n becomes the root of an empty tree) and rebalance.  The caller
 * found parent by walking from the root, so the slot is empty.
 */
void rb_insert_at(struct rb_tree *t, struct rb_node *parent, bool left,
    struct rb_node *n);
/* rb_remove - unlink n from t and rebalance */
void rb_remove(struct rb_tree *t, struct rb_node *n);

struct rb_node *rb_first(const struct rb_tree *t);
struct rb_node *rb_last(const struct rb_tree *t);
struct rb_node *rb_next(const struct rb_node *n);
struct rb_node *rb_prev(const struct rb_node *n);

#define rb_entry(ptr, type, member) containerof(ptr, type, member)

#endif /* KERNEL_LIB_RBTREE_H */
