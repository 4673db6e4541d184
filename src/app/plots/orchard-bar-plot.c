/* orchard-bar-plot.c
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "orchard-bar-plot.h"
#include "orchard-plot-enums.h"

#define VALUE_GAP     4.0
#define MAX_THICKNESS 40.0  /* pixels */

struct _OrchardBarPlot
{
  OrchardPlot         parent_instance;

  /* as given */
  GPtrArray          *labels;
  GArray             *values;
  double              total;

  /* as shown: sorted, the tail folded into "Other" past max_bars */
  GPtrArray          *bar_labels;
  GArray             *bar_values;
  guint               n_folded;

  /* normalised: bar i is centred at pos[i] along the category axis and
   * runs from base to end[i] along the value axis */
  double             *pos;
  double             *end;
  double              base;
  double              band;
  double              thickness;

  OrchardPlotAxis    *category_axis;
  OrchardPlotAxis    *value_axis;

  GtkOrientation      orientation;
  OrchardBarPlotSort  sort;
  guint               max_bars;
  gboolean            show_values;
};

static void orchard_bar_plot_apply_orientation (OrchardBarPlot *self);

G_DEFINE_FINAL_TYPE_WITH_CODE (OrchardBarPlot, orchard_bar_plot, ORCHARD_TYPE_PLOT,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_ORIENTABLE, NULL))

enum {
  PROP_0,
  PROP_SORT,
  PROP_MAX_BARS,
  PROP_SHOW_VALUES,
  N_PROPS,

  PROP_ORIENTATION = N_PROPS,
};

static GParamSpec *properties[N_PROPS];

static double
value_at (GArray *values,
          guint   i)
{
  return g_array_index (values, double, i);
}

static int
compare_bars (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  OrchardBarPlot *self = user_data;
  guint ia = *(const guint *) a;
  guint ib = *(const guint *) b;
  double va = value_at (self->values, ia);
  double vb = value_at (self->values, ib);

  /* Missing values go last whatever the order; ties keep the given order. */
  if (isnan (va) != isnan (vb))
    return isnan (va) ? 1 : -1;

  if (!isnan (va) && va != vb)
    {
      if (self->sort == ORCHARD_BAR_PLOT_SORT_DESCENDING)
        return va > vb ? -1 : 1;
      else
        return va < vb ? -1 : 1;
    }

  return ia < ib ? -1 : ia > ib ? 1 : 0;
}

static void
orchard_bar_plot_rebuild (OrchardBarPlot *self)
{
  g_autoptr(GArray) order = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GPtrArray) categories = g_ptr_array_new ();
  guint n = self->values->len;
  guint n_shown = n;

  for (guint i = 0; i < n; i++)
    g_array_append_val (order, i);

  if (self->sort != ORCHARD_BAR_PLOT_SORT_NONE)
    g_array_sort_with_data (order, compare_bars, self);

  g_ptr_array_set_size (self->bar_labels, 0);
  g_array_set_size (self->bar_values, 0);
  self->n_folded = 0;

  if (self->max_bars > 0 && n > self->max_bars)
    n_shown = MAX (self->max_bars, 2) - 1;

  for (guint i = 0; i < n_shown; i++)
    {
      guint k = g_array_index (order, guint, i);
      double value = value_at (self->values, k);

      g_ptr_array_add (self->bar_labels, g_strdup (self->labels->pdata[k]));
      g_array_append_val (self->bar_values, value);
    }

  if (n_shown < n)
    {
      double rest = 0;

      for (guint i = n_shown; i < n; i++)
        {
          double value = value_at (self->values, g_array_index (order, guint, i));

          if (isfinite (value))
            rest += value;
        }

      self->n_folded = n - n_shown;
      g_ptr_array_add (self->bar_labels,
                       /* Translators: the bar that sums up the categories not shown; %u is how many */
                       g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u other", "%u others", self->n_folded),
                                        self->n_folded));
      g_array_append_val (self->bar_values, rest);
    }

  g_clear_pointer (&self->pos, g_free);
  g_clear_pointer (&self->end, g_free);
  self->pos = g_new0 (double, self->bar_values->len);
  self->end = g_new0 (double, self->bar_values->len);

  for (guint i = 0; i < self->bar_labels->len; i++)
    g_ptr_array_add (categories, self->bar_labels->pdata[i]);
  g_ptr_array_add (categories, NULL);

  orchard_plot_axis_set_categories (self->category_axis, (const char * const *) categories->pdata);
  orchard_plot_data_changed (ORCHARD_PLOT (self));
}

