/* orchard-reference-profile.h: what the training data looked like, in bounded memory
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "orchard-progress.h"
#include "orchard-table.h"

G_BEGIN_DECLS

/**
 * ORCHARD_REFERENCE_DEFAULT_SAMPLE_SIZE:
 *
 * How many values of each numeric column a reference profile keeps for the
 * exact tests (Kolmogorov–Smirnov, Wasserstein) unless told otherwise.
 * Columns with no more values keep all of them.
 */
#define ORCHARD_REFERENCE_DEFAULT_SAMPLE_SIZE 10000

/**
 * ORCHARD_REFERENCE_MAX_DISTINCT:
 *
 * A numeric column with at most this many distinct values keeps each value
 * and its count, so that tests for few values (chi-square, Z,
 * Jensen–Shannon) count exactly.
 */
#define ORCHARD_REFERENCE_MAX_DISTINCT 20

/**
 * ORCHARD_REFERENCE_PSI_BINS:
 *
 * The number of quantile bins of a numeric column (deciles), which PSI and
 * the histograms of a drift report use.
 */
#define ORCHARD_REFERENCE_PSI_BINS 10

/**
 * OrchardReferenceOptions:
 * @sample_size: numeric values kept per column for the exact tests, 0 for
 *   every value; %ORCHARD_REFERENCE_DEFAULT_SAMPLE_SIZE by default
 * @seed: chooses the sample; the same seed and data give the same sample
 *   on every machine
 * @n_chunks: how many consecutive chunks the reference rows are cut into
 *   for the band of the multivariate drift test (10)
 * @target: (nullable): the column the model predicts; %NULL takes the
 *   table's target role, if any
 *
 * How orchard_reference_profile_build() summarises the reference data.
 * Initialise with orchard_reference_options_init().
 */
typedef struct
{
  gsize        sample_size;
  guint64      seed;
  guint        n_chunks;
  const char  *target;
} OrchardReferenceOptions;

/**
 * OrchardReferenceColumn:
 * @name: the column name
 * @kind: %ORCHARD_COLUMN_KIND_NUMERIC or %ORCHARD_COLUMN_KIND_CATEGORICAL
 * @role: %ORCHARD_COLUMN_ROLE_FEATURE or %ORCHARD_COLUMN_ROLE_TARGET
 * @count: values present
 * @missing: values missing
 * @mean: the mean (numeric)
 * @m2: the sum of squared deviations from the mean (numeric); the
 *   variance is @m2 / @count
 * @min: the smallest value (numeric)
 * @max: the largest value (numeric)
 * @n_distinct: distinct numeric values, exact up to
 *   %ORCHARD_REFERENCE_MAX_DISTINCT and that number + 1 above
 * @distinct_values: (array length=n_distinct): the distinct values in
 *   rising order, when there are no more than %ORCHARD_REFERENCE_MAX_DISTINCT
 * @distinct_counts: (array length=n_distinct): how often each occurs
 * @n_edges: inner edges of the quantile bins (numeric), at most
 *   %ORCHARD_REFERENCE_PSI_BINS − 1
 * @edges: (array length=n_edges): the deciles of the column, repeated ones
 *   dropped; a value v falls in bin i when exactly i edges are ≤ v
 * @bin_counts: (array length=n_edges + 1): values per bin
 * @sample_size: values in @sample
 * @sample: (array length=sample_size): a seeded sample of the values,
 *   without replacement, sorted; every value when @sample_size = @count
 * @n_levels: levels present (categorical)
 * @levels: (array length=n_levels): the levels, most frequent first (ties
 *   by name)
 * @level_counts: (array length=n_levels): rows per level
 *
 * The reference distribution of one column. Owned by its
 * #OrchardReferenceProfile and read-only. Fields that do not apply to the
 * kind are 0, NaN or %NULL.
 */
typedef struct
{
  const char          *name;
  OrchardColumnKind    kind;
  OrchardColumnRole    role;
  gsize                count;
  gsize                missing;

  double               mean;
  double               m2;
  double               min;
  double               max;
  guint                n_distinct;
  const double        *distinct_values;
  const gsize         *distinct_counts;
  guint                n_edges;
  const double        *edges;
  const gsize         *bin_counts;
  gsize                sample_size;
  const double        *sample;

  guint                n_levels;
  const char * const  *levels;
  const gsize         *level_counts;
} OrchardReferenceColumn;

#define ORCHARD_TYPE_REFERENCE_PROFILE (orchard_reference_profile_get_type ())

G_DECLARE_FINAL_TYPE (OrchardReferenceProfile, orchard_reference_profile,
                      ORCHARD, REFERENCE_PROFILE, GObject)

void                          orchard_reference_options_init              (OrchardReferenceOptions  *options);

OrchardReferenceProfile      *orchard_reference_profile_build             (OrchardTable             *table,
                                                                           OrchardTable             *predictions,
                                                                           const OrchardReferenceOptions *options,
                                                                           OrchardProgress           progress,
                                                                           gpointer                  progress_data,
                                                                           GCancellable             *cancellable,
                                                                           GError                  **error);
GVariant                     *orchard_reference_profile_to_variant        (OrchardReferenceProfile  *self);
OrchardReferenceProfile      *orchard_reference_profile_from_variant      (GVariant                 *variant,
                                                                           GError                  **error);

gsize                         orchard_reference_profile_get_n_rows        (OrchardReferenceProfile  *self);
guint                         orchard_reference_profile_get_n_columns     (OrchardReferenceProfile  *self);
const OrchardReferenceColumn *orchard_reference_profile_get_column        (OrchardReferenceProfile  *self,
                                                                           guint                     index);
int                           orchard_reference_profile_find_column       (OrchardReferenceProfile  *self,
                                                                           const char               *name);
guint                         orchard_reference_profile_get_n_predictions (OrchardReferenceProfile  *self);
const OrchardReferenceColumn *orchard_reference_profile_get_prediction    (OrchardReferenceProfile  *self,
                                                                           guint                     index);
const char                   *orchard_reference_profile_get_target        (OrchardReferenceProfile  *self);
const char                   *orchard_reference_profile_get_source        (OrchardReferenceProfile  *self);
gsize                         orchard_reference_profile_get_sample_size   (OrchardReferenceProfile  *self);
guint64                       orchard_reference_profile_get_seed          (OrchardReferenceProfile  *self);
gboolean                      orchard_reference_profile_has_multivariate  (OrchardReferenceProfile  *self);
gsize                         orchard_reference_profile_get_memory_size   (OrchardReferenceProfile  *self);

G_END_DECLS
