/* orchard-scatter-plot.c
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Up to ORCHARD_SCATTER_PLOT_DENSITY_LIMIT points, every point is drawn,
 * translucent so that overlaps darken. Beyond, points would only paint the
 * area solid, so the plot counts them into a grid (once, when the data or
 * the axes change) and shades each cell by the logarithm of its count;
 * hovering then tells a cell's count instead of a point's values. The
 * diagonal y = x is where a perfect regressor's points lie.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "orchard-scatter-plot.h"

#define POINT_RADIUS 2.5
#define GRID         96

struct _OrchardScatterPlot
{
  OrchardPlot  parent_instance;

  char        *name;
  double      *x;
  double      *y;
  gsize        n;

  /* normalised: the points, or the grid's counts */
  float       *fx;
  float       *fy;
  guint       *cells;     /* GRID × GRID, row 0 at the bottom */
  guint        max_cell;
  GArray      *nonempty;  /* guint, indices of non-empty cells */

  gboolean     diagonal;
};

G_DEFINE_FINAL_TYPE (OrchardScatterPlot, orchard_scatter_plot, ORCHARD_TYPE_PLOT)

static gboolean
is_density (OrchardScatterPlot *self)
{
  return self->n > ORCHARD_SCATTER_PLOT_DENSITY_LIMIT;
}

static guint
orchard_scatter_plot_real_get_n_series (OrchardPlot *plot)
{
  return ORCHARD_SCATTER_PLOT (plot)->n > 0 ? 1 : 0;
}

static guint
orchard_scatter_plot_real_get_n_items (OrchardPlot *plot,
                                       guint        series)
{
  OrchardScatterPlot *self = ORCHARD_SCATTER_PLOT (plot);

  return is_density (self) ? self->nonempty->len : (guint) self->n;
}

static const char *
orchard_scatter_plot_get_series_name (OrchardPlot *plot,
                                      guint        series)
{
  return ORCHARD_SCATTER_PLOT (plot)->name;
}

static OrchardPlotMark
orchard_scatter_plot_get_series_mark (OrchardPlot *plot,
                                      guint        series)
{
  return ORCHARD_PLOT_MARK_BOX;
}

static void
orchard_scatter_plot_get_extent (OrchardPlot *plot,
                                 double      *x_min,
                                 double      *x_max,
                                 double      *y_min,
                                 double      *y_max)
{
  OrchardScatterPlot *self = ORCHARD_SCATTER_PLOT (plot);
  double lo = NAN, hi = NAN;

  /* One range for both axes, so that the diagonal is at 45°. */
  for (gsize i = 0; i < self->n; i++)
    {
      if (!isfinite (self->x[i]) || !isfinite (self->y[i]))
        continue;
      if (isnan (lo) || MIN (self->x[i], self->y[i]) < lo)
        lo = MIN (self->x[i], self->y[i]);
      if (isnan (hi) || MAX (self->x[i], self->y[i]) > hi)
        hi = MAX (self->x[i], self->y[i]);
    }

  *x_min = *y_min = lo;
  *x_max = *y_max = hi;
}

static void
orchard_scatter_plot_normalize (OrchardPlot *plot)
{
  OrchardScatterPlot *self = ORCHARD_SCATTER_PLOT (plot);
  OrchardPlotAxis *x_axis = orchard_plot_get_x_axis (plot);
  OrchardPlotAxis *y_axis = orchard_plot_get_y_axis (plot);

  if (!is_density (self))
    {
      for (gsize i = 0; i < self->n; i++)
        {
          self->fx[i] = orchard_plot_axis_map (x_axis, self->x[i]);
          self->fy[i] = orchard_plot_axis_map (y_axis, self->y[i]);
        }
      return;
    }

  memset (self->cells, 0, GRID * GRID * sizeof (guint));
  self->max_cell = 0;
  for (gsize i = 0; i < self->n; i++)
    {
      double fx = orchard_plot_axis_map (x_axis, self->x[i]);
      double fy = orchard_plot_axis_map (y_axis, self->y[i]);
      guint cx, cy, *cell;

      if (!(fx >= 0 && fx <= 1 && fy >= 0 && fy <= 1))
        continue;
      cx = MIN ((guint) (fx * GRID), GRID - 1);
      cy = MIN ((guint) (fy * GRID), GRID - 1);
      cell = &self->cells[cy * GRID + cx];
      (*cell)++;
      self->max_cell = MAX (self->max_cell, *cell);
    }

  g_array_set_size (self->nonempty, 0);
  for (guint c = 0; c < GRID * GRID; c++)
    if (self->cells[c] > 0)
      g_array_append_val (self->nonempty, c);
}

