/* test-drift-plots.c: the Monitor page's plots, rendered without a window, checked by their pixels
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * OrchardGroupedBarPlot (a reference and a current batch per category) and
 * OrchardDriftTimeline (the drifted share and the heat strip over chunks):
 * where their marks land and in which colour, what hovering them says, and
 * what a screen reader hears. Renders go to $ORCHARD_PLOT_RENDER_DIR.
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
  int px = (int) floor (x), py = (int) floor (y);
  int stride = cairo_image_surface_get_stride (surface);
  const guint8 *data = cairo_image_surface_get_data (surface);
  guint32 argb;

  g_assert_cmpint (px, >=, 0);
  g_assert_cmpint (py, >=, 0);
  g_assert_cmpint (px, <, cairo_image_surface_get_width (surface));
  g_assert_cmpint (py, <, cairo_image_surface_get_height (surface));
  argb = *(const guint32 *) (gconstpointer) (data + py * stride + px * 4);

  return (Rgb) { (argb >> 16) & 0xff, (argb >> 8) & 0xff, argb & 0xff };
}

static Rgb
rgb_parse (const char *spec)
{
  GdkRGBA rgba;

  g_assert_true (gdk_rgba_parse (&rgba, spec));
  return (Rgb) { (int) round (rgba.red * 255), (int) round (rgba.green * 255), (int) round (rgba.blue * 255) };
}

static gboolean
rgb_near (Rgb c,
          Rgb expected,
          int tolerance)
{
  return abs (c.r - expected.r) <= tolerance && abs (c.g - expected.g) <= tolerance &&
         abs (c.b - expected.b) <= tolerance;
}

/* The builtin light palette's first two series, and libadwaita's error colours. */
#define ACCENT        "#3584e4"
#define SERIES1       "#e66100"
#define DRIFT_LIGHT   "#e01b24"
#define DRIFT_DARK    "#ff7b63"

static gboolean
is_red (Rgb c)
{
  /* Red dominates, whatever the opacity over a light or dark background. */
  return c.r > 150 && c.r > c.g + 60 && c.r > c.b + 60;
}

static void
save_render (GtkWidget  *plot,
             const char *name,
             int         width,
             int         height,
             gboolean    dark)
{
  const char *dir = g_getenv ("ORCHARD_PLOT_RENDER_DIR");
  g_autofree char *fallback = NULL;
  g_autofree char *file = g_strdup_printf ("%s-%s.png", name, dark ? "dark" : "light");
  g_autofree char *path = NULL;
  cairo_surface_t *surface;

  if (dir == NULL)
    dir = fallback = g_build_filename (g_get_tmp_dir (), "orchard-plot-renders", NULL);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  path = g_build_filename (dir, file, NULL);

  surface = orchard_plot_render_to_surface (ORCHARD_PLOT (plot), width, height, 1, dark);
  g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
}

/* The length of the run of @colour pixels from @x along row @y. */
static int
run_length (cairo_surface_t *surface,
            double           x,
            double           y,
            Rgb              colour)
{
  int n = 0;

  while (x + n < cairo_image_surface_get_width (surface) && rgb_near (pixel_at (surface, x + n, y), colour, 24))
    n++;
  return n;
}

/* ---- grouped bars ---------------------------------------------------------- */

static const char * const weather[] = { "rain", "sun", "fog" };
static const double current_counts[] = { 50, 30, 20 };    /* shares 0.5, 0.3, 0.2 */
static const double reference_counts[] = { 40, 60, 100 }; /* shares 0.2, 0.3, 0.5 */

static GtkWidget *
new_bars (void)
{
  GtkWidget *plot = g_object_ref_sink (orchard_grouped_bar_plot_new ());

  orchard_grouped_bar_plot_set_categories (ORCHARD_GROUPED_BAR_PLOT (plot), weather, 3);
  orchard_grouped_bar_plot_add_series (ORCHARD_GROUPED_BAR_PLOT (plot), "Current", current_counts);
  orchard_grouped_bar_plot_add_series (ORCHARD_GROUPED_BAR_PLOT (plot), "Reference", reference_counts);
  orchard_grouped_bar_plot_set_shares (ORCHARD_GROUPED_BAR_PLOT (plot), TRUE);
  return plot;
}

