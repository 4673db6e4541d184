/* orchard-plot-layout.c: where a plot's parts go, and drawing them
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The layout places titles, legend, tick labels and the data area for one
 * size and one Pango context (the widget's, or an export's); painting draws
 * a plot with it through an OrchardPlotPainter, on screen or into a file.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "orchard-plot-private.h"

#define MARGIN        8.0   /* around everything */
#define GAP           6.0   /* between a label and what it labels */
#define SWATCH_GAP    6.0   /* between a legend swatch and its name */
#define LEGEND_GAP   16.0   /* between legend entries */
#define CLIP_SLACK    2.0   /* lines on the area's edge keep their full width */
#define CALLOUT_PAD   6.0

static void
orchard_plot_label_clear (gpointer data)
{
  OrchardPlotLabel *label = data;

  g_clear_object (&label->layout);
}

static OrchardPlotLayout *
orchard_plot_layout_new (int width,
                         int height)
{
  OrchardPlotLayout *layout = g_new0 (OrchardPlotLayout, 1);

  layout->width = width;
  layout->height = height;
  layout->labels = g_array_new (FALSE, FALSE, sizeof (OrchardPlotLabel));
  g_array_set_clear_func (layout->labels, orchard_plot_label_clear);
  layout->x_grid = g_array_new (FALSE, FALSE, sizeof (double));
  layout->y_grid = g_array_new (FALSE, FALSE, sizeof (double));
  layout->swatches = g_array_new (FALSE, FALSE, sizeof (OrchardPlotSwatch));

  return layout;
}

void
orchard_plot_layout_free (OrchardPlotLayout *layout)
{
  if (layout == NULL)
    return;

  g_clear_pointer (&layout->labels, g_array_unref);
  g_clear_pointer (&layout->x_grid, g_array_unref);
  g_clear_pointer (&layout->y_grid, g_array_unref);
  g_clear_pointer (&layout->swatches, g_array_unref);
  g_clear_object (&layout->empty);
  g_free (layout);
}

static void
add_label (OrchardPlotLayout *layout,
           PangoLayout       *pango_layout,
           double             x,
           double             y,
           OrchardPlotColor   color,
           gboolean           rotated)
{
  OrchardPlotLabel label = { pango_layout, x, y, color, rotated };

  g_array_append_val (layout->labels, label);
}

static int
layout_width (PangoLayout *layout)
{
  int width;

  pango_layout_get_pixel_size (layout, &width, NULL);
  return width;
}

static int
layout_height (PangoLayout *layout)
{
  int height;

  pango_layout_get_pixel_size (layout, NULL, &height);
  return height;
}

/* Band labels that do not fit their band are shortened with an ellipsis;
 * when even that leaves too little, only every stride-th is shown. */
static guint
band_stride (double band_px,
             double min_px)
{
  if (band_px <= 0)
    return 1;

  return MAX (1, (guint) ceil (min_px / band_px));
}

static void
layout_y_axis (OrchardPlot        *self,
               OrchardPlotPainter *painter,
               OrchardPlotLayout  *layout,
               double              top,
               double              bottom,
               double              max_label_width,
               GPtrArray          *labels,
               GArray             *positions)
{
  OrchardPlotAxis *axis = orchard_plot_get_y_axis (self);
  const OrchardPlotTick *ticks;
  g_autoptr(PangoLayout) probe = orchard_plot_painter_create_layout (painter, ORCHARD_PLOT_TEXT_TICK, "0");
  double tick_h = layout_height (probe);
  double span = MAX (bottom - top, 1);
  guint max_ticks = CLAMP ((guint) (span / (tick_h * 2.6)) + 1, 2, 10);
  guint n_ticks, stride = 1;
  gboolean band = orchard_plot_axis_get_kind (axis) == ORCHARD_PLOT_AXIS_BAND;

  ticks = orchard_plot_axis_get_ticks (axis, max_ticks, &n_ticks);

  if (band && n_ticks > 0)
    stride = band_stride (span / n_ticks, tick_h * 1.15);

  for (guint i = 0; i < n_ticks; i += stride)
    {
      PangoLayout *label;
      double y;

      if (ticks[i].position < -1e-9 || ticks[i].position > 1 + 1e-9)
        continue;

      y = bottom - ticks[i].position * span;
      label = orchard_plot_painter_create_layout (painter, ORCHARD_PLOT_TEXT_TICK, ticks[i].label);
      if (band)
        {
          pango_layout_set_width (label, (int) (max_label_width * PANGO_SCALE));
          pango_layout_set_ellipsize (label, PANGO_ELLIPSIZE_END);
          pango_layout_set_single_paragraph_mode (label, TRUE);
        }
      else if (orchard_plot_get_show_grid (self))
        {
          g_array_append_val (layout->y_grid, y);
        }

      g_ptr_array_add (labels, label);
      g_array_append_val (positions, y);
    }
}

