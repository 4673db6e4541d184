/* orchard-scatter-plot.h: predicted against actual values, as points or, for many, as density
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "orchard-plot.h"

G_BEGIN_DECLS

/**
 * ORCHARD_SCATTER_PLOT_DENSITY_LIMIT:
 *
 * Past this many points a scatter plot shades the density of a grid
 * instead of drawing every point.
 */
#define ORCHARD_SCATTER_PLOT_DENSITY_LIMIT 50000

#define ORCHARD_TYPE_SCATTER_PLOT (orchard_scatter_plot_get_type ())

G_DECLARE_FINAL_TYPE (OrchardScatterPlot, orchard_scatter_plot, ORCHARD, SCATTER_PLOT, OrchardPlot)

GtkWidget  *orchard_scatter_plot_new           (void);
void        orchard_scatter_plot_set_data      (OrchardScatterPlot *self,
                                                const char         *name,
                                                const double       *x,
                                                const double       *y,
                                                gsize               n_points);
gsize       orchard_scatter_plot_get_n_points  (OrchardScatterPlot *self);
gboolean    orchard_scatter_plot_get_density   (OrchardScatterPlot *self);
gboolean    orchard_scatter_plot_get_diagonal  (OrchardScatterPlot *self);
void        orchard_scatter_plot_set_diagonal  (OrchardScatterPlot *self,
                                                gboolean            diagonal);

G_END_DECLS
