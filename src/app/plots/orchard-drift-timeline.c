/* orchard-drift-timeline.c
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One column per chunk of the current data. On top, over LINE_BANDS rows
 * of the band axis, the share of drifted features as a line with the
 * dataset-drift threshold dashed; below it one row per feature, a cell per
 * chunk coloured by how far its statistic is from the threshold: faint
 * under it, red from it on. Rows of one y band axis keep the feature names
 * as its tick labels, so the base class lays them out.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "orchard-drift-timeline.h"

#define LINE_BANDS 5
#define SHARE_SERIES 0

typedef struct
{
  char     *name;
  char     *test;
  double   *statistics;  /* n_chunks */
  double   *p_values;    /* n_chunks, or NULL for a distance */
  gboolean *drifted;     /* n_chunks */
  double   *severity;    /* n_chunks: 1 at the threshold, NaN untested */
  double    threshold;
} Feature;

struct _OrchardDriftTimeline
{
  OrchardPlot      parent_instance;

  GPtrArray       *labels;    /* char *, one per chunk */
  double          *shares;    /* n_chunks */
  double           share_threshold;
  GPtrArray       *features;  /* Feature * */

  OrchardPlotAxis *x_axis;
  OrchardPlotAxis *y_axis;
  /* normalised */
  double          *x;         /* chunk centres */
  double           column;    /* a chunk's width */
  double           row;       /* a feature's height */
  double           line_lo;   /* the share line's 0 and 1 */
  double           line_hi;
};

G_DEFINE_FINAL_TYPE (OrchardDriftTimeline, orchard_drift_timeline, ORCHARD_TYPE_PLOT)

static void
feature_free (gpointer data)
{
  Feature *f = data;

  g_free (f->name);
  g_free (f->test);
  g_free (f->statistics);
  g_free (f->p_values);
  g_free (f->drifted);
  g_free (f->severity);
  g_free (f);
}

static guint
n_chunks (OrchardDriftTimeline *self)
{
  return self->labels->len;
}

/* How far the statistic is towards (< 1) or past (≥ 1) the threshold: for
 * a p-value on a log scale, so p = threshold² reads 2. */
static double
severity (double   statistic,
          double   p_value,
          gboolean has_p,
          double   threshold)
{
  if (has_p)
    {
      if (isnan (p_value) || !(threshold > 0 && threshold < 1))
        return NAN;
      return log (MAX (p_value, 1e-300)) / log (threshold);
    }

  if (isnan (statistic) || !(threshold > 0))
    return NAN;
  return statistic / threshold;
}

static char *
format_percent (double share)
{
  g_autofree char *number = orchard_plot_format_number (100.0 * share, 1.0);

  /* Translators: a percentage, e.g. "25%" */
  return g_strdup_printf (_("%s%%"), number);
}

static void
update_categories (OrchardDriftTimeline *self)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autoptr(GPtrArray) columns = g_ptr_array_new ();
  g_autofree char *top = format_percent (1.0);
  g_autofree char *bottom = format_percent (0.0);

  /* The share line takes LINE_BANDS rows: 100% at the first's centre, 0% at
   * the last's, its name between. */
  for (guint i = 0; i < LINE_BANDS; i++)
    g_ptr_array_add (rows, (gpointer) (i == 0 ? top : i == LINE_BANDS - 1 ? bottom : i == LINE_BANDS / 2 ? _("Drift share") : ""));
  for (guint f = 0; f < self->features->len; f++)
    g_ptr_array_add (rows, ((Feature *) self->features->pdata[f])->name);
  g_ptr_array_add (rows, NULL);

  for (guint c = 0; c < n_chunks (self); c++)
    g_ptr_array_add (columns, self->labels->pdata[c]);
  g_ptr_array_add (columns, NULL);

  orchard_plot_axis_set_categories (self->y_axis, (const char * const *) rows->pdata);
  orchard_plot_axis_set_categories (self->x_axis, (const char * const *) columns->pdata);
}

static guint
orchard_drift_timeline_get_n_series_vfunc (OrchardPlot *plot)
{
  OrchardDriftTimeline *self = ORCHARD_DRIFT_TIMELINE (plot);

  return n_chunks (self) > 0 ? 1 + self->features->len : 0;
}

