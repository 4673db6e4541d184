/* test-plots.c: the plot widgets, rendered without a window, checked by their pixels
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Widgets need gtk_init (), hence a display (meson runs this under
 * xvfb-run), but nothing here realizes or roots a widget: plots render
 * themselves to Cairo surfaces, which is what these tests look at. Renders
 * of every plot are saved for people to look at, into
 * $ORCHARD_PLOT_RENDER_DIR.
 */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>
#include <glib/gstdio.h>

#include <adwaita.h>

#include "orchard-plots.h"

typedef struct
{
  int r;
  int g;
  int b;
} Rgb;

static Rgb
pixel_at (cairo_surface_t *surface,
          double           x,
          double           y)
{
  double sx, sy;
  int px, py, stride;
  const guint8 *data;
  guint32 argb;

  cairo_surface_get_device_scale (surface, &sx, &sy);
  px = (int) floor (x * sx);
  py = (int) floor (y * sy);
  g_assert_cmpint (px, >=, 0);
  g_assert_cmpint (py, >=, 0);
  g_assert_cmpint (px, <, cairo_image_surface_get_width (surface));
  g_assert_cmpint (py, <, cairo_image_surface_get_height (surface));

  stride = cairo_image_surface_get_stride (surface);
  data = cairo_image_surface_get_data (surface);
  argb = *(const guint32 *) (gconstpointer) (data + py * stride + px * 4);

  /* Renders have an opaque background, so premultiplication is moot. */
  return (Rgb) { (argb >> 16) & 0xff, (argb >> 8) & 0xff, argb & 0xff };
}

static Rgb
rgb_parse (const char *spec)
{
  GdkRGBA rgba;

  g_assert_true (gdk_rgba_parse (&rgba, spec));

  return (Rgb) { (int) round (rgba.red * 255), (int) round (rgba.green * 255), (int) round (rgba.blue * 255) };
}

/* @color laid over @background at @alpha, as a translucent fill shows. */
static Rgb
rgb_blend (const char *color,
           const char *background,
           double      alpha)
{
  Rgb c = rgb_parse (color);
  Rgb b = rgb_parse (background);

  return (Rgb) {
    (int) round (c.r * alpha + b.r * (1 - alpha)),
    (int) round (c.g * alpha + b.g * (1 - alpha)),
    (int) round (c.b * alpha + b.b * (1 - alpha)),
  };
}

static gboolean
rgb_near (Rgb c,
          Rgb expected,
          int tolerance)
{
  return abs (c.r - expected.r) <= tolerance &&
         abs (c.g - expected.g) <= tolerance &&
         abs (c.b - expected.b) <= tolerance;
}

#define ACCENT        "#3584e4"
#define LIGHT_SERIES1 "#e66100"
#define LIGHT_BG      "#ffffff"
#define DARK_BG       "#1e1e1e"

static gboolean
is_accent (Rgb c)
{
  return rgb_near (c, rgb_parse (ACCENT), 24);
}

static int
luminance (Rgb c)
{
  return (int) round (0.2126 * c.r + 0.7152 * c.g + 0.0722 * c.b);
}

static char *
render_path (const char *name)
{
  const char *dir = g_getenv ("ORCHARD_PLOT_RENDER_DIR");
  g_autofree char *fallback = NULL;

  if (dir == NULL)
    dir = fallback = g_build_filename (g_get_tmp_dir (), "orchard-plot-renders", NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);

  return g_build_filename (dir, name, NULL);
}

/* Saves light, dark and light-at-2× renders for people to look at. */
static void
save_renders (GtkWidget  *plot,
              const char *name,
              int         width,
              int         height)
{
  static const struct {
    const char *suffix;
    gboolean    dark;
    double      scale;
  } variants[] = {
    { "light", FALSE, 1 },
    { "dark", TRUE, 1 },
    { "light@2x", FALSE, 2 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (variants); i++)
    {
      g_autofree char *file = g_strdup_printf ("%s-%s.png", name, variants[i].suffix);
      g_autofree char *path = render_path (file);
      cairo_surface_t *surface;

      surface = orchard_plot_render_to_surface (ORCHARD_PLOT (plot), width, height,
                                                variants[i].scale, variants[i].dark);
      g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
      cairo_surface_destroy (surface);
    }
}

static GtkWidget *
new_plot (GType type)
{
  return g_object_ref_sink (g_object_new (type, NULL));
}

/* The penguins' bill lengths, binned by 2 mm. */
static const double bill_edges[] = { 32, 34, 36, 38, 40, 42, 44, 46, 48, 50, 52, 54, 56, 58, 60 };
static const double bill_counts[] = { 2, 7, 21, 33, 37, 22, 25, 45, 54, 44, 31, 12, 6, 3 };
static const double bill_reference[] = { 1, 5, 14, 28, 41, 30, 28, 38, 47, 49, 35, 17, 9, 2 };

static void
test_bar_vertical (void)
{
  g_autoptr(GtkWidget) plot = new_plot (ORCHARD_TYPE_BAR_PLOT);
  OrchardBarPlot *bars = ORCHARD_BAR_PLOT (plot);
  static const char * const labels[] = { "A", "B", "C", "D" };
  static const double values[] = { 2, 8, 5, 0 };
  double topmost[4];
  cairo_surface_t *surface;
  graphene_rect_t area;

  gtk_orientable_set_orientation (GTK_ORIENTABLE (plot), GTK_ORIENTATION_VERTICAL);
  orchard_plot_axis_set_range (orchard_bar_plot_get_value_axis (bars), 0, 10);
  orchard_bar_plot_set_data (bars, labels, values, G_N_ELEMENTS (values));
  g_assert_cmpuint (orchard_bar_plot_get_n_bars (bars), ==, 4);

  surface = orchard_plot_render_to_surface (ORCHARD_PLOT (plot), 400, 300, 1, FALSE);
  orchard_plot_get_area (ORCHARD_PLOT (plot), 400, 300, &area);
  g_assert_cmpfloat (area.size.width, >, 200);
  g_assert_cmpfloat (area.size.height, >, 150);

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      double band = area.size.width / 4;
      double cx = area.origin.x + (i + 0.5) * band;
      double bottom = area.origin.y + area.size.height;
      double top = bottom - values[i] / 10 * area.size.height;

      if (values[i] > 0)
        {
          /* Inside the bar, near its top, and its middle: the accent. */
          g_assert_true (is_accent (pixel_at (surface, cx, (top + bottom) / 2)));
          g_assert_true (is_accent (pixel_at (surface, cx, top + 2)));
          /* Bars fill 80% of their band, but grow no thicker than 40 px. */
          double half = MIN (band * 0.8, 40) / 2;

          g_assert_true (is_accent (pixel_at (surface, cx - half + 2, bottom - 2)));
          g_assert_false (is_accent (pixel_at (surface, cx - half - 3, bottom - 2)));
          /* Above it: not. */
          g_assert_false (is_accent (pixel_at (surface, cx, top - 3)));
        }
      else
        {
          g_assert_false (is_accent (pixel_at (surface, cx, bottom - 3)));
        }

      /* The padding between bands stays empty. */
      g_assert_false (is_accent (pixel_at (surface, area.origin.x + i * band + 2, bottom - 3)));

      topmost[i] = G_MAXDOUBLE;
      for (double y = area.origin.y - 5; y < bottom; y++)
        if (is_accent (pixel_at (surface, cx, y)))
          {
            topmost[i] = y;
            break;
          }
    }

  /* The tallest bar reaches highest, and exactly as high as 8 of 10 says. */
  g_assert_cmpfloat (topmost[1], <, topmost[2]);
  g_assert_cmpfloat (topmost[2], <, topmost[0]);
  g_assert_cmpfloat (fabs (topmost[1] - (area.origin.y + 0.2 * area.size.height)), <=, 1.5);
  g_assert_cmpfloat (topmost[3], ==, G_MAXDOUBLE);

  cairo_surface_destroy (surface);
}