static gboolean
x_labels_fit (GPtrArray *labels,
              GArray    *positions)
{
  for (guint i = 1; i < labels->len; i++)
    {
      double a = g_array_index (positions, double, i - 1);
      double b = g_array_index (positions, double, i);
      double need = (layout_width (labels->pdata[i - 1]) + layout_width (labels->pdata[i])) / 2.0 + 12.0;

      if (fabs (b - a) < need)
        return FALSE;
    }

  return TRUE;
}

static void
make_x_labels (OrchardPlot        *self,
               OrchardPlotPainter *painter,
               double              left,
               double              right,
               guint               max_ticks,
               GPtrArray          *labels,
               GArray             *positions)
{
  OrchardPlotAxis *axis = orchard_plot_get_x_axis (self);
  const OrchardPlotTick *ticks;
  gboolean band = orchard_plot_axis_get_kind (axis) == ORCHARD_PLOT_AXIS_BAND;
  double span = MAX (right - left, 1);
  guint n_ticks, stride = 1;

  g_ptr_array_set_size (labels, 0);
  g_array_set_size (positions, 0);

  ticks = orchard_plot_axis_get_ticks (axis, max_ticks, &n_ticks);

  if (band && n_ticks > 0)
    {
      g_autoptr(PangoLayout) probe = orchard_plot_painter_create_layout (painter, ORCHARD_PLOT_TEXT_TICK, "MMM");

      stride = band_stride (span / n_ticks, layout_width (probe) + 4);
    }

  for (guint i = 0; i < n_ticks; i += stride)
    {
      PangoLayout *label;
      double x;

      if (ticks[i].position < -1e-9 || ticks[i].position > 1 + 1e-9)
        continue;

      x = left + ticks[i].position * span;
      label = orchard_plot_painter_create_layout (painter, ORCHARD_PLOT_TEXT_TICK, ticks[i].label);
      if (band)
        {
          pango_layout_set_width (label, (int) ((span / n_ticks * stride - 4) * PANGO_SCALE));
          pango_layout_set_ellipsize (label, PANGO_ELLIPSIZE_END);
          pango_layout_set_single_paragraph_mode (label, TRUE);
          pango_layout_set_alignment (label, PANGO_ALIGN_CENTER);
        }

      g_ptr_array_add (labels, label);
      g_array_append_val (positions, x);
    }
}

