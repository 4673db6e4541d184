/* orchard-knn.c
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "orchard-blas-private.h"
#include "orchard-error.h"
#include "orchard-knn.h"
#include "orchard-model-private.h"
#include "orchard-threads.h"

#define STATE_VERSION 1

/* Query rows × training rows per GEMM: 256 × 512 doubles, 1 MiB, so that
 * the products are still in the core's L2 cache when they are scanned; four
 * times that went to memory and back and cost a quarter of the time. */
#define QUERY_BLOCK 256
#define TRAIN_BLOCK 512

/* Training rows the scan screens at once (a multiple divides TRAIN_BLOCK). */
#define SCREEN 32

/**
 * OrchardKnn:
 *
 * k nearest neighbours (`knn`), for classification (the neighbours' vote
 * shares are the probabilities) and regression (their mean). Like
 * scikit-learn's `KNeighborsClassifier` and `KNeighborsRegressor` with
 * `algorithm="brute"`: distances come from BLAS matrix products of blocks
 * of query rows with blocks of training rows (‖x‖² + ‖t‖² − 2 x·t for
 * Euclidean, 1 − x̂·t̂ of unit rows for cosine), the k nearest of each query
 * are kept while the blocks stream by, and their exact distances are
 * recomputed for the weights. Threads take blocks of queries, each with
 * single-threaded BLAS, so the answer does not depend on their number. Ties go to the earlier training row. Sample
 * weights, which scikit-learn does not take, multiply the votes.
 *
 * A model holds its training rows. Asking for more neighbours than there
 * are training rows uses them all.
 */
struct _OrchardKnn
{
  OrchardModel parent_instance;

  guint             k;
  OrchardKnnWeights weights;
  OrchardKnnMetric  metric;

  /* Fitted: the training rows, their targets and sample weights. */
  double *X;
  double *y;
  double *w;
  gsize   n;

  /* Derived by prepare(): squared norms (Euclidean) or unit rows (cosine). */
  double *norms;
  double *unit;
};

