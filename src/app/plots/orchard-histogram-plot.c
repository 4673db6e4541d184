/* orchard-histogram-plot.c
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "orchard-histogram-plot.h"

/* Series 0 is the data, series 1 the optional reference drawn behind it. */
#define CURRENT   0
#define REFERENCE 1

typedef struct
{
  double *edges;   /* n_bins + 1 */
  double *counts;  /* n_bins */
  guint   n_bins;
  double  total;
  /* normalised: bin i spans x0[i]..x0[i+1], its top is at y[i] */
  double *x0;
  double *y;
} HistSeries;

struct _OrchardHistogramPlot
{
  OrchardPlot  parent_instance;

  HistSeries   series[2];
  char        *names[2];
  double       baseline;
  gboolean     shares;
  gboolean     density;
};

G_DEFINE_FINAL_TYPE (OrchardHistogramPlot, orchard_histogram_plot, ORCHARD_TYPE_PLOT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_REFERENCE_NAME,
  PROP_SHARES,
  PROP_DENSITY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
hist_series_clear (HistSeries *series)
{
  g_clear_pointer (&series->edges, g_free);
  g_clear_pointer (&series->counts, g_free);
  g_clear_pointer (&series->x0, g_free);
  g_clear_pointer (&series->y, g_free);
  series->n_bins = 0;
  series->total = 0;
}

static void
hist_series_set (HistSeries   *series,
                 const double *edges,
                 const double *counts,
                 guint         n_bins)
{
  hist_series_clear (series);

  if (n_bins == 0 || edges == NULL || counts == NULL)
    return;

  series->n_bins = n_bins;
  series->edges = g_memdup2 (edges, sizeof (double) * (n_bins + 1));
  series->counts = g_memdup2 (counts, sizeof (double) * n_bins);
  series->x0 = g_new0 (double, n_bins + 1);
  series->y = g_new0 (double, n_bins);

  for (guint i = 0; i < n_bins; i++)
    if (isfinite (counts[i]) && counts[i] > 0)
      series->total += counts[i];
}

static double
bin_value (OrchardHistogramPlot *self,
           const HistSeries     *series,
           guint                 bin)
{
  double count = series->counts[bin];

  if (!isfinite (count))
    return 0.0;

  /* Bins of unequal width (quantiles) compare by share per unit of x. */
  if (self->density)
    {
      double width = series->edges[bin + 1] - series->edges[bin];

      if (!(series->total > 0) || !(width > 0))
        return 0.0;
      return count / series->total / width;
    }

  if (self->shares)
    return series->total > 0 ? count / series->total : 0.0;

  return count;
}

static guint
orchard_histogram_plot_get_n_series (OrchardPlot *plot)
{
  OrchardHistogramPlot *self = ORCHARD_HISTOGRAM_PLOT (plot);

  if (self->series[REFERENCE].n_bins > 0)
    return 2;

  return self->series[CURRENT].n_bins > 0 ? 1 : 0;
}

static guint
orchard_histogram_plot_get_n_items (OrchardPlot *plot,
                                    guint        series)
{
  OrchardHistogramPlot *self = ORCHARD_HISTOGRAM_PLOT (plot);

  return series < 2 ? self->series[series].n_bins : 0;
}

static const char *
orchard_histogram_plot_get_series_name (OrchardPlot *plot,
                                        guint        series)
{
  OrchardHistogramPlot *self = ORCHARD_HISTOGRAM_PLOT (plot);

  if (series == CURRENT)
    return self->names[CURRENT] ? self->names[CURRENT] : _("Current");

  return self->names[REFERENCE] ? self->names[REFERENCE] : _("Reference");
}

static OrchardPlotMark
orchard_histogram_plot_get_series_mark (OrchardPlot *plot,
                                        guint        series)
{
  /* Overlaid, the reference is drawn as an outline. */
  return series == REFERENCE ? ORCHARD_PLOT_MARK_LINE : ORCHARD_PLOT_MARK_BOX;
}

static void
orchard_histogram_plot_get_extent (OrchardPlot *plot,
                                   double      *x_min,
                                   double      *x_max,
                                   double      *y_min,
                                   double      *y_max)
{
  OrchardHistogramPlot *self = ORCHARD_HISTOGRAM_PLOT (plot);

  for (guint s = 0; s < 2; s++)
    {
      const HistSeries *series = &self->series[s];

      if (series->n_bins == 0)
        continue;

      for (guint i = 0; i <= series->n_bins; i++)
        {
          double edge = series->edges[i];

          if (!isfinite (edge))
            continue;
          if (isnan (*x_min) || edge < *x_min)
            *x_min = edge;
          if (isnan (*x_max) || edge > *x_max)
            *x_max = edge;
        }

      for (guint i = 0; i < series->n_bins; i++)
        {
          double value = bin_value (self, series, i);

          if (isnan (*y_min) || value < *y_min)
            *y_min = value;
          if (isnan (*y_max) || value > *y_max)
            *y_max = value;
        }
    }
}

static void
orchard_histogram_plot_normalize (OrchardPlot *plot)
{
  OrchardHistogramPlot *self = ORCHARD_HISTOGRAM_PLOT (plot);
  OrchardPlotAxis *x_axis = orchard_plot_get_x_axis (plot);
  OrchardPlotAxis *y_axis = orchard_plot_get_y_axis (plot);
  double lo;

  orchard_plot_axis_get_range (y_axis, &lo, NULL);
  self->baseline = orchard_plot_axis_map (y_axis, MAX (lo, 0.0));

  for (guint s = 0; s < 2; s++)
    {
      HistSeries *series = &self->series[s];

      if (series->n_bins == 0)
        continue;

      for (guint i = 0; i <= series->n_bins; i++)
        series->x0[i] = orchard_plot_axis_map (x_axis, series->edges[i]);

      for (guint i = 0; i < series->n_bins; i++)
        series->y[i] = orchard_plot_axis_map (y_axis, bin_value (self, series, i));
    }
}

static void
draw_bars (OrchardHistogramPlot *self,
           OrchardPlotPainter   *painter,
           const HistSeries     *series,
           const GdkRGBA        *color)
{
  cairo_t *cr = orchard_plot_painter_get_cairo (painter);
  double base = orchard_plot_painter_snap_edge (painter, orchard_plot_painter_to_y (painter, self->baseline));
  double gap = 1.0 / orchard_plot_painter_get_scale (painter);

  for (guint i = 0; i < series->n_bins; i++)
    {
      double x0 = orchard_plot_painter_snap_edge (painter, orchard_plot_painter_to_x (painter, series->x0[i]));
      double x1 = orchard_plot_painter_snap_edge (painter, orchard_plot_painter_to_x (painter, series->x0[i + 1]));
      double top = orchard_plot_painter_snap_edge (painter, orchard_plot_painter_to_y (painter, series->y[i]));

      /* A hairline between bars keeps them apart, unless it would eat them. */
      if (x1 - x0 >= 4)
        x1 -= gap;

      if (x1 > x0 && base > top)
        cairo_rectangle (cr, x0, top, x1 - x0, base - top);
    }

  gdk_cairo_set_source_rgba (cr, color);
  cairo_fill (cr);
}

static void
draw_steps (OrchardHistogramPlot *self,
            OrchardPlotPainter   *painter,
            const HistSeries     *series,
            const GdkRGBA        *color,
            double                fill_alpha)
{
  cairo_t *cr = orchard_plot_painter_get_cairo (painter);
  double base = orchard_plot_painter_to_y (painter, self->baseline);
  double first = orchard_plot_painter_to_x (painter, series->x0[0]);

  /* A step outline, optionally over a translucent fill. */
  cairo_move_to (cr, first, base);
  for (guint i = 0; i < series->n_bins; i++)
    {
      double x0 = orchard_plot_painter_to_x (painter, series->x0[i]);
      double x1 = orchard_plot_painter_to_x (painter, series->x0[i + 1]);
      double top = orchard_plot_painter_to_y (painter, series->y[i]);

      cairo_line_to (cr, x0, top);
      cairo_line_to (cr, x1, top);
    }
  cairo_line_to (cr, orchard_plot_painter_to_x (painter, series->x0[series->n_bins]), base);

  if (fill_alpha > 0)
    {
      orchard_plot_painter_set_source (painter, color, fill_alpha);
      cairo_fill_preserve (cr);
    }
  cairo_set_line_width (cr, 2);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_MITER);
  orchard_plot_painter_set_source (painter, color, 1.0);
  cairo_stroke (cr);
}

