/* orchard-profile.h: what a table holds, column by column, and what looks wrong
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "orchard-progress.h"
#include "orchard-table.h"

G_BEGIN_DECLS

/**
 * ORCHARD_PROFILE_TOP_LEVELS:
 *
 * How many levels of a categorical column a profile lists by name; the
 * rest are summed into #OrchardColumnProfile.other_count.
 */
#define ORCHARD_PROFILE_TOP_LEVELS 20

/**
 * ORCHARD_PROFILE_MAX_BINS:
 *
 * The most histogram bins a profile draws for one column.
 */
#define ORCHARD_PROFILE_MAX_BINS 50

/**
 * OrchardQuantile:
 * @ORCHARD_QUANTILE_P1: the 1st percentile
 * @ORCHARD_QUANTILE_P5: the 5th percentile
 * @ORCHARD_QUANTILE_P25: the first quartile
 * @ORCHARD_QUANTILE_P50: the median
 * @ORCHARD_QUANTILE_P75: the third quartile
 * @ORCHARD_QUANTILE_P95: the 95th percentile
 * @ORCHARD_QUANTILE_P99: the 99th percentile
 * @ORCHARD_N_QUANTILES: the number of quantiles a profile holds
 *
 * Indices into #OrchardColumnProfile.quantiles.
 */
typedef enum
{
  ORCHARD_QUANTILE_P1,
  ORCHARD_QUANTILE_P5,
  ORCHARD_QUANTILE_P25,
  ORCHARD_QUANTILE_P50,
  ORCHARD_QUANTILE_P75,
  ORCHARD_QUANTILE_P95,
  ORCHARD_QUANTILE_P99,
  ORCHARD_N_QUANTILES
} OrchardQuantile;

/**
 * OrchardProfileWarningCode:
 * @ORCHARD_PROFILE_WARNING_CONSTANT: a column with one value, or none
 * @ORCHARD_PROFILE_WARNING_HIGH_MISSING: more than 20% of a column is missing
 * @ORCHARD_PROFILE_WARNING_HIGH_CARDINALITY: a categorical column with more than 50 levels
 * @ORCHARD_PROFILE_WARNING_ID_LIKE: a column that looks like a row identifier
 * @ORCHARD_PROFILE_WARNING_DUPLICATE_ROWS: rows that repeat an earlier row
 * @ORCHARD_PROFILE_WARNING_DUPLICATE_COLUMNS: a column identical to an earlier one
 * @ORCHARD_PROFILE_WARNING_OUTLIERS: more than 5% of values outside the 1.5×IQR fences
 * @ORCHARD_PROFILE_WARNING_MIXED_TYPES: a column that mixes numbers and text
 * @ORCHARD_PROFILE_WARNING_SKEWED: a numeric column with |skewness| above 2
 * @ORCHARD_PROFILE_WARNING_TARGET_LEAKAGE: a feature that alone predicts the target
 *   almost perfectly
 * @ORCHARD_PROFILE_WARNING_IMBALANCED_TARGET: a class target whose largest class
 *   outnumbers the smallest more than 9:1
 *
 * The machine-readable kind of a #OrchardProfileWarning. The exact rules
 * and thresholds are in `docs/profiling.md`.
 */
typedef enum
{
  ORCHARD_PROFILE_WARNING_CONSTANT,
  ORCHARD_PROFILE_WARNING_HIGH_MISSING,
  ORCHARD_PROFILE_WARNING_HIGH_CARDINALITY,
  ORCHARD_PROFILE_WARNING_ID_LIKE,
  ORCHARD_PROFILE_WARNING_DUPLICATE_ROWS,
  ORCHARD_PROFILE_WARNING_DUPLICATE_COLUMNS,
  ORCHARD_PROFILE_WARNING_OUTLIERS,
  ORCHARD_PROFILE_WARNING_MIXED_TYPES,
  ORCHARD_PROFILE_WARNING_SKEWED,
  ORCHARD_PROFILE_WARNING_TARGET_LEAKAGE,
  ORCHARD_PROFILE_WARNING_IMBALANCED_TARGET,
} OrchardProfileWarningCode;

/**
 * OrchardTargetScore:
 * @ORCHARD_TARGET_SCORE_NONE: no score: no target, the target itself, or too few rows
 * @ORCHARD_TARGET_SCORE_ROC_AUC: one-feature ROC AUC, max(AUC, 1 − AUC), the
 *   smallest over pairs of classes (numeric or datetime feature, class target)
 * @ORCHARD_TARGET_SCORE_CORRELATION: |Pearson correlation| (numeric or
 *   datetime feature, value target)
 * @ORCHARD_TARGET_SCORE_PURE_LEVELS: 1 when every level holds a single
 *   target class, else 0 (categorical feature, class target)
 * @ORCHARD_TARGET_SCORE_CORRELATION_RATIO: the correlation ratio η
 *   (categorical feature, value target)
 *
 * What #OrchardColumnProfile.target_score measures; all are 0 … 1, and
 * 1 means the column alone determines the target.
 */
typedef enum
{
  ORCHARD_TARGET_SCORE_NONE,
  ORCHARD_TARGET_SCORE_ROC_AUC,
  ORCHARD_TARGET_SCORE_CORRELATION,
  ORCHARD_TARGET_SCORE_PURE_LEVELS,
  ORCHARD_TARGET_SCORE_CORRELATION_RATIO,
} OrchardTargetScore;

