/* orchard-drift-options.c
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "orchard-drift-options.h"

struct _OrchardDriftOptions
{
  gatomicrefcount    ref_count;
  GStrv              columns;      /* NULL: every column */
  GHashTable        *tests;        /* column → OrchardStatTest */
  GHashTable        *thresholds;   /* column → double * */
  OrchardStatTest    all_test;
  double             all_threshold;
  OrchardCorrection  correction;
  double             drift_share;
  OrchardChunking    chunking;
  gsize              chunk_size;
  guint              chunk_count;
  OrchardPeriod      period;
  char              *time_column;
};

G_DEFINE_BOXED_TYPE (OrchardDriftOptions, orchard_drift_options,
                     orchard_drift_options_ref, orchard_drift_options_unref)

/**
 * orchard_drift_options_new:
 *
 * Options for orchard_drift_report_compute(): every column, tests chosen
 * automatically with their default thresholds, no correction for multiple
 * tests, dataset drift from a share of %ORCHARD_DRIFT_SHARE_DEFAULT, no chunks.
 *
 * Returns: (transfer full): new options
 */
OrchardDriftOptions *
orchard_drift_options_new (void)
{
  OrchardDriftOptions *self = g_new0 (OrchardDriftOptions, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->tests = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->thresholds = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->all_test = ORCHARD_STAT_TEST_AUTO;
  self->all_threshold = NAN;
  self->correction = ORCHARD_CORRECTION_NONE;
  self->drift_share = ORCHARD_DRIFT_SHARE_DEFAULT;
  self->chunking = ORCHARD_CHUNKING_NONE;

  return self;
}

/**
 * orchard_drift_options_ref:
 * @self: options
 *
 * Returns: (transfer full): @self, with one more reference
 */
OrchardDriftOptions *
orchard_drift_options_ref (OrchardDriftOptions *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

/**
 * orchard_drift_options_unref:
 * @self: options
 *
 * Drops a reference; the last one frees the options.
 */
void
orchard_drift_options_unref (OrchardDriftOptions *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_strfreev (self->columns);
  g_hash_table_unref (self->tests);
  g_hash_table_unref (self->thresholds);
  g_free (self->time_column);
  g_free (self);
}

/**
 * orchard_drift_options_set_columns:
 * @self: options
 * @columns: (nullable) (array zero-terminated=1): the columns to test, or
 *   %NULL for every column both data sets hold
 */
void
orchard_drift_options_set_columns (OrchardDriftOptions *self,
                                   const char * const  *columns)
{
  g_return_if_fail (self != NULL);

  g_strfreev (self->columns);
  self->columns = g_strdupv ((char **) columns);
}

/**
 * orchard_drift_options_get_columns:
 * @self: options
 *
 * Returns: (nullable) (array zero-terminated=1) (transfer none): the columns
 *   to test, or %NULL for all
 */
const char * const *
orchard_drift_options_get_columns (const OrchardDriftOptions *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return (const char * const *) self->columns;
}

/**
 * orchard_drift_options_set_stattest:
 * @self: options
 * @column: (nullable): a column, or %NULL for every column without a test of its own
 * @test: the test, or %ORCHARD_STAT_TEST_AUTO to choose automatically again
 */
void
orchard_drift_options_set_stattest (OrchardDriftOptions *self,
                                    const char          *column,
                                    OrchardStatTest      test)
{
  g_return_if_fail (self != NULL);

  if (column == NULL)
    self->all_test = test;
  else if (test == ORCHARD_STAT_TEST_AUTO)
    g_hash_table_remove (self->tests, column);
  else
    g_hash_table_insert (self->tests, g_strdup (column), GINT_TO_POINTER (test));
}

/**
 * orchard_drift_options_get_stattest:
 * @self: options
 * @column: (nullable): a column
 *
 * Returns: the test asked for @column, else the one asked for every
 *   column, else %ORCHARD_STAT_TEST_AUTO
 */
OrchardStatTest
orchard_drift_options_get_stattest (const OrchardDriftOptions *self,
                                    const char                *column)
{
  gpointer test;

  g_return_val_if_fail (self != NULL, ORCHARD_STAT_TEST_AUTO);

  if (column != NULL && g_hash_table_lookup_extended (self->tests, column, NULL, &test))
    return GPOINTER_TO_INT (test);
  return self->all_test;
}

/**
 * orchard_drift_options_set_threshold:
 * @self: options
 * @column: (nullable): a column, or %NULL for every column without a threshold of its own
 * @threshold: the threshold (a p-value for tests with one, else a
 *   distance or index), or NaN for the test's default
 */
void
orchard_drift_options_set_threshold (OrchardDriftOptions *self,
                                     const char          *column,
                                     double               threshold)
{
  g_return_if_fail (self != NULL);

  if (column == NULL)
    self->all_threshold = threshold;
  else if (isnan (threshold))
    g_hash_table_remove (self->thresholds, column);
  else
    g_hash_table_insert (self->thresholds, g_strdup (column), g_memdup2 (&threshold, sizeof threshold));
}

/**
 * orchard_drift_options_get_threshold:
 * @self: options
 * @column: (nullable): a column
 *
 * Returns: the threshold asked for @column, else the one asked for every
 *   column, else NaN: the default of the column's test
 */
double
orchard_drift_options_get_threshold (const OrchardDriftOptions *self,
                                     const char                *column)
{
  const double *threshold;

  g_return_val_if_fail (self != NULL, NAN);

  if (column != NULL && (threshold = g_hash_table_lookup (self->thresholds, column)) != NULL)
    return *threshold;
  return self->all_threshold;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/**
 * orchard_drift_options_dup_override_columns:
 * @self: options
 *
 * Returns: (transfer full): the columns with a test or threshold of their
 *   own, sorted, so that a report can check they exist
 */
GStrv
orchard_drift_options_dup_override_columns (const OrchardDriftOptions *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;

  g_return_val_if_fail (self != NULL, NULL);

  g_hash_table_iter_init (&iter, self->tests);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (g_hash_table_add (seen, key))
      g_ptr_array_add (names, key);
  g_hash_table_iter_init (&iter, self->thresholds);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (g_hash_table_add (seen, key))
      g_ptr_array_add (names, key);

  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (names, i));

  return g_strv_builder_end (builder);
}

/**
 * orchard_drift_options_set_correction:
 * @self: options
 * @correction: the adjustment of p-values for testing many columns
 */
void
orchard_drift_options_set_correction (OrchardDriftOptions *self,
                                      OrchardCorrection    correction)
{
  g_return_if_fail (self != NULL);
  self->correction = correction;
}

/**
 * orchard_drift_options_get_correction:
 * @self: options
 *
 * Returns: the adjustment of p-values for testing many columns
 */
OrchardCorrection
orchard_drift_options_get_correction (const OrchardDriftOptions *self)
{
  g_return_val_if_fail (self != NULL, ORCHARD_CORRECTION_NONE);
  return self->correction;
}

/**
 * orchard_drift_options_set_drift_share:
 * @self: options
 * @share: the share of drifted columns, in (0, 1], from which the data set
 *   counts as drifted
 */
void
orchard_drift_options_set_drift_share (OrchardDriftOptions *self,
                                       double               share)
{
  g_return_if_fail (self != NULL);
  self->drift_share = share;
}

/**
 * orchard_drift_options_get_drift_share:
 * @self: options
 *
 * Returns: the share of drifted columns from which the data set has drifted
 */
double
orchard_drift_options_get_drift_share (const OrchardDriftOptions *self)
{
  g_return_val_if_fail (self != NULL, ORCHARD_DRIFT_SHARE_DEFAULT);
  return self->drift_share;
}

/**
 * orchard_drift_options_set_chunk_size:
 * @self: options
 * @rows: rows per chunk, or 0 for no chunks
 *
 * Cuts the current rows, in their order, into chunks of @rows; the last
 * chunk holds what is left.
 */
void
orchard_drift_options_set_chunk_size (OrchardDriftOptions *self,
                                      gsize                rows)
{
  g_return_if_fail (self != NULL);
  self->chunking = rows > 0 ? ORCHARD_CHUNKING_SIZE : ORCHARD_CHUNKING_NONE;
  self->chunk_size = rows;
}

/**
 * orchard_drift_options_set_chunk_count:
 * @self: options
 * @count: the number of chunks, or 0 for no chunks
 *
 * Cuts the current rows, in their order, into @count chunks whose sizes
 * differ by at most one row: chunk c holds rows ⌊c n / count⌋ to
 * ⌊(c + 1) n / count⌋ − 1.
 */
void
orchard_drift_options_set_chunk_count (OrchardDriftOptions *self,
                                       guint                count)
{
  g_return_if_fail (self != NULL);
  self->chunking = count > 0 ? ORCHARD_CHUNKING_COUNT : ORCHARD_CHUNKING_NONE;
  self->chunk_count = count;
}

/**
 * orchard_drift_options_set_chunk_period:
 * @self: options
 * @period: the calendar period
 * @time_column: the date or date-time column of the current data whose
 *   period places each row
 *
 * One chunk per period that holds a row, in time order; rows without a
 * time belong to no chunk (they still count in the overall comparison).
 */
void
orchard_drift_options_set_chunk_period (OrchardDriftOptions *self,
                                        OrchardPeriod        period,
                                        const char          *time_column)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (time_column != NULL);

  self->chunking = ORCHARD_CHUNKING_PERIOD;
  self->period = period;
  g_free (self->time_column);
  self->time_column = g_strdup (time_column);
}

/**
 * orchard_drift_options_get_chunking:
 * @self: options
 *
 * Returns: how the current rows are cut into chunks, the last setter called deciding
 */
OrchardChunking
orchard_drift_options_get_chunking (const OrchardDriftOptions *self)
{
  g_return_val_if_fail (self != NULL, ORCHARD_CHUNKING_NONE);
  return self->chunking;
}

/**
 * orchard_drift_options_get_chunk_size:
 * @self: options
 *
 * Returns: rows per chunk, for %ORCHARD_CHUNKING_SIZE
 */
gsize
orchard_drift_options_get_chunk_size (const OrchardDriftOptions *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->chunk_size;
}

/**
 * orchard_drift_options_get_chunk_count:
 * @self: options
 *
 * Returns: the number of chunks, for %ORCHARD_CHUNKING_COUNT
 */
guint
orchard_drift_options_get_chunk_count (const OrchardDriftOptions *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->chunk_count;
}

/**
 * orchard_drift_options_get_chunk_period:
 * @self: options
 *
 * Returns: the calendar period, for %ORCHARD_CHUNKING_PERIOD
 */
OrchardPeriod
orchard_drift_options_get_chunk_period (const OrchardDriftOptions *self)
{
  g_return_val_if_fail (self != NULL, ORCHARD_PERIOD_MONTH);
  return self->period;
}

/**
 * orchard_drift_options_get_time_column:
 * @self: options
 *
 * Returns: (nullable): the time column, for %ORCHARD_CHUNKING_PERIOD
 */
const char *
orchard_drift_options_get_time_column (const OrchardDriftOptions *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->time_column;
}

/* Names ------------------------------------------------------------------- */

static const char * const test_names[] = {
  "auto", "ks", "chisquare", "z", "wasserstein", "jensenshannon", "psi",
};

/**
 * orchard_stat_test_to_string:
 * @test: a test
 *
 * Returns: its name in reports and on the command line: `ks`, `chisquare`,
 *   `z`, `wasserstein`, `jensenshannon`, `psi` (or `auto`)
 */
const char *
orchard_stat_test_to_string (OrchardStatTest test)
{
  g_return_val_if_fail ((guint) test < G_N_ELEMENTS (test_names), NULL);
  return test_names[test];
}

/**
 * orchard_stat_test_from_string:
 * @str: a name, as orchard_stat_test_to_string() gives it
 * @test: (out): the test
 *
 * Returns: whether @str names a test
 */
gboolean
orchard_stat_test_from_string (const char      *str,
                               OrchardStatTest *test)
{
  g_return_val_if_fail (str != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (test_names); i++)
    if (strcmp (str, test_names[i]) == 0)
      {
        *test = i;
        return TRUE;
      }
  return FALSE;
}

/**
 * orchard_stat_test_get_default_threshold:
 * @test: a test other than %ORCHARD_STAT_TEST_AUTO
 *
 * Returns: Evidently's default: 0.05 for the p-value of ks, chisquare
 *   and z; 0.1 for the wasserstein, jensenshannon and psi scores
 */
double
orchard_stat_test_get_default_threshold (OrchardStatTest test)
{
  return orchard_stat_test_has_p_value (test) ? 0.05 : 0.1;
}

/**
 * orchard_stat_test_has_p_value:
 * @test: a test
 *
 * Returns: whether the test gives a p-value (drift when it is small) rather
 *   than a distance or index (drift when it is large)
 */
gboolean
orchard_stat_test_has_p_value (OrchardStatTest test)
{
  return test == ORCHARD_STAT_TEST_KS || test == ORCHARD_STAT_TEST_CHISQUARE ||
         test == ORCHARD_STAT_TEST_Z;
}

static const char * const correction_names[] = { "none", "bonferroni", "bh" };

/**
 * orchard_correction_to_string:
 * @correction: a correction
 *
 * Returns: `none`, `bonferroni` or `bh`
 */
const char *
orchard_correction_to_string (OrchardCorrection correction)
{
  g_return_val_if_fail ((guint) correction < G_N_ELEMENTS (correction_names), NULL);
  return correction_names[correction];
}

/**
 * orchard_correction_from_string:
 * @str: `none`, `bonferroni` or `bh`
 * @correction: (out): the correction
 *
 * Returns: whether @str names a correction
 */
gboolean
orchard_correction_from_string (const char        *str,
                                OrchardCorrection *correction)
{
  g_return_val_if_fail (str != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (correction_names); i++)
    if (strcmp (str, correction_names[i]) == 0)
      {
        *correction = i;
        return TRUE;
      }
  return FALSE;
}

static const char * const period_names[] = { "day", "week", "month", "quarter" };

/**
 * orchard_period_to_string:
 * @period: a period
 *
 * Returns: `day`, `week`, `month` or `quarter`
 */
const char *
orchard_period_to_string (OrchardPeriod period)
{
  g_return_val_if_fail ((guint) period < G_N_ELEMENTS (period_names), NULL);
  return period_names[period];
}

/**
 * orchard_period_from_string:
 * @str: `day`, `week`, `month` or `quarter`
 * @period: (out): the period
 *
 * Returns: whether @str names a period
 */
gboolean
orchard_period_from_string (const char    *str,
                            OrchardPeriod *period)
{
  g_return_val_if_fail (str != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (period_names); i++)
    if (strcmp (str, period_names[i]) == 0)
      {
        *period = i;
        return TRUE;
      }
  return FALSE;
}