OrchardPlotLayout *
orchard_plot_layout_compute (OrchardPlot        *self,
                             OrchardPlotPainter *painter,
                             int                 width,
                             int                 height)
{
  OrchardPlotClass *klass = ORCHARD_PLOT_GET_CLASS (self);
  g_autoptr(OrchardPlotLayout) layout = orchard_plot_layout_new (width, height);
  g_autoptr(PangoLayout) probe = NULL;
  g_autoptr(PangoLayout) x_title = NULL;
  g_autoptr(PangoLayout) y_title = NULL;
  g_autoptr(GPtrArray) y_labels = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) y_positions = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GPtrArray) x_labels = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) x_positions = g_array_new (FALSE, FALSE, sizeof (double));
  double left = MARGIN, right = width - MARGIN, top = MARGIN, bottom = height - MARGIN;
  double tick_h, x_label_top_gap, y_label_width = 0, area_top, area_bottom, area_left, area_right;
  gboolean x_band = orchard_plot_axis_get_kind (orchard_plot_get_x_axis (self)) == ORCHARD_PLOT_AXIS_BAND;
  guint n_series = orchard_plot_count_series (self);

  /* Title and subtitle, left-aligned, shortened to the width. */
  if (orchard_plot_get_title (self) != NULL && orchard_plot_get_title (self)[0] != '\0')
    {
      PangoLayout *title = orchard_plot_painter_create_layout (painter, ORCHARD_PLOT_TEXT_TITLE, orchard_plot_get_title (self));

      pango_layout_set_width (title, (int) (MAX (right - left, 1) * PANGO_SCALE));
      pango_layout_set_ellipsize (title, PANGO_ELLIPSIZE_END);
      add_label (layout, title, left, top, ORCHARD_PLOT_COLOR_FOREGROUND, FALSE);
      top += layout_height (title) + 1;
    }

  if (orchard_plot_get_subtitle (self) != NULL && orchard_plot_get_subtitle (self)[0] != '\0')
    {
      PangoLayout *subtitle = orchard_plot_painter_create_layout (painter, ORCHARD_PLOT_TEXT_SUBTITLE, orchard_plot_get_subtitle (self));

      pango_layout_set_width (subtitle, (int) (MAX (right - left, 1) * PANGO_SCALE));
      pango_layout_set_ellipsize (subtitle, PANGO_ELLIPSIZE_END);
      add_label (layout, subtitle, left, top, ORCHARD_PLOT_COLOR_DIM, FALSE);
      top += layout_height (subtitle);
    }

  if (top > MARGIN)
    top += GAP;

  /* The legend flows in lines under the title; one series needs none. */
  if (orchard_plot_get_show_legend (self) && n_series > 1 && klass->get_series_name != NULL)
    {
      double x = left;
      double line_h = 0;
      gboolean any = FALSE;

      for (guint i = 0; i < n_series; i++)
        {
          const char *name = klass->get_series_name (self, i);
          PangoLayout *entry;
          OrchardPlotSwatch swatch;
          double entry_w, h;

          if (name == NULL || name[0] == '\0')
            continue;

          entry = orchard_plot_painter_create_layout (painter, ORCHARD_PLOT_TEXT_LEGEND, name);
          h = layout_height (entry);
          line_h = MAX (line_h, h);
          swatch.size = round (h * 0.6);
          entry_w = swatch.size + SWATCH_GAP + layout_width (entry);

          if (x > left && x + entry_w > right)
            {
              x = left;
              top += line_h + 2;
            }

          swatch.x = x;
          swatch.y = top + (h - swatch.size) / 2.0;
          swatch.series = i;
          g_array_append_val (layout->swatches, swatch);
          add_label (layout, entry, x + swatch.size + SWATCH_GAP, top, ORCHARD_PLOT_COLOR_FOREGROUND, FALSE);

          x += entry_w + LEGEND_GAP;
          any = TRUE;
        }

      if (any)
        top += line_h + GAP;
    }

  probe = orchard_plot_painter_create_layout (painter, ORCHARD_PLOT_TEXT_TICK, "0");
  tick_h = layout_height (probe);

  /* Room below the area: x tick labels, then the x axis title. */
  if (orchard_plot_axis_get_title (orchard_plot_get_x_axis (self)) != NULL)
    {
      x_title = orchard_plot_painter_create_layout (painter, ORCHARD_PLOT_TEXT_AXIS_TITLE,
                                                    orchard_plot_axis_get_title (orchard_plot_get_x_axis (self)));
      pango_layout_set_ellipsize (x_title, PANGO_ELLIPSIZE_END);
      bottom -= layout_height (x_title) + 2;
    }

  /* The gap keeps the first x label clear of the lowest y label. */
  x_label_top_gap = MAX (GAP, ceil (tick_h / 2.0) + 2);
  area_bottom = floor (bottom - tick_h - x_label_top_gap);
  /* The top y label is centred on the area's top edge. */
  area_top = ceil (top + tick_h / 2.0);

  if (orchard_plot_axis_get_title (orchard_plot_get_y_axis (self)) != NULL)
    {
      y_title = orchard_plot_painter_create_layout (painter, ORCHARD_PLOT_TEXT_AXIS_TITLE,
                                                    orchard_plot_axis_get_title (orchard_plot_get_y_axis (self)));
      pango_layout_set_ellipsize (y_title, PANGO_ELLIPSIZE_END);
      left += layout_height (y_title) + GAP;
    }

  /* Without data, ticks would label nothing: only the titles and a note. */
  if (orchard_plot_has_data (self))
    layout_y_axis (self, painter, layout, area_top, area_bottom, MAX (width * 0.4, 40),
                   y_labels, y_positions);
  for (guint i = 0; i < y_labels->len; i++)
    y_label_width = MAX (y_label_width, layout_width (y_labels->pdata[i]));

  area_left = ceil (left + y_label_width + GAP);
  area_right = floor (right);

  /* X ticks: as many as fit without touching, and the last label must not
   * run off the edge; both depend on the area's width, so settle it in a
   * few rounds. */
  if (!orchard_plot_has_data (self))
    {
    }
  else if (x_band)
    {
      make_x_labels (self, painter, area_left, area_right, 0, x_labels, x_positions);
    }
  else
    {
      guint max_ticks = CLAMP ((guint) ((area_right - area_left) / 64.0) + 1, 2, 12);

      for (guint round_ = 0; round_ < 6; round_++)
        {
          gboolean changed = FALSE;

          make_x_labels (self, painter, area_left, area_right, max_ticks, x_labels, x_positions);

          if (x_labels->len > 0)
            {
              double last_x = g_array_index (x_positions, double, x_labels->len - 1);
              double overflow = last_x + layout_width (g_ptr_array_index (x_labels, x_labels->len - 1)) / 2.0
                                - (width - MARGIN / 2.0);

              if (overflow > 0.5)
                {
                  area_right = floor (area_right - overflow);
                  changed = TRUE;
                }
            }

          if (!x_labels_fit (x_labels, x_positions) && max_ticks > 2)
            {
              max_ticks = MAX (2, MIN (max_ticks, x_labels->len) - 1);
              changed = TRUE;
            }

          if (!changed)
            break;
        }
    }

  graphene_rect_init (&layout->area, area_left, area_top,
                      MAX (area_right - area_left, 1), MAX (area_bottom - area_top, 1));

  /* Place the labels now that the area is settled. */
  for (guint i = 0; i < y_labels->len; i++)
    {
      PangoLayout *label = y_labels->pdata[i];
      double y = g_array_index (y_positions, double, i) - layout_height (label) / 2.0;
      double x = area_left - GAP - layout_width (label);

      if (pango_layout_get_width (label) > 0)
        {
          PangoRectangle ink, logical;

          /* An ellipsized layout is as wide as its limit: right-align what it shows. */
          pango_layout_get_pixel_extents (label, &ink, &logical);
          x = area_left - GAP - logical.x - logical.width;
        }

      add_label (layout, g_object_ref (label), x, CLAMP (y, 0, height - layout_height (label)),
                 ORCHARD_PLOT_COLOR_DIM, FALSE);
    }

  for (guint i = 0; i < x_labels->len; i++)
    {
      PangoLayout *label = x_labels->pdata[i];
      double x_pos = g_array_index (x_positions, double, i);
      double w = pango_layout_get_width (label) > 0
                 ? pango_layout_get_width (label) / (double) PANGO_SCALE
                 : layout_width (label);
      double x = CLAMP (x_pos - w / 2.0, MARGIN / 2.0, MAX (MARGIN / 2.0, width - MARGIN / 2.0 - w));

      add_label (layout, g_object_ref (label), x, area_bottom + x_label_top_gap,
                 ORCHARD_PLOT_COLOR_DIM, FALSE);

      if (!x_band && orchard_plot_get_show_grid (self))
        g_array_append_val (layout->x_grid, x_pos);
    }

  if (x_title != NULL)
    {
      double w;

      pango_layout_set_width (x_title, (int) (layout->area.size.width * PANGO_SCALE));
      w = layout_width (x_title);
      add_label (layout, g_steal_pointer (&x_title),
                 area_left + (layout->area.size.width - w) / 2.0,
                 height - MARGIN - layout_height (probe) - 1,
                 ORCHARD_PLOT_COLOR_FOREGROUND, FALSE);
      /* Axis titles sit at the same baseline as if they had the tick font. */
      g_array_index (layout->labels, OrchardPlotLabel, layout->labels->len - 1).y =
        area_bottom + x_label_top_gap + tick_h + 2;
    }

  if (y_title != NULL)
    {
      double w;

      pango_layout_set_width (y_title, (int) (layout->area.size.height * PANGO_SCALE));
      w = layout_width (y_title);
      add_label (layout, g_steal_pointer (&y_title), MARGIN,
                 area_top + (layout->area.size.height - w) / 2.0,
                 ORCHARD_PLOT_COLOR_FOREGROUND, TRUE);
    }

  if (!orchard_plot_has_data (self))
    layout->empty = orchard_plot_painter_create_layout (painter, ORCHARD_PLOT_TEXT_SUBTITLE, _("No data"));

  return g_steal_pointer (&layout);
}

