/* orchard-random-forest.c
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <float.h>
#include <glib/gi18n-lib.h>
#include <string.h>
#ifdef _OPENMP
#include <omp.h>
#endif

#include "orchard-decision-tree.h"
#include "orchard-error.h"
#include "orchard-random-forest.h"
#include "orchard-rng.h"
#include "orchard-threads.h"
#include "orchard-tree-private.h"

#define STATE_VERSION 1

/* A node this pure is a leaf (scikit-learn's constant). */
#define PURE DBL_EPSILON

/* Rows per block when predicting: each tree is walked for all of them
 * before the next, so that its nodes are read from memory once per block
 * (grown out, a forest is far larger than any cache). */
#define PREDICT_BLOCK 2048

/**
 * OrchardRandomForest:
 *
 * A random forest (`forest`): `n-trees` CART trees, each grown on a
 * bootstrap sample of the rows (`bootstrap`), each split choosing the best
 * threshold of `max-features` features drawn at random, as in Breiman's
 * random forests and scikit-learn's `RandomForestClassifier` /
 * `RandomForestRegressor`. With `extra-trees`, each drawn feature gets one
 * threshold at random between its smallest and largest value in the node
 * (Geurts' extremely randomised trees), and the best of those is taken.
 *
 * The trees split on the quantile bins gbdt uses (at most `max-bins` per
 * feature), not on every distinct value: each split is the best among the
 * bin edges, which on data of any size is where almost all of the time of
 * exact trees goes and almost none of their accuracy. Trees grow depth
 * first until pure, `max-depth` or `min-samples-leaf` (distinct rows per
 * leaf) stop them, by the Gini impurity or the entropy (classification) or
 * the squared error (regression), per `criterion`.
 *
 * Trees grow in parallel, each from its own random stream of `seed`: the
 * forest is the same for any number of threads. Classifiers predict the
 * mean of the trees' leaf class frequencies, regressors the mean of their
 * leaf means. With a bootstrap, every row is predicted by the trees that
 * did not see it, and their accuracy (R² for regression) is the
 * out-of-bag score (orchard_random_forest_get_oob_score()), an estimate of
 * the accuracy on new data that costs no validation rows.
 *
 * Feature importance is the mean over the trees of each tree's share of
 * the weighted impurity decrease per feature (scikit-learn's).
 */
struct _OrchardRandomForest
{
  OrchardModel parent_instance;

  guint                n_trees;
  char                *max_features;
  guint                max_depth;
  guint                min_samples_leaf;
  gboolean             bootstrap;
  OrchardTreeCriterion criterion;
  gboolean             extra_trees;
  guint                max_bins;
  gboolean             oob;
  OrchardClassWeight   class_weight;
  guint                seed;

  /* Fitted */
  OrchardTrees         trees;
  gboolean             has_oob_score;
  double               oob_score;
};

