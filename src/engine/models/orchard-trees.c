/* orchard-trees.c: the fitted trees of the tree learners
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "orchard-error.h"
#include "orchard-tree-private.h"

void
orchard_trees_init (OrchardTrees *trees,
                    guint         n_values)
{
  g_assert (n_values > 0);

  trees->nodes = g_array_new (FALSE, FALSE, sizeof (OrchardNode));
  trees->gains = g_array_new (FALSE, FALSE, sizeof (double));
  trees->roots = g_array_new (FALSE, FALSE, sizeof (guint32));
  trees->values = g_array_new (FALSE, FALSE, sizeof (double));
  trees->n_values = n_values;
}

void
orchard_trees_clear (OrchardTrees *trees)
{
  g_clear_pointer (&trees->nodes, g_array_unref);
  g_clear_pointer (&trees->gains, g_array_unref);
  g_clear_pointer (&trees->roots, g_array_unref);
  g_clear_pointer (&trees->values, g_array_unref);
}

guint
orchard_trees_get_n_trees (const OrchardTrees *trees)
{
  return trees->roots != NULL ? trees->roots->len : 0;
}

guint
orchard_trees_get_n_leaves (const OrchardTrees *trees)
{
  return trees->values != NULL ? trees->values->len / trees->n_values : 0;
}

/* Appends one tree: @nodes with child indices counted from its root and
 * leaf indices counted from 0, and @n_leaves × n_values values. */
void
orchard_trees_append (OrchardTrees      *trees,
                      const OrchardNode *nodes,
                      const double      *gains,
                      guint              n_nodes,
                      const double      *values,
                      guint              n_leaves)
{
  guint32 root = trees->nodes->len;
  guint32 first_leaf = orchard_trees_get_n_leaves (trees);

  g_assert (n_nodes > 0);

  g_array_append_val (trees->roots, root);
  g_array_append_vals (trees->nodes, nodes, n_nodes);
  g_array_append_vals (trees->gains, gains, n_nodes);
  g_array_append_vals (trees->values, values, (gsize) n_leaves * trees->n_values);

  for (guint i = 0; i < n_nodes; i++)
    {
      OrchardNode *node = &g_array_index (trees->nodes, OrchardNode, root + i);

      if (node->feature == ORCHARD_NODE_LEAF)
        node->next += first_leaf;
    }
}

/* Keeps the first @n_trees trees. Leaves are numbered in tree order, so
 * the values of the trees kept come first. */
void
orchard_trees_truncate (OrchardTrees *trees,
                        guint         n_trees)
{
  guint32 end, n_leaves = 0;

  if (n_trees >= trees->roots->len)
    return;

  end = g_array_index (trees->roots, guint32, n_trees);
  for (guint32 i = 0; i < end; i++)
    n_leaves += g_array_index (trees->nodes, OrchardNode, i).feature == ORCHARD_NODE_LEAF;

  g_array_set_size (trees->roots, n_trees);
  g_array_set_size (trees->nodes, end);
  g_array_set_size (trees->gains, end);
  g_array_set_size (trees->values, (gsize) n_leaves * trees->n_values);
}

void
orchard_trees_save (const OrchardTrees *trees,
                    GVariantBuilder    *builder)
{
  guint n = trees->nodes->len;
  g_autofree guint32 *features = g_new (guint32, MAX (n, 1));
  g_autofree guint32 *next = g_new (guint32, MAX (n, 1));
  g_autofree double *thresholds = g_new (double, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    {
      const OrchardNode *node = &g_array_index (trees->nodes, OrchardNode, i);

      features[i] = node->feature;
      next[i] = node->next;
      thresholds[i] = node->threshold;
    }

  g_variant_builder_add (builder, "{sv}", "tree-roots",
                         orchard_state_new_uints ((const guint32 *) trees->roots->data,
                                                  trees->roots->len));
  g_variant_builder_add (builder, "{sv}", "node-features", orchard_state_new_uints (features, n));
  g_variant_builder_add (builder, "{sv}", "node-next", orchard_state_new_uints (next, n));
  g_variant_builder_add (builder, "{sv}", "node-thresholds",
                         orchard_state_new_doubles (thresholds, n));
  g_variant_builder_add (builder, "{sv}", "node-gains",
                         orchard_state_new_doubles ((const double *) trees->gains->data, n));
  g_variant_builder_add (builder, "{sv}", "leaf-values",
                         orchard_state_new_doubles ((const double *) trees->values->data,
                                                    trees->values->len));
}

static gsize
array_length (GVariant   *state,
              const char *key,
              const char *type)
{
  g_autoptr(GVariant) value = g_variant_lookup_value (state, key, G_VARIANT_TYPE (type));

  return value != NULL ? g_variant_n_children (value) : 0;
}

static gboolean
damaged (GError     **error,
         const char  *what,
         guint        tree)
{
  g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_PARSE,
               _("Tree %u of the model state is damaged: %s"), tree + 1, what);
  return FALSE;
}

/* Reads what orchard_trees_save() wrote, checking that every tree is one:
 * children inside the tree and after their parent (so a walk ends), known
 * features, leaves with values. */
