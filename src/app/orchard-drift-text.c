/* orchard-drift-text.c
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One place words and numbers of a drift report are made, so that the
 * page, its rows and the PDF report say the same thing the same way.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "orchard-drift-text.h"

typedef enum { FORMAT_STATISTIC, FORMAT_P_VALUE, FORMAT_FIXED3, FORMAT_INTEGER } Format;

static char *
format_or_dash (double value,
                Format format)
{
  if (isnan (value))
    return g_strdup ("–");
  if (isinf (value))
    return g_strdup (value > 0 ? "∞" : "−∞");

  switch (format)
    {
    case FORMAT_STATISTIC:
      return g_strdup_printf ("%.4g", value);
    case FORMAT_P_VALUE:
      return g_strdup_printf ("%.3g", value);
    case FORMAT_FIXED3:
      return g_strdup_printf ("%.3f", value);
    case FORMAT_INTEGER:
    default:
      return g_strdup_printf ("%.0f", value);
    }
}

char *
orchard_drift_format_statistic (double value)
{
  return format_or_dash (value, FORMAT_STATISTIC);
}

char *
orchard_drift_format_p_value (double value)
{
  return format_or_dash (value, FORMAT_P_VALUE);
}

char *
orchard_drift_format_psi (double value)
{
  return format_or_dash (value, FORMAT_FIXED3);
}

/* "33%" */
char *
orchard_drift_format_share (double share)
{
  g_autofree char *number = format_or_dash (100.0 * share, FORMAT_INTEGER);

  /* Translators: a percentage, e.g. "33%" */
  return g_strdup_printf (_("%s%%"), number);
}

/* "365 rows" */
char *
orchard_drift_dup_rows (gsize n)
{
  g_autofree char *number = g_strdup_printf ("%'" G_GSIZE_FORMAT, n);

  /* Translators: %s is a number of rows, e.g. "1,000" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s row", "%s rows", n), number);
}

/* "6 columns" */
char *
orchard_drift_dup_columns (guint n)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u column", "%u columns", n), n);
}

const char *
orchard_drift_test_title (OrchardStatTest test)
{
  switch (test)
    {
    case ORCHARD_STAT_TEST_KS:
      return _("Kolmogorov–Smirnov");
    case ORCHARD_STAT_TEST_CHISQUARE:
      return _("Chi-square");
    case ORCHARD_STAT_TEST_Z:
      return _("Two-proportion Z");
    case ORCHARD_STAT_TEST_WASSERSTEIN:
      return _("Wasserstein (normed)");
    case ORCHARD_STAT_TEST_JENSENSHANNON:
      return _("Jensen–Shannon");
    case ORCHARD_STAT_TEST_PSI:
      return _("Population stability index");
    case ORCHARD_STAT_TEST_AUTO:
    default:
      return _("Automatic");
    }
}

/* What a table cell has room for. */
const char *
orchard_drift_test_short (OrchardStatTest test)
{
  switch (test)
    {
    case ORCHARD_STAT_TEST_KS:
      return C_("test", "KS");
    case ORCHARD_STAT_TEST_CHISQUARE:
      return C_("test", "χ²");
    case ORCHARD_STAT_TEST_Z:
      return C_("test", "Z");
    case ORCHARD_STAT_TEST_WASSERSTEIN:
      return C_("test", "Wasserstein");
    case ORCHARD_STAT_TEST_JENSENSHANNON:
      return C_("test", "Jensen–Shannon");
    case ORCHARD_STAT_TEST_PSI:
      return C_("test", "PSI");
    case ORCHARD_STAT_TEST_AUTO:
    default:
      return C_("test", "Auto");
    }
}

const char *
orchard_drift_kind_title (OrchardColumnKind kind)
{
  switch (kind)
    {
    case ORCHARD_COLUMN_KIND_NUMERIC:
      return _("Numeric");
    case ORCHARD_COLUMN_KIND_CATEGORICAL:
      return _("Categorical");
    case ORCHARD_COLUMN_KIND_DATETIME:
      return _("Date");
    case ORCHARD_COLUMN_KIND_TEXT:
    default:
      return _("Text");
    }
}

/* The p-value the verdict used: the adjusted one under a correction. */
double
orchard_drift_shown_p_value (const OrchardColumnDrift *c)
{
  return !isnan (c->p_value_adjusted) ? c->p_value_adjusted : c->p_value;
}