enum {
  PROP_0,
  PROP_N_TREES,
  PROP_MAX_FEATURES,
  PROP_MAX_DEPTH,
  PROP_MIN_SAMPLES_LEAF,
  PROP_BOOTSTRAP,
  PROP_CRITERION,
  PROP_EXTRA_TREES,
  PROP_MAX_BINS,
  PROP_OOB_SCORE,
  PROP_CLASS_WEIGHT,
  PROP_SEED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (OrchardRandomForest, orchard_random_forest, ORCHARD_TYPE_MODEL)

/* Growing one tree ---------------------------------------------------------------- */

/* Per-bin statistics: classification K class weights and a row count;
 * regression Σ w, Σ w y and a row count. */
typedef struct
{
  const OrchardBins    *bins;
  const double         *y;
  const double         *w;
  gboolean              classify;
  guint                 K;
  guint                 S;
  OrchardTreeCriterion  criterion;
  guint                 max_depth;
  guint                 min_samples_leaf;
  guint                 max_features;
  gboolean              extra_trees;
  GCancellable         *cancellable;

  /* Per thread */
  OrchardRng            rng;
  guint32              *counts;
  guint32              *rows;
  guint32              *tmp;
  double               *hist;
  double               *total;
  double               *left;
  double               *best_left;
  guint                *features;

  GArray               *nodes;
  GArray               *gains;
  GArray               *values;
  guint                 n_leaves;
} Builder;

typedef struct
{
  gsize   begin;
  gsize   end;
  guint   depth;
  guint32 node;
} Pending;

/* The weight of the statistics @st. */
static inline double
stat_weight (const Builder *b,
             const double  *st)
{
  double w = 0;

  if (!b->classify)
    return st[0];
  for (guint k = 0; k < b->K; k++)
    w += st[k];
  return w;
}

/* Weight × impurity of a classification node (Gini or entropy). */
static double
class_loss (const Builder *b,
            const double  *st,
            double         w)
{
  double loss = 0;

  if (w <= 0)
    return 0;

  if (b->criterion == ORCHARD_TREE_CRITERION_ENTROPY)
    {
      for (guint k = 0; k < b->K; k++)
        if (st[k] > 0)
          loss -= st[k] * log2 (st[k] / w);
    }
  else
    {
      double sq = 0;

      for (guint k = 0; k < b->K; k++)
        sq += st[k] * st[k];
      loss = w - sq / w;
    }

  return loss;
}

/* What a split is ranked by: minus the weighted impurity of the children
 * (classification), Σ s² / w over them (regression, the same up to a
 * constant). */
static double
impurity (const Builder *b,
          const double  *st,
          double         w)
{
  double imp = 0;

  if (b->criterion == ORCHARD_TREE_CRITERION_ENTROPY)
    {
      for (guint k = 0; k < b->K; k++)
        if (st[k] > 0.0)
          {
            double p = st[k] / w;
            imp -= p * (log (p) / log (2.0));
          }
    }
  else
    {
      double sq = 0;

      for (guint k = 0; k < b->K; k++)
        sq += st[k] * st[k];
      imp = 1.0 - sq / (w * w);
    }

  return imp;
}

/* The decision tree's formulas, so that a forest of one tree on all
 * features and rows ranks splits exactly as the tree does. */
static double
proxy (const Builder *b,
       const double  *left,
       const double  *total)
{
  if (b->classify)
    {
      double right[b->K];
      double wl = stat_weight (b, left), wr;

      for (guint k = 0; k < b->K; k++)
        right[k] = total[k] - left[k];
      wr = stat_weight (b, right);
      return -wr * impurity (b, right, wr) - wl * impurity (b, left, wl);
    }
  else
    {
      double wl = left[0], wr = total[0] - left[0];
      double sl = left[1], sr = total[1] - left[1];

      return sl * sl / wl + sr * sr / wr;
    }
}

static inline void
add_row (const Builder *b,
         double        *st,
         guint32        r)
{
  double w = b->w[r] * b->counts[r];

  if (b->classify)
    st[(gsize) b->y[r]] += w;
  else
    {
      st[0] += w;
      st[1] += w * b->y[r];
    }
  st[b->S - 1] += 1;
}

typedef struct
{
  guint    feature;
  guint    bin;
  double   threshold;
  double   proxy;
} Split;

/* Scans feature @f over the rows of a node: the per-bin statistics of its
 * rows, then each bin edge (or one at random) as a threshold. Returns
 * FALSE when the feature is constant in the node. */
static gboolean
scan_feature (Builder       *b,
              guint          f,
              const Pending *p,
              Split         *best)
{
  const guint8 *codes = b->bins->codes + (gsize) f * b->bins->n_rows;
  guint S = b->S;
  guint64 touched[4] = { 0, 0, 0, 0 };
  guint n_touched = 0, lo = 256, hi = 0;

  for (gsize i = p->begin; i < p->end; i++)
    {
      guint32 r = b->rows[i];
      guint c = codes[r];

      add_row (b, b->hist + (gsize) c * S, r);
      touched[c >> 6] |= G_GUINT64_CONSTANT (1) << (c & 63);
    }

  for (guint word = 0; word < 4; word++)
    if (touched[word] != 0)
      {
        n_touched += __builtin_popcountll (touched[word]);
        lo = MIN (lo, word * 64 + __builtin_ctzll (touched[word]));
        hi = word * 64 + 63 - __builtin_clzll (touched[word]);
      }

  if (n_touched >= 2 && b->extra_trees)
    {
      /* One threshold, uniform between the node's lowest and highest bin. */
      guint t = lo + (guint) orchard_rng_below (&b->rng, hi - lo);

      memset (b->left, 0, S * sizeof (double));
      for (guint c = lo; c <= t; c++)
        if (touched[c >> 6] & (G_GUINT64_CONSTANT (1) << (c & 63)))
          for (guint s = 0; s < S; s++)
            b->left[s] += b->hist[(gsize) c * S + s];

      if (b->left[S - 1] >= b->min_samples_leaf &&
          b->total[S - 1] - b->left[S - 1] >= b->min_samples_leaf)
        {
          double pr = proxy (b, b->left, b->total);

          if (pr > best->proxy)
            {
              best->proxy = pr;
              best->feature = f;
              best->bin = t;
              best->threshold = MIN (orchard_bins_edges (b->bins, f)[t], G_MAXDOUBLE);
              memcpy (b->best_left, b->left, S * sizeof (double));
            }
        }
    }
  else if (n_touched >= 2)
    {
      /* Every edge between two bins with rows, upwards; the first best wins. */
      memset (b->left, 0, S * sizeof (double));
      for (guint word = 0; word < 4; word++)
        {
          guint64 bits = touched[word];

          while (bits != 0)
            {
              guint c = word * 64 + __builtin_ctzll (bits);
              double pr;

              bits &= bits - 1;
              if (c == hi)
                break;
              for (guint s = 0; s < S; s++)
                b->left[s] += b->hist[(gsize) c * S + s];
              if (b->left[S - 1] < b->min_samples_leaf ||
                  b->total[S - 1] - b->left[S - 1] < b->min_samples_leaf)
                continue;

              pr = proxy (b, b->left, b->total);
              if (pr > best->proxy)
                {
                  /* Halfway between the highest value of the left bin and
                   * the lowest of the next bin with rows here: on bins of
                   * single values, the decision tree's threshold. */
                  guint next = bits != 0 ? word * 64 + __builtin_ctzll (bits) : hi;
                  double lo_v = b->bins->highest[(gsize) f * 256 + c];
                  double hi_v = b->bins->lowest[(gsize) f * 256 + next];
                  double threshold = lo_v / 2.0 + hi_v / 2.0;

                  for (guint w2 = word + 1; bits == 0 && w2 < 4; w2++)
                    if (touched[w2] != 0)
                      {
                        next = w2 * 64 + __builtin_ctzll (touched[w2]);
                        hi_v = b->bins->lowest[(gsize) f * 256 + next];
                        threshold = lo_v / 2.0 + hi_v / 2.0;
                        break;
                      }
                  if (threshold == hi_v || isinf (threshold))
                    threshold = lo_v;

                  best->proxy = pr;
                  best->feature = f;
                  best->bin = c;
                  best->threshold = threshold;
                  memcpy (b->best_left, b->left, S * sizeof (double));
                }
            }
        }
    }

  /* Clear the bins this node touched. */
  for (guint word = 0; word < 4; word++)
    {
      guint64 bits = touched[word];

      while (bits != 0)
        {
          guint c = word * 64 + __builtin_ctzll (bits);

          bits &= bits - 1;
          memset (b->hist + (gsize) c * S, 0, S * sizeof (double));
        }
    }

  return n_touched >= 2;
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
make_leaf (Builder *b,
           guint32  index)
{
  OrchardNode *node = &g_array_index (b->nodes, OrchardNode, index);
  double w = stat_weight (b, b->total);

  node->feature = ORCHARD_NODE_LEAF;
  node->next = b->n_leaves++;
  if (b->classify)
    for (guint k = 0; k < b->K; k++)
      {
        double v = w > 0 ? b->total[k] / w : 1.0 / b->K;
        g_array_append_val (b->values, v);
      }
  else
    {
      double v = w > 0 ? b->total[1] / w : 0.0;
      g_array_append_val (b->values, v);
    }
}

/* Grows tree @t: bootstrap counts from its stream, then depth first. */
static gboolean
grow_tree (Builder *b,
           guint64  seed,
           guint    t,
           gboolean bootstrap)
{
  const OrchardBins *bins = b->bins;
  gsize n = bins->n_rows, m = 0;
  guint d = bins->n_features;
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (Pending));
  Pending root;

  g_array_set_size (b->nodes, 0);
  g_array_set_size (b->gains, 0);
  g_array_set_size (b->values, 0);
  b->n_leaves = 0;

  orchard_rng_init_stream (&b->rng, seed, t);
  if (bootstrap)
    {
      memset (b->counts, 0, n * sizeof (guint32));
      for (gsize i = 0; i < n; i++)
        b->counts[orchard_rng_below (&b->rng, n)]++;
    }
  else
    for (gsize i = 0; i < n; i++)
      b->counts[i] = 1;

  for (gsize i = 0; i < n; i++)
    if (b->counts[i] > 0 && b->w[i] > 0)
      b->rows[m++] = (guint32) i;

  root = (Pending) { 0, m, 0, add_node (b) };
  g_array_append_val (stack, root);

  while (stack->len > 0)
    {
      Pending p = g_array_index (stack, Pending, stack->len - 1);
      gsize n_rows = p.end - p.begin;
      Split best = { 0, 0, 0.0, -INFINITY };
      double w, sq = 0, node_impurity;
      gboolean leaf;

      g_array_set_size (stack, stack->len - 1);
      if (g_cancellable_is_cancelled (b->cancellable))
        return FALSE;

      memset (b->total, 0, b->S * sizeof (double));
      for (gsize i = p.begin; i < p.end; i++)
        {
          guint32 r = b->rows[i];

          add_row (b, b->total, r);
          if (!b->classify)
            sq += b->w[r] * b->counts[r] * b->y[r] * b->y[r];
        }
      w = stat_weight (b, b->total);
      node_impurity = b->classify ? impurity (b, b->total, w)
                                  : sq / w - (b->total[1] / w) * (b->total[1] / w);

      leaf = (b->max_depth > 0 && p.depth >= b->max_depth) || n_rows < 2 ||
             n_rows < 2 * (gsize) b->min_samples_leaf || node_impurity <= PURE;

      if (!leaf)
        {
          guint n_drawn = 0, n_visited = 0;

          /* max_features non-constant features, drawn without replacement;
           * all of them in order, as the decision tree takes them. */
          for (guint f = 0; f < d; f++)
            b->features[f] = f;
          while (n_drawn < d && n_visited < b->max_features)
            {
              guint pick = b->max_features >= d ? n_drawn
                           : n_drawn + (guint) orchard_rng_below (&b->rng, d - n_drawn);
              guint f = b->features[pick];

              b->features[pick] = b->features[n_drawn];
              b->features[n_drawn++] = f;
              if (bins->n_bins[f] >= 2 && scan_feature (b, f, &p, &best))
                n_visited++;
            }
          leaf = best.proxy == -INFINITY;
        }

      if (leaf)
        {
          make_leaf (b, p.node);
          continue;
        }

      /* Split: stable partition on the chosen bin. */
      {
        const guint8 *codes = bins->codes + (gsize) best.feature * n;
        guint32 children = add_node (b);
        gsize l = p.begin, r = 0;
        double wl = stat_weight (b, b->best_left), wr = w - wl, gain;
        OrchardNode *node;
        Pending left, right;

        add_node (b);
        for (gsize i = p.begin; i < p.end; i++)
          {
            guint32 row = b->rows[i];

            if (codes[row] <= best.bin)
              b->rows[l++] = row;
            else
              b->tmp[r++] = row;
          }
        memcpy (b->rows + l, b->tmp, r * sizeof (guint32));

        if (b->classify)
          {
            double right_st[b->K];

            for (guint k = 0; k < b->K; k++)
              right_st[k] = b->total[k] - b->best_left[k];
            gain = class_loss (b, b->total, w) - class_loss (b, b->best_left, wl) -
                   class_loss (b, right_st, wr);
          }
        else
          {
            double sl = b->best_left[1], sr = b->total[1] - sl;

            gain = sl * sl / wl + sr * sr / wr - b->total[1] * b->total[1] / w;
          }

        node = &g_array_index (b->nodes, OrchardNode, p.node);
        node->feature = best.feature;
        node->threshold = best.threshold;
        node->next = children;
        g_array_index (b->gains, double, p.node) = MAX (gain, 0.0);

        left = (Pending) { p.begin, l, p.depth + 1, children };
        right = (Pending) { l, p.end, p.depth + 1, children + 1 };
        g_array_append_val (stack, right);
        g_array_append_val (stack, left);
      }
    }

  return TRUE;
}

/* Fitting --------------------------------------------------------------------------- */

typedef struct
{
  GArray *nodes;
  GArray *gains;
  GArray *values;
  guint   n_leaves;
} GrownTree;

static void
grown_tree_clear (GrownTree *tree)
{
  g_clear_pointer (&tree->nodes, g_array_unref);
  g_clear_pointer (&tree->gains, g_array_unref);
  g_clear_pointer (&tree->values, g_array_unref);
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
orchard_random_forest_reset (OrchardModel *model)
{
  OrchardRandomForest *self = ORCHARD_RANDOM_FOREST (model);

  orchard_trees_clear (&self->trees);
  self->has_oob_score = FALSE;
  self->oob_score = 0;
}

static gboolean
orchard_random_forest_check_params (OrchardModel  *model,
                                    GError       **error)
{
  OrchardRandomForest *self = ORCHARD_RANDOM_FOREST (model);
  double fraction;
  guint count;

  return orchard_max_features_parse (self->max_features, &fraction, &count, error);
}

/* The out-of-bag score: every row predicted by the trees whose bootstrap
 * left it out (drawn again from their streams), trees added in order. */
static void
compute_oob (OrchardRandomForest *self,
             OrchardFitData      *data,
             int                  n_threads)
{
  gsize n = data->n_rows;
  guint d = data->n_features, V = self->trees.n_values;
  guint n_trees = orchard_trees_get_n_trees (&self->trees);
  g_autofree double *sums = g_new0 (double, n * V);
  g_autofree guint32 *counts = g_new (guint32, n);
  g_autofree guint32 *n_votes = g_new0 (guint32, n);
  const double *values = (const double *) self->trees.values->data;
  gsize n_scored = 0, correct = 0;
  double mean = 0, ss_res = 0, ss_tot = 0;

  for (guint t = 0; t < n_trees; t++)
    {
      const OrchardNode *tree = orchard_trees_get_tree (&self->trees, t);
      OrchardRng rng;

      orchard_rng_init_stream (&rng, self->seed, t);
      memset (counts, 0, n * sizeof (guint32));
      for (gsize i = 0; i < n; i++)
        counts[orchard_rng_below (&rng, n)]++;

#pragma omp parallel for num_threads (n > 4 * ORCHARD_MODEL_CHUNK ? n_threads : 1) schedule (static)
      for (gsize i = 0; i < n; i++)
        if (counts[i] == 0)
          {
            const double *v = values + (gsize) orchard_trees_find_leaf (tree, data->X + i * d) * V;

            for (guint k = 0; k < V; k++)
              sums[i * V + k] += v[k];
            n_votes[i]++;
          }
    }

  for (gsize i = 0; i < n; i++)
    if (n_votes[i] > 0)
      {
        n_scored++;
        mean += data->y[i];
      }
  self->has_oob_score = n_scored > 0;
  if (n_scored == 0)
    return;
  mean /= n_scored;

  for (gsize i = 0; i < n; i++)
    {
      if (n_votes[i] == 0)
        continue;
      if (data->task == ORCHARD_TASK_REGRESSION)
        {
          double p = sums[i] / n_votes[i];

          ss_res += (data->y[i] - p) * (data->y[i] - p);
          ss_tot += (data->y[i] - mean) * (data->y[i] - mean);
        }
      else
        {
          guint best = 0;

          for (guint k = 1; k < V; k++)
            if (sums[i * V + k] > sums[i * V + best])
              best = k;
          correct += best == (guint) data->y[i];
        }
    }

  if (data->task == ORCHARD_TASK_REGRESSION)
    {
      self->has_oob_score = ss_tot > 0;
      self->oob_score = ss_tot > 0 ? 1.0 - ss_res / ss_tot : 0.0;
    }
  else
    self->oob_score = (double) correct / n_scored;
}

static gboolean
orchard_random_forest_fit (OrchardModel    *model,
                           OrchardFitData  *data,
                           GError         **error)
{
  OrchardRandomForest *self = ORCHARD_RANDOM_FOREST (model);
  gsize n = data->n_rows;
  guint d = data->n_features;
  gboolean classify = data->task != ORCHARD_TASK_REGRESSION;
  OrchardTreeCriterion criterion = resolve_criterion (self->criterion, data->task);
  g_autofree double *w = g_new (double, n);
  g_autofree double *class_weights = NULL;
  g_autoptr(OrchardBins) bins = NULL;
  g_autofree GrownTree *grown = g_new0 (GrownTree, self->n_trees);
  int n_threads = (int) MIN (orchard_get_threads (), self->n_trees);
  guint mtry = orchard_max_features_count (self->max_features, d, !classify);
  guint K = classify ? data->n_classes : 1;
  gint n_done = 0;
  gboolean cancelled = FALSE;
  double total = 0;

  if (classify != (criterion != ORCHARD_TREE_CRITERION_SQUARED_ERROR))
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                   classify ? _("Criterion “squared-error” of learner “forest” is for regression; "
                                "a classification forest uses “gini” or “entropy”")
                            : _("Criteria “gini” and “entropy” of learner “forest” are for "
                                "classification; a regression forest uses “squared-error”"));
      return FALSE;
    }

