/* orchard-recorded-runs.h: the project's runs that a window did not train
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "orchard-session.h"

G_BEGIN_DECLS

#define ORCHARD_TYPE_RECORDED_RUNS (orchard_recorded_runs_get_type ())

G_DECLARE_FINAL_TYPE (OrchardRecordedRuns, orchard_recorded_runs, ORCHARD, RECORDED_RUNS, GtkWidget)

OrchardSession *orchard_recorded_runs_get_session (OrchardRecordedRuns *self);
void            orchard_recorded_runs_set_session (OrchardRecordedRuns *self,
                                                   OrchardSession      *session);
guint           orchard_recorded_runs_get_n_runs  (OrchardRecordedRuns *self);
gint64          orchard_recorded_runs_get_run_id  (OrchardRecordedRuns *self,
                                                   guint                position);
void            orchard_recorded_runs_refresh     (OrchardRecordedRuns *self);
gboolean        orchard_recorded_runs_open        (OrchardRecordedRuns *self,
                                                   gint64               run_id);
gboolean        orchard_recorded_runs_get_loading (OrchardRecordedRuns *self);
void            orchard_recorded_runs_cancel      (OrchardRecordedRuns *self);
const char     *orchard_recorded_runs_get_error   (OrchardRecordedRuns *self,
                                                   gint64               run_id);

G_END_DECLS
