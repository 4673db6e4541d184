/* orchard-gbdt.c
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <float.h>
#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>
#ifdef _OPENMP
#include <omp.h>
#endif

#include "orchard-error.h"
#include "orchard-gbdt.h"
#include "orchard-grower-private.h"
#include "orchard-rng.h"
#include "orchard-threads.h"

#define STATE_VERSION 1

/* Rows per block when predicting: a tree's nodes stay in cache while it
 * is walked for every row of the block. */
#define PREDICT_BLOCK 128

/* Probabilities are clipped here before a log is taken; hessians are kept
 * above this so that a leaf value is always finite. */
#define LOG_EPSILON 1e-15
#define MIN_HESSIAN 1e-16

/* Probabilities multiplied before one log is taken: 16 of at least 1e-15
 * stay far above the smallest double. */
#define LOG_BATCH 16

/* Early stopping counts an improvement smaller than this as none
 * (scikit-learn's tol). */
#define EARLY_STOP_TOL 1e-7

/* The share of residuals inside the Huber loss's quadratic zone. */
#define HUBER_QUANTILE 0.9

/**
 * OrchardGbdt:
 *
 * Gradient-boosted decision trees on histograms (`gbdt`), in the manner of
 * LightGBM and scikit-learn's `HistGradientBoosting*`: binary log loss,
 * multiclass softmax (one tree per class and iteration), and regression on
 * squared error, absolute error or Huber loss.
 *
 * Every feature is first quantised into at most `max-bins` bins of about
 * equal counts (computed from 200,000 rows drawn at random when there are
 * more), plus one bin for missing values (NaN): gbdt is the learner that
 * takes missing values as they are. Each tree grows leaf-wise: the leaf
 * whose best split lowers the loss most is split next, until `max-leaves`
 * leaves, `max-depth`, or no split leaves `min-samples-leaf` rows and
 * `min-hessian` hessian on both sides. A split sends missing values to
 * the side that lowers the loss more, learnt from the training rows; a
 * feature without missing training rows sends them where most rows go.
 * Leaf values are Newton steps −G / (H + `l2`), shrunk by `learning-rate`
 * (medians of the residuals for absolute error).
 *
 * `subsample` draws the rows of each iteration, `colsample` the features of
 * each tree, both from `seed`. Training is deterministic for a seed: the
 * threads share out features and rows, never the order of a sum, so one
 * thread or many give the same trees bit for bit.
 *
 * Each iteration is an entry of the learning curve (log loss for
 * classifiers, squared error for regressors, on the training and the
 * validation rows). With `early-stopping`, training stops after `patience`
 * iterations without improving the validation loss (the training loss
 * without validation rows) and keeps the trees of the best iteration.
 *
 * Feature importance: the share of the total loss reduction of the splits
 * on each feature; orchard_gbdt_get_importance() also gives the number of
 * splits.
 */
struct _OrchardGbdt
{
  OrchardModel parent_instance;

  guint              n_trees;
  double             learning_rate;
  guint              max_leaves;
  guint              max_depth;
  guint              max_bins;
  guint              min_samples_leaf;
  double             min_hessian;
  double             l2;
  double             subsample;
  double             colsample;
  gboolean           early_stopping;
  guint              patience;
  OrchardClassWeight class_weight;
  OrchardGbdtLoss    loss;
  guint              seed;

  /* Fitted: the raw score of a row is baseline + the sum of its leaves
   * over the trees of its score; tree t adds to score t mod n_scores. */
  OrchardTrees       trees;
  guint              n_scores;
  double            *baseline;
  OrchardGbdtLoss    fitted_loss;

  /* The trees again, for prediction: absolute node indices, leaves that
   * point to themselves (so that every row takes a tree's depth in steps,
   * without a branch), a value per node. */
  OrchardNode       *flat_nodes;
  double            *flat_values;
  guint32           *flat_roots;
  guint32           *flat_depths;
};

