/* orchard-learning-curve.c
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "orchard-error.h"
#include "orchard-learning-curve.h"

/**
 * orchard_overfit_rule_init:
 * @rule: (out caller-allocates): a rule to set to the defaults
 *
 * A window of 5 iterations and a rise of 1 %.
 */
void
orchard_overfit_rule_init (OrchardOverfitRule *rule)
{
  g_return_if_fail (rule != NULL);

  rule->window = 5;
  rule->min_rise = 0.01;
}

static gboolean
check_losses (const double  *losses,
              gsize          n,
              const char    *which,
              GError       **error)
{
  for (gsize i = 0; i < n; i++)
    if (isnan (losses[i]))
      {
        g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                     "The %s loss of iteration %" G_GSIZE_FORMAT " is not a number",
                     which, i + 1);
        return FALSE;
      }

  return TRUE;
}

/**
 * orchard_learning_curve_analyze:
 * @train_loss: (nullable) (array length=n_iterations): training loss after each
 *   iteration, or %NULL when only validation losses are known
 * @valid_loss: (array length=n_iterations): validation loss after each iteration
 * @n_iterations: the length of the history, > 0
 * @rule: (nullable): when to call it overfitting, or %NULL for the defaults
 * @report: (out caller-allocates): what was found
 * @error: return location for a #GError
 *
 * Finds the best iteration, the one of lowest validation loss, and decides
 * whether the model overfits. With W = @rule's window, the history
 * overfits when all of these hold:
 *
 * - the best iteration lies before the final W iterations;
 * - the mean validation loss over the final W iterations exceeds the best
 *   by more than min_rise × |best| (validation loss has risen);
 * - the mean training loss over the final W iterations is below the
 *   training loss at the best iteration (training loss kept falling).
 *
 * Means over a window rather than the last value keep one noisy iteration
 * from deciding. Without training losses the flag is never set. Infinite
 * losses (a diverged model) compare as usual; NaN is refused.
 *
 * Returns: %TRUE on success; %FALSE with @error set for an empty history or a NaN loss
 */
gboolean
orchard_learning_curve_analyze (const double                *train_loss,
                                const double                *valid_loss,
                                gsize                        n_iterations,
                                const OrchardOverfitRule    *rule,
                                OrchardLearningCurveReport  *report,
                                GError                     **error)
{
  OrchardOverfitRule defaults;
  double valid_tail = 0, train_tail = 0;
  gsize best = 0, window, start;

  g_return_val_if_fail (n_iterations == 0 || valid_loss != NULL, FALSE);
  g_return_val_if_fail (report != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (rule == NULL)
    {
      orchard_overfit_rule_init (&defaults);
      rule = &defaults;
    }
  if (n_iterations == 0)
    {
      g_set_error_literal (error, ORCHARD_ERROR, ORCHARD_ERROR_EMPTY,
                           "The training history holds no iteration");
      return FALSE;
    }
  if (!check_losses (valid_loss, n_iterations, "validation", error))
    return FALSE;
  if (train_loss != NULL && !check_losses (train_loss, n_iterations, "training", error))
    return FALSE;

  for (gsize i = 1; i < n_iterations; i++)
    if (valid_loss[i] < valid_loss[best])
      best = i;

  window = CLAMP (rule->window, 1, n_iterations);
  start = n_iterations - window;
  for (gsize i = start; i < n_iterations; i++)
    {
      valid_tail += valid_loss[i];
      if (train_loss != NULL)
        train_tail += train_loss[i];
    }
  valid_tail /= window;
  train_tail /= window;

  report->n_iterations = n_iterations;
  report->best_iteration = best;
  report->best_valid_loss = valid_loss[best];
  report->valid_rise = valid_tail - valid_loss[best];
  if (train_loss != NULL)
    {
      report->train_loss_at_best = train_loss[best];
      report->gap_at_best = valid_loss[best] - train_loss[best];
      report->train_change = train_tail - train_loss[best];
    }
  else
    {
      report->train_loss_at_best = NAN;
      report->gap_at_best = NAN;
      report->train_change = NAN;
    }

  report->overfitting = train_loss != NULL &&
                        best < start &&
                        report->valid_rise > rule->min_rise * fabs (valid_loss[best]) &&
                        report->train_change < 0;

  return TRUE;
}
