/* orchard-line-plot.h: named series of x/y points joined by lines
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "orchard-plot.h"

G_BEGIN_DECLS

#define ORCHARD_TYPE_LINE_PLOT (orchard_line_plot_get_type ())

G_DECLARE_FINAL_TYPE (OrchardLinePlot, orchard_line_plot, ORCHARD, LINE_PLOT, OrchardPlot)

GtkWidget  *orchard_line_plot_new             (void);
guint       orchard_line_plot_add_series      (OrchardLinePlot *self,
                                               const char      *name,
                                               const double    *x,
                                               const double    *y,
                                               guint            n_points);
void        orchard_line_plot_set_series_data (OrchardLinePlot *self,
                                               guint            series,
                                               const double    *x,
                                               const double    *y,
                                               guint            n_points);
void        orchard_line_plot_append_point    (OrchardLinePlot *self,
                                               guint            series,
                                               double           x,
                                               double           y);
void        orchard_line_plot_clear           (OrchardLinePlot *self);
guint       orchard_line_plot_get_n_series    (OrchardLinePlot *self);
guint       orchard_line_plot_get_n_points    (OrchardLinePlot *self,
                                               guint            series);
const char *orchard_line_plot_get_series_name (OrchardLinePlot *self,
                                               guint            series);
gboolean    orchard_line_plot_get_show_points (OrchardLinePlot *self);
void        orchard_line_plot_set_show_points (OrchardLinePlot *self,
                                               gboolean         show_points);

G_END_DECLS
