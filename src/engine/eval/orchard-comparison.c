/* orchard-comparison.c
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "orchard-comparison.h"
#include "orchard-distributions.h"
#include "orchard-error.h"

/**
 * orchard_corrected_ttest:
 * @scores_a: (array length=n_folds): model A's score on each fold (higher is better)
 * @scores_b: (array length=n_folds): model B's score on the same folds
 * @n_folds: J, at least 2 (all folds of all repeats of a repeated k-fold)
 * @n_train: rows a model was trained on in one fold
 * @n_test: rows it was evaluated on in one fold
 * @result: (out caller-allocates): the test
 * @error: return location for a #GError
 *
 * The corrected resampled t-test of Nadeau & Bengio (Machine Learning 52,
 * 2003): fold scores share training rows, so their differences d_j are
 * correlated and the plain paired t-test is far too confident; the variance
 * term is inflated by n_test / n_train:
 *
 *     t = mean(d) / sqrt ((1 / J + n_test / n_train) · var(d)),  df = J − 1.
 *
 * The two-sided p-value is 2 P(T > |t|). The probability that A is better
 * is P(T ≤ t), which is the posterior probability that the mean difference
 * is positive under the correlated Bayesian t-test of Benavoli, Corani,
 * Demšar & Zaffalon (JMLR 18, 2017) with the same correction. For a loss,
 * where lower is better, pass the negated losses (or swap A and B).
 *
 * When every difference is the same, the variance is 0: t is 0 (p = 1,
 * probability ½) if the difference is 0, else ±∞ (p = 0, probability 1 or 0).
 *
 * Returns: %TRUE on success; %FALSE with @error set for fewer than two
 *   folds, sizes of 0 or scores that are not finite
 */
gboolean
orchard_corrected_ttest (const double           *scores_a,
                         const double           *scores_b,
                         gsize                   n_folds,
                         gsize                   n_train,
                         gsize                   n_test,
                         OrchardCorrectedTTest  *result,
                         GError                **error)
{
  double sum = 0, mean, squares = 0, variance, scale;

  g_return_val_if_fail (n_folds == 0 || (scores_a != NULL && scores_b != NULL), FALSE);
  g_return_val_if_fail (result != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (n_folds < 2)
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                   "Comparing two models needs scores on at least 2 folds, not %" G_GSIZE_FORMAT,
                   n_folds);
      return FALSE;
    }
  if (n_train == 0 || n_test == 0)
    {
      g_set_error_literal (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                           "The training and test sizes of a fold must be positive");
      return FALSE;
    }
  for (gsize j = 0; j < n_folds; j++)
    if (!isfinite (scores_a[j]) || !isfinite (scores_b[j]))
      {
        g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                     "Fold %" G_GSIZE_FORMAT ": a score is not a finite number (%g, %g)",
                     j + 1, scores_a[j], scores_b[j]);
        return FALSE;
      }

  for (gsize j = 0; j < n_folds; j++)
    sum += scores_a[j] - scores_b[j];
  mean = sum / n_folds;
  for (gsize j = 0; j < n_folds; j++)
    {
      double d = scores_a[j] - scores_b[j] - mean;

      squares += d * d;
    }
  variance = squares / (n_folds - 1);
  scale = sqrt ((1.0 / n_folds + (double) n_test / n_train) * variance);

  result->n_folds = n_folds;
  result->mean_difference = mean;
  result->std_difference = sqrt (variance);
  result->df = n_folds - 1;

  if (scale == 0)
    {
      result->t = mean == 0 ? 0.0 : copysign (INFINITY, mean);
      result->p_value = mean == 0 ? 1.0 : 0.0;
      result->probability_a_better = mean == 0 ? 0.5 : mean > 0 ? 1.0 : 0.0;
      return TRUE;
    }

  result->t = mean / scale;
  result->p_value = 2 * orchard_student_t_cdf (-fabs (result->t), result->df);
  result->probability_a_better = orchard_student_t_cdf (result->t, result->df);

  return TRUE;
}