enum {
  PROP_0,
  PROP_N_TREES,
  PROP_LEARNING_RATE,
  PROP_MAX_LEAVES,
  PROP_MAX_DEPTH,
  PROP_MAX_BINS,
  PROP_MIN_SAMPLES_LEAF,
  PROP_MIN_HESSIAN,
  PROP_L2,
  PROP_SUBSAMPLE,
  PROP_COLSAMPLE,
  PROP_EARLY_STOPPING,
  PROP_PATIENCE,
  PROP_CLASS_WEIGHT,
  PROP_LOSS,
  PROP_SEED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (OrchardGbdt, orchard_gbdt, ORCHARD_TYPE_MODEL)

G_DEFINE_ENUM_TYPE (OrchardGbdtLoss, orchard_gbdt_loss,
  G_DEFINE_ENUM_VALUE (ORCHARD_GBDT_LOSS_AUTO, "auto"),
  G_DEFINE_ENUM_VALUE (ORCHARD_GBDT_LOSS_LOG_LOSS, "log-loss"),
  G_DEFINE_ENUM_VALUE (ORCHARD_GBDT_LOSS_SQUARED_ERROR, "squared-error"),
  G_DEFINE_ENUM_VALUE (ORCHARD_GBDT_LOSS_ABSOLUTE_ERROR, "absolute-error"),
  G_DEFINE_ENUM_VALUE (ORCHARD_GBDT_LOSS_HUBER, "huber"))

/* Losses ---------------------------------------------------------------------------- */

typedef struct
{
  OrchardGbdt     *self;
  OrchardFitData  *data;
  OrchardGbdtLoss  loss;
  guint            K;
  gsize            n;
  const double    *w;
  int              n_threads;
  double          *scores;
  OrchardGradPair *gradients;
  double          *partial;
  /* Per chunk and score, Σ g and Σ h of the rows; then their totals in
   * root_sums: the sums at the root of the next trees. */
  double          *chunk_sums;
  double          *root_sums;
  double           huber_delta;
} Fit;

/* The weighted median of @values: the value v such that the rows below it
 * weigh less than half and those up to it at least half. Sorts @values (and
 * @weights with them). */
static double
weighted_median (double *values,
                 double *weights,
                 gsize   n)
{
  g_autofree gsize *order = NULL;
  g_autofree double *v = NULL, *w = NULL;
  double total = 0, sum = 0;

  if (n == 0)
    return 0.0;

  order = g_new (gsize, n);
  for (gsize i = 0; i < n; i++)
    order[i] = i;

  /* Insertion into order of value, then index: stable and exact. */
  {
    g_autofree double *key = g_memdup2 (values, n * sizeof (double));
    g_autofree gsize *tmp = g_new (gsize, n);

    /* Merge sort on indices. */
    for (gsize width = 1; width < n; width *= 2)
      {
        for (gsize lo = 0; lo < n; lo += 2 * width)
          {
            gsize mid = MIN (lo + width, n), hi = MIN (lo + 2 * width, n);
            gsize a = lo, b = mid, k = lo;

            while (a < mid && b < hi)
              tmp[k++] = key[order[b]] < key[order[a]] ? order[b++] : order[a++];
            while (a < mid)
              tmp[k++] = order[a++];
            while (b < hi)
              tmp[k++] = order[b++];
          }
        memcpy (order, tmp, n * sizeof (gsize));
      }
  }

  v = g_new (double, n);
  w = g_new (double, n);
  for (gsize i = 0; i < n; i++)
    {
      v[i] = values[order[i]];
      w[i] = weights[order[i]];
      total += w[i];
    }
  memcpy (values, v, n * sizeof (double));
  memcpy (weights, w, n * sizeof (double));

  /* Where the rows below weigh exactly half, the middle of the two values
   * around it: numpy's median for equal weights. */
  for (gsize i = 0; i < n; i++)
    {
      sum += w[i];
      if (sum == 0.5 * total && i + 1 < n)
        return 0.5 * (v[i] + v[i + 1]);
      if (sum >= 0.5 * total)
        return v[i];
    }
  return v[n - 1];
}

/* The @k-th smallest of @v[0 … n-1] (Hoare's selection, middle pivots);
 * reorders @v. */
static double
select_kth (double *v,
            gsize   n,
            gsize   k)
{
  gsize lo = 0, hi = n - 1;

  while (lo < hi)
    {
      double pivot = v[lo + (hi - lo) / 2];
      gsize i = lo, j = hi;

      while (i <= j)
        {
          while (v[i] < pivot)
            i++;
          while (v[j] > pivot)
            j--;
          if (i <= j)
            {
              double t = v[i];

              v[i] = v[j];
              v[j] = t;
              i++;
              if (j == 0)
                break;
              j--;
            }
        }
      if (k <= j)
        hi = j;
      else if (k >= i)
        lo = i;
      else
        break;
    }

  return v[k];
}

/* The binary log loss in vectors of four rows, without a call to exp(): a
 * fifth of a fit was the scalar loop around it. The same operations run
 * two or four rows to an instruction, so every build gives the same
 * values. */
typedef double V4D __attribute__ ((vector_size (32)));
typedef gint64 V4L __attribute__ ((vector_size (32)));

#define V4(x) ((V4D) { (x), (x), (x), (x) })

/* @mask ? @a : @b, lane by lane. */
#define SELECT4(mask, a, b) ((V4D) (((V4L) (a) & (mask)) | ((V4L) (b) & ~(mask))))

/* exp (x) for x ≤ 0, in place, within an ulp of the C library's: x =
 * k ln 2 + r with |r| ≤ ln 2 / 2 (ln 2 split in two so that k ln 2 is
 * exact), e^r by its Taylor polynomial to r¹³, 2^k from the bits of k.
 * Below −708 the result is e^−708, far under anything a probability is
 * clipped to. (Through a pointer: vector arguments would change the
 * calling convention between the clones.) */
static inline void
exp4_nonpositive (V4D *v)
{
  const double shift = 0x1.8p52;
  V4D x = *v, t, k, r, p;

  x = SELECT4 (x < V4 (-708.0), V4 (-708.0), x);
  t = x * V4 (0x1.71547652b82fep0) + V4 (shift);
  k = t - V4 (shift);
  r = x - k * V4 (0x1.62e42feep-1) - k * V4 (0x1.a39ef35793c76p-33);
  p = V4 (1.0 / 6227020800.0);
  p = p * r + V4 (1.0 / 479001600.0);
  p = p * r + V4 (1.0 / 39916800.0);
  p = p * r + V4 (1.0 / 3628800.0);
  p = p * r + V4 (1.0 / 362880.0);
  p = p * r + V4 (1.0 / 40320.0);
  p = p * r + V4 (1.0 / 5040.0);
  p = p * r + V4 (1.0 / 720.0);
  p = p * r + V4 (1.0 / 120.0);
  p = p * r + V4 (1.0 / 24.0);
  p = p * r + V4 (1.0 / 6.0);
  p = p * r + V4 (0.5);
  p = p * r + V4 (1.0);
  p = p * r + V4 (1.0);
  /* t holds k in the low bits of its mantissa: 2^k is (k + 1023) << 52. */
  *v = p * (V4D) (((V4L) t - (V4L) V4 (shift) + 1023) << 52);
}

/* Rows @start … @end - 1 of a binary fit: the probability of each row's
 * class into @p, its gradient and hessian into @gradients when not NULL. */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
__attribute__ ((target_clones ("avx2", "default")))
#endif
static void
logistic_rows (const double    *scores,
               const double    *y,
               const double    *w,
               gsize            start,
               gsize            end,
               double          *p,
               OrchardGradPair *gradients)
{
  for (gsize i = start; i < end; i += 4)
    {
      V4D z = { 0 }, yy = { 0 }, ww = { 0 }, ez, r, q, g, h, prob;
      OrchardGradPair pairs[4];
      guint m = (guint) MIN (4, end - i);

      /* A last partial vector goes through the same operations (and only
       * it copies by the row: a copy of variable size is a slow one). */
      if (m == 4)
        {
          memcpy (&z, scores + i, sizeof z);
          memcpy (&yy, y + i, sizeof yy);
          memcpy (&ww, w + i, sizeof ww);
        }
      else
        for (guint j = 0; j < m; j++)
          {
            z[j] = scores[i + j];
            yy[j] = y[i + j];
            ww[j] = w[i + j];
          }

      /* −|z| */
      ez = (V4D) ((V4L) z | (V4L) V4 (-0.0));
      exp4_nonpositive (&ez);
      r = V4 (1.0) / (V4 (1.0) + ez);
      q = SELECT4 (z >= V4 (0.0), r, ez * r);
      prob = yy * q + (V4 (1.0) - yy) * (V4 (1.0) - q);
      prob = SELECT4 (prob > V4 (LOG_EPSILON), prob, V4 (LOG_EPSILON));
      if (m == 4)
        memcpy (p + (i - start), &prob, sizeof prob);
      else
        for (guint j = 0; j < m; j++)
          p[i - start + j] = prob[j];
      if (gradients == NULL)
        continue;

      g = ww * (q - yy);
      h = q * (V4 (1.0) - q);
      h = ww * SELECT4 (h > V4 (MIN_HESSIAN), h, V4 (MIN_HESSIAN));
      for (guint j = 0; j < 4; j++)
        {
          pairs[j].g = (float) g[j];
          pairs[j].h = (float) h[j];
        }
      if (m == 4)
        memcpy (gradients + i, pairs, sizeof pairs);
      else
        memcpy (gradients + i, pairs, m * sizeof (OrchardGradPair));
    }
}

#undef V4
#undef SELECT4

/* Computes every row's gradients and hessians at the current scores and
 * returns the mean loss there: log loss for classifiers, squared error
 * for regressors (the learning curve's losses), weighted by the sample
 * weights. Sums run over fixed chunks added in order. */
static double
compute_gradients (Fit      *fit,
                   gboolean  with_gradients)
{
  OrchardFitData *data = fit->data;
  gsize n = fit->n, n_chunks = (n + ORCHARD_MODEL_CHUNK - 1) / ORCHARD_MODEL_CHUNK;
  guint K = fit->K;
  double total = 0;

  if (with_gradients && fit->loss == ORCHARD_GBDT_LOSS_HUBER)
    {
      g_autofree double *abs_res = g_new (double, n);

      for (gsize i = 0; i < n; i++)
        abs_res[i] = fabs (data->y[i] - fit->scores[i]);
      fit->huber_delta = select_kth (abs_res, n, (gsize) floor (HUBER_QUANTILE * (n - 1)));
    }

#pragma omp parallel num_threads (fit->n_threads)
  {
    g_autofree double *e = fit->loss == ORCHARD_GBDT_LOSS_LOG_LOSS && K > 1 ? g_new (double, K) : NULL;
    g_autofree double *prob = fit->loss == ORCHARD_GBDT_LOSS_LOG_LOSS && K == 1
                              ? g_new (double, ORCHARD_MODEL_CHUNK) : NULL;

#pragma omp for schedule (dynamic, 8)
    for (gsize c = 0; c < n_chunks; c++)
      {
        gsize end = MIN ((c + 1) * ORCHARD_MODEL_CHUNK, n);
        double sum = 0, product = 1;
        guint in_product = 0;

        /* Without weights, Σ log p is the log of a product, taken every
         * LOG_BATCH rows: the logs were a tenth of the time of a fit. */
#define ADD_LOG_LOSS(p) \
        G_STMT_START { \
          double p_ = MAX ((p), LOG_EPSILON); \
          if (data->weighted) \
            sum -= data->weights[i] * log (p_); \
          else \
            { \
              product *= p_; \
              if (++in_product == LOG_BATCH) \
                { \
                  sum -= log (product); \
                  product = 1; \
                  in_product = 0; \
                } \
            } \
        } G_STMT_END

        /* One loop per loss, without branches on the data: a branch on the
         * sign of a score or on the class is a coin toss for the processor. */
        switch (fit->loss)
          {
          case ORCHARD_GBDT_LOSS_LOG_LOSS:
            if (K == 1)
              {
                gsize start = c * ORCHARD_MODEL_CHUNK;

                logistic_rows (fit->scores, data->y, fit->w, start, end, prob,
                               with_gradients ? fit->gradients : NULL);
                for (gsize i = start; i < end; i++)
                  ADD_LOG_LOSS (prob[i - start]);
              }
            else
              for (gsize i = c * ORCHARD_MODEL_CHUNK; i < end; i++)
                {
                  /* Training scores are class-major: a class's tree
                   * updates its own column. */
                  const double *s = fit->scores + i;
                  double w = fit->w[i], max = s[0], z = 0;
                  guint yk = (guint) data->y[i];

                  for (guint k = 1; k < K; k++)
                    max = MAX (max, s[k * n]);
                  for (guint k = 0; k < K; k++)
                    {
                      e[k] = exp (s[k * n] - max);
                      z += e[k];
                    }
                  ADD_LOG_LOSS (e[yk] / z);
                  if (with_gradients)
                    for (guint k = 0; k < K; k++)
                      {
                        double q = e[k] / z;

                        fit->gradients[k * n + i].g = (float) (w * (q - (k == yk)));
                        fit->gradients[k * n + i].h = (float) (w * MAX (q * (1.0 - q), MIN_HESSIAN));
                      }
                }
            break;
          case ORCHARD_GBDT_LOSS_ABSOLUTE_ERROR:
          case ORCHARD_GBDT_LOSS_HUBER:
          case ORCHARD_GBDT_LOSS_SQUARED_ERROR:
          case ORCHARD_GBDT_LOSS_AUTO:
          default:
            for (gsize i = c * ORCHARD_MODEL_CHUNK; i < end; i++)
              {
                double r = fit->scores[i] - data->y[i], w = fit->w[i], g;

                sum += data->weights[i] * r * r;
                if (!with_gradients)
                  continue;
                if (fit->loss == ORCHARD_GBDT_LOSS_ABSOLUTE_ERROR)
                  /* At the median itself, as scikit-learn: counts as below it. */
                  g = r > 0 ? 1.0 : -1.0;
                else if (fit->loss == ORCHARD_GBDT_LOSS_HUBER)
                  g = CLAMP (r, -fit->huber_delta, fit->huber_delta);
                else
                  g = r;
                fit->gradients[i].g = (float) (w * g);
                fit->gradients[i].h = (float) w;
              }
            break;
          }

        if (in_product > 0)
          sum -= log (product);
        fit->partial[c] = sum;

        /* The root sums of the next trees, as the grower would add them:
         * row after row within a chunk. */
        if (with_gradients)
          for (guint k = 0; k < K; k++)
            {
              const OrchardGradPair *gp = fit->gradients + k * n;
              double sg = 0, sh = 0;

              for (gsize i = c * ORCHARD_MODEL_CHUNK; i < end; i++)
                {
                  sg += gp[i].g;
                  sh += gp[i].h;
                }
              fit->chunk_sums[(c * K + k) * 2] = sg;
              fit->chunk_sums[(c * K + k) * 2 + 1] = sh;
            }
#undef ADD_LOG_LOSS
      }
  }

  for (gsize c = 0; c < n_chunks; c++)
    total += fit->partial[c];

  if (with_gradients)
    {
      memset (fit->root_sums, 0, 2 * K * sizeof (double));
      for (gsize c = 0; c < n_chunks; c++)
        for (guint k = 0; k < 2 * K; k++)
          fit->root_sums[k] += fit->chunk_sums[c * K * 2 + k];
    }

  return total / data->weight_sum;
}

/* Turns raw scores into what predict() gives, in place for all but binary
 * (which needs two columns: @out must then hold 2 per row). */
static void
scores_to_outputs (OrchardTask   task,
                   guint         K,
                   const double *scores,
                   double       *out,
                   gsize         n)
{
  if (task == ORCHARD_TASK_BINARY)
    for (gsize i = 0; i < n; i++)
      {
        double q = orchard_sigmoid (scores[i]);

        out[2 * i] = 1.0 - q;
        out[2 * i + 1] = q;
      }
  else
    {
      if (out != scores)
        memcpy (out, scores, n * K * sizeof (double));
      if (task == ORCHARD_TASK_MULTICLASS)
        orchard_softmax_rows (out, n, K);
    }
}

/* Adds tree @t's leaf values to the raw scores of @n rows of @X. */
static void
add_tree (const OrchardTrees *trees,
          guint               t,
          guint               K,
          guint               d,
          const double       *X,
          gsize               n,
          double             *scores,
          int                 n_threads)
{
  const OrchardNode *tree = orchard_trees_get_tree (trees, t);
  const double *values = (const double *) trees->values->data;
  guint k = t % K;

#pragma omp parallel for num_threads (n > 4 * ORCHARD_MODEL_CHUNK ? n_threads : 1) schedule (static)
  for (gsize i = 0; i < n; i++)
    scores[i * K + k] += values[orchard_trees_find_leaf (tree, X + i * d)];
}

static void
clear_flat (OrchardGbdt *self)
{
  g_clear_pointer (&self->flat_nodes, g_free);
  g_clear_pointer (&self->flat_values, g_free);
  g_clear_pointer (&self->flat_roots, g_free);
  g_clear_pointer (&self->flat_depths, g_free);
}

static void
build_flat (OrchardGbdt *self)
{
  const OrchardTrees *trees = &self->trees;
  guint n_trees = orchard_trees_get_n_trees (trees);
  gsize n_nodes = trees->nodes->len;
  const double *values = (const double *) trees->values->data;
  g_autofree guint *depth = g_new0 (guint, MAX (n_nodes, 1));

  clear_flat (self);
  self->flat_nodes = g_new (OrchardNode, MAX (n_nodes, 1));
  self->flat_values = g_new0 (double, MAX (n_nodes, 1));
  self->flat_roots = g_new (guint32, MAX (n_trees, 1));
  self->flat_depths = g_new0 (guint32, MAX (n_trees, 1));

  for (guint t = 0; t < n_trees; t++)
    {
      guint32 begin = g_array_index (trees->roots, guint32, t);
      guint32 end = t + 1 < n_trees ? g_array_index (trees->roots, guint32, t + 1) : n_nodes;
      guint max_depth = 0;

      self->flat_roots[t] = begin;
      for (guint32 i = begin; i < end; i++)
        {
          const OrchardNode *node = &g_array_index (trees->nodes, OrchardNode, i);
          OrchardNode *flat = &self->flat_nodes[i];

          if (node->feature == ORCHARD_NODE_LEAF)
            {
              flat->threshold = INFINITY;
              flat->feature = ORCHARD_NODE_MISSING_LEFT;
              flat->next = i;
              self->flat_values[i] = values[node->next];
              max_depth = MAX (max_depth, depth[i]);
            }
          else
            {
              *flat = *node;
              flat->next = begin + node->next;
              depth[begin + node->next] = depth[begin + node->next + 1] = depth[i] + 1;
            }
        }
      self->flat_depths[t] = max_depth;
    }
}

/* Fitting ----------------------------------------------------------------------------- */

static OrchardGbdtLoss
resolve_loss (OrchardGbdtLoss loss,
              OrchardTask     task)
{
  if (loss == ORCHARD_GBDT_LOSS_AUTO)
    return task == ORCHARD_TASK_REGRESSION ? ORCHARD_GBDT_LOSS_SQUARED_ERROR
                                           : ORCHARD_GBDT_LOSS_LOG_LOSS;
  return loss;
}

static gboolean
check_classes (OrchardModel    *model,
               OrchardFitData  *data,
               const double    *w,
               double          *class_weight,
               GError         **error)
{
  guint present = 0, K = data->n_classes;
  const char * const *labels = orchard_model_get_class_labels (model);

  memset (class_weight, 0, K * sizeof (double));
  for (gsize i = 0; i < data->n_rows; i++)
    class_weight[(gsize) data->y[i]] += w[i];
  for (guint k = 0; k < K; k++)
    present += class_weight[k] > 0;

  if (present < 2)
    {
      guint only = 0;

      for (guint k = 0; k < K; k++)
        if (class_weight[k] > 0)
          only = k;
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                   _("The training rows hold only class “%s”; learner “gbdt” needs rows of at "
                     "least two classes"), labels[only]);
      return FALSE;
    }

