/* orchard-drift-report.c
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every column (and, with chunks, every column of every chunk) is one task
 * of a parallel loop: gather the current values, sort them, and run the
 * column's test against the reference profile, as Evidently runs it on the
 * same data with SciPy. The test of a column is chosen on the whole
 * current data and then kept for its chunks, so that a timeline compares
 * like with like.
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#ifdef _OPENMP
#include <omp.h>
#endif

#include "orchard-drift-stats.h"
#include "orchard-error.h"
#include "orchard-threads.h"

#include "orchard-drift-report-private.h"
#include "orchard-monitor-private.h"

#define SMALL_REFERENCE 1000   /* Evidently: exact tests up to this many reference values */
#define FEW_VALUES      5      /* … and tests for categories up to this many distinct values */
#define NO_CHUNK        G_MAXUINT32

/* Results ----------------------------------------------------------------- */

static void
column_result_free (ColumnResult *result)
{
  g_free (result->name);
  g_free (result->edges);
  g_strfreev (result->labels);
  g_free (result->reference_counts);
  g_free (result->current_counts);
  g_free (result->note);
  g_free (result);
}

static void
chunk_result_clear (gpointer data)
{
  ChunkResult *chunk = data;

  g_free (chunk->label);
  g_free (chunk->columns);
}

static void
multivariate_result_free (MultivariateResult *result)
{
  g_strfreev (result->features);
  g_free (result->reference_errors);
  g_free (result->note);
  g_free (result);
}

static void
skipped_result_clear (gpointer data)
{
  SkippedResult *skipped = data;

  g_free (skipped->name);
  g_free (skipped->reason);
}

G_DEFINE_FINAL_TYPE (OrchardDriftReport, orchard_drift_report, G_TYPE_OBJECT)

static void
orchard_drift_report_finalize (GObject *object)
{
  OrchardDriftReport *self = ORCHARD_DRIFT_REPORT (object);

  g_clear_pointer (&self->reference_source, g_free);
  g_clear_pointer (&self->current_source, g_free);
  g_clear_pointer (&self->columns, g_ptr_array_unref);
  g_clear_pointer (&self->predictions, g_ptr_array_unref);
  g_clear_pointer (&self->multivariate, multivariate_result_free);
  g_clear_pointer (&self->chunks, g_array_unref);
  g_clear_pointer (&self->skipped, g_array_unref);

  G_OBJECT_CLASS (orchard_drift_report_parent_class)->finalize (object);
}

static void
orchard_drift_report_class_init (OrchardDriftReportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = orchard_drift_report_finalize;
}

static void
orchard_drift_report_init (OrchardDriftReport *self)
{
  self->columns = g_ptr_array_new_with_free_func ((GDestroyNotify) column_result_free);
  self->predictions = g_ptr_array_new_with_free_func ((GDestroyNotify) column_result_free);
  self->chunks = g_array_new (FALSE, TRUE, sizeof (ChunkResult));
  g_array_set_clear_func (self->chunks, chunk_result_clear);
  self->skipped = g_array_new (FALSE, TRUE, sizeof (SkippedResult));
  g_array_set_clear_func (self->skipped, skipped_result_clear);
}

/* Jobs: one column of the comparison -------------------------------------- */

typedef struct
{
  const OrchardRefColumn *ref;
  OrchardColumn          *cur;
  OrchardColumnRole       role;
  gboolean                prediction;
  OrchardStatTest         requested;
  double                  threshold;     /* NaN: the test's default */
  gboolean                chosen;

  /* Categorical: the reference levels, then the current data's other
   * levels; each current code's place among them. */
  guint                   n_union;
  const char            **union_labels;
  guint32                *code_union;
  guint                   n_codes;

  /* Fixed by the whole comparison, kept for the chunks. */
  OrchardStatTest         test;
  double                  test_threshold;
  GError                 *error;
} Job;

static void
job_clear (Job *job)
{
  g_free (job->union_labels);
  g_free (job->code_union);
  g_clear_error (&job->error);
}

/* One category of a test on categories: a level, a numeric value or a bin. */
typedef struct
{
  gsize        ref;
  gsize        cur;
  double       value;
  const char  *label;
} Category;

typedef struct
{
  OrchardStatTest    test;
  gboolean           tested;
  double             statistic;
  double             p_value;
  double             threshold;
  gboolean           drifted;
  double             psi;
  OrchardEffectSize  effect_kind;
  double             effect;
  double             detectable;
  gboolean           exact;
  gsize              ref_n;
  gsize              ref_sample;
  gsize              cur_n;
  char              *note;
  /* The histogram, when asked for. */
  guint              n_bins;
  double            *edges;
  char             **labels;
  gsize             *ref_counts;
  gsize             *cur_counts;
} Eval;

static void
eval_clear (Eval *e)
{
  g_clear_pointer (&e->note, g_free);
  g_clear_pointer (&e->edges, g_free);
  g_clear_pointer (&e->labels, g_strfreev);
  g_clear_pointer (&e->ref_counts, g_free);
  g_clear_pointer (&e->cur_counts, g_free);
}

static OrchardStatTest
automatic_test (gsize    n_reference,
                gboolean categorical,
                gsize    n_values)
{
  if (n_reference <= SMALL_REFERENCE)
    {
      if (!categorical && n_values > FEW_VALUES)
        return ORCHARD_STAT_TEST_KS;
      return n_values > 2 ? ORCHARD_STAT_TEST_CHISQUARE : ORCHARD_STAT_TEST_Z;
    }
  if (!categorical && n_values > FEW_VALUES)
    return ORCHARD_STAT_TEST_WASSERSTEIN;
  return ORCHARD_STAT_TEST_JENSENSHANNON;
}

static gboolean
verdict (OrchardStatTest test,
         double          statistic,
         double          p_value,
         double          threshold)
{
  switch (test)
    {
    case ORCHARD_STAT_TEST_KS:
      return p_value <= threshold;
    case ORCHARD_STAT_TEST_CHISQUARE:
    case ORCHARD_STAT_TEST_Z:
      return p_value < threshold;
    case ORCHARD_STAT_TEST_WASSERSTEIN:
    case ORCHARD_STAT_TEST_JENSENSHANNON:
    case ORCHARD_STAT_TEST_PSI:
      return statistic >= threshold;
    case ORCHARD_STAT_TEST_AUTO:
    default:
      g_assert_not_reached ();
    }
}

static OrchardStatTest
resolve_test (const Job *job,
              gsize      n_reference,
              gboolean   categorical,
              gsize      n_values)
{
  if (job->test != ORCHARD_STAT_TEST_AUTO)
    return job->test;
  if (job->requested != ORCHARD_STAT_TEST_AUTO)
    return job->requested;
  return automatic_test (n_reference, categorical, n_values);
}

static double
resolve_threshold (const Job       *job,
                   OrchardStatTest  test)
{
  if (job->test != ORCHARD_STAT_TEST_AUTO)
    return job->test_threshold;
  return isnan (job->threshold) ? orchard_stat_test_get_default_threshold (test) : job->threshold;
}

/* The tests on categories: chi-square, Z and Jensen–Shannon; the
 * categories hold a value on at least one side, in the order of @cats
 * (for Z: rising). */
static void
test_categories (Eval           *e,
                 const Category *cats,
                 gsize           n_cats,
                 gsize           n_ref,
                 gsize           n_cur,
                 const char     *name,
                 GError        **error)
{
  g_autofree double *observed = g_new (double, MAX (n_cats, 1));
  g_autofree double *expected = g_new (double, MAX (n_cats, 1));
  g_autofree gsize *ref_counts = g_new (gsize, MAX (n_cats, 1));
  g_autofree gsize *cur_counts = g_new (gsize, MAX (n_cats, 1));
  double k_norm = (double) n_cur / (double) n_ref;

  for (gsize i = 0; i < n_cats; i++)
    {
      ref_counts[i] = cats[i].ref;
      cur_counts[i] = cats[i].cur;
    }

  switch (e->test)
    {
    case ORCHARD_STAT_TEST_CHISQUARE:
      for (gsize i = 0; i < n_cats; i++)
        {
          observed[i] = (double) cats[i].cur;
          expected[i] = (double) cats[i].ref * k_norm;
        }
      e->statistic = orchard_chisquare (observed, expected, n_cats, &e->p_value);
      if (isinf (e->statistic))
        e->note = g_strdup ("values the reference never holds make the chi-square statistic infinite");
      break;

    case ORCHARD_STAT_TEST_Z:
      if (n_cats > 2)
        {
          g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                       "The Z-test compares two values, but column “%s” holds %" G_GSIZE_FORMAT,
                       name, n_cats);
          e->tested = FALSE;
          return;
        }
      /* As Evidently: the share of values other than the first (smallest). */
      e->statistic = orchard_proportions_z (n_ref, n_ref - cats[0].ref, n_cur, n_cur - cats[0].cur,
                                            &e->p_value);
      break;

    case ORCHARD_STAT_TEST_JENSENSHANNON:
      for (gsize i = 0; i < n_cats; i++)
        {
          observed[i] = (double) cats[i].ref / (double) n_ref;
          expected[i] = (double) cats[i].cur / (double) n_cur;
        }
      e->statistic = orchard_jensen_shannon_distance (observed, expected, n_cats);
      break;

    case ORCHARD_STAT_TEST_PSI:
    case ORCHARD_STAT_TEST_AUTO:
    case ORCHARD_STAT_TEST_KS:
    case ORCHARD_STAT_TEST_WASSERSTEIN:
    default:
      g_assert_not_reached ();
    }

  e->effect_kind = ORCHARD_EFFECT_SIZE_CRAMERS_V;
  e->effect = orchard_cramers_v (ref_counts, cur_counts, n_cats);

  if (e->test == ORCHARD_STAT_TEST_CHISQUARE && n_cats >= 2 && e->threshold > 0 && e->threshold < 1)
    e->detectable = sqrt (orchard_chi_square_isf (e->threshold, (double) (n_cats - 1)) /
                          ((double) n_ref + (double) n_cur));
  else if (e->test == ORCHARD_STAT_TEST_Z && e->threshold > 0 && e->threshold < 1)
    e->detectable = orchard_normal_quantile (1 - e->threshold / 2) /
                    sqrt ((double) n_ref + (double) n_cur);
}