static void
test_grouped_bars (void)
{
  g_autoptr(GtkWidget) plot = new_bars ();
  OrchardPlotAxis *y_axis = orchard_plot_get_y_axis (ORCHARD_PLOT (plot));
  cairo_surface_t *surface = orchard_plot_render_to_surface (ORCHARD_PLOT (plot), 480, 300, 1, FALSE);
  Rgb current = rgb_parse (ACCENT), reference = rgb_parse (SERIES1);
  graphene_rect_t area;
  int lengths[2][3];

  g_assert_cmpfloat (orchard_grouped_bar_plot_get_value (ORCHARD_GROUPED_BAR_PLOT (plot), 0, 0), ==, 0.5);
  g_assert_cmpfloat (orchard_grouped_bar_plot_get_value (ORCHARD_GROUPED_BAR_PLOT (plot), 1, 2), ==, 0.5);
  orchard_plot_get_area (ORCHARD_PLOT (plot), 480, 300, &area);

  /* Down each category's band: the current bar above the reference bar,
   * each as long as its share. */
  for (guint i = 0; i < 3; i++)
    {
      double centre = area.origin.y + (1 - orchard_plot_axis_map (y_axis, i)) * area.size.height;
      double x = area.origin.x + 2;
      double first_current = -1, first_reference = -1;

      for (double y = centre - 30; y <= centre + 30; y++)
        {
          if (first_current < 0 && rgb_near (pixel_at (surface, x, y), current, 24))
            first_current = y;
          if (first_reference < 0 && rgb_near (pixel_at (surface, x, y), reference, 24))
            first_reference = y;
        }
      g_assert_cmpfloat (first_current, >=, 0);
      g_assert_cmpfloat (first_reference, >, first_current);
      lengths[0][i] = run_length (surface, x, first_current + 1, current);
      lengths[1][i] = run_length (surface, x, first_reference + 1, reference);
    }

  /* Shares 0.5 : 0.2 in the first band, equal in the second, 0.2 : 0.5 in
   * the third, to the pixel. */
  g_assert_cmpint (abs (lengths[0][0] * 2 - lengths[1][0] * 5), <=, 8);
  g_assert_cmpint (abs (lengths[0][1] - lengths[1][1]), <=, 1);
  g_assert_cmpint (abs (lengths[0][2] * 5 - lengths[1][2] * 2), <=, 8);
  g_assert_cmpint (abs (lengths[0][0] - lengths[1][2]), <=, 1);
  cairo_surface_destroy (surface);

  /* Hovering a category compares both sides. */
  {
    double centre = area.origin.y + (1 - orchard_plot_axis_map (y_axis, 1)) * area.size.height;
    OrchardPlotHit hit;
    g_autofree char *text = NULL;

    g_assert_true (orchard_plot_pick (ORCHARD_PLOT (plot), 480, 300, area.origin.x + 10, centre - 3, &hit));
    g_assert_cmpuint (hit.index, ==, 1);
    text = orchard_plot_dup_item_text (ORCHARD_PLOT (plot), hit.series, hit.index);
    g_assert_cmpstr (text, ==, "sun\nCurrent: 30 (30.0%)\nReference: 60 (30.0%)");
  }

  {
    g_autofree char *description = orchard_plot_dup_description (ORCHARD_PLOT (plot));

    g_assert_cmpstr (description, ==,
                     "Bars of 3 categories for Current (largest rain, 50 (50.0%)); Reference (largest fog, 100 (50.0%)).");
  }

  save_render (plot, "grouped-bars", 480, 300, FALSE);
  save_render (plot, "grouped-bars", 480, 300, TRUE);

  /* Clearing the categories clears the series. */
  orchard_grouped_bar_plot_clear (ORCHARD_GROUPED_BAR_PLOT (plot));
  g_assert_cmpuint (orchard_grouped_bar_plot_get_n_series (ORCHARD_GROUPED_BAR_PLOT (plot)), ==, 0);
  {
    g_autofree char *description = orchard_plot_dup_description (ORCHARD_PLOT (plot));
    g_assert_cmpstr (description, ==, "Bar chart with no data");
  }
}

/* ---- the timeline ---------------------------------------------------------- */

static const char * const chunks[] = { "2015-01", "2015-02", "2015-03" };
static const double shares[] = { 0.0, 0.5, 1.0 };

static GtkWidget *
new_timeline (void)
{
  GtkWidget *plot = g_object_ref_sink (orchard_drift_timeline_new ());
  /* temp: KS p-values, drifted in the last two chunks */
  const double temp_statistic[] = { 0.05, 0.2, 0.4 };
  const double temp_p[] = { 0.6, 0.01, 1e-6 };
  const gboolean temp_drifted[] = { FALSE, TRUE, TRUE };
  /* wind: a distance, drifted in the last chunk only; not tested in the first */
  const double wind_statistic[] = { NAN, 0.05, 0.3 };
  const gboolean wind_drifted[] = { FALSE, FALSE, TRUE };

  orchard_drift_timeline_set_chunks (ORCHARD_DRIFT_TIMELINE (plot), chunks, shares, 3, 0.5);
  orchard_drift_timeline_add_feature (ORCHARD_DRIFT_TIMELINE (plot), "temp", "ks", temp_statistic, temp_p,
                                      temp_drifted, 0.05);
  orchard_drift_timeline_add_feature (ORCHARD_DRIFT_TIMELINE (plot), "wind", "wasserstein", wind_statistic, NULL,
                                      wind_drifted, 0.1);
  return plot;
}

