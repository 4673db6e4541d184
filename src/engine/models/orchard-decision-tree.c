/* orchard-decision-tree.c
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <float.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "orchard-decision-tree.h"
#include "orchard-error.h"
#include "orchard-rng.h"
#include "orchard-threads.h"
#include "orchard-tree-private.h"

#define STATE_VERSION 1

/* Values this close count as equal when looking for a split, and a node
 * whose impurity is this small is pure: scikit-learn's constants. */
#define FEATURE_THRESHOLD 1e-7
#define PURE DBL_EPSILON

/**
 * OrchardDecisionTree:
 *
 * A CART decision tree (`tree`) for classification and regression, grown
 * depth-first by the rules of scikit-learn's `DecisionTreeClassifier` and
 * `DecisionTreeRegressor` with the best splitter: each split is the
 * threshold, halfway between two neighbouring distinct values of a
 * feature, that most lowers the weighted Gini impurity, entropy or squared
 * error; a node becomes a leaf at `max-depth`, below `min-samples-split`
 * rows, when pure, or when no split leaves `min-samples-leaf` rows on both
 * sides and lowers the impurity by `min-impurity-decrease` (weighted by the
 * node's share of the rows). Thresholds are exact, not binned: each
 * feature's rows are sorted once and kept in order as nodes split.
 *
 * Ties are broken the same way every time: the lowest feature, then the
 * lowest threshold. scikit-learn visits features in a random order (even
 * with all of them) and keeps the first best, so where two splits tie
 * exactly its tree depends on `random_state`; everywhere else the two
 * trees are the same. With `max-features` below all features, each split
 * looks at a random subset drawn from `seed`.
 *
 * Classifiers predict the weighted class frequencies of a leaf, regressors
 * its weighted mean. Feature importance is the total weighted impurity
 * decrease of each feature's splits, as a share of all of them (scikit-learn's
 * `feature_importances_`).
 */
struct _OrchardDecisionTree
{
  OrchardModel parent_instance;

  OrchardTreeCriterion criterion;
  guint                max_depth;
  guint                min_samples_split;
  guint                min_samples_leaf;
  double               min_impurity_decrease;
  char                *max_features;
  OrchardClassWeight   class_weight;
  guint                seed;

  /* Fitted */
  OrchardTrees trees;
  guint        depth;
};

