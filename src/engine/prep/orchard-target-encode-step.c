/* orchard-target-encode-step.c
 *
 * Copyright 2026 The Orchard authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "orchard-error.h"
#include "orchard-prep-private.h"
#include "orchard-rng.h"
#include "orchard-target-encode-step.h"

#define STEP_ID "target-encode"

/**
 * OrchardTargetEncodeStep:
 *
 * Replaces each categorical column by the smoothed mean of the target
 * within its level: (Σy + m·prior) / (n + m), with m the
 * #OrchardTargetEncodeStep:smoothing and the prior the training mean.
 * A numeric target gives one column "column:target"; a class target with
 * two classes gives the share of the second class (in code-point order) as
 * "column:target"; with more classes, one share per class,
 * "column:target=class". A missing value is a level of its own; a level
 * unseen in training gets the prior.
 *
 * Encoding a training row with its own target would leak it into the
 * feature. So the training rows are split into #OrchardTargetEncodeStep:folds
 * folds (seeded by #OrchardTargetEncodeStep:seed) and each row is encoded
 * from the other folds only; the table a model trains on holds these
 * out-of-fold values, while every other table gets the encoding learnt from
 * all training rows.
 */
typedef struct
{
  char      *name;
  GPtrArray *levels;     /* training levels, sorted; one more row for "missing" */
  GArray    *encoding;   /* double, (levels + 1) × n_outputs, row-major */
  GArray    *counts;     /* guint64 training rows per level (+ missing) */
} Encoded;

struct _OrchardTargetEncodeStep
{
  GObject     parent_instance;

  double      smoothing;
  guint       folds;
  guint64     seed;
  char      **columns;

  /* Fitted */
  GPtrArray  *encoded;    /* Encoded */
  GPtrArray  *outputs;    /* suffixes: "target" or "target=class" */
  GArray     *prior;      /* double per output */
  guint       used_folds; /* 0 when too few rows for out-of-fold encoding */
  GHashTable *sources;
};

