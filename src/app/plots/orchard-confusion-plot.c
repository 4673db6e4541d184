/* orchard-confusion-plot.c
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Rows are the actual classes (top to bottom), columns the predicted ones.
 * A cell's shade is its share of its row, so that a rare class's errors
 * show as clearly as a common one's; the cell says both the count and the
 * share. Text on a cell is white where the shade is strong and the
 * foreground colour elsewhere, so it stays readable in dark mode too.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "orchard-confusion-plot.h"

#define MIN_ALPHA 0.06
#define MAX_ALPHA 0.95

struct _OrchardConfusionPlot
{
  OrchardPlot  parent_instance;

  GStrv        labels;
  double      *counts;     /* n × n, row = actual */
  double      *row_share;  /* n × n */
  guint        n;
};

G_DEFINE_FINAL_TYPE (OrchardConfusionPlot, orchard_confusion_plot, ORCHARD_TYPE_PLOT)

static guint
orchard_confusion_plot_real_get_n_series (OrchardPlot *plot)
{
  return ORCHARD_CONFUSION_PLOT (plot)->n > 0 ? 1 : 0;
}

static guint
orchard_confusion_plot_real_get_n_items (OrchardPlot *plot,
                                         guint        series)
{
  OrchardConfusionPlot *self = ORCHARD_CONFUSION_PLOT (plot);

  return self->n * self->n;
}

static const char *
orchard_confusion_plot_get_series_name (OrchardPlot *plot,
                                        guint        series)
{
  return _("Rows");
}

static OrchardPlotMark
orchard_confusion_plot_get_series_mark (OrchardPlot *plot,
                                        guint        series)
{
  return ORCHARD_PLOT_MARK_BOX;
}

/* The cell of @index in the data area's 0..1 coordinates. */
static void
cell_rect (OrchardConfusionPlot *self,
           guint                 index,
           double               *x0,
           double               *x1,
           double               *y0,
           double               *y1)
{
  OrchardPlotAxis *x_axis = orchard_plot_get_x_axis (ORCHARD_PLOT (self));
  OrchardPlotAxis *y_axis = orchard_plot_get_y_axis (ORCHARD_PLOT (self));
  guint actual = index / self->n;
  guint predicted = index % self->n;
  double cx = orchard_plot_axis_map (x_axis, predicted);
  double cy = orchard_plot_axis_map (y_axis, actual);
  double w = orchard_plot_axis_get_band_width (x_axis) / 2.0;
  double h = orchard_plot_axis_get_band_width (y_axis) / 2.0;

  *x0 = cx - w;
  *x1 = cx + w;
  *y0 = cy - h;
  *y1 = cy + h;
}

static void
orchard_confusion_plot_draw_series (OrchardPlot        *plot,
                                    OrchardPlotPainter *painter)
{
  OrchardConfusionPlot *self = ORCHARD_CONFUSION_PLOT (plot);
  GdkRGBA accent, foreground, white;

  orchard_plot_painter_get_color (painter, ORCHARD_PLOT_COLOR_ACCENT, &accent);
  orchard_plot_painter_get_color (painter, ORCHARD_PLOT_COLOR_FOREGROUND, &foreground);
  gdk_rgba_parse (&white, "#ffffff");

  for (guint i = 0; i < self->n * self->n; i++)
    {
      double share = self->row_share[i];
      double alpha = isfinite (share) ? MIN_ALPHA + (MAX_ALPHA - MIN_ALPHA) * share : 0;
      double fx0, fx1, fy0, fy1, x0, x1, y0, y1;
      cairo_t *cr;
      g_autofree char *count = NULL;
      g_autofree char *text = NULL;
      g_autoptr(PangoLayout) layout = NULL;
      int w, h;

      cell_rect (self, i, &fx0, &fx1, &fy0, &fy1);
      x0 = orchard_plot_painter_snap_edge (painter, orchard_plot_painter_to_x (painter, fx0)) + 1;
      x1 = orchard_plot_painter_snap_edge (painter, orchard_plot_painter_to_x (painter, fx1)) - 1;
      y0 = orchard_plot_painter_snap_edge (painter, orchard_plot_painter_to_y (painter, fy1)) + 1;
      y1 = orchard_plot_painter_snap_edge (painter, orchard_plot_painter_to_y (painter, fy0)) - 1;

      /* Drawing a layout ends the painter's cairo node on screen: fetch
       * the current one for every cell. */
      cr = orchard_plot_painter_get_cairo (painter);
      cairo_rectangle (cr, x0, y0, x1 - x0, y1 - y0);
      orchard_plot_painter_set_source (painter, &accent, alpha);
      cairo_fill (cr);

      count = g_strdup_printf ("%.0f", self->counts[i]);
      if (isfinite (share))
        text = g_strdup_printf ("%s\n%.1f %%", count, 100.0 * share);
      else
        text = g_strdup (count);
      layout = orchard_plot_painter_create_layout (painter, ORCHARD_PLOT_TEXT_VALUE, text);
      pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
      pango_layout_get_pixel_size (layout, &w, &h);
      if (w > x1 - x0 || h > y1 - y0)
        {
          /* No room for both: the count alone, if it fits. */
          g_clear_object (&layout);
          layout = orchard_plot_painter_create_layout (painter, ORCHARD_PLOT_TEXT_VALUE, count);
          pango_layout_get_pixel_size (layout, &w, &h);
          if (w > x1 - x0 || h > y1 - y0)
            continue;
        }

      orchard_plot_painter_draw_layout (painter, layout, round ((x0 + x1 - w) / 2.0),
                                        round ((y0 + y1 - h) / 2.0),
                                        alpha > 0.5 ? &white : &foreground);
    }
}

