/* orchard-plot-painter.c
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One drawing interface over two targets. On screen, paths go into cairo
 * nodes (gtk_snapshot_append_cairo) and text into text nodes
 * (gtk_snapshot_append_layout), which GTK renders sharp at any scale; when
 * exporting, everything goes into one cairo_t. Draw order is call order in
 * both: in a snapshot, text closes the current cairo node and the next path
 * opens a new one above the text.
 */
#include "config.h"

#include <math.h>
#include <pango/pangocairo.h>

#include "orchard-plot-private.h"

struct _OrchardPlotPainter
{
  GtkSnapshot        *snapshot;
  cairo_t            *cr;
  PangoContext       *context;
  OrchardPlotPalette  palette;
  graphene_rect_t     bounds;
  graphene_rect_t     area;
  double              scale;
  guint               clip_depth;
};

/* GNOME's HIG palette: the middle shades on light backgrounds, lighter ones
 * on dark, so every series keeps its contrast against what it sits on. */
static const char * const light_series[ORCHARD_PLOT_N_SERIES_COLORS] = {
  "#3584e4", "#e66100", "#26a269", "#9141ac", "#c01c28", "#986a44", "#e5a50a",
};
static const char * const dark_series[ORCHARD_PLOT_N_SERIES_COLORS] = {
  "#3584e4", "#ffa348", "#33d17a", "#c061cb", "#f66151", "#cdab8f", "#f8e45c",
};

/**
 * orchard_plot_palette_init_builtin:
 * @palette: the palette to fill
 * @dark: whether to take libadwaita's dark colours
 *
 * Fills @palette with libadwaita's view colours, for plots drawn without a
 * window: exports and tests.
 */
void
orchard_plot_palette_init_builtin (OrchardPlotPalette *palette,
                                   gboolean            dark)
{
  const char * const *series = dark ? dark_series : light_series;

  gdk_rgba_parse (&palette->background, dark ? "#1e1e1e" : "#ffffff");
  gdk_rgba_parse (&palette->foreground, dark ? "#ffffff" : "rgba(0,0,0,0.8)");
  gdk_rgba_parse (&palette->accent, "#3584e4");

  for (guint i = 0; i < ORCHARD_PLOT_N_SERIES_COLORS; i++)
    gdk_rgba_parse (&palette->series[i], series[i]);

  palette->dark = !!dark;
}

/**
 * orchard_plot_palette_init_from_widget:
 * @palette: the palette to fill
 * @widget: a widget
 *
 * Fills @palette from @widget's style: its colour, libadwaita's
 * `@accent_bg_color` and `@view_bg_color`. Dark or light is read off the
 * foreground, so high-contrast and custom themes work too.
 */
void
orchard_plot_palette_init_from_widget (OrchardPlotPalette *palette,
                                       GtkWidget          *widget)
{
  GtkStyleContext *style = gtk_widget_get_style_context (widget);
  GdkRGBA fg;
  double luminance;

  gtk_style_context_get_color (style, &fg);
  luminance = 0.2126 * fg.red + 0.7152 * fg.green + 0.0722 * fg.blue;

  orchard_plot_palette_init_builtin (palette, luminance > 0.5);
  palette->foreground = fg;

  if (!gtk_style_context_lookup_color (style, "view_bg_color", &palette->background))
    gdk_rgba_parse (&palette->background, palette->dark ? "#1e1e1e" : "#ffffff");

  if (gtk_style_context_lookup_color (style, "accent_bg_color", &palette->accent))
    palette->series[0] = palette->accent;
}

static OrchardPlotPainter *
orchard_plot_painter_new (PangoContext             *context,
                          const OrchardPlotPalette *palette,
                          double                    scale,
                          int                       width,
                          int                       height)
{
  OrchardPlotPainter *self = g_new0 (OrchardPlotPainter, 1);

  self->context = g_object_ref (context);
  self->palette = *palette;
  self->scale = scale > 0 ? scale : 1.0;
  graphene_rect_init (&self->bounds, 0, 0, width, height);
  self->area = self->bounds;

  return self;
}

