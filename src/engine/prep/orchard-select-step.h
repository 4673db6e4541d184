/* orchard-select-step.h: keep the features worth keeping
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "orchard-step.h"

G_BEGIN_DECLS

/**
 * OrchardSelectMethod:
 * @ORCHARD_SELECT_VARIANCE: drop numeric columns whose training variance
 *   (ddof = 0) is not above #OrchardSelectStep:variance-threshold, as
 *   `VarianceThreshold`
 * @ORCHARD_SELECT_CORRELATION: going through the numeric columns in order,
 *   drop each whose |Pearson correlation| with a column kept before it
 *   exceeds #OrchardSelectStep:correlation-threshold
 * @ORCHARD_SELECT_MUTUAL_INFO: keep the #OrchardSelectStep:k columns with the
 *   highest mutual information with the target, numbers binned at
 *   #OrchardSelectStep:bins training quantiles
 *
 * How features are selected; every score comes from the training rows.
 */
typedef enum
{
  ORCHARD_SELECT_VARIANCE,
  ORCHARD_SELECT_CORRELATION,
  ORCHARD_SELECT_MUTUAL_INFO,
} OrchardSelectMethod;

#define ORCHARD_TYPE_SELECT_METHOD (orchard_select_method_get_type ())
GType orchard_select_method_get_type (void) G_GNUC_CONST;

#define ORCHARD_TYPE_SELECT_STEP (orchard_select_step_get_type ())

G_DECLARE_FINAL_TYPE (OrchardSelectStep, orchard_select_step, ORCHARD, SELECT_STEP, GObject)

OrchardStep *orchard_select_step_new (OrchardSelectMethod method);

G_END_DECLS