enum {
  PROP_0,
  PROP_CRITERION,
  PROP_MAX_DEPTH,
  PROP_MIN_SAMPLES_SPLIT,
  PROP_MIN_SAMPLES_LEAF,
  PROP_MIN_IMPURITY_DECREASE,
  PROP_MAX_FEATURES,
  PROP_CLASS_WEIGHT,
  PROP_SEED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (OrchardDecisionTree, orchard_decision_tree, ORCHARD_TYPE_MODEL)

G_DEFINE_ENUM_TYPE (OrchardTreeCriterion, orchard_tree_criterion,
  G_DEFINE_ENUM_VALUE (ORCHARD_TREE_CRITERION_AUTO, "auto"),
  G_DEFINE_ENUM_VALUE (ORCHARD_TREE_CRITERION_GINI, "gini"),
  G_DEFINE_ENUM_VALUE (ORCHARD_TREE_CRITERION_ENTROPY, "entropy"),
  G_DEFINE_ENUM_VALUE (ORCHARD_TREE_CRITERION_SQUARED_ERROR, "squared-error"))

/* Sorting ---------------------------------------------------------------------- */

static inline guint64
order_key (double v)
{
  guint64 u;

  memcpy (&u, &v, sizeof u);
  return (u & G_GUINT64_CONSTANT (0x8000000000000000)) ? ~u
                                                       : u | G_GUINT64_CONSTANT (0x8000000000000000);
}

/* Sorts @rows by @keys, stably (rows with equal values stay in row order):
 * least significant 11 bits first, passes over a digit all keys share
 * skipped. */
static void
sort_rows (guint64 *keys,
           guint32 *rows,
           guint64 *tmp_keys,
           guint32 *tmp_rows,
           gsize    n)
{
  guint64 *sk = keys, *dk = tmp_keys;
  guint32 *sr = rows, *dr = tmp_rows;

  for (guint shift = 0; shift < 64; shift += 11)
    {
      gsize counts[2048] = { 0 };
      gsize sum = 0;

      for (gsize i = 0; i < n; i++)
        counts[(sk[i] >> shift) & 2047]++;
      if (n == 0 || counts[(sk[0] >> shift) & 2047] == n)
        continue;
      for (guint b = 0; b < 2048; b++)
        {
          gsize c = counts[b];
          counts[b] = sum;
          sum += c;
        }
      for (gsize i = 0; i < n; i++)
        {
          gsize to = counts[(sk[i] >> shift) & 2047]++;
          dk[to] = sk[i];
          dr[to] = sr[i];
        }

      {
        guint64 *t = sk;
        guint32 *r = sr;
        sk = dk;
        dk = t;
        sr = dr;
        dr = r;
      }
    }

  if (sr != rows)
    memcpy (rows, sr, n * sizeof (guint32));
}

/* Growing ----------------------------------------------------------------------- */

typedef struct
{
  const double         *X;
  guint                 d;
  const double         *y;
  const double         *w;
  gboolean              classify;
  guint                 K;
  OrchardTreeCriterion  criterion;
  guint                 max_depth;
  guint                 min_samples_split;
  guint                 min_samples_leaf;
  double                min_impurity_decrease;
  guint                 max_features;
  double                total_weight;
  OrchardRng            rng;

  /* The rows of positive weight, m of them, sorted by each feature:
   * feature f's order is order + f * m; a node holds the same range of
   * every feature's order. */
  gsize                 m;
  guint32              *order;
  guint32              *tmp;
  guint8               *goes_left;
  guint                *features;
  double               *sum_total;
  double               *sum_left;
  double               *sum_right;

  GArray               *nodes;
  GArray               *gains;
  GArray               *values;
  guint                 n_leaves;
  guint                 depth;
} Builder;

typedef struct
{
  gsize   start;
  gsize   end;
  guint   depth;
  guint32 node;
  double  impurity;
} Pending;

static double
class_impurity (const Builder *b,
                const double  *sum,
                double         w)
{
  double impurity = 0;

  if (b->criterion == ORCHARD_TREE_CRITERION_GINI)
    {
      double sq = 0;

      for (guint k = 0; k < b->K; k++)
        sq += sum[k] * sum[k];
      impurity = 1.0 - sq / (w * w);
    }
  else
    for (guint k = 0; k < b->K; k++)
      if (sum[k] > 0.0)
        {
          double p = sum[k] / w;
          impurity -= p * (log (p) / log (2.0));
        }

  return impurity;
}

/* Sums over the node's rows: per class weights, or Σ w y and Σ w y². */
static void
node_sums (Builder *b,
           gsize    start,
           gsize    end,
           double  *sum,
           double  *weight,
           double  *sq_sum)
{
  const guint32 *rows = b->order;
  guint n_sums = b->classify ? b->K : 1;

  memset (sum, 0, n_sums * sizeof (double));
  *weight = 0;
  *sq_sum = 0;

  for (gsize p = start; p < end; p++)
    {
      guint32 r = rows[p];
      double w = b->w[r];

      *weight += w;
      if (b->classify)
        sum[(gsize) b->y[r]] += w;
      else
        {
          sum[0] += w * b->y[r];
          *sq_sum += w * b->y[r] * b->y[r];
        }
    }
}

typedef struct
{
  guint  feature;
  gsize  pos;
  double threshold;
  double proxy;
} Split;

/* The best split of feature @f over the node's rows, scanned like
 * scikit-learn's BestSplitter: rows in value order, a candidate after each
 * run of equal values, the first best kept. */
static void
scan_feature (Builder *b,
              guint    f,
              gsize    start,
              gsize    end,
              double   weight,
              Split   *best,
              gboolean *constant)
{
  const guint32 *rows = b->order + (gsize) f * b->m + start;
  const double *X = b->X;
  guint d = b->d;
  gsize n = end - start;
  double w_left = 0;

#define XV(p) (X[(gsize) rows[p] * d + f])

  *constant = XV (n - 1) <= XV (0) + FEATURE_THRESHOLD;
  if (*constant)
    return;

  memset (b->sum_left, 0, (b->classify ? b->K : 1) * sizeof (double));

  for (gsize p = 0; p < n;)
    {
      double proxy;

      /* Move the run of (nearly) equal values starting at p to the left. */
      for (;;)
        {
          guint32 r = rows[p];
          double w = b->w[r];

          w_left += w;
          if (b->classify)
            b->sum_left[(gsize) b->y[r]] += w;
          else
            b->sum_left[0] += w * b->y[r];

          if (p + 1 < n && XV (p + 1) <= XV (p) + FEATURE_THRESHOLD)
            p++;
          else
            break;
        }
      p++;

      if (p >= n)
        break;
      if (p < b->min_samples_leaf || n - p < b->min_samples_leaf)
        continue;

      if (b->classify)
        {
          double w_right = weight - w_left;

          for (guint k = 0; k < b->K; k++)
            b->sum_right[k] = b->sum_total[k] - b->sum_left[k];
          proxy = -w_right * class_impurity (b, b->sum_right, w_right)
                  - w_left * class_impurity (b, b->sum_left, w_left);
        }
      else
        {
          double w_right = weight - w_left;
          double s_right = b->sum_total[0] - b->sum_left[0];

          proxy = b->sum_left[0] * b->sum_left[0] / w_left + s_right * s_right / w_right;
        }

      if (proxy > best->proxy)
        {
          double lo = XV (p - 1), hi = XV (p);
          double threshold = lo / 2.0 + hi / 2.0;

          if (threshold == hi || isinf (threshold))
            threshold = lo;

          best->proxy = proxy;
          best->feature = f;
          best->pos = p;
          best->threshold = threshold;
        }
    }
#undef XV
}

static guint32
add_node (Builder *b)
{
  OrchardNode node = { 0.0, ORCHARD_NODE_LEAF, 0 };
  double gain = 0;

  g_array_append_val (b->nodes, node);
  g_array_append_val (b->gains, gain);
  return b->nodes->len - 1;
}

static void
make_leaf (Builder      *b,
           guint32       index,
           const double *sum,
           double        weight)
{
  OrchardNode *node = &g_array_index (b->nodes, OrchardNode, index);

  node->feature = ORCHARD_NODE_LEAF;
  node->next = b->n_leaves++;

  if (b->classify)
    for (guint k = 0; k < b->K; k++)
      {
        double p = sum[k] / weight;
        g_array_append_val (b->values, p);
      }
  else
    {
      double mean = sum[0] / weight;
      g_array_append_val (b->values, mean);
    }
}

/* Moves the rows going left to the front of every feature's range,
 * keeping each side in value order. Returns how many go left. */
static gsize
partition (Builder *b,
           gsize    start,
           gsize    end,
           guint    feature,
           double   threshold)
{
  gsize n_left = 0;

  for (gsize p = start; p < end; p++)
    {
      guint32 r = b->order[p];
      gboolean left = b->X[(gsize) r * b->d + feature] <= threshold;

      b->goes_left[r] = left;
      n_left += left;
    }

  for (guint f = 0; f < b->d; f++)
    {
      guint32 *rows = b->order + (gsize) f * b->m;
      gsize l = start, r = 0;

      for (gsize p = start; p < end; p++)
        {
          guint32 row = rows[p];

          if (b->goes_left[row])
            rows[l++] = row;
          else
            b->tmp[r++] = row;
        }
      memcpy (rows + l, b->tmp, r * sizeof (guint32));
    }

  return n_left;
}

static gboolean
grow (Builder         *b,
      OrchardFitData  *data,
      GError         **error)
{
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (Pending));
  guint n_sums = b->classify ? b->K : 1;
  g_autofree double *child_sum = g_new (double, n_sums);
  gsize done = 0;
  Pending root = { 0, b->m, 0, 0, 0.0 };
  double weight, sq_sum;