  return TRUE;
}

/* Draws this iteration's rows (@subsample of them, at random) into @rows;
 * returns how many. */
static gsize
sample_rows (OrchardGbdt *self,
             guint        iteration,
             gsize        n,
             guint32     *rows)
{
  OrchardRng rng;
  gsize m = 0;
  guint64 bound = (guint64) ldexp (self->subsample, 53);

  orchard_rng_init_stream (&rng, self->seed, 2 * (guint64) iteration + 1);
  for (gsize i = 0; i < n; i++)
    if ((orchard_rng_next (&rng) >> 11) < bound)
      rows[m++] = (guint32) i;

  return m;
}

/* Draws the features of tree @t: round (colsample × d), at least one. */
static void
sample_features (OrchardGbdt *self,
                 guint        t,
                 guint        d,
                 guint8      *use)
{
  g_autofree guint *order = g_new (guint, d);
  guint k = (guint) CLAMP (floor (self->colsample * d + 0.5), 1, d);
  OrchardRng rng;

  orchard_rng_init_stream (&rng, self->seed, 2 * (guint64) t + 2);
  for (guint j = 0; j < d; j++)
    {
      order[j] = j;
      use[j] = FALSE;
    }
  for (guint j = 0; j < k; j++)
    {
      guint pick = j + (guint) orchard_rng_below (&rng, d - j), tmp = order[j];

      order[j] = order[pick];
      order[pick] = tmp;
      use[order[j]] = TRUE;
    }
}