gboolean
orchard_trees_load (OrchardTrees  *trees,
                    GVariant      *state,
                    guint          n_features,
                    guint          n_values,
                    GError       **error)
{
  gsize n_trees = array_length (state, "tree-roots", "au");
  gsize n_nodes = array_length (state, "node-features", "au");
  gsize n_leaf_values = array_length (state, "leaf-values", "ad");
  g_autofree guint32 *roots = NULL, *features = NULL, *next = NULL;
  g_autofree double *thresholds = NULL, *gains = NULL, *values = NULL;
  gsize n_leaves;

  orchard_trees_clear (trees);
  orchard_trees_init (trees, n_values);

  if ((roots = orchard_state_dup_uints (state, "tree-roots", n_trees, error)) == NULL ||
      (features = orchard_state_dup_uints (state, "node-features", n_nodes, error)) == NULL ||
      (next = orchard_state_dup_uints (state, "node-next", n_nodes, error)) == NULL ||
      (thresholds = orchard_state_dup_doubles (state, "node-thresholds", n_nodes, error)) == NULL ||
      (gains = orchard_state_dup_doubles (state, "node-gains", n_nodes, error)) == NULL ||
      (values = orchard_state_dup_doubles (state, "leaf-values", n_leaf_values, error)) == NULL)
    return FALSE;

  if (n_trees == 0 || n_nodes == 0 || n_nodes >= G_MAXUINT32 || n_leaf_values % n_values != 0)
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_PARSE,
                   _("The model state has %lu trees of %lu nodes with %lu leaf values"),
                   (gulong) n_trees, (gulong) n_nodes, (gulong) n_leaf_values);
      return FALSE;
    }
  n_leaves = n_leaf_values / n_values;

  if (!orchard_state_check_doubles (gains, n_nodes, "node-gains", 0.0, G_MAXDOUBLE, error))
    return FALSE;

  for (gsize t = 0; t < n_trees; t++)
    {
      gsize begin = roots[t], end = t + 1 < n_trees ? roots[t + 1] : n_nodes;

      if ((t == 0 && begin != 0) || end <= begin || end > n_nodes)
        return damaged (error, _("its nodes are out of order"), t);

      for (gsize i = begin; i < end; i++)
        {
          gsize local = i - begin;

          if (features[i] == ORCHARD_NODE_LEAF)
            {
              if (next[i] >= n_leaves)
                return damaged (error, _("a leaf has no value"), t);
            }
          else if ((features[i] & ORCHARD_NODE_FEATURE_MASK) >= n_features)
            return damaged (error, _("a node tests a feature the model does not have"), t);
          else if (next[i] <= local || (gsize) next[i] + 1 >= end - begin)
            return damaged (error, _("a node's children are not in the tree"), t);
        }
    }

  g_array_append_vals (trees->roots, roots, n_trees);
  g_array_set_size (trees->nodes, n_nodes);
  for (gsize i = 0; i < n_nodes; i++)
    {
      OrchardNode *node = &g_array_index (trees->nodes, OrchardNode, i);

      node->threshold = thresholds[i];
      node->feature = features[i];
      node->next = next[i];
    }
  g_array_append_vals (trees->gains, gains, n_nodes);
  g_array_append_vals (trees->values, values, n_leaf_values);

  return TRUE;
}

/* The total gain of the splits on each feature, or their number, over
 * trees @first_tree … @first_tree + @n_trees - 1. */
double *
orchard_trees_importance (const OrchardTrees *trees,
                          guint               n_features,
                          guint               first_tree,
                          guint               n_trees,
                          gboolean            by_gain)
{
  double *importance = g_new0 (double, n_features);
  guint32 begin, end;

  if (n_trees == 0)
    return importance;

  begin = g_array_index (trees->roots, guint32, first_tree);
  end = first_tree + n_trees < trees->roots->len
        ? g_array_index (trees->roots, guint32, first_tree + n_trees) : trees->nodes->len;

  for (guint32 i = begin; i < end; i++)
    {
      const OrchardNode *node = &g_array_index (trees->nodes, OrchardNode, i);

      if (node->feature != ORCHARD_NODE_LEAF)
        importance[node->feature & ORCHARD_NODE_FEATURE_MASK] +=
          by_gain ? g_array_index (trees->gains, double, i) : 1.0;
    }

  return importance;
}

/* Feature subsets -------------------------------------------------------------- */

/* Parses a `max-features` value: "all", "sqrt", "log2", "auto" (the
 * fraction is then negative: -1 all, -2 sqrt, -3 log2, -4 auto), a count
 * ("5") or a fraction in (0, 1] ("0.3"). */
gboolean
orchard_max_features_parse (const char  *text,
                            double      *fraction,
                            guint       *count,
                            GError     **error)
{
  static const char * const names[] = { "all", "sqrt", "log2", "auto" };
  guint64 n;
  char *end = NULL;
  double f;

  *fraction = 0;
  *count = 0;
  if (text == NULL)
    text = "";

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_ascii_strcasecmp (text, names[i]) == 0)
      {
        *fraction = -1.0 - i;
        return TRUE;
      }

  if (g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT, &n, NULL))
    {
      *count = (guint) n;
      return TRUE;
    }

  f = g_ascii_strtod (text, &end);
  if (*text != '\0' && end != NULL && *end == '\0' && f > 0 && f <= 1)
    {
      *fraction = f;
      return TRUE;
    }

  g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
               _("Parameter “max-features” must be “all”, “sqrt”, “log2”, “auto”, a number of "
                 "features (“5”) or a fraction of them (“0.3”), not “%s”"), text);
  return FALSE;
}

/* How many features a split looks at, 1 … @n_features. */
guint
orchard_max_features_count (const char *text,
                            guint       n_features,
                            gboolean    regression)
{
  double fraction, k;
  guint count;

  if (!orchard_max_features_parse (text, &fraction, &count, NULL))
    return n_features;

  if (count > 0)
    k = count;
  else if (fraction > 0)
    k = floor (fraction * n_features);
  else if (fraction == -2.0 || (fraction == -4.0 && !regression))
    k = floor (sqrt ((double) n_features));
  else if (fraction == -3.0)
    k = floor (log2 ((double) n_features));
  else if (fraction == -4.0)
    k = floor (n_features / 3.0);
  else
    k = n_features;

  return (guint) CLAMP (k, 1.0, (double) n_features);
}