static int
compare_categories_by_value (const void *a,
                             const void *b)
{
  const Category *x = a, *y = b;

  return (x->value > y->value) - (x->value < y->value);
}

static int
compare_categories_by_label (const void *a,
                             const void *b)
{
  return strcmp (((const Category *) a)->label, ((const Category *) b)->label);
}

/* Working space of one thread: room for every current row twice. */
typedef struct
{
  double *values;
  double *scratch;
} Buffers;

/* Current values per reference bin: a value falls in bin i when exactly i
 * edges are ≤ it. */
static void
count_bins (const OrchardRefColumn *ref,
            const double           *sorted,
            gsize                   n,
            gsize                  *counts)
{
  gsize below = 0;

  for (guint e = 0; e < ref->pub.n_edges; e++)
    {
      gsize at = orchard_lower_bound (sorted, n, ref->edges[e]);

      counts[e] = at - below;
      below = at;
    }
  counts[ref->pub.n_edges] = n - below;
}

static void
numeric_histogram (Eval                   *e,
                   const OrchardRefColumn *ref,
                   const double           *sorted,
                   gsize                   n)
{
  guint n_bins = ref->pub.n_edges + 1;
  double lo = ref->pub.min, hi = ref->pub.max;

  if (ref->pub.count == 0)
    return;

  if (n > 0)
    {
      lo = MIN (lo, sorted[0]);
      hi = MAX (hi, sorted[n - 1]);
    }

  e->n_bins = n_bins;
  e->edges = g_new (double, n_bins + 1);
  e->edges[0] = lo;
  for (guint i = 0; i < ref->pub.n_edges; i++)
    e->edges[i + 1] = ref->edges[i];
  e->edges[n_bins] = hi;
  e->ref_counts = g_memdup2 (ref->bin_counts, sizeof (gsize) * n_bins);
  e->cur_counts = g_new0 (gsize, n_bins);
  count_bins (ref, sorted, n, e->cur_counts);
}

static void
evaluate_numeric (const Job   *job,
                  const gsize *rows,
                  gsize        n_rows,
                  gboolean     histogram,
                  Buffers     *buffers,
                  Eval        *e,
                  GError     **error)
{
  const OrchardRefColumn *ref = job->ref;
  double *sorted = buffers->values;
  g_autofree Category *cats = NULL;
  g_autofree gsize *bins = NULL;
  gboolean value_categories;
  gsize n, n_cur_distinct = 0, n_cats = 0, n_values;
  double mean, var;

  n = orchard_sort_gather (orchard_column_get_values (job->cur), rows, n_rows, sorted,
                           buffers->scratch);
  e->ref_n = ref->pub.count;
  e->ref_sample = ref->pub.sample_size;
  e->cur_n = n;

  if (histogram)
    numeric_histogram (e, ref, sorted, n);

  /* Distinct current values while few; then the union with the
   * reference's, the categories of the tests on categories. */
  for (gsize i = 0; i < n && n_cur_distinct <= ORCHARD_REFERENCE_MAX_DISTINCT; i++)
    if (i == 0 || sorted[i] != sorted[i - 1])
      n_cur_distinct++;
  value_categories = ref->distinct_values != NULL && n_cur_distinct <= ORCHARD_REFERENCE_MAX_DISTINCT;

  if (value_categories)
    {
      cats = g_new0 (Category, ref->pub.n_distinct + n_cur_distinct + 1);
      for (guint d = 0; d < ref->pub.n_distinct; d++)
        {
          cats[n_cats].value = ref->distinct_values[d];
          cats[n_cats].ref = ref->distinct_counts[d];
          n_cats++;
        }
      /* The current values run by run: they are sorted. */
      for (gsize i = 0; i < n;)
        {
          gsize end = i + 1, c;

          while (end < n && sorted[end] == sorted[i])
            end++;
          for (c = 0; c < n_cats && cats[c].value != sorted[i]; c++)
            ;
          if (c == n_cats)
            {
              cats[n_cats].value = sorted[i];
              n_cats++;
            }
          cats[c].cur += end - i;
          i = end;
        }
      qsort (cats, n_cats, sizeof (Category), compare_categories_by_value);
      n_values = n_cats;
    }
  else
    n_values = G_MAXSIZE;   /* more than any threshold */

  e->test = resolve_test (job, ref->pub.count, FALSE, n_values);
  e->threshold = resolve_threshold (job, e->test);
  e->effect_kind = (e->test == ORCHARD_STAT_TEST_KS || e->test == ORCHARD_STAT_TEST_WASSERSTEIN ||
                    e->test == ORCHARD_STAT_TEST_PSI) ? ORCHARD_EFFECT_SIZE_COHENS_D
                                                      : ORCHARD_EFFECT_SIZE_CRAMERS_V;

  if (ref->pub.count == 0 || n == 0)
    {
      e->note = g_strdup (ref->pub.count == 0 ? "no values in the reference data"
                                              : "no values in the current data");
      return;
    }
  e->tested = TRUE;

  /* PSI always, on the reference deciles. */
  bins = g_new0 (gsize, ref->pub.n_edges + 1);
  count_bins (ref, sorted, n, bins);
  e->psi = orchard_psi (ref->bin_counts, bins, ref->pub.n_edges + 1);

  /* The current mean and variance (n − 1). */
  {
    double m2;

    mean = orchard_mean_and_m2 (sorted, n, &m2);
    var = n > 1 ? m2 / (double) (n - 1) : 0.0;
  }

  switch (e->test)
    {
    case ORCHARD_STAT_TEST_KS:
      {
        OrchardKsMethod method;
        double critical;

        e->statistic = orchard_ks_2samp (ref->sample, ref->pub.sample_size, sorted, n,
                                         &e->p_value, &method);
        e->exact = method == ORCHARD_KS_EXACT;
        critical = orchard_ks_critical_value (ref->pub.sample_size, n, e->threshold);
        /* The normal mean shift δ (in σ) whose D = 2Φ(δ/2) − 1 reaches it. */
        if (critical < 1)
          e->detectable = 2 * orchard_normal_quantile ((1 + critical) / 2);
      }
      break;

    case ORCHARD_STAT_TEST_WASSERSTEIN:
      {
        double norm = MAX (sqrt (ref->pub.m2 / (double) ref->pub.count), 0.001);

        e->statistic = orchard_wasserstein_distance (ref->sample, ref->pub.sample_size, sorted, n) /
                       norm;
      }
      break;

    case ORCHARD_STAT_TEST_PSI:
      e->statistic = e->psi;
      break;

    case ORCHARD_STAT_TEST_CHISQUARE:
    case ORCHARD_STAT_TEST_Z:
    case ORCHARD_STAT_TEST_JENSENSHANNON:
      if (!value_categories)
        {
          /* Too many values to count one by one: the decile bins. */
          gsize n_bins = ref->pub.n_edges + 1;

          cats = g_new0 (Category, n_bins);
          n_cats = 0;
          for (gsize b = 0; b < n_bins; b++)
            if (ref->bin_counts[b] + bins[b] > 0)
              {
                cats[n_cats].value = (double) b;
                cats[n_cats].ref = ref->bin_counts[b];
                cats[n_cats].cur = bins[b];
                n_cats++;
              }
        }
      test_categories (e, cats, n_cats, ref->pub.count, n, ref->name, error);
      break;

    case ORCHARD_STAT_TEST_AUTO:
    default:
      g_assert_not_reached ();
    }

  if (e->effect_kind == ORCHARD_EFFECT_SIZE_COHENS_D)
    e->effect = orchard_cohens_d (ref->pub.count, ref->pub.mean,
                                  ref->pub.count > 1 ? ref->pub.m2 / (double) (ref->pub.count - 1) : 0,
                                  n, mean, var);

  if (e->tested)
    e->drifted = verdict (e->test, e->statistic, e->p_value, e->threshold);
}

