/* orchard-curve-plot.c
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The curves the Evaluate page overlays for several runs: each series is a
 * curve of one model with its summary (AUC, average precision, ECE) in the
 * legend, over the line chance (or perfect calibration) draws. Both axes
 * are fixed to 0..1: every one of these curves lives in the unit square,
 * and a fixed square lets the eye compare plots.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "orchard-curve-plot.h"
#include "orchard-plot-enums.h"

#define LINE_WIDTH    2.0
#define POINT_RADIUS  3.0
#define MARKER_RADIUS 5.0

typedef struct
{
  char   *name;
  char   *legend;   /* the name with its summary */
  double  summary;
  GArray *x;        /* double */
  GArray *y;
  GArray *fx;       /* normalised */
  GArray *fy;
  double  marker_x; /* NaN: none */
  double  marker_y;
} CurveSeries;

struct _OrchardCurvePlot
{
  OrchardPlot           parent_instance;

  OrchardCurvePlotKind  kind;
  GPtrArray            *series;  /* CurveSeries */
  double                baseline;
};

G_DEFINE_FINAL_TYPE (OrchardCurvePlot, orchard_curve_plot, ORCHARD_TYPE_PLOT)

enum {
  PROP_0,
  PROP_KIND,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define AT(array, i) g_array_index ((array), double, (i))

static void
curve_series_free (gpointer data)
{
  CurveSeries *series = data;

  g_free (series->name);
  g_free (series->legend);
  g_array_unref (series->x);
  g_array_unref (series->y);
  g_array_unref (series->fx);
  g_array_unref (series->fy);
  g_free (series);
}

/* The summary's name in the legend, or NULL when the kind has none. */
static const char *
summary_name (OrchardCurvePlotKind kind)
{
  switch (kind)
    {
    case ORCHARD_CURVE_PLOT_ROC:
      /* Translators: area under the ROC curve, as in "Logistic (AUC 0.95)" */
      return C_("curve summary", "AUC");
    case ORCHARD_CURVE_PLOT_PRECISION_RECALL:
      /* Translators: average precision, as in "Logistic (AP 0.91)" */
      return C_("curve summary", "AP");
    case ORCHARD_CURVE_PLOT_CALIBRATION:
      /* Translators: expected calibration error, as in "Logistic (ECE 0.03)" */
      return C_("curve summary", "ECE");
    case ORCHARD_CURVE_PLOT_GAINS:
    default:
      return NULL;
    }
}

static gboolean
has_diagonal (OrchardCurvePlotKind kind)
{
  return kind != ORCHARD_CURVE_PLOT_PRECISION_RECALL;
}

static guint
orchard_curve_plot_real_get_n_series (OrchardPlot *plot)
{
  return ORCHARD_CURVE_PLOT (plot)->series->len;
}

static guint
orchard_curve_plot_real_get_n_items (OrchardPlot *plot,
                                     guint        series)
{
  CurveSeries *s = g_ptr_array_index (ORCHARD_CURVE_PLOT (plot)->series, series);

  return s->x->len;
}

static const char *
orchard_curve_plot_real_get_series_name (OrchardPlot *plot,
                                         guint        series)
{
  CurveSeries *s = g_ptr_array_index (ORCHARD_CURVE_PLOT (plot)->series, series);

  return s->legend;
}

static OrchardPlotMark
orchard_curve_plot_get_series_mark (OrchardPlot *plot,
                                    guint        series)
{
  return ORCHARD_PLOT_MARK_LINE;
}

static void
orchard_curve_plot_normalize (OrchardPlot *plot)
{
  OrchardCurvePlot *self = ORCHARD_CURVE_PLOT (plot);
  OrchardPlotAxis *x_axis = orchard_plot_get_x_axis (plot);
  OrchardPlotAxis *y_axis = orchard_plot_get_y_axis (plot);

  for (guint s = 0; s < self->series->len; s++)
    {
      CurveSeries *series = g_ptr_array_index (self->series, s);

      for (guint i = 0; i < series->x->len; i++)
        {
          AT (series->fx, i) = orchard_plot_axis_map (x_axis, AT (series->x, i));
          AT (series->fy, i) = orchard_plot_axis_map (y_axis, AT (series->y, i));
        }
    }
}

static void
draw_reference (OrchardCurvePlot   *self,
                OrchardPlotPainter *painter)
{
  cairo_t *cr = orchard_plot_painter_get_cairo (painter);
  OrchardPlotAxis *y_axis = orchard_plot_get_y_axis (ORCHARD_PLOT (self));
  OrchardPlotAxis *x_axis = orchard_plot_get_x_axis (ORCHARD_PLOT (self));
  static const double dash[] = { 5.0, 4.0 };
  GdkRGBA dim;

  orchard_plot_painter_get_color (painter, ORCHARD_PLOT_COLOR_DIM, &dim);

  cairo_save (cr);
  cairo_set_line_width (cr, 1.0);
  cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);

