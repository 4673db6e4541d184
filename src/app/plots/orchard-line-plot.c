/* orchard-line-plot.c
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "orchard-line-plot.h"

#define LINE_WIDTH   2.0
#define POINT_RADIUS 3.0

typedef struct
{
  char   *name;
  GArray *x;   /* double */
  GArray *y;   /* double */
  GArray *fx;  /* double, normalised */
  GArray *fy;
} LineSeries;

struct _OrchardLinePlot
{
  OrchardPlot  parent_instance;

  GPtrArray   *series;  /* LineSeries */
  gboolean     show_points;
};

G_DEFINE_FINAL_TYPE (OrchardLinePlot, orchard_line_plot, ORCHARD_TYPE_PLOT)

enum {
  PROP_0,
  PROP_SHOW_POINTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
line_series_free (gpointer data)
{
  LineSeries *series = data;

  g_free (series->name);
  g_array_unref (series->x);
  g_array_unref (series->y);
  g_array_unref (series->fx);
  g_array_unref (series->fy);
  g_free (series);
}

static LineSeries *
line_series_new (const char *name)
{
  LineSeries *series = g_new0 (LineSeries, 1);

  series->name = g_strdup (name);
  series->x = g_array_new (FALSE, FALSE, sizeof (double));
  series->y = g_array_new (FALSE, FALSE, sizeof (double));
  series->fx = g_array_new (FALSE, FALSE, sizeof (double));
  series->fy = g_array_new (FALSE, FALSE, sizeof (double));

  return series;
}

static void
line_series_set (LineSeries   *series,
                 const double *x,
                 const double *y,
                 guint         n_points)
{
  g_array_set_size (series->x, 0);
  g_array_set_size (series->y, 0);
  if (n_points > 0)
    {
      g_array_append_vals (series->x, x, n_points);
      g_array_append_vals (series->y, y, n_points);
    }
  g_array_set_size (series->fx, n_points);
  g_array_set_size (series->fy, n_points);
}

#define AT(array, i) g_array_index ((array), double, (i))

static guint
orchard_line_plot_real_get_n_series (OrchardPlot *plot)
{
  return ORCHARD_LINE_PLOT (plot)->series->len;
}

static guint
orchard_line_plot_real_get_n_items (OrchardPlot *plot,
                                    guint        series)
{
  LineSeries *s = g_ptr_array_index (ORCHARD_LINE_PLOT (plot)->series, series);

  return s->x->len;
}

static const char *
orchard_line_plot_real_get_series_name (OrchardPlot *plot,
                                        guint        series)
{
  LineSeries *s = g_ptr_array_index (ORCHARD_LINE_PLOT (plot)->series, series);

  return s->name;
}

static OrchardPlotMark
orchard_line_plot_get_series_mark (OrchardPlot *plot,
                                   guint        series)
{
  return ORCHARD_PLOT_MARK_LINE;
}

static void
widen (double *lo,
       double *hi,
       double  value)
{
  if (!isfinite (value))
    return;
  if (isnan (*lo) || value < *lo)
    *lo = value;
  if (isnan (*hi) || value > *hi)
    *hi = value;
}

static void
orchard_line_plot_get_extent (OrchardPlot *plot,
                              double      *x_min,
                              double      *x_max,
                              double      *y_min,
                              double      *y_max)
{
  OrchardLinePlot *self = ORCHARD_LINE_PLOT (plot);

  for (guint s = 0; s < self->series->len; s++)
    {
      LineSeries *series = g_ptr_array_index (self->series, s);

      for (guint i = 0; i < series->x->len; i++)
        {
          /* A point without both coordinates has no place. */
          if (!isfinite (AT (series->x, i)) || !isfinite (AT (series->y, i)))
            continue;
          widen (x_min, x_max, AT (series->x, i));
          widen (y_min, y_max, AT (series->y, i));
        }
    }
}

static void
orchard_line_plot_normalize (OrchardPlot *plot)
{
  OrchardLinePlot *self = ORCHARD_LINE_PLOT (plot);
  OrchardPlotAxis *x_axis = orchard_plot_get_x_axis (plot);
  OrchardPlotAxis *y_axis = orchard_plot_get_y_axis (plot);

  for (guint s = 0; s < self->series->len; s++)
    {
      LineSeries *series = g_ptr_array_index (self->series, s);

      for (guint i = 0; i < series->x->len; i++)
        {
          AT (series->fx, i) = orchard_plot_axis_map (x_axis, AT (series->x, i));
          AT (series->fy, i) = orchard_plot_axis_map (y_axis, AT (series->y, i));
        }
    }
}

static void
orchard_line_plot_draw_series (OrchardPlot        *plot,
                               OrchardPlotPainter *painter)
{
  OrchardLinePlot *self = ORCHARD_LINE_PLOT (plot);
  cairo_t *cr = orchard_plot_painter_get_cairo (painter);
  GdkRGBA color, background;

  orchard_plot_painter_get_color (painter, ORCHARD_PLOT_COLOR_BACKGROUND, &background);

  cairo_set_line_width (cr, LINE_WIDTH);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);

