/* orchard-reference-profile.c
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#ifdef _OPENMP
#include <omp.h>
#endif

#include "orchard-error.h"
#include "orchard-rng.h"
#include "orchard-threads.h"

#include "orchard-monitor-private.h"

/* The serialised form; version 1. A change to it bumps the version, and
 * from_variant() keeps reading every older one. */
#define PROFILE_VERSION 1
#define COLUMN_TYPE     "(suuttdddduadatadatadasat)"
#define MODEL_TYPE      "(auadadadadadaduadat)"
#define PROFILE_TYPE    "(utttss" "a" COLUMN_TYPE "a" COLUMN_TYPE "m" MODEL_TYPE ")"

struct _OrchardReferenceProfile
{
  GObject                    parent_instance;

  gsize                      n_rows;
  gsize                      sample_size;
  guint64                    seed;
  char                      *source;
  char                      *target;
  GArray                    *columns;       /* OrchardRefColumn */
  GArray                    *predictions;   /* OrchardRefColumn */
  OrchardMultivariateModel  *multivariate;
};

G_DEFINE_FINAL_TYPE (OrchardReferenceProfile, orchard_reference_profile, G_TYPE_OBJECT)

/* Columns ---------------------------------------------------------------- */

void
orchard_ref_column_clear (OrchardRefColumn *column)
{
  g_clear_pointer (&column->name, g_free);
  g_clear_pointer (&column->distinct_values, g_free);
  g_clear_pointer (&column->distinct_counts, g_free);
  g_clear_pointer (&column->edges, g_free);
  g_clear_pointer (&column->bin_counts, g_free);
  g_clear_pointer (&column->sample, g_free);
  g_clear_pointer (&column->levels, g_strfreev);
  g_clear_pointer (&column->level_counts, g_free);
}

/* Points the public view at the owned arrays. */
void
orchard_ref_column_sync (OrchardRefColumn *column)
{
  column->pub.name = column->name;
  column->pub.distinct_values = column->distinct_values;
  column->pub.distinct_counts = column->distinct_counts;
  column->pub.edges = column->edges;
  column->pub.bin_counts = column->bin_counts;
  column->pub.sample = column->sample;
  column->pub.levels = (const char * const *) column->levels;
  column->pub.level_counts = column->level_counts;
}

static void
ref_column_array_clear (gpointer data)
{
  orchard_ref_column_clear (data);
}

static GArray *
ref_column_array_new (guint n)
{
  GArray *array = g_array_sized_new (FALSE, TRUE, sizeof (OrchardRefColumn), n);

  g_array_set_clear_func (array, ref_column_array_clear);
  g_array_set_size (array, n);
  return array;
}

static void
orchard_reference_profile_finalize (GObject *object)
{
  OrchardReferenceProfile *self = ORCHARD_REFERENCE_PROFILE (object);

  g_clear_pointer (&self->source, g_free);
  g_clear_pointer (&self->target, g_free);
  g_clear_pointer (&self->columns, g_array_unref);
  g_clear_pointer (&self->predictions, g_array_unref);
  g_clear_pointer (&self->multivariate, orchard_multivariate_free);

  G_OBJECT_CLASS (orchard_reference_profile_parent_class)->finalize (object);
}

static void
orchard_reference_profile_class_init (OrchardReferenceProfileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = orchard_reference_profile_finalize;
}

static void
orchard_reference_profile_init (OrchardReferenceProfile *self)
{
  self->columns = ref_column_array_new (0);
  self->predictions = ref_column_array_new (0);
}

/* Building ---------------------------------------------------------------- */

/**
 * orchard_reference_options_init:
 * @options: (out caller-allocates): the options to set
 *
 * Sets the defaults: a sample of %ORCHARD_REFERENCE_DEFAULT_SAMPLE_SIZE
 * values, seed 0, 10 reference chunks, the table's own target.
 */
void
orchard_reference_options_init (OrchardReferenceOptions *options)
{
  g_return_if_fail (options != NULL);

  options->sample_size = ORCHARD_REFERENCE_DEFAULT_SAMPLE_SIZE;
  options->seed = 0;
  options->n_chunks = 10;
  options->target = NULL;
}

static void
profile_numeric (OrchardRefColumn *out,
                 OrchardColumn    *column,
                 gsize             sample_size,
                 guint64           seed,
                 guint             stream,
                 double           *scratch)
{
  const double *values = orchard_column_get_values (column);
  gsize n_rows = orchard_column_get_n_rows (column);
  g_autofree double *sorted = g_new (double, MAX (n_rows, 1));
  double edges[ORCHARD_REFERENCE_PSI_BINS - 1];
  double mean, m2;
  guint n_edges = 0, n_distinct = 0;
  gsize n;

  n = orchard_sort_gather (values, NULL, n_rows, sorted, scratch);

  out->pub.kind = ORCHARD_COLUMN_KIND_NUMERIC;
  out->pub.count = n;
  out->pub.missing = n_rows - n;
  out->pub.mean = out->pub.min = out->pub.max = NAN;
  out->pub.m2 = NAN;
  if (n == 0)
    return;

  mean = orchard_mean_and_m2 (sorted, n, &m2);
  out->pub.mean = mean;
  out->pub.m2 = m2;
  out->pub.min = sorted[0];
  out->pub.max = sorted[n - 1];

  /* Distinct values, while there are few. */
  for (gsize i = 0; i < n && n_distinct <= ORCHARD_REFERENCE_MAX_DISTINCT; i++)
    if (i == 0 || sorted[i] != sorted[i - 1])
      n_distinct++;
  out->pub.n_distinct = n_distinct;
  if (n_distinct <= ORCHARD_REFERENCE_MAX_DISTINCT)
    {
      guint d = 0;

      out->distinct_values = g_new (double, n_distinct);
      out->distinct_counts = g_new0 (gsize, n_distinct);
      for (gsize i = 0; i < n; i++)
        {
          if (i > 0 && sorted[i] != sorted[i - 1])
            d++;
          out->distinct_values[d] = sorted[i];
          out->distinct_counts[d]++;
        }
    }

  /* Decile edges, repeated ones dropped, and the values in each bin. */
  for (guint k = 1; k < ORCHARD_REFERENCE_PSI_BINS; k++)
    {
      double q = orchard_sorted_quantile (sorted, n, k / (double) ORCHARD_REFERENCE_PSI_BINS);

      if (n_edges == 0 || q > edges[n_edges - 1])
        edges[n_edges++] = q;
    }
  out->pub.n_edges = n_edges;
  out->edges = g_memdup2 (edges, sizeof (double) * MAX (n_edges, 1));
  out->bin_counts = g_new (gsize, n_edges + 1);
  {
    gsize below = 0;

    for (guint e = 0; e < n_edges; e++)
      {
        gsize at = orchard_lower_bound (sorted, n, edges[e]);

        out->bin_counts[e] = at - below;
        below = at;
      }
    out->bin_counts[n_edges] = n - below;
  }

  /* The sample: Knuth's selection sampling (Algorithm S) over the sorted
   * values, so it comes out sorted and depends on the values, not on the
   * order of the rows. */
  if (sample_size == 0 || sample_size >= n)
    {
      out->pub.sample_size = n;
      out->sample = n == n_rows ? g_steal_pointer (&sorted) : g_memdup2 (sorted, n * sizeof (double));
    }
  else
    {
      OrchardRng rng;
      gsize needed = sample_size, taken = 0;

      orchard_rng_init_stream (&rng, seed, stream);
      out->sample = g_new (double, sample_size);
      for (gsize i = 0; i < n && needed > 0; i++)
        if (orchard_rng_below (&rng, n - i) < needed)
          {
            out->sample[taken++] = sorted[i];
            needed--;
          }
      g_assert (taken == sample_size);
      out->pub.sample_size = sample_size;
    }
}