static void
draw_diagonal (OrchardScatterPlot *self,
               OrchardPlotPainter *painter)
{
  OrchardPlotAxis *x_axis = orchard_plot_get_x_axis (ORCHARD_PLOT (self));
  OrchardPlotAxis *y_axis = orchard_plot_get_y_axis (ORCHARD_PLOT (self));
  cairo_t *cr = orchard_plot_painter_get_cairo (painter);
  static const double dash[] = { 5.0, 4.0 };
  double lo, hi;
  GdkRGBA dim;

  orchard_plot_axis_get_range (x_axis, &lo, &hi);
  orchard_plot_painter_get_color (painter, ORCHARD_PLOT_COLOR_DIM, &dim);

  cairo_save (cr);
  cairo_set_line_width (cr, 1.0);
  cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
  cairo_move_to (cr, orchard_plot_painter_to_x (painter, orchard_plot_axis_map (x_axis, lo)),
                 orchard_plot_painter_to_y (painter, orchard_plot_axis_map (y_axis, lo)));
  cairo_line_to (cr, orchard_plot_painter_to_x (painter, orchard_plot_axis_map (x_axis, hi)),
                 orchard_plot_painter_to_y (painter, orchard_plot_axis_map (y_axis, hi)));
  orchard_plot_painter_set_source (painter, &dim, 1.0);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
orchard_scatter_plot_draw_series (OrchardPlot        *plot,
                                  OrchardPlotPainter *painter)
{
  OrchardScatterPlot *self = ORCHARD_SCATTER_PLOT (plot);
  cairo_t *cr = orchard_plot_painter_get_cairo (painter);
  GdkRGBA color;

  orchard_plot_painter_get_series_color (painter, 0, &color);

  if (is_density (self))
    {
      double log_max = log1p (self->max_cell);

      for (guint k = 0; k < self->nonempty->len; k++)
        {
          guint c = g_array_index (self->nonempty, guint, k);
          double x0 = orchard_plot_painter_to_x (painter, (double) (c % GRID) / GRID);
          double x1 = orchard_plot_painter_to_x (painter, (double) (c % GRID + 1) / GRID);
          double y0 = orchard_plot_painter_to_y (painter, (double) (c / GRID + 1) / GRID);
          double y1 = orchard_plot_painter_to_y (painter, (double) (c / GRID) / GRID);

          cairo_rectangle (cr, floor (x0), floor (y0), ceil (x1) - floor (x0), ceil (y1) - floor (y0));
          orchard_plot_painter_set_source (painter, &color,
                                           0.15 + 0.85 * log1p (self->cells[c]) / MAX (log_max, 1e-9));
          cairo_fill (cr);
        }
    }
  else
    {
      /* Translucent, so that where points pile up the colour deepens. */
      double alpha = self->n > 2000 ? 0.35 : 0.7;

      for (gsize i = 0; i < self->n; i++)
        {
          if (!isfinite (self->fx[i]) || !isfinite (self->fy[i]))
            continue;
          cairo_new_sub_path (cr);
          cairo_arc (cr, orchard_plot_painter_to_x (painter, self->fx[i]),
                     orchard_plot_painter_to_y (painter, self->fy[i]), POINT_RADIUS, 0, 2 * G_PI);
          /* Fill in batches: one huge path is slow to rasterise. */
          if (i % 1024 == 1023)
            {
              orchard_plot_painter_set_source (painter, &color, alpha);
              cairo_fill (cr);
            }
        }
      orchard_plot_painter_set_source (painter, &color, alpha);
      cairo_fill (cr);
    }

  if (self->diagonal && self->n > 0)
    draw_diagonal (self, painter);
}

static gboolean
orchard_scatter_plot_get_item (OrchardPlot    *plot,
                               guint           series,
                               guint           index,
                               OrchardPlotHit *hit)
{
  OrchardScatterPlot *self = ORCHARD_SCATTER_PLOT (plot);

  if (is_density (self))
    {
      guint c = g_array_index (self->nonempty, guint, index);

      hit->flags = ORCHARD_PLOT_HIT_BAND;
      hit->x0 = (double) (c % GRID) / GRID;
      hit->x1 = (double) (c % GRID + 1) / GRID;
      hit->y0 = (double) (c / GRID) / GRID;
      hit->y1 = (double) (c / GRID + 1) / GRID;
      hit->x = (hit->x0 + hit->x1) / 2;
      hit->y = (hit->y0 + hit->y1) / 2;
      return TRUE;
    }

  if (!isfinite (self->fx[index]) || !isfinite (self->fy[index]) ||
      self->fx[index] < 0 || self->fx[index] > 1 || self->fy[index] < 0 || self->fy[index] > 1)
    return FALSE;

  hit->flags = ORCHARD_PLOT_HIT_POINT;
  hit->x = self->fx[index];
  hit->y = self->fy[index];

  return TRUE;
}

static char *
orchard_scatter_plot_describe_item (OrchardPlot *plot,
                                    guint        series,
                                    guint        index)
{
  OrchardScatterPlot *self = ORCHARD_SCATTER_PLOT (plot);
  OrchardPlotAxis *x_axis = orchard_plot_get_x_axis (plot);
  OrchardPlotAxis *y_axis = orchard_plot_get_y_axis (plot);
  const char *x_name = orchard_plot_axis_get_title (x_axis);
  const char *y_name = orchard_plot_axis_get_title (y_axis);

  if (is_density (self))
    {
      guint c = g_array_index (self->nonempty, guint, index);
      g_autofree char *x0 = orchard_plot_format_value (orchard_plot_axis_unmap (x_axis, (double) (c % GRID) / GRID));
      g_autofree char *x1 = orchard_plot_format_value (orchard_plot_axis_unmap (x_axis, (double) (c % GRID + 1) / GRID));
      g_autofree char *y0 = orchard_plot_format_value (orchard_plot_axis_unmap (y_axis, (double) (c / GRID) / GRID));
      g_autofree char *y1 = orchard_plot_format_value (orchard_plot_axis_unmap (y_axis, (double) (c / GRID + 1) / GRID));

      /* Translators: a cell of a density plot: the axis names and ranges, and how many points it holds */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s: %s to %s\n%s: %s to %s\n%u point",
                                           "%s: %s to %s\n%s: %s to %s\n%u points", self->cells[c]),
                              x_name != NULL ? x_name : "x", x0, x1,
                              y_name != NULL ? y_name : "y", y0, y1, self->cells[c]);
    }
  else
    {
      g_autofree char *x = orchard_plot_format_value (self->x[index]);
      g_autofree char *y = orchard_plot_format_value (self->y[index]);

      /* Translators: a point of a scatter plot: its row and its values on both axes */
      return g_strdup_printf (_("Row %u\n%s: %s\n%s: %s"), index + 1,
                              x_name != NULL ? x_name : "x", x, y_name != NULL ? y_name : "y", y);
    }
}