OrchardPlotPainter *
orchard_plot_painter_new_for_snapshot (GtkSnapshot              *snapshot,
                                       PangoContext             *context,
                                       const OrchardPlotPalette *palette,
                                       double                    scale,
                                       int                       width,
                                       int                       height)
{
  OrchardPlotPainter *self = orchard_plot_painter_new (context, palette, scale, width, height);

  self->snapshot = snapshot;

  return self;
}

OrchardPlotPainter *
orchard_plot_painter_new_for_cairo (cairo_t                  *cr,
                                    PangoContext             *context,
                                    const OrchardPlotPalette *palette,
                                    double                    scale,
                                    int                       width,
                                    int                       height)
{
  OrchardPlotPainter *self = orchard_plot_painter_new (context, palette, scale, width, height);

  self->cr = cairo_reference (cr);
  cairo_save (self->cr);

  return self;
}

static void
orchard_plot_painter_end_cairo (OrchardPlotPainter *self)
{
  if (self->snapshot != NULL)
    g_clear_pointer (&self->cr, cairo_destroy);
}

void
orchard_plot_painter_free (OrchardPlotPainter *self)
{
  if (self == NULL)
    return;

  while (self->clip_depth > 0)
    orchard_plot_painter_pop_clip (self);

  if (self->snapshot == NULL && self->cr != NULL)
    cairo_restore (self->cr);

  g_clear_pointer (&self->cr, cairo_destroy);
  g_clear_object (&self->context);
  g_free (self);
}

void
orchard_plot_painter_set_area (OrchardPlotPainter    *self,
                               const graphene_rect_t *area)
{
  self->area = *area;
}

/**
 * orchard_plot_painter_get_cairo:
 * @self: a painter
 *
 * Gets the cairo context to draw paths with, in widget coordinates (logical
 * pixels). Get it again after drawing text: on screen, text ends it.
 *
 * Returns: (transfer none): the cairo context
 */
cairo_t *
orchard_plot_painter_get_cairo (OrchardPlotPainter *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (self->cr == NULL)
    self->cr = gtk_snapshot_append_cairo (self->snapshot, &self->bounds);

  return self->cr;
}

/**
 * orchard_plot_painter_get_area:
 * @self: a painter
 *
 * Returns: the data area, in widget coordinates
 */
const graphene_rect_t *
orchard_plot_painter_get_area (OrchardPlotPainter *self)
{
  return &self->area;
}

/**
 * orchard_plot_painter_get_bounds:
 * @self: a painter
 *
 * Returns: the whole plot, in widget coordinates
 */
const graphene_rect_t *
orchard_plot_painter_get_bounds (OrchardPlotPainter *self)
{
  return &self->bounds;
}

/**
 * orchard_plot_painter_to_x:
 * @self: a painter
 * @fraction: a position along the x axis, 0..1
 *
 * Returns: the widget x coordinate of @fraction
 */
double
orchard_plot_painter_to_x (OrchardPlotPainter *self,
                           double              fraction)
{
  return self->area.origin.x + fraction * self->area.size.width;
}

/**
 * orchard_plot_painter_to_y:
 * @self: a painter
 * @fraction: a position along the y axis, 0 at the bottom, 1 at the top
 *
 * Returns: the widget y coordinate of @fraction
 */
double
orchard_plot_painter_to_y (OrchardPlotPainter *self,
                           double              fraction)
{
  return self->area.origin.y + (1.0 - fraction) * self->area.size.height;
}

/**
 * orchard_plot_painter_get_scale:
 * @self: a painter
 *
 * Returns: device pixels per logical pixel
 */
double
orchard_plot_painter_get_scale (OrchardPlotPainter *self)
{
  return self->scale;
}

/**
 * orchard_plot_painter_snap_line:
 * @self: a painter
 * @coord: a coordinate across a straight line
 * @line_width: the line's width, in logical pixels
 *
 * Moves @coord so that a line of @line_width centred on it covers whole
 * device pixels: to a pixel centre for odd widths (floor () + .5 at scale 1),
 * to a pixel edge for even ones.
 *
 * Returns: the snapped coordinate
 */
