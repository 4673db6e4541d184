/* orchard-drift-report.h: has the data drifted from the reference, column by column and over time
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "orchard-drift-options.h"
#include "orchard-progress.h"
#include "orchard-reference-profile.h"
#include "orchard-table.h"

G_BEGIN_DECLS

/**
 * OrchardEffectSize:
 * @ORCHARD_EFFECT_SIZE_COHENS_D: Cohen's d, the difference of the means
 *   (current − reference) in pooled standard deviations; for ks and
 *   wasserstein, and psi on a numeric column
 * @ORCHARD_EFFECT_SIZE_CRAMERS_V: Cramér's V of the reference-versus-current
 *   table of counts, 0 to 1; for chisquare, z and jensenshannon, and psi on
 *   a categorical column
 *
 * What #OrchardColumnDrift.effect_size measures.
 */
typedef enum
{
  ORCHARD_EFFECT_SIZE_COHENS_D,
  ORCHARD_EFFECT_SIZE_CRAMERS_V,
} OrchardEffectSize;

/**
 * OrchardColumnDrift:
 * @name: the column
 * @kind: %ORCHARD_COLUMN_KIND_NUMERIC or %ORCHARD_COLUMN_KIND_CATEGORICAL
 * @role: %ORCHARD_COLUMN_ROLE_FEATURE, %ORCHARD_COLUMN_ROLE_TARGET, or for
 *   the columns of #orchard_drift_report_get_prediction the role
 *   %ORCHARD_COLUMN_ROLE_FEATURE
 * @test: the test used (never %ORCHARD_STAT_TEST_AUTO)
 * @chosen: %TRUE when the user chose @test (or @threshold), %FALSE when
 *   both are the automatic defaults
 * @tested: %FALSE when one side has no value: then @statistic, @p_value,
 *   @psi and the effect sizes are NaN and @drifted is %FALSE
 * @statistic: the test's statistic: D (ks), χ² (chisquare; +∞ when a value
 *   absent from the reference appears), z (z), the normed distance
 *   (wasserstein), the distance (jensenshannon), the index (psi)
 * @p_value: the p-value of ks, chisquare and z; NaN for the others
 * @p_value_adjusted: the p-value after #OrchardCorrection, NaN without one
 * @threshold: the threshold of the verdict
 * @drifted: the verdict: p ≤ threshold (ks), p < threshold (chisquare, z),
 *   statistic ≥ threshold (the others), with the adjusted p-value when
 *   there is one
 * @psi: the population stability index, whatever the test
 * @effect_size_kind: what @effect_size measures
 * @effect_size: the size of the shift, next to the p-value: small p-values
 *   with a tiny effect are large samples, not a problem
 * @detectable_effect: the smallest @effect_size the test would call drift
 *   at these sample sizes and this threshold (ks: the normal mean shift,
 *   in standard deviations, that moves D to its critical value; chisquare,
 *   z: the Cramér's V of the critical χ²); NaN for distance tests, whose
 *   thresholds do not depend on the sample size
 * @exact: for ks, whether the exact distribution gave the p-value
 * @reference_count: reference values present
 * @reference_sample: reference values the exact tests compared (the
 *   profile's sample)
 * @current_count: current values present
 * @n_bins: bins of the two histograms
 * @edges: (array length=n_bins + 1) (nullable): numeric columns: the bin
 *   edges, the reference deciles between the smallest and largest value of
 *   either side
 * @labels: (array length=n_bins) (nullable): categorical columns: the
 *   levels, reference levels first by frequency
 * @reference_counts: (array length=n_bins): reference values per bin
 * @current_counts: (array length=n_bins): current values per bin
 * @note: (nullable): why a column was not tested, or what makes a
 *   statistic infinite
 *
 * The drift of one column. Owned by its #OrchardDriftReport and read-only.
 */
typedef struct
{
  const char          *name;
  OrchardColumnKind    kind;
  OrchardColumnRole    role;
  OrchardStatTest      test;
  gboolean             chosen;
  gboolean             tested;
  double               statistic;
  double               p_value;
  double               p_value_adjusted;
  double               threshold;
  gboolean             drifted;
  double               psi;
  OrchardEffectSize    effect_size_kind;
  double               effect_size;
  double               detectable_effect;
  gboolean             exact;
  gsize                reference_count;
  gsize                reference_sample;
  gsize                current_count;
  guint                n_bins;
  const double        *edges;
  const char * const  *labels;
  const gsize         *reference_counts;
  const gsize         *current_counts;
  const char          *note;
} OrchardColumnDrift;

/**
 * OrchardChunkColumnDrift:
 * @tested: whether both sides had values in the chunk
 * @statistic: the statistic of the column's test on the chunk
 * @p_value: its p-value, NaN for distance tests
 * @p_value_adjusted: adjusted over the chunk's columns, NaN without correction
 * @drifted: the verdict
 *
 * One column of one chunk; the test and threshold are the column's in the
 * whole comparison, so that the timeline compares like with like.
 */
typedef struct
{
  gboolean  tested;
  double    statistic;
  double    p_value;
  double    p_value_adjusted;
  gboolean  drifted;
} OrchardChunkColumnDrift;

