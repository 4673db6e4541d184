/* orchard-histogram-plot.h: bins of a numeric column, optionally against a reference
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "orchard-plot.h"

G_BEGIN_DECLS

#define ORCHARD_TYPE_HISTOGRAM_PLOT (orchard_histogram_plot_get_type ())

G_DECLARE_FINAL_TYPE (OrchardHistogramPlot, orchard_histogram_plot, ORCHARD, HISTOGRAM_PLOT, OrchardPlot)

GtkWidget  *orchard_histogram_plot_new                (void);
void        orchard_histogram_plot_set_bins           (OrchardHistogramPlot *self,
                                                       const double         *edges,
                                                       const double         *counts,
                                                       guint                 n_bins);
void        orchard_histogram_plot_set_reference      (OrchardHistogramPlot *self,
                                                       const double         *edges,
                                                       const double         *counts,
                                                       guint                 n_bins);
guint       orchard_histogram_plot_get_n_bins         (OrchardHistogramPlot *self);
gboolean    orchard_histogram_plot_get_has_reference  (OrchardHistogramPlot *self);
const char *orchard_histogram_plot_get_name           (OrchardHistogramPlot *self);
void        orchard_histogram_plot_set_name           (OrchardHistogramPlot *self,
                                                       const char           *name);
const char *orchard_histogram_plot_get_reference_name (OrchardHistogramPlot *self);
void        orchard_histogram_plot_set_reference_name (OrchardHistogramPlot *self,
                                                       const char           *name);
gboolean    orchard_histogram_plot_get_shares         (OrchardHistogramPlot *self);
void        orchard_histogram_plot_set_shares         (OrchardHistogramPlot *self,
                                                       gboolean              shares);
gboolean    orchard_histogram_plot_get_density        (OrchardHistogramPlot *self);
void        orchard_histogram_plot_set_density        (OrchardHistogramPlot *self,
                                                       gboolean              density);

G_END_DECLS