static gboolean
orchard_confusion_plot_get_item (OrchardPlot    *plot,
                                 guint           series,
                                 guint           index,
                                 OrchardPlotHit *hit)
{
  OrchardConfusionPlot *self = ORCHARD_CONFUSION_PLOT (plot);

  cell_rect (self, index, &hit->x0, &hit->x1, &hit->y0, &hit->y1);
  hit->flags = ORCHARD_PLOT_HIT_BAND;
  hit->x = (hit->x0 + hit->x1) / 2.0;
  hit->y = (hit->y0 + hit->y1) / 2.0;

  return TRUE;
}

static gboolean
orchard_confusion_plot_nearest (OrchardPlot           *plot,
                                const graphene_rect_t *area,
                                double                 x,
                                double                 y,
                                OrchardPlotHit        *hit)
{
  OrchardConfusionPlot *self = ORCHARD_CONFUSION_PLOT (plot);
  double fx = (x - area->origin.x) / area->size.width;
  double fy = 1.0 - (y - area->origin.y) / area->size.height;

  /* The cell under the pointer, if any. */
  for (guint i = 0; i < self->n * self->n; i++)
    {
      double x0, x1, y0, y1;

      cell_rect (self, i, &x0, &x1, &y0, &y1);
      if (fx >= x0 && fx <= x1 && fy >= y0 && fy <= y1)
        {
          hit->series = 0;
          hit->index = i;
          return orchard_confusion_plot_get_item (plot, 0, i, hit);
        }
    }

  return FALSE;
}

static char *
orchard_confusion_plot_describe_item (OrchardPlot *plot,
                                      guint        series,
                                      guint        index)
{
  OrchardConfusionPlot *self = ORCHARD_CONFUSION_PLOT (plot);
  guint actual = index / self->n;
  guint predicted = index % self->n;

  /* Translators: a cell of a confusion matrix: the actual class, the
   * predicted class, the count and its share of the actual class's rows */
  return g_strdup_printf (_("Actual: %s\nPredicted: %s\n%.0f rows, %.1f %% of the row"),
                          self->labels[actual], self->labels[predicted],
                          self->counts[index], 100.0 * self->row_share[index]);
}

