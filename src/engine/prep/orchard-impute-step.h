/* orchard-impute-step.h: fill in missing numbers
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "orchard-step.h"

G_BEGIN_DECLS

/**
 * OrchardImputeStrategy:
 * @ORCHARD_IMPUTE_MEAN: the mean of the training values
 * @ORCHARD_IMPUTE_MEDIAN: the median of the training values
 * @ORCHARD_IMPUTE_CONSTANT: the #OrchardImputeStep:fill-value
 * @ORCHARD_IMPUTE_MOST_FREQUENT: the most frequent training value (the
 *   smallest of equally frequent ones)
 *
 * What a missing number becomes.
 */
typedef enum
{
  ORCHARD_IMPUTE_MEAN,
  ORCHARD_IMPUTE_MEDIAN,
  ORCHARD_IMPUTE_CONSTANT,
  ORCHARD_IMPUTE_MOST_FREQUENT,
} OrchardImputeStrategy;

#define ORCHARD_TYPE_IMPUTE_STRATEGY (orchard_impute_strategy_get_type ())
GType orchard_impute_strategy_get_type (void) G_GNUC_CONST;

#define ORCHARD_TYPE_IMPUTE_STEP (orchard_impute_step_get_type ())

G_DECLARE_FINAL_TYPE (OrchardImputeStep, orchard_impute_step, ORCHARD, IMPUTE_STEP, GObject)

OrchardStep *orchard_impute_step_new (OrchardImputeStrategy strategy);

G_END_DECLS