static void step_iface_init (OrchardStepInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (OrchardTargetEncodeStep, orchard_target_encode_step,
                               G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (ORCHARD_TYPE_STEP, step_iface_init))

enum {
  PROP_0,
  PROP_SMOOTHING,
  PROP_FOLDS,
  PROP_SEED,
  PROP_COLUMNS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
encoded_free (Encoded *encoded)
{
  g_free (encoded->name);
  g_ptr_array_unref (encoded->levels);
  g_array_unref (encoded->encoding);
  g_array_unref (encoded->counts);
  g_free (encoded);
}

static Encoded *
encoded_new (const char *name)
{
  Encoded *encoded = g_new0 (Encoded, 1);

  encoded->name = g_strdup (name);
  encoded->levels = g_ptr_array_new_with_free_func (g_free);
  encoded->encoding = g_array_new (FALSE, FALSE, sizeof (double));
  encoded->counts = g_array_new (FALSE, FALSE, sizeof (guint64));

  return encoded;
}

static char *
output_name (const char *column,
             const char *suffix)
{
  return g_strdup_printf ("%s:%s", column, suffix);
}

static void
start_fit (OrchardTargetEncodeStep *self)
{
  g_clear_pointer (&self->encoded, g_ptr_array_unref);
  g_clear_pointer (&self->outputs, g_ptr_array_unref);
  g_clear_pointer (&self->prior, g_array_unref);
  g_clear_pointer (&self->sources, g_hash_table_unref);
  self->encoded = g_ptr_array_new_with_free_func ((GDestroyNotify) encoded_free);
  self->outputs = g_ptr_array_new_with_free_func (g_free);
  self->prior = g_array_new (FALSE, FALSE, sizeof (double));
  self->sources = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->used_folds = 0;
}

static void
add_sources (OrchardTargetEncodeStep *self,
             Encoded                 *encoded)
{
  for (guint o = 0; o < self->outputs->len; o++)
    g_hash_table_insert (self->sources,
                         output_name (encoded->name, g_ptr_array_index (self->outputs, o)),
                         g_strdup (encoded->name));
}

/* Encodes @column row by row from the per-level encodings of @encoded. */
static GPtrArray *
encode_column (OrchardTargetEncodeStep *self,
               Encoded                 *encoded,
               OrchardColumn           *column)
{
  g_autoptr(GHashTable) lookup = prep_level_lookup (encoded->levels);
  g_autofree guint32 *map = prep_map_levels (column, lookup);
  guint n_outputs = self->outputs->len;
  guint missing = encoded->levels->len;
  const guint32 *codes = orchard_column_get_codes (column);
  gsize n_rows = orchard_column_get_n_rows (column);
  GPtrArray *with = g_ptr_array_new_with_free_func ((GDestroyNotify) orchard_column_unref);

  for (guint o = 0; o < n_outputs; o++)
    {
      g_autofree char *name = output_name (encoded->name, g_ptr_array_index (self->outputs, o));
      double prior = g_array_index (self->prior, double, o);
      double *out = g_new (double, MAX (n_rows, 1));

      for (gsize r = 0; r < n_rows; r++)
        {
          guint level = codes[r] == ORCHARD_CODE_MISSING ? missing : map[codes[r]];

          out[r] = level == ORCHARD_CODE_MISSING
                   ? prior
                   : g_array_index (encoded->encoding, double, level * n_outputs + o);
        }

      g_ptr_array_add (with, orchard_column_new_numeric (name, out, n_rows));
    }

  return with;
}

static OrchardTable *
orchard_target_encode_step_transform (OrchardStep   *step,
                                      OrchardTable  *table,
                                      GError       **error)
{
  OrchardTargetEncodeStep *self = ORCHARD_TARGET_ENCODE_STEP (step);
  g_autoptr(GHashTable) replacements = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                              (GDestroyNotify) g_ptr_array_unref);

  for (guint i = 0; i < self->encoded->len; i++)
    {
      Encoded *encoded = g_ptr_array_index (self->encoded, i);
      OrchardColumn *column = prep_require_column (table, encoded->name,
                                                   PREP_KIND_CATEGORICAL | PREP_KIND_TEXT,
                                                   STEP_ID, error);
      if (column == NULL)
        return NULL;

      g_hash_table_insert (replacements, encoded->name, encode_column (self, encoded, column));
    }

  return prep_table_replace_columns (table, replacements, error);
}

/* The target as n_outputs numbers per row (NaN where it is missing). */
static double *
target_matrix (OrchardTargetEncodeStep  *self,
               OrchardColumn            *target,
               GError                  **error)
{
  gsize n_rows = orchard_column_get_n_rows (target);
  double *y;

  if (orchard_column_get_kind (target) == ORCHARD_COLUMN_KIND_NUMERIC)
    {
      g_ptr_array_add (self->outputs, g_strdup ("target"));
      return g_memdup2 (orchard_column_get_values (target), MAX (n_rows, 1) * sizeof (double));
    }

  if (orchard_column_get_kind (target) == ORCHARD_COLUMN_KIND_CATEGORICAL)
    {
      guint n_levels = orchard_column_get_n_levels (target);
      const guint32 *codes = orchard_column_get_codes (target);
      g_autoptr(GPtrArray) classes = g_ptr_array_new ();
      g_autoptr(GHashTable) lookup = NULL;
      g_autofree guint32 *map = NULL;
      guint first;
      guint n_outputs;

      for (guint l = 0; l < n_levels; l++)
        g_ptr_array_add (classes, (gpointer) orchard_column_get_level (target, l));
      g_ptr_array_sort (classes, prep_compare_strings);
      lookup = prep_level_lookup (classes);
      map = prep_map_levels (target, lookup);

      /* Two classes (or one) need one share: that of the last class. */
      first = classes->len <= 2 ? classes->len - MIN (classes->len, 1) : 0;
      if (classes->len <= 2)
        g_ptr_array_add (self->outputs, g_strdup ("target"));
      else
        for (guint k = 0; k < classes->len; k++)
          g_ptr_array_add (self->outputs,
                           g_strdup_printf ("target=%s", (const char *) g_ptr_array_index (classes,
                                                                                           k)));

      n_outputs = self->outputs->len;
      y = g_new (double, MAX (n_rows * n_outputs, 1));
      for (gsize r = 0; r < n_rows; r++)
        for (guint o = 0; o < n_outputs; o++)
          y[r * n_outputs + o] = codes[r] == ORCHARD_CODE_MISSING
                                 ? NAN : (map[codes[r]] == first + o ? 1.0 : 0.0);
      return y;
    }

  g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
               "Step “%s”: the target “%s” is %s; target encoding needs a numeric or "
               "categorical target", STEP_ID, orchard_column_get_name (target),
               orchard_column_kind_to_string (orchard_column_get_kind (target)));
  return NULL;
}

