/* orchard-naive-bayes.c
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "orchard-blas-private.h"
#include "orchard-error.h"
#include "orchard-model-private.h"
#include "orchard-naive-bayes.h"
#include "orchard-threads.h"

#define STATE_VERSION 1

/* scikit-learn raises a smaller smoothing to this (force_alpha=False). */
#define MIN_ALPHA 1e-10

/* A categorical feature may have this many categories at most. */
#define MAX_CATEGORIES 65536

/* Category counts a categorical model may hold (classes × codes). */
#define MAX_COUNTS (1 << 26)

/* Rows per BLAS call when predicting. */
#define PREDICT_BLOCK (1 << 16)

/**
 * OrchardNaiveBayes:
 *
 * Naive Bayes (`naive-bayes`): the class posterior from the class prior
 * and features taken as independent within a class, with the feature
 * distribution chosen by the `distribution` property. Each follows its
 * scikit-learn estimator exactly:
 *
 * - gaussian (`GaussianNB`): per class the weighted mean and variance of
 *   each feature; every variance is increased by `var-smoothing` times
 *   the largest variance of a feature over all training rows.
 * - multinomial (`MultinomialNB`): per class the weighted sum of each
 *   feature, smoothed by `alpha`; features must not be negative.
 * - categorical (`CategoricalNB`): per class and feature the weighted count
 *   of each category code, smoothed by `alpha`; a code not seen in
 *   training counts as seen 0 times.
 *
 * Class priors are the weighted class frequencies of the training rows.
 * There is no built-in feature importance.
 */
struct _OrchardNaiveBayes
{
  OrchardModel parent_instance;

  OrchardNaiveBayesDistribution distribution;
  double                        var_smoothing;
  double                        alpha;

  /* Fitted. class_count: K weighted counts. Gaussian: theta and var, K × d.
   * Multinomial: feature_count, K × d. Categorical: n_categories (d) and
   * category_count, per feature a K × n_categories block. */
  double  *class_count;
  double  *theta;
  double  *var;
  double  *feature_count;
  guint32 *n_categories;
  double  *category_count;
  gsize    n_category_count;

  /* Derived from the above by prepare(), in fit and in load alike. */
  double  *log_prior;
  double  *log_norm;        /* gaussian: −½ Σⱼ log 2πσ²ₖⱼ per class */
  double  *log_prob;        /* multinomial: K × d; categorical: like category_count */
  gsize   *category_offset; /* categorical: start of each feature's block */
};