static const char *
orchard_drift_timeline_get_series_name (OrchardPlot *plot,
                                        guint        series)
{
  OrchardDriftTimeline *self = ORCHARD_DRIFT_TIMELINE (plot);

  if (series == SHARE_SERIES)
    return _("Drift share");
  return ((Feature *) self->features->pdata[series - 1])->name;
}

static OrchardPlotMark
orchard_drift_timeline_get_series_mark (OrchardPlot *plot,
                                        guint        series)
{
  return series == SHARE_SERIES ? ORCHARD_PLOT_MARK_LINE : ORCHARD_PLOT_MARK_BOX;
}

static guint
orchard_drift_timeline_get_n_items (OrchardPlot *plot,
                                    guint        series)
{
  return n_chunks (ORCHARD_DRIFT_TIMELINE (plot));
}

static void
orchard_drift_timeline_normalize (OrchardPlot *plot)
{
  OrchardDriftTimeline *self = ORCHARD_DRIFT_TIMELINE (plot);
  double top, bottom;

  g_free (self->x);
  self->x = g_new0 (double, MAX (n_chunks (self), 1));
  for (guint c = 0; c < n_chunks (self); c++)
    self->x[c] = orchard_plot_axis_map (self->x_axis, c);
  self->column = n_chunks (self) > 0 ? fabs (orchard_plot_axis_map (self->x_axis, 1) -
                                             orchard_plot_axis_map (self->x_axis, 0)) : 1.0;
  self->row = fabs (orchard_plot_axis_map (self->y_axis, 1) - orchard_plot_axis_map (self->y_axis, 0));

  /* The y axis is reversed: band 0 at the top. */
  top = orchard_plot_axis_map (self->y_axis, 0);
  bottom = orchard_plot_axis_map (self->y_axis, LINE_BANDS - 1);
  self->line_hi = top;
  self->line_lo = bottom;
}

static double
share_y (OrchardDriftTimeline *self,
         double                share)
{
  return self->line_lo + CLAMP (share, 0.0, 1.0) * (self->line_hi - self->line_lo);
}

static void
cell_rect (OrchardDriftTimeline *self,
           guint                 feature,
           guint                 chunk,
           double               *x0,
           double               *x1,
           double               *y0,
           double               *y1)
{
  double y = orchard_plot_axis_map (self->y_axis, LINE_BANDS + feature);

  *x0 = self->x[chunk] - self->column / 2.0;
  *x1 = self->x[chunk] + self->column / 2.0;
  *y0 = y - self->row / 2.0;
  *y1 = y + self->row / 2.0;
}

static void
drift_color (OrchardPlotPainter *painter,
             GdkRGBA            *color)
{
  /* libadwaita's error colour, light and dark. */
  gdk_rgba_parse (color, orchard_plot_painter_is_dark (painter) ? "#ff7b63" : "#e01b24");
}

static void
draw_cells (OrchardDriftTimeline *self,
            OrchardPlotPainter   *painter)
{
  cairo_t *cr = orchard_plot_painter_get_cairo (painter);
  double gap = 1.0 / orchard_plot_painter_get_scale (painter);
  GdkRGBA calm, drift, dim;

  orchard_plot_painter_get_series_color (painter, 0, &calm);
  orchard_plot_painter_get_color (painter, ORCHARD_PLOT_COLOR_GRID, &dim);
  drift_color (painter, &drift);

  for (guint f = 0; f < self->features->len; f++)
    {
      Feature *feature = self->features->pdata[f];

      for (guint c = 0; c < n_chunks (self); c++)
        {
          double s = feature->severity[c];
          double nx0, nx1, ny0, ny1, x0, x1, y0, y1;

          cell_rect (self, f, c, &nx0, &nx1, &ny0, &ny1);
          x0 = orchard_plot_painter_snap_edge (painter, orchard_plot_painter_to_x (painter, nx0)) + gap;
          x1 = orchard_plot_painter_snap_edge (painter, orchard_plot_painter_to_x (painter, nx1)) - gap;
          y0 = orchard_plot_painter_snap_edge (painter, orchard_plot_painter_to_y (painter, ny1)) + gap;
          y1 = orchard_plot_painter_snap_edge (painter, orchard_plot_painter_to_y (painter, ny0)) - gap;
          if (!(x1 > x0 && y1 > y0))
            continue;

          cairo_rectangle (cr, x0, y0, x1 - x0, y1 - y0);
          if (isnan (s))
            orchard_plot_painter_set_source (painter, &dim, 0.5);
          else if (feature->drifted[c])
            orchard_plot_painter_set_source (painter, &drift, 0.55 + 0.45 * CLAMP (s - 1.0, 0.0, 1.0));
          else
            orchard_plot_painter_set_source (painter, &calm, 0.08 + 0.32 * CLAMP (s, 0.0, 1.0));
          cairo_fill (cr);
        }
    }
}