static guint
orchard_bar_plot_get_n_series (OrchardPlot *plot)
{
  OrchardBarPlot *self = ORCHARD_BAR_PLOT (plot);

  return self->bar_values->len > 0 ? 1 : 0;
}

static guint
orchard_bar_plot_get_n_items (OrchardPlot *plot,
                              guint        series)
{
  OrchardBarPlot *self = ORCHARD_BAR_PLOT (plot);

  return self->bar_values->len;
}

static void
orchard_bar_plot_get_extent (OrchardPlot *plot,
                             double      *x_min,
                             double      *x_max,
                             double      *y_min,
                             double      *y_max)
{
  OrchardBarPlot *self = ORCHARD_BAR_PLOT (plot);
  double lo = NAN, hi = NAN;

  for (guint i = 0; i < self->bar_values->len; i++)
    {
      double value = value_at (self->bar_values, i);

      if (!isfinite (value))
        continue;
      if (isnan (lo) || value < lo)
        lo = value;
      if (isnan (hi) || value > hi)
        hi = value;
    }

  if (self->orientation == GTK_ORIENTATION_HORIZONTAL)
    *x_min = lo, *x_max = hi;
  else
    *y_min = lo, *y_max = hi;
}

static void
orchard_bar_plot_normalize (OrchardPlot *plot)
{
  OrchardBarPlot *self = ORCHARD_BAR_PLOT (plot);
  double lo, hi;

  orchard_plot_axis_get_range (self->value_axis, &lo, &hi);
  self->base = orchard_plot_axis_map (self->value_axis, CLAMP (0.0, lo, hi));
  self->thickness = orchard_plot_axis_get_band_width (self->category_axis);
  self->band = self->bar_values->len > 0 ? 1.0 / self->bar_values->len : 1.0;

  for (guint i = 0; i < self->bar_values->len; i++)
    {
      double value = value_at (self->bar_values, i);

      self->pos[i] = orchard_plot_axis_map (self->category_axis, i);
      self->end[i] = isfinite (value) ? orchard_plot_axis_map (self->value_axis, value) : self->base;
    }
}

