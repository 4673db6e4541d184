/* orchard-binary-counts.h: the confusion matrix of a binary classifier at a threshold
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * OrchardBinaryCounts:
 * @tn: true negatives (weighted when sample weights are given)
 * @fp: false positives
 * @fn: false negatives
 * @tp: true positives
 *
 * The four cells of a binary confusion matrix, row `y_true`, column
 * `y_pred`: `[[tn, fp], [fn, tp]]`, as scikit-learn's
 * `confusion_matrix(y_true, y_pred, labels=[0, 1])`.
 *
 * Every score computed from it follows scikit-learn 1.2 with its default
 * `zero_division="warn"`, which returns 0: a ratio whose denominator is 0
 * (precision with no predicted positive, recall with no actual positive,
 * specificity with no actual negative) is 0, and so is an F-score whose
 * precision and recall are both 0.
 */
typedef struct
{
  double tn;
  double fp;
  double fn;
  double tp;
} OrchardBinaryCounts;

void    orchard_binary_counts_compute           (OrchardBinaryCounts       *counts,
                                                 const guint32             *y_true,
                                                 const double              *scores,
                                                 const double              *weights,
                                                 gsize                      n,
                                                 double                     threshold);
double  orchard_binary_counts_total             (const OrchardBinaryCounts *counts);
double  orchard_binary_counts_accuracy          (const OrchardBinaryCounts *counts);
double  orchard_binary_counts_balanced_accuracy (const OrchardBinaryCounts *counts);
double  orchard_binary_counts_precision         (const OrchardBinaryCounts *counts);
double  orchard_binary_counts_recall            (const OrchardBinaryCounts *counts);
double  orchard_binary_counts_specificity       (const OrchardBinaryCounts *counts);
double  orchard_binary_counts_fbeta             (const OrchardBinaryCounts *counts,
                                                 double                     beta);
double  orchard_binary_counts_f1                (const OrchardBinaryCounts *counts);
double  orchard_binary_counts_mcc               (const OrchardBinaryCounts *counts);

G_END_DECLS