static void
orchard_histogram_plot_draw_series (OrchardPlot        *plot,
                                    OrchardPlotPainter *painter)
{
  OrchardHistogramPlot *self = ORCHARD_HISTOGRAM_PLOT (plot);
  GdkRGBA color;

  if (self->series[REFERENCE].n_bins == 0)
    {
      orchard_plot_painter_get_series_color (painter, CURRENT, &color);
      draw_bars (self, painter, &self->series[CURRENT], &color);
      return;
    }

  /* The data filled, the reference an outline over it: two fills would mix
   * into a muddy third colour where they overlap. */
  if (self->series[CURRENT].n_bins > 0)
    {
      orchard_plot_painter_get_series_color (painter, CURRENT, &color);
      draw_steps (self, painter, &self->series[CURRENT], &color, 0.35);
    }

  orchard_plot_painter_get_series_color (painter, REFERENCE, &color);
  draw_steps (self, painter, &self->series[REFERENCE], &color, 0.0);
}

static gboolean
orchard_histogram_plot_get_item (OrchardPlot    *plot,
                                 guint           series_index,
                                 guint           index,
                                 OrchardPlotHit *hit)
{
  OrchardHistogramPlot *self = ORCHARD_HISTOGRAM_PLOT (plot);
  const HistSeries *series = &self->series[series_index];

  if (!isfinite (series->x0[index]) || !isfinite (series->x0[index + 1]))
    return FALSE;

  /* The whole column of the bin is its hover target. */
  hit->flags = ORCHARD_PLOT_HIT_BAND;
  hit->x0 = series->x0[index];
  hit->x1 = series->x0[index + 1];
  hit->y0 = 0.0;
  hit->y1 = 1.0;
  hit->x = (hit->x0 + hit->x1) / 2.0;
  hit->y = CLAMP (series->y[index], 0.0, 1.0);

  return TRUE;
}

