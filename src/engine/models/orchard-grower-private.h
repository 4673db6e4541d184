/* orchard-grower-private.h: leaf-wise histogram trees on gradients
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "orchard-tree-private.h"

G_BEGIN_DECLS

/**
 * OrchardGrowerParams:
 * @max_leaves: leaves per tree at most, ≥ 2
 * @max_depth: splits from the root to a leaf at most, 0 for no limit
 * @min_samples_leaf: rows per leaf at least
 * @min_hessian: sum of hessians per leaf at least
 * @l2: L2 regularisation λ of the leaf values
 *
 * The shape of the trees a grower grows.
 */
typedef struct
{
  guint  max_leaves;
  guint  max_depth;
  guint  min_samples_leaf;
  double min_hessian;
  double l2;
} OrchardGrowerParams;

/**
 * OrchardGradPair:
 * @g: the gradient of the loss at a row's score
 * @h: its hessian
 *
 * What a tree is fitted to, per row; floats, summed as doubles.
 */
typedef struct
{
  float g;
  float h;
} OrchardGradPair;

/**
 * OrchardGrownLeaf:
 * @begin: the leaf's rows are orchard_grower_get_rows()[@begin … @end - 1]
 * @end: see @begin
 * @sum_gradient: Σ g over its rows
 * @sum_hessian: Σ h over its rows
 *
 * A leaf of the tree just grown; its value is the caller's to choose.
 */
typedef struct
{
  gsize  begin;
  gsize  end;
  double sum_gradient;
  double sum_hessian;
} OrchardGrownLeaf;

/**
 * OrchardGrownTree:
 * @nodes: the tree, root first, children after their parent; a leaf's
 *   `next` is its index in @leaves
 * @gains: per node, the loss reduction of its split (½ of the gain of the
 *   second-order estimate), 0 for leaves
 * @bins: per node, the bin threshold of its split: rows with a code ≤ it
 *   go left (missing values as the node says)
 * @leaves: the leaves
 *
 * What orchard_grower_grow() grew; owned by the grower until the next call.
 */
typedef struct
{
  GArray *nodes;
  GArray *gains;
  GArray *bins;
  GArray *leaves;
} OrchardGrownTree;

typedef struct _OrchardGrower OrchardGrower;

OrchardGrower          *orchard_grower_new      (const OrchardBins          *bins,
                                                 const OrchardGrowerParams  *params,
                                                 guint                       n_threads);
void                    orchard_grower_free     (OrchardGrower              *grower);
void                    orchard_grower_set_unit_hessian (OrchardGrower      *grower,
                                                         gboolean            unit_hessian);
gboolean                orchard_grower_grow     (OrchardGrower              *grower,
                                                 const OrchardGradPair      *gradients,
                                                 const guint32              *rows,
                                                 gsize                       n_rows,
                                                 const double               *sums,
                                                 const guint8               *use_feature,
                                                 GCancellable               *cancellable);
const OrchardGrownTree *orchard_grower_get_tree (OrchardGrower              *grower);
const guint32          *orchard_grower_get_rows (OrchardGrower              *grower);

/* The leaf row @row of the binned training data lands in. */
static inline guint32
orchard_grown_tree_find_leaf (const OrchardGrownTree *tree,
                              const OrchardBins      *bins,
                              gsize                   row)
{
  const OrchardNode *nodes = (const OrchardNode *) tree->nodes->data;
  const guint8 *thresholds = (const guint8 *) tree->bins->data;
  guint32 i = 0;

  while (nodes[i].feature != ORCHARD_NODE_LEAF)
    {
      guint32 f = nodes[i].feature & ORCHARD_NODE_FEATURE_MASK;
      guint8 code = bins->codes[(gsize) f * bins->n_rows + row];
      gboolean left = code == ORCHARD_BIN_MISSING
                      ? (nodes[i].feature & ORCHARD_NODE_MISSING_LEFT) != 0
                      : code <= thresholds[i];

      i = nodes[i].next + !left;
    }

  return nodes[i].next;
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OrchardGrower, orchard_grower_free)

G_END_DECLS
