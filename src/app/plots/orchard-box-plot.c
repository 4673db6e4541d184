/* orchard-box-plot.c
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Made for cross-validation scores: a handful of values per group (one per
 * fold), so every value is drawn as a point over its box, spread sideways
 * by a fixed pattern (not at random: the same data draws the same). The
 * box spans the quartiles with the median across, the whiskers reach the
 * furthest values within 1.5 interquartile ranges (Tukey). Quartiles
 * interpolate linearly, as numpy.percentile does by default.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>

#include "orchard-box-plot.h"

#define POINT_RADIUS 3.5
#define BOX_WIDTH    0.5   /* of the band */

typedef struct
{
  char   *name;
  GArray *values;  /* double, as given */
  double  q1, median, q3, low, high;
  double  pos;     /* normalised centre */
  double  f[5];    /* normalised q1, median, q3, low, high */
  GArray *fy;      /* normalised values */
} Group;

struct _OrchardBoxPlot
{
  OrchardPlot  parent_instance;

  GPtrArray   *groups;
  GPtrArray   *names;  /* for the category axis, NULL-terminated */
};

G_DEFINE_FINAL_TYPE (OrchardBoxPlot, orchard_box_plot, ORCHARD_TYPE_PLOT)

#define AT(array, i) g_array_index ((array), double, (i))

static void
group_free (gpointer data)
{
  Group *group = data;

  g_free (group->name);
  g_array_unref (group->values);
  g_array_unref (group->fy);
  g_free (group);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y ? 1 : 0;
}