static void
draw_share (OrchardDriftTimeline *self,
            OrchardPlotPainter   *painter)
{
  cairo_t *cr = orchard_plot_painter_get_cairo (painter);
  const graphene_rect_t *area = orchard_plot_painter_get_area (painter);
  double dashes[] = { 4.0, 3.0 };
  GdkRGBA color, axis, drift;
  double y;

  orchard_plot_painter_get_series_color (painter, 0, &color);
  orchard_plot_painter_get_color (painter, ORCHARD_PLOT_COLOR_AXIS, &axis);
  drift_color (painter, &drift);

  /* The 0 and 100% lines of the share, then the threshold dashed. */
  cairo_set_line_width (cr, 1.0);
  for (guint i = 0; i < 2; i++)
    {
      y = orchard_plot_painter_snap_line (painter, orchard_plot_painter_to_y (painter, share_y (self, i)), 1.0);
      cairo_move_to (cr, area->origin.x, y);
      cairo_line_to (cr, area->origin.x + area->size.width, y);
    }
  orchard_plot_painter_set_source (painter, &axis, 0.6);
  cairo_stroke (cr);

  y = orchard_plot_painter_snap_line (painter,
                                      orchard_plot_painter_to_y (painter, share_y (self, self->share_threshold)),
                                      1.0);
  cairo_save (cr);
  cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
  cairo_move_to (cr, area->origin.x, y);
  cairo_line_to (cr, area->origin.x + area->size.width, y);
  orchard_plot_painter_set_source (painter, &drift, 0.8);
  cairo_stroke (cr);
  cairo_restore (cr);

  cairo_set_line_width (cr, 2.0);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (guint c = 0; c < n_chunks (self); c++)
    {
      double px = orchard_plot_painter_to_x (painter, self->x[c]);
      double py = orchard_plot_painter_to_y (painter, share_y (self, self->shares[c]));

      if (c == 0)
        cairo_move_to (cr, px, py);
      else
        cairo_line_to (cr, px, py);
    }
  orchard_plot_painter_set_source (painter, &color, 1.0);
  cairo_stroke (cr);

  /* Points: red where the chunk as a whole drifted. */
  for (guint c = 0; c < n_chunks (self); c++)
    {
      double px = orchard_plot_painter_to_x (painter, self->x[c]);
      double py = orchard_plot_painter_to_y (painter, share_y (self, self->shares[c]));
      gboolean drifted = self->shares[c] >= self->share_threshold;

      cairo_new_sub_path (cr);
      cairo_arc (cr, px, py, drifted ? 4.0 : 3.0, 0, 2 * G_PI);
      orchard_plot_painter_set_source (painter, drifted ? &drift : &color, 1.0);
      cairo_fill (cr);
    }
}

static void
orchard_drift_timeline_draw_series (OrchardPlot        *plot,
                                    OrchardPlotPainter *painter)
{
  OrchardDriftTimeline *self = ORCHARD_DRIFT_TIMELINE (plot);

  if (n_chunks (self) == 0)
    return;

  draw_cells (self, painter);
  draw_share (self, painter);
}

static gboolean
orchard_drift_timeline_get_item (OrchardPlot    *plot,
                                 guint           series,
                                 guint           index,
                                 OrchardPlotHit *hit)
{
  OrchardDriftTimeline *self = ORCHARD_DRIFT_TIMELINE (plot);

  if (series == SHARE_SERIES)
    {
      hit->flags = ORCHARD_PLOT_HIT_POINT;
      hit->x = self->x[index];
      hit->y = share_y (self, self->shares[index]);
      return TRUE;
    }

  hit->flags = ORCHARD_PLOT_HIT_BAND;
  cell_rect (self, series - 1, index, &hit->x0, &hit->x1, &hit->y0, &hit->y1);
  hit->x = self->x[index];
  hit->y = (hit->y0 + hit->y1) / 2.0;
  return TRUE;
}

