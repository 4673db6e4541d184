/* test-eval-plots.c: the Evaluate page's plots, rendered without a window
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each plot is given data with known answers: it must have the series it
 * should, say the values in its accessible description, draw them where
 * the axes put them, and render in light and dark. Renders land in
 * $ORCHARD_PLOT_RENDER_DIR for people to look at.
 */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>
#include <glib/gstdio.h>

#include <adwaita.h>

#include "orchard-plots.h"
#include "orchard-plot-private.h"

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
  int stride = cairo_image_surface_get_stride (surface);
  const guint8 *data = cairo_image_surface_get_data (surface);
  int px = (int) floor (x), py = (int) floor (y);
  guint32 argb;

  g_assert_cmpint (px, >=, 0);
  g_assert_cmpint (py, >=, 0);
  g_assert_cmpint (px, <, cairo_image_surface_get_width (surface));
  g_assert_cmpint (py, <, cairo_image_surface_get_height (surface));
  argb = *(const guint32 *) (gconstpointer) (data + py * stride + px * 4);

  return (Rgb) { (argb >> 16) & 0xff, (argb >> 8) & 0xff, argb & 0xff };
}

static gboolean
rgb_near (Rgb         c,
          const char *spec,
          int         tolerance)
{
  GdkRGBA rgba;

  g_assert_true (gdk_rgba_parse (&rgba, spec));

  return abs (c.r - (int) round (rgba.red * 255)) <= tolerance &&
         abs (c.g - (int) round (rgba.green * 255)) <= tolerance &&
         abs (c.b - (int) round (rgba.blue * 255)) <= tolerance;
}

static int
luminance (Rgb c)
{
  return (int) round (0.2126 * c.r + 0.7152 * c.g + 0.0722 * c.b);
}

static GtkWidget *
keep (GtkWidget *plot)
{
  return g_object_ref_sink (plot);
}

/* Saves light and dark renders, and checks both have the background of
 * their theme in a corner and something drawn on it. */
static void
save_renders (GtkWidget  *plot,
              const char *name,
              int         width,
              int         height)
{
  const char *dir = g_getenv ("ORCHARD_PLOT_RENDER_DIR");
  g_autofree char *fallback = NULL;

  if (dir == NULL)
    dir = fallback = g_build_filename (g_get_tmp_dir (), "orchard-plot-renders", NULL);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);

  for (guint dark = 0; dark < 2; dark++)
    {
      g_autofree char *file = g_strdup_printf ("%s-%s.png", name, dark ? "dark" : "light");
      g_autofree char *path = g_build_filename (dir, file, NULL);
      cairo_surface_t *surface = orchard_plot_render_to_surface (ORCHARD_PLOT (plot), width, height, 1, dark);

      g_assert_true (rgb_near (pixel_at (surface, 1, 1), dark ? "#1e1e1e" : "#ffffff", 2));
      g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
      cairo_surface_destroy (surface);
    }
}

/* The pixel at data coordinates (fx, fy) of a plot rendered at w × h. */
static Rgb
data_pixel (GtkWidget       *plot,
            cairo_surface_t *surface,
            int              width,
            int              height,
            double           fx,
            double           fy)
{
  graphene_rect_t area;

  orchard_plot_get_area (ORCHARD_PLOT (plot), width, height, &area);

  return pixel_at (surface, area.origin.x + fx * area.size.width,
                   area.origin.y + (1 - fy) * area.size.height);
}

