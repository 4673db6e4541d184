/* orchard-importance-plot.c
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Permutation importance: how much a score drops when one feature's values
 * are shuffled, the mean over repeats as a bar and ± one standard deviation
 * as an error bar. Bars are sorted, the most important on top, and only
 * the first max-bars are shown: past a few dozen features nobody reads the
 * tail, and the description says how many were left out. A negative mean
 * (shuffling helped: the feature is noise) draws to the left of zero.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>

#include "orchard-importance-plot.h"

#define MAX_THICKNESS 28.0

typedef struct
{
  char   *label;
  double  mean;
  double  std;
} Bar;

struct _OrchardImportancePlot
{
  OrchardPlot  parent_instance;

  GArray      *bars;     /* Bar, sorted, the shown ones */
  guint        n_given;
  guint        max_bars;
  GPtrArray   *all;      /* Bar *, as given */

  /* normalised */
  double      *pos;
  double      *lo;
  double      *hi;
  double      *end;
  double       base;
};

G_DEFINE_FINAL_TYPE (OrchardImportancePlot, orchard_importance_plot, ORCHARD_TYPE_PLOT)

enum {
  PROP_0,
  PROP_MAX_BARS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define BAR(i) (&g_array_index (self->bars, Bar, (i)))

static void
bar_free (gpointer data)
{
  Bar *bar = data;

  g_free (bar->label);
  g_free (bar);
}

static int
compare_bars (gconstpointer a,
              gconstpointer b)
{
  const Bar *x = *(const Bar * const *) a;
  const Bar *y = *(const Bar * const *) b;

  if (isnan (x->mean) != isnan (y->mean))
    return isnan (x->mean) ? 1 : -1;
  if (x->mean != y->mean)
    return x->mean > y->mean ? -1 : 1;
  return g_strcmp0 (x->label, y->label);
}

static void
rebuild (OrchardImportancePlot *self)
{
  g_autoptr(GPtrArray) sorted = g_ptr_array_sized_new (self->all->len);
  g_autoptr(GPtrArray) categories = g_ptr_array_new_null_terminated (0, NULL, TRUE);
  guint n;

  /* Borrowed: the Bars belong to self->all. */
  for (guint i = 0; i < self->all->len; i++)
    g_ptr_array_add (sorted, g_ptr_array_index (self->all, i));

  g_ptr_array_sort (sorted, compare_bars);
  n = self->max_bars > 0 ? MIN (sorted->len, self->max_bars) : sorted->len;

  g_array_set_size (self->bars, 0);
  for (guint i = 0; i < n; i++)
    {
      Bar *bar = g_ptr_array_index (sorted, i);

      g_array_append_val (self->bars, *bar);
      g_ptr_array_add (categories, bar->label);
    }

  g_clear_pointer (&self->pos, g_free);
  g_clear_pointer (&self->lo, g_free);
  g_clear_pointer (&self->hi, g_free);
  g_clear_pointer (&self->end, g_free);
  self->pos = g_new0 (double, MAX (n, 1));
  self->lo = g_new0 (double, MAX (n, 1));
  self->hi = g_new0 (double, MAX (n, 1));
  self->end = g_new0 (double, MAX (n, 1));

  orchard_plot_axis_set_categories (orchard_plot_get_y_axis (ORCHARD_PLOT (self)),
                                    (const char * const *) categories->pdata);
  orchard_plot_data_changed (ORCHARD_PLOT (self));
}

static guint
orchard_importance_plot_real_get_n_series (OrchardPlot *plot)
{
  return ORCHARD_IMPORTANCE_PLOT (plot)->bars->len > 0 ? 1 : 0;
}

static guint
orchard_importance_plot_real_get_n_items (OrchardPlot *plot,
                                          guint        series)
{
  return ORCHARD_IMPORTANCE_PLOT (plot)->bars->len;
}

static const char *
orchard_importance_plot_get_series_name (OrchardPlot *plot,
                                         guint        series)
{
  return _("Importance");
}

static OrchardPlotMark
orchard_importance_plot_get_series_mark (OrchardPlot *plot,
                                         guint        series)
{
  return ORCHARD_PLOT_MARK_BOX;
}

static void
orchard_importance_plot_get_extent (OrchardPlot *plot,
                                    double      *x_min,
                                    double      *x_max,
                                    double      *y_min,
                                    double      *y_max)
{
  OrchardImportancePlot *self = ORCHARD_IMPORTANCE_PLOT (plot);

  for (guint i = 0; i < self->bars->len; i++)
    {
      Bar *bar = BAR (i);
      double sd = isfinite (bar->std) ? bar->std : 0;

      if (!isfinite (bar->mean))
        continue;
      if (isnan (*x_min) || bar->mean - sd < *x_min)
        *x_min = bar->mean - sd;
      if (isnan (*x_max) || bar->mean + sd > *x_max)
        *x_max = bar->mean + sd;
    }
}

static void
orchard_importance_plot_normalize (OrchardPlot *plot)
{
  OrchardImportancePlot *self = ORCHARD_IMPORTANCE_PLOT (plot);
  OrchardPlotAxis *x_axis = orchard_plot_get_x_axis (plot);
  OrchardPlotAxis *y_axis = orchard_plot_get_y_axis (plot);
  double lo, hi;

  orchard_plot_axis_get_range (x_axis, &lo, &hi);
  self->base = orchard_plot_axis_map (x_axis, CLAMP (0.0, lo, hi));

  for (guint i = 0; i < self->bars->len; i++)
    {
      Bar *bar = BAR (i);
      double sd = isfinite (bar->std) ? bar->std : 0;

      self->pos[i] = orchard_plot_axis_map (y_axis, i);
      self->end[i] = isfinite (bar->mean) ? orchard_plot_axis_map (x_axis, bar->mean) : self->base;
      self->lo[i] = isfinite (bar->mean) ? orchard_plot_axis_map (x_axis, bar->mean - sd) : NAN;
      self->hi[i] = isfinite (bar->mean) ? orchard_plot_axis_map (x_axis, bar->mean + sd) : NAN;
    }
}

static double
thickness (OrchardImportancePlot *self,
           double                 span)
{
  double band = orchard_plot_axis_get_band_width (orchard_plot_get_y_axis (ORCHARD_PLOT (self)));

  return MIN (band * 0.7, MAX_THICKNESS / MAX (span, 1));
}

static void
orchard_importance_plot_draw_series (OrchardPlot        *plot,
                                     OrchardPlotPainter *painter)
{
  OrchardImportancePlot *self = ORCHARD_IMPORTANCE_PLOT (plot);
  const graphene_rect_t *area = orchard_plot_painter_get_area (painter);
  cairo_t *cr = orchard_plot_painter_get_cairo (painter);
  double t = thickness (self, area->size.height);
  GdkRGBA color, foreground;

  orchard_plot_painter_get_series_color (painter, 0, &color);
  orchard_plot_painter_get_color (painter, ORCHARD_PLOT_COLOR_FOREGROUND, &foreground);

  for (guint i = 0; i < self->bars->len; i++)
    {
      double x0 = orchard_plot_painter_snap_edge (painter, orchard_plot_painter_to_x (painter, MIN (self->base, self->end[i])));
      double x1 = orchard_plot_painter_snap_edge (painter, orchard_plot_painter_to_x (painter, MAX (self->base, self->end[i])));
      double y0 = orchard_plot_painter_snap_edge (painter, orchard_plot_painter_to_y (painter, self->pos[i] + t / 2));
      double y1 = orchard_plot_painter_snap_edge (painter, orchard_plot_painter_to_y (painter, self->pos[i] - t / 2));
      double yc = orchard_plot_painter_snap_line (painter, orchard_plot_painter_to_y (painter, self->pos[i]), 1.5);

      if (x1 > x0)
        {
          cairo_rectangle (cr, x0, y0, x1 - x0, y1 - y0);
          orchard_plot_painter_set_source (painter, &color, self->end[i] < self->base ? 0.45 : 1.0);
          cairo_fill (cr);
        }

      /* The error bar: ± one standard deviation, with caps. */
      if (isfinite (self->lo[i]) && self->hi[i] > self->lo[i])
        {
          double el = orchard_plot_painter_snap_line (painter, orchard_plot_painter_to_x (painter, self->lo[i]), 1.5);
          double eh = orchard_plot_painter_snap_line (painter, orchard_plot_painter_to_x (painter, self->hi[i]), 1.5);
          double cap = (y1 - y0) / 4;

          cairo_set_line_width (cr, 1.5);
          cairo_move_to (cr, el, yc);
          cairo_line_to (cr, eh, yc);
          cairo_move_to (cr, el, yc - cap);
          cairo_line_to (cr, el, yc + cap);
          cairo_move_to (cr, eh, yc - cap);
          cairo_line_to (cr, eh, yc + cap);
          orchard_plot_painter_set_source (painter, &foreground, 0.8);
          cairo_stroke (cr);
        }
    }
}

static gboolean
orchard_importance_plot_get_item (OrchardPlot    *plot,
                                  guint           series,
                                  guint           index,
                                  OrchardPlotHit *hit)
{
  OrchardImportancePlot *self = ORCHARD_IMPORTANCE_PLOT (plot);
  double band = orchard_plot_axis_get_band_width (orchard_plot_get_y_axis (plot));

  hit->flags = ORCHARD_PLOT_HIT_BAND;
  hit->x = self->end[index];
  hit->y = self->pos[index];
  hit->x0 = 0;
  hit->x1 = 1;
  hit->y0 = self->pos[index] - band / 2;
  hit->y1 = self->pos[index] + band / 2;

  return TRUE;
}

static char *
orchard_importance_plot_describe_item (OrchardPlot *plot,
                                       guint        series,
                                       guint        index)
{
  OrchardImportancePlot *self = ORCHARD_IMPORTANCE_PLOT (plot);
  Bar *bar = BAR (index);
  g_autofree char *mean = orchard_plot_format_value (bar->mean);
  g_autofree char *std = orchard_plot_format_value (bar->std);

  /* Translators: a feature's permutation importance: its name, rank, the mean drop and its standard deviation */
  return g_strdup_printf (_("%s (#%u)\nImportance: %s ± %s"), bar->label, index + 1, mean, std);
}

static char *
orchard_importance_plot_describe (OrchardPlot *plot)
{
  OrchardImportancePlot *self = ORCHARD_IMPORTANCE_PLOT (plot);
  g_autoptr(GString) text = g_string_new (NULL);

  if (self->bars->len == 0)
    return g_strdup (_("Feature importance with no data"));

  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "Importance of %u feature",
                                             "Importance of %u features", self->n_given),
                          self->n_given);
  if (self->bars->len < self->n_given)
    /* Translators: how many of the features the chart shows */
    g_string_append_printf (text, _(", the first %u shown"), self->bars->len);

  for (guint i = 0; i < self->bars->len; i++)
    {
      Bar *bar = BAR (i);
      g_autofree char *mean = orchard_plot_format_value (bar->mean);
      g_autofree char *std = orchard_plot_format_value (bar->std);

      g_string_append (text, i == 0 ? ": " : "; ");
      g_string_append_printf (text, "%s %s ± %s", bar->label, mean, std);
    }
  g_string_append_c (text, '.');

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
orchard_importance_plot_finalize (GObject *object)
{
  OrchardImportancePlot *self = (OrchardImportancePlot *)object;

  g_clear_pointer (&self->bars, g_array_unref);
  g_clear_pointer (&self->all, g_ptr_array_unref);
  g_clear_pointer (&self->pos, g_free);
  g_clear_pointer (&self->lo, g_free);
  g_clear_pointer (&self->hi, g_free);
  g_clear_pointer (&self->end, g_free);

  G_OBJECT_CLASS (orchard_importance_plot_parent_class)->finalize (object);
}

