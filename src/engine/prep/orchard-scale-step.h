/* orchard-scale-step.h: put numeric columns on a common scale
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "orchard-step.h"

G_BEGIN_DECLS

/**
 * OrchardScaleMethod:
 * @ORCHARD_SCALE_STANDARD: subtract the mean, divide by the standard
 *   deviation (ddof = 0), as `StandardScaler`
 * @ORCHARD_SCALE_MIN_MAX: map the training range to 0 … 1, as `MinMaxScaler`
 * @ORCHARD_SCALE_ROBUST: subtract the median, divide by the interquartile
 *   range, as `RobustScaler`
 *
 * How a numeric column is scaled: (x − center) / scale. A scale of 0 (a
 * constant training column) is taken as 1, as scikit-learn does.
 */
typedef enum
{
  ORCHARD_SCALE_STANDARD,
  ORCHARD_SCALE_MIN_MAX,
  ORCHARD_SCALE_ROBUST,
} OrchardScaleMethod;

#define ORCHARD_TYPE_SCALE_METHOD (orchard_scale_method_get_type ())
GType orchard_scale_method_get_type (void) G_GNUC_CONST;

#define ORCHARD_TYPE_SCALE_STEP (orchard_scale_step_get_type ())

G_DECLARE_FINAL_TYPE (OrchardScaleStep, orchard_scale_step, ORCHARD, SCALE_STEP, GObject)

OrchardStep *orchard_scale_step_new (OrchardScaleMethod method);

G_END_DECLS