/* A tree as grown, before it joins the model. */
typedef struct
{
  GArray *nodes;
  GArray *gains;
  GArray *values;
} Grown;

static void
grown_clear (Grown *grown)
{
  g_clear_pointer (&grown->nodes, g_array_unref);
  g_clear_pointer (&grown->gains, g_array_unref);
  g_clear_pointer (&grown->values, g_array_unref);
}

/* The growers of a fit (one per thread that grows trees) and its trees as
 * grown, before they join the model. */
typedef struct
{
  OrchardGrower **growers;
  int             n_growers;
  Grown          *grown;
  guint           n_grown;
} Workspace;

static void
workspace_clear (Workspace *ws)
{
  for (int g = 0; g < ws->n_growers; g++)
    orchard_grower_free (ws->growers[g]);
  for (guint k = 0; k < ws->n_grown; k++)
    grown_clear (&ws->grown[k]);
  g_clear_pointer (&ws->growers, g_free);
  g_clear_pointer (&ws->grown, g_free);
  ws->n_growers = 0;
  ws->n_grown = 0;
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Workspace, workspace_clear)

/* Grows the tree of class @k (0 but for multiclass) of @iteration on
 * @grower, chooses its leaf values, adds them to the training scores of
 * class @k and keeps the tree in @grown. Returns FALSE if cancelled. */
static gboolean
grow_one (Fit               *fit,
          OrchardGrower     *grower,
          const OrchardBins *bins,
          guint              iteration,
          guint              k,
          const guint32     *rows,
          gsize              n_rows,
          const guint8      *in_sample,
          guint8            *use_feature,
          int                n_threads,
          Grown             *grown)
{
  OrchardGbdt *self = fit->self;
  OrchardFitData *data = fit->data;
  gsize n = fit->n;
  guint t = (iteration - 1) * fit->K + k;
  double *scores = fit->scores + k * n;
  const OrchardGrownTree *tree;
  const OrchardGrownLeaf *leaves;
  const guint32 *leaf_rows;
  guint n_leaves;
  double *v;

  sample_features (self, t, data->n_features, use_feature);
  if (!orchard_grower_grow (grower, fit->gradients + k * n, rows, n_rows,
                            rows == NULL ? fit->root_sums + 2 * k : NULL,
                            self->colsample < 1.0 ? use_feature : NULL, data->cancellable))
    return FALSE;

  tree = orchard_grower_get_tree (grower);
  leaves = (const OrchardGrownLeaf *) tree->leaves->data;
  n_leaves = tree->leaves->len;
  leaf_rows = orchard_grower_get_rows (grower);

  grown->nodes = g_array_new (FALSE, FALSE, sizeof (OrchardNode));
  grown->gains = g_array_new (FALSE, FALSE, sizeof (double));
  grown->values = g_array_sized_new (FALSE, FALSE, sizeof (double), n_leaves);
  g_array_append_vals (grown->nodes, tree->nodes->data, tree->nodes->len);
  g_array_append_vals (grown->gains, tree->gains->data, tree->gains->len);
  g_array_set_size (grown->values, n_leaves);
  v = (double *) grown->values->data;

  for (guint l = 0; l < n_leaves; l++)
    {
      if (fit->loss == ORCHARD_GBDT_LOSS_ABSOLUTE_ERROR)
        {
          gsize m = leaves[l].end - leaves[l].begin;
          g_autofree double *res = g_new (double, MAX (m, 1));
          g_autofree double *rw = g_new (double, MAX (m, 1));

          for (gsize i = 0; i < m; i++)
            {
              guint32 r = leaf_rows[leaves[l].begin + i];

              res[i] = data->y[r] - scores[r];
              rw[i] = fit->w[r];
            }
          v[l] = self->learning_rate * weighted_median (res, rw, m);
        }
      else
        v[l] = -self->learning_rate * leaves[l].sum_gradient /
               (leaves[l].sum_hessian + self->l2 + MIN_HESSIAN);
    }

  /* Training scores: the leaves' rows, then rows left out of the sample by
   * walking the binned tree. */
#pragma omp parallel for num_threads (n_rows > 4 * ORCHARD_MODEL_CHUNK ? n_threads : 1) schedule (dynamic, 1)
  for (guint l = 0; l < n_leaves; l++)
    for (gsize i = leaves[l].begin; i < leaves[l].end; i++)
      scores[leaf_rows[i]] += v[l];

  if (in_sample != NULL)
    {
#pragma omp parallel for num_threads (n > 4 * ORCHARD_MODEL_CHUNK ? n_threads : 1) schedule (static)
      for (gsize i = 0; i < n; i++)
        if (!in_sample[i])
          scores[i] += v[orchard_grown_tree_find_leaf (tree, bins, i)];
    }

  return TRUE;
}

