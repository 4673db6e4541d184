/* orchard-box-plot.h: the spread of a few groups of values, as boxes with their points
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "orchard-plot.h"

G_BEGIN_DECLS

#define ORCHARD_TYPE_BOX_PLOT (orchard_box_plot_get_type ())

G_DECLARE_FINAL_TYPE (OrchardBoxPlot, orchard_box_plot, ORCHARD, BOX_PLOT, OrchardPlot)

GtkWidget  *orchard_box_plot_new           (void);
guint       orchard_box_plot_add_group     (OrchardBoxPlot *self,
                                            const char     *name,
                                            const double   *values,
                                            guint           n_values);
void        orchard_box_plot_clear         (OrchardBoxPlot *self);
guint       orchard_box_plot_get_n_groups  (OrchardBoxPlot *self);
guint       orchard_box_plot_get_n_values  (OrchardBoxPlot *self,
                                            guint           group);
void        orchard_box_plot_get_quartiles (OrchardBoxPlot *self,
                                            guint           group,
                                            double         *q1,
                                            double         *median,
                                            double         *q3);

G_END_DECLS