static void
evaluate_categorical (const Job   *job,
                      const gsize *rows,
                      gsize        n_rows,
                      gboolean     histogram,
                      Eval        *e,
                      GError     **error)
{
  const OrchardRefColumn *ref = job->ref;
  const guint32 *codes = orchard_column_get_codes (job->cur);
  g_autofree gsize *cur_union = g_new0 (gsize, MAX (job->n_union, 1));
  g_autofree Category *cats = g_new0 (Category, MAX (job->n_union, 1));
  g_autofree gsize *ref_counts = NULL;
  g_autofree gsize *cur_counts = NULL;
  gsize n = 0, n_cats = 0;

  for (gsize i = 0; i < n_rows; i++)
    {
      guint32 code = codes[rows != NULL ? rows[i] : i];

      if (code < job->n_codes)
        {
          cur_union[job->code_union[code]]++;
          n++;
        }
    }

  for (guint u = 0; u < job->n_union; u++)
    {
      gsize r = u < ref->pub.n_levels ? ref->level_counts[u] : 0;

      if (r + cur_union[u] == 0)
        continue;
      cats[n_cats].label = job->union_labels[u];
      cats[n_cats].ref = r;
      cats[n_cats].cur = cur_union[u];
      n_cats++;
    }

  e->ref_n = ref->pub.count;
  e->ref_sample = ref->pub.count;
  e->cur_n = n;
  e->test = resolve_test (job, ref->pub.count, TRUE, n_cats);
  e->threshold = resolve_threshold (job, e->test);
  e->effect_kind = ORCHARD_EFFECT_SIZE_CRAMERS_V;

  if (histogram)
    {
      e->n_bins = n_cats;
      e->labels = g_new0 (char *, n_cats + 1);
      e->ref_counts = g_new (gsize, MAX (n_cats, 1));
      e->cur_counts = g_new (gsize, MAX (n_cats, 1));
      for (gsize i = 0; i < n_cats; i++)
        {
          e->labels[i] = g_strdup (cats[i].label);
          e->ref_counts[i] = cats[i].ref;
          e->cur_counts[i] = cats[i].cur;
        }
    }

  if (ref->pub.count == 0 || n == 0)
    {
      e->note = g_strdup (ref->pub.count == 0 ? "no values in the reference data"
                                              : "no values in the current data");
      return;
    }
  e->tested = TRUE;

  ref_counts = g_new (gsize, MAX (n_cats, 1));
  cur_counts = g_new (gsize, MAX (n_cats, 1));
  for (gsize i = 0; i < n_cats; i++)
    {
      ref_counts[i] = cats[i].ref;
      cur_counts[i] = cats[i].cur;
    }
  e->psi = orchard_psi (ref_counts, cur_counts, n_cats);

  if (e->test == ORCHARD_STAT_TEST_PSI)
    {
      e->statistic = e->psi;
      e->effect = orchard_cramers_v (ref_counts, cur_counts, n_cats);
    }
  else
    {
      if (e->test == ORCHARD_STAT_TEST_Z)
        qsort (cats, n_cats, sizeof (Category), compare_categories_by_label);
      test_categories (e, cats, n_cats, ref->pub.count, n, ref->name, error);
    }

  if (e->tested)
    e->drifted = verdict (e->test, e->statistic, e->p_value, e->threshold);
}

static gboolean
evaluate (const Job   *job,
          const gsize *rows,
          gsize        n_rows,
          gboolean     histogram,
          Buffers     *buffers,
          Eval        *e,
          GError     **error)
{
  memset (e, 0, sizeof *e);
  e->statistic = e->p_value = e->psi = e->effect = e->detectable = NAN;

  if (job->ref->pub.kind == ORCHARD_COLUMN_KIND_NUMERIC)
    evaluate_numeric (job, rows, n_rows, histogram, buffers, e, error);
  else
    evaluate_categorical (job, rows, n_rows, histogram, e, error);

  return error == NULL || *error == NULL;
}

static ColumnResult *
column_result_new (const Job *job,
                   Eval      *e)
{
  ColumnResult *r = g_new0 (ColumnResult, 1);

  r->name = g_strdup (job->ref->name);
  r->edges = g_steal_pointer (&e->edges);
  r->labels = g_steal_pointer (&e->labels);
  r->reference_counts = g_steal_pointer (&e->ref_counts);
  r->current_counts = g_steal_pointer (&e->cur_counts);
  r->note = g_steal_pointer (&e->note);

  r->pub.name = r->name;
  r->pub.kind = job->ref->pub.kind;
  r->pub.role = job->role;
  r->pub.test = e->test;
  r->pub.chosen = job->chosen;
  r->pub.tested = e->tested;
  r->pub.statistic = e->statistic;
  r->pub.p_value = orchard_stat_test_has_p_value (e->test) ? e->p_value : NAN;
  r->pub.p_value_adjusted = NAN;
  r->pub.threshold = e->threshold;
  r->pub.drifted = e->drifted;
  r->pub.psi = e->psi;
  r->pub.effect_size_kind = e->effect_kind;
  r->pub.effect_size = e->effect;
  r->pub.detectable_effect = e->detectable;
  r->pub.exact = e->exact;
  r->pub.reference_count = e->ref_n;
  r->pub.reference_sample = e->ref_sample;
  r->pub.current_count = e->cur_n;
  r->pub.n_bins = e->n_bins;
  r->pub.edges = r->edges;
  r->pub.labels = (const char * const *) r->labels;
  r->pub.reference_counts = r->reference_counts;
  r->pub.current_counts = r->current_counts;
  r->pub.note = r->note;

  return r;
}

/* Setting the jobs up ------------------------------------------------------- */

static gboolean
check_threshold (const char  *column,
                 double       threshold,
                 GError     **error)
{
  if (isnan (threshold))
    return TRUE;
  if (!isfinite (threshold) || threshold < 0)
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                   "The drift threshold %g%s%s%s is not a number of 0 or more", threshold,
                   column != NULL ? " of column “" : "", column != NULL ? column : "",
                   column != NULL ? "”" : "");
      return FALSE;
    }
  return TRUE;
}

typedef struct
{
  const char *label;
  gsize       count;
  guint       code;
} Other;

static int
compare_others (const void *a,
                const void *b)
{
  const Other *x = a, *y = b;

  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  return strcmp (x->label, y->label);
}

/* Levels of the reference first, then the current column's others, in
 * the order of their counts in the current data (then of their names). */
static void
map_levels (Job *job)
{
  const OrchardRefColumn *ref = job->ref;
  const guint32 *codes = orchard_column_get_codes (job->cur);
  gsize n_rows = orchard_column_get_n_rows (job->cur);
  guint n_codes = orchard_column_get_n_levels (job->cur);
  g_autoptr(GHashTable) index = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree gsize *counts = g_new0 (gsize, MAX (n_codes, 1));
  g_autofree Other *others = g_new0 (Other, MAX (n_codes, 1));
  guint n_others = 0;

  for (gsize r = 0; r < n_rows; r++)
    if (codes[r] < n_codes)
      counts[codes[r]]++;

  job->n_codes = n_codes;
  job->code_union = g_new (guint32, MAX (n_codes, 1));
  job->union_labels = g_new (const char *, ref->pub.n_levels + n_codes + 1);

  for (guint l = 0; l < ref->pub.n_levels; l++)
    {
      g_hash_table_insert (index, ref->levels[l], GUINT_TO_POINTER (l));
      job->union_labels[l] = ref->levels[l];
    }
  job->n_union = ref->pub.n_levels;

  for (guint c = 0; c < n_codes; c++)
    {
      const char *level = orchard_column_get_level (job->cur, c);
      gpointer at;

      if (g_hash_table_lookup_extended (index, level, NULL, &at))
        job->code_union[c] = GPOINTER_TO_UINT (at);
      else
        {
          others[n_others].label = level;
          others[n_others].count = counts[c];
          others[n_others].code = c;
          n_others++;
        }
    }

  qsort (others, n_others, sizeof (Other), compare_others);
  for (guint i = 0; i < n_others; i++)
    {
      job->union_labels[job->n_union] = others[i].label;
      job->code_union[others[i].code] = job->n_union;
      job->n_union++;
    }
}