static char *
orchard_scatter_plot_describe (OrchardPlot *plot)
{
  OrchardScatterPlot *self = ORCHARD_SCATTER_PLOT (plot);
  OrchardPlotAxis *x_axis = orchard_plot_get_x_axis (plot);
  OrchardPlotAxis *y_axis = orchard_plot_get_y_axis (plot);
  double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0, n = 0, r;
  g_autofree char *r_text = NULL;

  if (self->n == 0)
    return g_strdup (_("Scatter plot with no data"));

  for (gsize i = 0; i < self->n; i++)
    {
      if (!isfinite (self->x[i]) || !isfinite (self->y[i]))
        continue;
      n++;
      sx += self->x[i];
      sy += self->y[i];
    }
  sx /= MAX (n, 1);
  sy /= MAX (n, 1);
  for (gsize i = 0; i < self->n; i++)
    {
      if (!isfinite (self->x[i]) || !isfinite (self->y[i]))
        continue;
      sxx += (self->x[i] - sx) * (self->x[i] - sx);
      syy += (self->y[i] - sy) * (self->y[i] - sy);
      sxy += (self->x[i] - sx) * (self->y[i] - sy);
    }
  r = sxy / sqrt (sxx * syy);
  r_text = g_strdup_printf ("%.3f", r);

  /* Translators: a scatter plot's description: the number of points, the
   * two axis names, their correlation and whether it shades density */
  return g_strdup_printf (_("Scatter plot of %lu points, %s against %s, correlation %s%s."),
                          (gulong) n,
                          orchard_plot_axis_get_title (y_axis) != NULL ? orchard_plot_axis_get_title (y_axis) : "y",
                          orchard_plot_axis_get_title (x_axis) != NULL ? orchard_plot_axis_get_title (x_axis) : "x",
                          r_text, is_density (self) ? _(", shaded by density") : "");
}

static void
orchard_scatter_plot_finalize (GObject *object)
{
  OrchardScatterPlot *self = (OrchardScatterPlot *)object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->x, g_free);
  g_clear_pointer (&self->y, g_free);
  g_clear_pointer (&self->fx, g_free);
  g_clear_pointer (&self->fy, g_free);
  g_clear_pointer (&self->cells, g_free);
  g_clear_pointer (&self->nonempty, g_array_unref);

  G_OBJECT_CLASS (orchard_scatter_plot_parent_class)->finalize (object);
}