  root.node = add_node (b);
  node_sums (b, 0, b->m, b->sum_total, &weight, &sq_sum);
  root.impurity = b->classify ? class_impurity (b, b->sum_total, weight)
                              : sq_sum / weight - (b->sum_total[0] / weight) * (b->sum_total[0] / weight);
  g_array_append_val (stack, root);

  while (stack->len > 0)
    {
      Pending p = g_array_index (stack, Pending, stack->len - 1);
      gsize n = p.end - p.start;
      Split best = { 0, 0, 0.0, -INFINITY };
      gboolean leaf;

      g_array_set_size (stack, stack->len - 1);

      if (orchard_fit_data_is_cancelled (data, error))
        return FALSE;

      node_sums (b, p.start, p.end, b->sum_total, &weight, &sq_sum);
      b->depth = MAX (b->depth, p.depth);

      leaf = p.depth >= b->max_depth || n < b->min_samples_split ||
             n < 2 * (gsize) b->min_samples_leaf || p.impurity <= PURE;

      if (!leaf)
        {
          guint n_drawn = 0, n_visited = 0;

          /* Every feature in order, or max_features non-constant ones
           * drawn at random (more if some turn out constant). */
          for (guint f = 0; f < b->d; f++)
            b->features[f] = f;

          while (n_drawn < b->d && n_visited < b->max_features)
            {
              guint f;
              gboolean constant;

              if (b->max_features < b->d)
                {
                  guint pick = n_drawn + (guint) orchard_rng_below (&b->rng, b->d - n_drawn);
                  guint t = b->features[n_drawn];

                  b->features[n_drawn] = b->features[pick];
                  b->features[pick] = t;
                }
              f = b->features[n_drawn++];

              scan_feature (b, f, p.start, p.end, weight, &best, &constant);
              n_visited += !constant;
            }

          leaf = best.proxy == -INFINITY;
        }

      if (!leaf)
        {
          double w_left = 0, sq_left = 0, w_right, imp_left, imp_right, improvement;
          const guint32 *rows = b->order + (gsize) best.feature * b->m;

          memset (b->sum_left, 0, n_sums * sizeof (double));
          for (gsize q = p.start; q < p.start + best.pos; q++)
            {
              guint32 r = rows[q];
              double w = b->w[r];

              w_left += w;
              if (b->classify)
                b->sum_left[(gsize) b->y[r]] += w;
              else
                {
                  b->sum_left[0] += w * b->y[r];
                  sq_left += w * b->y[r] * b->y[r];
                }
            }
          w_right = weight - w_left;
          for (guint k = 0; k < n_sums; k++)
            b->sum_right[k] = b->sum_total[k] - b->sum_left[k];

          if (b->classify)
            {
              imp_left = class_impurity (b, b->sum_left, w_left);
              imp_right = class_impurity (b, b->sum_right, w_right);
            }
          else
            {
              imp_left = sq_left / w_left - (b->sum_left[0] / w_left) * (b->sum_left[0] / w_left);
              imp_right = (sq_sum - sq_left) / w_right -
                          (b->sum_right[0] / w_right) * (b->sum_right[0] / w_right);
            }

          improvement = (weight / b->total_weight) *
                        (p.impurity - w_right / weight * imp_right - w_left / weight * imp_left);

          if (improvement + PURE < b->min_impurity_decrease)
            leaf = TRUE;
          else
            {
              Pending left, right;
              gsize n_left = partition (b, p.start, p.end, best.feature, best.threshold);
              guint32 children = add_node (b);
              OrchardNode *node;

              add_node (b);
              g_assert (n_left == best.pos);

              node = &g_array_index (b->nodes, OrchardNode, p.node);
              node->feature = best.feature;
              node->threshold = best.threshold;
              node->next = children;
              g_array_index (b->gains, double, p.node) =
                MAX (0.0, weight * p.impurity - w_left * imp_left - w_right * imp_right);

              left = (Pending) { p.start, p.start + n_left, p.depth + 1, children, imp_left };
              right = (Pending) { p.start + n_left, p.end, p.depth + 1, children + 1, imp_right };
              g_array_append_val (stack, right);
              g_array_append_val (stack, left);
            }
        }

      if (leaf)
        {
          make_leaf (b, p.node, b->sum_total, weight);
          done += n;
          orchard_fit_data_progress (data, (double) done / b->m, NULL);
        }
    }

