/* orchard-monitor-report.h: a drift report as plots, and as PDF, CSV and JSON files
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "orchard.h"
#include "orchard-plots.h"

G_BEGIN_DECLS

typedef enum
{
  ORCHARD_MONITOR_EXPORT_PDF,
  ORCHARD_MONITOR_EXPORT_CSV,
  ORCHARD_MONITOR_EXPORT_JSON,
} OrchardMonitorExport;

GtkWidget *orchard_monitor_plot_new          (const OrchardColumnDrift *column);
void       orchard_monitor_timeline_fill     (OrchardDriftTimeline     *timeline,
                                              OrchardDriftReport       *report);
int       *orchard_monitor_sorted_columns    (OrchardDriftReport       *report,
                                              gboolean                  predictions,
                                              guint                    *n);
GBytes    *orchard_monitor_report_csv        (OrchardDriftReport       *report);
GBytes    *orchard_monitor_report_json       (OrchardDriftReport       *report);
GBytes    *orchard_monitor_report_pdf        (OrchardDriftReport       *report,
                                              const char               *reference_name,
                                              const char               *current_name,
                                              GError                  **error);
GBytes    *orchard_monitor_report_export     (OrchardDriftReport       *report,
                                              OrchardMonitorExport      format,
                                              const char               *reference_name,
                                              const char               *current_name,
                                              GError                  **error);
gboolean   orchard_monitor_export_for_file   (GFile                    *file,
                                              OrchardMonitorExport     *format);

G_END_DECLS