double
orchard_plot_painter_snap_line (OrchardPlotPainter *self,
                                double              coord,
                                double              line_width)
{
  double device = coord * self->scale;
  long device_width = lround (line_width * self->scale);

  if (device_width % 2 == 1)
    return (floor (device) + 0.5) / self->scale;

  return round (device) / self->scale;
}

/**
 * orchard_plot_painter_snap_edge:
 * @self: a painter
 * @coord: the coordinate of a filled shape's edge
 *
 * Returns: @coord moved to the nearest device pixel edge, so fills are crisp
 */
double
orchard_plot_painter_snap_edge (OrchardPlotPainter *self,
                                double              coord)
{
  return round (coord * self->scale) / self->scale;
}

gboolean
orchard_plot_painter_is_dark (OrchardPlotPainter *self)
{
  return self->palette.dark;
}

/**
 * orchard_plot_painter_get_color:
 * @self: a painter
 * @role: what the colour is for
 * @color: (out): the colour
 */
void
orchard_plot_painter_get_color (OrchardPlotPainter *self,
                                OrchardPlotColor    role,
                                GdkRGBA            *color)
{
  *color = self->palette.foreground;

  switch (role)
    {
    case ORCHARD_PLOT_COLOR_BACKGROUND:
      *color = self->palette.background;
      break;

    case ORCHARD_PLOT_COLOR_DIM:
      color->alpha *= 0.7;
      break;

    case ORCHARD_PLOT_COLOR_AXIS:
      color->alpha *= 0.45;
      break;

    case ORCHARD_PLOT_COLOR_GRID:
      color->alpha *= self->palette.dark ? 0.14 : 0.11;
      break;

    case ORCHARD_PLOT_COLOR_ACCENT:
      *color = self->palette.accent;
      break;

    case ORCHARD_PLOT_COLOR_FOREGROUND:
    default:
      break;
    }
}

/**
 * orchard_plot_painter_get_series_color:
 * @self: a painter
 * @series: the index of a series
 * @color: (out): its colour: the accent for the first, then the palette
 */
void
orchard_plot_painter_get_series_color (OrchardPlotPainter *self,
                                       guint               series,
                                       GdkRGBA            *color)
{
  *color = self->palette.series[series % ORCHARD_PLOT_N_SERIES_COLORS];
}

/**
 * orchard_plot_painter_set_source:
 * @self: a painter
 * @color: a colour
 * @alpha: a further opacity, 0..1
 *
 * Sets @color, made @alpha times as opaque, as the cairo source.
 */
void
orchard_plot_painter_set_source (OrchardPlotPainter *self,
                                 const GdkRGBA      *color,
                                 double              alpha)
{
  cairo_set_source_rgba (orchard_plot_painter_get_cairo (self),
                         color->red, color->green, color->blue, color->alpha * alpha);
}

/**
 * orchard_plot_painter_create_layout:
 * @self: a painter
 * @style: the text's role
 * @text: (nullable): the text
 *
 * Returns: (transfer full): a layout in the plot's font for @style
 */
PangoLayout *
orchard_plot_painter_create_layout (OrchardPlotPainter *self,
                                    OrchardPlotText     style,
                                    const char         *text)
{
  g_autoptr(PangoFontDescription) font = NULL;
  PangoLayout *layout;
  double factor = 1.0;
  int size;

  layout = pango_layout_new (self->context);
  font = pango_font_description_copy (pango_context_get_font_description (self->context));

  switch (style)
    {
    case ORCHARD_PLOT_TEXT_TITLE:
      pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
      break;

    case ORCHARD_PLOT_TEXT_SUBTITLE:
    case ORCHARD_PLOT_TEXT_AXIS_TITLE:
    case ORCHARD_PLOT_TEXT_LEGEND:
      factor = 0.9;
      break;

    case ORCHARD_PLOT_TEXT_TICK:
    case ORCHARD_PLOT_TEXT_VALUE:
      {
        g_autoptr(PangoAttrList) attrs = pango_attr_list_new ();

        /* Tabular figures keep columns of numbers aligned. */
        pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum=1"));
        pango_layout_set_attributes (layout, attrs);
        factor = 0.85;
      }
      break;

    default:
      break;
    }

  size = pango_font_description_get_size (font);
  if (size <= 0)
    size = 10 * PANGO_SCALE;
  if (pango_font_description_get_size_is_absolute (font))
    pango_font_description_set_absolute_size (font, size * factor);
  else
    pango_font_description_set_size (font, (int) (size * factor));

  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text ? text : "", -1);

  return layout;
}