static double
quantile (const double *sorted,
          guint         n,
          double        q)
{
  double h = (n - 1) * q;
  guint lo = (guint) floor (h);
  guint hi = MIN (lo + 1, n - 1);

  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

static void
group_summarise (Group *group)
{
  g_autofree double *sorted = g_new (double, MAX (group->values->len, 1));
  guint n = 0;
  double iqr;

  for (guint i = 0; i < group->values->len; i++)
    if (isfinite (AT (group->values, i)))
      sorted[n++] = AT (group->values, i);

  if (n == 0)
    {
      group->q1 = group->median = group->q3 = group->low = group->high = NAN;
      return;
    }

  qsort (sorted, n, sizeof (double), compare_doubles);
  group->q1 = quantile (sorted, n, 0.25);
  group->median = quantile (sorted, n, 0.5);
  group->q3 = quantile (sorted, n, 0.75);
  iqr = group->q3 - group->q1;
  group->low = group->q1;
  group->high = group->q3;
  for (guint i = 0; i < n; i++)
    {
      if (sorted[i] >= group->q1 - 1.5 * iqr)
        group->low = MIN (group->low, sorted[i]);
      if (sorted[i] <= group->q3 + 1.5 * iqr)
        group->high = MAX (group->high, sorted[i]);
    }
}

static guint
orchard_box_plot_real_get_n_series (OrchardPlot *plot)
{
  return ORCHARD_BOX_PLOT (plot)->groups->len;
}

static guint
orchard_box_plot_real_get_n_items (OrchardPlot *plot,
                                   guint        series)
{
  Group *group = g_ptr_array_index (ORCHARD_BOX_PLOT (plot)->groups, series);

  return group->values->len;
}

static const char *
orchard_box_plot_get_series_name (OrchardPlot *plot,
                                  guint        series)
{
  Group *group = g_ptr_array_index (ORCHARD_BOX_PLOT (plot)->groups, series);

  return group->name;
}

static OrchardPlotMark
orchard_box_plot_get_series_mark (OrchardPlot *plot,
                                  guint        series)
{
  return ORCHARD_PLOT_MARK_BOX;
}

static void
orchard_box_plot_get_extent (OrchardPlot *plot,
                             double      *x_min,
                             double      *x_max,
                             double      *y_min,
                             double      *y_max)
{
  OrchardBoxPlot *self = ORCHARD_BOX_PLOT (plot);
  double lo = NAN, hi = NAN, margin;

  for (guint g = 0; g < self->groups->len; g++)
    {
      Group *group = g_ptr_array_index (self->groups, g);

      for (guint i = 0; i < group->values->len; i++)
        {
          double v = AT (group->values, i);

          if (!isfinite (v))
            continue;
          if (isnan (lo) || v < lo)
            lo = v;
          if (isnan (hi) || v > hi)
            hi = v;
        }
    }

  if (isnan (lo))
    return;

  /* Room around the extreme points, which are drawn as dots: a twentieth
   * of the spread (or of the value, when all are equal). */
  margin = hi > lo ? (hi - lo) / 20 : MAX (fabs (hi) / 20, 1e-9);
  *y_min = lo - margin;
  *y_max = hi + margin;
}

static void
orchard_box_plot_normalize (OrchardPlot *plot)
{
  OrchardBoxPlot *self = ORCHARD_BOX_PLOT (plot);
  OrchardPlotAxis *x_axis = orchard_plot_get_x_axis (plot);
  OrchardPlotAxis *y_axis = orchard_plot_get_y_axis (plot);

  for (guint g = 0; g < self->groups->len; g++)
    {
      Group *group = g_ptr_array_index (self->groups, g);
      double stats[5] = { group->q1, group->median, group->q3, group->low, group->high };

      group->pos = orchard_plot_axis_map (x_axis, g);
      for (guint k = 0; k < 5; k++)
        group->f[k] = orchard_plot_axis_map (y_axis, stats[k]);
      for (guint i = 0; i < group->values->len; i++)
        AT (group->fy, i) = orchard_plot_axis_map (y_axis, AT (group->values, i));
    }
}

/* A point's sideways offset, a fraction of the box's half width: a fixed
 * zigzag, 0, +, -, ++, --, … */
static double
jitter (guint index)
{
  static const double pattern[] = { 0, 0.35, -0.35, 0.7, -0.7, 0.175, -0.175, 0.525, -0.525 };

  return pattern[index % G_N_ELEMENTS (pattern)];
}

static double
point_x (OrchardBoxPlot *self,
         Group          *group,
         guint           index)
{
  double half = orchard_plot_axis_get_band_width (orchard_plot_get_x_axis (ORCHARD_PLOT (self))) * BOX_WIDTH / 2;

  return group->pos + jitter (index) * half;
}

static void
orchard_box_plot_draw_series (OrchardPlot        *plot,
                              OrchardPlotPainter *painter)
{
  OrchardBoxPlot *self = ORCHARD_BOX_PLOT (plot);
  cairo_t *cr = orchard_plot_painter_get_cairo (painter);
  double half = orchard_plot_axis_get_band_width (orchard_plot_get_x_axis (plot)) * BOX_WIDTH / 2;
  GdkRGBA color, foreground, background;

  orchard_plot_painter_get_color (painter, ORCHARD_PLOT_COLOR_FOREGROUND, &foreground);
  orchard_plot_painter_get_color (painter, ORCHARD_PLOT_COLOR_BACKGROUND, &background);

  for (guint g = 0; g < self->groups->len; g++)
    {
      Group *group = g_ptr_array_index (self->groups, g);
      double x0, x1, xc, q1, med, q3, lo, hi;

      orchard_plot_painter_get_series_color (painter, g, &color);

      if (isfinite (group->f[1]))
        {
          x0 = orchard_plot_painter_snap_edge (painter, orchard_plot_painter_to_x (painter, group->pos - half));
          x1 = orchard_plot_painter_snap_edge (painter, orchard_plot_painter_to_x (painter, group->pos + half));
          xc = orchard_plot_painter_snap_line (painter, orchard_plot_painter_to_x (painter, group->pos), 1.0);
          q1 = orchard_plot_painter_to_y (painter, group->f[0]);
          med = orchard_plot_painter_snap_line (painter, orchard_plot_painter_to_y (painter, group->f[1]), 2.0);
          q3 = orchard_plot_painter_to_y (painter, group->f[2]);
          lo = orchard_plot_painter_to_y (painter, group->f[3]);
          hi = orchard_plot_painter_to_y (painter, group->f[4]);

          /* Whiskers, then the box, then the median across it. */
          cairo_set_line_width (cr, 1.0);
          cairo_move_to (cr, xc, lo);
          cairo_line_to (cr, xc, q1);
          cairo_move_to (cr, xc, q3);
          cairo_line_to (cr, xc, hi);
          cairo_move_to (cr, xc - (x1 - x0) / 4, orchard_plot_painter_snap_line (painter, lo, 1.0));
          cairo_line_to (cr, xc + (x1 - x0) / 4, orchard_plot_painter_snap_line (painter, lo, 1.0));
          cairo_move_to (cr, xc - (x1 - x0) / 4, orchard_plot_painter_snap_line (painter, hi, 1.0));
          cairo_line_to (cr, xc + (x1 - x0) / 4, orchard_plot_painter_snap_line (painter, hi, 1.0));
          orchard_plot_painter_set_source (painter, &foreground, 0.6);
          cairo_stroke (cr);

          cairo_rectangle (cr, x0, MIN (q1, q3), x1 - x0, MAX (fabs (q1 - q3), 1.0));
          orchard_plot_painter_set_source (painter, &color, 0.25);
          cairo_fill_preserve (cr);
          orchard_plot_painter_set_source (painter, &color, 1.0);
          cairo_stroke (cr);

          cairo_set_line_width (cr, 2.0);
          cairo_move_to (cr, x0, med);
          cairo_line_to (cr, x1, med);
          orchard_plot_painter_set_source (painter, &color, 1.0);
          cairo_stroke (cr);
        }

      for (guint i = 0; i < group->values->len; i++)
        {
          double fy = AT (group->fy, i);

          if (!isfinite (fy))
            continue;
          cairo_new_sub_path (cr);
          cairo_arc (cr, orchard_plot_painter_to_x (painter, point_x (self, group, i)),
                     orchard_plot_painter_to_y (painter, fy), POINT_RADIUS, 0, 2 * G_PI);
        }
      orchard_plot_painter_set_source (painter, &color, 1.0);
      cairo_fill_preserve (cr);
      cairo_set_line_width (cr, 1.0);
      orchard_plot_painter_set_source (painter, &background, 1.0);
      cairo_stroke (cr);
    }
}

static gboolean
orchard_box_plot_get_item (OrchardPlot    *plot,
                           guint           series,
                           guint           index,
                           OrchardPlotHit *hit)
{
  OrchardBoxPlot *self = ORCHARD_BOX_PLOT (plot);
  Group *group = g_ptr_array_index (self->groups, series);
  double fy = AT (group->fy, index);

  if (!isfinite (fy))
    return FALSE;

  hit->flags = ORCHARD_PLOT_HIT_POINT;
  hit->x = point_x (self, group, index);
  hit->y = fy;

  return TRUE;
}

static char *
orchard_box_plot_describe_item (OrchardPlot *plot,
                                guint        series,
                                guint        index)
{
  Group *group = g_ptr_array_index (ORCHARD_BOX_PLOT (plot)->groups, series);
  OrchardPlotAxis *y_axis = orchard_plot_get_y_axis (plot);
  g_autofree char *value = orchard_plot_format_value (AT (group->values, index));
  g_autofree char *median = orchard_plot_format_value (group->median);

  /* Translators: a point of a box plot: the group, which value (e.g. the
   * fold) it is, the axis name and the value, and the group's median */
  return g_strdup_printf (_("%s, #%u\n%s: %s\nMedian: %s"), group->name, index + 1,
                          orchard_plot_axis_get_title (y_axis) != NULL
                            ? orchard_plot_axis_get_title (y_axis) : "y",
                          value, median);
}

static char *
orchard_box_plot_describe (OrchardPlot *plot)
{
  OrchardBoxPlot *self = ORCHARD_BOX_PLOT (plot);
  g_autoptr(GString) text = g_string_new (NULL);

  if (self->groups->len == 0)
    return g_strdup (_("Box plot with no data"));

  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "Box plot of %u group",
                                             "Box plot of %u groups", self->groups->len),
                          self->groups->len);

  for (guint g = 0; g < self->groups->len; g++)
    {
      Group *group = g_ptr_array_index (self->groups, g);
      g_autofree char *median = orchard_plot_format_value (group->median);
      g_autofree char *q1 = orchard_plot_format_value (group->q1);
      g_autofree char *q3 = orchard_plot_format_value (group->q3);

      g_string_append (text, g == 0 ? ": " : "; ");
      /* Translators: one group of a box plot in its description, e.g.
       * "Logistic, 5 values, median 0.95, quartiles 0.94 to 0.97" */
      g_string_append_printf (text,
                              g_dngettext (GETTEXT_PACKAGE,
                                           "%s, %u value, median %s, quartiles %s to %s",
                                           "%s, %u values, median %s, quartiles %s to %s",
                                           group->values->len),
                              group->name, group->values->len, median, q1, q3);
    }
  g_string_append_c (text, '.');

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
orchard_box_plot_finalize (GObject *object)
{
  OrchardBoxPlot *self = (OrchardBoxPlot *)object;

  g_clear_pointer (&self->groups, g_ptr_array_unref);
  g_clear_pointer (&self->names, g_ptr_array_unref);

  G_OBJECT_CLASS (orchard_box_plot_parent_class)->finalize (object);
}

