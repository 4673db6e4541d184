/* orchard-tree-private.h: what the tree learners share
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "orchard-model-private.h"

G_BEGIN_DECLS

/* Binning ------------------------------------------------------------------ */

/* Value bins per feature at most; code 255 is the bin of missing values. */
#define ORCHARD_BINS_MAX 255
#define ORCHARD_BIN_MISSING 255

/* Rows the bin edges are computed from, drawn at random from larger data
 * (the number LightGBM and scikit-learn use). */
#define ORCHARD_BINS_SAMPLE 200000

/**
 * OrchardBins:
 * @n_rows: rows
 * @n_features: features
 * @codes: the bin of every value, column-major: feature f's codes are
 *   `codes + f * n_rows`; #ORCHARD_BIN_MISSING for NaN
 * @n_bins: the number of value bins of each feature, 0 … 255 (0 when every
 *   value is missing)
 * @has_missing: whether each feature has a missing value
 * @edges: 256 per feature: a value v is in bin b when
 *   edges[b - 1] < v ≤ edges[b]; edges past the last bin are +∞
 * @lowest: (nullable): 256 per feature, the smallest value of the rows in
 *   each bin (+∞ for an empty bin), with %ORCHARD_BINS_RANGES
 * @highest: (nullable): likewise the largest (−∞ for an empty bin)
 *
 * A feature matrix quantised once for the histogram learners.
 */
typedef struct
{
  gsize    n_rows;
  guint    n_features;
  guint8  *codes;
  guint16 *n_bins;
  guint8  *has_missing;
  double  *edges;
  double  *lowest;
  double  *highest;
} OrchardBins;

typedef enum
{
  ORCHARD_BINS_NONE   = 0,
  ORCHARD_BINS_RANGES = 1 << 0,
} OrchardBinsFlags;

OrchardBins *orchard_bins_new         (const double  *X,
                                       gsize          n_rows,
                                       guint          n_features,
                                       guint          max_bins,
                                       guint64        seed,
                                       OrchardBinsFlags flags);
void         orchard_bins_free        (OrchardBins   *bins);

static inline const double *
orchard_bins_edges (const OrchardBins *bins,
                    guint              feature)
{
  return bins->edges + (gsize) feature * 256;
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OrchardBins, orchard_bins_free)

/* Trees -------------------------------------------------------------------- */

#define ORCHARD_NODE_LEAF G_MAXUINT32
#define ORCHARD_NODE_MISSING_LEFT 0x80000000u
#define ORCHARD_NODE_FEATURE_MASK 0x7fffffffu

/**
 * OrchardNode:
 * @threshold: rows with a value ≤ @threshold go left
 * @feature: the feature tested, with %ORCHARD_NODE_MISSING_LEFT set when a
 *   missing value goes left; %ORCHARD_NODE_LEAF for a leaf
 * @next: the left child (the right one is @next + 1), or a leaf's index in
 *   the value table
 *
 * One node, 16 bytes, as prediction walks them.
 */
typedef struct
{
  double  threshold;
  guint32 feature;
  guint32 next;
} OrchardNode;

/**
 * OrchardTrees:
 * @nodes: every tree's nodes, tree after tree; a child always comes after
 *   its parent
 * @gains: one per node: what its split gained (impurity decrease or loss
 *   reduction, weighted), 0 for a leaf
 * @roots: the first node of each tree; tree t ends where tree t + 1 begins
 * @values: @n_values per leaf, leaves numbered across all trees
 * @n_values: values per leaf (class frequencies, or 1)
 *
 * The fitted trees of a tree learner.
 */
typedef struct
{
  GArray *nodes;
  GArray *gains;
  GArray *roots;
  GArray *values;
  guint   n_values;
} OrchardTrees;

void      orchard_trees_init         (OrchardTrees       *trees,
                                      guint               n_values);
void      orchard_trees_clear        (OrchardTrees       *trees);
guint     orchard_trees_get_n_trees  (const OrchardTrees *trees);
guint     orchard_trees_get_n_leaves (const OrchardTrees *trees);
void      orchard_trees_truncate     (OrchardTrees       *trees,
                                      guint               n_trees);
void      orchard_trees_append       (OrchardTrees       *trees,
                                      const OrchardNode  *nodes,
                                      const double       *gains,
                                      guint               n_nodes,
                                      const double       *values,
                                      guint               n_leaves);

/* The leaf row @x lands in, in tree @tree. */
static inline guint32
orchard_trees_find_leaf (const OrchardNode *tree,
                         const double      *x)
{
  const OrchardNode *node = tree;

  while (node->feature != ORCHARD_NODE_LEAF)
    {
      double v = x[node->feature & ORCHARD_NODE_FEATURE_MASK];
      gboolean left = v <= node->threshold ||
                      (isnan (v) && (node->feature & ORCHARD_NODE_MISSING_LEFT) != 0);

      node = tree + node->next + !left;
    }

  return node->next;
}

#define ORCHARD_TREES_LANES 8

/* The leaves of @n (≤ ORCHARD_TREES_LANES) consecutive rows of @X, walked
 * together: their memory accesses overlap instead of waiting in turn. */
static inline void
orchard_trees_find_leaves (const OrchardNode *tree,
                           const double      *X,
                           guint              d,
                           guint              n,
                           guint32           *leaves)
{
  const OrchardNode *node[ORCHARD_TREES_LANES];
  guint active = n;

  for (guint j = 0; j < n; j++)
    node[j] = tree;

  while (active > 0)
    {
      active = 0;
      for (guint j = 0; j < n; j++)
        {
          const OrchardNode *nd = node[j];

          if (nd->feature != ORCHARD_NODE_LEAF)
            {
              double v = X[(gsize) j * d + (nd->feature & ORCHARD_NODE_FEATURE_MASK)];
              gboolean left = v <= nd->threshold ||
                              (isnan (v) && (nd->feature & ORCHARD_NODE_MISSING_LEFT) != 0);

              node[j] = tree + nd->next + !left;
              active++;
            }
        }
    }

  for (guint j = 0; j < n; j++)
    leaves[j] = node[j]->next;
}

static inline const OrchardNode *
orchard_trees_get_tree (const OrchardTrees *trees,
                        guint               tree)
{
  return &g_array_index (trees->nodes, OrchardNode,
                         g_array_index (trees->roots, guint32, tree));
}

void      orchard_trees_save         (const OrchardTrees *trees,
                                      GVariantBuilder    *builder);
gboolean  orchard_trees_load         (OrchardTrees       *trees,
                                      GVariant           *state,
                                      guint               n_features,
                                      guint               n_values,
                                      GError            **error);
double   *orchard_trees_importance   (const OrchardTrees *trees,
                                      guint               n_features,
                                      guint               first_tree,
                                      guint               n_trees,
                                      gboolean            by_gain);

/* Feature subsets ----------------------------------------------------------- */

gboolean  orchard_max_features_parse (const char         *text,
                                      double             *fraction,
                                      guint              *count,
                                      GError            **error);
guint     orchard_max_features_count (const char         *text,
                                      guint               n_features,
                                      gboolean            regression);

G_END_DECLS
