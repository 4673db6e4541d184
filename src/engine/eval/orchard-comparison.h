/* orchard-comparison.h: comparing two models evaluated on the same folds
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * OrchardCorrectedTTest:
 * @n_folds: J, the number of paired fold scores
 * @mean_difference: mean of score_a − score_b over the folds
 * @std_difference: sample standard deviation (ddof = 1) of the differences
 * @t: the corrected t statistic
 * @df: degrees of freedom, J − 1
 * @p_value: two-sided p-value of "the models score the same"
 * @probability_a_better: the probability that model A's expected score is
 *   higher than B's
 *
 * The result of orchard_corrected_ttest().
 */
typedef struct
{
  gsize  n_folds;
  double mean_difference;
  double std_difference;
  double t;
  double df;
  double p_value;
  double probability_a_better;
} OrchardCorrectedTTest;

gboolean orchard_corrected_ttest (const double           *scores_a,
                                  const double           *scores_b,
                                  gsize                   n_folds,
                                  gsize                   n_train,
                                  gsize                   n_test,
                                  OrchardCorrectedTTest  *result,
                                  GError                **error);

G_END_DECLS
