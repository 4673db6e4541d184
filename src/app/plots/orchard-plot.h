/* orchard-plot.h: the base of Orchard's plot widgets
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "orchard-plot-axis.h"
#include "orchard-plot-painter.h"

G_BEGIN_DECLS

/**
 * OrchardPlotFormat:
 * @ORCHARD_PLOT_FORMAT_PNG: a PNG image
 * @ORCHARD_PLOT_FORMAT_SVG: an SVG drawing
 * @ORCHARD_PLOT_FORMAT_PDF: a PDF document
 */
typedef enum
{
  ORCHARD_PLOT_FORMAT_PNG,
  ORCHARD_PLOT_FORMAT_SVG,
  ORCHARD_PLOT_FORMAT_PDF,
} OrchardPlotFormat;

/**
 * OrchardPlotMark:
 * @ORCHARD_PLOT_MARK_BOX: a filled square (bars, areas)
 * @ORCHARD_PLOT_MARK_LINE: a short line (lines, curves)
 *
 * How the legend shows a series.
 */
typedef enum
{
  ORCHARD_PLOT_MARK_BOX,
  ORCHARD_PLOT_MARK_LINE,
} OrchardPlotMark;

/**
 * OrchardPlotHitFlags:
 * @ORCHARD_PLOT_HIT_POINT: the item is a point: mark it and draw a crosshair
 * @ORCHARD_PLOT_HIT_BAND: the item owns a band: highlight it
 */
typedef enum
{
  ORCHARD_PLOT_HIT_POINT = 1 << 0,
  ORCHARD_PLOT_HIT_BAND  = 1 << 1,
} OrchardPlotHitFlags;

/**
 * OrchardPlotHit:
 * @series: the series of the item
 * @index: the item within the series
 * @flags: how to show it
 * @x: the item's anchor along the x axis, 0..1 of the data area
 * @y: the anchor along the y axis, 0 at the bottom, 1 at the top
 * @x0: the band's start along x (with %ORCHARD_PLOT_HIT_BAND)
 * @x1: the band's end along x
 * @y0: the band's bottom
 * @y1: the band's top
 *
 * One item of a plot, as hovering and keyboard navigation see it.
 */
typedef struct
{
  guint               series;
  guint               index;
  OrchardPlotHitFlags flags;
  double              x;
  double              y;
  double              x0;
  double              x1;
  double              y0;
  double              y1;
} OrchardPlotHit;

#define ORCHARD_TYPE_PLOT (orchard_plot_get_type ())

G_DECLARE_DERIVABLE_TYPE (OrchardPlot, orchard_plot, ORCHARD, PLOT, GtkWidget)

/**
 * OrchardPlotClass:
 * @get_extent: widen the given extents (NaN when empty) to the data's
 * @normalize: map the data to 0..1 with the current axes and keep it; called
 *   when the data or an axis changes, never while drawing
 * @draw_series: draw the normalised data; the painter's area is the data
 *   area and drawing is clipped to it
 * @get_n_series: how many series there are
 * @get_series_name: the name of a series, for the legend
 * @get_series_mark: how the legend shows a series
 * @get_n_items: how many items a series has
 * @get_item: where an item lies, for hovering and keyboard navigation
 * @describe_item: the tooltip text of an item
 * @nearest: find the item nearest to a point of the data area; the default
 *   measures to every item that @get_item gives
 * @describe: a summary of the data, for the accessible description
 * @export_finished: the class handler of #OrchardPlot::export-finished:
 *   tells the user how an export ended
 */
struct _OrchardPlotClass
{
  GtkWidgetClass parent_class;

  void             (*get_extent)      (OrchardPlot           *self,
                                       double                *x_min,
                                       double                *x_max,
                                       double                *y_min,
                                       double                *y_max);
  void             (*normalize)       (OrchardPlot           *self);
  void             (*draw_series)     (OrchardPlot           *self,
                                       OrchardPlotPainter    *painter);
  guint            (*get_n_series)    (OrchardPlot           *self);
  const char      *(*get_series_name) (OrchardPlot           *self,
                                       guint                  series);
  OrchardPlotMark  (*get_series_mark) (OrchardPlot           *self,
                                       guint                  series);
  guint            (*get_n_items)     (OrchardPlot           *self,
                                       guint                  series);
  gboolean         (*get_item)        (OrchardPlot           *self,
                                       guint                  series,
                                       guint                  index,
                                       OrchardPlotHit        *hit);
  char            *(*describe_item)   (OrchardPlot           *self,
                                       guint                  series,
                                       guint                  index);
  gboolean         (*nearest)         (OrchardPlot           *self,
                                       const graphene_rect_t *area,
                                       double                 x,
                                       double                 y,
                                       OrchardPlotHit        *hit);
  char            *(*describe)        (OrchardPlot           *self);
  void             (*export_finished) (OrchardPlot           *self,
                                       GFile                 *file,
                                       const GError          *error);