/**
 * orchard_drift_severity:
 * @column: a column's drift
 *
 * How far the column went towards its threshold (1) or past it, on one
 * scale for every test: p-values on a log scale, distances as a ratio.
 * What the list is sorted by, after the verdict.
 *
 * Returns: the severity; -1 when not tested
 */
double
orchard_drift_severity (const OrchardColumnDrift *c)
{
  double p;

  if (!c->tested)
    return -1.0;

  if (orchard_stat_test_has_p_value (c->test))
    {
      p = orchard_drift_shown_p_value (c);
      if (isnan (p) || !(c->threshold > 0 && c->threshold < 1))
        return 0.0;
      return log (MAX (p, 1e-300)) / log (c->threshold);
    }

  if (isnan (c->statistic) || !(c->threshold > 0))
    return 0.0;
  return isinf (c->statistic) ? G_MAXDOUBLE : c->statistic / c->threshold;
}

char *
orchard_drift_dup_badge (const OrchardColumnDrift *c)
{
  if (!c->tested)
    return g_strdup (_("Not tested"));
  return g_strdup (c->drifted ? _("Drifted") : _("Stable"));
}

/* "p = 0.001 ≤ 0.05" or "0.23 ≥ 0.1": the comparison the verdict made. */
char *
orchard_drift_dup_verdict (const OrchardColumnDrift *c)
{
  g_autofree char *threshold = g_strdup_printf ("%g", c->threshold);

  if (!c->tested)
    return g_strdup ("–");

  if (orchard_stat_test_has_p_value (c->test))
    {
      g_autofree char *p = orchard_drift_format_p_value (orchard_drift_shown_p_value (c));
      const char *op;

      /* KS drifts at p ≤ threshold, chi-square and Z at p < threshold. */
      if (c->test == ORCHARD_STAT_TEST_KS)
        op = c->drifted ? "≤" : ">";
      else
        op = c->drifted ? "<" : "≥";
      return g_strdup_printf ("p = %s %s %s", p, op, threshold);
    }

  {
    g_autofree char *statistic = orchard_drift_format_statistic (c->statistic);

    return g_strdup_printf ("%s %s %s", statistic, c->drifted ? "≥" : "<", threshold);
  }
}

static char *
p_sentence (const OrchardColumnDrift *c,
            OrchardCorrection         correction)
{
  g_autofree char *verdict = orchard_drift_dup_verdict (c);

  if (correction != ORCHARD_CORRECTION_NONE && !isnan (c->p_value_adjusted))
    {
      g_autofree char *raw = orchard_drift_format_p_value (c->p_value);

      if (c->drifted)
        /* Translators: %s are "p = 0.001 ≤ 0.05" and the unadjusted p-value */
        return g_strdup_printf (_("after the correction for testing many columns %s (unadjusted %s), so the distributions differ."),
                                verdict, raw);
      return g_strdup_printf (_("after the correction for testing many columns %s (unadjusted %s), so the difference may be chance."),
                              verdict, raw);
    }

  if (c->drifted)
    /* Translators: %s is "p = 0.001 ≤ 0.05" */
    return g_strdup_printf (_("%s, so the distributions differ."), verdict);
  return g_strdup_printf (_("%s, so the difference may be chance."), verdict);
}

static char *
distance_sentence (const OrchardColumnDrift *c)
{
  g_autofree char *verdict = orchard_drift_dup_verdict (c);

  if (c->drifted)
    /* Translators: %s is "0.23 ≥ 0.1" */
    return g_strdup_printf (_("%s, the threshold, so the distributions differ."), verdict);
  return g_strdup_printf (_("%s, the threshold, so the distributions are close enough."), verdict);
}

/**
 * orchard_drift_dup_explanation:
 * @column: a column's drift
 * @correction: the report's multiple-testing correction
 *
 * The statistic in plain words: what it measures, its value, and how the
 * verdict follows from it.
 *
 * Returns: (transfer full): the text
 */