/**
 * OrchardDriftChunk:
 * @label: `1-1000` (rows, counted from 1) or the period: `2014-03-01`,
 *   `2014-W09`, `2014-03`, `2014-Q1`
 * @start: the period's first second (UTC), or the chunk's first row
 * @n_rows: rows in the chunk
 * @n_columns: feature columns tested in the chunk
 * @n_drifted: how many drifted
 * @drift_share: @n_drifted / @n_columns (0 when none was tested)
 * @dataset_drift: @drift_share ≥ the report's threshold
 * @columns: (array length=n): one per column of the report, in its order
 *   (orchard_drift_report_get_n_columns()), predictions after them
 * @reconstruction_error: the multivariate reconstruction error, NaN without
 *   the multivariate test
 * @multivariate_drift: whether it leaves the reference band
 *
 * One chunk of the drift timeline. Owned by its #OrchardDriftReport.
 */
typedef struct
{
  const char                    *label;
  double                         start;
  gsize                          n_rows;
  guint                          n_columns;
  guint                          n_drifted;
  double                         drift_share;
  gboolean                       dataset_drift;
  const OrchardChunkColumnDrift *columns;
  double                         reconstruction_error;
  gboolean                       multivariate_drift;
} OrchardDriftChunk;

/**
 * OrchardMultivariateDrift:
 * @n_features: the feature columns of the model
 * @features: (array length=n_features): their names
 * @n_components: principal axes kept
 * @explained_variance: the share of the reference's variance they explain
 * @n_reference_chunks: chunks of the reference
 * @reference_errors: (array length=n_reference_chunks): their reconstruction errors
 * @reference_mean: the mean of those
 * @reference_std: their standard deviation (n in the denominator)
 * @lower: the band's lower end, mean − 3σ (not below 0)
 * @upper: the band's upper end, mean + 3σ
 * @error: the current data's reconstruction error; NaN when it lacks a feature
 * @drifted: whether @error leaves the band
 * @note: (nullable): why the error could not be computed
 *
 * The multivariate drift test. Owned by its #OrchardDriftReport.
 */
typedef struct
{
  guint                n_features;
  const char * const  *features;
  guint                n_components;
  double               explained_variance;
  guint                n_reference_chunks;
  const double        *reference_errors;
  double               reference_mean;
  double               reference_std;
  double               lower;
  double               upper;
  double               error;
  gboolean             drifted;
  const char          *note;
} OrchardMultivariateDrift;

/**
 * OrchardSkippedColumn:
 * @name: the column
 * @reason: why it was not compared
 *
 * A column of either data set the report leaves out.
 */
typedef struct
{
  const char *name;
  const char *reason;
} OrchardSkippedColumn;

#define ORCHARD_TYPE_DRIFT_REPORT (orchard_drift_report_get_type ())

G_DECLARE_FINAL_TYPE (OrchardDriftReport, orchard_drift_report, ORCHARD, DRIFT_REPORT, GObject)

OrchardDriftReport             *orchard_drift_report_compute                 (OrchardReferenceProfile *reference,
                                                                              OrchardTable            *current,
                                                                              OrchardTable            *current_predictions,
                                                                              OrchardDriftOptions     *options,
                                                                              OrchardProgress          progress,
                                                                              gpointer                 progress_data,
                                                                              GCancellable            *cancellable,
                                                                              GError                 **error);

gboolean                        orchard_drift_report_get_dataset_drift       (OrchardDriftReport *self);
double                          orchard_drift_report_get_drift_share         (OrchardDriftReport *self);
double                          orchard_drift_report_get_drift_share_threshold (OrchardDriftReport *self);
guint                           orchard_drift_report_get_n_drifted           (OrchardDriftReport *self);
guint                           orchard_drift_report_get_n_tested            (OrchardDriftReport *self);
OrchardCorrection               orchard_drift_report_get_correction          (OrchardDriftReport *self);
gsize                           orchard_drift_report_get_reference_rows      (OrchardDriftReport *self);
gsize                           orchard_drift_report_get_current_rows        (OrchardDriftReport *self);
const char                     *orchard_drift_report_get_reference_source    (OrchardDriftReport *self);
const char                     *orchard_drift_report_get_current_source      (OrchardDriftReport *self);
guint                           orchard_drift_report_get_n_columns           (OrchardDriftReport *self);
const OrchardColumnDrift       *orchard_drift_report_get_column              (OrchardDriftReport *self,
                                                                              guint               index);
int                             orchard_drift_report_find_column             (OrchardDriftReport *self,
                                                                              const char         *name);
guint                           orchard_drift_report_get_n_predictions       (OrchardDriftReport *self);
const OrchardColumnDrift       *orchard_drift_report_get_prediction          (OrchardDriftReport *self,
                                                                              guint               index);
gboolean                        orchard_drift_report_get_prediction_drift    (OrchardDriftReport *self);
const OrchardMultivariateDrift *orchard_drift_report_get_multivariate        (OrchardDriftReport *self);
OrchardChunking                 orchard_drift_report_get_chunking            (OrchardDriftReport *self);
guint                           orchard_drift_report_get_n_chunks            (OrchardDriftReport *self);
const OrchardDriftChunk        *orchard_drift_report_get_chunk               (OrchardDriftReport *self,
                                                                              guint               index);
guint                           orchard_drift_report_get_n_skipped           (OrchardDriftReport *self);
const OrchardSkippedColumn     *orchard_drift_report_get_skipped             (OrchardDriftReport *self,
                                                                              guint               index);
JsonNode                       *orchard_drift_report_to_json                 (OrchardDriftReport *self);
OrchardDriftReport             *orchard_drift_report_new_from_json           (JsonNode           *root,
                                                                              const char         *what,
                                                                              GError            **error);

const char                     *orchard_effect_size_to_string                (OrchardEffectSize   kind);
const char                     *orchard_psi_tier                             (double              psi);

G_END_DECLS