/* Drawing */

static void
draw_band (OrchardPlotPainter   *painter,
           const OrchardPlotHit *hit)
{
  cairo_t *cr = orchard_plot_painter_get_cairo (painter);
  double x0 = orchard_plot_painter_snap_edge (painter, orchard_plot_painter_to_x (painter, CLAMP (hit->x0, 0, 1)));
  double x1 = orchard_plot_painter_snap_edge (painter, orchard_plot_painter_to_x (painter, CLAMP (hit->x1, 0, 1)));
  double y0 = orchard_plot_painter_snap_edge (painter, orchard_plot_painter_to_y (painter, CLAMP (hit->y0, 0, 1)));
  double y1 = orchard_plot_painter_snap_edge (painter, orchard_plot_painter_to_y (painter, CLAMP (hit->y1, 0, 1)));
  GdkRGBA fg;

  orchard_plot_painter_get_color (painter, ORCHARD_PLOT_COLOR_FOREGROUND, &fg);
  orchard_plot_painter_set_source (painter, &fg, 0.08);
  cairo_rectangle (cr, MIN (x0, x1), MIN (y0, y1), fabs (x1 - x0), fabs (y1 - y0));
  cairo_fill (cr);
}

static void
draw_point (OrchardPlotPainter   *painter,
            const OrchardPlotHit *hit)
{
  const graphene_rect_t *area = orchard_plot_painter_get_area (painter);
  cairo_t *cr = orchard_plot_painter_get_cairo (painter);
  double x = orchard_plot_painter_to_x (painter, hit->x);
  double y = orchard_plot_painter_to_y (painter, hit->y);
  double sx = orchard_plot_painter_snap_line (painter, x, 1);
  double sy = orchard_plot_painter_snap_line (painter, y, 1);
  static const double dash[] = { 3, 3 };
  GdkRGBA fg, bg, color;

  if (!graphene_rect_contains_point (area, &GRAPHENE_POINT_INIT (x, y)) &&
      !(fabs (x - area->origin.x - area->size.width) < 1 || fabs (y - area->origin.y) < 1))
    return;

  orchard_plot_painter_get_color (painter, ORCHARD_PLOT_COLOR_FOREGROUND, &fg);
  orchard_plot_painter_get_color (painter, ORCHARD_PLOT_COLOR_BACKGROUND, &bg);
  orchard_plot_painter_get_series_color (painter, hit->series, &color);

  /* The crosshair, dashed and light, across the whole area. */
  cairo_save (cr);
  cairo_set_line_width (cr, 1);
  cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
  orchard_plot_painter_set_source (painter, &fg, 0.35);
  cairo_move_to (cr, sx, area->origin.y);
  cairo_line_to (cr, sx, area->origin.y + area->size.height);
  cairo_move_to (cr, area->origin.x, sy);
  cairo_line_to (cr, area->origin.x + area->size.width, sy);
  cairo_stroke (cr);
  cairo_restore (cr);

  /* The marker: the series colour in a ring of the background. */
  cairo_arc (cr, x, y, 6, 0, 2 * G_PI);
  orchard_plot_painter_set_source (painter, &bg, 1);
  cairo_fill (cr);
  cairo_arc (cr, x, y, 4, 0, 2 * G_PI);
  orchard_plot_painter_set_source (painter, &color, 1);
  cairo_fill (cr);
}

