/* test-plot-axis.c: OrchardPlotAxis, ranges, nice ticks and labels; needs no display
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <math.h>

#include "orchard-plot-axis.h"

static void
assert_ticks (OrchardPlotAxis     *axis,
              guint                max_ticks,
              const double        *values,
              const char * const  *labels,
              guint                n)
{
  const OrchardPlotTick *ticks;
  guint n_ticks;

  ticks = orchard_plot_axis_get_ticks (axis, max_ticks, &n_ticks);
  g_assert_cmpuint (n_ticks, ==, n);

  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpfloat_with_epsilon (ticks[i].value, values[i], 1e-12);
      g_assert_cmpfloat_with_epsilon (ticks[i].position, orchard_plot_axis_map (axis, values[i]), 1e-12);
      g_assert_cmpstr (ticks[i].label, ==, labels[i]);
    }
}

/* What every linear tick set must be, whatever the range. */
static void
assert_tick_invariants (OrchardPlotAxis *axis,
                        guint            max_ticks)
{
  const OrchardPlotTick *ticks;
  double lo, hi, step;
  guint n_ticks;

  orchard_plot_axis_get_range (axis, &lo, &hi);
  ticks = orchard_plot_axis_get_ticks (axis, max_ticks, &n_ticks);

  g_assert_true (lo < hi);
  g_assert_cmpuint (n_ticks, >=, 2);
  g_assert_cmpuint (n_ticks, <=, MAX (max_ticks, 2));

  /* Differences of large values carry rounding: take the exact 1-2-5 step. */
  step = ticks[1].value - ticks[0].value;
  {
    double magnitude = pow (10, floor (log10 (step) + 1e-9));
    double mantissa = step / magnitude;

    g_assert_true (fabs (mantissa - 1) < 1e-6 || fabs (mantissa - 2) < 1e-6 || fabs (mantissa - 5) < 1e-6);
    step = round (mantissa) * magnitude;
  }

  for (guint i = 0; i < n_ticks; i++)
    {
      double multiple = ticks[i].value / step;

      g_assert_cmpfloat_with_epsilon (multiple, round (multiple), 1e-6);
      g_assert_cmpfloat (ticks[i].value, >=, lo - 1e-9);
      g_assert_cmpfloat (ticks[i].value, <=, hi + 1e-9);
      g_assert_cmpfloat (ticks[i].position, >=, -1e-12);
      g_assert_cmpfloat (ticks[i].position, <=, 1 + 1e-12);
      if (i > 0)
        g_assert_cmpfloat_with_epsilon (ticks[i].value - ticks[i - 1].value, step, step * 1e-6);
    }
}

static void
test_nice_step (void)
{
  g_assert_cmpfloat_with_epsilon (orchard_plot_nice_step (1.0, 5), 0.2, 1e-15);
  g_assert_cmpfloat_with_epsilon (orchard_plot_nice_step (1.0, 10), 0.1, 1e-15);
  g_assert_cmpfloat_with_epsilon (orchard_plot_nice_step (100.0, 5), 20, 1e-12);
  g_assert_cmpfloat_with_epsilon (orchard_plot_nice_step (1237.0, 10), 200, 1e-12);
  g_assert_cmpfloat_with_epsilon (orchard_plot_nice_step (1237.0, 4), 500, 1e-12);
  g_assert_cmpfloat_with_epsilon (orchard_plot_nice_step (0.003, 5), 0.001, 1e-15);
  g_assert_cmpfloat_with_epsilon (orchard_plot_nice_step (7e6, 5), 2e6, 1e-6);
  /* A degenerate span still gives a usable step. */
  g_assert_cmpfloat (orchard_plot_nice_step (0.0, 5), >, 0);
  g_assert_cmpfloat (orchard_plot_nice_step (NAN, 5), >, 0);
}

static void
test_range_0_1 (void)
{
  g_autoptr(OrchardPlotAxis) axis = orchard_plot_axis_new (ORCHARD_PLOT_AXIS_LINEAR);
  static const double values[] = { 0, 0.2, 0.4, 0.6, 0.8, 1.0 };
  static const char * const labels[] = { "0.0", "0.2", "0.4", "0.6", "0.8", "1.0" };
  double lo, hi;

  orchard_plot_axis_set_data_extent (axis, 0.0, 1.0);
  orchard_plot_axis_get_range (axis, &lo, &hi);
  g_assert_cmpfloat (lo, ==, 0.0);
  g_assert_cmpfloat (hi, ==, 1.0);

  /* The step sets the decimals: every label of a 0.2 step has one. */
  assert_ticks (axis, 6, values, labels, G_N_ELEMENTS (values));
  assert_tick_invariants (axis, 6);
  assert_tick_invariants (axis, 11);
  assert_tick_invariants (axis, 3);

  /* Asking for absurdly many ticks is bounded. */
  {
    guint n_ticks;

    orchard_plot_axis_get_ticks (axis, G_MAXUINT, &n_ticks);
    g_assert_cmpuint (n_ticks, <=, 100);
    g_assert_cmpuint (n_ticks, >=, 51);
  }
}

