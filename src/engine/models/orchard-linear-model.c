/* orchard-linear-model.c
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "orchard-blas-private.h"
#include "orchard-error.h"
#include "orchard-linear-model-private.h"

/* Rows per BLAS call when predicting: BLAS counts in int. */
#define PREDICT_BLOCK (1 << 20)

/**
 * OrchardLinearModel:
 *
 * The base class of the regressors that predict ŷ = X·β + β₀ (`linear`,
 * `ridge`, `lasso`, `elastic-net`): it holds β and β₀, predicts, saves and
 * loads them; each subclass only says how to fit them. Feature importance
 * is |β|, meaningful when the features share a scale (the automatic
 * pipeline standardises them for this family).
 */

typedef struct
{
  gboolean fit_intercept;

  double  *coef;
  guint    n_coef;
  double   intercept;
} OrchardLinearModelPrivate;

enum {
  PROP_0,
  PROP_FIT_INTERCEPT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (OrchardLinearModel, orchard_linear_model, ORCHARD_TYPE_MODEL)

static void
orchard_linear_model_reset (OrchardModel *model)
{
  OrchardLinearModel *self = ORCHARD_LINEAR_MODEL (model);
  OrchardLinearModelPrivate *priv = orchard_linear_model_get_instance_private (self);

  g_clear_pointer (&priv->coef, g_free);
  priv->n_coef = 0;
  priv->intercept = 0;
}

void
orchard_linear_model_predict_rows (const double *coef,
                                   double        intercept,
                                   const double *X,
                                   gsize         n_rows,
                                   guint         n_features,
                                   double       *out)
{
  for (gsize start = 0; start < n_rows; start += PREDICT_BLOCK)
    {
      int n = (int) MIN (n_rows - start, PREDICT_BLOCK);

      for (int i = 0; i < n; i++)
        out[start + i] = intercept;
      cblas_dgemv (CblasRowMajor, CblasNoTrans, n, (int) n_features, 1.0,
                   X + start * n_features, (int) n_features, coef, 1, 1.0, out + start, 1);
    }
}

static gboolean
orchard_linear_model_predict (OrchardModel  *model,
                              const double  *X,
                              gsize          n_rows,
                              double        *out,
                              GCancellable  *cancellable,
                              GError       **error)
{
  OrchardLinearModel *self = ORCHARD_LINEAR_MODEL (model);
  OrchardLinearModelPrivate *priv = orchard_linear_model_get_instance_private (self);

  orchard_linear_model_predict_rows (priv->coef, priv->intercept, X, n_rows, priv->n_coef, out);
  return TRUE;
}

static double *
orchard_linear_model_get_feature_importance (OrchardModel  *model,
                                             GError       **error)
{
  OrchardLinearModel *self = ORCHARD_LINEAR_MODEL (model);
  OrchardLinearModelPrivate *priv = orchard_linear_model_get_instance_private (self);
  double *importance = g_new (double, priv->n_coef);

  for (guint j = 0; j < priv->n_coef; j++)
    importance[j] = fabs (priv->coef[j]);

  return importance;
}

static GVariant *
orchard_linear_model_save_state (OrchardModel *model)
{
  OrchardLinearModel *self = ORCHARD_LINEAR_MODEL (model);
  OrchardLinearModelPrivate *priv = orchard_linear_model_get_instance_private (self);
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&builder, "{sv}", "coef",
                         orchard_state_new_doubles (priv->coef, priv->n_coef));
  g_variant_builder_add (&builder, "{sv}", "intercept", g_variant_new_double (priv->intercept));

  return g_variant_builder_end (&builder);
}

static gboolean
orchard_linear_model_load_state (OrchardModel  *model,
                                 guint          version,
                                 GVariant      *state,
                                 GError       **error)
{
  OrchardLinearModel *self = ORCHARD_LINEAR_MODEL (model);
  OrchardLinearModelPrivate *priv = orchard_linear_model_get_instance_private (self);
  guint n_features = orchard_model_get_n_features (model);
  g_autofree double *coef = NULL;
  double intercept;

  coef = orchard_state_dup_doubles (state, "coef", n_features, error);
  if (coef == NULL || !orchard_state_get_double (state, "intercept", &intercept, error))
    return FALSE;

  g_free (priv->coef);
  priv->coef = g_steal_pointer (&coef);
  priv->n_coef = n_features;
  priv->intercept = intercept;

  return TRUE;
}