static void
test_roc (void)
{
  g_autoptr(GtkWidget) plot = keep (orchard_curve_plot_new (ORCHARD_CURVE_PLOT_ROC));
  OrchardCurvePlot *curves = ORCHARD_CURVE_PLOT (plot);
  static const double fpr_a[] = { 0, 0, 0.1, 0.3, 1 };
  static const double tpr_a[] = { 0, 0.5, 0.8, 0.95, 1 };
  static const double fpr_b[] = { 0, 0.5, 1 };
  static const double tpr_b[] = { 0, 0.7, 1 };
  g_autofree char *description = NULL;
  g_autofree char *item = NULL;
  cairo_surface_t *surface;

  g_assert_cmpuint (orchard_curve_plot_add_series (curves, "Logistic", fpr_a, tpr_a, 5, 0.9525), ==, 0);
  g_assert_cmpuint (orchard_curve_plot_add_series (curves, "k-NN", fpr_b, tpr_b, 3, 0.6), ==, 1);
  orchard_curve_plot_set_marker (curves, 0, 0.1, 0.8);

  g_assert_cmpuint (orchard_curve_plot_get_n_series (curves), ==, 2);
  g_assert_cmpuint (orchard_curve_plot_get_n_points (curves, 0), ==, 5);
  g_assert_cmpstr (orchard_curve_plot_get_series_name (curves, 0), ==, "Logistic (AUC 0.953)");
  g_assert_cmpstr (orchard_curve_plot_get_series_name (curves, 1), ==, "k-NN (AUC 0.600)");

  description = orchard_plot_dup_description (ORCHARD_PLOT (plot));
  g_assert_nonnull (strstr (description, "Logistic, AUC 0.953, 5 points"));
  g_assert_nonnull (strstr (description, "k-NN, AUC 0.600, 3 points"));

  item = orchard_plot_dup_item_text (ORCHARD_PLOT (plot), 0, 2);
  g_assert_nonnull (strstr (item, "False positive rate: 0.1"));
  g_assert_nonnull (strstr (item, "True positive rate: 0.8"));

  /* Both axes run 0..1 whatever the data: (0.5, 0.7) is the second curve's
   * middle point, in its colour; the first curve's operating point is
   * marked in the first colour. */
  surface = orchard_plot_render_to_surface (ORCHARD_PLOT (plot), 500, 400, 1, FALSE);
  g_assert_true (rgb_near (data_pixel (plot, surface, 500, 400, 0.5, 0.7), "#e66100", 40));
  g_assert_true (rgb_near (data_pixel (plot, surface, 500, 400, 0.1, 0.8), "#3584e4", 10));
  /* The chance diagonal is drawn (dashed, dim): at the start of a dash. */
  g_assert_false (rgb_near (data_pixel (plot, surface, 500, 400, 0.001, 0.001), "#ffffff", 10));
  cairo_surface_destroy (surface);

  /* Hovering there finds the second curve's middle point. */
  {
    graphene_rect_t area;
    OrchardPlotHit hit;

    orchard_plot_get_area (ORCHARD_PLOT (plot), 500, 400, &area);
    g_assert_true (orchard_plot_pick (ORCHARD_PLOT (plot), 500, 400, area.origin.x + 0.5 * area.size.width,
                                      area.origin.y + 0.3 * area.size.height, &hit));
    g_assert_cmpuint (hit.series, ==, 1);
    g_assert_cmpuint (hit.index, ==, 1);
  }

  save_renders (plot, "eval-roc", 500, 400);
}

static void
test_precision_recall (void)
{
  g_autoptr(GtkWidget) plot = keep (orchard_curve_plot_new (ORCHARD_CURVE_PLOT_PRECISION_RECALL));
  OrchardCurvePlot *curves = ORCHARD_CURVE_PLOT (plot);
  static const double recall[] = { 1, 0.8, 0.5, 0 };
  static const double precision[] = { 0.4, 0.7, 0.9, 1 };
  g_autofree char *description = NULL;
  cairo_surface_t *surface;
  graphene_rect_t area;
  double y;
  gboolean found = FALSE;

  orchard_curve_plot_add_series (curves, "GBDT", recall, precision, 4, 0.8123);
  orchard_curve_plot_set_baseline (curves, 0.4);
  g_assert_cmpstr (orchard_curve_plot_get_series_name (curves, 0), ==, "GBDT (AP 0.812)");

  description = orchard_plot_dup_description (ORCHARD_PLOT (plot));
  g_assert_nonnull (strstr (description, "Precision-recall curves: GBDT, AP 0.812, 4 points"));
  g_assert_nonnull (strstr (description, "chance level 0.400"));

  /* The chance line is horizontal at 0.4: some pixel along it, between
   * dashes, is drawn. */
  surface = orchard_plot_render_to_surface (ORCHARD_PLOT (plot), 500, 400, 1, FALSE);
  orchard_plot_get_area (ORCHARD_PLOT (plot), 500, 400, &area);
  y = area.origin.y + 0.6 * area.size.height;
  for (int x = 0; x < 12; x++)
    found |= luminance (pixel_at (surface, area.origin.x + area.size.width / 4 + x, y)) < 230;
  g_assert_true (found);
  cairo_surface_destroy (surface);

  save_renders (plot, "eval-pr", 500, 400);
}