/* Per-level sums and counts of @y over @rows (NULL for all rows). */
static void
accumulate (const guint32 *level_of,
            const double  *y,
            guint          n_outputs,
            const gsize   *rows,
            gsize          n,
            double        *sums,
            double        *counts,
            double        *total_sum,
            double        *total_count)
{
  for (gsize i = 0; i < n; i++)
    {
      gsize r = rows != NULL ? rows[i] : i;
      guint level = level_of[r];

      if (isnan (y[r * n_outputs]))
        continue;

      counts[level] += 1.0;
      *total_count += 1.0;
      for (guint o = 0; o < n_outputs; o++)
        {
          sums[level * n_outputs + o] += y[r * n_outputs + o];
          total_sum[o] += y[r * n_outputs + o];
        }
    }
}

static double
smoothed (double sum,
          double count,
          double prior,
          double m)
{
  return count + m > 0.0 ? (sum + m * prior) / (count + m) : prior;
}

static OrchardTable *
orchard_target_encode_step_fit (OrchardStep   *step,
                                OrchardTable  *train,
                                GCancellable  *cancellable,
                                GError       **error)
{
  OrchardTargetEncodeStep *self = ORCHARD_TARGET_ENCODE_STEP (step);
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GHashTable) replacements = NULL;
  g_autofree double *y = NULL;
  g_autofree double *total_sum = NULL;
  g_autofree gsize *order = NULL;
  g_autofree guint *fold_of = NULL;
  gsize n_rows = orchard_table_get_n_rows (train);
  gsize n_labelled = 0;
  double total_count = 0.0;
  int target_index = prep_find_target (train);
  guint n_outputs;

  if (target_index < 0)
    {
      g_set_error (error, ORCHARD_ERROR, ORCHARD_ERROR_INVALID_ARGUMENT,
                   "Step “%s” needs a target column", STEP_ID);
      return NULL;
    }

  names = prep_resolve_columns (train, (const char * const *) self->columns,
                                PREP_KIND_CATEGORICAL, STEP_ID, error);
  if (names == NULL)
    return NULL;

  start_fit (self);
  y = target_matrix (self, orchard_table_get_column (train, target_index), error);
  if (y == NULL)
    return NULL;

  n_outputs = self->outputs->len;
  total_sum = g_new0 (double, n_outputs);
  for (gsize r = 0; r < n_rows; r++)
    if (!isnan (y[r * n_outputs]))
      {
        n_labelled++;
        total_count += 1.0;
        for (guint o = 0; o < n_outputs; o++)
          total_sum[o] += y[r * n_outputs + o];
      }

  for (guint o = 0; o < n_outputs; o++)
    {
      double prior = total_count > 0.0 ? total_sum[o] / total_count : 0.0;
      g_array_append_val (self->prior, prior);
    }

  /* Folds over the shuffled rows, dealt round-robin. */
  self->used_folds = n_labelled >= 2 ? (guint) MIN (self->folds, n_labelled) : 0;
  order = g_new (gsize, MAX (n_rows, 1));
  fold_of = g_new0 (guint, MAX (n_rows, 1));
  if (self->used_folds > 0)
    {
      OrchardRng rng;

      for (gsize r = 0; r < n_rows; r++)
        order[r] = r;
      orchard_rng_init (&rng, self->seed);
      orchard_rng_shuffle (&rng, order, n_rows);
      for (gsize p = 0; p < n_rows; p++)
        fold_of[order[p]] = p % self->used_folds;
    }

  replacements = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                        (GDestroyNotify) g_ptr_array_unref);

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      OrchardColumn *column = prep_get_column (train, name);
      const guint32 *codes = orchard_column_get_codes (column);
      guint n_levels = orchard_column_get_n_levels (column);
      Encoded *encoded = encoded_new (name);
      g_autoptr(GHashTable) lookup = NULL;
      g_autofree guint32 *map = NULL;
      g_autofree guint32 *level_of = g_new (guint32, MAX (n_rows, 1));
      g_autofree double *sums = g_new0 (double, (n_levels + 1) * n_outputs);
      g_autofree double *counts = g_new0 (double, n_levels + 1);
      g_autofree double *unused_sum = g_new0 (double, n_outputs);
      double unused_count = 0.0;
      GPtrArray *with;

      for (guint l = 0; l < n_levels; l++)
        g_ptr_array_add (encoded->levels, g_strdup (orchard_column_get_level (column, l)));
      g_ptr_array_sort (encoded->levels, prep_compare_strings);
      lookup = prep_level_lookup (encoded->levels);
      map = prep_map_levels (column, lookup);
      for (gsize r = 0; r < n_rows; r++)
        level_of[r] = codes[r] == ORCHARD_CODE_MISSING ? n_levels : map[codes[r]];

      accumulate (level_of, y, n_outputs, NULL, n_rows, sums, counts, unused_sum, &unused_count);
      for (guint l = 0; l <= n_levels; l++)
        {
          guint64 count = (guint64) counts[l];

          g_array_append_val (encoded->counts, count);
          for (guint o = 0; o < n_outputs; o++)
            {
              double e = smoothed (sums[l * n_outputs + o], counts[l],
                                   g_array_index (self->prior, double, o), self->smoothing);
              g_array_append_val (encoded->encoding, e);
            }
        }

      g_ptr_array_add (self->encoded, encoded);
      add_sources (self, encoded);

      if (self->used_folds == 0)
        {
          g_hash_table_insert (replacements, encoded->name, encode_column (self, encoded, column));
          continue;
        }

      /* Out of fold: the statistics of all rows minus those of the fold. */
      with = g_ptr_array_new_with_free_func ((GDestroyNotify) orchard_column_unref);
      {
        double **outs = g_new (double *, n_outputs);
        g_autofree double *fold_sums = g_new (double, (n_levels + 1) * n_outputs);
        g_autofree double *fold_counts = g_new (double, n_levels + 1);
        g_autofree double *fold_total = g_new (double, n_outputs);
        g_autofree gsize *rows = g_new (gsize, MAX (n_rows, 1));

        for (guint o = 0; o < n_outputs; o++)
          outs[o] = g_new (double, MAX (n_rows, 1));

        for (guint f = 0; f < self->used_folds; f++)
          {
            double fold_count = 0.0;
            gsize n_fold = 0;

            for (gsize r = 0; r < n_rows; r++)
              if (fold_of[r] == f)
                rows[n_fold++] = r;

            memset (fold_sums, 0, sizeof (double) * (n_levels + 1) * n_outputs);
            memset (fold_counts, 0, sizeof (double) * (n_levels + 1));
            memset (fold_total, 0, sizeof (double) * n_outputs);
            accumulate (level_of, y, n_outputs, rows, n_fold, fold_sums, fold_counts, fold_total,
                        &fold_count);

            for (gsize k = 0; k < n_fold; k++)
              {
                gsize r = rows[k];
                guint l = level_of[r];
                double rest_count = total_count - fold_count;

                for (guint o = 0; o < n_outputs; o++)
                  {
                    double rest_prior = rest_count > 0.0
                                        ? (total_sum[o] - fold_total[o]) / rest_count
                                        : g_array_index (self->prior, double, o);

                    outs[o][r] = smoothed (sums[l * n_outputs + o] - fold_sums[l * n_outputs + o],
                                           counts[l] - fold_counts[l], rest_prior,
                                           self->smoothing);
                  }
              }
          }

        for (guint o = 0; o < n_outputs; o++)
          {
            g_autofree char *out_name = output_name (name, g_ptr_array_index (self->outputs, o));
            g_ptr_array_add (with, orchard_column_new_numeric (out_name, outs[o], n_rows));
          }
        g_free (outs);
      }
      g_hash_table_insert (replacements, encoded->name, with);
    }

  return prep_table_replace_columns (train, replacements, error);
}