  for (guint s = 0; s < self->series->len; s++)
    {
      LineSeries *series = g_ptr_array_index (self->series, s);
      gboolean pen_down = FALSE;
      guint n_drawn = 0;

      orchard_plot_painter_get_series_color (painter, s, &color);

      /* A missing value breaks the line rather than bridging the gap. */
      for (guint i = 0; i < series->fx->len; i++)
        {
          double fx = AT (series->fx, i);
          double fy = AT (series->fy, i);
          double x, y;

          if (!isfinite (fx) || !isfinite (fy))
            {
              pen_down = FALSE;
              continue;
            }

          x = orchard_plot_painter_to_x (painter, fx);
          y = orchard_plot_painter_to_y (painter, fy);

          if (pen_down)
            cairo_line_to (cr, x, y);
          else
            cairo_move_to (cr, x, y);
          pen_down = TRUE;
          n_drawn++;
        }

      /* One point alone is a line of no length: a dot, with round caps. */
      if (n_drawn == 1)
        cairo_rel_line_to (cr, 0, 0);

      gdk_cairo_set_source_rgba (cr, &color);
      cairo_stroke (cr);

      if (self->show_points)
        {
          for (guint i = 0; i < series->fx->len; i++)
            {
              double fx = AT (series->fx, i);
              double fy = AT (series->fy, i);

              if (!isfinite (fx) || !isfinite (fy))
                continue;

              cairo_new_sub_path (cr);
              cairo_arc (cr, orchard_plot_painter_to_x (painter, fx), orchard_plot_painter_to_y (painter, fy),
                         POINT_RADIUS, 0, 2 * G_PI);
            }
          gdk_cairo_set_source_rgba (cr, &background);
          cairo_fill_preserve (cr);
          cairo_set_line_width (cr, 1.5);
          gdk_cairo_set_source_rgba (cr, &color);
          cairo_stroke (cr);
          cairo_set_line_width (cr, LINE_WIDTH);
        }
    }
}

static gboolean
orchard_line_plot_get_item (OrchardPlot    *plot,
                            guint           series_index,
                            guint           index,
                            OrchardPlotHit *hit)
{
  LineSeries *series = g_ptr_array_index (ORCHARD_LINE_PLOT (plot)->series, series_index);
  double fx = AT (series->fx, index);
  double fy = AT (series->fy, index);

  /* Points outside the axes' range are clipped away: nothing to hover. */
  if (!isfinite (fx) || !isfinite (fy) || fx < -1e-9 || fx > 1 + 1e-9 || fy < -1e-9 || fy > 1 + 1e-9)
    return FALSE;

  hit->flags = ORCHARD_PLOT_HIT_POINT;
  hit->x = fx;
  hit->y = fy;

  return TRUE;
}