  class_weights = orchard_class_weights (classify ? self->class_weight : ORCHARD_CLASS_WEIGHT_NONE,
                                         data->y, n, MAX (data->n_classes, 1));
  for (gsize i = 0; i < n; i++)
    {
      w[i] = data->weights[i] * (classify ? class_weights[(gsize) data->y[i]] : 1.0);
      total += w[i];
    }
  if (!(total > 0))
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                   _("The training rows have no weight"));
      return FALSE;
    }

  orchard_fit_data_progress (data, 0.0, _("Binning the features"));
  bins = orchard_bins_new (data->X, n, d, self->max_bins, self->seed, ORCHARD_BINS_RANGES);
  orchard_fit_data_progress (data, 0.0, _("Growing the trees"));

#pragma omp parallel num_threads (n_threads)
  {
    Builder b = { 0 };
    g_autofree guint32 *counts = g_new (guint32, n);
    g_autofree guint32 *rows = g_new (guint32, n);
    g_autofree guint32 *tmp = g_new (guint32, n);
    g_autofree guint *features = g_new (guint, d);
    g_autofree double *hist = NULL, *stats = NULL;

    b.bins = bins;
    b.y = data->y;
    b.w = w;
    b.classify = classify;
    b.K = K;
    b.S = classify ? K + 1 : 3;
    b.criterion = criterion;
    b.max_depth = self->max_depth;
    b.min_samples_leaf = self->min_samples_leaf;
    b.max_features = mtry;
    b.extra_trees = self->extra_trees;
    b.cancellable = data->cancellable;
    b.counts = counts;
    b.rows = rows;
    b.tmp = tmp;
    b.features = features;
    b.hist = hist = g_new0 (double, 256 * (gsize) b.S);
    stats = g_new0 (double, 3 * (gsize) b.S);
    b.total = stats;
    b.left = stats + b.S;
    b.best_left = stats + 2 * b.S;

#pragma omp for schedule (dynamic, 1)
    for (guint t = 0; t < self->n_trees; t++)
      {
        if (g_atomic_int_get (&cancelled))
          continue;

        b.nodes = g_array_new (FALSE, FALSE, sizeof (OrchardNode));
        b.gains = g_array_new (FALSE, FALSE, sizeof (double));
        b.values = g_array_new (FALSE, FALSE, sizeof (double));
        if (!grow_tree (&b, self->seed, t, self->bootstrap))
          g_atomic_int_set (&cancelled, TRUE);

        grown[t].nodes = g_steal_pointer (&b.nodes);
        grown[t].gains = g_steal_pointer (&b.gains);
        grown[t].values = g_steal_pointer (&b.values);
        grown[t].n_leaves = b.n_leaves;
        g_atomic_int_inc (&n_done);

#ifdef _OPENMP
        if (omp_get_thread_num () == 0)
#endif
          orchard_fit_data_progress (data, 0.95 * g_atomic_int_get (&n_done) / self->n_trees, NULL);
      }
  }

  if (cancelled || orchard_fit_data_is_cancelled (data, error))
    {
      for (guint t = 0; t < self->n_trees; t++)
        grown_tree_clear (&grown[t]);
      orchard_fit_data_is_cancelled (data, error);
      return FALSE;
    }

  orchard_trees_clear (&self->trees);
  orchard_trees_init (&self->trees, K);
  for (guint t = 0; t < self->n_trees; t++)
    {
      orchard_trees_append (&self->trees, (const OrchardNode *) grown[t].nodes->data,
                            (const double *) grown[t].gains->data, grown[t].nodes->len,
                            (const double *) grown[t].values->data, grown[t].n_leaves);
      grown_tree_clear (&grown[t]);
    }

  self->has_oob_score = FALSE;
  if (self->bootstrap && self->oob)
    {
      orchard_fit_data_progress (data, 0.95, _("Scoring the out-of-bag rows"));
      compute_oob (self, data, (int) orchard_get_threads ());
    }

  return TRUE;
}