static GVariant *
orchard_target_encode_step_save_state (OrchardStep *step)
{
  OrchardTargetEncodeStep *self = ORCHARD_TARGET_ENCODE_STEP (step);
  g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);
  GVariantBuilder columns;

  g_variant_builder_init (&columns, G_VARIANT_TYPE ("a(sasadat)"));
  for (guint i = 0; i < self->encoded->len; i++)
    {
      Encoded *encoded = g_ptr_array_index (self->encoded, i);

      g_variant_builder_add (&columns, "(s@as@ad@at)", encoded->name,
                             prep_variant_new_strings (encoded->levels),
                             g_variant_new_fixed_array (G_VARIANT_TYPE_DOUBLE,
                                                        encoded->encoding->data,
                                                        encoded->encoding->len, sizeof (double)),
                             g_variant_new_fixed_array (G_VARIANT_TYPE_UINT64,
                                                        encoded->counts->data,
                                                        encoded->counts->len, sizeof (guint64)));
    }

  g_variant_dict_insert_value (&dict, "columns", g_variant_builder_end (&columns));
  g_variant_dict_insert_value (&dict, "outputs", prep_variant_new_strings (self->outputs));
  g_variant_dict_insert_value (&dict, "prior",
                               g_variant_new_fixed_array (G_VARIANT_TYPE_DOUBLE,
                                                          self->prior->data, self->prior->len,
                                                          sizeof (double)));
  g_variant_dict_insert (&dict, "used-folds", "u", self->used_folds);

  return g_variant_ref_sink (g_variant_dict_end (&dict));
}

