/* orchard-prepared.h: a split and a pipeline fitted on its training rows
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "orchard.h"

G_BEGIN_DECLS

/**
 * OrchardPreparedColumn:
 * @name: a column's name
 * @kind: its kind
 *
 * A feature column as one step of a fitted pipeline saw it.
 */
typedef struct
{
  const char        *name;
  OrchardColumnKind  kind;
} OrchardPreparedColumn;

#define ORCHARD_TYPE_PREPARED (orchard_prepared_get_type ())

G_DECLARE_FINAL_TYPE (OrchardPrepared, orchard_prepared, ORCHARD, PREPARED, GObject)

OrchardPrepared             *orchard_prepared_compute          (OrchardTable        *table,
                                                                OrchardSplit        *split,
                                                                OrchardPipeline     *pipeline,
                                                                OrchardModelFamily   family,
                                                                OrchardProgress      progress,
                                                                gpointer             progress_data,
                                                                GCancellable        *cancellable,
                                                                GError             **error);

OrchardTable                *orchard_prepared_get_table        (OrchardPrepared     *self);
OrchardSplit                *orchard_prepared_get_split        (OrchardPrepared     *self);
OrchardPartition            *orchard_prepared_get_partition    (OrchardPrepared     *self);
OrchardPipeline             *orchard_prepared_get_pipeline     (OrchardPrepared     *self);
OrchardPipeline             *orchard_prepared_dup_spec         (OrchardPrepared     *self);
gboolean                     orchard_prepared_get_automatic    (OrchardPrepared     *self);
OrchardModelFamily           orchard_prepared_get_family       (OrchardPrepared     *self);
gboolean                     orchard_prepared_is_fitted        (OrchardPrepared     *self);
const GError                *orchard_prepared_get_error        (OrchardPrepared     *self);
int                          orchard_prepared_get_failed_step  (OrchardPrepared     *self);
OrchardProfile              *orchard_prepared_get_before       (OrchardPrepared     *self);
OrchardProfile              *orchard_prepared_get_after        (OrchardPrepared     *self);
const char                  *orchard_prepared_get_target       (OrchardPrepared     *self);
gsize                        orchard_prepared_get_n_rows       (OrchardPrepared     *self,
                                                                OrchardPart          part);
guint                        orchard_prepared_get_n_classes    (OrchardPrepared     *self);
const char                  *orchard_prepared_get_class        (OrchardPrepared     *self,
                                                                guint                index);
gsize                        orchard_prepared_get_class_count  (OrchardPrepared     *self,
                                                                OrchardPart          part,
                                                                guint                index);
double                       orchard_prepared_get_target_mean  (OrchardPrepared     *self,
                                                                OrchardPart          part);
guint                        orchard_prepared_get_n_step_inputs (OrchardPrepared    *self);
const OrchardPreparedColumn *orchard_prepared_get_step_inputs  (OrchardPrepared     *self,
                                                                guint                step,
                                                                guint               *n_columns);

G_END_DECLS