enum {
  PROP_0,
  PROP_DISTRIBUTION,
  PROP_VAR_SMOOTHING,
  PROP_ALPHA,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (OrchardNaiveBayes, orchard_naive_bayes, ORCHARD_TYPE_MODEL)

G_DEFINE_ENUM_TYPE (OrchardNaiveBayesDistribution, orchard_naive_bayes_distribution,
  G_DEFINE_ENUM_VALUE (ORCHARD_NAIVE_BAYES_GAUSSIAN, "gaussian"),
  G_DEFINE_ENUM_VALUE (ORCHARD_NAIVE_BAYES_MULTINOMIAL, "multinomial"),
  G_DEFINE_ENUM_VALUE (ORCHARD_NAIVE_BAYES_CATEGORICAL, "categorical"))

static void
orchard_naive_bayes_reset (OrchardModel *model)
{
  OrchardNaiveBayes *self = ORCHARD_NAIVE_BAYES (model);

  g_clear_pointer (&self->class_count, g_free);
  g_clear_pointer (&self->theta, g_free);
  g_clear_pointer (&self->var, g_free);
  g_clear_pointer (&self->feature_count, g_free);
  g_clear_pointer (&self->n_categories, g_free);
  g_clear_pointer (&self->category_count, g_free);
  g_clear_pointer (&self->log_prior, g_free);
  g_clear_pointer (&self->log_norm, g_free);
  g_clear_pointer (&self->log_prob, g_free);
  g_clear_pointer (&self->category_offset, g_free);
  self->n_category_count = 0;
}

static double
smoothing (OrchardNaiveBayes *self)
{
  return MAX (self->alpha, MIN_ALPHA);
}

/* Everything predict() needs beyond the stored counts and moments. */
static void
prepare (OrchardNaiveBayes *self,
         guint              n_classes,
         guint              d)
{
  double total = 0, alpha = smoothing (self);

  for (guint k = 0; k < n_classes; k++)
    total += self->class_count[k];
  self->log_prior = g_new (double, n_classes);
  for (guint k = 0; k < n_classes; k++)
    self->log_prior[k] = log (self->class_count[k]) - log (total);

  switch (self->distribution)
    {
    case ORCHARD_NAIVE_BAYES_GAUSSIAN:
      self->log_norm = g_new (double, n_classes);
      for (guint k = 0; k < n_classes; k++)
        {
          double s = 0;
          for (guint j = 0; j < d; j++)
            s += log (2.0 * G_PI * self->var[(gsize) k * d + j]);
          self->log_norm[k] = -0.5 * s;
        }
      break;

    case ORCHARD_NAIVE_BAYES_MULTINOMIAL:
      self->log_prob = g_new (double, (gsize) n_classes * d);
      for (guint k = 0; k < n_classes; k++)
        {
          const double *fc = self->feature_count + (gsize) k * d;
          double sum = 0;

          for (guint j = 0; j < d; j++)
            sum += fc[j] + alpha;
          for (guint j = 0; j < d; j++)
            self->log_prob[(gsize) k * d + j] = log (fc[j] + alpha) - log (sum);
        }
      break;

    case ORCHARD_NAIVE_BAYES_CATEGORICAL:
      self->category_offset = g_new (gsize, d + 1);
      self->category_offset[0] = 0;
      for (guint j = 0; j < d; j++)
        self->category_offset[j + 1] = self->category_offset[j] +
                                       (gsize) n_classes * self->n_categories[j];
      self->log_prob = g_new (double, MAX (self->n_category_count, 1));
      for (guint j = 0; j < d; j++)
        for (guint k = 0; k < n_classes; k++)
          {
            guint nc = self->n_categories[j];
            const double *cc = self->category_count + self->category_offset[j] + (gsize) k * nc;
            double *lp = self->log_prob + self->category_offset[j] + (gsize) k * nc;
            double sum = 0;

            for (guint c = 0; c < nc; c++)
              sum += cc[c] + alpha;
            for (guint c = 0; c < nc; c++)
              lp[c] = log (cc[c] + alpha) - log (sum);
          }
      break;

    default:
      g_assert_not_reached ();
    }
}

static gboolean
check_codes (OrchardNaiveBayes  *self,
             const double       *X,
             gsize               n,
             guint               d,
             const char         *which,
             GError            **error)
{
  for (gsize i = 0; i < n; i++)
    for (guint j = 0; j < d; j++)
      {
        double x = X[i * d + j];
        gboolean ok = self->distribution == ORCHARD_NAIVE_BAYES_MULTINOMIAL
                      ? x >= 0
                      : x >= 0 && x == floor (x) && x < MAX_CATEGORIES;

        if (!ok)
          {
            const char * const *names = orchard_model_get_feature_names (ORCHARD_MODEL (self));

            if (self->distribution == ORCHARD_NAIVE_BAYES_MULTINOMIAL)
              g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                           _("Feature “%s” is %g (%s, row %lu); multinomial naive Bayes needs "
                             "counts, which are never negative"),
                           names[j], x, which, (gulong) i + 1);
            else
              g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                           _("Feature “%s” is %g (%s, row %lu); categorical naive Bayes needs "
                             "category codes 0, 1, 2, … below %d"),
                           names[j], x, which, (gulong) i + 1, MAX_CATEGORIES);
            return FALSE;
          }
      }

  return TRUE;
}

