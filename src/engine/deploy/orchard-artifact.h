/* orchard-artifact.h: the deployable model bundle, *.orchard-model
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "orchard-matrix.h"
#include "orchard-metrics.h"
#include "orchard-model.h"
#include "orchard-pipeline.h"
#include "orchard-reference-profile.h"
#include "orchard-split.h"
#include "orchard-table.h"

G_BEGIN_DECLS

/**
 * ORCHARD_ARTIFACT_MAGIC:
 *
 * The first bytes of every bundle: this string and its NUL.
 */
#define ORCHARD_ARTIFACT_MAGIC "orchard-model"

/**
 * ORCHARD_ARTIFACT_FORMAT_VERSION:
 *
 * The version of the bundle format this Orchard writes, and the only one
 * it reads.
 */
#define ORCHARD_ARTIFACT_FORMAT_VERSION 1

/**
 * ORCHARD_ARTIFACT_FILE_TYPE:
 *
 * The type of a bundle file: (magic, format version, payload, SHA-256 of
 * the payload). The payload is a serialised %ORCHARD_ARTIFACT_PAYLOAD_TYPE.
 * Every later version keeps the magic and the version where they are, so
 * that a newer bundle is recognised as such.
 */
#define ORCHARD_ARTIFACT_FILE_TYPE ((const GVariantType *) "(suayay)")

/**
 * ORCHARD_ARTIFACT_PAYLOAD_TYPE:
 *
 * The type of the payload of version 1: (target, task, input schema
 * `a(name, kind, role, required, levels)`, class labels, decision
 * threshold, fitted pipeline, model (%ORCHARD_MODEL_VARIANT_TYPE), metrics
 * `a(part, rows, values, confusion matrix)`, lineage, and maybe the drift
 * reference profile of the training rows, boxed in a variant so that its own
 * versions can change without this format's).
 */
#define ORCHARD_ARTIFACT_PAYLOAD_TYPE \
  ((const GVariantType *) "(ssa(sssbas)asda{sv}(usua{sv}sasasa(uddd)ia{sv})a(sta{sd}ad)a{sv}mv)")

/**
 * OrchardArtifactColumn:
 * @name: the column name
 * @kind: the kind the pipeline was fitted with
 * @role: the role it had
 * @required: whether new data must have it: a feature some model input
 *   is derived from
 * @n_levels: the number of levels (categorical and text columns)
 * @levels: (array length=n_levels): the levels the training rows held,
 *   sorted
 *
 * One column of a bundle's input schema. Owned by the artifact.
 */
typedef struct
{
  const char          *name;
  OrchardColumnKind    kind;
  OrchardColumnRole    role;
  gboolean             required;
  guint                n_levels;
  const char * const  *levels;
} OrchardArtifactColumn;

#define ORCHARD_TYPE_ARTIFACT (orchard_artifact_get_type ())

G_DECLARE_FINAL_TYPE (OrchardArtifact, orchard_artifact, ORCHARD, ARTIFACT, GObject)

OrchardArtifact             *orchard_artifact_new              (OrchardPipeline     *pipeline,
                                                                OrchardModel        *model,
                                                                OrchardTable        *table,
                                                                const gsize         *rows,
                                                                gsize                n_rows,
                                                                GError             **error);
OrchardArtifact             *orchard_artifact_new_from_bytes   (GBytes              *bytes,
                                                                const char          *name,
                                                                GError             **error);
OrchardArtifact             *orchard_artifact_load             (GFile               *file,
                                                                GCancellable        *cancellable,
                                                                GError             **error);
GBytes                      *orchard_artifact_to_bytes         (OrchardArtifact     *self);
gboolean                     orchard_artifact_save             (OrchardArtifact     *self,
                                                                GFile               *file,
                                                                GCancellable        *cancellable,
                                                                GError             **error);

OrchardPipeline             *orchard_artifact_get_pipeline     (OrchardArtifact     *self);
OrchardModel                *orchard_artifact_get_model        (OrchardArtifact     *self);
const char                  *orchard_artifact_get_target       (OrchardArtifact     *self);
OrchardTask                  orchard_artifact_get_task         (OrchardArtifact     *self);
guint                        orchard_artifact_get_n_classes    (OrchardArtifact     *self);
const char * const          *orchard_artifact_get_class_labels (OrchardArtifact     *self);
guint                        orchard_artifact_get_n_columns    (OrchardArtifact     *self);
const OrchardArtifactColumn *orchard_artifact_get_column       (OrchardArtifact     *self,
                                                                guint                index);
const char                  *orchard_artifact_get_checksum     (OrchardArtifact     *self);

double                       orchard_artifact_get_threshold    (OrchardArtifact     *self);
gboolean                     orchard_artifact_set_threshold    (OrchardArtifact     *self,
                                                                double               threshold,
                                                                GError             **error);

gboolean                     orchard_artifact_set_metrics      (OrchardArtifact     *self,
                                                                OrchardPart          part,
                                                                OrchardMetrics      *metrics,
                                                                GError             **error);
GVariant                    *orchard_artifact_get_metrics      (OrchardArtifact     *self,
                                                                OrchardPart          part,
                                                                gsize               *n_rows);
JsonNode                    *orchard_artifact_metrics_to_json  (OrchardArtifact     *self,
                                                                OrchardPart          part);

gboolean                     orchard_artifact_set_lineage      (OrchardArtifact     *self,
                                                                GVariant            *lineage,
                                                                GError             **error);
GVariant                    *orchard_artifact_get_lineage      (OrchardArtifact     *self);
const char                  *orchard_artifact_get_data_hash    (OrchardArtifact     *self);
guint64                      orchard_artifact_get_seed         (OrchardArtifact     *self);
const char                  *orchard_artifact_get_app_version  (OrchardArtifact     *self);
GDateTime                   *orchard_artifact_get_created      (OrchardArtifact     *self);

void                     orchard_artifact_set_reference_profile (OrchardArtifact         *self,
                                                                 OrchardReferenceProfile *profile);
OrchardReferenceProfile *orchard_artifact_get_reference_profile (OrchardArtifact         *self);

OrchardMatrix               *orchard_artifact_predict          (OrchardArtifact     *self,
                                                                OrchardTable        *table,
                                                                char              ***warnings,
                                                                GCancellable        *cancellable,
                                                                GError             **error);
guint                        orchard_artifact_classify         (OrchardArtifact     *self,
                                                                const double        *outputs,
                                                                double               threshold);
OrchardTable                *orchard_artifact_outputs_to_table (OrchardArtifact     *self,
                                                                OrchardMatrix       *outputs,
                                                                double               threshold);

G_END_DECLS