static void
orchard_gbdt_reset (OrchardModel *model)
{
  OrchardGbdt *self = ORCHARD_GBDT (model);

  orchard_trees_clear (&self->trees);
  g_clear_pointer (&self->baseline, g_free);
  clear_flat (self);
  self->n_scores = 0;
}

static gboolean
orchard_gbdt_check_params (OrchardModel  *model,
                           GError       **error)
{
  OrchardGbdt *self = ORCHARD_GBDT (model);
  const char *name = NULL;

  if (!(self->learning_rate > 0))
    name = "learning-rate";
  else if (!(self->subsample > 0))
    name = "subsample";
  else if (!(self->colsample > 0))
    name = "colsample";

  if (name != NULL)
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                   _("Parameter “%s” of learner “gbdt” must be greater than 0"), name);
      return FALSE;
    }

  return TRUE;
}

static gboolean
orchard_gbdt_fit (OrchardModel    *model,
                  OrchardFitData  *data,
                  GError         **error)
{
  OrchardGbdt *self = ORCHARD_GBDT (model);
  gsize n = data->n_rows, n_chunks = (n + ORCHARD_MODEL_CHUNK - 1) / ORCHARD_MODEL_CHUNK;
  guint d = data->n_features;
  guint K = data->task == ORCHARD_TASK_MULTICLASS ? data->n_classes : 1;
  g_autofree double *w = g_new (double, n);
  g_autofree double *class_weight = NULL;
  g_autofree double *scores = NULL, *valid_scores = NULL, *valid_out = NULL;
  g_autofree OrchardGradPair *gradients = NULL;
  g_autofree double *partial = g_new (double, MAX (n_chunks, 1));
  g_autofree double *chunk_sums = g_new (double, MAX (n_chunks, 1) * 2 * K);
  g_autofree double *root_sums = g_new (double, 2 * K);
  g_autofree guint32 *sampled = NULL;
  g_autofree guint8 *in_sample = NULL;
  g_autoptr(OrchardBins) bins = NULL;
  g_auto(Workspace) ws = { 0 };
  OrchardGrower **growers;
  Grown *grown;
  g_autofree guint8 *use_features = NULL;
  gboolean class_parallel, unit_hessian;
  int n_growers;
  OrchardGrowerParams params;
  OrchardEarlyStop stop;
  OrchardGbdtLoss loss = resolve_loss (self->loss, data->task);
  gboolean classify = data->task != ORCHARD_TASK_REGRESSION;
  gboolean use_valid = data->n_valid > 0;
  int n_threads = (int) orchard_get_threads ();
  Fit fit = { 0 };
  double train_loss;
  guint iteration = 0;

  if (classify != (loss == ORCHARD_GBDT_LOSS_LOG_LOSS))
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                   classify ? _("Loss “%s” of learner “gbdt” is for regression; classifiers "
                                "minimise the log loss")
                            : _("Loss “%s” of learner “gbdt” is for classification; regression "
                                "uses squared-error, absolute-error or huber"),
                   classify ? (loss == ORCHARD_GBDT_LOSS_HUBER ? "huber"
                               : loss == ORCHARD_GBDT_LOSS_ABSOLUTE_ERROR ? "absolute-error"
                               : "squared-error")
                            : "log-loss");
      return FALSE;
    }

  /* Row weights: sample weights times class weights. */
  class_weight = orchard_class_weights (classify ? self->class_weight : ORCHARD_CLASS_WEIGHT_NONE,
                                        data->y, n, MAX (data->n_classes, 1));
  for (gsize i = 0; i < n; i++)
    w[i] = data->weights[i] * (classify ? class_weight[(gsize) data->y[i]] : 1.0);

  self->n_scores = K;
  self->fitted_loss = loss;
  self->baseline = g_new0 (double, K);

  /* The best constant score. */
  if (classify)
    {
      g_autofree double *class_sum = g_new0 (double, data->n_classes);
      double total = 0;

      if (!check_classes (model, data, w, class_sum, error))
        return FALSE;
      for (guint k = 0; k < data->n_classes; k++)
        total += class_sum[k];
      if (K == 1)
        self->baseline[0] = log (class_sum[1] / class_sum[0]);
      else
        for (guint k = 0; k < K; k++)
          self->baseline[k] = log (MAX (class_sum[k] / total, LOG_EPSILON));
    }
  else if (loss == ORCHARD_GBDT_LOSS_SQUARED_ERROR)
    {
      double sum = 0, total = 0;

      for (gsize i = 0; i < n; i++)
        {
          sum += w[i] * data->y[i];
          total += w[i];
        }
      self->baseline[0] = total > 0 ? sum / total : 0.0;
    }
  else
    {
      g_autofree double *y = g_memdup2 (data->y, n * sizeof (double));
      g_autofree double *ww = g_memdup2 (w, n * sizeof (double));

      self->baseline[0] = weighted_median (y, ww, n);
    }

  orchard_fit_data_progress (data, 0.0, _("Binning the features"));
  bins = orchard_bins_new (data->X, n, d, self->max_bins, self->seed, ORCHARD_BINS_NONE);
  if (orchard_fit_data_is_cancelled (data, error))
    return FALSE;

  params.max_leaves = self->max_leaves;
  params.max_depth = self->max_depth;
  params.min_samples_leaf = self->min_samples_leaf;
  params.min_hessian = self->min_hessian;
  params.l2 = self->l2;
  class_parallel = K > 1 && n_threads > 1;
  n_growers = class_parallel ? (int) MIN ((guint) n_threads, K) : 1;
  ws.growers = growers = g_new0 (OrchardGrower *, n_growers);
  /* Without weights, every hessian but the log loss's is 1. */
  unit_hessian = loss != ORCHARD_GBDT_LOSS_LOG_LOSS;
  for (gsize i = 0; i < n && unit_hessian; i++)
    unit_hessian = w[i] == 1.0;
  for (int g = 0; g < n_growers; g++)
    {
      growers[g] = orchard_grower_new (bins, &params, class_parallel ? 1 : n_threads);
      orchard_grower_set_unit_hessian (growers[g], unit_hessian);
    }
  ws.n_growers = n_growers;
  ws.grown = grown = g_new0 (Grown, K);
  ws.n_grown = K;
  use_features = g_new (guint8, (gsize) n_growers * d);

  scores = g_new (double, n * K);
  for (guint k = 0; k < K; k++)
    for (gsize i = 0; i < n; i++)
      scores[k * n + i] = self->baseline[k];
  if (use_valid)
    {
      valid_scores = g_new (double, data->n_valid * K);
      valid_out = g_new (double, data->n_valid * data->n_outputs);
      for (gsize i = 0; i < data->n_valid; i++)
        memcpy (valid_scores + i * K, self->baseline, K * sizeof (double));
    }
  gradients = g_new (OrchardGradPair, n * K);
  if (self->subsample < 1.0)
    {
      sampled = g_new (guint32, n);
      in_sample = g_new (guint8, n);
    }

  fit.self = self;
  fit.data = data;
  fit.loss = loss;
  fit.K = K;
  fit.n = n;
  fit.w = w;
  fit.n_threads = n_chunks >= 64 ? n_threads : 1;
  fit.scores = scores;
  fit.gradients = gradients;
  fit.partial = partial;
  fit.chunk_sums = chunk_sums;
  fit.root_sums = root_sums;

  orchard_trees_clear (&self->trees);
  orchard_trees_init (&self->trees, 1);
  orchard_early_stop_init (&stop, self->patience, EARLY_STOP_TOL);

  orchard_fit_data_progress (data, 0.0, _("Boosting"));
  compute_gradients (&fit, TRUE);

  for (iteration = 1; iteration <= self->n_trees; iteration++)
    {
      const guint32 *rows = NULL;
      gsize n_rows = n;
      double valid_loss = NAN, valid_metric = NAN;
      gboolean more, stopped = FALSE;

      if (sampled != NULL)
        {
          n_rows = sample_rows (self, iteration, n, sampled);
          rows = sampled;
          memset (in_sample, 0, n);
          for (gsize i = 0; i < n_rows; i++)
            in_sample[sampled[i]] = TRUE;
        }

      /* The trees of the classes are independent: with more than one class
       * and thread, each thread grows whole trees on a grower of its own. */
      if (class_parallel)
        {
          gboolean cancelled = FALSE;

#pragma omp parallel num_threads (n_growers)
          {
#ifdef _OPENMP
            int tid = omp_get_thread_num ();
#else
            int tid = 0;
#endif

#pragma omp for schedule (dynamic, 1)
            for (guint k = 0; k < K; k++)
              if (!g_atomic_int_get (&cancelled) &&
                  !grow_one (&fit, growers[tid], bins, iteration, k, rows, n_rows, in_sample,
                             use_features + (gsize) tid * d, 1, &grown[k]))
                g_atomic_int_set (&cancelled, TRUE);
          }
          if (cancelled)
            {
              orchard_fit_data_is_cancelled (data, error);
              return FALSE;
            }
        }
      else
        for (guint k = 0; k < K; k++)
          if (!grow_one (&fit, growers[0], bins, iteration, k, rows, n_rows, in_sample,
                         use_features, n_threads, &grown[k]))
            {
              orchard_fit_data_is_cancelled (data, error);
              return FALSE;
            }

      for (guint k = 0; k < K; k++)
        {
          orchard_trees_append (&self->trees, (const OrchardNode *) grown[k].nodes->data,
                                (const double *) grown[k].gains->data, grown[k].nodes->len,
                                (const double *) grown[k].values->data, grown[k].values->len);
          grown_clear (&grown[k]);
          if (use_valid)
            add_tree (&self->trees, (iteration - 1) * K + k, K, d, data->X_valid, data->n_valid,
                      valid_scores, n_threads);
        }

      if (use_valid)
        {
          scores_to_outputs (data->task, K, valid_scores, valid_out, data->n_valid);
          orchard_fit_data_score_valid (data, valid_out, &valid_loss, &valid_metric);
          if (self->early_stopping &&
              orchard_early_stop_update (&stop, iteration, valid_loss) == ORCHARD_EARLY_STOP_STOP)
            stopped = TRUE;
        }

      more = iteration < self->n_trees && !stopped;
      train_loss = compute_gradients (&fit, more);
      orchard_model_add_history (model, train_loss, valid_loss, valid_metric);

      if (self->early_stopping && !use_valid &&
          orchard_early_stop_update (&stop, iteration, train_loss) == ORCHARD_EARLY_STOP_STOP)
        stopped = TRUE;

      orchard_fit_data_progress (data, (double) iteration / self->n_trees, NULL);
      if (stopped)
        break;
    }

  if (self->early_stopping && stop.best_iteration > 0)
    {
      orchard_trees_truncate (&self->trees, stop.best_iteration * K);
      orchard_model_set_best_iteration (model, stop.best_iteration);
    }
  build_flat (self);
  return TRUE;
}