/* The centre of a band of a band axis, in pixels. */
static double
band_x (OrchardPlot           *plot,
        const graphene_rect_t *area,
        guint                  index)
{
  return area->origin.x + orchard_plot_axis_map (orchard_plot_get_x_axis (plot), index) * area->size.width;
}

static double
band_y (OrchardPlot           *plot,
        const graphene_rect_t *area,
        const char            *row)
{
  OrchardPlotAxis *axis = orchard_plot_get_y_axis (plot);
  const char * const *categories = orchard_plot_axis_get_categories (axis);

  for (guint i = 0; categories[i] != NULL; i++)
    if (g_str_equal (categories[i], row))
      return area->origin.y + (1 - orchard_plot_axis_map (axis, i)) * area->size.height;

  g_assert_not_reached ();
}

static void
test_timeline (void)
{
  g_autoptr(GtkWidget) plot = new_timeline ();
  OrchardPlot *p = ORCHARD_PLOT (plot);
  graphene_rect_t area;

  g_assert_cmpuint (orchard_drift_timeline_get_n_chunks (ORCHARD_DRIFT_TIMELINE (plot)), ==, 3);
  g_assert_cmpuint (orchard_drift_timeline_get_n_features (ORCHARD_DRIFT_TIMELINE (plot)), ==, 2);
  /* Severity: log p / log threshold for a p-value, the ratio for a distance. */
  g_assert_cmpfloat_with_epsilon (orchard_drift_timeline_get_severity (ORCHARD_DRIFT_TIMELINE (plot), 0, 1),
                                  log (0.01) / log (0.05), 1e-12);
  g_assert_cmpfloat_with_epsilon (orchard_drift_timeline_get_severity (ORCHARD_DRIFT_TIMELINE (plot), 1, 2), 3.0, 1e-12);
  g_assert_true (isnan (orchard_drift_timeline_get_severity (ORCHARD_DRIFT_TIMELINE (plot), 1, 0)));

  orchard_plot_get_area (p, 480, 320, &area);

  for (guint dark = 0; dark < 2; dark++)
    {
      cairo_surface_t *surface = orchard_plot_render_to_surface (p, 480, 320, 1, dark);

      /* Drifted cells red; the others not. */
      g_assert_false (is_red (pixel_at (surface, band_x (p, &area, 0), band_y (p, &area, "temp"))));
      g_assert_true (is_red (pixel_at (surface, band_x (p, &area, 1), band_y (p, &area, "temp"))));
      g_assert_true (is_red (pixel_at (surface, band_x (p, &area, 2), band_y (p, &area, "temp"))));
      g_assert_false (is_red (pixel_at (surface, band_x (p, &area, 0), band_y (p, &area, "wind"))));
      g_assert_false (is_red (pixel_at (surface, band_x (p, &area, 1), band_y (p, &area, "wind"))));
      g_assert_true (is_red (pixel_at (surface, band_x (p, &area, 2), band_y (p, &area, "wind"))));
      /* Further past the threshold, stronger: p = 1e-6 over p = 0.01. */
      {
        Rgb weak = pixel_at (surface, band_x (p, &area, 1), band_y (p, &area, "temp"));
        Rgb strong = pixel_at (surface, band_x (p, &area, 2), band_y (p, &area, "temp"));
        Rgb full = rgb_parse (dark ? DRIFT_DARK : DRIFT_LIGHT);

        g_assert_true (rgb_near (strong, full, 6));
        g_assert_false (rgb_near (weak, full, 6));
      }

      /* The share line: 0% at the bottom label, 100% at the top one; the
       * chunk that drifted as a whole has a red point there. */
      g_assert_true (is_red (pixel_at (surface, band_x (p, &area, 2), band_y (p, &area, "100%"))));
      g_assert_false (is_red (pixel_at (surface, band_x (p, &area, 0), band_y (p, &area, "0%"))));
      g_assert_true (rgb_near (pixel_at (surface, band_x (p, &area, 0), band_y (p, &area, "0%")), rgb_parse (ACCENT), 40));
      cairo_surface_destroy (surface);
    }

  /* Hovering a cell, then a point. */
  {
    OrchardPlotHit hit;
    g_autofree char *cell = NULL;
    g_autofree char *untested = NULL;
    g_autofree char *point = NULL;

    g_assert_true (orchard_plot_pick (p, 480, 320, band_x (p, &area, 1), band_y (p, &area, "temp"), &hit));
    g_assert_cmpuint (hit.series, ==, 1);
    g_assert_cmpuint (hit.index, ==, 1);
    cell = orchard_plot_dup_item_text (p, hit.series, hit.index);
    g_assert_cmpstr (cell, ==, "2015-02\ntemp: ks 0.2, p = 0.01, drifted");

    untested = orchard_plot_dup_item_text (p, 2, 0);
    g_assert_cmpstr (untested, ==, "2015-01\nwind: not tested");

    g_assert_true (orchard_plot_pick (p, 480, 320, band_x (p, &area, 1), band_y (p, &area, "Drift share"), &hit));
    g_assert_cmpuint (hit.series, ==, 0);
    g_assert_cmpuint (hit.index, ==, 1);
    point = orchard_plot_dup_item_text (p, hit.series, hit.index);
    g_assert_cmpstr (point, ==, "2015-02\nDrifted features: 50%");
  }

  {
    g_autofree char *description = orchard_plot_dup_description (p);

    g_assert_cmpstr (description, ==,
                     "Drift timeline of 3 chunks; 2 drifted as a whole; the most drifted, 2015-03, has 100% of "
                     "its features drifted. temp drifted in 2 chunks. wind drifted in 1 chunk.");
  }

  save_render (plot, "drift-timeline", 480, 320, FALSE);
  save_render (plot, "drift-timeline", 480, 320, TRUE);

  orchard_drift_timeline_clear (ORCHARD_DRIFT_TIMELINE (plot));
  {
    g_autofree char *description = orchard_plot_dup_description (p);
    g_assert_cmpstr (description, ==, "Drift timeline with no chunks");
  }
}