typedef struct
{
  const char *name;
  gsize       count;
} LevelCount;

static int
compare_level_counts (const void *a,
                      const void *b)
{
  const LevelCount *la = a, *lb = b;

  if (la->count != lb->count)
    return la->count > lb->count ? -1 : 1;
  return strcmp (la->name, lb->name);
}

static void
profile_categorical (OrchardRefColumn *out,
                     OrchardColumn    *column)
{
  const guint32 *codes = orchard_column_get_codes (column);
  gsize n_rows = orchard_column_get_n_rows (column);
  guint n_levels = orchard_column_get_n_levels (column);
  g_autofree gsize *counts = g_new0 (gsize, MAX (n_levels, 1));
  g_autofree LevelCount *present = g_new (LevelCount, MAX (n_levels, 1));
  gsize missing = 0;
  guint n_present = 0;

  for (gsize r = 0; r < n_rows; r++)
    {
      if (codes[r] == ORCHARD_CODE_MISSING || codes[r] >= n_levels)
        missing++;
      else
        counts[codes[r]]++;
    }

  for (guint l = 0; l < n_levels; l++)
    if (counts[l] > 0)
      {
        present[n_present].name = orchard_column_get_level (column, l);
        present[n_present].count = counts[l];
        n_present++;
      }
  qsort (present, n_present, sizeof (LevelCount), compare_level_counts);

  out->pub.kind = ORCHARD_COLUMN_KIND_CATEGORICAL;
  out->pub.count = n_rows - missing;
  out->pub.missing = missing;
  out->pub.mean = out->pub.m2 = out->pub.min = out->pub.max = NAN;
  out->pub.n_levels = n_present;
  out->levels = g_new0 (char *, n_present + 1);
  out->level_counts = g_new (gsize, MAX (n_present, 1));
  for (guint l = 0; l < n_present; l++)
    {
      out->levels[l] = g_strdup (present[l].name);
      out->level_counts[l] = present[l].count;
    }
}

static gboolean
column_is_profiled (OrchardColumn     *column,
                    OrchardColumnRole  role)
{
  OrchardColumnKind kind = orchard_column_get_kind (column);

  return (kind == ORCHARD_COLUMN_KIND_NUMERIC || kind == ORCHARD_COLUMN_KIND_CATEGORICAL) &&
         (role == ORCHARD_COLUMN_ROLE_FEATURE || role == ORCHARD_COLUMN_ROLE_TARGET);
}

typedef struct
{
  OrchardColumn    *column;
  OrchardRefColumn *out;
  guint             stream;
} Job;

static gboolean
run_jobs (Job             *jobs,
          guint            n_jobs,
          gsize            n_rows,
          gsize            sample_size,
          guint64          seed,
          double           progress_share,
          OrchardProgress  progress,
          gpointer         progress_data,
          GCancellable    *cancellable)
{
  int n_threads = (int) orchard_get_threads ();
  int n_done = 0;

#pragma omp parallel num_threads (n_threads)
  {
    /* Each thread sorts in its own working space, allocated once. */
    g_autofree double *scratch = g_new (double, MAX (n_rows, 1));

#pragma omp for schedule (dynamic, 1)
    for (int j = 0; j < (int) n_jobs; j++)
      {
        int done;

        if (g_cancellable_is_cancelled (cancellable))
          continue;

        if (orchard_column_get_kind (jobs[j].column) == ORCHARD_COLUMN_KIND_NUMERIC)
          profile_numeric (jobs[j].out, jobs[j].column, sample_size, seed, jobs[j].stream, scratch);
        else
          profile_categorical (jobs[j].out, jobs[j].column);

        done = g_atomic_int_add (&n_done, 1) + 1;
#ifdef _OPENMP
        if (omp_get_thread_num () == 0)
#endif
          if (progress != NULL)
            progress (progress_share * done / MAX (n_jobs, 1), NULL, progress_data);
      }
  }

  return !g_cancellable_is_cancelled (cancellable);
}