static void
test_range_0_97 (void)
{
  g_autoptr(OrchardPlotAxis) axis = orchard_plot_axis_new (ORCHARD_PLOT_AXIS_LINEAR);
  static const double values[] = { 0, 20, 40, 60, 80, 100 };
  static const char * const labels[] = { "0", "20", "40", "60", "80", "100" };
  double lo, hi;

  orchard_plot_axis_set_data_extent (axis, 0.0, 97.0);
  orchard_plot_axis_get_range (axis, &lo, &hi);
  /* Widened to the next round number, not further. */
  g_assert_cmpfloat (lo, ==, 0.0);
  g_assert_cmpfloat (hi, ==, 100.0);

  assert_ticks (axis, 6, values, labels, G_N_ELEMENTS (values));
  assert_tick_invariants (axis, 6);
  assert_tick_invariants (axis, 2);

  /* Without nice, the range is the data's own. */
  orchard_plot_axis_set_nice (axis, FALSE);
  orchard_plot_axis_get_range (axis, &lo, &hi);
  g_assert_cmpfloat (hi, ==, 97.0);
  assert_tick_invariants (axis, 6);
}

static void
test_range_negative (void)
{
  g_autoptr(OrchardPlotAxis) axis = orchard_plot_axis_new (ORCHARD_PLOT_AXIS_LINEAR);
  const OrchardPlotTick *ticks;
  double lo, hi;
  guint n_ticks;

  orchard_plot_axis_set_data_extent (axis, -3.0, 1234.0);
  orchard_plot_axis_get_range (axis, &lo, &hi);
  g_assert_cmpfloat (lo, ==, -200.0);
  g_assert_cmpfloat (hi, ==, 1400.0);

  for (guint max = 2; max <= 12; max++)
    assert_tick_invariants (axis, max);

  ticks = orchard_plot_axis_get_ticks (axis, 6, &n_ticks);
  g_assert_cmpuint (n_ticks, ==, 3);
  g_assert_cmpfloat (ticks[0].value, ==, 0);
  g_assert_cmpfloat (ticks[2].value, ==, 1000);

  /* A real minus sign, U+2212, not a hyphen. */
  ticks = orchard_plot_axis_get_ticks (axis, 9, &n_ticks);
  g_assert_cmpfloat (ticks[0].value, ==, -200);
  g_assert_cmpstr (ticks[0].label, ==, "−200");
  g_assert_cmpstr (ticks[1].label, ==, "0");
}

static void
test_degenerate (void)
{
  g_autoptr(OrchardPlotAxis) axis = orchard_plot_axis_new (ORCHARD_PLOT_AXIS_LINEAR);
  double lo, hi;

  /* One value sits inside its range, away from the edges. */
  orchard_plot_axis_set_data_extent (axis, 5.0, 5.0);
  orchard_plot_axis_get_range (axis, &lo, &hi);
  g_assert_cmpfloat (lo, <, 5.0);
  g_assert_cmpfloat (hi, >, 5.0);
  g_assert_cmpfloat (orchard_plot_axis_map (axis, 5.0), >, 0.1);
  g_assert_cmpfloat (orchard_plot_axis_map (axis, 5.0), <, 0.9);
  assert_tick_invariants (axis, 6);

  orchard_plot_axis_set_data_extent (axis, -42.0, -42.0);
  orchard_plot_axis_get_range (axis, &lo, &hi);
  g_assert_cmpfloat (lo, <, -42.0);
  g_assert_cmpfloat (hi, >, -42.0);
  assert_tick_invariants (axis, 6);

  orchard_plot_axis_set_data_extent (axis, 0.0, 0.0);
  orchard_plot_axis_get_range (axis, &lo, &hi);
  g_assert_cmpfloat (lo, <=, 0.0);
  g_assert_cmpfloat (hi, >, 0.0);
  assert_tick_invariants (axis, 6);

  /* No data at all: a plain unit range, not NaN. */
  orchard_plot_axis_set_data_extent (axis, NAN, NAN);
  orchard_plot_axis_get_range (axis, &lo, &hi);
  g_assert_cmpfloat (lo, ==, 0.0);
  g_assert_cmpfloat (hi, ==, 1.0);

  /* A tiny span far from zero keeps distinct, correct labels. */
  orchard_plot_axis_set_data_extent (axis, 1000.001, 1000.004);
  assert_tick_invariants (axis, 6);
  {
    const OrchardPlotTick *ticks;
    guint n_ticks;

    ticks = orchard_plot_axis_get_ticks (axis, 6, &n_ticks);
    for (guint i = 1; i < n_ticks; i++)
      g_assert_cmpstr (ticks[i - 1].label, !=, ticks[i].label);
  }
}

