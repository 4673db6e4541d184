/* orchard-linear-regression.c
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "orchard-linear-model-private.h"
#include "orchard-linear-regression.h"

/**
 * OrchardLinearRegression:
 *
 * Ordinary least squares (`linear`): β minimises Σ wᵢ (yᵢ − xᵢ·β − β₀)².
 * Solved in closed form on the centred data with LAPACK's SVD-based
 * least-squares driver, so rank-deficient features get the minimum-norm
 * solution, exactly as scikit-learn's `LinearRegression`.
 */
struct _OrchardLinearRegression
{
  OrchardLinearModel parent_instance;
};

G_DEFINE_FINAL_TYPE (OrchardLinearRegression, orchard_linear_regression, ORCHARD_TYPE_LINEAR_MODEL)

static gboolean
orchard_linear_regression_fit (OrchardModel    *model,
                               OrchardFitData  *data,
                               GError         **error)
{
  OrchardLinearModel *self = ORCHARD_LINEAR_MODEL (model);
  g_auto(OrchardLeastSquares) ls = { 0 };
  g_autofree double *coef = g_new (double, data->n_features);

  orchard_least_squares_init (&ls, data, orchard_linear_model_get_fit_intercept (self), FALSE);

  if (orchard_fit_data_is_cancelled (data, error) ||
      !orchard_least_squares_solve (ls.X, ls.n, ls.d, ls.y, coef, error))
    return FALSE;

  orchard_linear_model_set_solution (self, &ls, coef);
  return TRUE;
}

static void
orchard_linear_regression_class_init (OrchardLinearRegressionClass *klass)
{
  OrchardModelClass *model_class = ORCHARD_MODEL_CLASS (klass);

  model_class->fit = orchard_linear_regression_fit;

  orchard_model_class_set_metadata (model_class, "linear",
                                    _("Linear regression by ordinary least squares"),
                                    ORCHARD_TASK_FLAGS_REGRESSION,
                                    ORCHARD_MODEL_FAMILY_LINEAR, 1);
}

static void
orchard_linear_regression_init (OrchardLinearRegression *self)
{
}

/**
 * orchard_linear_regression_new:
 *
 * Returns: (transfer full): a new ordinary least squares regressor
 */
OrchardModel *
orchard_linear_regression_new (void)
{
  return g_object_new (ORCHARD_TYPE_LINEAR_REGRESSION, NULL);
}