/* Prediction -------------------------------------------------------------------------- */

static gboolean
orchard_gbdt_predict (OrchardModel  *model,
                      const double  *X,
                      gsize          n_rows,
                      double        *out,
                      GCancellable  *cancellable,
                      GError       **error)
{
  OrchardGbdt *self = ORCHARD_GBDT (model);
  OrchardTask task = orchard_model_get_task (model);
  guint K = self->n_scores, d = orchard_model_get_n_features (model);
  guint n_trees = orchard_trees_get_n_trees (&self->trees);
  gsize n_blocks = (n_rows + PREDICT_BLOCK - 1) / PREDICT_BLOCK;
  int n_threads = n_blocks > 1 ? (int) orchard_get_threads () : 1;
  gboolean cancelled = FALSE;

#pragma omp parallel num_threads (n_threads)
  {
    g_autofree double *s = g_new (double, PREDICT_BLOCK * K);

#pragma omp for schedule (dynamic, 4)
    for (gsize b = 0; b < n_blocks; b++)
      {
        gsize start = b * PREDICT_BLOCK, end = MIN (start + PREDICT_BLOCK, n_rows);

        if (g_atomic_int_get (&cancelled) || g_cancellable_is_cancelled (cancellable))
          {
            g_atomic_int_set (&cancelled, TRUE);
            continue;
          }

        for (gsize i = start; i < end; i++)
          memcpy (s + (i - start) * K, self->baseline, K * sizeof (double));

        for (guint t = 0; t < n_trees; t++)
          {
            const OrchardNode *nodes = self->flat_nodes;
            guint32 root = self->flat_roots[t];
            guint depth = self->flat_depths[t], k = t % K;

            /* Eight rows at a time, each a fixed number of steps: their
             * loads overlap and no branch depends on the data. */
            for (gsize i = start; i < end; i += ORCHARD_TREES_LANES)
              {
                guint lanes = (guint) MIN (ORCHARD_TREES_LANES, end - i);
                guint32 idx[ORCHARD_TREES_LANES];
                const double *x[ORCHARD_TREES_LANES];

                for (guint j = 0; j < ORCHARD_TREES_LANES; j++)
                  {
                    idx[j] = root;
                    x[j] = X + (i + MIN (j, lanes - 1)) * d;
                  }
                for (guint step = 0; step < depth; step++)
                  for (guint j = 0; j < ORCHARD_TREES_LANES; j++)
                    {
                      const OrchardNode *nd = &nodes[idx[j]];
                      double v = x[j][nd->feature & ORCHARD_NODE_FEATURE_MASK];
                      gboolean left = (v <= nd->threshold) |
                                      (isnan (v) & ((nd->feature & ORCHARD_NODE_MISSING_LEFT) != 0));

                      idx[j] = nd->next + !left;
                    }
                for (guint j = 0; j < lanes; j++)
                  s[(i + j - start) * K + k] += self->flat_values[idx[j]];
              }
          }

        if (task == ORCHARD_TASK_BINARY)
          scores_to_outputs (task, 1, s, out + start * 2, end - start);
        else
          scores_to_outputs (task, K, s, out + start * K, end - start);
      }
  }

  if (cancelled)
    return !orchard_model_is_cancelled (cancellable, error);

  return TRUE;
}

