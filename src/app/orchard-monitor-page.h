/* orchard-monitor-page.h: the Monitor phase: has the data drifted from its reference?
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "orchard-monitor-report.h"
#include "orchard-session.h"

G_BEGIN_DECLS

#define ORCHARD_TYPE_MONITOR_PAGE (orchard_monitor_page_get_type ())

G_DECLARE_FINAL_TYPE (OrchardMonitorPage, orchard_monitor_page, ORCHARD, MONITOR_PAGE, GtkWidget)

OrchardSession       *orchard_monitor_page_get_session        (OrchardMonitorPage   *self);
void                  orchard_monitor_page_set_session        (OrchardMonitorPage   *self,
                                                               OrchardSession       *session);
void                  orchard_monitor_page_set_reference_file (OrchardMonitorPage   *self,
                                                               GFile                *file);
void                  orchard_monitor_page_set_current_file   (OrchardMonitorPage   *self,
                                                               GFile                *file);
gboolean              orchard_monitor_page_get_busy           (OrchardMonitorPage   *self);
const char           *orchard_monitor_page_get_summary        (OrchardMonitorPage   *self);
const char           *orchard_monitor_page_get_error          (OrchardMonitorPage   *self);
OrchardDriftReport   *orchard_monitor_page_get_report         (OrchardMonitorPage   *self);
const char           *orchard_monitor_page_get_reference_name (OrchardMonitorPage   *self);
const char           *orchard_monitor_page_get_current_name   (OrchardMonitorPage   *self);
const char           *orchard_monitor_page_get_banner_text    (OrchardMonitorPage   *self,
                                                               guint                 line);
guint                 orchard_monitor_page_get_n_rows         (OrchardMonitorPage   *self,
                                                               gboolean              predictions);
const char           *orchard_monitor_page_get_row_text       (OrchardMonitorPage   *self,
                                                               gboolean              predictions,
                                                               guint                 row,
                                                               const char           *key);
GtkWidget            *orchard_monitor_page_get_row_sparkline  (OrchardMonitorPage   *self,
                                                               gboolean              predictions,
                                                               guint                 row);
gboolean              orchard_monitor_page_select_column      (OrchardMonitorPage   *self,
                                                               const char           *name);
const char           *orchard_monitor_page_get_selected       (OrchardMonitorPage   *self);
GtkWidget            *orchard_monitor_page_get_plot           (OrchardMonitorPage   *self);
const char           *orchard_monitor_page_get_explanation    (OrchardMonitorPage   *self);
OrchardDriftTimeline *orchard_monitor_page_get_timeline       (OrchardMonitorPage   *self);
AdwComboRow          *orchard_monitor_page_get_chunking_row   (OrchardMonitorPage   *self);
GtkSpinButton        *orchard_monitor_page_get_chunk_spin     (OrchardMonitorPage   *self,
                                                               gboolean              count);
AdwComboRow          *orchard_monitor_page_get_period_row     (OrchardMonitorPage   *self);
AdwComboRow          *orchard_monitor_page_get_correction_row (OrchardMonitorPage   *self);
AdwComboRow          *orchard_monitor_page_get_test_row       (OrchardMonitorPage   *self);
GtkSpinButton        *orchard_monitor_page_get_threshold_spin (OrchardMonitorPage   *self);
void                  orchard_monitor_page_export_async       (OrchardMonitorPage   *self,
                                                               GFile                *file,
                                                               OrchardMonitorExport  format,
                                                               GCancellable         *cancellable,
                                                               GAsyncReadyCallback   callback,
                                                               gpointer              user_data);
gboolean              orchard_monitor_page_export_finish      (OrchardMonitorPage   *self,
                                                               GAsyncResult         *result,
                                                               GError              **error);
void                  orchard_monitor_page_use_project_dataset (OrchardMonitorPage  *self,
                                                                gint64               dataset_id);
void                  orchard_monitor_page_use_project_run    (OrchardMonitorPage   *self,
                                                               gint64                run_id);
GMenuModel           *orchard_monitor_page_get_project_menu   (OrchardMonitorPage   *self);
gint64                orchard_monitor_page_get_history_reference (OrchardMonitorPage *self);
gint64                orchard_monitor_page_get_shown_batch    (OrchardMonitorPage   *self);
guint                 orchard_monitor_page_get_n_history      (OrchardMonitorPage   *self);
const char           *orchard_monitor_page_get_history_text   (OrchardMonitorPage   *self,
                                                               guint                 row,
                                                               const char           *key);
gboolean              orchard_monitor_page_activate_history   (OrchardMonitorPage   *self,
                                                               guint                 row);
OrchardDriftTimeline *orchard_monitor_page_get_history_timeline (OrchardMonitorPage *self);

G_END_DECLS