static char *
orchard_confusion_plot_describe (OrchardPlot *plot)
{
  OrchardConfusionPlot *self = ORCHARD_CONFUSION_PLOT (plot);
  g_autoptr(GString) text = g_string_new (NULL);
  double correct = 0, total = 0;

  if (self->n == 0)
    return g_strdup (_("Confusion matrix with no data"));

  for (guint i = 0; i < self->n * self->n; i++)
    {
      total += self->counts[i];
      if (i / self->n == i % self->n)
        correct += self->counts[i];
    }

  g_string_append_printf (text,
                          g_dngettext (GETTEXT_PACKAGE, "Confusion matrix of %u class",
                                       "Confusion matrix of %u classes", self->n),
                          self->n);
  /* Translators: how many of the rows the model classified right */
  g_string_append_printf (text, _(", %.0f of %.0f rows correct"), correct, total);

  for (guint a = 0; a < self->n; a++)
    {
      g_string_append (text, "; ");
      /* Translators: one row of a confusion matrix in its description, e.g. "actual Adelie:" */
      g_string_append_printf (text, _("actual %s:"), self->labels[a]);
      for (guint p = 0; p < self->n; p++)
        {
          guint i = a * self->n + p;

          /* Translators: one cell in a confusion matrix's description, e.g. " predicted Gentoo 3 (2.1 %)" */
          g_string_append_printf (text, _(" predicted %s %.0f (%.1f %%)"), self->labels[p],
                                  self->counts[i], 100.0 * self->row_share[i]);
          if (p + 1 < self->n)
            g_string_append_c (text, ',');
        }
    }
  g_string_append_c (text, '.');

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
orchard_confusion_plot_finalize (GObject *object)
{
  OrchardConfusionPlot *self = (OrchardConfusionPlot *)object;

  g_clear_pointer (&self->labels, g_strfreev);
  g_clear_pointer (&self->counts, g_free);
  g_clear_pointer (&self->row_share, g_free);

  G_OBJECT_CLASS (orchard_confusion_plot_parent_class)->finalize (object);
}

static void
orchard_confusion_plot_class_init (OrchardConfusionPlotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  OrchardPlotClass *plot_class = ORCHARD_PLOT_CLASS (klass);

  object_class->finalize = orchard_confusion_plot_finalize;

  plot_class->draw_series = orchard_confusion_plot_draw_series;
  plot_class->get_n_series = orchard_confusion_plot_real_get_n_series;
  plot_class->get_series_name = orchard_confusion_plot_get_series_name;
  plot_class->get_series_mark = orchard_confusion_plot_get_series_mark;
  plot_class->get_n_items = orchard_confusion_plot_real_get_n_items;
  plot_class->get_item = orchard_confusion_plot_get_item;
  plot_class->nearest = orchard_confusion_plot_nearest;
  plot_class->describe_item = orchard_confusion_plot_describe_item;
  plot_class->describe = orchard_confusion_plot_describe;
}

static void
orchard_confusion_plot_init (OrchardConfusionPlot *self)
{
  OrchardPlot *plot = ORCHARD_PLOT (self);
  g_autoptr(OrchardPlotAxis) x_axis = orchard_plot_axis_new (ORCHARD_PLOT_AXIS_BAND);
  g_autoptr(OrchardPlotAxis) y_axis = orchard_plot_axis_new (ORCHARD_PLOT_AXIS_BAND);

  self->labels = g_new0 (char *, 1);
  orchard_plot_axis_set_title (x_axis, _("Predicted class"));
  orchard_plot_axis_set_title (y_axis, _("Actual class"));
  orchard_plot_axis_set_padding (x_axis, 0);
  orchard_plot_axis_set_padding (y_axis, 0);
  /* The first class on top, as a matrix reads. */
  orchard_plot_axis_set_reversed (y_axis, TRUE);
  orchard_plot_set_x_axis (plot, x_axis);
  orchard_plot_set_y_axis (plot, y_axis);
  orchard_plot_set_show_legend (plot, FALSE);
  orchard_plot_set_show_grid (plot, FALSE);
}

GtkWidget *
orchard_confusion_plot_new (void)
{
  return g_object_new (ORCHARD_TYPE_CONFUSION_PLOT, NULL);
}

/**
 * orchard_confusion_plot_set_matrix:
 * @self: a confusion plot
 * @labels: (array length=n_classes): the class labels
 * @counts: (array length=n_classes): row-major n × n counts (or weights),
 *   rows the actual class, columns the predicted one
 * @n_classes: the number of classes, 0 to clear
 *
 * Shows a confusion matrix; the data is copied.
 */
void
orchard_confusion_plot_set_matrix (OrchardConfusionPlot *self,
                                   const char * const   *labels,
                                   const double         *counts,
                                   guint                 n_classes)
{
  g_return_if_fail (ORCHARD_IS_CONFUSION_PLOT (self));
  g_return_if_fail (n_classes == 0 || (labels != NULL && counts != NULL));

  g_clear_pointer (&self->labels, g_strfreev);
  g_clear_pointer (&self->counts, g_free);
  g_clear_pointer (&self->row_share, g_free);

  self->n = n_classes;
  self->labels = g_new0 (char *, n_classes + 1);
  self->counts = g_new0 (double, MAX (n_classes * n_classes, 1));
  self->row_share = g_new0 (double, MAX (n_classes * n_classes, 1));

  for (guint a = 0; a < n_classes; a++)
    {
      double row = 0;

      self->labels[a] = g_strdup (labels[a]);
      for (guint p = 0; p < n_classes; p++)
        row += counts[a * n_classes + p];
      for (guint p = 0; p < n_classes; p++)
        {
          guint i = a * n_classes + p;

          self->counts[i] = counts[i];
          self->row_share[i] = row > 0 ? counts[i] / row : NAN;
        }
    }

  orchard_plot_axis_set_categories (orchard_plot_get_x_axis (ORCHARD_PLOT (self)),
                                    (const char * const *) self->labels);
  orchard_plot_axis_set_categories (orchard_plot_get_y_axis (ORCHARD_PLOT (self)),
                                    (const char * const *) self->labels);
  orchard_plot_data_changed (ORCHARD_PLOT (self));
}

guint
orchard_confusion_plot_get_n_classes (OrchardConfusionPlot *self)
{
  g_return_val_if_fail (ORCHARD_IS_CONFUSION_PLOT (self), 0);

  return self->n;
}

double
orchard_confusion_plot_get_count (OrchardConfusionPlot *self,
                                  guint                 actual,
                                  guint                 predicted)
{
  g_return_val_if_fail (ORCHARD_IS_CONFUSION_PLOT (self), NAN);
  g_return_val_if_fail (actual < self->n && predicted < self->n, NAN);

  return self->counts[actual * self->n + predicted];
}

double
orchard_confusion_plot_get_row_share (OrchardConfusionPlot *self,
                                      guint                 actual,
                                      guint                 predicted)
{
  g_return_val_if_fail (ORCHARD_IS_CONFUSION_PLOT (self), NAN);
  g_return_val_if_fail (actual < self->n && predicted < self->n, NAN);

  return self->row_share[actual * self->n + predicted];
}