/* A bar, its far end rounded: the end that shows the value. */
static void
bar_path (cairo_t *cr,
          double   x0,
          double   y0,
          double   x1,
          double   y1,
          double   radius,
          int      side) /* 0 right, 1 left, 2 top, 3 bottom */
{
  double r[4] = { 0, 0, 0, 0 }; /* top-left, top-right, bottom-right, bottom-left */

  radius = MIN (radius, MIN (x1 - x0, y1 - y0) / 2.0);
  radius = MAX (radius, 0);

  switch (side)
    {
    case 0: r[1] = r[2] = radius; break;
    case 1: r[0] = r[3] = radius; break;
    case 2: r[0] = r[1] = radius; break;
    case 3: r[2] = r[3] = radius; break;
    default: break;
    }

  cairo_new_sub_path (cr);
  cairo_arc (cr, x1 - r[1], y0 + r[1], r[1], -G_PI / 2, 0);
  cairo_arc (cr, x1 - r[2], y1 - r[2], r[2], 0, G_PI / 2);
  cairo_arc (cr, x0 + r[3], y1 - r[3], r[3], G_PI / 2, G_PI);
  cairo_arc (cr, x0 + r[0], y0 + r[0], r[0], G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

static void
bar_rect (OrchardBarPlot     *self,
          OrchardPlotPainter *painter,
          guint               i,
          double             *x0,
          double             *y0,
          double             *x1,
          double             *y1)
{
  const graphene_rect_t *area = orchard_plot_painter_get_area (painter);
  double span = self->orientation == GTK_ORIENTATION_HORIZONTAL ? area->size.height : area->size.width;
  /* Few bars in a big plot stay bars, not slabs. */
  double thickness = MIN (self->thickness, MAX_THICKNESS / MAX (span, 1));
  double c0 = self->pos[i] - thickness / 2.0;
  double c1 = self->pos[i] + thickness / 2.0;
  double v0 = MIN (self->base, self->end[i]);
  double v1 = MAX (self->base, self->end[i]);

  if (self->orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *x0 = orchard_plot_painter_to_x (painter, v0);
      *x1 = orchard_plot_painter_to_x (painter, v1);
      *y0 = orchard_plot_painter_to_y (painter, MAX (c0, c1));
      *y1 = orchard_plot_painter_to_y (painter, MIN (c0, c1));
    }
  else
    {
      *x0 = orchard_plot_painter_to_x (painter, c0);
      *x1 = orchard_plot_painter_to_x (painter, c1);
      *y0 = orchard_plot_painter_to_y (painter, v1);
      *y1 = orchard_plot_painter_to_y (painter, v0);
    }

  *x0 = orchard_plot_painter_snap_edge (painter, *x0);
  *x1 = orchard_plot_painter_snap_edge (painter, *x1);
  *y0 = orchard_plot_painter_snap_edge (painter, *y0);
  *y1 = orchard_plot_painter_snap_edge (painter, *y1);
}

static void
draw_value (OrchardBarPlot     *self,
            OrchardPlotPainter *painter,
            guint               i,
            double              x0,
            double              y0,
            double              x1,
            double              y1)
{
  const graphene_rect_t *area = orchard_plot_painter_get_area (painter);
  g_autofree char *text = orchard_plot_axis_format_value (self->value_axis, value_at (self->bar_values, i));
  g_autoptr(PangoLayout) layout = orchard_plot_painter_create_layout (painter, ORCHARD_PLOT_TEXT_VALUE, text);
  gboolean negative = self->end[i] < self->base;
  GdkRGBA outside, inside;
  int w, h;
  double x, y;

  pango_layout_get_pixel_size (layout, &w, &h);
  orchard_plot_painter_get_color (painter, ORCHARD_PLOT_COLOR_FOREGROUND, &outside);
  gdk_rgba_parse (&inside, "#ffffff");

  /* Beyond the bar's end if it fits in the area, else inside its end in
   * white, else not at all. */
  if (self->orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      if (h > y1 - y0 + 4)
        return;

      y = round ((y0 + y1 - h) / 2.0);

      if (!negative && x1 + VALUE_GAP + w <= area->origin.x + area->size.width)
        orchard_plot_painter_draw_layout (painter, layout, x1 + VALUE_GAP, y, &outside);
      else if (negative && x0 - VALUE_GAP - w >= area->origin.x)
        orchard_plot_painter_draw_layout (painter, layout, x0 - VALUE_GAP - w, y, &outside);
      else if (x1 - x0 >= w + 2 * VALUE_GAP)
        {
          x = negative ? x0 + VALUE_GAP : x1 - VALUE_GAP - w;
          orchard_plot_painter_draw_layout (painter, layout, x, y, &inside);
        }
    }
  else
    {
      if (w > x1 - x0 + 8)
        return;

      x = round ((x0 + x1 - w) / 2.0);

      if (!negative && y0 - VALUE_GAP / 2 - h >= area->origin.y)
        orchard_plot_painter_draw_layout (painter, layout, x, y0 - VALUE_GAP / 2 - h, &outside);
      else if (negative && y1 + VALUE_GAP / 2 + h <= area->origin.y + area->size.height)
        orchard_plot_painter_draw_layout (painter, layout, x, y1 + VALUE_GAP / 2, &outside);
      else if (y1 - y0 >= h + VALUE_GAP)
        {
          y = negative ? y1 - VALUE_GAP / 2 - h : y0 + VALUE_GAP / 2;
          orchard_plot_painter_draw_layout (painter, layout, x, y, &inside);
        }
    }
}

static void
orchard_bar_plot_draw_series (OrchardPlot        *plot,
                              OrchardPlotPainter *painter)
{
  OrchardBarPlot *self = ORCHARD_BAR_PLOT (plot);
  guint n = self->bar_values->len;
  GdkRGBA color, other;

  orchard_plot_painter_get_series_color (painter, 0, &color);
  orchard_plot_painter_get_color (painter, ORCHARD_PLOT_COLOR_FOREGROUND, &other);

  for (guint i = 0; i < n; i++)
    {
      gboolean negative = self->end[i] < self->base;
      gboolean folded = self->n_folded > 0 && i == n - 1;
      cairo_t *cr = orchard_plot_painter_get_cairo (painter);
      double x0, y0, x1, y1;
      int side;

      bar_rect (self, painter, i, &x0, &y0, &x1, &y1);

      if (self->orientation == GTK_ORIENTATION_HORIZONTAL)
        side = negative ? 1 : 0;
      else
        side = negative ? 3 : 2;

      if (x1 > x0 && y1 > y0)
        {
          bar_path (cr, x0, y0, x1, y1, 3, side);
          /* The folded rest is not a category: grey. */
          if (folded)
            orchard_plot_painter_set_source (painter, &other, 0.35);
          else
            orchard_plot_painter_set_source (painter, &color, 1.0);
          cairo_fill (cr);
        }

      if (self->show_values)
        draw_value (self, painter, i, x0, y0, x1, y1);
    }
}

static gboolean
orchard_bar_plot_get_item (OrchardPlot    *plot,
                           guint           series,
                           guint           index,
                           OrchardPlotHit *hit)
{
  OrchardBarPlot *self = ORCHARD_BAR_PLOT (plot);
  double c0 = self->pos[index] - self->band / 2.0;
  double c1 = self->pos[index] + self->band / 2.0;

  hit->flags = ORCHARD_PLOT_HIT_BAND;

  if (self->orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      hit->x0 = 0, hit->x1 = 1, hit->y0 = c0, hit->y1 = c1;
      hit->x = self->end[index], hit->y = self->pos[index];
    }
  else
    {
      hit->x0 = c0, hit->x1 = c1, hit->y0 = 0, hit->y1 = 1;
      hit->x = self->pos[index], hit->y = self->end[index];
    }

  return TRUE;
}

static char *
format_bar_value (OrchardBarPlot *self,
                  double          value)
{
  g_autofree char *text = orchard_plot_axis_format_value (self->value_axis, value);
  g_autofree char *share = NULL;

  if (!(self->total > 0) || !isfinite (value) || value < 0 || orchard_plot_axis_get_percent (self->value_axis))
    return g_steal_pointer (&text);

  share = orchard_plot_format_number (100.0 * value / self->total, 0.1);

  /* Translators: a value and its share of the total, e.g. "25 (7.3%)" */
  return g_strdup_printf (_("%s (%s%%)"), text, share);
}

static char *
orchard_bar_plot_describe_item (OrchardPlot *plot,
                                guint        series,
                                guint        index)
{
  OrchardBarPlot *self = ORCHARD_BAR_PLOT (plot);
  const char *name = orchard_plot_axis_get_title (self->value_axis);
  g_autofree char *value = format_bar_value (self, value_at (self->bar_values, index));

  /* Translators: a bar's category, then its value, e.g. "Adelie\nCount: 152 (44.2%)" */
  return g_strdup_printf (_("%s\n%s: %s"),
                          (const char *) self->bar_labels->pdata[index],
                          name != NULL ? name : _("Value"),
                          value);
}

static char *
orchard_bar_plot_describe (OrchardPlot *plot)
{
  OrchardBarPlot *self = ORCHARD_BAR_PLOT (plot);
  g_autofree char *max_value = NULL;
  g_autofree char *min_value = NULL;
  guint n = self->values->len;
  guint max_i = G_MAXUINT, min_i = G_MAXUINT;

  for (guint i = 0; i < n; i++)
    {
      double value = value_at (self->values, i);

      if (isnan (value))
        continue;
      if (max_i == G_MAXUINT || value > value_at (self->values, max_i))
        max_i = i;
      if (min_i == G_MAXUINT || value < value_at (self->values, min_i))
        min_i = i;
    }

  if (max_i == G_MAXUINT)
    return g_strdup (_("Bar chart with no data"));

  max_value = format_bar_value (self, value_at (self->values, max_i));
  min_value = format_bar_value (self, value_at (self->values, min_i));

  /* Translators: a bar chart summary for screen readers, e.g. "Bar chart of
   * 3 categories; the largest is Adelie with 152 (44.2%), the smallest
   * Chinstrap with 68 (19.8%)." */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Bar chart of %u category; the largest is %s with %s, the smallest %s with %s.",
                                       "Bar chart of %u categories; the largest is %s with %s, the smallest %s with %s.",
                                       n),
                          n,
                          (const char *) self->labels->pdata[max_i], max_value,
                          (const char *) self->labels->pdata[min_i], min_value);
}