  return TRUE;
}

static OrchardTreeCriterion
resolve_criterion (OrchardTreeCriterion criterion,
                   OrchardTask          task)
{
  if (criterion == ORCHARD_TREE_CRITERION_AUTO)
    return task == ORCHARD_TASK_REGRESSION ? ORCHARD_TREE_CRITERION_SQUARED_ERROR
                                           : ORCHARD_TREE_CRITERION_GINI;
  return criterion;
}

static void
orchard_decision_tree_reset (OrchardModel *model)
{
  OrchardDecisionTree *self = ORCHARD_DECISION_TREE (model);

  orchard_trees_clear (&self->trees);
  self->depth = 0;
}

static gboolean
orchard_decision_tree_check_params (OrchardModel  *model,
                                    GError       **error)
{
  OrchardDecisionTree *self = ORCHARD_DECISION_TREE (model);
  double fraction;
  guint count;

  return orchard_max_features_parse (self->max_features, &fraction, &count, error);
}

static gboolean
orchard_decision_tree_fit (OrchardModel    *model,
                           OrchardFitData  *data,
                           GError         **error)
{
  OrchardDecisionTree *self = ORCHARD_DECISION_TREE (model);
  g_autofree double *weights = g_new (double, data->n_rows);
  g_autofree double *class_weights = NULL;
  g_autofree guint32 *order = NULL, *tmp = NULL;
  g_autofree guint8 *goes_left = NULL;
  g_autofree guint *features = NULL;
  g_autofree double *sums = NULL;
  g_autofree guint32 *included = NULL;
  OrchardNode *nodes;
  Builder b = { 0 };
  gsize m = 0;
  int n_threads = (int) orchard_get_threads ();

  b.classify = data->task != ORCHARD_TASK_REGRESSION;
  b.criterion = resolve_criterion (self->criterion, data->task);
  if (b.classify != (b.criterion != ORCHARD_TREE_CRITERION_SQUARED_ERROR))
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                   b.classify ? _("Criterion “squared-error” of learner “tree” is for regression; "
                                  "a classification tree uses “gini” or “entropy”")
                              : _("Criteria “gini” and “entropy” of learner “tree” are for "
                                  "classification; a regression tree uses “squared-error”"));
      return FALSE;
    }

  class_weights = orchard_class_weights (b.classify ? self->class_weight : ORCHARD_CLASS_WEIGHT_NONE,
                                         data->y, data->n_rows, MAX (data->n_classes, 1));
  included = g_new (guint32, data->n_rows);
  for (gsize i = 0; i < data->n_rows; i++)
    {
      weights[i] = data->weights[i] * (b.classify ? class_weights[(gsize) data->y[i]] : 1.0);
      /* Rows of weight 0 take no part, as in scikit-learn. */
      if (weights[i] > 0)
        {
          included[m++] = i;
          b.total_weight += weights[i];
        }
    }
  if (m == 0)
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                   _("The training rows have no weight"));
      return FALSE;
    }

  b.X = data->X;
  b.d = data->n_features;
  b.y = data->y;
  b.w = weights;
  b.K = data->n_classes;
  b.max_depth = self->max_depth > 0 ? self->max_depth : G_MAXUINT;
  b.min_samples_split = self->min_samples_split;
  b.min_samples_leaf = self->min_samples_leaf;
  b.min_impurity_decrease = self->min_impurity_decrease;
  b.max_features = orchard_max_features_count (self->max_features, b.d, !b.classify);
  orchard_rng_init (&b.rng, self->seed);

  b.m = m;
  b.order = order = g_new (guint32, (gsize) b.d * m);
  b.tmp = tmp = g_new (guint32, m);
  b.goes_left = goes_left = g_new0 (guint8, data->n_rows);
  b.features = features = g_new (guint, b.d);
  sums = g_new (double, 3 * (gsize) MAX (b.K, 1));
  b.sum_total = sums;
  b.sum_left = sums + MAX (b.K, 1);
  b.sum_right = sums + 2 * MAX (b.K, 1);

  orchard_fit_data_progress (data, 0.0, _("Sorting"));

