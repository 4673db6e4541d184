/* orchard-plot-axis.h: maps data values of one plot dimension to 0..1, with ticks
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * OrchardPlotAxisKind:
 * @ORCHARD_PLOT_AXIS_LINEAR: continuous values, ticks at 1-2-5 steps
 * @ORCHARD_PLOT_AXIS_LOG: positive values on a base-10 logarithmic scale
 * @ORCHARD_PLOT_AXIS_BAND: named categories, each owning an equal band; value i is category i
 */
typedef enum
{
  ORCHARD_PLOT_AXIS_LINEAR,
  ORCHARD_PLOT_AXIS_LOG,
  ORCHARD_PLOT_AXIS_BAND,
} OrchardPlotAxisKind;

/**
 * OrchardPlotTick:
 * @value: the data value of the tick (the category index on a band axis)
 * @position: where it lies, 0..1 along the axis
 * @label: its label
 */
typedef struct
{
  double      value;
  double      position;
  const char *label;
} OrchardPlotTick;

#define ORCHARD_TYPE_PLOT_AXIS (orchard_plot_axis_get_type ())

G_DECLARE_FINAL_TYPE (OrchardPlotAxis, orchard_plot_axis, ORCHARD, PLOT_AXIS, GObject)

OrchardPlotAxis       *orchard_plot_axis_new              (OrchardPlotAxisKind  kind);
OrchardPlotAxisKind    orchard_plot_axis_get_kind         (OrchardPlotAxis     *self);
const char            *orchard_plot_axis_get_title        (OrchardPlotAxis     *self);
void                   orchard_plot_axis_set_title        (OrchardPlotAxis     *self,
                                                           const char          *title);
gboolean               orchard_plot_axis_get_auto_range   (OrchardPlotAxis     *self);
void                   orchard_plot_axis_set_auto_range   (OrchardPlotAxis     *self,
                                                           gboolean             auto_range);
void                   orchard_plot_axis_set_range        (OrchardPlotAxis     *self,
                                                           double               min,
                                                           double               max);
void                   orchard_plot_axis_get_range        (OrchardPlotAxis     *self,
                                                           double              *min,
                                                           double              *max);
void                   orchard_plot_axis_set_data_extent  (OrchardPlotAxis     *self,
                                                           double               min,
                                                           double               max);
gboolean               orchard_plot_axis_get_include_zero (OrchardPlotAxis     *self);
void                   orchard_plot_axis_set_include_zero (OrchardPlotAxis     *self,
                                                           gboolean             include_zero);
gboolean               orchard_plot_axis_get_nice         (OrchardPlotAxis     *self);
void                   orchard_plot_axis_set_nice         (OrchardPlotAxis     *self,
                                                           gboolean             nice);
gboolean               orchard_plot_axis_get_reversed     (OrchardPlotAxis     *self);
void                   orchard_plot_axis_set_reversed     (OrchardPlotAxis     *self,
                                                           gboolean             reversed);
gboolean               orchard_plot_axis_get_percent      (OrchardPlotAxis     *self);
void                   orchard_plot_axis_set_percent      (OrchardPlotAxis     *self,
                                                           gboolean             percent);
const char * const    *orchard_plot_axis_get_categories   (OrchardPlotAxis     *self);
void                   orchard_plot_axis_set_categories   (OrchardPlotAxis     *self,
                                                           const char * const  *categories);
guint                  orchard_plot_axis_get_n_categories (OrchardPlotAxis     *self);
double                 orchard_plot_axis_get_padding      (OrchardPlotAxis     *self);
void                   orchard_plot_axis_set_padding      (OrchardPlotAxis     *self,
                                                           double               padding);

double                 orchard_plot_axis_map              (OrchardPlotAxis     *self,
                                                           double               value);
double                 orchard_plot_axis_unmap            (OrchardPlotAxis     *self,
                                                           double               position);
double                 orchard_plot_axis_get_band_width   (OrchardPlotAxis     *self);
const OrchardPlotTick *orchard_plot_axis_get_ticks        (OrchardPlotAxis     *self,
                                                           guint                max_ticks,
                                                           guint               *n_ticks);
char                  *orchard_plot_axis_format_value     (OrchardPlotAxis     *self,
                                                           double               value);

double                 orchard_plot_nice_step             (double               span,
                                                           guint                max_intervals);
char                  *orchard_plot_format_number         (double               value,
                                                           double               step);
char                  *orchard_plot_format_value          (double               value);

G_END_DECLS
