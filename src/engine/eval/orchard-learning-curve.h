/* orchard-learning-curve.h: best iteration and overfitting in a training history
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * OrchardOverfitRule:
 * @window: how many final iterations are compared with the best one (5 by default)
 * @min_rise: how far, relative to the best validation loss, the validation
 *   loss must have risen to count (0.01, one per cent, by default)
 *
 * When orchard_learning_curve_analyze() calls a history overfitting; set
 * with orchard_overfit_rule_init().
 */
typedef struct
{
  guint  window;
  double min_rise;
} OrchardOverfitRule;

/**
 * OrchardLearningCurveReport:
 * @n_iterations: the length of the history
 * @best_iteration: the index (from 0) of the lowest validation loss, the
 *   first one on ties; a model should keep @best_iteration + 1 iterations
 * @best_valid_loss: the validation loss there
 * @train_loss_at_best: the training loss there (NaN without training losses)
 * @gap_at_best: validation minus training loss there (NaN without training losses)
 * @valid_rise: mean validation loss over the final window minus @best_valid_loss
 * @train_change: mean training loss over the final window minus
 *   @train_loss_at_best (negative: still falling; NaN without training losses)
 * @overfitting: whether the rule holds, see orchard_learning_curve_analyze()
 */
typedef struct
{
  gsize    n_iterations;
  gsize    best_iteration;
  double   best_valid_loss;
  double   train_loss_at_best;
  double   gap_at_best;
  double   valid_rise;
  double   train_change;
  gboolean overfitting;
} OrchardLearningCurveReport;

void     orchard_overfit_rule_init      (OrchardOverfitRule          *rule);
gboolean orchard_learning_curve_analyze (const double                *train_loss,
                                         const double                *valid_loss,
                                         gsize                        n_iterations,
                                         const OrchardOverfitRule    *rule,
                                         OrchardLearningCurveReport  *report,
                                         GError                     **error);

G_END_DECLS