static void
fit_gaussian (OrchardNaiveBayes *self,
              OrchardFitData    *data)
{
  gsize n = data->n_rows;
  guint d = data->n_features, K = data->n_classes;
  g_autofree double *mean = g_new0 (double, d);
  g_autofree double *spread = g_new0 (double, d);
  double epsilon = 0;

  /* ε = var_smoothing × the largest (unweighted) variance of a feature. */
  for (gsize i = 0; i < n; i++)
    for (guint j = 0; j < d; j++)
      mean[j] += data->X[i * d + j];
  for (guint j = 0; j < d; j++)
    mean[j] /= n;
  for (gsize i = 0; i < n; i++)
    for (guint j = 0; j < d; j++)
      {
        double dev = data->X[i * d + j] - mean[j];
        spread[j] += dev * dev;
      }
  for (guint j = 0; j < d; j++)
    epsilon = MAX (epsilon, spread[j] / n);
  epsilon *= self->var_smoothing;

  self->theta = g_new0 (double, (gsize) K * d);
  self->var = g_new0 (double, (gsize) K * d);

  for (gsize i = 0; i < n; i++)
    {
      guint k = (guint) data->y[i];
      double w = data->weights[i];

      for (guint j = 0; j < d; j++)
        self->theta[(gsize) k * d + j] += w * data->X[i * d + j];
    }
  for (guint k = 0; k < K; k++)
    for (guint j = 0; j < d; j++)
      if (self->class_count[k] > 0)
        self->theta[(gsize) k * d + j] /= self->class_count[k];

  for (gsize i = 0; i < n; i++)
    {
      guint k = (guint) data->y[i];
      double w = data->weights[i];

      for (guint j = 0; j < d; j++)
        {
          double dev = data->X[i * d + j] - self->theta[(gsize) k * d + j];
          self->var[(gsize) k * d + j] += w * dev * dev;
        }
    }
  for (guint k = 0; k < K; k++)
    for (guint j = 0; j < d; j++)
      {
        double *v = &self->var[(gsize) k * d + j];

        if (self->class_count[k] > 0)
          *v /= self->class_count[k];
        /* A constant feature without smoothing would divide by zero. */
        *v = MAX (*v + epsilon, G_MINDOUBLE);
      }
}

static gboolean
fit_counts (OrchardNaiveBayes  *self,
            OrchardFitData     *data,
            GError            **error)
{
  gsize n = data->n_rows;
  guint d = data->n_features, K = data->n_classes;

  if (self->distribution == ORCHARD_NAIVE_BAYES_MULTINOMIAL)
    {
      self->feature_count = g_new0 (double, (gsize) K * d);
      for (gsize i = 0; i < n; i++)
        {
          double *fc = self->feature_count + (gsize) data->y[i] * d;
          for (guint j = 0; j < d; j++)
            fc[j] += data->weights[i] * data->X[i * d + j];
        }
      return TRUE;
    }

  self->n_categories = g_new0 (guint32, d);
  for (gsize i = 0; i < n; i++)
    for (guint j = 0; j < d; j++)
      self->n_categories[j] = MAX (self->n_categories[j], (guint32) data->X[i * d + j] + 1);

  self->category_offset = g_new (gsize, d + 1);
  self->category_offset[0] = 0;
  for (guint j = 0; j < d; j++)
    self->category_offset[j + 1] = self->category_offset[j] + (gsize) K * self->n_categories[j];
  self->n_category_count = self->category_offset[d];
  if (self->n_category_count > MAX_COUNTS)
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_UNSUPPORTED,
                   _("Categorical naive Bayes would need %lu counts for these codes; use "
                     "smaller codes or fewer features"), (gulong) self->n_category_count);
      return FALSE;
    }
  self->category_count = g_new0 (double, MAX (self->n_category_count, 1));

  for (gsize i = 0; i < n; i++)
    {
      guint k = (guint) data->y[i];

      for (guint j = 0; j < d; j++)
        self->category_count[self->category_offset[j] + (gsize) k * self->n_categories[j] +
                             (gsize) data->X[i * d + j]] += data->weights[i];
    }

  /* prepare() lays the offsets out again. */
  g_clear_pointer (&self->category_offset, g_free);
  return TRUE;
}

static gboolean
orchard_naive_bayes_fit (OrchardModel    *model,
                         OrchardFitData  *data,
                         GError         **error)
{
  OrchardNaiveBayes *self = ORCHARD_NAIVE_BAYES (model);

  if (self->distribution != ORCHARD_NAIVE_BAYES_GAUSSIAN &&
      !check_codes (self, data->X, data->n_rows, data->n_features, _("training rows"), error))
    return FALSE;

  self->class_count = g_new0 (double, data->n_classes);
  for (gsize i = 0; i < data->n_rows; i++)
    self->class_count[(gsize) data->y[i]] += data->weights[i];

  if (self->distribution == ORCHARD_NAIVE_BAYES_GAUSSIAN)
    fit_gaussian (self, data);
  else if (!fit_counts (self, data, error))
    return FALSE;

  if (orchard_fit_data_is_cancelled (data, error))
    return FALSE;

  prepare (self, data->n_classes, data->n_features);
  return TRUE;
}