/**
 * OrchardLevelCount:
 * @value: the level
 * @count: the rows that hold it
 */
typedef struct
{
  const char *value;
  gsize       count;
} OrchardLevelCount;

/**
 * OrchardColumnProfile:
 * @name: the column name
 * @kind: the column kind
 * @role: the column role in the profiled table
 * @count: values present (not missing)
 * @missing: values missing
 * @missing_share: @missing divided by the number of rows (0 for an empty table)
 * @unique: distinct values among those present
 * @memory_bytes: bytes the column holds in memory
 * @mean: arithmetic mean (numeric and datetime; NaN otherwise or when nothing is present)
 * @std: sample standard deviation, ddof = 1 (NaN with fewer than two values)
 * @min: smallest value
 * @max: largest value
 * @quantiles: percentiles by linear interpolation, indexed by #OrchardQuantile
 * @skewness: adjusted Fisher–Pearson skewness (numeric only; NaN with fewer than three values)
 * @zeros: values equal to zero (numeric only)
 * @lower_fence: first quartile − 1.5 × IQR
 * @upper_fence: third quartile + 1.5 × IQR
 * @outliers: values outside the fences
 * @n_bins: number of histogram bins, 0 when there is no histogram
 * @bin_edges: (array length=n_bins): @n_bins + 1 increasing edges
 * @bin_counts: (array length=n_bins): values per bin; the last bin is closed
 * @n_levels: levels listed in @levels (categorical and text), at most %ORCHARD_PROFILE_TOP_LEVELS
 * @levels: (array length=n_levels): the most frequent levels, by decreasing count
 * @n_other_levels: further levels not listed
 * @other_count: the rows holding those further levels
 * @target_score_kind: what @target_score measures
 * @target_score: how well the column alone predicts the target, the score the
 *   `target_leakage` warning uses; NaN when @target_score_kind is
 *   %ORCHARD_TARGET_SCORE_NONE
 *
 * The profile of one column. Owned by its #OrchardProfile and read-only.
 * Statistics that do not apply to the column's kind are NaN or 0.
 */
typedef struct
{
  const char               *name;
  OrchardColumnKind         kind;
  OrchardColumnRole         role;

  gsize                     count;
  gsize                     missing;
  double                    missing_share;
  gsize                     unique;
  gsize                     memory_bytes;

  double                    mean;
  double                    std;
  double                    min;
  double                    max;
  double                    quantiles[ORCHARD_N_QUANTILES];
  double                    skewness;
  gsize                     zeros;
  double                    lower_fence;
  double                    upper_fence;
  gsize                     outliers;
  guint                     n_bins;
  const double             *bin_edges;
  const gsize              *bin_counts;

  guint                     n_levels;
  const OrchardLevelCount  *levels;
  gsize                     n_other_levels;
  gsize                     other_count;

  OrchardTargetScore        target_score_kind;
  double                    target_score;
} OrchardColumnProfile;

/**
 * OrchardProfileWarning:
 * @code: what kind of problem
 * @column: (nullable): the column concerned, or %NULL for the whole table
 * @message: one line that says what was found, with the numbers
 * @action: one line that says what the analyst could do about it
 *
 * A problem the profile found. Owned by its #OrchardProfile and read-only.
 */
typedef struct
{
  OrchardProfileWarningCode  code;
  const char                *column;
  const char                *message;
  const char                *action;
} OrchardProfileWarning;

#define ORCHARD_TYPE_PROFILE (orchard_profile_get_type ())

G_DECLARE_FINAL_TYPE (OrchardProfile, orchard_profile, ORCHARD, PROFILE, GObject)

OrchardProfile              *orchard_profile_compute            (OrchardTable     *table,
                                                                 const char       *target,
                                                                 OrchardProgress   progress,
                                                                 gpointer          progress_data,
                                                                 GCancellable     *cancellable,
                                                                 GError          **error);
gsize                        orchard_profile_get_n_rows         (OrchardProfile   *self);
guint                        orchard_profile_get_n_columns      (OrchardProfile   *self);
const OrchardColumnProfile  *orchard_profile_get_column         (OrchardProfile   *self,
                                                                 guint             index);
int                          orchard_profile_find_column        (OrchardProfile   *self,
                                                                 const char       *name);
gsize                        orchard_profile_get_duplicate_rows (OrchardProfile   *self);
gsize                        orchard_profile_get_memory_bytes   (OrchardProfile   *self);
const char                  *orchard_profile_get_hash           (OrchardProfile   *self);
const char                  *orchard_profile_get_source         (OrchardProfile   *self);
const char                  *orchard_profile_get_format         (OrchardProfile   *self);
const char                  *orchard_profile_get_target         (OrchardProfile   *self);
guint                        orchard_profile_get_n_warnings     (OrchardProfile   *self);
const OrchardProfileWarning *orchard_profile_get_warning        (OrchardProfile   *self,
                                                                 guint             index);
gboolean                     orchard_profile_has_warning        (OrchardProfile            *self,
                                                                 OrchardProfileWarningCode  code,
                                                                 const char                *column);
JsonNode                    *orchard_profile_to_json            (OrchardProfile   *self);

const char *orchard_profile_warning_code_to_string (OrchardProfileWarningCode code);
const char *orchard_target_score_to_string         (OrchardTargetScore        score);
double      orchard_quantile_get_probability       (OrchardQuantile           quantile);
const char *orchard_quantile_to_string             (OrchardQuantile           quantile);

G_END_DECLS