/**
 * orchard_reference_profile_build:
 * @table: the reference data, usually the training rows
 * @predictions: (nullable): the model's outputs on the reference rows (a
 *   predicted class, probabilities, a predicted value: one column each),
 *   or %NULL
 * @options: (nullable): how to summarise, or %NULL for the defaults
 * @progress: (nullable) (scope call): progress callback, called from the
 *   calling thread
 * @progress_data: data for @progress
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Summarises the numeric and categorical feature and target columns of
 * @table (date, text, identifier and ignored columns are left out) for
 * later drift tests, in memory that grows with the number of bins, levels
 * and the sample, not with the rows: per column the counts, mean, spread
 * and range, the deciles with the values in each decile bin, the distinct
 * values when there are at most %ORCHARD_REFERENCE_MAX_DISTINCT, the
 * levels with their counts, and a seeded sample of the values without
 * replacement for the exact tests; and the principal-component model of
 * the features for the multivariate test, with the reconstruction error of
 * each of the reference's chunks. Columns are summarised in parallel.
 *
 * Returns: (transfer full) (nullable): the profile, or %NULL with @error
 *   set: %ORCHARD_ERROR_EMPTY for a table without rows,
 *   %ORCHARD_ERROR_INVALID_ARGUMENT for an unknown target column,
 *   %G_IO_ERROR_CANCELLED when cancelled
 */
OrchardReferenceProfile *
orchard_reference_profile_build (OrchardTable                  *table,
                                 OrchardTable                  *predictions,
                                 const OrchardReferenceOptions *options,
                                 OrchardProgress                progress,
                                 gpointer                       progress_data,
                                 GCancellable                  *cancellable,
                                 GError                       **error)
{
  g_autoptr(OrchardReferenceProfile) self = NULL;
  g_autoptr(GArray) jobs = NULL;
  g_autofree guint *table_index = NULL;
  OrchardReferenceOptions defaults;
  int target = -1;
  guint n_columns, n_profiled = 0, n_predicted = 0;

  g_return_val_if_fail (ORCHARD_IS_TABLE (table), NULL);
  g_return_val_if_fail (predictions == NULL || ORCHARD_IS_TABLE (predictions), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (options == NULL)
    {
      orchard_reference_options_init (&defaults);
      options = &defaults;
    }

  if (orchard_table_get_n_rows (table) == 0)
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_EMPTY,
                   "The reference data %s has no rows to compare with",
                   orchard_table_get_source (table) != NULL ? orchard_table_get_source (table) : "");
      return NULL;
    }

  if (options->target != NULL)
    {
      target = orchard_table_find_column (table, options->target);
      if (target < 0)
        {
          g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                       "The target column “%s” is not in the reference data%s%s",
                       options->target,
                       orchard_table_get_source (table) != NULL ? " " : "",
                       orchard_table_get_source (table) != NULL ? orchard_table_get_source (table) : "");
          return NULL;
        }
    }
  else
    target = orchard_table_get_target (table);

  self = g_object_new (ORCHARD_TYPE_REFERENCE_PROFILE, NULL);
  self->n_rows = orchard_table_get_n_rows (table);
  self->sample_size = options->sample_size;
  self->seed = options->seed;
  self->source = g_strdup (orchard_table_get_source (table));

  n_columns = orchard_table_get_n_columns (table);
  table_index = g_new (guint, MAX (n_columns, 1));
  jobs = g_array_new (FALSE, TRUE, sizeof (Job));

  for (guint c = 0; c < n_columns; c++)
    {
      OrchardColumn *column = orchard_table_get_column (table, c);
      OrchardColumnRole role = orchard_table_get_role (table, c);

      /* The target named here replaces the table's own. */
      if (role == ORCHARD_COLUMN_ROLE_TARGET && (int) c != target)
        role = ORCHARD_COLUMN_ROLE_FEATURE;
      if ((int) c == target)
        role = ORCHARD_COLUMN_ROLE_TARGET;

      if (!column_is_profiled (column, role))
        continue;

      table_index[n_profiled++] = c;
      if ((int) c == target)
        self->target = g_strdup (orchard_column_get_name (column));
    }

  g_array_set_size (self->columns, n_profiled);
  for (guint i = 0; i < n_profiled; i++)
    {
      OrchardRefColumn *out = &g_array_index (self->columns, OrchardRefColumn, i);
      OrchardColumn *column = orchard_table_get_column (table, table_index[i]);
      Job job = { column, out, i };

      out->name = g_strdup (orchard_column_get_name (column));
      out->pub.role = (int) table_index[i] == target ? ORCHARD_COLUMN_ROLE_TARGET
                                                     : ORCHARD_COLUMN_ROLE_FEATURE;
      g_array_append_val (jobs, job);
    }

  if (predictions != NULL)
    {
      for (guint c = 0; c < orchard_table_get_n_columns (predictions); c++)
        if (column_is_profiled (orchard_table_get_column (predictions, c),
                                ORCHARD_COLUMN_ROLE_FEATURE))
          n_predicted++;

      g_array_set_size (self->predictions, n_predicted);
      for (guint c = 0, p = 0; c < orchard_table_get_n_columns (predictions); c++)
        {
          OrchardColumn *column = orchard_table_get_column (predictions, c);
          OrchardRefColumn *out;
          Job job;

          if (!column_is_profiled (column, ORCHARD_COLUMN_ROLE_FEATURE))
            continue;

          out = &g_array_index (self->predictions, OrchardRefColumn, p);
          out->name = g_strdup (orchard_column_get_name (column));
          out->pub.role = ORCHARD_COLUMN_ROLE_FEATURE;
          job.column = column;
          job.out = out;
          /* Streams past the columns', so that no two share a sample. */
          job.stream = n_profiled + p;
          g_array_append_val (jobs, job);
          p++;
        }
    }

  /* Numeric columns, which are sorted, take longest: they go first, so
   * that the threads finish together. */
  {
    g_autoptr(GArray) ordered = g_array_sized_new (FALSE, FALSE, sizeof (Job), jobs->len);

    for (guint pass = 0; pass < 2; pass++)
      for (guint j = 0; j < jobs->len; j++)
        {
          Job *job = &g_array_index (jobs, Job, j);

          if ((orchard_column_get_kind (job->column) == ORCHARD_COLUMN_KIND_NUMERIC) == (pass == 0))
            g_array_append_val (ordered, *job);
        }
    g_array_unref (jobs);
    jobs = g_steal_pointer (&ordered);
  }

  if (progress != NULL)
    progress (0.0, _("Summarising the reference columns"), progress_data);

  if (!run_jobs ((Job *) (void *) jobs->data, jobs->len,
                 MAX (self->n_rows, predictions != NULL ? orchard_table_get_n_rows (predictions) : 0),
                 options->sample_size, options->seed, 0.7, progress, progress_data, cancellable))
    {
      g_cancellable_set_error_if_cancelled (cancellable, error);
      return NULL;
    }

  for (guint i = 0; i < self->columns->len; i++)
    orchard_ref_column_sync (&g_array_index (self->columns, OrchardRefColumn, i));
  for (guint i = 0; i < self->predictions->len; i++)
    orchard_ref_column_sync (&g_array_index (self->predictions, OrchardRefColumn, i));

  /* The multivariate model, on the features that hold a value. */
  {
    g_autofree guint *profile_index = g_new (guint, MAX (n_profiled, 1));
    g_autofree guint *feature_table_index = g_new (guint, MAX (n_profiled, 1));
    g_autofree const OrchardRefColumn **features = g_new (const OrchardRefColumn *, MAX (n_profiled, 1));
    guint n_features = 0;

    for (guint i = 0; i < n_profiled; i++)
      {
        const OrchardRefColumn *column = &g_array_index (self->columns, OrchardRefColumn, i);

        if (column->pub.role != ORCHARD_COLUMN_ROLE_FEATURE || column->pub.count == 0)
          continue;
        profile_index[n_features] = i;
        feature_table_index[n_features] = table_index[i];
        features[n_features] = column;
        n_features++;
      }

    if (n_features >= 2 && self->n_rows >= 2 && options->n_chunks >= 1)
      {
        if (progress != NULL)
          progress (0.7, _("Fitting the principal components of the reference"), progress_data);

        self->multivariate = orchard_multivariate_fit (table, features, profile_index,
                                                       feature_table_index, n_features,
                                                       options->n_chunks, cancellable, error);
        if (self->multivariate == NULL)
          return NULL;
      }
  }

  if (progress != NULL)
    progress (1.0, NULL, progress_data);

  return g_steal_pointer (&self);
}