static double
accent_run (cairo_surface_t       *surface,
            const graphene_rect_t *area,
            double                 y)
{
  double length = 0;

  for (double x = area->origin.x - 3; x < area->origin.x + area->size.width + 3; x++)
    if (is_accent (pixel_at (surface, x, y)))
      length++;

  return length;
}

static void
test_bar_horizontal_sorted (void)
{
  g_autoptr(GtkWidget) plot = new_plot (ORCHARD_TYPE_BAR_PLOT);
  OrchardBarPlot *bars = ORCHARD_BAR_PLOT (plot);
  static const char * const labels[] = { "a", "b", "c" };
  static const double values[] = { 3, 9, 1 };
  static const char * const many_labels[] = { "v", "w", "x", "y", "z" };
  static const double many_values[] = { 5, 1, 7, 2, 4 };
  double lengths[3], hi;
  cairo_surface_t *surface;
  graphene_rect_t area;

  g_assert_cmpint (gtk_orientable_get_orientation (GTK_ORIENTABLE (plot)), ==, GTK_ORIENTATION_HORIZONTAL);

  orchard_bar_plot_set_data (bars, labels, values, G_N_ELEMENTS (values));
  orchard_bar_plot_set_sort (bars, ORCHARD_BAR_PLOT_SORT_DESCENDING);
  g_assert_cmpstr (orchard_bar_plot_get_bar_label (bars, 0), ==, "b");
  g_assert_cmpstr (orchard_bar_plot_get_bar_label (bars, 1), ==, "a");
  g_assert_cmpstr (orchard_bar_plot_get_bar_label (bars, 2), ==, "c");

  surface = orchard_plot_render_to_surface (ORCHARD_PLOT (plot), 400, 240, 1, FALSE);
  orchard_plot_get_area (ORCHARD_PLOT (plot), 400, 240, &area);
  orchard_plot_axis_get_range (orchard_bar_plot_get_value_axis (bars), NULL, &hi);
  g_assert_cmpfloat (hi, >=, 9);

  for (guint i = 0; i < 3; i++)
    {
      /* The first bar on top; each runs from zero at the left edge. */
      double y = area.origin.y + (i + 0.5) / 3 * area.size.height;
      double value = orchard_bar_plot_get_bar_value (bars, i);
      double end = area.origin.x + value / hi * area.size.width;

      lengths[i] = accent_run (surface, &area, y);
      g_assert_true (is_accent (pixel_at (surface, area.origin.x + 3, y)));
      g_assert_true (is_accent (pixel_at (surface, end - 3, y)));
      if (end + 3 < area.origin.x + area.size.width)
        g_assert_false (is_accent (pixel_at (surface, end + 3, y)));
      g_assert_cmpfloat (fabs (lengths[i] - value / hi * area.size.width), <=, 2);
    }

  g_assert_cmpfloat (lengths[0], >, lengths[1]);
  g_assert_cmpfloat (lengths[1], >, lengths[2]);
  cairo_surface_destroy (surface);

  /* Ascending turns it over. */
  orchard_bar_plot_set_sort (bars, ORCHARD_BAR_PLOT_SORT_ASCENDING);
  g_assert_cmpstr (orchard_bar_plot_get_bar_label (bars, 0), ==, "c");

  /* Past max-bars the smallest fold into one bar that sums them. */
  orchard_bar_plot_set_sort (bars, ORCHARD_BAR_PLOT_SORT_DESCENDING);
  orchard_bar_plot_set_data (bars, many_labels, many_values, G_N_ELEMENTS (many_values));
  orchard_bar_plot_set_max_bars (bars, 3);
  g_assert_cmpuint (orchard_bar_plot_get_n_bars (bars), ==, 3);
  g_assert_cmpstr (orchard_bar_plot_get_bar_label (bars, 0), ==, "x");
  g_assert_cmpstr (orchard_bar_plot_get_bar_label (bars, 1), ==, "v");
  g_assert_cmpstr (orchard_bar_plot_get_bar_label (bars, 2), ==, "3 others");
  g_assert_cmpfloat (orchard_bar_plot_get_bar_value (bars, 2), ==, 4 + 2 + 1);
}

static gboolean
is_series (Rgb c)
{
  return is_accent (c) || rgb_near (c, rgb_parse (LIGHT_SERIES1), 24);
}

/* No data pixel may lie outside the data area (with the few pixels the
 * clip leaves for lines on the edge); some must lie inside. */
static void
assert_data_inside (cairo_surface_t       *surface,
                    const graphene_rect_t *area,
                    int                    width,
                    int                    height)
{
  guint inside = 0;

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        if (!is_series (pixel_at (surface, x, y)))
          continue;

        if (x < area->origin.x - 3 || x > area->origin.x + area->size.width + 3 ||
            y < area->origin.y - 3 || y > area->origin.y + area->size.height + 3)
          g_error ("data drawn at %d, %d, outside the area %g, %g, %g × %g",
                   x, y, area->origin.x, area->origin.y, area->size.width, area->size.height);
        inside++;
      }

  g_assert_cmpuint (inside, >, 50);
}