#pragma omp parallel num_threads (n_threads)
  {
    g_autofree guint64 *keys = g_new (guint64, m);
    g_autofree guint64 *tmp_keys = g_new (guint64, m);
    g_autofree guint32 *tmp_rows = g_new (guint32, m);

#pragma omp for schedule (dynamic, 1)
    for (guint f = 0; f < b.d; f++)
      {
        guint32 *rows = order + (gsize) f * m;

        if (g_cancellable_is_cancelled (data->cancellable))
          continue;
        memcpy (rows, included, m * sizeof (guint32));
        for (gsize i = 0; i < m; i++)
          keys[i] = order_key (data->X[(gsize) rows[i] * b.d + f]);
        sort_rows (keys, rows, tmp_keys, tmp_rows, m);
      }
  }

  if (orchard_fit_data_is_cancelled (data, error))
    return FALSE;
  orchard_fit_data_progress (data, 0.0, _("Growing the tree"));

  b.nodes = g_array_new (FALSE, FALSE, sizeof (OrchardNode));
  b.gains = g_array_new (FALSE, FALSE, sizeof (double));
  b.values = g_array_new (FALSE, FALSE, sizeof (double));

  if (!grow (&b, data, error))
    {
      g_array_unref (b.nodes);
      g_array_unref (b.gains);
      g_array_unref (b.values);
      return FALSE;
    }

  nodes = (OrchardNode *) b.nodes->data;
  orchard_trees_clear (&self->trees);
  orchard_trees_init (&self->trees, b.classify ? b.K : 1);
  orchard_trees_append (&self->trees, nodes, (const double *) b.gains->data, b.nodes->len,
                        (const double *) b.values->data, b.n_leaves);
  self->depth = b.depth;

  g_array_unref (b.nodes);
  g_array_unref (b.gains);
  g_array_unref (b.values);

  return TRUE;
}