static gboolean
orchard_target_encode_step_load_state (OrchardStep  *step,
                                       GVariant     *state,
                                       GError      **error)
{
  OrchardTargetEncodeStep *self = ORCHARD_TARGET_ENCODE_STEP (step);
  g_autoptr(GVariant) columns = NULL;
  g_autoptr(GVariant) outputs = NULL;
  g_autoptr(GVariant) prior = NULL;
  g_autoptr(GVariant) used_folds = NULL;
  GVariantIter iter;
  const char *name;
  GVariant *levels;
  GVariant *encoding;
  GVariant *counts;
  gconstpointer data;
  gsize n;

  if (!prep_state_lookup (state, "columns", "a(sasadat)", STEP_ID, &columns, error) ||
      !prep_state_lookup (state, "outputs", "as", STEP_ID, &outputs, error) ||
      !prep_state_lookup (state, "prior", "ad", STEP_ID, &prior, error) ||
      !prep_state_lookup (state, "used-folds", "u", STEP_ID, &used_folds, error))
    return FALSE;

  if (g_variant_n_children (outputs) == 0 ||
      g_variant_n_children (prior) != g_variant_n_children (outputs))
    return prep_state_error (STEP_ID, "outputs and prior differ in length", error);

  start_fit (self);
  g_ptr_array_unref (self->outputs);
  self->outputs = prep_variant_get_strings (outputs);
  data = g_variant_get_fixed_array (prior, &n, sizeof (double));
  g_array_append_vals (self->prior, data, n);
  self->used_folds = g_variant_get_uint32 (used_folds);

  g_variant_iter_init (&iter, columns);
  while (g_variant_iter_next (&iter, "(&s@as@ad@at)", &name, &levels, &encoding, &counts))
    {
      g_autoptr(GVariant) owned_levels = levels;
      g_autoptr(GVariant) owned_encoding = encoding;
      g_autoptr(GVariant) owned_counts = counts;
      gsize n_levels = g_variant_n_children (levels);
      Encoded *encoded;

      if (g_variant_n_children (encoding) != (n_levels + 1) * self->outputs->len ||
          g_variant_n_children (counts) != n_levels + 1)
        return prep_state_error (STEP_ID, "an encoding does not match its levels", error);

      encoded = encoded_new (name);
      g_ptr_array_unref (encoded->levels);
      encoded->levels = prep_variant_get_strings (levels);
      data = g_variant_get_fixed_array (encoding, &n, sizeof (double));
      g_array_append_vals (encoded->encoding, data, n);
      data = g_variant_get_fixed_array (counts, &n, sizeof (guint64));
      g_array_append_vals (encoded->counts, data, n);
      g_ptr_array_add (self->encoded, encoded);
      add_sources (self, encoded);
    }

  return TRUE;
}

