/* orchard-trainer.h: data → split → pipeline → model → metrics → bundle
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "orchard-artifact.h"
#include "orchard-metrics.h"
#include "orchard-model.h"
#include "orchard-pipeline.h"
#include "orchard-progress.h"
#include "orchard-split.h"
#include "orchard-table.h"

G_BEGIN_DECLS

#define ORCHARD_TYPE_TRAINER (orchard_trainer_get_type ())

G_DECLARE_FINAL_TYPE (OrchardTrainer, orchard_trainer, ORCHARD, TRAINER, GObject)

OrchardTrainer     *orchard_trainer_new          (OrchardTable     *data,
                                                  const char       *target,
                                                  OrchardModel     *model);
void                orchard_trainer_set_pipeline (OrchardTrainer   *self,
                                                  OrchardPipeline  *pipeline,
                                                  const char       *source);
void                orchard_trainer_set_automatic_pipeline (OrchardTrainer     *self,
                                                            OrchardModelFamily  family);
void                orchard_trainer_set_split    (OrchardTrainer   *self,
                                                  OrchardSplit     *split);
gboolean            orchard_trainer_set_fractions (OrchardTrainer  *self,
                                                  double            train,
                                                  double            valid,
                                                  double            test,
                                                  GError          **error);
void                orchard_trainer_set_test_data (OrchardTrainer  *self,
                                                  OrchardTable     *test);
void                orchard_trainer_set_seed     (OrchardTrainer   *self,
                                                  guint64           seed);
guint64             orchard_trainer_get_seed     (OrchardTrainer   *self);

OrchardArtifact    *orchard_trainer_train        (OrchardTrainer   *self,
                                                  OrchardProgress   progress,
                                                  gpointer          progress_data,
                                                  GCancellable     *cancellable,
                                                  GError          **error);

gboolean            orchard_trainer_evaluate     (OrchardTrainer   *self,
                                                  OrchardArtifact  *artifact,
                                                  GCancellable     *cancellable,
                                                  GError          **error);

OrchardSplit       *orchard_trainer_get_split    (OrchardTrainer   *self);
OrchardTable       *orchard_trainer_get_test_data (OrchardTrainer  *self);
OrchardPartition   *orchard_trainer_get_partition (OrchardTrainer  *self);
OrchardPipeline    *orchard_trainer_get_pipeline (OrchardTrainer   *self);
gsize               orchard_trainer_get_n_rows   (OrchardTrainer   *self,
                                                  OrchardPart       part);
OrchardMetrics     *orchard_trainer_get_metrics  (OrchardTrainer   *self,
                                                  OrchardPart       part);
double              orchard_trainer_get_seconds  (OrchardTrainer   *self);
const char * const *orchard_trainer_get_notes    (OrchardTrainer   *self);

G_END_DECLS
