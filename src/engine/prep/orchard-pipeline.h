/* orchard-pipeline.h: ordered steps, fitted on training rows, ending in a matrix
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "orchard-matrix.h"
#include "orchard-profile.h"
#include "orchard-progress.h"
#include "orchard-step.h"
#include "orchard-table.h"

G_BEGIN_DECLS

/**
 * OrchardModelFamily:
 * @ORCHARD_MODEL_FAMILY_TREES: decision trees and their ensembles: no
 *   scaling, categories as ordinal codes
 * @ORCHARD_MODEL_FAMILY_LINEAR: linear and logistic models
 * @ORCHARD_MODEL_FAMILY_KNN: nearest neighbours
 * @ORCHARD_MODEL_FAMILY_NEURAL: neural networks
 *
 * The kinds of learner whose needs decide an automatic pipeline.
 */
typedef enum
{
  ORCHARD_MODEL_FAMILY_TREES,
  ORCHARD_MODEL_FAMILY_LINEAR,
  ORCHARD_MODEL_FAMILY_KNN,
  ORCHARD_MODEL_FAMILY_NEURAL,
} OrchardModelFamily;

#define ORCHARD_TYPE_MODEL_FAMILY (orchard_model_family_get_type ())
GType orchard_model_family_get_type (void) G_GNUC_CONST;

const char *orchard_model_family_to_string   (OrchardModelFamily  family);
gboolean    orchard_model_family_from_string (const char         *str,
                                              OrchardModelFamily *family);

#define ORCHARD_TYPE_PIPELINE (orchard_pipeline_get_type ())

G_DECLARE_FINAL_TYPE (OrchardPipeline, orchard_pipeline, ORCHARD, PIPELINE, GObject)

OrchardPipeline    *orchard_pipeline_new                (void);
OrchardPipeline    *orchard_pipeline_new_auto           (OrchardProfile      *profile,
                                                         OrchardModelFamily   family);
OrchardPipeline    *orchard_pipeline_new_from_json      (JsonNode            *root,
                                                         const char          *where,
                                                         GError             **error);
OrchardPipeline    *orchard_pipeline_new_from_file      (GFile               *file,
                                                         GCancellable        *cancellable,
                                                         GError             **error);
OrchardPipeline    *orchard_pipeline_new_from_variant   (GVariant            *variant,
                                                         GError             **error);

guint               orchard_pipeline_get_n_steps        (OrchardPipeline     *self);
OrchardStep        *orchard_pipeline_get_step           (OrchardPipeline     *self,
                                                         guint                position);
void                orchard_pipeline_append             (OrchardPipeline     *self,
                                                         OrchardStep         *step);
void                orchard_pipeline_insert             (OrchardPipeline     *self,
                                                         guint                position,
                                                         OrchardStep         *step);
void                orchard_pipeline_remove             (OrchardPipeline     *self,
                                                         guint                position);
void                orchard_pipeline_move               (OrchardPipeline     *self,
                                                         guint                from,
                                                         guint                to);
const char * const *orchard_pipeline_get_notes          (OrchardPipeline     *self);
void                orchard_pipeline_add_note           (OrchardPipeline     *self,
                                                         const char          *note);

gboolean            orchard_pipeline_fit                (OrchardPipeline     *self,
                                                         OrchardTable        *table,
                                                         const gsize         *train_rows,
                                                         gsize                n_train,
                                                         OrchardProgress      progress,
                                                         gpointer             progress_data,
                                                         GCancellable        *cancellable,
                                                         GError             **error);
gboolean            orchard_pipeline_is_fitted          (OrchardPipeline     *self);
OrchardTable       *orchard_pipeline_transform_table    (OrchardPipeline     *self,
                                                         OrchardTable        *table,
                                                         GError             **error);
OrchardMatrix      *orchard_pipeline_transform          (OrchardPipeline     *self,
                                                         OrchardTable        *table,
                                                         GError             **error);
OrchardMatrix      *orchard_pipeline_vectorise          (OrchardPipeline     *self,
                                                         OrchardTable        *transformed,
                                                         GError             **error);
OrchardTable       *orchard_pipeline_get_training_table (OrchardPipeline     *self);
const char         *orchard_pipeline_get_target         (OrchardPipeline     *self);
guint               orchard_pipeline_get_n_features     (OrchardPipeline     *self);
const char         *orchard_pipeline_get_feature_name   (OrchardPipeline     *self,
                                                         guint                index);
const char         *orchard_pipeline_get_feature_source (OrchardPipeline     *self,
                                                         guint                index);
double              orchard_pipeline_get_class_weight   (OrchardPipeline     *self,
                                                         const char          *label);

JsonNode           *orchard_pipeline_to_json            (OrchardPipeline     *self);
char               *orchard_pipeline_to_spec            (OrchardPipeline     *self);
GVariant           *orchard_pipeline_to_variant         (OrchardPipeline     *self);

G_END_DECLS
