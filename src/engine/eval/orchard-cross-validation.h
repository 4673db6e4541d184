/* orchard-cross-validation.h: k-fold cross-validation with the pipeline re-fitted in every fold
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "orchard-comparison.h"
#include "orchard-matrix.h"
#include "orchard-metrics.h"
#include "orchard-model.h"
#include "orchard-pipeline.h"
#include "orchard-progress.h"
#include "orchard-split.h"
#include "orchard-table.h"

G_BEGIN_DECLS

/**
 * OrchardSizePoint:
 * @fraction: the share of each fold's training rows used, in (0, 1]
 * @n_train: the mean number of training rows over the folds
 * @train_mean: the mean of the metric on those training rows
 * @train_std: its standard deviation over the folds (ddof = 0)
 * @valid_mean: the mean of the metric on the folds' validation rows
 * @valid_std: its standard deviation over the folds (ddof = 0)
 *
 * One point of a learning curve against the training-set size, see
 * orchard_cross_validation_size_curve().
 */
typedef struct
{
  double fraction;
  double n_train;
  double train_mean;
  double train_std;
  double valid_mean;
  double valid_std;
} OrchardSizePoint;

#define ORCHARD_TYPE_CROSS_VALIDATION (orchard_cross_validation_get_type ())

G_DECLARE_FINAL_TYPE (OrchardCrossValidation, orchard_cross_validation, ORCHARD, CROSS_VALIDATION, GObject)

OrchardCrossValidation *orchard_cross_validation_new          (OrchardTable            *data,
                                                               const char              *target,
                                                               OrchardModel            *model);
void                orchard_cross_validation_set_pipeline     (OrchardCrossValidation  *self,
                                                               OrchardPipeline         *pipeline);
void                orchard_cross_validation_set_automatic_pipeline (OrchardCrossValidation *self,
                                                                     OrchardModelFamily      family);
void                orchard_cross_validation_set_split        (OrchardCrossValidation  *self,
                                                               OrchardSplit            *split);
gboolean            orchard_cross_validation_set_folds        (OrchardCrossValidation  *self,
                                                               guint                    n_folds,
                                                               guint                    n_repeats,
                                                               GError                 **error);
void                orchard_cross_validation_set_seed         (OrchardCrossValidation  *self,
                                                               guint64                  seed);
void                orchard_cross_validation_set_keep_models  (OrchardCrossValidation  *self,
                                                               gboolean                 keep);

gboolean            orchard_cross_validation_run              (OrchardCrossValidation  *self,
                                                               OrchardProgress          progress,
                                                               gpointer                 progress_data,
                                                               GCancellable            *cancellable,
                                                               GError                 **error);

OrchardTask         orchard_cross_validation_get_task         (OrchardCrossValidation  *self);
const char * const *orchard_cross_validation_get_labels       (OrchardCrossValidation  *self);
OrchardTable       *orchard_cross_validation_get_table        (OrchardCrossValidation  *self);
guint               orchard_cross_validation_get_n_folds      (OrchardCrossValidation  *self);
guint               orchard_cross_validation_get_n_repeats    (OrchardCrossValidation  *self);
guint64             orchard_cross_validation_get_seed         (OrchardCrossValidation  *self);
guint               orchard_cross_validation_get_n_results    (OrchardCrossValidation  *self);
guint               orchard_cross_validation_get_fold         (OrchardCrossValidation  *self,
                                                               guint                    index);
guint               orchard_cross_validation_get_repeat       (OrchardCrossValidation  *self,
                                                               guint                    index);
const gsize        *orchard_cross_validation_get_train_rows   (OrchardCrossValidation  *self,
                                                               guint                    index,
                                                               gsize                   *n_rows);
const gsize        *orchard_cross_validation_get_valid_rows   (OrchardCrossValidation  *self,
                                                               guint                    index,
                                                               gsize                   *n_rows);
OrchardMetrics     *orchard_cross_validation_get_metrics      (OrchardCrossValidation  *self,
                                                               guint                    index);
OrchardMatrix      *orchard_cross_validation_get_outputs      (OrchardCrossValidation  *self,
                                                               guint                    index);
OrchardPipeline    *orchard_cross_validation_get_pipeline     (OrchardCrossValidation  *self,
                                                               guint                    index);
OrchardModel       *orchard_cross_validation_get_model        (OrchardCrossValidation  *self,
                                                               guint                    index);
gboolean            orchard_cross_validation_get_summary      (OrchardCrossValidation  *self,
                                                               const char              *metric,
                                                               double                  *mean,
                                                               double                  *std);
JsonNode           *orchard_cross_validation_to_json          (OrchardCrossValidation  *self);

gboolean            orchard_cross_validation_compare          (OrchardCrossValidation  *a,
                                                               OrchardCrossValidation  *b,
                                                               const char              *metric,
                                                               OrchardCorrectedTTest   *result,
                                                               GError                 **error);

OrchardSizePoint   *orchard_cross_validation_size_curve       (OrchardCrossValidation  *self,
                                                               const char              *metric,
                                                               const double            *fractions,
                                                               guint                    n_fractions,
                                                               OrchardProgress          progress,
                                                               gpointer                 progress_data,
                                                               GCancellable            *cancellable,
                                                               GError                 **error);

G_END_DECLS