/* Prediction -------------------------------------------------------------------------- */

static gboolean
orchard_random_forest_predict (OrchardModel  *model,
                               const double  *X,
                               gsize          n_rows,
                               double        *out,
                               GCancellable  *cancellable,
                               GError       **error)
{
  OrchardRandomForest *self = ORCHARD_RANDOM_FOREST (model);
  guint V = self->trees.n_values, d = orchard_model_get_n_features (model);
  guint n_trees = orchard_trees_get_n_trees (&self->trees);
  const double *values = (const double *) self->trees.values->data;
  gsize n_blocks = (n_rows + PREDICT_BLOCK - 1) / PREDICT_BLOCK;
  int n_threads = n_blocks > 1 ? (int) orchard_get_threads () : 1;
  gboolean cancelled = FALSE;

#pragma omp parallel for num_threads (n_threads) schedule (dynamic, 4)
  for (gsize blk = 0; blk < n_blocks; blk++)
    {
      gsize start = blk * PREDICT_BLOCK, end = MIN (start + PREDICT_BLOCK, n_rows);

      if (g_atomic_int_get (&cancelled) || g_cancellable_is_cancelled (cancellable))
        {
          g_atomic_int_set (&cancelled, TRUE);
          continue;
        }

      memset (out + start * V, 0, (end - start) * V * sizeof (double));
      for (guint t = 0; t < n_trees; t++)
        {
          const OrchardNode *tree = orchard_trees_get_tree (&self->trees, t);

          for (gsize i = start; i < end; i += ORCHARD_TREES_LANES)
            {
              guint lanes = (guint) MIN (ORCHARD_TREES_LANES, end - i);
              guint32 leaves[ORCHARD_TREES_LANES];

              orchard_trees_find_leaves (tree, X + i * d, d, lanes, leaves);
              for (guint j = 0; j < lanes; j++)
                for (guint k = 0; k < V; k++)
                  out[(i + j) * V + k] += values[(gsize) leaves[j] * V + k];
            }
        }
      for (gsize i = start * V; i < end * V; i++)
        out[i] /= n_trees;
    }

  if (cancelled)
    return !orchard_model_is_cancelled (cancellable, error);

  return TRUE;
}

