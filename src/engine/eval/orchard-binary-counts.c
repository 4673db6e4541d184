/* orchard-binary-counts.c
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "orchard-binary-counts.h"
#include "orchard-eval-private.h"

/**
 * orchard_binary_counts_compute:
 * @counts: (out caller-allocates): the confusion matrix
 * @y_true: (array length=n): true labels, 0 or 1
 * @scores: (array length=n): probabilities (or scores) of the positive class
 * @weights: (nullable) (array length=n): sample weights, or %NULL for 1 each
 * @n: number of rows
 * @threshold: a row is predicted positive when its score is at least this
 *
 * Counts the four cells. A row is predicted positive when
 * `score >= threshold`, the rule of scikit-learn's `roc_curve` and
 * `precision_recall_curve` thresholds, so that a threshold read off a curve
 * reproduces that point exactly. (scikit-learn's `predict` for a
 * probability of exactly 0.5 says negative; at 0.5 Orchard says positive.)
 * Weighted cells are summed in row order, as NumPy's `bincount` does.
 */
void
orchard_binary_counts_compute (OrchardBinaryCounts *counts,
                               const guint32       *y_true,
                               const double        *scores,
                               const double        *weights,
                               gsize                n,
                               double               threshold)
{
  double cells[2][2] = { { 0, 0 }, { 0, 0 } };

  g_return_if_fail (counts != NULL);
  g_return_if_fail (n == 0 || (y_true != NULL && scores != NULL));

  for (gsize i = 0; i < n; i++)
    {
      guint truth = y_true[i] != 0;
      guint predicted = scores[i] >= threshold;

      cells[truth][predicted] += weights != NULL ? weights[i] : 1.0;
    }

  counts->tn = cells[0][0];
  counts->fp = cells[0][1];
  counts->fn = cells[1][0];
  counts->tp = cells[1][1];
}

/**
 * orchard_binary_counts_total:
 * @counts: a confusion matrix
 *
 * Returns: the number (or weight) of rows
 */
double
orchard_binary_counts_total (const OrchardBinaryCounts *counts)
{
  return counts->tn + counts->fp + counts->fn + counts->tp;
}

/**
 * orchard_binary_counts_accuracy:
 * @counts: a confusion matrix
 *
 * Returns: (tp + tn) / total, as `accuracy_score`; NaN when the total is 0
 */
double
orchard_binary_counts_accuracy (const OrchardBinaryCounts *counts)
{
  double total = orchard_binary_counts_total (counts);

  return total > 0 ? (counts->tp + counts->tn) / total : NAN;
}

/**
 * orchard_binary_counts_balanced_accuracy:
 * @counts: a confusion matrix
 *
 * The mean recall over the classes present in the truth, as
 * `balanced_accuracy_score` (which drops a class without true rows).
 *
 * Returns: the balanced accuracy; NaN when there are no rows
 */
double
orchard_binary_counts_balanced_accuracy (const OrchardBinaryCounts *counts)
{
  double sum = 0;
  guint classes = 0;

  if (counts->tn + counts->fp > 0)
    {
      sum += counts->tn / (counts->tn + counts->fp);
      classes++;
    }
  if (counts->tp + counts->fn > 0)
    {
      sum += counts->tp / (counts->tp + counts->fn);
      classes++;
    }

  return classes > 0 ? sum / classes : NAN;
}

/**
 * orchard_binary_counts_precision:
 * @counts: a confusion matrix
 *
 * Returns: tp / (tp + fp), 0 when nothing is predicted positive
 */
double
orchard_binary_counts_precision (const OrchardBinaryCounts *counts)
{
  double predicted = counts->tp + counts->fp;

  return predicted != 0 ? counts->tp / predicted : 0.0;
}

/**
 * orchard_binary_counts_recall:
 * @counts: a confusion matrix
 *
 * Returns: tp / (tp + fn), the true positive rate; 0 without positive rows
 */
double
orchard_binary_counts_recall (const OrchardBinaryCounts *counts)
{
  double actual = counts->tp + counts->fn;

  return actual != 0 ? counts->tp / actual : 0.0;
}

/**
 * orchard_binary_counts_specificity:
 * @counts: a confusion matrix
 *
 * Returns: tn / (tn + fp), the recall of the negative class
 *   (`recall_score(…, pos_label=0)`); 0 without negative rows
 */
double
orchard_binary_counts_specificity (const OrchardBinaryCounts *counts)
{
  double actual = counts->tn + counts->fp;

  return actual != 0 ? counts->tn / actual : 0.0;
}

/**
 * orchard_binary_counts_fbeta:
 * @counts: a confusion matrix
 * @beta: weight of recall against precision, >= 0 (%INFINITY gives recall)
 *
 * (1 + β²) P R / (β² P + R) from the precision P and recall R above, in
 * `fbeta_score`'s order of operations; 0 when P and R are both 0.
 *
 * Returns: the F-beta score
 */
double
orchard_binary_counts_fbeta (const OrchardBinaryCounts *counts,
                             double                     beta)
{
  double precision, recall, beta2, denominator;

  g_return_val_if_fail (beta >= 0, NAN);

  precision = orchard_binary_counts_precision (counts);
  recall = orchard_binary_counts_recall (counts);
  if (isinf (beta))
    return recall;

  beta2 = beta * beta;
  denominator = beta2 * precision + recall;
  if (denominator == 0.0)
    denominator = 1;

  return (1 + beta2) * precision * recall / denominator;
}

/**
 * orchard_binary_counts_f1:
 * @counts: a confusion matrix
 *
 * Returns: the F1 score, orchard_binary_counts_fbeta() with β = 1
 */
double
orchard_binary_counts_f1 (const OrchardBinaryCounts *counts)
{
  return orchard_binary_counts_fbeta (counts, 1.0);
}

/**
 * orchard_binary_counts_mcc:
 * @counts: a confusion matrix
 *
 * The Matthews correlation coefficient, computed as `matthews_corrcoef`
 * does (the K-class form of Gorodkin 2004); 0 when a row or column of the
 * matrix is empty, as there.
 *
 * Returns: the MCC in [-1, 1]
 */
double
orchard_binary_counts_mcc (const OrchardBinaryCounts *counts)
{
  const double confusion[4] = { counts->tn, counts->fp, counts->fn, counts->tp };

  return orchard_eval_mcc (confusion, 2);
}