/* The histogram's density mode: share per unit of x for bins of unequal widths. */
static void
test_histogram_density (void)
{
  g_autoptr(GtkWidget) plot = g_object_ref_sink (orchard_histogram_plot_new ());
  const double edges[] = { 0, 1, 5 };
  const double counts[] = { 50, 50 };
  OrchardPlotAxis *y_axis = orchard_plot_get_y_axis (ORCHARD_PLOT (plot));
  cairo_surface_t *surface;
  graphene_rect_t area;
  double top0 = -1, top1 = -1;

  orchard_histogram_plot_set_bins (ORCHARD_HISTOGRAM_PLOT (plot), edges, counts, 2);
  orchard_histogram_plot_set_shares (ORCHARD_HISTOGRAM_PLOT (plot), TRUE);
  orchard_histogram_plot_set_density (ORCHARD_HISTOGRAM_PLOT (plot), TRUE);
  g_assert_true (orchard_histogram_plot_get_density (ORCHARD_HISTOGRAM_PLOT (plot)));
  /* Densities are not percentages. */
  g_assert_false (orchard_plot_axis_get_percent (y_axis));

  surface = orchard_plot_render_to_surface (ORCHARD_PLOT (plot), 400, 300, 1, FALSE);
  orchard_plot_get_area (ORCHARD_PLOT (plot), 400, 300, &area);

  /* Half the values in each bin; the first is a quarter as wide, so its
   * bar is four times as tall: 0.5 per unit against 0.125. */
  for (double y = area.origin.y; y < area.origin.y + area.size.height; y++)
    {
      double x0 = area.origin.x + area.size.width * 0.1;
      double x1 = area.origin.x + area.size.width * 0.6;

      if (top0 < 0 && rgb_near (pixel_at (surface, x0, y), rgb_parse (ACCENT), 24))
        top0 = y;
      if (top1 < 0 && rgb_near (pixel_at (surface, x1, y), rgb_parse (ACCENT), 24))
        top1 = y;
    }
  {
    double base = area.origin.y + (1 - orchard_plot_axis_map (y_axis, 0)) * area.size.height;

    g_assert_cmpfloat (top0, >=, 0);
    g_assert_cmpfloat (top1, >=, 0);
    g_assert_cmpfloat (fabs ((base - top0) - 4 * (base - top1)), <=, 6);
  }
  cairo_surface_destroy (surface);

  /* Off again: shares, in percent, the two bars equal. */
  orchard_histogram_plot_set_density (ORCHARD_HISTOGRAM_PLOT (plot), FALSE);
  g_assert_true (orchard_plot_axis_get_percent (y_axis));
}

int
main (int   argc,
      char *argv[])
{
  gtk_disable_setlocale ();
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      g_printerr ("No display: skipping the drift plot rendering tests\n");
      return 77;
    }

  g_test_add_func ("/app/DriftPlots/grouped-bars", test_grouped_bars);
  g_test_add_func ("/app/DriftPlots/timeline", test_timeline);
  g_test_add_func ("/app/DriftPlots/histogram-density", test_histogram_density);

  return g_test_run ();
}