static void
orchard_scatter_plot_class_init (OrchardScatterPlotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  OrchardPlotClass *plot_class = ORCHARD_PLOT_CLASS (klass);

  object_class->finalize = orchard_scatter_plot_finalize;

  plot_class->get_extent = orchard_scatter_plot_get_extent;
  plot_class->normalize = orchard_scatter_plot_normalize;
  plot_class->draw_series = orchard_scatter_plot_draw_series;
  plot_class->get_n_series = orchard_scatter_plot_real_get_n_series;
  plot_class->get_series_name = orchard_scatter_plot_get_series_name;
  plot_class->get_series_mark = orchard_scatter_plot_get_series_mark;
  plot_class->get_n_items = orchard_scatter_plot_real_get_n_items;
  plot_class->get_item = orchard_scatter_plot_get_item;
  plot_class->describe_item = orchard_scatter_plot_describe_item;
  plot_class->describe = orchard_scatter_plot_describe;
}

static void
orchard_scatter_plot_init (OrchardScatterPlot *self)
{
  OrchardPlot *plot = ORCHARD_PLOT (self);
  g_autoptr(OrchardPlotAxis) x_axis = orchard_plot_axis_new (ORCHARD_PLOT_AXIS_LINEAR);
  g_autoptr(OrchardPlotAxis) y_axis = orchard_plot_axis_new (ORCHARD_PLOT_AXIS_LINEAR);

  self->nonempty = g_array_new (FALSE, FALSE, sizeof (guint));
  self->cells = g_new0 (guint, GRID * GRID);
  self->diagonal = TRUE;
  orchard_plot_axis_set_title (x_axis, _("Actual"));
  orchard_plot_axis_set_title (y_axis, _("Predicted"));
  orchard_plot_set_x_axis (plot, x_axis);
  orchard_plot_set_y_axis (plot, y_axis);
  orchard_plot_set_show_legend (plot, FALSE);
}

GtkWidget *
orchard_scatter_plot_new (void)
{
  return g_object_new (ORCHARD_TYPE_SCATTER_PLOT, NULL);
}

/**
 * orchard_scatter_plot_set_data:
 * @self: a scatter plot
 * @name: (nullable): what the points are, for tooltips
 * @x: (array length=n_points): the x of each point (the actual values)
 * @y: (array length=n_points): the y of each point (the predictions)
 * @n_points: the number of points
 *
 * Shows the points; the data is copied.
 */
void
orchard_scatter_plot_set_data (OrchardScatterPlot *self,
                               const char         *name,
                               const double       *x,
                               const double       *y,
                               gsize               n_points)
{
  g_return_if_fail (ORCHARD_IS_SCATTER_PLOT (self));
  g_return_if_fail (n_points == 0 || (x != NULL && y != NULL));
  g_return_if_fail (n_points <= G_MAXUINT);

  g_clear_pointer (&self->x, g_free);
  g_clear_pointer (&self->y, g_free);
  g_clear_pointer (&self->fx, g_free);
  g_clear_pointer (&self->fy, g_free);
  g_free (self->name);
  self->name = g_strdup (name);
  self->n = n_points;
  self->x = g_memdup2 (x, MAX (n_points, 1) * sizeof (double));
  self->y = g_memdup2 (y, MAX (n_points, 1) * sizeof (double));
  if (!is_density (self))
    {
      self->fx = g_new0 (float, MAX (n_points, 1));
      self->fy = g_new0 (float, MAX (n_points, 1));
    }

  orchard_plot_data_changed (ORCHARD_PLOT (self));
}

gsize
orchard_scatter_plot_get_n_points (OrchardScatterPlot *self)
{
  g_return_val_if_fail (ORCHARD_IS_SCATTER_PLOT (self), 0);

  return self->n;
}

/**
 * orchard_scatter_plot_get_density:
 *
 * Returns: whether the plot shades a density grid rather than drawing points
 */
gboolean
orchard_scatter_plot_get_density (OrchardScatterPlot *self)
{
  g_return_val_if_fail (ORCHARD_IS_SCATTER_PLOT (self), FALSE);

  return is_density (self);
}

gboolean
orchard_scatter_plot_get_diagonal (OrchardScatterPlot *self)
{
  g_return_val_if_fail (ORCHARD_IS_SCATTER_PLOT (self), FALSE);

  return self->diagonal;
}

void
orchard_scatter_plot_set_diagonal (OrchardScatterPlot *self,
                                   gboolean            diagonal)
{
  g_return_if_fail (ORCHARD_IS_SCATTER_PLOT (self));

  self->diagonal = !!diagonal;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