/* Serialising ------------------------------------------------------------- */

static GVariant *
doubles_variant (const double *values,
                 gsize         n)
{
  return g_variant_new_fixed_array (G_VARIANT_TYPE_DOUBLE, values != NULL ? values : (double[]) { 0 },
                                    values != NULL ? n : 0, sizeof (double));
}

static GVariant *
counts_variant (const gsize *counts,
                gsize        n)
{
  g_autofree guint64 *copy = g_new0 (guint64, MAX (n, 1));

  if (counts == NULL)
    n = 0;
  for (gsize i = 0; i < n; i++)
    copy[i] = counts[i];

  return g_variant_new_fixed_array (G_VARIANT_TYPE_UINT64, copy, n, sizeof (guint64));
}

static GVariant *
column_to_variant (const OrchardRefColumn *column)
{
  const OrchardReferenceColumn *c = &column->pub;
  gboolean few = c->kind == ORCHARD_COLUMN_KIND_NUMERIC && column->distinct_values != NULL;

  return g_variant_new ("(suuttddddu@ad@at@ad@at@ad@as@at)",
                        c->name, (guint32) c->kind, (guint32) c->role,
                        (guint64) c->count, (guint64) c->missing,
                        c->mean, c->m2, c->min, c->max, (guint32) c->n_distinct,
                        doubles_variant (column->distinct_values, few ? c->n_distinct : 0),
                        counts_variant (column->distinct_counts, few ? c->n_distinct : 0),
                        doubles_variant (column->edges, column->bin_counts != NULL ? c->n_edges : 0),
                        counts_variant (column->bin_counts, column->bin_counts != NULL ? c->n_edges + 1 : 0),
                        doubles_variant (column->sample, c->sample_size),
                        g_variant_new_strv (column->levels != NULL
                                            ? (const char * const *) column->levels
                                            : (const char * const[]) { NULL },
                                            column->levels != NULL ? c->n_levels : 0),
                        counts_variant (column->level_counts, c->n_levels));
}

static GVariant *
model_to_variant (const OrchardMultivariateModel *m)
{
  guint p = m->n_features;

  return g_variant_new ("(@au@ad@ad@ad@ad@ad@adu@ad@at)",
                        g_variant_new_fixed_array (G_VARIANT_TYPE_UINT32, m->columns, p, sizeof (guint32)),
                        doubles_variant (m->fills, p),
                        doubles_variant (m->means, p),
                        doubles_variant (m->scales, p),
                        doubles_variant (m->pca_mean, p),
                        doubles_variant (m->axes, (gsize) p * p),
                        doubles_variant (m->variances, p),
                        (guint32) m->n_components,
                        doubles_variant (m->chunk_errors, m->n_chunks),
                        counts_variant (m->chunk_rows, m->n_chunks));
}

/**
 * orchard_reference_profile_to_variant:
 * @self: a profile
 *
 * The whole profile as one #GVariant of a fixed type (with a format
 * version), for the model bundle and the project file to store;
 * orchard_reference_profile_from_variant() reads it back.
 *
 * Returns: (transfer full): a floating-free variant in normal form
 */
GVariant *
orchard_reference_profile_to_variant (OrchardReferenceProfile *self)
{
  g_autoptr(GVariantBuilder) columns = NULL;
  g_autoptr(GVariantBuilder) predictions = NULL;
  GVariant *variant;

  g_return_val_if_fail (ORCHARD_IS_REFERENCE_PROFILE (self), NULL);

  columns = g_variant_builder_new (G_VARIANT_TYPE ("a" COLUMN_TYPE));
  for (guint i = 0; i < self->columns->len; i++)
    g_variant_builder_add_value (columns,
                                 column_to_variant (&g_array_index (self->columns, OrchardRefColumn, i)));
  predictions = g_variant_builder_new (G_VARIANT_TYPE ("a" COLUMN_TYPE));
  for (guint i = 0; i < self->predictions->len; i++)
    g_variant_builder_add_value (predictions,
                                 column_to_variant (&g_array_index (self->predictions, OrchardRefColumn, i)));

  variant = g_variant_new ("(utttss@a" COLUMN_TYPE "@a" COLUMN_TYPE "@m" MODEL_TYPE ")",
                           (guint32) PROFILE_VERSION, (guint64) self->n_rows,
                           (guint64) self->sample_size, self->seed,
                           self->source != NULL ? self->source : "",
                           self->target != NULL ? self->target : "",
                           g_variant_builder_end (columns),
                           g_variant_builder_end (predictions),
                           g_variant_new_maybe (G_VARIANT_TYPE (MODEL_TYPE),
                                                self->multivariate != NULL
                                                ? model_to_variant (self->multivariate) : NULL));

  return g_variant_ref_sink (variant);
}