static void
draw_layout (OrchardPlotPainter *self,
             PangoLayout        *layout,
             double              x,
             double              y,
             gboolean            rotated,
             const GdkRGBA      *color)
{
  int width = 0;

  if (rotated)
    pango_layout_get_pixel_size (layout, &width, NULL);

  if (self->snapshot != NULL)
    {
      orchard_plot_painter_end_cairo (self);

      gtk_snapshot_save (self->snapshot);
      gtk_snapshot_translate (self->snapshot, &GRAPHENE_POINT_INIT (x, y + width));
      if (rotated)
        gtk_snapshot_rotate (self->snapshot, -90);
      gtk_snapshot_append_layout (self->snapshot, layout, color);
      gtk_snapshot_restore (self->snapshot);
    }
  else
    {
      cairo_save (self->cr);
      cairo_translate (self->cr, x, y + width);
      if (rotated)
        cairo_rotate (self->cr, -G_PI / 2);
      cairo_move_to (self->cr, 0, 0);
      gdk_cairo_set_source_rgba (self->cr, color);
      pango_cairo_show_layout (self->cr, layout);
      cairo_restore (self->cr);
    }
}

/**
 * orchard_plot_painter_draw_layout:
 * @self: a painter
 * @layout: a layout from orchard_plot_painter_create_layout()
 * @x: where its left edge goes
 * @y: where its top edge goes
 * @color: the text colour
 */
void
orchard_plot_painter_draw_layout (OrchardPlotPainter *self,
                                  PangoLayout        *layout,
                                  double              x,
                                  double              y,
                                  const GdkRGBA      *color)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (PANGO_IS_LAYOUT (layout));

  draw_layout (self, layout, x, y, FALSE, color);
}

/*
 * orchard_plot_painter_draw_layout_rotated:
 *
 * Draws @layout turned a quarter counter-clockwise (reading upwards), its
 * bounding box's top-left corner at @x, @y.
 */
void
orchard_plot_painter_draw_layout_rotated (OrchardPlotPainter *self,
                                          PangoLayout        *layout,
                                          double              x,
                                          double              y,
                                          const GdkRGBA      *color)
{
  draw_layout (self, layout, x, y, TRUE, color);
}

/**
 * orchard_plot_painter_push_clip:
 * @self: a painter
 * @rect: the rectangle to clip to, in widget coordinates
 *
 * Clips paths and text drawn until the matching
 * orchard_plot_painter_pop_clip().
 */
void
orchard_plot_painter_push_clip (OrchardPlotPainter    *self,
                                const graphene_rect_t *rect)
{
  g_return_if_fail (self != NULL);

  if (self->snapshot != NULL)
    {
      orchard_plot_painter_end_cairo (self);
      gtk_snapshot_push_clip (self->snapshot, rect);
    }
  else
    {
      cairo_save (self->cr);
      cairo_rectangle (self->cr, rect->origin.x, rect->origin.y, rect->size.width, rect->size.height);
      cairo_clip (self->cr);
    }

  self->clip_depth++;
}

void
orchard_plot_painter_pop_clip (OrchardPlotPainter *self)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (self->clip_depth > 0);

  if (self->snapshot != NULL)
    {
      orchard_plot_painter_end_cairo (self);
      gtk_snapshot_pop (self->snapshot);
    }
  else
    {
      cairo_restore (self->cr);
    }

  self->clip_depth--;
}
