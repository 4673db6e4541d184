/* orchard-metrics.h: the metrics of one set of predictions
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/**
 * OrchardMetricsTask:
 * @ORCHARD_METRICS_TASK_BINARY: two classes, coded 0 (negative) and 1 (positive)
 * @ORCHARD_METRICS_TASK_MULTICLASS: K >= 2 classes coded 0 … K-1, one probability each
 * @ORCHARD_METRICS_TASK_REGRESSION: a numeric target
 */
typedef enum
{
  ORCHARD_METRICS_TASK_BINARY,
  ORCHARD_METRICS_TASK_MULTICLASS,
  ORCHARD_METRICS_TASK_REGRESSION,
} OrchardMetricsTask;

#define ORCHARD_TYPE_METRICS (orchard_metrics_get_type ())

G_DECLARE_FINAL_TYPE (OrchardMetrics, orchard_metrics, ORCHARD, METRICS, GObject)

OrchardMetrics      *orchard_metrics_new_binary           (const guint32       *y_true,
                                                           const double        *proba,
                                                           const double        *weights,
                                                           gsize                n,
                                                           double               threshold,
                                                           const char * const  *labels,
                                                           GError             **error);
OrchardMetrics      *orchard_metrics_new_multiclass       (const guint32       *y_true,
                                                           const double        *proba,
                                                           gsize                n,
                                                           guint                n_classes,
                                                           const char * const  *labels,
                                                           GError             **error);
OrchardMetrics      *orchard_metrics_new_regression       (const double        *y_true,
                                                           const double        *y_pred,
                                                           gsize                n,
                                                           GError             **error);

OrchardMetricsTask   orchard_metrics_get_task             (OrchardMetrics      *self);
gsize                orchard_metrics_get_n_rows           (OrchardMetrics      *self);
double               orchard_metrics_get_threshold        (OrchardMetrics      *self);
guint                orchard_metrics_get_n_values         (OrchardMetrics      *self);
const char          *orchard_metrics_get_key              (OrchardMetrics      *self,
                                                           guint                index);
double               orchard_metrics_get_value            (OrchardMetrics      *self,
                                                           guint                index);
gboolean             orchard_metrics_lookup               (OrchardMetrics      *self,
                                                           const char          *key,
                                                           double              *value);
double               orchard_metrics_get                  (OrchardMetrics      *self,
                                                           const char          *key);
guint                orchard_metrics_get_n_labels         (OrchardMetrics      *self);
const char * const  *orchard_metrics_get_labels           (OrchardMetrics      *self);
const double        *orchard_metrics_get_confusion_matrix (OrchardMetrics      *self);
JsonNode            *orchard_metrics_to_json              (OrchardMetrics      *self);

const char          *orchard_metrics_task_to_string       (OrchardMetricsTask   task);
const char * const  *orchard_metrics_task_get_keys        (OrchardMetricsTask   task);
gboolean             orchard_metric_is_known              (OrchardMetricsTask   task,
                                                           const char          *key);
gboolean             orchard_metric_higher_is_better      (const char          *key);

G_END_DECLS
