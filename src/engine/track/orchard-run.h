/* orchard-run.h: one recorded experiment of a project, as read back
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/**
 * OrchardRunStatus:
 * @ORCHARD_RUN_RUNNING: begun and not ended yet (or its process is still alive)
 * @ORCHARD_RUN_FINISHED: ended with its metrics
 * @ORCHARD_RUN_FAILED: ended with an error, or interrupted: its process
 *   ended without finishing it (the status message says which)
 * @ORCHARD_RUN_CANCELLED: stopped by the user
 *
 * Where a run is in its life. The names, as files, filters and the command
 * line spell them, are "running", "finished", "failed" and "cancelled".
 */
typedef enum
{
  ORCHARD_RUN_RUNNING,
  ORCHARD_RUN_FINISHED,
  ORCHARD_RUN_FAILED,
  ORCHARD_RUN_CANCELLED,
} OrchardRunStatus;

const char *orchard_run_status_to_string   (OrchardRunStatus  status);
gboolean    orchard_run_status_from_string (const char       *str,
                                            OrchardRunStatus *status);

/**
 * ORCHARD_RUN_FOLD_NONE:
 *
 * The fold of a metric of a whole split rather than of one cross-validation fold.
 */
#define ORCHARD_RUN_FOLD_NONE (-1)

#define ORCHARD_TYPE_RUN (orchard_run_get_type ())

G_DECLARE_FINAL_TYPE (OrchardRun, orchard_run, ORCHARD, RUN, GObject)

gint64              orchard_run_get_id             (OrchardRun  *self);
const char         *orchard_run_get_uuid           (OrchardRun  *self);
const char         *orchard_run_get_model          (OrchardRun  *self);
const char         *orchard_run_get_target         (OrchardRun  *self);
OrchardRunStatus    orchard_run_get_status         (OrchardRun  *self);
const char         *orchard_run_get_status_message (OrchardRun  *self);
gint64              orchard_run_get_dataset_id     (OrchardRun  *self);
const char         *orchard_run_get_data_hash      (OrchardRun  *self);
const char         *orchard_run_get_dataset_name   (OrchardRun  *self);
gint64              orchard_run_get_parent_id      (OrchardRun  *self);
gint64              orchard_run_get_start_time     (OrchardRun  *self);
gint64              orchard_run_get_end_time       (OrchardRun  *self);
double              orchard_run_get_duration       (OrchardRun  *self);
guint64             orchard_run_get_seed           (OrchardRun  *self);
const char         *orchard_run_get_split          (OrchardRun  *self);
void                orchard_run_get_fractions      (OrchardRun  *self,
                                                    double      *train,
                                                    double      *valid,
                                                    double      *test);
const char         *orchard_run_get_pipeline       (OrchardRun  *self);
const char         *orchard_run_get_pipeline_spec  (OrchardRun  *self);
const char         *orchard_run_get_app_version    (OrchardRun  *self);
const char         *orchard_run_get_host           (OrchardRun  *self);
const char         *orchard_run_get_note           (OrchardRun  *self);
const char         *orchard_run_get_bundle_checksum (OrchardRun *self);
double              orchard_run_get_sort_value     (OrchardRun  *self);

GVariant           *orchard_run_get_params         (OrchardRun  *self);
char               *orchard_run_dup_param_text     (OrchardRun  *self,
                                                    const char  *name);

guint               orchard_run_get_n_metrics      (OrchardRun  *self);
void                orchard_run_get_metric_at      (OrchardRun  *self,
                                                    guint        index,
                                                    const char **split,
                                                    int         *fold,
                                                    const char **name,
                                                    double      *value);
gboolean            orchard_run_lookup_metric      (OrchardRun  *self,
                                                    const char  *split,
                                                    int          fold,
                                                    const char  *name,
                                                    double      *value);

GHashTable         *orchard_run_get_tags           (OrchardRun  *self);
const char * const *orchard_run_get_curve_names    (OrchardRun  *self);

JsonNode           *orchard_run_to_json            (OrchardRun  *self,
                                                    gboolean     full);

G_END_DECLS