char *
orchard_drift_dup_explanation (const OrchardColumnDrift *c,
                               OrchardCorrection         correction)
{
  g_autofree char *statistic = orchard_drift_format_statistic (c->statistic);
  g_autofree char *tail = NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  if (!c->tested)
    {
      if (c->note != NULL)
        /* Translators: %s says why, e.g. "the current data has no value" */
        return g_strdup_printf (_("Not tested: %s."), c->note);
      return g_strdup (_("Not tested: one side has no value to compare."));
    }

  tail = orchard_stat_test_has_p_value (c->test) ? p_sentence (c, correction) : distance_sentence (c);

  switch (c->test)
    {
    case ORCHARD_STAT_TEST_KS:
      g_string_append_printf (text, _("The Kolmogorov–Smirnov statistic %s is the largest gap between the two cumulative distributions; %s"),
                              statistic, tail);
      break;

    case ORCHARD_STAT_TEST_CHISQUARE:
      g_string_append_printf (text, _("The chi-square statistic %s adds up, over the categories, the squared gaps between the current counts and the counts the reference shares predict, each relative to its prediction; %s"),
                              statistic, tail);
      break;

    case ORCHARD_STAT_TEST_Z:
      g_string_append_printf (text, _("The Z statistic %s is the gap between the share of the first value in the reference and in the current data, in standard errors; %s"),
                              statistic, tail);
      break;

    case ORCHARD_STAT_TEST_WASSERSTEIN:
      g_string_append_printf (text, _("The normed Wasserstein distance %s is how far, in reference standard deviations, values would have to move on average to turn one distribution into the other; %s"),
                              statistic, tail);
      break;

    case ORCHARD_STAT_TEST_JENSENSHANNON:
      g_string_append_printf (text, _("The Jensen–Shannon distance %s measures how different the two sets of shares are, from 0 (the same) to about 0.83 (nothing in common); %s"),
                              statistic, tail);
      break;

    case ORCHARD_STAT_TEST_PSI:
      g_string_append_printf (text, _("The population stability index %s adds up, over the bins, the gap between the current and the reference share times the logarithm of their ratio; %s"),
                              statistic, tail);
      break;

    case ORCHARD_STAT_TEST_AUTO:
    default:
      g_assert_not_reached ();
    }

  if (!isnan (c->effect_size))
    {
      g_autofree char *effect = g_strdup_printf ("%.3f", c->effect_size);

      g_string_append_c (text, ' ');
      if (c->effect_size_kind == ORCHARD_EFFECT_SIZE_COHENS_D)
        /* Translators: %s is a number */
        g_string_append_printf (text, _("The means are %s standard deviations apart (Cohen’s d)."), effect);
      else
        g_string_append_printf (text, _("Cramér’s V of the two sets of counts is %s."), effect);
    }

  if (!isnan (c->detectable_effect))
    {
      g_autofree char *detectable = g_strdup_printf ("%.3f", c->detectable_effect);

      g_string_append_c (text, ' ');
      /* Translators: %s is a number; large samples detect tiny shifts */
      g_string_append_printf (text, _("With these sample sizes the test notices shifts from an effect size of %s."),
                              detectable);
    }

  if (c->note != NULL && *c->note != '\0')
    {
      /* The engine's note is a clause; here it is a sentence of its own. */
      const char *rest = g_utf8_next_char (c->note);
      g_autofree char *first = g_utf8_strup (c->note, rest - c->note);

      g_string_append_printf (text, " %s%s", first, rest);
      if (!g_str_has_suffix (c->note, "."))
        g_string_append_c (text, '.');
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

char *
orchard_drift_dup_psi_text (const OrchardColumnDrift *c)
{
  g_autofree char *psi = orchard_drift_format_psi (c->psi);
  const char *tier = orchard_psi_tier (c->psi);

  if (tier == NULL)
    return g_strdup (_("No population stability index: one side has no value."));
  if (g_str_equal (tier, "none"))
    /* Translators: %s is a number */
    return g_strdup_printf (_("Population stability index %s: below 0.1, no significant change."), psi);
  if (g_str_equal (tier, "moderate"))
    return g_strdup_printf (_("Population stability index %s: between 0.1 and 0.25, a moderate change."), psi);
  return g_strdup_printf (_("Population stability index %s: above 0.25, a significant change."), psi);
}

/* "3 of 9 columns drifted (33%; dataset drift from 50%)" */
char *
orchard_drift_dup_summary (OrchardDriftReport *report)
{
  guint n_drifted = orchard_drift_report_get_n_drifted (report);
  guint n_tested = orchard_drift_report_get_n_tested (report);
  g_autofree char *share = orchard_drift_format_share (orchard_drift_report_get_drift_share (report));
  g_autofree char *threshold = orchard_drift_format_share (orchard_drift_report_get_drift_share_threshold (report));

  /* Translators: "3 of 9 feature columns drifted (33%; the data set drifts from 50%)" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u of %u feature column drifted (%s; the data set drifts from %s)",
                                       "%u of %u feature columns drifted (%s; the data set drifts from %s)",
                                       n_tested),
                          n_drifted, n_tested, share, threshold);
}