static char *
orchard_target_encode_step_describe (OrchardStep *step)
{
  OrchardTargetEncodeStep *self = ORCHARD_TARGET_ENCODE_STEP (step);
  guint n;

  if (orchard_step_is_fitted (step))
    n = self->encoded->len;
  else if (self->columns != NULL)
    n = g_strv_length (self->columns);
  else
    return g_strdup_printf (_("Target-encode every categorical column (%u folds)"), self->folds);

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Target-encode %u column (%u folds)",
                                       "Target-encode %u columns (%u folds)", n),
                          n, self->folds);
}

static GVariant *
orchard_target_encode_step_get_report (OrchardStep *step)
{
  OrchardTargetEncodeStep *self = ORCHARD_TARGET_ENCODE_STEP (step);
  g_auto(GVariantDict) report = G_VARIANT_DICT_INIT (NULL);
  GVariantBuilder columns;

  g_variant_builder_init (&columns, G_VARIANT_TYPE ("a{sa{sv}}"));
  for (guint i = 0; i < self->encoded->len; i++)
    {
      Encoded *encoded = g_ptr_array_index (self->encoded, i);
      GVariantBuilder column;

      g_variant_builder_init (&column, G_VARIANT_TYPE_VARDICT);
      g_variant_builder_add (&column, "{sv}", "levels", prep_variant_new_strings (encoded->levels));
      g_variant_builder_add (&column, "{sv}", "level_rows",
                             g_variant_new_fixed_array (G_VARIANT_TYPE_UINT64,
                                                        encoded->counts->data,
                                                        encoded->counts->len - 1,
                                                        sizeof (guint64)));
      g_variant_builder_add (&column, "{sv}", "missing_rows",
                             g_variant_new_uint64 (g_array_index (encoded->counts, guint64,
                                                                  encoded->counts->len - 1)));
      g_variant_builder_add (&columns, "{sa{sv}}", encoded->name, &column);
    }

  g_variant_dict_insert_value (&report, "columns", g_variant_builder_end (&columns));
  g_variant_dict_insert_value (&report, "outputs", prep_variant_new_strings (self->outputs));
  g_variant_dict_insert_value (&report, "prior",
                               g_variant_new_fixed_array (G_VARIANT_TYPE_DOUBLE,
                                                          self->prior->data, self->prior->len,
                                                          sizeof (double)));
  g_variant_dict_insert (&report, "folds", "u", self->used_folds);

  if (self->used_folds == 0)
    return prep_report_finish (&report,
                               g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             "Target-encoded %u column; too few "
                                                             "labelled rows to encode out of fold",
                                                             "Target-encoded %u columns; too few "
                                                             "labelled rows to encode out of fold",
                                                             self->encoded->len),
                                                self->encoded->len));

  return prep_report_finish (&report,
                             g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                           "Target-encoded %u column, training "
                                                           "rows out of fold (%u folds)",
                                                           "Target-encoded %u columns, training "
                                                           "rows out of fold (%u folds)",
                                                           self->encoded->len),
                                              self->encoded->len, self->used_folds));
}