static void
test_calibration_and_gains (void)
{
  g_autoptr(GtkWidget) calibration = keep (orchard_curve_plot_new (ORCHARD_CURVE_PLOT_CALIBRATION));
  g_autoptr(GtkWidget) gains = keep (orchard_curve_plot_new (ORCHARD_CURVE_PLOT_GAINS));
  static const double mean_predicted[] = { 0.05, 0.25, 0.5, 0.75, 0.95 };
  static const double fraction[] = { 0.02, 0.3, 0.45, 0.8, 0.97 };
  static const double share[] = { 0, 0.2, 0.5, 1 };
  static const double found[] = { 0, 0.6, 0.9, 1 };
  g_autofree char *description = NULL;

  orchard_curve_plot_add_series (ORCHARD_CURVE_PLOT (calibration), "Logistic", mean_predicted, fraction, 5, 0.0312);
  g_assert_cmpstr (orchard_curve_plot_get_series_name (ORCHARD_CURVE_PLOT (calibration), 0), ==,
                   "Logistic (ECE 0.031)");
  description = orchard_plot_dup_description (ORCHARD_PLOT (calibration));
  g_assert_nonnull (strstr (description, "Calibration curves: Logistic, ECE 0.031, 5 points"));

  /* Gains have no summary: the legend is the name alone. */
  orchard_curve_plot_add_series (ORCHARD_CURVE_PLOT (gains), "Logistic", share, found, 4, NAN);
  g_assert_cmpstr (orchard_curve_plot_get_series_name (ORCHARD_CURVE_PLOT (gains), 0), ==, "Logistic");

  save_renders (calibration, "eval-calibration", 500, 400);
  save_renders (gains, "eval-gains", 500, 400);
}

static void
test_confusion (void)
{
  g_autoptr(GtkWidget) plot = keep (orchard_confusion_plot_new ());
  OrchardConfusionPlot *matrix = ORCHARD_CONFUSION_PLOT (plot);
  static const char * const labels[] = { "Adelie", "Chinstrap", "Gentoo" };
  static const double counts[] = { 30, 2, 0,
                                   1, 9, 0,
                                   0, 0, 25 };
  g_autofree char *description = NULL;
  g_autofree char *item = NULL;
  cairo_surface_t *surface;

  orchard_confusion_plot_set_matrix (matrix, labels, counts, 3);
  g_assert_cmpuint (orchard_confusion_plot_get_n_classes (matrix), ==, 3);
  g_assert_cmpfloat (orchard_confusion_plot_get_count (matrix, 1, 0), ==, 1);
  g_assert_cmpfloat_with_epsilon (orchard_confusion_plot_get_row_share (matrix, 0, 0), 30.0 / 32, 1e-12);
  g_assert_cmpfloat_with_epsilon (orchard_confusion_plot_get_row_share (matrix, 1, 1), 0.9, 1e-12);

  description = orchard_plot_dup_description (ORCHARD_PLOT (plot));
  g_assert_nonnull (strstr (description, "Confusion matrix of 3 classes, 64 of 67 rows correct"));
  g_assert_nonnull (strstr (description, "actual Adelie: predicted Adelie 30 (93.8 %), predicted Chinstrap 2 (6.2 %)"));
  g_assert_nonnull (strstr (description, "actual Chinstrap: predicted Adelie 1 (10.0 %)"));

  /* Item 3 is row 1 (Chinstrap), column 0 (Adelie). */
  item = orchard_plot_dup_item_text (ORCHARD_PLOT (plot), 0, 3);
  g_assert_cmpstr (item, ==, "Actual: Chinstrap\nPredicted: Adelie\n1 rows, 10.0 % of the row");

  /* The first class is the top row. A strong cell is deep accent and its
   * text white; an empty cell stays near the background, in light and in
   * dark. */
  for (guint dark = 0; dark < 2; dark++)
    {
      graphene_rect_t area;
      Rgb strong, empty;
      double cell_w, cell_h;
      gboolean white_text = FALSE;

      surface = orchard_plot_render_to_surface (ORCHARD_PLOT (plot), 450, 450, 1, dark);
      orchard_plot_get_area (ORCHARD_PLOT (plot), 450, 450, &area);
      cell_w = area.size.width / 3;
      cell_h = area.size.height / 3;

      strong = pixel_at (surface, area.origin.x + 4, area.origin.y + 4);
      g_assert_cmpint (strong.b, >, strong.r + 80);
      empty = pixel_at (surface, area.origin.x + 2 * cell_w + 4, area.origin.y + 4);
      g_assert_cmpint (abs (luminance (empty) - (dark ? 0x1e : 0xff)), <, 40);

      /* Somewhere in the strong cell's middle, its label is white. */
      for (int dx = -20; dx <= 20 && !white_text; dx++)
        for (int dy = -12; dy <= 12 && !white_text; dy++)
          white_text = rgb_near (pixel_at (surface, area.origin.x + cell_w / 2 + dx,
                                           area.origin.y + cell_h / 2 + dy), "#ffffff", 30);
      g_assert_true (white_text);
      cairo_surface_destroy (surface);
    }

  /* Hovering a cell picks it: the middle of the bottom row's first cell is
   * item 6 (Gentoo predicted as Adelie). */
  {
    graphene_rect_t area;
    OrchardPlotHit hit;

    orchard_plot_get_area (ORCHARD_PLOT (plot), 450, 450, &area);
    g_assert_true (orchard_plot_pick (ORCHARD_PLOT (plot), 450, 450, area.origin.x + area.size.width / 6,
                                      area.origin.y + area.size.height * 5 / 6, &hit));
    g_assert_cmpuint (hit.index, ==, 6);
  }

  save_renders (plot, "eval-confusion", 450, 400);
}

