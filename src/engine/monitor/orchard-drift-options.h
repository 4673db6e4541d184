/* orchard-drift-options.h: what a drift report tests, how, and on which chunks
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * OrchardStatTest:
 * @ORCHARD_STAT_TEST_AUTO: chosen per column as Evidently does by default
 * @ORCHARD_STAT_TEST_KS: two-sample Kolmogorov–Smirnov; drift when p ≤ threshold (0.05)
 * @ORCHARD_STAT_TEST_CHISQUARE: chi-square goodness of fit against the
 *   reference shares; drift when p < threshold (0.05)
 * @ORCHARD_STAT_TEST_Z: two-proportion Z-test; drift when p < threshold (0.05)
 * @ORCHARD_STAT_TEST_WASSERSTEIN: Wasserstein distance over the reference
 *   standard deviation (at least 0.001); drift when ≥ threshold (0.1)
 * @ORCHARD_STAT_TEST_JENSENSHANNON: Jensen–Shannon distance, natural
 *   logarithm; drift when ≥ threshold (0.1)
 * @ORCHARD_STAT_TEST_PSI: population stability index; drift when ≥ threshold (0.1)
 *
 * The test of one column. The automatic choice: with at most 1000
 * reference values, Kolmogorov–Smirnov for a numeric column with more than
 * 5 distinct values (in reference and current together), else chi-square,
 * or the Z-test when there are at most 2; with more than 1000, the
 * Wasserstein distance for a numeric column with more than 5 distinct
 * values, else Jensen–Shannon.
 */
typedef enum
{
  ORCHARD_STAT_TEST_AUTO,
  ORCHARD_STAT_TEST_KS,
  ORCHARD_STAT_TEST_CHISQUARE,
  ORCHARD_STAT_TEST_Z,
  ORCHARD_STAT_TEST_WASSERSTEIN,
  ORCHARD_STAT_TEST_JENSENSHANNON,
  ORCHARD_STAT_TEST_PSI,
} OrchardStatTest;

/**
 * OrchardCorrection:
 * @ORCHARD_CORRECTION_NONE: each p-value on its own
 * @ORCHARD_CORRECTION_BONFERRONI: Bonferroni (family-wise error rate)
 * @ORCHARD_CORRECTION_BENJAMINI_HOCHBERG: Benjamini–Hochberg (false discovery rate)
 *
 * How the p-values of the columns of one comparison are adjusted for
 * testing many columns at once; verdicts then use the adjusted p-values.
 */
typedef enum
{
  ORCHARD_CORRECTION_NONE,
  ORCHARD_CORRECTION_BONFERRONI,
  ORCHARD_CORRECTION_BENJAMINI_HOCHBERG,
} OrchardCorrection;

/**
 * OrchardChunking:
 * @ORCHARD_CHUNKING_NONE: one comparison of all current rows
 * @ORCHARD_CHUNKING_SIZE: consecutive chunks of a given number of rows (the last may be smaller)
 * @ORCHARD_CHUNKING_COUNT: a given number of consecutive chunks of (nearly) equal size
 * @ORCHARD_CHUNKING_PERIOD: one chunk per calendar period of a time column
 *
 * How the current rows are cut into chunks for a drift timeline.
 */
typedef enum
{
  ORCHARD_CHUNKING_NONE,
  ORCHARD_CHUNKING_SIZE,
  ORCHARD_CHUNKING_COUNT,
  ORCHARD_CHUNKING_PERIOD,
} OrchardChunking;

/**
 * OrchardPeriod:
 * @ORCHARD_PERIOD_DAY: calendar days (UTC), labelled 2014-03-01
 * @ORCHARD_PERIOD_WEEK: ISO 8601 weeks, Monday to Sunday, labelled 2014-W09
 * @ORCHARD_PERIOD_MONTH: calendar months, labelled 2014-03
 * @ORCHARD_PERIOD_QUARTER: calendar quarters, labelled 2014-Q1
 *
 * The calendar period of %ORCHARD_CHUNKING_PERIOD.
 */
