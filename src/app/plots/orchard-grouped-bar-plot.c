/* orchard-grouped-bar-plot.c
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Horizontal bars, one band per category with the series side by side in
 * it: how a reference and a current batch compare category by category.
 * Counts of batches of different sizes only compare as shares, so the plot
 * can show each series as shares of its own total.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "orchard-grouped-bar-plot.h"

#define MAX_BAR 18.0     /* pixels: few categories stay bars, not slabs */
#define BAR_GAP 0.12     /* of a band, between its bars */

typedef struct
{
  char   *name;
  double *values;     /* n_categories */
  double  total;
  double *end;        /* normalised along the value axis */
} Series;

struct _OrchardGroupedBarPlot
{
  OrchardPlot      parent_instance;

  GPtrArray       *categories;  /* char * */
  GPtrArray       *series;      /* Series * */
  gboolean         shares;

  OrchardPlotAxis *category_axis;
  OrchardPlotAxis *value_axis;
  double           base;
  double          *pos;
  double           band;
};

G_DEFINE_FINAL_TYPE (OrchardGroupedBarPlot, orchard_grouped_bar_plot, ORCHARD_TYPE_PLOT)

enum {
  PROP_0,
  PROP_SHARES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
series_free (gpointer data)
{
  Series *s = data;

  g_free (s->name);
  g_free (s->values);
  g_free (s->end);
  g_free (s);
}

static double
display_value (OrchardGroupedBarPlot *self,
               const Series          *s,
               guint                  category)
{
  double value = s->values[category];

  if (!isfinite (value))
    return NAN;
  if (self->shares)
    return s->total > 0 ? value / s->total : 0.0;
  return value;
}

static guint
orchard_grouped_bar_plot_get_n_series_vfunc (OrchardPlot *plot)
{
  OrchardGroupedBarPlot *self = ORCHARD_GROUPED_BAR_PLOT (plot);

  return self->categories->len > 0 ? self->series->len : 0;
}

static const char *
orchard_grouped_bar_plot_get_series_name_vfunc (OrchardPlot *plot,
                                                guint        series)
{
  OrchardGroupedBarPlot *self = ORCHARD_GROUPED_BAR_PLOT (plot);

  return ((Series *) self->series->pdata[series])->name;
}

static guint
orchard_grouped_bar_plot_get_n_items (OrchardPlot *plot,
                                      guint        series)
{
  OrchardGroupedBarPlot *self = ORCHARD_GROUPED_BAR_PLOT (plot);

  return self->categories->len;
}

static void
orchard_grouped_bar_plot_get_extent (OrchardPlot *plot,
                                     double      *x_min,
                                     double      *x_max,
                                     double      *y_min,
                                     double      *y_max)
{
  OrchardGroupedBarPlot *self = ORCHARD_GROUPED_BAR_PLOT (plot);

  for (guint s = 0; s < self->series->len; s++)
    for (guint i = 0; i < self->categories->len; i++)
      {
        double value = display_value (self, self->series->pdata[s], i);

        if (!isfinite (value))
          continue;
        if (isnan (*x_min) || value < *x_min)
          *x_min = value;
        if (isnan (*x_max) || value > *x_max)
          *x_max = value;
      }
}

static void
orchard_grouped_bar_plot_normalize (OrchardPlot *plot)
{
  OrchardGroupedBarPlot *self = ORCHARD_GROUPED_BAR_PLOT (plot);
  guint n = self->categories->len;
  double lo, hi;

  orchard_plot_axis_get_range (self->value_axis, &lo, &hi);
  self->base = orchard_plot_axis_map (self->value_axis, CLAMP (0.0, lo, hi));
  self->band = orchard_plot_axis_get_band_width (self->category_axis);

  g_free (self->pos);
  self->pos = g_new0 (double, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    self->pos[i] = orchard_plot_axis_map (self->category_axis, i);

  for (guint s = 0; s < self->series->len; s++)
    {
      Series *series = self->series->pdata[s];

      for (guint i = 0; i < n; i++)
        {
          double value = display_value (self, series, i);

          series->end[i] = isfinite (value) ? orchard_plot_axis_map (self->value_axis, value) : self->base;
        }
    }
}

/* The slot of one series' bar across its category's band, normalised:
 * the band's series share it, the first at the top. */
static void
bar_span (OrchardGroupedBarPlot *self,
          OrchardPlotPainter    *painter,
          guint                  series,
          guint                  category,
          double                *c0,
          double                *c1)
{
  const graphene_rect_t *area = orchard_plot_painter_get_area (painter);
  guint n_series = MAX (self->series->len, 1);
  double used = self->band * (1.0 - BAR_GAP);
  double slot = MIN (used / n_series, MAX_BAR / MAX (area->size.height, 1));
  double top = self->pos[category] + slot * n_series / 2.0;

  /* The category axis is reversed: larger normalised y is higher up. */
  *c1 = top - slot * series;
  *c0 = *c1 - slot;
}

static void
orchard_grouped_bar_plot_draw_series (OrchardPlot        *plot,
                                      OrchardPlotPainter *painter)
{
  OrchardGroupedBarPlot *self = ORCHARD_GROUPED_BAR_PLOT (plot);
  cairo_t *cr = orchard_plot_painter_get_cairo (painter);
  double gap = 1.0 / orchard_plot_painter_get_scale (painter);

  for (guint s = 0; s < self->series->len; s++)
    {
      Series *series = self->series->pdata[s];
      GdkRGBA color;

      for (guint i = 0; i < self->categories->len; i++)
        {
          double c0, c1, x0, x1, y0, y1;

          bar_span (self, painter, s, i, &c0, &c1);
          x0 = orchard_plot_painter_snap_edge (painter, orchard_plot_painter_to_x (painter, MIN (self->base, series->end[i])));
          x1 = orchard_plot_painter_snap_edge (painter, orchard_plot_painter_to_x (painter, MAX (self->base, series->end[i])));
          y0 = orchard_plot_painter_snap_edge (painter, orchard_plot_painter_to_y (painter, c1));
          y1 = orchard_plot_painter_snap_edge (painter, orchard_plot_painter_to_y (painter, c0)) - gap;

          if (x1 > x0 && y1 > y0)
            cairo_rectangle (cr, x0, y0, x1 - x0, y1 - y0);
        }

      orchard_plot_painter_get_series_color (painter, s, &color);
      orchard_plot_painter_set_source (painter, &color, 1.0);
      cairo_fill (cr);
    }
}

static gboolean
orchard_grouped_bar_plot_get_item (OrchardPlot    *plot,
                                   guint           series,
                                   guint           index,
                                   OrchardPlotHit *hit)
{
  OrchardGroupedBarPlot *self = ORCHARD_GROUPED_BAR_PLOT (plot);
  Series *s = self->series->pdata[series];
  guint n_series = MAX (self->series->len, 1);
  double slot = self->band / n_series;
  double top = self->pos[index] + self->band / 2.0;

  /* The whole band of a category answers for each of its bars. */
  hit->flags = ORCHARD_PLOT_HIT_BAND;
  hit->x0 = 0, hit->x1 = 1;
  hit->y1 = top - slot * series;
  hit->y0 = hit->y1 - slot;
  hit->x = s->end[index];
  hit->y = (hit->y0 + hit->y1) / 2.0;

  return TRUE;
}

static char *
format_value (OrchardGroupedBarPlot *self,
              const Series          *s,
              guint                  category)
{
  g_autofree char *count = orchard_plot_format_value (s->values[category]);
  g_autofree char *share = NULL;

  if (!(s->total > 0) || !isfinite (s->values[category]))
    return g_steal_pointer (&count);

  share = orchard_plot_format_number (100.0 * s->values[category] / s->total, 0.1);
  /* Translators: a count and its share of all values, e.g. "25 (7.3%)" */
  return g_strdup_printf (_("%s (%s%%)"), count, share);
}

static char *
orchard_grouped_bar_plot_describe_item (OrchardPlot *plot,
                                        guint        series,
                                        guint        index)
{
  OrchardGroupedBarPlot *self = ORCHARD_GROUPED_BAR_PLOT (plot);
  g_autoptr(GString) text = g_string_new (self->categories->pdata[index]);

  /* Every series' value of the category, so one tooltip compares them. */
  for (guint s = 0; s < self->series->len; s++)
    {
      Series *other = self->series->pdata[s];
      g_autofree char *value = format_value (self, other, index);

      g_string_append_c (text, '\n');
      /* Translators: a series' name and its count in a category, e.g. "Reference: 25 (7.3%)" */
      g_string_append_printf (text, _("%s: %s"), other->name, value);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
orchard_grouped_bar_plot_describe (OrchardPlot *plot)
{
  OrchardGroupedBarPlot *self = ORCHARD_GROUPED_BAR_PLOT (plot);
  g_autoptr(GString) text = NULL;

  if (self->categories->len == 0 || self->series->len == 0)
    return g_strdup (_("Bar chart with no data"));

  /* Translators: the start of a screen reader summary, e.g. "Bars of 3
   * categories for Reference and Current." */
  text = g_string_new (NULL);
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                             "Bars of %u category for",
                                             "Bars of %u categories for",
                                             self->categories->len),
                          self->categories->len);
  for (guint s = 0; s < self->series->len; s++)
    {
      Series *series = self->series->pdata[s];
      guint top = 0;

      for (guint i = 1; i < self->categories->len; i++)
        if (series->values[i] > series->values[top])
          top = i;

      {
        g_autofree char *value = format_value (self, series, top);

        /* Translators: one series in a summary, e.g. " Reference (largest Adelie, 152 (44.2%))" */
        g_string_append_printf (text, _(" %s (largest %s, %s)"), series->name,
                                (const char *) self->categories->pdata[top], value);
      }
      g_string_append_c (text, s + 1 < self->series->len ? ';' : '.');
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
orchard_grouped_bar_plot_finalize (GObject *object)
{
  OrchardGroupedBarPlot *self = (OrchardGroupedBarPlot *)object;

  g_clear_pointer (&self->categories, g_ptr_array_unref);
  g_clear_pointer (&self->series, g_ptr_array_unref);
  g_clear_pointer (&self->pos, g_free);
  g_clear_object (&self->category_axis);
  g_clear_object (&self->value_axis);

  G_OBJECT_CLASS (orchard_grouped_bar_plot_parent_class)->finalize (object);
}

static void
orchard_grouped_bar_plot_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  OrchardGroupedBarPlot *self = ORCHARD_GROUPED_BAR_PLOT (object);

  switch (prop_id)
    {
    case PROP_SHARES:
      g_value_set_boolean (value, self->shares);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
orchard_grouped_bar_plot_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  OrchardGroupedBarPlot *self = ORCHARD_GROUPED_BAR_PLOT (object);

  switch (prop_id)
    {
    case PROP_SHARES:
      orchard_grouped_bar_plot_set_shares (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
orchard_grouped_bar_plot_class_init (OrchardGroupedBarPlotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  OrchardPlotClass *plot_class = ORCHARD_PLOT_CLASS (klass);

  object_class->finalize = orchard_grouped_bar_plot_finalize;
  object_class->get_property = orchard_grouped_bar_plot_get_property;
  object_class->set_property = orchard_grouped_bar_plot_set_property;

  plot_class->get_extent = orchard_grouped_bar_plot_get_extent;
  plot_class->normalize = orchard_grouped_bar_plot_normalize;
  plot_class->draw_series = orchard_grouped_bar_plot_draw_series;
  plot_class->get_n_series = orchard_grouped_bar_plot_get_n_series_vfunc;
  plot_class->get_series_name = orchard_grouped_bar_plot_get_series_name_vfunc;
  plot_class->get_n_items = orchard_grouped_bar_plot_get_n_items;
  plot_class->get_item = orchard_grouped_bar_plot_get_item;
  plot_class->describe_item = orchard_grouped_bar_plot_describe_item;
  plot_class->describe = orchard_grouped_bar_plot_describe;

  /**
   * OrchardGroupedBarPlot:shares:
   *
   * Whether each series is shown as shares of its own total rather than
   * as counts, so that batches of different sizes compare.
   */
  properties[PROP_SHARES] =
    g_param_spec_boolean ("shares", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
orchard_grouped_bar_plot_init (OrchardGroupedBarPlot *self)
{
  OrchardPlot *plot = ORCHARD_PLOT (self);

  self->categories = g_ptr_array_new_with_free_func (g_free);
  self->series = g_ptr_array_new_with_free_func (series_free);

  self->category_axis = orchard_plot_axis_new (ORCHARD_PLOT_AXIS_BAND);
  orchard_plot_axis_set_reversed (self->category_axis, TRUE);
  self->value_axis = orchard_plot_axis_new (ORCHARD_PLOT_AXIS_LINEAR);
  orchard_plot_axis_set_include_zero (self->value_axis, TRUE);
  orchard_plot_set_x_axis (plot, self->value_axis);
  orchard_plot_set_y_axis (plot, self->category_axis);
  orchard_plot_set_show_legend (plot, TRUE);
}

GtkWidget *
orchard_grouped_bar_plot_new (void)
{
  return g_object_new (ORCHARD_TYPE_GROUPED_BAR_PLOT, NULL);
}

/**
 * orchard_grouped_bar_plot_set_categories:
 * @self: a plot
 * @labels: (array length=n_categories): the category names
 * @n_categories: how many there are
 *
 * Sets the categories and removes every series, whose values no longer
 * fit them.
 */
void
orchard_grouped_bar_plot_set_categories (OrchardGroupedBarPlot *self,
                                         const char * const    *labels,
                                         guint                  n_categories)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  g_return_if_fail (ORCHARD_IS_GROUPED_BAR_PLOT (self));
  g_return_if_fail (n_categories == 0 || labels != NULL);

  g_ptr_array_set_size (self->categories, 0);
  g_ptr_array_set_size (self->series, 0);
  for (guint i = 0; i < n_categories; i++)
    {
      g_ptr_array_add (self->categories, g_strdup (labels[i] != NULL ? labels[i] : ""));
      g_ptr_array_add (names, self->categories->pdata[i]);
    }
  g_ptr_array_add (names, NULL);
  orchard_plot_axis_set_categories (self->category_axis, (const char * const *) names->pdata);

  orchard_plot_data_changed (ORCHARD_PLOT (self));
}

/**
 * orchard_grouped_bar_plot_add_series:
 * @self: a plot
 * @name: the legend's name of the series
 * @values: (array): one value per category
 *
 * Returns: the index of the new series
 */
guint
orchard_grouped_bar_plot_add_series (OrchardGroupedBarPlot *self,
                                     const char            *name,
                                     const double          *values)
{
  Series *s;
  guint n;

  g_return_val_if_fail (ORCHARD_IS_GROUPED_BAR_PLOT (self), 0);
  g_return_val_if_fail (name != NULL, 0);

  n = self->categories->len;
  s = g_new0 (Series, 1);
  s->name = g_strdup (name);
  s->values = n > 0 ? g_memdup2 (values, sizeof (double) * n) : NULL;
  s->end = g_new0 (double, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    if (isfinite (values[i]) && values[i] > 0)
      s->total += values[i];
  g_ptr_array_add (self->series, s);

  orchard_plot_data_changed (ORCHARD_PLOT (self));
  return self->series->len - 1;
}

void
orchard_grouped_bar_plot_clear (OrchardGroupedBarPlot *self)
{
  g_return_if_fail (ORCHARD_IS_GROUPED_BAR_PLOT (self));

  orchard_grouped_bar_plot_set_categories (self, NULL, 0);
}

guint
orchard_grouped_bar_plot_get_n_categories (OrchardGroupedBarPlot *self)
{
  g_return_val_if_fail (ORCHARD_IS_GROUPED_BAR_PLOT (self), 0);

  return self->categories->len;
}

guint
orchard_grouped_bar_plot_get_n_series (OrchardGroupedBarPlot *self)
{
  g_return_val_if_fail (ORCHARD_IS_GROUPED_BAR_PLOT (self), 0);

  return self->series->len;
}

const char *
orchard_grouped_bar_plot_get_series_name (OrchardGroupedBarPlot *self,
                                          guint                  series)
{
  g_return_val_if_fail (ORCHARD_IS_GROUPED_BAR_PLOT (self), NULL);
  g_return_val_if_fail (series < self->series->len, NULL);

  return ((Series *) self->series->pdata[series])->name;
}

/**
 * orchard_grouped_bar_plot_get_value:
 * @self: a plot
 * @series: a series
 * @category: a category
 *
 * Returns: the value as the plot shows it: a share with #OrchardGroupedBarPlot:shares
 */
double
orchard_grouped_bar_plot_get_value (OrchardGroupedBarPlot *self,
                                    guint                  series,
                                    guint                  category)
{
  g_return_val_if_fail (ORCHARD_IS_GROUPED_BAR_PLOT (self), NAN);
  g_return_val_if_fail (series < self->series->len, NAN);
  g_return_val_if_fail (category < self->categories->len, NAN);

  return display_value (self, self->series->pdata[series], category);
}

gboolean
orchard_grouped_bar_plot_get_shares (OrchardGroupedBarPlot *self)
{
  g_return_val_if_fail (ORCHARD_IS_GROUPED_BAR_PLOT (self), FALSE);

  return self->shares;
}

void
orchard_grouped_bar_plot_set_shares (OrchardGroupedBarPlot *self,
                                     gboolean               shares)
{
  g_return_if_fail (ORCHARD_IS_GROUPED_BAR_PLOT (self));

  shares = !!shares;
  if (self->shares == shares)
    return;

  self->shares = shares;
  orchard_plot_axis_set_percent (self->value_axis, shares);
  orchard_plot_data_changed (ORCHARD_PLOT (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHARES]);
}