static gboolean
kinds_agree (const OrchardRefColumn *ref,
             OrchardColumn          *cur)
{
  if (ref->pub.kind == ORCHARD_COLUMN_KIND_NUMERIC)
    return orchard_column_get_kind (cur) == ORCHARD_COLUMN_KIND_NUMERIC;
  return orchard_column_is_coded (cur);
}

static void
add_skipped (OrchardDriftReport *self,
             const char         *name,
             char               *reason)
{
  SkippedResult skipped = { { NULL, NULL }, g_strdup (name), reason };

  skipped.pub.name = skipped.name;
  skipped.pub.reason = skipped.reason;
  g_array_append_val (self->skipped, skipped);
}

static gboolean
job_init (Job                    *job,
          const OrchardRefColumn *ref,
          OrchardColumn          *cur,
          gboolean                prediction,
          OrchardDriftOptions    *options,
          GError                **error)
{
  job->ref = ref;
  job->cur = cur;
  job->prediction = prediction;
  job->role = prediction ? ORCHARD_COLUMN_ROLE_FEATURE : ref->pub.role;
  job->requested = orchard_drift_options_get_stattest (options, ref->name);
  job->threshold = orchard_drift_options_get_threshold (options, ref->name);
  job->chosen = job->requested != ORCHARD_STAT_TEST_AUTO || !isnan (job->threshold);
  job->test = ORCHARD_STAT_TEST_AUTO;

  if (!check_threshold (ref->name, job->threshold, error))
    return FALSE;

  if (ref->pub.kind == ORCHARD_COLUMN_KIND_CATEGORICAL &&
      (job->requested == ORCHARD_STAT_TEST_KS || job->requested == ORCHARD_STAT_TEST_WASSERSTEIN))
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                   "The %s test compares numbers, but column “%s” is categorical",
                   orchard_stat_test_to_string (job->requested), ref->name);
      return FALSE;
    }

  if (ref->pub.kind == ORCHARD_COLUMN_KIND_CATEGORICAL)
    map_levels (job);

  return TRUE;
}

/* Chunks ------------------------------------------------------------------ */

typedef struct
{
  guint     n_chunks;
  char    **labels;
  double   *starts;
  gsize    *offsets;        /* n_chunks + 1 */
  gsize    *rows;           /* grouped by chunk */
  guint32  *chunk_of_row;
} ChunkPlan;

static void
chunk_plan_clear (ChunkPlan *plan)
{
  g_strfreev (plan->labels);
  g_free (plan->starts);
  g_free (plan->offsets);
  g_free (plan->rows);
  g_free (plan->chunk_of_row);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ChunkPlan, chunk_plan_clear)

/* Howard Hinnant's civil calendar algorithms (proleptic Gregorian). */
static void
civil_from_days (gint64  z,
                 gint64 *year,
                 guint  *month,
                 guint  *day)
{
  gint64 era;
  guint doe, yoe, doy, mp;

  z += 719468;
  era = (z >= 0 ? z : z - 146096) / 146097;
  doe = (guint) (z - era * 146097);
  yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  mp = (5 * doy + 2) / 153;
  *day = doy - (153 * mp + 2) / 5 + 1;
  *month = mp < 10 ? mp + 3 : mp - 9;
  *year = (gint64) yoe + era * 400 + (*month <= 2);
}

static gint64
days_from_civil (gint64 y,
                 guint  m,
                 guint  d)
{
  gint64 era;
  guint yoe, doy, doe;

  y -= m <= 2;
  era = (y >= 0 ? y : y - 399) / 400;
  yoe = (guint) (y - era * 400);
  doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + (gint64) doe - 719468;
}

static gint64
floor_div (gint64 a,
           gint64 b)
{
  gint64 q = a / b;

  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

/* A period's number: days, the Monday of the week, year·12 + month, year·4 + quarter. */
static gint64
period_key (OrchardPeriod period,
            double        seconds)
{
  gint64 days = (gint64) floor (seconds / 86400.0);
  gint64 year;
  guint month, day;

  switch (period)
    {
    case ORCHARD_PERIOD_DAY:
      return days;
    case ORCHARD_PERIOD_WEEK:
      /* 1970-01-01 was a Thursday: Monday is 0 below. */
      return days - (days + 3 - 7 * floor_div (days + 3, 7));
    case ORCHARD_PERIOD_MONTH:
      civil_from_days (days, &year, &month, &day);
      return year * 12 + (month - 1);
    case ORCHARD_PERIOD_QUARTER:
      civil_from_days (days, &year, &month, &day);
      return year * 4 + (month - 1) / 3;
    default:
      g_assert_not_reached ();
    }
}

static char *
period_label (OrchardPeriod  period,
              gint64         key,
              double        *start)
{
  gint64 year, iso_year;
  guint month, day;

  switch (period)
    {
    case ORCHARD_PERIOD_DAY:
      civil_from_days (key, &year, &month, &day);
      *start = (double) key * 86400.0;
      return g_strdup_printf ("%04" G_GINT64_FORMAT "-%02u-%02u", year, month, day);

    case ORCHARD_PERIOD_WEEK:
      {
        gint64 thursday = key + 3;
        gint64 week;

        /* The ISO year is the year of the week's Thursday. */
        civil_from_days (thursday, &iso_year, &month, &day);
        week = (thursday - days_from_civil (iso_year, 1, 1)) / 7 + 1;
        *start = (double) key * 86400.0;
        return g_strdup_printf ("%04" G_GINT64_FORMAT "-W%02" G_GINT64_FORMAT, iso_year, week);
      }

    case ORCHARD_PERIOD_MONTH:
      year = floor_div (key, 12);
      month = (guint) (key - year * 12) + 1;
      *start = (double) days_from_civil (year, month, 1) * 86400.0;
      return g_strdup_printf ("%04" G_GINT64_FORMAT "-%02u", year, month);

    case ORCHARD_PERIOD_QUARTER:
      year = floor_div (key, 4);
      month = (guint) (key - year * 4) * 3 + 1;
      *start = (double) days_from_civil (year, month, 1) * 86400.0;
      return g_strdup_printf ("%04" G_GINT64_FORMAT "-Q%u", year, (month - 1) / 3 + 1);

    default:
      g_assert_not_reached ();
    }
}

static gboolean
plan_chunks (ChunkPlan            *plan,
             OrchardTable         *current,
             OrchardDriftOptions  *options,
             GError              **error)
{
  gsize n = orchard_table_get_n_rows (current);
  OrchardChunking chunking = orchard_drift_options_get_chunking (options);
  g_autofree gsize *fill = NULL;

  plan->chunk_of_row = g_new (guint32, MAX (n, 1));

  if (chunking == ORCHARD_CHUNKING_SIZE || chunking == ORCHARD_CHUNKING_COUNT)
    {
      guint k;

      if (chunking == ORCHARD_CHUNKING_SIZE)
        {
          gsize size = orchard_drift_options_get_chunk_size (options);

          k = (guint) MIN ((n + size - 1) / size, (gsize) G_MAXUINT32 - 1);
          plan->offsets = g_new (gsize, k + 1);
          for (guint c = 0; c <= k; c++)
            plan->offsets[c] = MIN ((gsize) c * size, n);
        }
      else
        {
          k = (guint) MIN ((gsize) orchard_drift_options_get_chunk_count (options), n);
          plan->offsets = g_new (gsize, k + 1);
          for (guint c = 0; c <= k; c++)
            plan->offsets[c] = (gsize) (((guint64) c * n) / k);
        }

      plan->n_chunks = k;
      plan->labels = g_new0 (char *, k + 1);
      plan->starts = g_new (double, MAX (k, 1));
      plan->rows = g_new (gsize, MAX (n, 1));
      for (gsize r = 0; r < n; r++)
        plan->rows[r] = r;
      for (guint c = 0; c < k; c++)
        {
          plan->labels[c] = g_strdup_printf ("%" G_GSIZE_FORMAT "-%" G_GSIZE_FORMAT,
                                             plan->offsets[c] + 1, plan->offsets[c + 1]);
          plan->starts[c] = (double) plan->offsets[c];
          for (gsize r = plan->offsets[c]; r < plan->offsets[c + 1]; r++)
            plan->chunk_of_row[r] = c;
        }
      return TRUE;
    }
  else
    {
      const char *name = orchard_drift_options_get_time_column (options);
      OrchardPeriod period = orchard_drift_options_get_chunk_period (options);
      int index = orchard_table_find_column (current, name);
      g_autofree double *keys = NULL;
      g_autofree double *scratch = NULL;
      const double *seconds;
      gsize n_keys = 0, n_unique = 0;

      if (index < 0)
        {
          g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                       "The time column “%s” is not in the current data", name);
          return FALSE;
        }
      if (orchard_column_get_kind (orchard_table_get_column (current, index)) !=
          ORCHARD_COLUMN_KIND_DATETIME)
        {
          g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                       "The time column “%s” holds no dates; chunks by period need a "
                       "date or date-time column", name);
          return FALSE;
        }

      seconds = orchard_column_get_values (orchard_table_get_column (current, index));
      keys = g_new (double, MAX (n, 1));
      for (gsize r = 0; r < n; r++)
        if (!isnan (seconds[r]))
          keys[n_keys++] = (double) period_key (period, seconds[r]);

      if (n_keys == 0)
        {
          g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_EMPTY,
                       "The time column “%s” holds no date to cut chunks by", name);
          return FALSE;
        }

      scratch = g_new (double, n_keys);
      orchard_sort_doubles (keys, n_keys, scratch);
      for (gsize i = 0; i < n_keys; i++)
        if (i == 0 || keys[i] != keys[n_unique - 1])
          keys[n_unique++] = keys[i];

      plan->n_chunks = (guint) n_unique;
      plan->labels = g_new0 (char *, n_unique + 1);
      plan->starts = g_new (double, n_unique);
      plan->offsets = g_new0 (gsize, n_unique + 1);
      for (gsize c = 0; c < n_unique; c++)
        plan->labels[c] = period_label (period, (gint64) keys[c], &plan->starts[c]);

      for (gsize r = 0; r < n; r++)
        {
          if (isnan (seconds[r]))
            plan->chunk_of_row[r] = NO_CHUNK;
          else
            {
              double key = (double) period_key (period, seconds[r]);

              plan->chunk_of_row[r] = (guint32) orchard_lower_bound (keys, n_unique, key);
              plan->offsets[plan->chunk_of_row[r] + 1]++;
            }
        }

      for (gsize c = 0; c < n_unique; c++)
        plan->offsets[c + 1] += plan->offsets[c];
      plan->rows = g_new (gsize, MAX (plan->offsets[n_unique], 1));
      fill = g_memdup2 (plan->offsets, sizeof (gsize) * (n_unique + 1));
      for (gsize r = 0; r < n; r++)
        if (plan->chunk_of_row[r] != NO_CHUNK)
          plan->rows[fill[plan->chunk_of_row[r]]++] = r;
      return TRUE;
    }
}