static void
joint_log_likelihood_row (OrchardNaiveBayes *self,
                          const double      *x,
                          guint              K,
                          guint              d,
                          double            *jll)
{
  for (guint k = 0; k < K; k++)
    {
      double s = 0;

      if (self->distribution == ORCHARD_NAIVE_BAYES_GAUSSIAN)
        {
          const double *theta = self->theta + (gsize) k * d;
          const double *var = self->var + (gsize) k * d;

          for (guint j = 0; j < d; j++)
            s += (x[j] - theta[j]) * (x[j] - theta[j]) / var[j];
          jll[k] = self->log_prior[k] + (self->log_norm[k] - 0.5 * s);
        }
      else
        {
          double alpha = smoothing (self);

          for (guint j = 0; j < d; j++)
            {
              guint nc = self->n_categories[j];
              gsize c = (gsize) x[j];
              const double *lp = self->log_prob + self->category_offset[j] + (gsize) k * nc;

              if (c < nc)
                s += lp[c];
              else
                {
                  /* Unseen in training: a count of 0, smoothed. */
                  const double *cc = self->category_count + self->category_offset[j] + (gsize) k * nc;
                  double sum = 0;

                  for (guint t = 0; t < nc; t++)
                    sum += cc[t] + alpha;
                  s += log (alpha) - log (sum + alpha);
                }
            }
          jll[k] = self->log_prior[k] + s;
        }
    }
}

static void
normalise_row (double *jll,
               guint   K)
{
  double max = -INFINITY, sum = 0;

  for (guint k = 0; k < K; k++)
    max = MAX (max, jll[k]);
  if (!isfinite (max))
    {
      /* No class can explain the row: fall back on nothing but the prior's
       * support, uniformly. */
      for (guint k = 0; k < K; k++)
        jll[k] = 1.0 / K;
      return;
    }
  for (guint k = 0; k < K; k++)
    sum += exp (jll[k] - max);
  for (guint k = 0; k < K; k++)
    jll[k] = exp (jll[k] - (max + log (sum)));
}

static gboolean
orchard_naive_bayes_predict (OrchardModel  *model,
                             const double  *X,
                             gsize          n_rows,
                             double        *out,
                             GCancellable  *cancellable,
                             GError       **error)
{
  OrchardNaiveBayes *self = ORCHARD_NAIVE_BAYES (model);
  guint K = orchard_model_get_n_classes (model);
  guint d = orchard_model_get_n_features (model);
  int n_threads = n_rows >= 4 * ORCHARD_MODEL_CHUNK ? (int) orchard_get_threads () : 1;

  if (self->distribution != ORCHARD_NAIVE_BAYES_GAUSSIAN &&
      !check_codes (self, X, n_rows, d, _("input rows"), error))
    return FALSE;

  if (self->distribution == ORCHARD_NAIVE_BAYES_MULTINOMIAL)
    {
      /* jll = X · log θᵀ + log prior, by GEMM. */
      for (gsize start = 0; start < n_rows; start += PREDICT_BLOCK)
        {
          int rows = (int) MIN (n_rows - start, PREDICT_BLOCK);
          double *ob = out + start * K;

          for (int i = 0; i < rows; i++)
            memcpy (ob + (gsize) i * K, self->log_prior, K * sizeof (double));
          cblas_dgemm (CblasRowMajor, CblasNoTrans, CblasTrans, rows, (int) K, (int) d, 1.0,
                       X + start * d, (int) d, self->log_prob, (int) d, 1.0, ob, (int) K);
          if (orchard_model_is_cancelled (cancellable, error))
            return FALSE;
        }
    }
  else
    {
#pragma omp parallel for num_threads (n_threads) schedule (static)
      for (gsize i = 0; i < n_rows; i++)
        joint_log_likelihood_row (self, X + i * d, K, d, out + i * K);
    }

#pragma omp parallel for num_threads (n_threads) schedule (static)
  for (gsize i = 0; i < n_rows; i++)
    normalise_row (out + i * K, K);

  return !orchard_model_is_cancelled (cancellable, error);
}

