/* orchard-curve-plot.h: ROC, precision-recall, calibration and gains curves of several models
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "orchard-plot.h"

G_BEGIN_DECLS

/**
 * OrchardCurvePlotKind:
 * @ORCHARD_CURVE_PLOT_ROC: true positive rate against false positive rate;
 *   chance is the diagonal, the summary the AUC
 * @ORCHARD_CURVE_PLOT_PRECISION_RECALL: precision against recall; chance is
 *   the share of positives, the summary the average precision
 * @ORCHARD_CURVE_PLOT_CALIBRATION: the share of positives against the mean
 *   predicted probability per bin; perfect calibration is the diagonal, the
 *   summary the expected calibration error
 * @ORCHARD_CURVE_PLOT_GAINS: the share of positives found against the share
 *   of rows taken, best scores first; chance is the diagonal
 *
 * What a curve plot shows: it decides the axis titles, the reference line
 * and the name of the summary in the legend.
 */
typedef enum
{
  ORCHARD_CURVE_PLOT_ROC,
  ORCHARD_CURVE_PLOT_PRECISION_RECALL,
  ORCHARD_CURVE_PLOT_CALIBRATION,
  ORCHARD_CURVE_PLOT_GAINS,
} OrchardCurvePlotKind;

#define ORCHARD_TYPE_CURVE_PLOT (orchard_curve_plot_get_type ())

G_DECLARE_FINAL_TYPE (OrchardCurvePlot, orchard_curve_plot, ORCHARD, CURVE_PLOT, OrchardPlot)

GtkWidget            *orchard_curve_plot_new               (OrchardCurvePlotKind  kind);
OrchardCurvePlotKind  orchard_curve_plot_get_kind          (OrchardCurvePlot     *self);
guint                 orchard_curve_plot_add_series        (OrchardCurvePlot     *self,
                                                            const char           *name,
                                                            const double         *x,
                                                            const double         *y,
                                                            guint                 n_points,
                                                            double                summary);
void                  orchard_curve_plot_set_marker        (OrchardCurvePlot     *self,
                                                            guint                 series,
                                                            double                x,
                                                            double                y);
void                  orchard_curve_plot_set_baseline      (OrchardCurvePlot     *self,
                                                            double                baseline);
void                  orchard_curve_plot_clear             (OrchardCurvePlot     *self);
guint                 orchard_curve_plot_get_n_series      (OrchardCurvePlot     *self);
guint                 orchard_curve_plot_get_n_points      (OrchardCurvePlot     *self,
                                                            guint                 series);
const char           *orchard_curve_plot_get_series_name   (OrchardCurvePlot     *self,
                                                            guint                 series);
double                orchard_curve_plot_get_summary       (OrchardCurvePlot     *self,
                                                            guint                 series);

G_END_DECLS