static void
orchard_bar_plot_dispose (GObject *object)
{
  OrchardBarPlot *self = (OrchardBarPlot *)object;

  g_clear_object (&self->category_axis);
  g_clear_object (&self->value_axis);

  G_OBJECT_CLASS (orchard_bar_plot_parent_class)->dispose (object);
}

static void
orchard_bar_plot_finalize (GObject *object)
{
  OrchardBarPlot *self = (OrchardBarPlot *)object;

  g_clear_pointer (&self->labels, g_ptr_array_unref);
  g_clear_pointer (&self->values, g_array_unref);
  g_clear_pointer (&self->bar_labels, g_ptr_array_unref);
  g_clear_pointer (&self->bar_values, g_array_unref);
  g_clear_pointer (&self->pos, g_free);
  g_clear_pointer (&self->end, g_free);

  G_OBJECT_CLASS (orchard_bar_plot_parent_class)->finalize (object);
}

static void
orchard_bar_plot_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  OrchardBarPlot *self = ORCHARD_BAR_PLOT (object);

  switch (prop_id)
    {
    case PROP_ORIENTATION:
      g_value_set_enum (value, self->orientation);
      break;

    case PROP_SORT:
      g_value_set_enum (value, self->sort);
      break;

    case PROP_MAX_BARS:
      g_value_set_uint (value, self->max_bars);
      break;

    case PROP_SHOW_VALUES:
      g_value_set_boolean (value, self->show_values);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
orchard_bar_plot_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  OrchardBarPlot *self = ORCHARD_BAR_PLOT (object);

  switch (prop_id)
    {
    case PROP_ORIENTATION:
      {
        GtkOrientation orientation = g_value_get_enum (value);

        if (self->orientation != orientation)
          {
            self->orientation = orientation;
            orchard_bar_plot_apply_orientation (self);
            g_object_notify_by_pspec (object, pspec);
          }
      }
      break;

    case PROP_SORT:
      orchard_bar_plot_set_sort (self, g_value_get_enum (value));
      break;

    case PROP_MAX_BARS:
      orchard_bar_plot_set_max_bars (self, g_value_get_uint (value));
      break;

    case PROP_SHOW_VALUES:
      orchard_bar_plot_set_show_values (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
orchard_bar_plot_class_init (OrchardBarPlotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  OrchardPlotClass *plot_class = ORCHARD_PLOT_CLASS (klass);

  object_class->dispose = orchard_bar_plot_dispose;
  object_class->finalize = orchard_bar_plot_finalize;
  object_class->get_property = orchard_bar_plot_get_property;
  object_class->set_property = orchard_bar_plot_set_property;

  plot_class->get_extent = orchard_bar_plot_get_extent;
  plot_class->normalize = orchard_bar_plot_normalize;
  plot_class->draw_series = orchard_bar_plot_draw_series;
  plot_class->get_n_series = orchard_bar_plot_get_n_series;
  plot_class->get_n_items = orchard_bar_plot_get_n_items;
  plot_class->get_item = orchard_bar_plot_get_item;
  plot_class->describe_item = orchard_bar_plot_describe_item;
  plot_class->describe = orchard_bar_plot_describe;

  properties[PROP_SORT] =
    g_param_spec_enum ("sort", NULL, NULL,
                       ORCHARD_TYPE_BAR_PLOT_SORT,
                       ORCHARD_BAR_PLOT_SORT_NONE,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * OrchardBarPlot:max-bars:
   *
   * The most bars to show, 0 for all; past it the last bar sums up the
   * rest (after sorting, so with a descending sort it holds the smallest).
   */
  properties[PROP_MAX_BARS] =
    g_param_spec_uint ("max-bars", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * OrchardBarPlot:show-values:
   *
   * Whether each bar has its value written at its end, where it fits.
   */
  properties[PROP_SHOW_VALUES] =
    g_param_spec_boolean ("show-values", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Horizontal bars (the default) leave the category names room to read. */
  g_object_class_override_property (object_class, PROP_ORIENTATION, "orientation");
}

static void
orchard_bar_plot_init (OrchardBarPlot *self)
{
  self->labels = g_ptr_array_new_with_free_func (g_free);
  self->values = g_array_new (FALSE, FALSE, sizeof (double));
  self->bar_labels = g_ptr_array_new_with_free_func (g_free);
  self->bar_values = g_array_new (FALSE, FALSE, sizeof (double));
  self->orientation = GTK_ORIENTATION_HORIZONTAL;

  self->category_axis = orchard_plot_axis_new (ORCHARD_PLOT_AXIS_BAND);
  self->value_axis = orchard_plot_axis_new (ORCHARD_PLOT_AXIS_LINEAR);
  orchard_plot_axis_set_include_zero (self->value_axis, TRUE);

  orchard_bar_plot_apply_orientation (self);
}

static void
orchard_bar_plot_apply_orientation (OrchardBarPlot *self)
{
  OrchardPlot *plot = ORCHARD_PLOT (self);

  /* Horizontal bars list the first category at the top. */
  if (self->orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      orchard_plot_axis_set_reversed (self->category_axis, TRUE);
      orchard_plot_set_x_axis (plot, self->value_axis);
      orchard_plot_set_y_axis (plot, self->category_axis);
    }
  else
    {
      orchard_plot_axis_set_reversed (self->category_axis, FALSE);
      orchard_plot_set_y_axis (plot, self->value_axis);
      orchard_plot_set_x_axis (plot, self->category_axis);
    }

  orchard_plot_data_changed (plot);
}

GtkWidget *
orchard_bar_plot_new (void)
{
  return g_object_new (ORCHARD_TYPE_BAR_PLOT, NULL);
}

/**
 * orchard_bar_plot_set_data:
 * @self: a bar plot
 * @labels: (array length=n_values) (nullable): the category names
 * @values: (array length=n_values) (nullable): the value of each, NaN for missing
 * @n_values: how many categories there are; 0 to show no data
 *
 * Sets the bars; the data is copied.
 */
void
orchard_bar_plot_set_data (OrchardBarPlot     *self,
                           const char * const *labels,
                           const double       *values,
                           guint               n_values)
{
  g_return_if_fail (ORCHARD_IS_BAR_PLOT (self));
  g_return_if_fail (n_values == 0 || (labels != NULL && values != NULL));

  g_ptr_array_set_size (self->labels, 0);
  g_array_set_size (self->values, 0);
  self->total = 0;

  for (guint i = 0; i < n_values; i++)
    {
      g_ptr_array_add (self->labels, g_strdup (labels[i] != NULL ? labels[i] : ""));
      g_array_append_val (self->values, values[i]);
      if (isfinite (values[i]) && values[i] > 0)
        self->total += values[i];
    }

  orchard_bar_plot_rebuild (self);
}

/**
 * orchard_bar_plot_get_n_bars:
 * @self: a bar plot
 *
 * Returns: the number of bars shown (with the folded rest as one)
 */
guint
orchard_bar_plot_get_n_bars (OrchardBarPlot *self)
{
  g_return_val_if_fail (ORCHARD_IS_BAR_PLOT (self), 0);

  return self->bar_values->len;
}

/**
 * orchard_bar_plot_get_bar_label:
 * @self: a bar plot
 * @bar: a bar, in the order shown
 *
 * Returns: (nullable): the bar's label
 */
const char *
orchard_bar_plot_get_bar_label (OrchardBarPlot *self,
                                guint           bar)
{
  g_return_val_if_fail (ORCHARD_IS_BAR_PLOT (self), NULL);

  return bar < self->bar_labels->len ? self->bar_labels->pdata[bar] : NULL;
}

/**
 * orchard_bar_plot_get_bar_value:
 * @self: a bar plot
 * @bar: a bar, in the order shown
 *
 * Returns: the bar's value, NaN when there is no such bar
 */
double
orchard_bar_plot_get_bar_value (OrchardBarPlot *self,
                                guint           bar)
{
  g_return_val_if_fail (ORCHARD_IS_BAR_PLOT (self), NAN);

  return bar < self->bar_values->len ? value_at (self->bar_values, bar) : NAN;
}

OrchardBarPlotSort
orchard_bar_plot_get_sort (OrchardBarPlot *self)
{
  g_return_val_if_fail (ORCHARD_IS_BAR_PLOT (self), ORCHARD_BAR_PLOT_SORT_NONE);

  return self->sort;
}

void
orchard_bar_plot_set_sort (OrchardBarPlot     *self,
                           OrchardBarPlotSort  sort)
{
  g_return_if_fail (ORCHARD_IS_BAR_PLOT (self));

  if (self->sort == sort)
    return;

  self->sort = sort;
  orchard_bar_plot_rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SORT]);
}

guint
orchard_bar_plot_get_max_bars (OrchardBarPlot *self)
{
  g_return_val_if_fail (ORCHARD_IS_BAR_PLOT (self), 0);

  return self->max_bars;
}

void
orchard_bar_plot_set_max_bars (OrchardBarPlot *self,
                               guint           max_bars)
{
  g_return_if_fail (ORCHARD_IS_BAR_PLOT (self));

  if (self->max_bars == max_bars)
    return;

  self->max_bars = max_bars;
  orchard_bar_plot_rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_BARS]);
}

gboolean
orchard_bar_plot_get_show_values (OrchardBarPlot *self)
{
  g_return_val_if_fail (ORCHARD_IS_BAR_PLOT (self), FALSE);

  return self->show_values;
}

void
orchard_bar_plot_set_show_values (OrchardBarPlot *self,
                                  gboolean        show_values)
{
  g_return_if_fail (ORCHARD_IS_BAR_PLOT (self));

  show_values = !!show_values;

  if (self->show_values == show_values)
    return;

  self->show_values = show_values;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_VALUES]);
}

/**
 * orchard_bar_plot_get_value_axis:
 * @self: a bar plot
 *
 * The axis of the values, whichever way the bars run: set its title (the
 * tooltips name the value with it) or fix its range here.
 *
 * Returns: (transfer none): the value axis
 */
OrchardPlotAxis *
orchard_bar_plot_get_value_axis (OrchardBarPlot *self)
{
  g_return_val_if_fail (ORCHARD_IS_BAR_PLOT (self), NULL);

  return self->value_axis;
}

/**
 * orchard_bar_plot_get_category_axis:
 * @self: a bar plot
 *
 * Returns: (transfer none): the band axis of the categories
 */
OrchardPlotAxis *
orchard_bar_plot_get_category_axis (OrchardBarPlot *self)
{
  g_return_val_if_fail (ORCHARD_IS_BAR_PLOT (self), NULL);

  return self->category_axis;
}
