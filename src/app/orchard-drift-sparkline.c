/* orchard-drift-sparkline.c
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The current batch as bars of the accent colour, the reference as a step
 * line over them, both as shares of their own totals: the shape of a
 * shift at a glance. The full plot is one click away, so no axes.
 */
#include "config.h"

#include <math.h>

#include "orchard-drift-sparkline.h"

#define WIDTH  72
#define HEIGHT 28

struct _OrchardDriftSparkline
{
  GtkWidget  parent_instance;

  double    *reference;  /* shares */
  double    *current;
  guint      n_bins;
  double     top;
};

G_DEFINE_FINAL_TYPE (OrchardDriftSparkline, orchard_drift_sparkline, GTK_TYPE_WIDGET)

static void
orchard_drift_sparkline_measure (GtkWidget      *widget,
                                 GtkOrientation  orientation,
                                 int             for_size,
                                 int            *minimum,
                                 int            *natural,
                                 int            *minimum_baseline,
                                 int            *natural_baseline)
{
  *minimum = *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? WIDTH : HEIGHT;
}

static void
orchard_drift_sparkline_snapshot (GtkWidget   *widget,
                                  GtkSnapshot *snapshot)
{
  OrchardDriftSparkline *self = ORCHARD_DRIFT_SPARKLINE (widget);
  GtkStyleContext *style = gtk_widget_get_style_context (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  double bin;
  GdkRGBA fg, accent;
  cairo_t *cr;

  if (self->n_bins == 0 || !(self->top > 0))
    return;

  gtk_style_context_get_color (style, &fg);
  if (!gtk_style_context_lookup_color (style, "accent_color", &accent))
    accent = fg;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  bin = width / self->n_bins;

  for (guint i = 0; i < self->n_bins; i++)
    {
      double h = (height - 2) * self->current[i] / self->top;
      double x0 = floor (i * bin) + (bin >= 4 ? 1 : 0);
      double x1 = floor ((i + 1) * bin);

      if (h > 0 && x1 > x0)
        cairo_rectangle (cr, x0, height - h, x1 - x0, h);
    }
  cairo_set_source_rgba (cr, accent.red, accent.green, accent.blue, 0.75);
  cairo_fill (cr);

  for (guint i = 0; i < self->n_bins; i++)
    {
      double y = height - 1 - (height - 2) * self->reference[i] / self->top;

      if (i == 0)
        cairo_move_to (cr, 0, y);
      else
        cairo_line_to (cr, i * bin, y);
      cairo_line_to (cr, (i + 1) * bin, y);
    }
  cairo_set_line_width (cr, 1.5);
  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.8);
  cairo_stroke (cr);
  cairo_destroy (cr);
}

static void
orchard_drift_sparkline_finalize (GObject *object)
{
  OrchardDriftSparkline *self = ORCHARD_DRIFT_SPARKLINE (object);

  g_clear_pointer (&self->reference, g_free);
  g_clear_pointer (&self->current, g_free);

  G_OBJECT_CLASS (orchard_drift_sparkline_parent_class)->finalize (object);
}

static void
orchard_drift_sparkline_class_init (OrchardDriftSparklineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = orchard_drift_sparkline_finalize;
  widget_class->measure = orchard_drift_sparkline_measure;
  widget_class->snapshot = orchard_drift_sparkline_snapshot;
  gtk_widget_class_set_css_name (widget_class, "sparkline");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
orchard_drift_sparkline_init (OrchardDriftSparkline *self)
{
}

GtkWidget *
orchard_drift_sparkline_new (void)
{
  return g_object_new (ORCHARD_TYPE_DRIFT_SPARKLINE, NULL);
}

static double *
to_shares (const gsize *counts,
           guint        n_bins,
           double      *top)
{
  double *shares = g_new0 (double, MAX (n_bins, 1));
  double total = 0;

  for (guint i = 0; i < n_bins; i++)
    total += counts[i];
  for (guint i = 0; total > 0 && i < n_bins; i++)
    {
      shares[i] = counts[i] / total;
      *top = MAX (*top, shares[i]);
    }

  return shares;
}

/**
 * orchard_drift_sparkline_set_counts:
 * @self: a sparkline
 * @reference: (array length=n_bins): reference values per bin
 * @current: (array length=n_bins): current values per bin
 * @n_bins: how many bins; 0 to draw nothing
 */
void
orchard_drift_sparkline_set_counts (OrchardDriftSparkline *self,
                                    const gsize           *reference,
                                    const gsize           *current,
                                    guint                  n_bins)
{
  g_return_if_fail (ORCHARD_IS_DRIFT_SPARKLINE (self));
  g_return_if_fail (n_bins == 0 || (reference != NULL && current != NULL));

  g_clear_pointer (&self->reference, g_free);
  g_clear_pointer (&self->current, g_free);
  self->top = 0;
  self->n_bins = n_bins;
  if (n_bins > 0)
    {
      self->reference = to_shares (reference, n_bins, &self->top);
      self->current = to_shares (current, n_bins, &self->top);
    }

  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
orchard_drift_sparkline_get_n_bins (OrchardDriftSparkline *self)
{
  g_return_val_if_fail (ORCHARD_IS_DRIFT_SPARKLINE (self), 0);

  return self->n_bins;
}