static void
test_clip (void)
{
  g_autoptr(GtkWidget) line = new_plot (ORCHARD_TYPE_LINE_PLOT);
  g_autoptr(GtkWidget) bar = new_plot (ORCHARD_TYPE_BAR_PLOT);
  static const double x[] = { 0, 1, 2, 3, 4 };
  static const double y[] = { 0.2, 3.0, 0.5, -2.0, 0.4 };
  static const char * const labels[] = { "low", "high" };
  static const double values[] = { 4, 25 };
  cairo_surface_t *surface;
  graphene_rect_t area;
  double cx;

  /* Data far beyond a fixed range: the line leaves the area and comes back. */
  orchard_plot_axis_set_range (orchard_plot_get_y_axis (ORCHARD_PLOT (line)), 0, 1);
  orchard_line_plot_add_series (ORCHARD_LINE_PLOT (line), "clipped", x, y, G_N_ELEMENTS (x));
  orchard_plot_set_title (ORCHARD_PLOT (line), "Clipped");

  surface = orchard_plot_render_to_surface (ORCHARD_PLOT (line), 400, 300, 1, FALSE);
  orchard_plot_get_area (ORCHARD_PLOT (line), 400, 300, &area);
  assert_data_inside (surface, &area, 400, 300);
  cairo_surface_destroy (surface);

  /* A point out of range is not hoverable. */
  {
    OrchardPlotHit hit;

    g_assert_true (orchard_plot_pick (ORCHARD_PLOT (line), 400, 300, area.origin.x + area.size.width / 4,
                                      area.origin.y - 100, &hit));
    g_assert_cmpuint (hit.index, !=, 1);
  }

  gtk_orientable_set_orientation (GTK_ORIENTABLE (bar), GTK_ORIENTATION_VERTICAL);
  orchard_plot_axis_set_range (orchard_bar_plot_get_value_axis (ORCHARD_BAR_PLOT (bar)), 0, 10);
  orchard_bar_plot_set_data (ORCHARD_BAR_PLOT (bar), labels, values, G_N_ELEMENTS (values));

  surface = orchard_plot_render_to_surface (ORCHARD_PLOT (bar), 400, 300, 1, FALSE);
  orchard_plot_get_area (ORCHARD_PLOT (bar), 400, 300, &area);
  assert_data_inside (surface, &area, 400, 300);

  /* The bar that exceeds the range fills its column to the top, no further. */
  cx = area.origin.x + 0.75 * area.size.width;
  g_assert_true (is_accent (pixel_at (surface, cx, area.origin.y + 1)));
  g_assert_false (is_accent (pixel_at (surface, cx, area.origin.y - 4)));
  cairo_surface_destroy (surface);
}

static void
test_histogram (void)
{
  g_autoptr(GtkWidget) plot = new_plot (ORCHARD_TYPE_HISTOGRAM_PLOT);
  OrchardHistogramPlot *histogram = ORCHARD_HISTOGRAM_PLOT (plot);
  static const double edges[] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 };
  static const double current[] = { 10, 10, 10, 0, 0, 0, 0, 0, 0, 0 };
  static const double reference[] = { 0, 0, 0, 0, 0, 0, 0, 10, 10, 10 };
  cairo_surface_t *surface;
  graphene_rect_t area;
  double bin, mid;

  orchard_histogram_plot_set_bins (histogram, edges, current, 10);
  g_assert_cmpuint (orchard_histogram_plot_get_n_bins (histogram), ==, 10);

  /* One series: solid bars exactly over their bins. */
  surface = orchard_plot_render_to_surface (ORCHARD_PLOT (plot), 400, 300, 1, FALSE);
  orchard_plot_get_area (ORCHARD_PLOT (plot), 400, 300, &area);
  bin = area.size.width / 10;
  mid = area.origin.y + area.size.height / 2 + 3;
  g_assert_true (is_accent (pixel_at (surface, area.origin.x + 1.5 * bin, mid)));
  g_assert_true (is_accent (pixel_at (surface, area.origin.x + 2, mid)));
  g_assert_false (is_accent (pixel_at (surface, area.origin.x + 3 * bin + 2, mid)));
  g_assert_true (rgb_near (pixel_at (surface, area.origin.x + 8.5 * bin, mid), rgb_parse (LIGHT_BG), 2));
  cairo_surface_destroy (surface);

  /* Overlaid: the data as a translucent area, the reference as an outline;
   * each shows where only it has values. */
  orchard_histogram_plot_set_reference (histogram, edges, reference, 10);
  g_assert_true (orchard_histogram_plot_get_has_reference (histogram));

  surface = orchard_plot_render_to_surface (ORCHARD_PLOT (plot), 400, 300, 1, FALSE);
  orchard_plot_get_area (ORCHARD_PLOT (plot), 400, 300, &area);
  bin = area.size.width / 10;
  mid = area.origin.y + area.size.height / 2 + 3;
  g_assert_true (rgb_near (pixel_at (surface, area.origin.x + 1.5 * bin, mid), rgb_blend (ACCENT, LIGHT_BG, 0.35), 6));
  g_assert_true (is_accent (pixel_at (surface, area.origin.x + 1.5 * bin, area.origin.y)));
  g_assert_true (rgb_near (pixel_at (surface, area.origin.x + 8.5 * bin, area.origin.y),
                           rgb_parse (LIGHT_SERIES1), 24));
  g_assert_true (rgb_near (pixel_at (surface, area.origin.x + 7 * bin, mid), rgb_parse (LIGHT_SERIES1), 24));
  g_assert_true (rgb_near (pixel_at (surface, area.origin.x + 8.5 * bin, mid), rgb_parse (LIGHT_BG), 2));
  g_assert_true (rgb_near (pixel_at (surface, area.origin.x + 5.5 * bin, mid), rgb_parse (LIGHT_BG), 2));
  cairo_surface_destroy (surface);

  /* Without the reference, its outline is gone. */
  orchard_histogram_plot_set_reference (histogram, NULL, NULL, 0);
  orchard_plot_get_area (ORCHARD_PLOT (plot), 400, 300, &area);
  surface = orchard_plot_render_to_surface (ORCHARD_PLOT (plot), 400, 300, 1, FALSE);
  g_assert_true (rgb_near (pixel_at (surface, area.origin.x + 7 * bin, mid), rgb_parse (LIGHT_BG), 2));
  cairo_surface_destroy (surface);
  orchard_histogram_plot_set_reference (histogram, edges, reference, 10);

  save_renders (plot, "histogram-overlay-test", 400, 300);
}

static void
test_line (void)
{
  g_autoptr(GtkWidget) plot = new_plot (ORCHARD_TYPE_LINE_PLOT);
  OrchardLinePlot *lines = ORCHARD_LINE_PLOT (plot);
  static const double x[] = { 0, 10 };
  static const double y[] = { 0, 10 };
  static const double x2[] = { 0, 5, 10 };
  static const double y2[] = { 8, 2, 8 };
  cairo_surface_t *surface;
  graphene_rect_t area;
  double px, py;

  orchard_plot_axis_set_range (orchard_plot_get_x_axis (ORCHARD_PLOT (plot)), 0, 10);
  orchard_plot_axis_set_range (orchard_plot_get_y_axis (ORCHARD_PLOT (plot)), 0, 10);
  g_assert_cmpuint (orchard_line_plot_add_series (lines, "diagonal", x, y, 2), ==, 0);
  g_assert_cmpuint (orchard_line_plot_add_series (lines, "vee", x2, y2, 3), ==, 1);
  g_assert_cmpuint (orchard_line_plot_get_n_points (lines, 1), ==, 3);

  surface = orchard_plot_render_to_surface (ORCHARD_PLOT (plot), 400, 300, 1, FALSE);
  orchard_plot_get_area (ORCHARD_PLOT (plot), 400, 300, &area);

  /* (3, 3) lies on the diagonal: the line passes through its pixel. */
  px = area.origin.x + 0.3 * area.size.width;
  py = area.origin.y + 0.7 * area.size.height;
  g_assert_true (is_accent (pixel_at (surface, px, py)));
  g_assert_false (is_accent (pixel_at (surface, px, py - 12)));
  g_assert_false (is_accent (pixel_at (surface, px, py + 12)));

  /* The second series, in the second colour, through its vertex (5, 2). */
  px = area.origin.x + 0.5 * area.size.width;
  py = area.origin.y + 0.8 * area.size.height;
  g_assert_true (rgb_near (pixel_at (surface, px, py - 1), rgb_parse (LIGHT_SERIES1), 40));
  cairo_surface_destroy (surface);

  /* A growing learning curve widens the axes with it. */
  orchard_plot_axis_set_auto_range (orchard_plot_get_x_axis (ORCHARD_PLOT (plot)), TRUE);
  orchard_line_plot_append_point (lines, 0, 40, 10);
  {
    double hi;

    orchard_plot_axis_get_range (orchard_plot_get_x_axis (ORCHARD_PLOT (plot)), NULL, &hi);
    g_assert_cmpfloat (hi, >=, 40);
  }
}