/* Corrections --------------------------------------------------------------- */

/* Adjusts the p-values of the tested columns with one, and reapplies the
 * verdict to them. Entries of @p_values (in/out) that are NaN are left
 * alone; @adjusted receives the adjusted ones (NaN elsewhere). */
static void
correct (OrchardCorrection  correction,
         const Job         *jobs,
         gsize              n,
         const double      *p_values,
         double            *adjusted,
         gboolean          *drifted)
{
  g_autofree double *valid = g_new (double, MAX (n, 1));
  g_autofree double *out = g_new (double, MAX (n, 1));
  g_autofree gsize *where = g_new (gsize, MAX (n, 1));
  gsize m = 0;

  for (gsize i = 0; i < n; i++)
    {
      adjusted[i] = NAN;
      if (!isnan (p_values[i]))
        {
          valid[m] = p_values[i];
          where[m] = i;
          m++;
        }
    }

  if (correction == ORCHARD_CORRECTION_NONE || m == 0)
    return;

  orchard_adjust_p_values (valid, m, correction == ORCHARD_CORRECTION_BENJAMINI_HOCHBERG, out);
  for (gsize k = 0; k < m; k++)
    {
      gsize i = where[k];

      adjusted[i] = out[k];
      drifted[i] = verdict (jobs[i].test, NAN, out[k], jobs[i].test_threshold);
    }
}

/* Computing ------------------------------------------------------------------ */

typedef struct
{
  guint   job;
  guint   chunk;       /* G_MAXUINT: the whole comparison */
} Task;

static void
report (OrchardProgress  progress,
        gpointer         progress_data,
        double           fraction,
        const char      *message)
{
  if (progress != NULL)
    progress (fraction, message, progress_data);
}

static gboolean
run_tasks (Job             *jobs,
           const Task      *tasks,
           guint            n_tasks,
           const ChunkPlan *plan,
           gsize            n_rows,
           Eval            *evals,
           double           from,
           double           to,
           OrchardProgress  progress,
           gpointer         progress_data,
           GCancellable    *cancellable)
{
  int n_threads = (int) orchard_get_threads ();
  int n_done = 0;

#pragma omp parallel num_threads (n_threads)
  {
    /* Gathering and sorting in working space allocated once per thread. */
    g_autofree double *values = g_new (double, MAX (n_rows, 1));
    g_autofree double *scratch = g_new (double, MAX (n_rows, 1));
    Buffers buffers = { values, scratch };

#pragma omp for schedule (dynamic, 1)
    for (int t = 0; t < (int) n_tasks; t++)
      {
        const Task *task = &tasks[t];
        Job *job = &jobs[task->job];
        int done;

        if (g_cancellable_is_cancelled (cancellable))
          continue;

        if (task->chunk == G_MAXUINT)
          evaluate (job, NULL, n_rows, TRUE, &buffers, &evals[t], &job->error);
        else
          {
            g_autoptr(GError) ignored = NULL;
            gsize first = plan->offsets[task->chunk];

            /* The column's test is fixed; a chunk where it cannot run (a
             * Z-test that meets a third value) is not tested. */
            if (!evaluate (job, plan->rows + first, plan->offsets[task->chunk + 1] - first,
                           FALSE, &buffers, &evals[t], &ignored))
              {
                evals[t].tested = FALSE;
                evals[t].drifted = FALSE;
                evals[t].statistic = evals[t].p_value = NAN;
              }
          }

        done = g_atomic_int_add (&n_done, 1) + 1;
#ifdef _OPENMP
        if (omp_get_thread_num () == 0)
#endif
          if (progress != NULL)
            progress (from + (to - from) * done / MAX (n_tasks, 1), NULL, progress_data);
      }
  }

  return !g_cancellable_is_cancelled (cancellable);
}