static char *
orchard_line_plot_describe_item (OrchardPlot *plot,
                                 guint        series_index,
                                 guint        index)
{
  LineSeries *series = g_ptr_array_index (ORCHARD_LINE_PLOT (plot)->series, series_index);
  OrchardPlotAxis *x_axis = orchard_plot_get_x_axis (plot);
  OrchardPlotAxis *y_axis = orchard_plot_get_y_axis (plot);
  g_autofree char *x = orchard_plot_axis_format_value (x_axis, AT (series->x, index));
  g_autofree char *y = orchard_plot_axis_format_value (y_axis, AT (series->y, index));
  const char *x_name = orchard_plot_axis_get_title (x_axis);
  const char *y_name = orchard_plot_axis_get_title (y_axis);
  g_autoptr(GString) text = g_string_new (NULL);

  if (series->name != NULL)
    {
      g_string_append (text, series->name);
      g_string_append_c (text, '\n');
    }

  /* Translators: an axis name and a point's value on it, e.g. "Iteration: 40" */
  g_string_append_printf (text, _("%s: %s"), x_name != NULL ? x_name : "x", x);
  g_string_append_c (text, '\n');
  g_string_append_printf (text, _("%s: %s"), y_name != NULL ? y_name : "y", y);

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
orchard_line_plot_describe (OrchardPlot *plot)
{
  OrchardLinePlot *self = ORCHARD_LINE_PLOT (plot);
  OrchardPlotAxis *y_axis = orchard_plot_get_y_axis (plot);
  g_autoptr(GString) text = g_string_new (NULL);
  guint n = self->series->len;

  if (n == 0)
    return g_strdup (_("Line chart with no data"));

  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "Line chart of %u series",
                                             "Line chart of %u series", n), n);

  for (guint s = 0; s < n; s++)
    {
      LineSeries *series = g_ptr_array_index (self->series, s);
      double lo = NAN, hi = NAN, last = NAN;
      g_autofree char *lo_text = NULL;
      g_autofree char *hi_text = NULL;
      g_autofree char *last_text = NULL;
      guint n_points = 0;

      for (guint i = 0; i < series->y->len; i++)
        if (isfinite (AT (series->y, i)) && isfinite (AT (series->x, i)))
          {
            widen (&lo, &hi, AT (series->y, i));
            last = AT (series->y, i);
            n_points++;
          }

      lo_text = orchard_plot_axis_format_value (y_axis, lo);
      hi_text = orchard_plot_axis_format_value (y_axis, hi);
      last_text = orchard_plot_axis_format_value (y_axis, last);

      g_string_append (text, s == 0 ? ": " : "; ");
      /* Translators: one series in a line chart summary, e.g.
       * "Validation, 50 points from 0.61 to 0.93, ending at 0.91" */
      g_string_append_printf (text,
                              g_dngettext (GETTEXT_PACKAGE,
                                           "%s, %u point from %s to %s, ending at %s",
                                           "%s, %u points from %s to %s, ending at %s",
                                           n_points),
                              series->name != NULL ? series->name : "", n_points, lo_text, hi_text, last_text);
    }

  g_string_append_c (text, '.');

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
orchard_line_plot_finalize (GObject *object)
{
  OrchardLinePlot *self = (OrchardLinePlot *)object;

  g_clear_pointer (&self->series, g_ptr_array_unref);

  G_OBJECT_CLASS (orchard_line_plot_parent_class)->finalize (object);
}