  /*< private >*/
  gpointer padding[7];
};

const char      *orchard_plot_get_title           (OrchardPlot          *self);
void             orchard_plot_set_title           (OrchardPlot          *self,
                                                   const char           *title);
const char      *orchard_plot_get_subtitle        (OrchardPlot          *self);
void             orchard_plot_set_subtitle        (OrchardPlot          *self,
                                                   const char           *subtitle);
OrchardPlotAxis *orchard_plot_get_x_axis          (OrchardPlot          *self);
void             orchard_plot_set_x_axis          (OrchardPlot          *self,
                                                   OrchardPlotAxis      *axis);
OrchardPlotAxis *orchard_plot_get_y_axis          (OrchardPlot          *self);
void             orchard_plot_set_y_axis          (OrchardPlot          *self,
                                                   OrchardPlotAxis      *axis);
gboolean         orchard_plot_get_show_legend     (OrchardPlot          *self);
void             orchard_plot_set_show_legend     (OrchardPlot          *self,
                                                   gboolean              show_legend);
gboolean         orchard_plot_get_show_grid       (OrchardPlot          *self);
void             orchard_plot_set_show_grid       (OrchardPlot          *self,
                                                   gboolean              show_grid);

void             orchard_plot_data_changed        (OrchardPlot          *self);
char            *orchard_plot_dup_description     (OrchardPlot          *self);
char            *orchard_plot_dup_item_text       (OrchardPlot          *self,
                                                   guint                 series,
                                                   guint                 index);
gboolean         orchard_plot_select_item         (OrchardPlot          *self,
                                                   guint                 series,
                                                   guint                 index);
void             orchard_plot_clear_selection     (OrchardPlot          *self);
gboolean         orchard_plot_get_selection       (OrchardPlot          *self,
                                                   OrchardPlotHit       *hit);

void             orchard_plot_get_area            (OrchardPlot          *self,
                                                   int                   width,
                                                   int                   height,
                                                   graphene_rect_t      *area);
gboolean         orchard_plot_pick                (OrchardPlot          *self,
                                                   int                   width,
                                                   int                   height,
                                                   double                x,
                                                   double                y,
                                                   OrchardPlotHit       *hit);

void             orchard_plot_render              (OrchardPlot          *self,
                                                   cairo_t              *cr,
                                                   int                   width,
                                                   int                   height,
                                                   gboolean              dark);
cairo_surface_t *orchard_plot_render_to_surface   (OrchardPlot          *self,
                                                   int                   width,
                                                   int                   height,
                                                   double                scale,
                                                   gboolean              dark);
GBytes          *orchard_plot_render_bytes        (OrchardPlot          *self,
                                                   OrchardPlotFormat     format,
                                                   int                   width,
                                                   int                   height,
                                                   gboolean              dark,
                                                   GError              **error);
gboolean         orchard_plot_export              (OrchardPlot          *self,
                                                   GFile                *file,
                                                   OrchardPlotFormat     format,
                                                   int                   width,
                                                   int                   height,
                                                   gboolean              dark,
                                                   GError              **error);
void             orchard_plot_export_async        (OrchardPlot          *self,
                                                   GFile                *file,
                                                   OrchardPlotFormat     format,
                                                   int                   width,
                                                   int                   height,
                                                   gboolean              dark,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
gboolean         orchard_plot_export_finish       (OrchardPlot          *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);
gboolean         orchard_plot_format_for_file     (GFile                *file,
                                                   OrchardPlotFormat    *format);
char            *orchard_plot_dup_export_name     (OrchardPlot          *self,
                                                   OrchardPlotFormat     format);

G_END_DECLS
