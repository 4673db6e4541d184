/* orchard-bar-plot.h: one value per named category, as horizontal or vertical bars
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "orchard-plot.h"

G_BEGIN_DECLS

/**
 * OrchardBarPlotSort:
 * @ORCHARD_BAR_PLOT_SORT_NONE: bars in the order given
 * @ORCHARD_BAR_PLOT_SORT_DESCENDING: largest value first
 * @ORCHARD_BAR_PLOT_SORT_ASCENDING: smallest value first
 */
typedef enum
{
  ORCHARD_BAR_PLOT_SORT_NONE,
  ORCHARD_BAR_PLOT_SORT_DESCENDING,
  ORCHARD_BAR_PLOT_SORT_ASCENDING,
} OrchardBarPlotSort;

#define ORCHARD_TYPE_BAR_PLOT (orchard_bar_plot_get_type ())

G_DECLARE_FINAL_TYPE (OrchardBarPlot, orchard_bar_plot, ORCHARD, BAR_PLOT, OrchardPlot)

GtkWidget          *orchard_bar_plot_new             (void);
void                orchard_bar_plot_set_data        (OrchardBarPlot      *self,
                                                      const char * const  *labels,
                                                      const double        *values,
                                                      guint                n_values);
guint               orchard_bar_plot_get_n_bars      (OrchardBarPlot      *self);
const char         *orchard_bar_plot_get_bar_label   (OrchardBarPlot      *self,
                                                      guint                bar);
double              orchard_bar_plot_get_bar_value   (OrchardBarPlot      *self,
                                                      guint                bar);
OrchardBarPlotSort  orchard_bar_plot_get_sort        (OrchardBarPlot      *self);
void                orchard_bar_plot_set_sort        (OrchardBarPlot      *self,
                                                      OrchardBarPlotSort   sort);
guint               orchard_bar_plot_get_max_bars    (OrchardBarPlot      *self);
void                orchard_bar_plot_set_max_bars    (OrchardBarPlot      *self,
                                                      guint                max_bars);
gboolean            orchard_bar_plot_get_show_values (OrchardBarPlot      *self);
void                orchard_bar_plot_set_show_values (OrchardBarPlot      *self,
                                                      gboolean             show_values);
OrchardPlotAxis    *orchard_bar_plot_get_value_axis  (OrchardBarPlot      *self);
OrchardPlotAxis    *orchard_bar_plot_get_category_axis (OrchardBarPlot    *self);

G_END_DECLS
