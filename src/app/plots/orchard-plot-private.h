/* orchard-plot-private.h: what the parts of OrchardPlot share
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "orchard-plot.h"
#include "orchard-plot-painter.h"

G_BEGIN_DECLS

#define ORCHARD_PLOT_N_SERIES_COLORS 7

typedef struct
{
  GdkRGBA  background;
  GdkRGBA  foreground;
  GdkRGBA  accent;
  GdkRGBA  series[ORCHARD_PLOT_N_SERIES_COLORS];
  gboolean dark;
} OrchardPlotPalette;

void                orchard_plot_palette_init_builtin      (OrchardPlotPalette       *palette,
                                                            gboolean                  dark);
void                orchard_plot_palette_init_from_widget  (OrchardPlotPalette       *palette,
                                                            GtkWidget                *widget);

OrchardPlotPainter *orchard_plot_painter_new_for_snapshot  (GtkSnapshot              *snapshot,
                                                            PangoContext             *context,
                                                            const OrchardPlotPalette *palette,
                                                            double                    scale,
                                                            int                       width,
                                                            int                       height);
OrchardPlotPainter *orchard_plot_painter_new_for_cairo     (cairo_t                  *cr,
                                                            PangoContext             *context,
                                                            const OrchardPlotPalette *palette,
                                                            double                    scale,
                                                            int                       width,
                                                            int                       height);
void                orchard_plot_painter_free              (OrchardPlotPainter       *self);
void                orchard_plot_painter_set_area          (OrchardPlotPainter       *self,
                                                            const graphene_rect_t    *area);
void                orchard_plot_painter_draw_layout_rotated (OrchardPlotPainter     *self,
                                                            PangoLayout              *layout,
                                                            double                    x,
                                                            double                    y,
                                                            const GdkRGBA            *color);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OrchardPlotPainter, orchard_plot_painter_free)

/* The layout of a plot at one size: orchard-plot-layout.c */

typedef struct
{
  PangoLayout      *layout;
  double            x;
  double            y;
  OrchardPlotColor  color;
  gboolean          rotated;
} OrchardPlotLabel;

typedef struct
{
  double x;
  double y;
  double size;
  guint  series;
} OrchardPlotSwatch;

typedef struct
{
  int              width;
  int              height;
  graphene_rect_t  area;
  GArray          *labels;   /* OrchardPlotLabel */
  GArray          *x_grid;   /* double, widget x of vertical grid lines */
  GArray          *y_grid;   /* double, widget y of horizontal grid lines */
  GArray          *swatches; /* OrchardPlotSwatch */
  PangoLayout     *empty;    /* "No data", or NULL */
} OrchardPlotLayout;


OrchardPlotLayout  *orchard_plot_layout_compute            (OrchardPlot              *self,
                                                            OrchardPlotPainter       *painter,
                                                            int                       width,
                                                            int                       height);
void                orchard_plot_layout_free               (OrchardPlotLayout        *layout);
void                orchard_plot_paint                     (OrchardPlot              *self,
                                                            OrchardPlotPainter       *painter,
                                                            OrchardPlotLayout        *layout,
                                                            gboolean                  paint_background,
                                                            const OrchardPlotHit     *selection,
                                                            gboolean                  callout);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OrchardPlotLayout, orchard_plot_layout_free)

/* Items, through the class's vfuncs: orchard-plot.c */

guint               orchard_plot_count_series              (OrchardPlot              *self);
guint               orchard_plot_count_items               (OrchardPlot              *self,
                                                            guint                     series);
gboolean            orchard_plot_has_data                  (OrchardPlot              *self);
gboolean            orchard_plot_fetch_item                (OrchardPlot              *self,
                                                            guint                     series,
                                                            guint                     index,
                                                            OrchardPlotHit           *hit);

/* Export with a device scale: orchard-plot-export.c */

GBytes             *orchard_plot_render_bytes_scaled       (OrchardPlot              *self,
                                                            OrchardPlotFormat         format,
                                                            int                       width,
                                                            int                       height,
                                                            double                    scale,
                                                            gboolean                  dark,
                                                            GError                  **error);
void                orchard_plot_export_scaled_async       (OrchardPlot              *self,
                                                            GFile                    *file,
                                                            OrchardPlotFormat         format,
                                                            int                       width,
                                                            int                       height,
                                                            double                    scale,
                                                            gboolean                  dark,
                                                            GCancellable             *cancellable,
                                                            GAsyncReadyCallback       callback,
                                                            gpointer                  user_data);

/* The export actions, the context menu and how an export ends:
 * orchard-plot-actions.c */

typedef struct _OrchardPlotActions OrchardPlotActions;

void                orchard_plot_class_init_actions        (OrchardPlotClass         *klass);
OrchardPlotActions *orchard_plot_actions_new               (OrchardPlot              *self);
void                orchard_plot_actions_free              (OrchardPlotActions       *actions);
void                orchard_plot_actions_update            (OrchardPlotActions       *actions);
void                orchard_plot_actions_allocate          (OrchardPlotActions       *actions);
/* NULL once the plot is disposed. */
OrchardPlotActions *orchard_plot_get_actions               (OrchardPlot              *self);

G_END_DECLS
