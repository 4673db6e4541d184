/* orchard-evaluation.h: a model bundle's predictions on labelled data, and what they score
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "orchard-artifact.h"
#include "orchard-bootstrap.h"
#include "orchard-curve.h"
#include "orchard-metrics.h"
#include "orchard-table.h"
#include "orchard-threshold.h"

G_BEGIN_DECLS

#define ORCHARD_TYPE_EVALUATION (orchard_evaluation_get_type ())

G_DECLARE_FINAL_TYPE (OrchardEvaluation, orchard_evaluation, ORCHARD, EVALUATION, GObject)

OrchardEvaluation  *orchard_evaluation_new              (OrchardArtifact          *artifact,
                                                         OrchardTable             *data,
                                                         GCancellable             *cancellable,
                                                         GError                  **error);

OrchardArtifact    *orchard_evaluation_get_artifact     (OrchardEvaluation        *self);
OrchardTask         orchard_evaluation_get_task         (OrchardEvaluation        *self);
gsize               orchard_evaluation_get_n_rows       (OrchardEvaluation        *self);
gsize               orchard_evaluation_get_n_unlabelled (OrchardEvaluation        *self);
const gsize        *orchard_evaluation_get_rows         (OrchardEvaluation        *self);
const guint32      *orchard_evaluation_get_classes      (OrchardEvaluation        *self);
const double       *orchard_evaluation_get_values       (OrchardEvaluation        *self);
const double       *orchard_evaluation_get_scores       (OrchardEvaluation        *self);
OrchardMatrix      *orchard_evaluation_get_outputs      (OrchardEvaluation        *self);
const char * const *orchard_evaluation_get_warnings     (OrchardEvaluation        *self);

OrchardMetrics     *orchard_evaluation_compute_metrics  (OrchardEvaluation        *self,
                                                         double                    threshold,
                                                         GError                  **error);
OrchardCurve       *orchard_evaluation_compute_curve    (OrchardEvaluation        *self,
                                                         OrchardCurveKind          kind,
                                                         GError                  **error);
gboolean            orchard_evaluation_bootstrap        (OrchardEvaluation        *self,
                                                         const char               *metric,
                                                         double                    threshold,
                                                         const OrchardBootstrapOptions *options,
                                                         OrchardProgress           progress,
                                                         gpointer                  progress_data,
                                                         GCancellable             *cancellable,
                                                         OrchardInterval          *interval,
                                                         GError                  **error);
gboolean            orchard_evaluation_choose_threshold (OrchardEvaluation        *self,
                                                         OrchardThresholdCriterion criterion,
                                                         const OrchardCostMatrix  *cost,
                                                         double                   *threshold,
                                                         double                   *value,
                                                         GError                  **error);
gboolean            orchard_evaluation_apply_threshold  (OrchardEvaluation        *self,
                                                         OrchardThresholdCriterion criterion,
                                                         const OrchardCostMatrix  *cost,
                                                         double                   *threshold,
                                                         double                   *value,
                                                         GError                  **error);

G_END_DECLS
