/* orchard-coordinate-descent.c: the elastic-net solver of lasso and
 * elastic-net
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "orchard-blas-private.h"
#include "orchard-linear-model-private.h"

typedef struct
{
  OrchardLinearModel        *self;
  OrchardFitData            *data;
  const OrchardLeastSquares *ls;
  double                    *valid_out;
} Scorer;

/* Records the learning curve entry of epoch @iteration; returns the
 * validation loss (NaN without validation rows). */
static double
record (Scorer       *scorer,
        const double *w,
        double        residual_norm2)
{
  OrchardFitData *data = scorer->data;
  const OrchardLeastSquares *ls = scorer->ls;
  double valid_loss = NAN, valid_metric = NAN;

  if (data->n_valid > 0)
    {
      double intercept = ls->y_offset;

      for (guint j = 0; j < ls->d; j++)
        intercept -= ls->x_offset[j] * w[j];
      if (!orchard_linear_model_get_fit_intercept (scorer->self))
        intercept = 0;
      orchard_linear_model_predict_rows (w, intercept, data->X_valid, data->n_valid, ls->d,
                                         scorer->valid_out);
      orchard_fit_data_score_valid (data, scorer->valid_out, &valid_loss, &valid_metric);
    }

  /* The weights of the residuals sum to n, so this is the weighted MSE. */
  orchard_model_add_history (ORCHARD_MODEL (scorer->self), residual_norm2 / ls->n, valid_loss,
                             valid_metric);
  return valid_loss;
}

/*
 * orchard_coordinate_descent:
 *
 * Minimises (1 / 2n) Σ wᵢ (yᵢ − xᵢ·β − β₀)² + α ρ ‖β‖₁ + ½ α (1 − ρ) ‖β‖²,
 * the weights wᵢ rescaled to sum to n: scikit-learn's ElasticNet objective
 * (Lasso is ρ = 1), by its algorithm: cyclic coordinate descent on the
 * centred data, and when the largest coefficient change of an epoch falls
 * below tol × the largest coefficient, a check of the duality gap, which
 * must fall below tol × ‖y‖².
 */
gboolean
orchard_coordinate_descent (OrchardLinearModel  *self,
                            OrchardFitData      *data,
                            double               alpha,
                            double               l1_ratio,
                            double               tol,
                            guint                max_iter,
                            guint                patience,
                            GError             **error)
{
  g_auto(OrchardLeastSquares) ls = { 0 };
  gsize n;
  guint d;
  g_autofree double *columns = NULL;
  g_autofree double *norm_cols = NULL;
  g_autofree double *R = NULL;
  g_autofree double *w = NULL;
  g_autofree double *best = NULL;
  g_autofree double *valid_out = NULL;
  double l1_reg, l2_reg, gap_tol;
  gboolean early;
  OrchardEarlyStop stop;
  Scorer scorer;

  orchard_least_squares_init (&ls, data, orchard_linear_model_get_fit_intercept (self), TRUE);
  n = ls.n;
  d = ls.d;

  /* Column-major: the solver walks one feature at a time. */
  columns = g_new (double, n * d);
  norm_cols = g_new0 (double, d);
  for (gsize i = 0; i < n; i++)
    for (guint j = 0; j < d; j++)
      columns[(gsize) j * n + i] = ls.X[i * d + j];
  for (guint j = 0; j < d; j++)
    norm_cols[j] = cblas_ddot ((int) n, columns + (gsize) j * n, 1, columns + (gsize) j * n, 1);

  R = g_memdup2 (ls.y, n * sizeof (double));
  w = g_new0 (double, d);
  l1_reg = alpha * l1_ratio * n;
  l2_reg = alpha * (1.0 - l1_ratio) * n;
  gap_tol = tol * cblas_ddot ((int) n, ls.y, 1, ls.y, 1);

  early = patience > 0 && data->n_valid > 0;
  orchard_early_stop_init (&stop, patience, 0.0);
  best = early ? g_new0 (double, d) : NULL;
  valid_out = data->n_valid > 0 ? g_new (double, data->n_valid) : NULL;
  scorer = (Scorer) { self, data, &ls, valid_out };

  for (guint epoch = 0; epoch < max_iter; epoch++)
    {
      double w_max = 0, dw_max = 0, valid_loss;
      gboolean converged = FALSE;

      for (guint j = 0; j < d; j++)
        {
          const double *x = columns + (gsize) j * n;
          double w_old = w[j], rho;

          if (j % 64 == 0 && orchard_fit_data_is_cancelled (data, error))
            return FALSE;
          if (norm_cols[j] == 0)
            continue;

          if (w_old != 0)
            cblas_daxpy ((int) n, w_old, x, 1, R, 1);
          rho = cblas_ddot ((int) n, x, 1, R, 1);
          w[j] = (rho > 0 ? 1 : rho < 0 ? -1 : 0) * MAX (fabs (rho) - l1_reg, 0) /
                 (norm_cols[j] + l2_reg);
          if (w[j] != 0)
            cblas_daxpy ((int) n, -w[j], x, 1, R, 1);

          dw_max = MAX (dw_max, fabs (w[j] - w_old));
          w_max = MAX (w_max, fabs (w[j]));
        }

      if (w_max == 0 || dw_max / w_max < tol || epoch == max_iter - 1)
        {
          double dual_norm = 0, r_norm2, w_norm2 = 0, l1_norm = 0, scale, gap;

          for (guint j = 0; j < d; j++)
            {
              double xta = cblas_ddot ((int) n, columns + (gsize) j * n, 1, R, 1) - l2_reg * w[j];

              dual_norm = MAX (dual_norm, fabs (xta));
              w_norm2 += w[j] * w[j];
              l1_norm += fabs (w[j]);
            }
          r_norm2 = cblas_ddot ((int) n, R, 1, R, 1);

          if (dual_norm > l1_reg)
            {
              scale = l1_reg / dual_norm;
              gap = 0.5 * (r_norm2 + r_norm2 * scale * scale);
            }
          else
            {
              scale = 1.0;
              gap = r_norm2;
            }
          gap += l1_reg * l1_norm - scale * cblas_ddot ((int) n, R, 1, ls.y, 1) +
                 0.5 * l2_reg * (1 + scale * scale) * w_norm2;
          converged = gap < gap_tol;
        }

      valid_loss = record (&scorer, w, cblas_ddot ((int) n, R, 1, R, 1));
      orchard_fit_data_progress (data, (double) (epoch + 1) / max_iter, NULL);

      if (early)
        {
          OrchardEarlyStopVerdict verdict = orchard_early_stop_update (&stop, epoch + 1, valid_loss);

          if (verdict == ORCHARD_EARLY_STOP_IMPROVED)
            memcpy (best, w, d * sizeof (double));
          else if (verdict == ORCHARD_EARLY_STOP_STOP)
            break;
        }

      if (converged)
        break;
    }

  if (early && stop.best_iteration > 0)
    {
      memcpy (w, best, d * sizeof (double));
      orchard_model_set_best_iteration (ORCHARD_MODEL (self), stop.best_iteration);
    }

  orchard_linear_model_set_solution (self, &ls, w);
  return TRUE;
}
