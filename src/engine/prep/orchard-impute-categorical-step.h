/* orchard-impute-categorical-step.h: fill in missing categories
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "orchard-step.h"

G_BEGIN_DECLS

/**
 * OrchardImputeCategoricalStrategy:
 * @ORCHARD_IMPUTE_CATEGORICAL_MOST_FREQUENT: the most frequent training level
 *   (the first in code-point order of equally frequent ones)
 * @ORCHARD_IMPUTE_CATEGORICAL_CONSTANT: an explicit level,
 *   #OrchardImputeCategoricalStep:fill-value ("missing" by default)
 *
 * What a missing category becomes.
 */
typedef enum
{
  ORCHARD_IMPUTE_CATEGORICAL_MOST_FREQUENT,
  ORCHARD_IMPUTE_CATEGORICAL_CONSTANT,
} OrchardImputeCategoricalStrategy;

#define ORCHARD_TYPE_IMPUTE_CATEGORICAL_STRATEGY (orchard_impute_categorical_strategy_get_type ())
GType orchard_impute_categorical_strategy_get_type (void) G_GNUC_CONST;

#define ORCHARD_TYPE_IMPUTE_CATEGORICAL_STEP (orchard_impute_categorical_step_get_type ())

G_DECLARE_FINAL_TYPE (OrchardImputeCategoricalStep, orchard_impute_categorical_step,
                      ORCHARD, IMPUTE_CATEGORICAL_STEP, GObject)

OrchardStep *orchard_impute_categorical_step_new (OrchardImputeCategoricalStrategy strategy);

G_END_DECLS