/* The cell under the pointer, or the share point of its column. */
static gboolean
orchard_drift_timeline_nearest (OrchardPlot           *plot,
                                const graphene_rect_t *area,
                                double                 x,
                                double                 y,
                                OrchardPlotHit        *hit)
{
  OrchardDriftTimeline *self = ORCHARD_DRIFT_TIMELINE (plot);
  double nx, ny;
  guint chunk = 0;
  double best = G_MAXDOUBLE;

  if (n_chunks (self) == 0 || area->size.width <= 0 || area->size.height <= 0)
    return FALSE;

  nx = (x - area->origin.x) / area->size.width;
  ny = 1.0 - (y - area->origin.y) / area->size.height;
  if (nx < 0 || nx > 1 || ny < 0 || ny > 1)
    return FALSE;

  for (guint c = 0; c < n_chunks (self); c++)
    if (fabs (self->x[c] - nx) < best)
      {
        best = fabs (self->x[c] - nx);
        chunk = c;
      }

  for (guint f = 0; f < self->features->len; f++)
    {
      double x0, x1, y0, y1;

      cell_rect (self, f, chunk, &x0, &x1, &y0, &y1);
      if (ny >= y0 && ny <= y1)
        {
          hit->series = 1 + f;
          hit->index = chunk;
          return orchard_drift_timeline_get_item (plot, hit->series, chunk, hit);
        }
    }

  hit->series = SHARE_SERIES;
  hit->index = chunk;
  return orchard_drift_timeline_get_item (plot, SHARE_SERIES, chunk, hit);
}

static char *
orchard_drift_timeline_describe_item (OrchardPlot *plot,
                                      guint        series,
                                      guint        index)
{
  OrchardDriftTimeline *self = ORCHARD_DRIFT_TIMELINE (plot);
  const char *label = self->labels->pdata[index];
  Feature *f;
  g_autofree char *statistic = NULL;

  if (series == SHARE_SERIES)
    {
      g_autofree char *share = format_percent (self->shares[index]);

      /* Translators: a chunk's label, then the share of features that drifted in it */
      return g_strdup_printf (_("%s\nDrifted features: %s"), label, share);
    }

  f = self->features->pdata[series - 1];
  if (isnan (f->severity[index]))
    /* Translators: a chunk, a feature, and why there is no verdict */
    return g_strdup_printf (_("%s\n%s: not tested"), label, f->name);

  /* Significant digits, as the Monitor page's rows: p-values span many decades. */
  statistic = isinf (f->statistics[index]) ? g_strdup ("∞") : g_strdup_printf ("%.4g", f->statistics[index]);
  if (f->p_values != NULL)
    {
      g_autofree char *p = g_strdup_printf ("%.3g", f->p_values[index]);

      /* Translators: a chunk, a feature, its test, statistic, p-value and verdict,
       * e.g. "2015-03\ntemp_max: ks 0.23, p = 0.001, drifted" */
      return g_strdup_printf (_("%s\n%s: %s %s, p = %s, %s"), label, f->name, f->test, statistic, p,
                              f->drifted[index] ? _("drifted") : _("no drift"));
    }

  /* Translators: a chunk, a feature, its test, statistic and verdict,
   * e.g. "2015-03\ntemp_max: wasserstein 0.23, drifted" */
  return g_strdup_printf (_("%s\n%s: %s %s, %s"), label, f->name, f->test, statistic,
                          f->drifted[index] ? _("drifted") : _("no drift"));
}