static gboolean
same_bins (const HistSeries *a,
           const HistSeries *b)
{
  if (a->n_bins != b->n_bins)
    return FALSE;

  for (guint i = 0; i <= a->n_bins; i++)
    if (a->edges[i] != b->edges[i])
      return FALSE;

  return TRUE;
}

static char *
format_count (OrchardHistogramPlot *self,
              const HistSeries     *series,
              guint                 bin)
{
  g_autofree char *count = orchard_plot_format_value (series->counts[bin]);
  g_autofree char *share = NULL;

  if (!(series->total > 0))
    return g_steal_pointer (&count);

  share = orchard_plot_format_number (100.0 * series->counts[bin] / series->total, 0.1);

  /* Translators: a bin's count and its share of all values, e.g. "25 (7.3%)" */
  return g_strdup_printf (_("%s (%s%%)"), count, share);
}

static char *
orchard_histogram_plot_describe_item (OrchardPlot *plot,
                                      guint        series_index,
                                      guint        index)
{
  OrchardHistogramPlot *self = ORCHARD_HISTOGRAM_PLOT (plot);
  OrchardPlotAxis *x_axis = orchard_plot_get_x_axis (plot);
  const HistSeries *series = &self->series[series_index];
  g_autofree char *lo = orchard_plot_axis_format_value (x_axis, series->edges[index]);
  g_autofree char *hi = orchard_plot_axis_format_value (x_axis, series->edges[index + 1]);
  g_autofree char *count = format_count (self, series, index);
  g_autoptr(GString) text = g_string_new (NULL);

  /* Translators: a histogram bin's range, e.g. "32.5 – 35" */
  g_string_append_printf (text, _("%s – %s"), lo, hi);

  if (self->series[REFERENCE].n_bins > 0 && same_bins (&self->series[CURRENT], &self->series[REFERENCE]))
    {
      for (guint s = 0; s < 2; s++)
        {
          g_autofree char *value = format_count (self, &self->series[s], index);

          /* Translators: a series' name and its count in a bin, e.g. "Reference: 25 (7.3%)" */
          g_string_append_c (text, '\n');
          g_string_append_printf (text, _("%s: %s"),
                                  orchard_histogram_plot_get_series_name (plot, s), value);
        }
    }
  else
    {
      g_string_append_c (text, '\n');
      if (self->series[REFERENCE].n_bins > 0)
        g_string_append_printf (text, _("%s: %s"), orchard_histogram_plot_get_series_name (plot, series_index),
                                count);
      else
        g_string_append_printf (text, _("Count: %s"), count);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
describe_series (OrchardHistogramPlot *self,
                 const HistSeries     *series)
{
  OrchardPlotAxis *x_axis = orchard_plot_get_x_axis (ORCHARD_PLOT (self));
  g_autofree char *total = orchard_plot_format_value (series->total);
  g_autofree char *lo = orchard_plot_axis_format_value (x_axis, series->edges[0]);
  g_autofree char *hi = orchard_plot_axis_format_value (x_axis, series->edges[series->n_bins]);
  g_autofree char *peak_lo = NULL;
  g_autofree char *peak_hi = NULL;
  g_autofree char *peak = NULL;
  guint tallest = 0;

  for (guint i = 1; i < series->n_bins; i++)
    if (series->counts[i] > series->counts[tallest])
      tallest = i;

  peak_lo = orchard_plot_axis_format_value (x_axis, series->edges[tallest]);
  peak_hi = orchard_plot_axis_format_value (x_axis, series->edges[tallest + 1]);
  peak = format_count (self, series, tallest);

  /* Translators: a histogram summary for screen readers, e.g. "342 values in
   * 20 bins from 32 to 60; the tallest bin, 44 to 45, holds 25 (7.3%)" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%s values in %u bin from %s to %s; the tallest bin, %s to %s, holds %s",
                                       "%s values in %u bins from %s to %s; the tallest bin, %s to %s, holds %s",
                                       series->n_bins),
                          total, series->n_bins, lo, hi, peak_lo, peak_hi, peak);
}

static char *
orchard_histogram_plot_describe (OrchardPlot *plot)
{
  OrchardHistogramPlot *self = ORCHARD_HISTOGRAM_PLOT (plot);
  g_autofree char *current = NULL;
  g_autofree char *reference = NULL;

  if (self->series[CURRENT].n_bins == 0 && self->series[REFERENCE].n_bins == 0)
    return g_strdup (_("Histogram with no data"));

  if (self->series[REFERENCE].n_bins == 0)
    {
      current = describe_series (self, &self->series[CURRENT]);
      /* Translators: %s is a summary such as "342 values in 20 bins …" */
      return g_strdup_printf (_("Histogram of %s."), current);
    }

  reference = describe_series (self, &self->series[REFERENCE]);
  if (self->series[CURRENT].n_bins == 0)
    return g_strdup_printf (_("Histogram of the reference: %s."), reference);

  current = describe_series (self, &self->series[CURRENT]);

  /* Translators: the first %s names the data and sums it up, the next two
   * do the same for the reference it is compared with */
  return g_strdup_printf (_("Histogram comparing %s (%s) with %s (%s)."),
                          orchard_histogram_plot_get_series_name (plot, CURRENT), current,
                          orchard_histogram_plot_get_series_name (plot, REFERENCE), reference);
}

static void
orchard_histogram_plot_finalize (GObject *object)
{
  OrchardHistogramPlot *self = (OrchardHistogramPlot *)object;

  hist_series_clear (&self->series[CURRENT]);
  hist_series_clear (&self->series[REFERENCE]);
  g_clear_pointer (&self->names[CURRENT], g_free);
  g_clear_pointer (&self->names[REFERENCE], g_free);

  G_OBJECT_CLASS (orchard_histogram_plot_parent_class)->finalize (object);
}

static void
orchard_histogram_plot_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  OrchardHistogramPlot *self = ORCHARD_HISTOGRAM_PLOT (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->names[CURRENT]);
      break;

    case PROP_REFERENCE_NAME:
      g_value_set_string (value, self->names[REFERENCE]);
      break;

    case PROP_SHARES:
      g_value_set_boolean (value, self->shares);
      break;

    case PROP_DENSITY:
      g_value_set_boolean (value, self->density);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
orchard_histogram_plot_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  OrchardHistogramPlot *self = ORCHARD_HISTOGRAM_PLOT (object);

  switch (prop_id)
    {
    case PROP_NAME:
      orchard_histogram_plot_set_name (self, g_value_get_string (value));
      break;

    case PROP_REFERENCE_NAME:
      orchard_histogram_plot_set_reference_name (self, g_value_get_string (value));
      break;

    case PROP_SHARES:
      orchard_histogram_plot_set_shares (self, g_value_get_boolean (value));
      break;

    case PROP_DENSITY:
      orchard_histogram_plot_set_density (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
orchard_histogram_plot_class_init (OrchardHistogramPlotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  OrchardPlotClass *plot_class = ORCHARD_PLOT_CLASS (klass);

  object_class->finalize = orchard_histogram_plot_finalize;
  object_class->get_property = orchard_histogram_plot_get_property;
  object_class->set_property = orchard_histogram_plot_set_property;

  plot_class->get_extent = orchard_histogram_plot_get_extent;
  plot_class->normalize = orchard_histogram_plot_normalize;
  plot_class->draw_series = orchard_histogram_plot_draw_series;
  plot_class->get_n_series = orchard_histogram_plot_get_n_series;
  plot_class->get_series_name = orchard_histogram_plot_get_series_name;
  plot_class->get_series_mark = orchard_histogram_plot_get_series_mark;
  plot_class->get_n_items = orchard_histogram_plot_get_n_items;
  plot_class->get_item = orchard_histogram_plot_get_item;
  plot_class->describe_item = orchard_histogram_plot_describe_item;
  plot_class->describe = orchard_histogram_plot_describe;

  /**
   * OrchardHistogramPlot:name:
   *
   * The legend's name for the bins when a reference is shown ("Current"
   * when unset).
   */
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * OrchardHistogramPlot:reference-name:
   *
   * The legend's name for the reference ("Reference" when unset).
   */
  properties[PROP_REFERENCE_NAME] =
    g_param_spec_string ("reference-name", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * OrchardHistogramPlot:shares:
   *
   * Whether the bars show each bin's share of its series instead of its
   * count: what comparing samples of different sizes needs.
   */
  properties[PROP_SHARES] =
    g_param_spec_boolean ("shares", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * OrchardHistogramPlot:density:
   *
   * Whether the bars show each bin's share of its series divided by the
   * bin's width: what bins of unequal widths (quantiles) need to be read as
   * a histogram. Tooltips still give counts and shares.
   */
  properties[PROP_DENSITY] =
    g_param_spec_boolean ("density", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
orchard_histogram_plot_init (OrchardHistogramPlot *self)
{
  g_autoptr(OrchardPlotAxis) x_axis = orchard_plot_axis_new (ORCHARD_PLOT_AXIS_LINEAR);
  g_autoptr(OrchardPlotAxis) y_axis = orchard_plot_axis_new (ORCHARD_PLOT_AXIS_LINEAR);

  /* Bins reach the frame; counts start at zero. */
  orchard_plot_axis_set_nice (x_axis, FALSE);
  orchard_plot_axis_set_include_zero (y_axis, TRUE);

  orchard_plot_set_x_axis (ORCHARD_PLOT (self), x_axis);
  orchard_plot_set_y_axis (ORCHARD_PLOT (self), y_axis);
}

GtkWidget *
orchard_histogram_plot_new (void)
{
  return g_object_new (ORCHARD_TYPE_HISTOGRAM_PLOT, NULL);
}

/**
 * orchard_histogram_plot_set_bins:
 * @self: a histogram plot
 * @edges: (array) (nullable): @n_bins + 1 increasing bin edges
 * @counts: (array length=n_bins) (nullable): the count of each bin
 * @n_bins: the number of bins; 0 to show no data
 *
 * Sets the bins to show; bin i spans @edges[i] to @edges[i + 1]. The data
 * is copied.
 */
void
orchard_histogram_plot_set_bins (OrchardHistogramPlot *self,
                                 const double         *edges,
                                 const double         *counts,
                                 guint                 n_bins)
{
  g_return_if_fail (ORCHARD_IS_HISTOGRAM_PLOT (self));
  g_return_if_fail (n_bins == 0 || (edges != NULL && counts != NULL));

  hist_series_set (&self->series[CURRENT], edges, counts, n_bins);
  orchard_plot_data_changed (ORCHARD_PLOT (self));
}

/**
 * orchard_histogram_plot_set_reference:
 * @self: a histogram plot
 * @edges: (array) (nullable): @n_bins + 1 increasing bin edges
 * @counts: (array length=n_bins) (nullable): the count of each bin
 * @n_bins: the number of bins; 0 to remove the reference
 *
 * Sets a second set of bins, drawn overlaid with the first, such as the
 * training data's distribution against the data being monitored. With the
 * same edges, tooltips give both counts side by side.
 */
void
orchard_histogram_plot_set_reference (OrchardHistogramPlot *self,
                                      const double         *edges,
                                      const double         *counts,
                                      guint                 n_bins)
{
  g_return_if_fail (ORCHARD_IS_HISTOGRAM_PLOT (self));
  g_return_if_fail (n_bins == 0 || (edges != NULL && counts != NULL));

  hist_series_set (&self->series[REFERENCE], edges, counts, n_bins);
  orchard_plot_data_changed (ORCHARD_PLOT (self));
}

guint
orchard_histogram_plot_get_n_bins (OrchardHistogramPlot *self)
{
  g_return_val_if_fail (ORCHARD_IS_HISTOGRAM_PLOT (self), 0);

  return self->series[CURRENT].n_bins;
}

gboolean
orchard_histogram_plot_get_has_reference (OrchardHistogramPlot *self)
{
  g_return_val_if_fail (ORCHARD_IS_HISTOGRAM_PLOT (self), FALSE);

  return self->series[REFERENCE].n_bins > 0;
}

const char *
orchard_histogram_plot_get_name (OrchardHistogramPlot *self)
{
  g_return_val_if_fail (ORCHARD_IS_HISTOGRAM_PLOT (self), NULL);

  return self->names[CURRENT];
}

void
orchard_histogram_plot_set_name (OrchardHistogramPlot *self,
                                 const char           *name)
{
  g_return_if_fail (ORCHARD_IS_HISTOGRAM_PLOT (self));

  if (g_strcmp0 (self->names[CURRENT], name) == 0)
    return;

  g_free (self->names[CURRENT]);
  self->names[CURRENT] = g_strdup (name);
  orchard_plot_data_changed (ORCHARD_PLOT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

const char *
orchard_histogram_plot_get_reference_name (OrchardHistogramPlot *self)
{
  g_return_val_if_fail (ORCHARD_IS_HISTOGRAM_PLOT (self), NULL);

  return self->names[REFERENCE];
}

void
orchard_histogram_plot_set_reference_name (OrchardHistogramPlot *self,
                                           const char           *name)
{
  g_return_if_fail (ORCHARD_IS_HISTOGRAM_PLOT (self));

  if (g_strcmp0 (self->names[REFERENCE], name) == 0)
    return;

  g_free (self->names[REFERENCE]);
  self->names[REFERENCE] = g_strdup (name);
  orchard_plot_data_changed (ORCHARD_PLOT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REFERENCE_NAME]);
}

gboolean
orchard_histogram_plot_get_shares (OrchardHistogramPlot *self)
{
  g_return_val_if_fail (ORCHARD_IS_HISTOGRAM_PLOT (self), FALSE);

  return self->shares;
}

void
orchard_histogram_plot_set_shares (OrchardHistogramPlot *self,
                                   gboolean              shares)
{
  g_return_if_fail (ORCHARD_IS_HISTOGRAM_PLOT (self));

  shares = !!shares;

  if (self->shares == shares)
    return;

  self->shares = shares;
  orchard_plot_axis_set_percent (orchard_plot_get_y_axis (ORCHARD_PLOT (self)), shares && !self->density);
  orchard_plot_data_changed (ORCHARD_PLOT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHARES]);
}

gboolean
orchard_histogram_plot_get_density (OrchardHistogramPlot *self)
{
  g_return_val_if_fail (ORCHARD_IS_HISTOGRAM_PLOT (self), FALSE);

  return self->density;
}

void
orchard_histogram_plot_set_density (OrchardHistogramPlot *self,
                                    gboolean              density)
{
  g_return_if_fail (ORCHARD_IS_HISTOGRAM_PLOT (self));

  density = !!density;

  if (self->density == density)
    return;

  self->density = density;
  orchard_plot_axis_set_percent (orchard_plot_get_y_axis (ORCHARD_PLOT (self)), self->shares && !density);
  orchard_plot_data_changed (ORCHARD_PLOT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DENSITY]);
}
