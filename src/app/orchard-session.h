/* orchard-session.h: the state the pages of one window share
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "orchard.h"
#include "orchard-prepared.h"
#include "orchard-model-run.h"

G_BEGIN_DECLS

#define ORCHARD_TYPE_SESSION (orchard_session_get_type ())

G_DECLARE_FINAL_TYPE (OrchardSession, orchard_session, ORCHARD, SESSION, GObject)

OrchardSession *orchard_session_new          (void);
OrchardTable   *orchard_session_get_table    (OrchardSession       *self);
OrchardProfile *orchard_session_get_profile  (OrchardSession       *self);
gboolean        orchard_session_get_profiling (OrchardSession      *self);
GFile          *orchard_session_get_file     (OrchardSession       *self);
gboolean        orchard_session_get_loading  (OrchardSession       *self);
GFile          *orchard_session_get_loading_file (OrchardSession   *self);
double          orchard_session_get_fraction (OrchardSession       *self);
const char     *orchard_session_get_message  (OrchardSession       *self);
void            orchard_session_load_async   (OrchardSession       *self,
                                              GFile                *file,
                                              OrchardReadOptions   *options,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
gboolean        orchard_session_load_finish  (OrchardSession       *self,
                                              GAsyncResult         *result,
                                              GError              **error);
void            orchard_session_cancel_load  (OrchardSession       *self);
void            orchard_session_set_role     (OrchardSession       *self,
                                              guint                 column,
                                              OrchardColumnRole     role);
char           *orchard_session_dup_summary  (OrchardSession       *self);

OrchardPipeline    *orchard_session_get_pipeline         (OrchardSession     *self);
OrchardSplit       *orchard_session_get_split            (OrchardSession     *self);
OrchardModelFamily  orchard_session_get_family           (OrchardSession     *self);
gboolean            orchard_session_get_automatic        (OrchardSession     *self);
void                orchard_session_make_automatic       (OrchardSession     *self,
                                                          OrchardModelFamily  family);
OrchardPrepared    *orchard_session_get_prepared         (OrchardSession     *self);
gboolean            orchard_session_get_preparing        (OrchardSession     *self);
double              orchard_session_get_prepare_fraction (OrchardSession     *self);
const char         *orchard_session_get_prepare_message  (OrchardSession     *self);
void                orchard_session_cancel_preparation   (OrchardSession     *self);

GListModel         *orchard_session_get_runs             (OrchardSession     *self);
void                orchard_session_add_run              (OrchardSession     *self,
                                                          OrchardModelRun    *run);
void                orchard_session_replace_run          (OrchardSession     *self,
                                                          OrchardModelRun    *old_run,
                                                          OrchardModelRun    *new_run);
void                orchard_session_remove_run           (OrchardSession     *self,
                                                          OrchardModelRun    *run);

OrchardProject     *orchard_session_get_project          (OrchardSession     *self);
void                orchard_session_set_project          (OrchardSession     *self,
                                                          OrchardProject     *project);
gint64              orchard_session_get_dataset_id       (OrchardSession     *self);
gboolean            orchard_session_get_recording        (OrchardSession     *self);
void                orchard_session_load_dataset_async   (OrchardSession           *self,
                                                          const OrchardDatasetInfo *info,
                                                          GCancellable             *cancellable,
                                                          GAsyncReadyCallback       callback,
                                                          gpointer                  user_data);

G_END_DECLS