static void
finish_comparison (OrchardCorrection  correction,
                   Job               *jobs,
                   guint              first,
                   guint              n,
                   ColumnResult     **results)
{
  g_autofree double *p_values = g_new (double, MAX (n, 1));
  g_autofree double *adjusted = g_new (double, MAX (n, 1));
  g_autofree gboolean *drifted = g_new (gboolean, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    {
      const OrchardColumnDrift *c = &results[i]->pub;

      p_values[i] = c->tested ? c->p_value : NAN;
      drifted[i] = c->drifted;
    }
  correct (correction, jobs + first, n, p_values, adjusted, drifted);
  for (guint i = 0; i < n; i++)
    {
      results[i]->pub.p_value_adjusted = adjusted[i];
      results[i]->pub.drifted = drifted[i];
    }
}

static void
compute_multivariate (OrchardDriftReport       *self,
                      OrchardReferenceProfile  *reference,
                      OrchardTable             *current,
                      const ChunkPlan          *plan,
                      GCancellable             *cancellable)
{
  const OrchardMultivariateModel *model = orchard_reference_profile_peek_multivariate (reference);
  MultivariateResult *result;
  g_autofree const OrchardRefColumn **columns = NULL;
  g_autofree int *index = NULL;
  g_autofree double *chunk_sums = NULL;
  g_autofree gsize *chunk_counts = NULL;
  const char *absent = NULL;
  double total = 0;

  if (model == NULL)
    return;

  result = g_new0 (MultivariateResult, 1);
  self->multivariate = result;
  result->features = g_new0 (char *, model->n_features + 1);
  result->reference_errors = g_memdup2 (model->chunk_errors, sizeof (double) * model->n_chunks);
  result->pub.n_features = model->n_features;
  result->pub.features = (const char * const *) result->features;
  result->pub.n_components = model->n_components;
  result->pub.explained_variance = model->explained;
  result->pub.n_reference_chunks = model->n_chunks;
  result->pub.reference_errors = result->reference_errors;
  result->pub.reference_mean = model->error_mean;
  result->pub.reference_std = model->error_std;
  result->pub.lower = model->lower;
  result->pub.upper = model->upper;
  result->pub.error = NAN;

  columns = g_new (const OrchardRefColumn *, model->n_features);
  index = g_new (int, model->n_features);
  for (guint f = 0; f < model->n_features; f++)
    {
      columns[f] = orchard_reference_profile_peek_column (reference, model->columns[f]);
      result->features[f] = g_strdup (columns[f]->name);
      index[f] = orchard_table_find_column (current, columns[f]->name);
      if (absent == NULL &&
          (index[f] < 0 || !kinds_agree (columns[f], orchard_table_get_column (current, index[f]))))
        absent = columns[f]->name;
    }

  if (absent != NULL)
    {
      result->note = g_strdup_printf ("the current data lacks the feature “%s” (or holds "
                                      "another kind of values)", absent);
      result->pub.note = result->note;
      return;
    }

  chunk_sums = g_new0 (double, MAX (plan->n_chunks, 1));
  chunk_counts = g_new0 (gsize, MAX (plan->n_chunks, 1));
  if (!orchard_multivariate_errors (model, columns, current, index,
                                    plan->n_chunks > 0 ? plan->chunk_of_row : NULL,
                                    plan->n_chunks, chunk_sums, chunk_counts, &total, cancellable))
    return;

  result->pub.error = total / (double) orchard_table_get_n_rows (current);
  result->pub.drifted = result->pub.error < model->lower || result->pub.error > model->upper;

  for (guint c = 0; c < plan->n_chunks; c++)
    {
      ChunkResult *chunk = &g_array_index (self->chunks, ChunkResult, c);

      if (chunk_counts[c] == 0)
        continue;
      chunk->pub.reconstruction_error = chunk_sums[c] / (double) chunk_counts[c];
      chunk->pub.multivariate_drift = chunk->pub.reconstruction_error < model->lower ||
                                      chunk->pub.reconstruction_error > model->upper;
    }
}

static void
list_skipped (OrchardDriftReport      *self,
              OrchardReferenceProfile *reference,
              OrchardTable            *current,
              OrchardDriftOptions     *options)
{
  const char *time_column = orchard_drift_options_get_chunking (options) == ORCHARD_CHUNKING_PERIOD
                            ? orchard_drift_options_get_time_column (options) : NULL;

  for (guint i = 0; i < orchard_reference_profile_get_n_columns (reference); i++)
    {
      const OrchardRefColumn *ref = orchard_reference_profile_peek_column (reference, i);
      int c = orchard_table_find_column (current, ref->name);

      if (c < 0)
        add_skipped (self, ref->name, g_strdup ("not in the current data"));
      else if (!kinds_agree (ref, orchard_table_get_column (current, c)))
        add_skipped (self, ref->name,
                     g_strdup_printf ("%s in the reference data but %s in the current data",
                                      orchard_column_kind_to_string (ref->pub.kind),
                                      orchard_column_kind_to_string (
                                        orchard_column_get_kind (orchard_table_get_column (current, c)))));
    }

  for (guint c = 0; c < orchard_table_get_n_columns (current); c++)
    {
      OrchardColumn *column = orchard_table_get_column (current, c);
      const char *name = orchard_column_get_name (column);
      OrchardColumnKind kind = orchard_column_get_kind (column);

      if (orchard_reference_profile_find_column (reference, name) >= 0)
        continue;
      if (g_strcmp0 (name, time_column) == 0)
        add_skipped (self, name, g_strdup ("the time column of the chunks"));
      else if (kind == ORCHARD_COLUMN_KIND_DATETIME)
        add_skipped (self, name, g_strdup ("date and time columns are not compared"));
      else if (kind == ORCHARD_COLUMN_KIND_TEXT)
        add_skipped (self, name, g_strdup ("free text is not compared"));
      else
        add_skipped (self, name, g_strdup ("not in the reference profile"));
    }
}

/**
 * orchard_drift_report_compute:
 * @reference: the reference profile (from the training data, a model
 *   bundle or a project)
 * @current: the current data, a batch from production
 * @current_predictions: (nullable): the model's outputs on @current, one
 *   column per output as in the profile, or %NULL
 * @options: (nullable): what to test and how, or %NULL for the defaults
 * @progress: (nullable) (scope call): progress callback, called from the
 *   calling thread
 * @progress_data: data for @progress
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Compares @current with the reference, column by column, with the test
 * #OrchardStatTest describes (chosen automatically as Evidently does by
 * default, unless the options choose one), always with PSI, an effect
 * size and the smallest detectable effect; adjusts the p-values for
 * testing many columns if asked; decides dataset drift from the share of
 * drifted feature columns (the target is reported, not counted); runs the
 * multivariate test; and, with chunks, repeats all of it per chunk for a
 * timeline. Columns are compared in parallel.
 *
 * Columns are matched by name. A column only one side has, or with another
 * kind of values, is listed by orchard_drift_report_get_skipped().
 *
 * Returns: (transfer full) (nullable): the report, or %NULL with @error
 *   set: %ORCHARD_ERROR_EMPTY when @current has no rows,
 *   %ORCHARD_ERROR_INVALID_ARGUMENT for an unknown column, a test that
 *   does not fit a column or a bad threshold, %G_IO_ERROR_CANCELLED when
 *   cancelled
 */
OrchardDriftReport *
orchard_drift_report_compute (OrchardReferenceProfile  *reference,
                              OrchardTable             *current,
                              OrchardTable             *current_predictions,
                              OrchardDriftOptions      *options,
                              OrchardProgress           progress,
                              gpointer                  progress_data,
                              GCancellable             *cancellable,
                              GError                  **error)
{
  g_autoptr(OrchardDriftReport) self = NULL;
  g_autoptr(OrchardDriftOptions) defaults = NULL;
  g_auto(ChunkPlan) plan = { 0 };
  g_autofree Job *jobs = NULL;
  g_autofree Task *tasks = NULL;
  g_autofree Eval *evals = NULL;
  g_autofree ColumnResult **results = NULL;
  g_auto(GStrv) overrides = NULL;
  const char * const *wanted;
  guint n_jobs = 0, n_columns_jobs, n_tasks = 0, n_profile;
  gsize n_rows;
  double share;

  g_return_val_if_fail (ORCHARD_IS_REFERENCE_PROFILE (reference), NULL);
  g_return_val_if_fail (ORCHARD_IS_TABLE (current), NULL);
  g_return_val_if_fail (current_predictions == NULL || ORCHARD_IS_TABLE (current_predictions), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (options == NULL)
    options = defaults = orchard_drift_options_new ();

  n_rows = orchard_table_get_n_rows (current);
  if (n_rows == 0)
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_EMPTY,
                   "The current data %s has no rows to compare",
                   orchard_table_get_source (current) != NULL ? orchard_table_get_source (current) : "");
      return NULL;
    }

  share = orchard_drift_options_get_drift_share (options);
  if (!(share > 0 && share <= 1))
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                   "The drift share %g is not above 0 and at most 1", share);
      return NULL;
    }
  if (!check_threshold (NULL, orchard_drift_options_get_threshold (options, NULL), error))
    return NULL;
  if (current_predictions != NULL && orchard_reference_profile_get_n_predictions (reference) == 0)
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                   "The reference profile holds no predictions to compare the current ones with");
      return NULL;
    }

  /* Every column named in the options must exist on both sides. */
  wanted = orchard_drift_options_get_columns (options);
  overrides = orchard_drift_options_dup_override_columns (options);
  for (guint pass = 0; pass < 2; pass++)
    {
      const char * const *names = pass == 0 ? wanted : (const char * const *) overrides;

      for (guint i = 0; names != NULL && names[i] != NULL; i++)
        {
          int r = orchard_reference_profile_find_column (reference, names[i]);
          gboolean predicted = FALSE;

          for (guint p = 0; r < 0 && p < orchard_reference_profile_get_n_predictions (reference); p++)
            predicted = predicted || strcmp (orchard_reference_profile_peek_prediction (reference, p)->name,
                                             names[i]) == 0;
          if (predicted)
            continue;
          if (r < 0)
            {
              g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                           "Column “%s” is not in the reference profile (or is not a numeric "
                           "or categorical feature or target there)", names[i]);
              return NULL;
            }
          if (orchard_table_find_column (current, names[i]) < 0)
            {
              g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                           "Column “%s” is not in the current data", names[i]);
              return NULL;
            }
        }
    }

  self = g_object_new (ORCHARD_TYPE_DRIFT_REPORT, NULL);
  self->drift_share_threshold = share;
  self->correction = orchard_drift_options_get_correction (options);
  self->reference_rows = orchard_reference_profile_get_n_rows (reference);
  self->current_rows = n_rows;
  self->reference_source = g_strdup (orchard_reference_profile_get_source (reference));
  self->current_source = g_strdup (orchard_table_get_source (current));
  self->chunking = orchard_drift_options_get_chunking (options);

  n_profile = orchard_reference_profile_get_n_columns (reference);
  jobs = g_new0 (Job, n_profile + orchard_reference_profile_get_n_predictions (reference) + 1);

  for (guint i = 0; i < n_profile; i++)
    {
      const OrchardRefColumn *ref = orchard_reference_profile_peek_column (reference, i);
      int c = orchard_table_find_column (current, ref->name);

      if (wanted != NULL && !g_strv_contains (wanted, ref->name))
        continue;
      if (c < 0 || !kinds_agree (ref, orchard_table_get_column (current, c)))
        continue;
      if (!job_init (&jobs[n_jobs], ref, orchard_table_get_column (current, c), FALSE, options, error))
        goto fail;
      n_jobs++;
    }
  n_columns_jobs = n_jobs;

  if (current_predictions != NULL)
    for (guint i = 0; i < orchard_reference_profile_get_n_predictions (reference); i++)
      {
        const OrchardRefColumn *ref = orchard_reference_profile_peek_prediction (reference, i);
        int c = orchard_table_find_column (current_predictions, ref->name);

        if (c < 0 || !kinds_agree (ref, orchard_table_get_column (current_predictions, c)))
          {
            g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                         "The current predictions lack the %s column “%s” of the reference",
                         orchard_column_kind_to_string (ref->pub.kind), ref->name);
            goto fail;
          }
        if (orchard_table_get_n_rows (current_predictions) != n_rows)
          {
            g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                         "The current predictions have %" G_GSIZE_FORMAT " rows, the current "
                         "data %" G_GSIZE_FORMAT, orchard_table_get_n_rows (current_predictions),
                         n_rows);
            goto fail;
          }
        if (!job_init (&jobs[n_jobs], ref, orchard_table_get_column (current_predictions, c), TRUE,
                       options, error))
          goto fail;
        n_jobs++;
      }

  if (self->chunking != ORCHARD_CHUNKING_NONE && !plan_chunks (&plan, current, options, error))
    goto fail;

  /* The whole comparison first: it fixes each column's test. */
  report (progress, progress_data, 0.0, _("Comparing the columns with the reference"));
  tasks = g_new (Task, (gsize) n_jobs * (plan.n_chunks + 1) + 1);
  evals = g_new0 (Eval, (gsize) n_jobs * (plan.n_chunks + 1) + 1);
  for (guint j = 0; j < n_jobs; j++)
    {
      tasks[n_tasks].job = j;
      tasks[n_tasks].chunk = G_MAXUINT;
      n_tasks++;
    }

  if (!run_tasks (jobs, tasks, n_tasks, &plan, n_rows, evals,
                  0.0, plan.n_chunks > 0 ? 0.45 : 0.8, progress, progress_data, cancellable))
    goto cancelled;

  for (guint j = 0; j < n_jobs; j++)
    if (jobs[j].error != NULL)
      {
        g_propagate_error (error, g_steal_pointer (&jobs[j].error));
        goto fail;
      }

  results = g_new (ColumnResult *, MAX (n_jobs, 1));
  for (guint j = 0; j < n_jobs; j++)
    {
      jobs[j].test = evals[j].test;
      jobs[j].test_threshold = evals[j].threshold;
      results[j] = column_result_new (&jobs[j], &evals[j]);
      eval_clear (&evals[j]);
    }

  finish_comparison (self->correction, jobs, 0, n_columns_jobs, results);
  finish_comparison (self->correction, jobs, n_columns_jobs, n_jobs - n_columns_jobs,
                     results + n_columns_jobs);

  for (guint j = 0; j < n_jobs; j++)
    {
      const OrchardColumnDrift *c = &results[j]->pub;

      if (j < n_columns_jobs)
        {
          g_ptr_array_add (self->columns, results[j]);
          if (c->role == ORCHARD_COLUMN_ROLE_FEATURE && c->tested)
            {
              self->n_tested++;
              if (c->drifted)
                self->n_drifted++;
            }
        }
      else
        {
          g_ptr_array_add (self->predictions, results[j]);
          self->prediction_drift = self->prediction_drift || c->drifted;
        }
    }
  self->drift_share = self->n_tested > 0 ? (double) self->n_drifted / self->n_tested : 0.0;
  self->dataset_drift = self->n_tested > 0 && self->drift_share >= share;

  /* The chunks, with each column's test fixed. */
  if (plan.n_chunks > 0)
    {
      guint first_task = n_tasks;

      report (progress, progress_data, 0.45, _("Comparing the chunks with the reference"));
      for (guint c = 0; c < plan.n_chunks; c++)
        for (guint j = 0; j < n_jobs; j++)
          {
            tasks[n_tasks].job = j;
            tasks[n_tasks].chunk = c;
            n_tasks++;
          }

      if (!run_tasks (jobs, tasks + first_task, n_tasks - first_task, &plan, n_rows,
                      evals + first_task, 0.45, 0.85, progress, progress_data, cancellable))
        goto cancelled;

      g_array_set_size (self->chunks, plan.n_chunks);
      for (guint c = 0; c < plan.n_chunks; c++)
        {
          ChunkResult *chunk = &g_array_index (self->chunks, ChunkResult, c);
          Eval *e = evals + first_task + (gsize) c * n_jobs;
          g_autofree double *p_values = g_new (double, MAX (n_jobs, 1));
          g_autofree double *adjusted = g_new (double, MAX (n_jobs, 1));
          g_autofree gboolean *drifted = g_new (gboolean, MAX (n_jobs, 1));

          chunk->label = g_strdup (plan.labels[c]);
          chunk->columns = g_new0 (OrchardChunkColumnDrift, MAX (n_jobs, 1));
          chunk->pub.label = chunk->label;
          chunk->pub.start = plan.starts[c];
          chunk->pub.n_rows = plan.offsets[c + 1] - plan.offsets[c];
          chunk->pub.columns = chunk->columns;
          chunk->pub.reconstruction_error = NAN;

          for (guint j = 0; j < n_jobs; j++)
            {
              p_values[j] = e[j].tested && orchard_stat_test_has_p_value (e[j].test) ? e[j].p_value
                                                                                    : NAN;
              drifted[j] = e[j].drifted;
            }
          correct (self->correction, jobs, n_columns_jobs, p_values, adjusted, drifted);
          correct (self->correction, jobs + n_columns_jobs, n_jobs - n_columns_jobs,
                   p_values + n_columns_jobs, adjusted + n_columns_jobs, drifted + n_columns_jobs);

          for (guint j = 0; j < n_jobs; j++)
            {
              OrchardChunkColumnDrift *cc = &chunk->columns[j];

              cc->tested = e[j].tested;
              cc->statistic = e[j].statistic;
              cc->p_value = orchard_stat_test_has_p_value (e[j].test) ? e[j].p_value : NAN;
              cc->p_value_adjusted = adjusted[j];
              cc->drifted = drifted[j];
              if (j < n_columns_jobs && jobs[j].role == ORCHARD_COLUMN_ROLE_FEATURE && cc->tested)
                {
                  chunk->pub.n_columns++;
                  if (cc->drifted)
                    chunk->pub.n_drifted++;
                }
              eval_clear (&e[j]);
            }
          chunk->pub.drift_share = chunk->pub.n_columns > 0
                                   ? (double) chunk->pub.n_drifted / chunk->pub.n_columns : 0.0;
          chunk->pub.dataset_drift = chunk->pub.n_columns > 0 && chunk->pub.drift_share >= share;
        }
    }

  report (progress, progress_data, plan.n_chunks > 0 ? 0.85 : 0.8,
          _("Testing for multivariate drift"));
  compute_multivariate (self, reference, current, &plan, cancellable);
  if (g_cancellable_is_cancelled (cancellable))
    goto cancelled;

  if (wanted == NULL)
    list_skipped (self, reference, current, options);

  for (guint j = 0; j < n_jobs; j++)
    job_clear (&jobs[j]);

  report (progress, progress_data, 1.0, NULL);
  return g_steal_pointer (&self);