static void
orchard_box_plot_class_init (OrchardBoxPlotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  OrchardPlotClass *plot_class = ORCHARD_PLOT_CLASS (klass);

  object_class->finalize = orchard_box_plot_finalize;

  plot_class->get_extent = orchard_box_plot_get_extent;
  plot_class->normalize = orchard_box_plot_normalize;
  plot_class->draw_series = orchard_box_plot_draw_series;
  plot_class->get_n_series = orchard_box_plot_real_get_n_series;
  plot_class->get_series_name = orchard_box_plot_get_series_name;
  plot_class->get_series_mark = orchard_box_plot_get_series_mark;
  plot_class->get_n_items = orchard_box_plot_real_get_n_items;
  plot_class->get_item = orchard_box_plot_get_item;
  plot_class->describe_item = orchard_box_plot_describe_item;
  plot_class->describe = orchard_box_plot_describe;
}

static void
orchard_box_plot_init (OrchardBoxPlot *self)
{
  OrchardPlot *plot = ORCHARD_PLOT (self);
  g_autoptr(OrchardPlotAxis) x_axis = orchard_plot_axis_new (ORCHARD_PLOT_AXIS_BAND);
  g_autoptr(OrchardPlotAxis) y_axis = orchard_plot_axis_new (ORCHARD_PLOT_AXIS_LINEAR);

  self->groups = g_ptr_array_new_with_free_func (group_free);
  self->names = g_ptr_array_new_null_terminated (0, NULL, TRUE);
  orchard_plot_set_x_axis (plot, x_axis);
  orchard_plot_set_y_axis (plot, y_axis);
  /* The category axis names the groups. */
  orchard_plot_set_show_legend (plot, FALSE);
}

