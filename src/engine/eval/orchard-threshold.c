/* orchard-threshold.c
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "orchard-binary-counts.h"
#include "orchard-error.h"
#include "orchard-eval-private.h"
#include "orchard-threshold.h"

/**
 * orchard_threshold_choose:
 * @y_true: (array length=n): true classes, 0 or 1
 * @scores: (array length=n): scores or probabilities of the positive class (finite)
 * @weights: (nullable) (array length=n): sample weights, or %NULL for 1 each
 * @n: number of rows, > 0
 * @criterion: what to optimise
 * @cost: (nullable): the costs, required for %ORCHARD_THRESHOLD_MIN_COST
 * @threshold: (out): the chosen threshold; rows scoring at least this are positive
 * @value: (out) (optional): F1, J or expected cost per row at @threshold
 * @error: return location for a #GError
 *
 * Tries every threshold at which a decision changes: each distinct score
 * (with a non-zero weight), plus max(score) + 1, which predicts no positive
 * at all; these are the thresholds of scikit-learn's
 * `roc_curve(drop_intermediate=False)`. Counts at each follow
 * orchard_binary_counts_compute(). Of equally good thresholds the highest
 * wins, the one that flags fewest rows.
 *
 * Returns: %TRUE on success; %FALSE with @error set for invalid input, a
 *   missing cost matrix, or Youden's J on data holding one class only
 */
gboolean
orchard_threshold_choose (const guint32             *y_true,
                          const double              *scores,
                          const double              *weights,
                          gsize                      n,
                          OrchardThresholdCriterion  criterion,
                          const OrchardCostMatrix   *cost,
                          double                    *threshold,
                          double                    *value,
                          GError                   **error)
{
  OrchardClfCurve clf = { 0 };
  double positives, negatives, best_value = NAN, best_threshold = NAN;

  g_return_val_if_fail (threshold != NULL, FALSE);
  g_return_val_if_fail (criterion <= ORCHARD_THRESHOLD_MIN_COST, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (criterion == ORCHARD_THRESHOLD_MIN_COST && cost == NULL)
    {
      g_set_error_literal (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                           "Choosing the threshold of least cost needs a cost matrix");
      return FALSE;
    }
  if (cost != NULL &&
      !(isfinite (cost->tn) && isfinite (cost->fp) && isfinite (cost->fn) && isfinite (cost->tp)))
    {
      g_set_error_literal (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                           "Every cell of the cost matrix must be a finite number");
      return FALSE;
    }
  if (!orchard_eval_check_binary (y_true, scores, weights, n, FALSE, error))
    return FALSE;

  orchard_clf_curve_compute (&clf, y_true, 1, scores, 1, weights, NULL, n);
  g_assert (clf.n > 0);
  positives = clf.tps[clf.n - 1];
  negatives = clf.fps[clf.n - 1];

  if (criterion == ORCHARD_THRESHOLD_MAX_YOUDEN && (positives <= 0 || negatives <= 0))
    {
      orchard_clf_curve_clear (&clf);
      g_set_error_literal (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                           "Youden's J needs rows of both classes, but the data holds one");
      return FALSE;
    }

  for (gsize i = 0; i <= clf.n; i++)
    {
      double tp = i > 0 ? clf.tps[i - 1] : 0;
      double fp = i > 0 ? clf.fps[i - 1] : 0;
      double t = i > 0 ? clf.thresholds[i - 1] : clf.thresholds[0] + 1;
      OrchardBinaryCounts counts = {
        .tn = negatives - fp,
        .fp = fp,
        .fn = positives - tp,
        .tp = tp,
      };
      double v;
      gboolean better;

      switch (criterion)
        {
        case ORCHARD_THRESHOLD_MAX_F1:
          v = orchard_binary_counts_f1 (&counts);
          better = i == 0 || v > best_value;
          break;
        case ORCHARD_THRESHOLD_MAX_YOUDEN:
          v = tp / positives - fp / negatives;
          better = i == 0 || v > best_value;
          break;
        case ORCHARD_THRESHOLD_MIN_COST:
          v = (counts.tn * cost->tn + counts.fp * cost->fp + counts.fn * cost->fn +
               counts.tp * cost->tp) / orchard_binary_counts_total (&counts);
          better = i == 0 || v < best_value;
          break;
        default:
          g_assert_not_reached ();
        }

      if (better)
        {
          best_value = v;
          best_threshold = t;
        }
    }
  orchard_clf_curve_clear (&clf);

  *threshold = best_threshold;
  if (value != NULL)
    *value = best_value;

  return TRUE;
}

static const char * const criterion_names[] = {
  [ORCHARD_THRESHOLD_MAX_F1] = "f1",
  [ORCHARD_THRESHOLD_MAX_YOUDEN] = "youden",
  [ORCHARD_THRESHOLD_MIN_COST] = "cost",
};

/**
 * orchard_threshold_criterion_to_string:
 * @criterion: a criterion
 *
 * Returns: "f1", "youden" or "cost"
 */
const char *
orchard_threshold_criterion_to_string (OrchardThresholdCriterion criterion)
{
  g_return_val_if_fail ((guint) criterion < G_N_ELEMENTS (criterion_names), NULL);

  return criterion_names[criterion];
}

/**
 * orchard_threshold_criterion_from_string:
 * @name: a name from orchard_threshold_criterion_to_string()
 * @criterion: (out): the criterion
 *
 * Returns: whether @name is a criterion
 */
gboolean
orchard_threshold_criterion_from_string (const char                *name,
                                         OrchardThresholdCriterion *criterion)
{
  g_return_val_if_fail (criterion != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (criterion_names); i++)
    if (g_strcmp0 (criterion_names[i], name) == 0)
      {
        *criterion = (OrchardThresholdCriterion) i;
        return TRUE;
      }

  return FALSE;
}