cancelled:
  g_cancellable_set_error_if_cancelled (cancellable, error);
fail:
  if (evals != NULL)
    for (guint t = 0; t < n_tasks; t++)
      eval_clear (&evals[t]);
  for (guint j = 0; j < n_jobs; j++)
    job_clear (&jobs[j]);
  return NULL;
}

/* Accessors ---------------------------------------------------------------- */

/**
 * orchard_drift_report_get_dataset_drift:
 * @self: a report
 *
 * Returns: whether the share of drifted feature columns reached the threshold
 */
gboolean
orchard_drift_report_get_dataset_drift (OrchardDriftReport *self)
{
  g_return_val_if_fail (ORCHARD_IS_DRIFT_REPORT (self), FALSE);
  return self->dataset_drift;
}

/**
 * orchard_drift_report_get_drift_share:
 * @self: a report
 *
 * Returns: drifted feature columns / tested feature columns (0 when none was tested)
 */
double
orchard_drift_report_get_drift_share (OrchardDriftReport *self)
{
  g_return_val_if_fail (ORCHARD_IS_DRIFT_REPORT (self), 0);
  return self->drift_share;
}

/**
 * orchard_drift_report_get_drift_share_threshold:
 * @self: a report
 *
 * Returns: the share from which the data set counts as drifted
 */
double
orchard_drift_report_get_drift_share_threshold (OrchardDriftReport *self)
{
  g_return_val_if_fail (ORCHARD_IS_DRIFT_REPORT (self), 0);
  return self->drift_share_threshold;
}

/**
 * orchard_drift_report_get_n_drifted:
 * @self: a report
 *
 * Returns: the feature columns that drifted
 */