static void
orchard_line_plot_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  OrchardLinePlot *self = ORCHARD_LINE_PLOT (object);

  switch (prop_id)
    {
    case PROP_SHOW_POINTS:
      g_value_set_boolean (value, self->show_points);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
orchard_line_plot_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  OrchardLinePlot *self = ORCHARD_LINE_PLOT (object);

  switch (prop_id)
    {
    case PROP_SHOW_POINTS:
      orchard_line_plot_set_show_points (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
orchard_line_plot_class_init (OrchardLinePlotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  OrchardPlotClass *plot_class = ORCHARD_PLOT_CLASS (klass);

  object_class->finalize = orchard_line_plot_finalize;
  object_class->get_property = orchard_line_plot_get_property;
  object_class->set_property = orchard_line_plot_set_property;

  plot_class->get_extent = orchard_line_plot_get_extent;
  plot_class->normalize = orchard_line_plot_normalize;
  plot_class->draw_series = orchard_line_plot_draw_series;
  plot_class->get_n_series = orchard_line_plot_real_get_n_series;
  plot_class->get_series_name = orchard_line_plot_real_get_series_name;
  plot_class->get_series_mark = orchard_line_plot_get_series_mark;
  plot_class->get_n_items = orchard_line_plot_real_get_n_items;
  plot_class->get_item = orchard_line_plot_get_item;
  plot_class->describe_item = orchard_line_plot_describe_item;
  plot_class->describe = orchard_line_plot_describe;

  /**
   * OrchardLinePlot:show-points:
   *
   * Whether each point gets a marker, for series with few points.
   */
  properties[PROP_SHOW_POINTS] =
    g_param_spec_boolean ("show-points", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
orchard_line_plot_init (OrchardLinePlot *self)
{
  self->series = g_ptr_array_new_with_free_func (line_series_free);
}

GtkWidget *
orchard_line_plot_new (void)
{
  return g_object_new (ORCHARD_TYPE_LINE_PLOT, NULL);
}

/**
 * orchard_line_plot_add_series:
 * @self: a line plot
 * @name: (nullable): the series' name, for the legend and tooltips
 * @x: (array length=n_points) (nullable): the x of each point
 * @y: (array length=n_points) (nullable): the y of each point, NaN for a gap
 * @n_points: the number of points, possibly 0 (to append to later)
 *
 * Adds a series; the data is copied. Points are joined in the order given.
 *
 * Returns: the index of the new series
 */
guint
orchard_line_plot_add_series (OrchardLinePlot *self,
                              const char      *name,
                              const double    *x,
                              const double    *y,
                              guint            n_points)
{
  LineSeries *series;

  g_return_val_if_fail (ORCHARD_IS_LINE_PLOT (self), 0);
  g_return_val_if_fail (n_points == 0 || (x != NULL && y != NULL), 0);

  series = line_series_new (name);
  line_series_set (series, x, y, n_points);
  g_ptr_array_add (self->series, series);

  orchard_plot_data_changed (ORCHARD_PLOT (self));

  return self->series->len - 1;
}

/**
 * orchard_line_plot_set_series_data:
 * @self: a line plot
 * @series: the index of a series
 * @x: (array length=n_points) (nullable): the x of each point
 * @y: (array length=n_points) (nullable): the y of each point
 * @n_points: the number of points
 *
 * Replaces the points of a series.
 */
void
orchard_line_plot_set_series_data (OrchardLinePlot *self,
                                   guint            series,
                                   const double    *x,
                                   const double    *y,
                                   guint            n_points)
{
  g_return_if_fail (ORCHARD_IS_LINE_PLOT (self));
  g_return_if_fail (series < self->series->len);
  g_return_if_fail (n_points == 0 || (x != NULL && y != NULL));

  line_series_set (g_ptr_array_index (self->series, series), x, y, n_points);
  orchard_plot_data_changed (ORCHARD_PLOT (self));
}

/**
 * orchard_line_plot_append_point:
 * @self: a line plot
 * @series: the index of a series
 * @x: the point's x
 * @y: the point's y
 *
 * Adds a point at the end of a series, as a learning curve grows while a
 * model trains.
 */
void
orchard_line_plot_append_point (OrchardLinePlot *self,
                                guint            series,
                                double           x,
                                double           y)
{
  LineSeries *s;

  g_return_if_fail (ORCHARD_IS_LINE_PLOT (self));
  g_return_if_fail (series < self->series->len);

  s = g_ptr_array_index (self->series, series);
  g_array_append_val (s->x, x);
  g_array_append_val (s->y, y);
  g_array_set_size (s->fx, s->x->len);
  g_array_set_size (s->fy, s->y->len);

  orchard_plot_data_changed (ORCHARD_PLOT (self));
}

/**
 * orchard_line_plot_clear:
 * @self: a line plot
 *
 * Removes every series.
 */
void
orchard_line_plot_clear (OrchardLinePlot *self)
{
  g_return_if_fail (ORCHARD_IS_LINE_PLOT (self));

  g_ptr_array_set_size (self->series, 0);
  orchard_plot_data_changed (ORCHARD_PLOT (self));
}

guint
orchard_line_plot_get_n_series (OrchardLinePlot *self)
{
  g_return_val_if_fail (ORCHARD_IS_LINE_PLOT (self), 0);

  return self->series->len;
}

guint
orchard_line_plot_get_n_points (OrchardLinePlot *self,
                                guint            series)
{
  g_return_val_if_fail (ORCHARD_IS_LINE_PLOT (self), 0);
  g_return_val_if_fail (series < self->series->len, 0);

  return ((LineSeries *) g_ptr_array_index (self->series, series))->x->len;
}

const char *
orchard_line_plot_get_series_name (OrchardLinePlot *self,
                                   guint            series)
{
  g_return_val_if_fail (ORCHARD_IS_LINE_PLOT (self), NULL);
  g_return_val_if_fail (series < self->series->len, NULL);

  return ((LineSeries *) g_ptr_array_index (self->series, series))->name;
}

gboolean
orchard_line_plot_get_show_points (OrchardLinePlot *self)
{
  g_return_val_if_fail (ORCHARD_IS_LINE_PLOT (self), FALSE);

  return self->show_points;
}

void
orchard_line_plot_set_show_points (OrchardLinePlot *self,
                                   gboolean         show_points)
{
  g_return_if_fail (ORCHARD_IS_LINE_PLOT (self));

  show_points = !!show_points;

  if (self->show_points == show_points)
    return;

  self->show_points = show_points;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_POINTS]);
}