static void
orchard_linear_model_finalize (GObject *object)
{
  OrchardLinearModel *self = ORCHARD_LINEAR_MODEL (object);
  OrchardLinearModelPrivate *priv = orchard_linear_model_get_instance_private (self);

  g_clear_pointer (&priv->coef, g_free);

  G_OBJECT_CLASS (orchard_linear_model_parent_class)->finalize (object);
}

static void
orchard_linear_model_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  OrchardLinearModel *self = ORCHARD_LINEAR_MODEL (object);

  switch (prop_id)
    {
    case PROP_FIT_INTERCEPT:
      g_value_set_boolean (value, orchard_linear_model_get_fit_intercept (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
orchard_linear_model_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  OrchardLinearModel *self = ORCHARD_LINEAR_MODEL (object);

  switch (prop_id)
    {
    case PROP_FIT_INTERCEPT:
      orchard_linear_model_set_fit_intercept (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
orchard_linear_model_class_init (OrchardLinearModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  OrchardModelClass *model_class = ORCHARD_MODEL_CLASS (klass);

  object_class->finalize = orchard_linear_model_finalize;
  object_class->get_property = orchard_linear_model_get_property;
  object_class->set_property = orchard_linear_model_set_property;

  model_class->predict = orchard_linear_model_predict;
  model_class->get_feature_importance = orchard_linear_model_get_feature_importance;
  model_class->save_state = orchard_linear_model_save_state;
  model_class->load_state = orchard_linear_model_load_state;
  model_class->reset = orchard_linear_model_reset;

  properties[PROP_FIT_INTERCEPT] =
    g_param_spec_boolean ("fit-intercept",
                          _("Fit intercept"),
                          _("Learn a constant term; without it the prediction for all-zero "
                            "features is 0"),
                          TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
orchard_linear_model_init (OrchardLinearModel *self)
{
  OrchardLinearModelPrivate *priv = orchard_linear_model_get_instance_private (self);

  priv->fit_intercept = TRUE;
}

/**
 * orchard_linear_model_get_fit_intercept:
 * @self: a linear model
 *
 * Returns: whether the model learns an intercept β₀
 */
gboolean
orchard_linear_model_get_fit_intercept (OrchardLinearModel *self)
{
  OrchardLinearModelPrivate *priv = orchard_linear_model_get_instance_private (self);

  g_return_val_if_fail (ORCHARD_IS_LINEAR_MODEL (self), FALSE);
  return priv->fit_intercept;
}

/**
 * orchard_linear_model_set_fit_intercept:
 * @self: a linear model
 * @fit_intercept: whether to learn an intercept β₀
 *
 * Sets #OrchardLinearModel:fit-intercept.
 */
void
orchard_linear_model_set_fit_intercept (OrchardLinearModel *self,
                                        gboolean            fit_intercept)
{
  OrchardLinearModelPrivate *priv = orchard_linear_model_get_instance_private (self);

  g_return_if_fail (ORCHARD_IS_LINEAR_MODEL (self));

  fit_intercept = !!fit_intercept;
  if (priv->fit_intercept == fit_intercept)
    return;

  priv->fit_intercept = fit_intercept;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIT_INTERCEPT]);
}

/**
 * orchard_linear_model_get_coefficients:
 * @self: a fitted linear model
 * @n_coefficients: (out): return location for the number of coefficients
 *
 * Returns: (transfer none) (array length=n_coefficients) (nullable): β, one
 *   coefficient per feature, or %NULL if unfitted
 */
const double *
orchard_linear_model_get_coefficients (OrchardLinearModel *self,
                                       guint              *n_coefficients)
{
  OrchardLinearModelPrivate *priv = orchard_linear_model_get_instance_private (self);

  g_return_val_if_fail (ORCHARD_IS_LINEAR_MODEL (self), NULL);
  g_return_val_if_fail (n_coefficients != NULL, NULL);

  *n_coefficients = priv->n_coef;
  return priv->coef;
}

/**
 * orchard_linear_model_get_intercept:
 * @self: a fitted linear model
 *
 * Returns: β₀ (0 when fitted without an intercept)
 */
double
orchard_linear_model_get_intercept (OrchardLinearModel *self)
{
  OrchardLinearModelPrivate *priv = orchard_linear_model_get_instance_private (self);

  g_return_val_if_fail (ORCHARD_IS_LINEAR_MODEL (self), 0.0);
  return priv->intercept;
}

/* Fitting helpers ------------------------------------------------------------- */

/**
 * orchard_least_squares_init:
 * @ls: the problem to fill
 * @data: the fit's data
 * @fit_intercept: whether to centre on the weighted means
 * @weights_sum_to_n: rescale the weights to sum to the number of rows first,
 *   as scikit-learn's coordinate-descent models do (its OLS and ridge use
 *   them as given)
 */
void
orchard_least_squares_init (OrchardLeastSquares *ls,
                            OrchardFitData      *data,
                            gboolean             fit_intercept,
                            gboolean             weights_sum_to_n)
{
  gsize n = data->n_rows;
  guint d = data->n_features;
  double scale = weights_sum_to_n ? n / data->weight_sum : 1.0;

  ls->n = n;
  ls->d = d;
  ls->X = g_new (double, n * d);
  ls->y = g_new (double, n);
  ls->x_offset = g_new0 (double, d);
  ls->y_offset = 0;

  if (fit_intercept)
    {
      for (gsize i = 0; i < n; i++)
        {
          const double *x = data->X + i * d;
          double w = data->weights[i];

          for (guint j = 0; j < d; j++)
            ls->x_offset[j] += w * x[j];
          ls->y_offset += w * data->y[i];
        }
      for (guint j = 0; j < d; j++)
        ls->x_offset[j] /= data->weight_sum;
      ls->y_offset /= data->weight_sum;
    }

  for (gsize i = 0; i < n; i++)
    {
      const double *x = data->X + i * d;
      double *xc = ls->X + i * d;
      double sw = data->weighted ? sqrt (data->weights[i] * scale) : 1.0;

      for (guint j = 0; j < d; j++)
        xc[j] = (x[j] - ls->x_offset[j]) * sw;
      ls->y[i] = (data->y[i] - ls->y_offset) * sw;
    }
}

void
orchard_least_squares_clear (OrchardLeastSquares *ls)
{
  g_clear_pointer (&ls->X, g_free);
  g_clear_pointer (&ls->y, g_free);
  g_clear_pointer (&ls->x_offset, g_free);
}

/**
 * orchard_least_squares_solve:
 * @X: n × d, row-major
 * @n: rows
 * @d: columns
 * @y: n values
 * @coef: (out caller-allocates): d coefficients
 * @error: return location for an error
 *
 * The minimum-norm least-squares solution of X·β ≈ y through LAPACK's
 * dgelsd (SVD), which is what scipy.linalg.lstsq and hence scikit-learn's
 * LinearRegression use; rank-deficient problems get the same answer.
 */
gboolean
orchard_least_squares_solve (const double  *X,
                             gsize          n,
                             guint          d,
                             const double  *y,
                             double        *coef,
                             GError       **error)
{
  int m = (int) n, nn = (int) d, nrhs = 1, lda = MAX (m, 1), ldb = MAX (m, nn);
  int rank = 0, info = 0, lwork = -1, iwork_query = 0;
  double rcond = -1, work_query = 0;
  g_autofree double *A = g_new (double, MAX (n * d, 1));
  g_autofree double *B = g_new0 (double, ldb);
  g_autofree double *s = g_new (double, MAX (MIN (m, nn), 1));
  g_autofree double *work = NULL;
  g_autofree int *iwork = NULL;

  /* Column-major for Fortran. */
  for (gsize i = 0; i < n; i++)
    for (guint j = 0; j < d; j++)
      A[i + (gsize) j * n] = X[i * d + j];
  memcpy (B, y, n * sizeof (double));

  dgelsd_ (&m, &nn, &nrhs, A, &lda, B, &ldb, s, &rcond, &rank, &work_query, &lwork,
           &iwork_query, &info);
  if (info == 0)
    {
      lwork = (int) work_query;
      work = g_new (double, MAX (lwork, 1));
      iwork = g_new (int, MAX (iwork_query, 1));
      dgelsd_ (&m, &nn, &nrhs, A, &lda, B, &ldb, s, &rcond, &rank, work, &lwork, iwork, &info);
    }

  if (info != 0)
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_UNSUPPORTED,
                   _("The least-squares solver failed (LAPACK dgelsd info %d)"), info);
      return FALSE;
    }

  memcpy (coef, B, d * sizeof (double));
  return TRUE;
}

/* Stores β, with β₀ = ȳ − x̄·β. */
void
orchard_linear_model_set_solution (OrchardLinearModel        *self,
                                   const OrchardLeastSquares *ls,
                                   const double              *coef)
{
  OrchardLinearModelPrivate *priv = orchard_linear_model_get_instance_private (self);
  double intercept = ls->y_offset;

  for (guint j = 0; j < ls->d; j++)
    intercept -= ls->x_offset[j] * coef[j];

  g_free (priv->coef);
  priv->coef = g_memdup2 (coef, ls->d * sizeof (double));
  priv->n_coef = ls->d;
  priv->intercept = priv->fit_intercept ? intercept : 0.0;
}
