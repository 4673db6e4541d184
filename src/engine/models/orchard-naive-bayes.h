/* orchard-naive-bayes.h: Gaussian, multinomial and categorical naive Bayes
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "orchard-model.h"

G_BEGIN_DECLS

/**
 * OrchardNaiveBayesDistribution:
 * @ORCHARD_NAIVE_BAYES_GAUSSIAN: each feature is normal within a class
 *   (scikit-learn's `GaussianNB`): for numbers on any scale
 * @ORCHARD_NAIVE_BAYES_MULTINOMIAL: features are counts or one-hot
 *   indicators (`MultinomialNB`); they must not be negative
 * @ORCHARD_NAIVE_BAYES_CATEGORICAL: each feature is a category code
 *   0, 1, 2, … (`CategoricalNB`), as the ordinal encoder writes them
 *
 * The distribution of the features within a class.
 */
typedef enum
{
  ORCHARD_NAIVE_BAYES_GAUSSIAN,
  ORCHARD_NAIVE_BAYES_MULTINOMIAL,
  ORCHARD_NAIVE_BAYES_CATEGORICAL,
} OrchardNaiveBayesDistribution;

#define ORCHARD_TYPE_NAIVE_BAYES_DISTRIBUTION (orchard_naive_bayes_distribution_get_type ())
#define ORCHARD_TYPE_NAIVE_BAYES (orchard_naive_bayes_get_type ())

GType orchard_naive_bayes_distribution_get_type (void) G_GNUC_CONST;

G_DECLARE_FINAL_TYPE (OrchardNaiveBayes, orchard_naive_bayes, ORCHARD, NAIVE_BAYES, OrchardModel)

OrchardModel *orchard_naive_bayes_new (OrchardNaiveBayesDistribution distribution);

G_END_DECLS