G_GNUC_PRINTF (3, 4)
static gboolean
damaged (GError     **error,
         const char  *column,
         const char  *format,
         ...)
{
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);

  if (column != NULL)
    g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_PARSE,
                 "The reference profile is damaged: column “%s”: %s", column, what);
  else
    g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_PARSE,
                 "The reference profile is damaged: %s", what);
  return FALSE;
}

static gsize *
counts_from_variant (GVariant *variant,
                     gsize    *n)
{
  const guint64 *raw = g_variant_get_fixed_array (variant, n, sizeof (guint64));
  gsize *counts = g_new (gsize, MAX (*n, 1));

  for (gsize i = 0; i < *n; i++)
    counts[i] = (gsize) raw[i];
  return counts;
}

static double *
doubles_from_variant (GVariant *variant,
                      gsize    *n)
{
  const double *raw = g_variant_get_fixed_array (variant, n, sizeof (double));

  return g_memdup2 (raw != NULL ? raw : (double[]) { 0 }, sizeof (double) * MAX (*n, 1));
}

static gboolean
all_finite (const double *values,
            gsize         n)
{
  for (gsize i = 0; i < n; i++)
    if (!isfinite (values[i]))
      return FALSE;
  return TRUE;
}

static gboolean
column_from_variant (GVariant          *variant,
                     OrchardRefColumn  *out,
                     GError           **error)
{
  g_autoptr(GVariant) v_distinct = NULL, v_distinct_counts = NULL, v_edges = NULL;
  g_autoptr(GVariant) v_bins = NULL, v_sample = NULL, v_levels = NULL, v_level_counts = NULL;
  OrchardReferenceColumn *c = &out->pub;
  guint32 kind, role, n_distinct;
  guint64 count, missing;
  gsize n_values, n_counts, n_edges, n_bins, n_sample, n_levels, n_level_counts, total;

  g_variant_get (variant, "(suuttddddu@ad@at@ad@at@ad@as@at)",
                 &out->name, &kind, &role, &count, &missing,
                 &c->mean, &c->m2, &c->min, &c->max, &n_distinct,
                 &v_distinct, &v_distinct_counts, &v_edges, &v_bins, &v_sample,
                 &v_levels, &v_level_counts);

  c->kind = kind;
  c->role = role;
  c->count = count;
  c->missing = missing;
  c->n_distinct = n_distinct;

  out->distinct_values = doubles_from_variant (v_distinct, &n_values);
  out->distinct_counts = counts_from_variant (v_distinct_counts, &n_counts);
  out->edges = doubles_from_variant (v_edges, &n_edges);
  out->bin_counts = counts_from_variant (v_bins, &n_bins);
  out->sample = doubles_from_variant (v_sample, &n_sample);
  out->levels = g_variant_dup_strv (v_levels, &n_levels);
  out->level_counts = counts_from_variant (v_level_counts, &n_level_counts);

  if (role != ORCHARD_COLUMN_ROLE_FEATURE && role != ORCHARD_COLUMN_ROLE_TARGET)
    return damaged (error, out->name, "role %u is neither feature nor target", role);

  if (kind == ORCHARD_COLUMN_KIND_NUMERIC)
    {
      if (n_levels != 0 || n_level_counts != 0)
        return damaged (error, out->name, "a numeric column with levels");
      if (count == 0)
        {
          if (n_values + n_counts + n_edges + n_bins + n_sample != 0)
            return damaged (error, out->name, "values of a column that has none");
        }
      else
        {
          if (!isfinite (c->mean) || !(c->m2 >= 0) || !isfinite (c->m2) || !(c->min <= c->max) ||
              !isfinite (c->min) || !isfinite (c->max))
            return damaged (error, out->name, "its summary statistics are not numbers");
          if (n_distinct == 0 || n_distinct > ORCHARD_REFERENCE_MAX_DISTINCT + 1)
            return damaged (error, out->name, "%u distinct values", n_distinct);
          if (n_values != n_counts ||
              n_values != (n_distinct <= ORCHARD_REFERENCE_MAX_DISTINCT ? n_distinct : 0))
            return damaged (error, out->name, "%" G_GSIZE_FORMAT " distinct values and %"
                            G_GSIZE_FORMAT " counts for %u", n_values, n_counts, n_distinct);
          total = 0;
          for (gsize i = 0; i < n_values; i++)
            {
              if (!isfinite (out->distinct_values[i]) ||
                  (i > 0 && !(out->distinct_values[i] > out->distinct_values[i - 1])) ||
                  out->distinct_counts[i] == 0)
                return damaged (error, out->name, "its distinct values are out of order");
              total += out->distinct_counts[i];
            }
          if (n_values > 0 && total != count)
            return damaged (error, out->name, "its distinct values count %" G_GSIZE_FORMAT
                            " values, not %" G_GSIZE_FORMAT, total, (gsize) count);
          if (n_edges >= ORCHARD_REFERENCE_PSI_BINS || n_bins != n_edges + 1 ||
              !all_finite (out->edges, n_edges))
            return damaged (error, out->name, "%" G_GSIZE_FORMAT " bin edges and %"
                            G_GSIZE_FORMAT " bins", n_edges, n_bins);
          total = 0;
          for (gsize i = 0; i < n_bins; i++)
            {
              if (i > 0 && i < n_edges && !(out->edges[i] > out->edges[i - 1]))
                return damaged (error, out->name, "its bin edges are out of order");
              total += out->bin_counts[i];
            }
          if (total != count)
            return damaged (error, out->name, "its bins hold %" G_GSIZE_FORMAT
                            " values, not %" G_GSIZE_FORMAT, total, (gsize) count);
          if (n_sample == 0 || n_sample > count || !all_finite (out->sample, n_sample))
            return damaged (error, out->name, "a sample of %" G_GSIZE_FORMAT " values", n_sample);
          for (gsize i = 1; i < n_sample; i++)
            if (out->sample[i] < out->sample[i - 1])
              return damaged (error, out->name, "its sample is not sorted");
        }
      c->n_edges = n_edges;
      c->sample_size = n_sample;
      if (n_values == 0)
        {
          g_clear_pointer (&out->distinct_values, g_free);
          g_clear_pointer (&out->distinct_counts, g_free);
        }
      if (count == 0)
        {
          g_clear_pointer (&out->edges, g_free);
          g_clear_pointer (&out->bin_counts, g_free);
          g_clear_pointer (&out->sample, g_free);
        }
      g_clear_pointer (&out->levels, g_strfreev);
      g_clear_pointer (&out->level_counts, g_free);
    }
  else if (kind == ORCHARD_COLUMN_KIND_CATEGORICAL)
    {
      if (n_values + n_counts + n_edges + n_bins + n_sample != 0 || n_distinct != 0)
        return damaged (error, out->name, "a categorical column with numeric bins or values");
      if (n_levels != n_level_counts)
        return damaged (error, out->name, "%" G_GSIZE_FORMAT " levels but %" G_GSIZE_FORMAT
                        " counts", n_levels, n_level_counts);
      total = 0;
      for (gsize i = 0; i < n_levels; i++)
        {
          if (out->level_counts[i] == 0)
            return damaged (error, out->name, "level “%s” counts no row", out->levels[i]);
          total += out->level_counts[i];
        }
      if (total != count)
        return damaged (error, out->name, "its levels count %" G_GSIZE_FORMAT
                        " values, not %" G_GSIZE_FORMAT, total, (gsize) count);
      c->n_levels = n_levels;
      c->mean = c->m2 = c->min = c->max = NAN;
      g_clear_pointer (&out->distinct_values, g_free);
      g_clear_pointer (&out->distinct_counts, g_free);
      g_clear_pointer (&out->edges, g_free);
      g_clear_pointer (&out->bin_counts, g_free);
      g_clear_pointer (&out->sample, g_free);
    }
  else
    return damaged (error, out->name, "kind %u is neither numeric nor categorical", kind);

  orchard_ref_column_sync (out);
  return TRUE;
}

