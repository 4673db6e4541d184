/* orchard-model-run.h: one trained model as the Train and Evaluate pages see it
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "orchard.h"

G_BEGIN_DECLS

/* Not the engine's OrchardRun (src/engine/track/orchard-run.h), which is a
 * run as the project file records it: this is the trained model in memory
 * with its outputs on the validation and test rows, linked to that record
 * by orchard_model_run_set_record(). */

/**
 * OrchardModelRunPredictions:
 * @n_rows: the number of rows
 * @n_outputs: outputs per row: the class probabilities (in the order of the
 *   class labels) for classifiers, 1 (the predicted value) for regressors
 * @outputs: (array length=n_rows): row-major @n_rows × @n_outputs
 * @positive: (nullable): for binary classifiers, the probability of the
 *   second class (the positive one) of every row
 * @classes: (nullable): the true class index of every row (classifiers)
 * @values: (nullable): the true value of every row (regressors)
 *
 * The model's outputs on the rows of one part and their true labels.
 * Owned by the run.
 */
typedef struct
{
  gsize          n_rows;
  guint          n_outputs;
  const double  *outputs;
  const double  *positive;
  const guint32 *classes;
  const double  *values;
} OrchardModelRunPredictions;

#define ORCHARD_TYPE_MODEL_RUN (orchard_model_run_get_type ())

G_DECLARE_FINAL_TYPE (OrchardModelRun, orchard_model_run, ORCHARD, MODEL_RUN, GObject)

OrchardModelRun                    *orchard_model_run_new                (const char                *id,
                                                                          const char                *title,
                                                                          const char                *model_name,
                                                                          GVariant                  *params);
OrchardModelRun                    *orchard_model_run_new_from_trainer   (OrchardTrainer            *trainer,
                                                                          OrchardArtifact           *artifact,
                                                                          OrchardTable              *data,
                                                                          OrchardTable              *test_data,
                                                                          GCancellable              *cancellable,
                                                                          GError                   **error);
OrchardModelRun                    *orchard_model_run_new_from_project   (OrchardProject            *project,
                                                                          gint64                     run_id,
                                                                          OrchardProgress            progress,
                                                                          gpointer                   progress_data,
                                                                          GCancellable              *cancellable,
                                                                          GError                   **error);

const char                         *orchard_model_run_get_id             (OrchardModelRun           *self);
void                                orchard_model_run_set_id             (OrchardModelRun           *self,
                                                                          const char                *id);
const char                         *orchard_model_run_get_title          (OrchardModelRun           *self);
void                                orchard_model_run_set_title          (OrchardModelRun           *self,
                                                                          const char                *title);
const char                         *orchard_model_run_get_model_name     (OrchardModelRun           *self);
GVariant                           *orchard_model_run_get_params         (OrchardModelRun           *self);
OrchardRunStatus                    orchard_model_run_get_status         (OrchardModelRun           *self);
void                                orchard_model_run_set_status         (OrchardModelRun           *self,
                                                                          OrchardRunStatus           status);
OrchardRun                         *orchard_model_run_get_record         (OrchardModelRun           *self);
void                                orchard_model_run_set_record         (OrchardModelRun           *self,
                                                                          OrchardRun                *record);
const char                         *orchard_model_run_get_data_name      (OrchardModelRun           *self);
double                              orchard_model_run_get_seconds        (OrchardModelRun           *self);

OrchardArtifact                    *orchard_model_run_get_artifact       (OrchardModelRun           *self);
OrchardTask                         orchard_model_run_get_task           (OrchardModelRun           *self);
guint                               orchard_model_run_get_n_classes      (OrchardModelRun           *self);
const char * const                 *orchard_model_run_get_class_labels   (OrchardModelRun           *self);
OrchardMetrics                     *orchard_model_run_get_metrics        (OrchardModelRun           *self,
                                                                          OrchardPart                part);
const OrchardModelRunPredictions   *orchard_model_run_get_predictions    (OrchardModelRun           *self,
                                                                          OrchardPart                part);
OrchardTable                       *orchard_model_run_get_data           (OrchardModelRun           *self);
OrchardTable                       *orchard_model_run_get_rows           (OrchardModelRun           *self,
                                                                          OrchardPart                part);
const OrchardHistoryEntry          *orchard_model_run_get_history        (OrchardModelRun           *self,
                                                                          guint                     *n_entries);
gsize                               orchard_model_run_get_n_rows         (OrchardModelRun           *self,
                                                                          OrchardPart                part);

double                              orchard_model_run_get_threshold      (OrchardModelRun           *self);
gboolean                            orchard_model_run_set_threshold      (OrchardModelRun           *self,
                                                                          double                     threshold,
                                                                          GError                   **error);

void                                orchard_model_run_set_cv_scores      (OrchardModelRun           *self,
                                                                          const char                *metric,
                                                                          const double              *scores,
                                                                          gsize                      n_folds,
                                                                          gsize                      n_train,
                                                                          gsize                      n_test);
const double                       *orchard_model_run_get_cv_scores      (OrchardModelRun           *self,
                                                                          const char                *metric,
                                                                          gsize                     *n_folds);
void                                orchard_model_run_get_cv_sizes       (OrchardModelRun           *self,
                                                                          gsize                     *n_train,
                                                                          gsize                     *n_test);
char                              **orchard_model_run_list_cv_metrics    (OrchardModelRun           *self);

void                                orchard_model_run_set_importance     (OrchardModelRun           *self,
                                                                          const char * const        *features,
                                                                          const double              *mean,
                                                                          const double              *std,
                                                                          guint                      n_features);
guint                               orchard_model_run_get_importance     (OrchardModelRun           *self,
                                                                          const char * const       **features,
                                                                          const double             **mean,
                                                                          const double             **std);

void                                orchard_model_run_set_seconds        (OrchardModelRun           *self,
                                                                          double                     seconds);
void                                orchard_model_run_set_history        (OrchardModelRun           *self,
                                                                          const OrchardHistoryEntry *entries,
                                                                          guint                      n_entries);
const char                         *orchard_model_run_get_message        (OrchardModelRun           *self);
void                                orchard_model_run_set_message        (OrchardModelRun           *self,
                                                                          const char                *message);
const char                         *orchard_model_run_get_note           (OrchardModelRun           *self);
void                                orchard_model_run_set_note           (OrchardModelRun           *self,
                                                                          const char                *note);
const char * const                 *orchard_model_run_get_tags           (OrchardModelRun           *self);
void                                orchard_model_run_set_tags           (OrchardModelRun           *self,
                                                                          const char * const        *tags);

G_END_DECLS