static double *
orchard_random_forest_get_feature_importance (OrchardModel  *model,
                                              GError       **error)
{
  OrchardRandomForest *self = ORCHARD_RANDOM_FOREST (model);
  guint d = orchard_model_get_n_features (model);
  guint n_trees = orchard_trees_get_n_trees (&self->trees);
  double *importance = g_new0 (double, d);

  for (guint t = 0; t < n_trees; t++)
    {
      g_autofree double *tree = orchard_trees_importance (&self->trees, d, t, 1, TRUE);
      double total = 0;

      for (guint j = 0; j < d; j++)
        total += tree[j];
      if (total > 0)
        for (guint j = 0; j < d; j++)
          importance[j] += tree[j] / total / n_trees;
    }

  return importance;
}

static GVariant *
orchard_random_forest_save_state (OrchardModel *model)
{
  OrchardRandomForest *self = ORCHARD_RANDOM_FOREST (model);
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  orchard_trees_save (&self->trees, &builder);
  g_variant_builder_add (&builder, "{sv}", "has-oob-score",
                         g_variant_new_boolean (self->has_oob_score));
  g_variant_builder_add (&builder, "{sv}", "oob-score", g_variant_new_double (self->oob_score));

  return g_variant_builder_end (&builder);
}

static gboolean
orchard_random_forest_load_state (OrchardModel  *model,
                                  guint          version,
                                  GVariant      *state,
                                  GError       **error)
{
  OrchardRandomForest *self = ORCHARD_RANDOM_FOREST (model);
  OrchardTask task = orchard_model_get_task (model);
  guint V = task == ORCHARD_TASK_REGRESSION ? 1 : orchard_model_get_n_classes (model);
  gboolean has_oob;
  double oob;

  orchard_random_forest_reset (model);

  if (!orchard_state_get_boolean (state, "has-oob-score", &has_oob, error) ||
      !orchard_state_get_double (state, "oob-score", &oob, error) ||
      !orchard_trees_load (&self->trees, state, orchard_model_get_n_features (model), V, error))
    return FALSE;

  if (task != ORCHARD_TASK_REGRESSION &&
      !orchard_state_check_doubles ((const double *) self->trees.values->data,
                                    self->trees.values->len, "leaf-values", 0.0, 1.0, error))
    {
      orchard_random_forest_reset (model);
      return FALSE;
    }

  self->has_oob_score = has_oob;
  self->oob_score = oob;
  return TRUE;
}