static gboolean
orchard_decision_tree_predict (OrchardModel  *model,
                               const double  *X,
                               gsize          n_rows,
                               double        *out,
                               GCancellable  *cancellable,
                               GError       **error)
{
  OrchardDecisionTree *self = ORCHARD_DECISION_TREE (model);
  const OrchardNode *tree = orchard_trees_get_tree (&self->trees, 0);
  const double *values = (const double *) self->trees.values->data;
  guint n_values = self->trees.n_values;
  guint d = orchard_model_get_n_features (model);
  int n_threads = n_rows >= 4 * ORCHARD_MODEL_CHUNK ? (int) orchard_get_threads () : 1;

  if (orchard_model_is_cancelled (cancellable, error))
    return FALSE;

#pragma omp parallel for num_threads (n_threads) schedule (static)
  for (gsize i = 0; i < n_rows; i++)
    {
      guint32 leaf = orchard_trees_find_leaf (tree, X + i * d);

      memcpy (out + i * n_values, values + (gsize) leaf * n_values, n_values * sizeof (double));
    }

  return TRUE;
}

static double *
orchard_decision_tree_get_feature_importance (OrchardModel  *model,
                                              GError       **error)
{
  OrchardDecisionTree *self = ORCHARD_DECISION_TREE (model);
  guint d = orchard_model_get_n_features (model);
  double *importance = orchard_trees_importance (&self->trees, d, 0, 1, TRUE);
  double total = 0;

  for (guint j = 0; j < d; j++)
    total += importance[j];
  if (total > 0)
    for (guint j = 0; j < d; j++)
      importance[j] /= total;

  return importance;
}

static GVariant *
orchard_decision_tree_save_state (OrchardModel *model)
{
  OrchardDecisionTree *self = ORCHARD_DECISION_TREE (model);
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  orchard_trees_save (&self->trees, &builder);
  g_variant_builder_add (&builder, "{sv}", "depth", g_variant_new_uint32 (self->depth));

  return g_variant_builder_end (&builder);
}

