/* orchard-readiness.h: is a model ready to deploy?
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "orchard-metrics.h"

G_BEGIN_DECLS

/**
 * OrchardReadinessBars:
 * @metric: the headline metric key, e.g. "roc_auc"
 * @metric_bar: the validation value @metric must reach: at least this for
 *   scores, at most this for losses and errors (orchard_metric_higher_is_better());
 *   NaN for no bar
 * @max_gap: how much better @metric may be on the training data than on the
 *   validation data; NaN for no bar
 * @max_cv_std: the largest standard deviation of @metric across
 *   cross-validation folds; NaN for no bar
 *
 * The bars a model must clear. orchard_readiness_bars_init() gives
 * defaults to start from.
 */
typedef struct
{
  const char *metric;
  double      metric_bar;
  double      max_gap;
  double      max_cv_std;
} OrchardReadinessBars;

/**
 * OrchardReadinessCheckKind:
 * @ORCHARD_READINESS_CHECK_METRIC: the validation metric against its bar
 * @ORCHARD_READINESS_CHECK_GAP: the train–validation gap
 * @ORCHARD_READINESS_CHECK_CV_STD: the spread across cross-validation folds
 */
typedef enum
{
  ORCHARD_READINESS_CHECK_METRIC,
  ORCHARD_READINESS_CHECK_GAP,
  ORCHARD_READINESS_CHECK_CV_STD,
} OrchardReadinessCheckKind;

/**
 * OrchardReadinessStatus:
 * @ORCHARD_READINESS_PASSED: the bar is cleared
 * @ORCHARD_READINESS_FAILED: the bar is not cleared, or the metric is undefined
 * @ORCHARD_READINESS_SKIPPED: no bar was set, or the numbers to check are missing
 */
typedef enum
{
  ORCHARD_READINESS_PASSED,
  ORCHARD_READINESS_FAILED,
  ORCHARD_READINESS_SKIPPED,
} OrchardReadinessStatus;

/**
 * OrchardReadinessCheck:
 * @kind: what was checked
 * @status: the outcome
 * @value: the number checked (NaN when skipped or undefined)
 * @bar: the bar it was checked against (NaN when none)
 * @message: one translated sentence with the numbers, for the analyst
 *
 * One reason of a verdict. Owned by its #OrchardReadiness.
 */
typedef struct
{
  OrchardReadinessCheckKind  kind;
  OrchardReadinessStatus     status;
  double                     value;
  double                     bar;
  const char                *message;
} OrchardReadinessCheck;

#define ORCHARD_TYPE_READINESS (orchard_readiness_get_type ())

G_DECLARE_FINAL_TYPE (OrchardReadiness, orchard_readiness, ORCHARD, READINESS, GObject)

void                          orchard_readiness_bars_init    (OrchardReadinessBars        *bars,
                                                              OrchardMetricsTask           task);
OrchardReadiness             *orchard_readiness_evaluate     (const OrchardReadinessBars  *bars,
                                                              OrchardMetrics              *validation,
                                                              OrchardMetrics              *training,
                                                              double                       cv_std,
                                                              GError                     **error);
gboolean                      orchard_readiness_is_ready     (OrchardReadiness            *self);
const char                   *orchard_readiness_get_metric   (OrchardReadiness            *self);
guint                         orchard_readiness_get_n_checks (OrchardReadiness            *self);
const OrchardReadinessCheck  *orchard_readiness_get_check    (OrchardReadiness            *self,
                                                              guint                        index);
const char                   *orchard_readiness_get_summary  (OrchardReadiness            *self);
JsonNode                     *orchard_readiness_to_json      (OrchardReadiness            *self);

G_END_DECLS
