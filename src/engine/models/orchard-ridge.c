/* orchard-ridge.c
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "orchard-blas-private.h"
#include "orchard-linear-model-private.h"
#include "orchard-ridge.h"

/**
 * OrchardRidge:
 *
 * Ridge regression (`ridge`): β minimises
 * Σ wᵢ (yᵢ − xᵢ·β − β₀)² + α ‖β‖², scikit-learn's `Ridge` objective (the
 * intercept is not penalised). Solved like scikit-learn's "cholesky"
 * solver: the normal equations (Xᵀ X + α I) β = Xᵀ y on centred data by
 * LAPACK's dposv, or their kernel form when there are more features than
 * rows. A singular system (α = 0 with collinear features) falls back to
 * the SVD least-squares solution.
 */
struct _OrchardRidge
{
  OrchardLinearModel parent_instance;

  double alpha;
};

enum {
  PROP_0,
  PROP_ALPHA,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (OrchardRidge, orchard_ridge, ORCHARD_TYPE_LINEAR_MODEL)

/* Solves A x = b for a symmetric positive definite A whose upper triangle,
 * row-major, is filled. */
static gboolean
cholesky_solve (double *A,
                double *b,
                int     n)
{
  int nrhs = 1, info = 0;

  /* The row-major upper triangle is LAPACK's column-major lower one. */
  dposv_ ("L", &n, &nrhs, A, &n, b, &n, &info, 1);
  return info == 0;
}

static gboolean
augmented_solve (const OrchardLeastSquares  *ls,
                 double                      alpha,
                 double                     *coef,
                 GError                    **error)
{
  gsize n = ls->n + ls->d;
  g_autofree double *X = g_new0 (double, n * ls->d);
  g_autofree double *y = g_new0 (double, n);

  memcpy (X, ls->X, ls->n * ls->d * sizeof (double));
  memcpy (y, ls->y, ls->n * sizeof (double));
  for (guint j = 0; j < ls->d; j++)
    X[(ls->n + j) * ls->d + j] = sqrt (alpha);

  return orchard_least_squares_solve (X, n, ls->d, y, coef, error);
}

static gboolean
orchard_ridge_fit (OrchardModel    *model,
                   OrchardFitData  *data,
                   GError         **error)
{
  OrchardRidge *self = ORCHARD_RIDGE (model);
  g_auto(OrchardLeastSquares) ls = { 0 };
  g_autofree double *coef = g_new (double, data->n_features);
  gboolean solved;
  int n, d;

  orchard_least_squares_init (&ls, data,
                              orchard_linear_model_get_fit_intercept (ORCHARD_LINEAR_MODEL (self)),
                              FALSE);
  n = (int) ls.n;
  d = (int) ls.d;

  if (orchard_fit_data_is_cancelled (data, error))
    return FALSE;

  if (n >= d)
    {
      g_autofree double *A = g_new0 (double, (gsize) d * d);

      cblas_dsyrk (CblasRowMajor, CblasUpper, CblasTrans, d, n, 1.0, ls.X, d, 0.0, A, d);
      for (int j = 0; j < d; j++)
        A[(gsize) j * d + j] += self->alpha;
      cblas_dgemv (CblasRowMajor, CblasTrans, n, d, 1.0, ls.X, d, ls.y, 1, 0.0, coef, 1);
      solved = cholesky_solve (A, coef, d);
    }
  else
    {
      g_autofree double *K = g_new0 (double, (gsize) n * n);
      g_autofree double *dual = g_memdup2 (ls.y, (gsize) n * sizeof (double));

      cblas_dsyrk (CblasRowMajor, CblasUpper, CblasNoTrans, n, d, 1.0, ls.X, d, 0.0, K, n);
      for (int i = 0; i < n; i++)
        K[(gsize) i * n + i] += self->alpha;
      solved = cholesky_solve (K, dual, n);
      if (solved)
        cblas_dgemv (CblasRowMajor, CblasTrans, n, d, 1.0, ls.X, d, dual, 1, 0.0, coef, 1);
    }

  if (!solved && !augmented_solve (&ls, self->alpha, coef, error))
    return FALSE;

  orchard_linear_model_set_solution (ORCHARD_LINEAR_MODEL (self), &ls, coef);
  return TRUE;
}

static void
orchard_ridge_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  OrchardRidge *self = ORCHARD_RIDGE (object);

  switch (prop_id)
    {
    case PROP_ALPHA:
      g_value_set_double (value, self->alpha);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
orchard_ridge_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  OrchardRidge *self = ORCHARD_RIDGE (object);

  switch (prop_id)
    {
    case PROP_ALPHA:
      orchard_ridge_set_alpha (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
orchard_ridge_class_init (OrchardRidgeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  OrchardModelClass *model_class = ORCHARD_MODEL_CLASS (klass);

  object_class->get_property = orchard_ridge_get_property;
  object_class->set_property = orchard_ridge_set_property;

  model_class->fit = orchard_ridge_fit;

  orchard_model_class_set_metadata (model_class, "ridge",
                                    _("Linear regression with an L2 penalty (ridge)"),
                                    ORCHARD_TASK_FLAGS_REGRESSION,
                                    ORCHARD_MODEL_FAMILY_LINEAR, 1);

  properties[PROP_ALPHA] =
    g_param_spec_double ("alpha",
                         _("Penalty strength"),
                         _("Weight α of the squared coefficients in the objective; larger "
                           "values shrink the coefficients more"),
                         0.0, G_MAXDOUBLE, 1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
orchard_ridge_init (OrchardRidge *self)
{
  self->alpha = 1.0;
}

/**
 * orchard_ridge_new:
 *
 * Returns: (transfer full): a new ridge regressor
 */
OrchardModel *
orchard_ridge_new (void)
{
  return g_object_new (ORCHARD_TYPE_RIDGE, NULL);
}

/**
 * orchard_ridge_get_alpha:
 * @self: a ridge regressor
 *
 * Returns: the penalty strength α
 */
double
orchard_ridge_get_alpha (OrchardRidge *self)
{
  g_return_val_if_fail (ORCHARD_IS_RIDGE (self), 0.0);
  return self->alpha;
}

/**
 * orchard_ridge_set_alpha:
 * @self: a ridge regressor
 * @alpha: the penalty strength α, at least 0
 *
 * Sets #OrchardRidge:alpha.
 */
void
orchard_ridge_set_alpha (OrchardRidge *self,
                         double        alpha)
{
  g_return_if_fail (ORCHARD_IS_RIDGE (self));
  g_return_if_fail (alpha >= 0 && isfinite (alpha));

  if (self->alpha == alpha)
    return;

  self->alpha = alpha;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ALPHA]);
}