static GVariant *
orchard_naive_bayes_save_state (OrchardModel *model)
{
  OrchardNaiveBayes *self = ORCHARD_NAIVE_BAYES (model);
  guint K = orchard_model_get_n_classes (model);
  guint d = orchard_model_get_n_features (model);
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&builder, "{sv}", "class-count",
                         orchard_state_new_doubles (self->class_count, K));
  switch (self->distribution)
    {
    case ORCHARD_NAIVE_BAYES_GAUSSIAN:
      g_variant_builder_add (&builder, "{sv}", "theta",
                             orchard_state_new_doubles (self->theta, (gsize) K * d));
      g_variant_builder_add (&builder, "{sv}", "var",
                             orchard_state_new_doubles (self->var, (gsize) K * d));
      break;
    case ORCHARD_NAIVE_BAYES_MULTINOMIAL:
      g_variant_builder_add (&builder, "{sv}", "feature-count",
                             orchard_state_new_doubles (self->feature_count, (gsize) K * d));
      break;
    case ORCHARD_NAIVE_BAYES_CATEGORICAL:
      g_variant_builder_add (&builder, "{sv}", "n-categories",
                             orchard_state_new_uints (self->n_categories, d));
      g_variant_builder_add (&builder, "{sv}", "category-count",
                             orchard_state_new_doubles (self->category_count,
                                                        self->n_category_count));
      break;
    default:
      g_assert_not_reached ();
    }

  return g_variant_builder_end (&builder);
}

static gboolean
orchard_naive_bayes_load_state (OrchardModel  *model,
                                guint          version,
                                GVariant      *state,
                                GError       **error)
{
  OrchardNaiveBayes *self = ORCHARD_NAIVE_BAYES (model);
  guint K = orchard_model_get_n_classes (model);
  guint d = orchard_model_get_n_features (model);
  double total = 0;

  orchard_naive_bayes_reset (model);

  self->class_count = orchard_state_dup_doubles (state, "class-count", K, error);
  if (self->class_count == NULL ||
      !orchard_state_check_doubles (self->class_count, K, "class-count", 0, G_MAXDOUBLE, error))
    return FALSE;
  for (guint k = 0; k < K; k++)
    total += self->class_count[k];
  if (!(total > 0))
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_PARSE,
                   _("The model state has no class with training rows"));
      return FALSE;
    }

  switch (self->distribution)
    {
    case ORCHARD_NAIVE_BAYES_GAUSSIAN:
      self->theta = orchard_state_dup_doubles (state, "theta", (gsize) K * d, error);
      if (self->theta == NULL)
        return FALSE;
      self->var = orchard_state_dup_doubles (state, "var", (gsize) K * d, error);
      if (self->var == NULL ||
          !orchard_state_check_doubles (self->var, (gsize) K * d, "var", G_MINDOUBLE, G_MAXDOUBLE,
                                        error))
        return FALSE;
      break;

    case ORCHARD_NAIVE_BAYES_MULTINOMIAL:
      self->feature_count = orchard_state_dup_doubles (state, "feature-count", (gsize) K * d, error);
      if (self->feature_count == NULL ||
          !orchard_state_check_doubles (self->feature_count, (gsize) K * d, "feature-count", 0,
                                        G_MAXDOUBLE, error))
        return FALSE;
      break;

    case ORCHARD_NAIVE_BAYES_CATEGORICAL:
      {
        gsize n_counts = 0;

        self->n_categories = orchard_state_dup_uints (state, "n-categories", d, error);
        if (self->n_categories == NULL)
          return FALSE;
        for (guint j = 0; j < d; j++)
          {
            if (self->n_categories[j] == 0 || self->n_categories[j] > MAX_CATEGORIES)
              {
                g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_PARSE,
                             _("Feature %u of the model state has %u categories"), j,
                             self->n_categories[j]);
                return FALSE;
              }
            n_counts += (gsize) K * self->n_categories[j];
          }
        if (n_counts > MAX_COUNTS)
          {
            g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_PARSE,
                         _("The model state has too many category counts"));
            return FALSE;
          }
        self->category_count = orchard_state_dup_doubles (state, "category-count", n_counts, error);
        if (self->category_count == NULL ||
            !orchard_state_check_doubles (self->category_count, n_counts, "category-count", 0,
                                          G_MAXDOUBLE, error))
          return FALSE;
        self->n_category_count = n_counts;
      }
      break;

    default:
      g_assert_not_reached ();
    }

  prepare (self, K, d);
  return TRUE;
}

