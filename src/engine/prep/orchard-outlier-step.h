/* orchard-outlier-step.h: tame extreme values
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "orchard-step.h"

G_BEGIN_DECLS

/**
 * OrchardOutlierRule:
 * @ORCHARD_OUTLIER_IQR: Tukey's fences, [Q1 − k·IQR, Q3 + k·IQR]
 * @ORCHARD_OUTLIER_Z_SCORE: [mean − z·sd, mean + z·sd], sd with ddof = 0
 * @ORCHARD_OUTLIER_PERCENTILE: the training quantiles
 *   #OrchardOutlierStep:lower-quantile and #OrchardOutlierStep:upper-quantile
 *   (winsorising, when the action is to clip)
 *
 * Where a numeric column's normal range ends; all bounds are learnt from
 * the training rows.
 */
typedef enum
{
  ORCHARD_OUTLIER_IQR,
  ORCHARD_OUTLIER_Z_SCORE,
  ORCHARD_OUTLIER_PERCENTILE,
} OrchardOutlierRule;

/**
 * OrchardOutlierAction:
 * @ORCHARD_OUTLIER_CLIP: move a value outside the bounds onto the nearer
 *   bound, in every table the step transforms
 * @ORCHARD_OUTLIER_REMOVE: remove the training rows with a value outside
 *   the bounds; other rows are never removed
 *
 * What happens to an outlier.
 */
typedef enum
{
  ORCHARD_OUTLIER_CLIP,
  ORCHARD_OUTLIER_REMOVE,
} OrchardOutlierAction;

#define ORCHARD_TYPE_OUTLIER_RULE (orchard_outlier_rule_get_type ())
GType orchard_outlier_rule_get_type (void) G_GNUC_CONST;
#define ORCHARD_TYPE_OUTLIER_ACTION (orchard_outlier_action_get_type ())
GType orchard_outlier_action_get_type (void) G_GNUC_CONST;

#define ORCHARD_TYPE_OUTLIER_STEP (orchard_outlier_step_get_type ())

G_DECLARE_FINAL_TYPE (OrchardOutlierStep, orchard_outlier_step, ORCHARD, OUTLIER_STEP, GObject)

OrchardStep *orchard_outlier_step_new (OrchardOutlierRule   rule,
                                       OrchardOutlierAction action);

G_END_DECLS