static void
test_box (void)
{
  g_autoptr(GtkWidget) plot = keep (orchard_box_plot_new ());
  OrchardBoxPlot *box = ORCHARD_BOX_PLOT (plot);
  static const double a[] = { 0.95, 0.91, 0.97, 0.99, 0.9 };
  static const double b[] = { 1, 2, 3, 4 };
  g_autofree char *description = NULL;
  double q1, median, q3;

  orchard_plot_axis_set_title (orchard_plot_get_y_axis (ORCHARD_PLOT (plot)), "ROC AUC");
  orchard_box_plot_add_group (box, "Logistic", a, 5);
  orchard_box_plot_add_group (box, "k-NN", b, 4);
  g_assert_cmpuint (orchard_box_plot_get_n_groups (box), ==, 2);
  g_assert_cmpuint (orchard_box_plot_get_n_values (box, 0), ==, 5);

  /* numpy.percentile (linear): [0.9 0.91 0.95 0.97 0.99] → 0.91, 0.95,
   * 0.97; [1 2 3 4] → 1.75, 2.5, 3.25. */
  orchard_box_plot_get_quartiles (box, 0, &q1, &median, &q3);
  g_assert_cmpfloat_with_epsilon (q1, 0.91, 1e-12);
  g_assert_cmpfloat_with_epsilon (median, 0.95, 1e-12);
  g_assert_cmpfloat_with_epsilon (q3, 0.97, 1e-12);
  orchard_box_plot_get_quartiles (box, 1, &q1, &median, &q3);
  g_assert_cmpfloat_with_epsilon (q1, 1.75, 1e-12);
  g_assert_cmpfloat_with_epsilon (median, 2.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (q3, 3.25, 1e-12);

  description = orchard_plot_dup_description (ORCHARD_PLOT (plot));
  g_assert_nonnull (strstr (description, "Box plot of 2 groups: Logistic, 5 values, median 0.95"));
  g_assert_nonnull (strstr (description, "k-NN, 4 values, median 2.5, quartiles 1.75 to 3.25"));

  orchard_box_plot_clear (box);
  orchard_box_plot_add_group (box, "Logistic", a, 5);
  save_renders (plot, "eval-box", 400, 300);
}

static void
test_importance (void)
{
  g_autoptr(GtkWidget) plot = keep (orchard_importance_plot_new ());
  OrchardImportancePlot *importance = ORCHARD_IMPORTANCE_PLOT (plot);
  static const char * const features[] = { "bill_length", "island", "sex", "flipper_length", "year" };
  static const double mean[] = { 0.21, 0.05, 0.002, 0.17, -0.004 };
  static const double std[] = { 0.02, 0.01, 0.003, 0.015, 0.002 };
  g_autofree char *description = NULL;
  g_autofree char *item = NULL;

  orchard_importance_plot_set_data (importance, features, mean, std, 5);
  g_assert_cmpuint (orchard_importance_plot_get_n_bars (importance), ==, 5);
  g_assert_cmpstr (orchard_importance_plot_get_bar_label (importance, 0), ==, "bill_length");
  g_assert_cmpstr (orchard_importance_plot_get_bar_label (importance, 1), ==, "flipper_length");
  g_assert_cmpstr (orchard_importance_plot_get_bar_label (importance, 4), ==, "year");
  g_assert_cmpfloat (orchard_importance_plot_get_bar_value (importance, 4), ==, -0.004);

  item = orchard_plot_dup_item_text (ORCHARD_PLOT (plot), 0, 1);
  g_assert_nonnull (strstr (item, "flipper_length (#2)"));
  save_renders (plot, "eval-importance", 500, 300);

  orchard_importance_plot_set_max_bars (importance, 2);
  g_assert_cmpuint (orchard_importance_plot_get_n_bars (importance), ==, 2);
  description = orchard_plot_dup_description (ORCHARD_PLOT (plot));
  g_assert_nonnull (strstr (description, "Importance of 5 features, the first 2 shown: bill_length 0.21 ± 0.02; flipper_length 0.17 ± 0.015"));
}

static void
test_scatter (void)
{
  g_autoptr(GtkWidget) plot = keep (orchard_scatter_plot_new ());
  OrchardScatterPlot *scatter = ORCHARD_SCATTER_PLOT (plot);
  gsize n_small = 300, n_big = ORCHARD_SCATTER_PLOT_DENSITY_LIMIT + 1000;
  g_autofree double *x = g_new (double, n_big);
  g_autofree double *y = g_new (double, n_big);
  g_autofree char *description = NULL;
  g_autofree char *item = NULL;
  guint n_cells;
  gulong total = 0;

  for (gsize i = 0; i < n_big; i++)
    {
      x[i] = (double) (i % 1000) / 10;
      y[i] = x[i] + sin ((double) i) * 5;
    }

  orchard_scatter_plot_set_data (scatter, "Test rows", x, y, n_small);
  g_assert_false (orchard_scatter_plot_get_density (scatter));
  g_assert_cmpuint (orchard_plot_count_items (ORCHARD_PLOT (plot), 0), ==, n_small);
  item = orchard_plot_dup_item_text (ORCHARD_PLOT (plot), 0, 10);
  g_assert_cmpstr (item, ==, "Row 11\nActual: 1\nPredicted: \u22121.72");
  description = orchard_plot_dup_description (ORCHARD_PLOT (plot));
  g_assert_nonnull (strstr (description, "Scatter plot of 300 points, Predicted against Actual, correlation 0.9"));
  save_renders (plot, "eval-scatter", 400, 400);

  /* Past the limit, items are the grid's non-empty cells, and their counts
   * add up to every point. */
  orchard_scatter_plot_set_data (scatter, "Test rows", x, y, n_big);
  g_assert_true (orchard_scatter_plot_get_density (scatter));
  n_cells = orchard_plot_count_items (ORCHARD_PLOT (plot), 0);
  g_assert_cmpuint (n_cells, >, 100);
  g_assert_cmpuint (n_cells, <, n_big);
  for (guint c = 0; c < n_cells; c++)
    {
      g_autofree char *text = orchard_plot_dup_item_text (ORCHARD_PLOT (plot), 0, c);
      const char *last = strrchr (text, '\n');

      total += strtoul (last + 1, NULL, 10);
    }
  g_assert_cmpuint (total, ==, n_big);
  g_clear_pointer (&description, g_free);
  description = orchard_plot_dup_description (ORCHARD_PLOT (plot));
  g_assert_nonnull (strstr (description, ", shaded by density."));
  save_renders (plot, "eval-scatter-density", 400, 400);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      g_test_skip ("no display");
      return 77;
    }
  adw_init ();

  g_test_add_func ("/app/EvalPlots/roc", test_roc);
  g_test_add_func ("/app/EvalPlots/precision-recall", test_precision_recall);
  g_test_add_func ("/app/EvalPlots/calibration-gains", test_calibration_and_gains);
  g_test_add_func ("/app/EvalPlots/confusion", test_confusion);
  g_test_add_func ("/app/EvalPlots/box", test_box);
  g_test_add_func ("/app/EvalPlots/importance", test_importance);
  g_test_add_func ("/app/EvalPlots/scatter", test_scatter);

  return g_test_run ();
}