static OrchardMultivariateModel *
model_from_variant (GVariant                *variant,
                    OrchardReferenceProfile *self,
                    GError                 **error)
{
  g_autoptr(OrchardMultivariateModel) m = g_new0 (OrchardMultivariateModel, 1);
  g_autoptr(GVariant) v_columns = NULL, v_fills = NULL, v_means = NULL, v_scales = NULL;
  g_autoptr(GVariant) v_pca_mean = NULL, v_axes = NULL, v_variances = NULL;
  g_autoptr(GVariant) v_errors = NULL, v_rows = NULL;
  const guint32 *columns;
  gsize n[9], p;
  guint32 n_components;

  g_variant_get (variant, "(@au@ad@ad@ad@ad@ad@adu@ad@at)",
                 &v_columns, &v_fills, &v_means, &v_scales, &v_pca_mean, &v_axes,
                 &v_variances, &n_components, &v_errors, &v_rows);

  columns = g_variant_get_fixed_array (v_columns, &p, sizeof (guint32));
  m->n_features = p;
  m->columns = g_memdup2 (columns != NULL ? columns : (guint32[]) { 0 }, sizeof (guint) * MAX (p, 1));
  m->fills = doubles_from_variant (v_fills, &n[0]);
  m->means = doubles_from_variant (v_means, &n[1]);
  m->scales = doubles_from_variant (v_scales, &n[2]);
  m->pca_mean = doubles_from_variant (v_pca_mean, &n[3]);
  m->axes = doubles_from_variant (v_axes, &n[4]);
  m->variances = doubles_from_variant (v_variances, &n[5]);
  m->chunk_errors = doubles_from_variant (v_errors, &n[6]);
  m->chunk_rows = counts_from_variant (v_rows, &n[7]);
  m->n_components = n_components;
  m->n_chunks = n[6];

  if (p < 2)
    {
      damaged (error, NULL, "the multivariate model has %" G_GSIZE_FORMAT " features", p);
      return NULL;
    }
  for (gsize i = 0; i < p; i++)
    {
      const OrchardRefColumn *column;

      if (columns[i] >= self->columns->len)
        {
          damaged (error, NULL, "the multivariate model names column %u of %u",
                   columns[i], self->columns->len);
          return NULL;
        }
      column = &g_array_index (self->columns, OrchardRefColumn, columns[i]);
      if (column->pub.role != ORCHARD_COLUMN_ROLE_FEATURE || column->pub.count == 0 ||
          (i > 0 && columns[i] <= columns[i - 1]))
        {
          damaged (error, column->name, "it cannot be a feature of the multivariate model");
          return NULL;
        }
    }
  if (n[0] != p || n[1] != p || n[2] != p || n[3] != p || n[4] != p * p || n[5] != p ||
      n[7] != n[6] || n[6] == 0 || n_components < 1 || n_components > p ||
      !all_finite (m->fills, p) || !all_finite (m->means, p) || !all_finite (m->scales, p) ||
      !all_finite (m->pca_mean, p) || !all_finite (m->axes, p * p) ||
      !all_finite (m->variances, p) || !all_finite (m->chunk_errors, n[6]))
    {
      damaged (error, NULL, "the multivariate model's arrays do not fit together");
      return NULL;
    }
  for (gsize i = 0; i < p; i++)
    if (!(m->scales[i] > 0))
      {
        damaged (error, NULL, "the multivariate model has a scale of %g", m->scales[i]);
        return NULL;
      }

  orchard_multivariate_derive (m);
  return g_steal_pointer (&m);
}