enum {
  PROP_0,
  PROP_K,
  PROP_WEIGHTS,
  PROP_METRIC,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (OrchardKnn, orchard_knn, ORCHARD_TYPE_MODEL)

G_DEFINE_ENUM_TYPE (OrchardKnnWeights, orchard_knn_weights,
  G_DEFINE_ENUM_VALUE (ORCHARD_KNN_WEIGHTS_UNIFORM, "uniform"),
  G_DEFINE_ENUM_VALUE (ORCHARD_KNN_WEIGHTS_DISTANCE, "distance"))

G_DEFINE_ENUM_TYPE (OrchardKnnMetric, orchard_knn_metric,
  G_DEFINE_ENUM_VALUE (ORCHARD_KNN_METRIC_EUCLIDEAN, "euclidean"),
  G_DEFINE_ENUM_VALUE (ORCHARD_KNN_METRIC_COSINE, "cosine"))

static void
orchard_knn_reset (OrchardModel *model)
{
  OrchardKnn *self = ORCHARD_KNN (model);

  g_clear_pointer (&self->X, g_free);
  g_clear_pointer (&self->y, g_free);
  g_clear_pointer (&self->w, g_free);
  g_clear_pointer (&self->norms, g_free);
  g_clear_pointer (&self->unit, g_free);
  self->n = 0;
}

/* @x scaled to unit length into @out; a row of zeros stays zeros. */
static void
unit_row (const double *x,
          double       *out,
          guint         d)
{
  double norm = 0;

  for (guint j = 0; j < d; j++)
    norm += x[j] * x[j];
  norm = sqrt (norm);
  for (guint j = 0; j < d; j++)
    out[j] = norm > 0 ? x[j] / norm : 0.0;
}

static void
prepare (OrchardKnn *self,
         guint       d)
{
  if (self->metric == ORCHARD_KNN_METRIC_EUCLIDEAN)
    {
      self->norms = g_new (double, self->n);
      for (gsize i = 0; i < self->n; i++)
        {
          const double *x = self->X + i * d;
          double s = 0;

          for (guint j = 0; j < d; j++)
            s += x[j] * x[j];
          self->norms[i] = s;
        }
    }
  else
    {
      self->unit = g_new (double, self->n * d);
      for (gsize i = 0; i < self->n; i++)
        unit_row (self->X + i * d, self->unit + i * d, d);
    }
}

static gboolean
orchard_knn_fit (OrchardModel    *model,
                 OrchardFitData  *data,
                 GError         **error)
{
  OrchardKnn *self = ORCHARD_KNN (model);
  gsize n = data->n_rows;
  guint d = data->n_features;

  self->n = n;
  self->X = g_memdup2 (data->X, n * d * sizeof (double));
  self->y = g_memdup2 (data->y, n * sizeof (double));
  self->w = g_memdup2 (data->weights, n * sizeof (double));
  prepare (self, d);

  return !orchard_fit_data_is_cancelled (data, error);
}

/* Each query keeps its k nearest rows so far in a max-heap ordered by
 * (distance, row): the root is the one to drop first. Rows arrive in index
 * order, so of equally distant rows the earlier ones stay. */
static inline gboolean
farther (double d1,
         gsize  i1,
         double d2,
         gsize  i2)
{
  return d1 > d2 || (d1 == d2 && i1 > i2);
}

static inline void
sift_down (double *heap_d,
           gsize  *heap_i,
           guint   count,
           guint   j)
{
  for (;;)
    {
      guint child = 2 * j + 1, largest = j;
      double td;
      gsize ti;

      if (child < count && farther (heap_d[child], heap_i[child], heap_d[largest], heap_i[largest]))
        largest = child;
      if (child + 1 < count &&
          farther (heap_d[child + 1], heap_i[child + 1], heap_d[largest], heap_i[largest]))
        largest = child + 1;
      if (largest == j)
        return;

      td = heap_d[j], heap_d[j] = heap_d[largest], heap_d[largest] = td;
      ti = heap_i[j], heap_i[j] = heap_i[largest], heap_i[largest] = ti;
      j = largest;
    }
}

static inline void
offer (double *heap_d,
       gsize  *heap_i,
       guint  *count,
       guint   k,
       double  dist,
       gsize   index)
{
  guint j;

  if (*count == k)
    {
      if (!farther (heap_d[0], heap_i[0], dist, index))
        return;
      heap_d[0] = dist;
      heap_i[0] = index;
      sift_down (heap_d, heap_i, k, 0);
      return;
    }

  /* Sift the new entry up from the end. */
  for (j = (*count)++; j > 0; j = (j - 1) / 2)
    {
      guint parent = (j - 1) / 2;

      if (!farther (dist, index, heap_d[parent], heap_i[parent]))
        break;
      heap_d[j] = heap_d[parent];
      heap_i[j] = heap_i[parent];
    }
  heap_d[j] = dist;
  heap_i[j] = index;
}

/* Sorts a full heap nearest first, in place. */
static void
heap_sort (double *heap_d,
           gsize  *heap_i,
           guint   count)
{
  for (guint end = count; end > 1; end--)
    {
      double td = heap_d[0];
      gsize ti = heap_i[0];

      heap_d[0] = heap_d[end - 1];
      heap_i[0] = heap_i[end - 1];
      heap_d[end - 1] = td;
      heap_i[end - 1] = ti;
      sift_down (heap_d, heap_i, end - 1, 0);
    }
}

static double
exact_distance (OrchardKnn   *self,
                const double *x,
                const double *x_unit,
                gsize         t,
                guint         d)
{
  double s = 0;

  if (self->metric == ORCHARD_KNN_METRIC_EUCLIDEAN)
    {
      const double *row = self->X + t * d;

      for (guint j = 0; j < d; j++)
        s += (x[j] - row[j]) * (x[j] - row[j]);
      return sqrt (s);
    }
  else
    {
      const double *row = self->unit + t * d;

      for (guint j = 0; j < d; j++)
        s += x_unit[j] * row[j];
      return CLAMP (1.0 - s, 0.0, 2.0);
    }
}

/* The output of one query from its neighbours, nearest first. */
static void
vote (OrchardKnn   *self,
      const double *dist,
      const gsize  *index,
      guint         k,
      guint         n_classes,
      double       *out)
{
  gboolean exact_match = FALSE;
  double total = 0, sum = 0;

  if (self->weights == ORCHARD_KNN_WEIGHTS_DISTANCE)
    for (guint j = 0; j < k; j++)
      exact_match |= dist[j] == 0;

  if (n_classes > 0)
    memset (out, 0, n_classes * sizeof (double));

  for (guint j = 0; j < k; j++)
    {
      double v = self->w[index[j]];

      if (self->weights == ORCHARD_KNN_WEIGHTS_DISTANCE)
        v *= exact_match ? (dist[j] == 0) : 1.0 / dist[j];

      total += v;
      if (n_classes > 0)
        out[(gsize) self->y[index[j]]] += v;
      else
        sum += v * self->y[index[j]];
    }

  if (n_classes > 0)
    {
      for (guint c = 0; c < n_classes; c++)
        out[c] = total > 0 ? out[c] / total : 1.0 / n_classes;
    }
  else if (total > 0)
    out[0] = sum / total;
  else
    {
      /* Neighbours of no weight: their plain mean. */
      for (guint j = 0; j < k; j++)
        sum += self->y[index[j]];
      out[0] = sum / k;
    }
}

typedef double OrchardV8d __attribute__ ((vector_size (64)));
typedef gint64 OrchardV8l __attribute__ ((vector_size (64)));

/* Macros rather than functions: passing 64-byte vectors by value between
 * functions compiled for different targets is an ABI trap. */
#define V8_MIN(a, b) \
  ((OrchardV8d) (((OrchardV8l) (a) & ((a) < (b))) | ((OrchardV8l) (b) & ~((a) < (b)))))
#define V8_SURROGATE(v, base, dots, s, at) \
  G_STMT_START { \
    OrchardV8d b_, d_; \
    memcpy (&b_, (base) + (at), sizeof b_); \
    memcpy (&d_, (dots) + (at), sizeof d_); \
    (v) = b_ - (s) * d_; \
  } G_STMT_END

/* The smallest of the SCREEN surrogates base[t] − scale · dots[t]: when it
 * is above a query's current k-th distance, none of these rows can enter
 * its heap. Nearly every group is screened out once the heap has filled, so
 * this loop is what scanning costs; it is compiled for AVX-512 and AVX2 as
 * well, chosen when the library loads. Multiplying by 2 or 1 is exact, so a
 * fused multiply-add gives the bits of the scalar code and the screen never
 * disagrees with the exact test after it. */
#if defined(__x86_64__) && defined(__has_attribute)
#if __has_attribute (target_clones)
__attribute__ ((target_clones ("avx512f", "avx2", "default")))
#endif
#endif
static double
screen_min (const double *base,
            const double *dots,
            double        scale)
{
  OrchardV8d s = { scale, scale, scale, scale, scale, scale, scale, scale };
  OrchardV8d v0, v1, v2, v3, m0, m1, m;
  double least;

  V8_SURROGATE (v0, base, dots, s, 0);
  V8_SURROGATE (v1, base, dots, s, 8);
  V8_SURROGATE (v2, base, dots, s, 16);
  V8_SURROGATE (v3, base, dots, s, 24);
  m0 = V8_MIN (v0, v1);
  m1 = V8_MIN (v2, v3);
  m = V8_MIN (m0, m1);
  least = m[0];

  G_STATIC_ASSERT (SCREEN == 32 && TRAIN_BLOCK % SCREEN == 0);

  for (guint j = 1; j < 8; j++)
    least = m[j] < least ? m[j] : least;
  return least;
}

/* One block of queries against every training row: GEMM a block of
 * training rows at a time, keep each query's k nearest, then vote. Returns
 * FALSE if cancelled. */
static gboolean
predict_block (OrchardKnn   *self,
               const double *X,
               gsize         n_queries,
               guint         d,
               guint         k,
               guint         n_classes,
               guint         n_outputs,
               double       *out,
               double       *dots,
               double       *query_unit,
               double       *best_d,
               gsize        *best_i,
               guint        *count,
               const double *zeros,
               GCancellable *cancellable)
{
  gboolean cosine = self->metric == ORCHARD_KNN_METRIC_COSINE;
  const double *train = cosine ? self->unit : self->X;
  const double *Q = cosine ? query_unit : X;
  /* The surrogate is base[t] − scale · x·t: ‖t‖² − 2 x·t, or 0 − x̂·t̂. */
  double scale = cosine ? 1.0 : 2.0;
  int nq = (int) n_queries;

  for (int q = 0; q < nq; q++)
    {
      if (cosine)
        unit_row (X + (gsize) q * d, query_unit + (gsize) q * d, d);
      count[q] = 0;
    }

  for (gsize t0 = 0; t0 < self->n; t0 += TRAIN_BLOCK)
    {
      int nt = (int) MIN (self->n - t0, TRAIN_BLOCK);

      if (g_cancellable_is_cancelled (cancellable))
        return FALSE;

      cblas_dgemm (CblasRowMajor, CblasNoTrans, CblasTrans, nq, nt, (int) d, 1.0, Q, (int) d,
                   train + t0 * d, (int) d, 0.0, dots, nt);

      /* Ranked by a surrogate that orders rows as the distance does:
       * ‖t‖² − 2 x·t (‖x‖² is the same for every t), or −x̂·t̂. */
      for (int q = 0; q < nq; q++)
        {
          const double *row = dots + (gsize) q * nt;
          const double *base = cosine ? zeros : self->norms + t0;
          double *bd = best_d + (gsize) q * k;
          gsize *bi = best_i + (gsize) q * k;
          double bound;
          int t = 0;

          for (; t < nt && count[q] < k; t++)
            offer (bd, bi, &count[q], k, base[t] - scale * row[t], t0 + t);

          /* A row enters when its surrogate is at most the k-th's (on a tie
           * it loses to the earlier row, which offer() decides). */
          bound = bd[0];
          for (; t < nt; t++)
            {
              double dist;

              if (t % SCREEN == 0 && t + SCREEN <= nt &&
                  screen_min (base + t, row + t, scale) > bound)
                {
                  t += SCREEN - 1;
                  continue;
                }

              dist = base[t] - scale * row[t];
              if (dist <= bound)
                {
                  offer (bd, bi, &count[q], k, dist, t0 + t);
                  bound = bd[0];
                }
            }
        }
    }

  for (int q = 0; q < nq; q++)
    {
      double *bd = best_d + (gsize) q * k;
      gsize *bi = best_i + (gsize) q * k;

      heap_sort (bd, bi, k);
      for (guint j = 0; j < k; j++)
        bd[j] = exact_distance (self, X + (gsize) q * d,
                                cosine ? query_unit + (gsize) q * d : NULL, bi[j], d);
      vote (self, bd, bi, k, n_classes, out + (gsize) q * n_outputs);
    }

  return TRUE;
}

static gboolean
orchard_knn_predict (OrchardModel  *model,
                     const double  *X,
                     gsize          n_rows,
                     double        *out,
                     GCancellable  *cancellable,
                     GError       **error)
{
  OrchardKnn *self = ORCHARD_KNN (model);
  guint d = orchard_model_get_n_features (model);
  guint n_classes = orchard_model_get_n_classes (model);
  guint n_outputs = orchard_model_get_n_outputs (model);
  guint k = (guint) MIN ((gsize) self->k, self->n);
  gsize n_blocks = (n_rows + QUERY_BLOCK - 1) / QUERY_BLOCK;
  int n_threads = (int) MIN ((gsize) orchard_get_threads (), n_blocks);
  int cancelled = FALSE;

  /* Each thread multiplies its own blocks, so BLAS must not add threads of
   * its own; blocks do not depend on the thread that runs them, and neither
   * does the result. */
  orchard_blas_serial_begin ();

#pragma omp parallel num_threads (n_threads)
  {
    g_autofree double *dots = g_new (double, (gsize) QUERY_BLOCK * TRAIN_BLOCK);
    g_autofree double *query_unit = g_new (double, (gsize) QUERY_BLOCK * d);
    g_autofree double *best_d = g_new (double, (gsize) QUERY_BLOCK * k);
    g_autofree gsize *best_i = g_new (gsize, (gsize) QUERY_BLOCK * k);
    g_autofree guint *count = g_new (guint, QUERY_BLOCK);
    g_autofree double *zeros = g_new0 (double, TRAIN_BLOCK);

#pragma omp for schedule (dynamic, 1)
    for (gsize b = 0; b < n_blocks; b++)
      {
        gsize q0 = b * QUERY_BLOCK;

        if (g_atomic_int_get (&cancelled))
          continue;
        if (!predict_block (self, X + q0 * d, MIN (n_rows - q0, QUERY_BLOCK), d, k, n_classes,
                            n_outputs, out + q0 * n_outputs, dots, query_unit, best_d, best_i,
                            count, zeros, cancellable))
          g_atomic_int_set (&cancelled, TRUE);
      }
  }

  orchard_blas_serial_end ();

  return !orchard_model_is_cancelled (cancellable, error);
}

static GVariant *
orchard_knn_save_state (OrchardModel *model)
{
  OrchardKnn *self = ORCHARD_KNN (model);
  guint d = orchard_model_get_n_features (model);
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&builder, "{sv}", "n-rows", g_variant_new_uint64 (self->n));
  g_variant_builder_add (&builder, "{sv}", "X", orchard_state_new_doubles (self->X, self->n * d));
  g_variant_builder_add (&builder, "{sv}", "y", orchard_state_new_doubles (self->y, self->n));
  g_variant_builder_add (&builder, "{sv}", "sample-weight",
                         orchard_state_new_doubles (self->w, self->n));