static void
count_changed (OrchardPlotAxis *axis,
               guint           *count)
{
  (*count)++;
}

static void
test_include_zero_and_fixed (void)
{
  g_autoptr(OrchardPlotAxis) axis = orchard_plot_axis_new (ORCHARD_PLOT_AXIS_LINEAR);
  double lo, hi;
  guint changed = 0;

  g_signal_connect (axis, "changed", G_CALLBACK (count_changed), &changed);

  orchard_plot_axis_set_data_extent (axis, 3.0, 7.0);
  orchard_plot_axis_get_range (axis, &lo, &hi);
  g_assert_cmpfloat (lo, ==, 3.0);
  g_assert_cmpfloat (hi, ==, 7.0);
  g_assert_cmpuint (changed, ==, 1);

  /* The same extent again changes nothing. */
  orchard_plot_axis_set_data_extent (axis, 3.0, 7.0);
  g_assert_cmpuint (changed, ==, 1);

  orchard_plot_axis_set_include_zero (axis, TRUE);
  orchard_plot_axis_get_range (axis, &lo, &hi);
  g_assert_cmpfloat (lo, ==, 0.0);
  g_assert_cmpfloat (hi, ==, 7.0);
  g_assert_cmpuint (changed, ==, 2);

  /* A fixed range ignores the data; values beyond it map outside 0..1. */
  orchard_plot_axis_set_range (axis, 0.0, 10.0);
  g_assert_false (orchard_plot_axis_get_auto_range (axis));
  g_assert_cmpuint (changed, ==, 3);
  orchard_plot_axis_set_data_extent (axis, -50.0, 50.0);
  orchard_plot_axis_get_range (axis, &lo, &hi);
  g_assert_cmpfloat (lo, ==, 0.0);
  g_assert_cmpfloat (hi, ==, 10.0);
  g_assert_cmpfloat_with_epsilon (orchard_plot_axis_map (axis, 5.0), 0.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (orchard_plot_axis_map (axis, 20.0), 2.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (orchard_plot_axis_unmap (axis, 0.25), 2.5, 1e-12);

  orchard_plot_axis_set_reversed (axis, TRUE);
  g_assert_cmpfloat_with_epsilon (orchard_plot_axis_map (axis, 2.5), 0.75, 1e-12);
  g_assert_cmpfloat_with_epsilon (orchard_plot_axis_unmap (axis, 0.75), 2.5, 1e-12);

  orchard_plot_axis_set_auto_range (axis, TRUE);
  orchard_plot_axis_get_range (axis, &lo, &hi);
  g_assert_cmpfloat (lo, ==, -50.0);
  g_assert_cmpfloat (hi, ==, 50.0);
}

static void
test_band (void)
{
  g_autoptr(OrchardPlotAxis) axis = orchard_plot_axis_new (ORCHARD_PLOT_AXIS_BAND);
  static const char * const categories[] = { "Adelie", "Chinstrap", "Gentoo", NULL };
  static const double values[] = { 0, 1, 2 };
  g_autofree char *name = NULL;
  const OrchardPlotTick *ticks;
  guint n_ticks;

  orchard_plot_axis_set_categories (axis, categories);
  g_assert_cmpuint (orchard_plot_axis_get_n_categories (axis), ==, 3);

  /* Each category owns a third; its value maps to the middle of it. */
  g_assert_cmpfloat_with_epsilon (orchard_plot_axis_map (axis, 0), 1.0 / 6, 1e-12);
  g_assert_cmpfloat_with_epsilon (orchard_plot_axis_map (axis, 2), 5.0 / 6, 1e-12);
  g_assert_cmpfloat_with_epsilon (orchard_plot_axis_get_band_width (axis), 0.8 / 3, 1e-12);

  /* One tick per category however few are asked for. */
  assert_ticks (axis, 2, values, categories, 3);

  orchard_plot_axis_set_reversed (axis, TRUE);
  g_assert_cmpfloat_with_epsilon (orchard_plot_axis_map (axis, 0), 5.0 / 6, 1e-12);
  ticks = orchard_plot_axis_get_ticks (axis, 10, &n_ticks);
  g_assert_cmpfloat_with_epsilon (ticks[0].position, 5.0 / 6, 1e-12);

  name = orchard_plot_axis_format_value (axis, 1);
  g_assert_cmpstr (name, ==, "Chinstrap");
}

static void
test_log (void)
{
  g_autoptr(OrchardPlotAxis) axis = orchard_plot_axis_new (ORCHARD_PLOT_AXIS_LOG);
  static const double values[] = { 1, 10, 100, 1000, 10000 };
  static const char * const labels[] = { "1", "10", "100", "1000", "10k" };
  double lo, hi;

  orchard_plot_axis_set_data_extent (axis, 3.0, 4500.0);
  orchard_plot_axis_get_range (axis, &lo, &hi);
  g_assert_cmpfloat_with_epsilon (lo, 1.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (hi, 10000.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (orchard_plot_axis_map (axis, 100.0), 0.5, 1e-12);
  g_assert_true (isnan (orchard_plot_axis_map (axis, 0.0)));
  g_assert_true (isnan (orchard_plot_axis_map (axis, -1.0)));

  assert_ticks (axis, 8, values, labels, G_N_ELEMENTS (values));

  /* Fewer ticks than decades: every other decade. */
  {
    const OrchardPlotTick *ticks;
    guint n_ticks;

    ticks = orchard_plot_axis_get_ticks (axis, 3, &n_ticks);
    g_assert_cmpuint (n_ticks, ==, 3);
    g_assert_cmpfloat_with_epsilon (ticks[1].value, 100, 1e-9);
  }
}

static void
test_format (void)
{
  struct {
    double      value;
    double      step;
    const char *text;
  } numbers[] = {
    { 0.0, 0.2, "0.0" },
    { 1e-17, 0.2, "0.0" },
    { 0.0, 5, "0" },
    { 0.4, 0.2, "0.4" },
    { -0.5, 0.1, "−0.5" },
    { 1500, 500, "1500" },
    { 50000, 10000, "50k" },
    { 2500000, 500000, "2.5M" },
    { 3e9, 1e9, "3G" },
    { 0.0015, 0.0005, "0.0015" },
    { 400000, 200000, "0.4M" },
  };
  struct {
    double      value;
    const char *text;
  } values[] = {
    { 42, "42" },
    { -7, "−7" },
    { 0.123456, "0.1235" },
    { 12.5, "12.5" },
    { 1234.5678, "1235" },
    { 2.0e-6, "2.000e-06" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    {
      g_autofree char *text = orchard_plot_format_number (numbers[i].value, numbers[i].step);

      g_assert_cmpstr (text, ==, numbers[i].text);
    }

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autofree char *text = orchard_plot_format_value (values[i].value);

      g_assert_cmpstr (text, ==, values[i].text);
    }
}

static void
test_percent (void)
{
  g_autoptr(OrchardPlotAxis) axis = orchard_plot_axis_new (ORCHARD_PLOT_AXIS_LINEAR);
  static const double values[] = { 0, 0.1, 0.2, 0.3 };
  static const char * const labels[] = { "0%", "10%", "20%", "30%" };
  g_autofree char *value = NULL;

  orchard_plot_axis_set_percent (axis, TRUE);
  orchard_plot_axis_set_data_extent (axis, 0.0, 0.27);
  assert_ticks (axis, 4, values, labels, G_N_ELEMENTS (values));

  value = orchard_plot_axis_format_value (axis, 0.1234);
  g_assert_cmpstr (value, ==, "12.3%");
}

int
main (int   argc,
      char *argv[])
{
  /* Labels follow the locale; the expected ones are C's. */
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/app/PlotAxis/nice-step", test_nice_step);
  g_test_add_func ("/app/PlotAxis/range-0-1", test_range_0_1);
  g_test_add_func ("/app/PlotAxis/range-0-97", test_range_0_97);
  g_test_add_func ("/app/PlotAxis/range-negative", test_range_negative);
  g_test_add_func ("/app/PlotAxis/degenerate", test_degenerate);
  g_test_add_func ("/app/PlotAxis/include-zero-and-fixed", test_include_zero_and_fixed);
  g_test_add_func ("/app/PlotAxis/band", test_band);
  g_test_add_func ("/app/PlotAxis/log", test_log);
  g_test_add_func ("/app/PlotAxis/format", test_format);
  g_test_add_func ("/app/PlotAxis/percent", test_percent);

  return g_test_run ();
}