static void
test_dark (void)
{
  g_autoptr(GtkWidget) plot = new_plot (ORCHARD_TYPE_HISTOGRAM_PLOT);
  cairo_surface_t *light, *dark;
  int light_min = 255, dark_max = 0;

  orchard_plot_set_title (ORCHARD_PLOT (plot), "Bill length");
  orchard_histogram_plot_set_bins (ORCHARD_HISTOGRAM_PLOT (plot), bill_edges, bill_counts,
                                   G_N_ELEMENTS (bill_counts));

  light = orchard_plot_render_to_surface (ORCHARD_PLOT (plot), 400, 300, 1, FALSE);
  dark = orchard_plot_render_to_surface (ORCHARD_PLOT (plot), 400, 300, 1, TRUE);

  /* The background follows the palette. */
  g_assert_true (rgb_near (pixel_at (light, 2, 2), rgb_parse (LIGHT_BG), 0));
  g_assert_true (rgb_near (pixel_at (dark, 2, 2), rgb_parse (DARK_BG), 0));

  /* So does the title's text: dark on light, light on dark. */
  for (int y = 8; y < 24; y++)
    for (int x = 8; x < 80; x++)
      {
        light_min = MIN (light_min, luminance (pixel_at (light, x, y)));
        dark_max = MAX (dark_max, luminance (pixel_at (dark, x, y)));
      }
  g_assert_cmpint (light_min, <, 90);
  g_assert_cmpint (dark_max, >, 180);

  cairo_surface_destroy (light);
  cairo_surface_destroy (dark);
}

/* A horizontal or vertical 1 px line must cover whole device pixels. */
static void
test_crisp (void)
{
  g_autoptr(GtkWidget) plot = new_plot (ORCHARD_TYPE_LINE_PLOT);
  static const double x[] = { 0, 1 };
  static const double y[] = { 1, 0 };
  graphene_rect_t area;

  orchard_line_plot_add_series (ORCHARD_LINE_PLOT (plot), NULL, x, y, 2);
  orchard_plot_set_show_grid (ORCHARD_PLOT (plot), FALSE);
  orchard_plot_get_area (ORCHARD_PLOT (plot), 400, 300, &area);
  g_assert_cmpfloat (area.origin.x, ==, floor (area.origin.x));

  for (int scale = 1; scale <= 2; scale++)
    {
      cairo_surface_t *surface = orchard_plot_render_to_surface (ORCHARD_PLOT (plot), 400, 300, scale, FALSE);
      double y_mid = area.origin.y + area.size.height * 0.75;
      double step = 1.0 / scale;
      Rgb on, before, after;

      /* The left axis at area.x: its device pixel(s) grey, both neighbours white. */
      if (scale == 1)
        {
          on = pixel_at (surface, area.origin.x, y_mid);
          before = pixel_at (surface, area.origin.x - step, y_mid);
          after = pixel_at (surface, area.origin.x + step, y_mid);
        }
      else
        {
          on = pixel_at (surface, area.origin.x - step, y_mid);
          g_assert_true (rgb_near (pixel_at (surface, area.origin.x, y_mid), on, 0));
          before = pixel_at (surface, area.origin.x - 2 * step, y_mid);
          after = pixel_at (surface, area.origin.x + step, y_mid);
        }

      g_assert_true (rgb_near (before, rgb_parse (LIGHT_BG), 0));
      g_assert_true (rgb_near (after, rgb_parse (LIGHT_BG), 0));
      g_assert_cmpint (on.r, <, 200);
      g_assert_cmpint (on.r, ==, on.b);

      cairo_surface_destroy (surface);
    }
}