  return g_variant_builder_end (&builder);
}

static gboolean
orchard_knn_load_state (OrchardModel  *model,
                        guint          version,
                        GVariant      *state,
                        GError       **error)
{
  OrchardKnn *self = ORCHARD_KNN (model);
  guint d = orchard_model_get_n_features (model);
  guint n_classes = orchard_model_get_n_classes (model);
  g_autoptr(GVariant) n_variant = g_variant_lookup_value (state, "n-rows", G_VARIANT_TYPE_UINT64);
  guint64 n;

  orchard_knn_reset (model);

  if (n_variant == NULL)
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_PARSE,
                   _("The model state has no “%s” of type %s"), "n-rows", "t");
      return FALSE;
    }
  n = g_variant_get_uint64 (n_variant);
  if (n == 0 || n > G_MAXSIZE / sizeof (double) / d)
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_PARSE,
                   _("The model state has %lu training rows"), (gulong) n);
      return FALSE;
    }

  self->X = orchard_state_dup_doubles (state, "X", n * d, error);
  if (self->X == NULL)
    return FALSE;
  self->y = orchard_state_dup_doubles (state, "y", n, error);
  if (self->y == NULL)
    return FALSE;
  self->w = orchard_state_dup_doubles (state, "sample-weight", n, error);
  if (self->w == NULL ||
      !orchard_state_check_doubles (self->w, n, "sample-weight", 0, G_MAXDOUBLE, error))
    return FALSE;

  if (n_classes > 0)
    for (gsize i = 0; i < n; i++)
      if (self->y[i] != floor (self->y[i]) || self->y[i] < 0 || self->y[i] >= n_classes)
        {
          g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_PARSE,
                       _("Training row %lu of the model state has class %g"),
                       (gulong) i + 1, self->y[i]);
          return FALSE;
        }

  self->n = n;
  prepare (self, d);
  return TRUE;
}