/**
 * orchard_reference_profile_from_variant:
 * @variant: what orchard_reference_profile_to_variant() returned, possibly
 *   read back from an untrusted file
 * @error: return location for a #GError
 *
 * Reads a profile back, checking that @variant is in normal form, has the
 * expected type and version, and that every column is consistent (counts
 * add up, edges and samples are sorted, the multivariate model fits the
 * columns), so that a damaged or hostile file gives an error, not a crash.
 *
 * Returns: (transfer full) (nullable): the profile, or %NULL with @error
 *   set to %ORCHARD_ERROR_PARSE (damaged) or %ORCHARD_ERROR_UNSUPPORTED
 *   (a newer format)
 */
OrchardReferenceProfile *
orchard_reference_profile_from_variant (GVariant  *variant,
                                        GError   **error)
{
  g_autoptr(OrchardReferenceProfile) self = NULL;
  g_autoptr(GVariant) v_columns = NULL, v_predictions = NULL, v_model = NULL;
  g_autofree char *target = NULL;
  guint32 version;
  guint64 n_rows, sample_size;

  g_return_val_if_fail (variant != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (g_variant_is_of_type (variant, G_VARIANT_TYPE_TUPLE) && g_variant_n_children (variant) > 0)
    {
      g_autoptr(GVariant) first = g_variant_get_child_value (variant, 0);

      if (g_variant_is_of_type (first, G_VARIANT_TYPE_UINT32) &&
          g_variant_get_uint32 (first) > PROFILE_VERSION)
        {
          g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_UNSUPPORTED,
                       "The reference profile has format version %u; this Orchard reads "
                       "up to version %u", g_variant_get_uint32 (first), PROFILE_VERSION);
          return NULL;
        }
    }
  if (!g_variant_is_of_type (variant, G_VARIANT_TYPE (PROFILE_TYPE)))
    {
      damaged (error, NULL, "its type is %s", g_variant_get_type_string (variant));
      return NULL;
    }
  if (!g_variant_is_normal_form (variant))
    {
      damaged (error, NULL, "it is not in normal form");
      return NULL;
    }

  self = g_object_new (ORCHARD_TYPE_REFERENCE_PROFILE, NULL);
  g_variant_get (variant, "(utttss@a" COLUMN_TYPE "@a" COLUMN_TYPE "@m" MODEL_TYPE ")",
                 &version, &n_rows, &sample_size, &self->seed, &self->source, &target,
                 &v_columns, &v_predictions, &v_model);
  if (version != PROFILE_VERSION)
    {
      damaged (error, NULL, "format version %u", version);
      return NULL;
    }
  self->n_rows = n_rows;
  self->sample_size = sample_size;
  if (self->source[0] == '\0')
    g_clear_pointer (&self->source, g_free);

  g_array_set_size (self->columns, g_variant_n_children (v_columns));
  for (guint i = 0; i < self->columns->len; i++)
    {
      g_autoptr(GVariant) child = g_variant_get_child_value (v_columns, i);
      OrchardRefColumn *column = &g_array_index (self->columns, OrchardRefColumn, i);

      if (!column_from_variant (child, column, error))
        return NULL;
      if (column->pub.count + column->pub.missing != n_rows)
        {
          damaged (error, column->name, "%" G_GSIZE_FORMAT " rows in a profile of %"
                   G_GUINT64_FORMAT, column->pub.count + column->pub.missing, n_rows);
          return NULL;
        }
      if (column->pub.role == ORCHARD_COLUMN_ROLE_TARGET)
        {
          if (self->target != NULL || g_strcmp0 (column->name, target) != 0)
            {
              damaged (error, column->name, "it is not the profile's target “%s”", target);
              return NULL;
            }
          self->target = g_strdup (column->name);
        }
      for (guint j = 0; j < i; j++)
        if (strcmp (g_array_index (self->columns, OrchardRefColumn, j).name, column->name) == 0)
          {
            damaged (error, column->name, "it appears twice");
            return NULL;
          }
    }
  if (target[0] != '\0' && self->target == NULL)
    {
      damaged (error, NULL, "its target “%s” is not among its columns", target);
      return NULL;
    }

  g_array_set_size (self->predictions, g_variant_n_children (v_predictions));
  for (guint i = 0; i < self->predictions->len; i++)
    {
      g_autoptr(GVariant) child = g_variant_get_child_value (v_predictions, i);
      OrchardRefColumn *column = &g_array_index (self->predictions, OrchardRefColumn, i);

      if (!column_from_variant (child, column, error))
        return NULL;
    }

  if (g_variant_n_children (v_model) > 0)
    {
      g_autoptr(GVariant) model = g_variant_get_child_value (v_model, 0);

      self->multivariate = model_from_variant (model, self, error);
      if (self->multivariate == NULL)
        return NULL;
    }

  return g_steal_pointer (&self);
}

/* Accessors --------------------------------------------------------------- */

/**
 * orchard_reference_profile_get_n_rows:
 * @self: a profile
 *
 * Returns: the rows of the reference data
 */
gsize
orchard_reference_profile_get_n_rows (OrchardReferenceProfile *self)
{
  g_return_val_if_fail (ORCHARD_IS_REFERENCE_PROFILE (self), 0);
  return self->n_rows;
}

/**
 * orchard_reference_profile_get_n_columns:
 * @self: a profile
 *
 * Returns: the columns the profile summarises
 */
guint
orchard_reference_profile_get_n_columns (OrchardReferenceProfile *self)
{
  g_return_val_if_fail (ORCHARD_IS_REFERENCE_PROFILE (self), 0);
  return self->columns->len;
}

/**
 * orchard_reference_profile_get_column:
 * @self: a profile
 * @index: a column, below orchard_reference_profile_get_n_columns()
 *
 * Returns: (transfer none): the column's reference distribution
 */
const OrchardReferenceColumn *
orchard_reference_profile_get_column (OrchardReferenceProfile *self,
                                      guint                    index)
{
  g_return_val_if_fail (ORCHARD_IS_REFERENCE_PROFILE (self), NULL);
  g_return_val_if_fail (index < self->columns->len, NULL);
  return &g_array_index (self->columns, OrchardRefColumn, index).pub;
}