guint
orchard_drift_report_get_n_drifted (OrchardDriftReport *self)
{
  g_return_val_if_fail (ORCHARD_IS_DRIFT_REPORT (self), 0);
  return self->n_drifted;
}

/**
 * orchard_drift_report_get_n_tested:
 * @self: a report
 *
 * Returns: the feature columns tested (with values on both sides): the
 *   denominator of the drift share
 */
guint
orchard_drift_report_get_n_tested (OrchardDriftReport *self)
{
  g_return_val_if_fail (ORCHARD_IS_DRIFT_REPORT (self), 0);
  return self->n_tested;
}

/**
 * orchard_drift_report_get_correction:
 * @self: a report
 *
 * Returns: how the p-values were adjusted for testing many columns
 */
OrchardCorrection
orchard_drift_report_get_correction (OrchardDriftReport *self)
{
  g_return_val_if_fail (ORCHARD_IS_DRIFT_REPORT (self), ORCHARD_CORRECTION_NONE);
  return self->correction;
}

/**
 * orchard_drift_report_get_reference_rows:
 * @self: a report
 *
 * Returns: the rows of the reference data
 */
gsize
orchard_drift_report_get_reference_rows (OrchardDriftReport *self)
{
  g_return_val_if_fail (ORCHARD_IS_DRIFT_REPORT (self), 0);
  return self->reference_rows;
}

/**
 * orchard_drift_report_get_current_rows:
 * @self: a report
 *
 * Returns: the rows of the current data
 */
gsize
orchard_drift_report_get_current_rows (OrchardDriftReport *self)
{
  g_return_val_if_fail (ORCHARD_IS_DRIFT_REPORT (self), 0);
  return self->current_rows;
}

/**
 * orchard_drift_report_get_reference_source:
 * @self: a report
 *
 * Returns: (nullable): the file of the reference data, if known
 */
const char *
orchard_drift_report_get_reference_source (OrchardDriftReport *self)
{
  g_return_val_if_fail (ORCHARD_IS_DRIFT_REPORT (self), NULL);
  return self->reference_source;
}

/**
 * orchard_drift_report_get_current_source:
 * @self: a report
 *
 * Returns: (nullable): the file of the current data, if known
 */
const char *
orchard_drift_report_get_current_source (OrchardDriftReport *self)
{
  g_return_val_if_fail (ORCHARD_IS_DRIFT_REPORT (self), NULL);
  return self->current_source;
}

/**
 * orchard_drift_report_get_n_columns:
 * @self: a report
 *
 * Returns: the columns compared: features and the target, in the order of
 *   the reference
 */
guint
orchard_drift_report_get_n_columns (OrchardDriftReport *self)
{
  g_return_val_if_fail (ORCHARD_IS_DRIFT_REPORT (self), 0);
  return self->columns->len;
}

/**
 * orchard_drift_report_get_column:
 * @self: a report
 * @index: below orchard_drift_report_get_n_columns()
 *
 * Returns: (transfer none): the drift of the column
 */
const OrchardColumnDrift *
orchard_drift_report_get_column (OrchardDriftReport *self,
                                 guint               index)
{
  g_return_val_if_fail (ORCHARD_IS_DRIFT_REPORT (self), NULL);
  g_return_val_if_fail (index < self->columns->len, NULL);
  return &((ColumnResult *) g_ptr_array_index (self->columns, index))->pub;
}

/**
 * orchard_drift_report_find_column:
 * @self: a report
 * @name: a column name
 *
 * Returns: the index of the column, or -1
 */
int
orchard_drift_report_find_column (OrchardDriftReport *self,
                                  const char         *name)
{
  g_return_val_if_fail (ORCHARD_IS_DRIFT_REPORT (self), -1);
  g_return_val_if_fail (name != NULL, -1);

  for (guint i = 0; i < self->columns->len; i++)
    if (strcmp (((ColumnResult *) g_ptr_array_index (self->columns, i))->name, name) == 0)
      return (int) i;
  return -1;
}

/**
 * orchard_drift_report_get_n_predictions:
 * @self: a report
 *
 * Returns: the prediction columns compared, 0 without predictions
 */
guint
orchard_drift_report_get_n_predictions (OrchardDriftReport *self)
{
  g_return_val_if_fail (ORCHARD_IS_DRIFT_REPORT (self), 0);
  return self->predictions->len;
}

/**
 * orchard_drift_report_get_prediction:
 * @self: a report
 * @index: below orchard_drift_report_get_n_predictions()
 *
 * Returns: (transfer none): the drift of one output of the model
 */
const OrchardColumnDrift *
orchard_drift_report_get_prediction (OrchardDriftReport *self,
                                     guint               index)
{
  g_return_val_if_fail (ORCHARD_IS_DRIFT_REPORT (self), NULL);
  g_return_val_if_fail (index < self->predictions->len, NULL);
  return &((ColumnResult *) g_ptr_array_index (self->predictions, index))->pub;
}

/**
 * orchard_drift_report_get_prediction_drift:
 * @self: a report
 *
 * Returns: whether any prediction column drifted
 */
gboolean
orchard_drift_report_get_prediction_drift (OrchardDriftReport *self)
{
  g_return_val_if_fail (ORCHARD_IS_DRIFT_REPORT (self), FALSE);
  return self->prediction_drift;
}

/**
 * orchard_drift_report_get_multivariate:
 * @self: a report
 *
 * Returns: (transfer none) (nullable): the multivariate test, or %NULL when
 *   the reference profile has no multivariate model
 */
const OrchardMultivariateDrift *
orchard_drift_report_get_multivariate (OrchardDriftReport *self)
{
  g_return_val_if_fail (ORCHARD_IS_DRIFT_REPORT (self), NULL);
  return self->multivariate != NULL ? &self->multivariate->pub : NULL;
}

/**
 * orchard_drift_report_get_chunking:
 * @self: a report
 *
 * Returns: how the current rows were cut into the chunks of the timeline
 */
OrchardChunking
orchard_drift_report_get_chunking (OrchardDriftReport *self)
{
  g_return_val_if_fail (ORCHARD_IS_DRIFT_REPORT (self), ORCHARD_CHUNKING_NONE);
  return self->chunking;
}

/**
 * orchard_drift_report_get_n_chunks:
 * @self: a report
 *
 * Returns: the chunks of the timeline, 0 without chunks
 */
guint
orchard_drift_report_get_n_chunks (OrchardDriftReport *self)
{
  g_return_val_if_fail (ORCHARD_IS_DRIFT_REPORT (self), 0);
  return self->chunks->len;
}

/**
 * orchard_drift_report_get_chunk:
 * @self: a report
 * @index: below orchard_drift_report_get_n_chunks()
 *
 * Returns: (transfer none): one chunk of the timeline, in order
 */
const OrchardDriftChunk *
orchard_drift_report_get_chunk (OrchardDriftReport *self,
                                guint               index)
{
  g_return_val_if_fail (ORCHARD_IS_DRIFT_REPORT (self), NULL);
  g_return_val_if_fail (index < self->chunks->len, NULL);
  return &g_array_index (self->chunks, ChunkResult, index).pub;
}

/**
 * orchard_drift_report_get_n_skipped:
 * @self: a report
 *
 * Returns: the columns left out (none when the options named the columns)
 */
guint
orchard_drift_report_get_n_skipped (OrchardDriftReport *self)
{
  g_return_val_if_fail (ORCHARD_IS_DRIFT_REPORT (self), 0);
  return self->skipped->len;
}

/**
 * orchard_drift_report_get_skipped:
 * @self: a report
 * @index: below orchard_drift_report_get_n_skipped()
 *
 * Returns: (transfer none): a column left out and why
 */
const OrchardSkippedColumn *
orchard_drift_report_get_skipped (OrchardDriftReport *self,
                                  guint               index)
{
  g_return_val_if_fail (ORCHARD_IS_DRIFT_REPORT (self), NULL);
  g_return_val_if_fail (index < self->skipped->len, NULL);
  return &g_array_index (self->skipped, SkippedResult, index).pub;
}

/**
 * orchard_effect_size_to_string:
 * @kind: an effect size
 *
 * Returns: `cohens_d` or `cramers_v`
 */
const char *
orchard_effect_size_to_string (OrchardEffectSize kind)
{
  return kind == ORCHARD_EFFECT_SIZE_COHENS_D ? "cohens_d" : "cramers_v";
}

/**
 * orchard_psi_tier:
 * @psi: a population stability index
 *
 * The usual reading of PSI: below 0.1 no significant change, 0.1 to 0.25
 * a moderate one, above 0.25 a significant one.
 *
 * Returns: (nullable): `none`, `moderate` or `significant`; %NULL for NaN
 */
const char *
orchard_psi_tier (double psi)
{
  if (isnan (psi))
    return NULL;
  if (psi < 0.1)
    return "none";
  if (psi <= 0.25)
    return "moderate";
  return "significant";
}