/* GObject ------------------------------------------------------------------------------- */

static void
orchard_random_forest_finalize (GObject *object)
{
  OrchardRandomForest *self = ORCHARD_RANDOM_FOREST (object);

  orchard_trees_clear (&self->trees);
  g_clear_pointer (&self->max_features, g_free);

  G_OBJECT_CLASS (orchard_random_forest_parent_class)->finalize (object);
}

static void
orchard_random_forest_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  OrchardRandomForest *self = ORCHARD_RANDOM_FOREST (object);

  switch (prop_id)
    {
    case PROP_N_TREES:
      g_value_set_uint (value, self->n_trees);
      break;
    case PROP_MAX_FEATURES:
      g_value_set_string (value, self->max_features);
      break;
    case PROP_MAX_DEPTH:
      g_value_set_uint (value, self->max_depth);
      break;
    case PROP_MIN_SAMPLES_LEAF:
      g_value_set_uint (value, self->min_samples_leaf);
      break;
    case PROP_BOOTSTRAP:
      g_value_set_boolean (value, self->bootstrap);
      break;
    case PROP_CRITERION:
      g_value_set_enum (value, self->criterion);
      break;
    case PROP_EXTRA_TREES:
      g_value_set_boolean (value, self->extra_trees);
      break;
    case PROP_MAX_BINS:
      g_value_set_uint (value, self->max_bins);
      break;
    case PROP_OOB_SCORE:
      g_value_set_boolean (value, self->oob);
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
orchard_random_forest_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  OrchardRandomForest *self = ORCHARD_RANDOM_FOREST (object);

  switch (prop_id)
    {
    case PROP_N_TREES:
      SET_FIELD (n_trees, g_value_get_uint (value));
      break;
    case PROP_MAX_FEATURES:
      if (g_strcmp0 (self->max_features, g_value_get_string (value)) != 0)
        {
          g_free (self->max_features);
          self->max_features = g_value_dup_string (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_MAX_DEPTH:
      SET_FIELD (max_depth, g_value_get_uint (value));
      break;
    case PROP_MIN_SAMPLES_LEAF:
      SET_FIELD (min_samples_leaf, g_value_get_uint (value));
      break;
    case PROP_BOOTSTRAP:
      SET_FIELD (bootstrap, g_value_get_boolean (value));
      break;
    case PROP_CRITERION:
      SET_FIELD (criterion, (OrchardTreeCriterion) g_value_get_enum (value));
      break;
    case PROP_EXTRA_TREES:
      SET_FIELD (extra_trees, g_value_get_boolean (value));
      break;
    case PROP_MAX_BINS:
      SET_FIELD (max_bins, g_value_get_uint (value));
      break;
    case PROP_OOB_SCORE:
      SET_FIELD (oob, g_value_get_boolean (value));
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
orchard_random_forest_class_init (OrchardRandomForestClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  OrchardModelClass *model_class = ORCHARD_MODEL_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = orchard_random_forest_finalize;
  object_class->get_property = orchard_random_forest_get_property;
  object_class->set_property = orchard_random_forest_set_property;

  model_class->fit = orchard_random_forest_fit;
  model_class->predict = orchard_random_forest_predict;
  model_class->get_feature_importance = orchard_random_forest_get_feature_importance;
  model_class->save_state = orchard_random_forest_save_state;
  model_class->load_state = orchard_random_forest_load_state;
  model_class->reset = orchard_random_forest_reset;
  model_class->check_params = orchard_random_forest_check_params;

  orchard_model_class_set_metadata (model_class, "forest",
                                    _("Random forest: many decorrelated trees, averaged"),
                                    ORCHARD_TASK_FLAGS_ALL, ORCHARD_MODEL_FAMILY_TREES,
                                    STATE_VERSION);

  properties[PROP_N_TREES] =
    g_param_spec_uint ("n-trees",
                       _("Trees"),
                       _("The number of trees averaged"),
                       1, 100000, 100, flags);
  properties[PROP_MAX_FEATURES] =
    g_param_spec_string ("max-features",
                         _("Features per split"),
                         _("How many features each split considers, drawn at random: auto "
                           "(sqrt for classification, a third for regression), sqrt, log2, all, "
                           "a number (5) or a fraction (0.3)"),
                         "auto", flags);
  properties[PROP_MAX_DEPTH] =
    g_param_spec_uint ("max-depth",
                       _("Maximum depth"),
                       _("The most splits from the root to a leaf; 0 grows until the leaves "
                         "are pure or too small to split"),
                       0, 10000, 0, flags);
  properties[PROP_MIN_SAMPLES_LEAF] =
    g_param_spec_uint ("min-samples-leaf",
                       _("Minimum rows per leaf"),
                       _("A split must leave at least this many distinct rows on each side"),
                       1, G_MAXINT, 1, flags);
  properties[PROP_BOOTSTRAP] =
    g_param_spec_boolean ("bootstrap",
                          _("Bootstrap"),
                          _("Grow each tree on rows drawn with replacement (else on all rows); "
                            "needed for the out-of-bag score"),
                          TRUE, flags);
  properties[PROP_CRITERION] =
    g_param_spec_enum ("criterion",
                       _("Criterion"),
                       _("What a split lowers: gini or entropy for classification, "
                         "squared-error for regression; auto picks gini or squared-error"),
                       ORCHARD_TYPE_TREE_CRITERION, ORCHARD_TREE_CRITERION_AUTO, flags);
  properties[PROP_EXTRA_TREES] =
    g_param_spec_boolean ("extra-trees",
                          _("Extremely randomised"),
                          _("Give each feature one random threshold per split (extra trees): "
                            "faster, smoother, often as accurate"),
                          FALSE, flags);
  properties[PROP_MAX_BINS] =
    g_param_spec_uint ("max-bins",
                       _("Bins per feature"),
                       _("Thresholds are chosen among the edges of this many bins of about "
                         "equal size"),
                       2, 255, 255, flags);
  properties[PROP_OOB_SCORE] =
    g_param_spec_boolean ("oob-score",
                          _("Out-of-bag score"),
                          _("With a bootstrap, score each row by the trees that did not see "
                            "it: an estimate of the accuracy on new data"),
                          TRUE, flags);
  properties[PROP_CLASS_WEIGHT] =
    g_param_spec_enum ("class-weight",
                       _("Class weights"),
                       _("balanced weighs every class the same in total; none leaves "
                         "rows as they are (classification only)"),
                       ORCHARD_TYPE_CLASS_WEIGHT, ORCHARD_CLASS_WEIGHT_NONE, flags);
  properties[PROP_SEED] =
    g_param_spec_uint ("seed",
                       _("Seed"),
                       _("Fixes the bootstrap samples and the features each split considers"),
                       0, G_MAXUINT, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
orchard_random_forest_init (OrchardRandomForest *self)
{
  self->n_trees = 100;
  self->max_features = g_strdup ("auto");
  self->max_depth = 0;
  self->min_samples_leaf = 1;
  self->bootstrap = TRUE;
  self->criterion = ORCHARD_TREE_CRITERION_AUTO;
  self->extra_trees = FALSE;
  self->max_bins = 255;
  self->oob = TRUE;
  self->class_weight = ORCHARD_CLASS_WEIGHT_NONE;
  self->seed = 0;
}

/**
 * orchard_random_forest_new:
 *
 * Returns: (transfer full): a new random forest with default parameters
 */
OrchardModel *
orchard_random_forest_new (void)
{
  return g_object_new (ORCHARD_TYPE_RANDOM_FOREST, NULL);
}

/**
 * orchard_random_forest_get_oob_score:
 * @self: a fitted forest
 * @score: (out): return location for the out-of-bag accuracy (R² for
 *   regression)
 *
 * Returns: %FALSE when the forest has no out-of-bag score (no bootstrap,
 *   `oob-score` off, or no row left out of every tree)
 */
gboolean
orchard_random_forest_get_oob_score (OrchardRandomForest *self,
                                     double              *score)
{
  g_return_val_if_fail (ORCHARD_IS_RANDOM_FOREST (self), FALSE);
  g_return_val_if_fail (score != NULL, FALSE);

  *score = self->oob_score;
  return self->has_oob_score;
}