static void
draw_callout (OrchardPlot          *self,
              OrchardPlotPainter   *painter,
              const OrchardPlotHit *hit)
{
  const graphene_rect_t *bounds = orchard_plot_painter_get_bounds (painter);
  g_autofree char *text = orchard_plot_dup_item_text (self, hit->series, hit->index);
  g_autoptr(PangoLayout) layout = NULL;
  double ax, ay, w, h, x, y;
  GdkRGBA fg, bg, border;
  cairo_t *cr;

  if (text == NULL)
    return;

  layout = orchard_plot_painter_create_layout (painter, ORCHARD_PLOT_TEXT_VALUE, text);
  w = layout_width (layout) + 2 * CALLOUT_PAD;
  h = layout_height (layout) + 2 * CALLOUT_PAD;

  if (hit->flags & ORCHARD_PLOT_HIT_POINT)
    {
      ax = orchard_plot_painter_to_x (painter, hit->x);
      ay = orchard_plot_painter_to_y (painter, hit->y);
    }
  else
    {
      ax = orchard_plot_painter_to_x (painter, (hit->x0 + hit->x1) / 2.0);
      ay = orchard_plot_painter_to_y (painter, MAX (hit->y0, hit->y1));
    }

  /* Above and to the right of the item, flipped where that leaves the plot. */
  x = ax + 10;
  y = ay - 10 - h;
  if (x + w > bounds->size.width - 2)
    x = ax - 10 - w;
  if (y < 2)
    y = ay + 10;
  x = round (CLAMP (x, 2, MAX (2, bounds->size.width - 2 - w)));
  y = round (CLAMP (y, 2, MAX (2, bounds->size.height - 2 - h)));

  orchard_plot_painter_get_color (painter, ORCHARD_PLOT_COLOR_FOREGROUND, &fg);
  orchard_plot_painter_get_color (painter, ORCHARD_PLOT_COLOR_BACKGROUND, &bg);
  orchard_plot_painter_get_color (painter, ORCHARD_PLOT_COLOR_AXIS, &border);

  cr = orchard_plot_painter_get_cairo (painter);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - 6, y + 6, 6, -G_PI / 2, 0);
  cairo_arc (cr, x + w - 6, y + h - 6, 6, 0, G_PI / 2);
  cairo_arc (cr, x + 6, y + h - 6, 6, G_PI / 2, G_PI);
  cairo_arc (cr, x + 6, y + 6, 6, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
  orchard_plot_painter_set_source (painter, &bg, 0.96);
  cairo_fill_preserve (cr);
  cairo_set_line_width (cr, 1);
  orchard_plot_painter_set_source (painter, &border, 0.6);
  cairo_stroke (cr);

  orchard_plot_painter_draw_layout (painter, layout, x + CALLOUT_PAD, y + CALLOUT_PAD, &fg);
}