static gboolean
orchard_decision_tree_load_state (OrchardModel  *model,
                                  guint          version,
                                  GVariant      *state,
                                  GError       **error)
{
  OrchardDecisionTree *self = ORCHARD_DECISION_TREE (model);
  OrchardTask task = orchard_model_get_task (model);
  guint n_values = task == ORCHARD_TASK_REGRESSION ? 1 : orchard_model_get_n_classes (model);
  guint32 depth;

  orchard_decision_tree_reset (model);

  if (!orchard_state_get_uint (state, "depth", &depth, error) ||
      !orchard_trees_load (&self->trees, state, orchard_model_get_n_features (model), n_values,
                           error))
    return FALSE;

  if (orchard_trees_get_n_trees (&self->trees) != 1)
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_PARSE,
                   _("The state of a “tree” model holds %u trees, not one"),
                   orchard_trees_get_n_trees (&self->trees));
      return FALSE;
    }
  if (task != ORCHARD_TASK_REGRESSION &&
      !orchard_state_check_doubles ((const double *) self->trees.values->data,
                                    self->trees.values->len, "leaf-values", 0.0, 1.0, error))
    return FALSE;

  self->depth = depth;
  return TRUE;
}

static void
orchard_decision_tree_finalize (GObject *object)
{
  OrchardDecisionTree *self = ORCHARD_DECISION_TREE (object);

  orchard_trees_clear (&self->trees);
  g_clear_pointer (&self->max_features, g_free);

  G_OBJECT_CLASS (orchard_decision_tree_parent_class)->finalize (object);
}

