/* orchard-confusion-plot.h: a confusion matrix as a heatmap of counts and row shares
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "orchard-plot.h"

G_BEGIN_DECLS

#define ORCHARD_TYPE_CONFUSION_PLOT (orchard_confusion_plot_get_type ())

G_DECLARE_FINAL_TYPE (OrchardConfusionPlot, orchard_confusion_plot, ORCHARD, CONFUSION_PLOT, OrchardPlot)

GtkWidget  *orchard_confusion_plot_new         (void);
void        orchard_confusion_plot_set_matrix  (OrchardConfusionPlot *self,
                                                const char * const   *labels,
                                                const double         *counts,
                                                guint                 n_classes);
guint       orchard_confusion_plot_get_n_classes (OrchardConfusionPlot *self);
double      orchard_confusion_plot_get_count   (OrchardConfusionPlot *self,
                                                guint                 actual,
                                                guint                 predicted);
double      orchard_confusion_plot_get_row_share (OrchardConfusionPlot *self,
                                                guint                 actual,
                                                guint                 predicted);

G_END_DECLS