static char *
orchard_drift_timeline_describe (OrchardPlot *plot)
{
  OrchardDriftTimeline *self = ORCHARD_DRIFT_TIMELINE (plot);
  g_autoptr(GString) text = g_string_new (NULL);
  guint n_drifted_chunks = 0;
  guint worst = 0;

  if (n_chunks (self) == 0)
    return g_strdup (_("Drift timeline with no chunks"));

  for (guint c = 0; c < n_chunks (self); c++)
    {
      n_drifted_chunks += self->shares[c] >= self->share_threshold;
      if (self->shares[c] > self->shares[worst])
        worst = c;
    }

  {
    g_autofree char *share = format_percent (self->shares[worst]);

    /* Translators: a screen reader summary, e.g. "Drift timeline of 12 chunks;
     * 3 drifted as a whole; the most drifted, 2015-07, has 60% of its features drifted." */
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                               "Drift timeline of %u chunk; %u drifted as a whole; the most drifted, %s, has %s of its features drifted.",
                                               "Drift timeline of %u chunks; %u drifted as a whole; the most drifted, %s, has %s of its features drifted.",
                                               n_chunks (self)),
                            n_chunks (self), n_drifted_chunks,
                            (const char *) self->labels->pdata[worst], share);
  }

  for (guint f = 0; f < self->features->len; f++)
    {
      Feature *feature = self->features->pdata[f];
      guint n = 0;

      for (guint c = 0; c < n_chunks (self); c++)
        n += feature->drifted[c];
      if (n > 0)
        /* Translators: one feature in the summary, e.g. " temp_max drifted in 4 chunks." */
        g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, " %s drifted in %u chunk.",
                                                   " %s drifted in %u chunks.", n),
                                feature->name, n);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
orchard_drift_timeline_finalize (GObject *object)
{
  OrchardDriftTimeline *self = (OrchardDriftTimeline *)object;

  g_clear_pointer (&self->labels, g_ptr_array_unref);
  g_clear_pointer (&self->features, g_ptr_array_unref);
  g_clear_pointer (&self->shares, g_free);
  g_clear_pointer (&self->x, g_free);
  g_clear_object (&self->x_axis);
  g_clear_object (&self->y_axis);

  G_OBJECT_CLASS (orchard_drift_timeline_parent_class)->finalize (object);
}

static void
orchard_drift_timeline_class_init (OrchardDriftTimelineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  OrchardPlotClass *plot_class = ORCHARD_PLOT_CLASS (klass);

  object_class->finalize = orchard_drift_timeline_finalize;

  plot_class->normalize = orchard_drift_timeline_normalize;
  plot_class->draw_series = orchard_drift_timeline_draw_series;
  plot_class->get_n_series = orchard_drift_timeline_get_n_series_vfunc;
  plot_class->get_series_name = orchard_drift_timeline_get_series_name;
  plot_class->get_series_mark = orchard_drift_timeline_get_series_mark;
  plot_class->get_n_items = orchard_drift_timeline_get_n_items;
  plot_class->get_item = orchard_drift_timeline_get_item;
  plot_class->nearest = orchard_drift_timeline_nearest;
  plot_class->describe_item = orchard_drift_timeline_describe_item;
  plot_class->describe = orchard_drift_timeline_describe;
}

static void
orchard_drift_timeline_init (OrchardDriftTimeline *self)
{
  OrchardPlot *plot = ORCHARD_PLOT (self);

  self->labels = g_ptr_array_new_with_free_func (g_free);
  self->features = g_ptr_array_new_with_free_func (feature_free);
  self->share_threshold = 0.5;

  self->x_axis = orchard_plot_axis_new (ORCHARD_PLOT_AXIS_BAND);
  self->y_axis = orchard_plot_axis_new (ORCHARD_PLOT_AXIS_BAND);
  orchard_plot_axis_set_reversed (self->y_axis, TRUE);
  orchard_plot_set_x_axis (plot, self->x_axis);
  orchard_plot_set_y_axis (plot, self->y_axis);
  orchard_plot_set_show_legend (plot, FALSE);
  orchard_plot_set_show_grid (plot, FALSE);
  update_categories (self);
}

GtkWidget *
orchard_drift_timeline_new (void)
{
  return g_object_new (ORCHARD_TYPE_DRIFT_TIMELINE, NULL);
}

/**
 * orchard_drift_timeline_set_chunks:
 * @self: a timeline
 * @labels: (array length=n_chunks): the chunks' labels
 * @shares: (array length=n_chunks): the share of drifted features per chunk
 * @n_chunks: how many chunks there are
 * @share_threshold: the share from which a chunk drifted as a whole
 *
 * Sets the chunks and removes every feature.
 */