typedef enum
{
  ORCHARD_PERIOD_DAY,
  ORCHARD_PERIOD_WEEK,
  ORCHARD_PERIOD_MONTH,
  ORCHARD_PERIOD_QUARTER,
} OrchardPeriod;

/**
 * ORCHARD_DRIFT_SHARE_DEFAULT:
 *
 * The share of drifted columns from which a whole data set counts as drifted.
 */
#define ORCHARD_DRIFT_SHARE_DEFAULT 0.5

#define ORCHARD_TYPE_DRIFT_OPTIONS (orchard_drift_options_get_type ())

typedef struct _OrchardDriftOptions OrchardDriftOptions;

GType                orchard_drift_options_get_type          (void) G_GNUC_CONST;
OrchardDriftOptions *orchard_drift_options_new               (void);
OrchardDriftOptions *orchard_drift_options_ref               (OrchardDriftOptions *options);
void                 orchard_drift_options_unref             (OrchardDriftOptions *options);

void                 orchard_drift_options_set_columns       (OrchardDriftOptions *options,
                                                              const char * const  *columns);
const char * const  *orchard_drift_options_get_columns       (const OrchardDriftOptions *options);
void                 orchard_drift_options_set_stattest      (OrchardDriftOptions *options,
                                                              const char          *column,
                                                              OrchardStatTest      test);
OrchardStatTest      orchard_drift_options_get_stattest      (const OrchardDriftOptions *options,
                                                              const char          *column);
void                 orchard_drift_options_set_threshold     (OrchardDriftOptions *options,
                                                              const char          *column,
                                                              double               threshold);
double               orchard_drift_options_get_threshold     (const OrchardDriftOptions *options,
                                                              const char          *column);
GStrv                orchard_drift_options_dup_override_columns (const OrchardDriftOptions *options);
void                 orchard_drift_options_set_correction    (OrchardDriftOptions *options,
                                                              OrchardCorrection    correction);
OrchardCorrection    orchard_drift_options_get_correction    (const OrchardDriftOptions *options);
void                 orchard_drift_options_set_drift_share   (OrchardDriftOptions *options,
                                                              double               share);
double               orchard_drift_options_get_drift_share   (const OrchardDriftOptions *options);
void                 orchard_drift_options_set_chunk_size    (OrchardDriftOptions *options,
                                                              gsize                rows);
void                 orchard_drift_options_set_chunk_count   (OrchardDriftOptions *options,
                                                              guint                count);
void                 orchard_drift_options_set_chunk_period  (OrchardDriftOptions *options,
                                                              OrchardPeriod        period,
                                                              const char          *time_column);
OrchardChunking      orchard_drift_options_get_chunking      (const OrchardDriftOptions *options);
gsize                orchard_drift_options_get_chunk_size    (const OrchardDriftOptions *options);
guint                orchard_drift_options_get_chunk_count   (const OrchardDriftOptions *options);
OrchardPeriod        orchard_drift_options_get_chunk_period  (const OrchardDriftOptions *options);
const char          *orchard_drift_options_get_time_column   (const OrchardDriftOptions *options);

const char          *orchard_stat_test_to_string             (OrchardStatTest      test);
gboolean             orchard_stat_test_from_string           (const char          *str,
                                                              OrchardStatTest     *test);
double               orchard_stat_test_get_default_threshold (OrchardStatTest      test);
gboolean             orchard_stat_test_has_p_value           (OrchardStatTest      test);
const char          *orchard_correction_to_string            (OrchardCorrection    correction);
gboolean             orchard_correction_from_string          (const char          *str,
                                                              OrchardCorrection   *correction);
const char          *orchard_period_to_string                (OrchardPeriod        period);
gboolean             orchard_period_from_string              (const char          *str,
                                                              OrchardPeriod       *period);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OrchardDriftOptions, orchard_drift_options_unref)

G_END_DECLS