  if (has_diagonal (self->kind))
    {
      cairo_move_to (cr, orchard_plot_painter_to_x (painter, orchard_plot_axis_map (x_axis, 0)),
                     orchard_plot_painter_to_y (painter, orchard_plot_axis_map (y_axis, 0)));
      cairo_line_to (cr, orchard_plot_painter_to_x (painter, orchard_plot_axis_map (x_axis, 1)),
                     orchard_plot_painter_to_y (painter, orchard_plot_axis_map (y_axis, 1)));
    }
  else if (isfinite (self->baseline))
    {
      double y = orchard_plot_painter_snap_line (painter,
                                                 orchard_plot_painter_to_y (painter,
                                                                            orchard_plot_axis_map (y_axis, self->baseline)),
                                                 1.0);

      cairo_move_to (cr, orchard_plot_painter_to_x (painter, 0), y);
      cairo_line_to (cr, orchard_plot_painter_to_x (painter, 1), y);
    }

  orchard_plot_painter_set_source (painter, &dim, 1.0);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
orchard_curve_plot_draw_series (OrchardPlot        *plot,
                                OrchardPlotPainter *painter)
{
  OrchardCurvePlot *self = ORCHARD_CURVE_PLOT (plot);
  OrchardPlotAxis *x_axis = orchard_plot_get_x_axis (plot);
  OrchardPlotAxis *y_axis = orchard_plot_get_y_axis (plot);
  cairo_t *cr = orchard_plot_painter_get_cairo (painter);
  gboolean points = self->kind == ORCHARD_CURVE_PLOT_CALIBRATION;
  GdkRGBA color, background;

  draw_reference (self, painter);

  orchard_plot_painter_get_color (painter, ORCHARD_PLOT_COLOR_BACKGROUND, &background);
  cairo_set_line_width (cr, LINE_WIDTH);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);

  for (guint s = 0; s < self->series->len; s++)
    {
      CurveSeries *series = g_ptr_array_index (self->series, s);
      gboolean pen_down = FALSE;

      orchard_plot_painter_get_series_color (painter, s, &color);

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
        }

      gdk_cairo_set_source_rgba (cr, &color);
      cairo_stroke (cr);

      /* A calibration curve has few points, each a bin: show them. */
      if (points)
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

      /* The operating point at the chosen threshold: a solid dot in a
       * ring of background, visible over any curve. */
      if (isfinite (series->marker_x) && isfinite (series->marker_y))
        {
          double x = orchard_plot_painter_to_x (painter, orchard_plot_axis_map (x_axis, series->marker_x));
          double y = orchard_plot_painter_to_y (painter, orchard_plot_axis_map (y_axis, series->marker_y));

          cairo_new_sub_path (cr);
          cairo_arc (cr, x, y, MARKER_RADIUS + 2, 0, 2 * G_PI);
          gdk_cairo_set_source_rgba (cr, &background);
          cairo_fill (cr);
          cairo_new_sub_path (cr);
          cairo_arc (cr, x, y, MARKER_RADIUS, 0, 2 * G_PI);
          gdk_cairo_set_source_rgba (cr, &color);
          cairo_fill (cr);
        }
    }
}

static gboolean
orchard_curve_plot_get_item (OrchardPlot    *plot,
                             guint           series_index,
                             guint           index,
                             OrchardPlotHit *hit)
{
  CurveSeries *series = g_ptr_array_index (ORCHARD_CURVE_PLOT (plot)->series, series_index);
  double fx = AT (series->fx, index);
  double fy = AT (series->fy, index);

  if (!isfinite (fx) || !isfinite (fy) || fx < -1e-9 || fx > 1 + 1e-9 || fy < -1e-9 || fy > 1 + 1e-9)
    return FALSE;

  hit->flags = ORCHARD_PLOT_HIT_POINT;
  hit->x = fx;
  hit->y = fy;

  return TRUE;
}