/* The axis lines along the area's left and bottom edges, and zero lines
 * where zero falls inside a linear range: negative values read against them. */
static void
draw_axes (OrchardPlot        *self,
           OrchardPlotPainter *painter,
           cairo_t            *cr)
{
  const graphene_rect_t *area = orchard_plot_painter_get_area (painter);
  double left = area->origin.x;
  double right = area->origin.x + area->size.width;
  double top = area->origin.y;
  double bottom = area->origin.y + area->size.height;

  cairo_move_to (cr, left, orchard_plot_painter_snap_line (painter, bottom, 1));
  cairo_line_to (cr, right, orchard_plot_painter_snap_line (painter, bottom, 1));
  cairo_move_to (cr, orchard_plot_painter_snap_line (painter, left, 1), top);
  cairo_line_to (cr, orchard_plot_painter_snap_line (painter, left, 1), bottom);

  if (orchard_plot_axis_get_kind (orchard_plot_get_y_axis (self)) == ORCHARD_PLOT_AXIS_LINEAR)
    {
      double f = orchard_plot_axis_map (orchard_plot_get_y_axis (self), 0);

      if (f > 0.001 && f < 0.999)
        {
          double y = orchard_plot_painter_snap_line (painter, orchard_plot_painter_to_y (painter, f), 1);

          cairo_move_to (cr, left, y);
          cairo_line_to (cr, right, y);
        }
    }
  if (orchard_plot_axis_get_kind (orchard_plot_get_x_axis (self)) == ORCHARD_PLOT_AXIS_LINEAR)
    {
      double f = orchard_plot_axis_map (orchard_plot_get_x_axis (self), 0);

      if (f > 0.001 && f < 0.999)
        {
          double x = orchard_plot_painter_snap_line (painter, orchard_plot_painter_to_x (painter, f), 1);

          cairo_move_to (cr, x, top);
          cairo_line_to (cr, x, bottom);
        }
    }
}