static void
orchard_importance_plot_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  OrchardImportancePlot *self = ORCHARD_IMPORTANCE_PLOT (object);

  switch (prop_id)
    {
    case PROP_MAX_BARS:
      g_value_set_uint (value, self->max_bars);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
orchard_importance_plot_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  OrchardImportancePlot *self = ORCHARD_IMPORTANCE_PLOT (object);

  switch (prop_id)
    {
    case PROP_MAX_BARS:
      orchard_importance_plot_set_max_bars (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
orchard_importance_plot_class_init (OrchardImportancePlotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  OrchardPlotClass *plot_class = ORCHARD_PLOT_CLASS (klass);

  object_class->finalize = orchard_importance_plot_finalize;
  object_class->get_property = orchard_importance_plot_get_property;
  object_class->set_property = orchard_importance_plot_set_property;

  plot_class->get_extent = orchard_importance_plot_get_extent;
  plot_class->normalize = orchard_importance_plot_normalize;
  plot_class->draw_series = orchard_importance_plot_draw_series;
  plot_class->get_n_series = orchard_importance_plot_real_get_n_series;
  plot_class->get_series_name = orchard_importance_plot_get_series_name;
  plot_class->get_series_mark = orchard_importance_plot_get_series_mark;
  plot_class->get_n_items = orchard_importance_plot_real_get_n_items;
  plot_class->get_item = orchard_importance_plot_get_item;
  plot_class->describe_item = orchard_importance_plot_describe_item;
  plot_class->describe = orchard_importance_plot_describe;

  /**
   * OrchardImportancePlot:max-bars:
   *
   * How many of the most important features are shown; 0 for all.
   */
  properties[PROP_MAX_BARS] =
    g_param_spec_uint ("max-bars", NULL, NULL, 0, G_MAXUINT, 20,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
orchard_importance_plot_init (OrchardImportancePlot *self)
{
  OrchardPlot *plot = ORCHARD_PLOT (self);
  g_autoptr(OrchardPlotAxis) x_axis = orchard_plot_axis_new (ORCHARD_PLOT_AXIS_LINEAR);
  g_autoptr(OrchardPlotAxis) y_axis = orchard_plot_axis_new (ORCHARD_PLOT_AXIS_BAND);

  self->bars = g_array_new (FALSE, FALSE, sizeof (Bar));
  self->all = g_ptr_array_new_with_free_func (bar_free);
  self->max_bars = 20;

  orchard_plot_axis_set_include_zero (x_axis, TRUE);
  orchard_plot_axis_set_title (x_axis, _("Drop in score when shuffled"));
  orchard_plot_axis_set_reversed (y_axis, TRUE);
  orchard_plot_set_x_axis (plot, x_axis);
  orchard_plot_set_y_axis (plot, y_axis);
  orchard_plot_set_show_legend (plot, FALSE);
}

GtkWidget *
orchard_importance_plot_new (void)
{
  return g_object_new (ORCHARD_TYPE_IMPORTANCE_PLOT, NULL);
}

/**
 * orchard_importance_plot_set_data:
 * @self: an importance plot
 * @features: (array length=n_features): the feature names
 * @mean: (array length=n_features): the mean importance of each
 * @std: (array length=n_features) (nullable): its standard deviation
 * @n_features: the number of features
 *
 * Shows the importances, sorted; the data is copied.
 */
void
orchard_importance_plot_set_data (OrchardImportancePlot *self,
                                  const char * const    *features,
                                  const double          *mean,
                                  const double          *std,
                                  guint                  n_features)
{
  g_return_if_fail (ORCHARD_IS_IMPORTANCE_PLOT (self));
  g_return_if_fail (n_features == 0 || (features != NULL && mean != NULL));

  g_array_set_size (self->bars, 0);
  g_ptr_array_set_size (self->all, 0);
  for (guint i = 0; i < n_features; i++)
    {
      Bar *bar = g_new0 (Bar, 1);

      bar->label = g_strdup (features[i]);
      bar->mean = mean[i];
      bar->std = std != NULL ? std[i] : NAN;
      g_ptr_array_add (self->all, bar);
    }
  self->n_given = n_features;

  rebuild (self);
}

guint
orchard_importance_plot_get_n_bars (OrchardImportancePlot *self)
{
  g_return_val_if_fail (ORCHARD_IS_IMPORTANCE_PLOT (self), 0);

  return self->bars->len;
}

const char *
orchard_importance_plot_get_bar_label (OrchardImportancePlot *self,
                                       guint                  bar)
{
  g_return_val_if_fail (ORCHARD_IS_IMPORTANCE_PLOT (self), NULL);
  g_return_val_if_fail (bar < self->bars->len, NULL);

  return BAR (bar)->label;
}

double
orchard_importance_plot_get_bar_value (OrchardImportancePlot *self,
                                       guint                  bar)
{
  g_return_val_if_fail (ORCHARD_IS_IMPORTANCE_PLOT (self), NAN);
  g_return_val_if_fail (bar < self->bars->len, NAN);

  return BAR (bar)->mean;
}

guint
orchard_importance_plot_get_max_bars (OrchardImportancePlot *self)
{
  g_return_val_if_fail (ORCHARD_IS_IMPORTANCE_PLOT (self), 0);

  return self->max_bars;
}

void
orchard_importance_plot_set_max_bars (OrchardImportancePlot *self,
                                      guint                  max_bars)
{
  g_return_if_fail (ORCHARD_IS_IMPORTANCE_PLOT (self));

  if (self->max_bars == max_bars)
    return;

  self->max_bars = max_bars;
  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_BARS]);
}
