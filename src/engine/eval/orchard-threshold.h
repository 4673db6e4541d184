/* orchard-threshold.h: choosing the decision threshold of a binary classifier
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * OrchardThresholdCriterion:
 * @ORCHARD_THRESHOLD_MAX_F1: the largest F1 score
 * @ORCHARD_THRESHOLD_MAX_YOUDEN: the largest Youden's J, recall + specificity − 1
 *   (the ROC point farthest above the diagonal); needs both classes
 * @ORCHARD_THRESHOLD_MIN_COST: the smallest expected cost per row under an
 *   #OrchardCostMatrix
 */
typedef enum
{
  ORCHARD_THRESHOLD_MAX_F1,
  ORCHARD_THRESHOLD_MAX_YOUDEN,
  ORCHARD_THRESHOLD_MIN_COST,
} OrchardThresholdCriterion;

/**
 * OrchardCostMatrix:
 * @tn: cost of a true negative (usually 0)
 * @fp: cost of a false positive (a false alarm)
 * @fn: cost of a false negative (a missed positive)
 * @tp: cost of a true positive (usually 0, or negative for a gain)
 *
 * What each outcome of a decision costs, in any one unit.
 */
typedef struct
{
  double tn;
  double fp;
  double fn;
  double tp;
} OrchardCostMatrix;

gboolean     orchard_threshold_choose              (const guint32             *y_true,
                                                    const double              *scores,
                                                    const double              *weights,
                                                    gsize                      n,
                                                    OrchardThresholdCriterion  criterion,
                                                    const OrchardCostMatrix   *cost,
                                                    double                    *threshold,
                                                    double                    *value,
                                                    GError                   **error);

const char  *orchard_threshold_criterion_to_string (OrchardThresholdCriterion  criterion);
gboolean     orchard_threshold_criterion_from_string (const char              *name,
                                                      OrchardThresholdCriterion *criterion);

G_END_DECLS