static double *
orchard_gbdt_get_feature_importance (OrchardModel  *model,
                                     GError       **error)
{
  OrchardGbdt *self = ORCHARD_GBDT (model);
  guint d = orchard_model_get_n_features (model);
  double *importance = orchard_gbdt_get_importance (self, ORCHARD_GBDT_IMPORTANCE_GAIN);
  double total = 0;

  for (guint j = 0; j < d; j++)
    total += importance[j];
  if (total > 0)
    for (guint j = 0; j < d; j++)
      importance[j] /= total;

  return importance;
}

/* State ---------------------------------------------------------------------------------- */

static GVariant *
orchard_gbdt_save_state (OrchardModel *model)
{
  OrchardGbdt *self = ORCHARD_GBDT (model);
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  orchard_trees_save (&self->trees, &builder);
  g_variant_builder_add (&builder, "{sv}", "baseline",
                         orchard_state_new_doubles (self->baseline, self->n_scores));
  g_variant_builder_add (&builder, "{sv}", "loss", g_variant_new_uint32 (self->fitted_loss));

  return g_variant_builder_end (&builder);
}

static gboolean
orchard_gbdt_load_state (OrchardModel  *model,
                         guint          version,
                         GVariant      *state,
                         GError       **error)
{
  OrchardGbdt *self = ORCHARD_GBDT (model);
  OrchardTask task = orchard_model_get_task (model);
  guint K = task == ORCHARD_TASK_MULTICLASS ? orchard_model_get_n_classes (model) : 1;
  guint32 loss;

  orchard_gbdt_reset (model);

  if (!orchard_state_get_uint (state, "loss", &loss, error))
    return FALSE;
  if (loss == ORCHARD_GBDT_LOSS_AUTO || loss > ORCHARD_GBDT_LOSS_HUBER ||
      (task != ORCHARD_TASK_REGRESSION) != (loss == ORCHARD_GBDT_LOSS_LOG_LOSS))
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_PARSE,
                   _("The model state has loss %u, which does not fit a %s model"),
                   loss, orchard_task_to_string (task));
      return FALSE;
    }

  self->baseline = orchard_state_dup_doubles (state, "baseline", K, error);
  if (self->baseline == NULL ||
      !orchard_trees_load (&self->trees, state, orchard_model_get_n_features (model), 1, error))
    {
      orchard_gbdt_reset (model);
      return FALSE;
    }

  if (orchard_trees_get_n_trees (&self->trees) % K != 0)
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_PARSE,
                   _("The model state holds %u trees, not a multiple of its %u classes"),
                   orchard_trees_get_n_trees (&self->trees), K);
      orchard_gbdt_reset (model);
      return FALSE;
    }

  self->n_scores = K;
  self->fitted_loss = loss;
  build_flat (self);
  return TRUE;
}

/* GObject ---------------------------------------------------------------------------------- */

static void
orchard_gbdt_finalize (GObject *object)
{
  orchard_gbdt_reset (ORCHARD_MODEL (object));

  G_OBJECT_CLASS (orchard_gbdt_parent_class)->finalize (object);
}