const OrchardRefColumn *
orchard_reference_profile_peek_column (OrchardReferenceProfile *self,
                                       guint                    index)
{
  return &g_array_index (self->columns, OrchardRefColumn, index);
}

/**
 * orchard_reference_profile_find_column:
 * @self: a profile
 * @name: a column name
 *
 * Returns: the index of the column, or -1
 */
int
orchard_reference_profile_find_column (OrchardReferenceProfile *self,
                                       const char              *name)
{
  g_return_val_if_fail (ORCHARD_IS_REFERENCE_PROFILE (self), -1);
  g_return_val_if_fail (name != NULL, -1);

  for (guint i = 0; i < self->columns->len; i++)
    if (strcmp (g_array_index (self->columns, OrchardRefColumn, i).name, name) == 0)
      return (int) i;
  return -1;
}

/**
 * orchard_reference_profile_get_n_predictions:
 * @self: a profile
 *
 * Returns: the prediction columns the profile summarises, 0 when it was
 *   built without predictions
 */
guint
orchard_reference_profile_get_n_predictions (OrchardReferenceProfile *self)
{
  g_return_val_if_fail (ORCHARD_IS_REFERENCE_PROFILE (self), 0);
  return self->predictions->len;
}

/**
 * orchard_reference_profile_get_prediction:
 * @self: a profile
 * @index: a prediction column, below orchard_reference_profile_get_n_predictions()
 *
 * Returns: (transfer none): the reference distribution of the model's output
 */
const OrchardReferenceColumn *
orchard_reference_profile_get_prediction (OrchardReferenceProfile *self,
                                          guint                    index)
{
  g_return_val_if_fail (ORCHARD_IS_REFERENCE_PROFILE (self), NULL);
  g_return_val_if_fail (index < self->predictions->len, NULL);
  return &g_array_index (self->predictions, OrchardRefColumn, index).pub;
}

const OrchardRefColumn *
orchard_reference_profile_peek_prediction (OrchardReferenceProfile *self,
                                           guint                    index)
{
  return &g_array_index (self->predictions, OrchardRefColumn, index);
}

const OrchardMultivariateModel *
orchard_reference_profile_peek_multivariate (OrchardReferenceProfile *self)
{
  return self->multivariate;
}

/**
 * orchard_reference_profile_get_target:
 * @self: a profile
 *
 * Returns: (nullable): the name of the target column, or %NULL
 */
const char *
orchard_reference_profile_get_target (OrchardReferenceProfile *self)
{
  g_return_val_if_fail (ORCHARD_IS_REFERENCE_PROFILE (self), NULL);
  return self->target;
}

/**
 * orchard_reference_profile_get_source:
 * @self: a profile
 *
 * Returns: (nullable): the file the reference data came from, if known
 */
const char *
orchard_reference_profile_get_source (OrchardReferenceProfile *self)
{
  g_return_val_if_fail (ORCHARD_IS_REFERENCE_PROFILE (self), NULL);
  return self->source;
}

/**
 * orchard_reference_profile_get_sample_size:
 * @self: a profile
 *
 * Returns: the bound on the sample of each column it was built with, 0 for
 *   every value
 */
gsize
orchard_reference_profile_get_sample_size (OrchardReferenceProfile *self)
{
  g_return_val_if_fail (ORCHARD_IS_REFERENCE_PROFILE (self), 0);
  return self->sample_size;
}

/**
 * orchard_reference_profile_get_seed:
 * @self: a profile
 *
 * Returns: the seed that chose the samples
 */
guint64
orchard_reference_profile_get_seed (OrchardReferenceProfile *self)
{
  g_return_val_if_fail (ORCHARD_IS_REFERENCE_PROFILE (self), 0);
  return self->seed;
}

/**
 * orchard_reference_profile_has_multivariate:
 * @self: a profile
 *
 * Returns: whether the profile holds a multivariate model (it needs two
 *   feature columns with values and two rows)
 */
gboolean
orchard_reference_profile_has_multivariate (OrchardReferenceProfile *self)
{
  g_return_val_if_fail (ORCHARD_IS_REFERENCE_PROFILE (self), FALSE);
  return self->multivariate != NULL;
}

static gsize
column_memory (const OrchardRefColumn *column)
{
  const OrchardReferenceColumn *c = &column->pub;
  gsize bytes = sizeof *column + strlen (column->name) + 1;

  if (column->distinct_values != NULL)
    bytes += c->n_distinct * (sizeof (double) + sizeof (gsize));
  if (column->bin_counts != NULL)
    bytes += c->n_edges * sizeof (double) + (c->n_edges + 1) * sizeof (gsize);
  bytes += c->sample_size * sizeof (double);
  for (guint l = 0; l < c->n_levels; l++)
    bytes += strlen (column->levels[l]) + 1 + sizeof (char *) + sizeof (gsize);
  return bytes;
}

/**
 * orchard_reference_profile_get_memory_size:
 * @self: a profile
 *
 * Returns: the bytes the profile holds: it grows with the bins, levels,
 *   samples and features, not with the rows of the reference data
 */
gsize
orchard_reference_profile_get_memory_size (OrchardReferenceProfile *self)
{
  gsize bytes;

  g_return_val_if_fail (ORCHARD_IS_REFERENCE_PROFILE (self), 0);

  bytes = sizeof *self;
  for (guint i = 0; i < self->columns->len; i++)
    bytes += column_memory (&g_array_index (self->columns, OrchardRefColumn, i));
  for (guint i = 0; i < self->predictions->len; i++)
    bytes += column_memory (&g_array_index (self->predictions, OrchardRefColumn, i));
  if (self->multivariate != NULL)
    {
      gsize p = self->multivariate->n_features;

      bytes += sizeof *self->multivariate + p * (sizeof (guint) + 6 * sizeof (double)) +
               p * p * sizeof (double) +
               self->multivariate->n_chunks * (sizeof (double) + sizeof (gsize));
    }
  return bytes;
}
