/* orchard-importance-plot.h: feature importances as sorted horizontal bars with error bars
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "orchard-plot.h"

G_BEGIN_DECLS

#define ORCHARD_TYPE_IMPORTANCE_PLOT (orchard_importance_plot_get_type ())

G_DECLARE_FINAL_TYPE (OrchardImportancePlot, orchard_importance_plot, ORCHARD, IMPORTANCE_PLOT, OrchardPlot)

GtkWidget  *orchard_importance_plot_new           (void);
void        orchard_importance_plot_set_data      (OrchardImportancePlot *self,
                                                   const char * const    *features,
                                                   const double          *mean,
                                                   const double          *std,
                                                   guint                  n_features);
guint       orchard_importance_plot_get_n_bars    (OrchardImportancePlot *self);
const char *orchard_importance_plot_get_bar_label (OrchardImportancePlot *self,
                                                   guint                  bar);
double      orchard_importance_plot_get_bar_value (OrchardImportancePlot *self,
                                                   guint                  bar);
guint       orchard_importance_plot_get_max_bars  (OrchardImportancePlot *self);
void        orchard_importance_plot_set_max_bars  (OrchardImportancePlot *self,
                                                   guint                  max_bars);

G_END_DECLS