void
orchard_drift_timeline_set_chunks (OrchardDriftTimeline *self,
                                   const char * const   *labels,
                                   const double         *shares,
                                   guint                 count,
                                   double                share_threshold)
{
  g_return_if_fail (ORCHARD_IS_DRIFT_TIMELINE (self));
  g_return_if_fail (count == 0 || (labels != NULL && shares != NULL));

  g_ptr_array_set_size (self->labels, 0);
  g_ptr_array_set_size (self->features, 0);
  for (guint c = 0; c < count; c++)
    g_ptr_array_add (self->labels, g_strdup (labels[c]));
  g_free (self->shares);
  self->shares = count > 0 ? g_memdup2 (shares, sizeof (double) * count) : NULL;
  self->share_threshold = share_threshold;

  update_categories (self);
  orchard_plot_data_changed (ORCHARD_PLOT (self));
}

/**
 * orchard_drift_timeline_add_feature:
 * @self: a timeline
 * @name: the feature's name
 * @test: the test's short name ("ks", "wasserstein", …)
 * @statistics: (array): the statistic per chunk, NaN where not tested
 * @p_values: (array) (nullable): the p-value per chunk, for a test that has one
 * @drifted: (array): the verdict per chunk
 * @threshold: the test's threshold (a p-value with @p_values)
 *
 * Returns: the feature's row
 */
guint
orchard_drift_timeline_add_feature (OrchardDriftTimeline *self,
                                    const char           *name,
                                    const char           *test,
                                    const double         *statistics,
                                    const double         *p_values,
                                    const gboolean       *drifted,
                                    double                threshold)
{
  guint n = n_chunks (self);
  Feature *f;

  g_return_val_if_fail (ORCHARD_IS_DRIFT_TIMELINE (self), 0);
  g_return_val_if_fail (name != NULL && test != NULL, 0);
  g_return_val_if_fail (n == 0 || (statistics != NULL && drifted != NULL), 0);

  f = g_new0 (Feature, 1);
  f->name = g_strdup (name);
  f->test = g_strdup (test);
  f->threshold = threshold;
  f->statistics = g_new (double, MAX (n, 1));
  f->drifted = g_new0 (gboolean, MAX (n, 1));
  f->severity = g_new (double, MAX (n, 1));
  if (p_values != NULL)
    f->p_values = g_new (double, MAX (n, 1));

  for (guint c = 0; c < n; c++)
    {
      f->statistics[c] = statistics[c];
      f->drifted[c] = drifted[c];
      if (p_values != NULL)
        f->p_values[c] = p_values[c];
      f->severity[c] = severity (statistics[c], p_values != NULL ? p_values[c] : NAN, p_values != NULL,
                                 threshold);
    }
  g_ptr_array_add (self->features, f);

  update_categories (self);
  orchard_plot_data_changed (ORCHARD_PLOT (self));
  return self->features->len - 1;
}

void
orchard_drift_timeline_clear (OrchardDriftTimeline *self)
{
  g_return_if_fail (ORCHARD_IS_DRIFT_TIMELINE (self));

  orchard_drift_timeline_set_chunks (self, NULL, NULL, 0, self->share_threshold);
}

guint
orchard_drift_timeline_get_n_chunks (OrchardDriftTimeline *self)
{
  g_return_val_if_fail (ORCHARD_IS_DRIFT_TIMELINE (self), 0);

  return n_chunks (self);
}

guint
orchard_drift_timeline_get_n_features (OrchardDriftTimeline *self)
{
  g_return_val_if_fail (ORCHARD_IS_DRIFT_TIMELINE (self), 0);

  return self->features->len;
}

double
orchard_drift_timeline_get_share (OrchardDriftTimeline *self,
                                  guint                 chunk)
{
  g_return_val_if_fail (ORCHARD_IS_DRIFT_TIMELINE (self), NAN);
  g_return_val_if_fail (chunk < n_chunks (self), NAN);

  return self->shares[chunk];
}

/**
 * orchard_drift_timeline_get_severity:
 * @self: a timeline
 * @feature: a feature's row
 * @chunk: a chunk
 *
 * Returns: how far the cell's statistic went towards its threshold (1) or
 *   past it; NaN where the feature was not tested
 */
double
orchard_drift_timeline_get_severity (OrchardDriftTimeline *self,
                                     guint                 feature,
                                     guint                 chunk)
{
  g_return_val_if_fail (ORCHARD_IS_DRIFT_TIMELINE (self), NAN);
  g_return_val_if_fail (feature < self->features->len && chunk < n_chunks (self), NAN);

  return ((Feature *) self->features->pdata[feature])->severity[chunk];
}