static const char *
orchard_target_encode_step_get_source (OrchardStep *step,
                                       const char  *column)
{
  OrchardTargetEncodeStep *self = ORCHARD_TARGET_ENCODE_STEP (step);

  return self->sources != NULL ? g_hash_table_lookup (self->sources, column) : NULL;
}

static void
step_iface_init (OrchardStepInterface *iface)
{
  iface->fit = orchard_target_encode_step_fit;
  iface->transform = orchard_target_encode_step_transform;
  iface->save_state = orchard_target_encode_step_save_state;
  iface->load_state = orchard_target_encode_step_load_state;
  iface->describe = orchard_target_encode_step_describe;
  iface->get_report = orchard_target_encode_step_get_report;
  iface->get_source = orchard_target_encode_step_get_source;
}

static void
orchard_target_encode_step_finalize (GObject *object)
{
  OrchardTargetEncodeStep *self = (OrchardTargetEncodeStep *)object;

  g_clear_pointer (&self->encoded, g_ptr_array_unref);
  g_clear_pointer (&self->outputs, g_ptr_array_unref);
  g_clear_pointer (&self->prior, g_array_unref);
  g_clear_pointer (&self->sources, g_hash_table_unref);
  g_clear_pointer (&self->columns, g_strfreev);

  G_OBJECT_CLASS (orchard_target_encode_step_parent_class)->finalize (object);
}

static void
orchard_target_encode_step_get_property (GObject    *object,
                                         guint       prop_id,
                                         GValue     *value,
                                         GParamSpec *pspec)
{
  OrchardTargetEncodeStep *self = ORCHARD_TARGET_ENCODE_STEP (object);

  switch (prop_id)
    {
    case PROP_SMOOTHING:
      g_value_set_double (value, self->smoothing);
      break;
    case PROP_FOLDS:
      g_value_set_uint (value, self->folds);
      break;
    case PROP_SEED:
      g_value_set_uint64 (value, self->seed);
      break;
    case PROP_COLUMNS:
      g_value_set_boxed (value, self->columns);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
orchard_target_encode_step_set_property (GObject      *object,
                                         guint         prop_id,
                                         const GValue *value,
                                         GParamSpec   *pspec)
{
  OrchardTargetEncodeStep *self = ORCHARD_TARGET_ENCODE_STEP (object);

  switch (prop_id)
    {
    case PROP_SMOOTHING:
      prep_set_double (object, pspec, &self->smoothing, value);
      break;
    case PROP_FOLDS:
      prep_set_uint (object, pspec, &self->folds, value);
      break;
    case PROP_SEED:
      prep_set_uint64 (object, pspec, &self->seed, value);
      break;
    case PROP_COLUMNS:
      prep_set_strv (object, pspec, &self->columns, value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
orchard_target_encode_step_class_init (OrchardTargetEncodeStepClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = orchard_target_encode_step_finalize;
  object_class->get_property = orchard_target_encode_step_get_property;
  object_class->set_property = orchard_target_encode_step_set_property;

  properties[PROP_SMOOTHING] =
    g_param_spec_double ("smoothing",
                         _("Smoothing"),
                         _("How many rows' worth of the overall mean each level's mean is "
                           "blended with; larger values trust small levels less"),
                         0.0, 1e6, 10.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FOLDS] =
    g_param_spec_uint ("folds",
                       _("Folds"),
                       _("Into how many folds the training rows are split, so that each is "
                         "encoded without its own target"),
                       2, 100, 5,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SEED] =
    g_param_spec_uint64 ("seed",
                         _("Seed"),
                         _("Seeds the random assignment of rows to folds"),
                         0, G_MAXINT64, 0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COLUMNS] = prep_param_spec_columns ();

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
orchard_target_encode_step_init (OrchardTargetEncodeStep *self)
{
  self->smoothing = 10.0;
  self->folds = 5;
}

/**
 * orchard_target_encode_step_new:
 *
 * Returns: (transfer full): a new step that target-encodes every
 *   categorical feature
 */
OrchardStep *
orchard_target_encode_step_new (void)
{
  return g_object_new (ORCHARD_TYPE_TARGET_ENCODE_STEP, NULL);
}