static void
orchard_naive_bayes_finalize (GObject *object)
{
  orchard_naive_bayes_reset (ORCHARD_MODEL (object));

  G_OBJECT_CLASS (orchard_naive_bayes_parent_class)->finalize (object);
}

static void
orchard_naive_bayes_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  OrchardNaiveBayes *self = ORCHARD_NAIVE_BAYES (object);

  switch (prop_id)
    {
    case PROP_DISTRIBUTION:
      g_value_set_enum (value, self->distribution);
      break;
    case PROP_VAR_SMOOTHING:
      g_value_set_double (value, self->var_smoothing);
      break;
    case PROP_ALPHA:
      g_value_set_double (value, self->alpha);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
orchard_naive_bayes_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  OrchardNaiveBayes *self = ORCHARD_NAIVE_BAYES (object);

  switch (prop_id)
    {
    case PROP_DISTRIBUTION:
      if (self->distribution != (OrchardNaiveBayesDistribution) g_value_get_enum (value))
        {
          self->distribution = g_value_get_enum (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_VAR_SMOOTHING:
      if (self->var_smoothing != g_value_get_double (value))
        {
          self->var_smoothing = g_value_get_double (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_ALPHA:
      if (self->alpha != g_value_get_double (value))
        {
          self->alpha = g_value_get_double (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
orchard_naive_bayes_class_init (OrchardNaiveBayesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  OrchardModelClass *model_class = ORCHARD_MODEL_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = orchard_naive_bayes_finalize;
  object_class->get_property = orchard_naive_bayes_get_property;
  object_class->set_property = orchard_naive_bayes_set_property;

  model_class->fit = orchard_naive_bayes_fit;
  model_class->predict = orchard_naive_bayes_predict;
  model_class->save_state = orchard_naive_bayes_save_state;
  model_class->load_state = orchard_naive_bayes_load_state;
  model_class->reset = orchard_naive_bayes_reset;

  /* Gaussian naive Bayes is indifferent to scale and reads one-hot
   * categories well: the linear family's preprocessing suits it. */
  orchard_model_class_set_metadata (model_class, "naive-bayes",
                                    _("Naive Bayes: Gaussian, multinomial or categorical"),
                                    ORCHARD_TASK_FLAGS_CLASSIFICATION,
                                    ORCHARD_MODEL_FAMILY_LINEAR, STATE_VERSION);

  properties[PROP_DISTRIBUTION] =
    g_param_spec_enum ("distribution",
                       _("Feature distribution"),
                       _("gaussian for numbers; multinomial for counts or one-hot indicators; "
                         "categorical for category codes 0, 1, 2, …"),
                       ORCHARD_TYPE_NAIVE_BAYES_DISTRIBUTION, ORCHARD_NAIVE_BAYES_GAUSSIAN, flags);
  properties[PROP_VAR_SMOOTHING] =
    g_param_spec_double ("var-smoothing",
                         _("Variance smoothing"),
                         _("Gaussian: the share of the largest feature variance added to every "
                           "variance, for stability"),
                         0.0, G_MAXDOUBLE, 1e-9, flags);
  properties[PROP_ALPHA] =
    g_param_spec_double ("alpha",
                         _("Additive smoothing"),
                         _("Multinomial and categorical: the count added to every feature or "
                           "category (1 is Laplace smoothing); at least 1e-10 is used"),
                         0.0, G_MAXDOUBLE, 1.0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
orchard_naive_bayes_init (OrchardNaiveBayes *self)
{
  self->distribution = ORCHARD_NAIVE_BAYES_GAUSSIAN;
  self->var_smoothing = 1e-9;
  self->alpha = 1.0;
}

/**
 * orchard_naive_bayes_new:
 * @distribution: the distribution of the features within a class
 *
 * Returns: (transfer full): a new naive Bayes classifier
 */
OrchardModel *
orchard_naive_bayes_new (OrchardNaiveBayesDistribution distribution)
{
  return g_object_new (ORCHARD_TYPE_NAIVE_BAYES, "distribution", distribution, NULL);
}