static char *
orchard_curve_plot_describe_item (OrchardPlot *plot,
                                  guint        series_index,
                                  guint        index)
{
  CurveSeries *series = g_ptr_array_index (ORCHARD_CURVE_PLOT (plot)->series, series_index);
  OrchardPlotAxis *x_axis = orchard_plot_get_x_axis (plot);
  OrchardPlotAxis *y_axis = orchard_plot_get_y_axis (plot);
  g_autofree char *x = orchard_plot_format_value (AT (series->x, index));
  g_autofree char *y = orchard_plot_format_value (AT (series->y, index));

  /* Translators: a curve's name, then a point's coordinates with the axis names */
  return g_strdup_printf (_("%s\n%s: %s\n%s: %s"), series->legend,
                          orchard_plot_axis_get_title (x_axis), x,
                          orchard_plot_axis_get_title (y_axis), y);
}

static char *
orchard_curve_plot_describe (OrchardPlot *plot)
{
  OrchardCurvePlot *self = ORCHARD_CURVE_PLOT (plot);
  g_autoptr(GString) text = g_string_new (NULL);
  const char *summary = summary_name (self->kind);

  switch (self->kind)
    {
    case ORCHARD_CURVE_PLOT_ROC:
      g_string_append (text, _("ROC curves"));
      break;
    case ORCHARD_CURVE_PLOT_PRECISION_RECALL:
      g_string_append (text, _("Precision-recall curves"));
      break;
    case ORCHARD_CURVE_PLOT_CALIBRATION:
      g_string_append (text, _("Calibration curves"));
      break;
    case ORCHARD_CURVE_PLOT_GAINS:
    default:
      g_string_append (text, _("Cumulative gains curves"));
      break;
    }

  if (self->series->len == 0)
    {
      g_string_append_c (text, ' ');
      g_string_append (text, _("with no data"));
    }

  for (guint s = 0; s < self->series->len; s++)
    {
      CurveSeries *series = g_ptr_array_index (self->series, s);

      g_string_append (text, s == 0 ? ": " : "; ");
      g_string_append (text, series->name != NULL ? series->name : "");
      if (summary != NULL && isfinite (series->summary))
        {
          g_autofree char *value = g_strdup_printf ("%.3f", series->summary);

          /* Translators: a curve's summary in the plot's description, e.g. "AUC 0.953" */
          g_string_append_printf (text, _(", %s %s"), summary, value);
        }
      g_string_append_printf (text,
                              g_dngettext (GETTEXT_PACKAGE, ", %u point", ", %u points", series->x->len),
                              series->x->len);
    }

  if (!has_diagonal (self->kind) && isfinite (self->baseline))
    {
      g_autofree char *value = g_strdup_printf ("%.3f", self->baseline);

      /* Translators: the precision of a random classifier, the share of positives */
      g_string_append_printf (text, _("; chance level %s"), value);
    }

  g_string_append_c (text, '.');

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
set_axes (OrchardCurvePlot *self)
{
  OrchardPlot *plot = ORCHARD_PLOT (self);
  g_autoptr(OrchardPlotAxis) x_axis = orchard_plot_axis_new (ORCHARD_PLOT_AXIS_LINEAR);
  g_autoptr(OrchardPlotAxis) y_axis = orchard_plot_axis_new (ORCHARD_PLOT_AXIS_LINEAR);
  const char *x_title, *y_title;

  switch (self->kind)
    {
    case ORCHARD_CURVE_PLOT_ROC:
      x_title = _("False positive rate");
      y_title = _("True positive rate");
      break;
    case ORCHARD_CURVE_PLOT_PRECISION_RECALL:
      x_title = _("Recall");
      y_title = _("Precision");
      break;
    case ORCHARD_CURVE_PLOT_CALIBRATION:
      x_title = _("Mean predicted probability");
      y_title = _("Fraction of positives");
      break;
    case ORCHARD_CURVE_PLOT_GAINS:
    default:
      x_title = _("Share of rows, best scores first");
      y_title = _("Share of positives found");
      break;
    }

  orchard_plot_axis_set_title (x_axis, x_title);
  orchard_plot_axis_set_title (y_axis, y_title);
  orchard_plot_axis_set_range (x_axis, 0, 1);
  orchard_plot_axis_set_range (y_axis, 0, 1.0);
  orchard_plot_set_x_axis (plot, x_axis);
  orchard_plot_set_y_axis (plot, y_axis);
}

static void
orchard_curve_plot_constructed (GObject *object)
{
  OrchardCurvePlot *self = ORCHARD_CURVE_PLOT (object);

  G_OBJECT_CLASS (orchard_curve_plot_parent_class)->constructed (object);

  set_axes (self);
}

static void
orchard_curve_plot_finalize (GObject *object)
{
  OrchardCurvePlot *self = (OrchardCurvePlot *)object;

  g_clear_pointer (&self->series, g_ptr_array_unref);

  G_OBJECT_CLASS (orchard_curve_plot_parent_class)->finalize (object);
}

static void
orchard_curve_plot_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  OrchardCurvePlot *self = ORCHARD_CURVE_PLOT (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
orchard_curve_plot_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  OrchardCurvePlot *self = ORCHARD_CURVE_PLOT (object);

  switch (prop_id)
    {
    case PROP_KIND:
      self->kind = g_value_get_enum (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
orchard_curve_plot_class_init (OrchardCurvePlotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  OrchardPlotClass *plot_class = ORCHARD_PLOT_CLASS (klass);

  object_class->constructed = orchard_curve_plot_constructed;
  object_class->finalize = orchard_curve_plot_finalize;
  object_class->get_property = orchard_curve_plot_get_property;
  object_class->set_property = orchard_curve_plot_set_property;

  plot_class->normalize = orchard_curve_plot_normalize;
  plot_class->draw_series = orchard_curve_plot_draw_series;
  plot_class->get_n_series = orchard_curve_plot_real_get_n_series;
  plot_class->get_series_name = orchard_curve_plot_real_get_series_name;
  plot_class->get_series_mark = orchard_curve_plot_get_series_mark;
  plot_class->get_n_items = orchard_curve_plot_real_get_n_items;
  plot_class->get_item = orchard_curve_plot_get_item;
  plot_class->describe_item = orchard_curve_plot_describe_item;
  plot_class->describe = orchard_curve_plot_describe;

  /**
   * OrchardCurvePlot:kind:
   *
   * Which curves the plot shows.
   */
  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL,
                       ORCHARD_TYPE_CURVE_PLOT_KIND, ORCHARD_CURVE_PLOT_ROC,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
orchard_curve_plot_init (OrchardCurvePlot *self)
{
  self->series = g_ptr_array_new_with_free_func (curve_series_free);
  self->baseline = NAN;
}

/**
 * orchard_curve_plot_new:
 * @kind: the curves to show
 *
 * Returns: (transfer floating): a new curve plot
 */
GtkWidget *
orchard_curve_plot_new (OrchardCurvePlotKind kind)
{
  return g_object_new (ORCHARD_TYPE_CURVE_PLOT, "kind", kind, NULL);
}

OrchardCurvePlotKind
orchard_curve_plot_get_kind (OrchardCurvePlot *self)
{
  g_return_val_if_fail (ORCHARD_IS_CURVE_PLOT (self), ORCHARD_CURVE_PLOT_ROC);

  return self->kind;
}

/**
 * orchard_curve_plot_add_series:
 * @self: a curve plot
 * @name: the model's name, for the legend
 * @x: (array length=n_points): the x of each point
 * @y: (array length=n_points): the y of each point
 * @n_points: the number of points
 * @summary: the curve's AUC, average precision or ECE (by the plot's
 *   kind), shown in the legend; NaN for none
 *
 * Adds the curve of one model; the data is copied.
 *
 * Returns: the index of the new series
 */
guint
orchard_curve_plot_add_series (OrchardCurvePlot *self,
                               const char       *name,
                               const double     *x,
                               const double     *y,
                               guint             n_points,
                               double            summary)
{
  CurveSeries *series;
  const char *what;

  g_return_val_if_fail (ORCHARD_IS_CURVE_PLOT (self), 0);
  g_return_val_if_fail (n_points == 0 || (x != NULL && y != NULL), 0);

  series = g_new0 (CurveSeries, 1);
  series->name = g_strdup (name);
  series->summary = summary;
  series->marker_x = series->marker_y = NAN;
  series->x = g_array_new (FALSE, FALSE, sizeof (double));
  series->y = g_array_new (FALSE, FALSE, sizeof (double));
  series->fx = g_array_new (FALSE, FALSE, sizeof (double));
  series->fy = g_array_new (FALSE, FALSE, sizeof (double));
  if (n_points > 0)
    {
      g_array_append_vals (series->x, x, n_points);
      g_array_append_vals (series->y, y, n_points);
    }
  g_array_set_size (series->fx, n_points);
  g_array_set_size (series->fy, n_points);

  what = summary_name (self->kind);
  if (what != NULL && isfinite (summary))
    /* Translators: a curve in the legend: a model's name and its summary, e.g. "Logistic (AUC 0.953)" */
    series->legend = g_strdup_printf (_("%s (%s %.3f)"), name != NULL ? name : "", what, summary);
  else
    series->legend = g_strdup (name);

  g_ptr_array_add (self->series, series);
  orchard_plot_data_changed (ORCHARD_PLOT (self));

  return self->series->len - 1;
}

/**
 * orchard_curve_plot_set_marker:
 * @self: a curve plot
 * @series: the index of a series
 * @x: the marker's x, NaN for none
 * @y: its y
 *
 * Marks one point of a curve, such as the operating point at the chosen
 * decision threshold.
 */
void
orchard_curve_plot_set_marker (OrchardCurvePlot *self,
                               guint             series,
                               double            x,
                               double            y)
{
  CurveSeries *s;

  g_return_if_fail (ORCHARD_IS_CURVE_PLOT (self));
  g_return_if_fail (series < self->series->len);

  s = g_ptr_array_index (self->series, series);
  s->marker_x = x;
  s->marker_y = y;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * orchard_curve_plot_set_baseline:
 * @self: a curve plot
 * @baseline: the precision of chance, the share of positives; NaN for none
 *
 * Sets the chance line of a precision-recall plot.
 */
void
orchard_curve_plot_set_baseline (OrchardCurvePlot *self,
                                 double            baseline)
{
  g_return_if_fail (ORCHARD_IS_CURVE_PLOT (self));

  self->baseline = baseline;
  orchard_plot_data_changed (ORCHARD_PLOT (self));
}

/**
 * orchard_curve_plot_clear:
 * @self: a curve plot
 *
 * Removes every curve and the chance line of a precision-recall plot.
 */
void
orchard_curve_plot_clear (OrchardCurvePlot *self)
{
  g_return_if_fail (ORCHARD_IS_CURVE_PLOT (self));

  g_ptr_array_set_size (self->series, 0);
  self->baseline = NAN;
  orchard_plot_data_changed (ORCHARD_PLOT (self));
}

guint
orchard_curve_plot_get_n_series (OrchardCurvePlot *self)
{
  g_return_val_if_fail (ORCHARD_IS_CURVE_PLOT (self), 0);

  return self->series->len;
}

guint
orchard_curve_plot_get_n_points (OrchardCurvePlot *self,
                                 guint             series)
{
  g_return_val_if_fail (ORCHARD_IS_CURVE_PLOT (self), 0);
  g_return_val_if_fail (series < self->series->len, 0);

  return ((CurveSeries *) g_ptr_array_index (self->series, series))->x->len;
}

/**
 * orchard_curve_plot_get_series_name:
 *
 * Returns: the name of a series as the legend shows it, with its summary
 */
const char *
orchard_curve_plot_get_series_name (OrchardCurvePlot *self,
                                    guint             series)
{
  g_return_val_if_fail (ORCHARD_IS_CURVE_PLOT (self), NULL);
  g_return_val_if_fail (series < self->series->len, NULL);

  return ((CurveSeries *) g_ptr_array_index (self->series, series))->legend;
}

double
orchard_curve_plot_get_summary (OrchardCurvePlot *self,
                                guint             series)
{
  g_return_val_if_fail (ORCHARD_IS_CURVE_PLOT (self), NAN);
  g_return_val_if_fail (series < self->series->len, NAN);

  return ((CurveSeries *) g_ptr_array_index (self->series, series))->summary;
}