static void
orchard_knn_finalize (GObject *object)
{
  orchard_knn_reset (ORCHARD_MODEL (object));

  G_OBJECT_CLASS (orchard_knn_parent_class)->finalize (object);
}

static void
orchard_knn_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  OrchardKnn *self = ORCHARD_KNN (object);

  switch (prop_id)
    {
    case PROP_K:
      g_value_set_uint (value, self->k);
      break;
    case PROP_WEIGHTS:
      g_value_set_enum (value, self->weights);
      break;
    case PROP_METRIC:
      g_value_set_enum (value, self->metric);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
orchard_knn_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  OrchardKnn *self = ORCHARD_KNN (object);

  switch (prop_id)
    {
    case PROP_K:
      if (self->k != g_value_get_uint (value))
        {
          self->k = g_value_get_uint (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_WEIGHTS:
      if (self->weights != (OrchardKnnWeights) g_value_get_enum (value))
        {
          self->weights = g_value_get_enum (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_METRIC:
      if (self->metric != (OrchardKnnMetric) g_value_get_enum (value))
        {
          self->metric = g_value_get_enum (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
orchard_knn_class_init (OrchardKnnClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  OrchardModelClass *model_class = ORCHARD_MODEL_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = orchard_knn_finalize;
  object_class->get_property = orchard_knn_get_property;
  object_class->set_property = orchard_knn_set_property;

  model_class->fit = orchard_knn_fit;
  model_class->predict = orchard_knn_predict;
  model_class->save_state = orchard_knn_save_state;
  model_class->load_state = orchard_knn_load_state;
  model_class->reset = orchard_knn_reset;

  orchard_model_class_set_metadata (model_class, "knn",
                                    _("k nearest neighbours: the vote or mean of the closest "
                                      "training rows"),
                                    ORCHARD_TASK_FLAGS_ALL, ORCHARD_MODEL_FAMILY_KNN,
                                    STATE_VERSION);

  properties[PROP_K] =
    g_param_spec_uint ("k",
                       _("Neighbours"),
                       _("How many of the nearest training rows vote"),
                       1, 10000, 5, flags);
  properties[PROP_WEIGHTS] =
    g_param_spec_enum ("weights",
                       _("Weights"),
                       _("uniform: every neighbour counts the same; distance: nearer "
                         "neighbours count more (1 / distance)"),
                       ORCHARD_TYPE_KNN_WEIGHTS, ORCHARD_KNN_WEIGHTS_UNIFORM, flags);
  properties[PROP_METRIC] =
    g_param_spec_enum ("metric",
                       _("Distance"),
                       _("euclidean: straight-line distance; cosine: 1 − the cosine of the "
                         "angle between rows, which ignores their length"),
                       ORCHARD_TYPE_KNN_METRIC, ORCHARD_KNN_METRIC_EUCLIDEAN, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
orchard_knn_init (OrchardKnn *self)
{
  self->k = 5;
  self->weights = ORCHARD_KNN_WEIGHTS_UNIFORM;
  self->metric = ORCHARD_KNN_METRIC_EUCLIDEAN;
}

/**
 * orchard_knn_new:
 * @k: the number of neighbours
 *
 * Returns: (transfer full): a new k-nearest-neighbours learner
 */
OrchardModel *
orchard_knn_new (guint k)
{
  return g_object_new (ORCHARD_TYPE_KNN, "k", k, NULL);
}