static void
orchard_gbdt_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  OrchardGbdt *self = ORCHARD_GBDT (object);

  switch (prop_id)
    {
    case PROP_N_TREES:
      g_value_set_uint (value, self->n_trees);
      break;
    case PROP_LEARNING_RATE:
      g_value_set_double (value, self->learning_rate);
      break;
    case PROP_MAX_LEAVES:
      g_value_set_uint (value, self->max_leaves);
      break;
    case PROP_MAX_DEPTH:
      g_value_set_uint (value, self->max_depth);
      break;
    case PROP_MAX_BINS:
      g_value_set_uint (value, self->max_bins);
      break;
    case PROP_MIN_SAMPLES_LEAF:
      g_value_set_uint (value, self->min_samples_leaf);
      break;
    case PROP_MIN_HESSIAN:
      g_value_set_double (value, self->min_hessian);
      break;
    case PROP_L2:
      g_value_set_double (value, self->l2);
      break;
    case PROP_SUBSAMPLE:
      g_value_set_double (value, self->subsample);
      break;
    case PROP_COLSAMPLE:
      g_value_set_double (value, self->colsample);
      break;
    case PROP_EARLY_STOPPING:
      g_value_set_boolean (value, self->early_stopping);
      break;
    case PROP_PATIENCE:
      g_value_set_uint (value, self->patience);
      break;
    case PROP_CLASS_WEIGHT:
      g_value_set_enum (value, self->class_weight);
      break;
    case PROP_LOSS:
      g_value_set_enum (value, self->loss);
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
orchard_gbdt_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  OrchardGbdt *self = ORCHARD_GBDT (object);

  switch (prop_id)
    {
    case PROP_N_TREES:
      SET_FIELD (n_trees, g_value_get_uint (value));
      break;
    case PROP_LEARNING_RATE:
      SET_FIELD (learning_rate, g_value_get_double (value));
      break;
    case PROP_MAX_LEAVES:
      SET_FIELD (max_leaves, g_value_get_uint (value));
      break;
    case PROP_MAX_DEPTH:
      SET_FIELD (max_depth, g_value_get_uint (value));
      break;
    case PROP_MAX_BINS:
      SET_FIELD (max_bins, g_value_get_uint (value));
      break;
    case PROP_MIN_SAMPLES_LEAF:
      SET_FIELD (min_samples_leaf, g_value_get_uint (value));
      break;
    case PROP_MIN_HESSIAN:
      SET_FIELD (min_hessian, g_value_get_double (value));
      break;
    case PROP_L2:
      SET_FIELD (l2, g_value_get_double (value));
      break;
    case PROP_SUBSAMPLE:
      SET_FIELD (subsample, g_value_get_double (value));
      break;
    case PROP_COLSAMPLE:
      SET_FIELD (colsample, g_value_get_double (value));
      break;
    case PROP_EARLY_STOPPING:
      SET_FIELD (early_stopping, g_value_get_boolean (value));
      break;
    case PROP_PATIENCE:
      SET_FIELD (patience, g_value_get_uint (value));
      break;
    case PROP_CLASS_WEIGHT:
      SET_FIELD (class_weight, (OrchardClassWeight) g_value_get_enum (value));
      break;
    case PROP_LOSS:
      SET_FIELD (loss, (OrchardGbdtLoss) g_value_get_enum (value));
      break;
    case PROP_SEED:
      SET_FIELD (seed, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
orchard_gbdt_class_init (OrchardGbdtClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  OrchardModelClass *model_class = ORCHARD_MODEL_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = orchard_gbdt_finalize;
  object_class->get_property = orchard_gbdt_get_property;
  object_class->set_property = orchard_gbdt_set_property;

  model_class->fit = orchard_gbdt_fit;
  model_class->predict = orchard_gbdt_predict;
  model_class->get_feature_importance = orchard_gbdt_get_feature_importance;
  model_class->save_state = orchard_gbdt_save_state;
  model_class->load_state = orchard_gbdt_load_state;
  model_class->reset = orchard_gbdt_reset;
  model_class->check_params = orchard_gbdt_check_params;

  orchard_model_class_set_metadata (model_class, "gbdt",
                                    _("Gradient-boosted trees on histograms: accurate on tabular "
                                      "data, takes missing values as they are"),
                                    ORCHARD_TASK_FLAGS_ALL, ORCHARD_MODEL_FAMILY_TREES,
                                    STATE_VERSION);
  orchard_model_class_set_handles_missing (model_class, TRUE);

  properties[PROP_N_TREES] =
    g_param_spec_uint ("n-trees",
                       _("Trees"),
                       _("Boosting iterations at most (one tree per class and iteration for "
                         "more than two classes)"),
                       1, 100000, 100, flags);
  properties[PROP_LEARNING_RATE] =
    g_param_spec_double ("learning-rate",
                         _("Learning rate"),
                         _("How much of each tree's correction is taken, greater than 0; "
                           "smaller values need more trees and generalise better"),
                         0.0, 10.0, 0.1, flags);
  properties[PROP_MAX_LEAVES] =
    g_param_spec_uint ("max-leaves",
                       _("Leaves per tree"),
                       _("Each tree grows best split first up to this many leaves"),
                       2, 65536, 31, flags);
  properties[PROP_MAX_DEPTH] =
    g_param_spec_uint ("max-depth",
                       _("Maximum depth"),
                       _("The most splits from the root to a leaf; 0 for no limit"),
                       0, 1000, 0, flags);
  properties[PROP_MAX_BINS] =
    g_param_spec_uint ("max-bins",
                       _("Bins per feature"),
                       _("Values of a feature are grouped into this many bins of about equal "
                         "size (missing values get one more)"),
                       2, 255, 255, flags);
  properties[PROP_MIN_SAMPLES_LEAF] =
    g_param_spec_uint ("min-samples-leaf",
                       _("Minimum rows per leaf"),
                       _("A split must leave at least this many rows on each side"),
                       1, G_MAXINT, 20, flags);
  properties[PROP_MIN_HESSIAN] =
    g_param_spec_double ("min-hessian",
                         _("Minimum hessian per leaf"),
                         _("A split must leave at least this much curvature of the loss (for "
                           "the log loss, p (1 − p) summed over the rows) on each side"),
                         0.0, G_MAXDOUBLE, 1e-3, flags);
  properties[PROP_L2] =
    g_param_spec_double ("l2",
                         _("L2 regularisation"),
                         _("λ added to the hessian sum of each leaf: shrinks leaf values, "
                           "most in small leaves"),
                         0.0, G_MAXDOUBLE, 0.0, flags);
  properties[PROP_SUBSAMPLE] =
    g_param_spec_double ("subsample",
                         _("Row sample"),
                         _("The share of the training rows each iteration draws at random "
                           "(1 uses them all)"),
                         0.0, 1.0, 1.0, flags);
  properties[PROP_COLSAMPLE] =
    g_param_spec_double ("colsample",
                         _("Feature sample"),
                         _("The share of the features each tree draws at random (1 uses "
                           "them all)"),
                         0.0, 1.0, 1.0, flags);
  properties[PROP_EARLY_STOPPING] =
    g_param_spec_boolean ("early-stopping",
                          _("Early stopping"),
                          _("Stop when the validation loss (the training loss without "
                            "validation rows) has not improved for “patience” iterations, "
                            "and keep the trees of the best iteration"),
                          TRUE, flags);
  properties[PROP_PATIENCE] =
    g_param_spec_uint ("patience",
                       _("Patience"),
                       _("Iterations without improvement before early stopping stops"),
                       1, 100000, 10, flags);
  properties[PROP_CLASS_WEIGHT] =
    g_param_spec_enum ("class-weight",
                       _("Class weights"),
                       _("balanced weighs every class the same in total; none leaves "
                         "rows as they are (classification only)"),
                       ORCHARD_TYPE_CLASS_WEIGHT, ORCHARD_CLASS_WEIGHT_NONE, flags);
  properties[PROP_LOSS] =
    g_param_spec_enum ("loss",
                       _("Loss"),
                       _("What the trees lower: log-loss for classification; squared-error, "
                         "absolute-error or huber (robust to outliers) for regression; auto "
                         "picks log-loss or squared-error"),
                       ORCHARD_TYPE_GBDT_LOSS, ORCHARD_GBDT_LOSS_AUTO, flags);
  properties[PROP_SEED] =
    g_param_spec_uint ("seed",
                       _("Seed"),
                       _("Fixes the row and feature samples and, on large data, the rows "
                         "the bins are computed from"),
                       0, G_MAXUINT, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
orchard_gbdt_init (OrchardGbdt *self)
{
  self->n_trees = 100;
  self->learning_rate = 0.1;
  self->max_leaves = 31;
  self->max_depth = 0;
  self->max_bins = 255;
  self->min_samples_leaf = 20;
  self->min_hessian = 1e-3;
  self->l2 = 0.0;
  self->subsample = 1.0;
  self->colsample = 1.0;
  self->early_stopping = TRUE;
  self->patience = 10;
  self->class_weight = ORCHARD_CLASS_WEIGHT_NONE;
  self->loss = ORCHARD_GBDT_LOSS_AUTO;
  self->seed = 0;
}

/**
 * orchard_gbdt_new:
 *
 * Returns: (transfer full): new gradient-boosted trees with default parameters
 */
OrchardModel *
orchard_gbdt_new (void)
{
  return g_object_new (ORCHARD_TYPE_GBDT, NULL);
}

/**
 * orchard_gbdt_get_n_iterations:
 * @self: a fitted model
 *
 * Returns: the boosting iterations kept (after early stopping, the best one's)
 */
guint
orchard_gbdt_get_n_iterations (OrchardGbdt *self)
{
  g_return_val_if_fail (ORCHARD_IS_GBDT (self), 0);

  if (self->n_scores == 0)
    return 0;
  return orchard_trees_get_n_trees (&self->trees) / self->n_scores;
}

/**
 * orchard_gbdt_get_importance:
 * @self: a fitted model
 * @type: gain or split count
 *
 * The built-in importance of each feature over the trees kept: the total
 * loss reduction of its splits (training loss, second-order estimate, in
 * the units of the loss summed over rows) or their number.
 *
 * Returns: (transfer full): one value per feature
 */
double *
orchard_gbdt_get_importance (OrchardGbdt           *self,
                             OrchardGbdtImportance  type)
{
  g_return_val_if_fail (ORCHARD_IS_GBDT (self), NULL);
  g_return_val_if_fail (orchard_model_is_fitted (ORCHARD_MODEL (self)), NULL);

  return orchard_trees_importance (&self->trees, orchard_model_get_n_features (ORCHARD_MODEL (self)),
                                   0, orchard_trees_get_n_trees (&self->trees),
                                   type == ORCHARD_GBDT_IMPORTANCE_GAIN);
}
