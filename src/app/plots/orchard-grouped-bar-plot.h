/* orchard-grouped-bar-plot.h: several series over the same categories, bars side by side
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "orchard-plot.h"

G_BEGIN_DECLS

#define ORCHARD_TYPE_GROUPED_BAR_PLOT (orchard_grouped_bar_plot_get_type ())

G_DECLARE_FINAL_TYPE (OrchardGroupedBarPlot, orchard_grouped_bar_plot, ORCHARD, GROUPED_BAR_PLOT, OrchardPlot)

GtkWidget  *orchard_grouped_bar_plot_new              (void);
void        orchard_grouped_bar_plot_set_categories   (OrchardGroupedBarPlot *self,
                                                       const char * const    *labels,
                                                       guint                  n_categories);
guint       orchard_grouped_bar_plot_add_series       (OrchardGroupedBarPlot *self,
                                                       const char            *name,
                                                       const double          *values);
void        orchard_grouped_bar_plot_clear            (OrchardGroupedBarPlot *self);
guint       orchard_grouped_bar_plot_get_n_categories (OrchardGroupedBarPlot *self);
guint       orchard_grouped_bar_plot_get_n_series     (OrchardGroupedBarPlot *self);
const char *orchard_grouped_bar_plot_get_series_name  (OrchardGroupedBarPlot *self,
                                                       guint                  series);
double      orchard_grouped_bar_plot_get_value        (OrchardGroupedBarPlot *self,
                                                       guint                  series,
                                                       guint                  category);
gboolean    orchard_grouped_bar_plot_get_shares       (OrchardGroupedBarPlot *self);
void        orchard_grouped_bar_plot_set_shares       (OrchardGroupedBarPlot *self,
                                                       gboolean               shares);

G_END_DECLS