GtkWidget *
orchard_box_plot_new (void)
{
  return g_object_new (ORCHARD_TYPE_BOX_PLOT, NULL);
}

/**
 * orchard_box_plot_add_group:
 * @self: a box plot
 * @name: the group's name, on the category axis
 * @values: (array length=n_values): its values; NaN ones are left out
 * @n_values: how many
 *
 * Adds a group, such as one model's scores on the folds of a
 * cross-validation; the data is copied.
 *
 * Returns: the index of the group
 */
guint
orchard_box_plot_add_group (OrchardBoxPlot *self,
                            const char     *name,
                            const double   *values,
                            guint           n_values)
{
  Group *group;

  g_return_val_if_fail (ORCHARD_IS_BOX_PLOT (self), 0);
  g_return_val_if_fail (name != NULL, 0);
  g_return_val_if_fail (n_values == 0 || values != NULL, 0);

  group = g_new0 (Group, 1);
  group->name = g_strdup (name);
  group->values = g_array_new (FALSE, FALSE, sizeof (double));
  group->fy = g_array_new (FALSE, FALSE, sizeof (double));
  if (n_values > 0)
    g_array_append_vals (group->values, values, n_values);
  g_array_set_size (group->fy, n_values);
  group_summarise (group);

  g_ptr_array_add (self->groups, group);
  g_ptr_array_add (self->names, group->name);
  orchard_plot_axis_set_categories (orchard_plot_get_x_axis (ORCHARD_PLOT (self)),
                                    (const char * const *) self->names->pdata);
  orchard_plot_data_changed (ORCHARD_PLOT (self));

  return self->groups->len - 1;
}

void
orchard_box_plot_clear (OrchardBoxPlot *self)
{
  g_return_if_fail (ORCHARD_IS_BOX_PLOT (self));

  g_ptr_array_set_size (self->names, 0);
  g_ptr_array_set_size (self->groups, 0);
  orchard_plot_axis_set_categories (orchard_plot_get_x_axis (ORCHARD_PLOT (self)), NULL);
  orchard_plot_data_changed (ORCHARD_PLOT (self));
}

guint
orchard_box_plot_get_n_groups (OrchardBoxPlot *self)
{
  g_return_val_if_fail (ORCHARD_IS_BOX_PLOT (self), 0);

  return self->groups->len;
}

guint
orchard_box_plot_get_n_values (OrchardBoxPlot *self,
                               guint           group)
{
  g_return_val_if_fail (ORCHARD_IS_BOX_PLOT (self), 0);
  g_return_val_if_fail (group < self->groups->len, 0);

  return ((Group *) g_ptr_array_index (self->groups, group))->values->len;
}

/**
 * orchard_box_plot_get_quartiles:
 * @self: a box plot
 * @group: a group
 * @q1: (out) (optional): the first quartile
 * @median: (out) (optional): the median
 * @q3: (out) (optional): the third quartile
 *
 * The quartiles the box shows, interpolated linearly between values.
 */
void
orchard_box_plot_get_quartiles (OrchardBoxPlot *self,
                                guint           group,
                                double         *q1,
                                double         *median,
                                double         *q3)
{
  Group *g;

  g_return_if_fail (ORCHARD_IS_BOX_PLOT (self));
  g_return_if_fail (group < self->groups->len);

  g = g_ptr_array_index (self->groups, group);
  if (q1 != NULL)
    *q1 = g->q1;
  if (median != NULL)
    *median = g->median;
  if (q3 != NULL)
    *q3 = g->q3;
}