void
orchard_plot_paint (OrchardPlot          *self,
                    OrchardPlotPainter   *painter,
                    OrchardPlotLayout    *layout,
                    gboolean              paint_background,
                    const OrchardPlotHit *selection,
                    gboolean              callout)
{
  OrchardPlotClass *klass = ORCHARD_PLOT_GET_CLASS (self);
  const graphene_rect_t *area = &layout->area;
  graphene_rect_t clip;
  double left = area->origin.x;
  double right = area->origin.x + area->size.width;
  double top = area->origin.y;
  double bottom = area->origin.y + area->size.height;
  GdkRGBA grid, axis, color;
  cairo_t *cr;

  orchard_plot_painter_set_area (painter, area);
  orchard_plot_painter_get_color (painter, ORCHARD_PLOT_COLOR_GRID, &grid);
  orchard_plot_painter_get_color (painter, ORCHARD_PLOT_COLOR_AXIS, &axis);

  cr = orchard_plot_painter_get_cairo (painter);

  if (paint_background)
    {
      orchard_plot_painter_get_color (painter, ORCHARD_PLOT_COLOR_BACKGROUND, &color);
      gdk_cairo_set_source_rgba (cr, &color);
      cairo_paint (cr);
    }

  if (selection != NULL && (selection->flags & ORCHARD_PLOT_HIT_BAND))
    draw_band (painter, selection);

  /* Grid lines at the ticks, then the axis lines over them. */
  cairo_set_line_width (cr, 1);
  gdk_cairo_set_source_rgba (cr, &grid);
  for (guint i = 0; i < layout->y_grid->len; i++)
    {
      double y = orchard_plot_painter_snap_line (painter, g_array_index (layout->y_grid, double, i), 1);

      cairo_move_to (cr, left, y);
      cairo_line_to (cr, right, y);
    }
  for (guint i = 0; i < layout->x_grid->len; i++)
    {
      double x = orchard_plot_painter_snap_line (painter, g_array_index (layout->x_grid, double, i), 1);

      cairo_move_to (cr, x, top);
      cairo_line_to (cr, x, bottom);
    }
  cairo_stroke (cr);

  if (layout->empty == NULL && klass->draw_series != NULL)
    {
      graphene_rect_inset_r (area, -CLIP_SLACK, -CLIP_SLACK, &clip);
      orchard_plot_painter_push_clip (painter, &clip);
      klass->draw_series (self, painter);
      orchard_plot_painter_pop_clip (painter);
    }

  cr = orchard_plot_painter_get_cairo (painter);
  cairo_set_line_width (cr, 1);
  gdk_cairo_set_source_rgba (cr, &axis);
  if (layout->empty == NULL)
    draw_axes (self, painter, cr);
  cairo_stroke (cr);

  for (guint i = 0; i < layout->swatches->len; i++)
    {
      const OrchardPlotSwatch *swatch = &g_array_index (layout->swatches, OrchardPlotSwatch, i);
      OrchardPlotMark mark = klass->get_series_mark ? klass->get_series_mark (self, swatch->series)
                                                    : ORCHARD_PLOT_MARK_BOX;

      orchard_plot_painter_get_series_color (painter, swatch->series, &color);
      gdk_cairo_set_source_rgba (cr, &color);

      if (mark == ORCHARD_PLOT_MARK_LINE)
        {
          double y = swatch->y + swatch->size / 2.0;

          cairo_rectangle (cr, swatch->x, round (y) - 1, swatch->size, 2);
        }
      else
        {
          cairo_new_sub_path (cr);
          cairo_arc (cr, swatch->x + swatch->size - 2, swatch->y + 2, 2, -G_PI / 2, 0);
          cairo_arc (cr, swatch->x + swatch->size - 2, swatch->y + swatch->size - 2, 2, 0, G_PI / 2);
          cairo_arc (cr, swatch->x + 2, swatch->y + swatch->size - 2, 2, G_PI / 2, G_PI);
          cairo_arc (cr, swatch->x + 2, swatch->y + 2, 2, G_PI, 3 * G_PI / 2);
          cairo_close_path (cr);
        }
      cairo_fill (cr);
    }

  for (guint i = 0; i < layout->labels->len; i++)
    {
      const OrchardPlotLabel *label = &g_array_index (layout->labels, OrchardPlotLabel, i);

      orchard_plot_painter_get_color (painter, label->color, &color);
      if (label->rotated)
        orchard_plot_painter_draw_layout_rotated (painter, label->layout, label->x, label->y, &color);
      else
        orchard_plot_painter_draw_layout (painter, label->layout, label->x, label->y, &color);
    }

  if (layout->empty != NULL)
    {
      orchard_plot_painter_get_color (painter, ORCHARD_PLOT_COLOR_DIM, &color);
      orchard_plot_painter_draw_layout (painter, layout->empty,
                                        left + (area->size.width - layout_width (layout->empty)) / 2.0,
                                        top + (area->size.height - layout_height (layout->empty)) / 2.0,
                                        &color);
    }

  if (selection != NULL)
    {
      if (selection->flags & ORCHARD_PLOT_HIT_POINT)
        draw_point (painter, selection);
      if (callout)
        draw_callout (self, painter, selection);
    }
}