static void
test_export (void)
{
  g_autoptr(GtkWidget) plot = new_plot (ORCHARD_TYPE_HISTOGRAM_PLOT);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("orchard-plot-XXXXXX", &error);
  g_autofree char *png_path = NULL;
  g_autofree char *svg_path = NULL;
  g_autofree char *pdf_path = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *missing_path = NULL;
  g_autoptr(GFile) png = NULL;
  g_autoptr(GFile) svg = NULL;
  g_autoptr(GFile) pdf = NULL;
  g_autoptr(GFile) missing = NULL;
  OrchardPlotFormat format;
  cairo_surface_t *image;
  gsize length;

  g_assert_no_error (error);
  orchard_plot_set_title (ORCHARD_PLOT (plot), "Bill length");
  orchard_histogram_plot_set_bins (ORCHARD_HISTOGRAM_PLOT (plot), bill_edges, bill_counts,
                                   G_N_ELEMENTS (bill_counts));

  png_path = g_build_filename (dir, "plot.png", NULL);
  svg_path = g_build_filename (dir, "plot.svg", NULL);
  pdf_path = g_build_filename (dir, "plot.pdf", NULL);
  png = g_file_new_for_path (png_path);
  svg = g_file_new_for_path (svg_path);
  pdf = g_file_new_for_path (pdf_path);

  g_assert_true (orchard_plot_format_for_file (png, &format));
  g_assert_cmpint (format, ==, ORCHARD_PLOT_FORMAT_PNG);
  g_assert_true (orchard_plot_format_for_file (svg, &format));
  g_assert_cmpint (format, ==, ORCHARD_PLOT_FORMAT_SVG);
  {
    g_autoptr(GFile) upper = g_file_new_for_path ("/tmp/PLOT.PDF");
    g_autoptr(GFile) text = g_file_new_for_path ("/tmp/plot.txt");

    g_assert_true (orchard_plot_format_for_file (upper, &format));
    g_assert_cmpint (format, ==, ORCHARD_PLOT_FORMAT_PDF);
    g_assert_false (orchard_plot_format_for_file (text, &format));
  }

  /* PNG: a file cairo reads back, of the size asked for. */
  g_assert_true (orchard_plot_export (ORCHARD_PLOT (plot), png, ORCHARD_PLOT_FORMAT_PNG, 320, 200, FALSE, &error));
  g_assert_no_error (error);
  image = cairo_image_surface_create_from_png (png_path);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, 320);
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, 200);
  g_assert_true (rgb_near (pixel_at (image, 1, 1), rgb_parse (LIGHT_BG), 0));
  cairo_surface_destroy (image);

  /* SVG and PDF: their magic, and the text as text. */
  g_assert_true (orchard_plot_export (ORCHARD_PLOT (plot), svg, ORCHARD_PLOT_FORMAT_SVG, 320, 200, TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (svg_path, &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (contents, "<?xml"));
  g_assert_nonnull (strstr (contents, "<svg"));
  g_assert_nonnull (strstr (contents, "320"));
  g_clear_pointer (&contents, g_free);

  g_assert_true (orchard_plot_export (ORCHARD_PLOT (plot), pdf, ORCHARD_PLOT_FORMAT_PDF, 320, 200, FALSE, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (pdf_path, &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  g_assert_cmpuint (length, >, 1000);
  g_clear_pointer (&contents, g_free);

  /* Replacing a file leaves the new contents whole. */
  g_assert_true (orchard_plot_export (ORCHARD_PLOT (plot), svg, ORCHARD_PLOT_FORMAT_PNG, 100, 80, FALSE, &error));
  g_assert_no_error (error);
  image = cairo_image_surface_create_from_png (svg_path);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, 100);
  cairo_surface_destroy (image);

  /* A folder that does not exist: an error that names the file. */
  missing_path = g_build_filename (dir, "no-such-folder", "plot.png", NULL);
  missing = g_file_new_for_path (missing_path);
  g_assert_false (orchard_plot_export (ORCHARD_PLOT (plot), missing, ORCHARD_PLOT_FORMAT_PNG, 100, 80, FALSE, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "no-such-folder"));
  g_clear_error (&error);

  g_unlink (png_path);
  g_unlink (svg_path);
  g_unlink (pdf_path);
  g_rmdir (dir);
}

static void
export_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (orchard_plot_export_finish (ORCHARD_PLOT (object), result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

static void
test_export_async (void)
{
  g_autoptr(GtkWidget) plot = new_plot (ORCHARD_TYPE_BAR_PLOT);
  static const char * const labels[] = { "Adelie", "Gentoo", "Chinstrap" };
  static const double values[] = { 152, 124, 68 };
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *contents = NULL;
  gboolean done = FALSE;

  orchard_bar_plot_set_data (ORCHARD_BAR_PLOT (plot), labels, values, 3);
  path = g_build_filename (g_get_tmp_dir (), "orchard-plot-async.pdf", NULL);
  file = g_file_new_for_path (path);

  orchard_plot_export_async (ORCHARD_PLOT (plot), file, ORCHARD_PLOT_FORMAT_PDF, 300, 200, FALSE,
                             NULL, export_done_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  g_unlink (path);
}

static void
test_pick_and_text (void)
{
  g_autoptr(GtkWidget) histogram = new_plot (ORCHARD_TYPE_HISTOGRAM_PLOT);
  g_autoptr(GtkWidget) bars = new_plot (ORCHARD_TYPE_BAR_PLOT);
  g_autoptr(GtkWidget) lines = new_plot (ORCHARD_TYPE_LINE_PLOT);
  static const double edges[] = { 0, 1, 2, 3, 4, 5 };
  static const double counts[] = { 1, 2, 4, 2, 1 };
  static const double reference[] = { 2, 2, 2, 2, 2 };
  static const char * const labels[] = { "Adelie", "Gentoo", "Chinstrap" };
  static const double values[] = { 152, 124, 68 };
  static const double x[] = { 0, 1, 2, 3, 4, 5 };
  static const double y[] = { 0.5, 0.6, 0.7, 0.75, 0.8, 0.82 };
  g_autofree char *text = NULL;
  graphene_rect_t area;
  OrchardPlotHit hit;

  orchard_histogram_plot_set_bins (ORCHARD_HISTOGRAM_PLOT (histogram), edges, counts, 5);
  orchard_plot_get_area (ORCHARD_PLOT (histogram), 300, 200, &area);
  g_assert_true (orchard_plot_pick (ORCHARD_PLOT (histogram), 300, 200,
                                    area.origin.x + 3.5 / 5 * area.size.width, area.origin.y + 5, &hit));
  g_assert_cmpuint (hit.series, ==, 0);
  g_assert_cmpuint (hit.index, ==, 3);
  g_assert_true (hit.flags & ORCHARD_PLOT_HIT_BAND);
  g_assert_cmpfloat_with_epsilon (hit.x0, 0.6, 1e-9);
  g_assert_cmpfloat_with_epsilon (hit.x1, 0.8, 1e-9);

  text = orchard_plot_dup_item_text (ORCHARD_PLOT (histogram), 0, 2);
  g_assert_cmpstr (text, ==, "2 – 3\nCount: 4 (40.0%)");
  g_clear_pointer (&text, g_free);

  /* With a reference on the same bins, a tooltip compares both. */
  orchard_histogram_plot_set_reference (ORCHARD_HISTOGRAM_PLOT (histogram), edges, reference, 5);
  orchard_histogram_plot_set_reference_name (ORCHARD_HISTOGRAM_PLOT (histogram), "Training");
  text = orchard_plot_dup_item_text (ORCHARD_PLOT (histogram), 0, 2);
  g_assert_cmpstr (text, ==, "2 – 3\nCurrent: 4 (40.0%)\nTraining: 2 (20.0%)");
  g_clear_pointer (&text, g_free);

  gtk_orientable_set_orientation (GTK_ORIENTABLE (bars), GTK_ORIENTATION_VERTICAL);
  orchard_bar_plot_set_data (ORCHARD_BAR_PLOT (bars), labels, values, 3);
  orchard_plot_axis_set_title (orchard_bar_plot_get_value_axis (ORCHARD_BAR_PLOT (bars)), "Count");
  orchard_plot_get_area (ORCHARD_PLOT (bars), 300, 200, &area);
  g_assert_true (orchard_plot_pick (ORCHARD_PLOT (bars), 300, 200,
                                    area.origin.x + 2.5 / 3 * area.size.width,
                                    area.origin.y + 3, &hit));
  g_assert_cmpuint (hit.index, ==, 2);
  text = orchard_plot_dup_item_text (ORCHARD_PLOT (bars), 0, 0);
  g_assert_cmpstr (text, ==, "Adelie\nCount: 152 (44.2%)");
  g_clear_pointer (&text, g_free);

  orchard_line_plot_add_series (ORCHARD_LINE_PLOT (lines), "Validation", x, y, 6);
  orchard_plot_axis_set_title (orchard_plot_get_x_axis (ORCHARD_PLOT (lines)), "Iteration");
  orchard_plot_axis_set_title (orchard_plot_get_y_axis (ORCHARD_PLOT (lines)), "Accuracy");
  orchard_plot_get_area (ORCHARD_PLOT (lines), 300, 200, &area);
  {
    double lo, hi, fx, fy;

    orchard_plot_axis_get_range (orchard_plot_get_x_axis (ORCHARD_PLOT (lines)), &lo, &hi);
    fx = (4 - lo) / (hi - lo);
    orchard_plot_axis_get_range (orchard_plot_get_y_axis (ORCHARD_PLOT (lines)), &lo, &hi);
    fy = (0.8 - lo) / (hi - lo);
    g_assert_true (orchard_plot_pick (ORCHARD_PLOT (lines), 300, 200,
                                      area.origin.x + fx * area.size.width + 3,
                                      area.origin.y + (1 - fy) * area.size.height - 4, &hit));
  }
  g_assert_cmpuint (hit.index, ==, 4);
  g_assert_true (hit.flags & ORCHARD_PLOT_HIT_POINT);
  text = orchard_plot_dup_item_text (ORCHARD_PLOT (lines), 0, 4);
  g_assert_cmpstr (text, ==, "Validation\nIteration: 4\nAccuracy: 0.8");

  /* Selection, as the arrow keys make it. */
  g_assert_true (orchard_plot_select_item (ORCHARD_PLOT (lines), 0, 2));
  g_assert_true (orchard_plot_get_selection (ORCHARD_PLOT (lines), &hit));
  g_assert_cmpuint (hit.index, ==, 2);
  g_assert_false (orchard_plot_select_item (ORCHARD_PLOT (lines), 0, 6));
  g_assert_false (orchard_plot_select_item (ORCHARD_PLOT (lines), 1, 0));
  orchard_plot_clear_selection (ORCHARD_PLOT (lines));
  g_assert_false (orchard_plot_get_selection (ORCHARD_PLOT (lines), NULL));
}

static void
test_description (void)
{
  g_autoptr(GtkWidget) histogram = new_plot (ORCHARD_TYPE_HISTOGRAM_PLOT);
  g_autoptr(GtkWidget) bars = new_plot (ORCHARD_TYPE_BAR_PLOT);
  g_autoptr(GtkWidget) lines = new_plot (ORCHARD_TYPE_LINE_PLOT);
  static const double edges[] = { 10, 20, 30, 40 };
  static const double counts[] = { 1, 5, 2 };
  static const char * const labels[] = { "a", "b", "c" };
  static const double values[] = { 3, 9, 1 };
  static const double x[] = { 1, 2, 3 };
  static const double y[] = { 0.9, 0.5, 0.4 };
  g_autofree char *text = NULL;

  text = orchard_plot_dup_description (ORCHARD_PLOT (histogram));
  g_assert_cmpstr (text, ==, "Histogram with no data");
  g_clear_pointer (&text, g_free);

  orchard_histogram_plot_set_bins (ORCHARD_HISTOGRAM_PLOT (histogram), edges, counts, 3);
  text = orchard_plot_dup_description (ORCHARD_PLOT (histogram));
  g_assert_cmpstr (text, ==,
                   "Histogram of 8 values in 3 bins from 10 to 40; the tallest bin, 20 to 30, holds 5 (62.5%).");
  g_clear_pointer (&text, g_free);

  orchard_bar_plot_set_data (ORCHARD_BAR_PLOT (bars), labels, values, 3);
  text = orchard_plot_dup_description (ORCHARD_PLOT (bars));
  g_assert_cmpstr (text, ==,
                   "Bar chart of 3 categories; the largest is b with 9 (69.2%), the smallest c with 1 (7.7%).");
  g_clear_pointer (&text, g_free);

  orchard_line_plot_add_series (ORCHARD_LINE_PLOT (lines), "Loss", x, y, 3);
  text = orchard_plot_dup_description (ORCHARD_PLOT (lines));
  g_assert_cmpstr (text, ==, "Line chart of 1 series: Loss, 3 points from 0.4 to 0.9, ending at 0.4.");
}

static void
test_empty (void)
{
  GType types[] = { ORCHARD_TYPE_HISTOGRAM_PLOT, ORCHARD_TYPE_BAR_PLOT, ORCHARD_TYPE_LINE_PLOT };

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      g_autoptr(GtkWidget) plot = new_plot (types[i]);
      cairo_surface_t *surface;
      graphene_rect_t area;
      OrchardPlotHit hit;

      orchard_plot_set_title (ORCHARD_PLOT (plot), "Nothing yet");
      surface = orchard_plot_render_to_surface (ORCHARD_PLOT (plot), 300, 200, 1, FALSE);
      orchard_plot_get_area (ORCHARD_PLOT (plot), 300, 200, &area);
      g_assert_false (orchard_plot_pick (ORCHARD_PLOT (plot), 300, 200, area.origin.x + 10, area.origin.y + 10, &hit));

      /* No series colour anywhere, but the "No data" text is there. */
      for (int y = 0; y < 200; y++)
        for (int x = 0; x < 300; x++)
          g_assert_false (is_series (pixel_at (surface, x, y)));
      cairo_surface_destroy (surface);

      /* Tiny sizes do not crash or draw out of bounds. */
      surface = orchard_plot_render_to_surface (ORCHARD_PLOT (plot), 20, 10, 1, TRUE);
      cairo_surface_destroy (surface);
    }
}

typedef struct
{
  guint n_text;
  guint n_cairo;
  guint n_clip;
} NodeCount;

static void
count_nodes (GskRenderNode *node,
             NodeCount     *count)
{
  switch (gsk_render_node_get_node_type (node))
    {
    case GSK_CONTAINER_NODE:
      for (guint i = 0; i < gsk_container_node_get_n_children (node); i++)
        count_nodes (gsk_container_node_get_child (node, i), count);
      break;

    case GSK_TRANSFORM_NODE:
      count_nodes (gsk_transform_node_get_child (node), count);
      break;

    case GSK_CLIP_NODE:
      count->n_clip++;
      count_nodes (gsk_clip_node_get_child (node), count);
      break;

    case GSK_TEXT_NODE:
      count->n_text++;
      break;

    case GSK_CAIRO_NODE:
      count->n_cairo++;
      break;

    default:
      break;
    }
}

/* The on-screen path: snapshot an allocated (still windowless) widget and
 * draw its render nodes; bars land where the export puts them. */
static void
test_snapshot (void)
{
  g_autoptr(GtkWidget) plot = new_plot (ORCHARD_TYPE_BAR_PLOT);
  static const char * const labels[] = { "Adelie", "Gentoo", "Chinstrap" };
  static const double values[] = { 152, 124, 68 };
  GtkSnapshot *snapshot;
  GskRenderNode *node;
  cairo_surface_t *surface;
  graphene_rect_t area;
  NodeCount count = { 0 }, selected = { 0 };
  cairo_t *cr;
  int min, nat;

  orchard_plot_set_title (ORCHARD_PLOT (plot), "Species");
  gtk_orientable_set_orientation (GTK_ORIENTABLE (plot), GTK_ORIENTATION_VERTICAL);
  orchard_bar_plot_set_data (ORCHARD_BAR_PLOT (plot), labels, values, 3);

  gtk_widget_measure (plot, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
  g_assert_cmpint (min, <=, 400);
  gtk_widget_measure (plot, GTK_ORIENTATION_VERTICAL, 400, &min, &nat, NULL, NULL);
  g_assert_cmpint (min, <=, 300);
  gtk_widget_size_allocate (plot, &(GtkAllocation) { 0, 0, 400, 300 }, -1);

  g_assert_true (gtk_widget_get_focusable (plot));

  snapshot = gtk_snapshot_new ();
  GTK_WIDGET_GET_CLASS (plot)->snapshot (plot, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);

  /* Paths in cairo nodes, labels in text nodes, the data clipped. */
  count_nodes (node, &count);
  g_assert_cmpuint (count.n_cairo, >=, 1);
  g_assert_cmpuint (count.n_text, >=, 4);
  g_assert_cmpuint (count.n_clip, >=, 1);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 400, 300);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  gsk_render_node_draw (node, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  gsk_render_node_unref (node);

  orchard_plot_get_area (ORCHARD_PLOT (plot), 400, 300, &area);
  for (guint i = 0; i < 3; i++)
    {
      double cx = area.origin.x + (i + 0.5) / 3 * area.size.width;

      g_assert_true (is_accent (pixel_at (surface, cx, area.origin.y + area.size.height - 3)));
    }
  g_assert_false (is_accent (pixel_at (surface, area.origin.x + 2, area.origin.y + area.size.height - 3)));
  cairo_surface_destroy (surface);

  /* A keyboard selection adds its callout: more text (a node per line). */
  g_assert_true (orchard_plot_select_item (ORCHARD_PLOT (plot), 0, 1));
  snapshot = gtk_snapshot_new ();
  GTK_WIDGET_GET_CLASS (plot)->snapshot (plot, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  count_nodes (node, &selected);
  g_assert_cmpuint (selected.n_text, >, count.n_text);
  gsk_render_node_unref (node);
}

static cairo_surface_t *
snapshot_widget (GtkWidget *widget,
                 const char *background)
{
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  GskRenderNode *node;
  cairo_surface_t *surface;
  GdkRGBA bg;
  cairo_t *cr;

  GTK_WIDGET_GET_CLASS (widget)->snapshot (widget, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cr = cairo_create (surface);
  gdk_rgba_parse (&bg, background);
  gdk_cairo_set_source_rgba (cr, &bg);
  cairo_paint (cr);
  gsk_render_node_draw (node, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  gsk_render_node_unref (node);

  return surface;
}

static void
wait_for (gboolean (*condition) (GtkWidget *),
          GtkWidget *widget)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!condition (widget))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static void
frame_painted_cb (GdkFrameClock *clock,
                  gboolean      *painted)
{
  *painted = TRUE;
}

/* Waits until the window of @widget has painted a frame.
 *
 * Reading a colour off the style context (as has_light_foreground() does)
 * recomputes the style there and then, but GTK only tells the widgets, with
 * css_changed, when it validates the styles in the layout phase of the next
 * frame, just before it paints that frame. Until then a widget still has the
 * colours of before the change, and a snapshot taken by hand shows them:
 * wait for that frame. This only asks for a frame, not for @widget to be
 * redrawn: following the theme is up to the widget. */
static void
wait_for_frame (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  gboolean painted = FALSE;
  gulong handler;

  g_assert_nonnull (clock);
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (frame_painted_cb), &painted);
  gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_AFTER_PAINT);

  while (!painted)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }

  g_signal_handler_disconnect (clock, handler);
}

static gboolean
has_light_foreground (GtkWidget *widget)
{
  GdkRGBA fg;

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);

  return fg.red > 0.5 && fg.green > 0.5 && fg.blue > 0.5;
}

/* In a window, colours come from the theme and follow dark mode, through
 * css_changed, with the accent from libadwaita. */
static void
test_window_theme (void)
{
  AdwStyleManager *style_manager;
  GtkWidget *window;
  GtkWidget *plot = orchard_histogram_plot_new ();
  cairo_surface_t *light, *dark;
  int light_min = 255, dark_max = 0;
  graphene_rect_t area;
  GdkRGBA accent;

  adw_init ();
  style_manager = adw_style_manager_get_default ();
  adw_style_manager_set_color_scheme (style_manager, ADW_COLOR_SCHEME_FORCE_LIGHT);

  orchard_plot_set_title (ORCHARD_PLOT (plot), "Bill length");
  orchard_histogram_plot_set_bins (ORCHARD_HISTOGRAM_PLOT (plot), bill_edges, bill_counts,
                                   G_N_ELEMENTS (bill_counts));

  window = adw_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 400, 300);
  adw_window_set_content (ADW_WINDOW (window), plot);
  gtk_window_present (GTK_WINDOW (window));
  wait_for (gtk_widget_get_mapped, plot);
  wait_for_frame (plot);

  g_assert_true (gtk_style_context_lookup_color (gtk_widget_get_style_context (plot), "accent_bg_color", &accent));
  light = snapshot_widget (plot, "#fafafa");

  adw_style_manager_set_color_scheme (style_manager, ADW_COLOR_SCHEME_FORCE_DARK);
  wait_for (has_light_foreground, plot);
  wait_for_frame (plot);
  g_assert_true (adw_style_manager_get_dark (style_manager));
  dark = snapshot_widget (plot, "#242424");

  for (int y = 8; y < 24; y++)
    for (int x = 8; x < 80; x++)
      {
        light_min = MIN (light_min, luminance (pixel_at (light, x, y)));
        dark_max = MAX (dark_max, luminance (pixel_at (dark, x, y)));
      }
  g_assert_cmpint (light_min, <, 90);
  g_assert_cmpint (dark_max, >, 180);

  /* Bars in the theme's accent, in both. */
  orchard_plot_get_area (ORCHARD_PLOT (plot), gtk_widget_get_width (plot), gtk_widget_get_height (plot), &area);
  {
    Rgb expected = { (int) round (accent.red * 255), (int) round (accent.green * 255), (int) round (accent.blue * 255) };
    double x = area.origin.x + area.size.width * (15.0 / 28);
    double y = area.origin.y + area.size.height - 4;

    g_assert_true (rgb_near (pixel_at (light, x, y), expected, 2));
    g_assert_true (rgb_near (pixel_at (dark, x, y), expected, 2));
  }

  {
    g_autofree char *light_path = render_path ("widget-light.png");
    g_autofree char *dark_path = render_path ("widget-dark.png");

    cairo_surface_write_to_png (light, light_path);
    cairo_surface_write_to_png (dark, dark_path);
  }

  cairo_surface_destroy (light);
  cairo_surface_destroy (dark);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Realistic plots at the sizes the app uses, saved for looking at. */
static void
test_gallery (void)
{
  static const char * const species[] = { "Adelie", "Gentoo", "Chinstrap" };
  static const double species_counts[] = { 152, 124, 68 };
  static const char * const islands[] = {
    "Biscoe", "Dream", "Torgersen", "Anvers (north shore, long name)", "Cuverville", "Petermann", "Pléneau",
  };
  static const double island_counts[] = { 168, 124, 52, 31, 17, 9, 4 };
  g_autoptr(GtkWidget) histogram = new_plot (ORCHARD_TYPE_HISTOGRAM_PLOT);
  g_autoptr(GtkWidget) overlay = new_plot (ORCHARD_TYPE_HISTOGRAM_PLOT);
  g_autoptr(GtkWidget) bars = new_plot (ORCHARD_TYPE_BAR_PLOT);
  g_autoptr(GtkWidget) columns = new_plot (ORCHARD_TYPE_BAR_PLOT);
  g_autoptr(GtkWidget) many = new_plot (ORCHARD_TYPE_BAR_PLOT);
  g_autoptr(GtkWidget) curve = new_plot (ORCHARD_TYPE_LINE_PLOT);
  g_autoptr(GtkWidget) empty = new_plot (ORCHARD_TYPE_LINE_PLOT);
  double iterations[60], train[60], valid[60];

  orchard_plot_set_title (ORCHARD_PLOT (histogram), "bill_length_mm");
  orchard_plot_set_subtitle (ORCHARD_PLOT (histogram), "2 of 344 values missing (0.6%)");
  orchard_plot_axis_set_title (orchard_plot_get_y_axis (ORCHARD_PLOT (histogram)), "Count");
  orchard_histogram_plot_set_bins (ORCHARD_HISTOGRAM_PLOT (histogram), bill_edges, bill_counts,
                                   G_N_ELEMENTS (bill_counts));
  save_renders (histogram, "histogram", 480, 300);
  save_renders (histogram, "histogram-small", 320, 180);

  orchard_plot_set_title (ORCHARD_PLOT (overlay), "bill_length_mm: drift");
  orchard_plot_axis_set_title (orchard_plot_get_x_axis (ORCHARD_PLOT (overlay)), "Bill length (mm)");
  orchard_histogram_plot_set_shares (ORCHARD_HISTOGRAM_PLOT (overlay), TRUE);
  orchard_histogram_plot_set_name (ORCHARD_HISTOGRAM_PLOT (overlay), "This week");
  orchard_histogram_plot_set_reference_name (ORCHARD_HISTOGRAM_PLOT (overlay), "Training data");
  orchard_histogram_plot_set_bins (ORCHARD_HISTOGRAM_PLOT (overlay), bill_edges, bill_counts,
                                   G_N_ELEMENTS (bill_counts));
  orchard_histogram_plot_set_reference (ORCHARD_HISTOGRAM_PLOT (overlay), bill_edges, bill_reference,
                                        G_N_ELEMENTS (bill_reference));
  save_renders (overlay, "histogram-overlay", 480, 300);

  orchard_plot_set_title (ORCHARD_PLOT (bars), "species");
  orchard_plot_axis_set_title (orchard_bar_plot_get_value_axis (ORCHARD_BAR_PLOT (bars)), "Count");
  orchard_bar_plot_set_show_values (ORCHARD_BAR_PLOT (bars), TRUE);
  orchard_bar_plot_set_sort (ORCHARD_BAR_PLOT (bars), ORCHARD_BAR_PLOT_SORT_DESCENDING);
  orchard_bar_plot_set_data (ORCHARD_BAR_PLOT (bars), species, species_counts, 3);
  save_renders (bars, "bar-horizontal", 480, 240);
  save_renders (bars, "bar-horizontal-small", 320, 160);

  orchard_plot_set_title (ORCHARD_PLOT (columns), "species");
  gtk_orientable_set_orientation (GTK_ORIENTABLE (columns), GTK_ORIENTATION_VERTICAL);
  orchard_bar_plot_set_show_values (ORCHARD_BAR_PLOT (columns), TRUE);
  orchard_bar_plot_set_data (ORCHARD_BAR_PLOT (columns), species, species_counts, 3);
  save_renders (columns, "bar-vertical", 480, 300);

  orchard_plot_set_title (ORCHARD_PLOT (many), "island");
  orchard_plot_set_subtitle (ORCHARD_PLOT (many), "7 levels");
  orchard_bar_plot_set_max_bars (ORCHARD_BAR_PLOT (many), 5);
  orchard_bar_plot_set_show_values (ORCHARD_BAR_PLOT (many), TRUE);
  orchard_bar_plot_set_sort (ORCHARD_BAR_PLOT (many), ORCHARD_BAR_PLOT_SORT_DESCENDING);
  orchard_bar_plot_set_data (ORCHARD_BAR_PLOT (many), islands, island_counts, G_N_ELEMENTS (island_counts));
  save_renders (many, "bar-folded", 400, 260);

  for (guint i = 0; i < G_N_ELEMENTS (iterations); i++)
    {
      double round_ = i + 1.0;

      iterations[i] = round_ * 5;
      train[i] = 0.25 + 0.45 * exp (-round_ / 9.0);
      valid[i] = 0.31 + 0.42 * exp (-round_ / 12.0) + 0.0009 * round_;
    }
  orchard_plot_set_title (ORCHARD_PLOT (curve), "Learning curve");
  orchard_plot_axis_set_title (orchard_plot_get_x_axis (ORCHARD_PLOT (curve)), "Boosting rounds");
  orchard_plot_axis_set_title (orchard_plot_get_y_axis (ORCHARD_PLOT (curve)), "Log loss");
  orchard_line_plot_add_series (ORCHARD_LINE_PLOT (curve), "Training", iterations, train, 60);
  orchard_line_plot_add_series (ORCHARD_LINE_PLOT (curve), "Validation", iterations, valid, 60);
  save_renders (curve, "line", 480, 300);

  orchard_plot_set_title (ORCHARD_PLOT (empty), "Learning curve");
  save_renders (empty, "empty", 320, 200);
}

int
main (int   argc,
      char *argv[])
{
  /* Labels follow the locale; the expected ones are C's. */
  gtk_disable_setlocale ();
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      g_printerr ("No display: skipping the plot rendering tests\n");
      return 77;
    }

  g_test_add_func ("/app/Plots/bar-vertical", test_bar_vertical);
  g_test_add_func ("/app/Plots/bar-horizontal-sorted", test_bar_horizontal_sorted);
  g_test_add_func ("/app/Plots/clip", test_clip);
  g_test_add_func ("/app/Plots/histogram", test_histogram);
  g_test_add_func ("/app/Plots/line", test_line);
  g_test_add_func ("/app/Plots/dark", test_dark);
  g_test_add_func ("/app/Plots/crisp", test_crisp);
  g_test_add_func ("/app/Plots/export", test_export);
  g_test_add_func ("/app/Plots/export-async", test_export_async);
  g_test_add_func ("/app/Plots/pick-and-text", test_pick_and_text);
  g_test_add_func ("/app/Plots/description", test_description);
  g_test_add_func ("/app/Plots/empty", test_empty);
  g_test_add_func ("/app/Plots/snapshot", test_snapshot);
  g_test_add_func ("/app/Plots/gallery", test_gallery);
  g_test_add_func ("/app/Plots/window-theme", test_window_theme);

  return g_test_run ();
}
