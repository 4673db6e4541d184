/* orchard-plot-painter.h: what a plot draws with, on screen or into a file
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/**
 * OrchardPlotColor:
 * @ORCHARD_PLOT_COLOR_BACKGROUND: what the plot sits on
 * @ORCHARD_PLOT_COLOR_FOREGROUND: text and strong lines
 * @ORCHARD_PLOT_COLOR_DIM: tick labels and secondary text
 * @ORCHARD_PLOT_COLOR_AXIS: axis lines
 * @ORCHARD_PLOT_COLOR_GRID: grid lines
 * @ORCHARD_PLOT_COLOR_ACCENT: the theme's accent (also the first series)
 *
 * The roles of the theme colours a plot uses; all follow light and dark.
 */
typedef enum
{
  ORCHARD_PLOT_COLOR_BACKGROUND,
  ORCHARD_PLOT_COLOR_FOREGROUND,
  ORCHARD_PLOT_COLOR_DIM,
  ORCHARD_PLOT_COLOR_AXIS,
  ORCHARD_PLOT_COLOR_GRID,
  ORCHARD_PLOT_COLOR_ACCENT,
} OrchardPlotColor;

/**
 * OrchardPlotText:
 * @ORCHARD_PLOT_TEXT_TITLE: the plot's title, bold
 * @ORCHARD_PLOT_TEXT_SUBTITLE: a line under the title, small and dim
 * @ORCHARD_PLOT_TEXT_AXIS_TITLE: an axis title
 * @ORCHARD_PLOT_TEXT_TICK: a tick label, small
 * @ORCHARD_PLOT_TEXT_LEGEND: a legend entry, small
 * @ORCHARD_PLOT_TEXT_VALUE: a value written on the data (bar ends, callouts), small, tabular
 */
typedef enum
{
  ORCHARD_PLOT_TEXT_TITLE,
  ORCHARD_PLOT_TEXT_SUBTITLE,
  ORCHARD_PLOT_TEXT_AXIS_TITLE,
  ORCHARD_PLOT_TEXT_TICK,
  ORCHARD_PLOT_TEXT_LEGEND,
  ORCHARD_PLOT_TEXT_VALUE,
} OrchardPlotText;

typedef struct _OrchardPlotPainter OrchardPlotPainter;

cairo_t               *orchard_plot_painter_get_cairo        (OrchardPlotPainter    *self);
const graphene_rect_t *orchard_plot_painter_get_area         (OrchardPlotPainter    *self);
const graphene_rect_t *orchard_plot_painter_get_bounds       (OrchardPlotPainter    *self);
double                 orchard_plot_painter_to_x             (OrchardPlotPainter    *self,
                                                              double                 fraction);
double                 orchard_plot_painter_to_y             (OrchardPlotPainter    *self,
                                                              double                 fraction);
double                 orchard_plot_painter_get_scale        (OrchardPlotPainter    *self);
double                 orchard_plot_painter_snap_line        (OrchardPlotPainter    *self,
                                                              double                 coord,
                                                              double                 line_width);
double                 orchard_plot_painter_snap_edge        (OrchardPlotPainter    *self,
                                                              double                 coord);
gboolean               orchard_plot_painter_is_dark          (OrchardPlotPainter    *self);
void                   orchard_plot_painter_get_color        (OrchardPlotPainter    *self,
                                                              OrchardPlotColor       role,
                                                              GdkRGBA               *color);
void                   orchard_plot_painter_get_series_color (OrchardPlotPainter    *self,
                                                              guint                  series,
                                                              GdkRGBA               *color);
void                   orchard_plot_painter_set_source       (OrchardPlotPainter    *self,
                                                              const GdkRGBA         *color,
                                                              double                 alpha);
PangoLayout           *orchard_plot_painter_create_layout    (OrchardPlotPainter    *self,
                                                              OrchardPlotText        style,
                                                              const char            *text);
void                   orchard_plot_painter_draw_layout      (OrchardPlotPainter    *self,
                                                              PangoLayout           *layout,
                                                              double                 x,
                                                              double                 y,
                                                              const GdkRGBA         *color);
void                   orchard_plot_painter_push_clip        (OrchardPlotPainter    *self,
                                                              const graphene_rect_t *rect);
void                   orchard_plot_painter_pop_clip         (OrchardPlotPainter    *self);

G_END_DECLS