static void
orchard_decision_tree_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  OrchardDecisionTree *self = ORCHARD_DECISION_TREE (object);

  switch (prop_id)
    {
    case PROP_CRITERION:
      g_value_set_enum (value, self->criterion);
      break;
    case PROP_MAX_DEPTH:
      g_value_set_uint (value, self->max_depth);
      break;
    case PROP_MIN_SAMPLES_SPLIT:
      g_value_set_uint (value, self->min_samples_split);
      break;
    case PROP_MIN_SAMPLES_LEAF:
      g_value_set_uint (value, self->min_samples_leaf);
      break;
    case PROP_MIN_IMPURITY_DECREASE:
      g_value_set_double (value, self->min_impurity_decrease);
      break;
    case PROP_MAX_FEATURES:
      g_value_set_string (value, self->max_features);
      break;
    case PROP_CLASS_WEIGHT:
      g_value_set_enum (value, self->class_weight);
      break;
    case PROP_SEED:
      g_value_set_uint (value, self->seed);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

#define SET_FIELD(field, value) \
  G_STMT_START { \
    if (self->field != (value)) \
      { \
        self->field = (value); \
        g_object_notify_by_pspec (object, pspec); \
      } \
  } G_STMT_END

static void
orchard_decision_tree_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  OrchardDecisionTree *self = ORCHARD_DECISION_TREE (object);

  switch (prop_id)
    {
    case PROP_CRITERION:
      SET_FIELD (criterion, (OrchardTreeCriterion) g_value_get_enum (value));
      break;
    case PROP_MAX_DEPTH:
      SET_FIELD (max_depth, g_value_get_uint (value));
      break;
    case PROP_MIN_SAMPLES_SPLIT:
      SET_FIELD (min_samples_split, g_value_get_uint (value));
      break;
    case PROP_MIN_SAMPLES_LEAF:
      SET_FIELD (min_samples_leaf, g_value_get_uint (value));
      break;
    case PROP_MIN_IMPURITY_DECREASE:
      SET_FIELD (min_impurity_decrease, g_value_get_double (value));
      break;
    case PROP_MAX_FEATURES:
      if (g_strcmp0 (self->max_features, g_value_get_string (value)) != 0)
        {
          g_free (self->max_features);
          self->max_features = g_value_dup_string (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_CLASS_WEIGHT:
      SET_FIELD (class_weight, (OrchardClassWeight) g_value_get_enum (value));
      break;
    case PROP_SEED:
      SET_FIELD (seed, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
orchard_decision_tree_class_init (OrchardDecisionTreeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  OrchardModelClass *model_class = ORCHARD_MODEL_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = orchard_decision_tree_finalize;
  object_class->get_property = orchard_decision_tree_get_property;
  object_class->set_property = orchard_decision_tree_set_property;

  model_class->fit = orchard_decision_tree_fit;
  model_class->predict = orchard_decision_tree_predict;
  model_class->get_feature_importance = orchard_decision_tree_get_feature_importance;
  model_class->save_state = orchard_decision_tree_save_state;
  model_class->load_state = orchard_decision_tree_load_state;
  model_class->reset = orchard_decision_tree_reset;
  model_class->check_params = orchard_decision_tree_check_params;

  orchard_model_class_set_metadata (model_class, "tree",
                                    _("Decision tree (CART): readable if-then rules"),
                                    ORCHARD_TASK_FLAGS_ALL, ORCHARD_MODEL_FAMILY_TREES,
                                    STATE_VERSION);

  properties[PROP_CRITERION] =
    g_param_spec_enum ("criterion",
                       _("Criterion"),
                       _("What a split lowers: gini or entropy for classification, "
                         "squared-error for regression; auto picks gini or squared-error"),
                       ORCHARD_TYPE_TREE_CRITERION, ORCHARD_TREE_CRITERION_AUTO, flags);
  properties[PROP_MAX_DEPTH] =
    g_param_spec_uint ("max-depth",
                       _("Maximum depth"),
                       _("The most splits from the root to a leaf; 0 grows until the "
                         "leaves are pure or too small to split"),
                       0, 10000, 0, flags);
  properties[PROP_MIN_SAMPLES_SPLIT] =
    g_param_spec_uint ("min-samples-split",
                       _("Minimum rows to split"),
                       _("A node with fewer rows becomes a leaf"),
                       2, G_MAXINT, 2, flags);
  properties[PROP_MIN_SAMPLES_LEAF] =
    g_param_spec_uint ("min-samples-leaf",
                       _("Minimum rows per leaf"),
                       _("A split must leave at least this many rows on each side"),
                       1, G_MAXINT, 1, flags);
  properties[PROP_MIN_IMPURITY_DECREASE] =
    g_param_spec_double ("min-impurity-decrease",
                         _("Minimum impurity decrease"),
                         _("A split must lower the impurity, weighted by the node's share of "
                           "the rows, by at least this much"),
                         0.0, G_MAXDOUBLE, 0.0, flags);
  properties[PROP_MAX_FEATURES] =
    g_param_spec_string ("max-features",
                         _("Features per split"),
                         _("How many features each split considers, drawn at random: all, "
                           "sqrt, log2, a number (5) or a fraction (0.3)"),
                         "all", flags);
  properties[PROP_CLASS_WEIGHT] =
    g_param_spec_enum ("class-weight",
                       _("Class weights"),
                       _("balanced weighs every class the same in total; none leaves "
                         "rows as they are (classification only)"),
                       ORCHARD_TYPE_CLASS_WEIGHT, ORCHARD_CLASS_WEIGHT_NONE, flags);
  properties[PROP_SEED] =
    g_param_spec_uint ("seed",
                       _("Seed"),
                       _("Fixes which features each split considers when not all"),
                       0, G_MAXUINT, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
orchard_decision_tree_init (OrchardDecisionTree *self)
{
  self->criterion = ORCHARD_TREE_CRITERION_AUTO;
  self->max_depth = 0;
  self->min_samples_split = 2;
  self->min_samples_leaf = 1;
  self->min_impurity_decrease = 0.0;
  self->max_features = g_strdup ("all");
  self->class_weight = ORCHARD_CLASS_WEIGHT_NONE;
  self->seed = 0;
}

/**
 * orchard_decision_tree_new:
 *
 * Returns: (transfer full): a new decision tree with default parameters
 */
OrchardModel *
orchard_decision_tree_new (void)
{
  return g_object_new (ORCHARD_TYPE_DECISION_TREE, NULL);
}

/**
 * orchard_decision_tree_get_depth:
 * @self: a fitted tree
 *
 * Returns: the depth of the tree (0 for a single leaf)
 */
guint
orchard_decision_tree_get_depth (OrchardDecisionTree *self)
{
  g_return_val_if_fail (ORCHARD_IS_DECISION_TREE (self), 0);
  return self->depth;
}

/**
 * orchard_decision_tree_get_n_leaves:
 * @self: a fitted tree
 *
 * Returns: the number of leaves, 0 if unfitted
 */
guint
orchard_decision_tree_get_n_leaves (OrchardDecisionTree *self)
{
  g_return_val_if_fail (ORCHARD_IS_DECISION_TREE (self), 0);
  return self->trees.values != NULL ? orchard_trees_get_n_leaves (&self->trees) : 0;
}
